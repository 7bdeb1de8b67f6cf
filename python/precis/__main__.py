"""``python -m precis``: the command-line interface."""

from precis.cli import main

raise SystemExit(main())
