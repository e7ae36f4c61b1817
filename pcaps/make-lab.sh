#!/bin/sh
# make-lab.sh — remake pcaps/lab.pcap from real traffic on lo (as root), with
# netlab-tui's own lab mode: the built-in server on 127.0.0.1:8080 with a student's
# details, a capture on lo filtered on the server's port, one browser-like visit.
#   usage: pcaps/make-lab.sh [path/to/netlab-tui]
set -e
bin=${1:-./src/netlab-tui}
out=$(dirname "$0")/lab.pcap
"$bin" --lab --serve=127.0.0.1:8080 --name "Li Hua" --student-id 2023012345 \
	--major "Computer Science" -w "$out.tmp"
mv "$out.tmp" "$out"
