/* null.c — BSD loopback encapsulations: DLT_NULL (0) and DLT_LOOP (108).
 *
 *   0                   1                   2                   3
 *   +-------+-------+-------+-------+--------------------------------
 *   |   address family (4 bytes)    | IPv4 / IPv6 packet …
 *   +-------+-------+-------+-------+--------------------------------
 *
 * DLT_NULL stores the family in the capturing host's byte order, DLT_LOOP in network
 * order.  As Wireshark does (packet-null.c), a DLT_NULL word whose upper 16 bits are
 * set after a little-endian read is byte-swapped; a value above 1500 is then taken as
 * an EtherType (some systems wrote one there), anything else as a family.  AF_INET6
 * differs by OS: 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS/Darwin); 10 is Linux.
 */
#include "config.h"

#include "core/linktype.h"
#include "dissect/protos.h"

static void dissect_loop(struct dctx *d, struct cur *c, uint32_t parent);

static void dissect_null(struct dctx *d, struct cur *c, uint32_t parent);

enum { N_PROTO, N_TYPE, N_FAMILY };

static const struct val_str family_vals[] = {
	{ 2, "IP" }, { 7, "OSI" }, { 16, "Appletalk" }, { 23, "Netware IPX/SPX" },
	{ 24, "IPv6" }, { 28, "IPv6" }, { 30, "IPv6" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[N_PROTO] = { "null", "Null/Loopback", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"BSD loopback header: 4 bytes naming the address family of the packet that follows.", 0 },
	[N_TYPE] = { "null.type", "Type", FT_UINT16, BASE_HEX, 0, 0, etype_vals,
		"An EtherType some systems store instead of an address family.", 0 },
	[N_FAMILY] = { "null.family", "Family", FT_UINT32, BASE_DEC, 0, 0, family_vals,
		"32 bits: address family (2 = IPv4; 24, 28 or 30 = IPv6 depending on the OS).", 0 },
};
static const struct field_table null_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff null_handoffs[] = {
	{ HO_LINK, LINKTYPE_NULL, .fn = dissect_null },
	{ HO_LINK, LINKTYPE_LOOP, .fn = dissect_loop },
};
const struct proto_reg null_proto = REG_PROTO(null_table, null_handoffs);

static const struct dispatch family_table[] = {
	{ 2, dissect_ipv4 }, { 24, dissect_ipv6 }, { 28, dissect_ipv6 }, { 30, dissect_ipv6 },
};

static void family(struct dctx *d, struct cur *c, uint32_t node, uint32_t fam)
{
	uint32_t n = tree_add_uint(d->tree, node, &fields[N_FAMILY], cur_off(c) - 4, 4, fam);

	(void)n;
	for (size_t i = 0; i < sizeof(family_table) / sizeof(family_table[0]); i++)
		if (family_table[i].key == fam) {
			family_table[i].fn(d, c, 0);
			return;
		}
	dissect_data(d, c, 0);
}

static uint32_t header(struct dctx *d, struct cur *c, uint32_t parent)
{
	uint32_t node;

	pi_push_proto(d->pi, "null");
	col_set_proto(d->pi, "N/A");
	node = tree_add(d->tree, parent, &fields[N_PROTO], cur_off(c), 4);
	if (!cur_has(c, 4)) {
		dissect_truncated(d, node);
		dissect_malformed(d, node, "Null", "frame shorter than the 4-byte loopback header");
		cur_skip(c, cur_left(c));
	}
	return node;
}

static void dissect_null(struct dctx *d, struct cur *c, uint32_t parent)
{
	uint32_t node = header(d, c, parent), v;

	if (!cur_ok(c))
		return;
	v = cur_le32(c);
	if (v & 0xffff0000u)
		v = (v >> 24) | (v >> 8 & 0xff00) | (v << 8 & 0xff0000) | (v << 24);
	if (v > 1500) {
		tree_add_uint(d->tree, node, &fields[N_TYPE], cur_off(c) - 4, 4, (uint16_t)v);
		if (!dissect_ethertype(d, c, 0, (uint16_t)v))
			dissect_data(d, c, 0);
		return;
	}
	family(d, c, node, v);
}

static void dissect_loop(struct dctx *d, struct cur *c, uint32_t parent)
{
	uint32_t node = header(d, c, parent);

	if (!cur_ok(c))
		return;
	family(d, c, node, cur_be32(c));
}
