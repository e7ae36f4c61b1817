/* tcp_opt.c — TCP options (RFC 9293 3.1): read once, shown as tshark 4.0 shows them.
 *
 *   +--------+--------+---------//---------+
 *   |  Kind  | Length |  Kind-specific ... |     EOL (0) and NOP (1): the kind byte only
 *   +--------+--------+---------//---------+
 *
 * MSS (RFC 9293), window scale and timestamps (RFC 7323), SACK (RFC 2018), TCP Fast
 * Open (RFC 7413, also as the experimental kind 253/254 with magic 0xf989), Multipath
 * TCP (RFC 8684, not decoded).  A length below 2 or past the option bytes ends the walk
 * ("bogus length"); a known kind with a length that does not fit it is shown as an
 * unknown option, as Wireshark does.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dissect/tcp_state.h"
#include "core/fmtnum.h"
#include "dissect/tcp_int.h"
#include "dissect/tcp_opt.h"
const struct val_str tcp_opt_kind_vals[] = {
	{ TCPOPT_EOL, "End of Option List" }, { TCPOPT_NOP, "No-Operation" }, { TCPOPT_MSS, "Maximum Segment Size" },
	{ TCPOPT_WS, "Window Scale" }, { TCPOPT_SACK_PERM, "SACK Permitted" }, { TCPOPT_SACK, "SACK" }, { 6, "Echo" },
	{ 7, "Echo Reply" }, { TCPOPT_TS, "Time Stamp Option" }, { 9, "Partial Order Connection Permitted" },
	{ 10, "Partial Order Service Profile" }, { 11, "CC" }, { 12, "CC.NEW" }, { 13, "CC.ECHO" },
	{ 14, "TCP Alternate Checksum Request" }, { 15, "TCP Alternate Checksum Data" },
	{ 16, "Skeeter" }, { 17, "Bubba" }, { 18, "Trailer Checksum Option" },
	{ 19, "MD5 Signature Option" }, { 20, "SCPS Capabilities" }, { 21, "Selective Negative Acknowledgements" },
	{ 22, "Record Boundaries" }, { 23, "Corruption experienced" }, { 24, "SNAP" },
	{ 25, "Unassigned" }, { 26, "TCP Compression Filter" }, { 27, "Quick-Start Response" },
	{ 28, "User Timeout Option" }, { 29, "TCP Authentication Option" }, { TCPOPT_MPTCP, "Multipath TCP" },
	{ TCPOPT_TFO, "TCP Fast Open Cookie" }, { 69, "Encryption Negotiation" },
	{ 172, "Accurate ECN Order 0" }, { 174, "Accurate ECN Order 1" },
	{ TCPOPT_EXP1, "RFC3692-style Experiment 1" }, { TCPOPT_EXP2, "RFC3692-style Experiment 2" }, { 0, NULL }
};

/* ---- parsing: each kind's values, 0 when the length does not fit the kind ---- */

static int parse_mss(struct tcp_opt *op, struct cur *b, struct tcp_opts *o)
{
	if (op->len != 4)
		return 0;
	op->v[0] = cur_be16(b);
	o->mss = (int)op->v[0];
	return 1;
}

static int parse_ws(struct tcp_opt *op, struct cur *b, struct tcp_opts *o)
{
	if (op->len != 3)
		return 0;
	op->v[0] = cur_u8(b);
	o->ws_shift = (int)op->v[0];
	return 1;
}

static int parse_sack_perm(struct tcp_opt *op, struct cur *b, struct tcp_opts *o)
{
	(void)b;
	(void)o;
	return op->len == 2;
}

static int parse_sack(struct tcp_opt *op, struct cur *b, struct tcp_opts *o)
{
	if ((op->len - 2u) % 8)
		return 0;
	op->v[0] = o->nsack;
	op->v[1] = 0;
	while (cur_left(b) >= 8 && o->nsack < TCP_SACK_MAX) {
		o->sack_le[o->nsack] = cur_be32(b);
		o->sack_re[o->nsack++] = cur_be32(b);
		op->v[1]++;
	}
	return 1;
}

