#!/usr/bin/env python3
"""gen_ipv6_frag_short.py — writes tests/data/ipv6-frag-short.pcap: the first fragment of an
IPv6 datagram whose Payload Length (1000) exceeds the frame: tshark warns "IPv6 payload
length exceeds framing length" and, unlike IPv4, shows the fragment's payload as data.

Run: python3 tests/data/gen_ipv6_frag_short.py tests/data/ipv6-frag-short.pcap
"""
import struct
import sys

from pcapgen import eth, udp, write_pcap

src, dst = bytes(15) + b"\x01", bytes(15) + b"\x02"
dns = struct.pack("!HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + b"\x07example\x03com\x00" + \
    struct.pack("!HH", 1, 1)
u = udp(5353, 53, dns)
u = u[:4] + struct.pack("!H", 600) + u[6:]
frag = struct.pack("!BBHI", 17, 0, 0x0001, 0xabcd)          # offset 0, more fragments
ip = struct.pack("!IHBB", 6 << 28, 1000, 44, 64) + src + dst + frag + u
write_pcap(sys.argv[1], [(1700000000, 0, eth(ip, 0x86dd))])
