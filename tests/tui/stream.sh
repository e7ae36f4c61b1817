#!/bin/sh
# A stream in the TUI (issue 18): `tcpdump -U -w - | netlab-tui -r -` and a FIFO are
# read as the packets arrive, keys come from the terminal (/dev/tty) while standard
# input carries the capture, and every view is the one batch mode and a file give:
# --headless on the stream prints what it prints on the same bytes as a file.
. "$NETLAB_SRCDIR/tests/tui/lib.sh"
TZ=UTC
export TZ
PCAP="$NETLAB_SRCDIR/tests/data/lab-v1.pcap"

# 1. the model: every in-tree capture through a pipe, as the file
n=0
for f in "$NETLAB_SRCDIR"/tests/data/*.pcap "$NETLAB_SRCDIR"/tests/data/*.pcapng "$NETLAB_SRCDIR"/pcaps/*.pcap; do
	[ -f "$f" ] || continue
	timeout 60 "$NETLAB_BIN" -r "$f" --headless > "$T_DIR/file" 2>&1
	timeout 60 sh -c 'cat "$1" | "$2" -r - --headless' sh "$f" "$NETLAB_BIN" > "$T_DIR/pipe" 2>&1
	n=$((n + 1))
	if ! cmp -s "$T_DIR/file" "$T_DIR/pipe"; then
		echo "FAIL: $f through a pipe differs from the file"
		diff "$T_DIR/file" "$T_DIR/pipe" | head -5
		T_FAILED=1
	fi
done
echo "ok: $n captures through a pipe, each view as from the file"

# 2. a FIFO whose writer pauses: the first half shows before the second is written,
# and the keys work meanwhile
mkfifo "$T_DIR/fifo"
python3 - "$PCAP" "$T_DIR/fifo" "$T_DIR/go" <<'EOS' &
import os, struct, sys, time
data = open(sys.argv[1], 'rb').read()
off, n = 24, 0
while n < 20:                       # the header and the first 20 records
    off += 16 + struct.unpack_from('<I', data, off + 8)[0]
    n += 1
with open(sys.argv[2], 'wb') as f:
    f.write(data[:off])
    f.flush()
    for _ in range(300):            # until the test says so (30 s at most)
        if os.path.exists(sys.argv[3]):
            break
        time.sleep(0.1)
    f.write(data[off:])
EOS
writer=$!
t_start 140 40 -r "$T_DIR/fifo"
t_wait "Packets: 20 " || { kill $writer; t_done; }
t_keys : 4 Enter
t_wait "GET / HTTP/1.1"
t_check "a key while the stream is open: frame 4 selected" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | grep -q '^▶   4 '"
touch "$T_DIR/go"
t_wait "Packets: 50 "
wait $writer
t_quit
t_stop

# 3. standard input is the capture: the keys come from the terminal
cat > "$T_DIR/pipe.sh" <<EOS
#!/bin/sh
cat "$PCAP" | exec "$NETLAB_BIN" -r -
EOS
chmod +x "$T_DIR/pipe.sh"
NETLAB_BIN_SAVED=$NETLAB_BIN
NETLAB_BIN="$T_DIR/pipe.sh"
t_start 140 40
NETLAB_BIN=$NETLAB_BIN_SAVED
t_wait "Packets: 50 " || t_done
t_keys : 1 1 Enter
t_wait "GET /style.css"
t_check "keys from /dev/tty: frame 11 selected" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | grep -q '^▶  11 '"
t_quit
t_done
