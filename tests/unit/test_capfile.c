/* test_capfile.c — pcap/pcapng reader on captures built byte by byte.
 *
 * Every capture is read three ways (caller's memory, a temp file that gets mmap'd,
 * and a pipe read as a stream) and must give the same packets and the same error.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "capture/capfile.h"

/* ---- a byte builder ----------------------------------------------------------- */

struct bb {
	uint8_t d[8192];
	size_t n;
	int be;			/* write multi-byte values big-endian */
};

static void put(struct bb *b, uint64_t v, int size)
{
	assert_true(b->n + (size_t)size <= sizeof(b->d));
	for (int i = 0; i < size; i++) {
		int shift = b->be ? 8 * (size - 1 - i) : 8 * i;
		b->d[b->n++] = (uint8_t)(v >> shift);
	}
}

static void put_bytes(struct bb *b, const void *p, size_t n)
{
	assert_true(b->n + n <= sizeof(b->d));
	memcpy(b->d + b->n, p, n);
	b->n += n;
}

static void pad4(struct bb *b)
{
	while (b->n % 4)
		b->d[b->n++] = 0;
}

static void pcap_hdr(struct bb *b, uint32_t magic, uint32_t snaplen, uint32_t linktype)
{
	put(b, magic, 4);
	put(b, 2, 2);
	put(b, 4, 2);
	put(b, 0, 4);
	put(b, 0, 4);
	put(b, snaplen, 4);
	put(b, linktype, 4);
}

static void pcap_rec(struct bb *b, uint32_t sec, uint32_t frac, uint32_t caplen, uint32_t len,
		     uint8_t fill)
{
	put(b, sec, 4);
	put(b, frac, 4);
	put(b, caplen, 4);
	put(b, len, 4);
	for (uint32_t i = 0; i < caplen; i++)
		put(b, (uint8_t)(fill + i), 1);
}

/* pcapng blocks: start() writes type and a length placeholder, end() pads and
 * writes both lengths. */
static size_t blk_start(struct bb *b, uint32_t type)
{
	size_t at = b->n;
	put(b, type, 4);
	put(b, 0, 4);
	return at;
}

static void blk_end(struct bb *b, size_t at)
{
	size_t save;
	uint32_t tl;

	pad4(b);
	tl = (uint32_t)(b->n - at + 4);
	put(b, tl, 4);
	save = b->n;
	b->n = at + 4;
	put(b, tl, 4);
	b->n = save;
}

static void ng_shb(struct bb *b)
{
	size_t at = blk_start(b, 0x0A0D0D0A);
	put(b, 0x1A2B3C4D, 4);
	put(b, 1, 2);
	put(b, 0, 2);
	put(b, UINT64_MAX, 8);
	blk_end(b, at);
}

/* tsresol < 0: no option; tsoffset 0: no option. */
static void ng_idb(struct bb *b, uint16_t linktype, uint32_t snaplen, int tsresol,
		   int64_t tsoffset, const char *name)
{
	size_t at = blk_start(b, 1);
	put(b, linktype, 2);
	put(b, 0, 2);
	put(b, snaplen, 4);
	if (name) {
		put(b, 2, 2);
		put(b, strlen(name), 2);
		put_bytes(b, name, strlen(name));
		pad4(b);
	}
	if (tsresol >= 0) {
		put(b, 9, 2);
		put(b, 1, 2);
		put(b, (uint8_t)tsresol, 1);
		pad4(b);
	}
	if (tsoffset) {
		put(b, 14, 2);
		put(b, 8, 2);
		put(b, (uint64_t)tsoffset, 8);
	}
	put(b, 0, 4);	/* opt_endofopt */
	blk_end(b, at);
}

static void ng_epb(struct bb *b, uint32_t ifid, uint64_t ts, uint32_t caplen, uint32_t len,
		   uint8_t fill)
{
	size_t at = blk_start(b, 6);
	put(b, ifid, 4);
	put(b, ts >> 32, 4);
	put(b, ts & 0xffffffffu, 4);
	put(b, caplen, 4);
	put(b, len, 4);
	for (uint32_t i = 0; i < caplen; i++)
		put(b, (uint8_t)(fill + i), 1);
	blk_end(b, at);
}

static void ng_pb(struct bb *b, uint16_t ifid, uint64_t ts, uint32_t caplen, uint8_t fill)
{
	size_t at = blk_start(b, 2);
	put(b, ifid, 2);
	put(b, 0, 2);
	put(b, ts >> 32, 4);
	put(b, ts & 0xffffffffu, 4);
	put(b, caplen, 4);
	put(b, caplen, 4);
	for (uint32_t i = 0; i < caplen; i++)
		put(b, (uint8_t)(fill + i), 1);
	blk_end(b, at);
}

