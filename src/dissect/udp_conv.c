/* udp_conv.c — UDP conversation table; see udp_conv.h.
 *
 * Open addressing keyed by the canonical endpoint pair (the smaller endpoint first, so
 * both directions meet).  Grows at 50% load.  With keep_results each frame's answer is
 * kept in an array indexed by frame number (12 bytes per UDP frame).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dissect/udp_conv.h"
#include "core/xmalloc.h"
#include "dissect/dissect.h"

struct endpoint {
	uint8_t type;
	uint8_t a[16];
	uint16_t port;
};

struct conv {
	struct endpoint e[2];
	uint32_t stream;
	int used;
	int64_t first_ts, last_ts;
};

struct udpconv {
	struct conv *tab;
	size_t cap, n;
	uint32_t next_stream;
	int keep;
	struct udp_frame_info *frames;	/* by frame number, keep_results only */
	uint8_t *have;
	size_t fcap;
	/* a frame with several UDP headers (tunnels): the second and later answers */
	struct later {
		uint32_t num, occ;
		struct udp_frame_info fi;
	} *later;
	size_t nlater, clater;
	uint32_t serial, occ;		/* the dissection under way and its UDP headers so far */
};

struct udpconv *udpconv_new(int keep_results)
{
	struct udpconv *u = xcalloc(1, sizeof(*u));

	u->cap = 256;
	u->tab = xcalloc(u->cap, sizeof(*u->tab));
	u->keep = keep_results;
	return u;
}

void udpconv_free(struct udpconv *u)
{
	if (!u)
		return;
	free(u->tab);
	free(u->frames);
	free(u->have);
	free(u->later);
	free(u);
}

static int ep_cmp(const struct endpoint *x, const struct endpoint *y)
{
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	int c = memcmp(x->a, y->a, 16);
	if (c)
		return c;
	return x->port == y->port ? 0 : x->port < y->port ? -1 : 1;
}

static uint64_t hash(const struct endpoint *e)
{
	uint64_t h = 1469598103934665603ull;
	const struct endpoint *p[2] = { &e[0], &e[1] };

	for (int i = 0; i < 2; i++) {
		h = (h ^ p[i]->type) * 1099511628211ull;
		for (int j = 0; j < 16; j++)
			h = (h ^ p[i]->a[j]) * 1099511628211ull;
		h = (h ^ p[i]->port) * 1099511628211ull;
		h = (h ^ (p[i]->port >> 8)) * 1099511628211ull;
	}
	return h;
}

static struct conv *slot(struct conv *tab, size_t cap, const struct endpoint *e)
{
	size_t i = (size_t)hash(e) & (cap - 1);

	while (tab[i].used && (ep_cmp(&tab[i].e[0], &e[0]) || ep_cmp(&tab[i].e[1], &e[1])))
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

static void grow(struct udpconv *u)
{
	size_t ncap = u->cap * 2;
	struct conv *nt = xcalloc(ncap, sizeof(*nt));

	for (size_t i = 0; i < u->cap; i++)
		if (u->tab[i].used)
			*slot(nt, ncap, u->tab[i].e) = u->tab[i];
	free(u->tab);
	u->tab = nt;
	u->cap = ncap;
}

static void remember(struct udpconv *u, uint32_t num, uint32_t occ, const struct udp_frame_info *fi)
{
	if (occ) {
		u->later = xgrow(u->later, &u->clater, u->nlater + 1, sizeof(*u->later));
		u->later[u->nlater++] = (struct later){ num, occ, *fi };
		return;
	}
	if (num >= u->fcap) {
		size_t ncap = u->fcap ? u->fcap : 1024;
		while (ncap <= num)
			ncap *= 2;
		u->frames = xrealloc(u->frames, ncap * sizeof(*u->frames));
		u->have = xrealloc(u->have, ncap);
		memset(u->have + u->fcap, 0, ncap - u->fcap);
		u->fcap = ncap;
	}
	u->frames[num] = *fi;
	u->have[num] = 1;
}

/* The recorded answer for the occ-th UDP header of frame num, or NULL. */
static const struct udp_frame_info *recalled(const struct udpconv *u, uint32_t num, uint32_t occ)
{
	if (!occ)
		return num < u->fcap && u->have[num] ? &u->frames[num] : NULL;
	/* appended in capture order: sorted by (num, occ) */
	size_t lo = 0, hi = u->nlater;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct later *l = &u->later[mid];
		if (l->num < num || (l->num == num && l->occ < occ))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < u->nlater && u->later[lo].num == num && u->later[lo].occ == occ ?
	    &u->later[lo].fi : NULL;
}

void udpconv_lookup(struct udpconv *u, uint32_t num, uint32_t serial, int visited, int64_t ts,
    const struct address *src, uint16_t sport, const struct address *dst, uint16_t dport,
    struct udp_frame_info *out)
{
	struct endpoint e[2], tmp;
	struct conv *c;
	uint32_t occ;

	if (serial != u->serial) {
		u->serial = serial;
		u->occ = 0;
	}
	occ = u->occ++;
	if (u->keep && visited) {
		const struct udp_frame_info *fi = recalled(u, num, occ);
		if (fi) {
			*out = *fi;
			return;
		}
	}
	memset(e, 0, sizeof(e));
	e[0].type = src->type;
	memcpy(e[0].a, src->a, 16);
	e[0].port = sport;
	e[1].type = dst->type;
	memcpy(e[1].a, dst->a, 16);
	e[1].port = dport;
	if (ep_cmp(&e[0], &e[1]) > 0) {
		tmp = e[0];
		e[0] = e[1];
		e[1] = tmp;
	}
	c = slot(u->tab, u->cap, e);
	if (!c->used) {
		c->used = 1;
		c->e[0] = e[0];
		c->e[1] = e[1];
		c->stream = u->next_stream++;
		c->first_ts = c->last_ts = ts;
		if (++u->n * 2 > u->cap) {
			grow(u);
			c = slot(u->tab, u->cap, e);
		}
	}
	out->stream = c->stream;
	out->rel_ts = ts - c->first_ts;
	out->delta_ts = ts - c->last_ts;
	if (!visited)
		c->last_ts = ts;
	if (u->keep && !recalled(u, num, occ))
		remember(u, num, occ, out);
}
