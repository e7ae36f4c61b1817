/* iostat.c — -z io,stat,INTERVAL[,FILTER]…: frames and bytes per interval and per
 * column (one column per filter, "Frames and bytes" when a filter is empty), laid out
 * as tshark 4.0's IO Statistics table.
 *
 * Times are in microseconds, as tshark's: a packet's time since the first frame,
 * rounded to the microsecond, picks its interval; the capture's duration is the
 * largest such time.  INTERVAL 0, or one longer than the capture, makes one row.
 * The calculated columns (COUNT(field)filter, SUM, MIN, MAX, AVG, LOAD, FRAMES,
 * BYTES) are not implemented and are refused.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "filter/dfilter.h"
#include "print/stats.h"

#define IO_USEC 1000000u
#define IO_MAX_ROWS (1u << 20)	/* intervals a column may hold */

struct io_col {
	char *text;		/* the filter as given; NULL: none */
	struct dfilter *f;
	uint64_t *frames, *bytes;	/* per interval, n of them */
	size_t n;
};

struct iostat {
	uint64_t interval;	/* us; 0: the whole capture */
	int prec;		/* decimals of the interval column */
	int64_t elapsed;	/* ns, the largest time since the first frame */
	int ncols;
	int too_many;		/* a frame fell past IO_MAX_ROWS intervals */
	struct io_col *col;
};

/* tshark's calculated-column names: a column starting with one is not a filter */
static const char *const io_calc_names[] = {
	"FRAMES", "BYTES", "COUNT", "SUM", "MIN", "MAX", "AVG", "LOAD",
};

static void io_destroy(void *p)
{
	struct iostat *s = p;

	for (int i = 0; i < s->ncols; i++) {
		free(s->col[i].text);
		dfilter_free(s->col[i].f);
		free(s->col[i].frames);
		free(s->col[i].bytes);
	}
	free(s->col);
	free(s);
}

/* The decimals tshark shows for an interval of us microseconds given as text (up to
 * its comma, more is NULL): its significant decimals, or when it is whole the digits
 * written after its point; -1 where tshark's result is not defined (a whole interval
 * written with a point and no filter after it). */
static int io_prec(uint64_t us, const char *text, const char *more)
{
	int prec = 6;
	const char *dot;

	for (uint64_t i = 10; i < 10 * IO_USEC; i *= 10) {
		if (us % i)
			break;
		prec--;
	}
	if (prec || !(dot = memchr(text, '.', more ? (size_t)(more - text) : strlen(text))))
		return prec;
	if (!more)
		return -1;
	prec = (int)(more - dot - 1);
	return prec > 6 ? 6 : prec;
}

static int io_add_col(struct iostat *s, const char *text, size_t len, char *errbuf, size_t n)
{
	struct io_col *c = &s->col[s->ncols++];

	if (len == 0)
		return 0;
	c->text = xcalloc(1, len + 1);
	memcpy(c->text, text, len);
	for (size_t i = 0; i < sizeof(io_calc_names) / sizeof(io_calc_names[0]); i++)
		if (strncmp(c->text, io_calc_names[i], strlen(io_calc_names[i])) == 0) {
			snprintf(errbuf, n, "-z io,stat: the calculated column \"%s\" is not "
			    "supported; give a display filter", c->text);
			return -1;
		}
	return (c->f = stats_filter(c->text, errbuf, n)) ? 0 : -1;
}

