/* icmp.c — Internet Control Message Protocol for IPv4 (RFC 792, 950, 1256, 8335).
 *
 *    0                   1                   2                   3
 *   +---------------+---------------+-------------------------------+
 *   |     Type      |     Code      |          Checksum             |
 *   +---------------+---------------+-------------------------------+
 *   |  rest of header (identifier/sequence, gateway, unused …)      |
 *   +---------------------------------------------------------------+
 *   |  data: for errors, the IP header + 8 bytes of the offending packet
 *
 * Errors (unreachable, redirect, time exceeded, parameter problem, source quench)
 * quote the datagram that caused them; it is dissected as IP again inside the ICMP node
 * (icmp_quoted), with the columns and addresses of the outer packet kept, as Wireshark
 * does.  The checksum is verified when the whole message was captured.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dissect/fvalue.h"
#include "dissect/protos.h"

static void dissect_icmp(struct dctx *d, struct cur *c, uint32_t parent);

enum {
	C_PROTO, C_TYPE, C_CODE, C_CHECKSUM, C_CHECKSUM_STATUS, C_UNUSED, C_IDENT, C_IDENT_LE,
	C_SEQ, C_SEQ_LE, C_MTU, C_GW, C_POINTER, C_ORIG_TS, C_RECV_TS, C_XMIT_TS, C_MASK,
	C_NUM_ADDRS, C_ENTRY_SIZE, C_LIFETIME, C_ROUTER, C_PREF, C_RESERVED,
	C_RESP_IN, C_RESP_TO, C_NO_RESP, C_RESPTIME, C_DATA_TIME, C_DATA_TIME_REL,
	C_EXT, C_EXT_VERSION, C_EXT_RES, C_EXT_CHECKSUM, C_EXT_CHECKSUM_STATUS, C_EXT_LENGTH,
	C_EXT_CLASS, C_EXT_CTYPE, C_MPLS_LABEL, C_MPLS_EXP, C_MPLS_S, C_MPLS_TTL,
};

static const struct val_str ext_class_vals[] = {
	{ 1, "MPLS Label Stack Class" }, { 2, "Interface Information Object" },
	{ 3, "Interface Identification Object" }, { 0, NULL }
};

static const struct val_str type_vals[] = {
	{ 0, "Echo (ping) reply" }, { 1, "Reserved" }, { 2, "Reserved" },
	{ 3, "Destination unreachable" }, { 4, "Source quench (flow control)" }, { 5, "Redirect" },
	{ 6, "Alternate host address" }, { 8, "Echo (ping) request" }, { 9, "Router advertisement" },
	{ 10, "Router solicitation" }, { 11, "Time-to-live exceeded" }, { 12, "Parameter problem" },
	{ 13, "Timestamp request" }, { 14, "Timestamp reply" }, { 15, "Information request" },
	{ 16, "Information reply" }, { 17, "Address mask request" }, { 18, "Address mask reply" },
	{ 19, "Reserved (for security)" }, { 30, "Traceroute" }, { 31, "Datagram Conversion Error" },
	{ 32, "Mobile Host Redirect" }, { 33, "IPv6 Where-Are-You" }, { 34, "IPv6 I-Am-Here" },
	{ 35, "Mobile Registration Request" }, { 36, "Mobile Registration Reply" },
	{ 37, "Domain Name Request" }, { 38, "Domain Name Reply" }, { 39, "SKIP" }, { 40, "Photuris" },
	{ 41, "Experimental mobility protocols" }, { 42, "Extended Echo request" },
	{ 43, "Extended Echo reply" }, { 0, NULL }
};
static const struct val_str unreach_codes[] = {
	{ 0, "Network unreachable" }, { 1, "Host unreachable" }, { 2, "Protocol unreachable" },
	{ 3, "Port unreachable" }, { 4, "Fragmentation needed" }, { 5, "Source route failed" },
	{ 6, "Destination network unknown" }, { 7, "Destination host unknown" },
	{ 8, "Source host isolated" }, { 9, "Network administratively prohibited" },
	{ 10, "Host administratively prohibited" }, { 11, "Network unreachable for TOS" },
	{ 12, "Host unreachable for TOS" }, { 13, "Communication administratively filtered" },
	{ 14, "Host precedence violation" }, { 15, "Precedence cutoff in effect" }, { 0, NULL }
};
static const struct val_str redirect_codes[] = {
	{ 0, "Redirect for network" }, { 1, "Redirect for host" },
	{ 2, "Redirect for TOS and network" }, { 3, "Redirect for TOS and host" }, { 0, NULL }
};
static const struct val_str ttl_codes[] = {
	{ 0, "Time to live exceeded in transit" }, { 1, "Fragment reassembly time exceeded" },
	{ 0, NULL }
};
static const struct val_str par_codes[] = {
	{ 0, "IP header bad" }, { 1, "Required option missing" }, { 2, "Bad length" }, { 0, NULL }
};
static const struct val_str rtradv_codes[] = {
	{ 0, "Normal router advertisement" }, { 16, "Does not route common traffic" }, { 0, NULL }
};
static const struct val_str ext_echo_req_codes[] = { { 0, "No error" }, { 0, NULL } };
static const struct val_str ext_echo_reply_codes[] = {
	{ 0, "No error" }, { 1, "Malformed Query" }, { 2, "No Such Interface" },
	{ 3, "No Such Table Entry" }, { 4, "Multiple Interfaces Satisfy Query" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[C_PROTO] = { "icmp", "Internet Control Message Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"IPv4's control messages: ping (echo), unreachable, time exceeded (traceroute).", 0 },
	[C_TYPE] = { "icmp.type", "Type", FT_UINT8, BASE_DEC, 0, 0, type_vals,
		"8 bits: kind of message (8 echo request, 0 echo reply, 3 unreachable, 11 time exceeded).", 0 },
	[C_CODE] = { "icmp.code", "Code", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: detail within the type (for unreachable: 3 = port unreachable).", 0 },
	[C_CHECKSUM] = { "icmp.checksum", "Checksum", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: ones' complement sum over the whole ICMP message.", 0 },
	[C_CHECKSUM_STATUS] = { "icmp.checksum.status", "Checksum Status", FT_UINT8, BASE_NONE, 0, 0, checksum_status_vals,
		"Whether the checksum matched the message.", 0 },
	[C_UNUSED] = { "icmp.unused", "Unused", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"4 bytes of an error message that carry nothing.", 0 },
	[C_IDENT] = { "icmp.ident", "Identifier (BE)", FT_UINT16, BASE_DEC_HEX, 0, 0, NULL,
		"16 bits: matches replies to requests (often the pinging process id), read big-endian.", 0 },
	[C_IDENT_LE] = { "icmp.ident_le", "Identifier (LE)", FT_UINT16, BASE_DEC_HEX, 0, 0, NULL,
		"The same identifier read little-endian (Windows writes it that way).", 0 },
	[C_SEQ] = { "icmp.seq", "Sequence Number (BE)", FT_UINT16, BASE_DEC_HEX, 0, 0, NULL,
		"16 bits: counts the pings, read big-endian.", 0 },
	[C_SEQ_LE] = { "icmp.seq_le", "Sequence Number (LE)", FT_UINT16, BASE_DEC_HEX, 0, 0, NULL,
		"The same sequence number read little-endian.", 0 },
	[C_MTU] = { "icmp.mtu", "MTU of next hop", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Largest packet the next link takes (fragmentation needed, path MTU discovery).", 0 },
	[C_GW] = { "icmp.redir_gw", "Gateway Address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"Router a redirect tells the host to use instead.", 0 },
	[C_POINTER] = { "icmp.pointer", "Pointer", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Byte of the quoted header where the problem is.", 0 },
	[C_ORIG_TS] = { "icmp.originate_timestamp", "Originate Timestamp", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Milliseconds since midnight UT when the request was sent.", 0 },
	[C_RECV_TS] = { "icmp.receive_timestamp", "Receive Timestamp", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Milliseconds since midnight UT when the request arrived.", 0 },
	[C_XMIT_TS] = { "icmp.transmit_timestamp", "Transmit Timestamp", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Milliseconds since midnight UT when the reply was sent.", 0 },
	[C_MASK] = { "icmp.address_mask", "Address Mask", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"Subnet mask (address mask reply).", 0 },
	[C_NUM_ADDRS] = { "icmp.num_addrs", "Number of addresses", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Router addresses in this advertisement.", 0 },
	[C_ENTRY_SIZE] = { "icmp.addr_entry_size", "Address entry size", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"32-bit words per address entry.", 0 },
	[C_LIFETIME] = { "icmp.lifetime", "Lifetime", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Seconds the advertised addresses stay valid.", 0 },
	[C_ROUTER] = { "icmp.router_address", "Router address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"An advertised router address.", 0 },
	[C_PREF] = { "icmp.pref_level", "Preference level", FT_INT32, BASE_DEC, 0, 0, NULL,
		"Preference of the router as a default router.", 0 },
	[C_RESERVED] = { "icmp.reserved", "Reserved", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Must be zero.", 0 },
	[C_RESP_IN] = { "icmp.resp_in", "Response frame", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"The frame with the echo reply to this request.", 0 },
	[C_RESP_TO] = { "icmp.resp_to", "Request frame", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"The frame with the echo request this reply answers.", 0 },
	[C_NO_RESP] = { "icmp.no_resp", "No response seen", FT_NONE, BASE_NONE, 0, 0, NULL,
		"No echo reply to this request is in the capture (lost, filtered, or the host is down).", 0 },
	[C_RESPTIME] = { "icmp.resptime", "Response time", FT_DOUBLE, BASE_NONE, 0, 0, NULL,
		"Milliseconds between the request and its reply: the round-trip time ping prints.", 0 },
	[C_DATA_TIME] = { "icmp.data_time", "Timestamp from icmp data", FT_ABSOLUTE_TIME, BASE_NONE, 0, 0, NULL,
		"When ping sent the request: the timeval it puts at the start of the data.", 0 },
	[C_DATA_TIME_REL] = { "icmp.data_time_relative", "Timestamp from icmp data (relative)", FT_RELATIVE_TIME,
		BASE_NONE, 0, 0, NULL, "The capture time minus that timestamp.", 0 },
	[C_EXT] = { "icmp.ext", "ICMP Multi-Part Extensions", FT_NONE, BASE_NONE, 0, 0, NULL,
		"RFC 4884 extension objects after the quoted datagram (MPLS labels, interfaces).", 0 },
	[C_EXT_VERSION] = { "icmp.ext.version", "Version", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"4 bits: 2.", 0 },
	[C_EXT_RES] = { "icmp.ext.res", "Reserved", FT_UINT16, BASE_HEX, 0xfff, 16, NULL,
		"12 bits, zero.", 0 },
	[C_EXT_CHECKSUM] = { "icmp.ext.checksum", "Checksum", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: Internet checksum of the extension structure.", 0 },
	[C_EXT_CHECKSUM_STATUS] = { "icmp.ext.checksum.status", "Checksum Status", FT_UINT8, BASE_NONE, 0, 0,
		checksum_status_vals, "Whether the extension checksum matched.", 0 },
	[C_EXT_LENGTH] = { "icmp.ext.length", "Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: bytes of this object, its 4-byte header included.", 0 },
	[C_EXT_CLASS] = { "icmp.ext.class", "Class", FT_UINT8, BASE_DEC, 0, 0, ext_class_vals,
		"8 bits: what the object describes (1 MPLS label stack).", 0 },
	[C_EXT_CTYPE] = { "icmp.ext.ctype", "C-Type", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: the object's format within its class.", 0 },
	[C_MPLS_LABEL] = { "icmp.mpls.label", "Label", FT_UINT24, BASE_DEC, 0xfffff0, 24, NULL,
		"20 bits: the MPLS label the expired packet carried.", 0 },
	[C_MPLS_EXP] = { "icmp.mpls.exp", "Experimental", FT_UINT24, BASE_DEC, 0xe, 24, NULL,
		"3 bits: traffic class.", 0 },
	[C_MPLS_S] = { "icmp.mpls.s", "Stack bit", FT_BOOLEAN, BASE_NONE, 0x1, 24, NULL,
		"Set on the bottom entry of the label stack.", 0 },
	[C_MPLS_TTL] = { "icmp.mpls.ttl", "Time to live", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: the label's TTL.", 0 },
};
static const struct field_table icmp_table = REG_TABLE(fields);
static const struct handoff icmp_handoffs[] = {
	{ HO_IPPROTO, 1, .fn = dissect_icmp },
};
const struct proto_reg icmp_proto = REG_PROTO(icmp_table, icmp_handoffs);
static const struct field_def *const echo_fields[4] = {
	&fields[C_RESP_IN], &fields[C_RESP_TO], &fields[C_NO_RESP], &fields[C_RESPTIME],
};

/* Internet checksum (RFC 1071) of p[0..n) added to a partial sum. */
static uint16_t inet_cksum(const uint8_t *p, size_t n, uint32_t sum)
{
	const struct cur c = cur_make(p, n);
	return cur_csum_fold(cur_csum_add(sum, &c));
}

