/* tcp_state.c — RFC 9293 endpoint state machine as a table; see tcp_state.h.
 *
 * A segment becomes up to three events per endpoint, applied in this order: the
 * acknowledgment (of the peer's SYN or FIN), then SYN or FIN, and RST.  Each event is
 * looked up in `transitions`: a (state, event) pair with no row changes nothing.
 * Every row is an edge of RFC 9293 §3.3.2 figure 5 (the RST row stands for the
 * reset processing of §3.10.7); a crossing FIN is two of them, snd FIN then rcv FIN.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "dissect/tcp_state.h"

const char *const tcpstate_flag_names[TCPF_NAMED] = {
	"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"
};

enum ev {
	EV_SND_SYN,		/* sent a SYN (with or without ACK), first transmission */
	EV_RCV_SYN,		/* received the peer's SYN */
	EV_RCV_ACK_SYN,		/* received an ACK covering our SYN */
	EV_SND_FIN,		/* sent a FIN */
	EV_RCV_FIN,		/* received the peer's FIN */
	EV_RCV_ACK_FIN,		/* received an ACK covering our FIN */
	EV_RST,			/* a RST was sent or received */
};

struct transition {
	uint8_t from;		/* TCPS_NONE: any state */
	uint8_t ev;
	uint8_t to;
	const char *label;	/* RFC 9293 figure 5 wording */
};

static const struct transition transitions[] = {
	{ TCPS_CLOSED, EV_SND_SYN, TCPS_SYN_SENT, "active OPEN / snd SYN" },
	{ TCPS_LISTEN, EV_RCV_SYN, TCPS_SYN_RECEIVED, "rcv SYN / snd SYN,ACK" },
	{ TCPS_SYN_SENT, EV_RCV_SYN, TCPS_SYN_RECEIVED, "rcv SYN / snd SYN,ACK (simultaneous open)" },
	{ TCPS_SYN_SENT, EV_RCV_ACK_SYN, TCPS_ESTABLISHED, "rcv SYN,ACK / snd ACK" },
	{ TCPS_SYN_RECEIVED, EV_RCV_ACK_SYN, TCPS_ESTABLISHED, "rcv ACK of SYN" },
	{ TCPS_SYN_RECEIVED, EV_SND_FIN, TCPS_FIN_WAIT_1, "CLOSE / snd FIN" },
	{ TCPS_ESTABLISHED, EV_SND_FIN, TCPS_FIN_WAIT_1, "CLOSE / snd FIN" },
	{ TCPS_ESTABLISHED, EV_RCV_FIN, TCPS_CLOSE_WAIT, "rcv FIN / snd ACK" },
	{ TCPS_CLOSE_WAIT, EV_SND_FIN, TCPS_LAST_ACK, "CLOSE / snd FIN" },
	{ TCPS_FIN_WAIT_1, EV_RCV_ACK_FIN, TCPS_FIN_WAIT_2, "rcv ACK of FIN" },
	{ TCPS_FIN_WAIT_1, EV_RCV_FIN, TCPS_CLOSING, "rcv FIN / snd ACK" },
	{ TCPS_FIN_WAIT_2, EV_RCV_FIN, TCPS_TIME_WAIT, "rcv FIN / snd ACK" },
	{ TCPS_CLOSING, EV_RCV_ACK_FIN, TCPS_TIME_WAIT, "rcv ACK of FIN" },
	{ TCPS_LAST_ACK, EV_RCV_ACK_FIN, TCPS_CLOSED, "rcv ACK of FIN" },
	{ TCPS_NONE, EV_RST, TCPS_CLOSED, "RST" },
};

static const char *const state_names[TCPS_COUNT] = {
	[TCPS_NONE] = "", [TCPS_CLOSED] = "CLOSED", [TCPS_LISTEN] = "LISTEN",
	[TCPS_SYN_SENT] = "SYN-SENT", [TCPS_SYN_RECEIVED] = "SYN-RECEIVED",
	[TCPS_ESTABLISHED] = "ESTABLISHED", [TCPS_FIN_WAIT_1] = "FIN-WAIT-1",
	[TCPS_FIN_WAIT_2] = "FIN-WAIT-2", [TCPS_CLOSE_WAIT] = "CLOSE-WAIT",
	[TCPS_CLOSING] = "CLOSING", [TCPS_LAST_ACK] = "LAST-ACK", [TCPS_TIME_WAIT] = "TIME-WAIT",
};

static const char *const open_names[] = {
	[TCPO_UNKNOWN] = "unknown", [TCPO_THREE_WAY] = "three-way handshake",
	[TCPO_SIMULTANEOUS] = "simultaneous open", [TCPO_NONE_SEEN] = "no handshake seen",
};

static const char *const close_names[] = {
	[TCPC_STILL_OPEN] = "still open",
	[TCPC_FOUR_WAY] = "four segments (FIN, ACK, FIN, ACK)",
	[TCPC_THREE_WAY] = "three segments (FIN, FIN+ACK, ACK)",
	[TCPC_SIMULTANEOUS] = "simultaneous close (FINs crossed)",
	[TCPC_RESET] = "reset (RST)",
	[TCPC_HALF_CLOSED] = "half closed (one FIN)",
};