static void ng_spb(struct bb *b, uint32_t len, uint8_t fill)
{
	size_t at = blk_start(b, 3);
	put(b, len, 4);
	for (uint32_t i = 0; i < len; i++)
		put(b, (uint8_t)(fill + i), 1);
	blk_end(b, at);
}

/* Custom block (0x00000BAD copy, 0x40000BAD no copy): PEN, data padded to 4. */
static void ng_cb(struct bb *b, uint32_t type, uint32_t pen, const char *data)
{
	size_t at = blk_start(b, type);
	put(b, pen, 4);
	put_bytes(b, data, strlen(data));
	blk_end(b, at);
}

static void ng_other(struct bb *b, uint32_t type, size_t body)
{
	size_t at = blk_start(b, type);
	for (size_t i = 0; i < body; i++)
		put(b, 0xee, 1);
	blk_end(b, at);
}

/* ---- reading a capture three ways -------------------------------------------- */

enum way { WAY_MEM, WAY_FILE, WAY_PIPE, WAY_COUNT };
static const char *const way_names[] = { "memory", "file", "pipe" };

struct reader {
	struct capfile *cf;
	char path[64];
	uint8_t *copy;
};

/* Opens `len` bytes by the given way; NULL (errbuf set) when open fails. */
static struct capfile *rd_open(struct reader *r, enum way w, const uint8_t *d, size_t len,
			       char *errbuf)
{
	memset(r, 0, sizeof(*r));
	if (w == WAY_MEM) {
		r->copy = malloc(len ? len : 1);	/* exact size: ASan catches over-reads */
		memcpy(r->copy, d, len);
		r->cf = capfile_open_mem(r->copy, len, "test", errbuf);
	} else if (w == WAY_FILE) {
		int fd;
		strcpy(r->path, "/tmp/test_capfile.XXXXXX");
		fd = mkstemp(r->path);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, d, len), (ssize_t)len);
		close(fd);
		r->cf = capfile_open(r->path, errbuf);
	} else {
		int p[2];
		assert_int_equal(pipe(p), 0);
		assert_true(len < 65536);	/* fits the pipe buffer */
		assert_int_equal(write(p[1], d, len), (ssize_t)len);
		close(p[1]);
		r->cf = capfile_fdopen(p[0], "pipe", errbuf);
	}
	return r->cf;
}

static void rd_close(struct reader *r)
{
	capfile_close(r->cf);
	if (r->path[0])
		unlink(r->path);
	free(r->copy);
}

struct want {
	int64_t sec;
	uint32_t nsec;
	uint32_t caplen, len;
	int linktype;
	uint32_t ifid;
	uint8_t fill;
	unsigned flags;
};

/* Reads the capture every way: the packets in `w` (n of them), then `end`
 * (0 or -1, with errsub in the message), twice. */
static void expect(const struct bb *b, const struct want *w, size_t n, int end,
		   const char *errsub)
{
	for (int way = 0; way < WAY_COUNT; way++) {
		char err[CAPFILE_ERRBUF_SIZE] = "";
		struct reader r;
		struct pkt_rec rec;

		if (!rd_open(&r, way, b->d, b->n, err))
			fail_msg("%s: open failed: %s", way_names[way], err);
		for (size_t i = 0; i < n; i++) {
			int rc = capfile_next(r.cf, &rec, err);
			if (rc != 1)
				fail_msg("%s: packet %zu: got %d (%s)", way_names[way], i + 1, rc, err);
			assert_int_equal(rec.ts_sec, w[i].sec);
			assert_int_equal(rec.ts_nsec, w[i].nsec);
			assert_int_equal(rec.caplen, w[i].caplen);
			assert_int_equal(rec.len, w[i].len);
			assert_int_equal(rec.linktype, w[i].linktype);
			assert_int_equal(rec.ifid, w[i].ifid);
			assert_int_equal(rec.flags, w[i].flags);
			for (uint32_t k = 0; k < rec.caplen; k++)
				assert_int_equal(rec.data[k], (uint8_t)(w[i].fill + k));
			if (way != WAY_PIPE) {
				assert_ptr_equal(capfile_map(r.cf) + rec.file_off, rec.data);
			} else {
				assert_null(capfile_map(r.cf));
			}
		}
		for (int again = 0; again < 2; again++) {
			int rc = capfile_next(r.cf, &rec, err);
			if (rc != end)
				fail_msg("%s: after %zu packets: got %d, want %d (%s)", way_names[way],
					 n, rc, end, err);
			if (end < 0 && !strstr(err, errsub))
				fail_msg("%s: error \"%s\" lacks \"%s\"", way_names[way], err, errsub);
		}
		assert_int_equal(capfile_count(r.cf), n);
		rd_close(&r);
	}
}

