/* headless.c — --headless: the TUI's own code path without a terminal, its views
 * printed as text, so that tests can hold every view against batch mode frame by frame.
 *
 * The source is opened and loaded exactly as the TUI does (ui_open, the load and drain
 * steps: the store, the first pass, the conversation table; --replay and -i go through
 * the capture thread and the ring).  Then every frame is selected in a seeded random
 * order, and for each the list row (ui_row) and the detail pane's lines with every
 * subtree open (ui_detail_sync, ui_detail_all) are built as the panes build them,
 * alternating which comes first, so that any state a revisit leaks into the next one
 * shows.  The output is in batch mode's formats:
 *
 *   #frames             per frame its summary line and whole tree (-P -V)
 *   #z ARGS             the -z arguments of the next part  (-q -z ARG …)
 *   ...                 conversations (TCP, UDP) and follow of up to six TCP streams,
 *                       from the conversations view's table and the follow view's model
 *   #flow               the diagram's ladders of every TCP stream (--flow)
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/conv_table.h"
#include "analysis/follow.h"
#include "analysis/ladder.h"
#include "dissect/tcp_conv.h"
#include "capture/ring.h"
#include "core/xmalloc.h"
#include "ui/ladder_view.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

#define HEADLESS_FOLLOWS 6
#define HEADLESS_FLOW_COLS 100	/* as --flow */

/* xorshift64*: the same permutation for the same seed on every machine. */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

/* Everything the source has: the whole file, or a live capture until -c or
 * -a duration:SEC ends it. */
static void load_all(struct ui *u)
{
	int64_t stop_at = u->o->autostop_duration > 0 ?
	    ui_now_us() + (int64_t)(u->o->autostop_duration * 1e6) : 0;

	while (u->loading)
		ui_load_step(u, 200000);
	while (u->ncaps && !u->caps_eof) {
		struct pollfd pfd[CAP_MAX_IFACES];
		int n = 0;
		if (stop_at && ui_now_us() >= stop_at) {
			for (int i = 0; i < u->ncaps; i++)
				capsrc_stop(u->caps[i]);
			stop_at = 0;
		}
		if (ui_drain_step(u, 200000))
			continue;
		for (int i = 0; i < u->ncaps; i++) {
			struct ring *r = capsrc_ring(u->caps[i]);
			if (ring_sleep_prepare(r))
				pfd[n++] = (struct pollfd){ ring_wait_fd(r), POLLIN, 0 };
		}
		if (n == u->ncaps)
			poll(pfd, (nfds_t)n, 100);
		for (int i = 0; i < u->ncaps; i++)
			ring_sleep_done(capsrc_ring(u->caps[i]));
	}
}

/* The detail pane's lines with every subtree open (e), kept as text. */
static char *render_detail(struct ui *u)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	if (!fp)
		fatal("open_memstream failed");
	ui_detail_all(u, 1);
	ui_detail_text(u, fp);
	fputc('\n', fp);
	fclose(fp);
	return buf;
}

static char *render_row(struct ui *u, uint32_t idx)
{
	const struct ui_row *r = ui_row(u, idx);
	char line[4 * PI_INFO_MAX];
	size_t k = print_summary(line, sizeof(line) - 2, &r->cols);

	line[k++] = '\n';
	line[k] = '\0';
	return xstrdup(line);
}

