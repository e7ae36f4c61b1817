/* ipv6.c — Internet Protocol version 6 (RFC 8200) and its extension headers.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version| Traffic Class |           Flow Label                  |
 *   |         Payload Length        |  Next Header  |   Hop Limit   |
 *   |                Source Address (128 bits)                      |
 *   |             Destination Address (128 bits)                    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | Next Header   | Hdr Ext Len   | extension header data …       |  (8-byte units)
 *
 * Extension headers (hop-by-hop 0, routing 43 incl. segment routing (RFC 8754),
 * fragment 44, destination options 60, no next header 59) are walked in a bounded
 * loop and shown inside the IPv6 node, each as its own protocol in frame.protocols,
 * as Wireshark 4.0 does.  The payload is clipped to Payload Length; 0 with a Jumbo
 * Payload option (RFC 2675) takes the jumbo length, 0 without one (BIG TCP / TSO)
 * takes the rest of the frame.  Fragments are not reassembled.
 */
#include "config.h"

#include <stdio.h>

#include "dissect/fvalue.h"
#include "dissect/protos.h"

enum {
	P_PROTO, P_VERSION, P_TCLASS, P_DSCP, P_ECN, P_FLOW, P_PLEN, P_NXT, P_HLIM,
	P_SRC, P_ADDR, P_SRC_HOST, P_HOST, P_DST, P_DST_HOST,
	P_SRC_SLAAC, P_DST_SLAAC, P_SLAAC, P_SRC_6TO4, P_DST_6TO4, P_6TO4, P_SRC_6TO4_SLA,
	P_DST_6TO4_SLA, P_6TO4_SLA, P_SRC_TS, P_DST_TS, P_TS, P_SRC_TC_PORT, P_DST_TC_PORT,
	P_TC_PORT, P_SRC_TC, P_DST_TC, P_TC, P_SRC_ISATAP, P_DST_ISATAP, P_ISATAP,
	P_EMBED_PREFIX, P_SRC_EMBED, P_DST_EMBED, P_EMBED,
	P_OPT, P_OPT_TYPE, P_OPT_ACTION, P_OPT_CHANGE, P_OPT_REST, P_OPT_LEN, P_OPT_PAD1,
	P_OPT_PADN, P_OPT_RA, P_OPT_TEL, P_OPT_JUMBO, P_OPT_UNKNOWN,
	H_PROTO, H_NXT, H_LEN, H_LEN_OCT,
	D_PROTO, D_NXT, D_LEN, D_LEN_OCT,
	R_PROTO, R_NXT, R_LEN, R_LEN_OCT, R_TYPE, R_SEGLEFT, R_UNKNOWN, R_SRC_RES, R_SRC_ADDR,
	R_MIP_RES, R_MIP_HOME, R_SRH_LAST, R_SRH_FLAGS, R_SRH_TAG, R_SRH_ADDR,
	F_PROTO, F_NXT, F_RES_OCTET, F_OFFSET, F_RES_BITS, F_MORE, F_IDENT,
};

static const struct val_str opt_vals[] = {
	{ 0x00, "Pad1" }, { 0x01, "PadN" }, { 0x04, "Tunnel Encapsulation Limit" },
	{ 0x05, "Router Alert" }, { 0x06, "Quick-Start" }, { 0x07, "CALIPSO" },
	{ 0x08, "SMF_DPD" }, { 0x10, "Minimum Path MTU" }, { 0x26, "Quick-Start" },
	{ 0x31, "Path MTU Record" }, { 0x63, "RPL Option" }, { 0x6d, "MPL Option" },
	{ 0x8b, "ILNP Nonce" }, { 0x8c, "Line-Identification Option" }, { 0xc2, "Jumbo Payload" },
	{ 0xc9, "Home Address" }, { 0xee, "IP_DFF" }, { 0, NULL }
};
static const struct val_str action_vals[] = {
	{ 0, "Skip and continue" }, { 1, "Discard and do not send ICMP" },
	{ 2, "Discard and send ICMP" }, { 3, "Discard and send ICMP if not multicast" }, { 0, NULL }
};
static const struct val_str yesno[] = { { 0, "No" }, { 1, "Yes" }, { 0, NULL } };
static const struct val_str ra_vals[] = {
	{ 0, "MLD" }, { 1, "RSVP" }, { 2, "Active Networks" }, { 0, NULL }
};
static const struct val_str rt_vals[] = {
	{ 0, "Source Route" }, { 1, "Nimrod" }, { 2, "Type 2 Routing" }, { 3, "RPL Source Route" },
	{ 4, "Segment Routing" }, { 5, "Compact Routing Header 16" }, { 6, "Compact Routing Header 32" },
	{ 253, "RFC3692-style Experiment 1" }, { 254, "RFC3692-style Experiment 2" }, { 0, NULL }
};

