/* ladder_view.c — the TCP state diagram (d): a ladder of one TCP stream with both
 * endpoints' RFC 9293 states beside their lanes, the state machine drawn with each
 * endpoint marked (m), and the Markdown export for a lab report (x).
 *
 * The model and every piece of text come from analysis/ladder.c, so what the screen
 * shows, --flow prints and the export writes are the same words.  The selected arrow
 * is the selected packet: each move calls ui_select_frame(), so the list, details and
 * bytes follow, and opening the view starts on the selected packet's arrow.
 * "What it carries" is the Info column of packets whose top protocol is not TCP
 * (GET /index.html HTTP/1.1, WebSocket Text), re-dissected lazily for the rows drawn.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/ladder.h"
#include "dissect/tcp_conv.h"
#include "core/xmalloc.h"
#include "ui/ladder_view.h"
#include "ui/ui_int.h"

enum dl_kind { DL_INIT, DL_PHASE, DL_SEG, DL_NOTE };

struct dline {
	uint8_t kind;		/* enum dl_kind */
	uint8_t note;		/* DL_NOTE: which note */
	uint32_t row;		/* ladder row (DL_PHASE: the row it precedes) */
};

enum { EX_NONE, EX_NAME, EX_OVERWRITE };

struct dview {
	struct ladder *l;
	uint32_t stream;
	uint8_t *carried;	/* per row: carries looked up */
	struct dline *lines;
	size_t nlines, linecap;
	size_t cur;		/* selected row */
	long top;		/* first body line shown */
	int machine;		/* state machine instead of the ladder */
	int body_y, body_h;	/* the ladder's rows on screen, as last drawn */
	int ex;			/* export prompt state */
	struct lineedit le;
	char path[512];
};

/* ---- model ---- */

static void build_lines(struct dview *v)
{
	int ph = -1;

	v->nlines = 0;
	v->lines = xgrow(v->lines, &v->linecap, 1, sizeof(*v->lines));
	v->lines[v->nlines++] = (struct dline){ DL_INIT, 0, 0 };
	for (size_t i = 0; i < v->l->n; i++) {
		const struct ladder_row *r = &v->l->rows[i];
		v->lines = xgrow(v->lines, &v->linecap, v->nlines + 2 + LADDER_NOTES, sizeof(*v->lines));
		if (r->phase != ph) {
			ph = r->phase;
			v->lines[v->nlines++] = (struct dline){ DL_PHASE, 0, (uint32_t)i };
		}
		v->lines[v->nlines++] = (struct dline){ DL_SEG, 0, (uint32_t)i };
		for (int k = 0; k < LADDER_NOTES; k++)
			if (r->note[k][0])
				v->lines[v->nlines++] = (struct dline){ DL_NOTE, (uint8_t)k, (uint32_t)i };
	}
}

static void set_ladder(struct dview *v, struct ladder *l)
{
	ladder_free(v->l);
	free(v->carried);
	v->l = l;
	v->carried = xcalloc(l->n ? l->n : 1, 1);
	if (v->cur >= l->n)
		v->cur = l->n ? l->n - 1 : 0;
	build_lines(v);
}

/* Stream of a frame number, -1 when no TCP stream holds it. */
static long stream_of_frame(struct ui *u, uint32_t frame)
{
	const struct tcpconv *tc = u->sess->tcp;
	uint32_t n = tcpconv_stream_count(tc), sr;

	if (!tcpconv_segments_kept(tc)) {
		/* the analysis names the stream of the frame it has just revisited */
		if (!frame || frame > store_count(u->st))
			return -1;
		ui_dissect(u, frame - 1, NULL, 0);
		return tcpconv_frame_stream(tc, frame, &sr) ? (long)sr : -1;
	}
	for (uint32_t s = 0; s < n; s++) {
		const struct tcpconv_stream *st = tcpconv_stream(tc, s);
		uint32_t lo = 0, hi;
		if (!st || frame < st->first_frame || frame > st->last_frame)
			continue;
		hi = st->nsegs;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			const struct tcpconv_seg *g = tcpconv_stream_seg(tc, s, mid);
			if (!g)
				break;
			if (g->frame < frame)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < st->nsegs) {
			const struct tcpconv_seg *g = tcpconv_stream_seg(tc, s, lo);
			if (g && g->frame == frame)
				return (long)s;
		}
	}
	return -1;
}

/* The ladder of stream s.  The TUI keeps no segment lists (memory per packet): the
 * stream's frames — those of its conversation (store_pkt.conv) between its first and
 * last frame — are re-dissected in capture order, and the analysis hands back the
 * segments the first pass saw.  Costs one re-dissection per frame of the stream. */
