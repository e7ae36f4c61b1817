/* tcp_conv.c — TCP streams (the 4-tuple table, per-frame records for revisits,
 * segment collection) around tshark 4.0's SEQ/ACK analysis (tcp_seqan.c); see
 * tcp_conv.h.
 *
 * The analysis follows Wireshark's tcp_analyze_sequence_number check by check and in
 * the same order (zero window probe, zero window, lost segment, keep-alive, window
 * update, window full, keep-alive ACK, zero window probe ACK, duplicate ACK, ACKed
 * unseen segment, spurious / fast retransmission / out-of-order / retransmission),
 * then the unacked-segment bookkeeping, the ACK matching and bytes in flight.  The
 * directions are Wireshark's flow1/flow2 (flow1 = the side with the larger address,
 * or with the larger port on equal addresses) so that ties resolve the same way.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dissect/tcp_conv.h"
#include "dissect/tcp_conv_int.h"
#include "core/xmalloc.h"

/* keep_segs: a stream's segments (beside the streams: nothing per stream without it) */
struct segvec {
	struct tcpconv_seg *v;
	size_t n, c;
};

/* keep_results: one 16-byte record per frame number, in chunks of REC_CHUNK frames
 * allocated when a chunk holds its first TCP frame (no growth slack, nothing for a
 * stretch of frames without TCP).  What a revisit can recompute is not stored: the
 * direction and the relative numbers (from the stream), ack_rel_valid and has_push
 * (from the segment), the ACK's RTT (frame_ts of acks_frame), the stream (the latest
 * stream of the 4-tuple, or the one it replaced, by first frame).  Values that do not fit
 * (dup ACKs, RTOs, times over 4.29 s, frames or byte counts over 65535, or an RTT
 * without frame_ts) put the whole result in the aux side table (R_BIG). */
#define REC_SHIFT 12
#define REC_CHUNK ((size_t)1 << REC_SHIFT)

struct rec {
	uint32_t delta;			/* time_delta in ns; R_BIG: index into aux */
	uint16_t ackd;			/* frame - acks_frame; 0: none */
	uint16_t bif, push;		/* bytes_in_flight, push_bytes_sent */
	uint16_t aflags;
	uint16_t meta;			/* completeness | (win_scale + 2) << 6 | R_* */
	uint8_t states;			/* client << 4 | server */
	uint8_t pad;
};
enum { R_TA = 1 << 11, R_IRTT = 1 << 12, R_BIG = 1 << 13, R_SET = 1 << 14 };

struct aux {
	uint32_t dupack_num, dupack_frame, rto_frame, acks_frame, bif, push;
	int64_t rto, rtt, delta;
	uint8_t has_push, ack_rel_valid;
};

/* keep_results: a flow's base_seq moved (a SYN/ACK with another ISN); frames before
 * `frame` were numbered from `old`.  Rare, in frame order. */
struct basechg {
	uint32_t frame, stream, old;
	uint8_t sender;
};

struct tcpconv {
	int keep_results, keep_segs;
	struct basechg *bchg;
	size_t nbchg, cbchg;
	int no_states;			/* tcpconv_track_states(off) */
	struct stream *s;
	size_t ns, cs;
	struct segvec *segv;		/* by stream index, nsegv entries */
	size_t nsegv, csegv;
	uint32_t *hash;			/* stream index + 1, 0 = empty; latest stream per 4-tuple */
	size_t hcap;
	struct rec **rchunk;		/* frame >> REC_SHIFT → REC_CHUNK records, or NULL */
	size_t nrchunk, crchunk;
	struct aux *aux;
	size_t naux, caux;
	int64_t (*frame_ts)(void *ctx, uint32_t frame);
	void *frame_ts_ctx;
	uint32_t last_frame, last_stream;
	/* tcpconv_collect_begin/_end */
	uint32_t coll_stream1, coll_last;
	struct tcpconv_seg *coll;
	size_t ncoll, ccoll;
};

struct tcpconv *tcpconv_new(int keep_results)
{
	struct tcpconv *tc = xcalloc(1, sizeof(*tc));

	tc->keep_results = keep_results;
	tc->keep_segs = keep_results;
	tc->hcap = 1024;
	tc->hash = xcalloc(tc->hcap, sizeof(*tc->hash));
	return tc;
}