const char *tcpstate_name(enum tcp_st st)
{
	return st < TCPS_COUNT ? state_names[st] : "";
}

const char *tcpstate_open_name(enum tcp_open o)
{
	return o <= TCPO_NONE_SEEN ? open_names[o] : "";
}

const char *tcpstate_close_name(enum tcp_close c)
{
	return c <= TCPC_HALF_CLOSED ? close_names[c] : "";
}

/* a >= b in sequence space */
static int seq_ge(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) >= 0;
}

void tcpstate_init(struct tcpstate *s)
{
	memset(s, 0, sizeof(*s));
	s->closer = -1;
	s->time_wait = -1;
	s->rst_from = -1;
}

static void apply(struct tcpstate *s, int side, enum ev ev, struct tcpstate_change *ch)
{
	for (size_t i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++) {
		const struct transition *t = &transitions[i];
		if (t->ev != ev || (t->from != TCPS_NONE && t->from != s->st[side]))
			continue;
		if (t->to == s->st[side])
			return;
		if (ch) {
			ch[side].to = t->to;
			ch[side].label = t->label;
		}
		s->st[side] = t->to;
		if (t->to == TCPS_TIME_WAIT) {
			if (s->time_wait < 0)
				s->time_wait = (int8_t)side;
			s->tw_sides |= (uint8_t)(side ? TCP_SIDE_SERVER : TCP_SIDE_CLIENT);
		}
		return;
	}
}

/* Applies ev after an earlier step of the same segment: a second change of `side`
 * keeps the first as ch[side].via (from → via → to). */
static void apply_then(struct tcpstate *s, int side, enum ev ev, struct tcpstate_change *ch)
{
	struct tcpstate_change first;

	if (!ch) {
		apply(s, side, ev, NULL);
		return;
	}
	first = ch[side];
	ch[side].label = NULL;
	apply(s, side, ev, ch);
	if (!ch[side].label) {
		ch[side] = first;
		return;
	}
	if (first.label) {
		ch[side].via = first.to;
		ch[side].via_label = first.label;
	}
}

/* First segment: decide the starting states (see tcp_state.h). */
static void start(struct tcpstate *s, int dir, uint16_t flags, uint32_t ack)
{
	int peer = !dir;

	s->started = 1;
	if ((flags & (TCPF_SYN | TCPF_ACK)) == TCPF_SYN) {
		s->st[dir] = TCPS_CLOSED;
		s->st[peer] = TCPS_LISTEN;
		s->open = TCPO_THREE_WAY;
	} else if ((flags & (TCPF_SYN | TCPF_ACK)) == (TCPF_SYN | TCPF_ACK)) {
		/* The SYN was not captured: its sender waits in SYN-SENT. */
		s->st[dir] = TCPS_SYN_RECEIVED;
		s->st[peer] = TCPS_SYN_SENT;
		s->syn_seen[peer] = 1;
		s->syn_seq[peer] = ack - 1;
		s->open = TCPO_THREE_WAY;
	} else {
		s->st[0] = s->st[1] = TCPS_ESTABLISHED;
		s->open = TCPO_NONE_SEEN;
	}
}

