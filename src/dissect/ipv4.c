/* ipv4.c — Internet Protocol version 4 (RFC 791).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version|  IHL  |    DSCP   |ECN|          Total Length         |
 *   |         Identification        |Flags|      Fragment Offset    |
 *   |  Time to Live |    Protocol   |         Header Checksum       |
 *   |                       Source Address                          |
 *   |                    Destination Address                        |
 *   |                    Options (IHL > 5)                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The payload is clipped to Total Length (0 with TSO/BIG TCP: then the frame decides).
 * Fragments are reassembled (ipfrag.c): the one that completes a datagram dissects
 * it; the others show as "Fragmented IP protocol" with their bytes as data.
 */
#include "config.h"

#include <stdio.h>

#include "dissect/fvalue.h"
#include "dissect/protos.h"

enum {
	I_PROTO, I_VERSION, I_HDR_LEN, I_DSFIELD, I_DSCP, I_ECN, I_LEN, I_ID, I_FLAGS,
	I_FLAGS_RB, I_FLAGS_DF, I_FLAGS_MF, I_FRAG, I_TTL, I_PROTO_F, I_CHECKSUM,
	I_CHECKSUM_STATUS, I_SRC, I_ADDR, I_SRC_HOST, I_HOST, I_DST, I_DST_HOST,
	I_OPTIONS, I_OPT_TYPE, I_OPT_LEN, I_TTL_LNCB, I_TTL_SMALL, I_OPT_COPY, I_OPT_CLASS, I_OPT_NUMBER,
	I_OPT_RA,
};

