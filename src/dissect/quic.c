/* quic.c — IETF QUIC (RFC 9000, 9001; drafts 23-32 and QUIC v2) over UDP, as tshark
 * 4.0 shows it without the TLS secrets.
 *
 *   long header:  | 1 1 type(2) rsv(2) pnl(2) | version (4) | DCIL | DCID | SCIL | SCID |
 *                 Initial: token length (varint), token; then length (varint),
 *                 packet number (1-4, protected), payload (AEAD)
 *   short header: | 0 1 spin rsv(2) key(1) pnl(2) | DCID (length from the handshake) |
 *                 packet number, payload: 1-RTT keys, which a capture does not have
 *
 * Initial packets are protected with keys every observer can derive from the
 * destination connection id of the client's first Initial (RFC 9001 section 5.2):
 * they are decrypted (OpenSSL's libcrypto: HKDF over HMAC-SHA256, AES-128 for the
 * header protection, AES-128-GCM for the payload) and their frames shown, as tshark
 * does; Handshake, 0-RTT and 1-RTT packets stay "Remaining Payload".  Each UDP
 * conversation that starts with a client Initial is a connection: it knows which side
 * is the client, the connection ids each side chose (a short header's DCID length)
 * and the largest packet number of each side's Initials (packet number decoding);
 * revisits replay that state as each frame saw it (frame_state).  Found by a heuristic
 * (a long header of a version tshark knows, on any port) and then by conversation.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/xmalloc.h"
#include "dissect/protos.h"
#include "dissect/session.h"
#include "dissect/tls.h"

#define QUIC_CID_MAX 20

static int quic_conv(struct dctx *d, struct cur *c);
static int quic_heur(struct dctx *d, struct cur *c);

enum {
	Q_PROTO, Q_CONN, Q_CONN_NUM, Q_PKT_LEN, Q_HEADER_FORM, Q_FIXED_BIT, Q_LONG_TYPE,
	Q_LONG_RSV, Q_PN_LEN, Q_VERSION, Q_DCIL, Q_DCID, Q_SCIL, Q_SCID, Q_TOKEN_LEN, Q_TOKEN,
	Q_LENGTH, Q_PKN, Q_PAYLOAD, Q_REMAINING, Q_SHORT, Q_SPIN, Q_FRAME, Q_FRAME_TYPE,
	Q_PADDING_LEN, Q_CRYPTO_OFF, Q_CRYPTO_LEN, Q_CRYPTO_DATA, Q_ACK_LARGEST, Q_ACK_DELAY,
	Q_ACK_RANGES, Q_ACK_FIRST, Q_ACK_GAP, Q_ACK_RANGE, Q_ACK_ECT0, Q_ACK_ECT1, Q_ACK_ECN_CE,
	Q_CC_ERROR, Q_CC_FRAME_TYPE, Q_CC_REASON_LEN, Q_CC_REASON, Q_RETRY_TOKEN,
	Q_RETRY_TAG, Q_SUPPORTED, Q_DECRYPTION, Q_VN_UNUSED, Q_FRAGS, Q_FRAG, Q_FRAG_COUNT,
};

static const struct val_str header_forms[] = { { 0, "Short Header" }, { 1, "Long Header" }, { 0, NULL } };
static const struct val_str true_false[] = { { 0, "False" }, { 1, "True" }, { 0, NULL } };
static const struct val_str long_types[] = {
	{ 0, "Initial" }, { 1, "0-RTT" }, { 2, "Handshake" }, { 3, "Retry" }, { 0, NULL }
};
static const struct val_str pn_lens[] = {
	{ 0, "1 bytes" }, { 1, "2 bytes" }, { 2, "3 bytes" }, { 3, "4 bytes" }, { 0, NULL }
};
static const struct val_str versions[] = {
	{ 0x00000000, "Version Negotiation" }, { 0x00000001, "1" }, { 0x6b3343cf, "2" },
	{ 0xff000017, "draft-23" }, { 0xff000018, "draft-24" }, { 0xff000019, "draft-25" },
	{ 0xff00001a, "draft-26" }, { 0xff00001b, "draft-27" }, { 0xff00001c, "draft-28" },
	{ 0xff00001d, "draft-29" }, { 0xff00001e, "draft-30" }, { 0xff00001f, "draft-31" },
	{ 0xff000020, "draft-32" }, { 0xff000021, "draft-33" }, { 0xff000022, "draft-34" },
	{ 0xfaceb001, "Facebook mvfst (draft-22)" }, { 0xfaceb002, "Facebook mvfst (draft-27)" },
	{ 0xfaceb00e, "Facebook mvfst (Experimental)" }, { 0, NULL }
};
/* Frame types as the tree names them (and Info's short names below). */
static const struct val_str frame_types[] = {
	{ 0x00, "PADDING" }, { 0x01, "PING" }, { 0x02, "ACK" }, { 0x03, "ACK" },
	{ 0x06, "CRYPTO" }, { 0x1c, "CONNECTION_CLOSE (Transport)" },
	{ 0x1d, "CONNECTION_CLOSE (Application)" }, { 0x1e, "HANDSHAKE_DONE" }, { 0, NULL }
};

