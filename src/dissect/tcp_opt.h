/* tcp_opt.h — TCP options (RFC 9293 3.1, RFC 7323, RFC 2018, RFC 7413), read once.
 *
 * tcp_opt_parse walks the option bytes of a header into a struct tcp_opts; the
 * analysis (tcp_analyse: window scale, SACK blocks) and the tree and Info text
 * (tcp_opt_tree) both read that struct, so they cannot disagree on where an option
 * starts or where a bogus length stops the walk.
 */
#ifndef NETLAB_TCP_OPT_H
#define NETLAB_TCP_OPT_H

#include <stdint.h>

#include "dissect/cursor.h"
#include "dissect/dissect.h"

/* Option kinds this dissector decodes (names: tcp_opt_kind_vals). */
enum tcp_opt_kind {
	TCPOPT_EOL = 0, TCPOPT_NOP = 1, TCPOPT_MSS = 2, TCPOPT_WS = 3, TCPOPT_SACK_PERM = 4,
	TCPOPT_SACK = 5, TCPOPT_TS = 8, TCPOPT_MPTCP = 30, TCPOPT_TFO = 34,
	TCPOPT_EXP1 = 253, TCPOPT_EXP2 = 254,
};

extern const struct val_str tcp_opt_kind_vals[];

#define TCP_OPT_MAX 40		/* options fill at most 40 bytes, each at least 1 */
#define TCP_SACK_MAX 4		/* 40 option bytes hold at most 4 SACK blocks */

/* One option as found. */
struct tcp_opt {
	uint8_t kind, len;		/* len: 1 for EOL and NOP; as sent otherwise */
	uint8_t known;			/* a kind decoded here, with a length that fits it */
	uint8_t bogus;			/* the length is impossible: the walk stopped here */
	uint8_t cut;			/* its body (or length byte) was not captured: the
					 * walk stopped here (tshark's exception) */
	uint32_t off;			/* offset of the kind byte */
	uint32_t span;			/* bytes the bogus item covers */
	struct cur body;		/* the len - 2 bytes after kind and length */
	uint32_t v[2];			/* MSS; shift; TSval, TSecr; SACK: first block, count */
};

struct tcp_opts {
	uint32_t off, len;		/* the option bytes (len as the header declares) */
	const uint8_t *p;		/* … as captured, have of them */
	uint32_t have;
	uint8_t truncated;		/* the captured bytes end before the walk does */
	uint8_t n;
	struct tcp_opt opt[TCP_OPT_MAX];
	int mss;			/* -1: no MSS option */
	int ws_shift;			/* -1: no window scale option (the last one counts) */
	uint8_t nsack;			/* SACK blocks of all SACK options, in order */
	uint32_t sack_le[TCP_SACK_MAX], sack_re[TCP_SACK_MAX];
};

/* Reads len option bytes at c into *o; c is not moved.  Where c holds fewer, the walk
 * stops at the first option not captured whole (o->truncated; a last option whose kind
 * and length were captured is kept with cut set). */
void tcp_opt_parse(const struct cur *c, uint32_t len, struct tcp_opts *o);

/* What the option list adds to Info and to the Options label. */
struct tcp_opt_text {
	int text;			/* fill info (columns or a labelled tree wanted) */
	int label;			/* fill names (a labelled tree wanted) */
	char info[256];			/* " MSS=1460 WS=256 SACK_PERM" */
	size_t ilen;
	char names[256];		/* ", Maximum segment size, SACK permitted" */
	size_t nlen;
};

/* The "TCP Options" subtree under parent (SACK edges less sack_base, labelled
 * "(relative)" when rel; the MSS-absent note on a SYN) and, as txt asks, its Info
 * text and names. */
void tcp_opt_tree(struct dctx *d, uint32_t parent, const struct tcp_opts *o, uint16_t flags,
    uint32_t ack, uint32_t sack_base, int rel, struct tcp_opt_text *txt);

/* Does the tree want anything the option list adds (its items, the expert note)? */
int tcp_opt_wanted(const struct dtree *t);

#endif
