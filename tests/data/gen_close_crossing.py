#!/usr/bin/env python3
"""Writes the crossing-FIN captures (simultaneous close, RFC 9293 section 3.6 figure 13)
of the TCP state goldens and unit tests, standard library only:

close-cross-bare.pcap   Ethernet, IPv4: a request and its response, then both FINs
                        (no data) sent before the other arrived; the last ACKs in turn
close-cross-data.pcap   BSD loopback (DLT_NULL), IPv4: the server's response leaves
                        with its FIN while the client, done after its request, sends
                        its own FIN (which acknowledges neither)
close-cross-acks.pcap   Ethernet, IPv6 ::1: FINs cross, then the two last ACKs cross
                        as well (each sent before the other arrived)
close-cross-late.pcap   Ethernet, IPv4: the server's FIN is still in flight while the
                        client sends a last data segment and then its FIN, neither
                        acknowledging the server's FIN

Segments are what Linux sends on loopback: SYN options MSS, SACK permitted,
timestamps and window scale 7, timestamps on every segment (TSecr echoes the newest
segment of the peer the sender had received), IPv4 DF with increasing IDs, times a
few tens of microseconds apart.
Usage: gen_close_crossing.py OUTDIR
"""
import struct
import sys

from pcapgen import ACK, ETH, FIN, LO, LO6, NULL, PSH, SYN, tcp_frame, write_pcap

CLIENT, SERVER = 0, 1
T0 = 1733500000           # capture start (s)


