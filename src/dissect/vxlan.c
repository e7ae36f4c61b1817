/* vxlan.c — Virtual eXtensible Local Area Network (RFC 7348; Group Policy flags as in
 * draft-smith-vxlan-group-policy), UDP port 4789.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |G|R|R|R|I|R|R|R|R|D|R|R|A|R|R|R|        Group Policy ID        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          VXLAN Network Identifier (VNI)       |   Reserved    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  inner Ethernet frame …
 *
 * The inner frame goes to the Ethernet dissector (link type 1), whose layers then own
 * the columns, as in Wireshark.
 */
#include "config.h"


#include "dissect/dissect.h"

enum { X_PROTO, X_FLAGS, X_FLAG_G, X_FLAG_I, X_FLAG_D, X_FLAG_A, X_FLAGS_RES, X_GBP, X_VNI,
	X_RES8 };

static const struct val_str defined_vals[] = { { 0, "Not defined" }, { 1, "Defined" }, { 0, NULL } };
static const struct val_str true_false[] = { { 0, "False" }, { 1, "True" }, { 0, NULL } };

static const struct field_def fields[] = {
	[X_PROTO] = { "vxlan", "Virtual eXtensible Local Area Network", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"An Ethernet frame carried in UDP (port 4789): one virtual LAN across routed networks.", 0 },
	[X_FLAGS] = { "vxlan.flags", "Flags", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits of flags; I (0x0800) says the VNI is valid.", 0 },
	[X_FLAG_G] = { "vxlan.flag_g", "GBP Extension", FT_BOOLEAN, BASE_NONE, 0x8000, 16, defined_vals,
		"G bit: the Group Policy ID field is used (group-based policy extension).", 0 },
	[X_FLAG_I] = { "vxlan.flag_i", "VXLAN Network ID (VNI)", FT_BOOLEAN, BASE_NONE, 0x0800, 16, true_false,
		"I bit: must be 1, the VNI field is valid.", 0 },
	[X_FLAG_D] = { "vxlan.flag_d", "Don't Learn", FT_BOOLEAN, BASE_NONE, 0x0040, 16, true_false,
		"D bit (group policy): the receiver should not learn the inner source address.", 0 },
	[X_FLAG_A] = { "vxlan.flag_a", "Policy Applied", FT_BOOLEAN, BASE_NONE, 0x0008, 16, true_false,
		"A bit (group policy): the policy was already applied on the way.", 0 },
	[X_FLAGS_RES] = { "vxlan.flags_reserved", "Reserved(R)", FT_UINT16, BASE_HEX, 0x77b7, 16, NULL,
		"The other flag bits: reserved, sent as 0.", 0 },
	[X_GBP] = { "vxlan.gbp", "Group Policy ID", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: the source's policy group (0 when unused).", 0 },
	[X_VNI] = { "vxlan.vni", "VXLAN Network Identifier (VNI)", FT_UINT24, BASE_DEC, 0, 0, NULL,
		"24 bits: which virtual network the inner frame belongs to, like a VLAN id.", 0 },
	[X_RES8] = { "vxlan.reserved8", "Reserved", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits, reserved, sent as 0.", 0 },
};
static void dissect_vxlan(struct dctx *d, struct cur *c, uint32_t parent);
static const struct field_table vxlan_table = REG_TABLE(fields);
static const struct handoff vxlan_handoffs[] = {
	{ HO_UDP_TUNNEL, 4789, .fn = dissect_vxlan },
};
const struct proto_reg vxlan_proto = REG_PROTO(vxlan_table, vxlan_handoffs);

static void dissect_vxlan(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node, n;
	uint16_t flags, gbp;
	uint32_t vni;
	uint8_t res;

	pi_push_proto(d->pi, "vxlan");
	col_set_proto(d->pi, "VxLAN");
	col_clear(d->pi);
	node = tree_add(t, parent, &fields[X_PROTO], start, 8);
	flags = cur_be16(c);
	gbp = cur_be16(c);
	vni = cur_be24(c);
	res = cur_u8(c);
	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "VXLAN");
		return;
	}
	n = tree_add_uint(t, node, &fields[X_FLAGS], start, 2, flags);
	if (tree_text(t)) {
		tree_label(t, n, "Flags: 0x%04x", flags);
		for (int f = X_FLAG_G; f <= X_FLAG_A; f++)
			if (flags & fields[f].mask)
				tree_label_append(t, n, ", %s", fields[f].name);
	}
	for (int f = X_FLAG_G; f <= X_FLAGS_RES; f++)
		tree_add_uint(t, n, &fields[f], start, 2, flags);
	tree_add_uint(t, node, &fields[X_GBP], start + 2, 2, gbp);
	tree_add_uint(t, node, &fields[X_VNI], start + 4, 3, vni);
	tree_add_uint(t, node, &fields[X_RES8], start + 7, 1, res);
	dissect_inner_ethernet(d, c, parent);
}
