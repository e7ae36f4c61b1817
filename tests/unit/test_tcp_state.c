/* test_tcp_state.c — the RFC 9293 endpoint state table: every transition and every
 * close pattern (four-way, FIN merged into the ACK, crossing FINs, RST, retransmitted
 * FIN), simultaneous open, mid-stream start and sequence numbers wrapping past 2^32. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dissect/tcp_state.h"

enum { C = 0, S = 1 };
#define SYN TCPF_SYN
#define ACK TCPF_ACK
#define FIN TCPF_FIN
#define RST TCPF_RST
#define PSH TCPF_PSH

/* Client ISN near the wrap so that every test also crosses 2^32. */
static const uint32_t CI = 0xfffffff0u, SI = 1000;

/* The edges of RFC 9293 §3.3.2 figure 5 (reset processing, §3.10.7, adds any → CLOSED),
 * typed here independently of tcp_state.c's table. */
static const struct { uint8_t from, to; } rfc_edges[] = {
	{ TCPS_CLOSED, TCPS_LISTEN }, { TCPS_CLOSED, TCPS_SYN_SENT },
	{ TCPS_LISTEN, TCPS_SYN_RECEIVED }, { TCPS_LISTEN, TCPS_SYN_SENT },
	{ TCPS_SYN_SENT, TCPS_SYN_RECEIVED }, { TCPS_SYN_SENT, TCPS_ESTABLISHED },
	{ TCPS_SYN_RECEIVED, TCPS_ESTABLISHED }, { TCPS_SYN_RECEIVED, TCPS_FIN_WAIT_1 },
	{ TCPS_SYN_RECEIVED, TCPS_LISTEN },
	{ TCPS_ESTABLISHED, TCPS_FIN_WAIT_1 }, { TCPS_ESTABLISHED, TCPS_CLOSE_WAIT },
	{ TCPS_FIN_WAIT_1, TCPS_FIN_WAIT_2 }, { TCPS_FIN_WAIT_1, TCPS_CLOSING },
	{ TCPS_FIN_WAIT_2, TCPS_TIME_WAIT }, { TCPS_CLOSING, TCPS_TIME_WAIT },
	{ TCPS_CLOSE_WAIT, TCPS_LAST_ACK }, { TCPS_LAST_ACK, TCPS_CLOSED },
	{ TCPS_TIME_WAIT, TCPS_CLOSED },
};

static int rfc_edge(uint8_t from, uint8_t to)
{
	if (to == TCPS_CLOSED)
		return 1;
	for (size_t i = 0; i < sizeof(rfc_edges) / sizeof(rfc_edges[0]); i++)
		if (rfc_edges[i].from == from && rfc_edges[i].to == to)
			return 1;
	return 0;
}

/* Every change a segment reports walks edges of the figure: from (or undo, the
 * state the end really kept) → via → to. */
static void check_edges(const struct tcpstate_change ch[2])
{
	for (int k = 0; k < 2; k++) {
		uint8_t at = ch[k].undo != TCPS_NONE ? ch[k].undo : ch[k].from;
		if (!ch[k].label) {
			assert_int_equal(ch[k].from, ch[k].to);
			assert_int_equal(ch[k].via, TCPS_NONE);
			continue;
		}
		if (ch[k].via != TCPS_NONE) {
			assert_non_null(ch[k].via_label);
			if (!rfc_edge(at, ch[k].via))
				fail_msg("%s → %s is not an RFC 9293 edge", tcpstate_name(at),
				    tcpstate_name(ch[k].via));
			at = ch[k].via;
		}
		if (!rfc_edge(at, ch[k].to))
			fail_msg("%s → %s is not an RFC 9293 edge", tcpstate_name(at),
			    tcpstate_name(ch[k].to));
	}
}

