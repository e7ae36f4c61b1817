#!/usr/bin/env python3
"""gen_http_text_cont.py — writes tests/data/http-text-cont.pcap: an HTTP exchange on
loopback whose response has a header name with a space before its colon (tshark 4.0
keeps it as a header, with "Illegal characters found in header name") and an empty
chunked body ("File Data: 0 bytes"), then response bytes past the message that start
with text: tshark's "Continuation" shows the header-like line as a header and the rest
as File Data; a last segment starting with a newline is binary: bare data.

Run: python3 tests/data/gen_http_text_cont.py tests/data/http-text-cont.pcap
"""
import sys

from pcapgen import tcp_frame, write_pcap

C, S = 40000, 80
SYN, ACK, PSH = 0x02, 0x10, 0x08
req = b"GET /page HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
resp = (b"HTTP/1.1 200 OK\r\nAccess-Control-Allow-Credentials : true\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
cont1 = b"obj = x : y;\r\n\t\treturn false;\r\n\t}\r\n"
cont2 = b"\n\t\tmore text\r\n"
segs = [
    (C, S, 100, 0, SYN, b""),
    (S, C, 500, 101, SYN | ACK, b""),
    (C, S, 101, 501, ACK, b""),
    (C, S, 101, 501, PSH | ACK, req),
    (S, C, 501, 101 + len(req), PSH | ACK, resp),
    (S, C, 501 + len(resp), 101 + len(req), PSH | ACK, cont1),
    (S, C, 501 + len(resp) + len(cont1), 101 + len(req), PSH | ACK, cont2),
]
write_pcap(sys.argv[1], ((1700000000, 1000 * i, tcp_frame(*s)) for i, s in enumerate(segs)))
