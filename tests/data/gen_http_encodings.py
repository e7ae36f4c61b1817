"""gen_http_encodings.py — writes http-encodings.pcap: HTTP responses with Content-Encoding
gzip, deflate (zlib and raw), gzip cut short, not gzip at all, gzip of nothing, identity,
x-gzip, GZIP and two gzip members (only the first is read), each uncompressed as tshark
does (tvb_uncompress) into an "Uncompressed entity body" data source."""
import sys, gzip, zlib
sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
from pcapgen import tcp_frame, write_pcap, SYN, ACK, PSH
text = b"".join(b"line %d of the page\n" % i for i in range(40))
def raw(d):
    c = zlib.compressobj(6, zlib.DEFLATED, -15); return c.compress(d) + c.flush()
cases = [(b"gzip", gzip.compress(text, mtime=0)), (b"deflate", zlib.compress(text)),
         (b"deflate", raw(text)), (b"gzip", gzip.compress(text, mtime=0)[:60]),
         (b"gzip", b"not gzip at all, plain text\n"),
         (b"gzip", gzip.compress(b"", mtime=0)), (b"identity", text[:50]), (b"x-gzip", gzip.compress(text, mtime=0)),
         (b"GZIP", gzip.compress(text, mtime=0)), (b"gzip", gzip.compress(text, mtime=0) + gzip.compress(b"second\n", mtime=0))]
pk = []; t = 0
for i, (enc, body) in enumerate(cases):
    sp = 41000 + i
    req = b"GET /e%d HTTP/1.1\r\nHost: x\r\n\r\n" % i
    resp = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: " + enc + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    for f in (tcp_frame(sp, 80, 100, 0, SYN), tcp_frame(80, sp, 500, 101, SYN | ACK), tcp_frame(sp, 80, 101, 501, ACK),
              tcp_frame(sp, 80, 101, 501, PSH | ACK, req), tcp_frame(80, sp, 501, 101 + len(req), PSH | ACK, resp)):
        t += 1; pk.append((1700000000, t * 1000, f))
write_pcap(sys.argv[1] if len(sys.argv) > 1 else "http-encodings.pcap", pk)
