#!/usr/bin/env python3
"""time-backwards.pcap: six ARP requests whose time stamps go back and forth (negative
relative and delta times for -t r|d|dd and -u hms: "- 0.500000s", "- 1m  9.750000s")."""
import struct
import sys

TIMES = [100.0, 99.5, 40.0, 200.0, 130.25, 5000.0]

def main(path):
    mac = bytes.fromhex('020000000001')
    arp = struct.pack('>HHBBH', 1, 0x0800, 6, 4, 1) + mac + bytes([10, 0, 0, 1]) + \
        b'\x00' * 6 + bytes([10, 0, 0, 2])
    frame = b'\xff' * 6 + mac + b'\x08\x06' + arp
    with open(path, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for t in TIMES:
            f.write(struct.pack('<IIII', int(t), int(round((t % 1) * 1e6)), len(frame), len(frame)))
            f.write(frame)

if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'time-backwards.pcap')
