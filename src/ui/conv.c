/* conv.c — the conversations view: every TCP and UDP conversation with packets and
 * bytes each way and its duration; Enter displays only that conversation.
 *
 * TCP rows also show the lab's questions: was the handshake seen, how did it close
 * (four segments, three, crossing FINs, RST), who closed first and which side ends in
 * TIME-WAIT (tcpconv_close_summary, the classification --flow prints).
 *
 * The rows are the conversation table model (analysis/conv_table.c, the same as
 * -z conv,tcp and -z conv,udp: one row per tcp.stream / udp.stream), counted during
 * the first pass, so opening the view costs nothing; the filter it applies uses the
 * conversation index kept in each store record and is shown as the equivalent
 * Wireshark filter text.
 */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/conv_table.h"
#include "dissect/tcp_conv.h"
#include "dissect/tcp_state.h"
#include "core/xmalloc.h"
#include "ui/ladder_view.h"
#include "ui/ui_int.h"

struct conv_view {
	size_t cur, top;
};

static void human(uint64_t v, char *buf, size_t n)
{
	if (v < 100000)
		snprintf(buf, n, "%" PRIu64, v);
	else if (v < 10000000)
		snprintf(buf, n, "%" PRIu64 "k", v / 1000);
	else
		snprintf(buf, n, "%" PRIu64 "M", v / 1000000);
}

/* The lab columns of a TCP stream (tcpconv_close_summary): handshake, close type,
 * who closed first, which side ends in TIME-WAIT; dashes for UDP. */
static void lab_cols(struct ui *u, const struct convtab_row *c, char *buf, size_t n, int wide)
{
	struct tcp_close_summary cs;

	if (c->ptype != PT_TCP || !u->sess->tcp ||
	    tcpconv_close_summary(u->sess->tcp, c->stream, &cs) < 0) {
		snprintf(buf, n, wide ? " %-9s %-8s %-6s %-9s" : " %-7s %-8s %-6s %-6s", "-", "-", "-", "-");
		return;
	}
	snprintf(buf, n, wide ? " %-9s %-8s %-6s %-9s" : " %-7s %-8s %-6s %-6s",
	    tcpstate_handshake_short(cs.handshake), tcpstate_close_short(cs.close),
	    tcpstate_side_short(cs.first_closer), tcpstate_sides_short(cs.time_wait));
}

/* Wide terminals get packets and bytes each way and the duration; at 80 columns the
 * packet total, so that both endpoints and the lab columns fit. */
static void conv_draw(struct ui *u, int rows, int cols)
{
	struct conv_view *v = ui_view_state(u);
	size_t nconvs = convtab_count(u->convs);
	int body = rows - 2, ew = 9, wide = cols >= 132, fixed = wide ? 84 : 50;
	char a[96], b[96], line[512], n1[16], n2[16], n3[16], n4[16], ea[64], eb[64], lab[64];

	if (v->cur >= nconvs)
		v->cur = nconvs ? nconvs - 1 : 0;
	if (v->cur < v->top)
		v->top = v->cur;
	if (body > 0 && v->cur >= v->top + (size_t)body)
		v->top = v->cur - (size_t)body + 1;
	for (size_t i = 0; i < nconvs; i++) {
		const struct convtab_row *c = convtab_row(u->convs, i);
		addr_port_to_str(&c->a, c->pa, a, sizeof(a));
		addr_port_to_str(&c->b, c->pb, b, sizeof(b));
		if ((int)strlen(a) > ew)
			ew = (int)strlen(a);
		if ((int)strlen(b) > ew)
			ew = (int)strlen(b);
		if (i > 2000)
			break;	/* enough to size the columns */
	}
	if (ew > (cols - fixed) / 2)
		ew = (cols - fixed) / 2;
	if (ew < 9)
		ew = 9;

	attrset(theme_attr(UA_HEADER));
	mvhline(0, 0, ' ', cols);
	snprintf(line, sizeof(line), " Conversations: %zu   Enter: TCP diagram   f: show only this one   q: back", nconvs);
	ui_put(0, 0, cols, line, 0);
	attrset(A_BOLD);
	mvhline(1, 0, ' ', cols);
	if (wide)
		snprintf(line, sizeof(line), " %-4s %-*s %-*s %6s %7s %6s %7s %9s %-9s %-8s %-6s %-9s", "",
		    ew, "Address A", ew, "Address B", "Pk A>B", "By A>B", "Pk B>A", "By B>A", "Duration",
		    "Handshake", "Close", "Closer", "TIME-WAIT");
	else
		snprintf(line, sizeof(line), " %-4s %-*s %-*s %6s %-7s %-8s %-6s %-6s", "", ew,
		    "Address A", ew, "Address B", "Pkts", "Hshake", "Close", "Closer", "T-WAIT");
	ui_put(1, 0, cols, line, 0);
	attrset(A_NORMAL);
	for (int r = 0; r < body; r++) {
		size_t i = v->top + (size_t)r;
		const struct convtab_row *c;
		int y = 2 + r;

		attrset(A_NORMAL);
		mvhline(y, 0, ' ', cols);
		if (i >= nconvs)
			continue;
		c = convtab_row(u->convs, i);
		addr_port_to_str(&c->a, c->pa, a, sizeof(a));
		addr_port_to_str(&c->b, c->pb, b, sizeof(b));
		ui_shorten(ea, sizeof(ea), a, ew);
		ui_shorten(eb, sizeof(eb), b, ew);
		lab_cols(u, c, lab, sizeof(lab), wide);
		if (wide) {
			human(c->frames_ab, n1, sizeof(n1));
			human(c->bytes_ab, n2, sizeof(n2));
			human(c->frames_ba, n3, sizeof(n3));
			human(c->bytes_ba, n4, sizeof(n4));
			snprintf(line, sizeof(line), " %-4s %-*s %-*s %6s %7s %6s %7s %9.6f%s",
			    c->ptype == PT_TCP ? "TCP" : "UDP", ew, ea, ew, eb, n1, n2, n3, n4,
			    (double)(c->last_ts - c->first_ts) / 1e9, lab);
		} else {
			human((uint64_t)c->frames_ab + c->frames_ba, n1, sizeof(n1));
			snprintf(line, sizeof(line), " %-4s %-*s %-*s %6s%s",
			    c->ptype == PT_TCP ? "TCP" : "UDP", ew, ea, ew, eb, n1, lab);
		}
		if (i == v->cur)
			attrset(theme_attr(UA_SEL));
		ui_put(y, 0, cols, line, i == v->cur);
		attrset(A_NORMAL);
	}
	if (!nconvs)
		ui_put(3, 2, cols - 4, "No TCP or UDP conversations (yet).", 0);
}

