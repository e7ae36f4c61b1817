#!/usr/bin/env python3
"""gen_icmpv6_nd.py — writes tests/data/icmpv6-nd.pcap: ICMPv6 messages whose -V trees
are held against tshark's: Router Advertisements with each flag and preference (the
Flags label and its bit tree), MLDv2 reports behind a Hop-by-Hop header with Router
Alert and an empty PadN (records of every type, with sources and auxiliary data), and
Neighbor Advertisements from link-local addresses whose interface ID has the
universal/local bit clear and set (SLAAC MAC shown for the second only), a Router
Advertisement with Route Information options of each prefix size and a PREF64 option,
and a Neighbor Solicitation with a Nonce option.

Run: python3 tests/data/gen_icmpv6_nd.py tests/data/icmpv6-nd.pcap
"""
import struct
import sys

from pcapgen import checksummed, eth, ipv6, write_pcap

RTR = bytes.fromhex("fe80000000000000c0005 4fffef50000".replace(" ", ""))
HOST = bytes.fromhex("fe800000000000000a0027fffe46e884")
ALL = bytes.fromhex("ff020000000000000000000000000001")
MLD2 = bytes.fromhex("ff020000000000000000000000000016")


def g(s):
    return bytes.fromhex(s)


def icmp(src, dst, body):
    return checksummed(src, dst, 58, body, 2)


def frame(src, dst, msg, hbh=False):
    if hbh:
        # Hop-by-Hop: next header ICMPv6, Router Alert (MLD), PadN of length 0
        ext = struct.pack("!BBBBHBB", 58, 0, 5, 2, 0, 1, 0)
        pkt = ipv6(src, dst, 0, ext + msg, hlim=1)
    else:
        pkt = ipv6(src, dst, 58, msg, hlim=255)
    return eth(pkt, 0x86dd, dst="33:33:00:00:00:01", src="02:00:00:00:00:01")


def ra(flags, opts=b""):
    return frame(RTR, ALL, icmp(RTR, ALL, struct.pack("!BBHBBHII", 134, 0, 0, 64, flags, 1800, 0, 0)
                                + opts))


def route_info(plen, flags, prefix):
    return struct.pack("!BBBBI", 24, 1 + len(prefix) // 8, plen, flags, 180) + prefix


OPTS = (route_info(0, 0x00, b"") + route_info(48, 0x08, g("20010db8000a0000"))
        + route_info(96, 0x18, g("20010db800000000000000010000ffff"))
        + struct.pack("!BBH", 38, 2, (600 << 3) | 1) + g("0064ff9b0000000000000000"))


def ns_nonce():
    body = struct.pack("!BBHI", 135, 0, 0, 0) + HOST + struct.pack("!BB", 14, 1) + g("2adbd6b91c40")
    return frame(RTR, ALL, icmp(RTR, ALL, body))


def record(rtype, group, sources=(), aux=b""):
    return struct.pack("!BBH", rtype, len(aux) // 4, len(sources)) + g(group) + b"".join(
        g(s) for s in sources) + aux


def mldv2(records):
    body = struct.pack("!BBHHH", 143, 0, 0, 0, len(records)) + b"".join(records)
    return frame(HOST, MLD2, icmp(HOST, MLD2, body), hbh=True)


def na(src):
    body = struct.pack("!BBHI", 136, 0, 0, 0xa0000000) + src
    return frame(src, ALL, icmp(src, ALL, body))


S1 = "20010db8000000000000000000000001"
S2 = "20010db8000000000000000000000002"
frames = [ra(f) for f in (0x00, 0xc0, 0x20, 0x08, 0x10, 0x18, 0xbc, 0x03)] + [
    mldv2([record(4, "ff0200000000000000000001ff46e884")]),
    mldv2([record(1, "ff0e0000000000000000000000000101", (S1, S2)),
           record(2, "ff0e0000000000000000000000000102", (S1,)),
           record(3, "ff0e0000000000000000000000000103"),
           record(5, "ff0e0000000000000000000000000104", (S2,), aux=b"\x01\x02\x03\x04"),
           record(6, "ff0e0000000000000000000000000105", (S1,)),
           record(9, "ff0e0000000000000000000000000106")]),
    na(RTR), na(HOST), ra(0x40, OPTS), ns_nonce(),
]
write_pcap(sys.argv[1], ((1700000000, i, f) for i, f in enumerate(frames)))
