/* fastpath.c — the common packet in one step; see fastpath.h.
 *
 * The dissectors build what any output may ask for; most runs over a big capture ask
 * for a few header fields of Ethernet → IPv4 → TCP packets (-T fields with ports and
 * numbers, -Y 'tcp.flags.syn == 1').  For those the chain of dissectors costs far more
 * than the answer: here the headers are read once with the cursor, the TCP analysis
 * runs through the same step as dissect_tcp (tcp_analyse), and each wanted field gets
 * exactly the node its dissector would add (value, bytes, flags; the occurrences of one
 * field in the dissector's order).
 *
 * Only packets whose dissection is plain are taken: captured whole, Ethernet II with
 * IPv4 (no options, not a fragment, a total length that fits) carrying a complete TCP
 * header.  Everything else returns 0 before any state is touched and goes through the
 * dissectors, as do runs that want any field not in the table below.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/cursor.h"
#include "dissect/fastpath.h"
#include "dissect/registry.h"
#include "dissect/tcp.h"

/* What each table field takes from the packet. */
enum fk {
	FK_FRAME, FK_FRAME_NUMBER, FK_FRAME_LEN, FK_FRAME_CAPLEN,
	FK_ETH, FK_ETH_DST, FK_ETH_SRC, FK_ETH_ADDR, FK_ETH_TYPE,
	FK_IP, FK_IP_LEN, FK_IP_ID, FK_IP_TTL, FK_IP_PROTO, FK_IP_SRC, FK_IP_DST, FK_IP_ADDR,
	FK_TCP, FK_TCP_SRCPORT, FK_TCP_DSTPORT, FK_TCP_PORT, FK_TCP_STREAM, FK_TCP_LEN,
	FK_TCP_SEQ, FK_TCP_SEQ_RAW, FK_TCP_NXTSEQ, FK_TCP_ACK, FK_TCP_ACK_RAW, FK_TCP_HDR_LEN,
	FK_TCP_FLAGS, FK_TCP_FLAG_BIT, FK_TCP_FLAGS_STR, FK_TCP_WIN_VALUE, FK_TCP_WIN,
};

static const struct {
	const char *abbrev;
	enum fk kind;
} table[] = {
	{ "frame", FK_FRAME }, { "frame.number", FK_FRAME_NUMBER },
	{ "frame.len", FK_FRAME_LEN }, { "frame.cap_len", FK_FRAME_CAPLEN },
	{ "eth", FK_ETH }, { "eth.dst", FK_ETH_DST }, { "eth.src", FK_ETH_SRC },
	{ "eth.addr", FK_ETH_ADDR }, { "eth.type", FK_ETH_TYPE },
	{ "ip", FK_IP }, { "ip.len", FK_IP_LEN }, { "ip.id", FK_IP_ID }, { "ip.ttl", FK_IP_TTL },
	{ "ip.proto", FK_IP_PROTO }, { "ip.src", FK_IP_SRC }, { "ip.dst", FK_IP_DST },
	{ "ip.addr", FK_IP_ADDR },
	{ "tcp", FK_TCP }, { "tcp.srcport", FK_TCP_SRCPORT }, { "tcp.dstport", FK_TCP_DSTPORT },
	{ "tcp.port", FK_TCP_PORT }, { "tcp.stream", FK_TCP_STREAM }, { "tcp.len", FK_TCP_LEN },
	{ "tcp.seq", FK_TCP_SEQ }, { "tcp.seq_raw", FK_TCP_SEQ_RAW },
	{ "tcp.nxtseq", FK_TCP_NXTSEQ }, { "tcp.ack", FK_TCP_ACK },
	{ "tcp.ack_raw", FK_TCP_ACK_RAW }, { "tcp.hdr_len", FK_TCP_HDR_LEN },
	{ "tcp.flags", FK_TCP_FLAGS }, { "tcp.flags.res", FK_TCP_FLAG_BIT },
	{ "tcp.flags.ae", FK_TCP_FLAG_BIT }, { "tcp.flags.cwr", FK_TCP_FLAG_BIT },
	{ "tcp.flags.ece", FK_TCP_FLAG_BIT }, { "tcp.flags.urg", FK_TCP_FLAG_BIT },
	{ "tcp.flags.ack", FK_TCP_FLAG_BIT }, { "tcp.flags.push", FK_TCP_FLAG_BIT },
	{ "tcp.flags.reset", FK_TCP_FLAG_BIT }, { "tcp.flags.syn", FK_TCP_FLAG_BIT },
	{ "tcp.flags.fin", FK_TCP_FLAG_BIT }, { "tcp.flags.str", FK_TCP_FLAGS_STR },
	{ "tcp.window_size_value", FK_TCP_WIN_VALUE }, { "tcp.window_size", FK_TCP_WIN },
};