static struct ladder *ladder_build(struct ui *u, uint32_t s)
{
	struct tcpconv *tc = u->sess->tcp;
	const struct tcpconv_stream *sp = tcpconv_stream(tc, s);
	struct tcpconv_stream st;
	struct tcpconv_seg *segs;
	struct ladder *l;
	uint32_t count = store_count(u->st), conv, end;
	size_t n;

	if (!sp)
		return NULL;
	if (tcpconv_segments_kept(tc))
		return ladder_from_conv(tc, s);
	st = *sp;
	tcpconv_collect_begin(tc, s);
	if (st.first_frame && st.first_frame <= count) {
		conv = store_get(u->st, st.first_frame - 1)->conv;
		end = st.last_frame > st.first_frame ? st.last_frame : st.first_frame;
		if (end > count)
			end = count;
		for (uint32_t i = st.first_frame - 1; i < end; i++)
			if (!conv || store_get(u->st, i)->conv == conv)
				ui_dissect(u, i, NULL, 0);
	}
	segs = tcpconv_collect_end(tc, &n);
	l = ladder_new(&st, segs, n);
	free(segs);
	return l;
}

/* What row i carries: the Info column when a protocol above TCP claimed the payload. */
static void carries(struct ui *u, struct dview *v, size_t i)
{
	uint32_t frame;
	char buf[PI_INFO_MAX];

	if (i >= v->l->n || v->carried[i])
		return;
	v->carried[i] = 1;
	frame = v->l->rows[i].s.frame;
	if (!frame || frame > store_count(u->st))
		return;
	ui_dissect(u, frame - 1, NULL, 1);
	if (ladder_carries_text(&u->pi, buf, sizeof(buf)))
		ladder_set_carries(v->l, i, buf);
}

/* The whole ladder of stream s with what every row carries (headless runs). */
struct ladder *ui_ladder(struct ui *u, uint32_t s)
{
	struct ladder *l = ladder_build(u, s);
	char buf[PI_INFO_MAX];

	for (size_t i = 0; l && i < l->n; i++) {
		uint32_t frame = l->rows[i].s.frame;
		if (!frame || frame > store_count(u->st))
			continue;
		ui_dissect(u, frame - 1, NULL, 1);
		if (ladder_carries_text(&u->pi, buf, sizeof(buf)))
			ladder_set_carries(l, i, buf);
	}
	return l;
}

static void refresh_model(struct ui *u, struct dview *v)
{
	const struct tcpconv_stream *st;

	if (!u->sess || !u->sess->tcp)
		return;
	st = tcpconv_stream(u->sess->tcp, v->stream);
	if (st && st->nsegs != v->l->n) {
		struct ladder *l = ladder_build(u, v->stream);
		if (l)
			set_ladder(v, l);
	}
}

/* ---- drawing helpers ---- */

static long seg_line(const struct dview *v, size_t row)
{
	for (size_t i = 0; i < v->nlines; i++)
		if (v->lines[i].kind == DL_SEG && v->lines[i].row == row)
			return (long)i;
	return 0;
}

static int side_attr(int side)
{
	return theme_attr(side == 0 ? UA_DIR_A : UA_DIR_B);
}

/* How the connection ends, in one line; level 1 leaves out who closed first (the title
 * says it), level 2 is the shortest. */
static void short_close(const struct ladder *l, int level, char *buf, size_t n)
{
	int c = l->st.active_closer;
	const char *to = ui_g.utf8 ? "\xe2\x86\x92" : "->";

	if (c >= 0 && level >= 1 && l->st.close != TCPC_RESET && l->st.close != TCPC_SIMULTANEOUS) {
		if (level == 1)
			snprintf(buf, n, "%s ends in TIME-WAIT: waits 2MSL (2 %s max segment lifetime)",
			    ladder_side_name(c), ui_g.utf8 ? "\xc3\x97" : "x");
		else
			snprintf(buf, n, "%s ends in TIME-WAIT (2MSL)", ladder_side_name(c));
		return;
	}
	if (l->st.close == TCPC_RESET)
		snprintf(buf, n, level >= 2 ? "ends at once, no TIME-WAIT" :
		    "reset (RST): the connection ends at once, no TIME-WAIT");
	else if (l->st.close == TCPC_SIMULTANEOUS && level >= 2)
		snprintf(buf, n, "both go through CLOSING %s TIME-WAIT (2MSL)", to);
	else if (l->st.close == TCPC_SIMULTANEOUS)
		snprintf(buf, n, "FINs crossed: both ends go through CLOSING %s both in TIME-WAIT (2MSL)", to);
	else if (c < 0)
		snprintf(buf, n, "nobody closed yet (no FIN seen)");
	else
		snprintf(buf, n, "%s closed first %s %s ends in TIME-WAIT: waits 2MSL (2 %s max "
		    "segment lifetime)", ladder_side_name(c), to, ladder_side_name(c),
		    ui_g.utf8 ? "\xc3\x97" : "x");
}

