/* websocket.c — The WebSocket Protocol (RFC 6455), frames after an HTTP upgrade.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-------+-+-------------+-------------------------------+
 *   |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *   |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *   |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *   | |1|2|3|       |K|             |                               |
 *   +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *   |     Extended payload length continued, if payload len == 127  |
 *   + - - - - - - - - - - - - - - - +-------------------------------+
 *   |                               |Masking-key, if MASK set to 1  |
 *   +-------------------------------+-------------------------------+
 *   | Masking-key (continued)       |          Payload Data         |
 *   +-------------------------------- - - - - - - - - - - - - - - - +
 *
 * Frames are PDUs of the TCP byte stream (tcp_dissect_pdus in Wireshark): a frame
 * spanning segments is dissected where it ends, several frames in one segment are
 * dissected in turn (each one replaces the Info column, as tshark shows it).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/strvis.h"
#include "core/xmalloc.h"
#include "dissect/protos.h"
#include "dissect/websocket.h"

enum {
	W_PROTO, W_FIN, W_RSV, W_PMC, W_OPCODE, W_MASK, W_LEN, W_LEN16, W_LEN64, W_KEY,
	W_PAYLOAD, W_MASKED, W_CONT, W_TEXT, W_CLOSE, W_CLOSE_CODE, W_CLOSE_REASON, W_PING,
	W_PONG, W_UNKNOWN,
};

static const struct val_str opcode_vals[] = {
	{ 0, "Continuation" }, { 1, "Text" }, { 2, "Binary" }, { 8, "Connection Close" },
	{ 9, "Ping" }, { 10, "Pong" }, { 0, NULL }
};

static const struct val_str close_vals[] = {
	{ 1000, "Normal Closure" }, { 1001, "Going Away" }, { 1002, "Protocol error" },
	{ 1003, "Unsupported Data" }, { 1004, "---Reserved----" }, { 1005, "No Status Rcvd" },
	{ 1006, "Abnormal Closure" }, { 1007, "Invalid frame payload data" },
	{ 1008, "Policy Violation" }, { 1009, "Message Too Big" }, { 1010, "Mandatory Ext." },
	{ 1011, "Internal Server" }, { 1015, "TLS handshake" }, { 0, NULL }
};

static const struct val_str true_false[] = { { 0, "False" }, { 1, "True" }, { 0, NULL } };

static const struct field_def fields[] = {
	[W_PROTO] = { "websocket", "WebSocket", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Full-duplex messages over the TCP connection after an HTTP 101 upgrade.", 0 },
	[W_FIN] = { "websocket.fin", "Fin", FT_BOOLEAN, BASE_NONE, 0x80, 8, true_false,
		"1 bit: this is the final fragment of a message.", 0 },
	[W_RSV] = { "websocket.rsv", "Reserved", FT_UINT8, BASE_HEX, 0x70, 8, NULL,
		"3 bits: for extensions; must be zero otherwise.", 0 },
	[W_PMC] = { "websocket.pmc", "Per-Message Compressed", FT_BOOLEAN, BASE_NONE, 0x40, 8, NULL,
		"RSV1 with permessage-deflate: the message is compressed.", 0 },
	[W_OPCODE] = { "websocket.opcode", "Opcode", FT_UINT8, BASE_DEC, 0x0f, 8, opcode_vals,
		"4 bits: 0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong.", 0 },
	[W_MASK] = { "websocket.mask", "Mask", FT_BOOLEAN, BASE_NONE, 0x80, 8, true_false,
		"1 bit: the payload is XORed with a 4-byte key (always set from client to server).", 0 },
	[W_LEN] = { "websocket.payload_length", "Payload length", FT_UINT8, BASE_DEC, 0x7f, 8, NULL,
		"7 bits: payload size, or 126/127 when a 16/64-bit length follows.", 0 },
	[W_LEN16] = { "websocket.payload_length_ext_16", "Extended Payload length (16 bits)", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: payload size when the 7-bit field says 126.", 0 },
	[W_LEN64] = { "websocket.payload_length_ext_64", "Extended Payload length (64 bits)", FT_UINT64, BASE_DEC, 0, 0, NULL,
		"64 bits: payload size when the 7-bit field says 127.", 0 },
	[W_KEY] = { "websocket.masking_key", "Masking-Key", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"32 bits: the XOR key of a masked frame.", 0 },
	[W_PAYLOAD] = { "websocket.payload", "Payload", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Payload (after unmasking).", 0 },
	[W_MASKED] = { "websocket.masked_payload", "Masked payload", FT_NONE, BASE_NONE, 0, 0, NULL,
		"The payload as sent, before unmasking.", 0 },
	[W_CONT] = { "websocket.payload.continue", "Continue", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"A continuation fragment.", 0 },
	[W_TEXT] = { "websocket.payload.text", "Text", FT_STRING, BASE_NONE, 0, 0, NULL,
		"UTF-8 text of a text frame.", 0 },
	[W_CLOSE] = { "websocket.payload.close", "Close", FT_NONE, BASE_NONE, 0, 0, NULL,
		"A close frame: status code and reason.", 0 },
	[W_CLOSE_CODE] = { "websocket.payload.close.status_code", "Status code", FT_UINT16, BASE_DEC, 0, 0, close_vals,
		"Why the connection is closed (1000 normal).", 0 },
	[W_CLOSE_REASON] = { "websocket.payload.close.reason", "Reason", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Text explaining the close.", 0 },
	[W_PING] = { "websocket.payload.ping", "Ping", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Keep-alive probe; the peer answers with a pong carrying the same bytes.", 0 },
	[W_PONG] = { "websocket.payload.pong", "Pong", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Answer to a ping.", 0 },
	[W_UNKNOWN] = { "websocket.payload.unknown", "Unknown", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Payload of an unknown opcode.", 0 },
};
static const struct field_table websocket_table = REG_TABLE(fields);
const struct proto_reg websocket_proto = REG_PROTO_TABLE(websocket_table);

void websocket_conv_release(struct ws_conv *w)
{
	(void)w;
}

int websocket_parse_header(const uint8_t *p, size_t n, struct ws_header *h)
{
	const struct cur m = cur_make(p, n);
	uint32_t at = 2;

	memset(h, 0, sizeof(*h));
	if (n < 2)
		return 0;
	h->fin = p[0] >> 7;
	h->rsv = (p[0] >> 4) & 7;
	h->opcode = p[0] & 0x0f;
	h->mask = p[1] >> 7;
	h->len7 = p[1] & 0x7f;
	h->payload_len = h->len7;
	if (h->len7 == 126) {
		if (n < 4)
			return 0;
		h->payload_len = cur_peek_be16(&m, 2);
		at = 4;
	} else if (h->len7 == 127) {
		if (n < 10)
			return 0;
		h->payload_len = (uint64_t)cur_peek_be32(&m, 2) << 32 | cur_peek_be32(&m, 6);
		at = 10;
	}
	if (h->mask) {
		if (n < at + 4)
			return 0;
		memcpy(h->key, p + at, 4);
		at += 4;
	}
	h->header_len = at;
	return 1;
}

uint32_t websocket_frame_len(const uint8_t *p, size_t n)
{
	const struct cur m = cur_make(p, n);
	uint32_t len = 2, pl;

	if (n < 2)
		return 0;
	pl = p[1] & 0x7f;
	if (pl == 126) {
		if (n < 4)
			return 0;
		pl = cur_peek_be16(&m, 2);
		len += 2;
	} else if (pl == 127) {
		if (n < 10)
			return 0;
		pl = cur_peek_be32(&m, 6);
		len += 8;
	}
	if (p[1] & 0x80)
		len += 4;
	return len + pl;
}

void websocket_unmask(uint8_t *p, size_t n, const uint8_t key[4], uint64_t pos)
{
	for (size_t i = 0; i < n; i++)
		p[i] ^= key[(pos + i) & 3];
}

static void text_lines(struct dctx *d, const uint8_t *p, uint32_t n)
{
	struct dtree *t = d->tree;
	static const struct field_def *tl;
	uint32_t node, lines = 0, at = 0;

	pi_push_proto(d->pi, "data-text-lines");
	if (!tl)
		tl = reg_lookup("data-text-lines");
	node = tree_add(t, 0, tl, 0, n);
	if (!tree_text(t) || !node)
		return;
	while (at < n) {
		uint32_t e = at;
		char buf[1024];
		while (e < n && p[e] != '\n' && p[e] != '\r')
			e++;
		if (e < n)
			e += (p[e] == '\r' && e + 1 < n && p[e + 1] == '\n') ? 2 : 1;
		strvis(buf, sizeof(buf), p + at, e - at, STRVIS_WIRE);
		tree_add_text(t, node, at, e - at, "%s", buf);
		at = e;
		lines++;
	}
	tree_label(t, node, "Line-based text data (%u lines)", lines);
}

/* Columns and the header fields of the frame at p (frame offset off); returns its node. */
static uint32_t frame_header(struct dctx *d, const uint8_t *p, uint32_t off, uint32_t flen,
    const struct ws_header *hp)
{
	struct dtree *t = d->tree;
	const struct ws_header h = *hp;
	uint32_t node, len;
	const char *op;

	col_set_proto(d->pi, "WebSocket");
	col_clear(d->pi);
	op = val_to_str((uint32_t)h.opcode, opcode_vals);
	if (op)
		col_append(d->pi, "WebSocket %s", op);
	else
		col_append(d->pi, "WebSocket Unknown (%d)", h.opcode);
	col_append(d->pi, " %s%s", h.fin ? "[FIN] " : "", h.mask ? "[MASKED]" : "");
	pi_push_proto(d->pi, "websocket");
	node = tree_add(t, 0, &fields[W_PROTO], off, flen);
	tree_add_uint(t, node, &fields[W_FIN], off, 1, p[0]);
	tree_add_uint(t, node, &fields[W_RSV], off, 1, p[0]);
	tree_add_uint(t, node, &fields[W_OPCODE], off, 1, p[0]);
	tree_add_uint(t, node, &fields[W_MASK], off + 1, 1, p[1]);
	len = tree_add_uint(t, node, &fields[W_LEN], off + 1, 1, p[1]);
	if (h.len7 >= 126)	/* tshark names the two escape values after the field that follows */
		tree_label_append(t, len, " Extended Payload Length (%d bits)", h.len7 == 126 ? 16 : 64);
	if (h.len7 == 126)
		tree_add_uint(t, node, &fields[W_LEN16], off + 2, 2, h.payload_len);
	else if (h.len7 == 127)
		tree_add_uint(t, node, &fields[W_LEN64], off + 2, 8, h.payload_len);
	if (h.mask)
		tree_add_bytes(t, node, &fields[W_KEY], off + h.header_len - 4, 4, p + h.header_len - 4, 4);
	return node;
}

