/* tcp.c — Transmission Control Protocol (RFC 9293), as tshark 4.0 shows it.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          Source Port          |       Destination Port        |
 *   |                        Sequence Number                        |
 *   |                    Acknowledgment Number                      |
 *   |  Data |  Rsv  |A|C|E|U|A|P|R|S|F|                               |
 *   | Offset|       |E|W|C|R|C|S|S|Y|I|            Window             |
 *   |       |       | |R|E|G|K|H|T|N|N|                               |
 *   |           Checksum            |         Urgent Pointer        |
 *   |                    Options (Data Offset > 5)                  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Stream index, relative numbers, window scaling and the SEQ/ACK analysis come from
 * dissect/tcp_conv.c (computed once per frame in capture order); the endpoint states
 * are shown in a "netlab" subtree at the end of the TCP tree (netlab.tcp.client_state
 * and netlab.tcp.server_state, strings such as "SYN-SENT").  The payload goes to the
 * protocol tables below (tcp_payload.h), else it is shown as data.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dissect/ftp.h"
#include "dissect/reasm.h"
#include "core/fmtnum.h"
#include "dissect/session.h"
#include "dissect/prefs.h"
#include "dissect/tcp_conv.h"
#include "dissect/fvalue.h"
#include "dissect/http.h"
#include "dissect/protos.h"
#include "dissect/tcp.h"
#include "dissect/tcp_int.h"
#include "dissect/tcp_opt.h"
#include "dissect/tcp_payload.h"
#include "dissect/ssh.h"
#include "dissect/tls.h"

static const struct val_str completeness_vals[] = {
	{ 0, "Incomplete" }, { 1, "Incomplete, SYN_SENT" }, { 3, "Incomplete, CLIENT_ESTABLISHED" },
	{ 7, "Incomplete, ESTABLISHED" }, { 15, "Incomplete, DATA" }, { 31, "Complete, WITH_DATA" },
	{ 47, "Complete, WITH_DATA" }, { 63, "Complete, WITH_DATA" }, { 23, "Complete, NO_DATA" },
	{ 39, "Complete, NO_DATA" }, { 55, "Complete, NO_DATA" }, { 0, NULL }
};

#define BOOL12(abbr, name, mask, help) { abbr, name, FT_BOOLEAN, BASE_NONE, mask, 12, NULL, help, 0 }
#define NONE(abbr, name, help) { abbr, name, FT_NONE, BASE_NONE, 0, 0, NULL, help, 0 }
#define OPTION(abbr, name, help) { abbr, name, FT_NONE, BASE_NONE, 0, 0, NULL, help, REG_F_DOC_BYTES }
#define ANALYSIS_NONE(abbr, name, help) { abbr, name, FT_NONE, BASE_NONE, 0, 0, NULL, help, REG_F_ANALYSIS }

static const struct field_def fields[] = {
	[T_PROTO] = { "tcp", "Transmission Control Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Transport layer: a reliable, ordered byte stream between two ports, with flow control.", 0 },
	[T_SRCPORT] = { "tcp.srcport", "Source Port", FT_UINT16, BASE_PT, 0, 0, NULL,
		"16 bits: the sender's port; the client's is usually an ephemeral one (32768-60999 on Linux).", 0 },
	[T_DSTPORT] = { "tcp.dstport", "Destination Port", FT_UINT16, BASE_PT, 0, 0, NULL,
		"16 bits: the receiver's port; a server listens on a well-known one (80 for HTTP).", 0 },
	[T_PORT] = { "tcp.port", "Source or Destination Port", FT_UINT16, BASE_PT, 0, 0, NULL,
		"Either port: tcp.port == 80 matches both directions.", 0 },
	[T_STREAM] = { "tcp.stream", "Stream index", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Which TCP connection of the capture this segment belongs to, from 0 (computed).", REG_F_ANALYSIS },
	[T_COMPLETENESS] = { "tcp.completeness", "Conversation completeness", FT_UINT8, BASE_DEC, 0, 0, completeness_vals,
		"Bit set of what was seen so far: 1 SYN, 2 SYN/ACK, 4 ACK, 8 data, 16 FIN, 32 RST.", REG_F_ANALYSIS },
	[T_LEN] = { "tcp.len", "TCP Segment Len", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Payload bytes in this segment (computed: IP length minus headers).", 0 },
	[T_SEQ] = { "tcp.seq", "Sequence Number", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Number of the first payload byte, counted from the stream's first SYN (relative, 0 = the SYN).", REG_F_ANALYSIS },
	[T_SEQ_RAW] = { "tcp.seq_raw", "Sequence Number (raw)", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"32 bits: the sequence number as sent; each side starts from a random initial value.", 0 },
	[T_NXTSEQ] = { "tcp.nxtseq", "Next Sequence Number", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Sequence number after this segment: seq + length, + 1 for SYN and FIN (computed).", REG_F_ANALYSIS },
	[T_ACK] = { "tcp.ack", "Acknowledgment Number", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Next byte the sender expects from the peer: everything before it arrived (relative).", REG_F_ANALYSIS },
	[T_ACK_RAW] = { "tcp.ack_raw", "Acknowledgment number (raw)", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"32 bits: the acknowledgment number as sent.", 0 },
	[T_HDR_LEN] = { "tcp.hdr_len", "Header Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"4 bits (data offset): header length in 32-bit words, 20 to 60 bytes with options.", 0 },
	[T_FLAGS] = { "tcp.flags", "Flags", FT_UINT16, BASE_HEX, 0xfff, 12, NULL,
		"12 bits: control flags (SYN opens, FIN closes, RST aborts, ACK acknowledges, PSH delivers).", 0 },
	[T_F_RES] = BOOL12("tcp.flags.res", "Reserved", 0xe00, "3 bits reserved for future use, zero."),
	[T_F_AE] = BOOL12("tcp.flags.ae", "Accurate ECN", 0x100, "AE: Accurate ECN (RFC 9768), formerly the ECN nonce."),
	[T_F_CWR] = BOOL12("tcp.flags.cwr", "Congestion Window Reduced", 0x080, "CWR: the sender slowed down after an ECN echo."),
	[T_F_ECE] = BOOL12("tcp.flags.ece", "ECN-Echo", 0x040, "ECE: a router marked congestion (or ECN offered, on SYN)."),
	[T_F_URG] = BOOL12("tcp.flags.urg", "Urgent", 0x020, "URG: the urgent pointer is valid (almost never used)."),
	[T_F_ACK] = BOOL12("tcp.flags.ack", "Acknowledgment", 0x010, "ACK: the acknowledgment number is valid; set on every segment after the SYN."),
	[T_F_PUSH] = BOOL12("tcp.flags.push", "Push", 0x008, "PSH: deliver the data to the application now."),
	[T_F_RESET] = BOOL12("tcp.flags.reset", "Reset", 0x004, "RST: abort the connection (or refuse it: no one listens on that port)."),
	[T_F_SYN] = BOOL12("tcp.flags.syn", "Syn", 0x002, "SYN: open a connection and announce the initial sequence number."),
	[T_F_FIN] = BOOL12("tcp.flags.fin", "Fin", 0x001, "FIN: the sender has no more data; one half of the connection closes."),
	[T_F_STR] = { "tcp.flags.str", "TCP Flags", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The flags as letters (R R R A C E U A P R S F), a dot when not set.", 0 },
	[T_WIN_VALUE] = { "tcp.window_size_value", "Window", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: receive window as sent, to be multiplied by the scale factor from the SYN.", 0 },
	[T_WIN] = { "tcp.window_size", "Calculated window size", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Bytes the sender can still receive: window × 2^scale (computed).", REG_F_ANALYSIS },
	[T_WIN_SCALE] = { "tcp.window_size_scalefactor", "Window size scaling factor", FT_INT32, BASE_DEC, 0, 0, NULL,
		"Multiplier for the window: -1 unknown (SYN not seen), -2 no scaling used.", REG_F_ANALYSIS },
	[T_CHECKSUM] = { "tcp.checksum", "Checksum", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: ones' complement sum over a pseudo-header and the segment; on lo left to offload.", 0 },
	[T_CHECKSUM_STATUS] = { "tcp.checksum.status", "Checksum Status", FT_UINT8, BASE_NONE, 0, 0, checksum_status_vals,
		"Whether the checksum was verified (it is not, as in Wireshark's default).", 0 },
	[T_URGENT] = { "tcp.urgent_pointer", "Urgent Pointer", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: end of urgent data when URG is set.", 0 },
	[T_OPTIONS] = { "tcp.options", "TCP Options", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Options after the 20 fixed bytes (MSS, window scale, SACK, timestamps).", 0 },
	[T_OPT_KIND] = { "tcp.option_kind", "Kind", FT_UINT8, BASE_DEC, 0, 0, tcp_opt_kind_vals,
		"8 bits: option type.", 0 },
	[T_OPT_LEN] = { "tcp.option_len", "Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: option length, kind and length bytes included.", 0 },
	[T_OPT_MSS] = OPTION("tcp.options.mss", "TCP Option - Maximum segment size",
		"Maximum Segment Size: the largest payload the sender wants to receive (SYN only)."),
	[T_OPT_MSS_VAL] = { "tcp.options.mss_val", "MSS Value", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: largest segment payload; 65495 on lo (MTU 65536 minus 40 header bytes).", 0 },
	[T_OPT_WS] = OPTION("tcp.options.wscale", "TCP Option - Window scale",
		"Window scale (RFC 7323): window fields after the handshake are multiplied by 2^shift."),
	[T_OPT_WS_SHIFT] = { "tcp.options.wscale.shift", "Shift count", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: the shift (0-14) applied to this sender's later windows.", 0 },
	[T_OPT_WS_MULT] = { "tcp.options.wscale.multiplier", "Multiplier", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"2^shift (computed).", 0 },
	[T_OPT_SACK_PERM] = OPTION("tcp.options.sack_perm", "TCP Option - SACK permitted",
		"The sender can use selective acknowledgments (SYN only)."),
	[T_OPT_SACK] = OPTION("tcp.options.sack", "TCP Option - SACK",
		"Selective acknowledgment: byte ranges received beyond the acknowledgment number."),
	[T_OPT_SACK_LE] = { "tcp.options.sack_le", "TCP SACK Left Edge", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"First byte of a received block (relative).", REG_F_ANALYSIS },
	[T_OPT_SACK_RE] = { "tcp.options.sack_re", "TCP SACK Right Edge", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Byte after a received block (relative).", REG_F_ANALYSIS },
	[T_OPT_SACK_COUNT] = { "tcp.options.sack.count", "TCP SACK Count", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Number of SACK blocks (computed).", 0 },
	[T_OPT_DSACK_LE] = { "tcp.options.sack.dsack_le", "TCP D-SACK Left Edge", FT_UINT32, BASE_DEC, 0, 0,
		NULL, "The first SACK block when it reports data received twice (RFC 2883).", REG_F_ANALYSIS },
	[T_OPT_DSACK_RE] = { "tcp.options.sack.dsack_re", "TCP D-SACK Right Edge", FT_UINT32, BASE_DEC, 0, 0,
		NULL, "Right edge of the duplicate block (RFC 2883).", REG_F_ANALYSIS },
	[T_OPT_DSACK] = NONE("tcp.options.sack.dsack", "D-SACK Sequence",
		"The first SACK block lies below the ACK or inside the second block: a duplicate."),
	[T_OPT_TS] = OPTION("tcp.options.timestamp", "TCP Option - Timestamps",
		"Timestamps (RFC 7323): measure round-trip time and protect against wrapped sequence numbers."),
	[T_OPT_TSVAL] = { "tcp.options.timestamp.tsval", "Timestamp value", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"32 bits: the sender's clock when sending.", 0 },
	[T_OPT_TSECR] = { "tcp.options.timestamp.tsecr", "Timestamp echo reply", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"32 bits: the peer's latest TSval, echoed back.", 0 },
	[T_OPT_NOP] = OPTION("tcp.options.nop", "TCP Option - No-Operation (NOP)",
		"One byte of padding that aligns the next option."),
	[T_OPT_EOL] = OPTION("tcp.options.eol", "TCP Option - End of Option List (EOL)",
		"Ends the option list; the rest of the header is padding."),
	[T_OPT_TFO] = OPTION("tcp.options.tfo", "TCP Option - TCP Fast Open",
		"TCP Fast Open (RFC 7413): a cookie that lets data ride on the SYN."),
	[T_OPT_TFO_COOKIE] = { "tcp.options.tfo.cookie", "Fast Open Cookie", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The cookie bytes.", 0 },
	[T_OPT_MPTCP] = NONE("tcp.options.mptcp", "TCP Option - Multipath TCP",
		"Multipath TCP (RFC 8684) signalling; not decoded here."),
	[T_OPT_UNKNOWN] = OPTION("tcp.options.unknown", "TCP Option - Unknown",
		"An option kind this program does not decode."),
	[T_OPT_UNKNOWN_PAYLOAD] = { "tcp.options.unknown.payload", "Payload", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The option's bytes after kind and length.", 0 },
	[T_TIME_REL] = { "tcp.time_relative", "Time since first frame in this TCP stream", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"Seconds since the stream's first segment (computed).", REG_F_ANALYSIS },
	[T_TIME_DELTA] = { "tcp.time_delta", "Time since previous frame in this TCP stream", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"Seconds since the stream's previous segment (computed).", REG_F_ANALYSIS },
	[T_ANALYSIS] = ANALYSIS_NONE("tcp.analysis", "SEQ/ACK analysis",
		"What Wireshark's sequence analysis says about this segment (computed)."),
	[T_A_FLAGS] = ANALYSIS_NONE("tcp.analysis.flags", "TCP Analysis Flags",
		"Present when the analysis found something notable (retransmission, dup ACK, …)."),
	[T_A_ACKS_FRAME] = { "tcp.analysis.acks_frame", "This is an ACK to the segment in frame", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"The segment this ACK acknowledges completely (computed).", REG_F_ANALYSIS },
	[T_A_ACK_RTT] = { "tcp.analysis.ack_rtt", "The RTT to ACK the segment was", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"Time between that segment and this ACK: a round-trip time sample (computed).", REG_F_ANALYSIS },
	[T_A_IRTT] = { "tcp.analysis.initial_rtt", "iRTT", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"Initial round-trip time: from the SYN to the handshake's final ACK (computed).", REG_F_ANALYSIS },
	[T_A_BIF] = { "tcp.analysis.bytes_in_flight", "Bytes in flight", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Bytes sent but not yet acknowledged after this segment (computed).", REG_F_ANALYSIS },
	[T_A_PUSH] = { "tcp.analysis.push_bytes_sent", "Bytes sent since last PSH flag", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Payload bytes since the last segment with PSH (computed).", REG_F_ANALYSIS },
	[T_A_RTO] = { "tcp.analysis.rto", "The RTO for this segment was", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"Retransmission timeout: time since the original transmission (computed).", REG_F_ANALYSIS },
	[T_A_RTO_FRAME] = { "tcp.analysis.rto_frame", "RTO based on delta from frame", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"The frame this retransmission repeats (computed).", REG_F_ANALYSIS },
	[T_A_DUPACK] = ANALYSIS_NONE("tcp.analysis.duplicate_ack", "Duplicate ACK",
		"Same ACK, window and sequence number again with no data: the receiver saw a gap."),
	[T_A_DUPACK_NUM] = { "tcp.analysis.duplicate_ack_num", "Duplicate ACK #", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"How many duplicates of that ACK so far; three trigger a fast retransmission.", REG_F_ANALYSIS },
	[T_A_DUPACK_FRAME] = { "tcp.analysis.duplicate_ack_frame", "Duplicate to the ACK in frame", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"The original ACK (computed).", REG_F_ANALYSIS },
	[T_A_RETRANS] = ANALYSIS_NONE("tcp.analysis.retransmission", "This frame is a (suspected) retransmission",
		"Bytes already sent before: the sender did not get an ACK in time."),
	[T_A_FAST] = ANALYSIS_NONE("tcp.analysis.fast_retransmission", "This frame is a (suspected) fast retransmission",
		"Retransmitted right after duplicate ACKs (RFC 5681 fast retransmit)."),
	[T_A_SPURIOUS] = ANALYSIS_NONE("tcp.analysis.spurious_retransmission", "This frame is a (suspected) spurious retransmission",
		"Retransmission of bytes the receiver had already acknowledged."),
	[T_A_OOO] = ANALYSIS_NONE("tcp.analysis.out_of_order", "This frame is a (suspected) out-of-order segment",
		"Arrived after a segment with higher sequence numbers, within about one RTT."),
	[T_A_REUSED] = ANALYSIS_NONE("tcp.analysis.reused_ports", "A new tcp session is started with the same ports as an earlier session in this trace",
		"A SYN with a new initial sequence number on a 4-tuple already seen: a new connection."),
	[T_A_LOST] = ANALYSIS_NONE("tcp.analysis.lost_segment", "Previous segment(s) not captured (common at capture start)",
		"A gap in the sequence numbers: something was not captured (or was lost)."),
	[T_A_ACK_LOST] = ANALYSIS_NONE("tcp.analysis.ack_lost_segment", "ACKed segment that wasn't captured (common at capture start)",
		"Acknowledges bytes the capture never showed."),
	[T_A_WIN_UPDATE] = ANALYSIS_NONE("tcp.analysis.window_update", "TCP window update",
		"Only the window changed: the receiver made room."),
	[T_A_WIN_FULL] = ANALYSIS_NONE("tcp.analysis.window_full", "TCP window specified by the receiver is now completely full",
		"This segment fills the receiver's advertised window."),
	[T_A_KA] = ANALYSIS_NONE("tcp.analysis.keep_alive", "TCP keep-alive segment",
		"A probe one byte before the next sequence number: is the peer still there?"),
	[T_A_KA_ACK] = ANALYSIS_NONE("tcp.analysis.keep_alive_ack", "ACK to a TCP keep-alive segment",
		"The answer to a keep-alive."),
	[T_A_ZWP] = ANALYSIS_NONE("tcp.analysis.zero_window_probe", "TCP Zero Window Probe",
		"One byte sent into a zero window to see whether it opened."),
	[T_A_ZW] = ANALYSIS_NONE("tcp.analysis.zero_window", "TCP Zero Window segment",
		"The receiver's buffer is full: the sender must stop."),
	[T_A_ZWP_ACK] = ANALYSIS_NONE("tcp.analysis.zero_window_probe_ack", "ACK to a TCP Zero Window Probe",
		"The answer to a zero window probe."),
	[T_C_SYN] = NONE("tcp.connection.syn", "Connection establish request (SYN)",
		"First step of the three-way handshake."),
	[T_C_SYNACK] = NONE("tcp.connection.synack", "Connection establish acknowledge (SYN+ACK)",
		"Second step of the three-way handshake."),
	[T_C_FIN] = NONE("tcp.connection.fin", "Connection finish (FIN)",
		"The sender closes its half of the connection."),
	[T_C_RST] = NONE("tcp.connection.rst", "Connection reset (RST)",
		"The connection is aborted."),
	[T_C_FIN_ACTIVE] = ANALYSIS_NONE("tcp.connection.fin_active", "This frame initiates the connection closing",
		"A FIN from the side that closed first (the active close: it will pass through TIME-WAIT)."),
	[T_C_FIN_PASSIVE] = ANALYSIS_NONE("tcp.connection.fin_passive", "This frame undergoes the connection closing",
		"A FIN from the side that was told to close (the passive close, from CLOSE-WAIT)."),
	[T_MSS_ABSENT] = NONE("tcp.options.mss.absent", "The SYN packet does not contain a MSS option",
		"A SYN without MSS: the peer must assume 536 bytes."),
	[T_PAYLOAD] = { "tcp.payload", "TCP payload", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The segment's data bytes.", 0 },
	[T_SEGMENT_DATA] = { "tcp.segment_data", "TCP segment data", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Data of a segment not handed to a protocol (e.g. retransmitted).", REG_F_PAYLOAD },
	[T_BOGUS_HDR_LEN] = NONE("tcp.bogus_header_length", "Bogus TCP Header length",
		"The data offset is below 5 words (20 bytes)."),
	[T_NETLAB] = { "netlab", "netlab", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"What netlab-tui infers beyond Wireshark (TCP endpoint states).", REG_F_ANALYSIS },
	[T_CLIENT_STATE] = { "netlab.tcp.client_state", "Client state", FT_STRING, BASE_NONE, 0, 0, NULL,
		"RFC 9293 state of the client (the side that sent the first SYN) after this segment.", REG_F_ANALYSIS },
	[T_SERVER_STATE] = { "netlab.tcp.server_state", "Server state", FT_STRING, BASE_NONE, 0, 0, NULL,
		"RFC 9293 state of the server after this segment.", REG_F_ANALYSIS },
};
static const struct field_table tcp_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff tcp_handoffs[] = {
	{ HO_IPPROTO, 6, .fn = dissect_tcp },
};
const struct proto_reg tcp_proto = REG_PROTO(tcp_table, tcp_handoffs);

const struct field_def *tcp_field(int field)
{
	return &fields[field];
}

/* ---- expert info: a _ws.expert node with the field under it ---- */

