#!/bin/sh
# run.sh NAME — fuzz harness NAME (tests/fuzz/README).
#
# Inputs: tests/fuzz/seeds/NAME, plus seeds made from ../shared/corpus/{real,more,
# malformed} by corpus_seeds.py when that corpus and python3 are there.
# Plain build (standalone driver): runs the harness once over every input (a
# regression run under ASan/UBSan); fuzzing is skipped, and said so.
# libFuzzer build (--enable-fuzzing CC=clang): fuzzes for FUZZ_SECONDS (default 60)
# from those inputs; a crash fails the test and its input is kept in
# $NETLAB_BUILDDIR/tests/fuzz/artifacts/NAME-* (add it to the seeds once fixed).
# An input taking over 30 s counts as a hang (one takes well under a second even
# under ASan; 10 s gave false alarms on a loaded machine).
name=$1
bin=$NETLAB_BUILDDIR/tests/fuzz/fuzz_$name
seeds=$NETLAB_SRCDIR/tests/fuzz/seeds/$name
corpus=${NETLAB_SHARED:-$NETLAB_SRCDIR/../shared}/corpus
[ -x "$bin" ] || { echo "no harness $bin"; exit 1; }
[ -d "$seeds" ] || { echo "no seeds in $seeds"; exit 1; }
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
mkdir "$work/new" "$work/corpus"
if [ "$name" = dfilter ]; then
	:	# filter text: nothing to take from captures
elif [ -d "$corpus/real" ] && command -v python3 >/dev/null; then
	python3 "$NETLAB_SRCDIR/tests/fuzz/corpus_seeds.py" "$name" "$work/corpus" \
		"$corpus/real" "$corpus/more" "$corpus/malformed" || exit 1
else
	echo "no ../shared corpus or python3: seeds only"
fi
if ! "$bin" -help=1 2>&1 | grep -q libFuzzer; then
	"$bin" "$seeds" "$work/corpus" || exit 1
	echo "fuzzing skipped: not a libFuzzer build (./configure --enable-fuzzing CC=clang)"
	exit 0
fi
art=$NETLAB_BUILDDIR/tests/fuzz/artifacts
mkdir -p "$art" || exit 1
"$bin" -max_total_time="${FUZZ_SECONDS:-60}" -timeout=30 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$art/$name-" \
	"$work/new" "$seeds" "$work/corpus" 2>"$work/log"
status=$?
grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::(number_of_executed_units|peak_rss)' "$work/log"
if [ $status -ne 0 ]; then
	tail -n 60 "$work/log"
	echo "fuzz_$name failed (status $status); inputs kept in $art"
	exit 1
fi
