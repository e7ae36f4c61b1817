/* conv_table.h — the conversation table: one row per TCP stream and per UDP stream.
 *
 * The model behind both `-z conv,tcp|udp` (print/conv.c) and the TUI's conversations
 * view: rows are keyed by tcp.stream / udp.stream, so a reused 4-tuple is a new row,
 * as in Wireshark.  Address A is the sender of the conversation's first frame; "ab"
 * counts A's frames and bytes (frame lengths).  Fed one dissected frame at a time, in
 * capture order.  One owner thread (UI or batch loop).
 */
#ifndef NETLAB_CONV_TABLE_H
#define NETLAB_CONV_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "dissect/dissect.h"

struct convtab_row {
	struct address a, b;
	uint16_t pa, pb;
	uint8_t ptype;			/* PT_TCP or PT_UDP */
	uint32_t stream;		/* tcp.stream or udp.stream */
	uint32_t first_frame;		/* frame number of its first frame */
	uint32_t frames_ab, frames_ba;
	uint64_t bytes_ab, bytes_ba;
	int64_t first_ts, last_ts;	/* ns since the epoch */
};

struct convtab;

struct convtab *convtab_new(void);
void convtab_free(struct convtab *ct);
/* Counts a dissected frame (pinfo after dissect_frame); returns its row index + 1, or
 * 0 when the frame belongs to no TCP/UDP stream. */
uint32_t convtab_add(struct convtab *ct, const struct pinfo *pi);
size_t convtab_count(const struct convtab *ct);
/* Row i (0-based, in order of first appearance). */
const struct convtab_row *convtab_row(const struct convtab *ct, size_t i);
/* The row's first frame relative to the capture's first frame (ns). */
int64_t convtab_first_rel(const struct convtab *ct, const struct convtab_row *r);
/* The rows of one port type as tshark prints them: most frames first, ties in order
 * of appearance.  Caller frees *rows; returns the count. */
size_t convtab_sorted(const struct convtab *ct, int ptype, const struct convtab_row ***rows);

#endif
