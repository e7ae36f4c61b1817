/* tcp_seqan.c — tshark 4.0's SEQ/ACK analysis of one segment (Wireshark's
 * tcp_analyze_sequence_number, check by check and in its order); tcp_conv.c calls it
 * with the segment's stream and flows.
 */
#include "config.h"

#include "core/xmalloc.h"
#include "dissect/prefs.h"
#include "dissect/tcp_conv_int.h"

/* The base sequence numbers of both directions, once. */
static void analyze_bases(struct flow *fwd, struct flow *rev, const struct tcpconv_in *in)
{
	uint32_t seq = in->seq, ack = in->ack;
	uint16_t flags = in->flags;

	if (!(fwd->static_flags & S_BASE_SEQ_SET)) {
		if (flags & TCPF_SYN) {
			fwd->base_seq = seq;
			fwd->static_flags |= (flags & TCPF_ACK) ? S_SAW_SYNACK : S_SAW_SYN;
		} else
			fwd->base_seq = seq - 1;
		fwd->static_flags |= S_BASE_SEQ_SET;
	}
	if (!(rev->static_flags & S_BASE_SEQ_SET) && (flags & TCPF_ACK)) {
		rev->base_seq = ack - 1;
		rev->static_flags |= S_BASE_SEQ_SET;
	}
	if (flags & TCPF_ACK)
		rev->valid_bif = 1;
}

/* The checks of this segment against its own direction (zero window … duplicate
 * ACK); some end the checks, as Wireshark's gotos do. */
static void analyze_fwd(struct flow *fwd, struct flow *rev, const struct tcpconv_in *in,
    uint32_t window, struct ta *ta)
{
	uint32_t seq = in->seq, ack = in->ack, seglen = in->seglen;
	uint16_t flags = in->flags;
	struct tcpconv_out *o = ta->o;

	/* ZERO WINDOW PROBE */
	if (seglen == 1 && seq == fwd->nextseq && rev->window == 0) {
		ta_flag(ta, TCPA_ZERO_WINDOW_PROBE);
		return;
	}
	/* ZERO WINDOW */
	if (window == 0 && (flags & (TCPF_RST | TCPF_FIN | TCPF_SYN)) == 0)
		ta_flag(ta, TCPA_ZERO_WINDOW);
	/* LOST PACKET */
	if (fwd->nextseq && seq_gt(seq, fwd->nextseq) && (flags & TCPF_RST) == 0) {
		ta_flag(ta, TCPA_LOST_PACKET);
		fwd->valid_bif = 0;
	}
	/* KEEP ALIVE */
	if ((seglen == 0 || seglen == 1) && seq == fwd->nextseq - 1 &&
	    (flags & (TCPF_SYN | TCPF_FIN | TCPF_RST)) == 0)
		ta_flag(ta, TCPA_KEEP_ALIVE);
	/* WINDOW UPDATE */
	if (seglen == 0 && window && window != fwd->window && seq == fwd->nextseq &&
	    ack == fwd->lastack && (flags & (TCPF_SYN | TCPF_FIN | TCPF_RST)) == 0)
		ta_flag(ta, TCPA_WINDOW_UPDATE);
	/* WINDOW FULL (the stored window is already scaled; Wireshark shifts it again) */
	if (seglen > 0 && rev->win_scale != -1 &&
	    seq + seglen == rev->lastack + (rev->window << (rev->is_first_ack ? 0 :
	    (rev->win_scale == -2 ? 0 : rev->win_scale))) &&
	    (flags & (TCPF_SYN | TCPF_FIN | TCPF_RST)) == 0)
		ta_flag(ta, TCPA_WINDOW_FULL);
	/* KEEP ALIVE ACK */
	if (seglen == 0 && window && window == fwd->window && seq == fwd->nextseq &&
	    ack == fwd->lastack && (rev->lastsegmentflags & TCPA_KEEP_ALIVE) &&
	    (flags & (TCPF_SYN | TCPF_FIN | TCPF_RST)) == 0) {
		ta_flag(ta, TCPA_KEEP_ALIVE_ACK);
		return;
	}
	/* ZERO WINDOW PROBE ACK */
	if (seglen == 0 && window == 0 && window == fwd->window && seq == fwd->nextseq &&
	    ack == fwd->lastack && (rev->lastsegmentflags & TCPA_ZERO_WINDOW_PROBE) &&
	    (flags & (TCPF_SYN | TCPF_FIN | TCPF_RST)) == 0) {
		ta_flag(ta, TCPA_ZERO_WINDOW_PROBE_ACK);
		return;
	}
	/* DUPLICATE ACK */
	if (seglen == 0 && window && window == fwd->window && seq == fwd->nextseq &&
	    ack == fwd->lastack && (flags & (TCPF_SYN | TCPF_FIN | TCPF_RST)) == 0) {
		fwd->dupacknum++;
		ta_flag(ta, TCPA_DUPLICATE_ACK);
		o->dupack_num = (uint32_t)fwd->dupacknum;
		o->dupack_frame = fwd->lastnondupack;
	}
}

