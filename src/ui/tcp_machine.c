/* tcp_machine.c — the TCP state machine figure of the diagram view (m): RFC 9293
 * figure 5, simplified, with the client's and the server's state boxes marked.
 * UTF-8 box drawing, or ASCII without UTF-8.  UI thread only.
 */
#include "config.h"

#include <curses.h>
#include <stdint.h>
#include <string.h>

#include "dissect/tcp_state.h"
#include "ui/ui_int.h"

static int side_attr(int side)
{
	return theme_attr(side == 0 ? UA_DIR_A : UA_DIR_B);
}

struct mbox {
	uint8_t st;
	uint8_t y, x, w;
};

static const struct mbox mboxes[] = {
	{ TCPS_CLOSED, 0, 33, 10 },
	{ TCPS_LISTEN, 4, 14, 10 },
	{ TCPS_SYN_SENT, 4, 50, 12 },
	{ TCPS_SYN_RECEIVED, 8, 10, 16 },
	{ TCPS_ESTABLISHED, 8, 47, 15 },
	{ TCPS_FIN_WAIT_1, 12, 10, 14 },
	{ TCPS_CLOSING, 12, 35, 11 },
	{ TCPS_CLOSE_WAIT, 12, 66, 14 },
	{ TCPS_FIN_WAIT_2, 16, 10, 14 },
	{ TCPS_TIME_WAIT, 16, 34, 13 },
	{ TCPS_LAST_ACK, 16, 66, 14 },
};

/* Lines and labels between the boxes, drawn over them: box-drawing characters in
 * UTF-8, mapped to ASCII (- | + v > <) otherwise. */
static const struct { uint8_t y, x; const char *s; } mlinks[] = {
	{ 1, 19, "\xe2\x94\x8c\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80" },
	{ 1, 43, "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x90" },
	{ 2, 19, "\xe2\x94\x82 passive OPEN" },
	{ 2, 55, "\xe2\x94\x82 active OPEN / snd SYN" },
	{ 3, 19, "\xe2\x96\xbc" },
	{ 3, 55, "\xe2\x96\xbc" },
	{ 5, 26, "simultaneous open:" },
	{ 6, 26, "SYN-SENT \xe2\x94\x80\xe2\x96\xb6 SYN-RECEIVED" },
	{ 7, 19, "\xe2\x96\xbc rcv SYN / snd SYN,ACK" },
	{ 7, 55, "\xe2\x96\xbc rcv SYN,ACK / snd ACK" },
	{ 9, 26, "\xe2\x94\x80 rcv ACK of SYN \xe2\x94\x80\xe2\x96\xb6" },
	{ 11, 17, "\xe2\x94\x8c\xe2\x94\x80 CLOSE / snd FIN \xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x98" },
	{ 11, 51, "\xe2\x94\x94\xe2\x94\x80 rcv FIN / snd ACK \xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x90" },
	{ 12, 17, "\xe2\x96\xbc" },
	{ 12, 73, "\xe2\x96\xbc" },
	{ 13, 24, "\xe2\x94\x80rcv FIN\xe2\x94\x80\xe2\x94\x80\xe2\x96\xb6" },
	{ 15, 17, "\xe2\x96\xbc rcv ACK of FIN" },
	{ 15, 40, "\xe2\x96\xbc rcv ACK" },
	{ 15, 57, "CLOSE / snd FIN \xe2\x96\xbc" },
	{ 17, 24, "\xe2\x94\x80rcv FIN\xe2\x94\x80\xe2\x96\xb6" },
	{ 19, 34, "2MSL timeout \xe2\x94\x80\xe2\x96\xb6 CLOSED" },
	{ 19, 62, "rcv ACK \xe2\x94\x80\xe2\x96\xb6 CLOSED" },
	{ 19, 2, "RST: any state \xe2\x94\x80\xe2\x96\xb6 CLOSED" },
};
#define MACHINE_ROWS 20
#define MACHINE_COLS 80

/* UTF-8 box drawing → ASCII. */
static const struct { const char *u, *a; } box_ascii[] = {
	{ "\xe2\x94\x80", "-" }, { "\xe2\x94\x82", "|" }, { "\xe2\x94\x8c", "+" },
	{ "\xe2\x94\x90", "+" }, { "\xe2\x94\x94", "+" }, { "\xe2\x94\x98", "+" },
	{ "\xe2\x96\xbc", "v" }, { "\xe2\x96\xb6", ">" }, { "\xe2\x97\x80", "<" },
};

