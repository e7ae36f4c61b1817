/* llc.c — IEEE 802.2 Logical-Link Control with SNAP, under 802.3 length frames.
 *
 *   +------+------+---------+------------------+-----------+
 *   | DSAP | SSAP | Control | SNAP OUI (3)     | Type (2)  |   SNAP when DSAP = SSAP = 0xaa
 *   +------+------+---------+------------------+-----------+
 *
 * An 802.3 frame (length instead of EtherType) carries LLC; SNAP with OUI 00:00:00
 * carries an EtherType and is dispatched like Ethernet II; SAP 0x42 is STP and Cisco's
 * OUI 00:00:0c with PID 0x2000 is CDP.  Other SAPs (NetBIOS 0xf0 …) are shown as data.
 */
#include "config.h"

#include "dissect/protos.h"

enum {
	L_PROTO, L_DSAP, L_DSAP_SAP, L_DSAP_IG, L_SSAP, L_SSAP_SAP, L_SSAP_CR, L_CONTROL,
	L_U_CMD, L_U_RESP, L_POLL, L_FINAL, L_FTYPE, L_OUI, L_TYPE, L_PID, L_CISCO_PID,
};

static const struct val_str sap_vals[] = {	/* tshark -G values */
	{ 0x00, "NULL LSAP" }, { 0x01, "NULL LSAP" }, { 0x02, "LLC Sub-Layer Management" },
	{ 0x04, "SNA Path Control" }, { 0x06, "TCP/IP" }, { 0x08, "SNA" }, { 0x0c, "SNA" },
	{ 0x0e, "PROWAY (IEC955) Network Management and Initialization" },
	{ 0x10, "NetWare (unofficial?)" }, { 0x14, "ISO Network Layer (OSLAN 1)" },
	{ 0x18, "Texas Instruments" }, { 0x20, "ISO Network Layer (unofficial?)" },
	{ 0x34, "ISO Network Layer (unofficial?)" }, { 0x42, "Spanning Tree BPDU" },
	{ 0x4e, "EIA RS-511 Manufacturing Message Service" }, { 0x54, "ISO Network Layer (OSLAN 2)" },
	{ 0x7e, "ISO 8208 (X.25 over 802.2)" }, { 0x7f, "ISO 802.2" }, { 0x80, "XNS" },
	{ 0x82, "BACnet" }, { 0x86, "Nestar" },
	{ 0x8e, "PROWAY (IEC955) Active Station List Maintenance" }, { 0x98, "ARP" },
	{ 0xb4, "HP JetDirect Printer" }, { 0xaa, "SNAP" }, { 0xba, "Banyan Vines" },
	{ 0xbc, "Banyan Vines" }, { 0xe0, "NetWare" }, { 0xf0, "NetBIOS" },
	{ 0xf4, "IBM Net Management" }, { 0xf8, "HP Extended LLC" }, { 0xfa, "Ungermann-Bass" },
	{ 0xfc, "Remote Program Load" }, { 0xfe, "ISO Network Layer" }, { 0xff, "Global LSAP" },
	{ 0, NULL }
};

/* A U frame's modifier bits (control & 0xec, shifted down 2): the function's name in a
 * command and in a response, and the abbreviations of "Control field: U, func=…". */
#define U_FUNCS(X) \
	X(0x00, "Unnumbered Information", "UI", "Unnumbered Information", "UI") \
	X(0x08, "Unnumbered Poll", "UP", "Unnumbered Poll", "UP") \
	X(0x10, "Disconnect", "DISC", "Request Disconnect", "RD") \
	X(0x18, "Unnumbered Acknowledge", "UA", "Unnumbered Acknowledge", "UA") \
	X(0x20, "Set Normal Response Mode", "SNRM", "Set Normal Response Mode", "SNRM") \
	X(0x38, "Test", "TEST", "Test", "TEST") \
	X(0x01, "Set Initialization Mode", "SIM", "Request Initialization Mode", "RIM") \
	X(0x21, "Frame reject", "FRMR", "Frame reject", "FRMR") \
	X(0x31, "Configure", "CFG", "Configure", "CFG") \
	X(0x03, "Set Asynchronous Response Mode", "SARM", "Disconnected mode", "DM") \
	X(0x0b, "Set Asynchronous Balanced Mode", "SABM", "Set Asynchronous Balanced Mode", "SABM") \
	X(0x13, "Set Asynchronous Response Mode Extended", "SARME", \
	  "Set Asynchronous Response Mode Extended", "SARME") \
	X(0x1b, "Set Asynchronous Balanced Mode Extended", "SABME", \
	  "Set Asynchronous Balanced Mode Extended", "SABME") \
	X(0x23, "Reset", "RESET", "Reset", "RESET") \
	X(0x2b, "Exchange identification", "XID", "Exchange identification", "XID") \
	X(0x33, "Set Normal Response Mode Extended", "SNRME", "Set Normal Response Mode Extended", "SNRME") \
	X(0x3b, "Beacon", "BCN", "Beacon", "BCN")