void icmp_quoted(struct dctx *d, struct cur *c, uint32_t parent, int v6)
{
	struct pinfo *pi = d->pi;
	struct pinfo save = *pi;

	pi->in_error = 1;
	uint32_t used = d->payload_used;
	int used_set = d->payload_used_set;
	if (v6)
		dissect_ipv6(d, c, parent);
	else
		dissect_ipv4(d, c, parent);
	d->payload_used = used;
	d->payload_used_set = used_set;
	/* The outer packet keeps its columns, addresses and ports; the protocol chain and
	 * the malformed mark are the inner packet's too. */
	int np = pi->nprotos, mal = pi->malformed;
	const char *malp = pi->malformed_proto;
	const char *protos[PI_MAX_PROTOS];
	memcpy(protos, pi->protos, sizeof(protos));
	*pi = save;
	memcpy(pi->protos, protos, sizeof(protos));
	pi->nprotos = np;
	pi->malformed = mal;
	pi->malformed_proto = malp;
}

/* One message being dissected: what its body dissector needs of the header. */
struct icmp_msg {
	uint32_t node, at;	/* ICMP tree node; frame offset of the rest of the header */
	uint8_t type, code;
	uint16_t sum;
};

/* Seconds within a day of the frame's (32-bit arithmetic, as Wireshark's abs()). */
static int near(uint32_t secs, int64_t frame_secs)
{
	int32_t diff = (int32_t)(secs - (uint32_t)frame_secs);

	return diff > -86400 && diff < 86400;
}

