/* ieee80211.c — IEEE 802.11 MAC frames (IEEE Std 802.11-2020, clause 9), LINKTYPE_IEEE802_11
 * (105) and after radiotap, with Wireshark's "802.11 radio information" pseudo-layer.
 *
 *   +-------+----------+-------+-------+-------+----------+-------+---------+------+-----+
 *   | FC(2) | Dur/ID(2)| Addr1 | Addr2 | Addr3 | SeqCtl(2)| Addr4 | QoS (2) | body | FCS |
 *   +-------+----------+-------+-------+-------+----------+-------+---------+------+-----+
 *
 * Frame control: version (2 bits), type (2), subtype (4), then the flags byte.  Control
 * frames stop after Addr1 (ACK, CTS) or Addr2 (RTS, Block Ack); Addr4 only when To DS
 * and From DS are both set; QoS Control in QoS data subtypes.  Management bodies are
 * fixed parameters then tagged elements (ieee80211_tags.c); unprotected data carries
 * LLC/SNAP.  The FCS is present when radiotap's flags say so (never for link type 105,
 * tshark's default).
 */
#include "config.h"

#include <stdio.h>

#include "core/linktype.h"
#include "dissect/fvalue.h"
#include "dissect/protos.h"

static void dissect_wlan_link(struct dctx *d, struct cur *c, uint32_t parent);

enum {
	W_PROTO, W_TYPE_SUBTYPE, W_FC, W_VERSION, W_TYPE, W_SUBTYPE, W_FLAGS, W_DS, W_TODS,
	W_FROMDS, W_MOREFRAG, W_RETRY, W_PWRMGT, W_MOREDATA, W_PROTECTED, W_ORDER, W_DURATION,
	W_RA, W_DA, W_TA, W_SA, W_BSSID, W_STA, W_ADDR, W_FRAG, W_SEQ, W_FCS, W_FCS_STATUS,
	W_FIXED, W_TIMESTAMP, W_BEACON, W_CAP, W_CAP_ESS, W_CAP_IBSS, W_CAP_RES1,
	W_CAP_RES2, W_CAP_PRIVACY, W_CAP_PREAMBLE, W_CAP_RES3, W_CAP_RES4, W_CAP_SPECTRUM,
	W_CAP_QOS, W_CAP_SLOT, W_CAP_APSD, W_CAP_RADIO, W_CAP_EPD, W_CAP_RES5, W_CAP_RES6,
	W_AUTH_ALG, W_AUTH_SEQ, W_STATUS, W_REASON, W_LISTEN, W_AID, W_CURRENT_AP,
	W_CCMP, W_CCMP_IV, W_KEYIDX, W_QOS, W_QOS_TID, W_QOS_PRIO, W_QOS_EOSP, W_QOS_BIT4,
	W_QOS_ACK, W_QOS_AMSDU, W_QOS_PSBUF, W_QOS_BUFIND, W_QOS_TXOPREQ, W_QOS_QSIZE,
};

