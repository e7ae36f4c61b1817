/* http.c — HTTP/1.x (RFC 9112) over reassembled TCP, as Wireshark 4.0 shows it.
 *
 *   request-line   = method SP request-target SP HTTP-version CRLF
 *   status-line    = HTTP-version SP status-code SP [ reason-phrase ] CRLF
 *   *( field-line CRLF )            field-line = field-name ":" OWS field-value OWS
 *   CRLF
 *   [ message-body ]                Content-Length | chunked | until close
 *
 * A message is dissected in the frame that completes it (dissect/reasm.c asks for
 * "one more segment" while the headers are incomplete and for the exact remainder
 * once Content-Length is known).  Requests and responses are paired per TCP stream the
 * way Wireshark 4.0 does it: a response goes with the latest request.  After
 * "101 Switching Protocols" with "Upgrade: websocket" the stream is handed to
 * websocket.c from the next message on.
 *
 * Strings from the wire are stored raw in the tree (FT_STRING) and escaped by
 * fvalue/strvis when shown; labels built here go through strvis first.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strvis.h"
#include "core/xmalloc.h"
#include "core/uncompress.h"
#include "dissect/http_int.h"
#include "dissect/tcp_payload.h"


static const struct val_str status_vals[] = {
	{ 100, "Continue" }, { 101, "Switching Protocols" }, { 102, "Processing" },
	{ 103, "Early Hints" }, { 199, "Informational - Others" },
	{ 200, "OK" }, { 201, "Created" }, { 202, "Accepted" },
	{ 203, "Non-authoritative Information" }, { 204, "No Content" }, { 205, "Reset Content" },
	{ 206, "Partial Content" }, { 207, "Multi-Status" }, { 208, "Already Reported" },
	{ 226, "IM Used" }, { 299, "Success - Others" },
	{ 300, "Multiple Choices" }, { 301, "Moved Permanently" }, { 302, "Found" },
	{ 303, "See Other" }, { 304, "Not Modified" }, { 305, "Use Proxy" },
	{ 307, "Temporary Redirect" }, { 308, "Permanent Redirect" }, { 399, "Redirection - Others" },
	{ 400, "Bad Request" }, { 401, "Unauthorized" }, { 402, "Payment Required" },
	{ 403, "Forbidden" }, { 404, "Not Found" }, { 405, "Method Not Allowed" },
	{ 406, "Not Acceptable" }, { 407, "Proxy Authentication Required" },
	{ 408, "Request Time-out" }, { 409, "Conflict" }, { 410, "Gone" },
	{ 411, "Length Required" }, { 412, "Precondition Failed" },
	{ 413, "Request Entity Too Large" }, { 414, "Request-URI Too Long" },
	{ 415, "Unsupported Media Type" }, { 416, "Requested Range Not Satisfiable" },
	{ 417, "Expectation Failed" }, { 418, "I'm a teapot" }, { 421, "Misdirected Request" },
	{ 422, "Unprocessable Entity" }, { 423, "Locked" }, { 424, "Failed Dependency" },
	{ 425, "Too Early" }, { 426, "Upgrade Required" }, { 428, "Precondition Required" },
	{ 429, "Too Many Requests" }, { 431, "Request Header Fields Too Large" },
	{ 451, "Unavailable For Legal Reasons" }, { 499, "Client Error - Others" },
	{ 500, "Internal Server Error" }, { 501, "Not Implemented" }, { 502, "Bad Gateway" },
	{ 503, "Service Unavailable" }, { 504, "Gateway Time-out" },
	{ 505, "HTTP Version not supported" }, { 506, "Variant Also Negotiates" },
	{ 507, "Insufficient Storage" }, { 508, "Loop Detected" }, { 510, "Not Extended" },
	{ 511, "Network Authentication Required" }, { 599, "Server Error - Others" },
	{ 0, NULL }
};

#define S(abbrev, name, help) { abbrev, name, FT_STRING, BASE_NONE, 0, 0, NULL, help, 0 }
#define FN(abbrev, name, help) { abbrev, name, FT_FRAMENUM, BASE_NONE, 0, 0, NULL, help, 0 }

static const struct field_def fields[] = {
	[H_PROTO] = { "http", "Hypertext Transfer Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Application layer: the browser's requests and the server's responses, as text lines.", 0 },
	[H_RESPONSE_F] = { "http.response", "Response", FT_BOOLEAN, BASE_NONE, 0, 0, NULL,
		"TRUE if HTTP response.", 0 },
	[H_REQUEST_F] = { "http.request", "Request", FT_BOOLEAN, BASE_NONE, 0, 0, NULL,
		"TRUE if HTTP request.", 0 },
	[H_RESP_NUM] = { "http.response_number", "Response number", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Which response of this TCP connection this is (keep-alive carries several).", 0 },
	[H_REQ_NUM] = { "http.request_number", "Request number", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Which request of this TCP connection this is (keep-alive carries several).", 0 },
	[H_RESP_LINE] = S("http.response.line", "Response line",
		"One header line of a response, as sent (name, colon, value, line end)."),
	[H_REQ_LINE] = S("http.request.line", "Request line",
		"One header line of a request, as sent (name, colon, value, line end)."),
	[H_METHOD] = S("http.request.method", "Request Method",
		"What the client asks for: GET fetches, HEAD fetches headers only, POST sends data."),
	[H_URI] = S("http.request.uri", "Request URI", "The path (and query) of the resource asked for."),
	[H_URI_PATH] = S("http.request.uri.path", "Request URI Path", "The URI before the '?'."),
	[H_URI_QUERY] = S("http.request.uri.query", "Request URI Query", "The URI after the '?'."),
	[H_URI_PARAM] = S("http.request.uri.query.parameter", "Request URI Query Parameter",
		"One name=value pair of the query."),
	[H_REQ_VERSION] = S("http.request.version", "Request Version",
		"Protocol version the client speaks (HTTP/1.1 keeps connections open by default)."),
	[H_RESP_VERSION] = S("http.response.version", "Response Version",
		"Protocol version the server answers with."),
	[H_FULL_URI] = S("http.request.full_uri", "Full request URI",
		"Scheme, Host header and URI together: the address the browser showed."),
	[H_CODE] = { "http.response.code", "Status Code", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Three digits: 1xx info, 2xx success, 3xx redirect/not modified, 4xx client error, 5xx server error.", 0 },
	[H_CODE_DESC] = S("http.response.code.desc", "Status Code Description",
		"The standard meaning of the status code."),
	[H_RESP_FOR_URI] = S("http.response_for.uri", "Request URI",
		"The URI of the request this response answers."),
	[H_PHRASE] = S("http.response.phrase", "Response Phrase",
		"The server's words for the status code (not interpreted by clients)."),
	[H_AUTHORIZATION] = S("http.authorization", "Authorization", "Credentials sent by the client."),
	[H_PROXY_AUTHENTICATE] = S("http.proxy_authenticate", "Proxy-Authenticate",
		"A proxy asks for credentials."),
	[H_PROXY_AUTHORIZATION] = S("http.proxy_authorization", "Proxy-Authorization",
		"Credentials for a proxy."),
	[H_WWW_AUTHENTICATE] = S("http.www_authenticate", "WWW-Authenticate",
		"The server asks for credentials."),
	[H_CONTENT_TYPE] = S("http.content_type", "Content-Type",
		"The media type of the body (text/html, image/png …)."),
	[H_CL_HEADER] = S("http.content_length_header", "Content-Length",
		"The Content-Length header as sent."),
	[H_CL] = { "http.content_length", "Content length", FT_UINT64, BASE_DEC, 0, 0, NULL,
		"Body size in bytes: tells the receiver where this message ends on a kept-alive connection.", 0 },
	[H_CONTENT_ENCODING] = S("http.content_encoding", "Content-Encoding",
		"How the body is compressed (gzip, br …)."),
	[H_TRANSFER_ENCODING] = S("http.transfer_encoding", "Transfer-Encoding",
		"chunked: the body is sent in pieces, each with its length, ending with a 0-size chunk."),
	[H_UPGRADE] = S("http.upgrade", "Upgrade",
		"Switch this connection to another protocol (websocket) after a 101 response."),
	[H_USER_AGENT] = S("http.user_agent", "User-Agent", "The client program and version."),
	[H_HOST] = S("http.host", "Host", "Which site is asked for (several can share one address)."),
	[H_CONNECTION] = S("http.connection", "Connection",
		"keep-alive: reuse the TCP connection; close: end it after this message; Upgrade."),
	[H_COOKIE] = S("http.cookie", "Cookie", "State the client sends back to the server."),
	[H_COOKIE_PAIR] = S("http.cookie_pair", "Cookie pair", "One name=value pair of a Cookie header."),
	[H_ACCEPT] = S("http.accept", "Accept", "Media types the client can use."),
	[H_REFERER] = S("http.referer", "Referer", "The page that linked to this resource."),
	[H_ACCEPT_LANGUAGE] = S("http.accept_language", "Accept-Language",
		"Languages the user prefers."),
	[H_ACCEPT_ENCODING] = S("http.accept_encoding", "Accept Encoding",
		"Compressions the client can undo (gzip, deflate, br)."),
	[H_DATE] = S("http.date", "Date", "When the message was sent (GMT)."),
	[H_CACHE_CONTROL] = S("http.cache_control", "Cache Control",
		"Caching rules (no-cache, max-age=…)."),
	[H_SERVER] = S("http.server", "Server", "The server program and version."),
	[H_LOCATION] = S("http.location", "Location", "Where a redirect points."),
	[H_WS_ACCEPT] = S("http.sec_websocket_accept", "Sec-WebSocket-Accept",
		"base64(SHA-1(key + fixed GUID)): proves the server understood the upgrade."),
	[H_WS_EXTENSIONS] = S("http.sec_websocket_extensions", "Sec-WebSocket-Extensions",
		"WebSocket extensions offered or accepted (permessage-deflate)."),
	[H_WS_KEY] = S("http.sec_websocket_key", "Sec-WebSocket-Key",
		"Random base64 nonce of the client's upgrade request."),
	[H_WS_PROTOCOL] = S("http.sec_websocket_protocol", "Sec-WebSocket-Protocol",
		"Application subprotocol over the WebSocket (vite-hmr …)."),
	[H_WS_VERSION] = S("http.sec_websocket_version", "Sec-WebSocket-Version",
		"WebSocket protocol version (13)."),
	[H_SET_COOKIE] = S("http.set_cookie", "Set-Cookie", "State the server asks the client to keep."),
	[H_LAST_MODIFIED] = S("http.last_modified", "Last-Modified",
		"When the resource last changed; the browser sends it back as If-Modified-Since."),
	[H_XFF] = S("http.x_forwarded_for", "X-Forwarded-For", "Client address seen by a proxy."),
	[H_HTTP2_SETTINGS] = S("http.http2_settings", "HTTP2-Settings", "HTTP/2 upgrade settings."),
	[H_REQUEST_IN] = FN("http.request_in", "Request in frame",
		"This packet is a response to the packet with this number."),
	[H_RESPONSE_IN] = FN("http.response_in", "Response in frame",
		"This packet will be responded in the packet with this number."),
	[H_NEXT_REQ_IN] = FN("http.next_request_in", "Next request in frame",
		"The next HTTP request starts in packet number."),
	[H_NEXT_RESP_IN] = FN("http.next_response_in", "Next response in frame",
		"The next HTTP response starts in packet number."),
	[H_PREV_REQ_IN] = FN("http.prev_request_in", "Prev request in frame",
		"The previous HTTP request starts in packet number."),
	[H_PREV_RESP_IN] = FN("http.prev_response_in", "Prev response in frame",
		"The previous HTTP response starts in packet number."),
	[H_TIME] = { "http.time", "Time since request", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"How long the server took to answer: response time minus request time.", 0 },
	[H_CHUNK_BOUNDARY] = { "http.chunk_boundary", "Chunk boundary", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The CRLF after a chunk's data.", 0 },
	[H_CHUNK_SIZE] = { "http.chunk_size", "Chunk size", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Bytes in this chunk (hex on the wire); 0 ends the body.", 0 },
	[H_CHUNK_DATA] = { "http.chunk_data", "Chunk data", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The bytes of one chunk.", 0 },
	[H_TRAILER] = S("http.chunked_trailer_part", "trailer-part",
		"Optional trailer in a chunked body."),
	[H_FILE_DATA] = S("http.file_data", "File Data", "The message body."),
	[H_DECOMP_FAILED] = { "http.decompression_failed", "Decompression failed", FT_NONE, BASE_NONE, 0, 0,
		NULL, "A gzip or deflate body that does not uncompress, or another coding.", 0 },
	[H_UNKNOWN_HEADER] = S("http.unknown_header", "Unknown header",
		"A header Wireshark has no field for."),
	[H_CHAT] = { "http.chat", "Formatted text", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Expert info: the first line of a message.", 0 },
	[H_IF_MODIFIED_SINCE] = S("http.if_modified_since", "If-Modified-Since",
		"Conditional GET: send the body only if it changed since then (else 304)."),
	[H_IF_NONE_MATCH] = S("http.if_none_match", "If-None-Match",
		"Conditional GET by ETag (else 304)."),
};
static const struct field_table http_table = REG_TABLE(fields);
static const struct handoff http_handoffs[] = {
	{ HO_TCP_PORT, 80, .tcp = http_tcp_payload }, { HO_TCP_PORT, 8080, .tcp = http_tcp_payload }, { HO_TCP_PORT, 8000, .tcp = http_tcp_payload },
	{ HO_TCP_PORT, 5000, .tcp = http_tcp_payload }, { HO_TCP_PORT, 5173, .tcp = http_tcp_payload }, { HO_TCP_PORT, 3000, .tcp = http_tcp_payload },
	{ HO_TCP_PORT, 8008, .tcp = http_tcp_payload }, { HO_TCP_PORT, 8888, .tcp = http_tcp_payload }, { HO_TCP_PORT, 3128, .tcp = http_tcp_payload },
	{ HO_TCP_PORT, 3132, .tcp = http_tcp_payload }, { HO_TCP_PORT, 5985, .tcp = http_tcp_payload }, { HO_TCP_PORT, 8088, .tcp = http_tcp_payload },
	{ HO_TCP_PORT, 11371, .tcp = http_tcp_payload }, { HO_TCP_PORT, 1900, .tcp = http_tcp_payload }, { HO_TCP_PORT, 2869, .tcp = http_tcp_payload },
	{ HO_TCP_PORT, 2710, .tcp = http_tcp_payload },
	{ HO_TCP_HEUR, .tcp = http_tcp_heuristic },
};
const struct proto_reg http_proto = REG_PROTO(http_table, http_handoffs);

const struct field_def *http_field(int field)
{
	return &fields[field];
}


/* Headers with a field of their own; the rest become http.request/response.line. */
static const struct { const char *name; int field; } header_fields[] = {
	{ "authorization", H_AUTHORIZATION }, { "proxy-authenticate", H_PROXY_AUTHENTICATE },
	{ "proxy-authorization", H_PROXY_AUTHORIZATION }, { "www-authenticate", H_WWW_AUTHENTICATE },
	{ "content-type", H_CONTENT_TYPE }, { "content-length", H_CL_HEADER },
	{ "content-encoding", H_CONTENT_ENCODING }, { "transfer-encoding", H_TRANSFER_ENCODING },
	{ "upgrade", H_UPGRADE }, { "user-agent", H_USER_AGENT }, { "host", H_HOST },
	{ "connection", H_CONNECTION }, { "cookie", H_COOKIE }, { "accept", H_ACCEPT },
	{ "referer", H_REFERER }, { "accept-language", H_ACCEPT_LANGUAGE },
	{ "accept-encoding", H_ACCEPT_ENCODING }, { "date", H_DATE },
	{ "cache-control", H_CACHE_CONTROL }, { "server", H_SERVER }, { "location", H_LOCATION },
	{ "sec-websocket-accept", H_WS_ACCEPT }, { "sec-websocket-extensions", H_WS_EXTENSIONS },
	{ "sec-websocket-key", H_WS_KEY }, { "sec-websocket-protocol", H_WS_PROTOCOL },
	{ "sec-websocket-version", H_WS_VERSION }, { "set-cookie", H_SET_COOKIE },
	{ "last-modified", H_LAST_MODIFIED }, { "x-forwarded-for", H_XFF },
	{ "http2-settings", H_HTTP2_SETTINGS },
};


