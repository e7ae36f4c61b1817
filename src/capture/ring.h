/* ring.h — single-producer single-consumer packet ring (C11 atomics, no locks).
 *
 * A byte ring of variable-size records: a 40-byte header (timestamps, lengths, link
 * type, interface, record flags) followed by the frame bytes and a file's pcapng
 * options for the frame, if any, 8-byte aligned, so a
 * 64-byte frame costs 104 bytes and a 1500-byte frame 1544.  A frame larger than ring_max_caplen()
 * (half the ring, at most CAPFILE_MAX_CAPLEN) is truncated and counted.
 *
 * Threads: exactly one producer thread calls the ring_push* functions, exactly one
 * consumer thread calls ring_pop/ring_release/ring_sleep*; the counters may be read
 * from any thread.  Head and tail live on their own cache lines and each side caches
 * the other's index, so the shared lines move only once per batch.
 *
 * Publishing: pushed records become visible to the consumer only on ring_push_commit()
 * (called once per capture burst and when the source goes idle), or automatically
 * every RING_BATCH records so a long burst streams.  A full ring never blocks the
 * producer: ring_push() drops the frame and counts it.
 *
 * Waking: the consumer polls ring_wait_fd() (an eventfd, or a pipe) together with its
 * other descriptors.  It must call ring_sleep_prepare() before poll() and ring_sleep_done()
 * after it; the producer writes to the fd only while the consumer has said it may sleep,
 * so a busy ring costs no system call per packet.
 */
#ifndef NETLAB_RING_H
#define NETLAB_RING_H

#include <stddef.h>
#include <stdint.h>

#include "capture/capfile.h"

#define RING_BATCH 32
#define RING_MIN_BYTES (64u * 1024u)

struct ring;

/* bytes is rounded up to a power of two, at least RING_MIN_BYTES.  Never NULL. */
struct ring *ring_create(size_t bytes);
void ring_free(struct ring *r);

size_t ring_capacity(const struct ring *r);
uint32_t ring_max_caplen(const struct ring *r);

/* Producer.  Copies rec->caplen bytes of rec->data (truncated to ring_max_caplen(), the
 * original rec->len is kept) and rec->opts_len bytes of rec->opts when they fit in
 * ring_max_caplen() with the frame.  0 when queued, -1 when dropped because the ring
 * is full. */
int ring_push(struct ring *r, const struct pkt_rec *rec);
/* Publishes everything pushed so far and wakes a sleeping consumer. */
void ring_push_commit(struct ring *r);
/* Commits and marks the end of the stream; no push after it. */
void ring_push_eof(struct ring *r);
/* Producer only: 1 when a frame of caplen bytes (with its options' length added)
 * would fit right now (sources that must
 * not lose frames, such as files, wait instead of dropping). */
int ring_push_fits(struct ring *r, uint32_t caplen);

/* Consumer.  Fills up to max views; their data points into the ring and stays valid
 * until ring_release(), which frees the space of every record popped so far.
 * file_off is 0.  Returns the number of records (0 = empty right now). */
size_t ring_pop(struct ring *r, struct pkt_rec *out, size_t max);
void ring_release(struct ring *r);
/* 1 once the producer called ring_push_eof() and every record has been popped. */
int ring_eof(struct ring *r);

int ring_wait_fd(const struct ring *r);
/* 1: the ring is empty, poll ring_wait_fd() now; 0: records (or, once, the EOF)
 * arrived meanwhile, do not sleep.  Either way call ring_sleep_done() afterwards.
 * An ended ring never wakes the consumer again, so one consumer can keep sleeping on
 * several rings when some have ended. */
int ring_sleep_prepare(struct ring *r);
void ring_sleep_done(struct ring *r);

/* Counters, readable from any thread. */
uint64_t ring_drops(const struct ring *r);	/* frames lost because the ring was full */
uint64_t ring_truncated(const struct ring *r);	/* frames cut to ring_max_caplen() */
uint64_t ring_wakeups(const struct ring *r);	/* writes to the wake fd */

#endif
