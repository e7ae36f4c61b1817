#!/usr/bin/env python3
"""gen_dblsp_json.py — writes tests/data/dblsp-json.pcap: Dropbox LAN sync announcements
(UDP 17500) whose text tshark's JSON dissector takes or refuses (its tokeniser's rules,
src/dissect/json.c): objects, arrays, strings, bad escapes, a payload ending in a
primitive, trailing garbage, the 1024-token limit, a NUL.

Run: python3 tests/data/gen_dblsp_json.py tests/data/dblsp-json.pcap
"""
import sys

from pcapgen import checksummed, eth, ipv4, udp, write_pcap

TEXTS = [b'{"a":1}', b'{"a":1', b'[1,2]', b'"str"', b'123', b'{"a":1}xyz', b'{a:1}', b' {"a":1}',
         b'{"a":tru}', b'{}{}', b'x{"a":1}', b'{"a":[1,{"b":null}],"c":true}', b'{"a":"\\u00e9"}',
         b'{"a":1,}', b'{"a" 1}', b'\n', b'[1 2]', b'[{}:1]', b'{"a":"b" 1}', b'{{}}', b'{"a":1}}',
         b']', b'{"a":"\\x"}', b'{"a":"\\u12G4"}', b'[' + b'1,' * 1022 + b'1]',
         b'[' + b'1,' * 1023 + b'1]', b'{"a":[}', b'{"a":1}\x00zz', b'\x00{}', b'{"a":"\\',
         b'{"a":t\x01}', b'[1]]']
frames = []
for i, text in enumerate(TEXTS):
    seg = checksummed(bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]), 17, udp(17500, 17500, text), 6)
    frames.append((1700000000 + i, 0, eth(ipv4("10.0.0.1", "10.0.0.2", 17, seg))))
write_pcap(sys.argv[1], frames)
