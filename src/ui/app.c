/* app.c — the TUI's loop, prompts and quit (source.c brings the packets in and runs
 * the first pass; layout.c draws the frame).
 *
 * One thread.  poll() waits on the terminal (and, with a live source, the capture
 * ring's descriptor) with a timeout; SIGWINCH arrives as KEY_RESIZE from getch();
 * SIGINT/SIGTERM/SIGHUP set a flag that ends the loop, and every exit path (including
 * fatal()) restores the terminal.  A terminal that goes away without a SIGHUP (the
 * process is not its session's foreground, e.g. under setsid or su) shows as
 * POLLHUP/POLLERR on standard input or EIO from getch(): the loop ends at once and
 * nothing is written to the dead terminal.
 *
 * Live capture (-i): each drained batch is written through to the temporary pcapng
 * (capture/spool.h) before it is ingested, and the store indexes that file's map, so
 * memory per packet is what a file opened with -r costs.  A clean quit removes the
 * file; a signal or a lost terminal keeps it when it holds packets not saved with
 * `w`, and says where on stderr and in syslog; a crash says so on stderr.
 *
 * A stream (-r - or a FIFO: `tcpdump -U -w - | netlab-tui -r -`) is read like a live
 * source, through a capture thread, as it arrives; the keys then come from /dev/tty,
 * the terminal the user types on, not from standard input.
 *
 * Work that could take long — loading a file, filtering — runs in slices of a few
 * milliseconds between two looks at the keyboard.
 *
 * Loading: every packet goes into the store and through the first pass (dissect_frame
 * without a tree, session keep_results = 1) in capture order, so the TCP analysis sees
 * packets in order; conversations are counted here too.  Everything on screen is
 * produced later by re-dissecting the few visible frames.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analysis/conv_table.h"
#include "dissect/reasm.h"
#include "dissect/tcp_conv.h"
#include "capture/spool.h"
#include "core/strvis.h"
#include "core/xmalloc.h"
#include "server/visit.h"
#include "server/httpd.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

#define LOAD_FIRST_US 3000	/* first slice: enough rows for a screen, then draw */
#define LOAD_SLICE_US 12000	/* later slices, between looks at the keyboard */
#define DRAW_EVERY_US 60000	/* redraw rate while loading/filtering */

static volatile sig_atomic_t got_signal;
static int curses_on;
static struct spool *live_spool;	/* for fatal(): say where the capture is */
/* The terminal's screen, and /dev/tty when standard input is not the terminal; both
 * stay until exit (delscreen would leave ncurses' own strings unreachable). */
static FILE *tty_in;
static SCREEN *screen;

/* The descriptor the keys arrive on. */
static int key_fd(void)
{
	return tty_in ? fileno(tty_in) : STDIN_FILENO;
}

/* A capture that can only be read once, front to back (standard input, a FIFO, a
 * pipe), rather than mapped: the TUI reads it as it arrives. */
static int is_stream(const char *path)
{
	struct stat sb;

	return strcmp(path, "-") == 0 || (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode));
}

static void on_signal(int sig)
{
	got_signal = sig;
}

static void term_restore(void)
{
	if (curses_on) {
		mousemask(0, NULL);
		endwin();
		curses_on = 0;
	}
}

/* The curses screen on the terminal: standard input, or /dev/tty when standard input
 * carries something else (a stream of packets). */
