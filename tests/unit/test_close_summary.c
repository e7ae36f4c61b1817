/* test_close_summary.c — tcpconv_close_summary (the conversations pane's handshake /
 * close / first closer / TIME-WAIT columns) over real captures read and dissected the
 * way batch mode and the TUI read them: the crossing-FIN captures
 * (tests/data/close-cross-*.pcap), the diagram's close patterns, tcp-patterns.pcap and
 * pcaps/lab.pcap, each stream against its expected values; the TUI's session
 * (keep_results, segments not kept) and batch's give the same summary, and it agrees
 * with the --flow ladder of the stream (classification, active closer, TIME-WAIT). */
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
#include "dissect/session.h"
#include "dissect/tcp_conv.h"
#include "dissect/tcp_state.h"
#include "capture/capfile.h"
#include "dissect/dissect.h"
#include "dissect/registry.h"
#include "dissect/tree.h"

enum { CL = TCP_SIDE_CLIENT, SV = TCP_SIDE_SERVER, BOTH = CL | SV, NOBODY = 0 };

struct want {
	enum tcp_handshake hs;
	enum tcp_close close;
	int first;		/* 0 client, 1 server, -1 none */
	unsigned tw;
};

struct capture {
	const char *path;	/* relative to the source tree */
	size_t nstreams;
	struct want w[10];
};

static const struct capture captures[] = {
	{ "tests/data/close-cross-bare.pcap", 1, { { TCPH_FULL, TCPC_SIMULTANEOUS, 1, BOTH } } },
	{ "tests/data/close-cross-data.pcap", 1, { { TCPH_FULL, TCPC_SIMULTANEOUS, 1, BOTH } } },
	{ "tests/data/close-cross-acks.pcap", 1, { { TCPH_FULL, TCPC_SIMULTANEOUS, 0, BOTH } } },
	{ "tests/data/close-cross-late.pcap", 1, { { TCPH_FULL, TCPC_SIMULTANEOUS, 1, BOTH } } },
	{ "tests/diagram/close-four.pcap", 1, { { TCPH_FULL, TCPC_FOUR_WAY, 0, CL } } },
	{ "tests/diagram/close-crossed.pcap", 1, { { TCPH_FULL, TCPC_SIMULTANEOUS, 1, BOTH } } },
	{ "tests/diagram/close-reset.pcap", 1, { { TCPH_FULL, TCPC_RESET, 0, NOBODY } } },
	{ "tests/diagram/close-server.pcap", 1, { { TCPH_FULL, TCPC_FOUR_WAY, 1, SV } } },
	{ "pcaps/lab.pcap", 3, {
		{ TCPH_FULL, TCPC_THREE_WAY, 0, CL },
		{ TCPH_FULL, TCPC_THREE_WAY, 0, CL },
		{ TCPH_FULL, TCPC_FOUR_WAY, 1, SV } } },
	{ "tests/data/tcp-patterns.pcap", 9, {
		{ TCPH_FULL, TCPC_FOUR_WAY, 0, CL },
		{ TCPH_FULL, TCPC_THREE_WAY, 1, SV },
		{ TCPH_FULL, TCPC_SIMULTANEOUS, 0, BOTH },
		{ TCPH_FULL, TCPC_RESET, 1, NOBODY },		/* the server resets */
		{ TCPH_FULL, TCPC_FOUR_WAY, 0, CL },		/* retransmitted FIN */
		{ TCPH_FULL, TCPC_FOUR_WAY, 0, CL },		/* simultaneous open */
		{ TCPH_NONE, TCPC_THREE_WAY, 1, SV },		/* started mid-connection */
		{ TCPH_PARTIAL, TCPC_RESET, 1, NOBODY },	/* refused: SYN, RST/ACK */
		{ TCPH_FULL, TCPC_RESET, 0, NOBODY } } },	/* the client resets */
};

/* Reads and dissects a whole capture into a new session (TUI: keep = 1). */
static struct session *load(const char *rel, int keep)
{
	const char *src = getenv("NETLAB_SRCDIR");
	char path[1024], err[1024];
	struct capfile *cf;
	struct pkt_rec rec;
	struct session *sess;
	struct pinfo pi;
	struct dtree *tree = tree_new(1);
	uint32_t num = 0;
	int r;

	snprintf(path, sizeof(path), "%s/%s", src ? src : ".", rel);
	cf = capfile_open(path, err);
	if (!cf)
		fail_msg("%s: %s", path, err);
	sess = session_new(keep);
	/* the TUI keeps results, not segments; --flow keeps segments */
	tcpconv_keep_segments(sess->tcp, !keep);
	memset(&pi, 0, sizeof(pi));
	while ((r = capfile_next(cf, &rec, err)) == 1) {
		struct dctx d = { .tree = tree, .pi = &pi, .sess = sess };
		memset(&pi, 0, sizeof(pi));
		pi.num = ++num;
		pi.ts = pkt_rec_ns(&rec);
		pi.caplen = rec.caplen;
		pi.len = rec.len;
		pi.linktype = rec.linktype;
		pi.ifid = rec.ifid;
		tree_reset(tree);
		dissect_frame(&d, rec.data);
	}
	assert_int_equal(r, 0);
	capfile_close(cf);
	tree_free(tree);
	return sess;
}

