# lib.sh — helpers for the tmux-driven TUI tests (sourced).
#
# Each test runs the real binary in a private tmux server (its own socket), sends
# keys and reads the screen with capture-pane.  Waits poll the screen with a bound
# (never a bare long sleep).  Skips (77) when tmux or the binary is missing.

: "${NETLAB_BIN:?NETLAB_BIN not set}"
: "${NETLAB_SRCDIR:?NETLAB_SRCDIR not set}"

if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed (apt-get install tmux)"
	exit 77
fi

T_SOCK="nltui-$$-${RANDOM}"
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/nltui.XXXXXX")
T_LOCALE=${T_LOCALE:-C.UTF-8}
T_TERM=${T_TERM:-xterm-256color}	# TERM inside the pane (t_start reads it)
T_FAILED=0

t_cleanup() {
	tmux -L "$T_SOCK" kill-server >/dev/null 2>&1
	rm -rf "$T_DIR"
}
trap t_cleanup EXIT

# t_start COLS ROWS ARGS...: runs netlab-tui ARGS in a fresh session; stderr goes to
# $T_DIR/stderr, the exit status to $T_DIR/status.
t_start() {
	cols=$1 rows=$2
	shift 2
	printf '%s\n' "$@" > "$T_DIR/args"
	cat > "$T_DIR/run.sh" <<EOS
#!/bin/sh
cd "$T_DIR"
LANG=$T_LOCALE LC_ALL=$T_LOCALE TERM=$T_TERM \
	"$NETLAB_BIN" $* 2>"$T_DIR/stderr"
echo "EXIT=\$?" > "$T_DIR/status"
sleep 600
EOS
	chmod +x "$T_DIR/run.sh"
	# a server still shutting down refuses the session: try again (bounded)
	for _try in 1 2 3; do
		tmux -L "$T_SOCK" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" \
		    "$T_DIR/run.sh" && return 0
		sleep 0.5
	done
	return 1
}

t_keys() {
	tmux -L "$T_SOCK" send-keys -t t "$@"
}

# t_raw BYTES: the bytes a terminal would send, as printf(1) escapes ('\033[4~'),
# written to the program unchanged (no tmux key translation).
t_raw() {
	tmux -L "$T_SOCK" send-keys -t t -H $(printf "$1" | od -An -v -tx1)
}

# t_stop: ends the program and its pane (before a t_start in the same test), and waits
# until the server is gone: a new session started while it shuts down fails ("server
# exited unexpectedly").
t_stop() {
	tmux -L "$T_SOCK" kill-server >/dev/null 2>&1
	_i=0
	while tmux -L "$T_SOCK" ls >/dev/null 2>&1 && [ $_i -lt 50 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	rm -f "$T_DIR/status" "$T_DIR/stderr"
}

# Literal text (no key-name lookup).
t_type() {
	tmux -L "$T_SOCK" send-keys -t t -l "$1"
}

t_screen() {
	tmux -L "$T_SOCK" capture-pane -p -t t
}

t_screen_esc() {
	tmux -L "$T_SOCK" capture-pane -p -e -t t
}

# t_wait TEXT [SECONDS]: polls until the screen contains TEXT (fixed string).
t_wait() {
	want=$1 limit=${2:-10}
	i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if t_screen | grep -qF -- "$want"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "FAIL: timed out waiting for \"$want\"; screen was:"
	t_screen | sed 's/^/  | /'
	T_FAILED=1
	return 1
}

# t_wait_gone TEXT [SECONDS]
t_wait_gone() {
	want=$1 limit=${2:-10}
	i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if ! t_screen | grep -qF -- "$want"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "FAIL: \"$want\" still on screen after ${limit}s"
	t_screen | sed 's/^/  | /'
	T_FAILED=1
	return 1
}

# t_line N: line N (1-based) of the screen
t_line() {
	t_screen | sed -n "${1}p"
}

t_check() {
	desc=$1
	shift
	if "$@"; then
		echo "ok: $desc"
	else
		echo "FAIL: $desc"
		T_FAILED=1
	fi
}

# t_quit: q, then wait for the program's exit status; checks stderr is empty
# (sanitizer reports land there).
t_quit() {
	t_keys q
	i=0
	while [ ! -s "$T_DIR/status" ] && [ "$i" -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	if ! grep -q '^EXIT=0$' "$T_DIR/status" 2>/dev/null; then
		echo "FAIL: did not exit cleanly: $(cat "$T_DIR/status" 2>/dev/null)"
		T_FAILED=1
	fi
	if [ -s "$T_DIR/stderr" ]; then
		echo "FAIL: stderr not empty:"
		sed 's/^/  ! /' "$T_DIR/stderr" | head -40
		T_FAILED=1
	fi
}

t_done() {
	exit "$T_FAILED"
}
