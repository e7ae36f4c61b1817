#!/usr/bin/env python3
"""gen_ttl_experts.py — writes tests/data/ttl-experts.pcap: UDP datagrams whose TTL and
destination draw (or not) tshark's IPv4 TTL notes — unicast TTL 1..5, a multicast group
with TTL 2, the Local Network Control Block (224.0.0.x) with TTL 1, 2 and 255, including
the groups where 255 is expected (VRRP .18, HSRPv2 .102, mDNS .251, LLMNR .252) — an OSPF
packet with TTL 1, and datagrams to the ports around traceroute's 33435..33464.
Ethernet, 10.0.0.1 -> various.

Run: python3 tests/data/gen_ttl_experts.py tests/data/ttl-experts.pcap
"""
import sys

from pcapgen import eth, ipv4, udp, write_pcap

CASES = ([(t, "10.0.0.2", 40001) for t in range(1, 6)] +
         [(2, "239.1.1.1", 40001), (1, "224.0.0.5", 40001), (2, "224.0.0.5", 40001),
          (255, "224.0.0.9", 40001), (255, "224.0.0.18", 40001), (1, "224.0.0.102", 40001),
          (255, "224.0.0.251", 40001), (64, "224.0.0.251", 40001), (255, "224.0.0.252", 40001)] +
         [(64, "10.0.0.2", p) for p in (33434, 33435, 33436, 33437, 33438, 33463, 33464, 33465)])

frames = [eth(ipv4("10.0.0.1", dst, 17, udp(40000, dport, b"probe"), ttl=ttl))
          for ttl, dst, dport in CASES]
frames.append(eth(ipv4("10.0.0.1", "10.0.0.2", 89, bytes(24), ttl=1)))
write_pcap(sys.argv[1], ((1700000000, i, f) for i, f in enumerate(frames)))