/* IP protocol numbers (IANA), named as Wireshark names them. */
const struct val_str ipproto_vals[] = {
	{ 0, "IPv6 Hop-by-Hop Option" }, { 1, "ICMP" }, { 2, "IGMP" }, { 3, "GGP" },
	{ 4, "IPIP" }, { 5, "Stream" }, { 6, "TCP" }, { 7, "CBT" }, { 8, "EGP" },
	{ 9, "IGRP" }, { 10, "BBN RCC" }, { 11, "Network Voice" }, { 12, "PUP" },
	{ 13, "ARGUS" }, { 14, "EMCON" }, { 15, "XNET" }, { 16, "CHAOS" }, { 17, "UDP" },
	{ 18, "Multiplex" }, { 19, "DCN Measurement" }, { 20, "Host Monitoring" },
	{ 21, "Packet radio" }, { 22, "IDP" }, { 23, "Trunk-1" }, { 24, "Trunk-2" },
	{ 25, "Leaf-1" }, { 26, "Leaf-2" }, { 27, "Reliable Data" }, { 28, "IRT" },
	{ 29, "ISO TP4" }, { 30, "Bulk Data" }, { 31, "MFE NSP" }, { 32, "Merit Internodal" },
	{ 33, "Datagram Congestion Control Protocol" }, { 34, "3rd Party Connect" },
	{ 35, "Inter-Domain Policy Routing Protocol" }, { 36, "XTP" },
	{ 37, "Datagram delivery" }, { 38, "Control Message" }, { 39, "TP++" }, { 40, "IL" },
	{ 41, "IPv6" }, { 42, "Source demand routing" }, { 43, "Routing Header for IPv6" },
	{ 44, "Fragment Header for IPv6" }, { 45, "Inter-Domain Routing Protocol" },
	{ 46, "Reservation Protocol" }, { 47, "Generic Routing Encapsulation" },
	{ 48, "Dynamic source routing" }, { 49, "BNA" }, { 50, "Encap Security Payload" },
	{ 51, "Authentication Header" }, { 52, "INSLP" }, { 53, "SWIPE" }, { 54, "NBMA ARP" },
	{ 55, "IP Mobility" }, { 56, "TLSP Kryptonet" }, { 57, "SKIP" }, { 58, "ICMPv6" },
	{ 59, "No Next Header for IPv6" }, { 60, "Destination Options for IPv6" },
	{ 61, "any host internal protocol" }, { 62, "Mobile IPv6 (old)" },
	{ 63, "any local network" }, { 64, "SATNET EXPAK" }, { 65, "Kryptolan" },
	{ 66, "Remote Virtual Disk" }, { 67, "IPPC" }, { 68, "any distributed file system" },
	{ 69, "SATNET Monitoring" }, { 70, "VISA" }, { 71, "IPCV" }, { 72, "CPNX" },
	{ 73, "CPHB" }, { 74, "Wang Span" }, { 75, "Packet Video" },
	{ 76, "Backroom SATNET Mon" }, { 77, "Sun ND Protocol" }, { 78, "Wideband Mon" },
	{ 79, "Wideband Expak" }, { 80, "ISO Internet Protocol" }, { 81, "VMTP" },
	{ 82, "Secure VMTP" }, { 83, "VINES" }, { 84, "TTP" }, { 85, "NSFNET IGP" },
	{ 86, "Dissimilar Gateway" }, { 87, "TCF" }, { 88, "EIGRP" }, { 89, "OSPF IGP" },
	{ 90, "Sprite RPC" }, { 91, "Locus ARP" }, { 92, "Multicast Transport" },
	{ 93, "AX.25 Frames" }, { 94, "IP in IP" }, { 95, "MICP" }, { 96, "Semaphore" },
	{ 97, "Ether in IP" }, { 98, "ENCAP" }, { 99, "any private encryption scheme" },
	{ 100, "GMTP" }, { 101, "Ipsilon Flow" }, { 102, "PNNI over IP" }, { 103, "PIM" },
	{ 104, "ARIS" }, { 105, "SCPS" }, { 106, "QNX" }, { 107, "Active Networks" },
	{ 108, "IPComp" }, { 109, "Sitara Networks" }, { 110, "Compaq Peer" },
	{ 111, "IPX IN IP" }, { 112, "VRRP" }, { 113, "PGM" }, { 114, "any 0-hop protocol" },
	{ 115, "Layer 2 Tunneling" }, { 116, "DDX" }, { 117, "IATP" }, { 118, "STP" },
	{ 119, "SpectraLink" }, { 120, "UTI" }, { 121, "SMP" }, { 122, "SM" }, { 123, "PTP" },
	{ 124, "ISIS over IP" }, { 125, "FIRE" }, { 126, "CRTP" }, { 127, "CRUDP" },
	{ 128, "SSCOPMCE" }, { 129, "IPLT" }, { 130, "Secure Packet" }, { 131, "PIPE" },
	{ 132, "SCTP" }, { 133, "Fibre Channel" }, { 134, "RSVP E2EI" },
	{ 135, "Mobile IPv6" }, { 136, "UDPLite" }, { 137, "MPLS in IP" }, { 138, "MANET" },
	{ 139, "HIP" }, { 140, "Shim6 header" }, { 141, "WESP" }, { 142, "ROHC" },
	{ 143, "Ethernet" }, { 144, "Unassigned" }, { 145, "Unassigned" },
	{ 146, "Unassigned" }, { 147, "Unassigned" }, { 148, "Unassigned" },
	{ 149, "Unassigned" }, { 150, "Unassigned" }, { 151, "Unassigned" },
	{ 152, "Unassigned" }, { 153, "Unassigned" }, { 154, "Unassigned" },
	{ 155, "Unassigned" }, { 156, "Unassigned" }, { 157, "Unassigned" },
	{ 158, "Unassigned" }, { 159, "Unassigned" }, { 160, "Unassigned" },
	{ 161, "Unassigned" }, { 162, "Unassigned" }, { 163, "Unassigned" },
	{ 164, "Unassigned" }, { 165, "Unassigned" }, { 166, "Unassigned" },
	{ 167, "Unassigned" }, { 168, "Unassigned" }, { 169, "Unassigned" },
	{ 170, "Unassigned" }, { 171, "Unassigned" }, { 172, "Unassigned" },
	{ 173, "AX/4000 Testframe" }, { 174, "Unassigned" }, { 175, "Unassigned" },
	{ 176, "Unassigned" }, { 177, "Unassigned" }, { 178, "Unassigned" },
	{ 179, "Unassigned" }, { 180, "Unassigned" }, { 181, "Unassigned" },
	{ 182, "Unassigned" }, { 183, "Unassigned" }, { 184, "Unassigned" },
	{ 185, "Unassigned" }, { 186, "Unassigned" }, { 187, "Unassigned" },
	{ 188, "Unassigned" }, { 189, "Unassigned" }, { 190, "Unassigned" },
	{ 191, "Unassigned" }, { 192, "Unassigned" }, { 193, "Unassigned" },
	{ 194, "Unassigned" }, { 195, "Unassigned" }, { 196, "Unassigned" },
	{ 197, "Unassigned" }, { 198, "Unassigned" }, { 199, "Unassigned" },
	{ 200, "Unassigned" }, { 201, "Unassigned" }, { 202, "Unassigned" },
	{ 203, "Unassigned" }, { 204, "Unassigned" }, { 205, "Unassigned" },
	{ 206, "Unassigned" }, { 207, "Unassigned" }, { 208, "Unassigned" },
	{ 209, "Unassigned" }, { 210, "Unassigned" }, { 211, "Unassigned" },
	{ 212, "Unassigned" }, { 213, "Unassigned" }, { 214, "Unassigned" },
	{ 215, "Unassigned" }, { 216, "Unassigned" }, { 217, "Unassigned" },
	{ 218, "Unassigned" }, { 219, "Unassigned" }, { 220, "Unassigned" },
	{ 221, "Unassigned" }, { 222, "Unassigned" }, { 223, "Unassigned" },
	{ 224, "Novell NCS Heartbeat" }, { 0, NULL }
};

