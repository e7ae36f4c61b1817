/* capfile.c — pcap and pcapng reader; see capfile.h.
 *
 * Formats (all detected by the first four bytes):
 *
 *   pcap     24-byte file header, then records of a 16-byte header + caplen bytes
 *            magic a1b2c3d4 (µs), a1b23c4d (ns), a1b2cd34 (Kuznetzov "modified" pcap,
 *            whose record header has 8 more bytes: ifindex, protocol, pkt_type, pad)
 *            either byte order.
 *   pcapng   blocks  +------+--------+------ body ------+--------+
 *                    | type | length |  ...  | options  | length |   (length counts
 *                    +------+--------+------------------+--------+    all of it, %4)
 *            SHB (0x0a0d0d0a) starts a section and fixes its byte order; IDBs add
 *            interfaces to the section; EPB/PB/SPB carry packets; custom blocks
 *            (CB, DCB) are records too (tshark lists them); everything else (NRB,
 *            ISB, DSB, unknown) is skipped.
 *
 * All input is one byte window [base, base + end) with a read position pos:
 *   - a regular file is mmap'd whole, so the window is the file, never refilled, and
 *     packet data points into the mapping (zero copy, valid until close);
 *   - a stream (stdin, pipe, fifo, socket) reads into a growable buffer; need() reads
 *     only until the current record is complete, so a packet is returned as soon as its
 *     last byte has arrived.  Consumed bytes are dropped at the next refill, which is
 *     why stream packet data is valid only until the next capfile_next().
 * The hot path (pcap from a mapping) is a bounds check, five loads and stores.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/capfile.h"
#include "core/xmalloc.h"

#define LT_MASK 0x03FFFFFFu		/* libpcap LT_LINKTYPE: bits 26-31 are FCS info */
#define STREAM_INITIAL (64u * 1024u)
/* Largest pcapng block accepted: a maximal packet with generous options.  Bounds
 * the stream buffer; Wireshark's own limit is in the same range. */
#define NG_MAX_BLOCK (16u * 1024u * 1024u)

#define PCAP_HDR_LEN 24
#define BT_SHB 0x0A0D0D0Au
#define BT_IDB 0x00000001u
#define BT_PB 0x00000002u
#define BT_SPB 0x00000003u
#define BT_EPB 0x00000006u
#define BT_CB 0x00000BADu		/* custom block, may be copied */
#define BT_DCB 0x40000BADu		/* custom block, do not copy */
#define NG_BOM 0x1A2B3C4Du

#define OPT_ENDOFOPT 0
#define OPT_IF_NAME 2
#define OPT_IF_DESCRIPTION 3
#define OPT_IF_TSRESOL 9
#define OPT_IF_TSOFFSET 14

struct ng_iface {
	struct capfile_iface pub;
};

struct capfile {
	/* The byte window; see the file comment. */
	const uint8_t *base;
	size_t end;
	size_t pos;
	uint64_t base_off;	/* file offset of base[0] */
	int stream;		/* refill from fd when the window runs short */
	uint64_t npkts;
	int done;		/* 1: clean EOF returned; -1: error returned (sticky) */

	/* pcap (kept next to the window: one cache line for the hot path) */
	int swap;		/* file byte order differs from ours (pcap or current section) */
	int nsec;
	size_t rechdr;
	int linktype;
	uint32_t snaplen;

	int (*next)(struct capfile *, struct pkt_rec *, char *);
	enum capfile_format format;
	int fd;			/* -1 when not ours to read or close */
	int close_fd;
	char name[128];		/* for messages */

	/* Mapping (regular files) or buffer (streams). */
	void *map;
	size_t map_len;
	uint8_t *buf;
	size_t buf_cap;
	int read_errno;		/* set when a read(2) failed */

	char err[CAPFILE_ERRBUF_SIZE];
	struct capfile_iface pcap_if;

	/* pcapng: interfaces over the whole file; the current section owns
	 * ifaces[sect_first .. nif). */
	struct ng_iface *ifaces;
	size_t nif, if_cap;
	size_t sect_first;
	uint32_t nsect;		/* sections begun so far */
	/* Time of the last record returned: wiretap leaves it in its record for a
	 * custom block, which has none (see CAPFILE_REC_NO_TS). */
	int64_t last_sec;
	uint32_t last_nsec;
};

