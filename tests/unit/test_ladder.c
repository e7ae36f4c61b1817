/* test_ladder.c — the TCP ladder model (analysis/ladder.c): states before/after,
 * phases, crossing detection, handshake arithmetic, classification text, labels at
 * 80 columns, and the text and Markdown renderings.
 *
 * Segments are hand-built the way tcp_conv.c records them: the endpoint states come
 * from the real state table (tcp_state.c), relative numbers from the ISNs.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis/ladder.h"
#include "dissect/tcp_state.h"

#define C 0
#define S 1
#define ISN_C 1915658151u
#define ISN_S 4000000000u	/* wraps past 2^32 during the test */

enum { F = TCPF_FIN, SY = TCPF_SYN, R = TCPF_RST, P = TCPF_PSH, A = TCPF_ACK };

struct step {
	int dir;
	uint16_t flags;
	uint32_t seq, ack;	/* relative */
	uint32_t len;
	uint16_t aflags;
};

struct built {
	struct tcpconv_stream st;
	struct tcpconv_seg segs[32];
	size_t n;
};

static void build(struct built *b, const struct step *steps, size_t n)
{
	struct tcpstate ts;
	static const uint8_t lo[4] = { 127, 0, 0, 1 };

	memset(b, 0, sizeof(*b));
	tcpstate_init(&ts);
	b->st.index = 0;
	b->st.alen = 4;
	memcpy(b->st.addr[0], lo, 4);
	memcpy(b->st.addr[1], lo, 4);
	b->st.port[0] = 54570;
	b->st.port[1] = 8080;
	for (size_t i = 0; i < n; i++) {
		struct tcpstate_change ch[2];
		struct tcpconv_seg *s = &b->segs[i];
		uint32_t base = steps[i].dir == C ? ISN_C : ISN_S;
		uint32_t pbase = steps[i].dir == C ? ISN_S : ISN_C;
		s->frame = (uint32_t)i + 1;
		s->dir = (uint8_t)steps[i].dir;
		s->flags = steps[i].flags;
		s->seq_rel = steps[i].seq;
		s->ack_rel = (steps[i].flags & TCPF_ACK) ? steps[i].ack : 0;
		s->seq_raw = base + steps[i].seq;
		s->ack_raw = (steps[i].flags & TCPF_ACK) ? pbase + steps[i].ack : 0;
		s->len = steps[i].len;
		s->aflags = steps[i].aflags;
		tcpstate_segment(&ts, s->dir, s->flags, s->seq_raw, s->ack_raw, s->len, ch);
		s->state_after[0] = ts.st[0];
		s->state_after[1] = ts.st[1];
		for (int k = 0; k < 2; k++) {
			s->label[k] = ch[k].label;
			s->via[k] = ch[k].via;
			s->via_label[k] = ch[k].via_label;
			s->undo[k] = ch[k].undo;
		}
	}
	b->n = n;
	b->st.nsegs = (uint32_t)n;
	b->st.first_frame = 1;
	b->st.last_frame = (uint32_t)n;
	b->st.open = tcpstate_open(&ts);
	b->st.close = tcpstate_close(&ts);
	b->st.active_closer = tcpstate_active_closer(&ts);
}

static struct ladder *make(const struct step *steps, size_t n)
{
	struct built b;

	build(&b, steps, n);
	return ladder_new(&b.st, b.segs, b.n);
}

#define MAKE(arr) make(arr, sizeof(arr) / sizeof(arr[0]))

/* The lab capture's shape: the server closes with the last response, the client's
 * FIN is merged with the ACK of it (three segments). */
static const struct step lab[] = {
	{ C, SY, 0, 0, 0, 0 },
	{ S, SY | A, 0, 1, 0, 0 },
	{ C, A, 1, 1, 0, 0 },
	{ C, P | A, 1, 1, 89, 0 },
	{ S, A, 1, 90, 0, 0 },
	{ S, P | A, 1, 90, 1073, 0 },
	{ C, A, 90, 1074, 0, 0 },
	{ S, F | P | A, 1074, 90, 209, 0 },
	{ C, F | A, 90, 1284, 0, 0 },
	{ S, A, 1284, 91, 0, 0 },
};

