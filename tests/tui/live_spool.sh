#!/bin/sh
# live_spool.sh — a live capture in the TUI survives a dropped terminal (issue 15,
# items 13 and 14), run in tmux:
#   1. -i lo under setsid (no SIGHUP reaches it): 22,000 UDP packets from a paced
#      local sender; the packets go to a temporary pcapng in $TMPDIR, not to memory
#      (heap growth per packet ≤ 128 B, checked on builds without ASan); killing the
#      tmux server (the pty goes away) ends the process within 5 s, without spinning,
#      and keeps the file, which tshark reads whole; stderr says where it is.
#   2. The next start says a capture was left; --recover reads it.
#   3. A clean quit (q, y) removes the temporary file; SIGTERM and SIGSEGV keep it.
#   4. -r FILE under setsid: a lost terminal ends it too.
# Needs root (or capture rights on lo), tmux, python3, tshark; skips (77) otherwise.
# Traffic: 127.0.0.1 only; every wait is bounded.
. "$NETLAB_SRCDIR/tests/tui/lib.sh"

for tool in python3 tshark timeout setsid; do
	command -v $tool >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done
timeout 10 "$NETLAB_BIN" -i lo -q -a duration:0.2 -w /dev/null >"$T_DIR/probe" 2>&1
grep -q "packets* captured" "$T_DIR/probe" ||
	{ echo "SKIP: cannot capture on lo (needs root or cap_net_raw): $(head -c 300 "$T_DIR/probe")"; exit 77; }

SPOOL="$T_DIR/tmp"
mkdir "$SPOOL"
PORT=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
N=20000

# send_udp COUNT RATE: COUNT 100-byte datagrams to 127.0.0.1:$PORT at about RATE/s.
send_udp() {
	python3 - "$1" "$2" "$PORT" <<'EOF'
import socket, sys, time
n, rate, port = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
payload = b"netlab-live-spool" + b"." * 83
t0 = time.monotonic()
for i in range(n):
    if i % 100 == 0:
        ahead = t0 + i / rate - time.monotonic()
        if ahead > 0:
            time.sleep(ahead)
    s.sendto(payload, ("127.0.0.1", port))
EOF
}

