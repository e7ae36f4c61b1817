/* wsframe.c — WebSocket wire format (RFC 6455) for the built-in server: client frame
 * headers, server frame headers, close codes, UTF-8 validation of text (see wsframe.h).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "server/wsframe.h"

/* UTF-8 lead bytes (RFC 3629 section 4): continuation bytes that follow and the range
 * of the first one, which excludes overlong forms, surrogates and beyond U+10FFFF. */
static const struct {
	uint8_t first, last, need, lo, hi;
} utf8_leads[] = {
	{ 0xc2, 0xdf, 1, 0x80, 0xbf },
	{ 0xe0, 0xe0, 2, 0xa0, 0xbf },
	{ 0xe1, 0xec, 2, 0x80, 0xbf },
	{ 0xed, 0xed, 2, 0x80, 0x9f },
	{ 0xee, 0xef, 2, 0x80, 0xbf },
	{ 0xf0, 0xf0, 3, 0x90, 0xbf },
	{ 0xf1, 0xf3, 3, 0x80, 0xbf },
	{ 0xf4, 0xf4, 3, 0x80, 0x8f },
};

int wsframe_utf8_feed(struct wsframe_utf8 *st, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint8_t b = p[i];
		size_t k;

		if (st->need) {
			if (b < st->lo || b > st->hi)
				return -1;
			st->need--;
			st->lo = 0x80, st->hi = 0xbf;
			continue;
		}
		if (b < 0x80)
			continue;
		for (k = 0; k < sizeof(utf8_leads) / sizeof(utf8_leads[0]); k++)
			if (b >= utf8_leads[k].first && b <= utf8_leads[k].last)
				break;
		if (k == sizeof(utf8_leads) / sizeof(utf8_leads[0]))
			return -1;
		st->need = utf8_leads[k].need;
		st->lo = utf8_leads[k].lo;
		st->hi = utf8_leads[k].hi;
	}
	return 0;
}

/* Close codes a peer may send (RFC 6455 7.4.1, 7.4.2 and the IANA registry): 1004 is
 * reserved, 1005, 1006 and 1015 must never be on the wire, 1016-2999 are unassigned. */
static const struct {
	unsigned lo, hi;
} ws_close_codes[] = {
	{ 1000, 1003 },
	{ 1007, 1014 },
	{ 3000, 4999 },
};

int wsframe_close_code_ok(unsigned code)
{
	for (size_t i = 0; i < sizeof(ws_close_codes) / sizeof(ws_close_codes[0]); i++)
		if (code >= ws_close_codes[i].lo && code <= ws_close_codes[i].hi)
			return 1;
	return 0;
}

int wsframe_parse(const uint8_t *p, size_t avail, uint64_t max, struct wsframe_in *f)
{
	if (avail < 2)
		return -1;
	f->fin = p[0] >> 7;
	f->op = p[0] & 15;
	f->len = p[1] & 127;
	f->hl = 2;
	if (p[0] & 0x70)
		return 1002;	/* no extension was negotiated */
	if (!(p[1] & 0x80))
		return 1002;	/* RFC 6455 5.1: client frames must be masked */
	if (f->len == 126) {
		if (avail < 4)
			return -1;
		f->len = (uint64_t)p[2] << 8 | p[3];
		f->hl = 4;
	} else if (f->len == 127) {
		if (avail < 10)
			return -1;
		f->len = 0;
		for (int i = 0; i < 8; i++)
			f->len = f->len << 8 | p[2 + i];
		f->hl = 10;
	}
	if (f->op >= 8 && (f->len > 125 || !f->fin))
		return 1002;
	if (f->len > max)
		return 1009;
	if (avail < f->hl + 4 + f->len)
		return -1;
	return 0;
}

size_t wsframe_header(uint8_t hd[10], int op, size_t n)
{
	size_t k = 2;

	hd[0] = (uint8_t)(0x80 | op);
	if (n < 126)
		hd[1] = (uint8_t)n;
	else if (n <= 0xffff) {
		hd[1] = 126;
		hd[2] = (uint8_t)(n >> 8), hd[3] = (uint8_t)n;
		k = 4;
	} else {
		hd[1] = 127;
		for (int i = 0; i < 8; i++)
			hd[2 + i] = (uint8_t)((uint64_t)n >> (56 - 8 * i));
		k = 10;
	}
	return k;
}
