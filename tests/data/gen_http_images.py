"""gen_http_images.py OUT — HTTP responses carrying PNG, GIF and JPEG bodies, one per frame
(each on its own client port), for the image dissectors: every PNG chunk type Wireshark
decodes (IHDR, tEXt, tIME, pHYs, bKGD in its three sizes, gAMA, cHRM, sRGB), unknown and
ancillary/private chunk types, a chunk longer than the body, a body cut inside a chunk
header, a body too short to be a PNG, an empty tEXt keyword, chunk types and tEXt
strings with a NUL, a Latin-1 keyword; GIFs with extensions (known and unknown), several
images, local and global colour maps, a pixel aspect ratio, an unknown block byte, a
truncated one, one too short to be a GIF, bytes after the trailer, an unknown version,
an extension cut before its label; JPEGs with APP0/COM/DQT/SOF/DHT/DRI/SOS segments,
every marker, stuffing, restart and fill bytes, a reserved marker, APP0 thumbnails (one
empty), JFXX and unknown identifiers, XMP, ICC and FlashPix APP1/APP2 segments, data
starting with ff 00, bodies that are not JFIF, segments cut or too short (no Exif: its
TIFF directories are not decoded yet), an image/jfif body, a body with "Exif" at byte 6
of a DQT segment, JPEGs sent as image/png and image/gif (tshark's heuristic finds them)."""
import struct
import sys
import zlib

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from pcapgen import PSH, ACK, tcp_frame, write_pcap  # noqa: E402

SIG = b"\x89PNG\r\n\x1a\n"


def chunk(typ, data, length=None):
    n = len(data) if length is None else length
    return struct.pack("!I", n) + typ + data + struct.pack("!I", zlib.crc32(typ + data))


IHDR = chunk(b"IHDR", struct.pack("!IIBBBBB", 16, 8, 8, 3, 0, 0, 1))
IEND = chunk(b"IEND", b"")
PNG_FULL = (SIG + IHDR
            + chunk(b"gAMA", struct.pack("!I", 45455))
            + chunk(b"cHRM", struct.pack("!8I", 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000))
            + chunk(b"sRGB", b"\x00")
            + chunk(b"PLTE", b"\x00\x00\x00\xff\xff\xff")
            + chunk(b"bKGD", b"\x01")
            + chunk(b"bKGD", b"\x00\x80")
            + chunk(b"bKGD", b"\x00\x10\x00\x20\x00\x30")
            + chunk(b"bKGD", b"\x00\x10\x00")
            + chunk(b"pHYs", struct.pack("!IIB", 2835, 2835, 1))
            + chunk(b"tIME", struct.pack("!HBBBBB", 2026, 12, 7, 17, 45, 9))
            + chunk(b"tEXt", b"Comment\x00hello\x01world")
            + chunk(b"tEXt", b"NoNul")
            + chunk(b"tEXt", b"\x00empty key")
            + chunk(b"abCd", b"private")
            + chunk(b"zz\x01z", b"")
            + chunk(b"IDAT", zlib.compress(b"\x00" * 40))
            + IEND)
PNG_CASES = [
    PNG_FULL,
    SIG + IHDR + chunk(b"IDAT", b"abc", length=100),             # chunk beyond the body
    SIG + IHDR + b"\x00\x00\x00",                                # cut in a chunk header
    SIG + b"\x00\x00\x00\x0dIHD",                                # under 20 bytes
    SIG + IHDR + chunk(b"IDAT", b"", length=0x80000001) + IEND,  # length > INT_MAX
    SIG + chunk(b"IHDR", b"\x00\x00\x00\x10\x00") + chunk(b"tIME", b"\x07") + IEND,  # short
    SIG + IHDR + chunk(b"IEND", b"") + b"trailing",
    SIG + chunk(b"cH\x00M", b"") + chunk(b"IHD\x00", b"")                  # types with a NUL
    + chunk(b"tEXt", b"Co\xffment\x00caf\xe9\x00hidden") + IEND,          # Latin-1, NUL
]

GCT = bytes(range(12))
GIF_FULL = (b"GIF89a" + struct.pack("<HHBBB", 10, 20, 0x91, 1, 0) + GCT
            + b"\x21\xf9\x04\x01\x0a\x00\x02\x00"                     # graphic control
            + b"\x21\xfe\x05hello\x03abc\x00"                         # comment, 2 blocks
            + b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"          # application
            + b"\x2c" + struct.pack("<HHHHB", 1, 2, 8, 9, 0) + b"\x02\x02\x4c\x01\x00"
            + b"\x2c" + struct.pack("<HHHHB", 0, 0, 4, 4, 0xc1) + bytes(12)
            + b"\x02\x03\x01\x02\x03\x00"
            + b"\x3b")
