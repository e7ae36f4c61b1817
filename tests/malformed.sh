#!/bin/sh
# malformed.sh — every capture of ../shared/corpus/malformed read with -V -x: exit
# status 0, or 2 with a message on stderr (a damaged file); no sanitizer report; no
# hang (10 s each); and every frame listed: the count of "Frame N:" lines equals
# tshark's frame count, recorded in tests/data/malformed_counts.txt
# (regenerate: for f in *; do echo "$f $(tshark -n -r $f | wc -l)"; done).
corpus=$NETLAB_SHARED/corpus/malformed
counts=$NETLAB_SRCDIR/tests/data/malformed_counts.txt
[ -d "$corpus" ] || { echo "SKIP: no corpus at $corpus"; exit 77; }
[ -r "$counts" ] || { echo "missing $counts"; exit 1; }
out=$(mktemp) && err=$(mktemp) || exit 1
trap 'rm -f "$out" "$err"' EXIT
TZ=UTC
export TZ
total=0 bad=0
while read -r f want; do
	case $f in "#"*|"") continue ;; esac
	[ -f "$corpus/$f" ] || continue
	total=$((total + 1))
	timeout 10 "$NETLAB_BIN" -n -r "$corpus/$f" -V -x > "$out" 2> "$err"
	rc=$?
	got=$(grep -c '^Frame [0-9]*: ' "$out")
	why=
	if [ $rc -eq 124 ]; then
		why="timed out"
	elif grep -q -e 'Sanitizer' -e 'runtime error' "$err"; then
		why="sanitizer: $(grep -m1 -e 'Sanitizer' -e 'runtime error' "$err")"
	elif [ $rc -ne 0 ] && { [ $rc -ne 2 ] || [ ! -s "$err" ]; }; then
		why="exit status $rc"
	elif [ "$got" != "$want" ]; then
		why="$got frames listed, tshark lists $want"
	fi
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		echo "FAIL $f: $why"
	fi
done < "$counts"
echo "malformed corpus: $((total - bad))/$total files clean"
[ $total -gt 0 ] || { echo "SKIP: no listed file found"; exit 77; }
[ $bad -eq 0 ]