#define F(abbrev, name, type, base, vals, help) { abbrev, name, type, base, 0, 0, vals, help, 0 }
#define BITS(abbrev, name, mask, vals, help) { abbrev, name, FT_UINT8, BASE_DEC, mask, 8, vals, help, 0 }
static const struct field_def fields[] = {
	[Q_PROTO] = F("quic", "QUIC IETF", FT_PROTOCOL, BASE_NONE, NULL,
		"QUIC (RFC 9000): TLS 1.3 inside encrypted UDP packets; HTTP/3 runs over it."),
	[Q_CONN] = F("quic.connection", "QUIC Connection information", FT_NONE, BASE_NONE, NULL,
		"The connection this packet belongs to."),
	[Q_CONN_NUM] = F("quic.connection.number", "Connection Number", FT_UINT32, BASE_DEC, NULL,
		"Connections numbered in the order their first Initial appears."),
	[Q_PKT_LEN] = F("quic.packet_length", "Packet Length", FT_UINT32, BASE_DEC, NULL,
		"Bytes of this QUIC packet (a datagram may carry several)."),
	[Q_HEADER_FORM] = BITS("quic.header_form", "Header Form", 0x80, header_forms,
		"1 bit: long header (handshake) or short header (1-RTT data)."),
	[Q_FIXED_BIT] = { "quic.fixed_bit", "Fixed Bit", FT_BOOLEAN, BASE_NONE, 0x40, 8, true_false,
		"1 bit: always 1 in QUIC v1 (lets middleboxes tell QUIC from other UDP).", 0 },
	[Q_LONG_TYPE] = BITS("quic.long.packet_type", "Packet Type", 0x30, long_types,
		"2 bits: Initial, 0-RTT, Handshake or Retry."),
	[Q_LONG_RSV] = BITS("quic.long.reserved", "Reserved", 0x0c, NULL,
		"2 bits, protected: must be 0."),
	[Q_PN_LEN] = BITS("quic.packet_number_length", "Packet Number Length", 0x03, pn_lens,
		"2 bits, protected: bytes of the packet number, minus 1."),
	[Q_VERSION] = { "quic.version", "Version", FT_UINT32, BASE_HEX, 0, 0, versions,
		"32 bits: 1 is RFC 9000; 0 is a Version Negotiation packet.", 0 },
	[Q_DCIL] = F("quic.dcil", "Destination Connection ID Length", FT_UINT8, BASE_DEC, NULL,
		"Bytes of the destination connection id (0-20)."),
	[Q_DCID] = F("quic.dcid", "Destination Connection ID", FT_BYTES, BASE_NONE, NULL,
		"Chosen by the receiver: lets it find the connection even when addresses change."),
	[Q_SCIL] = F("quic.scil", "Source Connection ID Length", FT_UINT8, BASE_DEC, NULL,
		"Bytes of the source connection id (0-20)."),
	[Q_SCID] = F("quic.scid", "Source Connection ID", FT_BYTES, BASE_NONE, NULL,
		"The id the sender wants the peer to use as destination from now on."),
	[Q_TOKEN_LEN] = F("quic.token_length", "Token Length", FT_UINT64, BASE_DEC, NULL,
		"Initial: bytes of the address validation token (from a Retry or NEW_TOKEN)."),
	[Q_TOKEN] = F("quic.token", "Token", FT_BYTES, BASE_NONE, NULL,
		"The address validation token."),
	[Q_LENGTH] = F("quic.length", "Length", FT_UINT64, BASE_DEC, NULL,
		"Bytes of the packet number and payload that follow."),
	[Q_PKN] = F("quic.packet_number", "Packet Number", FT_UINT64, BASE_DEC, NULL,
		"Never reused within a packet number space (unlike TCP sequence numbers)."),
	[Q_PAYLOAD] = F("quic.payload", "Payload", FT_BYTES, BASE_NONE, NULL,
		"The encrypted payload (AEAD, with its 16-byte tag)."),
	[Q_REMAINING] = F("quic.remaining_payload", "Remaining Payload", FT_BYTES, BASE_NONE, NULL,
		"Bytes that could not be decrypted: the keys come from the TLS handshake."),
	[Q_SHORT] = F("quic.short", "QUIC Short Header", FT_NONE, BASE_NONE, NULL,
		"The 1-RTT header: flags and the destination connection id."),
	[Q_SPIN] = { "quic.spin_bit", "Spin Bit", FT_BOOLEAN, BASE_NONE, 0x20, 8, true_false,
		"1 bit an observer can use to measure the round-trip time.", 0 },
	[Q_FRAME] = F("quic.frame", "Frame", FT_NONE, BASE_NONE, NULL,
		"One frame of the decrypted payload."),
	[Q_FRAME_TYPE] = { "quic.frame_type", "Frame Type", FT_UINT64, BASE_DEC, 0, 0, frame_types,
		"What the frame does: CRYPTO carries TLS handshake bytes, ACK acknowledges.", 0 },
	[Q_PADDING_LEN] = F("quic.padding_length", "Padding Length", FT_UINT32, BASE_DEC, NULL,
		"Zero bytes: a client's first Initial is padded to 1200 bytes."),
	[Q_CRYPTO_OFF] = F("quic.crypto.offset", "Offset", FT_UINT64, BASE_DEC, NULL,
		"Where the data goes in the TLS handshake byte stream of this level."),
	[Q_CRYPTO_LEN] = F("quic.crypto.length", "Length", FT_UINT64, BASE_DEC, NULL,
		"Bytes of handshake data in this frame."),
	[Q_CRYPTO_DATA] = F("quic.crypto.crypto_data", "Crypto Data", FT_NONE, BASE_NONE, NULL,
		"TLS 1.3 handshake messages (ClientHello, ServerHello), without TLS records."),
	[Q_ACK_LARGEST] = F("quic.ack.largest_acknowledged", "Largest Acknowledged", FT_UINT64, BASE_DEC, NULL,
		"The highest packet number acknowledged."),
	[Q_ACK_DELAY] = F("quic.ack.ack_delay", "ACK Delay", FT_UINT64, BASE_DEC, NULL,
		"How long the receiver held the acknowledgement (scaled microseconds)."),
	[Q_ACK_RANGES] = F("quic.ack.ack_range_count", "ACK Range Count", FT_UINT64, BASE_DEC, NULL,
		"Number of (gap, range) pairs after the first range."),
	[Q_ACK_FIRST] = F("quic.ack.first_ack_range", "First ACK Range", FT_UINT64, BASE_DEC, NULL,
		"Packets acknowledged below the largest, contiguously."),
	[Q_ACK_GAP] = F("quic.ack.gap", "Gap", FT_UINT64, BASE_DEC, NULL,
		"Packets not acknowledged, minus 1."),
	[Q_ACK_RANGE] = F("quic.ack.ack_range", "ACK Range", FT_UINT64, BASE_DEC, NULL,
		"Packets acknowledged below the gap, minus 1."),
	[Q_ACK_ECT0] = F("quic.ack.ect0_count", "ECT(0) Count", FT_UINT64, BASE_DEC, NULL,
		"Packets received with ECT(0)."),
	[Q_ACK_ECT1] = F("quic.ack.ect1_count", "ECT(1) Count", FT_UINT64, BASE_DEC, NULL,
		"Packets received with ECT(1)."),
	[Q_ACK_ECN_CE] = F("quic.ack.ecn_ce_count", "ECN-CE Count", FT_UINT64, BASE_DEC, NULL,
		"Packets received with Congestion Experienced."),
	[Q_CC_ERROR] = F("quic.cc.error_code", "Error code", FT_UINT64, BASE_DEC, NULL,
		"Why the connection closes (0: no error)."),
	[Q_CC_FRAME_TYPE] = F("quic.cc.frame_type", "Frame Type", FT_UINT64, BASE_DEC, NULL,
		"The frame type that caused the error."),
	[Q_CC_REASON_LEN] = F("quic.cc.reason_phrase.length", "Reason phrase Length", FT_UINT64, BASE_DEC, NULL,
		"Bytes of the reason phrase."),
	[Q_CC_REASON] = F("quic.cc.reason_phrase", "Reason phrase", FT_STRING, BASE_NONE, NULL,
		"A human-readable reason."),
	[Q_RETRY_TOKEN] = F("quic.retry_token", "Retry Token", FT_BYTES, BASE_NONE, NULL,
		"The token the client must send back in its next Initial."),
	[Q_VN_UNUSED] = { "quic.vn.unused", "Unused", FT_UINT8, BASE_HEX, 0x7f, 8, NULL,
		"7 bits a Version Negotiation packet leaves to chance.", 0 },
	[Q_FRAGS] = F("quic.crypto.fragments", "Reassembled QUIC CRYPTO Data Fragments", FT_NONE, BASE_NONE,
		NULL, "CRYPTO frames that came out of order, put back in order."),
	[Q_FRAG] = F("quic.crypto.fragment", "QUIC CRYPTO Data Fragment", FT_FRAMENUM, BASE_NONE, NULL,
		"One CRYPTO frame's data: the frame it came in and which bytes."),
	[Q_FRAG_COUNT] = F("quic.crypto.fragment.count", "Fragment count", FT_UINT32, BASE_DEC, NULL,
		"How many CRYPTO frames the data was put together from."),
	[Q_RETRY_TAG] = F("quic.retry_integrity_tag", "Retry Integrity Tag", FT_BYTES, BASE_NONE, NULL,
		"16 bytes proving the Retry came from a server that saw the Initial."),
	[Q_SUPPORTED] = { "quic.supported_version", "Supported Version", FT_UINT32, BASE_HEX, 0, 0, versions,
		"A version the server supports (Version Negotiation).", 0 },
	[Q_DECRYPTION] = F("quic.decryption_failed", "Failed to create decryption context", FT_NONE, BASE_NONE, NULL,
		"Expert note: the keys of this packet are not in the capture."),
};
static const struct field_table quic_table = REG_TABLE(fields);
static const struct handoff quic_handoffs[] = {
	{ HO_UDP_CONV, .heur = quic_conv },
	{ HO_UDP_HEUR, .heur = quic_heur },
};
const struct proto_reg quic_proto = REG_PROTO(quic_table, quic_handoffs);

/* ---- versions and keys (RFC 9001 section 5) ---- */

struct qkeys {
	uint8_t key[16], iv[12], hp[16];
};

static int is_v2(uint32_t v)
{
	return v == 0x6b3343cf;
}

/* A version that forces a Version Negotiation (RFC 9000 section 15: 0x?a?a?a?a). */
static int is_grease(uint32_t v)
{
	return (v & 0x0f0f0f0f) == 0x0a0a0a0a;
}

/* The IETF draft a version follows (Facebook's mvfst ones included), 0 for none. */
static int draft_of(uint32_t v)
{
	if ((v >> 8) == 0xff0000)
		return (int)(v & 0xff);
	if (v == 0xfaceb001)
		return 22;
	if (v == 0xfaceb002 || v == 0xfaceb00e)
		return 27;
	return 0;
}

