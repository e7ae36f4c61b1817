/* sll.c — Linux "cooked" capture headers: SLL v1 (DLT 113) and SLL v2 (DLT 276).
 *
 * v1 (16 bytes)                              v2 (20 bytes)
 *   0       2       4       6        14  16    0       2       4         8      10  11  12       20
 *   +-------+-------+-------+--------+---+     +-------+-------+---------+------+---+---+--------+
 *   |pkttype|hatype | halen | addr(8)|pro|     | proto |reservd| ifindex |hatype|pkt|len| addr(8)|
 *   +-------+-------+-------+--------+---+     +-------+-------+---------+------+---+---+--------+
 *
 * The protocol word is an EtherType above 1536, else a Linux ETH_P_* value (Wireshark's
 * packet-sll.c).  Used by `tcpdump -i any` and by captures on tunnels.
 */
#include "config.h"

#include "core/linktype.h"
#include "dissect/protos.h"

static void dissect_sll2(struct dctx *d, struct cur *c, uint32_t parent);

static void dissect_sll(struct dctx *d, struct cur *c, uint32_t parent);

enum {
	S_PROTO, S_PKTTYPE, S_HATYPE, S_HALEN, S_SRC_ETH, S_SRC_IPV4, S_SRC_OTHER, S_UNUSED,
	S_LTYPE, S_ETYPE, S_TRAILER, S_IFINDEX,
};

