/* fvalue.c — value and label formatting; see fvalue.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <inttypes.h>

#include "core/fmtnum.h"
#include "core/strvis.h"
#include "core/timefmt.h"
#include "dissect/cursor.h"
#include "dissect/fvalue.h"

static size_t put(char *buf, size_t len, size_t at, const char *s)
{
	size_t k = strlen(s);

	if (at < len) {
		size_t c = at + k < len ? k : len - at - 1;
		memcpy(buf + at, s, c);
		buf[at + c] = '\0';
	}
	return at + k;
}

static size_t clamp(size_t at, size_t len)
{
	return at < len ? at : (len ? len - 1 : 0);
}

int fv_type_bits(enum ftype t)
{
	switch (t) {
	case FT_UINT8: case FT_INT8: case FT_CHAR: return 8;
	case FT_UINT16: case FT_INT16: return 16;
	case FT_UINT24: return 24;
	case FT_UINT32: case FT_INT32: case FT_FRAMENUM: return 32;
	case FT_UINT40: return 40;
	case FT_UINT48: return 48;
	case FT_UINT64: case FT_INT64: return 64;
	default: return 0;
	}
}

/* By hand: this runs for two addresses of every packet line. */
void fv_ipv4(const uint8_t *a, char *buf, size_t len)
{
	char tmp[16];
	size_t k = 0;

	for (int i = 0; i < 4; i++) {
		unsigned v = a[i];
		if (v >= 100)
			tmp[k++] = (char)('0' + v / 100);
		if (v >= 10)
			tmp[k++] = (char)('0' + v / 10 % 10);
		tmp[k++] = (char)('0' + v % 10);
		tmp[k++] = i < 3 ? '.' : '\0';
	}
	if (len) {
		size_t c = k <= len ? k : len;
		memcpy(buf, tmp, c);
		buf[c - 1] = '\0';
	}
}

void fv_ether(const uint8_t *a, char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* RFC 5952: longest run (≥ 2) of zero groups becomes "::", lower-case hex; an
 * IPv4-mapped or -compatible tail is not special-cased (tshark 4.0 does not either,
 * except ::ffff:a.b.c.d, which inet_ntop prints that way). */
void fv_time_span(uint32_t secs, int msecs, char *buf, size_t len)
{
	static const struct {
		uint32_t secs;
		const char *unit;
	} units[] = { { 86400, "day" }, { 3600, "hour" }, { 60, "minute" } };
	size_t at = 0;
	int k;

	if (!len)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		uint32_t q = secs / units[i].secs;
		secs %= units[i].secs;
		if (!q)
			continue;
		k = snprintf(buf + at, len - at, "%s%u %s%s", at ? ", " : "", q, units[i].unit, q == 1 ? "" : "s");
		if (k < 0 || (size_t)k >= len - at)
			return;
		at += (size_t)k;
	}
	if (msecs > 0)
		snprintf(buf + at, len - at, "%s%u.%03d seconds", at ? ", " : "", secs, msecs);
	else if (secs || !at)
		snprintf(buf + at, len - at, "%s%u second%s", at ? ", " : "", secs, secs == 1 ? "" : "s");
}

void fv_ipv6(const uint8_t *a, char *buf, size_t len)
{
	uint16_t g[8];
	int best = -1, bestn = 0;
	size_t at = 0;

	struct cur ac = cur_make(a, 16);
	for (int i = 0; i < 8; i++)
		g[i] = cur_be16(&ac);
	for (int i = 0; i < 8;) {
		int j = i;
		while (j < 8 && g[j] == 0)
			j++;
		if (j - i > bestn && j - i >= 2) {
			best = i;
			bestn = j - i;
		}
		i = j > i ? j : i + 1;
	}
	if (best == 0 && (bestn == 6 || (bestn == 5 && g[5] == 0xffff))) {
		snprintf(buf, len, "::%s%u.%u.%u.%u", bestn == 5 ? "ffff:" : "",
		    a[12], a[13], a[14], a[15]);
		return;
	}
	for (int i = 0; i < 8; i++) {
		char tmp[8];
		if (i == best) {
			at = put(buf, len, at, "::");
			i += bestn - 1;
			continue;
		}
		snprintf(tmp, sizeof(tmp), "%s%x", (i && i != best + bestn) ? ":" : "", g[i]);
		at = put(buf, len, at, tmp);
	}
	if (len && at == 0)
		buf[0] = '\0';
}

