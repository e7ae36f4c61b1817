#!/usr/bin/env python3
"""gen_eth_trailers.py — writes tests/data/eth-trailers.pcap: UDP datagrams in Ethernet II and
802.1Q frames followed by bytes IP does not claim, for tshark's split of them into padding
(zero bytes up to 60 in a frame of 60 or more; non-zero ones make a trailer with an expert
note), trailer and a guessed 4-byte FCS (an Ethernet II frame of 64 bytes or more, not under
802.1Q), and frames whose end the capture cut off (padding or FCS not captured: "Ethertype
truncated").  Also zero-length UDP datagrams, which tshark does not time.

Run: python3 tests/data/gen_eth_trailers.py tests/data/eth-trailers.pcap
"""
import struct
import sys

from pcapgen import checksummed, eth, ipv4, udp


def ip_udp(plen):
    seg = checksummed(bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]), 17, udp(1000, 2000, b"A" * plen), 6)
    return ipv4("10.0.0.1", "10.0.0.2", 17, seg)


def vlan(extra, plen=0):
    return eth(struct.pack("!HH", 5, 0x0800) + ip_udp(plen) + extra, etype=0x8100)


# (frame, bytes on the wire the capture did not keep)
frames = [(eth(ip_udp(0)) + extra, 0) for extra in (
    b"\x01" * 14, b"\x00" * 14, b"\x00" * 24, b"\x00" * 14 + b"\x01" * 10, b"\x00" * 18,
    b"\x01" * 18, b"\x00" * 10 + b"\x01" * 8)]
frames += [(eth(ip_udp(20)) + extra, 0) for extra in (b"\x01" * 10, b"\x01" * 3, b"\x01" * 4)]
frames += [(vlan(b"\x00" * 14), 0), (vlan(b"\x01" * 14), 0), (vlan(b"\x00" * 24), 0),
           (vlan(b"\x01" * 10, 20), 0)]
frames += [(eth(ip_udp(20)) + b"\x01" * 6, 4), (eth(ip_udp(20)) + b"\x01" * 2, 4),
           (eth(ip_udp(20)), 10), (eth(ip_udp(0)) + bytes(18), 4), (eth(ip_udp(0)) + bytes(10), 8)]
with open(sys.argv[1], "wb") as fh:
    fh.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
    for i, (f, cut) in enumerate(frames):
        fh.write(struct.pack("<IIII", 1700000000 + i, 0, len(f), len(f) + cut))
        fh.write(f)