#define NKINDS (sizeof(table) / sizeof(table[0]))

/* A wanted field: its id resolved once, so emitting it needs no registry lookup. */
struct want {
	const struct field_def *f;
	uint32_t id;
	enum fk kind;
};

struct fastpath {
	struct want want[NKINDS];
	int nwant;
};

/* The packet as read. */
struct pkt {
	const uint8_t *frame;
	uint16_t etype;
	uint32_t ip_off;
	uint16_t ip_len, ip_id;
	uint8_t ttl, proto;
	uint32_t tcp_off;
	struct tcp_seg sg;
	struct tcpconv_out r;
	int have_conv;
};

static int table_index(const struct field_def *f)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (strcmp(table[i].abbrev, f->abbrev) == 0)
			return (int)i;
	return -1;
}

struct fastpath *fastpath_new(const uint8_t *interest)
{
	struct fastpath *fp;
	int n = 0, k;

	if (interest)
		for (int id = 0; id < reg_count(); id++)
			if ((interest[id >> 3] >> (id & 7) & 1) && table_index(reg_field_at(id)) < 0)
				return NULL;
	fp = xcalloc(1, sizeof(*fp));
	for (int id = 0; interest && id < reg_count(); id++) {
		if (!(interest[id >> 3] >> (id & 7) & 1))
			continue;
		k = table_index(reg_field_at(id));
		fp->want[n].f = reg_field_at(id);
		fp->want[n].id = (uint32_t)id;
		fp->want[n].kind = table[k].kind;
		n++;
	}
	fp->nwant = n;
	return fp;
}

void fastpath_free(struct fastpath *fp)
{
	free(fp);
}

/* Reads the headers; 0 unless the packet is one the fast path may take. */
static int parse(const struct pinfo *pi, const uint8_t *frame, struct pkt *p)
{
	struct cur c = cur_make(frame, pi->caplen), ip, tcp;
	uint8_t vhl, off;
	uint16_t frag;
	uint32_t ihl;

	if (pi->linktype != 1 || pi->caplen != pi->len || pi->no_ts)
		return 0;
	cur_skip(&c, 12);
	p->etype = cur_be16(&c);
	if (!cur_ok(&c) || p->etype != 0x0800)
		return 0;
	p->ip_off = 14;
	ip = c;
	vhl = cur_u8(&ip);
	cur_skip(&ip, 1);
	p->ip_len = cur_be16(&ip);
	p->ip_id = cur_be16(&ip);
	frag = cur_be16(&ip);
	p->ttl = cur_u8(&ip);
	p->proto = cur_u8(&ip);
	cur_skip(&ip, 10);
	ihl = (uint32_t)(vhl & 15) * 4;
	if (!cur_ok(&ip) || vhl != 0x45 || (frag & 0x3fff) || p->proto != 6 ||
	    p->ip_len < ihl || p->ip_len > cur_left(&c))
		return 0;
	p->tcp_off = p->ip_off + ihl;
	tcp = cur_make(frame + p->tcp_off, p->ip_len - ihl);
	p->sg.sport = cur_be16(&tcp);
	p->sg.dport = cur_be16(&tcp);
	p->sg.seq = cur_be32(&tcp);
	p->sg.ack = cur_be32(&tcp);
	p->sg.flags = cur_be16(&tcp);
	off = (uint8_t)(p->sg.flags >> 8);
	p->sg.flags &= 0x0fff;
	p->sg.win = cur_be16(&tcp);
	p->sg.hlen = (uint32_t)(off >> 4) * 4;
	if (!cur_ok(&tcp) || p->sg.hlen < 20 || p->sg.hlen > p->ip_len - ihl)
		return 0;
	p->sg.seglen = p->ip_len - ihl - p->sg.hlen;
	p->sg.no_seglen = 0;
	return 1;
}

