#!/bin/sh
# valgrind.sh — memcheck over a sample of captures (all link types the corpus has,
# reassembly, the -V and -x printers, -T fields and --flow) and the replay path of
# the TUI (ring, app, screen) in tmux: no uninitialised read, no invalid access, no
# leak ("definitely lost").  Needs a binary without sanitizers (valgrind and ASan do
# not mix): $NETLAB_PLAIN_BIN (tests/run-all builds one in build-plain/), else
# $NETLAB_BIN when it is not a sanitizer build; otherwise skipped.
# The captures come from tests/data, pcaps/ and ../shared/corpus/real (those absent
# are skipped); each is read with -V -x, a few also with -T fields and --flow (about
# 50 runs, 2-3 minutes on an idle machine).  A failure shows the memcheck log; rerun
# that command with --track-origins=yes to see where an uninitialised value came from.
bin=${NETLAB_PLAIN_BIN:-$NETLAB_BIN}
command -v valgrind >/dev/null || { echo "SKIP: valgrind not installed"; exit 77; }
[ -x "$bin" ] || { echo "SKIP: no binary at $bin"; exit 77; }
if grep -q -a -e __asan_init -e __tsan_init -e __ubsan_handle "$bin"; then
	echo "SKIP: $bin is a sanitizer build (valgrind and ASan do not mix); set NETLAB_PLAIN_BIN"
	echo "      to a build without --enable-sanitizers (tests/run-all does)"
	exit 77
fi
src=$NETLAB_SRCDIR
corpus=${NETLAB_SHARED:-$src/../shared}/corpus/real
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"; [ -n "$sess" ] && tmux -L "$sess" kill-server 2>/dev/null' EXIT
vg() {	# vg NAME ARGS...: one memcheck run, its log kept in $tmp/NAME.log
	name=$1
	shift
	timeout 120 valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		--show-leak-kinds=definite \
		--log-file="$tmp/$name.log" "$bin" "$@" > /dev/null 2>&1
}
TZ=UTC
export TZ
runs=0 bad=0
for f in \
	"$src/tests/data/reasm-gap-fin.pcap" "$src/tests/data/http-chunked-segs.pcap" \
	"$src/tests/data/ipv6-rt-short.pcap" "$src/tests/data/udp-protos.pcapng" \
	"$src/tests/data/link-protos.pcapng" "$src/tests/data/tcp-patterns.pcap" \
	"$src/tests/data/ah-ospf.pcapng" "$src/tests/data/igmp.pcapng" "$src/pcaps/lab.pcap" \
	"$corpus/tcpdump/dns_tcp.pcap" "$corpus/tcpdump/edns-opts.pcap" \
	"$corpus/tcpdump/ipv6-routing-header.pcap" "$corpus/tcpdump/ipv6-srh-ext-header.pcap" \
	"$corpus/tcpdump/ssh.pcap" "$corpus/tcpdump/802.1ad_QinQ.pcap" \
	"$corpus/tcpdump/LINKTYPE_RAW_ipv4.pcap" "$corpus/tcpdump/icmpv6.pcap" \
	"$corpus/tcpdump/tcp-handshake-nano.pcap" "$corpus/tcpdump/icmp-rfc8335.pcap" \
	"$corpus/ndpi/websocket.pcap" "$corpus/ndpi/http-lines-split.pcap" \
	"$corpus/ndpi/dns_fragmented.pcap" "$corpus/ndpi/malformed_dns.pcap" \
	"$corpus/pcapplusplus/PacketExamples/TwoHttpResponses.pcap" \
	"$corpus/pcapplusplus/PacketExamples/NullLoopback.pcap" \
	"$corpus/pcapplusplus/PcapExamples/linktype_ipv4.pcap" \
	"$corpus/pcapplusplus/PcapExamples/four_ipv6_http_streams.pcap" \
	"$corpus/pcapplusplus/PcapExamples/microsecs_big_endian.pcap" \
	"$corpus/pcapplusplus/PcapExamples/pcapng-example.pcapng" \
	"$corpus/zeek/linux_dlt_sll2.pcap" "$corpus/zeek/linuxsll-arp.pcap" \
	"$corpus/zeek/dns-inverse-query.pcap" "$corpus/pcapng-gen/output_le/basic/test006.pcapng"; do
	[ -f "$f" ] || continue
	n=$(basename "$f")
	modes=Vx
	case $n in	# the other printers on a few
	reasm-gap-fin.pcap|tcp-patterns.pcap|udp-protos.pcapng|lab.pcap|dns_tcp.pcap|\
	four_ipv6_http_streams.pcap|linux_dlt_sll2.pcap) modes="Vx fields flow" ;;
	esac
	for mode in $modes; do
		case $mode in
		Vx) set -- -V -x ;;
		fields) set -- -T fields -e frame.number -e frame.protocols -e ip.src -e tcp.stream \
			-e http.request.uri -e dns.qry.name -e _ws.col.Info ;;
		flow) set -- --flow ;;
		esac
		runs=$((runs + 1))
		vg "$n-$mode" -n -r "$f" "$@"
		rc=$?
		if [ $rc -eq 99 ] || [ $rc -eq 124 ] || [ -s "$tmp/$n-$mode.log" ]; then
			bad=$((bad + 1))
			echo "FAIL $n $*: status $rc"
			head -n 30 "$tmp/$n-$mode.log"
		fi
	done
done
# The TUI over a replayed capture: the packets go through the capture ring as live ones do.
if command -v tmux >/dev/null; then
	sess=nlvg$$
	runs=$((runs + 1))
	tmux -L "$sess" -f /dev/null new-session -d -x 120 -y 40 \
		"valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		--show-leak-kinds=definite --log-file=$tmp/tui.log $bin -r $src/pcaps/lab.pcap --replay=50; \
		echo \$? > $tmp/tui.rc; sleep 30"
	i=0
	until grep -q "Packets: [1-9]" "$tmp/tui.screen" 2>/dev/null || [ $i -ge 90 ]; do
		sleep 1
		i=$((i + 1))
		tmux -L "$sess" capture-pane -p > "$tmp/tui.screen" 2>/dev/null
	done
	sleep 5
	tmux -L "$sess" send-keys q
	i=0
	while [ ! -f "$tmp/tui.rc" ] && [ $i -lt 60 ]; do
		sleep 1
		i=$((i + 1))
	done
	rc=$(cat "$tmp/tui.rc" 2>/dev/null || echo none)
	if [ "$rc" != 0 ] || [ -s "$tmp/tui.log" ]; then
		bad=$((bad + 1))
		echo "FAIL TUI --replay: status $rc"
		head -n 30 "$tmp/tui.log" 2>/dev/null
		tail -n 5 "$tmp/tui.screen" 2>/dev/null
	fi
else
	echo "no tmux: TUI run skipped"
fi
echo "valgrind: $((runs - bad))/$runs runs clean"
[ $runs -gt 0 ] || { echo "SKIP: no capture found"; exit 77; }
[ $bad -eq 0 ]
