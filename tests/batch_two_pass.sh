#!/bin/sh
# A display filter that needs less dissection than the output (-Y 'tcp.flags.syn == 1'
# with Info columns) runs in two passes: the filter on the cheap dissection, then the
# full dissection of the matching packets and of the earlier packets of their
# conversations.  Its output must be what one full pass prints: asking for tcp.stream
# (numbered across conversations) forces the single pass, so the two are compared on
# every corpus capture for filters at each level.
: "${NETLAB_BIN:?}" "${NETLAB_SRCDIR:?}"
# The in-tree captures always; ../shared/corpus/real's when it is there.
shared=${NETLAB_SHARED:-/nonexistent}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0 runs=0
cols="-e frame.number -e _ws.col.Protocol -e _ws.col.Info -e tcp.analysis.flags -e http.request.uri"
caps=$(find "$shared/corpus/real" "$NETLAB_SRCDIR/pcaps" "$NETLAB_SRCDIR/tests/data" \
    -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) -size -3000k 2>/dev/null | sort)
while IFS= read -r f; do
	[ -n "$f" ] || continue
	for filter in 'tcp.flags.syn == 1' 'tcp.flags.fin == 1 or tcp.flags.reset == 1' \
	    'tcp.len > 0' 'udp or arp or icmp' 'frame.number >= 5 and frame.number <= 60' \
	    'tcp.analysis.retransmission or tcp.analysis.duplicate_ack' 'tcp.stream == 1' \
	    'ip.len > 400 and tcp.srcport > 1024'; do
		"$NETLAB_BIN" -n -r "$f" -Y "$filter" -T fields $cols >"$tmp/two" 2>"$tmp/e1"
		r1=$?
		"$NETLAB_BIN" -n -r "$f" -Y "$filter" -T fields $cols -e tcp.stream 2>"$tmp/e2" |
		    awk -F'\t' 'BEGIN { OFS = FS } { NF--; print }' >"$tmp/one"
		runs=$((runs + 1))
		if [ $r1 -gt 2 ] || grep -q "runtime error\|Sanitizer" "$tmp/e1" "$tmp/e2" ||
		    ! cmp -s "$tmp/one" "$tmp/two"; then
			echo "FAIL: $f -Y '$filter': two-pass output differs from one pass (exit $r1)"
			diff "$tmp/one" "$tmp/two" | head -6
			fails=$((fails + 1))
		fi
	done
done <<EOC
$caps
EOC
# -w with -P in two passes: the same packets written, the same lines printed (a
# payload-level term in the filter forces the single pass)
for f in "$NETLAB_SRCDIR/pcaps/lab.pcap" "$shared/corpus/real/zeek/web.pcap"; do
	[ -f "$f" ] || continue
	"$NETLAB_BIN" -n -r "$f" -P -Y 'tcp.flags.syn == 1' -w "$tmp/two.pcapng" -F pcapng \
	    >"$tmp/two" 2>&1
	"$NETLAB_BIN" -n -r "$f" -P -Y 'tcp.flags.syn == 1 and frame.protocols contains "tcp"' \
	    -w "$tmp/one.pcapng" -F pcapng >"$tmp/one" 2>&1
	runs=$((runs + 1))
	if ! cmp -s "$tmp/one" "$tmp/two" || ! cmp -s "$tmp/one.pcapng" "$tmp/two.pcapng"; then
		echo "FAIL: $f -P -w: two passes write or print otherwise than one"
		fails=$((fails + 1))
	fi
done
[ $runs -gt 100 ] || { echo "FAIL: only $runs runs"; exit 1; }
[ $fails -eq 0 ] || { echo "FAIL: $fails of $runs differ"; exit 1; }
echo "ok: $runs capture x filter runs, two passes print what one pass prints"
