/* geneve.c — Generic Network Virtualization Encapsulation (RFC 8926), UDP port 6081.
 *
 *   | Ver(2) Opt Len(6) | O C Rsvd(6) | Protocol Type (16) |
 *   | Virtual Network Identifier (24) | Reserved (8) |
 *   | options: class (16), C + type (8), rsvd(3) + length (5, words), data … |
 *   | inner packet (Transparent Ethernet bridging 0x6558, or an ethertype) …
 *
 * The inner packet goes to Ethernet or to its ethertype's dissector, whose layers then
 * own the columns, as in Wireshark.
 */
#include "config.h"

#include <stdio.h>

#include "dissect/protos.h"

enum { N_PROTO, N_VERSION, N_OPT_LEN, N_FLAGS, N_FLAG_O, N_FLAG_C, N_FLAG_RES, N_PROTO_TYPE,
	N_VNI, N_OPTIONS, N_OPTION, N_OPT_CLASS, N_OPT_TYPE, N_OPT_LENGTH, N_OPT_DATA };

static const struct val_str true_false[] = { { 0, "False" }, { 1, "True" }, { 0, NULL } };
static const struct val_str opt_classes[] = {
	{ 0x0000, "Standard" }, { 0x0001, "Open Virtual Networking (OVN)" }, { 0x0100, "Linux" },
	{ 0x0101, "Open vSwitch (OVS)" }, { 0x0103, "VMware, Inc." }, { 0x0104, "Amazon.com, Inc." },
	{ 0x0105, "Cisco Systems, Inc." }, { 0x0106, "Oracle Corporation" }, { 0, NULL }
};
static const struct val_str proto_types[] = {
	{ 0x6558, "Transparent Ethernet bridging" }, { 0x0800, "IPv4" }, { 0x86dd, "IPv6" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[N_PROTO] = { "geneve", "Generic Network Virtualization Encapsulation", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"A packet of a virtual network carried in UDP (port 6081), with options.", 0 },
	[N_VERSION] = { "geneve.version", "Version", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"2 bits: 0.", 0 },
	[N_OPT_LEN] = { "geneve.option_length", "Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"6 bits: bytes of options, in 4-byte words.", 0 },
	[N_FLAGS] = { "geneve.flags", "Flags", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: OAM frame, critical options present.", 0 },
	[N_FLAG_O] = { "geneve.flags.oam", "Operations, Administration and Management Frame", FT_BOOLEAN,
		BASE_NONE, 0x80, 8, true_false, "O bit: a control message, not data.", 0 },
	[N_FLAG_C] = { "geneve.flags.critical", "Critical Options Present", FT_BOOLEAN, BASE_NONE, 0x40, 8,
		true_false, "C bit: an option the receiver must understand follows.", 0 },
	[N_FLAG_RES] = { "geneve.flags.reserved", "Reserved", FT_BOOLEAN, BASE_NONE, 0x3f, 8, true_false,
		"6 bits, reserved.", 0 },
	[N_PROTO_TYPE] = { "geneve.proto_type", "Protocol Type", FT_UINT16, BASE_HEX, 0, 0, proto_types,
		"16 bits: an ethertype naming the inner packet.", 0 },
	[N_VNI] = { "geneve.vni", "Virtual Network Identifier (VNI)", FT_UINT24, BASE_HEX_DEC, 0, 0, NULL,
		"24 bits: which virtual network the packet belongs to.", 0 },
	[N_OPTIONS] = { "geneve.options", "Options", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Type-length-value options of the tunnel.", REG_F_DOC_BYTES },
	[N_OPTION] = { "geneve.option", "Option", FT_NONE, BASE_NONE, 0, 0, NULL,
		"One option.", REG_F_DOC_BYTES },
	[N_OPT_CLASS] = { "geneve.option.class", "Class", FT_UINT16, BASE_HEX, 0, 0, opt_classes,
		"16 bits: who defined the option's type.", 0 },
	[N_OPT_TYPE] = { "geneve.option.type", "Type", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits; the top bit marks an option the receiver must understand.", 0 },
	[N_OPT_LENGTH] = { "geneve.option.length", "Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"5 bits: bytes of option data, in 4-byte words.", 0 },
	[N_OPT_DATA] = { "geneve.option.unknown.data", "Unknown Option Data", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The option's data.", 0 },
};
static void dissect_geneve(struct dctx *d, struct cur *c, uint32_t parent);
static const struct field_table geneve_table = REG_TABLE(fields);
static const struct handoff geneve_handoffs[] = {
	{ HO_UDP_TUNNEL, 6081, .fn = dissect_geneve },
};
const struct proto_reg geneve_proto = REG_PROTO(geneve_table, geneve_handoffs);

/* The options (olen bytes at c) under their own node. */
static void options(struct dtree *t, uint32_t node, struct cur *c, uint32_t olen)
{
	uint32_t start = cur_off(c), n;
	struct cur o = cur_sub(c, olen, NULL);

	cur_skip(c, cur_left(&o));
	n = tree_add(t, node, &fields[N_OPTIONS], start, olen);
	tree_label(t, n, "Options: (%u bytes)", olen);
	while (cur_left(&o) >= 4) {
		uint32_t at = cur_off(&o), on;
		uint16_t cls = cur_be16(&o);
		uint8_t type = cur_u8(&o), len = (uint8_t)((cur_u8(&o) & 0x1f) * 4);
		const char *cn = val_to_str(cls, opt_classes);
		char tb[24];
		snprintf(tb, sizeof(tb), "0x%02x%s", type, type & 0x80 ? " (Critical)" : "");
		on = tree_add(t, n, &fields[N_OPTION], at, 4u + len);
		tree_label(t, on, "Unknown, Class: %s (0x%04x) Type: %s", cn ? cn : "Unknown", cls, tb);
		tree_add_uint(t, on, &fields[N_OPT_CLASS], at, 2, cls);
		tree_label(t, tree_add_uint(t, on, &fields[N_OPT_TYPE], at + 2, 1, type), "Type: %s", tb);
		tree_label(t, tree_add_uint(t, on, &fields[N_OPT_LENGTH], at + 3, 1, len), "Length: %u bytes",
		    4u + len);
		if (len && cur_has(&o, len))
			tree_add_bytes(t, on, &fields[N_OPT_DATA], at + 4, len, o.p, len);
		cur_skip(&o, len);
	}
}

static void dissect_geneve(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node, n, vni;
	uint8_t b0, flags;
	uint16_t type;

	node = dissect_layer(d, parent, "geneve", "Geneve", &fields[N_PROTO], start, 8);
	b0 = cur_u8(c);
	flags = cur_u8(c);
	type = cur_be16(c);
	vni = cur_be24(c);
	cur_skip(c, 1);
	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "Geneve");
		return;
	}
	uint32_t olen = (b0 & 0x3fu) * 4;
	tree_label(t, node, "Generic Network Virtualization Encapsulation, VNI: 0x%06x", vni);
	tree_set_len(t, node, 8 + olen);
	tree_add_uint(t, node, &fields[N_VERSION], start, 1, b0 >> 6);
	tree_label(t, tree_add_uint(t, node, &fields[N_OPT_LEN], start, 1, b0 & 0x3f), "Length: %u bytes",
	    olen);
	n = tree_add_uint(t, node, &fields[N_FLAGS], start + 1, 1, flags);
	if (tree_text(t)) {
		tree_label(t, n, "Flags: 0x%02x", flags);
		for (int f = N_FLAG_O; f <= N_FLAG_C; f++)
			if (flags & fields[f].mask)
				tree_label_append(t, n, ", %s", fields[f].name);
	}
	for (int f = N_FLAG_O; f <= N_FLAG_RES; f++)
		tree_add_uint(t, n, &fields[f], start + 1, 1, flags);
	tree_add_uint(t, node, &fields[N_PROTO_TYPE], start + 2, 2, type);
	tree_add_uint(t, node, &fields[N_VNI], start + 4, 3, vni);
	if (olen)
		options(t, node, c, olen);
	if (!cur_left(c))
		return;
	if (type == 0x6558)
		dissect_inner_ethernet(d, c, parent);
	else if (!dissect_ethertype(d, c, parent, type))
		dissect_data(d, c, parent);
}
