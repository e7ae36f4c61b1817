/* follow.c — Follow TCP stream: the payload of both directions of one conversation,
 * client bytes and server bytes in two colours, as ASCII or hex, with a jump from any
 * chunk to the packet that carried it.
 *
 * The chunks come from the follow model (analysis/follow.c, the same as -z follow,tcp):
 * the stream's frames are re-dissected in capture order (pinfo.visited=1) and fed to
 * it.  Only printable ASCII reaches the screen (everything else is '.'), so nothing
 * from the wire can drive the terminal.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/conv_table.h"
#include "analysis/follow.h"
#include "core/xmalloc.h"
#include "ui/ui_int.h"

struct chunk {
	uint32_t frame;		/* store index */
	uint32_t off, len;	/* in buf */
	uint32_t dir_off;	/* offset within its direction */
	uint8_t dir;		/* 0: A → B (first sender), 1: B → A */
};

struct line {
	uint32_t chunk, off, len;	/* bytes [off, off+len) of buf */
};

struct follow {
	uint8_t *buf;
	size_t nbuf, bufcap;
	struct chunk *chunks;
	size_t nchunks, chunkcap;
	struct line *lines;
	size_t nlines, linecap;
	uint64_t bytes[2];
	int hex, built_cols, built_hex;
	size_t cur, top;
	char title[1024], narrow[512];	/* the header; the second fits 80 columns */
};

static void add_line(struct follow *f, uint32_t c, uint32_t off, uint32_t len)
{
	f->lines = xgrow(f->lines, &f->linecap, f->nlines + 1, sizeof(*f->lines));
	f->lines[f->nlines++] = (struct line){ c, off, len };
}

static void build_lines(struct follow *f, int cols)
{
	int width = cols - 2 > 16 ? cols - 2 : 16;

	f->nlines = 0;
	for (uint32_t c = 0; c < f->nchunks; c++) {
		const struct chunk *ch = &f->chunks[c];
		uint32_t end = ch->off + ch->len, p = ch->off;
		if (f->hex) {
			for (; p < end; p += 16)
				add_line(f, c, p, end - p < 16 ? end - p : 16);
			continue;
		}
		while (p < end) {
			uint32_t q = p;
			while (q < end && f->buf[q] != '\n' && (int)(q - p) < width)
				q++;
			if (q < end && f->buf[q] == '\n')
				q++;
			add_line(f, c, p, q - p);
			p = q;
		}
	}
	f->built_cols = cols;
	f->built_hex = f->hex;
	if (f->cur >= f->nlines)
		f->cur = f->nlines ? f->nlines - 1 : 0;
}

static void follow_draw(struct ui *u, int rows, int cols)
{
	struct follow *f = ui_view_state(u);
	int body = rows - 1;
	char line[256];

	if (f->built_cols != cols || f->built_hex != f->hex)
		build_lines(f, cols);
	if (f->cur < f->top)
		f->top = f->cur;
	if (body > 0 && f->cur >= f->top + (size_t)body)
		f->top = f->cur - (size_t)body + 1;
	attrset(theme_attr(UA_HEADER));
	mvhline(0, 0, ' ', cols);
	ui_put(0, 0, cols, ui_width(f->title) <= cols ? f->title : f->narrow, 0);
	attrset(A_NORMAL);
	for (int r = 0; r < body; r++) {
		size_t i = f->top + (size_t)r;
		const struct line *l;
		const struct chunk *ch;
		int y = 1 + r, x = 0, a;

		attrset(A_NORMAL);
		mvhline(y, 0, ' ', cols);
		if (i >= f->nlines)
			continue;
		l = &f->lines[i];
		ch = &f->chunks[l->chunk];
		a = theme_attr(ch->dir ? UA_DIR_B : UA_DIR_A);
		if (i == f->cur)
			a = theme_attr(UA_SEL);
		attrset(a);
		if (f->hex) {
			static const char hx[] = "0123456789abcdef";
			int k = 0;
			if (ch->dir)
				x = 4;
			k = snprintf(line, sizeof(line), "%08x  ", ch->dir_off + (l->off - ch->off));
			for (uint32_t j = 0; j < 16; j++) {
				if (j < l->len) {
					line[k++] = hx[f->buf[l->off + j] >> 4];
					line[k++] = hx[f->buf[l->off + j] & 15];
				} else {
					line[k++] = ' ';
					line[k++] = ' ';
				}
				line[k++] = ' ';
			}
			line[k++] = ' ';
			for (uint32_t j = 0; j < l->len; j++) {
				uint8_t c = f->buf[l->off + j];
				line[k++] = c >= 0x20 && c < 0x7f ? (char)c : '.';
			}
			line[k] = '\0';
		} else {
			uint32_t n = l->len < sizeof(line) - 1 ? l->len : (uint32_t)sizeof(line) - 1, k = 0;
			for (uint32_t j = 0; j < n; j++) {
				uint8_t c = f->buf[l->off + j];
				if (c == '\n' || (c == '\r' && j + 1 < n && f->buf[l->off + j + 1] == '\n'))
					continue;
				line[k++] = c >= 0x20 && c < 0x7f ? (char)c : '.';
			}
			line[k] = '\0';
		}
		ui_put(y, x, cols - x, line, i == f->cur);
		attrset(A_NORMAL);
	}
	if (!f->nlines)
		ui_put(2, 2, cols - 4, "This TCP stream carries no payload.", 0);
}

