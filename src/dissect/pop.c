/* pop.c — Post Office Protocol version 3 on TCP port 110 (RFC 1939, STLS: RFC 2595).
 *
 *   client → server   COMMAND [SP parameter] CRLF        "RETR 2\r\n"
 *   server → client   +OK [SP text] CRLF | -ERR [SP text] CRLF
 *                     multi-line replies: more lines, ended by ".\r\n"
 *
 * As Wireshark 4.0, each segment is dissected on its own: the first line gives the
 * command and parameter, or the status indicator and description, and the Info column
 * ("C: …", "S: …"); the other lines are shown as data.  A server segment that does
 * not begin with +OK or -ERR continues a message (RETR, TOP): Wireshark hands it to
 * its Internet Message Format dissector, which netlab does not have, so the segment
 * is left to TCP as data.  After STLS and its +OK the stream is TLS.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "core/strvis.h"
#include "dissect/protos.h"
#include "dissect/reasm.h"
#include "dissect/session.h"
#include "dissect/tcp_payload.h"
#include "dissect/textline.h"
#include "dissect/tls.h"

enum {
	F_PROTO, F_RESPONSE, F_RSP_IND, F_RSP_DESC, F_RSP_DATA, F_REQUEST, F_REQ_CMD, F_REQ_PARAM,
	F_REQ_DATA,
};

#define STR(i, a, n, h) [i] = { a, n, FT_STRING, BASE_NONE, 0, 0, NULL, h, 0 }

static const struct field_def fields[] = {
	[F_PROTO] = { "pop", "Post Office Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"POP3: a mail client fetches (and deletes) the messages of a mailbox.", 0 },
	STR(F_RESPONSE, "pop.response", "Response", "The server's first line."),
	STR(F_RSP_IND, "pop.response.indicator", "Response indicator", "+OK or -ERR."),
	STR(F_RSP_DESC, "pop.response.description", "Response description", "The text after the indicator."),
	STR(F_RSP_DATA, "pop.response.data", "Data", "Response Data"),
	STR(F_REQUEST, "pop.request", "Request", "The client's command line."),
	STR(F_REQ_CMD, "pop.request.command", "Request command", "USER, PASS, STAT, LIST, RETR, DELE, QUIT …"),
	STR(F_REQ_PARAM, "pop.request.parameter", "Request parameter", "What follows the command."),
	STR(F_REQ_DATA, "pop.request.data", "Data", "Request data"),
};

static int pop_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti);

static const struct field_table pop_table = REG_TABLE(fields);
static const struct handoff pop_handoffs[] = {
	{ HO_TCP_PORT, 110, .tcp = pop_tcp_payload },
};
const struct proto_reg pop_proto = REG_PROTO(pop_table, pop_handoffs);

struct pop_conv {
	uint8_t stls_request;	/* STLS sent, no reply yet */
	uint8_t tls;		/* the stream is TLS from the next frame */
	struct frame_state fs;
};

static struct pop_conv *conv_for(struct dctx *d, uint32_t stream)
{
	if (!d->sess)
		return NULL;
	return textline_conv(d, SESS_SLOT_POP, stream, sizeof(struct pop_conv), offsetof(struct pop_conv, fs));
}

static int starts_with(const struct cur *c, size_t len, const char *s, int nocase)
{
	size_t k = strlen(s);

	if (len < k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		uint8_t ch = cur_peek(c, i);
		if (nocase && ch >= 'a' && ch <= 'z')
			ch = (uint8_t)(ch - 'a' + 'A');
		if (ch != (uint8_t)s[i])
			return 0;
	}
	return 1;
}

/* A line as a string field whose label is the line itself, escaped. */
static uint32_t add_line(struct dctx *d, uint32_t parent, int f, const struct cur *c, size_t at, size_t len)
{
	struct cur l = cur_at(c, at);
	/* tshark's value is "", the line is the label only */
	uint32_t n = tree_add_bytes(d->tree, parent, &fields[f], cur_off(c) + (uint32_t)at, (uint32_t)len,
	    (const uint8_t *)"", 0);

	if (n && tree_text(d->tree)) {
		char buf[1024];
		strvis(buf, sizeof(buf), l.p, len < cur_left(&l) ? len : cur_left(&l), STRVIS_WIRE);
		tree_label(d->tree, n, "%s", buf);
	}
	return n;
}

static void add_ascii(struct dctx *d, uint32_t parent, int f, const struct cur *c, size_t at, size_t len)
{
	uint32_t n;
	const uint8_t *s;

	if (!tree_wants(d->tree, &fields[f]))
		return;
	s = textline_ascii(d->tree, c, at, len, &n);
	tree_add_bytes(d->tree, parent, &fields[f], cur_off(c) + (uint32_t)at, (uint32_t)len, s, n);
}

static int pop_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	struct pop_conv scratch, *cv;
	int is_request = ti->dstport == 110;	/* Wireshark: the matched port is the destination */
	size_t next, linelen, arg_at, tok, total = cur_left(payload);
	uint32_t node, rr;

	if (ti->no_subdissector || !total)
		return 0;
	if (ti->out_of_order)
		return 1;	/* tshark shows the TCP payload only */
	cv = conv_for(d, ti->stream);
	if (!cv) {
		memset(&scratch, 0, sizeof(scratch));
		cv = &scratch;
	}
	if (cv->tls && !textline_looks_plain(payload))
		return tls_tcp_payload(d, payload, ti);
	cv->tls = 0;
	linelen = textline_end(payload, 0, &next);
	if (!is_request && !starts_with(payload, linelen, "+OK", 0) && !starts_with(payload, linelen, "-ERR", 0))
		return 0;	/* message data: Wireshark's IMF */

	pi_push_proto(pi, "pop");
	col_set_proto(pi, "POP");
	col_clear(pi);
	col_append_str(pi, is_request ? "C: " : "S: ");
	{
		struct cur l = cur_at(payload, 0);
		col_append_escaped(pi, l.p, linelen);
	}
	node = tree_add(t, 0, &fields[F_PROTO], cur_off(payload), (uint32_t)total);
	rr = add_line(d, node, is_request ? F_REQUEST : F_RESPONSE, payload, 0, next);
	if (!rr)
		rr = node;
	tok = textline_token(payload, 0, linelen, &arg_at);
	if (tok) {
		add_ascii(d, rr, is_request ? F_REQ_CMD : F_RSP_IND, payload, 0, tok);
		if (is_request) {
			if (starts_with(payload, linelen, "STLS", 1))
				cv->stls_request = 1;
		} else if (cv->stls_request) {
			if (starts_with(payload, linelen, "+OK ", 1))
				cv->tls = 1;
			cv->stls_request = 0;
		}
	} else
		arg_at = 0;
	if (arg_at < linelen)
		add_ascii(d, rr, is_request ? F_REQ_PARAM : F_RSP_DESC, payload, arg_at, linelen - arg_at);
	for (size_t at = next; at < total; at = next) {
		textline_end(payload, at, &next);
		add_line(d, node, is_request ? F_REQ_DATA : F_RSP_DATA, payload, at, next - at);
	}
	return 1;
}
