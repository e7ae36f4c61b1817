#!/bin/sh
# The KEYS section of man/netlab-tui.1 must be exactly what the key tables generate.
# Regenerate: tests/tui/keydump (in the build dir) > section, paste it in the page.
: "${NETLAB_BUILDDIR:?}" "${NETLAB_SRCDIR:?}"
DUMP="$NETLAB_BUILDDIR/tests/tui/keydump"
MAN="$NETLAB_SRCDIR/man/netlab-tui.1"
[ -x "$DUMP" ] || { echo "SKIP: $DUMP not built"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$DUMP" > "$tmp/want"
awk '/^\.Sh KEYS/ { on = 1 } on && /^\.Sh / && !/^\.Sh KEYS/ { on = 0 } on' "$MAN" > "$tmp/have"
if [ ! -s "$tmp/have" ]; then
	echo "FAIL: man/netlab-tui.1 has no KEYS section; insert the output of tests/tui/keydump"
	exit 1
fi
if ! diff -u "$tmp/have" "$tmp/want"; then
	echo "FAIL: the KEYS section of man/netlab-tui.1 differs from the key tables (see diff)"
	exit 1
fi
echo "ok: KEYS section matches the key tables"
# and the page still formats
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -W warning "$MAN" 2>&1 | grep -i "KEYS\|Ic" && exit 1
fi
exit 0
