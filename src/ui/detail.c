/* detail.c — the detail tree pane and the hex pane of the selected packet.
 *
 * The selected frame is re-dissected into a tree with labels (pinfo.visited = 1, so
 * the analysis reuses the first pass's results); labels come from fv_label(), the
 * same text -V prints, already escaped.  Which subtrees are open is remembered by a
 * key per node (its field, or its label's name part for text-only nodes), so moving
 * to another packet keeps TCP open when TCP was open.
 */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/fvalue.h"
#include "dissect/registry.h"
#include "ui/ui_int.h"

#define HEX_ASCII_COL 56

static uint32_t node_key(const struct dtree *t, const struct fnode *n)
{
	const char *s;
	uint32_t h = 2166136261u;

	if (n->f)
		return n->id + 1;
	s = tree_node_text(t, n);
	for (; s && *s && *s != ':' && *s != '(' && !(*s >= '0' && *s <= '9'); s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h | 0x80000000u;
}

static size_t exp_find(const struct ui *u, uint32_t key)
{
	size_t i = (key * 2654435761u) & (u->expcap - 1);

	while (u->expanded[i] && u->expanded[i] != key)
		i = (i + 1) & (u->expcap - 1);
	return i;
}

static int exp_has(const struct ui *u, uint32_t key)
{
	return u->expcap && u->expanded[exp_find(u, key)] == key;
}

static void exp_add(struct ui *u, uint32_t key)
{
	if ((u->nexp + 1) * 2 > u->expcap) {
		uint32_t *old = u->expanded;
		size_t oldcap = u->expcap;
		u->expcap = u->expcap ? u->expcap * 2 : 64;
		u->expanded = xcalloc(u->expcap, sizeof(*u->expanded));
		u->nexp = 0;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i])
				u->expanded[exp_find(u, old[i])] = old[i], u->nexp++;
		free(old);
	}
	size_t i = exp_find(u, key);
	if (!u->expanded[i]) {
		u->expanded[i] = key;
		u->nexp++;
	}
}

static void exp_del(struct ui *u, uint32_t key)
{
	/* Rebuild without the key: the set is small. */
	uint32_t *old = u->expanded;
	size_t cap = u->expcap;

	if (!exp_has(u, key))
		return;
	u->expanded = NULL;
	u->expcap = u->nexp = 0;
	for (size_t i = 0; i < cap; i++)
		if (old[i] && old[i] != key)
			exp_add(u, old[i]);
	free(old);
}

static int is_open(const struct ui *u, const struct fnode *n)
{
	return exp_has(u, node_key(u->tree, n)) != !!(n->flags & TN_EXPANDED);
}

static void add_lines(struct ui *u, uint32_t i)
{
	for (; i; i = u->tree->nodes[i].next) {
		const struct fnode *n = &u->tree->nodes[i];
		if (n->flags & TN_HIDDEN)
			continue;
		u->dlines = xgrow(u->dlines, &u->dlines_cap, u->ndlines + 1, sizeof(*u->dlines));
		u->dlines[u->ndlines++] = i;
		if (n->first && is_open(u, n))
			add_lines(u, n->first);
	}
}

static void rebuild_lines(struct ui *u)
{
	u->ndlines = 0;
	if (u->tree_idx >= 0)
		add_lines(u, u->tree->nodes[0].first);
	if (u->dcur >= u->ndlines)
		u->dcur = u->ndlines ? u->ndlines - 1 : 0;
}

const struct fnode *ui_detail_focus(struct ui *u)
{
	if (u->tree_idx < 0 || !u->ndlines)
		return NULL;
	return &u->tree->nodes[u->dlines[u->dcur]];
}

static void focus_changed(struct ui *u)
{
	const struct fnode *n = ui_detail_focus(u);

	u->dfocus_f = n ? n->f : NULL;
	if (n) {
		u->hex_src = n->src;
		if (n->len)
			u->hex_cur = n->off;
	}
	u->dirty = 1;
}

