/* gre.c — Generic Routing Encapsulation (RFC 2784, 2890; Enhanced GRE of PPTP,
 * RFC 2637) over IP protocol 47, and the ERSPAN type I and II headers it carries.
 *
 *   | C R K S s Recur(3) A Flags(4) Ver(3) | Protocol Type (16) |
 *   | Checksum | Offset |      (C or R)
 *   | Key, or (version 1) Payload Length and Call ID |   (K)
 *   | Sequence Number |    (S)
 *   | Acknowledgment Number |    (A, version 1)
 *
 * The payload goes to the protocol the type names (IPv4, IPv6, Ethernet bridging,
 * ERSPAN), whose layers then own the columns, as in Wireshark.
 */
#include "config.h"


#include "dissect/protos.h"

enum {
	G_PROTO, G_FLAGS, G_F_C, G_F_R, G_F_K, G_F_S, G_F_SSR, G_F_RECUR, G_F_ACK, G_F_RES0, G_F_RES1,
	G_F_VER, G_TYPE, G_CHECKSUM, G_OFFSET, G_KEY, G_PAYLOAD_LEN, G_CALL_ID, G_SEQ, G_ACK,
	E_PROTO, E_VERSION, E_VLAN, E_COS, E_ENCAP, E_TRUNC, E_SPANID, E_RES, E_INDEX,
};

static const struct val_str yes_no[] = { { 0, "No" }, { 1, "Yes" }, { 0, NULL } };
static const struct val_str versions[] = { { 0, "GRE" }, { 1, "Enhanced GRE" }, { 0, NULL } };
static const struct val_str gre_types[] = {
	{ 0x0800, "IP" }, { 0x86dd, "IPv6" }, { 0x6558, "Transparent Ethernet bridging" },
	{ 0x880b, "PPP" }, { 0x88be, "ERSPAN" }, { 0x22eb, "ERSPAN III" }, { 0x8847, "MPLS label switched packet" },
	{ 0x0806, "ARP" }, { 0x883e, "Cisco WCCP" }, { 0x2001, "NHRP" }, { 0, NULL }
};
static const struct val_str erspan_versions[] = {
	{ 1, "Type II" }, { 2, "Type III" }, { 0, NULL }
};
static const struct val_str erspan_encaps[] = {
	{ 0, "Originally without VLAN tag" }, { 1, "Originally ISL encapsulated" },
	{ 2, "Originally 802.1Q encapsulated" },
	{ 3, "VLAN tag preserved in frame" }, { 0, NULL }
};
static const struct val_str erspan_truncs[] = { { 0, "Not truncated" }, { 1, "Truncated" }, { 0, NULL } };