#define HEX_ADDR(abbrev, name, help) { abbrev, name, FT_IPv4, BASE_NONE, 0, 0, NULL, help, 0 }
static const struct field_def fields[] = {
	[P_PROTO] = { "ipv6", "Internet Protocol Version 6", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Network layer with 128-bit addresses: a fixed 40-byte header, options in extension headers.", 0 },
	[P_VERSION] = { "ipv6.version", "Version", FT_UINT8, BASE_DEC, 0xf0, 8, NULL,
		"4 bits: the IP version, 6 here.", REG_F_DOC_NOMASK },
	[P_TCLASS] = { "ipv6.tclass", "Traffic Class", FT_UINT32, BASE_HEX, 0x0ff00000, 32, NULL,
		"8 bits: priority (DSCP) and congestion notification (ECN), like IPv4's DS field.", 0 },
	[P_DSCP] = { "ipv6.tclass.dscp", "Differentiated Services Codepoint", FT_UINT32, BASE_DEC, 0x0fc00000, 32, ip_dscp_vals,
		"6 bits: traffic class for quality of service; 0 is best effort.", 0 },
	[P_ECN] = { "ipv6.tclass.ecn", "Explicit Congestion Notification", FT_UINT32, BASE_DEC, 0x00300000, 32, ip_ecn_vals,
		"2 bits: lets routers signal congestion without dropping packets.", 0 },
	[P_FLOW] = { "ipv6.flow", "Flow Label", FT_UINT24, BASE_HEX, 0x0fffff, 24, NULL,
		"20 bits: marks packets of one flow so routers can keep them on one path.", 0 },
	[P_PLEN] = { "ipv6.plen", "Payload Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: bytes after the 40-byte header, extension headers included (0 for jumbograms).", 0 },
	[P_NXT] = { "ipv6.nxt", "Next Header", FT_UINT8, BASE_DEC, 0, 0, ipproto_vals,
		"8 bits: what follows: an extension header or the transport protocol (6 TCP, 17 UDP, 58 ICMPv6).", 0 },
	[P_HLIM] = { "ipv6.hlim", "Hop Limit", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: decremented by each router, the packet dies at 0 (IPv4's TTL).", 0 },
	[P_SRC] = { "ipv6.src", "Source Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"128 bits: the sender's address.", 0 },
	[P_ADDR] = { "ipv6.addr", "Source or Destination Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"Either address: ipv6.addr == X matches both directions.", 0 },
	[P_SRC_HOST] = { "ipv6.src_host", "Source Host", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Source address as a host name (no resolution: the address).", 0 },
	[P_HOST] = { "ipv6.host", "Source or Destination Host", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Either host.", 0 },
	[P_DST] = { "ipv6.dst", "Destination Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"128 bits: the receiver's address.", 0 },
	[P_DST_HOST] = { "ipv6.dst_host", "Destination Host", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Destination address as a host name (no resolution: the address).", 0 },
	[P_SRC_SLAAC] = { "ipv6.src_slaac_mac", "Source SLAAC MAC", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"MAC address embedded in a stateless autoconfigured (EUI-64, ff:fe) source address.", 0 },
	[P_DST_SLAAC] = { "ipv6.dst_slaac_mac", "Destination SLAAC MAC", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"MAC address embedded in a stateless autoconfigured destination address.", 0 },
	[P_SLAAC] = { "ipv6.slaac_mac", "SLAAC MAC", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"Either embedded SLAAC MAC address.", 0 },
	[P_SRC_6TO4] = HEX_ADDR("ipv6.src_6to4_gw_ipv4", "Source 6to4 Gateway IPv4",
		"IPv4 gateway address inside a 6to4 (2002::/16) source address."),
	[P_DST_6TO4] = HEX_ADDR("ipv6.dst_6to4_gw_ipv4", "Destination 6to4 Gateway IPv4",
		"IPv4 gateway address inside a 6to4 destination address."),
	[P_6TO4] = HEX_ADDR("ipv6.6to4_gw_ipv4", "6to4 Gateway IPv4", "Either 6to4 gateway address."),
	[P_SRC_6TO4_SLA] = { "ipv6.src_6to4_sla_id", "Source 6to4 SLA ID", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Subnet id of a 6to4 source address.", 0 },
	[P_DST_6TO4_SLA] = { "ipv6.dst_6to4_sla_id", "Destination 6to4 SLA ID", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Subnet id of a 6to4 destination address.", 0 },
	[P_6TO4_SLA] = { "ipv6.6to4_sla_id", "6to4 SLA ID", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Either 6to4 subnet id.", 0 },
	[P_SRC_TS] = HEX_ADDR("ipv6.src_ts_ipv4", "Source Teredo Server IPv4",
		"Teredo server inside a 2001::/32 source address."),
	[P_DST_TS] = HEX_ADDR("ipv6.dst_ts_ipv4", "Destination Teredo Server IPv4",
		"Teredo server inside a 2001::/32 destination address."),
	[P_TS] = HEX_ADDR("ipv6.ts_ipv4", "Teredo Server IPv4", "Either Teredo server."),
	[P_SRC_TC_PORT] = { "ipv6.src_tc_port", "Source Teredo Port", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Client's mapped UDP port inside a Teredo source address.", 0 },
	[P_DST_TC_PORT] = { "ipv6.dst_tc_port", "Destination Teredo Port", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Client's mapped UDP port inside a Teredo destination address.", 0 },
	[P_TC_PORT] = { "ipv6.tc_port", "Teredo Port", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Either Teredo port.", 0 },
	[P_SRC_TC] = HEX_ADDR("ipv6.src_tc_ipv4", "Source Teredo Client IPv4",
		"Client's mapped IPv4 address inside a Teredo source address."),
	[P_DST_TC] = HEX_ADDR("ipv6.dst_tc_ipv4", "Destination Teredo Client IPv4",
		"Client's mapped IPv4 address inside a Teredo destination address."),
	[P_TC] = HEX_ADDR("ipv6.tc_ipv4", "Teredo Client IPv4", "Either Teredo client."),
	[P_SRC_ISATAP] = HEX_ADDR("ipv6.src_isatap_ipv4", "Source ISATAP IPv4",
		"IPv4 address inside an ISATAP (…:5efe:a.b.c.d) source address."),
	[P_DST_ISATAP] = HEX_ADDR("ipv6.dst_isatap_ipv4", "Destination ISATAP IPv4",
		"IPv4 address inside an ISATAP destination address."),
	[P_ISATAP] = HEX_ADDR("ipv6.isatap_ipv4", "ISATAP IPv4", "Either ISATAP IPv4 address."),
	[P_EMBED_PREFIX] = { "ipv6.embed_ipv4_prefix", "Embedded IPv4 Prefix", FT_BYTES, BASE_NONE, 0, 0,
		NULL, "The NAT64 well-known prefix 64:ff9b::/96 (RFC 6052) of an address.", 0 },
	[P_SRC_EMBED] = HEX_ADDR("ipv6.src_embed_ipv4", "Source Embedded IPv4",
		"IPv4 address inside a 64:ff9b::/96 (NAT64) source address."),
	[P_DST_EMBED] = HEX_ADDR("ipv6.dst_embed_ipv4", "Destination Embedded IPv4",
		"IPv4 address inside a 64:ff9b::/96 (NAT64) destination address."),
	[P_EMBED] = HEX_ADDR("ipv6.embed_ipv4", "Embedded IPv4", "Either NAT64 embedded IPv4 address."),
	[P_OPT] = { "ipv6.opt", "IPv6 Option", FT_NONE, BASE_NONE, 0, 0, NULL,
		"One option of a hop-by-hop or destination options header (type, length, data).", 0 },
	[P_OPT_TYPE] = { "ipv6.opt.type", "Type", FT_UINT8, BASE_HEX, 0, 0, opt_vals,
		"8 bits: option type; its top two bits say what a node that does not know it must do.", 0 },
	[P_OPT_ACTION] = { "ipv6.opt.type.action", "Action", FT_UINT8, BASE_DEC, 0xc0, 8, action_vals,
		"2 bits: skip, or discard (with or without an ICMP error) when the option is unknown.", 0 },
	[P_OPT_CHANGE] = { "ipv6.opt.type.change", "May Change", FT_BOOLEAN, BASE_NONE, 0x20, 8, yesno,
		"1 bit: the option data may change on the way.", 0 },
	[P_OPT_REST] = { "ipv6.opt.type.rest", "Low-Order Bits", FT_UINT8, BASE_HEX, 0x1f, 8, NULL,
		"5 bits: rest of the option type.", 0 },
	[P_OPT_LEN] = { "ipv6.opt.length", "Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: bytes of option data.", 0 },
	[P_OPT_PAD1] = { "ipv6.opt.pad1", "Pad1", FT_NONE, BASE_NONE, 0, 0, NULL,
		"One byte of padding.", 0 },
	[P_OPT_PADN] = { "ipv6.opt.padn", "PadN", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Several bytes of padding to align the next option.", 0 },
	[P_OPT_RA] = { "ipv6.opt.router_alert", "Router Alert", FT_UINT16, BASE_DEC, 0, 0, ra_vals,
		"Asks routers on the path to look at the packet (MLD, RSVP).", 0 },
	[P_OPT_TEL] = { "ipv6.opt.tel", "Tunnel Encapsulation Limit", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"How many further levels of encapsulation are permitted.", 0 },
	[P_OPT_JUMBO] = { "ipv6.opt.jumbo", "Payload Length", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"32-bit payload length of a jumbogram (more than 65535 bytes).", 0 },
	[P_OPT_UNKNOWN] = { "ipv6.opt.unknown", "Unknown Option Payload", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Data of an option this program does not decode.", 0 },
	[H_PROTO] = { "ipv6.hopopts", "IPv6 Hop-by-Hop Option", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Options every router on the path must examine (router alert, jumbo payload).", 0 },
	[H_NXT] = { "ipv6.hopopts.nxt", "Next Header", FT_UINT8, BASE_DEC, 0, 0, ipproto_vals,
		"8 bits: the header after this one.", 0 },
	[H_LEN] = { "ipv6.hopopts.len", "Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: header length in 8-byte units, not counting the first 8.", 0 },
	[H_LEN_OCT] = { "ipv6.hopopts.len_oct", "Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Header length in bytes.", 0 },
	[D_PROTO] = { "ipv6.dstopts", "Destination Options for IPv6", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Options only the destination examines.", 0 },
	[D_NXT] = { "ipv6.dstopts.nxt", "Next Header", FT_UINT8, BASE_DEC, 0, 0, ipproto_vals,
		"8 bits: the header after this one.", 0 },
	[D_LEN] = { "ipv6.dstopts.len", "Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: header length in 8-byte units, not counting the first 8.", 0 },
	[D_LEN_OCT] = { "ipv6.dstopts.len_oct", "Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Header length in bytes.", 0 },
	[R_PROTO] = { "ipv6.routing", "Routing Header for IPv6", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Lists intermediate nodes the packet must visit (source routing, segment routing).", 0 },
	[R_NXT] = { "ipv6.routing.nxt", "Next Header", FT_UINT8, BASE_DEC, 0, 0, ipproto_vals,
		"8 bits: the header after this one.", 0 },
	[R_LEN] = { "ipv6.routing.len", "Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: header length in 8-byte units, not counting the first 8.", 0 },
	[R_LEN_OCT] = { "ipv6.routing.len_oct", "Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Header length in bytes.", 0 },
	[R_TYPE] = { "ipv6.routing.type", "Type", FT_UINT8, BASE_DEC, 0, 0, rt_vals,
		"8 bits: routing header variant (0 deprecated source route, 2 mobile IPv6, 4 segment routing).", 0 },
	[R_SEGLEFT] = { "ipv6.routing.segleft", "Segments Left", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: how many listed nodes are still to be visited.", 0 },
	[R_UNKNOWN] = { "ipv6.routing.unknown_data", "Type-Specific Data", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Data of a routing header type this program does not decode.", 0 },
	[R_SRC_RES] = { "ipv6.routing.src.reserved", "Reserved", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Must be zero.", 0 },
	[R_SRC_ADDR] = { "ipv6.routing.src.addr", "Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"One node of the source route.", 0 },
	[R_MIP_RES] = { "ipv6.routing.mipv6.reserved", "Reserved", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Must be zero.", 0 },
	[R_MIP_HOME] = { "ipv6.routing.mipv6.home_address", "Home Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"Mobile node's home address.", 0 },
	[R_SRH_LAST] = { "ipv6.routing.srh.last_entry", "Last Entry", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Index (from 0) of the last segment in the list.", 0 },
	[R_SRH_FLAGS] = { "ipv6.routing.srh.flags", "Flags", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits of flags, unused.", 0 },
	[R_SRH_TAG] = { "ipv6.routing.srh.tag", "Tag", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"16 bits: marks the packet as part of a class or group.", 0 },
	[R_SRH_ADDR] = { "ipv6.routing.srh.addr", "Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"One segment (SID) of the segment list, last segment first.", 0 },
	[F_PROTO] = { "ipv6.fraghdr", "Fragment Header for IPv6", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"The packet is one fragment of a larger one; only the source fragments in IPv6.", 0 },
	[F_NXT] = { "ipv6.fraghdr.nxt", "Next header", FT_UINT8, BASE_DEC, 0, 0, ipproto_vals,
		"8 bits: protocol of the reassembled payload.", 0 },
	[F_RES_OCTET] = { "ipv6.fraghdr.reserved_octet", "Reserved octet", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"Should always be 0.", 0 },
	[F_OFFSET] = { "ipv6.fraghdr.offset", "Offset", FT_UINT16, BASE_DEC, 0xfff8, 16, NULL,
		"13 bits: where this fragment's data goes, in 8-byte units.", 0 },
	[F_RES_BITS] = { "ipv6.fraghdr.reserved_bits", "Reserved bits", FT_UINT16, BASE_DEC, 0x0006, 16, NULL,
		"2 bits, zero.", 0 },
	[F_MORE] = { "ipv6.fraghdr.more", "More Fragments", FT_BOOLEAN, BASE_NONE, 0x0001, 16, yesno,
		"1 bit: more fragments follow.", 0 },
	[F_IDENT] = { "ipv6.fraghdr.ident", "Identification", FT_UINT32, BASE_HEX, 0, 0, NULL,
		"32 bits: the same for every fragment of one original packet.", 0 },
};
static const struct field_table ipv6_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff ipv6_handoffs[] = {
	{ HO_ETHERTYPE, 0x86dd, .fn = dissect_ipv6 },
	{ HO_IPPROTO, 41, .fn = dissect_ipv6 },
};
const struct proto_reg ipv6_proto = REG_PROTO(ipv6_table, ipv6_handoffs);

/* Which special address a is (one kind each), in the order Wireshark adds their
 * generated detail fields: all 6to4 ones (source, then destination), then Teredo,
 * SLAAC, ISATAP, NAT64's IPv4-embedded addresses (the well-known prefix). */
enum addr_kind { AK_NONE, AK_6TO4, AK_TEREDO, AK_SLAAC, AK_ISATAP, AK_EMBED, AK_COUNT };

static const uint8_t nat64_wkp[12] = { 0x00, 0x64, 0xff, 0x9b };

static enum addr_kind addr_kind(const uint8_t *a)
{
	if (!memcmp(a, nat64_wkp, sizeof(nat64_wkp)))
		return AK_EMBED;
	if (a[0] == 0x20 && a[1] == 0x02)
		return AK_6TO4;
	if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0)
		return AK_TEREDO;
	if ((a[8] & 0xfd) == 0 && a[9] == 0 && a[10] == 0x5e && a[11] == 0xfe)
		return AK_ISATAP;
	if (a[11] == 0xff && a[12] == 0xfe && (a[8] & 0x02))	/* modified EUI-64 of a universal MAC */
		return AK_SLAAC;
	return AK_NONE;
}

/* The generated detail fields of special address a (its kind k). */
static void addr_detail(struct dctx *d, uint32_t node, uint32_t off, const uint8_t *a, int src,
    enum addr_kind k)
{
	struct dtree *t = d->tree;
	uint8_t v4[4];
	const struct cur ac = cur_make(a, 16);

	if (k == AK_6TO4) {
		tree_flag(t, tree_add_addr(t, node, &fields[src ? P_SRC_6TO4 : P_DST_6TO4], off + 2, 4, a + 2), TN_GENERATED);
		tree_flag(t, tree_add_addr(t, node, &fields[P_6TO4], off + 2, 4, a + 2), TN_GENERATED | TN_HIDDEN);
		tree_flag(t, tree_add_uint(t, node, &fields[src ? P_SRC_6TO4_SLA : P_DST_6TO4_SLA], off + 6, 2,
		    cur_peek_be16(&ac, 6)), TN_GENERATED);
		tree_flag(t, tree_add_uint(t, node, &fields[P_6TO4_SLA], off + 6, 2,
		    cur_peek_be16(&ac, 6)), TN_GENERATED | TN_HIDDEN);
	} else if (k == AK_TEREDO) {
		uint16_t port = (uint16_t)~cur_peek_be16(&ac, 10);
		tree_flag(t, tree_add_addr(t, node, &fields[src ? P_SRC_TS : P_DST_TS], off + 4, 4, a + 4), TN_GENERATED);
		tree_flag(t, tree_add_addr(t, node, &fields[P_TS], off + 4, 4, a + 4), TN_GENERATED | TN_HIDDEN);
		tree_flag(t, tree_add_uint(t, node, &fields[src ? P_SRC_TC_PORT : P_DST_TC_PORT], off + 10, 2, port), TN_GENERATED);
		tree_flag(t, tree_add_uint(t, node, &fields[P_TC_PORT], off + 10, 2, port), TN_GENERATED | TN_HIDDEN);
		for (int i = 0; i < 4; i++)
			v4[i] = (uint8_t)~a[12 + i];
		tree_flag(t, tree_add_addr(t, node, &fields[src ? P_SRC_TC : P_DST_TC], off + 12, 4, v4), TN_GENERATED);
		tree_flag(t, tree_add_addr(t, node, &fields[P_TC], off + 12, 4, v4), TN_GENERATED | TN_HIDDEN);
	} else if (k == AK_ISATAP) {
		tree_flag(t, tree_add_addr(t, node, &fields[src ? P_SRC_ISATAP : P_DST_ISATAP], off + 12, 4, a + 12), TN_GENERATED);
		tree_flag(t, tree_add_addr(t, node, &fields[P_ISATAP], off + 12, 4, a + 12), TN_GENERATED | TN_HIDDEN);
	} else if (k == AK_EMBED) {
		/* a is the caller's copy: the bytes item keeps its own */
		if (tree_wants(t, &fields[P_EMBED_PREFIX]))
			tree_flag(t, tree_add_bytes(t, node, &fields[P_EMBED_PREFIX], off, 12,
			    tree_keep(t, a, 12), 12), TN_GENERATED);
		tree_flag(t, tree_add_addr(t, node, &fields[src ? P_SRC_EMBED : P_DST_EMBED], off + 12, 4, a + 12), TN_GENERATED);
		tree_flag(t, tree_add_addr(t, node, &fields[P_EMBED], off + 12, 4, a + 12), TN_GENERATED);
	} else if (k == AK_SLAAC) {
		uint8_t mac[6] = { (uint8_t)(a[8] ^ 0x02), a[9], a[10], a[13], a[14], a[15] };
		tree_flag(t, tree_add_addr(t, node, &fields[src ? P_SRC_SLAAC : P_DST_SLAAC], off + 8, 8, mac), TN_GENERATED);
		tree_flag(t, tree_add_addr(t, node, &fields[P_SLAAC], off + 8, 8, mac), TN_GENERATED | TN_HIDDEN);
	}
}

/* Detail fields of both addresses, kind by kind. */
static void addr_details(struct dctx *d, uint32_t node, uint32_t start, const uint8_t *src,
    const uint8_t *dst)
{
	enum addr_kind ks = addr_kind(src), kd = addr_kind(dst);

	for (int k = AK_6TO4; k < AK_COUNT; k++) {
		if (ks == (enum addr_kind)k)
			addr_detail(d, node, start + 8, src, 1, ks);
		if (kd == (enum addr_kind)k)
			addr_detail(d, node, start + 24, dst, 0, kd);
	}
}

static void addr_fields(struct dctx *d, uint32_t node, int which, int host, uint32_t off,
    const uint8_t *a)
{
	struct dtree *t = d->tree;

	tree_add_addr(t, node, &fields[which], off, 16, a);
	tree_flag(t, tree_add_addr(t, node, &fields[P_ADDR], off, 16, a), TN_HIDDEN);
	if (tree_wants(t, &fields[host]) || tree_wants(t, &fields[P_HOST])) {
		char s[64];
		fv_ipv6(a, s, sizeof(s));
		uint32_t n = (uint32_t)strlen(s);
		const uint8_t *k = tree_keep(t, s, n);
		tree_flag(t, tree_add_bytes(t, node, &fields[host], off, 16, k, n), TN_HIDDEN);
		tree_flag(t, tree_add_bytes(t, node, &fields[P_HOST], off, 16, k, n), TN_HIDDEN);
	}
}

struct chain {
	uint32_t plen_node;	/* Payload Length node, for the "(Jumbogram)" label */
	int jumbo_seen;
	uint32_t jumbo;
	uint32_t frag_off;	/* offset in bytes of a fragment */
	int frag, frag_more;
	uint32_t frag_ident;
};

/* Options of a hop-by-hop or destination options header; `o` covers the options. */
static void options(struct dctx *d, struct cur *o, uint32_t parent, struct chain *ch)
{
	struct dtree *t = d->tree;

	for (int guard = 0; cur_left(o) && guard < 2048; guard++) {
		uint32_t at = cur_off(o), n, tn;
		uint8_t type = cur_u8(o), len = 0;
		const char *name = val_to_str(type, opt_vals);

		if (type == 0) {
			n = tree_add(t, parent, &fields[P_OPT], at, 1);
			tree_label(t, n, "Pad1");
			tn = tree_add_uint(t, n, &fields[P_OPT_TYPE], at, 1, type);
			tree_add_uint(t, tn, &fields[P_OPT_ACTION], at, 1, type);
			tree_add_uint(t, tn, &fields[P_OPT_CHANGE], at, 1, type);
			tree_add_uint(t, tn, &fields[P_OPT_REST], at, 1, type);
			tree_add(t, n, &fields[P_OPT_PAD1], at, 1);
			continue;
		}
		len = cur_u8(o);
		if (!cur_ok(o))
			break;
		n = tree_add(t, parent, &fields[P_OPT], at, 2u + len);
		if (name)
			tree_label(t, n, "%s", name);
		else
			tree_label(t, n, "Unknown IPv6 Option (%u)", type);
		tn = tree_add_uint(t, n, &fields[P_OPT_TYPE], at, 1, type);
		if (!name)
			tree_label(t, tn, "Type: Unknown (0x%02x)", type);
		tree_add_uint(t, tn, &fields[P_OPT_ACTION], at, 1, type);
		tree_add_uint(t, tn, &fields[P_OPT_CHANGE], at, 1, type);
		tree_add_uint(t, tn, &fields[P_OPT_REST], at, 1, type);
		tree_add_uint(t, n, &fields[P_OPT_LEN], at + 1, 1, len);
		struct cur data = cur_sub(o, len, NULL);
		uint32_t doff = cur_off(o);
		if (type == 0xc2 && len == 4 && cur_has(o, 4)) {
			ch->jumbo = cur_be32(&data);
			ch->jumbo_seen = 1;
			tree_add_uint(t, n, &fields[P_OPT_JUMBO], doff, 4, ch->jumbo);
		} else if (type == 0x05 && len == 2 && cur_has(o, 2)) {
			tree_add_uint(t, n, &fields[P_OPT_RA], doff, 2, cur_be16(&data));
		} else if (type == 0x04 && len == 1 && cur_has(o, 1)) {
			tree_add_uint(t, n, &fields[P_OPT_TEL], doff, 1, cur_u8(&data));
		} else if (type == 0x01) {
			uint32_t pn = tree_add_bytes(t, n, &fields[P_OPT_PADN], doff, len, data.p,
			    (uint32_t)cur_left(&data));
			if (!len)
				tree_label(t, pn, "PadN: <none>");
		} else {
			uint32_t u = tree_add_bytes(t, n, &fields[P_OPT_UNKNOWN], doff, len, data.p,
			    (uint32_t)cur_left(&data));
			if (!len)
				tree_label(t, u, "Unknown Option Payload: <MISSING>");
		}
		cur_skip(o, cur_left(o) < len ? cur_left(o) : len);
	}
}

static void addr_list(struct dctx *d, struct cur *r, uint32_t node, int f, int first)
{
	for (int i = first; cur_left(r) >= 16 && i < first + 128; i++) {
		uint32_t at = cur_off(r);
		const uint8_t *a = cur_ptr(r, 16);
		uint32_t n = tree_add_addr(d->tree, node, &fields[f], at, 16, a);
		if (tree_text(d->tree)) {
			char s[64];
			fv_ipv6(a, s, sizeof(s));
			tree_label(d->tree, n, "Address[%d]: %s", i, s);
		}
	}
}

/* The packet's final destination when a routing header still has segments to visit:
 * Wireshark shows it in the Destination column. */
static void final_dst(struct dctx *d, const struct cur *r, size_t off)
{
	struct cur a = cur_at(r, off);

	if (cur_has(&a, 16))
		cur_bytes(&a, d->pi->net_dst.a, 16);
}

static void routing(struct dctx *d, struct cur *r, uint32_t node, uint8_t type, uint8_t segleft)
{
	uint32_t at = cur_off(r);
	const uint8_t *res;

	switch (type) {
	case 0:
		if ((res = cur_ptr(r, 4)))
			tree_add_bytes(d->tree, node, &fields[R_SRC_RES], at, 4, res, 4);
		if (segleft && cur_left(r) >= 16)
			final_dst(d, r, cur_left(r) - 16 - cur_left(r) % 16);
		addr_list(d, r, node, R_SRC_ADDR, 1);
		break;
	case 2:
		if ((res = cur_ptr(r, 4)))
			tree_add_bytes(d->tree, node, &fields[R_MIP_RES], at, 4, res, 4);
		if (cur_has(r, 16)) {
			if (segleft)
				final_dst(d, r, 0);
			tree_add_addr(d->tree, node, &fields[R_MIP_HOME], at + 4, 16, cur_ptr(r, 16));
		}
		break;
	case 4:
		tree_add_uint(d->tree, node, &fields[R_SRH_LAST], at, 1, cur_u8(r));
		tree_add_uint(d->tree, node, &fields[R_SRH_FLAGS], at + 1, 1, cur_u8(r));
		if ((res = cur_ptr(r, 2)))
			tree_add_bytes(d->tree, node, &fields[R_SRH_TAG], at + 2, 2, res, 2);
		if (segleft && cur_left(r) >= 16)
			final_dst(d, r, 0);
		addr_list(d, r, node, R_SRH_ADDR, 0);
		break;
	default:
		tree_add_bytes(d->tree, node, &fields[R_UNKNOWN], at, (uint32_t)cur_left(r), r->p,
		    (uint32_t)cur_left(r));
		break;
	}
}

/* Walks the extension headers; returns the upper-layer protocol and leaves `c` at it,
 * or -1 when the packet stops inside the chain (already reported). */
static int ext_chain(struct dctx *d, struct cur *c, uint32_t node, uint8_t nxt, struct chain *ch)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;

	for (int depth = 0; depth < 32; depth++) {
		int p, nf, lf, of;
		const char *pname;
		uint32_t at = cur_off(c), len, hn;
		uint8_t next, hlen;

		switch (nxt) {
		case 0: p = H_PROTO; nf = H_NXT; lf = H_LEN; of = H_LEN_OCT; pname = "ipv6.hopopts"; break;
		case 60: p = D_PROTO; nf = D_NXT; lf = D_LEN; of = D_LEN_OCT; pname = "ipv6.dstopts"; break;
		case 43: p = R_PROTO; nf = R_NXT; lf = R_LEN; of = R_LEN_OCT; pname = "ipv6.routing"; break;
		case 44: p = F_PROTO; nf = F_NXT; lf = -1; of = -1; pname = "ipv6.fraghdr"; break;
		default: return nxt;
		}
		pi_push_proto(pi, pname);
		next = cur_u8(c);
		hlen = cur_u8(c);
		len = nxt == 44 ? 8 : (uint32_t)(hlen + 1) * 8;
		hn = tree_add(t, node, &fields[p], at, len);
		if (!cur_ok(c)) {
			dissect_exhausted(d, hn, fields[p].name);
			return -1;
		}
		tree_add_uint(t, hn, &fields[nf], at, 1, next);
		if (nxt == 44) {
			uint16_t offw = cur_be16(c);
			uint32_t ident = cur_be32(c);
			if (!cur_ok(c)) {
				dissect_exhausted(d, hn, fields[p].name);
				return -1;
			}
			tree_add_uint(t, hn, &fields[F_RES_OCTET], at + 1, 1, hlen);
			uint32_t on = tree_add_uint(t, hn, &fields[F_OFFSET], at + 2, 2, offw);
			if (tree_text(t)) {
				char bits[24];
				fv_bits(&fields[F_OFFSET], offw, bits, sizeof(bits));
				tree_label(t, on, "%s = Offset: %u (%u bytes)", bits, offw >> 3, (offw >> 3) * 8u);
			}
			tree_add_uint(t, hn, &fields[F_RES_BITS], at + 2, 2, offw);
			tree_add_uint(t, hn, &fields[F_MORE], at + 2, 2, offw);
			tree_add_uint(t, hn, &fields[F_IDENT], at + 4, 4, ident);
			ch->frag = 1;
			ch->frag_off = (offw >> 3) * 8u;
			ch->frag_more = offw & 1;
			ch->frag_ident = ident;
			if (ch->frag_off || ch->frag_more) {
				col_set(pi, "");
				col_append(pi, "IPv6 fragment (off=%u more=%s ident=0x%08x nxt=%u)",
				    ch->frag_off, ch->frag_more ? "y" : "n", ident, next);
				return -2 - next;
			}
			nxt = next;
			continue;
		}
		tree_add_uint(t, hn, &fields[lf], at + 1, 1, hlen);
		{
			uint32_t lo = tree_add_uint(t, hn, &fields[of], at + 1, 1, len);
			tree_flag(t, lo, TN_GENERATED);
			tree_label(t, lo, "Length: %u bytes", len);
		}
		int clipped;
		struct cur body = cur_sub(c, len - 2, &clipped);
		if (nxt == 43) {
			uint8_t type = cur_u8(&body), segleft = cur_u8(&body);
			const char *tn = val_to_str(type, rt_vals);
			tree_label(t, hn, "Routing Header for IPv6 (%s)", tn ? tn : "Unknown");
			tree_add_uint(t, hn, &fields[R_TYPE], at + 2, 1, type);
			tree_add_uint(t, hn, &fields[R_SEGLEFT], at + 3, 1, segleft);
			if (cur_ok(&body))
				routing(d, &body, hn, type, segleft);
		} else
			options(d, &body, hn, ch);
		if (clipped) {
			dissect_exhausted(d, hn, fields[p].name);
			return -1;
		}
		cur_skip(c, len - 2);
		nxt = next;
	}
	return nxt;
}

/* Traffic class (DSCP, ECN) and flow label: the first 32 bits. */
static void first_word(struct dtree *t, uint32_t node, uint32_t start, uint32_t w0)
{
	uint32_t n;

	n = tree_add_uint(t, node, &fields[P_TCLASS], start, 4, w0);
	if (tree_text(t)) {
		char bits[48];
		uint8_t tc = (uint8_t)(w0 >> 20);
		const char *ds = val_to_str(tc >> 2, ip_dscp_short);
		if (!ds)
			ds = "Unknown";	/* tshark's short form has no number */
		fv_bits(&fields[P_TCLASS], w0, bits, sizeof(bits));
		tree_label(t, n, "%s = Traffic Class: 0x%02x (DSCP: %s, ECN: %s)", bits, tc, ds,
		    val_to_str(tc & 3, ip_ecn_short));
	}
	tree_add_uint(t, n, &fields[P_DSCP], start, 4, w0);
	tree_add_uint(t, n, &fields[P_ECN], start, 4, w0);
	tree_add_uint(t, node, &fields[P_FLOW], start + 1, 3, w0 & 0xffffff);
}

/* Everything after the fixed header (c at it), clipped to Payload Length (or the
 * jumbo length, or the frame when both are absent). */
static void payload(struct dctx *d, struct cur *c, uint32_t parent, uint32_t node, size_t avail,
    uint16_t plen, uint8_t nxt, const struct chain *chp)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	struct chain ch = *chp;
	uint32_t start = cur_off(c) - 40;

	struct cur pay = *c;
	size_t framed = cur_left(c) + dissect_cut_after(d, c);

	if (plen > framed && !pi->in_error && dissect_expert_wanted(t, NULL)) {
		char msg[64];
		snprintf(msg, sizeof(msg), "IPv6 payload length exceeds framing length (%u bytes)",
		    (unsigned)framed);
		dissect_expert(d, ch.plen_node, NULL, SEV_WARN, "Protocol", msg);
	}
	if (plen || nxt != 0)
		pay = cur_sub(c, plen, NULL);	/* 0 without a hop-by-hop header: empty, as Wireshark */
	int proto = ext_chain(d, &pay, node, nxt, &ch);
	uint32_t used = 40 + (plen ? plen : 0);
	if (!plen && ch.jumbo_seen) {
		tree_label(t, ch.plen_node, "Payload Length: %u (Jumbogram)", plen);
		used = 40 + ch.jumbo;
		if (ch.jumbo < cur_left(c)) {
			struct cur rest = cur_sub(c, ch.jumbo, NULL);
			pay.end = rest.end;
		}
	} else if (!plen && nxt == 0 && tree_text(t)) {
		tree_add_text(t, ch.plen_node, start + 4, 2,
		    "[Expert Info (Error/Malformed): IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing]");
	}
	if (!d->payload_used_set) {	/* the outermost network layer (see ipv4.c) */
		d->payload_used = used <= avail && (plen || ch.jumbo_seen) ? used : (uint32_t)avail;
		d->payload_used_set = 1;
	}
	{	/* what of the upper layer's declared bytes the snapshot length cut */
		size_t ext = cur_off(&pay) - cur_off(c), declared = used - 40;
		size_t rep = cur_left(c) + dissect_cut_after(d, c);
		if ((plen || ch.jumbo_seen || nxt != 0) && declared < rep)
			rep = declared;
		rep = rep > ext ? rep - ext : 0;
		d->payload_cut = rep > cur_left(&pay) ? (uint32_t)(rep - cur_left(&pay)) : 0;
	}
	cur_skip(c, cur_left(c));
	if (proto == -1)
		return;
	if (proto <= -2) {
		struct ipfrag_key k = { 1, { 0 }, { 0 }, ch.frag_ident };
		struct cur whole;
		memcpy(k.src, pi->net_src.a, 16);
		memcpy(k.dst, pi->net_dst.a, 16);
		if (ipfrag_add(d, &k, ch.frag_off, ch.frag_more, &pay, node, &whole)) {
			d->payload_cut = 0;
			col_set(pi, "");	/* not "IPv6 fragment" any more */
			if (!dissect_ipproto(d, &whole, parent, (uint8_t)(-2 - proto)))
				dissect_data(d, &whole, parent);
			tree_set_source(t, 0);
			return;
		}
		dissect_data(d, &pay, parent);
		return;
	}
	if (proto == 59) {
		col_append(pi, "IPv6 no next header");
		dissect_data(d, &pay, parent);
		return;
	}
	if (!dissect_ipproto(d, &pay, parent, (uint8_t)proto))
		dissect_data(d, &pay, parent);
}

void dissect_ipv6(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node, n;
	size_t avail = cur_left(c);
	uint32_t w0;
	uint16_t plen;
	uint8_t nxt, hlim, src[16], dst[16];
	struct chain ch = { 0 };

	node = dissect_layer(d, parent, "ipv6", "IPv6", &fields[P_PROTO], start, 40);
	w0 = cur_be32(c);
	plen = cur_be16(c);
	nxt = cur_u8(c);
	hlim = cur_u8(c);
	cur_bytes(c, src, 16);
	cur_bytes(c, dst, 16);
	/* A short header still shows the fields it has, as Wireshark does. */
	if (avail >= 1) {
		n = tree_add_uint(t, node, &fields[P_VERSION], start, 1, (uint8_t)(avail >= 4 ? w0 >> 24 : c->base[start]));
		uint8_t b0 = (uint8_t)(avail >= 4 ? w0 >> 24 : c->base[start]);
		uint32_t alias = tree_add_uint(t, node, ip_version_field, start, 1, b0);
		tree_flag(t, alias, TN_HIDDEN);
		if (alias && tree_text(t)) {	/* hidden, but tshark's PDML shows its label */
			char bits[16];
			fv_bits(ip_version_field, b0, bits, sizeof(bits));
			tree_label(t, alias, "%s = Version: %u [This field makes the filter match on "
			    "\"ip.version == 6\" possible]", bits, (unsigned)(b0 >> 4));
		}
		if (((avail >= 4 ? w0 >> 24 : c->base[start]) >> 4) != 6) {
			col_append(pi, "Bogus IP version");
			dissect_malformed(d, n ? n : node, "IPv6", "bogus IP version");
			return;
		}
	}
	if (avail >= 4)
		first_word(t, node, start, w0);
	if (avail >= 6)
		ch.plen_node = tree_add_uint(t, node, &fields[P_PLEN], start + 4, 2, plen);
	if (avail >= 7)
		tree_add_uint(t, node, &fields[P_NXT], start + 6, 1, nxt);
	if (avail >= 8)
		tree_add_uint(t, node, &fields[P_HLIM], start + 7, 1, hlim);
	if (avail >= 24)
		addr_fields(d, node, P_SRC, P_SRC_HOST, start + 8, src);
	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "IPv6");
		return;
	}
	addr_fields(d, node, P_DST, P_DST_HOST, start + 24, dst);
	pi->ip_ttl = hlim;
	pi->net_src.type = pi->net_dst.type = AT_IPv6;
	memcpy(pi->net_src.a, src, 16);
	memcpy(pi->net_dst.a, dst, 16);
	if (tree_text(t)) {
		char a[64], b[64];
		fv_ipv6(src, a, sizeof(a));
		fv_ipv6(dst, b, sizeof(b));
		tree_label(t, node, "Internet Protocol Version 6, Src: %s, Dst: %s", a, b);
	}
	addr_details(d, node, start, src, dst);

	payload(d, c, parent, node, avail, plen, nxt, &ch);
}
