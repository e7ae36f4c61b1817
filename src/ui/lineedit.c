/* lineedit.c — one-line editor for the filter bar and the prompts: readline's basic
 * keys (Ctrl-A/E/U/K/W, Left/Right, Home/End, Backspace/Delete).  ASCII input only
 * (filters and file names). */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "ui/ui_int.h"

#define CTRL(c) ((c) & 0x1f)

void le_set(struct lineedit *le, const char *s)
{
	size_t n = strlen(s);

	if (n >= sizeof(le->buf))
		n = sizeof(le->buf) - 1;
	memcpy(le->buf, s, n);
	le->buf[n] = '\0';
	le->len = le->pos = (int)n;
}

static void del(struct lineedit *le, int from, int to)
{
	if (from < 0)
		from = 0;
	if (to > le->len)
		to = le->len;
	if (from >= to)
		return;
	memmove(le->buf + from, le->buf + to, (size_t)(le->len - to + 1));
	le->len -= to - from;
	le->pos = from;
}

int le_key(struct lineedit *le, int key)
{
	int p;

	switch (key) {
	case CTRL('a'): case KEY_HOME: le->pos = 0; return 1;
	case CTRL('e'): case KEY_END: le->pos = le->len; return 1;
	case CTRL('b'): case KEY_LEFT: if (le->pos) le->pos--; return 1;
	case CTRL('f'): case KEY_RIGHT: if (le->pos < le->len) le->pos++; return 1;
	case CTRL('u'): del(le, 0, le->pos); return 1;
	case CTRL('k'): del(le, le->pos, le->len); return 1;
	case CTRL('w'):
		p = le->pos;
		while (p > 0 && le->buf[p - 1] == ' ')
			p--;
		while (p > 0 && le->buf[p - 1] != ' ')
			p--;
		del(le, p, le->pos);
		return 1;
	case KEY_BACKSPACE: case 127: case CTRL('h'):
		del(le, le->pos - 1, le->pos);
		return 1;
	case KEY_DC: case CTRL('d'):
		del(le, le->pos, le->pos + 1);
		return 1;
	}
	if (key >= 0x20 && key < 0x7f && le->len + 1 < (int)sizeof(le->buf)) {
		memmove(le->buf + le->pos + 1, le->buf + le->pos, (size_t)(le->len - le->pos + 1));
		le->buf[le->pos++] = (char)key;
		le->len++;
		return 1;
	}
	return 0;
}

int le_draw(const struct lineedit *le, int y, int x, int w)
{
	int start = 0;

	if (w <= 1)
		return x;
	if (le->pos >= w)
		start = le->pos - w + 1;
	move(y, x);
	addnstr(le->buf + start, w < le->len - start ? w : le->len - start);
	for (int i = le->len - start; i < w; i++)
		addch(' ');
	return x + le->pos - start;
}
