"""precis: fast, Unicode-correct extractive summarization.

>>> import precis
>>> summary = precis.summarize(text, sentences=5)
>>> print(summary.text)

The engine is C++ (ICU segmentation, an inverted-index similarity graph, sparse PageRank);
this package is a thin layer over it. See ``precis.Summarizer`` for reusable, thread-safe use.
"""

from precis._api import (
    PRESETS,
    Summarizer,
    make_options,
    sentences,
    summarize,
    summarize_many,
    tokens,
)
from precis._core import (
    Diagnostics,
    GraphOptions,
    IcuError,
    InternalError,
    InvalidOptionsError,
    InvalidUtf8Error,
    ParseError,
    RankOptions,
    ScoredSentence,
    SegmentOptions,
    Segmenter,
    SelectOptions,
    Sentence,
    SummarizerError,
    SummarizerOptions,
    Summary,
    Token,
    TokenOptions,
    __version__,
)

__all__ = [
    "PRESETS",
    "Diagnostics",
    "GraphOptions",
    "IcuError",
    "InternalError",
    "InvalidOptionsError",
    "InvalidUtf8Error",
    "ParseError",
    "RankOptions",
    "ScoredSentence",
    "SegmentOptions",
    "Segmenter",
    "SelectOptions",
    "Sentence",
    "Summarizer",
    "SummarizerError",
    "SummarizerOptions",
    "Summary",
    "Token",
    "TokenOptions",
    "__version__",
    "make_options",
    "sentences",
    "summarize",
    "summarize_many",
    "tokens",
]
