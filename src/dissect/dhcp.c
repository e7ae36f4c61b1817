/* dhcp.c — BOOTP (RFC 951) and DHCP (RFC 2131/2132) over UDP ports 67/68.
 *
 *    0               1               2               3
 *   +---------------+---------------+---------------+---------------+
 *   |  op (1 req)   |  htype        |  hlen         |  hops         |
 *   |                     xid (transaction id)                      |
 *   |        secs                   |        flags                  |
 *   | ciaddr | yiaddr | siaddr | giaddr (4 bytes each)              |
 *   | chaddr (16) | sname (64) | file (128) | magic cookie 63825363 |
 *   | options: code, length, value … 255                            |
 *
 * A DHCP message is a BOOTP message with option 53 (message type); without it the
 * packet is shown as BOOTP, as Wireshark does.
 */
#include "config.h"

#include <stdio.h>

#include "dissect/fvalue.h"
#include "dissect/protos.h"

static void dissect_dhcp(struct dctx *d, struct cur *c, uint32_t parent);

enum {
	H_PROTO, H_TYPE, H_HWTYPE, H_HWLEN, H_HOPS, H_ID, H_SECS, H_FLAGS, H_FLAG_BC, H_FLAG_RES,
	H_CIADDR, H_YIADDR, H_SIADDR, H_GIADDR, H_MAC, H_HWADDR, H_HWPAD, H_SERVER, H_FILE,
	H_COOKIE, H_OPT, H_OPT_TYPE, H_OPT_LEN, H_OPT_VALUE, H_OPT_PAD, H_OPT_END, H_OPT_MSGTYPE,
	H_PRL_ITEM, H_CID_TYPE, H_CID_STR, H_CID_IAID, H_CID_DUID_TYPE, H_CID_HW, H_CID_TIME,
	H_CID_LLADDR, H_FQDN_FLAGS, H_FQDN_RES, H_FQDN_N, H_FQDN_E, H_FQDN_O, H_FQDN_S,
	H_FQDN_RRA, H_FQDN_RRPTR, H_FQDN_NAME, H_SR_IP, H_SR_ROUTER, H_UC, H_UC_LEN, H_UC_DATA,
	/* one value field per option kept in opt_defs */
	H_SUBNET, H_TIME_OFFSET, H_ROUTER, H_TIME_SERVER, H_NAME_SERVER, H_DNS, H_LOG_SERVER,
	H_HOSTNAME, H_BOOT_SIZE, H_DOMAIN, H_IP_FWD, H_TTL, H_MTU, H_BCAST, H_NBNS, H_NBNS_NODE,
	H_NTP, H_REQ_IP, H_LEASE, H_SERVER_ID, H_MAX_SIZE, H_RENEW, H_REBIND, H_VCI, H_TFTP_NAME,
	H_BOOTFILE, H_LAST_TIME, H_ASSOC_IP, H_TCODE, H_AUTOCONF, H_NONCE_ALGO, H_TFTP_ADDR,
	H_MUDURL, H_WPAD, H_CSR,
};

static const struct val_str op_vals[] = { { 1, "Boot Request" }, { 2, "Boot Reply" }, { 0, NULL } };
static const struct val_str msg_vals[] = {
	{ 1, "Discover" }, { 2, "Offer" }, { 3, "Request" }, { 4, "Decline" }, { 5, "ACK" },
	{ 6, "NAK" }, { 7, "Release" }, { 8, "Inform" }, { 9, "Force Renew" },
	{ 10, "Lease query" }, { 11, "Lease Unassigned" }, { 12, "Lease Unknown" },
	{ 13, "Lease Active" }, { 0, NULL }
};
static const struct val_str bc_vals[] = { { 0, "Unicast" }, { 1, "Broadcast" }, { 0, NULL } };
static const struct val_str duid_vals[] = {
	{ 1, "link-layer address plus time" }, { 2, "assigned by vendor based on Enterprise number" },
	{ 3, "link-layer address" }, { 4, "Universally Unique IDentifier (UUID)" }, { 0, NULL }
};
static const struct val_str arphrd_vals[] = { { 1, "Ethernet" }, { 6, "IEEE 802" }, { 0, NULL } };
static const struct val_str fqdn_n_vals[] = {
	{ 0, "Some server updates" }, { 1, "No server updates" }, { 0, NULL }
};
static const struct val_str fqdn_e_vals[] = {
	{ 0, "ASCII encoding" }, { 1, "Binary encoding" }, { 0, NULL }
};
static const struct val_str fqdn_o_vals[] = { { 0, "No override" }, { 1, "Override" }, { 0, NULL } };
static const struct val_str fqdn_s_vals[] = { { 0, "Client" }, { 1, "Server" }, { 0, NULL } };
static const struct val_str enabled_vals[] = { { 0, "Disabled" }, { 1, "Enabled" }, { 0, NULL } };
static const struct val_str autoconf_vals[] = {
	{ 0, "DoNotAutoConfigure" }, { 1, "AutoConfigure" }, { 0, NULL }
};
static const struct val_str nonce_vals[] = { { 1, "HMAC-MD5" }, { 0, NULL } };
static const struct val_str nbns_node_vals[] = {
	{ 1, "B-node" }, { 2, "P-node" }, { 4, "M-node" }, { 8, "H-node" }, { 0, NULL }
};

