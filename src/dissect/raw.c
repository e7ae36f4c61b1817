/* raw.c — link types without a link header: raw IP (101), raw IPv4 (228), raw IPv6 (229).
 *
 *   +--------------------------------------------
 *   | IP packet (version nibble 4 or 6) …
 *   +--------------------------------------------
 *
 * DLT_RAW (101) has a "Raw packet data" node and lets the version nibble choose
 * (Wireshark's packet-raw.c); 228 and 229 go straight to IPv4 / IPv6.
 */
#include "config.h"

#include "core/linktype.h"
#include "dissect/protos.h"

static void dissect_raw_ipv6(struct dctx *d, struct cur *c, uint32_t parent);

static void dissect_raw_ipv4(struct dctx *d, struct cur *c, uint32_t parent);

static void dissect_raw(struct dctx *d, struct cur *c, uint32_t parent);

static const struct field_def fields[] = {
	{ "raw", "Raw packet data", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"No link-layer header: the packet starts with its IP header.", 0 },
};
static const struct field_table raw_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff raw_handoffs[] = {
	{ HO_LINK, LINKTYPE_RAW_BSD, .fn = dissect_raw },
	{ HO_LINK, LINKTYPE_RAW_OPENBSD, .fn = dissect_raw },
	{ HO_LINK, LINKTYPE_RAW, .fn = dissect_raw },
	{ HO_LINK, LINKTYPE_IPV4, .fn = dissect_raw_ipv4 },
	{ HO_LINK, LINKTYPE_IPV6, .fn = dissect_raw_ipv6 },
};
const struct proto_reg raw_proto = REG_PROTO(raw_table, raw_handoffs);

static void dissect_raw(struct dctx *d, struct cur *c, uint32_t parent)
{
	uint8_t v = cur_peek(c, 0) >> 4;

	pi_push_proto(d->pi, "raw");
	col_set_proto(d->pi, "Raw");
	col_set(d->pi, "Raw packet data");
	uint32_t node = tree_add(d->tree, parent, &fields[0], cur_off(c), 0);
	if (!cur_left(c)) {
		dissect_exhausted(d, node, "Raw");
		return;
	}
	if (v == 4)
		dissect_ipv4(d, c, 0);
	else if (v == 6)
		dissect_ipv6(d, c, 0);
	else
		dissect_data(d, c, 0);
}

static void dissect_raw_ipv4(struct dctx *d, struct cur *c, uint32_t parent)
{
	dissect_ipv4(d, c, parent);
}

static void dissect_raw_ipv6(struct dctx *d, struct cur *c, uint32_t parent)
{
	dissect_ipv6(d, c, parent);
}
