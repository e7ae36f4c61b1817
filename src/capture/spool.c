/* spool.c — the live capture's temporary pcapng; see spool.h. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "capture/spool.h"
#include "capture/writer.h"
#include "core/xmalloc.h"

#define SPOOL_RESERVE_MAX (sizeof(void *) >= 8 ? (size_t)1 << 40 : (size_t)1 << 30)
#define SPOOL_RESERVE_MIN ((size_t)1 << 28)

struct spool {
	struct capwriter *w;
	const uint8_t *map;
	size_t map_size;
	char *path;
	char note[CAPW_ERRBUF_SIZE];
	int failed;
	char err[CAPW_ERRBUF_SIZE];	/* why, once failed */
};

/* The spool whose note the crash handler prints (one live capture per process). */
static const struct spool *volatile crash_spool;
static const int crash_sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
#define NCRASH (sizeof(crash_sigs) / sizeof(crash_sigs[0]))
static struct sigaction crash_old[NCRASH];

static const char *tmp_dir(void)
{
	const char *d = getenv("TMPDIR");

	return d && *d ? d : "/tmp";
}

struct spool *spool_create(int nsec, char *errbuf)
{
	struct spool *sp;
	char stamp[32];
	struct tm tm;
	time_t now = time(NULL);
	char *path;
	void *map = MAP_FAILED;
	size_t size;
	int fd;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d%H%M%S", &tm);
	path = xasprintf("%s/" SPOOL_PREFIX "%s-XXXXXX" SPOOL_SUFFIX, tmp_dir(), stamp);
	if ((fd = mkostemps(path, (int)strlen(SPOOL_SUFFIX), O_CLOEXEC)) < 0) {
		snprintf(errbuf, CAPW_ERRBUF_SIZE, "cannot create the temporary capture file in %s: %s "
		    "(set TMPDIR to a writable directory)", tmp_dir(), strerror(errno));
		free(path);
		return NULL;
	}
	(void)flock(fd, LOCK_EX | LOCK_NB);
	for (size = SPOOL_RESERVE_MAX; size >= SPOOL_RESERVE_MIN; size /= 2)
		if ((map = mmap(NULL, size, PROT_READ, MAP_SHARED | MAP_NORESERVE, fd, 0)) != MAP_FAILED)
			break;
	if (map == MAP_FAILED) {
		snprintf(errbuf, CAPW_ERRBUF_SIZE, "cannot map the temporary capture file %s: %s",
		    path, strerror(errno));
		unlink(path);
		close(fd);
		free(path);
		return NULL;
	}
	sp = xcalloc(1, sizeof(*sp));
	sp->w = capw_fdopen(fd, path, CAPW_PCAPNG, nsec);
	sp->map = map;
	sp->map_size = size;
	sp->path = path;
	snprintf(sp->note, sizeof(sp->note), "\r\nnetlab-tui: the live capture is kept in %s\n", path);
	return sp;
}

/* Sticky: every later call returns the first failure. */
static int spool_fail(struct spool *sp, char *errbuf)
{
	sp->failed = 1;
	snprintf(errbuf, CAPW_ERRBUF_SIZE, "%s", sp->err);
	return -1;
}

int spool_add_iface(struct spool *sp, uint32_t ifid, int linktype, uint32_t snaplen,
		    const char *name, char *errbuf)
{
	if (!sp->failed && capw_add_iface(sp->w, ifid, linktype, snaplen, name, sp->err) < 0)
		sp->failed = 1;
	return sp->failed ? spool_fail(sp, errbuf) : 0;
}

int spool_write(struct spool *sp, const struct pkt_rec *rec, uint64_t *off, char *errbuf)
{
	if (sp->failed)
		return spool_fail(sp, errbuf);
	/* with room for an interface block declared on the fly */
	if (capw_bytes(sp->w) + rec->caplen + 1024 > sp->map_size) {
		snprintf(sp->err, sizeof(sp->err), "the temporary capture file %s reached its "
		    "limit of %zu MiB", sp->path, sp->map_size >> 20);
		return spool_fail(sp, errbuf);
	}
	if (capw_write(sp->w, rec, sp->err) < 0)
		return spool_fail(sp, errbuf);
	*off = capw_last_data(sp->w);
	return 0;
}

