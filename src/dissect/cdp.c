/* cdp.c — Cisco Discovery Protocol, in LLC/SNAP with OUI 00:00:0c and PID 0x2000.
 *
 *   +---------+-----+----------+--------------------------------------+
 *   | Version | TTL | Checksum | TLVs: type (2), length (2, with the  |
 *   |   (1)   | (1) |   (2)    | 4-byte head), value …                |
 *   +---------+-----+----------+--------------------------------------+
 *
 * Info as Wireshark: "Device ID: R1  Port ID: FastEthernet0/0  " from TLVs 1 and 3.
 */
#include "config.h"

#include "dissect/protos.h"

enum { C_PROTO, C_VERSION, C_TTL, C_CHECKSUM, C_TLV_TYPE, C_TLV_LEN, C_DEVICE_ID, C_PORT_ID };

static const struct val_str tlv_vals[] = {
	{ 1, "Device ID" }, { 2, "Addresses" }, { 3, "Port ID" }, { 4, "Capabilities" },
	{ 5, "Software version" }, { 6, "Platform" }, { 10, "Native VLAN" }, { 11, "Duplex" },
	{ 0, NULL }
};

static const struct field_def fields[] = {
	[C_PROTO] = { "cdp", "Cisco Discovery Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Cisco devices telling their neighbours their name, port, model and addresses.", 0 },
	[C_VERSION] = { "cdp.version", "Version", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: CDP version (1 or 2).", 0 },
	[C_TTL] = { "cdp.ttl", "TTL", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Seconds a neighbour keeps this information.", 0 },
	[C_CHECKSUM] = { "cdp.checksum", "Checksum", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: Internet checksum of the message.", 0 },
	[C_TLV_TYPE] = { "cdp.tlv.type", "Type", FT_UINT16, BASE_HEX, 0, 0, tlv_vals,
		"16 bits: what the TLV carries (1 device id, 3 port id …).", 0 },
	[C_TLV_LEN] = { "cdp.tlv.len", "Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: bytes of the TLV, its 4-byte head included.", 0 },
	[C_DEVICE_ID] = { "cdp.deviceid", "Device ID", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The neighbour's host name.", 0 },
	[C_PORT_ID] = { "cdp.portid", "Sent through Interface", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The neighbour's interface this message left by.", 0 },
};
static const struct field_table cdp_table = REG_TABLE(fields);
const struct proto_reg cdp_proto = REG_PROTO_TABLE(cdp_table);

void dissect_cdp(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	const uint8_t *p = c->p;
	size_t n = cur_left(c), off = 4;
	uint32_t start = cur_off(c), node;

	node = dissect_layer(d, parent, "cdp", "CDP", &fields[C_PROTO], start, (uint32_t)n);
	struct cur all = *c;
	cur_skip(c, n);
	if (n < 4) {
		dissect_exhausted(d, node, "CDP");
		return;
	}
	tree_add_uint(t, node, &fields[C_VERSION], start, 1, p[0]);
	tree_add_uint(t, node, &fields[C_TTL], start + 1, 1, p[1]);
	tree_add_uint(t, node, &fields[C_CHECKSUM], start + 2, 2, cur_peek_be16(&all, 2));
	while (off + 4 <= n) {
		uint16_t type = cur_peek_be16(&all, off), len = cur_peek_be16(&all, off + 2);
		if (len < 4 || off + len > n)
			break;
		tree_add_uint(t, node, &fields[C_TLV_TYPE], start + (uint32_t)off, 2, type);
		tree_add_uint(t, node, &fields[C_TLV_LEN], start + (uint32_t)off + 2, 2, len);
		if (type == 1 || type == 3) {
			const uint8_t *v = p + off + 4;
			uint32_t vl = len - 4u;
			tree_add_bytes(t, node, &fields[type == 1 ? C_DEVICE_ID : C_PORT_ID], start + (uint32_t)off + 4, vl, v, vl);
			col_append_str(pi, type == 1 ? "Device ID: " : "Port ID: ");
			col_append_escaped(pi, v, vl);
			col_append_str(pi, "  ");
		}
		off += len;
	}
}