#define LABEL_BYTES_MAX 36	/* bytes a label shows (Wireshark's MAX_BYTE_STR_LEN / 2) */

size_t fv_hex(const uint8_t *p, uint32_t n, char *buf, size_t len, char sep)
{
	static const char hx[] = "0123456789abcdef";
	size_t at = 0;

	for (uint32_t i = 0; i < n; i++) {
		if (sep && i && at + 1 < len)
			buf[at] = sep;
		if (sep && i)
			at++;
		if (at + 1 < len)	/* snprintf's cut: the first len - 1 characters */
			buf[at] = hx[p[i] >> 4];
		if (at + 2 < len)
			buf[at + 1] = hx[p[i] & 15];
		at += 2;
	}
	if (len)
		buf[clamp(at, len)] = '\0';
	return at;
}

const uint8_t *fv_node_bytes(const struct dtree *t, const struct fnode *n, uint32_t *cnt)
{
	const struct dsource *s = &t->src[n->src];

	if (n->src >= t->nsrc || n->off > s->len) {
		*cnt = 0;
		return NULL;
	}
	*cnt = n->len <= s->len - n->off ? n->len : s->len - n->off;
	return s->data + n->off;
}

/* Decimal without printf: -T fields prints several integers per packet. */
static size_t uint_dec(uint64_t v, char *buf, size_t len)
{
	char tmp[FMTNUM_MAX];
	size_t k;

	if (len >= FMTNUM_MAX)
		return fmt_u64(buf, v);
	k = fmt_u64(tmp, v);
	return put(buf, len, 0, tmp) < len ? k : (len ? len - 1 : 0);
}

size_t fv_bytes_label(const uint8_t *p, uint32_t n, char *buf, size_t len)
{
	if (n > LABEL_BYTES_MAX)
		return clamp(put(buf, len, clamp(fv_hex(p, LABEL_BYTES_MAX, buf, len, 0), len),
		    "\xe2\x80\xa6"), len);
	return fv_hex(p, n, buf, len, 0);
}

static size_t uint_hex(uint64_t v, int bits, char *buf, size_t len)
{
	int digits = bits ? (bits + 3) / 4 : 1;
	int k = snprintf(buf, len, "0x%0*" PRIx64, digits, v);
	return k < 0 ? 0 : (size_t)k;
}

/* The masked value shifted down, as Wireshark shows bitfields. */
static uint64_t shifted(const struct field_def *f, uint64_t v)
{
	uint64_t m = f->mask;

	if (!m || f->type == FT_BOOLEAN)
		return v;
	while (!(m & 1)) {
		m >>= 1;
		v >>= 1;
	}
	return v & m;
}

uint64_t fv_uint(const struct fnode *n)
{
	const struct field_def *f = n->f;

	if (f && f->type == FT_BOOLEAN)
		return (f->mask ? n->v.u & f->mask : n->v.u) != 0;
	return f ? shifted(f, n->v.u) : n->v.u;
}

/* Hex digits a label shows for a masked value: as many as the mask is wide. */
static int mask_digits(const struct field_def *f)
{
	uint64_t m = f->mask;
	int w = 0;

	while (m && !(m & 1))
		m >>= 1;
	while (m) {
		w++;
		m >>= 1;
	}
	return w ? (w + 3) / 4 : (fv_type_bits(f->type) + 3) / 4;
}

static size_t ipv6_len(const struct fnode *n, char *buf, size_t len)
{
	fv_ipv6(n->v.a, buf, len);
	return strlen(buf);
}

