/* test_ring.c — the SPSC packet ring: empty, batch publish, idle flush, wrap-around,
 * full ring drops, truncation, EOF, and a two-thread stress run in order. */
#include "config.h"

#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capture/ring.h"

static struct pkt_rec mkrec(const uint8_t *data, uint32_t caplen, uint32_t seq)
{
	struct pkt_rec p = { .ts_sec = seq, .ts_nsec = seq % 1000000000u, .caplen = caplen,
	    .len = caplen, .linktype = 1, .ifid = seq & 7, .data = data };
	return p;
}

static int fd_readable(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	return poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN);
}

static void test_empty(void **state)
{
	struct ring *r = ring_create(0);
	struct pkt_rec out[4];

	assert_int_equal(ring_capacity(r), RING_MIN_BYTES);
	assert_int_equal(ring_pop(r, out, 4), 0);
	assert_false(ring_eof(r));
	assert_int_equal(ring_sleep_prepare(r), 1);
	assert_false(fd_readable(ring_wait_fd(r)));
	ring_sleep_done(r);
	ring_release(r);
	assert_int_equal(ring_drops(r), 0);
	ring_free(r);
}

static void test_batch_publish(void **state)
{
	struct ring *r = ring_create(1 << 20);
	struct pkt_rec out[64];
	uint8_t b[64] = { 0 };

	for (uint32_t i = 0; i < 5; i++)
		assert_int_equal(ring_push(r, &(struct pkt_rec){ .caplen = 64, .len = 64, .data = b }), 0);
	/* Not published before the commit. */
	assert_int_equal(ring_pop(r, out, 64), 0);
	ring_push_commit(r);
	assert_int_equal(ring_pop(r, out, 64), 5);
	ring_release(r);
	/* A full batch publishes by itself. */
	for (uint32_t i = 0; i < RING_BATCH; i++) {
		struct pkt_rec p = mkrec(b, 64, i);
		assert_int_equal(ring_push(r, &p), 0);
	}
	assert_int_equal(ring_pop(r, out, 64), RING_BATCH);
	for (uint32_t i = 0; i < RING_BATCH; i++) {
		assert_int_equal(out[i].ts_sec, i);
		assert_int_equal(out[i].ifid, i & 7);
		assert_int_equal(out[i].linktype, 1);
		assert_int_equal(out[i].caplen, 64);
	}
	ring_release(r);
	/* Batch pop honours max. */
	for (uint32_t i = 0; i < 10; i++)
		ring_push(r, &(struct pkt_rec){ .caplen = 1, .len = 1, .data = b });
	ring_push_commit(r);
	assert_int_equal(ring_pop(r, out, 4), 4);
	assert_int_equal(ring_pop(r, out, 64), 6);
	ring_release(r);
	ring_free(r);
}

static void test_idle_flush(void **state)
{
	struct ring *r = ring_create(0);
	struct pkt_rec out[8];
	uint8_t b[10] = "0123456789";
	uint64_t w0;

	/* Busy consumer (not sleeping): commits make no system call. */
	for (int i = 0; i < 100; i++) {
		ring_push(r, &(struct pkt_rec){ .caplen = 10, .len = 10, .data = b });
		ring_push_commit(r);
		assert_int_equal(ring_pop(r, out, 8), 1);
		ring_release(r);
	}
	assert_int_equal(ring_wakeups(r), 0);
	assert_false(fd_readable(ring_wait_fd(r)));

	/* Half a batch is pushed, the consumer goes to sleep, the source goes idle. */
	for (int i = 0; i < 3; i++)
		ring_push(r, &(struct pkt_rec){ .caplen = 10, .len = 10, .data = b });
	assert_int_equal(ring_sleep_prepare(r), 1);
	assert_false(fd_readable(ring_wait_fd(r)));
	w0 = ring_wakeups(r);
	ring_push_commit(r);		/* the idle flush */
	assert_true(fd_readable(ring_wait_fd(r)));
	assert_int_equal(ring_wakeups(r), w0 + 1);
	ring_sleep_done(r);
	assert_false(fd_readable(ring_wait_fd(r)));
	assert_int_equal(ring_pop(r, out, 8), 3);
	assert_memory_equal(out[2].data, b, 10);
	ring_release(r);

	/* Data already there: do not sleep. */
	ring_push(r, &(struct pkt_rec){ .caplen = 10, .len = 10, .data = b });
	ring_push_commit(r);
	assert_int_equal(ring_sleep_prepare(r), 0);
	ring_sleep_done(r);
	assert_int_equal(ring_pop(r, out, 8), 1);
	ring_release(r);

	/* EOF wakes a sleeper and is seen only once drained. */
	ring_push(r, &(struct pkt_rec){ .caplen = 10, .len = 10, .data = b });
	assert_int_equal(ring_sleep_prepare(r), 1);
	ring_push_eof(r);
	assert_true(fd_readable(ring_wait_fd(r)));
	ring_sleep_done(r);
	assert_false(ring_eof(r));
	assert_int_equal(ring_pop(r, out, 8), 1);
	ring_release(r);
	assert_true(ring_eof(r));
	assert_int_equal(ring_sleep_prepare(r), 0);
	ring_sleep_done(r);
	/* Once the EOF was reported, an ended ring lets the consumer sleep (on others). */
	assert_int_equal(ring_sleep_prepare(r), 1);
	ring_sleep_done(r);
	ring_free(r);
}

