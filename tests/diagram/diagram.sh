#!/bin/sh
# The TCP state diagram (d) end to end in tmux at 80x24: both ip:port lanes on
# loopback, states from SYN-SENT to the last state, classification and active
# closer, stepping, selection sync with the packet list, the state machine (m), the
# Markdown export (x) against golden files, overwrite refusal, ASCII under LANG=C.
# NETLAB_UPDATE=1 regenerates the golden exports.
. "$NETLAB_SRCDIR/tests/tui/lib.sh"
GOLD="$NETLAB_SRCDIR/tests/diagram/golden"
DATA="$NETLAB_SRCDIR/tests/diagram"

# export_check NAME: compares $T_DIR/NAME with the golden file
export_check() {
	if [ -n "$NETLAB_UPDATE" ]; then
		cp "$T_DIR/$1" "$GOLD/$1"
	fi
	if diff -u "$GOLD/$1" "$T_DIR/$1"; then
		echo "ok: export $1"
	else
		echo "FAIL: export $1 differs from tests/diagram/golden/$1"
		T_FAILED=1
	fi
}

# ---- the lab capture: server on 8080, three-segment closes, client closes first ----
t_start 80 24 -r "$NETLAB_SRCDIR/tests/data/lab-v1.pcap"
t_wait "Packets: 50  Displayed: 50" || t_done
t_keys d
t_wait "client 127.0.0.1:41330" || t_done
t_wait "server 127.0.0.1:8080"
t_wait "three-way handshake"
t_wait "client closed first"
t_wait "1/22 frame 1 SYN: client CLOSED"
t_check "initial states CLOSED / LISTEN" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q 'CLOSED  *LISTEN'"
t_check "SYN-SENT beside the client lane" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q '    1 SYN-SENT .*SYN-RECEIVED'"
t_check "handshake arithmetic" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q 'Ack = ISN(client) + 1 = 1455877724 + 1 = 1455877725'"
t_keys G
t_wait "22/22 frame 47 ACK: server LAST-ACK"
t_check "client ends in TIME-WAIT" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q '   47 TIME-WAIT .* CLOSED'"
t_check "FIN merged into the ACK" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q '   46 TIME-WAIT .*FIN, ACK.* LAST-ACK'"
t_keys k
t_wait "21/22 frame 46"
# the packet list follows the ladder
t_keys q
t_wait "▶  46 " || t_done
t_keys k k
t_wait "▶  44 "
# ... and back: 44 is not in stream 0 (it belongs to another stream)
t_keys d
t_wait "TCP stream"
t_keys q
t_keys : 4 5 Enter
t_wait "▶  45 "
t_keys d
t_wait "20/22 frame 45 FIN, ACK"
# the state machine
t_keys m
# (at 80 columns the step stays in the header, the transition names go to the footer)
t_wait "step 20/22 (frame 45)"
t_wait "client: CLOSE / snd FIN  server: rcv FIN / snd ACK"
t_check "boxes drawn" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q '│ FIN-WAIT-1 │'"
t_check "client marked on FIN-WAIT-1" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q '┌──────▼─────┐.*┌cli\\|cli'"
t_keys Right
t_wait "step 21/22"
t_keys m
t_wait "21/22 frame 46"
# export, then the refusal to overwrite
t_keys x
t_wait "Export Markdown to: tcp-stream-0.md"
t_keys Enter
t_wait "wrote tcp-stream-0.md"
export_check tcp-stream-0.md
t_keys x
t_wait "Export Markdown to:"
t_keys Enter
t_wait "tcp-stream-0.md exists. Overwrite? (y/n)"
t_keys n
t_wait "not overwritten"
# Enter jumps to the packet
t_keys Enter
t_wait "▶  46 "
t_wait_gone "Export Markdown"
t_quit

# ---- crafted close patterns ----
for c in four crossed reset server; do
	case $c in
	four) want="four segments (FIN, ACK, FIN, ACK)"; who="client closed first"; last="11 TIME-WAIT" ;;
	crossed) want="simultaneous close (FINs crossed)"; who="FINs crossed"; last="11 TIME-WAIT" ;;
	reset) want="reset (RST)"; who="no TIME-WAIT"; last=" 8 CLOSED" ;;
	server) want="four segments"; who="server closed first"; last="    9 CLOSED" ;;
	esac
	t_stop
	t_start 100 40 -r "$DATA/close-$c.pcap"
	t_wait "Packets:" || t_done
	t_keys d
	t_wait "client 127.0.0.1:40000" || t_done
	t_wait "$want"
	t_wait "$who"
	t_keys G
	t_wait "$last"
	t_keys x
	t_wait "Export Markdown to: tcp-stream-0.md"
	t_keys C-u
	t_type "close-$c.md"
	t_keys Enter
	t_wait "wrote close-$c.md"
	export_check "close-$c.md"
	t_keys Escape
	t_quit
done
t_check "crossed FINs drawn crossing" grep -q "╳" "$T_DIR/close-crossed.md"

# ---- crossing FINs: each end FIN-WAIT-1 then CLOSING, never CLOSE-WAIT (issue 14) ----
t_stop
t_start 120 40 -r "$DATA/close-crossed.pcap"
t_wait "Packets:" || t_done
t_keys d
t_wait "client 127.0.0.1:40000" || t_done
t_keys G k k
t_wait "9/11 frame 9 FIN, ACK: client ESTABLISHED→FIN-WAIT-1→CLOSING server FIN-WAIT-1→CLOSING"
t_check "no CLOSE-WAIT on the ladder" sh -c "! tmux -L $T_SOCK capture-pane -p -t t | grep -q 'CLOSE-WAIT'"
t_keys k
t_wait "8/11 frame 8 FIN, ACK: server ESTABLISHED→FIN-WAIT-1"
t_keys j m
t_wait "step 9/11 (frame 9)"
# the header has no room for both transitions at 120 columns: they go to the footer
t_wait "client: CLOSE / snd FIN, rcv FIN / snd ACK  server: rcv FIN / snd ACK"
t_check "both ends marked on CLOSING" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q 'cli.*srv'"
t_check "no CLOSE-WAIT → CLOSING edge" sh -c "! tmux -L $T_SOCK capture-pane -p -t t | grep -q 'snd FIN (crossed)\\|CLOSE-WAIT.*CLOSING'"
t_keys q q	# the machine back to the ladder, the ladder back to the list
t_quit

# ---- ASCII under LANG=C ----
T_LOCALE=C
t_stop
t_start 80 24 -r "$DATA/close-crossed.pcap"
t_wait "Packets:" || t_done
t_keys d
t_wait "client 127.0.0.1:40000" || t_done
t_check "ASCII arrows" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q -- '-- SYN  Seq=0 -*>'"
t_keys G	# the crossing FINs are near the end (80x24: the header takes three rows)
t_wait "11/11 frame"
t_check "ASCII crossing" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q -- '-X->'"
t_keys m
t_wait "| ESTABLISHED |"
t_check "ASCII boxes" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q -- '+--------+'"
t_keys q	# the machine back to the ladder
t_wait "m machine | x export | q back"
t_keys q	# the ladder back to the packets
t_wait "Filter:"
t_quit
t_done