/* The timeval ping puts at the start of echo data, as Wireshark guesses it: 32-bit
 * seconds and microseconds, big-endian else little-endian, taken when the seconds are
 * within a day of the frame's and the microseconds below a million. */
static void data_time(struct dctx *d, struct cur *c, uint32_t node)
{
	struct cur p = *c;
	uint32_t secs = cur_be32(&p), usecs = cur_be32(&p);
	int64_t fsecs = d->pi->ts / 1000000000;

	if (d->pi->ts % 1000000000 < 0)
		fsecs--;
	if (!near(secs, fsecs) || usecs >= 1000000) {
		p = *c;
		secs = cur_le32(&p);
		usecs = cur_le32(&p);
	}
	if (!near(secs, fsecs) || usecs >= 1000000)
		return;
	int64_t ts = (int64_t)secs * 1000000000 + (int64_t)usecs * 1000;
	uint32_t off = cur_off(c);
	tree_add_time(d->tree, node, &fields[C_DATA_TIME], off, 8, ts);
	tree_flag(d->tree, tree_add_time(d->tree, node, &fields[C_DATA_TIME_REL], off, 8, d->pi->ts - ts),
	    TN_GENERATED);
	cur_skip(c, 8);
}

/* Wireshark's get_best_guess_mstimeofday: milliseconds since midnight UTC, big- or
 * little-endian (RFC 792's non-standard flag bit cleared), whichever is a time of day,
 * or when both are, nearer to the frame's. */
