/* layout.c — the main screen's frame: pane layout and titles, the filter bar, the
 * status bar, the help/prompt line and the whole-screen redraw (UI thread only).
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/httpd.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

/* layout.c */
static void ui_layout(struct ui *u)
{
	int avail = LINES - 3, total = 0, y = 1;
	static const int minrows[PANE_COUNT] = { 3, 2, 2 };

	if (avail < 3)
		avail = 3;
	for (int i = 0; i < PANE_COUNT; i++) {
		u->rows_of[i] = 0;
		total += u->split[i];
	}
	if (u->zoom >= 0) {
		u->rows_of[u->zoom] = avail;
	} else {
		int used = 0;
		for (int i = 0; i < PANE_COUNT; i++) {
			int r = avail * u->split[i] / total;
			if (r < minrows[i])
				r = minrows[i];
			u->rows_of[i] = r;
			used += r;
		}
		/* give or take the rounding from the list */
		u->rows_of[PANE_LIST] += avail - used;
		if (u->rows_of[PANE_LIST] < 2)
			u->rows_of[PANE_LIST] = 2;
	}
	for (int i = 0; i < PANE_COUNT; i++) {
		u->y_of[i] = y;
		y += u->rows_of[i];
	}
}

static void pane_title(struct ui *u, enum ui_pane p, const char *title)
{
	int y = u->y_of[p];

	if (u->rows_of[p] <= 0)
		return;
	attrset(theme_attr(u->focus == p ? UA_PANE_TITLE_FOCUS : UA_PANE_TITLE));
	for (int x = 0; x < COLS; x++)
		ui_put(y, x, 1, ui_g.hline, 0);
	mvaddstr(y, 1, " ");
	ui_put(y, 2, COLS - 4, title, 0);
	addstr(" ");
	attrset(A_NORMAL);
}

static void draw_filter_bar(struct ui *u)
{
	char right[64];
	int x, rw;

	attrset(A_NORMAL);
	mvhline(0, 0, ' ', COLS);
	attrset(theme_attr(UA_HEADER));
	mvaddstr(0, 0, "Filter:");
	attrset(A_NORMAL);
	if (u->editing) {
		snprintf(right, sizeof(right), "%s", u->fvalid ? "valid" : "invalid");
		rw = (int)strlen(right) + 3;
		x = le_draw(&u->fle, 0, 8, COLS - 8 - rw);
		attrset(theme_attr(u->fvalid ? UA_OK : UA_ERROR));
		ui_put(0, COLS - rw + 1, rw - 1, u->fvalid ? (ui_g.utf8 ? "\xe2\x9c\x93 valid" : "ok valid") :
		    (ui_g.utf8 ? "\xe2\x9c\x97 invalid" : "x invalid"), 1);
		attrset(A_NORMAL);
		if (!u->fvalid && u->fle.len) {
			/* the error under the text: a caret line and the message */
			int col = 8 + u->ferr.col, len = u->ferr.len > 0 ? u->ferr.len : 1;
			char line[600];
			if (col >= COLS - 1)
				col = COLS - 2;
			attrset(theme_attr(UA_ERROR));
			mvhline(1, 0, ' ', COLS);
			for (int i = 0; i < len && col + i < COLS; i++)
				mvaddch(1, col + i, i ? '~' : '^');
			snprintf(line, sizeof(line), "column %d: %s", u->ferr.col + 1, u->ferr.msg);
			if (col + len + 1 + ui_width(line) <= COLS)
				ui_put(1, col + len + 1, COLS - col - len - 1, line, 0);
			else if (col > ui_width(line) + 1)
				ui_put(1, col - ui_width(line) - 1, ui_width(line), line, 0);
			else
				ui_put(1, col + len + 1, COLS - col - len - 1, line, 0);
			attrset(A_NORMAL);
		}
		move(0, x);
		return;
	}
	if (u->flt.active) {
		ui_put(0, 8, COLS - 9, u->flt.text, 0);
	} else {
		attrset(theme_attr(UA_DIM));
		ui_put(0, 8, COLS - 9, "(none)  / to filter", 0);
		attrset(A_NORMAL);
	}
}

static int is_ascii(const char *s)
{
	while (*s && !(*s & 0x80))
		s++;
	return !*s;
}

