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
# -F pcapng loses nothing tshark keeps: interfaces (names, descriptions, ids, time
# stamp resolution) and each packet's options (comments, flags, queue, id), as
# tshark's own copy shows them (pcapng-opts.pcapng: the first section only; tshark
# 4.0 maps a later section's interfaces onto the first's)
if command -v tshark >/dev/null; then
	for f in "$NETLAB_SRCDIR"/tests/data/*.pcapng; do
		"$NETLAB_BIN" -r "$f" -w "$tmp/ours.pcapng" -F pcapng 2>/dev/null || fail "-F pcapng of $f: exit $?"
		tshark -r "$f" -w "$tmp/theirs.pcapng" -F pcapng 2>/dev/null
		sel=
		case $f in *pcapng-opts*) sel="frame.number <= 4";; esac
		tshark -r "$tmp/ours.pcapng" -V ${sel:+-Y "$sel"} > "$tmp/ours.v" 2>/dev/null
		tshark -r "$tmp/theirs.pcapng" -V ${sel:+-Y "$sel"} > "$tmp/theirs.v" 2>/dev/null
		cmp -s "$tmp/ours.v" "$tmp/theirs.v" ||
			{ diff "$tmp/theirs.v" "$tmp/ours.v" | head -5; fail "-F pcapng lost something of $f"; }
	done
	echo "ok: -F pcapng keeps interfaces and packet options as tshark's copy"
fi
echo "ok: -r -w filtered, stdin to pcapng, full disk reported"
