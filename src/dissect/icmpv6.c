/* icmpv6.c — ICMP for IPv6 (RFC 4443), Neighbor Discovery (RFC 4861) and MLD (RFC 2710, 3810).
 *
 *    0                   1                   2                   3
 *   +---------------+---------------+-------------------------------+
 *   |     Type      |     Code      |          Checksum             |
 *   +---------------+---------------+-------------------------------+
 *   |  message body (echo id/seq, ND target address + options, …)   |
 *
 * The checksum covers an IPv6 pseudo-header (addresses, length, next header 58) and is
 * verified when the whole message was captured.  ND options are (type, length in
 * 8-byte units, data); a zero length stops the walk, as it would loop forever.
 * Errors quote the offending IPv6 packet, dissected again inside the ICMPv6 node.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/strvis.h"
#include "dissect/fvalue.h"
#include "dissect/protos.h"

static void dissect_icmpv6(struct dctx *d, struct cur *c, uint32_t parent);

enum {
	X_PROTO, X_TYPE, X_CODE, X_CHECKSUM, X_CHECKSUM_STATUS, X_RESERVED, X_MTU, X_POINTER,
	X_ECHO_ID, X_ECHO_SEQ, X_NS_TARGET, X_NA_FLAG, X_NA_R, X_NA_S, X_NA_O, X_NA_RSV,
	X_NA_TARGET, X_RA_HOP, X_RA_FLAG, X_RA_LIFE, X_RA_REACH, X_RA_RETRANS,
	X_OPT, X_OPT_TYPE, X_OPT_LEN, X_OPT_LINK, X_OPT_SRC_LINK, X_OPT_TGT_LINK,
	X_OPT_PFX_LEN, X_OPT_PFX_FLAG, X_OPT_PFX_VALID, X_OPT_PFX_PREF, X_OPT_PFX, X_OPT_MTU,
	X_MLD_DELAY, X_MLD_ADDR, X_MLDR_NB, X_DATA, X_RESP_IN, X_RESP_TO, X_NO_RESP, X_RESPTIME,
	X_RA_M, X_RA_O, X_RA_H, X_RA_PRF, X_RA_P, X_RA_RSV,
	X_MAR, X_MAR_TYPE, X_MAR_AUX_LEN, X_MAR_NB_SRC, X_MAR_ADDR, X_MAR_SRC, X_MAR_AUX,
	X_OPT_RSV, X_OPT_PFX_L, X_OPT_PFX_A, X_OPT_PFX_R, X_OPT_PFX_RSV, X_OPT_RDNSS_LIFE, X_OPT_RDNSS,
	X_OPT_DNSSL_LIFE, X_OPT_DNSSL, X_OPT_PADDING, X_OPT_NONCE, X_OPT_ADV_INT, X_OPT_HA_PREF,
	X_OPT_HA_LIFE, X_OPT_RI_FLAG, X_OPT_RI_PREF, X_OPT_RI_RSV, X_OPT_RI_LIFE, X_OPT_P64_LIFE,
	X_OPT_P64_PLC, X_OPT_P64_PFX, X_MLD_MRC, X_MLD_FLAG, X_MLD_S, X_MLD_QRV, X_MLD_FRSV, X_MLD_QQIC,
	X_MLD_NB_SRC, X_MLD_SRC, X_NONCE, X_RD_TARGET, X_RD_DEST,
};

/* tshark 4.0 -G values icmpv6.type */
static const struct val_str type_vals[] = {
	{ 1, "Destination Unreachable" }, { 2, "Packet Too Big" }, { 3, "Time Exceeded" },
	{ 4, "Parameter Problem" }, { 100, "Private experimentation" },
	{ 101, "Private experimentation" },
	{ 127, "Reserved for expansion of ICMPv6 error messages" }, { 128, "Echo (ping) request" },
	{ 129, "Echo (ping) reply" }, { 130, "Multicast Listener Query" },
	{ 131, "Multicast Listener Report" }, { 132, "Multicast Listener Done" },
	{ 133, "Router Solicitation" }, { 134, "Router Advertisement" },
	{ 135, "Neighbor Solicitation" }, { 136, "Neighbor Advertisement" }, { 137, "Redirect" },
	{ 138, "Router Renumbering" }, { 139, "Node Information Query" },
	{ 140, "Node Information Reply" }, { 141, "Inverse Neighbor Discovery Solicitation" },
	{ 142, "Inverse Neighbor Discovery Advertisement" },
	{ 143, "Multicast Listener Report Message v2" },
	{ 144, "Home Agent Address Discovery Request" },
	{ 145, "Home Agent Address Discovery Reply" }, { 146, "Mobile Prefix Solicitation" },
	{ 147, "Mobile Prefix Advertisement" }, { 148, "Certification Path Solicitation" },
	{ 149, "Certification Path Advertisement" }, { 150, "Experimental Mobility" },
	{ 151, "Multicast Router Advertisement" }, { 152, "Multicast Router Solicitation" },
	{ 153, "Multicast Router Termination" }, { 154, "FMIPv6" }, { 155, "RPL Control" },
	{ 156, "Locator Update" }, { 157, "Duplicate Address Request" },
	{ 158, "Duplicate Address Confirmation" }, { 159, "MPL Control Message" },
	{ 160, "Extended Echo request" }, { 161, "Extended Echo reply" },
	{ 200, "Private experimentation" }, { 201, "Private experimentation" },
	{ 255, "Reserved for expansion of ICMPv6 informational messages" }, { 0, NULL }
};
static const struct val_str unreach_codes[] = {
	{ 0, "no route to destination" }, { 1, "Administratively prohibited" },
	{ 2, "Beyond scope of source address" }, { 3, "Address unreachable" }, { 4, "Port unreachable" },
	{ 5, "Source address failed ingress/egress policy" }, { 6, "Reject route to destination" },
	{ 7, "Error in Source Routing Header" }, { 0, NULL }
};
static const struct val_str exceed_codes[] = {
	{ 0, "hop limit exceeded in transit" }, { 1, "fragment reassembly time exceeded" }, { 0, NULL }
};
static const struct val_str param_codes[] = {
	{ 0, "erroneous header field encountered" }, { 1, "unrecognized Next Header type encountered" },
	{ 2, "unrecognized IPv6 option encountered" },
	{ 3, "IPv6 First Fragment has incomplete IPv6 Header Chain" }, { 0, NULL }
};
static const struct val_str rr_codes[] = {
	{ 0, "Command" }, { 1, "Result" }, { 255, "Sequence number reset" }, { 0, NULL }
};
static const struct val_str ni_query_codes[] = {
	{ 0, "Query subject = IPv6 addresses" }, { 1, "Query subject = DNS name or empty" },
	{ 2, "Query subject = IPv4 addresses" }, { 0, NULL }
};
static const struct val_str ni_reply_codes[] = {
	{ 0, "Successful" }, { 1, "Refused" }, { 2, "Unknown query type" }, { 0, NULL }
};
static const struct val_str rpl_codes[] = {
	{ 0x00, "DODAG Information Solicitation" }, { 0x01, "DODAG Information Object" },
	{ 0x02, "Destination Advertisement Object" },
	{ 0x03, "Destination Advertisement Object Acknowledgment" },
	{ 0x04, "P2P Discovery Reply Object" },
	{ 0x05, "P2P Discovery Reply Object Acknowledgement" },
	{ 0x80, "Secure DODAG Information Solicitation" }, { 0x81, "Secure DODAG Information Object" },
	{ 0x82, "Secure Destination Advertisement Object" },
	{ 0x83, "Secure Destination Advertisement Object Acknowledgment" },
	{ 0x84, "P2P Secure Discovery Reply Object" },
	{ 0x85, "P2P Secure Discovery Reply Object Acknowledgement" }, { 0x8a, "Consistency Check" },
	{ 0, NULL }
};
static const struct val_str ext_echo_req_codes[] = { { 0, "No error" }, { 0, NULL } };
static const struct val_str ext_echo_reply_codes[] = {
	{ 0, "No error" }, { 1, "Malformed Query" }, { 2, "No Such Interface" },
	{ 3, "No Such Table Entry" }, { 4, "Multiple Interfaces Satisfy Query" }, { 0, NULL }
};
static const struct val_str opt_vals[] = {
	{ 1, "Source link-layer address" }, { 2, "Target link-layer address" },
	{ 3, "Prefix information" }, { 4, "Redirected header" }, { 5, "MTU" },
	{ 6, "NBMA Shortcut Limit Option" }, { 7, "Advertisement Interval" },
	{ 8, "Home Agent Information" }, { 9, "Source Address List" }, { 10, "Target Address List" },
	{ 14, "Nonce" }, { 24, "Route Information" }, { 25, "Recursive DNS Server" },
	{ 31, "DNS Search List Option" }, { 38, "PREF64 Option" }, { 0, NULL }
};
/* tshark 4.0 -G values icmpv6.opt.pref64.plc */
static const struct val_str plc_vals[] = {
	{ 0, "96 bits prefix length" }, { 1, "64 bits prefix length" }, { 2, "56 bits prefix length" },
	{ 3, "48 bits prefix length" }, { 4, "40 bits prefix length" }, { 5, "32 bits prefix length" },
	{ 0, NULL }
};

