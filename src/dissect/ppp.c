/* ppp.c — the Point-to-Point Protocol's frame (RFC 1661 §2, RFC 1662 §3) as a link type
 * (LINKTYPE_PPP 9, LINKTYPE_PPP_HDLC 50) and inside PPPoE.
 *
 *   | Address 0xff | Control 0x03 | Protocol (1 or 2) | information …
 *
 * As Wireshark's ppp_hdlc: a frame starting 0x0f or 0x8f is Cisco HDLC (chdlc.c); one
 * starting 0xff has the address and control bytes (whatever the control byte says),
 * any other has them compressed away.  A protocol whose first byte is odd is one byte
 * long (Protocol-Field-Compression).  The link has no addresses: the Source and
 * Destination columns say N/A until IP sets them.  IPv4, IPv6 and MPLS are followed; for any other
 * protocol the Protocol column shows its number and Info "PPP <name> (0xNNNN)".
 */
#include "config.h"

#include "core/linktype.h"
#include "dissect/protos.h"

static void dissect_ppp_hdlc(struct dctx *d, struct cur *c, uint32_t parent);

enum { P_PROTO, P_ADDRESS, P_CONTROL, P_PROTOCOL };

/* tshark 4.0 -G values ppp.protocol */
static const struct val_str ppp_vals[] = {
	{ 0x0001, "Padding Protocol" }, { 0x0003, "ROHC small-CID" }, { 0x0005, "ROHC large-CID" },
	{ 0x0021, "Internet Protocol version 4" }, { 0x0023, "OSI Network Layer" },
	{ 0x0025, "Xerox NS IDP" }, { 0x0027, "DECnet Phase IV" }, { 0x0029, "Appletalk" },
	{ 0x002b, "Novell IPX" }, { 0x002d, "Van Jacobson Compressed TCP/IP" },
	{ 0x002f, "Van Jacobson Uncompressed TCP/IP" }, { 0x0031, "Bridging PDU" },
	{ 0x0033, "Stream Protocol (ST-II)" }, { 0x0035, "Banyan Vines" },
	{ 0x0039, "AppleTalk EDDP" }, { 0x003b, "AppleTalk SmartBuffered" }, { 0x003d, "Multi-Link" },
	{ 0x003f, "NETBIOS Framing" }, { 0x0041, "Cisco Systems" }, { 0x0043, "Ascom Timeplex" },
	{ 0x0045, "Fujitsu Link Backup and Load Balancing (LBLB)" }, { 0x0047, "DCA Remote Lan" },
	{ 0x0049, "Serial Data Transport Protocol (PPP-SDTP)" }, { 0x004b, "SNA over 802.2" },
	{ 0x004d, "SNA" }, { 0x004f, "IPv6 Header Compression " }, { 0x0051, "KNX Bridging Data" },
	{ 0x0053, "Encryption" }, { 0x0055, "Individual Link Encryption" },
	{ 0x0057, "Internet Protocol version 6" }, { 0x0059, "PPP Muxing" },
	{ 0x005b, "Vendor-Specific Network Protocol (VSNP)" },
	{ 0x005d, "TRILL Network Protocol (TNP)" }, { 0x0061, "RTP IPHC Full Header" },
	{ 0x0063, "RTP IPHC Compressed TCP" }, { 0x0065, "RTP IPHC Compressed Non TCP" },
	{ 0x0067, "RTP IPHC Compressed UDP 8" }, { 0x0069, "RTP IPHC Compressed RTP 8" },
	{ 0x006f, "Stampede Bridging" }, { 0x0073, "MP+ Protocol" }, { 0x00c1, "NTCITS IPI" },
	{ 0x00fb, "Single link compression in multilink" }, { 0x00fd, "Compressed datagram" },
	{ 0x0201, "802.1d Hello Packets" }, { 0x0203, "IBM Source Routing BPDU" },
	{ 0x0205, "DEC LANBridge100 Spanning Tree" }, { 0x0207, "Cisco Discovery Protocol" },
	{ 0x0209, "Netcs Twin Routing" }, { 0x020b, "STP - Scheduled Transfer Protocol" },
	{ 0x020d, "EDP - Extreme Discovery Protocol" },
	{ 0x0211, "Optical Supervisory Channel Protocol (OSCP)" },
	{ 0x0213, "Optical Supervisory Channel Protocol (OSCP)" }, { 0x0231, "Luxcom" },
	{ 0x0233, "Sigma Network Systems" }, { 0x0235, "Apple Client Server Protocol" },
	{ 0x0281, "MPLS Unicast" }, { 0x0283, "MPLS Multicast" },
	{ 0x0285, "IEEE p1284.4 standard - data packets" },
	{ 0x0287, "ETSI TETRA Network Protocol Type 1" },
	{ 0x0289, "Multichannel Flow Treatment Protocol" },
	{ 0x2063, "RTP IPHC Compressed TCP No Delta" }, { 0x2065, "RTP IPHC Context State" },
	{ 0x2067, "RTP IPHC Compressed UDP 16" }, { 0x2069, "RTP IPHC Compressed RTP 16" },
	{ 0x4001, "Cray Communications Control Protocol" },
	{ 0x4003, "CDPD Mobile Network Registration Protocol" },
	{ 0x4005, "Expand accelerator protocol" }, { 0x4007, "ODSICP NCP" }, { 0x4009, "DOCSIS DLL" },
	{ 0x400b, "Cetacean Network Detection Protocol" }, { 0x4021, "Stacker LZS" },
	{ 0x4023, "RefTek Protocol" }, { 0x4025, "Fibre Channel" }, { 0x4027, "EMIT Protocols" },
	{ 0x405b, "Vendor-Specific Protocol (VSP)" }, { 0x405d, "TRILL Link State Protocol (TLSP)" },
	{ 0x8021, "Internet Protocol Control Protocol" },
	{ 0x8023, "OSI Network Layer Control Protocol" }, { 0x8025, "Xerox NS IDP Control Protocol" },
	{ 0x8027, "DECnet Phase IV Control Protocol" }, { 0x8029, "AppleTalk Control Protocol" },
	{ 0x802b, "Novell IPX Control Protocol" }, { 0x8031, "Bridging NCP" },
	{ 0x8033, "Stream Protocol Control Protocol" }, { 0x8035, "Banyan Vines Control Protocol" },
	{ 0x803d, "Multi-Link Control Protocol" }, { 0x803f, "NETBIOS Framing Control Protocol" },
	{ 0x8041, "Cisco Systems Control Protocol" }, { 0x8043, "Ascom Timeplex" },
	{ 0x8045, "Fujitsu LBLB Control Protocol" },
	{ 0x8047, "DCA Remote Lan Network Control Protocol (RLNCP)" },
	{ 0x8049, "Serial Data Control Protocol (PPP-SDCP)" },
	{ 0x804b, "SNA over 802.2 Control Protocol" }, { 0x804d, "SNA Control Protocol" },
	{ 0x804f, "IP6 Header Compression Control Protocol" },
	{ 0x8051, "KNX Bridging Control Protocol" }, { 0x8053, "Encryption Control Protocol" },
	{ 0x8055, "Individual Link Encryption Control Protocol" },
	{ 0x8057, "IPv6 Control Protocol" }, { 0x8059, "PPP Muxing Control Protocol" },
	{ 0x805b, "Vendor-Specific Network Control Protocol (VSNCP)" },
	{ 0x805d, "TRILL Network Control Protocol" },
	{ 0x806f, "Stampede Bridging Control Protocol" }, { 0x8073, "MP+ Control Protocol" },
	{ 0x80c1, "NTCITS IPI Control Protocol" },
	{ 0x80fb, "Single link compression in multilink control" },
	{ 0x80fd, "Compression Control Protocol" },
	{ 0x8207, "Cisco Discovery Protocol Control Protocol" }, { 0x8209, "Netcs Twin Routing" },
	{ 0x820b, "STP - Control Protocol" },
	{ 0x820d, "EDPCP - Extreme Discovery Protocol Control Protocol" },
	{ 0x8235, "Apple Client Server Protocol Control" }, { 0x8281, "MPLS Control Protocol" },
	{ 0x8285, "IEEE p1284.4 standard - Protocol Control" },
	{ 0x8287, "ETSI TETRA TNP1 Control Protocol" },
	{ 0x8289, "Multichannel Flow Treatment Protocol" }, { 0xc021, "Link Control Protocol" },
	{ 0xc023, "Password Authentication Protocol" }, { 0xc025, "Link Quality Report" },
	{ 0xc027, "Shiva Password Authentication Protocol" },
	{ 0xc029, "Callback Control Protocol (CBCP)" },
	{ 0xc02b, "BACP Bandwidth Allocation Control Protocol" },
	{ 0xc02d, "BAP Bandwidth Allocation Protocol" },
	{ 0xc05b, "Vendor-Specific Authentication Protocol (VSAP)" },
	{ 0xc081, "Container Control Protocol" },
	{ 0xc223, "Challenge Handshake Authentication Protocol" },
	{ 0xc225, "RSA Authentication Protocol" }, { 0xc227, "Extensible Authentication Protocol" },
	{ 0xc229, "Mitsubishi Security Information Exchange Protocol (SIEP)" },
	{ 0xc26f, "Stampede Bridging Authorization Protocol" },
	{ 0xc281, "Proprietary Authentication Protocol" },
	{ 0xc283, "Proprietary Authentication Protocol" },
	{ 0xc481, "Proprietary Node ID Authentication Protocol" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[P_PROTO] = { "ppp", "Point-to-Point Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"PPP framing: a protocol number for what follows (dial-up, DSL, serial links).", 0 },
	[P_ADDRESS] = { "ppp.address", "Address", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: 0xff, all stations (HDLC-like framing).", 0 },
	[P_CONTROL] = { "ppp.control", "Control", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: 0x03, an unnumbered information frame.", 0 },
	[P_PROTOCOL] = { "ppp.protocol", "Protocol", FT_UINT16, BASE_HEX, 0, 0, ppp_vals,
		"8 or 16 bits: 0x0021 IPv4, 0x0057 IPv6, 0xc021 link control.", 0 },
};
static const struct field_table ppp_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff ppp_handoffs[] = {
	{ HO_LINK, LINKTYPE_PPP, .fn = dissect_ppp_hdlc },
	{ HO_LINK, LINKTYPE_PPP_HDLC, .fn = dissect_ppp_hdlc },
};
const struct proto_reg ppp_proto = REG_PROTO(ppp_table, ppp_handoffs);

static const struct dispatch ppp_payloads[] = {
	{ 0x0021, dissect_ipv4 }, { 0x0057, dissect_ipv6 }, { 0x0281, dissect_mpls },
	{ 0x0283, dissect_mpls },
};

/* The protocol field at c and what it carries, under the PPP node that began at start. */
static void ppp_common(struct dctx *d, struct cur *c, uint32_t start, uint32_t node, uint32_t parent)
{
	uint32_t at = cur_off(c), plen = cur_has(c, 1) && (cur_peek(c, 0) & 1) ? 1 : 2;
	uint16_t proto = plen == 1 ? cur_u8(c) : cur_be16(c);

	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "PPP");
		return;
	}
	tree_set_len(d->tree, node, at + plen - start);
	tree_add_uint(d->tree, node, &fields[P_PROTOCOL], at, plen, proto);
	for (size_t i = 0; i < sizeof(ppp_payloads) / sizeof(ppp_payloads[0]); i++)
		if (ppp_payloads[i].key == proto) {
			ppp_payloads[i].fn(d, c, parent);
			return;
		}
	const char *name = val_to_str(proto, ppp_vals);
	col_set_proto_hex(d->pi, proto);
	col_append(d->pi, "PPP %s (0x%04x)", name ? name : "Unknown", proto);
	dissect_data(d, c, parent);
}

void dissect_ppp(struct dctx *d, struct cur *c, uint32_t parent)
{
	uint32_t start = cur_off(c);
	uint32_t node = dissect_layer(d, parent, "ppp", "PPP", &fields[P_PROTO], start, 2);

	ppp_common(d, c, start, node, parent);
}

static void dissect_ppp_hdlc(struct dctx *d, struct cur *c, uint32_t parent)
{
	uint8_t b0 = cur_peek(c, 0);
	uint32_t start = cur_off(c), node;

	if (b0 == 0x0f || b0 == 0x8f) {
		pi_push_proto(d->pi, "ppp");	/* as in Wireshark: ppp:chdlc */
		dissect_chdlc(d, c, parent);
		return;
	}
	d->pi->dl_src.type = d->pi->dl_dst.type = AT_NA;
	node = dissect_layer(d, parent, "ppp", "PPP", &fields[P_PROTO], start, 2);
	if (b0 == 0xff) {
		uint8_t ctl = cur_peek(c, 1);
		cur_skip(c, 2);
		if (!cur_ok(c)) {
			dissect_exhausted(d, node, "PPP");
			return;
		}
		tree_add_uint(d->tree, node, &fields[P_ADDRESS], start, 1, b0);
		tree_add_uint(d->tree, node, &fields[P_CONTROL], start + 1, 1, ctl);
	}
	ppp_common(d, c, start, node, parent);
}