static const struct step four_way[] = {
	{ C, SY, 0, 0, 0, 0 },
	{ S, SY | A, 0, 1, 0, 0 },
	{ C, A, 1, 1, 0, 0 },
	{ C, F | A, 1, 1, 0, 0 },
	{ S, A, 1, 2, 0, 0 },
	{ S, F | A, 1, 2, 0, 0 },
	{ C, A, 2, 2, 0, 0 },
};

static const struct step crossed[] = {
	{ C, SY, 0, 0, 0, 0 },
	{ S, SY | A, 0, 1, 0, 0 },
	{ C, A, 1, 1, 0, 0 },
	{ S, F | A, 1, 1, 0, 0 },
	{ C, F | A, 1, 1, 0, 0 },	/* does not ACK the server's FIN: crossed */
	{ S, A, 2, 2, 0, 0 },
	{ C, A, 2, 2, 0, 0 },
};

static const struct step reset[] = {
	{ C, SY, 0, 0, 0, 0 },
	{ S, SY | A, 0, 1, 0, 0 },
	{ C, A, 1, 1, 0, 0 },
	{ C, R | A, 1, 1, 0, 0 },
};

static const struct step retrans_fin[] = {
	{ C, SY, 0, 0, 0, 0 },
	{ S, SY | A, 0, 1, 0, 0 },
	{ C, A, 1, 1, 0, 0 },
	{ C, F | A, 1, 1, 0, 0 },
	{ C, F | A, 1, 1, 0, TCPA_RETRANSMISSION },
	{ S, A, 1, 2, 0, 0 },
};

static void test_states_and_changes(void **state)
{
	struct ladder *l = MAKE(lab);

	(void)state;
	assert_int_equal(l->n, 10);
	assert_int_equal(l->initial[0], TCPS_CLOSED);
	assert_int_equal(l->initial[1], TCPS_LISTEN);
	assert_int_equal(l->rows[0].s.state_after[0], TCPS_SYN_SENT);
	assert_int_equal(l->rows[0].s.state_after[1], TCPS_SYN_RECEIVED);
	assert_true(l->rows[0].changed[0] && l->rows[0].changed[1]);
	assert_int_equal(l->rows[1].before[0], TCPS_SYN_SENT);
	assert_int_equal(l->rows[1].s.state_after[0], TCPS_ESTABLISHED);
	assert_false(l->rows[1].changed[1]);
	assert_int_equal(l->rows[2].s.state_after[1], TCPS_ESTABLISHED);
	assert_false(l->rows[3].changed[0] || l->rows[3].changed[1]);
	/* server FIN → FIN-WAIT-1 / CLOSE-WAIT; client FIN+ACK → server through FIN-WAIT-2
	 * to TIME-WAIT, client LAST-ACK; last ACK → client CLOSED */
	assert_int_equal(l->rows[7].s.state_after[1], TCPS_FIN_WAIT_1);
	assert_int_equal(l->rows[7].s.state_after[0], TCPS_CLOSE_WAIT);
	assert_int_equal(l->rows[8].s.state_after[1], TCPS_TIME_WAIT);
	assert_int_equal(l->rows[8].s.state_after[0], TCPS_LAST_ACK);
	assert_int_equal(l->rows[9].s.state_after[0], TCPS_CLOSED);
	assert_true(l->time_wait[1]);
	assert_false(l->time_wait[0]);
	assert_int_equal(ladder_find_frame(l, 9), 8);
	assert_int_equal(ladder_find_frame(l, 99), -1);
	assert_string_equal(l->lane[0], "127.0.0.1:54570");
	assert_string_equal(l->lane[1], "127.0.0.1:8080");
	ladder_free(l);
}

static void test_phases(void **state)
{
	struct ladder *l = MAKE(lab);
	static const uint8_t want[] = { LPH_HANDSHAKE, LPH_HANDSHAKE, LPH_HANDSHAKE, LPH_DATA,
		LPH_DATA, LPH_DATA, LPH_DATA, LPH_TEARDOWN, LPH_TEARDOWN, LPH_TEARDOWN };

	(void)state;
	for (size_t i = 0; i < l->n; i++)
		assert_int_equal(l->rows[i].phase, want[i]);
	assert_string_equal(ladder_phase_name(LPH_TEARDOWN), "teardown");
	ladder_free(l);
}

