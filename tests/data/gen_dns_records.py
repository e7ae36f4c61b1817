"""gen_dns_records.py OUT — DNS, mDNS and LLMNR messages with the record types and
flag variants tshark 4.0 shows in its own ways: LLMNR's C/TC/T flags, an SRV owner
split into service, protocol and name, NSEC type bitmaps, NULL and unknown-type data,
a TXT string holding a NUL byte, a name over tshark's 240-byte label, the root and a
one-letter name, an mDNS OPT record."""
import struct
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from pcapgen import checksummed, eth, ipv4, udp, write_pcap  # noqa: E402


def name(*labels):
    return b"".join(bytes([len(x)]) + x for x in labels) + b"\0"


def header(ident, flags, qd=0, an=0, ns=0, ar=0):
    return struct.pack("!6H", ident, flags, qd, an, ns, ar)


def question(n, qtype, qclass=1):
    return n + struct.pack("!HH", qtype, qclass)


def rr(n, rtype, data, rclass=1, ttl=120):
    return n + struct.pack("!HHIH", rtype, rclass, ttl, len(data)) + data


def frame(sport, dport, payload, src="192.168.1.7", dst="192.168.1.1", ttl=64):
    a = bytes(int(x) for x in src.split("."))
    b = bytes(int(x) for x in dst.split("."))
    seg = checksummed(a, b, 17, udp(sport, dport, payload), 6)
    return eth(ipv4(src, dst, 17, seg, ttl=ttl, df=False),
               dst="02:00:00:00:00:01", src="02:00:00:00:00:07")


def main(path):
    host = name(b"host", b"local")
    srv = name(b"gemini", b"_sftp-ssh", b"_tcp", b"local")
    longname = name(*([b"a" * 60] * 4))
    msgs = [
        # LLMNR: query with C and T set (to its group with TTL 1, which tshark accepts),
        # response with C clear then set
        (5355, 5355, header(1, 0x0500, 1) + question(name(b"pc1"), 255), "224.0.0.252", 1),
        (5355, 5355, header(2, 0x8000, 1, 1) + question(name(b"pc1"), 1)
         + rr(name(b"pc1"), 1, bytes([192, 168, 1, 9]), ttl=30)),
        (5355, 5355, header(3, 0x8700, 1, 1) + question(name(b"pc1"), 1)
         + rr(name(b"pc1"), 1, bytes([192, 168, 1, 9]), ttl=30)),
        # mDNS: SRV, NSEC with a bitmap, TXT with a NUL byte, NULL, an unknown type
        (5353, 5353, header(0, 0x8400, 0, 3, 0, 2)
         + rr(srv, 33, struct.pack("!HHH", 0, 0, 22) + host, rclass=0x8001)
         + rr(srv, 16, b"\x04ab\x00c\x03xyz", rclass=0x8001)
         + rr(srv, 10, b"\x01\x02\x03", rclass=0x8001)
         + rr(host, 47, host + b"\x00\x04\x40\x00\x00\x08", rclass=0x8001)
         + rr(host, 0xfff0, b"\xde\xad", rclass=0x8001)),
        # DNS: the root and a one-character name, whose label counts tshark takes from
        # the names as shown
        (40001, 53, header(5, 0x0100, 2) + question(b"\0", 2) + question(name(b"a"), 1)),
        # mDNS OPT: the payload size's top bit is the cache flush bit; an Owner option
        (5353, 5353, header(0, 0, 1, 0, 0, 1) + question(host, 1)
         + rr(b"\0", 41, struct.pack("!HH", 4, 6) + bytes(6), rclass=0x05a0, ttl=0x1194)),
        # DNS: a 243-byte name, an unknown type 0 record
        (40000, 53, header(4, 0x0100, 1, 0, 0, 1) + question(longname, 1)
         + rr(b"\0", 0, b"\x00\x01\x02", rclass=0, ttl=0)),
    ]
    frames = [frame(m[0], m[1], m[2], dst=m[3], ttl=m[4]) if len(m) > 3 else frame(*m) for m in msgs]
    write_pcap(path, [(1700000000, i, f) for i, f in enumerate(frames)])


main(sys.argv[1])
