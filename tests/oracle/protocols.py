#!/usr/bin/env python3
"""protocols.py: how many frames of each protocol netlab-tui shows exactly as tshark does.

For every capture of ../shared/corpus/real and ../shared/corpus/more, each frame's whole
summary line (`-n -r`) and whole detail tree (`-n -r -V`) is compared with tshark 4.0's,
and counted under the protocol tshark's Protocol column names (as tshark-diff --summary
and --detail do).  tshark's answers are kept as per-frame hashes in
tests/oracle/tshark-frames.txt.gz, so the check itself runs netlab-tui only.

  protocols.py --bin B check     exit 1 if any protocol has fewer identical frames than
                                 tests/oracle/protocols.txt records (the level reached)
  protocols.py --bin B update    rewrite protocols.txt and the README's table from this run
  protocols.py record            run tshark again (reusing tshark-diff's --cache) and
                                 rewrite tshark-frames.txt.gz (--cached-trees: -V hashes
                                 only where the cache has them; "-" frames count as not
                                 identical)
"""
import argparse
import concurrent.futures
import gzip
import hashlib
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
HASHES = os.path.join(HERE, "tshark-frames.txt.gz")
LEVELS = os.path.join(HERE, "protocols.txt")
README = os.path.join(TOP, "README.md")
CORPORA = ("real", "more")
README_MIN_FRAMES = 150         # protocols with fewer frames are in protocols.txt only


def captures(shared):
    out = []
    for corpus in CORPORA:
        root = os.path.join(shared, "corpus", corpus)
        for d, _, files in os.walk(root):
            for f in files:
                if re.search(r"\.(pcap|pcapng|cap)$", f):
                    out.append(os.path.relpath(os.path.join(d, f), os.path.join(shared, "corpus")))
    return sorted(out)


FAILED_RUNS = []  # netlab-tui runs that crashed, timed out or drew a sanitizer report


def cache_key(cache, cmd):
    """tshark-diff's --cache file for cmd."""
    st = os.stat(cmd[cmd.index("-r") + 1])
    return os.path.join(cache, hashlib.sha1(repr((cmd, st.st_size, st.st_mtime_ns)).encode()).hexdigest())


def run(cmd, timeout, cache=None):
    """stdout lines of cmd ([] when it fails); tshark's answers come from tshark-diff's cache."""
    key = cache_key(cache, cmd) if cache else None
    if key:
        if os.path.exists(key):
            with open(key, "rb") as fh:
                return fh.read().decode("utf-8", "replace").split("\n")
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except (subprocess.TimeoutExpired, OSError) as e:
        if not cache:
            FAILED_RUNS.append("%s: %s" % (" ".join(cmd), e))
        return []
    err = p.stderr.decode("utf-8", "replace")
    if not cache and (p.returncode not in (0, 2) or "Sanitizer" in err or "runtime error" in err):
        # netlab-tui's runs are the corpus's ASan/UBSan pass too (tests/malformed.sh leaves -V to us)
        line = next((l for l in err.split("\n") if "Sanitizer" in l or "runtime error" in l), "")
        FAILED_RUNS.append("%s: exit %d %s" % (" ".join(cmd), p.returncode, line))
    lines = p.stdout.decode("utf-8", "replace").split("\n")
    if key and p.returncode == 0:
        os.makedirs(cache, exist_ok=True)
        with open(key + ".tmp", "wb") as fh:
            fh.write("\n".join(lines).encode("utf-8"))
        os.replace(key + ".tmp", key)
    return lines


def summaries(lines):
    """{frame: summary line with runs of blanks made one}, as tshark-diff --summary."""
    out = {}
    for l in lines:
        t = l.split()
        if t and t[0].isdigit():
            out[int(t[0])] = " ".join(t)
    return out


