/* list.c — the packet list pane, its row cache and the display filter pass.
 *
 * The list shows the displayed frames: every frame without a filter, otherwise the
 * sorted indices in flt.disp, filled by an incremental scan (ui_filter_step) that the
 * loop runs in slices, so filtering a million packets never freezes the screen and
 * Esc cancels it.  Rows are drawn from a small cache of re-dissected columns (the
 * strings print_columns() gives batch mode) keyed by frame index.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xmalloc.h"
#include "dissect/fvalue.h"
#include "dissect/registry.h"
#include "ui/ui_int.h"

size_t ui_ndisp(const struct ui *u)
{
	return u->flt.active ? u->flt.ndisp : store_count(u->st);
}

uint32_t ui_disp(const struct ui *u, size_t row)
{
	return u->flt.active ? u->flt.disp[row] : (uint32_t)row;
}

int64_t ui_sel_frame(const struct ui *u)
{
	size_t n = ui_ndisp(u);

	if (!n)
		return -1;
	return ui_disp(u, u->sel < n ? u->sel : n - 1);
}

void ui_select_row(struct ui *u, size_t row)
{
	size_t n = ui_ndisp(u);

	u->sel = n && row >= n ? n - 1 : row;
	u->dirty = 1;
	ui_detail_sync(u);
}

/* The displayed row holding idx, or the first after it (last row when none). */
static size_t row_of(const struct ui *u, uint32_t idx)
{
	size_t lo = 0, hi = ui_ndisp(u);

	if (!u->flt.active)
		return idx < hi ? idx : (hi ? hi - 1 : 0);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (u->flt.disp[mid] < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < u->flt.ndisp ? lo : (lo ? lo - 1 : 0);
}

void ui_select_frame(struct ui *u, uint32_t idx)
{
	ui_select_row(u, row_of(u, idx));
}

void ui_list_move(struct ui *u, long delta)
{
	size_t n = ui_ndisp(u);
	long r = (long)u->sel + delta;

	if (!n)
		return;
	if (r < 0)
		r = 0;
	if ((size_t)r >= n)
		r = (long)n - 1;
	if (delta < 0)
		u->follow = 0;
	u->flt.want_sel = -1;
	ui_select_row(u, (size_t)r);
}

/* ---- row cache ---- */

static const char *const color_fields[] = {
	"tcp.flags.syn", "tcp.flags.fin", "tcp.flags.reset", "tcp.analysis.flags",
	"tcp.analysis.window_update", "_ws.malformed", "_ws.expert.severity",
};

static void row_interest(struct ui *u)
{
	size_t nb = ((size_t)reg_count() + 7) / 8;

	u->rowinterest = xcalloc(nb, 1);
	for (size_t i = 0; i < sizeof(color_fields) / sizeof(color_fields[0]); i++) {
		const struct field_def *f = reg_lookup(color_fields[i]);
		if (f)
			u->rowinterest[reg_id(f) >> 3] |= (uint8_t)(1u << (reg_id(f) & 7));
	}
	u->rowtree = tree_new(0);
	tree_set_interest(u->rowtree, u->rowinterest);
}

static int has_field(const struct dtree *t, const char *name, int need_set)
{
	const struct field_def *f = reg_lookup(name);
	uint32_t n;

	if (!f)
		return 0;
	for (n = tree_find(t, f, 0); n; n = tree_find(t, f, n))
		if (!need_set || fv_uint(&t->nodes[n]))
			return 1;
	return 0;
}

const struct ui_row *ui_row(struct ui *u, uint32_t idx)
{
	struct ui_row *r = &u->rows[idx % UI_ROWCACHE];
	struct ui_colorinfo ci;
	const struct store_pkt *p;

	if (r->idx1 == idx + 1)
		return r;
	if (!u->rowtree)
		row_interest(u);
	ui_dissect(u, idx, u->rowtree, 1);
	if (u->flt.active) {	/* since the previous displayed row (-t dd) */
		size_t row = row_of(u, idx);
		u->pi.delta_disp_ts = row && u->flt.disp[row] == idx ?
		    u->pi.ts - store_get(u->st, u->flt.disp[row - 1])->ts : 0;
	}
	print_columns(&u->pi, &u->time, &r->cols);
	snprintf(r->info, sizeof(r->info), "%s", u->pi.info);
	r->cols.info = r->info;
	memset(&ci, 0, sizeof(ci));
	ci.pi = &u->pi;
	ci.syn = has_field(u->rowtree, "tcp.flags.syn", 1);
	ci.fin = has_field(u->rowtree, "tcp.flags.fin", 1);
	ci.rst = has_field(u->rowtree, "tcp.flags.reset", 1);
	ci.tcp_problem = has_field(u->rowtree, "tcp.analysis.flags", 0) &&
	    !has_field(u->rowtree, "tcp.analysis.window_update", 0);
	ci.bad = u->pi.malformed;
	ci.broadcast = u->pi.dl_dst.type == AT_ETHER && (u->pi.dl_dst.a[0] & 1);
	r->color = (uint8_t)theme_classify(&ci);
	p = store_get(u->st, idx);
	(void)p;
	r->idx1 = idx + 1;
	return r;
}

/* New packets arrived: keep following, extend the filter scan. */
void ui_list_new_packets(struct ui *u)
{
	if (u->follow && ui_ndisp(u)) {
		u->sel = ui_ndisp(u) - 1;
		ui_detail_sync(u);
	} else if (u->tree_idx < 0 && ui_ndisp(u))
		ui_detail_sync(u);
	u->dirty = 1;
}

/* ---- display filter pass ---- */

void ui_rows_forget(struct ui *u)
{
	for (size_t i = 0; i < UI_ROWCACHE; i++)
		u->rows[i].idx1 = 0;
	u->dirty = 1;
}

void ui_filter_free(struct ui *u)
{
	ui_rows_forget(u);	/* the Time column may show time since the previous displayed row */
	if (u->flt.df)
		dfilter_free(u->flt.df);
	u->flt.df = NULL;
	tree_free(u->flt.tree);
	u->flt.tree = NULL;
	free(u->flt.interest);
	u->flt.interest = NULL;
	free(u->flt.disp);
	u->flt.disp = NULL;
	u->flt.ndisp = u->flt.cap = 0;
	u->flt.active = 0;
	u->flt.conv = 0;
	u->flt.text[0] = '\0';
}

static void filter_start(struct ui *u, const char *text)
{
	int64_t sel = ui_sel_frame(u);

	snprintf(u->flt.text, sizeof(u->flt.text), "%s", text);
	u->flt.active = 1;
	u->flt.scan = 0;
	u->flt.ndisp = 0;
	u->flt.want_sel = sel;
	u->sel = u->top = 0;
	u->follow = 0;
	u->dirty = 1;
	ui_filter_step(u, 20000);
	if (!ui_ndisp(u))
		u->tree_idx = -2;	/* forces a rebuild once something shows */
	ui_detail_sync(u);
}

void ui_filter_clear(struct ui *u)
{
	int64_t sel = ui_sel_frame(u);

	ui_filter_free(u);
	if (sel >= 0)
		ui_select_frame(u, (uint32_t)sel);
	u->dirty = 1;
}

void ui_filter_apply_text(struct ui *u, const char *text)
{
	struct dfilter *df;
	size_t nb;

	while (*text == ' ')
		text++;
	if (!*text) {
		ui_filter_clear(u);
		return;
	}
	df = dfilter_compile(text, &u->ferr);
	if (!df) {
		ui_message(u, 1, "%s", u->ferr.msg);
		return;
	}
	ui_filter_free(u);
	u->flt.df = df;
	nb = ((size_t)reg_count() + 7) / 8;
	u->flt.interest = xcalloc(nb, 1);
	dfilter_interest(df, u->flt.interest);
	u->flt.tree = tree_new(0);
	tree_set_interest(u->flt.tree, u->flt.interest);
	filter_start(u, text);
}

void ui_filter_conv(struct ui *u, uint32_t conv, const char *text)
{
	ui_filter_free(u);
	u->flt.conv = conv;
	filter_start(u, text);
}

int ui_filter_step(struct ui *u, int budget_us)
{
	struct ui_filter_state *f = &u->flt;
	uint32_t n = store_count(u->st);
	int64_t t0 = ui_now_us();
	size_t before = f->ndisp;

	if (!f->active)
		return 0;
	while (f->scan < n) {
		uint32_t idx = f->scan++;
		int match;
		if (f->conv)
			match = store_get(u->st, idx)->conv == f->conv;
		else {
			ui_dissect(u, idx, f->tree, 0);
			match = dfilter_apply(f->df, f->tree, &u->pi);
		}
		if (match) {
			f->disp = xgrow(f->disp, &f->cap, f->ndisp + 1, sizeof(*f->disp));
			f->disp[f->ndisp++] = idx;
			if (f->want_sel >= 0 && idx >= (uint64_t)f->want_sel) {
				u->sel = f->ndisp - 1;
				f->want_sel = -1;
			}
		}
		if ((idx & 63) == 0 && ui_now_us() - t0 > budget_us)
			break;
	}
	if (f->ndisp != before) {
		u->dirty = 1;
		if (u->follow && f->ndisp)
			u->sel = f->ndisp - 1;
		if (before == 0 || u->follow || (int64_t)ui_sel_frame(u) != u->tree_idx)
			ui_detail_sync(u);
	}
	return f->scan < n;
}

/* ---- drawing ---- */

struct colw {
	int no, time, src, dst, proto, len;
};

static int maxi(int a, int b)
{
	return a > b ? a : b;
}

static void draw_cell(int y, int *x, int w, const char *s, int right, int sep)
{
	int sw = ui_width(s);

	if (w <= 0)
		return;
	if (right && sw < w) {
		mvhline(y, *x, ' ', w - sw);
		ui_put(y, *x + w - sw, sw, s, 1);
	} else
		ui_put(y, *x, w, s, 1);
	*x += w;
	if (sep) {
		mvaddch(y, *x, ' ');
		(*x)++;
	}
}

void ui_list_draw(struct ui *u)
{
	int y0 = u->y_of[PANE_LIST], h = u->rows_of[PANE_LIST], cols = COLS;
	int body = h - 1, x;
	size_t n = ui_ndisp(u);
	struct colw w = { 3, 4, 6, 6, 5, 3 };
	int cap = cols >= 140 ? 39 : cols >= 110 ? 22 : 15;
	char buf[64];

	if (h <= 0)
		return;
	if (body < 1)
		body = 1;
	if (u->sel >= n && n)
		u->sel = n - 1;
	if (u->sel < u->top)
		u->top = u->sel;
	if (u->sel >= u->top + (size_t)body)
		u->top = u->sel - (size_t)body + 1;
	if (u->top + (size_t)body > n)
		u->top = n > (size_t)body ? n - (size_t)body : 0;

	for (int i = 0; i < body && u->top + (size_t)i < n; i++) {
		const struct ui_row *r = ui_row(u, ui_disp(u, u->top + (size_t)i));
		w.no = maxi(w.no, (int)strlen(r->cols.no));
		w.time = maxi(w.time, (int)strlen(r->cols.time));
		w.src = maxi(w.src, (int)strlen(r->cols.src));
		w.dst = maxi(w.dst, (int)strlen(r->cols.dst));
		w.proto = maxi(w.proto, ui_width(r->cols.proto));
		w.len = maxi(w.len, (int)strlen(r->cols.len));
	}
	if (w.src > cap)
		w.src = cap;
	if (w.dst > cap)
		w.dst = cap;
	/* "WebSocket" whole at any width; longer names (DB-LSP-DISC/JSON) on wide screens */
	if (w.proto > (cols >= 110 ? 16 : 9))
		w.proto = cols >= 110 ? 16 : 9;

	attrset(theme_attr(UA_HEADER));
	mvhline(y0, 0, ' ', cols);
	x = 2;
	draw_cell(y0, &x, w.no, "No.", 1, 1);
	draw_cell(y0, &x, w.time, "Time", 0, 1);
	draw_cell(y0, &x, w.src, "Source", 0, 1);
	draw_cell(y0, &x, w.dst, w.dst >= 11 ? "Destination" : "Dest.", 0, 1);
	draw_cell(y0, &x, w.proto, w.proto >= 8 ? "Protocol" : "Proto", 0, 1);
	draw_cell(y0, &x, w.len, w.len >= 6 ? "Length" : "Len", 1, 1);
	if (x < cols)
		ui_put(y0, x, cols - x, "Info", 1);
	attrset(A_NORMAL);

	for (int i = 0; i < body; i++) {
		int y = y0 + 1 + i;
		size_t row = u->top + (size_t)i;
		const struct ui_row *r;
		const struct store_pkt *p;
		int a;

		if (row >= n) {
			attrset(A_NORMAL);
			mvhline(y, 0, ' ', cols);
			continue;
		}
		r = ui_row(u, ui_disp(u, row));
		p = store_get(u->st, ui_disp(u, row));
		if (row == u->sel)
			a = theme_attr(u->focus == PANE_LIST ? UA_SEL : UA_SEL_DIM);
		else
			a = theme_color_attr((enum ui_color)r->color);
		if (p->flags & STORE_F_MARKED)
			a |= A_BOLD;
		attrset(a);
		mvhline(y, 0, ' ', cols);
		x = 0;
		ui_put(y, x, 1, row == u->sel ? ui_g.sel : " ", 1);
		ui_put(y, x + 1, 1, p->flags & STORE_F_MARKED ? ui_g.mark : " ", 1);
		x = 2;
		draw_cell(y, &x, w.no, r->cols.no, 1, 1);
		draw_cell(y, &x, w.time, r->cols.time, 0, 1);
		ui_shorten(buf, sizeof(buf), r->cols.src, w.src);
		draw_cell(y, &x, w.src, buf, 0, 1);
		ui_shorten(buf, sizeof(buf), r->cols.dst, w.dst);
		draw_cell(y, &x, w.dst, buf, 0, 1);
		draw_cell(y, &x, w.proto, r->cols.proto, 0, 1);
		draw_cell(y, &x, w.len, r->cols.len, 1, 1);
		if (x < cols)
			ui_put(y, x, cols - x, r->info, 1);
	}
	attrset(A_NORMAL);
}

void ui_list_mouse(struct ui *u, int y, unsigned long bstate)
{
	int y0 = u->y_of[PANE_LIST] + 1;

	u->focus = PANE_LIST;
	if (ui_wheel(bstate)) {
		ui_list_move(u, 3 * ui_wheel(bstate));
		return;
	}
	if (y >= y0 && u->top + (size_t)(y - y0) < ui_ndisp(u)) {
		u->follow = 0;
		ui_select_row(u, u->top + (size_t)(y - y0));
	}
}