uint32_t tcp_expert(struct dctx *d, uint32_t parent, int field, enum expert_sev sev,
    const char *group, const char *msg)
{
	return dissect_expert(d, parent, &fields[field], sev, group, msg);
}

uint32_t tcp_gen_uint(struct dtree *t, uint32_t parent, int field, uint32_t off, uint64_t v)
{
	return tcp_gen_uint_len(t, parent, field, off, 0, v);
}

uint32_t tcp_gen_uint_len(struct dtree *t, uint32_t parent, int field, uint32_t off,
    uint32_t len, uint64_t v)
{
	uint32_t n = tree_add_uint(t, parent, &fields[field], off, len, v);

	tree_flag(t, n, TN_GENERATED);
	return n;
}

uint32_t tcp_gen_time(struct dtree *t, uint32_t parent, int field, int64_t ns)
{
	uint32_t n = tree_add_time(t, parent, &fields[field], tree_off(t, parent), 0, ns);

	tree_flag(t, n, TN_GENERATED);
	return n;
}

/* ---- flags ---- */

/* "SYN, ACK": the set flags by name (buf holds 64 bytes: all of them fit). */
static size_t flags_list(uint16_t fl, char *buf)
{
	size_t at = 0;

	for (int i = 0; i <= TCPF_NAMED; i++) {
		const char *name = i < TCPF_NAMED ? tcpstate_flag_names[i] : "Reserved";
		if (!(i < TCPF_NAMED ? fl & (1u << i) : fl & TCPF_RESERVED))
			continue;
		if (at) {
			buf[at++] = ',';
			buf[at++] = ' ';
		}
		while (*name)
			buf[at++] = *name++;
	}
	buf[at] = '\0';
	return at;
}