/* A version tshark 4.0 dissects: 1, 2, drafts 17 to 34, mvfst's, and the ones that
 * force a Version Negotiation (0x?a?a?a?a). */
static int known_version(uint32_t v)
{
	int dr = draft_of(v);

	return v == 1 || is_v2(v) || (dr >= 17 && dr <= 34) || is_grease(v);
}

/* The salt of a version: 1, 2, drafts up to 22, 23-28, 29 on; others (grease,
 * unknown) get draft 29's, as tshark 4.0 gives them. */
static const uint8_t *initial_salt(uint32_t v)
{
	static const uint8_t v1[20] = { 0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17,
		0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a };
	static const uint8_t d22[20] = { 0x7f, 0xbc, 0xdb, 0x0e, 0x7c, 0x66, 0xbb, 0xe9, 0x19, 0x3a,
		0x96, 0xcd, 0x21, 0x51, 0x9e, 0xbd, 0x7a, 0x02, 0x64, 0x4a };
	static const uint8_t v2[20] = { 0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93,
		0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9, 0xbd, 0x2e, 0xd9 };
	static const uint8_t d23[20] = { 0xc3, 0xee, 0xf7, 0x12, 0xc7, 0x2e, 0xbb, 0x5a, 0x11, 0xa7,
		0xd2, 0x43, 0x2b, 0xb4, 0x63, 0x65, 0xbe, 0xf9, 0xf5, 0x02 };
	static const uint8_t d29[20] = { 0xaf, 0xbf, 0xec, 0x28, 0x99, 0x93, 0xd2, 0x4c, 0x9e, 0x97,
		0x86, 0xf1, 0x9c, 0x61, 0x11, 0xe0, 0x43, 0x90, 0xa8, 0x99 };

	int dr = draft_of(v);

	if (dr && dr <= 22)
		return d22;
	if (dr && dr <= 28)
		return d23;
	if (dr >= 33)		/* draft 33 took RFC 9001's salt */
		return v1;
	if (is_v2(v))
		return v2;
	return v == 1 ? v1 : d29;
}

/* HKDF-Expand-Label (RFC 8446 section 7.1) of at most 32 bytes: one HMAC block. */
static void expand_label(const uint8_t prk[32], const char *label, uint8_t *out, size_t n)
{
	uint8_t info[64], t[32];
	size_t ll = strlen(label), at = 0;
	unsigned tl = 0;

	info[at++] = (uint8_t)(n >> 8);
	info[at++] = (uint8_t)n;
	info[at++] = (uint8_t)(6 + ll);
	memcpy(info + at, "tls13 ", 6);
	at += 6;
	memcpy(info + at, label, ll);
	at += ll;
	info[at++] = 0;		/* no context */
	info[at++] = 1;		/* T(1) */
	HMAC(EVP_sha256(), prk, 32, info, at, t, &tl);
	memcpy(out, t, n);
}

/* The Initial keys of one side, from the client's first destination connection id. */
static void initial_keys(uint32_t version, const uint8_t *dcid, size_t dcid_len, int server,
    struct qkeys *k)
{
	uint8_t initial[32], secret[32];
	unsigned n = 0;
	int v2 = is_v2(version);

	HMAC(EVP_sha256(), initial_salt(version), 20, dcid, dcid_len, initial, &n);
	expand_label(initial, server ? "server in" : "client in", secret, 32);
	expand_label(secret, v2 ? "quicv2 key" : "quic key", k->key, 16);
	expand_label(secret, v2 ? "quicv2 iv" : "quic iv", k->iv, 12);
	expand_label(secret, v2 ? "quicv2 hp" : "quic hp", k->hp, 16);
}

/* AES-128 of one block (the header protection mask); 0 on failure. */
static int hp_mask(const uint8_t hp[16], const uint8_t sample[16], uint8_t mask[16])
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n = 0, ok = ctx && EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, hp, NULL) == 1 &&
	    EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 &&
	    EVP_EncryptUpdate(ctx, mask, &n, sample, 16) == 1 && n == 16;

	EVP_CIPHER_CTX_free(ctx);
	return ok;
}

/* AES-128-GCM open of ct (n bytes, the last 16 the tag) into out; 0 on failure. */
static int aead_open(const struct qkeys *k, uint64_t pn, const uint8_t *aad, size_t aad_len,
    const uint8_t *ct, size_t n, uint8_t *out)
{
	uint8_t nonce[12];
	EVP_CIPHER_CTX *ctx;
	int len = 0, ok;

	if (n < 16)
		return 0;
	memcpy(nonce, k->iv, 12);
	for (int i = 0; i < 8; i++)
		nonce[11 - i] ^= (uint8_t)(pn >> (8 * i));
	ctx = EVP_CIPHER_CTX_new();
	ok = ctx && EVP_DecryptInit_ex(ctx, EVP_aes_128_gcm(), NULL, NULL, NULL) == 1 &&
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, 12, NULL) == 1 &&
	    EVP_DecryptInit_ex(ctx, NULL, NULL, k->key, nonce) == 1 &&
	    EVP_DecryptUpdate(ctx, NULL, &len, aad, (int)aad_len) == 1 &&
	    EVP_DecryptUpdate(ctx, out, &len, ct, (int)(n - 16)) == 1 &&
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, (void *)(ct + n - 16)) == 1 &&
	    EVP_DecryptFinal_ex(ctx, out + len, &len) == 1;
	EVP_CIPHER_CTX_free(ctx);
	return ok;
}

/* Does a Retry's integrity tag check out (RFC 9001 section 5.8)?  The tag is AES-128-GCM
 * with the version's fixed key over the client's original DCID and the Retry's bytes
 * before the tag.  -1 for a version without a tag (drafts before 25). */
static int retry_verified(uint32_t version, const uint8_t *odcid, uint8_t odcid_len,
    const uint8_t *pkt, size_t len)
{
	static const struct { uint8_t key[16], nonce[12]; } keys[] = {
		{ { 0xbe, 0x0c, 0x69, 0x0b, 0x9f, 0x66, 0x57, 0x5a, 0x1d, 0x76, 0x6b, 0x54, 0xe3, 0x68,
		    0xc8, 0x4e }, { 0x46, 0x15, 0x99, 0xd3, 0x5d, 0x63, 0x2b, 0xf2, 0x23, 0x98, 0x25,
		    0xbb } },		/* 1, drafts 33 and 34 */
		{ { 0xcc, 0xce, 0x18, 0x7e, 0xd0, 0x9a, 0x09, 0xd0, 0x57, 0x28, 0x15, 0x5a, 0x6c, 0xb9,
		    0x6b, 0xe1 }, { 0xe5, 0x49, 0x30, 0xf9, 0x7f, 0x21, 0x36, 0xf0, 0x53, 0x0a, 0x8c,
		    0x1c } },		/* drafts 29 to 32 */
		{ { 0x4d, 0x32, 0xec, 0xdb, 0x2a, 0x21, 0x33, 0xc8, 0x41, 0xe4, 0x04, 0x3d, 0xf2, 0x7d,
		    0x44, 0x30 }, { 0x4d, 0x16, 0x11, 0xd0, 0x55, 0x13, 0xa5, 0x52, 0xc5, 0x87, 0xd5,
		    0x75 } },		/* drafts 25 to 28 */
		{ { 0x8f, 0xb4, 0xb0, 0x1b, 0x56, 0xac, 0x48, 0xe2, 0x60, 0xfb, 0xcb, 0xce, 0xad, 0x7c,
		    0xcc, 0x92 }, { 0xd8, 0x69, 0x69, 0xbc, 0x2d, 0x7c, 0x6d, 0x99, 0x90, 0xef, 0xb0,
		    0x4a } },		/* 2 */
	};
	int dr = draft_of(version), k = is_v2(version) ? 3 : dr >= 33 || !dr ? 0 : dr >= 29 ? 1 : 2;
	struct qkeys key;
	uint8_t aad[1 + QUIC_CID_MAX + 1500], none[1];

	if (dr && dr < 25)
		return -1;
	if (len < 16 || 1 + (size_t)odcid_len + len - 16 > sizeof(aad))
		return 0;
	memcpy(key.key, keys[k].key, 16);
	memcpy(key.iv, keys[k].nonce, 12);
	aad[0] = odcid_len;
	memcpy(aad + 1, odcid, odcid_len);
	memcpy(aad + 1 + odcid_len, pkt, len - 16);
	return aead_open(&key, 0, aad, 1 + odcid_len + len - 16, pkt + len - 16, 16, none);
}

