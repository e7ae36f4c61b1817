/* literal.c — unparsed literals of a display filter converted to a field's type
 * (numbers, value-string names, times, addresses with prefixes, byte strings), with
 * Wireshark 4.0's messages when they do not fit.  Called by sema.c, once per literal.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/xmalloc.h"
#include "filter/dfilter_int.h"
#include "filter/sema_int.h"

static int parse_u64(const char *p, uint64_t *out, int *neg)
{
	int base = 10;
	uint64_t v = 0;

	*neg = 0;
	if (*p == '-') {
		*neg = 1;
		p++;
	} else if (*p == '+')
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && p[2]) {
		base = 16;
		p += 2;
	} else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B') && p[2]) {
		base = 2;
		p += 2;
	} else if (p[0] == '0' && p[1])
		base = 8;
	if (!*p)
		return 0;
	for (; *p; p++) {
		int d;
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			return 0;
		if (d >= base)
			return 0;
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return 0;
		v = v * (uint64_t)base + (uint64_t)d;
	}
	*out = v;
	return 1;
}

/* "[-]digits[.digits]" seconds → nanoseconds, exactly; falls back to strtod for
 * exponents. */
static int parse_seconds(const char *p, int64_t *ns)
{
	const char *q = p;
	int neg = 0;
	int64_t sec = 0, frac = 0;
	int fd = 0, digits = 0;

	if (*q == '-' || *q == '+')
		neg = *q++ == '-';
	while (*q >= '0' && *q <= '9') {
		if (sec > INT64_MAX / 10 / 1000000000)
			return 0;
		sec = sec * 10 + (*q++ - '0');
		digits++;
	}
	if (*q == '.') {
		q++;
		while (*q >= '0' && *q <= '9') {
			if (fd < 9) {
				frac = frac * 10 + (*q - '0');
				fd++;
			}
			q++;
			digits++;
		}
	}
	if (!digits)
		return 0;
	if (*q) {
		char *end;
		double d = strtod(p, &end);
		if (*end || !isfinite(d) || fabs(d) > 9e9)
			return 0;
		*ns = (int64_t)llround(d * 1e9);
		return 1;
	}
	while (fd < 9) {
		frac *= 10;
		fd++;
	}
	*ns = sec * 1000000000 + frac;
	if (neg)
		*ns = -*ns;
	return 1;
}

static int parse_double(const char *p, double *d)
{
	char *end;

	if (!*p)
		return 0;
	*d = strtod(p, &end);
	return *end == '\0';
}

static const char *const months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* The absolute-time forms 4.0 accepts: "Jul  6, 2005 03:57:35.938066", "2005-07-06
 * 03:57:35", "2005-07-06T03:57:35Z", "2005-07-06"; " UTC" or "Z" means UTC, else
 * local time. */
static int parse_abstime(const char *str, int64_t *ns)
{
	struct tm tm;
	char buf[128];
	const char *p;
	int utc = 0, n = 0;
	size_t len = strlen(str);
	long frac = 0;
	int fd = 0;
	time_t t;

	if (len >= sizeof(buf))
		return 0;
	memcpy(buf, str, len + 1);
	while (len && buf[len - 1] == ' ')
		buf[--len] = '\0';
	if (len > 4 && !strcmp(buf + len - 4, " UTC")) {
		utc = 1;
		buf[len - 4] = '\0';
	} else if (len && buf[len - 1] == 'Z') {
		utc = 1;
		buf[--len] = '\0';
	}
	memset(&tm, 0, sizeof(tm));
	p = buf;
	while (*p == ' ')
		p++;
	if (isalpha((unsigned char)*p)) {
		int m = -1, day, year, hh, mm, ss;
		for (int i = 0; i < 12; i++)
			if (!strncasecmp(p, months[i], 3))
				m = i;
		if (m < 0)
			return 0;
		p += 3;
		if (sscanf(p, " %2d, %4d %2d:%2d:%2d%n", &day, &year, &hh, &mm, &ss, &n) != 5)
			return 0;
		tm.tm_mon = m;
		tm.tm_mday = day;
		tm.tm_year = year - 1900;
		tm.tm_hour = hh;
		tm.tm_min = mm;
		tm.tm_sec = ss;
	} else {
		int y, mo, d, hh = 0, mm = 0, ss = 0, k = 0;
		if (sscanf(p, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
			return 0;
		if (p[n] == 'T' || p[n] == ' ') {
			if (sscanf(p + n + 1, "%2d:%2d:%2d%n", &hh, &mm, &ss, &k) != 3)
				return 0;
			n += 1 + k;
		}
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = hh;
		tm.tm_min = mm;
		tm.tm_sec = ss;
	}
	p += n;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p)) {
			if (fd < 9) {
				frac = frac * 10 + (*p - '0');
				fd++;
			}
			p++;
		}
	}
	if (*p)
		return 0;
	if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
		return 0;
	while (fd < 9) {
		frac *= 10;
		fd++;
	}
	tm.tm_isdst = -1;
	t = utc ? timegm(&tm) : mktime(&tm);
	if (t == (time_t)-1 && !(tm.tm_year == 69))
		return 0;
	if (t > INT64_MAX / 1000000000 - 1 || t < INT64_MIN / 1000000000 + 1)
		return 0;
	*ns = (int64_t)t * 1000000000 + frac;
	return 1;
}

