/*
 * uncompress.c — Wireshark's tvb_uncompress, step for step: inflate as zlib data with
 * Z_SYNC_FLUSH passes; on a data error before any output, a gzip header (1f 8b) is
 * skipped by hand and the rest inflated raw, else the whole inflated raw (servers that
 * send deflate without its zlib header); up to three such restarts.  A stream that
 * runs out of input keeps what it decoded; one that ends stops there (later gzip
 * members are not read).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/uncompress.h"
#include "core/xmalloc.h"

/* Where the deflate data of gzip bytes p[0..n) starts (header fields FEXTRA, FNAME,
 * FCOMMENT skipped as Wireshark skips them), or n + 1 when the header does not fit. */
static size_t gzip_data_start(const uint8_t *p, size_t n)
{
	size_t at = 10;
	uint8_t flags;

	if (n < 10 || p[2] != Z_DEFLATED)
		return n + 1;
	flags = p[3];
	if (flags & 0x04) {
		if (at + 2 > n)
			return n + 1;
		at += 2 + (size_t)(p[at] | (unsigned)p[at + 1] << 8);
	}
	for (int bit = 0x08; bit <= 0x10; bit <<= 1)
		if (flags & bit) {
			while (at < n && p[at])
				at++;
			at++;
		}
	return at;
}

uint8_t *uncompress_body(const uint8_t *p, size_t n, size_t *out_len)
{
	size_t bufsiz = n * 2, len = 0, cap = 0;
	uint8_t *buf, *out = NULL;
	int inits = 1, err;
	z_stream s;

	if (bufsiz < 32768)
		bufsiz = 32768;
	if (bufsiz > (10u << 20))
		bufsiz = 10u << 20;
	memset(&s, 0, sizeof(s));
	if (inflateInit2(&s, MAX_WBITS) != Z_OK)
		return NULL;
	s.next_in = (Bytef *)(uintptr_t)p;
	s.avail_in = (uInt)n;
	buf = xmalloc(bufsiz);
	for (;;) {
		s.next_out = buf;
		s.avail_out = (uInt)bufsiz;
		err = inflate(&s, Z_SYNC_FLUSH);
		if (err == Z_OK || err == Z_STREAM_END) {
			size_t got = bufsiz - s.avail_out;
			if (len + got > UNCOMPRESS_MAX)
				got = UNCOMPRESS_MAX - len;
			out = xgrow(out, &cap, len + got + 1, 1);
			memcpy(out + len, buf, got);
			len += got;
			if (err == Z_STREAM_END || len >= UNCOMPRESS_MAX)
				break;
		} else if (err == Z_DATA_ERROR && !out && inits <= 3) {
			size_t at = inits == 1 && n >= 2 && p[0] == 0x1f && p[1] == 0x8b ?
			    gzip_data_start(p, n) : 0;
			if (at > n || inflateReset2(&s, -MAX_WBITS) != Z_OK)
				break;
			s.next_in = (Bytef *)(uintptr_t)(p + at);
			s.avail_in = (uInt)(n - at);
			inits++;
		} else
			break;		/* Z_BUF_ERROR: out of input; anything else: give up */
	}
	inflateEnd(&s);
	free(buf);
	*out_len = len;
	return out;
}
