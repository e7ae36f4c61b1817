#!/usr/bin/env python3
"""gen_tcp_patterns.py — writes tests/data/tcp-patterns.pcap: one TCP stream per
pattern the lab asks about, between 127.0.0.1 ports (client port 40001 + n, server 8080),
Ethernet framing with zero MACs as on Linux lo, 1 ms between segments.

  stream 0  four-segment close (FIN, ACK, FIN, ACK), client closes first
  stream 1  three-segment close: the server's FIN is merged into its ACK
  stream 2  crossing FINs (simultaneous close): both ends go through CLOSING
  stream 3  reset: the server answers the request with RST
  stream 4  retransmitted FIN (the first copy was not acknowledged in time)
  stream 5  simultaneous open (both send SYN)
  stream 6  capture started mid-connection (no handshake), client ISN wraps past 2^32
  stream 7  connection refused: SYN answered by RST/ACK
  stream 8  same 4-tuple as stream 0 reused with a new ISN: a new stream

Run: python3 tests/data/gen_tcp_patterns.py tests/data/tcp-patterns.pcap
"""
import sys

import pcapgen
from pcapgen import ACK, FIN, PSH, RST, SYN

SYN_OPTS = b"\x02\x04\xff\xd7\x04\x02\x01\x03\x03\x07"   # MSS 65495, SACK_PERM, NOP, WS 7


class Capture:
    def __init__(self):
        self.frames = []
        self.t = 1700000000 * 1000000

    def add(self, *a, win=65483, **k):
        self.t += 1000
        self.frames.append((self.t, pcapgen.tcp_frame(*a, win=win, **k)))

    def write(self, path):
        pcapgen.write_pcap(path, ((t // 1000000, t % 1000000, f) for t, f in self.frames))


def handshake(c, cp, ci, si, sp=8080):
    c.add(cp, sp, ci, 0, SYN, win=65495, opts=SYN_OPTS)
    c.add(sp, cp, si, ci + 1, SYN | ACK, opts=SYN_OPTS)
    c.add(cp, sp, ci + 1, si + 1, ACK, win=512)


def request(c, cp, ci, si, sp=8080):
    req = b"GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"
    resp = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    c.add(cp, sp, ci + 1, si + 1, PSH | ACK, req, win=512)
    c.add(sp, cp, si + 1, ci + 1 + len(req), ACK, win=512)
    c.add(sp, cp, si + 1, ci + 1 + len(req), PSH | ACK, resp, win=512)
    c.add(cp, sp, ci + 1 + len(req), si + 1 + len(resp), ACK, win=512)
    return ci + 1 + len(req), si + 1 + len(resp)


def main(path):
    c = Capture()
    # 0: four-segment close, client first
    cp, ci, si = 40001, 1000, 5000
    handshake(c, cp, ci, si)
    cs, ss = request(c, cp, ci, si)
    c.add(cp, 8080, cs, ss, FIN | ACK, win=512)
    c.add(8080, cp, ss, cs + 1, ACK, win=512)
    c.add(8080, cp, ss, cs + 1, FIN | ACK, win=512)
    c.add(cp, 8080, cs + 1, ss + 1, ACK, win=512)
    # 1: three-segment close, server first, client's FIN merged into its ACK
    cp, ci, si = 40002, 2000, 6000
    handshake(c, cp, ci, si)
    cs, ss = request(c, cp, ci, si)
    c.add(8080, cp, ss, cs, FIN | ACK, win=512)
    c.add(cp, 8080, cs, ss + 1, FIN | ACK, win=512)
    c.add(8080, cp, ss + 1, cs + 1, ACK, win=512)
    # 2: crossing FINs
    cp, ci, si = 40003, 3000, 7000
    handshake(c, cp, ci, si)
    cs, ss = request(c, cp, ci, si)
    c.add(cp, 8080, cs, ss, FIN | ACK, win=512)
    c.add(8080, cp, ss, cs, FIN | ACK, win=512)
    c.add(cp, 8080, cs + 1, ss + 1, ACK, win=512)
    c.add(8080, cp, ss + 1, cs + 1, ACK, win=512)
    # 3: reset by the server after the request
    cp, ci, si = 40004, 4000, 8000
    handshake(c, cp, ci, si)
    req = b"GET /x HTTP/1.1\r\n\r\n"
    c.add(cp, 8080, ci + 1, si + 1, PSH | ACK, req, win=512)
    c.add(8080, cp, si + 1, ci + 1 + len(req), RST | ACK, win=0)
    # 4: retransmitted FIN
    cp, ci, si = 40005, 5000, 9000
    handshake(c, cp, ci, si)
    cs, ss = request(c, cp, ci, si)
    c.add(cp, 8080, cs, ss, FIN | ACK, win=512)
    c.t += 200000
    c.add(cp, 8080, cs, ss, FIN | ACK, win=512)
    c.add(8080, cp, ss, cs + 1, ACK, win=512)
    c.add(8080, cp, ss, cs + 1, FIN | ACK, win=512)
    c.add(cp, 8080, cs + 1, ss + 1, ACK, win=512)
    # 5: simultaneous open (peer to peer on two ports), then a four-way close
    cp, ci, si, sp = 40006, 6000, 10000, 40106
    c.add(cp, sp, ci, 0, SYN, win=65495, opts=SYN_OPTS)
    c.add(sp, cp, si, 0, SYN, win=65495, opts=SYN_OPTS)
    c.add(cp, sp, ci, si + 1, SYN | ACK, opts=SYN_OPTS)
    c.add(sp, cp, si, ci + 1, SYN | ACK, opts=SYN_OPTS)
    c.add(cp, sp, ci + 1, si + 1, FIN | ACK, win=512)
    c.add(sp, cp, si + 1, ci + 2, ACK, win=512)
    c.add(sp, cp, si + 1, ci + 2, FIN | ACK, win=512)
    c.add(cp, sp, ci + 2, si + 2, ACK, win=512)
    # 6: mid-connection start, client sequence numbers wrap past 2^32
    cp, ci, si = 40007, 0xffffff00, 11000
    c.add(cp, 8080, ci, si, PSH | ACK, b"x" * 200, win=512)
    c.add(8080, cp, si, ci + 200, ACK, win=512)
    c.add(cp, 8080, ci + 200, si, PSH | ACK, b"y" * 100, win=512)
    c.add(8080, cp, si, ci + 300, FIN | ACK, win=512)
    c.add(cp, 8080, ci + 300, si + 1, FIN | ACK, win=512)
    c.add(8080, cp, si + 1, ci + 301, ACK, win=512)
    # 7: connection refused
    cp, ci = 40008, 7000
    c.add(cp, 8081, ci, 0, SYN, win=65495, opts=SYN_OPTS)
    c.add(8081, cp, 0, ci + 1, RST | ACK, win=0)
    # 8: stream 0's 4-tuple again with a new ISN
    cp, ci, si = 40001, 900000, 950000
    handshake(c, cp, ci, si)
    c.add(cp, 8080, ci + 1, si + 1, RST | ACK, win=0)
    c.write(path)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tcp-patterns.pcap")