uint32_t tcp_flags_str(uint16_t fl, char *buf)
{
	static const char letters[] = "RRRACEUAPRSF";
	uint32_t at = 0;

	for (int i = 0; i < 12; i++) {
		if (fl & (1u << (11 - i)))
			buf[at++] = letters[i];
		else {
			buf[at++] = (char)0xc2;	/* U+00B7 MIDDLE DOT */
			buf[at++] = (char)0xb7;
		}
	}
	return at;
}

/* ---- payload ---- */

/* Ports registered by the protocols over TCP (HO_TCP_PORT), lower port first, then
 * the heuristics (HO_TCP_HEUR); each gets the payload afresh. */
/* May an out-of-order segment go to the dissectors?  Only into a PDU being put together. */
static int outside_pdu_ok(const struct dctx *d, const struct tcp_payload_info *ti)
{
	struct reasm_seg rs = { ti->stream, ti->dir, ti->seq, ti->nxtseq, 0, 0, ti->tcp_node };

	return !d->sess || !d->sess->reasm ||
	    reasm_takes_out_of_order(d->sess->reasm, &rs, d->pi->num, d->pi->visited);
}

/* A segment no dissector saw (a keep-alive) that begins a PDU reassembly already began. */
static int restarts_pdu(const struct dctx *d, const struct tcp_payload_info *ti)
{
	struct reasm_seg rs = { ti->stream, ti->dir, ti->seq, ti->nxtseq, 0, 0, ti->tcp_node };

	return d->sess && d->sess->reasm && reasm_retransmits_pdu_start(d->sess->reasm, &rs, d->pi->num);
}

