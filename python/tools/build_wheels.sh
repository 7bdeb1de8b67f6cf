#!/usr/bin/env bash
# `make wheels`: the release wheels for Linux x86_64, each built by its own CPython in a Debian
# root, tagged manylinux_2_28, and tested in bare roots of the Debian releases that carry it.
#
#   python/tools/build_wheels.sh [TAG ...]     TAG: cp311 cp313 cp314 cp315 (default: all)
#
# How a wheel runs on glibc 2.28 (RHEL 8 and later) although every root here is newer: the
# compiler is zig (PyPI's ziglang), which links against the symbol versions of the glibc it
# targets and links LLVM's C++ library statically, so the extension needs only libc, libm and
# libpthread. ICU and libstemmer are built once by build_wheel_deps.sh with the same compiler
# and linked statically; the extension itself is built by `pip wheel` from the sdist, with the
# target CPython's headers (python3.X-dev) in a root of the release that carries it.
#
# Steps, each logged under build/wheels/logs: zig; the static dependencies; the sdist; the
# packages for building and testing, downloaded once (the roots install them offline); a bare
# root per Debian release (debootstrap: python3 and venv only) and a build root beside it (the
# bare one plus python3.X-dev); per wheel, the build, `auditwheel repair` (which checks the
# symbol versions and sets the tag) into dist/, and the tests: the wheel installed offline in each
# bare root that has its Python, then tests/wheel/run_tests.sh (the smoke test, the CLI, the
# Python suite without the tests that need the source tree or a compiler).
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/as-root.sh
repo=$(pwd)
python=${PYTHON:-$repo/.venv/bin/python}
work=$repo/build/wheels
dist=$repo/dist
glibc=2.28
zig_version=0.17.1
mirror=http://deb.debian.org/debian

# The wheels: tag, the Debian release whose Python builds it, the releases it is tested on.
# Python 3.12 is in no Debian release: cibuildwheel builds it ([tool.cibuildwheel]).
declare -A built_on=([cp311]=bookworm [cp313]=trixie [cp314]=forky [cp315]=forky)
declare -A tested_on=([cp311]="bookworm" [cp313]="trixie forky" [cp314]="forky" [cp315]="forky")
tags=("$@")
[ ${#tags[@]} -gt 0 ] || tags=(cp311 cp313 cp314 cp315)
for tag in "${tags[@]}"; do
  [ -n "${built_on[$tag]:-}" ] || { echo "build_wheels: no wheel $tag (known: ${!built_on[*]})" >&2; exit 2; }
done
python_of() { echo "python${1:2:1}.${1:3}"; }  # cp313 -> python3.13

# What this script and build_wheel_deps.sh run on the host (the roots bring their own).
bash .ci/install-deps debootstrap debian-archive-keyring curl bzip2 make perl
mkdir -p "$work/logs" "$dist"
started=$SECONDS
log() { printf '== [%d:%02d] %s\n' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)) "$*"; }

# Bind mounts into the roots are undone on every exit, before anything could delete a root.
unmount_all() {
  { findmnt -rn -o TARGET | grep "^$work/roots/" || true; } | sort -r | while read -r target; do
    as_root umount -l "$target" || true
  done
}
trap unmount_all EXIT
bind() {  # bind HOST_DIR ROOT_DIR
  as_root mkdir -p "$2"
  as_root mount --bind "$1" "$2"
}

log "zig $zig_version (x86_64-linux-gnu.$glibc)"
zig=$work/zig
if [ ! -x "$zig/ziglang/zig" ] || [ "$("$zig/ziglang/zig" version)" != "$zig_version" ]; then
  rm -rf "$zig" && mkdir -p "$zig"
  "$python" -m pip download -q --no-deps --only-binary=:all: -d "$work/downloads" "ziglang==$zig_version"
  "$python" -m zipfile -e "$work"/downloads/ziglang-"$zig_version"-*.whl "$zig"
  chmod +x "$zig/ziglang/zig"
