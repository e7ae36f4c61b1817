#!/bin/sh
# The conversations view as a lab tool: one row per tcp.stream (a reused 4-tuple is a
# new row, as -z conv,tcp), with the handshake, the close type, who closed first and
# which side ends in TIME-WAIT, at 80x24 and on a wide terminal; Enter opens the
# stream's diagram.  At 80 columns the follow view's header fits too.
. "$NETLAB_SRCDIR/tests/tui/lib.sh"
PCAP="$NETLAB_SRCDIR/tests/data/tcp-patterns.pcap"
streams=$("$NETLAB_BIN" -r "$PCAP" -q -z conv,tcp | grep -c '<->')

row() {	# row PORT-A PORT-B: the screen line of that conversation
	t_screen | grep "127.0.0.1:$1 *127.0.0.1:$2 " | head -1
}
has() {	# has PORT-A PORT-B WORDS...: the row shows these columns in this order
	a=$1 b=$2
	shift 2
	line=$(row "$a" "$b")
	want=$(printf '%s ' "$@")
	case "$(echo "$line" | tr -s ' ') " in
	*" $want"*) return 0 ;;
	esac
	echo "row $a-$b is \"$line\", wanted it to end in \"$want\""
	return 1
}

t_start 80 24 -r "$PCAP"
t_wait "Packets: " || t_done
t_keys c
t_wait "Conversations: $streams " || t_done
t_wait "Hshake  Close    Closer T-WAIT"
t_check "four-segment close by the client" has 40001 8080 11 full four client client
t_check "three-segment close (FIN+ACK piggybacked)" has 40002 8080 10 full three server server
t_check "crossing FINs: both end in TIME-WAIT" has 40003 8080 11 full crossing client both
t_check "RST" has 40004 8080 5 full RST server none
t_check "no handshake captured" has 40007 8080 6 none three server server
t_check "the reused 4-tuple is a row of its own" has 40001 8080 11 full four client client
[ "$(t_screen | grep -c '127.0.0.1:40001 *127.0.0.1:8080 ')" = 2 ] ||
	{ echo "FAIL: 40001-8080 should be two rows (two streams)"; T_FAILED=1; }
# Enter on the crossing-FIN stream opens its diagram
t_keys j j Enter
t_wait "client 127.0.0.1:40003"
t_keys q
t_wait "Conversations:"
t_keys q
# the follow view's header fits 80 columns whole
t_keys f
t_wait "B back  x Enter q"
t_keys q
tmux -L "$T_SOCK" resize-window -t t -x 160 -y 30 2>/dev/null
t_keys c
t_wait "Handshake Close    Closer TIME-WAIT"
t_check "wide: packets each way and the lab columns" has 40003 8080 6 376 5 322 0.010000 full crossing client both
t_keys q
t_quit
t_done