static void test_wrap_around(void **state)
{
	struct ring *r = ring_create(RING_MIN_BYTES);
	uint8_t buf[3000];
	struct pkt_rec out[RING_BATCH];
	uint32_t seq = 0, expect = 0;
	size_t bytes = 0;

	/* Odd sizes so records land everywhere, including right before the end. */
	while (bytes < 20 * ring_capacity(r)) {
		for (int k = 0; k < 7; k++) {
			uint32_t len = 1 + (seq * 977u) % sizeof(buf);
			memset(buf, (int)(seq & 0xff), len);
			struct pkt_rec p = mkrec(buf, len, seq);
			assert_int_equal(ring_push(r, &p), 0);
			bytes += len;
			seq++;
		}
		ring_push_commit(r);
		size_t n;
		while ((n = ring_pop(r, out, RING_BATCH)) > 0) {
			for (size_t i = 0; i < n; i++, expect++) {
				uint32_t len = 1 + (expect * 977u) % sizeof(buf);
				assert_int_equal(out[i].ts_sec, expect);
				assert_int_equal(out[i].caplen, len);
				assert_int_equal(out[i].data[0], expect & 0xff);
				assert_int_equal(out[i].data[len - 1], expect & 0xff);
				assert_int_equal(((uintptr_t)out[i].data) % 8, 0);
			}
			ring_release(r);
		}
	}
	assert_int_equal(expect, seq);
	assert_int_equal(ring_drops(r), 0);
	ring_free(r);
}

static void test_full(void **state)
{
	struct ring *r = ring_create(RING_MIN_BYTES);
	uint8_t b[1500] = { 0 };
	struct pkt_rec out[RING_BATCH];
	int pushed = 0, dropped = 0;

	for (int i = 0; i < 100; i++) {
		struct pkt_rec p = mkrec(b, sizeof(b), (uint32_t)i);
		if (ring_push(r, &p) == 0)
			pushed++;
		else
			dropped++;
	}
	/* 64 KiB holds 42 records of 1536 bytes. */
	assert_int_equal(pushed, RING_MIN_BYTES / 1536);
	assert_int_equal(dropped, 100 - pushed);
	assert_int_equal(ring_drops(r), dropped);
	assert_false(ring_push_fits(r, 1500));
	/* The producer committed before dropping: everything pushed is visible. */
	size_t n, total = 0;
	while ((n = ring_pop(r, out, RING_BATCH)) > 0) {
		assert_int_equal(out[0].ts_sec, total);
		total += n;
	}
	assert_int_equal(total, pushed);
	assert_false(ring_push_fits(r, 1500));	/* not released yet */
	ring_release(r);
	assert_true(ring_push_fits(r, 1500));
	struct pkt_rec p = mkrec(b, sizeof(b), 1000);
	assert_int_equal(ring_push(r, &p), 0);
	ring_push_commit(r);
	assert_int_equal(ring_pop(r, out, RING_BATCH), 1);
	assert_int_equal(out[0].ts_sec, 1000);
	ring_release(r);
	assert_int_equal(ring_drops(r), dropped);
	ring_free(r);
}

