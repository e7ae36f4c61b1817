/* stp.c — Spanning Tree Protocol BPDUs (IEEE 802.1D, RSTP 802.1w, MSTP 802.1s), LLC
 * SAP 0x42.
 *
 *   +-------------+---------+------+-------+---------------+-----------+
 *   | Protocol id | Version | Type | Flags | Root id (8)   | Root path |
 *   |    (2) 0    |  0/2/3  | (1)  |  (1)  | prio + MAC    | cost (4)  |
 *   +-------------+---------+------+-------+---------------+-----------+
 *   | Bridge id (8) | Port id (2) | Message age, max age, hello, forward delay (2 each)
 *
 * Info as Wireshark: "Conf. Root = 32768/0/e8:de:27:ff:c0:78  Cost = 0  Port = 0x8002"
 * (priority / system id extension / MAC of the root bridge).
 */
#include "config.h"

#include "dissect/fvalue.h"
#include "dissect/protos.h"

enum { S_PROTO, S_PROTOCOL, S_VERSION, S_TYPE, S_FLAGS, S_ROOT_PRIO, S_ROOT_EXT, S_ROOT_HW,
	S_ROOT_COST, S_BRIDGE_PRIO, S_BRIDGE_EXT, S_BRIDGE_HW, S_PORT };

static const struct val_str version_vals[] = {
	{ 0, "Spanning Tree" }, { 2, "Rapid Spanning Tree" }, { 3, "Multiple Spanning Tree" },
	{ 4, "Shortest Path Tree" }, { 0, NULL }
};
static const struct val_str type_vals[] = {
	{ 0x00, "Configuration" }, { 0x80, "Topology Change Notification" },
	{ 0x02, "Rapid/Multiple Spanning Tree" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[S_PROTO] = { "stp", "Spanning Tree Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Switches electing a root and blocking ports so that a looped LAN has no loops.", 0 },
	[S_PROTOCOL] = { "stp.protocol", "Protocol Identifier", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: always 0.", 0 },
	[S_VERSION] = { "stp.version", "Protocol Version Identifier", FT_UINT8, BASE_DEC, 0, 0, version_vals,
		"8 bits: 0 STP, 2 RSTP, 3 MSTP.", 0 },
	[S_TYPE] = { "stp.type", "BPDU Type", FT_UINT8, BASE_HEX, 0, 0, type_vals,
		"8 bits: 0x00 configuration, 0x80 topology change, 0x02 RST/MST.", 0 },
	[S_FLAGS] = { "stp.flags", "BPDU flags", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: topology change, proposal, port role, learning, forwarding, agreement.", 0 },
	[S_ROOT_PRIO] = { "stp.root.prio", "Root Bridge Priority", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Priority of the bridge everyone believes is root (lowest id wins).", 0 },
	[S_ROOT_EXT] = { "stp.root.ext", "Root Bridge System ID Extension", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"12 bits of the root id: usually the VLAN (PVST+).", 0 },
	[S_ROOT_HW] = { "stp.root.hw", "Root Bridge System ID", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"MAC address of the root bridge.", 0 },
	[S_ROOT_COST] = { "stp.root.cost", "Root Path Cost", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Sum of link costs from the sender to the root.", 0 },
	[S_BRIDGE_PRIO] = { "stp.bridge.prio", "Bridge Priority", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Priority of the sending bridge.", 0 },
	[S_BRIDGE_EXT] = { "stp.bridge.ext", "Bridge System ID Extension", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"12 bits of the sender's id: usually the VLAN.", 0 },
	[S_BRIDGE_HW] = { "stp.bridge.hw", "Bridge System ID", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"MAC address of the sending bridge.", 0 },
	[S_PORT] = { "stp.port", "Port identifier", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"Priority and number of the port the BPDU left by.", 0 },
};
static const struct field_table stp_table = REG_TABLE(fields);
const struct proto_reg stp_proto = REG_PROTO_TABLE(stp_table);

void dissect_stp(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	const uint8_t *p = c->p;
	size_t n = cur_left(c);
	uint32_t start = cur_off(c), node;

	node = dissect_layer(d, parent, "stp", "STP", &fields[S_PROTO], start, (uint32_t)(n < 36 ? n : 36));
	if (n < 4) {
		dissect_exhausted(d, node, "STP");
		cur_skip(c, n);
		return;
	}
	uint8_t ver = p[2], type = p[3];
	tree_add_uint(t, node, &fields[S_PROTOCOL], start, 2, cur_peek_be16(c, 0));
	tree_add_uint(t, node, &fields[S_VERSION], start + 2, 1, ver);
	tree_add_uint(t, node, &fields[S_TYPE], start + 3, 1, type);
	if (type == 0x80) {
		col_append_str(pi, "Topology Change Notification");
		cur_skip(c, 4);
		return;
	}
	if (type != 0x00 && type != 0x02) {
		col_append(pi, "Unknown BPDU type (%u)", type);
		cur_skip(c, 4);
		return;
	}
	if (n < 35) {
		dissect_exhausted(d, node, "STP");
		cur_skip(c, n);
		return;
	}
	uint8_t flags = p[4];
	uint16_t rprio = cur_peek_be16(c, 5), bprio = cur_peek_be16(c, 17);
	uint32_t cost = cur_peek_be32(c, 13);
	uint16_t port = cur_peek_be16(c, 25);
	char mac[24];
	fv_ether(p + 7, mac, sizeof(mac));
	const char *kind = type == 0x00 ? "Conf" : ver == 3 ? "MST" : ver == 4 ? "SPT" : "RST";
	col_append(pi, "%s. %sRoot = %u/%u/%s  Cost = %u  Port = 0x%04x", kind, flags & 0x01 ? "TC + " : "",
	    rprio & 0xf000u, rprio & 0x0fffu, mac, cost, port);
	tree_add_uint(t, node, &fields[S_FLAGS], start + 4, 1, flags);
	tree_add_uint(t, node, &fields[S_ROOT_PRIO], start + 5, 2, rprio & 0xf000u);
	tree_add_uint(t, node, &fields[S_ROOT_EXT], start + 5, 2, rprio & 0x0fffu);
	tree_add_addr(t, node, &fields[S_ROOT_HW], start + 7, 6, p + 7);
	tree_add_uint(t, node, &fields[S_ROOT_COST], start + 13, 4, cost);
	tree_add_uint(t, node, &fields[S_BRIDGE_PRIO], start + 17, 2, bprio & 0xf000u);
	tree_add_uint(t, node, &fields[S_BRIDGE_EXT], start + 17, 2, bprio & 0x0fffu);
	tree_add_addr(t, node, &fields[S_BRIDGE_HW], start + 19, 6, p + 19);
	tree_add_uint(t, node, &fields[S_PORT], start + 25, 2, port);
	cur_skip(c, n);
}
