/* ladder.c — the ladder model of one TCP stream and its text renderings (--flow, the
 * Markdown export of the diagram view); see ladder.h.
 */
#include "config.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "analysis/ladder.h"
#include "dissect/tcp_state.h"
#include "core/xmalloc.h"
#include "dissect/dissect.h"

/* ---- names ---- */

static const char *const phase_names[] = {
	[LPH_HANDSHAKE] = "handshake", [LPH_DATA] = "data", [LPH_TEARDOWN] = "teardown",
};

const char *ladder_phase_name(enum ladder_phase p)
{
	return p <= LPH_TEARDOWN ? phase_names[p] : "";
}

const char *ladder_side_name(int side)
{
	return side == 0 ? "client" : side == 1 ? "server" : "nobody";
}

/* The flag list is never shortened (a ladder that drops PSH teaches the wrong segment):
 * only the separator tightens. */
static void flags_join(uint16_t flags, const char *sep, char *buf, size_t n)
{
	size_t at = 0;

	buf[0] = '\0';
	/* SYN before FIN reads better and matches Wireshark ("SYN, ACK", "FIN, ACK") */
	if (flags & TCPF_SYN)
		at += (size_t)snprintf(buf + at, at < n ? n - at : 0, "SYN");
	for (unsigned i = 0; i < TCPF_NAMED; i++) {
		if (!(flags & 1u << i) || 1u << i == TCPF_SYN)
			continue;
		at += (size_t)snprintf(buf + (at < n ? at : n), at < n ? n - at : 0, "%s%s",
		    at ? sep : "", tcpstate_flag_names[i]);
	}
	if (!at)
		snprintf(buf, n, "<none>");
}

void ladder_flags_str(uint16_t flags, char *buf, size_t n)
{
	flags_join(flags, ", ", buf, n);
}

static const struct { uint16_t bit; const char *name, *abbr; } mark_names[] = {
	{ TCPA_SPURIOUS_RETRANSMISSION, "Spurious Retransmission", "Spurious Retr" },
	{ TCPA_FAST_RETRANSMISSION, "Fast Retransmission", "Fast Retr" },
	{ TCPA_RETRANSMISSION, "Retransmission", "Retr" },
	{ TCPA_OUT_OF_ORDER, "Out-Of-Order", "OOO" },
	{ TCPA_LOST_PACKET, "Previous segment not captured", "Prev lost" },
	{ TCPA_ACK_LOST_PACKET, "ACKed unseen segment", "ACK unseen" },
	{ TCPA_DUPLICATE_ACK, "Dup ACK", "Dup ACK" },
	{ TCPA_KEEP_ALIVE, "Keep-Alive", "KA" },
	{ TCPA_KEEP_ALIVE_ACK, "Keep-Alive ACK", "KA ACK" },
	{ TCPA_ZERO_WINDOW, "ZeroWindow", "ZeroWin" },
	{ TCPA_ZERO_WINDOW_PROBE, "ZeroWindowProbe", "ZWP" },
	{ TCPA_ZERO_WINDOW_PROBE_ACK, "ZeroWindowProbeAck", "ZWP ACK" },
	{ TCPA_WINDOW_UPDATE, "Window Update", "Win Upd" },
	{ TCPA_WINDOW_FULL, "Window Full", "Win Full" },
	{ TCPA_REUSED_PORTS, "Port numbers reused", "Ports reused" },
};

static void marks_join(uint16_t aflags, int abbr, char *buf, size_t n)
{
	size_t at = 0;
	uint16_t seen = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(mark_names) / sizeof(mark_names[0]); i++) {
		if (!(aflags & mark_names[i].bit))
			continue;
		/* a fast or spurious retransmission is a retransmission: name it once */
		if (mark_names[i].bit == TCPA_RETRANSMISSION &&
		    (seen & (TCPA_FAST_RETRANSMISSION | TCPA_SPURIOUS_RETRANSMISSION)))
			continue;
		seen |= mark_names[i].bit;
		at += (size_t)snprintf(buf + (at < n ? at : n), at < n ? n - at : 0, "%s%s",
		    at ? ", " : "", abbr ? mark_names[i].abbr : mark_names[i].name);
	}
}

/* Short names of the analysis flags: "Retransmission, Dup ACK" ("" when none). */
static void ladder_marks_str(uint16_t aflags, char *buf, size_t n)
{
	marks_join(aflags, 0, buf, n);
}

/* ---- the model ---- */

static int seq_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

/* Sequence space a segment occupies: payload, plus one for SYN and for FIN. */
static uint32_t seg_space(const struct tcpconv_seg *s)
{
	return s->len + ((s->flags & TCPF_SYN) ? 1 : 0) + ((s->flags & TCPF_FIN) ? 1 : 0);
}

