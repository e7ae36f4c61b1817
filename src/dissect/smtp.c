/* smtp.c — Simple Mail Transfer Protocol on TCP ports 25 and 587 (RFC 5321, STARTTLS:
 * RFC 3207, AUTH LOGIN: RFC 4954).
 *
 *   client → server   VERB [SP parameter] CRLF            "MAIL FROM:<a@example.com>\r\n"
 *   server → client   NNN SP text CRLF | NNN-text CRLF …  "250-SIZE 1000000\r\n250 HELP\r\n"
 *   after DATA and 354: the message, ended by CRLF "." CRLF
 *
 * As Wireshark 4.0: lines are reassembled over TCP (a segment whose first line has no
 * end waits for the next); each client line is classified as a command, an AUTH LOGIN
 * answer or message data, in capture order, with the stream's state (DATA, AUTH,
 * STARTTLS).  Message data segments are shown as "DATA fragment" with their lines;
 * Wireshark reassembles the message and hands it to its Internet Message Format
 * dissector at the final ".", which netlab does not have: that frame shows the "C: ."
 * line only.  After STARTTLS and a 220 reply the stream is TLS.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/strvis.h"
#include "dissect/protos.h"
#include "dissect/reasm.h"
#include "dissect/session.h"
#include "dissect/tcp_payload.h"
#include "dissect/textline.h"
#include "dissect/tls.h"

enum {
	F_PROTO, F_REQ, F_RSP, F_MESSAGE, F_COMMAND_LINE, F_REQ_COMMAND, F_REQ_PARAM, F_RESPONSE,
	F_RSP_CODE, F_RSP_PARAM, F_USERNAME, F_PASSWORD, F_CODE_UNEXPECTED,
};

static const struct val_str response_codes[] = {
	{ 211, "System status, or system help reply" },
	{ 214, "Help message" },
	{ 220, "<domain> Service ready" },
	{ 221, "<domain> Service closing transmission channel" },
	{ 235, "Authentication successful" },
	{ 250, "Requested mail action okay, completed" },
	{ 251, "User not local; will forward to <forward-path>" },
	{ 252, "Cannot VRFY user, but will accept message and attempt delivery" },
	{ 334, "AUTH input" },
	{ 354, "Start mail input; end with <CRLF>.<CRLF>" },
	{ 421, "<domain> Service not available, closing transmission channel" },
	{ 432, "A password transition is needed" },
	{ 450, "Requested mail action not taken: mailbox unavailable" },
	{ 451, "Requested action aborted: local error in processing" },
	{ 452, "Requested action not taken: insufficient system storage" },
	{ 454, "Temporary authenticaion failed" },
	{ 500, "Syntax error, command unrecognized" },
	{ 501, "Syntax error in parameters or arguments" },
	{ 502, "Command not implemented" },
	{ 503, "Bad sequence of commands" },
	{ 504, "Command parameter not implemented" },
	{ 530, "Authentication required" },
	{ 534, "Authentication mechanism is too weak" },
	{ 535, "Authentication credentials invalid" },
	{ 538, "Encryption required for requested authentication mechanism" },
	{ 550, "Requested action not taken: mailbox unavailable" },
	{ 551, "User not local; please try <forward-path>" },
	{ 552, "Requested mail action aborted: exceeded storage allocation" },
	{ 553, "Requested action not taken: mailbox name not allowed" },
	{ 554, "Transaction failed" },
	{ 0, NULL }
};

#define STR(i, a, n, h) [i] = { a, n, FT_STRING, BASE_NONE, 0, 0, NULL, h, 0 }

static const struct field_def fields[] = {
	[F_PROTO] = { "smtp", "Simple Mail Transfer Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"SMTP: mail handed from client to server, one command and reply at a time.", 0 },
	[F_REQ] = { "smtp.req", "Request", FT_BOOLEAN, BASE_NONE, 0, 0, NULL, "Sent by the client.", 0 },
	[F_RSP] = { "smtp.rsp", "Response", FT_BOOLEAN, BASE_NONE, 0, 0, NULL, "Sent by the server.", 0 },
	STR(F_MESSAGE, "smtp.message", "Message", "A line of the message."),
	STR(F_COMMAND_LINE, "smtp.command_line", "Command Line", "A client command line."),
	STR(F_REQ_COMMAND, "smtp.req.command", "Command", "The command's first four characters."),
	STR(F_REQ_PARAM, "smtp.req.parameter", "Request parameter", "What follows the command."),
	STR(F_RESPONSE, "smtp.response", "Response", "A server reply (its first line)."),
	[F_RSP_CODE] = { "smtp.response.code", "Response code", FT_UINT32, BASE_DEC, 0, 0, response_codes,
		"Three digits: 2xx done, 3xx go on, 4xx try later, 5xx failed.", 0 },
	STR(F_RSP_PARAM, "smtp.rsp.parameter", "Response parameter", "The text after the code, one per line."),
	STR(F_USERNAME, "smtp.auth.username", "Username", "AUTH LOGIN: the user name (base64)."),
	STR(F_PASSWORD, "smtp.auth.password", "Password", "AUTH LOGIN: the password (base64)."),
	[F_CODE_UNEXPECTED] = { "smtp.response.code.unexpected", "Unexpected response code in multiline response",
		FT_NONE, BASE_NONE, 0, 0, NULL, "Expert: a line of a multi-line reply with another code.", 0 },
};

static int smtp_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti);

static const struct field_table smtp_table = REG_TABLE(fields);
static const struct handoff smtp_handoffs[] = {
	{ HO_TCP_PORT, 25, .tcp = smtp_tcp_payload },
	{ HO_TCP_PORT, 587, .tcp = smtp_tcp_payload },
};
const struct proto_reg smtp_proto = REG_PROTO(smtp_table, smtp_handoffs);

/* ---- per-stream state ---- */

