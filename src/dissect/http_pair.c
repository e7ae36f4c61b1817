/* http_pair.c — requests and responses paired per TCP stream as Wireshark 4.0 does
 * (a response goes with the latest request), on the first pass and, from the records
 * kept then, on revisits: request/response numbers, [Response in frame] / [Request in
 * frame] links, time since request, full URI and response_for.uri; see http.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/http_int.h"

struct pairing {
	struct req_res *cur, *prev;
	uint32_t total;
	const char *for_uri;		/* responses: the request's full URI */
};

/* The request's absolute URI ("http://" host uri unless it already is one), or "". */
static void full_uri(const struct msg *m, char *full, size_t size)
{
	const uint8_t *sep = NULL;

	full[0] = '\0';
	if (!m->uri || !m->uri_len)
		return;
	for (uint32_t i = 0; i + 3 <= m->uri_len; i++)
		if (!memcmp(m->uri + i, "://", 3)) {
			sep = m->uri + i;
			break;
		}
	if (sep)
		snprintf(full, size, "%.*s", (int)m->uri_len, (const char *)m->uri);
	else if (m->host)
		snprintf(full, size, "http://%.*s%.*s", (int)m->host_len,
		    (const char *)m->host, (int)m->uri_len, (const char *)m->uri);
}

static struct req_res *new_pair(struct http_conv *cv)
{
	struct req_res *cur;

	cv->rr = xgrow(cv->rr, &cv->rrcap, cv->nrr + 1, sizeof(*cv->rr));
	cur = &cv->rr[cv->nrr++];
	memset(cur, 0, sizeof(*cur));
	cur->number = (uint32_t)cv->nrr;
	return cur;
}

/* First pass: pairs the message into cv (and records it for revisits with
 * keep_results).  full is the request's full URI or "". */
static void pair_first_pass(struct dctx *d, struct http_conv *cv, const struct http_first *fl,
    const struct msg *m, const struct reasm_pdu *p, uint32_t pdu_seq, const char *full,
    struct pairing *pr)
{
	int keep = d->sess && d->sess->keep_results;

	if (fl->kind == HTTP_REQUEST) {
		pr->cur = new_pair(cv);
		pr->cur->req_frame = d->pi->num;
		pr->cur->req_ts = d->pi->ts;
		cv->last_head = strcmp(m->method, "HEAD") == 0;
		cv->last_connect = strcmp(m->method, "CONNECT") == 0;
		if (m->uri) {
			if (!keep)
				http_drop_uris(cv);
			cv->uris = xgrow(cv->uris, &cv->uricap, cv->nuris + 1, sizeof(*cv->uris));
			cv->uris[cv->nuris] = full[0] ? xstrdup(full) : NULL;
			cv->last_uri = (uint32_t)++cv->nuris;
		}
		if (m->upgrade_ws)
			cv->upgrade_pending = 1;
	} else if (fl->kind == HTTP_RESPONSE) {
		if (!cv->nrr || cv->rr[cv->nrr - 1].res_frame)
			pr->cur = new_pair(cv);
		else
			pr->cur = &cv->rr[cv->nrr - 1];
		pr->cur->res_frame = d->pi->num;
		pr->for_uri = cv->last_uri ? cv->uris[cv->last_uri - 1] : NULL;
	}
	if (pr->cur && pr->cur->number > 1)
		pr->prev = &cv->rr[pr->cur->number - 2];
	pr->total = (uint32_t)cv->nrr;
	if (keep) {
		struct msg_rec r = { d->pi->num, pdu_seq, p->dir,
		    pr->cur ? pr->cur->number : 0, pr->total,
		    pr->for_uri ? (int)cv->last_uri - 1 : -1 };
		cv->recs = xgrow(cv->recs, &cv->reccap, cv->nrecs + 1, sizeof(*cv->recs));
		cv->recs[cv->nrecs++] = r;
	}
}

/* Revisit: the pairing the first pass recorded (none without keep_results). */
static void pair_revisit(struct dctx *d, struct http_conv *cv, const struct reasm_pdu *p,
    uint32_t pdu_seq, struct pairing *pr)
{
	struct msg_rec *rec = http_find_rec(cv, d->pi->num, p->dir, pdu_seq);

	if (!rec)
		return;
	pr->cur = rec->rr ? &cv->rr[rec->rr - 1] : NULL;
	pr->prev = rec->rr > 1 ? &cv->rr[rec->rr - 2] : NULL;
	pr->total = rec->total;
	pr->for_uri = rec->full_uri_idx >= 0 ? cv->uris[rec->full_uri_idx] : NULL;
}

