#!/bin/sh
# A live capture renders as the file it saves: the TUI's own code path (--headless)
# captures a lab visit on lo through the capture thread and the ring, saves it as `w`
# does, and prints its views; the same views of the saved file must be identical,
# every frame (times included: every live row has its time).
: "${NETLAB_BIN:?}"
tmp=$(mktemp -d) || exit 1
srv=
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

[ "$(id -u)" = 0 ] || { echo "SKIP: capturing on lo needs root (CI runs as root)"; exit 77; }
timeout 5 "$NETLAB_BIN" -i lo -c 1 -a duration:1 -q 2>"$tmp/probe" >/dev/null
grep -q "cannot capture" "$tmp/probe" && { echo "SKIP: $(cat "$tmp/probe")"; exit 77; }
TZ=UTC
export TZ

p=$(free_port)
"$NETLAB_BIN" --serve=127.0.0.1:"$p" --no-ui 2>"$tmp/srv.err" &
srv=$!
i=0
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $p), 1).close()" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "the server did not start: $(cat "$tmp/srv.err")"
	sleep 0.1
done
timeout 30 "$NETLAB_BIN" -i lo -f "tcp port $p" -a duration:4 --headless=5 \
	-w "$tmp/live.pcapng" > "$tmp/live.out" 2>"$tmp/live.err" &
cap=$!
sleep 1.5
timeout 20 "$NETLAB_BIN" --serve=127.0.0.1:"$p" --visit >/dev/null 2>&1 &
# the visit needs its own server: use the running one through curl instead
wait $! 2>/dev/null
for path in / /style.css /logo.png /nope; do
	curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$p$path"
done
wait $cap || fail "live headless run exited $?: $(cat "$tmp/live.err")"
frames=$(grep -c '^Frame [0-9]*: ' "$tmp/live.out")
[ "$frames" -ge 20 ] || fail "only $frames frames captured"
"$NETLAB_BIN" -r "$tmp/live.pcapng" --headless=5 > "$tmp/file.out" 2>"$tmp/file.err" ||
	fail "reading the saved file: $(cat "$tmp/file.err")"
if ! cmp -s "$tmp/live.out" "$tmp/file.out"; then
	diff "$tmp/live.out" "$tmp/file.out" | head -20
	fail "the live views differ from the saved file's"
fi
# a row without its time: "   14               127.0.0.1 → 127.0.0.1 …"
notime=$(sed -n '/^#frames$/,/^#z /p' "$tmp/live.out" | grep -cE '^ *[0-9]+ +127\.0\.0\.1 ')
[ "$notime" = 0 ] || fail "$notime live rows have no time"
grep -q "HTTP/1.1 200 OK" "$tmp/live.out" || fail "no HTTP response in the live views"
echo "ok: $frames live frames render as the saved file, every row with its time"