size_t fv_fields(const struct dtree *t, const struct fnode *n, char *buf, size_t len)
{
	const struct field_def *f = n->f;
	const uint8_t *p;
	uint32_t cnt;
	int k = 0;

	if (len)
		buf[0] = '\0';
	if (!f)
		return 0;
	switch (f->type) {
	case FT_PROTOCOL: {
		const char *s = tree_node_text(t, n);
		return put(buf, len, 0, s ? s : f->name);
	}
	case FT_NONE:
		/* tshark 4.0 prints "1" for an item without bytes (tcp.analysis.flags,
		 * expert items such as tcp.analysis.retransmission). */
		if (n->len == 0)
			return put(buf, len, 0, "1");
		p = fv_node_bytes(t, n, &cnt);
		return fv_hex(p, cnt, buf, len, 0);
	case FT_BOOLEAN:
		return put(buf, len, 0, fv_uint(n) ? "1" : "0");
	case FT_CHAR:
	case FT_UINT8: case FT_UINT16: case FT_UINT24: case FT_UINT32:
	case FT_UINT40: case FT_UINT48: case FT_UINT64: {
		uint64_t v = shifted(f, n->v.u);
		if (f->base == BASE_HEX || f->base == BASE_HEX_DEC)
			return uint_hex(v, fv_type_bits(f->type), buf, len);
		if (f->base == BASE_OCT)
			k = snprintf(buf, len, "0%" PRIo64, v);
		else
			return uint_dec(v, buf, len);
		break;
	}
	case FT_INT8: case FT_INT16: case FT_INT32: case FT_INT64:
		k = snprintf(buf, len, "%" PRId64, n->v.i);
		break;
	case FT_FRAMENUM:
		return uint_dec(n->v.u, buf, len);
	case FT_DOUBLE:
		k = snprintf(buf, len, "%.15g", n->v.d);
		break;
	case FT_IPv4:
		fv_ipv4(n->v.a, buf, len);
		return len ? strnlen(buf, len) : 0;
	case FT_IPv6:
		return ipv6_len(n, buf, len);
	case FT_ETHER:
		fv_ether(n->v.a, buf, len);
		return strlen(buf);
	case FT_BYTES:
		return fv_hex(n->v.s.p, n->v.s.n, buf, len, 0);
	case FT_STRING:
		if ((n->flags & TN_CLEAN) && n->v.s.n < len) {
			memcpy(buf, n->v.s.p, n->v.s.n);
			buf[n->v.s.n] = '\0';
			return n->v.s.n;
		}
		return clamp(strvis(buf, len, n->v.s.p, n->v.s.n, STRVIS_WIRE), len);
	case FT_ABSOLUTE_TIME:	/* BASE_DEC: seconds since the epoch (frame.time_epoch) */
		if (f->base == BASE_DEC)
			return timefmt_epoch(buf, len, n->v.i);
		return timefmt_abs(buf, len, n->v.i);
	case FT_RELATIVE_TIME:
		return timefmt_rel(buf, len, n->v.i, 9);
	}
	return k < 0 ? 0 : clamp((size_t)k, len);
}

size_t fv_bits(const struct field_def *f, uint64_t raw, char *buf, size_t len)
{
	int bits = f->bits ? f->bits : fv_type_bits(f->type);
	size_t at = 0;

	if (!bits)
		bits = 8;
	for (int i = bits - 1; i >= 0; i--) {
		char c = (f->mask >> i & 1) ? ((raw >> i & 1) ? '1' : '0') : '.';
		if (at + 1 < len)
			buf[at] = c;
		at++;
		if (i && i % 4 == 0) {
			if (at + 1 < len)
				buf[at] = ' ';
			at++;
		}
	}
	if (len)
		buf[clamp(at, len)] = '\0';
	return at;
}