static int try_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti)
{
	uint16_t lo = ti->srcport < ti->dstport ? ti->srcport : ti->dstport;
	uint16_t hi = ti->srcport < ti->dstport ? ti->dstport : ti->srcport;
	uint16_t ports[2] = { lo, hi };
	size_t np, nh;
	const struct handoff *const *byport = dissect_handoffs(HO_TCP_PORT, &np);
	const struct handoff *const *heur = dissect_handoffs(HO_TCP_HEUR, &nh);

	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < np; i++)
			if (byport[i]->key == ports[k]) {
				struct cur c = *payload;
				if (byport[i]->tcp(d, &c, ti))
					return 1;
			}
	for (size_t i = 0; i < nh; i++) {
		struct cur c = *payload;
		if (heur[i]->tcp(d, &c, ti))
			return 1;
	}
	return 0;
}

int tcp_expert_wanted(const struct dtree *t)
{
	return dissect_expert_wanted(t, NULL);
}

/* Does the tree want the flag bits or their expert notes? */
static int flag_bits_wanted(const struct dtree *t)
{
	return tree_wants_range(t, &fields[T_F_RES], &fields[T_F_FIN]) ||
	    tree_wants_range(t, &fields[T_C_SYN], &fields[T_C_FIN_PASSIVE]) || tcp_expert_wanted(t);
}

