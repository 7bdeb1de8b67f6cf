#!/usr/bin/env bash
# Builds a small libicudata.so.NN holding only the ICU data precis uses, for wheels.
#
#   python/tools/build_icu_data.sh OUT_DIR
#
# The system's libicudata (about 31 MB) carries every locale's collation, formatting, conversion
# and time-zone data. precis needs break iteration (rules and the CJK/Thai/Lao/Khmer/Burmese
# dictionaries), NFKC and NFKC_Casefold normalization, and the emoji and layout properties the
# break rules read: about 3.8 MB. The wheel repair (`make wheel`) finds this library first
# (LD_LIBRARY_PATH), so auditwheel bundles it instead of the full one. Same ICU version, same
# symbol (icudtNN_dat), made with ICU's own tools (icupkg, genccode from icu-devtools).
set -euo pipefail
out=$1
major=$(pkg-config --modversion icu-uc | cut -d. -f1)
library=$(pkg-config --variable=libdir icu-uc)/libicudata.so.$major
package=icudt${major}l
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The data is the library's read-only section: one ICU common-data package. (icupkg wants the
# file named after the package, so the full and the filtered one live in separate folders.)
mkdir -p "$work/full" "$work/filtered"
objcopy -O binary --only-section=.rodata "$library" "$work/full/$package.dat"
icupkg -l "$work/full/$package.dat" > "$work/all.txt"

# What precis reads (a missing item shows up as a test failure, not silently: the C++ and Python
# suites run against the repaired wheel, and the CJK/Thai dictionary tests need these).
grep -E '^(brkitr/.*|nfkc\.nrm|nfkc_cf\.nrm|uemoji\.icu|ulayout\.icu|res_index\.res|pool\.res|likelySubtags\.res|metadata\.res)$' \
  "$work/all.txt" > "$work/keep.txt"
grep -vxF -f "$work/keep.txt" "$work/all.txt" > "$work/remove.txt"
icupkg -r "$work/remove.txt" "$work/full/$package.dat" "$work/filtered/$package.dat"

genccode -q -a gcc -e "icudt$major" -d "$work" "$work/filtered/$package.dat"
cc -shared -o "$out/libicudata.so.$major" -Wl,-soname,"libicudata.so.$major" "$work/${package}_dat.S"
echo "$out/libicudata.so.$major: $(wc -l < "$work/keep.txt") of $(wc -l < "$work/all.txt") data items, $(du -h "$out/libicudata.so.$major" | cut -f1)"