/* The selected segment's state changes: "3/22 frame 3 ACK: server SYN-RECEIVED→
 * ESTABLISHED (rcv ACK of SYN)"; labels 0 leaves the RFC transition names out,
 * labels 2 gives only them ("step 3/22 (frame 3)  client: active OPEN / snd SYN …"),
 * labels 3 only them without the step. */
static void footer_text(const struct dview *v, int labels, char *buf, size_t n)
{
	const struct ladder_row *r;
	const char *to = ui_g.utf8 ? "\xe2\x86\x92" : "->";
	size_t at;
	char fl[64];

	if (!v->l->n) {
		snprintf(buf, n, "no segments");
		return;
	}
	r = &v->l->rows[v->cur];
	ladder_flags_str(r->s.flags, fl, sizeof(fl));
	if (labels == 3)
		at = 0, buf[0] = '\0';
	else if (labels == 2)
		at = (size_t)snprintf(buf, n, "step %zu/%zu (frame %" PRIu32 ")", v->cur + 1, v->l->n,
		    r->s.frame);
	else
		at = (size_t)snprintf(buf, n, "%zu/%zu frame %" PRIu32 " %s:", v->cur + 1, v->l->n,
		    r->s.frame, fl);
	if (!r->changed[0] && !r->changed[1]) {
		snprintf(buf + at, n > at ? n - at : 0, "%sno state change", at ? " " : "");
		return;
	}
	for (int k = 0; k < 2 && at < n; k++) {
		const char *lab = r->s.label[k];
		if (!r->changed[k])
			continue;
		/* a two-step change: from → via (via_label) → to (label) */
		const char *vlab = r->s.via[k] != TCPS_NONE && r->s.via_label[k] ?
		    r->s.via_label[k] : NULL;
		if (labels >= 2)
			at += (size_t)snprintf(buf + at, n - at, "%s%s: %s%s%s", at ? "  " : "",
			    ladder_side_name(k), vlab ? vlab : "", vlab ? ", " : "", lab ? lab : "");
		else
			at += (size_t)snprintf(buf + at, n - at, " %s %s%s%s%s%s%s%s%s%s%s",
			    ladder_side_name(k), tcpstate_name(r->before[k]), to,
			    r->s.via[k] != TCPS_NONE ? tcpstate_name(r->s.via[k]) : "",
			    r->s.via[k] != TCPS_NONE ? to : "",
			    tcpstate_name(r->s.state_after[k]), labels && lab ? " (" : "",
			    labels && vlab ? vlab : "", labels && vlab ? ", " : "",
			    labels && lab ? lab : "", labels && lab ? ")" : "");
	}
}

/* labels: the footer_text level tried first (1 on the ladder, 3 under the machine when
 * its header has no room for the transition names). */
static void draw_footer(struct dview *v, int y, int cols, int labels)
{
	char buf[1024];

	mvhline(y, 0, ' ', cols);
	if (v->ex == EX_NAME) {
		int x;
		attrset(A_BOLD);
		x = ui_put(y, 0, cols, "Export Markdown to: ", 0);
		attrset(A_NORMAL);
		le_draw(&v->le, y, x, cols - x - 1);
		return;
	}
	if (v->ex == EX_OVERWRITE) {
		attrset(theme_attr(UA_WARN));
		snprintf(buf, sizeof(buf), "%s exists. Overwrite? (y/n)", v->path);
		ui_put(y, 0, cols, buf, 0);
		attrset(A_NORMAL);
		return;
	}
	footer_text(v, labels, buf, sizeof(buf));
	if (ui_width(buf) > cols - 2)
		footer_text(v, labels == 3 ? 1 : 0, buf, sizeof(buf));
	if (ui_width(buf) > cols - 2)
		footer_text(v, 0, buf, sizeof(buf));
	attrset(A_BOLD);
	ui_put(y, 1, cols - 2, buf, 0);
	attrset(A_NORMAL);
}

