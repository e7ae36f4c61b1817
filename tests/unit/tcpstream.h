/* tcpstream.h — test helper: one TCP connection on 127.0.0.1 as Ethernet frames,
 * dissected in order through a session (the same path as batch mode and the TUI).
 * Header-only; included by test_http.c and test_websocket.c. */
#ifndef NETLAB_TEST_TCPSTREAM_H
#define NETLAB_TEST_TCPSTREAM_H

#include <stdlib.h>
#include <string.h>

#include "dissect/reasm.h"
#include "dissect/session.h"
#include "core/xmalloc.h"
#include "dissect/dissect.h"
#include "dissect/fvalue.h"
#include "dissect/registry.h"

#define TS_MAX_FRAMES 256

struct tstream {
	struct session *sess;
	struct dtree *tree;
	struct pinfo pi;
	uint8_t *frame[TS_MAX_FRAMES + 1];
	uint32_t len[TS_MAX_FRAMES + 1];
	uint32_t n;
	uint32_t seq[2];	/* next raw seq: 0 client, 1 server */
	char info[TS_MAX_FRAMES + 1][PI_INFO_MAX];
	const char *proto[TS_MAX_FRAMES + 1];
};

static inline const uint8_t *ts_frame_fn(void *ctx, uint32_t num, uint32_t *caplen)
{
	struct tstream *s = ctx;

	if (num < 1 || num > s->n)
		return NULL;
	*caplen = s->len[num];
	return s->frame[num];
}

static inline void ts_init(struct tstream *s, int keep)
{
	memset(s, 0, sizeof(*s));
	reg_init();
	s->sess = session_new(keep);
	reasm_set_frame_source(s->sess->reasm, ts_frame_fn, s);
	s->tree = tree_new(1);
	s->seq[0] = 1000;
	s->seq[1] = 5000;
}

static inline void ts_free(struct tstream *s)
{
	for (uint32_t i = 1; i <= s->n; i++)
		free(s->frame[i]);
	tree_free(s->tree);
	session_free(s->sess);
}

/* Dissects frame num (again: visited) into s->tree and s->pi. */
static inline void ts_dissect(struct tstream *s, uint32_t num, int visited)
{
	struct dctx d = { .tree = s->tree, .pi = &s->pi, .sess = s->sess };

	memset(&s->pi, 0, sizeof(s->pi));
	s->pi.num = num;
	s->pi.ts = (int64_t)num * 1000000;
	s->pi.caplen = s->pi.len = s->len[num];
	s->pi.linktype = 1;
	s->pi.want_cols = 1;
	s->pi.visited = visited;
	tree_reset(s->tree);
	dissect_frame(&d, s->frame[num]);
}

/* Adds and dissects one segment; dir 0 = client (port 40000) → server (8080). */
static inline uint32_t ts_send(struct tstream *s, int dir, uint8_t flags, const void *data, size_t n)
{
	uint32_t len = (uint32_t)(14 + 20 + 20 + n), num = ++s->n;
	uint8_t *f = xcalloc(1, len);
	uint16_t sp = dir ? 8080 : 40000, dp = dir ? 40000 : 8080;
	uint32_t seq = s->seq[dir], ack = s->seq[!dir];

	f[12] = 0x08;
	f[14] = 0x45;
	f[16] = (uint8_t)((len - 14) >> 8);
	f[17] = (uint8_t)(len - 14);
	f[22] = 64;
	f[23] = 6;
	f[26] = 127, f[29] = 1, f[30] = 127, f[33] = 1;
	f[34] = (uint8_t)(sp >> 8), f[35] = (uint8_t)sp;
	f[36] = (uint8_t)(dp >> 8), f[37] = (uint8_t)dp;
	for (int i = 0; i < 4; i++) {
		f[38 + i] = (uint8_t)(seq >> (24 - 8 * i));
		f[42 + i] = (uint8_t)(ack >> (24 - 8 * i));
	}
	f[46] = 0x50;
	f[47] = flags;
	f[48] = 0xff, f[49] = 0xff;
	if (n)
		memcpy(f + 54, data, n);
	s->frame[num] = f;
	s->len[num] = len;
	s->seq[dir] += (uint32_t)n + ((flags & 0x03) ? 1 : 0);
	ts_dissect(s, num, 0);
	memcpy(s->info[num], s->pi.info, sizeof(s->info[num]));
	s->proto[num] = s->pi.proto_col;
	return num;
}

static inline void ts_handshake(struct tstream *s)
{
	ts_send(s, 0, 0x02, NULL, 0);
	ts_send(s, 1, 0x12, NULL, 0);
	ts_send(s, 0, 0x10, NULL, 0);
}

static inline uint32_t ts_str(struct tstream *s, int dir, const char *text)
{
	return ts_send(s, dir, 0x18, text, strlen(text));
}

/* Every label of the current tree, one per line (caller frees). */
static inline char *ts_labels(const struct dtree *t)
{
	size_t cap = 1 << 16, at = 0;
	char *out = xmalloc(cap);

	for (uint32_t i = 1; i < t->n; i++) {
		char buf[8192];
		size_t k = fv_label(t, &t->nodes[i], buf, sizeof(buf));
		out = xgrow(out, &cap, at + k + 2, 1);
		memcpy(out + at, buf, k);
		at += k;
		out[at++] = '\n';
	}
	out[at] = '\0';
	return out;
}

/* The -T fields value(s) of a field in the current tree, comma-joined. */
static inline const char *ts_field(struct tstream *s, const char *name)
{
	static char out[8192];
	const struct field_def *f = reg_lookup(name);
	size_t at = 0;

	out[0] = '\0';
	if (!f)
		return "(no such field)";
	for (uint32_t n = tree_find(s->tree, f, 0); n; n = tree_find(s->tree, f, n)) {
		if (at)
			out[at++] = ',';
		at += fv_fields(s->tree, &s->tree->nodes[n], out + at, sizeof(out) - at);
	}
	return out;
}

#endif
