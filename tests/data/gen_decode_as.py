#!/usr/bin/env python3
"""decode-as.pcap: the lab capture (lab-v1.pcap) with its server on port 9999, a port
nothing is registered on, so only -d tcp.port==9999,http shows its HTTP; and one DNS
query and answer over UDP port 5300 (-d udp.port==5300,dns)."""
import struct
import sys

def main(src, dst):
    data = open(src, 'rb').read()
    out = bytearray(data[:24])
    off = 24
    last_ts = (0, 0)
    while off + 16 <= len(data):
        ts_s, ts_us, incl, orig = struct.unpack_from('<IIII', data, off)
        pkt = bytearray(data[off + 16:off + 16 + incl])
        off += 16 + incl
        if len(pkt) >= 38 and pkt[12:14] == b'\x08\x00' and pkt[23] == 6:
            ihl = (pkt[14] & 15) * 4
            t = 14 + ihl
            for p in (t, t + 2):
                if struct.unpack_from('>H', pkt, p)[0] == 8080:
                    struct.pack_into('>H', pkt, p, 9999)
        out += struct.pack('<IIII', ts_s, ts_us, len(pkt), orig) + pkt
        last_ts = (ts_s, ts_us)
    query = bytes.fromhex('abcd01000001000000000000') + b'\x07example\x03com\x00' + struct.pack('>HH', 1, 1)
    answer = bytes.fromhex('abcd81800001000100000000') + b'\x07example\x03com\x00' + \
        struct.pack('>HH', 1, 1) + b'\xc0\x0c' + struct.pack('>HHIH', 1, 1, 300, 4) + bytes([93, 184, 216, 34])
    for i, (sp, dp, msg) in enumerate(((40000, 5300, query), (5300, 40000, answer))):
        udp = struct.pack('>HHHH', sp, dp, 8 + len(msg), 0) + msg
        ip = struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1 + i, 0, 64, 17, 0,
                         bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1]))
        frame = b'\x00' * 12 + b'\x08\x00' + ip + udp
        out += struct.pack('<IIII', last_ts[0] + 1, i, len(frame), len(frame)) + frame
    open(dst, 'wb').write(out)

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
