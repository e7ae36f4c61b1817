#!/bin/sh
# malformed.sh — hostile and odd captures under the sanitizers.
#  1. Every capture of ../shared/corpus/malformed read with -V -x: exit status 0, or 2
#     with a message on stderr (a damaged file); no sanitizer report; no hang (10 s
#     each); and every frame listed: the count of "Frame N:" lines equals tshark's
#     frame count, recorded in tests/data/malformed_counts.txt
#     (regenerate: for f in *; do echo "$f $(tshark -n -r $f | wc -l)"; done).
#  2. Every capture of ../shared/corpus/{real,more,malformed} in the other batch modes
#     (summary, -T fields, --flow, and -V -x for real and more): exit status 0 or 2
#     with a message, no sanitizer report (ASan, UBSan, LeakSanitizer), no hang
#     (MALFORMED_TIMEOUT seconds per run, default 30).  MALFORMED_QUICK=1 does part 1
#     only.
corpus=$NETLAB_SHARED/corpus/malformed
counts=$NETLAB_SRCDIR/tests/data/malformed_counts.txt
[ -d "$corpus" ] || { echo "SKIP: no corpus at $corpus"; exit 77; }
[ -r "$counts" ] || { echo "missing $counts"; exit 1; }
out=$(mktemp) && err=$(mktemp) || exit 1
trap 'rm -f "$out" "$err"' EXIT
TZ=UTC
export TZ
# run SECONDS OUTPUT FILE ARGS...: one run on FILE with stderr in $err; sets why to what
# went wrong (a hang, a sanitizer report, an exit status other than 0, or 2 without a
# message), empty for a clean run
run() {
	t=$1 o=$2
	shift 2
	timeout "$t" "$NETLAB_BIN" -n -r "$@" > "$o" 2> "$err"
	rc=$?
	why=
	if [ $rc -eq 124 ]; then
		why="timed out"
	elif grep -q -e 'Sanitizer' -e 'runtime error' "$err"; then
		why="sanitizer: $(grep -m1 -e 'Sanitizer' -e 'runtime error' "$err")"
	elif [ $rc -ne 0 ] && { [ $rc -ne 2 ] || [ ! -s "$err" ]; }; then
		why="exit status $rc"
	fi
}
total=0 bad=0
while read -r f want; do
	case $f in "#"*|"") continue ;; esac
	[ -f "$corpus/$f" ] || continue
	total=$((total + 1))
	run 10 "$out" "$corpus/$f" -V -x
	got=$(grep -c '^Frame [0-9]*: ' "$out")
	if [ -z "$why" ] && [ "$got" != "$want" ]; then
		why="$got frames listed, tshark lists $want"
	fi
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		echo "FAIL $f: $why"
	fi
done < "$counts"
echo "malformed corpus: $((total - bad))/$total files clean"
[ $total -gt 0 ] || { echo "SKIP: no listed file found"; exit 77; }
[ "${MALFORMED_QUICK:-0}" = 1 ] && { [ $bad -eq 0 ]; exit; }

# 2. the other modes over the whole corpus
fields="-T fields -e frame.number -e frame.protocols -e ip.src -e ipv6.dst -e tcp.stream
	-e tcp.reassembled.length -e udp.length -e http.request.uri -e dns.qry.name
	-e ipv6.routing.src.reserved -e nbns.name -e _ws.col.Info"
runs=0 bad2=0
check() {	# check FILE MODE-ARGS...: one run, judged as above
	f=$1
	shift
	runs=$((runs + 1))
	# shellcheck disable=SC2068
	run "${MALFORMED_TIMEOUT:-30}" /dev/null "$f" $@
	if [ -n "$why" ]; then
		bad2=$((bad2 + 1))
		echo "FAIL ${f#"$NETLAB_SHARED"/corpus/} ($*): $why"
	fi
}
top=$NETLAB_SHARED/corpus
start=$(date +%s)
for f in $(find "$top/real" "$top/more" "$top/malformed" -type f \
    \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) | sort); do
	check "$f"
	check "$f" "$fields"
	check "$f" --flow
	case $f in "$top"/malformed/*) ;; *) check "$f" -V -x ;; esac
done
echo "all modes: $((runs - bad2))/$runs runs clean ($(( $(date +%s) - start )) s)"
[ $bad -eq 0 ] && [ $bad2 -eq 0 ]