static int term_open(void)
{
	if (!isatty(STDIN_FILENO)) {
		tty_in = fopen("/dev/tty", "r");
		if (!tty_in) {
			fprintf(stderr, "netlab-tui: standard input is not a terminal and /dev/tty "
			    "cannot be opened (%s): the TUI needs a terminal for its keys\n",
			    strerror(errno));
			return -1;
		}
	}
	screen = newterm(NULL, stdout, tty_in ? tty_in : stdin);
	if (!screen) {
		fprintf(stderr, "netlab-tui: cannot use this terminal (TERM=%s)\n",
		    getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	set_term(screen);
	return 0;
}


/* fatal()'s cleanup: the terminal first, so the messages are readable. */
static void fatal_cleanup(void)
{
	term_restore();
	if (live_spool)
		fputs(spool_crash_note(live_spool) + 2, stderr);
}

void ui_crash_spool(struct spool *s)
{
	live_spool = s;
}

int ui_got_signal(void)
{
	return got_signal;
}

int64_t ui_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void ui_message(struct ui *u, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof(u->msg), fmt, ap);
	va_end(ap);
	u->msg_err = err;
	u->msg_time = time(NULL);
	u->dirty = 1;
}

/* ---- dissection ---- */

void ui_fill_pinfo(struct ui *u, uint32_t idx, struct pinfo *pi)
{
	const struct store_pkt *p = store_get(u->st, idx);

	pi->num = idx + 1;
	pi->ts = p->ts;
	pi->rel_ts = p->ts - u->first_ts;
	pi->delta_ts = idx ? p->ts - store_get(u->st, idx - 1)->ts : 0;
	pi->delta_disp_ts = pi->delta_ts;	/* as batch mode without -Y */
	pi->caplen = p->caplen;
	pi->len = p->len;
	pi->ifid = p->ifid;
	if (p->flags & STORE_F_BLOCK) {
		pi->linktype = LINKTYPE_PCAPNG_BLOCK;
		pi->ifname = pi->ifdescr = NULL;
		pi->section = 0;
	} else {
		const struct store_iface *ifc = store_iface(u->st, p->ifid);
		pi->linktype = ifc ? ifc->linktype : -1;
		pi->ifname = ifc ? ifc->name : NULL;
		pi->ifdescr = ifc ? ifc->descr : NULL;
		pi->section = ifc ? ifc->section : 0;
		pi->time_digits = ifc ? ifc->time_digits : u->time_digits;
	}
	pi->opts = store_opts(u->st, idx, &pi->opts_len, &pi->opts_swap);
	pi->if_known = u->if_known;
	pi->no_ts = (p->flags & STORE_F_NO_TS) != 0;
}

/* tcpconv_set_frame_ts: frames are in the store before they are dissected. */
static int64_t frame_ts(void *ctx, uint32_t frame)
{
	const struct ui *u = ctx;
	const struct store_pkt *p = frame ? store_get(u->st, frame - 1) : NULL;

	return p ? p->ts : 0;
}

/* reasm_set_frame_source: the bytes of frame `num` from the store. */
static const uint8_t *frame_bytes(void *ctx, uint32_t num, uint32_t *caplen)
{
	const struct ui *u = ctx;

	if (!num || num > store_count(u->st))
		return NULL;
	*caplen = store_get(u->st, num - 1)->caplen;
	return store_data(u->st, num - 1);
}

void ui_dissect(struct ui *u, uint32_t idx, struct dtree *t, int want_cols)
{
	struct dctx d = { .tree = t, .pi = &u->pi, .sess = u->sess, .frag = u->sess->frag };

	ui_fill_pinfo(u, idx, &u->pi);
	u->pi.visited = 1;
	u->pi.want_cols = want_cols;
	if (t)
		tree_reset(t);
	dissect_frame(&d, store_data(u->st, idx));
}

/* ---- filter bar ---- */

static void validate(struct ui *u)
{
	struct dfilter *df;
	const char *t = u->fle.buf;

	while (*t == ' ')
		t++;
	if (!*t) {
		u->fvalid = 1;
		return;
	}
	memset(&u->ferr, 0, sizeof(u->ferr));
	df = dfilter_compile(u->fle.buf, &u->ferr);
	u->fvalid = df != NULL;
	if (df)
		dfilter_free(df);
}

void ui_filter_edit(struct ui *u)
{
	u->editing = 1;
	le_set(&u->fle, u->flt.active ? u->flt.text : "");
	u->hpos = u->nhist;
	validate(u);
	u->dirty = 1;
}

static void hist_add(struct ui *u, const char *s)
{
	if (!*s || (u->nhist && strcmp(u->hist[u->nhist - 1], s) == 0))
		return;
	if (u->nhist == UI_HISTORY) {
		free(u->hist[0]);
		memmove(u->hist, u->hist + 1, (UI_HISTORY - 1) * sizeof(*u->hist));
		u->nhist--;
	}
	u->hist[u->nhist++] = xstrdup(s);
}

static void filter_key(struct ui *u, int key)
{
	switch (key) {
	case 27:
		u->editing = 0;
		break;
	case '\n': case '\r': case KEY_ENTER:
		validate(u);
		if (!u->fvalid)
			break;		/* the error stays on screen */
		u->editing = 0;
		hist_add(u, u->fle.buf);
		ui_filter_apply_text(u, u->fle.buf);
		break;
	case KEY_UP:
		if (u->hpos > 0)
			le_set(&u->fle, u->hist[--u->hpos]);
		validate(u);
		break;
	case KEY_DOWN:
		if (u->hpos < u->nhist - 1)
			le_set(&u->fle, u->hist[++u->hpos]);
		else {
			u->hpos = u->nhist;
			le_set(&u->fle, "");
		}
		validate(u);
		break;
	default:
		if (le_key(&u->fle, key))
			validate(u);
	}
	u->dirty = 1;
}

/* ---- prompts ---- */

void ui_prompt(struct ui *u, enum ui_prompt p, const char *init)
{
	u->prompt = p;
	le_set(&u->ple, init ? init : "");
	u->msg[0] = '\0';
	u->dirty = 1;
}

static void do_save(struct ui *u)
{
	char err[512];
	uint32_t *idx;
	size_t n = 0, total = store_count(u->st);

	idx = xmalloc((total ? total : 1) * sizeof(*idx));
	for (size_t i = 0; i < total; i++) {
		int take = u->save_set == SAVE_ALL ||
		    (u->save_set == SAVE_MARKED && (store_get(u->st, (uint32_t)i)->flags & STORE_F_MARKED));
		if (take)
			idx[n++] = (uint32_t)i;
	}
	if (u->save_set == SAVE_DISPLAYED)
		for (size_t r = 0; r < ui_ndisp(u); r++)
			idx[n++] = ui_disp(u, r);
	if (ui_save(u, u->ple.buf, idx, n, err, sizeof(err)) < 0)
		ui_message(u, 1, "%s", err);
	else {
		char esc[300];
		strvis(esc, sizeof(esc), (const uint8_t *)u->ple.buf, strlen(u->ple.buf), STRVIS_UTF8);
		ui_message(u, 0, "Saved %zu packet%s to %s", n, n == 1 ? "" : "s", esc);
		if (u->save_set == SAVE_ALL)
			u->unsaved = 0;
		/* a recovered leftover, saved whole, is left no more (the map keeps it
		 * readable until exit) */
		if (u->save_set == SAVE_ALL && u->o->recover && u->o->read_file &&
		    strcmp(u->ple.buf, u->o->read_file) != 0 && unlink(u->o->read_file) == 0)
			ui_message(u, 0, "Saved %zu packet%s to %s; the leftover capture is removed", n,
			    n == 1 ? "" : "s", esc);
	}
	free(idx);
}

static void prompt_key(struct ui *u, int key)
{
	int enter = key == '\n' || key == '\r' || key == KEY_ENTER;
	enum ui_prompt p = u->prompt;

	u->dirty = 1;
	if (key == 27) {
		u->prompt = PR_NONE;
		return;
	}
	switch (p) {
	case PR_GOTO:
		if (enter) {
			char *end;
			unsigned long v = strtoul(u->ple.buf, &end, 10);
			u->prompt = PR_NONE;
			if (end == u->ple.buf || *end || v < 1 || v > store_count(u->st)) {
				ui_message(u, 1, "no packet %s (packets are 1 to %u)", u->ple.buf, store_count(u->st));
				return;
			}
			u->follow = 0;
			u->flt.want_sel = -1;
			ui_select_frame(u, (uint32_t)(v - 1));
			if (ui_sel_frame(u) != (int64_t)(v - 1))
				ui_message(u, 1, "packet %lu is not displayed (filter); showing the next one", v);
		} else if (key >= '0' && key <= '9')
			le_key(&u->ple, key);
		else if (key != ':')
			le_key(&u->ple, key);
		return;
	case PR_SAVE_WHICH:
		if (key == 'a' || key == 'd' || key == 'm') {
			u->save_set = key == 'a' ? SAVE_ALL : key == 'd' ? SAVE_DISPLAYED : SAVE_MARKED;
			if (u->save_set == SAVE_MARKED && !u->nmarked) {
				u->prompt = PR_NONE;
				ui_message(u, 1, "no packets are marked (m marks the selected packet)");
				return;
			}
			ui_prompt(u, PR_SAVE_NAME, "saved.pcapng");
		}
		return;
	case PR_SAVE_NAME:
		if (enter) {
			struct stat sb;
			if (!u->ple.len) {
				u->prompt = PR_NONE;
				return;
			}
			if (stat(u->ple.buf, &sb) == 0) {
				u->prompt = PR_SAVE_OVERWRITE;
				return;
			}
			u->prompt = PR_NONE;
			do_save(u);
		} else
			le_key(&u->ple, key);
		return;
	case PR_SAVE_OVERWRITE:
		u->prompt = PR_NONE;
		if (key == 'y' || key == 'Y')
			do_save(u);
		else
			ui_message(u, 0, "not saved");
		return;
	case PR_QUIT:
		u->prompt = PR_NONE;
		if (key == 'y' || key == 'Y')
			u->quit = 1;
		return;
	default:
		u->prompt = PR_NONE;
	}
}

void ui_quit(struct ui *u)
{
	if (u->live && u->unsaved)
		ui_prompt(u, PR_QUIT, NULL);
	else
		u->quit = 1;
}

/* ---- views ---- */

void ui_view_push(struct ui *u, const struct ui_view *v, void *state)
{
	if (u->nviews == UI_VIEWS) {
		if (v->close) {
			void *keep = u->vstate[u->nviews - 1];
			u->vstate[u->nviews - 1] = state;
			v->close(u);
			u->vstate[u->nviews - 1] = keep;
		}
		return;
	}
	u->views[u->nviews] = v;
	u->vstate[u->nviews++] = state;
	u->dirty = 1;
	clear();
}

void ui_view_pop(struct ui *u)
{
	if (!u->nviews)
		return;
	if (u->views[u->nviews - 1]->close)
		u->views[u->nviews - 1]->close(u);
	u->nviews--;
	u->dirty = 1;
	clear();
}

void *ui_view_state(struct ui *u)
{
	return u->nviews ? u->vstate[u->nviews - 1] : NULL;
}

/* ---- input ---- */

int ui_wheel(unsigned long bstate)
{
	if (bstate & BUTTON4_PRESSED)
		return -1;
#ifdef BUTTON5_PRESSED
	if (bstate & BUTTON5_PRESSED)
		return 1;
#endif
	return 0;
}

static void mouse_event(struct ui *u)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	u->dirty = 1;
	if (u->nviews) {
		const struct ui_view *v = u->views[u->nviews - 1];
		if (v->mouse)
			v->mouse(u, ev.y, ev.x, (unsigned long)ev.bstate);
		return;
	}
	if (u->editing || u->prompt)
		return;
	if (ev.y >= u->y_of[PANE_HEX] && u->rows_of[PANE_HEX])
		ui_hex_mouse(u, ev.y, ev.x, (unsigned long)ev.bstate);
	else if (ev.y >= u->y_of[PANE_DETAIL] && u->rows_of[PANE_DETAIL])
		ui_detail_mouse(u, ev.y, ev.x, (unsigned long)ev.bstate);
	else if (ev.y >= u->y_of[PANE_LIST] && u->rows_of[PANE_LIST])
		ui_list_mouse(u, ev.y, (unsigned long)ev.bstate);
}