static const struct val_str reason_vals[] = {
	{ 1, "Unspecified reason" },
	{ 2, "Previous authentication no longer valid" },
	{ 3, "Deauthenticated because sending STA is leaving (or has left) the BSS" },
	{ 4, "Disassociated due to inactivity" },
	{ 5, "Disassociated because AP is unable to handle all currently associated STAs" },
	{ 6, "Class 2 frame received from nonauthenticated STA" },
	{ 7, "Class 3 frame received from nonassociated STA" },
	{ 8, "Disassociated because sending STA is leaving (or has left) BSS" },
	{ 9, "STA requesting (re)association is not authenticated with responding STA" },
	{ 10, "Disassociated because the information in the Power Capability element is unacceptable" },
	{ 11, "Disassociated because the information in the Supported Channels element is unacceptable" },
	{ 12, "Disassociated due to BSS transition management" },
	{ 13, "Invalid information element, i.e., an information element defined in this standard for which the content does not meet the specifications in Clause 9" },
	{ 14, "Message integrity code (MIC) failure" },
	{ 15, "4-way handshake timeout" },
	{ 16, "Group key handshake timeout" },
	{ 17, "Element in 4-way handshake different from (Re)Association Request/Probe Response/Beacon frame" },
	{ 18, "Invalid group cipher" },
	{ 19, "Invalid pairwise cipher" },
	{ 20, "Invalid AKMP" },
	{ 21, "Unsupported RSNE version" },
	{ 22, "Invalid RSNE capabilities" },
	{ 23, "IEEE 802.1X authentication failed" },
	{ 24, "Cipher suite rejected because of the security policy" },
	{ 25, "TDLS direct-link teardown due to TDLS peer STA unreachable via the TDLS direct link" },
	{ 26, "TDLS direct-link teardown for unspecified reason" },
	{ 27, "Disassociated because session terminated by SSP request" },
	{ 28, "Disassociated because of lack of SSP roaming agreement" },
	{ 29, "Requested service rejected because of SSP cipher suite or AKM requirement " },
	{ 30, "Requested service not authorized in this location" },
	{ 31, "TS deleted because QoS AP lacks sufficient bandwidth for this QoS STA due to a change in BSS service characteristics or operational mode" },
	{ 32, "Disassociated for unspecified, QoS-related reason" },
	{ 33, "Disassociated because QoS AP lacks sufficient bandwidth for this QoS STA" },
	{ 34, "Disassociated because excessive number of frames need to be acknowledged, but are not acknowledged due to AP transmissions and/or poor channel conditions" },
	{ 35, "Disassociated because STA is transmitting outside the limits of its TXOPs" },
	{ 36, "Requested from peer STA as the STA is leaving the BSS (or resetting)" },
	{ 37, "Requesting STA is no longer using the stream or session" },
	{ 38, "Requesting STA received frames using a mechanism for which a setup has not been completed" },
	{ 39, "Requested from peer STA due to timeout" },
	{ 46, "Disassociated because authorized access limit reached" },
	{ 47, "Disassociated due to external service requirements" },
	{ 48, "Invalid FT Action frame count" },
	{ 49, "Invalid pairwise master key identifier (PMKID)" },
	{ 50, "Invalid MDE" },
	{ 51, "Invalid FTE" },
	{ 52, "Mesh peering canceled for unknown reasons" },
	{ 53, "The mesh STA has reached the supported maximum number of peer mesh STAs" },
	{ 54, "The received information violates the Mesh Configuration policy configured in the mesh STA profile" },
	{ 55, "The mesh STA has received a Mesh Peering Close message requesting to close the mesh peering" },
	{ 56, "The mesh STA has re-sent dot11MeshMaxRetries Mesh Peering Open messages, without receiving a Mesh Peering Confirm message" },
	{ 57, "The confirmTimer for the mesh peering instance times out" },
	{ 58, "The mesh STA fails to unwrap the GTK or the values in the wrapped contents do not match" },
	{ 59, "The mesh STA receives inconsistent information about the mesh parameters between Mesh Peering Management frames" },
	{ 60, "The mesh STA fails the authenticated mesh peering exchange because due to failure in selecting either the pairwise ciphersuite or group ciphersuite" },
	{ 61, "The mesh STA does not have proxy information for this external destination" },
	{ 62, "The mesh STA does not have forwarding information for this destination" },
	{ 63, "The mesh STA determines that the link to the next hop of an active path in its forwarding information is no longer usable" },
	{ 64, "The Deauthentication frame was sent because the MAC address of the STA already exists in the mesh BSS. See 11.3.3 (Additional mechanisms for an AP collocated with a mesh STA)" },
	{ 65, "The mesh STA performs channel switch to meet regulatory requirements" },
	{ 66, "The mesh STA performs channel switch with unspecified reason" },
	{ 67, "Transmission link establishment in alternative channel failed" },
	{ 68, "The alternative channel is occupied" },
	{ 71, "Disassociated due to poor RSSI" },
	{ 0, NULL }
};
static const struct val_str status_vals[] = {
	{ 0, "Successful" },
	{ 1, "Unspecified failure" },
	{ 2, "TDLS wakeup schedule rejected but alternative schedule provided" },
	{ 3, "TDLS wakeup schedule rejected" },
	{ 4, "Reserved" },
	{ 5, "Security disabled" },
	{ 6, "Unacceptable lifetime" },
	{ 7, "Not in same BSS" },
	{ 8, "Reserved" },
	{ 9, "Reserved" },
	{ 10, "Cannot support all requested capabilities in the Capability Information field" },
	{ 11, "Reassociation denied due to inability to confirm that association exists" },
	{ 12, "Association denied due to reason outside the scope of this standard" },
	{ 13, "Responding STA does not support the specified authentication algorithm" },
	{ 14, "Received an Authentication frame with authentication transaction sequence number out of expected sequence" },
	{ 15, "Authentication rejected because of challenge failure" },
	{ 16, "Authentication rejected due to timeout waiting for next frame in sequence" },
	{ 17, "Association denied because AP is unable to handle additional associated STAs" },
	{ 18, "Association denied due to requesting STA not supporting all of the data rates in the BSSBasicRateSet parameter, the Basic HT-MCS Set field of the HT Operation parameter, or the Basic VHT-MCS and NSS Set field in the VHT Operation parameter" },
	{ 19, "Association denied due to requesting STA not supporting the short preamble option" },
	{ 20, "Reserved" },
	{ 21, "Reserved" },
	{ 22, "Association request rejected because spectrum management capability is required" },
	{ 23, "Association request rejected because the information in the Power Capability element is unacceptable" },
	{ 24, "Association request rejected because the information in the Supported Channels element is unacceptable" },
	{ 25, "Association denied due to requesting STA not supporting short slot time" },
	{ 26, "Reserved" },
	{ 27, "Association denied because the requesting STA does not support HT features" },
	{ 28, "R0KH unreachable" },
	{ 29, "Reserved" },
	{ 30, "Association request rejected temporarily; try again later" },
	{ 31, "Robust management frame policy violation" },
	{ 32, "Unspecified, QoS-related failure" },
	{ 33, "Association denied because QoS AP or PCP has insufficient bandwidth to handle another QoS STA" },
	{ 34, "Association denied due to excessive frame loss rates and/ or poor conditions on current operating channel" },
	{ 35, "Association (with QoS BSS) denied because the requesting STA does not support the QoS facility" },
	{ 36, "Reserved" },
	{ 37, "The request has been declined" },
	{ 38, "The request has not been successful as one or more parameters have invalid values" },
	{ 39, "The allocation or TS has not been created because the request cannot be honored; however, a suggested TSPEC/DMG TSPEC is provided so that the initiating STA can attempt to set another allocation or TS with the suggested changes to the TSPEC/DMG TSPEC" },
	{ 40, "Invalid element, i.e., an element defined in this standard for which the content does not meet the specifications in Clause 9 (Frame formats)" },
	{ 41, "Invalid group cipher" },
	{ 42, "Invalid pairwise cipher" },
	{ 43, "Invalid AKMP" },
	{ 44, "Unsupported RSNE version" },
	{ 45, "Invalid RSNE capabilities" },
	{ 46, "Cipher suite rejected because of security policy" },
	{ 47, "The TS or allocation has not been created; however, the HC or PCP might be capable of creating a TS or allocation, in response to a request, after the time indicated in the TS Delay element" },
	{ 48, "Reserved" },
	{ 49, "The Destination STA is not present within this BSS" },
	{ 50, "The Destination STA is not a QoS STA" },
	{ 51, "Association denied because the listen interval is too large" },
	{ 52, "Invalid FT Action frame count" },
	{ 53, "Invalid pairwise master key identifier (PMKID)" },
	{ 54, "Invalid MDE" },
	{ 55, "Invalid FTE" },
	{ 56, "Requested TCLAS processing is not supported by the AP or PCP" },
	{ 57, "The AP or PCP has insufficient TCLAS processing resources to satisfy the request" },
	{ 58, "The TS has not been created because the request cannot be honored; however, the HC or PCP suggests that the STA transition to a different BSS to set up the TS" },
	{ 59, "GAS advertisement protocol not supported" },
	{ 60, "No outstanding GAS request" },
	{ 61, "GAS response not received from the advertisement server" },
	{ 62, "STA timed out waiting for GAS query response" },
	{ 63, "GAS response is larger than query response length limit" },
	{ 64, "Request refused because home network does not support request" },
	{ 65, "Advertisement server in the network is not currently reachable" },
	{ 66, "Reserved" },
	{ 67, "Request refused due to permissions received via SSPN interface" },
	{ 68, "Request refused because the AP or PCP does not support unauthenticated access" },
	{ 69, "Reserved" },
	{ 70, "Reserved" },
	{ 71, "Reserved" },
	{ 72, "Invalid contents of RSNE, other than unsupported RSNE version or invalid RSNE capabilities, AKMP or pairwise cipher" },
	{ 73, "U-APSD coexistence is not supported" },
	{ 74, "Requested U-APSD coexistence mode is not supported" },
	{ 75, "Requested interval/duration value cannot be supported with U-APSD coexistence" },
	{ 76, "Authentication is rejected because an anti-clogging token is required" },
	{ 77, "Authentication is rejected because the offered finite cyclic group is not supported" },
	{ 78, "The TBTT adjustment request has not been successful because the STA could not find an alternative TBTT" },
	{ 79, "Transmission failure" },
	{ 80, "Requested TCLAS not supported" },
	{ 81, "TCLAS resources exhausted" },
	{ 82, "Rejected with suggested BSS transition" },
	{ 83, "Reject with recommended schedule" },
	{ 84, "Reject because no wakeup schedule specified" },
	{ 85, "Success, the destination STA is in power save mode" },
	{ 86, "FST pending, in process of admitting FST session" },
	{ 87, "Performing FST now" },
	{ 88, "FST pending, gap(s) in block ack window" },
	{ 89, "Reject because of U-PID setting" },
	{ 90, "Reserved" },
	{ 91, "Reserved" },
	{ 92, "(Re)Association refused for some external reason" },
	{ 93, "(Re)Association refused because of memory limits at the AP" },
	{ 94, "(Re)Association refused because emergency services are not supported at the AP" },
	{ 95, "GAS query response not yet received" },
	{ 96, "Reject since the request is for transition to a frequency band subject to DSE procedures and FST Initiator is a dependent STA" },
	{ 97, "Requested TCLAS processing has been terminated by the AP" },
	{ 98, "The TS schedule conflicts with an existing schedule; an alternative schedule is provided" },
	{ 99, "The association has been denied; however, one or more Multi-band elements are included that can be used by the receiving STA to join the BSS" },
	{ 100, "The request failed due to a reservation conflict" },
	{ 101, "The request failed due to exceeded MAF limit" },
	{ 102, "The request failed due to exceeded MCCA track limit" },
	{ 103, "Association denied because the information in the Spectrum Management field is unacceptable" },
	{ 104, "Association denied because the requesting STA does not support VHT features" },
	{ 105, "Enablement denied" },
	{ 106, "Enablement denied due to restriction from an authorized GDB" },
	{ 107, "Authorization deenabled" },
	{ 108, "Re(association) refused or disassociated because energy limited operation is not supported at the AP" },
	{ 109, "BlockAck negotiation refused because, due to buffer constraints and other unspecified reasons, the recipient prefers to generate only NDP BlockAck frames" },
	{ 110, "Association denied/disassociated because the suggested value for max away duration is unacceptable" },
	{ 111, "Re(association) refused or disassociated because flow control operation is not supported by the non-AP STA" },
	{ 112, "Authentication rejected due to FILS authentication failure" },
	{ 113, "Authentication rejected due to unknown Authentication Server" },
	{ 114, "Reserved" },
	{ 115, "Reserved" },
	{ 116, "Request denied because the allocation of notification period is failed" },
	{ 117, "Request denied because the request of channel splitting is failed" },
	{ 118, "Request denied because the allocation request is failed" },
	{ 119, "Association denied because the requesting STA does not support CMMG features" },
	{ 120, "The requested GAS fragment is not available" },
	{ 121, "Success, the CAG Version provided by the requesting STA is the same as the latest CAG Version provided by the relevant server" },
	{ 122, "The STA is not authorized to use GLK per local policy" },
	{ 123, "Authentication rejected because the password identifier is unknown" },
	{ 124, "Requested TCLAS processing has been terminated by the AP due to insufficient QoS capacity" },
	{ 125, "Requested TCLAS processing has been terminated by the AP due to conflict with higher layer QoS policies" },
	{ 126, "SAE authentication uses direct hashing, instead of looping, to obtain the PWE" },
	{ 127, "Reserved" },
	{ 0x0, "Admission accepted" },
	{ 0x1, "Invalid parameters" },
	{ 0x3, "Refused" },
	{ 0, NULL }
};
static const struct val_str auth_alg_vals[] = {
	{ 0, "Open System" },
	{ 1, "Shared key" },
	{ 2, "Fast BSS Transition" },
	{ 3, "Simultaneous Authentication of Equals (SAE)" },
	{ 4, "FILS Shared Key authentication without PFS" },
	{ 5, "FILS Shared Key authentication with PFS" },
	{ 6, "FILS Public Key authentication" },
	{ 7, "Pre-Association Security Negotiation (PASN)" },
	{ 128, "Network EAP" },
	{ 0, NULL }
};