static uint32_t guess_ms_of_day(uint32_t be, uint32_t le, uint32_t frame_ms)
{
	const uint32_t day = 86400000;

	be &= 0x7fffffff;
	le &= 0x7fffffff;
	if (be < day && le >= day)
		return be;
	if (le < day && be >= day)
		return le;
	if (be < day && le < day) {
		uint32_t b = be, l = le;
		if (b < frame_ms && b <= day / 4 && frame_ms >= day - day / 4)
			b += day;
		if (l < frame_ms && l <= day / 4 && frame_ms >= day - day / 4)
			l += day;
		int64_t db = (int64_t)b - frame_ms, dl = (int64_t)l - frame_ms;
		return (db < 0 ? -db : db) < (dl < 0 ? -dl : dl) ? be : le;
	}
	return be - frame_ms < le - frame_ms ? be : le;
}

/* One 32-bit timestamp of a Timestamp message, its time of day guessed as tshark does. */
static void ms_of_day(struct dctx *d, uint32_t node, struct cur *c, const struct field_def *f)
{
	uint32_t at = cur_off(c), be = cur_peek_be32(c, 0);
	struct cur le = *c;
	uint32_t lev = cur_le32(&le);
	int64_t day_ns = d->pi->ts % 86400000000000LL;
	char span[96];

	cur_skip(c, 4);
	if (!cur_ok(c))
		return;
	if (day_ns < 0)
		day_ns += 86400000000000LL;
	uint32_t ms = guess_ms_of_day(be, lev, (uint32_t)(day_ns / 1000000));
	uint32_t n = tree_add_uint(d->tree, node, f, at, 4, be);
	if (tree_text(d->tree)) {
		fv_time_span(ms / 1000, (int)(ms % 1000), span, sizeof(span));
		tree_label(d->tree, n, "%s: %u (%s after midnight UTC)", f->name, be, span);
	}
}