#define NOT_CROSSING (TCPA_RETRANSMISSION | TCPA_FAST_RETRANSMISSION | \
	TCPA_SPURIOUS_RETRANSMISSION | TCPA_KEEP_ALIVE | TCPA_DUPLICATE_ACK | \
	TCPA_KEEP_ALIVE_ACK | TCPA_ZERO_WINDOW_PROBE | TCPA_WINDOW_UPDATE)

static void add_note(struct ladder_row *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_note(struct ladder_row *r, const char *fmt, ...)
{
	va_list ap;

	for (int k = 0; k < LADDER_NOTES; k++) {
		if (r->note[k][0])
			continue;
		va_start(ap, fmt);
		vsnprintf(r->note[k], sizeof(r->note[k]), fmt, ap);
		va_end(ap);
		return;
	}
}

static void endpoint_str(const struct tcpconv_stream *st, int side, char *buf, size_t n)
{
	char a[INET6_ADDRSTRLEN] = "?";

	if (st->alen == 16) {
		inet_ntop(AF_INET6, st->addr[side], a, sizeof(a));
		snprintf(buf, n, "[%s]:%u", a, st->port[side]);
	} else {
		inet_ntop(AF_INET, st->addr[side], a, sizeof(a));
		snprintf(buf, n, "%s:%u", a, st->port[side]);
	}
}

static int is_handshake_state(uint8_t st)
{
	return st == TCPS_SYN_SENT || st == TCPS_SYN_RECEIVED;
}

static void find_crossings(struct ladder *l)
{
	for (size_t i = 1; i < l->n; i++) {
		struct ladder_row *r = &l->rows[i], *p = NULL;
		long j;
		for (j = (long)i - 1; j >= 0; j--)
			if (l->rows[j].s.dir != r->s.dir) {
				p = &l->rows[j];
				break;
			}
		if (!p || !(r->s.flags & TCPF_ACK) || (r->s.flags & TCPF_RST) ||
		    (r->s.aflags & NOT_CROSSING) || (p->s.aflags & NOT_CROSSING))
			continue;
		if (!seg_space(&p->s))
			continue;
		/* one partner per row, except that a FIN crossing the peer's FIN is
		 * always marked (data sent in between may have crossed it first) */
		if (p->cross >= 0 && !((r->s.flags & TCPF_FIN) && (p->s.flags & TCPF_FIN)))
			continue;
		/* the SYN/ACK answering a SYN it has not seen is a simultaneous open,
		 * shown by the states; the bare SYN carries no ACK anyway */
		if (seq_lt(r->s.ack_rel, p->s.seq_rel + seg_space(&p->s))) {
			r->cross = (int32_t)j;
			if (p->cross < 0)
				p->cross = (int32_t)i;
		}
	}
}

static void handshake_notes(struct ladder *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct ladder_row *r = &l->rows[i];
		int d = r->s.dir, peer = !d;
		int syn = (r->s.flags & TCPF_SYN) != 0, ack = (r->s.flags & TCPF_ACK) != 0;

		if (syn && l->isn_known[d] && r->s.seq_raw == l->isn[d] &&
		    !(r->s.aflags & (TCPA_RETRANSMISSION | TCPA_FAST_RETRANSMISSION)))
			add_note(r, "ISN(%s) = %" PRIu32 " (relative Seq=0)",
			    ladder_side_name(d), l->isn[d]);
		/* the ACK that completes a side's handshake: Ack = peer's ISN + 1 */
		if (ack && l->isn_known[peer] && r->s.ack_raw == l->isn[peer] + 1 &&
		    (syn || (r->before[peer] != r->s.state_after[peer] &&
		    is_handshake_state(r->before[peer]))))
			add_note(r, "Ack = ISN(%s) + 1 = %" PRIu32 " + 1 = %" PRIu32
			    " (rel 1)", ladder_side_name(peer), l->isn[peer], r->s.ack_raw);
	}
}

static void phases(struct ladder *l)
{
	int closing = 0;

	for (size_t i = 0; i < l->n; i++) {
		struct ladder_row *r = &l->rows[i];
		if (r->s.flags & (TCPF_FIN | TCPF_RST))
			closing = 1;
		if (closing)
			r->phase = LPH_TEARDOWN;
		else if ((r->s.flags & TCPF_SYN) || is_handshake_state(r->before[0]) ||
		    is_handshake_state(r->before[1]))
			r->phase = LPH_HANDSHAKE;
		else
			r->phase = LPH_DATA;
	}
}

/* The note under a crossing FIN's two-step change of end k: "client: FIN-WAIT-1,
 * then CLOSING when the server's FIN came". */
static void via_note(const struct ladder_row *r, int k, char *buf, size_t n)
{
	snprintf(buf, n, "%s: %s, then %s when the %s's FIN came", ladder_side_name(k),
	    tcpstate_name(r->s.via[k]), tcpstate_name(r->s.state_after[k]),
	    ladder_side_name(!k));
}

