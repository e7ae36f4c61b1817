/* columns.c — the packet-list columns and tshark's summary line layout. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/fmtnum.h"
#include "core/timefmt.h"
#include "print/print.h"

void print_columns(const struct pinfo *pi, struct columns *c)
{
	const struct address *src = pi->net_src.type ? &pi->net_src : &pi->dl_src;
	const struct address *dst = pi->net_dst.type ? &pi->net_dst : &pi->dl_dst;

	fmt_u64(c->no, pi->num);
	if (pi->no_ts)
		c->time[0] = '\0';	/* tshark leaves the Time column blank */
	else
		timefmt_rel(c->time, sizeof(c->time), pi->rel_ts, pi->time_digits);
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