def trees(lines, own):
    """{frame: -V tree lines}, split as tshark-diff --detail; own drops "[netlab: …]" subtrees."""
    out, cur = {}, []
    for l in lines + [""]:
        if l.startswith("Frame ") and cur:
            cur.append(l)
            continue
        if not l.strip():
            if cur:
                m = cur[0].split()
                if len(m) > 1 and m[0] == "Frame" and m[1].rstrip(":").isdigit():
                    out[int(m[1].rstrip(":"))] = [x.rstrip() for x in cur]
                cur = []
            continue
        cur.append(l)
    if own:
        for n, tree in out.items():
            kept, skip = [], None
            for l in tree:
                ind = len(l) - len(l.lstrip())
                if skip is not None and ind > skip:
                    continue
                skip = None
                if l.lstrip().startswith("[netlab"):
                    skip = ind
                    continue
                kept.append(l)
            out[n] = kept
    return out


def digest(text):
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:10]


def protocol_of(summary):
    t = summary.split(" ")
    return t[t.index("\u2192") + 2] if "\u2192" in t[:-2] else "?"


def frame_hashes(prog, path, timeout, own, cache=None, cached_trees=False):
    """[(frame, protocol, summary hash, tree hash)] of one capture; with cached_trees, the
    tree hash is "-" (not recorded) unless tshark's -V answer is already in the cache."""
    s = summaries(run([prog, "-n", "-r", path], timeout, cache))
    vcmd = [prog, "-n", "-r", path, "-V"]
    if cached_trees and not os.path.exists(cache_key(cache, vcmd)):
        return [(n, protocol_of(line), digest(line), "-") for n, line in sorted(s.items())]
    v = trees(run(vcmd, timeout, cache), own)
    return [(n, protocol_of(line), digest(line), digest("\n".join(v.get(n, ["(none)"]))))
            for n, line in sorted(s.items())]


def load_hashes():
    want, cap = {}, None
    with gzip.open(HASHES, "rt", encoding="utf-8") as fh:
        for l in fh:
            l = l.rstrip("\n")
            if l.startswith("@ "):
                cap = l[2:]
                want[cap] = []
            elif l and not l.startswith("#"):
                n, proto, sh, th = l.split("\t")
                want[cap].append((int(n), proto, sh, th))
    return want


def record(args):
    caps = captures(args.shared)
    rows = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        futs = {c: ex.submit(frame_hashes, args.tshark, os.path.join(args.shared, "corpus", c),
                             args.timeout, False, args.cache, args.cached_trees) for c in caps}
        for c in caps:
            rows[c] = futs[c].result()
    ver = subprocess.run([args.tshark, "--version"], capture_output=True).stdout.decode().split("\n")[0]
    with gzip.open(HASHES, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# %s: per frame of each capture of ../shared/corpus/{real,more}: number, Protocol\n"
                 "# column, hash of the -n -r line, hash of the -V tree (tests/oracle/protocols.py)\n" % ver)
        for c in caps:
            fh.write("@ %s\n" % c)
            for r in rows[c]:
                fh.write("%d\t%s\t%s\t%s\n" % r)
    print("recorded %d captures, %d frames" % (len(caps), sum(len(r) for r in rows.values())))


def measure(args):
    """{protocol: [frames, identical summaries, recorded trees, identical trees]} over every
    recorded capture."""
    want = load_hashes()
    per = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        futs = {c: ex.submit(frame_hashes, args.bin, os.path.join(args.shared, "corpus", c),
                             args.timeout, True) for c in want}
        for c, rows in want.items():
            got = {r[0]: r for r in futs[c].result()}
            for n, proto, sh, th in rows:
                g = got.get(n)
                p = per.setdefault(proto, [0, 0, 0, 0])
                p[0] += 1
                p[1] += bool(g and g[2] == sh)
                p[2] += th != "-"
                p[3] += bool(g and th != "-" and g[3] == th)
    return per


def pct(a, b):
    return "%.1f%%" % (100.0 * a / b) if b else "-"


def write_levels(per):
    with open(LEVELS, "w", encoding="utf-8") as fh:
        fh.write("# protocol\tframes\tidentical summary lines\t-V trees recorded\tidentical -V trees "
                 "(tests/oracle/protocols.py update; make check fails below these)\n")
        for proto, v in sorted(per.items(), key=lambda kv: (-kv[1][0], kv[0])):
            fh.write("%s\t%d\t%d\t%d\t%d\n" % (proto, *v))


