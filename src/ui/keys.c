/* keys.c — every key binding of the TUI, in tables; the help view and the man page's
 * KEYS section are generated from the same tables, so they cannot drift.
 *
 * A row whose help is NULL is another key for the row above it (shown together:
 * "j, Down").  The main table's rows apply in the contexts they name; a view's table
 * is dispatched by the view itself (conv.c, follow.c, the help view below).
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "ui/ladder_view.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

#define CTRL(c) ((c) & 0x1f)

int ui_key_dispatch(struct ui *u, const struct ui_key *t, unsigned ctx, int key)
{
	for (; t->name; t++)
		if (t->key == key && (!ctx || (t->ctx & ctx)) && t->fn) {
			t->fn(u);
			return 1;
		}
	return 0;
}

/* ---- what terminals send ----
 *
 * The same key arrives as different bytes: Home is \e[1~ from tmux, screen, PuTTY and
 * the Linux console, \e[H or \eOH from xterm (normal or application cursor mode),
 * \e[7~ from rxvt.  curses decodes only the one sequence TERM's terminfo names, and
 * an undecoded sequence comes out as Esc, '[', '4', '~': Esc closes a view.  So every
 * common sequence is defined for its key, whatever TERM says; modified keys (Ctrl,
 * Shift, Alt: \e[1;5C, rxvt's \eOc and \e[7^) act as the plain key; and any other
 * CSI or SS3 sequence is swallowed whole by ui_key_read(), never read as Esc.
 */