static void test_big_frames(void **state)
{
	uint8_t *big = malloc(CAPFILE_MAX_CAPLEN);
	struct pkt_rec out[2];
	struct ring *r;

	for (uint32_t i = 0; i < CAPFILE_MAX_CAPLEN; i++)
		big[i] = (uint8_t)(i * 7);
	/* A 256 KiB frame fits whole in a 1 MiB ring. */
	r = ring_create(1 << 20);
	struct pkt_rec p = mkrec(big, CAPFILE_MAX_CAPLEN, 1);
	for (int k = 0; k < 5; k++) {
		assert_int_equal(ring_push(r, &p), 0);
		ring_push_commit(r);
		assert_int_equal(ring_pop(r, out, 2), 1);
		assert_int_equal(out[0].caplen, CAPFILE_MAX_CAPLEN);
		assert_memory_equal(out[0].data, big, CAPFILE_MAX_CAPLEN);
		ring_release(r);
	}
	assert_int_equal(ring_truncated(r), 0);
	ring_free(r);
	/* In a 64 KiB ring it is cut to half the ring and counted. */
	r = ring_create(RING_MIN_BYTES);
	assert_int_equal(ring_max_caplen(r), RING_MIN_BYTES / 2 - 40);
	p.len = CAPFILE_MAX_CAPLEN + 10;
	assert_int_equal(ring_push(r, &p), 0);
	ring_push_commit(r);
	assert_int_equal(ring_pop(r, out, 2), 1);
	assert_int_equal(out[0].caplen, ring_max_caplen(r));
	assert_int_equal(out[0].len, CAPFILE_MAX_CAPLEN + 10);
	assert_memory_equal(out[0].data, big, ring_max_caplen(r));
	ring_release(r);
	assert_int_equal(ring_truncated(r), 1);
	assert_int_equal(ring_drops(r), 0);
	ring_free(r);
	free(big);
}

#define STRESS_ITEMS 10000000u

struct stress {
	struct ring *r;
	uint64_t drops_seen;
};

/* Producer: sequence numbers in the payload, sizes from 8 to 263 bytes; a full ring
 * makes it retry the same item (the test wants every item exactly once). */
static void *stress_producer(void *arg)
{
	struct stress *st = arg;
	uint8_t buf[264];

	for (uint32_t i = 0; i < STRESS_ITEMS; i++) {
		uint32_t len = 8 + (i & 0xff);
		memcpy(buf, &i, sizeof(i));
		memcpy(buf + len - 4, &i, sizeof(i));
		struct pkt_rec p = mkrec(buf, len, i);
		while (ring_push(st->r, &p) < 0) {
			st->drops_seen++;
			sched_yield();
		}
		if ((i & 1023) == 0)
			ring_push_commit(st->r);
	}
	ring_push_eof(st->r);
	return NULL;
}

static void test_two_thread_stress(void **state)
{
	struct stress st = { .r = ring_create(1 << 20) };
	struct pkt_rec out[RING_BATCH];
	pthread_t th;
	uint32_t expect = 0;
	unsigned sleeps = 0;

	assert_int_equal(pthread_create(&th, NULL, stress_producer, &st), 0);
	for (;;) {
		size_t n = ring_pop(st.r, out, RING_BATCH);
		if (n == 0) {
			if (ring_eof(st.r))
				break;
			if (ring_sleep_prepare(st.r)) {
				struct pollfd pfd = { .fd = ring_wait_fd(st.r), .events = POLLIN };
				/* A lost wake-up would hang here: bounded, and fails the test. */
				assert_int_equal(poll(&pfd, 1, 10000), 1);
				sleeps++;
			}
			ring_sleep_done(st.r);
			continue;
		}
		for (size_t i = 0; i < n; i++, expect++) {
			uint32_t a, b, len = 8 + (expect & 0xff);
			if (out[i].caplen != len || out[i].ts_sec != expect)
				fail_msg("item %u: caplen %u ts %lld", expect, out[i].caplen,
				    (long long)out[i].ts_sec);
			memcpy(&a, out[i].data, 4);
			memcpy(&b, out[i].data + len - 4, 4);
			if (a != expect || b != expect)
				fail_msg("item %u: payload says %u/%u", expect, a, b);
		}
		ring_release(st.r);
	}
	pthread_join(th, NULL);
	assert_int_equal(expect, STRESS_ITEMS);
	assert_int_equal(ring_drops(st.r), st.drops_seen);
	print_message("stress: %u items, %llu full-ring retries, %u sleeps, %llu wake-ups\n",
	    expect, (unsigned long long)st.drops_seen, sleeps,
	    (unsigned long long)ring_wakeups(st.r));
	ring_free(st.r);
}