static void handle_key(struct ui *u, int key)
{
	static const unsigned ctx_of[PANE_COUNT] = { UI_CTX_LIST, UI_CTX_DETAIL, UI_CTX_HEX };

	if (key == KEY_RESIZE) {
		clear();
		u->dirty = 1;
		return;
	}
	if (key == KEY_MOUSE) {
		mouse_event(u);
		return;
	}
	if (u->msg[0] && !u->prompt) {
		u->msg[0] = '\0';
		u->dirty = 1;
	}
	if (u->editing) {
		filter_key(u, key);
		return;
	}
	if (u->prompt) {
		prompt_key(u, key);
		return;
	}
	u->dirty = 1;
	if (u->nviews) {
		const struct ui_view *v = u->views[u->nviews - 1];
		if (!v->key(u, key) && (key == '?' || key == KEY_F(1)))
			ui_view_push(u, &ui_help_view, NULL);
		return;
	}
	/* Esc cancels a running filter pass */
	if (key == 27 && u->flt.active && u->flt.scan < store_count(u->st)) {
		ui_filter_clear(u);
		ui_message(u, 0, "filtering cancelled");
		return;
	}
	/* unbound keys are ignored, as in less and htop */
	ui_key_dispatch(u, ui_main_keys, UI_CTX_PANES | ctx_of[u->focus], key);
}