static const struct val_str subtype_vals[] = {
	{ 0, "Association Request" }, { 1, "Association Response" }, { 2, "Reassociation Request" },
	{ 3, "Reassociation Response" }, { 4, "Probe Request" }, { 5, "Probe Response" },
	{ 6, "Measurement Pilot" }, { 8, "Beacon frame" }, { 9, "ATIM" }, { 10, "Disassociate" },
	{ 11, "Authentication" }, { 12, "Deauthentication" }, { 13, "Action" },
	{ 14, "Action No Ack" }, { 15, "Aruba Management" }, { 18, "Trigger" },
	{ 20, "Beamforming Report Poll" }, { 21, "VHT/HE NDP Announcement" },
	{ 23, "Control Wrapper" }, { 24, "802.11 Block Ack Req" }, { 25, "802.11 Block Ack" },
	{ 26, "Power-Save poll" }, { 27, "Request-to-send" }, { 28, "Clear-to-send" },
	{ 29, "Acknowledgement" }, { 30, "CF-End (Control-frame)" },
	{ 31, "CF-End + CF-Ack (Control-frame)" }, { 32, "Data" }, { 33, "Data + CF-Ack" },
	{ 34, "Data + CF-Poll" }, { 35, "Data + CF-Ack + CF-Poll" },
	{ 36, "Null function (No data)" }, { 37, "Acknowledgement (No data)" },
	{ 38, "CF-Poll (No data)" }, { 39, "CF-Ack/Poll (No data)" }, { 40, "QoS Data" },
	{ 41, "QoS Data + CF-Acknowledgment" }, { 42, "QoS Data + CF-Poll" },
	{ 43, "QoS Data + CF-Ack + CF-Poll" }, { 44, "QoS Null function (No data)" },
	{ 46, "QoS CF-Poll (No Data)" }, { 47, "QoS CF-Ack + CF-Poll (No data)" },
	{ 48, "DMG Beacon" }, { 49, "S1G Beacon" }, { 0, NULL }
};
static const struct val_str type_vals[] = {
	{ 0, "Management frame" }, { 1, "Control frame" }, { 2, "Data frame" },
	{ 3, "Extension frame" }, { 0, NULL }
};
static const struct val_str ds_vals[] = {
	{ 0, "Not leaving DS or network is operating in AD-HOC mode (To DS: 0 From DS: 0)" },
	{ 1, "Frame from STA to DS via an AP (To DS: 1 From DS: 0)" },
	{ 2, "Frame from DS to a STA via AP(To DS: 0 From DS: 1)" },
	{ 3, "WDS (AP to AP) or Mesh (MP to MP) Frame (To DS: 1 From DS: 1)" }, { 0, NULL }
};
#define TFS(name, f, t) static const struct val_str name[] = { { 0, f }, { 1, t }, { 0, NULL } }
TFS(tf_tods, "Not to DS", "To DS");
TFS(tf_fromds, "Not from DS", "From DS");
TFS(tf_morefrag, "This is the last fragment", "More fragments follow");
TFS(tf_retry, "Frame is not being retransmitted", "Frame is being retransmitted");
TFS(tf_pwrmgt, "STA will stay up", "STA will go to sleep");
TFS(tf_moredata, "No data buffered", "Data is buffered for STA at AP");
TFS(tf_protected, "Data is not protected", "Data is protected");
TFS(tf_order, "Not strictly ordered", "Strictly ordered");
TFS(tf_ess, "Transmitter is a STA", "Transmitter is an AP");
TFS(tf_ibss, "Transmitter belongs to a BSS", "Transmitter belongs to an IBSS");
TFS(tf_privacy, "Data confidentiality not required", "Data confidentiality required");
TFS(tf_preamble, "Not Allowed", "Allowed");
TFS(tf_impl, "Not Implemented", "Implemented");
TFS(tf_slot, "Not in use", "In use");
static const struct val_str qos_prio_vals[] = {
	{ 0, "Best Effort (Best Effort)" }, { 1, "Background (Background)" },
	{ 2, "Spare (Background)" }, { 3, "Excellent Effort (Best Effort)" },
	{ 4, "Controlled Load (Video)" }, { 5, "Video (Video)" }, { 6, "Voice (Voice)" },
	{ 7, "Network Control (Voice)" }, { 0, NULL }
};
static const struct val_str qos_ack_vals[] = {
	{ 0, "Normal Ack" }, { 1, "No Ack" }, { 2, "No explicit acknowledgment" },
	{ 3, "Block Ack" }, { 0, NULL }
};
TFS(tf_eosp, "Service period", "End of service period");
TFS(tf_bit4, "Bits 8-15 of QoS Control field are TXOP Duration Requested",
    "Bits 8-15 of QoS Control field are Queue Size");
