/* writer.c — pcap and pcapng output (host byte order, which both formats allow).
 *
 * pcap:   24-byte file header (magic a1b2c3d4 µs / a1b23c4d ns), then per packet a
 *         16-byte record header (ts_sec, ts_frac, caplen, len) and the bytes.
 * pcapng: Section Header Block, one Interface Description Block per (ifid, link type)
 *         with if_name and if_tsresol, then Enhanced Packet Blocks.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/capture.h"
#include "capture/writer.h"
#include "core/linktype.h"
#include "core/xmalloc.h"

#define WBUF_SIZE (512u * 1024u)	/* grows for a block bigger than this */
#define END_PKT 0x80000000u		/* block_end[]: the block is a packet */

struct w_iface {
	uint32_t ifid;
	int linktype;
	uint32_t index;		/* pcapng interface id */
	int digits;		/* pcapng: decimals of its time stamps (if_tsresol) */
};

/* Blocks are assembled whole in buf, so a flush writes whole blocks; block_end[]
 * keeps where each buffered block ends, so a short write can be cut back to the last
 * complete one. */
struct capwriter {
	int fd;
	char *path;
	enum capw_format fmt;
	int nsec;
	int header_done;	/* pcap header / pcapng SHB written */
	int pcap_linktype;
	uint32_t pcap_snaplen;
	struct w_iface *ifs;
	size_t nifs, cap_ifs;
	uint64_t flushed;	/* bytes in the file, all complete blocks */
	uint64_t packets;	/* packets among them */
	uint64_t last_data;	/* file offset of the last packet's bytes */
	int failed;
	int reported;		/* the failure was returned to the caller */
	char err[CAPW_ERRBUF_SIZE];
	uint8_t *buf;
	size_t blen, bcap;
	uint32_t *block_end;	/* offset in buf after each buffered block | END_PKT */
	size_t nblocks, cap_blocks;
};

static int fail(struct capwriter *w, char *errbuf, int err)
{
	if (!w->failed) {
		w->failed = 1;
		snprintf(w->err, sizeof(w->err), "cannot write to %s: %s", w->path,
		    err ? strerror(err) : "write error");
	}
	w->reported = 1;
	if (errbuf)
		snprintf(errbuf, CAPW_ERRBUF_SIZE, "%s", w->err);
	return -1;
}

/* Writes the buffer out.  On a short write the file is cut back to the end of the
 * last block that was written whole (a pipe cannot be cut: it keeps the partial
 * block), and only whole packets are counted. */
static int flush_buf(struct capwriter *w)
{
	size_t off = 0, good = 0;
	uint64_t pkts = 0;
	int err = 0;

	while (off < w->blen) {
		ssize_t k = write(w->fd, w->buf + off, w->blen - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			err = k < 0 ? errno : EIO;
			break;
		}
		off += (size_t)k;
	}
	for (size_t i = 0; i < w->nblocks && (w->block_end[i] & ~END_PKT) <= off; i++) {
		good = w->block_end[i] & ~END_PKT;
		pkts += (w->block_end[i] & END_PKT) != 0;
	}
	if (off > good && ftruncate(w->fd, (off_t)(w->flushed + good)) == 0)
		(void)lseek(w->fd, (off_t)(w->flushed + good), SEEK_SET);
	w->flushed += good;
	w->packets += pkts;
	w->blen = 0;
	w->nblocks = 0;
	if (err) {
		w->failed = 1;
		snprintf(w->err, sizeof(w->err), "cannot write to %s: %s", w->path, strerror(err));
		return -1;
	}
	return 0;
}

/* Room for a block of n bytes at the end of the buffer (flushing first if needed);
 * NULL once the writer has failed. */
static uint8_t *reserve(struct capwriter *w, size_t n)
{
	if (w->failed)
		return NULL;
	if (w->blen + n > w->bcap) {
		if (w->blen && flush_buf(w) < 0)
			return NULL;
		if (n > w->bcap) {
			w->buf = xrealloc(w->buf, n);
			w->bcap = n;
		}
	}
	return w->buf + w->blen;
}

static void commit(struct capwriter *w, size_t n, int is_pkt)
{
	w->blen += n;
	w->block_end = xgrow(w->block_end, &w->cap_blocks, w->nblocks + 1, sizeof(*w->block_end));
	w->block_end[w->nblocks++] = (uint32_t)w->blen | (is_pkt ? END_PKT : 0);
}

