/* hexdigit.h — the value of one hexadecimal digit (filters, HTTP chunk sizes, URL
 * escapes in the built-in server). */
#ifndef NETLAB_HEXDIGIT_H
#define NETLAB_HEXDIGIT_H

/* 0-15, or -1 when c is not a hex digit (either case). */
static inline int hexdigit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
