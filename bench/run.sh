#!/usr/bin/env bash
# The switch benchmark on every wasio target: native, the WASI build on
# node:wasi, and on Wasmtime when it is installed. Median of 5 runs each.
#   usage: bench/run.sh [SWITCHES]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
runs=5

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rate() { sed -E 's/.*: ([0-9.]+) M switches\/s/\1/'; }

measure() {
  local label=$1; shift
  local rates=()
  for _ in $(seq $runs); do rates+=("$("$@" "$n" | rate)"); done
  printf '%-28s %8s M switches/s  (median of %d: %s)\n' "$label" \
    "$(printf '%s\n' "${rates[@]}" | median)" "$runs" "${rates[*]}"
}

echo "switch: two tasks ping-pong through sleep(0), $n switches"
measure "native ($(uname -m))" build/native/bench-switch
measure "WASI on node:wasi $(node --version)" env WASIO_WASM=build/wasi/bench-switch.wasm node wasi/wasio.mjs
wasmtime=$(python3 -c 'import wasmtime_cli; print(wasmtime_cli._binary_path())' 2>/dev/null || command -v wasmtime || true)
if [ -n "$wasmtime" ] && [ -x "$wasmtime" ]; then
  measure "WASI on $("$wasmtime" --version | cut -d' ' -f1-2)" "$wasmtime" run build/wasi/bench-switch.wasm
else
  echo "WASI on wasmtime: SKIP (no wasmtime CLI; run make deps)"
fi
