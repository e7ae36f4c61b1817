/* lisp.c — Locator/ID Separation Protocol (RFC 6830, 6833): control messages on UDP
 * 4342 and the data encapsulation on UDP 4341.
 *
 *   control:  +-------+------------------------------+--------------+
 *             | Type  | flags / reserved             | Record Count |
 *             +-------+------------------------------+--------------+
 *             | Nonce (8) … records (EID prefix/mask-len …)          |
 *   data:     | N L E V I flags, nonce (3), instance id (4) | IP packet
 *
 * Shown as far as Wireshark's Info column goes: the message type, its flags and, with a
 * single record, " for PREFIX/LEN".  An Encapsulated Control Message carries an IP
 * packet whose UDP payload is LISP again ("Encapsulated Map-Request").
 */
#include "config.h"

#include <stdio.h>

#include "dissect/fvalue.h"
#include "dissect/protos.h"

static void dissect_lisp_data(struct dctx *d, struct cur *c, uint32_t parent);

static void dissect_lisp(struct dctx *d, struct cur *c, uint32_t parent);

enum { L_PROTO, L_TYPE, L_RECORDS, L_NONCE, L_DATA };

static const struct val_str type_vals[] = {
	{ 0, "Reserved" }, { 1, "Map-Request" }, { 2, "Map-Reply" }, { 3, "Map-Register" },
	{ 4, "Map-Notify" }, { 5, "Map-Notify-Ack" }, { 6, "Map-Referral" }, { 7, "Info" },
	{ 8, "Encapsulated Control Message" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[L_PROTO] = { "lisp", "Locator/ID Separation Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Splits a host's identity (EID) from its location (RLOC); control messages map one to the other.", 0 },
	[L_TYPE] = { "lisp.type", "Type", FT_UINT24, BASE_DEC, 0xf00000, 24, type_vals,
		"4 bits: 1 Map-Request, 2 Map-Reply, 3 Map-Register, 8 encapsulated control message.", 0 },
	[L_RECORDS] = { "lisp.records", "Record Count", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: EID prefixes asked for or answered.", 0 },
	[L_NONCE] = { "lisp.nonce", "Nonce", FT_UINT64, BASE_HEX, 0, 0, NULL,
		"64 bits: random value a reply echoes, matching it to its request.", 0 },
	[L_DATA] = { "lisp-data", "LISP Data", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"8-byte LISP header in front of an encapsulated IP packet (UDP 4341).", 0 },
};
static const struct field_table lisp_table = REG_TABLE(fields);
static const struct handoff lisp_handoffs[] = {
	{ HO_UDP_PORT, 4341, .fn = dissect_lisp_data },
	{ HO_UDP_PORT, 4342, .fn = dissect_lisp },
};
const struct proto_reg lisp_proto = REG_PROTO(lisp_table, lisp_handoffs);

/* Wireshark's get_addr_str for the address families seen in practice: the text and
 * its length, or 0 when the family is not decoded. */
static unsigned addr_str(const uint8_t *p, size_t left, uint16_t afi, char *buf, size_t n)
{
	switch (afi) {
	case 1:
		if (left < 4)
			return 0;
		fv_ipv4(p, buf, n);
		return 4;
	case 2:
		if (left < 16)
			return 0;
		fv_ipv6(p, buf, n);
		return 16;
	case 6:
		if (left < 6)
			return 0;
		fv_ether(p, buf, n);
		return 6;
	default:
		return 0;
	}
}

/* A mapping record at offset off of m: " for PREFIX/LEN" when it is the only one. */
static void mapping_info(struct pinfo *pi, const struct cur *m, size_t off, unsigned rec_cnt)
{
	const uint8_t *p = m->p;
	size_t len = cur_left(m);
	char a[64];

	if (rec_cnt != 1 || off + 12 > len)
		return;
	if (addr_str(p + off + 12, len - off - 12, cur_peek_be16(m, off + 10), a, sizeof(a)))
		col_append(pi, " for %s/%u", a, p[off + 5]);
}

static void map_request(struct pinfo *pi, const struct cur *m)
{
	const uint8_t *p = m->p;
	size_t len = cur_left(m);
	char a[64];
	uint16_t flags = cur_peek_be16(m, 0);
	static const struct { uint16_t bit; const char *s; } fl[] = {
		{ 0x0080, " by P-ITR" }, { 0x0100, " (SMR)" }, { 0x0200, " (RLOC-probe)" },
		{ 0x0040, " (SMR-invoked)" },
	};

	for (size_t i = 0; i < sizeof(fl) / sizeof(fl[0]); i++)
		if (flags & fl[i].bit)
			col_append_str(pi, fl[i].s);
	if (len < 14)
		return;
	unsigned irc = p[2] & 0x1f, rec_cnt = p[3];
	size_t off = 12;
	uint16_t afi = cur_peek_be16(m, off);
	off += 2;
	if (afi) {
		unsigned l = addr_str(p + off, len - off, afi, a, sizeof(a));
		if (!l)
			return;
		off += l;
	}
	for (unsigned i = 0; i < irc + 1; i++) {
		if (off + 2 > len)
			return;
		afi = cur_peek_be16(m, off);
		off += 2;
		if (afi != 1 && afi != 2)
			return;
		off += afi == 1 ? 4 : 16;
	}
	if (rec_cnt == 1 && off + 4 <= len && addr_str(p + off + 4, len - off - 4, cur_peek_be16(m, off + 2), a, sizeof(a)))
		col_append(pi, " for %s/%u", a, p[off + 1]);
}

/* The IP packet inside: the link layer's trailer stays computed from the outer IP
 * header (d->payload_used), as in icmp_quoted. */
static void inner_ip(struct dctx *d, struct cur *c)
{
	uint32_t used = d->payload_used;
	int used_set = d->payload_used_set;
	uint8_t ver = cur_left(c) ? cur_peek(c, 0) >> 4 : 0;

	if (ver == 4)
		dissect_ipv4(d, c, 0);
	else if (ver == 6)
		dissect_ipv6(d, c, 0);
	else
		dissect_data(d, c, 0);
	d->payload_used = used;
	d->payload_used_set = used_set;
}

static void dissect_lisp(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	const struct cur msg = *c, *m = &msg;
	const uint8_t *p = c->p;
	size_t len = cur_left(c);
	uint32_t start = cur_off(c), node;
	/* Set by an Encapsulated Control Message for the LISP message inside it (as
	 * packet-lisp.c's file-scope flags; reset before the outer call returns). */
	static int encapsulated, ddt_originated;

	pi_push_proto(pi, "lisp");
	col_set_proto(pi, "LISP");
	col_clear(pi);
	if (!len)
		return;
	unsigned type = p[0] >> 4;
	const char *tn = val_to_str(type, type_vals);
	char unk[48];
	if (!tn) {
		snprintf(unk, sizeof(unk), "Unknown LISP Control Packet (%u)", type);
		tn = unk;
	}
	if (encapsulated)
		col_append_str(pi, "Encapsulated ");
	col_append_str(pi, tn);
	if (ddt_originated) {
		col_append_str(pi, " (DDT-originated)");
		ddt_originated = 0;
	}
	node = tree_add(t, parent, &fields[L_PROTO], start, type == 8 ? 4 : (uint32_t)len);
	if (len >= 3)
		tree_add_uint(t, node, &fields[L_TYPE], start, 3, cur_peek_be24(m, 0));
	if (type >= 1 && type <= 6 && len >= 12) {
		tree_add_uint(t, node, &fields[L_RECORDS], start + 3, 1, p[3]);
		uint64_t nonce = (uint64_t)cur_peek_be32(m, 4) << 32 | cur_peek_be32(m, 8);
		tree_add_uint(t, node, &fields[L_NONCE], start + 4, 8, nonce);
	}
	switch (type) {
	case 1:
		map_request(pi, m);
		break;
	case 2:
		if (p[0] & 0x08)
			col_append_str(pi, " (RLOC-probe reply)");
		mapping_info(pi, m, 12, len >= 4 ? p[3] : 0);
		break;
	case 3:
		if (len >= 2 && (cur_peek_be16(m, 0) & 0x0100))
			col_append_str(pi, " (RTR)");
		if (len >= 16)
			mapping_info(pi, m, 16 + (size_t)cur_peek_be16(m, 14), p[3]);
		break;
	case 8: {
		if (len < 4) {
			dissect_exhausted(d, node, "LISP");
			break;
		}
		cur_skip(c, 4);
		int outer = !encapsulated;
		ddt_originated = (p[0] & 0x04) != 0;
		encapsulated = 1;
		inner_ip(d, c);
		if (outer)
			encapsulated = ddt_originated = 0;
		return;
	}
	default:
		break;
	}
	cur_skip(c, len);
}

static void dissect_lisp_data(struct dctx *d, struct cur *c, uint32_t parent)
{
	pi_push_proto(d->pi, "lisp-data");
	col_set_proto(d->pi, "LISP");
	tree_add(d->tree, parent, &fields[L_DATA], cur_off(c), 8);
	if (!cur_has(c, 8)) {
		dissect_data(d, c, 0);
		return;
	}
	cur_skip(c, 8);
	inner_ip(d, c);
}
