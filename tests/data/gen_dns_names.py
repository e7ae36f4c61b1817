"""gen_dns_names.py OUT — mDNS messages whose names hold UTF-8 (a Mac's "Luca’s iMac"),
an invalid UTF-8 byte and a control byte, as Wireshark escapes them per label."""
import struct
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from pcapgen import checksummed, eth, ipv4, udp, write_pcap  # noqa: E402


def name(*labels):
    return b"".join(bytes([len(x)]) + x for x in labels) + b"\0"


def main(path):
    mac = "Luca’s iMac".encode()
    q = struct.pack("!6H", 0, 0, 1, 0, 0, 0) + name(b"_odisk", b"_tcp", b"local") + struct.pack("!HH", 12, 1)
    r = struct.pack("!6H", 0, 0x8400, 0, 2, 0, 0)
    r += name(b"_odisk", b"_tcp", b"local") + struct.pack("!HHIH", 12, 1, 4500, len(name(mac, b"_odisk", b"_tcp", b"local")))
    r += name(mac, b"_odisk", b"_tcp", b"local")
    bad = name(b"a\xffb\x01c", b"local")
    r += bad + struct.pack("!HHIH", 1, 0x8001, 120, 4) + bytes([192, 168, 1, 7])
    frames = []
    for payload in (q, r):
        seg = checksummed(bytes([192, 168, 1, 7]), bytes([224, 0, 0, 251]), 17, udp(5353, 5353, payload), 6)
        frames.append(eth(ipv4("192.168.1.7", "224.0.0.251", 17, seg, ttl=255, df=False),
                          dst="01:00:5e:00:00:fb", src="02:00:00:00:00:07"))
    write_pcap(path, [(1700000000, i, f) for i, f in enumerate(frames)])


main(sys.argv[1])
