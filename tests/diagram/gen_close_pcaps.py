#!/usr/bin/env python3
"""Writes the small TCP captures of the diagram tests (standard library only):
close-four.pcap      client closes first, FIN and ACK in separate segments both ways
close-crossed.pcap   both FINs sent before the other arrived (simultaneous close)
close-reset.pcap     a request answered, then the client resets the connection
close-server.pcap    the server closes first with its response (FIN+data), four segments
Ethernet (zero MACs), IPv4 127.0.0.1, client port 40000, server port 8080.
Usage: gen_close_pcaps.py OUTDIR
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
from pcapgen import ACK, FIN, PSH, RST, SYN, tcp_frame, write_pcap  # noqa: E402

CLIENT, SERVER = 0, 1
ISN = {CLIENT: 1915658151, SERVER: 3000000000}
PORT = {CLIENT: 40000, SERVER: 8080}


def frame(side, flags, seq, ack, payload=b""):
    raw_seq = ISN[side] + seq
    raw_ack = ISN[1 - side] + ack if flags & ACK else 0
    return tcp_frame(PORT[side], PORT[1 - side], raw_seq, raw_ack, flags, payload, win=65535)


def write(path, segs):
    write_pcap(path, ((1700000000, i * 1000, frame(*s)) for i, s in enumerate(segs)),
               snaplen=65535)


REQ = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
RESP = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
OPEN = [(CLIENT, SYN, 0, 0), (SERVER, SYN | ACK, 0, 1), (CLIENT, ACK, 1, 1),
        (CLIENT, PSH | ACK, 1, 1, REQ), (SERVER, ACK, 1, 1 + len(REQ)),
        (SERVER, PSH | ACK, 1, 1 + len(REQ), RESP), (CLIENT, ACK, 1 + len(REQ), 1 + len(RESP))]
C, S = 1 + len(REQ), 1 + len(RESP)   # next relative seq of each side after the exchange

CASES = {
    "close-four.pcap": OPEN + [(CLIENT, FIN | ACK, C, S), (SERVER, ACK, S, C + 1),
                               (SERVER, FIN | ACK, S, C + 1), (CLIENT, ACK, C + 1, S + 1)],
    "close-crossed.pcap": OPEN + [(SERVER, FIN | ACK, S, C), (CLIENT, FIN | ACK, C, S),
                                  (SERVER, ACK, S + 1, C + 1), (CLIENT, ACK, C + 1, S + 1)],
    "close-reset.pcap": OPEN + [(CLIENT, RST | ACK, C, S)],
    "close-server.pcap": OPEN[:5] + [(SERVER, FIN | PSH | ACK, 1, C, RESP),
                                     (CLIENT, ACK, C, S + 1), (CLIENT, FIN | ACK, C, S + 1),
                                     (SERVER, ACK, S + 1, C + 1)],
}

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    for name, segs in CASES.items():
        write(out + "/" + name, segs)
