/* reasm.c — TCP desegmentation for the protocols over TCP; see reasm.h.
 *
 * Per stream direction there is at most one open multi-segment PDU (msp): its first
 * seq, the seq after its end (nxtpdu), its bytes so far and the list of segments
 * (frame, offset in frame, length) that made it.  A segment inside the open msp is
 * appended; when it reaches nxtpdu the PDU function runs on the whole buffer and the
 * bytes after nxtpdu start over as a new PDU (Wireshark's desegment_tcp "again" loop).
 *
 * With keep_results each frame's calls are recorded as ops (dissect the segment from
 * offset X; dissect msp M; the tail shown as segment data), in frame order, and a
 * revisit replays them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dissect/reasm.h"
#include "dissect/session.h"
#include "core/xmalloc.h"
#include "dissect/dissect.h"

enum {
	R_SEGMENTS, R_SEGMENT, R_SEG_COUNT, R_REASM_LEN, R_REASM_DATA, R_REASM_IN, R_PDU_SIZE,
};

static const struct field_def fields[] = {
	[R_SEGMENTS] = { "tcp.segments", "Reassembled TCP Segments", FT_NONE, BASE_NONE, 0, 0, NULL,
		"The TCP segments whose payloads were joined to make this PDU (e.g. one HTTP response).", 0 },
	[R_SEGMENT] = { "tcp.segment", "TCP Segment", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"One frame that carried part of the reassembled PDU, and which of its bytes.", 0 },
	[R_SEG_COUNT] = { "tcp.segment.count", "Segment count", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"How many segments the PDU was spread over.", 0 },
	[R_REASM_LEN] = { "tcp.reassembled.length", "Reassembled TCP length", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"The total length of the reassembled payload.", 0 },
	[R_REASM_DATA] = { "tcp.reassembled.data", "Reassembled TCP Data", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The reassembled payload.", 0 },
	[R_REASM_IN] = { "tcp.reassembled_in", "Reassembled PDU in frame", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"The PDU that doesn't end in this segment is reassembled in this frame.", 0 },
	[R_PDU_SIZE] = { "tcp.pdu.size", "PDU Size", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"The size of one PDU of several in this segment.", 0 },
};
static const struct field_table reasm_table = REG_TABLE(fields);
const struct proto_reg reasm_proto = REG_PROTO_TABLE(reasm_table);

enum {
	MSP_ENTIRE_SEGMENT = 1,	/* "one more segment": take all of the next one */
	MSP_UNTIL_FIN = 2,
	MSP_GAVE_UP = 4,	/* hole, or over a memory cap: never dissected */
	MSP_DONE = 8,
};

struct seginfo {
	uint32_t frame, foff, len;	/* bytes [foff, foff+len) of the frame */
	uint32_t pdu_off;		/* where they go in the PDU */
};

struct msp {
	uint32_t seq, nxtpdu;
	uint32_t first_frame, last_frame;	/* last_frame: reassembled in, 0 = not yet */
	unsigned flags;
	uint32_t id;			/* keep_results: index in the archive + 1 */
	uint8_t *data;
	uint32_t have, cap;		/* contiguous bytes from seq */
	uint8_t *cov;			/* a bit a byte of data: filled (after a segment came
					 * past a hole; NULL until then) */
	struct seginfo *segs;		/* in PDU offset order */
	uint32_t nsegs, segcap;
};

/* Room for one segment more in m's list. */
static void segs_room(struct msp *m)
{
	size_t cap = m->segcap;

	m->segs = xgrow(m->segs, &cap, (size_t)m->nsegs + 1, sizeof(*m->segs));
	m->segcap = (uint32_t)cap;
}

struct rdir {
	struct msp *open;
	uint32_t done_seq, done_end;	/* the last PDU reassembled, [seq, end) */
	int have_done;
	/* where the last PDU closed (reassembled or not) began and ended, and the frame
	 * of its first segment: a later segment at the same place retransmits it (tshark
	 * looks every PDU up; older ones than the last are not kept) */
	uint32_t last_seq, last_nxtpdu, last_first;
};

struct rstream {
	struct rdir dir[2];
	uint32_t conv_frame;		/* the frame that made conv */
	void *conv;
	void (*release)(void *);
};

enum { OP_PAYLOAD, OP_MSP, OP_TAIL, OP_OVERLAP, OP_RETRANS };

#define OVERLAP_TEXT "[Reassembly error, protocol TCP: New fragment overlaps old data (retransmission?)]"

/* One recorded step of a frame (keep_results). */
struct op {			/* 20 bytes: one or two per TCP segment with payload */
	uint32_t frame;
	uint32_t off : 28;	/* payload offset (OP_PAYLOAD, OP_TAIL; a segment is shorter
				 * than 2^28 even with BIG TCP) */
	uint32_t kind : 3;
	uint32_t info : 1;	/* OP_TAIL: "[TCP segment of a reassembled PDU]" was shown */
	uint32_t len;		/* tail length */
	uint32_t seq;		/* OP_MSP of a PDU that then asked for more: the msp's
				 * segment count at that time */
	uint32_t msp;		/* OP_MSP; OP_TAIL: the msp the tail went to (reassembled_in),
				 * as its msp->id; 0 = none */
};