/* ---- connections ---- */

struct quic_conn {
	uint32_t version;
	uint32_t number;		/* "Connection Number" */
	uint8_t known;			/* a client Initial began it */
	uint8_t client_is_src_lo;	/* the client is the lower of the two endpoints */
	uint8_t client_cid_len, server_cid_len, odcid_len;
	uint8_t client_cid[QUIC_CID_MAX], server_cid[QUIC_CID_MAX], odcid[QUIC_CID_MAX];
	uint8_t retry;			/* a Retry came: the next client Initial picks the keys */
	uint8_t short_seen;		/* a short header came (its missing keys are said once) */
	uint64_t largest_pn[2];		/* Initial space, client / server: largest + 1 */
	/* Initial CRYPTO data, client / server: the offset up to which it was handed on
	 * (crypto_gap: no longer followed, see crypto_frame) and the handshake message it
	 * is in the middle of (hs_total bytes with its header, hs_have of them seen) */
	uint64_t crypto_next[2];
	uint32_t hs_total[2], hs_have[2];
	uint8_t hs_type[2], crypto_gap[2];
	uint8_t cipher_known;		/* the server's Server Hello came (its cipher suite) */
	struct frame_state fs;		/* the fields above as each frame began (revisits) */
	/* first pass only: the unfinished message's bytes and fragments; then each
	 * finished message, by the frame that finished it (for revisits) */
	struct hs_msg {
		uint32_t frame;
		uint8_t dir;
		uint64_t coff;
		uint8_t *msg;
		struct dfrag *frags;
		size_t nfrags;
	} pending[2], *done;
	size_t ndone, donecap;
	/* first pass only: CRYPTO data that came before the data in front of it (coff:
	 * its offset, frags[0]: its frame and length); then each block such data was
	 * joined into, by the frame whose data filled the gap (coff: its offset) */
	struct hs_msg *held[2], *joined;
	size_t nheld[2], heldcap[2], njoined, joinedcap;
};

struct quic_conns {
	struct quic_conn **v;
	size_t n, cap;
	uint32_t count;
};

static void hs_msgs_free(struct hs_msg *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].msg);
		free(v[i].frags);
	}
	free(v);
}

static void conns_release(void *p)
{
	struct quic_conns *s = p;

	for (size_t i = 0; i < s->n; i++) {
		struct quic_conn *cn = s->v[i];
		if (!cn)
			continue;
		for (int k = 0; k < 2; k++) {
			free(cn->pending[k].msg);
			free(cn->pending[k].frags);
		}
		hs_msgs_free(cn->done, cn->ndone);
		hs_msgs_free(cn->held[0], cn->nheld[0]);
		hs_msgs_free(cn->held[1], cn->nheld[1]);
		hs_msgs_free(cn->joined, cn->njoined);
		free(cn);
	}
	free(s->v);
	free(s);
}

/* The UDP conversation's connection as this frame sees it, NULL when none. */
static struct quic_conn *conn_get(struct dctx *d, int create)
{
	struct sess_slot *sl;
	struct quic_conns *s;
	uint32_t st = d->pi->stream;

	if (!d->sess || d->pi->stream_ptype != PT_UDP || d->pi->in_error)
		return NULL;
	sl = &d->sess->slot[SESS_SLOT_QUIC];
	if (!(s = sl->p)) {
		if (!create)
			return NULL;
		s = sl->p = xcalloc(1, sizeof(*s));
		sl->release = conns_release;
	}
	if (st >= s->n) {
		if (!create)
			return NULL;
		s->v = xgrow(s->v, &s->cap, (size_t)st + 1, sizeof(*s->v));
		memset(s->v + s->n, 0, ((size_t)st + 1 - s->n) * sizeof(*s->v));
		s->n = (size_t)st + 1;
	}
	if (!s->v[st] && create) {
		s->v[st] = xcalloc(1, sizeof(struct quic_conn));
		s->v[st]->number = s->count++;
	}
	if (!s->v[st])
		return NULL;
	return frame_state_get(&s->v[st]->fs, d, s->v[st], offsetof(struct quic_conn, fs),
	    sizeof(struct quic_conn));
}

/* Is this packet from the lower endpoint (address, then port)? */
static int src_is_lo(const struct pinfo *pi)
{
	int c = memcmp(pi->net_src.a, pi->net_dst.a, sizeof(pi->net_src.a));

	return c < 0 || (c == 0 && pi->srcport <= pi->dstport);
}

/* ---- packets ---- */

/* A variable-length integer (RFC 9000 section 16); sets the cursor's error when cut. */
/* The full packet number from its truncated form (RFC 9000 appendix A.3). */
static uint64_t decode_pn(uint64_t largest1, uint64_t truncated, int bytes)
{
	static const uint64_t wins[5] = { 0, 0x100, 0x10000, 0x1000000, 0x100000000 };
	uint64_t expected = largest1, win = wins[bytes], hwin = win / 2;
	uint64_t cand = (expected & ~(win - 1)) | truncated;

	if (cand + hwin <= expected && cand < ((uint64_t)1 << 62) - win)
		return cand + win;
	if (cand > expected + hwin && cand >= win)
		return cand - win;
	return cand;
}

/* A long header, parsed before anything is shown (the protected bits come first). */
struct qlong {
	uint8_t first, type, dcil, scil;
	uint32_t version;
	const uint8_t *dcid, *scid;
	uint32_t dcid_off, scid_off;
	uint64_t token_len, length;
	uint32_t token_off, length_off, pn_off;
	/* after the header protection is off (Initial) */
	int hp_ok, pnl;
	uint64_t pn;
	uint8_t *plain;			/* decrypted frames, NULL when the AEAD failed */
	uint32_t plain_len;
};

struct qpkt {
	struct dctx *d;
	uint32_t node;			/* the packet's QUIC node */
	int from_server;
	struct quic_conn *conn;
};

static void info_cid(struct pinfo *pi, const char *name, const uint8_t *cid, uint8_t n)
{
	if (!n || n > QUIC_CID_MAX)	/* tshark names RFC 9000's ids only */
		return;
	col_append(pi, ", %s=", name);
	for (uint8_t i = 0; i < n; i++)
		col_append(pi, "%02x", cid[i]);
}

static uint32_t frame_node(struct dtree *t, uint32_t parent, uint32_t off, uint64_t type,
    const char *label)
{
	uint32_t n = tree_add(t, parent, &fields[Q_FRAME], off, 0);

	tree_label(t, n, "%s", label);
	/* the value in decimal (-T fields), the label in hex, as tshark */
	tree_label(t, tree_add_uint(t, n, &fields[Q_FRAME_TYPE], off, 1, type),
	    "Frame Type: %s (0x%016" PRIx64 ")", val_to_str((uint32_t)type, frame_types), type);
	return n;
}