/* Option names as tshark 4.0 shows them, for "Option: (N) Name" and request list items. */
static const char *const opt_names[256] = {
	[0] = "Padding", [1] = "Subnet Mask", [2] = "Time Offset", [3] = "Router", [4] = "Time Server",
	[5] = "Name Server", [6] = "Domain Name Server", [7] = "Log Server", [8] = "Quotes Server",
	[9] = "LPR Server", [10] = "Impress Server", [11] = "Resource Location Server",
	[12] = "Host Name", [13] = "Boot File Size", [14] = "Merit Dump File", [15] = "Domain Name",
	[16] = "Swap Server", [17] = "Root Path", [18] = "Extensions Path", [19] = "IP Forwarding",
	[20] = "Non-Local Source Routing", [21] = "Policy Filter",
	[22] = "Maximum Datagram Reassembly Size", [23] = "Default IP Time-to-Live",
	[24] = "Path MTU Aging Timeout", [25] = "Path MTU Plateau Table", [26] = "Interface MTU",
	[27] = "All Subnets are Local", [28] = "Broadcast Address", [29] = "Perform Mask Discovery",
	[30] = "Mask Supplier", [31] = "Perform Router Discover", [32] = "Router Solicitation Address",
	[33] = "Static Route", [34] = "Trailer Encapsulation", [35] = "ARP Cache Timeout",
	[36] = "Ethernet Encapsulation", [37] = "TCP Default TTL", [38] = "TCP Keepalive Interval",
	[39] = "TCP Keepalive Garbage", [40] = "Network Information Service Domain",
	[41] = "Network Information Service Servers", [42] = "Network Time Protocol Servers",
	[43] = "Vendor-Specific Information", [44] = "NetBIOS over TCP/IP Name Server",
	[45] = "NetBIOS over TCP/IP Datagram Distribution Name Server",
	[46] = "NetBIOS over TCP/IP Node Type", [47] = "NetBIOS over TCP/IP Scope",
	[48] = "X Window System Font Server", [49] = "X Window System Display Manager",
	[50] = "Requested IP Address", [51] = "IP Address Lease Time", [52] = "Option Overload",
	[53] = "DHCP Message Type", [54] = "DHCP Server Identifier", [55] = "Parameter Request List",
	[56] = "Message", [57] = "Maximum DHCP Message Size", [58] = "Renewal Time Value",
	[59] = "Rebinding Time Value", [60] = "Vendor class identifier", [61] = "Client identifier",
	[62] = "Novell/Netware IP domain", [63] = "Novell Options",
	[64] = "Network Information Service+ Domain", [65] = "Network Information Service+ Servers",
	[66] = "TFTP Server Name", [67] = "Bootfile name", [68] = "Mobile IP Home Agent",
	[69] = "SMTP Server", [70] = "POP3 Server", [71] = "NNTP Server", [72] = "Default WWW Server",
	[73] = "Default Finger Server", [74] = "Default IRC Server", [75] = "StreetTalk Server",
	[76] = "StreetTalk Directory Assistance Server", [77] = "User Class Information",
	[78] = "Directory Agent Information", [79] = "Service Location Agent Scope",
	[80] = "Rapid commit", [81] = "Client Fully Qualified Domain Name",
	[82] = "Agent Information Option", [83] = "iSNS", [84] = "Removed/Unassigned",
	[85] = "Novell Directory Services Servers", [86] = "Novell Directory Services Tree Name",
	[87] = "Novell Directory Services Context", [88] = "BCMCS Controller Domain Name [TODO:RFC4280]",
	[89] = "BCMCS Controller IPv4 address [TODO:RFC4280]", [90] = "Authentication",
	[91] = "Client last transaction time", [92] = "Associated IP option",
	[93] = "Client System Architecture", [94] = "Client Network Device Interface",
	[95] = "LDAP [TODO:RFC3679]", [96] = "Removed/Unassigned",
	[97] = "UUID/GUID-based Client Identifier",
	[98] = "Open Group's User Authentication [TODO:RFC2485]", [99] = "Civic Addresses Configuration",
	[100] = "PCode", [101] = "TCode", [102] = "Removed/unassigned", [103] = "Removed/unassigned",
	[104] = "Removed/unassigned", [105] = "Removed/unassigned", [106] = "Removed/unassigned",
	[107] = "Removed/unassigned", [108] = "IPv6-Only Preferred", [109] = "Unassigned",
	[110] = "Removed/Unassigned", [111] = "Unassigned", [112] = "NetInfo Parent Server Address",
	[113] = "NetInfo Parent Server Tag", [114] = "DHCP Captive-Portal", [115] = "Removed/Unassigned",
	[116] = "DHCP Auto-Configuration", [117] = "Name Service Search",
	[118] = "Subnet Selection Option", [119] = "Domain Search", [120] = "SIP Servers",
	[121] = "Classless Static Route", [122] = "CableLabs Client Configuration [TODO:RFC3495]",
	[123] = "Coordinate-based Location Configuration", [124] = "V-I Vendor Class",
	[125] = "V-I Vendor-specific Information", [126] = "Removed/Unassigned",
	[127] = "Removed/Unassigned", [128] = "DOCSIS full security server IP [TODO]",
	[129] = "PXE - undefined (vendor specific)", [130] = "PXE - undefined (vendor specific)",
	[131] = "PXE - undefined (vendor specific)", [132] = "PXE - undefined (vendor specific)",
	[133] = "PXE - undefined (vendor specific)", [134] = "PXE - undefined (vendor specific)",
	[135] = "PXE - undefined (vendor specific)", [136] = "PANA Authentication Agent",
	[137] = "LoST Server Domain Name", [138] = "CAPWAP Access Controllers",
	[139] = "IPv4 Address-MoS", [140] = "IPv4 FQDN-MoS", [141] = "SIP UA Configuration Domains",
	[142] = "IPv4 Address ANDSF", [143] = "Zerotouch Redirect [TODO: draft-ietf-netconf-zerotouch]",
	[144] = "Geospatial Location [TODO:RFC6225]", [145] = "Forcerenew Nonce Capable",
	[146] = "RDNSS Selection", [147] = "Unassigned", [148] = "Unassigned", [149] = "Unassigned",
	[150] = "TFTP Server Address", [151] = "Leasequery Status code", [152] = "Leasequery Base Time",
	[153] = "Leasequery Start Time of State", [154] = "Leasequery Query Start Time",
	[155] = "Leasequery Query End Time", [156] = "Leasequery Dhcp State",
	[157] = "Leasequery Data Source", [158] = "PCP Server", [159] = "Portparams",
	[160] = "Unassigned (ex DHCP Captive-Portal)", [161] = "Manufacturer Usage Description",
	[162] = "Unassigned", [163] = "Unassigned", [164] = "Unassigned", [165] = "Unassigned",
	[166] = "Unassigned", [167] = "Unassigned", [168] = "Unassigned", [169] = "Unassigned",
	[170] = "Unassigned", [171] = "Unassigned", [172] = "Unassigned", [173] = "Unassigned",
	[174] = "Unassigned", [175] = "Etherboot", [176] = "IP Telephone", [177] = "Etherboot",
	[178] = "Unassigned", [179] = "Unassigned", [180] = "Unassigned", [181] = "Unassigned",
	[182] = "Unassigned", [183] = "Unassigned", [184] = "Unassigned", [185] = "Unassigned",
	[186] = "Unassigned", [187] = "Unassigned", [188] = "Unassigned", [189] = "Unassigned",
	[190] = "Unassigned", [191] = "Unassigned", [192] = "Unassigned", [193] = "Unassigned",
	[194] = "Unassigned", [195] = "Unassigned", [196] = "Unassigned", [197] = "Unassigned",
	[198] = "Unassigned", [199] = "Unassigned", [200] = "Unassigned", [201] = "Unassigned",
	[202] = "Unassigned", [203] = "Unassigned", [204] = "Unassigned", [205] = "Unassigned",
	[206] = "Unassigned", [207] = "Unassigned", [208] = "PXELINUX Magic",
	[209] = "PXE Configuration file", [210] = "PXE Path Prefix", [211] = "Reboot Time", [212] = "6RD",
	[213] = "V4 Access Domain", [214] = "Unassigned", [215] = "Unassigned", [216] = "Unassigned",
	[217] = "Unassigned", [218] = "Unassigned", [219] = "Unassigned", [220] = "Subnet Allocation",
	[221] = "Virtual Subnet Selection", [222] = "Unassigned", [223] = "Unassigned", [224] = "Private",
	[225] = "Private", [226] = "Private", [227] = "Private", [228] = "Private", [229] = "Private",
	[230] = "Private", [231] = "Private", [232] = "Private", [233] = "Private", [234] = "Private",
	[235] = "Private", [236] = "Private", [237] = "Private", [238] = "Private", [239] = "Private",
	[240] = "Private", [241] = "Private", [242] = "Private/Avaya IP Telephone", [243] = "Private",
	[244] = "Private", [245] = "Private", [246] = "Private", [247] = "Private", [248] = "Private",
	[249] = "Private/Classless Static Route (Microsoft)", [250] = "Private", [251] = "Private",
	[252] = "Private/Proxy autodiscovery", [253] = "Private", [254] = "Private", [255] = "End",
};
static const struct val_str hwtype_vals[] = {
	{ 0x0, "NET/ROM pseudo" }, { 0x1, "Ethernet" }, { 0x2, "Experimental Ethernet" },
	{ 0x3, "AX.25" }, { 0x4, "ProNET" }, { 0x5, "Chaos" }, { 0x6, "IEEE 802" }, { 0x7, "ARCNET" },
	{ 0x8, "Hyperchannel" }, { 0x9, "Lanstar" }, { 0xa, "Autonet Short Address" },
	{ 0xb, "Localtalk" }, { 0xc, "LocalNet" }, { 0xd, "Ultra link" }, { 0xe, "SMDS" },
	{ 0xf, "Frame Relay DLCI" }, { 0x10, "ATM" }, { 0x11, "HDLC" }, { 0x12, "Fibre Channel" },
	{ 0x13, "ATM (RFC 2225)" }, { 0x14, "Serial Line" }, { 0x15, "ATM" }, { 0x16, "MIL-STD-188-220" },
	{ 0x17, "Metricom STRIP" }, { 0x18, "IEEE 1394.1995" }, { 0x19, "MAPOS" }, { 0x1a, "Twinaxial" },
	{ 0x1b, "EUI-64" }, { 0x1c, "HIPARP" }, { 0x1d, "IP and ARP over ISO 7816-3" },
	{ 0x1e, "ARPSec" }, { 0x1f, "IPsec tunnel" }, { 0x20, "InfiniBand" },
	{ 0x21, "TIA-102 Project 25 CAI" }, { 0x22, "Wiegand Interface" }, { 0x23, "Pure IP" },
	{ 0x24, "Experimental 1" }, { 0x25, "HFI" }, { 0x100, "Experimental 2" }, { 0x101, "AEthernet" },
	{ 0x104, "Notional KISS type" }, { 0x108, "ADAPT" }, { 0x10e, "ROSE" }, { 0x10f, "CCITT X.25" },
	{ 0x110, "Boards with X.25 in firmware" }, { 0x118, "Controller Area Network" }, { 0x200, "PPP" },
	{ 0x201, "Cisco HDLC" }, { 0x204, "LAPB" }, { 0x205, "Digital's DDCMP protocol" },
	{ 0x206, "Raw HDLC" }, { 0x207, "Raw IP" }, { 0x300, "IPIP tunnel" }, { 0x301, "IP6IP6 tunnel" },
	{ 0x302, "Frame Relay Access Device" }, { 0x303, "SKIP vif" }, { 0x304, "Loopback" },
	{ 0x306, "Fiber Distributed Data Interface" }, { 0x307, "AP1000 BIF" },
	{ 0x308, "sit0 device - IPv6-in-IPv4" }, { 0x309, "IP over DDP tunneller" },
	{ 0x30a, "GRE over IP" }, { 0x30b, "PIMSM register interface" },
	{ 0x30c, "High Performance Parallel Interface" }, { 0x30d, "Nexus 64Mbps Ash" },
	{ 0x30e, "Acorn Econet" }, { 0x30f, "Linux-IrDA" }, { 0x310, "Point to point fibrechannel" },
	{ 0x311, "Fibrechannel arbitrated loop" }, { 0x312, "Fibrechannel public loop" },
	{ 0x313, "Fibrechannel fabric" }, { 0x320, "Magic type ident for TR" }, { 0x321, "IEEE 802.11" },
	{ 0x322, "IEEE 802.11 + Prism2 header" }, { 0x323, "IEEE 802.11 + radiotap header" },
	{ 0x324, "IEEE 802.15.4" }, { 0x325, "IEEE 802.15.4 network monitor" },
	{ 0x334, "PhoNet media type" }, { 0x335, "PhoNet pipe header" }, { 0x336, "CAIF media type" },
	{ 0x337, "GRE over IPv6" }, { 0x338, "Netlink" }, { 0x339, "IPv6 over LoWPAN" },
	{ 0x33a, "Vsock monitor header" }, { 0xffff, "Void type, nothing is known" },
	{ 0xfffe, "zero header length" }, { 0, NULL }
};