static void mput(int y, int x, const char *s, int maxx)
{
	char out[512];
	size_t at = 0;

	if (!ui_g.utf8) {
		while (*s && at + 2 < sizeof(out)) {
			size_t i;
			for (i = 0; i < sizeof(box_ascii) / sizeof(box_ascii[0]); i++) {
				size_t k = strlen(box_ascii[i].u);
				if (strncmp(s, box_ascii[i].u, k) == 0) {
					out[at++] = box_ascii[i].a[0];
					s += k;
					break;
				}
			}
			if (i == sizeof(box_ascii) / sizeof(box_ascii[0]))
				out[at++] = *s++;
		}
		out[at] = '\0';
		s = out;
	}
	if (x < maxx)
		ui_put(y, x, maxx - x, s, 0);
}

static void draw_box(int y, int x, const struct mbox *b, int maxx, int mark0, int mark1)
{
	char line[256];
	const char *h = "\xe2\x94\x80";
	const char *name = tcpstate_name((enum tcp_st)b->st);
	int inner = b->w - 2, nl = (int)strlen(name), pad = (inner - nl) / 2;
	size_t at;

	at = (size_t)snprintf(line, sizeof(line), "\xe2\x94\x8c");
	for (int i = 0; i < inner; i++)
		at += (size_t)snprintf(line + at, sizeof(line) - at, "%s", h);
	snprintf(line + at, sizeof(line) - at, "\xe2\x94\x90");
	mput(y + b->y, x + b->x, line, maxx);
	snprintf(line, sizeof(line), "\xe2\x94\x82%*s%s%*s\xe2\x94\x82", pad, "", name,
	    inner - nl - pad, "");
	mput(y + b->y + 1, x + b->x, line, maxx);
	at = (size_t)snprintf(line, sizeof(line), "\xe2\x94\x94");
	for (int i = 0; i < inner; i++)
		at += (size_t)snprintf(line + at, sizeof(line) - at, "%s", h);
	snprintf(line + at, sizeof(line) - at, "\xe2\x94\x98");
	mput(y + b->y + 2, x + b->x, line, maxx);
	/* the endpoints in this state: name row highlighted, "cli"/"srv" on the border */
	if (mark0 || mark1) {
		int a = mark0 && mark1 ? theme_attr(UA_SEL) :
		    (int)((unsigned)side_attr(mark0 ? 0 : 1) | A_REVERSE | A_BOLD);
		attrset(a);
		mput(y + b->y + 1, x + b->x + 1, "", maxx);
		snprintf(line, sizeof(line), "%*s%s%*s", pad, "", name, inner - nl - pad, "");
		mput(y + b->y + 1, x + b->x + 1, line, maxx);
		attrset(A_NORMAL);
		if (mark0) {
			attrset(side_attr(0) | A_BOLD);
			mput(y + b->y, x + b->x + 1, "cli", maxx);
		}
		if (mark1) {
			attrset(side_attr(1) | A_BOLD);
			mput(y + b->y, x + b->x + b->w - 4, "srv", maxx);
		}
		attrset(A_NORMAL);
	}
}

void ui_machine_figure(int rows, int cols, const uint8_t st[2])
{
	int x0 = cols > MACHINE_COLS ? (cols - MACHINE_COLS) / 2 : 0, y0 = 1;

	if (rows - 2 < MACHINE_ROWS)
		y0 = 1 - (MACHINE_ROWS - (rows - 2));	/* clip the top rows (CLOSED) on tiny screens */
	for (size_t i = 0; i < sizeof(mboxes) / sizeof(mboxes[0]); i++) {
		if (y0 + mboxes[i].y < 1)
			continue;
		draw_box(y0, x0, &mboxes[i], cols, st[0] == mboxes[i].st, st[1] == mboxes[i].st);
	}
	attrset(theme_attr(UA_DIM));
	for (size_t i = 0; i < sizeof(mlinks) / sizeof(mlinks[0]); i++) {
		if (y0 + mlinks[i].y < 1 || y0 + mlinks[i].y >= rows - 1)
			continue;
		mput(y0 + mlinks[i].y, x0 + mlinks[i].x, mlinks[i].s, cols);
	}
	attrset(A_NORMAL);
	/* the state boxes marked again: links drawn above must not hide a mark */
	for (size_t i = 0; i < sizeof(mboxes) / sizeof(mboxes[0]); i++)
		if (y0 + mboxes[i].y >= 1 && (st[0] == mboxes[i].st || st[1] == mboxes[i].st))
			draw_box(y0, x0, &mboxes[i], cols, st[0] == mboxes[i].st, st[1] == mboxes[i].st);
}
