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
import struct
import sys

FIN, SYN, PSH, ACK = 0x01, 0x02, 0x08, 0x10
LO = bytes([127, 0, 0, 1])


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def frame(sport, dport, seq, ack, flags, payload=b""):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff,
                      5 << 4, flags, 512, 0, 0) + payload
    pseudo = LO + LO + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, LO, LO)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\0" * 12 + b"\x08\x00" + ip + tcp


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

with open(sys.argv[1], "wb") as fh:
    fh.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
    t = 1700000000
    for i, f in enumerate(frames):
        fh.write(struct.pack("<IIII", t, 1000 * (i + 1), len(f), len(f)))
        fh.write(f)