/* Retransmission, fast retransmission, spurious, out-of-order: the first that fits. */
static void analyze_retrans(struct stream *s, struct flow *fwd, struct flow *rev,
    const struct tcpconv_in *in, struct ta *ta)
{
	uint32_t seq = in->seq, seglen = in->seglen;
	uint16_t flags = in->flags;
	struct tcpconv_out *o = ta->o;
	int64_t now = in->ts;

	/* RETRANSMISSION / FAST RETRANSMISSION / OUT-OF-ORDER */
	if (!(seglen > 0 || (flags & (TCPF_SYN | TCPF_FIN))))
		return;
	{
		int not_advanced = fwd->nextseq && seq_lt(seq, fwd->nextseq);
		int64_t t, thres;

		if (o->aflags & TCPA_KEEP_ALIVE)
			return;
		if (seglen > 1 && fwd->nextseq - 1 == seq)
			not_advanced = 0;
		if (seglen > 0 && rev->lastack && seq_le(seq + seglen, rev->lastack)) {
			ta_flag(ta, TCPA_SPURIOUS_RETRANSMISSION);
			return;
		}
		t = now - rev->lastacktime;
		if (not_advanced && rev->dupacknum >= 2 && rev->lastack == seq && t < 20000000) {
			ta_flag(ta, TCPA_FAST_RETRANSMISSION);
			return;
		}
		t = now - fwd->nextseqtime;
		thres = s->ts_first_rtt ? s->ts_first_rtt : 3000000;
		if (not_advanced && t < thres &&
		    fwd->nextseq != seq + seglen + ((flags & (TCPF_SYN | TCPF_FIN)) ? 1 : 0)) {
			ta_flag(ta, TCPA_OUT_OF_ORDER);
			return;
		}
		if (not_advanced) {
			ta_flag(ta, TCPA_RETRANSMISSION);
			o->rto = now - fwd->nextseqtime;
			o->rto_frame = fwd->nextseqframe;
			if (fwd->nua) {
				o->rto = now - fwd->ua[0].ts;
				o->rto_frame = fwd->ua[0].frame;
			}
		}
	}
}

/* The segment joins its direction's unacked list and moves its marks. */
static void analyze_record(struct flow *fwd, const struct tcpconv_in *in, uint32_t window,
    struct ta *ta)
{
	uint32_t seq = in->seq, ack = in->ack, seglen = in->seglen;
	uint16_t flags = in->flags;
	struct tcpconv_out *o = ta->o;
	int64_t now = in->ts;

	uint32_t nextseq;

	nextseq = seq + seglen;
	if ((seglen || (flags & (TCPF_SYN | TCPF_FIN))) && fwd->nua < MAX_UNACKED) {
		struct unacked *u;
		size_t cua = fwd->cua;
		fwd->ua = xgrow(fwd->ua, &cua, fwd->nua + 1, sizeof(*fwd->ua));
		fwd->cua = (uint32_t)cua;
		u = &fwd->ua[fwd->nua++];
		u->frame = in->frame;
		u->seq = seq;
		u->ts = now;
		if (flags & (TCPF_SYN | TCPF_FIN))
			nextseq += 1;
		u->nextseq = nextseq;
	}
	if (seq_gt(nextseq, fwd->nextseq) || !fwd->nextseq) {
		if (!(o->aflags & TCPA_ZERO_WINDOW_PROBE)) {
			fwd->nextseq = nextseq;
			fwd->nextseqframe = in->frame;
			fwd->nextseqtime = now;
		}
	}
	if (seq == fwd->maxseqtobeacked || !fwd->maxseqtobeacked) {
		if (!(o->aflags & TCPA_ZERO_WINDOW_PROBE))
			fwd->maxseqtobeacked = fwd->nextseq;
	}
	fwd->window = window;
	fwd->lastack = ack;
	fwd->lastacktime = now;
	fwd->lastsegmentflags = ta->on ? o->aflags : 0;
}

