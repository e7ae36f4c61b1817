/* netlink.c — Linux netlink messages captured on an nlmon interface (LINKTYPE_NETLINK,
 * 253): a cooked header, then netlink messages in the capturing host's byte order.
 *
 *   +-------------+------------------+--------------+-------------+-------------+
 *   | Packet type | ARPHRD type (824)| Address len  | Address (8) | Family (2)  |
 *   +-------------+------------------+--------------+-------------+-------------+
 *   | nlmsghdr: length (4), type (2), flags (2), sequence (4), port id (4) | …
 *
 * Only what Wireshark's Protocol column and frame.protocols show: the family decides
 * the protocol ("Netlink route" for NETLINK_ROUTE); the messages are not decoded.
 */
#include "config.h"

#include "core/linktype.h"
#include "dissect/protos.h"

static void dissect_netlink(struct dctx *d, struct cur *c, uint32_t parent);

enum { N_PROTO, N_HATYPE, N_FAMILY, N_ROUTE };

static const struct val_str family_vals[] = {
	{ 0, "Route" }, { 4, "Sock diag" }, { 9, "Audit" }, { 12, "Netfilter" },
	{ 16, "Generic" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[N_PROTO] = { "netlink", "Linux netlink (cooked header)", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Messages between the Linux kernel and programs (routes, addresses, links), seen on nlmon.", 0 },
	[N_HATYPE] = { "netlink.hatype", "Link-layer address type", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: 824, netlink.", 0 },
	[N_FAMILY] = { "netlink.family", "Family", FT_UINT16, BASE_HEX, 0, 0, family_vals,
		"16 bits: the netlink protocol (0 route, 16 generic …).", 0 },
	[N_ROUTE] = { "netlink-route", "Linux rtnetlink (route netlink) protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Kernel messages about links, addresses, routes and neighbours (what `ip monitor` prints).", 0 },
};
static const struct field_table netlink_table = REG_TABLE(fields);
static const struct handoff netlink_handoffs[] = {
	{ HO_LINK, LINKTYPE_NETLINK, .fn = dissect_netlink },
};
const struct proto_reg netlink_proto = REG_PROTO(netlink_table, netlink_handoffs);

static void dissect_netlink(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node;

	node = dissect_layer(d, parent, "netlink", "Netlink", &fields[N_PROTO], start, 16);
	if (!cur_has(c, 16)) {
		dissect_exhausted(d, node, "Netlink");
		return;
	}
	uint16_t hatype = cur_peek_be16(c, 2), family = cur_peek_be16(c, 14);
	tree_add_uint(t, node, &fields[N_HATYPE], start + 2, 2, hatype);
	tree_add_uint(t, node, &fields[N_FAMILY], start + 14, 2, family);
	cur_skip(c, 16);
	if (hatype == 824 && family == 0 && cur_left(c)) {
		pi_push_proto(pi, "netlink-route");
		col_set_proto(pi, "Netlink route");
		tree_add(t, parent, &fields[N_ROUTE], cur_off(c), (uint32_t)cur_left(c));
		cur_skip(c, cur_left(c));
		return;
	}
	dissect_data(d, c, 0);
}
