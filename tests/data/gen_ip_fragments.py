"""gen_ip_fragments.py OUT — the IP lab's big ping: an ICMP echo request and reply of
3000 data bytes, each cut into three IPv4 fragments at a 1500-byte MTU; the reply's
fragments arrive out of order (last first).  Then a UDP datagram whose middle
fragment is lost (never reassembled) and an IPv6 UDP datagram in two fragments."""
import ipaddress
import struct
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from pcapgen import addr, csum, eth, ipv6, checksummed, udp, write_pcap  # noqa: E402

A, B = "192.168.1.10", "192.168.1.1"


def icmp_echo(typ, ident, seq, data):
    h = struct.pack("!BBHHH", typ, 0, 0, ident, seq) + data
    return h[:2] + struct.pack("!H", csum(h)) + h[4:]


def fragments(src, dst, proto, payload, ident, mtu=1500):
    """IPv4 fragments of payload (data per fragment: a multiple of 8)."""
    step = (mtu - 20) // 8 * 8
    out = []
    for off in range(0, len(payload), step):
        part = payload[off:off + step]
        more = off + step < len(payload)
        h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(part), ident,
                        (0x2000 if more else 0) | off // 8, 64, proto, 0, addr(src), addr(dst))
        h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
        out.append(eth(h + part, dst="02:00:00:00:00:02", src="02:00:00:00:00:01"))
    return out


def v6_fragments(src, dst, payload, ident, step=1232):
    out = []
    for off in range(0, len(payload), step):
        part = payload[off:off + step]
        more = off + step < len(payload)
        fh = struct.pack("!BBHI", 17, 0, off | (1 if more else 0), ident)
        out.append(eth(ipv6(src, dst, 44, fh + part), etype=0x86dd))
    return out


def main(path):
    data = bytes((i * 7) & 0xff for i in range(3000))
    req = fragments(A, B, 1, icmp_echo(8, 0x1234, 1, data), 0x0101)
    rep = fragments(B, A, 1, icmp_echo(0, 0x1234, 1, data), 0x0202)
    lost = fragments(A, B, 17, checksummed(addr(A), addr(B), 17, udp(5000, 6000, bytes(4000)), 6),
                     0x0303)
    s6, d6 = (ipaddress.IPv6Address(a).packed for a in ("2001:db8::1", "2001:db8::2"))
    v6 = v6_fragments(s6, d6, checksummed(s6, d6, 17, udp(5001, 6001, b"x" * 2000), 6), 0xabcd)
    frames = req + rep[::-1] + [lost[0], lost[2]] + v6
    write_pcap(path, [(1700000000, 1000 * i, f) for i, f in enumerate(frames)])


main(sys.argv[1])
