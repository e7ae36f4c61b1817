# bench/lib.sh — helpers shared by the benchmarks (sourced).

# median_time CMD...: runs CMD BENCH_RUNS times (stdout to /dev/null) and prints the
# median wall time in seconds.
median_time() {
	runs=${BENCH_RUNS:-3}
	i=0
	: > /tmp/bench.times.$$
	while [ "$i" -lt "$runs" ]; do
		s=$(date +%s.%N)
		if ! "$@" > /dev/null 2>/tmp/bench.err.$$; then
			echo "bench: command failed: $* ($(head -c 200 /tmp/bench.err.$$))" >&2
			rm -f /tmp/bench.times.$$ /tmp/bench.err.$$
			echo "nan"
			return 1
		fi
		e=$(date +%s.%N)
		awk -v e="$e" -v s="$s" 'BEGIN { printf "%.6f\n", e - s }' >> /tmp/bench.times.$$
		i=$((i + 1))
	done
	sort -n /tmp/bench.times.$$ | awk '{ a[NR] = $1 } END { printf "%.3f\n", a[int((NR + 1) / 2)] }'
	rm -f /tmp/bench.times.$$ /tmp/bench.err.$$
}

# peak_rss_kb CMD...: peak resident set of one run, in KiB.
peak_rss_kb() {
	/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1
}

ratio() {
	echo "$1 $2" | awk '{ if ($1 == "nan" || $2 == "nan") print "nan"; else if ($2 > 0) printf "%.1f\n", $1 / $2; else print "inf" }'
}
