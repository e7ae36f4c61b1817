#!/bin/sh
# Conversations, follow TCP stream, help (compared with the expected screen), mouse.
. "$NETLAB_SRCDIR/tests/tui/lib.sh"
PCAP="$NETLAB_SRCDIR/tests/data/lab-v1.pcap"
EXPECTED="$NETLAB_SRCDIR/tests/tui/help.expected"

t_start 100 30 -r "$PCAP"
t_wait "Packets: 50  Displayed: 50" || t_done

# help, generated from the key table: compared with the expected screen
t_keys '?'
t_wait "netlab-tui keys"
t_screen | sed '$d' > "$T_DIR/help.out"
if [ -n "$NETLAB_UPDATE" ]; then
	cp "$T_DIR/help.out" "$EXPECTED"
fi
if diff -u "$EXPECTED" "$T_DIR/help.out"; then
	echo "ok: help screen"
else
	echo "FAIL: help screen differs from tests/tui/help.expected (NETLAB_UPDATE=1 regenerates)"
	T_FAILED=1
fi
t_keys j
t_keys q
t_wait "Packets: 50"
t_wait_gone "netlab-tui keys"

HAVE_TCP=0
"$NETLAB_BIN" -G fields | grep -q "	tcp.payload	" && HAVE_TCP=1

# conversations
t_keys c
t_wait "Conversations:"
if [ "$HAVE_TCP" = 1 ]; then
	t_wait "TCP  127.0.0.1:"
	# Enter opens the stream's diagram; q comes back to the conversations
	t_keys Enter
	t_wait "client 127.0.0.1:"
	t_keys q
	t_wait "Conversations:"
	t_keys f
	t_wait "Filter: tcp.stream eq "
	t_check "fewer packets displayed" sh -c \
		"! tmux -L $T_SOCK capture-pane -p -t t | grep -q 'Displayed: 50'"
	# follow the stream, hex toggle, jump to a chunk's packet
	t_keys f
	t_wait "Follow TCP:"
	t_wait "GET /"
	t_keys x
	t_wait "00000000  "
	t_keys x
	t_wait "GET /"
	t_keys n Enter
	t_wait_gone "Follow TCP:"
	t_keys '\'
	t_wait "Displayed: 50"
else
	t_wait "No TCP or UDP conversations"
	t_keys q
	t_keys f
	t_wait "not part of a TCP stream"
	echo "note: no TCP dissector (tcp.payload) in this build; conversation and follow content skipped"
fi

# mouse: a click on the 5th list row selects packet 5 (SGR mouse report)
t_keys g
t_wait "▶   1 "
tmux -L "$T_SOCK" send-keys -t t -l "$(printf '\033[<0;10;7M\033[<0;10;7m')"
t_wait "▶   5 "
t_quit
t_done
