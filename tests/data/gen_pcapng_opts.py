"""gen_pcapng_opts.py OUT — a pcapng file of two sections (little- then big-endian)
whose interfaces have a name, only a description, neither, or a Windows device name,
at nanosecond and microsecond resolution, and whose EPBs carry the packet options
tshark shows in the Frame tree: comments, flags (direction, reception type, a CRC
error), drop count, packet id and queue."""
import struct
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from pcapgen import SYN, ACK, tcp_frame  # noqa: E402


class Section:
    def __init__(self, big):
        self.e = ">" if big else "<"
        self.out = b""

    def block(self, btype, body):
        body += bytes(-len(body) % 4)
        tl = len(body) + 12
        self.out += struct.pack(self.e + "II", btype, tl) + body + struct.pack(self.e + "I", tl)

    def opt(self, code, value):
        return struct.pack(self.e + "HH", code, len(value)) + value + bytes(-len(value) % 4)

    def shb(self):
        self.block(0x0A0D0D0A, struct.pack(self.e + "IHHq", 0x1A2B3C4D, 1, 0, -1))

    def idb(self, name=None, descr=None, nsec=False):
        opts = b""
        if name is not None:
            opts += self.opt(2, name.encode())
        if descr is not None:
            opts += self.opt(3, descr.encode())
        if nsec:
            opts += self.opt(9, b"\x09")
        if opts:
            opts += struct.pack(self.e + "I", 0)
        self.block(1, struct.pack(self.e + "HHI", 1, 0, 262144) + opts)

    def epb(self, ifid, ts, frame, comments=(), flags=None, drops=None, pid=None, queue=None):
        opts = b"".join(self.opt(1, c.encode()) for c in comments)
        if flags is not None:
            opts += self.opt(2, struct.pack(self.e + "I", flags))
        if drops is not None:
            opts += self.opt(4, struct.pack(self.e + "Q", drops))
        if pid is not None:
            opts += self.opt(5, struct.pack(self.e + "Q", pid))
        if queue is not None:
            opts += self.opt(6, struct.pack(self.e + "I", queue))
        if opts:
            opts += struct.pack(self.e + "I", 0)
        body = struct.pack(self.e + "IIIII", ifid, ts >> 32, ts & 0xffffffff, len(frame),
                           len(frame)) + frame + bytes(-len(frame) % 4)
        self.block(6, body + opts)


def main(path):
    syn = tcp_frame(40000, 80, 1000, 0, SYN)
    synack = tcp_frame(80, 40000, 5000, 1001, SYN | ACK)
    le = Section(False)
    le.shb()
    le.idb(name="en0", descr="Wi-Fi", nsec=True)
    le.idb(descr="Ethernet 6")
    le.idb()
    le.idb(name="\\Device\\NPF_{2942B9BC-5634-4D24-8E29-6B93FC280A61}")
    t = 1700000000
    le.epb(0, t * 10**9 + 123456789, syn, comments=("first comment", "second"), flags=1,
           drops=3, pid=42, queue=2)
    le.epb(1, t * 10**6 + 500000, synack, flags=2 | 1 << 2 | 1 << 24)
    le.epb(2, t * 10**6 + 600000, syn, flags=0)
    le.epb(3, t * 10**6 + 700001, synack)
    be = Section(True)
    be.shb()
    be.idb(name="lo")
    be.epb(0, t * 10**6 + 800000, syn, comments=("big-endian",), flags=2)
    with open(path, "wb") as fh:
        fh.write(le.out + be.out)


main(sys.argv[1])
