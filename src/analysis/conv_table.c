/* conv_table.c — TCP and UDP conversations by stream index; see conv_table.h.
 *
 * Rows live in chunks of CT_CHUNK that never move (no doubling slack: the TUI keeps
 * one row per conversation of a capture that may hold millions of packets). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/conv_table.h"
#include "core/xmalloc.h"

#define CT_SHIFT 10
#define CT_CHUNK ((size_t)1 << CT_SHIFT)

struct convtab {
	struct convtab_row **chunk;
	size_t nchunk, cchunk;
	size_t n;
	uint32_t *by_stream[2];		/* [PT_TCP-1 / PT_UDP-1][stream]: row index + 1 */
	size_t nby[2];
	int64_t start;			/* the capture's first frame time */
	int have_start;
};

struct convtab *convtab_new(void)
{
	return xcalloc(1, sizeof(struct convtab));
}

void convtab_free(struct convtab *ct)
{
	if (!ct)
		return;
	for (size_t i = 0; i < ct->nchunk; i++)
		free(ct->chunk[i]);
	free(ct->chunk);
	free(ct->by_stream[0]);
	free(ct->by_stream[1]);
	free(ct);
}

static uint32_t *slot(struct convtab *ct, int k, uint32_t stream)
{
	if (stream >= ct->nby[k]) {
		size_t old = ct->nby[k];
		ct->by_stream[k] = xgrow(ct->by_stream[k], &ct->nby[k], (size_t)stream + 1,
		    sizeof(*ct->by_stream[k]));
		memset(ct->by_stream[k] + old, 0, (ct->nby[k] - old) * sizeof(*ct->by_stream[k]));
	}
	return &ct->by_stream[k][stream];
}

static struct convtab_row *row_at(const struct convtab *ct, size_t i)
{
	return &ct->chunk[i >> CT_SHIFT][i & (CT_CHUNK - 1)];
}

uint32_t convtab_add(struct convtab *ct, const struct pinfo *pi)
{
	struct convtab_row *r;
	uint32_t *s;

	if (!ct->have_start) {
		ct->start = pi->ts - pi->rel_ts;
		ct->have_start = 1;
	}
	if (pi->stream_ptype != PT_TCP && pi->stream_ptype != PT_UDP)
		return 0;
	s = slot(ct, pi->stream_ptype == PT_TCP ? 0 : 1, pi->stream);
	if (!*s) {
		if ((ct->n >> CT_SHIFT) >= ct->nchunk) {
			ct->chunk = xgrow(ct->chunk, &ct->cchunk, ct->nchunk + 1, sizeof(*ct->chunk));
			ct->chunk[ct->nchunk++] = xmalloc(CT_CHUNK * sizeof(struct convtab_row));
		}
		r = row_at(ct, ct->n);
		memset(r, 0, sizeof(*r));
		r->a = pi->net_src;
		r->b = pi->net_dst;
		r->pa = pi->srcport;
		r->pb = pi->dstport;
		r->ptype = (uint8_t)pi->stream_ptype;
		r->stream = pi->stream;
		r->first_frame = pi->num;
		r->first_ts = pi->ts;
		*s = (uint32_t)++ct->n;
	}
	r = row_at(ct, *s - 1);
	r->last_ts = pi->ts;
	if (pi->srcport == r->pa && !memcmp(&pi->net_src, &r->a, sizeof(r->a))) {
		r->frames_ab++;
		r->bytes_ab += pi->len;
	} else {
		r->frames_ba++;
		r->bytes_ba += pi->len;
	}
	return *s;
}

size_t convtab_count(const struct convtab *ct)
{
	return ct->n;
}

const struct convtab_row *convtab_row(const struct convtab *ct, size_t i)
{
	return i < ct->n ? row_at(ct, i) : NULL;
}

int64_t convtab_first_rel(const struct convtab *ct, const struct convtab_row *r)
{
	return r->first_ts - ct->start;
}

static int cmp_rows(const void *x, const void *y)
{
	const struct convtab_row *a = *(const struct convtab_row *const *)x;
	const struct convtab_row *b = *(const struct convtab_row *const *)y;
	uint64_t ta = (uint64_t)a->frames_ab + a->frames_ba, tb = (uint64_t)b->frames_ab + b->frames_ba;

	if (ta != tb)
		return ta > tb ? -1 : 1;
	/* then in order of appearance: first frame, then stream number */
	if (a->first_frame != b->first_frame)
		return a->first_frame < b->first_frame ? -1 : 1;
	return a->stream < b->stream ? -1 : a->stream > b->stream;
}

size_t convtab_sorted(const struct convtab *ct, int ptype, const struct convtab_row ***rows)
{
	const struct convtab_row **v = xcalloc(ct->n ? ct->n : 1, sizeof(*v));
	size_t k = 0;

	for (size_t i = 0; i < ct->n; i++)
		if (row_at(ct, i)->ptype == ptype)
			v[k++] = row_at(ct, i);
	qsort(v, k, sizeof(*v), cmp_rows);
	*rows = v;
	return k;
}