static void dissect_frame_pdu(struct dctx *d, const uint8_t *base, uint32_t off, uint32_t flen)
{
	struct dtree *t = d->tree;
	const uint8_t *p = base + off;
	struct ws_header h;
	uint32_t node, pl_off, pl_len, pn;
	uint8_t *un = NULL;
	const uint8_t *payload;

	websocket_parse_header(p, flen, &h);
	node = frame_header(d, p, off, flen, &h);
	pl_off = off + h.header_len;
	pl_len = flen - h.header_len;
	if (!pl_len)
		return;
	payload = base + pl_off;
	if (h.mask) {
		tree_add(t, node, &fields[W_MASKED], pl_off, pl_len);
		un = xmalloc(pl_len);
		memcpy(un, payload, pl_len);
		websocket_unmask(un, pl_len, h.key, 0);
		if (t) {
			int src = tree_add_source(t, "Unmasked data", un, pl_len);
			if (src) {
				free(un);
				un = NULL;
				payload = t->src[src].data;
				pl_off = 0;
			} else
				payload = un;
		} else
			payload = un;
	}
	pn = tree_add(t, node, &fields[W_PAYLOAD], pl_off, pl_len);
	switch (h.opcode) {
	case 1:
		tree_add_bytes(t, pn, &fields[W_TEXT], pl_off, pl_len, payload, pl_len);
		text_lines(d, payload, pl_len);
		break;
	case 0:
		tree_add_bytes(t, pn, &fields[W_CONT], pl_off, pl_len, payload, pl_len);
		goto data;
	case 2:
	data: {
		struct cur c = cur_make(payload - pl_off, pl_off + pl_len);
		c.p = payload;
		dissect_data(d, &c, 0);
		break;
	}
	case 8: {
		uint32_t cn = tree_add(t, pn, &fields[W_CLOSE], pl_off, pl_len);
		const struct cur pc = cur_make(payload, pl_len);
		if (pl_len >= 2)
			tree_add_uint(t, cn, &fields[W_CLOSE_CODE], pl_off, 2,
			    cur_peek_be16(&pc, 0));
		if (pl_len > 2)
			tree_add_bytes(t, cn, &fields[W_CLOSE_REASON], pl_off + 2, pl_len - 2, payload + 2,
			    pl_len - 2);
		break;
	}
	case 9:
		tree_add_bytes(t, pn, &fields[W_PING], pl_off, pl_len, payload, pl_len);
		break;
	case 10:
		tree_add_bytes(t, pn, &fields[W_PONG], pl_off, pl_len, payload, pl_len);
		break;
	default:
		tree_add_bytes(t, pn, &fields[W_UNKNOWN], pl_off, pl_len, payload, pl_len);
		break;
	}
	if (t)
		tree_set_source(t, 0);
	free(un);
}

void websocket_pdu(struct dctx *d, struct cur *c, const struct reasm_pdu *p,
    struct reasm_need *need)
{
	const uint8_t *base = c->base;
	uint32_t start = cur_off(c), n = (uint32_t)cur_left(c), off = 0;
	int pushed = 0;

	(void)p;
	while (off < n) {
		uint32_t left = n - off, flen;
		if (left < 2) {
			need->need_off = off;
			need->need_len = 2 - left;
			return;
		}
		flen = websocket_frame_len(base + start + off, left);
		if (flen == 0) {
			need->need_off = off;
			need->need_len = REASM_ONE_MORE_SEGMENT;
			return;
		}
		if (flen < 2)
			return;
		if (left < flen) {
			need->need_off = off;
			need->need_len = flen - left;
			return;
		}
		if (!pushed && (d->pi->nprotos == 0 || strcmp(d->pi->protos[d->pi->nprotos - 1], "http") != 0))
			pi_push_proto(d->pi, "http");
		pushed = 1;
		/* tcp_dissect_pdus notes each PDU it hands on */
		reasm_pdu_size(d, p, start + off, flen);
		dissect_frame_pdu(d, base, start + off, flen);
		off += flen;
	}
}
