/* ospf.c — Open Shortest Path First v2 (RFC 2328) and v3 (RFC 5340), IP protocol 89.
 *
 *   +---------+------+---------------+
 *   | Version | Type | Packet Length |   then Router ID (4), Area ID (4), checksum,
 *   +---------+------+---------------+   and (v2) authentication or (v3) instance id
 *
 * Only the common header: the Info column names the packet type ("Hello Packet") as
 * Wireshark does; hellos, database descriptions and LSAs are not decoded.
 */
#include "config.h"

#include <stdio.h>

#include "dissect/protos.h"

static void dissect_ospf(struct dctx *d, struct cur *c, uint32_t parent);

enum { O_PROTO, O_VERSION, O_MSG, O_LEN, O_SRCROUTER, O_AREA };

static const struct val_str type_vals[] = {
	{ 1, "Hello Packet" }, { 2, "DB Description" }, { 3, "LS Request" }, { 4, "LS Update" },
	{ 5, "LS Acknowledge" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[O_PROTO] = { "ospf", "Open Shortest Path First", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Link-state routing inside an organisation: routers flood link states and compute shortest paths.", 0 },
	[O_VERSION] = { "ospf.version", "Version", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: 2 for IPv4, 3 for IPv6.", 0 },
	[O_MSG] = { "ospf.msg", "Message Type", FT_UINT8, BASE_DEC, 0, 0, type_vals,
		"8 bits: 1 hello, 2 database description, 3 request, 4 update, 5 acknowledgement.", 0 },
	[O_LEN] = { "ospf.packet_length", "Packet Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: bytes of the OSPF packet, header included.", 0 },
	[O_SRCROUTER] = { "ospf.srcrouter", "Source OSPF Router", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"32-bit router id of the sender, written like an IPv4 address.", 0 },
	[O_AREA] = { "ospf.area_id", "Area ID", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"32-bit area the packet belongs to (0.0.0.0 = backbone).", 0 },
};
static const struct field_table ospf_table = REG_TABLE(fields);
static const struct handoff ospf_handoffs[] = {
	{ HO_IPPROTO, 89, .fn = dissect_ospf },
};
const struct proto_reg ospf_proto = REG_PROTO(ospf_table, ospf_handoffs);

static void dissect_ospf(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), n = (uint32_t)cur_left(c), node;
	const struct cur h = *c;
	const uint8_t *p = h.p;

	node = dissect_layer(d, parent, "ospf", "OSPF", &fields[O_PROTO], start, n);
	cur_skip(c, n);
	if (n < 12) {
		dissect_exhausted(d, node, "OSPF");
		return;
	}
	const char *tn = val_to_str(p[1], type_vals);
	if (tn)
		col_append_str(pi, tn);
	else
		col_append(pi, "Unknown (%u)", p[1]);
	tree_add_uint(t, node, &fields[O_VERSION], start, 1, p[0]);
	tree_add_uint(t, node, &fields[O_MSG], start + 1, 1, p[1]);
	tree_add_uint(t, node, &fields[O_LEN], start + 2, 2, cur_peek_be16(&h, 2));
	tree_add_addr(t, node, &fields[O_SRCROUTER], start + 4, 4, p + 4);
	tree_add_addr(t, node, &fields[O_AREA], start + 8, 4, p + 8);
}