void tcpconv_free(struct tcpconv *tc)
{
	if (!tc)
		return;
	for (size_t i = 0; i < tc->ns; i++) {
		free(tc->s[i].fl[0].ua);
		free(tc->s[i].fl[1].ua);
	}
	for (size_t i = 0; i < tc->nsegv; i++)
		free(tc->segv[i].v);
	free(tc->segv);
	free(tc->bchg);
	free(tc->s);
	free(tc->hash);
	for (size_t i = 0; i < tc->nrchunk; i++)
		free(tc->rchunk[i]);
	free(tc->rchunk);
	free(tc->aux);
	free(tc->coll);
	free(tc);
}

void tcpconv_keep_segments(struct tcpconv *tc, int on)
{
	tc->keep_segs = on;
}

void tcpconv_track_states(struct tcpconv *tc, int on)
{
	tc->no_states = !on;
}

int tcpconv_segments_kept(const struct tcpconv *tc)
{
	return tc->keep_segs;
}

void tcpconv_set_frame_ts(struct tcpconv *tc, int64_t (*fn)(void *ctx, uint32_t frame),
    void *ctx)
{
	tc->frame_ts = fn;
	tc->frame_ts_ctx = ctx;
}

/* A stream's unacked-segment arrays once they are empty: a stream is found again only
 * through the hash, so a replaced stream never needs them, and a closing one rarely. */
static void flow_release_ua(struct flow *f)
{
	free(f->ua);
	f->ua = NULL;
	f->nua = f->cua = 0;
}

/* ---- the 4-tuple hash ---- */

static uint64_t key_hash(uint8_t alen, const uint8_t *a0, uint16_t p0, const uint8_t *a1,
    uint16_t p1)
{
	uint64_t h = (uint64_t)p0 << 16 ^ p1 ^ (uint64_t)alen << 32;

	/* a word at a time (multiply-xorshift): four bytes for IPv4, eight for IPv6 */
	for (int k = 0; k < 2; k++) {
		const uint8_t *a = k ? a1 : a0;
		for (int i = 0; i + 4 <= alen; i += alen == 16 ? 8 : 4) {
			uint64_t w = 0;
			memcpy(&w, a + i, alen == 16 ? 8 : 4);
			h = (h ^ w) * 0x9e3779b97f4a7c15ull;
			h ^= h >> 29;
		}
	}
	return h;
}

/* Wireshark's direction: >= 0 means the sender is flow1. */
static int direction(const struct tcpconv_in *in)
{
	int c = memcmp(in->src, in->dst, in->alen);

	if (c == 0)
		c = in->sport > in->dport ? 1 : -1;
	return c;
}

static uint64_t in_hash(const struct tcpconv_in *in, int dir)
{
	return dir >= 0 ? key_hash(in->alen, in->src, in->sport, in->dst, in->dport)
	    : key_hash(in->alen, in->dst, in->dport, in->src, in->sport);
}

/* Wireshark's flow1 (k = 0) and flow2 endpoints, kept once, in the public record's
 * client/server order. */
static const uint8_t *st_addr(const struct stream *s, int k)
{
	return s->pub.addr[k ^ s->client_fl];
}

static uint16_t st_port(const struct stream *s, int k)
{
	return s->pub.port[k ^ s->client_fl];
}

/* memcmp(a, b, n) == 0 for the two address sizes, without a call */
static int addr_eq(const uint8_t *a, const uint8_t *b, uint8_t n)
{
	uint32_t x, y;

	if (n != 4)
		return memcmp(a, b, n) == 0;
	memcpy(&x, a, 4);
	memcpy(&y, b, 4);
	return x == y;
}

static int stream_match(const struct stream *s, const struct tcpconv_in *in, int dir)
{
	const uint8_t *a0 = dir >= 0 ? in->src : in->dst, *a1 = dir >= 0 ? in->dst : in->src;
	uint16_t p0 = dir >= 0 ? in->sport : in->dport, p1 = dir >= 0 ? in->dport : in->sport;

	return s->pub.alen == in->alen && st_port(s, 0) == p0 && st_port(s, 1) == p1 &&
	    addr_eq(st_addr(s, 0), a0, in->alen) && addr_eq(st_addr(s, 1), a1, in->alen);
}

