/* ipfrag.c — IPv4 and IPv6 datagram reassembly from fragments, as Wireshark's
 * reassemble.c does it for packet-ip.c and packet-ipv6.c with its defaults.
 *
 * A datagram is keyed by source, destination and identification.  Fragments are
 * collected in capture order; the one after which every byte from 0 to the end (the
 * last fragment, MF clear, gives the length) is present completes the datagram: that
 * frame shows "[N IPvX Fragments (L bytes): #a(n), ...]" under the IP header and
 * dissects the reassembled payload in a "Reassembled IPvX" data source.  Other
 * fragments stay "Fragmented IP protocol" / "IPv6 fragment" with their bytes as data:
 * in one pass tshark cannot name the frame that will complete them either.
 *
 * Bounded: at most IPFRAG_PENDING datagrams wait at once (the oldest gives way), each
 * holding the bytes it received, a datagram ends at IPFRAG_MAX_LEN bytes, and once IPFRAG_BUDGET bytes of datagrams
 * were reassembled in a capture no more are (counted the same in batch mode and in
 * the TUI, so both show the same).  keep_results (TUI): each completed datagram is
 * kept, and a revisit of its frame shows it again; other frames change nothing.
 * The state lives in the session but is used through dctx.frag, also when a run
 * wants headers only: whether a fragmented datagram holds a UDP header depends on it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/protos.h"

#define IPFRAG_PENDING 1024
#define IPFRAG_MAX_LEN (128u * 1024u)
#define IPFRAG_BUDGET ((uint64_t)256 << 20)

enum { F4_FRAGMENTS, F4_FRAGMENT, F4_COUNT, F4_LEN, F4_DATA, F4_IN,
	F6_FRAGMENTS, F6_FRAGMENT, F6_COUNT, F6_LEN, F6_DATA, F6_IN, F_PER_VERSION = F6_FRAGMENTS };

static const struct field_def fields[] = {
	[F4_FRAGMENTS] = { "ip.fragments", "IPv4 Fragments", FT_NONE, BASE_NONE, 0, 0, NULL,
		"The fragments whose data were put back together into one datagram.", REG_F_DOC_BYTES },
	[F4_FRAGMENT] = { "ip.fragment", "IPv4 Fragment", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"One frame that carried part of the datagram, and which of its bytes.", 0 },
	[F4_COUNT] = { "ip.fragment.count", "Fragment count", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"How many fragments the datagram was cut into.", 0 },
	[F4_LEN] = { "ip.reassembled.length", "Reassembled IPv4 length", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Bytes of the reassembled payload (after the IP header).", 0 },
	[F4_DATA] = { "ip.reassembled.data", "Reassembled IPv4 data", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The reassembled payload.", 0 },
	[F4_IN] = { "ip.reassembled_in", "Reassembled IPv4 in frame", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"The frame where this fragment's datagram was put back together.", 0 },
	[F6_FRAGMENTS] = { "ipv6.fragments", "IPv6 Fragments", FT_NONE, BASE_NONE, 0, 0, NULL,
		"The fragments whose data were put back together into one packet.", 0 },
	[F6_FRAGMENT] = { "ipv6.fragment", "IPv6 Fragment", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"One frame that carried part of the packet, and which of its bytes.", 0 },
	[F6_COUNT] = { "ipv6.fragment.count", "Fragment count", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"How many fragments the packet was cut into.", 0 },
	[F6_LEN] = { "ipv6.reassembled.length", "Reassembled IPv6 length", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Bytes of the reassembled payload (after the fragment header).", 0 },
	[F6_DATA] = { "ipv6.reassembled.data", "Reassembled IPv6 data", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The reassembled payload.", 0 },
	[F6_IN] = { "ipv6.reassembled_in", "Reassembled IPv6 in frame", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"The frame where this fragment's packet was put back together.", 0 },
};
static const struct field_table ipfrag_table = REG_TABLE(fields);
const struct proto_reg ipfrag_proto = REG_PROTO_TABLE(ipfrag_table);

struct piece {
	uint32_t frame, off, len;
};

/* A datagram being put together, or (done) one that was. */
struct dgram {
	struct ipfrag_key key;
	uint32_t frame;			/* done: the frame that completed it */
	uint32_t total;			/* bytes, once the last fragment came; 0 before */
	uint8_t *buf;			/* the bytes so far (bufcap), all `total` when done */
	uint32_t bufcap;
	struct piece *pieces;
	size_t npieces, cap;
};

