#!/bin/sh
# The directory-level include graph of src/ (README.md "Architecture"): prints it and
# fails on a cycle or on an edge against the layer order below.  A node is a
# directory under src/ or a top-level file (main, options); an edge A -> B means a
# file of A includes a header of B ("config.h", generated, is not a node).
#
# Layer order, lowest first; a node may include only nodes of a strictly lower layer
# (nodes of one layer never include each other):
#   core < store, capture, server, dissect < filter < analysis < print < ui
#        < options < mode < main
# Usage: layers.sh [--graph]   (--graph: print the graph and exit 0)
src=${NETLAB_SRCDIR:-$(dirname "$0")/../..}/src
[ -d "$src" ] || { echo "SKIP: no source tree at $src"; exit 77; }

rank() {
	case $1 in
	core) echo 0 ;; store|capture|server|dissect) echo 1 ;; filter) echo 2 ;;
	analysis) echo 3 ;; print) echo 4 ;; ui) echo 5 ;; options) echo 6 ;;
	mode) echo 7 ;; main) echo 8 ;; *) echo unknown ;;
	esac
}

# file<TAB>from-node<TAB>to-node, one line per include that crosses nodes
edges=$(cd "$src" && find . -name '*.[ch]' | sed 's|^\./||' | sort | while read -r f; do
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
	while read -r inc; do
		case $f in */*) from=${f%%/*} ;; *) from=${f%.[ch]} ;; esac
		case $inc in
		config.h) continue ;;
		*/*) to=${inc%%/*} ;;
		*) if [ -e "$(dirname "$f")/$inc" ] && [ "$(dirname "$f")" != . ]; then to=$from
		   else to=${inc%.[ch]}; fi ;;
		esac
		[ "$from" = "$to" ] || printf '%s\t%s\t%s\n' "$f" "$from" "$to"
	done
done)

graph=$(printf '%s\n' "$edges" | awk -F'\t' 'NF == 3 { n[$2 " -> " $3]++ }
	END { for (e in n) printf "%s (%d)\n", e, n[e] }' | sort)
echo "include graph of src/ (from -> to, number of #include lines):"
printf '%s\n' "$graph" | sed 's/^/  /'
[ "$1" = --graph ] && exit 0

bad=0
cycle=$(printf '%s\n' "$edges" | awk -F'\t' 'NF == 3 { print $2, $3 }' | sort -u |
	tsort 2>&1 >/dev/null)
if [ -n "$cycle" ]; then
	echo "FAIL: the graph has a cycle:"; printf '%s\n' "$cycle" | sed 's/^/  /'
	bad=1
fi
printf '%s\n' "$edges" | sort -u > "${TMPDIR:-/tmp}/layers.$$"
while IFS='	' read -r f from to; do
	[ -n "$f" ] || continue
	rf=$(rank "$from"); rt=$(rank "$to")
	if [ "$rf" = unknown ] || [ "$rt" = unknown ]; then
		echo "FAIL: $f: $from -> $to: a node not in the layer order (add it to $0)"
		bad=1
	elif [ "$rt" -ge "$rf" ]; then
		echo "FAIL: $f: $from -> $to goes against the layer order"
		bad=1
	fi
done < "${TMPDIR:-/tmp}/layers.$$"
rm -f "${TMPDIR:-/tmp}/layers.$$"
[ $bad = 0 ] && echo "no cycle; every edge points down the layer order"
exit $bad
