/* ui_int.h — state shared by the files of the TUI (not a public API).
 *
 * One thread (the UI thread) owns everything here.  Files:
 *   app.c      loop, sources, loading, prompts, save, quit
 *   layout.c   pane layout, filter bar, status bar, help line, whole-screen draw
 *   keys.c     key tables (the only place keys are bound), dispatch, help view, man
 *   theme.c    colours, colouring rules, glyphs (UTF-8 or ASCII)
 *   list.c     packet list pane, display filter pass, row cache
 *   detail.c   detail tree pane and hex pane
 *   lineedit.c filter bar and prompt editing
 *   conv.c     conversations view
 *   follow.c   follow TCP stream view
 *   save.c     pcap / pcapng writer for `w`
 *   ladder_view.c, tcp_machine.c  TCP diagram view (d) and its state machine figure
 *
 * Adding a full-screen view (the TCP diagram of issue 8): define a struct ui_view
 * (draw, key, close, its key table), open it from an action in keys.c with
 * ui_view_push(), and list its key table in keys.c's key_groups so help and the man
 * page show it.  A view draws in rows [0, LINES-1) and keeps the status bar; it reads
 * the selection with ui_sel_frame() and moves it with ui_select_frame().
 */
#ifndef NETLAB_UI_INT_H
#define NETLAB_UI_INT_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <time.h>

#include "dissect/session.h"
#include "capture/capture.h"
#include "capture/capfile.h"
#include "dissect/dissect.h"
#include "filter/dfilter.h"
#include "print/print.h"
#include "store/store.h"

struct ui;

/* ---- keys ---- */

enum {
	UI_CTX_PANES = 1 << 0,		/* main screen, any pane */
	UI_CTX_LIST = 1 << 1,		/* main screen, list focused */
	UI_CTX_DETAIL = 1 << 2,
	UI_CTX_HEX = 1 << 3,
	UI_CTX_VIEW = 1 << 4,		/* inside a view (its own table) */
	UI_CTX_EDIT = 1 << 5,		/* filter bar and prompts (documentation only) */
};

struct ui_key {
	int key;			/* curses code or character */
	const char *name;		/* "j", "Down", "Ctrl-F" */
	unsigned ctx;
	void (*fn)(struct ui *u);
	const char *help;		/* NULL: another key for the row above */
};

/* Rows that the full-screen views' key tables share (the same keys and aliases; each
 * view gives its actions and help texts).  Help and man list them like any row. */
#define UI_KEYS_DOWN_UP(down, down_help, up, up_help) \
	{ 'j', "j", UI_CTX_VIEW, down, down_help }, \
	{ KEY_DOWN, "Down", UI_CTX_VIEW, down, NULL }, \
	{ 'k', "k", UI_CTX_VIEW, up, up_help }, \
	{ KEY_UP, "Up", UI_CTX_VIEW, up, NULL }
#define UI_KEYS_PAGE(pgdn, pgup) \
	{ KEY_NPAGE, "PgDn", UI_CTX_VIEW, pgdn, "one page down" }, \
	{ ' ', "Space", UI_CTX_VIEW, pgdn, NULL }, \
	{ KEY_PPAGE, "PgUp", UI_CTX_VIEW, pgup, "one page up" }
#define UI_KEYS_HOME_END(home, home_help, end, end_help) \
	{ 'g', "g", UI_CTX_VIEW, home, home_help }, \
	{ KEY_HOME, "Home", UI_CTX_VIEW, home, NULL }, \
	{ 'G', "G", UI_CTX_VIEW, end, end_help }, \
	{ KEY_END, "End", UI_CTX_VIEW, end, NULL }
#define UI_KEYS_ENTER(fn, help) \
	{ '\r', "Enter", UI_CTX_VIEW, fn, help }, \
	{ '\n', "Enter", UI_CTX_VIEW, fn, NULL }, \
	{ KEY_ENTER, "Enter", UI_CTX_VIEW, fn, NULL }
#define UI_KEYS_CLOSE(fn, help) \
	{ 'q', "q", UI_CTX_VIEW, fn, help }, \
	{ 27, "Esc", UI_CTX_VIEW, fn, NULL }

struct ui_keygroup {
	const char *title;
	const struct ui_key *keys;
};

/* Runs the row of table whose key matches (and ctx, when ctx != 0); 1 if found. */
int ui_key_dispatch(struct ui *u, const struct ui_key *table, unsigned ctx, int key);
/* After initscr: defines the sequences every common terminal sends for the keys the
 * tables bind (Home as \e[1~, \e[H, \eOH or \e[7~ …), whatever TERM's terminfo says. */
