#!/bin/sh
# screen.sh — what the terminal shows is the model batch mode prints: for a few frames
# of several captures, the TUI driven through tmux (200x50) shows the frame's list row
# with batch mode's columns, and its detail pane, zoomed with every subtree open and
# paged through, shows exactly the lines of `-P -V` for that frame (a line too long
# for the screen as its prefix).  headless.sh proves the model on every capture; this
# proves the drawing.
. "$NETLAB_SRCDIR/tests/tui/lib.sh"
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 77; }
TZ=UTC
export TZ

caps="$NETLAB_SRCDIR/pcaps/lab.pcap $NETLAB_SRCDIR/tests/data/tcpdump-ssh.pcap
$NETLAB_SRCDIR/tests/data/udp-protos.pcapng $NETLAB_SRCDIR/tests/data/tcp-patterns.pcap"

# check FRAME BATCHFILE LISTSCREEN DETAILSCREENS
check() {
	python3 - "$1" "$2" "$3" "$4" <<'EOPY'
import sys, re
frame, batch, listscr, screens = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
text = open(batch, encoding="utf-8", errors="replace").read().split("\n")
# -P -V: a summary line, then the tree, then a blank line, per frame; a Data node's
# hex dump (a blank line, then offset lines) is print's, not the pane's
hexline = re.compile(r"^[0-9a-f]{4,8}  ")
blocks, cur = [], None
for i, line in enumerate(text):
    if re.match(r"^ *\d+ ", line) and cur is None:
        cur = [line]
    elif line == "" and cur is not None:
        if i + 1 < len(text) and hexline.match(text[i + 1]):
            continue
        blocks.append(cur)
        cur = None
    elif cur is not None and not hexline.match(line):
        cur.append(line)
summary, tree = blocks[frame - 1][0], [l.strip() for l in blocks[frame - 1][1:]]
scr = open(screens, encoding="utf-8", errors="replace").read().split("\n")
bad = []
# the selected row: batch's columns in the same order (the TUI has no arrow column)
row = [l for l in open(listscr, encoding="utf-8", errors="replace") if l.startswith("\u25b6")]
want = summary.split()
if len(want) > 3 and want[3] == "\u2192":
    del want[3]
have = row[0][1:].split() if row else []
if have[:len(want)] != want and not (have and want[:len(have) - 1] == have[:-1]):
    bad.append("row: screen %r, batch %r" % (" ".join(have), " ".join(want)))
shown = set()
for l in scr:
    if l.startswith("##"):
        continue
    s = re.sub(r"^ *[\u25be\u25b8]? *", "", l).rstrip()
    if s:
        shown.add(s)
def on_screen(t):
    if t in shown:
        return True
    return any(len(s) >= 60 and t.startswith(s.rstrip("\u2026")) for s in shown)
for t in tree:
    if t and not on_screen(t):
        bad.append("tree line not on screen: %r" % t[:120])
treeset = set(tree)
for s in shown:
    if s.startswith(("Filter:", "\u2500", "Packets:")) or " \u00b7 " in s:
        continue
    if s not in treeset and not any(t.startswith(s.rstrip("\u2026")) for t in tree):
        bad.append("screen line not in the tree: %r" % s[:120])
for b in bad[:10]:
    print("FAIL frame %d: %s" % (frame, b))
sys.exit(1 if bad else 0)
EOPY
}

for cap in $caps; do
	[ -f "$cap" ] || continue
	n=$("$NETLAB_BIN" -r "$cap" | wc -l)
	"$NETLAB_BIN" -r "$cap" -P -V > "$T_DIR/batch"
	t_start 200 50 -r "$cap"
	t_wait "Packets: $n " || t_done
	frames="1 $(((n + 1) / 2)) $n"
	# the lab's 206 response, reassembled from two segments in frame 20
	case $cap in */lab.pcap) frames="$frames 20" ;; esac
	for f in $frames; do
		t_keys : $f Enter
		t_wait "▶$(printf '%4d' "$f") " || continue
		t_screen > "$T_DIR/list"
		: > "$T_DIR/screens"
		t_keys Tab z e
		sleep 0.2
		prev=
		for i in $(seq 1 60); do
			cur=$(t_screen)	# the help line follows the cursor: pages differ
			[ "$cur" = "$prev" ] && break
			# the pane's body: not the filter bar and title, help line and status bar
			printf '%s\n' "$cur" | sed '1,2d' | sed '$d' | sed '$d' >> "$T_DIR/screens"
			echo '##' >> "$T_DIR/screens"
			prev=$cur
			t_keys NPage
			sleep 0.05
		done
		t_keys E z Tab Tab
		t_check "$(basename "$cap") frame $f: row and tree as batch mode" \
			check "$f" "$T_DIR/batch" "$T_DIR/list" "$T_DIR/screens"
	done
	t_quit
	tmux -L "$T_SOCK" kill-server >/dev/null 2>&1
	: > "$T_DIR/status"
done
t_done