/* Echo, timestamp, information and address mask (request and reply) and extended
 * echo: identifier and sequence number first. */
static void body_echo(struct dctx *d, struct cur *c, const struct icmp_msg *m)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t node = m->node, at = m->at;
	uint8_t type = m->type;
	uint16_t id = cur_be16(c), seq = cur_be16(c);

	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "ICMP");
		return;
	}
	uint16_t idle = (uint16_t)(id >> 8 | id << 8), seqle = (uint16_t)(seq >> 8 | seq << 8);
	tree_add_uint(t, node, &fields[C_IDENT], at, 2, id);
	tree_add_uint(t, node, &fields[C_IDENT_LE], at, 2, idle);
	tree_add_uint(t, node, &fields[C_SEQ], at + 2, 2, seq);
	tree_add_uint(t, node, &fields[C_SEQ_LE], at + 2, 2, seqle);
	if (type != 42 && type != 43)
		col_append(pi, " id=0x%04x, seq=%u/%u, ttl=%u", id, seq, seqle, pi->ip_ttl);
	if (type == 0 || type == 8)
		icmp_echo_track(d, node, 0, type == 0, m->sum, id, seq, echo_fields);
	if (type == 13 || type == 14) {
		for (int f = C_ORIG_TS; f <= C_XMIT_TS; f++)
			ms_of_day(d, node, c, &fields[f]);
	} else if (type == 17 || type == 18) {
		uint8_t mask[4];
		cur_bytes(c, mask, 4);
		if (cur_ok(c))
			tree_add_addr(t, node, &fields[C_MASK], at + 4, 4, mask);
	}
	if ((type == 0 || type == 8) && cur_left(c) > 8)
		data_time(d, c, node);
	/* Extended echo (RFC 8335) carries ICMP extension objects, not data. */
	if (type == 42 || type == 43)
		cur_skip(c, cur_left(c));
	else if (cur_ok(c))
		dissect_data(d, c, node);
}

/* RFC 4884 extensions after a quoted datagram: in the compatibility form routers use
 * (length byte 0), when the message is longer than 8 + 128 bytes and the quoted datagram
 * fits in 128, the structure starts 128 bytes after the header, as tshark decodes it.
 * MPLS label stack objects (RFC 4950) are shown; other objects end the walk. */