static void ack_frame(struct dtree *t, uint32_t n, struct cur *c, uint32_t off, uint64_t type)
{
	tree_add_uint(t, n, &fields[Q_ACK_LARGEST], off, 0, cur_quic_varint(c));
	tree_add_uint(t, n, &fields[Q_ACK_DELAY], off, 0, cur_quic_varint(c));
	uint64_t ranges = cur_quic_varint(c);
	tree_add_uint(t, n, &fields[Q_ACK_RANGES], off, 0, ranges);
	tree_add_uint(t, n, &fields[Q_ACK_FIRST], off, 0, cur_quic_varint(c));
	for (uint64_t i = 0; i < ranges && cur_ok(c); i++) {
		tree_add_uint(t, n, &fields[Q_ACK_GAP], off, 0, cur_quic_varint(c));
		tree_add_uint(t, n, &fields[Q_ACK_RANGE], off, 0, cur_quic_varint(c));
	}
	if (type == 0x03) {
		tree_add_uint(t, n, &fields[Q_ACK_ECT0], off, 0, cur_quic_varint(c));
		tree_add_uint(t, n, &fields[Q_ACK_ECT1], off, 0, cur_quic_varint(c));
		tree_add_uint(t, n, &fields[Q_ACK_ECN_CE], off, 0, cur_quic_varint(c));
	}
}

/* Skips n bytes of c, or marks it cut when fewer are left. */
static void skip_or_cut(struct cur *c, uint64_t n)
{
	if (n > cur_left(c))
		cur_skip(c, cur_left(c) + 1);
	else
		cur_skip(c, (size_t)n);
}

/* The frames of a decrypted payload (its own data source). */
/* One fragment more of the message the stream is in the middle of. */
static void hs_more(struct qpkt *q, int dir, const struct cur *mid)
{
	struct hs_msg *h = &q->conn->pending[dir];

	if (q->d->pi->visited || !h->msg)
		return;
	memcpy(h->msg + q->conn->hs_have[dir], mid->p, cur_left(mid));
	h->frags = xrealloc(h->frags, (h->nfrags + 1) * sizeof(*h->frags));
	h->frags[h->nfrags++] = (struct dfrag){ q->d->pi->num, (uint32_t)cur_left(mid) };
}

/* A message of the Initial CRYPTO stream that the stream's in-order data completes in
 * this frame (dir: 0 client, 1 server), fragments and bytes; on a revisit the ones the
 * first pass kept. */
static struct hs_msg *hs_finish(struct qpkt *q, int dir, const struct cur *tail)
{
	struct quic_conn *cn = q->conn;
	uint32_t frame = q->d->pi->num;
	struct hs_msg *h = &cn->pending[dir];

	if (q->d->pi->visited) {
		for (size_t i = 0; i < cn->ndone; i++)
			if (cn->done[i].frame == frame && cn->done[i].dir == dir)
				return &cn->done[i];
		return NULL;
	}
	if (!h->msg)
		return NULL;
	hs_more(q, dir, tail);
	h->frame = frame;
	h->dir = (uint8_t)dir;
	cn->done = xgrow(cn->done, &cn->donecap, cn->ndone + 1, sizeof(*cn->done));
	cn->done[cn->ndone++] = *h;
	memset(h, 0, sizeof(*h));
	return &cn->done[cn->ndone - 1];
}

/* A message of the stream that begins here and goes on in later frames. */
static void hs_begin(struct qpkt *q, int dir, const struct cur *head, uint32_t total)
{
	struct hs_msg *h = &q->conn->pending[dir];

	if (q->d->pi->visited)
		return;
	free(h->msg);
	free(h->frags);
	h->msg = xmalloc(total);
	memcpy(h->msg, head->p, cur_left(head));
	h->frags = xmalloc(sizeof(*h->frags));
	h->frags[0] = (struct dfrag){ q->d->pi->num, (uint32_t)cur_left(head) };
	h->nfrags = 1;
}

#define HS_MSG_MAX 65536	/* a longer message is not followed */
#define CRYPTO_HELD_MAX 256	/* out-of-order CRYPTO frames kept a direction */

static int held_cmp(const void *a, const void *b)
{
	const struct hs_msg *x = a, *y = b;

	return x->coff < y->coff ? -1 : x->coff > y->coff;
}

/* A CRYPTO frame's data at stream offset coff (not before the in-order offset) as
 * tshark reassembles CRYPTO data: it waits with the others until the data from the
 * in-order offset has no hole, then all of it goes on as one block, from the frame
 * that filled the last hole.  Returns that block (its pieces in order), NULL while
 * data is missing; on a revisit, what the first pass gave this frame. */
static const struct hs_msg *crypto_add(struct qpkt *q, int dir, const struct cur *data,
    uint64_t coff)
{
	struct quic_conn *cn = q->conn;
	uint32_t frame = q->d->pi->num, len = (uint32_t)cur_left(data);
	uint64_t next = cn->crypto_next[dir], end = next, maxend = 0;
	struct hs_msg *v, *h, j = { frame, (uint8_t)dir, coff, NULL, NULL, 0 };
	size_t n;

	if (q->d->pi->visited) {
		for (size_t i = 0; i < cn->njoined; i++)
			if (cn->joined[i].frame == frame && cn->joined[i].dir == dir &&
			    cn->joined[i].coff == coff)
				return &cn->joined[i];
		return NULL;
	}
	for (size_t i = 0; i < cn->nheld[dir]; i++)
		if (cn->held[dir][i].coff == coff)
			return NULL;		/* the same data again */
	if (cn->nheld[dir] >= CRYPTO_HELD_MAX)
		return NULL;
	cn->held[dir] = xgrow(cn->held[dir], &cn->heldcap[dir], cn->nheld[dir] + 1, sizeof(*h));
	h = &cn->held[dir][cn->nheld[dir]++];
	*h = (struct hs_msg){ frame, (uint8_t)dir, coff, xmalloc(len), xmalloc(sizeof(struct dfrag)), 1 };
	memcpy(h->msg, data->p, len);
	h->frags[0] = (struct dfrag){ frame, len };
	v = cn->held[dir];
	n = cn->nheld[dir];
	qsort(v, n, sizeof(*v), held_cmp);
	for (size_t i = 0; i < n; i++) {
		uint64_t e = v[i].coff + v[i].frags[0].len;
		if (v[i].coff <= end && e > end)
			end = e;
		if (e > maxend)
			maxend = e;
	}
	if (end == next || end < maxend)
		return NULL;
	j.msg = xmalloc((size_t)(end - next));
	j.frags = xmalloc(n * sizeof(*j.frags));
	for (size_t i = 0; i < n; i++) {
		memcpy(j.msg + (v[i].coff - next), v[i].msg, v[i].frags[0].len);
		j.frags[j.nfrags++] = v[i].frags[0];
	}
	hs_msgs_free(v, n);
	cn->held[dir] = NULL;
	cn->nheld[dir] = cn->heldcap[dir] = 0;
	cn->joined = xgrow(cn->joined, &cn->joinedcap, cn->njoined + 1, sizeof(j));
	cn->joined[cn->njoined] = j;
	return &cn->joined[cn->njoined++];
}

/* A CRYPTO frame's data (at stream offset coff) of a decrypted Initial: the handshake
 * messages in it to TLS once the data from the in-order offset has no hole (crypto_add),
 * as tshark's CRYPTO desegmentation shows them; data seen before is noted as a
 * retransmission.  Data overlapping what came, or a message too long to follow, ends
 * the following of that direction (crypto_gap). */