void ui_detail_sync(struct ui *u)
{
	int64_t idx = ui_sel_frame(u);
	const struct field_def *want = u->dfocus_f;

	if (idx == u->tree_idx)
		return;
	if (!u->tree)
		u->tree = tree_new(1);
	u->tree_idx = idx;
	u->dcur = u->dtop = 0;
	u->hex_cur = 0;
	u->hex_src = 0;
	u->hex_top = 0;
	if (idx >= 0)
		ui_dissect(u, (uint32_t)idx, u->tree, 1);
	rebuild_lines(u);
	for (size_t i = 0; want && i < u->ndlines; i++)
		if (u->tree->nodes[u->dlines[i]].f == want) {
			u->dcur = i;
			break;
		}
	focus_changed(u);
	u->dfocus_f = want ? want : u->dfocus_f;
	u->dirty = 1;
}

void ui_detail_move(struct ui *u, long delta)
{
	long r = (long)u->dcur + delta;

	if (!u->ndlines)
		return;
	if (r < 0)
		r = 0;
	if ((size_t)r >= u->ndlines)
		r = (long)u->ndlines - 1;
	u->dcur = (size_t)r;
	focus_changed(u);
}

void ui_detail_toggle(struct ui *u, int how)
{
	const struct fnode *n = ui_detail_focus(u);
	uint32_t key;
	int open;

	if (!n)
		return;
	key = node_key(u->tree, n);
	open = n->first && is_open(u, n);
	if (how < 0 && (!open || !n->first)) {
		/* ← on a closed node goes to its parent, as in Wireshark */
		uint32_t parent = n->parent;
		for (size_t i = 0; parent && i < u->ndlines; i++)
			if (u->dlines[i] == parent) {
				u->dcur = i;
				focus_changed(u);
				break;
			}
		return;
	}
	if (!n->first || (how > 0 && open))
		return;
	if (exp_has(u, key))
		exp_del(u, key);
	else
		exp_add(u, key);
	rebuild_lines(u);
	u->dirty = 1;
}

void ui_detail_all(struct ui *u, int expand)
{
	if (u->tree_idx < 0)
		return;
	if (!expand) {
		free(u->expanded);
		u->expanded = NULL;
		u->expcap = u->nexp = 0;
		/* nodes open by default: mark them closed */
		for (uint32_t i = 1; i < u->tree->n; i++)
			if (u->tree->nodes[i].first && (u->tree->nodes[i].flags & TN_EXPANDED))
				exp_add(u, node_key(u->tree, &u->tree->nodes[i]));
	} else {
		for (uint32_t i = 1; i < u->tree->n; i++) {
			const struct fnode *n = &u->tree->nodes[i];
			uint32_t key = node_key(u->tree, n);
			if (!n->first)
				continue;
			if (n->flags & TN_EXPANDED) {
				if (exp_has(u, key))
					exp_del(u, key);
			} else
				exp_add(u, key);
		}
	}
	rebuild_lines(u);
	u->dirty = 1;
}

/* The pane's lines (every one, not only those on screen) as text, indented four
 * spaces a level as -V prints them (headless runs). */
void ui_detail_text(struct ui *u, FILE *fp)
{
	char label[4096];

	for (size_t line = 0; line < u->ndlines; line++) {
		const struct fnode *n = &u->tree->nodes[u->dlines[line]];
		fv_label(u->tree, n, label, sizeof(label));
		fprintf(fp, "%*s%s\n", 4 * n->depth, "", label);
		print_node_data(fp, u->tree, n);
	}
}