struct ipfrag {
	struct dgram *pending;		/* oldest first */
	size_t npending, cappending;
	struct dgram *done;		/* keep_results: by frame */
	size_t ndone, capdone;
	struct dgram last;		/* batch: the datagram completed last */
	uint64_t reassembled;		/* bytes completed so far (IPFRAG_BUDGET) */
	int keep_results;
};

static void dgram_free(struct dgram *g)
{
	free(g->buf);
	free(g->pieces);
}

void ipfrag_free(struct ipfrag *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->npending; i++)
		dgram_free(&f->pending[i]);
	for (size_t i = 0; i < f->ndone; i++)
		dgram_free(&f->done[i]);
	dgram_free(&f->last);
	free(f->pending);
	free(f->done);
	free(f);
}

struct ipfrag *ipfrag_new(int keep_results)
{
	struct ipfrag *f = xcalloc(1, sizeof(*f));

	f->keep_results = keep_results;
	return f;
}

static int same_key(const struct ipfrag_key *a, const struct ipfrag_key *b)
{
	return a->v6 == b->v6 && a->id == b->id && memcmp(a->src, b->src, sizeof(a->src)) == 0 &&
	    memcmp(a->dst, b->dst, sizeof(a->dst)) == 0;
}

static struct dgram *pending(struct ipfrag *f, const struct ipfrag_key *k, uint32_t frame)
{
	struct dgram *g;

	for (size_t i = f->npending; i-- > 0;)
		if (same_key(&f->pending[i].key, k))
			return &f->pending[i];
	if (f->npending == IPFRAG_PENDING) {	/* the oldest gives way */
		dgram_free(&f->pending[0]);
		memmove(f->pending, f->pending + 1, --f->npending * sizeof(*f->pending));
	}
	f->pending = xgrow(f->pending, &f->cappending, f->npending + 1, sizeof(*f->pending));
	g = &f->pending[f->npending++];
	memset(g, 0, sizeof(*g));
	g->key = *k;
	g->frame = frame;
	return g;
}

static int by_offset(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off ? 1 : (x->frame > y->frame) - (x->frame < y->frame);
}

/* Are bytes 0 .. total all there? (pieces sorted by offset) */
static int complete(const struct dgram *g)
{
	uint32_t have = 0;

	if (!g->total)
		return 0;
	for (size_t i = 0; i < g->npieces && have < g->total; i++) {
		if (g->pieces[i].off > have)
			return 0;
		if (g->pieces[i].off + g->pieces[i].len > have)
			have = g->pieces[i].off + g->pieces[i].len;
	}
	return have >= g->total;
}

/* The fragments item under node, as Wireshark shows it. */
static void show(struct dctx *d, const struct dgram *g, uint32_t node)
{
	const struct field_def *fl = &fields[g->key.v6 ? F_PER_VERSION : 0];
	struct dtree *t = d->tree;
	uint32_t top, n;

	if (!t)
		return;
	top = tree_add(t, node, &fl[F4_FRAGMENTS], 0, g->total);
	tree_flag(t, top, TN_GENERATED);
	tree_label(t, top, "%zu IPv%c Fragments (%u byte%s):", g->npieces, g->key.v6 ? '6' : '4',
	    g->total, g->total == 1 ? "" : "s");
	for (size_t i = 0; i < g->npieces; i++)
		tree_label_append(t, top, "%s #%u(%u)", i ? "," : "", g->pieces[i].frame, g->pieces[i].len);
	for (size_t i = 0; i < g->npieces; i++) {
		const struct piece *p = &g->pieces[i];
		n = tree_add_uint(t, top, &fl[F4_FRAGMENT], p->off, p->len, p->frame);
		tree_label(t, n, "Frame: %u, payload: %u-%u (%u byte%s)", p->frame, p->off,
		    p->off + p->len - 1, p->len, p->len == 1 ? "" : "s");
		tree_flag(t, n, TN_GENERATED);
	}
	tree_flag(t, tree_add_uint(t, top, &fl[F4_COUNT], 0, 0, g->npieces), TN_GENERATED);
	tree_flag(t, tree_add_uint(t, top, &fl[F4_LEN], 0, 0, g->total), TN_GENERATED);
	tree_flag(t, tree_add_bytes(t, top, &fl[F4_DATA], 0, g->total, t->src[t->cursrc].data,
	    g->total), TN_GENERATED);
}

