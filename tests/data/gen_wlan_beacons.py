#!/usr/bin/env python3
"""gen_wlan_beacons.py — writes tests/data/wlan-beacons.pcap (link type 802.11, no radio
header): beacons with Country elements of each environment (channel triplets, an
operating-class triplet, padding, ones too short) and ERP Information.

Run: python3 tests/data/gen_wlan_beacons.py tests/data/wlan-beacons.pcap
"""
import struct
import sys

from pcapgen import write_pcap


def tag(i, b):
    return bytes([i, len(b)]) + b


HDR = bytes([0x80, 0x00, 0, 0]) + b"\xff" * 6 + b"\x00\x11\x22\x33\x44\x55" * 2 + b"\x10\x00"
FIXED = struct.pack("<QHH", 123456, 100, 0x0431)
bodies = [
    tag(0, b"labnet") + tag(1, bytes([0x82, 0x84, 0x8b, 0x96])) + tag(3, b"\x06") +
    tag(7, b"US " + bytes([1, 11, 30])) + tag(42, b"\x04") +
    tag(7, b"DE\x04" + bytes([1, 13, 20, 36, 4, 23])),
]
for env in b"IOX\x05":
    bodies.append(tag(0, b"labnet") + tag(7, b"FR" + bytes([env, 1, 13, 20])))
bodies += [
    tag(7, b"JP"),
    tag(7, b"JPI\x01\x0e\x14\x00"),
    tag(7, b"US\x04" + bytes([201, 12, 0, 1, 11, 30])),
    tag(7, b"US\x20\x01\x0b"),
]
write_pcap(sys.argv[1], ((1700000000, i, HDR + FIXED + b) for i, b in enumerate(bodies)),
           link=105)
