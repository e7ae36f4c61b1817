/* tcp_conv.h — TCP streams, relative sequence numbers, Wireshark's SEQ/ACK analysis
 * and the endpoint states of every connection in a capture.
 *
 * tcp.c hands every segment over in capture order (tcpconv_segment); the result holds
 * what tshark 4.0 shows for it: tcp.stream (a 4-tuple hash; a SYN with a new initial
 * sequence number on a known 4-tuple starts a new stream, "[TCP Port numbers
 * reused]"), relative seq/ack (base per direction, modulo 2^32, mid-connection starts
 * count from 1), the window scale, the conversation completeness, tcp.time_relative /
 * time_delta and the analysis (acks_frame, ack_rtt, bytes_in_flight, retransmissions,
 * dup ACKs …) computed with the checks of Wireshark's tcp_analyze_sequence_number in
 * the same order, plus the RFC 9293 endpoint states (tcp_state.h).
 *
 * Memory: streams in one array, found through an open-addressing hash; the unacked
 * segments of each direction in a per-direction array that is reused (no per-packet
 * allocation once warm) and freed when it empties after a FIN or RST, or when a new
 * stream replaces the 4-tuple.  keep_results (TUI): each frame's result is stored in a
 * 20-byte record indexed by frame number (what a revisit can recompute is not stored;
 * rare values — dup ACKs, RTOs, times over 4.29 s, counts over 65535 — go to a side
 * table), so a revisit (visited=1) rebuilds the same result without running the
 * analysis again.  The segment list of each stream (flow ladder, TUI diagram) is kept
 * only with tcpconv_keep_segments (on by default with keep_results); without it a
 * stream's segments are rebuilt on demand by revisiting its frames
 * (tcpconv_collect_begin/_end).  UI thread (or the batch loop) only.
 */
#ifndef NETLAB_TCP_CONV_H
#define NETLAB_TCP_CONV_H

#include <stddef.h>
#include <stdint.h>

#include "dissect/tcp_state.h"

struct tcpconv;

/* Wireshark's TCP_A_* analysis flags. */
enum {
	TCPA_RETRANSMISSION = 0x0001,
	TCPA_LOST_PACKET = 0x0002,
	TCPA_ACK_LOST_PACKET = 0x0004,
	TCPA_KEEP_ALIVE = 0x0008,
	TCPA_DUPLICATE_ACK = 0x0010,
	TCPA_ZERO_WINDOW = 0x0020,
	TCPA_ZERO_WINDOW_PROBE = 0x0040,
	TCPA_ZERO_WINDOW_PROBE_ACK = 0x0080,
	TCPA_KEEP_ALIVE_ACK = 0x0100,
	TCPA_OUT_OF_ORDER = 0x0200,
	TCPA_FAST_RETRANSMISSION = 0x0400,
	TCPA_WINDOW_UPDATE = 0x0800,
	TCPA_WINDOW_FULL = 0x1000,
	TCPA_REUSED_PORTS = 0x2000,
	TCPA_SPURIOUS_RETRANSMISSION = 0x4000,
};

/* One segment as the dissector read it. */
struct tcpconv_in {
	uint32_t frame;			/* frame number, from 1 */
	int64_t ts;			/* ns since the epoch */
	uint8_t alen;			/* 4 (IPv4) or 16 (IPv6) */
	const uint8_t *src, *dst;	/* network addresses, alen bytes */
	uint16_t sport, dport;
	uint32_t seq, ack;		/* raw */
	uint16_t flags;			/* the 12 flag bits */
	uint16_t win;			/* window field as sent */
	uint32_t seglen;		/* payload bytes */
	uint8_t no_seglen;		/* header longer than the IP payload: stream and times
					 * only, no analysis (tshark shows raw numbers) */
	uint8_t in_error;		/* quoted by an ICMP error (no_seglen too): the window
					 * is not scaled */
	int ws_shift;			/* window scale option in this segment, -1 none */
	uint8_t opts_cut;		/* its options were cut short by the snap length: a
					 * SYN's window scaling is not settled (tshark) */
	uint8_t nsack;			/* SACK blocks in this segment (raw edges) */
	uint32_t sack_le[4], sack_re[4];
	uint8_t announced;		/* a SYN of a connection another protocol announced
					 * before (FTP data, ftp.h): tshark's conversation began
					 * there, so this SYN is not its first segment */
};

struct tcpconv_out {
	uint32_t stream;
	uint8_t dir;			/* 0: sent by the client, 1: by the server */
	uint8_t completeness;		/* tcp.completeness as shown on this frame */
	uint8_t ack_rel_valid;		/* ACK flag set: ack_rel is relative */
	int8_t win_scale;		/* -1 unknown, -2 no scaling, else the shift */
	uint32_t seq_rel, ack_rel, nxtseq_rel;
	uint32_t win_calc;		/* tcp.window_size */
	int64_t time_rel, time_delta;	/* tcp.time_relative, tcp.time_delta */

	/* SEQ/ACK analysis; has_ta: tshark shows the [SEQ/ACK analysis] subtree */
	uint8_t has_ta;
	uint16_t aflags;		/* TCPA_* */
	uint32_t acks_frame;		/* 0: none */
	int64_t ack_rtt;
	int64_t irtt;			/* 0: not known yet */
	uint32_t bytes_in_flight;	/* 0: not shown */
	uint32_t push_bytes_sent;	/* shown when has_push */
	uint8_t has_push;
	uint32_t dupack_num, dupack_frame;
	int64_t rto;			/* 0: not shown */
	uint32_t rto_frame;

