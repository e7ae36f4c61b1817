/* stats.c — the -z table and its dispatch; see stats.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "print/print.h"
#include "print/stats.h"

extern const struct stat_kind follow_tcp_kind;	/* follow.c */
extern const struct stat_kind conv_tcp_kind;	/* conv.c */
extern const struct stat_kind conv_udp_kind;	/* conv.c */

/* Kinds are added here by the modules that implement them. */
static const struct stat_kind *const kinds[] = {
	&follow_tcp_kind,
	&conv_tcp_kind,
	&conv_udp_kind,
};

struct stats {
	const struct stat_kind *kind[8];
	void *st[8];
	int n;
};

struct stats *stats_new(const struct batch_config *o, char *errbuf, size_t n)
{
	struct stats *s = xcalloc(1, sizeof(*s));

	for (int i = 0; i < o->nstats; i++) {
		const struct stat_kind *k = NULL;
		for (size_t j = 0; j < sizeof(kinds) / sizeof(kinds[0]); j++)
			if (kinds[j] && strncmp(o->stats[i], kinds[j]->prefix,
			    strlen(kinds[j]->prefix)) == 0)
				k = kinds[j];
		if (!k) {
			snprintf(errbuf, n, "invalid -z argument \"%s\"; supported: conv,tcp conv,udp "
			    "follow,tcp,ascii,N follow,tcp,hex,N", o->stats[i]);
			stats_free(s);
			return NULL;
		}
		s->st[s->n] = k->create(o->stats[i], errbuf, n);
		if (!s->st[s->n]) {
			stats_free(s);
			return NULL;
		}
		s->kind[s->n++] = k;
	}
	return s;
}

int stats_want_cols(const struct stats *s)
{
	for (int i = 0; s && i < s->n; i++)
		if (s->kind[i]->want_cols)
			return 1;
	return 0;
}

void stats_packet(struct stats *s, const struct dctx *d, const struct pkt_rec *rec)
{
	for (int i = 0; i < s->n; i++)
		s->kind[i]->packet(s->st[i], d, rec);
}

void stats_print(struct stats *s, FILE *fp)
{
	for (int i = 0; i < s->n; i++)
		s->kind[i]->print(s->st[i], fp);
}

void stats_free(struct stats *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++)
		s->kind[i]->destroy(s->st[i]);
	free(s);
}
