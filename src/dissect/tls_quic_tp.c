/* tls_quic_tp.c — the quic_transport_parameters TLS extension (RFC 9000 section 18; type
 * 57, 0xffa5 in the drafts), as tshark 4.0 shows it in a QUIC Client Hello.
 *
 *   { id (varint)  length (varint)  value (length bytes) }...
 *
 * Drafts before 27 put a 16-bit length of the whole list in front and give each id
 * and length in 16 bits; they are told apart by that length.  Each parameter is "Parameter: name (len=N)" with its type, length and raw value, then
 * the value decoded by its kind (a varint, a connection id, a version list …).  The
 * integer ones repeat their value on the parameter's line, max_idle_timeout in ms.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "dissect/protos.h"
#include "dissect/tls_int.h"

enum {
	T_PLEN, T_PARAM, T_TYPE, T_LEN, T_LEN_OLD, T_VALUE, T_IDLE, T_MAX_UDP, T_MAX_DATA, T_BIDI_LOCAL,
	T_BIDI_REMOTE, T_UNI, T_STREAMS_BIDI, T_STREAMS_UNI, T_ACK_EXP, T_MAX_ACK_DELAY,
	T_CID_LIMIT, T_ODCID, T_RESET_TOKEN, T_ISCID, T_RSCID, T_DGRAM, T_MIN_ACK_DELAY,
	T_LOSS_BITS, T_CHOSEN, T_OTHER, T_G_VERSION, T_G_UA, T_G_RTT, T_TIMESTAMP, T_FB_PR,
	T_G_HS_DONE, T_G_NO_KEY_UPDATE,
};

#define U(abbrev, name, help) { "tls.quic.parameter." abbrev, name, FT_UINT64, BASE_DEC, 0, 0, \
	NULL, help, 0 }
#define B(abbrev, name, help) { "tls.quic.parameter." abbrev, name, FT_BYTES, BASE_NONE, 0, 0, \
	NULL, help, 0 }

static const struct val_str timestamp_vals[] = {
	{ 1, "I would like to receive TIME_STAMP frames" },
	{ 2, "I am able to generate TIME_STAMP frames" },
	{ 3, "I am able to generate TIME_STAMP frames and I would like to receive them" },
	{ 0, NULL }
};

static const struct field_def fields[] = {
	[T_PLEN] = { "tls.quic.len", "Parameters Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Bytes of the parameters (drafts before 27, whose ids and lengths are 16-bit).", 0 },
	[T_PARAM] = { "tls.quic.parameter", "Parameter", FT_NONE, BASE_NONE, 0, 0, NULL,
		"One QUIC transport parameter: a limit or identifier the endpoint announces.", 0 },
	[T_TYPE] = { "tls.quic.parameter.type", "Type", FT_UINT64, BASE_DEC, 0, 0, NULL,
		"Which parameter (RFC 9000 section 18.2).", 0 },
	[T_LEN] = U("length", "Length", "Bytes of the parameter's value."),
	[T_LEN_OLD] = { "tls.quic.parameter.lengt.old", "Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Bytes of the parameter's value (drafts' 16-bit form).", 0 },
	[T_VALUE] = B("value", "Value", "The parameter's value, raw."),
	[T_IDLE] = U("max_idle_timeout", "max_idle_timeout",
		"Milliseconds of silence after which the connection is closed."),
	[T_MAX_UDP] = U("max_udp_payload_size", "max_udp_payload_size",
		"Largest UDP payload this endpoint is willing to receive."),
	[T_MAX_DATA] = U("initial_max_data", "initial_max_data",
		"Flow control: bytes the peer may send on the whole connection at first."),
	[T_BIDI_LOCAL] = U("initial_max_stream_data_bidi_local", "initial_max_stream_data_bidi_local",
		"Flow control: bytes per bidirectional stream this endpoint opens."),
	[T_BIDI_REMOTE] = U("initial_max_stream_data_bidi_remote",
		"initial_max_stream_data_bidi_remote",
		"Flow control: bytes per bidirectional stream the peer opens."),
	[T_UNI] = U("initial_max_stream_data_uni", "initial_max_stream_data_uni",
		"Flow control: bytes per unidirectional stream the peer opens."),
	[T_STREAMS_BIDI] = U("initial_max_streams_bidi", "initial_max_streams_bidi",
		"How many bidirectional streams the peer may open."),
	[T_STREAMS_UNI] = U("initial_max_streams_uni", "initial_max_streams_uni",
		"How many unidirectional streams the peer may open."),
	[T_ACK_EXP] = U("ack_delay_exponent", "ack_delay_exponent",
		"Scales the ACK Delay field: microseconds times 2 to this power."),
	[T_MAX_ACK_DELAY] = U("max_ack_delay", "max_ack_delay",
		"Milliseconds this endpoint may delay an acknowledgement."),
	[T_CID_LIMIT] = U("active_connection_id_limit", "Active Connection ID Limit",
		"How many connection ids of the peer this endpoint keeps."),
	[T_ODCID] = B("original_destination_connection_id", "original_destination_connection_id",
		"The DCID of the client's first Initial (server, after a Retry)."),
	[T_RESET_TOKEN] = B("stateless_reset_token", "stateless_reset_token",
		"Lets the server end the connection after losing its state."),
	[T_ISCID] = B("initial_source_connection_id", "Initial Source Connection ID",
		"The SCID of this endpoint's first Initial, repeated under the handshake's protection."),
	[T_RSCID] = B("retry_source_connection_id", "Retry Source Connection ID",
		"The SCID of the server's Retry."),
	[T_DGRAM] = U("max_datagram_frame_size", "max_datagram_frame_size",
		"Largest DATAGRAM frame accepted (RFC 9221)."),
	[T_MIN_ACK_DELAY] = U("min_ack_delay", "min_ack_delay",
		"Microseconds: the shortest delay this endpoint may acknowledge with."),
	[T_LOSS_BITS] = U("loss_bits", "loss_bits", "Loss bits in the short header (a draft)."),
	[T_CHOSEN] = { "tls.quic.parameter.vi.chosen_version", "Chosen Version", FT_UINT32,
		BASE_HEX, 0, 0, NULL, "The version this connection uses (RFC 9368).", 0 },
	[T_OTHER] = { "tls.quic.parameter.vi.other_version", "Other Version", FT_UINT32, BASE_HEX, 0,
		0, NULL, "A version the endpoint supports (RFC 9368).", 0 },
	[T_G_VERSION] = { "tls.quic.parameter.google.quic_version", "Google QUIC version",
		FT_UINT32, BASE_HEX, 0, 0, NULL, "The QUIC version Chrome uses.", 0 },
	[T_G_UA] = { "tls.quic.parameter.google.user_agent", "Google UserAgent", FT_STRING,
		BASE_NONE, 0, 0, NULL, "Chrome's user agent.", 0 },
	[T_G_RTT] = U("google.initial_rtt", "Google Initial RTT",
		"Microseconds: the round-trip time Chrome expects."),
	[T_TIMESTAMP] = { "tls.quic.parameter.enable_time_stamp_v2", "Enable TimestampV2", FT_UINT64,
		BASE_DEC, 0, 0, timestamp_vals, "TIME_STAMP frames (a draft).", 0 },
	[T_FB_PR] = U("facebook.partial_reliability", "Facebook Partial Reliability",
		"mvfst's partial reliability."),
	[T_G_HS_DONE] = { "tls.quic.parameter.google.support_handshake_done",
		"Google Support Handshake Done", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Chrome handles HANDSHAKE_DONE.", 0 },
	[T_G_NO_KEY_UPDATE] = { "tls.quic.parameter.google.key_update_not_yet_supported",
		"Google Key Update not yet supported", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Chrome does not update its keys.", 0 },
};
static const struct field_table tls_quic_tp_table = REG_TABLE(fields);
const struct proto_reg tls_quic_tp_proto = REG_PROTO_TABLE(tls_quic_tp_table);

/* How a parameter's value is shown. */
enum tp_kind {
	TP_NONE,	/* the raw value only */
	TP_INT,		/* a varint, repeated on the parameter's line */
	TP_INT_QUIET,	/* a varint, not repeated */
	TP_CID,		/* bytes */
	TP_VERSIONS,	/* chosen, then other versions (4 bytes each) */
	TP_G_VERSION,	/* a 4-byte version */
	TP_STRING,
	TP_FLAG,	/* a line that says it is there */
};