static void seg(struct tcpstate *s, int dir, uint16_t fl, uint32_t seq, uint32_t ack,
    uint32_t len, enum tcp_st want_c, enum tcp_st want_s)
{
	struct tcpstate_change ch[2];

	tcpstate_segment(s, dir, fl, seq, ack, len, ch);
	assert_string_equal(tcpstate_name(s->st[C]), tcpstate_name(want_c));
	assert_string_equal(tcpstate_name(s->st[S]), tcpstate_name(want_s));
	check_edges(ch);
}

/* SYN, SYN/ACK, ACK, then 20 bytes each way: client seq CI+21, server seq SI+21. */
static void handshake(struct tcpstate *s)
{
	tcpstate_init(s);
	seg(s, C, SYN, CI, 0, 0, TCPS_SYN_SENT, TCPS_SYN_RECEIVED);
	seg(s, S, SYN | ACK, SI, CI + 1, 0, TCPS_ESTABLISHED, TCPS_SYN_RECEIVED);
	seg(s, C, ACK, CI + 1, SI + 1, 0, TCPS_ESTABLISHED, TCPS_ESTABLISHED);
	seg(s, C, PSH | ACK, CI + 1, SI + 1, 20, TCPS_ESTABLISHED, TCPS_ESTABLISHED);
	seg(s, S, PSH | ACK, SI + 1, CI + 21, 20, TCPS_ESTABLISHED, TCPS_ESTABLISHED);
	assert_int_equal(tcpstate_open(s), TCPO_THREE_WAY);
	assert_int_equal(tcpstate_close(s), TCPC_STILL_OPEN);
}

static void test_three_way_and_labels(void **state)
{
	struct tcpstate s;
	struct tcpstate_change ch[2];

	(void)state;
	tcpstate_init(&s);
	tcpstate_segment(&s, C, SYN, CI, 0, 0, ch);
	assert_int_equal(ch[C].from, TCPS_CLOSED);
	assert_int_equal(ch[C].to, TCPS_SYN_SENT);
	assert_string_equal(ch[C].label, "active OPEN / snd SYN");
	assert_int_equal(ch[S].from, TCPS_LISTEN);
	assert_string_equal(ch[S].label, "rcv SYN / snd SYN,ACK");
	tcpstate_segment(&s, S, SYN | ACK, SI, CI + 1, 0, ch);
	assert_string_equal(ch[C].label, "rcv SYN,ACK / snd ACK");
	assert_null(ch[S].label);
	tcpstate_segment(&s, C, ACK, CI + 1, SI + 1, 0, ch);
	assert_null(ch[C].label);
	assert_string_equal(ch[S].label, "rcv ACK of SYN");
	assert_int_equal(s.st[S], TCPS_ESTABLISHED);
}

static void test_four_way_close(void **state)
{
	struct tcpstate s;

	(void)state;
	handshake(&s);
	seg(&s, C, FIN | ACK, CI + 21, SI + 21, 0, TCPS_FIN_WAIT_1, TCPS_CLOSE_WAIT);
	seg(&s, S, ACK, SI + 21, CI + 22, 0, TCPS_FIN_WAIT_2, TCPS_CLOSE_WAIT);
	seg(&s, S, FIN | ACK, SI + 21, CI + 22, 0, TCPS_TIME_WAIT, TCPS_LAST_ACK);
	seg(&s, C, ACK, CI + 22, SI + 22, 0, TCPS_TIME_WAIT, TCPS_CLOSED);
	assert_int_equal(tcpstate_close(&s), TCPC_FOUR_WAY);
	assert_int_equal(tcpstate_active_closer(&s), C);
	assert_int_equal(s.time_wait, C);
}

