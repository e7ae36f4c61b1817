/* http_parse.c — HTTP/1.x message syntax on plain byte ranges (no packet, no tree).
 *
 * Line ends, first-line classification and tokens, Content-Length, the framing scan
 * reassembly needs and chunked-body lengths, as Wireshark 4.0 reads them.  http.c's
 * dissector, the unit tests and the fuzz harness are built on these (http.h).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/hexdigit.h"
#include "dissect/http.h"

/* Methods Wireshark 4.0 recognises (is_http_request_or_reply), case-sensitive. */
static const char *const methods[] = {
	"GET", "PUT", "ACL", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE",
	"MKCOL", "TRACE", "PATCH", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT",
	"UPDATE", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "VERSION", "PROPFIND", "CHECKOUT",
	"CCM_POST", "M-SEARCH", "SUBSCRIBE", "PROPPATCH", "BPROPPATCH", "UNCHECKOUT",
	"MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "RPC_IN_DATA", "RPC_OUT_DATA",
	"VERSION-CONTROL", "BASELINE-CONTROL", "MKCALENDAR", "ORDERPATCH", "BIND", "REBIND",
	"UNBIND",
};
static const char *const notify_methods[] = { "NOTIFY" };
#define METHOD_MAX 16		/* strlen("BASELINE-CONTROL"), the longest */

long http_line_end(const uint8_t *p, size_t n, int need_eol, size_t *next)
{
	const uint8_t *nl = memchr(p, '\n', n);
	size_t lim = nl ? (size_t)(nl - p) : n;
	const uint8_t *cr = memchr(p, '\r', lim);	/* a CR before the LF ends the line first */

	if (cr) {
		size_t i = (size_t)(cr - p);
		if (i + 1 < n) {
			*next = i + (p[i + 1] == '\n' ? 2 : 1);
			return (long)i;
		}
		if (need_eol)
			return -1;
		*next = i + 1;
		return (long)i;
	}
	if (nl) {
		*next = lim + 1;
		return (long)lim;
	}
	if (need_eol)
		return -1;
	*next = n;
	return (long)n;
}

static int in_list(const uint8_t *p, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (n && list[i][0] == p[0] && strlen(list[i]) == n && memcmp(p, list[i], n) == 0)
			return 1;
	return 0;
}

enum http_kind http_classify(const uint8_t *line, size_t len, size_t *method_len)
{
	size_t i = 0;

	*method_len = 0;
	if (len >= 5 && memcmp(line, "HTTP/", 5) == 0)
		return HTTP_RESPONSE;
	/* no method is longer than METHOD_MAX: a body segment is not scanned for a space */
	while (i < len && i <= METHOD_MAX && line[i] != ' ')
		i++;
	*method_len = i;
	if (in_list(line, i, methods, sizeof(methods) / sizeof(methods[0])))
		return HTTP_REQUEST;
	if (in_list(line, i, notify_methods, 1))
		return HTTP_NOTIFICATION;
	return HTTP_OTHER;
}

/* Wireshark's get_token_len: a token ends at a space; the next one starts after the
 * spaces that follow. */
static size_t token(const uint8_t *p, size_t at, size_t end, size_t *next)
{
	size_t i = at;

	while (i < end && p[i] != ' ')
		i++;
	*next = i;
	while (*next < end && p[*next] == ' ')
		(*next)++;
	return i - at;
}

void http_split_first(const uint8_t *line, size_t len, struct http_first *fl)
{
	size_t next, at;

	memset(fl, 0, sizeof(*fl));
	fl->code = -1;
	fl->kind = http_classify(line, len, &next);
	if (fl->kind == HTTP_OTHER)
		return;
	fl->tok1_len = token(line, 0, len, &next);
	at = next;
	if (fl->kind != HTTP_RESPONSE) {
		/* two spaces: an empty URI */
		if (at >= 2 && at - fl->tok1_len == 2 && line[at - 1] == ' ' && line[at - 2] == ' ')
			at--;
		fl->tok2_off = at;
		fl->tok2_len = token(line, at, len, &next);
		fl->rest_off = next;
		fl->rest_len = len - next;
		return;
	}
	fl->tok2_off = at;
	fl->tok2_len = token(line, at, len, &next);
	if (fl->tok2_len >= 3) {
		fl->code = 0;
		for (int k = 0; k < 3; k++) {
			uint8_t c = line[at + (size_t)k];
			fl->code = fl->code * 10 + (c >= '0' && c <= '9' ? c - '0' : 0);
		}
		fl->tok2_len = 3;
	} else {
		fl->tok2_len = 0;
		return;
	}
	fl->rest_off = next;
	fl->rest_len = len - next;
}