	/* endpoint states after this segment */
	uint8_t client_state, server_state;	/* enum tcp_st */
	/* A FIN: 1 from the side that sent the conversation's first FIN (tshark's
	 * tcp.connection.fin_active), 2 from the other (fin_passive); 0 no FIN */
	uint8_t fin_closing;
};

struct tcpconv *tcpconv_new(int keep_results);
void tcpconv_free(struct tcpconv *tc);

/* Analyses one segment (visited = 0, capture order) or replays a stored frame
 * (visited = 1, keep_results only; falls back to analysing when nothing was stored). */
void tcpconv_segment(struct tcpconv *tc, const struct tcpconv_in *in, int visited,
    struct tcpconv_out *out);

/* ---- streams and their segments (flow ladder, TUI diagram) ---- */

struct tcpconv_stream {
	uint32_t index;			/* tcp.stream */
	uint8_t alen;
	uint8_t addr[2][16];		/* [0] client, [1] server */
	uint16_t port[2];
	uint32_t first_frame, last_frame;
	int64_t first_ts, last_ts;
	uint64_t frames[2], bytes[2];	/* per sender: frames and frame bytes (conv,tcp) */
	enum tcp_open open;
	enum tcp_close close;
	int active_closer;		/* 0 client, 1 server, -1 none */
	uint32_t nsegs;			/* segments analysed (kept or not) */
};

struct tcpconv_seg {
	uint32_t frame;
	int64_t ts;
	uint8_t dir;			/* 0 client → server */
	uint16_t flags;
	uint32_t seq_rel, ack_rel, seq_raw, ack_raw, len;
	uint16_t win;
	uint16_t aflags;		/* TCPA_* */
	uint8_t state_after[2];		/* [0] client, [1] server */
	const char *label[2];		/* transition of each end, NULL when unchanged */
	/* two-step changes and corrections of earlier frames (struct tcpstate_change):
	 * via/via_label the middle state and the first step's label, undo the state the
	 * end really kept since an earlier frame (TCPS_NONE: none) */
	uint8_t via[2], undo[2];
	const char *via_label[2];
};

/* The stream of frame `frame` when it was the last segment analysed or revisited (the
 * -z taps run right after dissection; the TUI diagram dissects the selected frame
 * first); 0 when that frame had no analysed TCP segment. */
int tcpconv_frame_stream(const struct tcpconv *tc, uint32_t frame, uint32_t *stream);

/* The close summary of stream `stream` (tcp_state.h: handshake full / partial /
 * none, close type four / three / crossing / RST / half / open, the side that closed
 * first, the sides that reached TIME-WAIT), from the segments analysed so far:
 * final once the capture is read, live while it grows.  What the conversations pane
 * shows as columns; the same as --flow's classification (ladder_title).  Returns 0,
 * or -1 (out untouched) when the stream does not exist or states are not tracked
 * (tcpconv_track_states off). */
int tcpconv_close_summary(const struct tcpconv *tc, uint32_t stream,
    struct tcp_close_summary *out);

/* Number of streams seen so far. */
uint32_t tcpconv_stream_count(const struct tcpconv *tc);
/* Stream `index` (0-based); NULL when out of range.  Valid until the next
 * tcpconv_segment call. */
const struct tcpconv_stream *tcpconv_stream(const struct tcpconv *tc, uint32_t index);
/* Segment i (0-based, capture order) of a stream; NULL when out of range.  Segments
 * are kept only when tcpconv_keep_segments() is on (the default with keep_results). */
const struct tcpconv_seg *tcpconv_stream_seg(const struct tcpconv *tc, uint32_t index,
    uint32_t i);
/* Keep every stream's segment list (on: --flow; off: the TUI, which rebuilds one
 * stream's list on demand with tcpconv_collect_*).  Default: keep_results.  Set it
 * before the first segment. */
void tcpconv_keep_segments(struct tcpconv *tc, int on);
int tcpconv_segments_kept(const struct tcpconv *tc);
/* Follow the endpoints' RFC 9293 states (netlab.tcp.*_state, the stream's open and
 * close classification and active closer); on by default.  A batch run that shows
 * none of them turns it off (client_state/server_state stay CLOSED).  Set it before
 * the first segment. */
void tcpconv_track_states(struct tcpconv *tc, int on);
/* keep_results without kept segments: rebuilding a stream's segment list.  Between
 * _begin and _end, every revisited frame (visited = 1) of `stream` is recorded as the
 * first pass would have kept it (the caller re-dissects the stream's frames in capture
 * order, each once; frames of other streams are ignored).  _end returns the segments
 * in a malloc'd array the caller frees (NULL when none) and their count. */
void tcpconv_collect_begin(struct tcpconv *tc, uint32_t stream);
struct tcpconv_seg *tcpconv_collect_end(struct tcpconv *tc, size_t *n);
/* keep_results: the capture time (ns) of a frame already analysed, so that a revisit
 * recomputes an ACK's RTT instead of storing it.  Without it the RTT goes to the side
 * table.  Set it before the first segment. */
void tcpconv_set_frame_ts(struct tcpconv *tc, int64_t (*fn)(void *ctx, uint32_t frame),
    void *ctx);

#endif
