#!/bin/sh
# capture.sh — live capture on lo, checked with tshark:
#   -c N -w FILE writes exactly N packets; the same with -Z nobody (file owned by
#   nobody, every thread's uid dropped while capturing); stdin streaming (tcpdump -U
#   -w - | netlab-tui -r - --replay); a whole file piped on stdin; -w /dev/full and a
#   full tmpfs are errors; SIGINT leaves a readable file; clear messages for a bad
#   filter and an unknown -Z user.
# Needs root (or capture rights on lo), python3, curl, tshark; skips (77) otherwise.
# Traffic: 127.0.0.1 only; every wait is bounded.

set -u
BIN=${NETLAB_BIN:?NETLAB_BIN is not set}
T=$(mktemp -d /tmp/netlab-capture.XXXXXX) || exit 99
chmod 777 "$T"
SRV=
MNT=
cleanup() {
	[ -n "$SRV" ] && kill "$SRV" 2>/dev/null
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

skip() { echo "SKIP: $*"; exit 77; }
fails=0
ok() { echo "ok - $*"; }
bad() { echo "FAIL - $*"; fails=$((fails + 1)); }

for tool in python3 curl tshark timeout; do
	command -v $tool >/dev/null 2>&1 || skip "$tool is not installed"
done

# Can we capture on lo at all?
timeout 10 "$BIN" -i lo -q -a duration:0.2 -w /dev/null >"$T/probe.out" 2>&1
if grep -q "permission denied" "$T/probe.out"; then
	skip "no permission to capture on lo (run as root or setcap the binary): $(head -c 300 "$T/probe.out")"
fi
grep -q "packets* captured" "$T/probe.out" || { cat "$T/probe.out"; bad "probe capture on lo"; exit 1; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir "$T/www" && echo "hello from the capture test" >"$T/www/index.html"
(cd "$T/www" && exec python3 -m http.server "$PORT" --bind 127.0.0.1) >/dev/null 2>&1 &
SRV=$!
i=0
until curl -s -o /dev/null "http://127.0.0.1:$PORT/"; do
	i=$((i + 1)); [ $i -gt 50 ] && skip "the test HTTP server did not start"
	sleep 0.1
done

# Requests until process $1 exits (at most 60, 0.1 s apart).
drive() {
	n=0
	while kill -0 "$1" 2>/dev/null && [ $n -lt 60 ]; do
		curl -s -o /dev/null "http://127.0.0.1:$PORT/" || true
		n=$((n + 1))
		sleep 0.1
	done
}

count() { tshark -r "$1" 2>/dev/null | wc -l | tr -d ' '; }

# 1. -c N -w FILE: exactly N packets.
N=23
timeout 30 "$BIN" -i lo -f "tcp port $PORT" -c $N -w "$T/a.pcap" 2>"$T/a.err" &
P=$!
sleep 0.3
drive $P
wait $P; rc=$?
c=$(count "$T/a.pcap")
if [ $rc -eq 0 ] && [ "$c" = "$N" ] && grep -q "^$N packets captured" "$T/a.err"; then
	ok "-c $N -w: tshark reads $c packets"
else
	bad "-c $N -w: exit $rc, tshark reads $c packets"; cat "$T/a.err"
fi

# 1b. pcapng.
timeout 30 "$BIN" -i lo -f "tcp port $PORT" -c 7 -F pcapng -w "$T/a.pcapng" 2>"$T/ang.err" &
P=$!
sleep 0.3
drive $P
wait $P; rc=$?
c=$(count "$T/a.pcapng")
if [ $rc -eq 0 ] && [ "$c" = 7 ] && tshark -r "$T/a.pcapng" -T fields -e frame.interface_name 2>/dev/null | grep -qx lo; then
	ok "-F pcapng: 7 packets, interface named lo"
else
	bad "-F pcapng: exit $rc, $c packets"; cat "$T/ang.err"
fi

# 1b'. -i any (Linux cooked v2), and two interfaces into one pcapng.
timeout 30 "$BIN" -i any -f "tcp port $PORT" -c 6 -w "$T/any.pcap" 2>"$T/any.err" &
P=$!
sleep 0.3
drive $P
wait $P; rc=$?
c=$(count "$T/any.pcap")
if [ $rc -eq 0 ] && [ "$c" = 6 ] && tshark -r "$T/any.pcap" -T fields -e frame.protocols 2>/dev/null | head -n 1 | grep -q '^sll'; then
	ok "-i any: 6 packets, Linux cooked capture"
else
	bad "-i any: exit $rc, $c packets"; cat "$T/any.err"
fi
timeout 30 "$BIN" -i lo -i any -f "tcp port $PORT" -a duration:1.5 -F pcapng -w "$T/two.pcapng" 2>"$T/two.err" &
P=$!
sleep 0.3
for k in 1 2 3; do curl -s -o /dev/null "http://127.0.0.1:$PORT/"; done
wait $P; rc=$?
c=$(count "$T/two.pcapng")
ifs=$(tshark -r "$T/two.pcapng" -T fields -e frame.interface_name 2>/dev/null | sort -u | tr '\n' ' ')
if [ $rc -eq 0 ] && [ "$c" -ge 20 ] && [ "$ifs" = "any lo " ] && grep -q "^$c packets captured" "$T/two.err"; then
	ok "-i lo -i any -F pcapng: $c packets from interfaces: $ifs"
else
	bad "-i lo -i any: exit $rc, $c packets, interfaces '$ifs'"; cat "$T/two.err"
fi

# 1c. -a filesize:3 stops once the file holds 3 kB; -a packets:5 beats -c 9.
timeout 30 "$BIN" -i lo -f "tcp port $PORT" -a filesize:3 -w "$T/fs.pcap" 2>"$T/fs.err" &
P=$!
sleep 0.3
drive $P
wait $P; rc=$?
sz=$(stat -c %s "$T/fs.pcap" 2>/dev/null || echo 0)
c=$(count "$T/fs.pcap")
if [ $rc -eq 0 ] && [ "$sz" -ge 3000 ] && [ "$sz" -lt 6000 ] && grep -q "^$c packets captured" "$T/fs.err"; then
	ok "-a filesize:3: stopped at $sz bytes, $c packets"
else
	bad "-a filesize:3: exit $rc, $sz bytes, $c packets"; cat "$T/fs.err"
fi
timeout 30 "$BIN" -i lo -f "tcp port $PORT" -a packets:5 -c 9 -q 2>"$T/ap.err" &
P=$!
sleep 0.3
drive $P
wait $P; rc=$?
if [ $rc -eq 0 ] && grep -q "^5 packets captured" "$T/ap.err"; then
	ok "-a packets:5 -c 9 -q: 5 packets"
else
	bad "-a packets:5: exit $rc"; cat "$T/ap.err"
fi

# 1d. -b ring buffer: filesize:KB + files:N keep the newest N files, named as tshark
#     names them (PREFIX_NNNNN_YYYYMMDDhhmmss.EXT), each complete; duration:SEC.
UPORT=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
timeout 30 "$BIN" -i lo -f "udp port $UPORT" -b filesize:4 -b files:3 -c 200 -w "$T/rb.pcap" 2>"$T/rb.err" &
P=$!
# 500-byte datagrams, 1 ms apart, until the capture has its 200 (at most 20 s)
python3 - "$P" "$UPORT" <<'EOF'
import os, socket, sys, time
pid, port = int(sys.argv[1]), int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
end = time.monotonic() + 20
while time.monotonic() < end:
    try:
        os.kill(pid, 0)
    except OSError:
        break
    s.sendto(b"r" * 500, ("127.0.0.1", port))
    time.sleep(0.001)
EOF
wait $P; rc=$?
files=$(ls "$T" | grep -c '^rb_[0-9]\{5\}_[0-9]\{14\}\.pcap$')
last=$(ls "$T" | sed -n 's/^rb_\([0-9]\{5\}\)_.*/\1/p' | sort | tail -n 1)
clean=0
for f in "$T"/rb_*.pcap; do
	tshark -r "$f" 2>&1 >/dev/null | grep -v '^Running as user' | grep -q . || clean=$((clean + 1))
done
if [ $rc -eq 0 ] && [ "$files" = 3 ] && [ "$clean" = 3 ] && [ "${last:-0}" -gt 20 ] &&
    grep -q "^200 packets captured" "$T/rb.err"; then
	ok "-b filesize:4 -b files:3: the newest 3 of $(echo "$last" | sed "s/^0*//") files kept, each read cleanly"
else
	bad "-b filesize:4 -b files:3: exit $rc, $files files ($clean clean), last number $last"; ls "$T"; cat "$T/rb.err"
fi
timeout 30 "$BIN" -i lo -f "tcp port $PORT" -b duration:1 -a duration:2.5 -w "$T/rd.pcapng" -F pcapng 2>"$T/rd.err"
rc=$?
files=$(ls "$T" | grep -c '^rd_[0-9]\{5\}_[0-9]\{14\}\.pcapng$')
if [ $rc -eq 0 ] && [ "$files" -ge 2 ] && [ "$files" -le 4 ]; then
	ok "-b duration:1 for 2.5 s: $files files"
else
	bad "-b duration:1: exit $rc, $files files"; ls "$T"; cat "$T/rd.err"
fi
"$BIN" -i lo -b files:2 -q -c 1 >"$T/rq.out" 2>&1; rc=$?
if [ $rc -ne 0 ] && grep -q "ring buffer (-b)" "$T/rq.out"; then
	ok "-b without -w: $(cat "$T/rq.out")"
else
	bad "-b without -w: exit $rc"; cat "$T/rq.out"
fi

# 2. -Z nobody: file created by nobody, no thread keeps root.
if id nobody >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	N=15
	timeout 30 "$BIN" -i lo -f "tcp port $PORT" -c $N -Z nobody -w "$T/z.pcap" 2>"$T/z.err" &
	P=$!
	nobody=$(id -u nobody)
	# the privileges drop once capture has started: poll (a loaded machine is slow)
	i=0
	while :; do
		sleep 0.2
		C=$(cat /proc/$P/task/$P/children 2>/dev/null | awk '{ print $1 }')	# under timeout
		uids=$(cat /proc/$C/task/*/status 2>/dev/null | awk '/^Uid:/ { print $2, $3, $4, $5 }' | sort -u)
		nthreads=$(ls /proc/$C/task 2>/dev/null | wc -l)
		i=$((i + 1))
		[ "$uids" = "$nobody $nobody $nobody $nobody" ] || [ $i -ge 50 ] && break
	done
	drive $P
	wait $P; rc=$?
	c=$(count "$T/z.pcap")
	owner=$(stat -c %U "$T/z.pcap" 2>/dev/null)
	if [ $rc -eq 0 ] && [ "$c" = "$N" ] && [ "$owner" = nobody ] &&
	    [ "$uids" = "$nobody $nobody $nobody $nobody" ]; then
		ok "-Z nobody: $c packets, file owned by $owner, uids of all $nthreads threads: $uids"
	else
		bad "-Z nobody: exit $rc, $c packets, owner '$owner', thread uids '$uids'"; cat "$T/z.err"
	fi
else
	echo "skip - -Z nobody (not root or no user nobody)"
fi

# 3. Streaming on stdin: tcpdump writes packets as they come, netlab-tui reads them
#    through its file source (--replay paces by timestamp, i.e. as they arrive).
if command -v tcpdump >/dev/null 2>&1; then
	N=12
	( timeout 30 tcpdump -U -i lo -w - "tcp port $PORT" 2>/dev/null |
	    timeout 30 "$BIN" -r - --replay -c $N -w "$T/s.pcap" 2>"$T/s.err" ) &
	P=$!
	sleep 1
	drive $P
	wait $P
	c=$(count "$T/s.pcap")
	if [ "$c" = "$N" ]; then
		ok "stdin stream (tcpdump -U -w - |): $c packets"
	else
		bad "stdin stream: $c packets, wanted $N"; cat "$T/s.err"
	fi
else
	echo "skip - stdin stream (no tcpdump)"
fi

# 3b. A whole file piped on stdin is read whole.
want=$(count "$T/a.pcap")
timeout 30 "$BIN" -r - --replay=1000000 -w "$T/p.pcap" <"$T/a.pcap" 2>"$T/p.err"
rc=$?
c=$(count "$T/p.pcap")
if [ $rc -eq 0 ] && [ "$c" = "$want" ] && cmp -s "$T/a.pcap" "$T/p.pcap"; then
	ok "file on stdin: $c packets, byte-identical copy"
else
	bad "file on stdin: exit $rc, $c packets of $want"; cat "$T/p.err"
fi

# 4. A full disk is an error, never ignored.
timeout 10 "$BIN" -i lo -c 1 -w /dev/full >"$T/f.out" 2>&1
rc=$?
if [ $rc -ne 0 ] && grep -q "/dev/full: No space left on device" "$T/f.out"; then
	ok "-w /dev/full: exit $rc, $(grep /dev/full "$T/f.out")"
	[ "$(grep -c /dev/full "$T/f.out")" = 1 ] || bad "-w /dev/full: the error is printed more than once"
else
	bad "-w /dev/full: exit $rc"; cat "$T/f.out"
fi
mkdir "$T/small"
if mount -t tmpfs -o size=64k tmpfs "$T/small" 2>/dev/null; then
	MNT="$T/small"
	timeout 30 "$BIN" -i lo -f "tcp port $PORT" -w "$T/small/x.pcap" >"$T/t.out" 2>&1 &
	P=$!
	sleep 0.3
	drive $P
	wait $P; rc=$?
	nerr=$(grep -c "x.pcap: No space left on device" "$T/t.out")
	c=$(count "$T/small/x.pcap")
	tshark -r "$T/small/x.pcap" 2>&1 >/dev/null | grep -v '^Running as user' >"$T/t.tshark"
	if [ $rc -ne 0 ] && [ "$nerr" = 1 ] && grep -q "^$c packets captured" "$T/t.out" &&
	    [ "$c" -gt 0 ] && ! [ -s "$T/t.tshark" ]; then
		ok "64 KiB tmpfs fills up: exit $rc, error printed once, file cut back to $c whole packets"
	else
		bad "full tmpfs: exit $rc, error printed $nerr times, tshark reads $c packets"
		cat "$T/t.out" "$T/t.tshark"
	fi
	umount "$T/small" && MNT=
else
	echo "skip - full tmpfs (cannot mount tmpfs)"
fi

# 5. SIGINT during capture leaves a complete file.
timeout 30 "$BIN" -i lo -f "tcp port $PORT" -w "$T/i.pcap" 2>"$T/i.err" &
P=$!
sleep 0.3
for k in 1 2 3; do curl -s -o /dev/null "http://127.0.0.1:$PORT/"; done
sleep 0.3
kill -INT $P
wait $P; rc=$?
c=$(count "$T/i.pcap")
if [ $rc -eq 0 ] && [ "$c" -ge 10 ] && tshark -r "$T/i.pcap" >/dev/null 2>&1 &&
    grep -q "^$c packets captured" "$T/i.err"; then
	ok "SIGINT: exit 0, $c packets, tshark reads the file cleanly"
else
	bad "SIGINT: exit $rc, $c packets"; cat "$T/i.err"
fi

# 6. Messages a student can act on.
timeout 10 "$BIN" -i lo -f 'tcp prot 80' -c 1 >"$T/m.out" 2>&1; rc=$?
if [ $rc -ne 0 ] && grep -q 'invalid capture filter "tcp prot 80": syntax error' "$T/m.out"; then
	ok "bad BPF: $(cat "$T/m.out")"
else
	bad "bad BPF: exit $rc"; cat "$T/m.out"
fi
timeout 10 "$BIN" -i lo -c 1 -Z no-such-user-netlab -w /dev/null >"$T/m.out" 2>&1; rc=$?
if [ $rc -ne 0 ] && grep -q 'no-such-user-netlab' "$T/m.out"; then
	ok "unknown -Z user: $(cat "$T/m.out")"
else
	bad "unknown -Z user: exit $rc"; cat "$T/m.out"
fi
timeout 10 "$BIN" -i no-such-if0 -c 1 >"$T/m.out" 2>&1; rc=$?
if [ $rc -ne 0 ] && grep -q 'no such interface' "$T/m.out"; then
	ok "unknown interface: $(cat "$T/m.out")"
else
	bad "unknown interface: exit $rc"; cat "$T/m.out"
fi
timeout 10 "$BIN" -D >"$T/d.out" 2>&1
if grep -qx '[0-9]*\. lo (Loopback)' "$T/d.out"; then
	ok "-D lists lo (Loopback)"
else
	bad "-D"; cat "$T/d.out"
fi

[ $fails -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
exit 0