static void expect_open_error(const struct bb *b, const char *errsub)
{
	for (int way = 0; way < WAY_COUNT; way++) {
		char err[CAPFILE_ERRBUF_SIZE] = "";
		struct reader r;

		if (rd_open(&r, way, b->d, b->n, err))
			fail_msg("%s: open succeeded, want \"%s\"", way_names[way], errsub);
		if (!strstr(err, errsub))
			fail_msg("%s: error \"%s\" lacks \"%s\"", way_names[way], err, errsub);
		rd_close(&r);
	}
}

/* ---- pcap ----------------------------------------------------------------------- */

static void pcap_orders_and_resolutions(void **state)
{
	static const struct {
		uint32_t magic;
		int be;
		uint32_t mult;
	} v[] = {
		{ 0xA1B2C3D4, 0, 1000 }, { 0xA1B2C3D4, 1, 1000 },
		{ 0xA1B23C4D, 0, 1 }, { 0xA1B23C4D, 1, 1 },
	};
	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct bb b = { .be = v[i].be };
		struct want w[2] = {
			{ 1306300950, 123456 * v[i].mult, 60, 60, 1, 0, 0x10, 0 },
			{ 1306300951, 7 * v[i].mult, 3, 1500, 1, 0, 0x80, 0 },
		};
		char err[CAPFILE_ERRBUF_SIZE];
		struct capfile *cf;

		pcap_hdr(&b, v[i].magic, 65535, 1);
		pcap_rec(&b, 1306300950, 123456, 60, 60, 0x10);
		pcap_rec(&b, 1306300951, 7, 3, 1500, 0x80);
		expect(&b, w, 2, 0, "");
		cf = capfile_open_mem(b.d, b.n, "x", err);
		assert_non_null(cf);
		assert_int_equal(capfile_format(cf), v[i].mult == 1 ? CAPFILE_PCAP_NSEC : CAPFILE_PCAP);
		assert_int_equal(capfile_linktype(cf), 1);
		assert_int_equal(capfile_iface_count(cf), 1);
		assert_int_equal(capfile_iface(cf, 0)->snaplen, 65535);
		assert_int_equal(capfile_iface(cf, 0)->tsresol, v[i].mult == 1 ? 1000000000 : 1000000);
		assert_null(capfile_iface(cf, 1));
		assert_int_equal(capfile_size(cf), b.n);
		capfile_close(cf);
	}
}

static void pcap_modified_magic(void **state)
{
	(void)state;
	for (int be = 0; be < 2; be++) {
		struct bb b = { .be = be };
		struct want w[1] = { { 5, 6000, 4, 4, 1, 0, 0x20, 0 } };

		pcap_hdr(&b, 0xA1B2CD34, 65535, 1);
		put(&b, 5, 4);
		put(&b, 6, 4);
		put(&b, 4, 4);
		put(&b, 4, 4);
		put(&b, 0x01020304, 4);	/* ifindex */
		put(&b, 0x0800, 2);	/* protocol */
		put(&b, 0, 2);		/* pkt_type, pad */
		put_bytes(&b, "\x20\x21\x22\x23", 4);
		expect(&b, w, 1, 0, "");
	}
}

static void pcap_linktype_fcs_bits_masked(void **state)
{
	struct bb b = { 0 };
	struct want w[1] = { { 1, 0, 2, 2, 229, 0, 0, 0 } };

	(void)state;
	pcap_hdr(&b, 0xA1B2C3D4, 65535, 0x300000e5);
	pcap_rec(&b, 1, 0, 2, 2, 0);
	expect(&b, w, 1, 0, "");
}

static void pcap_hostile_record_headers(void **state)
{
	struct bb b = { 0 };
	/* caplen > len is kept as tshark shows it; caplen > snaplen is read; µs ≥ 10⁶
	 * is kept (×1000 modulo 2³²). */
	struct want w[4] = {
		{ 10, 0, 34, 32, 1, 0, 1, 0 },
		{ 11, 200 * 1000, 100, 100, 1, 0, 2, 0 },
		{ 12, 1000000000u, 4, 4, 1, 0, 3, 0 },
		{ 13, (uint32_t)(3841916976u * 1000u), 4, 4, 1, 0, 4, 0 },
	};

	(void)state;
	pcap_hdr(&b, 0xA1B2C3D4, 53, 1);
	pcap_rec(&b, 10, 0, 34, 32, 1);
	pcap_rec(&b, 11, 200, 100, 100, 2);
	pcap_rec(&b, 12, 1000000, 4, 4, 3);
	pcap_rec(&b, 13, 3841916976u, 4, 4, 4);
	expect(&b, w, 4, 0, "");
}