/* ---- the analysis step (tcp.h) ---- */

int tcp_analyse(struct dctx *d, const struct tcp_seg *sg, const struct tcp_opts *o,
    struct tcpconv_out *r)
{
	struct pinfo *pi = d->pi;

	if (d->sess && d->sess->tcp &&
	    (pi->net_src.type == AT_IPv4 || pi->net_src.type == AT_IPv6)) {
		struct tcpconv_in in;
		memset(&in, 0, sizeof(in));
		in.frame = pi->num;
		in.ts = pi->ts;
		in.alen = pi->net_src.type == AT_IPv4 ? 4 : 16;
		in.src = pi->net_src.a;
		in.dst = pi->net_dst.a;
		in.sport = sg->sport;
		in.dport = sg->dport;
		in.seq = sg->seq;
		in.ack = sg->ack;
		in.flags = sg->flags;
		in.win = sg->win;
		in.seglen = sg->seglen;
		in.no_seglen = sg->no_seglen;
		in.in_error = pi->in_error;
		in.ws_shift = o && (sg->flags & TCPF_SYN) ? o->ws_shift : -1;
		in.opts_cut = o && o->truncated;
		/* (the one protocol whose announcements tshark's TCP sees) */
		in.announced = (sg->flags & (TCPF_SYN | TCPF_ACK)) == TCPF_SYN && ftp_data_find(d) != NULL;
		if (o) {
			in.nsack = o->nsack;
			memcpy(in.sack_le, o->sack_le, sizeof(in.sack_le));
			memcpy(in.sack_re, o->sack_re, sizeof(in.sack_re));
		}
		tcpconv_segment(d->sess->tcp, &in, pi->visited, r);
		return 1;
	}
	memset(r, 0, sizeof(*r));
	r->seq_rel = sg->seq;
	r->ack_rel = sg->ack;
	r->win_scale = -1;
	r->win_calc = sg->win;
	r->nxtseq_rel = sg->seq + sg->seglen + ((sg->flags & (TCPF_SYN | TCPF_FIN)) ? 1 : 0);
	return 0;
}

/* ---- the dissector, phase by phase ---- */

/* One segment while it is dissected. */
struct seg {
	struct dctx *d;
	struct pinfo *pi;
	struct dtree *t;
	uint32_t start, tn;		/* offset of the header; the TCP node */
	struct tcp_seg sg;
	uint8_t off;			/* the data offset byte as sent */
	uint16_t sum, urp;
	int have_seglen, have_conv;
	struct tcpconv_out r;
	/* The numbers shown: r's relative ones, or the raw ones
	 * (-o tcp.relative_sequence_numbers:FALSE) */
	int rel;
	uint32_t seq, ack, nxtseq;
	char flist[96];			/* "SYN, ACK" (flags_list) */
};

static void shown_numbers(struct seg *s)
{
	s->rel = dprefs.tcp_relative_seq;
	s->seq = s->rel ? s->r.seq_rel : s->sg.seq;
	s->ack = s->rel ? s->r.ack_rel : s->sg.ack;
	s->nxtseq = s->rel ? s->r.nxtseq_rel :
	    s->sg.seq + s->sg.seglen + ((s->sg.flags & (TCPF_SYN | TCPF_FIN)) ? 1 : 0);
}