struct reasm {
	int keep;
	struct rstream **streams;
	size_t nstreams;
	size_t per_pdu, total_cap, total;
	reasm_frame_fn frame_fn;
	void *frame_ctx;
	struct msp **archive;	/* keep_results: every msp ever made */
	size_t narchive, archcap;
	struct op *ops;
	size_t nops, opcap;
	uint8_t *scratch;	/* rebuilt buffers when there is no tree */
	size_t scratchcap;
	struct reasm_tcp_note last;
};

struct reasm *reasm_new(int keep_results)
{
	struct reasm *r = xcalloc(1, sizeof(*r));

	r->keep = keep_results;
	r->per_pdu = 16u << 20;
	r->total_cap = 256u << 20;
	return r;
}

static void msp_free_data(struct reasm *r, struct msp *m)
{
	r->total -= m->cap;
	free(m->data);
	free(m->cov);
	m->data = NULL;
	m->cov = NULL;
	m->cap = 0;
}

static void msp_free(struct reasm *r, struct msp *m)
{
	if (!m)
		return;
	msp_free_data(r, m);
	free(m->segs);
	free(m);
}

void reasm_free(struct reasm *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nstreams; i++) {
		struct rstream *s = r->streams[i];
		if (!s)
			continue;
		if (!r->keep)
			for (int k = 0; k < 2; k++)
				msp_free(r, s->dir[k].open);
		if (s->release)
			s->release(s->conv);
		free(s->conv);
		free(s);
	}
	for (size_t i = 0; i < r->narchive; i++)
		msp_free(r, r->archive[i]);
	free(r->archive);
	free(r->streams);
	free(r->ops);
	free(r->scratch);
	free(r);
}

void reasm_set_frame_source(struct reasm *r, reasm_frame_fn fn, void *ctx)
{
	r->frame_fn = fn;
	r->frame_ctx = ctx;
}

void reasm_set_limits(struct reasm *r, size_t per_pdu, size_t total)
{
	r->per_pdu = per_pdu;
	r->total_cap = total;
}

size_t reasm_buffered(const struct reasm *r)
{
	return r->total;
}

static struct rstream *get_stream(struct reasm *r, uint32_t stream)
{
	if (stream >= r->nstreams) {
		size_t n = r->nstreams;
		r->streams = xgrow(r->streams, &n, (size_t)stream + 1, sizeof(*r->streams));
		memset(r->streams + r->nstreams, 0, (n - r->nstreams) * sizeof(*r->streams));
		r->nstreams = n;
	}
	if (!r->streams[stream])
		r->streams[stream] = xcalloc(1, sizeof(struct rstream));
	return r->streams[stream];
}

void *reasm_conv(struct reasm *r, uint32_t stream, uint32_t frame, size_t size,
    void (*release)(void *))
{
	struct rstream *s = get_stream(r, stream);

	if (!s->conv) {
		s->conv = xcalloc(1, size);
		s->release = release;
		s->conv_frame = frame;
	}
	return s->conv;
}

void reasm_note_tcp(struct reasm *r, const struct reasm_tcp_note *n)
{
	r->last = *n;
}

const struct reasm_tcp_note *reasm_last_tcp(const struct reasm *r, uint32_t frame)
{
	return r->last.frame == frame ? &r->last : NULL;
}

void reasm_pdu_size(struct dctx *d, const struct reasm_pdu *p, uint32_t off, uint32_t len)
{
	uint32_t n = tree_add_uint(d->tree, p->tcp_node, &fields[R_PDU_SIZE], off, len, len);

	if (tree_text(d->tree))
		tree_label(d->tree, n, "PDU Size: %u", len);
	tree_flag(d->tree, n, TN_GENERATED);
}

void *reasm_conv_find(const struct reasm *r, uint32_t stream, uint32_t frame)
{
	const struct rstream *s = stream < r->nstreams ? r->streams[stream] : NULL;

	return s && s->conv && s->conv_frame <= frame ? s->conv : NULL;
}

/* ---- msp ---- */

static struct msp *msp_new(struct reasm *r, uint32_t seq, uint32_t nxtpdu, uint32_t frame)
{
	struct msp *m = xcalloc(1, sizeof(*m));

	m->seq = seq;
	m->nxtpdu = nxtpdu;
	m->first_frame = frame;
	if (r->keep) {
		r->archive = xgrow(r->archive, &r->archcap, r->narchive + 1, sizeof(*r->archive));
		r->archive[r->narchive++] = m;
		m->id = (uint32_t)r->narchive;
	}
	return m;
}