#define U_CMD(m, c, ca, r, ra) { m, c },
#define U_CMD_ABBR(m, c, ca, r, ra) { m, ca },
#define U_RESP(m, c, ca, r, ra) { m, r },
#define U_RESP_ABBR(m, c, ca, r, ra) { m, ra },
static const struct val_str u_cmd_vals[] = { U_FUNCS(U_CMD) { 0, NULL } };
static const struct val_str u_cmd_abbr[] = { U_FUNCS(U_CMD_ABBR) { 0, NULL } };
static const struct val_str u_resp_vals[] = { U_FUNCS(U_RESP) { 0, NULL } };
static const struct val_str u_resp_abbr[] = { U_FUNCS(U_RESP_ABBR) { 0, NULL } };

static const struct val_str ftype_vals[] = {
	{ 0, "Information frame" }, { 1, "Supervisory frame" }, { 2, "Information frame" },
	{ 3, "Unnumbered frame" }, { 0, NULL }
};
static const struct val_str sap_shifted_vals[] = {	/* the SAP bits (sap_vals >> 1) */
	{ 0x00, "NULL LSAP" }, { 0x01, "LLC Sub-Layer Management" }, { 0x02, "SNA Path Control" },
	{ 0x03, "TCP/IP" }, { 0x04, "SNA" }, { 0x06, "SNA" },
	{ 0x07, "PROWAY (IEC955) Network Management and Initialization" },
	{ 0x08, "NetWare (unofficial?)" }, { 0x0a, "ISO Network Layer (OSLAN 1)" },
	{ 0x0c, "Texas Instruments" }, { 0x10, "ISO Network Layer (unofficial?)" },
	{ 0x1a, "ISO Network Layer (unofficial?)" }, { 0x21, "Spanning Tree BPDU" },
	{ 0x27, "EIA RS-511 Manufacturing Message Service" }, { 0x2a, "ISO Network Layer (OSLAN 2)" },
	{ 0x3f, "ISO 8208 (X.25 over 802.2)" }, { 0x40, "XNS" }, { 0x41, "BACnet" },
	{ 0x43, "Nestar" }, { 0x47, "PROWAY (IEC955) Active Station List Maintenance" },
	{ 0x4c, "ARP" }, { 0x5a, "HP JetDirect Printer" }, { 0x55, "SNAP" }, { 0x5d, "Banyan Vines" },
	{ 0x5e, "Banyan Vines" }, { 0x70, "NetWare" }, { 0x78, "NetBIOS" },
	{ 0x7a, "IBM Net Management" }, { 0x7c, "HP Extended LLC" }, { 0x7d, "Ungermann-Bass" },
	{ 0x7e, "Remote Program Load" }, { 0x7f, "ISO Network Layer" }, { 0, NULL }
};
static const struct val_str tf_ig[] = { { 0, "Individual" }, { 1, "Group" }, { 0, NULL } };
static const struct val_str tf_cr[] = { { 0, "Command" }, { 1, "Response" }, { 0, NULL } };
static const struct val_str tf_set[] = { { 0, "Not set" }, { 1, "Set" }, { 0, NULL } };

/* tshark names a SNAP organization by its manufacturer (BASE_OUI): what follows the
 * code in its label, for the ones seen in 802.3 frames (00:00:00's is cut so). */