/* The ports: pinfo, Info and the first items.  0 when they were not captured. */
static int ports_step(struct seg *s, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = s->pi;
	struct dtree *t = s->t;
	uint16_t sport, dport;

	pi_push_proto(pi, "tcp");
	col_set_proto(pi, "TCP");
	col_clear(pi);
	s->tn = tree_add(t, parent, &fields[T_PROTO], s->start, 20);
	sport = cur_be16(c);
	dport = cur_be16(c);
	if (!cur_ok(c)) {
		dissect_exhausted(s->d, s->tn, "TCP");
		return 0;
	}
	s->sg.sport = sport;
	s->sg.dport = dport;
	pi->ptype = PT_TCP;
	pi->srcport = sport;
	pi->dstport = dport;
	col_append_uint(pi, "", sport);
	col_append_uint(pi, " \xe2\x86\x92 ", dport);
	tree_label(t, s->tn, "Transmission Control Protocol, Src Port: %u, Dst Port: %u", sport, dport);
	tree_add_uint(t, s->tn, &fields[T_SRCPORT], s->start, 2, sport);
	tree_add_uint(t, s->tn, &fields[T_DSTPORT], s->start + 2, 2, dport);
	tree_flag(t, tree_add_uint(t, s->tn, &fields[T_PORT], s->start, 2, sport), TN_HIDDEN);
	tree_flag(t, tree_add_uint(t, s->tn, &fields[T_PORT], s->start + 2, 2, dport), TN_HIDDEN);
	return 1;
}

/* The rest of the fixed header and the segment length (ip_payload: the bytes the IP
 * layer declared).  0 when the header is cut or its length is bogus. */
static int header_step(struct seg *s, struct cur *c, size_t ip_payload)
{
	struct pinfo *pi = s->pi;
	struct tcp_seg *sg = &s->sg;
	uint16_t w;

	sg->seq = cur_be32(c);
	sg->ack = cur_be32(c);
	w = cur_be16(c);		/* data offset (4 bits) and the 12 flag bits */
	s->off = (uint8_t)(w >> 8);
	sg->flags = w & 0x0fff;
	sg->win = cur_be16(c);
	s->sum = cur_be16(c);
	s->urp = cur_be16(c);
	if (!cur_ok(c)) {
		dissect_exhausted(s->d, s->tn, "TCP");
		return 0;
	}
	sg->hlen = (uint32_t)(s->off >> 4) * 4;
	if (sg->hlen < 20) {
		uint32_t n = tree_add_uint(s->t, s->tn, &fields[T_HDR_LEN], s->start + 12, 1, sg->hlen);
		tree_label(s->t, n, "Header Length: %u bytes (%u) [bogus, must be at least 20]",
		    sg->hlen, s->off >> 4);
		col_append(pi, " [BOGUS TCP HEADER LENGTH %u, must be at least 20]", sg->hlen);
		dissect_malformed(s->d, n, "TCP", "bogus header length");
		return 0;
	}
	/* The IP layer clipped c to its payload; bytes it declares that the snapshot
	 * length cut count. */
	ip_payload += s->d->payload_cut;
	/* A segment quoted by an ICMP error shows raw numbers and no length (tshark) */
	s->have_seglen = ip_payload >= sg->hlen && !pi->in_error;
	sg->seglen = ip_payload >= sg->hlen ? (uint32_t)(ip_payload - sg->hlen) : 0;
	sg->no_seglen = !s->have_seglen;
	if (!pi->in_error) {
		pi->tcp_flags = sg->flags;
		pi->tcp_seglen = sg->seglen;
	}
	tree_set_len(s->t, s->tn, sg->hlen);
	return 1;
}

/* Protocol line, stream, lengths, sequence and acknowledgment numbers, header length. */
static void numbers_tree(struct seg *s)
{
	struct dtree *t = s->t;
	const struct tcp_seg *sg = &s->sg;
	const struct tcpconv_out *r = &s->r;
	uint32_t tn = s->tn, start = s->start, n;
	int rel = s->rel;

	if (tree_text(t)) {
		tree_label_append(t, tn, ", Seq: %u", s->seq);
		if (sg->flags & TCPF_ACK)
			tree_label_append(t, tn, ", Ack: %u", s->ack);
		if (s->have_seglen)
			tree_label_append(t, tn, ", Len: %u", sg->seglen);
	}
	if (s->have_conv) {
		if (!s->pi->in_error) {
			s->pi->stream_ptype = PT_TCP;
			s->pi->stream = r->stream;
		}
		tcp_gen_uint(t, tn, T_STREAM, start, r->stream);
		n = tcp_gen_uint(t, tn, T_COMPLETENESS, start, r->completeness);
		if (tree_text(t)) {
			const char *cs = val_to_str(r->completeness, completeness_vals);
			tree_label(t, n, "Conversation completeness: %s (%u)", cs ? cs : "Incomplete", r->completeness);
		}
	}
	if (s->have_seglen)
		tcp_gen_uint(t, tn, T_LEN, start, sg->seglen);
	n = tree_add_uint(t, tn, &fields[T_SEQ], start + 4, 4, s->seq);
	if (rel) {		/* -o tcp.relative_sequence_numbers:FALSE: the raw numbers alone */
		tree_label(t, n, "Sequence Number: %u    (relative sequence number)", s->seq);
		tree_add_uint(t, tn, &fields[T_SEQ_RAW], start + 4, 4, sg->seq);
	}
	if (s->have_seglen) {
		n = tcp_gen_uint(t, tn, T_NXTSEQ, start, s->nxtseq);
		if (rel)
			tree_label(t, n, "Next Sequence Number: %u    (relative sequence number)", s->nxtseq);
	}
	n = tree_add_uint(t, tn, &fields[T_ACK], start + 8, 4, s->ack);
	if ((sg->flags & TCPF_ACK) && rel)
		tree_label(t, n, "Acknowledgment Number: %u    (relative ack number)", s->ack);
	else if (!(sg->flags & TCPF_ACK) && sg->ack)
		tree_label(t, n, "Acknowledgment Number: 0x%08x [should be 0x00000000 because ACK flag is not set]", sg->ack);
	if (rel || !(sg->flags & TCPF_ACK))	/* (tshark shows a SYN's raw 0 either way) */
		tree_add_uint(t, tn, &fields[T_ACK_RAW], start + 8, 4, sg->ack);
	n = tree_add_uint(t, tn, &fields[T_HDR_LEN], start + 12, 1, sg->hlen);
	if (tree_text(t)) {
		char bits[16];
		struct field_def m = fields[T_HDR_LEN];
		m.mask = 0xf0;
		m.bits = 8;
		fv_bits(&m, s->off, bits, sizeof(bits));
		tree_label(t, n, "%s = Header Length: %u bytes (%u)", bits, sg->hlen, s->off >> 4);
	}
}

