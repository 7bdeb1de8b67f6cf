# Sourced by the scripts that need root (.ci/install-deps, python/tools/build_wheels.sh).
# as_root COMMAND...: runs COMMAND as root, directly when already root (as in CI), else with sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
