#!/bin/sh
# run.sh NAME — run fuzz harness NAME over its seeds; with libFuzzer also fuzz briefly.
name=$1
bin=$NETLAB_BUILDDIR/tests/fuzz/fuzz_$name
seeds=$NETLAB_SRCDIR/tests/fuzz/seeds/$name
[ -x "$bin" ] || { echo "no harness $bin"; exit 1; }
[ -d "$seeds" ] || { echo "no seeds in $seeds"; exit 1; }
if "$bin" -help=1 2>&1 | grep -q libFuzzer; then
	work=$(mktemp -d) || exit 1
	trap 'rm -rf "$work"' EXIT
	cp "$seeds"/* "$work"/
	exec "$bin" -max_total_time="${FUZZ_SECONDS:-10}" -timeout=5 -rss_limit_mb=2048 "$work"
fi
exec "$bin" "$seeds"