def read_levels():
    levels = {}
    with open(LEVELS, encoding="utf-8") as fh:
        for l in fh:
            if l.startswith("#") or not l.strip():
                continue
            proto, *v = l.rstrip("\n").split("\t")
            levels[proto] = tuple(int(x) for x in v)
    return levels


README_BEGIN, README_END = "<!-- protocols.py: begin -->", "<!-- protocols.py: end -->"


def readme_table(per):
    """The README's table (markdown lines) for per {protocol: [frames, summary, trees]}."""
    total = [sum(v[i] for v in per.values()) for i in range(4)]
    rows = ["| protocol (tshark's column) | frames | identical summary lines | `-V` trees recorded "
            "| identical `-V` trees (of recorded) |",
            "|---|---:|---:|---:|---:|"]
    for proto, (n, s, r, t) in [("**all**", total)] + sorted(per.items(), key=lambda kv: (-kv[1][0], kv[0])):
        if n >= README_MIN_FRAMES:
            rows.append("| %s | %d | %s | %d | %s |" % (proto, n, pct(s, n), r, pct(t, r)))
    return rows


def readme_split():
    """README.md as (before the table, the table's lines, after it)."""
    with open(README, encoding="utf-8") as fh:
        text = fh.read()
    if README_BEGIN not in text or README_END not in text:
        sys.exit("protocols.py: README.md has no %s … %s markers" % (README_BEGIN, README_END))
    head, rest = text.split(README_BEGIN, 1)
    table, tail = rest.split(README_END, 1)
    return head, table.strip("\n").split("\n"), tail


def write_readme(per):
    head, _, tail = readme_split()
    with open(README, "w", encoding="utf-8") as fh:
        fh.write(head + README_BEGIN + "\n" + "\n".join(readme_table(per)) + "\n" + README_END + tail)


def check(per):
    levels = read_levels()
    worse = []
    for proto, (n, s, r, t) in sorted(levels.items()):
        got = per.get(proto, [0, 0, 0, 0])
        if got[0] != n or got[2] != r:
            worse.append("%s: %d frames (%d trees) recorded, %d (%d) now (re-run update after "
                         "changing the corpus or the hashes)" % (proto, n, r, got[0], got[2]))
        if got[1] < s:
            worse.append("%s: identical summary lines %d, was %d" % (proto, got[1], s))
        if got[3] < t:
            worse.append("%s: identical -V trees %d, was %d" % (proto, got[3], t))
    better = [p for p, v in per.items() if p in levels and (v[1] > levels[p][1] or v[3] > levels[p][3])]
    total = [sum(v[i] for v in per.values()) for i in range(4)]
    print("frames %d: summary lines %s identical; -V trees of %d recorded: %s identical"
          % (total[0], pct(total[1], total[0]), total[2], pct(total[3], total[2])))
    if better:
        print("improved (run `tests/oracle/protocols.py --bin BIN update`): " + ", ".join(sorted(better)))
    recorded = {p: list(v) for p, v in levels.items()}
    if readme_split()[1] != readme_table(recorded):
        worse.append("README.md's table is not protocols.txt's: run `tests/oracle/protocols.py --bin BIN update`")
    worse += ["RUN FAILED " + f for f in FAILED_RUNS]
    for w in worse:
        print("REGRESSION " + w)
    return 1 if worse else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=("check", "update", "record"))
    ap.add_argument("--bin", default="src/netlab-tui")
    ap.add_argument("--tshark", default="tshark")
    ap.add_argument("--shared", default=os.path.join(TOP, "..", "shared"))
    ap.add_argument("--cache", help="tshark-diff's --cache directory (record)")
    ap.add_argument("--cached-trees", action="store_true",
                    help="record: tree hashes only where tshark's -V answer is cached ('-' elsewhere)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=300)
    args = ap.parse_args()
    args.shared = os.path.realpath(args.shared)  # the paths tshark-diff's cache is keyed by
    if args.action == "record":
        record(args)
        return 0
    per = measure(args)
    if args.action == "update":
        write_levels(per)
        write_readme(per)
        return check(per)
    return check(per)


if __name__ == "__main__":
    sys.exit(main())
