/* conv_tcp.c — -z conv,tcp: tshark 4.0's TCP conversation table, byte for byte.
 *
 * One row per TCP stream (tcp.stream, so a reused 4-tuple is a new row).  Address A
 * is the sender of the stream's first frame; "->" counts A's frames, "<-" B's; bytes
 * are frame lengths.  Rows are sorted by total frames, most first (stable).  Sizes
 * as Wireshark's format_size with SI prefixes: "1365 bytes", "14 kB".
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/session.h"
#include "analysis/tcp_conv.h"
#include "core/xmalloc.h"
#include "print/stats.h"

struct conv_row {
	struct address a, b;
	uint16_t pa, pb;
	uint64_t tx_frames, tx_bytes, rx_frames, rx_bytes;	/* tx: A → B */
	int64_t first_rel, first_ts, last_ts;
	uint32_t order;
	int used;
};

struct conv_tcp {
	struct conv_row *rows;		/* index: tcp.stream */
	size_t cap;
	uint32_t n;
	int64_t capture_start;
	int have_start;
};

static void *create(const char *arg, char *errbuf, size_t n)
{
	if (strcmp(arg, "conv,tcp") != 0) {
		snprintf(errbuf, n, "invalid -z argument \"%s\": conv,tcp takes no filter here", arg);
		return NULL;
	}
	return xcalloc(1, sizeof(struct conv_tcp));
}

static void packet(void *stp, const struct dctx *d, const struct pkt_rec *rec)
{
	struct conv_tcp *st = stp;
	const struct pinfo *pi = d->pi;
	struct conv_row *r;
	uint32_t stream;

	(void)rec;
	if (!st->have_start) {
		st->capture_start = pi->ts - pi->rel_ts;
		st->have_start = 1;
	}
	if (!d->sess || !d->sess->tcp || !tcpconv_frame_stream(d->sess->tcp, pi->num, &stream))
		return;
	if (stream >= st->cap) {
		size_t old = st->cap;
		st->rows = xgrow(st->rows, &st->cap, (size_t)stream + 1, sizeof(*st->rows));
		memset(st->rows + old, 0, (st->cap - old) * sizeof(*st->rows));
	}
	r = &st->rows[stream];
	if (!r->used) {
		r->used = 1;
		r->order = st->n++;
		r->a = pi->net_src;
		r->b = pi->net_dst;
		r->pa = pi->srcport;
		r->pb = pi->dstport;
		r->first_rel = pi->rel_ts;
		r->first_ts = pi->ts;
	}
	r->last_ts = pi->ts;
	if (pi->srcport == r->pa && !memcmp(&pi->net_src, &r->a, sizeof(r->a))) {
		r->tx_frames++;
		r->tx_bytes += pi->len;
	} else {
		r->rx_frames++;
		r->rx_bytes += pi->len;
	}
}

/* Wireshark's format_size(size, FORMAT_SIZE_UNIT_BYTES | FORMAT_SIZE_PREFIX_SI). */
static void size_str(uint64_t v, char *buf, size_t n)
{
	static const char *const units[] = { "bytes", "kB", "MB", "GB", "TB" };
	int u = 0;

	while (u < 4 && v / 1000 >= 10) {
		v /= 1000;
		u++;
	}
	snprintf(buf, n, "%" PRIu64 " %s", v, units[u]);
}

static double nstime_to_sec(int64_t ns)
{
	return (double)(ns / 1000000000) + (double)(ns % 1000000000) / 1e9;
}

static int cmp_rows(const void *x, const void *y)
{
	const struct conv_row *a = *(const struct conv_row *const *)x;
	const struct conv_row *b = *(const struct conv_row *const *)y;
	uint64_t ta = a->tx_frames + a->rx_frames, tb = b->tx_frames + b->rx_frames;

	if (ta != tb)
		return ta > tb ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void endpoint(const struct address *a, uint16_t port, char *buf, size_t n)
{
	char s[64];

	addr_to_str(a, s, sizeof(s));
	snprintf(buf, n, "%s:%u", s, port);
}

static void print(void *stp, FILE *fp)
{
	struct conv_tcp *st = stp;
	const struct conv_row **v = xcalloc(st->n ? st->n : 1, sizeof(*v));
	size_t k = 0;

	for (size_t i = 0; i < st->cap; i++)
		if (st->rows[i].used)
			v[k++] = &st->rows[i];
	qsort(v, k, sizeof(*v), cmp_rows);
	fputs("================================================================================\n"
	    "TCP Conversations\n"
	    "Filter:<No Filter>\n"
	    "                                                           |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n"
	    "                                                           | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n",
	    fp);
	for (size_t i = 0; i < k; i++) {
		const struct conv_row *r = v[i];
		char a[80], b[80], rx[32], tx[32], tot[32];
		/* As tshark: relative times to doubles (nstime_to_sec), then subtracted. */
		int64_t last_rel = r->first_rel + (r->last_ts - r->first_ts);
		double start = nstime_to_sec(r->first_rel);
		double dur = nstime_to_sec(last_rel) - start;

		endpoint(&r->a, r->pa, a, sizeof(a));
		endpoint(&r->b, r->pb, b, sizeof(b));
		size_str(r->rx_bytes, rx, sizeof(rx));
		size_str(r->tx_bytes, tx, sizeof(tx));
		size_str(r->rx_bytes + r->tx_bytes, tot, sizeof(tot));
		fprintf(fp, "%-26s <-> %-26s  %6" PRIu64 " %-9s  %6" PRIu64 " %-9s  %6" PRIu64
		    " %-9s  %14.9f   %12.4f\n", a, b, r->rx_frames, rx, r->tx_frames, tx,
		    r->rx_frames + r->tx_frames, tot, start, dur);
	}
	fputs("================================================================================\n", fp);
	free(v);
}

static void destroy(void *stp)
{
	struct conv_tcp *st = stp;

	free(st->rows);
	free(st);
}

const struct stat_kind conv_tcp_kind = {
	"conv,tcp", create, packet, print, destroy, 0,
};
