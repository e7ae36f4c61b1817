/* eth.c — Ethernet II (IEEE 802.3 framing with an EtherType).
 *
 *   0                   6                  12        14
 *   +-------------------+-------------------+---------+-----------
 *   | destination MAC   | source MAC        | type    | payload … [padding|trailer]
 *   +-------------------+-------------------+---------+-----------
 *
 * Frames shorter than 60 bytes are padded; bytes after what the network layer claims
 * are shown as padding (short frames) or a trailer.
 */
#include "config.h"

#include "core/linktype.h"
#include "dissect/fvalue.h"
#include "dissect/protos.h"

static void dissect_eth(struct dctx *d, struct cur *c, uint32_t parent);

enum {
	E_PROTO, E_DST, E_DST_RES, E_DST_OUI, E_DST_LG, E_DST_IG, E_SRC, E_SRC_RES,
	E_SRC_LG, E_SRC_IG, E_ADDR, E_LG, E_IG, E_TYPE, E_LEN, E_PADDING, E_TRAILER, E_FCS, E_FCS_STATUS, E_PADDING_BAD,
};

/* Ethertypes, named as Wireshark names them. */
const struct val_str etype_vals[] = {
	{ 0x0800, "IPv4" }, { 0x86dd, "IPv6" }, { 0x8100, "802.1Q Virtual LAN" },
	{ 0x8102, "Simple Loop Protection Protocol" }, { 0x8103, "Virtual LACP" },
	{ 0x8104, "Simple Loop Protection Protocol (old)" }, { 0x0806, "ARP" },
	{ 0x872d, "Cisco Wireless Lan Context Control Protocol" },
	{ 0x8783, "Motorola Media Independent Network Transport" },
	{ 0x2452, "IEEE 802.11 (Centrino promiscuous)" },
	{ 0x0600, "XNS Internet Datagram Protocol" }, { 0x0805, "X.25 Layer 3" },
	{ 0x0842, "Wake on LAN" }, { 0x08f0, "WiMax Mac-to-Mac" }, { 0x3e3f, "EPL_V1" },
	{ 0x8035, "RARP" }, { 0x8038, "DEC LanBridge" }, { 0x809b, "AppleTalk LLAP bridging" },
	{ 0x80d5, "SNA-over-Ethernet" }, { 0x80e1, "EtherNet/IP Device Level Ring" },
	{ 0x80f3, "AARP" }, { 0x8137, "Netware IPX/SPX" }, { 0x0bad, "Vines IP" },
	{ 0x0baf, "Vines Echo" }, { 0x1984, "Netmon Train" }, { 0x9000, "Loopback" },
	{ 0x885a, "Foundry proprietary" }, { 0x80ff, "Wellfleet Compression Protocol" },
	{ 0x8181, "Spanning Tree Protocol" },
	{ 0x81fd, "Cabletron Interswitch Message Protocol" },
	{ 0x81ff, "Cabletron SFVLAN 1.8 Tag-Based Flood" }, { 0x8204, "QNX 6 QNET protocol" },
	{ 0x8863, "PPPoE Discovery" }, { 0x8864, "PPPoE Session" },
	{ 0x886c, "HomePNA, wlan link local tunnel" }, { 0x886d, "Intel ANS probe" },
	{ 0x886f, "MS NLB heartbeat" }, { 0x8870, "Jumbo LLC" }, { 0x8874, "Broadcom tag" },
	{ 0x887b, "Homeplug" }, { 0x88e1, "Homeplug AV" }, { 0x88e3, "MRP" },
	{ 0x88a8, "802.1ad Provider Bridge (Q-in-Q)" }, { 0x88e5, "802.1AE (MACsec)" },
	{ 0x893a, "1905.1a Convergent Digital Home Network for Heterogenous Technologies" },
	{ 0x88e7, "802.1ah Provider Backbone Bridge (mac-in-mac)" },
	{ 0x893f, "802.1br Bridge Port Extension E-Tag" }, { 0x888e, "802.1X Authentication" },
	{ 0x88c7, "802.11i Pre-Authentication" }, { 0x8847, "MPLS label switched packet" },
	{ 0x8848, "MPLS multicast label switched packet" }, { 0x3c07, "3Com NBP Datagram" },
	{ 0x6000, "DEC proto" }, { 0x6001, "DEC DNA Dump/Load" },
	{ 0x6002, "DEC DNA Remote Console" }, { 0x6003, "DEC DNA Routing" },
	{ 0x6004, "DEC LAT" }, { 0x6005, "DEC Diagnostics" }, { 0x6006, "DEC Customer use" },
	{ 0x6007, "DEC LAVC/SCA" }, { 0x8041, "DEC LAST" },
	{ 0x6558, "Transparent Ethernet bridging" },
	{ 0x2001, "Cisco Group Management Protocol" }, { 0x22e5, "Gigamon Header" },
	{ 0x22ea, "802.1Qat Multiple Stream Reservation Protocol" },
	{ 0x88f6, "802.1ak Multiple Mac Registration Protocol" },
	{ 0x894f, "Network Service Header" }, { 0x8988, "PA HB Backup" },
	{ 0x22f0, "IEEE 1722 Audio Video Transport Protocol" },
	{ 0x22f1, "Robust Header Compression(RoHC)" },
	{ 0x22f3, "Transparent Interconnection of Lots of Links" },
	{ 0x22f4, "Intermediate System to Intermediate System" }, { 0x8808, "MAC Control" },
	{ 0x8809, "Slow Protocols" }, { 0x9021, "Real-Time Media Access Control" },
	{ 0x9022, "Real-Time Configuration Protocol" },
	{ 0x8881, "CDMA2000 A10 Unstructured byte stream" }, { 0x8884, "ATM over Ethernet" },
	{ 0x8892, "PROFINET" }, { 0x8899, "Realtek Layer 2 Protocols" },
	{ 0x88a2, "ATA over Ethernet" }, { 0x88a4, "EtherCAT frame" },
	{ 0x88a1, "Telkonet powerline" }, { 0x88ab, "ETHERNET Powerlink v2" },
	{ 0x88ad, "XiMeta Technology" }, { 0x889b, "CSM_ENCAPS Protocol" },
	{ 0x88b5, "Local Experimental Ethertype 1" },
	{ 0x88b6, "Local Experimental Ethertype 2" },
	{ 0x88b7, "IEEE 802a OUI Extended Ethertype" }, { 0x88b8, "IEC 61850/GOOSE" },
	{ 0x88b9, "IEC 61850/GSE management services" },
	{ 0x88ba, "IEC 61850/SV (Sampled Value Transmission" },
	{ 0x88ca, "Transparent Inter Process Communication" },
	{ 0x88cc, "802.1 Link Layer Discovery Protocol (LLDP)" },
	{ 0x88d2, "CDMA2000 A10 3GPP2 Packet" },
	{ 0x891d, "TTEthernet Protocol Control Frame" },
	{ 0x88d8, "Circuit Emulation Services over Ethernet (MEF8)" },
	{ 0x88d9, "Link Layer Topology Discovery (LLTD)" },
	{ 0x88dc, "(WAVE) Short Message Protocol (WSM)" }, { 0x88de, "VMware Lab Manager" },
	{ 0x8819, "Cirrus Cobranet Packet" },
	{ 0x8133, "Juniper Netscreen Redundant Protocol" },
	{ 0x9104, "EERO Broadcast Packet" }, { 0x8021, "PPP IP Control Protocol" },
	{ 0xc021, "PPP Link Control Protocol" },
	{ 0xc023, "PPP Password Authentication Protocol" },
	{ 0x80fd, "PPP Compression Control Protocol" },
	{ 0xcafe, "Veritas Low Latency Transport (not officially registered)" },
	{ 0x8902, "IEEE 802.1ag Connectivity Fault Management (CFM) protocol" },
	{ 0x8903, "Data Center Ethernet (DCE) protocol(Cisco)" },
	{ 0x8906, "Fibre Channel over Ethernet" },
	{ 0x890d, "IEEE 802.11 data encapsulation" }, { 0x8911, "LINX IPC Protocol" },
	{ 0x8914, "FCoE Initialization Protocol" },
	{ 0x8917, "Media Independent Handover Protocol" },
	{ 0x88ee, "Ethernet Local Management Interface (MEF16)" },
	{ 0x88f7, "PTPv2 over Ethernet (IEEE1588)" },
	{ 0x88f8, "Network Controller Sideband Interface" },
	{ 0x88fb, "Parallel Redundancy Protocol (PRP) and HSR Supervision (IEC62439 Part 3)" },
	{ 0x8901, "Flow Layer Internal Protocol" }, { 0x8915, "RDMA over Converged Ethernet" },
	{ 0xd00d, "Digium TDM over Ethernet Protocol" },
	{ 0x88b4, "WAI Authentication Protocol" }, { 0x8926, "VN-Tag" },
	{ 0x892b, "Schweitzer Engineering Labs Layer 2 Protocol" },
	{ 0x892f, "High-availability Seamless Redundancy (IEC62439 Part 3)" },
	{ 0x08ff, "AX.25" }, { 0x8909, "CiscoMetaData" }, { 0x8947, "GeoNetworking" },
	{ 0xc0de, "eXpressive Internet Protocol" }, { 0xc0df, "Neighborhood Watch Protocol" },
	{ 0x892d, "bluecom Protocol" }, { 0x9100, "QinQ: old non-standard 802.1ad" },
	{ 0x99fe, "Technically Enhanced Capture Module Protocol (TECMP)" },
	{ 0xa0ed, "6LoWPAN" }, { 0xd28b, "Arista Timestamp" }, { 0xaefe, "eCPRI" },
	{ 0xb4e3, "CableLabs Layer-3 Protocol" }, { 0xe555, "EXos internal Extra Header" },
	{ 0xfff2, "Cisco ACI ARP gleaning" },
	{ 0xf1c1, "802.1CB Frame Replication and Elimination for Reliability" }, { 0, NULL }
};