/* ---- per-stream state ---- */

/* Forgets the URIs kept so far (batch mode keeps only the latest request's). */
void http_drop_uris(struct http_conv *c)
{
	for (size_t i = 0; i < c->nuris; i++)
		free(c->uris[i]);
	c->nuris = 0;
	c->last_uri = 0;
}

static void conv_release(void *p)
{
	struct http_conv *c = p;

	free(c->rr);
	free(c->recs);
	for (size_t i = 0; i < c->nuris; i++)
		free(c->uris[i]);
	free(c->uris);
	websocket_conv_release(&c->ws);
}

/* ---- tree helpers ---- */

const char *http_esc(char *buf, const uint8_t *p, size_t n)
{
	strvis(buf, ESC_MAX, p, n, STRVIS_WIRE);
	return buf;
}

uint32_t http_add_str(struct dctx *d, uint32_t parent, int f, uint32_t off, uint32_t len,
    const uint8_t *p, uint32_t n)
{
	return tree_add_bytes(d->tree, parent, &fields[f], off, len, p, n);
}

uint32_t http_add_gen_str(struct dctx *d, uint32_t parent, int f, const char *s)
{
	struct dtree *t = d->tree;
	uint32_t n;

	if (!tree_wants(t, &fields[f]))
		return 0;
	n = tree_add_bytes(t, parent, &fields[f], tree_off(t, parent), 0,
	    tree_keep(t, s, (uint32_t)strlen(s)), (uint32_t)strlen(s));
	tree_flag(t, n, TN_GENERATED);
	return n;
}