#define FLAG(abbrev, name, mask, vals) { abbrev, name, FT_BOOLEAN, BASE_NONE, mask, 16, vals, "", 0 }
static const struct field_def fields[] = {
	[G_PROTO] = { "gre", "Generic Routing Encapsulation", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"A packet of one protocol carried inside IP (tunnels, PPTP VPNs, ERSPAN mirroring).", 0 },
	[G_FLAGS] = { "gre.flags_and_version", "Flags and Version", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: which optional fields follow, and the version (1 for PPTP).", 0 },
	[G_F_C] = FLAG("gre.flags.checksum", "Checksum Bit", 0x8000, yes_no),
	[G_F_R] = FLAG("gre.flags.routing", "Routing Bit", 0x4000, yes_no),
	[G_F_K] = FLAG("gre.flags.key", "Key Bit", 0x2000, yes_no),
	[G_F_S] = FLAG("gre.flags.sequence_number", "Sequence Number Bit", 0x1000, yes_no),
	[G_F_SSR] = FLAG("gre.flags.strict_source_route", "Strict Source Route Bit", 0x0800, yes_no),
	[G_F_RECUR] = { "gre.flags.recursion_control", "Recursion control", FT_UINT16, BASE_DEC, 0x0700, 16, NULL,
		"3 bits, obsolete: how many more encapsulations are allowed.", 0 },
	[G_F_ACK] = FLAG("gre.flags.ack", "Acknowledgment", 0x0080, yes_no),
	[G_F_RES0] = { "gre.flags.reserved", "Flags (Reserved)", FT_UINT16, BASE_DEC, 0x00f8, 16, NULL,
		"5 bits, reserved.", 0 },
	[G_F_RES1] = { "gre.flags.reserved", "Flags (Reserved)", FT_UINT16, BASE_DEC, 0x0078, 16, NULL,
		"4 bits, reserved.", 0 },
	[G_F_VER] = { "gre.flags.version", "Version", FT_UINT16, BASE_DEC, 0x0007, 16, versions,
		"3 bits: 0 for GRE, 1 for PPTP's Enhanced GRE.", 0 },
	[G_TYPE] = { "gre.proto", "Protocol Type", FT_UINT16, BASE_HEX, 0, 0, gre_types,
		"16 bits: an ethertype naming what the payload is.", 0 },
	[G_CHECKSUM] = { "gre.checksum", "Checksum", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: Internet checksum of the GRE header and payload.", 0 },
	[G_OFFSET] = { "gre.offset", "Offset", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: where routing information starts (routing bit).", 0 },
	[G_KEY] = { "gre.key", "Key", FT_UINT32, BASE_HEX, 0, 0, NULL,
		"32 bits: tells flows of one tunnel apart.", 0 },
	[G_PAYLOAD_LEN] = { "gre.key.payload_length", "Payload Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Enhanced GRE: bytes of payload.", 0 },
	[G_CALL_ID] = { "gre.key.call_id", "Call ID", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Enhanced GRE: the PPTP call the packet belongs to.", 0 },
	[G_SEQ] = { "gre.sequence_number", "Sequence Number", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"32 bits: counts packets, to detect loss and reordering.", 0 },
	[G_ACK] = { "gre.ack_number", "Acknowledgment Number", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Enhanced GRE: the highest sequence number received.", 0 },
	[E_PROTO] = { "erspan", "Encapsulated Remote Switch Packet ANalysis", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"A switch's mirrored frame sent to a remote analyser (Cisco ERSPAN).", 0 },
	[E_VERSION] = { "erspan.version", "Version", FT_UINT16, BASE_DEC, 0xf000, 16, erspan_versions,
		"4 bits: the ERSPAN header type.", 0 },
	[E_VLAN] = { "erspan.vlan", "Vlan", FT_UINT16, BASE_DEC, 0x0fff, 16, NULL,
		"12 bits: the VLAN of the mirrored frame.", 0 },
	[E_COS] = { "erspan.cos", "COS", FT_UINT16, BASE_DEC, 0xe000, 16, NULL,
		"3 bits: its class of service.", 0 },
	[E_ENCAP] = { "erspan.encap", "Encap", FT_UINT16, BASE_DEC, 0x1800, 16, erspan_encaps,
		"2 bits: how it was tagged.", 0 },
	[E_TRUNC] = { "erspan.truncated", "Truncated", FT_UINT16, BASE_DEC, 0x0400, 16, erspan_truncs,
		"1 bit: the mirrored frame was cut.", 0 },
	[E_SPANID] = { "erspan.spanid", "SpanID", FT_UINT16, BASE_DEC, 0x03ff, 16, NULL,
		"10 bits: which mirroring session.", 0 },
	[E_RES] = { "erspan.reserved", "Reserved", FT_UINT32, BASE_DEC, 0xfff00000, 32, NULL,
		"12 bits, reserved.", 0 },
	[E_INDEX] = { "erspan.index", "Index", FT_UINT32, BASE_DEC, 0x000fffff, 32, NULL,
		"20 bits: the port or module the frame was mirrored from.", 0 },
};
static void dissect_gre(struct dctx *d, struct cur *c, uint32_t parent);
static const struct field_table gre_table = REG_TABLE(fields);
static const struct handoff gre_handoffs[] = {
	{ HO_IPPROTO, 47, .fn = dissect_gre },
};
const struct proto_reg gre_proto = REG_PROTO(gre_table, gre_handoffs);

/* ERSPAN: type I (GRE without a sequence number) has no header of its own. */
static void dissect_erspan(struct dctx *d, struct cur *c, uint32_t parent, int type2)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node;

	pi_push_proto(d->pi, "erspan");
	col_set_proto(d->pi, "ERSPAN");
	node = tree_add(t, parent, &fields[E_PROTO], start, type2 ? 8 : 0);
	tree_label(t, node, "Encapsulated Remote Switch Packet ANalysis Type %s", type2 ? "II" : "I");
	if (type2) {
		uint16_t w0 = cur_be16(c), w1 = cur_be16(c);
		uint32_t w2 = cur_be32(c);
		if (!cur_ok(c)) {
			dissect_exhausted(d, node, "ERSPAN");
			return;
		}
		tree_add_uint(t, node, &fields[E_VERSION], start, 2, w0);
		tree_add_uint(t, node, &fields[E_VLAN], start, 2, w0);
		for (int f = E_COS; f <= E_SPANID; f++)
			tree_add_uint(t, node, &fields[f], start + 2, 2, w1);
		tree_add_uint(t, node, &fields[E_RES], start + 4, 4, w2);
		tree_add_uint(t, node, &fields[E_INDEX], start + 4, 4, w2);
	}
	dissect_inner_ethernet(d, c, parent);
}

/* The flags subtree: the version decides between the Acknowledgment bit and a wider
 * reserved field. */
static void flag_fields(struct dtree *t, uint32_t node, uint32_t start, uint16_t fv)
{
	int v1 = (fv & 7) == 1;
	uint32_t n = tree_add_uint(t, node, &fields[G_FLAGS], start, 2, fv);

	for (int f = G_F_C; f <= G_F_RECUR; f++)
		tree_add_uint(t, n, &fields[f], start, 2, fv);
	if (v1)
		tree_add_uint(t, n, &fields[G_F_ACK], start, 2, fv);
	tree_add_uint(t, n, &fields[v1 ? G_F_RES1 : G_F_RES0], start, 2, fv);
	tree_add_uint(t, n, &fields[G_F_VER], start, 2, fv);
}

static void dissect_gre(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node;
	uint16_t fv = cur_be16(c), type = cur_be16(c);
	int v1 = (fv & 7) == 1;
	const char *tn = val_to_str(type, gre_types);

	node = dissect_layer(d, parent, "gre", "GRE", &fields[G_PROTO], start, 4);
	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "GRE");
		return;
	}
	tree_label(t, node, "Generic Routing Encapsulation (%s)", tn ? tn : "Unknown");
	flag_fields(t, node, start, fv);
	tree_add_uint(t, node, &fields[G_TYPE], start + 2, 2, type);
	if (fv & 0xc000) {
		tree_add_uint(t, node, &fields[G_CHECKSUM], cur_off(c), 2, cur_be16(c));
		tree_add_uint(t, node, &fields[G_OFFSET], cur_off(c), 2, cur_be16(c));
	}
	if ((fv & 0x2000) && v1) {
		tree_add_uint(t, node, &fields[G_PAYLOAD_LEN], cur_off(c), 2, cur_be16(c));
		tree_add_uint(t, node, &fields[G_CALL_ID], cur_off(c), 2, cur_be16(c));
	} else if (fv & 0x2000)
		tree_add_uint(t, node, &fields[G_KEY], cur_off(c), 4, cur_be32(c));
	if (fv & 0x1000)
		tree_add_uint(t, node, &fields[G_SEQ], cur_off(c), 4, cur_be32(c));
	if (v1 && (fv & 0x0080))
		tree_add_uint(t, node, &fields[G_ACK], cur_off(c), 4, cur_be32(c));
	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "GRE");
		return;
	}
	tree_set_len(t, node, cur_off(c) - start);
	if (!cur_left(c))
		return;
	if (type == 0x88be)
		dissect_erspan(d, c, parent, (fv & 0x1000) != 0);
	else if (type == 0x6558)
		dissect_inner_ethernet(d, c, parent);
	else if (!dissect_ethertype(d, c, parent, type))
		dissect_data(d, c, parent);
}