static size_t hash_slot(const struct tcpconv *tc, const struct tcpconv_in *in, int dir)
{
	size_t m = tc->hcap - 1, i = (size_t)in_hash(in, dir) & m;

	while (tc->hash[i] && !stream_match(&tc->s[tc->hash[i] - 1], in, dir))
		i = (i + 1) & m;
	return i;
}

static void hash_grow(struct tcpconv *tc)
{
	uint32_t *old = tc->hash;
	size_t oc = tc->hcap;

	tc->hcap *= 2;
	tc->hash = xcalloc(tc->hcap, sizeof(*tc->hash));
	for (size_t i = 0; i < oc; i++) {
		if (!old[i])
			continue;
		const struct stream *s = &tc->s[old[i] - 1];
		size_t m = tc->hcap - 1;
		size_t j = (size_t)key_hash(s->pub.alen, st_addr(s, 0), st_port(s, 0),
		    st_addr(s, 1), st_port(s, 1)) & m;
		while (tc->hash[j])
			j = (j + 1) & m;
		tc->hash[j] = old[i];
	}
	free(old);
}

static void flow_init(struct flow *f)
{
	struct unacked *ua = f->ua;
	uint32_t cua = f->cua;

	memset(f, 0, sizeof(*f));
	f->ua = ua;
	f->cua = cua;
	f->win_scale = -1;
	f->window = UINT32_MAX;
	f->valid_bif = 1;
}

static uint32_t stream_new(struct tcpconv *tc, const struct tcpconv_in *in, int dir, size_t slot)
{
	struct stream *s;
	uint32_t idx;

	if ((tc->ns + 1) * 2 > tc->hcap) {
		hash_grow(tc);
		slot = hash_slot(tc, in, dir);
	}
	tc->s = xgrow(tc->s, &tc->cs, tc->ns + 1, sizeof(*tc->s));
	idx = (uint32_t)tc->ns++;
	s = &tc->s[idx];
	memset(s, 0, sizeof(*s));
	flow_init(&s->fl[0]);
	flow_init(&s->fl[1]);
	s->ts_first = s->ts_prev = in->ts;
	/* The client: first SYN sender, receiver of a first SYN/ACK, else first sender. */
	{
		int sender = dir >= 0 ? 0 : 1;
		s->client_fl = (uint8_t)(((in->flags & (TCPF_SYN | TCPF_ACK)) == (TCPF_SYN | TCPF_ACK))
		    ? !sender : sender);
	}
	tcpstate_init(&s->st);
	s->pub.index = idx;
	s->pub.alen = in->alen;
	{
		int c = s->client_fl;	/* flow1's endpoint is the sender's when dir >= 0 */
		memcpy(s->pub.addr[c], dir >= 0 ? in->src : in->dst, in->alen);
		memcpy(s->pub.addr[!c], dir >= 0 ? in->dst : in->src, in->alen);
		s->pub.port[c] = dir >= 0 ? in->sport : in->dport;
		s->pub.port[!c] = dir >= 0 ? in->dport : in->sport;
	}
	s->pub.first_frame = in->frame;
	s->pub.first_ts = in->ts;
	s->pub.active_closer = -1;
	tc->hash[slot] = idx + 1;
	return idx;
}

/* ---- per-frame records (keep_results) ---- */

static struct rec *rec_slot(struct tcpconv *tc, uint32_t frame, int create)
{
	size_t c = frame >> REC_SHIFT;

	if (c >= tc->nrchunk) {
		if (!create)
			return NULL;
		tc->rchunk = xgrow(tc->rchunk, &tc->crchunk, c + 1, sizeof(*tc->rchunk));
		memset(tc->rchunk + tc->nrchunk, 0, (c + 1 - tc->nrchunk) * sizeof(*tc->rchunk));
		tc->nrchunk = c + 1;
	}
	if (!tc->rchunk[c]) {
		if (!create)
			return NULL;
		tc->rchunk[c] = xcalloc(REC_CHUNK, sizeof(struct rec));
	}
	return &tc->rchunk[c][frame & (REC_CHUNK - 1)];
}