static void extensions(struct dctx *d, uint32_t node, struct cur ext)
{
	struct dtree *t = d->tree;
	uint32_t at = cur_off(&ext);
	const struct cur whole = ext;
	uint8_t vr = cur_peek(&ext, 0);
	uint16_t res = (uint16_t)(cur_peek_be16(&ext, 0) & 0xfff), sum = cur_peek_be16(&ext, 2);

	if (!cur_has(&ext, 4))
		return;
	uint32_t en = tree_add(t, node, &fields[C_EXT], at, (uint32_t)cur_left(&ext));
	tree_add_uint(t, en, &fields[C_EXT_VERSION], at, 1, vr >> 4);
	tree_add_uint(t, en, &fields[C_EXT_RES], at, 2, res);
	dissect_checksum(d, en, &fields[C_EXT_CHECKSUM], &fields[C_EXT_CHECKSUM_STATUS], at + 2, sum,
	    inet_cksum(whole.p, cur_left(&whole), 0) == 0 ? sum : cur_csum_field(0, &whole, 2));
	cur_skip(&ext, 4);
	while (cur_has(&ext, 4)) {
		uint32_t oat = cur_off(&ext);
		uint16_t olen = cur_peek_be16(&ext, 0);
		uint8_t cls = cur_peek(&ext, 2), ctype = cur_peek(&ext, 3);
		if (cls != 1 || olen < 4 || !cur_has(&ext, olen))
			return;
		uint32_t on = tree_add_text(t, en, oat, olen, "MPLS Stack Entry");
		tree_add_uint(t, on, &fields[C_EXT_LENGTH], oat, 2, olen);
		tree_add_uint(t, on, &fields[C_EXT_CLASS], oat + 2, 1, cls);
		tree_add_uint(t, on, &fields[C_EXT_CTYPE], oat + 3, 1, ctype);
		for (uint32_t e = oat + 4; e + 4 <= oat + olen; e += 4) {
			uint32_t v = cur_peek_be32(&ext, e - oat);
			uint32_t ln = tree_add_text(t, on, e, 4, "Label: %u, Exp: %u, S: %u, TTL: %u", v >> 12,
			    (v >> 9) & 7, (v >> 8) & 1, v & 0xff);
			tree_add_uint(t, ln, &fields[C_MPLS_LABEL], e, 3, v >> 8);
			tree_add_uint(t, ln, &fields[C_MPLS_EXP], e, 3, v >> 8);
			tree_add_uint(t, ln, &fields[C_MPLS_S], e, 3, v >> 8);
			tree_add_uint(t, ln, &fields[C_MPLS_TTL], e + 3, 1, v & 0xff);
		}
		cur_skip(&ext, olen);
	}
}

/* Unreachable, source quench, redirect, time exceeded, parameter problem: four bytes,
 * then the datagram that caused the error. */
static void body_error(struct dctx *d, struct cur *c, const struct icmp_msg *m)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t node = m->node, at = m->at;

	if (!cur_has(c, 4)) {
		dissect_exhausted(d, node, "ICMP");
		return;
	}
	if (m->type == 5) {
		tree_add_addr(t, node, &fields[C_GW], at, 4, c->p);
	} else if (m->type == 12) {
		tree_add_uint(t, node, &fields[C_POINTER], at, 1, cur_peek(c, 0));
		tree_add_bytes(t, node, &fields[C_UNUSED], at + 1, 3, c->p + 1, 3);
	} else if (m->type == 3 && m->code == 4) {
		tree_add_bytes(t, node, &fields[C_UNUSED], at, 2, c->p, 2);
		tree_add_uint(t, node, &fields[C_MTU], at + 2, 2, cur_peek_be16(c, 2));
	} else
		tree_add_bytes(t, node, &fields[C_UNUSED], at, 4, c->p, 4);
	cur_skip(c, 4);
	if (!cur_left(c) && pi->caplen < pi->len) {
		dissect_exhausted(d, node, "ICMP");
		return;
	}
	if (cur_left(c) && !pi->in_error && cur_peek(c, 0) >> 4 == 4) {
		struct cur ext = cur_at(c, 128);
		int has_ext = (m->type == 3 || m->type == 11 || m->type == 12) && cur_left(c) > 128 &&
		    cur_peek_be16(c, 2) <= 128;
		icmp_quoted(d, c, node, 0);
		if (has_ext)
			extensions(d, node, ext);
	} else
		dissect_data(d, c, node);
}

static void body_rtradv(struct dctx *d, struct cur *c, const struct icmp_msg *m)
{
	struct dtree *t = d->tree;
	uint32_t node = m->node, at = m->at;
	uint8_t na = cur_u8(c), es = cur_u8(c);
	uint16_t life = cur_be16(c);

	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "ICMP");
		return;
	}
	tree_add_uint(t, node, &fields[C_NUM_ADDRS], at, 1, na);
	tree_add_uint(t, node, &fields[C_ENTRY_SIZE], at + 1, 1, es);
	uint32_t ln = tree_add_uint(t, node, &fields[C_LIFETIME], at + 2, 2, life);
	if (tree_text(t)) {
		char span[96];
		fv_time_span(life, -1, span, sizeof(span));
		tree_label(t, ln, "Lifetime: %u (%s)", life, span);
	}
	for (unsigned i = 0; i < na && cur_has(c, 8); i++) {
		uint32_t o = cur_off(c);
		tree_add_addr(t, node, &fields[C_ROUTER], o, 4, cur_ptr(c, 4));
		tree_add_int(t, node, &fields[C_PREF], o + 4, 4, (int32_t)cur_be32(c));
	}
	dissect_data(d, c, node);
}

