#!/bin/sh
# make install-capture-group (issue 18): the installed binary is root:GROUP, mode 0750,
# with cap_net_raw,cap_net_admin; a member of the group captures on lo without root,
# anyone else cannot run it.  Installs into a temporary DESTDIR with a test group and
# two test users, all removed afterwards.  Root only (CI is root).
: "${NETLAB_BUILDDIR:?}"
[ "$(id -u)" = 0 ] || { echo "SKIP: groups, users and file capabilities need root (CI runs as root)"; exit 77; }
for c in setcap getcap setpriv useradd groupadd userdel groupdel getent; do
	command -v $c >/dev/null || { echo "SKIP: $c is not installed"; exit 77; }
done
tmp=$(mktemp -d) || exit 1
grp=nlcap$$ member=nlcapm$$ other=nlcapo$$
cleanup() {
	userdel "$member" 2>/dev/null
	userdel "$other" 2>/dev/null
	groupdel "$grp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
chmod 755 "$tmp"

make -s -C "$NETLAB_BUILDDIR" install-capture-group DESTDIR="$tmp" prefix=/usr CAPTURE_GROUP="$grp" \
	> "$tmp/make.out" 2>&1 || fail "make install-capture-group: $(cat "$tmp/make.out")"
bin=$tmp/usr/bin/netlab-tui
[ -x "$bin" ] || fail "not installed at $bin"
grep -q "usermod -aG $grp" "$tmp/make.out" || fail "no hint on adding members: $(cat "$tmp/make.out")"
[ "$(stat -c '%U:%G %a' "$bin")" = "root:$grp 750" ] || fail "owner and mode: $(stat -c '%U:%G %a' "$bin")"
getcap "$bin" | grep -q 'cap_net_admin,cap_net_raw=eip' ||
	{ echo "SKIP: this file system keeps no file capabilities: $(getcap "$bin")"; exit 77; }
echo "ok: installed root:$grp 0750 with $(getcap "$bin" | sed 's/.* //')"

useradd -r -M -N -s /bin/sh -G "$grp" "$member" && useradd -r -M -N -s /bin/sh "$other" ||
	fail "useradd"
# a member captures on lo (a sanitizer build cannot check leaks in a capability-raised
# process, which may not be traced)
ASAN_OPTIONS=detect_leaks=0 setpriv --reuid="$member" --regid="$grp" --init-groups \
	timeout 20 "$bin" -i lo -f 'icmp' -c 1 -a duration:3 -q > "$tmp/m.out" 2>&1 &
cap=$!
sleep 1
ping -c 2 -W 1 127.0.0.1 > /dev/null 2>&1 || python3 -c 'import socket; socket.socket().connect_ex(("127.0.0.1", 9))'
wait $cap
st=$?
grep -qi "permission\|cannot capture" "$tmp/m.out" && fail "a member cannot capture: $(cat "$tmp/m.out")"
[ $st = 0 ] || fail "the member's capture exited $st: $(cat "$tmp/m.out")"
echo "ok: a member of $grp captures on lo as $(id -un "$member")"
# anyone else may not run it (where the kernel checks execute permission: a control
# copy of echo, 0750 root:root, tells)
cp /bin/echo "$tmp/echo" && chmod 0750 "$tmp/echo"
if setpriv --reuid="$other" --regid=65534 --clear-groups "$tmp/echo" x > /dev/null 2>&1; then
	echo "note: this kernel lets $other run a 0750 root:root file; the non-member check is skipped"
	exit 0
fi
if setpriv --reuid="$other" --regid=65534 --clear-groups "$bin" --version > "$tmp/o.out" 2>&1; then
	fail "a non-member ran the capture binary"
fi
echo "ok: a non-member may not run it"
