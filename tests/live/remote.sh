#!/bin/sh
# Remote capture (issue 18): -i ssh://USER@HOST:PORT/IFACE runs tcpdump on the host
# through the system's ssh and reads its output live, in batch mode and the TUI.
# A private sshd on 127.0.0.1 (its own keys and configuration, in a temporary
# directory) stands for the lab machine; $NETLAB_SSH points ssh at its configuration.
# The capture is held against what tshark reads from the file it was saved to, and a
# remote error (no such interface, nothing listening) reaches the user.
: "${NETLAB_BIN:?}" "${NETLAB_SRCDIR:?}"
tmp=$(mktemp -d) || exit 1
srv= sshd_pid=
cleanup() {
	[ -n "$srv" ] && kill "$srv" 2>/dev/null
	[ -s "$tmp/sshd.pid" ] && kill "$(cat "$tmp/sshd.pid")" 2>/dev/null
	tmux -L "nlremote$$" kill-server 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

[ "$(id -u)" = 0 ] || { echo "SKIP: the remote side captures on lo, which needs root (CI runs as root)"; exit 77; }
[ -x /usr/sbin/sshd ] || { echo "SKIP: no sshd (apt-get install openssh-server)"; exit 77; }
for c in ssh ssh-keygen tcpdump python3 curl; do
	command -v $c >/dev/null || { echo "SKIP: $c is not installed"; exit 77; }
done

# the "lab machine": sshd on 127.0.0.1, key login for root only
sp=$(free_port)
ssh-keygen -q -t ed25519 -N '' -f "$tmp/id" && ssh-keygen -q -t ed25519 -N '' -f "$tmp/hostkey" ||
	fail "ssh-keygen"
cp "$tmp/id.pub" "$tmp/authorized_keys"
chmod 600 "$tmp/authorized_keys" "$tmp/id"
mkdir -p /run/sshd
cat > "$tmp/sshd_config" <<EOC
Port $sp
ListenAddress 127.0.0.1
HostKey $tmp/hostkey
AuthorizedKeysFile $tmp/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PidFile $tmp/sshd.pid
EOC
cat > "$tmp/ssh_config" <<EOC
Host *
  IdentityFile $tmp/id
  IdentitiesOnly yes
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
  BatchMode yes
  ConnectTimeout 5
EOC
/usr/sbin/sshd -f "$tmp/sshd_config" -E "$tmp/sshd.log" || fail "sshd did not start: $(cat "$tmp/sshd.log")"
i=0
until [ -s "$tmp/sshd.pid" ] || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
NETLAB_SSH="ssh -F $tmp/ssh_config"
export NETLAB_SSH
$NETLAB_SSH -p "$sp" root@127.0.0.1 true 2>"$tmp/ssh.err" ||
	{ echo "SKIP: cannot log in to the private sshd: $(cat "$tmp/ssh.err" "$tmp/sshd.log")"; exit 77; }
url="ssh://root@127.0.0.1:$sp/lo"

# a web server to watch
wp=$(free_port)
"$NETLAB_BIN" --serve=127.0.0.1:"$wp" --no-ui 2>"$tmp/srv.err" &
srv=$!
i=0
until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$wp/"; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "the web server did not start: $(cat "$tmp/srv.err")"
	sleep 0.1
done
visit() {	# after $1 seconds, three requests
	sleep "$1"
	for path in / /style.css /nope; do
		curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$wp$path"
	done
}

# 1. batch: summary lines while saving, the remote filter applied there
visit 2 &
vis=$!
timeout 30 "$NETLAB_BIN" -i "$url" --remote-filter "tcp port $wp" -a duration:5 -P \
	-w "$tmp/remote.pcapng" -F pcapng > "$tmp/remote.out" 2>"$tmp/remote.err" ||
	fail "remote capture exited $?: $(cat "$tmp/remote.err")"
wait $vis
grep -q "HTTP/1.1 404 Not Found" "$tmp/remote.out" || fail "no 404 in the remote capture: $(cat "$tmp/remote.out" "$tmp/remote.err")"
grep -q " $sp " "$tmp/remote.out" && fail "the ssh session's own packets were captured"
n=$(wc -l < "$tmp/remote.out")
want=$(tshark -n -r "$tmp/remote.pcapng" 2>/dev/null | wc -l)
[ "$n" = "$want" ] || fail "printed $n packets, saved $want"
tshark -n -r "$tmp/remote.pcapng" -Y 'http.response.code == 200' 2>/dev/null | grep -q 'text/css' ||
	fail "tshark does not find the stylesheet in the saved remote capture"
echo "ok: remote capture through ssh: $n packets, as tshark reads the saved file"

# 2. errors from the other side reach the user
timeout 20 "$NETLAB_BIN" -i "ssh://root@127.0.0.1:$sp/nosuch0" -c 1 > /dev/null 2>"$tmp/e1"
[ $? = 2 ] || [ $? = 1 ] || true
grep -q "cannot capture on ssh://root@127.0.0.1:$sp/nosuch0: .*nosuch0" "$tmp/e1" ||
	fail "no remote error for a missing interface: $(cat "$tmp/e1")"
np=$(free_port)
timeout 20 "$NETLAB_BIN" -i "ssh://root@127.0.0.1:$np/lo" -c 1 > /dev/null 2>"$tmp/e2"
grep -q "cannot capture on ssh://root@127.0.0.1:$np/lo: .*refused" "$tmp/e2" ||
	fail "no ssh error for a closed port: $(cat "$tmp/e2")"
"$NETLAB_BIN" -i "ssh://root@127.0.0.1:$sp" -c 1 > /dev/null 2>"$tmp/e3"
grep -q "expected ssh://\[USER@\]HOST\[:PORT\]/IFACE" "$tmp/e3" || fail "a URL without interface: $(cat "$tmp/e3")"
echo "ok: remote errors: $(head -c 100 "$tmp/e1")…"

# 3. the TUI on the remote interface
if command -v tmux >/dev/null; then
	cat > "$tmp/tui.sh" <<EOS
#!/bin/sh
LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color NETLAB_SSH="$NETLAB_SSH" \
	"$NETLAB_BIN" -i "$url" --remote-filter "tcp port $wp" 2>"$tmp/tui.err"
echo "EXIT=\$?" > "$tmp/tui.status"
sleep 60
EOS
	chmod +x "$tmp/tui.sh"
	tmux -L "nlremote$$" -f /dev/null new-session -d -s t -x 140 -y 40 "$tmp/tui.sh"
	visit 3
	i=0
	until tmux -L "nlremote$$" capture-pane -p -t t | grep -q "404 Not Found" || [ $i -ge 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	tmux -L "nlremote$$" capture-pane -p -t t > "$tmp/screen"
	grep -q "404 Not Found" "$tmp/screen" || fail "the TUI shows no remote packets: $(cat "$tmp/screen" "$tmp/tui.err")"
	grep -q "ssh://root@127.0.0.1:$sp/lo" "$tmp/screen" || fail "the status bar does not name the remote interface"
	tmux -L "nlremote$$" send-keys -t t q y
	i=0
	until [ -s "$tmp/tui.status" ] || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
	grep -q "EXIT=0" "$tmp/tui.status" || fail "the TUI did not quit cleanly: $(cat "$tmp/tui.status" "$tmp/tui.err")"
	echo "ok: the TUI shows the remote capture live"
fi