static const struct rec *rec_find(const struct tcpconv *tc, uint32_t frame)
{
	size_t c = frame >> REC_SHIFT;

	if (c >= tc->nrchunk || !tc->rchunk[c])
		return NULL;
	return (tc->rchunk[c][frame & (REC_CHUNK - 1)].meta & R_SET) ?
	    &tc->rchunk[c][frame & (REC_CHUNK - 1)] : NULL;
}

static int ack_rel_valid_of(const struct tcpconv_in *in)
{
	return !in->no_seglen && (in->flags & TCPF_ACK);
}

/* Which side a FIN closes from (struct tcpconv_out fin_closing): the side of the first
 * FIN initiates, the other undergoes; fixed once set, so revisits read it back. */
static uint8_t fin_closing(const struct flow *fwd, uint16_t flags)
{
	return !(flags & TCPF_FIN) ? 0 : fwd->closing_initiator ? 1 : 2;
}

static void rec_store(struct tcpconv *tc, const struct tcpconv_in *in, const struct tcpconv_out *o)
{
	uint32_t frame = in->frame;
	struct rec *r = rec_slot(tc, frame, 1);
	int rtt_ok = o->acks_frame ? tc->frame_ts && o->acks_frame < frame &&
	    in->ts - tc->frame_ts(tc->frame_ts_ctx, o->acks_frame) == o->ack_rtt : !o->ack_rtt;
	int big = o->dupack_num || o->dupack_frame || o->rto || o->rto_frame || !rtt_ok ||
	    (o->acks_frame && frame - o->acks_frame > UINT16_MAX) ||
	    o->bytes_in_flight > UINT16_MAX || o->push_bytes_sent > UINT16_MAX ||
	    o->has_push != (o->push_bytes_sent != 0) ||
	    o->ack_rel_valid != ack_rel_valid_of(in) ||
	    o->time_delta < 0 || o->time_delta > UINT32_MAX;

	if (r->meta & R_SET)
		return;		/* a second TCP header in the same frame: keep the first */
	r->aflags = o->aflags;
	r->meta = (uint16_t)(R_SET | (o->completeness & 63) | ((o->win_scale + 2) & 31) << 6 |
	    (o->has_ta ? R_TA : 0) | (o->irtt ? R_IRTT : 0) | (big ? R_BIG : 0));
	r->states = (uint8_t)(o->client_state << 4 | o->server_state);
	if (big) {
		struct aux *a;
		tc->aux = xgrow(tc->aux, &tc->caux, tc->naux + 1, sizeof(*tc->aux));
		a = &tc->aux[tc->naux];
		r->delta = (uint32_t)tc->naux++;
		a->dupack_num = o->dupack_num;
		a->dupack_frame = o->dupack_frame;
		a->rto = o->rto;
		a->rto_frame = o->rto_frame;
		a->acks_frame = o->acks_frame;
		a->rtt = o->ack_rtt;
		a->delta = o->time_delta;
		a->bif = o->bytes_in_flight;
		a->push = o->push_bytes_sent;
		a->has_push = o->has_push;
		a->ack_rel_valid = o->ack_rel_valid;
	} else {
		r->delta = (uint32_t)o->time_delta;
		r->ackd = (uint16_t)(o->acks_frame ? frame - o->acks_frame : 0);
		r->bif = (uint16_t)o->bytes_in_flight;
		r->push = (uint16_t)o->push_bytes_sent;
	}
}

/* The base_seq frame `frame` was numbered from, for flow `sender` of stream idx. */
static uint32_t base_at(const struct tcpconv *tc, uint32_t idx, int sender, uint32_t frame,
    uint32_t now)
{
	for (size_t i = 0; i < tc->nbchg; i++)
		if (tc->bchg[i].frame > frame && tc->bchg[i].stream == idx && tc->bchg[i].sender == sender)
			return tc->bchg[i].old;
	return now;
}

