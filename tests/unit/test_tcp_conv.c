/* test_tcp_conv.c — tcp_conv.c on the crafted patterns capture (tests/data/tcp-patterns.pcap):
 * streams, port reuse, relative numbers across the 2^32 wrap, the retransmitted FIN, and
 * keep_results: revisiting every frame (in reverse order) gives the first pass's result
 * without touching the state. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dissect/tcp_conv.h"

#define MAXF 256

struct frame {
	uint8_t b[2048];
	uint32_t len;
	int64_t ts;
};

static struct frame frames[MAXF];
static int nframes;

static void load(void)
{
	nframes = 0;
	const char *src = getenv("NETLAB_SRCDIR");
	char path[1024];
	uint8_t h[24], r[16];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/tests/data/tcp-patterns.pcap", src ? src : ".");
	fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(h, 1, 24, fp), 24);
	while (nframes < MAXF && fread(r, 1, 16, fp) == 16) {
		uint32_t sec = (uint32_t)(r[0] | r[1] << 8 | r[2] << 16 | (uint32_t)r[3] << 24);
		uint32_t usec = (uint32_t)(r[4] | r[5] << 8 | r[6] << 16 | (uint32_t)r[7] << 24);
		uint32_t n = (uint32_t)(r[8] | r[9] << 8 | r[10] << 16 | (uint32_t)r[11] << 24);
		assert_true(n <= sizeof(frames[0].b));
		assert_int_equal(fread(frames[nframes].b, 1, n, fp), n);
		frames[nframes].len = n;
		frames[nframes].ts = (int64_t)sec * 1000000000 + (int64_t)usec * 1000;
		nframes++;
	}
	fclose(fp);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Ethernet + IPv4 (IHL 5) + TCP, as gen_tcp_patterns.py writes them. */
static void input(int i, struct tcpconv_in *in)
{
	const uint8_t *ip = frames[i].b + 14, *t = ip + 20;
	uint32_t hl = (uint32_t)(t[12] >> 4) * 4;

	memset(in, 0, sizeof(*in));
	in->frame = (uint32_t)i + 1;
	in->ts = frames[i].ts;
	in->alen = 4;
	in->src = ip + 12;
	in->dst = ip + 16;
	in->sport = (uint16_t)(t[0] << 8 | t[1]);
	in->dport = (uint16_t)(t[2] << 8 | t[3]);
	in->seq = be32(t + 4);
	in->ack = be32(t + 8);
	in->flags = (uint16_t)((t[12] & 15) << 8 | t[13]);
	in->win = (uint16_t)(t[14] << 8 | t[15]);
	in->seglen = (uint32_t)(ip[2] << 8 | ip[3]) - 20 - hl;
	in->ws_shift = -1;
	for (const uint8_t *o = t + 20; o < t + hl;) {
		if (o[0] <= 1) {
			o++;
			continue;
		}
		if (o[0] == 3 && (in->flags & TCPF_SYN))
			in->ws_shift = o[2];
		o += o[1] ? o[1] : 1;
	}
}

static void same(const struct tcpconv_out *a, const struct tcpconv_out *b)
{
	assert_int_equal(a->stream, b->stream);
	assert_int_equal(a->dir, b->dir);
	assert_int_equal(a->seq_rel, b->seq_rel);
	assert_int_equal(a->ack_rel, b->ack_rel);
	assert_int_equal(a->nxtseq_rel, b->nxtseq_rel);
	assert_int_equal(a->win_calc, b->win_calc);
	assert_int_equal(a->win_scale, b->win_scale);
	assert_int_equal(a->completeness, b->completeness);
	assert_true(a->time_rel == b->time_rel && a->time_delta == b->time_delta);
	assert_int_equal(a->has_ta, b->has_ta);
	assert_int_equal(a->aflags, b->aflags);
	assert_int_equal(a->acks_frame, b->acks_frame);
	assert_true(a->ack_rtt == b->ack_rtt && a->rto == b->rto);
	assert_int_equal(a->bytes_in_flight, b->bytes_in_flight);
	assert_int_equal(a->dupack_num, b->dupack_num);
	assert_int_equal(a->client_state, b->client_state);
	assert_int_equal(a->server_state, b->server_state);
	assert_int_equal(a->ack_rel_valid, b->ack_rel_valid);
	assert_true(a->irtt == b->irtt);
	assert_int_equal(a->push_bytes_sent, b->push_bytes_sent);
	assert_int_equal(a->has_push, b->has_push);
	assert_int_equal(a->dupack_frame, b->dupack_frame);
	assert_int_equal(a->rto_frame, b->rto_frame);
}

static int64_t frame_ts(void *ctx, uint32_t frame)
{
	(void)ctx;
	return frame >= 1 && frame <= (uint32_t)nframes ? frames[frame - 1].ts : 0;
}

