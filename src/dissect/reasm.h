/* reasm.h — TCP byte-stream reassembly into PDUs for the protocols over TCP.
 *
 * This is Wireshark's desegmentation contract (pinfo->desegment_offset/len), as a
 * module of the session: a protocol's PDU function is handed the bytes of a segment
 * (or of a reassembled PDU followed by the rest of the segment), dissects what is
 * complete, and says where the first incomplete PDU starts and how many more bytes
 * it needs (or "one more segment", or "until FIN").  The engine collects the next
 * segments of that TCP direction and calls the function again, in the frame that
 * completes the PDU, on a "Reassembled TCP" data source; the frames before it show
 * "[TCP segment of a reassembled PDU]".
 *
 * Per stream and direction, in capture order.  A segment that leaves a hole in a PDU
 * (lost segment) makes that PDU give up, as tshark does: it is never dissected and
 * the bytes after its announced end start a new PDU.  Retransmitted bytes are not
 * fed again.  Memory is bounded: a PDU longer than the per-PDU cap, or one that would
 * take the buffered total past the global cap, gives up too.
 *
 * keep_results (TUI): every frame's outcome is recorded, and a revisit
 * (pinfo.visited) replays it without touching the state: reassembled buffers are
 * rebuilt from their segments' frames through the frame source callback, so memory
 * holds segment lists, not copies.  UI thread (or the batch loop) only.
 */
#ifndef NETLAB_REASM_H
#define NETLAB_REASM_H

#include <stddef.h>
#include <stdint.h>

struct reasm;
struct field_table;
struct dctx;
struct cur;

/* The TUI provides the bytes of frame `num` (1-based, as captured): pointer valid
 * until the next call, length in *caplen; NULL when unknown.  Needed only with
 * keep_results, to rebuild reassembled PDUs on revisits. */
typedef const uint8_t *(*reasm_frame_fn)(void *ctx, uint32_t num, uint32_t *caplen);

struct reasm *reasm_new(int keep_results);
void reasm_free(struct reasm *r);
void reasm_set_frame_source(struct reasm *r, reasm_frame_fn fn, void *ctx);
/* Caps in bytes (defaults 16 MiB per PDU, 256 MiB buffered in all). */
void reasm_set_limits(struct reasm *r, size_t per_pdu, size_t total);
/* Bytes currently buffered (tests). */
size_t reasm_buffered(const struct reasm *r);

/* Wireshark's special desegment_len values. */
#define REASM_ONE_MORE_SEGMENT 0x0fffffffu
#define REASM_UNTIL_FIN 0x0ffffffeu

/* What the PDU function reports: need_len 0 = all bytes used; otherwise the PDU
 * starting at need_off (offset in the data it was given) needs need_len more bytes
 * past the end of that data (or a special value above). */
struct reasm_need {
	uint32_t need_off;
	uint32_t need_len;
};

/* Where the bytes given to a PDU function come from. */
struct reasm_pdu {
	uint32_t stream;
	int dir;
	uint32_t seq;		/* relative seq of data[0] */
	int reassembled;	/* data is a reassembled buffer (its own data source) */
	int fin;		/* this segment carries FIN */
	int truncated;		/* the capture cut this segment: asking for more is useless */
	void *conv;		/* the stream's protocol state (reasm_conv) */
	uint32_t tcp_node;	/* TCP's tree node (tcp.pdu.size …) */
};

/* Dissects `data` (cursor over the bytes; offsets are relative to the current data
 * source) and fills *need.  Called again on revisits with d->pi->visited set: it
 * must then reuse what it recorded and change no state. */
typedef void (*reasm_pdu_fn)(struct dctx *d, struct cur *data, const struct reasm_pdu *p,
    struct reasm_need *need);

/* One TCP segment of a stream direction, as TCP hands it over. */
struct reasm_seg {
	uint32_t stream;
	int dir;
	uint32_t seq, nxtseq;	/* relative; nxtseq - seq = payload length */
	int fin;
	int retransmission;	/* TCP analysis saw these bytes before */
	uint32_t tcp_node;	/* TCP's tree node for tcp.segment_data / reassembled_in */
};

/* Runs the desegmentation of one segment: calls fn on what can be dissected and
 * records the rest.  `payload` covers the segment's payload inside the frame
 * (d->frame).  Sets the Protocol/Info columns for pure segments. */
void reasm_segment(struct reasm *r, struct dctx *d, struct cur *payload,
    const struct reasm_seg *s, reasm_pdu_fn fn);

/* Does a segment TCP found out of order go into the PDU its direction is putting
 * together (tshark adds it there; one outside any is not dissected)?  On a revisit, what
 * the first pass did (needs keep_results). */
int reasm_takes_out_of_order(const struct reasm *r, const struct reasm_seg *s, uint32_t frame,
    int visited);

/* Does the segment begin again a PDU that an earlier frame began (tshark then shows
 * it as "Retransmitted TCP segment data", whatever else it is)? */
int reasm_retransmits_pdu_start(const struct reasm *r, const struct reasm_seg *s, uint32_t frame);

/* The protocol state of a stream, created zeroed with `size` bytes on first use (in
 * `frame`) and released with `release` (may be NULL) when the session ends.  One per
 * stream. */
void *reasm_conv(struct reasm *r, uint32_t stream, uint32_t frame, size_t size,
    void (*release)(void *));

/* The TCP segment of the frame being dissected, for -z follow,tcp (tcp.c notes every
 * segment of a stream; valid while d->pi->num == frame).  seq is relative. */
struct reasm_tcp_note {
	uint32_t frame, stream, seq, ack;	/* relative */
	int dir;
	int ack_valid;
	const uint8_t *payload;	/* into the frame; NULL without data */
	uint32_t len;		/* captured payload bytes */
};
void reasm_note_tcp(struct reasm *r, const struct reasm_tcp_note *n);
const struct reasm_tcp_note *reasm_last_tcp(const struct reasm *r, uint32_t frame);

/* "[PDU Size: N]" in TCP's tree, for one PDU of several in a segment (tcp_dissect_pdus). */
void reasm_pdu_size(struct dctx *d, const struct reasm_pdu *p, uint32_t off, uint32_t len);

/* The stream's protocol state if it was created by `frame` (a revisit of an earlier
 * frame does not see it, as the first pass did not), else NULL. */
void *reasm_conv_find(const struct reasm *r, uint32_t stream, uint32_t frame);

#endif