TFS(tf_amsdu, "MSDU", "A-MSDU");
TFS(tf_no_yes, "No", "Yes");
static const struct val_str fcs_status_vals[] = {
	{ 0, "Bad" }, { 1, "Good" }, { 2, "Unverified" }, { 0, NULL }
};

#define FCBIT(idx, abbrev, name, bit, vals) [idx] = { "wlan.fc." abbrev, name, FT_BOOLEAN, \
	BASE_NONE, bit, 8, vals, "Frame control flags bit.", 0 }
#define CAPBIT(idx, abbrev, name, bit, vals) [idx] = { "wlan.fixed.capabilities." abbrev, name, \
	FT_BOOLEAN, BASE_NONE, bit, 16, vals, "Capabilities bit.", 0 }
#define CAPRES(idx, abbrev, bit) [idx] = { "wlan.fixed.capabilities." abbrev, "Reserved", \
	FT_UINT16, BASE_DEC, bit, 16, NULL, "Reserved bit.", 0 }
#define ADDR(idx, abbrev, name, help) [idx] = { abbrev, name, FT_ETHER, BASE_NONE, 0, 0, NULL, help, 0 }

static const struct field_def fields[] = {
	[W_PROTO] = { "wlan", "IEEE 802.11 wireless LAN", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Wi-Fi MAC header: frame kind, up to four addresses, sequence number.", 0 },
	[W_TYPE_SUBTYPE] = { "wlan.fc.type_subtype", "Type/Subtype", FT_UINT16, BASE_HEX, 0, 0,
		subtype_vals, "Type × 16 + subtype: 8 beacon, 11 authentication, 29 ACK, 40 QoS data.", 0 },
	[W_FC] = { "wlan.fc", "Frame Control Field", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: version, type, subtype and the flags byte.", 0 },
	[W_VERSION] = { "wlan.fc.version", "Version", FT_UINT8, BASE_DEC, 0x03, 8, NULL,
		"2 bits: protocol version, 0.", 0 },
	[W_TYPE] = { "wlan.fc.type", "Type", FT_UINT8, BASE_DEC, 0x0c, 8, type_vals,
		"2 bits: management, control or data.", 0 },
	[W_SUBTYPE] = { "wlan.fc.subtype", "Subtype", FT_UINT8, BASE_DEC, 0xf0, 8, NULL,
		"4 bits: kind of frame within its type.", 0 },
	[W_FLAGS] = { "wlan.flags", "Flags", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: To/From DS, more fragments, retry, power management, more data, protected, order.", 0 },
	[W_DS] = { "wlan.fc.ds", "DS status", FT_UINT8, BASE_HEX, 0x03, 8, ds_vals,
		"To DS and From DS: which addresses the frame carries.", 0 },
	FCBIT(W_TODS, "tods", "To DS", 0x01, tf_tods),
	FCBIT(W_FROMDS, "fromds", "From DS", 0x02, tf_fromds),
	FCBIT(W_MOREFRAG, "frag", "More Fragments", 0x04, tf_morefrag),
	FCBIT(W_RETRY, "retry", "Retry", 0x08, tf_retry),
	FCBIT(W_PWRMGT, "pwrmgt", "PWR MGT", 0x10, tf_pwrmgt),
	FCBIT(W_MOREDATA, "moredata", "More Data", 0x20, tf_moredata),
	FCBIT(W_PROTECTED, "protected", "Protected flag", 0x40, tf_protected),
	FCBIT(W_ORDER, "order", "+HTC/Order flag", 0x80, tf_order),
	[W_DURATION] = { "wlan.duration", "Duration", FT_UINT16, BASE_DEC, 0x7fff, 16, NULL,
		"15 bits: microseconds the medium stays reserved (NAV).", 0 },
	ADDR(W_RA, "wlan.ra", "Receiver address", "The station that receives the frame over the air."),
	ADDR(W_DA, "wlan.da", "Destination address", "The final destination of the frame."),
	ADDR(W_TA, "wlan.ta", "Transmitter address", "The station that sent the frame over the air."),
	ADDR(W_SA, "wlan.sa", "Source address", "The original sender of the frame."),
	ADDR(W_BSSID, "wlan.bssid", "BSS Id", "The access point's (BSS) identifier."),
	ADDR(W_STA, "wlan.staa", "STA address", "The non-AP station of the exchange."),
	ADDR(W_ADDR, "wlan.addr", "Hardware address", "Any of the frame's addresses."),
	[W_FRAG] = { "wlan.frag", "Fragment number", FT_UINT16, BASE_DEC, 0x000f, 16, NULL,
		"4 bits: fragment of the MSDU.", 0 },
	[W_SEQ] = { "wlan.seq", "Sequence number", FT_UINT16, BASE_DEC, 0xfff0, 16, NULL,
		"12 bits: sequence number of the MSDU, to spot duplicates.", 0 },
	[W_FCS] = { "wlan.fcs", "Frame check sequence", FT_UINT32, BASE_HEX, 0, 0, NULL,
		"32-bit CRC over the frame.", 0 },
	[W_FCS_STATUS] = { "wlan.fcs.status", "FCS Status", FT_UINT8, BASE_NONE, 0, 0,
		fcs_status_vals, "Whether the FCS was checked (tshark does not by default).", 0 },
	[W_FIXED] = { "wlan.fixed.all", "Fixed parameters", FT_NONE, BASE_NONE, 0, 0, NULL,
		"The fixed-size fields the subtype defines.", 0 },
	[W_TIMESTAMP] = { "wlan.fixed.timestamp", "Timestamp", FT_UINT64, BASE_DEC, 0, 0, NULL,
		"64 bits: the AP's TSF timer in microseconds.", 0 },
	[W_BEACON] = { "wlan.fixed.beacon", "Beacon Interval", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"16 bits: time units (1024 µs) between beacons.", 0 },
	[W_CAP] = { "wlan.fixed.capabilities", "Capabilities Information", FT_UINT16, BASE_HEX, 0, 0,
		NULL, "16 bits: what the BSS or station supports.", 0 },
	CAPBIT(W_CAP_ESS, "ess", "ESS capabilities", 0x0001, tf_ess),
	CAPBIT(W_CAP_IBSS, "ibss", "IBSS status", 0x0002, tf_ibss),
	CAPRES(W_CAP_RES1, "reserved1", 0x0004),
	CAPRES(W_CAP_RES2, "reserved2", 0x0008),
	CAPBIT(W_CAP_PRIVACY, "privacy", "Privacy", 0x0010, tf_privacy),
	CAPBIT(W_CAP_PREAMBLE, "preamble", "Short Preamble", 0x0020, tf_preamble),
	CAPRES(W_CAP_RES3, "reserved3", 0x0040),
	CAPRES(W_CAP_RES4, "reserved4", 0x0080),
	CAPBIT(W_CAP_SPECTRUM, "spec_man", "Spectrum Management", 0x0100, tf_impl),
	CAPBIT(W_CAP_QOS, "qos", "QoS", 0x0200, tf_impl),
	CAPBIT(W_CAP_SLOT, "short_slot_time", "Short Slot Time", 0x0400, tf_slot),
	CAPBIT(W_CAP_APSD, "apsd", "Automatic Power Save Delivery", 0x0800, tf_impl),
	CAPBIT(W_CAP_RADIO, "radio_measurement", "Radio Measurement", 0x1000, tf_impl),
	CAPBIT(W_CAP_EPD, "epd", "EPD", 0x2000, tf_impl),
	CAPRES(W_CAP_RES5, "reserved5", 0x4000),
	CAPRES(W_CAP_RES6, "reserved6", 0x8000),
	[W_AUTH_ALG] = { "wlan.fixed.auth.alg", "Authentication Algorithm", FT_UINT16, BASE_DEC, 0, 0,
		auth_alg_vals, "16 bits: 0 open system, 1 shared key, 3 SAE (WPA3).", 0 },
	[W_AUTH_SEQ] = { "wlan.fixed.auth_seq", "Authentication SEQ", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: step of the authentication exchange.", 0 },
	[W_STATUS] = { "wlan.fixed.status_code", "Status code", FT_UINT16, BASE_HEX, 0, 0,
		status_vals, "16 bits: 0 success, otherwise why the request was refused.", 0 },
	[W_REASON] = { "wlan.fixed.reason_code", "Reason code", FT_UINT16, BASE_HEX, 0, 0,
		reason_vals, "16 bits: why the station was deauthenticated or disassociated.", 0 },
	[W_LISTEN] = { "wlan.fixed.listen_ival", "Listen Interval", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: beacon intervals a sleeping station may miss.", 0 },
	[W_AID] = { "wlan.fixed.aid", "Association ID", FT_UINT16, BASE_HEX, 0x3fff, 16, NULL,
		"14 bits: the station's number in the BSS (TIM bit).", 0 },
	[W_CURRENT_AP] = { "wlan.fixed.current_ap", "Current AP", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"The AP the station is associated with now.", 0 },
	[W_CCMP] = { "wlan.ccmp", "CCMP parameters", FT_NONE, BASE_NONE, 0, 0, NULL,
		"The 8-byte CCMP header of a WPA2-protected frame: packet number and key index.", 0 },
	[W_CCMP_IV] = { "wlan.ccmp.extiv", "CCMP Ext. Initialization Vector", FT_UINT64, BASE_HEX, 0, 0,
		NULL, "48-bit packet number (replay counter) of the encrypted frame.", 0 },
	[W_KEYIDX] = { "wlan.keyidx", "Key Index", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"2 bits: which group or pairwise key encrypted the frame.", 0 },
	[W_QOS] = { "wlan.qos", "Qos Control", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits of QoS data frames: traffic identifier (priority), ack policy, queue state.", 0 },
	[W_QOS_TID] = { "wlan.qos.tid", "TID", FT_UINT16, BASE_DEC, 0x000f, 16, NULL,
		"4 bits: traffic identifier; 0-7 are the 802.1D user priorities.", 0 },
	[W_QOS_PRIO] = { "wlan.qos.priority", "Priority", FT_UINT16, BASE_DEC, 0x0007, 16,
		qos_prio_vals, "The user priority and its access category (voice, video …).", 0 },
	[W_QOS_EOSP] = { "wlan.qos.eosp", "EOSP", FT_BOOLEAN, BASE_NONE, 0x0010, 16, tf_eosp,
		"From the AP: the power-save service period ends.", 0 },
	[W_QOS_BIT4] = { "wlan.qos.bit4", "QoS bit 4", FT_BOOLEAN, BASE_NONE, 0x0010, 16, tf_bit4,
		"From a station: what the high byte holds.", 0 },
	[W_QOS_ACK] = { "wlan.qos.ack", "Ack Policy", FT_UINT16, BASE_HEX, 0x0060, 16, qos_ack_vals,
		"2 bits: how the frame is to be acknowledged.", 0 },
	[W_QOS_AMSDU] = { "wlan.qos.amsdupresent", "Payload Type", FT_BOOLEAN, BASE_NONE, 0x0080, 16,
		tf_amsdu, "The body is an aggregate of MSDUs (A-MSDU).", 0 },
	[W_QOS_PSBUF] = { "wlan.qos.ps_buf_state", "QAP PS Buffer State", FT_UINT16, BASE_HEX, 0xff00,
		16, NULL, "8 bits from the AP: what it buffers for stations in power save.", 0 },
	[W_QOS_BUFIND] = { "wlan.qos.buf_state_indicated", "Buffer State Indicated", FT_BOOLEAN,
		BASE_NONE, 0x0200, 16, tf_no_yes, "The buffer state fields are valid.", 0 },
	[W_QOS_TXOPREQ] = { "wlan.qos.txop_dur_req", "TXOP Duration Requested", FT_UINT16, BASE_DEC,
		0xff00, 16, NULL, "8 bits: transmit opportunity wanted, in 32 µs units.", 0 },
	[W_QOS_QSIZE] = { "wlan.qos.queue_size", "Queue Size", FT_UINT16, BASE_DEC, 0xff00, 16, NULL,
		"8 bits: bytes queued at the station for this TID, in 256-byte units.", 0 },
};
static const struct field_table wlan_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff wlan_handoffs[] = {
	{ HO_LINK, LINKTYPE_IEEE802_11, .fn = dissect_wlan_link },
};
const struct proto_reg wlan_proto = REG_PROTO(wlan_table, wlan_handoffs);

/* Frame kinds by type_subtype: header length and which addresses it has. */
enum { K_MGMT, K_CTL_RA, K_CTL_RA_TA, K_DATA, K_OTHER };

static int frame_kind(unsigned ts)
{
	if (ts < 16)
		return K_MGMT;
	if (ts >= 32 && ts < 48)
		return K_DATA;
	if (ts == 28 || ts == 29 || ts == 23)	/* CTS, ACK, control wrapper */
		return K_CTL_RA;
	if (ts >= 16 && ts < 32)
		return K_CTL_RA_TA;
	return K_OTHER;
}

/* tshark's flags string: one character per flag bit, high bit first, then C with FCS. */
static void flag_str(uint8_t fl, int fcs, char *s)
{
	static const char ch[] = "opmPRFFT";

	for (int i = 0; i < 8; i++)
		s[i] = (fl & (0x80 >> i)) ? ch[i] : '.';
	s[8] = fcs ? 'C' : '\0';
	s[9] = '\0';
}

static void addr_node(struct dctx *d, uint32_t node, int which, uint32_t off, const uint8_t *a)
{
	uint32_t n = tree_add_addr(d->tree, node, &fields[which], off, 6, a);

	tree_flag(d->tree, tree_add_addr(d->tree, n, &fields[W_ADDR], off, 6, a), TN_HIDDEN);
}

static void set_addr(struct address *dst, int type, const uint8_t *a)
{
	dst->type = (uint8_t)type;
	memcpy(dst->a, a, 6);
}

static void fixed_params(struct dctx *d, struct cur *c, uint32_t mgt, unsigned sub, int *bi);

static const struct val_str pv1_type_vals[] = {
	{ 0, "PV1 QoS Data - with one SID" }, { 1, "PV1 Management" }, { 2, "PV1 Control" },
	{ 3, "PV1 QoS Data - no SIDs" }, { 4, "PV1 Reserved" }, { 5, "PV1 Reserved" },
	{ 6, "PV1 Reserved" }, { 7, "PV1 Extension (currently reserved)" }, { 0, NULL }
};

/* Protocol versions other than 0: version 1 (IEEE 802.11ah short frames) is named by
 * its type only; 2 and 3 are unknown: tshark shows the version bits, then reports the
 * frame cut short. */
static void other_version(struct dctx *d, struct cur *c, uint32_t parent, uint8_t fc0)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node;
	unsigned ver = fc0 & 3;

	node = tree_add(t, parent, &fields[W_PROTO], start, (uint32_t)cur_left(c));
	if (ver == 1) {
		const char *name = val_to_str(fc0 >> 2 & 7, pv1_type_vals);
		tree_label(t, node, "IEEE 802.11 %s", name);
		col_append_str(d->pi, name);
		cur_skip(c, cur_left(c));
		return;
	}
	tree_label(t, node, "IEEE 802.11 Unknown Protocol Version:%u", ver);
	tree_add_uint(t, node, &fields[W_VERSION], start, 1, fc0);
	col_append_uint(d->pi, "Unknown protocol version: ", ver);
	/* tshark reads on as if the frame were longer and always runs out */
	cur_skip(c, cur_left(c));
	dissect_exhausted(d, node, "IEEE 802.11");
}

/* QoS Control as tshark shows it for frames to (ds 1) and from (ds 2) an AP. */
static void qos_control(struct dctx *d, uint32_t node, uint32_t off, uint16_t q, int ds)
{
	struct dtree *t = d->tree;
	uint32_t n = tree_add_uint(t, node, &fields[W_QOS], off, 2, q);

	if (ds != 1 && ds != 2)
		return;
	tree_add_uint(t, n, &fields[W_QOS_TID], off, 2, q);
	tree_flag(t, tree_add_uint(t, n, &fields[W_QOS_PRIO], off, 2, q), TN_GENERATED);
	tree_add_uint(t, n, &fields[ds == 2 ? W_QOS_EOSP : W_QOS_BIT4], off, 2, q);
	tree_add_uint(t, n, &fields[W_QOS_ACK], off, 2, q);
	tree_add_uint(t, n, &fields[W_QOS_AMSDU], off, 2, q);
	if (ds == 2) {
		uint32_t b = tree_add_uint(t, n, &fields[W_QOS_PSBUF], off, 2, q);
		tree_add_uint(t, b, &fields[W_QOS_BUFIND], off, 2, q);
	} else if (q & 0x0010) {
		uint32_t b = tree_add_uint(t, n, &fields[W_QOS_QSIZE], off, 2, q);
		if (tree_text(t)) {
			char bits[24];
			fv_bits(&fields[W_QOS_QSIZE], q, bits, sizeof(bits));
			tree_label(t, b, "%s = Queue Size: %u (%u bytes)", bits, q >> 8, (q >> 8) * 256u);
		}
	} else
		tree_add_uint(t, n, &fields[W_QOS_TXOPREQ], off, 2, q);
}

/* A protected body: the CCMP header (Ext IV set and not TKIP's WEP seed pattern) under
 * the MAC header's node, then the ciphertext as data. */
static void protected_body(struct dctx *d, struct cur *h, uint32_t node)
{
	struct dtree *t = d->tree;
	uint8_t b0 = cur_peek(h, 0), b1 = cur_peek(h, 1), kid = cur_peek(h, 3);

	if (cur_left(h) >= 8 && (kid & 0x20) && b1 != ((b0 | 0x20) & 0x7f)) {
		uint32_t off = cur_off(h);
		uint64_t pn = (uint64_t)b0 | (uint64_t)b1 << 8;
		cur_skip(h, 4);
		pn |= (uint64_t)cur_le32(h) << 16;
		uint32_t n = tree_add(t, node, &fields[W_CCMP], off, 8);
		tree_label(t, tree_add_uint(t, n, &fields[W_CCMP_IV], off, 8, pn),
		    "CCMP Ext. Initialization Vector: 0x%012llx", (unsigned long long)pn);
		tree_add_uint(t, n, &fields[W_KEYIDX], off + 3, 1, kid >> 6);
	}
	dissect_data(d, h, 0);
}

static void wlan_frame(struct dctx *d, struct cur *c, uint32_t parent, int fcs)
{
	struct dtree *t = d->tree;
	struct pinfo *pi = d->pi;
	uint32_t start = cur_off(c), node, n, hlen;
	uint8_t fc0 = cur_peek(c, 0), fl = cur_peek(c, 1), a[4][6] = { { 0 } };
	unsigned type = fc0 >> 2 & 3, sub = fc0 >> 4, ts = type << 4 | sub;
	int kind = frame_kind(ts), ds = fl & 3, bi = -1;
	char flags[12];
	const char *name = val_to_str(ts, subtype_vals);

	pi_push_proto(pi, "wlan");
	col_set_proto(pi, "802.11");
	col_clear(pi);
	if (fc0 & 3) {
		other_version(d, c, parent, fc0);
		return;
	}
	flag_str(fl, fcs, flags);
	switch (kind) {
	case K_MGMT: hlen = 24; break;
	case K_CTL_RA: hlen = 10; break;
	case K_CTL_RA_TA: hlen = 16; break;
	case K_DATA: hlen = 24 + (ds == 3 ? 6 : 0) + (sub & 8 ? 2 : 0); break;
	default: hlen = 10; break;
	}
	if (kind == K_DATA && (sub & 8) && (fl & 0x80))
		hlen += 4;
	node = tree_add(t, parent, &fields[W_PROTO], start, hlen);
	tree_label(t, node, "IEEE 802.11 %s, Flags: %s", name ? name : "Unrecognized (Reserved frame)", flags);
	struct cur body = *c;
	if (fcs && cur_left(c) >= 4)
		body = cur_sub(c, cur_left(c) - 4, NULL);
	struct cur h = body;
	uint16_t fcw = cur_be16(&h), dur = cur_le16(&h);
	tree_add_uint(t, node, &fields[W_TYPE_SUBTYPE], start, 2, ts);
	n = tree_add_uint(t, node, &fields[W_FC], start, 2, fcw);
	tree_add_uint(t, n, &fields[W_VERSION], start, 1, fc0);
	tree_add_uint(t, n, &fields[W_TYPE], start, 1, fc0);
	tree_add_uint(t, n, &fields[W_SUBTYPE], start, 1, fc0);
	n = tree_add_uint(t, n, &fields[W_FLAGS], start + 1, 1, fl);
	for (int i = W_DS; i <= W_ORDER; i++)
		if (i != W_TODS && i != W_FROMDS)
			tree_add_uint(t, n, &fields[i], start + 1, 1, fl);
	for (int i = W_TODS; i <= W_FROMDS; i++)
		tree_flag(t, tree_add_uint(t, n, &fields[i], start + 1, 1, fl), TN_HIDDEN);
	if (tree_text(t)) {
		char s[40];
		fv_bits(&fields[W_DURATION], dur, s, sizeof(s));
		tree_label(t, tree_add_uint(t, node, &fields[W_DURATION], start + 2, 2, dur),
		    "%s = Duration: %u microseconds", s, dur & 0x7fff);
	} else
		tree_add_uint(t, node, &fields[W_DURATION], start + 2, 2, dur);
	int naddr = kind == K_CTL_RA || kind == K_OTHER ? 1 : kind == K_CTL_RA_TA ? 2 :
	    kind == K_DATA && ds == 3 ? 4 : 3;
	for (int i = 0; i < naddr && i < 3; i++)
		cur_bytes(&h, a[i], 6);
	uint16_t sc = 0;
	if (kind == K_MGMT || kind == K_DATA)
		sc = cur_le16(&h);
	if (naddr == 4)
		cur_bytes(&h, a[3], 6);
	if (!cur_ok(&h)) {
		col_append_str(pi, name ? name : "Unrecognized (Reserved frame)");
		dissect_exhausted(d, node, "IEEE 802.11");
		return;
	}
	col_append_str(pi, name ? name : "Unrecognized (Reserved frame)");
	if (kind == K_MGMT || kind == K_DATA) {
		col_append_uint(pi, ", SN=", sc >> 4);
		col_append_uint(pi, ", FN=", sc & 15);
	}
	col_append_str(pi, ", Flags=");
	col_append_str(pi, flags);
	switch (kind) {
	case K_MGMT:
		set_addr(&pi->dl_dst, AT_ETHER, a[0]);
		set_addr(&pi->dl_src, AT_ETHER, a[1]);
		addr_node(d, node, W_RA, start + 4, a[0]);
		addr_node(d, node, W_DA, start + 4, a[0]);
		addr_node(d, node, W_TA, start + 10, a[1]);
		addr_node(d, node, W_SA, start + 10, a[1]);
		addr_node(d, node, W_BSSID, start + 16, a[2]);
		break;
	case K_CTL_RA: case K_OTHER:
		set_addr(&pi->dl_dst, AT_ETHER_RA, a[0]);
		addr_node(d, node, W_RA, start + 4, a[0]);
		break;
	case K_CTL_RA_TA:
		set_addr(&pi->dl_dst, AT_ETHER_RA, a[0]);
		set_addr(&pi->dl_src, AT_ETHER_TA, a[1]);
		addr_node(d, node, W_RA, start + 4, a[0]);
		addr_node(d, node, W_TA, start + 10, a[1]);
		break;
	case K_DATA: {
		/* DA, SA, BSSID by To DS / From DS (IEEE 802.11 table 9-30) */
		static const int da_of[4] = { 0, 2, 0, 2 }, sa_of[4] = { 1, 1, 2, 3 },
		    bss_of[4] = { 2, 0, 1, -1 };
		static const uint32_t aoff[4] = { 4, 10, 16, 24 };
		set_addr(&pi->dl_dst, AT_ETHER, a[da_of[ds]]);
		set_addr(&pi->dl_src, AT_ETHER, a[sa_of[ds]]);
		addr_node(d, node, W_RA, start + 4, a[0]);
		addr_node(d, node, W_TA, start + 10, a[1]);
		addr_node(d, node, W_DA, start + aoff[da_of[ds]], a[da_of[ds]]);
		addr_node(d, node, W_SA, start + aoff[sa_of[ds]], a[sa_of[ds]]);
		if (bss_of[ds] >= 0)
			addr_node(d, node, W_BSSID, start + aoff[bss_of[ds]], a[bss_of[ds]]);
		if (ds == 1)
			addr_node(d, node, W_STA, start + 10, a[1]);
		else if (ds == 2)
			addr_node(d, node, W_STA, start + 4, a[0]);
		break;
	}
	}
	if (kind == K_MGMT || kind == K_DATA) {
		tree_add_uint(t, node, &fields[W_FRAG], start + 22, 2, sc);
		tree_add_uint(t, node, &fields[W_SEQ], start + 22, 2, sc);
	}
	if (fcs && cur_left(c) >= 4) {
		struct cur fc = cur_at(c, cur_left(c) - 4);
		uint32_t off = cur_off(&fc), v = cur_le32(&fc);
		n = tree_add_uint(t, node, &fields[W_FCS], off, 4, v);
		tree_label(t, n, "Frame check sequence: 0x%08x [unverified]", v);
		tree_flag(t, tree_add_uint(t, node, &fields[W_FCS_STATUS], off, 0, 2), TN_GENERATED);
	}
	if (kind == K_DATA && (sub & 8)) {
		qos_control(d, node, cur_off(&h), cur_le16(&h), ds);
		cur_skip(&h, (fl & 0x80) ? 4 : 0);
	}
	cur_skip(c, cur_left(c));
	if (!cur_ok(&h) || cur_off(&h) - start > cur_off(&body) - start + cur_left(&body))
		return;
	if (kind == K_MGMT) {
		uint32_t m = ieee80211_mgt_node(d, &h, parent);
		fixed_params(d, &h, m, sub, &bi);
		if (sub == 5 || sub == 8) {
			if (bi >= 0)
				col_append_uint(pi, ", BI=", (uint64_t)bi);
		}
		ieee80211_tags(d, &h, m);
		return;
	}
	if (kind != K_DATA || (sub & 4) || !cur_left(&h))
		return;
	if (fl & 0x40) {
		protected_body(d, &h, node);
		return;
	}
	dissect_llc(d, &h, parent);
}

static void fixed_params(struct dctx *d, struct cur *c, uint32_t mgt, unsigned sub, int *bi)
{
	struct dtree *t = d->tree;
	static const uint8_t flen[16] = { 4, 6, 10, 6, 0, 12, 0, 0, 12, 0, 2, 6, 2, 0, 0, 0 };
	uint32_t len = flen[sub], off = cur_off(c), n;

	if (!len || cur_left(c) < len)
		return;
	n = tree_add(t, mgt, &fields[W_FIXED], off, len);
	tree_label(t, n, "Fixed parameters (%u bytes)", len);
	switch (sub) {
	case 5: case 8: {
		uint64_t ts = cur_le64(c);
		uint16_t b = cur_le16(c);
		tree_add_uint(t, n, &fields[W_TIMESTAMP], off, 8, ts);
		tree_label(t, tree_add_uint(t, n, &fields[W_BEACON], off + 8, 2, b),
		    "Beacon Interval: %f [Seconds]", b * 1024 / 1e6);
		*bi = b;
		break;
	}
	case 10: case 12:
		tree_add_uint(t, n, &fields[W_REASON], off, 2, cur_le16(c));
		return;
	case 11:
		tree_add_uint(t, n, &fields[W_AUTH_ALG], off, 2, cur_le16(c));
		tree_add_uint(t, n, &fields[W_AUTH_SEQ], off + 2, 2, cur_le16(c));
		tree_add_uint(t, n, &fields[W_STATUS], off + 4, 2, cur_le16(c));
		return;
	default:
		break;
	}
	uint32_t coff = cur_off(c);
	uint16_t cap = cur_le16(c);
	uint32_t cn = tree_add_uint(t, n, &fields[W_CAP], coff, 2, cap);
	for (int i = W_CAP_ESS; i <= W_CAP_RES6; i++)
		tree_add_uint(t, cn, &fields[i], coff, 2, cap);
	switch (sub) {
	case 0: case 2:
		tree_add_uint(t, n, &fields[W_LISTEN], coff + 2, 2, cur_le16(c));
		if (sub == 2) {
			uint8_t ap[6];
			cur_bytes(c, ap, 6);
			tree_add_addr(t, n, &fields[W_CURRENT_AP], coff + 4, 6, ap);
		}
		break;
	case 1: case 3:
		tree_add_uint(t, n, &fields[W_STATUS], coff + 2, 2, cur_le16(c));
		tree_add_uint(t, n, &fields[W_AID], coff + 4, 2, cur_le16(c));
		break;
	default:
		break;
	}
}

void ieee80211_frame(struct dctx *d, struct cur *c, uint32_t parent, int fcs)
{
	wlan_frame(d, c, parent, fcs);
}

static void dissect_wlan_link(struct dctx *d, struct cur *c, uint32_t parent)
{
	wlan_frame(d, c, parent, 0);
}
