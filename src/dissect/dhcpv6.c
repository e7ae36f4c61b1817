/* dhcpv6.c — DHCPv6 (RFC 8415) on UDP ports 546 (client) and 547 (server, relay).
 *
 *   +-------------+-------------------------------------------+
 *   | msg-type    |            transaction-id (24 bits)       |   client/server message
 *   +-------------+-------------------------------------------+
 *   | msg-type    | hop-count | link-address (16) | peer-address (16) |   relay message
 *   | options: option-code (16), option-len (16), option-data …       |
 *
 * Info as Wireshark: "Solicit XID: 0x6aebe6 CID: 0001… IAA: 1234::4 ", a relay's
 * "Relay-forw L: addr " followed by the relayed message's.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dissect/protos.h"

static void dissect_dhcpv6(struct dctx *d, struct cur *c, uint32_t parent);

enum {
	V_PROTO, V_MSGTYPE, V_HOPCOUNT, V_XID, V_LINKADDR, V_PEERADDR, V_OPT, V_OPT_TYPE,
	V_OPT_LEN, V_DUID, V_DUID_TYPE, V_DUIDLLT_HW, V_DUIDLLT_TIME, V_DUIDLLT_LL, V_DUIDLL_HW,
	V_DUIDLL_LL, V_REQ_OPT, V_ELAPSED, V_IAID, V_IATA, V_T1, V_T2, V_IAADDR, V_PREF_LT, V_VALID_LT,
	V_STATUS, V_STATUS_MSG, V_DNS, V_PREFERENCE, V_IFID, V_VALUE,
};

static const struct val_str msg_vals[] = {
	{ 1, "Solicit" }, { 2, "Advertise" }, { 3, "Request" }, { 4, "Confirm" }, { 5, "Renew" },
	{ 6, "Rebind" }, { 7, "Reply" }, { 8, "Release" }, { 9, "Decline" }, { 10, "Reconfigure" },
	{ 11, "Information-request" }, { 12, "Relay-forw" }, { 13, "Relay-reply" },
	{ 14, "Leasequery" }, { 15, "Leasequery-reply" }, { 16, "Leasequery-done" },
	{ 17, "Leasequery-data" }, { 18, "Reconfigure-request" }, { 19, "Reconfigure-reply" },
	{ 0, NULL }
};
static const struct val_str opt_vals[] = {
	{ 1, "Client Identifier" },
	{ 2, "Server Identifier" },
	{ 3, "Identity Association for Non-temporary Address" },
	{ 4, "Identity Association for Temporary Address" },
	{ 5, "IA Address" },
	{ 6, "Option Request" },
	{ 7, "Preference" },
	{ 8, "Elapsed time" },
	{ 9, "Relay Message" },
	{ 11, "Authentication" },
	{ 12, "Server unicast" },
	{ 13, "Status code" },
	{ 14, "Rapid Commit" },
	{ 15, "User Class" },
	{ 16, "Vendor Class" },
	{ 17, "Vendor-specific Information" },
	{ 18, "Interface-Id" },
	{ 19, "Reconfigure Message" },
	{ 20, "Reconfigure Accept" },
	{ 21, "SIP Server Domain Name List" },
	{ 22, "SIP Servers IPv6 Address List" },
	{ 23, "DNS recursive name server" },
	{ 24, "Domain Search List" },
	{ 25, "Identity Association for Prefix Delegation" },
	{ 26, "IA Prefix" },
	{ 27, "Network Information Server" },
	{ 28, "Network Information Server V2" },
	{ 29, "Network Information Server Domain Name" },
	{ 30, "Network Information Server V2 Domain Name" },
	{ 31, "Simple Network Time Protocol Server" },
	{ 32, "Lifetime" },
	{ 33, "BCMCS Server Domain" },
	{ 34, "BCMCS Servers IPv6 Address List" },
	{ 36, "Geoconf Civic Address" },
	{ 37, "Remote Identifier" },
	{ 38, "Subscriber Identifier" },
	{ 39, "Client Fully Qualified Domain Name" },
	{ 40, "PANA Agents IPv6 Address List" },
	{ 41, "Time Zone" },
	{ 42, "Time Zone Database" },
	{ 43, "Echo Request Option" },
	{ 44, "Leasequery Query" },
	{ 45, "Leasequery Client Data" },
	{ 46, "Client Last Transaction Time" },
	{ 47, "Leasequery Relay Data" },
	{ 48, "Leasequery Client Link Address List" },
	{ 49, "Home Network Identifier FQDN" },
	{ 50, "Visited Home Network Information" },
	{ 51, "LoST Server" },
	{ 52, "CAPWAP Access Controllers" },
	{ 53, "Relay-ID" },
	{ 54, "MoS IPv6 Address" },
	{ 55, "MoS Domain Name List" },
	{ 56, "NTP Server" },
	{ 57, "Access Network Domain Name" },
	{ 58, "SIP User Agent Configuration Service Domains" },
	{ 59, "Boot File URL" },
	{ 60, "Boot File Parameters" },
	{ 61, "Client System Architecture Type" },
	{ 62, "Client Network Interface Identifier" },
	{ 63, "Geolocation" },
	{ 64, "Dual-Stack Lite AFTR Name" },
	{ 65, "ERP Local Domain Name" },
	{ 66, "Relay-Supplied Options" },
	{ 67, "Prefix Exclude" },
	{ 68, "Virtual Subnet Selection" },
	{ 69, "Identified Home Network Information" },
	{ 70, "Unrestricted Home Network Information" },
	{ 71, "Home Network Prefix" },
	{ 72, "Home Agent Address" },
	{ 73, "Home Agent FQDN" },
	{ 74, "RDNSS Selection" },
	{ 75, "Kerberos Principal Name" },
	{ 76, "Kerberos Realm Name" },
	{ 77, "Kerberos Default Realm Name" },
	{ 78, "Kerberos KDC" },
	{ 79, "Client Link-Layer Address" },
	{ 80, "Link Address" },
	{ 81, "RADIUS" },
	{ 82, "SOL_MAX_RT" },
	{ 83, "INF_MAX_RT" },
	{ 84, "Address Selection" },
	{ 85, "Address Selection table" },
	{ 86, "PCP Server" },
	{ 87, "DHCPv4 Message" },
	{ 88, "DHCP 4o6 Servers Address" },
	{ 89, "S46 Rule" },
	{ 90, "S46 BR" },
	{ 91, "S46 DMR" },
	{ 92, "S46 IPv4/IPv6 Address Binding" },
	{ 93, "S46 Port Parameters" },
	{ 94, "S46 MAP-E Container" },
	{ 95, "S46 MAP-T Container" },
	{ 96, "S46 Lightweight 4over6 Container" },
	{ 97, "4rd Options" },
	{ 98, "4rd Mapping Rule" },
	{ 99, "4rd Non-Mapping Rule" },
	{ 100, "LQ Server Base Time" },
	{ 101, "LQ Server Query Start Time" },
	{ 102, "LQ Server Query End Time" },
	{ 103, "Captive Portal" },
	{ 104, "MPL Parameter Configuration" },
	{ 105, "Access Technology Type" },
	{ 106, "Access Network Name" },
	{ 107, "Access Point Name" },
	{ 108, "Access Point BSSID" },
	{ 109, "Access Network Operator ID" },
	{ 110, "Access Network Operator Realm" },
	{ 111, "S46 Priority" },
	{ 112, "Manufacturer Usage Description" },
	{ 113, "IPv4/IPv6 Multicast Prefixes" },
	{ 114, "Failover Binding Status" },
	{ 115, "Failover Connect Flags" },
	{ 116, "Failover DNS Removal Info" },
	{ 117, "Failover DNS Hostname" },
	{ 118, "Failover DNS Zone Name" },
	{ 119, "Failover DNS Flags" },
	{ 120, "Failover Expiration Time" },
	{ 121, "Failover Maximum Number Unacked BNDUPD Messages" },
	{ 122, "Failover Maximum Client Lead Time (MCLT)" },
	{ 123, "Failover Partner Lifetime" },
	{ 124, "Failover Partner Lifetime Sent" },
	{ 125, "Failover Partner Down Time" },
	{ 126, "Failover Partner Raw Client Time" },
	{ 127, "Failover Protocol Version" },
	{ 128, "Failover Keepalive Time" },
	{ 129, "Failover Reconfigure Data" },
	{ 130, "Failover Relationship Name" },
	{ 131, "Failover Server Flags" },
	{ 132, "Failover Server State" },
	{ 133, "Failover Start Time of State" },
	{ 134, "Failover State Expiration Time" },
	{ 135, "Relay Source Port" },
	{ 136, "SZTP Redirect" },
	{ 137, "Softwire Source Binding Prefix Hint" },
	{ 143, "ANDSF IPv6 Address" },
	{ 165, "Mobile IPv6 Home Agent" },
	{ 166, "Mobile IPv6 Home Address" },
	{ 167, "Network Access Identifier" },
	{ 0, NULL }
};
static const struct val_str duid_vals[] = {
	{ 1, "link-layer address plus time" }, { 2, "assigned by vendor based on Enterprise number" },
	{ 3, "link-layer address" }, { 4, "Universally Unique IDentifier (UUID)" }, { 0, NULL }
};
static const struct val_str hw_vals[] = {
	{ 0, "NET/ROM pseudo" }, { 1, "Ethernet" }, { 2, "Experimental Ethernet" }, { 3, "AX.25" },
	{ 4, "ProNET" }, { 5, "Chaos" }, { 6, "IEEE 802" }, { 7, "ARCNET" }, { 0, NULL }
};
static const struct val_str status_vals[] = {
	{ 0, "Success" }, { 1, "UnspecFail" }, { 2, "NoAddrAvail" }, { 3, "NoBinding" },
	{ 4, "NotOnLink" }, { 5, "UseMulticast" }, { 6, "NoPrefixAvail" }, { 7, "UnknownQueryType" },
	{ 8, "MalformedQuery" }, { 9, "NotConfigured" }, { 10, "NotAllowed" },
	{ 11, "QueryTerminated" }, { 12, "DataMissing" }, { 13, "CatchUpComplete" },
	{ 14, "NotSupported" }, { 15, "TLSConnectionRefused" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[V_PROTO] = { "dhcpv6", "DHCPv6", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Hands out IPv6 addresses, prefixes and settings (DNS) to hosts (UDP 546/547).", 0 },
	[V_MSGTYPE] = { "dhcpv6.msgtype", "Message type", FT_UINT8, BASE_DEC, 0, 0, msg_vals,
		"8 bits: 1 Solicit, 2 Advertise, 3 Request, 7 Reply, 11 Information-request…", 0 },
	[V_HOPCOUNT] = { "dhcpv6.hopcount", "Hopcount", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: relay agents the message passed.", 0 },
	[V_XID] = { "dhcpv6.xid", "Transaction ID", FT_UINT24, BASE_HEX, 0, 0, NULL,
		"24 bits: chosen by the client to match replies to its request.", 0 },
	[V_LINKADDR] = { "dhcpv6.linkaddr", "Link address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"Relay: an address of the link the client is on.", 0 },
	[V_PEERADDR] = { "dhcpv6.peeraddr", "Peer address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"Relay: the address the relayed message came from.", 0 },
	[V_OPT] = { "dhcpv6.option", "Option", FT_NONE, BASE_NONE, 0, 0, NULL,
		"One DHCPv6 option (code, length, value).", 0 },
	[V_OPT_TYPE] = { "dhcpv6.option.type", "Option", FT_UINT16, BASE_DEC, 0, 0, opt_vals,
		"16 bits: option code (1 client id, 3 IA_NA, 6 option request, 23 DNS…).", 0 },
	[V_OPT_LEN] = { "dhcpv6.option.length", "Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: bytes of option value.", 0 },
	[V_DUID] = { "dhcpv6.duid.bytes", "DUID", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"DHCP Unique Identifier: names a client or server for good.", 0 },
	[V_DUID_TYPE] = { "dhcpv6.duid.type", "DUID Type", FT_UINT16, BASE_DEC, 0, 0, duid_vals,
		"16 bits: 1 link-layer address plus time, 2 vendor, 3 link-layer address, 4 UUID.", 0 },
	[V_DUIDLLT_HW] = { "dhcpv6.duidllt.hwtype", "Hardware type", FT_UINT16, BASE_DEC, 0, 0, hw_vals,
		"16 bits: ARP hardware type (1 Ethernet).", 0 },
	[V_DUIDLLT_TIME] = { "dhcpv6.duidllt.time", "DUID Time", FT_ABSOLUTE_TIME, BASE_NONE, 0, 0, NULL,
		"When the DUID was made (seconds since 2000-01-01 UTC).", 0 },
	[V_DUIDLLT_LL] = { "dhcpv6.duidllt.link_layer_addr", "Link-layer address", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The link-layer address the DUID was made from.", 0 },
	[V_DUIDLL_HW] = { "dhcpv6.duidll.hwtype", "Hardware type", FT_UINT16, BASE_DEC, 0, 0, hw_vals,
		"16 bits: ARP hardware type (1 Ethernet).", 0 },
	[V_DUIDLL_LL] = { "dhcpv6.duidll.link_layer_addr", "Link-layer address", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The link-layer address the DUID was made from.", 0 },
	[V_REQ_OPT] = { "dhcpv6.requested_option_code", "Requested Option code", FT_UINT16, BASE_DEC, 0, 0, opt_vals,
		"16 bits: an option the client asks the server for.", 0 },
	[V_ELAPSED] = { "dhcpv6.elapsed_time", "Elapsed time", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: hundredths of a second since the client began this exchange.", 0 },
	[V_IAID] = { "dhcpv6.iaid", "IAID", FT_STRING, BASE_NONE, 0, 0, NULL,
		"32 bits: names one identity association of the client.", 0 },
	[V_IATA] = { "dhcpv6.iata", "IATA", FT_STRING, BASE_NONE, 0, 0, NULL,
		"32 bits: names one temporary-address association of the client.", 0 },
	[V_T1] = { "dhcpv6.iaid.t1", "T1", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Seconds until the client renews with its server.", 0 },
	[V_T2] = { "dhcpv6.iaid.t2", "T2", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Seconds until the client rebinds with any server.", 0 },
	[V_IAADDR] = { "dhcpv6.iaaddr.ip", "IPv6 address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"An address assigned to the client.", 0 },
	[V_PREF_LT] = { "dhcpv6.iaaddr.pref_lifetime", "Preferred lifetime", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Seconds the address stays preferred.", 0 },
	[V_VALID_LT] = { "dhcpv6.iaaddr.valid_lifetime", "Valid lifetime", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Seconds the address stays valid.", 0 },
	[V_STATUS] = { "dhcpv6.status_code", "Status Code", FT_UINT16, BASE_DEC, 0, 0, status_vals,
		"16 bits: 0 Success, 2 NoAddrAvail…", 0 },
	[V_STATUS_MSG] = { "dhcpv6.status_msg", "Status Message", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Text for a human.", 0 },
	[V_DNS] = { "dhcpv6.dns_server", "DNS server address", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"A recursive DNS server the client should use.", 0 },
	[V_PREFERENCE] = { "dhcpv6.preference", "Pref-value", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: the server's preference, 255 = take me at once.", 0 },
	[V_IFID] = { "dhcpv6.interface_id", "Interface-ID", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Relay: names the interface the client message arrived on.", 0 },
	[V_VALUE] = { "dhcpv6.option.value", "Value", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The option's value, not decoded.", 0 },
};
static const struct field_table dhcpv6_table = REG_TABLE(fields);
static const struct handoff dhcpv6_handoffs[] = {
	{ HO_UDP_PORT, 546, .fn = dissect_dhcpv6 },
	{ HO_UDP_PORT, 547, .fn = dissect_dhcpv6 },
};
const struct proto_reg dhcpv6_proto = REG_PROTO(dhcpv6_table, dhcpv6_handoffs);

enum { OPT_CLIENTID = 1, OPT_SERVERID = 2, OPT_IA_NA = 3, OPT_IA_TA = 4, OPT_IAADDR = 5,
	OPT_ORO = 6, OPT_PREFERENCE = 7, OPT_ELAPSED = 8, OPT_RELAY_MSG = 9, OPT_STATUS = 13,
	OPT_IFID = 18, OPT_DNS = 23, OPT_DOMAIN_LIST = 24 };

/* Seconds from 1970-01-01 to 2000-01-01, the DUID-LLT epoch. */
#define DHCPV6_DUID_EPOCH 946684800LL