static void test_handshake_arithmetic(void **state)
{
	struct ladder *l = MAKE(lab);
	char want[128];

	(void)state;
	assert_true(l->isn_known[0] && l->isn_known[1]);
	assert_int_equal(l->isn[0], ISN_C);
	assert_string_equal(l->rows[0].note[0], "ISN(client) = 1915658151 (relative Seq=0)");
	snprintf(want, sizeof(want), "ISN(server) = %u (relative Seq=0)", ISN_S);
	assert_string_equal(l->rows[1].note[0], want);
	assert_string_equal(l->rows[1].note[1],
	    "Ack = ISN(client) + 1 = 1915658151 + 1 = 1915658152 (rel 1)");
	snprintf(want, sizeof(want), "Ack = ISN(server) + 1 = %u + 1 = %u (rel 1)",
	    ISN_S, ISN_S + 1);
	assert_string_equal(l->rows[2].note[0], want);
	/* data ACKs get no arithmetic */
	assert_string_equal(l->rows[4].note[0], "");
	ladder_free(l);
}

static void test_crossing(void **state)
{
	struct ladder *l = MAKE(crossed);
	struct ladder *m = MAKE(four_way);
	struct ladder *k = MAKE(lab);

	(void)state;
	assert_int_equal(l->rows[4].cross, 3);
	assert_int_equal(l->rows[3].cross, 4);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(l->rows[i].cross, -1);
	assert_int_equal(l->rows[5].cross, -1);
	assert_int_equal(l->rows[4].s.state_after[0], TCPS_CLOSING);
	assert_int_equal(l->st.close, TCPC_SIMULTANEOUS);
	assert_true(l->time_wait[0] && l->time_wait[1]);
	/* issue 14: the server's FIN had not reached the client when the client sent its
	 * own: no CLOSE-WAIT for the client, ESTABLISHED → FIN-WAIT-1 → CLOSING */
	assert_int_equal(l->rows[3].s.state_after[0], TCPS_ESTABLISHED);
	assert_false(l->rows[3].changed[0]);
	assert_null(l->rows[3].s.label[0]);
	assert_true(l->rows[3].changed[1]);
	assert_int_equal(l->rows[4].before[0], TCPS_ESTABLISHED);
	assert_int_equal(l->rows[4].s.via[0], TCPS_FIN_WAIT_1);
	assert_string_equal(l->rows[4].s.via_label[0], "CLOSE / snd FIN");
	assert_string_equal(l->rows[4].s.label[0], "rcv FIN / snd ACK");
	assert_int_equal(l->rows[4].before[1], TCPS_FIN_WAIT_1);
	assert_int_equal(l->rows[4].s.state_after[1], TCPS_CLOSING);
	assert_string_equal(l->rows[4].note[0],
	    "client: FIN-WAIT-1, then CLOSING when the server's FIN came");
	for (size_t i = 0; i < l->n; i++)
		for (int e = 0; e < 2; e++)
			assert_int_not_equal(l->rows[i].s.state_after[e], TCPS_CLOSE_WAIT);
	for (size_t i = 0; i < m->n; i++)
		assert_int_equal(m->rows[i].cross, -1);
	for (size_t i = 0; i < k->n; i++)
		assert_int_equal(k->rows[i].cross, -1);
	ladder_free(l);
	ladder_free(m);
	ladder_free(k);
}

/* Data sent between the peer's FIN and the crossing FIN: every row since that FIN
 * keeps the client ESTABLISHED; the Markdown walks the two edges. */