#define FV(abbrev, name, type, base, vals, help) \
	{ abbrev, name, type, base, 0, 0, vals, help, 0 }
#define FB(abbrev, name, mask, bits, vals, help) \
	{ abbrev, name, FT_BOOLEAN, BASE_NONE, mask, bits, vals, help, 0 }

static const struct field_def fields[] = {
	[H_PROTO] = { "dhcp", "Dynamic Host Configuration Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Hands out IPv4 addresses and settings (gateway, DNS) to hosts joining a network.", 0 },
	[H_TYPE] = { "dhcp.type", "Message type", FT_UINT8, BASE_DEC, 0, 0, op_vals,
		"8 bits: 1 request (client to server), 2 reply.", 0 },
	[H_HWTYPE] = { "dhcp.hw.type", "Hardware type", FT_UINT8, BASE_HEX, 0, 0, hwtype_vals,
		"8 bits: link type of the client (1 Ethernet).", 0 },
	[H_HWLEN] = { "dhcp.hw.len", "Hardware address length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: bytes of the client hardware address (6).", 0 },
	[H_HOPS] = { "dhcp.hops", "Hops", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: relay agents passed.", 0 },
	[H_ID] = { "dhcp.id", "Transaction ID", FT_UINT32, BASE_HEX, 0, 0, NULL,
		"32 bits: chosen by the client to match replies to its request.", 0 },
	[H_SECS] = { "dhcp.secs", "Seconds elapsed", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Seconds since the client began asking.", 0 },
	[H_FLAGS] = { "dhcp.flags", "Bootp flags", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: the top bit asks the server to broadcast its reply.", 0 },
	[H_FLAG_BC] = FB("dhcp.flags.bc", "Broadcast flag", 0x8000, 16, bc_vals,
		"The client cannot receive unicast before it has an address: broadcast the reply."),
	[H_FLAG_RES] = { "dhcp.flags.reserved", "Reserved flags", FT_UINT16, BASE_HEX, 0x7fff, 16, NULL,
		"15 bits, zero.", 0 },
	[H_CIADDR] = { "dhcp.ip.client", "Client IP address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"The client's current address, if it has one.", 0 },
	[H_YIADDR] = { "dhcp.ip.your", "Your (client) IP address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"The address the server offers or assigns.", 0 },
	[H_SIADDR] = { "dhcp.ip.server", "Next server IP address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"Server for the next boot step (TFTP).", 0 },
	[H_GIADDR] = { "dhcp.ip.relay", "Relay agent IP address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"Relay agent that forwarded the message, 0.0.0.0 when none.", 0 },
	[H_MAC] = { "dhcp.hw.mac_addr", "Client MAC address", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"The client's MAC address: what DHCP servers key leases on.", 0 },
	[H_HWADDR] = FV("dhcp.hw.addr", "Client hardware address", FT_BYTES, BASE_NONE, NULL,
		"The client's link address when it is not a 6-byte Ethernet one."),
	[H_HWPAD] = FV("dhcp.hw.addr_padding", "Client hardware address padding", FT_BYTES, BASE_NONE,
		NULL, "The rest of the 16-byte chaddr field."),
	[H_SERVER] = { "dhcp.server", "Server host name", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Optional server name.", 0 },
	[H_FILE] = { "dhcp.file", "Boot file name", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Optional boot file for network boot.", 0 },
	[H_COOKIE] = { "dhcp.cookie", "Magic cookie", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"99.130.83.99: DHCP options follow.", 0 },
	[H_OPT] = { "dhcp.option", "Option", FT_NONE, BASE_NONE, 0, 0, NULL,
		"One DHCP option (code, length, value).", 0 },
	[H_OPT_TYPE] = { "dhcp.option.type", "Option", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: option code (53 message type, 50 requested address, 51 lease time).", 0 },
	[H_OPT_LEN] = { "dhcp.option.length", "Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: bytes of option value.", 0 },
	[H_OPT_VALUE] = FV("dhcp.option.value", "Value", FT_BYTES, BASE_NONE, NULL,
		"The option's bytes, for options not decoded further."),
	[H_OPT_PAD] = FV("dhcp.option.padding", "Padding", FT_BYTES, BASE_NONE, NULL,
		"Pad options (code 0), or bytes after the End option."),
	[H_OPT_END] = FV("dhcp.option.end", "Option End", FT_UINT8, BASE_DEC, NULL,
		"255: the last option."),
	[H_OPT_MSGTYPE] = { "dhcp.option.dhcp", "DHCP", FT_UINT8, BASE_DEC, 0, 0, msg_vals,
		"Option 53: Discover, Offer, Request, ACK…", 0 },
	[H_PRL_ITEM] = FV("dhcp.option.request_list_item", "Parameter Request List Item", FT_UINT8,
		BASE_DEC, NULL, "Option 55: an option the client asks the server to send."),
	[H_CID_TYPE] = FV("dhcp.client_id.type", "Type", FT_UINT8, BASE_DEC, NULL,
		"Option 61: the identifier's type (0 a string, 255 RFC 4361 IAID and DUID)."),
	[H_CID_STR] = FV("dhcp.client_id.undef", "Client Identifier", FT_STRING, BASE_NONE, NULL,
		"Option 61 of type 0: a text identifier."),
	[H_CID_IAID] = FV("dhcp.client_id.iaid", "IAID", FT_STRING, BASE_NONE, NULL,
		"Option 61 of type 255: the interface's identity association (RFC 4361)."),
	[H_CID_DUID_TYPE] = FV("dhcp.client_id.duid_type", "DUID Type", FT_UINT16, BASE_DEC, duid_vals,
		"Option 61 of type 255: how the DUID is built."),
	[H_CID_HW] = FV("dhcp.client_id.duid_llt_hw_type", "Hardware type", FT_UINT16, BASE_DEC,
		arphrd_vals, "The DUID's link type (1 Ethernet)."),
	[H_CID_TIME] = FV("dhcp.client_id.time", "Time", FT_UINT32, BASE_DEC, NULL,
		"Seconds since 2000-01-01 when the DUID was made."),
	[H_CID_LLADDR] = FV("dhcp.client_id.link_layer_address", "Link layer address", FT_STRING,
		BASE_NONE, NULL, "The DUID's link address."),
	[H_FQDN_FLAGS] = FV("dhcp.fqdn.flags", "Flags", FT_UINT8, BASE_HEX, NULL,
		"Option 81: who updates DNS, and the name's encoding."),
	[H_FQDN_RES] = { "dhcp.fqdn.mbz", "Reserved flags", FT_UINT8, BASE_HEX, 0xf0, 8, NULL,
		"4 bits, zero.", 0 },
	[H_FQDN_N] = FB("dhcp.fqdn.n", "Server DDNS", 0x08, 8, fqdn_n_vals, "N: no server updates."),
	[H_FQDN_E] = FB("dhcp.fqdn.e", "Encoding", 0x04, 8, fqdn_e_vals, "E: the name is DNS wire format."),
	[H_FQDN_O] = FB("dhcp.fqdn.o", "Server overrides", 0x02, 8, fqdn_o_vals,
		"O: the server overrode the client's S bit."),
	[H_FQDN_S] = FB("dhcp.fqdn.s", "Server", 0x01, 8, fqdn_s_vals, "S: the server updates the A record."),
	[H_FQDN_RRA] = FV("dhcp.fqdn.rcode1", "A-RR result", FT_UINT8, BASE_DEC, NULL, "Deprecated, 0."),
	[H_FQDN_RRPTR] = FV("dhcp.fqdn.rcode2", "PTR-RR result", FT_UINT8, BASE_DEC, NULL, "Deprecated, 0."),
	[H_FQDN_NAME] = FV("dhcp.fqdn.name", "Client name", FT_STRING, BASE_NONE, NULL,
		"The client's fully qualified domain name."),
	[H_SR_IP] = FV("dhcp.option.static_route.ip", "Destination IP Address", FT_IPv4, BASE_NONE,
		NULL, "Option 33: a destination host."),
	[H_SR_ROUTER] = FV("dhcp.option.static_route.router", "Destination Router", FT_IPv4, BASE_NONE,
		NULL, "Option 33: the router for it."),
	[H_UC] = FV("dhcp.option.user_class", "Instance of User Class", FT_UINT8, BASE_DEC, NULL,
		"Option 77: one user class."),
	[H_UC_LEN] = FV("dhcp.option.user_class.length", "User Class Length", FT_UINT8, BASE_DEC, NULL,
		"Bytes of this user class."),
	[H_UC_DATA] = FV("dhcp.option.user_class.data", "User Class Data", FT_BYTES, BASE_NONE, NULL,
		"The user class's bytes."),
	[H_SUBNET] = FV("dhcp.option.subnet_mask", "Subnet Mask", FT_IPv4, BASE_NONE, NULL,
		"Option 1: the network mask of the offered address."),
	[H_TIME_OFFSET] = FV("dhcp.option.time_offset", "Time Offset", FT_INT32, BASE_DEC, NULL,
		"Option 2: seconds east of UTC."),
	[H_ROUTER] = FV("dhcp.option.router", "Router", FT_IPv4, BASE_NONE, NULL,
		"Option 3: a default gateway."),
	[H_TIME_SERVER] = FV("dhcp.option.time_server", "Time Server", FT_IPv4, BASE_NONE, NULL,
		"Option 4: an RFC 868 time server."),
	[H_NAME_SERVER] = FV("dhcp.option.name_server", "Name Server", FT_IPv4, BASE_NONE, NULL,
		"Option 5: an IEN 116 name server."),
	[H_DNS] = FV("dhcp.option.domain_name_server", "Domain Name Server", FT_IPv4, BASE_NONE, NULL,
		"Option 6: a DNS resolver."),
	[H_LOG_SERVER] = FV("dhcp.option.log_server", "Log Server", FT_IPv4, BASE_NONE, NULL,
		"Option 7: a log server."),
	[H_HOSTNAME] = FV("dhcp.option.hostname", "Host Name", FT_STRING, BASE_NONE, NULL,
		"Option 12: the client's name."),
	[H_BOOT_SIZE] = FV("dhcp.option.boot_file_size", "Boot File Size", FT_UINT16, BASE_DEC, NULL,
		"Option 13: boot file size in 512-byte blocks."),
	[H_DOMAIN] = FV("dhcp.option.domain_name", "Domain Name", FT_STRING, BASE_NONE, NULL,
		"Option 15: the DNS domain of the client."),
	[H_IP_FWD] = FV("dhcp.option.ip_forwarding", "IP Forwarding", FT_BOOLEAN, BASE_NONE, enabled_vals,
		"Option 19: should the client forward IP packets."),
	[H_TTL] = FV("dhcp.option.default_ip_ttl", "Default IP Time-to-Live", FT_UINT8, BASE_DEC, NULL,
		"Option 23: TTL for the client's packets."),
	[H_MTU] = FV("dhcp.option.interface_mtu", "Interface MTU", FT_UINT16, BASE_DEC, NULL,
		"Option 26: MTU of the interface."),
	[H_BCAST] = FV("dhcp.option.broadcast_address", "Broadcast Address", FT_IPv4, BASE_NONE, NULL,
		"Option 28: the subnet's broadcast address."),
	[H_NBNS] = FV("dhcp.option.netbios_over_tcpip_name_server", "NetBIOS over TCP/IP Name Server",
		FT_IPv4, BASE_NONE, NULL, "Option 44: a WINS server."),
	[H_NBNS_NODE] = FV("dhcp.option.netbios_over_tcpip_node_type", "NetBIOS over TCP/IP Node Type",
		FT_UINT8, BASE_DEC, nbns_node_vals, "Option 46: how NetBIOS names are resolved."),
	[H_NTP] = FV("dhcp.option.ntp_server", "Network Time Protocol Server", FT_IPv4, BASE_NONE, NULL,
		"Option 42: an NTP server."),
	[H_REQ_IP] = FV("dhcp.option.requested_ip_address", "Requested IP Address", FT_IPv4, BASE_NONE,
		NULL, "Option 50: the address the client asks for."),
	[H_LEASE] = FV("dhcp.option.ip_address_lease_time", "IP Address Lease Time", FT_UINT32,
		BASE_DEC, NULL, "Option 51: seconds the address is leased for."),
	[H_SERVER_ID] = FV("dhcp.option.dhcp_server_id", "DHCP Server Identifier", FT_IPv4, BASE_NONE,
		NULL, "Option 54: the server that sent or is chosen."),
	[H_MAX_SIZE] = FV("dhcp.option.dhcp_max_message_size", "Maximum DHCP Message Size", FT_UINT16,
		BASE_DEC, NULL, "Option 57: the largest message the client accepts."),
	[H_RENEW] = FV("dhcp.option.renewal_time_value", "Renewal Time Value", FT_UINT32, BASE_DEC,
		NULL, "Option 58: T1, seconds until the client renews."),
	[H_REBIND] = FV("dhcp.option.rebinding_time_value", "Rebinding Time Value", FT_UINT32, BASE_DEC,
		NULL, "Option 59: T2, seconds until the client rebinds."),
	[H_VCI] = FV("dhcp.option.vendor_class_id", "Vendor class identifier", FT_STRING, BASE_NONE,
		NULL, "Option 60: the client's vendor and software (\"MSFT 5.0\")."),
	[H_TFTP_NAME] = FV("dhcp.option.tftp_server_name", "TFTP Server Name", FT_STRING, BASE_NONE,
		NULL, "Option 66: the boot server."),
	[H_BOOTFILE] = FV("dhcp.option.bootfile_name", "Bootfile name", FT_STRING, BASE_NONE, NULL,
		"Option 67: the boot file."),
	[H_LAST_TIME] = FV("dhcp.option.client_last_transaction_time", "Client last transaction time",
		FT_UINT32, BASE_DEC, NULL, "Option 91: seconds since the client last talked (leasequery)."),
	[H_ASSOC_IP] = FV("dhcp.option.associated_ip_option", "Associated IP option", FT_IPv4,
		BASE_NONE, NULL, "Option 92: another address of the client (leasequery)."),
	[H_TCODE] = FV("dhcp.option.tcode", "TZ TCode", FT_STRING, BASE_NONE, NULL,
		"Option 101: the time zone name."),
	[H_AUTOCONF] = FV("dhcp.option.dhcp_auto_configuration", "DHCP Auto-Configuration", FT_UINT8,
		BASE_DEC, autoconf_vals, "Option 116: may the client pick a link-local address."),
	[H_NONCE_ALGO] = FV("dhcp.option.forcerenew_nonce_algo", "Algorithm", FT_UINT8, BASE_DEC,
		nonce_vals, "Option 145: the nonce algorithm the client supports."),
	[H_TFTP_ADDR] = FV("dhcp.option.tftp_server_address", "TFTP Server Address", FT_IPv4,
		BASE_NONE, NULL, "Option 150: a TFTP server."),
	[H_MUDURL] = FV("dhcp.option.mudurl", "MUDURL", FT_STRING, BASE_NONE, NULL,
		"Option 161: the device's Manufacturer Usage Description URL."),
	[H_WPAD] = FV("dhcp.option.private_proxy_autodiscovery", "Private/Proxy autodiscovery",
		FT_STRING, BASE_NONE, NULL, "Option 252: the WPAD proxy configuration URL."),
	[H_CSR] = FV("dhcp.option.classless_static_route", "Subnet/MaskWidth-Router", FT_BYTES,
		BASE_NONE, NULL, "Option 121 (RFC 3442): a destination prefix and its router."),
};
static const struct field_table dhcp_table = REG_TABLE(fields);
static const struct handoff dhcp_handoffs[] = {
	{ HO_UDP_PORT, 67, .fn = dissect_dhcp },
	{ HO_UDP_PORT, 68, .fn = dissect_dhcp },
};
const struct proto_reg dhcp_proto = REG_PROTO(dhcp_table, dhcp_handoffs);

/* How an option's value is shown (RFC 2132 and later). */
enum opt_kind {
	K_BYTES,	/* "Value: hex" */
	K_IPV4,		/* one address, also in the option's label */
	K_IPV4_LIST,	/* addresses, one line each */
	K_STRING,
	K_U8, K_U16,
	K_TIME,		/* "(60s) 1 minute" */
	K_STIME,	/* signed seconds */
	K_MSGTYPE, K_PRL, K_CLIENT_ID, K_FQDN, K_STATIC_ROUTE, K_USER_CLASS,
	K_CLASSLESS,	/* RFC 3442: width, significant prefix bytes, router */
};
struct opt_def {
	uint8_t code, kind;
	uint16_t field;		/* index in fields[] of the value */
};
static const struct opt_def opt_defs[] = {
	{ 1, K_IPV4, H_SUBNET }, { 2, K_STIME, H_TIME_OFFSET }, { 3, K_IPV4_LIST, H_ROUTER },
	{ 4, K_IPV4_LIST, H_TIME_SERVER }, { 5, K_IPV4_LIST, H_NAME_SERVER },
	{ 6, K_IPV4_LIST, H_DNS }, { 7, K_IPV4_LIST, H_LOG_SERVER }, { 12, K_STRING, H_HOSTNAME },
	{ 13, K_U16, H_BOOT_SIZE }, { 15, K_STRING, H_DOMAIN }, { 19, K_U8, H_IP_FWD },
	{ 23, K_U8, H_TTL }, { 26, K_U16, H_MTU }, { 28, K_IPV4, H_BCAST },
	{ 33, K_STATIC_ROUTE, 0 }, { 42, K_IPV4_LIST, H_NTP }, { 44, K_IPV4_LIST, H_NBNS },
	{ 46, K_U8, H_NBNS_NODE }, { 50, K_IPV4, H_REQ_IP }, { 51, K_TIME, H_LEASE },
	{ 53, K_MSGTYPE, H_OPT_MSGTYPE }, { 54, K_IPV4, H_SERVER_ID }, { 55, K_PRL, H_PRL_ITEM },
	{ 57, K_U16, H_MAX_SIZE }, { 58, K_TIME, H_RENEW }, { 59, K_TIME, H_REBIND },
	{ 60, K_STRING, H_VCI }, { 61, K_CLIENT_ID, 0 }, { 66, K_STRING, H_TFTP_NAME },
	{ 67, K_STRING, H_BOOTFILE }, { 77, K_USER_CLASS, 0 }, { 81, K_FQDN, 0 },
	{ 91, K_TIME, H_LAST_TIME }, { 92, K_IPV4_LIST, H_ASSOC_IP }, { 101, K_STRING, H_TCODE },
	{ 116, K_U8, H_AUTOCONF }, { 121, K_CLASSLESS, H_CSR }, { 145, K_U8, H_NONCE_ALGO }, { 150, K_IPV4_LIST, H_TFTP_ADDR },
	{ 161, K_STRING, H_MUDURL }, { 252, K_STRING, H_WPAD },
};

static const struct opt_def *opt_def(uint8_t code)
{
	for (size_t i = 0; i < sizeof(opt_defs) / sizeof(opt_defs[0]); i++)
		if (opt_defs[i].code == code)
			return &opt_defs[i];
	return NULL;
}

#define DHCP_COOKIE 0x63825363u

static size_t cstrlen(const uint8_t *p, size_t max)
{
	size_t n = 0;
	while (n < max && p[n])
		n++;
	return n;
}

/* The option 53 message type in the options of h (the whole BOOTP message, cookie
 * checked by the caller), or -1. */
static int dhcp_msgtype(const struct cur *h)
{
	size_t n = cur_left(h);
	int msgtype = -1;

	for (size_t o = 240; o < n;) {
		uint8_t code = cur_peek(h, o), len = cur_peek(h, o + 1);
		if (code == 255)
			break;
		if (code == 0) {
			o++;
			continue;
		}
		if (o + 2 > n || o + 2 + len > n)
			break;
		if (code == 53 && len >= 1)
			msgtype = cur_peek(h, o + 2);
		o += 2u + len;
	}
	return msgtype;
}

static void dhcp_columns(struct dctx *d, const struct cur *h, uint32_t node, int msgtype)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint8_t op = cur_peek(h, 0);

	if (msgtype >= 0) {
		const char *mn = val_to_str((uint32_t)msgtype, msg_vals);
		char unk[40];
		if (!mn) {
			snprintf(unk, sizeof(unk), "Unknown Message Type (0x%02x)", msgtype);
			mn = unk;
		}
		col_set_proto(pi, "DHCP");
		col_append(pi, "DHCP %-8s - Transaction ID 0x%x", mn, cur_peek_be32(h, 4));
		tree_label(t, node, "Dynamic Host Configuration Protocol (%s)", mn);
	} else {
		char mac[24];
		fv_ether(h->p + 28, mac, sizeof(mac));
		if (op == 2)
			col_append(pi, "Boot Reply");
		else if (cur_peek(h, 1) == 1 && cur_peek(h, 2) == 6)
			col_append(pi, "Boot Request from %s (%s)", mac, mac);
		else
			col_append(pi, "Boot Request");
		tree_label(t, node, "Dynamic Host Configuration Protocol");
	}
}

/* The fixed header up to chaddr (44 bytes, present). */
static void dhcp_header(struct dctx *d, uint32_t node, struct cur h)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(&h), n;
	uint8_t htype = cur_peek(&h, 1), hlen = cur_peek(&h, 2);
	uint16_t flags = cur_peek_be16(&h, 10);
	const uint8_t *ch = h.p + 28;

	tree_add_uint(t, node, &fields[H_TYPE], start, 1, cur_u8(&h));
	tree_add_uint(t, node, &fields[H_HWTYPE], start + 1, 1, cur_u8(&h));
	tree_add_uint(t, node, &fields[H_HWLEN], start + 2, 1, cur_u8(&h));
	tree_add_uint(t, node, &fields[H_HOPS], start + 3, 1, cur_u8(&h));
	tree_add_uint(t, node, &fields[H_ID], start + 4, 4, cur_be32(&h));
	uint16_t secs = cur_be16(&h);
	/* Some clients send secs little-endian; tshark swaps a value whose low byte is 0. */
	if (secs > 0xff && !(secs & 0xff)) {
		n = tree_add_uint(t, node, &fields[H_SECS], start + 8, 2, secs >> 8);
		dissect_expert(d, n, NULL, SEV_NOTE, "Protocol",
		    "Seconds elapsed appears to be encoded as little-endian");
	} else {
		tree_add_uint(t, node, &fields[H_SECS], start + 8, 2, secs);
	}
	n = tree_add_uint(t, node, &fields[H_FLAGS], start + 10, 2, cur_be16(&h));
	if (flags & 0x8000)
		tree_label(t, n, "Bootp flags: 0x%04x, Broadcast flag (Broadcast)", flags);
	else
		tree_label(t, n, "Bootp flags: 0x%04x (Unicast)", flags);
	tree_add_uint(t, n, &fields[H_FLAG_BC], start + 10, 2, flags);
	tree_add_uint(t, n, &fields[H_FLAG_RES], start + 10, 2, flags);
	tree_add_addr(t, node, &fields[H_CIADDR], start + 12, 4, cur_ptr(&h, 4));
	tree_add_addr(t, node, &fields[H_YIADDR], start + 16, 4, cur_ptr(&h, 4));
	tree_add_addr(t, node, &fields[H_SIADDR], start + 20, 4, cur_ptr(&h, 4));
	tree_add_addr(t, node, &fields[H_GIADDR], start + 24, 4, cur_ptr(&h, 4));
	if (hlen == 6 && (htype == 1 || htype == 6)) {
		tree_add_addr(t, node, &fields[H_MAC], start + 28, 6, ch);
		tree_add_bytes(t, node, &fields[H_HWPAD], start + 34, 10, ch + 6, 10);
	} else if (hlen > 0) {
		uint32_t l = hlen > 16 ? 16 : hlen;
		tree_add_bytes(t, node, &fields[H_HWADDR], start + 28, l, ch, l);
		if (l < 16)
			tree_add_bytes(t, node, &fields[H_HWPAD], start + 28 + l, 16 - l, ch + l, 16 - l);
	}
}

/* Option 61 (RFC 2132 9.14, RFC 4361): a hardware address, a string, or IAID and DUID. */
static void opt_client_id(struct dctx *d, uint32_t on, const struct cur *v, uint32_t at)
{
	struct dtree *t = d->tree;
	size_t len = cur_left(v);
	uint8_t type = cur_peek(v, 0);
	char hex[64];

	if (len == 7 && type == 1) {
		tree_add_uint(t, on, &fields[H_HWTYPE], at, 1, type);
		tree_add_addr(t, on, &fields[H_MAC], at + 1, 6, v->p + 1);
	} else if (type == 0 && len >= 1) {
		tree_add_uint(t, on, &fields[H_CID_TYPE], at, 1, type);
		dissect_add_stringz(d, on, &fields[H_CID_STR], v, 1, len - 1, 0);	/* with its warning */
	} else if (type == 255 && len >= 7) {
		uint16_t duid = cur_peek_be16(v, 5);
		snprintf(hex, sizeof(hex), "%08x", cur_peek_be32(v, 1));
		tree_label(t, tree_add_bytes(t, on, &fields[H_CID_IAID], at + 1, 4, v->p + 1, 4), "IAID: %s", hex);
		tree_add_uint(t, on, &fields[H_CID_DUID_TYPE], at + 5, 2, duid);
		size_t o = duid == 1 ? 13 : duid == 3 ? 9 : 0;
		if (!o || len < o)
			return;
		tree_add_uint(t, on, &fields[H_CID_HW], at + 7, 2, cur_peek_be16(v, 7));
		if (duid == 1)
			tree_add_uint(t, on, &fields[H_CID_TIME], at + 9, 4, cur_peek_be32(v, 9));
		size_t hl = 0;
		int colons = cur_peek_be16(v, 7) == 1 && len - o == 6;	/* an Ethernet address */
		for (size_t i = o; i < len && hl + 4 < sizeof(hex); i++)
			hl += (size_t)snprintf(hex + hl, sizeof(hex) - hl, "%s%02x", colons && i > o ? ":" : "",
			    cur_peek(v, i));
		tree_label(t, tree_add_bytes(t, on, &fields[H_CID_LLADDR], at + (uint32_t)o,
		    (uint32_t)(len - o), v->p + o, (uint32_t)(len - o)), "Link layer address: %s", hex);
	}
}

/* A DNS name in wire format (RFC 1035 3.1, no compression) as "a.b.c". */
static void wire_name(const struct cur *v, size_t o, char *buf, size_t n)
{
	size_t at = 0, len = cur_left(v);

	buf[0] = '\0';
	while (o < len) {
		uint8_t l = cur_peek(v, o++);
		if (!l)
			break;
		for (uint8_t i = 0; i < l && o < len && at + 2 < n; i++)
			buf[at++] = (char)cur_peek(v, o++);
		if (at + 2 < n)
			buf[at++] = '.';
	}
	if (at && buf[at - 1] == '.')
		at--;
	buf[at] = '\0';
}

/* Option 81 (RFC 4702): flags, two deprecated rcodes, the name. */
static void opt_fqdn(struct dtree *t, uint32_t on, const struct cur *v, uint32_t at)
{
	static const uint8_t bits[] = { H_FQDN_N, H_FQDN_E, H_FQDN_O, H_FQDN_S };
	static const char *const names[] = { "Server DDNS", "Encoding", "Server overrides", "Server" };
	size_t len = cur_left(v);
	uint8_t fl = cur_peek(v, 0);
	char name[256];

	if (len < 3)
		return;
	uint32_t fn = tree_add_uint(t, on, &fields[H_FQDN_FLAGS], at, 1, fl);
	tree_label(t, fn, "Flags: 0x%02x", fl);
	tree_add_uint(t, fn, &fields[H_FQDN_RES], at, 1, fl);
	for (size_t i = 0; i < sizeof(bits); i++) {
		if (fl & fields[bits[i]].mask)
			tree_label_append(t, fn, ", %s", names[i]);
		tree_add_uint(t, fn, &fields[bits[i]], at, 1, fl);
	}
	tree_add_uint(t, on, &fields[H_FQDN_RRA], at + 1, 1, cur_peek(v, 1));
	tree_add_uint(t, on, &fields[H_FQDN_RRPTR], at + 2, 1, cur_peek(v, 2));
	if (len == 3)
		return;
	uint32_t nn = tree_add_bytes(t, on, &fields[H_FQDN_NAME], at + 3, (uint32_t)len - 3, v->p + 3,
	    (uint32_t)len - 3);
	if (fl & 0x04) {
		wire_name(v, 3, name, sizeof(name));
		tree_label(t, nn, "Client name: %s", name);
	}
}

static void opt_value(struct dctx *d, uint32_t on, uint8_t code, const struct cur *v, uint32_t at)
{
	struct dtree *t = d->tree;
	const struct opt_def *od = opt_def(code);
	uint32_t len = (uint32_t)cur_left(v), n;
	const struct field_def *f = od ? &fields[od->field] : NULL;
	int kind = od ? od->kind : K_BYTES;
	char buf[96], a[20];

	if (!len) {
		tree_add_text(t, on, at, 0, "Value: <MISSING>");
		if (kind == K_STRING)
			tree_add_bytes(t, on, f, at, 0, v->p, 0);
		return;
	}
	static const uint8_t need[] = { [K_IPV4] = 4, [K_U8] = 1, [K_U16] = 2, [K_TIME] = 4,
		[K_STIME] = 4, [K_MSGTYPE] = 1 };
	if ((kind < (int)sizeof(need) && need[kind] && len != need[kind]) ||
	    (kind == K_IPV4_LIST && len % 4)) {
		tree_add_bytes(t, on, &fields[H_OPT_VALUE], at, len, v->p, len);
		if (kind == K_IPV4)
			dissect_expert(d, on, NULL, SEV_ERROR, "Protocol", "length isn't 4");
		return;
	}
	if (kind == K_STATIC_ROUTE && len % 8) {
		dissect_expert(d, on, NULL, SEV_ERROR, "Protocol", "Option length isn't a multiple of 8");
		return;
	}
	switch (kind) {
	case K_IPV4:
		fv_ipv4(v->p, a, sizeof(a));
		tree_label_append(t, on, " (%s)", a);
		tree_add_addr(t, on, f, at, 4, v->p);
		break;
	case K_IPV4_LIST:
		for (uint32_t o = 0; o < len; o += 4)
			tree_add_addr(t, on, f, at + o, 4, v->p + o);
		break;
	case K_STATIC_ROUTE:
		for (uint32_t o = 0; o < len; o += 8) {
			tree_add_addr(t, on, &fields[H_SR_IP], at + o, 4, v->p + o);
			tree_add_addr(t, on, &fields[H_SR_ROUTER], at + o + 4, 4, v->p + o + 4);
		}
		break;
	case K_STRING:
		tree_add_bytes(t, on, f, at, len, v->p, (uint32_t)cstrlen(v->p, len));
		break;
	case K_U8:
	case K_MSGTYPE:
		tree_add_uint(t, on, f, at, 1, cur_peek(v, 0));
		break;
	case K_U16:
		tree_add_uint(t, on, f, at, 2, cur_peek_be16(v, 0));
		break;
	case K_TIME:
	case K_STIME: {
		uint32_t s = cur_peek_be32(v, 0);
		if (kind == K_STIME && (int32_t)s < 0)
			n = tree_add_int(t, on, f, at, 4, (int32_t)s);
		else
			n = tree_add_uint(t, on, f, at, 4, s);
		if (kind == K_TIME && s == 0xffffffffu)
			snprintf(buf, sizeof(buf), "infinity");
		else
			fv_time_span(kind == K_STIME && (int32_t)s < 0 ? (uint32_t)-(int64_t)(int32_t)s : s,
			    -1, buf, sizeof(buf));
		if (kind == K_STIME)
			tree_label(t, n, "%s: (%ds) %s%s", f->name, (int32_t)s, (int32_t)s < 0 ? "-" : "", buf);
		else
			tree_label(t, n, "%s: (%us) %s", f->name, s, buf);
		break;
	}
	case K_PRL:
		for (uint32_t o = 0; o < len; o++) {
			uint8_t it = cur_peek(v, o);
			tree_label(t, tree_add_uint(t, on, f, at + o, 1, it),
			    "Parameter Request List Item: (%u) %s", it, opt_names[it]);
		}
		break;
	case K_CLASSLESS:
		for (uint32_t o = 0; o < len;) {
			uint8_t w = cur_peek(v, o), dst[4] = { 0 };
			uint32_t sig = (w + 7u) / 8u;
			if (w > 32 || o + 1 + sig + 4 > len)
				break;
			for (uint32_t i = 0; i < sig; i++)
				dst[i] = cur_peek(v, o + 1 + i);
			char da[20], ra[20];
			fv_ipv4(dst, da, sizeof(da));
			fv_ipv4(v->p + o + 1 + sig, ra, sizeof(ra));
			n = tree_add_bytes(t, on, f, at + o, 1 + sig + 4, v->p + o, 1 + sig + 4);
			if (w)
				tree_label(t, n, " %s/%u-%s", da, w, ra);
			else
				tree_label(t, n, " default-%s", ra);
			o += 1 + sig + 4;
		}
		break;
	case K_CLIENT_ID:
		opt_client_id(d, on, v, at);
		break;
	case K_FQDN:
		opt_fqdn(t, on, v, at);
		break;
	case K_USER_CLASS:
		for (uint32_t o = 0, i = 0; o < len; i++) {
			uint8_t ul = cur_peek(v, o);
			uint32_t un = tree_add_uint(t, on, &fields[H_UC], at + o, 1u + ul, i);
			tree_label(t, un, "Instance of User Class: [%u]", i);
			tree_add_uint(t, un, &fields[H_UC_LEN], at + o, 1, ul);
			if (o + 1u + ul > len)
				break;
			tree_add_bytes(t, un, &fields[H_UC_DATA], at + o + 1, ul, v->p + o + 1, ul);
			o += 1u + ul;
		}
		break;
	default:
		tree_add_bytes(t, on, &fields[H_OPT_VALUE], at, len, v->p, len);
		break;
	}
}

/* The options after the cookie of h (the whole message, at least 240 bytes). */
static void dhcp_options(struct dctx *d, uint32_t node, const struct cur *h)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(h);
	size_t n = cur_left(h);

	for (size_t o = 240; o < n;) {
		uint8_t code = cur_peek(h, o);
		uint32_t on, at = start + (uint32_t)o;
		if (code == 0) {
			size_t e = o;
			while (e < n && cur_peek(h, e) == 0)
				e++;
			on = tree_add(t, node, &fields[H_OPT], at, (uint32_t)(e - o));
			tree_label(t, on, "Option: (0) Padding");
			tree_add_bytes(t, on, &fields[H_OPT_PAD], at, (uint32_t)(e - o), h->p + o, (uint32_t)(e - o));
			o = e;
			continue;
		}
		if (code == 255) {
			on = tree_add(t, node, &fields[H_OPT], at, 1);
			tree_label(t, on, "Option: (255) End");
			tree_add_uint(t, on, &fields[H_OPT_END], at, 1, code);
			if (++o < n)
				tree_add_bytes(t, node, &fields[H_OPT_PAD], start + (uint32_t)o, (uint32_t)(n - o),
				    h->p + o, (uint32_t)(n - o));
			break;
		}
		uint8_t len = cur_peek(h, o + 1);
		if (o + 2 > n || o + 2 + len > n) {
			dissect_exhausted(d, node, "DHCP/BOOTP");
			break;
		}
		on = tree_add(t, node, &fields[H_OPT], at, 2u + len);
		tree_flag(t, tree_add_uint(t, on, &fields[H_OPT_TYPE], at, 1, code), TN_HIDDEN);
		if (code == 53 && len == 1) {
			uint8_t mt = cur_peek(h, o + 2);
			const char *mn = val_to_str(mt, msg_vals);
			if (mn)
				tree_label(t, on, "Option: (53) DHCP Message Type (%s)", mn);
			else
				tree_label(t, on, "Option: (53) DHCP Message Type (Unknown Message Type (0x%02x))", mt);
		} else {
			tree_label(t, on, "Option: (%u) %s", code, opt_names[code]);
		}
		tree_add_uint(t, on, &fields[H_OPT_LEN], at + 1, 1, len);
		struct cur va = cur_at(h, o + 2), v = cur_sub(&va, len, NULL);
		opt_value(d, on, code, &v, at + 2);
		o += 2u + len;
	}
}

static void dissect_dhcp(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node;
	const struct cur h = *c;
	const uint8_t *p = h.p;
	size_t n = cur_left(c);

	node = dissect_layer(d, parent, "dhcp", "BOOTP", &fields[H_PROTO], start, (uint32_t)n);
	if (n < 44) {
		dissect_exhausted(d, node, "DHCP/BOOTP");
		cur_skip(c, n);
		return;
	}
	int cookie = n >= 240 && cur_peek_be32(&h, 236) == DHCP_COOKIE;
	/* Option 53 first: it decides the protocol column and Info. */
	dhcp_columns(d, &h, node, cookie ? dhcp_msgtype(&h) : -1);
	dhcp_header(d, node, h);
	if (n < 240) {
		dissect_exhausted(d, node, "DHCP/BOOTP");
		cur_skip(c, n);
		return;
	}
	size_t sl = cstrlen(p + 44, 64), fl = cstrlen(p + 108, 128);
	uint32_t sn = tree_add_bytes(t, node, &fields[H_SERVER], start + 44, 64, p + 44, (uint32_t)sl);
	if (!sl)
		tree_label(t, sn, "Server host name not given");
	uint32_t fn = tree_add_bytes(t, node, &fields[H_FILE], start + 108, 128, p + 108, (uint32_t)fl);
	if (!fl)
		tree_label(t, fn, "Boot file name not given");
	if (!cookie) {
		cur_skip(c, n);
		return;
	}
	tree_label(t, tree_add_addr(t, node, &fields[H_COOKIE], start + 236, 4, p + 236), "Magic cookie: DHCP");
	dhcp_options(d, node, &h);
	cur_skip(c, cur_left(c));
}