static void request_pair_tree(struct dctx *d, uint32_t http_node, uint32_t start,
    const char *full, const struct pairing *pr)
{
	struct dtree *t = d->tree;

	if (full[0])
		http_add_gen_str(d, http_node, H_FULL_URI, full);
	tree_flag(t, tree_add_uint(t, http_node, http_field(H_REQUEST_F), start, 0, 1), TN_HIDDEN);
	if (pr->cur) {
		uint32_t nn = tree_add_uint(t, http_node, http_field(H_REQ_NUM), start, 0, pr->cur->number);
		if (tree_text(t))
			tree_label(t, nn, "HTTP request %u/%u", pr->cur->number, pr->total);
		tree_flag(t, nn, TN_GENERATED);
		if (pr->prev && pr->prev->req_frame)
			tree_flag(t, tree_add_uint(t, http_node, http_field(H_PREV_REQ_IN), start, 0,
			    pr->prev->req_frame), TN_GENERATED);
	}
}

static void response_pair_tree(struct dctx *d, uint32_t http_node, uint32_t start,
    const struct pairing *pr)
{
	struct dtree *t = d->tree;
	const struct req_res *cur = pr->cur, *prev = pr->prev;

	tree_flag(t, tree_add_uint(t, http_node, http_field(H_RESPONSE_F), start, 0, 1), TN_HIDDEN);
	if (cur) {
		uint32_t nn = tree_add_uint(t, http_node, http_field(H_RESP_NUM), start, 0, cur->number);
		if (tree_text(t))
			tree_label(t, nn, "HTTP response %u/%u", cur->number, pr->total);
		tree_flag(t, nn, TN_GENERATED);
		if (cur->req_frame) {
			int64_t dt = d->pi->ts - cur->req_ts;
			uint32_t tn = tree_add_time(t, http_node, http_field(H_TIME), start, 0, dt);
			if (tree_text(t))
				tree_label(t, tn, "Time since request: %s%lld.%09lld seconds",
				    dt < 0 ? "-" : "", (long long)(dt < 0 ? -dt : dt) / 1000000000,
				    (long long)(dt < 0 ? -dt : dt) % 1000000000);
			tree_flag(t, tn, TN_GENERATED);
		}
		if (prev) {
			if (prev->req_frame)
				tree_flag(t, tree_add_uint(t, http_node, http_field(H_PREV_REQ_IN), start, 0,
				    prev->req_frame), TN_GENERATED);
			if (prev->res_frame)
				tree_flag(t, tree_add_uint(t, http_node, http_field(H_PREV_RESP_IN), start, 0,
				    prev->res_frame), TN_GENERATED);
		}
		if (cur->req_frame)
			tree_flag(t, tree_add_uint(t, http_node, http_field(H_REQUEST_IN), start, 0,
			    cur->req_frame), TN_GENERATED);
	}
	if (pr->for_uri)
		http_add_gen_str(d, http_node, H_RESP_FOR_URI, pr->for_uri);
}

/* Request/response pairing: cv's state, the pairing fields and, after a 101, where
 * the switched protocol starts (end is the message's end offset in the stream). */
void http_pair_message(struct dctx *d, uint32_t http_node, uint32_t start, struct http_conv *cv,
    const struct http_first *fl, const struct msg *m, const struct reasm_pdu *p, uint32_t pdu_seq,
    uint32_t end)
{
	struct pairing pr = { NULL, NULL, 0, NULL };
	char full[2048];

	full[0] = '\0';
	if (fl->kind == HTTP_REQUEST || fl->kind == HTTP_NOTIFICATION)
		full_uri(m, full, sizeof(full));
	if (d->pi->visited)
		pair_revisit(d, cv, p, pdu_seq, &pr);
	else
		pair_first_pass(d, cv, fl, m, p, pdu_seq, full, &pr);
	if (fl->kind == HTTP_REQUEST)
		request_pair_tree(d, http_node, start, full, &pr);
	else if (fl->kind == HTTP_NOTIFICATION && full[0])
		http_add_gen_str(d, http_node, H_FULL_URI, full);	/* not numbered */
	else if (fl->kind == HTTP_RESPONSE) {
		response_pair_tree(d, http_node, start, &pr);
		if (fl->code == 101) {
			/* the protocol switches after this message (tshark: from the
			 * next frame in the other direction) */
			cv->ws_frame = d->pi->num;
			cv->ws_set[p->dir & 1] = 1;
			cv->ws_seq[p->dir & 1] = pdu_seq + end;
			cv->raw_after_switch = !(cv->upgrade_pending && m->upgrade_ws);
		}
	}
}

