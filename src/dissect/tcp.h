/* tcp.h — the parts of TCP dissection that other dissection code shares (the fast
 * path, fastpath.c): the analysis step of a segment and the tcp.flags.str text. */
#ifndef NETLAB_TCP_H
#define NETLAB_TCP_H

#include <stdint.h>

#include "dissect/tcp_conv.h"
#include "dissect/dissect.h"
#include "dissect/tcp_opt.h"

/* A TCP header as read, with the payload length the IP layer gives it. */
struct tcp_seg {
	uint16_t sport, dport, flags, win;
	uint32_t seq, ack;
	uint32_t hlen;			/* header length in bytes, options included (>= 20) */
	uint32_t seglen;		/* payload bytes */
	int no_seglen;			/* the header is longer than the IP payload */
};

/* Runs the TCP analysis of one segment as dissect_tcp does: the conversation, with
 * the window scale and SACK blocks of the options (o: tcp_opt_parse's result, NULL
 * when the header has none or they were not captured).  Needs pinfo's addresses,
 * number and time.  Returns 1 with the analysis in *r, or 0 (no session, inside an
 * ICMP error, not over IP) with raw numbers in *r. */
int tcp_analyse(struct dctx *d, const struct tcp_seg *sg, const struct tcp_opts *o,
    struct tcpconv_out *r);

#define TCP_FLAGS_STR_MAX 24
/* tcp.flags.str: "··········A·" (12 positions, UTF-8); returns its bytes. */
uint32_t tcp_flags_str(uint16_t flags, char *buf);

#endif