/* ---- message ---- */

struct msg_rec *http_find_rec(struct http_conv *cv, uint32_t frame, int dir, uint32_t seq)
{
	for (size_t i = cv->nrecs; i-- > 0;)
		if (cv->recs[i].frame == frame && cv->recs[i].seq == seq && cv->recs[i].dir == dir)
			return &cv->recs[i];
	return NULL;
}

static void process_header(struct dctx *d, uint32_t http_node, struct msg *m, const uint8_t *base,
    uint32_t off, uint32_t ll, uint32_t next, uint32_t colon)
{
	char eb[ESC_MAX];
	struct dtree *t = d->tree;
	const uint8_t *l = base + off;
	uint32_t v = colon + 1, node;
	int f = -1, linef = m->kind == HTTP_RESPONSE ? H_RESP_LINE : H_REQ_LINE;
	char name[32];
	size_t nl = colon < sizeof(name) - 1 ? colon : 0;

	while (v < ll && (l[v] == ' ' || l[v] == '\t'))
		v++;
	for (size_t i = 0; i < nl; i++)
		name[i] = (char)(l[i] >= 'A' && l[i] <= 'Z' ? l[i] - 'A' + 'a' : l[i]);
	name[nl] = '\0';
	for (size_t i = 0; nl && i < sizeof(header_fields) / sizeof(header_fields[0]); i++)
		if (header_fields[i].name[0] == name[0] && strcmp(header_fields[i].name, name) == 0) {
			f = header_fields[i].field;
			break;
		}
	if (f >= 0) {
		uint32_t line;
		node = http_add_str(d, http_node, f, off, next, l + v, ll - v);
		line = http_add_str(d, http_node, linef, off, next, l, next);
		tree_flag(t, line, TN_HIDDEN);
		if (tree_text(t)) {
			const char *esc = http_esc(eb, l, next);
			tree_label(t, node, "%s", esc);
			tree_label(t, line, "%s", esc);	/* the hidden line's, as tshark's PDML */
		}
	} else {
		node = http_add_str(d, http_node, linef, off, next, l, next);
		if (tree_text(t))
			tree_label(t, node, "%s", http_esc(eb, l, next));
	}
	switch (f) {
	case H_CL_HEADER: {
		int64_t cl;
		if (http_parse_cl(l + v, ll - v, &cl)) {
			m->have_cl = 1;
			m->cl = cl;
			tree_flag(t, tree_add_uint(t, node, &fields[H_CL], off, next, (uint64_t)cl), TN_GENERATED);
		} else {
			m->have_cl = 0;
			m->cl = -1;
		}
		break;
	}
	case H_CONTENT_TYPE: {
		size_t i = v, k = 0;
		while (i < ll && l[i] != ';' && l[i] != ' ' && l[i] != '\t' && k + 1 < sizeof(m->ctype)) {
			uint8_t c = l[i++];
			m->ctype[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		}
		m->ctype[k] = '\0';
		if (!strvis_clean((const uint8_t *)m->ctype, k))
			m->ctype[0] = '\0';
		break;
	}
	case H_TRANSFER_ENCODING:
		if (http_casepfx(l + v, ll - v, "chunked"))
			m->te_chunked = 1;
		else if (!http_casepfx(l + v, ll - v, "identity"))
			m->te_other = 1;
		break;
	case H_CONTENT_ENCODING:
		m->cenc = l + v;
		m->cenc_len = ll - v;
		break;
	case H_COOKIE:		/* pairs between ';', leading blanks skipped, empty ones left out */
		for (uint32_t i = v, e; i < ll; i = e + 1) {
			while (i < ll && (l[i] == ' ' || l[i] == '\t'))
				i++;
			for (e = i; e < ll && l[e] != ';'; e++)
				;
			if (e > i)
				http_add_str(d, node, H_COOKIE_PAIR, off + i, e - i, l + i, e - i);
		}
		break;
	case H_HOST:
		m->host = l + v;
		m->host_len = ll - v;
		break;
	case H_UPGRADE:
		if (http_casepfx(l + v, ll - v, "websocket"))
			m->upgrade_ws = 1;
		break;
	case H_CONNECTION:
		for (uint32_t i = v; i + 10 <= ll; i++)
			if (http_casepfx(l + i, ll - i, "keep-alive"))
				m->keepalive = 1;
		break;
	default:
		break;
	}
}

static int is_token_char_line(const uint8_t *l, uint32_t ll, uint32_t *colon, int *illegal)
{
	*illegal = 0;
	for (uint32_t i = 0; i < ll; i++) {
		uint8_t c = l[i];
		if (c < 0x20 || c >= 0x7f)
			return 0;
		switch (c) {
		case '(': case ')': case '<': case '>': case '@': case ',': case ';': case '\\':
		case '"': case '/': case '[': case ']': case '?': case '=': case '{': case '}':
		case ' ':
			*illegal = 1;	/* a separator: still a header, with tshark's warning */
			break;
		case ':':
			*colon = i;
			return 1;
		default:
			break;
		}
	}
	return 0;
}

/* Are the headers and (with try_body) the body framed by them all in data[0..n)?
 * 0 after filling *need when reassembly must wait for more bytes. */
static int message_complete(const uint8_t *data, uint32_t n, const struct reasm_pdu *p,
    enum http_kind kind, int try_body, struct reasm_need *need)
{
	struct http_framing fr;

	if (!http_scan_framing(data, n, &fr)) {
		if (!p->truncated) {
			need->need_len = REASM_ONE_MORE_SEGMENT;
			return 0;
		}
		fr.header_len = n;
	}
	if (p->truncated || p->fin)	/* end of stream: no more bytes will come */
		try_body = 0;
	if (try_body) {
		size_t rest = n - fr.header_len;
		if (fr.chunked) {
			int64_t cl = http_chunked_len(data + fr.header_len, rest);
			if (cl == -1) {
				need->need_len = REASM_ONE_MORE_SEGMENT;
				return 0;
			}
		} else if (fr.have_cl) {
			if (fr.cl > 0 && (uint64_t)fr.cl > rest) {
				uint64_t more = (uint64_t)fr.cl - rest;
				need->need_len = more < REASM_UNTIL_FIN ? (uint32_t)more : REASM_UNTIL_FIN - 1;
				return 0;
			}
		} else if (fr.have_ctype && kind == HTTP_RESPONSE && !fr.keepalive) {
			need->need_len = REASM_UNTIL_FIN;
			return 0;
		}
	}
	return 1;
}

/* Status line fields under ln: version, code, its description and the phrase. */
static void status_line(struct dctx *d, uint32_t ln, uint32_t start, const uint8_t *data,
    const struct http_first *fl, struct msg *m)
{
	struct dtree *t = d->tree;
	const char *desc;
	char unk[32];
	uint32_t cn;

	if (!fl->tok1_len)
		return;
	http_add_str(d, ln, H_RESP_VERSION, start, (uint32_t)fl->tok1_len, data, (uint32_t)fl->tok1_len);
	if (fl->code < 0)
		return;
	desc = val_to_str((uint32_t)fl->code, status_vals);
	m->code = fl->code;
	tree_add_uint(t, ln, &fields[H_CODE], start + (uint32_t)fl->tok2_off, 3, (uint64_t)fl->code);
	if (!desc) {
		snprintf(unk, sizeof(unk), "Unknown (%d)", fl->code);
		desc = unk;
	}
	cn = tree_add_bytes(t, ln, &fields[H_CODE_DESC], start + (uint32_t)fl->tok2_off, 3,
	    tree_text(t) || tree_wants(t, &fields[H_CODE_DESC]) ?
	    tree_keep(t, desc, (uint32_t)strlen(desc)) : NULL, (uint32_t)strlen(desc));
	tree_flag(t, cn, TN_GENERATED);
	if (fl->rest_len)
		http_add_str(d, ln, H_PHRASE, start + (uint32_t)fl->rest_off, (uint32_t)fl->rest_len,
		    data + fl->rest_off, (uint32_t)fl->rest_len);
}

/* The request URI's path, query and '&'-separated parameters under un; uoff is the
 * URI's offset in the data source. */
static void uri_parts(struct dctx *d, uint32_t un, uint32_t uoff, const struct msg *m)
{
	const uint8_t *q = memchr(m->uri, '?', m->uri_len);

	if (q) {		/* un is 0 when only the parts are wanted (-T fields) */
		uint32_t pl = (uint32_t)(q - m->uri), qo = pl + 1;
		uint32_t ql = m->uri_len - qo, qn, s0 = qo;

		http_add_str(d, un, H_URI_PATH, uoff, pl, m->uri, pl);
		qn = http_add_str(d, un, H_URI_QUERY, uoff + qo, ql, m->uri + qo, ql);
		for (uint32_t i = qo; i <= m->uri_len; i++)
			if (i == m->uri_len || m->uri[i] == '&') {
				http_add_str(d, qn ? qn : un, H_URI_PARAM, uoff + s0, i - s0,
				    m->uri + s0, i - s0);
				s0 = i + 1;
			}
	}
}

/* Request line fields under ln: method, URI (with its parts) and version. */
static void request_line(struct dctx *d, uint32_t ln, uint32_t start, const uint8_t *data,
    const struct http_first *fl, struct msg *m)
{
	size_t ml;
	uint32_t un;

	if (!fl->tok1_len)
		return;
	ml = fl->tok1_len < sizeof(m->method) - 1 ? fl->tok1_len : sizeof(m->method) - 1;
	memcpy(m->method, data, ml);
	m->method[ml] = '\0';
	http_add_str(d, ln, H_METHOD, start, (uint32_t)fl->tok1_len, data, (uint32_t)fl->tok1_len);
	m->uri = data + fl->tok2_off;
	m->uri_len = (uint32_t)fl->tok2_len;
	un = http_add_str(d, ln, H_URI, start + (uint32_t)fl->tok2_off, (uint32_t)fl->tok2_len,
	    m->uri, m->uri_len);
	uri_parts(d, un, start + (uint32_t)fl->tok2_off, m);
	http_add_str(d, ln, H_REQ_VERSION, start + (uint32_t)fl->rest_off, (uint32_t)fl->rest_len,
	    data + fl->rest_off, (uint32_t)fl->rest_len);
}

/* The first line's node (with its expert chat item) and fields; len includes the EOL. */
static void first_line(struct dctx *d, uint32_t http_node, uint32_t start, const uint8_t *data,
    size_t len, const struct http_first *fl, struct msg *m)
{
	char eb[ESC_MAX];
	struct dtree *t = d->tree;
	uint32_t ln = tree_add_text(t, http_node, start, (uint32_t)len, "%s",
	    tree_text(t) ? http_esc(eb, data, len) : "");
	char *line = tree_text(t) ? xstrdup(http_esc(eb, data, len)) : NULL;

	if (line)
		dissect_expert(d, ln, &fields[H_CHAT], SEV_CHAT, "Sequence", line);
	free(line);
	if (!ln)
		ln = http_node;
	if (fl->kind == HTTP_RESPONSE)
		status_line(d, ln, start, data, fl, m);
	else
		request_line(d, ln, start, data, fl, m);
}

/* Header lines from data[at..n) up to the blank line (included) or the first line
 * that is not a header; fills m.  Returns the offset after them. */
static uint32_t header_lines(struct dctx *d, uint32_t http_node, struct msg *m,
    const uint8_t *base, uint32_t start, uint32_t n, uint32_t at)
{
	char eb[ESC_MAX];
	struct dtree *t = d->tree;
	const uint8_t *data = base + start;
	size_t next;

	for (;;) {
		uint32_t colon = 0;
		int illegal;
		long ll;
		if (at >= n)
			break;
		ll = http_line_end(data + at, n - at, 0, &next);
		if (ll == 0) {
			tree_add_text(t, http_node, start + at, (uint32_t)next, "%s",
			    tree_text(t) ? http_esc(eb, data + at, next) : "");
			at += (uint32_t)next;
			break;
		}
		{
			size_t ml;
			if (http_classify(data + at, (size_t)ll, &ml) != HTTP_OTHER)
				break;
		}
		if (!is_token_char_line(data + at, (uint32_t)ll, &colon, &illegal))
			break;
		if (illegal) {
			uint32_t ln = http_add_str(d, http_node, m->kind == HTTP_RESPONSE ? H_RESP_LINE :
			    H_REQ_LINE, start + at, (uint32_t)next, data + at, (uint32_t)next);
			tree_label(t, ln, "%s", http_esc(eb, data + at, next));
			dissect_expert(d, ln, NULL, SEV_WARN, "Protocol",
			    "Illegal characters found in header name");
		} else
			process_header(d, http_node, m, base, start + at, (uint32_t)ll, (uint32_t)next,
			    colon);
		at += (uint32_t)next;
	}
	return at;
}

/* Data that is neither a request nor a response after an earlier message: tshark's
 * "Continuation".  Binary data (its first line not printable) is shown as data; text
 * goes through the header lines (those that look like headers are shown) and the rest
 * is the body, "File Data". */
static long continuation(struct dctx *d, const uint8_t *base, uint32_t start, uint32_t n)
{
	struct dtree *t = d->tree;
	struct msg m;
	uint32_t http_node, at;
	struct cur c = cur_make(base, start + n);

	memset(&m, 0, sizeof(m));
	col_set_proto(d->pi, "HTTP");
	col_clear(d->pi);
	col_append(d->pi, "Continuation");
	pi_push_proto(d->pi, "http");
	http_node = tree_add(t, 0, &fields[H_PROTO], start, n);
	size_t next;
	long fl = http_line_end(base + start, n, 0, &next);
	int text = fl > 0;
	for (long i = 0; i < fl && text; i++)
		text = base[start + i] >= 0x20 && base[start + i] < 0x7f;
	at = text ? header_lines(d, http_node, &m, base, start, n, 0) : 0;
	if (text && at < n) {
		uint32_t fnode = http_add_str(d, http_node, H_FILE_DATA, start + at, n - at,
		    base + start + at, n - at);
		tree_label(t, fnode, "File Data: %u byte%s", n - at, n - at == 1 ? "" : "s");
	}
	c.p = base + start + at;
	if (at < n)
		dissect_data(d, &c, http_node);
	return (long)n;
}

/* The body's length in the rest bytes after the headers, as the headers frame it. */
static uint32_t body_length(const struct msg *m, const struct http_first *fl,
    const struct http_conv *cv, uint32_t rest, int no_body)
{
	uint32_t body_len = rest;

	if (m->te_chunked) {
		/* chunked wins over Content-Length */
	} else if (m->have_cl && m->cl >= 0) {
		if ((uint64_t)m->cl < body_len)
			body_len = (uint32_t)m->cl;
	} else if (fl->kind == HTTP_REQUEST) {
		if (!m->te_other)
			body_len = 0;
	} else if (fl->kind == HTTP_RESPONSE) {
		if (fl->code / 100 == 1 || fl->code == 204 || fl->code == 304 || cv->last_head)
			body_len = 0;
	}
	if (no_body)
		body_len = 0;
	return body_len;
}

/* A body as its Content-Encoding leaves it (tshark): gzip and deflate uncompressed into
 * a data source of their own; a coding that fails, or one not known, shown as data under
 * its "Content-encoded entity body" node. */
static void entity_body(struct dctx *d, uint32_t http_node, const uint8_t *base, uint32_t off,
    uint32_t len, struct msg *m)
{
	static const char *const codings[] = { "gzip", "deflate", "x-gzip", "x-deflate" };
	struct dtree *t = d->tree;
	char eb[ESC_MAX];
	uint8_t *u = NULL;
	size_t ulen = 0;
	uint32_t en;
	int src, was;

	if (!m->cenc || http_caseeq(m->cenc, m->cenc_len, "identity")) {
		http_body(d, http_node, base, off, len, m);
		return;
	}
	for (size_t i = 0; i < sizeof(codings) / sizeof(codings[0]) && !u; i++)
		if (http_caseeq(m->cenc, m->cenc_len, codings[i]))
			u = uncompress_body(base + off, len, &ulen);
	en = tree_add_text(t, http_node, off, len, "Content-encoded entity body (%s): %u bytes",
	    tree_text(t) ? http_esc(eb, m->cenc, m->cenc_len) : "", len);
	if (!u) {
		struct cur c = cur_make(base, (size_t)off + len);
		dissect_expert(d, en, &fields[H_DECOMP_FAILED], SEV_WARN, "Undecoded",
		    "Decompression failed");
		c.p = base + off;
		dissect_data(d, &c, en);
		return;
	}
	tree_label_append(t, en, " -> %u bytes", (uint32_t)ulen);
	was = t ? t->cursrc : 0;
	src = t ? tree_add_source(t, "Uncompressed entity body", u, (uint32_t)ulen) : 0;
	http_body(d, http_node, src ? t->src[src].data : u, 0, (uint32_t)ulen, m);
	if (t)
		tree_set_source(t, was);
	free(u);
}

/* The body at base[off..off+*body_len): dechunked, decoded or as framed.  A chunked
 * body sets *body_len to the bytes it used.  0 when a chunk size is malformed. */
static int message_body(struct dctx *d, uint32_t http_node, struct msg *m,
    const struct reasm_pdu *p, const uint8_t *base, uint32_t off, uint32_t *body_len)
{
	struct dtree *t = d->tree;

	if (m->te_chunked && *body_len) {
		uint8_t *dech = NULL;
		uint32_t dlen = 0;
		long used = http_chunked(d, http_node, base, off, *body_len, &dech, &dlen);
		if (used < 0) {
			dissect_malformed(d, http_node, "HTTP", "chunk size is not a hex number that fits 32 bits");
			return 0;
		}
		*body_len = (uint32_t)used;
		if (dlen) {
			int src = t ? tree_add_source(t, "De-chunked entity body", dech, dlen) : 0;
			const uint8_t *b = src ? t->src[src].data : dech;
			entity_body(d, http_node, b, 0, dlen, m);
			if (t)
				tree_set_source(t, 0);
		} else		/* the last chunk alone: "File Data: 0 bytes" */
			http_body(d, http_node, base, off + (uint32_t)used, 0, m);
		free(dech);
	} else if (p->truncated && m->have_cl && (uint64_t)m->cl > *body_len) {
		col_append(d->pi, "[Packet size limited during capture]");
	} else if (p->fin && m->have_cl && (uint64_t)m->cl > *body_len) {
		/* the stream ended before the body did: no body shown (tshark) */
	} else if (*body_len)
		entity_body(d, http_node, base, off, *body_len, m);
	return 1;
}

/* One HTTP message at data[0..n).  Returns the bytes it used, or -1 after filling
 * *need when it needs more. */
static long dissect_message(struct dctx *d, const uint8_t *base, uint32_t start, uint32_t n,
    const struct reasm_pdu *p, uint32_t pdu_seq, struct http_conv *cv, struct reasm_need *need,
    int first_in_tvb)
{
	struct dtree *t = d->tree;
	const uint8_t *data = base + start;
	size_t next;
	long ll = http_line_end(data, n, 0, &next);
	struct http_first fl;
	struct msg m;
	uint32_t http_node, at, body_len;
	int try_body = 1, no_body = 0;

	(void)first_in_tvb;
	memset(&m, 0, sizeof(m));
	m.base = base;
	m.start = start;
	m.cl = -1;
	int after_msg = cv->first_msg_frame && (cv->first_msg_frame < d->pi->num ||
	    cv->first_msg_seq < pdu_seq);
	if (n && !(data[0] >= 0x20 && data[0] < 0x7f))	/* tshark's quick check: binary */
		return after_msg ? continuation(d, base, start, n) : (long)n;
	{
		size_t nx;
		if (http_line_end(data, n, 1, &nx) < 0 && !p->fin && !p->truncated) {
			/* no complete first line yet */
			need->need_len = REASM_ONE_MORE_SEGMENT;
			return -1;
		}
	}
	http_split_first(data, (size_t)ll, &fl);
	m.kind = fl.kind;
	if (fl.kind == HTTP_OTHER && !after_msg)
		return (long)n;		/* before any message: tshark shows nothing */
	if (fl.kind == HTTP_OTHER)
		return continuation(d, base, start, n);
	col_set_proto(d->pi, "HTTP");
	col_clear(d->pi);
	col_append_escaped(d->pi, data, (size_t)ll);
	col_append_str(d->pi, " ");
	if (fl.kind == HTTP_RESPONSE) {
		if (cv->last_head || (fl.code / 100 == 2 && cv->last_connect) ||
		    fl.code / 100 == 1 || fl.code == 204 || fl.code == 304)
			try_body = 0, no_body = 1;
	}
	if (!message_complete(data, n, p, fl.kind, try_body, need))
		return -1;

	/* complete: the tree */
	if (!cv->first_msg_frame) {
		cv->first_msg_frame = d->pi->num;
		cv->first_msg_seq = pdu_seq;
	}
	pi_push_proto(d->pi, "http");
	http_node = tree_add(t, 0, &fields[H_PROTO], start, n);
	first_line(d, http_node, start, data, next, &fl, &m);
	at = header_lines(d, http_node, &m, base, start, n, (uint32_t)next);
	body_len = body_length(&m, &fl, cv, n - at, no_body);
	http_pair_message(d, http_node, start, cv, &fl, &m, p, pdu_seq, at + body_len);
	if (!message_body(d, http_node, &m, p, base, start + at, &body_len))
		return (long)n;
	tree_set_len(t, http_node, at);	/* tshark's item ends with the headers */
	return (long)(at + body_len);
}

/* The stream's HTTP state as this frame began (frame_state_get); NULL on a revisit
 * of a frame before HTTP claimed the stream. */
static struct http_conv *conv_for(struct dctx *d, uint32_t stream)
{
	struct http_conv *cv = reasm_conv(d->sess->reasm, stream, d->pi->num,
	    sizeof(struct http_conv), conv_release);

	return frame_state_get(&cv->fs, d, cv, offsetof(struct http_conv, last_uri),
	    sizeof(struct http_conv));
}

/* The PDU function reasm calls: every message in data, then WebSocket after 101. */
static void http_pdu(struct dctx *d, struct cur *c, const struct reasm_pdu *p,
    struct reasm_need *need)
{
	struct http_conv *cv = conv_for(d, p->stream);
	const uint8_t *base = c->base;
	uint32_t start = cur_off(c), n = (uint32_t)cur_left(c), off = 0;
	int first = 1;

	if (!cv)
		return;
	while (off < n) {
		long used;
		uint32_t seq = p->seq + off;
		if (cv->ws_frame && (d->pi->num > cv->ws_frame ||
		    (cv->ws_set[p->dir & 1] && seq >= cv->ws_seq[p->dir & 1]))) {
			if (cv->raw_after_switch)
				return;
			struct cur wc = cur_make(base, start + n);
			struct reasm_pdu wp = *p;
			struct reasm_need wn = { 0, 0 };
			wc.p = base + start + off;
			wp.seq = seq;
			wp.conv = &cv->ws;
			websocket_pdu(d, &wc, &wp, &wn);
			if (wn.need_len) {
				need->need_off = off + wn.need_off;
				need->need_len = wn.need_len;
			}
			return;
		}
		used = dissect_message(d, base, start + off, n - off, p, seq, cv, need, first);
		if (used < 0) {
			need->need_off = off;
			return;
		}
		if (used == 0)
			break;
		off += (uint32_t)used;
		col_set_fence(d->pi);
		first = 0;
	}
}

int http_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti)
{
	struct reasm_seg s;
	struct http_conv *cv;

	if (!d->sess || !d->sess->reasm || ti->no_subdissector)
		return 0;
	if (!cur_left(payload) && !(ti->flags & 0x01))
		return 0;
	cv = conv_for(d, ti->stream);
	if (!cv)
		return 0;
	if (cv->ws_frame && cv->raw_after_switch && d->pi->num > cv->ws_frame)
		return 0;
	s = tcp_payload_seg(ti);
	reasm_segment(d->sess->reasm, d, payload, &s, http_pdu);
	return 1;
}

