/* stats.c — the -z table and its dispatch; see stats.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "filter/dfilter.h"
#include "print/print.h"
#include "print/stats.h"

extern const struct stat_kind follow_tcp_kind;	/* follow.c */
extern const struct stat_kind follow_udp_kind;	/* follow.c */
extern const struct stat_kind conv_tcp_kind;	/* conv.c */
extern const struct stat_kind conv_udp_kind;	/* conv.c */
extern const struct stat_kind io_phs_kind;	/* phs.c */
extern const struct stat_kind io_stat_kind;	/* iostat.c */
extern const struct stat_kind endpoints_kind;	/* endpoints.c */
extern const struct stat_kind conv_eth_kind;	/* conv_addr.c */
extern const struct stat_kind conv_ip_kind;	/* conv_addr.c */
extern const struct stat_kind conv_ipv6_kind;	/* conv_addr.c */
extern const struct stat_kind http_tree_kind;	/* st_http.c */
extern const struct stat_kind http_req_tree_kind;	/* st_http.c */
extern const struct stat_kind http_srv_tree_kind;	/* st_http.c */
extern const struct stat_kind plen_tree_kind;	/* st_pinfo.c */
extern const struct stat_kind ptype_tree_kind;	/* st_pinfo.c */

/* Kinds are added here by the modules that implement them. */
static const struct stat_kind *const kinds[] = {
	&follow_tcp_kind,
	&follow_udp_kind,
	&conv_tcp_kind,
	&conv_udp_kind,
	&io_phs_kind,
	&io_stat_kind,
	&endpoints_kind,
	&conv_eth_kind,
	&conv_ip_kind,
	&conv_ipv6_kind,	/* after conv,ip: the last match wins */
	&http_tree_kind,
	&http_req_tree_kind,
	&http_srv_tree_kind,
	&plen_tree_kind,
	&ptype_tree_kind,
};

/* --export-objects PROTOCOL,DIR: kinds that save what they see, by protocol. */
extern const struct stat_kind export_http_kind;	/* export_objects.c */
static const struct stat_kind *const export_kinds[] = {
	&export_http_kind,
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
			snprintf(errbuf, n, "invalid -z argument \"%s\"; supported: "
			    "conv,eth|ip|ipv6|tcp|udp endpoints,eth|ip|ipv6|tcp|udp "
			    "follow,tcp|udp,ascii|hex|raw|yaml,N io,phs[,FILTER] io,stat,INTERVAL[,FILTER…] plen,tree ptype,tree http,tree "
			    "http_req,tree http_srv,tree (trees take ,FILTER too)", o->stats[i]);
			stats_free(s);
			return NULL;
		}
		s->st[s->n] = k->create(k, o->stats[i], errbuf, n);
		if (!s->st[s->n]) {
			stats_free(s);
			return NULL;
		}
		s->kind[s->n++] = k;
	}
	if (o->export_objects) {
		const struct stat_kind *k = NULL;
		for (size_t j = 0; j < sizeof(export_kinds) / sizeof(export_kinds[0]); j++)
			if (stats_arg_rest(o->export_objects, export_kinds[j]->prefix))
				k = export_kinds[j];
		if (!k) {
			snprintf(errbuf, n, "invalid --export-objects \"%s\": give PROTOCOL,DIR; "
			    "the protocol netlab-tui exports is http", o->export_objects);
			stats_free(s);
			return NULL;
		}
		if (!(s->st[s->n] = k->create(k, o->export_objects, errbuf, n))) {
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

enum stats_tree_need stats_interest(const struct stats *s, uint8_t *bitset)
{
	enum stats_tree_need need = STATS_TREE_NONE;

	for (int i = 0; s && i < s->n; i++)
		if (s->kind[i]->interest) {
			enum stats_tree_need k = s->kind[i]->interest(s->st[i], bitset);
			if (k > need)
				need = k;
		}
	return need;
}

void stats_print(struct stats *s, FILE *fp)
{
	for (int i = s->n - 1; i >= 0; i--)
		s->kind[i]->print(s->st[i], fp);
}

struct dfilter *stats_filter(const char *text, char *errbuf, size_t n)
{
	struct dfilter_error err;
	struct dfilter *f = dfilter_compile(text, &err);

	if (!f)
		dfilter_error_format(text, &err, errbuf, n);
	return f;
}

int stats_filter_match(const struct dfilter *f, const struct dctx *d)
{
	return !f || (d->tree && dfilter_apply(f, d->tree, d->pi));
}

enum stats_tree_need stats_filter_interest(const struct dfilter *f, uint8_t *bitset)
{
	if (!f)
		return STATS_TREE_NONE;
	dfilter_interest(f, bitset);
	return STATS_TREE_FIELDS;
}

int stats_proto_tapped(const struct pinfo *pi, const char *proto)
{
	for (int i = 0; i < pi->nprotos; i++) {
		if (strcmp(pi->protos[i], "icmp") == 0 || strcmp(pi->protos[i], "icmpv6") == 0)
			return 0;
		if (strcmp(pi->protos[i], proto) == 0)
			return !(strcmp(proto, "ipv6") == 0 && i + 2 < pi->nprotos &&
			    strcmp(pi->protos[i + 1], "ipv6.fraghdr") == 0 &&
			    strcmp(pi->protos[i + 2], "data") == 0);
	}
	return 0;
}

const char *stats_arg_rest(const char *arg, const char *prefix)
{
	size_t k = strlen(prefix);

	if (strncmp(arg, prefix, k) != 0)
		return NULL;
	return arg[k] == '\0' ? arg + k : arg[k] == ',' ? arg + k + 1 : NULL;
}

void stats_free(struct stats *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++)
		s->kind[i]->destroy(s->st[i]);
	free(s);
}
