#!/usr/bin/env python3
"""corpus_seeds.py NAME OUTDIR DIR... — turns the capture files under DIR... into seed
inputs for fuzz harness NAME (tests/fuzz/fuzz_NAME.c) and writes them to OUTDIR:

  capfile    the capture files themselves (at most 256 KiB each)
  dissect    the first 3 frames of each file of a link type the harness knows: 4
             bytes choosing it, then the frame (frames over 4 KiB and repeats skipped)
  http       TCP streams with port 80, 8000 or 8080 at one end, in the harness's
  websocket  segment format (a byte: bit 7 direction, bits 0-5 length - 1), cut to
             4 KiB, at most 600 (each costs some 40 ms under ASan); websocket takes the server's bytes after "101 Switching Protocols"
             and the client's after the upgrade request
  httpreq    the client's first 4 KiB of each HTTP stream
  dfilter    none (the harness reads filter text)

Reads pcap (both byte orders, micro/nano) and pcapng (SHB/IDB/EPB/SPB/OPB), skips
anything it cannot parse.  At most MAX seeds (default 4000) per harness; prints how
many it wrote.  Python standard library only.
"""
import hashlib
import os
import struct
import sys

MAX = int(os.environ.get("SEEDS_MAX", "4000"))
# fuzz_dissect.c `links`, index = the seed's first byte
LINKS = [1, 0, 108, 113, 276, 101, 228, 229, 12, 14, 147, 10, 253]
HTTP_PORTS = {80, 8000, 8080}


