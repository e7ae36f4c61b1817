#!/usr/bin/env python3
"""Writes tests/data/dfilter.pcap: six small Ethernet frames for the display-filter
unit tests (TCP handshake start and a GET over IPv4, an ARP request, a DNS query over
UDP, an IPv6 UDP datagram).  Deterministic: run it again to get the same bytes."""
import struct
import sys


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def eth(dst, src, etype, payload):
    return bytes.fromhex(dst.replace(":", "")) + bytes.fromhex(src.replace(":", "")) + \
        struct.pack("!H", etype) + payload


def ipv4(src, dst, proto, payload, ttl=64, df=True, ident=1):
    a = bytes(int(x) for x in src.split("."))
    b = bytes(int(x) for x in dst.split("."))
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000 if df else 0,
                    ttl, proto, 0, a, b)
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def tcp(sport, dport, seq, ack, flags, payload=b""):
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0) + payload


def udp(sport, dport, payload):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


A, B, BC = "02:00:00:00:00:01", "02:00:00:00:00:02", "ff:ff:ff:ff:ff:ff"
dns = struct.pack("!HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + b"\x07example\x03com\x00" + \
    struct.pack("!HH", 1, 1)
arp = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + bytes.fromhex("020000000001") + \
    bytes([10, 0, 0, 1]) + bytes(6) + bytes([10, 0, 0, 2])
v6 = struct.pack("!IHBB", 0x60000000, 8 + 4, 17, 64) + bytes(15) + b"\x01" + bytes(15) + b"\x01" + \
    udp(1234, 5678, b"ping")
frames = [
    eth(B, A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40000, 80, 1000, 0, 0x02))),
    eth(A, B, 0x0800, ipv4("10.0.0.2", "10.0.0.1", 6, tcp(80, 40000, 5000, 1001, 0x12), ident=7)),
    eth(B, A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6,
        tcp(40000, 80, 1001, 5001, 0x18, b"GET /index.html HTTP/1.1\r\nHost: Example\r\n\r\n"), ident=2)),
    eth(BC, A, 0x0806, arp + bytes(18)),
    eth("00:00:5e:00:53:01", A, 0x0800, ipv4("10.0.0.1", "192.168.1.1", 17, udp(5353, 53, dns),
        ttl=128, df=False, ident=3)),
    eth(B, A, 0x86dd, v6),
]
out = open(sys.argv[1] if len(sys.argv) > 1 else "dfilter.pcap", "wb")
out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
for i, f in enumerate(frames):
    out.write(struct.pack("<IIII", 1700000000 + i, 250000 * (i % 4), len(f), len(f)) + f)
out.close()
