#!/usr/bin/env python3
"""gen_http_chunked_segs.py — writes tests/data/http-chunked-segs.pcap: one HTTP/1.1
exchange whose chunked response is spread over five segments, so the reassembled PDU
turns out longer than announced at every segment until the last chunk (issue 15: each
of those segments used to print the whole reassembled buffer with -x).
127.0.0.1:40001 -> 127.0.0.1:80, Ethernet with zero MACs as on lo.

Run: python3 tests/data/gen_http_chunked_segs.py tests/data/http-chunked-segs.pcap
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

with open(sys.argv[1], "wb") as fh:
    fh.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
    for i, f in enumerate(frames):
        fh.write(struct.pack("<IIII", 1700000000, 1000 * (i + 1), len(f), len(f)))
        fh.write(f)