/* ---- byte access ---------------------------------------------------------- */

static inline uint16_t ld16(const uint8_t *p, int swap)
{
	uint16_t v;
	memcpy(&v, p, 2);
	return swap ? __builtin_bswap16(v) : v;
}

static inline uint32_t ld32(const uint8_t *p, int swap)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return swap ? __builtin_bswap32(v) : v;
}

static inline uint64_t ld64(const uint8_t *p, int swap)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return swap ? __builtin_bswap64(v) : v;
}

static void set_err(char *errbuf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_err(char *errbuf, const char *fmt, ...)
{
	va_list ap;

	if (!errbuf)
		return;
	va_start(ap, fmt);
	vsnprintf(errbuf, CAPFILE_ERRBUF_SIZE, fmt, ap);
	va_end(ap);
}

/* Records a sticky error: this and every later capfile_next() return -1 with it. */
static int fail(struct capfile *cf, char *errbuf, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(struct capfile *cf, char *errbuf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cf->err, sizeof(cf->err), fmt, ap);
	va_end(ap);
	cf->done = -1;
	if (errbuf)
		memcpy(errbuf, cf->err, CAPFILE_ERRBUF_SIZE);
	return -1;
}

/* ---- the byte window -------------------------------------------------------- */

/* Stream refill: keeps the unread tail, then reads until n bytes are there.  Each
 * read(2) takes whatever is available (up to the free space), so this returns as
 * soon as the record is complete.  NULL at EOF or on a read error (read_errno). */
static __attribute__((noinline, cold)) const uint8_t *fill(struct capfile *cf, size_t n)
{
	size_t have = cf->end - cf->pos;

	if (cf->pos > 0) {
		memmove(cf->buf, cf->buf + cf->pos, have);
		cf->base_off += cf->pos;
		cf->pos = 0;
		cf->end = have;
	}
	if (cf->buf_cap < n) {
		size_t cap = cf->buf_cap ? cf->buf_cap : STREAM_INITIAL;
		while (cap < n)
			cap *= 2;
		cf->buf = xrealloc(cf->buf, cap);
		cf->buf_cap = cap;
	}
	cf->base = cf->buf;
	while (cf->end < n) {
		ssize_t r = read(cf->fd, cf->buf + cf->end, cf->buf_cap - cf->end);
		if (r > 0) {
			cf->end += (size_t)r;
		} else if (r == 0) {
			return NULL;
		} else if (errno == EINTR) {
			continue;
		} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			struct pollfd pfd = { .fd = cf->fd, .events = POLLIN };
			if (poll(&pfd, 1, -1) < 0 && errno != EINTR) {
				cf->read_errno = errno;
				return NULL;
			}
		} else {
			cf->read_errno = errno;
			return NULL;
		}
	}
	return cf->buf;
}

/* Pointer to n unread bytes at pos, or NULL when the input ends (or fails) first. */
static inline const uint8_t *need(struct capfile *cf, size_t n)
{
	if (cf->end - cf->pos >= n)
		return cf->base + cf->pos;
	return cf->stream ? fill(cf, n) : NULL;
}

static inline size_t avail(const struct capfile *cf)
{
	return cf->end - cf->pos;
}

/* The input ended (or failed) before a whole record was there: clean EOF (0) when
 * nothing at all was left, else -1.  in_packet: the record is packet npkts + 1;
 * otherwise a non-packet block (or a block of unknown kind) after packet npkts. */
static __attribute__((noinline, cold)) int short_read(struct capfile *cf, char *errbuf,
						     int in_packet)
{
	if (cf->read_errno)
		return fail(cf, errbuf, "error reading %s after packet %" PRIu64 ": %s", cf->name,
			    cf->npkts, strerror(cf->read_errno));
	if (avail(cf) == 0) {
		cf->done = 1;
		return 0;
	}
	if (in_packet)
		return fail(cf, errbuf, "the file %s appears to be cut short in the middle of "
			    "packet %" PRIu64, cf->name, cf->npkts + 1);
	return fail(cf, errbuf, "the file %s appears to be cut short in the middle of a block "
		    "after packet %" PRIu64, cf->name, cf->npkts);
}

/* ---- pcap --------------------------------------------------------------------- */

