/* remote.c — capture on another machine through ssh (-i ssh://…), as Wireshark's
 * sshdump does it; see remote.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "capture/remote.h"
#include "core/strvis.h"
#include "core/xmalloc.h"

#define REMOTE_MAX_ARGS 32

struct remote {
	pid_t pid;
	int out;		/* the capture stream: the remote tcpdump's standard output */
	_Atomic int in;		/* ssh's standard input, never written: closing it ends the
				 * remote side (see remote_command) */
	FILE *err;		/* ssh's and the remote command's standard error */
	char *cmd;		/* the command line run on the remote host */
	char *argv_buf;		/* REMOTE_SSH split in place */
};

int remote_is_url(const char *iface)
{
	return iface && strncmp(iface, REMOTE_SCHEME, strlen(REMOTE_SCHEME)) == 0;
}

/* -i ssh://[USER@]HOST[:PORT]/IFACE, taken apart. */
struct remote_url {
	char user[64];
	char host[256];
	int port;		/* 0: ssh's default */
	char iface[128];
};

/* 0, or -1 with a sentence in err. */
static int remote_parse(const char *url, struct remote_url *u, char *err, size_t n)
{
	const char *p = url + strlen(REMOTE_SCHEME), *at, *slash, *colon, *host;
	size_t hlen;

	memset(u, 0, sizeof(*u));
	if (!remote_is_url(url))
		goto bad;
	slash = strchr(p, '/');
	if (!slash || !slash[1])
		goto bad;
	at = memchr(p, '@', (size_t)(slash - p));
	if (at) {
		if (at == p || (size_t)(at - p) >= sizeof(u->user))
			goto bad;
		memcpy(u->user, p, (size_t)(at - p));
		p = at + 1;
	}
	host = p;
	colon = memchr(p, ':', (size_t)(slash - p));
	if (*p == '[') {		/* [::1]:2222 */
		const char *close = memchr(p, ']', (size_t)(slash - p));
		if (!close)
			goto bad;
		host = p + 1;
		hlen = (size_t)(close - host);
		colon = close[1] == ':' ? close + 1 : NULL;
		if (!colon && close + 1 != slash)
			goto bad;
	} else
		hlen = (size_t)((colon ? colon : slash) - p);
	if (!hlen || hlen >= sizeof(u->host))
		goto bad;
	memcpy(u->host, host, hlen);
	if (colon) {
		char *end;
		long port = strtol(colon + 1, &end, 10);
		if (end != slash || port < 1 || port > 65535)
			goto bad;
		u->port = (int)port;
	}
	if (strlen(slash + 1) >= sizeof(u->iface) || strpbrk(u->host, " '\"\\") ||
	    strpbrk(u->user, " '\"\\"))
		goto bad;
	snprintf(u->iface, sizeof(u->iface), "%s", slash + 1);
	return 0;
bad:
	snprintf(err, n, "invalid remote interface \"%s\": expected ssh://[USER@]HOST[:PORT]/IFACE, "
	    "e.g. ssh://student@lab1/lo", url);
	return -1;
}

/* Appends s to the shell command line in *buf as one single-quoted word. */
static void shell_word(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t need = *len + 4 * strlen(s) + 4;

	if (need > *cap) {
		*cap = need * 2;
		*buf = xrealloc(*buf, *cap);
	}
	(*buf)[(*len)++] = ' ';
	(*buf)[(*len)++] = '\'';
	for (; *s; s++) {
		if (*s == '\'') {	/* ' ends the quote, \' is the quote, ' reopens it */
			memcpy(*buf + *len, "'\\''", 4);
			*len += 4;
		} else
			(*buf)[(*len)++] = *s;
	}
	(*buf)[(*len)++] = '\'';
	(*buf)[*len] = '\0';
}

/* The remote command: tcpdump writing pcap to its standard output, a packet at a
 * time (-U), with the filter, by default everything but ssh's own port.  It runs
 * under sh beside a reader of ssh's standard input: when this end hangs up (EOF),
 * the reader kills tcpdump, which would otherwise outlive the session until its
 * next write; the reader's output goes nowhere, so tcpdump's end ends the stream. */
static char *remote_command(const struct remote_url *u, const char *filter, int snaplen)
{
	char def[64], num[16];
	size_t len = 0, cap = 256, olen = 0, ocap = 64;
	char *script = xmalloc(cap), *cmd = xmalloc(ocap);

	/* fd 3: ssh's standard input (an asynchronous list's is /dev/null) */
	len = (size_t)snprintf(script, cap, "exec 3<&0; tcpdump -U -w - -n");
	snprintf(num, sizeof(num), "%d", snaplen);
	shell_word(&script, &len, &cap, "-s");
	shell_word(&script, &len, &cap, num);
	shell_word(&script, &len, &cap, "-i");
	shell_word(&script, &len, &cap, u->iface);
	if (!filter) {
		snprintf(def, sizeof(def), "not port %d", u->port ? u->port : 22);
		filter = def;
	}
	if (*filter)
		shell_word(&script, &len, &cap, filter);
	snprintf(def, sizeof(def), " & t=$!; (read x <&3; kill $t) >/dev/null 2>&1 & wait $t");
	if (len + strlen(def) + 1 > cap)
		script = xrealloc(script, cap = len + strlen(def) + 1);
	memcpy(script + len, def, strlen(def) + 1);
	olen = (size_t)snprintf(cmd, ocap, "exec sh -c");
	shell_word(&cmd, &olen, &ocap, script);
	free(script);
	return cmd;
}