static int parse_ts(struct tcp_opt *op, struct cur *b, struct tcp_opts *o)
{
	(void)o;
	if (op->len != 10)
		return 0;
	op->v[0] = cur_be32(b);
	op->v[1] = cur_be32(b);
	return 1;
}

/* v[0]: where the cookie starts in the body */
static int parse_tfo(struct tcp_opt *op, struct cur *b, struct tcp_opts *o)
{
	(void)b;
	(void)o;
	op->v[0] = 0;
	return 1;
}

static int parse_exp_tfo(struct tcp_opt *op, struct cur *b, struct tcp_opts *o)
{
	(void)o;
	op->v[0] = 2;
	return op->len >= 4 && cur_be16(b) == 0xf989;
}

static int parse_any(struct tcp_opt *op, struct cur *b, struct tcp_opts *o)
{
	(void)op;
	(void)b;
	(void)o;
	return 1;
}

/* ---- the tree and the Info text ---- */

struct opt_ctx {
	struct dtree *t;
	const struct tcp_opts *o;
	uint32_t sack_base;
	const char *rel;	/* " (relative)" after a SACK edge, or "" for raw numbers */
	struct tcp_opt_text *txt;
	struct dctx *d;
	uint32_t ack;			/* the header's acknowledgment number, raw */
};