static void dhcpv6_msg(struct dctx *d, struct cur m, uint32_t node, int depth);

/* s copied into the tree's storage (NULL without a tree). */
static const uint8_t *dhcpv6_keep(struct dtree *t, const char *s)
{
	return t ? tree_keep(t, s, (uint32_t)strlen(s)) : NULL;
}

static void dhcpv6_hex(char *buf, size_t bn, const struct cur *v, size_t n, char sep)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && o + 4 < bn; i++) {
		if (sep && i)
			buf[o++] = sep;
		o += (size_t)snprintf(buf + o, bn - o, "%02x", cur_peek(v, i));
	}
}

/* A DUID in v (the option value) under on. */
static void dhcpv6_duid(struct dctx *d, uint32_t on, const struct cur *v, int client)
{
	struct dtree *t = d->tree;
	uint32_t off = cur_off(v);
	size_t n = cur_left(v);
	char hex[512];

	tree_add_bytes(t, on, &fields[V_DUID], off, (uint32_t)n, v->p, (uint32_t)n);
	if (client && d->pi->want_cols) {
		dhcpv6_hex(hex, sizeof(hex), v, n, 0);
		col_append(d->pi, "CID: %s ", hex);
	}
	if (n < 2)
		return;
	uint16_t type = cur_peek_be16(v, 0);
	tree_add_uint(t, on, &fields[V_DUID_TYPE], off, 2, type);
	if (type == 1 && n >= 8) {
		tree_add_uint(t, on, &fields[V_DUIDLLT_HW], off + 2, 2, cur_peek_be16(v, 2));
		tree_add_time(t, on, &fields[V_DUIDLLT_TIME], off + 4, 4,
		    ((int64_t)cur_peek_be32(v, 4) + DHCPV6_DUID_EPOCH) * 1000000000LL);
		struct cur ll = cur_at(v, 8);
		dhcpv6_hex(hex, sizeof(hex), &ll, n - 8, ':');
		tree_add_bytes(t, on, &fields[V_DUIDLLT_LL], off + 8, (uint32_t)(n - 8),
		    dhcpv6_keep(t, hex), (uint32_t)strlen(hex));
	} else if (type == 3 && n >= 4) {
		tree_add_uint(t, on, &fields[V_DUIDLL_HW], off + 2, 2, cur_peek_be16(v, 2));
		struct cur ll = cur_at(v, 4);
		dhcpv6_hex(hex, sizeof(hex), &ll, n - 4, ':');
		tree_add_bytes(t, on, &fields[V_DUIDLL_LL], off + 4, (uint32_t)(n - 4),
		    dhcpv6_keep(t, hex), (uint32_t)strlen(hex));
	}
}