int http_casepfx(const uint8_t *p, size_t n, const char *s)
{
	size_t k = strlen(s);

	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		uint8_t c = p[i];
		if (c >= 'A' && c <= 'Z')
			c = (uint8_t)(c - 'A' + 'a');
		if (c != (uint8_t)s[i])
			return 0;
	}
	return 1;
}

int http_caseeq(const uint8_t *p, size_t n, const char *s)
{
	return n == strlen(s) && http_casepfx(p, n, s);
}

int http_parse_cl(const uint8_t *p, size_t n, int64_t *v)
{
	size_t i = 0;
	uint64_t x = 0;
	int neg = 0, digits = 0;

	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i < n && (p[i] == '+' || p[i] == '-'))
		neg = p[i++] == '-';
	for (; i < n && p[i] >= '0' && p[i] <= '9'; i++, digits++) {
		if (x > (uint64_t)INT64_MAX / 10)
			return 0;
		x = x * 10 + (uint64_t)(p[i] - '0');
		if (x > (uint64_t)INT64_MAX)
			return 0;
	}
	if (!digits || neg)
		return 0;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i != n)
		return 0;
	*v = (int64_t)x;
	return 1;
}

/* Like sscanf("%" SCNd64): leading white space, sign, digits; trailing junk ignored. */
static int scan_cl(const uint8_t *p, size_t n, int64_t *v)
{
	size_t i = 0;
	uint64_t x = 0;
	int neg = 0, digits = 0;

	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i < n && (p[i] == '+' || p[i] == '-'))
		neg = p[i++] == '-';
	for (; i < n && p[i] >= '0' && p[i] <= '9'; i++, digits++) {
		if (x > ((uint64_t)INT64_MAX - 9) / 10)
			return 0;
		x = x * 10 + (uint64_t)(p[i] - '0');
	}
	if (!digits)
		return 0;
	*v = neg ? -(int64_t)x : (int64_t)x;
	return 1;
}

int http_scan_framing(const uint8_t *p, size_t n, struct http_framing *fr)
{
	size_t at = 0, next;
	int first = 1;

	memset(fr, 0, sizeof(*fr));
	for (;;) {
		long ll;
		if (at >= n)
			return 0;
		ll = http_line_end(p + at, n - at, 1, &next);
		if (ll < 0)
			return 0;
		if (ll == 0 && !first) {
			fr->headers_complete = 1;
			fr->header_len = at + next;
			return 1;
		}
		if (!first) {
			const uint8_t *l = p + at;
			size_t len = (size_t)ll;
			if (http_casepfx(l, len, "content-length:")) {
				int64_t v;
				if (scan_cl(l + 15, len - 15, &v)) {
					fr->have_cl = 1;
					fr->cl = v;
				}
			} else if (http_casepfx(l, len, "content-type:"))
				fr->have_ctype = 1;
			else if (http_casepfx(l, len, "connection:")) {
				for (size_t i = 11; i + 10 <= len; i++)
					if (http_casepfx(l + i, len - i, "keep-alive"))
						fr->keepalive = 1;
			} else if (http_casepfx(l, len, "transfer-encoding:")) {
				size_t i = 18;
				while (i < len && (l[i] == ' ' || l[i] == '\t'))
					i++;
				if (http_casepfx(l + i, len - i, "chunked"))
					fr->chunked = 1;
			}
		}
		first = 0;
		at += next;
	}
}

/* Chunk size as ws_hexstrtou32 reads it: -1 when not a number or over 32 bits. */
int64_t http_chunk_size(const uint8_t *l, size_t len)
{
	size_t i = 0;
	uint64_t v = 0;
	int digits = 0;

	while (i < len && (l[i] == ' ' || l[i] == '\t'))
		i++;
	for (; i < len && hexdigit_value(l[i]) >= 0; i++, digits++) {
		v = v * 16 + (uint64_t)hexdigit_value(l[i]);
		if (v > 0xffffffffu)
			return -1;
	}
	if (!digits)
		return -1;
	return (int64_t)v;
}

int64_t http_chunked_len(const uint8_t *p, size_t n)
{
	size_t at = 0, next;

	for (int guard = 0; guard < 1000000; guard++) {
		long ll;
		int64_t sz;
		if (at >= n)
			return -1;
		ll = http_line_end(p + at, n - at, 1, &next);
		if (ll < 0)
			return -1;
		sz = http_chunk_size(p + at, (size_t)ll);
		if (sz < 0)
			return -2;
		at += next;
		if (sz == 0) {
			/* trailers up to an empty line */
			for (;;) {
				if (at >= n)
					return -1;
				ll = http_line_end(p + at, n - at, 1, &next);
				if (ll < 0)
					return -1;
				at += next;
				if (ll == 0)
					return (int64_t)at;
			}
		}
		if ((uint64_t)sz + 2 > n - at)
			return -1;
		at += (size_t)sz + 2;
	}
	return -2;
}
