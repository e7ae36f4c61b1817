"""gen_http_form.py — writes http-form.pcap: HTTP POSTs of application/x-www-form-urlencoded
bodies: plain pairs, "+" and %-escapes, a key without "=", a trailing "&", a bad escape, an
escape cut off by the end (malformed), %00 in key and value, empty keys and values, raw
control and non-UTF-8 bytes, "&" inside a key, "=" inside a value."""
import sys
sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
from pcapgen import tcp_frame, write_pcap, SYN, ACK, PSH
bodies = [b"a=1&b=2", b"user=alice+b&pass=p%40ss%21", b"a=1&b", b"a=1&", b"k=%zz&x=1", b"k=%4", b"%00ab=1&c=%00d",
          b"=&=", b"a=\x01\xff&b=caf%C3%A9", b"single", b"&&a=1", b"x=1=2&y"]
pk = []; t = 0
for i, body in enumerate(bodies):
    sp = 42000 + i
    req = b"POST /f%d HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n" % (i, len(body)) + body
    for f in (tcp_frame(sp, 80, 100, 0, SYN), tcp_frame(80, sp, 500, 101, SYN | ACK), tcp_frame(sp, 80, 101, 501, ACK),
              tcp_frame(sp, 80, 101, 501, PSH | ACK, req)):
        t += 1; pk.append((1700000000, t * 1000, f))
write_pcap(sys.argv[1] if len(sys.argv) > 1 else "http-form.pcap", pk)
