#!/usr/bin/env python3
"""oracle.py: netlab-tui's -T fields cells and display-filter frame sets against tshark 4.0's.

tshark's answers are recorded once in tests/oracle/tshark-oracle.json.xz (`record`), so
make check runs netlab-tui only: re-running tshark for every field set and every filter
took a quarter of CI's time.  The comparison is tshark-diff's (../shared/tools/tshark-diff
--set/--rows and --filters), whose field sets it uses.

  oracle.py --bin B fields    every field set of tests/oracle/fields.txt over
                              ../shared/corpus/real: exit 1 when fewer cells than its
                              threshold match (rows: those tshark's display filter selects)
  oracle.py --bin B filters   every filter of filters.txt and filters-tcp.txt on the captures
                              below must select exactly tshark's frames
  oracle.py record            run tshark and rewrite tshark-oracle.json.xz (after a corpus,
                              capture, filter list or field set changes)
"""
import argparse
import concurrent.futures
import hashlib
import importlib.machinery
import importlib.util
import json
import lzma
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
RECORD = os.path.join(HERE, "tshark-oracle.json.xz")
SETS_FILE = os.path.join(HERE, "fields.txt")
FILTER_LISTS = ("filters.txt", "filters-tcp.txt")
FILTER_CAPTURES = ("real/zeek/web.pcap", "real/zeek/arp-leak.pcap", "real/tcpdump/dns_udp.pcap",
                   "real/tcpdump/dnssec.pcap", "real/tcpdump/icmpv6.pcap", "real/zeek/q-in-q.pcap",
                   "real/zeek/icmp/icmp-ping.pcap", "real/zeek/icmp/icmp6-nd-options.pcap",
                   "real/ndpi/http_ipv6.pcap", "tests/data/dfilter.pcap")
SHOW = 2        # mismatching cells shown per capture