/* A segment with undo[k] proves that end k never was in the state the earlier rows
 * showed since the peer's FIN (presumed delivered, tcp_state.h): back to that FIN's
 * row, end k stays in undo[k] and that row loses its change of k. */
static void undo_presumed(struct ladder *l)
{
	for (size_t i = 1; i < l->n; i++)
		for (int k = 0; k < 2; k++) {
			uint8_t undo = l->rows[i].s.undo[k], shown;
			if (undo == TCPS_NONE)
				continue;
			shown = l->rows[i - 1].s.state_after[k];
			for (size_t j = i; j-- > 0;) {
				struct tcpconv_seg *g = &l->rows[j].s;
				if (g->state_after[k] != shown)
					break;
				g->state_after[k] = undo;
				if (g->label[k]) {
					g->label[k] = NULL;
					g->via[k] = TCPS_NONE;
					g->via_label[k] = NULL;
					break;
				}
			}
		}
}

struct ladder *ladder_new(const struct tcpconv_stream *st, const struct tcpconv_seg *segs,
    size_t n)
{
	struct ladder *l = xcalloc(1, sizeof(*l));
	uint8_t prev[2];

	l->st = *st;
	endpoint_str(st, 0, l->lane[0], sizeof(l->lane[0]));
	endpoint_str(st, 1, l->lane[1], sizeof(l->lane[1]));
	l->rows = n ? xcalloc(n, sizeof(*l->rows)) : NULL;
	l->n = n;
	l->initial[0] = l->initial[1] = TCPS_NONE;
	if (n) {
		/* the states before the first segment: what the state machine starts from */
		struct tcpstate ts;
		struct tcpstate_change ch[2];
		tcpstate_init(&ts);
		tcpstate_segment(&ts, segs[0].dir, segs[0].flags, segs[0].seq_raw, segs[0].ack_raw,
		    segs[0].len, ch);
		l->initial[0] = ch[0].from;
		l->initial[1] = ch[1].from;
	}
	for (size_t i = 0; i < n; i++) {
		l->rows[i].s = segs[i];
		l->rows[i].s.dir &= 1;
		l->rows[i].cross = -1;
	}
	undo_presumed(l);
	prev[0] = l->initial[0];
	prev[1] = l->initial[1];
	for (size_t i = 0; i < n; i++) {
		struct ladder_row *r = &l->rows[i];
		int d = r->s.dir;
		for (int k = 0; k < 2; k++) {
			r->before[k] = prev[k];
			r->changed[k] = r->s.state_after[k] != prev[k];
			prev[k] = r->s.state_after[k];
			if (r->s.state_after[k] == TCPS_TIME_WAIT)
				l->time_wait[k] = 1;
			if (r->changed[k] && r->s.via[k] == TCPS_FIN_WAIT_1) {
				char note[128];
				via_note(r, k, note, sizeof(note));
				add_note(r, "%s", note);
			}
			if (r->changed[k] && r->s.state_after[k] == TCPS_TIME_WAIT)
				add_note(r, "%s enters TIME-WAIT: waits 2MSL, then CLOSED",
				    ladder_side_name(k));
		}
		if ((r->s.flags & TCPF_SYN) && !l->isn_known[d]) {
			l->isn_known[d] = 1;
			l->isn[d] = r->s.seq_raw;
		}
	}
	phases(l);
	handshake_notes(l);
	find_crossings(l);
	for (size_t i = 0; i < n; i++)
		if (l->rows[i].cross >= 0)
			add_note(&l->rows[i], "crossed in flight with frame %" PRIu32
			    ": sent before that segment arrived", l->rows[l->rows[i].cross].s.frame);
	return l;
}

struct ladder *ladder_from_conv(const struct tcpconv *tc, uint32_t stream)
{
	const struct tcpconv_stream *st = tcpconv_stream(tc, stream);
	struct tcpconv_seg *segs;
	struct ladder *l;
	uint32_t n = 0;

	if (!st)
		return NULL;
	segs = xcalloc(st->nsegs ? st->nsegs : 1, sizeof(*segs));
	for (uint32_t i = 0; i < st->nsegs; i++) {
		const struct tcpconv_seg *s = tcpconv_stream_seg(tc, stream, i);
		if (!s)
			break;
		segs[n++] = *s;
	}
	l = ladder_new(st, segs, n);
	free(segs);
	return l;
}

void ladder_free(struct ladder *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->rows[i].carries);
	free(l->rows);
	free(l);
}