/* One whole non-packet block (file header, SHB, IDB). */
static int put_block(struct capwriter *w, const void *p, size_t n, char *errbuf)
{
	uint8_t *d = reserve(w, n);

	if (!d)
		return fail(w, errbuf, 0);
	memcpy(d, p, n);
	commit(w, n, 0);
	return 0;
}

static struct capwriter *writer_new(int fd, const char *name, enum capw_format fmt, int nsec)
{
	struct capwriter *w = xcalloc(1, sizeof(*w));

	w->fd = fd;
	w->path = xstrdup(name);
	w->fmt = fmt;
	w->nsec = nsec;
	w->pcap_linktype = -1;
	w->bcap = WBUF_SIZE;
	w->buf = xmalloc(w->bcap);
	return w;
}

struct capwriter *capw_open(const char *path, enum capw_format fmt, int nsec, char *errbuf)
{
	int fd;

	/* stdout: our own descriptor, so close reports errors and leaves fd 1 alone. */
	if (strcmp(path, "-") == 0) {
		fflush(stdout);
		if ((fd = dup(STDOUT_FILENO)) < 0) {
			snprintf(errbuf, CAPW_ERRBUF_SIZE, "cannot write to standard output: %s",
			    strerror(errno));
			return NULL;
		}
		return writer_new(fd, "standard output", fmt, nsec);
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)) < 0) {
		snprintf(errbuf, CAPW_ERRBUF_SIZE, "cannot create the capture file %s: %s%s", path,
		    strerror(errno), errno == EACCES ?
		    " — write somewhere you (or the -Z user) may write, such as /tmp" : "");
		return NULL;
	}
	return writer_new(fd, path, fmt, nsec);
}

struct capwriter *capw_fdopen(int fd, const char *name, enum capw_format fmt, int nsec)
{
	return writer_new(fd, name, fmt, nsec);
}

int capw_is_pcapng(const struct capwriter *w) { return w->fmt == CAPW_PCAPNG; }
uint64_t capw_bytes(const struct capwriter *w) { return w->flushed + w->blen; }
uint64_t capw_packets(const struct capwriter *w) { return w->packets; }
uint64_t capw_last_data(const struct capwriter *w) { return w->last_data; }

static int write_pcap_header(struct capwriter *w, int linktype, uint32_t snaplen, char *errbuf)
{
	uint32_t h[6] = { w->nsec ? 0xa1b23c4du : 0xa1b2c3d4u, 0, 0, 0, snaplen, (uint32_t)linktype };
	uint16_t ver[2] = { 2, 4 };	/* version_major, version_minor */

	memcpy(&h[1], ver, sizeof(ver));
	w->header_done = 1;
	w->pcap_linktype = linktype;
	w->pcap_snaplen = snaplen;
	return put_block(w, h, sizeof(h), errbuf);
}

/* A pcapng block built in memory (host byte order, as the SHB's byte-order magic says):
 * fixed fields, options padded to 4 bytes, then opt_endofopt and the total length at both
 * ends. */
struct blk {
	uint8_t b[512];
	size_t n;
};

static void blk_put(struct blk *k, const void *p, size_t len)
{
	memcpy(k->b + k->n, p, len);
	k->n += len;
}

static void blk_u16(struct blk *k, uint16_t v) { blk_put(k, &v, sizeof(v)); }
static void blk_u32(struct blk *k, uint32_t v) { blk_put(k, &v, sizeof(v)); }

/* Starts a block of `type`; its length is patched by blk_write. */
static void blk_start(struct blk *k, uint32_t type)
{
	k->n = 0;
	blk_u32(k, type);
	blk_u32(k, 0);
}

static void blk_opt(struct blk *k, uint16_t code, const void *p, size_t len)
{
	blk_u16(k, code);
	blk_u16(k, (uint16_t)len);
	blk_put(k, p, len);
	while (k->n % 4)
		k->b[k->n++] = 0;
}

static int blk_write(struct capwriter *w, struct blk *k, char *errbuf)
{
	uint32_t total;

	blk_u32(k, 0);			/* opt_endofopt */
	total = (uint32_t)k->n + 4;
	blk_u32(k, total);
	memcpy(k->b + 4, &total, sizeof(total));
	return put_block(w, k->b, k->n, errbuf);
}

static int write_shb(struct capwriter *w, char *errbuf)
{
	char appl[64];
	struct blk k;
	uint64_t section_len = UINT64_MAX;	/* unknown */

	snprintf(appl, sizeof(appl), "%s %s", PACKAGE_NAME, PACKAGE_VERSION);
	blk_start(&k, 0x0A0D0D0A);
	blk_u32(&k, 0x1A2B3C4D);
	blk_u16(&k, 1);			/* version 1.0 */
	blk_u16(&k, 0);
	blk_put(&k, &section_len, sizeof(section_len));
	blk_opt(&k, 4, appl, strlen(appl));	/* shb_userappl */
	w->header_done = 1;
	return blk_write(w, &k, errbuf);
}

