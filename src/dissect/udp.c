/* udp.c — User Datagram Protocol (RFC 768).
 *
 *    0      7 8     15 16    23 24    31
 *   +--------+--------+--------+--------+
 *   |   Source Port   | Destination Port|
 *   +--------+--------+--------+--------+
 *   |     Length      |    Checksum     |
 *   +--------+--------+--------+--------+
 *   |          data octets …
 *
 * The payload is clipped to the Length field (a Length beyond the IP payload is
 * flagged, as Wireshark does, and the IP payload is used).  The checksum is shown
 * [unverified] (Wireshark's default).  udp.stream comes from dissect/udp_conv.c.
 * Payload dispatch: a conversation a protocol claimed (HO_UDP_CONV), then by port,
 * lower port first, then the higher one (HO_UDP_PORT, Wireshark's decode_udp_ports),
 * then heuristics (HO_UDP_HEUR).
 */
#include "config.h"

#include <stdio.h>

#include "dissect/session.h"
#include "dissect/udp_conv.h"
#include "dissect/protos.h"

static void dissect_udp(struct dctx *d, struct cur *c, uint32_t parent);

enum {
	U_PROTO, U_SRCPORT, U_DSTPORT, U_PORT, U_LENGTH, U_CHECKSUM, U_CHECKSUM_STATUS,
	U_STREAM, U_TIME_REL, U_TIME_DELTA, U_PAYLOAD, U_TRACEROUTE,
};

static const struct val_str udp_checksum_status_vals[] = {
	{ 0, "Bad" }, { 1, "Good" }, { 2, "Unverified" }, { 3, "Not present" }, { 4, "Illegal" },
	{ 0, NULL }
};