/* The completed datagram g in its data source, *out over its bytes. */
static void deliver(struct dctx *d, const struct dgram *g, uint32_t node, struct cur *out)
{
	struct dtree *t = d->tree;
	const uint8_t *buf = g->buf;

	if (t) {
		int src = tree_add_source(t, g->key.v6 ? "Reassembled IPv6" : "Reassembled IPv4", g->buf,
		    g->total);
		if (src)
			buf = t->src[src].data;
	}
	show(d, g, node);
	*out = cur_make(buf, g->total);
}

/* First pass: adds the fragment; returns the datagram it completed, or NULL. */
static struct dgram *add(struct ipfrag *f, const struct ipfrag_key *k,
    uint32_t frame, uint32_t off, int more, const struct cur *data)
{
	uint32_t len = (uint32_t)cur_left(data);
	struct dgram *g;
	size_t gi;

	if (f->reassembled >= IPFRAG_BUDGET || off >= IPFRAG_MAX_LEN || len > IPFRAG_MAX_LEN - off)
		return NULL;
	g = pending(f, k, frame);
	if (off + len > g->bufcap) {
		g->buf = xrealloc(g->buf, off + len);
		memset(g->buf + g->bufcap, 0, off + len - g->bufcap);
		g->bufcap = off + len;
	}
	if (len) {
		struct cur bytes = *data;
		cur_bytes(&bytes, g->buf + off, len);
	}
	g->pieces = xgrow(g->pieces, &g->cap, g->npieces + 1, sizeof(*g->pieces));
	g->pieces[g->npieces++] = (struct piece){ frame, off, len };
	qsort(g->pieces, g->npieces, sizeof(*g->pieces), by_offset);
	if (!more)
		g->total = off + len;
	if (!complete(g) || g->bufcap < g->total)
		return NULL;
	/* done: out of the pending list, kept for revisits or as the last one */
	gi = (size_t)(g - f->pending);
	struct dgram done = *g;
	memmove(f->pending + gi, f->pending + gi + 1, (f->npending - gi - 1) * sizeof(*g));
	f->npending--;
	done.frame = frame;
	f->reassembled += done.total;
	if (f->keep_results) {
		f->done = xgrow(f->done, &f->capdone, f->ndone + 1, sizeof(*f->done));
		f->done[f->ndone] = done;
		return &f->done[f->ndone++];
	}
	dgram_free(&f->last);
	f->last = done;
	return &f->last;
}

int ipfrag_add(struct dctx *d, const struct ipfrag_key *k, uint32_t off, int more,
    const struct cur *data, uint32_t node, struct cur *out)
{
	struct pinfo *pi = d->pi;
	struct ipfrag *f = d->frag;
	struct dgram *g = NULL;

	if (!f || pi->in_error)
		return 0;
	pi->ip_fragment = 1;
	if (!pi->visited)
		g = add(f, k, pi->num, off, more, data);
	else {
		for (size_t i = 0; i < f->ndone && !g; i++)	/* a revisit: what it completed */
			if (f->done[i].frame == pi->num && same_key(&f->done[i].key, k))
				g = &f->done[i];
	}
	if (!g)
		return 0;
	deliver(d, g, node, out);
	return 1;
}
