# bench/scaling.sh — time and memory from 100k to 1M to 5M packets: -T fields and
# summary lines on three generated files (gen_pcap.py, seed 1), peak RSS beyond the
# file.  The 5M file (2.9 GB) is made once in /tmp; BENCH_SCALING_MAX=1000000 skips it.
. "$(dirname "$0")/lib.sh"
FIELDS="-e frame.number -e ip.src -e tcp.srcport -e tcp.seq -e tcp.ack -e tcp.flags.str -e tcp.len -e tcp.stream"
for n in 100000 1000000 5000000; do
	[ "$n" -gt "${BENCH_SCALING_MAX:-5000000}" ] && continue
	f=/tmp/bench-scale-$n.pcap
	[ "$n" = 1000000 ] && f=$BENCH_FILE
	if [ ! -s "$f" ]; then
		flock "$f.lock" sh -c "[ -s '$f' ] || python3 '$NETLAB_SHARED/bench/gen_pcap.py' --packets $n --seed 1 --out '$f.tmp' 2>/dev/null && mv '$f.tmp' '$f'" || continue
	fi
	size=$(stat -c %s "$f")
	t=$(median_time "$NETLAB_BIN" -n -r "$f" -T fields $FIELDS)
	rss=$(peak_rss_kb "$NETLAB_BIN" -n -r "$f" -T fields $FIELDS)
	extra=$(( (rss * 1024 - size) / n ))
	echo "bench: scaling_fields_${n}_s $t s"
	echo "bench: scaling_fields_${n}_ns_per_packet $(awk -v t="$t" -v n="$n" 'BEGIN { printf "%.0f", t * 1e9 / n }') ns"
	echo "bench: scaling_fields_${n}_bytes_per_packet $extra B (peak RSS beyond the file)"
done