/* The status bar at a level of brevity: 0 full words; 1 short drop counts; 2 short
 * labels ("Pkts", "req"); 3 leaves out what is zero or passing (no drops, "visiting")
 * and the word "server"; 4 one count when nothing is filtered and a shorter source
 * name; 5 no "follow" mark; 6 the server's port without its address.  The counts, the
 * server and the help hint stay at every level (the caller picks the first level that
 * fits). */
static void status_text(struct ui *u, int level, char *left, size_t n, char *right, size_t rn)
{
	const char *dot = ui_g.utf8 ? "\xc2\xb7" : "|";
	int at, pct = ui_load_percent(u), shrt = level >= 2;
	size_t ndisp = ui_ndisp(u);
	char src[sizeof(u->src_name)];

#define ADD(...) (at += snprintf(left + at, at < (int)n ? n - (size_t)at : 0, __VA_ARGS__), \
	at = at < (int)n ? at : (int)n)
	at = 0;
	if (level >= 4 && !u->flt.active && ndisp == store_count(u->st))
		ADD(" Pkts: %u", store_count(u->st));
	else
		ADD(shrt ? " Pkts: %u  Shown: %zu" : " Packets: %u  Displayed: %zu",
		    store_count(u->st), ndisp);
	if (u->nmarked)
		ADD(shrt ? "  Mkd: %u" : "  Marked: %u", u->nmarked);
	if (pct >= 0)
		ADD(shrt ? "  Load %d%%" : "  Loading %d%%", pct);
	if (u->flt.active && u->flt.scan < store_count(u->st))
		ADD(shrt ? "  Filt %u%%" : "  Filtering %u%%",
		    (unsigned)((uint64_t)u->flt.scan * 100 / store_count(u->st)));
	if (level >= 4 && is_ascii(u->src_name))
		ui_shorten(src, sizeof(src), u->src_name, 14);	/* ASCII only: cut by bytes */
	else
		snprintf(src, sizeof(src), "%s", u->src_name);
	ADD(" %s %s %s %s", dot, src, dot, u->state);
	if (u->ncaps) {
		uint64_t dk, dr;
		ui_drops(u, &dk, &dr);
		if (!level)
			ADD("  Drops: %llu kernel, %llu ring", (unsigned long long)dk,
			    (unsigned long long)dr);
		else if (level < 3 || dk || dr)
			ADD("  Drops: %llu/%llu", (unsigned long long)dk, (unsigned long long)dr);
	}
	if (u->server) {
		struct httpd_stats hs;
		const char *addr = u->srvcfg && u->srvcfg->addr ? u->srvcfg->addr : HTTPD_DEFAULT_ADDR;
		httpd_get_stats(u->server, &hs);
		if (level < 3)
			ADD(" %s server %s:%d", dot, addr, httpd_port(u->server));
		else if (level < 6)
			ADD(" %s %s:%d", dot, addr, httpd_port(u->server));
		else
			ADD(" %s :%d", dot, httpd_port(u->server));
		/* the lab fell back from its usual port: say so while the server runs */
		if (u->srv_wanted_port && u->srv_wanted_port != httpd_port(u->server))
			ADD(shrt ? " (%d in use)" : " (%d was in use)", u->srv_wanted_port);
		ADD(shrt ? " %s %llu req" : " %s %llu requests", dot, (unsigned long long)hs.requests);
	} else if (u->srvcfg)
		ADD(" %s server off", dot);
	if (u->visit && level < 3)
		ADD(" %s visiting", dot);
#undef ADD
	snprintf(right, rn, "%s? help ", u->follow && level < 5 ? (level ? "follow " : "follow  ") : "");
}

static void ui_draw_status(struct ui *u)
{
	char left[512], right[64];
	int level;

	for (level = 0;; level++) {
		status_text(u, level, left, sizeof(left), right, sizeof(right));
		if (level == 6 || ui_width(left) + ui_width(right) + 1 <= COLS)
			break;
	}
	attrset(theme_attr(UA_STATUS));
	mvhline(LINES - 1, 0, ' ', COLS);
	ui_put(LINES - 1, 0, COLS - ui_width(right), left, 0);
	ui_put(LINES - 1, COLS - ui_width(right), ui_width(right), right, 0);
	attrset(A_NORMAL);
}