static void *io_create(const struct stat_kind *k, const char *arg, char *errbuf, size_t n)
{
	const char *rest = stats_arg_rest(arg, k->prefix), *more;
	struct iostat *s;
	char *end;
	double v;

	if (!rest || !*rest || (v = strtod(rest, &end)) < 0 || end == rest ||
	    (*end && *end != ',')) {
		snprintf(errbuf, n, "invalid -z \"%s\": give io,stat,INTERVAL[,FILTER]…, "
		    "INTERVAL in seconds (0: the whole capture)", arg);
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->interval = (uint64_t)(v * IO_USEC + 0.5);
	more = *end ? end : NULL;
	if (v != 0 && s->interval == 0) {
		snprintf(errbuf, n, "invalid -z \"%s\": the interval must be at least "
		    "0.000001 seconds, or 0 for the whole capture", arg);
		free(s);
		return NULL;
	}
	if (s->interval && (s->prec = io_prec(s->interval, rest, more)) < 0) {
		snprintf(errbuf, n, "invalid -z \"%s\": write a whole interval without a "
		    "decimal point, or follow it with a filter", arg);
		free(s);
		return NULL;
	}
	s->col = xcalloc(more ? strlen(more) + 1 : 1, sizeof(*s->col));
	if (!more)
		s->ncols = 1;
	while (more) {
		const char *text = more + 1;
		more = strchr(text, ',');
		if (io_add_col(s, text, more ? (size_t)(more - text) : strlen(text),
		    errbuf, n) < 0) {
			io_destroy(s);
			return NULL;
		}
	}
	return s;
}

static void io_packet(void *p, const struct dctx *d, const struct pkt_rec *rec)
{
	struct iostat *s = p;
	int64_t rel = d->pi->rel_ts > 0 ? d->pi->rel_ts : 0;
	uint64_t us = ((uint64_t)rel + 500) / 1000;
	uint64_t at = s->interval ? us / s->interval : 0;

	(void)rec;
	if (rel > s->elapsed)
		s->elapsed = rel;
	for (int i = 0; i < s->ncols; i++) {
		struct io_col *c = &s->col[i];
		if (!stats_filter_match(c->f, d))
			continue;
		if (c->n && at < c->n - 1)
			at = c->n - 1;	/* as tshark: a frame out of order counts in the latest */
		if (at >= IO_MAX_ROWS) {
			s->too_many = 1;
			continue;
		}
		if (at >= c->n) {
			c->frames = xrealloc(c->frames, (at + 1) * sizeof(*c->frames));
			c->bytes = xrealloc(c->bytes, (at + 1) * sizeof(*c->bytes));
			memset(c->frames + c->n, 0, (at + 1 - c->n) * sizeof(*c->frames));
			memset(c->bytes + c->n, 0, (at + 1 - c->n) * sizeof(*c->bytes));
			c->n = at + 1;
		}
		c->frames[at]++;
		c->bytes[at] += d->pi->len;
	}
}

static enum stats_tree_need io_interest(void *p, uint8_t *bitset)
{
	struct iostat *s = p;
	enum stats_tree_need need = STATS_TREE_NONE;

	for (int i = 0; i < s->ncols; i++)
		if (s->col[i].f)
			need = stats_filter_interest(s->col[i].f, bitset);
	return need;
}

static int io_pad(int n)
{
	return n > 0 ? n : 0;
}

/* tshark's magnitude(): the digits of v, at least 1, at most max */
static int io_mag(uint64_t v, int max)
{
	int m = 0;

	for (int i = 0; i < max; i++) {
		m++;
		if ((v /= 10) == 0)
			break;
	}
	return m;
}

static uint64_t io_max(const uint64_t *v, size_t n)
{
	uint64_t m = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}

static uint64_t io_pow10(int e)
{
	uint64_t p = 1;

	while (e-- > 0)
		p *= 10;
	return p;
}

/* tshark's printcenter(): label centred in a column lenval wide, or nothing when the
 * column is too wide for its six spaces of padding */
static void io_center(FILE *fp, const char *label, int lenval)
{
	int lenlab = (int)strlen(label), len = 6 - ((lenval - lenlab) / 2 + 1);

	if (len > 0 && len < 6)
		fprintf(fp, "%*s%s%*s|", 6 - len + (lenval - lenlab) % 2, "", label, 6 - len, "");
}

/* "| Duration: …" and the like: text then the right border at column borderlen */
static void io_line(FILE *fp, int borderlen, const char *text)
{
	fprintf(fp, "%s%*s\n", text, borderlen - (int)strlen(text), "|");
}

static void io_filters(FILE *fp, const struct iostat *s, int borderlen)
{
	char line[1024];

	for (int j = 0; j < s->ncols; j++) {
		const char *f = s->col[j].text ? s->col[j].text : "Frames and bytes";
		size_t max_w = (size_t)borderlen - 11;
		int len = snprintf(line, sizeof(line), "|%s%2d: ", j ? "    " : " Col", j + 1);

		while (s->col[j].text && strlen(f) > max_w) {
			size_t cut = max_w, next = max_w;
			for (size_t i = max_w; i-- > 0;)
				if (f[i] == ' ') {
					cut = i;
					next = i + 1;
					break;
				}
			snprintf(line + len, sizeof(line) - len, "%.*s", (int)cut, f);
			io_line(fp, borderlen, line);
			len = snprintf(line, sizeof(line), "|        ");
			f += next;
		}
		snprintf(line + len, sizeof(line) - len, "%s", f);
		io_line(fp, borderlen, line);
	}
}

static void io_print(void *p, FILE *fp)
{
	struct iostat *s = p;
	uint64_t dur = ((uint64_t)s->elapsed + 500) / 1000, raw, interval, dv, half;
	int whole, prec, dur_mag, raw_mag, invl_mag, borderlen, invl_col_w, tabrow_w, maxfltr_w = 0;
	int *fr_w, *val_w;
	char t1[128];

	whole = s->interval == 0 || s->interval > dur;
	if (s->too_many || (!whole && dur / s->interval >= IO_MAX_ROWS)) {
		fprintf(stderr, "netlab-tui: -z io,stat: more than %u intervals; give a "
		    "longer interval\n", IO_MAX_ROWS);
		return;
	}
	fr_w = xcalloc((size_t)s->ncols, sizeof(int));
	val_w = xcalloc((size_t)s->ncols, sizeof(int));
	interval = whole ? dur : s->interval;
	dur_mag = io_mag(dur / IO_USEC, 5);
	invl_mag = io_mag(interval / IO_USEC, 5);
	if (whole) {
		prec = dur_mag >= 2 ? 1 : dur_mag == 1 ? 3 : 6;
		borderlen = 30 + dur_mag + prec + 1;
	} else {
		prec = s->prec;
		borderlen = 25 + (invl_mag > dur_mag ? invl_mag : dur_mag) + (prec ? prec + 1 : 0);
	}
	raw = dur;
	raw_mag = dur_mag;
	dv = io_pow10(6 - prec);
	half = 5 * (dv / 10);
	if (dur % dv > half) {
		dur = (dur + half) / dv * dv;
		dur_mag = io_mag(dur / IO_USEC, 5);
	}
	if (whole)
		interval = dur;
	invl_col_w = prec == 0 ? 2 * dur_mag + 8 : 2 * dur_mag + 2 * prec + 10;
	if (invl_col_w < 12)
		invl_col_w = 12;
	tabrow_w = invl_col_w;
	for (int j = 0; j < s->ncols; j++) {
		int fm = io_mag(io_max(s->col[j].frames, s->col[j].n), 15);
		int vm = io_mag(io_max(s->col[j].bytes, s->col[j].n), 15);
		int fw = s->col[j].text ? (int)strlen(s->col[j].text) + 11 : 26;
		fr_w[j] = fm > 6 ? fm : 6;
		val_w[j] = vm > 5 ? vm : 5;
		tabrow_w += fr_w[j] + val_w[j] + 6;
		if (fw > maxfltr_w)
			maxfltr_w = fw;
	}
	if (tabrow_w > borderlen)
		borderlen = tabrow_w;
	if (maxfltr_w > borderlen && borderlen < 102)
		borderlen = maxfltr_w < 102 ? maxfltr_w : 102;
	if (borderlen - tabrow_w == 1)
		borderlen++;

	fputc('\n', fp);
	for (int i = 0; i < borderlen; i++)
		fputc('=', fp);
	fprintf(fp, "\n|%-*s|\n|%-*s|\n", borderlen - 2, " IO Statistics", borderlen - 2, "");
	/* as tshark 4.0: the values at the duration's width, the border where it would
	 * be for that width (a wider value pushes it right); the duration unrounded
	 * with all six decimals, space-padded, when the interval is whole */
	if (prec) {
		fprintf(fp, "| Duration: %*" PRIu64 ".%0*" PRIu64 " secs%*s|\n", dur_mag,
		    dur / IO_USEC, prec, dur % IO_USEC / dv, io_pad(borderlen - 19 - dur_mag - prec), "");
		fprintf(fp, "| Interval: %*" PRIu64 ".%0*" PRIu64 " secs%*s|\n", dur_mag,
		    interval / IO_USEC, prec, interval % IO_USEC / dv,
		    io_pad(borderlen - 19 - dur_mag - prec), "");
	} else {
		fprintf(fp, "| Duration: %*" PRIu64 ".%6" PRIu64 " secs%*s|\n", raw_mag,
		    raw / IO_USEC, raw % IO_USEC, io_pad(borderlen - 25 - raw_mag), "");
		fprintf(fp, "| Interval: %*" PRIu64 " secs%*s|\n", raw_mag, interval / IO_USEC,
		    io_pad(borderlen - 18 - raw_mag), "");
	}
	fprintf(fp, "|%-*s|\n", borderlen - 2, "");
	io_filters(fp, s, borderlen);
	fputs("|-", fp);
	for (int i = 0; i < borderlen - 3; i++)
		fputc('-', fp);
	fputs("|\n", fp);

	/* the column numbers, the labels, a rule; a filler keeps the right border */
	snprintf(t1, sizeof(t1), "%*s", borderlen - tabrow_w, tabrow_w < borderlen ? "|" : "");
	fprintf(fp, "|%*s", invl_col_w - 1, "|");
	for (int j = 0; j < s->ncols; j++)
		fprintf(fp, "%-2d%*s|", j + 1, fr_w[j] + val_w[j] + 3, "");
	fprintf(fp, "%s\n| Interval%*s", t1, invl_col_w - 10, "|");
	for (int j = 0; j < s->ncols; j++) {
		io_center(fp, "Frames", fr_w[j]);
		io_center(fp, "Bytes", val_w[j]);
	}
	fprintf(fp, "%s\n|-", t1);
	for (int i = 0; i < tabrow_w - 3; i++)
		fputc('-', fp);
	fprintf(fp, "|%s\n", t1);

	size_t row = 0;
	for (uint64_t t = 0; t < dur; t += interval, row++) {
		uint64_t end = t + interval;
		int last = end >= dur;
		if (last)
			end = dur;
		if (prec)
			fprintf(fp, "| %*" PRIu64 ".%0*" PRIu64 " <> %*" PRIu64 ".%0*" PRIu64 " |",
			    dur_mag, t / IO_USEC, prec, t % IO_USEC / dv,
			    dur_mag, end / IO_USEC, prec, end % IO_USEC / dv);
		else if (last)
			fprintf(fp, "| %s%*" PRIu64 " <> %-*s|", dur_mag == 1 ? " " : "", dur_mag,
			    t / IO_USEC, dur_mag >= 3 ? dur_mag + 1 : 3, "Dur");
		else
			fprintf(fp, dur_mag == 1 ? "|  %*" PRIu64 " <> %*" PRIu64 "  |" :
			    "| %*" PRIu64 " <> %*" PRIu64 " |", dur_mag, t / IO_USEC,
			    dur_mag, end / IO_USEC);
		for (int j = 0; j < s->ncols; j++) {
			const struct io_col *c = &s->col[j];
			fprintf(fp, " %*" PRIu64 " | %*" PRIu64 " |", fr_w[j],
			    row < c->n ? c->frames[row] : 0, val_w[j], row < c->n ? c->bytes[row] : 0);
		}
		fprintf(fp, "%s\n", t1);
	}
	for (int i = 0; i < borderlen; i++)
		fputc('=', fp);
	fputc('\n', fp);
	free(fr_w);
	free(val_w);
}

const struct stat_kind io_stat_kind = {
	"io,stat", io_create, io_packet, io_print, io_destroy, 0, io_interest, NULL,
};
