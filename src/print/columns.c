/* columns.c — the packet-list columns and tshark's summary line layout. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/fmtnum.h"
#include "core/timefmt.h"
#include "print/print.h"

/* By enum time_col: the -t name, which time the column shows, and how. */
enum time_base { BASE_REL, BASE_DELTA, BASE_DELTA_DISP, BASE_EPOCH, BASE_CLOCK };
static const struct {
	const char *name;
	enum time_base base;
	int utc;
	enum timefmt_date date;
	const char *desc;
} time_cols[TCOL_COL_N] = {
	[TCOL_REL] = { "r", BASE_REL, 0, TF_DATE_NONE, "seconds since the first packet" },
	[TCOL_ABS] = { "a", BASE_CLOCK, 0, TF_DATE_NONE, "time of day" },
	[TCOL_ABS_YMD] = { "ad", BASE_CLOCK, 0, TF_DATE_YMD, "date and time of day" },
	[TCOL_ABS_DOY] = { "adoy", BASE_CLOCK, 0, TF_DATE_DOY, "year, day of the year and time of day" },
	[TCOL_DELTA] = { "d", BASE_DELTA, 0, TF_DATE_NONE, "seconds since the previous captured packet" },
	[TCOL_DELTA_DISP] = { "dd", BASE_DELTA_DISP, 0, TF_DATE_NONE, "seconds since the previous displayed packet" },
	[TCOL_EPOCH] = { "e", BASE_EPOCH, 0, TF_DATE_NONE, "seconds since 1970-01-01 (epoch)" },
	[TCOL_UTC] = { "u", BASE_CLOCK, 1, TF_DATE_NONE, "UTC time of day" },
	[TCOL_UTC_YMD] = { "ud", BASE_CLOCK, 1, TF_DATE_YMD, "UTC date and time of day" },
	[TCOL_UTC_DOY] = { "udoy", BASE_CLOCK, 1, TF_DATE_DOY, "UTC year, day of the year and time of day" },
};

const char *time_col_name(enum time_col c)
{
	return (unsigned)c < TCOL_COL_N ? time_cols[c].name : "?";
}

const char *time_col_desc(enum time_col c)
{
	return (unsigned)c < TCOL_COL_N ? time_cols[c].desc : "?";
}

int time_col_parse(const char *name)
{
	for (int i = 0; i < TCOL_COL_N; i++)
		if (strcmp(name, time_cols[i].name) == 0)
			return i;
	return -1;
}

static void time_column(char *buf, size_t n, const struct pinfo *pi,
    const struct time_display *td)
{
	enum time_col c = td && (unsigned)td->col < TCOL_COL_N ? td->col : TCOL_REL;
	int64_t span;

	switch (time_cols[c].base) {
	case BASE_CLOCK:
		timefmt_clock(buf, n, pi->ts, pi->time_digits, time_cols[c].utc, time_cols[c].date);
		return;
	case BASE_EPOCH:
		timefmt_rel(buf, n, pi->ts, pi->time_digits);
		return;
	case BASE_DELTA:
		span = pi->delta_ts;
		break;
	case BASE_DELTA_DISP:
		span = pi->delta_disp_ts;
		break;
	default:
		span = pi->rel_ts;
		break;
	}
	if (td && td->hms)
		timefmt_hms(buf, n, span, pi->time_digits);
	else
		timefmt_rel(buf, n, span, pi->time_digits);
}

void print_columns(const struct pinfo *pi, const struct time_display *td, struct columns *c)
{
	const struct address *src = pi->net_src.type ? &pi->net_src : &pi->dl_src;
	const struct address *dst = pi->net_dst.type ? &pi->net_dst : &pi->dl_dst;

	fmt_u64(c->no, pi->num);
	if (pi->no_ts)
		c->time[0] = '\0';	/* tshark leaves the Time column blank */
	else
		time_column(c->time, sizeof(c->time), pi, td);
	addr_to_str(src, c->src, sizeof(c->src));
	addr_to_str(dst, c->dst, sizeof(c->dst));
	c->proto = pi->proto_col ? pi->proto_col : "";
	fmt_u64(c->len, pi->len);
	c->info = pi->info;
}

/* Copies s (k bytes) padded to width, for short strings a byte loop: a memcpy call
 * per column cost more than the copy. */
static char *put(char *p, const char *s, size_t k, int width, int right)
{
	size_t fill = width > 0 && k < (size_t)width ? (size_t)width - k : 0;

	if (right)
		for (size_t i = 0; i < fill; i++)
			*p++ = ' ';
	if (k > 32) {
		memcpy(p, s, k);
		p += k;
	} else
		for (size_t i = 0; i < k; i++)
			*p++ = s[i];
	if (!right)
		for (size_t i = 0; i < fill; i++)
			*p++ = ' ';
	return p;
}

/* tshark: No. right in 5, Time right in 10, Source right in 12, " → ", Destination
 * left in 12, then Protocol, Length and Info separated by single spaces. */
static size_t at_least(size_t k, size_t width)
{
	return k > width ? k : width;
}

size_t print_summary(char *buf, size_t n, const struct columns *c)
{
	size_t kn = strlen(c->no), kt = strlen(c->time), ks = strlen(c->src);
	size_t kd = strlen(c->dst), kp = strlen(c->proto), kl = strlen(c->len);
	size_t ki = strlen(c->info);
	size_t head = at_least(kn, 5) + 1 + at_least(kt, 10) + 1 + at_least(ks, 12) + 5 +
	    at_least(kd, 12) + 1 + kp + 1 + kl + 1;
	char *p = buf;

	if (!n)
		return 0;
	if (head >= n) {		/* not even the short columns fit */
		buf[0] = '\0';
		return 0;
	}
	if (ki > n - 1 - head)
		ki = n - 1 - head;	/* Info is cut to what fits */
	p = put(p, c->no, kn, 5, 1);
	*p++ = ' ';
	p = put(p, c->time, kt, 10, 1);
	*p++ = ' ';
	p = put(p, c->src, ks, 12, 1);
	p = put(p, " \xe2\x86\x92 ", 5, 0, 0);
	p = put(p, c->dst, kd, 12, 0);
	*p++ = ' ';
	p = put(p, c->proto, kp, 0, 0);
	*p++ = ' ';
	p = put(p, c->len, kl, 0, 0);
	*p++ = ' ';
	p = put(p, c->info, ki, 0, 0);
	*p = '\0';
	return (size_t)(p - buf);
}