static int write_idb(struct capwriter *w, int linktype, uint32_t snaplen, const char *name,
		     const char *descr, int digits, char *errbuf)
{
	uint8_t resol = (uint8_t)digits;	/* if_tsresol: 10^-digits */
	struct blk k;
	size_t nlen = name ? strnlen(name, 127) : 0, dlen = descr ? strnlen(descr, 127) : 0;

	blk_start(&k, 1);
	blk_u16(&k, (uint16_t)linktype);
	blk_u16(&k, 0);			/* reserved */
	blk_u32(&k, snaplen);
	if (nlen)
		blk_opt(&k, 2, name, nlen);	/* if_name */
	if (dlen)
		blk_opt(&k, 3, descr, dlen);	/* if_description */
	if (digits != 6)
		blk_opt(&k, 9, &resol, sizeof(resol));
	return blk_write(w, &k, errbuf);
}

static struct w_iface *find_iface(struct capwriter *w, uint32_t ifid, int linktype)
{
	for (size_t i = 0; i < w->nifs; i++)
		if (w->ifs[i].ifid == ifid && w->ifs[i].linktype == linktype)
			return &w->ifs[i];
	return NULL;
}

/* Declares (ifid, linktype) with what the IDB says about it. */
static int add_iface(struct capwriter *w, uint32_t ifid, int linktype, uint32_t snaplen,
		     const char *name, const char *descr, int digits, char *errbuf)
{
	struct w_iface *f;

	if (w->failed)
		return fail(w, errbuf, 0);
	if (find_iface(w, ifid, linktype))
		return 0;
	if (w->fmt == CAPW_PCAP) {
		if (w->header_done && w->pcap_linktype != linktype) {
			snprintf(errbuf, CAPW_ERRBUF_SIZE, "cannot write packets of link types %d and %d "
			    "to the one pcap file %s: use -F pcapng", w->pcap_linktype, linktype, w->path);
			return -1;
		}
		if (!w->header_done && write_pcap_header(w, linktype, snaplen, errbuf) < 0)
			return -1;
	} else {
		if (!w->header_done && write_shb(w, errbuf) < 0)
			return -1;
		if (write_idb(w, linktype, snaplen, name, descr, digits, errbuf) < 0)
			return -1;
	}
	w->ifs = xgrow(w->ifs, &w->cap_ifs, w->nifs + 1, sizeof(*w->ifs));
	f = &w->ifs[w->nifs];
	f->ifid = ifid;
	f->linktype = linktype;
	f->index = (uint32_t)w->nifs++;
	f->digits = digits;
	return 0;
}

int capw_add_iface(struct capwriter *w, uint32_t ifid, int linktype, uint32_t snaplen,
		   const char *name, char *errbuf)
{
	return add_iface(w, ifid, linktype, snaplen, name, NULL, w->nsec ? 9 : 6, errbuf);
}

int capw_add_iface_from(struct capwriter *w, uint32_t ifid, int linktype,
			const struct capfile_iface *ifc, char *errbuf)
{
	int digits = ifc && ifc->time_digits >= 0 && ifc->time_digits <= 9 ? ifc->time_digits :
	    w->nsec ? 9 : 6;

	if (!ifc)
		return capw_add_iface(w, ifid, linktype, CAP_DEFAULT_SNAPLEN, NULL, errbuf);
	return add_iface(w, ifid, linktype, ifc->snaplen ? ifc->snaplen : CAP_DEFAULT_SNAPLEN,
	    ifc->name[0] ? ifc->name : NULL, ifc->descr[0] ? ifc->descr : NULL, digits, errbuf);
}

/* A packet's pcapng options, copied into an EPB in our byte order: their code and
 * length turned when the file's order was not ours, and the numbers among the values
 * (epb_flags, epb_dropcount, epb_packetid, epb_queue) too; the end marker left out
 * (the block adds its own).  Returns the bytes written at d (0 when d is NULL: the
 * size only). */
