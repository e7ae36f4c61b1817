#!/bin/sh
# Batch mode (-Y) prints a filter error as the TUI shows it: the message, the text
# and a caret line; a filter that ends too early gets its caret after the last
# character (column = length + 1), like every other error (issue 14).
: "${NETLAB_BIN:?}" "${NETLAB_SRCDIR:?}"
pcap=$NETLAB_SRCDIR/pcaps/lab.pcap
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0

# check FILTER MESSAGE CARET: stderr must be exactly the three lines
check() {
	printf 'netlab-tui: %s\n    %s\n    %s\n' "$2" "$1" "$3" >"$tmp/want"
	timeout 10 "$NETLAB_BIN" -r "$pcap" -Y "$1" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 0 ] || [ $rc -ge 124 ] || [ -s "$tmp/out" ] || ! cmp -s "$tmp/want" "$tmp/err"; then
		echo "FAIL: -Y '$1' (exit $rc):"
		diff -u "$tmp/want" "$tmp/err"
		fails=$((fails + 1))
	else
		echo "ok: -Y '$1'"
	fi
}

end="Unexpected end of filter expression."
check 'tcp.port ==' "$end" '           ^'
check '(tcp.port == 80' "$end" '               ^'
check 'tcp.port in {80' "$end" '               ^'
check '!' "$end" ' ^'
check 'tcp.port == 80 &&' "$end" '                 ^'
check 'tcp.port == 80 && ' "$end" '                  ^'
# errors inside the text keep their caret under it
check 'tcp.prot == 80' 'tcp.prot is neither a field nor a protocol name. Did you mean tcp.port?' '^~~~~~~~'
check 'ip.ttl == 300' '"300" too big for this field, maximum 255.' '          ^~~'
[ $fails -eq 0 ]