struct remote *remote_start(const char *url, const char *filter, int snaplen, char *err, size_t n)
{
	struct remote_url u;
	struct remote *r;
	char *argv[REMOTE_MAX_ARGS + 8], port[16];
	const char *ssh = getenv(REMOTE_SSH_ENV);
	int pfd[2], ifd[2], argc = 0, efd;

	if (remote_parse(url, &u, err, n) < 0)
		return NULL;
	r = xcalloc(1, sizeof(*r));
	r->pid = -1;
	r->out = r->in = -1;
	r->cmd = remote_command(&u, filter, snaplen);
	r->argv_buf = xstrdup(ssh && *ssh ? ssh : "ssh");
	for (char *tok = strtok(r->argv_buf, " \t"); tok && argc < REMOTE_MAX_ARGS;
	    tok = strtok(NULL, " \t"))
		argv[argc++] = tok;
	if (u.port) {
		snprintf(port, sizeof(port), "%d", u.port);
		argv[argc++] = "-p";
		argv[argc++] = port;
	}
	if (u.user[0]) {
		argv[argc++] = "-l";
		argv[argc++] = u.user;
	}
	argv[argc++] = "--";
	argv[argc++] = u.host;
	argv[argc++] = r->cmd;
	argv[argc] = NULL;

	r->err = tmpfile();
	if (!r->err || pipe2(pfd, O_CLOEXEC) < 0) {
		snprintf(err, n, "cannot start ssh for %s: %s", url, strerror(errno));
		remote_free(r);
		return NULL;
	}
	if (pipe2(ifd, O_CLOEXEC) < 0) {
		snprintf(err, n, "cannot start ssh for %s: %s", url, strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		remote_free(r);
		return NULL;
	}
	efd = fileno(r->err);
	r->pid = fork();
	if (r->pid == 0) {	/* the child: stdout is the pipe, stderr the file */
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		if (dup2(ifd[0], STDIN_FILENO) < 0 || dup2(pfd[1], STDOUT_FILENO) < 0 ||
		    dup2(efd, STDERR_FILENO) < 0)
			_exit(127);
		execvp(argv[0], argv);
		dprintf(STDERR_FILENO, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(pfd[1]);
	close(ifd[0]);
	r->out = pfd[0];
	r->in = ifd[1];
	if (r->pid < 0) {
		snprintf(err, n, "cannot start ssh for %s: %s", url, strerror(errno));
		remote_free(r);
		return NULL;
	}
	return r;
}

int remote_take_fd(struct remote *r)
{
	int fd = r->out;

	r->out = -1;
	return fd;
}

void remote_hangup(struct remote *r)
{
	int fd = r ? atomic_exchange(&r->in, -1) : -1;

	if (fd >= 0)
		close(fd);
}

/* Has the child ended (reaped now, or before)?  Waits up to ms for it. */
static int ended(struct remote *r, int *st, int ms)
{
	for (int i = 0;; i++) {
		pid_t w = waitpid(r->pid, st, WNOHANG);
		if (w == r->pid || w < 0)
			return 1;
		if (i >= ms / 20)
			return 0;
		usleep(20000);
	}
}

/* Ends the child (if it still runs) and waits for it; its exit status, -1 unknown.
 * First the polite way: ssh's standard input closed ends the remote side, then ssh. */
static int reap(struct remote *r)
{
	int st = -1;

	if (r->pid <= 0)
		return -1;
	remote_hangup(r);
	if (!ended(r, &st, 500)) {
		kill(r->pid, SIGTERM);
		if (!ended(r, &st, 1000)) {
			kill(r->pid, SIGKILL);
			waitpid(r->pid, &st, 0);
		}
	}
	r->pid = -1;
	return st;
}

size_t remote_why(struct remote *r, char *buf, size_t n)
{
	char raw[1024];
	size_t k = 0, at;
	int st;

	if (!n)
		return 0;
	buf[0] = '\0';
	st = reap(r);
	if (r->err) {
		fflush(r->err);
		rewind(r->err);
		k = fread(raw, 1, sizeof(raw) - 1, r->err);
	}
	/* the last lines: what went wrong comes last (tcpdump: "listening on" first) */
	while (k && (raw[k - 1] == '\n' || raw[k - 1] == '\r'))
		k--;
	at = k;		/* back to the start of the third line from the end */
	for (int lines = 0; at && !(raw[at - 1] == '\n' && ++lines == 3); at--)
		;
	for (size_t i = at; i < k; i++)	/* one line */
		if (raw[i] == '\n' || raw[i] == '\r')
			raw[i] = ' ';
	if (k > at)
		strvis(buf, n, (const uint8_t *)raw + at, k - at, STRVIS_UTF8);
	else if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st))
		snprintf(buf, n, "ssh exited with status %d", WEXITSTATUS(st));
	return strlen(buf);
}

void remote_free(struct remote *r)
{
	if (!r)
		return;
	reap(r);
	if (r->out >= 0)
		close(r->out);
	if (r->err)
		fclose(r->err);
	free(r->cmd);
	free(r->argv_buf);
	free(r);
}
