/* ring.c — SPSC packet ring: byte ring of 8-byte aligned records (see ring.h).
 *
 * Positions are free-running 64-bit byte counters; index = pos & mask.  A record that
 * does not fit before the end of the buffer is preceded by a wrap marker (reclen 0)
 * that tells the consumer to continue at offset 0; records are 8-aligned and the
 * capacity is a power of two, so there is always room for the marker.
 *
 * Memory order: the producer writes records, then store-releases head; the consumer
 * load-acquires head before reading them.  The consumer store-releases tail after it
 * is done with the bytes; the producer load-acquires tail before overwriting them.
 * Sleeping is a Dekker pair: consumer stores sleeping=1, fence, loads head; producer
 * stores head, fence, loads sleeping — one of them always sees the other.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef HAVE_SYS_EVENTFD_H
#include <sys/eventfd.h>
#endif

#include "capture/ring.h"
#include "core/xmalloc.h"

#define CACHELINE 64

struct ring_hdr {
	uint32_t reclen;	/* whole record incl. header and padding; 0 = wrap marker */
	uint32_t caplen;
	uint32_t len;
	uint32_t ts_nsec;
	int64_t ts_sec;
	int32_t linktype;
	uint32_t ifid;
	uint32_t flags;		/* pkt_rec.flags (CAPFILE_REC_*: replayed files) */
	uint32_t opts_len;	/* pcapng options after the frame bytes (files) */
};

#define HDR_SIZE ((uint32_t)sizeof(struct ring_hdr))

struct ring {
	/* read-only after creation */
	uint8_t *buf;
	size_t cap;
	size_t mask;
	uint32_t max_caplen;
	int wfd;		/* write end (== rfd for eventfd) */
	int rfd;

	/* producer's private line */
	alignas(CACHELINE) size_t p_head;	/* next write position (unpublished) */
	size_t p_tail_cache;
	size_t p_pub;				/* last published head */
	unsigned p_pending;
	uint64_t p_drops, p_trunc;

	/* published by the producer */
	alignas(CACHELINE) _Atomic size_t head;
	_Atomic int eof;

	/* published by the consumer */
	alignas(CACHELINE) _Atomic size_t tail;
	_Atomic int sleeping;

	/* consumer's private line */
	alignas(CACHELINE) size_t c_pos;	/* next read position (may be ahead of tail) */
	size_t c_head_cache;
	int c_eof_seen;				/* ring_sleep_prepare reported EOF once */

	/* counters, written rarely by the producer */
	alignas(CACHELINE) _Atomic uint64_t drops;
	_Atomic uint64_t truncated;
	_Atomic uint64_t wakeups;
};

static size_t round_pow2(size_t n)
{
	size_t p = RING_MIN_BYTES;

	while (p < n)
		p <<= 1;
	return p;
}

static void open_wake(struct ring *r)
{
#ifdef HAVE_EVENTFD
	r->rfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (r->rfd >= 0) {
		r->wfd = r->rfd;
		return;
	}
#endif
	int p[2];

	if (pipe(p) < 0)
		fatal("cannot create the capture wake-up pipe: %s", strerror(errno));
	for (int i = 0; i < 2; i++) {
		fcntl(p[i], F_SETFL, fcntl(p[i], F_GETFL) | O_NONBLOCK);
		fcntl(p[i], F_SETFD, FD_CLOEXEC);
	}
	r->rfd = p[0];
	r->wfd = p[1];
}

struct ring *ring_create(size_t bytes)
{
	struct ring *r;
	size_t cap = round_pow2(bytes);
	size_t maxc = cap / 2 - HDR_SIZE;