static void views_of_frames(struct ui *u, uint64_t seed, FILE *out)
{
	uint32_t n = store_count(u->st);
	uint32_t *perm = xcalloc(n ? n : 1, sizeof(*perm));
	char **rows = xcalloc(n ? n : 1, sizeof(*rows));
	char **trees = xcalloc(n ? n : 1, sizeof(*trees));
	uint64_t s = seed * 0x9e3779b97f4a7c15ull + 1;

	for (uint32_t i = 0; i < n; i++)
		perm[i] = i;
	for (uint32_t i = n; i > 1; i--) {
		uint32_t j = (uint32_t)(next_rand(&s) % i), t = perm[i - 1];
		perm[i - 1] = perm[j];
		perm[j] = t;
	}
	for (uint32_t k = 0; k < n; k++) {
		uint32_t idx = perm[k];
		if (k & 1)
			rows[idx] = render_row(u, idx);
		ui_select_frame(u, idx);
		ui_detail_sync(u);
		trees[idx] = render_detail(u);
		if (!(k & 1))
			rows[idx] = render_row(u, idx);
	}
	fputs("#frames\n", out);
	for (uint32_t i = 0; i < n; i++) {
		fputs(rows[i], out);
		fputs(trees[i], out);
	}
	for (uint32_t i = 0; i < n; i++) {
		free(rows[i]);
		free(trees[i]);
	}
	free(rows);
	free(trees);
	free(perm);
}

static void views_of_streams(struct ui *u, FILE *out)
{
	size_t nconv = convtab_count(u->convs);
	uint32_t ntcp = u->sess->tcp ? tcpconv_stream_count(u->sess->tcp) : 0;
	uint32_t pick[HEADLESS_FOLLOWS], conv_of[HEADLESS_FOLLOWS];
	int npick = 0;

	/* up to six TCP streams spread over the capture, each with its conversation row */
	for (int k = 0; k < HEADLESS_FOLLOWS && (uint32_t)k < ntcp; k++) {
		uint32_t want = ntcp <= HEADLESS_FOLLOWS ? (uint32_t)k :
		    (uint32_t)((uint64_t)k * (ntcp - 1) / (HEADLESS_FOLLOWS - 1));
		for (size_t i = 0; i < nconv; i++) {
			const struct convtab_row *c = convtab_row(u->convs, i);
			if (c->ptype == PT_TCP && c->stream == want) {
				pick[npick] = want;
				conv_of[npick++] = (uint32_t)i + 1;
				break;
			}
		}
	}
	/* the -z options giving these reports: batch mode prints them last first */
	fputs("#z", out);
	for (int k = npick - 1; k >= 0; k--)
		fprintf(out, " follow,tcp,ascii,%u", pick[k]);
	fputs(" conv,udp conv,tcp\n", out);
	print_conv_table(out, u->convs, PT_TCP);
	print_conv_table(out, u->convs, PT_UDP);
	for (int k = 0; k < npick; k++) {
		struct tcpfollow *f = ui_follow_build(u, conv_of[k]);
		if (!f)
			continue;
		print_follow(out, f, FOLLOW_ASCII);
		tcpfollow_free(f);
	}
	fputs("#flow\n", out);
	for (uint32_t s = 0; s < ntcp; s++) {
		struct ladder *l = ui_ladder(u, s);
		if (s)
			fputc('\n', out);
		if (l) {
			ladder_write_text(out, l, HEADLESS_FLOW_COLS, 1);
			ladder_free(l);
		}
	}
}

int ui_headless_main(const struct ui_options *o)
{
	struct ui_config cfg = { .o = o };
	int status;
	struct ui *u = ui_open(&cfg, &status);

	if (!u)
		return status;
	load_all(u);
	if (o->write_file) {	/* as `w` saves every packet */
		char err[512];
		uint32_t n = store_count(u->st), *idx = xcalloc(n ? n : 1, sizeof(*idx));
		for (uint32_t i = 0; i < n; i++)
			idx[i] = i;
		if (ui_save(u, o->write_file, idx, n, err, sizeof(err)) < 0) {
			fprintf(stderr, "netlab-tui: %s\n", err);
			status = 2;
		}
		free(idx);
	}
	views_of_frames(u, (uint64_t)o->headless_seed, stdout);
	views_of_streams(u, stdout);
	if (u->load_error)
		status = 2;
	if (fflush(stdout) != 0)
		status = 2;
	ui_close(u);
	return status;
}
