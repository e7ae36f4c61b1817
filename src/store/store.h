/* store.h — the append-only packet store of one capture.
 *
 * Holds every packet's bytes and one fixed-size summary record per packet.  Bytes of
 * a memory-mapped capture file are not copied: the record keeps their offset in the
 * map.  Bytes from anywhere else (live capture, stdin, the ring) are copied into a
 * chunked arena whose chunks never move, so a pointer from store_data() stays valid
 * for the store's life.  Records live in one growing array: a pointer from
 * store_at()/store_get() is valid until the next store_append().
 *
 * Single writer, single reader: the UI thread (or a test) owns the store.
 * Memory per packet beyond its bytes: sizeof(struct store_pkt) == 32 (+ arena slack
 * under one chunk for copied packets).
 */
#ifndef NETLAB_STORE_H
#define NETLAB_STORE_H

#include <stddef.h>
#include <stdint.h>

enum {
	STORE_F_MARKED = 1 << 0,	/* marked by the user */
	STORE_F_NO_TS = 1 << 1,		/* the source had no time stamp */
	STORE_F_MALFORMED = 1 << 2,	/* first pass found a malformed layer */
	STORE_F_MATCH = 1 << 3,		/* scratch bit for the display filter pass */
	STORE_F_BLOCK = 1 << 4,		/* not a packet: a pcapng block listed as a frame
					 * (LINKTYPE_PCAPNG_BLOCK); ifid unused */
	STORE_F_OPTS = 1 << 5,		/* the record has pcapng options (store_opts) */
};

struct store_pkt {
	int64_t ts;		/* capture time, ns since the epoch */
	uint64_t ref;		/* where the bytes are (store-private encoding) */
	uint32_t caplen, len;
	uint32_t conv;		/* owner's conversation index + 1, 0 = none (not used here) */
	uint16_t ifid;		/* interface (see store_set_iface) */
	uint8_t flags;		/* STORE_F_* */
	uint8_t color;		/* owner's colour cache, 0 = not computed (not used here) */
};

struct store;

/* map/map_size: the mmap'd capture file whose packets need no copy (NULL, 0: none). */
struct store *store_new(const uint8_t *map, size_t map_size);
void store_free(struct store *s);

/* Appends a packet: p's ts, caplen, len, ifid, flags, conv and color are taken, ref is
 * set here.  data (caplen bytes) is referenced when it lies inside the map, copied
 * otherwise.  Returns the packet's index (0-based; frame number - 1). */
uint32_t store_append(struct store *s, const struct store_pkt *p, const uint8_t *data);

uint32_t store_count(const struct store *s);
const struct store_pkt *store_get(const struct store *s, uint32_t i);
/* For the owner's fields (flags, conv, color) only: never change ts/ref/caplen. */
struct store_pkt *store_at(struct store *s, uint32_t i);
const uint8_t *store_data(const struct store *s, uint32_t i);

/* An interface: link type, name and description (NULL when the source has none),
 * pcapng section (from 1; 0 for pcap), digits of its time stamps (6 or 9). */
struct store_iface {
	int linktype;
	uint32_t section;
	int time_digits;
	const char *name, *descr;
};
/* Sets interface ifid (< 65536); the strings are copied ("" counts as none). */
void store_set_iface(struct store *s, uint32_t ifid, const struct store_iface *info);
/* Interface ifid, NULL when never set. */
const struct store_iface *store_iface(const struct store *s, uint32_t ifid);
int store_iface_linktype(const struct store *s, uint32_t ifid);	/* -1 unknown */

/* A packet's pcapng options (raw, as capfile gives them), copied; set once, right
 * after its store_append, which marks it STORE_F_OPTS. */
void store_set_opts(struct store *s, uint32_t i, const uint8_t *opts, uint32_t len, int swap);
/* The options of packet i (NULL, *len 0 when it has none); *swap: their byte order
 * is not ours. */
const uint8_t *store_opts(const struct store *s, uint32_t i, uint32_t *len, int *swap);

/* Bytes of heap the store holds (records + arena + tables), for statistics. */
size_t store_mem(const struct store *s);
/* Bytes copied into the arena (packets that were not in the map). */
uint64_t store_copied(const struct store *s);

#endif