static int rec_load(const struct tcpconv *tc, const struct tcpconv_in *in, struct tcpconv_out *o)
{
	const struct rec *r = rec_find(tc, in->frame);
	const struct stream *s;
	const struct flow *fwd, *rev;
	int dir = direction(in), sender = dir >= 0 ? 0 : 1;
	uint32_t idx;

	if (!r || !(idx = tc->hash[hash_slot(tc, in, dir)]))
		return 0;
	idx--;
	while (tc->s[idx].pub.first_frame > in->frame && tc->s[idx].prev1)
		idx = tc->s[idx].prev1 - 1;
	s = &tc->s[idx];
	memset(o, 0, sizeof(*o));
	o->stream = idx;
	o->dir = sender != s->client_fl;
	fwd = &s->fl[sender];
	rev = &s->fl[!sender];
	o->completeness = r->meta & 63;
	o->win_scale = (int8_t)(((r->meta >> 6) & 31) - 2);
	o->seq_rel = in->seq - base_at(tc, idx, sender, in->frame, fwd->base_seq);
	o->nxtseq_rel = o->seq_rel + in->seglen + ((in->flags & (TCPF_SYN | TCPF_FIN)) ? 1 : 0);
	o->win_calc = (!(in->flags & TCPF_SYN) && o->win_scale >= 0 && !in->in_error) ?
	    (uint32_t)in->win << o->win_scale : in->win;
	o->time_rel = in->ts - s->ts_first;
	o->fin_closing = fin_closing(fwd, in->flags);
	o->has_ta = (r->meta & R_TA) ? 1 : 0;
	o->aflags = r->aflags;
	o->irtt = (r->meta & R_IRTT) ? s->ts_first_rtt : 0;
	if (r->meta & R_BIG) {
		const struct aux *a = &tc->aux[r->delta];
		o->dupack_num = a->dupack_num;
		o->dupack_frame = a->dupack_frame;
		o->rto = a->rto;
		o->rto_frame = a->rto_frame;
		o->acks_frame = a->acks_frame;
		o->ack_rtt = a->rtt;
		o->time_delta = a->delta;
		o->bytes_in_flight = a->bif;
		o->push_bytes_sent = a->push;
		o->has_push = a->has_push;
		o->ack_rel_valid = a->ack_rel_valid;
	} else {
		o->time_delta = r->delta;
		if (r->ackd) {
			o->acks_frame = in->frame - r->ackd;
			o->ack_rtt = in->ts - tc->frame_ts(tc->frame_ts_ctx, o->acks_frame);
		}
		o->bytes_in_flight = r->bif;
		o->push_bytes_sent = r->push;
		o->has_push = r->push != 0;
		o->ack_rel_valid = (uint8_t)ack_rel_valid_of(in);
	}
	o->ack_rel = o->ack_rel_valid ? in->ack - base_at(tc, idx, !sender, in->frame, rev->base_seq) :
	    in->ack;
	o->client_state = r->states >> 4;
	o->server_state = r->states & 15;
	if (in->no_seglen) {	/* as the first pass: raw numbers, no relative ones */
		o->seq_rel = in->seq;
		o->ack_rel = in->ack;
	}
	return 1;
}

/* The segment as the first pass kept it (labels are filled by tcpconv_collect_end). */
static void seg_fill(struct tcpconv_seg *g, const struct tcpconv_in *in, const struct tcpconv_out *o)
{
	memset(g, 0, sizeof(*g));
	g->frame = in->frame;
	g->ts = in->ts;
	g->dir = o->dir;
	g->flags = in->flags;
	g->seq_rel = o->seq_rel;
	g->ack_rel = o->ack_rel;
	g->seq_raw = in->seq;
	g->ack_raw = in->ack;
	g->len = in->seglen;
	g->win = in->win;
	g->aflags = o->aflags;
	g->state_after[0] = o->client_state;
	g->state_after[1] = o->server_state;
}

static void seg_change(struct tcpconv_seg *g, const struct tcpstate_change ch[2])
{
	for (int k = 0; k < 2; k++) {
		g->label[k] = ch[k].label;
		g->via[k] = ch[k].via;
		g->via_label[k] = ch[k].via_label;
		g->undo[k] = ch[k].undo;
	}
}

