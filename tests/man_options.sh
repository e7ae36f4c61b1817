#!/bin/sh
# The options in --help (generated from src/options.c's table) and in the man
# page's OPTIONS section must be the same set, short and long names alike.
man=$NETLAB_SRCDIR/man/netlab-tui.1
help=$("$NETLAB_BIN" --help) || { echo "--help failed"; exit 1; }
from_help=$(printf '%s\n' "$help" | sed -n 's/^  \(-[^ ].*\)$/\1/p' |
	sed 's/  .*//' | tr ',' '\n' | sed -n 's/^ *\(--*[A-Za-z][A-Za-z-]*\).*/\1/p' | sort -u)
from_man=$(sed -n '/^\.Sh OPTIONS/,/^\.El/p' "$man" | sed -n 's/^\.It //p' |
	tr ',' '\n' | sed -n 's/^ *Fl \(\\-\)\{0,1\}\([A-Za-z][A-Za-z-]*\).*/\1\2/p' |
	sed 's/^\\-/--/; s/^\([^-]\)/-\1/' | sort -u)
[ -n "$from_help" ] || { echo "no options found in --help"; exit 1; }
missing=$(printf '%s\n' "$from_help" | grep -vxF -e "$from_man")
extra=$(printf '%s\n' "$from_man" | grep -vxF -e "$from_help")
[ -z "$missing" ] || echo "in --help but not in man/netlab-tui.1: $missing"
[ -z "$extra" ] || echo "in man/netlab-tui.1 but not in --help: $extra"
[ -z "$missing$extra" ] && echo "$(printf '%s\n' "$from_help" | wc -l) options documented in --help and the man page"
[ -z "$missing$extra" ]
