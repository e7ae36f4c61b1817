#!/usr/bin/env python3
"""gen_dscp.py — writes dscp.pcap: one UDP datagram over IPv4 for each of the 64 DSCP
values (the DS field's name and short name: CS0 … EF PHB … CS7), then the same over IPv6
(the traffic class)."""
import struct
import sys
from pcapgen import udp, ipv4, ipv6, eth, write_pcap, csum, checksummed

pk = []
for d in range(64):
    ip = bytearray(ipv4(bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]), 17, udp(1000, 2000, b"x")))
    ip[1] = d << 2
    ip[10:12] = b"\0\0"
    ip[10:12] = struct.pack("!H", csum(bytes(ip[:20])))
    pk.append((1700000000, d, eth(bytes(ip))))
src, dst = bytes(15) + b"\1", bytes(15) + b"\2"
for d in range(64):
    ip = bytearray(ipv6(src, dst, 17, checksummed(src, dst, 17, udp(1000, 2000, b"x"), 6)))
    ip[0:4] = struct.pack("!I", (6 << 28) | ((d << 2) << 20))
    pk.append((1700000001, d, eth(bytes(ip), 0x86dd)))
write_pcap(sys.argv[1] if len(sys.argv) > 1 else "dscp.pcap", pk)