static void test_fin_merged_into_ack(void **state)
{
	struct tcpstate s;

	(void)state;
	handshake(&s);
	/* The server closes first this time. */
	seg(&s, S, FIN | ACK, SI + 21, CI + 21, 0, TCPS_CLOSE_WAIT, TCPS_FIN_WAIT_1);
	/* FIN/ACK covering the server's FIN: FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT. */
	seg(&s, C, FIN | ACK, CI + 21, SI + 22, 0, TCPS_LAST_ACK, TCPS_TIME_WAIT);
	seg(&s, S, ACK, SI + 22, CI + 22, 0, TCPS_CLOSED, TCPS_TIME_WAIT);
	assert_int_equal(tcpstate_close(&s), TCPC_THREE_WAY);
	assert_int_equal(tcpstate_active_closer(&s), S);
}

static void test_crossing_fins(void **state)
{
	struct tcpstate s;

	(void)state;
	handshake(&s);
	seg(&s, C, FIN | ACK, CI + 21, SI + 21, 0, TCPS_FIN_WAIT_1, TCPS_CLOSE_WAIT);
	/* The server's FIN does not acknowledge the client's: they crossed. */
	seg(&s, S, FIN | ACK, SI + 21, CI + 21, 0, TCPS_CLOSING, TCPS_CLOSING);
	seg(&s, C, ACK, CI + 22, SI + 22, 0, TCPS_CLOSING, TCPS_TIME_WAIT);
	seg(&s, S, ACK, SI + 22, CI + 22, 0, TCPS_TIME_WAIT, TCPS_TIME_WAIT);
	assert_int_equal(tcpstate_close(&s), TCPC_SIMULTANEOUS);
}

/* Issue 14: the server's FIN first, then the client's, which does not acknowledge it.
 * The client had not received the server's FIN: ESTABLISHED → FIN-WAIT-1 → CLOSING,
 * never CLOSE-WAIT → CLOSING; the frame before showed CLOSE-WAIT (presumed delivery),
 * which undo takes back. */
static void test_crossing_fins_server_first(void **state)
{
	struct tcpstate s;
	struct tcpstate_change ch[2];
	struct tcp_close_summary sum;

	(void)state;
	handshake(&s);
	tcpstate_segment(&s, S, FIN | ACK, SI + 21, CI + 21, 0, ch);
	assert_int_equal(ch[C].to, TCPS_CLOSE_WAIT);
	assert_int_equal(ch[C].undo, TCPS_NONE);
	assert_int_equal(ch[S].to, TCPS_FIN_WAIT_1);
	tcpstate_segment(&s, C, FIN | ACK, CI + 21, SI + 21, 0, ch);
	check_edges(ch);
	assert_int_equal(ch[C].from, TCPS_CLOSE_WAIT);
	assert_int_equal(ch[C].undo, TCPS_ESTABLISHED);
	assert_int_equal(ch[C].via, TCPS_FIN_WAIT_1);
	assert_string_equal(ch[C].via_label, "CLOSE / snd FIN");
	assert_int_equal(ch[C].to, TCPS_CLOSING);
	assert_string_equal(ch[C].label, "rcv FIN / snd ACK");
	assert_int_equal(ch[S].from, TCPS_FIN_WAIT_1);
	assert_int_equal(ch[S].via, TCPS_NONE);
	assert_int_equal(ch[S].undo, TCPS_NONE);
	assert_int_equal(ch[S].to, TCPS_CLOSING);
	assert_string_equal(ch[S].label, "rcv FIN / snd ACK");
	/* the ACK of each FIN: CLOSING → TIME-WAIT */
	tcpstate_segment(&s, S, ACK, SI + 22, CI + 22, 0, ch);
	assert_int_equal(ch[C].to, TCPS_TIME_WAIT);
	assert_string_equal(ch[C].label, "rcv ACK of FIN");
	seg(&s, C, ACK, CI + 22, SI + 22, 0, TCPS_TIME_WAIT, TCPS_TIME_WAIT);
	assert_int_equal(tcpstate_close(&s), TCPC_SIMULTANEOUS);
	tcpstate_summary(&s, &sum);
	assert_int_equal(sum.handshake, TCPH_FULL);
	assert_int_equal(sum.close, TCPC_SIMULTANEOUS);
	assert_int_equal(sum.first_closer, S);
	assert_int_equal(sum.time_wait, TCP_SIDE_CLIENT | TCP_SIDE_SERVER);
}

