/* ntp.c — Network Time Protocol (RFC 5905) on UDP port 123.
 *
 *   +--+---+-----+---------+------+-----------+
 *   |LI|VN |Mode | Stratum | Poll | Precision |  then root delay, root dispersion,
 *   +--+---+-----+---------+------+-----------+  reference id and four timestamps
 *
 * Info as Wireshark for the time-transfer modes: "NTP Version 4, client".  Control
 * (mode 6) and private (mode 7) messages are named but not decoded.
 */
#include "config.h"

#include "dissect/protos.h"

static void dissect_ntp(struct dctx *d, struct cur *c, uint32_t parent);

enum { N_PROTO, N_FLAGS, N_LI, N_VN, N_MODE, N_STRATUM };

static const struct val_str mode_vals[] = {
	{ 0, "reserved" }, { 1, "symmetric active" }, { 2, "symmetric passive" }, { 3, "client" },
	{ 4, "server" }, { 5, "broadcast" }, { 6, "reserved for NTP control message" },
	{ 7, "reserved for private use" }, { 0, NULL }
};
static const struct val_str li_vals[] = {
	{ 0, "no warning" }, { 1, "last minute of the day has 61 seconds" },
	{ 2, "last minute of the day has 59 seconds" }, { 3, "unknown (clock unsynchronized)" },
	{ 0, NULL }
};

static const struct field_def fields[] = {
	[N_PROTO] = { "ntp", "Network Time Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Clients asking servers for the time and correcting for the network delay (UDP 123).", 0 },
	[N_FLAGS] = { "ntp.flags", "Flags", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: leap indicator, version, mode.", 0 },
	[N_LI] = { "ntp.flags.li", "Leap Indicator", FT_UINT8, BASE_DEC, 0xc0, 8, li_vals,
		"2 bits: a leap second at the end of the day, or 3 = not synchronised.", 0 },
	[N_VN] = { "ntp.flags.vn", "Version number", FT_UINT8, BASE_DEC, 0x38, 8, NULL,
		"3 bits: NTP version (4 today).", 0 },
	[N_MODE] = { "ntp.flags.mode", "Mode", FT_UINT8, BASE_DEC, 0x07, 8, mode_vals,
		"3 bits: 3 client, 4 server, 5 broadcast …", 0 },
	[N_STRATUM] = { "ntp.stratum", "Peer Clock Stratum", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Distance from a reference clock: 1 = attached to one, 16 = unsynchronised.", 0 },
};
static const struct field_table ntp_table = REG_TABLE(fields);
static const struct handoff ntp_handoffs[] = {
	{ HO_UDP_PORT, 123, .fn = dissect_ntp },
};
const struct proto_reg ntp_proto = REG_PROTO(ntp_table, ntp_handoffs);

static void dissect_ntp(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), n = (uint32_t)cur_left(c), node;

	node = dissect_layer(d, parent, "ntp", "NTP", &fields[N_PROTO], start, n);
	if (n < 2) {
		dissect_exhausted(d, node, "NTP");
		cur_skip(c, n);
		return;
	}
	uint8_t flags = c->p[0], mode = flags & 7;
	col_append(pi, "NTP Version %u, %s", (flags >> 3) & 7u, val_to_str(mode, mode_vals));
	tree_add_uint(t, node, &fields[N_FLAGS], start, 1, flags);
	tree_add_uint(t, node, &fields[N_LI], start, 1, flags);
	tree_add_uint(t, node, &fields[N_VN], start, 1, flags);
	tree_add_uint(t, node, &fields[N_MODE], start, 1, flags);
	if (mode != 6 && mode != 7)
		tree_add_uint(t, node, &fields[N_STRATUM], start + 1, 1, c->p[1]);
	cur_skip(c, n);
}