static void pcap_truncated_record(void **state)
{
	struct want w[2] = { { 1, 0, 8, 8, 1, 0, 0, 0 }, { 2, 0, 8, 8, 1, 0, 8, 0 } };
	struct bb b = { 0 };

	(void)state;
	pcap_hdr(&b, 0xA1B2C3D4, 65535, 1);
	pcap_rec(&b, 1, 0, 8, 8, 0);
	pcap_rec(&b, 2, 0, 8, 8, 8);
	pcap_rec(&b, 3, 0, 100, 100, 0);
	b.n -= 90;			/* packet 3 lost its last 90 bytes */
	expect(&b, w, 2, -1, "cut short in the middle of packet 3");

	b.n = 24 + 2 * 24 + 7;		/* packet 3 has 7 bytes of its header */
	expect(&b, w, 2, -1, "cut short in the middle of packet 3");
}

static void pcap_caplen_beyond_maximum(void **state)
{
	struct want w[1] = { { 1, 0, 8, 8, 1, 0, 0, 0 } };
	struct bb b = { 0 };

	(void)state;
	pcap_hdr(&b, 0xA1B2C3D4, 65535, 1);
	pcap_rec(&b, 1, 0, 8, 8, 0);
	put(&b, 2, 4);
	put(&b, 0, 4);
	put(&b, CAPFILE_MAX_CAPLEN + 1, 4);
	put(&b, 100, 4);
	expect(&b, w, 1, -1, "record 2 claims caplen 262145, larger than the maximum");
}

static void pcap_header_only_and_broken_headers(void **state)
{
	struct bb b = { 0 };

	(void)state;
	pcap_hdr(&b, 0xA1B2C3D4, 65535, 1);
	expect(&b, NULL, 0, 0, "");

	b.n = 10;
	expect_open_error(&b, "header is cut short");
	b.n = 0;
	expect_open_error(&b, "empty");
	put_bytes(&b, "GET / HTTP/1.1\r\n", 16);
	expect_open_error(&b, "not a pcap or pcapng file");
	b.n = 3;
	expect_open_error(&b, "not a pcap or pcapng file");
}

static void open_missing_file(void **state)
{
	char err[CAPFILE_ERRBUF_SIZE];

	(void)state;
	assert_null(capfile_open("/nonexistent/x.pcap", err));
	assert_non_null(strstr(err, "cannot open"));
	assert_non_null(strstr(err, "No such file"));
	assert_null(capfile_open("/", err));
	assert_non_null(strstr(err, "directory"));
}

/* ---- pcapng ----------------------------------------------------------------------- */

static void pcapng_interfaces_and_resolutions(void **state)
{
	(void)state;
	for (int be = 0; be < 2; be++) {
		struct bb b = { .be = be };
		struct want w[6] = {
			{ 1340954905, 298858000, 8, 60, 1, 0, 0x01, 0 },
			{ 1340954905, 123456789, 5, 5, 113, 1, 0x02, 0 },
			{ 5, 500000000, 4, 4, 101, 2, 0x03, 0 },
			{ 107, 250000000, 4, 4, 0, 3, 0x04, 0 },
			{ 0, 0, 16, 100, 1, 0, 0x05, CAPFILE_REC_NO_TS },
			{ 9, 0, 4, 4, 1, 0, 0x06, 0 },
		};
		char err[CAPFILE_ERRBUF_SIZE];
		struct capfile *cf;

		ng_shb(&b);
		ng_idb(&b, 1, 16, -1, 0, "eth0");		/* µs by default */
		ng_idb(&b, 113, 0, 9, 0, NULL);			/* ns */
		ng_idb(&b, 101, 0, 0x80 | 10, 0, "tun0");	/* 2^-10 s */
		ng_other(&b, 4, 12);				/* NRB */
		ng_idb(&b, 0, 0, 3, 100, NULL);			/* ms, offset 100 s */
		ng_epb(&b, 0, 1340954905298858ull, 8, 60, 0x01);
		ng_other(&b, 5, 20);				/* ISB */
		ng_epb(&b, 1, 1340954905123456789ull, 5, 5, 0x02);
		ng_other(&b, 0x0000000A, 16);			/* DSB */
		ng_epb(&b, 2, 5 * 1024 + 512, 4, 4, 0x03);
		ng_other(&b, 0x7777, 0);			/* unknown, empty */
		ng_epb(&b, 3, 7250, 4, 4, 0x04);
		ng_spb(&b, 100, 0x05);				/* caplen = snaplen 16 */
		ng_pb(&b, 0, 9000000, 4, 0x06);
		expect(&b, w, 6, 0, "");

		cf = capfile_open_mem(b.d, b.n, "x", err);
		assert_non_null(cf);
		assert_int_equal(capfile_format(cf), CAPFILE_PCAPNG);
		assert_int_equal(capfile_linktype(cf), 1);
		assert_int_equal(capfile_iface_count(cf), 3);	/* the IDBs read at open */
		assert_string_equal(capfile_iface(cf, 0)->name, "eth0");
		assert_int_equal(capfile_iface(cf, 2)->tsresol, 1024);
		capfile_close(cf);
	}
}