static int is_sep(char c)
{
	return c == ':' || c == '.' || c == '-';
}

/* Wireshark's byte strings: "00:11:22", "00.11", "00-11", "0011", "1122.3344", a
 * single hex digit, or "0xNN"; a leading ':' is skipped. */
static int parse_bytes(const char *s, uint8_t *out, size_t cap, size_t *n)
{
	size_t k = 0;
	const char *p = s;

	if (*p == ':')
		p++;
	if ((p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) && isxdigit((unsigned char)p[2]) &&
	    isxdigit((unsigned char)p[3]) && !p[4]) {
		if (cap < 1)
			return 0;
		out[0] = (uint8_t)strtoul(p + 2, NULL, 16);
		*n = 1;
		return 1;
	}
	if (!*p)
		return 0;
	while (*p) {
		int run = 0;
		while (run < 4 && isxdigit((unsigned char)p[run]))
			run++;
		if (run == 0)
			return 0;
		if (run == 3)
			run = 2;
		for (int i = 0; i + 1 < run || (run == 1 && i == 0); i += 2) {
			char h[3] = { p[i], run == 1 ? '\0' : p[i + 1], '\0' };
			if (k >= cap)
				return 0;
			out[k++] = (uint8_t)strtoul(h, NULL, 16);
			if (run == 1)
				break;
		}
		p += run;
		if (is_sep(*p)) {
			p++;
			if (!*p)
				return 0;
		}
	}
	*n = k;
	return 1;
}

/* Converts a literal node to a constant of type t.  Returns 0 and fails the sema on
 * error.  `bytes` receives ownership of any bytes the constant points at. */
/* A literal being converted to a field's type: the node, its text (w, NULL for a
 * quoted string or a character constant; word is a writable copy) and whether it was
 * quoted. */
struct lit {
	const struct anode *n;
	const char *w;
	char *word;
	int quoted;
};

static int from_string_fails(struct sema *s, const struct lit *l, const struct vtype *t)
{
	const struct anode *n = l->n;

	dfl_fail(s, n->pos, n->len, "%s cannot be converted from a string (%.*s).",
	    dfl_type_name(t->ft), dfl_span_len(n), s->text + n->pos);
	return 0;
}

static int bits_of(enum ftype ft)
{
	switch (ft) {
	case FT_CHAR: case FT_UINT8: case FT_INT8: return 8;
	case FT_UINT16: case FT_INT16: return 16;
	case FT_UINT24: return 24;
	case FT_FRAMENUM: case FT_UINT32: case FT_INT32: return 32;
	case FT_UINT40: return 40;
	case FT_UINT48: return 48;
	default: return 64;
	}
}

/* A number in range for the field's width (u, neg as parse_u64 gave them). */
static int convert_number(struct sema *s, const struct lit *l, const struct vtype *t,
    struct val *v, uint64_t u, int neg)
{
	const struct anode *n = l->n;
	int bits = bits_of(t->ft);

	if (t->vk == VK_UINT) {
		uint64_t max = bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
		if (neg)
			v->never = u != 0;
		else if (t->ft == FT_BOOLEAN)
			v->u = u != 0;
		else if (u > max) {
			dfl_fail(s, n->pos, n->len, "\"%s\" too big for this field, maximum %llu.",
			    l->w, (unsigned long long)max);
			return 0;
		} else
			v->u = u;
		return 1;
	}
	int64_t max = bits == 64 ? INT64_MAX : ((int64_t)1 << (bits - 1)) - 1;
	if (!neg && u > (uint64_t)max) {
		dfl_fail(s, n->pos, n->len, "\"%s\" too big for this field, maximum %lld.",
		    l->w, (long long)max);
		return 0;
	}
	if (neg && u > (uint64_t)max + 1) {
		dfl_fail(s, n->pos, n->len, "\"%s\" too small for this field, minimum %lld.",
		    l->w, (long long)(-max - 1));
		return 0;
	}
	v->i = neg ? (int64_t)(0 - u) : (int64_t)u;
	return 1;
}

