#!/usr/bin/env python3
"""gen_reasm_gap_fin.py — writes tests/data/reasm-gap-fin.pcap: TCP streams whose
open multi-segment PDU is ended by a bare FIN that does not follow its data (a capture
that lost a segment before the FIN), the case that crashed reassembly (issue 15).
127.0.0.1 client ports 40001 + n to server port 80, Ethernet with zero MACs as on lo.

  stream 0  HTTP request head left incomplete, then a bare FIN one byte past the data
  stream 1  the same in the server's direction: response head cut, FIN one byte late
  stream 2  a request, then a second head cut short in the same segment; the bare FIN
            carries the first request's sequence number (before the open PDU)
  stream 3  control: head incomplete, the bare FIN right after the data (no gap)
  stream 4  head incomplete, the next segment lost, more head bytes, then a bare FIN

Run: python3 tests/data/gen_reasm_gap_fin.py tests/data/reasm-gap-fin.pcap
"""
import sys

from pcapgen import ACK, FIN, PSH, SYN, tcp_frame as frame, write_pcap

frames = []


def add(*a):
    frames.append(frame(*a))


def handshake(cp, ci, si):
    add(cp, 80, ci, 0, SYN)
    add(80, cp, si, ci + 1, SYN | ACK)
    add(cp, 80, ci + 1, si + 1, ACK)


HEAD = b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n"
REQ = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

# stream 0
cp, ci, si = 40001, 1000, 5000
handshake(cp, ci, si)
add(cp, 80, ci + 1, si + 1, PSH | ACK, HEAD)
add(cp, 80, ci + 1 + len(HEAD) + 1, si + 1, FIN | ACK)

# stream 1
cp, ci, si = 40002, 2000, 6000
handshake(cp, ci, si)
add(cp, 80, ci + 1, si + 1, PSH | ACK, REQ)
resp = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
add(80, cp, si + 1, ci + 1 + len(REQ), PSH | ACK, resp)
add(80, cp, si + 1 + len(resp) + 1, ci + 1 + len(REQ), FIN | ACK)

# stream 2
cp, ci, si = 40003, 3000, 7000
handshake(cp, ci, si)
add(cp, 80, ci + 1, si + 1, PSH | ACK, REQ + HEAD)
add(cp, 80, ci + 1, si + 1, FIN | ACK)

# stream 3
cp, ci, si = 40004, 4000, 8000
handshake(cp, ci, si)
add(cp, 80, ci + 1, si + 1, PSH | ACK, HEAD)
add(cp, 80, ci + 1 + len(HEAD), si + 1, FIN | ACK)

# stream 4
cp, ci, si = 40005, 5000, 9000
handshake(cp, ci, si)
add(cp, 80, ci + 1, si + 1, PSH | ACK, HEAD)
add(cp, 80, ci + 1 + len(HEAD) + 10, si + 1, PSH | ACK, b"Accept: */*\r\n")
add(cp, 80, ci + 1 + len(HEAD) + 10 + 13, si + 1, FIN | ACK)

write_pcap(sys.argv[1], ((1700000000, 1000 * (i + 1), f) for i, f in enumerate(frames)))
