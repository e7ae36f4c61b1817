/* httpreq.c — HTTP/1.x request head parser (RFC 9112 sections 2-5); see httpreq.h.
 *
 *   request-line = method SP request-target SP HTTP-version CRLF
 *   field-line   = field-name ":" OWS field-value OWS CRLF
 *   head         = request-line *( field-line ) CRLF
 *
 * Strict where leniency is an attack surface (obs-fold, whitespace before ':', bare CR,
 * duplicate Host or conflicting Content-Length are rejected, as RFC 9112 allows), lenient
 * where browsers and tools differ harmlessly (bare LF line ends, leading empty lines).
 */
#include "config.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/hexdigit.h"
#include "server/httpreq.h"

/* RFC 9110 tchar */
static int is_tchar(unsigned char c)
{
	static const char extra[] = "!#$%&'*+-.^_`|~";

	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c && strchr(extra, c));
}

static long reject(struct httpreq *r, int status, const char *why)
{
	r->status = status;
	r->why = why;
	return -1;
}

/* Finds the end of the line starting at p: returns the index of its LF in buf, or -1.
 * *eol is the content length (without CR LF).  A CR not followed by LF is an error (-2). */
static long line_end(const char *buf, size_t len, size_t p, size_t *eol)
{
	const char *lf = memchr(buf + p, '\n', len - p);
	size_t e;

	if (!lf)
		return -1;
	e = (size_t)(lf - buf);
	*eol = e > p && buf[e - 1] == '\r' ? e - 1 - p : e - p;
	if (memchr(buf + p, '\r', *eol))
		return -2;
	return (long)e;
}

/* Percent-decodes (once) and normalises the path part of an origin-form target into
 * out (size outsz >= n + 2).  Returns 0, or the status to reject with (400). */
static int httpreq_path(const char *t, size_t n, char *out, size_t outsz, size_t *outlen)
{
	size_t o = 0;

	if (n == 0 || t[0] != '/' || outsz < n + 2)
		return 400;
	/* Decode once; a decoded '/' separates segments like a literal one (the check on
	 * ".." happens after decoding, so %2e%2e and %2f cannot sneak past it). */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c == '%') {
			int hi, lo;
			if (i + 2 >= n)
				return 400;
			hi = hexdigit_value((unsigned char)t[i + 1]);
			lo = hexdigit_value((unsigned char)t[i + 2]);
			if (hi < 0 || lo < 0)
				return 400;
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
		}
		if (c < 0x20 || c == 0x7f)
			return 400;
		out[o++] = (char)c;
	}
	out[o] = '\0';

	/* Normalise in place: segments are copied to w; "." is dropped, ".." removes the
	 * previous segment and is an error at the root. */
	{
		size_t r = 0, w = 0, len = o;
		int dir = out[len - 1] == '/' ||
		    (len >= 2 && out[len - 1] == '.' && out[len - 2] == '/') ||
		    (len >= 3 && out[len - 1] == '.' && out[len - 2] == '.' && out[len - 3] == '/');

		while (r < len) {
			size_t s, k;

			while (r < len && out[r] == '/')
				r++;
			s = r;
			while (r < len && out[r] != '/')
				r++;
			k = r - s;
			if (k == 0)
				break;
			if (k == 1 && out[s] == '.')
				continue;
			if (k == 2 && out[s] == '.' && out[s + 1] == '.') {
				if (w == 0)
					return 400;
				while (w > 0 && out[w - 1] != '/')
					w--;
				w--;		/* the '/' before the removed segment */
				continue;
			}
			out[w++] = '/';
			memmove(out + w, out + s, k);
			w += k;
		}
		/* keep a trailing slash (a directory), and "/" for the root */
		if (w == 0 || dir)
			out[w++] = '/';
		out[w] = '\0';
		*outlen = w;
	}
	return 0;
}

int httpreq_list_next(struct httpreq_str list, size_t *i, struct httpreq_str *item)
{
	size_t s, e;

	if (*i >= list.n)
		return 0;
	while (*i < list.n && (list.p[*i] == ',' || list.p[*i] == ' ' || list.p[*i] == '\t'))
		(*i)++;
	s = *i;
	while (*i < list.n && list.p[*i] != ',')
		(*i)++;
	e = *i;
	while (e > s && (list.p[e - 1] == ' ' || list.p[e - 1] == '\t'))
		e--;
	item->p = list.p + s;
	item->n = e - s;
	return 1;
}

int httpreq_has_token(struct httpreq_str list, const char *tok)
{
	size_t tl = strlen(tok), i = 0;
	struct httpreq_str it;

	while (httpreq_list_next(list, &i, &it))
		if (it.n == tl && strncasecmp(it.p, tok, tl) == 0)
			return 1;
	return 0;
}

