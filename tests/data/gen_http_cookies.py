#!/usr/bin/env python3
"""gen_http_cookies.py — writes http-cookies.pcap: one HTTP/1.1 request per connection
on 127.0.0.1:80 whose Cookie header is split into tshark's "Cookie pair" items: pairs
separated by ';' with and without spaces, empty pairs, a trailing ';', tabs, a lone
value.  (Each connection: SYN, SYN-ACK, ACK, the request.)"""
import sys
from pcapgen import tcp_frame, write_pcap, SYN, ACK, PSH

COOKIES = [b"a=1;b=2", b"a=1; b=2;  c=3", b"x=1;; ;y=2;", b"\tt=1;\tu=2", b"lonely",
           b" lead=1 ; trail=2 ", b"=;=v"]
pkts = []
t = 0
for i, c in enumerate(COOKIES):
    sport = 40000 + i
    req = b"GET /c%d?q=%d&r HTTP/1.1\r\nHost: x\r\nCookie: %s\r\n\r\n" % (i, i, c)
    for f in (tcp_frame(sport, 80, 100, 0, SYN), tcp_frame(80, sport, 500, 101, SYN | ACK),
              tcp_frame(sport, 80, 101, 501, ACK), tcp_frame(sport, 80, 101, 501, PSH | ACK, req)):
        t += 1
        pkts.append((1700000000, t * 1000, f))
write_pcap(sys.argv[1] if len(sys.argv) > 1 else "http-cookies.pcap", pkts)