void ui_keys_init(void);
/* getch() that never turns a key's escape sequence into a lone Esc: unknown CSI/SS3
 * sequences are dropped whole.  27 is only an Esc (or Alt-key, the key pushed back). */
int ui_key_read(void);
extern const struct ui_key ui_main_keys[];
extern const struct ui_key ui_edit_keys[];
extern const struct ui_key ui_help_keys[];
extern const struct ui_key ui_conv_keys[];
extern const struct ui_key ui_follow_keys[];

/* ---- views ---- */

struct ui_view {
	const char *name;
	void (*draw)(struct ui *u, int rows, int cols);
	int (*key)(struct ui *u, int key);		/* 1 when handled */
	void (*mouse)(struct ui *u, int y, int x, unsigned long bstate);	/* may be NULL */
	void (*close)(struct ui *u);			/* frees the view's state; may be NULL */
	void *state;
};

void ui_view_push(struct ui *u, const struct ui_view *v, void *state);
void ui_view_pop(struct ui *u);
void *ui_view_state(struct ui *u);

extern const struct ui_view ui_help_view;
/* The focused field in full: name, filter field, type, bytes and the whole
 * explanation the help line can only begin (detail.c). */
extern const struct ui_view ui_explain_view;
extern const struct ui_key ui_explain_keys[];
void ui_conv_open(struct ui *u);
void ui_follow_open(struct ui *u);
/* The follow model of conversation conv (store_pkt.conv), NULL unless TCP; caller
 * frees with tcpfollow_free. */
struct tcpfollow *ui_follow_build(struct ui *u, uint32_t conv);

/* ---- theme ---- */

enum ui_attr {
	UA_NORMAL, UA_HEADER, UA_STATUS, UA_SEL, UA_SEL_DIM, UA_PANE_TITLE, UA_PANE_TITLE_FOCUS,
	UA_OK, UA_ERROR, UA_HEX_HI, UA_WARN, UA_DIR_A, UA_DIR_B, UA_MARK, UA_DIM,
	UA_COUNT
};

/* Colouring rules, Wireshark's defaults in Wireshark's order (theme.c). */
enum ui_color {
	UC_NONE, UC_BAD, UC_ARP, UC_ICMP, UC_RST, UC_HTTP, UC_SYNFIN, UC_TCP, UC_UDP,
	UC_BROADCAST, UC_COUNT
};

struct ui_colorinfo {		/* what the rules look at */
	const struct pinfo *pi;
	int syn, fin, rst;	/* TCP flags */
	int tcp_problem;	/* tcp.analysis.flags present (not a window update) */
	int bad;		/* malformed or expert error */
	int broadcast;		/* Ethernet destination group bit */
};

void theme_init(void);		/* after initscr(); reads NO_COLOR, has_colors() */
int theme_attr(enum ui_attr a);
int theme_color_attr(enum ui_color c);
enum ui_color theme_classify(const struct ui_colorinfo *ci);

struct ui_glyphs {
	const char *sel, *mark, *open, *closed, *leaf, *hline, *arrow, *larrow, *ellipsis;
	int utf8;
};
extern struct ui_glyphs ui_g;
void theme_glyphs_init(void);	/* before initscr(); from the locale */

/* Draws s at (y, x) within w columns: UTF-8 aware in a UTF-8 locale, ASCII only
 * otherwise ("→" becomes "->", other non-ASCII '?'); pads with spaces to w when pad.
 * Returns the columns used. */
int ui_put(int y, int x, int w, const char *s, int pad);
/* Display width of s (same rules as ui_put). */
int ui_width(const char *s);
/* Word wrap: the bytes of s that fill at most w columns, cut after the last space that
 * fits (hard at w when one word is longer); *next is where the next line starts. */
size_t ui_wrap(const char *s, int w, const char **next);
/* Draws s wrapped into rows y.. (at most maxrows, the last one cut); returns the rows used. */
int ui_put_wrapped(int y, int x, int w, int maxrows, const char *s);
/* Shortens s to w columns with an ellipsis in the middle (addresses). */
void ui_shorten(char *dst, size_t n, const char *s, int w);

/* ---- line editor (filter bar, prompts) ---- */

struct lineedit {
	char buf[512];
	int len, pos;
};
void le_set(struct lineedit *le, const char *s);
/* 1 when the key edited the line (text or cursor), 0 when not an editing key. */
int le_key(struct lineedit *le, int key);
/* Draws the line at (y, x) in w columns with the cursor; returns the cursor column. */
int le_draw(const struct lineedit *le, int y, int x, int w);

/* ---- the main state ---- */

enum ui_pane { PANE_LIST, PANE_DETAIL, PANE_HEX, PANE_COUNT };