static const struct val_str pkttype_vals[] = {
	{ 0, "Unicast to us" }, { 1, "Broadcast" }, { 2, "Multicast" },
	{ 3, "Unicast to another host" }, { 4, "Sent by us" }, { 0, NULL }
};
static const struct val_str hatype_vals[] = {
	{ 0, "NET/ROM pseudo" }, { 1, "Ethernet" }, { 2, "Experimental Ethernet" },
	{ 3, "AX.25" }, { 4, "ProNET" }, { 5, "Chaos" }, { 6, "IEEE 802" }, { 7, "ARCNET" },
	{ 8, "Hyperchannel" }, { 9, "Lanstar" }, { 15, "Frame Relay DLCI" }, { 19, "ATM" },
	{ 23, "Metricom STRIP" }, { 24, "IEEE 1394.1995" }, { 27, "EUI-64" }, { 32, "InfiniBand" },
	{ 256, "SLIP" }, { 257, "CSLIP" }, { 258, "SLIP6" }, { 259, "CSLIP6" }, { 260, "Notional KISS type" },
	{ 264, "ADAPT" }, { 270, "ROSE" }, { 271, "CCITT X.25" }, { 272, "Boards with X.25 in firmware" },
	{ 280, "Controller Area Network" }, { 512, "PPP" }, { 513, "Cisco HDLC" }, { 516, "LAPB" },
	{ 517, "Digital's DDCMP" }, { 518, "Raw HDLC" }, { 519, "Raw IP" }, { 768, "IPIP tunnel" },
	{ 769, "IPv6-in-IPv4" }, { 770, "Frame Relay Access Device" }, { 771, "SKIP vif" },
	{ 772, "Loopback" }, { 773, "Localtalk" }, { 774, "Fiber Distributed Data Interface" },
	{ 775, "AP1000 BIF" }, { 776, "sit" }, { 777, "IP over DDP tunneller" },
	{ 778, "GRE over IP" }, { 779, "PIMSM register interface" }, { 780, "High Performance Parallel Interface" },
	{ 781, "Nexus 64Mbps Ash" }, { 782, "Acorn Econet" }, { 783, "Linux-IrDA" },
	{ 784, "Point to point fibrechanel" }, { 785, "Fibrechanel arbitrated loop" },
	{ 786, "Fibrechanel public loop" }, { 787, "Fibrechanel fabric" },
	{ 800, "Magic type ident for TR" }, { 801, "IEEE 802.11" }, { 802, "IEEE 802.11 + Prism2 header" },
	{ 803, "IEEE 802.11 + radiotap header" }, { 804, "IEEE 802.15.4" }, { 805, "IEEE 802.15.4 network monitor" },
	{ 820, "PhoNet media type" }, { 821, "PhoNet pipe header" }, { 822, "CAIF media type" },
	{ 823, "GRE over IPv6" }, { 824, "Netlink" }, { 825, "IPv6 over LoWPAN" },
	{ 826, "Virtual socket monitor" }, { 0xfffe, "No hardware address" }, { 0xffff, "Void type, nothing is known" },
	{ 0, NULL }
};
static const struct val_str ltype_vals[] = {
	{ 1, "Raw 802.3" }, { 2, "AX.25" }, { 3, "All" }, { 4, "802.2 LLC" }, { 5, "SNAP" },
	{ 6, "DDCMP" }, { 7, "WAN PPP" }, { 8, "PPP MP" }, { 9, "Localtalk" }, { 0x0c, "CAN" },
	{ 0x0d, "CAN FD" }, { 0x10, "PPP" }, { 0x11, "HDLC" }, { 0x15, "LINUX_SLL_P_IRDA_LAP" },
	{ 0x16, "ETH_P_ECONET" }, { 0x17, "Linux-IrDA" }, { 0x1b, "IEEE 802.15.4" },
	{ 0x19, "Netlink" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[S_PROTO] = { "sll", "Linux cooked capture v1", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Linux 'cooked' header used when capturing on any interface: direction and protocol instead of MACs.", 0 },
	[S_PKTTYPE] = { "sll.pkttype", "Packet type", FT_UINT16, BASE_DEC, 0, 0, pkttype_vals,
		"Direction of the packet as the kernel saw it: sent by us, unicast to us, broadcast…", 0 },
	[S_HATYPE] = { "sll.hatype", "Link-layer address type", FT_UINT16, BASE_DEC, 0, 0, hatype_vals,
		"16 bits: ARPHRD_ type of the interface (1 Ethernet, 772 loopback).", 0 },
	[S_HALEN] = { "sll.halen", "Link-layer address length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Bytes of the source link-layer address that are meaningful (at most 8).", 0 },
	[S_SRC_ETH] = { "sll.src.eth", "Source", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"Source MAC address of the packet.", 0 },
	[S_SRC_IPV4] = { "sll.src.ipv4", "Source", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"Source link-layer address (an IPv4 address on GRE tunnels).", 0 },
	[S_SRC_OTHER] = { "sll.src.other", "Source", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Source link-layer address of another kind.", 0 },
	[S_UNUSED] = { "sll.unused", "Unused", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Address bytes beyond the address length.", 0 },
	[S_LTYPE] = { "sll.ltype", "Protocol", FT_UINT16, BASE_HEX, 0, 0, ltype_vals,
		"Linux protocol number (ETH_P_*) for frames that have no EtherType.", 0 },
	[S_ETYPE] = { "sll.etype", "Protocol", FT_UINT16, BASE_HEX, 0, 0, etype_vals,
		"16-bit EtherType of the payload (0x0800 IPv4, 0x86dd IPv6).", 0 },
	[S_TRAILER] = { "sll.trailer", "Trailer", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Bytes after the packet that the network layer does not claim.", 0 },
	[S_IFINDEX] = { "sll.ifindex", "Interface index", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Kernel index of the interface the packet was seen on (v2 only).", 0 },
};
static const struct field_table sll_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff sll_handoffs[] = {
	{ HO_LINK, LINKTYPE_LINUX_SLL, .fn = dissect_sll },
	{ HO_LINK, LINKTYPE_LINUX_SLL2, .fn = dissect_sll2 },
};
const struct proto_reg sll_proto = REG_PROTO(sll_table, sll_handoffs);

/* The address field: 8 bytes of which halen are used. */
static void address(struct dctx *d, uint32_t node, struct cur *c, uint16_t hatype, uint16_t halen)
{
	uint32_t off = cur_off(c);
	const uint8_t *a = c->p;
	uint32_t used = halen > 8 ? 8 : halen;

	if ((hatype == 1 || hatype == 772 || hatype == 6) && halen == 6) {
		tree_add_addr(d->tree, node, &fields[S_SRC_ETH], off, 6, a);
		d->pi->dl_src.type = AT_ETHER;
		memcpy(d->pi->dl_src.a, a, 6);
	} else if (hatype == 778 && halen == 4) {
		tree_add_addr(d->tree, node, &fields[S_SRC_IPV4], off, 4, a);
	} else if (used) {
		tree_add_bytes(d->tree, node, &fields[S_SRC_OTHER], off, used, a, used);
	}
	if (used < 8)
		tree_add_bytes(d->tree, node, &fields[S_UNUSED], off + used, 8 - used, a + used, 8 - used);
	cur_skip(c, 8);
}

static void payload(struct dctx *d, uint32_t node, struct cur *c, uint32_t proto_off, uint16_t proto)
{
	if (proto <= 1536) {
		tree_add_uint(d->tree, node, &fields[S_LTYPE], proto_off, 2, proto);
		if (proto == 4)		/* ETH_P_802_2 */
			dissect_llc(d, c, 0);
		else
			dissect_data(d, c, 0);
		return;
	}
	tree_add_uint(d->tree, node, &fields[S_ETYPE], proto_off, 2, proto);
	pi_push_proto(d->pi, "ethertype");
	struct cur p = *c;
	d->payload_used_set = 0;
	if (!dissect_ethertype(d, &p, 0, proto)) {
		dissect_data(d, &p, 0);
		return;
	}
	eth_add_trailer(d, node, c, &fields[S_TRAILER], 0);	/* padding as tshark's ethertype */
}

static int header_ok(struct dctx *d, struct cur *c, uint32_t node, size_t n)
{
	if (cur_has(c, n))
		return 1;
	dissect_truncated(d, node);
	dissect_malformed(d, node, "SLL", "frame shorter than the cooked-capture header");
	return 0;
}

static void dissect_sll(struct dctx *d, struct cur *c, uint32_t parent)
{
	uint32_t start = cur_off(c), node;
	uint16_t pkttype, hatype, halen, proto;

	pi_push_proto(d->pi, "sll");
	col_set_proto(d->pi, "SLL");
	node = tree_add(d->tree, parent, &fields[S_PROTO], start, 16);
	if (!header_ok(d, c, node, 16))
		return;
	pkttype = cur_be16(c);
	hatype = cur_be16(c);
	halen = cur_be16(c);
	tree_add_uint(d->tree, node, &fields[S_PKTTYPE], start, 2, pkttype);
	tree_add_uint(d->tree, node, &fields[S_HATYPE], start + 2, 2, hatype);
	tree_add_uint(d->tree, node, &fields[S_HALEN], start + 4, 2, halen);
	address(d, node, c, hatype, halen);
	proto = cur_be16(c);
	payload(d, node, c, start + 14, proto);
}

static void dissect_sll2(struct dctx *d, struct cur *c, uint32_t parent)
{
	uint32_t start = cur_off(c), node, ifindex;
	uint16_t proto, hatype;
	uint8_t pkttype, halen;

	pi_push_proto(d->pi, "sll");
	col_set_proto(d->pi, "SLL");
	node = tree_add(d->tree, parent, &fields[S_PROTO], start, 20);
	tree_label(d->tree, node, "Linux cooked capture v2");
	if (!header_ok(d, c, node, 20))
		return;
	proto = cur_be16(c);
	cur_skip(c, 2);
	ifindex = cur_be32(c);
	hatype = cur_be16(c);
	pkttype = cur_u8(c);
	halen = cur_u8(c);
	if (proto > 1536)
		tree_add_uint(d->tree, node, &fields[S_ETYPE], start, 2, proto);
	else
		tree_add_uint(d->tree, node, &fields[S_LTYPE], start, 2, proto);
	tree_add_uint(d->tree, node, &fields[S_IFINDEX], start + 4, 4, ifindex);
	tree_add_uint(d->tree, node, &fields[S_HATYPE], start + 8, 2, hatype);
	tree_add_uint(d->tree, node, &fields[S_PKTTYPE], start + 10, 1, pkttype);
	tree_add_uint(d->tree, node, &fields[S_HALEN], start + 11, 1, halen);
	address(d, node, c, hatype, halen);
	if (proto <= 1536) {
		if (proto == 4)		/* ETH_P_802_2 */
			dissect_llc(d, c, 0);
		else
			dissect_data(d, c, 0);
		return;
	}
	pi_push_proto(d->pi, "ethertype");
	struct cur p = *c;
	d->payload_used_set = 0;
	if (!dissect_ethertype(d, &p, 0, proto))
		dissect_data(d, &p, 0);
}