void ui_detail_draw(struct ui *u)
{
	int y0 = u->y_of[PANE_DETAIL] + 1, h = u->rows_of[PANE_DETAIL] - 1;
	char label[4096];

	if (h <= 0)
		return;
	if (u->dcur < u->dtop)
		u->dtop = u->dcur;
	if (u->dcur >= u->dtop + (size_t)h)
		u->dtop = u->dcur - (size_t)h + 1;
	for (int i = 0; i < h; i++) {
		size_t line = u->dtop + (size_t)i;
		const struct fnode *n;
		int x, a = A_NORMAL;

		attrset(A_NORMAL);
		mvhline(y0 + i, 0, ' ', COLS);
		if (line >= u->ndlines)
			continue;
		n = &u->tree->nodes[u->dlines[line]];
		if (n->flags & (TN_MALFORMED))
			a = theme_attr(UA_ERROR);
		else if (n->flags & TN_WARN)
			a = theme_attr(UA_WARN);
		if (line == u->dcur)
			a = theme_attr(u->focus == PANE_DETAIL ? UA_SEL : UA_SEL_DIM);
		fv_label(u->tree, n, label, sizeof(label));
		x = 1 + 2 * n->depth;
		if (x > COLS / 2)
			x = COLS / 2;
		attrset(a);
		ui_put(y0 + i, x, 2, n->first ? (is_open(u, n) ? ui_g.open : ui_g.closed) : " ", 1);
		ui_put(y0 + i, x + 2, COLS - x - 2, label, line == u->dcur);
	}
	attrset(A_NORMAL);
}

/* The deepest node of the current source that holds byte off (smallest on ties). */
static uint32_t node_at(const struct dtree *t, int src, uint32_t off)
{
	uint32_t best = 0;

	for (uint32_t i = 1; i < t->n; i++) {
		const struct fnode *n = &t->nodes[i];
		if (n->src != src || !n->len || off < n->off || off - n->off >= n->len ||
		    (n->flags & TN_HIDDEN))
			continue;
		if (!best || n->depth > t->nodes[best].depth ||
		    (n->depth == t->nodes[best].depth && n->len < t->nodes[best].len))
			best = i;
	}
	return best;
}

static void focus_node(struct ui *u, uint32_t node)
{
	/* open its ancestors, then put the cursor on it */
	for (uint32_t p = u->tree->nodes[node].parent; p; p = u->tree->nodes[p].parent)
		if (!is_open(u, &u->tree->nodes[p])) {
			uint32_t key = node_key(u->tree, &u->tree->nodes[p]);
			if (exp_has(u, key))
				exp_del(u, key);
			else
				exp_add(u, key);
		}
	rebuild_lines(u);
	for (size_t i = 0; i < u->ndlines; i++)
		if (u->dlines[i] == node) {
			u->dcur = i;
			break;
		}
	{
		const struct fnode *n = ui_detail_focus(u);
		u->dfocus_f = n ? n->f : NULL;
	}
	u->dirty = 1;
}

static const struct dsource *hex_source(struct ui *u)
{
	if (u->tree_idx < 0 || !u->tree->nsrc)
		return NULL;
	if (u->hex_src >= u->tree->nsrc)
		u->hex_src = 0;
	return &u->tree->src[u->hex_src];
}

void ui_hex_move(struct ui *u, long delta)
{
	const struct dsource *s = hex_source(u);
	long b;
	uint32_t node;

	if (!s || !s->len)
		return;
	b = (long)u->hex_cur + delta;
	if (b < 0)
		b = 0;
	if ((uint32_t)b >= s->len)
		b = (long)s->len - 1;
	u->hex_cur = (uint32_t)b;
	node = node_at(u->tree, u->hex_src, u->hex_cur);
	if (node)
		focus_node(u, node);
	u->dirty = 1;
}

