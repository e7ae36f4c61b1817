/* theme.c — the one theme file: colours of the UI and of the packet colouring rules,
 * glyphs (UTF-8 or ASCII), and width-aware text output.
 *
 * Colouring rules are Wireshark 4.0's defaults, in its order (first match wins):
 * Bad TCP, ARP, ICMP, TCP RST, HTTP, TCP SYN/FIN, TCP, UDP, Broadcast; malformed
 * packets count as Bad.  256-colour terminals get Wireshark's RGB values mapped to
 * the xterm cube; 8-colour terminals a reduced set; NO_COLOR or a monochrome
 * terminal none (the rules still drive bold/dim marks).
 */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/ui_int.h"

struct ui_glyphs ui_g;

static int attrs[UA_COUNT];
static int color_attrs[UC_COUNT];

struct rule_color {	/* a colouring rule's colours (its name in the comment) */
	short fg256, bg256;	/* xterm-256 */
	short fg8, bg8;		/* basic colours, -1 = default */
	int mono;		/* attribute without colours */
};

/* Wireshark: Bad TCP fg #f78787 bg #12272e; ARP bg #faf0d7; ICMP bg #fce0ff; TCP RST
 * fg #fffc9c bg #a40000; HTTP bg #e4ffc7; SYN/FIN bg #a0a0a0; TCP bg #e7e6ff; UDP
 * bg #daeeff; Broadcast bg #ffffff. */
static const struct rule_color rule_colors[UC_COUNT] = {
	[UC_NONE] = { -1, -1, -1, -1, 0 },	/* none */
	[UC_BAD] = { 210, 234, COLOR_RED, COLOR_BLACK, A_BOLD },	/* Bad TCP / malformed */
	[UC_ARP] = { 16, 230, COLOR_BLACK, COLOR_YELLOW, 0 },	/* ARP */
	[UC_ICMP] = { 16, 225, COLOR_BLACK, COLOR_MAGENTA, 0 },	/* ICMP */
	[UC_RST] = { 229, 124, COLOR_YELLOW, COLOR_RED, A_BOLD },	/* TCP RST */
	[UC_HTTP] = { 16, 193, COLOR_BLACK, COLOR_GREEN, 0 },	/* HTTP */
	[UC_SYNFIN] = { 16, 247, COLOR_BLACK, COLOR_WHITE, 0 },	/* TCP SYN/FIN */
	[UC_TCP] = { 16, 189, -1, -1, 0 },	/* TCP */
	[UC_UDP] = { 16, 195, COLOR_BLACK, COLOR_CYAN, 0 },	/* UDP */
	[UC_BROADCAST] = { 16, 231, -1, -1, 0 },	/* Broadcast */
};

struct ui_color_def {
	short fg, bg;
	int attr, mono;
};

static const struct ui_color_def ui_colors[UA_COUNT] = {
	[UA_NORMAL] = { -1, -1, 0, 0 },
	[UA_HEADER] = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[UA_STATUS] = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[UA_SEL] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[UA_SEL_DIM] = { -1, -1, A_REVERSE, A_REVERSE },
	[UA_PANE_TITLE] = { -1, -1, A_DIM, A_DIM },
	[UA_PANE_TITLE_FOCUS] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[UA_OK] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[UA_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[UA_HEX_HI] = { COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE },
	[UA_WARN] = { COLOR_YELLOW, -1, 0, A_BOLD },
	[UA_DIR_A] = { COLOR_RED, -1, 0, 0 },
	[UA_DIR_B] = { COLOR_BLUE, -1, A_BOLD, A_BOLD },
	[UA_MARK] = { -1, -1, A_BOLD, A_BOLD },
	[UA_DIM] = { -1, -1, A_DIM, A_DIM },
};

void theme_init(void)
{
	const char *nc = getenv("NO_COLOR");
	int use = has_colors() && !(nc && *nc);
	short pair = 1;

	if (use) {
		start_color();
		use_default_colors();
	}
	for (int i = 0; i < UA_COUNT; i++) {
		const struct ui_color_def *c = &ui_colors[i];
		if (!use || (c->fg < 0 && c->bg < 0)) {
			attrs[i] = use ? c->attr : c->mono;
			continue;
		}
		init_pair(pair, c->fg, c->bg);
		attrs[i] = (int)COLOR_PAIR(pair) | c->attr;
		pair++;
	}
	for (int i = 0; i < UC_COUNT; i++) {
		const struct rule_color *r = &rule_colors[i];
		short fg = COLORS >= 256 ? r->fg256 : r->fg8;
		short bg = COLORS >= 256 ? r->bg256 : r->bg8;
		if (!use || (fg < 0 && bg < 0)) {
			color_attrs[i] = use ? 0 : r->mono;
			continue;
		}
		init_pair(pair, fg, bg);
		color_attrs[i] = (int)COLOR_PAIR(pair);
		pair++;
	}
}

int theme_attr(enum ui_attr a)
{
	return attrs[a];
}

int theme_color_attr(enum ui_color c)
{
	return color_attrs[c];
}

static int has_proto(const struct pinfo *pi, const char *name)
{
	for (int i = 0; i < pi->nprotos; i++)
		if (strcmp(pi->protos[i], name) == 0)
			return 1;
	return 0;
}

enum ui_color theme_classify(const struct ui_colorinfo *ci)
{
	const struct pinfo *pi = ci->pi;
	int tcp = has_proto(pi, "tcp");

	if (ci->bad || (tcp && ci->tcp_problem))
		return UC_BAD;
	if (has_proto(pi, "arp"))
		return UC_ARP;
	if (has_proto(pi, "icmp") || has_proto(pi, "icmpv6"))
		return UC_ICMP;
	if (tcp && ci->rst)
		return UC_RST;
	if (has_proto(pi, "http") || (pi->ptype == PT_TCP && (pi->srcport == 80 || pi->dstport == 80)))
		return UC_HTTP;
	if (tcp && (ci->syn || ci->fin))
		return UC_SYNFIN;
	if (tcp || pi->ptype == PT_TCP)
		return UC_TCP;
	if (has_proto(pi, "udp") || pi->ptype == PT_UDP)
		return UC_UDP;
	if (ci->broadcast)
		return UC_BROADCAST;
	return UC_NONE;
}

void theme_glyphs_init(void)
{
	const char *cs = nl_langinfo(CODESET);
	int utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);

	if (utf8)
		ui_g = (struct ui_glyphs){ "\xe2\x96\xb6", "\xe2\x97\x8f", "\xe2\x96\xbe",
			"\xe2\x96\xb8", " ", "\xe2\x94\x80", "\xe2\x86\x92", "\xe2\x86\x90",
			"\xe2\x80\xa6", 1 };
	else
		ui_g = (struct ui_glyphs){ ">", "*", "-", "+", " ", "-", "->", "<-", "~", 0 };
}

