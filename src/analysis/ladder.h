/* ladder.h — the ladder model of one TCP stream (issue 8) and its text renderings.
 *
 * A ladder is built from a stream and its segments as tcp_conv.c records them
 * (struct tcpconv_stream / struct tcpconv_seg, capture order).  It adds what a
 * reader of the diagram needs and the analysis does not keep: each endpoint's state
 * before and after every segment and whether it changed, the phase (handshake, data,
 * teardown), pairs of segments that crossed in flight, the handshake arithmetic and
 * the classification in words.  The model never formats for a screen: the curses
 * view (src/ui/ladder_view.c) draws it with colours; the plain text form (--flow,
 * the Markdown export, tests) comes from the functions at the bottom, so the batch
 * ladder and the lab-report export are the same text.
 *
 * Crossing: segment i crossed segment j (the last earlier segment from the other
 * side) when j occupies sequence space (data, SYN or FIN) and i carries an ACK that
 * does not cover j's end: i was sent before j arrived — e.g. a FIN whose ACK does not
 * cover the FIN the peer had already sent (simultaneous close).  Each row crosses
 * at most one partner, except that a FIN crossing the peer's FIN is always marked,
 * even when data sent before it crossed that FIN first.  Retransmissions,
 * keep-alives and duplicate ACKs never count as crossing.
 *
 * Hindsight: the analysis gives each frame the states known up to it, so the
 * receiver of a FIN that later turns out to have crossed shows CLOSE-WAIT on that
 * FIN's frame (tcp_state.h).  The ladder sees the whole stream: a segment with
 * undo[k] set makes end k keep undo[k] on the rows since that FIN (which loses its
 * change of k), so the crossing FIN's row shows ESTABLISHED → FIN-WAIT-1 → CLOSING
 * (via[k]) and nothing shows the CLOSE-WAIT the end never was in.  Only the rows'
 * states differ from the frames' netlab.tcp.*_state fields, and only there.
 *
 * Ownership: a ladder owns copies of everything; the stream and segment arrays may
 * be freed once ladder_new returns.  Not thread-safe; one owner.
 */
#ifndef NETLAB_LADDER_H
#define NETLAB_LADDER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dissect/tcp_conv.h"

struct pinfo;

enum ladder_phase { LPH_HANDSHAKE, LPH_DATA, LPH_TEARDOWN };

#define LADDER_NOTES 3

struct ladder_row {
	struct tcpconv_seg s;		/* copy; s.label[] point to static strings */
	uint8_t before[2];		/* enum tcp_st before the segment: [0] client (a
					 * two-step change passes s.via[k] on the way) */
	uint8_t changed[2];		/* state_after differs from before */
	uint8_t phase;			/* enum ladder_phase */
	int32_t cross;			/* row this one crossed in flight with, -1 none */
	char *carries;			/* what the payload is (escaped), NULL = nothing */
	char note[LADDER_NOTES][128];	/* handshake arithmetic, crossing, TIME-WAIT; "" unused */
};

struct ladder {
	struct tcpconv_stream st;	/* copy */
	char lane[2][64];		/* "127.0.0.1:54570", "[::1]:8080" */
	uint8_t initial[2];		/* states before the first segment */
	uint8_t isn_known[2];
	uint32_t isn[2];		/* raw initial sequence numbers (SYN seen) */
	int time_wait[2];		/* the side went through TIME-WAIT */
	struct ladder_row *rows;
	size_t n;
};

/* Builds the model of `n` segments of stream `st`.  Never fails (xmalloc). */
struct ladder *ladder_new(const struct tcpconv_stream *st, const struct tcpconv_seg *segs,
    size_t n);
/* Builds it from the analysis (keep_results or tcpconv_keep_segments); NULL when the
 * stream does not exist. */
struct ladder *ladder_from_conv(const struct tcpconv *tc, uint32_t stream);
void ladder_free(struct ladder *l);

/* What row i carries ("GET /index.html HTTP/1.1", "304 Not Modified"); text must be
 * escaped already (an Info column is).  Copied; NULL or "" clears. */
/* What a segment carries, from its frame's columns (want_cols): the Info column when a
 * protocol above TCP claimed the payload, "[segment of a reassembled PDU]" for a
 * segment of a PDU completed later; 0 (buf untouched) when nothing worth saying.
 * --flow and the TUI's diagram both use it. */
int ladder_carries_text(const struct pinfo *pi, char *buf, size_t n);
void ladder_set_carries(struct ladder *l, size_t i, const char *text);

/* Row of a frame number, -1 when the frame is not in the ladder. */
long ladder_find_frame(const struct ladder *l, uint32_t frame);

const char *ladder_phase_name(enum ladder_phase p);	/* "handshake" */
const char *ladder_side_name(int side);			/* "client", "server" */
/* Short names of a segment's flags: "SYN, ACK", "FIN, PSH, ACK". */
void ladder_flags_str(uint16_t flags, char *buf, size_t n);

/* ---- text ---- */

/* Display width of UTF-8 text (every code point one column: our glyphs are). */
int ladder_width(const char *s);

/* The classification line: "TCP stream 0 · three-way handshake · close: three
 * segments (FIN, FIN+ACK, ACK) · server closed first" (" - " for "·" unless utf8). */
void ladder_title(const struct ladder *l, int utf8, char *buf, size_t n);
/* Who closed first and who ends in TIME-WAIT, with the 2MSL reason, one sentence. */
void ladder_close_sentence(const struct ladder *l, char *buf, size_t n);

/* The label of row i that fits in `width` columns: flags, what it carries, relative
 * seq/ack, length, analysis marks — shortened step by step (raw values, then seq/ack
 * of bare segments, then long flag names) and finally cut with an ellipsis. */
void ladder_label(const struct ladder *l, size_t i, int width, int utf8, char *buf, size_t n);
/* The arrow of row i, exactly `width` columns (width >= 8): "── SYN Seq=0 ───▶"
 * client → server, "◀── …" server → client, a cross mark near the head when the row
 * crossed in flight.  ASCII ("-", ">", "<", "X") unless utf8. */
void ladder_arrow(const struct ladder *l, size_t i, int width, int utf8, char *buf, size_t n);

/* Column layout of a ladder `cols` wide (>= 40): frame number, left state, arrow,
 * right state. */
struct ladder_layout {
	int num_w, state_w, arrow_x, arrow_w, right_x;
};
void ladder_layout(int cols, struct ladder_layout *lo);

/* The whole ladder as plain text `cols` wide: title, close sentence, lanes, phase
 * separators, one line per segment with the states that changed beside their lane
 * and the notes under it.  Used by --flow and by the Markdown export.  Returns 0, -1
 * on a write error. */
int ladder_write_text(FILE *fp, const struct ladder *l, int cols, int utf8);
/* The lab-report Markdown: title, classification, the ladder (text, 100 columns,
 * UTF-8), the segment table (frame, direction, flags, seq/ack relative and raw,
 * length, both states, what it carries), each state change explained, the close
 * explained.  Returns 0, -1 on a write error. */
int ladder_write_markdown(FILE *fp, const struct ladder *l);

#endif
