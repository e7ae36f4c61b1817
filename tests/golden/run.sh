#!/bin/sh
# run.sh [--update] — golden tests: each TESTLIST line "NAME PCAP OPTIONS..." runs
#   netlab-tui -n -r PCAP OPTIONS
# (PCAP relative to the source tree) and compares stdout byte for byte with
# tests/golden/NAME.out.  --update rewrites the .out files (review the diff!).
# Times print in UTC so the files do not depend on the machine's zone.
srcdir=${NETLAB_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETLAB_BIN:-$srcdir/src/netlab-tui}
dir=$srcdir/tests/golden
update=0
[ "$1" = "--update" ] && update=1
[ -x "$bin" ] || { echo "no binary at $bin (set NETLAB_BIN)"; exit 1; }
TZ=UTC
export TZ
# a label pointing into a dissector's stack frame shows up here (nbns, issue 15)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_stack_use_after_return=1"
export ASAN_OPTIONS
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
pass=0 fail=0
while read -r name pcap opts; do
	case $name in "#"*|"") continue ;; esac
	# shellcheck disable=SC2086
	timeout 30 "$bin" -n -r "$srcdir/$pcap" $opts > "$tmp" 2>&1
	if [ $update = 1 ]; then
		cp "$tmp" "$dir/$name.out"
		continue
	fi
	if cmp -s "$tmp" "$dir/$name.out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name ($pcap $opts)"
		diff -u "$dir/$name.out" "$tmp" | head -20
	fi
done < "$dir/TESTLIST"
[ $update = 1 ] && { echo "updated"; exit 0; }
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
