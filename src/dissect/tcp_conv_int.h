/* tcp_conv_int.h — what tcp_conv.c (streams, records) and tcp_seqan.c (the SEQ/ACK
 * analysis) share: a stream's two flows and the analysis' entry point.  Private to them.
 */
#ifndef NETLAB_TCP_CONV_INT_H
#define NETLAB_TCP_CONV_INT_H

#include "dissect/tcp_conv.h"

#define MAX_UNACKED 10000	/* Wireshark's TCP_MAX_UNACKED_SEGMENTS */

enum { S_BASE_SEQ_SET = 1, S_SAW_SYN = 2, S_SAW_SYNACK = 4 };
enum { C_SYNSENT = 1, C_SYNACK = 2, C_ACK = 4, C_DATA = 8, C_FIN = 16, C_RST = 32 };

struct unacked {
	uint32_t frame, seq, nextseq;
	int64_t ts;
};

struct flow {
	uint32_t base_seq;
	uint8_t static_flags;
	int8_t win_scale;		/* -1 unknown, -2 not used, else the shift */
	uint8_t is_first_ack, valid_bif, push_set_last;
	uint8_t closing_initiator;	/* sent the conversation's first FIN */
	uint32_t window;
	uint32_t nextseq, nextseqframe;
	int64_t nextseqtime;
	uint32_t maxseqtobeacked;
	uint32_t lastack;
	int64_t lastacktime;
	uint32_t lastnondupack;
	int32_t dupacknum;
	uint32_t lastsegmentflags;
	uint32_t push_bytes_sent;
	uint8_t nsack;
	uint32_t sack_le[4], sack_re[4];
	struct unacked *ua;		/* oldest first (Wireshark's list is newest first) */
	uint32_t nua, cua;
};

struct stream {
	struct flow fl[2];		/* [0] flow1, [1] flow2 (endpoints: st_addr) */
	int64_t ts_first, ts_prev, ts_first_rtt, ts_mru_syn;
	uint8_t completeness;
	uint8_t client_fl;		/* Wireshark flow index of the client's sending side */
	struct tcpstate st;
	struct tcpconv_stream pub;
	uint32_t prev1;			/* the stream this one replaced on its 4-tuple + 1, 0 none */
};

static inline int seq_gt(uint32_t a, uint32_t b) { return (int32_t)(a - b) > 0; }
static inline int seq_lt(uint32_t a, uint32_t b) { return (int32_t)(a - b) < 0; }
static inline int seq_le(uint32_t a, uint32_t b) { return (int32_t)(a - b) <= 0; }

/* The analysis of one segment (Info flags, ACK matching, bytes in flight) into ta->o. */
struct ta {
	int on;
	struct tcpconv_out *o;
};

static inline void ta_on(struct ta *ta)
{
	ta->on = 1;
	ta->o->has_ta = 1;
}

static inline void ta_flag(struct ta *ta, uint16_t f)
{
	ta_on(ta);
	ta->o->aflags |= f;
}

/* Wireshark's tcp_analyze_sequence_number for the segment in, sent on fwd (rev the
 * other direction) of stream s with the scaled window. */
void tcpconv_analyze(struct stream *s, struct flow *fwd, struct flow *rev,
    const struct tcpconv_in *in, uint32_t window, struct ta *ta);

#endif
