/* fmtnum.h — decimal formatting without printf, for the per-packet hot paths
 * (Info columns, -T fields values, summary lines), where snprintf dominated. */
#ifndef NETLAB_FMTNUM_H
#define NETLAB_FMTNUM_H

#include <stddef.h>
#include <stdint.h>

#define FMTNUM_MAX 21		/* digits of UINT64_MAX plus NUL */

/* Writes v in decimal and a NUL into buf (FMTNUM_MAX bytes); returns the digits. */
static inline size_t fmt_u64(char *buf, uint64_t v)
{
	char tmp[FMTNUM_MAX];
	size_t k = 0, i = 0;

	do {
		tmp[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (k)
		buf[i++] = tmp[--k];
	buf[i] = '\0';
	return i;
}

#endif