/* A name for an integer: a boolean's True/False or Set/Not set, or one of the field's
 * value strings.  -1 when the field has no names, else 1 or 0 (failed). */
static int convert_name(struct sema *s, const struct lit *l, const struct vtype *t, struct val *v)
{
	const struct anode *n = l->n;
	const char *name = l->quoted ? n->str : l->w;

	if (t->ft == FT_BOOLEAN && !l->quoted && (!strcmp(l->w, "True") || !strcmp(l->w, "False"))) {
		v->u = l->w[0] == 'T';
		return 1;
	}
	if (t->ft == FT_BOOLEAN) {
		/* The field's own true/false strings, as its label shows them. */
		const char *yes = t->f && t->f->mask ? "Set" : "True";
		const char *no = t->f && t->f->mask ? "Not set" : "False";
		if (!strcasecmp(name, yes) || !strcasecmp(name, no)) {
			v->u = !strcasecmp(name, yes);
			return 1;
		}
	}
	if (t->f && t->f->vals)
		for (const struct val_str *vs = t->f->vals; vs->str; vs++)
			if (!strcasecmp(vs->str, name)) {
				v->u = vs->value;
				v->i = (int64_t)vs->value;
				return 1;
			}
	if ((t->f && t->f->vals) || (t->ft == FT_BOOLEAN && t->f)) {
		dfl_fail(s, n->pos, n->len, "\"%s\" cannot be found among the possible values for %s.",
		    name, t->f->abbrev);
		return 0;
	}
	return -1;
}

static int convert_int(struct sema *s, const struct lit *l, const struct vtype *t, struct val *v)
{
	const struct anode *n = l->n;
	uint64_t u;
	int neg, r;

	if (n->kind == A_CHAR) {
		v->u = (uint8_t)n->str[0];
		v->i = (int64_t)v->u;
		return 1;
	}
	if (!l->quoted && parse_u64(l->w, &u, &neg))
		return convert_number(s, l, t, v, u, neg);
	if ((r = convert_name(s, l, t, v)) >= 0)
		return r;
	if (l->quoted)
		return from_string_fails(s, l, t);
	dfl_fail(s, n->pos, n->len, "\"%s\" is not a valid number.", l->w);
	return 0;
}

static int convert_double(struct sema *s, const struct lit *l, const struct vtype *t, struct val *v)
{
	const struct anode *n = l->n;

	if (n->kind == A_CHAR) {
		v->d = (uint8_t)n->str[0];
		return 1;
	}
	if (!l->quoted && parse_double(l->w, &v->d))
		return 1;
	if (l->quoted)
		return from_string_fails(s, l, t);
	dfl_fail(s, n->pos, n->len, "\"%s\" is not a valid number.", l->w);
	return 0;
}

static int convert_reltime(struct sema *s, const struct lit *l, const struct vtype *t, struct val *v)
{
	const struct anode *n = l->n;

	if (!l->quoted && n->kind != A_CHAR && parse_seconds(l->w, &v->i))
		return 1;
	if (l->quoted || n->kind == A_CHAR)
		return from_string_fails(s, l, t);
	dfl_fail(s, n->pos, n->len, "\"%s\" is not a valid time.", l->w);
	return 0;
}

static int convert_abstime(struct sema *s, const struct lit *l, const struct vtype *t, struct val *v)
{
	const struct anode *n = l->n;

	(void)t;
	if (l->quoted ? parse_abstime(n->str, &v->i) :
	    (n->kind != A_CHAR && parse_seconds(l->w, &v->i)))
		return 1;
	dfl_fail(s, n->pos, n->len, "\"%s\" is not a valid absolute time. Example: \"Nov 12, 1999 "
	    "08:55:44.123\" or \"2011-07-04 12:34:56\"", l->quoted ? n->str : l->w ? l->w : "");
	return 0;
}

/* "/N" after an address: the prefix length into v->prefix; cuts the word at the slash. */
static int convert_prefix(struct sema *s, const struct lit *l, int v6, struct val *v, char *slash)
{
	const struct anode *n = l->n;
	uint64_t p;
	int neg;

	*slash = '\0';
	if (!slash[1]) {
		dfl_fail(s, n->pos, n->len, "Unexpected end of filter expression.");
		return 0;
	}
	if (!parse_u64(slash + 1, &p, &neg) || neg) {
		dfl_fail(s, n->pos, n->len, "\"%s\" is not a valid %s prefix.", slash + 1, v6 ? "IPv6" : "CIDR");
		return 0;
	}
	if (p > (uint64_t)(v6 ? 128 : 32)) {
		if (v6)
			dfl_fail(s, n->pos, n->len, "Prefix in a IPv6 address should be <= 128, not %llu",
			    (unsigned long long)p);
		else
			dfl_fail(s, n->pos, n->len, "Netmask bits in a CIDR IPv4 address should be "
			    "<= 32, not %llu", (unsigned long long)p);
		return 0;
	}
	v->prefix = (uint8_t)p;
	return 1;
}