/* ---- entry ---- */

static void set_source_name(struct ui *u, const char *path)
{
	const char *base = strrchr(path, '/');

	base = base && base[1] ? base + 1 : path;
	strvis(u->src_name, sizeof(u->src_name), (const uint8_t *)base, strlen(base), STRVIS_UTF8);
}

/* ---- the lab keys ---- */

void ui_server_toggle(struct ui *u)
{
	char err[HTTPD_ERRBUF];

	if (!u->srvcfg) {
		ui_message(u, 1, "no built-in server in this mode (run netlab-tui with no source for the lab)");
		return;
	}
	if (u->server) {
		httpd_stop(u->server);
		u->server = NULL;
		ui_message(u, 0, "server stopped");
		return;
	}
	u->server = httpd_start(u->srvcfg, err, sizeof(err));
	if (u->server)
		ui_message(u, 0, "serving http://%s:%d/", u->srvcfg->addr, httpd_port(u->server));
	else
		ui_message(u, 1, "%s", err);
}

void ui_visit(struct ui *u)
{
	if (!u->server) {
		ui_message(u, 1, "the built-in server is not running: press s to start it");
		return;
	}
	if (u->visit) {
		ui_message(u, 1, "a visit is already running");
		return;
	}
	u->visit = visit_job_start(u->srvcfg ? u->srvcfg->addr : HTTPD_DEFAULT_ADDR,
	    httpd_port(u->server), 0);
	if (!u->visit)
		ui_message(u, 1, "cannot start the visit thread");
	u->dirty = 1;
}