int ladder_carries_text(const struct pinfo *pi, char *buf, size_t n)
{
	size_t k;

	if (pi->proto_col && strcmp(pi->proto_col, "TCP") != 0 && pi->info_len > 0)
		snprintf(buf, n, "%s", pi->info);
	else if (strstr(pi->info, "[TCP segment of a reassembled PDU]"))
		snprintf(buf, n, "[segment of a reassembled PDU]");
	else
		return 0;
	k = strlen(buf);
	while (k && buf[k - 1] == ' ')
		buf[--k] = '\0';
	return k > 0;
}

void ladder_set_carries(struct ladder *l, size_t i, const char *text)
{
	if (i >= l->n)
		return;
	free(l->rows[i].carries);
	l->rows[i].carries = text && *text ? xstrdup(text) : NULL;
}

long ladder_find_frame(const struct ladder *l, uint32_t frame)
{
	size_t lo = 0, hi = l->n;

	/* rows are in capture order, so frame numbers increase */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (l->rows[mid].s.frame < frame)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n && l->rows[lo].s.frame == frame ? (long)lo : -1;
}

/* ---- text ---- */

int ladder_width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

/* Byte length of the first `cols` columns of s. */
static size_t cut_cols(const char *s, int cols)
{
	const char *p = s;

	for (int c = 0; *p; c++) {
		if (c == cols)
			break;
		p++;
		while (((unsigned char)*p & 0xc0) == 0x80)
			p++;
	}
	return (size_t)(p - s);
}

/* s shortened to `cols` columns with a trailing ellipsis when it does not fit. */
static void fit(char *buf, size_t n, const char *s, int cols, int utf8)
{
	const char *ell = utf8 ? "\xe2\x80\xa6" : "~";
	size_t k;

	if (ladder_width(s) <= cols || cols <= 0) {
		snprintf(buf, n, "%s", cols <= 0 ? "" : s);
		return;
	}
	k = cut_cols(s, cols - 1);
	snprintf(buf, n, "%.*s%s", (int)k, s, ell);
}

static int close_attr_side(const struct ladder *l)
{
	return l->st.active_closer;
}

void ladder_title(const struct ladder *l, int utf8, char *buf, size_t n)
{
	int c = close_attr_side(l);
	const char *dot = utf8 ? " \xc2\xb7 " : " - ";

	if (l->st.close == TCPC_SIMULTANEOUS)
		snprintf(buf, n, "TCP stream %" PRIu32 "%s%s%sclose: %s%sboth closed at once",
		    l->st.index, dot, tcpstate_open_name(l->st.open), dot,
		    tcpstate_close_name(l->st.close), dot);
	else if (l->st.close == TCPC_RESET || c < 0)
		snprintf(buf, n, "TCP stream %" PRIu32 "%s%s%sclose: %s", l->st.index, dot,
		    tcpstate_open_name(l->st.open), dot, tcpstate_close_name(l->st.close));
	else
		snprintf(buf, n, "TCP stream %" PRIu32 "%s%s%sclose: %s%s%s closed first",
		    l->st.index, dot, tcpstate_open_name(l->st.open), dot,
		    tcpstate_close_name(l->st.close), dot, ladder_side_name(c));
}

static long first_fin(const struct ladder *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->rows[i].s.flags & TCPF_FIN)
			return (long)i;
	return -1;
}

void ladder_close_sentence(const struct ladder *l, char *buf, size_t n)
{
	int c = close_attr_side(l);
	long f = first_fin(l);
	const char *why = "2MSL (twice the maximum segment lifetime) so that the last ACK can "
	    "be resent if it is lost and old duplicates of this connection die out";

	if (l->st.close == TCPC_RESET) {
		snprintf(buf, n, "The connection was reset (RST): it ends at once, with no "
		    "FIN exchange and no TIME-WAIT on either side.");
	} else if (l->st.close == TCPC_SIMULTANEOUS) {
		snprintf(buf, n, "Both sides sent a FIN before receiving the other's (the FINs "
		    "crossed), so both go through CLOSING and both %s TIME-WAIT, waiting %s.",
		    l->time_wait[0] && l->time_wait[1] ? "end in" : "would end in", why);
	} else if (c < 0 || f < 0) {
		snprintf(buf, n, "Nobody closed the connection in this capture (no FIN seen).");
	} else {
		snprintf(buf, n, "The %s closed first (active closer: first FIN in frame %" PRIu32
		    "), so the %s %s TIME-WAIT, waiting %s.", ladder_side_name(c),
		    l->rows[f].s.frame, ladder_side_name(c),
		    l->time_wait[c] ? "ends in" : "would end in (not reached in the capture)",
		    why);
	}
}

/* The label at a given shortening level: 0 everything, 1 compact flags and marks,
 * 2 seq/ack only where they matter (SYN, FIN, bare ACK), 3 flags, what it carries and
 * the length only (the SYN keeps its Seq, a bare ACK its Ack). */