void ui_hex_draw(struct ui *u)
{
	int y0 = u->y_of[PANE_HEX] + 1, h = u->rows_of[PANE_HEX] - 1;
	const struct dsource *s = hex_source(u);
	const struct fnode *f = ui_detail_focus(u);
	uint32_t hs = 0, he = 0, rows;
	char line[128];
	int ascii = COLS >= 72;

	for (int i = 0; i < h; i++) {
		attrset(A_NORMAL);
		mvhline(y0 + i, 0, ' ', COLS);
	}
	if (h <= 0 || !s)
		return;
	if (f && f->src == u->hex_src && f->len) {
		hs = f->off;
		he = f->off + f->len;
	}
	rows = (s->len + 15) / 16;
	/* keep the cursor (hex focus) or the highlighted field in view */
	{
		uint32_t want = (u->focus == PANE_HEX ? u->hex_cur : hs) / 16;
		if (want < u->hex_top)
			u->hex_top = want;
		if (want >= u->hex_top + (size_t)h)
			u->hex_top = want - (size_t)h + 1;
		if (u->focus != PANE_HEX && he > hs && (he - 1) / 16 >= u->hex_top + (size_t)h &&
		    (he - 1) / 16 - hs / 16 < (uint32_t)h)
			u->hex_top = (he - 1) / 16 - (size_t)h + 1;
	}
	for (int i = 0; i < h && u->hex_top + (size_t)i < rows; i++) {
		uint32_t off = (uint32_t)(u->hex_top + (size_t)i) * 16;
		int y = y0 + i;
		print_hex_line(line, sizeof(line), s->data, s->len, off);
		if (!ascii)
			line[54] = '\0';
		mvaddnstr(y, 0, line, COLS);
		for (uint32_t k = 0; k < 16 && off + k < s->len; k++) {
			uint32_t b = off + k;
			int a = 0;
			if (b >= hs && b < he)
				a = theme_attr(UA_HEX_HI);
			if (u->focus == PANE_HEX && b == u->hex_cur)
				a = A_REVERSE | A_UNDERLINE;
			if (!a)
				continue;
			attrset(a);
			/* the gap too when the next byte is highlighted: one block, as Wireshark */
			mvaddnstr(y, 6 + 3 * (int)k, line + 6 + 3 * k,
			    k < 15 && b + 1 < he && b + 1 >= hs && !(u->focus == PANE_HEX && b == u->hex_cur) ? 3 : 2);
			if (ascii)
				mvaddnstr(y, HEX_ASCII_COL + (int)k, line + HEX_ASCII_COL + k, 1);
			attrset(A_NORMAL);
		}
	}
}

void ui_detail_help_line(struct ui *u, char *buf, size_t n)
{
	const struct fnode *f = ui_detail_focus(u);

	if (!f || !f->f) {
		snprintf(buf, n, "%s", f ? "(text item: no filter field)" : "");
		return;
	}
	if (f->len)
		snprintf(buf, n, "%s · %u byte%s · %s", f->f->abbrev, f->len, f->len == 1 ? "" : "s",
		    f->f->help ? f->f->help : f->f->name);
	else
		snprintf(buf, n, "%s · %s", f->f->abbrev, f->f->help ? f->f->help : f->f->name);
}

/* ---- the focused field explained in full (i) ---- */

static void explain_draw(struct ui *u, int rows, int cols)
{
	const struct fnode *f = ui_detail_focus(u);
	const char *keys = "q or Esc: back";
	char buf[512];
	int y = 2;

	attrset(theme_attr(UA_HEADER));
	mvhline(0, 0, ' ', cols);
	ui_put(0, 1, cols - ui_width(keys) - 3, "Field explanation", 0);
	ui_put(0, cols - ui_width(keys) - 1, ui_width(keys), keys, 0);
	attrset(A_NORMAL);
	for (int i = 1; i < rows; i++)
		mvhline(i, 0, ' ', cols);
	if (!f || !f->f) {
		ui_put_wrapped(y, 2, cols - 4, rows - y, f ? "This line is text: it has no filter "
		    "field and no explanation." : "No packet is selected.");
		return;
	}
	attrset(A_BOLD);
	ui_put(y++, 2, cols - 4, f->f->name, 0);
	attrset(A_NORMAL);
	snprintf(buf, sizeof(buf), "filter field: %s   type: %s", f->f->abbrev, ftype_name(f->f->type));
	y += ui_put_wrapped(y, 2, cols - 4, 2, buf);
	if (f->len) {
		snprintf(buf, sizeof(buf), "bytes: %u at offset %u", f->len, f->off);
		ui_put(y++, 2, cols - 4, buf, 0);
	}
	y++;
	if (y < rows)
		y += ui_put_wrapped(y, 2, cols - 4, rows - y, f->f->help ? f->f->help :
		    "(no explanation for this field yet)");
	if (y + 1 < rows) {
		attrset(theme_attr(UA_DIM));
		ui_put_wrapped(y + 1, 2, cols - 4, rows - y - 1,
		    "a (in the details) filters on this field's value; / edits the filter.");
		attrset(A_NORMAL);
	}
}

static void explain_close(struct ui *u) { ui_view_pop(u); }

