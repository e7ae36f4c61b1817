/* dissect.c — the frame pseudo-protocol, columns and the dispatch tables.
 *
 * Dispatch is by table: link type → link dissector, ethertype → network dissector,
 * IP protocol → transport dissector.  The tables are built from the protocols'
 * registrations (struct proto_reg, listed in registry_tables.c).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/fmtnum.h"
#include "core/linktype.h"
#include "core/strvis.h"
#include "core/timefmt.h"
#include "dissect/dissect.h"
#include "dissect/fvalue.h"
#include "dissect/protos.h"
#include "dissect/textline.h"

static const struct val_str encap_vals[] = {
	{ 0, "NULL/Loopback" }, { 1, "Ethernet" }, { 9, "PPP" }, { 10, "FDDI with bit-swapped MAC addresses" },
	{ 12, "Raw IP" }, { 14, "Raw IP" }, { 50, "PPP" }, { 101, "Raw IP" }, { 104, "Cisco HDLC" },
	{ 105, "IEEE 802.11 Wireless LAN" }, { 108, "OpenBSD loopback" },
	{ 127, "IEEE 802.11 plus radiotap radio header" },
	{ 113, "Linux cooked-mode capture v1" }, { 228, "Raw IPv4" }, { 229, "Raw IPv6" },
	{ 253, "Linux Netlink" }, { 276, "Linux cooked-mode capture v2" }, { 0, NULL }
};

static const struct val_str pf_directions[] = {
	{ 0, "Unknown" }, { 1, "Inbound" }, { 2, "Outbound" }, { 0, NULL }
};

static const struct val_str pf_receptions[] = {
	{ 0, "Not specified" }, { 1, "Unicast" }, { 2, "Multicast" }, { 3, "Broadcast" },
	{ 4, "Promiscuous" }, { 0, NULL }
};

static const struct val_str p2p_dirs[] = { { 0, "Sent" }, { 1, "Received" }, { 0, NULL } };

/* Wireshark's WTAP_ENCAP numbers for frame.encap_type, by link type. */
static const struct { int linktype, encap; } encaps[] = {
	{ 0, 15 }, { 1, 1 }, { 9, 4 }, { 10, 6 }, { 12, 7 }, { 14, 7 }, { 50, 4 }, { 101, 7 }, { 104, 28 },
	{ 105, 20 }, { 108, 15 }, { 113, 25 }, { 127, 23 }, { 228, 129 }, { 229, 130 },
	{ 253, 158 }, { 276, 210 },
};

enum {
	F_FRAME, F_SECTION, F_IFID, F_IFNAME, F_IFDESCR, F_QUEUE, F_PFLAGS, F_PF_DIR, F_PF_RECV,
	F_PF_FCS, F_PF_RSVD, F_PF_CRC, F_PF_LONG, F_PF_SHORT, F_PF_GAP, F_PF_ALIGN, F_PF_SFD,
	F_PF_PREAMBLE, F_PF_SYMBOL, F_PACKET_ID, F_DROPS, F_P2P_DIR, F_PKT_COMMENT, F_COMMENT,
	F_COMMENT_EXPERT, F_ENCAP, F_TIME, F_EPOCH, F_SHIFT, F_DELTA, F_DELTA_DISP,
	F_REL, F_NUMBER, F_LEN, F_CAPLEN, F_MARKED, F_IGNORED, F_PROTOCOLS,
	F_COL_PROTO, F_COL_SRC, F_COL_DST, F_COL_LEN, F_COL_INFO,
};