static void analyze_acked(struct flow *rev, const struct tcpconv_in *in, struct ta *ta)
{
	uint32_t ack = in->ack;
	struct tcpconv_out *o = ta->o;
	int64_t now = in->ts;

	/* Remove what this ACKs; Wireshark walks newest first, so the oldest exact match
	 * wins acks_frame. */
	{
		size_t keep = rev->nua, i = rev->nua;
		while (i-- > 0) {
			struct unacked *u = &rev->ua[i];
			if (ack == u->nextseq) {
				ta_on(ta);
				o->acks_frame = u->frame;
				o->ack_rtt = now - u->ts;
			} else if (seq_gt(ack, u->seq) && seq_le(ack, u->nextseq)) {
				u->seq = ack;
				continue;
			} else if (seq_gt(u->nextseq, ack))
				continue;
			u->frame = 0;	/* removed */
			keep--;
		}
		if (keep != rev->nua) {
			size_t j = 0;
			for (i = 0; i < rev->nua; i++)
				if (rev->ua[i].frame)
					rev->ua[j++] = rev->ua[i];
			rev->nua = j;
		}
	}
}

static void analyze_in_flight(struct flow *fwd, struct flow *rev, const struct tcpconv_in *in,
    struct ta *ta)
{
	uint32_t seglen = in->seglen;
	uint16_t flags = in->flags;
	struct tcpconv_out *o = ta->o;

	/* Bytes in flight, from the unacked segments of this direction. */
	if (seglen != 0 && fwd->nua && fwd->valid_bif) {
		uint32_t first = fwd->ua[fwd->nua - 1].seq - fwd->base_seq;
		uint32_t last = fwd->ua[fwd->nua - 1].nextseq - fwd->base_seq;
		uint32_t in_flight, delivered = 0;
		for (size_t i = 0; i < fwd->nua; i++) {
			if (fwd->ua[i].nextseq - fwd->base_seq > last)
				last = fwd->ua[i].nextseq - fwd->base_seq;
			if (fwd->ua[i].seq - fwd->base_seq < first)
				first = fwd->ua[i].seq - fwd->base_seq;
		}
		in_flight = last - first;
		for (int i = 0; i < rev->nsack; i++)
			delivered += rev->sack_re[i] - rev->sack_le[i];
		in_flight -= delivered;
		if (in_flight > 0 && in_flight < 2000000000) {
			ta_on(ta);
			o->bytes_in_flight = in_flight;
			if (flags & (TCPF_SYN | TCPF_FIN))
				o->bytes_in_flight -= 1;
		}
		if ((flags & TCPF_PSH) && !fwd->push_set_last) {
			fwd->push_bytes_sent += seglen;
			fwd->push_set_last = 1;
		} else if ((flags & TCPF_PSH) && fwd->push_set_last) {
			fwd->push_bytes_sent = seglen;
			fwd->push_set_last = 1;
		} else if (fwd->push_set_last) {
			fwd->push_bytes_sent = seglen;
			fwd->push_set_last = 0;
		} else
			fwd->push_bytes_sent += seglen;
		ta_on(ta);
		o->push_bytes_sent = fwd->push_bytes_sent;
		o->has_push = 1;
	}
}

void tcpconv_analyze(struct stream *s, struct flow *fwd, struct flow *rev,
    const struct tcpconv_in *in, uint32_t window, struct ta *ta)
{
	uint32_t ack = in->ack;
	uint16_t flags = in->flags;

	analyze_bases(fwd, rev, in);
	analyze_fwd(fwd, rev, in, window, ta);
	if (ack != fwd->lastack) {
		fwd->lastnondupack = in->frame;
		fwd->dupacknum = 0;
	}

	/* ACKED LOST PACKET (4.0: the mark moves to nextseq so it is reported once) */
	if (rev->maxseqtobeacked && seq_gt(ack, rev->maxseqtobeacked) && (flags & TCPF_ACK)) {
		ta_flag(ta, TCPA_ACK_LOST_PACKET);
		rev->maxseqtobeacked = rev->nextseq;
	}

	analyze_retrans(s, fwd, rev, in, ta);
	analyze_record(fwd, in, window, ta);
	analyze_acked(rev, in, ta);
	if (dprefs.tcp_track_bif)	/* -o tcp.track_bytes_in_flight */
		analyze_in_flight(fwd, rev, in, ta);
}