/* The open msp is done with (dissected, or superseded): batch mode frees it. */
static void msp_close(struct reasm *r, struct rdir *dir)
{
	struct msp *m = dir->open;

	if (!m)
		return;
	dir->open = NULL;
	dir->last_seq = m->seq;
	dir->last_nxtpdu = m->nxtpdu;
	dir->last_first = m->first_frame;
	if (r->keep) {		/* archived: its segment list is kept as long as it is */
		msp_free_data(r, m);
		if (m->nsegs && m->nsegs < m->segcap) {
			m->segs = xrealloc(m->segs, (size_t)m->nsegs * sizeof(*m->segs));
			m->segcap = m->nsegs;
		}
		return;
	}
	msp_free(r, m);
}

/* Makes room for need bytes of m's data (0 over the caps: m is given up). */
static int msp_room(struct reasm *r, struct msp *m, size_t need)
{
	if (need > r->per_pdu || r->total - m->cap + need > r->total_cap) {
		m->flags |= MSP_GAVE_UP;
		msp_free_data(r, m);
		return 0;
	}
	if (need > m->cap) {
		size_t cap = m->cap ? m->cap : 1024, old = m->cap;
		while (cap < need)
			cap *= 2;
		if (cap > r->per_pdu)
			cap = r->per_pdu;
		m->data = xrealloc(m->data, cap);
		if (m->cov) {
			m->cov = xrealloc(m->cov, (cap + 7) / 8);
			memset(m->cov + (old + 7) / 8, 0, (cap + 7) / 8 - (old + 7) / 8);
		}
		m->cap = (uint32_t)cap;
		r->total += cap - old;
	}
	return 1;
}

static int cov_has(const struct msp *m, uint32_t i)
{
	return i < m->have || (m->cov && i < m->cap && (m->cov[i >> 3] >> (i & 7) & 1));
}

/* Were bytes kept past a hole that is still there? */
static int msp_has_hole(const struct msp *m)
{
	for (uint32_t i = m->have; m->cov && i < m->cap; i++)
		if (m->cov[i >> 3] >> (i & 7) & 1)
			return 1;
	return 0;
}

/* Adds len bytes at seq to m (len 0: a bare FIN at seq, checked for a gap only).  Like
 * tshark's fragment table, bytes past a hole are kept until the hole is filled (the
 * first bytes to come for a place stay); the segments are listed in PDU order. */
static void msp_add(struct reasm *r, struct msp *m, uint32_t seq, const uint8_t *p, uint32_t len,
    uint32_t frame, uint32_t foff)
{
	uint32_t pos = seq - m->seq;

	if (len && frame && (r->keep || !(m->flags & MSP_GAVE_UP))) {	/* frame 0: bytes only */
		size_t k = m->nsegs;
		segs_room(m);
		while (k > 0 && m->segs[k - 1].pdu_off > pos)
			k--;
		memmove(m->segs + k + 1, m->segs + k, (m->nsegs - k) * sizeof(*m->segs));
		m->segs[k] = (struct seginfo){ frame, foff, len, pos };
		m->nsegs++;
	}
	if (m->flags & MSP_GAVE_UP)
		return;
	if ((int32_t)pos < 0 || (!len && pos > m->have)) {	/* before the PDU, or a FIN
								 * after a hole: tshark gives up */
		m->flags |= MSP_GAVE_UP;
		msp_free_data(r, m);
		return;
	}
	if (!len || pos + len <= m->have)	/* old bytes again, or none */
		return;
	if (!msp_room(r, m, (size_t)pos + len))
		return;
	if (pos <= m->have && !m->cov) {	/* in order: the common case */
		uint32_t skip = m->have - pos;
		memcpy(m->data + m->have, p + skip, len - skip);
		m->have += len - skip;
		return;
	}
	if (!m->cov)
		m->cov = xcalloc(1, (m->cap + 7) / 8);
	for (uint32_t i = pos < m->have ? m->have - pos : 0; i < len; i++)
		if (!cov_has(m, pos + i)) {
			m->data[pos + i] = p[i];
			m->cov[(pos + i) >> 3] |= (uint8_t)(1u << ((pos + i) & 7));
		}
	while (m->have < m->cap && cov_has(m, m->have))
		m->have++;
}

/* ---- ops (keep_results) ---- */

static void op_add(struct reasm *r, uint32_t frame, int kind, uint32_t off, uint32_t len,
    uint32_t seq, struct msp *m, int info)
{
	if (!r->keep)
		return;
	r->ops = xgrow(r->ops, &r->opcap, r->nops + 1, sizeof(*r->ops));
	r->ops[r->nops++] = (struct op){ frame, off & 0xfffffff, (uint32_t)kind & 7,
	    (uint32_t)info & 1, len, seq, m ? m->id : 0 };
}