static void test_crossing_late(void **state)
{
	static const struct step st[] = {
		{ C, SY, 0, 0, 0, 0 },
		{ S, SY | A, 0, 1, 0, 0 },
		{ C, A, 1, 1, 0, 0 },
		{ S, F | A, 1, 1, 0, 0 },
		{ C, P | A, 1, 1, 5, 0 },	/* sent before the server's FIN arrived */
		{ C, F | A, 6, 1, 0, 0 },	/* and so was this FIN */
		{ S, A, 2, 7, 0, 0 },
		{ C, A, 7, 2, 0, 0 },
	};
	struct ladder *l = make(st, sizeof(st) / sizeof(st[0]));
	char *md = NULL;
	size_t mdlen = 0;
	FILE *fp;

	(void)state;
	for (size_t i = 3; i < 5; i++) {
		assert_int_equal(l->rows[i].s.state_after[0], TCPS_ESTABLISHED);
		assert_false(l->rows[i].changed[0]);
	}
	assert_int_equal(l->rows[5].before[0], TCPS_ESTABLISHED);
	assert_int_equal(l->rows[5].s.via[0], TCPS_FIN_WAIT_1);
	assert_int_equal(l->rows[5].s.state_after[0], TCPS_CLOSING);
	assert_int_equal(l->rows[5].s.state_after[1], TCPS_CLOSING);
	/* the crossing FIN is marked even though the data crossed the server's FIN first */
	assert_int_equal(l->rows[4].cross, 3);
	assert_int_equal(l->rows[3].cross, 4);
	assert_int_equal(l->rows[5].cross, 3);
	assert_int_equal(l->rows[6].s.state_after[0], TCPS_TIME_WAIT);
	assert_int_equal(l->rows[7].s.state_after[1], TCPS_TIME_WAIT);
	fp = open_memstream(&md, &mdlen);
	assert_non_null(fp);
	assert_int_equal(ladder_write_markdown(fp, l), 0);
	fclose(fp);
	assert_non_null(strstr(md, "the client goes ESTABLISHED \xe2\x86\x92 FIN-WAIT-1 (CLOSE / snd "
	    "FIN) \xe2\x86\x92 CLOSING (rcv FIN / snd ACK)"));
	/* CLOSE-WAIT only in the close's explanation, never as a state reached */
	assert_null(strstr(md, "\xe2\x86\x92 CLOSE-WAIT"));
	assert_null(strstr(md, "| CLOSE-WAIT |"));
	assert_null(strstr(md, "**CLOSE-WAIT**"));
	free(md);
	ladder_free(l);
}

static void test_crossing_data(void **state)
{
	/* the server's second data segment was sent before the client's ACK of the first
	 * arrived: the ACK (which does not cover it) crossed it */
	static const struct step st[] = {
		{ C, SY, 0, 0, 0, 0 },
		{ S, SY | A, 0, 1, 0, 0 },
		{ C, A, 1, 1, 0, 0 },
		{ S, P | A, 1, 1, 100, 0 },
		{ S, P | A, 101, 1, 100, 0 },
		{ C, A, 1, 101, 0, 0 },
		{ C, A, 1, 201, 0, TCPA_DUPLICATE_ACK },
	};
	struct ladder *l = MAKE(st);

	(void)state;
	assert_int_equal(l->rows[5].cross, 4);
	assert_int_equal(l->rows[4].cross, 5);
	assert_int_equal(l->rows[6].cross, -1);
	assert_int_equal(l->rows[3].cross, -1);
	ladder_free(l);
}

static void test_classification_text(void **state)
{
	struct ladder *l;
	char buf[512];

	(void)state;
	l = MAKE(lab);
	ladder_title(l, 1, buf, sizeof(buf));
	assert_string_equal(buf, "TCP stream 0 \xc2\xb7 three-way handshake \xc2\xb7 close: "
	    "three segments (FIN, FIN+ACK, ACK) \xc2\xb7 server closed first");
	ladder_close_sentence(l, buf, sizeof(buf));
	assert_non_null(strstr(buf, "The server closed first (active closer: first FIN in frame 8), "
	    "so the server ends in TIME-WAIT"));
	assert_non_null(strstr(buf, "2MSL"));
	ladder_free(l);

	l = MAKE(four_way);
	ladder_title(l, 1, buf, sizeof(buf));
	assert_non_null(strstr(buf, "four segments (FIN, ACK, FIN, ACK)"));
	assert_non_null(strstr(buf, "client closed first"));
	ladder_free(l);

	l = MAKE(crossed);
	ladder_title(l, 1, buf, sizeof(buf));
	assert_non_null(strstr(buf, "simultaneous close"));
	assert_non_null(strstr(buf, "both closed at once"));
	ladder_close_sentence(l, buf, sizeof(buf));
	assert_non_null(strstr(buf, "both end in TIME-WAIT"));
	ladder_free(l);

	l = MAKE(reset);
	ladder_title(l, 1, buf, sizeof(buf));
	assert_non_null(strstr(buf, "reset (RST)"));
	assert_null(strstr(buf, "closed first"));
	ladder_close_sentence(l, buf, sizeof(buf));
	assert_non_null(strstr(buf, "no TIME-WAIT"));
	assert_int_equal(l->rows[3].s.state_after[0], TCPS_CLOSED);
	assert_int_equal(l->rows[3].phase, LPH_TEARDOWN);
	ladder_free(l);
}

