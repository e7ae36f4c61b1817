/* follow.c — the bytes of one TCP stream per direction; see follow.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/follow.h"
#include "dissect/reasm.h"
#include "dissect/session.h"
#include "core/xmalloc.h"
#include "dissect/dissect.h"
#include "dissect/registry.h"

struct pending {
	uint32_t seq, len, frame;
	int64_t ts;
	uint8_t *data;
};

struct tcpfollow {
	uint32_t stream;
	int udp;		/* a udp.stream: each datagram's payload is a chunk */
	const struct field_def *udp_payload;	/* its payload field, looked up once */
	int have_nodes;
	char node_str[2][80];
	char host[2][64];	/* node addresses and ports apart (-z follow,…,yaml) */
	uint16_t port[2];
	struct address src0;	/* node 0's address */
	int client_dir;		/* the dir (reasm) of node 0 */
	int have_next[2];
	uint32_t next[2];	/* next expected relative seq per node */
	struct pending *pend[2];
	size_t npend[2], pendcap[2];
	struct follow_chunk *chunks;
	size_t n, cap;
};

struct tcpfollow *tcpfollow_new(uint32_t stream)
{
	struct tcpfollow *f = xcalloc(1, sizeof(*f));

	f->stream = stream;
	return f;
}

struct tcpfollow *udpfollow_new(uint32_t stream)
{
	struct tcpfollow *f = tcpfollow_new(stream);

	f->udp = 1;
	f->udp_payload = reg_lookup("udp.payload");
	return f;
}

int tcpfollow_is_udp(const struct tcpfollow *f)
{
	return f->udp;
}

void tcpfollow_free(struct tcpfollow *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		free(f->chunks[i].data);
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < f->npend[k]; i++)
			free(f->pend[k][i].data);
		free(f->pend[k]);
	}
	free(f->chunks);
	free(f);
}

uint32_t tcpfollow_stream(const struct tcpfollow *f)
{
	return f->stream;
}

const char *tcpfollow_node(const struct tcpfollow *f, int node)
{
	return f->have_nodes ? f->node_str[node & 1] : ":0";
}

size_t tcpfollow_count(const struct tcpfollow *f)
{
	return f->n;
}

const char *tcpfollow_host(const struct tcpfollow *f, int node, uint16_t *port)
{
	*port = f->port[node & 1];
	return f->host[node & 1];
}

const struct follow_chunk *tcpfollow_chunk(const struct tcpfollow *f, size_t i)
{
	return i < f->n ? &f->chunks[i] : NULL;
}

static void add_chunk(struct tcpfollow *f, int node, uint32_t frame, int64_t ts, const uint8_t *p,
    uint32_t len)
{
	if (!len)
		return;
	f->chunks = xgrow(f->chunks, &f->cap, f->n + 1, sizeof(*f->chunks));
	f->chunks[f->n].node = node;
	f->chunks[f->n].frame = frame;
	f->chunks[f->n].ts = ts;
	f->chunks[f->n].data = xmalloc(len);
	memcpy(f->chunks[f->n].data, p, len);
	f->chunks[f->n].len = len;
	f->n++;
}

/* Emits what is new in [seq, seq+len) for node, then any pending segment it unblocks. */
static void feed(struct tcpfollow *f, int node, uint32_t frame, int64_t ts, uint32_t seq,
    const uint8_t *p, uint32_t len)
{
	uint32_t *next = &f->next[node];

	if (!f->have_next[node]) {
		f->have_next[node] = 1;
		*next = seq;
	}
	if ((int32_t)(seq - *next) > 0) {	/* ahead of a gap: wait */
		struct pending *q;
		f->pend[node] = xgrow(f->pend[node], &f->pendcap[node], f->npend[node] + 1,
		    sizeof(*f->pend[node]));
		q = &f->pend[node][f->npend[node]++];
		q->seq = seq;
		q->len = len;
		q->frame = frame;
		q->ts = ts;
		q->data = xmalloc(len);
		memcpy(q->data, p, len);
		return;
	}
	if ((int32_t)(seq + len - *next) <= 0)
		return;			/* old bytes */
	{
		uint32_t skip = *next - seq;
		add_chunk(f, node, frame, ts, p + skip, len - skip);
		*next = seq + len;
	}
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < f->npend[node]; i++) {
			struct pending q = f->pend[node][i];
			if ((int32_t)(q.seq - *next) > 0)
				continue;
			f->pend[node][i] = f->pend[node][--f->npend[node]];
			if ((int32_t)(q.seq + q.len - *next) > 0) {
				uint32_t skip = *next - q.seq;
				add_chunk(f, node, q.frame, q.ts, q.data + skip, q.len - skip);
				*next = q.seq + q.len;
			}
			free(q.data);
			again = 1;
			break;
		}
	}
}

