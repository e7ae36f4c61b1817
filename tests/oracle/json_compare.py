#!/usr/bin/env python3
"""json_compare.py — compare netlab-tui's -T json with tshark's, as parsed data.

    json_compare.py [-v] [--min-frames PCT] TSHARK.json OURS.json

-T ek output (an index line and a document line per packet) is read too.

Both files are parsed with object_pairs_hook so that the duplicate keys tshark writes
(ip.addr twice) stay: an object is its list of (key, value) pairs, in order.  Frames are
compared layer by layer, only for the protocols in LAYERS (the ones netlab-tui
dissects, and their -x "_raw" entries); a layer either side lacks is not compared.  Keys in IGNORE are dropped
first: hidden fields netlab-tui does not have (name resolution, OUI database).

Prints one line per capture: frames, frames whose compared layers are all equal,
layers compared and equal; -v lists each differing layer with the first difference.
Exit 1 when a compared layer differs (or fewer than PCT % of frames are identical
with --min-frames), 0 otherwise.
"""
import json
import re
import sys

LAYERS = {
    "frame", "eth", "sll", "null", "ip", "ipv6", "tcp", "udp", "icmp", "icmpv6", "arp",
    "dns", "http", "data", "vlan", "igmp", "ntp", "dhcp", "ssh", "tls",
}

# Hidden fields tshark fills from its name-resolution and manufacturer databases.
# In -T ek the same names are "proto_" + the name with underscores for dots.
# -x's entries are the same names + "_raw".
IGNORE = re.compile(r"^((eth_)?eth[._](dst|src|addr)(_resolved|[._]oui(_resolved)?)|"
                    r"((ip|ipv6)_)?(ip|ipv6)[._](src_|dst_)?host|"
                    r"(ipv6_)?ipv6[._](src|dst)_(sa_mac|isatap_ipv4))(_raw)?$")


def pairs(items):
    return [(k, v) for k, v in items if not IGNORE.match(k)]


def load(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    if text.startswith('{"index"'):
        lines = text.splitlines()
        return [json.loads(line, object_pairs_hook=pairs) for line in lines[1::2]]
    return json.loads(text, object_pairs_hook=pairs) if text.strip() else []


def layers(pkt):
    d = dict(pkt)
    if "_source" in d:
        return dict(d["_source"])["layers"]
    return d["layers"]


def first_diff(a, b, path=""):
    """The path and the two sides where a and b first differ."""
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                if isinstance(x, tuple) and isinstance(y, tuple) and x[0] == y[0]:
                    return first_diff(x[1], y[1], path + "/" + x[0])
                return path + "[%d]" % i, x, y
        return path + "[len]", len(a), len(b)
    return path, a, b


def main(argv):
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    min_frames = None
    if len(argv) > 1 and argv[1] == "--min-frames":
        min_frames = float(argv[2])
        argv = argv[:1] + argv[3:]
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    theirs, ours = load(argv[1]), load(argv[2])
    bad = 0
    if len(theirs) != len(ours):
        print("frame count differs: tshark %d, netlab-tui %d" % (len(theirs), len(ours)))
        bad = 1
    same_frames = compared = same_layers = 0
    for num, (t, o) in enumerate(zip(theirs, ours), 1):
        if [p for p in t if p[0] not in ("_source", "layers")] != \
                [p for p in o if p[0] not in ("_source", "layers")]:
            print("frame %d: header differs" % num)
            bad = 1
        tl, ol = layers(t), layers(o)
        od = {}
        for k, v in ol:
            od.setdefault(k, []).append(v)
        seen = {}
        frame_ok = True
        for k, v in tl:
            if (k[:-4] if k.endswith("_raw") else k) not in LAYERS or k not in od:
                continue
            i = seen.get(k, 0)
            seen[k] = i + 1
            if i >= len(od[k]):
                continue
            compared += 1
            if v == od[k][i]:
                same_layers += 1
                continue
            frame_ok = False
            bad = 1
            if verbose:
                path, x, y = first_diff(v, od[k][i], k)
                print("frame %d %s:\n  tshark:     %.300r\n  netlab-tui: %.300r" % (num, path, x, y))
        same_frames += frame_ok
    n = min(len(theirs), len(ours))
    print("%s: %d/%d frames identical, %d/%d layers identical" %
          (argv[2], same_frames, n, same_layers, compared))
    if min_frames is not None:
        return 1 if n and 100.0 * same_frames / n < min_frames else 0
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv))