/* Crossing FINs where a FIN carries data, the final ACKs crossing too, and data sent
 * between the peer's FIN and the crossing FIN. */
static void test_crossing_variants(void **state)
{
	struct tcpstate s;
	struct tcpstate_change ch[2];

	(void)state;
	/* the server's response leaves with its FIN; the client's FIN acknowledges
	 * neither the data nor the FIN */
	handshake(&s);
	seg(&s, S, FIN | PSH | ACK, SI + 21, CI + 21, 100, TCPS_CLOSE_WAIT, TCPS_FIN_WAIT_1);
	seg(&s, C, FIN | ACK, CI + 21, SI + 21, 0, TCPS_CLOSING, TCPS_CLOSING);
	/* the last ACKs cross: each covers the other's FIN */
	seg(&s, C, ACK, CI + 22, SI + 122, 0, TCPS_CLOSING, TCPS_TIME_WAIT);
	seg(&s, S, ACK, SI + 122, CI + 22, 0, TCPS_TIME_WAIT, TCPS_TIME_WAIT);
	assert_int_equal(tcpstate_close(&s), TCPC_SIMULTANEOUS);
	/* the client's FIN acknowledges the data before the server's FIN, not the FIN */
	handshake(&s);
	seg(&s, S, FIN | PSH | ACK, SI + 21, CI + 21, 100, TCPS_CLOSE_WAIT, TCPS_FIN_WAIT_1);
	seg(&s, C, FIN | ACK, CI + 21, SI + 121, 0, TCPS_CLOSING, TCPS_CLOSING);
	assert_int_equal(tcpstate_close(&s), TCPC_SIMULTANEOUS);
	/* the client's FIN carries data */
	handshake(&s);
	seg(&s, S, FIN | ACK, SI + 21, CI + 21, 0, TCPS_CLOSE_WAIT, TCPS_FIN_WAIT_1);
	seg(&s, C, FIN | PSH | ACK, CI + 21, SI + 21, 5, TCPS_CLOSING, TCPS_CLOSING);
	seg(&s, S, ACK, SI + 22, CI + 27, 0, TCPS_TIME_WAIT, TCPS_CLOSING);
	seg(&s, C, ACK, CI + 27, SI + 22, 0, TCPS_TIME_WAIT, TCPS_TIME_WAIT);
	/* a data segment crosses the server's FIN first, then the client's FIN does */
	handshake(&s);
	seg(&s, S, FIN | ACK, SI + 21, CI + 21, 0, TCPS_CLOSE_WAIT, TCPS_FIN_WAIT_1);
	seg(&s, C, PSH | ACK, CI + 21, SI + 21, 5, TCPS_CLOSE_WAIT, TCPS_FIN_WAIT_1);
	tcpstate_segment(&s, C, FIN | ACK, CI + 26, SI + 21, 0, ch);
	check_edges(ch);
	assert_int_equal(ch[C].undo, TCPS_ESTABLISHED);
	assert_int_equal(ch[C].via, TCPS_FIN_WAIT_1);
	assert_int_equal(s.st[C], TCPS_CLOSING);
	assert_int_equal(s.st[S], TCPS_CLOSING);
	assert_int_equal(tcpstate_close(&s), TCPC_SIMULTANEOUS);
}

/* The peer's FIN was acknowledged earlier (peer in FIN-WAIT-2): a later FIN carrying an
 * old ACK number is not a crossing FIN; the client really was in CLOSE-WAIT. */
