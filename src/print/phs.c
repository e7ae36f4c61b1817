/* phs.c — -z io,phs[,FILTER]: tshark 4.0's protocol hierarchy statistics.
 *
 * Each packet read that passes the filter walks a tree of protocols along its
 * top-level tree nodes (frame, eth, ip, tcp, http …, _ws.malformed: what -V shows
 * unindented; not frame.protocols, which also lists layers without a node of their
 * own, "ethertype", and the ones shown inside another, an ICMP error's IP header),
 * counting the packet and its length at every protocol it passes; children keep the
 * order they were first seen in.  The report leaves "frame" out:
 *
 *   eth                                      frames:50 bytes:17481
 *     ip                                     frames:50 bytes:17481
 *
 * names indented two blanks a level and padded to 40 columns.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/registry.h"
#include "dissect/tree.h"
#include "filter/dfilter.h"
#include "print/stats.h"

#define PHS_MAX_NODES 100000	/* past this, new protocol paths are not counted */
#define PHS_NAME_COL 40

struct phs_node {
	const char *name;		/* a dissector's static string */
	uint32_t first, next;		/* node indices, 0 = none (0 is the root) */
	uint32_t frames;
	uint64_t bytes;
};

struct phs {
	struct dfilter *filter;
	char *filter_text;
	struct phs_node *n;
	size_t nn, cap;
};

static void *phs_create(const struct stat_kind *k, const char *arg, char *errbuf, size_t n)
{
	const char *rest = stats_arg_rest(arg, k->prefix);
	struct phs *p;

	if (!rest) {
		snprintf(errbuf, n, "invalid -z argument \"%s\"; use io,phs or io,phs,FILTER", arg);
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	if (*rest && !(p->filter = stats_filter(rest, errbuf, n))) {
		free(p);
		return NULL;
	}
	p->filter_text = xstrdup(rest);
	p->n = xcalloc(1, sizeof(*p->n));
	p->nn = p->cap = 1;
	return p;
}

/* The child of node named name, added last when new; 0 past PHS_MAX_NODES. */
static uint32_t child(struct phs *p, uint32_t node, const char *name)
{
	uint32_t k, last = 0;

	for (k = p->n[node].first; k; last = k, k = p->n[k].next)
		if (strcmp(p->n[k].name, name) == 0)
			return k;
	if (p->nn >= PHS_MAX_NODES)
		return 0;
	p->n = xgrow(p->n, &p->cap, p->nn + 1, sizeof(*p->n));
	k = (uint32_t)p->nn++;
	memset(&p->n[k], 0, sizeof(p->n[k]));
	p->n[k].name = name;
	if (last)
		p->n[last].next = k;
	else
		p->n[node].first = k;
	return k;
}

/* Counts the packet at node's child name; returns the child, 0 when full. */
static uint32_t count(struct phs *p, uint32_t node, const char *name, uint32_t len)
{
	uint32_t k = child(p, node, name);

	if (k) {
		p->n[k].frames++;
		p->n[k].bytes += len;
	}
	return k;
}

static const struct field_def *segments;	/* tcp.segments */

static void phs_packet(void *st, const struct dctx *d, const struct pkt_rec *rec)
{
	struct phs *p = st;
	const struct dtree *t = d->tree;
	const struct field_def *late = NULL;
	uint32_t node = 0;

	(void)rec;
	if (!t || !stats_filter_match(p->filter, d))
		return;
	if (!segments)
		segments = reg_lookup("tcp.segments");
	for (uint32_t k = t->nodes[0].first; k; k = t->nodes[k].next) {
		const struct field_def *f = t->nodes[k].f, *nf;
		if (!f)
			continue;	/* a text node (tshark has an item of its own) */
		nf = t->nodes[k].next ? t->nodes[t->nodes[k].next].f : NULL;
		if (f == segments && nf && strcmp(nf->abbrev, "http") == 0) {
			late = f;	/* tshark -q leaves it after HTTP's nodes (-V shows it before) */
			continue;
		}
		if (!(node = count(p, node, f->abbrev, d->pi->len)))
			return;
	}
	if (late)
		count(p, node, late->abbrev, d->pi->len);
}

static void print_level(const struct phs *p, uint32_t node, int depth, FILE *fp)
{
	for (uint32_t k = p->n[node].first; k; k = p->n[k].next) {
		int w = fprintf(fp, "%*s%s", 2 * depth, "", p->n[k].name);
		fprintf(fp, "%*s frames:%" PRIu32 " bytes:%" PRIu64 "\n",
		    w < PHS_NAME_COL ? PHS_NAME_COL - w : 0, "", p->n[k].frames, p->n[k].bytes);
		print_level(p, k, depth + 1, fp);
	}
}

static void phs_print(void *st, FILE *fp)
{
	const struct phs *p = st;
	static const char rule[] = "===================================================================\n";

	fprintf(fp, "\n%sProtocol Hierarchy Statistics\nFilter: %s\n\n", rule, p->filter_text);
	for (uint32_t k = p->n[0].first; k; k = p->n[k].next)	/* "frame" */
		print_level(p, k, 0, fp);
	fputs(rule, fp);
}

static void phs_destroy(void *st)
{
	struct phs *p = st;

	if (p->filter)
		dfilter_free(p->filter);
	free(p->filter_text);
	free(p->n);
	free(p);
}

static enum stats_tree_need phs_interest(void *st, uint8_t *bitset)
{
	stats_filter_interest(((struct phs *)st)->filter, bitset);
	return STATS_TREE_ALL;
}

const struct stat_kind io_phs_kind = {
	"io,phs", phs_create, phs_packet, phs_print, phs_destroy, 0, phs_interest, NULL,
};
