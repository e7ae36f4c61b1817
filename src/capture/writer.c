/* writer.c — pcap and pcapng output (host byte order, which both formats allow).
 *
 * pcap:   24-byte file header (magic a1b2c3d4 µs / a1b23c4d ns), then per packet a
 *         16-byte record header (ts_sec, ts_frac, caplen, len) and the bytes.
 * pcapng: Section Header Block, one Interface Description Block per (ifid, link type)
 *         with if_name and if_tsresol, then Enhanced Packet Blocks.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/writer.h"
#include "core/xmalloc.h"

#define WBUF_SIZE (256u * 1024u)
#define LINKTYPE_ETHERNET 1

struct w_iface {
	uint32_t ifid;
	int linktype;
	uint32_t index;		/* pcapng interface id */
};

struct capwriter {
	FILE *fp;
	char *path;
	enum capw_format fmt;
	int nsec;
	int header_done;	/* pcap header / pcapng SHB written */
	int pcap_linktype;
	uint32_t pcap_snaplen;
	struct w_iface *ifs;
	size_t nifs, cap_ifs;
	uint64_t bytes;
	int failed;
	char err[CAPW_ERRBUF_SIZE];
	char *buf;
};

static int fail(struct capwriter *w, char *errbuf, int err)
{
	if (!w->failed) {
		w->failed = 1;
		snprintf(w->err, sizeof(w->err), "cannot write to %s: %s", w->path,
		    err ? strerror(err) : "write error");
	}
	if (errbuf)
		snprintf(errbuf, CAPW_ERRBUF_SIZE, "%s", w->err);
	return -1;
}

static int put(struct capwriter *w, const void *p, size_t n, char *errbuf)
{
	if (w->failed)
		return fail(w, errbuf, 0);
	errno = 0;
	if (n && fwrite(p, 1, n, w->fp) != n)
		return fail(w, errbuf, errno ? errno : EIO);
	w->bytes += n;
	return 0;
}

struct capwriter *capw_open(const char *path, enum capw_format fmt, int nsec, char *errbuf)
{
	struct capwriter *w;
	FILE *fp;
	int is_stdout = strcmp(path, "-") == 0;

	/* stdout: our own FILE on a dup, so fclose reports errors and leaves fd 1 alone. */
	if (is_stdout) {
		int fd = dup(STDOUT_FILENO);
		fflush(stdout);
		if (fd < 0 || (fp = fdopen(fd, "wb")) == NULL) {
			snprintf(errbuf, CAPW_ERRBUF_SIZE, "cannot write to standard output: %s",
			    strerror(errno));
			if (fd >= 0)
				close(fd);
			return NULL;
		}
	} else if ((fp = fopen(path, "wb")) == NULL) {
		snprintf(errbuf, CAPW_ERRBUF_SIZE, "cannot create the capture file %s: %s%s", path,
		    strerror(errno), errno == EACCES ?
		    " — write somewhere you (or the -Z user) may write, such as /tmp" : "");
		return NULL;
	}
	w = xcalloc(1, sizeof(*w));
	w->fp = fp;
	w->path = xstrdup(is_stdout ? "standard output" : path);
	w->fmt = fmt;
	w->nsec = nsec;
	w->pcap_linktype = -1;
	w->buf = xmalloc(WBUF_SIZE);
	setvbuf(fp, w->buf, _IOFBF, WBUF_SIZE);
	return w;
}

const char *capw_path(const struct capwriter *w) { return w->path; }
uint64_t capw_bytes(const struct capwriter *w) { return w->bytes; }

static int write_pcap_header(struct capwriter *w, int linktype, uint32_t snaplen, char *errbuf)
{
	uint32_t h[6] = { w->nsec ? 0xa1b23c4du : 0xa1b2c3d4u, 0, 0, 0, snaplen, (uint32_t)linktype };
	uint16_t ver[2] = { 2, 4 };	/* version_major, version_minor */

	memcpy(&h[1], ver, sizeof(ver));
	w->header_done = 1;
	w->pcap_linktype = linktype;
	w->pcap_snaplen = snaplen;
	return put(w, h, sizeof(h), errbuf);
}

static int write_shb(struct capwriter *w, char *errbuf)
{
	char appl[64];
	uint8_t b[256];
	size_t n = 0, alen;
	uint32_t u32;
	uint16_t u16;
	uint64_t u64 = UINT64_MAX;

	snprintf(appl, sizeof(appl), "%s %s", PACKAGE_NAME, PACKAGE_VERSION);
	alen = strlen(appl);
#define PUT(v) (memcpy(b + n, &(v), sizeof(v)), n += sizeof(v))
	u32 = 0x0A0D0D0A; PUT(u32);
	u32 = 0; PUT(u32);		/* length, patched below */
	u32 = 0x1A2B3C4D; PUT(u32);
	u16 = 1; PUT(u16);
	u16 = 0; PUT(u16);
	PUT(u64);			/* section length unknown */
	u16 = 4; PUT(u16);		/* shb_userappl */
	u16 = (uint16_t)alen; PUT(u16);
	memcpy(b + n, appl, alen);
	n += alen;
	while (n % 4)
		b[n++] = 0;
	u32 = 0; PUT(u32);		/* opt_endofopt */
	n += 4;
	u32 = (uint32_t)n;
	memcpy(b + 4, &u32, 4);
	memcpy(b + n - 4, &u32, 4);
#undef PUT
	w->header_done = 1;
	return put(w, b, n, errbuf);
}

