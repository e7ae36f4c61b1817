/* session.c — creates and frees the analysis modules' state; see session.h.
 * Each analysis module adds its create/free calls here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dissect/reasm.h"
#include "dissect/session.h"
#include "dissect/tcp_conv.h"
#include "dissect/udp_conv.h"
#include "core/xmalloc.h"
#include "dissect/dissect.h"
#include "dissect/protos.h"

struct session *session_new(int keep_results)
{
	struct session *s = xcalloc(1, sizeof(*s));

	s->keep_results = keep_results;
	s->tcp = tcpconv_new(keep_results);
	s->udp = udpconv_new(keep_results);
	s->reasm = reasm_new(keep_results);
	s->frag = ipfrag_new(keep_results);
	return s;
}

void *session_slot(struct session *s, int slot, size_t size, void (*release)(void *))
{
	struct sess_slot *sl = &s->slot[slot];

	if (!sl->p) {
		sl->p = xcalloc(1, size);
		sl->release = release;
	}
	return sl->p;
}

void session_free(struct session *s)
{
	if (!s)
		return;
	tcpconv_free(s->tcp);
	udpconv_free(s->udp);
	reasm_free(s->reasm);
	ipfrag_free(s->frag);
	for (int i = 0; i < SESS_NSLOTS; i++)
		if (s->slot[i].p && s->slot[i].release)
			s->slot[i].release(s->slot[i].p);
	free(s->fs_log);
	for (int i = 0; i < SESS_SCRATCH; i++)
		free(s->fs_scratch[i].buf);
	free(s);
}

/* ---- per-frame state of the dissectors (see session.h) ---- */

static int is_zero(const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i])
			return 0;
	return 1;
}

struct fs_entry {
	uint32_t frame, prev;		/* prev: the stream's previous entry's offset + 1 */
};

void *frame_state_get(struct frame_state *fs, const struct dctx *d, void *live, size_t size,
    size_t whole)
{
	struct session *s = d->sess;
	const struct pinfo *pi = d->pi;
	uint32_t frame = pi->num, at;
	struct fs_entry e;

	if (!s || !s->keep_results)
		return live;
	if (!pi->visited) {
		size_t rec = sizeof(e) + size;
		if (fs->logged_frame == frame)
			return live;
		fs->logged_frame = frame;
		if (!fs->created)
			fs->created = frame;
		if (fs->last ? !memcmp(s->fs_log + fs->last - 1 + sizeof(e), live, size) :
		    is_zero(live, size))
			return live;
		if (s->fs_len + rec >= UINT32_MAX)
			return live;
		s->fs_log = xgrow(s->fs_log, &s->fs_cap, s->fs_len + rec, 1);
		e.frame = frame;
		e.prev = fs->last;
		memcpy(s->fs_log + s->fs_len, &e, sizeof(e));
		memcpy(s->fs_log + s->fs_len + sizeof(e), live, size);
		fs->last = (uint32_t)s->fs_len + 1;
		s->fs_len += rec;
		return live;
	}
	for (int i = 0; i < SESS_SCRATCH; i++)
		if (s->fs_scratch[i].fs == fs && s->fs_scratch[i].serial == pi->serial)
			return s->fs_scratch[i].buf;
	/* the newest entry logged at or before this frame */
	for (at = fs->last; at; at = e.prev) {
		memcpy(&e, s->fs_log + at - 1, sizeof(e));
		if (e.frame <= frame)
			break;
	}
	if (!fs->created || frame < fs->created)
		return NULL;
	{
		unsigned k = s->fs_next++ % SESS_SCRATCH;
		uint8_t *buf;
		s->fs_scratch[k].buf = xgrow(s->fs_scratch[k].buf, &s->fs_scratch[k].cap, whole, 1);
		s->fs_scratch[k].fs = fs;
		s->fs_scratch[k].serial = pi->serial;
		buf = s->fs_scratch[k].buf;
		memcpy(buf, live, whole);
		if (at)
			memcpy(buf, s->fs_log + at - 1 + sizeof(e), size);
		else
			memset(buf, 0, size);
		return buf;
	}
}