/* Each tick: report a finished visit. */
static void visit_tick(struct ui *u)
{
	char line[256];

	if (!u->visit || !visit_job_done(u->visit))
		return;
	int rc = visit_job_finish(u->visit, line, sizeof(line));
	u->visit = NULL;
	ui_message(u, rc < 0, "%s", line);
}

void ui_close(struct ui *u)
{
	if (u->visit) {
		char line[256];
		visit_job_finish(u->visit, line, sizeof(line));
		u->visit = NULL;
	}
	while (u->nviews)
		ui_view_pop(u);
	for (int i = 0; i < u->ncaps; i++)
		capsrc_free(u->caps[i]);
	ui_filter_free(u);
	ui_detail_free(u);
	tree_free(u->rowtree);
	free(u->rowinterest);
	for (int i = 0; i < u->nhist; i++)
		free(u->hist[i]);
	convtab_free(u->convs);
	store_free(u->st);
	if (u->spool == live_spool)
		live_spool = NULL;
	spool_close(u->spool, u->keep_spool);	/* after the store: it points into the map */
	if (u->cf)
		capfile_close(u->cf);
	capfilter_free(u->bpf);
	session_free(u->sess);
	if (u->server)
		httpd_stop(u->server);
	free(u);
}

static int loop(struct ui *u)
{
	int64_t last_draw = 0;

	ui_draw(u);
	while (!u->quit && !got_signal) {
		struct pollfd pfd[1 + CAP_MAX_IFACES];
		int key, busy, timeout, nfd = 1, sleep_ok = 1, more = 0;
		int input = 0;

		while ((errno = 0, key = ui_key_read()) != ERR) {
			handle_key(u, key);
			input = 1;
			if (u->quit)
				break;
		}
		if (key == ERR && errno == EIO)
			u->tty_lost = 1;
		if (u->quit || u->tty_lost)
			break;
		if (u->ncaps)
			more = ui_drain_step(u, LOAD_SLICE_US);
		if (u->loading)
			ui_load_step(u, store_count(u->st) ? LOAD_SLICE_US : LOAD_FIRST_US);
		else if (u->flt.active && u->flt.scan < store_count(u->st))
			ui_filter_step(u, LOAD_SLICE_US);
		busy = more || u->loading || (u->flt.active && u->flt.scan < store_count(u->st));
		if (u->msg[0] && !u->prompt && time(NULL) - u->msg_time >= 5) {
			u->msg[0] = '\0';
			u->dirty = 1;
		}
		if (input || (u->dirty && (!busy || ui_now_us() - last_draw >= DRAW_EVERY_US))) {
			ui_draw(u);
			last_draw = ui_now_us();
		}
		timeout = busy ? 0 : u->server || u->ncaps ? 500 : 1000;
		pfd[0] = (struct pollfd){ key_fd(), POLLIN, 0 };
		for (int i = 0; i < u->ncaps && !u->caps_eof; i++) {
			struct ring *r = capsrc_ring(u->caps[i]);
			if (!ring_sleep_prepare(r))
				sleep_ok = 0;
			pfd[nfd++] = (struct pollfd){ ring_wait_fd(r), POLLIN, 0 };
		}
		if (poll(pfd, (nfds_t)nfd, sleep_ok ? timeout : 0) < 0 && errno != EINTR)
			break;
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			u->tty_lost = 1;
			break;
		}
		for (int i = 0; i < nfd - 1; i++)
			ring_sleep_done(capsrc_ring(u->caps[i]));
		if (u->ncaps && !busy)
			u->dirty = 1;	/* drop counters */
		if (u->server && !busy)
			u->dirty = 1;
		visit_tick(u);
	}
	return 0;
}