GIF_CASES = [
    GIF_FULL,
    b"GIF87a" + struct.pack("<HHBBB", 1, 1, 0, 0, 0) + b"\x2c" + struct.pack("<HHHHB", 0, 0, 1, 1, 0)
    + b"\x02\x02\x44\x01\x00\x3b",
    GIF_FULL[:40],                                                    # truncated
    b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0, 0, 0) + b"\x99\x3b",   # under 20 bytes
    b"GIF89a\x01\x00",                                                # short header
    b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0x80, 0, 49) + bytes(6)   # aspect, unknown
    + b"\x21\x01\x02ab\x00\x21\x33\x00\x99\x98\x3b" + b"after trailer",
    b"GIF88a" + bytes(20),                                            # not a version
    b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0, 0, 0) + b"\x99" * 6 + b"\x21",  # cut extension
]

JPEG_APP0 = b"\xff\xe0" + struct.pack("!H", 16) + b"JFIF\x00\x01\x02\x01\x00\x48\x00\x48\x00\x00"


def seg(marker, data):
    return bytes([0xff, marker]) + struct.pack("!H", len(data) + 2) + data


JPEG_FULL = (b"\xff\xd8" + JPEG_APP0 + seg(0xfe, b"hello") + seg(0xdb, b"\x00" + bytes(range(64)))
             + seg(0xc0, struct.pack("!BHHB", 8, 8, 16, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01")
             + seg(0xc4, b"\x00" + bytes(16) + b"\x00") + seg(0xdd, b"\x00\x00")
             + seg(0xda, b"\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00")
             + b"\x12\x34\xff\x00\x56\xff\xd0\x78"                      # stuffing, RST0
             + b"\xff\xd9")
JPEG_MARKERS = b"\xff\xd8" + JPEG_APP0
for m in list(range(0xc0, 0xd0)) + list(range(0xdb, 0xe0)) + list(range(0xe3, 0xfe)):
    JPEG_MARKERS += seg(m, struct.pack("!BHHB", 8, 1, 1, 0))
JPEG_MARKERS += b"\xff\x01\xff\xd5\xff\xd9after"                              # data after EOI
JPEG_CASES = [
    JPEG_FULL,
    JPEG_MARKERS,
    b"\xff\xd8\xff\xdb\x00\x43\x00\x01",                               # too short
    b"\xff\xd8" + seg(0xe1, b"Other\x00") + bytes(8),                    # APP1 not Exif
    b"\xff\xd8" + seg(0xe0, b"JFXX\x00\x10abc") + bytes(8),             # APP0 not JFIF
    b"\xff\xd8" + JPEG_APP0 + b"\xff\xd9",
    (b"\xff\xd8" + JPEG_APP0 + seg(0xe0, b"JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x01\x01abc")
     + seg(0xe0, b"JFXX\x00\x10abc") + seg(0xe0, b"Foo\x00xyz") + seg(0xe1, b"XMP\x00<x/>")
     + seg(0xe2, b"ICC_PROFILE\x00\x01\x01") + seg(0xe2, b"FPXR\x00\x00\x01")
     + seg(0xe1, b"noterm")),                                           # identifier without NUL
    (b"\xff\xd8" + JPEG_APP0 + seg(0xc2, struct.pack("!BHHB", 8, 4, 4, 1) + b"\x01\x11\x00")
     + seg(0xda, b"\x01\x01\x00\x00\x3f\x00") + b"\x01\xff\xff\x02\xff\xd9"),   # fill, reserved
    b"\xff\xd8" + JPEG_APP0 + b"\xff\xdb\x01\x00" + b"short",           # segment past the body
    b"\xff\xd8" + JPEG_APP0 + seg(0xda, b"\x05\x01"),                     # SOS cut
    b"\xff\xd8" + JPEG_APP0 + b"\xff\xdb\x00\x01",                       # length 1
    b"\xff\xd8" + JPEG_APP0 + seg(0xdd, b"") + b"\xff\xd9",                # length 2
    b"\xff\xd8" + JPEG_APP0 + b"\xff\xd8\xff",                            # marker cut
    b"\xff\xd8" + JPEG_APP0 + b"\xff\x00\x12\xff\xd9",                    # data from ff 00
    b"\xff\xd8" + seg(0xe0, b"JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x00\x05") + b"\xff\xd9" + bytes(6),
]                                                                     # empty thumbnail


def response(ctype, body):
    return (b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype + b"\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n" + body)


frames = []
bodies = ([(b"image/png", b) for b in PNG_CASES] + [(b"image/gif", b) for b in GIF_CASES]
          + [(b"image/jpeg", b) for b in JPEG_CASES] + [(b"image/jfif", JPEG_CASES[5])]
          + [(b"image/jpeg", b"\xff\xd8\xff\xdb\x00\x04ab" + b"Exif\x00" + bytes(10))]
          + [(b"image/png", JPEG_CASES[5]), (b"image/gif", JPEG_CASES[5])])
for i, (ctype, body) in enumerate(bodies):
    frames.append((1 + i, 0, tcp_frame(80, 41000 + i, 1, 1, PSH | ACK, response(ctype, body))))
write_pcap(sys.argv[1], frames)
