#!/usr/bin/env bash
# A/B: the spawn and switch workloads of `wasio demo bench` on two builds
# of wasio, interleaved run by run so that both see the same machine, on
# the native CLI and on the WASI module under node:wasi. Median of RUNS.
#   usage: bench/ab.sh BEFORE_DIR AFTER_DIR     (each a checkout, built)
# Prints one line per workload and target: both medians and after/before.
set -euo pipefail
before=$1 after=$2
runs=${RUNS:-7}
rate() { sed -nE 's/.*"per_second":([0-9.]+).*/\1/p'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
one() { # dir target workload n
  local dir=$1 target=$2 w=$3 n=$4
  if [ "$target" = native ]; then
    "$dir/build/native/wasio" demo bench --mode "$w" --virtual-time --set "n=$n"
  else
    (cd "$dir" && node wasi/wasio.mjs demo bench --mode "$w" --virtual-time --set "n=$n")
  fi | rate
}
for target in native node:wasi; do
  for spec in spawn:200000 switch:1000000; do
    w=${spec%%:*} n=${spec##*:}
    a=() b=()
    for _ in $(seq "$runs"); do
      a+=("$(one "$before" "$target" "$w" "$n")")
      b+=("$(one "$after" "$target" "$w" "$n")")
    done
    ma=$(printf '%s\n' "${a[@]}" | median) mb=$(printf '%s\n' "${b[@]}" | median)
    awk -v t="$target" -v w="$w" -v a="$ma" -v b="$mb" 'BEGIN {
      printf "%-10s %-7s before %12.0f/s  after %12.0f/s  after/before %.3f\n", t, w, a, b, b / a }'
  done
done