/* The length snprintf left in a buffer of cap bytes: wide characters take up to 4 bytes
 * a column, so a line of parts may be cut. */
static size_t cut_at(size_t want, size_t cap)
{
	return want < cap ? want : cap - 1;
}

/* Packs parts into rows of w columns joined by sep, breaking between parts where it can
 * (a part wider than a row is word-wrapped).  Draws from row y when draw, at most maxrows
 * (the last one cut); returns the rows it needs. */
static int pack_parts(const char *const *parts, int nparts, const char *sep, int y, int w,
    int maxrows, int draw)
{
	char line[1024];
	int rows = 0, sw = ui_width(sep);
	size_t at = 0;

	line[0] = '\0';
	for (int i = 0; i < nparts; i++) {
		const char *p = parts[i];
		if (at && ui_width(line) + sw + ui_width(p) <= w) {
			at = cut_at(at + (size_t)snprintf(line + at, sizeof(line) - at, "%s%s", sep, p),
			    sizeof(line));
			continue;
		}
		if (at) {
			if (draw && rows < maxrows)
				ui_put(y + rows, 1, w, line, 0);
			rows++;
			line[0] = '\0';
		}
		while (ui_width(p) > w) {
			const char *next;
			size_t k = ui_wrap(p, w, &next);
			if (draw && rows < maxrows) {
				snprintf(line, sizeof(line), "%.*s", (int)k, p);
				ui_put(y + rows, 1, w, rows == maxrows - 1 ? p : line, 0);
			}
			rows++;
			p = next;
		}
		at = cut_at((size_t)snprintf(line, sizeof(line), "%s", p), sizeof(line));
	}
	if (at) {
		if (draw && rows < maxrows)
			ui_put(y + rows, 1, w, line, 0);
		rows++;
	}
	return rows;
}

/* The title with the keys at the right of row 0, then how the connection ends.  When
 * the title and the keys do not share a row, row 0 keeps "TCP stream N" and the keys,
 * and the title's other parts and the closing sentence follow, wrapped between parts
 * (up to three rows; the sentence shortens first).  Nothing is cut.  Returns the rows
 * used. */
static int draw_header(struct dview *v, int cols, const char *keys)
{
	char title[512], head[64], buf[512], part[8][512], closing[1100];
	const char *parts[9];
	const char *sep = ui_g.utf8 ? " \xc2\xb7 " : " - ";
	int kw = ui_width(keys), n, np = 0, rows = 0, merge;
	int closer = v->l->st.active_closer >= 0 && v->l->st.close != TCPC_RESET &&
	    v->l->st.close != TCPC_SIMULTANEOUS;
	const char *rest;

	ladder_title(v->l, ui_g.utf8, title, sizeof(title));
	attrset(theme_attr(UA_HEADER));
	mvhline(0, 0, ' ', cols);
	if (kw + 16 < cols)
		ui_put(0, cols - kw - 1, kw, keys, 0);
	else
		kw = -2;
	if (ui_width(title) + kw + 3 <= cols) {
		ui_put(0, 1, cols - kw - 3, title, 0);
		attrset(A_NORMAL);
		for (int level = 0; level < 3; level++) {
			short_close(v->l, level, buf, sizeof(buf));
			if (ui_width(buf) <= cols - 2)
				break;
		}
		mvhline(1, 0, ' ', cols);
		mvhline(2, 0, ' ', cols);
		return 1 + ui_put_wrapped(1, 1, cols - 2, 2, buf);
	}
	n = snprintf(head, sizeof(head), "TCP stream %" PRIu32 "%s", v->l->st.index, sep);
	rest = strncmp(title, head, (size_t)n) == 0 ? title + n : title;
	head[(size_t)n - strlen(sep)] = '\0';
	ui_put(0, 1, cols - kw - 3, rest == title ? "" : head, 0);
	attrset(A_NORMAL);
	while (*rest && np < 7) {
		const char *e = strstr(rest, sep);
		size_t k = e ? (size_t)(e - rest) : strlen(rest);
		snprintf(part[np], sizeof(part[0]), "%.*s", (int)k, rest);
		parts[np] = part[np];
		np++;
		rest += k + (e ? strlen(sep) : 0);
	}
	/* the closer's part carries the sentence: "client closed first → …" */
	merge = closer && np;
	if (!merge)
		np++;
	for (int level = 1; level < 3; level++) {
		short_close(v->l, level, buf, sizeof(buf));
		if (merge)
			snprintf(closing, sizeof(closing), "%.511s %s %s", part[np - 1],
			    ui_g.utf8 ? "\xe2\x86\x92" : "->", buf);
		else
			snprintf(closing, sizeof(closing), "%s", buf);
		parts[np - 1] = closing;
		rows = pack_parts(parts, np, sep, 1, cols - 2, 3, 0);
		if (rows <= 2)
			break;
	}
	for (int i = 1; i <= 3; i++)
		mvhline(i, 0, ' ', cols);
	rows = pack_parts(parts, np, sep, 1, cols - 2, 3, 1);
	return 1 + (rows < 3 ? rows : 3);
}

