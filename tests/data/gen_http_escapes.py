"""gen_http_escapes.py OUT — one HTTP request whose URI and Host hold the bytes
Wireshark escapes when it shows text from the wire: a backslash, BEL BS VT FF ESC,
UTF-8 that prints (é, an emoji), UTF-8 that does not (U+202E, U+0085) and an invalid
sequence (an encoded surrogate)."""
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from pcapgen import PSH, ACK, tcp_frame, write_pcap  # noqa: E402

REQ = (b"GET /a\\b\x07\x08\x0b\x0c\x1b HTTP/1.1\r\n"
       b"Host: \xc3\xa9\xe2\x80\xae\xc2\x85z\xf0\x9f\x98\x80\xed\xa0\x80\r\n\r\n")
write_pcap(sys.argv[1], [(1, 0, tcp_frame(40000, 80, 1, 1, PSH | ACK, REQ))])
