#!/bin/sh
# Every terminal's keys: the bytes xterm, PuTTY, tmux, screen, rxvt and the Linux
# console send for Home/End/PgUp/PgDn/Delete/arrows (and xterm's Ctrl/Shift forms) act
# as those keys under each TERM, and never as Esc (which closes a view); a lone Esc
# still does.  The bytes are sent raw, as the terminal would (no tmux translation).
. "$NETLAB_SRCDIR/tests/tui/lib.sh"
set -f	# the sequences hold [ (no globbing)
PCAP="$NETLAB_SRCDIR/pcaps/lab.pcap"	# 58 packets; stream 0 has 23 segments

HOME_SEQS='\033[1~ \033[H \033OH \033[7~ \033[1;5H \033[1;2~ \033[7^'
END_SEQS='\033[4~ \033[F \033OF \033[8~ \033[1;5F \033[4;5~ \033[8$'

# pairs: each Home sequence, then each End sequence, waiting for their effect
home_end() {
	at_home=$1 at_end=$2
	set -- $END_SEQS
	for h in $HOME_SEQS; do
		e=$1
		shift
		t_raw "$e"
		t_wait "$at_end" 5 || { printf '  (End as %s, TERM=%s)\n' "$e" "$T_TERM"; return 1; }
		t_raw "$h"
		t_wait "$at_home" 5 || { printf '  (Home as %s, TERM=%s)\n' "$h" "$T_TERM"; return 1; }
	done
}

for term in xterm xterm-256color screen-256color tmux-256color linux; do
	if ! tput -T "$term" longname >/dev/null 2>&1; then
		echo "note: no terminfo entry for $term here; skipped"
		continue
	fi
	T_TERM=$term
	echo "-- TERM=$term"
	t_start 80 24 -r "$PCAP"
	t_wait "Packets: 58" || t_done

	# packet list: the details follow the selected frame
	home_end "Frame 1: " "Frame 58: " || t_done
	t_raw '\033[6~'; t_wait_gone "Frame 1: " 5
	t_raw '\033[5~'; t_wait "Frame 1: " 5
	for down_up in '\033[B \033[A' '\033OB \033OA' '\033[1;5B \033[1;2A' '\033[b \033Oa'; do
		set -- $down_up
		t_raw "$1"; t_wait "Frame 2: " 5 || printf '  (Down as %s, TERM=%s)\n' "$1" "$term"
		t_raw "$2"; t_wait "Frame 1: " 5 || printf '  (Up as %s, TERM=%s)\n' "$2" "$term"
	done

	# filter bar: Home then Delete removes the first character
	t_keys /
	t_type "xtcp"
	t_raw '\033[1~'
	t_raw '\033[3~'
	t_wait "valid" 5
	t_check "Delete after Home left \"tcp\" ($term)" sh -c \
		"tmux -L $T_SOCK capture-pane -p -t t | head -n 1 | grep -q '^Filter: tcp '"
	t_keys Escape
	t_wait "Filter: (none)" 5

	# TCP diagram: End/Home move to the last/first segment; the view stays open
	t_keys d
	t_wait " 1/23 frame 1 " 5 || t_done
	home_end " 1/23 frame 1 " "23/23 frame 55 " || t_done
	t_check "the diagram is still open after Home/End ($term)" sh -c \
		"tmux -L $T_SOCK capture-pane -p -t t | head -n 1 | grep -q 'TCP stream 0'"
	t_raw '\033[6~'; t_wait_gone " 1/23 frame 1 " 5
	t_raw '\033[5~'; t_wait " 1/23 frame 1 " 5
	t_raw '\033[C'; t_wait " 2/23 frame 2 " 5
	t_raw '\033OD'; t_wait " 1/23 frame 1 " 5
	# unknown sequences (F5, Ctrl-F2, Ctrl-Insert, a stray mouse report) are dropped whole
	t_raw '\033[15~\033[1;5Q\033[2;5~\033[<0;10;7M\033[200~'
	t_raw '\033[4~'
	t_wait "23/23 frame 55 " 5
	t_check "unknown sequences did not close the diagram ($term)" sh -c \
		"tmux -L $T_SOCK capture-pane -p -t t | head -n 1 | grep -q 'TCP stream 0'"
	# a lone Esc still closes it
	t_keys Escape
	t_wait "Filter: (none)" 5
	t_quit
	t_stop
done
t_done
