#!/usr/bin/env python3
"""gen_dhcp_options.py — writes tests/data/dhcp-options.pcap: DHCP messages (RFC 2131/2132)
carrying the option kinds netlab-tui decodes, for tshark 4.0's labels: a parameter request
list of every code 1-254, hardware types and unicast/broadcast flags, pad runs, an infinite
lease, RFC 3442 classless static routes, client identifiers of types 0, 1 and 255 (DUID-LLT), an RFC 4702 FQDN, a 16-byte
chaddr, a subnet mask of the wrong length, an unassigned option and padding after End, a
little-endian secs field, a client identifier string with stray bytes after its NUL, a static
route of the wrong length, an unknown message type, a DUID-LL client identifier, and an
Offer cut by the capture after 128 bytes.

Run: python3 tests/data/gen_dhcp_options.py tests/data/dhcp-options.pcap
"""
import struct
import sys

from pcapgen import eth, ipv4, udp, write_pcap


def bootp(opts, op=1, htype=1, hlen=6, flags=0, ch=bytes.fromhex("020000000001") + bytes(10),
          secs=0):
    head = struct.pack(">BBBBIHH", op, htype, hlen, 0, 0x1234, secs, flags)
    return head + bytes(16) + ch + bytes(192) + bytes.fromhex("63825363") + opts


def opt(code, value):
    return bytes([code, len(value)]) + value


def frame(payload):
    return eth(ipv4("0.0.0.0", "255.255.255.255", 17, udp(68, 67, payload)))


def main():
    msgs = [
        bootp(opt(53, b"\x01") + opt(55, bytes(range(1, 128))) + opt(55, bytes(range(128, 255)))
              + b"\xff"),
        bootp(opt(53, b"\x03") + b"\xff", htype=6, flags=0x0001),
        bootp(opt(53, b"\x03") + b"\xff", htype=32, flags=0x8001),
        bootp(opt(53, b"\x05") + b"\x00\x00" + opt(51, b"\xff\xff\xff\xff")
              + opt(54, b"\x0a\x00\x00\x01") + opt(1, b"\xff\xff\xff\x00")
              + opt(3, b"\x0a\x00\x00\x01") + opt(6, b"\x08\x08\x08\x08\x08\x08\x04\x04")
              + opt(58, b"\x00\x00\x54\x60") + opt(59, b"\x00\x00\x93\xa8")
              + opt(252, b"\x0a")
              + opt(121, bytes([24, 192, 168, 1, 10, 0, 0, 1, 0, 10, 0, 0, 254,
                               32, 1, 2, 3, 4, 5, 6, 7, 8]))
              + b"\xff" + bytes(5)),
        bootp(opt(53, b"\x01") + opt(61, b"\x00abc")
              + opt(61, bytes.fromhex("ff000000010001002a2b2c2d02000000000001"))
              + opt(61, bytes.fromhex("01020000000001")) + opt(61, b"\x06\x01\x02\x03")
              + opt(12, b"host\x00") + opt(15, b"") + opt(2, b"\x00\x00\x0e\x10")
              + opt(19, b"\x01") + opt(23, b"\x40") + opt(13, b"\x00\x10") + opt(57, b"\x05\xdc")
              + opt(60, b"MSFT 5.0") + b"\xff", hlen=16, flags=0x8000, ch=bytes(range(16))),
        bootp(opt(53, b"\x03") + opt(81, b"\x05\xff\xff\x07example\x03com\x00")
              + opt(81, b"\x00\x00\x00host.") + opt(51, b"\x00\x00\x00\x00")
              + opt(51, b"\x00\x01\x51\x80") + opt(44, b"\x01\x02\x03\x04") + opt(46, b"\x08")
              + opt(66, b"tftp") + opt(67, b"boot.efi") + opt(43, b"\x00\x01")
              + opt(50, b"\xc0\xa8\x01\x02") + opt(33, b"\x0a\x00\x00\x01\x0a\x00\x00\x02")
              + opt(77, b"\x03abc\x02de") + opt(80, b"") + b"\xff",
              htype=6, hlen=4, ch=bytes(16)),
        bootp(opt(53, b"\x08") + opt(1, b"\xff\x00\x00") + opt(200, b"abc") + b"\x00\x00\xff\x00\x00"),
        bootp(opt(53, b"\x01") + opt(61, b"\x00a\x00b\x00") + opt(33, b"\x0a\x00\x00") + b"\xff",
              secs=0x1a00),
        bootp(opt(53, b"\x6a") + opt(61, bytes.fromhex("ff00000001000300010a0b0c0d0e0f")) + b"\xff",
              secs=0x1a01),
    ]
    write_pcap(sys.argv[1], [(1700000000 + i, 0, frame(m)) for i, m in enumerate(msgs)])
    # A last frame cut to 128 bytes by the capture: the options are not there.
    cut = frame(bootp(opt(53, b"\x02") + b"\xff", op=2))
    with open(sys.argv[1], "ab") as fh:
        fh.write(struct.pack("<IIII", 1700000000 + len(msgs), 0, 128, len(cut)))
        fh.write(cut[:128])


if __name__ == "__main__":
    main()
