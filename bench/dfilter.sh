# bench/dfilter.sh — the display-filter engine apart from dissection: compile time per
# filter (the TUI compiles on every key) and evaluation time per packet
# (bench/dfilter_bench, built with `make bench/dfilter_bench`).
. "$(dirname "$0")/lib.sh"
bin=$NETLAB_BUILDDIR/bench/dfilter_bench
if [ ! -x "$bin" ]; then
	make -C "$NETLAB_BUILDDIR" bench/dfilter_bench >/dev/null 2>&1 || {
		echo "bench: dfilter_bench not built (make bench/dfilter_bench)"; exit 0; }
fi
"$bin" "$BENCH_FILE"