static void opt_info(struct tcp_opt_text *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void opt_info(struct tcp_opt_text *x, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (!x->text || x->ilen >= sizeof(x->info) - 1)
		return;
	if (!strchr(fmt, '%')) {	/* " SACK_PERM": no printf */
		while (*fmt && x->ilen < sizeof(x->info) - 1)
			x->info[x->ilen++] = *fmt++;
		x->info[x->ilen] = '\0';
		return;
	}
	va_start(ap, fmt);
	k = vsnprintf(x->info + x->ilen, sizeof(x->info) - x->ilen, fmt, ap);
	va_end(ap);
	if (k > 0)
		x->ilen = x->ilen + (size_t)k < sizeof(x->info) ? x->ilen + (size_t)k : sizeof(x->info) - 1;
}

/* " MSS=1460": the common options' Info text without printf. */
static void opt_info_uint(struct tcp_opt_text *x, const char *prefix, uint32_t v)
{
	char tmp[FMTNUM_MAX];
	const char *p = tmp;

	if (!x->text)
		return;
	fmt_u64(tmp, v);
	while (*prefix && x->ilen < sizeof(x->info) - 1)
		x->info[x->ilen++] = *prefix++;
	while (*p && x->ilen < sizeof(x->info) - 1)
		x->info[x->ilen++] = *p++;
	x->info[x->ilen] = '\0';
}

static void opt_name(struct tcp_opt_text *x, const char *name)
{
	const char *sep = ", ";

	if (!x->label)
		return;
	while (*sep && x->nlen < sizeof(x->names) - 1)
		x->names[x->nlen++] = *sep++;
	while (*name && x->nlen < sizeof(x->names) - 1)
		x->names[x->nlen++] = *name++;
	x->names[x->nlen] = '\0';
}

/* Each kind's items under its node n (kind and length already added). */

static void tree_mss(struct opt_ctx *x, const struct tcp_opt *op, uint32_t n)
{
	tree_label(x->t, n, "TCP Option - Maximum segment size: %u bytes", op->v[0]);
	tree_add_uint(x->t, n, tcp_field(T_OPT_MSS_VAL), op->off + 2, 2, op->v[0]);
	opt_info_uint(x->txt, " MSS=", op->v[0]);
}

static void tree_ws(struct opt_ctx *x, const struct tcp_opt *op, uint32_t n)
{
	unsigned shift = op->v[0], mult = 1u << (shift > 14 ? 14 : shift);

	tree_label(x->t, n, "TCP Option - Window scale: %u (multiply by %u)", shift, mult);
	tree_add_uint(x->t, n, tcp_field(T_OPT_WS_SHIFT), op->off + 2, 1, shift);
	tcp_gen_uint_len(x->t, n, T_OPT_WS_MULT, op->off + 2, 1, mult);
	opt_info_uint(x->txt, " WS=", mult);
}

static void tree_sack_perm(struct opt_ctx *x, const struct tcp_opt *op, uint32_t n)
{
	(void)op;
	(void)n;
	opt_info(x->txt, " SACK_PERM");
}

static void tree_sack(struct opt_ctx *x, const struct tcp_opt *op, uint32_t n)
{
	struct dtree *t = x->t;

	tree_label(t, n, "TCP Option - SACK");
	for (unsigned i = 0; i < op->v[1]; i++) {
		uint32_t le = x->o->sack_le[op->v[0] + i] - x->sack_base;
		uint32_t re = x->o->sack_re[op->v[0] + i] - x->sack_base;
		uint32_t l = tree_add_uint(t, n, tcp_field(T_OPT_SACK_LE), op->off + 2 + 8 * i, 4, le);
		uint32_t r = tree_add_uint(t, n, tcp_field(T_OPT_SACK_RE), op->off + 6 + 8 * i, 4, re);
		tree_label(t, l, "left edge = %u%s", le, x->rel);
		tree_label(t, r, "right edge = %u%s", re, x->rel);
		tree_label_append(t, n, " %u-%u", le, re);
		opt_info(x->txt, " SLE=%u SRE=%u", le, re);
	}
	tcp_gen_uint(t, n, T_OPT_SACK_COUNT, op->off, op->v[1]);
	/* RFC 2883's D-SACK, as tshark tests it: the segment's first block at or below the
	 * ACK, or inside its second block (raw numbers, modulo 2^32). */
	const struct tcp_opts *o = x->o;
	if (o->nsack && ((int32_t)(o->sack_re[0] - x->ack) <= 0 ||
	    (o->nsack > 1 && (int32_t)(o->sack_le[1] - o->sack_re[0]) < 0 &&
	    (int32_t)(o->sack_re[1] - o->sack_re[0]) >= 0))) {
		uint32_t end = op->off + op->len, le = o->sack_le[0] - x->sack_base;
		uint32_t re = o->sack_re[0] - x->sack_base;
		tree_label(t, tcp_gen_uint(t, n, T_OPT_DSACK_LE, end, le), "D-SACK Left Edge = %u%s", le, x->rel);
		tree_label(t, tcp_gen_uint(t, n, T_OPT_DSACK_RE, end, re), "D-SACK Right Edge = %u%s", re, x->rel);
		tcp_expert(x->d, tree_add_text(t, n, end, 8, "D-SACK Sequence"), T_OPT_DSACK, SEV_WARN,
		    "Sequence", "D-SACK Sequence");
	}
}

static void tree_ts(struct opt_ctx *x, const struct tcp_opt *op, uint32_t n)
{
	tree_label(x->t, n, "TCP Option - Timestamps: TSval %u, TSecr %u", op->v[0], op->v[1]);
	tree_add_uint(x->t, n, tcp_field(T_OPT_TSVAL), op->off + 2, 4, op->v[0]);
	tree_add_uint(x->t, n, tcp_field(T_OPT_TSECR), op->off + 6, 4, op->v[1]);
	opt_info_uint(x->txt, " TSval=", op->v[0]);
	opt_info_uint(x->txt, " TSecr=", op->v[1]);
}

static void tree_tfo(struct opt_ctx *x, const struct tcp_opt *op, uint32_t n)
{
	struct cur b = op->body;
	uint32_t clen = (uint32_t)cur_left(&b) - op->v[0];

	tree_label(x->t, n, "TCP Option - TCP Fast Open");
	cur_skip(&b, op->v[0]);
	if (clen)
		tree_add_bytes(x->t, n, tcp_field(T_OPT_TFO_COOKIE), op->off + 2 + op->v[0], clen,
		    b.p, clen);
	opt_info(x->txt, clen ? " TFO=C" : " TFO=R");
}

static void tree_none(struct opt_ctx *x, const struct tcp_opt *op, uint32_t n)
{
	(void)x;
	(void)op;
	(void)n;
}

/* Indexed by kind: one load finds an option's decoder (parse NULL: none). */
static const struct opt_dec {
	int field;			/* the option's node */
	const char *name;		/* in the Options label */
	int (*parse)(struct tcp_opt *op, struct cur *b, struct tcp_opts *o);
	void (*tree)(struct opt_ctx *x, const struct tcp_opt *op, uint32_t n);
} decoders[256] = {
	[TCPOPT_MSS] = { T_OPT_MSS, "Maximum segment size", parse_mss, tree_mss },
	[TCPOPT_WS] = { T_OPT_WS, "Window scale", parse_ws, tree_ws },
	[TCPOPT_SACK_PERM] = { T_OPT_SACK_PERM, "SACK permitted", parse_sack_perm, tree_sack_perm },
	[TCPOPT_SACK] = { T_OPT_SACK, "SACK", parse_sack, tree_sack },
	[TCPOPT_TS] = { T_OPT_TS, "Timestamps", parse_ts, tree_ts },
	[TCPOPT_TFO] = { T_OPT_TFO, "TCP Fast Open", parse_tfo, tree_tfo },
	[TCPOPT_EXP1] = { T_OPT_TFO, "TCP Fast Open", parse_exp_tfo, tree_tfo },
	[TCPOPT_EXP2] = { T_OPT_TFO, "TCP Fast Open", parse_exp_tfo, tree_tfo },
	[TCPOPT_MPTCP] = { T_OPT_MPTCP, "Multipath TCP", parse_any, tree_none },
};

static const struct opt_dec *decoder(uint8_t kind)
{
	return decoders[kind].parse ? &decoders[kind] : NULL;
}

void tcp_opt_parse(const struct cur *c, uint32_t len, struct tcp_opts *o)
{
	struct cur oc = cur_sub(c, len, NULL);

	o->off = cur_off(c);
	o->len = len;
	o->p = oc.p;
	o->have = (uint32_t)cur_left(&oc);
	o->n = 0;
	o->mss = o->ws_shift = -1;
	o->nsack = 0;
	while (cur_off(&oc) - o->off < len && o->n < TCP_OPT_MAX) {
		struct tcp_opt *op;
		const struct opt_dec *dec;
		uint32_t left;		/* declared bytes after the length byte */

		if (!cur_left(&oc))
			break;		/* kind byte not captured */
		op = &o->opt[o->n];
		op->off = cur_off(&oc);
		op->kind = cur_u8(&oc);
		op->len = 1;
		op->known = op->bogus = op->cut = 0;
		if (op->kind == TCPOPT_EOL || op->kind == TCPOPT_NOP) {
			o->n++;
			continue;
		}
		if (!cur_left(&oc))
			break;		/* length byte not captured */
		o->n++;
		op->len = cur_u8(&oc);
		left = len - (cur_off(&oc) - o->off);
		if (op->len < 2 || op->len - 2u > left) {
			op->bogus = 1;
			op->span = left + 1;
			if (op->span > cur_left(&oc) + 1)
				op->span = (uint32_t)cur_left(&oc) + 1;
			break;
		}
		if (op->len - 2u > cur_left(&oc)) {
			op->cut = 1;
			op->body = oc;
			break;
		}
		op->body = cur_sub(&oc, (size_t)op->len - 2, NULL);
		cur_skip(&oc, (size_t)op->len - 2);
		dec = decoder(op->kind);
		if (dec) {
			struct cur b = op->body;
			op->known = (uint8_t)dec->parse(op, &b, o);
		}
	}
	o->truncated = cur_off(&oc) - o->off < len && !(o->n && o->opt[o->n - 1].bogus) &&
	    o->n < TCP_OPT_MAX;
}

/* The node of one option with its kind and length items (none without a tree: only
 * the Info text is wanted). */
static uint32_t opt_node(struct opt_ctx *x, uint32_t on, int field, const struct tcp_opt *op)
{
	if (!x->t)
		return 0;
	uint32_t n = tree_add(x->t, on, tcp_field(field), op->off, op->len);

	tree_add_uint(x->t, n, tcp_field(T_OPT_KIND), op->off, 1, op->kind);
	if (op->len > 1)
		tree_add_uint(x->t, n, tcp_field(T_OPT_LEN), op->off + 1, 1, op->len);
	return n;
}

/* An unknown kind, or a known one with a length that does not fit it. */
static void tree_unknown(struct opt_ctx *x, uint32_t on, const struct tcp_opt *op)
{
	const char *kn = val_to_str(op->kind, tcp_opt_kind_vals);
	uint32_t n = opt_node(x, on, T_OPT_UNKNOWN, op);

	tree_label(x->t, n, "TCP Option - %s", kn ? kn : "Unknown");
	if (op->len > 2)
		tree_add_bytes(x->t, n, tcp_field(T_OPT_UNKNOWN_PAYLOAD), op->off + 2, op->len - 2u,
		    op->body.p, op->len - 2u);
	opt_name(x->txt, kn ? kn : "Unknown");
}

void tcp_opt_tree(struct dctx *d, uint32_t parent, const struct tcp_opts *o, uint16_t flags,
    uint32_t ack, uint32_t sack_base, int rel, struct tcp_opt_text *txt)
{
	struct opt_ctx x = { d->tree, o, sack_base, rel ? " (relative)" : "", txt, d, ack };
	struct dtree *t = d->tree;
	uint32_t on = tree_add_bytes(t, parent, tcp_field(T_OPTIONS), o->off, o->len, o->p, o->have);

	for (unsigned i = 0; i < o->n; i++) {
		const struct tcp_opt *op = &o->opt[i];
		const struct opt_dec *dec;

		if (op->bogus) {
			tree_add_text(t, on, op->off, op->span, "Unknown (0x%02x) option: bogus length %u",
			    op->kind, op->len);
			break;
		}
		if (op->cut) {		/* tshark's node, kind and length, what was captured of
					 * a timestamp, then its exception */
			struct cur b = op->body;

			dec = decoder(op->kind);
			uint32_t n = opt_node(&x, on, dec ? dec->field : T_OPT_UNKNOWN, op);
			if (op->kind == TCPOPT_TS && cur_has(&b, 4))
				tree_add_uint(t, n, tcp_field(T_OPT_TSVAL), op->off + 2, 4, cur_be32(&b));
			break;
		}
		if (op->kind == TCPOPT_EOL || op->kind == TCPOPT_NOP) {
			opt_node(&x, on, op->kind ? T_OPT_NOP : T_OPT_EOL, op);
			opt_name(txt, op->kind ? "No-Operation (NOP)" : "End of Option List (EOL)");
		} else if (op->known && (dec = decoder(op->kind)) != NULL) {
			dec->tree(&x, op, opt_node(&x, on, dec->field, op));
			opt_name(txt, dec->name);
		} else
			tree_unknown(&x, on, op);
	}
	if ((flags & TCPF_SYN) && o->mss < 0 && !o->truncated)
		tcp_expert(d, on, T_MSS_ABSENT, SEV_NOTE, "Protocol", tcp_field(T_MSS_ABSENT)->name);
	tree_label(t, on, "Options: (%u bytes)%s", o->len, txt->names);
}

int tcp_opt_wanted(const struct dtree *t)
{
	return tree_wants_range(t, tcp_field(T_OPTIONS), tcp_field(T_OPT_UNKNOWN_PAYLOAD)) ||
	    tree_wants(t, tcp_field(T_MSS_ABSENT)) || tcp_expert_wanted(t);
}