enum ui_prompt {
	PR_NONE, PR_GOTO, PR_SAVE_WHICH, PR_SAVE_NAME, PR_SAVE_OVERWRITE, PR_QUIT
};

enum ui_save_set { SAVE_ALL, SAVE_DISPLAYED, SAVE_MARKED };

#define UI_ROWCACHE 256
#define UI_HISTORY 32
#define UI_VIEWS 4

struct ui_row {			/* cached strings of one list row */
	uint32_t idx1;		/* frame index + 1, 0 = empty */
	struct columns cols;
	char info[PI_INFO_MAX];
	uint8_t color;		/* enum ui_color */
};

struct ui_filter_state {
	struct dfilter *df;	/* compiled filter, or NULL */
	uint32_t conv;		/* conversation filter (conv index + 1), 0 = none */
	int active;		/* a filter is applied (disp holds the displayed frames) */
	uint32_t scan;		/* next frame index to test */
	uint32_t *disp;
	size_t ndisp, cap;
	uint8_t *interest;
	struct dtree *tree;
	int64_t want_sel;	/* frame to select once the scan reaches it, -1 none */
	char text[512];		/* the applied text (shown in the filter bar) */
};

struct ui {
	const struct ui_options *o;
	struct store *st;
	struct session *sess;
	struct pinfo pi;		/* scratch for re-dissection */
	struct httpd *server;
	const struct httpd_config *srvcfg;	/* `s` restarts the server with it; NULL: no key */
	int srv_wanted_port;		/* the lab's usual port when it fell back to another, or 0 */
	struct visit_job *visit;		/* a running visit (`v`, lab mode), or NULL */

	/* source */
	struct capfile *cf;		/* the file (its map backs the store until exit) */
	struct capfilter *bpf;		/* -f on the file, or NULL */
	int loading;			/* cf still has packets to read */
	char src_name[256];		/* escaped */
	const char *state;		/* "file", "loading", "capturing", "stopped" */
	int live;			/* packets come from interfaces (unsaved ones ask at q) */
	int stream;			/* -r of a pipe or FIFO, read as it arrives */
	struct capsrc *caps[CAP_MAX_IFACES];	/* capture engine sources (-i, --replay) */
	struct spool *spool;		/* live: the temporary pcapng the store indexes */
	int spool_failed;		/* not written (disk full): packets are copied */
	int keep_spool;			/* ui_free leaves the temporary file */
	int tty_lost;			/* the terminal went away (hang-up, EIO) */
	int ncaps, caps_eof;
	int time_digits;
	int if_known;
	uint64_t file_size;
	int load_error;
	int64_t first_ts, prev_ts;
	int have_first;
	uint32_t unsaved;		/* live packets not written to a file */
	uint32_t nmarked;

	/* conversations (analysis/conv_table.c); store_pkt.conv is a row index + 1 */
	struct convtab *convs;

	/* list */
	struct ui_filter_state flt;
	size_t sel, top;		/* rows in the displayed list */
	int follow;			/* keep the last packet selected */
	struct ui_row rows[UI_ROWCACHE];
	struct time_display time;	/* the Time column's format (-t, -u; key t) */
	struct dtree *rowtree;		/* interest tree for colouring */
	uint8_t *rowinterest;

	/* detail and hex */
	struct dtree *tree;		/* the selected packet's tree, with text */
	int64_t tree_idx;		/* frame index it holds, -1 none */
	uint32_t *dlines;		/* visible node indices */
	size_t ndlines, dlines_cap;
	size_t dcur, dtop;
	uint32_t *expanded;		/* remembered expansion keys (hash set) */
	size_t nexp, expcap;
	const struct field_def *dfocus_f;	/* focused field, kept across packets */
	uint32_t hex_cur;		/* byte offset in the hex source */
	int hex_src;
	size_t hex_top;

	/* layout */
	enum ui_pane focus;
	int zoom;			/* zoomed pane, -1 none */
	int split[PANE_COUNT];		/* weights */
	int rows_of[PANE_COUNT], y_of[PANE_COUNT];	/* set by the layout */

	/* filter bar and prompts */
	int editing;
	struct lineedit fle;
	struct dfilter_error ferr;
	int fvalid;
	char *hist[UI_HISTORY];
	int nhist, hpos;
	enum ui_prompt prompt;
	struct lineedit ple;
	enum ui_save_set save_set;
	char msg[256];
	int msg_err;
	time_t msg_time;

	/* views */
	const struct ui_view *views[UI_VIEWS];
	void *vstate[UI_VIEWS];
	int nviews;
	long help_top;

	int quit;
	int dirty;
	int mouse;
};