static void pcapng_sections_of_both_byte_orders(void **state)
{
	struct bb b = { 0 };
	struct want w[3] = {
		{ 1, 0, 4, 4, 1, 0, 0x10, 0 },
		{ 2, 0, 4, 4, 101, 1, 0x20, 0 },
		{ 3, 0, 4, 4, 113, 2, 0x30, 0 },
	};
	char err[CAPFILE_ERRBUF_SIZE];
	struct capfile *cf;
	struct pkt_rec rec;

	(void)state;
	ng_shb(&b);
	ng_idb(&b, 1, 0, -1, 0, NULL);
	ng_epb(&b, 0, 1000000, 4, 4, 0x10);
	b.be = 1;
	ng_shb(&b);
	ng_idb(&b, 101, 0, -1, 0, NULL);
	ng_epb(&b, 0, 2000000, 4, 4, 0x20);
	b.be = 0;
	ng_shb(&b);
	ng_idb(&b, 113, 0, -1, 0, NULL);
	ng_epb(&b, 0, 3000000, 4, 4, 0x30);
	expect(&b, w, 3, 0, "");

	/* A packet of section 2 cannot use section 1's interface. */
	b.n = 0;
	ng_shb(&b);
	ng_idb(&b, 1, 0, -1, 0, NULL);
	ng_idb(&b, 1, 0, -1, 0, NULL);
	ng_epb(&b, 1, 1000000, 4, 4, 0x10);
	b.be = 1;
	ng_shb(&b);
	ng_idb(&b, 101, 0, -1, 0, NULL);
	ng_epb(&b, 1, 2000000, 4, 4, 0x20);
	cf = capfile_open_mem(b.d, b.n, "x", err);
	assert_non_null(cf);
	assert_int_equal(capfile_next(cf, &rec, err), 1);
	assert_int_equal(rec.ifid, 1);
	assert_int_equal(capfile_next(cf, &rec, err), -1);
	assert_non_null(strstr(err, "packet 2"));
	assert_non_null(strstr(err, "refers to interface 1"));
	assert_int_equal(capfile_iface_count(cf), 3);
	capfile_close(cf);
}

/* An EPB whose options are a comment and epb_flags. */
static void ng_epb_opts(struct bb *b, uint32_t ifid, const char *comment, uint32_t flags)
{
	size_t at = blk_start(b, 6);
	put(b, ifid, 4);
	put(b, 0, 4);
	put(b, 1000000, 4);
	put(b, 3, 4);
	put(b, 3, 4);
	put_bytes(b, "abc", 3);
	pad4(b);
	put(b, 1, 2);
	put(b, strlen(comment), 2);
	put_bytes(b, comment, strlen(comment));
	pad4(b);
	put(b, 2, 2);
	put(b, 4, 2);
	put(b, flags, 4);
	put(b, 0, 4);	/* opt_endofopt */
	blk_end(b, at);
}

/* Sections count from 1, each interface knows its own; if_description and the time
 * digits come from the IDB; an EPB's options are handed over raw, with their byte
 * order. */
static void pcapng_sections_descriptions_options(void **state)
{
	static const uint8_t le_opts[] = { 1, 0, 2, 0, 'h', 'i', 0, 0, 2, 0, 4, 0, 1, 0, 0, 0,
	    0, 0, 0, 0 };
	struct bb b = { 0 };
	char err[CAPFILE_ERRBUF_SIZE];
	struct capfile *cf;
	struct pkt_rec rec;
	size_t at;

	(void)state;
	ng_shb(&b);
	at = blk_start(&b, 1);	/* an IDB with if_description and if_tsresol 9 */
	put(&b, 1, 2);
	put(&b, 0, 2);
	put(&b, 0, 4);
	put(&b, 3, 2);
	put(&b, 8, 2);
	put_bytes(&b, "Wi-Fi 6E", 8);
	put(&b, 9, 2);
	put(&b, 1, 2);
	put(&b, 9, 1);
	pad4(&b);
	put(&b, 0, 4);
	blk_end(&b, at);
	ng_epb_opts(&b, 0, "hi", 1);
	b.be = 1;
	ng_shb(&b);
	ng_idb(&b, 1, 0, -1, 0, "en0");
	ng_epb_opts(&b, 0, "hi", 2);
	ng_epb(&b, 0, 1000000, 4, 4, 0);
	cf = capfile_open_mem(b.d, b.n, "x", err);
	assert_non_null(cf);
	assert_int_equal(capfile_next(cf, &rec, err), 1);
	assert_int_equal(capfile_iface(cf, rec.ifid)->section, 1);
	assert_string_equal(capfile_iface(cf, rec.ifid)->descr, "Wi-Fi 6E");
	assert_string_equal(capfile_iface(cf, rec.ifid)->name, "");
	assert_int_equal(capfile_iface(cf, rec.ifid)->time_digits, 9);
	assert_int_equal(rec.opts_len, sizeof(le_opts));
	assert_memory_equal(rec.opts, le_opts, sizeof(le_opts));
	assert_int_equal(rec.flags, 0);
	assert_int_equal(capfile_next(cf, &rec, err), 1);
	assert_int_equal(rec.ifid, 1);
	assert_int_equal(capfile_iface(cf, 1)->section, 2);
	assert_string_equal(capfile_iface(cf, 1)->name, "en0");
	assert_int_equal(capfile_iface(cf, 1)->time_digits, 6);
	assert_int_equal(rec.opts_len, sizeof(le_opts));
	assert_int_equal(rec.flags, CAPFILE_REC_OPT_SWAP);
	assert_int_equal(rec.opts[0] << 8 | rec.opts[1], 1);	/* big endian */
	assert_int_equal(capfile_next(cf, &rec, err), 1);
	assert_null(rec.opts);
	assert_int_equal(rec.opts_len, 0);
	assert_int_equal(rec.flags, 0);
	capfile_close(cf);
}