/* A list of uncompressed DNS names (RFC 1035 labels) in v, each "List entry: a.b." */
static void dhcpv6_domains(struct dtree *t, uint32_t on, const struct cur *v)
{
	size_t n = cur_left(v), o = 0;
	uint32_t off = cur_off(v), ln;

	if (!n)
		return;
	ln = tree_add_text(t, on, off, (uint32_t)n, "Domain name suffix search list");
	while (o < n) {
		char name[256];
		size_t start = o, w = 0;
		while (o < n && cur_peek(v, o) != 0) {
			size_t l = cur_peek(v, o++);
			for (size_t i = 0; i < l && o < n; i++, o++)
				if (w + 2 < sizeof(name))
					name[w++] = (char)cur_peek(v, o);
			if (w + 2 < sizeof(name))
				name[w++] = '.';
		}
		o++;
		name[w] = '\0';
		tree_add_text(t, ln, off + (uint32_t)start, (uint32_t)(o - start), "List entry: %s", name);
	}
}

/* The options in c under node; depth counts relayed messages. */
static void dhcpv6_options(struct dctx *d, struct cur c, uint32_t node, int depth)
{
	struct dtree *t = d->tree;

	while (cur_left(&c) >= 4) {
		uint32_t off = cur_off(&c);
		uint16_t code = cur_be16(&c), len = cur_be16(&c);
		const char *name = val_to_str(code, opt_vals);
		if (!name)
			name = "Unknown";
		if (cur_left(&c) < len) {
			dissect_exhausted(d, node, "DHCPv6");
			return;
		}
		struct cur v = cur_sub(&c, len, NULL);
		uint32_t vo = off + 4;
		cur_skip(&c, len);
		uint32_t on = tree_add(t, node, &fields[V_OPT], off, 4u + len);
		tree_label(t, on, "%s", name);
		tree_add_uint(t, on, &fields[V_OPT_TYPE], off, 2, code);
		tree_add_uint(t, on, &fields[V_OPT_LEN], off + 2, 2, len);
		switch (code) {
		case OPT_CLIENTID:
		case OPT_SERVERID:
			dhcpv6_duid(d, on, &v, code == OPT_CLIENTID);
			break;
		case OPT_IA_NA:
		case OPT_IA_TA: {
			char iaid[12];
			size_t hl = code == OPT_IA_NA ? 12 : 4;
			if (len < hl)
				break;
			dhcpv6_hex(iaid, sizeof(iaid), &v, 4, 0);
			tree_add_bytes(t, on, &fields[code == OPT_IA_NA ? V_IAID : V_IATA], vo, 4, dhcpv6_keep(t, iaid), 8);
			if (code == OPT_IA_NA) {
				tree_add_uint(t, on, &fields[V_T1], vo + 4, 4, cur_peek_be32(&v, 4));
				tree_add_uint(t, on, &fields[V_T2], vo + 8, 4, cur_peek_be32(&v, 8));
			}
			dhcpv6_options(d, cur_at(&v, hl), on, depth);
			break;
		}
		case OPT_IAADDR: {
			char a[64];
			if (len < 24)
				break;
			tree_add_addr(t, on, &fields[V_IAADDR], vo, 16, v.p);
			tree_add_uint(t, on, &fields[V_PREF_LT], vo + 16, 4, cur_peek_be32(&v, 16));
			tree_add_uint(t, on, &fields[V_VALID_LT], vo + 20, 4, cur_peek_be32(&v, 20));
			if (d->pi->want_cols) {
				struct address ad = { .type = AT_IPv6 };
				memcpy(ad.a, v.p, 16);
				addr_to_str(&ad, a, sizeof(a));
				col_append(d->pi, "IAA: %s ", a);
			}
			dhcpv6_options(d, cur_at(&v, 24), on, depth);
			break;
		}
		case OPT_ORO:
			for (uint32_t i = 0; i + 2 <= len; i += 2)
				tree_add_uint(t, on, &fields[V_REQ_OPT], vo + i, 2, cur_peek_be16(&v, i));
			break;
		case OPT_PREFERENCE:
			if (len >= 1)
				tree_add_uint(t, on, &fields[V_PREFERENCE], vo, 1, cur_peek(&v, 0));
			break;
		case OPT_ELAPSED:
			if (len >= 2) {
				uint32_t e = tree_add_uint(t, on, &fields[V_ELAPSED], vo, 2, cur_peek_be16(&v, 0));
				tree_label(t, e, "Elapsed time: %ums", cur_peek_be16(&v, 0) * 10u);
			}
			break;
		case OPT_RELAY_MSG:
			if (depth < 8 && len >= 1) {
				uint32_t r = tree_add(t, on, &fields[V_OPT], vo, len);
				tree_label(t, r, "DHCPv6");
				dhcpv6_msg(d, v, r, depth + 1);
			}
			break;
		case OPT_STATUS:
			if (len >= 2) {
				tree_add_uint(t, on, &fields[V_STATUS], vo, 2, cur_peek_be16(&v, 0));
				tree_add_bytes(t, on, &fields[V_STATUS_MSG], vo + 2, len - 2u, v.p + 2, len - 2u);
			}
			break;
		case OPT_IFID:
			tree_add_bytes(t, on, &fields[V_IFID], vo, len, v.p, len);
			break;
		case OPT_DOMAIN_LIST:
			dhcpv6_domains(t, on, &v);
			break;
		case OPT_DNS:
			for (uint32_t i = 0; i + 16 <= len; i += 16)
				tree_add_addr(t, on, &fields[V_DNS], vo + i, 16, v.p + i);
			break;
		default:
			if (len)
				tree_add_bytes(t, on, &fields[V_VALUE], vo, len, v.p, len);
			break;
		}
	}
}

