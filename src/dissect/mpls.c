/* mpls.c — MPLS label stack (RFC 3032), EtherTypes 0x8847/0x8848.
 *
 *   | Label (20) | Exp/TC (3) | S (1) | TTL (8) |   repeated until S = 1, then the packet
 *
 * After the bottom of the stack the first nibble tells the payload: 4 IPv4, 6 IPv6 (as
 * Wireshark guesses without a pseudowire configured); anything else is data.
 */
#include "config.h"

#include "dissect/protos.h"

enum { M_PROTO, M_LABEL, M_EXP, M_BOS, M_TTL };

static const struct field_def fields[] = {
	[M_PROTO] = { "mpls", "MultiProtocol Label Switching Header", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"One MPLS label stack entry: routers forward by the label, not the IP address.", 0 },
	[M_LABEL] = { "mpls.label", "MPLS Label", FT_UINT32, BASE_DEC_HEX, 0xfffff000u, 32, NULL,
		"20 bits: the label the next router switches on.", 0 },
	[M_EXP] = { "mpls.exp", "MPLS Experimental Bits", FT_UINT32, BASE_DEC, 0x00000e00u, 32, NULL,
		"3 bits: traffic class (QoS).", 0 },
	[M_BOS] = { "mpls.bottom", "MPLS Bottom Of Label Stack", FT_UINT32, BASE_DEC, 0x00000100u, 32, NULL,
		"1 bit: set on the last entry of the stack.", 0 },
	[M_TTL] = { "mpls.ttl", "MPLS TTL", FT_UINT32, BASE_DEC, 0x000000ffu, 32, NULL,
		"8 bits: hop limit of the labelled packet.", 0 },
};
static const struct field_table mpls_table = REG_TABLE(fields);
static const struct handoff mpls_handoffs[] = {
	{ HO_ETHERTYPE, 0x8847, .fn = dissect_mpls }, { HO_ETHERTYPE, 0x8848, .fn = dissect_mpls },
};
const struct proto_reg mpls_proto = REG_PROTO(mpls_table, mpls_handoffs);

void dissect_mpls(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct dtree *t = d->tree;
	uint32_t e;

	do {
		uint32_t at = cur_off(c);
		uint32_t node = dissect_layer(d, parent, "mpls", "MPLS", &fields[M_PROTO], at, 4);
		e = cur_be32(c);
		if (!cur_ok(c)) {
			dissect_exhausted(d, node, "MPLS");
			return;
		}
		tree_label(t, node, "MultiProtocol Label Switching Header, Label: %u, Exp: %u, S: %u, TTL: %u",
		    e >> 12, (e >> 9) & 7, (e >> 8) & 1, e & 0xff);
		for (int f = M_LABEL; f <= M_TTL; f++)
			tree_add_uint(t, node, &fields[f], at, 4, e);
	} while (!(e & 0x100));
	switch (cur_peek(c, 0) >> 4) {
	case 4:
		dissect_ipv4(d, c, parent);
		break;
	case 6:
		dissect_ipv6(d, c, parent);
		break;
	default:
		dissect_data(d, c, parent);
	}
}
