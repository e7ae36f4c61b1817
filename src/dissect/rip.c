/* rip.c — Routing Information Protocol v1/v2 (RFC 1058, 2453) on UDP port 520.
 *
 *   +---------+---------+------------------+
 *   | Command | Version | must be zero (2) |  then 20-byte route entries: address
 *   +---------+---------+------------------+  family, tag, address, mask, next hop, metric
 *
 * Protocol column "RIPv1"/"RIPv2" and the command as Info, as Wireshark.
 */
#include "config.h"

#include <stdio.h>

#include "dissect/protos.h"

static void dissect_rip(struct dctx *d, struct cur *c, uint32_t parent);

enum { R_PROTO, R_COMMAND, R_VERSION };

static const struct val_str command_vals[] = {
	{ 1, "Request" }, { 2, "Response" }, { 3, "Traceon" }, { 4, "Traceoff" },
	{ 5, "Vendor specific (Sun)" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[R_PROTO] = { "rip", "Routing Information Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Distance-vector routing: routers telling neighbours which networks they reach and how far.", 0 },
	[R_COMMAND] = { "rip.command", "Command", FT_UINT8, BASE_DEC, 0, 0, command_vals,
		"8 bits: 1 request (send me your table), 2 response (here it is).", 0 },
	[R_VERSION] = { "rip.version", "Version", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: 1 (classful) or 2 (with masks and authentication).", 0 },
};
static const struct field_table rip_table = REG_TABLE(fields);
static const struct handoff rip_handoffs[] = {
	{ HO_UDP_PORT, 520, .fn = dissect_rip },
};
const struct proto_reg rip_proto = REG_PROTO(rip_table, rip_handoffs);

static void dissect_rip(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), n = (uint32_t)cur_left(c), node;

	node = dissect_layer(d, parent, "rip", "RIP", &fields[R_PROTO], start, n);
	if (n < 2) {
		dissect_exhausted(d, node, "RIP");
		cur_skip(c, n);
		return;
	}
	uint8_t cmd = c->p[0], ver = c->p[1];
	col_set_proto(pi, ver == 1 ? "RIPv1" : ver == 2 ? "RIPv2" : "RIP");
	const char *cn = val_to_str(cmd, command_vals);
	if (cn)
		col_append_str(pi, cn);
	else
		col_append(pi, "Unknown command (%u)", cmd);
	tree_add_uint(t, node, &fields[R_COMMAND], start, 1, cmd);
	tree_add_uint(t, node, &fields[R_VERSION], start + 1, 1, ver);
	cur_skip(c, n);
}
