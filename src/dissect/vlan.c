/* vlan.c — IEEE 802.1Q VLAN tags and 802.1ad (Q-in-Q) service tags.
 *
 *    0                   1                   2                   3
 *   +-----+-+-----------------------+-------------------------------+
 *   | PCP |D|        VLAN ID        |     EtherType of the payload  |
 *   +-----+-+-----------------------+-------------------------------+
 *
 * The tag sits after the MAC addresses (EtherType 0x8100 for 802.1Q, 0x88a8 for an
 * 802.1ad S-tag, 0x9100 for the older Q-in-Q S-tag).  Tags nest: the inner EtherType is
 * dispatched again, so QinQ is two calls.  Padding and trailer of the Ethernet frame are
 * shown under the innermost tag, as Wireshark does.
 */
#include "config.h"

#include <stdio.h>

#include "dissect/protos.h"

static void dissect_ieee8021ad(struct dctx *d, struct cur *c, uint32_t parent);

static void dissect_vlan(struct dctx *d, struct cur *c, uint32_t parent);

enum {
	V_PROTO, V_PRIORITY, V_DEI, V_ID, V_ETYPE, V_LEN, V_TRAILER,
	A_PROTO, A_PRIORITY, A_DEI, A_ID, A_ETYPE,
};

static const struct val_str pri_vals[] = {
	{ 0, "Best Effort (default)" }, { 1, "Background" }, { 2, "Excellent Effort" },
	{ 3, "Critical Applications" }, { 4, "Video, < 100ms latency and jitter" },
	{ 5, "Voice, < 10ms latency and jitter" }, { 6, "Internetwork Control" },
	{ 7, "Network Control" }, { 0, NULL }
};
static const struct val_str dei_vals[] = { { 0, "Ineligible" }, { 1, "Eligible" }, { 0, NULL } };