static void f_move(struct ui *u, long d)
{
	struct follow *f = ui_view_state(u);
	long r = (long)f->cur + d;

	if (r < 0)
		r = 0;
	if (f->nlines && (size_t)r >= f->nlines)
		r = (long)f->nlines - 1;
	f->cur = f->nlines ? (size_t)r : 0;
}

static void k_down(struct ui *u) { f_move(u, 1); }
static void k_up(struct ui *u) { f_move(u, -1); }
static void k_pgdn(struct ui *u) { f_move(u, LINES - 4); }
static void k_pgup(struct ui *u) { f_move(u, -(LINES - 4)); }
static void k_home(struct ui *u) { f_move(u, -(1L << 40)); }
static void k_end(struct ui *u) { f_move(u, 1L << 40); }
static void k_close(struct ui *u) { ui_view_pop(u); }

static void k_chunk(struct ui *u, int d)
{
	struct follow *f = ui_view_state(u);
	uint32_t c;

	if (!f->nlines)
		return;
	c = f->lines[f->cur].chunk;
	if (d > 0) {
		while (f->cur + 1 < f->nlines && f->lines[f->cur].chunk == c)
			f->cur++;
	} else {
		while (f->cur > 0 && f->lines[f->cur].chunk == c)
			f->cur--;
		c = f->lines[f->cur].chunk;
		while (f->cur > 0 && f->lines[f->cur - 1].chunk == c)
			f->cur--;
	}
}

static void k_next(struct ui *u) { k_chunk(u, 1); }
static void k_prev(struct ui *u) { k_chunk(u, -1); }

static void k_hex(struct ui *u)
{
	struct follow *f = ui_view_state(u);
	uint32_t c = f->nlines ? f->lines[f->cur].chunk : 0;

	f->hex = !f->hex;
	build_lines(f, COLS);
	for (size_t i = 0; i < f->nlines; i++)
		if (f->lines[i].chunk == c) {
			f->cur = i;
			break;
		}
}

static void k_enter(struct ui *u)
{
	struct follow *f = ui_view_state(u);
	uint32_t frame;

	if (!f->nlines)
		return;
	frame = f->chunks[f->lines[f->cur].chunk].frame;
	ui_view_pop(u);
	u->follow = 0;
	u->flt.want_sel = -1;
	ui_select_frame(u, frame);
	if (ui_sel_frame(u) != (int64_t)frame)
		ui_message(u, 1, "packet %u is hidden by the display filter (\\ clears it)", frame + 1);
}

const struct ui_key ui_follow_keys[] = {
	UI_KEYS_DOWN_UP(k_down, "next line", k_up, "previous line"),
	UI_KEYS_PAGE(k_pgdn, k_pgup),
	UI_KEYS_HOME_END(k_home, "start of the stream", k_end, "end of the stream"),
	{ 'n', "n", UI_CTX_VIEW, k_next, "next chunk (the next packet's payload)" },
	{ 'N', "N", UI_CTX_VIEW, k_prev, "previous chunk" },
	{ 'x', "x", UI_CTX_VIEW, k_hex, "show the data as hex or as ASCII (toggle)" },
	UI_KEYS_ENTER(k_enter, "go to the packet that carried this chunk"),
	UI_KEYS_CLOSE(k_close, "back to the packets"),
	{ 0, NULL, 0, NULL, NULL }
};

