#!/bin/sh
# live_keepup.sh — can live capture keep up?  wrk saturates the built-in server on lo
# for BENCH_SECONDS (10) while netlab-tui captures everything on lo into /dev/null.
# Prints "bench: live_packets", "bench: live_ring_drops N packets" (target 0) and
# "bench: live_kernel_drops N packets".  Needs root (or capture rights) and wrk.
# Use an optimised build without sanitizers: NETLAB_BIN=/path/to/netlab-tui.
. "$(dirname "$0")/lib.sh"
BIN=${NETLAB_BIN:-./src/netlab-tui}
DUR=${BENCH_SECONDS:-10}
bench_setup live_keepup 77 wrk curl python3
tmp=$bench_tmp
srv= cap=
cleanup() {
	[ -n "$srv" ] && kill "$srv" 2>/dev/null
	[ -n "$cap" ] && kill "$cap" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

bench_need_lo

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" --serve=127.0.0.1:"$port" --no-ui >/dev/null 2>"$tmp/server.err" &
srv=$!
i=0
until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do
	i=$((i + 1))
	[ $i -gt 50 ] && { echo "bench: server did not start"; cat "$tmp/server.err"; exit 1; }
	sleep 0.1
done

"$BIN" -i lo -q -w /dev/null -a duration:$((DUR + 2)) 2>"$tmp/cap.err" &
cap=$!
sleep 1
wrk -t2 -c32 -d"${DUR}s" "http://127.0.0.1:$port/" >"$tmp/wrk.out" 2>&1
wait "$cap"
rc=$?
cap=
[ $rc -eq 0 ] || { echo "bench: capture failed (exit $rc)"; cat "$tmp/cap.err"; exit 1; }
pkts=$(sed -n 's/^\([0-9]*\) packets* captured$/\1/p' "$tmp/cap.err")
kdrops=$(sed -n 's/^\([0-9]*\) packets* dropped by the kernel, .*/\1/p' "$tmp/cap.err")
rdrops=$(sed -n 's/.* dropped by the kernel, \([0-9]*\) dropped in the ring$/\1/p' "$tmp/cap.err")
rps=$(awk '/^Requests\/sec:/ { print $2 }' "$tmp/wrk.out")
echo "bench: live_wrk_req_per_s ${rps:-nan}"
echo "bench: live_packets ${pkts:-nan} packets ($(awk -v p="${pkts:-0}" -v d="$DUR" 'BEGIN { printf "%.0f", p / d }') packets/s)"
echo "bench: live_ring_drops ${rdrops:-0} packets"
echo "bench: live_kernel_drops ${kdrops:-0} packets"