enum { ST_CMDS, ST_DATA, ST_STARTTLS };
enum { AUTH_NONE, AUTH_START, AUTH_USER_REQ, AUTH_USER_RSP, AUTH_PASS_REQ, AUTH_PASS_RSP,
	AUTH_SUCCESS, AUTH_FAILED };
enum { PDU_CMD, PDU_MESSAGE, PDU_EOM };

struct smtp_conv {
	uint8_t state, auth, crlf_seen, data_seen, tls;
	uint32_t first_auth_frame, last_auth_frame, username_frame, password_frame;
	uint32_t tls_after;		/* the 220 to STARTTLS: TLS after this frame */
	struct frame_state fs;
};

static struct smtp_conv *conv_for(struct dctx *d, uint32_t stream)
{
	return textline_conv(d, SESS_SLOT_SMTP, stream, sizeof(struct smtp_conv), offsetof(struct smtp_conv, fs));
}

static int has_at(const struct cur *c, size_t at, const char *s)
{
	size_t k = strlen(s);

	if (at + k > cur_left(c))
		return 0;
	for (size_t i = 0; i < k; i++)
		if (cur_peek(c, at + i) != (uint8_t)s[i])
			return 0;
	return 1;
}

static int has_at_nocase(const struct cur *c, size_t at, size_t len, const char *s)
{
	size_t k = strlen(s);

	if (len < k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		uint8_t ch = cur_peek(c, at + i);
		if (ch >= 'a' && ch <= 'z')
			ch = (uint8_t)(ch - 'a' + 'A');
		if (ch != (uint8_t)s[i])
			return 0;
	}
	return 1;
}