static void crypto_frame(struct qpkt *q, uint32_t node, const struct cur *in, uint64_t coff)
{
	struct quic_conn *cn = q->conn;
	struct dtree *t = q->d->tree;
	int dir = q->from_server;
	uint64_t len = cur_left(in);
	struct tls_hs_piece pc[8];
	size_t n = 0, at = 0;
	struct cur block = *in;
	const struct cur *data = &block;
	const struct hs_msg *j;
	uint8_t back = t ? t->cursrc : 0;

	if (!cn || !len || cn->crypto_gap[dir])
		return;
	if (coff + len <= cn->crypto_next[dir]) {
		uint32_t r = tree_add_text(t, node, cur_off(in), (uint32_t)len, "%s",
		    "This QUIC frame has a reused stream offset (retransmission?)");
		dissect_expert(q->d, r, NULL, SEV_NOTE, "Sequence",
		    "This QUIC frame has a reused stream offset (retransmission?)");
		return;
	}
	if (coff < cn->crypto_next[dir]) {	/* overlaps what came: not followed */
		cn->crypto_gap[dir] = 1;
		return;
	}
	if (!(j = crypto_add(q, dir, in, coff)))
		return;
	for (size_t i = len = 0; i < j->nfrags; i++)
		len += j->frags[i].len;
	if (j->nfrags > 1) {
		dissect_fragment_list(t, node, &fields[Q_FRAGS], &fields[Q_FRAG], &fields[Q_FRAG_COUNT],
		    j->frags, j->nfrags, (uint32_t)len);
		int src = t ? tree_add_source(t, "Reassembled QUIC CRYPTO", j->msg, (uint32_t)len) : 0;
		block = cur_make(src ? t->src[src].data : j->msg, len);
	}
	cn->crypto_next[dir] += len;
	while (at < len && n < sizeof(pc) / sizeof(pc[0])) {
		struct cur rest = cur_at(data, at);
		struct tls_hs_piece *p = &pc[n];
		memset(p, 0, sizeof(*p));
		p->at = (uint32_t)at;
		if (cn->hs_total[dir]) {		/* the message begun earlier goes on */
			uint32_t want = cn->hs_total[dir] - cn->hs_have[dir];
			struct cur part = cur_sub(&rest, want, NULL);
			p->type = cn->hs_type[dir];
			p->len = (uint32_t)cur_left(&part);
			if (p->len < want) {
				p->kind = TLS_PIECE_MIDDLE;
				hs_more(q, dir, &part);
				cn->hs_have[dir] += p->len;
			} else {
				const struct hs_msg *h = hs_finish(q, dir, &part);
				cn->hs_total[dir] = cn->hs_have[dir] = 0;
				if (!h)
					break;
				p->kind = TLS_PIECE_LAST;
				p->msg = h->msg;
				for (size_t i = 0; i < h->nfrags; i++)
					p->msg_len += h->frags[i].len;
				p->frags = h->frags;
				p->nfrags = h->nfrags;
			}
		} else {
			if (cur_left(&rest) < 4) {	/* a header cut in two: not followed */
				cn->crypto_gap[dir] = 1;
				break;
			}
			uint32_t total = 4 + cur_peek_be24(&rest, 1);
			p->type = cur_peek(&rest, 0);
			p->len = total <= cur_left(&rest) ? total : (uint32_t)cur_left(&rest);
			if (p->len == total)
				p->kind = TLS_PIECE_WHOLE;
			else if (total > HS_MSG_MAX) {
				cn->crypto_gap[dir] = 1;
				break;
			} else {
				p->kind = TLS_PIECE_FRAGMENT;
				hs_begin(q, dir, &rest, total);
				cn->hs_total[dir] = total;
				cn->hs_have[dir] = p->len;
				cn->hs_type[dir] = p->type;
			}
		}
		if (dir && p->type == 2 && (p->kind == TLS_PIECE_WHOLE || p->kind == TLS_PIECE_LAST))
			cn->cipher_known = 1;
		at += p->len;
		n++;
	}
	tls_quic_crypto(q->d, node, data, pc, n);
	if (t)
		tree_set_source(t, back);
}

static void frames(struct qpkt *q, struct cur *c)
{
	struct dtree *t = q->d->tree;
	struct pinfo *pi = q->d->pi;

	while (cur_left(c) && cur_ok(c)) {
		uint32_t off = cur_off(c), n;
		uint64_t type = cur_quic_varint(c);
		if (type == 0x00) {
			uint32_t len = 1;
			for (; cur_left(c) && cur_peek(c, 0) == 0; len++)
				cur_skip(c, 1);
			n = frame_node(t, q->node, off, type, "PADDING");
			tree_label(t, n, "PADDING Length: %u", len);
			tree_set_len(t, n, len);
			tree_flag(t, tree_add_uint(t, n, &fields[Q_PADDING_LEN], off, len, len), TN_GENERATED);
			col_append(pi, ", PADDING");
		} else if (type == 0x01) {
			frame_node(t, q->node, off, type, "PING");
			col_append(pi, ", PING");
		} else if (type == 0x02 || type == 0x03) {
			ack_frame(t, frame_node(t, q->node, off, type, "ACK"), c, off, type);
			col_append(pi, type == 0x02 ? ", ACK" : ", ACK_ECN");
		} else if (type == 0x06) {
			n = frame_node(t, q->node, off, type, "CRYPTO");
			uint64_t coff = cur_quic_varint(c), clen = cur_quic_varint(c);
			tree_add_uint(t, n, &fields[Q_CRYPTO_OFF], off, 0, coff);
			tree_add_uint(t, n, &fields[Q_CRYPTO_LEN], off, 0, clen);
			struct cur data = cur_sub(c, clen, NULL);
			tree_add(t, n, &fields[Q_CRYPTO_DATA], cur_off(c), (uint32_t)cur_left(&data));
			if (clen == cur_left(&data))
				crypto_frame(q, n, &data, coff);
			skip_or_cut(c, clen);
			col_append(pi, ", CRYPTO");
		} else if (type == 0x1c || type == 0x1d) {
			n = frame_node(t, q->node, off, type, val_to_str((uint32_t)type, frame_types));
			tree_add_uint(t, n, &fields[Q_CC_ERROR], off, 0, cur_quic_varint(c));
			if (type == 0x1c)
				tree_add_uint(t, n, &fields[Q_CC_FRAME_TYPE], off, 0, cur_quic_varint(c));
			uint64_t rl = cur_quic_varint(c);
			tree_add_uint(t, n, &fields[Q_CC_REASON_LEN], off, 0, rl);
			if (rl && rl <= cur_left(c))
				tree_add_bytes(t, n, &fields[Q_CC_REASON], cur_off(c), (uint32_t)rl, c->p,
				    (uint32_t)rl);
			skip_or_cut(c, rl);
			col_append(pi, ", CC");
		} else if (type == 0x1e) {
			frame_node(t, q->node, off, type, "HANDSHAKE_DONE");
			col_append(pi, ", DONE");
		} else
			break;		/* not a frame of the Initial packet number space */
	}
}

/* Parses a long header from c (at the first byte); 0 when it is cut short. */
static int parse_long(struct cur *c, struct qlong *h)
{
	memset(h, 0, sizeof(*h));
	h->first = cur_u8(c);
	h->version = cur_be32(c);
	h->type = (uint8_t)(h->first >> 4 & 3);
	if (is_v2(h->version))		/* v2 renumbered the types (RFC 9369) */
		h->type = (uint8_t)((h->type + 3) & 3);
	h->dcil = cur_u8(c);		/* up to 20 in RFC 9000; any in other versions */
	h->dcid_off = cur_off(c);
	h->dcid = cur_ptr(c, h->dcil);
	h->scil = cur_u8(c);
	h->scid_off = cur_off(c);
	h->scid = cur_ptr(c, h->scil);
	if (!cur_ok(c))
		return 0;
	if (!h->version || h->type == 3)
		return 1;	/* Version Negotiation, Retry: the rest is theirs */
	if (h->type == 0) {
		h->token_len = cur_quic_varint(c);
		h->token_off = cur_off(c);
		skip_or_cut(c, h->token_len);
	}
	h->length_off = cur_off(c);
	h->length = cur_quic_varint(c);
	h->pn_off = cur_off(c);
	return cur_ok(c);
}

/* The Initial's header protection off and payload opened (RFC 9001 section 5.4),
 * keys from the connection's first client DCID (the packet's own for a client). */
