#!/bin/sh
# -f on a file is a BPF capture filter (pcap_offline_filter): packets it rejects are
# as if never captured; a bad expression is refused with a clear message.
: "${NETLAB_BIN:?}" "${NETLAB_SRCDIR:?}"
command -v tshark >/dev/null || { echo "SKIP: tshark (the oracle) is not installed"; exit 77; }
F=$NETLAB_SRCDIR/pcaps/lab.pcap
fail() { echo "FAIL: $*"; exit 1; }
want=$(tshark -r "$F" -Y 'tcp.flags.syn == 1' -T fields -e tcp.srcport -e tcp.dstport 2>/dev/null)
got=$("$NETLAB_BIN" -r "$F" -f 'tcp[tcpflags] & tcp-syn != 0' -T fields -e tcp.srcport -e tcp.dstport) ||
	fail "exit $?"
[ -n "$want" ] && [ "$want" = "$got" ] || fail "SYN filter: want [$want] got [$got]"
n=$("$NETLAB_BIN" -r "$F" -f 'udp' | wc -l)
[ "$n" = 0 ] || fail "udp filter kept $n TCP packets"
"$NETLAB_BIN" -r "$F" -f 'tcp prot 80' >/dev/null 2>"${TMPDIR:-/tmp}/cf.$$" && fail "bad filter accepted"
grep -q 'invalid capture filter "tcp prot 80"' "${TMPDIR:-/tmp}/cf.$$" || fail "message: $(cat "${TMPDIR:-/tmp}/cf.$$")"
rm -f "${TMPDIR:-/tmp}/cf.$$"
echo "ok: -r with -f keeps what the BPF expression accepts"
