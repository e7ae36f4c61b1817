/* session.c — creates and frees the analysis modules' state; see session.h.
 * Each analysis module adds its create/free calls here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/reasm.h"
#include "analysis/session.h"
#include "analysis/tcp_conv.h"
#include "analysis/udp_conv.h"
#include "core/xmalloc.h"
#include "dissect/dissect.h"

struct session *session_new(int keep_results)
{
	struct session *s = xcalloc(1, sizeof(*s));

	s->keep_results = keep_results;
	s->tcp = tcpconv_new(keep_results);
	s->udp = udpconv_new(keep_results);
	s->reasm = reasm_new(keep_results);
	return s;
}

void session_free(struct session *s)
{
	if (!s)
		return;
	tcpconv_free(s->tcp);
	udpconv_free(s->udp);
	reasm_free(s->reasm);
	for (int i = 0; i < SESS_NSLOTS; i++)
		if (s->slot[i].p && s->slot[i].release)
			s->slot[i].release(s->slot[i].p);
	free(s);
}

/* ---- per-frame state of the dissectors (see session.h) ---- */

void *frame_state_get(struct frame_state *fs, const struct dctx *d, void *live, size_t size,
    size_t whole)
{
	const struct pinfo *pi = d->pi;
	size_t rec = 4 + size, lo = 0, hi;
	uint32_t frame = pi->num;

	if (!d->sess || !d->sess->keep_results)
		return live;
	if (!pi->visited) {
		if (fs->logged_frame != frame) {
			fs->logged_frame = frame;
			if (!fs->n || memcmp(fs->log + (fs->n - 1) * rec + 4, live, size) != 0) {
				size_t have = fs->n * rec;
				fs->log = xgrow(fs->log, &fs->cap, have + rec, 1);
				memcpy(fs->log + have, &frame, 4);
				memcpy(fs->log + have + 4, live, size);
				fs->n++;
			}
		}
		return live;
	}
	if (fs->scratch && fs->serial == pi->serial)
		return fs->scratch;
	/* the last entry logged at or before this frame (frames come in capture order) */
	hi = fs->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		uint32_t f;
		memcpy(&f, fs->log + mid * rec, 4);
		if (f <= frame)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	if (!fs->scratch)
		fs->scratch = xmalloc(whole);
	memcpy(fs->scratch, live, whole);
	memcpy(fs->scratch, fs->log + (lo - 1) * rec + 4, size);
	fs->serial = pi->serial;
	return fs->scratch;
}

void frame_state_free(struct frame_state *fs)
{
	free(fs->log);
	free(fs->scratch);
}
