/* igmp.c — Internet Group Management Protocol v1, v2 and v3 (RFC 1112, 2236, 3376),
 * IP protocol 2.
 *
 *   +------+---------------+----------+--------------------+
 *   | Type | Max Resp Time | Checksum | Group Address      |   v1/v2: 8 bytes
 *   +------+---------------+----------+--------------------+
 *   v3 query: … S/QRV, QQIC, number of sources, sources
 *   v3 report (0x22): reserved, checksum, reserved, number of group records, records
 *   (record type, aux length, number of sources, multicast address, sources)
 *
 * The version follows from the type and length as in Wireshark: a query of 12 bytes
 * or more is v3, else v2 when the max response time is set, else v1.  Info as
 * Wireshark: "Membership Query, general", "Membership Report / Join group 224.0.0.251
 * for any sources".  DVMRP, PIMv1, traceroute, MSNIP and friends are not decoded.
 */
#include "config.h"

#include <stdio.h>

#include "dissect/fvalue.h"
#include "dissect/protos.h"

static void dissect_igmp(struct dctx *d, struct cur *c, uint32_t parent);

enum { I_PROTO, I_TYPE, I_VERSION, I_MAX_RESP, I_CHECKSUM, I_MADDR, I_NUM_SRC, I_SADDR,
	I_NUM_GRP, I_RECORD_TYPE, I_CHECKSUM_STATUS, I_RESERVED, I_EXP, I_MANT, I_S, I_QRV, I_QQIC,
	I_RECORD, I_AUX_LEN };

static const struct val_str type_vals[] = {
	{ 0x01, "Create Group Request" }, { 0x02, "Create Group Reply" },
	{ 0x03, "Join Group Request" }, { 0x04, "Join Group Reply" },
	{ 0x05, "Leave Group Request" }, { 0x06, "Leave Group Reply" },
	{ 0x07, "Confirm Group Request" }, { 0x08, "Confirm Group Reply" },
	{ 0x11, "Membership Query" }, { 0x12, "Membership Report" }, { 0x13, "DVMRP Protocol" },
	{ 0x14, "PIM version 1" }, { 0x16, "Membership Report" }, { 0x17, "Leave Group" },
	{ 0x1e, "Traceroute Response" }, { 0x1f, "Traceroute Query or Request" },
	{ 0x22, "Membership Report" }, { 0, NULL }
};
static const struct val_str record_vals[] = {
	{ 1, "Mode Is Include" }, { 2, "Mode Is Exclude" }, { 3, "Change To Include Mode" },
	{ 4, "Change To Exclude Mode" }, { 5, "Allow New Sources" }, { 6, "Block Old Sources" },
	{ 0, NULL }
};

static const struct val_str s_vals[] = {
	{ 0, "Do not suppress router side processing" }, { 1, "Suppress router side processing" },
	{ 0, NULL }
};

