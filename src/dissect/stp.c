/* stp.c — Spanning Tree Protocol BPDUs (IEEE 802.1D, RSTP 802.1w, MSTP 802.1s, SPB
 * 802.1aq), LLC SAP 0x42, and Cisco's PVST+ (SNAP 00:00:0c, PID 0x010b).
 *
 *   +-------------+---------+------+-------+---------------+-----------+
 *   | Protocol id | Version | Type | Flags | Root id (8)   | Root path |
 *   |    (2) 0    | 0/2/3/4 | (1)  |  (1)  | prio + MAC    | cost (4)  |
 *   +-------------+---------+------+-------+---------------+-----------+
 *   | Bridge id (8) | Port id (2) | Message age, max age, hello, forward delay (2 each,
 *   | 1/256 s) | RST/MST: version 1 length (1) | MST: version 3 length (2), the MST
 *   | configuration and CIST fields, 16 bytes per MSTI | PVST+: TLVs (originating VLAN)
 *
 * Info as Wireshark: "Conf. Root = 32768/0/e8:de:27:ff:c0:78  Cost = 0  Port = 0x8002"
 * (priority / system id extension / MAC of the root bridge).  The tree is tshark's.
 */
#include "config.h"

#include <stdio.h>

#include "dissect/fvalue.h"
#include "dissect/protos.h"

enum {
	S_PROTO, S_PROTOCOL, S_VERSION, S_TYPE, S_FLAGS, S_F_TCACK, S_F_AGREE, S_F_FWD, S_F_LEARN,
	S_F_ROLE, S_F_PROPOSAL, S_F_TC, S_ROOT_PRIO, S_ROOT_EXT, S_ROOT_HW, S_ROOT_COST,
	S_BRIDGE_PRIO, S_BRIDGE_EXT, S_BRIDGE_HW, S_PORT, S_MSG_AGE, S_MAX_AGE, S_HELLO, S_FORWARD,
	S_V1_LEN, S_V3_LEN, S_CFG_SEL, S_CFG_NAME, S_CFG_REV, S_CFG_DIGEST, S_CIST_COST,
	S_CIST_PRIO, S_CIST_EXT, S_CIST_HW, S_CIST_HOPS, S_MSTI_FLAGS, S_MSTI_PRIO, S_MSTI_ID,
	S_MSTI_ROOT_HW, S_MSTI_COST, S_MSTI_BPRIO, S_MSTI_PPRIO, S_MSTI_HOPS, S_V4_LEN,
	S_TLV_TYPE, S_TLV_LEN, S_ORIG_VLAN, S_TLV_VAL,
};

static const struct val_str protocol_vals[] = { { 0, "Spanning Tree Protocol" }, { 0, NULL } };
static const struct val_str version_vals[] = {
	{ 0, "Spanning Tree" }, { 2, "Rapid Spanning Tree" }, { 3, "Multiple Spanning Tree" },
	{ 4, "Shortest Path Tree" }, { 0, NULL }
};
static const struct val_str type_vals[] = {
	{ 0x00, "Configuration" }, { 0x80, "Topology Change Notification" },
	{ 0x02, "Rapid/Multiple Spanning Tree" }, { 0, NULL }
};
static const struct val_str role_vals[] = {
	{ 0, "Unknown" }, { 1, "Alternate or Backup" }, { 2, "Root" }, { 3, "Designated" }, { 0, NULL }
};
static const struct val_str yes_no[] = { { 0, "No" }, { 1, "Yes" }, { 0, NULL } };
static const struct val_str tlv_vals[] = { { 0, "Originating VLAN" }, { 0, NULL } };

#define FLAG(idx, abbrev, name, bit) [idx] = { "stp.flags." abbrev, name, FT_BOOLEAN, BASE_NONE, \
	bit, 8, yes_no, "BPDU flag bit.", 0 }
#define TIME(idx, abbrev, name) [idx] = { "stp." abbrev, name, FT_DOUBLE, BASE_NONE, 0, 0, NULL, \
	"Seconds (sent in 1/256 s).", 0 }