static void collect(struct tcpconv *tc, const struct tcpconv_in *in, const struct tcpconv_out *o)
{
	if (tc->coll_stream1 != o->stream + 1 || in->no_seglen || in->frame == tc->coll_last)
		return;
	tc->coll_last = in->frame;
	tc->coll = xgrow(tc->coll, &tc->ccoll, tc->ncoll + 1, sizeof(*tc->coll));
	seg_fill(&tc->coll[tc->ncoll++], in, o);
}

void tcpconv_collect_begin(struct tcpconv *tc, uint32_t stream)
{
	tc->coll_stream1 = stream + 1;
	tc->coll_last = 0;
	tc->ncoll = 0;
}

struct tcpconv_seg *tcpconv_collect_end(struct tcpconv *tc, size_t *n)
{
	struct tcpconv_seg *v = tc->coll;
	struct tcpstate st;
	struct tcpstate_change ch[2];

	/* The endpoint state machine replayed from the stream's start gives the
	 * transition labels the first pass saw. */
	tcpstate_init(&st);
	for (size_t i = 0; i < tc->ncoll; i++) {
		tcpstate_segment(&st, v[i].dir, v[i].flags, v[i].seq_raw, v[i].ack_raw, v[i].len, ch);
		seg_change(&v[i], ch);
	}
	*n = tc->ncoll;
	tc->coll = NULL;
	tc->ncoll = tc->ccoll = 0;
	tc->coll_stream1 = 0;
	return v;
}

/* ---- the entry point ---- */

/* The stream of a segment (a new one for a SYN with a new initial sequence number on a
 * known 4-tuple); marks port reuse in ta. */
static uint32_t stream_lookup(struct tcpconv *tc, const struct tcpconv_in *in, int dir,
    struct ta *ta)
{
	struct tcpconv_out *o = ta->o;
	struct stream *s;
	struct flow *fwd;
	uint16_t flags = in->flags;
	size_t slot;
	uint32_t idx;

	slot = hash_slot(tc, in, dir);
	if (!tc->hash[slot])
		idx = stream_new(tc, in, dir, slot);
	else {
		idx = tc->hash[slot] - 1;
		s = &tc->s[idx];
		fwd = &s->fl[dir >= 0 ? 0 : 1];
		/* A SYN with a new initial sequence number: the 4-tuple is reused. */
		if ((flags & (TCPF_SYN | TCPF_ACK)) == TCPF_SYN &&
		    (fwd->static_flags & S_BASE_SEQ_SET) && in->seq != fwd->base_seq) {
			uint32_t old = idx;
			flow_release_ua(&s->fl[0]);
			flow_release_ua(&s->fl[1]);
			idx = stream_new(tc, in, dir, slot);
			tc->s[idx].prev1 = old + 1;
			o->aflags |= TCPA_REUSED_PORTS;
			o->has_ta = 1;
			ta->on = 1;
		} else if ((flags & (TCPF_SYN | TCPF_ACK)) == (TCPF_SYN | TCPF_ACK) &&
		    (fwd->static_flags & S_BASE_SEQ_SET) && in->seq != fwd->base_seq) {
			/* A SYN/ACK with another ISN: same stream, counted from the new ISN. */
			if (tc->keep_results) {
				tc->bchg = xgrow(tc->bchg, &tc->cbchg, tc->nbchg + 1, sizeof(*tc->bchg));
				tc->bchg[tc->nbchg++] = (struct basechg){ in->frame, idx, fwd->base_seq,
				    (uint8_t)(dir >= 0 ? 0 : 1) };
			}
			fwd->base_seq = in->seq;
			o->aflags |= TCPA_REUSED_PORTS;
			o->has_ta = 1;
			ta->on = 1;
		}
	}
	return idx;
}

/* After the analysis: SYN bookkeeping, window scale, SACK blocks, completeness. */
/* Conversation completeness (the value shown is the one before this segment), as
 * tshark 4.0 accumulates it: nothing counts in a first segment that is not a SYN; a SYN
 * counts only as the first segment, a SYN-ACK only after it (tshark's first frame is the
 * conversation's: an FTP data connection's starts at its PORT command, so there its SYN
 * does not count — in->announced); data counts except in a
 * SYN-ACK, an ACK only without data or SYN, a FIN only with ACK, a RST always.  A
 * segment quoted by an ICMP error counts too. */
