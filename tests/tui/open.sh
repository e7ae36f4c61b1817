#!/bin/sh
# Open a capture, move through the list, expand the tree, follow the hex highlight,
# go to a packet, resize to 80x24, quit.
. "$NETLAB_SRCDIR/tests/tui/lib.sh"
PCAP="$NETLAB_SRCDIR/tests/data/lab-v1.pcap"

t_start 120 40 -r "$PCAP"
t_wait "Packets: 50  Displayed: 50" || t_done
t_wait "lab-v1.pcap · file"
t_check "no percentage once loaded" sh -c "! (tmux -L $T_SOCK capture-pane -p -t t | grep -q 'Loading')"
t_check "column header" sh -c "tmux -L $T_SOCK capture-pane -p -t t | sed -n 2p | grep -q 'No. Time'"
t_check "first packet selected" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q '^▶   1 '"

# move
t_keys j j
t_wait "▶   3 "
t_keys k
t_wait "▶   2 "
t_keys G
t_wait "▶  50 "
t_keys g
t_wait "▶   1 "
t_keys : 1 7 Enter
t_wait "▶  17 "
t_wait "Frame 17: "

# expand the frame node, then the whole tree, then collapse everything
t_keys Tab
t_keys Enter
t_wait "▾ Frame 17"
t_wait "Frame Number: 17"
t_keys E
t_wait_gone "Frame Number: 17"
t_keys e
t_wait "Frame Number: 17"
t_keys E
t_wait "▸ Frame 17"

# field focus drives the hex highlight: Frame covers every byte, Ethernet 0-13
FRAMELEN=$(t_screen | sed -n 's/.*Frame 17: \([0-9]*\) bytes on wire.*/\1/p' | head -1)
t_wait "Bytes  0-$((FRAMELEN - 1)) selected"
t_keys j
t_wait "Bytes  0-13 selected"
t_wait "eth ·"
# the highlighted bytes are drawn in another attribute than their neighbours
ESC=$(printf '\033')
t_check "highlight attribute in the hex pane" sh -c \
	"tmux -L $T_SOCK capture-pane -p -e -t t | grep -a '0000  ' | grep -q '${ESC}\\[[0-9;]*m00'"

# hex pane: moving to byte 14 focuses an IPv4 field
t_keys Tab
t_keys l l l l l l l l l l l l l l
t_wait "14-"
t_check "IPv4 field focused from the hex pane" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | grep -q '^ ip\\.'"
t_keys Tab

# the tree state is remembered across packets
t_keys Tab g
t_keys Enter
t_wait "▾ Frame 17"
t_keys Tab Tab j
t_wait "▾ Frame 18"

# zoom a pane and back
t_keys z
t_wait_gone "─ Bytes"
t_keys z
t_wait "─ Bytes"

# 80x24
tmux -L "$T_SOCK" resize-window -t t -x 80 -y 24
t_wait "Packets: 50"
t_check "list rows at 80x24" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q '127.0.0.1 127.0.0.1'"
t_check "status bar is the last line at 80x24" sh -c "tmux -L $T_SOCK capture-pane -p -t t | sed -n 24p | grep -q 'Displayed: 50'"
t_check "hex fits in 80 columns" sh -c "tmux -L $T_SOCK capture-pane -p -t t | grep -q '^0000  00 00 00 00'"

# mouse: a click on a list row selects it
t_quit
t_done