/* ---- the ladder ---- */

static void draw_state(int y, int x, int w, const struct ladder_row *r, int side, int sel)
{
	if (sel)
		attrset(theme_attr(UA_SEL));
	else if (r->changed[side])
		attrset(side_attr(side) | A_BOLD | A_UNDERLINE);
	else
		attrset(theme_attr(UA_DIM));
	ui_put(y, x, w, tcpstate_name(r->s.state_after[side]), 0);
	attrset(A_NORMAL);
}

/* The lane titles on row hy: two even on loopback, where only the ports differ. */
static void draw_lanes(const struct dview *v, const struct ladder_layout *lo, int hy, int cols)
{
	char buf[1024];
	int w;

	mvhline(hy, 0, ' ', cols);
	attrset(side_attr(0) | A_BOLD);
	snprintf(buf, sizeof(buf), "client %s", v->l->lane[0]);
	ui_put(hy, lo->num_w + 1, cols / 2 - lo->num_w - 2, buf, 0);
	attrset(side_attr(1) | A_BOLD);
	snprintf(buf, sizeof(buf), "server %s", v->l->lane[1]);
	w = ui_width(buf);
	if (w > cols / 2 - 1)
		w = cols / 2 - 1;
	ui_put(hy, cols - w, w, buf, 0);
	attrset(A_NORMAL);
}

/* Scrolls so the selected arrow and its notes are on the body's screen. */
static void keep_selection_visible(struct dview *v, int body)
{
	long sl = seg_line(v, v->cur), end;

	if (sl < v->top)
		v->top = sl;
	end = sl;
	while ((size_t)end + 1 < v->nlines && v->lines[end + 1].kind == DL_NOTE)
		end++;
	if (end - sl < body && end >= v->top + body)
		v->top = end - body + 1;
	if (sl >= v->top + body)
		v->top = sl - body + 1;
	if (v->top > 0 && v->top + body > (long)v->nlines)
		v->top = (long)v->nlines - body > 0 ? (long)v->nlines - body : 0;
}

static void draw_init_line(const struct dview *v, const struct ladder_layout *lo, int sy)
{
	attrset(theme_attr(UA_DIM));
	ui_put(sy, 0, lo->num_w, "", 0);
	attrset(side_attr(0));
	ui_put(sy, lo->num_w + 1, lo->state_w, tcpstate_name(v->l->initial[0]), 0);
	attrset(side_attr(1));
	ui_put(sy, lo->right_x, lo->state_w, tcpstate_name(v->l->initial[1]), 0);
	attrset(theme_attr(UA_DIM));
	if (!v->l->n)
		ui_put(sy, lo->arrow_x, lo->arrow_w, "(no segments)", 0);
	attrset(A_NORMAL);
}

static void draw_phase_line(const struct ladder_layout *lo, int sy, const struct ladder_row *r)
{
	const char *h = ui_g.utf8 ? "\xe2\x94\x88" : ".";
	char buf[1024];
	int w;

	attrset(theme_attr(UA_DIM));
	snprintf(buf, sizeof(buf), "%s%s%s %s ", h, h, h,
	    ladder_phase_name((enum ladder_phase)r->phase));
	w = ui_put(sy, lo->arrow_x, lo->arrow_w, buf, 0);
	for (; w < lo->arrow_w; w++)
		addstr(h);
	attrset(A_NORMAL);
}