static void test_stale_ack_is_not_crossing(void **state)
{
	struct tcpstate s;
	struct tcpstate_change ch[2];

	(void)state;
	handshake(&s);
	seg(&s, S, FIN | ACK, SI + 21, CI + 21, 0, TCPS_CLOSE_WAIT, TCPS_FIN_WAIT_1);
	seg(&s, C, ACK, CI + 21, SI + 22, 0, TCPS_CLOSE_WAIT, TCPS_FIN_WAIT_2);
	tcpstate_segment(&s, C, FIN | ACK, CI + 21, SI + 21, 0, ch);
	check_edges(ch);
	assert_int_equal(ch[C].undo, TCPS_NONE);
	assert_int_equal(s.st[C], TCPS_LAST_ACK);
	assert_int_equal(s.st[S], TCPS_TIME_WAIT);
	assert_int_equal(tcpstate_close(&s), TCPC_FOUR_WAY);
}

/* The FIN that acknowledges the peer's FIN takes the peer through FIN-WAIT-2: two
 * edges, FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT. */
static void test_three_segment_close_edges(void **state)
{
	struct tcpstate s;
	struct tcpstate_change ch[2];

	(void)state;
	handshake(&s);
	seg(&s, C, FIN | ACK, CI + 21, SI + 21, 0, TCPS_FIN_WAIT_1, TCPS_CLOSE_WAIT);
	tcpstate_segment(&s, S, FIN | ACK, SI + 21, CI + 22, 0, ch);
	check_edges(ch);
	assert_int_equal(ch[C].from, TCPS_FIN_WAIT_1);
	assert_int_equal(ch[C].via, TCPS_FIN_WAIT_2);
	assert_string_equal(ch[C].via_label, "rcv ACK of FIN");
	assert_int_equal(ch[C].to, TCPS_TIME_WAIT);
	assert_string_equal(ch[C].label, "rcv FIN / snd ACK");
	assert_int_equal(ch[S].to, TCPS_LAST_ACK);
	assert_int_equal(ch[S].via, TCPS_NONE);
}

static void test_summary(void **state)
{
	struct tcpstate s;
	struct tcp_close_summary sum;

	(void)state;
	handshake(&s);
	tcpstate_summary(&s, &sum);
	assert_int_equal(sum.handshake, TCPH_FULL);
	assert_int_equal(sum.close, TCPC_STILL_OPEN);
	assert_int_equal(sum.first_closer, -1);
	assert_int_equal(sum.time_wait, 0);
	seg(&s, C, FIN | ACK, CI + 21, SI + 21, 0, TCPS_FIN_WAIT_1, TCPS_CLOSE_WAIT);
	tcpstate_summary(&s, &sum);
	assert_int_equal(sum.close, TCPC_HALF_CLOSED);
	assert_int_equal(sum.first_closer, C);
	seg(&s, S, FIN | ACK, SI + 21, CI + 22, 0, TCPS_TIME_WAIT, TCPS_LAST_ACK);
	tcpstate_summary(&s, &sum);
	assert_int_equal(sum.close, TCPC_THREE_WAY);
	assert_int_equal(sum.time_wait, TCP_SIDE_CLIENT);
	/* refused: SYN, RST/ACK — partial handshake, reset by the server */
	tcpstate_init(&s);
	seg(&s, C, SYN, CI, 0, 0, TCPS_SYN_SENT, TCPS_SYN_RECEIVED);
	seg(&s, S, RST | ACK, 0, CI + 1, 0, TCPS_CLOSED, TCPS_CLOSED);
	tcpstate_summary(&s, &sum);
	assert_int_equal(sum.handshake, TCPH_PARTIAL);
	assert_int_equal(sum.close, TCPC_RESET);
	assert_int_equal(sum.first_closer, S);
	assert_int_equal(sum.time_wait, 0);
	/* the SYN/ACK first (SYN not captured): partial */
	tcpstate_init(&s);
	seg(&s, S, SYN | ACK, SI, CI + 1, 0, TCPS_ESTABLISHED, TCPS_SYN_RECEIVED);
	seg(&s, C, ACK, CI + 1, SI + 1, 0, TCPS_ESTABLISHED, TCPS_ESTABLISHED);
	tcpstate_summary(&s, &sum);
	assert_int_equal(sum.handshake, TCPH_PARTIAL);
	/* mid-stream: none */
	tcpstate_init(&s);
	seg(&s, S, PSH | ACK, 5000, 7000, 100, TCPS_ESTABLISHED, TCPS_ESTABLISHED);
	tcpstate_summary(&s, &sum);
	assert_int_equal(sum.handshake, TCPH_NONE);
	/* a SYN without an answer: partial */
	tcpstate_init(&s);
	seg(&s, C, SYN, CI, 0, 0, TCPS_SYN_SENT, TCPS_SYN_RECEIVED);
	tcpstate_summary(&s, &sum);
	assert_int_equal(sum.handshake, TCPH_PARTIAL);
	assert_int_equal(sum.close, TCPC_STILL_OPEN);
}