const struct ui_key ui_explain_keys[] = {
	UI_KEYS_CLOSE(explain_close, "back to the packets"),
	{ 'i', "i", UI_CTX_VIEW, explain_close, NULL },
	{ 0, NULL, 0, NULL, NULL }
};

static int explain_key(struct ui *u, int key)
{
	return ui_key_dispatch(u, ui_explain_keys, 0, key);
}

const struct ui_view ui_explain_view = { "explain", explain_draw, explain_key, NULL, NULL, NULL };

void ui_detail_apply_filter(struct ui *u)
{
	const struct fnode *n = ui_detail_focus(u);
	char val[512], expr[700];
	const struct field_def *f;

	if (!n || !n->f) {
		ui_message(u, 1, "this line has no field to filter on");
		return;
	}
	f = n->f;
	switch (f->type) {
	case FT_PROTOCOL: case FT_NONE:
		snprintf(expr, sizeof(expr), "%s", f->abbrev);
		break;
	case FT_BOOLEAN: case FT_UINT8: case FT_UINT16: case FT_UINT24: case FT_UINT32:
	case FT_UINT40: case FT_UINT48: case FT_UINT64: case FT_FRAMENUM: case FT_CHAR:
		if (f->base == BASE_HEX || f->base == BASE_HEX_DEC)
			snprintf(expr, sizeof(expr), "%s == 0x%" PRIx64, f->abbrev, fv_uint(n));
		else
			snprintf(expr, sizeof(expr), "%s == %" PRIu64, f->abbrev, fv_uint(n));
		break;
	case FT_STRING: {
		/* fv_fields escapes; quote for the filter language */
		size_t k = 0;
		fv_fields(u->tree, n, val, sizeof(val));
		k = (size_t)snprintf(expr, sizeof(expr), "%s == \"", f->abbrev);
		for (const char *p = val; *p && k + 3 < sizeof(expr); p++) {
			if (*p == '"')
				expr[k++] = '\\';
			expr[k++] = *p;
		}
		snprintf(expr + k, sizeof(expr) - k, "\"");
		break;
	}
	default:
		fv_fields(u->tree, n, val, sizeof(val));
		snprintf(expr, sizeof(expr), "%s == %s", f->abbrev, val);
	}
	le_set(&u->fle, expr);
	ui_filter_apply_text(u, expr);
	u->dirty = 1;
}

void ui_detail_mouse(struct ui *u, int y, int x, unsigned long bstate)
{
	int y0 = u->y_of[PANE_DETAIL] + 1;
	size_t line;

	u->focus = PANE_DETAIL;
	if (ui_wheel(bstate)) {
		ui_detail_move(u, 3 * ui_wheel(bstate));
		return;
	}
	if (y < y0)
		return;
	line = u->dtop + (size_t)(y - y0);
	if (line >= u->ndlines)
		return;
	if (line == u->dcur)
		ui_detail_toggle(u, 0);
	else {
		u->dcur = line;
		focus_changed(u);
		/* a click on the arrow opens at once */
		const struct fnode *n = ui_detail_focus(u);
		int ax = 1 + 2 * n->depth;
		if (x >= ax && x <= ax + 1)
			ui_detail_toggle(u, 0);
	}
	u->dirty = 1;
}

void ui_hex_mouse(struct ui *u, int y, int x, unsigned long bstate)
{
	int y0 = u->y_of[PANE_HEX] + 1;
	long k = -1;

	u->focus = PANE_HEX;
	if (ui_wheel(bstate)) {
		ui_hex_move(u, 48 * ui_wheel(bstate));
		return;
	}
	if (y < y0)
		return;
	if (x >= 6 && x < 54)
		k = (x - 6) / 3;
	else if (x >= HEX_ASCII_COL && x < HEX_ASCII_COL + 16)
		k = x - HEX_ASCII_COL;
	if (k < 0)
		return;
	ui_hex_move(u, (long)((u->hex_top + (size_t)(y - y0)) * 16 + (size_t)k) - (long)u->hex_cur);
}

void ui_detail_free(struct ui *u)
{
	tree_free(u->tree);
	free(u->dlines);
	free(u->expanded);
}
