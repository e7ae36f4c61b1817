#!/usr/bin/env python3
"""gen_http_chunked_segs.py — writes tests/data/http-chunked-segs.pcap: one HTTP/1.1
exchange whose chunked response is spread over five segments, so the reassembled PDU
turns out longer than announced at every segment until the last chunk (issue 15: each
of those segments used to print the whole reassembled buffer with -x).
127.0.0.1:40001 -> 127.0.0.1:80, Ethernet with zero MACs as on lo.

Run: python3 tests/data/gen_http_chunked_segs.py tests/data/http-chunked-segs.pcap
"""
import sys

from pcapgen import ACK, PSH, SYN, tcp_frame as frame, write_pcap

frames = []
cp, ci, si = 40001, 1000, 5000
req = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
body = b"".join(b"%x\r\n%s\r\n" % (40, bytes([0x61 + i]) * 40) for i in range(6)) + b"0\r\n\r\n"
resp = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n" + body
frames.append(frame(cp, 80, ci, 0, SYN))
frames.append(frame(80, cp, si, ci + 1, SYN | ACK))
frames.append(frame(cp, 80, ci + 1, si + 1, ACK))
frames.append(frame(cp, 80, ci + 1, si + 1, PSH | ACK, req))
ack = ci + 1 + len(req)
seg = (len(resp) + 4) // 5
for k in range(0, len(resp), seg):
    frames.append(frame(80, cp, si + 1 + k, ack, PSH | ACK, resp[k:k + seg]))
frames.append(frame(cp, 80, ack, si + 1 + len(resp), ACK))

write_pcap(sys.argv[1], ((1700000000, 1000 * (i + 1), f) for i, f in enumerate(frames)))
