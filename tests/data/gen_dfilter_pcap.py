#!/usr/bin/env python3
"""Writes tests/data/dfilter.pcap: six small Ethernet frames for the display-filter
unit tests (TCP handshake start and a GET over IPv4, an ARP request, a DNS query over
UDP, an IPv6 UDP datagram).  Deterministic: run it again to get the same bytes."""
import struct
import sys

from pcapgen import LO6, eth, ipv4, ipv6, tcp, udp, write_pcap

A, B, BC = "02:00:00:00:00:01", "02:00:00:00:00:02", "ff:ff:ff:ff:ff:ff"
dns = struct.pack("!HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + b"\x07example\x03com\x00" + \
    struct.pack("!HH", 1, 1)
arp = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + bytes.fromhex("020000000001") + \
    bytes([10, 0, 0, 1]) + bytes(6) + bytes([10, 0, 0, 2])
frames = [   # TCP without checksums
    eth(ipv4("10.0.0.1", "10.0.0.2", 6, tcp(40000, 80, 1000, 0, 0x02, win=64240), ident=1),
        dst=B, src=A),
    eth(ipv4("10.0.0.2", "10.0.0.1", 6, tcp(80, 40000, 5000, 1001, 0x12, win=64240), ident=7),
        dst=A, src=B),
    eth(ipv4("10.0.0.1", "10.0.0.2", 6,
             tcp(40000, 80, 1001, 5001, 0x18, b"GET /index.html HTTP/1.1\r\nHost: Example\r\n\r\n",
                 win=64240), ident=2), dst=B, src=A),
    eth(arp + bytes(18), 0x0806, dst=BC, src=A),
    eth(ipv4("10.0.0.1", "192.168.1.1", 17, udp(5353, 53, dns), ttl=128, df=False, ident=3),
        dst="00:00:5e:00:53:01", src=A),
    eth(ipv6(LO6, LO6, 17, udp(1234, 5678, b"ping")), 0x86dd, dst=B, src=A),
]
write_pcap(sys.argv[1] if len(sys.argv) > 1 else "dfilter.pcap",
           ((1700000000 + i, 250000 * (i % 4), f) for i, f in enumerate(frames)), snaplen=65535)