static int write_idb(struct capwriter *w, int linktype, uint32_t snaplen, const char *name,
		     char *errbuf)
{
	uint8_t b[128];
	size_t n = 0, nlen = name ? strnlen(name, 64) : 0;
	uint32_t u32;
	uint16_t u16;

#define PUT(v) (memcpy(b + n, &(v), sizeof(v)), n += sizeof(v))
	u32 = 1; PUT(u32);
	u32 = 0; PUT(u32);
	u16 = (uint16_t)linktype; PUT(u16);
	u16 = 0; PUT(u16);
	PUT(snaplen);
	if (nlen) {
		u16 = 2; PUT(u16);	/* if_name */
		u16 = (uint16_t)nlen; PUT(u16);
		memcpy(b + n, name, nlen);
		n += nlen;
		while (n % 4)
			b[n++] = 0;
	}
	if (w->nsec) {
		u16 = 9; PUT(u16);	/* if_tsresol: 10^-9 */
		u16 = 1; PUT(u16);
		b[n++] = 9;
		b[n++] = 0;
		b[n++] = 0;
		b[n++] = 0;
	}
	u32 = 0; PUT(u32);		/* opt_endofopt */
	n += 4;
	u32 = (uint32_t)n;
	memcpy(b + 4, &u32, 4);
	memcpy(b + n - 4, &u32, 4);
#undef PUT
	return put(w, b, n, errbuf);
}

static struct w_iface *find_iface(struct capwriter *w, uint32_t ifid, int linktype)
{
	for (size_t i = 0; i < w->nifs; i++)
		if (w->ifs[i].ifid == ifid && w->ifs[i].linktype == linktype)
			return &w->ifs[i];
	return NULL;
}

int capw_add_iface(struct capwriter *w, uint32_t ifid, int linktype, uint32_t snaplen,
		   const char *name, char *errbuf)
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
		if (write_idb(w, linktype, snaplen, name, errbuf) < 0)
			return -1;
	}
	w->ifs = xgrow(w->ifs, &w->cap_ifs, w->nifs + 1, sizeof(*w->ifs));
	f = &w->ifs[w->nifs];
	f->ifid = ifid;
	f->linktype = linktype;
	f->index = (uint32_t)w->nifs++;
	return 0;
}

static const uint8_t zeros[4];

int capw_write(struct capwriter *w, const struct pkt_rec *rec, char *errbuf)
{
	struct w_iface *f = find_iface(w, rec->ifid, rec->linktype);
	uint32_t len = rec->len < rec->caplen ? rec->caplen : rec->len;

	if (f == NULL) {
		if (capw_add_iface(w, rec->ifid, rec->linktype, 262144, NULL, errbuf) < 0)
			return -1;
		f = find_iface(w, rec->ifid, rec->linktype);
	}
	if (w->fmt == CAPW_PCAP) {
		uint32_t h[4] = { (uint32_t)rec->ts_sec, w->nsec ? rec->ts_nsec : rec->ts_nsec / 1000u,
		    rec->caplen, len };
		if (put(w, h, sizeof(h), errbuf) < 0 || put(w, rec->data, rec->caplen, errbuf) < 0)
			return -1;
		return 0;
	}
	uint64_t ts = (uint64_t)rec->ts_sec * (w->nsec ? 1000000000u : 1000000u) +
	    (w->nsec ? rec->ts_nsec : rec->ts_nsec / 1000u);
	uint32_t pad = (4 - (rec->caplen & 3)) & 3;
	uint32_t total = 32 + rec->caplen + pad;
	uint32_t h[7] = { 6, total, f->index, (uint32_t)(ts >> 32), (uint32_t)ts, rec->caplen, len };

	if (put(w, h, sizeof(h), errbuf) < 0 || put(w, rec->data, rec->caplen, errbuf) < 0 ||
	    put(w, zeros, pad, errbuf) < 0 || put(w, &total, 4, errbuf) < 0)
		return -1;
	return 0;
}

int capw_flush(struct capwriter *w, char *errbuf)
{
	if (w->failed)
		return fail(w, errbuf, 0);
	errno = 0;
	if (fflush(w->fp) != 0 || ferror(w->fp))
		return fail(w, errbuf, errno ? errno : EIO);
	return 0;
}

int capw_close(struct capwriter *w, char *errbuf)
{
	int rc = 0;

	if (!w->header_done && !w->failed) {
		if (w->fmt == CAPW_PCAP)
			write_pcap_header(w, LINKTYPE_ETHERNET, 262144, NULL);
		else
			write_shb(w, NULL);
	}
	if (capw_flush(w, errbuf) < 0)
		rc = -1;
	errno = 0;
	if (fclose(w->fp) != 0 && rc == 0) {
		rc = fail(w, errbuf, errno ? errno : EIO);
	}
	free(w->buf);
	free(w->ifs);
	free(w->path);
	free(w);
	return rc;
}
