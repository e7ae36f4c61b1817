/* columns.c — the packet-list columns and tshark's summary line layout. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/fmtnum.h"
#include "core/timefmt.h"
#include "print/print.h"

void print_columns(const struct pinfo *pi, int time_digits, struct columns *c)
{
	const struct address *src = pi->net_src.type ? &pi->net_src : &pi->dl_src;
	const struct address *dst = pi->net_dst.type ? &pi->net_dst : &pi->dl_dst;

	fmt_u64(c->no, pi->num);
	if (pi->no_ts)
		c->time[0] = '\0';	/* tshark leaves the Time column blank */
	else
		timefmt_rel(c->time, sizeof(c->time), pi->rel_ts, time_digits);
	addr_to_str(src, c->src, sizeof(c->src));
	addr_to_str(dst, c->dst, sizeof(c->dst));
	c->proto = pi->proto_col ? pi->proto_col : "";
	fmt_u64(c->len, pi->len);
	c->info = pi->info;
}

static size_t pad(char *buf, size_t n, size_t at, const char *s, int width, int right)
{
	size_t k = strlen(s);
	size_t fill = width > 0 && k < (size_t)width ? (size_t)width - k : 0;

	if (at + fill + k < n) {	/* room for all and the NUL: the usual case */
		if (right)
			memset(buf + at, ' ', fill), at += fill;
		memcpy(buf + at, s, k), at += k;
		if (!right)
			memset(buf + at, ' ', fill), at += fill;
		return at;
	}
	for (size_t i = 0; right && i < fill; i++, at++)
		if (at + 1 < n)
			buf[at] = ' ';
	for (size_t i = 0; i < k; i++, at++)
		if (at + 1 < n)
			buf[at] = s[i];
	for (size_t i = 0; !right && i < fill; i++, at++)
		if (at + 1 < n)
			buf[at] = ' ';
	return at;
}

/* tshark: No. right in 5, Time right in 10, Source right in 12, " → ", Destination
 * left in 12, then Protocol, Length and Info separated by single spaces. */
size_t print_summary(char *buf, size_t n, const struct columns *c)
{
	size_t at = 0;

	at = pad(buf, n, at, c->no, 5, 1);
	at = pad(buf, n, at, " ", 0, 0);
	at = pad(buf, n, at, c->time, 10, 1);
	at = pad(buf, n, at, " ", 0, 0);
	at = pad(buf, n, at, c->src, 12, 1);
	at = pad(buf, n, at, " \xe2\x86\x92 ", 0, 0);
	at = pad(buf, n, at, c->dst, 12, 0);
	at = pad(buf, n, at, " ", 0, 0);
	at = pad(buf, n, at, c->proto, 0, 0);
	at = pad(buf, n, at, " ", 0, 0);
	at = pad(buf, n, at, c->len, 0, 0);
	at = pad(buf, n, at, " ", 0, 0);
	at = pad(buf, n, at, c->info, 0, 0);
	if (n)
		buf[at < n ? at : n - 1] = '\0';
	return at < n ? at : n - 1;
}