static const struct field_def fields[] = {
	[S_PROTO] = { "stp", "Spanning Tree Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Switches electing a root and blocking ports so that a looped LAN has no loops.", 0 },
	[S_PROTOCOL] = { "stp.protocol", "Protocol Identifier", FT_UINT16, BASE_HEX, 0, 0, protocol_vals,
		"16 bits: always 0.", 0 },
	[S_VERSION] = { "stp.version", "Protocol Version Identifier", FT_UINT8, BASE_DEC, 0, 0, version_vals,
		"8 bits: 0 STP, 2 RSTP, 3 MSTP, 4 SPB.", 0 },
	[S_TYPE] = { "stp.type", "BPDU Type", FT_UINT8, BASE_HEX, 0, 0, type_vals,
		"8 bits: 0x00 configuration, 0x80 topology change, 0x02 RST/MST.", 0 },
	[S_FLAGS] = { "stp.flags", "BPDU flags", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: topology change, proposal, port role, learning, forwarding, agreement.", 0 },
	FLAG(S_F_TCACK, "tcack", "Topology Change Acknowledgment", 0x80),
	FLAG(S_F_AGREE, "agreement", "Agreement", 0x40),
	FLAG(S_F_FWD, "forwarding", "Forwarding", 0x20),
	FLAG(S_F_LEARN, "learning", "Learning", 0x10),
	[S_F_ROLE] = { "stp.flags.port_role", "Port Role", FT_UINT8, BASE_DEC, 0x0c, 8, role_vals,
		"RSTP: the sending port's role.", 0 },
	FLAG(S_F_PROPOSAL, "proposal", "Proposal", 0x02),
	FLAG(S_F_TC, "tc", "Topology Change", 0x01),
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
	TIME(S_MSG_AGE, "msg_age", "Message Age"),
	TIME(S_MAX_AGE, "max_age", "Max Age"),
	TIME(S_HELLO, "hello", "Hello Time"),
	TIME(S_FORWARD, "forward", "Forward Delay"),
	[S_V1_LEN] = { "stp.version_1_length", "Version 1 Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"RSTP and later: always 0.", 0 },
	[S_V3_LEN] = { "mstp.version_3_length", "Version 3 Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"MSTP: bytes of the MST extension.", 0 },
	[S_CFG_SEL] = { "mstp.config_format_selector", "MST Config ID format selector", FT_UINT8,
		BASE_DEC, 0, 0, NULL, "MSTP: 0.", 0 },
	[S_CFG_NAME] = { "mstp.config_name", "MST Config name", FT_STRING, BASE_NONE, 0, 0, NULL,
		"MSTP: the region's name (32 bytes, NUL padded).", 0 },
	[S_CFG_REV] = { "mstp.config_revision_level", "MST Config revision", FT_UINT16, BASE_DEC, 0, 0,
		NULL, "MSTP: the region's revision.", 0 },
	[S_CFG_DIGEST] = { "mstp.config_digest", "MST Config digest", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"MSTP: digest of the VLAN-to-instance table; bridges with equal ones share a region.", 0 },
	[S_CIST_COST] = { "mstp.cist_internal_root_path_cost", "CIST Internal Root Path Cost",
		FT_UINT32, BASE_DEC, 0, 0, NULL, "MSTP: cost to the region's root.", 0 },
	[S_CIST_PRIO] = { "mstp.cist_bridge.prio", "CIST Bridge Priority", FT_UINT16, BASE_DEC, 0, 0,
		NULL, "MSTP: the sender's priority in the common tree.", 0 },
	[S_CIST_EXT] = { "mstp.cist_bridge.ext", "CIST Bridge Identifier System ID Extension",
		FT_UINT16, BASE_DEC, 0, 0, NULL, "MSTP: 12 bits of the sender's id.", 0 },
	[S_CIST_HW] = { "mstp.cist_bridge.hw", "CIST Bridge Identifier System ID", FT_ETHER,
		BASE_NONE, 0, 0, NULL, "MSTP: the sender's MAC.", 0 },
	[S_CIST_HOPS] = { "mstp.cist_remaining_hops", "CIST Remaining hops", FT_UINT8, BASE_DEC, 0, 0,
		NULL, "MSTP: hops the BPDU may still travel in the region.", 0 },
	[S_MSTI_FLAGS] = { "mstp.msti.flags", "MSTI flags", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"MSTP: one instance's flags.", 0 },
	[S_MSTI_PRIO] = { "mstp.msti.priority", "Priority", FT_UINT8, BASE_HEX, 0xf0, 8, NULL,
		"MSTP: the instance's regional root priority (units of 4096).", 0 },
	[S_MSTI_ID] = { "mstp.msti.msti_id", "MSTID", FT_UINT16, BASE_DEC, 0x0fff, 16, NULL,
		"MSTP: the instance.", 0 },
	[S_MSTI_ROOT_HW] = { "mstp.msti.root.hw", "Regional Root", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"MSTP: the instance's regional root bridge.", 0 },
	[S_MSTI_COST] = { "mstp.msti.root_cost", "Internal root path cost", FT_UINT32, BASE_DEC, 0, 0,
		NULL, "MSTP: cost to the instance's regional root.", 0 },
	[S_MSTI_BPRIO] = { "mstp.msti.bridge_priority", "Bridge Identifier Priority", FT_UINT8,
		BASE_DEC, 0, 0, NULL, "MSTP: the sender's priority in the instance (units of 4096).", 0 },
	[S_MSTI_PPRIO] = { "mstp.msti.port_priority", "Port identifier priority", FT_UINT8, BASE_DEC,
		0, 0, NULL, "MSTP: the port's priority in the instance (units of 16).", 0 },
	[S_MSTI_HOPS] = { "mstp.msti.remaining_hops", "Remaining hops", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"MSTP: hops left in the region.", 0 },
	[S_V4_LEN] = { "mstp.version_4_length", "Version 4 Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"SPB: bytes of the SPT extension.", 0 },
	[S_TLV_TYPE] = { "stp.pvst.tlvtype", "Type", FT_UINT16, BASE_HEX, 0, 0, tlv_vals,
		"PVST+: the TLV's type.", 0 },
	[S_TLV_LEN] = { "stp.pvst.tlvlen", "Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"PVST+: the value's length.", 0 },
	[S_ORIG_VLAN] = { "stp.pvst.origvlan", "Originating VLAN", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"PVST+: the VLAN the BPDU was sent for.", 0 },
	[S_TLV_VAL] = { "stp.pvst.tlvval", "Value", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"PVST+: a TLV's value.", 0 },
};
static const struct field_table stp_table = REG_TABLE(fields);
const struct proto_reg stp_proto = REG_PROTO_TABLE(stp_table);

/* The flags byte: its label names the set flags (and an RST port's role), high bit
 * first; an 802.1D BPDU has only TC acknowledgment and TC. */
static void stp_flags(struct dtree *t, uint32_t parent, int f, uint32_t off, uint8_t fl, int rst)
{
	static const struct { uint8_t bit; int field; const char *name; } names[] = {
		{ 0x80, S_F_TCACK, "Topology Change Acknowledgment" }, { 0x40, S_F_AGREE, "Agreement" },
		{ 0x20, S_F_FWD, "Forwarding" }, { 0x10, S_F_LEARN, "Learning" },
		{ 0x0c, S_F_ROLE, NULL }, { 0x02, S_F_PROPOSAL, "Proposal" },
		{ 0x01, S_F_TC, "Topology Change" },
	};
	uint32_t n = tree_add_uint(t, parent, &fields[f], off, 1, fl);
	char label[160];
	int text = tree_text(t);
	int at = text ? snprintf(label, sizeof(label), "%s: 0x%02x", fields[f].name, fl) : 0;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!rst && names[i].bit != 0x80 && names[i].bit != 0x01)
			continue;
		tree_add_uint(t, n, &fields[names[i].field], off, 1, fl);
		if (!text)
			continue;
		if (!names[i].name && at < (int)sizeof(label))
			at += snprintf(label + at, sizeof(label) - (size_t)at, ", Port Role: %s",
			    val_to_str((fl & 0x0c) >> 2, role_vals));
		else if ((fl & names[i].bit) && at < (int)sizeof(label))
			at += snprintf(label + at, sizeof(label) - (size_t)at, ", %s", names[i].name);
	}
	if (text)
		tree_label(t, n, "%s", label);
}

/* "Root Identifier: 32768 / 1 / 00:19:06:ea:b8:80" over priority, extension and MAC. */
static void bridge_id(struct dtree *t, uint32_t parent, const char *what, int f, const struct cur *c,
    size_t at, uint32_t off)
{
	uint16_t prio = cur_peek_be16(c, at);
	const uint8_t *mac = cur_at(c, at + 2).p;	/* the caller checked the 8 bytes */
	char s[24];

	fv_ether(mac, s, sizeof(s));
	uint32_t n = tree_add_text(t, parent, off, 8, "%s: %u / %u / %s", what, prio & 0xf000u,
	    prio & 0x0fffu, s);
	tree_add_uint(t, n, &fields[f], off, 2, prio & 0xf000u);
	tree_add_uint(t, n, &fields[f + 1], off, 2, prio & 0x0fffu);
	tree_add_addr(t, n, &fields[f + 2], off + 2, 6, mac);
}

static void stp_time(struct dtree *t, uint32_t node, int f, const struct cur *c, size_t at, uint32_t off)
{
	tree_add_double(t, node, &fields[f], off, 2, cur_peek_be16(c, at) / 256.0);
}

/* MSTP's extension from byte 36 (the version 3 length): the region's configuration, the
 * CIST bridge, then one 16-byte record per instance.  Returns the bytes used. */
static size_t mst_ext(struct dctx *d, uint32_t node, const struct cur *c, uint32_t start)
{
	struct dtree *t = d->tree;
	size_t n = cur_left(c);
	uint16_t v3 = cur_peek_be16(c, 36);

	tree_add_uint(t, node, &fields[S_V3_LEN], start + 36, 2, v3);
	if (n < 38 + 64)
		return n;
	uint32_t x = tree_add_text(t, node, start + 38, v3, "MST Extension");
	struct cur name = cur_at(c, 39);
	uint32_t nl = 0;
	while (nl < 32 && cur_peek(&name, nl))
		nl++;
	tree_add_uint(t, x, &fields[S_CFG_SEL], start + 38, 1, cur_peek(c, 38));
	tree_add_bytes(t, x, &fields[S_CFG_NAME], start + 39, 32, name.p, nl);
	tree_add_uint(t, x, &fields[S_CFG_REV], start + 71, 2, cur_peek_be16(c, 71));
	tree_add_bytes(t, x, &fields[S_CFG_DIGEST], start + 73, 16, cur_at(c, 73).p, 16);
	tree_add_uint(t, x, &fields[S_CIST_COST], start + 89, 4, cur_peek_be32(c, 89));
	bridge_id(t, x, "CIST Bridge Identifier", S_CIST_PRIO, c, 93, start + 93);
	tree_add_uint(t, x, &fields[S_CIST_HOPS], start + 101, 1, cur_peek(c, 101));
	size_t end = 38u + v3 < n ? 38u + v3 : n;
	for (size_t at = 102; at + 16 <= end; at += 16) {
		uint32_t o = start + (uint32_t)at;
		uint16_t rid = cur_peek_be16(c, at + 1);
		struct cur mac = cur_at(c, at + 3);
		char s[24];
		fv_ether(mac.p, s, sizeof(s));
		uint32_t r = tree_add_text(t, x, o, 16, "MSTID %u, Regional Root Identifier %u / %s",
		    rid & 0x0fffu, rid >> 12 << 12, s);
		stp_flags(t, r, S_MSTI_FLAGS, o, cur_peek(c, at), 1);
		tree_add_uint(t, r, &fields[S_MSTI_PRIO], o + 1, 1, cur_peek(c, at + 1));
		tree_add_uint(t, r, &fields[S_MSTI_ID], o + 1, 2, rid);
		tree_add_addr(t, r, &fields[S_MSTI_ROOT_HW], o + 3, 6, mac.p);
		tree_add_uint(t, r, &fields[S_MSTI_COST], o + 9, 4, cur_peek_be32(c, at + 9));
		tree_add_uint(t, r, &fields[S_MSTI_BPRIO], o + 13, 1, cur_peek(c, at + 13) >> 4);
		tree_add_uint(t, r, &fields[S_MSTI_PPRIO], o + 14, 1, cur_peek(c, at + 14) >> 4);
		tree_add_uint(t, r, &fields[S_MSTI_HOPS], o + 15, 1, cur_peek(c, at + 15));
	}
	return end;
}

/* PVST+'s TLVs after the BPDU. */
static void pvst_tlvs(struct dtree *t, uint32_t node, const struct cur *c, size_t at, uint32_t start)
{
	while (at + 4 <= cur_left(c)) {
		uint16_t type = cur_peek_be16(c, at), len = cur_peek_be16(c, at + 2);
		uint32_t o = start + (uint32_t)at;
		if (at + 4 + len > cur_left(c))
			break;
		const char *name = val_to_str(type, tlv_vals);
		uint32_t n = type == 0 && len == 2 ?
		    tree_add_text(t, node, o, 4u + len, "Originating VLAN (PVID): %u", cur_peek_be16(c, at + 4)) :
		    tree_add_text(t, node, o, 4u + len, "%s", name ? name : "Unknown");
		tree_add_uint(t, n, &fields[S_TLV_TYPE], o, 2, type);
		tree_add_uint(t, n, &fields[S_TLV_LEN], o + 2, 2, len);
		if (type == 0 && len == 2)
			tree_add_uint(t, n, &fields[S_ORIG_VLAN], o + 4, 2, cur_peek_be16(c, at + 4));
		else
			tree_add_bytes(t, n, &fields[S_TLV_VAL], o + 4, len, cur_at(c, at + 4).p, len);
		at += 4u + len;
	}
}

void dissect_stp(struct dctx *d, struct cur *c, uint32_t parent, int pvst)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	size_t n = cur_left(c);
	uint32_t start = cur_off(c), node;

	node = dissect_layer(d, parent, "stp", "STP", &fields[S_PROTO], start, (uint32_t)(n < 36 ? n : 36));
	if (n < 4) {
		dissect_exhausted(d, node, "STP");
		cur_skip(c, n);
		return;
	}
	uint8_t ver = cur_peek(c, 2), type = cur_peek(c, 3);
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
	uint8_t flags = cur_peek(c, 4);
	uint16_t rprio = cur_peek_be16(c, 5);
	uint32_t cost = cur_peek_be32(c, 13);
	uint16_t port = cur_peek_be16(c, 25);
	char mac[24];
	fv_ether(cur_at(c, 7).p, mac, sizeof(mac));
	const char *kind = type == 0x00 ? "Conf" : ver == 3 ? "MST" : ver == 4 ? "SPT" : "RST";
	col_append(pi, "%s. %sRoot = %u/%u/%s  Cost = %u  Port = 0x%04x", kind, flags & 0x01 ? "TC + " : "",
	    rprio & 0xf000u, rprio & 0x0fffu, mac, cost, port);
	stp_flags(t, node, S_FLAGS, start + 4, flags, type == 0x02);
	bridge_id(t, node, "Root Identifier", S_ROOT_PRIO, c, 5, start + 5);
	tree_add_uint(t, node, &fields[S_ROOT_COST], start + 13, 4, cost);
	bridge_id(t, node, "Bridge Identifier", S_BRIDGE_PRIO, c, 17, start + 17);
	tree_add_uint(t, node, &fields[S_PORT], start + 25, 2, port);
	stp_time(t, node, S_MSG_AGE, c, 27, start + 27);
	stp_time(t, node, S_MAX_AGE, c, 29, start + 29);
	stp_time(t, node, S_HELLO, c, 31, start + 31);
	stp_time(t, node, S_FORWARD, c, 33, start + 33);
	size_t used = 35;
	if (type == 0x02 && n >= 36) {
		tree_add_uint(t, node, &fields[S_V1_LEN], start + 35, 1, cur_peek(c, 35));
		used = 36;
		if (ver >= 3 && n >= 38)
			used = mst_ext(d, node, c, start);
		if (ver >= 4 && used + 2 <= n)
			tree_add_uint(t, node, &fields[S_V4_LEN], start + (uint32_t)used, 2,
			    cur_peek_be16(c, used));
	}
	if (pvst)	/* at byte 36 after a configuration BPDU too (35 is padding there) */
		pvst_tlvs(t, node, c, used > 36 ? used : 36, start);
	cur_skip(c, n);
}
