/* sema.c — type checking against the registry and compilation to struct xnode.
 *
 * A word is a field when the registry knows it (".name" forces a field), otherwise
 * an unparsed literal whose meaning depends on what it is compared with, as in
 * Wireshark 4.0: "80" is a number beside tcp.port, a byte beside frame[0], "UDP" a
 * value-string name beside ip.proto.  Literals are converted here, once; regular
 * expressions are compiled here; evaluation only compares.
 *
 * Semantics of the relations (4.0): ==, >, <, >=, <=, contains, matches hold when any
 * pair of values does; != is all_ne (every value differs, and there is one); ~= is
 * any_ne; === all_eq.  "any"/"all" before a relation choose the quantifier.
 * "matches" is case-insensitive unless the pattern says (?-i), as in 4.0.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/xmalloc.h"
#include "dissect/fvalue.h"
#include "filter/dfilter_int.h"

struct sema {
	const char *text;
	struct dfilter *df;
	struct dfilter_error *err;
	int failed;
};

/* The static type of a value expression. */
struct vtype {
	enum vkind vk;
	enum ftype ft;
	const struct field_def *f;	/* the field, for value strings and messages */
};

static const char *const pretty[] = {
	[FT_NONE] = "Label", [FT_PROTOCOL] = "Protocol", [FT_BOOLEAN] = "Boolean",
	[FT_UINT8] = "Unsigned integer (1 byte)", [FT_UINT16] = "Unsigned integer (2 bytes)",
	[FT_UINT24] = "Unsigned integer (3 bytes)", [FT_UINT32] = "Unsigned integer (4 bytes)",
	[FT_UINT40] = "Unsigned integer (5 bytes)", [FT_UINT48] = "Unsigned integer (6 bytes)",
	[FT_UINT64] = "Unsigned integer (8 bytes)", [FT_INT8] = "Signed integer (1 byte)",
	[FT_INT16] = "Signed integer (2 bytes)", [FT_INT32] = "Signed integer (4 bytes)",
	[FT_INT64] = "Signed integer (8 bytes)", [FT_DOUBLE] = "Floating point (double-precision)",
	[FT_IPv4] = "IPv4 address", [FT_IPv6] = "IPv6 address",
	[FT_ETHER] = "Ethernet or other MAC address", [FT_BYTES] = "Byte sequence",
	[FT_STRING] = "Character string", [FT_ABSOLUTE_TIME] = "Date and time",
	[FT_RELATIVE_TIME] = "Time offset", [FT_FRAMENUM] = "Frame number",
	[FT_CHAR] = "Character",
};

static const char *pretty_name(enum ftype t)
{
	return (unsigned)t < sizeof(pretty) / sizeof(pretty[0]) && pretty[t] ? pretty[t] : "Label";
}