static int convert_addr(struct sema *s, const struct lit *l, const struct vtype *t, struct val *v,
    uint8_t **bytes)
{
	const struct anode *n = l->n;
	int v6 = t->vk == VK_IPV6;
	char *slash;
	uint8_t a[16];

	if (l->quoted || n->kind == A_CHAR)
		return from_string_fails(s, l, t);
	v->prefix = (uint8_t)(v6 ? 128 : 32);
	slash = strchr(l->word, '/');
	if (slash && !convert_prefix(s, l, v6, v, slash))
		return 0;
	if (inet_pton(v6 ? AF_INET6 : AF_INET, l->word, a) != 1) {
		if (slash)
			*slash = '/';
		dfl_fail(s, n->pos, n->len, "\"%s\" is not a valid hostname or %s address.", l->word,
		    v6 ? "IPv6" : "IPv4");
		return 0;
	}
	*bytes = xmalloc(v6 ? 16 : 4);
	memcpy(*bytes, a, v6 ? 16 : 4);
	v->addr = *bytes;
	if (v6) {
		v->b.p = *bytes;
		v->b.n = 16;
	} else
		v->u = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
	return 1;
}

static void take_bytes(struct val *v, uint8_t **bytes, const void *p, size_t n)
{
	*bytes = xmalloc(n + 1);
	memcpy(*bytes, p, n);
	v->b.p = *bytes;
	v->b.n = (uint32_t)n;
}

static int convert_bytes(struct sema *s, const struct lit *l, const struct vtype *t, struct val *v,
    uint8_t **bytes)
{
	const struct anode *n = l->n;
	uint8_t buf[256];
	size_t bn;

	if (l->quoted || n->kind == A_CHAR) {
		if (t->ft == FT_ETHER)
			return from_string_fails(s, l, t);
		take_bytes(v, bytes, n->str, n->slen);
		return 1;
	}
	if (t->vk == VK_STRING) {
		take_bytes(v, bytes, l->w, strlen(l->w));
		return 1;
	}
	if (!parse_bytes(l->w, buf, sizeof(buf), &bn)) {
		if (t->ft == FT_ETHER)
			dfl_fail(s, n->pos, n->len, "\"%s\" is not a valid hostname or Ethernet address.", l->w);
		else
			dfl_fail(s, n->pos, n->len, "\"%s\" is not a valid byte string.", l->w);
		return 0;
	}
	if (t->ft == FT_ETHER && bn != 6) {
		dfl_fail(s, n->pos, n->len, "\"%s\" contains too %s bytes to be a valid Ethernet address.",
		    l->w, bn < 6 ? "few" : "many");
		return 0;
	}
	take_bytes(v, bytes, buf, bn);
	return 1;
}

int dfl_convert(struct sema *s, const struct anode *n, const struct vtype *t, struct val *v,
    uint8_t **bytes)
{
	char word[512];
	struct lit l = { n, NULL, word, 0 };

	memset(v, 0, sizeof(*v));
	v->kind = (uint8_t)t->vk;
	word[0] = '\0';
	if (n->kind == A_NEG && n->a->kind == A_FIELD) {
		snprintf(word, sizeof(word), "-%s", n->a->str);
		l.w = word;
	} else if (n->kind == A_FIELD || n->kind == A_LITERAL) {
		snprintf(word, sizeof(word), "%s", n->str);
		l.w = word;
	} else if (n->kind == A_STRING)
		l.quoted = 1;
	else if (n->kind == A_CHAR) {
		if (n->slen != 1) {
			dfl_fail(s, n->pos, n->len, "%.*s is not a valid character constant.", dfl_span_len(n),
			    s->text + n->pos);
			return 0;
		}
	} else {
		dfl_fail(s, n->pos, n->len, "%.*s is not a valid value here.", dfl_span_len(n), s->text + n->pos);
		return 0;
	}

	switch (t->vk) {
	case VK_UINT:
	case VK_INT:
		return convert_int(s, &l, t, v);
	case VK_DOUBLE:
		return convert_double(s, &l, t, v);
	case VK_RELTIME:
		return convert_reltime(s, &l, t, v);
	case VK_ABSTIME:
		return convert_abstime(s, &l, t, v);
	case VK_IPV4:
	case VK_IPV6:
		return convert_addr(s, &l, t, v, bytes);
	case VK_BYTES:
	case VK_NONE:
	case VK_STRING:
		return convert_bytes(s, &l, t, v, bytes);
	}
	return 0;
}

