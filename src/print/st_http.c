/* st_http.c — -z http,tree, http_req,tree and http_srv,tree: tshark 4.0's HTTP stats
 * trees, fed once per HTTP message (a packet with two pipelined requests counts
 * twice), as tshark's http tap is.
 *
 *   http,tree      "HTTP/Packet Counter": responses by class and code, requests by
 *                  method, other HTTP messages
 *   http_req,tree  "HTTP/Requests": requests by Host header, then URI
 *   http_srv,tree  "HTTP/Load Distribution": requests by server address and Host,
 *                  responses by server address (OK: codes 101-399, else KO)
 *
 * A message is an "http" tree node and the fields after it up to the next one (the
 * tree is flat when it holds only the wanted fields).  Strings from the wire are
 * escaped as tshark shows text (STRVIS_WIRE).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/strvis.h"
#include "dissect/dissect.h"
#include "print/stats.h"
#include "print/stats_tree.h"

#define HTTP_STR_MAX 1024

enum { F_HTTP, F_METHOD, F_URI, F_HOST, F_CODE, F_CODE_DESC };
static const char *const http_fields[] = {
	"http", "http.request.method", "http.request.uri", "http.host", "http.response.code",
	"http.response.code.desc", NULL,
};

struct http_msg {
	char method[HTTP_STR_MAX], uri[HTTP_STR_MAX], host[HTTP_STR_MAX], desc[HTTP_STR_MAX];
	unsigned code;
	int has_host, has_uri;
};

static void str_of(const struct dtree *t, uint32_t k, char *buf)
{
	strvis(buf, HTTP_STR_MAX, t->nodes[k].v.s.p, t->nodes[k].v.s.n, STRVIS_WIRE);
}

typedef void (*http_tap)(struct stree *t, const struct dctx *d, const struct http_msg *m);

/* Calls tap for each HTTP message of the packet. */
static void each_message(struct stree *st, const struct dctx *d, const struct field_def *const *f,
    http_tap tap)
{
	const struct dtree *t = d->tree;
	struct http_msg m;
	int in = 0;

	if (!t)
		return;
	for (uint32_t k = 1; k <= t->n; k++) {
		const struct field_def *nf = k < t->n ? t->nodes[k].f : NULL;
		if (k == t->n || nf == f[F_HTTP]) {
			if (in) {
				stree_packet(st, d->pi->rel_ts);
				tap(st, d, &m);
			}
			memset(&m, 0, sizeof(m));
			in = 1;
			continue;
		}
		if (!in || !nf)
			continue;
		if (nf == f[F_METHOD])
			str_of(t, k, m.method);
		else if (nf == f[F_URI] && !m.has_uri)
			str_of(t, k, m.uri), m.has_uri = 1;
		else if (nf == f[F_HOST] && !m.has_host)
			str_of(t, k, m.host), m.has_host = 1;
		else if (nf == f[F_CODE])
			m.code = (unsigned)t->nodes[k].v.u;
		else if (nf == f[F_CODE_DESC])
			str_of(t, k, m.desc);
	}
}

/* ---- http,tree ---- */

static const char packets[] = "Total HTTP Packets", requests[] = "HTTP Request Packets",
    responses[] = "HTTP Response Packets", other[] = "Other HTTP Packets";
static const char *const classes[] = {	/* by code / 100; [0] for codes out of 100-599 */
	"???: broken", "1xx: Informational", "2xx: Success", "3xx: Redirection",
	"4xx: Client Error", "5xx: Server Error",
};

static void counter_init(struct stree *t)
{
	int p = stree_node(t, STREE_ROOT, packets), r = stree_node(t, p, responses);

	stree_node(t, p, requests);
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		stree_node(t, r, classes[i]);
	stree_node(t, p, other);
}

static void counter_tap(struct stree *t, const struct dctx *d, const struct http_msg *m)
{
	int p = stree_tick(t, STREE_ROOT, packets);
	char code[HTTP_STR_MAX + 16];

	(void)d;
	if (m->code) {
		int r = stree_tick(t, p, responses);
		unsigned c = m->code < 100 || m->code >= 600 ? 0 : m->code / 100;
		snprintf(code, sizeof(code), "%u %s", m->code, m->desc);
		stree_tick(t, stree_tick(t, r, classes[c]), code);
	} else if (m->method[0])
		stree_tick(t, stree_tick(t, p, requests), m->method);
	else
		stree_tick(t, p, other);
}

static void counter_packet(struct stree *t, const struct dctx *d, const struct field_def *const *f)
{
	each_message(t, d, f, counter_tap);
}

static const struct stree_desc counter_desc = {
	"HTTP/Packet Counter", http_fields, counter_init, counter_packet,
};
const struct stat_kind http_tree_kind = STREE_KIND("http,tree", counter_desc);

/* ---- http_req,tree ---- */

static const char by_host[] = "HTTP Requests by HTTP Host";

static void req_init(struct stree *t)
{
	stree_node(t, STREE_ROOT, by_host);
}

static void req_tap(struct stree *t, const struct dctx *d, const struct http_msg *m)
{
	int h;

	(void)d;
	if (!m->method[0])
		return;
	h = stree_tick(t, STREE_ROOT, by_host);
	if (m->has_host) {
		h = stree_tick(t, h, m->host);
		if (m->has_uri)
			stree_tick(t, h, m->uri);
	}
}

static void req_packet(struct stree *t, const struct dctx *d, const struct field_def *const *f)
{
	each_message(t, d, f, req_tap);
}

static const struct stree_desc req_desc = { "HTTP/Requests", http_fields, req_init, req_packet };
const struct stat_kind http_req_tree_kind = STREE_KIND("http_req,tree", req_desc);

/* ---- http_srv,tree ---- */

static const char reqs[] = "HTTP Requests by Server", reqs_addr[] = "HTTP Requests by Server Address",
    reqs_host[] = "HTTP Requests by HTTP Host", resps_addr[] = "HTTP Responses by Server Address";

static void srv_init(struct stree *t)
{
	int r = stree_node(t, STREE_ROOT, reqs);

	stree_node(t, r, reqs_addr);
	stree_node(t, r, reqs_host);
	stree_node(t, STREE_ROOT, resps_addr);
}

static void srv_tap(struct stree *t, const struct dctx *d, const struct http_msg *m)
{
	char addr[64];

	if (m->method[0]) {
		int r = stree_tick(t, STREE_ROOT, reqs), a, h;
		addr_to_str(&d->pi->net_dst, addr, sizeof(addr));
		stree_tick(t, r, reqs_addr);
		stree_tick(t, r, reqs_host);
		a = stree_tick(t, stree_node(t, r, reqs_addr), addr);
		if (m->has_host) {
			h = stree_tick(t, stree_node(t, r, reqs_host), m->host);
			stree_tick(t, h, addr);
			stree_tick(t, a, m->host);
		}
	} else if (m->code) {
		addr_to_str(&d->pi->net_src, addr, sizeof(addr));
		stree_tick(t, stree_tick(t, stree_tick(t, STREE_ROOT, resps_addr), addr),
		    m->code > 100 && m->code < 400 ? "OK" : "KO");
	}
}

static void srv_packet(struct stree *t, const struct dctx *d, const struct field_def *const *f)
{
	each_message(t, d, f, srv_tap);
}

static const struct stree_desc srv_desc = {
	"HTTP/Load Distribution", http_fields, srv_init, srv_packet,
};
const struct stat_kind http_srv_tree_kind = STREE_KIND("http_srv,tree", srv_desc);