# start_tui [setsid] ARGS...: netlab-tui ARGS in a fresh tmux session with TMPDIR
# set to $SPOOL; with "setsid", in a new session with no controlling terminal, so
# closing the pty sends it no SIGHUP.  Its pid goes to $T_DIR/pid ($PID), its exit
# status to $T_DIR/status.
start_tui() {
	pre=
	[ "$1" = setsid ] && { pre=setsid; shift; }
	args=
	for a in "$@"; do args="$args '$a'"; done
	rm -f "$T_DIR/pid" "$T_DIR/status" "$T_DIR/stderr"
	cat > "$T_DIR/run.sh" <<EOS
#!/bin/sh
cd "$T_DIR"
TMPDIR="$SPOOL" LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color \
	$pre sh -c 'echo \$\$ > "$T_DIR/pid"; exec "\$0" "\$@" 2>"$T_DIR/stderr"' "$NETLAB_BIN" $args
echo "EXIT=\$?" > "$T_DIR/status"
sleep 600
EOS
	chmod +x "$T_DIR/run.sh"
	tmux -L "$T_SOCK" -f /dev/null new-session -d -s t -x 140 -y 30 "$T_DIR/run.sh"
	i=0
	while [ ! -s "$T_DIR/pid" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	PID=$(cat "$T_DIR/pid")
}

# gone PID SECONDS: 0 once PID has exited (or is a zombie) within SECONDS.
gone() {
	i=0
	while [ $i -lt $(($2 * 20)) ]; do
		st=$(ps -o stat= -p "$1" 2>/dev/null)
		case "$st" in ""|Z*) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

rss_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# capture_udp SOCKET COUNT [setsid]: start_tui [setsid] on lo, filter "udp port $PORT",
# in the tmux server SOCKET ($T_SOCK); COUNT datagrams are sent and shown as captured.
capture_udp() {
	T_SOCK=$1 n=$2
	shift 2
	start_tui "$@" -i lo -f "udp port $PORT"
	t_wait "capturing" || t_done
	send_udp "$n" 1000
	t_wait "Packets: $n "
}

# signal_kept SIG SECONDS: sends SIG to the TUI, checks that it ends within SECONDS and
# sets f to the temporary file it left.
signal_kept() {
	kill -"$1" "$PID"
	t_check "SIG$1: the process ends" gone "$PID" "$2"
	f=$(ls "$SPOOL"/netlab-tui-*.pcapng 2>/dev/null)
}

# ---- 1. setsid, live, 20,000 packets, terminal killed ----
start_tui setsid -i lo -f "udp port $PORT"
t_wait "capturing" || t_done
W=2000		# a warm-up, so one-time allocations are not counted per packet
send_udp $W 10000
t_wait "Packets: $W " 10
before=$(rss_kb "$PID" RssAnon)
send_udp $N 10000
N=$((N + W))
t_wait "Packets: $N " 30
after=$(rss_kb "$PID" RssAnon)
f=$(ls "$SPOOL"/netlab-tui-*.pcapng 2>/dev/null)
t_check "the live capture goes to a temporary pcapng in \$TMPDIR ($f)" test -n "$f" -a -s "$f"
# Heap growth per packet, less the capture ring's first lap: its 32 MiB are touched
# once as records of 32 + 144 bytes (a 142-byte frame) pass, then reused, so over a
# long capture they are a constant (bench/live_tui.sh measures 1,000,000 packets).
ring=$(((N - W) * 176))
[ $ring -gt 33554432 ] && ring=33554432
perpkt=$(( ((after - before) * 1024 - ring) / (N - W) ))
if grep -qa __asan_init "$NETLAB_BIN"; then
	echo "ok: heap growth ${perpkt} B/packet besides the ring (ASan build: not checked against the 128 B budget)"
else
	t_check "heap growth ${perpkt} B/packet besides the ring ≤ 128" test "$perpkt" -le 128
fi
tmux -L "$T_SOCK" kill-server
if gone "$PID" 5; then
	echo "ok: the terminal went away: the process ended"
else
	echo "FAIL: still running 5 s after its terminal went away: $(ps -o pid,stat,pcpu,cmd -p "$PID")"
	kill -9 "$PID" 2>/dev/null
	T_FAILED=1
fi
t_check "stderr names the kept file" grep -qF "is kept in $f" "$T_DIR/stderr"
c=$(tshark -r "$f" 2>/dev/null | wc -l | tr -d ' ')
t_check "tshark reads $c packets of $N from the kept file" test "$c" = "$N"
ASAN_LINES=$(grep -c "ERROR: \(Address\|Leak\)Sanitizer\|runtime error" "$T_DIR/stderr")
t_check "no sanitizer report" test "$ASAN_LINES" = 0

# ---- 2. the next start offers it; --recover reads it ----
T_SOCK="nltui-$$-2"
start_tui -i lo -f "udp port $PORT"
t_wait "a live capture was left in $f" || sed 's/^/  ! /' "$T_DIR/stderr"
t_keys q
t_quit_status() {
	i=0
	while [ ! -s "$T_DIR/status" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	grep -q "^EXIT=$1\$" "$T_DIR/status"
}
sleep 0.2
t_check "q with nothing captured quits at once" t_quit_status 0
tmux -L "$T_SOCK" kill-server
c=$(TMPDIR="$SPOOL" "$NETLAB_BIN" --recover 2>"$T_DIR/recover.err" | wc -l | tr -d ' ')
t_check "--recover reads the $c packets" test "$c" = "$N"
t_check "--recover says which file" grep -qF "opening $f" "$T_DIR/recover.err"

# ---- 3. a clean quit removes the temporary file; SIGTERM keeps it ----
rm -f "$SPOOL"/*
capture_udp "nltui-$$-3" 50
t_check "the temporary file exists while capturing" test -n "$(ls "$SPOOL")"
t_keys q
t_wait "Quit anyway?" 5
t_keys y
t_check "quit with y: exit 0" t_quit_status 0
t_check "a clean quit removes the temporary file" test -z "$(ls "$SPOOL")"
tmux -L "$T_SOCK" kill-server

capture_udp "nltui-$$-4" 30 setsid
signal_kept TERM 5
t_check "SIGTERM keeps the file and says so" grep -qF "the live capture (30 packets) is kept in $f" "$T_DIR/stderr"
tmux -L "$T_SOCK" kill-server

# ---- 3b. a crash (SIGSEGV) keeps the file and says where ----
rm -f "$SPOOL"/*
capture_udp "nltui-$$-4b" 40 setsid
signal_kept SEGV 10
t_check "SIGSEGV keeps the file and names it on stderr" grep -qF "the live capture is kept in $f" "$T_DIR/stderr"
c=$(tshark -r "$f" 2>/dev/null | wc -l | tr -d ' ')
t_check "tshark reads the 40 packets ($c) after the crash" test "$c" = 40
tmux -L "$T_SOCK" kill-server

# ---- 4. -r FILE under setsid: a lost terminal ends it too ----
T_SOCK="nltui-$$-5"
start_tui setsid -r "$NETLAB_SRCDIR/tests/data/lab-v1.pcap"
t_wait "Packets: 50 " || t_done
tmux -L "$T_SOCK" kill-server
t_check "-r: the process ends when its terminal goes away" gone "$PID" 5
kill -9 "$PID" 2>/dev/null
t_done
