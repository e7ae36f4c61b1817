#!/usr/bin/env python3
"""gen_ipv6_rt_short.py — writes tests/data/ipv6-rt-short.pcap: IPv6 routing headers
whose captured bytes stop right after the segments-left byte (types 0, 2 and 4), so
the 4-byte reserved field and the SRH tag are not in the frame (issue 15: they were
read from whatever followed the frame).  Each is followed by a frame of 0xee bytes
so that a read past the end shows in -T fields.  Ethernet, fe80::1 -> fe80::2.

Run: python3 tests/data/gen_ipv6_rt_short.py tests/data/ipv6-rt-short.pcap
"""
import struct
import sys

from pcapgen import eth, ipv6, write_pcap

SRC = bytes.fromhex("fe800000000000000000000000000001")
DST = bytes.fromhex("fe800000000000000000000000000002")


def v6(rt_type, rt_bytes_captured):
    rt = struct.pack("!BBBB", 59, 2, rt_type, 1) + b"\0" * 20   # 24-byte header
    f = eth(ipv6(SRC, DST, 43, rt), 0x86dd, dst="02:00:00:00:00:02", src="02:00:00:00:00:01")
    return f[:14 + 40 + rt_bytes_captured]


frames = []
for t in (0, 2, 4):
    frames.append(v6(t, 4))
    frames.append(b"\xee" * 64)

write_pcap(sys.argv[1], ((1700000000, i, f) for i, f in enumerate(frames)))