/* ---------------------------------------------------------------- HTTP-date */

static const char *const wday_short[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const wday_long[7] = { "Sunday", "Monday", "Tuesday", "Wednesday",
	"Thursday", "Friday", "Saturday" };
static const char *const month_name[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
	"Aug", "Sep", "Oct", "Nov", "Dec" };

/* The three forms of RFC 9110 5.6.7.  Codes: w short day name, W long day name, b month
 * name, d 2DIGIT day, e asctime day (SP DIGIT or 2DIGIT), Y 4DIGIT year, y 2DIGIT year,
 * h m s 2DIGIT hour, minute, second; any other character must appear as is. */
static const char *const date_forms[] = {
	"w, d b Y h:m:s GMT",		/* IMF-fixdate */
	"W, d-b-y h:m:s GMT",		/* rfc850-date (obsolete) */
	"w b e h:m:s Y",		/* asctime-date (obsolete) */
};

struct date_parts {
	int day, mon, year, year2, hour, min, sec;
};

/* Matches one of names at s[*i..n); returns its index or -1. */
static int date_name(const char *s, size_t n, size_t *i, const char *const *names, int count)
{
	for (int k = 0; k < count; k++) {
		size_t l = strlen(names[k]);
		if (n - *i >= l && memcmp(s + *i, names[k], l) == 0) {
			*i += l;
			return k;
		}
	}
	return -1;
}

/* k decimal digits at s[*i..n), or -1. */
static int date_num(const char *s, size_t n, size_t *i, int k)
{
	int v = 0;

	if (n - *i < (size_t)k)
		return -1;
	for (int j = 0; j < k; j++) {
		char ch = s[*i + (size_t)j];
		if (ch < '0' || ch > '9')
			return -1;
		v = v * 10 + (ch - '0');
	}
	*i += (size_t)k;
	return v;
}

/* Does s[0..n) match the form exactly?  Fills p (year2 = -1 unless a 2-digit year). */
static int date_match(const char *form, const char *s, size_t n, struct date_parts *p)
{
	size_t i = 0;

	p->year2 = -1;
	for (; *form; form++) {
		int v = 0;

		switch (*form) {
		case 'w': v = date_name(s, n, &i, wday_short, 7); break;
		case 'W': v = date_name(s, n, &i, wday_long, 7); break;
		case 'b': v = p->mon = date_name(s, n, &i, month_name, 12); break;
		case 'd': v = p->day = date_num(s, n, &i, 2); break;
		case 'e':
			if (i < n && s[i] == ' ') {
				i++;
				v = p->day = date_num(s, n, &i, 1);
			} else
				v = p->day = date_num(s, n, &i, 2);
			break;
		case 'Y': v = p->year = date_num(s, n, &i, 4); break;
		case 'y': v = p->year2 = date_num(s, n, &i, 2); break;
		case 'h': v = p->hour = date_num(s, n, &i, 2); break;
		case 'm': v = p->min = date_num(s, n, &i, 2); break;
		case 's': v = p->sec = date_num(s, n, &i, 2); break;
		default:
			if (i >= n || s[i] != *form)
				return 0;
			i++;
		}
		if (v < 0)
			return 0;
	}
	return i == n;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian, m 1..12). */
static long long days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int httpreq_date(const char *s, size_t n, time_t now, time_t *t)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	struct date_parts p = { 0 };
	size_t f;
	int leap;

	for (f = 0; f < sizeof(date_forms) / sizeof(date_forms[0]); f++)
		if (date_match(date_forms[f], s, n, &p))
			break;
	if (f == sizeof(date_forms) / sizeof(date_forms[0]))
		return -1;
	if (p.year2 >= 0) {		/* RFC 9110 5.6.7: at most 50 years ahead */
		struct tm tm;
		int cy;

		gmtime_r(&now, &tm);
		cy = tm.tm_year + 1900;
		p.year = cy - cy % 100 + p.year2;
		if (p.year > cy + 50)
			p.year -= 100;
	}
	leap = (p.year % 4 == 0 && p.year % 100 != 0) || p.year % 400 == 0;
	if (p.day < 1 || p.day > mdays[p.mon] || (p.mon == 1 && p.day == 29 && !leap) ||
	    p.hour > 23 || p.min > 59 || p.sec > 60)
		return -1;
	*t = (time_t)(days_from_civil(p.year, p.mon + 1, p.day) * 86400 + p.hour * 3600 +
	    p.min * 60 + p.sec);
	return 0;
}