/* A segment's row: frame number, both states and the arrow between them. */
static void draw_seg_line(struct ui *u, struct dview *v, const struct ladder_layout *lo, int sy,
    const struct dline *d, const struct ladder_row *r)
{
	int sel = d->row == v->cur;
	char buf[1024];

	carries(u, v, d->row);
	snprintf(buf, sizeof(buf), "%*" PRIu32, lo->num_w, r->s.frame);
	attrset(sel ? theme_attr(UA_SEL) : (int)A_NORMAL);
	ui_put(sy, 0, lo->num_w + 1, buf, 1);
	draw_state(sy, lo->num_w + 1, lo->state_w, r, 0, sel);
	ladder_arrow(v->l, d->row, lo->arrow_w, ui_g.utf8, buf, sizeof(buf));
	/* analysis marks (retransmission …) in the warning colour */
	attrset(sel ? theme_attr(UA_SEL) : r->s.aflags ? theme_attr(UA_WARN) :
	    side_attr(r->s.dir));
	if (sel)
		mvhline(sy, lo->num_w + 1 + lo->state_w, ' ', lo->right_x - lo->num_w - 1 - lo->state_w);
	ui_put(sy, lo->arrow_x, lo->arrow_w, buf, 0);
	draw_state(sy, lo->right_x, lo->state_w, r, 1, sel);
	attrset(A_NORMAL);
}

static void ladder_draw(struct ui *u, int rows, int cols)
{
	struct dview *v = ui_view_state(u);
	struct ladder_layout lo;
	int body, y, hy;
	const char *keys = ui_g.utf8 ? "m machine \xc2\xb7 x export \xc2\xb7 q back" :
	    "m machine | x export | q back";

	refresh_model(u, v);
	ladder_layout(cols, &lo);
	hy = draw_header(v, cols, keys);
	body = rows - hy - 2;
	if (body < 1)
		body = 1;
	v->body_y = hy + 1;
	v->body_h = body;
	draw_lanes(v, &lo, hy, cols);
	keep_selection_visible(v, body);

	for (y = 0; y < body; y++) {
		long li = v->top + y;
		int sy = v->body_y + y;
		const struct dline *d;
		const struct ladder_row *r;
		mvhline(sy, 0, ' ', cols);
		if (li < 0 || (size_t)li >= v->nlines)
			continue;
		d = &v->lines[li];
		r = v->l->n ? &v->l->rows[d->row] : NULL;
		switch (d->kind) {
		case DL_INIT:
			draw_init_line(v, &lo, sy);
			break;
		case DL_PHASE:
			draw_phase_line(&lo, sy, r);
			break;
		case DL_SEG:
			draw_seg_line(u, v, &lo, sy, d, r);
			break;
		case DL_NOTE:
			attrset(theme_attr(UA_DIM));
			ui_put(sy, lo.arrow_x + 1, cols - lo.arrow_x - 2, r->note[d->note], 0);
			attrset(A_NORMAL);
			break;
		}
	}
	draw_footer(v, rows - 1, cols, 1);
}

/* ---- the state machine (tcp_machine.c draws the figure) ---- */

static void machine_draw(struct ui *u, int rows, int cols)
{
	struct dview *v = ui_view_state(u);
	uint8_t st[2];
	const char *keys = ui_g.utf8 ? "\xe2\x86\x90/\xe2\x86\x92 step \xc2\xb7 m ladder \xc2\xb7 q back" :
	    "</> step | m ladder | q back";

	int flabels = 1;

	refresh_model(u, v);
	{
		/* the transition just taken replaces the title here; when it does not fit
		 * beside the keys, the step stays here and the transition names go to the
		 * footer */
		char buf[512];
		int kw = ui_width(keys);
		footer_text(v, 2, buf, sizeof(buf));
		if (ui_width(buf) + kw + 3 > cols && v->l->n) {
			snprintf(buf, sizeof(buf), "step %zu/%zu (frame %" PRIu32 ")", v->cur + 1,
			    v->l->n, v->l->rows[v->cur].s.frame);
			flabels = 3;
		}
		attrset(theme_attr(UA_HEADER));
		mvhline(0, 0, ' ', cols);
		ui_put(0, 1, cols - 2 - (ui_width(buf) + kw + 3 <= cols ? kw + 2 : 0), buf, 0);
		if (ui_width(buf) + kw + 3 <= cols)
			ui_put(0, cols - kw - 1, kw, keys, 0);
		attrset(A_NORMAL);
	}
	for (int y = 1; y < rows - 1; y++)
		mvhline(y, 0, ' ', cols);
	if (v->l->n) {
		st[0] = v->l->rows[v->cur].s.state_after[0];
		st[1] = v->l->rows[v->cur].s.state_after[1];
	} else {
		st[0] = v->l->initial[0];
		st[1] = v->l->initial[1];
	}
	ui_machine_figure(rows, cols, st);
	draw_footer(v, rows - 1, cols, flabels);
}

static void diagram_draw(struct ui *u, int rows, int cols)
{
	struct dview *v = ui_view_state(u);

	if (v->machine)
		machine_draw(u, rows, cols);
	else
		ladder_draw(u, rows, cols);
}

