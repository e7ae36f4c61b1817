#!/usr/bin/env python3
"""gen_http_loss.py — writes tests/data/http-loss.pcap: an HTTP response in five TCP
segments on loopback whose third is lost and sent again after the fourth (a hole the
retransmission fills before the last segment completes the response, which lists its
segments in byte order), then a second response whose last segment comes before the
one in front of it (out of order: the hole is filled by the late one, which completes
it), and a third whose second segment comes right after the third, out of order inside
the response being put together: it fills the hole, and the last completes it.

Run: python3 tests/data/gen_http_loss.py tests/data/http-loss.pcap
"""
import sys

from pcapgen import tcp_frame, write_pcap

C, S = 40002, 80
SYN, ACK, PSH = 0x02, 0x10, 0x08
req = b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
body = bytes((65 + i % 26) for i in range(4000))
resp = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4000\r\n\r\n" + body
parts = [resp[i:i + 1000] for i in range(0, len(resp), 1000)]
req2 = b"GET /two.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
resp2 = b"HTTP/1.1 404 Not Found\r\nContent-Length: 1500\r\n\r\n" + bytes(1500)
p2 = [resp2[:800], resp2[800:]]
cs, ss = 101, 501
segs = [
    (C, S, 100, 0, SYN, b""),
    (S, C, 500, 101, SYN | ACK, b""),
    (C, S, 101, 501, ACK, b""),
    (C, S, 101, 501, PSH | ACK, req),
]
cs += len(req)
off = [ss + sum(len(p) for p in parts[:k]) for k in range(len(parts))]
for k in (0, 1, 3):
    segs.append((S, C, off[k], cs, ACK, parts[k]))
segs.append((C, S, cs, off[2], ACK, b""))
segs.append((S, C, off[2], cs, ACK, parts[2]))         # the lost one, sent again
segs.append((S, C, off[4], cs, PSH | ACK, parts[4]))
ss = off[4] + len(parts[4])
segs.append((C, S, cs, ss, PSH | ACK, req2))
cs += len(req2)
segs.append((S, C, ss + len(p2[0]), cs, PSH | ACK, p2[1]))   # out of order
segs.append((S, C, ss, cs, ACK, p2[0]))
ss += len(resp2)
req3 = b"GET /three.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
resp3 = b"HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n" + bytes(range(256)) * 11 + bytes(184)
p3 = [resp3[i:i + 800] for i in range(0, len(resp3), 800)]
o3 = [ss + sum(len(p) for p in p3[:k]) for k in range(len(p3))]
segs.append((C, S, cs, ss, PSH | ACK, req3))
cs += len(req3)
for k in (0, 2, 1, 3):                                        # the second comes late
    segs.append((S, C, o3[k], cs, ACK, p3[k]))
write_pcap(sys.argv[1], ((1700000000, 1000 * i, tcp_frame(*s)) for i, s in enumerate(segs)))
