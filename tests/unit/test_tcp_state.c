/* test_tcp_state.c — the RFC 9293 endpoint state table: every transition and every
 * close pattern (four-way, FIN merged into the ACK, crossing FINs, RST, retransmitted
 * FIN), simultaneous open, mid-stream start and sequence numbers wrapping past 2^32. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analysis/tcp_state.h"

enum { C = 0, S = 1 };
#define SYN TCPF_SYN
#define ACK TCPF_ACK
#define FIN TCPF_FIN
#define RST TCPF_RST
#define PSH TCPF_PSH

/* Client ISN near the wrap so that every test also crosses 2^32. */
static const uint32_t CI = 0xfffffff0u, SI = 1000;

static void seg(struct tcpstate *s, int dir, uint16_t fl, uint32_t seq, uint32_t ack,
    uint32_t len, enum tcp_st want_c, enum tcp_st want_s)
{
	tcpstate_segment(s, dir, fl, seq, ack, len, NULL);
	assert_string_equal(tcpstate_name(s->st[C]), tcpstate_name(want_c));
	assert_string_equal(tcpstate_name(s->st[S]), tcpstate_name(want_s));
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
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_retransmitted_fin_and_syn),
		cmocka_unit_test(test_simultaneous_open),
		cmocka_unit_test(test_mid_stream_start),
		cmocka_unit_test(test_syn_ack_first),
		cmocka_unit_test(test_fin_with_data_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
