/* http.h — HTTP/1.x over TCP: entry points for tcp.c and the message parsers.
 *
 * The parsers (http_parse.c) work on plain byte ranges (no packet needed), so unit
 * tests and the fuzz harness call them directly; http.c's dissector is built on them.
 */
#ifndef NETLAB_HTTP_H
#define NETLAB_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "dissect/dissect.h"

struct tcp_payload_info;

/* tcp.c's port table row and heuristic (tcp_payload.h contract). */
int http_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti);
int http_tcp_heuristic(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti);

/* One HTTP message that is a whole UDP datagram (SSDP): its tree under a node of
 * proto (tshark shows HTTP's fields under the carrying protocol's name), requests
 * and responses paired per UDP stream.  Consumes the cursor. */
void http_datagram(struct dctx *d, struct cur *c, uint32_t parent, const struct field_def *proto);

/* Line end as Wireshark's tvb_find_line_end: the line runs to the first CR or LF;
 * CRLF, CR or LF end it.  Returns the line length and sets *next past the EOL; with
 * need_eol, returns -1 when no EOL is there (or a final CR might precede an LF). */
long http_line_end(const uint8_t *p, size_t n, int need_eol, size_t *next);

enum http_kind { HTTP_OTHER, HTTP_REQUEST, HTTP_RESPONSE, HTTP_NOTIFICATION };

/* Is this first line a request (known method followed by a space or the end) or a
 * response ("HTTP/")?  *method_len is the method's length for requests (for other
 * lines, the first token's length up to a bound). */
enum http_kind http_classify(const uint8_t *line, size_t len, size_t *method_len);

/* The tokens of a first line: offsets into the line, lengths (0 when missing). */
struct http_first {
	enum http_kind kind;
	size_t tok1_off, tok1_len;	/* method | version */
	size_t tok2_off, tok2_len;	/* uri | status code */
	size_t rest_off, rest_len;	/* version | phrase */
	int code;			/* responses: status code, -1 when not 3 digits */
};
void http_split_first(const uint8_t *line, size_t len, struct http_first *fl);

/* What reassembly needs to know from a message's headers (req_resp_hdrs). */
struct http_framing {
	int headers_complete;
	size_t header_len;		/* first line to blank line, EOLs included */
	int have_cl;			/* Content-Length parsed (last one wins) */
	int64_t cl;
	int chunked;
	int have_ctype;
	int keepalive;			/* Connection: … keep-alive */
};
/* Scans from the first line; returns 1 when the headers are complete. */
int http_scan_framing(const uint8_t *p, size_t n, struct http_framing *fr);

/* Length of a chunked body (chunks, last chunk, trailers, final EOL) starting at p:
 * >= 0 when complete, -1 when more bytes are needed, -2 when a chunk size is not a
 * number (Wireshark then stops dechunking). */
int64_t http_chunked_len(const uint8_t *p, size_t n);

/* Content-Length value as Wireshark's header tree reads it (decimal, optional
 * surrounding white space): 1 and *v when valid, 0 otherwise. */
int http_parse_cl(const uint8_t *p, size_t n, int64_t *v);

/* Does p[0..n) start with s, ASCII case-insensitively?  s is lower case. */
int http_casepfx(const uint8_t *p, size_t n, const char *s);
/* Is p[0..n) s, ASCII case-insensitively?  s is lower case. */
int http_caseeq(const uint8_t *p, size_t n, const char *s);

/* Chunk size as ws_hexstrtou32 reads it: -1 when not a number or over 32 bits. */
int64_t http_chunk_size(const uint8_t *l, size_t len);

#endif
