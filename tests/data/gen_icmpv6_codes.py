#!/usr/bin/env python3
"""gen_icmpv6_codes.py — writes tests/data/icmpv6-codes.pcap: one ICMPv6 message for each
code of the types whose codes tshark names in the Info column (Destination Unreachable
0-9, Time Exceeded 0-2, Parameter Problem 0-4, Router Renumbering, Node Information
Reply, Extended Echo request/reply), with a correct checksum and 20 zero bytes after
it, so the Info column and "Code: N (…)" (known and unknown codes) can be held against
tshark's.  Ethernet, 2001:db8::1 -> 2001:db8::2.

Run: python3 tests/data/gen_icmpv6_codes.py tests/data/icmpv6-codes.pcap
"""
import struct
import sys

from pcapgen import checksummed, eth, ipv6, write_pcap

SRC = bytes.fromhex("20010db8000000000000000000000001")
DST = bytes.fromhex("20010db8000000000000000000000002")
CODES = ((1, range(10)), (3, range(3)), (4, range(5)), (138, (2, 255)), (140, range(3)),
         (160, range(2)), (161, range(6)))


def icmpv6(typ, code):
    return checksummed(SRC, DST, 58, struct.pack("!BBHI", typ, code, 0, 0) + bytes(16), 2)


frames = [eth(ipv6(SRC, DST, 58, icmpv6(t, c)), 0x86dd, dst="02:00:00:00:00:02",
              src="02:00:00:00:00:01") for t, codes in CODES for c in codes]
write_pcap(sys.argv[1], ((1700000000, i, f) for i, f in enumerate(frames)))
