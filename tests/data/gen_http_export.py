#!/usr/bin/env python3
"""gen_http_export.py — writes tests/data/http-export.pcap: HTTP exchanges whose bodies
--export-objects http,DIR saves under tshark 4.0's names: chunked, gzip (good and
broken), no content type, responses without a request ("object49.image%2fpng"),
duplicate names ("dup(1).css", "x.tar(1).gz"), a POST and its answer ("form",
"form(1)"), an empty body, a 304, paths ending in "/" or with ? : * and control bytes,
an absolute URI, a name past 255 bytes, and two pipelined requests whose responses
both take the second's name.  127.0.0.1:400xx -> 127.0.0.1:80, Ethernet with zero MACs.

Run: python3 tests/data/gen_http_export.py tests/data/http-export.pcap
"""
import gzip
import sys

from pcapgen import ACK, PSH, SYN, tcp_frame as frame, write_pcap

frames = []
def conv(port, req, resp, handshake=True):
    ci, si = 1000 + port, 5000 + port
    if handshake:
        frames.append(frame(port, 80, ci, 0, SYN))
        frames.append(frame(80, port, si, ci + 1, SYN | ACK))
        frames.append(frame(port, 80, ci + 1, si + 1, ACK))
    if req:
        frames.append(frame(port, 80, ci + 1, si + 1, PSH | ACK, req))
    ack = ci + 1 + len(req)
    frames.append(frame(80, port, si + 1, ack, PSH | ACK, resp))
    frames.append(frame(port, 80, ack, si + 1 + len(resp), ACK))
def chunked(b):
    return b"%x\r\n%s\r\n0\r\n\r\n" % (len(b), b)
conv(40001, b"GET /a.txt HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(b"chunky body"))
conv(40002, b"GET /b.txt HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
conv(40003, b"GET /c/d.html?x=1/2:3*4 HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 4\r\n\r\n<p/>")
conv(40004, b"GET /dup.css HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: text/css\r\nContent-Length: 3\r\n\r\na{}")
conv(40005, b"GET /dup.css HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: text/css\r\nContent-Length: 3\r\n\r\nb{}")
conv(40006, b"POST /form HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=1", b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")
conv(40007, b"GET /bad.gz HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nContent-Length: 6\r\n\r\nxxxxxx")
conv(40008, b"GET /good.gz HTTP/1.1\r\nHost: h\r\n\r\n", (lambda z: b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(z) + z)(gzip.compress(b"unzipped!")))
conv(40009, b"", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 3\r\n\r\nPNG", handshake=False)
conv(40010, b"GET /empty HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n")
conv(40011, b"GET /nm HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 304 Not Modified\r\n\r\n")
conv(40012, b"GET /chunk-nocT HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(b"abc"))
conv(40013, b"GET / HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nNF")
conv(40014, b"GET /x.tar.gz HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: application/gzip\r\nContent-Length: 2\r\n\r\nT1")
conv(40015, b"GET /x.tar.gz HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: application/gzip\r\nContent-Length: 2\r\n\r\nT2")
conv(40016, b"GET /%41b%2Fc HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nPC")
conv(40017, b"", b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nNCT", handshake=False)
conv(40018, b"GET /conn HTTP/1.0\r\nHost: h\r\n\r\n", b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close")
conv(40019, b"", b"HTTP/1.1 200 OK\r\nContent-Type: Text/HTML; charset=UTF-8\r\nContent-Length: 3\r\n\r\nCTP", handshake=False)
conv(40020, b"GET /dir/ HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nDIR")
conv(40021, b"GET http://proxy.example/p/q.js HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nPRX")
conv(40022, b"GET /%s HTTP/1.1\r\nHost: h\r\n\r\n" % (b"L" * 300), b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nLNG")
conv(40023, b"GET /ctl\x01\x7f\xc3\xa9<>|\"\\ HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nCTL")
conv(40024, b"GET /p1.txt HTTP/1.1\r\nHost: h\r\n\r\nGET /p2.txt HTTP/1.1\r\nHost: h\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nR1HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nR2")
write_pcap(sys.argv[1], ((1700000000, 1000 * (i + 1), f) for i, f in enumerate(frames)))
