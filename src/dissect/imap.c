/* imap.c — Internet Message Access Protocol on TCP port 143 (RFC 3501).
 *
 *   client → server   tag SP command [SP arguments] CRLF     "a001 LOGIN alice secret\r\n"
 *   server → client   "*" SP untagged data CRLF              "* 18 EXISTS\r\n"
 *                     tag SP OK|NO|BAD SP text CRLF          "a001 OK LOGIN completed\r\n"
 *                     "+" SP continuation request CRLF
 *
 * As Wireshark 4.0: whole lines are reassembled over TCP (reasm.c, "one more segment"
 * until a line ends); "*" lines are shown as they are, other lines are split into tag,
 * command (or status and command), folder and LOGIN credentials, and replies are
 * paired with the request of the same tag (Request In, Response Time).  A FETCH reply
 * carrying a literal ({size}) is waited for whole; Wireshark hands the literal to its
 * Internet Message Format dissector, which netlab does not have: its bytes are
 * skipped.  The first two segments of a stream that do not start with printable text
 * are TLS (IMAP after a STARTTLS not captured).
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dissect/protos.h"
#include "dissect/reasm.h"
#include "dissect/session.h"
#include "dissect/tcp_payload.h"
#include "dissect/textline.h"
#include "dissect/tls.h"

enum {
	F_PROTO, F_ISREQUEST, F_LINE, F_REQUEST, F_REQ_TAG, F_RESPONSE, F_RSP_TAG, F_REQ_CMD,
	F_RSP_CMD, F_RSP_STATUS, F_TAG, F_COMMAND, F_REQ_FOLDER, F_REQ_UID, F_REQ_USER, F_REQ_PASS,
	F_RESPONSE_IN, F_RESPONSE_TO, F_TIME,
};

/* tshark's FT_STRINGZ: an FT_STRING here */
#define STR(i, a, n, h) [i] = { a, n, FT_STRING, BASE_NONE, 0, 0, NULL, h, 0 }

static const struct field_def fields[] = {
	[F_PROTO] = { "imap", "Internet Message Access Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"IMAP: a mail client works on mailboxes kept on the server.", 0 },
	[F_ISREQUEST] = { "imap.isrequest", "Request", FT_BOOLEAN, BASE_NONE, 0, 0, NULL,
		"TRUE if IMAP request, FALSE otherwise", 0 },
	STR(F_LINE, "imap.line", "Line", "A line of an IMAP message"),
	STR(F_REQUEST, "imap.request", "Request", "Remainder of request line"),
	STR(F_REQ_TAG, "imap.request_tag", "Request Tag", "First token of request line"),
	STR(F_RESPONSE, "imap.response", "Response", "Remainder of response line"),
	STR(F_RSP_TAG, "imap.response_tag", "Response Tag", "First token of response line"),
	STR(F_REQ_CMD, "imap.request.command", "Request Command", "Request command name"),
	STR(F_RSP_CMD, "imap.response.command", "Response Command", "Response command name"),
	STR(F_RSP_STATUS, "imap.response.status", "Response Status", "Response status code"),
	STR(F_TAG, "imap.tag", "Tag", "First token of line"),
	STR(F_COMMAND, "imap.command", "Command", "Request or Response command name"),
	STR(F_REQ_FOLDER, "imap.request.folder", "Request Folder", "Request command folder"),
	[F_REQ_UID] = { "imap.request.command.uid", "Request isUID", FT_BOOLEAN, BASE_NONE, 0, 0, NULL,
		"Request command uid", 0 },
	STR(F_REQ_USER, "imap.request.username", "Request Username", "Request command username"),
	STR(F_REQ_PASS, "imap.request.password", "Request Password", "Request command password"),
	[F_RESPONSE_IN] = { "imap.response_in", "Response In", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"The response to this IMAP request is in this frame", 0 },
	[F_RESPONSE_TO] = { "imap.response_to", "Request In", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"This is a response to the IMAP request in this frame", 0 },
	[F_TIME] = { "imap.time", "Response Time", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"The time between the request and response", 0 },
};

static int imap_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti);

static const struct field_table imap_table = REG_TABLE(fields);
static const struct handoff imap_handoffs[] = {
	{ HO_TCP_PORT, 143, .tcp = imap_tcp_payload },
};
const struct proto_reg imap_proto = REG_PROTO(imap_table, imap_handoffs);

/* ---- per-stream state ---- */

#define IMAP_TAGS 32		/* requests remembered for pairing (oldest replaced) */
#define IMAP_TAG_MAX 24		/* longer tags are cut (and compared cut) */

struct imap_req {
	char tag[IMAP_TAG_MAX];	/* lower case */
	uint32_t frame;
	int64_t ts;
};

