/* tls.c — TLS/SSL record layer over TCP (RFC 5246 §6.2, RFC 8446 §5.1), no decryption.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | Content Type  |    Version (major.minor)      |    Length ... |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  ... Length   |  fragment (Length bytes): handshake messages,  |
 *   +-+-+-+-+-+-+-+-+  alert, change_cipher_spec or application data |
 *
 *   Handshake message:  | Type (1) | Length (3) | body ... |
 *
 * Records are PDUs of the TCP byte stream: one spanning segments is dissected in the
 * frame that completes it (the others show "[TCP segment of a reassembled PDU]"),
 * several in one segment are listed in turn, Info joined with ", ", as tshark does.
 * Without keys everything after ChangeCipherSpec (and every TLS 1.3 record of type
 * Application Data) is opaque: "Encrypted Handshake Message", "Application Data".
 * The Protocol column names the session's version as Wireshark decides it: the first
 * record that is not a Client Hello fixes it (a Server Hello by its
 * supported_versions extension); before that, the record's own version.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dissect/reasm.h"
#include "dissect/session.h"
#include "core/xmalloc.h"
#include "dissect/protos.h"
#include "dissect/tcp_payload.h"
#include "dissect/tls.h"
#include "dissect/tls_int.h"

enum {
	F_PROTO, F_RECORD, F_CT, F_VERSION, F_LEN, F_HS, F_HS_TYPE, F_HS_LEN, F_CCS,
	F_APPDATA, F_ALERT, F_ALERT_LEVEL, F_ALERT_DESC, F_OPAQUE_TYPE, F_APP_PROTO,
	F_RESUMED, F_IGNORED, F_HS_FRAGS, F_HS_FRAG, F_HS_FRAG_COUNT,
};

static const struct val_str ct_vals[] = {
	{ 20, "Change Cipher Spec" }, { 21, "Alert" }, { 22, "Handshake" },
	{ 23, "Application Data" }, { 24, "Heartbeat" }, { 0, NULL }
};

static const struct val_str version_vals[] = {
	{ 0x0002, "SSL 2.0" }, { 0x0300, "SSL 3.0" }, { 0x0301, "TLS 1.0" },
	{ 0x0302, "TLS 1.1" }, { 0x0303, "TLS 1.2" }, { 0x0304, "TLS 1.3" }, { 0, NULL }
};

static const struct val_str version_short[] = {
	{ 0x0002, "SSLv2" }, { 0x0300, "SSLv3" }, { 0x0301, "TLSv1" }, { 0x0302, "TLSv1.1" },
	{ 0x0303, "TLSv1.2" }, { 0x0304, "TLSv1.3" }, { 0, NULL }
};

/* Wireshark's ssl_31_handshake_type (TLS, not DTLS) */
static const struct val_str hs_vals[] = {
	{ 0, "Hello Request" }, { 1, "Client Hello" }, { 2, "Server Hello" },
	{ 4, "New Session Ticket" }, { 5, "End of Early Data" }, { 6, "Hello Retry Request" },
	{ 8, "Encrypted Extensions" }, { 11, "Certificate" }, { 12, "Server Key Exchange" },
	{ 13, "Certificate Request" }, { 14, "Server Hello Done" }, { 15, "Certificate Verify" },
	{ 16, "Client Key Exchange" }, { 20, "Finished" }, { 21, "Client Certificate URL" },
	{ 22, "Certificate Status" }, { 23, "Supplemental Data" }, { 24, "Key Update" },
	{ 25, "Compressed Certificate" }, { 67, "Next Protocol" }, { 254, "Message Hash" },
	{ 0, NULL }
};

static const struct val_str alert_level_vals[] = {
	{ 1, "Warning" }, { 2, "Fatal" }, { 0, NULL }
};

