/* ah.c — IP Authentication Header (RFC 4302), IP protocol 51, in IPv4 or IPv6.
 *
 *   +-------------+-------------+---------------------------+
 *   | Next Header | Payload Len |         Reserved          |
 *   +-------------+-------------+---------------------------+
 *   |          Security Parameters Index (SPI)              |
 *   |          Sequence Number                              |
 *   |          Integrity Check Value (variable) …           |
 *
 * The header is (Payload Len + 2) × 4 bytes; what follows is dispatched by Next Header
 * like an IP payload (OSPFv3 uses AH for authentication).
 */
#include "config.h"

#include "dissect/protos.h"

static void dissect_ah(struct dctx *d, struct cur *c, uint32_t parent);

enum { A_PROTO, A_NEXT, A_LEN, A_SPI, A_SEQ, A_ICV };

static const struct field_def fields[] = {
	[A_PROTO] = { "ah", "Authentication Header", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"IPsec integrity protection: a keyed checksum over the packet, no encryption.", 0 },
	[A_NEXT] = { "ah.next_header", "Next header", FT_UINT8, BASE_DEC, 0, 0, ipproto_vals,
		"8 bits: protocol of what follows the header.", 0 },
	[A_LEN] = { "ah.length", "Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: header length in 4-byte words, minus 2.", 0 },
	[A_SPI] = { "ah.spi", "AH SPI", FT_UINT32, BASE_HEX, 0, 0, NULL,
		"32 bits: which security association (keys, algorithm) protects the packet.", 0 },
	[A_SEQ] = { "ah.sequence", "AH Sequence", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"32 bits: counter against replayed packets.", 0 },
	[A_ICV] = { "ah.icv", "AH ICV", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The integrity check value (truncated HMAC).", 0 },
};
static const struct field_table ah_table = REG_TABLE(fields);
static const struct handoff ah_handoffs[] = {
	{ HO_IPPROTO, 51, .fn = dissect_ah },
};
const struct proto_reg ah_proto = REG_PROTO(ah_table, ah_handoffs);

static void dissect_ah(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node;

	node = dissect_layer(d, parent, "ah", "AH", &fields[A_PROTO], start, 12);
	if (!cur_has(c, 12)) {
		dissect_exhausted(d, node, "AH");
		cur_skip(c, cur_left(c));
		return;
	}
	const uint8_t *p = c->p;
	uint8_t next = p[0];
	uint32_t hlen = (p[1] + 2u) * 4u;
	uint32_t spi = cur_peek_be32(c, 4);
	uint32_t seq = cur_peek_be32(c, 8);
	col_append(pi, "AH (SPI=0x%08x)", spi);
	tree_set_len(t, node, hlen);
	tree_add_uint(t, node, &fields[A_NEXT], start, 1, next);
	tree_add_uint(t, node, &fields[A_LEN], start + 1, 1, p[1]);
	tree_add_uint(t, node, &fields[A_SPI], start + 4, 4, spi);
	tree_add_uint(t, node, &fields[A_SEQ], start + 8, 4, seq);
	if (!cur_has(c, hlen)) {
		dissect_exhausted(d, node, "AH");
		cur_skip(c, cur_left(c));
		return;
	}
	if (hlen > 12)
		tree_add_bytes(t, node, &fields[A_ICV], start + 12, hlen - 12, p + 12, hlen - 12);
	cur_skip(c, hlen);
	if (!dissect_ipproto(d, c, 0, next))
		dissect_data(d, c, 0);
}
