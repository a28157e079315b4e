#!/usr/bin/env bash
# Timer lateness on every host: the lateness demo (1,000 sleeps of 1 ms,
# one after the other) on the native build, the WASI build on node:wasi and
# Wasmtime, and the JS host in Node beside a bare setTimeout(1) loop; in
# headless Chromium too when it is installed (make deps-browser).
set -euo pipefail
cd "$(dirname "$0")/.."
stat() { sed -E 's/.*lateness (p50 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms).*/\1/'; }

echo "lateness: 1,000 sleeps of 1 ms (p50, p99, max beyond 1 ms)"
printf '%-30s %s\n' "native ($(uname -m))" "$(build/native/wasio demo lateness | stat)"
printf '%-30s %s\n' "WASI on node:wasi $(node --version)" "$(node wasi/wasio.mjs demo lateness | stat)"
wasmtime=$(python3 -c 'import wasmtime_cli; print(wasmtime_cli._binary_path())' 2>/dev/null || command -v wasmtime || true)
if [ -n "$wasmtime" ] && [ -x "$wasmtime" ]; then
  printf '%-30s %s\n' "WASI on $("$wasmtime" --version | cut -d' ' -f1-2)" "$("$wasmtime" run build/wasi/wasio.wasm demo lateness | stat)"
else
  echo "WASI on wasmtime: SKIP (no wasmtime CLI; run make deps)"
fi
node bench/lateness-js.mjs
