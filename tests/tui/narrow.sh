#!/bin/sh
# 80x24 loses nothing that matters: the status bar keeps the counts, the server and its
# requests and the help hint; the field explanation is cut between words with the key
# that shows all of it (i); no help line is cut; "WebSocket" fits the Protocol column;
# the diagram keeps its title, keys and every flag (PSH); q in the RFC machine returns
# to the ladder.  Also --serve beside -r/-i starts the server (v visits it).
. "$NETLAB_SRCDIR/tests/tui/lib.sh"
PCAP="$NETLAB_SRCDIR/pcaps/lab.pcap"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
status() { t_screen | sed -n 24p; }

# ---- the help screen at 80 columns: every key's help whole (tall, so one screen) ----
t_start 80 150 -r "$PCAP"
t_wait "Packets: 58" || t_done
t_keys '?'
t_wait "netlab-tui keys" || t_done
t_screen > "$T_DIR/help.screen"
# entries: "  names  help" with the help wrapped under column 25
awk 'NR == 1 { next }
	substr($0, 1, 26) ~ /^ *$/ && substr($0, 27, 1) != "" { e = e " " substr($0, 27); next }
	{ if (e != "") print e; e = substr($0, 27) }
	END { if (e != "") print e }' "$T_DIR/help.screen" > "$T_DIR/help.entries"
"$NETLAB_BUILDDIR/tests/tui/keydump" | awk 'prev ~ /^\.It / { print } { prev = $0 }' |
	sed 's/\\e/\\/g' > "$T_DIR/help.want"
missing=$(grep -vxF -f "$T_DIR/help.entries" "$T_DIR/help.want")
if [ -z "$missing" ] && [ -s "$T_DIR/help.want" ]; then
	echo "ok: all $(wc -l < "$T_DIR/help.want") help texts whole at 80 columns"
else
	echo "FAIL: help texts cut at 80 columns:"
	printf '%s\n' "$missing" | sed 's/^/  - /'
	T_FAILED=1
fi
t_keys q
t_quit
t_stop

# ---- 80x24: the list, the field explanation, the diagram ----
P=$(free_port)
t_start 80 24 -r "$PCAP" --serve=127.0.0.1:"$P"
t_wait "Pkts: 58" || t_done
t_check "status bar keeps the server, its requests and the help hint" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | sed -n 24p | grep -q '127.0.0.1:$P .* 0 req .*? help'"
t_keys v
t_wait " 11 req" 20
t_check "status bar after a visit: $(status)" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | sed -n 24p | grep -q 'Pkts: 58 .*lab.pcap.*127.0.0.1:$P .* 11 req .*? help'"

# the field explanation: cut between words, i shows all of it
t_wait "(i: all of it)"
t_check "the help line names the key for the rest" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | sed -n 23p | grep -q '^ frame · 74 bytes · One captured packet: .*[a-z,]… (i: all of it)\$'"
t_keys i
t_wait "Field explanation"
t_wait "One captured packet: when it arrived, how long it was, what it carries."
t_keys q
t_wait_gone "Field explanation"

# Protocol column: WebSocket whole
t_keys : 4 0 Enter
t_wait "Frame 40: "
t_check "WebSocket fits the Protocol column" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | grep -q '^▶  40 .* WebSocket  *88 WebSocket Text'"

# the diagram: title, keys, closing sentence, PSH kept
t_keys g d
t_wait "m machine · x export · q back" || t_done
t_check "diagram row 1: stream and keys" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | sed -n 1p | grep -q '^ TCP stream 0 .*m machine · x export · q back$'"
t_check "diagram title and closing not cut" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | sed -n 2,3p | tr '\n' ' ' | grep -q 'three-way handshake · close: three segments (FIN, FIN+ACK, ACK) *client closed first → client ends in TIME-WAIT'"
t_check "PSH kept beside what the segment carries" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | grep -q '    6 ESTABLISHED  ◀── PSH,ACK HTTP/1.1 200 OK'"
# q in the RFC machine goes back to the ladder, a second q to the packets
t_keys m
t_wait "step 1/23 (frame 1)"
t_wait "client: active OPEN / snd SYN  server: rcv SYN / snd SYN,ACK"
t_keys q
t_wait "m machine · x export · q back"
t_check "q in the machine returned to the ladder" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | sed -n 1p | grep -q 'TCP stream 0'"
t_keys q
t_wait "Filter: (none)"
t_quit
t_stop

# ---- --serve beside -i: the server runs, v visits it, s stops it ----
if [ "$(id -u)" = 0 ] && timeout 5 "$NETLAB_BIN" -i lo -c 1 -a duration:1 -q >/dev/null 2>&1; then
	P=$(free_port)
	t_start 80 24 -i lo --serve=127.0.0.1:"$P"
	t_wait "capturing" || t_done
	t_wait "127.0.0.1:$P · 0 req"
	t_keys v
	t_wait "visit: 11 requests" 20
	t_wait " 11 req"
	t_keys s
	t_wait "server off"
	t_keys q y
	i=0
	while [ ! -s "$T_DIR/status" ] && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	t_check "--serve -i exits cleanly" grep -q '^EXIT=0$' "$T_DIR/status"
	t_check "--serve -i: stderr empty" sh -c "! test -s '$T_DIR/stderr'"
else
	echo "note: --serve with -i lo skipped (capturing on lo needs root); -r covered it"
fi
t_done