/* DSCP and ECN names, shared with IPv6's traffic class (protos.h) */
const struct val_str ip_dscp_vals[] = {
	{ 0, "Default" }, { 8, "Class Selector 1" }, { 10, "Assured Forwarding 11" },
	{ 12, "Assured Forwarding 12" }, { 14, "Assured Forwarding 13" }, { 16, "Class Selector 2" },
	{ 18, "Assured Forwarding 21" }, { 20, "Assured Forwarding 22" }, { 22, "Assured Forwarding 23" },
	{ 24, "Class Selector 3" }, { 26, "Assured Forwarding 31" }, { 28, "Assured Forwarding 32" },
	{ 30, "Assured Forwarding 33" }, { 32, "Class Selector 4" }, { 34, "Assured Forwarding 41" },
	{ 36, "Assured Forwarding 42" }, { 38, "Assured Forwarding 43" }, { 40, "Class Selector 5" },
	{ 44, "Voice Admit" }, { 46, "Expedited Forwarding" }, { 48, "Class Selector 6" },
	{ 56, "Class Selector 7" }, { 1, "Lower Effort" }, { 0, NULL }
};
const struct val_str ip_dscp_short[] = {
	{ 0, "CS0" }, { 8, "CS1" }, { 10, "AF11" }, { 12, "AF12" }, { 14, "AF13" }, { 16, "CS2" },
	{ 18, "AF21" }, { 20, "AF22" }, { 22, "AF23" }, { 24, "CS3" }, { 26, "AF31" }, { 28, "AF32" },
	{ 30, "AF33" }, { 32, "CS4" }, { 34, "AF41" }, { 36, "AF42" }, { 38, "AF43" }, { 40, "CS5" },
	{ 44, "VOICE-ADMIT" }, { 46, "EF PHB" }, { 48, "CS6" }, { 56, "CS7" }, { 1, "LE" }, { 0, NULL }
};
const struct val_str ip_ecn_vals[] = {
	{ 0, "Not ECN-Capable Transport" }, { 1, "ECN-Capable Transport codepoint '01'" },
	{ 2, "ECN-Capable Transport codepoint '10'" }, { 3, "Congestion Experienced" }, { 0, NULL }
};
const struct val_str ip_ecn_short[] = {
	{ 0, "Not-ECT" }, { 1, "ECT(1)" }, { 2, "ECT(0)" }, { 3, "CE" }, { 0, NULL }
};
static const struct val_str ipopt_vals[] = {
	{ 0, "End of Options List (EOL)" }, { 1, "No-Operation (NOP)" }, { 7, "Record Route" },
	{ 68, "Time Stamp" }, { 130, "Security" }, { 131, "Loose Source Route" },
	{ 134, "Commercial Security" }, { 137, "Strict Source Route" }, { 148, "Router Alert" },
	{ 0, NULL }
};
static const struct val_str opt_copy_vals[] = { { 0, "No" }, { 1, "Yes" }, { 0, NULL } };
static const struct val_str opt_class_vals[] = {
	{ 0, "Control" }, { 1, "Reserved for future use" }, { 2, "Debugging and measurement" },
	{ 3, "Reserved for future use" }, { 0, NULL }
};
static const struct val_str opt_number_vals[] = {
	{ 0, "End of Option List (EOL)" }, { 1, "No-Operation (NOP)" }, { 2, "Security" },
	{ 3, "Loose source route" }, { 4, "Time stamp" }, { 5, "Extended security" },
	{ 6, "Commercial IP security option" }, { 7, "Record route" }, { 8, "Stream identifier" },
	{ 9, "Strict source route" }, { 10, "Experimental Measurement" }, { 11, "MTU probe" },
	{ 12, "MTU Reply" }, { 13, "Experimental Flow Control" }, { 14, "Experimental Access Control" },
	{ 15, "Ask Estrin" }, { 16, "IMI Traffic Descriptor" }, { 17, "Extended Internet Protocol" },
	{ 18, "Traceroute" }, { 19, "Address Extension" }, { 20, "Router Alert" },
	{ 21, "Selective Directed Broadcast" }, { 22, "Unassigned" }, { 23, "Dynamic Packet State" },
	{ 24, "Upstream Multicast Packet" }, { 25, "Quick-Start" }, { 30, "RFC 3692-style experiment" },
	{ 0, NULL }
};
static const struct val_str opt_ra_vals[] = { { 0, "Router shall examine packet" }, { 0, NULL } };