/* The expert note a flag bit's item carries (SYN, SYN+ACK, FIN, RST), if any. */
static void flag_expert(struct seg *s, int f, uint32_t b)
{
	uint16_t flags = s->sg.flags;
	char msg[96];

	if (f == T_F_SYN && (flags & TCPF_SYN)) {
		if (flags & TCPF_ACK) {
			snprintf(msg, sizeof(msg), "Connection establish acknowledge (SYN+ACK): server port %u", s->sg.sport);
			tcp_expert(s->d, b, T_C_SYNACK, SEV_CHAT, "Sequence", msg);
		} else {
			snprintf(msg, sizeof(msg), "Connection establish request (SYN): server port %u", s->sg.dport);
			tcp_expert(s->d, b, T_C_SYN, SEV_CHAT, "Sequence", msg);
		}
	} else if (f == T_F_FIN && (flags & TCPF_FIN))
		tcp_expert(s->d, b, T_C_FIN, SEV_CHAT, "Sequence", fields[T_C_FIN].name);
	else if (f == T_F_RESET && (flags & TCPF_RST))
		tcp_expert(s->d, b, T_C_RST, SEV_WARN, "Sequence", fields[T_C_RST].name);
}

/* The flags item, its bits and letters (s->flist filled for Info too). */
static void flags_tree(struct seg *s)
{
	struct dtree *t = s->t;
	uint16_t flags = s->sg.flags;
	uint32_t at = s->start + 12, n;

	s->flist[0] = '\0';
	if (s->pi->want_cols || tree_text(t))
		flags_list(flags, s->flist);
	n = tree_add_uint(t, s->tn, &fields[T_FLAGS], at, 2, flags);
	tree_label(t, n, "Flags: 0x%03x (%s)", flags, s->flist[0] ? s->flist : "<None>");
	/* each over the byte holding its bit, as tshark's (PDML positions) */
	for (int f = T_F_RES, last = flag_bits_wanted(t) ? T_F_FIN : 0; f <= last; f++)
		flag_expert(s, f, tree_add_uint(t, n, &fields[f], fields[f].mask & 0xf00 ? at : at + 1,
		    1, flags));
	if (tree_wants(t, &fields[T_F_STR])) {
		char str[TCP_FLAGS_STR_MAX];
		uint32_t k = tcp_flags_str(flags, str);
		n = tree_add_bytes(t, n, &fields[T_F_STR], at, 2, tree_keep(t, str, k), k);
		tree_flag(t, n, TN_GENERATED | TN_CLEAN);
	}
	if (s->have_conv && s->r.fin_closing) {	/* under the letters, as tshark 4.0 */
		int f = s->r.fin_closing == 1 ? T_C_FIN_ACTIVE : T_C_FIN_PASSIVE;
		tcp_expert(s->d, n, f, SEV_NOTE, "Sequence", fields[f].name);
	}
}

/* Window, scaling factor, checksum, urgent pointer. */
static void window_tree(struct seg *s)
{
	struct dtree *t = s->t;
	uint32_t tn = s->tn, start = s->start, n;

	tree_add_uint(t, tn, &fields[T_WIN_VALUE], start + 14, 2, s->sg.win);
	tcp_gen_uint_len(t, tn, T_WIN, start + 14, 2, s->r.win_calc);
	if (s->have_conv && !(s->sg.flags & TCPF_SYN)) {
		int32_t sf = s->r.win_scale >= 0 ? (int32_t)1 << s->r.win_scale : s->r.win_scale;
		n = tree_add_int(t, tn, &fields[T_WIN_SCALE], start + 14, 2, sf);
		tree_flag(t, n, TN_GENERATED);
		if (sf == -1)
			tree_label(t, n, "Window size scaling factor: -1 (unknown)");
		else if (sf == -2)
			tree_label(t, n, "Window size scaling factor: -2 (no window scaling used)");
	}
	dissect_checksum(s->d, tn, &fields[T_CHECKSUM], &fields[T_CHECKSUM_STATUS], start + 16, s->sum, CKSUM_UNVERIFIED);
	tree_add_uint(t, tn, &fields[T_URGENT], start + 18, 2, s->urp);
}

/* Info after the ports: flags and numbers. */
static void info_step(struct seg *s)
{
	struct pinfo *pi = s->pi;

	col_append_str(pi, " [");
	col_append_str(pi, s->flist[0] ? s->flist : "<None>");
	col_append_uint(pi, "] Seq=", s->seq);
	if (s->sg.flags & TCPF_ACK)
		col_append_uint(pi, " Ack=", s->ack);
	col_append_uint(pi, " Win=", s->r.win_calc);
	if (s->sg.flags & TCPF_URG)
		col_append_uint(pi, " Urg=", s->urp);
	if (s->have_seglen)
		col_append_uint(pi, " Len=", s->sg.seglen);
}

/* The options' subtree and Info text, when anything wants them. */
static void options_step(struct seg *s, const struct tcp_opts *o)
{
	struct tcp_opt_text txt;
	uint32_t sack_base;

	if (!(s->pi->want_cols || tree_text(s->t) || tcp_opt_wanted(s->t)))
		return;
	txt.text = s->pi->want_cols || tree_text(s->t);
	txt.label = tree_text(s->t);
	txt.ilen = txt.nlen = 0;
	txt.info[0] = txt.names[0] = '\0';
	sack_base = s->rel && s->have_conv && (s->sg.flags & TCPF_ACK) ? s->sg.ack - s->r.ack_rel : 0;
	tcp_opt_tree(s->d, s->tn, o, s->sg.flags, s->sg.ack, sack_base, s->rel, &txt);
	col_append_str(s->pi, txt.info);
}