static const struct field_def fields[] = {
	[I_PROTO] = { "igmp", "Internet Group Management Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Hosts telling their router which multicast groups they want (mDNS joins 224.0.0.251).", 0 },
	[I_TYPE] = { "igmp.type", "Type", FT_UINT8, BASE_HEX, 0, 0, type_vals,
		"8 bits: 0x11 query, 0x16/0x22 report (join), 0x17 leave.", 0 },
	[I_VERSION] = { "igmp.version", "IGMP Version", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"1, 2 or 3, decided from the type and the length.", 0 },
	[I_MAX_RESP] = { "igmp.max_resp", "Max Resp Time", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Tenths of a second a host may wait before answering a query.", 0 },
	[I_CHECKSUM] = { "igmp.checksum", "Checksum", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: Internet checksum of the IGMP message.", 0 },
	[I_MADDR] = { "igmp.maddr", "Multicast Address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"The group concerned; 0.0.0.0 in a general query.", 0 },
	[I_NUM_SRC] = { "igmp.num_src", "Num Src", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Number of source addresses listed (v3 source filtering).", 0 },
	[I_SADDR] = { "igmp.saddr", "Source Address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"A source the host wants (or does not want) the group's traffic from.", 0 },
	[I_NUM_GRP] = { "igmp.num_grp_recs", "Num Group Records", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Number of group records in a v3 report.", 0 },
	[I_RECORD_TYPE] = { "igmp.record_type", "Record Type", FT_UINT8, BASE_DEC, 0, 0, record_vals,
		"What the host says about the group: include/exclude mode, changes, new or blocked sources.", 0 },
	[I_CHECKSUM_STATUS] = { "igmp.checksum.status", "Checksum Status", FT_UINT8, BASE_NONE, 0, 0,
		checksum_status_vals, "Whether the checksum matched the message.", 0 },
	[I_RESERVED] = { "igmp.reserved", "Reserved", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Unused bytes, zero.", 0 },
	[I_EXP] = { "igmp.max_resp.exp", "Exponent", FT_UINT8, BASE_HEX, 0x70, 8, NULL,
		"3 bits of a floating-point max response code (128 or more).", 0 },
	[I_MANT] = { "igmp.max_resp.mant", "Mantissa", FT_UINT8, BASE_HEX, 0x0f, 8, NULL,
		"4 bits of a floating-point max response code (128 or more).", 0 },
	[I_S] = { "igmp.s", "S", FT_BOOLEAN, BASE_NONE, 0x08, 8, s_vals,
		"Routers receiving the query skip their timer updates.", 0 },
	[I_QRV] = { "igmp.qrv", "QRV", FT_UINT8, BASE_DEC, 0x07, 8, NULL,
		"Querier's robustness variable.", 0 },
	[I_QQIC] = { "igmp.qqic", "QQIC", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Querier's query interval code (seconds).", 0 },
	[I_RECORD] = { "igmp.record", "Group Record", FT_NONE, BASE_NONE, 0, 0, NULL,
		"One group record of a v3 report.", 0 },
	[I_AUX_LEN] = { "igmp.aux_data_len", "Aux Data Len", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"32-bit words of auxiliary data after the sources.", 0 },
};
static const struct field_table igmp_table = REG_TABLE(fields);
static const struct handoff igmp_handoffs[] = {
	{ HO_IPPROTO, 2, .fn = dissect_igmp },
};
const struct proto_reg igmp_proto = REG_PROTO(igmp_table, igmp_handoffs);

static void sources(struct dctx *d, uint32_t node, const uint8_t *p, size_t len, size_t *off,
    unsigned num, uint32_t start)
{
	char a[20];

	for (unsigned i = 0; i < num && *off + 4 <= len; i++) {
		fv_ipv4(p + *off, a, sizeof(a));
		col_append(d->pi, "%s%s", a, i + 1 < num ? ", " : "}");
		tree_add_addr(d->tree, node, &fields[I_SADDR], start + (uint32_t)*off, 4, p + *off);
		*off += 4;
	}
}

static void group_record(struct dctx *d, uint32_t node, const uint8_t *p, size_t len, size_t *off,
    uint32_t start)
{
	struct pinfo *pi = d->pi;
	char g[20];

	if (*off + 8 > len) {
		*off = len;
		return;
	}
	uint8_t rt = p[*off], adl = p[*off + 1];
	const struct cur m = cur_make(p, len);
	unsigned num = cur_peek_be16(&m, *off + 2);
	fv_ipv4(p + *off + 4, g, sizeof(g));
	const char *rn = val_to_str(rt, record_vals);
	node = tree_add(d->tree, node, &fields[I_RECORD], start + (uint32_t)*off, 8u + 4u * num + 4u * adl);
	tree_label(d->tree, node, "Group Record : %s  %s", g, rn ? rn : "Unknown");
	tree_add_uint(d->tree, node, &fields[I_RECORD_TYPE], start + (uint32_t)*off, 1, rt);
	tree_add_uint(d->tree, node, &fields[I_AUX_LEN], start + (uint32_t)*off + 1, 1, adl);
	tree_add_uint(d->tree, node, &fields[I_NUM_SRC], start + (uint32_t)*off + 2, 2, num);
	tree_add_addr(d->tree, node, &fields[I_MADDR], start + (uint32_t)*off + 4, 4, p + *off + 4);
	*off += 8;
	if (!num) {
		switch (rt) {
		case 1: case 3: col_append(pi, " / Leave group %s", g); break;
		case 2: case 4: col_append(pi, " / Join group %s for any sources", g); break;
		case 5: col_append(pi, " / Group %s, ALLOW_NEW_SOURCES but no source specified (?)", g); break;
		case 6: col_append(pi, " / Group %s, BLOCK_OLD_SOURCES but no source specified (?)", g); break;
		default: col_append(pi, " / Group %s, unknown record type (?)", g); break;
		}
	} else {
		switch (rt) {
		case 1: case 3: col_append(pi, " / Join group %s for source%s {", g, num > 1 ? "s in" : ""); break;
		case 2: case 4: col_append(pi, " / Join group %s, for source%s {", g, num > 1 ? "s not in" : " not"); break;
		case 5: col_append(pi, " / Group %s, new source%s {", g, num > 1 ? "s" : ""); break;
		case 6: col_append(pi, " / Group %s, block source%s {", g, num > 1 ? "s" : ""); break;
		default: col_append(pi, " / Group %s, unknown record type (?), sources {", g); break;
		}
		sources(d, node, p, len, off, num, start);
	}
	*off += 4u * adl;
}

static void dissect_igmp(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	const uint8_t *p = c->p;
	size_t len = cur_left(c), off;
	const struct cur m = *c;
	uint32_t start = cur_off(c), node;
	char g[20];

	node = dissect_layer(d, parent, "igmp", "IGMP", &fields[I_PROTO], start, (uint32_t)len);
	cur_skip(c, len);
	if (len < 8) {
		dissect_exhausted(d, node, "IGMP");
		return;
	}
	uint8_t type = p[0];
	int ver;
	if (type == 0x11)
		ver = len >= 12 ? 3 : p[1] ? 2 : 1;
	else if (type == 0x12)
		ver = 1;
	else if (type == 0x16 || type == 0x17)
		ver = 2;
	else if (type == 0x22)
		ver = 3;
	else
		ver = 0;
	if (!ver) {
		tree_add_uint(t, node, &fields[I_TYPE], start, 1, type);
		const char *tn = val_to_str(type, type_vals);
		if (tn)
			col_append_str(pi, tn);
		else
			col_append(pi, "Unknown Type:0x%02x", type);
		return;
	}
	static const char *const proto_col[] = { "IGMP", "IGMPv1", "IGMPv2", "IGMPv3" };
	pi_push_proto(pi, "igmp");
	col_set_proto(pi, proto_col[ver]);
	col_append_str(pi, val_to_str(type, type_vals));
	tree_flag(t, tree_add_uint(t, node, &fields[I_VERSION], start, 0, (uint32_t)ver), TN_GENERATED);
	tree_add_uint(t, node, &fields[I_TYPE], start, 1, type);
	if (ver == 1 || (ver == 3 && type == 0x22)) {
		tree_add_bytes(t, node, &fields[I_RESERVED], start + 1, 1, p + 1, 1);
	} else {
		uint8_t code = p[1];
		uint32_t tenths = code < 128 ? code : (uint32_t)((code & 0x0f) | 0x10) << (((code >> 4) & 7) + 3);
		uint32_t mn = tree_add_uint(t, node, &fields[I_MAX_RESP], start + 1, 1, code);
		tree_label(t, mn, "Max Resp Time: %u.%u sec (0x%02x)", tenths / 10, tenths % 10, code);
		if (ver == 3 && code >= 128) {
			tree_add_uint(t, mn, &fields[I_EXP], start + 1, 1, code);
			tree_add_uint(t, mn, &fields[I_MANT], start + 1, 1, code);
		}
	}
	int32_t want = CKSUM_UNVERIFIED;
	if (pi->caplen >= pi->len)
		want = cur_csum_field(0, &m, 2);
	dissect_checksum(d, node, &fields[I_CHECKSUM], &fields[I_CHECKSUM_STATUS], start + 2,
	    cur_peek_be16(&m, 2), want);
	fv_ipv4(p + 4, g, sizeof(g));
	int general = !(p[4] | p[5] | p[6] | p[7]);
	if (ver == 1) {
		tree_add_addr(t, node, &fields[I_MADDR], start + 4, 4, p + 4);
		return;
	}
	if (ver == 2) {
		tree_add_addr(t, node, &fields[I_MADDR], start + 4, 4, p + 4);
		if (general)
			col_append_str(pi, ", general");
		else if (type == 0x17)
			col_append(pi, " %s", g);
		else if (type == 0x11)
			col_append(pi, ", specific for group %s", g);
		else
			col_append(pi, " group %s", g);
		return;
	}
	if (type == 0x11) {
		tree_add_addr(t, node, &fields[I_MADDR], start + 4, 4, p + 4);
		tree_add_uint(t, node, &fields[I_S], start + 8, 1, p[8]);
		tree_add_uint(t, node, &fields[I_QRV], start + 8, 1, p[8]);
		tree_add_uint(t, node, &fields[I_QQIC], start + 9, 1, p[9]);
		col_append(pi, general ? ", general" : ", specific for group %s", g);
		unsigned num = cur_peek_be16(&m, 10);
		tree_add_uint(t, node, &fields[I_NUM_SRC], start + 10, 2, num);
		if (num)
			col_append(pi, ", source%s {", num > 1 ? "s" : "");
		off = 12;
		sources(d, node, p, len, &off, num, start);
		return;
	}
	tree_add_bytes(t, node, &fields[I_RESERVED], start + 4, 2, p + 4, 2);
	unsigned num = cur_peek_be16(&m, 6);
	tree_add_uint(t, node, &fields[I_NUM_GRP], start + 6, 2, num);
	if (!num)
		col_append_str(pi, " - General query");
	off = 8;
	for (unsigned i = 0; i < num && off < len; i++)
		group_record(d, node, p, len, &off, start);
}
