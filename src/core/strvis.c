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

/* A UTF-8 sequence at p: its length (2-4) with its code point in *cp, or 0 when the
 * lead byte is not one or the sequence is cut, overlong, a surrogate or past U+10FFFF;
 * *span is then how many bytes the bad sequence covers (the lead byte and the
 * continuation bytes that follow it, as Wireshark replaces them). */
static size_t utf8_seq(const uint8_t *p, size_t left, uint32_t *cp, size_t *span)
{
	size_t k, i;
	uint32_t v;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		k = 2, v = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		k = 3, v = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		k = 4, v = p[0] & 0x07;
	else {
		*span = 1;
		return 0;
	}
	for (i = 1; i < k && i < left && (p[i] & 0xc0) == 0x80; i++)
		v = v << 6 | (p[i] & 0x3f);
	*span = i;
	if (i < k || (k == 3 && v < 0x800) || (k == 4 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return k;
}

/* Code points that do not print: C1 controls, the line and paragraph separators and
 * the format characters a terminal would act on (bidi controls, zero-width marks). */
static int cp_invisible(uint32_t cp)
{
	static const struct { uint32_t lo, hi; } ranges[] = {
		{ 0x80, 0x9f }, { 0xad, 0xad }, { 0x600, 0x605 }, { 0x61c, 0x61c },
		{ 0x6dd, 0x6dd }, { 0x70f, 0x70f }, { 0x180e, 0x180e }, { 0x200b, 0x200f },
		{ 0x2028, 0x202e }, { 0x2060, 0x2064 }, { 0x2066, 0x206f }, { 0xfeff, 0xfeff },
		{ 0xfff9, 0xfffb }, { 0xe0001, 0xe0001 }, { 0xe0020, 0xe007f },
	};

	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (cp >= ranges[i].lo && cp <= ranges[i].hi)
			return 1;
	return 0;
}

/* Length of a valid, printable UTF-8 sequence at p (2-4 bytes), or 0. */
static size_t utf8_len(const uint8_t *p, size_t left)
{
	uint32_t cp;
	size_t span, k = utf8_seq(p, left, &cp, &span);

	return k && !cp_invisible(cp) ? k : 0;
}

/* A byte of 0x80 or more in STRVIS_WIRE: the printable sequence as it is, a code point
 * that does not print as \uXXXX, an invalid sequence as U+FFFD.  Returns the bytes
 * of src used. */
static size_t wire_utf8(char *dst, size_t n, size_t *at, const uint8_t *src, size_t left)
{
	static const char hex[] = "0123456789ABCDEF";
	uint32_t cp;
	size_t span, k = utf8_seq(src, left, &cp, &span);

	if (!k) {
		*at = put(dst, n, *at, "\xef\xbf\xbd", 3);
		return span;
	}
	if (!cp_invisible(cp)) {
		*at = put(dst, n, *at, (const char *)src, k);
		return k;
	}
	char esc[6] = { '\\', 'u', hex[cp >> 12 & 15], hex[cp >> 8 & 15], hex[cp >> 4 & 15],
	    hex[cp & 15] };
	*at = put(dst, n, *at, esc, 6);
	return k;
}

/* A byte below 0x80 that does not print, as Wireshark's format_text escapes it. */
static size_t wire_ctl(char *dst, size_t n, size_t at, uint8_t c)
{
	static const char named[] = { ['\a'] = 'a', ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n',
	    ['\r'] = 'r', ['\t'] = 't', ['\v'] = 'v' };
	char esc[4] = { '\\', 0, 0, 0 };

	if (c < sizeof(named) && named[c]) {
		esc[1] = named[c];
		return put(dst, n, at, esc, 2);
	}
	esc[1] = (char)('0' + (c >> 6));
	esc[2] = (char)('0' + (c >> 3 & 7));
	esc[3] = (char)('0' + (c & 7));
	return put(dst, n, at, esc, 4);
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
		    (c > 0xc2 || src[i + 1] >= 0xa0) && (c != 0xc2 || src[i + 1] != 0xad) &&
		    (flags & STRVIS_UTF8) && at + 2 < n) {
			/* the common two-byte case (not a C1 control): copied as it is */
			dst[at++] = (char)c;
			dst[at++] = (char)src[++i];
			continue;
		}
		if (flags & STRVIS_TSHARK_) {
			if (c < 0x80)
				at = wire_ctl(dst, n, at, c);
			else
				i += wire_utf8(dst, n, &at, src + i, len - i) - 1;
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
