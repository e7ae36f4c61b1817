#!/bin/sh
# bench/live_tui.sh — a long live capture into the TUI (issue 15): a paced local UDP
# sender puts BENCH_LIVE_PACKETS (1,000,000) datagrams of 100 bytes on lo at
# BENCH_LIVE_RATE (50,000) packets/s while the TUI, started under setsid in tmux,
# captures them into its temporary pcapng.  Then the tmux server is killed (the
# terminal goes away, no SIGHUP) and the kept file is read with tshark.
#   live_tui_packets            packets the TUI shows (target: all sent)
#   live_tui_send_rate          what the sender achieved, packets/s
#   live_tui_kernel_drops       pcap_stats drops shown by the TUI   (target 0)
#   live_tui_ring_drops         capture ring drops shown by the TUI (target 0)
#   live_tui_anon_bytes_per_packet   heap growth (RssAnon) / packets   (target ≤ 128 B)
#   live_tui_bytes_per_packet   (RSS growth − temporary file size) / packets, the
#                               figure tui_load.sh gives for -r       (target ≤ 128 B)
#   live_tui_exit_after_hangup_s     terminal killed → process gone  (target < 1 s)
#   live_tui_file_packets       tshark -r on the kept file | wc -l (target = packets)
# Needs root (or capture rights on lo), tmux, python3 (tshark for the last figure).
# Use an optimised build without sanitizers: NETLAB_BIN=/path/to/netlab-tui.
set -u
. "$(dirname "$0")/lib.sh"
BIN=${NETLAB_BIN:-./src/netlab-tui}
N=${BENCH_LIVE_PACKETS:-1000000}
RATE=${BENCH_LIVE_RATE:-50000}
bench_setup live_tui 0 tmux python3 setsid
dir=$bench_tmp
sock=nllivetui-$$
pid=
cleanup() {
	tmux -L "$sock" kill-server >/dev/null 2>&1
	[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM

bench_need_lo
port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir "$dir/tmp"
cat > "$dir/run.sh" <<EOS
#!/bin/sh
TMPDIR="$dir/tmp" LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color \
	setsid sh -c 'echo \$\$ > "$dir/pid"; exec "$BIN" -i lo -f "udp port $port" 2>"$dir/stderr"'
sleep 3600
EOS
chmod +x "$dir/run.sh"
tmux -L "$sock" -f /dev/null new-session -d -s b -x 140 -y 30 "$dir/run.sh"
i=0
until tmux -L "$sock" capture-pane -p -t b 2>/dev/null | grep -q capturing; do
	i=$((i + 1))
	[ $i -gt 200 ] && { echo "bench: live_tui: the TUI did not start"; cat "$dir/stderr"; exit 1; }
	sleep 0.05
done
pid=$(cat "$dir/pid")
st() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$pid/status"; }
anon0=$(st RssAnon) rss0=$(st VmRSS)

# the sender: paced in steps of 500 datagrams, prints its achieved rate
python3 - "$N" "$RATE" "$port" >"$dir/sent" <<'EOF'
import socket, sys, time
n, rate, port = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 22)
payload = b"netlab-live-tui-bench" + b"." * 79
dst = ("127.0.0.1", port)
send = s.sendto
t0 = time.monotonic()
i = 0
while i < n:
    ahead = t0 + i / rate - time.monotonic()
    if ahead > 0:
        time.sleep(ahead)
    for _ in range(min(500, n - i)):
        send(payload, dst)
    i += min(500, n - i)
print("%.0f" % (n / (time.monotonic() - t0)))
EOF
sent_rate=$(cat "$dir/sent")

# wait for the TUI to show every packet, or to stop moving
last= same=0 scr=
while [ $same -lt 40 ]; do
	scr=$(tmux -L "$sock" capture-pane -p -t b | grep 'Packets: ')
	shown=$(printf '%s\n' "$scr" | sed -n 's/.*Packets: \([0-9]*\) .*/\1/p')
	[ "$shown" = "$N" ] && break
	if [ "$shown" = "$last" ]; then same=$((same + 1)); else same=0; fi
	last=$shown
	sleep 0.25
done
anon1=$(st RssAnon) rss1=$(st VmRSS)
kdrops=$(printf '%s\n' "$scr" | sed -n 's/.*Drops: \([0-9]*\) kernel.*/\1/p')
rdrops=$(printf '%s\n' "$scr" | sed -n 's/.*kernel, \([0-9]*\) ring.*/\1/p')
file=$(ls "$dir"/tmp/netlab-tui-*.pcapng 2>/dev/null | head -n 1)
fsize=$(stat -c %s "$file" 2>/dev/null || echo 0)

t0=$(date +%s.%N)
tmux -L "$sock" kill-server
j=0
while [ $j -lt 400 ]; do
	s=$(ps -o stat= -p "$pid" 2>/dev/null)
	case "$s" in ""|Z*) break ;; esac
	sleep 0.025
	j=$((j + 1))
done
t1=$(date +%s.%N)
case "$(ps -o stat= -p "$pid" 2>/dev/null)" in ""|Z*) pid= ;; esac

echo "bench: live_tui_packets ${shown:-nan} packets (of $N sent)"
echo "bench: live_tui_send_rate ${sent_rate:-nan} packets/s (asked $RATE)"
echo "bench: live_tui_kernel_drops ${kdrops:-nan} packets"
echo "bench: live_tui_ring_drops ${rdrops:-nan} packets"
awk -v a0="$anon0" -v a1="$anon1" -v r0="$rss0" -v r1="$rss1" -v f="$fsize" -v n="${shown:-0}" 'BEGIN {
	if (n > 0) {
		printf "bench: live_tui_anon_bytes_per_packet %.1f B\n", (a1 - a0) * 1024 / n
		printf "bench: live_tui_bytes_per_packet %.1f B\n", ((r1 - r0) * 1024 - f) / n
	} }'
echo "bench: live_tui_temp_file $fsize bytes"
if [ -n "$pid" ]; then
	echo "bench: live_tui_exit_after_hangup_s nan (still running 10 s after its terminal went away)"
else
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "bench: live_tui_exit_after_hangup_s %.2f s\n", b - a }'
fi
grep -q "is kept in" "$dir/stderr" || { echo "bench: live_tui: the file was not reported kept:"; cat "$dir/stderr"; }
if command -v tshark >/dev/null 2>&1 && [ -n "$file" ]; then
	echo "bench: live_tui_file_packets $(tshark -r "$file" 2>/dev/null | wc -l | tr -d ' ') packets"
fi
