#!/usr/bin/env python3
"""gen_arp_dups.py — writes tests/data/arp-dups.pcap: ARP requests and replies in which an
IPv4 address turns up with a second MAC (sender and reply-target duplicates, a refresh by
the same MAC, a gratuitous reply, opcodes tshark does not check), and hardware addresses
that are not Ethernet (an unknown hardware type, a 40-byte address: hex, 36 bytes at most).

Run: python3 tests/data/gen_arp_dups.py tests/data/arp-dups.pcap
"""
import struct
import sys

from pcapgen import addr, eth, write_pcap

A, B, C = "00:30:4b:bd:34:56", "00:30:54:00:34:56", "00:e0:ed:01:6e:bd"
BC, Z = "ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00"


def mac(m):
    return bytes(int(x, 16) for x in m.split(":"))


def arp(op, sha, spa, tha, tpa, hw=1, hs=6):
    body = struct.pack("!HHBBH", hw, 0x0800, hs, 4, op)
    return body + sha + addr(spa) + tha + addr(tpa)


def frame(op, sha, spa, tha, tpa, dst=BC, **kw):
    return eth(arp(op, mac(sha), spa, mac(tha), tpa, **kw), 0x0806, dst=mac(dst), src=mac(sha))


frames = [
    frame(1, C, "192.168.1.2", Z, "192.168.1.1"),
    frame(2, A, "192.168.1.1", C, "192.168.1.2", dst=C),
    frame(1, B, "192.168.1.1", Z, "192.168.1.2", dst=C),        # sender duplicate of frame 2
    frame(2, C, "192.168.9.2", B, "192.168.1.1", dst=B),        # reply-target duplicate
    frame(2, B, "192.168.1.1", C, "192.168.1.2", dst=C),        # sender dup in a reply: no Info note
    frame(1, C, "192.168.1.2", Z, "192.168.1.1"),               # same MAC: refresh
    frame(2, B, "192.168.1.1", B, "192.168.1.1"),               # gratuitous reply
    frame(9, B, "192.168.1.1", C, "192.168.1.2", dst=C),        # InARP: not checked
    frame(2, C, "192.168.1.2", B, "192.168.1.1", dst=B, hw=34817),
    eth(struct.pack("!HHBBH", 1, 0x0800, 40, 4, 2) + bytes(range(40)) + addr("10.0.0.1") +
        bytes(40) + addr("10.0.0.2"), 0x0806, dst=mac(BC), src=mac(C)),
]
write_pcap(sys.argv[1], ((1700000000 + 5 * i, i, f) for i, f in enumerate(frames)))