struct imap_conv {
	struct imap_req req[IMAP_TAGS];
	uint32_t next_req;
	uint8_t heur_tries;	/* segments looked at by the TLS heuristic (2 at most) */
	uint8_t tls;		/* the stream is TLS */
	uint8_t ssl_requested;
	struct frame_state fs;
};

static struct imap_conv *conv_for(struct dctx *d, uint32_t stream)
{
	return textline_conv(d, SESS_SLOT_IMAP, stream, sizeof(struct imap_conv), offsetof(struct imap_conv, fs));
}

/* ---- helpers over the cursor ---- */

static long find_byte(const struct cur *c, size_t at, uint8_t b)
{
	for (size_t i = at; i < cur_left(c); i++)
		if (cur_peek(c, i) == b)
			return (long)i;
	return -1;
}

static int is_ws(uint8_t ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; }

/* Is the len bytes at `at` a case-insensitive prefix of word (strncasecmp(…, len) == 0
 * with word's NUL taking part)? */
static int prefix_of(const struct cur *c, size_t at, size_t len, const char *word)
{
	size_t wl = strlen(word);

	if (len > wl)
		return 0;
	for (size_t i = 0; i < len; i++) {
		uint8_t ch = cur_peek(c, at + i);
		if (ch >= 'A' && ch <= 'Z')
			ch = (uint8_t)(ch - 'A' + 'a');
		if (ch != (uint8_t)word[i])
			return 0;
	}
	return 1;
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

/* The Line item: tshark's FT_STRINGZ over the line and its end, shown up to a NUL. */
static uint32_t add_line(struct dctx *d, uint32_t parent, const struct cur *c, size_t at, size_t len)
{
	size_t k = 0;

	while (k < len && cur_peek(c, at + k))
		k++;
	{
		uint32_t n;
		const uint8_t *s = tree_wants(d->tree, &fields[F_LINE]) ?
		    textline_ascii(d->tree, c, at, k, &n) : NULL;
		if (!s)
			return 0;
		return tree_add_bytes(d->tree, parent, &fields[F_LINE], cur_off(c) + (uint32_t)at,
		    (uint32_t)len, s, n);
	}
}

/* ---- request/response pairing ---- */

static void pair(struct dctx *d, struct imap_conv *cv, uint32_t parent, const char *tag, int is_request)
{
	struct dtree *t = d->tree;
	struct imap_req *best = NULL;

	if (is_request) {
		struct imap_req *r = &cv->req[cv->next_req++ % IMAP_TAGS];
		snprintf(r->tag, sizeof(r->tag), "%s", tag);
		r->frame = d->pi->num;
		r->ts = d->pi->ts;
		return;		/* the response is not known yet in a single pass */
	}
	for (size_t i = 0; i < IMAP_TAGS; i++) {
		struct imap_req *r = &cv->req[i];
		if (r->frame && r->frame <= d->pi->num && strcmp(r->tag, tag) == 0 &&
		    (!best || r->frame >= best->frame))
			best = r;
	}
	if (!best)
		return;
	tree_flag(t, tree_add_uint(t, parent, &fields[F_RESPONSE_TO], 0, 0, best->frame), TN_GENERATED);
	tree_flag(t, tree_add_time(t, parent, &fields[F_TIME], 0, 0, d->pi->ts - best->ts), TN_GENERATED);
}

/* ---- the lines ---- */

/* A "* … FETCH (…" line: 1 when it is complete (with its literal), 0 to wait for more.
 * *next moves past the literal. */
static int fetch_complete(struct dctx *d, uint32_t node, const struct cur *c, size_t fetch_at,
    size_t at, size_t *next)
{
	long paren = find_byte(c, fetch_at, '('), brace, close, end;
	size_t n = cur_left(c);

	if (paren < 0 || (size_t)paren + 1 >= n)
		return 0;
	brace = find_byte(c, (size_t)paren, '{');
	if (brace < 0) {
		size_t nx;
		if (textline_end_deseg(c, (size_t)paren, &nx) < 0)
			return 0;
		add_line(d, node, c, at, *next - at);
		return 1;
	}
	close = find_byte(c, (size_t)brace + 1, '}');
	if (close <= 0)
		return 0;
	{
		uint64_t size = 0;
		size_t k = (size_t)brace + 1;
		if (k == (size_t)close)
			return 0;
		for (; k < (size_t)close; k++) {
			uint8_t ch = cur_peek(c, k);
			if (ch < '0' || ch > '9')
				return 0;
			size = size * 10 + (ch - '0');
			if (size > 0xffffffffu)
				return 0;
		}
		if ((uint64_t)close + size >= n)
			return 0;
		end = find_byte(c, (size_t)close + (size_t)size, ')');
		if (end < 0)
			return 0;
		add_line(d, node, c, at, *next - at);
		/* the literal: Wireshark's IMF, not dissected here */
		if (*next + size > *next)
			*next += (size_t)size;
	}
	return 1;
}

static void tagged_line(struct dctx *d, struct imap_conv *cv, uint32_t node, const struct cur *c,
    size_t at, size_t linelen, size_t next, int is_request)
{
	struct dtree *t = d->tree;
	size_t off = at, nt, tok, cmd_at = 0, cmdlen = 0, folder_at = 0, folder_len = 0, folder_next = 0;
	uint32_t rr;
	char tag[IMAP_TAG_MAX] = "";
	int have_tag = 0;
	long ll = (long)linelen;

	rr = add_line(d, node, c, at, next - at);
	if (!rr)
		rr = node;
	if (linelen)
		add_ascii(d, rr, is_request ? F_REQUEST : F_RESPONSE, c, at, linelen);
	tok = textline_token(c, off, (size_t)ll, &nt);
	if (tok) {
		size_t k;
		for (k = 0; k < tok && k + 1 < sizeof(tag); k++) {
			uint8_t ch = cur_peek(c, off + k);
			tag[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch >= 0x80 ? '?' : ch);
		}
		tag[k] = '\0';
		have_tag = 1;
		add_ascii(d, rr, is_request ? F_REQ_TAG : F_RSP_TAG, c, off, tok);
		tree_flag(t, add_ascii(d, rr, F_TAG, c, off, tok), TN_HIDDEN);
		ll -= (long)(nt - off);
		off = nt;
	}
	tok = textline_token(c, off, (size_t)ll, &nt);
	if (tok) {
		int status_ok = prefix_of(c, off, tok, "ok");
		if (is_request && prefix_of(c, off, tok, "uid")) {
			size_t unt, ul = textline_token(c, nt, (size_t)ll - (nt - off), &unt);
			tree_add_uint(t, rr, &fields[F_REQ_UID], cur_off(c) + (uint32_t)off, (uint32_t)tok, 1);
			add_ascii(d, rr, F_REQ_CMD, c, nt, ul);
			tree_flag(t, add_ascii(d, rr, F_COMMAND, c, off, tok), TN_HIDDEN);
			cmd_at = nt;
			cmdlen = ul;
			folder_at = unt;
			folder_len = textline_token(c, unt, (size_t)ll - (unt - off), &folder_next);
		} else {
			add_ascii(d, rr, is_request ? F_REQ_CMD : F_RSP_STATUS, c, off, tok);
			if (is_request) {
				tree_flag(t, add_ascii(d, rr, F_COMMAND, c, off, tok), TN_HIDDEN);
				cmd_at = off;
				cmdlen = tok;
				folder_at = nt;
				folder_len = textline_token(c, nt, (size_t)ll - (nt - off), &folder_next);
			}
		}
		if (cmdlen) {
			static const char *const with_folder[] = { "select", "examine", "create", "delete",
				"rename", "subscribe", "unsubscribe", "status", "append", "search" };
			int folder = 0;
			for (size_t i = 0; i < sizeof(with_folder) / sizeof(with_folder[0]); i++)
				folder |= prefix_of(c, cmd_at, cmdlen, with_folder[i]);
			if (folder) {
				if (folder_len)
					add_ascii(d, rr, F_REQ_FOLDER, c, folder_at, folder_len);
			} else if (ll > 0 && prefix_of(c, cmd_at, cmdlen, "copy")) {
				size_t fn, fl = textline_token(c, folder_next, (size_t)ll - (folder_next - off), &fn);
				if (fl)
					add_ascii(d, rr, F_REQ_FOLDER, c, folder_next, fl);
			} else if (prefix_of(c, cmd_at, cmdlen, "login")) {
				/* as tshark 4.0: the password loses its first and last characters
				 * (meant as quotes) */
				size_t pn, pl = textline_token(c, folder_next, (size_t)ll - (folder_next - off), &pn);
				add_ascii(d, rr, F_REQ_USER, c, folder_at, folder_len);
				if (pl >= 2) {
					uint32_t n;
					const uint8_t *s = tree_wants(t, &fields[F_REQ_PASS]) ?
					    textline_ascii(t, c, folder_next + 1, pl - 2, &n) : NULL;
					if (s)
						tree_add_bytes(t, rr, &fields[F_REQ_PASS], cur_off(c) + (uint32_t)folder_next,
						    (uint32_t)pl, s, n);
				}
			} else if (prefix_of(c, cmd_at, cmdlen, "starttls"))
				cv->ssl_requested = 1;
		}
		if (!is_request) {
			size_t cn, cl = textline_token(c, nt, (size_t)ll - (nt - off), &cn);
			if (cl) {
				add_ascii(d, rr, F_RSP_CMD, c, nt, cl);
				tree_flag(t, add_ascii(d, rr, F_COMMAND, c, nt, cl), TN_HIDDEN);
			}
		}
		if (cv->ssl_requested) {
			if (!is_request && status_ok)
				cv->tls = 1;
			if (!is_request || !prefix_of(c, cmd_at, cmdlen, "starttls"))
				cv->ssl_requested = 0;
		}
	}
	if (have_tag)
		pair(d, cv, rr, tag, is_request);
}

static void imap_pdu(struct dctx *d, struct cur *c, const struct reasm_pdu *p, struct reasm_need *need)
{
	struct pinfo *pi = d->pi;
	struct imap_conv *cv = conv_for(d, p->stream);	/* (the revisit copy) */
	int is_request = pi->dstport == 143, first_line = 1;
	size_t at = 0, next = 0, n = cur_left(c);
	long linelen;
	uint32_t node;

	if (!cv)
		return;

	col_set_proto(pi, "IMAP");
	linelen = textline_end_deseg(c, 0, &next);
	if (linelen < 0) {
		need->need_off = 0;
		need->need_len = REASM_ONE_MORE_SEGMENT;
		return;
	}
	pi_push_proto(pi, "imap");
	node = tree_add(d->tree, 0, &fields[F_PROTO], cur_off(c), (uint32_t)n);
	tree_flag(d->tree, tree_add_uint(d->tree, node, &fields[F_ISREQUEST], cur_off(c), 0, is_request), TN_HIDDEN);
	while (at < n) {
		linelen = textline_end_deseg(c, at, &next);
		if (linelen < 0) {
			need->need_off = (uint32_t)at;
			need->need_len = REASM_ONE_MORE_SEGMENT;
			return;
		}
		if (cur_peek(c, at) == '*') {
			size_t starts[3], ends[3], ntok = 0, s = at, e;
			int show = 1;
			/* up to three tokens after the '*', split at blanks */
			for (;;) {
				s = s + 1;
				for (e = s; e < next && !is_ws(cur_peek(c, e)); e++)
					;
				if (e >= next)
					break;
				if (e > s) {
					starts[ntok] = s;
					ends[ntok] = e;
					ntok++;
				}
				s = e;
				if (ntok >= 3)
					break;
			}
			if (ntok >= 2) {
				for (size_t k = 0; k < ntok; k++) {
					if (prefix_of(c, starts[k], ends[k] - starts[k], "fetch")) {
						if (!fetch_complete(d, node, c, ends[k], at, &next)) {
							need->need_off = (uint32_t)at;
							need->need_len = REASM_ONE_MORE_SEGMENT;
							return;
						}
						show = 0;
						break;
					}
				}
			}
			if (show)
				add_line(d, node, c, at, next - at);
		} else {
			if (first_line) {
				struct cur l = cur_at(c, at);
				col_clear(pi);
				col_append_str(pi, is_request ? "Request: " : "Response: ");
				col_append_escaped(pi, l.p, (size_t)linelen);
				first_line = 0;
			}
			tagged_line(d, cv, node, c, at, (size_t)linelen, next, is_request);
		}
		at = next;
	}
	if (first_line) {
		struct cur l = cur_at(c, 0);
		col_clear(pi);
		col_append_str(pi, is_request ? "Request: " : "Response: ");
		col_append_escaped(pi, l.p, (size_t)linelen < cur_left(&l) ? (size_t)linelen : cur_left(&l));
	}
}

static int printable5(const struct cur *c)
{
	if (cur_left(c) < 5)
		return 1;
	for (size_t i = 0; i < 5; i++)
		if (cur_peek(c, i) < 0x20 || cur_peek(c, i) >= 0x7f)
			return 0;
	return 1;
}

static int imap_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti)
{
	struct imap_conv *cv;
	struct reasm_seg s;

	if (!d->sess || !d->sess->reasm || ti->no_subdissector || !cur_left(payload))
		return 0;
	cv = conv_for(d, ti->stream);
	if (!cv)
		return 0;
	if (!cv->tls && cv->heur_tries < 2) {
		cv->heur_tries++;
		if (!printable5(payload))
			cv->tls = 1;
	}
	if (cv->tls)
		return tls_tcp_payload(d, payload, ti);
	s = tcp_payload_seg(ti);
	reasm_segment(d->sess->reasm, d, payload, &s, imap_pdu);
	return 1;
}