def frames(path):
    """Yields (linktype, bytes) of each packet of a pcap or pcapng file."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return
    if len(data) < 24:
        return
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = "<" if magic[0] in (0xd4, 0x4d) else ">"
        lt = struct.unpack(e + "I", data[20:24])[0] & 0x03ffffff
        off = 24
        while off + 16 <= len(data):
            cap = struct.unpack(e + "I", data[off + 8:off + 12])[0]
            off += 16
            if cap > len(data) - off:
                return
            yield lt, data[off:off + cap]
            off += cap
    elif magic == b"\x0a\x0d\x0d\x0a":
        off, e, ifs = 0, "<", []
        while off + 12 <= len(data):
            btype = struct.unpack(e + "I", data[off:off + 4])[0]
            if btype == 0x0a0d0d0a:
                e = "<" if data[off + 8:off + 12] == b"\x4d\x3c\x2b\x1a" else ">"
                ifs = []
            blen = struct.unpack(e + "I", data[off + 4:off + 8])[0]
            if blen < 12 or off + blen > len(data):
                return
            body = data[off + 8:off + blen - 4]
            if btype == 1 and len(body) >= 2:
                ifs.append(struct.unpack(e + "H", body[:2])[0])
            elif btype in (6, 2) and len(body) >= 20:
                ifid = struct.unpack(e + "I", body[:4])[0] if btype == 6 else \
                    struct.unpack(e + "H", body[:2])[0]
                cap = struct.unpack(e + "I", body[12:16])[0]
                if ifid < len(ifs) and cap <= len(body) - 20:
                    yield ifs[ifid], body[20:20 + cap]
            elif btype == 3 and len(body) >= 4 and ifs:
                yield ifs[0], body[4:]
            off += blen


def tcp_segment(lt, f):
    """(src, sport, dst, dport, seq, flags, payload) of an Ethernet/SLL/raw IP TCP frame."""
    if lt == 1:
        et, off = f[12:14], 14
        while et in (b"\x81\x00", b"\x88\xa8") and len(f) >= off + 4:
            et, off = f[off + 2:off + 4], off + 4
    elif lt == 113:
        et, off = f[14:16], 16
    elif lt in (101, 228, 229, 12, 14):
        et, off = (b"\x08\x00" if f[:1] and f[0] >> 4 == 4 else b"\x86\xdd"), 0
    else:
        return None
    if et == b"\x08\x00" and len(f) >= off + 20 and f[off + 9] == 6:
        ihl = (f[off] & 15) * 4
        tot = struct.unpack("!H", f[off + 2:off + 4])[0]
        src, dst, ip_end = f[off + 12:off + 16], f[off + 16:off + 20], off + max(tot, ihl)
        t = off + ihl
    elif et == b"\x86\xdd" and len(f) >= off + 40 and f[off + 6] == 6:
        plen = struct.unpack("!H", f[off + 4:off + 6])[0]
        src, dst, ip_end = f[off + 8:off + 24], f[off + 24:off + 40], off + 40 + plen
        t = off + 40
    else:
        return None
    if len(f) < t + 20:
        return None
    sport, dport, seq = struct.unpack("!HHI", f[t:t + 8])
    doff = (f[t + 12] >> 4) * 4
    return src, sport, dst, dport, seq, f[t + 13], f[t + doff:min(ip_end, len(f))]


def streams(paths):
    """Per TCP stream to/from an HTTP port: list of (direction, payload), in order."""
    for path in paths:
        conv = {}
        for lt, f in frames(path):
            s = tcp_segment(lt, f)
            if not s or not s[6]:
                continue
            src, sport, dst, dport, seq, flags, pl = s
            if dport in HTTP_PORTS:
                key, d = (src, sport, dst, dport), 0
            elif sport in HTTP_PORTS:
                key, d = (dst, dport, src, sport), 1
            else:
                continue
            st = conv.setdefault(key, {"segs": [], "next": [None, None]})
            if st["next"][d] is not None and seq != st["next"][d]:
                continue        # retransmission or gap: keep the stream in order
            st["next"][d] = (seq + len(pl)) & 0xffffffff
            st["segs"].append((d, pl))
        for st in conv.values():
            yield st["segs"]


def encode(segs, limit=4096):
    out = bytearray()
    for d, pl in segs:
        for k in range(0, len(pl), 64):
            piece = pl[k:k + 64]
            out.append((d << 7) | (len(piece) - 1))
            out += piece
            if len(out) >= limit:
                return bytes(out)
    return bytes(out)


def ws_part(segs):
    up, out = [False, False], []
    for d, pl in segs:
        if up[d]:
            out.append((d, pl))
            continue
        mark = b"\r\n\r\n"
        i = pl.find(mark)
        if (d == 0 and b"pgrade: websocket" in pl or d == 1 and b" 101 " in pl) and i >= 0:
            up[d] = True
            if pl[i + 4:]:
                out.append((d, pl[i + 4:]))
    return out


def main():
    name, outdir, dirs = sys.argv[1], sys.argv[2], sys.argv[3:]
    paths = []
    for top in dirs:
        for root, _, files in os.walk(top):
            paths += [os.path.join(root, n) for n in sorted(files)
                      if n.endswith((".pcap", ".pcapng", ".cap"))]
    paths.sort()
    os.makedirs(outdir, exist_ok=True)
    seen, n = set(), 0
    most = min(MAX, 600) if name in ("http", "websocket") else MAX

    def put(blob):
        nonlocal n
        h = hashlib.sha1(blob).hexdigest()
        if n >= most or h in seen or not blob:
            return
        seen.add(h)
        with open(os.path.join(outdir, "c-" + h[:16]), "wb") as fh:
            fh.write(blob)
        n += 1

    if name == "capfile":
        for p in paths:
            if os.path.getsize(p) <= 262144:
                with open(p, "rb") as fh:
                    put(fh.read())
    elif name == "dissect":
        for p in paths:
            k = 0
            for lt, f in frames(p):
                if lt in LINKS and len(f) <= 4096 and k < 3:
                    put(struct.pack("<I", LINKS.index(lt)) + f)
                    k += 1
    elif name in ("http", "httpreq", "websocket"):
        for segs in streams(paths):
            if name == "http":
                put(encode(segs))
            elif name == "websocket":
                put(encode(ws_part(segs)))
            else:
                put(b"".join(pl for d, pl in segs if d == 0)[:4096])
    print("%s: %d seeds from %d capture files" % (name, n, len(paths)))


if __name__ == "__main__":
    main()