static int pcap_next(struct capfile *cf, struct pkt_rec *rec, char *errbuf)
{
	const size_t hl = cf->rechdr;
	const int swap = cf->swap;
	const uint8_t *p;
	uint32_t caplen, frac;

	if (!(p = need(cf, hl)))
		return short_read(cf, errbuf, 1);
	caplen = ld32(p + 8, swap);
	if (caplen > CAPFILE_MAX_CAPLEN)
		return fail(cf, errbuf, "record %" PRIu64 " claims caplen %" PRIu32
			    ", larger than the maximum %u: %s is damaged after packet %" PRIu64,
			    cf->npkts + 1, caplen, CAPFILE_MAX_CAPLEN, cf->name, cf->npkts);
	if (avail(cf) - hl < caplen && !(p = need(cf, hl + caplen)))
		return short_read(cf, errbuf, 1);
	frac = ld32(p + 4, swap);
	rec->ts_sec = ld32(p, swap);
	/* µs·1000 modulo 2³²: defined for any µs and what tshark computes. */
	rec->ts_nsec = cf->nsec ? frac : frac * 1000u;
	rec->caplen = caplen;
	rec->len = ld32(p + 12, swap);
	rec->linktype = cf->linktype;
	rec->ifid = 0;
	rec->data = p + hl;
	rec->file_off = cf->base_off + cf->pos + hl;
	rec->flags = 0;
	rec->opts = NULL;
	rec->opts_len = 0;
	cf->pos += hl + caplen;
	cf->npkts++;
	/* The next record header, while the caller works on this packet (a hint: it
	 * never faults, even past the end). */
	__builtin_prefetch(cf->base + cf->pos);
	return 1;
}

/* Magic (as read in our byte order) → format; the swapped twin is found by
 * swapping.  rechdr is the record header length. */
static const struct {
	uint32_t magic;
	enum capfile_format format;
	size_t rechdr;
} pcap_magics[] = {
	{ 0xA1B2C3D4u, CAPFILE_PCAP, 16 },
	{ 0xA1B23C4Du, CAPFILE_PCAP_NSEC, 16 },
	{ 0xA1B2CD34u, CAPFILE_PCAP, 24 },	/* Kuznetzov modified pcap */
};

static int pcap_open(struct capfile *cf, size_t i, int swap, char *errbuf)
{
	const uint8_t *p = need(cf, PCAP_HDR_LEN);
	uint16_t major;

	if (!p) {
		if (cf->read_errno)
			set_err(errbuf, "error reading %s: %s", cf->name, strerror(cf->read_errno));
		else
			set_err(errbuf, "%s is too short to be a pcap file: its header is cut short "
				"(%zu of 24 bytes)", cf->name, avail(cf));
		return -1;
	}
	major = ld16(p + 4, swap);
	if (major < 2) {
		set_err(errbuf, "%s is a pcap file of version %u.%u, which is too old to read",
			cf->name, major, ld16(p + 6, swap));
		return -1;
	}
	cf->format = pcap_magics[i].format;
	cf->nsec = cf->format == CAPFILE_PCAP_NSEC;
	cf->rechdr = pcap_magics[i].rechdr;
	cf->swap = swap;
	cf->snaplen = ld32(p + 16, swap);
	cf->linktype = (int)(ld32(p + 20, swap) & LT_MASK);
	cf->pcap_if.linktype = cf->linktype;
	cf->pcap_if.snaplen = cf->snaplen;
	cf->pcap_if.tsresol = cf->nsec ? 1000000000 : 1000000;
	cf->pcap_if.time_digits = cf->nsec ? 9 : 6;
	cf->pos += PCAP_HDR_LEN;
	cf->next = pcap_next;
	return 0;
}

/* ---- pcapng ------------------------------------------------------------------- */

/* Block handlers get the whole block (p, tl bytes, lengths checked); 1 = packet in
 * *rec, 0 = consumed, -1 = error set.  pos still points at the block start. */
struct ng_block {
	uint32_t type;
	uint32_t min_len;
	int (*fn)(struct capfile *, const uint8_t *, uint32_t, struct pkt_rec *, char *);
};

