/* http_int.h — what http.c (messages), http_pair.c (request/response pairing) and
 * http_body.c (bodies, chunks, media types, line-based text) share.  Private to them.
 */
#ifndef NETLAB_HTTP_INT_H
#define NETLAB_HTTP_INT_H

#include "dissect/dissect.h"
#include "dissect/http.h"
#include "dissect/reasm.h"
#include "dissect/session.h"
#include "dissect/websocket.h"

enum {
	H_PROTO, H_RESPONSE_F, H_REQUEST_F, H_RESP_NUM, H_REQ_NUM, H_RESP_LINE, H_REQ_LINE,
	H_METHOD, H_URI, H_URI_PATH, H_URI_QUERY, H_URI_PARAM, H_REQ_VERSION, H_RESP_VERSION,
	H_FULL_URI, H_CODE, H_CODE_DESC, H_RESP_FOR_URI, H_PHRASE, H_AUTHORIZATION,
	H_PROXY_AUTHENTICATE, H_PROXY_AUTHORIZATION, H_WWW_AUTHENTICATE, H_CONTENT_TYPE,
	H_CL_HEADER, H_CL, H_CONTENT_ENCODING, H_TRANSFER_ENCODING, H_UPGRADE, H_USER_AGENT,
	H_HOST, H_CONNECTION, H_COOKIE, H_COOKIE_PAIR, H_ACCEPT, H_REFERER, H_ACCEPT_LANGUAGE,
	H_ACCEPT_ENCODING, H_DATE, H_CACHE_CONTROL, H_SERVER, H_LOCATION, H_WS_ACCEPT,
	H_WS_EXTENSIONS, H_WS_KEY, H_WS_PROTOCOL, H_WS_VERSION, H_SET_COOKIE, H_LAST_MODIFIED,
	H_XFF, H_HTTP2_SETTINGS, H_REQUEST_IN, H_RESPONSE_IN, H_NEXT_REQ_IN, H_NEXT_RESP_IN,
	H_PREV_REQ_IN, H_PREV_RESP_IN, H_TIME, H_CHUNK_BOUNDARY, H_CHUNK_SIZE, H_CHUNK_DATA,
	H_TRAILER, H_FILE_DATA, H_DECOMP_FAILED, H_UNKNOWN_HEADER, H_CHAT, H_IF_MODIFIED_SINCE,
	H_IF_NONE_MATCH, H_COUNT
};

/* The message being dissected: what its first line and headers said. */
struct msg {
	const uint8_t *base;		/* data source bytes (offsets are from here) */
	uint32_t start;			/* message start offset in base */
	enum http_kind kind;
	int code;
	int have_cl;
	int64_t cl;
	int te_chunked, te_other;
	char ctype[128];		/* lower case, no parameters */
	int keepalive, upgrade_ws, conn_upgrade;
	const uint8_t *cenc;		/* Content-Encoding's value (in the message), or NULL */
	uint32_t cenc_len;
	const uint8_t *host;
	uint32_t host_len;
	const uint8_t *uri;
	uint32_t uri_len;
	char method[16];
};

/* What a stream showed so far (per TCP stream, in the reassembly's conversation). */
struct req_res {
	uint32_t number;
	uint32_t req_frame, res_frame;
	int64_t req_ts;
};

/* What a message showed on the first pass, for revisits (keep_results). */
struct msg_rec {
	uint32_t frame, seq;
	int dir;
	uint32_t rr;		/* index+1 into req_res */
	uint32_t total;		/* req_res_num at the time */
	int full_uri_idx;	/* response_for.uri: index into uris, -1 none */
};

struct http_conv {
	/* replayed on revisits as each frame began (frame_state) */
	uint8_t last_head, last_connect;	/* the latest request's method */
	uint32_t ws_frame;	/* WebSocket from this frame on (0: none) */
	uint32_t ws_seq[2];	/* … and, in that frame, from this seq of each direction */
	uint8_t ws_set[2];
	uint8_t upgrade_pending;	/* a request asked for Upgrade: websocket */
	uint8_t raw_after_switch;	/* 101 to something else than WebSocket: TCP shows it */
	/* the first pass alone adds to these; revisits read their records */
	uint32_t last_uri;	/* full URI of the latest request (response_for.uri): its
				 * index in uris + 1, 0 none */
	uint32_t first_msg_frame, first_msg_seq;	/* where the first message was
							 * dissected (frame 0: none yet) */
	struct req_res *rr;
	size_t nrr, rrcap;
	struct msg_rec *recs;
	size_t nrecs, reccap;
	char **uris;		/* full URIs of requests (with keep_results all of them,
				 * else the latest) */
	size_t nuris, uricap;
	struct ws_conv ws;
	struct frame_state fs;
};

/* http.c */
const struct field_def *http_field(int field);	/* fields[field] of HTTP's table */
enum { ESC_MAX = 4096 };
/* Escaped text of a line for a label, into the caller's buf (ESC_MAX bytes). */
const char *http_esc(char *buf, const uint8_t *p, size_t n);
uint32_t http_add_str(struct dctx *d, uint32_t parent, int f, uint32_t off, uint32_t len,
    const uint8_t *p, uint32_t n);

void http_drop_uris(struct http_conv *c);
uint32_t http_add_gen_str(struct dctx *d, uint32_t parent, int f, const char *s);
struct msg_rec *http_find_rec(struct http_conv *cv, uint32_t frame, int dir, uint32_t seq);

/* http_pair.c: requests and responses paired per stream, as Wireshark 4.0 does */
void http_pair_message(struct dctx *d, uint32_t http_node, uint32_t start, struct http_conv *cv,
    const struct http_first *fl, const struct msg *m, const struct reasm_pdu *p, uint32_t pdu_seq,
    uint32_t end);

/* http_body.c */
void http_body(struct dctx *d, uint32_t http_node, const uint8_t *base,
    uint32_t off, uint32_t len, struct msg *m);
long http_chunked(struct dctx *d, uint32_t http_node, const uint8_t *base,
    uint32_t off, uint32_t len, uint8_t **dechunked, uint32_t *dlen);

#endif
