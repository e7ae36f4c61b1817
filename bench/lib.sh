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

# bench_setup NAME SKIP TOOL...: what the live benchmarks do first.  Exits with status
# SKIP ("bench: NAME skipped: TOOL not found") unless every TOOL is installed, with 1
# unless $BIN is executable; then makes the temporary directory $bench_tmp.
bench_setup() {
	bench_name=$1 bench_skip=$2
	shift 2
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 ||
			{ echo "bench: $bench_name skipped: $tool not found"; exit "$bench_skip"; }
	done
	[ -x "$BIN" ] || { echo "bench: no binary $BIN (set NETLAB_BIN)"; exit 1; }
	bench_tmp=$(mktemp -d "/tmp/netlab-$bench_name.XXXXXX") || exit 1
}

# bench_need_lo: after bench_setup, exits with its SKIP status unless $BIN can capture
# on lo (needs root or cap_net_raw); the probe's output is in $bench_tmp/probe.
bench_need_lo() {
	"$BIN" -i lo -q -a duration:0.1 -w /dev/null >"$bench_tmp/probe" 2>&1
	grep -q "packets* captured" "$bench_tmp/probe" || {
		echo "bench: $bench_name skipped: cannot capture on lo: $(head -c 200 "$bench_tmp/probe")"
		exit "$bench_skip"
	}
}