static const struct field_def fields[] = {
	[U_PROTO] = { "udp", "User Datagram Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Transport without connections: ports, a length and a checksum, nothing else (DNS uses it).", 0 },
	[U_SRCPORT] = { "udp.srcport", "Source Port", FT_UINT16, BASE_PT, 0, 0, NULL,
		"16 bits: the sender's port.", 0 },
	[U_DSTPORT] = { "udp.dstport", "Destination Port", FT_UINT16, BASE_PT, 0, 0, NULL,
		"16 bits: the receiver's port; it names the service (53 DNS).", 0 },
	[U_PORT] = { "udp.port", "Source or Destination Port", FT_UINT16, BASE_PT, 0, 0, NULL,
		"Either port: udp.port == 53 matches both directions.", 0 },
	[U_LENGTH] = { "udp.length", "Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: bytes of header (8) plus data.", 0 },
	[U_CHECKSUM] = { "udp.checksum", "Checksum", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: ones' complement sum over a pseudo-header, header and data; 0 = none (IPv4 only).", 0 },
	[U_CHECKSUM_STATUS] = { "udp.checksum.status", "Checksum Status", FT_UINT8, BASE_NONE, 0, 0, udp_checksum_status_vals,
		"Whether the checksum was verified (it is not, as in Wireshark's default).", 0 },
	[U_STREAM] = { "udp.stream", "Stream index", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Number of the conversation (address and port pair), from 0 in order of appearance.", REG_F_ANALYSIS },
	[U_TIME_REL] = { "udp.time_relative", "Time since first frame", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"Seconds since the first datagram of this conversation.", REG_F_ANALYSIS },
	[U_TIME_DELTA] = { "udp.time_delta", "Time since previous frame", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"Seconds since the previous datagram of this conversation.", REG_F_ANALYSIS },
	[U_PAYLOAD] = { "udp.payload", "Payload", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The datagram's data.", 0 },
	[U_TRACEROUTE] = { "udp.possible_traceroute", "Possible traceroute", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Expert note: destination port 33435-33464, where traceroute's probes go "
		"(three a hop).", 0 },
};
static const struct field_table udp_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff udp_handoffs[] = {
	{ HO_IPPROTO, 17, .fn = dissect_udp },
};
const struct proto_reg udp_proto = REG_PROTO(udp_table, udp_handoffs);

/* The services registered on a port (HO_UDP_PORT). */
static int by_port(struct dctx *d, struct cur *c, uint16_t port)
{
	return port && dissect_by(d, HO_UDP_PORT, port, c, 0);
}

/* The first recogniser in table t (HO_UDP_CONV, HO_UDP_HEUR) that takes the payload. */
static int by_heur(struct dctx *d, struct cur *c, enum handoff_table t)
{
	size_t n;
	const struct handoff *const *h = dissect_handoffs(t, &n);

	for (size_t i = 0; i < n; i++)
		if (h[i]->heur(d, c))
			return 1;
	return 0;
}

static void dissect_udp(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node, n;
	size_t avail = cur_left(c);
	uint16_t sport, dport, len, sum;

	node = dissect_layer(d, parent, "udp", "UDP", &fields[U_PROTO], start, 8);
	sport = cur_be16(c);
	dport = cur_be16(c);
	len = cur_be16(c);
	sum = cur_be16(c);
	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "UDP");
		return;
	}
	pi->ptype = PT_UDP;
	pi->srcport = sport;
	pi->dstport = dport;
	tree_label(t, node, "User Datagram Protocol, Src Port: %u, Dst Port: %u", sport, dport);
	col_append(pi, "%u \xe2\x86\x92 %u", sport, dport);
	tree_add_uint(t, node, &fields[U_SRCPORT], start, 2, sport);
	n = tree_add_uint(t, node, &fields[U_DSTPORT], start + 2, 2, dport);
	if (dport >= 33435 && dport <= 33464 && dissect_expert_wanted(t, &fields[U_TRACEROUTE])) {
		char msg[48];
		snprintf(msg, sizeof(msg), "Possible traceroute: hop #%u, attempt #%u",
		    (dport - 33435u) / 3 + 1, (dport - 33435u) % 3 + 1);
		dissect_expert(d, n, &fields[U_TRACEROUTE], SEV_CHAT, "Sequence", msg);
	}
	tree_flag(t, tree_add_uint(t, node, &fields[U_PORT], start, 2, sport), TN_HIDDEN);
	tree_flag(t, tree_add_uint(t, node, &fields[U_PORT], start + 2, 2, dport), TN_HIDDEN);
	n = tree_add_uint(t, node, &fields[U_LENGTH], start + 4, 2, len);

	/* The IP layer clipped c to its payload; reported length beyond the capture
	 * counts too (a snapshot length does not make the length field wrong). */
	uint32_t ip_payload = (uint32_t)avail;
	if (pi->len > pi->caplen)
		ip_payload += pi->len - pi->caplen;
	if (len < 8) {
		tree_label(t, n, "Length: %u (bogus, must be at least 8)", len);
		col_append(pi, " [BAD UDP LENGTH %u < 8]", len);
		dissect_malformed(d, n ? n : node, "UDP", "bad length value < 8");
		return;
	}
	uint32_t dlen = len;
	if (pi->in_error && len > ip_payload)
		dlen = ip_payload;	/* a quoted datagram is cut short by design */
	else if (len > ip_payload && !d->fragmented) {
		char msg[64];
		tree_label(t, n, "Length: %u (bogus, payload length %u)", len, ip_payload);
		snprintf(msg, sizeof(msg), "Bad length value %u > IP payload length", len);
		dissect_expert(d, n, NULL, SEV_ERROR, "Malformed", msg);
		col_append(pi, " [BAD UDP LENGTH %u > IP PAYLOAD LENGTH]", len);
		dlen = ip_payload;
	}
	if (sum == 0) {
		n = tree_add_uint(t, node, &fields[U_CHECKSUM], start + 6, 2, sum);
		tree_label(t, n, "Checksum: 0x0000 [zero-value ignored]");
		/* Wireshark puts the status under a zero checksum, beside any other */
		tree_flag(t, tree_add_uint(t, n, &fields[U_CHECKSUM_STATUS], start + 6, 0, 3), TN_GENERATED);
	} else {
		dissect_checksum(d, node, &fields[U_CHECKSUM], &fields[U_CHECKSUM_STATUS], start + 6, sum, CKSUM_UNVERIFIED);
	}
	if (d->sess && d->sess->udp) {
		struct udp_frame_info fi;
		/* the stream's previous frame is the previous one timed: one with a payload */
		udpconv_lookup(d->sess->udp, pi->num, pi->serial, pi->visited || pi->in_error || dlen <= 8,
		    pi->ts, &pi->net_src, sport,
		    &pi->net_dst, dport, &fi);
		/* at the payload, as tshark's */
		tree_flag(t, tree_add_uint(t, node, &fields[U_STREAM], start + 8, 0, fi.stream), TN_GENERATED);
		if (!pi->in_error) {
			pi->stream_ptype = PT_UDP;
			pi->stream = fi.stream;
		}
		if (!pi->in_error && dlen > 8) {	/* tshark times datagrams with a payload */
			uint32_t ts = tree_add_text(t, node, start, 0, "Timestamps");
			tree_flag(t, ts, TN_GENERATED);
			tree_flag(t, tree_add_time(t, ts, &fields[U_TIME_REL], start, 0, fi.rel_ts), TN_GENERATED);
			tree_flag(t, tree_add_time(t, ts, &fields[U_TIME_DELTA], start, 0, fi.delta_ts), TN_GENERATED);
		}
	}

	struct cur payload = cur_sub(c, dlen - 8, NULL);
	uint32_t plen = dlen - 8;
	cur_skip(c, cur_left(&payload));
	if (plen) {
		uint32_t got = (uint32_t)cur_left(&payload);	/* tshark counts captured bytes */
		n = tree_add_bytes(t, node, &fields[U_PAYLOAD], start + 8, plen, payload.p, got);
		tree_label(t, n, "UDP payload (%u byte%s)", got, got == 1 ? "" : "s");
	}
	col_append(pi, " Len=%u", plen);
	if (!plen)
		return;
	uint16_t lo = sport < dport ? sport : dport, hi = sport < dport ? dport : sport;
	if (dissect_by(d, HO_UDP_TUNNEL, lo, &payload, 0) || dissect_by(d, HO_UDP_TUNNEL, hi, &payload, 0))
		return;
	if (!d->headers_only) {
		/* A conversation a dissector claimed first, then ports, then heuristics. */
		if (by_heur(d, &payload, HO_UDP_CONV) || by_port(d, &payload, lo) ||
		    by_port(d, &payload, hi) || by_heur(d, &payload, HO_UDP_HEUR))
			return;
	}
	dissect_data(d, &payload, 0);
}