static int is_alpha(uint8_t ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

/* Four letters, or one of the longer commands Wireshark knows. */
static int is_command(const struct cur *c, size_t at, size_t cmdlen)
{
	static const char *const longer[] = { "STARTTLS", "X-EXPS", "X-LINK2STATE", "XEXCH50" };

	if (cmdlen == 4 && is_alpha(cur_peek(c, at)) && is_alpha(cur_peek(c, at + 1)) &&
	    is_alpha(cur_peek(c, at + 2)) && is_alpha(cur_peek(c, at + 3)))
		return 1;
	for (size_t i = 0; i < sizeof(longer) / sizeof(longer[0]); i++)
		if (cmdlen == strlen(longer[i]) && has_at_nocase(c, at, cmdlen, longer[i]))
			return 1;
	return 0;
}

static uint32_t add_ascii(struct dctx *d, uint32_t parent, int f, const struct cur *c, size_t at, size_t len)
{
	uint32_t n;
	const uint8_t *s;

	if (!tree_wants(d->tree, &fields[f]))
		return 0;
	s = textline_ascii(d->tree, c, at, len, &n);
	return tree_add_bytes(d->tree, parent, &fields[f], cur_off(c) + (uint32_t)at, (uint32_t)len, s, n);
}

/* Info text as Wireshark's format_text: UTF-8 kept, escaped. */
static void col_raw(struct pinfo *pi, const struct cur *c, size_t at, size_t len)
{
	struct cur l = cur_at(c, at);

	col_append_escaped(pi, l.p, len < cur_left(&l) ? len : cur_left(&l));
}

/* The first pass: what the client's lines are (the stream's state moves on). */
static int classify(struct smtp_conv *cv, const struct cur *c, uint32_t frame)
{
	size_t at = 0, n = cur_left(c), next;
	int type = PDU_CMD;

	while (at < n) {
		long ll = textline_end_deseg(c, at, &next);
		int eom = 0;
		size_t cmdlen = 0;
		if (ll < 0) {
			ll = (long)(n - at);
			next = n;
		}
		if (cv->state == ST_DATA) {
			if ((cv->crlf_seen && has_at(c, at, ".\r\n")) || has_at(c, at, "\r\n.\r\n"))
				eom = 1;
			cv->crlf_seen = n - at >= 2 && has_at(c, n - 2, "\r\n");
			if (eom) {
				cv->state = ST_CMDS;
				return PDU_EOM;
			}
			type = PDU_MESSAGE;
		} else {
			while (cmdlen < (size_t)ll && cur_peek(c, at + cmdlen) != ' ')
				cmdlen++;
			if (is_command(c, at, cmdlen)) {
				type = PDU_CMD;
				if (has_at_nocase(c, at, (size_t)ll, "DATA")) {
					cv->state = ST_DATA;
					cv->data_seen = 1;
				} else if (has_at_nocase(c, at, (size_t)ll, "AUTH LOGIN") && ll <= 11) {
					cv->state = ST_CMDS;
					cv->auth = AUTH_START;
					cv->first_auth_frame = frame;
				} else if (has_at_nocase(c, at, (size_t)ll, "STARTTLS"))
					cv->state = ST_STARTTLS;
			} else if (cv->auth == AUTH_USER_REQ) {
				cv->auth = AUTH_USER_RSP;
				cv->username_frame = frame;
			} else if (cv->auth == AUTH_PASS_REQ) {
				cv->auth = AUTH_PASS_RSP;
				cv->password_frame = frame;
			} else
				type = PDU_MESSAGE;
		}
		at = next;
	}
	return type;
}

static void text_lines(struct dctx *d, uint32_t parent, const struct cur *c)
{
	static const struct field_def *tl;
	struct dtree *t = d->tree;
	size_t at = 0, n = cur_left(c), next;
	uint32_t node, lines = 0;

	pi_push_proto(d->pi, "data-text-lines");
	if (!tl)
		tl = reg_lookup("data-text-lines");
	node = tl ? tree_add(t, parent, tl, cur_off(c), (uint32_t)n) : 0;
	if (!tree_text(t) || !node)
		return;
	while (at < n) {
		char buf[1024];
		struct cur l = cur_at(c, at);
		textline_end(c, at, &next);
		strvis(buf, sizeof(buf), l.p, next - at, STRVIS_WIRE);
		tree_add_text(t, node, cur_off(c) + (uint32_t)at, (uint32_t)(next - at), "%s", buf);
		at = next;
		lines++;
	}
	tree_label(t, node, "Line-based text data (%u lines)", lines);
}

static void request(struct dctx *d, struct smtp_conv *cv, uint32_t node, const struct cur *c, int type)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	size_t at = 0, n = cur_left(c), next;

	if (type == PDU_MESSAGE) {
		col_append_str(pi, "C: DATA fragment");
		col_append_uint(pi, ", ", n);
		col_append_str(pi, n == 1 ? " byte" : " bytes");
		text_lines(d, node, c);
		return;
	}
	if (type == PDU_EOM) {
		size_t nx;
		long ll = textline_end_deseg(c, 0, &nx);
		col_append_str(pi, "C: .");
		tree_add_text(t, node, cur_off(c), (uint32_t)(ll < 0 ? (long)n : ll), "C: .");
		return;
	}
	while (at < n) {
		long ll = textline_end_deseg(c, at, &next);
		if (ll < 0) {
			ll = (long)(n - at);
			next = n;
		}
		col_append_str(pi, at == 0 ? "C: " : " | ");
		tree_flag(t, tree_add_uint(t, node, &fields[F_REQ], cur_off(c), 0, 1), TN_HIDDEN);
		if (cv->username_frame == pi->num || cv->password_frame == pi->num) {
			int user = cv->username_frame == pi->num;
			add_ascii(d, node, user ? F_USERNAME : F_PASSWORD, c, at, (size_t)ll);
			col_append_str(pi, user ? "User: " : "Pass: ");
			col_raw(pi, c, at, (size_t)ll);
		} else {
			uint32_t ln = add_ascii(d, node, F_COMMAND_LINE, c, at, next - at);
			if (!ln)
				ln = node;
			add_ascii(d, ln, F_REQ_COMMAND, c, at, ll >= 4 ? 4 : (size_t)ll);
			if (ll > 5)
				add_ascii(d, ln, F_REQ_PARAM, c, at + 5, (size_t)ll - 5);
			col_raw(pi, c, at, (size_t)ll);
		}
		at = next;
	}
}