static void pcapng_damage(void **state)
{
	struct want w[1] = { { 1, 0, 4, 4, 1, 0, 0x10, 0 } };
	struct bb b = { 0 };
	size_t good;

	(void)state;
	/* No IDB at all: the first packet is an error. */
	ng_shb(&b);
	ng_epb(&b, 0, 1000000, 4, 4, 0x10);
	expect(&b, NULL, 0, -1, "refers to interface 0");
	b.n = 0;
	ng_shb(&b);
	ng_spb(&b, 4, 0);
	expect(&b, NULL, 0, -1, "refers to interface 0");

	/* Only an SHB and IDB: no packets, clean end. */
	b.n = 0;
	ng_shb(&b);
	ng_idb(&b, 1, 0, -1, 0, NULL);
	expect(&b, NULL, 0, 0, "");

	ng_epb(&b, 0, 1000000, 4, 4, 0x10);
	good = b.n;
	ng_epb(&b, 0, 2000000, 40, 40, 0);
	b.n -= 10;
	expect(&b, w, 1, -1, "cut short in the middle of packet 2");

	b.n = good;			/* trailing length differs */
	ng_epb(&b, 0, 2000000, 4, 4, 0);
	b.d[b.n - 4] ^= 4;
	expect(&b, w, 1, -1, "lengths differ");

	b.n = good;			/* caplen larger than its block */
	ng_epb(&b, 0, 2000000, 4, 4, 0);
	b.d[good + 20] = 200;
	expect(&b, w, 1, -1, "the file is damaged");

	b.n = good;			/* block length not a multiple of 4 */
	ng_other(&b, 5, 8);
	b.d[good + 4] = 22;
	expect(&b, w, 1, -1, "impossible length");

	b.n = good;			/* NRB cut short */
	ng_other(&b, 4, 64);
	b.n -= 8;
	expect(&b, w, 1, -1, "cut short in the middle of a block after packet 1");

	b.n = 20;			/* SHB cut short */
	expect_open_error(&b, "");
}

/* Custom blocks are records, as tshark lists them: their own link type, no
 * interface, no time stamp but wiretap's stale one (the previous record's; an SPB
 * leaves 0), the block without its trailing length as data. */
