#!/bin/sh
# ring.sh — runs bench/ring_bench (SPSC ring throughput; built by `make bench`).
# Prints "bench: ring_descriptors_per_s", "ring_64B_frames_per_s", "ring_1500B_frames_per_s".
: "${NETLAB_BUILDDIR:=.}"
prog=$NETLAB_BUILDDIR/bench/ring_bench
[ -x "$prog" ] || { echo "bench: $prog not built (make bench)"; exit 1; }
exec "$prog" ${RING_BENCH_BYTES:-}