/* pinfo as the dissectors leave it for a packet without columns. */
static void fill_pinfo(struct pinfo *pi, const struct pkt *p)
{
	static const char *const chain[] = { "frame", "eth", "ethertype", "ip", "tcp" };
	struct cur c;

	memcpy(pi->protos, chain, sizeof(chain));
	pi->nprotos = (int)(sizeof(chain) / sizeof(chain[0]));
	pi->proto_col = "TCP";
	pi->info_len = pi->info_fence = 0;
	pi->info[0] = '\0';
	pi->malformed = 0;
	pi->malformed_proto = NULL;
	pi->in_error = 0;
	pi->block = NULL;
	memset(&pi->dl_src, 0, sizeof(pi->dl_src));
	memset(&pi->dl_dst, 0, sizeof(pi->dl_dst));
	memset(&pi->net_src, 0, sizeof(pi->net_src));
	memset(&pi->net_dst, 0, sizeof(pi->net_dst));
	pi->dl_src.type = pi->dl_dst.type = AT_ETHER;
	c = cur_make(p->frame, 12);
	cur_bytes(&c, pi->dl_dst.a, 6);
	cur_bytes(&c, pi->dl_src.a, 6);
	pi->net_src.type = pi->net_dst.type = AT_IPv4;
	c = cur_make(p->frame + p->ip_off + 12, 8);
	cur_bytes(&c, pi->net_src.a, 4);
	cur_bytes(&c, pi->net_dst.a, 4);
	pi->ip_ttl = p->ttl;
	pi->ptype = PT_TCP;
	pi->stream_ptype = PT_NONE;
	pi->srcport = p->sg.sport;
	pi->dstport = p->sg.dport;
	pi->tcp_flags = p->sg.flags;
	pi->tcp_seglen = p->sg.seglen;
}

/* The wanted field's node: no interest test, the fast path was built from the tree's
 * interest set (fastpath_new). */
static uint32_t node(struct dtree *t, const struct want *w, uint32_t off, uint32_t len)
{
	return tree_add_node(t, 0, w->f, w->id, off, len);
}

static uint32_t gen(struct dtree *t, const struct want *w, uint32_t off, uint64_t v)
{
	uint32_t n = tree_set_uint(t, node(t, w, off, 0), v);

	tree_flag(t, n, TN_GENERATED);
	return n;
}