void tcpstate_segment(struct tcpstate *s, int dir, uint16_t flags, uint32_t seq,
    uint32_t ack, uint32_t seglen, struct tcpstate_change ch[2])
{
	int peer;
	int acked_peer_fin = 0;
	uint8_t peer_before;

	dir &= 1;
	peer = !dir;
	if (ch)
		for (int i = 0; i < 2; i++) {
			ch[i].from = ch[i].to = s->st[i];
			ch[i].label = NULL;
			ch[i].via = ch[i].undo = TCPS_NONE;
			ch[i].via_label = NULL;
		}
	if (!s->started) {
		start(s, dir, flags, ack);
		if (ch)
			for (int i = 0; i < 2; i++)
				ch[i].from = ch[i].to = s->st[i];
	}
	s->segments++;
	peer_before = s->st[peer];

	/* 1. What this segment acknowledges moves its receiver. */
	if (flags & TCPF_ACK) {
		if (s->syn_seen[peer] && seq_ge(ack, s->syn_seq[peer] + 1)) {
			s->syn_acked |= (uint8_t)(peer ? TCP_SIDE_SERVER : TCP_SIDE_CLIENT);
			apply(s, peer, EV_RCV_ACK_SYN, ch);
		}
		if (s->fin_seen[peer] && seq_ge(ack, s->fin_seq[peer] + 1)) {
			acked_peer_fin = 1;
			apply(s, peer, EV_RCV_ACK_FIN, ch);
		}
	}

	/* 2. SYN: first transmission only. */
	if ((flags & TCPF_SYN) && !(flags & TCPF_RST) &&
	    !(s->syn_seen[dir] && s->syn_seq[dir] == seq)) {
		if (s->syn_seen[peer] && !(flags & TCPF_ACK) && !s->syn_seen[dir])
			s->open = TCPO_SIMULTANEOUS;
		s->syn_seen[dir] = 1;
		s->syn_seq[dir] = seq;
		s->syn_captured |= (uint8_t)(dir ? TCP_SIDE_SERVER : TCP_SIDE_CLIENT);
		apply(s, dir, EV_SND_SYN, ch);
		apply(s, peer, EV_RCV_SYN, ch);
	}

	/* 3. FIN: first transmission only; it sits after the payload. */
	if ((flags & TCPF_FIN) && !(flags & TCPF_RST)) {
		uint32_t finseq = seq + seglen + ((flags & TCPF_SYN) ? 1 : 0);
		if (!s->fin_seen[dir]) {
			/* the peer's FIN is still unacknowledged (FIN-WAIT-1: an earlier
			 * ACK of it would have moved the peer on) and this ACK does not
			 * cover it */
			int crossed = s->fin_seen[peer] && !acked_peer_fin &&
			    s->st[peer] == TCPS_FIN_WAIT_1;
			s->fin_seen[dir] = 1;
			s->fin_seq[dir] = finseq;
			s->fins++;
			if (s->fins == 1)
				s->closer = (int8_t)dir;
			else if (crossed)
				s->crossed = 1;
			else
				s->fin_with_ack_of_fin = acked_peer_fin && peer_before == TCPS_FIN_WAIT_1;
			if (crossed && s->st[dir] == TCPS_CLOSE_WAIT &&
			    s->fin_rcvd_in[dir] != TCPS_NONE) {
				/* the peer's FIN, presumed delivered, had not arrived */
				s->st[dir] = s->fin_rcvd_in[dir];
				if (ch)
					ch[dir].undo = s->st[dir];
			}
			apply_then(s, dir, EV_SND_FIN, ch);
			if (crossed)	/* the peer's FIN arrives after ours left */
				apply_then(s, dir, EV_RCV_FIN, ch);
			if (s->fin_rcvd_in[peer] == TCPS_NONE)
				s->fin_rcvd_in[peer] = s->st[peer];
			/* after an ACK of the peer's own FIN in this segment:
			 * FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT, two edges */
			apply_then(s, peer, EV_RCV_FIN, ch);
		}
	}

	/* 4. RST closes both ends. */
	if (flags & TCPF_RST) {
		if (s->st[0] != TCPS_CLOSED || s->st[1] != TCPS_CLOSED)
			s->reset = 1;
		if (s->rst_from < 0)
			s->rst_from = (int8_t)dir;
		apply(s, 0, EV_RST, ch);
		apply(s, 1, EV_RST, ch);
	}
}

enum tcp_open tcpstate_open(const struct tcpstate *s)
{
	return (enum tcp_open)s->open;
}

enum tcp_close tcpstate_close(const struct tcpstate *s)
{
	if (s->reset && s->fins < 2)
		return TCPC_RESET;
	if (s->fins == 0)
		return s->reset ? TCPC_RESET : TCPC_STILL_OPEN;
	if (s->fins == 1)
		return TCPC_HALF_CLOSED;
	if (s->crossed)
		return TCPC_SIMULTANEOUS;
	return s->fin_with_ack_of_fin ? TCPC_THREE_WAY : TCPC_FOUR_WAY;
}

int tcpstate_active_closer(const struct tcpstate *s)
{
	return s->closer;
}

void tcpstate_summary(const struct tcpstate *s, struct tcp_close_summary *out)
{
	const uint8_t both = TCP_SIDE_CLIENT | TCP_SIDE_SERVER;

	if (s->syn_captured == both && s->syn_acked == both)
		out->handshake = TCPH_FULL;
	else if (s->syn_captured)
		out->handshake = TCPH_PARTIAL;
	else
		out->handshake = TCPH_NONE;
	out->close = tcpstate_close(s);
	out->first_closer = s->closer;
	if (out->close == TCPC_RESET && s->fins == 0)
		out->first_closer = s->rst_from;
	out->time_wait = s->tw_sides;
}

const char *tcpstate_handshake_short(enum tcp_handshake h)
{
	static const char *const names[] = {
		[TCPH_NONE] = "none", [TCPH_PARTIAL] = "partial", [TCPH_FULL] = "full",
	};
	return h <= TCPH_FULL ? names[h] : "";
}

const char *tcpstate_close_short(enum tcp_close c)
{
	static const char *const names[] = {
		[TCPC_STILL_OPEN] = "open", [TCPC_FOUR_WAY] = "four", [TCPC_THREE_WAY] = "three",
		[TCPC_SIMULTANEOUS] = "crossing", [TCPC_RESET] = "RST",
		[TCPC_HALF_CLOSED] = "half",
	};
	return c <= TCPC_HALF_CLOSED ? names[c] : "";
}

const char *tcpstate_side_short(int side)
{
	return side == 0 ? "client" : side == 1 ? "server" : "none";
}

const char *tcpstate_sides_short(unsigned sides)
{
	static const char *const names[] = { "none", "client", "server", "both" };
	return names[sides & 3];
}