	r = aligned_alloc(CACHELINE, sizeof(*r));
	if (r == NULL)
		fatal("out of memory");
	memset(r, 0, sizeof(*r));
	r->buf = aligned_alloc(CACHELINE, cap);
	if (r->buf == NULL)
		fatal("out of memory for a %zu-byte capture ring", cap);
	r->cap = cap;
	r->mask = cap - 1;
	r->max_caplen = maxc < CAPFILE_MAX_CAPLEN ? (uint32_t)maxc : CAPFILE_MAX_CAPLEN;
	atomic_init(&r->head, 0);
	atomic_init(&r->tail, 0);
	atomic_init(&r->eof, 0);
	atomic_init(&r->sleeping, 0);
	atomic_init(&r->drops, 0);
	atomic_init(&r->truncated, 0);
	atomic_init(&r->wakeups, 0);
	open_wake(r);
	return r;
}

void ring_free(struct ring *r)
{
	if (r == NULL)
		return;
	close(r->rfd);
	if (r->wfd != r->rfd)
		close(r->wfd);
	free(r->buf);
	free(r);
}

size_t ring_capacity(const struct ring *r) { return r->cap; }
uint32_t ring_max_caplen(const struct ring *r) { return r->max_caplen; }
int ring_wait_fd(const struct ring *r) { return r->rfd; }

uint64_t ring_drops(const struct ring *r)
{
	return atomic_load_explicit(&r->drops, memory_order_relaxed);
}

uint64_t ring_truncated(const struct ring *r)
{
	return atomic_load_explicit(&r->truncated, memory_order_relaxed);
}

uint64_t ring_wakeups(const struct ring *r)
{
	return atomic_load_explicit(&r->wakeups, memory_order_relaxed);
}

static inline uint32_t rec_size(uint32_t caplen)
{
	return (HDR_SIZE + caplen + 7u) & ~7u;
}

/* Bytes a record of `need` bytes takes at the current head, wrap padding included. */
static inline size_t footprint(const struct ring *r, uint32_t need)
{
	size_t contig = r->cap - (r->p_head & r->mask);

	return contig < need ? contig + need : need;
}

static int has_room(struct ring *r, size_t total)
{
	if (r->p_head + total - r->p_tail_cache <= r->cap)
		return 1;
	r->p_tail_cache = atomic_load_explicit(&r->tail, memory_order_acquire);
	return r->p_head + total - r->p_tail_cache <= r->cap;
}

static void wake(struct ring *r)
{
	uint64_t one = 1;
	ssize_t n;

	if (!atomic_exchange_explicit(&r->sleeping, 0, memory_order_relaxed))
		return;
	atomic_fetch_add_explicit(&r->wakeups, 1, memory_order_relaxed);
	/* EAGAIN means a wake-up is already pending: nothing is lost. */
	do
		n = write(r->wfd, &one, r->wfd == r->rfd ? sizeof(one) : 1);
	while (n < 0 && errno == EINTR);
}

void ring_push_commit(struct ring *r)
{
	if (r->p_head == r->p_pub)
		return;
	r->p_pub = r->p_head;
	r->p_pending = 0;
	atomic_store_explicit(&r->head, r->p_head, memory_order_release);
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&r->sleeping, memory_order_relaxed))
		wake(r);
}

void ring_push_eof(struct ring *r)
{
	ring_push_commit(r);
	atomic_store_explicit(&r->eof, 1, memory_order_release);
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&r->sleeping, memory_order_relaxed))
		wake(r);
}

int ring_push_fits(struct ring *r, uint32_t caplen)
{
	if (caplen > r->max_caplen)
		caplen = r->max_caplen;
	return has_room(r, footprint(r, rec_size(caplen)));
}

