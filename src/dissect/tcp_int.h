/* tcp_int.h — what the files of the TCP dissector share (tcp.c, tcp_opt.c,
 * tcp_analysis.c): the ids of tcp.c's field table and its tree helpers.  Only for
 * those files; other modules use tcp.h. */
#ifndef NETLAB_TCP_INT_H
#define NETLAB_TCP_INT_H

#include <stdint.h>

#include "dissect/tcp_conv.h"
#include "dissect/dissect.h"

enum {
	T_PROTO, T_SRCPORT, T_DSTPORT, T_PORT, T_STREAM, T_COMPLETENESS, T_LEN, T_SEQ, T_SEQ_RAW,
	T_NXTSEQ, T_ACK, T_ACK_RAW, T_HDR_LEN, T_FLAGS, T_F_RES, T_F_AE, T_F_CWR, T_F_ECE,
	T_F_URG, T_F_ACK, T_F_PUSH, T_F_RESET, T_F_SYN, T_F_FIN, T_F_STR, T_WIN_VALUE, T_WIN,
	T_WIN_SCALE, T_CHECKSUM, T_CHECKSUM_STATUS, T_URGENT, T_OPTIONS, T_OPT_KIND, T_OPT_LEN,
	T_OPT_MSS, T_OPT_MSS_VAL, T_OPT_WS, T_OPT_WS_SHIFT, T_OPT_WS_MULT, T_OPT_SACK_PERM,
	T_OPT_SACK, T_OPT_SACK_LE, T_OPT_SACK_RE, T_OPT_SACK_COUNT, T_OPT_DSACK_LE,
	T_OPT_DSACK_RE, T_OPT_DSACK, T_OPT_TS, T_OPT_TSVAL,
	T_OPT_TSECR, T_OPT_NOP, T_OPT_EOL, T_OPT_TFO, T_OPT_TFO_COOKIE, T_OPT_MPTCP,
	T_OPT_UNKNOWN, T_OPT_UNKNOWN_PAYLOAD, T_TIME_REL, T_TIME_DELTA, T_ANALYSIS, T_A_FLAGS,
	T_A_ACKS_FRAME, T_A_ACK_RTT, T_A_IRTT, T_A_BIF, T_A_PUSH, T_A_RTO, T_A_RTO_FRAME,
	T_A_DUPACK, T_A_DUPACK_NUM, T_A_DUPACK_FRAME, T_A_RETRANS, T_A_FAST, T_A_SPURIOUS,
	T_A_OOO, T_A_REUSED, T_A_LOST, T_A_ACK_LOST, T_A_WIN_UPDATE, T_A_WIN_FULL, T_A_KA,
	T_A_KA_ACK, T_A_ZWP, T_A_ZW, T_A_ZWP_ACK, T_C_SYN, T_C_SYNACK, T_C_FIN, T_C_RST, T_C_FIN_ACTIVE, T_C_FIN_PASSIVE,
	T_MSS_ABSENT, T_PAYLOAD, T_SEGMENT_DATA, T_BOGUS_HDR_LEN,
	T_NETLAB, T_CLIENT_STATE, T_SERVER_STATE,
	T_COUNT
};

/* The field of tcp.c's table with id `field` (T_…). */
const struct field_def *tcp_field(int field);

/* A _ws.expert node under parent with the field under it, as Wireshark shows expert
 * info; returns the expert node (0 without a tree). */
uint32_t tcp_expert(struct dctx *d, uint32_t parent, int field, enum expert_sev sev,
    const char *group, const char *msg);
/* Does the tree want the expert nodes? */
int tcp_expert_wanted(const struct dtree *t);
/* A generated (computed) node of the field. */
uint32_t tcp_gen_uint(struct dtree *t, uint32_t parent, int field, uint32_t off, uint64_t v);
/* The same over len bytes (a value computed from them: the calculated window). */
uint32_t tcp_gen_uint_len(struct dtree *t, uint32_t parent, int field, uint32_t off,
    uint32_t len, uint64_t v);
uint32_t tcp_gen_time(struct dtree *t, uint32_t parent, int field, int64_t ns);

/* The SEQ/ACK analysis subtree under the TCP node tn and its Info prefixes
 * (tcp_analysis.c). */
void tcp_analysis_tree(struct dctx *d, uint32_t tn, const struct tcpconv_out *r);

#endif
