/* ieee80211_tags.c — the tagged elements of 802.11 management frames (IEEE Std
 * 802.11-2020, 9.4.2): SSID, supported rates, DS parameter set and the others by name.
 *
 *   +--------+--------+-------------------+
 *   | ID (1) | len (1)| information (len) |   repeated to the end of the body
 *   +--------+--------+-------------------+
 *
 * The SSID goes to the Info column (SSID="…", or Wildcard (Broadcast) when empty), as
 * tshark shows it.
 */
#include "config.h"

#include <stdio.h>

#include "core/strvis.h"
#include "dissect/protos.h"

enum { T_MGT, T_TAGGED, T_TAG, T_NUMBER, T_LENGTH, T_SSID, T_RATES, T_EXT_RATES, T_DS_CHANNEL,
	T_DATA, T_TIM_COUNT, T_TIM_PERIOD, T_TIM_BMAPCTL, T_TIM_MCAST, T_TIM_OFFSET, T_TIM_PVB, T_MESH_ID,
	T_RSN_VER, T_GCS, T_GCS_OUI, T_GCS_TYPE, T_PCS_COUNT, T_PCS_LIST, T_PCS, T_PCS_OUI, T_PCS_TYPE,
	T_AKM_COUNT, T_AKM_LIST, T_AKM, T_AKM_OUI, T_AKM_TYPE, T_RSN_CAP, T_CAP_PREAUTH,
	T_CAP_NOPAIR, T_CAP_PTKSA, T_CAP_GTKSA, T_CAP_MFPR, T_CAP_MFPC, T_CAP_JMR, T_CAP_PEERKEY,
	T_CAP_EXTKEY, T_ERP, T_ERP_PRESENT, T_ERP_PROTECT, T_ERP_BARKER, T_ERP_RSV, T_CC_CODE,
	T_CC_ENV, T_CC_PAD, T_CC_FNM, T_CC_FCN, T_CC_NC, T_CC_MTPL, T_CC_RRC, T_CC_OEI, T_CC_OC,
	T_CC_CC };

static const struct val_str cc_env[] = {
	{ 0x04, "Global operating classes" }, { 0x05, "S1G operating classes" },
	{ 0x20, "All" }, { 0x49, "Indoor" }, { 0x4f, "Outdoor" }, { 0x58, "Non Country Entity" },
	{ 0, NULL }
};

static const struct val_str erp_set[] = { { 0, "Not set" }, { 1, "Set" }, { 0, NULL } };