/* One display unit of s at *p: its bytes (*len) and columns; ASCII mode maps the
 * arrows to two characters and everything else non-ASCII to '?'. */
static int unit(const char *s, size_t *len, const char **rep)
{
	const unsigned char *p = (const unsigned char *)s;
	*rep = NULL;
	if (*p < 0x80) {
		*len = 1;
		return *p >= 0x20 && *p != 0x7f ? 1 : (*rep = "?", 1);
	}
	if (ui_g.utf8) {
		mbstate_t ms;
		wchar_t wc;
		size_t k;
		int w;
		memset(&ms, 0, sizeof(ms));
		k = mbrtowc(&wc, s, strnlen(s, 4), &ms);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			*len = 1;
			*rep = "?";
			return 1;
		}
		*len = k;
		w = wcwidth(wc);
		if (w < 0) {
			*rep = "?";
			return 1;
		}
		return w;
	}
	/* ASCII: skip the whole UTF-8 sequence */
	{
		size_t k = 1;
		while (p[k] && (p[k] & 0xc0) == 0x80 && k < 4)
			k++;
		*len = k;
		if (k == 3 && p[0] == 0xe2 && p[1] == 0x86 && p[2] == 0x92)
			return (*rep = "->", 2);
		if (k == 3 && p[0] == 0xe2 && p[1] == 0x86 && p[2] == 0x90)
			return (*rep = "<-", 2);
		if (k == 3 && p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xa6)
			return (*rep = "~", 1);
		*rep = "?";
		return 1;
	}
}

int ui_width(const char *s)
{
	int w = 0;

	while (*s) {
		size_t len;
		const char *rep;
		w += unit(s, &len, &rep);
		s += len;
	}
	return w;
}

int ui_put(int y, int x, int w, const char *s, int pad)
{
	int used = 0;

	if (w <= 0)
		return 0;
	move(y, x);
	while (*s) {
		size_t len;
		const char *rep;
		int cw = unit(s, &len, &rep);
		if (used + cw > w)
			break;
		if (rep)
			addnstr(rep, (int)strlen(rep));
		else
			addnstr(s, (int)len);
		used += cw;
		s += len;
	}
	while (pad && used < w) {
		addch(' ');
		used++;
	}
	return used;
}

size_t ui_wrap(const char *s, int w, const char **next)
{
	const char *p = s, *brk = NULL;
	int used = 0;

	while (*p) {
		size_t len;
		const char *rep;
		int cw = unit(p, &len, &rep);
		if (*p == ' ' && p > s)
			brk = p;
		if (used + cw > w && p > s) {
			const char *end = brk && *p != ' ' ? brk : p;
			for (*next = end; **next == ' '; (*next)++)
				;
			return (size_t)(end - s);
		}
		used += cw;
		p += len;
	}
	*next = p;
	return (size_t)(p - s);
}

int ui_put_wrapped(int y, int x, int w, int maxrows, const char *s)
{
	int rows = 0;
	char line[1024];

	while (*s && rows < maxrows) {
		const char *next;
		size_t k = ui_wrap(s, w, &next);
		if (rows == maxrows - 1) {
			ui_put(y + rows, x, w, s, 0);
			return rows + 1;
		}
		if (k >= sizeof(line))
			k = sizeof(line) - 1;
		memcpy(line, s, k);
		line[k] = '\0';
		ui_put(y + rows, x, w, line, 0);
		rows++;
		s = next;
	}
	return rows;
}

void ui_shorten(char *dst, size_t n, const char *s, int w)
{
	size_t len = strlen(s);
	size_t head, tail;

	if (!n)
		return;
	if ((int)len <= w || w < 5) {
		snprintf(dst, n, "%s", s);
		return;
	}
	/* addresses are ASCII: keep both ends, the tail (host part) a bit longer */
	head = (size_t)(w - 1) / 2;
	tail = (size_t)(w - 1) - head;
	snprintf(dst, n, "%.*s%s%s", (int)head, s, ui_g.ellipsis, s + len - tail);
}