static uint32_t lowest(const struct tcpfollow *f, int node)
{
	uint32_t lo = f->pend[node][0].seq;

	for (size_t i = 1; i < f->npend[node]; i++)
		if ((int32_t)(f->pend[node][i].seq - lo) < 0)
			lo = f->pend[node][i].seq;
	return lo;
}

/* The gap before node's first waiting segment will never fill: say so, as tshark does
 * (a chunk of the frame whose ACK showed it, with no time), and go on with what waited. */
static void skip_gap(struct tcpfollow *f, int node, uint32_t frame)
{
	size_t best = 0;
	char text[64];
	uint32_t gap;

	if (!f->npend[node])
		return;
	for (size_t i = 1; i < f->npend[node]; i++)
		if ((int32_t)(f->pend[node][i].seq - f->pend[node][best].seq) < 0)
			best = i;
	gap = f->pend[node][best].seq - f->next[node];
	/* tshark's chunk includes the string's NUL (shown as '.') */
	snprintf(text, sizeof(text), "[%d bytes missing in capture file]", (int)gap);
	add_chunk(f, node, frame, 0, (const uint8_t *)text, (uint32_t)strlen(text) + 1);
	f->next[node] = f->pend[node][best].seq;
	{
		struct pending q = f->pend[node][best];
		f->pend[node][best] = f->pend[node][--f->npend[node]];
		feed(f, node, q.frame, q.ts, q.seq, q.data, q.len);
		free(q.data);
	}
}

/* The endpoints as the stream's first packet gives them: node 0 its sender. */
static void set_nodes(struct tcpfollow *f, const struct pinfo *pi)
{
	f->have_nodes = 1;
	addr_port_to_str(&pi->net_src, pi->srcport, f->node_str[0], sizeof(f->node_str[0]));
	addr_port_to_str(&pi->net_dst, pi->dstport, f->node_str[1], sizeof(f->node_str[1]));
	addr_to_str(&pi->net_src, f->host[0], sizeof(f->host[0]));
	addr_to_str(&pi->net_dst, f->host[1], sizeof(f->host[1]));
	f->port[0] = pi->srcport;
	f->port[1] = pi->dstport;
	f->src0 = pi->net_src;
}

/* A datagram of the UDP stream: its payload (the tree's udp.payload) as a chunk. */
static void udp_frame(struct tcpfollow *f, const struct dctx *d)
{
	const struct pinfo *pi = d->pi;
	const struct dtree *t = d->tree;
	const struct field_def *pf = f->udp_payload;
	const struct fnode *payload = NULL;
	int node;

	if (pi->stream_ptype != PT_UDP || pi->stream != f->stream || !t || !pf)
		return;
	for (uint32_t k = 1; k < t->n; k++)
		if (t->nodes[k].f == pf)
			payload = &t->nodes[k];
	if (!f->have_nodes)
		set_nodes(f, pi);
	node = pi->srcport == f->port[0] && pi->net_src.type == f->src0.type &&
	    memcmp(pi->net_src.a, f->src0.a, sizeof(f->src0.a)) == 0 ? 0 : 1;
	if (payload)
		add_chunk(f, node, pi->num, pi->ts, payload->v.s.p, payload->v.s.n);
}

void tcpfollow_frame(struct tcpfollow *f, const struct dctx *d)
{
	const struct reasm_tcp_note *t;
	int node;

	if (f->udp) {
		udp_frame(f, d);
		return;
	}
	if (!d->sess || !d->sess->reasm)
		return;
	t = reasm_last_tcp(d->sess->reasm, d->pi->num);
	if (!t || t->stream != f->stream)
		return;
	if (!f->have_nodes) {
		f->client_dir = t->dir;
		set_nodes(f, d->pi);
	}
	node = t->dir == f->client_dir ? 0 : 1;
	/* an ACK past a gap of the other direction: the receiver got those bytes */
	while (t->ack_valid && f->npend[!node] && (int32_t)(t->ack - lowest(f, !node)) > 0) {
		size_t before = f->npend[!node];
		skip_gap(f, !node, t->frame);
		if (f->npend[!node] >= before)
			break;
	}
	if (t->payload && t->len)
		feed(f, node, t->frame, d->pi->ts, t->seq, t->payload, t->len);
}
