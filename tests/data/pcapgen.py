"""pcapgen.py — what the capture generators (tests/data/gen_*.py,
tests/diagram/gen_close_pcaps.py) share, standard library only: the Internet checksum,
IPv4/IPv6/TCP/UDP headers, Ethernet and BSD loopback framing, and a classic pcap
writer (microsecond timestamps, little-endian).  Not a generator itself."""
import struct

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
ETH, NULL = 1, 0                    # link types: DLT_EN10MB, DLT_NULL (BSD loopback)
LO = bytes([127, 0, 0, 1])
LO6 = bytes(15) + b"\1"             # ::1


def csum(data):
    """Internet checksum (RFC 1071) of data."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def addr(a):
    """An address as bytes: bytes as they are, "10.0.0.1" or "02:00:00:00:00:01" parsed."""
    if isinstance(a, bytes):
        return a
    if ":" in a:
        return bytes.fromhex(a.replace(":", ""))
    return bytes(int(x) for x in a.split("."))


def tcp(sport, dport, seq, ack, flags, payload=b"", win=512, opts=b""):
    """TCP header with a zero checksum, then payload; opts padded with NOPs."""
    while len(opts) % 4:
        opts += b"\x01"
    off = (20 + len(opts)) // 4
    return struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff,
                       off << 4, flags, win, 0, 0) + opts + payload


def udp(sport, dport, payload):
    """UDP header with a zero (absent) checksum, then payload."""
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def checksummed(src, dst, proto, seg, at):
    """seg with the checksum over the IPv4 or IPv6 (16-byte src) pseudo header and seg
    stored at offset at (16 for TCP, 6 for UDP); seg's checksum field must be zero."""
    if len(src) == 16:
        pseudo = src + dst + struct.pack("!IxxxB", len(seg), proto)
    else:
        pseudo = src + dst + struct.pack("!BBH", 0, proto, len(seg))
    return seg[:at] + struct.pack("!H", csum(pseudo + seg)) + seg[at + 2:]


def ipv4(src, dst, proto, payload, ident=0, ttl=64, df=True):
    """IPv4 header (20 bytes, header checksum set), then payload."""
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000 if df else 0,
                    ttl, proto, 0, addr(src), addr(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def ipv6(src, dst, nxt, payload, flow=0, hlim=64):
    """IPv6 header (traffic class 0), then payload."""
    return struct.pack("!IHBB16s16s", 0x60000000 | flow, len(payload), nxt, hlim,
                       addr(src), addr(dst)) + payload


def eth(payload, etype=0x0800, dst=bytes(6), src=bytes(6)):
    """Ethernet II frame; zero MACs by default, as on Linux lo."""
    return addr(dst) + addr(src) + struct.pack("!H", etype) + payload


def tcp_frame(sport, dport, seq, ack, flags, payload=b"", win=512, opts=b"",
              src=LO, dst=LO, ident=0, flow=0, link=ETH):
    """A whole TCP segment with valid checksums: IPv6 when src is 16 bytes, else IPv4
    (DF, TTL 64, ID ident), in Ethernet with zero MACs or (link NULL) BSD loopback."""
    seg = checksummed(src, dst, 6, tcp(sport, dport, seq, ack, flags, payload, win, opts), 16)
    if len(src) == 16:
        ip, etype, family = ipv6(src, dst, 6, seg, flow), 0x86dd, 30
    else:
        ip, etype, family = ipv4(src, dst, 6, seg, ident), 0x0800, 2
    if link == ETH:
        return eth(ip, etype)
    return struct.pack("<I", family) + ip


def write_pcap(path, packets, link=ETH, snaplen=262144):
    """Writes a pcap file; packets are (seconds, microseconds, frame) triples."""
    with open(path, "wb") as fh:
        fh.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, snaplen, link))
        for sec, usec, f in packets:
            fh.write(struct.pack("<IIII", sec, usec, len(f), len(f)))
            fh.write(f)
