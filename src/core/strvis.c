/* strvis.c — escape untrusted bytes for display; see strvis.h. */
#include "config.h"

#include "core/strvis.h"

static size_t put(char *dst, size_t n, size_t at, const char *s, size_t k)
{
	for (size_t i = 0; i < k; i++, at++)
		if (at + 1 < n)
			dst[at] = s[i];
	return at;
}

/* Length of a valid, printable UTF-8 sequence at p (2-4 bytes), or 0. */
static size_t utf8_len(const uint8_t *p, size_t left)
{
	uint32_t cp;
	size_t k;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		k = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		k = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		k = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (k > left)
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	if (cp >= 0x80 && cp < 0xa0)		/* C1 controls */
		return 0;
	if (cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069))	/* line separators, bidi overrides */
		return 0;
	return k;
}

size_t strvis(char *dst, size_t n, const uint8_t *src, size_t len, int flags)
{
	static const char hex[] = "0123456789abcdef";
	size_t at = 0;

	for (size_t i = 0; i < len; i++) {
		uint8_t c = src[i];
		char esc[4];

		if (c >= 0x20 && c < 0x7f && (c != '\\' || (flags & STRVIS_NOBACKSLASH))) {
			if (at + 1 < n)
				dst[at] = (char)c;
			at++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf && i + 1 < len && (src[i + 1] & 0xc0) == 0x80 &&
		    (c > 0xc2 || src[i + 1] >= 0xa0) && (flags & STRVIS_UTF8) && at + 2 < n) {
			/* the common two-byte case (not a C1 control): copied as it is */
			dst[at++] = (char)c;
			dst[at++] = (char)src[++i];
			continue;
		}
		if (c >= 0x80 && (flags & STRVIS_UTF8)) {
			size_t k = utf8_len(src + i, len - i);
			if (k) {
				at = put(dst, n, at, (const char *)src + i, k);
				i += k - 1;
				continue;
			}
		}
		esc[0] = '\\';
		switch (c) {
		case '\r': esc[1] = 'r'; at = put(dst, n, at, esc, 2); break;
		case '\n': esc[1] = 'n'; at = put(dst, n, at, esc, 2); break;
		case '\t': esc[1] = 't'; at = put(dst, n, at, esc, 2); break;
		case '\\': esc[1] = '\\'; at = put(dst, n, at, esc, 2); break;
		default:
			esc[1] = 'x';
			esc[2] = hex[c >> 4];
			esc[3] = hex[c & 15];
			at = put(dst, n, at, esc, 4);
		}
	}
	if (n)
		dst[at < n ? at : n - 1] = '\0';
	return at;
}

int strvis_clean(const uint8_t *src, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (src[i] < 0x20 || src[i] >= 0x7f)
			return 0;
	return 1;
}
