/* stats.h — -z statistics (conv,tcp, follow,tcp,… ) as a table of kinds.
 *
 * A kind sees every displayed packet after dissection and prints its report at the
 * end (tshark prints -z reports after the packets).  Add a kind: a row in stats.c's
 * table and its file.
 */
#ifndef NETLAB_STATS_H
#define NETLAB_STATS_H

#include <stdio.h>

#include "capture/capfile.h"
#include "dissect/dissect.h"

struct stat_kind {
	const char *prefix;	/* "conv,tcp": matches the -z argument or its start */
	/* arg is the whole -z argument; returns the kind's state or NULL with errbuf */
	void *(*create)(const char *arg, char *errbuf, size_t n);
	void (*packet)(void *st, const struct dctx *d, const struct pkt_rec *rec);
	void (*print)(void *st, FILE *fp);
	void (*destroy)(void *st);
	int want_cols;		/* needs the Info column */
};

struct stats;
struct batch_config;
/* The -z kinds o->stats names. */
struct stats *stats_new(const struct batch_config *o, char *errbuf, size_t n);
int stats_want_cols(const struct stats *s);
void stats_packet(struct stats *s, const struct dctx *d, const struct pkt_rec *rec);
void stats_print(struct stats *s, FILE *fp);
void stats_free(struct stats *s);

#endif
