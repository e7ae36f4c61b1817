/* flow.c — --flow[=STREAM]: the text ladder of every TCP stream (or one).
 *
 * Reads the capture once in order (dissection without trees, Info column on), keeps
 * every stream's segments (tcpconv_keep_segments) and what each data segment carries
 * (the Info column of frames a protocol above TCP claimed, else "N bytes"), then prints
 * one ladder per stream with analysis/ladder.c's text renderer: a header with the
 * open/close classification and the active closer, lanes "client ip:port" and
 * "server ip:port" (never merged, even both on 127.0.0.1), one arrow per segment and
 * each end's state beside its lane when it changes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/ladder.h"
#include "dissect/session.h"
#include "dissect/tcp_conv.h"
#include "capture/capfile.h"
#include "core/xmalloc.h"
#include "dissect/dissect.h"
#include "dissect/registry.h"
#include "mode/mode.h"

#define FLOW_COLS 100

/* What frame n carries, NULL when nothing worth saying (index: frame number). */
struct carries {
	char **text;
	size_t cap;
};

static void carries_set(struct carries *c, uint32_t frame, const char *s)
{
	if (frame >= c->cap) {
		size_t old = c->cap;
		c->text = xgrow(c->text, &c->cap, (size_t)frame + 1, sizeof(*c->text));
		memset(c->text + old, 0, (c->cap - old) * sizeof(*c->text));
	}
	free(c->text[frame]);
	c->text[frame] = xstrdup(s);
}

static void carries_free(struct carries *c)
{
	for (size_t i = 0; i < c->cap; i++)
		free(c->text[i]);
	free(c->text);
}

static int print_stream(FILE *fp, const struct tcpconv *tc, uint32_t stream,
    const struct carries *cr)
{
	struct ladder *l = ladder_from_conv(tc, stream);
	int r;

	if (!l)
		return 0;
	for (size_t i = 0; i < l->n; i++) {
		uint32_t f = l->rows[i].s.frame;
		if (f < cr->cap && cr->text[f])
			ladder_set_carries(l, i, cr->text[f]);
	}
	r = ladder_write_text(fp, l, FLOW_COLS, 1);
	ladder_free(l);
	return r;
}

int mode_flow(const struct options *o)
{
	char errbuf[1024];
	struct capfile *cf;
	struct pkt_rec rec;
	struct session *sess;
	struct pinfo pi;
	struct carries cr = { NULL, 0 };
	char line[PI_INFO_MAX];
	int64_t first = 0, prev = 0;
	uint32_t num = 0;
	int r, status = 0;

	reg_init();
	cf = capfile_open(o->read_file, errbuf);
	if (!cf) {
		fprintf(stderr, "netlab-tui: %s\n", errbuf);
		return 2;
	}
	sess = session_new(0);
	tcpconv_keep_segments(sess->tcp, 1);
	memset(&pi, 0, sizeof(pi));
	pi.if_known = capfile_format(cf) == CAPFILE_PCAPNG;
	while ((r = capfile_next(cf, &rec, errbuf)) == 1) {
		struct dctx d;
		int64_t ts = pkt_rec_ns(&rec);

		if (!num)
			first = prev = ts;
		memset(&d, 0, sizeof(d));
		d.pi = &pi;
		d.sess = sess;
		d.frag = sess->frag;
		pi.num = ++num;
		pi.ts = ts;
		pi.rel_ts = ts - first;
		pi.delta_ts = pi.delta_disp_ts = ts - prev;
		prev = ts;
		pi.caplen = rec.caplen;
		pi.len = rec.len;
		pi.linktype = rec.linktype;
		pi.ifid = rec.ifid;
		pi.visited = 0;
		pi.want_cols = 1;
		dissect_frame(&d, rec.data);
		if (pi.ptype == PT_TCP && ladder_carries_text(&pi, line, sizeof(line)))
			carries_set(&cr, pi.num, line);
		if (o->count && num >= (uint32_t)o->count)
			break;
	}
	if (r < 0) {
		fprintf(stderr, "netlab-tui: %s\n", errbuf);
		status = 2;
	}
	if (o->flow_stream >= 0) {
		if ((uint64_t)o->flow_stream >= tcpconv_stream_count(sess->tcp)) {
			fprintf(stderr, "netlab-tui: --flow=%ld: the capture has %u TCP stream%s "
			    "(numbered from 0)\n", o->flow_stream, tcpconv_stream_count(sess->tcp),
			    tcpconv_stream_count(sess->tcp) == 1 ? "" : "s");
			status = status ? status : 1;
		} else if (print_stream(stdout, sess->tcp, (uint32_t)o->flow_stream, &cr) < 0)
			status = 2;
	} else {
		for (uint32_t s = 0; s < tcpconv_stream_count(sess->tcp); s++) {
			if (s)
				fputc('\n', stdout);
			if (print_stream(stdout, sess->tcp, s, &cr) < 0) {
				status = 2;
				break;
			}
		}
	}
	if (fflush(stdout) != 0 && !status)
		status = 2;
	carries_free(&cr);
	session_free(sess);
	capfile_close(cf);
	return status;
}