static void unprotect(struct qpkt *q, struct qlong *h, const struct cur *pkt)
{
	const struct quic_conn *cn = q->conn;
	uint32_t start = cur_off(pkt), hl = h->pn_off - start;
	size_t avail = cur_left(pkt);
	uint8_t mask[16], aad[320];
	struct qkeys k;
	struct cur at;

	if (q->from_server && (!cn || !cn->odcid_len))
		return;
	if (h->length < 4 + 16 || hl + h->length > avail || hl + 4 > sizeof(aad))
		return;
	/* the client's first Initial (or its first after a Retry) names the keys */
	int own = !q->from_server && (!cn || !cn->odcid_len || cn->retry);
	initial_keys(h->version, own ? h->dcid : cn->odcid, own ? h->dcil : cn->odcid_len,
	    q->from_server, &k);
	at = cur_at(pkt, hl + 4);
	if (!hp_mask(k.hp, cur_ptr(&at, 16), mask))
		return;
	at = *pkt;
	cur_bytes(&at, aad, hl);
	aad[0] ^= mask[0] & 0x0f;
	h->pnl = (aad[0] & 3) + 1;
	h->first = aad[0];
	for (int i = 0; i < h->pnl; i++)
		aad[hl + (uint32_t)i] = (uint8_t)(cur_u8(&at) ^ mask[1 + i]);
	struct cur pnc = cur_make(aad + hl, (size_t)h->pnl);
	uint64_t tpn = cur_uint_n(&pnc, (size_t)h->pnl, 0);
	h->hp_ok = 1;
	h->pn = cn ? decode_pn(cn->largest_pn[q->from_server], tpn, h->pnl) : tpn;
	size_t ct = (size_t)h->length - (size_t)h->pnl;
	h->plain = xmalloc(ct);
	if (!aead_open(&k, h->pn, aad, hl + (uint32_t)h->pnl, cur_ptr(&at, ct), ct, h->plain)) {
		free(h->plain);
		h->plain = NULL;
		return;
	}
	h->plain_len = (uint32_t)(ct - 16);
}

/* What a long header tells the connection (first pass only: state changes replay). */
static void learn_long(struct qpkt *q, const struct qlong *h)
{
	struct quic_conn *cn = q->conn;

	if (!cn || q->d->pi->visited || h->dcil > QUIC_CID_MAX || h->scil > QUIC_CID_MAX)
		return;		/* ids longer than RFC 9000's are not kept */
	if (!q->from_server && h->type == 0 && (!cn->odcid_len || cn->retry)) {
		cn->odcid_len = h->dcil;
		memcpy(cn->odcid, h->dcid, h->dcil);
		cn->retry = 0;
	}
	if (!q->from_server && h->version) {
		cn->client_cid_len = h->scil;
		memcpy(cn->client_cid, h->scid, h->scil);
	} else if (h->version) {
		cn->server_cid_len = h->scil;
		memcpy(cn->server_cid, h->scid, h->scil);
		if (h->type == 3)
			cn->retry = 1;
	}
	if (h->plain && h->pn + 1 > cn->largest_pn[q->from_server])	/* opened: a real number */
		cn->largest_pn[q->from_server] = h->pn + 1;
}

/* The rest of the packet as Remaining Payload, after the expert note (tshark notes the
 * 1-RTT keys missing once a connection, at its first short header). */
static void decryption_failed(struct qpkt *q, struct cur *c, uint32_t len, int say)
{
	struct dtree *t = q->d->tree;

	/* without the Server Hello tshark does not know the cipher to look secrets up for */
	if (say)
		dissect_expert(q->d, q->node, &fields[Q_DECRYPTION], SEV_WARN, "Decryption",
		    q->conn && q->conn->cipher_known ?
		    "Failed to create decryption context: Secrets are not available" :
		    "Failed to create decryption context: Missing TLS handshake, unsupported ciphers or padding");
	tree_add_bytes(t, q->node, &fields[Q_REMAINING], cur_off(c), len, c->p, len);
	cur_skip(c, len);
}

/* One long-header packet from c; consumes it. */
static void long_packet(struct qpkt *q, struct cur *c)
{
	struct dctx *d = q->d;
	struct dtree *t = d->tree;
	struct pinfo *pi = d->pi;
	uint32_t start = cur_off(c);
	struct cur hdr = *c;
	struct qlong h;

	if (!parse_long(&hdr, &h)) {
		dissect_exhausted(d, q->node, "QUIC");
		cur_skip(c, cur_left(c));
		return;
	}
	if (h.version && h.type == 0)
		unprotect(q, &h, c);
	learn_long(q, &h);
	uint32_t plen = !h.version || h.type == 3 ? (uint32_t)cur_left(c) :
	    h.pn_off - start + (uint32_t)(h.length < cur_left(&hdr) ? h.length : cur_left(&hdr));
	tree_flag(t, tree_add_uint(t, q->node, &fields[Q_PKT_LEN], start, 0, plen), TN_GENERATED);
	tree_add_uint(t, q->node, &fields[Q_HEADER_FORM], start, 1, h.first);
	if (!h.version)		/* Version Negotiation: the other bits are unused */
		tree_add_uint(t, q->node, &fields[Q_VN_UNUSED], start, 1, h.first);
	else if (h.type != 3)
		tree_add_uint(t, q->node, &fields[Q_FIXED_BIT], start, 1, h.first);
	if (h.version) {
		uint32_t n = tree_add_uint(t, q->node, &fields[Q_LONG_TYPE], start, 1, h.first);
		if (is_v2(h.version))
			tree_label(t, n, "..%d%d .... = Packet Type: %s (%u)", h.first >> 5 & 1, h.first >> 4 & 1,
			    val_to_str(h.type, long_types), h.first >> 4 & 3);
	}
	if (h.hp_ok) {
		tree_add_uint(t, q->node, &fields[Q_LONG_RSV], start, 1, h.first);
		tree_add_uint(t, q->node, &fields[Q_PN_LEN], start, 1, h.first);
	}
	uint32_t vn = tree_add_uint(t, q->node, &fields[Q_VERSION], start + 1, 4, h.version);
	if (is_grease(h.version))
		tree_label_append(t, vn, " (Forcing Version Negotiation)");
	tree_add_uint(t, q->node, &fields[Q_DCIL], start + 5, 1, h.dcil);
	if (h.dcil)
		tree_add_bytes(t, q->node, &fields[Q_DCID], h.dcid_off, h.dcil, h.dcid, h.dcil);
	tree_add_uint(t, q->node, &fields[Q_SCIL], h.scid_off - 1, 1, h.scil);
	if (h.scil)
		tree_add_bytes(t, q->node, &fields[Q_SCID], h.scid_off, h.scil, h.scid, h.scil);
	col_append(pi, "%s", !h.version ? "Version Negotiation" : val_to_str(h.type, long_types));
	info_cid(pi, "DCID", h.dcid, h.dcil);
	info_cid(pi, "SCID", h.scid, h.scil);
	cur_skip(c, (size_t)(h.scid_off + h.scil - start));
	if (!h.version) {
		while (cur_left(c) >= 4) {
			uint32_t off = cur_off(c);
			uint32_t v = cur_be32(c);
			uint32_t sn = tree_add_uint(t, q->node, &fields[Q_SUPPORTED], off, 4, v);
			if (is_grease(v))
				tree_label_append(t, sn, " (GREASE)");
		}
		cur_skip(c, cur_left(c));
		return;
	}
	if (h.type == 3) {
		uint32_t tl = cur_left(c) > 16 ? (uint32_t)cur_left(c) - 16 : 0;
		tree_add_bytes(t, q->node, &fields[Q_RETRY_TOKEN], cur_off(c), tl, c->p, tl);
		cur_skip(c, tl);
		uint32_t tn = tree_add_bytes(t, q->node, &fields[Q_RETRY_TAG], cur_off(c),
		    (uint32_t)cur_left(c), c->p, (uint32_t)cur_left(c));
		const struct quic_conn *cn = q->conn;
		if (!cn || !cn->odcid_len)
			dissect_expert(d, tn, NULL, SEV_WARN, "Protocol",
			    "Cannot verify Retry Packet due to unknown ODCID");
		else if (retry_verified(h.version, cn->odcid, cn->odcid_len, hdr.base + start,
		    cur_off(c) + cur_left(c) - start) == 1)
			tree_label_append(t, tn, " [verified]");
		cur_skip(c, cur_left(c));
		return;
	}
	if (h.type == 0) {
		tree_add_uint(t, q->node, &fields[Q_TOKEN_LEN], cur_off(c), h.token_off - cur_off(c), h.token_len);
		if (h.token_len && h.token_len <= cur_left(&hdr) + (h.pn_off - h.token_off))
			tree_add_bytes(t, q->node, &fields[Q_TOKEN], h.token_off, (uint32_t)h.token_len,
			    c->p + (h.token_off - cur_off(c)), (uint32_t)h.token_len);
	}
	tree_add_uint(t, q->node, &fields[Q_LENGTH], h.length_off, h.pn_off - h.length_off, h.length);
	cur_skip(c, h.pn_off - cur_off(c));
	uint32_t rest = (uint32_t)(h.length < cur_left(c) ? h.length : cur_left(c));
	if (!h.hp_ok) {
		decryption_failed(q, c, rest, 1);
		return;
	}
	tree_add_uint(t, q->node, &fields[Q_PKN], h.pn_off, (uint32_t)h.pnl, h.pn);
	col_append(pi, ", PKN: %" PRIu64, h.pn);
	cur_skip(c, (size_t)h.pnl);
	tree_add_bytes(t, q->node, &fields[Q_PAYLOAD], cur_off(c), rest - (uint32_t)h.pnl, c->p,
	    rest - (uint32_t)h.pnl);
	cur_skip(c, rest - (uint32_t)h.pnl);
	if (h.plain) {
		int src = t ? tree_add_source(t, "Decrypted QUIC", h.plain, h.plain_len) : 0;
		struct cur pc = cur_make(src ? t->src[src].data : h.plain, h.plain_len);
		frames(q, &pc);
		if (t)
			tree_set_source(t, 0);
		free(h.plain);
	}
}