static void label_level(const struct ladder_row *r, int level, char *buf, size_t n)
{
	char fl[64], mk[128], num[64];
	size_t at = 0, k;
	int bare = !r->carries && !(r->s.flags & (TCPF_SYN | TCPF_FIN | TCPF_RST));
	int syn = (r->s.flags & TCPF_SYN) != 0, fin = (r->s.flags & TCPF_FIN) != 0;
	int ack = (r->s.flags & TCPF_ACK) != 0;
	int show_seq, show_ack;

	flags_join(r->s.flags, level == 0 ? ", " : ",", fl, sizeof(fl));
	marks_join(r->s.aflags, level >= 1, mk, sizeof(mk));
	if (level < 2) {
		show_seq = 1;
		show_ack = ack;
	} else if (level == 2) {
		show_seq = syn || fin;
		show_ack = ack && (bare || syn);
	} else {
		show_seq = syn;
		show_ack = ack && (bare || syn);
	}
	num[0] = '\0';
	k = 0;
	if (show_seq)
		k += (size_t)snprintf(num, sizeof(num), "Seq=%" PRIu32, r->s.seq_rel);
	if (show_ack)
		k += (size_t)snprintf(num + k, sizeof(num) - k, "%sAck=%" PRIu32, k ? " " : "",
		    r->s.ack_rel);
	if (r->s.len)
		snprintf(num + k, sizeof(num) - k, "%sLen=%" PRIu32, k ? " " : "", r->s.len);
	at += (size_t)snprintf(buf, n, "%s%s%s", mk[0] ? "[" : "", mk, mk[0] ? "] " : "");
	at += (size_t)snprintf(buf + (at < n ? at : n), at < n ? n - at : 0, "%s", fl);
	if (r->carries)
		at += (size_t)snprintf(buf + (at < n ? at : n), at < n ? n - at : 0, "%s%s",
		    level >= 1 ? " " : "  ", r->carries);
	if (num[0])
		snprintf(buf + (at < n ? at : n), at < n ? n - at : 0, "%s%s",
		    level >= 1 ? " " : "  ", num);
}

void ladder_label(const struct ladder *l, size_t i, int width, int utf8, char *buf, size_t n)
{
	char tmp[1024];
	const struct ladder_row *r;

	if (i >= l->n || width <= 0) {
		if (n)
			buf[0] = '\0';
		return;
	}
	r = &l->rows[i];
	for (int level = 0; level < 4; level++) {
		label_level(r, level, tmp, sizeof(tmp));
		if (ladder_width(tmp) <= width) {
			snprintf(buf, n, "%s", tmp);
			return;
		}
	}
	/* still too long: cut what it carries, keep the numbers after it */
	if (r->carries) {
		struct ladder_row copy = *r;
		int room;
		copy.carries = (char *)"";
		label_level(&copy, 3, tmp, sizeof(tmp));
		room = width - ladder_width(tmp);
		if (room >= 6) {
			char c[512];
			fit(c, sizeof(c), r->carries, room, utf8);
			copy.carries = c;
			label_level(&copy, 3, tmp, sizeof(tmp));
			if (ladder_width(tmp) <= width) {
				snprintf(buf, n, "%s", tmp);
				return;
			}
		}
		/* no room for any of it: the flags and numbers whole, without it */
		copy.carries = NULL;
		label_level(&copy, 3, tmp, sizeof(tmp));
		if (ladder_width(tmp) <= width) {
			snprintf(buf, n, "%s", tmp);
			return;
		}
	}
	label_level(r, 3, tmp, sizeof(tmp));
	fit(buf, n, tmp, width, utf8);
}

void ladder_layout(int cols, struct ladder_layout *lo)
{
	if (cols < 40)
		cols = 40;
	lo->num_w = 5;
	lo->state_w = 12;
	lo->arrow_x = lo->num_w + 1 + lo->state_w + 1;
	lo->right_x = cols - lo->state_w;
	lo->arrow_w = lo->right_x - 1 - lo->arrow_x;
}

static void append(char *buf, size_t n, size_t *at, const char *s)
{
	size_t k = strlen(s);

	if (*at + k + 1 > n)
		k = *at + 1 < n ? n - *at - 1 : 0;
	memcpy(buf + *at, s, k);
	*at += k;
	buf[*at] = '\0';
}

