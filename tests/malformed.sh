#!/bin/sh
# malformed.sh — hostile and odd captures under the sanitizers.
#  1. Every capture of ../shared/corpus/malformed read with -V -x: exit status 0, or 2
#     with a message on stderr (a damaged file); no sanitizer report; no hang (10 s
#     each); and every frame listed: the count of "Frame N:" lines equals tshark's
#     frame count, recorded in tests/data/malformed_counts.txt
#     (regenerate: for f in *; do echo "$f $(tshark -n -r $f | wc -l)"; done).
#  2. The captures of ../shared/corpus/{real,more,malformed} in the other batch
#     modes (-V -x on the captures in the tree: tests/oracle/protocols.test runs the
#     summary and -V of real and more and fails on a sanitizer report; -T fields; --flow;
#     the TUI's code path, --headless, on malformed: tests/tui/headless.sh runs it on
#     real and more; see below for which): exit status 0 or 2 with a message, no sanitizer report
#     (ASan, UBSan, LeakSanitizer), no hang (MALFORMED_TIMEOUT seconds per run,
#     default 30).  MALFORMED_QUICK=1 does part 1 only.  The summary alone (the fast
#     path) is run over the corpus by tests/batch_fastpath.sh.
#  Without ../shared, part 2 runs on the captures in the tree (tests/data, pcaps) alone.
corpus=$NETLAB_SHARED/corpus/malformed
counts=$NETLAB_SRCDIR/tests/data/malformed_counts.txt
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
if [ -d "$corpus" ]; then
	echo "malformed corpus: $((total - bad))/$total files clean"
	[ $total -gt 0 ] || { echo "SKIP: no listed file found"; exit 77; }
	[ "${MALFORMED_QUICK:-0}" = 1 ] && { [ $bad -eq 0 ]; exit; }
else
	echo "no corpus at $corpus: part 2 on the captures in the tree only"
fi

# 2. the other modes over the whole corpus, MALFORMED_JOBS (default: the CPUs) at once
top=$NETLAB_SHARED/corpus
w=$(mktemp) || exit 1
trap 'rm -f "$out" "$err" "$w" "$w.list" "$w.out"' EXIT
cat > "$w" <<'WORKER'
# MODE FILE: one run of $NETLAB_BIN; prints "run", and "FAIL ..." when it went wrong
mode=$1 f=$2
case $mode in
sum) set -- ;;
vx) set -- -V -x ;;
fields) set -- -T fields -e frame.number -e frame.protocols -e ip.src -e ipv6.dst \
	-e tcp.stream -e tcp.reassembled.length -e udp.length -e http.request.uri \
	-e dns.qry.name -e ipv6.routing.src.reserved -e nbns.name -e _ws.col.Info ;;
flow) set -- --flow ;;
headless) set -- --headless ;;
esac
err=$(mktemp) || exit 1
timeout "${MALFORMED_TIMEOUT:-30}" "$NETLAB_BIN" -n -r "$f" "$@" > /dev/null 2> "$err"
rc=$?
why=
if [ $rc -eq 124 ]; then
	why="timed out"
elif grep -q -e 'Sanitizer' -e 'runtime error' "$err"; then
	why="sanitizer: $(grep -m1 -e 'Sanitizer' -e 'runtime error' "$err")"
elif [ $rc -ne 0 ] && { [ $rc -ne 2 ] || [ ! -s "$err" ]; }; then
	why="exit status $rc"
fi
rm -f "$err"
echo run
[ -z "$why" ] || echo "FAIL $f ($*): $why"
WORKER
# Every mode on the captures in the tree (part 1 did -V -x on malformed; the summary and
# -V of every capture of real and more run under the sanitizers in
# tests/oracle/protocols.test, which fails on a report); -T fields and --flow on real,
# malformed and every 4th of more; the summary alone (fast path) on malformed and every
# 4th of more (batch_fastpath.sh does real).  Each run is mostly process start-up under
# ASan, hence the sampling.
i=0
intree=$NETLAB_SRCDIR/tests/data
dirs="$intree $NETLAB_SRCDIR/pcaps"
for d in "$top/real" "$top/more" "$top/malformed"; do
	[ -d "$d" ] && dirs="$dirs $d"
done
# shellcheck disable=SC2086
find $dirs -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) | sort |
    while read -r f; do
	case $f in
	"$intree"/*|"$NETLAB_SRCDIR"/pcaps/*)
		for m in vx sum fields flow headless; do echo "$m $f"; done ;;
	"$top"/malformed/*) echo "sum $f"; echo "fields $f"; echo "flow $f"; echo "headless $f" ;;
	"$top"/more/*)
		i=$((i + 1))
		[ $((i % 4)) -eq 0 ] && { echo "sum $f"; echo "fields $f"; echo "flow $f"; } ;;
	*) echo "fields $f"; echo "flow $f" ;;
	esac
done > "$w.list"
start=$(date +%s)
xargs -P "${MALFORMED_JOBS:-$(nproc)}" -L 1 sh "$w" < "$w.list" > "$w.out"
runs=$(grep -c '^run$' "$w.out")
grep '^FAIL' "$w.out" | sed "s|$top/||"
bad2=$(grep -c '^FAIL' "$w.out")
echo "all modes: $((runs - bad2))/$runs runs clean ($(( $(date +%s) - start )) s)"
[ "$runs" -eq "$(wc -l < "$w.list")" ] || { echo "only $runs of $(wc -l < "$w.list") runs done"; exit 1; }
[ $bad -eq 0 ] && [ "$bad2" -eq 0 ]