/* The payload: noted for -z follow,tcp, offered to the protocols over TCP, else data. */
static void payload_step(struct seg *s, struct cur *c, uint32_t parent)
{
	struct dctx *d = s->d;
	const struct tcpconv_out *r = &s->r;
	uint32_t seglen = s->sg.seglen, n;
	struct cur payload = cur_sub(c, seglen, NULL);
	uint32_t poff = cur_off(&payload), avail = (uint32_t)cur_left(&payload);
	struct tcp_payload_info ti;

	if (s->have_conv && d->sess && d->sess->reasm && !s->pi->in_error) {
		struct reasm_tcp_note note = { s->pi->num, r->stream, r->seq_rel, r->ack_rel,
		    r->dir, r->ack_rel_valid, avail ? payload.p : NULL, seglen ? avail : 0 };
		reasm_note_tcp(d->sess->reasm, &note);
	}
	cur_skip(c, cur_left(c));
	/* A FIN without data is offered too: it ends PDUs that run until close. */
	if (!((seglen && avail) || (!seglen && (s->sg.flags & TCPF_FIN) && s->have_conv)))
		return;
	if (avail) {
		n = tree_add_bytes(s->t, s->tn, &fields[T_PAYLOAD], poff, avail, payload.p, avail);
		/* tshark counts the segment's bytes, captured or not */
		tree_label(s->t, n, "TCP payload (%u byte%s)", seglen, seglen == 1 ? "" : "s");
	}
	memset(&ti, 0, sizeof(ti));
	ti.stream = r->stream;
	ti.dir = r->dir;
	ti.seq = r->seq_rel;
	ti.nxtseq = r->seq_rel + seglen;
	ti.seq_raw = s->sg.seq;
	ti.srcport = s->sg.sport;
	ti.dstport = s->sg.dport;
	ti.flags = (uint8_t)s->sg.flags;
	ti.retransmission = (r->aflags & (TCPA_RETRANSMISSION | TCPA_FAST_RETRANSMISSION |
	    TCPA_SPURIOUS_RETRANSMISSION)) != 0;
	ti.tcp_node = s->tn;
	ti.out_of_order = (r->aflags & TCPA_OUT_OF_ORDER) != 0;
	ti.no_subdissector = (r->aflags & (TCPA_RETRANSMISSION |
	    TCPA_SPURIOUS_RETRANSMISSION | TCPA_KEEP_ALIVE)) != 0;
	/* desegmentation keeps frame offsets: a segment inside a reassembled IP datagram
	 * (another data source) is shown as data */
	if (!d->frame || payload.p < d->frame || payload.p > d->frame + d->pi->caplen ||
	    s->pi->in_error)	/* (an ICMP error's quote: not the stream's reassembly) */
		ti.no_subdissector = 1;
	if (ti.out_of_order && !ti.no_subdissector && !outside_pdu_ok(d, &ti))
		return;		/* tshark dissects none outside the PDU being put together */
	if (d->headers_only || try_payload(d, &payload, &ti) || !avail)
		return;
	if (r->aflags & TCPA_SPURIOUS_RETRANSMISSION)
		return;		/* tshark shows nothing of an already-acknowledged segment's data */
	if ((ti.retransmission && s->have_conv) || restarts_pdu(d, &ti)) {
		n = tree_add_bytes(s->t, s->tn, &fields[T_SEGMENT_DATA], poff, avail, payload.p, avail);
		tree_label(s->t, n, "Retransmitted TCP segment data (%u byte%s)", seglen,
		    seglen == 1 ? "" : "s");
	} else
		dissect_data(d, &payload, parent);
}

/* The stream's [Timestamps] (the SEQ/ACK analysis comes after the options' walk). */
static void times_tree(struct seg *s)
{
	uint32_t ts = tree_add_text(s->t, s->tn, s->start, 0, "Timestamps");

	tree_flag(s->t, ts, TN_GENERATED);
	tcp_gen_time(s->t, ts, T_TIME_REL, s->r.time_rel);
	tcp_gen_time(s->t, ts, T_TIME_DELTA, s->r.time_delta);
}

/* The netlab subtree: the endpoint states after this segment. */
static void states_tree(struct seg *s)
{
	struct dtree *t = s->t;
	uint32_t nl = tree_add(t, s->tn, &fields[T_NETLAB], 0, 0), n;
	const char *cs = tcpstate_name(s->r.client_state), *ss = tcpstate_name(s->r.server_state);

	tree_flag(t, nl, TN_GENERATED);
	tree_label(t, nl, "netlab: client %s, server %s", cs, ss);
	n = tree_add_bytes(t, nl, &fields[T_CLIENT_STATE], 0, 0, (const uint8_t *)cs, (uint32_t)strlen(cs));
	tree_flag(t, n, TN_GENERATED);
	n = tree_add_bytes(t, nl, &fields[T_SERVER_STATE], 0, 0, (const uint8_t *)ss, (uint32_t)strlen(ss));
	tree_flag(t, n, TN_GENERATED);
}

void dissect_tcp(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct seg s;
	struct tcp_opts o;
	size_t ip_payload = cur_left(c);
	uint32_t optlen;

	s.d = d;
	s.pi = d->pi;
	s.t = d->tree;
	s.start = cur_off(c);
	if (!ports_step(&s, c, parent) || !header_step(&s, c, ip_payload))
		return;
	optlen = s.sg.hlen - 20;
	if (optlen)
		tcp_opt_parse(c, optlen, &o);
	s.have_conv = tcp_analyse(d, &s.sg, optlen ? &o : NULL, &s.r);
	shown_numbers(&s);
	numbers_tree(&s);
	flags_tree(&s);
	window_tree(&s);
	info_step(&s);
	if (optlen)
		options_step(&s, &o);
	if (s.have_conv && dprefs.tcp_calc_timestamps)
		times_tree(&s);
	if (optlen && (o.truncated || o.have < optlen)) {
		/* tshark's exception in the options: the analysis and payload never come */
		dissect_exhausted(d, s.tn, "TCP");
		return;
	}
	cur_skip(c, optlen);
	if (s.have_conv)
		tcp_analysis_tree(d, s.tn, &s.r);
	payload_step(&s, c, parent);
	if (s.have_conv)
		states_tree(&s);
}