/* ---- export ---- */

static int export_to(struct ui *u, struct dview *v, const char *path, int overwrite)
{
	FILE *fp;
	int rc;

	for (size_t i = 0; i < v->l->n; i++)
		carries(u, v, i);
	fp = fopen(path, overwrite ? "w" : "wx");
	if (!fp) {
		if (errno == EEXIST)
			return 1;
		ui_message(u, 1, "cannot write %s: %s (choose another name or directory)", path,
		    strerror(errno));
		return -1;
	}
	rc = ladder_write_markdown(fp, v->l);
	if (fclose(fp) != 0 || rc < 0) {
		ui_message(u, 1, "writing %s failed: %s (disk full?)", path, strerror(errno));
		return -1;
	}
	ui_message(u, 0, "wrote %s (stream %" PRIu32 ", %zu segments)", path, v->stream, v->l->n);
	return 0;
}

static int export_key(struct ui *u, struct dview *v, int key)
{
	if (v->ex == EX_OVERWRITE) {
		if (key == 'y' || key == 'Y')
			export_to(u, v, v->path, 1);
		else
			ui_message(u, 0, "not overwritten");
		v->ex = EX_NONE;
		return 1;
	}
	switch (key) {
	case 27:
		v->ex = EX_NONE;
		return 1;
	case '\r':
	case '\n':
	case KEY_ENTER:
		if (!v->le.len) {
			v->ex = EX_NONE;
			return 1;
		}
		snprintf(v->path, sizeof(v->path), "%.*s", v->le.len, v->le.buf);
		v->ex = export_to(u, v, v->path, 0) == 1 ? EX_OVERWRITE : EX_NONE;
		return 1;
	default:
		le_key(&v->le, key);
		return 1;
	}
}

/* ---- keys ---- */

static void go_row(struct ui *u, long row)
{
	struct dview *v = ui_view_state(u);

	if (!v->l->n)
		return;
	if (row < 0)
		row = 0;
	if ((size_t)row >= v->l->n)
		row = (long)v->l->n - 1;
	v->cur = (size_t)row;
	ui_select_frame(u, v->l->rows[v->cur].s.frame - 1);
}

static long body_rows(const struct dview *v)
{
	return v->body_h > 1 ? v->body_h : 1;
}

static void k_next(struct ui *u) { go_row(u, (long)((struct dview *)ui_view_state(u))->cur + 1); }
static void k_prev(struct ui *u) { go_row(u, (long)((struct dview *)ui_view_state(u))->cur - 1); }
static void k_pgdn(struct ui *u)
{
	struct dview *v = ui_view_state(u);
	long sl = seg_line(v, v->cur) + body_rows(v);
	size_t r = v->cur;

	while (r + 1 < v->l->n && seg_line(v, r + 1) <= sl)
		r++;
	go_row(u, (long)(r == v->cur ? r + 1 : r));
}
static void k_pgup(struct ui *u)
{
	struct dview *v = ui_view_state(u);
	long sl = seg_line(v, v->cur) - body_rows(v);
	size_t r = v->cur;

	while (r > 0 && seg_line(v, r - 1) >= sl)
		r--;
	go_row(u, (long)(r == v->cur && r ? r - 1 : r));
}
static void k_first(struct ui *u) { go_row(u, 0); }
static void k_last(struct ui *u) { go_row(u, 1L << 40); }
static void k_machine(struct ui *u)
{
	struct dview *v = ui_view_state(u);

	v->machine = !v->machine;
	clear();
}
static void k_export(struct ui *u)
{
	struct dview *v = ui_view_state(u);
	char name[64];

	snprintf(name, sizeof(name), "tcp-stream-%" PRIu32 ".md", v->stream);
	le_set(&v->le, name);
	v->ex = EX_NAME;
}
static void k_enter(struct ui *u)
{
	struct dview *v = ui_view_state(u);
	uint32_t frame = v->l->n ? v->l->rows[v->cur].s.frame : 0;

	ui_view_pop(u);
	if (frame) {
		ui_select_frame(u, frame - 1);
		u->focus = PANE_DETAIL;
	}
}
/* Back one level: from the state machine to the ladder, from the ladder to the packets. */
static void k_close(struct ui *u)
{
	struct dview *v = ui_view_state(u);

	if (v->machine) {
		v->machine = 0;
		clear();
	} else
		ui_view_pop(u);
}

