# bench/batch.sh — batch mode on the standard file beside tshark and tcpdump:
# -T fields with 8 TCP fields, default summary lines, a display filter.
. "$(dirname "$0")/lib.sh"
F=$BENCH_FILE
FIELDS="-e frame.number -e ip.src -e tcp.srcport -e tcp.seq -e tcp.ack -e tcp.flags.str -e tcp.len -e tcp.stream"
FILTER='tcp.flags.syn==1 && tcp.flags.ack==0'

ours_fields=$(median_time "$NETLAB_BIN" -n -r "$F" -T fields $FIELDS)
ours_summary=$(median_time "$NETLAB_BIN" -n -r "$F")
ours_filter=$(median_time "$NETLAB_BIN" -n -r "$F" -Y "$FILTER")
tcpdump=$(TZ=UTC median_time tcpdump -nn -r "$F")
rss_fields=$(peak_rss_kb "$NETLAB_BIN" -n -r "$F" -T fields $FIELDS)
echo "bench: fields_8tcp_s $ours_fields s"
echo "bench: summary_s $ours_summary s"
echo "bench: filter_syn_s $ours_filter s"
echo "bench: fields_8tcp_peak_rss $((rss_fields / 1024)) MiB"
echo "bench: tcpdump_nn_r_s $tcpdump s"
if command -v tshark >/dev/null && [ -z "${BENCH_NO_TSHARK:-}" ]; then
	# tshark takes 10-30 s a run: one run each
	tshark_fields=$(BENCH_RUNS=1 median_time tshark -n -r "$F" -T fields $FIELDS)
	tshark_filter=$(BENCH_RUNS=1 median_time tshark -n -r "$F" -Y "$FILTER")
	tshark_summary=$(BENCH_RUNS=1 median_time tshark -n -r "$F")
	echo "bench: tshark_fields_8tcp_s $tshark_fields s"
	echo "bench: tshark_filter_syn_s $tshark_filter s"
	echo "bench: tshark_summary_s $tshark_summary s"
	echo "bench: fields_vs_tshark $(ratio "$tshark_fields" "$ours_fields") x (target >= 30)"
	echo "bench: filter_vs_tshark $(ratio "$tshark_filter" "$ours_filter") x (target >= 30)"
	echo "bench: summary_vs_tshark $(ratio "$tshark_summary" "$ours_summary") x"
fi
echo "bench: fields_vs_tcpdump $(ratio "$tcpdump" "$ours_fields") x (target >= 2)"
echo "bench: summary_vs_tcpdump $(ratio "$tcpdump" "$ours_summary") x (target > 1)"
