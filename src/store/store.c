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

struct store_iface {
	int linktype;
	char *name;
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
};

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
		free(s->ifaces[i].name);
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
	s->copied += n;
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
	else
		r->ref = arena_copy(s, data, p->caplen);
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

const uint8_t *store_data(const struct store *s, uint32_t i)
{
	uint64_t ref;

	if (i >= s->npkts)
		return NULL;
	ref = s->pkts[i].ref;
	if (!(ref & STORE_ARENA_BIT))
		return s->map + ref;
	ref &= ~STORE_ARENA_BIT;
	return s->chunks[ref >> STORE_CHUNK_SHIFT] + (ref & (STORE_CHUNK - 1));
}

void store_set_iface(struct store *s, uint32_t ifid, int linktype, const char *name)
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
	s->ifaces[ifid].linktype = linktype;
	free(s->ifaces[ifid].name);
	s->ifaces[ifid].name = name && *name ? xstrdup(name) : NULL;
}

int store_iface_linktype(const struct store *s, uint32_t ifid)
{
	return ifid < s->nifaces ? s->ifaces[ifid].linktype : -1;
}

const char *store_iface_name(const struct store *s, uint32_t ifid)
{
	return ifid < s->nifaces ? s->ifaces[ifid].name : NULL;
}

size_t store_mem(const struct store *s)
{
	return sizeof(*s) + s->cap * sizeof(*s->pkts) + s->nchunks * STORE_CHUNK +
	    s->chunks_cap * sizeof(*s->chunks) + s->ifaces_cap * sizeof(*s->ifaces);
}

uint64_t store_copied(const struct store *s)
{
	return s->copied;
}
