/* udp_conv.h — UDP conversations: the udp.stream index and per-stream times.
 *
 * A conversation is the unordered pair of (address, port) endpoints; streams are
 * numbered from 0 in order of first appearance, as Wireshark's udp.stream.  State of
 * one capture lives in session->udp (created by session_new).  UI/batch thread only.
 */
#ifndef NETLAB_UDP_CONV_H
#define NETLAB_UDP_CONV_H

#include <stdint.h>

struct udpconv;
struct address;

struct udp_frame_info {
	uint32_t stream;
	int64_t rel_ts;		/* since the stream's first frame */
	int64_t delta_ts;	/* since the stream's previous frame */
};

struct udpconv *udpconv_new(int keep_results);
void udpconv_free(struct udpconv *u);

/* The stream of a datagram.  On the first visit of frame `num` (visited = 0) the
 * stream's times advance; with keep_results a revisit returns the recorded answer.
 * serial tells one dissection from the next (pinfo.serial), so the several UDP
 * headers of one frame (tunnels) each get their own answer. */
void udpconv_lookup(struct udpconv *u, uint32_t num, uint32_t serial, int visited, int64_t ts,
    const struct address *src, uint16_t sport, const struct address *dst, uint16_t dport,
    struct udp_frame_info *out);

#endif