static const struct val_str lg_vals[] = {
	{ 0, "Globally unique address (factory default)" },
	{ 1, "Locally administered address (this is NOT the factory default)" }, { 0, NULL }
};
static const struct val_str fcs_status_vals[] = {
	{ 0, "Bad" }, { 1, "Good" }, { 2, "Unverified" }, { 3, "Not present" }, { 4, "Illegal" },
	{ 0, NULL }
};
static const struct val_str ig_vals[] = {
	{ 0, "Individual address (unicast)" }, { 1, "Group address (multicast/broadcast)" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[E_PROTO] = { "eth", "Ethernet II", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Link layer: MAC addresses and the type of what follows. On Linux lo both MACs are zero.", 0 },
	[E_DST] = { "eth.dst", "Destination", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"48-bit MAC address of the receiving interface.", 0 },
	[E_DST_RES] = { "eth.dst_resolved", "Destination (resolved)", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Destination MAC with its vendor prefix resolved.", 0 },
	[E_DST_OUI] = { "eth.dst.oui", "Destination OUI", FT_UINT24, BASE_HEX, 0, 0, NULL,
		"Vendor prefix of the destination MAC.", 0 },
	[E_DST_LG] = { "eth.dst.lg", "LG bit", FT_BOOLEAN, BASE_NONE, 0x020000, 24, lg_vals,
		"Locally administered (1) or factory-assigned (0) address.", 0 },
	[E_DST_IG] = { "eth.dst.ig", "IG bit", FT_BOOLEAN, BASE_NONE, 0x010000, 24, ig_vals,
		"Group (multicast/broadcast, 1) or individual (0) address.", 0 },
	[E_SRC] = { "eth.src", "Source", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"48-bit MAC address of the sending interface.", 0 },
	[E_SRC_RES] = { "eth.src_resolved", "Source (resolved)", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Source MAC with its vendor prefix resolved.", 0 },
	[E_SRC_LG] = { "eth.src.lg", "LG bit", FT_BOOLEAN, BASE_NONE, 0x020000, 24, lg_vals,
		"Locally administered (1) or factory-assigned (0) address.", 0 },
	[E_SRC_IG] = { "eth.src.ig", "IG bit", FT_BOOLEAN, BASE_NONE, 0x010000, 24, ig_vals,
		"Group (1) or individual (0) address.", 0 },
	[E_ADDR] = { "eth.addr", "Address", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"Either MAC address (source or destination): eth.addr == X matches both directions.", 0 },
	[E_LG] = { "eth.lg", "LG bit", FT_BOOLEAN, BASE_NONE, 0x020000, 24, lg_vals,
		"LG bit of either address.", 0 },
	[E_IG] = { "eth.ig", "IG bit", FT_BOOLEAN, BASE_NONE, 0x010000, 24, ig_vals,
		"IG bit of either address.", 0 },
	[E_TYPE] = { "eth.type", "Type", FT_UINT16, BASE_HEX, 0, 0, etype_vals,
		"16-bit EtherType: which protocol the payload is (0x0800 IPv4, 0x86dd IPv6, 0x0806 ARP).", 0 },
	[E_LEN] = { "eth.len", "Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"IEEE 802.3 length field (values up to 1500 are lengths, not types).", 0 },
	[E_PADDING] = { "eth.padding", "Padding", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Zero bytes added to reach Ethernet's 60-byte minimum; not part of the packet.", 0 },
	[E_TRAILER] = { "eth.trailer", "Trailer", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Bytes after the packet that the network layer does not claim.", 0 },
	[E_FCS] = { "eth.fcs", "Frame check sequence", FT_UINT32, BASE_HEX, 0, 0, NULL,
		"The frame's CRC-32, when the capture kept it (guessed as tshark does; not checked).", 0 },
	[E_FCS_STATUS] = { "eth.fcs.status", "FCS Status", FT_UINT8, BASE_NONE, 0, 0, fcs_status_vals,
		"Whether the FCS was checked (tshark does not by default).", 0 },
	[E_PADDING_BAD] = { "eth.padding_bad", "Padding identification may be inaccurate and impact "
		"trailer dissector", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Bytes up to the 60-byte minimum are not all zero: shown as trailer.", 0 },
};
static const struct field_table eth_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff eth_handoffs[] = {
	{ HO_LINK, LINKTYPE_ETHERNET, .fn = dissect_eth },
};
const struct proto_reg eth_proto = REG_PROTO(eth_table, eth_handoffs);

static void mac(struct dctx *d, uint32_t parent, int which, uint32_t off, const uint8_t *a)
{
	struct dtree *t = d->tree;
	int dst = which == E_DST;
	uint32_t n;
	const struct cur ac = cur_make(a, 6);
	uint64_t w = cur_peek_be24(&ac, 0);

	n = tree_add_addr(t, parent, &fields[which], off, 6, a);
	tree_add_addr(t, n, &fields[E_ADDR], off, 6, a);
	if (tree_wants(t, &fields[dst ? E_DST_RES : E_SRC_RES])) {
		char s[32];
		fv_ether(a, s, sizeof(s));
		tree_flag(t, tree_add_bytes(t, n, &fields[dst ? E_DST_RES : E_SRC_RES], off, 6,
		    tree_keep(t, s, 17), 17), TN_HIDDEN | TN_GENERATED);
	}
	tree_add_uint(t, n, &fields[dst ? E_DST_LG : E_SRC_LG], off, 3, w);
	tree_flag(t, tree_add_uint(t, n, &fields[E_LG], off, 3, w), TN_HIDDEN);
	tree_add_uint(t, n, &fields[dst ? E_DST_IG : E_SRC_IG], off, 3, w);
	tree_flag(t, tree_add_uint(t, n, &fields[E_IG], off, 3, w), TN_HIDDEN);
}

/* Bytes after the network layer, as tshark 4.0 splits them: zero bytes up to the 60-byte
 * minimum of a frame of 60 bytes or more are padding (only when all of them are zero);
 * of the rest, an Ethernet frame (fcs) of 64 bytes or more is taken to end in a 4-byte
 * FCS when at least 4 bytes are left (unverified, as tshark's default); what remains is
 * trailer.  A padding or FCS the capture cut off ends the frame with "Ethertype
 * truncated". */
void eth_add_trailer(struct dctx *d, uint32_t node, const struct cur *c,
    const struct field_def *trailer, int fcs)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;

	if (!d->payload_used_set)
		return;
	d->payload_used_set = 0;	/* the innermost link layer accounts for it */
	if (d->payload_used >= cur_left(c))
		return;
	struct cur r = cur_at(c, d->payload_used);
	uint32_t off = cur_off(&r), n = (uint32_t)cur_left(&r), pad = 0;
	/* bytes of the frame that were not captured belong to the trailer too */
	uint32_t rep = n + (r.end == d->frame + pi->caplen && pi->len > pi->caplen ?
	    pi->len - pi->caplen : 0);
	int nonzero = 0;	/* padding was expected but its bytes are not all zero */

	if (pi->len >= 60 && off < 60) {
		if (60 - off > n) {
			dissect_exhausted(d, node, "Ethertype");
			return;
		}
		pad = 60 - off;
		for (uint32_t i = 0; i < pad && !nonzero; i++)
			nonzero = cur_peek(&r, i) != 0;
		pad = nonzero ? 0 : pad;
	}
	if (pad) {
		tree_add_bytes(t, node, &fields[E_PADDING], off, pad, r.p, pad);
		cur_skip(&r, pad);
		off += pad, n -= pad, rep -= pad;
	}
	fcs = fcs && pi->len >= 64 && rep >= 4;
	if (fcs)
		rep -= 4;
	n = n < rep ? n : rep;
	int cut = fcs && cur_left(&r) < n + 4;	/* the FCS is beyond the captured bytes */
	if (n) {
		uint32_t tn = tree_add_bytes(t, node, trailer, off, n, r.p, n);
		if (nonzero)
			dissect_expert(d, tn, &fields[E_PADDING_BAD], SEV_NOTE, "Protocol",
			    "Didn't find padding of zeros, and an undecoded trailer exists. "
			    "There may be padding of non-zeros.");
	}
	if (cut) {
		dissect_exhausted(d, node, "Ethertype");
	} else if (fcs) {
		uint32_t v = cur_peek_be32(&r, n);
		uint32_t f = tree_add_uint(t, node, &fields[E_FCS], off + n, 4, v);
		tree_label(t, f, "Frame check sequence: 0x%08x [unverified]", v);
		tree_flag(t, tree_add_uint(t, node, &fields[E_FCS_STATUS], off + n, 0, 2), TN_GENERATED);
	}
}

static void dissect_eth(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	uint32_t start = cur_off(c), node;
	uint8_t dst[6], src[6];
	uint16_t type;
	char a[24], b[24];

	pi_push_proto(pi, "eth");
	col_set_proto(pi, "Ethernet");
	node = tree_add(d->tree, parent, &fields[E_PROTO], start, 14);
	cur_bytes(c, dst, 6);
	cur_bytes(c, src, 6);
	type = cur_be16(c);
	if (!cur_ok(c)) {
		dissect_truncated(d, node);
		dissect_malformed(d, node, "eth", "frame shorter than an Ethernet header");
		return;
	}
	pi->dl_src.type = pi->dl_dst.type = AT_ETHER;
	memcpy(pi->dl_src.a, src, 6);
	memcpy(pi->dl_dst.a, dst, 6);
	if (tree_text(d->tree)) {
		fv_ether(src, a, sizeof(a));
		fv_ether(dst, b, sizeof(b));
		tree_label(d->tree, node, "Ethernet II, Src: %s, Dst: %s", a, b);
	}
	if (tree_wants_range(d->tree, &fields[E_DST], &fields[E_IG])) {
		mac(d, node, E_DST, start, dst);
		mac(d, node, E_SRC, start + 6, src);
	}
	if (type <= 1500) {
		/* IEEE 802.3: a length, then 802.2 LLC; the rest is padding or trailer. */
		tree_label(d->tree, node, "IEEE 802.3 Ethernet ");
		tree_add_uint(d->tree, node, &fields[E_LEN], start + 12, 2, type);
		struct cur payload = cur_sub(c, type, NULL);
		dissect_llc(d, &payload, parent);
		if (type < cur_left(c)) {
			d->payload_used = type;
			d->payload_used_set = 1;
			eth_add_trailer(d, node, c, &fields[E_TRAILER], start == 0);
		}
		return;
	}
	tree_add_uint(d->tree, node, &fields[E_TYPE], start + 12, 2, type);
	pi_push_proto(pi, "ethertype");
	{
		struct cur payload = *c;
		d->payload_used_set = 0;
		if (!dissect_ethertype(d, &payload, parent, type)) {
			dissect_data(d, &payload, parent);
			return;
		}
		/* tshark guesses an FCS only for the frame's own Ethernet header */
		eth_add_trailer(d, node, c, &fields[E_TRAILER], start == 0);
	}
}