static void completeness_update(struct stream *s, const struct tcpconv_in *in)
{
	uint16_t flags = in->flags, synack = flags & (TCPF_SYN | TCPF_ACK);
	int first = in->frame == s->pub.first_frame && !in->announced;

	if (first && synack != TCPF_SYN)
		return;
	if (synack == TCPF_SYN)
		s->completeness |= first ? C_SYNSENT : 0;
	else if (synack == (TCPF_SYN | TCPF_ACK))
		s->completeness |= C_SYNACK;
	if (in->seglen && synack != (TCPF_SYN | TCPF_ACK))
		s->completeness |= C_DATA;
	else if (!in->seglen && synack == TCPF_ACK)
		s->completeness |= C_ACK;
	if ((flags & (TCPF_FIN | TCPF_ACK)) == (TCPF_FIN | TCPF_ACK))
		s->completeness |= C_FIN;
	if (flags & TCPF_RST)
		s->completeness |= C_RST;
}

static void flows_update(struct stream *s, struct flow *fwd, struct flow *rev,
    const struct tcpconv_in *in)
{
	uint16_t flags = in->flags;

	if ((flags & TCPF_FIN) && !rev->closing_initiator)
		fwd->closing_initiator = 1;
	/* SYN bookkeeping after the analysis, as tcp.c does while showing the flags. */
	if (flags & TCPF_SYN) {
		if (!(flags & TCPF_ACK))
			s->ts_mru_syn = in->ts;
		fwd->is_first_ack = 1;
	} else
		fwd->is_first_ack = 0;

	/* Window scale option (a SYN's) and its check. */
	if (in->ws_shift >= 0)
		fwd->win_scale = (int8_t)(in->ws_shift > 14 ? 14 : in->ws_shift);
	if ((flags & TCPF_SYN) && !in->opts_cut) {
		if (fwd->win_scale == -1) {
			fwd->win_scale = -2;
			rev->win_scale = -2;
		} else if ((flags & TCPF_ACK) && rev->win_scale == -2)
			fwd->win_scale = -2;
	}
	/* SACK blocks of this direction, for the other direction's bytes in flight. */
	fwd->nsack = in->nsack > 4 ? 4 : in->nsack;
	for (int i = 0; i < fwd->nsack; i++) {
		fwd->sack_le[i] = in->sack_le[i];
		fwd->sack_re[i] = in->sack_re[i];
	}
	completeness_update(s, in);
}

/* Endpoint states, the per-stream segment list, and the unacked lists freed at close. */
static void states_update(struct tcpconv *tc, uint32_t idx, const struct tcpconv_in *in,
    struct tcpconv_out *o)
{
	struct stream *s = &tc->s[idx];
	struct tcpstate_change ch[2];
	uint16_t flags = in->flags;

	/* Endpoint states. */
	s->pub.last_frame = in->frame;
	s->pub.last_ts = in->ts;
	if (!tc->no_states) {
		tcpstate_segment(&s->st, o->dir, flags, in->seq, in->ack, in->seglen, ch);
		s->pub.open = tcpstate_open(&s->st);
		s->pub.close = tcpstate_close(&s->st);
		s->pub.active_closer = tcpstate_active_closer(&s->st);
	} else
		memset(ch, 0, sizeof(ch));
	o->client_state = s->st.st[0];
	o->server_state = s->st.st[1];
	s->pub.nsegs++;
	if (tc->keep_segs) {
		struct tcpconv_seg *g;
		struct segvec *sv;
		if (idx >= tc->nsegv) {
			tc->segv = xgrow(tc->segv, &tc->csegv, (size_t)idx + 1, sizeof(*tc->segv));
			memset(tc->segv + tc->nsegv, 0, ((size_t)idx + 1 - tc->nsegv) * sizeof(*tc->segv));
			tc->nsegv = (size_t)idx + 1;
		}
		sv = &tc->segv[idx];
		sv->v = xgrow(sv->v, &sv->c, sv->n + 1, sizeof(*sv->v));
		g = &sv->v[sv->n++];
		seg_fill(g, in, o);
		seg_change(g, ch);
	}
	if (s->completeness & (C_FIN | C_RST)) {
		if (!s->fl[0].nua && s->fl[0].ua)
			flow_release_ua(&s->fl[0]);
		if (!s->fl[1].nua && s->fl[1].ua)
			flow_release_ua(&s->fl[1]);
	}
}