static void fail(struct sema *s, int col, int len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void fail(struct sema *s, int col, int len, const char *fmt, ...)
{
	va_list ap;

	if (s->failed)
		return;
	s->failed = 1;
	va_start(ap, fmt);
	vsnprintf(s->err->msg, sizeof(s->err->msg), fmt, ap);
	va_end(ap);
	s->err->col = col;
	s->err->len = len < 1 ? 1 : len;
}

static struct xnode *xnew(enum xkind k)
{
	struct xnode *x = xcalloc(1, sizeof(*x));

	x->kind = k;
	return x;
}

void dfl_xnode_free(struct xnode *x)
{
	if (!x)
		return;
	dfl_xnode_free(x->a);
	dfl_xnode_free(x->b);
	for (int i = 0; i < x->nargs; i++)
		dfl_xnode_free(x->args[i]);
	free(x->args);
	free(x->consts);
	free(x->owned);
	free(x->ranges);
	if (x->md)
		pcre2_match_data_free(x->md);
	if (x->re)
		pcre2_code_free(x->re);
	free(x);
}

static void mark(struct sema *s, const struct field_def *f)
{
	int id = f ? reg_id(f) : -1;

	if (id >= 0 && id < s->df->nbits)
		s->df->interest[id >> 3] |= (uint8_t)(1u << (id & 7));
}

static enum vkind kind_of(enum ftype t)
{
	switch (t) {
	case FT_NONE: return VK_NONE;
	case FT_PROTOCOL: case FT_ETHER: case FT_BYTES: return VK_BYTES;
	case FT_INT8: case FT_INT16: case FT_INT32: case FT_INT64: return VK_INT;
	case FT_DOUBLE: return VK_DOUBLE;
	case FT_IPv4: return VK_IPV4;
	case FT_IPv6: return VK_IPV6;
	case FT_STRING: return VK_STRING;
	case FT_ABSOLUTE_TIME: return VK_ABSTIME;
	case FT_RELATIVE_TIME: return VK_RELTIME;
	default: return VK_UINT;
	}
}

static int is_literal(const struct anode *n, const struct field_def **fp)
{
	if (n->kind == A_NEG)
		return is_literal(n->a, fp);
	if (n->kind == A_STRING || n->kind == A_CHAR || n->kind == A_LITERAL)
		return 1;
	if (n->kind == A_FIELD) {
		const char *name = n->str[0] == '.' ? n->str + 1 : n->str;
		const struct field_def *f = reg_lookup(name);
		if (fp)
			*fp = f;
		return f == NULL && n->str[0] != '.';
	}
	return 0;
}

/* The text of a node, for messages. */
static int span_len(const struct anode *n)
{
	return n->len > 60 ? 60 : n->len;
}

static void not_a_field(struct sema *s, const struct anode *n)
{
	const char *name = n->str && n->str[0] == '.' ? n->str + 1 : n->str;
	/* Two edits away is only a typo when the name is long enough. */
	const char *sug = name && strlen(name) > 4 ? reg_suggest(name) : NULL;

	if (n->str && n->str[0] == '.')
		fail(s, n->pos, n->len, "\"%s\" is not a valid protocol or protocol field.", name);
	else if (sug && strcmp(sug, name))
		fail(s, n->pos, n->len, "%.*s is neither a field nor a protocol name. Did you mean %s?",
		    span_len(n), s->text + n->pos, sug);
	else
		fail(s, n->pos, n->len, "%.*s is neither a field nor a protocol name.",
		    span_len(n), s->text + n->pos);
}

/* ---- literal conversion ---- */

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

	fail(s, n->pos, n->len, "%s cannot be converted from a string (%.*s).",
	    pretty_name(t->ft), span_len(n), s->text + n->pos);
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
			fail(s, n->pos, n->len, "\"%s\" too big for this field, maximum %llu.",
			    l->w, (unsigned long long)max);
			return 0;
		} else
			v->u = u;
		return 1;
	}
	int64_t max = bits == 64 ? INT64_MAX : ((int64_t)1 << (bits - 1)) - 1;
	if (!neg && u > (uint64_t)max) {
		fail(s, n->pos, n->len, "\"%s\" too big for this field, maximum %lld.",
		    l->w, (long long)max);
		return 0;
	}
	if (neg && u > (uint64_t)max + 1) {
		fail(s, n->pos, n->len, "\"%s\" too small for this field, minimum %lld.",
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
		fail(s, n->pos, n->len, "\"%s\" cannot be found among the possible values for %s.",
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
	fail(s, n->pos, n->len, "\"%s\" is not a valid number.", l->w);
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
	fail(s, n->pos, n->len, "\"%s\" is not a valid number.", l->w);
	return 0;
}

static int convert_reltime(struct sema *s, const struct lit *l, const struct vtype *t, struct val *v)
{
	const struct anode *n = l->n;

	if (!l->quoted && n->kind != A_CHAR && parse_seconds(l->w, &v->i))
		return 1;
	if (l->quoted || n->kind == A_CHAR)
		return from_string_fails(s, l, t);
	fail(s, n->pos, n->len, "\"%s\" is not a valid time.", l->w);
	return 0;
}

static int convert_abstime(struct sema *s, const struct lit *l, const struct vtype *t, struct val *v)
{
	const struct anode *n = l->n;

	(void)t;
	if (l->quoted ? parse_abstime(n->str, &v->i) :
	    (n->kind != A_CHAR && parse_seconds(l->w, &v->i)))
		return 1;
	fail(s, n->pos, n->len, "\"%s\" is not a valid absolute time. Example: \"Nov 12, 1999 "
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
		fail(s, n->pos, n->len, "Unexpected end of filter expression.");
		return 0;
	}
	if (!parse_u64(slash + 1, &p, &neg) || neg) {
		fail(s, n->pos, n->len, "\"%s\" is not a valid %s prefix.", slash + 1, v6 ? "IPv6" : "CIDR");
		return 0;
	}
	if (p > (uint64_t)(v6 ? 128 : 32)) {
		if (v6)
			fail(s, n->pos, n->len, "Prefix in a IPv6 address should be <= 128, not %llu",
			    (unsigned long long)p);
		else
			fail(s, n->pos, n->len, "Netmask bits in a CIDR IPv4 address should be "
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
		fail(s, n->pos, n->len, "\"%s\" is not a valid hostname or %s address.", l->word,
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
			fail(s, n->pos, n->len, "\"%s\" is not a valid hostname or Ethernet address.", l->w);
		else
			fail(s, n->pos, n->len, "\"%s\" is not a valid byte string.", l->w);
		return 0;
	}
	if (t->ft == FT_ETHER && bn != 6) {
		fail(s, n->pos, n->len, "\"%s\" contains too %s bytes to be a valid Ethernet address.",
		    l->w, bn < 6 ? "few" : "many");
		return 0;
	}
	take_bytes(v, bytes, buf, bn);
	return 1;
}

/* The literal n as a value of type t (v; *bytes holds what v points into). */
static int convert(struct sema *s, const struct anode *n, const struct vtype *t, struct val *v,
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
			fail(s, n->pos, n->len, "%.*s is not a valid character constant.", span_len(n),
			    s->text + n->pos);
			return 0;
		}
	} else {
		fail(s, n->pos, n->len, "%.*s is not a valid value here.", span_len(n), s->text + n->pos);
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

/* ---- value expressions ---- */

static struct xnode *compile_value(struct sema *s, const struct anode *n, struct vtype *t);

static struct xnode *const_node(struct sema *s, const struct anode *n, const struct vtype *t)
{
	struct xnode *x = xnew(X_CONST);

	x->vk = t->vk;
	x->consts = xcalloc(1, sizeof(*x->consts));
	x->nconsts = 1;
	if (!convert(s, n, t, &x->consts[0], &x->owned)) {
		dfl_xnode_free(x);
		return NULL;
	}
	return x;
}

static const struct field_def *proto_of(const struct field_def *f)
{
	char name[128];
	const char *dot = strchr(f->abbrev, '.');
	size_t k;

	if (f->type == FT_PROTOCOL || !dot)
		return f->type == FT_PROTOCOL ? f : NULL;
	k = (size_t)(dot - f->abbrev);
	if (k >= sizeof(name))
		return NULL;
	memcpy(name, f->abbrev, k);
	name[k] = '\0';
	return reg_lookup(name);
}

static struct xnode *field_node(struct sema *s, const struct anode *n, const struct field_def *f,
    struct vtype *t)
{
	struct xnode *x = xnew(X_FIELD);

	x->f = f;
	x->vk = kind_of(f->type);
	x->layer = n->layer;
	mark(s, f);
	if (n->layer) {
		x->proto = proto_of(f);
		mark(s, x->proto);
		if (!x->proto) {
			fail(s, n->pos, n->len, "Layer filtering needs a protocol field (%s).", f->abbrev);
			dfl_xnode_free(x);
			return NULL;
		}
	}
	t->vk = x->vk;
	t->ft = f->type;
	t->f = f;
	return x;
}

static int parse_int_at(const char **p, int32_t *v)
{
	char *end;
	long l = strtol(*p, &end, 10);

	if (end == *p || l > INT32_MAX / 2 || l < -(INT32_MAX / 2))
		return 0;
	*v = (int32_t)l;
	*p = end;
	return 1;
}

/* "[i:j]", "[i-j]", "[i]", "[:j]", "[i:]", comma-separated. */
static int parse_ranges(struct sema *s, const struct anode *n, struct xnode *x)
{
	const char *p = n->str;
	int pos = (int)n->num + 1;

	for (;;) {
		struct slice_range r = { 0, -1 };
		const char *start;
		int32_t a, b;
		while (*p == ' ')
			p++;
		start = p;
		if (*p == ':') {
			p++;
			if (!parse_int_at(&p, &b))
				goto bad;
			r.start = 0;
			r.len = b;
		} else {
			if (!parse_int_at(&p, &a))
				goto bad;
			r.start = a;
			r.len = 1;
			if (*p == ':') {
				p++;
				while (*p == ' ')
					p++;
				if (*p == ',' || !*p)
					r.len = -1;
				else if (!parse_int_at(&p, &b))
					goto bad;
				else
					r.len = b;
			} else if (*p == '-') {
				p++;
				if (!parse_int_at(&p, &b))
					goto bad;
				if ((a >= 0) != (b >= 0) || b < a) {
					fail(s, pos + (int)(start - n->str), (int)(p - start),
					    "Range %d-%d isn't valid because %d is greater or equal than %d",
					    a, b, a, b);
					return 0;
				}
				r.len = b - a + 1;
			}
		}
		if (r.len == 0 || r.len < -1) {
			fail(s, pos + (int)(start - n->str), (int)(p - start),
			    "Range %.*s isn't valid because length %d isn't positive", (int)(p - start), start,
			    r.len);
			return 0;
		}
		x->ranges = xrealloc(x->ranges, (size_t)(x->nranges + 1) * sizeof(*x->ranges));
		x->ranges[x->nranges++] = r;
		while (*p == ' ')
			p++;
		if (!*p)
			return 1;
		if (*p != ',')
			goto bad;
		p++;
	}
bad:
	fail(s, pos, (int)n->slen, "\"%s\" is not a valid number.", n->str);
	return 0;
}

static int sliceable(enum ftype ft)
{
	return ft == FT_NONE || ft == FT_PROTOCOL || ft == FT_BYTES || ft == FT_STRING ||
	    ft == FT_ETHER || ft == FT_IPv4 || ft == FT_IPv6;
}

static int bytes_like(enum vkind k)
{
	return k == VK_BYTES || k == VK_NONE || k == VK_STRING;
}

static int numeric(enum vkind k)
{
	return k == VK_UINT || k == VK_INT || k == VK_DOUBLE || k == VK_RELTIME;
}

static const struct {
	const char *name;
	enum xfunc fn;
	int min, max;
} funcs[] = {
	{ "len", FN_LEN, 1, 1 }, { "count", FN_COUNT, 1, 1 }, { "lower", FN_LOWER, 1, 1 },
	{ "upper", FN_UPPER, 1, 1 }, { "string", FN_STRING, 1, 1 }, { "max", FN_MAX, 1, 64 },
	{ "min", FN_MIN, 1, 64 }, { "abs", FN_ABS, 1, 1 },
};

/* The function named by n (its index in funcs) with an argument count it takes; -1
 * (failed) otherwise. */
static int func_lookup(struct sema *s, const struct anode *n, int *nargs)
{
	int k = -1;

	for (size_t i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++)
		if (!strcmp(funcs[i].name, n->str))
			k = (int)i;
	if (k < 0) {
		fail(s, n->pos, n->len, "Function '%s' does not exist", n->str);
		return -1;
	}
	*nargs = 0;
	for (const struct anode *a = n->a; a; a = a->next)
		(*nargs)++;
	if (*nargs < funcs[k].min) {
		fail(s, n->pos, n->len, "Function %s() needs at least %d argument%s, got %d.",
		    n->str, funcs[k].min, funcs[k].min > 1 ? "s" : "", *nargs);
		return -1;
	}
	if (*nargs > funcs[k].max) {
		fail(s, n->pos, n->len, "Function %s() can only take %d argument%s, got %d.",
		    n->str, funcs[k].max, funcs[k].max > 1 ? "s" : "", *nargs);
		return -1;
	}
	return k;
}

/* Checks argument a (compiled as ax, of type at) of function x named by n; the numeric
 * functions take their type from it.  0 (failed) when the function cannot take it. */
static int func_arg_ok(struct sema *s, const struct anode *n, const struct anode *a,
    const struct xnode *ax, const struct vtype *at, struct xnode *x, struct vtype *t)
{
	switch (x->sub) {
	case FN_COUNT:
		if (ax->kind != X_FIELD) {
			fail(s, a->pos, a->len, "Only fields can be used as parameter for count()");
			return 0;
		}
		break;
	case FN_LOWER:
	case FN_UPPER:
		if (at->vk != VK_STRING) {
			fail(s, a->pos, a->len, "Only string type fields can be used as parameter for %s()",
			    n->str);
			return 0;
		}
		break;
	case FN_MAX:
	case FN_MIN:
	case FN_ABS:
		if (!numeric(at->vk) && at->vk != VK_ABSTIME) {
			fail(s, a->pos, a->len, "Argument '%.*s' is not a number.", span_len(a),
			    s->text + a->pos);
			return 0;
		}
		if (x->nargs > 1 && (at->vk != x->vk || at->ft != t->ft)) {
			fail(s, a->pos, a->len, "Arguments to '%s' must have the same type (expected "
			    "%s, got %s)", n->str, ftype_name(t->ft), ftype_name(at->ft));
			return 0;
		}
		x->vk = at->vk;
		t->ft = at->ft;
		break;
	default:
		break;
	}
	return 1;
}

/* len(): the width in bytes of its argument's type, for values that are not bytes. */
static void func_len_width(struct xnode *x)
{
	enum ftype ft;

	if (x->args[0]->kind == X_FIELD)
		ft = x->args[0]->f->type;
	else
		ft = x->args[0]->vk == VK_UINT ? FT_UINT64 : FT_BYTES;
	x->width = fv_type_bits(ft) / 8;
	if (ft == FT_DOUBLE || ft == FT_ABSOLUTE_TIME || ft == FT_RELATIVE_TIME)
		x->width = 8;
	if (ft == FT_BOOLEAN)
		x->width = 1;
}

static struct xnode *compile_func(struct sema *s, const struct anode *n, struct vtype *t)
{
	struct xnode *x;
	int nargs, k = func_lookup(s, n, &nargs);

	if (k < 0)
		return NULL;
	x = xnew(X_FUNC);
	x->sub = funcs[k].fn;
	x->args = xcalloc((size_t)nargs, sizeof(*x->args));
	t->f = NULL;
	for (const struct anode *a = n->a; a; a = a->next) {
		struct vtype at;
		const struct field_def *f = NULL;
		struct xnode *ax;
		if (is_literal(a, &f)) {
			if (a->kind == A_FIELD)
				not_a_field(s, a);
			else
				fail(s, a->pos, a->len, "Function arguments must be fields or expressions, "
				    "not %.*s.", span_len(a), s->text + a->pos);
			dfl_xnode_free(x);
			return NULL;
		}
		ax = compile_value(s, a, &at);
		if (!ax) {
			dfl_xnode_free(x);
			return NULL;
		}
		x->args[x->nargs++] = ax;
		if (!func_arg_ok(s, n, a, ax, &at, x, t)) {
			dfl_xnode_free(x);
			return NULL;
		}
	}
	switch (funcs[k].fn) {
	case FN_LEN:
		func_len_width(x);
		/* fall through */
	case FN_COUNT:
		x->vk = VK_UINT;
		t->ft = FT_UINT32;
		break;
	case FN_LOWER:
	case FN_UPPER:
	case FN_STRING:
		x->vk = VK_STRING;
		t->ft = FT_STRING;
		break;
	default:
		break;
	}
	t->vk = x->vk;
	return x;
}

static struct xnode *compile_ref(struct sema *s, const struct anode *n, struct vtype *t)
{
	const struct field_def *f = reg_lookup(n->str);
	struct xnode *x;

	if (!f) {
		not_a_field(s, n);
		return NULL;
	}
	x = xnew(X_REF);
	x->f = f;
	x->vk = kind_of(f->type);
	t->vk = x->vk;
	t->ft = f->type;
	t->f = f;
	return x;
}

static struct xnode *compile_slice(struct sema *s, const struct anode *n, struct vtype *t)
{
	const struct field_def *f = NULL;
	struct vtype at;
	struct xnode *a, *x;

	if (n->a->kind == A_FIELD && is_literal(n->a, &f)) {
		not_a_field(s, n->a);
		return NULL;
	}
	a = compile_value(s, n->a, &at);
	if (!a)
		return NULL;
	if (!sliceable(at.ft) || (at.vk != VK_BYTES && at.vk != VK_STRING && at.vk != VK_NONE &&
	    at.vk != VK_IPV4 && at.vk != VK_IPV6)) {
		fail(s, n->a->pos, n->a->len, "\"%.*s\" is a %s and cannot be sliced into a "
		    "sequence of bytes.", span_len(n->a), s->text + n->a->pos, pretty_name(at.ft));
		dfl_xnode_free(a);
		return NULL;
	}
	x = xnew(X_SLICE);
	x->a = a;
	x->vk = VK_BYTES;
	if (!parse_ranges(s, n, x)) {
		dfl_xnode_free(x);
		return NULL;
	}
	t->vk = VK_BYTES;
	t->ft = FT_BYTES;
	return x;
}

/* The operands of a negation or an arithmetic node (a literal takes the other side's
 * type) into x->a, x->b and their types; 0 on failure. */
static int arith_operands(struct sema *s, const struct anode *n, struct xnode *x,
    struct vtype *lt, struct vtype *rt)
{
	const struct anode *la = n->a, *ra = n->kind == A_ARITH ? n->b : NULL;
	int llit = is_literal(la, NULL), rlit = ra ? is_literal(ra, NULL) : 0;

	if (n->kind == A_NEG && llit) {
		fail(s, n->pos, n->len, "Constant expression is invalid: %.*s", span_len(n),
		    s->text + n->pos);
		return 0;
	}
	if (llit && rlit) {
		fail(s, n->pos, n->len, "Constant arithmetic expression is invalid: %.*s",
		    span_len(n), s->text + n->pos);
		return 0;
	}
	if (llit) {
		x->b = compile_value(s, ra, rt);
		if (!x->b)
			return 0;
		x->a = const_node(s, la, rt);
		*lt = *rt;
	} else {
		x->a = compile_value(s, la, lt);
		if (!x->a)
			return 0;
		if (ra) {
			if (rlit) {
				x->b = const_node(s, ra, lt);
				*rt = *lt;
			} else
				x->b = compile_value(s, ra, rt);
		}
	}
	return !s->failed && x->a && (!ra || x->b);
}

static struct xnode *compile_arith(struct sema *s, const struct anode *n, struct vtype *t)
{
	struct vtype lt, rt;
	const struct anode *la = n->a, *ra = n->kind == A_ARITH ? n->b : NULL;
	struct xnode *x = xnew(n->kind == A_NEG ? X_NEG : X_ARITH);

	x->sub = n->sub;
	memset(&rt, 0, sizeof(rt));
	if (!arith_operands(s, n, x, &lt, &rt)) {
		dfl_xnode_free(x);
		return NULL;
	}
	if (n->sub == '&' && ra && bytes_like(lt.vk) && bytes_like(rt.vk)) {
		x->vk = VK_BYTES;
		*t = lt;
		t->vk = VK_BYTES;
		t->ft = FT_BYTES;
		t->f = NULL;
		return x;
	}
	if (!numeric(lt.vk) || (ra && !numeric(rt.vk)) ||
	    (n->sub == '&' && (lt.vk == VK_DOUBLE || lt.vk == VK_RELTIME))) {
		int left = !numeric(lt.vk) || !ra;
		const struct anode *bad = left ? la : ra;
		fail(s, bad->pos, bad->len, "%.*s (type=%s) cannot participate in arithmetic.",
		    span_len(bad), s->text + bad->pos, pretty_name(left ? lt.ft : rt.ft));
		dfl_xnode_free(x);
		return NULL;
	}
	if (ra && (lt.vk == VK_DOUBLE) != (rt.vk == VK_DOUBLE)) {
		fail(s, ra->pos, ra->len, "%.*s and %.*s are not of compatible types.",
		    span_len(la), s->text + la->pos, span_len(ra), s->text + ra->pos);
		dfl_xnode_free(x);
		return NULL;
	}
	x->vk = lt.vk == VK_INT || (ra && rt.vk == VK_INT) || n->kind == A_NEG || n->sub == '-' ?
	    VK_INT : lt.vk;
	if (lt.vk == VK_RELTIME || lt.vk == VK_DOUBLE)
		x->vk = lt.vk;
	*t = lt;
	t->vk = x->vk;
	t->f = NULL;
	if (x->vk == VK_INT && lt.vk == VK_UINT)
		t->ft = FT_INT64;
	return x;
}

static struct xnode *compile_value(struct sema *s, const struct anode *n, struct vtype *t)
{
	const struct field_def *f = NULL;

	if (s->failed)
		return NULL;
	memset(t, 0, sizeof(*t));
	switch (n->kind) {
	case A_FIELD:
		if (is_literal(n, &f) || !f) {
			not_a_field(s, n);
			return NULL;
		}
		return field_node(s, n, f, t);
	case A_REF:
		return compile_ref(s, n, t);
	case A_SLICE:
		return compile_slice(s, n, t);
	case A_FUNC:
		return compile_func(s, n, t);
	case A_NEG:
	case A_ARITH:
		return compile_arith(s, n, t);
	default:
		fail(s, n->pos, n->len, "%.*s is not a valid value here.", span_len(n), s->text + n->pos);
		return NULL;
	}
}

/* ---- relations ---- */

static int family(enum vkind k)
{
	switch (k) {
	case VK_UINT: case VK_INT: return 1;
	case VK_BYTES: case VK_NONE: return 2;
	default: return 10 + (int)k;
	}
}

static int compatible(const struct vtype *a, const struct vtype *b)
{
	if (family(a->vk) == family(b->vk))
		return 1;
	/* slices compare with strings' bytes */
	return (a->vk == VK_STRING && b->vk == VK_BYTES && b->ft == FT_BYTES && !b->f) ||
	    (b->vk == VK_STRING && a->vk == VK_BYTES && a->ft == FT_BYTES && !a->f);
}

static struct xnode *compile_test(struct sema *s, const struct anode *n);

static struct xnode *compile_matches(struct sema *s, const struct anode *n, struct xnode *l,
    const struct vtype *lt)
{
	const struct anode *r = n->b;
	struct xnode *x;
	int errcode;
	PCRE2_SIZE erroff;
	const char *pat;
	size_t plen;

	if (r->kind != A_STRING && !(r->kind == A_FIELD && is_literal(r, NULL))) {
		fail(s, r->pos, r->len, "Matches requires a double quoted string on the right side.");
		dfl_xnode_free(l);
		return NULL;
	}
	pat = r->str;
	plen = r->kind == A_STRING ? r->slen : strlen(r->str);
	x = xnew(X_MATCHES);
	x->a = l;
	x->re = pcre2_compile((PCRE2_SPTR)pat, plen, PCRE2_NEVER_UTF | PCRE2_CASELESS, &errcode, &erroff, NULL);
	if (!x->re) {
		char msg[160];
		pcre2_get_error_message(errcode, (PCRE2_UCHAR *)msg, sizeof(msg));
		fail(s, r->pos, r->len, "Regex compilation error: %s.", msg);
		dfl_xnode_free(x);
		return NULL;
	}
	x->md = pcre2_match_data_create_from_pattern(x->re, NULL);
	(void)lt;
	return x;
}

static struct xnode *compile_cmp(struct sema *s, const struct anode *n)
{
	const struct anode *la = n->a, *ra = n->b;
	int op = n->sub, opos = (int)(n->num >> 16), olen = (int)(n->num & 0xffff);
	struct vtype lt, rt;
	struct xnode *l, *r, *x;
	const struct field_def *f = NULL;

	if (is_literal(la, &f)) {
		if (la->kind == A_FIELD && !is_literal(ra, NULL))
			not_a_field(s, la);
		else if (la->kind == A_FIELD && strchr(la->str, '.') && !isdigit((unsigned char)la->str[0]))
			not_a_field(s, la);
		else
			fail(s, la->pos, la->len, "Left side of \"%s\" expression must be a field or "
			    "function, not %.*s.", dfl_op_name(op), span_len(la), s->text + la->pos);
		return NULL;
	}
	l = compile_value(s, la, &lt);
	if (!l)
		return NULL;
	if (op == OP_CONTAINS || op == OP_MATCHES) {
		if (lt.vk != VK_BYTES && lt.vk != VK_STRING && lt.vk != VK_NONE) {
			fail(s, la->pos, la->len, "%.*s (type=%s) cannot participate in %s comparison.",
			    span_len(la), s->text + la->pos, pretty_name(lt.ft), dfl_op_name(op));
			dfl_xnode_free(l);
			return NULL;
		}
		if (op == OP_MATCHES)
			return compile_matches(s, n, l, &lt);
	}
	if (lt.vk == VK_NONE && op != OP_CONTAINS && (!l->f || l->f->type == FT_NONE) && l->kind == X_FIELD) {
		/* FT_NONE fields only exist; 4.0 refuses comparing them. */
		fail(s, la->pos, la->len, "%.*s (type=%s) cannot participate in %s comparison.",
		    span_len(la), s->text + la->pos, pretty_name(lt.ft), dfl_op_name(op));
		dfl_xnode_free(l);
		return NULL;
	}
	if (is_literal(ra, NULL)) {
		struct vtype ct = lt;
		if (op == OP_CONTAINS && lt.ft == FT_ETHER)
			ct.ft = FT_BYTES;	/* a part of an address */
		r = const_node(s, ra, &ct);
	} else {
		r = compile_value(s, ra, &rt);
		if (r && !compatible(&lt, &rt)) {
			if ((lt.vk == VK_BYTES || lt.vk == VK_NONE) && rt.f && ra->kind == A_FIELD)
				fail(s, ra->pos, ra->len, "\"%.*s\" is a %s and cannot be converted into a "
				    "sequence of bytes.", span_len(ra), s->text + ra->pos, pretty_name(rt.ft));
			else
				fail(s, ra->pos, ra->len, "%.*s and %.*s are not of compatible types.",
				    span_len(la), s->text + la->pos, span_len(ra), s->text + ra->pos);
		}
	}
	if (!r || s->failed) {
		dfl_xnode_free(l);
		dfl_xnode_free(r);
		return NULL;
	}
	(void)opos;
	(void)olen;
	x = xnew(X_CMP);
	x->a = l;
	x->b = r;
	x->sub = op;
	if (op == OP_NE)
		x->all = n->quant != 1;
	else if (op == OP_ANY_NE)
		x->sub = OP_NE;
	else if (op == OP_ALL_EQ) {
		x->sub = OP_EQ;
		x->all = 1;
	} else
		x->all = n->quant == 2;
	if (op == OP_NE && n->quant == 1)
		x->all = 0;
	return x;
}

static struct xnode *compile_in(struct sema *s, const struct anode *n)
{
	const struct anode *la = n->a;
	struct vtype lt;
	struct xnode *l, *x;
	int k = 0;
	uint8_t **owned;

	if (is_literal(la, NULL)) {
		if (la->kind == A_FIELD && strchr(la->str, '.') && !isdigit((unsigned char)la->str[0]))
			not_a_field(s, la);
		else
			fail(s, la->pos, la->len, "Left side of \"in\" expression must be a field or "
			    "function, not %.*s.", span_len(la), s->text + la->pos);
		return NULL;
	}
	l = compile_value(s, la, &lt);
	if (!l)
		return NULL;
	x = xnew(X_IN);
	x->a = l;
	for (const struct anode *e = n->b; e; e = e->next)
		k++;
	x->consts = xcalloc((size_t)k * 2, sizeof(*x->consts));
	owned = xcalloc((size_t)k * 2, sizeof(*owned));
	for (const struct anode *e = n->b; e && !s->failed; e = e->next) {
		struct val *lo = &x->consts[2 * x->nconsts], *hi = lo + 1;
		if (!is_literal(e->a, NULL) || (e->b && !is_literal(e->b, NULL))) {
			const struct anode *bad = !is_literal(e->a, NULL) ? e->a : e->b;
			fail(s, bad->pos, bad->len, "Only literal values are supported in a set (%.*s).",
			    span_len(bad), s->text + bad->pos);
			break;
		}
		if (!convert(s, e->a, &lt, lo, &owned[2 * x->nconsts]))
			break;
		if (e->b) {
			if (lt.vk == VK_BYTES || lt.vk == VK_STRING || lt.vk == VK_NONE) {
				fail(s, e->pos, e->len, "A range in a set needs ordered values (%.*s).",
				    span_len(e), s->text + e->pos);
				break;
			}
			if (!convert(s, e->b, &lt, hi, &owned[2 * x->nconsts + 1]))
				break;
			lo->never |= 2;	/* marks a range: lo..hi */
		} else
			*hi = *lo;
		x->nconsts++;
	}
	/* Constants' bytes are owned by one block: copy them together. */
	{
		size_t total = 0, at = 0;
		for (int i = 0; i < 2 * k; i++)
			if (owned[i])
				total += x->consts[i].kind == VK_IPV4 ? 4 : x->consts[i].kind == VK_IPV6 ? 16 :
				    x->consts[i].b.n;
		x->owned = xmalloc(total + 1);
		for (int i = 0; i < 2 * k; i++) {
			size_t len;
			if (!owned[i])
				continue;
			len = x->consts[i].kind == VK_IPV4 ? 4 : x->consts[i].kind == VK_IPV6 ? 16 :
			    x->consts[i].b.n;
			memcpy(x->owned + at, owned[i], len);
			if (x->consts[i].addr)
				x->consts[i].addr = x->owned + at;
			if (x->consts[i].kind != VK_IPV4)
				x->consts[i].b.p = x->owned + at;
			at += len;
			free(owned[i]);
		}
		free(owned);
	}
	if (s->failed) {
		dfl_xnode_free(x);
		return NULL;
	}
	return x;
}

static struct xnode *compile_test(struct sema *s, const struct anode *n)
{
	struct xnode *x;
	const struct field_def *f = NULL;
	struct vtype t;

	if (s->failed)
		return NULL;
	switch (n->kind) {
	case A_OR:
	case A_AND:
		x = xnew(n->kind == A_OR ? X_OR : X_AND);
		x->a = compile_test(s, n->a);
		x->b = x->a ? compile_test(s, n->b) : NULL;
		if (!x->a || !x->b) {
			dfl_xnode_free(x);
			return NULL;
		}
		return x;
	case A_NOT:
		x = xnew(X_NOT);
		x->a = compile_test(s, n->a);
		if (!x->a) {
			dfl_xnode_free(x);
			return NULL;
		}
		return x;
	case A_CMP:
		return compile_cmp(s, n);
	case A_IN:
		return compile_in(s, n);
	case A_TEST:
		n = n->a;
		if (n->kind == A_FIELD) {
			if (is_literal(n, &f) || !f) {
				not_a_field(s, n);
				return NULL;
			}
			x = xnew(X_EXISTS);
			x->a = field_node(s, n, f, &t);
			if (!x->a) {
				dfl_xnode_free(x);
				return NULL;
			}
			return x;
		}
		if (n->kind == A_FUNC) {
			fail(s, n->pos, n->len, "You cannot test whether a function is present.");
			return NULL;
		}
		if (n->kind == A_STRING || n->kind == A_CHAR || n->kind == A_LITERAL ||
		    (n->kind == A_NEG && is_literal(n, NULL))) {
			fail(s, n->pos, n->len, "%.*s is neither a field nor a protocol name.",
			    span_len(n), s->text + n->pos);
			return NULL;
		}
		x = xnew(X_NONZERO);
		x->a = compile_value(s, n, &t);
		if (!x->a) {
			dfl_xnode_free(x);
			return NULL;
		}
		return x;
	default:
		fail(s, n->pos, n->len, "%.*s is not a test.", span_len(n), s->text + n->pos);
		return NULL;
	}
}

struct xnode *dfl_compile_ast(const char *text, const struct anode *ast, struct dfilter *df,
    struct dfilter_error *err)
{
	struct sema s = { text, df, err, 0 };
	struct xnode *x = compile_test(&s, ast);

	if (s.failed) {
		dfl_xnode_free(x);
		return NULL;
	}
	return x;
}

/* ---- canonical dump (tests: aliases compile to the same text) ---- */

struct out {
	char *buf;
	size_t n, at;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(o->at < o->n ? o->buf + o->at : NULL, o->at < o->n ? o->n - o->at : 0, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->at += (size_t)k;
}

static void dump_val(struct out *o, const struct val *v)
{
	char a[64];

	if (v->never) {
		if (v->never & 1) {
			put(o, "never");
			return;
		}
	}
	switch (v->kind) {
	case VK_UINT: put(o, "%llu", (unsigned long long)v->u); break;
	case VK_INT: case VK_ABSTIME: case VK_RELTIME: put(o, "%lld", (long long)v->i); break;
	case VK_DOUBLE: put(o, "%g", v->d); break;
	case VK_IPV4:
		inet_ntop(AF_INET, v->addr, a, sizeof(a));
		put(o, "%s/%u", a, v->prefix);
		break;
	case VK_IPV6:
		inet_ntop(AF_INET6, v->addr, a, sizeof(a));
		put(o, "%s/%u", a, v->prefix);
		break;
	default:
		put(o, "b\"");
		for (uint32_t i = 0; i < v->b.n; i++)
			put(o, "%02x", v->b.p[i]);
		put(o, "\"");
	}
}

static void dump(struct out *o, const struct xnode *x)
{
	static const char *const fnames[] = { "len", "count", "lower", "upper", "string", "max",
		"min", "abs" };

	switch (x->kind) {
	case X_OR: case X_AND:
		put(o, "(%s ", x->kind == X_OR ? "or" : "and");
		dump(o, x->a);
		put(o, " ");
		dump(o, x->b);
		put(o, ")");
		break;
	case X_NOT: put(o, "(not "); dump(o, x->a); put(o, ")"); break;
	case X_TRUE: put(o, "true"); break;
	case X_EXISTS: put(o, "(exists "); dump(o, x->a); put(o, ")"); break;
	case X_NONZERO: put(o, "(nonzero "); dump(o, x->a); put(o, ")"); break;
	case X_CMP:
		put(o, "(%s%s ", x->all ? "all " : "", dfl_op_name(x->sub));
		dump(o, x->a);
		put(o, " ");
		dump(o, x->b);
		put(o, ")");
		break;
	case X_IN:
		put(o, "(in ");
		dump(o, x->a);
		for (int i = 0; i < x->nconsts; i++) {
			put(o, " ");
			dump_val(o, &x->consts[2 * i]);
			if (x->consts[2 * i].never & 2) {
				put(o, "..");
				dump_val(o, &x->consts[2 * i + 1]);
			}
		}
		put(o, ")");
		break;
	case X_MATCHES: put(o, "(matches "); dump(o, x->a); put(o, " re)"); break;
	case X_FIELD:
		put(o, "%s", x->f->abbrev);
		if (x->layer)
			put(o, "#%d", x->layer);
		break;
	case X_REF: put(o, "${%s}", x->f->abbrev); break;
	case X_CONST: dump_val(o, &x->consts[0]); break;
	case X_SLICE:
		dump(o, x->a);
		put(o, "[");
		for (int i = 0; i < x->nranges; i++)
			put(o, "%s%d:%d", i ? "," : "", x->ranges[i].start, x->ranges[i].len);
		put(o, "]");
		break;
	case X_ARITH:
		put(o, "(%c ", x->sub);
		dump(o, x->a);
		put(o, " ");
		dump(o, x->b);
		put(o, ")");
		break;
	case X_NEG: put(o, "(neg "); dump(o, x->a); put(o, ")"); break;
	case X_FUNC:
		put(o, "%s(", fnames[x->sub]);
		for (int i = 0; i < x->nargs; i++) {
			if (i)
				put(o, ", ");
			dump(o, x->args[i]);
		}
		put(o, ")");
		break;
	}
}

size_t dfl_xnode_dump(const struct xnode *x, char *buf, size_t n)
{
	struct out o = { buf, n, 0 };

	if (n)
		buf[0] = '\0';
	if (x)
		dump(&o, x);
	return o.at;
}