static int ng_shb(struct capfile *cf, const uint8_t *p, uint32_t tl, struct pkt_rec *rec,
		  char *errbuf)
{
	uint16_t major = ld16(p + 12, cf->swap), minor = ld16(p + 14, cf->swap);

	(void)tl;
	(void)rec;
	if (major != 1)
		return fail(cf, errbuf, "%s has a pcapng section of version %u.%u after packet %"
			    PRIu64 ", which cannot be read", cf->name, major, minor, cf->npkts);
	cf->sect_first = cf->nif;
	cf->nsect++;
	return 0;
}

static uint64_t tsresol_units(uint8_t v)
{
	uint64_t base = (v & 0x80) ? 2 : 10, r = 1;
	unsigned e = v & 0x7f;

	/* Beyond 2⁶³ or 10¹⁹ the value cannot be held; Wireshark uses the maximum. */
	if ((base == 2 && e >= 64) || (base == 10 && e >= 20))
		return UINT64_MAX;
	while (e--)
		r *= base;
	return r;
}

/* A string option into dst (cut to fit, ended at its first NUL). */
static void opt_string(char *dst, size_t size, const uint8_t *v, uint16_t olen)
{
	size_t n = olen < size - 1 ? olen : size - 1;

	memcpy(dst, v, n);
	dst[n] = '\0';
	dst[strnlen(dst, n)] = '\0';
}

/* Decimals of the time column for a resolution: the power of ten, else 6 (µs). */
static int tsresol_digits(uint64_t units)
{
	int digits = 0;

	for (uint64_t r = units; r > 1 && r % 10 == 0 && digits < 9; r /= 10)
		digits++;
	return digits ? digits : 6;
}

static int ng_idb(struct capfile *cf, const uint8_t *p, uint32_t tl, struct pkt_rec *rec,
		  char *errbuf)
{
	struct ng_iface *ifc;
	size_t o = 16, oend = tl - 4;

	(void)rec;
	(void)errbuf;
	cf->ifaces = xgrow(cf->ifaces, &cf->if_cap, cf->nif + 1, sizeof(*cf->ifaces));
	ifc = &cf->ifaces[cf->nif++];
	memset(ifc, 0, sizeof(*ifc));
	ifc->pub.linktype = (int)(ld16(p + 8, cf->swap) & LT_MASK);
	ifc->pub.snaplen = ld32(p + 12, cf->swap);
	ifc->pub.tsresol = 1000000;
	ifc->pub.section = cf->nsect;
	/* Options: code, length, value padded to 4.  A malformed list ends the
	 * parse; the interface itself stays usable. */
	while (o + 4 <= oend) {
		uint16_t code = ld16(p + o, cf->swap), olen = ld16(p + o + 2, cf->swap);
		const uint8_t *v = p + o + 4;
		if (code == OPT_ENDOFOPT || oend - (o + 4) < olen)
			break;
		if (code == OPT_IF_NAME)
			opt_string(ifc->pub.name, sizeof(ifc->pub.name), v, olen);
		else if (code == OPT_IF_DESCRIPTION)
			opt_string(ifc->pub.descr, sizeof(ifc->pub.descr), v, olen);
		else if (code == OPT_IF_TSRESOL && olen >= 1) {
			ifc->pub.tsresol = tsresol_units(v[0]);
		} else if (code == OPT_IF_TSOFFSET && olen >= 8) {
			ifc->pub.tsoffset = (int64_t)ld64(v, cf->swap);
		}
		o += 4 + ((olen + 3u) & ~3u);
	}
	ifc->pub.time_digits = tsresol_digits(ifc->pub.tsresol);
	return 0;
}

static const struct ng_iface *ng_section_iface(struct capfile *cf, uint32_t id)
{
	if (id >= cf->nif - cf->sect_first)
		return NULL;
	return &cf->ifaces[cf->sect_first + id];
}

static int ng_no_iface(struct capfile *cf, uint32_t id, char *errbuf)
{
	return fail(cf, errbuf, "packet %" PRIu64 " of %s refers to interface %" PRIu32
		    ", but its section describes only %zu interfaces: the file is damaged",
		    cf->npkts + 1, cf->name, id, cf->nif - cf->sect_first);
}

static int ng_packet_out(struct capfile *cf, const struct ng_iface *ifc, uint64_t ts,
			 uint32_t caplen, uint32_t len, size_t data_off, const uint8_t *p,
			 struct pkt_rec *rec)
{
	uint64_t units = ifc->pub.tsresol, frac;