static const struct val_str tag_vals[] = {
	{ 0, "SSID parameter set" },
	{ 1, "Supported Rates" },
	{ 2, "FH Parameter set" },
	{ 3, "DS Parameter set" },
	{ 4, "CF Parameter set" },
	{ 5, "Traffic Indication Map (TIM)" },
	{ 6, "IBSS Parameter set" },
	{ 7, "Country Information" },
	{ 8, "Hopping Pattern Parameters" },
	{ 9, "Hopping Pattern Table" },
	{ 10, "Request" },
	{ 11, "QBSS Load Element" },
	{ 12, "EDCA Parameter Set" },
	{ 13, "Traffic Specification" },
	{ 14, "Traffic Classification" },
	{ 15, "Schedule" },
	{ 16, "Challenge text" },
	{ 32, "Power Constraint" },
	{ 33, "Power Capability" },
	{ 34, "TPC Request" },
	{ 35, "TPC Report" },
	{ 36, "Supported Channels" },
	{ 37, "Channel Switch Announcement" },
	{ 38, "Measurement Request" },
	{ 39, "Measurement Report" },
	{ 40, "Quiet" },
	{ 41, "IBSS DFS" },
	{ 42, "ERP Information" },
	{ 43, "TS Delay" },
	{ 44, "TCLAS Processing" },
	{ 45, "HT Capabilities (802.11n D1.10)" },
	{ 46, "QoS Capability" },
	{ 47, "ERP Information" },
	{ 48, "RSN Information" },
	{ 50, "Extended Supported Rates" },
	{ 51, "AP Channel Report" },
	{ 52, "Neighbor Report" },
	{ 53, "RCPI" },
	{ 54, "Mobility Domain" },
	{ 55, "Fast BSS Transition" },
	{ 56, "Timeout Interval" },
	{ 57, "RIC Data" },
	{ 58, "DSE Registered Location" },
	{ 59, "Supported Operating Classes" },
	{ 60, "Extended Channel Switch Announcement" },
	{ 61, "HT Information (802.11n D1.10)" },
	{ 62, "Secondary Channel Offset (802.11n D1.10)" },
	{ 63, "BSS Average Access Delay" },
	{ 64, "Antenna" },
	{ 65, "RSNI" },
	{ 66, "Measurement Pilot Transmission" },
	{ 67, "BSS Available Admission Capacity" },
	{ 68, "BSS AC Access Delay/WAPI Parameter Set" },
	{ 69, "Time Advertisement" },
	{ 70, "RM Enabled Capabilities" },
	{ 71, "Multiple BSSID" },
	{ 72, "20/40 BSS Coexistence" },
	{ 73, "20/40 BSS Intolerant Channel Report" },
	{ 74, "Overlapping BSS Scan Parameters" },
	{ 75, "RIC Descriptor" },
	{ 76, "Management MIC" },
	{ 78, "Event Request" },
	{ 79, "Event Report" },
	{ 80, "Diagnostic Request" },
	{ 81, "Diagnostic Report" },
	{ 82, "Location Parameters" },
	{ 83, "Non Transmitted BSSID Capability" },
	{ 84, "SSID List" },
	{ 85, "Multiple BSSID Index" },
	{ 86, "FMS Descriptor" },
	{ 87, "FMS Request" },
	{ 88, "FMS Response" },
	{ 89, "QoS Traffic Capability" },
	{ 90, "BSS Max Idle Period" },
	{ 91, "TFS Request" },
	{ 92, "TFS Response" },
	{ 93, "WNM-Sleep Mode" },
	{ 94, "TIM Broadcast Request" },
	{ 95, "TIM Broadcast Response" },
	{ 96, "Collocated Interference Report" },
	{ 97, "Channel Usage" },
	{ 98, "Time Zone" },
	{ 99, "DMS Request" },
	{ 100, "DMS Response" },
	{ 101, "Link Identifier" },
	{ 102, "Wakeup Schedule" },
	{ 104, "Channel Switch Timing" },
	{ 105, "PTI Control" },
	{ 106, "PU Buffer Status" },
	{ 107, "Interworking" },
	{ 108, "Advertisement Protocol" },
	{ 109, "Expedited Bandwidth Request" },
	{ 110, "QoS Map Set" },
	{ 111, "Roaming Consortium" },
	{ 112, "Emergency Alert Identifier" },
	{ 113, "Mesh Configuration" },
	{ 114, "Mesh ID" },
	{ 115, "Mesh Link Metric Report" },
	{ 116, "Congestion Notification" },
	{ 117, "Mesh Peering Management" },
	{ 118, "Mesh Channel Switch Parameters" },
	{ 119, "Mesh Awake Window" },
	{ 120, "Beacon Timing" },
	{ 121, "MCCAOP Setup Request" },
	{ 122, "MCCAOP SETUP Reply" },
	{ 123, "MCCAOP Advertisement" },
	{ 124, "MCCAOP Teardown" },
	{ 125, "Gate Announcement" },
	{ 126, "Root Announcement" },
	{ 127, "Extended Capabilities" },
	{ 128, "Agere Proprietary" },
	{ 130, "Path Request" },
	{ 131, "Path Reply" },
	{ 132, "Path Error" },
	{ 133, "Cisco CCX1 CKIP + Device Name" },
	{ 136, "Cisco CCX2" },
	{ 137, "Proxy Update" },
	{ 138, "Proxy Update Confirmation" },
	{ 139, "Authenticated Mesh Peering Exchange" },
	{ 140, "MIC (Message Integrity Code)" },
	{ 141, "Destination URI" },
	{ 142, "U-APSD Coexistence" },
	{ 143, "Wakeup Schedule 802.11ad" },
	{ 144, "Extended Schedule" },
	{ 145, "STA Availability" },
	{ 146, "DMG TSPEC" },
	{ 147, "Next DMG ATI" },
	{ 148, "DMG Capabilities" },
	{ 149, "Cisco Unknown 95" },
	{ 150, "Vendor Specific" },
	{ 151, "DMG Operating" },
	{ 152, "DMG BSS Parameter Change" },
	{ 153, "DMG Beam Refinement" },
	{ 154, "Channel Measurement Feedback" },
	{ 157, "Awake Window" },
	{ 158, "Multi Band" },
	{ 159, "ADDBA Extension" },
	{ 160, "NEXTPCP List" },
	{ 161, "PCP Handover" },
	{ 162, "DMG Link Margin" },
	{ 163, "Switching Stream" },
	{ 164, "Session Transmission" },
	{ 165, "Dynamic Tone Pairing Report" },
	{ 166, "Cluster Report" },
	{ 167, "Relay Capabilities" },
	{ 168, "Relay Transfer Parameter" },
	{ 169, "Beamlink Maintenance" },
	{ 170, "Multiple MAC Sublayers" },
	{ 171, "U-PID" },
	{ 172, "DMG Link Adaption Acknowledgment" },
	{ 173, "Symbol Proprietary" },
	{ 174, "MCCAOP Advertisement Overview" },
	{ 175, "Quiet Period Request" },
	{ 177, "Quiet Period Response" },
	{ 182, "ECAPC Policy" },
	{ 183, "Cluster Time Offset" },
	{ 184, "Intra-Access Category Priority" },
	{ 185, "SCS Descriptor" },
	{ 190, "Antenna Sector ID" },
	{ 191, "VHT Capabilities" },
	{ 192, "VHT Operation" },
	{ 193, "Extended BSS Load" },
	{ 194, "Wide Bandwidth Channel Switch" },
	{ 195, "Tx Power Envelope" },
	{ 196, "Channel Switch Wrapper" },
	{ 199, "Operating Mode Notification" },
	{ 201, "Reduced Neighbor Report" },
	{ 206, "Fine Time Measurement Params" },
	{ 207, "S1G Open-Loop Link Margin Index" },
	{ 208, "RPS" },
	{ 209, "Page Slice" },
	{ 210, "AID Request" },
	{ 211, "AID Response" },
	{ 212, "Sector Operation" },
	{ 213, "S1G Beacon Compatibility" },
	{ 214, "Short Beacon Interval" },
	{ 215, "Change Sequence" },
	{ 216, "Target Wake Time" },
	{ 217, "S1G Capabilities" },
	{ 220, "Subchannel Selective Transmission" },
	{ 221, "Vendor Specific" },
	{ 222, "Authentication Control" },
	{ 223, "TSF Timer Accuracy" },
	{ 224, "S1G Relay" },
	{ 225, "Reachable Address" },
	{ 226, "S1G Relay Discovery" },
	{ 228, "AID Announcement" },
	{ 229, "PV1 Probe Response Option" },
	{ 230, "EL Operation" },
	{ 231, "Sectorized Group ID List" },
	{ 232, "S1G Operation" },
	{ 233, "Header Compression" },
	{ 234, "SST Operation" },
	{ 235, "MAD" },
	{ 236, "S1G Relay Activation" },
	{ 237, "CAG Number" },
	{ 239, "AP-CSN" },
	{ 240, "FILS Indication" },
	{ 241, "Differential Initial Link Setup" },
	{ 242, "Fragment" },
	{ 244, "RSN eXtension" },
	{ 255, "Element ID Extension" },
	{ 0, NULL }
};