/* lab keys (app.c): start/stop the built-in server, run a visit */
void ui_server_toggle(struct ui *u);
void ui_visit(struct ui *u);

/* app.c */
struct ui_config;
/* Sets up a ui for cfg and opens its source (no terminal); NULL with a message on
 * stderr and *status set.  ui_close frees it. */
struct ui *ui_open(const struct ui_config *cfg, int *status);
void ui_close(struct ui *u);
/* Reads the file / drains the capture rings for about budget_us; 1 while more. */
int ui_load_step(struct ui *u, int64_t budget_us);
int ui_drain_step(struct ui *u, int64_t budget_us);
int64_t ui_now_us(void);	/* CLOCK_MONOTONIC in µs */
void ui_message(struct ui *u, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ui_quit(struct ui *u);
void ui_prompt(struct ui *u, enum ui_prompt p, const char *init);
void ui_filter_edit(struct ui *u);
/* Re-dissects frame idx into t (NULL: columns only) with visited=1. */
void ui_dissect(struct ui *u, uint32_t idx, struct dtree *t, int want_cols);
/* Percent of the file read while loading, -1 when not loading a sized file. */
int ui_load_percent(const struct ui *u);
/* Packets dropped so far by the kernel (and interfaces) and by the capture rings. */
void ui_drops(struct ui *u, uint64_t *kernel, uint64_t *ring);
/* source.c: opening the capture sources (file, stdin, live with its spool) and,
 * at the end, the spool's fate and the leftover notice. */
int ui_start_sources(struct ui *u, char *errbuf);
void ui_spool_finish(struct ui *u);
void ui_leftover_notice(struct ui *u);
/* app.c: the frame's pinfo from the store; the spool a fatal error names; the signal
 * that ends the session (0 none). */
void ui_fill_pinfo(struct ui *u, uint32_t idx, struct pinfo *pi);
void ui_crash_spool(struct spool *s);
int ui_got_signal(void);

/* The mouse wheel in a mouse event: -1 up (BUTTON4), 1 down (BUTTON5), 0 neither. */
int ui_wheel(unsigned long bstate);

/* tcp_machine.c: the state machine figure in rows [1, rows-1), centred in cols, with
 * the boxes of st[0] (client) and st[1] (server) marked. */
void ui_machine_figure(int rows, int cols, const uint8_t st[2]);

void ui_draw(struct ui *u);		/* the whole screen; clears u->dirty */

/* list.c */
size_t ui_ndisp(const struct ui *u);
uint32_t ui_disp(const struct ui *u, size_t row);
int64_t ui_sel_frame(const struct ui *u);	/* frame index, -1 when empty */
void ui_select_frame(struct ui *u, uint32_t idx);	/* nearest displayed row */
void ui_select_row(struct ui *u, size_t row);
const struct ui_row *ui_row(struct ui *u, uint32_t idx);
/* Empties the row cache (the filter or the time format changed). */
void ui_rows_forget(struct ui *u);
void ui_list_draw(struct ui *u);
void ui_list_new_packets(struct ui *u);
void ui_filter_apply_text(struct ui *u, const char *text);
void ui_filter_conv(struct ui *u, uint32_t conv, const char *text);
void ui_filter_clear(struct ui *u);
int ui_filter_step(struct ui *u, int budget_us);	/* 1 while more work */
void ui_filter_free(struct ui *u);
void ui_list_move(struct ui *u, long delta);
void ui_list_mouse(struct ui *u, int y, unsigned long bstate);

/* detail.c */
void ui_detail_sync(struct ui *u);		/* rebuild for the selected frame */
void ui_detail_draw(struct ui *u);
void ui_detail_text(struct ui *u, FILE *fp);	/* every line of the pane, as -V prints it */
void ui_hex_draw(struct ui *u);
void ui_detail_move(struct ui *u, long delta);
void ui_detail_toggle(struct ui *u, int how);	/* -1 collapse, 0 toggle, 1 expand */
void ui_detail_all(struct ui *u, int expand);
void ui_hex_move(struct ui *u, long delta);
const struct fnode *ui_detail_focus(struct ui *u);
void ui_detail_apply_filter(struct ui *u);
void ui_detail_help_line(struct ui *u, char *buf, size_t n);
void ui_detail_mouse(struct ui *u, int y, int x, unsigned long bstate);
void ui_hex_mouse(struct ui *u, int y, int x, unsigned long bstate);
void ui_detail_free(struct ui *u);

/* save.c: writes the packets whose indices are listed; -1 and errbuf on failure. */
int ui_save(struct ui *u, const char *path, const uint32_t *idx, size_t n, char *errbuf, size_t en);

#endif
