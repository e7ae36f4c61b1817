#!/usr/bin/env python3
"""gen_http_long_labels.py — writes http-long-labels.pcap: an HTTP exchange whose labels
run past Wireshark's 240-byte label buffer: a 300-byte URI (request line, its expert
note, Request URI, Full request URI), headers of 243 and 249 bytes, and text body lines
of 238 to 300 bytes (each with its "\\n", two bytes escaped) and a last line without one."""
import sys
from pcapgen import tcp_frame, write_pcap, SYN, ACK, PSH

body = b"".join(b"L" * n + b"\n" for n in (236, 237, 238, 239, 240, 300)) + b"T" * 239
hdr = b"X-Long: " + b"h" * 235 + b"\r\n" + b"X-Long2: " + b"h" * 240 + b"\r\n"
resp = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + hdr +
        b"Content-Length: %d\r\n\r\n" % len(body) + body)
req = b"GET /" + b"u" * 300 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
frames = [tcp_frame(40000, 80, 100, 0, SYN), tcp_frame(80, 40000, 500, 101, SYN | ACK),
          tcp_frame(40000, 80, 101, 501, ACK), tcp_frame(40000, 80, 101, 501, PSH | ACK, req),
          tcp_frame(80, 40000, 501, 101 + len(req), PSH | ACK, resp)]
write_pcap(sys.argv[1] if len(sys.argv) > 1 else "http-long-labels.pcap",
           [(1700000000, i * 1000, f) for i, f in enumerate(frames)])