size_t fv_display(const struct dtree *t, const struct fnode *n, char *buf, size_t len)
{
	const struct field_def *f = n->f;
	int k = 0;

	if (!f)
		return put(buf, len, 0, "");
	if (f->type == FT_BOOLEAN) {
		uint64_t b = fv_uint(n);
		const char *s = val_to_str((uint32_t)b, f->vals);
		if (s)
			return put(buf, len, 0, s);
		return put(buf, len, 0, f->mask ? (b ? "Set" : "Not set") : (b ? "True" : "False"));
	}
	if (ftype_is_int(f->type) && f->type != FT_FRAMENUM && f->type != FT_CHAR) {
		uint64_t v = shifted(f, n->v.u);
		const char *s = val_to_str((uint32_t)v, f->vals);
		int digits = mask_digits(f);

		if (!s && f->vals)	/* a value the table does not name, as proto.c shows it */
			s = "Unknown";
		int sgn = f->type >= FT_INT8 && f->type <= FT_INT64;

		if (s && f->base == BASE_NONE)
			k = snprintf(buf, len, "%s", s);
		else if (s) {
			if (f->base == BASE_HEX || f->base == BASE_HEX_DEC)
				k = snprintf(buf, len, "%s (0x%0*" PRIx64 ")", s, digits, v);
			else
				k = snprintf(buf, len, "%s (%" PRIu64 ")", s, v);
		} else if (sgn)
			k = snprintf(buf, len, "%" PRId64, n->v.i);
		else if (f->base == BASE_HEX)
			k = snprintf(buf, len, "0x%0*" PRIx64, digits, v);
		else if (f->base == BASE_DEC_HEX)
			k = snprintf(buf, len, "%" PRIu64 " (0x%0*" PRIx64 ")", v, digits, v);
		else if (f->base == BASE_HEX_DEC)
			k = snprintf(buf, len, "0x%0*" PRIx64 " (%" PRIu64 ")", digits, v, v);
		else if (f->base == BASE_OCT)
			k = snprintf(buf, len, "0%" PRIo64, v);
		else
			k = snprintf(buf, len, "%" PRIu64, v);
		return k < 0 ? 0 : clamp((size_t)k, len);
	}
	switch (f->type) {
	case FT_RELATIVE_TIME: {
		size_t at = timefmt_rel(buf, len, n->v.i, 9);
		return clamp(put(buf, len, clamp(at, len), " seconds"), len);
	}
	case FT_BYTES:
		return fv_bytes_label(n->v.s.p, n->v.s.n, buf, len);
	default:
		return fv_fields(t, n, buf, len);
	}
}

/* Wireshark's label buffer (ITEM_LABEL_LENGTH): a longer label is cut and gets
 * " [truncated]" after the field name; the cut leaves at most FV_LABEL_BUF - 2 bytes and
 * falls on a UTF-8 character boundary, as label_mark_truncated does. */
static void label_truncate(char *lab, size_t name_end)
{
	static const char mark[] = " [truncated]";
	char out[FV_LABEL_BUF];
	size_t k = sizeof(mark) - 1, cut = FV_LABEL_BUF - 2;

	if (name_end + k >= FV_LABEL_BUF - 1)
		return;
	memcpy(out, lab, name_end);
	memcpy(out + name_end, mark, k);
	memcpy(out + name_end + k, lab + name_end, FV_LABEL_BUF - 1 - name_end - k);
	while (cut > 0 && ((unsigned char)out[cut] & 0xc0) == 0x80)
		cut--;
	out[cut] = '\0';
	memcpy(lab, out, cut + 1);
}

void fv_label_mark_truncated(char *lab, size_t name_end)
{
	label_truncate(lab, name_end);
}

size_t fv_label(const struct dtree *t, const struct fnode *n, char *buf, size_t len)
{
	const char *custom = tree_node_text(t, n);
	int gen = n->flags & TN_GENERATED;
	size_t at = 0;

	if (gen)
		at = put(buf, len, at, "[");
	if (custom)
		at = put(buf, len, at, custom);
	else if (n->f) {
		char tmp[512], lab[1100];
		size_t k = 0, name_end;
		if (n->f->mask && n->f->type != FT_NONE) {
			fv_bits(n->f, n->v.u, tmp, sizeof(tmp));
			k = put(lab, sizeof(lab), k, tmp);
			k = put(lab, sizeof(lab), k, " = ");
		}
		k = put(lab, sizeof(lab), k, n->f->name);
		name_end = clamp(k, sizeof(lab));
		if (n->f->type != FT_NONE && n->f->type != FT_PROTOCOL) {
			k = put(lab, sizeof(lab), k, ": ");
			fv_display(t, n, tmp, sizeof(tmp));
			k = put(lab, sizeof(lab), k, tmp);
		}
		if (k >= FV_LABEL_BUF)
			label_truncate(lab, name_end);
		at = put(buf, len, at, lab);
	}
	if (gen)
		at = put(buf, len, at, "]");
	return clamp(at, len);
}