static const struct { const char *seq; int key; } key_seqs[] = {
	{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME }, { "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
	{ "\033[4~", KEY_END }, { "\033[8~", KEY_END }, { "\033[F", KEY_END }, { "\033OF", KEY_END },
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	{ "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
	{ "\033[A", KEY_UP }, { "\033OA", KEY_UP }, { "\033[B", KEY_DOWN }, { "\033OB", KEY_DOWN },
	{ "\033[C", KEY_RIGHT }, { "\033OC", KEY_RIGHT }, { "\033[D", KEY_LEFT }, { "\033OD", KEY_LEFT },
	/* rxvt: Shift-arrows \e[a, Ctrl-arrows \eOa, Ctrl \e[5^, Shift \e[5$ */
	{ "\033[a", KEY_UP }, { "\033Oa", KEY_UP }, { "\033[b", KEY_DOWN }, { "\033Ob", KEY_DOWN },
	{ "\033[c", KEY_RIGHT }, { "\033Oc", KEY_RIGHT }, { "\033[d", KEY_LEFT }, { "\033Od", KEY_LEFT },
	{ "\033[7^", KEY_HOME }, { "\033[7$", KEY_HOME }, { "\033[8^", KEY_END }, { "\033[8$", KEY_END },
	{ "\033[5^", KEY_PPAGE }, { "\033[5$", KEY_PPAGE }, { "\033[6^", KEY_NPAGE }, { "\033[6$", KEY_NPAGE },
	{ "\033[3^", KEY_DC }, { "\033[3$", KEY_DC },
	{ "\033[Z", KEY_BTAB }, { "\033OM", KEY_ENTER },
	/* F1: xterm, rxvt/PuTTY, Linux console */
	{ "\033OP", KEY_F(1) }, { "\033[11~", KEY_F(1) }, { "\033[[A", KEY_F(1) },
};

/* xterm's modifier forms: CSI 1;m X for the letter keys, CSI n;m ~ for the others. */
static const struct { char final; int key; } mod_letter[] = {
	{ 'A', KEY_UP }, { 'B', KEY_DOWN }, { 'C', KEY_RIGHT }, { 'D', KEY_LEFT },
	{ 'H', KEY_HOME }, { 'F', KEY_END }, { 'P', KEY_F(1) },
};
static const struct { int n; int key; } mod_tilde[] = {
	{ 1, KEY_HOME }, { 2, KEY_IC }, { 3, KEY_DC }, { 4, KEY_END }, { 5, KEY_PPAGE },
	{ 6, KEY_NPAGE }, { 7, KEY_HOME }, { 8, KEY_END },
};

void ui_keys_init(void)
{
	char seq[16];

	for (size_t i = 0; i < sizeof(key_seqs) / sizeof(key_seqs[0]); i++)
		define_key(key_seqs[i].seq, key_seqs[i].key);
	for (int m = 2; m <= 8; m++) {
		for (size_t i = 0; i < sizeof(mod_letter) / sizeof(mod_letter[0]); i++) {
			snprintf(seq, sizeof(seq), "\033[1;%d%c", m, mod_letter[i].final);
			define_key(seq, mod_letter[i].key);
		}
		for (size_t i = 0; i < sizeof(mod_tilde) / sizeof(mod_tilde[0]); i++) {
			snprintf(seq, sizeof(seq), "\033[%d;%d~", mod_tilde[i].n, m);
			define_key(seq, mod_tilde[i].key);
		}
	}
}

int ui_key_read(void)
{
	for (;;) {
		int c = getch(), d, n;

		if (c != 27)
			return c;
		d = getch();
		if (d == ERR)
			return 27;		/* a lone Esc: nothing followed within ESCDELAY */
		if (d != '[' && d != 'O') {
			ungetch(d);		/* Alt-key: Esc, then the key */
			return 27;
		}
		/* An unknown sequence: SS3 is one more byte; CSI runs to a final byte
		 * 0x40-0x7e (rxvt's ~ ^ $ @ are finals too).  Bounded; dropped. */
		for (n = 0; n < 32; n++) {
			int e = getch();
			if (e == ERR || d == 'O' || (e >= 0x40 && e <= 0x7e) || e == '$' || e == '^')
				break;
		}
	}
}

/* ---- actions of the main screen ---- */

static long page(struct ui *u)
{
	int h = u->rows_of[u->focus] - 1;

	return h > 1 ? h - 1 : 1;
}

static void move_by(struct ui *u, long d)
{
	switch (u->focus) {
	case PANE_LIST: ui_list_move(u, d); break;
	case PANE_DETAIL: ui_detail_move(u, d); break;
	case PANE_HEX: ui_hex_move(u, d * 16); break;
	default: break;
	}
}

static void act_down(struct ui *u) { move_by(u, 1); }
static void act_up(struct ui *u) { move_by(u, -1); }
static void act_pgdn(struct ui *u) { move_by(u, page(u)); }
static void act_pgup(struct ui *u) { move_by(u, -page(u)); }
static void act_home(struct ui *u)
{
	if (u->focus == PANE_HEX)
		ui_hex_move(u, -(long)u->hex_cur);
	else
		move_by(u, -(1L << 40));
}
static void act_end(struct ui *u)
{
	if (u->focus == PANE_LIST && u->live)
		u->follow = 1;
	move_by(u, 1L << 40);
}
static void act_left(struct ui *u)
{
	if (u->focus == PANE_DETAIL)
		ui_detail_toggle(u, -1);
	else if (u->focus == PANE_HEX)
		ui_hex_move(u, -1);
}
static void act_right(struct ui *u)
{
	if (u->focus == PANE_DETAIL)
		ui_detail_toggle(u, 1);
	else if (u->focus == PANE_HEX)
		ui_hex_move(u, 1);
}
static void act_enter(struct ui *u)
{
	if (u->focus == PANE_DETAIL)
		ui_detail_toggle(u, 0);
	else if (u->focus == PANE_LIST)
		u->focus = PANE_DETAIL;
}
static void act_expand_all(struct ui *u) { ui_detail_all(u, 1); }
static void act_collapse_all(struct ui *u) { ui_detail_all(u, 0); }
static void act_tab(struct ui *u)
{
	do
		u->focus = (u->focus + 1) % PANE_COUNT;
	while (u->zoom >= 0 && u->rows_of[u->focus] == 0 && u->focus != (enum ui_pane)u->zoom);
	if (u->zoom >= 0)
		u->zoom = (int)u->focus;
}
static void act_btab(struct ui *u)
{
	u->focus = (u->focus + PANE_COUNT - 1) % PANE_COUNT;
	if (u->zoom >= 0)
		u->zoom = (int)u->focus;
}
static void act_zoom(struct ui *u)
{
	u->zoom = u->zoom >= 0 ? -1 : (int)u->focus;
	clear();
}
static void act_grow(struct ui *u)
{
	if (u->split[u->focus] < 20)
		u->split[u->focus]++;
}
static void act_shrink(struct ui *u)
{
	if (u->split[u->focus] > 1)
		u->split[u->focus]--;
}
static void act_filter(struct ui *u) { ui_filter_edit(u); }
static void act_clear_filter(struct ui *u)
{
	if (u->flt.active)
		ui_filter_clear(u);
}
static void act_goto(struct ui *u) { ui_prompt(u, PR_GOTO, NULL); }
static void act_follow(struct ui *u)
{
	u->follow = !u->follow;
	if (u->follow && ui_ndisp(u))
		ui_select_row(u, ui_ndisp(u) - 1);
	ui_message(u, 0, "following new packets: %s", u->follow ? "on" : "off");
}
static void act_mark(struct ui *u)
{
	int64_t f = ui_sel_frame(u);
	struct store_pkt *p;

	if (f < 0)
		return;
	p = store_at(u->st, (uint32_t)f);
	p->flags ^= STORE_F_MARKED;
	u->nmarked += p->flags & STORE_F_MARKED ? 1 : (uint32_t)-1;
	if (u->focus == PANE_LIST)
		ui_list_move(u, 1);
}
static void act_unmark_all(struct ui *u)
{
	for (uint32_t i = 0; i < store_count(u->st); i++)
		store_at(u->st, i)->flags &= (uint8_t)~STORE_F_MARKED;
	u->nmarked = 0;
}
static void time_changed(struct ui *u)
{
	ui_rows_forget(u);
	ui_message(u, 0, "Time column: %s%s (-t %s%s)", time_col_desc(u->time.col),
	    u->time.hms ? ", as hours, minutes, seconds" : "", time_col_name(u->time.col),
	    u->time.hms ? " -u hms" : "");
}
static void act_time_format(struct ui *u)
{
	u->time.col = (enum time_col)((u->time.col + 1) % TCOL_COL_N);
	time_changed(u);
}
static void act_time_hms(struct ui *u)
{
	u->time.hms = !u->time.hms;
	time_changed(u);
}
static void act_save(struct ui *u)
{
	if (!store_count(u->st)) {
		ui_message(u, 1, "nothing to save yet");
		return;
	}
	ui_prompt(u, PR_SAVE_WHICH, NULL);
}
static void act_apply(struct ui *u) { ui_detail_apply_filter(u); }
static void act_conv(struct ui *u) { ui_conv_open(u); }
static void act_followtcp(struct ui *u) { ui_follow_open(u); }
static void act_diagram(struct ui *u) { ui_diagram_open(u); }
static void act_explain(struct ui *u) { ui_view_push(u, &ui_explain_view, NULL); }
static void act_help(struct ui *u)
{
	u->help_top = 0;
	ui_view_push(u, &ui_help_view, NULL);
}
static void act_quit(struct ui *u) { ui_quit(u); }
static void act_redraw(struct ui *u) { clear(); }

#define ANY UI_CTX_PANES
const struct ui_key ui_main_keys[] = {
	{ 'j', "j", ANY, act_down, "next packet / tree line / byte row" },
	{ KEY_DOWN, "Down", ANY, act_down, NULL },
	{ 'k', "k", ANY, act_up, "previous packet / tree line / byte row" },
	{ KEY_UP, "Up", ANY, act_up, NULL },
	{ KEY_NPAGE, "PgDn", ANY, act_pgdn, "one page down" },
	{ CTRL('f'), "Ctrl-F", ANY, act_pgdn, NULL },
	{ ' ', "Space", UI_CTX_LIST, act_pgdn, NULL },
	{ KEY_PPAGE, "PgUp", ANY, act_pgup, "one page up" },
	{ CTRL('b'), "Ctrl-B", ANY, act_pgup, NULL },
	{ 'g', "g", ANY, act_home, "first packet (first line, first byte)" },
	{ KEY_HOME, "Home", ANY, act_home, NULL },
	{ 'G', "G", ANY, act_end, "last packet (last line, last byte)" },
	{ KEY_END, "End", ANY, act_end, NULL },
	{ ':', ":", ANY, act_goto, "go to packet number N" },
	{ '\t', "Tab", ANY, act_tab, "focus the next pane (list, details, bytes)" },
	{ KEY_BTAB, "Shift-Tab", ANY, act_btab, "focus the previous pane" },
	{ 'z', "z", ANY, act_zoom, "zoom the focused pane to the full screen, or back" },
	{ '+', "+", ANY, act_grow, "make the focused pane taller" },
	{ '-', "-", ANY, act_shrink, "make the focused pane shorter" },
	{ '\r', "Enter", UI_CTX_LIST | UI_CTX_DETAIL, act_enter,
		"details: open or close the subtree; list: go to the details" },
	{ '\n', "Enter", UI_CTX_LIST | UI_CTX_DETAIL, act_enter, NULL },
	{ KEY_ENTER, "Enter", UI_CTX_LIST | UI_CTX_DETAIL, act_enter, NULL },
	{ ' ', "Space", UI_CTX_DETAIL, act_enter, NULL },
	{ KEY_RIGHT, "Right", UI_CTX_DETAIL | UI_CTX_HEX, act_right,
		"details: open the subtree; bytes: next byte" },
	{ 'l', "l", UI_CTX_DETAIL | UI_CTX_HEX, act_right, NULL },
	{ KEY_LEFT, "Left", UI_CTX_DETAIL | UI_CTX_HEX, act_left,
		"details: close the subtree (or go to its parent); bytes: previous byte" },
	{ 'h', "h", UI_CTX_DETAIL | UI_CTX_HEX, act_left, NULL },
	{ 'e', "e", ANY, act_expand_all, "open every subtree of the details" },
	{ 'E', "E", ANY, act_collapse_all, "close every subtree of the details" },
	{ '/', "/", ANY, act_filter, "edit the display filter" },
	{ '\\', "\\", ANY, act_clear_filter, "clear the display filter" },
	{ 'i', "i", ANY, act_explain, "explain the focused field in full (the line above the status bar shows its start)" },
	{ 'a', "a", ANY, act_apply, "apply the focused field as a display filter (tcp.flags.syn == 1)" },
	{ 'm', "m", ANY, act_mark, "mark or unmark the selected packet" },
	{ 'M', "M", ANY, act_unmark_all, "unmark every packet" },
	{ 'w', "w", ANY, act_save, "save all, displayed or marked packets to a pcap or pcapng file" },
	{ 't', "t", ANY, act_time_format, "next Time column format (as -t: r, a, ad, adoy, d, dd, e, u, ud, udoy)" },
	{ 'T', "T", ANY, act_time_hms, "Time column spans in seconds or hours, minutes, seconds (as -u s|hms)" },
	{ 'F', "F", ANY, act_follow, "follow new packets while capturing (toggle)" },
	{ 'c', "c", ANY, act_conv, "conversations (TCP and UDP)" },
	{ 'f', "f", ANY, act_followtcp, "follow the selected packet's TCP stream" },
	{ 'd', "d", ANY, act_diagram, "TCP state diagram of the selected packet's stream (ladder, states, state machine, export)" },
	{ 's', "s", ANY, ui_server_toggle, "start or stop the built-in web server (lab mode)" },
	{ 'v', "v", ANY, ui_visit, "visit the built-in server like a browser: 200, 206, 304, 404, 101 and the teardowns" },
	{ '?', "?", ANY, act_help, "this help" },
	{ KEY_F(1), "F1", ANY, act_help, NULL },
	{ CTRL('l'), "Ctrl-L", ANY, act_redraw, "redraw the screen" },
	{ 'q', "q", ANY, act_quit, "quit (asks first when captured packets are not saved)" },
	{ 0, NULL, 0, NULL, NULL }
};

/* Documented here, handled by app.c's filter bar and prompts. */
const struct ui_key ui_edit_keys[] = {
	{ '\r', "Enter", UI_CTX_EDIT, NULL, "apply the filter (only when valid) or answer the prompt" },
	{ 27, "Esc", UI_CTX_EDIT, NULL, "cancel editing; cancels a running filter pass too" },
	{ KEY_UP, "Up", UI_CTX_EDIT, NULL, "previous filter from the history" },
	{ KEY_DOWN, "Down", UI_CTX_EDIT, NULL, "next filter from the history" },
	{ KEY_LEFT, "Left", UI_CTX_EDIT, NULL, "move the cursor left" },
	{ CTRL('b'), "Ctrl-B", UI_CTX_EDIT, NULL, NULL },
	{ KEY_RIGHT, "Right", UI_CTX_EDIT, NULL, "move the cursor right" },
	{ CTRL('f'), "Ctrl-F", UI_CTX_EDIT, NULL, NULL },
	{ CTRL('a'), "Ctrl-A", UI_CTX_EDIT, NULL, "start of the line" },
	{ KEY_HOME, "Home", UI_CTX_EDIT, NULL, NULL },
	{ CTRL('e'), "Ctrl-E", UI_CTX_EDIT, NULL, "end of the line" },
	{ KEY_END, "End", UI_CTX_EDIT, NULL, NULL },
	{ CTRL('u'), "Ctrl-U", UI_CTX_EDIT, NULL, "delete to the start of the line" },
	{ CTRL('k'), "Ctrl-K", UI_CTX_EDIT, NULL, "delete to the end of the line" },
	{ CTRL('w'), "Ctrl-W", UI_CTX_EDIT, NULL, "delete the word before the cursor" },
	{ KEY_BACKSPACE, "Backspace", UI_CTX_EDIT, NULL, "delete the character before the cursor" },
	{ KEY_DC, "Delete", UI_CTX_EDIT, NULL, "delete the character under the cursor" },
	{ CTRL('d'), "Ctrl-D", UI_CTX_EDIT, NULL, NULL },
	{ 0, NULL, 0, NULL, NULL }
};

/* ---- help view ---- */

static void help_close(struct ui *u) { ui_view_pop(u); }
static void help_down(struct ui *u) { u->help_top++; }
static void help_up(struct ui *u)
{
	if (u->help_top > 0)
		u->help_top--;
}
static void help_pgdn(struct ui *u) { u->help_top += LINES - 4; }
static void help_pgup(struct ui *u)
{
	u->help_top = u->help_top > LINES - 4 ? u->help_top - (LINES - 4) : 0;
}

const struct ui_key ui_help_keys[] = {
	UI_KEYS_DOWN_UP(help_down, "scroll down", help_up, "scroll up"),
	UI_KEYS_PAGE(help_pgdn, help_pgup),
	UI_KEYS_CLOSE(help_close, "close the help"),
	{ '?', "?", UI_CTX_VIEW, help_close, NULL },
	{ 0, NULL, 0, NULL, NULL }
};

static const struct ui_keygroup key_groups[] = {
	{ "Main screen", ui_main_keys },
	{ "Filter bar and prompts", ui_edit_keys },
	{ "Conversations", ui_conv_keys },
	{ "Follow TCP stream", ui_follow_keys },
	{ "TCP state diagram", ui_diagram_keys },
	{ "Field explanation", ui_explain_keys },
	{ "Help", ui_help_keys },
};
#define NGROUPS (sizeof(key_groups) / sizeof(key_groups[0]))

/* Walks the rows of a table merging aliases: names "j, Down", help of the first. */
static const struct ui_key *next_entry(const struct ui_key *t, char *names, size_t n,
    const char **help)
{
	size_t at = 0;

	if (!t->name)
		return NULL;
	*help = t->help;
	at += (size_t)snprintf(names, n, "%s", t->name);
	for (t++; t->name && !t->help; t++) {
		/* the same key listed twice (Enter as \r and \n) shows once */
		if (strstr(names, t->name) && strlen(t->name) > 1)
			continue;
		if (at < n)
			at += (size_t)snprintf(names + at, n - at, ", %s", t->name);
	}
	return t;
}

#define HELP_NAMES_W 22	/* "  %-22s help": the help text starts at column 25 */

/* Display line i of the help at cols columns: group titles, then each entry with its
 * help wrapped under itself (a hanging indent), so no line is cut.  0 past the end. */
static int help_line(int i, int cols, char *buf, size_t n, int *title)
{
	int line = 0, w = cols - 2 - (HELP_NAMES_W + 3);

	if (w < 20)
		w = 20;
	for (size_t g = 0; g < NGROUPS; g++) {
		const struct ui_key *t = key_groups[g].keys;
		char names[128];
		const char *help;
		if (line++ == i) {
			snprintf(buf, n, "%s", key_groups[g].title);
			*title = 1;
			return 1;
		}
		while ((t = next_entry(t, names, sizeof(names), &help)) != NULL) {
			const char *p = help, *next;
			int first = 1;
			do {
				size_t k = ui_wrap(p, w, &next);
				if (line++ == i) {
					snprintf(buf, n, "  %-*s %.*s", HELP_NAMES_W, first ? names : "",
					    (int)k, p);
					*title = 0;
					return 1;
				}
				first = 0;
				p = next;
			} while (*p);
		}
		if (line++ == i) {
			buf[0] = '\0';
			*title = 0;
			return 1;
		}
	}
	return 0;
}

static void help_draw(struct ui *u, int rows, int cols)
{
	long *top = &u->help_top;
	char buf[512];
	int title, total = 0;

	while (help_line(total, cols, buf, sizeof(buf), &title))
		total++;
	if (*top > total - (rows - 1))
		*top = total - (rows - 1) > 0 ? total - (rows - 1) : 0;
	attrset(theme_attr(UA_HEADER));
	mvhline(0, 0, ' ', cols);
	ui_put(0, 1, cols - 2, "netlab-tui keys   (q or Esc closes, j/k scroll)", 0);
	attrset(A_NORMAL);
	for (int y = 1; y < rows; y++) {
		mvhline(y, 0, ' ', cols);
		if (!help_line((int)*top + y - 1, cols, buf, sizeof(buf), &title))
			continue;
		if (title)
			attrset(A_BOLD);
		ui_put(y, 1, cols - 2, buf, 0);
		attrset(A_NORMAL);
	}
}

static int help_key(struct ui *u, int key)
{
	return ui_key_dispatch(u, ui_help_keys, 0, key);
}

const struct ui_view ui_help_view = { "help", help_draw, help_key, NULL, NULL, NULL };

/* ---- man page ---- */

static void mdoc_escape(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", fp);
		else
			fputc(*s, fp);
	}
}

void ui_keys_mdoc(FILE *fp)
{
	fputs(".Sh KEYS\n"
	    "The TUI opens with the packet list on top, the selected packet's details in the\n"
	    "middle and its bytes at the bottom.\n"
	    "Keys act on the focused pane; the help screen\n"
	    ".Pq Ic \\&?\n"
	    "lists the same keys as this section.\n"
	    "Home, End, PgUp, PgDn, Delete and the arrows work in every form xterm, rxvt,\n"
	    "PuTTY, screen, tmux and the Linux console send them (with Ctrl or Shift, as the\n"
	    "plain key), whatever\n"
	    ".Ev TERM\n"
	    "says; another key's escape sequence is ignored, never taken for Esc.\n", fp);
	for (size_t g = 0; g < NGROUPS; g++) {
		const struct ui_key *t = key_groups[g].keys;
		char names[128];
		const char *help;
		fprintf(fp, ".Ss %s\n.Bl -tag -width Ds\n", key_groups[g].title);
		while ((t = next_entry(t, names, sizeof(names), &help)) != NULL) {
			fputs(".It Ic ", fp);
			/* "j, Down" → .It Ic j , Ic Down */
			for (char *p = names, *q; p; p = q) {
				q = strstr(p, ", ");
				if (q) {
					*q = '\0';
					q += 2;
				}
				if (p != names)
					fputs(" , Ic ", fp);
				if (strlen(p) == 1 && strchr(".,:;()[]?!|\\-+/", *p)) {
					fputs("\\&", fp);
				}
				mdoc_escape(fp, p);
			}
			fputs("\n", fp);
			mdoc_escape(fp, help);
			fputs("\n", fp);
		}
		fputs(".El\n", fp);
	}
}