static const struct tp {
	uint64_t id;
	const char *name;
	enum tp_kind kind;
	int field;
	const char *unit;
} params[] = {
	{ 0x00, "original_destination_connection_id", TP_CID, T_ODCID, NULL },
	{ 0x01, "max_idle_timeout", TP_INT, T_IDLE, " ms" },
	{ 0x02, "stateless_reset_token", TP_CID, T_RESET_TOKEN, NULL },
	{ 0x03, "max_udp_payload_size", TP_INT, T_MAX_UDP, NULL },
	{ 0x04, "initial_max_data", TP_INT, T_MAX_DATA, NULL },
	{ 0x05, "initial_max_stream_data_bidi_local", TP_INT, T_BIDI_LOCAL, NULL },
	{ 0x06, "initial_max_stream_data_bidi_remote", TP_INT, T_BIDI_REMOTE, NULL },
	{ 0x07, "initial_max_stream_data_uni", TP_INT, T_UNI, NULL },
	{ 0x08, "initial_max_streams_bidi", TP_INT, T_STREAMS_BIDI, NULL },
	{ 0x09, "initial_max_streams_uni", TP_INT, T_STREAMS_UNI, NULL },
	{ 0x0a, "ack_delay_exponent", TP_INT_QUIET, T_ACK_EXP, NULL },
	{ 0x0b, "max_ack_delay", TP_INT, T_MAX_ACK_DELAY, NULL },
	{ 0x0c, "disable_active_migration", TP_NONE, 0, NULL },
	{ 0x0d, "preferred_address", TP_NONE, 0, NULL },
	{ 0x0e, "active_connection_id_limit", TP_INT, T_CID_LIMIT, NULL },
	{ 0x0f, "initial_source_connection_id", TP_CID, T_ISCID, NULL },
	{ 0x10, "retry_source_connection_id", TP_CID, T_RSCID, NULL },
	{ 0x11, "version_information", TP_VERSIONS, 0, NULL },
	{ 0x20, "max_datagram_frame_size", TP_INT, T_DGRAM, NULL },
	{ 0x1057, "loss_bits", TP_INT_QUIET, T_LOSS_BITS, NULL },
	{ 0x2ab2, "grease_quic_bit", TP_NONE, 0, NULL },
	{ 0x3127, "google_initial_rtt", TP_INT, T_G_RTT, " us" },
	{ 0x3129, "google_user_agent", TP_STRING, T_G_UA, NULL },
	{ 0x312a, "google_support_handshake_done", TP_FLAG, T_G_HS_DONE, NULL },
	{ 0x312b, "google_key_update_not_yet_supported", TP_FLAG, T_G_NO_KEY_UPDATE, NULL },
	{ 0x4752, "google_quic_version", TP_G_VERSION, T_G_VERSION, NULL },
	{ 0x7158, "enable_time_stamp_v2", TP_INT_QUIET, T_TIMESTAMP, NULL },
	{ 0xde1a, "min_ack_delay", TP_INT, T_MIN_ACK_DELAY, NULL },
	{ 0xff00, "facebook_partial_reliability", TP_INT_QUIET, T_FB_PR, NULL },
};