static const struct val_str tf_false_true[] = { { 0, "False" }, { 1, "True" }, { 0, NULL } };

static const struct val_str cipher_vals[] = {
	{ 0, "NONE" }, { 1, "WEP (40-bit)" }, { 2, "TKIP" }, { 3, "AES (OCB)" }, { 4, "AES (CCM)" },
	{ 5, "WEP (104-bit)" }, { 6, "BIP (128)" }, { 7, "Group addressed traffic not allowed" },
	{ 8, "GCMP (128)" }, { 9, "GCMP (256)" }, { 10, "CCMP (256)" }, { 11, "BIP (GMAC-128)" },
	{ 12, "BIP (GMAC-256)" }, { 13, "BIP (CMAC-256)" }, { 0, NULL }
};
static const struct val_str akm_vals[] = {
	{ 0, "NONE" }, { 1, "WPA" }, { 2, "PSK" }, { 3, "FT over IEEE 802.1X" }, { 4, "FT using PSK" },
	{ 5, "WPA (SHA256)" }, { 6, "PSK (SHA256)" }, { 7, "TDLS / TPK Handshake (SHA256)" },
	{ 8, "SAE (SHA256)" }, { 9, "FT using SAE (SHA256)" }, { 10, "APPeerKey (SHA256)" },
	{ 11, "WPA (SHA256-SuiteB)" }, { 12, "WPA (SHA384-SuiteB)" },
	{ 13, "FT over IEEE 802.1X (SHA384)" }, { 14, "FILS (SHA256 and AES-SIV-256)" },
	{ 15, "FILS (SHA384 and AES-SIV-512)" }, { 16, "FT over FILS (SHA256 and AES-SIV-256)" },
	{ 17, "FT over FILS (SHA384 and AES-SIV-512)" }, { 18, "Opportunistic Wireless Encryption" },
	{ 19, "FT using PSK (SHA384)" }, { 20, "PSK (SHA384)" }, { 21, "PASN" }, { 0, NULL }
};
static const struct val_str replay_vals[] = {
	{ 0, "1 replay counter per PTKSA/GTKSA/STAKeySA" },
	{ 1, "2 replay counters per PTKSA/GTKSA/STAKeySA" },
	{ 2, "4 replay counters per PTKSA/GTKSA/STAKeySA" },
	{ 3, "16 replay counters per PTKSA/GTKSA/STAKeySA" }, { 0, NULL }
};
static const struct val_str tf_preauth[] = {
	{ 0, "Transmitter does not support pre-authentication" },
	{ 1, "Transmitter supports pre-authentication" }, { 0, NULL }
};
static const struct val_str tf_nopair[] = {
	{ 0, "Transmitter can support WEP default key 0 simultaneously with Pairwise key" },
	{ 1, "Transmitter cannot support WEP default key 0 simultaneously with Pairwise key" },
	{ 0, NULL }
};
static const struct val_str tf_supported[] = { { 0, "Not supported" }, { 1, "Supported" }, { 0, NULL } };