void tcpconv_segment(struct tcpconv *tc, const struct tcpconv_in *in, int visited,
    struct tcpconv_out *out)
{
	struct tcpconv_out *o = out;
	struct stream *s;
	struct flow *fwd, *rev;
	struct ta ta = { 0, out };
	int dir = direction(in), sender;
	uint32_t idx, window;
	uint16_t flags = in->flags;

	tc->last_frame = in->frame;
	if (visited && tc->keep_results && rec_load(tc, in, out)) {
		tc->last_stream = out->stream;
		if (tc->coll_stream1)
			collect(tc, in, out);
		return;
	}
	memset(o, 0, sizeof(*o));
	idx = stream_lookup(tc, in, dir, &ta);
	s = &tc->s[idx];
	sender = dir >= 0 ? 0 : 1;
	fwd = &s->fl[sender];
	rev = &s->fl[!sender];
	o->stream = idx;
	tc->last_stream = idx;
	o->dir = sender != s->client_fl;

	/* Timestamps relative to the stream. */
	o->time_rel = in->ts - s->ts_first;
	o->time_delta = in->ts - s->ts_prev;
	s->ts_prev = in->ts;

	o->completeness = s->completeness;

	/* Window: scaled unless SYN. */
	window = in->win;
	o->win_scale = fwd->win_scale;
	if (!(flags & TCPF_SYN) && fwd->win_scale >= 0 && !in->in_error)
		window = (uint32_t)in->win << fwd->win_scale;
	o->win_calc = window;
	if (in->no_seglen) {
		if (in->in_error)
			completeness_update(s, in);
		o->seq_rel = in->seq;
		o->ack_rel = in->ack;
		o->client_state = s->st.st[0];
		o->server_state = s->st.st[1];
		if (tc->keep_results)
			rec_store(tc, in, o);
		return;
	}

	/* iRTT: the first pure ACK after a SYN. */
	if ((flags & (TCPF_SYN | TCPF_ACK)) == TCPF_ACK && s->ts_mru_syn && !s->ts_first_rtt)
		s->ts_first_rtt = in->ts - s->ts_mru_syn;

	tcpconv_analyze(s, fwd, rev, in, window, &ta);
	o->irtt = s->ts_first_rtt;

	o->seq_rel = in->seq - fwd->base_seq;
	o->ack_rel_valid = (flags & TCPF_ACK) ? 1 : 0;
	o->ack_rel = (flags & TCPF_ACK) ? in->ack - rev->base_seq : in->ack;
	o->nxtseq_rel = o->seq_rel + in->seglen + ((flags & (TCPF_SYN | TCPF_FIN)) ? 1 : 0);

	flows_update(s, fwd, rev, in);
	o->fin_closing = fin_closing(fwd, flags);
	states_update(tc, idx, in, o);
	if (tc->keep_results)
		rec_store(tc, in, o);
}

int tcpconv_frame_stream(const struct tcpconv *tc, uint32_t frame, uint32_t *stream)
{
	if (!tc->last_frame || tc->last_frame != frame)
		return 0;
	*stream = tc->last_stream;
	return 1;
}

int tcpconv_close_summary(const struct tcpconv *tc, uint32_t stream,
    struct tcp_close_summary *out)
{
	if (stream >= tc->ns || tc->no_states)
		return -1;
	tcpstate_summary(&tc->s[stream].st, out);
	return 0;
}

uint32_t tcpconv_stream_count(const struct tcpconv *tc)
{
	return (uint32_t)tc->ns;
}

const struct tcpconv_stream *tcpconv_stream(const struct tcpconv *tc, uint32_t index)
{
	return index < tc->ns ? &tc->s[index].pub : NULL;
}

const struct tcpconv_seg *tcpconv_stream_seg(const struct tcpconv *tc, uint32_t index,
    uint32_t i)
{
	if (index >= tc->nsegv || i >= tc->segv[index].n)
		return NULL;	/* also when segments are not kept */
	return &tc->segv[index].v[i];
}