static const struct {
	const char *method;
	enum httpreq_method m;
} methods[] = {
	{ "GET", HTTPREQ_GET },
	{ "HEAD", HTTPREQ_HEAD },
};

enum fkind { F_STR, F_HOST, F_CONNECTION, F_CONTENT_LENGTH, F_TRANSFER_ENCODING };

static const struct {
	const char *name;
	enum fkind kind;
	size_t off;		/* of the struct httpreq_str that keeps the value */
} fields[] = {
	{ "host", F_HOST, offsetof(struct httpreq, host) },
	{ "connection", F_CONNECTION, 0 },
	{ "content-length", F_CONTENT_LENGTH, 0 },
	{ "transfer-encoding", F_TRANSFER_ENCODING, 0 },
	{ "if-modified-since", F_STR, offsetof(struct httpreq, if_modified_since) },
	{ "if-none-match", F_STR, offsetof(struct httpreq, if_none_match) },
	{ "range", F_STR, offsetof(struct httpreq, range) },
	{ "if-range", F_STR, offsetof(struct httpreq, if_range) },
	{ "upgrade", F_STR, offsetof(struct httpreq, upgrade) },
	{ "sec-websocket-key", F_STR, offsetof(struct httpreq, ws_key) },
	{ "sec-websocket-version", F_STR, offsetof(struct httpreq, ws_version) },
	{ "user-agent", F_STR, offsetof(struct httpreq, user_agent) },
};

static long field(struct httpreq *r, const char *name, size_t nl, struct httpreq_str v)
{
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strlen(fields[i].name) == nl && strncasecmp(fields[i].name, name, nl) == 0)
			break;
	if (i == sizeof(fields) / sizeof(fields[0]))
		return 0;
	switch (fields[i].kind) {
	case F_HOST:
		if (r->has_host)
			return reject(r, 400, "more than one Host field");
		r->has_host = 1;
		/* fall through */
	case F_STR:
		*(struct httpreq_str *)(void *)((char *)r + fields[i].off) = v;
		break;
	case F_CONNECTION:
		r->conn_close |= httpreq_has_token(v, "close");
		r->conn_keep_alive |= httpreq_has_token(v, "keep-alive");
		r->conn_upgrade |= httpreq_has_token(v, "upgrade");
		break;
	case F_TRANSFER_ENCODING:
		r->has_transfer_encoding = 1;
		break;
	case F_CONTENT_LENGTH: {
		uint64_t cl = 0;

		if (v.n == 0 || v.n > 18)
			return reject(r, 400, "invalid Content-Length");
		for (size_t k = 0; k < v.n; k++) {
			if (v.p[k] < '0' || v.p[k] > '9')
				return reject(r, 400, "invalid Content-Length");
			cl = cl * 10 + (uint64_t)(v.p[k] - '0');
		}
		if (r->has_content_length && cl != r->content_length)
			return reject(r, 400, "conflicting Content-Length fields");
		r->has_content_length = 1;
		r->content_length = cl;
		break;
	}
	}
	return 0;
}

static long request_line(struct httpreq *r, const char *l, size_t n)
{
	const char *sp1, *sp2, *v;
	size_t ml, tl;

	sp1 = memchr(l, ' ', n);
	if (!sp1 || sp1 == l)
		return reject(r, 400, "malformed request line");
	ml = (size_t)(sp1 - l);
	for (size_t i = 0; i < ml; i++)
		if (!is_tchar((unsigned char)l[i]))
			return reject(r, 400, "invalid method");
	sp2 = memchr(sp1 + 1, ' ', n - ml - 1);
	if (!sp2)
		return reject(r, 400, "no HTTP version in the request line");
	tl = (size_t)(sp2 - sp1 - 1);
	if (tl == 0)
		return reject(r, 400, "empty request target");
	v = sp2 + 1;
	if ((size_t)(l + n - v) != 8 || memcmp(v, "HTTP/", 5) != 0 || v[6] != '.' ||
	    v[5] < '0' || v[5] > '9' || v[7] < '0' || v[7] > '9')
		return reject(r, 400, "malformed HTTP version");
	if (v[5] != '1')
		return reject(r, 505, "HTTP version not supported");
	r->minor = v[7] == '0' ? 0 : 1;

	r->method_str = (struct httpreq_str){ l, ml };
	r->method = HTTPREQ_OTHER;
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strlen(methods[i].method) == ml && memcmp(methods[i].method, l, ml) == 0)
			r->method = methods[i].m;

	r->target = (struct httpreq_str){ sp1 + 1, tl };
	for (size_t i = 0; i < tl; i++) {
		unsigned char c = (unsigned char)r->target.p[i];
		if (c <= 0x20 || c == 0x7f)
			return reject(r, 400, "control character in the request target");
	}
	{
		const char *t = r->target.p, *q;
		size_t k = tl;

		/* absolute-form (RFC 9112 3.2.2): keep only the path */
		if (k > 7 && (strncasecmp(t, "http://", 7) == 0 || strncasecmp(t, "https://", 8) == 0)) {
			const char *a = memchr(t, '/', k);	/* first of the two slashes */
			const char *p = memchr(a + 2, '/', (size_t)(t + k - a - 2));
			if (!p) {
				t = "/";
				k = 1;
			} else {
				k -= (size_t)(p - t);
				t = p;
			}
		} else if (t[0] != '/') {
			return reject(r, 400, "request target is not a path");
		}
		q = memchr(t, '?', k);
		if (q)
			k = (size_t)(q - t);
		q = memchr(t, '#', k);
		if (q)
			k = (size_t)(q - t);
		if (k == 0)
			t = "/", k = 1;
		if (httpreq_path(t, k, r->path, sizeof(r->path), &r->path_len))
			return reject(r, 400, "invalid or escaping path");
	}
	return 0;
}

