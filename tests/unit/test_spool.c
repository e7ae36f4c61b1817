/* test_spool.c — the live capture's temporary pcapng (capture/spool.h) and the store
 * that indexes it: no packet byte is copied into memory, the store's records are the
 * only memory per packet, every packet reads back from the map at any time, the file
 * reads whole, a running capture is not a leftover, a kept one is, a removed one is
 * gone.  No privileges needed. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "capture/capfile.h"
#include "capture/spool.h"
#include "capture/writer.h"
#include "store/store.h"

#define NPKT 20000

static char tmpdir[64];

static int setup(void **state)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/netlab-test-spool.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("TMPDIR", tmpdir, 1);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Packet i: i % 1400 + 20 bytes, each byte (i + k) & 0xff. */
static uint32_t pkt_len(uint32_t i) { return i % 1400 + 20; }

static void fill(uint8_t *b, uint32_t i)
{
	for (uint32_t k = 0; k < pkt_len(i); k++)
		b[k] = (uint8_t)(i + k);
}

static void test_spool_store(void **state)
{
	char err[CAPW_ERRBUF_SIZE];
	struct spool *sp = spool_create(1, err);
	struct store *st;
	uint8_t buf[1500];
	struct pkt_rec recs[64];
	uint64_t off[64];
	char *paths[4];
	char *path;
	struct capfile *cf;
	struct pkt_rec rec;
	uint32_t n = 0;

	assert_non_null(sp);
	path = strdup(spool_path(sp));
	assert_non_null(strstr(path, tmpdir));
	assert_non_null(strstr(path, "/netlab-tui-"));
	assert_int_equal(spool_add_iface(sp, 0, 1, 262144, "lo", err), 0);
	assert_int_equal(spool_flush(sp, err), 0);
	st = store_new(spool_map(sp), spool_map_size(sp));
	store_set_iface(st, 0, &(struct store_iface){ 1, 1, 6, "lo", NULL });
	/* batches as drain_step takes them from the ring: write, flush, then index */
	while (n < NPKT) {
		size_t k, b = 0;
		for (k = 0; k < 64 && n + k < NPKT; k++) {
			memset(&recs[k], 0, sizeof(recs[k]));
			recs[k].ts_sec = 1700000000 + (n + k);
			recs[k].ts_nsec = 123456789;
			recs[k].caplen = recs[k].len = pkt_len(n + k);
			recs[k].linktype = 1;
			fill(buf, n + k);
			recs[k].data = buf;
			assert_int_equal(spool_write(sp, &recs[k], &off[k], err), 0);
		}
		b = k;
		assert_int_equal(spool_flush(sp, err), 0);
		for (k = 0; k < b; k++) {
			struct store_pkt p;
			memset(&p, 0, sizeof(p));
			p.ts = recs[k].ts_sec * 1000000000LL + recs[k].ts_nsec;
			p.caplen = p.len = recs[k].caplen;
			assert_int_equal(store_append(st, &p, spool_map(sp) + off[k]), n + k);
		}
		n += (uint32_t)b;
	}
	assert_int_equal(spool_packets(sp), NPKT);
	/* indexed, not copied: memory per packet is the record (and growth slack) */
	assert_int_equal(store_copied(st), 0);
	assert_true(store_mem(st) / NPKT <= 2 * sizeof(struct store_pkt));
	/* every packet's bytes, from the map, at any time */
	for (uint32_t i = 0; i < NPKT; i += 7) {
		fill(buf, i);
		assert_int_equal(store_get(st, i)->caplen, pkt_len(i));
		assert_memory_equal(store_data(st, i), buf, pkt_len(i));
	}
	/* a running capture is not a leftover */
	assert_int_equal(spool_leftovers(paths, 4), 0);
	/* the file as another reader sees it: every packet, nanosecond time stamps */
	cf = capfile_open(path, err);
	assert_non_null(cf);
	n = 0;
	while (capfile_next(cf, &rec, err) == 1) {
		assert_int_equal(rec.caplen, pkt_len(n));
		assert_int_equal(rec.ts_nsec, 123456789);
		n++;
	}
	assert_int_equal(n, NPKT);
	assert_string_equal(capfile_iface(cf, 0)->name, "lo");
	capfile_close(cf);
	store_free(st);
	spool_close(sp, 1);
	/* kept: now a leftover */
	assert_int_equal(spool_leftovers(paths, 4), 1);
	assert_string_equal(paths[0], path);
	free(paths[0]);
	unlink(path);
	free(path);
}

static void test_spool_removed(void **state)
{
	char err[CAPW_ERRBUF_SIZE];
	struct spool *sp = spool_create(0, err);
	char *path;
	struct stat sb;
	char *paths[4];

	assert_non_null(sp);
	path = strdup(spool_path(sp));
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	spool_close(sp, 0);
	assert_int_equal(stat(path, &sb), -1);
	assert_int_equal(spool_leftovers(paths, 4), 0);
	free(path);
}

static void test_spool_no_dir(void **state)
{
	char err[CAPW_ERRBUF_SIZE];

	setenv("TMPDIR", "/nonexistent-netlab-dir", 1);
	assert_null(spool_create(0, err));
	assert_non_null(strstr(err, "/nonexistent-netlab-dir"));
	assert_non_null(strstr(err, "TMPDIR"));
	setenv("TMPDIR", tmpdir, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spool_store),
		cmocka_unit_test(test_spool_removed),
		cmocka_unit_test(test_spool_no_dir),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
