#!/usr/bin/env python3
"""Writes the small TCP captures of the diagram tests (standard library only):
close-four.pcap      client closes first, FIN and ACK in separate segments both ways
close-crossed.pcap   both FINs sent before the other arrived (simultaneous close)
close-reset.pcap     a request answered, then the client resets the connection
close-server.pcap    the server closes first with its response (FIN+data), four segments
Ethernet (zero MACs), IPv4 127.0.0.1, client port 40000, server port 8080.
Usage: gen_close_pcaps.py OUTDIR
"""
import struct
import sys

CLIENT, SERVER = 0, 1
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
ISN = {CLIENT: 1915658151, SERVER: 3000000000}
PORT = {CLIENT: 40000, SERVER: 8080}


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(side, flags, seq, ack, payload=b""):
    src = dst = bytes([127, 0, 0, 1])
    sport, dport = PORT[side], PORT[1 - side]
    raw_seq = (ISN[side] + seq) & 0xFFFFFFFF
    raw_ack = (ISN[1 - side] + ack) & 0xFFFFFFFF if flags & ACK else 0
    tcp = struct.pack("!HHIIBBHHH", sport, dport, raw_seq, raw_ack, 5 << 4, flags,
                      65535, 0, 0) + payload
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\0" * 12 + b"\x08\x00" + ip + tcp


def write(path, segs):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, s in enumerate(segs):
            data = frame(*s)
            f.write(struct.pack("<IIII", 1700000000, i * 1000, len(data), len(data)))
            f.write(data)


REQ = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
RESP = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
OPEN = [(CLIENT, SYN, 0, 0), (SERVER, SYN | ACK, 0, 1), (CLIENT, ACK, 1, 1),
        (CLIENT, PSH | ACK, 1, 1, REQ), (SERVER, ACK, 1, 1 + len(REQ)),
        (SERVER, PSH | ACK, 1, 1 + len(REQ), RESP), (CLIENT, ACK, 1 + len(REQ), 1 + len(RESP))]
C, S = 1 + len(REQ), 1 + len(RESP)   # next relative seq of each side after the exchange

CASES = {
    "close-four.pcap": OPEN + [(CLIENT, FIN | ACK, C, S), (SERVER, ACK, S, C + 1),
                               (SERVER, FIN | ACK, S, C + 1), (CLIENT, ACK, C + 1, S + 1)],
    "close-crossed.pcap": OPEN + [(SERVER, FIN | ACK, S, C), (CLIENT, FIN | ACK, C, S),
                                  (SERVER, ACK, S + 1, C + 1), (CLIENT, ACK, C + 1, S + 1)],
    "close-reset.pcap": OPEN + [(CLIENT, RST | ACK, C, S)],
    "close-server.pcap": OPEN[:5] + [(SERVER, FIN | PSH | ACK, 1, C, RESP),
                                     (CLIENT, ACK, C, S + 1), (CLIENT, FIN | ACK, C, S + 1),
                                     (SERVER, ACK, S + 1, C + 1)],
}

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    for name, segs in CASES.items():
        write(out + "/" + name, segs)