	if (units == 1000000) {
		rec->ts_sec = (int64_t)(ts / 1000000);
		rec->ts_nsec = (uint32_t)(ts % 1000000) * 1000u;
	} else if (units == 1000000000) {
		rec->ts_sec = (int64_t)(ts / 1000000000);
		rec->ts_nsec = (uint32_t)(ts % 1000000000);
	} else {
		rec->ts_sec = (int64_t)(ts / units);
		frac = ts % units;
		rec->ts_nsec = (uint32_t)((unsigned __int128)frac * 1000000000u / units);
	}
	/* Wrapping addition: a hostile offset must not be undefined behaviour. */
	rec->ts_sec = (int64_t)((uint64_t)rec->ts_sec + (uint64_t)ifc->pub.tsoffset);
	rec->caplen = caplen;
	rec->len = len;
	rec->linktype = ifc->pub.linktype;
	rec->ifid = (uint32_t)(ifc - cf->ifaces);
	rec->data = p + data_off;
	rec->file_off = cf->base_off + cf->pos + data_off;
	rec->flags = 0;
	rec->opts = NULL;
	rec->opts_len = 0;
	cf->last_sec = rec->ts_sec;
	cf->last_nsec = rec->ts_nsec;
	cf->npkts++;
	return 1;
}


/* A packet block's caplen over the maximum, or its data (padded to 32 bits after hdr
 * bytes of block) past the block's total length tl: the error, 1. */
static int ng_caplen_bad(struct capfile *cf, uint32_t caplen, uint32_t hdr, uint32_t tl,
		 char *errbuf)
{
	if (caplen > CAPFILE_MAX_CAPLEN) {
		fail(cf, errbuf, "record %" PRIu64 " claims caplen %" PRIu32
		     ", larger than the maximum %u: %s is damaged after packet %" PRIu64,
		     cf->npkts + 1, caplen, CAPFILE_MAX_CAPLEN, cf->name, cf->npkts);
		return 1;
	}
	if (hdr + (uint64_t)((caplen + 3u) & ~3u) > tl) {
		fail(cf, errbuf, "packet %" PRIu64 " of %s claims %" PRIu32 " bytes of data "
		     "in a block of %" PRIu32 " bytes: the file is damaged",
		     cf->npkts + 1, cf->name, caplen, tl);
		return 1;
	}
	return 0;
}
/* EPB and the obsolete PB share their layout except for the interface field:
 * EPB id:32; PB id:16 drops:16.  Then ts_high, ts_low, caplen, len, data. */
static int ng_epb_pb(struct capfile *cf, const uint8_t *p, uint32_t tl, struct pkt_rec *rec,
		     char *errbuf, uint32_t id)
{
	const struct ng_iface *ifc;
	uint32_t caplen = ld32(p + 20, cf->swap);
	uint64_t ts;

	if (ng_caplen_bad(cf, caplen, 32, tl, errbuf))
		return -1;
	if (!(ifc = ng_section_iface(cf, id)))
		return ng_no_iface(cf, id, errbuf);
	ts = (uint64_t)ld32(p + 12, cf->swap) << 32 | ld32(p + 16, cf->swap);
	ng_packet_out(cf, ifc, ts, caplen, ld32(p + 24, cf->swap), 28, p, rec);
	/* the options: after the padded data, before the trailing length */
	rec->opts_len = tl - 4 - 28 - ((caplen + 3u) & ~3u);
	rec->opts = rec->opts_len ? p + tl - 4 - rec->opts_len : NULL;
	if (rec->opts_len && cf->swap)
		rec->flags |= CAPFILE_REC_OPT_SWAP;
	return 1;
}

static int ng_epb(struct capfile *cf, const uint8_t *p, uint32_t tl, struct pkt_rec *rec,
		  char *errbuf)
{
	return ng_epb_pb(cf, p, tl, rec, errbuf, ld32(p + 8, cf->swap));
}

static int ng_pb(struct capfile *cf, const uint8_t *p, uint32_t tl, struct pkt_rec *rec,
		 char *errbuf)
{
	return ng_epb_pb(cf, p, tl, rec, errbuf, ld16(p + 8, cf->swap));
}

/* SPB: len, data.  caplen is min(len, the section's first interface's snaplen
 * (0 = none)); no time stamp (0, as Wireshark shows). */