static const struct field_def fields[] = {
	[V_PROTO] = { "vlan", "802.1Q Virtual LAN", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"4-byte VLAN tag: which virtual LAN the frame belongs to and its priority.", 0 },
	[V_PRIORITY] = { "vlan.priority", "Priority", FT_UINT16, BASE_DEC, 0xe000, 16, pri_vals,
		"3 bits: 802.1p priority class (0 best effort … 7 network control).", 0 },
	[V_DEI] = { "vlan.dei", "DEI", FT_BOOLEAN, BASE_NONE, 0x1000, 16, dei_vals,
		"1 bit: Drop Eligible Indicator, the frame may be dropped first under congestion.", 0 },
	[V_ID] = { "vlan.id", "ID", FT_UINT16, BASE_DEC, 0x0fff, 16, NULL,
		"12 bits: VLAN identifier (1-4094).", 0 },
	[V_ETYPE] = { "vlan.etype", "Type", FT_UINT16, BASE_HEX, 0, 0, etype_vals,
		"16-bit EtherType of what follows the tag.", 0 },
	[V_LEN] = { "vlan.len", "Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"802.3 length instead of an EtherType (values up to 1500).", 0 },
	[V_TRAILER] = { "vlan.trailer", "Trailer", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Bytes after the packet that the network layer does not claim.", 0 },
	[A_PROTO] = { "ieee8021ad", "IEEE 802.1ad", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Provider (Q-in-Q) service tag: an outer VLAN tag added by a carrier.", 0 },
	[A_PRIORITY] = { "ieee8021ad.priority", "Priority", FT_UINT16, BASE_DEC, 0xe000, 16, NULL,
		"3 bits: priority of the service tag.", 0 },
	[A_DEI] = { "ieee8021ad.dei", "DEI", FT_UINT16, BASE_DEC, 0x1000, 16, NULL,
		"1 bit: drop eligibility of the service tag.", 0 },
	[A_ID] = { "ieee8021ad.id", "ID", FT_UINT16, BASE_DEC, 0x0fff, 16, NULL,
		"12 bits: service VLAN identifier.", 0 },
	[A_ETYPE] = { "ieee8021ah.etype", "Type", FT_UINT16, BASE_HEX, 0, 0, etype_vals,
		"16-bit EtherType of what follows the service tag.", 0 },
};
static const struct field_table vlan_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff vlan_handoffs[] = {
	{ HO_ETHERTYPE, 0x8100, .fn = dissect_vlan },
	{ HO_ETHERTYPE, 0x88a8, .fn = dissect_ieee8021ad },
	{ HO_ETHERTYPE, 0x9100, .fn = dissect_vlan },
};
const struct proto_reg vlan_proto = REG_PROTO(vlan_table, vlan_handoffs);

static void inner(struct dctx *d, struct cur *c, uint32_t node, uint32_t at, uint16_t type,
    int etype_field)
{
	if (type <= 1500) {
		/* 802.3 length: LLC follows, clipped to the length (as in eth.c). */
		tree_add_uint(d->tree, node, &fields[V_LEN], at, 2, type);
		struct cur llc = cur_sub(c, type, NULL);
		cur_skip(c, cur_left(&llc));
		dissect_llc(d, &llc, 0);
		return;
	}
	tree_add_uint(d->tree, node, &fields[etype_field], at, 2, type);
	pi_push_proto(d->pi, "ethertype");
	struct cur p = *c;
	d->payload_used_set = 0;
	if (!dissect_ethertype(d, &p, 0, type)) {
		dissect_data(d, &p, 0);
		return;
	}
	eth_add_trailer(d, node, c, &fields[V_TRAILER], 0);
}

static int tag(struct dctx *d, struct cur *c, uint32_t node, uint16_t *tci, uint16_t *type)
{
	*tci = cur_be16(c);
	*type = cur_be16(c);
	if (cur_ok(c))
		return 1;
	dissect_truncated(d, node);
	dissect_malformed(d, node, "VLAN", "frame ends inside the VLAN tag");
	return 0;
}

static void dissect_vlan(struct dctx *d, struct cur *c, uint32_t parent)
{
	uint32_t start = cur_off(c), node;
	uint16_t tci, type;

	pi_push_proto(d->pi, "vlan");
	col_set_proto(d->pi, "VLAN");
	node = tree_add(d->tree, parent, &fields[V_PROTO], start, 4);
	if (!tag(d, c, node, &tci, &type))
		return;
	col_clear(d->pi);
	col_append(d->pi, "PRI: %u  DEI: %u  ID: %u", tci >> 13, tci >> 12 & 1, tci & 0xfff);
	tree_label(d->tree, node, "802.1Q Virtual LAN, PRI: %u, DEI: %u, ID: %u",
	    tci >> 13, tci >> 12 & 1, tci & 0xfff);
	tree_add_uint(d->tree, node, &fields[V_PRIORITY], start, 2, tci);
	tree_add_uint(d->tree, node, &fields[V_DEI], start, 2, tci);
	tree_add_uint(d->tree, node, &fields[V_ID], start, 2, tci);
	inner(d, c, node, start + 2, type, V_ETYPE);
}

static void dissect_ieee8021ad(struct dctx *d, struct cur *c, uint32_t parent)
{
	uint32_t start = cur_off(c), node;
	uint16_t tci, type;

	pi_push_proto(d->pi, "ieee8021ad");
	col_set_proto(d->pi, "802.1ad");
	node = tree_add(d->tree, parent, &fields[A_PROTO], start, 4);
	if (!tag(d, c, node, &tci, &type))
		return;
	col_clear(d->pi);
	col_append(d->pi, "PRI: %u  DEI: %u  ID: %u", tci >> 13, tci >> 12 & 1, tci & 0xfff);
	tree_label(d->tree, node, "IEEE 802.1ad, ID: %u", tci & 0xfff);
	tree_add_uint(d->tree, node, &fields[A_PRIORITY], start, 2, tci);
	tree_add_uint(d->tree, node, &fields[A_DEI], start, 2, tci);
	tree_add_uint(d->tree, node, &fields[A_ID], start, 2, tci);
	inner(d, c, node, start + 2, type, A_ETYPE);
}
