#!/bin/sh
# The screen shows the model batch mode prints: in pcaps/lab.pcap the 206 response's
# headers and body leave in separate segments, and frame 20, where the PDU is
# reassembled, must show HTTP in the list row and the detail tree (it showed TCP);
# a display filter on the reassembled field finds it; the conversations view has one
# row per tcp.stream; -d makes the list decode a port as batch mode does.
. "$NETLAB_SRCDIR/tests/tui/lib.sh"
PCAP="$NETLAB_SRCDIR/pcaps/lab.pcap"
row20=$("$NETLAB_BIN" -r "$PCAP" -Y 'frame.number == 20' | sed 's/^ *//')
case $row20 in
*"HTTP/1.1 206 Partial Content"*) ;;
*) echo "batch mode lost frame 20's response: $row20"; exit 1 ;;
esac

t_start 200 50 -r "$PCAP"
t_wait "Packets: " || t_done
t_keys : 2 0 Enter
t_wait "▶  20 "
t_check "list row of frame 20 is the HTTP response" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | grep '^▶  20 ' | grep -q 'HTTP.*206 Partial Content'"
t_keys Tab z e G
t_wait "Hypertext Transfer Protocol"
t_wait "HTTP/1.1 206 Partial Content\\r\\n"
t_wait "Reassembled TCP Segments"
t_keys z Tab Tab

# the display filter finds the reassembled responses, as batch mode does
want=$("$NETLAB_BIN" -r "$PCAP" -Y 'http.response.code == 206' | wc -l)
t_keys /
t_type 'http.response.code == 206'
t_keys Enter
t_wait "Displayed: $want "

# conversations: one row per tcp.stream, as -z conv,tcp
t_keys '\\'
streams=$("$NETLAB_BIN" -r "$PCAP" -q -z conv,tcp | grep -c '<->')
t_keys c
t_wait "Conversations: $streams "
t_keys q
t_quit
t_stop

# -d (decode as) is the model's too: the server on port 9999 speaks HTTP in the list
DPCAP="$NETLAB_SRCDIR/tests/data/decode-as.pcap"
row4=$("$NETLAB_BIN" -r "$DPCAP" -d tcp.port==9999,http -Y 'frame.number == 4' | sed 's/^ *//')
t_start 200 50 -d tcp.port==9999,http -r "$DPCAP"
t_wait "Packets: " || t_done
t_check "-d: the list row is batch mode's ($row4)" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | sed 's/  */ /g' | grep -q '^ 4 .* HTTP 459 GET / HTTP/1.1'"
t_quit
t_done