/* Every field of a popped record is set from the push (the output starts as garbage):
 * ring_pop once left flags unset, so live rows lost their time. */
static void test_every_field(void **state)
{
	struct ring *r = ring_create(1 << 16);
	struct pkt_rec out[4];
	uint8_t b[3][7];

	(void)state;
	for (uint32_t i = 0; i < 3; i++) {
		struct pkt_rec p = { .ts_sec = -5 + (int64_t)i * 1000000007, .ts_nsec = 999999999u + i,
		    .caplen = 7, .len = 60 + i, .linktype = 228 + (int)i, .ifid = 70000 + i,
		    .data = b[i], .file_off = 12345, .flags = i == 1 ? CAPFILE_REC_NO_TS : 0 };
		memset(b[i], 0x30 + (int)i, sizeof(b[i]));
		assert_int_equal(ring_push(r, &p), 0);
	}
	ring_push_commit(r);
	memset(out, 0xa5, sizeof(out));
	assert_int_equal(ring_pop(r, out, 4), 3);
	for (uint32_t i = 0; i < 3; i++) {
		uint8_t want[7];
		memset(want, 0x30 + (int)i, sizeof(want));
		assert_true(out[i].ts_sec == -5 + (int64_t)i * 1000000007);
		assert_int_equal(out[i].ts_nsec, 999999999u + i);
		assert_int_equal(out[i].caplen, 7);
		assert_int_equal(out[i].len, 60 + i);
		assert_int_equal(out[i].linktype, 228 + (int)i);
		assert_int_equal(out[i].ifid, 70000 + i);
		assert_memory_equal(out[i].data, want, sizeof(want));
		assert_true(out[i].file_off == 0);	/* not a file offset once in the ring */
		assert_int_equal(out[i].flags, i == 1 ? CAPFILE_REC_NO_TS : 0);
	}
	ring_release(r);
	ring_free(r);
}

/* A file's pcapng options travel with their frame (a stream read in the TUI), and are
 * left out, never the frame, when the two would not fit. */
static void test_options(void **state)
{
	struct ring *r = ring_create(0);
	struct pkt_rec out[2], in;
	uint8_t frame[60], opts[12] = { 1, 0, 5, 0, 'h', 'e', 'l', 'l', 'o', 0, 0, 0 };
	static uint8_t big[RING_MIN_BYTES];

	memset(frame, 0xab, sizeof(frame));
	in = mkrec(frame, sizeof(frame), 1);
	in.opts = opts;
	in.opts_len = sizeof(opts);
	in.flags = CAPFILE_REC_OPT_SWAP;
	assert_true(ring_push_fits(r, in.caplen + in.opts_len));
	assert_int_equal(ring_push(r, &in), 0);
	in = mkrec(big, ring_max_caplen(r), 2);
	in.opts = opts;
	in.opts_len = sizeof(opts);
	ring_push_commit(r);
	assert_int_equal(ring_pop(r, out, 2), 1);
	assert_int_equal(out[0].caplen, sizeof(frame));
	assert_memory_equal(out[0].data, frame, sizeof(frame));
	assert_int_equal(out[0].opts_len, sizeof(opts));
	assert_memory_equal(out[0].opts, opts, sizeof(opts));
	assert_int_equal(out[0].flags, CAPFILE_REC_OPT_SWAP);
	ring_release(r);
	assert_int_equal(ring_push(r, &in), 0);	/* a frame as large as allowed */
	ring_push_commit(r);
	assert_int_equal(ring_pop(r, out, 2), 1);
	assert_int_equal(out[0].caplen, ring_max_caplen(r));
	assert_int_equal(out[0].opts_len, 0);
	assert_null(out[0].opts);
	ring_release(r);
	ring_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_batch_publish),
		cmocka_unit_test(test_idle_flush),
		cmocka_unit_test(test_wrap_around),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_big_frames),
		cmocka_unit_test(test_two_thread_stress),
		cmocka_unit_test(test_every_field),
		cmocka_unit_test(test_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