#define SUITE(idx, abbrev, name, help) [idx] = { abbrev, name, FT_UINT32, BASE_HEX, 0, 0, NULL, help, 0 }
#define SUITE_OUI(idx, abbrev, name) [idx] = { abbrev, name, FT_UINT24, BASE_HEX, 0, 0, NULL, \
	"24 bits: organization that defined the suite (00:0f:ac = IEEE 802.11).", 0 }
#define SUITE_TYPE(idx, abbrev, name, vals) [idx] = { abbrev, name, FT_UINT8, BASE_DEC, 0, 0, vals, \
	"8 bits: the suite within its organization.", 0 }
#define RSNCAP(idx, abbrev, name, type, mask, vals) [idx] = { "wlan.rsn.capabilities." abbrev, \
	name, type, type == FT_BOOLEAN ? BASE_NONE : BASE_HEX, mask, 16, vals, "RSN capabilities bit.", 0 }

static const struct field_def fields[] = {
	[T_MGT] = { "wlan.mgt", "IEEE 802.11 Wireless Management", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Body of a management frame: fixed parameters, then tagged elements.", 0 },
	[T_TAGGED] = { "wlan.tagged.all", "Tagged parameters", FT_NONE, BASE_NONE, 0, 0, NULL,
		"The information elements of a management frame.", 0 },
	[T_TAG] = { "wlan.tag", "Tag", FT_NONE, BASE_NONE, 0, 0, NULL,
		"One information element: number, length, contents.", 0 },
	[T_NUMBER] = { "wlan.tag.number", "Tag Number", FT_UINT8, BASE_DEC, 0, 0, tag_vals,
		"8 bits: which element (0 SSID, 1 rates, 3 channel, 48 RSN, 221 vendor).", 0 },
	[T_LENGTH] = { "wlan.tag.length", "Tag length", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"8 bits: bytes of element data.", 0 },
	[T_SSID] = { "wlan.ssid", "SSID", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The network name (up to 32 bytes; empty in a wildcard probe).", 0 },
	[T_RATES] = { "wlan.supported_rates", "Supported Rates", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"A rate in 500 kbit/s; the high bit marks a basic (mandatory) rate.", 0 },
	[T_EXT_RATES] = { "wlan.extended_supported_rates", "Extended Supported Rates", FT_UINT8,
		BASE_HEX, 0, 0, NULL, "Rates beyond the first eight.", 0 },
	[T_DS_CHANNEL] = { "wlan.ds.current_channel", "Current Channel", FT_UINT8, BASE_DEC, 0, 0,
		NULL, "The channel the AP operates on.", 0 },
	[T_DATA] = { "wlan.tag.data", "Tag Data", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Element contents this dissector does not decode.", 0 },
	[T_TIM_COUNT] = { "wlan.tim.dtim_count", "DTIM count", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Beacons before the next DTIM (0: this beacon is one).", 0 },
	[T_TIM_PERIOD] = { "wlan.tim.dtim_period", "DTIM period", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Beacon intervals between DTIMs, when buffered multicast is sent.", 0 },
	[T_TIM_BMAPCTL] = { "wlan.tim.bmapctl", "Bitmap control", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: multicast buffered, and the bitmap's offset.", 0 },
	[T_TIM_MCAST] = { "wlan.tim.bmapctl.multicast", "Multicast", FT_BOOLEAN, BASE_NONE, 0x01, 8,
		tf_false_true, "The AP holds multicast frames.", 0 },
	[T_TIM_OFFSET] = { "wlan.tim.bmapctl.offset", "Bitmap Offset", FT_UINT8, BASE_HEX, 0xfe, 8,
		NULL, "7 bits: where the partial bitmap starts, in pairs of bytes.", 0 },
	[T_CC_CODE] = { "wlan.country_info.code", "Code", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The two letters of the country whose rules the AP follows.", 0 },
	[T_CC_ENV] = { "wlan.country_info.environment", "Environment", FT_UINT8, BASE_DEC, 0, 0, cc_env,
		"Indoor, outdoor or both; or which table of operating classes follows.", 0 },
	[T_CC_PAD] = { "wlan.country_info.padding", "Padding", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"A byte that keeps the element's length even.", 0 },
	[T_CC_FNM] = { "wlan.country_info.fnm", "Country Info", FT_NONE, BASE_NONE, 0, 0, NULL,
		"A range of channels and the power allowed on them.", 0 },
	[T_CC_FCN] = { "wlan.country_info.fnm.fcn", "First Channel Number", FT_UINT8, BASE_DEC, 0, 0,
		NULL, "The first channel of the range.", 0 },
	[T_CC_NC] = { "wlan.country_info.fnm.nc", "Number of Channels", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"How many channels the range has.", 0 },
	[T_CC_MTPL] = { "wlan.country_info.fnm.mtpl", "Maximum Transmit Power Level", FT_INT8, BASE_DEC,
		0, 0, NULL, "dBm allowed on those channels.", 0 },
	[T_CC_RRC] = { "wlan.country_info.rrc", "Country Info", FT_NONE, BASE_NONE, 0, 0, NULL,
		"An operating class (its first byte 201 or more).", 0 },
	[T_CC_OEI] = { "wlan.country_info.rrc.oei", "Operating Extension Identifier", FT_UINT8, BASE_DEC,
		0, 0, NULL, "201 or more: this triplet names an operating class.", 0 },
	[T_CC_OC] = { "wlan.country_info.rrc.oc", "Operating Class", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"The table of channels and rules that applies.", 0 },
	[T_CC_CC] = { "wlan.country_info.rrc.cc", "Coverage Class", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"How far the AP expects stations (air propagation time).", 0 },
	[T_ERP] = { "wlan.erp_info", "ERP Information", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: how 802.11g stations share the channel with 802.11b ones.", 0 },
	[T_ERP_PRESENT] = { "wlan.erp_info.erp_present", "Non ERP Present", FT_BOOLEAN, BASE_NONE,
		0x01, 8, erp_set, "An 802.11b-only station is associated or heard.", 0 },
	[T_ERP_PROTECT] = { "wlan.erp_info.use_protection", "Use Protection", FT_BOOLEAN, BASE_NONE,
		0x02, 8, erp_set, "802.11g frames are protected by RTS/CTS or CTS-to-self.", 0 },
	[T_ERP_BARKER] = { "wlan.erp_info.barker_preamble_mode", "Barker Preamble Mode", FT_BOOLEAN,
		BASE_NONE, 0x04, 8, erp_set, "Long preambles only (an 802.11b station cannot do short).", 0 },
	[T_ERP_RSV] = { "wlan.erp_info.reserved", "Reserved", FT_UINT8, BASE_HEX, 0xf8, 8, NULL,
		"5 bits, zero.", 0 },
	[T_TIM_PVB] = { "wlan.tim.partial_virtual_bitmap", "Partial Virtual Bitmap", FT_BYTES,
		BASE_NONE, 0, 0, NULL, "One bit per association ID with frames buffered at the AP.", 0 },
	[T_MESH_ID] = { "wlan.mesh.id", "Mesh ID", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Name of the 802.11s mesh network.", 0 },
	[T_RSN_VER] = { "wlan.rsn.version", "RSN Version", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: 1.", 0 },
	SUITE(T_GCS, "wlan.rsn.gcs", "Group Cipher Suite", "Cipher for broadcast and multicast frames."),
	SUITE_OUI(T_GCS_OUI, "wlan.rsn.gcs.oui", "Group Cipher Suite OUI"),
	SUITE_TYPE(T_GCS_TYPE, "wlan.rsn.gcs.type", "Group Cipher Suite type", cipher_vals),
	[T_PCS_COUNT] = { "wlan.rsn.pcs.count", "Pairwise Cipher Suite Count", FT_UINT16, BASE_DEC, 0, 0,
		NULL, "16 bits: how many pairwise ciphers follow.", 0 },
	[T_PCS_LIST] = { "wlan.rsn.pcs.list", "Pairwise Cipher Suite List", FT_NONE, BASE_NONE, 0, 0,
		NULL, "Ciphers offered for unicast frames.", 0 },
	SUITE(T_PCS, "wlan.rsn.pcs", "Pairwise Cipher Suite", "A cipher for unicast frames (CCMP = WPA2)."),
	SUITE_OUI(T_PCS_OUI, "wlan.rsn.pcs.oui", "Pairwise Cipher Suite OUI"),
	SUITE_TYPE(T_PCS_TYPE, "wlan.rsn.pcs.type", "Pairwise Cipher Suite type", cipher_vals),
	[T_AKM_COUNT] = { "wlan.rsn.akms.count", "Auth Key Management (AKM) Suite Count", FT_UINT16,
		BASE_DEC, 0, 0, NULL, "16 bits: how many key management suites follow.", 0 },
	[T_AKM_LIST] = { "wlan.rsn.akms.list", "Auth Key Management (AKM) List", FT_NONE, BASE_NONE, 0,
		0, NULL, "Key management offered: PSK (WPA2-Personal), 802.1X, SAE (WPA3).", 0 },
	SUITE(T_AKM, "wlan.rsn.akms", "Auth Key Management (AKM) Suite", "A key management method."),
	SUITE_OUI(T_AKM_OUI, "wlan.rsn.akms.oui", "Auth Key Management (AKM) OUI"),
	SUITE_TYPE(T_AKM_TYPE, "wlan.rsn.akms.type", "Auth Key Management (AKM) type", akm_vals),
	[T_RSN_CAP] = { "wlan.rsn.capabilities", "RSN Capabilities", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: pre-authentication, replay counters, management frame protection.", 0 },
	RSNCAP(T_CAP_PREAUTH, "preauth", "RSN Pre-Auth capabilities", FT_BOOLEAN, 0x0001, tf_preauth),
	RSNCAP(T_CAP_NOPAIR, "no_pairwise", "RSN No Pairwise capabilities", FT_BOOLEAN, 0x0002, tf_nopair),
	RSNCAP(T_CAP_PTKSA, "ptksa_replay_counter", "RSN PTKSA Replay Counter capabilities", FT_UINT16,
		0x000c, replay_vals),
	RSNCAP(T_CAP_GTKSA, "gtksa_replay_counter", "RSN GTKSA Replay Counter capabilities", FT_UINT16,
		0x0030, replay_vals),
	RSNCAP(T_CAP_MFPR, "mfpr", "Management Frame Protection Required", FT_BOOLEAN, 0x0040, tf_false_true),
	RSNCAP(T_CAP_MFPC, "mfpc", "Management Frame Protection Capable", FT_BOOLEAN, 0x0080, tf_false_true),
	RSNCAP(T_CAP_JMR, "jmr", "Joint Multi-band RSNA", FT_BOOLEAN, 0x0100, tf_false_true),
	RSNCAP(T_CAP_PEERKEY, "peerkey", "PeerKey Enabled", FT_BOOLEAN, 0x0200, tf_false_true),
	RSNCAP(T_CAP_EXTKEY, "extended_key_id_iaf", "Extended Key ID for Individually Addressed Frames",
		FT_BOOLEAN, 0x2000, tf_supported),
};
static const struct field_table tags_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);

/* Country (7): the code, the environment, then triplets of channels and power (or, from
 * 201 on, of operating classes); a byte over is padding. */
static void country(struct dctx *d, uint32_t tag, uint32_t len_node, struct cur *e, uint32_t off)
{
	struct dtree *t = d->tree;
	uint32_t len = (uint32_t)cur_left(e), n;
	const char *env;
	char msg[64];

	if (len < 6) {
		snprintf(msg, sizeof(msg), "Tag length %u too short, must be >= 6", len);
		dissect_expert(d, len_node, NULL, SEV_ERROR, "Malformed", msg);
		return;
	}
	uint8_t e3 = cur_peek(e, 2);
	env = val_to_str(e3, cc_env);
	tree_add_bytes(t, tag, &fields[T_CC_CODE], off, 2, e->p, 2);
	tree_add_uint(t, tag, &fields[T_CC_ENV], off + 2, 1, e3);
	if (tree_text(t)) {
		char code[16];
		strvis(code, sizeof(code), e->p, 2, STRVIS_WIRE);
		tree_label_append(t, tag, ": Country Code %s, Environment %s", code, env ? env : "Unknown");
	}
	cur_skip(e, 3);
	while (cur_left(e) >= 3) {
		uint32_t at = cur_off(e);
		uint8_t a = cur_u8(e), b = cur_u8(e), c = cur_u8(e);
		if (a >= 201) {
			n = tree_add(t, tag, &fields[T_CC_RRC], at, 3);
			tree_label(t, n, "Country Info: Operating Extension Identifier: %u, Operating Class: %u, Coverage Class: %u",
			    a, b, c);
			tree_add_uint(t, n, &fields[T_CC_OEI], at, 1, a);
			tree_add_uint(t, n, &fields[T_CC_OC], at + 1, 1, b);
			tree_add_uint(t, n, &fields[T_CC_CC], at + 2, 1, c);
			continue;
		}
		n = tree_add(t, tag, &fields[T_CC_FNM], at, 3);
		tree_label(t, n, "Country Info: First Channel Number: %u, Number of Channels: %u, Maximum Transmit Power Level: %d dBm",
		    a, b, (int8_t)c);
		tree_add_uint(t, n, &fields[T_CC_FCN], at, 1, a);
		tree_add_uint(t, n, &fields[T_CC_NC], at + 1, 1, b);
		uint32_t p = tree_add_int(t, n, &fields[T_CC_MTPL], at + 2, 1, (int8_t)c);
		tree_label(t, p, "Maximum Transmit Power Level: %d dBm", (int8_t)c);
	}
	if (cur_left(e))
		tree_add_bytes(t, tag, &fields[T_CC_PAD], cur_off(e), (uint32_t)cur_left(e), e->p,
		    (uint32_t)cur_left(e));
}
const struct proto_reg wlan_mgt_proto = REG_PROTO_TABLE(tags_table);

uint32_t ieee80211_mgt_node(struct dctx *d, const struct cur *c, uint32_t parent)
{
	return tree_add(d->tree, parent, &fields[T_MGT], cur_off(c), (uint32_t)cur_left(c));
}

/* "00:0f:ac (Ieee 802.11) AES (CCM)": a suite as tshark names it. */
static void suite_str(uint32_t oui, uint8_t type, const struct val_str *vals, char *s, size_t n)
{
	const char *name = oui == 0x000fac ? val_to_str(type, vals) : NULL;

	if (oui == 0x000fac)
		snprintf(s, n, "00:0f:ac (Ieee 802.11) %s", name ? name : "Unknown");
	else
		snprintf(s, n, "%02x:%02x:%02x Unknown %u", oui >> 16, oui >> 8 & 0xff, oui & 0xff, type);
}

/* One suite (4 bytes at e) under parent: f[0] the suite, f[1] its OUI, f[2] its type.
 * Writes its name to s. */
static void suite(struct dtree *t, uint32_t parent, struct cur *e, const int f[3],
    const struct val_str *vals, char *s, size_t n)
{
	uint32_t off = cur_off(e), oui = cur_be24(e), sn, on;
	uint8_t type = cur_u8(e);

	suite_str(oui, type, vals, s, n);
	sn = tree_add_uint(t, parent, &fields[f[0]], off, 4, oui << 8 | type);
	tree_label(t, sn, "%s: %s", fields[f[0]].name, s);
	on = tree_add_uint(t, sn, &fields[f[1]], off, 3, oui);
	if (oui == 0x000fac)
		tree_label(t, on, "%s: 00:0f:ac (Ieee 802.11)", fields[f[1]].name);
	else
		tree_label(t, on, "%s: %02x:%02x:%02x", fields[f[1]].name, oui >> 16, oui >> 8 & 0xff,
		    oui & 0xff);
	if (oui == 0x000fac)
		tree_add_uint(t, sn, &fields[f[2]], off + 3, 1, type);
	else
		tree_label(t, tree_add_uint(t, sn, &fields[f[2]], off + 3, 1, type), "%s: %u",
		    fields[f[2]].name, type);
}

/* A suite count and list; 0 when the count claims more than the element holds. */
static int suite_list(struct dctx *d, uint32_t tag, struct cur *e, const int f[5],
    const struct val_str *vals)
{
	struct dtree *t = d->tree;
	uint32_t off = cur_off(e), cn, ln;
	uint16_t cnt = cur_le16(e);
	char s[80];

	if (!cur_ok(e))
		return 0;
	cn = tree_add_uint(t, tag, &fields[f[0]], off, 2, cnt);
	if (4u * cnt > cur_left(e)) {
		char msg[160];
		snprintf(msg, sizeof(msg), "%s too large, 4*%u > %u", fields[f[0]].name, cnt,
		    (unsigned)cur_left(e));
		dissect_expert(d, cn, NULL, SEV_ERROR, "Malformed", msg);
		tree_add(t, tag, &fields[f[1]], cur_off(e), 0);
		return 0;
	}
	ln = tree_add(t, tag, &fields[f[1]], cur_off(e), 4u * cnt);
	tree_label(t, ln, "%s", fields[f[1]].name);
	for (unsigned i = 0; i < cnt; i++) {
		suite(t, ln, e, f + 2, vals, s, sizeof(s));
		tree_label_append(t, ln, " %s", s);
	}
	return 1;
}

/* 0 when the element was malformed: tshark gives up on the frame there. */
static int rsn(struct dctx *d, uint32_t tag, struct cur *e)
{
	static const int gcs[3] = { T_GCS, T_GCS_OUI, T_GCS_TYPE };
	static const int pcs[5] = { T_PCS_COUNT, T_PCS_LIST, T_PCS, T_PCS_OUI, T_PCS_TYPE };
	static const int akm[5] = { T_AKM_COUNT, T_AKM_LIST, T_AKM, T_AKM_OUI, T_AKM_TYPE };
	struct dtree *t = d->tree;
	uint32_t off = cur_off(e);
	char s[80];

	tree_add_uint(t, tag, &fields[T_RSN_VER], off, 2, cur_le16(e));
	if (cur_left(e) < 4)
		return 1;
	suite(t, tag, e, gcs, cipher_vals, s, sizeof(s));
	if (cur_left(e) < 2)
		return 1;
	int ok = suite_list(d, tag, e, pcs, cipher_vals);
	if (cur_left(e) < 2)
		return 1;
	ok &= suite_list(d, tag, e, akm, akm_vals);
	if (!ok) {
		dissect_malformed(d, 0, "IEEE 802.11", "RSN suite count larger than the element");
		return 0;
	}
	if (cur_left(e) < 2)
		return 1;
	off = cur_off(e);
	uint16_t cap = cur_le16(e);
	uint32_t cn = tree_add_uint(t, tag, &fields[T_RSN_CAP], off, 2, cap);
	for (int i = T_CAP_PREAUTH; i <= T_CAP_EXTKEY; i++)
		tree_add_uint(t, cn, &fields[i], off, 2, cap);
	return 1;
}

static void rate_str(uint8_t v, char *s, size_t n)
{
	unsigned r = v & 0x7f;

	snprintf(s, n, r & 1 ? "%u.5%s" : "%u%s", r / 2, v & 0x80 ? "(B)" : "");
}

static void rates(struct dtree *t, uint32_t tag, struct cur *e, int which)
{
	char s[16];

	if (tree_text(t))
		tree_label_append(t, tag, " ");
	while (cur_left(e)) {
		uint32_t off = cur_off(e);
		uint8_t v = cur_u8(e);
		rate_str(v, s, sizeof(s));
		tree_label(t, tree_add_uint(t, tag, &fields[which], off, 1, v), "%s: %s (0x%02x)",
		    fields[which].name, s, v);
		tree_label_append(t, tag, "%s, ", s);
	}
	tree_label_append(t, tag, "[Mbit/sec]");
}

void ieee80211_tags(struct dctx *d, struct cur *c, uint32_t mgt)
{
	struct dtree *t = d->tree;
	uint32_t all;

	if (!cur_left(c))
		return;
	all = tree_add(t, mgt, &fields[T_TAGGED], cur_off(c), (uint32_t)cur_left(c));
	tree_label(t, all, "Tagged parameters (%u bytes)", (uint32_t)cur_left(c));
	while (cur_left(c) >= 2) {
		uint32_t off = cur_off(c);
		uint8_t id = cur_u8(c), len = cur_u8(c);
		const char *name = val_to_str(id, tag_vals);
		uint32_t tag = tree_add(t, all, &fields[T_TAG], off, 2u + len);

		tree_label(t, tag, "Tag: %s", name ? name : "Reserved");
		tree_add_uint(t, tag, &fields[T_NUMBER], off, 1, id);
		uint32_t ln = tree_add_uint(t, tag, &fields[T_LENGTH], off + 1, 1, len);
		if (len > cur_left(c)) {
			dissect_exhausted(d, tag, "IEEE 802.11");
			return;
		}
		struct cur e = cur_sub(c, len, NULL);
		cur_skip(c, len);
		switch (id) {
		case 0: {
			char s[4 * 255 + 1];
			strvis(s, sizeof(s), e.p, len, STRVIS_WIRE);
			uint32_t n = tree_add_bytes(t, tag, &fields[T_SSID], off + 2, len, e.p, len);
			if (len) {
				tree_label(t, n, "SSID: \"%s\"", s);
				tree_label_append(t, tag, ": \"%s\"", s);
				col_append_str(d->pi, ", SSID=\"");
				col_append_escaped(d->pi, e.p, len);
				col_append_str(d->pi, "\"");
			} else {
				tree_label(t, n, "SSID: <MISSING>");
				tree_label_append(t, tag, ": Wildcard SSID");
				col_append_str(d->pi, ", SSID=Wildcard (Broadcast)");
			}
			break;
		}
		case 1:
			rates(t, tag, &e, T_RATES);
			break;
		case 50:
			rates(t, tag, &e, T_EXT_RATES);
			break;
		case 5:
			if (len >= 3) {
				uint8_t cnt = cur_u8(&e), per = cur_u8(&e), ctl = cur_u8(&e);
				tree_label_append(t, tag, ": DTIM %u of %u bitmap", cnt, per);
				tree_add_uint(t, tag, &fields[T_TIM_COUNT], off + 2, 1, cnt);
				tree_add_uint(t, tag, &fields[T_TIM_PERIOD], off + 3, 1, per);
				uint32_t b = tree_add_uint(t, tag, &fields[T_TIM_BMAPCTL], off + 4, 1, ctl);
				tree_add_uint(t, b, &fields[T_TIM_MCAST], off + 4, 1, ctl);
				tree_add_uint(t, b, &fields[T_TIM_OFFSET], off + 4, 1, ctl);
				if (cur_left(&e))
					tree_add_bytes(t, tag, &fields[T_TIM_PVB], off + 5,
					    (uint32_t)cur_left(&e), e.p, (uint32_t)cur_left(&e));
			} else if (len)
				tree_add_bytes(t, tag, &fields[T_DATA], off + 2, len, e.p, len);
			break;
		case 48:
			if (!rsn(d, tag, &e))
				return;
			break;
		case 114: {
			char s[4 * 255 + 1];
			tree_add_bytes(t, tag, &fields[T_MESH_ID], off + 2, len, e.p, len);
			if (!len)
				break;
			strvis(s, sizeof(s), e.p, len, STRVIS_WIRE);
			tree_label_append(t, tag, ": %s", s);
			col_append_str(d->pi, ", MESHID=");
			col_append_escaped(d->pi, e.p, len);
			break;
		}
		case 7:
			country(d, tag, ln, &e, off + 2);
			break;
		case 42:	/* ERP Information (47: the same, before 802.11g was final) */
		case 47:
			if (len == 1) {
				uint8_t v = cur_u8(&e);
				uint32_t n = tree_add_uint(t, tag, &fields[T_ERP], off + 2, 1, v);
				for (int f = T_ERP_PRESENT; f <= T_ERP_RSV; f++)
					tree_add_uint(t, n, &fields[f], off + 2, 1, v);
			} else if (len)
				tree_add_bytes(t, tag, &fields[T_DATA], off + 2, len, e.p, len);
			break;
		case 3:
			if (len == 1) {
				uint8_t ch = cur_u8(&e);
				tree_label_append(t, tag, ": Current Channel: %u", ch);
				tree_add_uint(t, tag, &fields[T_DS_CHANNEL], off + 2, 1, ch);
			}
			break;
		default:
			if (len)
				tree_add_bytes(t, tag, &fields[T_DATA], off + 2, len, e.p, len);
			break;
		}
	}
}