static struct msp *op_msp(const struct reasm *r, const struct op *o)
{
	return o->msp ? r->archive[o->msp - 1] : NULL;
}

/* ---- tree items ---- */

static void show_segments(struct dctx *d, const struct msp *m, uint32_t len)
{
	struct dtree *t = d->tree;
	uint32_t node, n;

	if (!t)
		return;
	node = tree_add(t, 0, &fields[R_SEGMENTS], 0, len);
	if (tree_text(t) && node) {
		tree_label(t, node, "%u Reassembled TCP Segments (%u byte%s):", m->nsegs, len,
		    len == 1 ? "" : "s");
		for (size_t i = 0; i < m->nsegs; i++)
			tree_label_append(t, node, "%s #%u(%u)", i ? "," : "", m->segs[i].frame,
			    m->segs[i].len);
	}
	tree_flag(t, node, TN_GENERATED);
	for (size_t i = 0; i < m->nsegs; i++) {
		const struct seginfo *s = &m->segs[i];
		n = tree_add_uint(t, node, &fields[R_SEGMENT], s->pdu_off, s->len, s->frame);
		if (tree_text(t))
			tree_label(t, n, "Frame: %u, payload: %u-%u (%u byte%s)", s->frame, s->pdu_off,
			    s->pdu_off + s->len - 1, s->len, s->len == 1 ? "" : "s");
		tree_flag(t, n, TN_GENERATED);
	}
	tree_flag(t, tree_add_uint(t, node, &fields[R_SEG_COUNT], 0, 0, (uint64_t)m->nsegs), TN_GENERATED);
	tree_flag(t, tree_add_uint(t, node, &fields[R_REASM_LEN], 0, 0, len), TN_GENERATED);
	if (t->nsrc)
		tree_flag(t, tree_add_bytes(t, node, &fields[R_REASM_DATA], 0, len,
		    t->src[t->cursrc].data, len), TN_GENERATED);
}

static void seg_data(struct dctx *d, const struct reasm_seg *s, struct cur *payload,
    uint32_t off, uint32_t len);

/* What remains of the segment from `off` went into an unfinished PDU. */
static void show_tail(struct dctx *d, const struct reasm_seg *s, struct cur *payload,
    uint32_t off, const struct msp *m, int info)
{
	struct dtree *t = d->tree;
	uint32_t len = (uint32_t)cur_left(payload) - off;
	uint32_t base = cur_off(payload);

	if (off > cur_left(payload))
		len = 0;

	/* Only what one pass in capture order knows (a revisit shows the same tree): a PDU
	 * completed in a later frame is not named (tshark -2 would). */
	if (m && m->last_frame && m->last_frame < d->pi->num && !(m->flags & MSP_GAVE_UP))
		tree_flag(t, tree_add_uint(t, s->tcp_node, &fields[R_REASM_IN], base + off, 0,
		    m->last_frame), TN_GENERATED);
	if (info) {
		col_set_proto(d->pi, "TCP");
		if (d->pi->info_len)
			col_append_str(d->pi, " ");
		col_append_str(d->pi, "[TCP segment of a reassembled PDU]");
	}
	seg_data(d, s, payload, off, len);
}

/* Dissects the bytes of msp m (len bytes) in a "Reassembled TCP" source. */
static void run_msp(struct reasm *r, struct dctx *d, const struct reasm_seg *s,
    const struct msp *m, const uint8_t *data, uint32_t len, reasm_pdu_fn fn,
    struct reasm_need *need, void *conv)
{
	struct dtree *t = d->tree;
	const uint8_t *buf = data;
	struct reasm_pdu p = { s->stream, s->dir, m->seq, 1, s->fin, 0, conv, s->tcp_node };
	struct cur c;
	uint32_t mark = t ? t->n : 0;
	uint8_t nsrc = t ? t->nsrc : 0;

	(void)r;
	if (t) {
		int src = tree_add_source(t, "Reassembled TCP", data, len);
		if (src)
			buf = t->src[src].data;
	}
	show_segments(d, m, len);
	c = cur_make(buf, len);
	memset(need, 0, sizeof(*need));
	fn(d, &c, &p, need);
	if (t)
		tree_set_source(t, 0);
	/* The PDU is longer than announced: as in tshark, this frame shows neither the
	 * segments nor the reassembled bytes (only the frame that dissects the PDU
	 * does; showing them on every segment made -x output quadratic). */
	if (need->need_len && !need->need_off)
		tree_rollback(t, mark, nsrc);
}

/* ---- first pass ---- */

static void seg_data_as(struct dctx *d, const struct reasm_seg *s, struct cur *payload,
    uint32_t off, uint32_t len, const char *what)
{
	uint32_t n;

	if (!len)
		return;
	static const struct field_def *segdata;	/* tcp.c's tcp.segment_data */

	if (!segdata)
		segdata = reg_lookup("tcp.segment_data");
	n = tree_add_bytes(d->tree, s->tcp_node, segdata, cur_off(payload) + off, len,
	    payload->p + off, len);
	if (tree_text(d->tree))
		tree_label(d->tree, n, "%sTCP segment data (%u byte%s)", what, len, len == 1 ? "" : "s");
}