static const struct field_def frame_fields[] = {
	[F_FRAME] = { "frame", "Frame", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"One captured packet: when it arrived, how long it was, what it carries.", 0 },
	[F_SECTION] = { "frame.section_number", "Section number", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Which section of a pcapng file holds the frame, from 1 (files joined end to end).", 0 },
	[F_IFID] = { "frame.interface_id", "Interface id", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Index of the capture interface in a pcapng file (0 for pcap).", 0 },
	[F_IFNAME] = { "frame.interface_name", "Interface name", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Name of the interface the packet was captured on, when the file records it.", 0 },
	[F_IFDESCR] = { "frame.interface_description", "Interface description", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The capturing system's description of the interface (Windows: the adapter's name).", 0 },
	[F_QUEUE] = { "frame.interface_queue", "Interface queue", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"The interface's receive queue the packet came from.", 0 },
	[F_PFLAGS] = { "frame.packet_flags", "Packet flags", FT_UINT32, BASE_HEX, 0, 0, NULL,
		"32 bits the capturing system recorded: direction, reception type, link errors.", 0 },
	[F_PF_DIR] = { "frame.packet_flags_direction", "Direction", FT_UINT32, BASE_HEX, 0x3, 32, pf_directions,
		"Whether the packet came in or went out of the capturing host.", 0 },
	[F_PF_RECV] = { "frame.packet_flags_reception_type", "Reception type", FT_UINT32, BASE_DEC, 0x1c, 32, pf_receptions,
		"Unicast, multicast, broadcast or promiscuous reception.", 0 },
	[F_PF_FCS] = { "frame.packet_flags_fcs_length", "FCS length", FT_UINT32, BASE_DEC, 0x1e0, 32, NULL,
		"Bytes of frame check sequence at the end of the frame.", 0 },
	[F_PF_RSVD] = { "frame.packet_flags_reserved", "Reserved", FT_UINT32, BASE_DEC, 0xfe00, 32, NULL,
		"Reserved bits.", 0 },
	[F_PF_CRC] = { "frame.packet_flags_crc_error", "CRC error", FT_BOOLEAN, BASE_NONE, 0x01000000, 32, NULL,
		"The link saw a bad frame check sequence.", 0 },
	[F_PF_LONG] = { "frame.packet_flags_packet_too_error", "Packet too long error", FT_BOOLEAN, BASE_NONE, 0x02000000, 32, NULL,
		"The link saw a frame longer than allowed.", 0 },
	[F_PF_SHORT] = { "frame.packet_flags_packet_too_short_error", "Packet too short error", FT_BOOLEAN, BASE_NONE, 0x04000000, 32, NULL,
		"The link saw a frame shorter than allowed.", 0 },
	[F_PF_GAP] = { "frame.packet_flags_wrong_inter_frame_gap_error", "Wrong interframe gap error", FT_BOOLEAN, BASE_NONE, 0x08000000, 32, NULL,
		"The gap before the frame was wrong.", 0 },
	[F_PF_ALIGN] = { "frame.packet_flags_unaligned_frame_error", "Unaligned frame error", FT_BOOLEAN, BASE_NONE, 0x10000000, 32, NULL,
		"The frame was not a whole number of bytes.", 0 },
	[F_PF_SFD] = { "frame.packet_flags_start_frame_delimiter_error", "Start frame delimiter error", FT_BOOLEAN, BASE_NONE, 0x20000000, 32, NULL,
		"The start frame delimiter was wrong.", 0 },
	[F_PF_PREAMBLE] = { "frame.packet_flags_preamble_error", "Preamble error", FT_BOOLEAN, BASE_NONE, 0x40000000, 32, NULL,
		"The preamble was wrong.", 0 },
	[F_PF_SYMBOL] = { "frame.packet_flags_symbol_error", "Symbol error", FT_BOOLEAN, BASE_NONE, 0x80000000, 32, NULL,
		"The link saw an invalid symbol.", 0 },
	[F_PACKET_ID] = { "frame.packet_id", "Packet id", FT_UINT64, BASE_DEC, 0, 0, NULL,
		"An id the capturing system gave the packet (the same packet seen on several interfaces).", 0 },
	[F_DROPS] = { "frame.drop_count", "Drop Count", FT_UINT64, BASE_DEC, 0, 0, NULL,
		"Packets the interface lost between the previous one and this one.", 0 },
	[F_P2P_DIR] = { "frame.p2p_dir", "Point-to-Point Direction", FT_INT8, BASE_DEC, 0, 0, p2p_dirs,
		"Whether the capturing host sent or received the packet (from the packet flags).", 0 },
	[F_PKT_COMMENT] = { "pkt_comment", "Packet comments", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Comments stored with the packet in a pcapng file.", 0 },
	[F_COMMENT] = { "frame.comment", "Comment", FT_STRING, BASE_NONE, 0, 0, NULL,
		"One comment stored with the packet.", 0 },
	[F_COMMENT_EXPERT] = { "frame.comment.expert", "Formatted comment", FT_NONE, BASE_NONE, 0, 0, NULL,
		"A packet comment, listed with the expert information.", 0 },
	[F_ENCAP] = { "frame.encap_type", "Encapsulation type", FT_INT16, BASE_DEC, 0, 0, NULL,
		"The link layer the capture recorded (Ethernet on Linux lo, Null/Loopback on Windows).", 0 },
	[F_TIME] = { "frame.time", "Arrival Time", FT_ABSOLUTE_TIME, BASE_NONE, 0, 0, NULL,
		"When the capture saw the packet, in local time.", 0 },
	[F_EPOCH] = { "frame.time_epoch", "Epoch Time", FT_ABSOLUTE_TIME, BASE_DEC, 0, 0, NULL,
		"Arrival time as seconds since 1970-01-01 UTC.", 0 },
	[F_SHIFT] = { "frame.offset_shift", "Time shift for this packet", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"Time shift applied to this packet (always 0 here).", 0 },
	[F_DELTA] = { "frame.time_delta", "Time delta from previous captured frame", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"Seconds since the previous packet in the capture.", 0 },
	[F_DELTA_DISP] = { "frame.time_delta_displayed", "Time delta from previous displayed frame", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"Seconds since the previous packet that passed the display filter.", REG_F_ANALYSIS },
	[F_REL] = { "frame.time_relative", "Time since reference or first frame", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"Seconds since the first packet: the Time column.", 0 },
	[F_NUMBER] = { "frame.number", "Frame Number", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Position of the packet in the capture, from 1: the No. column.", 0 },
	[F_LEN] = { "frame.len", "Frame Length", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Bytes the packet had on the wire.", 0 },
	[F_CAPLEN] = { "frame.cap_len", "Capture Length", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Bytes actually saved; less than the frame length when the snapshot length cut it.", 0 },
	[F_MARKED] = { "frame.marked", "Frame is marked", FT_BOOLEAN, BASE_NONE, 0, 0, NULL,
		"Marked by the user (m in the packet list).", 0 },
	[F_IGNORED] = { "frame.ignored", "Frame is ignored", FT_BOOLEAN, BASE_NONE, 0, 0, NULL,
		"Excluded from dissection by the user.", 0 },
	[F_PROTOCOLS] = { "frame.protocols", "Protocols in frame", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The chain of protocols found in the packet, outermost first.", REG_F_PAYLOAD },
	/* The packet list columns as fields (tshark's _ws.col.*), for -T fields and filters. */
	[F_COL_PROTO] = { "_ws.col.Protocol", "Protocol", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The Protocol column: the highest protocol that was recognised.", REG_F_PAYLOAD },
	[F_COL_SRC] = { "_ws.col.Source", "Source", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The Source column: network address, else link address.", REG_F_PAYLOAD },
	[F_COL_DST] = { "_ws.col.Destination", "Destination", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The Destination column: network address, else link address.", REG_F_PAYLOAD },
	[F_COL_LEN] = { "_ws.col.Length", "Length", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The Length column: bytes on the wire.", REG_F_PAYLOAD },
	[F_COL_INFO] = { "_ws.col.Info", "Info", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The Info column: the summary of the packet.", REG_F_PAYLOAD },
};
static const struct field_table frame_table = REG_TABLE_FLAGS(frame_fields, REG_T_HEADERS);
const struct proto_reg frame_proto = REG_PROTO_TABLE(frame_table);

/* The [Checksum Status] of IPv4, TCP, ICMP and ICMPv6 (UDP adds "Illegal"). */
const struct val_str checksum_status_vals[] = {
	{ 0, "Bad" }, { 1, "Good" }, { 2, "Unverified" }, { 3, "Not present" }, { 0, NULL }
};

int dissect_by(struct dctx *d, enum handoff_table t, uint32_t key, struct cur *c, uint32_t parent)
{
	dissector_fn fn = dissect_lookup(t, key);

	if (!fn)
		return 0;
	fn(d, c, parent);
	return 1;
}

int dissect_ethertype(struct dctx *d, struct cur *c, uint32_t parent, uint16_t type)
{
	return dissect_by(d, HO_ETHERTYPE, type, c, parent);
}

int dissect_ipproto(struct dctx *d, struct cur *c, uint32_t parent, uint8_t proto)
{
	return dissect_by(d, HO_IPPROTO, proto, c, parent);
}

void pi_push_proto(struct pinfo *pi, const char *name)
{
	if (pi->nprotos < PI_MAX_PROTOS)
		pi->protos[pi->nprotos++] = name;
}

/* ---- columns ---- */

void col_set_proto(struct pinfo *pi, const char *proto)
{
	pi->proto_col = proto;
}

void col_set_proto_hex(struct pinfo *pi, uint16_t v)
{
	snprintf(pi->proto_hex, sizeof(pi->proto_hex), "0x%04x", v);
	pi->proto_col = pi->proto_hex;
}

void col_set_fence(struct pinfo *pi)
{
	pi->info_fence = pi->info_len;
}

void col_clear(struct pinfo *pi)
{
	if (!pi->want_cols)
		return;
	pi->info_len = pi->info_fence;
	pi->info[pi->info_len] = '\0';
}

static void col_vappend(struct pinfo *pi, const char *fmt, va_list ap)
{
	int room = PI_INFO_MAX - pi->info_len, k;

	if (room <= 1)
		return;
	k = vsnprintf(pi->info + pi->info_len, (size_t)room, fmt, ap);
	if (k > 0)
		pi->info_len += k < room ? k : room - 1;
}

void col_set(struct pinfo *pi, const char *s)
{
	col_clear(pi);
	col_append_str(pi, s);
}

void col_append(struct pinfo *pi, const char *fmt, ...)
{
	va_list ap;

	if (!pi->want_cols)
		return;
	if (!strchr(fmt, '%')) {	/* a plain string: no printf */
		col_append_str(pi, fmt);
		return;
	}
	va_start(ap, fmt);
	col_vappend(pi, fmt, ap);
	va_end(ap);
}

/* Wireshark's col_prepend_fence_fstr: s goes in front of the whole column (so later
 * calls come first) and the fence moves past it, so the prefix stays when a protocol
 * above rewrites the column. */
void col_prepend_fence(struct pinfo *pi, const char *s)
{
	int k = (int)strlen(s), keep;

	if (!pi->want_cols || k >= PI_INFO_MAX - 1)
		return;
	keep = pi->info_len;
	if (keep > PI_INFO_MAX - 1 - k)
		keep = PI_INFO_MAX - 1 - k;
	memmove(pi->info + k, pi->info, (size_t)keep);
	memcpy(pi->info, s, (size_t)k);
	pi->info_len = keep + k;
	pi->info[pi->info_len] = '\0';
	pi->info_fence = pi->info_fence + k > pi->info_len ? pi->info_len : pi->info_fence + k;
}

void col_append_str(struct pinfo *pi, const char *s)
{
	size_t k, room;

	if (!pi->want_cols)
		return;
	k = strlen(s);
	room = (size_t)(PI_INFO_MAX - 1 - pi->info_len);
	if (k > room)
		k = room;
	memcpy(pi->info + pi->info_len, s, k);
	pi->info_len += (int)k;
	pi->info[pi->info_len] = '\0';
}

void col_append_uint(struct pinfo *pi, const char *prefix, uint64_t v)
{
	char tmp[FMTNUM_MAX];
	size_t pl;

	if (!pi->want_cols)
		return;
	pl = strlen(prefix);
	if (pi->info_len + pl + FMTNUM_MAX < PI_INFO_MAX) {	/* room: the usual case */
		char *p = pi->info + pi->info_len;
		for (size_t i = 0; i < pl; i++)		/* short: cheaper than a memcpy call */
			*p++ = prefix[i];
		p += fmt_u64(p, v);
		pi->info_len = (int)(p - pi->info);
		return;
	}
	fmt_u64(tmp, v);
	col_append_str(pi, prefix);
	col_append_str(pi, tmp);
}

void col_append_escaped(struct pinfo *pi, const uint8_t *p, size_t n)
{
	size_t room;

	if (!pi->want_cols)
		return;
	room = (size_t)(PI_INFO_MAX - pi->info_len);
	if (room <= 1)
		return;
	size_t k = strvis(pi->info + pi->info_len, room, p, n, STRVIS_WIRE);
	pi->info_len += (int)(k < room ? k : room - 1);
}

void addr_to_str(const struct address *a, char *buf, size_t n)
{
	switch (a->type) {
	case AT_ETHER: fv_ether(a->a, buf, n); break;
	case AT_ETHER_RA:
	case AT_ETHER_TA: {
		char e[24];
		fv_ether(a->a, e, sizeof(e));
		snprintf(buf, n, "%s (%s)", e, a->type == AT_ETHER_RA ? "RA" : "TA");
		break;
	}
	case AT_IPv4: fv_ipv4(a->a, buf, n); break;
	case AT_IPv6: fv_ipv6(a->a, buf, n); break;
	case AT_NA: snprintf(buf, n, "N/A"); break;
	default: if (n) buf[0] = '\0';
	}
}

void addr_port_to_str(const struct address *a, uint16_t port, char *buf, size_t n)
{
	char s[64];

	addr_to_str(a, s, sizeof(s));
	snprintf(buf, n, a->type == AT_IPv6 ? "[%s]:%u" : "%s:%u", s, port);
}

/* ---- checksums ---- */

uint32_t dissect_checksum(struct dctx *d, uint32_t node, const struct field_def *f,
    const struct field_def *status, uint32_t off, uint16_t sum, int32_t want)
{
	struct dtree *t = d->tree;
	uint32_t n = tree_add_uint(t, node, f, off, 2, sum);
	unsigned st = want < 0 ? 2 : want == sum;

	if (want < 0)
		tree_label(t, n, "%s: 0x%04x [unverified]", f->name, sum);
	else if (st)
		tree_label(t, n, "%s: 0x%04x [correct]", f->name, sum);
	else {
		tree_label(t, n, "%s: 0x%04x incorrect, should be 0x%04x", f->name, sum, (unsigned)want);
		if (dissect_expert_wanted(t, NULL)) {
			char msg[48];
			snprintf(msg, sizeof(msg), "Bad checksum [should be 0x%04x]", (unsigned)want);
			dissect_expert(d, n, NULL, SEV_WARN, "Checksum", msg);
		}
	}
	tree_flag(t, tree_add_uint(t, node, status, off, 0, st), TN_GENERATED);
	return n;
}

/* ---- errors ---- */

/* Wireshark's own items; the expert's fields follow it (their protocol in -G, -T ek). */
enum {
	WS_MALFORMED, WS_EXPERT, WS_EXPERT_MSG, WS_EXPERT_SEV, WS_EXPERT_GROUP, WS_SHORT,
	WS_UNREASSEMBLED,
};
static const struct field_def malformed_fields[] = {
	[WS_MALFORMED] = { "_ws.malformed", "Malformed Packet", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"A header field had an impossible value or ran past its declared length.", 0 },
	[WS_EXPERT] = { "_ws.expert", "Expert Info", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"A note, warning or error the analysis raised about this packet.", 0 },
	[WS_EXPERT_MSG] = { "_ws.expert.message", "Message", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The text of an expert item (hidden: the item's own line shows it).", 0 },
	[WS_EXPERT_SEV] = { "_ws.expert.severity", "Severity level", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"How serious an expert item is: Comment, Chat, Note, Warning or Error (Wireshark's numbers).", 0 },
	[WS_EXPERT_GROUP] = { "_ws.expert.group", "Group", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"What an expert item is about: Checksum, Sequence, Malformed, Protocol... (Wireshark's numbers).", 0 },
	[WS_SHORT] = { "_ws.short", "Packet size limited during capture", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"The capture kept fewer bytes than the packet had (snapshot length): the rest is missing.", 0 },
	[WS_UNREASSEMBLED] = { "_ws.unreassembled", "Unreassembled Fragmented Packet", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"A fragment's protocol ran past the fragment: the rest is in fragments not put together.", 0 },
};
static const struct field_table malformed_table = REG_TABLE(malformed_fields);
const struct proto_reg malformed_proto = REG_PROTO_TABLE(malformed_table);

/* The "[Malformed Packet: proto]" node; returns it. */
static uint32_t malformed_node(struct dctx *d, uint32_t node, const char *proto, const char *why)
{
	uint32_t m;

	d->pi->malformed = 1;
	if (!d->pi->malformed_proto)
		d->pi->malformed_proto = proto;
	tree_flag(d->tree, node, TN_MALFORMED);
	m = tree_add(d->tree, 0, &malformed_fields[WS_MALFORMED], 0, 0);
	tree_label(d->tree, m, "[Malformed Packet: %s]", proto);
	if (why && tree_text(d->tree))
		tree_add_text(d->tree, m, 0, 0, "[%s]", why);
	/* tshark 4.0 does not list _ws.malformed in frame.protocols */
	col_append(d->pi, "[Malformed Packet]");
	return m;
}

void dissect_malformed(struct dctx *d, uint32_t node, const char *proto, const char *why)
{
	malformed_node(d, node, proto, why);
}

void dissect_exception(struct dctx *d, uint32_t node, const char *proto)
{
	uint32_t m = malformed_node(d, node, proto, NULL);

	if (m)
		dissect_expert(d, m, NULL, SEV_ERROR, "Malformed", "Malformed Packet (Exception occurred)");
}

/* _ws.expert, looked up once (the registry is built before any dissection). */
static const struct field_def *expert_field(void)
{
	static const struct field_def *ws_expert;

	if (!ws_expert)
		ws_expert = reg_lookup("_ws.expert");
	return ws_expert;
}

/* Wireshark's numbers for the severities (by enum expert_sev) and groups: the values of
 * _ws.expert.severity and _ws.expert.group that -T json and -T fields show. */
static const uint32_t expert_sev_values[] = { 0x00100000, 0x00200000, 0x00400000, 0x00600000,
	0x00800000 };
static const struct {
	const char *name;
	uint32_t value;
} expert_groups[] = {
	{ "Checksum", 0x01000000 }, { "Sequence", 0x02000000 }, { "Response", 0x03000000 },
	{ "Request", 0x04000000 }, { "Undecoded", 0x05000000 }, { "Reassemble", 0x06000000 },
	{ "Malformed", 0x07000000 }, { "Debug", 0x08000000 }, { "Protocol", 0x09000000 },
	{ "Security", 0x0a000000 }, { "Comment", 0x0b000000 }, { "Decryption", 0x0c000000 },
	{ "Assumption", 0x0d000000 }, { "Deprecated", 0x0e000000 },
};

static uint32_t expert_group_value(const char *group)
{
	for (size_t i = 0; i < sizeof(expert_groups) / sizeof(expert_groups[0]); i++)
		if (strcmp(expert_groups[i].name, group) == 0)
			return expert_groups[i].value;
	return 0;
}

uint32_t dissect_fragment_list(struct dtree *t, uint32_t parent, const struct field_def *list,
    const struct field_def *item, const struct field_def *count, const struct dfrag *fr,
    size_t n, uint32_t total)
{
	uint32_t node = tree_add(t, parent, list, 0, total), at = 0, k;

	tree_flag(t, node, TN_GENERATED);
	if (node && tree_text(t)) {
		tree_label(t, node, "%zu %s (%u byte%s):", n, list->name, total, total == 1 ? "" : "s");
		for (size_t i = 0; i < n; i++)
			tree_label_append(t, node, "%s #%u(%u)", i ? "," : "", fr[i].frame, fr[i].len);
	}
	for (size_t i = 0; i < n; i++) {
		k = tree_add_uint(t, node, item, at, fr[i].len, fr[i].frame);
		tree_label(t, k, "Frame: %u, payload: %u-%u (%u byte%s)", fr[i].frame, at,
		    at + fr[i].len - 1, fr[i].len, fr[i].len == 1 ? "" : "s");
		tree_flag(t, k, TN_GENERATED);
		at += fr[i].len;
	}
	tree_flag(t, tree_add_uint(t, node, count, 0, 0, (uint64_t)n), TN_GENERATED);
	return node;
}

uint32_t dissect_add_stringz(struct dctx *d, uint32_t parent, const struct field_def *f,
    const struct cur *c, size_t at, size_t len, int ascii)
{
	struct cur s = cur_at(c, at);
	size_t sl = 0;
	uint32_t shown = 0, n;
	const uint8_t *v = s.p;

	while (sl < len && cur_peek(&s, sl))
		sl++;
	if (ascii)
		v = textline_ascii(d->tree, &s, 0, sl, &shown);
	else
		shown = (uint32_t)sl;
	n = tree_add_bytes(d->tree, parent, f, cur_off(&s), (uint32_t)len, v, shown);
	for (size_t i = sl; i < len; i++)
		if (cur_peek(&s, i)) {
			dissect_expert(d, n, NULL, SEV_WARN, "Undecoded", "Trailing stray characters");
			break;
		}
	return n;
}

int dissect_expert_wanted(const struct dtree *t, const struct field_def *f)
{
	return tree_wants(t, expert_field()) || (f && tree_wants(t, f));
}

uint32_t dissect_expert(struct dctx *d, uint32_t parent, const struct field_def *f,
    enum expert_sev sev, const char *group, const char *msg)
{
	static const char *const sev_names[] = { "Comment", "Chat", "Note", "Warning", "Error" };
	const struct field_def *ws_expert = expert_field();
	struct dtree *t = d->tree;
	char cut[FV_LABEL_BUF];		/* Wireshark formats the message into a label buffer */
	uint32_t e, n;

	if (!t)
		return 0;
	if (strlen(msg) >= sizeof(cut)) {	/* the rare message that does not fit */
		memcpy(cut, msg, sizeof(cut) - 1);
		cut[sizeof(cut) - 1] = '\0';
		msg = cut;
	}
	e = ws_expert ? tree_add(t, parent, ws_expert, tree_off(t, parent), 0) : 0;
	tree_flag(t, e, TN_GENERATED | (sev >= SEV_WARN ? TN_WARN : TN_NOTE));
	tree_label(t, e, "Expert Info (%s/%s): %s", sev_names[sev], group, msg);
	n = f ? tree_add(t, e, f, 0, 0) : tree_text(t) ? tree_add_text(t, e, 0, 0, "%s", msg) : 0;
	tree_flag(t, n, TN_GENERATED);
	tree_label(t, n, "%s", msg);
	if (e && tree_wants(t, &malformed_fields[WS_EXPERT_MSG])) {
		uint32_t k = (uint32_t)strlen(msg);
		tree_flag(t, tree_add_bytes(t, e, &malformed_fields[WS_EXPERT_MSG], 0, 0,
		    tree_keep(t, msg, k), k), TN_GENERATED | TN_HIDDEN);
	}
	n = e ? tree_add_uint(t, e, &malformed_fields[WS_EXPERT_SEV], 0, 0, expert_sev_values[sev]) : 0;
	tree_flag(t, n, TN_GENERATED);
	tree_label(t, n, "Severity level: %s", sev_names[sev]);
	n = e ? tree_add_uint(t, e, &malformed_fields[WS_EXPERT_GROUP], 0, 0, expert_group_value(group)) : 0;
	tree_flag(t, n, TN_GENERATED);
	tree_label(t, n, "Group: %s", group);
	return e;
}

void dissect_bogus(struct dctx *d, uint32_t node, const char *why)
{
	tree_flag(d->tree, node, TN_MALFORMED);
	if (tree_text(d->tree))
		tree_flag(d->tree, tree_add_text(d->tree, node, 0, 0, "[Expert Info (Error/Protocol): %s]", why),
		    TN_MALFORMED);
}

void dissect_truncated(struct dctx *d, uint32_t node)
{
	tree_flag(d->tree, node, TN_TRUNCATED);
}

uint32_t dissect_layer(struct dctx *d, uint32_t parent, const char *proto, const char *col,
    const struct field_def *f, uint32_t start, uint32_t len)
{
	pi_push_proto(d->pi, proto);
	col_set_proto(d->pi, col);
	col_clear(d->pi);
	return tree_add(d->tree, parent, f, start, len);
}

void dissect_exhausted(struct dctx *d, uint32_t node, const char *proto)
{
	uint32_t m;

	tree_flag(d->tree, node, TN_TRUNCATED);
	if (d->fragmented && d->pi->caplen >= d->pi->len) {	/* tshark's FragmentBoundsError */
		m = tree_add(d->tree, 0, &malformed_fields[WS_UNREASSEMBLED], 0, 0);
		tree_label(d->tree, m, "[BoundError Unreassembled Packet: %s]", proto);
		dissect_expert(d, m, NULL, SEV_NOTE, "Reassemble",
		    "Unreassembled fragment (change preferences to enable reassembly)");
		col_append(d->pi, "[BoundErrorUnreassembled Packet]");
		return;
	}
	if (d->pi->caplen >= d->pi->len) {	/* tshark's ReportedBoundsError */
		dissect_exception(d, node, proto);
		return;
	}
	m = tree_add(d->tree, 0, &malformed_fields[WS_SHORT], 0, 0);
	tree_label(d->tree, m, "[Packet size limited during capture: %s truncated]", proto);
	col_append(d->pi, "[Packet size limited during capture]");
}

/* ---- Data ---- */

static const struct field_def data_fields[] = {
	{ "data", "Data", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Bytes no dissector understood.", 0 },
	{ "data.data", "Data", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The undissected bytes.", 0 },
	{ "data.len", "Length", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"How many undissected bytes.", 0 },
};
static const struct field_table data_table = REG_TABLE(data_fields);
const struct proto_reg data_proto = REG_PROTO_TABLE(data_table);

void dissect_data(struct dctx *d, struct cur *c, uint32_t parent)
{
	/* parent: 0 for a top-level "Data" (after a transport), a protocol node for data
	 * inside it (ICMP echo data). */
	uint32_t off = cur_off(c), n = (uint32_t)cur_left(c), node;

	if (!n)
		return;
	pi_push_proto(d->pi, "data");
	node = tree_add(d->tree, parent, &data_fields[0], off, n);
	tree_label(d->tree, node, "Data (%u byte%s)", n, n == 1 ? "" : "s");
	tree_add_bytes(d->tree, node, &data_fields[1], off, n, c->p, n);
	if (tree_text(d->tree) && node) {
		uint32_t l = tree_add_uint(d->tree, node, &data_fields[2], off, 0, n);
		tree_flag(d->tree, l, TN_GENERATED);
	} else
		tree_add_uint(d->tree, node, &data_fields[2], off, 0, n);
	cur_skip(c, n);
}

void dissect_inner_ethernet(struct dctx *d, struct cur *c, uint32_t parent)
{
	uint32_t used = d->payload_used;
	int used_set = d->payload_used_set;

	memset(&d->pi->net_src, 0, sizeof(d->pi->net_src));
	memset(&d->pi->net_dst, 0, sizeof(d->pi->net_dst));
	d->payload_used_set = 0;
	d->payload_cut = 0;
	if (!dissect_by(d, HO_LINK, LINKTYPE_ETHERNET, c, parent))
		dissect_data(d, c, parent);
	d->payload_used = used;
	d->payload_used_set = used_set;
}

/* ---- frame ---- */

/* Hidden string nodes with the column texts, only when -T fields or a filter asks. */
static void column_fields(struct dctx *d, uint32_t fr)
{
	struct dtree *t = d->tree;
	struct pinfo *pi = d->pi;
	const struct address *src = pi->net_src.type ? &pi->net_src : &pi->dl_src;
	const struct address *dst = pi->net_dst.type ? &pi->net_dst : &pi->dl_dst;
	char buf[64];
	const char *s;

	for (int f = F_COL_PROTO; f <= F_COL_INFO; f++) {
		if (!tree_wants(t, &frame_fields[f]))
			continue;
		switch (f) {
		case F_COL_PROTO: s = pi->proto_col ? pi->proto_col : ""; break;
		case F_COL_SRC: addr_to_str(src, buf, sizeof(buf)); s = buf; break;
		case F_COL_DST: addr_to_str(dst, buf, sizeof(buf)); s = buf; break;
		case F_COL_LEN: snprintf(buf, sizeof(buf), "%u", pi->len); s = buf; break;
		default: s = pi->info; break;
		}
		uint32_t n = (uint32_t)strlen(s);
		tree_flag(t, tree_add_bytes(t, fr, &frame_fields[f], 0, 0, tree_keep(t, s, n), n),
		    TN_HIDDEN | TN_GENERATED);
	}
}

/* Wireshark's WTAP_ENCAP number for the link type, -1 when none. */
static int encap_of(int linktype)
{
	for (size_t i = 0; i < sizeof(encaps) / sizeof(encaps[0]); i++)
		if (encaps[i].linktype == linktype)
			return encaps[i].encap;
	return -1;
}

/* Phase 1: a pcapng block's 12-byte header is metadata and the frame what follows, as
 * wiretap makes it (frame.len = custom data and options); returns the frame. */
static const uint8_t *strip_block(struct pinfo *pi, const uint8_t *frame, int block)
{
	pi->block = NULL;
	if (block && pi->caplen >= LINKTYPE_PCAPNG_BLOCK_HDR && pi->len >= LINKTYPE_PCAPNG_BLOCK_HDR) {
		pi->block = frame;
		frame += LINKTYPE_PCAPNG_BLOCK_HDR;
		pi->caplen -= LINKTYPE_PCAPNG_BLOCK_HDR;
		pi->len -= LINKTYPE_PCAPNG_BLOCK_HDR;
	}
	return frame;
}

/* Phase 2: everything the dissectors fill, emptied for this frame. */
static void reset_pinfo(struct dctx *d, const uint8_t *frame)
{
	struct pinfo *pi = d->pi;

	d->frame = frame;
	d->payload_used_set = 0;
	d->payload_cut = 0;
	pi->nprotos = 0;
	pi->proto_col = NULL;
	pi->info_len = pi->info_fence = 0;
	pi->info[0] = '\0';
	pi->malformed = 0;
	pi->malformed_proto = NULL;
	pi->ip_ttl = 0;
	pi->in_error = 0;
	pi->ptype = PT_NONE;
	pi->stream_ptype = PT_NONE;
	pi->tcp_flags = 0;
	pi->tcp_seglen = 0;
	pi->ip_fragment = 0;
	pi->srcport = pi->dstport = 0;
	memset(&pi->dl_src, 0, sizeof(pi->dl_src));
	memset(&pi->dl_dst, 0, sizeof(pi->dl_dst));
	memset(&pi->net_src, 0, sizeof(pi->net_src));
	memset(&pi->net_dst, 0, sizeof(pi->net_dst));
}

/* The arrival, shift, epoch, delta and relative times under the frame node. */
static void frame_times(struct dtree *t, uint32_t fr, const struct pinfo *pi)
{
	uint32_t n;

	tree_add_time(t, fr, &frame_fields[F_TIME], 0, 0, pi->ts);
	tree_flag(t, tree_add_time(t, fr, &frame_fields[F_SHIFT], 0, 0, 0), TN_GENERATED);
	n = tree_add_time(t, fr, &frame_fields[F_EPOCH], 0, 0, pi->ts);
	if (n && tree_text(t)) {
		char b[40];
		timefmt_epoch(b, sizeof(b), pi->ts);
		tree_label(t, n, "Epoch Time: %s seconds", b);
	}
	tree_flag(t, tree_add_time(t, fr, &frame_fields[F_DELTA], 0, 0, pi->delta_ts), TN_GENERATED);
	tree_flag(t, tree_add_time(t, fr, &frame_fields[F_DELTA_DISP], 0, 0, pi->delta_disp_ts), TN_GENERATED);
	tree_flag(t, tree_add_time(t, fr, &frame_fields[F_REL], 0, 0, pi->rel_ts), TN_GENERATED);
}

/* ---- pcapng packet options (comments, flags, drop count, ...) ---- */

enum { OPT_COMMENT = 1, OPT_FLAGS = 2, OPT_DROPCOUNT = 4, OPT_PACKETID = 5, OPT_QUEUE = 6 };

struct pkt_opts {
	unsigned has;			/* bit n: option n seen */
	uint32_t flags, queue;
	uint64_t drops, id;
};

static int has_opt(const struct pkt_opts *o, int code)
{
	return (o->has >> code) & 1;
}

/* The options' byte order: the file's, which opts_swap says is not ours. */
static int opts_be(const struct pinfo *pi)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return !pi->opts_swap;
#else
	return pi->opts_swap;
#endif
}

/* The next option (code, length, value padded to 32 bits): 1 with its code and a
 * cursor on its value, 0 at opt_endofopt or where the list is cut short. */
static int pkt_opt_next(struct cur *c, int be, uint16_t *code, struct cur *val)
{
	uint16_t len;

	if (!cur_has(c, 4))
		return 0;
	*code = cur_e16(c, be);
	len = cur_e16(c, be);
	if (!*code || !cur_has(c, len))
		return 0;
	*val = cur_make(cur_ptr(c, len), len);
	cur_skip(c, (4u - len % 4u) % 4u);
	return 1;
}

static void pkt_opts_read(const struct pinfo *pi, struct pkt_opts *o)
{
	struct cur c, v;
	int be = opts_be(pi);
	uint16_t code;

	memset(o, 0, sizeof(*o));
	if (!pi->opts)
		return;
	c = cur_make(pi->opts, pi->opts_len);
	while (pkt_opt_next(&c, be, &code, &v)) {
		size_t n = cur_left(&v);
		if (code == OPT_FLAGS && n >= 4)
			o->flags = cur_e32(&v, be);
		else if (code == OPT_QUEUE && n >= 4)
			o->queue = cur_e32(&v, be);
		else if (code == OPT_DROPCOUNT && n >= 8)
			o->drops = cur_e64(&v, be);
		else if (code == OPT_PACKETID && n >= 8)
			o->id = cur_e64(&v, be);
		else
			continue;
		o->has |= 1u << code;
	}
}

/* "Packet comments" above the Frame node, each comment with its expert item. */
static void frame_comments(struct dctx *d)
{
	struct dtree *t = d->tree;
	struct cur c = cur_make(d->pi->opts, d->pi->opts_len), v;
	int be = opts_be(d->pi);
	uint32_t top = 0, n;
	uint16_t code;
	char text[1024];

	while (pkt_opt_next(&c, be, &code, &v)) {
		uint32_t len = (uint32_t)cur_left(&v);
		const uint8_t *p = cur_ptr(&v, len);
		if (code != OPT_COMMENT)
			continue;
		if (!top)
			top = tree_add(t, 0, &frame_fields[F_PKT_COMMENT], 0, 0);
		n = tree_add_bytes(t, top, &frame_fields[F_COMMENT], 0, 0, p, len);
		if (!tree_text(t))
			continue;
		strvis(text, sizeof(text), p, len, STRVIS_WIRE);
		tree_label(t, n, "%s", text);
		dissect_expert(d, n, &frame_fields[F_COMMENT_EXPERT], SEV_COMMENT, "Comment", text);
	}
}

/* Interface id with its name and description under it (pcapng); the name is
 * "unknown" when the file gives neither, as Wireshark. */
static void frame_iface(struct dtree *t, uint32_t fr, const struct pinfo *pi, const char *raw,
    const char *shown)
{
	uint32_t n = tree_add_uint(t, fr, &frame_fields[F_IFID], 0, 0, pi->ifid);

	tree_label(t, n, "Interface id: %u (%s)", pi->ifid, shown);
	tree_add_bytes(t, n, &frame_fields[F_IFNAME], 0, 0, (const uint8_t *)raw,
	    (uint32_t)strlen(raw));
	if (pi->ifdescr)
		tree_add_bytes(t, n, &frame_fields[F_IFDESCR], 0, 0, (const uint8_t *)pi->ifdescr,
		    (uint32_t)strlen(pi->ifdescr));
}

static void frame_flags(struct dtree *t, uint32_t fr, uint32_t flags)
{
	uint32_t n = tree_add_uint(t, fr, &frame_fields[F_PFLAGS], 0, 0, flags);

	for (int f = F_PF_DIR; f <= F_PF_SYMBOL; f++)
		tree_add_uint(t, n, &frame_fields[f], 0, 0, flags);
}

/* Phase 3: the Frame node and its fields; returns the node (0 without a tree). */
static uint32_t frame_tree(struct dctx *d, const uint8_t *frame, int block, int encap)
{
	static const char *const dirs[] = { "", " (inbound)", " (outbound)", "" };
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	struct pkt_opts o;
	uint32_t fr, n;
	char ifname[256];
	int ifaced = pi->if_known && !block;
	const char *raw = pi->ifname ? pi->ifname : pi->ifdescr ? pi->ifdescr : "unknown";

	if (!t)
		return 0;
	pkt_opts_read(pi, &o);
	if (pi->opts_len)
		frame_comments(d);
	ifname[0] = '\0';
	if (ifaced && tree_text(t))	/* from the file: escaped as tshark does */
		strvis(ifname, sizeof(ifname), (const uint8_t *)raw, strlen(raw),
		    STRVIS_WIRE);
	tree_add_source(t, "Frame", frame, pi->caplen);
	fr = tree_add(t, 0, &frame_fields[F_FRAME], 0, pi->caplen);
	tree_label(t, fr, "Frame %u: %u bytes on wire (%u bits), %u bytes captured (%u bits)",
	    pi->num, pi->len, pi->len * 8, pi->caplen, pi->caplen * 8);
	if (ifaced)
		tree_label_append(t, fr, " on interface %s, id %u%s", ifname, pi->ifid,
		    has_opt(&o, OPT_FLAGS) ? dirs[o.flags & 3] : "");
	if (pi->section)
		tree_add_uint(t, fr, &frame_fields[F_SECTION], 0, 0, pi->section);
	if (ifaced)
		frame_iface(t, fr, pi, raw, ifname);
	if (has_opt(&o, OPT_QUEUE))
		tree_add_uint(t, fr, &frame_fields[F_QUEUE], 0, 0, o.queue);
	if (has_opt(&o, OPT_FLAGS))
		frame_flags(t, fr, o.flags);
	if (has_opt(&o, OPT_PACKETID))
		tree_add_uint(t, fr, &frame_fields[F_PACKET_ID], 0, 0, o.id);
	if (!block && tree_wants(t, &frame_fields[F_ENCAP])) {
		const char *s = val_to_str((uint32_t)pi->linktype, encap_vals);
		n = tree_add_int(t, fr, &frame_fields[F_ENCAP], 0, 0, encap);
		tree_label(t, n, "Encapsulation type: %s (%d)", s ? s : "Unknown", encap);
	}
	if (!pi->no_ts)		/* no time in the file: Wireshark shows none of the time fields */
		frame_times(t, fr, pi);
	tree_add_uint(t, fr, &frame_fields[F_NUMBER], 0, 0, pi->num);
	n = tree_add_uint(t, fr, &frame_fields[F_LEN], 0, 0, pi->len);
	tree_label(t, n, "Frame Length: %u bytes (%u bits)", pi->len, pi->len * 8);
	n = tree_add_uint(t, fr, &frame_fields[F_CAPLEN], 0, 0, pi->caplen);
	tree_label(t, n, "Capture Length: %u bytes (%u bits)", pi->caplen, pi->caplen * 8);
	if (has_opt(&o, OPT_DROPCOUNT))
		tree_add_uint(t, fr, &frame_fields[F_DROPS], 0, 0, o.drops);
	tree_flag(t, tree_add_uint(t, fr, &frame_fields[F_MARKED], 0, 0, 0), TN_GENERATED);
	tree_flag(t, tree_add_uint(t, fr, &frame_fields[F_IGNORED], 0, 0, 0), TN_GENERATED);
	if (has_opt(&o, OPT_FLAGS) && (o.flags & 3) && (o.flags & 3) != 3)	/* in or out */
		tree_add_int(t, fr, &frame_fields[F_P2P_DIR], 0, 0, (o.flags & 3) == 1);
	return fr;
}

/* Phase 5: frame.protocols, once every layer has pushed its name. */
static void frame_protocols(struct dctx *d, uint32_t fr)
{
	struct dtree *t = d->tree;
	struct pinfo *pi = d->pi;
	char buf[PI_MAX_PROTOS * 16];
	size_t at = 0;

	for (int i = 1; i < pi->nprotos; i++) {
		int k = snprintf(buf + at, sizeof(buf) - at, "%s%s", i > 1 ? ":" : "", pi->protos[i]);
		if (k < 0 || (size_t)k >= sizeof(buf) - at)
			break;
		at += (size_t)k;
	}
	tree_flag(t, tree_add_bytes(t, fr, &frame_fields[F_PROTOCOLS], 0, 0,
	    tree_keep(t, buf, (uint32_t)at), (uint32_t)at), TN_GENERATED);
}

void dissect_frame(struct dctx *d, const uint8_t *frame)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	struct cur c;
	dissector_fn link = dissect_lookup(HO_LINK, (uint32_t)pi->linktype);
	int block = pi->linktype == LINKTYPE_PCAPNG_BLOCK;
	int encap = encap_of(pi->linktype);
	uint32_t fr;

	pi->serial++;
	frame = strip_block(pi, frame, block);
	c = cur_make(frame, pi->caplen);
	reset_pinfo(d, frame);
	fr = frame_tree(d, frame, block, encap);
	if (t && t->interest && tree_wants(t, &frame_fields[F_COL_INFO]))
		pi->want_cols = 1;
	/* Phase 4: the layers, from the link type down the dispatch tables. */
	pi_push_proto(pi, "frame");
	if (link)
		link(d, &c, block ? fr : 0);
	else {
		col_set_proto(pi, "UNKNOWN");
		col_append(pi, "WTAP_ENCAP = %d", encap);
		dissect_data(d, &c, 0);
	}
	if (t && t->interest)
		column_fields(d, fr);
	if (t && tree_wants(t, &frame_fields[F_PROTOCOLS]))
		frame_protocols(d, fr);
}
