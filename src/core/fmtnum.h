/* fmtnum.h — decimal formatting without printf, for the per-packet hot paths
 * (Info columns, -T fields values, summary lines), where snprintf dominated. */
#ifndef NETLAB_FMTNUM_H
#define NETLAB_FMTNUM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FMTNUM_MAX 21		/* digits of UINT64_MAX plus NUL */

/* Writes v in decimal and a NUL into buf (FMTNUM_MAX bytes); returns the digits.
 * Two digits a step from a table, in 32-bit arithmetic when v fits. */
static inline size_t fmt_u64(char *buf, uint64_t v)
{
	static const char d2[] =
	    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	    "8081828384858687888990919293949596979899";
	char tmp[FMTNUM_MAX];
	char *p = tmp + sizeof(tmp);
	size_t k;
	uint32_t w;

	while (v > UINT32_MAX) {
		uint32_t r = (uint32_t)(v % 100);
		v /= 100;
		p -= 2;
		memcpy(p, d2 + 2 * r, 2);
	}
	w = (uint32_t)v;
	while (w >= 100) {
		uint32_t r = w % 100;
		w /= 100;
		p -= 2;
		memcpy(p, d2 + 2 * r, 2);
	}
	if (w >= 10) {
		p -= 2;
		memcpy(p, d2 + 2 * w, 2);
	} else
		*--p = (char)('0' + w);
	k = (size_t)(tmp + sizeof(tmp) - p);
	memcpy(buf, p, k);
	buf[k] = '\0';
	return k;
}

#endif