static void seg_data(struct dctx *d, const struct reasm_seg *s, struct cur *payload,
    uint32_t off, uint32_t len)
{
	seg_data_as(d, s, payload, off, len, "");
}

/* Does a PDU of dir begin at seq and cover [seq, nxtseq) (tshark's lookup of its
 * multisegment_pdus by seq, before anything else)?  The open one, or the last closed. */
static int retransmits_pdu_start(const struct rdir *dir, uint32_t seq, uint32_t nxtseq,
    uint32_t frame)
{
	const struct msp *m = dir->open;

	if (m && m->seq == seq && m->first_frame < frame)
		return nxtseq <= m->nxtpdu;
	return dir->last_first && dir->last_seq == seq && dir->last_first < frame &&
	    nxtseq <= dir->last_nxtpdu;
}

/* The first op of frame (ops are in frame order), nops when none. */
static size_t ops_of(const struct reasm *r, uint32_t frame)
{
	size_t lo = 0, hi = r->nops;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->ops[mid].frame < frame)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int reasm_takes_out_of_order(const struct reasm *r, const struct reasm_seg *s, uint32_t frame,
    int visited)
{
	const struct rstream *st = s->stream < r->nstreams ? r->streams[s->stream] : NULL;
	const struct msp *m = st ? st->dir[s->dir & 1].open : NULL;

	if (visited) {		/* as the first pass decided */
		size_t i = ops_of(r, frame);
		return i < r->nops && r->ops[i].frame == frame;
	}
	return m && m->seq < s->seq && s->seq < m->nxtpdu && !(m->flags & MSP_GAVE_UP);
}

int reasm_retransmits_pdu_start(const struct reasm *r, const struct reasm_seg *s, uint32_t frame)
{
	const struct rstream *st = s->stream < r->nstreams ? r->streams[s->stream] : NULL;

	return st && s->nxtseq > s->seq && retransmits_pdu_start(&st->dir[s->dir & 1], s->seq,
	    s->nxtseq, frame);
}

static struct msp *msp_for_need(struct reasm *r, uint32_t start, uint32_t end,
    const struct reasm_need *need, uint32_t nxtseq, uint32_t frame)
{
	struct msp *m;

	if (need->need_len == REASM_ONE_MORE_SEGMENT) {
		m = msp_new(r, start, nxtseq + 1, frame);
		m->flags |= MSP_ENTIRE_SEGMENT;
	} else if (need->need_len == REASM_UNTIL_FIN) {
		m = msp_new(r, start, nxtseq, frame);
		m->flags |= MSP_UNTIL_FIN;
	} else
		m = msp_new(r, start, end + need->need_len, frame);
	return m;
}

/* PDUs of m were dissected and the rest of its buffer (from need->need_off) starts a
 * new one: its segments and bytes, and this segment's bytes past m (p: this segment's
 * bytes from seq, at frame offset foff), move to a new PDU left open in dir. */
static void msp_carry_over(struct reasm *r, struct rdir *dir, struct msp *m,
    const struct reasm_need *need, const uint8_t *p, uint32_t seq, uint32_t nxtseq,
    uint32_t frame, uint32_t foff)
{
	uint32_t start = m->seq + need->need_off, have_end = m->seq + m->have;
	struct msp *nm = msp_for_need(r, start, have_end, need, nxtseq, frame);
	uint32_t keep_n;

	for (size_t i = 0; i < m->nsegs; i++) {
		struct seginfo g = m->segs[i];
		if (g.pdu_off + g.len <= need->need_off)
			continue;
		if (g.pdu_off < need->need_off) {
			uint32_t cut = need->need_off - g.pdu_off;
			g.foff += cut;
			g.len -= cut;
			g.pdu_off = need->need_off;
		}
		segs_room(nm);
		nm->segs[nm->nsegs++] = (struct seginfo){ g.frame, g.foff, g.len,
		    g.pdu_off - need->need_off };
	}
	/* bytes only: the segments were listed above */
	keep_n = nm->nsegs;
	msp_add(r, nm, start, m->data + need->need_off, m->have - need->need_off, 0, 0);
	nm->nsegs = keep_n;
	if (seq <= have_end && have_end < nxtseq)
		msp_add(r, nm, have_end, p + (have_end - seq), nxtseq - have_end, frame,
		    foff + (have_end - seq));
	msp_close(r, dir);	/* nxtpdu stays: a revisit rebuilds what ran */
	dir->open = nm;
}

/* One segment's first pass: the segment, where it is in it (off, seq) and what was
 * dissected of it so far. */
