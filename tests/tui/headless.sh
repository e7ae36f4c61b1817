#!/bin/sh
# headless.sh — the TUI renders the one model: for every capture, the TUI's own code
# path run without a terminal (--headless: load as the TUI loads, select every frame
# in a seeded random order, build list rows and detail trees as the panes do, the
# conversations table, the follow view, the diagrams) must print exactly what batch
# mode prints: -P -V (summary line and tree of every frame), -z conv,tcp, -z conv,udp,
# -z follow,tcp,ascii,N for the streams it picked, and --flow.
#
# Captures: pcaps/ and tests/data/ always; ../shared/corpus/{real,more} when present
# (HEADLESS_CORPORA=0 leaves them out).  Files run two at a time, 60 s each at most.
: "${NETLAB_BIN:?}" "${NETLAB_SRCDIR:?}"
TZ=UTC
export TZ
work=$(mktemp -d "${TMPDIR:-/tmp}/headless.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

list=$work/list
find "$NETLAB_SRCDIR/pcaps" "$NETLAB_SRCDIR/tests/data" -type f \
	\( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) > "$list"
if [ "${HEADLESS_CORPORA:-1}" = 1 ] && [ -d "${NETLAB_SHARED:-/nonexistent}/corpus" ]; then
	find "$NETLAB_SHARED/corpus/real" "$NETLAB_SHARED/corpus/more" -type f \
		\( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) >> "$list"
else
	echo "note: ../shared/corpus not found: in-tree captures only"
fi

# one_file FILE: prints "DIFF <views> FILE" when a view differs
cat > "$work/one.sh" <<'EOS'
#!/bin/sh
f=$1 bin=$2
t=$(mktemp -d "${TMPDIR:-/tmp}/hl.XXXXXX") || exit 1
seed=$(printf '%s' "$f" | cksum | cut -d' ' -f1)
timeout 60 "$bin" -r "$f" --headless="$((seed % 1000))" > "$t/h" 2> "$t/herr"
hr=$?
awk '/^#frames$/{f=1;next} /^#z /{f=0} f' "$t/h" > "$t/h.frames"
awk '/^#z /{f=1;next} /^#flow$/{f=0} f' "$t/h" > "$t/h.z"
awk '/^#flow$/{f=1;next} f' "$t/h" > "$t/h.flow"
zargs=$(sed -n 's/^#z //p' "$t/h" | sed 's/\([^ ]*\)/-z \1/g')
timeout 60 "$bin" -r "$f" -P -V > "$t/b.frames" 2> "$t/berr"
br=$?
timeout 60 "$bin" -r "$f" -q $zargs > "$t/b.z" 2>/dev/null
timeout 60 "$bin" -r "$f" --flow > "$t/b.flow" 2>/dev/null
why=
for v in frames z flow; do
	cmp -s "$t/h.$v" "$t/b.$v" || why="$why $v"
done
[ "$hr" = "$br" ] || why="$why exit($hr vs $br)"
grep -q -e 'Sanitizer' -e 'runtime error' "$t/herr" "$t/berr" && why="$why sanitizer"
if [ -n "$why" ]; then
	echo "DIFF$why $f"
	for v in frames z flow; do
		cmp -s "$t/h.$v" "$t/b.$v" || diff "$t/h.$v" "$t/b.$v" | head -6 | cut -c1-160
	done
fi
rm -rf "$t"
EOS
chmod +x "$work/one.sh"
total=$(wc -l < "$list")
xargs -P 2 -I{} "$work/one.sh" {} "$NETLAB_BIN" < "$list" > "$work/out"
bad=$(grep -c '^DIFF' "$work/out")
cat "$work/out"
echo "headless TUI vs batch: $((total - bad))/$total captures identical in every view"
[ "$total" -gt 0 ] && [ "$bad" -eq 0 ]