static const struct field_def fields[] = {
	[I_PROTO] = { "ip", "Internet Protocol Version 4", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Network layer: carries the packet from source to destination address, hop by hop.", 0 },
	[I_VERSION] = { "ip.version", "Version", FT_UINT8, BASE_DEC, 0xf0, 8, NULL,
		"4 bits: the IP version, 4 here.", REG_F_DOC_NOMASK },
	/* Wireshark's field is the 4-bit word count (mask 0x0f) but its value is in bytes;
	 * the value is stored in bytes here and the label formats the bits itself. */
	[I_HDR_LEN] = { "ip.hdr_len", "Header Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"4 bits: header length in 32-bit words (5 = 20 bytes, more with options).", 0 },
	[I_DSFIELD] = { "ip.dsfield", "Differentiated Services Field", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: priority class (DSCP) and congestion notification (ECN).", 0 },
	[I_DSCP] = { "ip.dsfield.dscp", "Differentiated Services Codepoint", FT_UINT8, BASE_DEC, 0xfc, 8, ip_dscp_vals,
		"6 bits: traffic class for quality of service; 0 is best effort.", 0 },
	[I_ECN] = { "ip.dsfield.ecn", "Explicit Congestion Notification", FT_UINT8, BASE_DEC, 0x03, 8, ip_ecn_vals,
		"2 bits: lets routers signal congestion without dropping packets.", 0 },
	[I_LEN] = { "ip.len", "Total Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: bytes of header plus payload; anything after it in the frame is padding.", 0 },
	[I_ID] = { "ip.id", "Identification", FT_UINT16, BASE_HEX_DEC, 0, 0, NULL,
		"16 bits: numbers the datagram so fragments can be put back together.", 0 },
	[I_FLAGS] = { "ip.flags", "Flags", FT_UINT8, BASE_HEX, 0xe0, 8, NULL,
		"3 bits: reserved, Don't Fragment, More Fragments.", 0 },
	[I_FLAGS_RB] = { "ip.flags.rb", "Reserved bit", FT_BOOLEAN, BASE_NONE, 0x80, 8, NULL,
		"Must be zero.", 0 },
	[I_FLAGS_DF] = { "ip.flags.df", "Don't fragment", FT_BOOLEAN, BASE_NONE, 0x40, 8, NULL,
		"Routers must not split this datagram; TCP sets it for path MTU discovery.", 0 },
	[I_FLAGS_MF] = { "ip.flags.mf", "More fragments", FT_BOOLEAN, BASE_NONE, 0x20, 8, NULL,
		"More fragments of this datagram follow.", 0 },
	[I_FRAG] = { "ip.frag_offset", "Fragment Offset", FT_UINT16, BASE_DEC, 0x1fff, 16, NULL,
		"13 bits: where this fragment's data goes in the original datagram, in 8-byte units.", 0 },
	[I_TTL] = { "ip.ttl", "Time to Live", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: hop limit, decremented by each router; 64 is Linux's default.", 0 },
	[I_PROTO_F] = { "ip.proto", "Protocol", FT_UINT8, BASE_DEC, 0, 0, ipproto_vals,
		"8 bits: what the payload is (6 TCP, 17 UDP, 1 ICMP).", 0 },
	[I_CHECKSUM] = { "ip.checksum", "Header Checksum", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: ones' complement sum of the header; on lo often left to offload.", 0 },
	[I_CHECKSUM_STATUS] = { "ip.checksum.status", "Header checksum status", FT_UINT8, BASE_NONE, 0, 0, checksum_status_vals,
		"Whether the checksum was verified (it is not, as in Wireshark's default).", 0 },
	[I_SRC] = { "ip.src", "Source Address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"32 bits: the sender's address.", 0 },
	[I_ADDR] = { "ip.addr", "Source or Destination Address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"Either address: ip.addr == X matches both directions.", 0 },
	[I_SRC_HOST] = { "ip.src_host", "Source Host", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Source address as a host name (no resolution: the address).", 0 },
	[I_HOST] = { "ip.host", "Source or Destination Host", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Either host.", 0 },
	[I_DST] = { "ip.dst", "Destination Address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"32 bits: the receiver's address.", 0 },
	[I_DST_HOST] = { "ip.dst_host", "Destination Host", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Destination address as a host name (no resolution: the address).", 0 },
	[I_OPTIONS] = { "ip.options", "Options", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Optional header fields after the 20 fixed bytes (rare).", 0 },
	[I_OPT_TYPE] = { "ip.opt.type", "Type", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Option type: copy flag, class and number.", 0 },
	[I_OPT_COPY] = { "ip.opt.type.copy", "Copy on fragmentation", FT_BOOLEAN, BASE_NONE, 0x80, 8,
		opt_copy_vals, "1 bit: every fragment carries the option.", 0 },
	[I_OPT_CLASS] = { "ip.opt.type.class", "Class", FT_UINT8, BASE_DEC, 0x60, 8, opt_class_vals,
		"2 bits: 0 control, 2 debugging and measurement.", 0 },
	[I_OPT_NUMBER] = { "ip.opt.type.number", "Number", FT_UINT8, BASE_DEC, 0x1f, 8, opt_number_vals,
		"5 bits: which option.", 0 },
	[I_OPT_RA] = { "ip.opt.ra", "Router Alert", FT_UINT16, BASE_DEC, 0, 0, opt_ra_vals,
		"RFC 2113: routers look inside (IGMP, RSVP); 0 for any router.", 0 },
	[I_OPT_LEN] = { "ip.opt.len", "Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Option length in bytes, type and length included.", 0 },
	[I_TTL_LNCB] = { "ip.ttl.lncb", "Time To Live", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Expert note: a packet to 224.0.0.0/24 (never routed) should have TTL 1.", 0 },
	[I_TTL_SMALL] = { "ip.ttl.too_small", "Time To Live", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Expert note: a unicast TTL below 5, as a traceroute probe sends.", 0 },
};
static const struct field_table ipv4_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff ipv4_handoffs[] = {
	{ HO_ETHERTYPE, 0x0800, .fn = dissect_ipv4 },
	{ HO_IPPROTO, 4, .fn = dissect_ipv4 },
};
const struct proto_reg ipv4_proto = REG_PROTO(ipv4_table, ipv4_handoffs);
const struct field_def *const ip_version_field = &fields[I_VERSION];

static void addr_fields(struct dctx *d, uint32_t node, int which, int host, uint32_t off,
    const uint8_t *a)
{
	struct dtree *t = d->tree;

	tree_add_addr(t, node, &fields[which], off, 4, a);
	tree_flag(t, tree_add_addr(t, node, &fields[I_ADDR], off, 4, a), TN_HIDDEN);
	if (tree_wants(t, &fields[host]) || tree_wants(t, &fields[I_HOST])) {
		char s[16];
		uint32_t n = (uint32_t)(fv_ipv4(a, s, sizeof(s)), strlen(s));
		const uint8_t *k = tree_keep(t, s, n);
		tree_flag(t, tree_add_bytes(t, node, &fields[host], off, 4, k, n), TN_HIDDEN);
		tree_flag(t, tree_add_bytes(t, node, &fields[I_HOST], off, 4, k, n), TN_HIDDEN);
	}
}

static void options(struct dctx *d, struct cur *c, uint32_t node, uint32_t optlen)
{
	uint32_t off = cur_off(c), on;
	struct cur o = cur_sub(c, optlen, NULL);

	on = tree_add_bytes(d->tree, node, &fields[I_OPTIONS], off, optlen, o.p, (uint32_t)cur_left(&o));
	tree_label(d->tree, on, "Options: (%u bytes)", optlen);
	while (cur_left(&o)) {
		const struct cur os = o;
		uint32_t at = cur_off(&o);
		uint8_t type = cur_u8(&o), len = 1;
		const char *name = val_to_str(type, ipopt_vals);
		uint32_t n;

		if (type > 1) {
			len = cur_u8(&o);
			if (len < 2 || !cur_ok(&o)) {
				tree_add_text(d->tree, on, at, 2, "IP option of type %u has a bogus length %u", type, len);
				break;
			}
			cur_skip(&o, (size_t)len - 2);
		}
		n = tree_add_text(d->tree, on, at, len, "IP Option - %s%s", name ? name : "Unknown",
		    type > 1 ? "" : "");
		if (tree_text(d->tree) && type > 1) {
			tree_label_append(d->tree, n, " (%u bytes)", len);
			if (name)
				tree_label_append(d->tree, on, ", %s", name);
		}
		uint32_t tn = tree_add_uint(d->tree, n, &fields[I_OPT_TYPE], at, 1, type);
		tree_add_uint(d->tree, tn, &fields[I_OPT_COPY], at, 1, type);
		tree_add_uint(d->tree, tn, &fields[I_OPT_CLASS], at, 1, type);
		tree_add_uint(d->tree, tn, &fields[I_OPT_NUMBER], at, 1, type);
		if (type > 1)
			tree_add_uint(d->tree, n, &fields[I_OPT_LEN], at + 1, 1, len);
		if (type == 148 && len == 4) {
			uint16_t ra = cur_peek_be16(&os, 2);
			const char *rn = val_to_str(ra, opt_ra_vals);
			if (tree_text(d->tree))
				tree_label_append(d->tree, n, ": %s (%u)", rn ? rn : "Unknown", ra);
			tree_add_uint(d->tree, n, &fields[I_OPT_RA], at + 2, 2, ra);
		}
		if (type == 0)
			break;
	}
	cur_skip(c, optlen);
}

/* A header cut by the snapshot length: the fields that were captured, then the mark. */
static void short_header(struct dctx *d, uint32_t node, uint32_t start, const uint8_t *h,
    size_t avail)
{
	static const struct { int f; uint8_t off, len; } parts[] = {
		{ I_DSFIELD, 1, 1 }, { I_LEN, 2, 2 }, { I_ID, 4, 2 }, { I_FLAGS, 6, 1 },
		{ I_FRAG, 6, 2 }, { I_TTL, 8, 1 }, { I_PROTO_F, 9, 1 }, { I_CHECKSUM, 10, 2 },
	};
	struct dtree *t = d->tree;
	const struct cur hc = cur_make(h, avail);

	if (avail >= 1) {
		tree_add_uint(t, node, &fields[I_VERSION], start, 1, h[0]);
		tree_add_uint(t, node, &fields[I_HDR_LEN], start, 1, (h[0] & 15u) * 4);
		if ((h[0] >> 4) != 4 || (h[0] & 15u) < 5) {
			/* as for a whole header: Wireshark stops at a bogus version or length */
			dissect_bogus(d, node, (h[0] >> 4) != 4 ? "Bogus IPv4 version" :
			    "Bogus IP header length");
			return;
		}
	}
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (avail < (size_t)parts[i].off + parts[i].len)
			break;
		uint32_t v = parts[i].len == 1 ? cur_peek(&hc, parts[i].off) : cur_peek_be16(&hc, parts[i].off);
		tree_add_uint(t, node, &fields[parts[i].f], start + parts[i].off, parts[i].len, v);
		if (parts[i].f == I_LEN && v && v < (h[0] & 15u) * 4) {
			col_set(d->pi, "");
			col_append(d->pi, "Bogus IP length (%u, less than header length %u)", v, (h[0] & 15u) * 4);
			dissect_bogus(d, node, "Bogus IP length");
			return;
		}
	}
	if (avail >= 16)
		addr_fields(d, node, I_SRC, I_SRC_HOST, start + 12, h + 12);
	dissect_exhausted(d, node, "IPv4");
}

static uint32_t hdr_len_field(struct dtree *t, uint32_t node, uint32_t start, uint8_t vhl)
{
	uint32_t n, hlen = (uint32_t)(vhl & 15) * 4;

	n = tree_add_uint(t, node, &fields[I_HDR_LEN], start, 1, hlen);
	if (tree_text(t)) {
		struct field_def m = fields[I_HDR_LEN];
		char bits[16];
		m.mask = 0x0f;
		m.bits = 8;
		fv_bits(&m, vhl, bits, sizeof(bits));
		tree_label(t, n, "%s = Header Length: %u bytes (%u)", bits, hlen, vhl & 15);
	}
	return n;
}

static uint32_t total_len_field(struct dctx *d, uint32_t node, uint32_t start, uint16_t len,
    size_t avail)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t n;

	if (len == 0) {
		/* TSO / BIG TCP: Wireshark presumes the frame's remaining length. */
		uint32_t rep = (uint32_t)avail + (pi->len > pi->caplen ? pi->len - pi->caplen : 0);
		n = tree_add_uint(t, node, &fields[I_LEN], start + 2, 2, rep);
		tree_label(t, n, "Total Length: %u bytes (reported as 0, presumed to be because of \"TCP segmentation offload\" (TSO))", rep);
	} else
		n = tree_add_uint(t, node, &fields[I_LEN], start + 2, 2, len);
	return n;
}

static void ds_field(struct dtree *t, uint32_t node, uint32_t start, uint8_t tos)
{
	uint32_t n;

	n = tree_add_uint(t, node, &fields[I_DSFIELD], start + 1, 1, tos);
	if (tree_text(t)) {
		const char *ds = val_to_str(tos >> 2, ip_dscp_short);
		if (!ds)
			ds = "Unknown";	/* tshark's short form has no number */
		tree_label(t, n, "Differentiated Services Field: 0x%02x (DSCP: %s, ECN: %s)", tos,
		    ds, val_to_str(tos & 3, ip_ecn_short));
	}
	tree_add_uint(t, n, &fields[I_DSCP], start + 1, 1, tos);
	tree_add_uint(t, n, &fields[I_ECN], start + 1, 1, tos);
}

/* Flags and fragment offset (both in the 16 bits at start + 6). */
static void frag_fields(struct dtree *t, uint32_t node, uint32_t start, uint16_t frag)
{
	uint8_t fl = (uint8_t)(frag >> 8);
	uint32_t fn = tree_add_uint(t, node, &fields[I_FLAGS], start + 6, 1, fl);
	if (tree_text(t)) {
		char bits[16];
		fv_bits(&fields[I_FLAGS], fl, bits, sizeof(bits));
		tree_label(t, fn, "%s = Flags: 0x%x%s%s", bits, fl >> 5,
		    (fl & 0x40) ? ", Don't fragment" : "", (fl & 0x20) ? ", More fragments" : "");
	}
	tree_add_uint(t, fn, &fields[I_FLAGS_RB], start + 6, 1, fl);
	tree_add_uint(t, fn, &fields[I_FLAGS_DF], start + 6, 1, fl);
	tree_add_uint(t, fn, &fields[I_FLAGS_MF], start + 6, 1, fl);
	fn = tree_add_uint(t, node, &fields[I_FRAG], start + 6, 2, frag);
	if (tree_text(t)) {
		char bits[24];
		fv_bits(&fields[I_FRAG], frag, bits, sizeof(bits));
		tree_label(t, fn, "%s = Fragment Offset: %u", bits, (frag & 0x1fff) * 8);
	}
}

/* The datagram's payload to the protocol it names, else data. */
static void upper(struct dctx *d, struct cur *pl, uint32_t parent, uint8_t proto)
{
	if (!dissect_ipproto(d, pl, parent, proto)) {
		const char *pn = val_to_str(proto, ipproto_vals);
		if (pn)
			col_set_proto(d->pi, pn);
		dissect_data(d, pl, parent);
	}
}

/* The payload after the header and options, clipped to Total Length; a zero length
 * (TSO, BIG TCP) means "the rest"; fragments go to data. */
static void payload(struct dctx *d, struct cur *c, uint32_t parent, uint32_t node, uint16_t len,
    uint32_t hlen, size_t avail, uint16_t frag, uint8_t proto, uint16_t id)
{
	struct pinfo *pi = d->pi;
	uint32_t plen = len >= hlen ? (uint32_t)len - hlen : 0;
	if (len == 0)
		plen = (uint32_t)cur_left(c);
	else if (len < hlen) {
		col_set(pi, "");
		col_append(pi, "Bogus IPv4 total length (%u, less than header length %u)", len, hlen);
		dissect_bogus(d, node, "Bogus IP length");
		return;
	}
	if (!d->payload_used_set) {	/* the outermost network layer: a tunnelled one
					 * inside leaves the link layer's trailer alone */
		d->payload_used = len && len <= avail ? len : (uint32_t)avail;
		d->payload_used_set = 1;
	}
	struct cur pl = cur_sub(c, plen, NULL);
	size_t reported = cur_left(c) + dissect_cut_after(d, c);
	d->payload_cut = (uint32_t)((plen < reported ? plen : reported) - cur_left(&pl));
	cur_skip(c, cur_left(&pl));
	if ((frag & 0x3fff) != 0 && cur_left(&pl) < plen && (frag & 0x1fff) == 0) {
		/* a first fragment whose bytes are not all there is not reassembled: tshark
		 * dissects what it has */
		d->fragmented = (frag & 0x2000) != 0;
		upper(d, &pl, parent, proto);
		return;
	}
	if ((frag & 0x3fff) != 0) {
		struct ipfrag_key k = { 0, { 0 }, { 0 }, id };
		struct cur whole;
		memcpy(k.src, pi->net_src.a, 4);
		memcpy(k.dst, pi->net_dst.a, 4);
		if (ipfrag_add(d, &k, (frag & 0x1fffu) * 8u, (frag & 0x2000) != 0, &pl, node, &whole)) {
			d->payload_cut = 0;
			upper(d, &whole, parent, proto);
			tree_set_source(d->tree, 0);
			return;
		}
		const char *pn = val_to_str(proto, ipproto_vals);
		col_set(pi, "");
		col_append(pi, "Fragmented IP protocol (proto=%s %u, off=%u, ID=%04x)",
		    pn ? pn : "Unknown", proto, (frag & 0x1fff) * 8, id);
		dissect_data(d, &pl, parent);
		return;
	}
	upper(d, &pl, parent, proto);
}

/* Wireshark's TTL notes: a packet to the Local Network Control Block (224.0.0.0/24) must
 * have TTL 1, or 255 for the groups of VRRP, HSRPv2 and mDNS (LLMNR's may have any); any other
 * non-multicast one below 5 is noted (traceroute probes), except OSPF and PIM, which
 * send such TTLs by design. */
static void ttl_expert(struct dctx *d, uint32_t ttl_node, const uint8_t *dst, uint8_t ttl,
    uint8_t proto)
{
	static const uint8_t lncb_255[] = { 18, 102, 251 };
	char msg[128];

	if (!dissect_expert_wanted(d->tree, &fields[I_TTL_LNCB]) &&
	    !dissect_expert_wanted(d->tree, &fields[I_TTL_SMALL]))
		return;
	if (dst[0] == 224 && dst[1] == 0 && dst[2] == 0) {
		unsigned want = 1;
		if (dst[3] == 252)
			return;
		for (size_t i = 0; i < sizeof(lncb_255); i++)
			if (dst[3] == lncb_255[i])
				want = 255;
		if (ttl == want)
			return;
		snprintf(msg, sizeof(msg), "\"Time To Live\" != %u for a packet sent to the Local Network "
		    "Control Block (see RFC 3171)", want);
		dissect_expert(d, ttl_node, &fields[I_TTL_LNCB], SEV_NOTE, "Sequence", msg);
	} else if ((dst[0] & 0xf0) != 0xe0 && ttl < 5 && proto != 89 && proto != 103) {
		snprintf(msg, sizeof(msg), "\"Time To Live\" only %u", ttl);
		dissect_expert(d, ttl_node, &fields[I_TTL_SMALL], SEV_NOTE, "Sequence", msg);
	}
}

void dissect_ipv4(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node, n;
	size_t avail = cur_left(c);
	uint8_t vhl, tos, ttl, proto;
	uint16_t len, id, frag, sum;
	uint8_t src[4], dst[4];
	char a[16], b[16];

	node = dissect_layer(d, parent, "ip", "IPv4", &fields[I_PROTO], start, 20);
	vhl = cur_u8(c);
	tos = cur_u8(c);
	len = cur_be16(c);
	id = cur_be16(c);
	frag = cur_be16(c);
	ttl = cur_u8(c);
	proto = cur_u8(c);
	sum = cur_be16(c);
	cur_bytes(c, src, 4);
	cur_bytes(c, dst, 4);
	if (!cur_ok(c)) {
		short_header(d, node, start, c->base + start, avail);
		return;
	}
	uint32_t hlen = (uint32_t)(vhl & 15) * 4;

	tree_add_uint(t, node, &fields[I_VERSION], start, 1, vhl);
	if ((vhl >> 4) != 4) {
		dissect_bogus(d, node, "Bogus IPv4 version");
		col_set(pi, "");
		col_append(pi, "Bogus IPv4 version (%u, must be 4)", vhl >> 4);
		return;
	}
	n = hdr_len_field(t, node, start, vhl);
	if (hlen < 20) {
		col_set(pi, "");
		col_append(pi, "Bogus IP header length (%u, must be at least 20)", hlen);
		dissect_bogus(d, n ? n : node, "Bogus IP header length");
		return;
	}
	tree_set_len(t, node, hlen);
	pi->net_src.type = pi->net_dst.type = AT_IPv4;
	memcpy(pi->net_src.a, src, 4);
	memcpy(pi->net_dst.a, dst, 4);
	if (tree_text(t)) {
		fv_ipv4(src, a, sizeof(a));
		fv_ipv4(dst, b, sizeof(b));
		tree_label(t, node, "Internet Protocol Version 4, Src: %s, Dst: %s", a, b);
	}
	ds_field(t, node, start, tos);
	n = total_len_field(d, node, start, len, avail);
	if (len && len < hlen) {
		/* Wireshark stops right after the length field */
		col_set(pi, "");
		col_append(pi, "Bogus IP length (%u, less than header length %u)", len, hlen);
		dissect_bogus(d, n ? n : node, "Bogus IP length");
		return;
	}
	if (len > avail + dissect_cut_after(d, c) && !pi->in_error && dissect_expert_wanted(t, NULL)) {
		char msg[64];
		snprintf(msg, sizeof(msg), "IPv4 total length exceeds packet length (%u bytes)",
		    (uint32_t)(avail + dissect_cut_after(d, c)));
		dissect_expert(d, n, NULL, SEV_ERROR, "Protocol", msg);
	}
	tree_add_uint(t, node, &fields[I_ID], start + 4, 2, id);
	frag_fields(t, node, start, frag);
	pi->ip_ttl = ttl;
	n = tree_add_uint(t, node, &fields[I_TTL], start + 8, 1, ttl);
	ttl_expert(d, n, dst, ttl, proto);
	tree_add_uint(t, node, &fields[I_PROTO_F], start + 9, 1, proto);
	n = tree_add_uint(t, node, &fields[I_CHECKSUM], start + 10, 2, sum);
	tree_label(t, n, "Header Checksum: 0x%04x [validation disabled]", sum);
	tree_flag(t, tree_add_uint(t, node, &fields[I_CHECKSUM_STATUS], start + 10, 0, 2), TN_GENERATED);
	addr_fields(d, node, I_SRC, I_SRC_HOST, start + 12, src);
	addr_fields(d, node, I_DST, I_DST_HOST, start + 16, dst);
	if (hlen > 20) {
		if (!cur_has(c, hlen - 20)) {
			dissect_exhausted(d, node, "IPv4");
			return;
		}
		options(d, c, node, hlen - 20);
	}

	payload(d, c, parent, node, len, hlen, avail, frag, proto, id);
}