int http_tcp_heuristic(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti)
{
	const uint8_t *p = payload->p;
	size_t n = cur_left(payload), ml;
	size_t next;
	long ll;

	if (d->sess && d->sess->reasm && reasm_conv_find(d->sess->reasm, ti->stream, d->pi->num))
		return http_tcp_payload(d, payload, ti);
	if (n < 8)
		return 0;
	ll = http_line_end(p, n, 0, &next);
	if (http_classify(p, (size_t)ll, &ml) == HTTP_RESPONSE) {
		if (ll < 9 || memcmp(p, "HTTP/1.", 7) != 0)
			return 0;
	} else if (http_classify(p, (size_t)ll, &ml) == HTTP_REQUEST) {
		/* "METHOD SP URI SP HTTP/1.x" */
		if ((size_t)ll < ml + 10 || memcmp(p + ll - 8, "HTTP/1.", 7) != 0)
			return 0;
	} else
		return 0;
	return http_tcp_payload(d, payload, ti);
}

/* ---- messages in UDP datagrams (SSDP) ---- */

/* The HTTP state of each UDP stream, indexed by udp.stream (session slot). */
struct http_udp {
	struct http_conv **conv;
	size_t n;
};

static void http_udp_release(void *p)
{
	struct http_udp *u = p;

	for (size_t i = 0; i < u->n; i++)
		if (u->conv[i]) {
			conv_release(u->conv[i]);
			free(u->conv[i]);
		}
	free(u->conv);
	free(u);
}