const struct ui_key ui_diagram_keys[] = {
	{ 'j', "j", UI_CTX_VIEW, k_next, "next segment (the packet selection follows)" },
	{ KEY_DOWN, "Down", UI_CTX_VIEW, k_next, NULL },
	{ KEY_RIGHT, "Right", UI_CTX_VIEW, k_next, NULL },
	{ 'l', "l", UI_CTX_VIEW, k_next, NULL },
	{ 'k', "k", UI_CTX_VIEW, k_prev, "previous segment" },
	{ KEY_UP, "Up", UI_CTX_VIEW, k_prev, NULL },
	{ KEY_LEFT, "Left", UI_CTX_VIEW, k_prev, NULL },
	{ 'h', "h", UI_CTX_VIEW, k_prev, NULL },
	UI_KEYS_PAGE(k_pgdn, k_pgup),
	UI_KEYS_HOME_END(k_first, "first segment", k_last, "last segment"),
	{ 'm', "m", UI_CTX_VIEW, k_machine, "RFC 9293 state machine with both endpoints marked, or back to the ladder" },
	{ 'x', "x", UI_CTX_VIEW, k_export, "export the conversation as Markdown for a lab report (asks for the file name)" },
	UI_KEYS_ENTER(k_enter, "go to the packet of the selected arrow (details)"),
	UI_KEYS_CLOSE(k_close, "back: from the state machine to the ladder, from the ladder to the packets (the selected arrow stays selected)"),
	{ 0, NULL, 0, NULL, NULL }
};

static int diagram_key(struct ui *u, int key)
{
	struct dview *v = ui_view_state(u);

	if (v->ex != EX_NONE)
		return export_key(u, v, key);
	return ui_key_dispatch(u, ui_diagram_keys, 0, key);
}

static void diagram_mouse(struct ui *u, int y, int x, unsigned long bstate)
{
	struct dview *v = ui_view_state(u);
	long li;

	(void)x;
	if (ui_wheel(bstate)) {
		if (ui_wheel(bstate) < 0)
			k_prev(u);
		else
			k_next(u);
		return;
	}
	if (v->machine || y < v->body_y)
		return;
	li = v->top + (y - v->body_y);
	if (li >= 0 && (size_t)li < v->nlines && v->lines[li].kind != DL_INIT &&
	    v->lines[li].kind != DL_PHASE) {
		if (v->lines[li].row == v->cur && (bstate & BUTTON1_DOUBLE_CLICKED))
			k_enter(u);
		else
			go_row(u, v->lines[li].row);
	}
}

static void diagram_close(struct ui *u)
{
	struct dview *v = ui_view_state(u);

	ladder_free(v->l);
	free(v->carried);
	free(v->lines);
	free(v);
}

static const struct ui_view diagram_view = { "diagram", diagram_draw, diagram_key,
	diagram_mouse, diagram_close, NULL };

static void push_diagram(struct ui *u, uint32_t stream, struct ladder *l, size_t row)
{
	struct dview *v = xcalloc(1, sizeof(*v));

	v->stream = stream;
	set_ladder(v, l);
	v->cur = row;
	ui_view_push(u, &diagram_view, v);
}

void ui_diagram_open(struct ui *u)
{
	int64_t sel = ui_sel_frame(u);
	struct ladder *l;
	long s, row;

	if (sel < 0)
		return;
	if (!u->sess || !u->sess->tcp) {
		ui_message(u, 1, "the TCP diagram needs the TCP analysis, missing in this build");
		return;
	}
	s = stream_of_frame(u, (uint32_t)sel + 1);
	if (s < 0) {
		ui_message(u, 1, "packet %" PRId64 " is not a TCP segment: select a TCP packet, then d",
		    sel + 1);
		return;
	}
	l = ladder_build(u, (uint32_t)s);
	if (!l)
		return;
	row = ladder_find_frame(l, (uint32_t)sel + 1);
	if (row < 0 && !tcpconv_segments_kept(u->sess->tcp)) {
		/* a segment the analysis did not sequence (header past the IP payload) */
		ladder_free(l);
		ui_message(u, 1, "packet %" PRId64 " is not a TCP segment: select a TCP packet, then d",
		    sel + 1);
		return;
	}
	push_diagram(u, (uint32_t)s, l, row >= 0 ? (size_t)row : 0);
}

void ui_diagram_open_stream(struct ui *u, uint32_t stream)
{
	struct ladder *l = u->sess && u->sess->tcp ? ladder_build(u, stream) : NULL;

	if (!l) {
		ui_message(u, 1, "no TCP diagram for tcp.stream %u", stream);
		return;
	}
	push_diagram(u, stream, l, 0);
}
