/* llc.c — IEEE 802.2 Logical-Link Control with SNAP, under 802.3 length frames.
 *
 *   +------+------+---------+------------------+-----------+
 *   | DSAP | SSAP | Control | SNAP OUI (3)     | Type (2)  |   SNAP when DSAP = SSAP = 0xaa
 *   +------+------+---------+------------------+-----------+
 *
 * An 802.3 frame (length instead of EtherType) carries LLC; SNAP with OUI 00:00:00
 * carries an EtherType and is dispatched like Ethernet II; SAP 0x42 is STP and Cisco's
 * OUI 00:00:0c with PID 0x2000 is CDP.  Other SAPs (NetBIOS 0xf0 …) are shown as data.
 */
#include "config.h"

#include "dissect/protos.h"

enum { L_PROTO, L_DSAP, L_SSAP, L_CONTROL, L_OUI, L_TYPE, L_PID };

static const struct val_str sap_vals[] = {
	{ 0x00, "NULL LSAP" }, { 0x02, "LLC Sub-Layer Management Individual" },
	{ 0x06, "TCP/IP" }, { 0x42, "Spanning Tree BPDU" }, { 0xaa, "SNAP" },
	{ 0xe0, "NetWare" }, { 0xf0, "NetBIOS" }, { 0xfe, "ISO Network Layer (OSLAN 1)" },
	{ 0xff, "Global LSAP" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[L_PROTO] = { "llc", "Logical-Link Control", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"IEEE 802.2 header of frames that carry a length instead of an EtherType.", 0 },
	[L_DSAP] = { "llc.dsap", "DSAP", FT_UINT8, BASE_HEX, 0, 0, sap_vals,
		"8 bits: destination service access point (0xaa = SNAP follows).", 0 },
	[L_SSAP] = { "llc.ssap", "SSAP", FT_UINT8, BASE_HEX, 0, 0, sap_vals,
		"8 bits: source service access point.", 0 },
	[L_CONTROL] = { "llc.control", "Control", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"Frame type; 0x03 = unnumbered information (connectionless).", 0 },
	[L_OUI] = { "llc.oui", "Organization Code", FT_UINT24, BASE_HEX, 0, 0, NULL,
		"SNAP: 24-bit organization id; 00:00:00 means the type is an EtherType.", 0 },
	[L_TYPE] = { "llc.type", "Type", FT_UINT16, BASE_HEX, 0, 0, etype_vals,
		"SNAP: EtherType of the payload.", 0 },
	[L_PID] = { "llc.pid", "Protocol ID", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"SNAP: protocol id defined by the organization.", 0 },
};
static const struct field_table llc_table = REG_TABLE(fields);
const struct proto_reg llc_proto = REG_PROTO_TABLE(llc_table);

void dissect_llc(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node, n;
	uint8_t dsap, ssap, ctl;

	pi_push_proto(d->pi, "llc");
	col_set_proto(d->pi, "LLC");
	node = tree_add(t, parent, &fields[L_PROTO], start, 3);
	dsap = cur_u8(c);
	ssap = cur_u8(c);
	ctl = cur_u8(c);
	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "LLC");
		return;
	}
	tree_add_uint(t, node, &fields[L_DSAP], start, 1, dsap);
	tree_add_uint(t, node, &fields[L_SSAP], start + 1, 1, ssap);
	n = tree_add_uint(t, node, &fields[L_CONTROL], start + 2, 1, ctl);
	if ((ctl & 3) != 3) {
		/* I and S frames have a 2-byte control field */
		uint8_t c2 = cur_u8(c);
		tree_set_len(t, n, 2);
		if (t && n)
			t->nodes[n].v.u = (uint32_t)ctl << 8 | c2;
	}
	if (dsap == 0xaa && ssap == 0xaa && ctl == 0x03) {
		uint32_t oui = cur_be24(c);
		uint16_t type = cur_be16(c);
		if (!cur_ok(c)) {
			dissect_exhausted(d, node, "LLC");
			return;
		}
		tree_set_len(t, node, 8);
		tree_add_uint(t, node, &fields[L_OUI], start + 3, 3, oui);
		if (oui == 0x00000c && type == 0x2000) {
			tree_add_uint(t, node, &fields[L_PID], start + 6, 2, type);
			dissect_cdp(d, c, 0);
			return;
		}
		if (oui == 0) {
			tree_add_uint(t, node, &fields[L_TYPE], start + 6, 2, type);
			if (dissect_ethertype(d, c, 0, type))
				return;
		} else
			tree_add_uint(t, node, &fields[L_PID], start + 6, 2, type);
	}
	if (dsap == 0x42 && ssap == 0x42 && ctl == 0x03) {
		dissect_stp(d, c, 0);
		return;
	}
	dissect_data(d, c, 0);
}