static const struct val_str alert_desc_vals[] = {
	{ 0, "Close Notify" }, { 1, "End of Early Data" }, { 10, "Unexpected Message" },
	{ 20, "Bad Record MAC" }, { 21, "Decryption Failed" }, { 22, "Record Overflow" },
	{ 30, "Decompression Failure" }, { 40, "Handshake Failure" }, { 41, "No Certificate" },
	{ 42, "Bad Certificate" }, { 43, "Unsupported Certificate" },
	{ 44, "Certificate Revoked" }, { 45, "Certificate Expired" },
	{ 46, "Certificate Unknown" }, { 47, "Illegal Parameter" }, { 48, "Unknown CA" },
	{ 49, "Access Denied" }, { 50, "Decode Error" }, { 51, "Decrypt Error" },
	{ 60, "Export Restriction" }, { 70, "Protocol Version" },
	{ 71, "Insufficient Security" }, { 80, "Internal Error" },
	{ 86, "Inappropriate Fallback" }, { 90, "User Canceled" },
	{ 100, "No Renegotiation" }, { 109, "Missing Extension" },
	{ 110, "Unsupported Extension" }, { 111, "Certificate Unobtainable" },
	{ 112, "Unrecognized Name" }, { 113, "Bad Certificate Status Response" },
	{ 114, "Bad Certificate Hash Value" }, { 115, "Unknown PSK Identity" },
	{ 116, "Certificate Required" }, { 120, "No application Protocol" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[F_PROTO] = { "tls", "Transport Layer Security", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"TLS/SSL: encrypted, authenticated byte stream over TCP (HTTPS, IMAPS …).", 0 },
	[F_RECORD] = { "tls.record", "Record Layer", FT_NONE, BASE_NONE, 0, 0, NULL,
		"One TLS record: 5-byte header then up to 16 KiB of one content type.", 0 },
	[F_CT] = { "tls.record.content_type", "Content Type", FT_UINT8, BASE_DEC, 0, 0, ct_vals,
		"8 bits: what the record carries (22 handshake, 23 application data …).", 0 },
	[F_APP_PROTO] = { "tls.app_data_proto", "Application Data Protocol", FT_STRING, BASE_NONE, 0, 0,
		NULL, "The protocol inside, by the negotiated ALPN or else by the port.", 0 },
	[F_IGNORED] = { "tls.ignored_unknown_record", "Ignored Unknown Record", FT_NONE, BASE_NONE, 0, 0,
		NULL, "Expert: a record of a session whose version is known has no valid content type.", 0 },
	[F_RESUMED] = { "tls.resumed",
		"This session reuses previously negotiated keys (Session resumption)", FT_NONE, BASE_NONE,
		0, 0, NULL, "Expert: the server went from its hello straight to ChangeCipherSpec "
		"(an abbreviated handshake).", 0 },
	[F_OPAQUE_TYPE] = { "tls.record.opaque_type", "Opaque Type", FT_UINT8, BASE_DEC, 0, 0, ct_vals,
		"8 bits: TLS 1.3 writes 23 (application data) on every protected record; the real "
		"type is encrypted.", 0 },
	[F_VERSION] = { "tls.record.version", "Version", FT_UINT16, BASE_HEX, 0, 0, version_vals,
		"16 bits: record-layer version; TLS 1.3 still writes 0x0303 here.", 0 },
	[F_LEN] = { "tls.record.length", "Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: bytes of the record's fragment after this header.", 0 },
	[F_HS_FRAGS] = { "tls.handshake.fragments", "Reassembled Handshake Fragments", FT_NONE,
		BASE_NONE, 0, 0, NULL, "The pieces a handshake message came in, put together.", 0 },
	[F_HS_FRAG] = { "tls.handshake.fragment", "Handshake Fragment", FT_FRAMENUM, BASE_NONE, 0, 0,
		NULL, "One frame that carried part of the handshake message, and which bytes.", 0 },
	[F_HS_FRAG_COUNT] = { "tls.handshake.fragment.count", "Handshake Fragment count", FT_UINT32,
		BASE_DEC, 0, 0, NULL, "How many pieces the handshake message came in.", 0 },
	[F_HS] = { "tls.handshake", "Handshake Protocol", FT_NONE, BASE_NONE, 0, 0, NULL,
		"One handshake message (hello, certificate, key exchange …).", 0 },
	[F_HS_TYPE] = { "tls.handshake.type", "Handshake Type", FT_UINT8, BASE_DEC, 0, 0, hs_vals,
		"8 bits: which handshake message this is.", 0 },
	[F_HS_LEN] = { "tls.handshake.length", "Length", FT_UINT24, BASE_DEC, 0, 0, NULL,
		"24 bits: bytes of the message body.", 0 },
	[F_CCS] = { "tls.change_cipher_spec", "Change Cipher Spec Message", FT_NONE, BASE_NONE, 0, 0, NULL,
		"From here on this side's records are encrypted with the new keys.", 0 },
	[F_APPDATA] = { "tls.app_data", "Encrypted Application Data", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"The protected payload (HTTP …); unreadable without the session keys.", 0 },
	[F_ALERT] = { "tls.alert_message", "Alert Message", FT_NONE, BASE_NONE, 0, 0, NULL,
		"A warning or fatal error, or the closing notification.", 0 },
	[F_ALERT_LEVEL] = { "tls.alert_message.level", "Level", FT_UINT8, BASE_DEC, 0, 0, alert_level_vals,
		"8 bits: 1 warning, 2 fatal (the connection ends).", 0 },
	[F_ALERT_DESC] = { "tls.alert_message.desc", "Description", FT_UINT8, BASE_DEC, 0, 0, alert_desc_vals,
		"8 bits: the reason.", 0 },
};

static const struct field_table tls_table = REG_TABLE(fields);
static const struct handoff tls_handoffs[] = {
	{ HO_TCP_PORT, 443, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 465, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 636, .tcp = tls_tcp_payload },
	{ HO_TCP_PORT, 853, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 993, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 995, .tcp = tls_tcp_payload },
	{ HO_TCP_PORT, 324, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 802, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 1300, .tcp = tls_tcp_payload },
	{ HO_TCP_PORT, 2221, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 2443, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 3249, .tcp = tls_tcp_payload },
	{ HO_TCP_PORT, 3250, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 3251, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 3252, .tcp = tls_tcp_payload },
	{ HO_TCP_PORT, 3496, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 5061, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 5671, .tcp = tls_tcp_payload },
	{ HO_TCP_PORT, 5684, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 5868, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 8883, .tcp = tls_tcp_payload },
	{ HO_TCP_PORT, 11207, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 19999, .tcp = tls_tcp_payload }, { HO_TCP_PORT, 27017, .tcp = tls_tcp_payload },
	{ HO_TCP_HEUR, .tcp = tls_tcp_heuristic },
};
const struct proto_reg tls_proto = REG_PROTO(tls_table, tls_handoffs);

/* Wireshark's tls.port associations: the protocol of the application data on a port
 * (when ALPN does not name it), by its long name. */
static const struct val_str port_protos[] = {
	{ 443, "Hypertext Transfer Protocol" }, { 465, "Simple Mail Transfer Protocol" },
	{ 993, "Internet Message Access Protocol" }, { 995, "Post Office Protocol" },
	{ 636, "Lightweight Directory Access Protocol" }, { 853, "Domain Name System" },
	{ 8883, "MQ Telemetry Transport Protocol" }, { 5061, "Session Initiation Protocol" },
	{ 5671, "Advanced Message Queuing Protocol" }, { 5868, "Diameter Protocol" },
	{ 5684, "Constrained Application Protocol" }, { 27017, "Mongo Wire Protocol" },
	{ 11207, "Couchbase Protocol" }, { 19999, "Distributed Network Protocol 3.0" },
	{ 3496, "DoIP (ISO13400) Protocol" }, { 3389, "TPKT - ISO on TCP - RFC1006" },
	{ 802, "Modbus/TCP" }, { 1300, "Q.931" }, { 2221, "EtherNet/IP (Industrial Protocol)" },
	{ 2443, "Skinny Client Control Protocol" }, { 324, "RPKI-Router Protocol" },
	{ 3249, "Intel Omni-Path FE Header - Omni-Path Fabric Executive Header" },
	{ 3250, "Intel Omni-Path FE Header - Omni-Path Fabric Executive Header" },
	{ 3251, "Intel Omni-Path FE Header - Omni-Path Fabric Executive Header" },
	{ 3252, "Intel Omni-Path FE Header - Omni-Path Fabric Executive Header" },
	/* STARTTLS: the protocol that handed the stream over (ftp.c …) */
	{ 21, "File Transfer Protocol (FTP)" }, { 110, "Post Office Protocol" },
	{ 143, "Internet Message Access Protocol" }, { 25, "Simple Mail Transfer Protocol" },
	{ 587, "Simple Mail Transfer Protocol" },
	{ 0, NULL }
};

static const char *port_proto(uint16_t src, uint16_t dst)
{
	const char *s = val_to_str(src, port_protos);

	return s ? s : val_to_str(dst, port_protos);
}

/* ---- plain-byte parsers ---- */

int tls_record_header(const uint8_t *p, size_t n, uint8_t *type, uint16_t *version,
    uint16_t *len)
{
	if (n < 5 || p[0] < 20 || p[0] > 24 || p[1] != 3 || p[2] > 4)
		return 0;
	*type = p[0];
	struct cur m = cur_make(p, n);
	*version = cur_peek_be16(&m, 1);
	*len = cur_peek_be16(&m, 3);
	return 1;
}

const char *tls_version_short(uint16_t v)
{
	return val_to_str(v, version_short);
}

static int valid_hs_type(uint8_t t)
{
	return val_to_str(t, hs_vals) != NULL;
}

int tls_parse_hello(const uint8_t *p, size_t n, int server, struct tls_hello *h)
{
	struct cur c = cur_make(p, n);
	uint32_t l, ext_end;

	memset(h, 0, sizeof(*h));
	h->version = cur_be16(&c);
	cur_skip(&c, 32);		/* random */
	l = cur_u8(&c);			/* session id */
	cur_skip(&c, l);
	if (server) {
		cur_skip(&c, 3);	/* cipher suite, compression */
	} else {
		l = cur_be16(&c);
		cur_skip(&c, l);
		l = cur_u8(&c);
		cur_skip(&c, l);
	}
	if (!cur_ok(&c))
		return 0;
	if (!cur_left(&c))
		return 1;		/* no extensions */
	l = cur_be16(&c);
	if (!cur_ok(&c) || l > cur_left(&c))
		return 0;
	ext_end = cur_off(&c) + l;
	while (cur_off(&c) + 4 <= ext_end) {
		uint16_t et = cur_be16(&c), el = cur_be16(&c);
		uint32_t at = cur_off(&c);
		if (at + el > ext_end)
			return 0;
		if (et == 0 && !server && el >= 5) {	/* server_name: list, type, len, name */
			struct cur s = cur_make(p, at + el);
			uint16_t ll, nl;
			s.p = p + at;
			ll = cur_be16(&s);
			if (cur_u8(&s) == 0 && ll + 2u <= el) {
				nl = cur_be16(&s);
				if (cur_ok(&s) && nl <= cur_left(&s)) {
					h->sni = s.p;
					h->sni_len = nl;
					h->sni_off = cur_off(&s);
				}
			}
		} else if (et == 43 && server && el == 2) {	/* supported_versions */
			h->selected_version = cur_peek_be16(&c, 0);
		}
		cur_skip(&c, el);
	}
	return cur_off(&c) == ext_end;
}

/* Wireshark's tls_try_get_version: TLS 1.3 drafts (0x7fNN) and Facebook's
 * experiment (0xfb17/0xfb1a) count as TLS 1.3; unknown versions as none. */
static uint16_t known_version(uint16_t v)
{
	if ((v & 0xff00) == 0x7f00 || v == 0xfb17 || v == 0xfb1a)
		return 0x0304;
	return val_to_str(v, version_short) && v != 0x0002 ? v : 0;
}

/* ---- per-stream state ---- */

struct tls_stream {
	uint16_t version;	/* the session's version, 0 while unknown */
	uint8_t ccs[2];		/* ChangeCipherSpec seen from the client / server */
	uint8_t known;		/* the stream was claimed as TLS */
	struct tls_hs_state hs;	/* what the Server Hello chose */
	const char *port_proto;	/* the application protocol of the port, NULL if none */
	uint8_t sh_seen, shd_seen;	/* Server Hello, Server Hello Done seen */
	/* per frame, recomputed on every visit: */
	uint32_t info_frame;	/* TLS cleared Info in this frame */
	struct frame_state fs;	/* the fields above as each frame began (revisits) */
};

struct tls_streams {
	struct tls_stream **v;
	size_t n, cap;
};

static void streams_release(void *p)
{
	struct tls_streams *s = p;

	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	free(s);
}

/* The stream's state as this frame sees it (frame_state_get), NULL when none. */
static struct tls_stream *stream_get(struct dctx *d, uint32_t stream, int create)
{
	struct sess_slot *sl = &d->sess->slot[SESS_SLOT_TLS];
	struct tls_streams *s = sl->p;

	if (!s) {
		if (!create)
			return NULL;
		s = sl->p = xcalloc(1, sizeof(*s));
		sl->release = streams_release;
	}
	if (stream >= s->n) {
		if (!create)
			return NULL;
		s->v = xgrow(s->v, &s->cap, (size_t)stream + 1, sizeof(*s->v));
		memset(s->v + s->n, 0, ((size_t)stream + 1 - s->n) * sizeof(*s->v));
		s->n = (size_t)stream + 1;
	}
	if (!s->v[stream] && create)
		s->v[stream] = xcalloc(1, sizeof(struct tls_stream));
	if (!s->v[stream])
		return NULL;
	return frame_state_get(&s->v[stream]->fs, d, s->v[stream],
	    offsetof(struct tls_stream, fs), sizeof(struct tls_stream));
}

/* ---- dissection ---- */

struct call {
	struct dctx *d;
	struct tls_stream *st;
	uint32_t tls_node;
};

static void info_item(struct call *k, const char *s)
{
	struct pinfo *pi = k->d->pi;

	if (pi->info_len)	/* col_append_sep_str: a fenced TCP note counts ("[…] , Alert") */
		col_append_str(pi, ", ");
	col_append_str(pi, s);
}

static void push(struct call *k, uint32_t off, uint32_t len)
{
	struct dctx *d = k->d;

	if (!k->tls_node && d->tree)
		k->tls_node = tree_add(d->tree, 0, &fields[F_PROTO], off, len);
}

static void set_proto(struct call *k, uint16_t record_version)
{
	const char *s = tls_version_short(k->st->version ? k->st->version : record_version);

	col_set_proto(k->d->pi, s ? s : "TLS");
}

/* The body of a complete handshake message of each type, under its node (tls_int.h). */
static const struct {
	uint8_t type;
	tls_hs_body_fn fn;
} hs_bodies[] = {
	{ 1, tls_hs_hello }, { 2, tls_hs_hello }, { 4, tls_hs_new_session_ticket },
	{ 11, tls_hs_certificate }, { 12, tls_hs_server_key_exchange },
	{ 13, tls_hs_certificate_request }, { 15, tls_hs_certificate_verify },
	{ 16, tls_hs_client_key_exchange },
	{ 20, tls_hs_finished }, { 22, tls_hs_certificate_status },
};

static void hs_body(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st)
{
	for (size_t i = 0; i < sizeof(hs_bodies) / sizeof(hs_bodies[0]); i++)
		if (hs_bodies[i].type == type) {
			hs_bodies[i].fn(d, node, body, type, st);
			return;
		}
}

static const char *hs_name(uint8_t type, const struct cur *msg)
{
	const char *name = val_to_str(type, hs_vals);

	if (type == 2 && cur_left(msg) >= 38 && tls_hello_retry(msg->p + 6, cur_left(msg) - 6))
		return "Hello Retry Request";
	return name ? name : "Unknown";
}

/* A handshake message's node, labelled, with its type and length (avail: its bytes here). */
static uint32_t hs_header(struct dtree *t, uint32_t parent, uint32_t off, uint8_t type,
    uint32_t ml, uint32_t avail, const char *name)
{
	uint32_t hn = tree_add(t, parent, &fields[F_HS], off, ml + 4 > avail ? avail : ml + 4);

	tree_label(t, hn, "Handshake Protocol: %s", name);
	tree_add_uint(t, hn, &fields[F_HS_TYPE], off, 1, type);
	tree_add_uint(t, hn, &fields[F_HS_LEN], off + 1, 3, ml);
	return hn;
}

static void handshake(struct call *k, uint32_t rn, const char *vs, const uint8_t *base,
    uint32_t off, uint32_t len, int dir)
{
	struct dctx *d = k->d;
	struct dtree *t = d->tree;
	uint32_t end = off + len;
	int first = 1;

	while (off < end) {
		uint32_t rem = end - off, ml, hn;
		uint8_t type = base[off];
		const char *name;
		/* TLS 1.3 protects handshake messages in Application Data records: a
		 * ChangeCipherSpec there is only for middleboxes */
		int protected = k->st->ccs[dir & 1] && k->st->version != 0x0304;
		if (rem < 4 || (first && (protected || !valid_hs_type(type)))) {
			info_item(k, "Encrypted Handshake Message");
			if (tree_text(t))
				tree_label_append(t, rn, ": Encrypted Handshake Message");
			tree_add_text(t, rn, off, rem, "Handshake Protocol: Encrypted Handshake Message");
			return;
		}
		const struct cur hc = cur_make(base + off, rem);
		ml = cur_peek_be24(&hc, 1);
		if (first && ml + 4 > rem) {
			info_item(k, "Encrypted Handshake Message");
			if (tree_text(t))
				tree_label_append(t, rn, ": Encrypted Handshake Message");
			tree_add_text(t, rn, off, rem, "Handshake Protocol: Encrypted Handshake Message");
			return;
		}
		name = hs_name(type, &hc);
		info_item(k, name);
		if (first)
			tree_label_append(t, rn, ": %s", name);
		else
			tree_label(t, rn, "%s Record Layer: Handshake Protocol: Multiple Handshake Messages",
			    vs ? vs : "TLS");
		hn = hs_header(t, rn, off, type, ml, rem, name);
		if (type == 2)
			k->st->sh_seen = 1;
		else if (type == 14)
			k->st->shd_seen = 1;
		if (ml + 4 <= rem) {
			struct cur body = cur_make(base, off + 4 + ml);
			cur_skip(&body, off + 4);
			hs_body(d, hn, &body, type, &k->st->hs);
		}
		if (ml + 4 > rem)
			return;		/* continues in the next record (not reassembled) */
		off += ml + 4;
		first = 0;
	}
}

/* One complete (or, when the capture cut it, partial) record at base[off..off+avail). */
static void record(struct call *k, const uint8_t *base, uint32_t off, uint32_t avail, int dir)
{
	struct dctx *d = k->d;
	struct dtree *t = d->tree;
	struct tls_stream *st = k->st;
	const struct cur rc = cur_make(base + off, avail);
	uint8_t ct = base[off];
	uint16_t ver = cur_peek_be16(&rc, 1);
	uint16_t rl = cur_peek_be16(&rc, 3);
	uint32_t flen = avail - 5 < rl ? avail - 5 : rl, fo = off + 5, rn;
	uint8_t hs_type = ct == 22 && flen ? base[fo] : 0xff;
	/* the record is named by the session's version as it stood before this record */
	uint16_t label_ver = st->version ? st->version : ver;
	const char *vs = tls_version_short(label_ver);

	{
		uint16_t v = ver;
		if (ct == 22 && hs_type == 2 && flen >= 4) {
			struct tls_hello h;
			uint32_t ml = cur_peek_be24(&rc, 6);
			tls_parse_hello(base + fo + 4, ml + 4 <= flen ? ml : flen - 4, 1, &h);
			if (h.selected_version)
				v = h.selected_version;
			if (known_version(v))
				st->version = known_version(v);
		} else if (!st->version && ((ct == 22 && valid_hs_type(hs_type) && hs_type != 1) ||
		    (ct != 22 && ct >= 20 && ct <= 24)))
			st->version = known_version(v);
	}
	set_proto(k, ver);
	push(k, off, avail);
	rn = tree_add(t, k->tls_node, &fields[F_RECORD], off, 5 + flen);
	if (tree_text(t)) {
		const char *cts = val_to_str(ct, ct_vals);
		tree_label(t, rn, "%s Record Layer: %s Protocol", vs ? vs : "TLS", cts ? cts : "Unknown");
	}
	tree_add_uint(t, rn, &fields[ct == 23 && label_ver == 0x0304 ? F_OPAQUE_TYPE : F_CT], off, 1, ct);
	tree_add_uint(t, rn, &fields[F_VERSION], off + 1, 2, ver);
	tree_add_uint(t, rn, &fields[F_LEN], off + 3, 2, rl);
	switch (ct) {
	case 20:
		info_item(k, "Change Cipher Spec");
		tree_label_append(t, rn, ": Change Cipher Spec");
		{
			uint32_t cn = tree_add(t, rn, &fields[F_CCS], fo, flen);
			if ((dir & 1) && st->sh_seen && !st->shd_seen && !st->ccs[1] &&
			    st->version != 0x0304)
				dissect_expert(d, cn, &fields[F_RESUMED], SEV_NOTE, "Sequence",
				    fields[F_RESUMED].name);
		}
		st->ccs[dir & 1] = 1;
		break;
	case 21:
		if (rl == 2 && flen == 2 && !st->ccs[dir & 1]) {
			const char *lv = val_to_str(base[fo], alert_level_vals);
			const char *ds = val_to_str(base[fo + 1], alert_desc_vals);
			uint32_t an;
			if (d->pi->want_cols) {
				char b[128];
				snprintf(b, sizeof(b), "Alert (Level: %s, Description: %s)",
				    lv ? lv : "Unknown", ds ? ds : "Unknown");
				info_item(k, b);
			}
			an = tree_add(t, rn, &fields[F_ALERT], fo, 2);
			tree_add_uint(t, an, &fields[F_ALERT_LEVEL], fo, 1, base[fo]);
			tree_add_uint(t, an, &fields[F_ALERT_DESC], fo + 1, 1, base[fo + 1]);
		} else {
			info_item(k, "Encrypted Alert");
			tree_label(t, rn, "%s Record Layer: Encrypted Alert", vs ? vs : "TLS");
			tree_add_text(t, rn, fo, flen, "Alert Message: Encrypted Alert");
		}
		break;
	case 22:
		handshake(k, rn, vs, base, fo, flen, dir);
		break;
	case 23: {
		const char *app = st->hs.app_proto ? st->hs.app_proto : st->port_proto;
		info_item(k, "Application Data");
		tree_label_append(t, rn, ": %s", app ? app : "Application Data");
		tree_add_bytes(t, rn, &fields[F_APPDATA], fo, flen, base + fo, flen);
		if (app) {
			uint32_t an = tree_add_bytes(t, rn, &fields[F_APP_PROTO], fo, 0,
			    (const uint8_t *)app, (uint32_t)strlen(app));
			tree_flag(t, an, TN_GENERATED | TN_CLEAN);
		}
		break;
	}
	default:
		info_item(k, st->ccs[dir & 1] ? "Encrypted Heartbeat" :
		    flen && base[fo] == 1 ? "Heartbeat Request" : "Heartbeat Response");
		break;
	}
}

/* The reasm PDU function: every record of the data, asking for the rest of the last. */
static void tls_pdu(struct dctx *d, struct cur *c, const struct reasm_pdu *p,
    struct reasm_need *need)
{
	struct call k = { d, stream_get(d, p->stream, 1), 0 };
	const uint8_t *base = c->base;
	uint32_t start = cur_off(c), n = (uint32_t)cur_left(c), off = 0;

	if (!k.st)
		return;

	if (k.st->info_frame != d->pi->num) {	/* dissect_ssl clears Info on its first call */
		k.st->info_frame = d->pi->num;
		col_clear(d->pi);
	}
	/* Wireshark adds a layer per call of the dissector, even one that only asks for
	 * more bytes ("tls:tls" when a segment ends one record and starts another), and its
	 * tree item: an empty "Transport Layer Security" on a segment that starts a record. */
	pi_push_proto(d->pi, "tls");
	push(&k, start, n);
	while (off < n) {
		uint32_t left = n - off;
		uint8_t ct;
		uint16_t ver, rl;
		if (left < 5 && !p->truncated) {
			need->need_off = off;
			need->need_len = REASM_ONE_MORE_SEGMENT;
			break;
		}
		if (!tls_record_header(base + start + off, left, &ct, &ver, &rl)) {
			const char *vs = tls_version_short(k.st->version);
			/* a session of a known version takes the bytes as a record: one
			 * without a valid content type is ignored (tshark) */
			int ignored = k.st->version >= 0x0300 && k.st->version <= 0x0304 &&
			    (base[start + off] < 20 || base[start + off] > 24);
			push(&k, start + off, left);
			info_item(&k, ignored ? "Ignored Unknown Record" : "Continuation Data");
			if (ignored)
				dissect_expert(d, tree_add_text(d->tree, k.tls_node, start + off, left,
				    "Ignored Unknown Record"), &fields[F_IGNORED], SEV_WARN, "Protocol",
				    "Ignored Unknown Record");
			col_set_proto(d->pi, vs ? vs : "SSL");	/* tshark's fallback here */
			break;
		}
		if (5u + rl > left && !p->truncated) {
			need->need_off = off;
			need->need_len = 5u + rl - left;
			break;
		}
		record(&k, base, start + off, left, p->dir);
		off += 5u + rl < left ? 5u + rl : left;
	}
	if (k.tls_node && d->tree)
		tree_set_len(d->tree, k.tls_node, off ? off : n);
}

int tls_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti)
{
	struct reasm_seg s;
	struct tls_stream *st;

	if (!d->sess || !d->sess->reasm || ti->no_subdissector)
		return 0;
	if (!cur_left(payload))
		return 0;
	st = stream_get(d, ti->stream, 1);
	if (!st)
		return 0;	/* a revisit before the first pass made it TLS */
	st->known = 1;
	if (!st->port_proto)
		st->port_proto = port_proto(ti->srcport, ti->dstport);
	st->info_frame = 0;	/* per-frame mark starts afresh (revisits too) */
	s = tcp_payload_seg(ti);
	reasm_segment(d->sess->reasm, d, payload, &s, tls_pdu);
	return 1;
}