static const struct tp *param_of(uint64_t id)
{
	for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++)
		if (params[i].id == id)
			return &params[i];
	return NULL;
}

/* A 4-byte version as tshark names QUIC versions ("1", "draft-29", "Unknown"). */
static uint32_t add_version(struct dtree *t, uint32_t parent, int fid, struct cur *c)
{
	uint32_t at = cur_off(c), v = cur_be32(c);
	uint32_t n = tree_add_uint(t, parent, &fields[fid], at, 4, v);
	char name[16];

	if (v == 1 || v == 0x6b3343cf)
		snprintf(name, sizeof(name), "%d", v == 1 ? 1 : 2);
	else if ((v >> 8) == 0xff0000)
		snprintf(name, sizeof(name), "draft-%u", v & 0xff);
	else
		snprintf(name, sizeof(name), "Unknown");
	tree_label(t, n, "%s: %s (0x%08x)", fields[fid].name, name, v);
	return n;
}

static void param_value(struct dtree *t, uint32_t pn, const struct tp *p, struct cur *v)
{
	uint32_t at = cur_off(v), len = (uint32_t)cur_left(v), n;
	uint64_t x;

	switch (p->kind) {
	case TP_INT:
	case TP_INT_QUIET:
		x = cur_quic_varint(v);
		if (!cur_ok(v))
			return;
		tree_add_uint(t, pn, &fields[p->field], at, len, x);
		if (p->kind == TP_INT)
			tree_label_append(t, pn, " %" PRIu64 "%s", x, p->unit ? p->unit : "");
		break;
	case TP_CID:
	case TP_STRING:
		n = tree_add_bytes(t, pn, &fields[p->field], at, len, v->p, len);
		if (!len)
			tree_label(t, n, "%s: <MISSING>", fields[p->field].name);
		break;
	case TP_G_VERSION:
		if (len >= 4)
			add_version(t, pn, T_G_VERSION, v);
		break;
	case TP_VERSIONS:
		if (len >= 4)
			add_version(t, pn, T_CHOSEN, v);
		while (cur_left(v) >= 4)
			add_version(t, pn, T_OTHER, v);
		break;
	case TP_FLAG:
		n = tree_add(t, pn, &fields[p->field], at, len);
		tree_label(t, n, "%s", fields[p->field].name);
		break;
	case TP_NONE:
		break;
	}
}

