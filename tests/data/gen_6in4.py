#!/usr/bin/env python3
"""gen_6in4.py — writes tests/data/6in4.pcap: IPv6 in IPv4 (protocol 41, RFC 4213)
carrying ICMPv6 echoes, once filling the frame and once followed by 3 bytes after
the IPv4 total length, so the Ethernet trailer is measured from the outer IPv4
header, not the tunnelled IPv6 one.

Run: python3 tests/data/gen_6in4.py tests/data/6in4.pcap
"""
import struct
import sys

from pcapgen import checksummed, eth, ipv4, ipv6, write_pcap

SRC6 = bytes.fromhex("20010470000000000000000000000001")
DST6 = bytes.fromhex("26040000000000000000000000000002")


def echo(typ, seq):
    msg = checksummed(SRC6, DST6, 58, struct.pack("!BBHHH", typ, 0, 0, 0x5d8f, seq) + bytes(range(56)), 2)
    return ipv6(SRC6, DST6, 58, msg, hlim=63)


frames = [
    eth(ipv4("192.0.2.1", "198.51.100.2", 41, echo(128, 1)), 0x0800, dst="02:00:00:00:00:02",
        src="02:00:00:00:00:01"),
    eth(ipv4("198.51.100.2", "192.0.2.1", 41, echo(129, 1)), 0x0800, dst="02:00:00:00:00:01",
        src="02:00:00:00:00:02") + b"\xde\xad\xbe",
]
write_pcap(sys.argv[1], ((1700000000, i, f) for i, f in enumerate(frames)))