static int ng_spb(struct capfile *cf, const uint8_t *p, uint32_t tl, struct pkt_rec *rec,
		  char *errbuf)
{
	const struct ng_iface *ifc = ng_section_iface(cf, 0);
	uint32_t len = ld32(p + 8, cf->swap), caplen = len;

	if (!ifc)
		return ng_no_iface(cf, 0, errbuf);
	if (ifc->pub.snaplen && caplen > ifc->pub.snaplen)
		caplen = ifc->pub.snaplen;
	if (ng_caplen_bad(cf, caplen, 16, tl, errbuf))
		return -1;
	ng_packet_out(cf, ifc, 0, caplen, len, 12, p, rec);
	rec->ts_sec = cf->last_sec = 0;
	rec->ts_nsec = cf->last_nsec = 0;
	rec->flags = CAPFILE_REC_NO_TS;
	return 1;
}

/* Custom block (CB or DCB): type, length, PEN, data and options, length.  A record
 * of its own link type (capfile.h), with the previous record's stale time. */
static int ng_cb(struct capfile *cf, const uint8_t *p, uint32_t tl, struct pkt_rec *rec,
		 char *errbuf)
{
	if (tl - 4 > CAPFILE_MAX_CAPLEN)
		return fail(cf, errbuf, "custom block %" PRIu64 " of %s is %" PRIu32 " bytes long, "
			    "larger than the maximum %u: the file is damaged", cf->npkts + 1, cf->name,
			    tl, CAPFILE_MAX_CAPLEN);
	rec->ts_sec = cf->last_sec;
	rec->ts_nsec = cf->last_nsec;
	rec->caplen = rec->len = tl - 4;
	rec->linktype = LINKTYPE_PCAPNG_BLOCK;
	rec->ifid = CAPFILE_IFID_NONE;
	rec->data = p;
	rec->file_off = cf->base_off + cf->pos;
	rec->flags = CAPFILE_REC_NO_TS;
	rec->opts = NULL;
	rec->opts_len = 0;
	cf->npkts++;
	return 1;
}

static const struct ng_block ng_blocks[] = {
	{ BT_SHB, 28, ng_shb },
	{ BT_IDB, 20, ng_idb },
	{ BT_EPB, 32, ng_epb },
	{ BT_PB, 32, ng_pb },
	{ BT_SPB, 16, ng_spb },
	{ BT_CB, 16, ng_cb },
	{ BT_DCB, 16, ng_cb },
};

/* One block: 1 packet, 0 consumed a non-packet block, -1 error, 2 clean EOF. */
static int ng_step(struct capfile *cf, struct pkt_rec *rec, char *errbuf)
{
	const struct ng_block *b = NULL;
	const uint8_t *p;
	uint32_t type, tl;
	int r;

	if (!(p = need(cf, 8)))
		return short_read(cf, errbuf, 0) == 0 ? 2 : -1;
	type = ld32(p, cf->swap);
	if (type == BT_SHB) {
		uint32_t bom;
		if (!(p = need(cf, 12)))
			return short_read(cf, errbuf, 0);
		memcpy(&bom, p + 8, 4);
		if (bom == NG_BOM)
			cf->swap = 0;
		else if (bom == __builtin_bswap32(NG_BOM))
			cf->swap = 1;
		else
			return fail(cf, errbuf, "%s has a pcapng section header with an unknown byte "
				    "order mark after packet %" PRIu64 ": the file is damaged",
				    cf->name, cf->npkts);
	}
	tl = ld32(p + 4, cf->swap);
	for (size_t i = 0; i < sizeof(ng_blocks) / sizeof(ng_blocks[0]); i++)
		if (ng_blocks[i].type == type)
			b = &ng_blocks[i];
	if (tl < (b ? b->min_len : 12) || tl % 4 || tl > NG_MAX_BLOCK)
		return fail(cf, errbuf, "%s has a pcapng block (type 0x%08" PRIx32 ") with an "
			    "impossible length %" PRIu32 " after packet %" PRIu64 ": the file is damaged",
			    cf->name, type, tl, cf->npkts);
	if (!(p = need(cf, tl)))
		return short_read(cf, errbuf, b && b->type != BT_SHB && b->type != BT_IDB);
	if (ld32(p + tl - 4, cf->swap) != tl)
		return fail(cf, errbuf, "%s has a pcapng block whose two lengths differ (%" PRIu32
			    " and %" PRIu32 ") after packet %" PRIu64 ": the file is damaged",
			    cf->name, tl, ld32(p + tl - 4, cf->swap), cf->npkts);
	r = b ? b->fn(cf, p, tl, rec, errbuf) : 0;
	if (r >= 0)
		cf->pos += tl;
	return r;
}