static void test_reset(void **state)
{
	struct tcpstate s;

	(void)state;
	handshake(&s);
	seg(&s, S, RST | ACK, SI + 21, CI + 21, 0, TCPS_CLOSED, TCPS_CLOSED);
	assert_int_equal(tcpstate_close(&s), TCPC_RESET);
	/* A refused connection: SYN answered by RST. */
	tcpstate_init(&s);
	seg(&s, C, SYN, CI, 0, 0, TCPS_SYN_SENT, TCPS_SYN_RECEIVED);
	seg(&s, S, RST | ACK, 0, CI + 1, 0, TCPS_CLOSED, TCPS_CLOSED);
	assert_int_equal(tcpstate_close(&s), TCPC_RESET);
}

static void test_retransmitted_fin_and_syn(void **state)
{
	struct tcpstate s;

	(void)state;
	tcpstate_init(&s);
	seg(&s, C, SYN, CI, 0, 0, TCPS_SYN_SENT, TCPS_SYN_RECEIVED);
	seg(&s, C, SYN, CI, 0, 0, TCPS_SYN_SENT, TCPS_SYN_RECEIVED);
	seg(&s, S, SYN | ACK, SI, CI + 1, 0, TCPS_ESTABLISHED, TCPS_SYN_RECEIVED);
	seg(&s, S, SYN | ACK, SI, CI + 1, 0, TCPS_ESTABLISHED, TCPS_SYN_RECEIVED);
	seg(&s, C, ACK, CI + 1, SI + 1, 0, TCPS_ESTABLISHED, TCPS_ESTABLISHED);
	seg(&s, C, FIN | ACK, CI + 1, SI + 1, 0, TCPS_FIN_WAIT_1, TCPS_CLOSE_WAIT);
	/* The same FIN again changes nothing. */
	seg(&s, C, FIN | ACK, CI + 1, SI + 1, 0, TCPS_FIN_WAIT_1, TCPS_CLOSE_WAIT);
	seg(&s, S, ACK, SI + 1, CI + 2, 0, TCPS_FIN_WAIT_2, TCPS_CLOSE_WAIT);
	seg(&s, C, FIN | ACK, CI + 1, SI + 1, 0, TCPS_FIN_WAIT_2, TCPS_CLOSE_WAIT);
	assert_int_equal(tcpstate_close(&s), TCPC_HALF_CLOSED);
	seg(&s, S, FIN | ACK, SI + 1, CI + 2, 0, TCPS_TIME_WAIT, TCPS_LAST_ACK);
	seg(&s, C, ACK, CI + 2, SI + 2, 0, TCPS_TIME_WAIT, TCPS_CLOSED);
	/* A retransmitted last FIN after the close is still nothing new. */
	seg(&s, S, FIN | ACK, SI + 1, CI + 2, 0, TCPS_TIME_WAIT, TCPS_CLOSED);
	assert_int_equal(tcpstate_close(&s), TCPC_FOUR_WAY);
}