/* Sets up u for cfg and opens its source (file, replay or interfaces); 0, or the exit
 * status after a message on stderr (u is then freed).  No terminal is touched. */
struct ui *ui_open(const struct ui_config *cfg, int *status)
{
	struct ui *u = xcalloc(1, sizeof(*u));
	const struct ui_options *o = cfg->o;
	char errbuf[CAPFILE_ERRBUF_SIZE];
	int stream;

	*status = 0;
	u->o = o;
	u->time.col = (enum time_col)o->time_col;
	u->time.hms = o->time_hms;
	u->server = cfg->server;
	u->srvcfg = cfg->server_cfg;
	u->srv_wanted_port = cfg->server_wanted_port;
	u->zoom = -1;
	u->split[PANE_LIST] = 5;
	u->split[PANE_DETAIL] = 4;
	u->split[PANE_HEX] = 3;
	u->tree_idx = -1;
	u->flt.want_sel = -1;
	u->time_digits = 6;
	u->state = "idle";
	snprintf(u->src_name, sizeof(u->src_name), "no source");
	reg_init();
	u->sess = session_new(1);
	/* Memory per packet: the diagram rebuilds its stream's segments on demand
	 * (ladder_view.c), and the TCP records take ACK times from the store. */
	tcpconv_keep_segments(u->sess->tcp, 0);
	tcpconv_set_frame_ts(u->sess->tcp, frame_ts, u);
	/* Revisits rebuild reassembled PDUs from their segments' frames in the store. */
	reasm_set_frame_source(u->sess->reasm, frame_bytes, u);
	u->convs = convtab_new();

