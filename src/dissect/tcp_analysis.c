/* tcp_analysis.c — the "SEQ/ACK analysis" subtree of a TCP segment and its Info
 * prefixes ("[TCP Retransmission] "), from what dissect/tcp_conv.c computed.
 *
 * The notable events are a table in Wireshark 4.0's order: each adds its expert
 * note(s) under "TCP Analysis Flags" and puts its prefix in front of Info, so the last
 * one in the table ends up first.
 */
#include "config.h"

#include <stdio.h>

#include "dissect/tcp_conv.h"
#include "dissect/tcp_int.h"

/* bit 0: the duplicate-ACK step (it depends on dupack_num, not on a flag). */
static const struct mark {
	uint16_t bit;
	int field;
	enum expert_sev sev;
	int also_retrans;		/* a kind of retransmission: the generic note too */
	const char *prefix;
} marks[] = {
	{ TCPA_REUSED_PORTS, T_A_REUSED, SEV_NOTE, 0, "[TCP Port numbers reused] " },
	{ TCPA_RETRANSMISSION, T_A_RETRANS, SEV_NOTE, 0, "[TCP Retransmission] " },
	{ TCPA_FAST_RETRANSMISSION, T_A_FAST, SEV_NOTE, 1, "[TCP Fast Retransmission] " },
	{ TCPA_SPURIOUS_RETRANSMISSION, T_A_SPURIOUS, SEV_NOTE, 1, "[TCP Spurious Retransmission] " },
	{ TCPA_OUT_OF_ORDER, T_A_OOO, SEV_WARN, 0, "[TCP Out-Of-Order] " },
	{ TCPA_LOST_PACKET, T_A_LOST, SEV_WARN, 0, "[TCP Previous segment not captured] " },
	{ TCPA_ACK_LOST_PACKET, T_A_ACK_LOST, SEV_WARN, 0, "[TCP ACKed unseen segment] " },
	{ TCPA_WINDOW_UPDATE, T_A_WIN_UPDATE, SEV_CHAT, 0, "[TCP Window Update] " },
	{ TCPA_WINDOW_FULL, T_A_WIN_FULL, SEV_WARN, 0, "[TCP Window Full] " },
	{ TCPA_KEEP_ALIVE, T_A_KA, SEV_NOTE, 0, "[TCP Keep-Alive] " },
	{ TCPA_KEEP_ALIVE_ACK, T_A_KA_ACK, SEV_NOTE, 0, "[TCP Keep-Alive ACK] " },
	{ 0, 0, SEV_NOTE, 0, NULL },
	{ TCPA_ZERO_WINDOW_PROBE, T_A_ZWP, SEV_NOTE, 0, "[TCP ZeroWindowProbe] " },
	{ TCPA_ZERO_WINDOW, T_A_ZW, SEV_WARN, 0, "[TCP ZeroWindow] " },
	{ TCPA_ZERO_WINDOW_PROBE_ACK, T_A_ZWP_ACK, SEV_NOTE, 0, "[TCP ZeroWindowProbeAck] " },
};

/* The numbers under "SEQ/ACK analysis" before the flags. */
static void numbers(struct dtree *t, uint32_t an, const struct tcpconv_out *r)
{
	if (r->acks_frame) {
		tcp_gen_uint(t, an, T_A_ACKS_FRAME, tree_off(t, an), r->acks_frame);
		if (r->ack_rtt)
			tcp_gen_time(t, an, T_A_ACK_RTT, r->ack_rtt);
	}
	if (r->irtt)
		tcp_gen_time(t, an, T_A_IRTT, r->irtt);
	if (r->bytes_in_flight)
		tcp_gen_uint(t, an, T_A_BIF, tree_off(t, an), r->bytes_in_flight);
	if (r->has_push && r->push_bytes_sent)
		tcp_gen_uint(t, an, T_A_PUSH, tree_off(t, an), r->push_bytes_sent);
}

static void dupack(struct dctx *d, uint32_t an, uint32_t fl, const struct tcpconv_out *r)
{
	struct dtree *t = d->tree;
	uint32_t n;
	char msg[48];

	if (r->aflags & TCPA_DUPLICATE_ACK) {
		n = tree_add(t, fl, tcp_field(T_A_DUPACK), tree_off(t, fl), 0);
		tree_flag(t, n, TN_GENERATED);
		tree_label(t, n, "This is a TCP duplicate ack");
		if (d->pi->want_cols) {
			char b[64];
			snprintf(b, sizeof(b), "[TCP Dup ACK %u#%u] ", r->dupack_frame, r->dupack_num);
			col_prepend_fence(d->pi, b);
		}
	}
	tcp_gen_uint(t, an, T_A_DUPACK_NUM, tree_off(t, an), r->dupack_num);
	n = tcp_gen_uint(t, an, T_A_DUPACK_FRAME, tree_off(t, an), r->dupack_frame);
	snprintf(msg, sizeof(msg), "Duplicate ACK (#%u)", r->dupack_num);
	tcp_expert(d, n, T_A_DUPACK, SEV_NOTE, "Sequence", msg);
}

void tcp_analysis_tree(struct dctx *d, uint32_t tn, const struct tcpconv_out *r)
{
	struct dtree *t = d->tree;
	uint32_t an, fl;

	if (!r->has_ta)
		return;
	an = tree_add(t, tn, tcp_field(T_ANALYSIS), tree_off(t, tn), 0);
	tree_flag(t, an, TN_GENERATED);
	numbers(t, an, r);
	if (!r->aflags)
		return;
	fl = tree_add(t, an, tcp_field(T_A_FLAGS), tree_off(t, an), 0);
	tree_flag(t, fl, TN_GENERATED);
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		const struct mark *m = &marks[i];
		if (!m->bit) {
			if (r->dupack_num)
				dupack(d, an, fl, r);
			continue;
		}
		if (!(r->aflags & m->bit))
			continue;
		tcp_expert(d, fl, m->field, m->sev, "Sequence", tcp_field(m->field)->name);
		if (m->also_retrans)
			tcp_expert(d, fl, T_A_RETRANS, SEV_NOTE, "Sequence", tcp_field(T_A_RETRANS)->name);
		col_prepend_fence(d->pi, m->prefix);
		if (m->bit == TCPA_RETRANSMISSION && r->rto) {
			tcp_gen_time(t, fl, T_A_RTO, r->rto);
			tcp_gen_uint(t, fl, T_A_RTO_FRAME, tree_off(t, fl), r->rto_frame);
		}
	}
}
