/* privs.c — dropping root once the capture handles are open (tcpdump's -Z rule).
 *
 * Order matters: supplementary groups, then gid, then uid (after setuid the process
 * may no longer change its groups).  glibc applies set*id to every thread of the
 * process, but capabilities are per thread, so call this before capture threads exist.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "capture/capture.h"

/* Clears the calling thread's capabilities (effective, permitted, inheritable), so a
 * binary given cap_net_raw by setcap keeps none once its handles are open. */
static void clear_capabilities(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof(data));
	(void)syscall(SYS_capset, &hdr, data);
}

int cap_drop_privileges(const char *user, char *errbuf)
{
	const char *sudo_user = getenv("SUDO_USER");
	struct passwd *pw;
	uid_t uid;
	gid_t gid;

	if (user == NULL && geteuid() == 0 && getuid() == 0 && sudo_user && *sudo_user &&
	    strcmp(sudo_user, "root") != 0)
		user = sudo_user;
	if (user == NULL) {
		if (geteuid() != 0)
			clear_capabilities();
		return 0;
	}
	errno = 0;
	pw = getpwnam(user);
	if (pw == NULL) {
		snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot drop privileges to \"%s\": %s (-Z USER)", user,
		    errno ? strerror(errno) : "there is no such user");
		return -1;
	}
	uid = pw->pw_uid;
	gid = pw->pw_gid;
	if (geteuid() != 0) {
		if (uid == getuid()) {
			clear_capabilities();
			return 0;
		}
		snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot switch to user \"%s\" (-Z): only root can do "
		    "that — run with sudo, or leave out -Z", user);
		return -1;
	}
	if (initgroups(pw->pw_name, gid) < 0 || setresgid(gid, gid, gid) < 0 ||
	    setresuid(uid, uid, uid) < 0) {
		snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot drop privileges to \"%s\": %s", user,
		    strerror(errno));
		return -1;
	}
	if (uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) {
		snprintf(errbuf, CAP_ERRBUF_SIZE, "dropping privileges to \"%s\" did not stick: root "
		    "could be regained, refusing to go on", user);
		return -1;
	}
	/* Not needed after a real uid change from root, but cheap and covers uid 0 → 0. */
	if (uid != 0)
		clear_capabilities();
	return 0;
}