/* Does a short header's DCID name the connection (the id its receiver chose)?  tshark
 * finds short headers by DCID: another one (from a NEW_CONNECTION_ID frame, which it
 * cannot read) is an unknown connection. */
static int short_dcid_known(const struct qpkt *q, const struct cur *c)
{
	const struct quic_conn *cn = q->conn;
	uint8_t len = q->from_server ? cn->client_cid_len : cn->server_cid_len;

	return cur_left(c) >= 1u + len &&
	    memcmp(c->p + 1, q->from_server ? cn->client_cid : cn->server_cid, len) == 0;
}

/* A short-header packet: the rest of the datagram (unknown: its DCID is no id of the
 * connection, so neither its length nor the keys are known). */
static void short_packet(struct qpkt *q, struct cur *c, int unknown)
{
	struct dtree *t = q->d->tree;
	struct quic_conn *cn = unknown ? NULL : q->conn;
	uint32_t start = cur_off(c);
	uint8_t first = cur_u8(c);
	int say = !cn || !cn->short_seen;
	uint8_t dcil = !cn ? 0 : q->from_server ? cn->client_cid_len : cn->server_cid_len;
	uint32_t n;

	if (dcil > cur_left(c))
		dcil = (uint8_t)cur_left(c);
	tree_flag(t, tree_add_uint(t, q->node, &fields[Q_PKT_LEN], start, 0, (uint32_t)cur_left(c) + 1),
	    TN_GENERATED);
	n = tree_add(t, q->node, &fields[Q_SHORT], start, 1 + dcil);
	if (dcil && n && tree_text(t)) {
		char hex[2 * QUIC_CID_MAX + 1];
		for (uint8_t i = 0; i < dcil; i++)
			snprintf(hex + 2 * i, 3, "%02x", cur_peek(c, i));
		tree_label(t, n, "QUIC Short Header DCID=%s", hex);
	}
	tree_add_uint(t, n, &fields[Q_HEADER_FORM], start, 1, first);
	tree_add_uint(t, n, &fields[Q_FIXED_BIT], start, 1, first);
	tree_add_uint(t, n, &fields[Q_SPIN], start, 1, first);
	if (dcil)
		tree_add_bytes(t, n, &fields[Q_DCID], start + 1, dcil, c->p, dcil);
	col_append(q->d->pi, "Protected Payload (KP0)");
	info_cid(q->d->pi, "DCID", c->p, dcil);
	cur_skip(c, dcil);
	if (cn && !q->d->pi->visited)
		cn->short_seen = 1;
	if (unknown)
		tree_add_bytes(t, q->node, &fields[Q_REMAINING], cur_off(c), (uint32_t)cur_left(c), c->p,
		    (uint32_t)cur_left(c));
	else
		decryption_failed(q, c, (uint32_t)cur_left(c), say);
	cur_skip(c, cur_left(c));
}

/* Does the long header at c hold its version and both connection ids? */
static int long_ids_whole(const struct cur *c)
{
	size_t n = cur_left(c), dcil;

	if (n < 7)
		return 0;
	dcil = cur_peek(c, 5);
	return n >= 7 + dcil && n >= 7 + dcil + cur_peek(c, 6 + dcil);
}

static void dissect_quic(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	int first = 1;

	while (cur_left(c) && cur_ok(c)) {
		struct qpkt q = { d, 0, 0, NULL };
		uint8_t b = cur_peek(c, 0);
		uint32_t start = cur_off(c);
		int is_long = (b & 0x80) != 0;
		if (is_long && !long_ids_whole(c)) {
			/* tshark reads the connection ids before anything: an exception, and
			 * the Info as the layer below left it */
			if (first) {
				pi_push_proto(pi, "quic");
				col_set_proto(pi, "QUIC");
			}
			dissect_exception(d, tree_add(d->tree, parent, &fields[Q_PROTO], start,
			    (uint32_t)cur_left(c)), "QUIC");
			cur_skip(c, cur_left(c));
			break;
		}
		q.conn = conn_get(d, is_long);
		if (q.conn && !q.conn->known && !pi->visited) {
			q.conn->known = 1;	/* the first sender is the client */
			q.conn->client_is_src_lo = (uint8_t)src_is_lo(pi);
			q.conn->version = is_long && cur_left(c) >= 5 ? cur_peek_be32(c, 1) : 0;
		}
		q.from_server = q.conn && q.conn->known && src_is_lo(pi) != q.conn->client_is_src_lo;
		/* each packet of the datagram a QUIC node, the Info of all in one line */
		q.node = first ? dissect_layer(d, parent, "quic", "QUIC", &fields[Q_PROTO], start,
		    (uint32_t)cur_left(c)) : tree_add(d->tree, parent, &fields[Q_PROTO], start,
		    (uint32_t)cur_left(c));
		int unknown = !is_long && q.conn && !short_dcid_known(&q, c);
		if (q.conn && first) {	/* once a datagram */
			uint32_t ci = tree_add(d->tree, q.node, &fields[Q_CONN], start, 0);
			if (unknown)
				dissect_expert(d, ci, NULL, SEV_NOTE, "Protocol",
				    "Unknown QUIC connection. Missing Initial Packet or migrated connection?");
			else
				tree_flag(d->tree, tree_add_uint(d->tree, ci, &fields[Q_CONN_NUM], start, 0,
				    q.conn->number), TN_GENERATED);
		}
		if (!first)		/* tshark shows the last packet's Info */
			col_set(pi, "");
		first = 0;
		if (is_long)
			long_packet(&q, c);
		else
			short_packet(&q, c, unknown);
		tree_set_len(d->tree, q.node, cur_off(c) - start);
	}
}

/* A packet of a UDP conversation a client Initial made QUIC. */
static int quic_conv(struct dctx *d, struct cur *c)
{
	const struct quic_conn *cn = conn_get(d, 0);

	if (!cn || !cn->known || !cur_left(c))
		return 0;	/* the fixed bit may be greased (RFC 9287): not checked */
	dissect_quic(d, c, 0);
	return 1;
}

/* A long header with the fixed bit and a version QUIC knows, on any port (the rest of
 * its conversation follows through quic_conv). */
static int quic_heur(struct dctx *d, struct cur *c)
{
	if (cur_left(c) < 7 || (cur_peek(c, 0) & 0xc0) != 0xc0 || !known_version(cur_peek_be32(c, 1)))
		return 0;
	dissect_quic(d, c, 0);
	return 1;
}