static size_t epb_options(const struct pkt_rec *rec, uint8_t *d)
{
	int swap = (rec->flags & CAPFILE_REC_OPT_SWAP) != 0;
	size_t at = 0, out = 0;

	while (rec->opts && at + 4 <= rec->opts_len) {
		uint16_t code, len;
		size_t padded;
		memcpy(&code, rec->opts + at, 2);
		memcpy(&len, rec->opts + at + 2, 2);
		if (swap) {
			code = (uint16_t)(code >> 8 | code << 8);
			len = (uint16_t)(len >> 8 | len << 8);
		}
		padded = ((size_t)len + 3) & ~(size_t)3;
		if (code == 0 || at + 4 + padded > rec->opts_len)
			break;
		if (d) {
			memcpy(d + out, &code, 2);
			memcpy(d + out + 2, &len, 2);
			memcpy(d + out + 4, rec->opts + at + 4, padded);
			if (swap && (code == 2 || code == 4 || code == 5 || code == 6) &&
			    (len == 4 || len == 8))
				for (size_t i = 0; i < len / 2u; i++) {
					uint8_t *v = d + out + 4, b = v[i];
					v[i] = v[len - 1 - i];
					v[len - 1 - i] = b;
				}
		}
		out += 4 + padded;
		at += 4 + padded;
	}
	return out;
}

int capw_write(struct capwriter *w, const struct pkt_rec *rec, char *errbuf)
{
	struct w_iface *f;
	uint32_t len = rec->len < rec->caplen ? rec->caplen : rec->len;
	uint32_t pad = (4 - (rec->caplen & 3)) & 3;
	size_t hl = w->fmt == CAPW_PCAP ? 16 : 28;
	size_t olen = w->fmt == CAPW_PCAP ? 0 : epb_options(rec, NULL);
	size_t total = w->fmt == CAPW_PCAP ? 16 + (size_t)rec->caplen :
	    32 + (size_t)rec->caplen + pad + (olen ? olen + 4 : 0);
	uint8_t *d;

	if (w->failed)
		return fail(w, errbuf, 0);
	if ((f = find_iface(w, rec->ifid, rec->linktype)) == NULL) {
		if (capw_add_iface(w, rec->ifid, rec->linktype, CAP_DEFAULT_SNAPLEN, NULL, errbuf) < 0)
			return -1;
		f = find_iface(w, rec->ifid, rec->linktype);
	}
	if ((d = reserve(w, total)) == NULL)
		return fail(w, errbuf, 0);
	if (w->fmt == CAPW_PCAP) {
		uint32_t h[4] = { (uint32_t)rec->ts_sec, w->nsec ? rec->ts_nsec : rec->ts_nsec / 1000u,
		    rec->caplen, len };
		memcpy(d, h, sizeof(h));
	} else {
		static const uint32_t pow10[10] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
			10000000, 100000000, 1000000000 };
		uint64_t ts = (uint64_t)rec->ts_sec * pow10[f->digits] +
		    rec->ts_nsec / pow10[9 - f->digits];
		uint32_t t32 = (uint32_t)total;
		uint32_t h[7] = { 6, t32, f->index, (uint32_t)(ts >> 32), (uint32_t)ts, rec->caplen, len };
		memcpy(d, h, sizeof(h));
		memset(d + hl + rec->caplen, 0, pad);
		if (olen) {
			epb_options(rec, d + hl + rec->caplen + pad);
			memset(d + hl + rec->caplen + pad + olen, 0, 4);	/* opt_endofopt */
		}
		memcpy(d + total - 4, &t32, 4);
	}
	if (rec->caplen)
		memcpy(d + hl, rec->data, rec->caplen);
	w->last_data = w->flushed + w->blen + hl;
	commit(w, total, 1);
	return 0;
}

int capw_flush(struct capwriter *w, char *errbuf)
{
	if (w->failed || flush_buf(w) < 0)
		return fail(w, errbuf, 0);
	return 0;
}

int capw_close(struct capwriter *w, char *errbuf)
{
	int rc = 0, was_reported = w->failed && w->reported;

	if (!w->header_done && !w->failed) {
		if (w->fmt == CAPW_PCAP)
			write_pcap_header(w, LINKTYPE_ETHERNET, CAP_DEFAULT_SNAPLEN, NULL);
		else
			write_shb(w, NULL);
	}
	if (!w->failed)
		flush_buf(w);
	if (close(w->fd) != 0 && !w->failed && errno != EINTR)
		fail(w, NULL, errno);
	/* A failure the caller already got from capw_write/capw_flush is not repeated. */
	if (w->failed && !was_reported) {
		if (errbuf)
			snprintf(errbuf, CAPW_ERRBUF_SIZE, "%s", w->err);
		rc = -1;
	}
	free(w->buf);
	free(w->block_end);
	free(w->ifs);
	free(w->path);
	free(w);
	return rc;
}