static void pcapng_custom_blocks(void **state)
{
	(void)state;
	for (int be = 0; be < 2; be++) {
		static const struct {
			int64_t sec;
			uint32_t nsec, caplen;
			int linktype;
			uint32_t ifid, type, pen;
			const char *data;
			unsigned flags;
		} w[] = {
			{ 0, 0, 16, LINKTYPE_PCAPNG_BLOCK, CAPFILE_IFID_NONE, 0x00000BAD, 32473,
			  "abcd", CAPFILE_REC_NO_TS },
			{ 1340954905, 298858000, 4, 1, 0, 0, 0, NULL, 0 },
			{ 1340954905, 298858000, 20, LINKTYPE_PCAPNG_BLOCK, CAPFILE_IFID_NONE,
			  0x40000BAD, 36724, "hello\0\0\0", CAPFILE_REC_NO_TS },
			{ 0, 0, 4, 1, 0, 0, 0, NULL, CAPFILE_REC_NO_TS },
			{ 0, 0, 12, LINKTYPE_PCAPNG_BLOCK, CAPFILE_IFID_NONE, 0x00000BAD, 7, "",
			  CAPFILE_REC_NO_TS },
			{ 2, 0, 4, 1, 0, 0, 0, NULL, 0 },
			{ 2, 0, 12, LINKTYPE_PCAPNG_BLOCK, CAPFILE_IFID_NONE, 0x40000BAD, 70000,
			  "", CAPFILE_REC_NO_TS },
		};
		const size_t n = sizeof(w) / sizeof(w[0]);
		struct bb b = { .be = be };

		ng_shb(&b);
		ng_idb(&b, 1, 0, -1, 0, NULL);
		ng_cb(&b, 0x00000BAD, 32473, "abcd");	/* first: time 0 */
		ng_epb(&b, 0, 1340954905298858ull, 4, 4, 0);
		ng_cb(&b, 0x40000BAD, 36724, "hello");	/* the EPB's time */
		ng_spb(&b, 4, 0);
		ng_cb(&b, 0x00000BAD, 7, "");		/* the SPB's 0 */
		ng_epb(&b, 0, 2000000, 4, 4, 0);
		ng_cb(&b, 0x40000BAD, 70000, "");
		for (int way = 0; way < WAY_COUNT; way++) {
			char err[CAPFILE_ERRBUF_SIZE] = "";
			struct reader r;
			struct pkt_rec rec;

			if (!rd_open(&r, way, b.d, b.n, err))
				fail_msg("%s: open failed: %s", way_names[way], err);
			for (size_t i = 0; i < n; i++) {
				int rc = capfile_next(r.cf, &rec, err);
				if (rc != 1)
					fail_msg("%s: record %zu: got %d (%s)", way_names[way], i + 1, rc, err);
				assert_int_equal(rec.ts_sec, w[i].sec);
				assert_int_equal(rec.ts_nsec, w[i].nsec);
				assert_int_equal(rec.caplen, w[i].caplen);
				assert_int_equal(rec.len, w[i].caplen);
				assert_int_equal(rec.linktype, w[i].linktype);
				assert_int_equal(rec.ifid, w[i].ifid);
				assert_int_equal(rec.flags, w[i].flags);
				if (!w[i].type)
					continue;
				struct bb hdr = { .be = be };
				put(&hdr, w[i].type, 4);
				put(&hdr, w[i].caplen + 4, 4);
				put(&hdr, w[i].pen, 4);
				assert_memory_equal(rec.data, hdr.d, 12);
				assert_memory_equal(rec.data + 12, w[i].data, w[i].caplen - 12);
			}
			assert_int_equal(capfile_next(r.cf, &rec, err), 0);
			assert_int_equal(capfile_count(r.cf), n);
			rd_close(&r);
		}
	}
	{
		/* Shorter than type, length, PEN and length: damaged. */
		struct bb b = { 0 };
		ng_shb(&b);
		ng_other(&b, 0x00000BAD, 0);
		expect(&b, NULL, 0, -1, "impossible length 12");
	}
}

/* ---- epoch formatting --------------------------------------------------------- */

static void epoch_like_tshark(void **state)
{
	char s[48];

	(void)state;
	capfile_epoch_str(s, sizeof(s), 1306300950, 123456000);
	assert_string_equal(s, "1306300950.123456000");
	capfile_epoch_str(s, sizeof(s), 1418145370, 1000000000);
	assert_string_equal(s, "1418145370.1000000000");
	capfile_epoch_str(s, sizeof(s), 1418145370, 2147483648u);
	assert_string_equal(s, "-1418145370.2147483648");
	capfile_epoch_str(s, sizeof(s), 0, (uint32_t)(3841916976u * 1000u));
	assert_string_equal(s, "-0.2078753920");
	capfile_epoch_str(s, sizeof(s), 0, 0);
	assert_string_equal(s, "0.000000000");
}

/* ---- streams -------------------------------------------------------------------- */

struct slow_writer {
	int fd;
	struct bb *b;
	size_t split1, split2;		/* write [0,split1), pause, [split1,split2), wait */
	atomic_int got_first;		/* set by the reader */
	atomic_int waited_out;		/* the writer gave up waiting for the reader */
};

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void write_all(int fd, const uint8_t *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		assert_true(w > 0);
		p += w;
		n -= (size_t)w;
	}
}

static void *writer_main(void *arg)
{
	struct slow_writer *sw = arg;
	int i;

	write_all(sw->fd, sw->b->d, sw->split1);
	sleep_ms(100);
	write_all(sw->fd, sw->b->d + sw->split1, sw->split2 - sw->split1);
	/* The rest only after the reader has the first packet: a reader that waits for
	 * more data than one packet would stall here until the 5 s timeout. */
	for (i = 0; i < 500 && !atomic_load(&sw->got_first); i++)
		sleep_ms(10);
	if (i == 500)
		atomic_store(&sw->waited_out, 1);
	write_all(sw->fd, sw->b->d + sw->split2, sw->b->n - sw->split2);
	close(sw->fd);
	return NULL;
}