struct fpass {
	struct reasm *r;
	struct dctx *d;
	struct cur *payload;
	const struct reasm_seg *s;
	reasm_pdu_fn fn;
	struct rstream *st;
	struct rdir *dir;
	const uint8_t *pl;
	uint32_t plen, frame, foff;
	uint32_t off, seq, nxtseq;
	struct reasm_need need;
	int dissected;
};

enum fp_next { FP_DONE, FP_COMPLETE, FP_AGAIN };

/* The rest of the segment goes into m, which stays open: shown as a segment of it. */
static enum fp_next fp_tail(struct fpass *f, struct msp *m)
{
	show_tail(f->d, f->s, f->payload, f->off, m, !f->dissected);
	op_add(f->r, f->frame, OP_TAIL, f->off, f->plen - f->off, f->seq, m, !f->dissected);
	return FP_DONE;
}

/* m runs until close, or a FIN ends the stream: it takes what there is. */
static enum fp_next fp_until_fin(struct fpass *f, struct msp *m)
{
	msp_add(f->r, m, f->seq, f->pl + f->off, f->plen - f->off, f->frame, f->foff + f->off);
	if (f->plen == f->off && f->s->fin) {	/* listed as #N(0), as tshark does */
		segs_room(m);
		m->segs[m->nsegs++] = (struct seginfo){ f->frame, f->foff + f->off, 0, m->have };
	}
	if (!f->s->fin)
		return fp_tail(f, m);
	if (msp_has_hole(m))	/* never reassembled */
		m->flags |= MSP_GAVE_UP;
	m->nxtpdu = m->seq + m->have;
	if (m->flags & MSP_GAVE_UP)
		m->nxtpdu = f->nxtseq;
	return FP_COMPLETE;
}

/* The segment continues m: its bytes up to m's end go in. */
static enum fp_next fp_continue(struct fpass *f, struct msp *m)
{
	uint32_t len;

	if (m->flags & MSP_ENTIRE_SEGMENT) {
		len = f->plen - f->off;
		m->flags &= ~(unsigned)MSP_ENTIRE_SEGMENT;
		m->nxtpdu = f->nxtseq;
	} else
		len = (f->nxtseq < m->nxtpdu ? f->nxtseq : m->nxtpdu) - f->seq;
	msp_add(f->r, m, f->seq, f->pl + f->off, len, f->frame, f->foff + f->off);
	/* Before its end the PDU waits (for the end, or a hole to be filled: a segment
	 * that fills the last one completes it); at its end it is done with, complete or
	 * not (fp_complete shows one left with a hole as given up), and what follows in
	 * the segment begins the next, as tshark goes on */
	if (!len || (f->seq + len < m->nxtpdu &&
	    ((m->flags & MSP_GAVE_UP) || m->have < m->nxtpdu - m->seq)))
		return fp_tail(f, m);
	return FP_COMPLETE;
}

/* No PDU open here: the payload dissector runs on the rest of the segment and may ask
 * for more (a new msp, *mp). */
static enum fp_next fp_new_pdu(struct fpass *f, struct msp **mp)
{
	struct rdir *dir = f->dir;
	struct msp *m;

	if (*mp)		/* never completed (hole, or jumped over) */
		msp_close(f->r, dir);
	if (f->off >= f->plen)
		return FP_DONE;
	if (!f->dissected && dir->have_done && dir->done_seq < f->seq && f->seq < dir->done_end) {
		/* bytes of a PDU already reassembled (keep-alive probe, overlap) */
		col_append_str(f->d->pi, OVERLAP_TEXT);
		tree_flag(f->d->tree, tree_add_text(f->d->tree, 0, 0, 0, OVERLAP_TEXT), TN_WARN);
		op_add(f->r, f->frame, OP_OVERLAP, f->off, 0, f->seq, NULL, 0);
		return FP_DONE;
	}
	{
		const struct reasm_seg *s = f->s;
		struct cur c = cur_make(f->d->frame, f->foff + f->plen);
		struct reasm_pdu p = { s->stream, s->dir, f->seq, 0, s->fin,
		    s->nxtseq - s->seq > f->plen, f->st->conv, s->tcp_node };
		c.p = f->pl + f->off;
		memset(&f->need, 0, sizeof(f->need));
		op_add(f->r, f->frame, OP_PAYLOAD, f->off, 0, f->seq, NULL, 0);
		f->fn(f->d, &c, &p, &f->need);
	}
	if (!f->need.need_len)
		return FP_DONE;
	if (f->need.need_off > f->plen - f->off)
		f->need.need_off = f->plen - f->off;
	if (f->need.need_off)
		f->dissected = 1;
	f->off += f->need.need_off;
	f->seq += f->need.need_off;
	m = *mp = msp_for_need(f->r, f->seq, f->nxtseq, &f->need, f->nxtseq, f->frame);
	dir->open = m;
	msp_add(f->r, m, f->seq, f->pl + f->off, f->plen - f->off, f->frame, f->foff + f->off);
	if (!(f->s->fin && (m->flags & MSP_UNTIL_FIN)))
		return fp_tail(f, m);
	m->nxtpdu = m->seq + m->have;
	return FP_COMPLETE;
}