fi
# The compiler is called from the roots too: the wrappers name zig where it is mounted there.
write_wrappers() {  # write_wrappers DIR ZIG
  mkdir -p "$1"
  for tool in cc c++; do
    printf '#!/bin/sh\nexec %s %s -target x86_64-linux-gnu.%s "$@"\n' "$2" "$tool" "$glibc" > "$1/$tool"
  done
  for tool in ar ranlib; do
    printf '#!/bin/sh\nexec %s %s "$@"\n' "$2" "$tool" > "$1/$tool"
  done
  chmod +x "$1"/*
}
write_wrappers "$zig/host-bin" "$zig/ziglang/zig"
write_wrappers "$zig/root-bin" /opt/zig/ziglang/zig
export ZIG_GLOBAL_CACHE_DIR=$work/zig-cache

log "static dependencies (build_wheel_deps.sh)"
CC=$zig/host-bin/cc CXX=$zig/host-bin/c++ AR=$zig/host-bin/ar RANLIB=$zig/host-bin/ranlib \
  CMAKE="$(dirname "$python")/cmake" PRECIS_DEPS_DOWNLOADS=$work/downloads \
  bash python/tools/build_wheel_deps.sh "$work/deps" > "$work/logs/deps.log" 2>&1 \
  || { tail -30 "$work/logs/deps.log"; exit 1; }
tail -1 "$work/logs/deps.log"

# The wheel carries the licences of what is linked into it: ICU, Snowball and, from zig, LLVM's
# C++ library, its ABI library and unwinder, and zig's compiler runtime.
rm -rf "$work/licences" && mkdir -p "$work/licences"
cp "$work"/deps/share/licences/* "$work/licences/"
for part in libcxx libcxxabi libunwind; do cp "$zig/ziglang/lib/$part/LICENSE.TXT" "$work/licences/LLVM-$part.txt"; done
cp "$zig/ziglang/LICENSE" "$work/licences/zig.txt"

log "sdist"
rm -rf "$work/sdist"
"$python" -m build --sdist --no-isolation --outdir "$work/sdist" . > "$work/logs/sdist.log" 2>&1 \
  || { cat "$work/logs/sdist.log"; exit 1; }
sdist=$(ls "$work"/sdist/precis-*.tar.gz)

log "packages for building and testing, downloaded once"
# The build tools are pure Python or version-independent binaries; the test packages per Python.
# A root installs every file of its wheelhouse, so each is made afresh (pip's cache on the host
# keeps that quick).
rm -rf "$work/wheelhouse"
"$python" -m pip download -q --only-binary=:all: -d "$work/wheelhouse/build" --group wheel-build
for tag in "${tags[@]}"; do
  version=$(python_of "$tag")
  "$python" -m pip download -q --only-binary=:all: --python-version "${version#python}" --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform linux_x86_64 \
    -d "$work/wheelhouse/$tag" --group wheel-test
done

# Roots, made once per clone and package list: per release a bare one (python3, venv, and every
# Python tested there with its venv module) and, where wheels are built, a build root with those
# Pythons' headers.
make_root() {  # make_root NAME RELEASE PACKAGE...
  local name=$1 root=$work/roots/$1 release=$2 script packages
  shift 2
  packages=$(printf '%s\n' python3 python3-venv "$@" | sort -u | paste -sd, -)
  if [ -f "$root/.packages" ] && [ "$(cat "$root/.packages")" = "$packages" ]; then return; fi
  log "root $name: debootstrap $release with $packages"
  unmount_all
  as_root rm -rf "$root"
  # Releases newer than this debootstrap have no script of their own; sid's fits every testing.
  script=/usr/share/debootstrap/scripts/$release
  [ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid
  as_root debootstrap --variant=minbase --include="$packages" "$release" "$root" "$mirror" "$script" \
    > "$work/logs/root-$name.log" 2>&1 || { tail -20 "$work/logs/root-$name.log"; exit 1; }
  unmount_all  # debootstrap can leave /proc mounted
  echo "$packages" | as_root tee "$root/.packages" > /dev/null
}
declare -A build_packages=() test_packages=()
for tag in "${tags[@]}"; do
  p=$(python_of "$tag")
  # g++ is not what builds the wheels (zig is): it lets the sdist check below show the message
  # about the missing libraries rather than a missing compiler.
  build_packages[${built_on[$tag]}]+=" $p-dev $p-venv g++"
  for release in ${tested_on[$tag]}; do test_packages[$release]+=" $p $p-venv"; done
done
for release in "${!test_packages[@]}"; do make_root "$release" "$release" ${test_packages[$release]}; done
for release in "${!build_packages[@]}"; do make_root "$release-build" "$release" ${build_packages[$release]}; done

# Inside a root: /proc (zig finds itself through /proc/self/exe), /dev/shm (multiprocessing) and
# the host's folders the step needs.
enter() {  # enter ROOT [HOST_DIR:ROOT_DIR ...] -- COMMAND: runs COMMAND with sh in ROOT
  local root=$work/roots/$1
  shift
  as_root mount -t proc proc "$root/proc"
  as_root mount -t tmpfs tmpfs "$root/dev/shm"
  while [ "$1" != -- ]; do bind "${1%%:*}" "$root${1#*:}"; shift; done
  shift
  local status=0
  as_root chroot "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
    /bin/sh -c "$1" || status=$?
  unmount_all
  return $status
}

for tag in "${tags[@]}"; do
  p=$(python_of "$tag")
  release=${built_on[$tag]}
  log "$tag: build with $p in $release (log: build/wheels/logs/build-$tag.log)"
  rm -rf "$work/out-$tag" && mkdir -p "$work/out-$tag" "$ZIG_GLOBAL_CACHE_DIR"
  # The same paths in every build root, so zig's cache serves the C++ library to every Python.
  enter "$release-build" "$zig:/opt/zig" "$ZIG_GLOBAL_CACHE_DIR:/opt/zig-cache" "$work/deps:/opt/deps" \
    "$work/wheelhouse/build:/opt/wheelhouse" "$work/sdist:/opt/sdist" "$work/out-$tag:/opt/out" \
    "$work/licences:/opt/licences" -- "
    set -e
    rm -rf /opt/venv /opt/precis-src /opt/precis-build /opt/python-include
    $p -m venv /opt/venv
    /opt/venv/bin/pip install -q --no-cache-dir --no-index /opt/wheelhouse/*.whl
    mkdir /opt/precis-src && tar xzf /opt/sdist/$(basename "$sdist") -C /opt/precis-src --strip-components=1
    # Debian keeps pyconfig.h under the multiarch folder, which zig (bringing its own libc headers
    # for the target glibc) does not search: that one folder is offered to it.
    mkdir -p /opt/python-include/x86_64-linux-gnu
    ln -sfn /usr/include/x86_64-linux-gnu/$p /opt/python-include/x86_64-linux-gnu/$p
    export CXXFLAGS='-isystem /opt/python-include'
    # zig's C++ library carries debug information; a release extension does not.
    export LDFLAGS=-Wl,--strip-all
    export CC=/opt/zig/root-bin/cc CXX=/opt/zig/root-bin/c++ AR=/opt/zig/root-bin/ar \
      RANLIB=/opt/zig/root-bin/ranlib ZIG_GLOBAL_CACHE_DIR=/opt/zig-cache CMAKE_PREFIX_PATH=/opt/deps \
      CMAKE_BUILD_PARALLEL_LEVEL=${JOBS:-2}
    PATH=/opt/venv/bin:\$PATH /opt/venv/bin/pip wheel -v --no-cache-dir --no-build-isolation --no-deps -w /opt/out \
      --config-settings=build-dir=/opt/precis-build --config-settings=cmake.define.CMAKE_AR=/opt/zig/root-bin/ar \
      --config-settings=cmake.define.CMAKE_RANLIB=/opt/zig/root-bin/ranlib \
      --config-settings=cmake.define.PRECIS_BUNDLED_LICENCES=/opt/licences /opt/precis-src
  " > "$work/logs/build-$tag.log" 2>&1 || { tail -40 "$work/logs/build-$tag.log"; exit 1; }

  log "$tag: auditwheel repair --plat manylinux_${glibc/./_}_x86_64"
  rm -f "$dist"/precis-*-"$tag"-*.whl
  PATH="$(dirname "$python"):$PATH" "$python" -m auditwheel repair --plat "manylinux_${glibc/./_}_x86_64" -w "$dist" "$work"/out-"$tag"/precis-*.whl \
    > "$work/logs/repair-$tag.log" 2>&1 || { cat "$work/logs/repair-$tag.log"; exit 1; }
  wheel=$(ls "$dist"/precis-*-"$tag"-*.whl)
  "$python" -m auditwheel show "$wheel" | tee "$work/logs/show-$tag.log" | sed 's/^/   /'

  for release in ${tested_on[$tag]}; do
    log "$tag: test in the bare $release root (log: build/wheels/logs/test-$tag-$release.log)"
    test_dir=$work/test-$tag-$release
    rm -rf "$test_dir" && mkdir -p "$test_dir/tests"
    cp "$wheel" "$test_dir/" && cp -r tests/python tests/wheel "$test_dir/tests/"
    # pyproject.toml for pytest's settings (warnings are errors, strict markers), examples/ for the sample.
    cp -r pyproject.toml examples "$test_dir/"
    enter "$release" "$test_dir:/opt/precis-test" "$work/wheelhouse/$tag:/opt/wheelhouse" -- "
      set -e
      cd /opt/precis-test
      rm -rf /opt/venv
      $p -m venv /opt/venv
      /opt/venv/bin/pip install -q --no-cache-dir --no-index ./$(basename "$wheel") /opt/wheelhouse/*.whl
      bash tests/wheel/run_tests.sh /opt/venv/bin/python
    " > "$work/logs/test-$tag-$release.log" 2>&1 || { tail -60 "$work/logs/test-$tag-$release.log"; exit 1; }
    tail -1 "$work/logs/test-$tag-$release.log" | sed 's/^/   /'
  done
done

# The sdist on each release that builds a wheel, with that release's g++: in the build root
# (no development packages) it must stop with the message that names them all; in a root with the
# release's own packages it must build, install and pass the smoke test.
sdist_packages="libicu-dev libeigen3-dev nlohmann-json3-dev libstemmer-dev"
for release in $(for tag in "${tags[@]}"; do echo "${built_on[$tag]}"; done | sort -u); do
  for tag in "${tags[@]}"; do [ "${built_on[$tag]}" = "$release" ] && p=$(python_of "$tag") && break; done
  make_root "$release-sdist" "$release" "$p-dev" "$p-venv" g++ $sdist_packages
  for root in "$release-build" "$release-sdist"; do
    log "sdist with $p in $root (log: build/wheels/logs/$root.log)"
    status=0
    enter "$root" "$work/wheelhouse/build:/opt/wheelhouse" "$work/sdist:/opt/sdist" "$repo/tests/wheel:/opt/tests" -- "
      set -e
      rm -rf /opt/sdist-venv /opt/out
      $p -m venv /opt/sdist-venv
      /opt/sdist-venv/bin/pip install -q --no-cache-dir --no-index /opt/wheelhouse/*.whl
      PATH=/opt/sdist-venv/bin:\$PATH CMAKE_BUILD_PARALLEL_LEVEL=${JOBS:-2} /opt/sdist-venv/bin/pip wheel \
        --no-cache-dir --no-build-isolation --no-deps -w /opt/out /opt/sdist/$(basename "$sdist")
      /opt/sdist-venv/bin/pip install -q --no-cache-dir --no-index /opt/out/precis-*.whl
      /opt/sdist-venv/bin/python /opt/tests/smoke.py
    " > "$work/logs/$root.log" 2>&1 || status=$?
    if [ "$root" = "$release-sdist" ]; then
      [ $status -eq 0 ] || { tail -40 "$work/logs/$root.log"; exit 1; }
      echo "   built, installed and smoke-tested"
    else
      for package in $sdist_packages; do
        grep -q "$package" "$work/logs/$root.log" || { tail -40 "$work/logs/$root.log"; echo "build_wheels: the sdist's failure without $package does not name it" >&2; exit 1; }
      done
      [ $status -ne 0 ] || { echo "build_wheels: the sdist built without $sdist_packages" >&2; exit 1; }
      grep -A6 "these development packages are missing" "$work/logs/$root.log" | sed 's/^ */   /'
    fi
  done
done

log "wheels in dist/"
ls -l "$dist"/precis-*manylinux_"${glibc/./_}"*.whl