/* The node(s) the dissector adds for one wanted field. */
static void emit(struct dtree *t, const struct pinfo *pi, const struct pkt *p,
    const struct want *w)
{
	const uint8_t *fr = p->frame, *ip = fr + p->ip_off;
	uint32_t to = p->tcp_off;
	const struct tcp_seg *sg = &p->sg;

	switch (w->kind) {
	case FK_FRAME: node(t, w, 0, pi->caplen); break;
	case FK_FRAME_NUMBER: tree_set_uint(t, node(t, w, 0, 0), pi->num); break;
	case FK_FRAME_LEN: tree_set_uint(t, node(t, w, 0, 0), pi->len); break;
	case FK_FRAME_CAPLEN: tree_set_uint(t, node(t, w, 0, 0), pi->caplen); break;
	case FK_ETH: node(t, w, 0, 14); break;
	case FK_ETH_DST: tree_set_addr(t, node(t, w, 0, 6), fr); break;
	case FK_ETH_SRC: tree_set_addr(t, node(t, w, 6, 6), fr + 6); break;
	case FK_ETH_ADDR:
		tree_set_addr(t, node(t, w, 0, 6), fr);
		tree_set_addr(t, node(t, w, 6, 6), fr + 6);
		break;
	case FK_ETH_TYPE: tree_set_uint(t, node(t, w, 12, 2), p->etype); break;
	case FK_IP: node(t, w, p->ip_off, 20); break;
	case FK_IP_LEN: tree_set_uint(t, node(t, w, p->ip_off + 2, 2), p->ip_len); break;
	case FK_IP_ID: tree_set_uint(t, node(t, w, p->ip_off + 4, 2), p->ip_id); break;
	case FK_IP_TTL: tree_set_uint(t, node(t, w, p->ip_off + 8, 1), p->ttl); break;
	case FK_IP_PROTO: tree_set_uint(t, node(t, w, p->ip_off + 9, 1), p->proto); break;
	case FK_IP_SRC: tree_set_addr(t, node(t, w, p->ip_off + 12, 4), ip + 12); break;
	case FK_IP_DST: tree_set_addr(t, node(t, w, p->ip_off + 16, 4), ip + 16); break;
	case FK_IP_ADDR:
		tree_flag(t, tree_set_addr(t, node(t, w, p->ip_off + 12, 4), ip + 12), TN_HIDDEN);
		tree_flag(t, tree_set_addr(t, node(t, w, p->ip_off + 16, 4), ip + 16), TN_HIDDEN);
		break;
	case FK_TCP: node(t, w, to, sg->hlen); break;
	case FK_TCP_SRCPORT: tree_set_uint(t, node(t, w, to, 2), sg->sport); break;
	case FK_TCP_DSTPORT: tree_set_uint(t, node(t, w, to + 2, 2), sg->dport); break;
	case FK_TCP_PORT:
		tree_flag(t, tree_set_uint(t, node(t, w, to, 2), sg->sport), TN_HIDDEN);
		tree_flag(t, tree_set_uint(t, node(t, w, to + 2, 2), sg->dport), TN_HIDDEN);
		break;
	case FK_TCP_STREAM:
		if (p->have_conv)
			gen(t, w, to, p->r.stream);
		break;
	case FK_TCP_LEN: gen(t, w, to, sg->seglen); break;
	case FK_TCP_SEQ: tree_set_uint(t, node(t, w, to + 4, 4), p->r.seq_rel); break;
	case FK_TCP_SEQ_RAW: tree_set_uint(t, node(t, w, to + 4, 4), sg->seq); break;
	case FK_TCP_NXTSEQ: gen(t, w, to, p->r.nxtseq_rel); break;
	case FK_TCP_ACK: tree_set_uint(t, node(t, w, to + 8, 4), p->r.ack_rel); break;
	case FK_TCP_ACK_RAW: tree_set_uint(t, node(t, w, to + 8, 4), sg->ack); break;
	case FK_TCP_HDR_LEN: tree_set_uint(t, node(t, w, to + 12, 1), sg->hlen); break;
	case FK_TCP_FLAGS:
	case FK_TCP_FLAG_BIT: tree_set_uint(t, node(t, w, to + 12, 2), sg->flags); break;
	case FK_TCP_FLAGS_STR: {
		char s[TCP_FLAGS_STR_MAX];
		uint32_t k = tcp_flags_str(sg->flags, s);
		tree_flag(t, tree_add_bytes(t, 0, w->f, to + 12, 2, tree_keep(t, s, k), k),
		    TN_GENERATED | TN_CLEAN);
		break;
	}
	case FK_TCP_WIN_VALUE: tree_set_uint(t, node(t, w, to + 14, 2), sg->win); break;
	case FK_TCP_WIN: gen(t, w, to + 14, p->r.win_calc); break;
	}
}

int fastpath_dissect(const struct fastpath *fp, struct dctx *d, const uint8_t *frame)
{
	struct pinfo *pi = d->pi;
	struct pkt p;

	if (!parse(pi, frame, &p))
		return 0;
	p.frame = frame;
	d->frame = frame;
	fill_pinfo(pi, &p);
	struct tcp_opts o;
	int with_opts = d->sess && p.sg.hlen > 20;	/* the analysis alone reads them */
	if (with_opts) {
		struct cur oc = cur_make(frame + p.tcp_off + 20, p.sg.hlen - 20);
		tcp_opt_parse(&oc, p.sg.hlen - 20, &o);
	}
	p.have_conv = tcp_analyse(d, &p.sg, with_opts ? &o : NULL, &p.r);
	if (p.have_conv) {
		pi->stream_ptype = PT_TCP;
		pi->stream = p.r.stream;
	}
	if (d->tree) {
		tree_add_source(d->tree, "Frame", frame, pi->caplen);
		for (int i = 0; i < fp->nwant; i++)
			emit(d->tree, pi, &p, &fp->want[i]);
	}
	return 1;
}