	stream = o->read_file && !o->nifaces && is_stream(o->read_file);
	if (o->nifaces || (o->read_file && (o->replay_speed > 0 || stream))) {
		char cerr[CAP_ERRBUF_SIZE];
		u->st = store_new(NULL, 0);
		u->live = o->nifaces > 0;
		u->stream = stream && !(o->replay_speed > 0);
		u->if_known = 1;
		if (ui_start_sources(u, cerr) < 0) {
			fprintf(stderr, "netlab-tui: %s\n", cerr);
			goto fail;
		}
		if (u->stream)	/* as batch mode reads the same bytes */
			u->if_known = capsrc_file_format(u->caps[0]) == CAPFILE_PCAPNG;
		u->state = u->live ? "capturing" : stream ? "reading" : "replaying";
		u->follow = 1;
		if (o->nifaces == 1)
			set_source_name(u, o->ifaces[0]);
		else if (o->nifaces)
			snprintf(u->src_name, sizeof(u->src_name), "%d interfaces", o->nifaces);
		else
			set_source_name(u, o->read_file);
	} else if (o->read_file) {
		u->cf = capfile_open(o->read_file, errbuf);
		if (!u->cf) {
			fprintf(stderr, "netlab-tui: %s\n", errbuf);
			goto fail;
		}
		if (o->capture_filter) {
			char cerr[CAP_ERRBUF_SIZE];
			u->bpf = capfilter_new(o->capture_filter, o->snaplen, capfile_linktype(u->cf), cerr);
			if (!u->bpf) {
				fprintf(stderr, "netlab-tui: %s\n", cerr);
				goto fail;
			}
		}
		u->if_known = capfile_format(u->cf) == CAPFILE_PCAPNG;
		u->file_size = capfile_size(u->cf);
		if (!capfile_map(u->cf)) {
			fprintf(stderr, "netlab-tui: %s cannot be mapped into memory\n", o->read_file);
			goto fail;
		}
		u->st = store_new(capfile_map(u->cf), (size_t)capfile_size(u->cf));
		u->state = "loading";
		u->loading = 1;
		set_source_name(u, o->read_file);
	} else
		u->st = store_new(NULL, 0);
	return u;
fail:
	ui_close(u);
	*status = 2;
	return NULL;
}

int ui_run(const struct ui_config *cfg)
{
	struct sigaction sa;
	int status = 0;
	struct ui *u = ui_open(cfg, &status);

	if (!u)
		return status;
	setlocale(LC_CTYPE, "");
	theme_glyphs_init();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	fatal_set_cleanup(fatal_cleanup);
	if (term_open() < 0) {
		ui_close(u);
		return 1;
	}
	curses_on = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	ui_keys_init();
	theme_init();
	if (mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL))
		u->mouse = 1;
	mouseinterval(0);

	/* first screen at once: a short first slice, then draw */
	if (cfg->notice)
		ui_message(u, 0, "%s%s", cfg->notice,
		    cfg->visit_at_start ? " · v visits again, d shows the TCP diagram" : "");
	ui_leftover_notice(u);
	if (cfg->visit_at_start && u->server)	/* after the capture threads have started */
		u->visit = visit_job_start(u->srvcfg ? u->srvcfg->addr : HTTPD_DEFAULT_ADDR,
		    httpd_port(u->server), 700);
	ui_load_step(u, LOAD_FIRST_US);
	loop(u);
	if (u->tty_lost)
		curses_on = 0;		/* nothing to restore on a terminal that is gone */
	term_restore();
	fatal_set_cleanup(NULL);
	if (got_signal)
		status = got_signal == SIGINT ? 130 : 128 + got_signal;
	else if (u->tty_lost)
		status = 128 + SIGHUP;
	ui_spool_finish(u);
	ui_close(u);
	return status;
}

int ui_main(const struct ui_options *o)
{
	struct ui_config cfg = { .o = o };

	return ui_run(&cfg);
}
