#!/bin/sh
# bench/tui_load.sh — the TUI on the 1M-packet capture, driven in tmux:
#   tui_first_rows_s      process start → first list rows on screen   (target < 0.1 s)
#   tui_load_1m_s         process start → "Packets: 1000000" without a load percentage
#                                                                   (target < 1 s)
#   tui_bytes_per_packet  (peak RSS − file size) / packets            (target ≤ 128 B)
#   tui_filter_1m_s       a display filter over every packet, until the list shows
#                         batch mode's count                          (target < 1 s)
# The file is mmap'd and touched once by the first pass, so it is counted in RSS and
# subtracted; what remains is the store, the analysis and the program itself.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${NETLAB_BIN:=$PWD/src/netlab-tui}"
: "${BENCH_FILE:=/tmp/bench1m.pcap}"
: "${NETLAB_SHARED:=$here/../../shared}"
command -v tmux >/dev/null 2>&1 || { echo "bench: tui_load skipped: tmux missing"; exit 0; }
if [ ! -s "$BENCH_FILE" ]; then
	flock /tmp/bench1m.lock sh -c "[ -s '$BENCH_FILE' ] || python3 '$NETLAB_SHARED/bench/gen_pcap.py' --packets 1000000 --seed 1 --out '$BENCH_FILE'" || exit 1
fi
packets=1000000
dir=$(mktemp -d)
sock=nlbench-$$
trap 'tmux -L $sock kill-server >/dev/null 2>&1; rm -rf "$dir"' EXIT
cat > "$dir/run.sh" <<EOS
#!/bin/sh
echo \$\$ > "$dir/pid"
date +%s.%N > "$dir/start"
LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color exec "$NETLAB_BIN" -r "$BENCH_FILE"
EOS
chmod +x "$dir/run.sh"
# warm the page cache so the figures measure the program, not the disk
cat "$BENCH_FILE" > /dev/null
tmux -L $sock -f /dev/null new-session -d -s b -x 120 -y 40 "$dir/run.sh"
first="" done_t="" i=0
while [ $i -lt 6000 ]; do
	scr=$(tmux -L $sock capture-pane -p -t b 2>/dev/null)
	now=$(date +%s.%N)
	if [ -z "$first" ] && printf '%s\n' "$scr" | grep -q '^▶   1 '; then
		first=$now
	fi
	if printf '%s\n' "$scr" | grep -q "Packets: $packets " &&
	    ! printf '%s\n' "$scr" | grep -q 'Loading'; then
		done_t=$now
		break
	fi
	sleep 0.005
	i=$((i + 1))
done
start=$(cat "$dir/start")
pid=$(cat "$dir/pid")
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
# responsiveness after loading: a jump to the last packet
t0=$(date +%s.%N)
tmux -L $sock send-keys -t b G
j=0
while [ $j -lt 400 ]; do
	tmux -L $sock capture-pane -p -t b | grep -q "^▶ $packets " && break
	sleep 0.005
	j=$((j + 1))
done
t1=$(date +%s.%N)
# a display filter over every packet: / FILTER Enter until "Displayed: N" without
# "Filtering" (N from batch mode)
want=$("$NETLAB_BIN" -r "$BENCH_FILE" -Y 'tcp.flags.syn == 1' -T fields -e frame.number | wc -l)
f0=$(date +%s.%N)
tmux -L $sock send-keys -t b / && tmux -L $sock send-keys -t b -l 'tcp.flags.syn == 1' &&
	tmux -L $sock send-keys -t b Enter
f1=""
k=0
while [ $k -lt 6000 ]; do
	scr=$(tmux -L $sock capture-pane -p -t b)
	if printf '%s\n' "$scr" | grep -q "Displayed: $want " && ! printf '%s\n' "$scr" | grep -q Filtering; then
		f1=$(date +%s.%N)
		break
	fi
	sleep 0.005
	k=$((k + 1))
done
tmux -L $sock send-keys -t b q
size=$(stat -c %s "$BENCH_FILE")
awk -v s="$start" -v f="${first:-0}" 'BEGIN { if (f == 0) print "bench: tui_first_rows_s nan s"; else printf "bench: tui_first_rows_s %.3f s\n", f - s }'
awk -v s="$start" -v d="${done_t:-0}" 'BEGIN { if (d == 0) print "bench: tui_load_1m_s nan s"; else printf "bench: tui_load_1m_s %.3f s\n", d - s }'
awk -v h="${hwm:-0}" -v z="$size" -v n="$packets" 'BEGIN { printf "bench: tui_bytes_per_packet %.0f B\n", (h * 1024 - z) / n }'
awk -v a="$t0" -v b="$t1" 'BEGIN { printf "bench: tui_jump_last_s %.3f s (G after loading, screen updated)\n", b - a }'
awk -v a="$f0" -v b="${f1:-0}" 'BEGIN { if (b == 0) print "bench: tui_filter_1m_s nan s"; else printf "bench: tui_filter_1m_s %.3f s (tcp.flags.syn == 1 over every packet)\n", b - a }'
echo "bench: tui peak RSS ${hwm:-?} KiB, file $size bytes"