static int ng_next(struct capfile *cf, struct pkt_rec *rec, char *errbuf)
{
	for (;;) {
		int r = ng_step(cf, rec, errbuf);
		if (r == 2)
			return 0;
		if (r != 0)
			return r;
	}
}

static int ng_open(struct capfile *cf, char *errbuf)
{
	const uint8_t *p = need(cf, 12);
	struct pkt_rec rec;

	if (!p) {
		set_err(errbuf, "%s is too short to be a pcapng file: its section header is cut "
			"short (%zu bytes)", cf->name, avail(cf));
		return -1;
	}
	cf->format = CAPFILE_PCAPNG;
	cf->next = ng_next;
	if (ng_step(cf, &rec, errbuf) != 0) {
		if (errbuf)
			memcpy(errbuf, cf->err, CAPFILE_ERRBUF_SIZE);
		return -1;
	}
	/* Read the IDBs that follow so capfile_linktype() knows the link type before
	 * the first packet.  Anything else, errors included, is left for next(). */
	while ((p = need(cf, 8)) && ld32(p, cf->swap) == BT_IDB)
		if (ng_step(cf, &rec, NULL) != 0)
			break;
	if (cf->done == -1)
		cf->done = 0;	/* the failed block is read again, and reported, by next() */
	return 0;
}

/* ---- opening -------------------------------------------------------------------- */

static int detect(struct capfile *cf, char *errbuf)
{
	const uint8_t *p = need(cf, 4);
	uint32_t m;

	if (!p) {
		if (cf->read_errno)
			set_err(errbuf, "error reading %s: %s", cf->name, strerror(cf->read_errno));
		else if (avail(cf) == 0)
			set_err(errbuf, "%s is an empty file: there is nothing to read", cf->name);
		else
			set_err(errbuf, "%s is not a pcap or pcapng file: it is only %zu bytes long",
				cf->name, avail(cf));
		return -1;
	}
	memcpy(&m, p, 4);
	for (size_t i = 0; i < sizeof(pcap_magics) / sizeof(pcap_magics[0]); i++) {
		if (m == pcap_magics[i].magic)
			return pcap_open(cf, i, 0, errbuf);
		if (m == __builtin_bswap32(pcap_magics[i].magic))
			return pcap_open(cf, i, 1, errbuf);
	}
	if (m == BT_SHB)
		return ng_open(cf, errbuf);
	if (p[0] == 0x1f && p[1] == 0x8b)
		set_err(errbuf, "%s is gzip-compressed: decompress it first (gunzip)", cf->name);
	else
		set_err(errbuf, "%s is not a pcap or pcapng file (it starts with %02x %02x %02x %02x)",
			cf->name, p[0], p[1], p[2], p[3]);
	return -1;
}

static struct capfile *new_capfile(const char *name)
{
	struct capfile *cf = xcalloc(1, sizeof(*cf));

	cf->fd = -1;
	cf->linktype = -1;
	snprintf(cf->name, sizeof(cf->name), "\"%s\"", name);
	return cf;
}

static struct capfile *finish_open(struct capfile *cf, char *errbuf)
{
	if (detect(cf, errbuf) < 0) {
		capfile_close(cf);
		return NULL;
	}
	return cf;
}

static struct capfile *open_fd(int fd, int own, const char *name, char *errbuf)
{
	struct capfile *cf = new_capfile(name ? name : "capture");
	struct stat st;

