#!/bin/sh
# static.sh — the static analysers CI runs: cppcheck over src/ and clang's scan-build
# over a plain (no sanitizer) build.  Exit 0 when neither reports anything beyond the
# reasoned suppressions in tests/code/cppcheck.supp and tests/code/scan-build.supp,
# 1 when one does (the reports are printed), 77 when cppcheck or scan-build is missing.
# Usage: tests/code/static.sh [cppcheck|scan-build]   (default: both)
# The scan-build's build directory is $STATIC_BUILDDIR (default build-scan/ in the
# source tree); the source tree must have its configure (autoreconf -fi).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
what=${1:-all}
supp=$top/tests/code
status=0

for tool in cppcheck scan-build; do
	case $what in all|$tool) ;; *) continue ;; esac
	command -v "$tool" >/dev/null || { echo "SKIP: static: no $tool (Debian: cppcheck, clang-tools)"; exit 77; }
done

if [ "$what" = all ] || [ "$what" = cppcheck ]; then
	out=${TMPDIR:-/tmp}/static-cppcheck.$$
	# style: the project's bar; information (missing system includes) is noise
	(cd "$top" && cppcheck -j2 -q --std=c11 --enable=warning,style,portability,performance \
	    --inline-suppr --suppressions-list=tests/code/cppcheck.supp -I src \
	    --template='{file}:{line}: {severity}: {id}: {message}' src) 2>"$out"
	n=$(grep -c ': [a-z]*: [A-Za-z_]*: ' "$out")
	cat "$out"
	echo "static: cppcheck: $n report(s)"
	[ "$n" -eq 0 ] || status=1
	rm -f "$out"
fi

if [ "$what" = all ] || [ "$what" = scan-build ]; then
	b=${STATIC_BUILDDIR:-$top/build-scan}
	mkdir -p "$b" || exit 1
	log=$b/scan-build.log
	(cd "$b" && { [ -f Makefile ] || "$top/configure" >configure.out 2>&1; } &&
	    make clean >/dev/null 2>&1; scan-build -o "$b/report" make -j2 >"$log" 2>&1) ||
	    { tail -n 40 "$log" "$b/configure.out" 2>/dev/null; echo "static: scan-build: the build failed"; exit 1; }
	# "src/x.c: message [checker]", without line and column, so that the
	# suppressions survive edits elsewhere in the file
	grep ': warning: .*\[[a-zA-Z.]*\]$' "$log" | sed "s|^$top/||; s|^\([^:]*\):[0-9]*:[0-9]*: warning: |\1: |" |
	    sort -u >"$b/reports.txt"
	grep -v '^#' "$supp/scan-build.supp" | grep . | sort -u >"$b/supp.txt"
	comm -23 "$b/reports.txt" "$b/supp.txt" >"$b/new.txt"
	total=$(wc -l <"$b/reports.txt")
	n=$(wc -l <"$b/new.txt")
	cat "$b/new.txt"
	echo "static: scan-build: $total report(s), $((total - n)) suppressed with a reason, $n new"
	[ "$n" -eq 0 ] || status=1
	comm -13 "$b/reports.txt" "$b/supp.txt" | sed 's/^/static: scan-build: stale suppression (fixed?): /'
fi
exit "$status"
