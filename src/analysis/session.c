/* session.c — creates and frees the analysis modules' state; see session.h.
 * Each analysis module adds its create/free calls here. */
#include "config.h"

#include <stdlib.h>

#include "analysis/reasm.h"
#include "analysis/session.h"
#include "analysis/tcp_conv.h"
#include "analysis/udp_conv.h"
#include "core/xmalloc.h"

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
