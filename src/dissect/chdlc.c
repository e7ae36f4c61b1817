/* chdlc.c — Cisco HDLC (LINKTYPE_C_HDLC 104, and PPP links whose frames start 0x0f/0x8f).
 *
 *   | Address (0x0f unicast, 0x8f multicast) | Control (0) | Protocol (EtherType, 2) | …
 *
 * The payload goes to its EtherType's dissector; the Protocol column says CHDLC until a
 * layer above names itself, Source and Destination N/A until IP sets them.
 */
#include "config.h"

#include "core/linktype.h"
#include "dissect/protos.h"

enum { C_PROTO, C_ADDRESS, C_CONTROL, C_PROTOCOL };

static const struct val_str address_vals[] = { { 0x0f, "Unicast" }, { 0x8f, "Multicast" }, { 0, NULL } };
/* tshark 4.0 -G values chdlc.protocol */
static const struct val_str chdlc_vals[] = {
	{ 0x2000, "Cisco Discovery Protocol" }, { 0x0800, "IP" }, { 0x86dd, "IPv6" },
	{ 0x8035, "SLARP" }, { 0x8038, "DEC LanBridge" }, { 0x4242, "Spanning Tree BPDU" },
	{ 0x809b, "Appletalk" }, { 0x80f3, "AARP" }, { 0x8137, "Netware IPX/SPX" },
	{ 0x6558, "Transparent Ethernet bridging" }, { 0xfefe, "OSI" }, { 0x8847, "MPLS unicast" },
	{ 0x8848, "MPLS multicast" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[C_PROTO] = { "chdlc", "Cisco HDLC", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Cisco's HDLC framing on serial links: an EtherType names the payload.", 0 },
	[C_ADDRESS] = { "chdlc.address", "Address", FT_UINT8, BASE_HEX, 0, 0, address_vals,
		"8 bits: 0x0f unicast, 0x8f multicast or broadcast.", 0 },
	[C_CONTROL] = { "chdlc.control", "Control", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: always 0.", 0 },
	[C_PROTOCOL] = { "chdlc.protocol", "Protocol", FT_UINT16, BASE_HEX, 0, 0, chdlc_vals,
		"16 bits: an EtherType (0x0800 IPv4, 0x86dd IPv6, 0x8035 SLARP keepalives).", 0 },
};
static const struct field_table chdlc_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff chdlc_handoffs[] = {
	{ HO_LINK, LINKTYPE_C_HDLC, .fn = dissect_chdlc },
};
const struct proto_reg chdlc_proto = REG_PROTO(chdlc_table, chdlc_handoffs);

void dissect_chdlc(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c);

	d->pi->dl_src.type = d->pi->dl_dst.type = AT_NA;
	uint32_t node = dissect_layer(d, parent, "chdlc", "CHDLC", &fields[C_PROTO], start, 4);
	uint8_t addr = cur_u8(c), ctl = cur_u8(c);
	uint16_t proto = cur_be16(c);

	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "CHDLC");
		return;
	}
	tree_add_uint(t, node, &fields[C_ADDRESS], start, 1, addr);
	tree_add_uint(t, node, &fields[C_CONTROL], start + 1, 1, ctl);
	tree_add_uint(t, node, &fields[C_PROTOCOL], start + 2, 2, proto);
	if (!dissect_ethertype(d, c, parent, proto))
		dissect_data(d, c, parent);
}