long httpreq_parse(const char *buf, size_t len, struct httpreq *r)
{
	size_t p = 0, eol, fields_start;
	long e;

	memset(r, 0, offsetof(struct httpreq, path));
	r->path[0] = '\0';
	r->path_len = 0;
	memset(&r->host, 0, sizeof(*r) - offsetof(struct httpreq, host));

	/* RFC 9112 2.2: ignore at least one empty line before the request line */
	for (int k = 0; k < 4 && p < len; k++) {
		if (buf[p] == '\n')
			p++;
		else if (buf[p] == '\r' && p + 1 < len && buf[p + 1] == '\n')
			p += 2;
		else
			break;
	}

	e = line_end(buf, len, p, &eol);
	if (e == -2)
		return reject(r, 400, "bare CR in the request line");
	if (e == -1)
		return len - p > HTTPREQ_LINE_MAX + 1 ? reject(r, 414, "request line too long") : 0;
	if (eol > HTTPREQ_LINE_MAX)
		return reject(r, 414, "request line too long");
	if (eol == 0)
		return reject(r, 400, "empty request line");

	fields_start = (size_t)e + 1;
	/* find the whole head first, so limits hold before any field is looked at */
	{
		size_t q = fields_start;

		for (;;) {
			e = line_end(buf, len, q, &eol);
			if (e == -2)
				return reject(r, 400, "bare CR in a header field");
			if (e == -1)
				return len - fields_start > HTTPREQ_FIELDS_MAX ?
				    reject(r, 431, "header fields too large") : 0;
			if ((size_t)e + 1 - fields_start > HTTPREQ_FIELDS_MAX)
				return reject(r, 431, "header fields too large");
			q = (size_t)e + 1;
			if (eol == 0)
				break;
		}
	}

	line_end(buf, len, p, &eol);	/* the request line's length again: checked above */
	if (request_line(r, buf + p, eol) < 0)
		return -1;

	for (p = fields_start;;) {
		const char *l, *colon;
		struct httpreq_str v;
		size_t nl;

		e = line_end(buf, len, p, &eol);
		l = buf + p;
		p = (size_t)e + 1;
		if (eol == 0)
			break;
		if (l[0] == ' ' || l[0] == '\t')
			return reject(r, 400, "obsolete line folding");
		colon = memchr(l, ':', eol);
		if (!colon || colon == l)
			return reject(r, 400, "malformed header field");
		nl = (size_t)(colon - l);
		for (size_t i = 0; i < nl; i++)
			if (!is_tchar((unsigned char)l[i]))
				return reject(r, 400, "invalid header field name");
		v.p = colon + 1;
		v.n = eol - nl - 1;
		while (v.n && (v.p[0] == ' ' || v.p[0] == '\t'))
			v.p++, v.n--;
		while (v.n && (v.p[v.n - 1] == ' ' || v.p[v.n - 1] == '\t'))
			v.n--;
		for (size_t i = 0; i < v.n; i++) {
			unsigned char c = (unsigned char)v.p[i];
			if ((c < 0x20 && c != '\t') || c == 0x7f)
				return reject(r, 400, "control character in a header field");
		}
		if (field(r, l, nl, v) < 0)
			return -1;
	}

	if (r->minor == 1 && !r->has_host)
		return reject(r, 400, "HTTP/1.1 request without Host");
	r->keep_alive = r->minor == 1 ? !r->conn_close : r->conn_keep_alive && !r->conn_close;
	return (long)p;
}