void ladder_arrow(const struct ladder *l, size_t i, int width, int utf8, char *buf, size_t n)
{
	const char *h = utf8 ? "\xe2\x94\x80" : "-";
	const char *rh = utf8 ? "\xe2\x96\xb6" : ">", *lh = utf8 ? "\xe2\x97\x80" : "<";
	const char *cx = utf8 ? "\xe2\x95\xb3" : "X";
	char label[512];
	size_t at = 0;
	int cross, room, used, col = 0;

	if (!n)
		return;
	buf[0] = '\0';
	if (i >= l->n || width < 8)
		return;
	cross = l->rows[i].cross >= 0;
	room = width - 6 - (cross ? 2 : 0);
	ladder_label(l, i, room, utf8, label, sizeof(label));
	used = ladder_width(label);
	if (l->rows[i].s.dir == 0) {
		/* "── label ─────╳──▶" */
		append(buf, n, &at, h);
		append(buf, n, &at, h);
		append(buf, n, &at, " ");
		append(buf, n, &at, label);
		append(buf, n, &at, " ");
		for (col = 4 + used; col < width - 1; col++)
			append(buf, n, &at, cross && col == width - 3 ? cx : h);
		append(buf, n, &at, rh);
	} else {
		/* "◀──╳── label ──────" */
		append(buf, n, &at, lh);
		for (col = 1; col < 3 + (cross ? 2 : 0); col++)
			append(buf, n, &at, cross && col == 2 ? cx : h);
		append(buf, n, &at, " ");
		append(buf, n, &at, label);
		append(buf, n, &at, " ");
		for (col += 2 + used; col < width; col++)
			append(buf, n, &at, h);
	}
}

/* ---- plain text (--flow, export) ---- */

static int put_line(FILE *fp, const char *s)
{
	size_t k = strlen(s);

	/* no trailing blanks: golden files and Markdown stay clean */
	while (k && s[k - 1] == ' ')
		k--;
	return fprintf(fp, "%.*s\n", (int)k, s) < 0 ? -1 : 0;
}

/* Places text at column x of a line being built (columns, not bytes). */
static void place(char *line, size_t n, int *col, int x, const char *s)
{
	size_t at = strlen(line);

	while (*col < x && at + 1 < n) {
		line[at++] = ' ';
		line[at] = '\0';
		(*col)++;
	}
	append(line, n, &at, s);
	*col += ladder_width(s);
}

/* Writes s word-wrapped to cols columns. */
static int put_wrapped(FILE *fp, const char *s, int cols)
{
	int rc = 0;

	while (ladder_width(s) > cols) {
		size_t cut = cut_cols(s, cols), k = cut;
		while (k > 0 && s[k] != ' ')
			k--;
		if (k == 0)
			k = cut;
		rc |= fprintf(fp, "%.*s\n", (int)k, s) < 0 ? -1 : 0;
		s += k;
		while (*s == ' ')
			s++;
	}
	return rc | put_line(fp, s);
}

static const char *state_or_blank(uint8_t st)
{
	return st == TCPS_NONE ? "?" : tcpstate_name((enum tcp_st)st);
}

int ladder_write_text(FILE *fp, const struct ladder *l, int cols, int utf8)
{
	struct ladder_layout lo;
	char line[4096], buf[1024], num[16];
	int col, rc = 0, ph = -1;
	const char *sepc = utf8 ? "\xe2\x94\x88" : ".";

	ladder_layout(cols, &lo);
	ladder_title(l, utf8, buf, sizeof(buf));
	rc |= put_wrapped(fp, buf, cols);
	ladder_close_sentence(l, buf, sizeof(buf));
	rc |= put_wrapped(fp, buf, cols);
	rc |= put_line(fp, "");

	line[0] = '\0';
	col = 0;
	snprintf(buf, sizeof(buf), "client %s", l->lane[0]);
	place(line, sizeof(line), &col, lo.num_w + 1, buf);
	snprintf(buf, sizeof(buf), "server %s", l->lane[1]);
	place(line, sizeof(line), &col, cols - ladder_width(buf) > col + 1 ?
	    cols - ladder_width(buf) : col + 1, buf);
	rc |= put_line(fp, line);
	line[0] = '\0';
	col = 0;
	place(line, sizeof(line), &col, lo.num_w + 1, state_or_blank(l->initial[0]));
	place(line, sizeof(line), &col, lo.right_x, state_or_blank(l->initial[1]));
	rc |= put_line(fp, line);

	for (size_t i = 0; i < l->n; i++) {
		const struct ladder_row *r = &l->rows[i];
		if (r->phase != ph) {
			int w;
			ph = r->phase;
			line[0] = '\0';
			col = 0;
			snprintf(buf, sizeof(buf), "%s%s%s %s ", sepc, sepc, sepc,
			    ladder_phase_name((enum ladder_phase)ph));
			place(line, sizeof(line), &col, lo.arrow_x, buf);
			for (w = ladder_width(buf); w < lo.arrow_w; w++)
				place(line, sizeof(line), &col, col, sepc);
			rc |= put_line(fp, line);
		}
		line[0] = '\0';
		col = 0;
		snprintf(num, sizeof(num), "%*" PRIu32, lo.num_w, r->s.frame);
		place(line, sizeof(line), &col, 0, num);
		if (r->changed[0])
			place(line, sizeof(line), &col, lo.num_w + 1, tcpstate_name(r->s.state_after[0]));
		ladder_arrow(l, i, lo.arrow_w, utf8, buf, sizeof(buf));
		place(line, sizeof(line), &col, lo.arrow_x, buf);
		if (r->changed[1])
			place(line, sizeof(line), &col, lo.right_x, tcpstate_name(r->s.state_after[1]));
		rc |= put_line(fp, line);
		for (int k = 0; k < LADDER_NOTES; k++) {
			if (!r->note[k][0])
				continue;
			line[0] = '\0';
			col = 0;
			fit(buf, sizeof(buf), r->note[k], cols - lo.arrow_x - 1, utf8);
			place(line, sizeof(line), &col, lo.arrow_x + 1, buf);
			rc |= put_line(fp, line);
		}
	}
	return rc;
}

