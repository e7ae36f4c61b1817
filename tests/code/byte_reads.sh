#!/bin/sh
# byte_reads.sh — every multi-byte packet read under src/dissect goes through the
# cursor (src/dissect/cursor.h): fails, printing file:line, on a value assembled by hand
# from indexed bytes (`p[0] << 8 | p[1]`, `v << 8 | p[i]`, `*p << 8`, `p[i] << (8 * i)`)
# or on a local big/little-endian helper (`static uint16_t be16(const uint8_t *p)`).
# Shifts of values already read (`ctl << 8 | c2`) and flag constants (`1u << 8`) pass.
# cursor.h itself is where the assembly lives.
srcdir=${srcdir:-$(dirname "$0")/../..}
dir="$srcdir/src/dissect"
[ -d "$dir" ] || { echo "SKIP: $dir not found"; exit 77; }

# indexed byte shifted by a byte multiple; shifted value ORed with an indexed byte;
# dereferenced byte shifted; byte-multiple shift by a loop index
assembly='\[[^]]*\] *<< *\(?(8|16|24|32|40|48|56)\b|<< *\(?(8|16|24)\)? *\| *[A-Za-z_(][^;]*\[|\*[A-Za-z_][A-Za-z0-9_]* *<< *(8|16|24)\b|<< *\(8 *\*'
# a local helper that decodes an integer from a byte pointer
helper='^(static +)?(inline +)?u?int(16|32|64)_t +[A-Za-z_]*(be|le|get_?u?int)[_]?(16|24|32|48|64)? *\( *const +u?int8_t *\*|^(static +)?(inline +)?u?int(16|32|64)_t +(be|le)(16|24|32|64) *\('

bad=0
for f in "$dir"/*.c "$dir"/*.h; do
	[ "$(basename "$f")" = cursor.h ] && continue
	# drop comment lines (block-comment bodies and // lines) before matching
	out=$(grep -nE "$assembly|$helper" "$f" | grep -vE '^[0-9]+: *(\*|/\*|//)')
	if [ -n "$out" ]; then
		echo "$out" | sed "s|^|${f#$srcdir/}:|"
		bad=1
	fi
done
if [ $bad = 1 ]; then
	echo "byte_reads: read multi-byte packet fields through cursor.h (cur_be16, cur_peek_be16, cur_at, cur_sub ...)" >&2
	exit 1
fi
echo "byte_reads: no hand-assembled multi-byte reads under src/dissect"
