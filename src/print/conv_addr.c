/* conv_addr.c — -z conv,eth|ip|ipv6: tshark 4.0's conversation tables by address
 * pair, laid out as -z conv,tcp (print_conv_row) with 20-column endpoints.
 *
 * A row is an unordered address pair; A is the source of its first packet and "->"
 * counts the packets from A (a pair of one address counts every packet there).  Rows
 * come most packets first, ties in order of appearance.  The packets: those the
 * protocol's tap sees (stats_proto_tapped), with the outermost Ethernet
 * addresses or the innermost network ones (a tunnelled packet counts for its inner
 * pair only; tshark counts each header's).
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "print/print.h"
#include "print/stats.h"

#define CONV_MAX 1000000	/* past this, new pairs are not counted */
#define CONV_ADDR_W 20

struct conv_desc {
	const char *title, *proto;
	uint8_t addr_type;		/* AT_NONE: the link addresses */
};

struct pair {
	struct address a, b;
	uint32_t seq;
	uint64_t frames_ab, frames_ba, bytes_ab, bytes_ba;
	int64_t first_rel, last_rel;
};

struct conv_addr {
	const struct conv_desc *desc;
	struct pair *p;
	size_t n, cap;
	uint32_t *hash;			/* pair index + 1 */
	size_t hcap;
};

static void *ca_create(const struct stat_kind *k, const char *arg, char *errbuf, size_t n)
{
	struct conv_addr *c;

	if (strcmp(arg, k->prefix) != 0) {
		snprintf(errbuf, n, "invalid -z argument \"%s\"; use conv,eth, conv,ip or conv,ipv6", arg);
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->desc = k->data;
	return c;
}

/* The same for either order of the pair. */
static size_t pair_hash(const struct address *x, const struct address *y)
{
	uint64_t hx = 1469598103934665603u, hy = 1469598103934665603u;

	for (int i = 0; i < 16; i++) {
		hx = (hx ^ x->a[i]) * 1099511628211u;
		hy = (hy ^ y->a[i]) * 1099511628211u;
	}
	return (size_t)(hx ^ hy);
}

static int same(const struct address *x, const struct address *y)
{
	return memcmp(x, y, sizeof(*x)) == 0;
}

static uint32_t *pair_slot(const struct conv_addr *c, const struct address *x, const struct address *y)
{
	size_t i = pair_hash(x, y) & (c->hcap - 1);

	for (;; i = (i + 1) & (c->hcap - 1)) {
		const struct pair *p = c->hash[i] ? &c->p[c->hash[i] - 1] : NULL;
		if (!p || (same(&p->a, x) && same(&p->b, y)) || (same(&p->a, y) && same(&p->b, x)))
			return &c->hash[i];
	}
}

static void ca_packet(void *st, const struct dctx *d, const struct pkt_rec *rec)
{
	struct conv_addr *c = st;
	const struct pinfo *pi = d->pi;
	const struct address *src = c->desc->addr_type ? &pi->net_src : &pi->dl_src;
	const struct address *dst = c->desc->addr_type ? &pi->net_dst : &pi->dl_dst;
	uint64_t len = (uint64_t)(int64_t)(int32_t)pi->len;	/* as tshark: a signed int */
	uint32_t *s;
	struct pair *p;

	(void)rec;
	if (!stats_proto_tapped(pi, c->desc->proto) ||
	    (c->desc->addr_type && src->type != c->desc->addr_type))
		return;
	if (2 * (c->n + 1) > c->hcap) {
		free(c->hash);
		c->hcap = c->hcap ? 2 * c->hcap : 256;
		c->hash = xcalloc(c->hcap, sizeof(*c->hash));
		for (size_t i = 0; i < c->n; i++)
			*pair_slot(c, &c->p[i].a, &c->p[i].b) = (uint32_t)i + 1;
	}
	s = pair_slot(c, src, dst);
	if (!*s) {
		if (c->n >= CONV_MAX)
			return;
		c->p = xgrow(c->p, &c->cap, c->n + 1, sizeof(*c->p));
		p = &c->p[c->n];
		memset(p, 0, sizeof(*p));
		p->a = *src;
		p->b = *dst;
		p->seq = (uint32_t)c->n;
		p->first_rel = pi->rel_ts;
		*s = (uint32_t)++c->n;
	}
	p = &c->p[*s - 1];
	p->last_rel = pi->rel_ts;
	if (same(src, &p->a)) {
		p->frames_ab++;
		p->bytes_ab += len;
	} else {
		p->frames_ba++;
		p->bytes_ba += len;
	}
}

static int cmp_pairs(const void *x, const void *y)
{
	const struct pair *a = *(const struct pair *const *)x, *b = *(const struct pair *const *)y;
	uint64_t fa = a->frames_ab + a->frames_ba, fb = b->frames_ab + b->frames_ba;

	if (fa != fb)
		return fa > fb ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void ca_print(void *st, FILE *fp)
{
	const struct conv_addr *c = st;
	const struct pair **v = xcalloc(c->n ? c->n : 1, sizeof(*v));

	for (size_t i = 0; i < c->n; i++)
		v[i] = &c->p[i];
	qsort(v, c->n, sizeof(*v), cmp_pairs);
	print_conv_head(fp, c->desc->title, CONV_ADDR_W);
	for (size_t i = 0; i < c->n; i++) {
		char a[64], b[64];
		addr_to_str(&v[i]->a, a, sizeof(a));
		addr_to_str(&v[i]->b, b, sizeof(b));
		print_conv_row(fp, CONV_ADDR_W, a, b, v[i]->frames_ba, v[i]->bytes_ba, v[i]->frames_ab,
		    v[i]->bytes_ab, v[i]->first_rel, v[i]->last_rel);
	}
	fputs("================================================================================\n", fp);
	free(v);
}

static void ca_destroy(void *st)
{
	struct conv_addr *c = st;

	free(c->p);
	free(c->hash);
	free(c);
}

static const struct conv_desc eth_desc = { "Ethernet", "eth", AT_NONE };
static const struct conv_desc ip_desc = { "IPv4", "ip", AT_IPv4 };
static const struct conv_desc ipv6_desc = { "IPv6", "ipv6", AT_IPv6 };

/* stats.c takes the last kind whose prefix matches: conv,ipv6 after conv,ip */
const struct stat_kind conv_eth_kind = {
	"conv,eth", ca_create, ca_packet, ca_print, ca_destroy, 0, NULL, &eth_desc,
};
const struct stat_kind conv_ip_kind = {
	"conv,ip", ca_create, ca_packet, ca_print, ca_destroy, 0, NULL, &ip_desc,
};
const struct stat_kind conv_ipv6_kind = {
	"conv,ipv6", ca_create, ca_packet, ca_print, ca_destroy, 0, NULL, &ipv6_desc,
};
