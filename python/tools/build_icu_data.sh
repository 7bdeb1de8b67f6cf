#!/usr/bin/env bash
# Builds an ICU data library holding only the data precis uses, for wheels.
#
#   python/tools/build_icu_data.sh --shared OUT_DIR         from the system's libicudata.so.NN:
#       OUT_DIR/libicudata.so.NN, which `make wheel`'s repair bundles (it finds it first, through
#       LD_LIBRARY_PATH) instead of the full one
#   python/tools/build_icu_data.sh --static FULL.dat OUT.a  from a full data package (ICU's
#       source/data/in/icudtNNl.dat): a static archive (build_wheel_deps.sh, release wheels)
#
# A full libicudata (about 31 MB) carries every locale's collation, formatting, conversion and
# time-zone data. precis needs break iteration (rules and the CJK/Thai/Lao/Khmer/Burmese
# dictionaries), NFKC and NFKC_Casefold normalization, and the emoji and layout properties the
# break rules read: about 3.8 MB. Same ICU version, same symbol (icudtNN_dat), made with ICU's own
# tools (icupkg and genccode from PATH) and the compiler in CC (AR for the archive).
set -euo pipefail
mode=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# icupkg wants the file named after the package, so the full and the cut one live in two folders.
mkdir -p "$work/full" "$work/filtered"

case "$mode" in
  --shared)
    out=$2
    major=$(pkg-config --modversion icu-uc | cut -d. -f1)
    package=icudt${major}l
    # The data is the library's read-only section: one ICU common-data package.
    objcopy -O binary --only-section=.rodata \
      "$(pkg-config --variable=libdir icu-uc)/libicudata.so.$major" "$work/full/$package.dat"
    ;;
  --static)
    out=$3
    package=$(basename "$2" .dat)
    major=${package//[!0-9]/}
    cp "$2" "$work/full/$package.dat"
    ;;
  *)
    echo "usage: build_icu_data.sh --shared OUT_DIR | --static FULL.dat OUT.a" >&2
    exit 2
    ;;
esac

# What precis reads (a missing item shows up as a test failure, not silently: the C++ and Python
# suites run against the repaired wheel, and the CJK/Thai dictionary tests need these).
icupkg -l "$work/full/$package.dat" > "$work/all.txt"
grep -E '^(brkitr/.*|nfkc\.nrm|nfkc_cf\.nrm|uemoji\.icu|ulayout\.icu|res_index\.res|pool\.res|likelySubtags\.res|metadata\.res)$' \
  "$work/all.txt" > "$work/keep.txt"
grep -vxF -f "$work/keep.txt" "$work/all.txt" > "$work/remove.txt"
icupkg -r "$work/remove.txt" "$work/full/$package.dat" "$work/filtered/$package.dat"
# The assembly dialect of the platform's linker (macOS: Mach-O sections).
assembly=gcc
[ "$(uname)" = Darwin ] && assembly=gcc-darwin
genccode -q -a "$assembly" -e "icudt$major" -d "$work" "$work/filtered/$package.dat"

if [ "$mode" = --shared ]; then
  mkdir -p "$out"
  out=$out/libicudata.so.$major
  "${CC:-cc}" -shared -o "$out" -Wl,-soname,"libicudata.so.$major" "$work/${package}_dat.S"
else
  mkdir -p "$(dirname "$out")"
  "${CC:-cc}" -c -o "$work/${package}_dat.o" "$work/${package}_dat.S"
  rm -f "$out"
  "${AR:-ar}" rcs "$out" "$work/${package}_dat.o"
fi
echo "$out: $(wc -l < "$work/keep.txt") of $(wc -l < "$work/all.txt") data items, $(du -h "$out" | cut -f1)"