static const char *prompt_text(struct ui *u, char *buf, size_t n)
{
	switch (u->prompt) {
	case PR_GOTO: return "Go to packet: ";
	case PR_SAVE_WHICH:
		snprintf(buf, n, "Save [a]ll %u, [d]isplayed %zu or [m]arked %u packets? (Esc cancels) ",
		    store_count(u->st), ui_ndisp(u), u->nmarked);
		return buf;
	case PR_SAVE_NAME: return "Save as (.pcap or .pcapng): ";
	case PR_SAVE_OVERWRITE:
		snprintf(buf, n, "%s exists. Overwrite it? (y/N) ", u->ple.buf);
		return buf;
	case PR_QUIT:
		snprintf(buf, n, "%u captured packets are not saved. Quit anyway? (y/N) ", u->unsaved);
		return buf;
	default: return "";
	}
}

static void draw_help_line(struct ui *u)
{
	char buf[1024];
	const char *p;
	int y = LINES - 2;

	attrset(A_NORMAL);
	mvhline(y, 0, ' ', COLS);
	if (u->prompt != PR_NONE) {
		int x;
		p = prompt_text(u, buf, sizeof(buf));
		attrset(A_BOLD);
		x = ui_put(y, 0, COLS - 1, p, 0);
		attrset(A_NORMAL);
		if (u->prompt == PR_GOTO || u->prompt == PR_SAVE_NAME)
			move(y, le_draw(&u->ple, y, x, COLS - x - 1));
		return;
	}
	if (u->msg[0]) {
		attrset(theme_attr(u->msg_err ? UA_ERROR : UA_OK));
		if (ui_width(u->msg) > COLS - 2 && y > 1) {
			/* a long message borrows the row above while it shows */
			mvhline(y - 1, 0, ' ', COLS);
			ui_put_wrapped(y - 1, 1, COLS - 2, 2, u->msg);
		} else
			ui_put(y, 1, COLS - 2, u->msg, 0);
		attrset(A_NORMAL);
		return;
	}
	if (u->nviews)
		return;
	ui_detail_help_line(u, buf, sizeof(buf));
	attrset(theme_attr(UA_DIM));
	if (ui_width(buf) > COLS - 2) {
		/* cut between words, and name the key that shows all of it */
		const char *more = ui_g.utf8 ? "\xe2\x80\xa6 (i: all of it)" : "... (i: all of it)";
		const char *next;
		char line[1100];
		size_t k = ui_wrap(buf, COLS - 3 - ui_width(more), &next);
		while (k && buf[k - 1] == ' ')
			k--;
		snprintf(line, sizeof(line), "%.*s%s", (int)k, buf, more);
		ui_put(y, 1, COLS - 2, line, 0);
	} else
		ui_put(y, 1, COLS - 2, buf, 0);
	attrset(A_NORMAL);
}

void ui_draw(struct ui *u)
{
	int cursor = 0;

	ui_layout(u);
	if (u->nviews) {
		const struct ui_view *v = u->views[u->nviews - 1];
		v->draw(u, LINES - 2, COLS);
	} else {
		if (u->rows_of[PANE_LIST])
			ui_list_draw(u);
		if (u->rows_of[PANE_DETAIL]) {
			pane_title(u, PANE_DETAIL, "Packet details");
			ui_detail_draw(u);
		}
		if (u->rows_of[PANE_HEX]) {
			char t[128];
			const struct fnode *f = ui_detail_focus(u);
			if (u->tree && u->tree_idx >= 0 && u->tree->nsrc > 1)
				snprintf(t, sizeof(t), "Bytes: %s (%u)", u->tree->src[u->hex_src].name,
				    u->tree->src[u->hex_src].len);
			else if (f && f->len)
				snprintf(t, sizeof(t), "Bytes  %u-%u selected", f->off, f->off + f->len - 1);
			else
				snprintf(t, sizeof(t), "Bytes");
			pane_title(u, PANE_HEX, t);
			ui_hex_draw(u);
		}
	}
	if (!u->nviews)
		draw_filter_bar(u);
	ui_draw_status(u);
	draw_help_line(u);
	if (u->prompt == PR_GOTO || u->prompt == PR_SAVE_NAME)
		cursor = 1;			/* draw_help_line left it in the prompt */
	else if (u->editing) {
		draw_filter_bar(u);		/* leaves the cursor in the filter text */
		cursor = 1;
	}
	curs_set(cursor);
	refresh();
	u->dirty = 0;
}