static void test_captures(void **state)
{
	(void)state;
	reg_init();
	for (size_t c = 0; c < sizeof(captures) / sizeof(captures[0]); c++) {
		const struct capture *cap = &captures[c];
		struct session *tui = load(cap->path, 1), *batch = load(cap->path, 0);

		assert_int_equal(tcpconv_stream_count(tui->tcp), cap->nstreams);
		assert_int_equal(tcpconv_stream_count(batch->tcp), cap->nstreams);
		for (uint32_t s = 0; s < cap->nstreams; s++) {
			struct tcp_close_summary a, b;
			const struct want *w = &cap->w[s];
			struct ladder *l;

			print_message("%s stream %u: %s %s %s %s\n", cap->path, s,
			    tcpstate_handshake_short(w->hs), tcpstate_close_short(w->close),
			    tcpstate_side_short(w->first), tcpstate_sides_short(w->tw));
			assert_int_equal(tcpconv_close_summary(tui->tcp, s, &a), 0);
			assert_int_equal(tcpconv_close_summary(batch->tcp, s, &b), 0);
			assert_int_equal(a.handshake, w->hs);
			assert_int_equal(a.close, w->close);
			assert_int_equal(a.first_closer, w->first);
			assert_int_equal(a.time_wait, w->tw);
			assert_memory_equal(&a, &b, sizeof(a));
			/* the --flow ladder of the same stream says the same */
			l = ladder_from_conv(batch->tcp, s);
			assert_non_null(l);
			assert_int_equal(l->st.close, a.close);
			if (a.close != TCPC_RESET)
				assert_int_equal(l->st.active_closer, a.first_closer);
			assert_int_equal(l->time_wait[0], (a.time_wait & CL) != 0);
			assert_int_equal(l->time_wait[1], (a.time_wait & SV) != 0);
			ladder_free(l);
		}
		assert_int_equal(tcpconv_close_summary(tui->tcp, (uint32_t)cap->nstreams, &(struct
		    tcp_close_summary){ 0 }), -1);
		session_free(tui);
		session_free(batch);
	}
}

/* No state tracking: no summary. */
static void test_untracked(void **state)
{
	struct tcpconv *tc = tcpconv_new(0);
	struct tcpconv_in in;
	struct tcpconv_out out;
	struct tcp_close_summary s;
	static const uint8_t lo[4] = { 127, 0, 0, 1 };

	(void)state;
	tcpconv_track_states(tc, 0);
	memset(&in, 0, sizeof(in));
	in.frame = 1;
	in.alen = 4;
	in.src = in.dst = lo;
	in.sport = 40000;
	in.dport = 8080;
	in.flags = TCPF_SYN;
	in.ws_shift = -1;
	tcpconv_segment(tc, &in, 0, &out);
	assert_int_equal(tcpconv_stream_count(tc), 1);
	assert_int_equal(tcpconv_close_summary(tc, 0, &s), -1);
	tcpconv_free(tc);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(tcpstate_handshake_short(TCPH_FULL), "full");
	assert_string_equal(tcpstate_handshake_short(TCPH_PARTIAL), "partial");
	assert_string_equal(tcpstate_handshake_short(TCPH_NONE), "none");
	assert_string_equal(tcpstate_close_short(TCPC_FOUR_WAY), "four");
	assert_string_equal(tcpstate_close_short(TCPC_THREE_WAY), "three");
	assert_string_equal(tcpstate_close_short(TCPC_SIMULTANEOUS), "crossing");
	assert_string_equal(tcpstate_close_short(TCPC_RESET), "RST");
	assert_string_equal(tcpstate_close_short(TCPC_HALF_CLOSED), "half");
	assert_string_equal(tcpstate_close_short(TCPC_STILL_OPEN), "open");
	assert_string_equal(tcpstate_side_short(0), "client");
	assert_string_equal(tcpstate_side_short(1), "server");
	assert_string_equal(tcpstate_side_short(-1), "none");
	assert_string_equal(tcpstate_sides_short(0), "none");
	assert_string_equal(tcpstate_sides_short(TCP_SIDE_CLIENT), "client");
	assert_string_equal(tcpstate_sides_short(TCP_SIDE_SERVER), "server");
	assert_string_equal(tcpstate_sides_short(TCP_SIDE_CLIENT | TCP_SIDE_SERVER), "both");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_captures),
		cmocka_unit_test(test_untracked),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
