/* store.c — append-only packet store; see store.h.
 *
 * ref encoding: top bit clear = offset in the map; top bit set = arena position,
 * chunk index << STORE_CHUNK_SHIFT | offset in chunk.  Chunks are 1 MiB (a packet
 * is at most CAPFILE_MAX_CAPLEN = 256 KiB, so one always fits in a fresh chunk);
 * the space left at a chunk's end when a packet does not fit is the only waste.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "store/store.h"

#define STORE_CHUNK_SHIFT 20
#define STORE_CHUNK ((size_t)1 << STORE_CHUNK_SHIFT)
#define STORE_ARENA_BIT ((uint64_t)1 << 63)

/* The options of one packet, in the arena; sorted by idx (packets are appended). */
struct store_opt {
	uint32_t idx, len;
	uint64_t ref;
	int swap;
};

struct store {
	const uint8_t *map;
	size_t map_size;
	struct store_pkt *pkts;
	size_t npkts, cap;
	uint8_t **chunks;		/* never moved once allocated */
	size_t nchunks, chunks_cap;
	size_t chunk_used;		/* bytes used in the last chunk */
	uint64_t copied;
	struct store_iface *ifaces;
	size_t nifaces, ifaces_cap;
	struct store_opt *opts;
	size_t nopts, opts_cap;
};

static void iface_free(struct store_iface *i)
{
	free((char *)i->name);	/* the store's own copies (dup_or_null) */
	free((char *)i->descr);
}

struct store *store_new(const uint8_t *map, size_t map_size)
{
	struct store *s = xcalloc(1, sizeof(*s));

	s->map = map;
	s->map_size = map ? map_size : 0;
	return s;
}

void store_free(struct store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nchunks; i++)
		free(s->chunks[i]);
	for (size_t i = 0; i < s->nifaces; i++)
		iface_free(&s->ifaces[i]);
	free(s->opts);
	free(s->chunks);
	free(s->ifaces);
	free(s->pkts);
	free(s);
}

static uint64_t arena_copy(struct store *s, const uint8_t *data, uint32_t n)
{
	uint64_t ref;

	if (!s->nchunks || s->chunk_used + n > STORE_CHUNK) {
		size_t sz = n > STORE_CHUNK ? n : STORE_CHUNK;
		s->chunks = xgrow(s->chunks, &s->chunks_cap, s->nchunks + 1, sizeof(*s->chunks));
		s->chunks[s->nchunks++] = xmalloc(sz);
		s->chunk_used = 0;
	}
	ref = STORE_ARENA_BIT | ((uint64_t)(s->nchunks - 1) << STORE_CHUNK_SHIFT) | s->chunk_used;
	if (n)
		memcpy(s->chunks[s->nchunks - 1] + s->chunk_used, data, n);
	/* A packet bigger than a chunk got a chunk of its own: mark it full. */
	s->chunk_used = n > STORE_CHUNK ? STORE_CHUNK : s->chunk_used + n;
	return ref;
}

uint32_t store_append(struct store *s, const struct store_pkt *p, const uint8_t *data)
{
	struct store_pkt *r;

	if (s->npkts >= UINT32_MAX)
		fatal("packet store full (%zu packets)", s->npkts);
	s->pkts = xgrow(s->pkts, &s->cap, s->npkts + 1, sizeof(*s->pkts));
	r = &s->pkts[s->npkts];
	*r = *p;
	if (s->map && data >= s->map && (size_t)(data - s->map) <= s->map_size &&
	    p->caplen <= s->map_size - (size_t)(data - s->map))
		r->ref = (uint64_t)(data - s->map);
	else {
		r->ref = arena_copy(s, data, p->caplen);
		s->copied += p->caplen;
	}
	return (uint32_t)s->npkts++;
}

uint32_t store_count(const struct store *s)
{
	return (uint32_t)s->npkts;
}

const struct store_pkt *store_get(const struct store *s, uint32_t i)
{
	return i < s->npkts ? &s->pkts[i] : NULL;
}

struct store_pkt *store_at(struct store *s, uint32_t i)
{
	return i < s->npkts ? &s->pkts[i] : NULL;
}

static const uint8_t *ref_data(const struct store *s, uint64_t ref)
{
	if (!(ref & STORE_ARENA_BIT))
		return s->map + ref;
	ref &= ~STORE_ARENA_BIT;
	return s->chunks[ref >> STORE_CHUNK_SHIFT] + (ref & (STORE_CHUNK - 1));
}

const uint8_t *store_data(const struct store *s, uint32_t i)
{
	return i < s->npkts ? ref_data(s, s->pkts[i].ref) : NULL;
}

void store_set_opts(struct store *s, uint32_t i, const uint8_t *opts, uint32_t len, int swap)
{
	if (i >= s->npkts || !len || (s->pkts[i].flags & STORE_F_OPTS))
		return;
	s->opts = xgrow(s->opts, &s->opts_cap, s->nopts + 1, sizeof(*s->opts));
	s->opts[s->nopts++] = (struct store_opt){ i, len, arena_copy(s, opts, len), swap };
	s->pkts[i].flags |= STORE_F_OPTS;
}

const uint8_t *store_opts(const struct store *s, uint32_t i, uint32_t *len, int *swap)
{
	size_t lo = 0, hi = s->nopts;

	*len = 0;
	*swap = 0;
	if (i >= s->npkts || !(s->pkts[i].flags & STORE_F_OPTS))
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->opts[mid].idx < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == s->nopts || s->opts[lo].idx != i)
		return NULL;
	*len = s->opts[lo].len;
	*swap = s->opts[lo].swap;
	return ref_data(s, s->opts[lo].ref);
}

static char *dup_or_null(const char *str)
{
	return str && *str ? xstrdup(str) : NULL;
}

void store_set_iface(struct store *s, uint32_t ifid, const struct store_iface *info)
{
	if (ifid > 65535)
		return;
	if (ifid >= s->nifaces) {
		s->ifaces = xgrow(s->ifaces, &s->ifaces_cap, ifid + 1, sizeof(*s->ifaces));
		memset(s->ifaces + s->nifaces, 0, (ifid + 1 - s->nifaces) * sizeof(*s->ifaces));
		for (size_t i = s->nifaces; i <= ifid; i++)
			s->ifaces[i].linktype = -1;
		s->nifaces = ifid + 1;
	}
	iface_free(&s->ifaces[ifid]);
	s->ifaces[ifid] = *info;
	s->ifaces[ifid].name = dup_or_null(info->name);
	s->ifaces[ifid].descr = dup_or_null(info->descr);
}

const struct store_iface *store_iface(const struct store *s, uint32_t ifid)
{
	return ifid < s->nifaces && s->ifaces[ifid].linktype >= 0 ? &s->ifaces[ifid] : NULL;
}

int store_iface_linktype(const struct store *s, uint32_t ifid)
{
	return ifid < s->nifaces ? s->ifaces[ifid].linktype : -1;
}

size_t store_mem(const struct store *s)
{
	return sizeof(*s) + s->cap * sizeof(*s->pkts) + s->nchunks * STORE_CHUNK +
	    s->chunks_cap * sizeof(*s->chunks) + s->ifaces_cap * sizeof(*s->ifaces) +
	    s->opts_cap * sizeof(*s->opts);
}

uint64_t store_copied(const struct store *s)
{
	return s->copied;
}
