/* visit_job.c — a visit on its own thread, for the TUI's key and for lab mode; see
 * visit.h. */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/xmalloc.h"
#include "server/visit.h"

struct visit_job {
	pthread_t th;
	char addr[64];
	int port, delay_ms, rc;
	atomic_int done;
	struct visit_report rep;
	char err[256];
};

static void *visit_thread(void *arg)
{
	struct visit_job *j = arg;

	if (j->delay_ms > 0) {
		struct timespec ts = { j->delay_ms / 1000, (long)(j->delay_ms % 1000) * 1000000L };
		nanosleep(&ts, NULL);
	}
	j->rc = visit_run(j->addr, j->port, &j->rep, j->err, sizeof(j->err));
	atomic_store(&j->done, 1);
	return NULL;
}

struct visit_job *visit_job_start(const char *addr, int port, int delay_ms)
{
	struct visit_job *j = xcalloc(1, sizeof(*j));

	snprintf(j->addr, sizeof(j->addr), "%s", addr);
	j->port = port;
	j->delay_ms = delay_ms;
	if (pthread_create(&j->th, NULL, visit_thread, j) != 0) {
		free(j);
		return NULL;
	}
	return j;
}

int visit_job_done(struct visit_job *j)
{
	return atomic_load(&j->done);
}

int visit_job_finish(struct visit_job *j, char *summary, size_t n)
{
	static const int codes[] = { 200, 206, 304, 404, 101 };
	size_t at;
	int rc, requests = 0;

	pthread_join(j->th, NULL);
	for (int i = 0; i < j->rep.n; i++)
		requests += j->rep.item[i].status != 0;
	at = (size_t)snprintf(summary, n, "visit: %d requests", requests);
	for (size_t c = 0; c < sizeof(codes) / sizeof(codes[0]) && at < n; c++) {
		int k = 0;
		for (int i = 0; i < j->rep.n; i++)
			k += j->rep.item[i].status == codes[c];
		if (k)
			at += (size_t)snprintf(summary + at, n - at, k > 1 ? " %d×%d" : " %d", codes[c], k);
	}
	if (j->rc < 0 && at < n)
		snprintf(summary + at, n - at, " — stopped: %s", j->err);
	rc = j->rc;
	free(j);
	return rc;
}