/* One message (client/server or relay) in m under node. */
static void dhcpv6_msg(struct dctx *d, struct cur m, uint32_t node, int depth)
{
	struct dtree *t = d->tree;
	uint32_t off = cur_off(&m);
	size_t n = cur_left(&m);
	uint8_t type = cur_peek(&m, 0);
	const char *name = val_to_str(type, msg_vals);

	if (!name)
		name = "Unknown";
	tree_add_uint(t, node, &fields[V_MSGTYPE], off, 1, type);
	col_append(d->pi, "%s ", name);
	if (type == 12 || type == 13) {
		if (n < 34) {
			dissect_exhausted(d, node, "DHCPv6");
			return;
		}
		char a[64];
		tree_add_uint(t, node, &fields[V_HOPCOUNT], off + 1, 1, cur_peek(&m, 1));
		tree_add_addr(t, node, &fields[V_LINKADDR], off + 2, 16, m.p + 2);
		tree_add_addr(t, node, &fields[V_PEERADDR], off + 18, 16, m.p + 18);
		if (d->pi->want_cols) {
			struct address ad = { .type = AT_IPv6 };
			memcpy(ad.a, m.p + 2, 16);
			addr_to_str(&ad, a, sizeof(a));
			col_append(d->pi, "L: %s ", a);
		}
		dhcpv6_options(d, cur_at(&m, 34), node, depth);
		return;
	}
	if (n < 4) {
		dissect_exhausted(d, node, "DHCPv6");
		return;
	}
	uint32_t xid = cur_peek_be24(&m, 1);
	tree_add_uint(t, node, &fields[V_XID], off + 1, 3, xid);
	col_append(d->pi, "XID: 0x%06x ", xid);
	dhcpv6_options(d, cur_at(&m, 4), node, depth);
}

static void dissect_dhcpv6(struct dctx *d, struct cur *c, uint32_t parent)
{
	uint32_t start = cur_off(c), n = (uint32_t)cur_left(c), node;

	node = dissect_layer(d, parent, "dhcpv6", "DHCPv6", &fields[V_PROTO], start, n);
	if (n < 1) {
		dissect_exhausted(d, node, "DHCPv6");
		return;
	}
	dhcpv6_msg(d, *c, node, 0);
	cur_skip(c, n);
}
