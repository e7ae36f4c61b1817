/* fmtnum.h — decimal formatting without printf, for the per-packet hot paths
 * (Info columns, -T fields values, summary lines), where snprintf dominated. */
#ifndef NETLAB_FMTNUM_H
#define NETLAB_FMTNUM_H

#include <stddef.h>
#include <stdint.h>

#define FMTNUM_MAX 21		/* digits of UINT64_MAX plus NUL */

/* Writes v in decimal and a NUL into buf (FMTNUM_MAX bytes); returns the digits.
 * Two digits a step from a table, straight into buf (no copy: the callers are
 * per-packet hot paths where a memcpy call per number showed up). */
static inline size_t fmt_u64(char *buf, uint64_t v)
{
	static const char d2[] =
	    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	    "8081828384858687888990919293949596979899";
	size_t k = 1;
	char *p;

	for (uint64_t t = 10; k < 20 && v >= t; t *= 10)
		k++;
	p = buf + k;
	*p = '\0';
	while (v >= 100) {
		uint32_t r = (uint32_t)(v % 100);
		v /= 100;
		p -= 2;
		p[0] = d2[2 * r];
		p[1] = d2[2 * r + 1];
	}
	if (v >= 10) {
		p[-2] = d2[2 * v];
		p[-1] = d2[2 * v + 1];
	} else
		p[-1] = (char)('0' + v);
	return k;
}

#endif
