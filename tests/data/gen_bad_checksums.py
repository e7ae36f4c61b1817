#!/usr/bin/env python3
"""gen_bad_checksums.py — writes tests/data/bad-checksums.pcap: an ICMP and an ICMPv6 echo
request whose checksum is wrong (0x1234), for tshark's "incorrect, should be" label and
its "Bad checksum" expert note.  Ethernet, 10.0.0.1 -> 10.0.0.2 and 2001:db8::1 -> ::2.

Run: python3 tests/data/gen_bad_checksums.py tests/data/bad-checksums.pcap
"""
import struct
import sys

from pcapgen import eth, ipv4, ipv6, write_pcap

SRC6 = bytes.fromhex("20010db8000000000000000000000001")
DST6 = bytes.fromhex("20010db8000000000000000000000002")

frames = [eth(ipv4("10.0.0.1", "10.0.0.2", 1, struct.pack("!BBHHH", 8, 0, 0x1234, 1, 1) + bytes(8))),
          eth(ipv6(SRC6, DST6, 58, struct.pack("!BBHHH", 128, 0, 0x1234, 1, 1) + bytes(8)), 0x86dd)]
write_pcap(sys.argv[1], ((1700000000, i, f) for i, f in enumerate(frames)))
