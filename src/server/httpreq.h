/* httpreq.h — HTTP/1.x request head parser (RFC 9112), separate from any socket.
 *
 * The server hands it the bytes received so far on a connection; it either finds a
 * complete request head, asks for more bytes, or rejects the request with the status
 * the server must answer with.  Pure function of its input: unit-tested and fuzzed.
 */
#ifndef NETLAB_HTTPREQ_H
#define NETLAB_HTTPREQ_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define HTTPREQ_LINE_MAX 8192		/* request line, bytes without CRLF; beyond: 414 */
#define HTTPREQ_FIELDS_MAX 16384	/* header section after the request line; beyond: 431 */
#define HTTPREQ_HEAD_MAX (HTTPREQ_LINE_MAX + HTTPREQ_FIELDS_MAX + 8)

enum httpreq_method { HTTPREQ_OTHER, HTTPREQ_GET, HTTPREQ_HEAD };

/* A slice of the caller's buffer: valid while that buffer is unchanged. */
struct httpreq_str {
	const char *p;
	size_t n;
};

struct httpreq {
	int status;			/* on rejection: 400, 414, 431 or 505 */
	const char *why;		/* on rejection: a short reason for the log */

	enum httpreq_method method;
	struct httpreq_str method_str;
	struct httpreq_str target;	/* as sent (escape before display) */
	int minor;			/* HTTP/1.minor: 0 or 1 */

	/* Decoded once, normalised ("." and ".." resolved, "//" collapsed), always
	 * starting with '/', no query, NUL-terminated.  Never contains NUL or control
	 * characters, and never climbs above "/". */
	char path[HTTPREQ_LINE_MAX + 2];
	size_t path_len;

	struct httpreq_str host, if_modified_since, if_none_match, range, if_range;
	struct httpreq_str upgrade, ws_key, ws_version, user_agent;
	int has_host;
	int conn_close, conn_keep_alive, conn_upgrade;	/* Connection: tokens */
	int has_transfer_encoding;
	int has_content_length;
	uint64_t content_length;

	int keep_alive;			/* the connection may stay open after the response */
};

/* Parses the request head at the start of buf[0..len).  Returns the length of the head
 * (request line, fields and the empty line; leading empty lines included) when it is
 * complete and valid, 0 when more bytes are needed, and -1 when the request must be
 * rejected with r->status.  Lines may end in CRLF or a bare LF. */
long httpreq_parse(const char *buf, size_t len, struct httpreq *r);


/* Parses a whole HTTP-date (RFC 9110 5.6.7): the IMF-fixdate "Sun, 06 Nov 1994
 * 08:49:37 GMT", or the obsolete RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" and asctime
 * "Sun Nov  6 08:49:37 1994" forms, case-sensitive, nothing before or after.  A
 * two-digit RFC 850 year more than 50 years after now is taken from the previous
 * century.  Returns 0 with *t set, or -1 when s[0..n) is not an HTTP-date (a
 * condition with it is then ignored). */
int httpreq_date(const char *s, size_t n, time_t now, time_t *t);

/* The next item of a comma-separated list from *i (start at 0), trimmed of spaces
 * and tabs, into *item (pointing into list; may be empty); 0 when the list is done. */
int httpreq_list_next(struct httpreq_str list, size_t *i, struct httpreq_str *item);

/* Is tok one of the comma-separated, case-insensitive tokens in list? */
int httpreq_has_token(struct httpreq_str list, const char *tok);

#endif
