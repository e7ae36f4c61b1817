#!/bin/sh
# README's two command lines work one after the other in both orders and again, and
# tests/run-all copes with a source tree configured in place.  Runs the real lines and
# the real tests/run-all in a scratch tree with stand-ins for apt-get, autoreconf,
# make and configure that only record what they do, and a configure that refuses, as
# automake's does, to configure out of tree next to an in-tree configuration.
# (.ci/run runs the same two lines for real on a clean clone.)
: "${NETLAB_SRCDIR:?}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

readme_line() {
	awk -v want="$1" '/^```sh$/ { n++; on = n == want; next } /^```/ { on = 0; next }
		on { print; exit }' "$NETLAB_SRCDIR/README.md"
}
LINE1=$(readme_line 1)
LINE2=$(readme_line 2)
[ -n "$LINE1" ] && [ -n "$LINE2" ] || { echo "FAIL: README.md has no two command lines"; exit 1; }

mkdir "$tmp/bin"
for t in apt-get autoreconf; do printf '#!/bin/sh\nexit 0\n' > "$tmp/bin/$t"; done
cat > "$tmp/bin/make" <<'EOS'
#!/bin/sh
# stand-in: -C DIR, distclean, check, or a build that leaves src/netlab-tui
target=all
while [ $# -gt 0 ]; do
	case $1 in
	-C) cd "$2" || exit 2; shift ;;
	-j*|-s) ;;
	*) target=$1 ;;
	esac
	shift
done
[ -f config.status ] || { echo "make: no configured tree in $(pwd)"; exit 2; }
case $target in
distclean) rm -f config.status Makefile; rm -rf src ;;
check) echo "PASS: tests/stub.sh"; echo "# PASS: 1" ;;
*) mkdir -p src && printf '#!/bin/sh\necho "lab: ran"\n' > src/netlab-tui && chmod +x src/netlab-tui ;;
esac
EOS
chmod +x "$tmp/bin/"*

# a scratch source tree: the real README and run-all, a configure stand-in
new_tree() {
	rm -rf "$tmp/src"
	mkdir -p "$tmp/src/tests"
	cp "$NETLAB_SRCDIR/README.md" "$tmp/src/"
	cp "$NETLAB_SRCDIR/tests/run-all" "$tmp/src/tests/"
	cat > "$tmp/src/configure" <<'EOS'
#!/bin/sh
src=$(cd "$(dirname "$0")" && pwd)
if [ "$src" != "$(pwd)" ] && [ -f "$src/config.status" ]; then
	echo "configure: error: source directory already configured; run \"make distclean\" there first"
	exit 1
fi
echo configured > config.status
echo "all:" > Makefile
EOS
	chmod +x "$tmp/src/configure" "$tmp/src/tests/run-all"
}

# run NAME LINE: runs a README line in the scratch tree (no terminal, as CI)
run() {
	name=$1 line=$2
	# FUZZ_SECONDS=0: run-all's libFuzzer step needs real builds, not the stand-ins
	( cd "$tmp/src" && PATH="$tmp/bin:$PATH" FUZZ_SECONDS=0 sh -c "$line" ) </dev/null >"$tmp/out" 2>&1
	st=$?
	if [ "$st" -ne 0 ]; then
		fail "$name exited $st:"
		sed 's/^/  | /' "$tmp/out"
		return 1
	fi
	case $name in
	line1*) grep -q "lab: ran" "$tmp/out" || fail "$name did not run the program it built" ;;
	line2*) grep -q "^1 passed, 0 failed, 0 skipped$" "$tmp/out" ||
		{ fail "$name: no summary line"; sed 's/^/  | /' "$tmp/out"; } ;;
	esac
	echo "ok: $name"
}

new_tree
run "line1" "$LINE1"
run "line2 after line1" "$LINE2"
run "line1 again" "$LINE1"
run "line2 again" "$LINE2"
new_tree
run "line2 first" "$LINE2"
run "line1 after line2" "$LINE1"
run "line2 after both" "$LINE2"
# a tree configured in place by hand (./configure && make): run-all still works
new_tree
run "line1 in place (./configure && make)" "./configure && make -j2 && ./src/netlab-tui"
run "line2 after an in-place build" "$LINE2"
grep -q "make distclean" "$tmp/out" || fail "run-all did not say it cleaned the in-place build"
exit $failed