/* ---- Markdown ---- */

/* What reaching a state means, for the explanation of each change. */
static const char *const state_meaning[TCPS_COUNT] = {
	[TCPS_CLOSED] = "the connection no longer exists on this side",
	[TCPS_LISTEN] = "it waits for a connection request",
	[TCPS_SYN_SENT] = "it sent its SYN (carrying its initial sequence number) and waits for "
	    "the peer's SYN and the ACK of its own",
	[TCPS_SYN_RECEIVED] = "it received the peer's SYN and answered with its own SYN plus an "
	    "ACK; it waits for the ACK of its SYN",
	[TCPS_ESTABLISHED] = "its SYN was acknowledged and it has the peer's SYN: data can "
	    "flow both ways",
	[TCPS_FIN_WAIT_1] = "it sent a FIN (it has no more data to send) and waits for the ACK "
	    "of that FIN",
	[TCPS_FIN_WAIT_2] = "its FIN was acknowledged; it waits for the peer's FIN (the peer "
	    "may still send data)",
	[TCPS_CLOSE_WAIT] = "it received the peer's FIN and acknowledged it; it can still send "
	    "until its application closes",
	[TCPS_CLOSING] = "it received the peer's FIN while its own FIN was still unacknowledged: "
	    "the FINs crossed",
	[TCPS_LAST_ACK] = "it sent its own FIN after the peer's and waits for the last ACK",
	[TCPS_TIME_WAIT] = "both FINs are done on its side; it waits 2MSL before forgetting "
	    "the connection, so its last ACK can be resent and old duplicates die out",
};

static const char *const close_meaning[] = {
	[TCPC_STILL_OPEN] = "No FIN or RST was captured: the connection was still open when "
	    "the capture stopped.",
	[TCPC_FOUR_WAY] = "Four-segment teardown: each side sent its FIN in a segment of its "
	    "own and each FIN was acknowledged separately (FIN, ACK, FIN, ACK).",
	[TCPC_THREE_WAY] = "Three-segment teardown: when the first FIN arrived the other side "
	    "had nothing left to send, so it acknowledged that FIN and sent its own FIN in the "
	    "same segment (FIN+ACK). The second and third segments of the four-segment "
	    "teardown are merged into one.",
	[TCPC_SIMULTANEOUS] = "Simultaneous close: each side sent its FIN before the other's "
	    "arrived (the second FIN's ACK field does not cover the first FIN), so both went "
	    "through CLOSING instead of FIN-WAIT-2 / CLOSE-WAIT.",
	[TCPC_RESET] = "Reset: a RST segment ended the connection at once; neither side goes "
	    "through TIME-WAIT.",
	[TCPC_HALF_CLOSED] = "Half-closed: only one side sent a FIN in the capture; the other "
	    "direction was still open when the capture stopped.",
};

static void md_cell(FILE *fp, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			fputs("\\|", fp);
		else
			fputc(*s, fp);
	}
}