/* The UDP stream's HTTP state as this frame began; NULL without a numbered stream. */
static struct http_conv *udp_conv_for(struct dctx *d)
{
	struct http_udp *u;
	uint32_t s = d->pi->stream;

	if (!d->sess || d->pi->stream_ptype != PT_UDP)
		return NULL;
	u = session_slot(d->sess, SESS_SLOT_HTTP_UDP, sizeof(struct http_udp), http_udp_release);
	if (s >= u->n) {
		size_t n = u->n;
		u->conv = xgrow(u->conv, &n, (size_t)s + 1, sizeof(*u->conv));
		memset(u->conv + u->n, 0, (n - u->n) * sizeof(*u->conv));
		u->n = n;
	}
	if (!u->conv[s])
		u->conv[s] = xcalloc(1, sizeof(struct http_conv));
	return frame_state_get(&u->conv[s]->fs, d, u->conv[s], offsetof(struct http_conv, last_uri),
	    sizeof(struct http_conv));
}

void http_datagram(struct dctx *d, struct cur *c, uint32_t parent, const struct field_def *proto)
{
	struct dtree *t = d->tree;
	const uint8_t *base = c->base, *data = c->p;
	uint32_t start = cur_off(c), n = (uint32_t)cur_left(c), node, at;
	size_t next;
	long ll = http_line_end(data, n, 0, &next);
	struct http_first fl;
	struct msg m;
	struct http_conv *cv;

	memset(&m, 0, sizeof(m));
	m.base = base;
	m.start = start;
	m.cl = -1;
	http_split_first(data, (size_t)ll, &fl);
	m.kind = fl.kind;
	node = tree_add(t, parent, proto, start, n);
	cur_skip(c, n);
	if (fl.kind == HTTP_OTHER)
		return;
	first_line(d, node, start, data, next, &fl, &m);
	at = header_lines(d, node, &m, base, start, n, (uint32_t)next);
	cv = udp_conv_for(d);
	if (cv) {
		struct reasm_pdu p;
		memset(&p, 0, sizeof(p));
		p.stream = d->pi->stream;
		http_pair_message(d, node, start, cv, &fl, &m, &p, 0, at);
	}
}
