#!/bin/sh
# oracle.sh SET THRESHOLD [ROWS-FILTER] — compare netlab-tui's -T fields output with
# tshark's (../shared/tools/tshark-diff) on every capture of the developer corpus and
# fail when fewer than THRESHOLD percent of the cells match.  ROWS-FILTER limits the
# comparison to the rows tshark selects with that display filter (--rows).
# tshark's answers are cached in $NETLAB_TSHARK_CACHE (default /tmp/netlab-tshark-cache).
set_=$1 threshold=$2 rows=$3
shared=${NETLAB_SHARED:-}
diff=$shared/tools/tshark-diff
[ -n "$shared" ] && [ -d "$shared/corpus/real" ] || { echo "SKIP: no corpus (NETLAB_SHARED)"; exit 77; }
[ -x "$diff" ] || { echo "SKIP: no $diff"; exit 77; }
command -v tshark >/dev/null 2>&1 || { echo "SKIP: tshark not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not installed"; exit 77; }
# One cache directory per set and rows filter: make check runs the oracle tests in
# parallel, and two tshark-diff runs writing the same cache entry race on its rename.
cache=${NETLAB_TSHARK_CACHE:-/tmp/netlab-tshark-cache}/$(printf '%s %s' "$set_" "$rows" | cksum | cut -d' ' -f1)
list=$(find "$shared/corpus/real" -type f \( -name '*.pcap' -o -name '*.pcapng' \) | sort)
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
if [ -n "$rows" ]; then
	# shellcheck disable=SC2086
	"$diff" --bin "$NETLAB_BIN" --set "$set_" --cache "$cache" --show 2 --timeout 60 \
	    --rows "$rows" $list > "$out" 2>&1
else
	# shellcheck disable=SC2086
	"$diff" --bin "$NETLAB_BIN" --set "$set_" --cache "$cache" --show 2 --timeout 60 \
	    $list > "$out" 2>&1
fi
summary=$(tail -n 1 "$out")
case $summary in
cells:*) ;;
*) cat "$out"; echo "tshark-diff failed"; exit 1 ;;
esac
pct=$(echo "$summary" | sed 's/.*(\([0-9.]*\)%).*/\1/')
echo "set $set_${rows:+ (rows: $rows)}: $summary, threshold $threshold%"
if awk -v p="$pct" -v t="$threshold" 'BEGIN { exit !(p + 0 >= t + 0) }'; then
	exit 0
fi
grep -v '^  row' "$out" | grep -B1 'mismatching' | head -60
exit 1