static void test_patterns_and_revisit(void **state)
{
	static struct tcpconv_out first[MAXF];
	struct tcpconv *tc = tcpconv_new(1);
	struct tcpconv_in in;
	struct tcpconv_out o;

	(void)state;
	load();
	assert_int_equal(nframes, 69);
	for (int i = 0; i < nframes; i++) {
		input(i, &in);
		tcpconv_segment(tc, &in, 0, &first[i]);
	}
	assert_int_equal(tcpconv_stream_count(tc), 9);
	/* frame 66: stream 0's 4-tuple with a new ISN */
	assert_int_equal(first[65].stream, 8);
	assert_true(first[65].aflags & TCPA_REUSED_PORTS);
	/* frame 46: the FIN again */
	assert_true(first[45].aflags & TCPA_RETRANSMISSION);
	assert_int_equal(first[45].client_state, TCPS_FIN_WAIT_1);
	/* frame 62: client seq 0xffffff00 + 300 wrapped; relative numbers do not care */
	assert_int_equal(first[61].seq_rel, 301);
	assert_int_equal(first[62].ack_rel, 302);
	assert_int_equal(first[62].client_state, TCPS_CLOSED);
	assert_int_equal(first[62].server_state, TCPS_TIME_WAIT);
	/* classification */
	assert_int_equal(tcpconv_stream(tc, 0)->close, TCPC_FOUR_WAY);
	assert_int_equal(tcpconv_stream(tc, 1)->close, TCPC_THREE_WAY);
	assert_int_equal(tcpconv_stream(tc, 1)->active_closer, 1);
	assert_int_equal(tcpconv_stream(tc, 2)->close, TCPC_SIMULTANEOUS);
	assert_int_equal(tcpconv_stream(tc, 3)->close, TCPC_RESET);
	assert_int_equal(tcpconv_stream(tc, 5)->open, TCPO_SIMULTANEOUS);
	assert_int_equal(tcpconv_stream(tc, 6)->open, TCPO_NONE_SEEN);
	assert_int_equal(tcpconv_stream(tc, 0)->nsegs, 11);
	assert_non_null(tcpconv_stream_seg(tc, 0, 0));
	assert_string_equal(tcpconv_stream_seg(tc, 0, 0)->label[0], "active OPEN / snd SYN");
	/* revisits, last frame first */
	for (int i = nframes - 1; i >= 0; i--) {
		input(i, &in);
		tcpconv_segment(tc, &in, 1, &o);
		same(&first[i], &o);
	}
	assert_int_equal(tcpconv_stream_count(tc), 9);
	tcpconv_free(tc);
}

/* The TUI's set-up: no segment lists, ACK times from frame_ts; revisits give the same
 * results and each stream's segment list is rebuilt by revisiting its frames. */
static void test_tui_revisit_and_collect(void **state)
{
	static struct tcpconv_out first[MAXF];
	struct tcpconv *kept = tcpconv_new(1), *tc = tcpconv_new(1);
	struct tcpconv_in in;
	struct tcpconv_out o;

	(void)state;
	load();
	tcpconv_keep_segments(tc, 0);
	tcpconv_set_frame_ts(tc, frame_ts, NULL);
	assert_false(tcpconv_segments_kept(tc));
	assert_true(tcpconv_segments_kept(kept));
	for (int i = 0; i < nframes; i++) {
		input(i, &in);
		tcpconv_segment(tc, &in, 0, &first[i]);
		tcpconv_segment(kept, &in, 0, &o);
		same(&first[i], &o);
	}
	assert_null(tcpconv_stream_seg(tc, 0, 0));
	for (int i = nframes - 1; i >= 0; i--) {
		uint32_t st = 99;
		input(i, &in);
		tcpconv_segment(tc, &in, 1, &o);
		same(&first[i], &o);
		assert_true(tcpconv_frame_stream(tc, (uint32_t)i + 1, &st));
		assert_int_equal(st, first[i].stream);
	}
	for (uint32_t s = 0; s < tcpconv_stream_count(tc); s++) {
		size_t n = 0;
		struct tcpconv_seg *v;
		tcpconv_collect_begin(tc, s);
		for (int i = 0; i < nframes; i++) {
			input(i, &in);
			tcpconv_segment(tc, &in, 1, &o);
		}
		v = tcpconv_collect_end(tc, &n);
		assert_int_equal(n, tcpconv_stream(kept, s)->nsegs);
		assert_int_equal(n, tcpconv_stream(tc, s)->nsegs);
		for (size_t k = 0; k < n; k++) {
			const struct tcpconv_seg *a = tcpconv_stream_seg(kept, s, (uint32_t)k), *b = &v[k];
			assert_int_equal(a->frame, b->frame);
			assert_true(a->ts == b->ts);
			assert_int_equal(a->dir, b->dir);
			assert_int_equal(a->flags, b->flags);
			assert_int_equal(a->seq_rel, b->seq_rel);
			assert_int_equal(a->ack_rel, b->ack_rel);
			assert_int_equal(a->seq_raw, b->seq_raw);
			assert_int_equal(a->ack_raw, b->ack_raw);
			assert_int_equal(a->len, b->len);
			assert_int_equal(a->win, b->win);
			assert_int_equal(a->aflags, b->aflags);
			assert_int_equal(a->state_after[0], b->state_after[0]);
			assert_int_equal(a->state_after[1], b->state_after[1]);
			assert_ptr_equal(a->label[0], b->label[0]);
			assert_ptr_equal(a->label[1], b->label[1]);
		}
		free(v);
	}
	tcpconv_free(kept);
	tcpconv_free(tc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_patterns_and_revisit),
		cmocka_unit_test(test_tui_revisit_and_collect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