int spool_flush(struct spool *sp, char *errbuf)
{
	if (sp->failed || capw_flush(sp->w, sp->err) < 0)
		return spool_fail(sp, errbuf);
	return 0;
}

const uint8_t *spool_map(const struct spool *sp) { return sp->map; }
size_t spool_map_size(const struct spool *sp) { return sp->map_size; }
const char *spool_path(const struct spool *sp) { return sp->path; }
const char *spool_crash_note(const struct spool *sp) { return sp->note; }

uint64_t spool_packets(const struct spool *sp)
{
	return capw_packets(sp->w);
}

static void on_crash(int sig, siginfo_t *si, void *uc)
{
	const struct spool *sp = crash_spool;

	(void)uc;
	if (sp) {
		const char *s = sp->note;
		size_t n = 0;
		while (s[n])
			n++;
		(void)!write(STDERR_FILENO, s, n);
	}
	crash_spool = NULL;
	for (size_t i = 0; i < NCRASH; i++)
		if (crash_sigs[i] == sig)
			sigaction(sig, &crash_old[i], NULL);
	/* A fault repeats on return and meets the previous handler with its own
	 * context (a sanitizer reports the faulting line); a sent signal or an abort
	 * is raised again. */
	if (sig == SIGABRT || !si || si->si_code <= 0)
		raise(sig);
}

void spool_keep_on_crash(struct spool *sp)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_crash;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	crash_spool = sp;
	for (size_t i = 0; i < NCRASH; i++)
		sigaction(crash_sigs[i], &sa, &crash_old[i]);
}

void spool_close(struct spool *sp, int keep)
{
	char err[CAPW_ERRBUF_SIZE];

	if (!sp)
		return;
	if (crash_spool == sp) {
		crash_spool = NULL;
		for (size_t i = 0; i < NCRASH; i++)
			sigaction(crash_sigs[i], &crash_old[i], NULL);
	}
	if (!keep)
		unlink(sp->path);
	capw_close(sp->w, err);
	munmap((void *)sp->map, sp->map_size);
	free(sp->path);
	free(sp);
}

struct leftover {
	char *path;
	time_t mtime;
};

static int newest_first(const void *a, const void *b)
{
	const struct leftover *x = a, *y = b;

	return x->mtime < y->mtime ? 1 : x->mtime > y->mtime ? -1 : strcmp(x->path, y->path);
}

int spool_leftovers(char **paths, int max)
{
	const char *dir = tmp_dir();
	size_t plen = strlen(SPOOL_PREFIX), slen = strlen(SPOOL_SUFFIX);
	struct leftover *l = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return 0;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		struct stat sb;
		char *p;
		int fd;

		if (len <= plen + slen || strncmp(de->d_name, SPOOL_PREFIX, plen) != 0 ||
		    strcmp(de->d_name + len - slen, SPOOL_SUFFIX) != 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		fd = open(p, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
		/* a running capture holds the lock */
		if (fd < 0 || fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) ||
		    flock(fd, LOCK_SH | LOCK_NB) < 0) {
			if (fd >= 0)
				close(fd);
			free(p);
			continue;
		}
		close(fd);
		l = xgrow(l, &cap, n + 1, sizeof(*l));
		l[n].path = p;
		l[n++].mtime = sb.st_mtime;
	}
	closedir(d);
	if (n)
		qsort(l, n, sizeof(*l), newest_first);
	for (size_t i = 0; i < n; i++) {
		if ((int)i < max)
			paths[i] = l[i].path;
		else
			free(l[i].path);
	}
	free(l);
	return (int)n;
}
