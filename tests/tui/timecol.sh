#!/bin/sh
# The Time column is the model's, as batch mode prints it: -t/-u on the command line,
# t and T in the TUI, and with a display filter -t dd counts from the previous
# displayed row (each row's time is held against `-t FMT -Y FILTER` frame by frame).
. "$NETLAB_SRCDIR/tests/tui/lib.sh"
PCAP="$NETLAB_SRCDIR/tests/data/lab-v1.pcap"
TZ=UTC
export TZ

# every list row on the screen shows the time batch mode prints for its frame, and
# the list holds the frames batch mode prints, in order
same_times() {	# $1 = batch options
	t_screen | sed -n '3,/─ Packet details/p' | grep -v 'Packet details' |
	    sed 's/▶/ /; s/ 127\.0\.0\.1 .*//; s/^ *//; s/ *$//; s/  */ /g' > "$T_DIR/screen"
	"$NETLAB_BIN" -n -r "$PCAP" $1 | sed 's/ 127\.0\.0\.1 → .*//; s/^ *//; s/ *$//; s/  */ /g' |
	    head -n "$(wc -l < "$T_DIR/screen")" > "$T_DIR/want"
	[ "$(wc -l < "$T_DIR/want")" -gt 3 ] && diff "$T_DIR/want" "$T_DIR/screen"
}

t_start 140 40 -t dd -r "$PCAP"
t_wait "Packets: 50  Displayed: 50" || t_done
t_check "-t dd, no filter: as batch mode" same_times "-t dd"
t_keys /
t_type "tcp.len > 0"
t_wait "✓ valid"
t_keys Enter
t_wait "Filter: tcp.len > 0"
t_check "-t dd with a filter: since the previous displayed row" same_times "-t dd -Y tcp.len>0"
t_keys t
t_wait "Time column: seconds since 1970-01-01 (epoch) (-t e)"
t_check "t: the next format (epoch)" same_times "-t e -Y tcp.len>0"
t_keys t t t t
t_wait "(-t r)"
t_keys T
t_wait "(-t r -u hms)"
t_check "T: hours, minutes, seconds" same_times "-t r -u hms -Y tcp.len>0"
t_keys '\'
t_wait "Displayed: 50"
t_keys t t t t
t_wait "(-t d -u hms)"
t_check "clearing the filter: deltas again since the previous captured row" \
	same_times "-t d -u hms"
t_quit
t_done