/* An id or length: 16 bits in the drafts' form, else a varint. */
static uint64_t tp_int(struct cur *c, int draft)
{
	return draft ? cur_be16(c) : cur_quic_varint(c);
}

void tls_ext_quic_tp(struct dtree *t, uint32_t node, struct cur *c)
{
	int draft = cur_left(c) >= 2 && cur_peek_be16(c, 0) + 2u == cur_left(c);

	if (draft)
		tree_add_uint(t, node, &fields[T_PLEN], cur_off(c), 2, cur_be16(c));
	while (cur_left(c) && cur_ok(c)) {
		uint32_t at = cur_off(c), pn, n;
		uint64_t id = tp_int(c, draft);
		uint32_t lat = cur_off(c);
		uint64_t len = tp_int(c, draft);
		if (!cur_ok(c))
			break;
		struct cur v = cur_sub(c, len, NULL);
		const struct tp *p = param_of(id);
		int grease = id >= 27 && (id - 27) % 31 == 0;
		char unknown[40];
		const char *name = p ? p->name : grease ? "GREASE" : NULL;

		if (!name)
			snprintf(unknown, sizeof(unknown), "Unknown 0x%02" PRIx64, id);
		pn = tree_add(t, node, &fields[T_PARAM], at, (uint32_t)(cur_off(c) - at + cur_left(&v)));
		tree_label(t, pn, "Parameter: %s (len=%" PRIu64 ")", name ? name : unknown, len);
		n = tree_add_uint(t, pn, &fields[T_TYPE], at, lat - at, id);
		tree_label(t, n, "Type: %s (0x%02" PRIx64 ")", name ? name : "Unknown", id);
		tree_add_uint(t, pn, &fields[draft ? T_LEN_OLD : T_LEN], lat, cur_off(c) - lat, len);
		n = tree_add_bytes(t, pn, &fields[T_VALUE], cur_off(c), (uint32_t)cur_left(&v), v.p,
		    (uint32_t)cur_left(&v));
		if (!len)
			tree_label(t, n, "Value: <MISSING>");
		if (p)
			param_value(t, pn, p, &v);
		if (cur_left(c) < len)
			break;
		cur_skip(c, len);
	}
}