class Conn:
    """One connection; seg() takes relative seq/ack numbers and a time in us."""

    def __init__(self, link, v6, cport, sport, isn_c, isn_s):
        self.link, self.v6 = link, v6
        self.port = {CLIENT: cport, SERVER: sport}
        self.isn = {CLIENT: isn_c, SERVER: isn_s}
        self.tsbase = {CLIENT: 2890123456, SERVER: 2890123456}
        self.ipid = {CLIENT: 0x4a10, SERVER: 0x9c31}
        self.segs = []      # (us, side, flags, seq, ack, payload, tsval)

    def seg(self, us, side, flags, seq, ack, payload=b""):
        tsval = (self.tsbase[side] + us // 1000) & 0xFFFFFFFF
        self.segs.append((us, side, flags, seq, ack, payload, tsval))

    def _tsecr(self, i):
        """TSval of the newest earlier peer segment this one acknowledges."""
        us, side, flags, seq, ack, payload, tsval = self.segs[i]
        if not flags & ACK:
            return 0
        for j in range(i - 1, -1, -1):
            p = self.segs[j]
            if p[1] == side:
                continue
            space = len(p[5]) + (1 if p[2] & (SYN | FIN) else 0)
            if (ack - (p[3] + space)) & 0x80000000 == 0:
                return p[6]
        return 0

    def _frame(self, i):
        us, side, flags, seq, ack, payload, tsval = self.segs[i]
        peer = 1 - side
        tsecr = self._tsecr(i)
        if flags & SYN:
            opts = struct.pack("!BBH", 2, 4, 65495) + b"\x04\x02" + \
                struct.pack("!BBII", 8, 10, tsval, tsecr) + b"\x01" + b"\x03\x03\x07"
            win = 65483 if side == CLIENT else 65483
        else:
            opts = b"\x01\x01" + struct.pack("!BBII", 8, 10, tsval, tsecr)
            win = 512
        raw_seq = (self.isn[side] + seq) & 0xFFFFFFFF
        raw_ack = (self.isn[peer] + ack) & 0xFFFFFFFF if flags & ACK else 0
        self.ipid[side] += 1          # IPv4 only; the flow label is IPv6's
        ip = LO6 if self.v6 else LO
        return tcp_frame(self.port[side], self.port[peer], raw_seq, raw_ack, flags, payload,
                         win, opts, src=ip, dst=ip, ident=self.ipid[side],
                         flow=0x3a5f1 if side else 0x8c2d4, link=self.link)

    def write(self, path):
        write_pcap(path, ((T0 + s[0] // 1000000, s[0] % 1000000, self._frame(i))
                          for i, s in enumerate(self.segs)), link=self.link)


REQ = b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nConnection: close\r\n\r\n"
BODY = b"<!doctype html><title>lab</title><p>hello</p>\n"
RESP = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n"
        b"Connection: close\r\n\r\n" % len(BODY)) + BODY
Q, R = len(REQ), len(RESP)


def opening(c):
    """Handshake, request, ACK of the request; returns the time reached (us)."""
    c.seg(0, CLIENT, SYN, 0, 0)
    c.seg(21, SERVER, SYN | ACK, 0, 1)
    c.seg(39, CLIENT, ACK, 1, 1)
    c.seg(118, CLIENT, PSH | ACK, 1, 1, REQ)
    c.seg(131, SERVER, ACK, 1, 1 + Q)
    return 131


def bare():
    c = Conn(ETH, False, 51724, 8080, 3166213121, 1204467590)
    t = opening(c)
    c.seg(t + 912, SERVER, PSH | ACK, 1, 1 + Q, RESP)
    c.seg(t + 930, CLIENT, ACK, 1 + Q, 1 + R)
    # both applications close within microseconds: neither FIN acknowledges the other
    c.seg(t + 1204, SERVER, FIN | ACK, 1 + R, 1 + Q)
    c.seg(t + 1206, CLIENT, FIN | ACK, 1 + Q, 1 + R)
    c.seg(t + 1225, SERVER, ACK, 2 + R, 2 + Q)
    c.seg(t + 1241, CLIENT, ACK, 2 + Q, 2 + R)
    return c


def data():
    c = Conn(NULL, False, 61002, 8080, 2011554213, 3997421706)
    t = opening(c)
    # the response leaves with the server's FIN; the client's FIN (shutdown after the
    # request) acknowledges neither
    c.seg(t + 650, SERVER, FIN | PSH | ACK, 1, 1 + Q, RESP)
    c.seg(t + 652, CLIENT, FIN | ACK, 1 + Q, 1)
    c.seg(t + 670, SERVER, ACK, 2 + R, 2 + Q)
    c.seg(t + 688, CLIENT, ACK, 2 + Q, 2 + R)
    return c


def acks():
    c = Conn(ETH, True, 40522, 8080, 880120007, 4294967000)   # server seq wraps 2^32
    t = opening(c)
    c.seg(t + 733, SERVER, PSH | ACK, 1, 1 + Q, RESP)
    c.seg(t + 751, CLIENT, ACK, 1 + Q, 1 + R)
    c.seg(t + 1530, CLIENT, FIN | ACK, 1 + Q, 1 + R)
    c.seg(t + 1531, SERVER, FIN | ACK, 1 + R, 1 + Q)
    # each last ACK leaves before the other arrives
    c.seg(t + 1549, CLIENT, ACK, 2 + Q, 2 + R)
    c.seg(t + 1550, SERVER, ACK, 2 + R, 2 + Q)
    return c


def late():
    c = Conn(ETH, False, 44870, 8080, 1500000000, 700000000)
    t = opening(c)
    c.seg(t + 802, SERVER, PSH | ACK, 1, 1 + Q, RESP)
    c.seg(t + 820, CLIENT, ACK, 1 + Q, 1 + R)
    c.seg(t + 2107, SERVER, FIN | ACK, 1 + R, 1 + Q)
    # sent before the server's FIN arrived: a last line, then the client's FIN
    c.seg(t + 2108, CLIENT, PSH | ACK, 1 + Q, 1 + R, b"bye\r\n")
    c.seg(t + 2110, CLIENT, FIN | ACK, 6 + Q, 1 + R)
    c.seg(t + 2131, SERVER, ACK, 2 + R, 7 + Q)
    c.seg(t + 2150, CLIENT, ACK, 7 + Q, 2 + R)
    return c


CASES = {"close-cross-bare.pcap": bare, "close-cross-data.pcap": data,
         "close-cross-acks.pcap": acks, "close-cross-late.pcap": late}

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    for name, make in CASES.items():
        make().write(out + "/" + name)