static const struct val_str oui_vals[] = {
	{ 0x000000, " (Officially Xerox, but" }, { 0x00000c, " (Cisco Systems, Inc)" },
	{ 0x080007, " (Apple, Inc.)" }, { 0, NULL }
};

static const struct val_str cisco_pid_vals[] = {	/* tshark -G values */
	{ 0x0102, "DRIP" }, { 0x0104, "PAgP" }, { 0x0105, "MLS Hello" },
	{ 0x0108, "RLQ BPDUs (request)" }, { 0x0109, "RLQ BPDUs (response)" }, { 0x010b, "PVSTP+" },
	{ 0x010c, "VLAN Bridge" }, { 0x0111, "UDLD" }, { 0x0139, "MCP" }, { 0x2000, "CDP" },
	{ 0x2001, "CGMP" }, { 0x2003, "VTP" }, { 0x2004, "DTP" }, { 0x200a, "STP Uplink Fast" },
	{ 0, NULL }
};

static const struct field_def fields[] = {
	[L_PROTO] = { "llc", "Logical-Link Control", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"IEEE 802.2 header of frames that carry a length instead of an EtherType.", 0 },
	[L_DSAP] = { "llc.dsap", "DSAP", FT_UINT8, BASE_HEX, 0, 0, sap_vals,
		"8 bits: destination service access point (0xaa = SNAP follows).", 0 },
	[L_DSAP_SAP] = { "llc.dsap.sap", "SAP", FT_UINT8, BASE_NONE, 0xfe, 8, sap_shifted_vals,
		"The destination SAP without its I/G bit.", 0 },
	[L_DSAP_IG] = { "llc.dsap.ig", "IG Bit", FT_BOOLEAN, BASE_NONE, 0x01, 8, tf_ig,
		"Group (1) or individual (0) destination SAP.", 0 },
	[L_SSAP] = { "llc.ssap", "SSAP", FT_UINT8, BASE_HEX, 0, 0, sap_vals,
		"8 bits: source service access point.", 0 },
	[L_SSAP_SAP] = { "llc.ssap.sap", "SAP", FT_UINT8, BASE_NONE, 0xfe, 8, sap_shifted_vals,
		"The source SAP without its C/R bit.", 0 },
	[L_SSAP_CR] = { "llc.ssap.cr", "CR Bit", FT_BOOLEAN, BASE_NONE, 0x01, 8, tf_cr,
		"Response (1) or command (0).", 0 },
	[L_CONTROL] = { "llc.control", "Control", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"Frame type; 0x03 = unnumbered information (connectionless).", 0 },
	[L_U_CMD] = { "llc.control.u_modifier_cmd", "Command", FT_UINT8, BASE_HEX, 0xec, 8, u_cmd_vals,
		"A U frame's function, in a command.", 0 },
	[L_U_RESP] = { "llc.control.u_modifier_resp", "Response", FT_UINT8, BASE_HEX, 0xec, 8, u_resp_vals,
		"A U frame's function, in a response.", 0 },
	[L_POLL] = { "llc.control.p", "Poll", FT_BOOLEAN, BASE_NONE, 0x10, 8, tf_set,
		"A command's poll bit.", 0 },
	[L_FINAL] = { "llc.control.f", "Final", FT_BOOLEAN, BASE_NONE, 0x10, 8, tf_set,
		"A response's final bit.", 0 },
	[L_FTYPE] = { "llc.control.ftype", "Frame type", FT_UINT8, BASE_HEX, 0x03, 8, ftype_vals,
		"I (x0), S (01) or U (11) frame.", 0 },
	[L_OUI] = { "llc.oui", "Organization Code", FT_UINT24, BASE_DEC, 0, 0, NULL,
		"SNAP: 24-bit organization id; 00:00:00 means the type is an EtherType.", 0 },
	[L_TYPE] = { "llc.type", "Type", FT_UINT16, BASE_HEX, 0, 0, etype_vals,
		"SNAP: EtherType of the payload.", 0 },
	[L_CISCO_PID] = { "llc.cisco_pid", "PID", FT_UINT16, BASE_HEX, 0, 0, cisco_pid_vals,
		"SNAP under Cisco's OUI: which Cisco protocol (CDP, PVST+ …).", 0 },
	[L_PID] = { "llc.pid", "Protocol ID", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"SNAP: protocol id defined by the organization.", 0 },
};
static const struct field_table llc_table = REG_TABLE(fields);
const struct proto_reg llc_proto = REG_PROTO_TABLE(llc_table);

