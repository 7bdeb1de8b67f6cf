#!/usr/bin/env bash
# Builds what a release wheel is compiled against, from pinned sources, into PREFIX: ICU's common
# library with its data cut to what precis reads (build_icu_data.sh) and Snowball's libstemmer,
# both static and position-independent, with their licences (PREFIX/share/licences), and the
# header-only Eigen and nlohmann_json, so that every wheel is built from the same versions
# whatever the build system carries.
#
#   python/tools/build_wheel_deps.sh PREFIX
#
# The compilers are the environment's CC, CXX, AR and RANLIB: zig targeting an old glibc for
# `make wheels`, the manylinux image's or the platform's own compiler under cibuildwheel. Sources
# are Debian's copies of the upstream tarballs (the versions of Debian 12's packages, so a wheel
# segments exactly as the development build does), checked against their SHA-256; CMAKE (default
# cmake) installs the header-only ones. A
# tarball already in PRECIS_DEPS_DOWNLOADS (default PREFIX/../downloads) is not fetched again.
set -euo pipefail
prefix=$(mkdir -p "$1" && cd "$1" && pwd)
tools=$(cd "$(dirname "$0")" && pwd)
downloads=${PRECIS_DEPS_DOWNLOADS:-$prefix/../downloads}
jobs=${JOBS:-2}
: "${CC:=cc}" "${CXX:=c++}" "${AR:=ar}" "${RANLIB:=ranlib}" "${CMAKE:=cmake}"
export CC CXX AR RANLIB

icu_version=72.1
icu_sha256=a2d2d38217092a7ed56635e34467f92f976b370e20182ad325edea6681a71d68
snowball_version=2.2.0
snowball_sha256=425cdb5fba13a01db59a1713780f0662e984204f402d3dae1525bda9e6d30f1a
eigen_version=3.4.0
eigen_sha256=b4c198460eba6f28d34894e3a5710998818515104d6e74e5cc331ce31e46e626
json_version=3.11.2
json_sha256=d69f9deb6a75e2580465c6c4c5111b89c4dc2fa94e3a85fcd2ffcd9a143d9273
pool=https://deb.debian.org/debian/pool/main

# sha256sum on Linux, shasum on macOS.
sha256_check="sha256sum -c --quiet"
command -v sha256sum > /dev/null || sha256_check="shasum -a 256 -c -s"
fetch() {  # fetch URL SHA256: prints the path of the verified tarball
  local file
  file=$downloads/$(basename "$1")
  mkdir -p "$downloads"
  if [ ! -f "$file" ]; then
    curl -fsSL --retry 3 -o "$file.part" "$1"
    mv "$file.part" "$file"
  fi
  echo "$2  $file" | $sha256_check - >&2 || { echo "build_wheel_deps: $file does not match its SHA-256" >&2; exit 1; }
  echo "$file"
}

work=$prefix/../deps-build
rm -rf "$work" && mkdir -p "$work" "$prefix/lib" "$prefix/include" "$prefix/share/licences"
# Each library is built once into PREFIX; its stamp names the version.
built() { [ -f "$prefix/.built-$1" ]; }

if ! built icu-$icu_version; then
echo "== ICU $icu_version (static, common library only)"
tar xzf "$(fetch "$pool/i/icu/icu_$icu_version.orig.tar.gz" $icu_sha256)" -C "$work"
mkdir -p "$work/icu-build"
(
  cd "$work/icu-build"
  # The tools (icupkg, genccode) are built too: they cut the data below.
  CFLAGS="-O2 -fPIC" CXXFLAGS="-O2 -fPIC -std=c++17" ../icu/source/configure --prefix="$prefix" \
    --enable-static --disable-shared --with-data-packaging=static --disable-dyload \
    --disable-tests --disable-samples --disable-extras --disable-icuio --disable-layoutex \
    > configure.log 2>&1 || { cat configure.log; exit 1; }
  make -j"$jobs" > make.log 2>&1 || { tail -40 make.log; exit 1; }
  make install > install.log 2>&1 || { tail -40 install.log; exit 1; }
)
cp "$work/icu/LICENSE" "$prefix/share/licences/ICU.txt"
# The full data (31 MB) is replaced by the items precis reads.
PATH="$prefix/bin:$prefix/sbin:$PATH" bash "$tools/build_icu_data.sh" --static \
  "$work/icu/source/data/in/icudt${icu_version%%.*}l.dat" "$prefix/lib/libicudata.a"
touch "$prefix/.built-icu-$icu_version"
fi

if ! built snowball-$snowball_version; then
echo "== Snowball $snowball_version (libstemmer)"
tar xzf "$(fetch "$pool/s/snowball/snowball_$snowball_version.orig.tar.gz" $snowball_sha256)" -C "$work"
make -C "$work/snowball-$snowball_version" -j"$jobs" libstemmer.a CC="$CC" AR="$AR" \
  CFLAGS="-O2 -fPIC" > "$work/snowball.log" 2>&1 || { tail -40 "$work/snowball.log"; exit 1; }
cp "$work/snowball-$snowball_version/libstemmer.a" "$prefix/lib/"
cp "$work/snowball-$snowball_version/include/libstemmer.h" "$prefix/include/"
cp "$work/snowball-$snowball_version/COPYING" "$prefix/share/licences/Snowball.txt"
touch "$prefix/.built-snowball-$snowball_version"
fi

if ! built eigen-$eigen_version-json-$json_version; then
echo "== Eigen $eigen_version and nlohmann_json $json_version (headers and CMake packages)"
tar xjf "$(fetch "$pool/e/eigen3/eigen3_$eigen_version.orig.tar.bz2" $eigen_sha256)" -C "$work"
tar xzf "$(fetch "$pool/n/nlohmann-json3/nlohmann-json3_$json_version.orig.tar.gz" $json_sha256)" -C "$work"
for source in "$work"/eigen-"$eigen_version" "$work"/json-"$json_version"; do
  "$CMAKE" -S "$source" -B "$source/build" -DCMAKE_INSTALL_PREFIX="$prefix" -DBUILD_TESTING=OFF \
    -DEIGEN_BUILD_DOC=OFF -DJSON_BuildTests=OFF -DCMAKE_POLICY_VERSION_MINIMUM=3.5 > "$source.log" 2>&1 || { cat "$source.log"; exit 1; }
  "$CMAKE" --install "$source/build" >> "$source.log" 2>&1 || { cat "$source.log"; exit 1; }
done
touch "$prefix/.built-eigen-$eigen_version-json-$json_version"
fi

rm -rf "$work"
echo "build_wheel_deps: $(du -sh "$prefix/lib" | cut -f1) of static libraries in $prefix/lib"