static void response(struct dctx *d, struct smtp_conv *cv, uint32_t node, const struct cur *c)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	size_t at = 0, n = cur_left(c), next;
	uint32_t rn = 0, code_node = 0;
	unsigned first_code = 0;
	int in_multi = 0;

	tree_flag(t, tree_add_uint(t, node, &fields[F_RSP], cur_off(c), 0, 1), TN_HIDDEN);
	while (at < n) {
		long ll = textline_end_deseg(c, at, &next);
		int digits = ll >= 3;
		if (ll < 0) {
			ll = (long)(n - at);
			next = n;
			digits = ll >= 3;
		}
		col_append_str(pi, at == 0 ? "S: " : " | ");
		for (size_t i = 0; i < 3 && digits; i++)
			digits = cur_peek(c, at + i) >= '0' && cur_peek(c, at + i) <= '9';
		if (digits) {
			unsigned code = (unsigned)(cur_peek(c, at) - '0') * 100 + (unsigned)(cur_peek(c, at + 1) - '0') * 10 +
			    (unsigned)(cur_peek(c, at + 2) - '0');
			if (cv->state == ST_STARTTLS) {
				if (code == 220)
					cv->tls_after = pi->num;
				cv->state = ST_CMDS;
			}
			if (code == 334) {
				if (cv->auth == AUTH_START)
					cv->auth = AUTH_USER_REQ;
				else if (cv->auth == AUTH_USER_RSP)
					cv->auth = AUTH_PASS_REQ;
			} else if (cv->auth == AUTH_PASS_RSP) {
				cv->auth = code == 235 ? AUTH_SUCCESS : AUTH_FAILED;
				cv->last_auth_frame = pi->num;
			}
			if (!in_multi) {
				rn = add_ascii(d, node, F_RESPONSE, c, at, next - at);
				if (!rn)
					rn = node;
				code_node = tree_add_uint(t, rn, &fields[F_RSP_CODE], cur_off(c) + (uint32_t)at, 3, code);
				first_code = code;
				col_raw(pi, c, at, (size_t)ll);
			} else {
				if (code != first_code && tree_text(t)) {
					char msg[128];
					snprintf(msg, sizeof(msg), "Unexpected response code %u in multiline response. Expected %u",
					    code, first_code);
					dissect_expert(d, code_node, &fields[F_CODE_UNEXPECTED], SEV_WARN, "Protocol", msg);
				}
				if (ll >= 4)
					col_raw(pi, c, at + 4, (size_t)ll - 4);
			}
			if (ll >= 4)
				add_ascii(d, rn, F_RSP_PARAM, c, at + 4, (size_t)ll - 4);
			in_multi = ll >= 4 && cur_peek(c, at + 3) == '-';
		}
		at = next;
	}
}

static void smtp_pdu(struct dctx *d, struct cur *c, const struct reasm_pdu *p, struct reasm_need *need)
{
	struct pinfo *pi = d->pi;
	struct smtp_conv *cv = conv_for(d, p->stream);	/* (the revisit copy) */
	int is_request = pi->dstport == 25 || pi->dstport == 587, type = PDU_CMD;
	size_t next;
	uint32_t node;

	if (!cv)
		return;

	if (textline_end_deseg(c, 0, &next) < 0) {
		need->need_off = 0;
		need->need_len = REASM_ONE_MORE_SEGMENT;
		return;
	}
	if (is_request)
		type = classify(cv, c, pi->num);
	pi_push_proto(pi, "smtp");
	col_set_proto(pi, "SMTP");
	col_clear(pi);
	node = tree_add(d->tree, 0, &fields[F_PROTO], cur_off(c), (uint32_t)cur_left(c));
	if (is_request)
		request(d, cv, node, c, type);
	else
		response(d, cv, node, c);
}

static int smtp_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti)
{
	struct smtp_conv *cv;
	struct reasm_seg s;

	if (!d->sess || !d->sess->reasm || ti->no_subdissector || !cur_left(payload))
		return 0;
	cv = conv_for(d, ti->stream);
	if (!cv)
		return 0;
	if (cv->tls_after && d->pi->num > cv->tls_after)
		return tls_tcp_payload(d, payload, ti);
	s = tcp_payload_seg(ti);
	reasm_segment(d->sess->reasm, d, payload, &s, smtp_pdu);
	return 1;
}
