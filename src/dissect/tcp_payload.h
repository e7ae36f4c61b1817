/* tcp_payload.h — the hand-off from tcp.c to the protocols carried over TCP.
 *
 * Protocols register by port (HO_TCP_PORT, tried for the lower port first, then the
 * other, as Wireshark does) or as heuristics (HO_TCP_HEUR, tried when no port
 * matched), next to their field table (dissect.h).  Segments whose bytes were seen before
 * (retransmission != 0) are still offered, so a protocol can show them as it likes;
 * Wireshark shows them as "Retransmitted TCP segment data" when nobody claims them.
 */
#ifndef NETLAB_TCP_PAYLOAD_H
#define NETLAB_TCP_PAYLOAD_H

#include <stdint.h>

#include "dissect/reasm.h"
#include "dissect/dissect.h"

struct tcp_payload_info {
	uint32_t stream;        /* tcp.stream */
	int dir;                /* 0: sent by the stream's client (first SYN sender / first sender), 1: by the server */
	uint32_t seq;           /* relative sequence number of the first payload byte */
	uint32_t nxtseq;        /* relative seq after it */
	uint32_t seq_raw;
	uint16_t srcport, dstport;
	uint8_t flags;          /* TCP flags (low 8 bits) */
	int retransmission;     /* analysis: these bytes were seen before */
	uint32_t tcp_node;      /* the TCP tree node (for [Reassembled PDU in frame] etc.) */
	int no_subdissector;    /* retransmission, spurious, keep-alive (not fast, not out-of-order):
	                         * Wireshark's tcp_no_subdissector_on_error keeps these from
	                         * the protocols above */
	int out_of_order;       /* analysis: an out-of-order segment (its bytes come before
	                         * the highest seen): tshark's desegmentation gives the
	                         * per-segment protocols (FTP, POP) nothing of it */
};

/* The segment as the reassembly (HTTP, TLS, SSH over reasm_segment) takes it. */
static inline struct reasm_seg tcp_payload_seg(const struct tcp_payload_info *ti)
{
	return (struct reasm_seg){ ti->stream, ti->dir, ti->seq, ti->nxtseq, ti->flags & 0x01,
	    ti->retransmission, ti->tcp_node };
}

/* tcp_payload_fn (dissect.h) takes this; protocols register it as HO_TCP_PORT or
 * HO_TCP_HEUR. */

#endif