static int follow_key(struct ui *u, int key)
{
	return ui_key_dispatch(u, ui_follow_keys, 0, key);
}

static void follow_mouse(struct ui *u, int y, int x, unsigned long bstate)
{
	struct follow *f = ui_view_state(u);

	if (ui_wheel(bstate))
		f_move(u, 3 * ui_wheel(bstate));
	else if (y >= 1 && f->top + (size_t)(y - 1) < f->nlines)
		f->cur = f->top + (size_t)(y - 1);
}

static void follow_close(struct ui *u)
{
	struct follow *f = ui_view_state(u);

	free(f->buf);
	free(f->chunks);
	free(f->lines);
	free(f);
}

static const struct ui_view follow_view = { "follow", follow_draw, follow_key, follow_mouse,
	follow_close, NULL };

struct tcpfollow *ui_follow_build(struct ui *u, uint32_t conv)
{
	const struct convtab_row *c = convtab_row(u->convs, conv - 1);
	struct dctx d = { .tree = NULL, .pi = &u->pi, .sess = u->sess, .frag = u->sess->frag };
	struct tcpfollow *tf;
	uint32_t n = store_count(u->st);

	if (!c || c->ptype != PT_TCP)
		return NULL;
	tf = tcpfollow_new(c->stream);
	for (uint32_t i = c->first_frame - 1; i < n; i++) {
		if (store_get(u->st, i)->conv != conv)
			continue;
		ui_dissect(u, i, NULL, 0);
		tcpfollow_frame(tf, &d);
	}
	return tf;
}

void ui_follow_open(struct ui *u)
{
	int64_t sel = ui_sel_frame(u);
	struct tcpfollow *tf;
	struct follow *f;
	uint32_t conv;

	if (sel < 0)
		return;
	conv = store_get(u->st, (uint32_t)sel)->conv;
	tf = conv ? ui_follow_build(u, conv) : NULL;
	if (!tf) {
		ui_message(u, 1, "the selected packet is not part of a TCP stream");
		return;
	}
	f = xcalloc(1, sizeof(*f));
	for (size_t i = 0; i < tcpfollow_count(tf); i++) {
		const struct follow_chunk *ch = tcpfollow_chunk(tf, i);
		int dir = ch->node;
		f->buf = xgrow(f->buf, &f->bufcap, f->nbuf + ch->len, 1);
		memcpy(f->buf + f->nbuf, ch->data, ch->len);
		f->chunks = xgrow(f->chunks, &f->chunkcap, f->nchunks + 1, sizeof(*f->chunks));
		f->chunks[f->nchunks++] = (struct chunk){ ch->frame ? ch->frame - 1 : 0,
			(uint32_t)f->nbuf, ch->len, (uint32_t)f->bytes[dir], (uint8_t)dir };
		f->nbuf += ch->len;
		f->bytes[dir] += ch->len;
	}
	snprintf(f->title, sizeof(f->title),
	    " Follow TCP: %s %s %s %llu bytes, %s %s %s %llu bytes (tcp.stream %u)  x hex  Enter packet  q back",
	    tcpfollow_node(tf, 0), ui_g.arrow, tcpfollow_node(tf, 1),
	    (unsigned long long)f->bytes[0], tcpfollow_node(tf, 1), ui_g.arrow, tcpfollow_node(tf, 0),
	    (unsigned long long)f->bytes[1], tcpfollow_stream(tf));
	snprintf(f->narrow, sizeof(f->narrow), " Follow TCP: %s %s %s %llu B, %llu B back  x Enter q",
	    tcpfollow_node(tf, 0), ui_g.arrow, tcpfollow_node(tf, 1), (unsigned long long)f->bytes[0],
	    (unsigned long long)f->bytes[1]);
	tcpfollow_free(tf);
	ui_view_push(u, &follow_view, f);
}
