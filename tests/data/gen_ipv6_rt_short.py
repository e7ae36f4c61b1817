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

SRC = bytes.fromhex("fe800000000000000000000000000001")
DST = bytes.fromhex("fe800000000000000000000000000002")


def v6(rt_type, rt_bytes_captured):
    rt = struct.pack("!BBBB", 59, 2, rt_type, 1) + b"\0" * 20   # 24-byte header
    ip = struct.pack("!IHBB", 6 << 28, len(rt), 43, 64) + SRC + DST
    eth = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x86\xdd"
    return eth + ip + rt[:rt_bytes_captured]


frames = []
for t in (0, 2, 4):
    frames.append(v6(t, 4))
    frames.append(b"\xee" * 64)

with open(sys.argv[1], "wb") as fh:
    fh.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
    for i, f in enumerate(frames):
        fh.write(struct.pack("<IIII", 1700000000, i, len(f), len(f)))
        fh.write(f)