static void conv_move(struct ui *u, long d)
{
	struct conv_view *v = ui_view_state(u);
	long r = (long)v->cur + d;
	size_t nconvs = convtab_count(u->convs);

	if (r < 0)
		r = 0;
	if (nconvs && (size_t)r >= nconvs)
		r = (long)nconvs - 1;
	v->cur = nconvs ? (size_t)r : 0;
}

static void k_down(struct ui *u) { conv_move(u, 1); }
static void k_up(struct ui *u) { conv_move(u, -1); }
static void k_pgdn(struct ui *u) { conv_move(u, LINES - 5); }
static void k_pgup(struct ui *u) { conv_move(u, -(LINES - 5)); }
static void k_home(struct ui *u) { conv_move(u, -(1L << 40)); }
static void k_end(struct ui *u) { conv_move(u, 1L << 40); }
static void k_close(struct ui *u) { ui_view_pop(u); }

static void k_filter(struct ui *u)
{
	struct conv_view *v = ui_view_state(u);
	const struct convtab_row *c = convtab_row(u->convs, v->cur);
	char text[64];

	if (!c)
		return;
	/* the rows are streams: a reused 4-tuple is another row, as in Wireshark */
	snprintf(text, sizeof(text), "%s.stream eq %u", c->ptype == PT_TCP ? "tcp" : "udp", c->stream);
	{
		uint32_t conv = (uint32_t)v->cur + 1, first = c->first_frame - 1;
		ui_view_pop(u);
		ui_filter_conv(u, conv, text);
		ui_select_frame(u, first);
	}
}

/* A TCP stream opens its diagram (the lab's question: how did it open and close?);
 * a UDP conversation is displayed alone. */
static void k_enter(struct ui *u)
{
	struct conv_view *v = ui_view_state(u);
	const struct convtab_row *c = convtab_row(u->convs, v->cur);

	if (!c)
		return;
	if (c->ptype != PT_TCP) {
		k_filter(u);
		return;
	}
	ui_diagram_open_stream(u, c->stream);
}

const struct ui_key ui_conv_keys[] = {
	UI_KEYS_DOWN_UP(k_down, "next conversation", k_up, "previous conversation"),
	{ KEY_NPAGE, "PgDn", UI_CTX_VIEW, k_pgdn, "one page down" },
	{ KEY_PPAGE, "PgUp", UI_CTX_VIEW, k_pgup, "one page up" },
	UI_KEYS_HOME_END(k_home, "first conversation", k_end, "last conversation"),
	UI_KEYS_ENTER(k_enter, "open the TCP stream's diagram (UDP: display it alone)"),
	{ 'f', "f", UI_CTX_VIEW, k_filter, "display only this conversation's packets (tcp.stream eq N)" },
	UI_KEYS_CLOSE(k_close, "back to the packets"),
	{ 0, NULL, 0, NULL, NULL }
};

static int conv_key(struct ui *u, int key)
{
	return ui_key_dispatch(u, ui_conv_keys, 0, key);
}

static void conv_mouse(struct ui *u, int y, int x, unsigned long bstate)
{
	struct conv_view *v = ui_view_state(u);

	if (ui_wheel(bstate))
		conv_move(u, 3 * ui_wheel(bstate));
	else if (y >= 2 && v->top + (size_t)(y - 2) < convtab_count(u->convs)) {
		size_t i = v->top + (size_t)(y - 2);
		if (i == v->cur)
			k_enter(u);
		else
			v->cur = i;
	}
}

static void conv_close(struct ui *u)
{
	free(ui_view_state(u));
}

static const struct ui_view conv_view = { "conversations", conv_draw, conv_key, conv_mouse,
	conv_close, NULL };

void ui_conv_open(struct ui *u)
{
	struct conv_view *v = xcalloc(1, sizeof(*v));
	int64_t f = ui_sel_frame(u);

	/* start on the selected packet's conversation */
	if (f >= 0 && store_get(u->st, (uint32_t)f)->conv)
		v->cur = store_get(u->st, (uint32_t)f)->conv - 1;
	ui_view_push(u, &conv_view, v);
}
