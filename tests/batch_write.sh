#!/bin/sh
# -r FILE -w OUT writes the packets -Y keeps, readable by tshark, as pcap or pcapng;
# a stream on stdin is written whole.
: "${NETLAB_BIN:?}" "${NETLAB_SRCDIR:?}"
command -v tshark >/dev/null || { echo "SKIP: tshark (the oracle) is not installed"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
F=$NETLAB_SRCDIR/pcaps/lab.pcap
fail() { echo "FAIL: $*"; exit 1; }

"$NETLAB_BIN" -r "$F" -Y 'http.response.code == 304' -w "$tmp/a.pcap" || fail "exit $?"
want=$(tshark -r "$F" -Y 'http.response.code == 304' -T fields -e frame.len 2>/dev/null)
got=$(tshark -r "$tmp/a.pcap" -T fields -e frame.len 2>/dev/null)
[ -n "$want" ] && [ "$want" = "$got" ] || fail "filtered write: want [$want] got [$got]"

cat "$F" | "$NETLAB_BIN" -r - -w "$tmp/b.pcapng" -F pcapng || fail "stdin write exit $?"
[ "$(tshark -r "$tmp/b.pcapng" -T fields -e frame.number 2>/dev/null | wc -l)" = \
  "$(tshark -r "$F" -T fields -e frame.number 2>/dev/null | wc -l)" ] || fail "stdin to pcapng lost packets"
head -c 4 "$tmp/b.pcapng" | od -An -tx1 | grep -q "0a 0d 0d 0a" || fail "not pcapng"

"$NETLAB_BIN" -r "$F" -w /dev/full 2>"$tmp/err" && fail "writing to /dev/full succeeded"
grep -q "No space left" "$tmp/err" || fail "full disk not reported: $(cat "$tmp/err")"
echo "ok: -r -w filtered, stdin to pcapng, full disk reported"
