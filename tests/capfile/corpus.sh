#!/bin/sh
# corpus.sh — capfile reads every corpus capture exactly as tshark does: same packet
# count, same first and last frame.time_epoch.  Expected values come from
# tests/data/corpus_counts.txt (tests/capfile/gen_counts.sh, run once with tshark).
corpus=$NETLAB_SHARED/corpus
counts=$NETLAB_SRCDIR/tests/data/corpus_counts.txt
capcount=$NETLAB_BUILDDIR/tests/capfile/capcount
[ -d "$corpus/real" ] || { echo "SKIP: no corpus at $corpus"; exit 77; }
[ -x "$capcount" ] || { echo "capcount not built at $capcount"; exit 1; }
[ -r "$counts" ] || { echo "missing $counts"; exit 1; }
total=0 ok=0 missing=0
while read -r f want; do
	case $f in "#"*|"") continue ;; esac
	if [ ! -f "$corpus/$f" ]; then
		missing=$((missing + 1))
		continue
	fi
	total=$((total + 1))
	got=$(timeout 10 "$capcount" "$corpus/$f" 2>/dev/null)
	if [ "$got" = "$want" ]; then
		ok=$((ok + 1))
	else
		echo "MISMATCH $f: tshark '$want', capfile '$got'"
	fi
done < "$counts"
echo "capfile matches tshark on $ok/$total corpus files ($missing listed files absent)"
[ "$total" -gt 0 ] || { echo "SKIP: none of the listed files is in $corpus"; exit 77; }
[ "$ok" -eq "$total" ]