	cf->fd = fd;
	cf->close_fd = own;
	if (fstat(fd, &st) < 0) {
		set_err(errbuf, "cannot read %s: %s", cf->name, strerror(errno));
		capfile_close(cf);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		set_err(errbuf, "%s is a directory, not a capture file", cf->name);
		capfile_close(cf);
		return NULL;
	}
	if (S_ISREG(st.st_mode) && st.st_size == 0) {
		set_err(errbuf, "%s is an empty file: there is nothing to read", cf->name);
		capfile_close(cf);
		return NULL;
	}
	/* A regular file is mapped from its start, so only when the descriptor is
	 * there (stdin redirected from a file that something already read from is not). */
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size <= SIZE_MAX &&
	    lseek(fd, 0, SEEK_CUR) == 0) {
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m != MAP_FAILED) {
			/* Sequential readahead; no MAP_POPULATE, so open stays instant and
			 * the first packets are there before the last page is read. */
			madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL);
			cf->map = m;
			cf->map_len = (size_t)st.st_size;
			cf->base = m;
			cf->end = cf->map_len;
			return finish_open(cf, errbuf);
		}
	}
	/* Pipes, fifos, sockets, terminals, and files that cannot be mapped. */
	cf->stream = 1;
	return finish_open(cf, errbuf);
}

struct capfile *capfile_fdopen(int fd, const char *name, char *errbuf)
{
	return open_fd(fd, 1, name, errbuf);
}

struct capfile *capfile_open(const char *path, char *errbuf)
{
	int fd;

	if (strcmp(path, "-") == 0)
		return open_fd(STDIN_FILENO, 0, "standard input", errbuf);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		set_err(errbuf, "cannot open \"%s\": %s%s", path, strerror(e),
			e == EACCES ? " (check the file's permissions)" : "");
		return NULL;
	}
	return open_fd(fd, 1, path, errbuf);
}

struct capfile *capfile_open_mem(const uint8_t *data, size_t size, const char *name,
				 char *errbuf)
{
	struct capfile *cf = new_capfile(name ? name : "buffer");

	cf->base = data;
	cf->end = data ? size : 0;
	return finish_open(cf, errbuf);
}

int capfile_next(struct capfile *cf, struct pkt_rec *rec, char *errbuf)
{
	if (__builtin_expect(cf->done != 0, 0)) {
		if (cf->done > 0)
			return 0;
		if (errbuf)
			memcpy(errbuf, cf->err, CAPFILE_ERRBUF_SIZE);
		return -1;
	}
	return cf->next(cf, rec, errbuf);
}

void capfile_close(struct capfile *cf)
{
	if (!cf)
		return;
	if (cf->map)
		munmap(cf->map, cf->map_len);
	if (cf->close_fd && cf->fd >= 0)
		close(cf->fd);
	free(cf->buf);
	free(cf->ifaces);
	free(cf);
}

/* ---- queries ---------------------------------------------------------------------- */

enum capfile_format capfile_format(const struct capfile *cf)
{
	return cf->format;
}

int capfile_iface_count(const struct capfile *cf)
{
	if (cf->format != CAPFILE_PCAPNG)
		return 1;
	return (int)cf->nif;
}

const struct capfile_iface *capfile_iface(const struct capfile *cf, uint32_t ifid)
{
	if (cf->format != CAPFILE_PCAPNG)
		return ifid == 0 ? &cf->pcap_if : NULL;
	return ifid < cf->nif ? &cf->ifaces[ifid].pub : NULL;
}

int capfile_linktype(const struct capfile *cf)
{
	if (cf->format != CAPFILE_PCAPNG)
		return cf->linktype;
	return cf->nif ? cf->ifaces[0].pub.linktype : -1;
}

uint64_t capfile_pos(const struct capfile *cf)
{
	return cf->base_off + cf->pos;
}

uint64_t capfile_size(const struct capfile *cf)
{
	return cf->stream ? 0 : cf->end;
}

const uint8_t *capfile_map(const struct capfile *cf)
{
	return cf->stream ? NULL : cf->base;
}

uint64_t capfile_count(const struct capfile *cf)
{
	return cf->npkts;
}

/* tshark 4.0 keeps the fraction as a signed int nanosecond count and prints
 * "-" plus its magnitude when it is negative (unless the seconds already are). */
int capfile_epoch_str(char *buf, size_t n, int64_t ts_sec, uint32_t ts_nsec)
{
	int32_t ns = (int32_t)ts_nsec;
	const char *sign = "";
	uint32_t mag = ts_nsec;

	if (ns < 0) {
		mag = 0u - ts_nsec;
		if (ts_sec >= 0)
			sign = "-";
	}
	return snprintf(buf, n, "%s%" PRId64 ".%09" PRIu32, sign, ts_sec, mag);
}