int tls_tcp_heuristic(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti)
{
	struct tls_stream *st;
	uint8_t ct;
	uint16_t ver, rl;

	if (!d->sess)
		return 0;
	st = stream_get(d, ti->stream, 0);
	if (st && st->known)
		return tls_tcp_payload(d, payload, ti);
	if (!tls_record_header(payload->p, cur_left(payload), &ct, &ver, &rl) || ct > 23 ||
	    rl == 0 || rl > 16384 + 2048)
		return 0;
	return tls_tcp_payload(d, payload, ti);
}

/* ---- QUIC ---- */

/* A whole message at m: its node with the type, length and body. */
static void quic_message(struct dctx *d, uint32_t parent, const struct cur *m, const char *name)
{
	struct dtree *t = d->tree;
	struct tls_hs_state hs = { .version = 0x0304 };
	uint32_t hn = hs_header(t, parent, cur_off(m), cur_peek(m, 0), cur_peek_be24(m, 1),
	    (uint32_t)cur_left(m), name);
	struct cur body = cur_at(m, 4);

	hs_body(d, hn, &body, cur_peek(m, 0), &hs);
}

void tls_quic_crypto(struct dctx *d, uint32_t parent, const struct cur *data,
    const struct tls_hs_piece *pc, size_t n)
{
	struct dtree *t = d->tree;
	uint32_t rn;

	if (!n)
		return;
	pi_push_proto(d->pi, "tls");
	rn = tree_add(t, parent, &fields[F_PROTO], cur_off(data), (uint32_t)cur_left(data));
	for (size_t i = 0; i < n; i++) {
		const struct tls_hs_piece *p = &pc[i];
		struct cur at = cur_at(data, p->at), m = cur_sub(&at, p->len, NULL);
		struct cur whole = p->kind == TLS_PIECE_LAST ? cur_make(p->msg, p->msg_len) : m;
		const char *name = hs_name(p->type, &whole);
		uint32_t hn;

		if (i || p->kind == TLS_PIECE_MIDDLE)	/* tshark's label for a middle one too */
			tree_label(t, rn, "TLSv1.3 Record Layer: Handshake Protocol: Multiple Handshake Messages");
		else
			tree_label(t, rn, "TLSv1.3 Record Layer: Handshake Protocol: %s%s", name,
			    p->kind == TLS_PIECE_FRAGMENT ? " (fragment)" : "");
		if (p->kind == TLS_PIECE_WHOLE) {
			quic_message(d, rn, &m, name);
			continue;
		}
		hn = tree_add(t, rn, &fields[F_HS], cur_off(&m), (uint32_t)cur_left(&m));
		tree_label(t, hn, "Handshake Protocol: %s (%sfragment)", name,
		    p->kind == TLS_PIECE_LAST ? "last " : "");
		if (p->kind != TLS_PIECE_LAST)
			continue;
		dissect_fragment_list(t, rn, &fields[F_HS_FRAGS], &fields[F_HS_FRAG], &fields[F_HS_FRAG_COUNT],
		    p->frags, p->nfrags, p->msg_len);
		uint8_t back = t ? t->cursrc : 0;
		int src = t ? tree_add_source(t, "Reassembled Handshake Message", p->msg, p->msg_len) : 0;
		if (src)
			whole = cur_make(t->src[src].data, p->msg_len);
		quic_message(d, rn, &whole, name);
		if (t)
			tree_set_source(t, back);
	}
}