static void stream_returns_each_packet_when_complete(void **state)
{
	static struct bb b;
	struct slow_writer sw = { 0 };
	char err[CAPFILE_ERRBUF_SIZE];
	struct capfile *cf;
	struct pkt_rec rec;
	pthread_t th;
	int p[2];

	(void)state;
	memset(&b, 0, sizeof(b));
	pcap_hdr(&b, 0xA1B2C3D4, 65535, 1);
	pcap_rec(&b, 1, 0, 100, 100, 0x10);
	pcap_rec(&b, 2, 0, 50, 50, 0x20);
	assert_int_equal(pipe(p), 0);
	sw.fd = p[1];
	sw.b = &b;
	sw.split1 = 24 + 16 + 40;	/* header, then half of packet 1 */
	sw.split2 = 24 + 16 + 100;
	assert_int_equal(pthread_create(&th, NULL, writer_main, &sw), 0);

	cf = capfile_fdopen(p[0], "pipe", err);
	assert_non_null(cf);
	assert_int_equal(capfile_next(cf, &rec, err), 1);
	atomic_store(&sw.got_first, 1);
	assert_int_equal(rec.caplen, 100);
	assert_int_equal(rec.data[99], (uint8_t)(0x10 + 99));
	assert_int_equal(capfile_next(cf, &rec, err), 1);
	assert_int_equal(rec.ts_sec, 2);
	assert_int_equal(rec.data[49], (uint8_t)(0x20 + 49));
	assert_int_equal(capfile_next(cf, &rec, err), 0);
	assert_int_equal(capfile_pos(cf), b.n);
	assert_int_equal(capfile_size(cf), 0);
	capfile_close(cf);
	pthread_join(th, NULL);
	assert_int_equal(atomic_load(&sw.waited_out), 0);
}

struct big_writer {
	int fd;
	const uint8_t *d;
	size_t n;
};

static void *big_writer_main(void *arg)
{
	struct big_writer *bw = arg;

	write_all(bw->fd, bw->d, bw->n);
	close(bw->fd);
	return NULL;
}

/* Packets larger than the pipe and the initial buffer, and a stream cut short. */
static void stream_big_packets_and_truncation(void **state)
{
	const uint32_t caplen = 200000;
	size_t n = 24 + 3 * (16 + caplen) - 1000;
	uint8_t *d = calloc(1, n);
	char err[CAPFILE_ERRBUF_SIZE];
	struct big_writer bw = { .d = d, .n = n };
	struct capfile *cf;
	struct pkt_rec rec;
	pthread_t th;
	int p[2];

	(void)state;
	memcpy(d, "\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8);
	memcpy(d + 16, "\x00\x00\x04\x00\x01\x00\x00\x00", 8);
	for (int i = 0; i < 3; i++) {
		uint8_t *h = d + 24 + (size_t)i * (16 + caplen);
		h[0] = (uint8_t)(i + 1);
		for (int k = 0; k < 4; k++)	/* caplen and len, little-endian */
			h[8 + k] = h[12 + k] = (uint8_t)(caplen >> (8 * k));
		if (i < 2)
			h[16 + caplen - 1] = 0x5a;
	}
	assert_int_equal(pipe(p), 0);
	bw.fd = p[1];
	assert_int_equal(pthread_create(&th, NULL, big_writer_main, &bw), 0);
	cf = capfile_fdopen(p[0], "pipe", err);
	assert_non_null(cf);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(capfile_next(cf, &rec, err), 1);
		assert_int_equal(rec.ts_sec, i + 1);
		assert_int_equal(rec.caplen, caplen);
		assert_int_equal(rec.data[caplen - 1], 0x5a);
		assert_int_equal(rec.file_off, 24 + (uint64_t)i * (16 + caplen) + 16);
	}
	assert_int_equal(capfile_next(cf, &rec, err), -1);
	assert_non_null(strstr(err, "cut short in the middle of packet 3"));
	capfile_close(cf);
	pthread_join(th, NULL);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pcap_orders_and_resolutions),
		cmocka_unit_test(pcap_modified_magic),
		cmocka_unit_test(pcap_linktype_fcs_bits_masked),
		cmocka_unit_test(pcap_hostile_record_headers),
		cmocka_unit_test(pcap_truncated_record),
		cmocka_unit_test(pcap_caplen_beyond_maximum),
		cmocka_unit_test(pcap_header_only_and_broken_headers),
		cmocka_unit_test(open_missing_file),
		cmocka_unit_test(pcapng_interfaces_and_resolutions),
		cmocka_unit_test(pcapng_sections_of_both_byte_orders),
		cmocka_unit_test(pcapng_sections_descriptions_options),
		cmocka_unit_test(pcapng_damage),
		cmocka_unit_test(pcapng_custom_blocks),
		cmocka_unit_test(epoch_like_tshark),
		cmocka_unit_test(stream_returns_each_packet_when_complete),
		cmocka_unit_test(stream_big_packets_and_truncation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
