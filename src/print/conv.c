/* conv.c — -z conv,tcp and -z conv,udp: tshark 4.0's conversation tables, byte for
 * byte, rendered from the conversation table model (analysis/conv_table.c) that the
 * TUI's conversations view shows too.
 *
 * Rows are sorted by total frames, most first (stable).  "->" counts A's frames, "<-"
 * B's.  Sizes as Wireshark's format_size with SI prefixes: "1365 bytes", "14 kB".
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/conv_table.h"
#include "core/xmalloc.h"
#include "print/print.h"
#include "print/stats.h"

struct conv_stat {
	struct convtab *ct;
	int ptype;
};

static void *create(const struct stat_kind *k, const char *arg, char *errbuf, size_t n)
{
	struct conv_stat *st;
	int ptype = strcmp(arg, "conv,tcp") == 0 ? PT_TCP : strcmp(arg, "conv,udp") == 0 ? PT_UDP : 0;
	(void)k;

	if (!ptype) {
		snprintf(errbuf, n, "invalid -z argument \"%s\": use conv,tcp or conv,udp", arg);
		return NULL;
	}
	st = xcalloc(1, sizeof(*st));
	st->ct = convtab_new();
	st->ptype = ptype;
	return st;
}

static void packet(void *stp, const struct dctx *d, const struct pkt_rec *rec)
{
	struct conv_stat *st = stp;

	(void)rec;
	if ((int)d->pi->stream_ptype == st->ptype)
		convtab_add(st->ct, d->pi);
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

/* tshark writes IPv6 endpoints without brackets here. */
static void endpoint(const struct address *a, uint16_t port, char *buf, size_t n)
{
	char s[64];

	addr_to_str(a, s, sizeof(s));
	snprintf(buf, n, "%s:%u", s, port);
}

void print_conv_head(FILE *fp, const char *title, int width)
{
	fprintf(fp, "================================================================================\n"
	    "%s Conversations\n"
	    "Filter:<No Filter>\n"
	    "%*s|       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n"
	    "%*s| Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n",
	    title, 2 * width + 7, "", 2 * width + 7, "");
}

void print_conv_row(FILE *fp, int width, const char *a, const char *b, uint64_t frames_ba,
    uint64_t bytes_ba, uint64_t frames_ab, uint64_t bytes_ab, int64_t first_rel, int64_t last_rel)
{
	char rx[32], tx[32], tot[32];
	/* As tshark: relative times to doubles (nstime_to_sec), then subtracted. */
	double start = nstime_to_sec(first_rel);
	double dur = nstime_to_sec(last_rel) - start;

	size_str(bytes_ba, rx, sizeof(rx));
	size_str(bytes_ab, tx, sizeof(tx));
	size_str(bytes_ba + bytes_ab, tot, sizeof(tot));
	fprintf(fp, "%-*s <-> %-*s  %6" PRIu64 " %-9s  %6" PRIu64 " %-9s  %6" PRIu64
	    " %-9s  %14.9f   %12.4f\n", width, a, width, b, frames_ba, rx, frames_ab, tx,
	    frames_ba + frames_ab, tot, start, dur);
}

void print_conv_table(FILE *fp, const struct convtab *ct, int ptype)
{
	const struct convtab_row **v;
	size_t k = convtab_sorted(ct, ptype, &v);

	print_conv_head(fp, ptype == PT_TCP ? "TCP" : "UDP", 26);
	for (size_t i = 0; i < k; i++) {
		const struct convtab_row *r = v[i];
		char a[80], b[80];
		int64_t first_rel = convtab_first_rel(ct, r);

		endpoint(&r->a, r->pa, a, sizeof(a));
		endpoint(&r->b, r->pb, b, sizeof(b));
		print_conv_row(fp, 26, a, b, r->frames_ba, r->bytes_ba, r->frames_ab, r->bytes_ab,
		    first_rel, first_rel + (r->last_ts - r->first_ts));
	}
	fputs("================================================================================\n", fp);
	free(v);
}

static void print(void *stp, FILE *fp)
{
	const struct conv_stat *st = stp;

	print_conv_table(fp, st->ct, st->ptype);
}

static void destroy(void *stp)
{
	struct conv_stat *st = stp;

	convtab_free(st->ct);
	free(st);
}

const struct stat_kind conv_tcp_kind = {
	"conv,tcp", create, packet, print, destroy, 0, NULL, NULL,
};
const struct stat_kind conv_udp_kind = {
	"conv,udp", create, packet, print, destroy, 0, NULL, NULL,
};