/* tshark 4.0 -G values icmpv6.nd.ra.flag.prf, icmpv6.mldr.mar.record_type */
static const struct val_str ra_prf_vals[] = {
	{ 0, "Medium" }, { 1, "High" }, { 2, "Reserved" }, { 3, "Low" }, { 0, NULL }
};
static const struct val_str mar_type_vals[] = {
	{ 1, "Include" }, { 2, "Exclude" }, { 3, "Changed to include" }, { 4, "Changed to exclude" },
	{ 5, "Allow new sources" }, { 6, "Block old sources" }, { 0, NULL }
};

static const struct val_str true_false[] = { { 0, "False" }, { 1, "True" }, { 0, NULL } };

static const struct field_def fields[] = {
	[X_PROTO] = { "icmpv6", "Internet Control Message Protocol v6", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"IPv6's control messages: ping, errors, and Neighbor Discovery (IPv6's ARP).", 0 },
	[X_TYPE] = { "icmpv6.type", "Type", FT_UINT8, BASE_DEC, 0, 0, type_vals,
		"8 bits: kind of message (128/129 ping, 135/136 neighbor solicitation/advertisement).", 0 },
	[X_CODE] = { "icmpv6.code", "Code", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: detail within the type.", 0 },
	[X_CHECKSUM] = { "icmpv6.checksum", "Checksum", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: ones' complement sum over a pseudo-header and the message.", 0 },
	[X_CHECKSUM_STATUS] = { "icmpv6.checksum.status", "Checksum Status", FT_UINT8, BASE_NONE, 0, 0, checksum_status_vals,
		"Whether the checksum matched the message.", 0 },
	[X_RESERVED] = { "icmpv6.reserved", "Reserved", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Must be zero.", 0 },
	[X_MTU] = { "icmpv6.mtu", "MTU", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Largest packet the next link takes (Packet Too Big).", 0 },
	[X_POINTER] = { "icmpv6.pointer", "Pointer", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Byte of the quoted packet where the problem is.", 0 },
	[X_ECHO_ID] = { "icmpv6.echo.identifier", "Identifier", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: matches replies to requests.", 0 },
	[X_ECHO_SEQ] = { "icmpv6.echo.sequence_number", "Sequence", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: counts the pings.", 0 },
	[X_NS_TARGET] = { "icmpv6.nd.ns.target_address", "Target Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"The address whose link-layer address is asked for.", 0 },
	[X_NA_FLAG] = { "icmpv6.nd.na.flag", "Flags", FT_UINT32, BASE_HEX, 0, 0, NULL,
		"Router, Solicited and Override flags.", 0 },
	[X_NA_R] = { "icmpv6.nd.na.flag.r", "Router", FT_BOOLEAN, BASE_NONE, 0x80000000, 32, NULL,
		"The sender is a router.", 0 },
	[X_NA_S] = { "icmpv6.nd.na.flag.s", "Solicited", FT_BOOLEAN, BASE_NONE, 0x40000000, 32, NULL,
		"Answer to a Neighbor Solicitation.", 0 },
	[X_NA_O] = { "icmpv6.nd.na.flag.o", "Override", FT_BOOLEAN, BASE_NONE, 0x20000000, 32, NULL,
		"Replace a cached link-layer address.", 0 },
	[X_NA_RSV] = { "icmpv6.nd.na.flag.rsv", "Reserved", FT_UINT32, BASE_DEC, 0x1fffffff, 32, NULL,
		"Must be zero.", 0 },
	[X_NA_TARGET] = { "icmpv6.nd.na.target_address", "Target Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"The address being advertised.", 0 },
	[X_RA_HOP] = { "icmpv6.nd.ra.cur_hop_limit", "Cur hop limit", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Hop limit hosts should use.", 0 },
	[X_RA_FLAG] = { "icmpv6.nd.ra.flag", "Flags", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"Managed, Other configuration, Home agent, preference, proxy.", 0 },
	[X_RA_M] = { "icmpv6.nd.ra.flag.m", "Managed address configuration", FT_BOOLEAN, BASE_NONE, 0x80, 8, NULL,
		"Addresses are available via DHCPv6.", 0 },
	[X_RA_O] = { "icmpv6.nd.ra.flag.o", "Other configuration", FT_BOOLEAN, BASE_NONE, 0x40, 8, NULL,
		"Other configuration (DNS …) is available via DHCPv6.", 0 },
	[X_RA_H] = { "icmpv6.nd.ra.flag.h", "Home Agent", FT_BOOLEAN, BASE_NONE, 0x20, 8, NULL,
		"The router is also a Mobile IPv6 home agent.", 0 },
	[X_RA_PRF] = { "icmpv6.nd.ra.flag.prf", "Prf (Default Router Preference)", FT_UINT8, BASE_DEC, 0x18, 8, ra_prf_vals,
		"Whether to prefer this router over other default routers (RFC 4191).", 0 },
	[X_RA_P] = { "icmpv6.nd.ra.flag.p", "Proxy", FT_BOOLEAN, BASE_NONE, 0x04, 8, NULL,
		"ND proxy (RFC 4389).", 0 },
	[X_RA_RSV] = { "icmpv6.nd.ra.flag.rsv", "Reserved", FT_UINT8, BASE_DEC, 0x03, 8, NULL,
		"Must be zero.", 0 },
	[X_MAR] = { "icmpv6.mldr.mar", "Multicast Address Record", FT_NONE, BASE_NONE, 0, 0, NULL,
		"What the sender listens to on one multicast address (MLDv2).", 0 },
	[X_MAR_TYPE] = { "icmpv6.mldr.mar.record_type", "Record Type", FT_UINT8, BASE_DEC, 0, 0, mar_type_vals,
		"Include/exclude the sources listed, or a change of that (RFC 3810 5.2.12).", 0 },
	[X_MAR_AUX_LEN] = { "icmpv6.mldr.mar.aux_data_len", "Aux Data Len", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Length of the auxiliary data in 32-bit words.", 0 },
	[X_MAR_NB_SRC] = { "icmpv6.mldr.mar.nb_sources", "Number of Sources", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Source addresses in this record.", 0 },
	[X_MAR_ADDR] = { "icmpv6.mldr.mar.multicast_address", "Multicast Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"The multicast address the record is about.", 0 },
	[X_MAR_SRC] = { "icmpv6.mldr.mar.source_address", "Source Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"A source included or excluded.", 0 },
	[X_MAR_AUX] = { "icmpv6.mldr.mar.auxiliary_data", "Auxiliary Data", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Additional data of the record.", 0 },
	[X_OPT_RSV] = { "icmpv6.opt.reserved", "Reserved", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Reserved bytes of an option (zero).", 0 },
	[X_OPT_PFX_L] = { "icmpv6.opt.prefix.flag.l", "On-link flag(L)", FT_BOOLEAN, BASE_NONE, 0x80, 8, NULL,
		"Addresses with this prefix are on this link.", 0 },
	[X_OPT_PFX_A] = { "icmpv6.opt.prefix.flag.a", "Autonomous address-configuration flag(A)", FT_BOOLEAN, BASE_NONE, 0x40, 8, NULL,
		"Hosts may form an address from this prefix themselves (SLAAC).", 0 },
	[X_OPT_PFX_R] = { "icmpv6.opt.prefix.flag.r", "Router address flag(R)", FT_BOOLEAN, BASE_NONE, 0x20, 8, NULL,
		"The prefix field holds the router's whole address (Mobile IPv6).", 0 },
	[X_OPT_PFX_RSV] = { "icmpv6.opt.prefix.flag.reserved", "Reserved", FT_UINT8, BASE_DEC, 0x1f, 8, NULL,
		"Must be zero.", 0 },
	[X_OPT_RDNSS_LIFE] = { "icmpv6.opt.rdnss.lifetime", "Lifetime", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Seconds the DNS servers may be used.", 0 },
	[X_OPT_RDNSS] = { "icmpv6.opt.rdnss", "Recursive DNS Servers", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"A DNS server's address (RFC 8106).", 0 },
	[X_OPT_DNSSL_LIFE] = { "icmpv6.opt.dnssl.lifetime", "Lifetime", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Seconds the search domains may be used.", 0 },
	[X_OPT_DNSSL] = { "icmpv6.opt.dnssl", "Domain Names", FT_STRING, BASE_NONE, 0, 0, NULL,
		"A DNS search domain (RFC 8106).", 0 },
	[X_OPT_PADDING] = { "icmpv6.opt.padding", "Padding", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Zero bytes up to the option's 8-byte boundary.", 0 },
	[X_OPT_NONCE] = { "icmpv6.opt.nonce", "Nonce", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Random bytes that tie a solicitation to its advertisement (RFC 3971).", 0 },
	[X_OPT_ADV_INT] = { "icmpv6.opt.advertisement_interval", "Advertisement Interval", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Longest time in ms between the router's unsolicited advertisements.", 0 },
	[X_OPT_HA_PREF] = { "icmpv6.opt.home_agent_preference", "Home Agent Preference", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Preference of this home agent.", 0 },
	[X_OPT_HA_LIFE] = { "icmpv6.opt.home_agent_lifetime", "Home Agent Preference", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Seconds the router serves as home agent (tshark 4.0 names it Preference too).", 0 },
	[X_OPT_RI_FLAG] = { "icmpv6.opt.route_info.flag", "Flag", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"Route preference bits.", 0 },
	[X_OPT_RI_PREF] = { "icmpv6.opt.route_info.flag.route_preference", "Route Preference", FT_UINT8, BASE_DEC, 0x18, 8, ra_prf_vals,
		"Preference of this route (RFC 4191).", 0 },
	[X_OPT_RI_RSV] = { "icmpv6.opt.route_info.flag.reserved", "Reserved", FT_UINT8, BASE_DEC, 0xe7, 8, NULL,
		"Must be zero.", 0 },
	[X_OPT_RI_LIFE] = { "icmpv6.opt.route_lifetime", "Route Lifetime", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Seconds the route is valid.", 0 },
	[X_OPT_P64_LIFE] = { "icmpv6.opt.pref64.scaled_lifetime", "Scaled Lifetime", FT_UINT16, BASE_DEC, 0xfff8, 16, NULL,
		"Lifetime of the NAT64 prefix in units of 8 seconds (RFC 8781).", 0 },
	[X_OPT_P64_PLC] = { "icmpv6.opt.pref64.plc", "PLC (Prefix Length Code)", FT_UINT16, BASE_HEX, 0x0007, 16, plc_vals,
		"Length of the NAT64 prefix, coded.", 0 },
	[X_OPT_P64_PFX] = { "icmpv6.opt.pref64.prefix", "Prefix", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"The NAT64 prefix.", 0 },
	[X_MLD_MRC] = { "icmpv6.mld.maximum_response_code", "Maximum Response Code", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"MLDv2 query: longest delay before answering, in ms (coded above 32767).", 0 },
	[X_MLD_FLAG] = { "icmpv6.mld.flag", "Flags", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"MLDv2 query flags: S and QRV.", 0 },
	[X_MLD_S] = { "icmpv6.mld.flag.s", "Suppress Router-Side Processing", FT_BOOLEAN, BASE_NONE, 0x08, 8, true_false,
		"Routers should not update their timers on this query.", 0 },
	[X_MLD_QRV] = { "icmpv6.mld.flag.qrv", "QRV (Querier's Robustness Variable)", FT_UINT8, BASE_DEC, 0x07, 8, NULL,
		"How many losses the querier allows for.", 0 },
	[X_MLD_FRSV] = { "icmpv6.mld.flag.reserved", "Reserved", FT_UINT8, BASE_DEC, 0xf0, 8, NULL,
		"Must be zero.", 0 },
	[X_MLD_QQIC] = { "icmpv6.mld.qqi", "QQIC (Querier's Query Interval Code)", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Seconds between the querier's general queries (coded above 127).", 0 },
	[X_MLD_NB_SRC] = { "icmpv6.mld.nb_sources", "Number of Sources", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Source addresses in this query.", 0 },
	[X_MLD_SRC] = { "icmpv6.mld.source_address", "Source Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"A source the query asks about.", 0 },
	[X_NONCE] = { "icmpv6.nonce", "Nonce", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Teredo direct connectivity test: the nonce the reply repeats (RFC 4380 5.2.9).", 0 },
	[X_RD_TARGET] = { "icmpv6.nd.rd.target_address", "Target Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"Redirect: the better first hop (or the destination itself when on-link).", 0 },
	[X_RD_DEST] = { "icmpv6.rd.na.destination_address", "Destination Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"Redirect: the destination that is redirected.", 0 },
	[X_RA_LIFE] = { "icmpv6.nd.ra.router_lifetime", "Router lifetime (s)", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Seconds the router may serve as default router.", 0 },
	[X_RA_REACH] = { "icmpv6.nd.ra.reachable_time", "Reachable time (ms)", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"How long a neighbor counts as reachable.", 0 },
	[X_RA_RETRANS] = { "icmpv6.nd.ra.retrans_timer", "Retrans timer (ms)", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Time between Neighbor Solicitations.", 0 },
	[X_OPT] = { "icmpv6.opt", "ICMPv6 Option", FT_NONE, BASE_NONE, 0, 0, NULL,
		"One Neighbor Discovery option (type, length in 8-byte units, data).", 0 },
	[X_OPT_TYPE] = { "icmpv6.opt.type", "Type", FT_UINT8, BASE_DEC, 0, 0, opt_vals,
		"8 bits: option kind (1 source, 2 target link-layer address, 3 prefix, 5 MTU).", 0 },
	[X_OPT_LEN] = { "icmpv6.opt.length", "Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: option length in units of 8 bytes.", 0 },
	[X_OPT_LINK] = { "icmpv6.opt.linkaddr", "Link-layer address", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"A link-layer (MAC) address.", 0 },
	[X_OPT_SRC_LINK] = { "icmpv6.opt.src_linkaddr", "Source Link-layer address", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The sender's MAC address.", 0 },
	[X_OPT_TGT_LINK] = { "icmpv6.opt.target_linkaddr", "Target Link-layer address", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The target's MAC address.", 0 },
	[X_OPT_PFX_LEN] = { "icmpv6.opt.prefix.length", "Prefix Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Bits of the prefix that are significant.", 0 },
	[X_OPT_PFX_FLAG] = { "icmpv6.opt.prefix.flag", "Flag", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"On-link and autonomous configuration flags.", 0 },
	[X_OPT_PFX_VALID] = { "icmpv6.opt.prefix.valid_lifetime", "Valid Lifetime", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Seconds the prefix is valid.", 0 },
	[X_OPT_PFX_PREF] = { "icmpv6.opt.prefix.preferred_lifetime", "Preferred Lifetime", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Seconds addresses from the prefix stay preferred.", 0 },
	[X_OPT_PFX] = { "icmpv6.opt.prefix", "Prefix", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"The advertised prefix.", 0 },
	[X_OPT_MTU] = { "icmpv6.opt.mtu", "MTU", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"The link's MTU.", 0 },
	[X_MLD_DELAY] = { "icmpv6.mld.maximum_response_delay", "Maximum Response Delay [ms]", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Longest time a listener may wait before answering.", 0 },
	[X_MLD_ADDR] = { "icmpv6.mld.multicast_address", "Multicast Address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"The multicast group concerned.", 0 },
	[X_MLDR_NB] = { "icmpv6.mldr.nb_mcast_records", "Number of Multicast Address Records", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Records in an MLDv2 report.", 0 },
	[X_DATA] = { "icmpv6.data", "Data", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Message data.", 0 },
	[X_RESP_IN] = { "icmpv6.resp_in", "Response In", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"The frame with the echo reply to this request.", 0 },
	[X_RESP_TO] = { "icmpv6.resp_to", "Response To", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"The frame with the echo request this reply answers.", 0 },
	[X_NO_RESP] = { "icmpv6.no_resp", "No response seen", FT_NONE, BASE_NONE, 0, 0, NULL,
		"No echo reply to this request is in the capture.", 0 },
	[X_RESPTIME] = { "icmpv6.resptime", "Response Time", FT_DOUBLE, BASE_NONE, 0, 0, NULL,
		"Milliseconds between the request and its reply: the round-trip time ping prints.", 0 },
};
static const struct field_table icmpv6_table = REG_TABLE(fields);
static const struct handoff icmpv6_handoffs[] = {
	{ HO_IPPROTO, 58, .fn = dissect_icmpv6 },
};
const struct proto_reg icmpv6_proto = REG_PROTO(icmpv6_table, icmpv6_handoffs);
static const struct field_def *const echo_fields[4] = {
	&fields[X_RESP_IN], &fields[X_RESP_TO], &fields[X_NO_RESP], &fields[X_RESPTIME],
};

/* One ND option's data (after type and length) at frame offset at; on is its node,
 * labelled "ICMPv6 Option (name)" already.  Handlers append to that label as tshark. */
struct nd_opt {
	struct dctx *d;
	uint32_t on, at;
	const char *name;
};

static void opt_lladdr(const struct nd_opt *x, struct cur *o, uint8_t type)
{
	struct dtree *t = x->d->tree;
	const uint8_t *a = o->p;
	char s[24];
	uint32_t n;

	if (cur_left(o) < 6)
		return;
	fv_ether(a, s, sizeof(s));
	n = tree_add_bytes(t, x->on, &fields[X_OPT_LINK], x->at + 2, 6, a, 6);
	tree_label(t, n, "Link-layer address: %s", s);
	tree_flag(t, tree_add_bytes(t, x->on, &fields[type == 1 ? X_OPT_SRC_LINK : X_OPT_TGT_LINK],
	    x->at + 2, 6, a, 6), TN_HIDDEN);
	tree_label(t, x->on, "ICMPv6 Option (%s : %s)", x->name, s);
	col_append(x->d->pi, type == 1 ? " from %s" : " is at %s", s);
}

/* Prefix Information (RFC 4861 4.6.2). */
static void opt_prefix(const struct nd_opt *x, struct cur *o)
{
	struct dtree *t = x->d->tree;
	uint8_t plen = cur_peek(o, 0), fl = cur_peek(o, 1);
	char ps[64];
	uint32_t n;

	if (cur_left(o) < 30)
		return;
	fv_ipv6(o->p + 14, ps, sizeof(ps));
	tree_label(t, x->on, "ICMPv6 Option (%s : %s/%u)", x->name, ps, plen);
	tree_add_uint(t, x->on, &fields[X_OPT_PFX_LEN], x->at + 2, 1, plen);
	n = tree_add_uint(t, x->on, &fields[X_OPT_PFX_FLAG], x->at + 3, 1, fl);
	tree_label(t, n, "Flag: 0x%02x%s%s%s", fl, fl & 0x80 ? ", On-link flag(L)" : "",
	    fl & 0x40 ? ", Autonomous address-configuration flag(A)" : "",
	    fl & 0x20 ? ", Router address flag(R)" : "");
	for (int i = X_OPT_PFX_L; i <= X_OPT_PFX_RSV; i++)
		tree_add_uint(t, n, &fields[i], x->at + 3, 1, fl);
	for (int i = 0; i < 2; i++) {
		uint32_t v = cur_peek_be32(o, 2 + 4u * (uint32_t)i);
		n = tree_add_uint(t, x->on, &fields[i ? X_OPT_PFX_PREF : X_OPT_PFX_VALID], x->at + 4 + 4u * (uint32_t)i, 4, v);
		if (v == 0xffffffffu)
			tree_label(t, n, "%s Lifetime: Infinity (4294967295)", i ? "Preferred" : "Valid");
	}
	tree_add(t, x->on, &fields[X_OPT_RSV], x->at + 12, 4);
	tree_add_addr(t, x->on, &fields[X_OPT_PFX], x->at + 16, 16, o->p + 14);
}

/* An option of 2 reserved bytes and a 32-bit value, shown in its label. */
static void opt_reserved_u32(const struct nd_opt *x, struct cur *o, int f)
{
	struct dtree *t = x->d->tree;

	if (cur_left(o) < 6)
		return;
	tree_label(t, x->on, "ICMPv6 Option (%s : %u)", x->name, cur_peek_be32(o, 2));
	tree_add(t, x->on, &fields[X_OPT_RSV], x->at + 2, 2);
	tree_add_uint(t, x->on, &fields[f], x->at + 4, 4, cur_peek_be32(o, 2));
}

static void opt_mtu(const struct nd_opt *x, struct cur *o)
{
	opt_reserved_u32(x, o, X_OPT_MTU);
}

/* Advertisement Interval (RFC 6275 7.3). */
static void opt_adv_interval(const struct nd_opt *x, struct cur *o)
{
	opt_reserved_u32(x, o, X_OPT_ADV_INT);
}

/* Home Agent Information (RFC 6275 7.4). */
static void opt_home_agent(const struct nd_opt *x, struct cur *o)
{
	struct dtree *t = x->d->tree;

	if (cur_left(o) < 6)
		return;
	tree_add(t, x->on, &fields[X_OPT_RSV], x->at + 2, 2);
	tree_add_uint(t, x->on, &fields[X_OPT_HA_PREF], x->at + 4, 2, cur_peek_be16(o, 2));
	tree_add_uint(t, x->on, &fields[X_OPT_HA_LIFE], x->at + 6, 2, cur_peek_be16(o, 4));
}

static void opt_nonce(const struct nd_opt *x, struct cur *o)
{
	uint32_t n = (uint32_t)cur_left(o);

	tree_add_bytes(x->d->tree, x->on, &fields[X_OPT_NONCE], x->at + 2, n, o->p, n);
}

/* Route Information (RFC 4191 2.3): the prefix is 0, 8 or 16 bytes long. */
static void opt_route_info(const struct nd_opt *x, struct cur *o)
{
	struct dtree *t = x->d->tree;
	uint8_t plen = cur_peek(o, 0), fl = cur_peek(o, 1), pfx[16];
	uint32_t n, pbytes;
	const char *prf = val_to_str((uint32_t)(fl >> 3) & 3, ra_prf_vals);
	char ps[64];

	if (cur_left(o) < 6)
		return;
	pbytes = (uint32_t)cur_left(o) - 6;
	if (pbytes > 16)
		pbytes = 16;
	memset(pfx, 0, sizeof(pfx));
	memcpy(pfx, o->p + 6, pbytes);
	fv_ipv6(pfx, ps, sizeof(ps));
	tree_label(t, x->on, "ICMPv6 Option (%s : %s %s/%u)", x->name, prf, ps, plen);
	tree_add_uint(t, x->on, &fields[X_OPT_PFX_LEN], x->at + 2, 1, plen);
	n = tree_add_uint(t, x->on, &fields[X_OPT_RI_FLAG], x->at + 3, 1, fl);
	tree_label(t, n, "Flag: 0x%02x, Route Preference: %s", fl, prf);
	tree_add_uint(t, n, &fields[X_OPT_RI_PREF], x->at + 3, 1, fl);
	tree_add_uint(t, n, &fields[X_OPT_RI_RSV], x->at + 3, 1, fl);
	tree_add_uint(t, x->on, &fields[X_OPT_RI_LIFE], x->at + 4, 4, cur_peek_be32(o, 2));
	if (pbytes)
		tree_add_addr(t, x->on, &fields[X_OPT_PFX], x->at + 8, pbytes, pfx);
}

/* Recursive DNS Server (RFC 8106 5.1): reserved, lifetime, addresses. */
static void opt_rdnss(const struct nd_opt *x, struct cur *o)
{
	struct dtree *t = x->d->tree;
	char lbl[512];
	size_t k;

	if (cur_left(o) < 6)
		return;
	k = (size_t)snprintf(lbl, sizeof(lbl), "ICMPv6 Option (%s", x->name);
	tree_add(t, x->on, &fields[X_OPT_RSV], x->at + 2, 2);
	tree_add_uint(t, x->on, &fields[X_OPT_RDNSS_LIFE], x->at + 4, 4, cur_peek_be32(o, 2));
	for (uint32_t off = 6; off + 16 <= cur_left(o); off += 16) {
		char as[64];
		fv_ipv6(o->p + off, as, sizeof(as));
		tree_add_addr(t, x->on, &fields[X_OPT_RDNSS], x->at + 2 + off, 16, o->p + off);
		if (k < sizeof(lbl))
			k += (size_t)snprintf(lbl + k, sizeof(lbl) - k, " %s", as);
	}
	tree_label(t, x->on, "%s)", lbl);
}

/* DNS Search List (RFC 8106 5.2): reserved, lifetime, names in DNS label form up to
 * a zero byte, then padding. */
static void opt_dnssl(const struct nd_opt *x, struct cur *o)
{
	struct dtree *t = x->d->tree;
	char lbl[512];
	size_t k, end = cur_left(o), off = 6;

	if (end < 6)
		return;
	k = (size_t)snprintf(lbl, sizeof(lbl), "ICMPv6 Option (%s", x->name);
	tree_add(t, x->on, &fields[X_OPT_RSV], x->at + 2, 2);
	tree_add_uint(t, x->on, &fields[X_OPT_DNSSL_LIFE], x->at + 4, 4, cur_peek_be32(o, 2));
	while (off < end) {
		uint8_t name[256];
		size_t nl = 0, p = off;
		char es[1024];
		if (cur_peek(o, off) == 0) {
			tree_add(t, x->on, &fields[X_OPT_PADDING], x->at + 2 + (uint32_t)off, (uint32_t)(end - off));
			break;
		}
		while (p < end && cur_peek(o, p) != 0) {
			size_t ll = cur_peek(o, p++);
			if (nl && nl < sizeof(name))
				name[nl++] = '.';
			for (size_t i = 0; i < ll && p < end; i++, p++)
				if (nl < sizeof(name))
					name[nl++] = cur_peek(o, p);
		}
		if (p < end)
			p++;		/* the root label */
		tree_add_bytes(t, x->on, &fields[X_OPT_DNSSL], x->at + 2 + (uint32_t)off, (uint32_t)(p - off),
		    t ? tree_keep(t, name, (uint32_t)nl) : name, (uint32_t)nl);
		strvis(es, sizeof(es), name, nl, STRVIS_WIRE);
		if (k < sizeof(lbl))
			k += (size_t)snprintf(lbl + k, sizeof(lbl) - k, " %s", es);
		off = p;
	}
	tree_label(t, x->on, "%s)", lbl);
}

/* PREF64 (RFC 8781): scaled lifetime and prefix length code, 96 bits of prefix. */
static void opt_pref64(const struct nd_opt *x, struct cur *o)
{
	struct dtree *t = x->d->tree;
	uint8_t pfx[16];
	uint16_t v;

	if (cur_left(o) < 14)
		return;
	v = cur_peek_be16(o, 0);
	tree_add_uint(t, x->on, &fields[X_OPT_P64_LIFE], x->at + 2, 2, v);
	tree_add_uint(t, x->on, &fields[X_OPT_P64_PLC], x->at + 2, 2, v);
	memset(pfx, 0, sizeof(pfx));
	memcpy(pfx, o->p + 2, 12);
	tree_add_addr(t, x->on, &fields[X_OPT_P64_PFX], x->at + 4, 12, pfx);
}

static const struct nd_opt_handler {
	uint8_t type;
	void (*fn)(const struct nd_opt *x, struct cur *o);
} nd_opt_handlers[] = {
	{ 3, opt_prefix }, { 5, opt_mtu }, { 7, opt_adv_interval }, { 8, opt_home_agent },
	{ 14, opt_nonce }, { 24, opt_route_info }, { 25, opt_rdnss }, { 31, opt_dnssl },
	{ 38, opt_pref64 },
};

/* ND options; a link-layer address option adds " from" or " is at" it to Info. */
static void nd_options(struct dctx *d, struct cur *c, uint32_t node)
{
	struct dtree *t = d->tree;

	for (int guard = 0; cur_left(c) >= 2 && guard < 256; guard++) {
		uint32_t at = cur_off(c);
		uint8_t type = cur_peek(c, 0), len = cur_peek(c, 1);
		uint32_t bytes = (uint32_t)len * 8;
		const char *name = val_to_str(type, opt_vals);
		uint32_t on = tree_add(t, node, &fields[X_OPT], at, bytes ? bytes : 2);
		uint32_t n;

		tree_label(t, on, "ICMPv6 Option (%s)", name ? name : "Unknown");
		tree_add_uint(t, on, &fields[X_OPT_TYPE], at, 1, type);
		n = tree_add_uint(t, on, &fields[X_OPT_LEN], at + 1, 1, len);
		tree_label(t, n, "Length: %u (%u bytes)", len, bytes);
		if (!len) {
			dissect_malformed(d, on, "ICMPv6", "option length 0");
			return;
		}
		int clipped;
		struct cur o = cur_sub(c, bytes, &clipped);
		struct nd_opt x = { d, on, at, name };
		cur_skip(&o, 2);
		if (type == 1 || type == 2)
			opt_lladdr(&x, &o, type);
		else
			for (size_t i = 0; i < sizeof(nd_opt_handlers) / sizeof(nd_opt_handlers[0]); i++)
				if (nd_opt_handlers[i].type == type) {
					nd_opt_handlers[i].fn(&x, &o);
					break;
				}
		if (clipped) {
			dissect_exhausted(d, on, "ICMPv6");
			return;
		}
		cur_skip(c, bytes);
	}
}

/* Sum of the IPv6 pseudo-header (RFC 8200 section 8.1) for next header 58. */
static uint32_t pseudo_sum(const struct pinfo *pi, uint32_t len)
{
	const struct cur src = cur_make(pi->net_src.a, 16), dst = cur_make(pi->net_dst.a, 16);

	return cur_csum_add(cur_csum_add(0, &src), &dst) + (len >> 16) + (len & 0xffff) + 58;
}

/* One message being dissected: what its body dissector needs of the header. */
struct icmpv6_msg {
	uint32_t node, at;	/* ICMPv6 tree node; frame offset of the rest of the header */
	uint8_t type, code;
	uint16_t sum;
};

/* Unreachable, packet too big, time exceeded, parameter problem: four bytes, then
 * the packet that caused the error. */
static void body_error(struct dctx *d, struct cur *c, const struct icmpv6_msg *m)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;

	if (!cur_has(c, 4)) {
		dissect_exhausted(d, m->node, "ICMPv6");
		return;
	}
	uint32_t v = cur_peek_be32(c, 0);
	if (m->type == 2)
		tree_add_uint(t, m->node, &fields[X_MTU], m->at, 4, v);
	else if (m->type == 4)
		tree_add_uint(t, m->node, &fields[X_POINTER], m->at, 4, v);
	else
		tree_add_bytes(t, m->node, &fields[X_RESERVED], m->at, 4, c->p, 4);
	cur_skip(c, 4);
	if (!cur_left(c) && pi->caplen < pi->len) {
		dissect_exhausted(d, m->node, "ICMPv6");
		return;
	}
	if (cur_left(c) && !pi->in_error && (cur_peek(c, 0) >> 4) == 6)
		icmp_quoted(d, c, m->node, 1);
	else
		dissect_data(d, c, m->node);
}

static void body_echo(struct dctx *d, struct cur *c, const struct icmpv6_msg *m)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint16_t id = cur_be16(c), seq = cur_be16(c);

	if (!cur_ok(c)) {
		dissect_exhausted(d, m->node, "ICMPv6");
		return;
	}
	tree_add_uint(t, m->node, &fields[X_ECHO_ID], m->at, 2, id);
	tree_add_uint(t, m->node, &fields[X_ECHO_SEQ], m->at + 2, 2, seq);
	if (m->type == 128 && pi->dstport == 3544) {
		/* a Teredo direct IPv6 connectivity test (RFC 4380 5.2.9): a nonce, no
		 * request/reply tracking (tshark) */
		col_set_proto(pi, "Teredo");
		col_clear(pi);
		col_append(pi, "Direct IPv6 Connectivity Test id=0x%04x, seq=%u, hop limit=%u", id, seq,
		    pi->ip_ttl);
		if (cur_has(c, 4))
			tree_add_bytes(t, m->node, &fields[X_NONCE], m->at + 4, 4, c->p, 4);
		cur_skip(c, cur_left(c));
		return;
	}
	col_append(pi, " id=0x%04x, seq=%u, hop limit=%u", id, seq, pi->ip_ttl);
	icmp_echo_track(d, m->node, 1, m->type == 129, m->sum, id, seq, echo_fields);
	/* Wireshark hands echo data to its data dissector (frame.protocols "data"). */
	dissect_data(d, c, m->node);
}

/* The RA flags byte: M, O, H named when set, the preference always (RFC 4861 4.2,
 * RFC 4191 2.2, RFC 4389 4). */
static void ra_flags(struct dctx *d, const struct icmpv6_msg *m, uint8_t f)
{
	struct dtree *t = d->tree;
	uint32_t n = tree_add_uint(t, m->node, &fields[X_RA_FLAG], m->at + 1, 1, f);
	const char *prf = val_to_str((uint32_t)(f >> 3) & 3, ra_prf_vals);

	tree_label(t, n, "Flags: 0x%02x%s%s%s, Prf (Default Router Preference): %s%s", f,
	    f & 0x80 ? ", Managed address configuration" : "", f & 0x40 ? ", Other configuration" : "",
	    f & 0x20 ? ", Home Agent" : "", prf, f & 0x04 ? ", Proxy" : "");
	for (int i = X_RA_M; i <= X_RA_RSV; i++)
		tree_add_uint(t, n, &fields[i], m->at + 1, 1, f);
}

/* Router solicitation and advertisement: their fixed part, then ND options. */
/* The message ends inside its fixed part: tshark's exception when the packet is all
 * there, the snapshot mark when the capture cut it. */
static void short_msg(struct dctx *d, const struct icmpv6_msg *m)
{
	if (d->pi->caplen >= d->pi->len)
		dissect_exception(d, m->node, "ICMPv6");
	else
		dissect_exhausted(d, m->node, "ICMPv6");
}

/* Adds the 16-byte address at c as field f, or returns 0 when c has fewer bytes. */
static int add_addr16(struct dctx *d, struct cur *c, uint32_t node, int f, uint8_t *a)
{
	uint32_t at = cur_off(c);

	if (!cur_has(c, 16))
		return 0;
	cur_bytes(c, a, 16);
	tree_add_addr(d->tree, node, &fields[f], at, 16, a);
	return 1;
}

/* Router solicitation and advertisement: their fixed part, then ND options; each
 * field is shown when all of it is there (RFC 4861 4.1, 4.2). */
static void body_router(struct dctx *d, struct cur *c, const struct icmpv6_msg *m)
{
	struct dtree *t = d->tree;

	if (m->type == 133) {
		if (!cur_has(c, 4)) {
			short_msg(d, m);
			return;
		}
		tree_add_bytes(t, m->node, &fields[X_RESERVED], m->at, 4, c->p, 4);
		cur_skip(c, 4);
	} else {
		static const uint8_t size[] = { 1, 1, 2, 4, 4 };
		for (int i = 0; i < 5; i++) {
			uint32_t at = cur_off(c);
			if (!cur_has(c, size[i])) {
				short_msg(d, m);
				return;
			}
			switch (i) {
			case 0: tree_add_uint(t, m->node, &fields[X_RA_HOP], at, 1, cur_u8(c)); break;
			case 1: ra_flags(d, m, cur_u8(c)); break;
			case 2: tree_add_uint(t, m->node, &fields[X_RA_LIFE], at, 2, cur_be16(c)); break;
			case 3: tree_add_uint(t, m->node, &fields[X_RA_REACH], at, 4, cur_be32(c)); break;
			default: tree_add_uint(t, m->node, &fields[X_RA_RETRANS], at, 4, cur_be32(c)); break;
			}
		}
	}
	nd_options(d, c, m->node);
}

static void na_flags(struct dctx *d, const struct icmpv6_msg *m, uint32_t flags)
{
	struct dtree *t = d->tree;
	uint32_t n = tree_add_uint(t, m->node, &fields[X_NA_FLAG], m->at, 4, flags);

	tree_label(t, n, "Flags: 0x%08x%s%s%s", flags, flags & 0x80000000u ? ", Router" : "",
	    flags & 0x40000000u ? ", Solicited" : "", flags & 0x20000000u ? ", Override" : "");
	tree_add_uint(t, n, &fields[X_NA_R], m->at, 4, flags);
	tree_add_uint(t, n, &fields[X_NA_S], m->at, 4, flags);
	tree_add_uint(t, n, &fields[X_NA_O], m->at, 4, flags);
	tree_add_uint(t, n, &fields[X_NA_RSV], m->at, 4, flags);
}

/* Neighbor solicitation and advertisement, redirect (RFC 4861 4.3-4.5). */
static void body_neighbor(struct dctx *d, struct cur *c, const struct icmpv6_msg *m)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint8_t target[16], dest[16];
	char tgt[64] = "";
	uint32_t flags;

	if (!cur_has(c, 4)) {
		short_msg(d, m);
		return;
	}
	flags = cur_peek_be32(c, 0);
	if (m->type == 136)
		na_flags(d, m, flags);
	else
		tree_add_bytes(t, m->node, &fields[X_RESERVED], m->at, 4, c->p, 4);
	cur_skip(c, 4);
	if (!add_addr16(d, c, m->node, m->type == 135 ? X_NS_TARGET : m->type == 136 ? X_NA_TARGET :
	    X_RD_TARGET, target) || (m->type == 137 && !add_addr16(d, c, m->node, X_RD_DEST, dest))) {
		short_msg(d, m);
		return;
	}
	fv_ipv6(target, tgt, sizeof(tgt));
	if (m->type == 135)
		col_append(pi, " for %s", tgt);
	else if (m->type == 136) {
		col_append(pi, " %s", tgt);
		if (flags & 0xe0000000u) {
			int first = 1;
			col_append(pi, " (");
			if (flags & 0x80000000u) { col_append(pi, "rtr"); first = 0; }
			if (flags & 0x40000000u) { col_append(pi, "%ssol", first ? "" : ", "); first = 0; }
			if (flags & 0x20000000u) col_append(pi, "%sovr", first ? "" : ", ");
			col_append(pi, ")");
		}
	}
	nd_options(d, c, m->node);
}

/* MLDv1 query, report and done. */
static void body_mld(struct dctx *d, struct cur *c, const struct icmpv6_msg *m)
{
	struct dtree *t = d->tree;
	uint16_t delay = cur_be16(c);
	const uint8_t *rsv = cur_ptr(c, 2);
	uint8_t group[16];

	cur_bytes(c, group, 16);
	if (!cur_ok(c)) {
		dissect_exhausted(d, m->node, "ICMPv6");
		return;
	}
	if (m->type == 130 && cur_has(c, 4)) {	/* 28 bytes or more: an MLDv2 query (RFC 3810 8.1) */
		uint8_t fl = cur_u8(c), qqic = cur_u8(c);
		uint16_t nsrc = cur_be16(c);
		uint32_t n;
		tree_add_uint(t, m->node, &fields[X_MLD_MRC], m->at, 2, delay);
		tree_add_bytes(t, m->node, &fields[X_RESERVED], m->at + 2, 2, rsv, 2);
		tree_add_addr(t, m->node, &fields[X_MLD_ADDR], m->at + 4, 16, group);
		n = tree_add_uint(t, m->node, &fields[X_MLD_FLAG], m->at + 20, 1, fl);
		tree_add_uint(t, n, &fields[X_MLD_S], m->at + 20, 1, fl);
		tree_add_uint(t, n, &fields[X_MLD_QRV], m->at + 20, 1, fl);
		tree_add_uint(t, n, &fields[X_MLD_FRSV], m->at + 20, 1, fl);
		tree_add_uint(t, m->node, &fields[X_MLD_QQIC], m->at + 21, 1, qqic);
		tree_add_uint(t, m->node, &fields[X_MLD_NB_SRC], m->at + 22, 2, nsrc);
		for (uint32_t i = 0; i < nsrc; i++) {
			uint32_t so = cur_off(c);
			uint8_t src[16];
			cur_bytes(c, src, 16);
			if (!cur_ok(c)) {
				dissect_exhausted(d, m->node, "ICMPv6");
				return;
			}
			tree_add_addr(t, m->node, &fields[X_MLD_SRC], so, 16, src);
		}
		return;
	}
	tree_add_uint(t, m->node, &fields[X_MLD_DELAY], m->at, 2, delay);
	tree_add_bytes(t, m->node, &fields[X_RESERVED], m->at + 2, 2, rsv, 2);
	tree_add_addr(t, m->node, &fields[X_MLD_ADDR], m->at + 4, 16, group);
	if (cur_left(c))
		dissect_data(d, c, m->node);
}

/* One MLDv2 Multicast Address Record (RFC 3810 5.2): type, aux data length in words,
 * source count, the multicast address, the sources, the aux data.  0 when cut short. */
static int mld_record(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct dtree *t = d->tree;
	uint32_t at = cur_off(c), rn;
	uint8_t type, aux, group[16];
	uint16_t nsrc;
	char ga[64];

	if (!cur_has(c, 20))
		return 0;
	type = cur_u8(c);
	aux = cur_u8(c);
	nsrc = cur_be16(c);
	cur_bytes(c, group, 16);
	fv_ipv6(group, ga, sizeof(ga));
	rn = tree_add(t, parent, &fields[X_MAR], at, 20 + 16u * nsrc + 4u * aux);
	{
		const char *tn = val_to_str(type, mar_type_vals);
		if (tn)
			tree_label(t, rn, "Multicast Address Record %s: %s", tn, ga);
		else
			tree_label(t, rn, "Multicast Address Record Unknown Record Type (%u): %s", type, ga);
	}
	tree_add_uint(t, rn, &fields[X_MAR_TYPE], at, 1, type);
	tree_add_uint(t, rn, &fields[X_MAR_AUX_LEN], at + 1, 1, aux);
	tree_add_uint(t, rn, &fields[X_MAR_NB_SRC], at + 2, 2, nsrc);
	tree_add_addr(t, rn, &fields[X_MAR_ADDR], at + 4, 16, group);
	for (uint32_t i = 0; i < nsrc; i++) {
		uint8_t src[16];
		uint32_t so = cur_off(c);
		cur_bytes(c, src, 16);
		if (!cur_ok(c))
			return 0;
		tree_add_addr(t, rn, &fields[X_MAR_SRC], so, 16, src);
	}
	if (aux) {
		uint32_t ao = cur_off(c);
		const uint8_t *a = cur_ptr(c, 4u * aux);
		if (!a)
			return 0;
		tree_add_bytes(t, rn, &fields[X_MAR_AUX], ao, 4u * aux, a, 4u * aux);
	}
	return 1;
}

static void body_mldv2_report(struct dctx *d, struct cur *c, const struct icmpv6_msg *m)
{
	uint16_t nb;

	if (!cur_has(c, 4)) {
		cur_skip(c, cur_left(c));
		return;
	}
	nb = cur_peek_be16(c, 2);
	tree_add_bytes(d->tree, m->node, &fields[X_RESERVED], m->at, 2, c->p, 2);
	tree_add_uint(d->tree, m->node, &fields[X_MLDR_NB], m->at + 2, 2, nb);
	cur_skip(c, 4);
	for (uint32_t i = 0; i < nb; i++)
		if (!mld_record(d, c, m->node)) {
			dissect_exhausted(d, m->node, "ICMPv6");
			return;
		}
	cur_skip(c, cur_left(c));
}

static void body_data(struct dctx *d, struct cur *c, const struct icmpv6_msg *m)
{
	if (cur_left(c)) {
		uint32_t dn = (uint32_t)cur_left(c);
		tree_add_bytes(d->tree, m->node, &fields[X_DATA], cur_off(c), dn, c->p, dn);
		cur_skip(c, dn);
	}
}

/* Per type: its code names and the dissector of what follows the checksum (as
 * packet-icmpv6.c's value_string tables and type switch). */
static const struct icmpv6_type {
	uint8_t type;
	const struct val_str *codes;
	void (*body)(struct dctx *d, struct cur *c, const struct icmpv6_msg *m);
} icmpv6_types[] = {
	{ 1, unreach_codes, body_error }, { 2, NULL, body_error }, { 3, exceed_codes, body_error },
	{ 4, param_codes, body_error }, { 128, NULL, body_echo }, { 129, NULL, body_echo },
	{ 130, NULL, body_mld }, { 131, NULL, body_mld }, { 132, NULL, body_mld },
	{ 133, NULL, body_router }, { 134, NULL, body_router }, { 135, NULL, body_neighbor },
	{ 136, NULL, body_neighbor }, { 137, NULL, body_neighbor }, { 138, rr_codes, body_data }, { 139, ni_query_codes, body_data },
	{ 140, ni_reply_codes, body_data }, { 143, NULL, body_mldv2_report }, { 155, rpl_codes, body_data },
	{ 160, ext_echo_req_codes, body_data }, { 161, ext_echo_reply_codes, body_data },
};

static const struct icmpv6_type *icmpv6_type(uint8_t type)
{
	static const struct icmpv6_type other = { 0, NULL, body_data };

	for (size_t i = 0; i < sizeof(icmpv6_types) / sizeof(icmpv6_types[0]); i++)
		if (icmpv6_types[i].type == type)
			return &icmpv6_types[i];
	return &other;
}

/* The checksum node and its status: verified over the pseudo-header and the message
 * when all of it was captured and it is not a quoted one. */
static void icmpv6_checksum(struct dctx *d, const struct cur *msg, const struct icmpv6_msg *m)
{
	const struct pinfo *pi = d->pi;
	int32_t want = CKSUM_UNVERIFIED;

	if (!pi->in_error && pi->caplen >= pi->len && pi->net_src.type == AT_IPv6)
		want = cur_csum_field(pseudo_sum(pi, (uint32_t)cur_left(msg)), msg, 2);
	dissect_checksum(d, m->node, &fields[X_CHECKSUM], &fields[X_CHECKSUM_STATUS], m->at - 2, m->sum, want);
}

static void dissect_icmpv6(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), n;
	const struct cur msg = *c;
	struct icmpv6_msg m;

	m.node = dissect_layer(d, parent, "icmpv6", "ICMPv6", &fields[X_PROTO], start, (uint32_t)cur_left(c));
	m.at = start + 4;
	m.type = cur_u8(c);
	m.code = cur_u8(c);
	m.sum = cur_be16(c);
	if (!cur_ok(c)) {
		dissect_exhausted(d, m.node, "ICMPv6");
		return;
	}
	const struct icmpv6_type *ty = icmpv6_type(m.type);
	const char *tname = val_to_str(m.type, type_vals);
	const char *cname = ty->codes ? val_to_str(m.code, ty->codes) : NULL;
	char unknown[16];
	if (ty->codes && !cname) {	/* Destination Unreachable alone says plain "Unknown" */
		snprintf(unknown, sizeof(unknown), m.type == 1 ? "Unknown" : "Unknown (%u)", m.code);
		cname = unknown;
	}
	tree_add_uint(t, m.node, &fields[X_TYPE], start, 1, m.type);
	n = tree_add_uint(t, m.node, &fields[X_CODE], start + 1, 1, m.code);
	if (cname)
		tree_label(t, n, "Code: %u (%s)", m.code, cname);
	icmpv6_checksum(d, &msg, &m);
	if (tname)
		col_append(pi, "%s", tname);
	else
		col_append(pi, "Unknown (%u)", m.type);
	if (cname)
		col_append(pi, " (%s)", cname);
	ty->body(d, c, &m);
}
