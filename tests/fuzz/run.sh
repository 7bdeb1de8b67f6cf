#!/usr/bin/env bash
# Runs the libFuzzer targets built in BUILD_DIR (make fuzz, make fuzz-smoke).
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [--replay]
#
# With --replay, first runs every file of tests/fuzz/regressions/<target>/ once (each must pass);
# fuzz_linear then only replays. Then fuzzes each target for SECONDS, all targets at once (one process each), starting from the
# seeds in BUILD_DIR/corpus/<target> (tests/fuzz/make_corpus.py) and the regression inputs; new
# inputs go to BUILD_DIR/work/<target>, crashes to BUILD_DIR/artifacts/, logs to
# BUILD_DIR/logs/<target>.log; every target uses the dictionary segment.dict. Prints seconds,
# executions, exec/s, cov and ft per target and fails when any target found a crash or a
# broken invariant.
set -euo pipefail

build=$1
seconds=$2
replay=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
targets=(fuzz_segment fuzz_summarize fuzz_linear)

if [ "$replay" = "--replay" ]; then
  for target in "${targets[@]}"; do
    mapfile -t inputs < <(find "$here/regressions/$target" -type f ! -name "*.md" ! -name ".*" | sort)
    if [ ${#inputs[@]} -gt 0 ]; then
      echo "$target: replaying ${#inputs[@]} regression inputs"
      "$build/tests/fuzz/$target" "${inputs[@]}" > "$build/$target-replay.log" 2>&1 \
        || { cat "$build/$target-replay.log"; exit 1; }
    fi
  done
fi

# fuzz_linear times its runs: beside two other fuzzers on a small machine, a short smoke run
# would measure the machine's load, so with --replay it only replays; in a long run, what it
# reports is replayed alone afterwards (below).
if [ "$replay" = "--replay" ]; then
  targets=(fuzz_segment fuzz_summarize)
fi

mkdir -p "$build/artifacts" "$build/logs"
pids=()
for target in "${targets[@]}"; do
  mkdir -p "$build/work/$target" "$build/corpus/$target"
  "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=30 -max_len=4096 -dict="$here/segment.dict" \
      -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
      "$build/work/$target" "$build/corpus/$target" "$here/regressions/$target" \
      > "$build/logs/$target.log" 2>&1 &
  pids+=($!)
done

status=0
printf '%-16s %8s %10s %8s %6s %7s\n' target seconds execs exec/s cov ft
for i in "${!targets[@]}"; do
  target=${targets[$i]}
  log=$build/logs/$target.log
  if ! wait "${pids[$i]}"; then
    # fuzz_linear times its runs beside the other targets; the others are done by now, so a
    # slowness it reported is replayed on the quieter machine and counts only if it holds there.
    artifact=$(ls -t "$build/artifacts/$target-"* 2>/dev/null | head -n 1)
    if [ "$target" = fuzz_linear ] && [ -n "$artifact" ] && grep -q '^superlinear' "$log" &&
        "$build/tests/fuzz/$target" "$artifact" > "$build/logs/$target-replay.log" 2>&1; then
      echo "$target reported $artifact under load ($(grep '^superlinear' "$log")); linear when replayed alone"
      continue
    fi
    status=1
    echo "$target FAILED; the end of $log:"
    tail -n 40 "$log"
    continue
  fi
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
  printf '%-16s %8s %10s %8s %6s %7s\n' "$target" "$seconds" "$execs" "$rate" "$cov" "$ft"
done
exit $status