static void body_rtsol(struct dctx *d, struct cur *c, const struct icmp_msg *m)
{
	/* the 4 reserved bytes: tshark 4.0 shows nothing for them */
	if (cur_has(c, 4))
		cur_skip(c, 4);
	dissect_data(d, c, m->node);
}

static void body_data(struct dctx *d, struct cur *c, const struct icmp_msg *m)
{
	dissect_data(d, c, m->node);
}

/* Per type: its code names and the dissector of what follows the checksum (as
 * packet-icmp.c's value_string tables and type switch). */
static const struct icmp_type {
	uint8_t type;
	const struct val_str *codes;
	void (*body)(struct dctx *d, struct cur *c, const struct icmp_msg *m);
} icmp_types[] = {
	{ 0, NULL, body_echo }, { 3, unreach_codes, body_error }, { 4, NULL, body_error },
	{ 5, redirect_codes, body_error }, { 8, NULL, body_echo }, { 9, rtradv_codes, body_rtradv },
	{ 10, NULL, body_rtsol }, { 11, ttl_codes, body_error }, { 12, par_codes, body_error },
	{ 13, NULL, body_echo }, { 14, NULL, body_echo }, { 15, NULL, body_echo },
	{ 16, NULL, body_echo }, { 17, NULL, body_echo }, { 18, NULL, body_echo },
	{ 42, ext_echo_req_codes, body_echo }, { 43, ext_echo_reply_codes, body_echo },
};

static const struct icmp_type *icmp_type(uint8_t type)
{
	static const struct icmp_type other = { 0, NULL, body_data };

	for (size_t i = 0; i < sizeof(icmp_types) / sizeof(icmp_types[0]); i++)
		if (icmp_types[i].type == type)
			return &icmp_types[i];
	return &other;
}

/* The checksum node and its status: verified when the whole message was captured
 * and it is not a quoted one; otherwise tshark says why not. */
static void icmp_checksum(struct dctx *d, const struct cur *msg, const struct icmp_msg *m)
{
	const struct pinfo *pi = d->pi;
	int32_t want = CKSUM_UNVERIFIED;
	uint32_t n;

	if (!pi->in_error && pi->caplen >= pi->len)	/* the whole message sums to 0 when right */
		want = inet_cksum(msg->p, cur_left(msg), 0) == 0 ? m->sum : cur_csum_field(0, msg, 2);
	n = dissect_checksum(d, m->node, &fields[C_CHECKSUM], &fields[C_CHECKSUM_STATUS], m->at - 2, m->sum, want);
	if (want == CKSUM_UNVERIFIED)
		tree_label_append(d->tree, n, pi->in_error ? " [in ICMP error packet]" : " [fragmented datagram]");
}

static void dissect_icmp(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), n;
	const struct cur msg = *c;
	struct icmp_msg m;

	m.node = dissect_layer(d, parent, "icmp", "ICMP", &fields[C_PROTO], start, (uint32_t)cur_left(c));
	m.at = start + 4;
	m.type = cur_u8(c);
	m.code = cur_u8(c);
	m.sum = cur_be16(c);
	if (!cur_ok(c)) {
		dissect_exhausted(d, m.node, "ICMP");
		return;
	}
	const struct icmp_type *ty = icmp_type(m.type);
	const char *tname = val_to_str(m.type, type_vals);
	const char *cname = ty->codes ? val_to_str(m.code, ty->codes) : NULL;
	if (!tname)
		tname = "Unknown ICMP (obsolete or malformed?)";
	col_append(pi, "%-20s", tname);
	if (cname)
		col_append(pi, " (%s)", cname);
	n = tree_add_uint(t, m.node, &fields[C_TYPE], start, 1, m.type);
	tree_label(t, n, "Type: %u (%s)", m.type, tname);
	n = tree_add_uint(t, m.node, &fields[C_CODE], start + 1, 1, m.code);
	if (cname)
		tree_label(t, n, "Code: %u (%s)", m.code, cname);
	icmp_checksum(d, &msg, &m);
	ty->body(d, c, &m);
}