int ring_push(struct ring *r, const struct pkt_rec *rec)
{
	uint32_t caplen = rec->caplen, olen = rec->opts ? rec->opts_len : 0;
	uint32_t need;
	size_t off, contig;
	struct ring_hdr *h;

	if (caplen > r->max_caplen) {
		caplen = r->max_caplen;
		atomic_store_explicit(&r->truncated, ++r->p_trunc, memory_order_relaxed);
	}
	if (olen > r->max_caplen - caplen)
		olen = 0;	/* the frame first: options that don't fit are left out */
	need = rec_size(caplen + olen);
	if (!has_room(r, footprint(r, need))) {
		/* Let the consumer free space for the next frame, then drop this one. */
		ring_push_commit(r);
		atomic_store_explicit(&r->drops, ++r->p_drops, memory_order_relaxed);
		return -1;
	}
	off = r->p_head & r->mask;
	contig = r->cap - off;
	if (contig < need) {
		((struct ring_hdr *)(void *)(r->buf + off))->reclen = 0;
		r->p_head += contig;
		off = 0;
	}
	h = (struct ring_hdr *)(void *)(r->buf + off);
	h->reclen = need;
	h->caplen = caplen;
	h->len = rec->len < caplen ? caplen : rec->len;
	h->ts_nsec = rec->ts_nsec;
	h->ts_sec = rec->ts_sec;
	h->linktype = rec->linktype;
	h->ifid = rec->ifid;
	h->flags = rec->flags;
	h->opts_len = olen;
	if (caplen)
		memcpy(h + 1, rec->data, caplen);
	if (olen)
		memcpy((uint8_t *)(h + 1) + caplen, rec->opts, olen);
	r->p_head += need;
	if (++r->p_pending >= RING_BATCH || r->p_head - r->p_pub >= r->cap / 8)
		ring_push_commit(r);
	return 0;
}

size_t ring_pop(struct ring *r, struct pkt_rec *out, size_t max)
{
	size_t n = 0;

	while (n < max) {
		const struct ring_hdr *h;
		size_t off;

		if (r->c_pos == r->c_head_cache) {
			r->c_head_cache = atomic_load_explicit(&r->head, memory_order_acquire);
			if (r->c_pos == r->c_head_cache)
				break;
		}
		off = r->c_pos & r->mask;
		h = (const struct ring_hdr *)(const void *)(r->buf + off);
		if (h->reclen == 0) {
			r->c_pos += r->cap - off;
			continue;
		}
		out[n].ts_sec = h->ts_sec;
		out[n].ts_nsec = h->ts_nsec;
		out[n].caplen = h->caplen;
		out[n].len = h->len;
		out[n].linktype = h->linktype;
		out[n].ifid = h->ifid;
		out[n].data = (const uint8_t *)(h + 1);
		out[n].file_off = 0;
		out[n].flags = h->flags;
		out[n].opts = h->opts_len ? (const uint8_t *)(h + 1) + h->caplen : NULL;
		out[n].opts_len = h->opts_len;
		r->c_pos += h->reclen;
		n++;
	}
	return n;
}

void ring_release(struct ring *r)
{
	atomic_store_explicit(&r->tail, r->c_pos, memory_order_release);
}

int ring_eof(struct ring *r)
{
	if (!atomic_load_explicit(&r->eof, memory_order_acquire))
		return 0;
	/* eof was stored after the last head: re-read head now. */
	r->c_head_cache = atomic_load_explicit(&r->head, memory_order_acquire);
	return r->c_pos == r->c_head_cache;
}

int ring_sleep_prepare(struct ring *r)
{
	atomic_store_explicit(&r->sleeping, 1, memory_order_relaxed);
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&r->head, memory_order_acquire) != r->c_pos)
		return 0;
	/* EOF stops the sleep once, so the caller sees it; after that an ended ring
	 * lets the consumer sleep on its other descriptors. */
	if (atomic_load_explicit(&r->eof, memory_order_acquire) && !r->c_eof_seen) {
		r->c_eof_seen = 1;
		return 0;
	}
	return 1;
}

void ring_sleep_done(struct ring *r)
{
	uint64_t v;
	ssize_t n;

	atomic_store_explicit(&r->sleeping, 0, memory_order_relaxed);
	do
		n = read(r->rfd, &v, sizeof(v));
	while (n > 0 && r->wfd != r->rfd);
}
