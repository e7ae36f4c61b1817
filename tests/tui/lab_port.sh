#!/bin/sh
# The lab when 8080 is in use: the server takes the next free port and the status bar
# says so for as long as it runs (after the start notice is gone), at 80x24.
. "$NETLAB_SRCDIR/tests/tui/lib.sh"
command -v python3 >/dev/null || { echo "SKIP: python3 holds port 8080 for the test"; exit 77; }

# hold 127.0.0.1:8080 for at most 60 s (or find it already in use)
python3 -c '
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", 8080)); s.listen(1)
except OSError as e:
    print("busy", e, flush=True); sys.exit(0)
print("held", flush=True)
time.sleep(60)' > "$T_DIR/hold" 2>&1 &
HOLDER=$!
trap 'kill $HOLDER 2>/dev/null; t_cleanup' EXIT
i=0
while [ ! -s "$T_DIR/hold" ] && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
if ! grep -q held "$T_DIR/hold"; then
	if ! python3 -c 'import socket; socket.create_connection(("127.0.0.1", 8080), 1)' 2>/dev/null; then
		echo "SKIP: cannot hold port 8080 and nothing listens there: $(cat "$T_DIR/hold")"
		exit 77
	fi
	echo "note: 8080 is already in use by another program; that will do"
fi

t_start 80 24
t_wait "(8080 in use)" 15 || t_done
t_check "the status bar names the port taken and the help hint" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | sed -n 24p | grep -q '127.0.0.1:80[89][0-9] (8080 in use) · [0-9]* req.*? help'"
# the start notice lasts 5 s; the status bar keeps saying it
t_wait_gone "lab: serving" 15
t_wait_gone "replaying the bundled" 15
sleep 1
t_check "still said after the notice is gone: $(t_screen | sed -n 24p)" sh -c \
	"tmux -L $T_SOCK capture-pane -p -t t | sed -n 24p | grep -q '127.0.0.1:80[89][0-9] (8080 in use)'"
t_keys q
t_keys y
i=0
while [ ! -s "$T_DIR/status" ] && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
t_check "the lab exits cleanly" grep -q '^EXIT=0$' "$T_DIR/status"
t_check "stderr empty" sh -c "! test -s '$T_DIR/stderr'"
t_done
