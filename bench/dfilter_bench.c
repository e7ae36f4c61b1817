/* dfilter_bench.c — the display-filter engine alone: compile time (what the TUI pays
 * per keystroke) and evaluation time per packet, apart from dissection.
 *
 *   dfilter_bench FILE [FILTER...]
 *
 * Every packet of FILE is dissected once into an interest tree; the filter is then
 * applied 1 and 51 times, and the difference gives the cost of 50 evaluations.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dissect/session.h"
#include "capture/capfile.h"
#include "dissect/dissect.h"
#include "dissect/registry.h"
#include "filter/dfilter.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double run(const char *path, struct dfilter *f, int reps, long *packets, long *hits)
{
	char errbuf[512];
	struct capfile *cf = capfile_open(path, errbuf);
	uint8_t *interest = calloc(((size_t)reg_count() + 7) / 8, 1);
	struct dtree *t = tree_new(0);
	struct session *sess = session_new(0);
	struct pkt_rec rec;
	struct pinfo pi;
	double start;

	if (!cf) {
		fprintf(stderr, "dfilter_bench: %s\n", errbuf);
		exit(1);
	}
	dfilter_interest(f, interest);
	tree_set_interest(t, interest);
	memset(&pi, 0, sizeof(pi));
	*packets = *hits = 0;
	start = now();
	while (capfile_next(cf, &rec, errbuf) == 1) {
		struct dctx d = { .tree = t, .pi = &pi, .sess = sess };
		pi.num = (uint32_t)++*packets;
		pi.ts = rec.ts_sec * 1000000000 + (int64_t)rec.ts_nsec;
		pi.caplen = rec.caplen;
		pi.len = rec.len;
		pi.linktype = rec.linktype;
		tree_reset(t);
		dissect_frame(&d, rec.data);
		for (int i = 0; i < reps; i++)
			if (dfilter_apply(f, t, &pi) && i == 0)
				++*hits;
	}
	start = now() - start;
	session_free(sess);
	tree_free(t);
	free(interest);
	capfile_close(cf);
	return start;
}

int main(int argc, char **argv)
{
	static const char *const defaults[] = {
		"tcp.flags.syn==1 && tcp.flags.ack==0",
		"ip.addr == 10.0.0.0/8 and tcp.port in {80, 443, 8000..8080}",
		"frame contains \"GET\" or http.request.method matches \"^(post|put)$\"",
	};
	const char *const *filters = argc > 2 ? (const char *const *)argv + 2 : defaults;
	int nf = argc > 2 ? argc - 2 : 3;

	if (argc < 2) {
		fprintf(stderr, "usage: dfilter_bench FILE [FILTER...]\n");
		return 2;
	}
	reg_init();
	for (int k = 0; k < nf; k++) {
		struct dfilter_error err;
		struct dfilter *f;
		double c0 = now(), t1, t11;
		long packets, hits;
		int n = 0;

		while (now() - c0 < 0.2 || n < 100) {
			f = dfilter_compile(filters[k], &err);
			if (!f) {
				fprintf(stderr, "dfilter_bench: %s: %s\n", filters[k], err.msg);
				return 1;
			}
			dfilter_free(f);
			n++;
		}
		c0 = (now() - c0) / n;
		f = dfilter_compile(filters[k], &err);
		t1 = run(argv[1], f, 1, &packets, &hits);
		t11 = run(argv[1], f, 51, &packets, &hits);
		printf("bench: filter \"%s\": compile %.1f us, eval %.1f ns/packet "
		    "(%.3f s per 1M), dissect+eval %.3f s, %ld/%ld packets match\n", filters[k],
		    c0 * 1e6, (t11 - t1) / 50 / (double)packets * 1e9,
		    (t11 - t1) / 50 / (double)packets * 1e6, t1, hits, packets);
		dfilter_free(f);
	}
	return 0;
}