int ladder_write_markdown(FILE *fp, const struct ladder *l)
{
	char buf[1024];
	const char *arrow = "\xe2\x86\x92";
	int step = 0;

	fprintf(fp, "# TCP stream %" PRIu32 ": client %s %s server %s\n\n", l->st.index,
	    l->lane[0], "\xe2\x86\x94", l->lane[1]);
	fprintf(fp, "- **Opened:** %s\n", tcpstate_open_name(l->st.open));
	fprintf(fp, "- **Closed:** %s\n", tcpstate_close_name(l->st.close));
	if (l->st.close != TCPC_RESET && l->st.close != TCPC_SIMULTANEOUS &&
	    l->st.active_closer >= 0)
		fprintf(fp, "- **Active closer:** the %s\n", ladder_side_name(l->st.active_closer));
	ladder_close_sentence(l, buf, sizeof(buf));
	fprintf(fp, "- %s\n", buf);
	if (l->n)
		fprintf(fp, "- **Segments:** %zu (frames %" PRIu32 " to %" PRIu32 ")\n", l->n,
		    l->rows[0].s.frame, l->rows[l->n - 1].s.frame);
	fprintf(fp, "\n## Ladder\n\n```text\n");
	if (ladder_write_text(fp, l, 100, 1) < 0)
		return -1;
	fprintf(fp, "```\n\n## Segments\n\n");
	fprintf(fp, "| Frame | Direction | Flags | Seq | Ack | Seq (raw) | Ack (raw) | Len | "
	    "Client state | Server state | Carries |\n");
	fprintf(fp, "|---:|:---:|---|---:|---:|---:|---:|---:|---|---|---|\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct ladder_row *r = &l->rows[i];
		char fl[64], mk[128];
		ladder_flags_str(r->s.flags, fl, sizeof(fl));
		ladder_marks_str(r->s.aflags, mk, sizeof(mk));
		fprintf(fp, "| %" PRIu32 " | %s | %s | %" PRIu32 " | ", r->s.frame,
		    r->s.dir == 0 ? "client \xe2\x86\x92 server" : "server \xe2\x86\x92 client",
		    fl, r->s.seq_rel);
		if (r->s.flags & TCPF_ACK)
			fprintf(fp, "%" PRIu32, r->s.ack_rel);
		fprintf(fp, " | %" PRIu32 " | ", r->s.seq_raw);
		if (r->s.flags & TCPF_ACK)
			fprintf(fp, "%" PRIu32, r->s.ack_raw);
		fprintf(fp, " | %" PRIu32 " | ", r->s.len);
		for (int k = 0; k < 2; k++)
			fprintf(fp, r->changed[k] ? "**%s** | " : "%s | ",
			    tcpstate_name(r->s.state_after[k]));
		if (mk[0])
			fprintf(fp, "[%s] ", mk);
		md_cell(fp, r->carries);
		fprintf(fp, " |\n");
	}
	fprintf(fp, "\n## State changes\n\n");
	fprintf(fp, "Before the first segment: client %s, server %s.\n\n",
	    state_or_blank(l->initial[0]), state_or_blank(l->initial[1]));
	for (size_t i = 0; i < l->n; i++) {
		const struct ladder_row *r = &l->rows[i];
		char fl[64];
		if (!r->changed[0] && !r->changed[1])
			continue;
		ladder_flags_str(r->s.flags, fl, sizeof(fl));
		fprintf(fp, "%d. **Frame %" PRIu32 "** (%s %s %s, %s):\n", ++step, r->s.frame,
		    ladder_side_name(r->s.dir), arrow, ladder_side_name(!r->s.dir), fl);
		for (int k = 0; k < 2; k++) {
			uint8_t to = r->s.state_after[k];
			if (!r->changed[k])
				continue;
			fprintf(fp, "   - the %s goes %s %s ", ladder_side_name(k),
			    state_or_blank(r->before[k]), arrow);
			if (r->s.via[k] != TCPS_NONE)
				fprintf(fp, "%s (%s) %s ", tcpstate_name(r->s.via[k]),
				    r->s.via_label[k] ? r->s.via_label[k] : "", arrow);
			fprintf(fp, "%s", tcpstate_name(to));
			if (r->s.label[k])
				fprintf(fp, " (%s)", r->s.label[k]);
			if (to < TCPS_COUNT && state_meaning[to])
				fprintf(fp, ": %s", state_meaning[to]);
			fprintf(fp, ".\n");
		}
		for (int k = 0; k < LADDER_NOTES; k++) {
			char v0[128] = "", v1[128] = "";
			if (r->s.via[0] == TCPS_FIN_WAIT_1)
				via_note(r, 0, v0, sizeof(v0));
			if (r->s.via[1] == TCPS_FIN_WAIT_1)
				via_note(r, 1, v1, sizeof(v1));
			if (r->note[k][0] && strncmp(r->note[k], "crossed", 7) != 0 &&
			    !strstr(r->note[k], "TIME-WAIT") && strcmp(r->note[k], v0) != 0 &&
			    strcmp(r->note[k], v1) != 0)
				fprintf(fp, "   - %s.\n", r->note[k]);
		}
		if (r->cross >= 0)
			fprintf(fp, "   - This segment crossed frame %" PRIu32 " in flight: it was "
			    "sent before that segment arrived.\n", l->rows[r->cross].s.frame);
	}
	if (!step)
		fprintf(fp, "No segment changed a state.\n");
	fprintf(fp, "\n## The close\n\n%s\n\n",
	    l->st.close <= TCPC_HALF_CLOSED ? close_meaning[l->st.close] : "");
	ladder_close_sentence(l, buf, sizeof(buf));
	if (fprintf(fp, "%s\n", buf) < 0 || ferror(fp))
		return -1;
	return 0;
}
