#!/bin/sh
# Runs that want only header fields take the fast path (src/dissect/fastpath.c) for
# plain Ethernet/IPv4/TCP packets.  Its output must be the dissectors' own: every
# in-tree capture (pcaps/, tests/data) and, when ../shared is there, every capture of
# its corpus/real is printed both ways (NETLAB_FASTPATH=0 turns the fast path off)
# with every field the fast path knows, and filtered with filters on them.
: "${NETLAB_BIN:?}" "${NETLAB_SRCDIR:?}"
shared=${NETLAB_SHARED:-}
corpus=
if [ -n "$shared" ] && [ -d "$shared/corpus/real" ]; then
	corpus=$shared/corpus/real
else
	echo "note: no ../shared corpus (NETLAB_SHARED): in-tree captures only"
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0 runs=0
f1="-e frame.number -e frame.len -e frame.cap_len -e eth.dst -e eth.src -e eth.addr -e eth.type
-e ip.len -e ip.id -e ip.ttl -e ip.proto -e ip.src -e ip.dst -e ip.addr"
f2="-e tcp.srcport -e tcp.dstport -e tcp.port -e tcp.stream -e tcp.len -e tcp.seq -e tcp.seq_raw
-e tcp.nxtseq -e tcp.ack -e tcp.ack_raw -e tcp.hdr_len -e tcp.flags -e tcp.flags.res
-e tcp.flags.ae -e tcp.flags.cwr -e tcp.flags.ece -e tcp.flags.urg -e tcp.flags.ack
-e tcp.flags.push -e tcp.flags.reset -e tcp.flags.syn -e tcp.flags.fin -e tcp.flags.str
-e tcp.window_size_value -e tcp.window_size"
caps=$(find ${corpus:+"$corpus"} "$NETLAB_SRCDIR/pcaps" "$NETLAB_SRCDIR/tests/data" \
    -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) -size -3000k | sort)
check() {	# capture, description, arguments…
	f=$1 what=$2
	shift 2
	NETLAB_FASTPATH=0 "$NETLAB_BIN" -n -r "$f" "$@" >"$tmp/slow" 2>"$tmp/e1"
	r1=$?
	"$NETLAB_BIN" -n -r "$f" "$@" >"$tmp/fast" 2>"$tmp/e2"
	r2=$?
	runs=$((runs + 1))
	if [ $r1 != $r2 ] || grep -q "runtime error\|Sanitizer" "$tmp/e1" "$tmp/e2" ||
	    ! cmp -s "$tmp/slow" "$tmp/fast"; then
		echo "FAIL: $f $what: the fast path differs (exit $r1/$r2)"
		diff "$tmp/slow" "$tmp/fast" | head -6
		fails=$((fails + 1))
	fi
}
while IFS= read -r f; do
	[ -n "$f" ] || continue
	check "$f" "frame/eth/ip/tcp fields" -T fields $f1 $f2
	check "$f" "-Y syn" -Y 'tcp.flags.syn == 1 and tcp.flags.ack == 0'
	check "$f" "-Y ports" -Y 'tcp.port == 80 or tcp.srcport > 40000 or ip.ttl < 64'
	check "$f" "-Y stream" -T fields -e frame.number -e tcp.seq -Y 'tcp.stream == 2 or tcp.len > 100'
done <<EOC
$caps
EOC
[ $runs -ge 150 ] || { echo "FAIL: only $runs runs"; exit 1; }
[ $fails -eq 0 ] || { echo "FAIL: $fails of $runs differ"; exit 1; }
echo "ok: $runs runs, the fast path prints what the dissectors print"