static void test_retransmission_marks(void **state)
{
	struct ladder *l = MAKE(retrans_fin);
	char buf[256];

	(void)state;
	assert_false(l->rows[4].changed[0] || l->rows[4].changed[1]);
	ladder_label(l, 4, 60, 1, buf, sizeof(buf));
	assert_string_equal(buf, "[Retransmission] FIN, ACK  Seq=1 Ack=1");
	ladder_label(l, 4, 20, 1, buf, sizeof(buf));
	assert_string_equal(buf, "[Retr] FIN,ACK Seq=1");
	assert_int_equal(l->rows[4].cross, -1);
	ladder_free(l);
}

static void test_labels_fit(void **state)
{
	struct ladder *l = MAKE(lab);
	char buf[512];
	struct ladder_layout lo;

	(void)state;
	ladder_set_carries(l, 3, "GET /index.html HTTP/1.1 ");
	ladder_set_carries(l, 5, "HTTP/1.1 200 OK  (text/html) with a very long description that cannot fit");
	ladder_set_carries(l, 7, "HTTP/1.1 404 Not Found (text/html)");
	ladder_layout(80, &lo);
	assert_int_equal(lo.arrow_w, 48);
	ladder_label(l, 0, 60, 1, buf, sizeof(buf));
	assert_string_equal(buf, "SYN  Seq=0");
	ladder_label(l, 1, 60, 1, buf, sizeof(buf));
	assert_string_equal(buf, "SYN, ACK  Seq=0 Ack=1");
	ladder_label(l, 3, 60, 1, buf, sizeof(buf));
	assert_string_equal(buf, "PSH, ACK  GET /index.html HTTP/1.1   Seq=1 Ack=1 Len=89");
	ladder_label(l, 3, 40, 1, buf, sizeof(buf));
	assert_string_equal(buf, "PSH,ACK GET /index.html HTTP/1.1  Len=89");
	for (size_t i = 0; i < l->n; i++)
		for (int w = 8; w < 70; w++) {
			char fl[64], tight[64], *c;
			ladder_label(l, i, w, 1, buf, sizeof(buf));
			assert_true(ladder_width(buf) <= w);
			/* the flag list is never shortened (PSH kept) where it fits at all */
			ladder_flags_str(l->rows[i].s.flags, fl, sizeof(fl));
			snprintf(tight, sizeof(tight), "%s", fl);
			while ((c = strstr(tight, ", ")) != NULL)
				memmove(c + 1, c + 2, strlen(c + 2) + 1);
			if (w >= 20)
				assert_true(strstr(buf, fl) || strstr(buf, tight));
			ladder_arrow(l, i, w + 8, 0, buf, sizeof(buf));
			assert_int_equal(ladder_width(buf), w + 8);
			ladder_arrow(l, i, w + 8, 1, buf, sizeof(buf));
			assert_int_equal(ladder_width(buf), w + 8);
		}
	ladder_label(l, 5, 42, 1, buf, sizeof(buf));
	assert_non_null(strstr(buf, "Len=1073"));
	assert_non_null(strstr(buf, "\xe2\x80\xa6"));
	ladder_arrow(l, 0, 20, 0, buf, sizeof(buf));
	assert_string_equal(buf, "-- SYN  Seq=0 ----->");
	ladder_arrow(l, 1, 30, 0, buf, sizeof(buf));
	assert_string_equal(buf, "<-- SYN, ACK  Seq=0 Ack=1 ----");
	ladder_free(l);

	l = MAKE(crossed);
	ladder_arrow(l, 4, 30, 0, buf, sizeof(buf));
	assert_string_equal(buf, "-- FIN, ACK  Seq=1 Ack=1 --X->");
	ladder_arrow(l, 3, 30, 0, buf, sizeof(buf));
	assert_string_equal(buf, "<-X-- FIN, ACK  Seq=1 Ack=1 --");
	ladder_free(l);
}

/* Renders to a memory buffer. */
static char *render(struct ladder *l, int md, int cols, int utf8)
{
	char *p = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&p, &n);

	assert_non_null(fp);
	if (md)
		assert_int_equal(ladder_write_markdown(fp, l), 0);
	else
		assert_int_equal(ladder_write_text(fp, l, cols, utf8), 0);
	fclose(fp);
	return p;
}