def tshark_diff(shared):
    """../shared/tools/tshark-diff as a module (its field sets and command lines)."""
    path = os.path.join(shared, "tools", "tshark-diff")
    loader = importlib.machinery.SourceFileLoader("tshark_diff", path)
    spec = importlib.util.spec_from_loader("tshark_diff", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def read_sets():
    """[(set, threshold, rows filter or None)] of fields.txt."""
    out = []
    with open(SETS_FILE, encoding="utf-8") as fh:
        for l in fh:
            if l.startswith("#") or not l.strip():
                continue
            name, threshold, rows = l.rstrip("\n").split("\t")
            out.append((name, float(threshold), None if rows == "-" else rows))
    return out


def union_fields(td, sets):
    """frame.number first, then every field of the sets, each once."""
    out = ["frame.number"]
    for name, _, _ in sets:
        out += [f for f in td.SETS[name].split() if f not in out]
    return out


def path_of(shared, cap):
    return os.path.join(TOP, cap) if cap.startswith("tests/") else os.path.join(shared, "corpus", cap)


def corpus_captures(shared):
    out = []
    root = os.path.join(shared, "corpus")
    for d, _, files in os.walk(os.path.join(root, "real")):
        out += [os.path.relpath(os.path.join(d, f), root) for f in files
                if f.endswith((".pcap", ".pcapng"))]
    return sorted(out)


def identity(path):
    """What the record is for: the capture's size and content hash."""
    with open(path, "rb") as fh:
        return "%d:%s" % (os.path.getsize(path), hashlib.sha1(fh.read()).hexdigest()[:12])


def run(cmd, timeout):
    """stdout lines of cmd, or None when it fails (as tshark-diff's run)."""
    out, err = TD.run_uncached(cmd, timeout)
    if err:
        return None
    return out[:-1] if out and out[-1] == "" else out


def frames(prog, path, dfilter, timeout):
    out = run([prog, "-n", "-r", path, "-Y", dfilter, "-T", "fields", "-e", "frame.number"], timeout)
    return None if out is None else [l for l in out if l.strip()]


def digest(lines):
    return "%d:%s" % (len(lines), hashlib.sha1("\n".join(lines).encode()).hexdigest()[:12])


def filters():
    out = []
    for name in FILTER_LISTS:
        with open(os.path.join(HERE, name), encoding="utf-8") as fh:
            out += [l.strip() for l in fh if l.strip() and not l.startswith("#")]
    return out


def pool(args):
    return concurrent.futures.ThreadPoolExecutor(args.jobs)


def record(args):
    sets = read_sets()
    fields = union_fields(TD, sets)
    caps = corpus_captures(args.shared)
    rec = {"tshark": subprocess.run([args.tshark, "--version"], capture_output=True)
           .stdout.decode().split("\n")[0], "fields": fields, "captures": {}, "rows": {},
           "filters": {}}

    def one(cap):
        path = path_of(args.shared, cap)
        lines = run(TD.fields_cmd(args.tshark, path, fields, None), args.timeout)
        rows = {r: frames(args.tshark, path, r, args.timeout) for _, _, r in sets if r}
        return identity(path), lines, rows

    with pool(args) as ex:
        for cap, (ident, lines, rows) in zip(caps, ex.map(one, caps)):
            rec["captures"][cap] = {"id": ident, "lines": lines}
            for r, got in rows.items():
                rec["rows"].setdefault(r, {})[cap] = got

    def one_filter(job):
        cap, flt = job
        got = frames(args.tshark, path_of(args.shared, cap), flt, args.timeout)
        return None if got is None else digest(got)

    jobs = [(c, f) for c in FILTER_CAPTURES for f in filters()]
    with pool(args) as ex:
        for (cap, flt), d in zip(jobs, ex.map(one_filter, jobs)):
            entry = rec["filters"].setdefault(cap, {"id": identity(path_of(args.shared, cap)),
                                                     "want": {}})
            entry["want"][flt] = d
    with lzma.open(RECORD, "wt", encoding="utf-8", preset=9) as fh:
        json.dump(rec, fh, separators=(",", ":"))
    print("recorded %d captures, %d filter runs (%s)" % (len(caps), len(jobs), rec["tshark"]))
    return 0


def load():
    with lzma.open(RECORD, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def stale(args, rec_id, cap):
    """A message when the capture is not the one recorded."""
    path = path_of(args.shared, cap)
    if not os.path.exists(path):
        return "%s: missing" % cap
    if identity(path) != rec_id:
        return "%s: not the capture recorded (run `tests/oracle/oracle.py record`)" % cap
    return None


def check_fields(args):
    rec = load()
    fields = rec["fields"]
    sets = read_sets()
    if union_fields(TD, sets) != fields:
        print("the field sets are not the ones recorded (run `tests/oracle/oracle.py record`)")
        return 1
    caps = corpus_captures(args.shared)
    problems = [p for p in (stale(args, rec["captures"].get(c, {}).get("id"), c) for c in caps) if p]
    problems += ["%s: recorded, not in the corpus" % c for c in rec["captures"] if c not in caps]
    col = {f: i for i, f in enumerate(fields)}

    def ours(cap):
        return run(TD.fields_cmd(args.bin, path_of(args.shared, cap), fields, None), args.timeout)

    with pool(args) as ex:
        got = dict(zip(caps, ex.map(ours, caps)))
    status = 0
    for name, threshold, rows in sets:
        idx = [col[f] for f in TD.SETS[name].split()]
        matched = total = 0
        per_field, shown = {}, []
        for cap in caps:
            want = rec["captures"][cap]["lines"]
            if want is None:        # tshark failed on it: tshark-diff skips it too
                continue
            keep = set(rec["rows"][rows][cap] or []) if rows else None
            mine = got[cap]
            if mine is None:
                shown.append("  %s: netlab-tui failed" % cap)
                mine = []
            n = 0
            for i, wline in enumerate(want):
                wcells = wline.split("\t")
                if keep is not None and wcells[0] not in keep:
                    continue
                gcells = mine[i].split("\t") if i < len(mine) else []
                for j in idx:
                    w = wcells[j] if j < len(wcells) else ""
                    g = gcells[j] if j < len(gcells) else None
                    total += 1
                    if g == w:
                        matched += 1
                        continue
                    per_field[fields[j]] = per_field.get(fields[j], 0) + 1
                    if n < SHOW:
                        shown.append("  %s row %d %s: tshark %r, netlab-tui %r" % (cap, i + 1, fields[j], w, g))
                        n += 1
        pct = 100.0 * matched / total if total else 0.0
        ok = total and pct >= threshold
        print("set %s%s: cells: %d/%d match (%.2f%%), threshold %s%%: %s"
              % (name, " (rows: %s)" % rows if rows else "", matched, total, pct, threshold,
                 "ok" if ok else "FAIL"))
        if not ok:
            status = 1
            print("  mismatching cells per field: " + ", ".join(
                "%s=%d" % kv for kv in sorted(per_field.items(), key=lambda kv: -kv[1])[:15]))
            print("\n".join(shown[:40]))
    for p in problems:
        print("STALE RECORD " + p)
    return 1 if problems else status


def check_filters(args):
    rec = load()["filters"]
    flts = filters()
    problems, jobs = [], []
    for cap in FILTER_CAPTURES:
        entry = rec.get(cap)
        p = stale(args, entry and entry["id"], cap)
        if p:
            problems.append(p)
            continue
        problems += ["%s: %r not recorded (run `tests/oracle/oracle.py record`)" % (cap, f)
                     for f in flts if f not in entry["want"]]
        jobs += [(cap, f) for f in flts if f in entry["want"]]

    def ours(job):
        got = frames(args.bin, path_of(args.shared, job[0]), job[1], args.timeout)
        return None if got is None else digest(got)

    with pool(args) as ex:
        got = list(ex.map(ours, jobs))
    matched = rejected = 0
    for (cap, flt), g in zip(jobs, got):
        want = rec[cap]["want"][flt]
        if want is None:
            rejected += 1       # tshark rejects it on this capture: tshark-diff does not count it
        elif g == want:
            matched += 1
        else:
            print("  %s %r: tshark %s frames, netlab-tui %s" % (cap, flt, want.split(":")[0],
                  "an error" if g is None else g.split(":")[0]))
    print("filters: %d/%d match on %d captures" % (matched, len(jobs) - rejected, len(FILTER_CAPTURES)))
    for p in problems:
        print("STALE RECORD " + p)
    return 0 if not problems and matched == len(jobs) - rejected else 1


def main():
    global TD
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=("fields", "filters", "record"))
    ap.add_argument("--bin", default="src/netlab-tui")
    ap.add_argument("--tshark", default="tshark")
    ap.add_argument("--shared", default=os.path.join(TOP, "..", "shared"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=60)
    args = ap.parse_args()
    TD = tshark_diff(args.shared)
    return {"fields": check_fields, "filters": check_filters, "record": record}[args.action](args)


TD = None
if __name__ == "__main__":
    sys.exit(main())