/* The PDU m ran and turned out longer than announced: it stays open for more. */
static void fp_wait_more(struct fpass *f, struct msp *m, size_t opi)
{
	struct reasm *r = f->r;
	uint32_t have_end = m->seq + m->have, seq = f->seq, off = f->off;

	m->last_frame = 0;
	if (f->need.need_len == REASM_ONE_MORE_SEGMENT) {
		m->flags |= MSP_ENTIRE_SEGMENT;
		m->nxtpdu = f->nxtseq + 1;
	} else if (f->need.need_len == REASM_UNTIL_FIN)
		m->flags |= MSP_UNTIL_FIN;
	else
		m->nxtpdu = have_end + f->need.need_len;
	if (r->keep)	/* replayed with the segments it had when it ran */
		r->ops[opi].seq = (uint32_t)m->nsegs;
	if (seq <= have_end && have_end < f->nxtseq)	/* (after a hole: not there) */
		msp_add(r, m, have_end, f->pl + off + (have_end - seq),
		    f->nxtseq - have_end, f->frame, f->foff + off + (have_end - seq));
	if (r->keep)
		r->ops[opi].info = !f->dissected;
	if (!f->dissected) {
		col_set_proto(f->d->pi, "TCP");
		if (f->d->pi->info_len)
			col_append_str(f->d->pi, " ");
		col_append_str(f->d->pi, "[TCP segment of a reassembled PDU]");
	}
}

/* Moves past m's end and closes it; FP_AGAIN when the segment goes on after it. */
static enum fp_next fp_next_pdu(struct fpass *f, uint32_t end, int incl_seq)
{
	msp_close(f->r, f->dir);
	if (end >= f->nxtseq || end < f->seq || (!incl_seq && end == f->seq))
		return FP_DONE;
	f->off += end - f->seq;
	f->seq = end;
	return FP_AGAIN;
}

/* m is complete in this frame: it runs (or is shown as given up on). */
static enum fp_next fp_complete(struct fpass *f, struct msp *m)
{
	struct rdir *dir = f->dir;
	uint32_t seglen;
	size_t opi;

	m->last_frame = f->frame;
	dir->have_done = 1;
	dir->done_seq = m->seq;
	dir->done_end = m->nxtpdu;
	if (m->flags & MSP_GAVE_UP || m->have < m->nxtpdu - m->seq) {
		int info = !f->dissected && f->off < f->plen;	/* not on a bare FIN */
		show_tail(f->d, f->s, f->payload, f->off, NULL, info);
		op_add(f->r, f->frame, OP_TAIL, f->off, f->plen - f->off, f->seq, NULL, info);
		return fp_next_pdu(f, m->nxtpdu, 0);
	}
	seglen = (m->nxtpdu < f->nxtseq ? m->nxtpdu : f->nxtseq) - f->seq;
	opi = f->r->nops;
	op_add(f->r, f->frame, OP_MSP, f->off, seglen, f->seq, m, 0);
	/* the PDU's items in TCP's tree ([PDU Size]) come before this segment's data */
	run_msp(f->r, f->d, f->s, m, m->data, m->have, f->fn, &f->need, f->st->conv);
	seg_data(f->d, f->s, f->payload, f->off, seglen);
	if (f->need.need_len && f->need.need_off == 0) {
		fp_wait_more(f, m, opi);
		return FP_DONE;
	}
	f->dissected = 1;
	if (f->need.need_len) {
		msp_carry_over(f->r, dir, m, &f->need, f->pl + f->off, f->seq, f->nxtseq, f->frame,
		    f->foff + f->off);
		return FP_DONE;
	}
	return fp_next_pdu(f, m->nxtpdu, 1);
}

static void first_pass(struct reasm *r, struct dctx *d, struct cur *payload,
    const struct reasm_seg *s, reasm_pdu_fn fn)
{
	struct rstream *st = get_stream(r, s->stream);
	struct fpass f = { r, d, payload, s, fn, st, &st->dir[s->dir & 1], payload->p,
	    (uint32_t)cur_left(payload), d->pi->num, (uint32_t)(payload->p - d->frame),
	    0, s->seq, s->seq + (uint32_t)cur_left(payload), { 0 }, 0 };

	if (!f.plen && !(f.dir->open && s->fin))
		return;		/* a bare FIN matters only to a PDU still open */
	if (f.plen && retransmits_pdu_start(f.dir, f.seq, f.nxtseq, f.frame)) {
		/* a segment that begins a PDU already seen again: not dissected again */
		seg_data_as(d, s, payload, 0, f.plen, "Retransmitted ");
		op_add(r, f.frame, OP_RETRANS, 0, f.plen, f.seq, NULL, 0);
		return;
	}
	for (int guard = 0; guard < 4096; guard++) {
		struct msp *m = f.dir->open;
		enum fp_next next;
		if (m && ((m->flags & MSP_UNTIL_FIN) || (!f.plen && s->fin)))
			next = fp_until_fin(&f, m);
		else if (m && m->seq < f.seq && f.seq < m->nxtpdu)
			next = fp_continue(&f, m);
		else
			next = fp_new_pdu(&f, &m);
		if (next == FP_COMPLETE)
			next = fp_complete(&f, m);
		if (next == FP_DONE)
			return;
	}
}