static void test_text(void **state)
{
	struct ladder *l = MAKE(lab);
	char *t;

	(void)state;
	ladder_set_carries(l, 3, "GET /index.html HTTP/1.1");
	t = render(l, 0, 80, 0);
	assert_non_null(strstr(t, "client 127.0.0.1:54570"));
	assert_non_null(strstr(t, "server 127.0.0.1:8080\n"));
	assert_non_null(strstr(t, "      CLOSED"));
	assert_non_null(strstr(t, "    1 SYN-SENT     -- SYN  Seq=0 ------"));
	assert_non_null(strstr(t, "-----> SYN-RECEIVED\n"));
	assert_non_null(strstr(t, "... handshake ..."));
	assert_non_null(strstr(t, "... teardown ..."));
	assert_non_null(strstr(t, "Ack = ISN(client) + 1 = 1915658151 + 1 = 1915658152"));
	assert_non_null(strstr(t, "TIME-WAIT\n"));
	assert_non_null(strstr(t, "server enters TIME-WAIT"));
	/* every line fits in 80 columns, no trailing blanks */
	for (char *p = t, *q; *p; p = q + 1) {
		q = strchr(p, '\n');
		assert_non_null(q);
		assert_true(q - p <= 80);
		assert_true(q == p || q[-1] != ' ');
	}
	free(t);
	t = render(l, 0, 80, 1);
	assert_non_null(strstr(t, "\xe2\x94\x80\xe2\x94\x80 SYN  Seq=0"));
	free(t);
	ladder_free(l);
}

static void test_markdown(void **state)
{
	struct ladder *l = MAKE(lab);
	char *t;

	(void)state;
	ladder_set_carries(l, 3, "GET /a|b HTTP/1.1");
	t = render(l, 1, 0, 1);
	assert_non_null(strstr(t, "# TCP stream 0: client 127.0.0.1:54570"));
	assert_non_null(strstr(t, "- **Active closer:** the server\n"));
	assert_non_null(strstr(t, "```text\n"));
	assert_non_null(strstr(t, "| 1 | client \xe2\x86\x92 server | SYN | 0 |  | 1915658151 |  | 0 | "
	    "**SYN-SENT** | **SYN-RECEIVED** |  |\n"));
	assert_non_null(strstr(t, "GET /a\\|b HTTP/1.1"));
	assert_non_null(strstr(t, "the client goes CLOSED \xe2\x86\x92 SYN-SENT (active OPEN / snd SYN)"));
	/* the client's FIN+ACK: two edges of RFC 9293 figure 5 for the server */
	assert_non_null(strstr(t, "the server goes FIN-WAIT-1 \xe2\x86\x92 FIN-WAIT-2 (rcv ACK of "
	    "FIN) \xe2\x86\x92 TIME-WAIT (rcv FIN / snd ACK)"));
	assert_non_null(strstr(t, "## The close\n\nThree-segment teardown"));
	free(t);
	ladder_free(l);
}

static void test_empty_and_midstream(void **state)
{
	static const struct step mid[] = {
		{ C, P | A, 1, 1, 10, 0 },
		{ S, A, 1, 11, 0, 0 },
	};
	struct built b;
	struct ladder *l;
	char *t;

	(void)state;
	build(&b, mid, 0);
	l = ladder_new(&b.st, b.segs, 0);
	t = render(l, 1, 0, 1);
	assert_non_null(strstr(t, "No segment changed a state."));
	free(t);
	ladder_free(l);

	l = MAKE(mid);
	assert_int_equal(l->initial[0], TCPS_ESTABLISHED);
	assert_int_equal(l->rows[0].phase, LPH_DATA);
	assert_int_equal(l->st.open, TCPO_NONE_SEEN);
	t = render(l, 0, 80, 1);
	assert_non_null(strstr(t, "no handshake seen"));
	free(t);
	ladder_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_states_and_changes),
		cmocka_unit_test(test_phases),
		cmocka_unit_test(test_handshake_arithmetic),
		cmocka_unit_test(test_crossing),
		cmocka_unit_test(test_crossing_late),
		cmocka_unit_test(test_crossing_data),
		cmocka_unit_test(test_classification_text),
		cmocka_unit_test(test_retransmission_marks),
		cmocka_unit_test(test_labels_fit),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_empty_and_midstream),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