static void test_simultaneous_open(void **state)
{
	struct tcpstate s;

	(void)state;
	tcpstate_init(&s);
	seg(&s, C, SYN, CI, 0, 0, TCPS_SYN_SENT, TCPS_SYN_RECEIVED);
	seg(&s, S, SYN, SI, 0, 0, TCPS_SYN_RECEIVED, TCPS_SYN_RECEIVED);
	seg(&s, C, SYN | ACK, CI, SI + 1, 0, TCPS_SYN_RECEIVED, TCPS_ESTABLISHED);
	seg(&s, S, SYN | ACK, SI, CI + 1, 0, TCPS_ESTABLISHED, TCPS_ESTABLISHED);
	assert_int_equal(tcpstate_open(&s), TCPO_SIMULTANEOUS);
}

static void test_mid_stream_start(void **state)
{
	struct tcpstate s;

	(void)state;
	tcpstate_init(&s);
	seg(&s, S, PSH | ACK, 5000, 0xfffffffeu, 100, TCPS_ESTABLISHED, TCPS_ESTABLISHED);
	assert_int_equal(tcpstate_open(&s), TCPO_NONE_SEEN);
	/* The FIN sits at 0xffffffff; its ACK wraps to 0. */
	seg(&s, C, FIN | ACK, 0xffffffffu, 5100, 0, TCPS_FIN_WAIT_1, TCPS_CLOSE_WAIT);
	seg(&s, S, FIN | ACK, 5100, 0, 0, TCPS_TIME_WAIT, TCPS_LAST_ACK);
	seg(&s, C, ACK, 0, 5101, 0, TCPS_TIME_WAIT, TCPS_CLOSED);
	assert_int_equal(tcpstate_close(&s), TCPC_THREE_WAY);
}

static void test_syn_ack_first(void **state)
{
	struct tcpstate s;

	(void)state;
	tcpstate_init(&s);
	/* The SYN was not captured: the receiver of the SYN/ACK is the client. */
	seg(&s, S, SYN | ACK, SI, CI + 1, 0, TCPS_ESTABLISHED, TCPS_SYN_RECEIVED);
	seg(&s, C, ACK, CI + 1, SI + 1, 0, TCPS_ESTABLISHED, TCPS_ESTABLISHED);
}

static void test_fin_with_data_and_names(void **state)
{
	struct tcpstate s;

	(void)state;
	handshake(&s);
	/* FIN carried with 10 bytes of data: the FIN is at seq + 10. */
	seg(&s, S, FIN | PSH | ACK, SI + 21, CI + 21, 10, TCPS_CLOSE_WAIT, TCPS_FIN_WAIT_1);
	seg(&s, C, ACK, CI + 21, SI + 31, 0, TCPS_CLOSE_WAIT, TCPS_FIN_WAIT_1);
	seg(&s, C, ACK, CI + 21, SI + 32, 0, TCPS_CLOSE_WAIT, TCPS_FIN_WAIT_2);
	assert_string_equal(tcpstate_open_name(TCPO_THREE_WAY), "three-way handshake");
	assert_string_equal(tcpstate_close_name(TCPC_HALF_CLOSED), "half closed (one FIN)");
	assert_string_equal(tcpstate_name(TCPS_TIME_WAIT), "TIME-WAIT");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_way_and_labels),
		cmocka_unit_test(test_four_way_close),
		cmocka_unit_test(test_fin_merged_into_ack),
		cmocka_unit_test(test_crossing_fins),
		cmocka_unit_test(test_crossing_fins_server_first),
		cmocka_unit_test(test_crossing_variants),
		cmocka_unit_test(test_stale_ack_is_not_crossing),
		cmocka_unit_test(test_three_segment_close_edges),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_retransmitted_fin_and_syn),
		cmocka_unit_test(test_simultaneous_open),
		cmocka_unit_test(test_mid_stream_start),
		cmocka_unit_test(test_syn_ack_first),
		cmocka_unit_test(test_fin_with_data_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