/* ---- revisit ---- */

/* The PDU's bytes from its segments' frames, built in the tree being filled (no
 * second copy: the tree keeps them as the data source) or, without one, in scratch. */
static const uint8_t *rebuild(struct reasm *r, struct dtree *t, const struct msp *m,
    uint32_t *len)
{
	uint32_t n = m->nxtpdu - m->seq, have = 0;
	uint8_t *buf;

	if (m->flags & MSP_GAVE_UP || !r->frame_fn)
		return NULL;
	if (n > r->per_pdu)
		return NULL;
	if (t)
		buf = tree_alloc(t, n);
	else {
		r->scratch = xgrow(r->scratch, &r->scratchcap, n ? n : 1, 1);
		buf = r->scratch;
	}
	/* as msp_add filled it: bytes already there are not overwritten */
	for (size_t i = 0; i < m->nsegs && have < n; i++) {
		const struct seginfo *g = &m->segs[i];
		uint32_t cap = 0, end = g->pdu_off + g->len > n ? n : g->pdu_off + g->len;
		const uint8_t *f;
		if (end <= have)
			continue;	/* old bytes, or the bare FIN that ended the PDU */
		f = r->frame_fn(r->frame_ctx, g->frame, &cap);
		if (!f || (uint64_t)g->foff + g->len > cap || g->pdu_off > have)
			return NULL;
		memcpy(buf + have, f + g->foff + (have - g->pdu_off), end - have);
		have = end;
	}
	if (have < n)
		return NULL;
	*len = n;
	return buf;
}

static void replay(struct reasm *r, struct dctx *d, struct cur *payload,
    const struct reasm_seg *s, reasm_pdu_fn fn)
{
	struct rstream *st = get_stream(r, s->stream);
	uint32_t frame = d->pi->num;

	for (size_t i = ops_of(r, frame); i < r->nops && r->ops[i].frame == frame; i++) {
		const struct op *o = &r->ops[i];
		struct reasm_need need;
		if (o->kind == OP_PAYLOAD) {
			struct cur c = *payload;
			struct reasm_pdu p = { s->stream, s->dir, o->seq, 0, s->fin,
			    s->nxtseq - s->seq > cur_left(payload), st->conv, s->tcp_node };
			cur_skip(&c, o->off);
			fn(d, &c, &p, &need);
		} else if (o->kind == OP_MSP) {
			const struct msp *m = op_msp(r, o);
			struct msp part;
			uint32_t len = 0;
			const uint8_t *data;
			if (m->last_frame != frame) {
				/* the PDU was run on what it had then and asked for more */
				part = *m;
				part.nsegs = o->seq < m->nsegs ? o->seq : m->nsegs;
				part.nxtpdu = part.seq;
				for (size_t k = 0; k < part.nsegs; k++)
					if (part.seq + part.segs[k].pdu_off + part.segs[k].len > part.nxtpdu)
						part.nxtpdu = part.seq + part.segs[k].pdu_off + part.segs[k].len;
				m = &part;
			}
			data = rebuild(r, d->tree, m, &len);
			if (data)
				run_msp(r, d, s, m, data, len, fn, &need, st->conv);
			seg_data(d, s, payload, o->off, o->len);
			if (m == &part && o->info) {
				col_set_proto(d->pi, "TCP");
				if (d->pi->info_len)
					col_append_str(d->pi, " ");
				col_append_str(d->pi, "[TCP segment of a reassembled PDU]");
			}
		} else if (o->kind == OP_RETRANS) {
			seg_data_as(d, s, payload, o->off, o->len, "Retransmitted ");
		} else if (o->kind == OP_OVERLAP) {
			col_append_str(d->pi, OVERLAP_TEXT);
			tree_flag(d->tree, tree_add_text(d->tree, 0, 0, 0, OVERLAP_TEXT), TN_WARN);
		} else
			show_tail(d, s, payload, o->off, op_msp(r, o), o->info);
	}
}

void reasm_segment(struct reasm *r, struct dctx *d, struct cur *payload,
    const struct reasm_seg *s, reasm_pdu_fn fn)
{
	if (r->keep && d->pi->visited)
		replay(r, d, payload, s, fn);
	else
		first_pass(r, d, payload, s, fn);
}