/* A U frame's control byte as tshark shows it: "U[ P|F], func=XID" and its bits. */
static void control_u(struct dtree *t, uint32_t n, uint32_t off, uint8_t ctl, int resp)
{
	uint8_t mod = (ctl & 0xec) >> 2;
	const char *abbr = val_to_str(mod, resp ? u_resp_abbr : u_cmd_abbr);

	tree_label(t, n, "Control field: U%s, func=%s (0x%02x)", ctl & 0x10 ? (resp ? " F" : " P") : "",
	    abbr ? abbr : "Unknown", ctl);
	tree_add_uint(t, n, &fields[resp ? L_U_RESP : L_U_CMD], off, 1, ctl);
	if (ctl & 0x10)
		tree_add_uint(t, n, &fields[resp ? L_FINAL : L_POLL], off, 1, ctl);
	tree_add_uint(t, n, &fields[L_FTYPE], off, 1, ctl);
}

/* tshark writes a SNAP organization as 00:00:0c with its manufacturer's name. */
static void oui_label(struct dtree *t, uint32_t n, uint32_t oui)
{
	const char *name = val_to_str(oui, oui_vals);

	tree_label(t, n, "Organization Code: %02x:%02x:%02x%s", oui >> 16, oui >> 8 & 0xff, oui & 0xff,
	    name ? name : "");
}

void dissect_llc(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node, n;
	uint8_t dsap, ssap, ctl;

	pi_push_proto(d->pi, "llc");
	col_set_proto(d->pi, "LLC");
	node = tree_add(t, parent, &fields[L_PROTO], start, 3);
	dsap = cur_u8(c);
	ssap = cur_u8(c);
	ctl = cur_u8(c);
	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "LLC");
		return;
	}
	n = tree_add_uint(t, node, &fields[L_DSAP], start, 1, dsap);
	tree_add_uint(t, n, &fields[L_DSAP_SAP], start, 1, dsap);
	tree_add_uint(t, n, &fields[L_DSAP_IG], start, 1, dsap);
	n = tree_add_uint(t, node, &fields[L_SSAP], start + 1, 1, ssap);
	tree_add_uint(t, n, &fields[L_SSAP_SAP], start + 1, 1, ssap);
	tree_add_uint(t, n, &fields[L_SSAP_CR], start + 1, 1, ssap);
	n = tree_add_uint(t, node, &fields[L_CONTROL], start + 2, 1, ctl);
	if ((ctl & 3) != 3) {
		/* I and S frames have a 2-byte control field */
		uint8_t c2 = cur_u8(c);
		tree_set_len(t, n, 2);
		tree_set_uint(t, n, (uint32_t)ctl << 8 | c2);
	} else {
		control_u(t, n, start + 2, ctl, ssap & 1);
	}
	if (dsap == 0xaa && ssap == 0xaa && ctl == 0x03) {
		uint32_t oui = cur_be24(c);
		uint16_t type = cur_be16(c);
		if (!cur_ok(c)) {
			dissect_exhausted(d, node, "LLC");
			return;
		}
		tree_set_len(t, node, 8);
		oui_label(t, tree_add_uint(t, node, &fields[L_OUI], start + 3, 3, oui), oui);
		if (oui == 0x00000c) {
			tree_add_uint(t, node, &fields[L_CISCO_PID], start + 6, 2, type);
			if (type == 0x2000) {
				dissect_cdp(d, c, 0);
				return;
			}
			if (type == 0x010b) {
				dissect_stp(d, c, 0, 1);
				return;
			}
			dissect_data(d, c, 0);
			return;
		}
		if (oui == 0) {
			tree_add_uint(t, node, &fields[L_TYPE], start + 6, 2, type);
			if (dissect_ethertype(d, c, 0, type))
				return;
		} else
			tree_add_uint(t, node, &fields[L_PID], start + 6, 2, type);
	}
	if (dsap == 0x42 && ssap == 0x42 && ctl == 0x03) {
		dissect_stp(d, c, 0, 0);
		return;
	}
	dissect_data(d, c, 0);
}
