/* tcp_state.h — RFC 9293 endpoint states of one TCP connection, inferred from the
 * segments a capture shows.
 *
 * The state machine is a table (tcp_state.c): each row is (state, event) → state plus
 * the RFC's transition label ("rcv SYN / snd SYN,ACK").  A segment is turned into
 * events from its flags and its sequence and acknowledgment numbers, never from flags
 * alone:
 *   - its ACK is applied first: an ACK covering the peer's SYN or FIN (ack ≥ seq + 1
 *     of that SYN/FIN, modulo 2^32) moves the peer (the FIN's sender);
 *   - then its SYN or FIN moves its sender and its receiver.  A FIN whose ACK does not
 *     cover a FIN the peer sent earlier means the FINs crossed (simultaneous close,
 *     RFC 9293 §3.6 figure 13): the sender had not received the peer's FIN when it
 *     sent its own, so it goes ESTABLISHED → FIN-WAIT-1 (CLOSE / snd FIN) and, when
 *     the peer's FIN arrives right after, FIN-WAIT-1 → CLOSING (rcv FIN / snd ACK);
 *     the peer, in FIN-WAIT-1, goes to CLOSING too; each leaves CLOSING for
 *     TIME-WAIT on the ACK of its FIN.  There is no CLOSE-WAIT → CLOSING edge;
 *   - a RST closes both ends; a retransmitted SYN or FIN (same sequence number as one
 *     already seen from that side) changes nothing.
 * States are those "after the segment was sent by its sender and delivered to its
 * receiver", known from the segments up to it (one pass: batch output and a revisit
 * in the TUI give the same value).  So a FIN that later turns out to have crossed
 * was presumed delivered: its receiver shows CLOSE-WAIT on that FIN's frame.  The
 * crossing FIN then reports change.undo (the state its sender really kept: the
 * peer's FIN had not arrived), and whole-stream views (ladder.c) correct the earlier
 * frames with it.  The client is the sender of the first SYN without ACK (or the
 * receiver of a first SYN/ACK); when no handshake is seen, the sender of the first
 * segment, and both ends start ESTABLISHED.
 *
 * Pure data, no allocation: struct tcpstate is embedded in the owner's stream record.
 */
#ifndef NETLAB_TCP_STATE_H
#define NETLAB_TCP_STATE_H

#include <stdint.h>

enum tcp_st {
	TCPS_NONE,		/* not known yet (before the first segment) */
	TCPS_CLOSED, TCPS_LISTEN, TCPS_SYN_SENT, TCPS_SYN_RECEIVED, TCPS_ESTABLISHED,
	TCPS_FIN_WAIT_1, TCPS_FIN_WAIT_2, TCPS_CLOSE_WAIT, TCPS_CLOSING, TCPS_LAST_ACK,
	TCPS_TIME_WAIT,
	TCPS_COUNT
};

/* How the connection opened / closed (per stream, final after the last segment). */
enum tcp_open { TCPO_UNKNOWN, TCPO_THREE_WAY, TCPO_SIMULTANEOUS, TCPO_NONE_SEEN };
enum tcp_close {
	TCPC_STILL_OPEN, TCPC_FOUR_WAY, TCPC_THREE_WAY, TCPC_SIMULTANEOUS, TCPC_RESET,
	TCPC_HALF_CLOSED
};

/* TCP flag bits as on the wire (low 12 bits of the flags word). */
enum {
	TCPF_FIN = 0x01, TCPF_SYN = 0x02, TCPF_RST = 0x04, TCPF_PSH = 0x08, TCPF_ACK = 0x10,
	TCPF_URG = 0x20, TCPF_ECE = 0x40, TCPF_CWR = 0x80, TCPF_AE = 0x100,
};

#define TCPF_NAMED 9		/* flag bits with a name: FIN (bit 0) to AE (bit 8) */
#define TCPF_RESERVED 0xe00	/* the three reserved bits, named "Reserved" together */

/* The flags' names as Wireshark writes them ("SYN", "ACK"), indexed by bit number:
 * the one table for every place that names a flag. */
extern const char *const tcpstate_flag_names[TCPF_NAMED];

