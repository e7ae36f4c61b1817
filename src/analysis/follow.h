/* follow.h — Follow TCP stream: the bytes of one TCP stream as each side sent them.
 *
 * The model behind both `-z follow,tcp,…` (print/follow.c) and the TUI's follow view.
 * Fed every frame in capture order (the TCP segment note that tcp.c leaves in the
 * reassembly module, reasm_last_tcp), it keeps one chunk per segment with new data,
 * per direction: bytes seen before (retransmissions, overlaps) are trimmed, a segment
 * that arrives ahead of a gap waits until the gap is filled or the other side
 * acknowledges past it, then "[N bytes missing in capture file]" stands for the gap,
 * as tshark does.  Never-acknowledged waiting segments are not shown.  Node 0 is the
 * sender of the stream's first segment seen here (tshark's client).  One owner thread.
 */
#ifndef NETLAB_FOLLOW_H
#define NETLAB_FOLLOW_H

#include <stddef.h>
#include <stdint.h>

struct dctx;

struct follow_chunk {
	int node;		/* 0 or 1 */
	uint32_t frame;		/* frame number that carried it (a gap: the ACK's past it) */
	int64_t ts;		/* that frame's time, ns since the epoch (a gap: 0) */
	uint8_t *data;
	uint32_t len;
};

struct tcpfollow;

struct tcpfollow *tcpfollow_new(uint32_t stream);
/* The same for a udp.stream: each datagram's payload is a chunk (its tree must hold
 * udp.payload), node 0 the sender of the first. */
struct tcpfollow *udpfollow_new(uint32_t stream);
int tcpfollow_is_udp(const struct tcpfollow *f);
void tcpfollow_free(struct tcpfollow *f);
/* After dissect_frame of any frame (d->sess with reassembly): takes its segment if it
 * belongs to the stream. */
void tcpfollow_frame(struct tcpfollow *f, const struct dctx *d);
uint32_t tcpfollow_stream(const struct tcpfollow *f);
/* "ip:port" of node 0 and 1 (":0" before the stream was seen). */
const char *tcpfollow_node(const struct tcpfollow *f, int node);
/* The address of node 0 or 1 ("" before the stream was seen), its port in *port. */
const char *tcpfollow_host(const struct tcpfollow *f, int node, uint16_t *port);
size_t tcpfollow_count(const struct tcpfollow *f);
const struct follow_chunk *tcpfollow_chunk(const struct tcpfollow *f, size_t i);

#endif
