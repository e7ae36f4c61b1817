/* wsconn.c — a mini HTTP server connection after the upgrade (RFC 6455): the 101
 * response, frames out, frames in (fragmented messages, UTF-8 check, close codes,
 * ping/pong, the greeting and the echo); see httpd.c and wsframe.c.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/xmalloc.h"
#include "server/httpd_int.h"


void httpd_ws_frame(struct conn *c, int op, const uint8_t *p, size_t n)
{
	uint8_t hd[10];

	httpd_out_add(c, hd, wsframe_header(hd, op, n));
	if (n)
		httpd_out_add(c, p, n);
}

void httpd_ws_greet(struct conn *c)
{
	static const char greeting[] = "{\"type\":\"connected\"}";

	httpd_ws_frame(c, 1, (const uint8_t *)greeting, sizeof(greeting) - 1);
}

/* Sends a close frame with code (0 = no status code: an empty payload) and ends the
 * connection once it has left.  code is never 1005, 1006 or 1015. */
static void ws_close(struct httpd *h, struct conn *c, unsigned code)
{
	uint8_t p[2] = { (uint8_t)(code >> 8), (uint8_t)code };
	char what[48];

	httpd_ws_frame(c, 8, p, code ? 2 : 0);
	c->close_after = 1;
	snprintf(what, sizeof(what), "WS close %u", code);
	httpd_log_note(h, c, what);
}

void httpd_respond_upgrade(struct httpd *h, struct conn *c, const struct httpreq *r)
{
	char accept[29];
	int ok = r->minor == 1 && r->conn_upgrade && httpreq_has_token(r->upgrade, "websocket");
	size_t i;

	if (!ok) {
		httpd_respond_error(h, c, r, 426, r->keep_alive,
		    "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n");
		return;
	}
	if (r->ws_version.n != 2 || memcmp(r->ws_version.p, "13", 2) != 0) {
		httpd_respond_error(h, c, r, 426, r->keep_alive, "Sec-WebSocket-Version: 13\r\n");
		return;
	}
	/* a base64-encoded 16-byte nonce: 22 characters and "==" */
	for (i = 0; i < r->ws_key.n && i < 22; i++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
		    r->ws_key.p[i]) || !r->ws_key.p[i])
			break;
	if (r->ws_key.n != 24 || i != 22 || r->ws_key.p[22] != '=' || r->ws_key.p[23] != '=') {
		httpd_respond_error(h, c, r, 400, 0, NULL);
		return;
	}
	httpd_ws_accept(r->ws_key.p, r->ws_key.n, accept);
	httpd_head_start(h, c, 101);
	OUT_LIT(c, "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ");
	httpd_out_add(c, accept, 28);
	OUT_LIT(c, "\r\n\r\n");
	c->greet = 1;
	atomic_fetch_add_explicit(&h->requests, 1, memory_order_relaxed);
	httpd_log_request(h, c, r, 101, 0);
	c->state = C_WS;
	c->deadline = h->now + WS_IDLE_TIMEOUT_MS;
	if (c->incap < WS_MAX_PAYLOAD + 14) {
		c->incap = WS_MAX_PAYLOAD + 14;
		c->in = xrealloc(c->in, c->incap);
	}
}

/* A data frame (text, binary or continuation) with its unmasked payload: fragments
 * are gathered up to WS_MAX_PAYLOAD, a whole message is echoed. */
static void ws_data(struct httpd *h, struct conn *c, int op, int fin, const uint8_t *pl,
    uint64_t len)
{
	char what[64];

	if ((op == 0) != (c->msgop != 0)) {
		ws_close(h, c, 1002);
		return;
	}
	if (op == 1)
		memset(&c->u8, 0, sizeof(c->u8));
	/* RFC 6455 8.1: fail as soon as the text cannot be UTF-8, fragment or not */
	if ((op == 1 || (op == 0 && c->msgop == 1)) &&
	    (wsframe_utf8_feed(&c->u8, pl, (size_t)len) < 0 || (fin && c->u8.need))) {
		ws_close(h, c, 1007);
		return;
	}
	if (op == 0 || !fin) {
		if (c->msglen + len > WS_MAX_PAYLOAD) {
			ws_close(h, c, 1009);
			return;
		}
		if (!c->msg)
			c->msg = xmalloc(WS_MAX_PAYLOAD);
		memcpy(c->msg + c->msglen, pl, (size_t)len);
		c->msglen += (size_t)len;
		if (op)
			c->msgop = op;
		if (!fin)
			return;
		op = c->msgop;
		pl = c->msg;
		len = c->msglen;
		c->msgop = 0;
		c->msglen = 0;
	}
	httpd_ws_frame(c, op, pl, (size_t)len);
	atomic_fetch_add_explicit(&h->ws_messages, 1, memory_order_relaxed);
	snprintf(what, sizeof(what), "WS %s %llu echoed", op == 1 ? "text" : "binary",
	    (unsigned long long)len);
	httpd_log_note(h, c, what);
}

/* A close frame: echo a valid status code, then end the connection. */
static void ws_close_frame(struct httpd *h, struct conn *c, const uint8_t *pl, uint64_t len)
{
	unsigned code = len >= 2 ? (unsigned)pl[0] << 8 | pl[1] : 0;
	struct wsframe_utf8 reason = { 0, 0, 0 };

	if (len == 1 || (len >= 2 && !wsframe_close_code_ok(code)))
		code = 1002;
	else if (len > 2 && (wsframe_utf8_feed(&reason, pl + 2, (size_t)len - 2) < 0 || reason.need))
		code = 1007;
	ws_close(h, c, code);
}

/* Handles one complete frame from the input; returns 1 if one was consumed. */
int httpd_ws_process(struct httpd *h, struct conn *c)
{
	uint8_t *p = (uint8_t *)c->in + c->inoff;
	struct wsframe_in f;
	int r = wsframe_parse(p, c->inlen - c->inoff, WS_MAX_PAYLOAD, &f);
	uint8_t *mask, *pl;

	if (r < 0)
		return 0;
	if (r > 0) {
		ws_close(h, c, (unsigned)r);
		return 1;
	}
	mask = p + f.hl;
	pl = mask + 4;
	for (uint64_t i = 0; i < f.len; i++)
		pl[i] ^= mask[i & 3];
	c->inoff += f.hl + 4 + (size_t)f.len;
	c->deadline = h->now + WS_IDLE_TIMEOUT_MS;

	switch (f.op) {
	case 0:				/* continuation */
	case 1:				/* text */
	case 2:				/* binary */
		ws_data(h, c, f.op, f.fin, pl, f.len);
		return 1;
	case 8:
		ws_close_frame(h, c, pl, f.len);
		return 1;
	case 9:				/* ping */
		httpd_ws_frame(c, 10, pl, (size_t)f.len);
		httpd_log_note(h, c, "WS ping");
		return 1;
	case 10:			/* pong: unsolicited ones are allowed and ignored */
		return 1;
	default:
		ws_close(h, c, 1002);
		return 1;
	}
}

