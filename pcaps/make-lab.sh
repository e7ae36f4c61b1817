#!/bin/sh
# make-lab.sh — remake pcaps/lab.pcap from real traffic on lo (as root):
# the built-in server on 127.0.0.1:8080 with a student's details, one browser-like
# visit (--visit), captured by tcpdump with a filter on the server's port.
#   usage: pcaps/make-lab.sh [path/to/netlab-tui]
set -e
bin=${1:-./src/netlab-tui}
out=$(dirname "$0")/lab.pcap
tcpdump -i lo -U -w "$out.tmp" 'tcp port 8080' 2>/dev/null &
td=$!
sleep 1
timeout 20 "$bin" --serve=127.0.0.1:8080 --name "Li Hua" --student-id 2023012345 \
	--major "Computer Science" --visit >/dev/null
sleep 1
kill -INT "$td"
wait "$td" || true
mv "$out.tmp" "$out"