struct tcpstate {
	uint8_t st[2];		/* enum tcp_st: [0] client, [1] server */
	uint8_t started;
	uint8_t syn_seen[2], fin_seen[2];
	uint32_t syn_seq[2], fin_seq[2];	/* raw sequence numbers */
	uint8_t open;		/* enum tcp_open */
	uint8_t fins;		/* FIN segments (first transmissions) seen */
	uint8_t fin_with_ack_of_fin;	/* the second FIN acknowledged the first */
	uint8_t crossed, reset;
	int8_t closer;		/* side that sent the first FIN, -1 none */
	int8_t time_wait;	/* side that reached TIME-WAIT first, -1 none */
	uint8_t tw_sides;	/* TCP_SIDE_* bits: the sides that reached TIME-WAIT */
	uint8_t syn_captured;	/* TCP_SIDE_* bits: first SYN of that side captured */
	uint8_t syn_acked;	/* TCP_SIDE_* bits: that side's SYN was acknowledged */
	uint8_t fin_rcvd_in[2];	/* state the side was in when the peer's FIN was presumed
				 * delivered to it (TCPS_NONE: not yet) */
	int8_t rst_from;	/* side that sent the first RST, -1 none */
	uint32_t segments;
};

/* Bits for a set of sides. */
enum { TCP_SIDE_CLIENT = 1, TCP_SIDE_SERVER = 2 };

/* The change a segment made to one endpoint: from → to with the RFC label; from == to
 * and label NULL when nothing changed.  A change of two steps (a crossing FIN:
 * ESTABLISHED → FIN-WAIT-1 → CLOSING) has via = the middle state and via_label its
 * transition (from → via), label being via → to; otherwise via is TCPS_NONE.  undo
 * is TCPS_NONE, or the state this endpoint really was in since the peer's FIN, which
 * the earlier frames showed as delivered (CLOSE-WAIT): the steps start from undo,
 * and from is still what the previous frame showed. */
struct tcpstate_change {
	uint8_t from, to;
	const char *label;
	uint8_t via, undo;
	const char *via_label;
};

/* Starts a connection.  first_dir is the side (0 client, 1 server) that sends the first
 * segment; the caller decides who is the client (see above). */
void tcpstate_init(struct tcpstate *s);
/* Applies one segment sent by side `dir` (0 client, 1 server).  seq/ack are raw; seglen
 * is the payload length.  ch[0]/ch[1] (may be NULL) receive the client's and the
 * server's change. */
void tcpstate_segment(struct tcpstate *s, int dir, uint16_t flags, uint32_t seq,
    uint32_t ack, uint32_t seglen, struct tcpstate_change ch[2]);

const char *tcpstate_name(enum tcp_st st);	/* "SYN-SENT" */
enum tcp_open tcpstate_open(const struct tcpstate *s);
enum tcp_close tcpstate_close(const struct tcpstate *s);
const char *tcpstate_open_name(enum tcp_open o);	/* "three-way handshake" */
const char *tcpstate_close_name(enum tcp_close c);	/* "four segments (FIN, ACK, FIN, ACK)" */
/* Side (0 client, 1 server) that closed first (active closer), -1 when none. */
int tcpstate_active_closer(const struct tcpstate *s);

/* ---- close summary (the conversations pane's columns) ---- */

enum tcp_handshake {
	TCPH_NONE,		/* no SYN captured (the capture started mid-connection) */
	TCPH_PARTIAL,		/* some SYN captured, not both SYNs and both their ACKs */
	TCPH_FULL,		/* both SYNs and the ACK of each captured (three-way, or
				 * simultaneous open) */
};

struct tcp_close_summary {
	enum tcp_handshake handshake;
	enum tcp_close close;	/* TCPC_FOUR_WAY: four segments; TCPC_THREE_WAY: three
				 * (FIN+ACK piggybacked); TCPC_SIMULTANEOUS: the FINs
				 * crossed; TCPC_RESET; TCPC_HALF_CLOSED: one FIN only;
				 * TCPC_STILL_OPEN: neither FIN nor RST */
	int first_closer;	/* 0 client, 1 server, -1 none: the sender of the first FIN
				 * captured (with crossing FINs both closed actively; this is
				 * the one captured first), or of the RST when a RST ended the
				 * connection before any FIN */
	unsigned time_wait;	/* TCP_SIDE_* bits: the sides that reached TIME-WAIT */
};

/* The summary of the segments seen so far (final after the stream's last segment). */
void tcpstate_summary(const struct tcpstate *s, struct tcp_close_summary *out);
/* Short column texts: "full", "partial", "none"; "four", "three", "crossing", "RST",
 * "half", "open"; "client", "server", "none" (side < 0); "none", "client", "server",
 * "both" (a TCP_SIDE_* set).  Static strings. */
const char *tcpstate_handshake_short(enum tcp_handshake h);
const char *tcpstate_close_short(enum tcp_close c);
const char *tcpstate_side_short(int side);
const char *tcpstate_sides_short(unsigned sides);

#endif
