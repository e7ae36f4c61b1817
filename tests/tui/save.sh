#!/bin/sh
# w: save displayed and marked packets; a file that exists is not overwritten without
# confirmation; tshark reads what was written.
. "$NETLAB_SRCDIR/tests/tui/lib.sh"
PCAP="$NETLAB_SRCDIR/tests/data/lab-v1.pcap"

t_start 100 30 -r "$PCAP"
t_wait "Packets: 50  Displayed: 50" || t_done

t_keys w
t_wait "Save [a]ll 50, [d]isplayed 50 or [m]arked 0 packets?"
t_keys d
t_wait "Save as"
t_keys C-u
t_type "out.pcap"
t_keys Enter
t_wait "Saved 50 packets to out.pcap"

# the same name again: asks, and "n" keeps the file
t_keys w a C-u
t_type "out.pcap"
t_keys Enter
t_wait "out.pcap exists. Overwrite it? (y/N)"
t_keys n
t_wait "not saved"

# mark two packets, save them as pcapng
t_keys m m
t_wait "Marked: 2"
t_keys w m C-u
t_type "marked.pcapng"
t_keys Enter
t_wait "Saved 2 packets to marked.pcapng"

# a full disk: the error, once, with how many packets the file holds
t_keys w a C-u
t_type "/dev/full"
t_keys Enter
t_wait "/dev/full exists. Overwrite it? (y/N)"
t_keys y
t_wait "/dev/full: No space left on device (0 of 50 packets saved"
t_quit

if command -v tshark >/dev/null 2>&1; then
	n=$(tshark -r "$T_DIR/out.pcap" 2>/dev/null | wc -l)
	t_check "tshark reads 50 packets from out.pcap ($n)" test "$n" -eq 50
	n=$(tshark -r "$T_DIR/marked.pcapng" 2>/dev/null | wc -l)
	t_check "tshark reads 2 packets from marked.pcapng ($n)" test "$n" -eq 2
	t_check "same bytes as the source" sh -c \
		"[ \"\$(tshark -r '$T_DIR/out.pcap' -T fields -e frame.len | md5sum)\" = \"\$(tshark -r '$PCAP' -T fields -e frame.len | md5sum)\" ]"
else
	echo "note: tshark not installed; checked with our own reader only"
fi
n=$("$NETLAB_BIN" -r "$T_DIR/out.pcap" | wc -l)
t_check "netlab-tui reads 50 packets back ($n)" test "$n" -eq 50
t_done
