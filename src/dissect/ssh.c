/* ssh.c — SSH transport over TCP (RFC 4253 §4.2, §6), without decryption.
 *
 *   Version exchange:  "SSH-protoversion-softwareversion SP comments CR LF"
 *
 *   Binary packet:
 *   +--------------------------------+---------------+--------------+
 *   | packet_length (4)              | padding_length| payload ...  |
 *   +--------------------------------+---------------+--------------+
 *   | random padding (padding_length)| MAC (after keys are in use)  |
 *   +--------------------------------+------------------------------+
 *   payload[0] is the message code (20 KEXINIT, 21 NEWKEYS, 30.. key exchange).
 *
 * Each side's packets are readable until it sends NEWKEYS; after that tshark, without
 * keys, shows the rest of each segment as one encrypted packet, "Encrypted packet
 * (len=N)" in Info, except for the AEAD ciphers it could decrypt given keys
 * (chacha20-poly1305, aes-gcm): an empty "SSH Version 2 (encryption:…)" and no Info
 * item.  The names of codes 30..34 depend on the key exchange method negotiated in
 * the KEXINITs (first client method the server also lists).  Protocol column: the
 * version the client's version string announced before this frame: "SSH" while
 * unknown, "SSHv2" for 2.x and 1.99, "SSHv1" for other 1.x.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "dissect/dissect.h"
#include "dissect/reasm.h"
#include "dissect/session.h"
#include "core/xmalloc.h"
#include "dissect/protos.h"
#include "dissect/ssh.h"
#include "dissect/tcp_payload.h"

enum {
	F_PROTO, F_PROTOCOL, F_PKT_LEN, F_PAD_LEN, F_MSG_CODE, F_ENC_PKT, F_PKT_LEN_ENC, F_PAD_STR,
	F_SEQ, F_DIR, F_COOKIE,
	F_NL_LEN0, F_NL_STR0 = F_NL_LEN0 + 10,	/* the ten KEXINIT name-lists */
	F_FIRST_KEX = F_NL_STR0 + 10, F_RESERVED,
	F_GEX_MIN, F_GEX_NBITS, F_GEX_MAX, F_MPINT_LEN, F_GEX_P, F_GEX_G, F_DH_E, F_DH_F,
	F_QC_LEN, F_QC, F_QS_LEN, F_QS,
	F_HK_LEN, F_HK_TYPE_LEN, F_HK_TYPE, F_HK_DATA, F_HK_RSA_E, F_HK_RSA_N,
	F_HS_LEN, F_HS_TYPE_LEN, F_HS_TYPE, F_HS_DATA, F_HS_RSA,
	F_HASSH_ALGS, F_HASSH, F_HASSHS_ALGS, F_HASSHS,
	F_HK_ECDSA_ID_LEN, F_HK_ECDSA_ID, F_HK_ECDSA_Q_LEN, F_HK_ECDSA_Q, F_HK_EDDSA_LEN, F_HK_EDDSA,
};

static const struct val_str code_vals[] = {
	{ 1, "Disconnect" }, { 2, "Ignore" }, { 3, "Unimplemented" }, { 4, "Debug" },
	{ 5, "Service Request" }, { 6, "Service Accept" }, { 7, "Extension Information" },
	{ 20, "Key Exchange Init" }, { 21, "New Keys" }, { 0, NULL }
};

enum kex { KEX_UNKNOWN, KEX_DH, KEX_DH_GEX, KEX_ECDH };

static const struct val_str dh_vals[] = {
	{ 30, "Diffie-Hellman Key Exchange Init" }, { 31, "Diffie-Hellman Key Exchange Reply" },
	{ 0, NULL }
};
static const struct val_str dh_gex_vals[] = {
	{ 30, "Diffie-Hellman Group Exchange Request (Old)" },
	{ 31, "Diffie-Hellman Group Exchange Group" },
	{ 32, "Diffie-Hellman Group Exchange Init" },
	{ 33, "Diffie-Hellman Group Exchange Reply" },
	{ 34, "Diffie-Hellman Group Exchange Request" }, { 0, NULL }
};
static const struct val_str ecdh_vals[] = {
	{ 30, "Elliptic Curve Diffie-Hellman Key Exchange Init" },
	{ 31, "Elliptic Curve Diffie-Hellman Key Exchange Reply" }, { 0, NULL }
};

static const struct val_str dir_vals[] = {
	{ 0, "client-to-server" }, { 1, "server-to-client" }, { 0, NULL }
};

#define NL(i, ab, nm)								\
	[F_NL_LEN0 + (i)] = { "ssh." ab "_length", nm " length", FT_UINT32, BASE_DEC, 0, 0,	\
		NULL, "32 bits: bytes of the name-list that follows.", 0 },		\
	[F_NL_STR0 + (i)] = { "ssh." ab, nm " string", FT_STRING, BASE_NONE, 0, 0, NULL,	\
		"Comma-separated algorithm names, most preferred first.", 0 }
#define U32(id, ab, nm, help) [id] = { ab, nm, FT_UINT32, BASE_DEC, 0, 0, NULL, help, 0 }
#define BYTES(id, ab, nm, help) [id] = { ab, nm, FT_BYTES, BASE_NONE, 0, 0, NULL, help, 0 }
#define STR(id, ab, nm, help) [id] = { ab, nm, FT_STRING, BASE_NONE, 0, 0, NULL, help, 0 }

static const struct field_def fields[] = {
	[F_PROTO] = { "ssh", "SSH Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Secure Shell: encrypted remote login and tunnels over TCP (port 22).", 0 },
	[F_PROTOCOL] = { "ssh.protocol", "Protocol", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Version string each side sends first: SSH-2.0-software.", 0 },
	[F_PKT_LEN] = { "ssh.packet_length", "Packet Length", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"32 bits: bytes after this field, MAC excluded.", 0 },
	[F_PAD_LEN] = { "ssh.padding_length", "Padding Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: random padding bytes at the end of the packet.", 0 },
	[F_MSG_CODE] = { "ssh.message_code", "Message Code", FT_UINT8, BASE_DEC, 0, 0, code_vals,
		"8 bits: what the packet is (20 key exchange init, 21 new keys …).", 0 },
	[F_ENC_PKT] = { "ssh.encrypted_packet", "Encrypted Packet", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Packet protected by the negotiated cipher; unreadable without keys.", 0 },
	BYTES(F_PKT_LEN_ENC, "ssh.packet_length_encrypted", "Packet Length (encrypted)",
		"The packet length field, encrypted with the rest (not with -etm MACs)."),
	BYTES(F_PAD_STR, "ssh.padding_string", "Padding String",
		"Random padding that makes the packet a multiple of the cipher block."),
	U32(F_SEQ, "ssh.seq_num", "Sequence number",
		"Packets this side sent before this one (an input of the MAC)."),
	[F_DIR] = { "ssh.direction", "Direction", FT_BOOLEAN, BASE_NONE, 0, 0, dir_vals,
		"Whether the client or the server sent this segment.", 0 },
	BYTES(F_COOKIE, "ssh.cookie", "Cookie", "16 random bytes making each KEXINIT unique."),
	NL(0, "kex_algorithms", "kex_algorithms"),
	NL(1, "server_host_key_algorithms", "server_host_key_algorithms"),
	NL(2, "encryption_algorithms_client_to_server", "encryption_algorithms_client_to_server"),
	NL(3, "encryption_algorithms_server_to_client", "encryption_algorithms_server_to_client"),
	NL(4, "mac_algorithms_client_to_server", "mac_algorithms_client_to_server"),
	NL(5, "mac_algorithms_server_to_client", "mac_algorithms_server_to_client"),
	NL(6, "compression_algorithms_client_to_server", "compression_algorithms_client_to_server"),
	NL(7, "compression_algorithms_server_to_client", "compression_algorithms_server_to_client"),
	NL(8, "languages_client_to_server", "languages_client_to_server"),
	NL(9, "languages_server_to_client", "languages_server_to_client"),
	[F_FIRST_KEX] = { "ssh.first_kex_packet_follows", "First KEX Packet Follows", FT_UINT8,
		BASE_DEC, 0, 0, NULL, "8 bits: a guessed key exchange packet follows.", 0 },
	BYTES(F_RESERVED, "ssh.kex.reserved", "Reserved", "32 bits, zero."),
	U32(F_GEX_MIN, "ssh.dh_gex.min", "DH GEX Min", "Smallest group size in bits the client accepts."),
	U32(F_GEX_NBITS, "ssh.dh_gex.nbits", "DH GEX Number of Bits", "Group size the client prefers."),
	U32(F_GEX_MAX, "ssh.dh_gex.max", "DH GEX Max", "Largest group size the client accepts."),
	U32(F_MPINT_LEN, "ssh.mpint_length", "Multi Precision Integer Length",
		"32 bits: bytes of the big integer that follows."),
	BYTES(F_GEX_P, "ssh.dh_gex.p", "DH GEX modulus (P)", "Safe prime the server chose."),
	BYTES(F_GEX_G, "ssh.dh_gex.g", "DH GEX base (G)", "Generator of the group."),
	BYTES(F_DH_E, "ssh.dh.e", "DH client e", "Client's public value g^x mod p."),
	BYTES(F_DH_F, "ssh.dh.f", "DH server f", "Server's public value g^y mod p."),
	U32(F_QC_LEN, "ssh.ecdh.q_c_length", "ECDH client's ephemeral public key length",
		"32 bits: bytes of Q_C."),
	BYTES(F_QC, "ssh.ecdh.q_c", "ECDH client's ephemeral public key (Q_C)",
		"Client's ephemeral elliptic-curve public key."),
	U32(F_QS_LEN, "ssh.ecdh.q_s_length", "ECDH server's ephemeral public key length",
		"32 bits: bytes of Q_S."),
	BYTES(F_QS, "ssh.ecdh.q_s", "ECDH server's ephemeral public key (Q_S)",
		"Server's ephemeral elliptic-curve public key."),
	U32(F_HK_LEN, "ssh.host_key.length", "Host key length", "32 bits: bytes of the host key blob."),
	U32(F_HK_TYPE_LEN, "ssh.host_key.type_length", "Host key type length",
		"32 bits: bytes of the key type name."),
	STR(F_HK_TYPE, "ssh.host_key.type", "Host key type", "Key algorithm: ssh-rsa, ssh-ed25519 …"),
	BYTES(F_HK_DATA, "ssh.host_key.data", "Host key data", "The key, in its algorithm's format."),
	BYTES(F_HK_RSA_E, "ssh.host_key.rsa.e", "RSA public exponent (e)", "RSA public exponent."),
	BYTES(F_HK_RSA_N, "ssh.host_key.rsa.n", "RSA modulus (N)", "RSA modulus."),
	U32(F_HS_LEN, "ssh.host_sig.length", "Host signature length",
		"32 bits: bytes of the signature blob."),
	U32(F_HS_TYPE_LEN, "ssh.host_sig.type_length", "Host signature type length",
		"32 bits: bytes of the signature type name."),
	STR(F_HS_TYPE, "ssh.host_sig.type", "Host signature type", "Signature algorithm name."),
	BYTES(F_HS_DATA, "ssh.host_sig.data", "Host signature data",
		"The signature over the exchange hash."),
	BYTES(F_HS_RSA, "ssh.host_sig.rsa", "RSA signature", "RSA signature over the exchange hash."),
	U32(F_HK_ECDSA_ID_LEN, "ssh.host_key.ecdsa.id_length", "ECDSA elliptic curve identifier length",
		"32 bits: bytes of the curve name."),
	STR(F_HK_ECDSA_ID, "ssh.host_key.ecdsa.id", "ECDSA elliptic curve identifier",
		"Curve name: nistp256 …"),
	U32(F_HK_ECDSA_Q_LEN, "ssh.host_key.ecdsa.q_length", "ECDSA public key length",
		"32 bits: bytes of Q."),
	BYTES(F_HK_ECDSA_Q, "ssh.host_key.ecdsa.q", "ECDSA public key (Q)", "The curve point."),
	U32(F_HK_EDDSA_LEN, "ssh.host_key.eddsa.key_length", "EdDSA public key length",
		"32 bits: bytes of the key."),
	BYTES(F_HK_EDDSA, "ssh.host_key.eddsa.key", "EdDSA public key", "The Ed25519 public key."),
	STR(F_HASSH_ALGS, "ssh.kex.hassh_algorithms", "hasshAlgorithms",
		"Client fingerprint input: kex;ciphers;MACs;compression as offered."),
	STR(F_HASSH, "ssh.kex.hassh", "hassh", "MD5 of hasshAlgorithms: identifies the client software."),
	STR(F_HASSHS_ALGS, "ssh.kex.hasshserver_algorithms", "hasshServerAlgorithms",
		"Server fingerprint input: kex;ciphers;MACs;compression as offered."),
	STR(F_HASSHS, "ssh.kex.hasshserver", "hasshServer",
		"MD5 of hasshServerAlgorithms: identifies the server software."),
};

static const struct field_table ssh_table = REG_TABLE(fields);
static const struct handoff ssh_handoffs[] = {
	{ HO_TCP_PORT, 22, .tcp = ssh_tcp_payload },
	{ HO_TCP_PORT, 29418, .tcp = ssh_tcp_payload },
};
const struct proto_reg ssh_proto = REG_PROTO(ssh_table, ssh_handoffs);

int ssh_packet_header(const uint8_t *p, size_t n, uint32_t *total, uint8_t *padding,
    uint8_t *code)
{
	uint32_t len;

	if (n < 6)
		return 0;
	const struct cur m = cur_make(p, n);
	len = cur_peek_be32(&m, 0);
	if (len < 5 || len > 256 * 1024 || p[4] >= len)
		return -1;
	*total = len + 4;
	*padding = p[4];
	*code = p[5];
	return 1;
}

/* ---- per-stream state ---- */

struct ssh_stream {
	int version;		/* 0 unknown, 1, 2 (from the client's version string) */
	int col_version;	/* version as the current frame began: the Protocol column */
	int newkeys[2];		/* NEWKEYS sent by the client / the server */
	int replied;		/* the server's key exchange reply was seen */
	enum kex kex;
	uint32_t seq[2];	/* binary packets each side sent (tshark's count, see seq_num) */
	uint32_t next_tcp[2];	/* TCP seq after the last packet each side had dissected */
	uint32_t seen_tcp[2][8], seen_seq[2][8];	/* recent packets' TCP seq -> seq number */
	unsigned nseen[2];
	uint32_t info_frame;	/* SSH rewrote Info in this frame (per visit) */
	char method[64];	/* negotiated key exchange method, "" until both KEXINITs */
	char enc[2][48];	/* negotiated cipher per direction (0 client-to-server) */
	char comp[2][32];	/* negotiated compression per direction */
	/* not replayed: the first pass alone reads KEXINITs */
	char *lists[2][10];	/* the name-lists of the client's / the server's KEXINIT */
	struct frame_state fs;	/* the fields before lists as each frame began */
};

struct ssh_streams {
	struct ssh_stream **v;
	size_t n, cap;
};

static void lists_free(struct ssh_stream *st, int side)
{
	for (int i = 0; i < 10; i++) {
		free(st->lists[side][i]);
		st->lists[side][i] = NULL;
	}
}

static void streams_release(void *p)
{
	struct ssh_streams *s = p;

	for (size_t i = 0; i < s->n; i++)
		if (s->v[i]) {
			lists_free(s->v[i], 0);
			lists_free(s->v[i], 1);
			free(s->v[i]);
		}
	free(s->v);
	free(s);
}

/* The stream's state as this frame sees it (frame_state_get); NULL on a revisit of a
 * frame before the stream's first. */
static struct ssh_stream *stream_get(struct dctx *d, uint32_t stream)
{
	struct ssh_streams *s = session_slot(d->sess, SESS_SLOT_SSH, sizeof(*s), streams_release);

	if (stream >= s->n) {
		s->v = xgrow(s->v, &s->cap, (size_t)stream + 1, sizeof(*s->v));
		memset(s->v + s->n, 0, ((size_t)stream + 1 - s->n) * sizeof(*s->v));
		s->n = (size_t)stream + 1;
	}
	if (!s->v[stream])
		s->v[stream] = xcalloc(1, sizeof(struct ssh_stream));
	return frame_state_get(&s->v[stream]->fs, d, s->v[stream], offsetof(struct ssh_stream, lists),
	    sizeof(struct ssh_stream));
}

/* Is name (len n) an element of the comma-separated list? */
static int in_list(const char *list, const char *name, size_t n)
{
	const char *p = list;

	while (*p) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == n && !memcmp(p, name, n))
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

static int has_prefix(const char *s, size_t n, const char *pfx)
{
	size_t l = strlen(pfx);

	return n >= l && !memcmp(s, pfx, l);
}

/* RFC 4253 §7.1: the first name on the client's list the server also lists, into out
 * ("" when none or too long). */
static void choose(const char *client, const char *server, char *out, size_t outsz)
{
	const char *p = client;

	out[0] = '\0';
	while (p && *p && server) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (in_list(server, p, l)) {
			if (l < outsz) {
				memcpy(out, p, l);
				out[l] = '\0';
			}
			return;
		}
		if (!e)
			break;
		p = e + 1;
	}
}

struct kex_family {
	const char *prefix;
	enum kex kex;
};

/* Wireshark's ssh_set_kex_specific_dissector: message names by method family. */
static const struct kex_family kex_families[] = {
	{ "diffie-hellman-group-exchange", KEX_DH_GEX },
	{ "ecdh-sha2-", KEX_ECDH }, { "curve25519-sha256", KEX_ECDH }, { "curve448-sha512", KEX_ECDH },
	{ "diffie-hellman-group", KEX_DH },
};

static void negotiate(struct ssh_stream *st)
{
	choose(st->lists[0][0], st->lists[1][0], st->method, sizeof(st->method));
	st->kex = KEX_UNKNOWN;
	for (size_t i = 0; i < sizeof(kex_families) / sizeof(kex_families[0]); i++)
		if (has_prefix(st->method, strlen(st->method), kex_families[i].prefix)) {
			st->kex = kex_families[i].kex;
			break;
		}
	for (int dir = 0; dir < 2; dir++) {
		choose(st->lists[0][2 + dir], st->lists[1][2 + dir], st->enc[dir], sizeof(st->enc[dir]));
		choose(st->lists[0][6 + dir], st->lists[1][6 + dir], st->comp[dir], sizeof(st->comp[dir]));
	}
}

/* The ciphers tshark 4.0 sets up for decryption: once the key exchange reply is in,
 * it names the algorithms on "SSH Version 2", and without keys it shows nothing of
 * their encrypted packets. */
static const char *const aead_ciphers[] = {
	"chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
};

static int is_aead(const char *name)
{
	for (size_t i = 0; i < sizeof(aead_ciphers) / sizeof(aead_ciphers[0]); i++)
		if (!strcmp(name, aead_ciphers[i]))
			return 1;
	return 0;
}

static const char *code_name(const struct ssh_stream *st, uint8_t code)
{
	const struct val_str *t = st->kex == KEX_DH ? dh_vals : st->kex == KEX_DH_GEX ?
	    dh_gex_vals : st->kex == KEX_ECDH ? ecdh_vals : NULL;
	const char *s = val_to_str(code, code_vals);

	if (!s && t)
		s = val_to_str(code, t);
	if (!s && code >= 50 && code <= 79)
		s = code == 50 ? "User Authentication Request" : NULL;
	return s ? s : "Unknown";
}

/* ---- dissection ---- */

struct call {
	struct dctx *d;
	struct ssh_stream *st;
	int server;
	uint32_t node;
};

static void item(struct call *k, const char *s)
{
	struct pinfo *pi = k->d->pi;

	if (pi->info_len > (int)strlen(k->server ? "Server: " : "Client: "))
		col_append_str(pi, ", ");
	col_append_str(pi, s);
}

/* "SSH Version 2", with the algorithms once tshark would have set up decryption. */
static uint32_t version_node(struct call *k, uint32_t off, uint32_t len)
{
	struct dtree *t = k->d->tree;
	const struct ssh_stream *st = k->st;
	uint32_t v;

	if (!tree_text(t))
		return k->node;
	v = tree_add_text(t, k->node, off, len, "SSH Version 2");
	if (st->replied && is_aead(st->enc[k->server]))
		tree_label_append(t, v, " (encryption:%s compression:%s)", st->enc[k->server],
		    st->comp[k->server]);
	return v;
}

/* A uint32 field at the cursor; returns the value. */
static uint32_t add_u32(struct call *k, uint32_t parent, int f, struct cur *c, uint32_t b)
{
	uint32_t o = b + cur_off(c), v = cur_be32(c);

	if (cur_ok(c))
		tree_add_uint(k->d->tree, parent, &fields[f], o, 4, v);
	return v;
}

/* uint32 length (field flen) then that many bytes (field f), cut at the cursor's end. */
static const uint8_t *add_blob(struct call *k, uint32_t parent, int flen, int f, struct cur *c,
    uint32_t b, uint32_t *len)
{
	uint32_t n = add_u32(k, parent, flen, c, b), o;
	const uint8_t *p;

	if (!cur_ok(c))
		return NULL;
	if (n > cur_left(c))
		n = (uint32_t)cur_left(c);
	o = b + cur_off(c);
	p = cur_ptr(c, n);
	tree_add_bytes(k->d->tree, parent, &fields[f], o, n, p, n);
	if (len)
		*len = n;
	return p;
}

/* A string item; a label longer than Wireshark's 240-byte buffer is cut with
 * " [truncated]" after the name, as tshark prints it. */
static uint32_t add_string(struct dtree *t, uint32_t parent, int fid, uint32_t off, uint32_t len,
    const uint8_t *p, uint32_t n)
{
	const struct field_def *f = &fields[fid];
	uint32_t i = tree_add_bytes(t, parent, f, off, len, p, n);

	if (i && tree_text(t) && strlen(f->name) + 2 + n > 239) {
		char b[240];
		snprintf(b, sizeof(b), "%s [truncated]: %.*s", f->name, (int)n, (const char *)p);
		b[238] = '\0';
		tree_label(t, i, "%s", b);
	}
	return i;
}

/* hassh (Salesforce's SSH fingerprint): "kex;cipher;mac;compression" of one side's
 * KEXINIT, for the client's direction (lists 2, 4, 6) or the server's (3, 5, 7), and
 * its MD5. */
static void hassh(struct call *k, uint32_t parent, uint32_t off, uint32_t len,
    const uint8_t *const p[10], const uint32_t n[10])
{
	static const int pick[2][4] = { { 0, 2, 4, 6 }, { 0, 3, 5, 7 } };
	struct dtree *t = k->d->tree;
	size_t total = 4, at = 0;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdl = 0;
	char hex[2 * EVP_MAX_MD_SIZE + 1];
	char *s;
	uint32_t i;

	if (!t)
		return;
	for (int j = 0; j < 4; j++)
		total += n[pick[k->server][j]];
	s = xmalloc(total);
	for (int j = 0; j < 4; j++) {
		int l = pick[k->server][j];
		if (j)
			s[at++] = ';';
		memcpy(s + at, p[l], n[l]);
		at += n[l];
	}
	i = add_string(t, parent, k->server ? F_HASSHS_ALGS : F_HASSH_ALGS, off, len,
	    tree_keep(t, s, (uint32_t)at), (uint32_t)at);
	tree_flag(t, i, TN_GENERATED);
	if (EVP_Digest(s, at, md, &mdl, EVP_md5(), NULL) == 1) {
		for (unsigned j = 0; j < mdl; j++)
			snprintf(hex + 2 * j, 3, "%02x", md[j]);
		i = tree_add_bytes(t, parent, &fields[k->server ? F_HASSHS : F_HASSH], off, len,
		    tree_keep(t, hex, 2 * mdl), 2 * mdl);
		tree_flag(t, i, TN_GENERATED);
	}
	free(s);
}

struct key_fields {
	const char *what;	/* "host key", "host signature" */
	int len, type_len, type, data;
};

static const struct key_fields host_key = { "host key", F_HK_LEN, F_HK_TYPE_LEN, F_HK_TYPE, F_HK_DATA };
static const struct key_fields host_sig = { "host signature", F_HS_LEN, F_HS_TYPE_LEN, F_HS_TYPE, F_HS_DATA };

/* RFC 4253 §6.6 key or signature blob: "KEX host key (type: ssh-rsa)" and its parts. */
static void key_blob(struct call *k, uint32_t parent, struct cur *c, uint32_t b,
    const struct key_fields *kf)
{
	struct dtree *t = k->d->tree;
	uint32_t o = b + cur_off(c), len = cur_peek_be32(c, 0), tlen = cur_peek_be32(c, 4), node;
	struct cur tc = cur_at(c, 8);
	const uint8_t *type = cur_ptr(&tc, tlen);
	struct cur blob;
	uint32_t bb, lenode;
	int clipped;

	if (!type)
		tlen = 0;
	node = tree_add_text(t, parent, o, len + 4, "KEX %s (type: %.*s)", kf->what, (int)tlen,
	    type ? (const char *)type : "");
	if (!node)
		node = parent;
	lenode = tree_add_uint(t, node, &fields[kf->len], b + cur_off(c), 4, len);
	cur_skip(c, 4);
	if (!cur_ok(c))
		return;
	blob = cur_sub(c, len, &clipped);
	bb = b;	/* the sub-cursor shares c's base */
	cur_skip(c, clipped ? cur_left(c) : len);
	add_blob(k, node, kf->type_len, kf->type, &blob, bb, NULL);
	if (type && tlen == 7 && !memcmp(type, "ssh-rsa", 7)) {
		if (kf == &host_key) {
			add_blob(k, node, F_MPINT_LEN, F_HK_RSA_E, &blob, bb, NULL);
			add_blob(k, node, F_MPINT_LEN, F_HK_RSA_N, &blob, bb, NULL);
		} else {
			add_blob(k, node, F_MPINT_LEN, F_HS_RSA, &blob, bb, NULL);
		}
		return;
	}
	if (kf == &host_key && type && has_prefix((const char *)type, tlen, "ecdsa-sha2-")) {
		add_blob(k, node, F_HK_ECDSA_ID_LEN, F_HK_ECDSA_ID, &blob, bb, NULL);
		add_blob(k, node, F_HK_ECDSA_Q_LEN, F_HK_ECDSA_Q, &blob, bb, NULL);
		return;
	}
	if (kf == &host_key && type && tlen == 11 && !memcmp(type, "ssh-ed25519", 11)) {
		add_blob(k, node, F_HK_EDDSA_LEN, F_HK_EDDSA, &blob, bb, NULL);
		return;
	}
	if (kf == &host_sig && lenode && 8 + tlen != len) {
		/* tshark's own words, spelling included */
		char msg[96];
		snprintf(msg, sizeof(msg), "Decoded %u bytes, but packet legnth is %u bytes",
		    8 + tlen, len);
		dissect_expert(k->d, lenode, NULL, SEV_WARN, "Protocol", msg);
	}
	if (kf == &host_sig && !(type && has_prefix((const char *)type, tlen, "rsa-sha2-")))
		return;
	if (cur_ok(&blob) && cur_left(&blob)) {
		uint32_t n = (uint32_t)cur_left(&blob);
		uint32_t bo = bb + cur_off(&blob);
		tree_add_bytes(t, node, &fields[kf->data], bo, n, cur_ptr(&blob, n), n);
	}
}

/* The body of a key exchange message after its code (c over payload[1..]). */
static void kex_body(struct call *k, uint32_t kx, uint8_t code, struct cur *c, uint32_t b,
    int again)
{
	enum kex kex = k->st->kex;

	if (kex == KEX_DH_GEX && code == 34) {
		add_u32(k, kx, F_GEX_MIN, c, b);
		add_u32(k, kx, F_GEX_NBITS, c, b);
		add_u32(k, kx, F_GEX_MAX, c, b);
	} else if (kex == KEX_DH_GEX && code == 30) {
		add_u32(k, kx, F_GEX_NBITS, c, b);
	} else if (kex == KEX_DH_GEX && code == 31) {
		add_blob(k, kx, F_MPINT_LEN, F_GEX_P, c, b, NULL);
		add_blob(k, kx, F_MPINT_LEN, F_GEX_G, c, b, NULL);
	} else if ((kex == KEX_DH_GEX && code == 32) || (kex == KEX_DH && code == 30)) {
		add_blob(k, kx, F_MPINT_LEN, F_DH_E, c, b, NULL);
	} else if (kex == KEX_ECDH && code == 30) {
		add_blob(k, kx, F_QC_LEN, F_QC, c, b, NULL);
	} else if ((kex == KEX_DH_GEX && code == 33) || ((kex == KEX_DH || kex == KEX_ECDH) &&
	    code == 31)) {
		key_blob(k, kx, c, b, &host_key);
		if (kex == KEX_ECDH)
			add_blob(k, kx, F_QS_LEN, F_QS, c, b, NULL);
		else
			add_blob(k, kx, F_MPINT_LEN, F_DH_F, c, b, NULL);
		key_blob(k, kx, c, b, &host_sig);
		if (!again)
			k->st->replied = 1;
	}
}

/* KEXINIT (RFC 4253 §7.1): cookie, ten name-lists, first_kex_packet_follows, reserved.
 * The first pass keeps the name-lists and negotiates once both sides' are in. */
static void kexinit(struct call *k, uint32_t kx, struct cur *c, uint32_t b, int first)
{
	struct dtree *t = k->d->tree;
	struct ssh_stream *st = k->st;
	uint32_t alg = tree_add_text(t, kx, b + cur_off(c), (uint32_t)cur_left(c), "Algorithms");
	uint32_t o = b + cur_off(c);
	const uint8_t *p, *lp[10];
	uint32_t ln[10];
	char *got[10] = { 0 };
	int i;

	if (!alg)
		alg = kx;
	p = cur_ptr(c, 16);
	if (p)
		tree_add_bytes(t, alg, &fields[F_COOKIE], o, 16, p, 16);
	for (i = 0; i < 10; i++) {
		uint32_t n = add_u32(k, alg, F_NL_LEN0 + i, c, b);
		if (!cur_ok(c) || n > cur_left(c))
			break;
		o = b + cur_off(c);
		p = cur_ptr(c, n);
		add_string(t, alg, F_NL_STR0 + i, o, n, p, n);
		lp[i] = p;
		ln[i] = n;
		if (first && !memchr(p, '\0', n)) {
			got[i] = xmalloc(n + 1);
			memcpy(got[i], p, n);
			got[i][n] = '\0';
		}
	}
	if (cur_ok(c)) {
		o = b + cur_off(c);
		tree_add_uint(t, alg, &fields[F_FIRST_KEX], o, 1, cur_u8(c));
		o = b + cur_off(c);
		p = cur_ptr(c, 4);
		if (p)
			tree_add_bytes(t, alg, &fields[F_RESERVED], o, 4, p, 4);
	}
	if (i == 10)
		hassh(k, alg, o, 0, lp, ln);
	if (!first)
		return;
	if (i < 10 || !got[0]) {
		for (i = 0; i < 10; i++)
			free(got[i]);
		return;
	}
	lists_free(st, k->server);
	memcpy(st->lists[k->server], got, sizeof(got));
	if (st->lists[0][0] && st->lists[1][0])
		negotiate(st);
}

/* One binary packet (q, total bytes, at frame offset b), its header already checked. */
static void binary_packet(struct call *k, const uint8_t *q, uint32_t b, uint32_t total,
    uint8_t pad, uint8_t code, int whole, int again, uint32_t tcpseq)
{
	struct dtree *t = k->d->tree;
	struct ssh_stream *st = k->st;
	uint32_t v = version_node(k, b, total), kx, seq, mc;
	int gex_msg = st->kex == KEX_DH_GEX && code >= 30 && code <= 34;
	struct cur c;

	tree_add_uint(t, v, &fields[F_PKT_LEN], b, 4, total - 4);
	tree_add_uint(t, v, &fields[F_PAD_LEN], b + 4, 1, pad);
	/* tshark's count: a group exchange message takes the next number, the other
	 * packets the current one and move it on */
	if (again) {
		/* a retransmission shows the number the packet had the first time */
		seq = st->seq[k->server];
		for (unsigned i = 0; i < 8; i++)
			if (st->seen_tcp[k->server][i] == tcpseq)
				seq = st->seen_seq[k->server][i];
	} else {
		unsigned slot = st->nseen[k->server]++ % 8;
		if (gex_msg)
			st->seq[k->server]++;
		seq = st->seq[k->server];
		if (!gex_msg)
			st->seq[k->server]++;
		st->seen_tcp[k->server][slot] = tcpseq;
		st->seen_seq[k->server][slot] = seq;
	}
	kx = tree_text(t) ? tree_add_text(t, v, b + 5, total - 5 - pad, "Key Exchange") : v;
	if (kx != v && st->method[0])
		tree_label_append(t, kx, " (method:%s)", st->method);
	mc = tree_add_uint(t, kx, &fields[F_MSG_CODE], b + 5, 1, code);
	if (!val_to_str(code, code_vals))	/* the method's name for 30..49 */
		tree_label(t, mc, "Message Code: %s (%u)", code_name(st, code), code);
	c = cur_make(q + 6, whole ? total - 6 - pad : 0);
	if (code == 20)
		kexinit(k, kx, &c, b + 6, whole && !again && !k->d->pi->visited);
	else if (code >= 30 && code <= 49)
		kex_body(k, kx, code, &c, b + 6, again);
	if (whole) {
		tree_add_bytes(t, v, &fields[F_PAD_STR], b + total - pad, pad, q + total - pad, pad);
		tree_add_uint(t, v, &fields[F_SEQ], b, 0, seq);
	}
}

/* Bytes tshark cannot read: the encrypted length field, then the rest. */
static void enc_bytes(struct dtree *t, uint32_t parent, const uint8_t *q, uint32_t b, uint32_t left)
{
	if (left > 4) {
		tree_add_bytes(t, parent, &fields[F_PKT_LEN_ENC], b, 4, q, 4);
		tree_add_bytes(t, parent, &fields[F_ENC_PKT], b + 4, left - 4, q + 4, left - 4);
	} else {
		tree_add_bytes(t, parent, &fields[F_ENC_PKT], b, left, q, left);
	}
}

/* The rest of a segment after its sender's NEWKEYS, as tshark shows it without keys;
 * also any binary packet while the client's version is unknown (a stream joined late). */
static void encrypted(struct call *k, const uint8_t *q, uint32_t b, uint32_t left)
{
	struct dtree *t = k->d->tree;
	uint32_t v = k->st->version ? version_node(k, b, left) : k->node;
	char s[48];

	if (k->st->version && k->st->replied && is_aead(k->st->enc[k->server]))
		return;
	enc_bytes(t, v, q, b, left);
	if (k->d->pi->want_cols) {
		snprintf(s, sizeof(s), "Encrypted packet (len=%u)", left);
		item(k, s);
	}
}

static void ssh_pdu(struct dctx *d, struct cur *c, const struct reasm_pdu *p,
    struct reasm_need *need)
{
	struct ssh_stream *st = stream_get(d, p->stream);
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	const uint8_t *base = c->base;
	uint32_t start = cur_off(c), n = (uint32_t)cur_left(c), off = 0;
	int server = pi->srcport == 22 || pi->srcport == 29418 ? 1 :
	    pi->dstport == 22 || pi->dstport == 29418 ? 0 : p->dir;
	struct call k = { d, st, server, 0 };

	if (!st)
		return;
	pi_push_proto(pi, "ssh");
	if (t)
		k.node = tree_add(t, 0, &fields[F_PROTO], start, n);
	if (st->info_frame != pi->num) {
		st->info_frame = pi->num;
		st->col_version = st->version;
		if (pi->want_cols) {
			/* "Client: " goes first, before TCP's fenced analysis text, as tshark shows */
			char keep[PI_INFO_MAX];
			size_t kl;
			col_clear(pi);
			kl = (size_t)pi->info_len;
			memcpy(keep, pi->info, kl);
			pi->info_len = pi->info_fence = 0;
			pi->info[0] = '\0';
			col_append_str(pi, server ? "Server: " : "Client: ");
			if (kl) {
				keep[kl] = '\0';
				col_append_str(pi, keep);
			}
		}
	}
	while (off < n) {
		const uint8_t *q = base + start + off;
		uint32_t left = n - off, total, tcpseq;
		uint8_t pad, code;
		int r, again;
		if (left >= 4 && !memcmp(q, "SSH-", 4)) {
			const uint8_t *nl = memchr(q, '\n', left);
			uint32_t ll;
			if (!nl && !p->truncated) {
				need->need_off = off;
				need->need_len = REASM_ONE_MORE_SEGMENT;
				break;
			}
			ll = nl ? (uint32_t)(nl - q) : left;
			if (ll && q[ll - 1] == '\r')
				ll--;
			if (!server && ll >= 6)
				st->version = q[4] == '2' || !memcmp(q + 4, "1.99", ll >= 8 ? 4 : 0) ? 2 :
				    q[4] == '1' ? 1 : st->version;
			if (pi->want_cols) {
				item(&k, "Protocol (");
				col_append_escaped(pi, q, ll);
				col_append_str(pi, ")");
			}
			tree_add_bytes(t, k.node, &fields[F_PROTOCOL], start + off, ll, q, ll);
			off += nl ? (uint32_t)(nl - q) + 1 : left;
			continue;
		}
		if (!st->version || st->newkeys[server]) {
			encrypted(&k, q, start + off, left);
			break;
		}
		r = ssh_packet_header(q, left, &total, &pad, &code);
		if (r == 0 && !p->truncated) {
			need->need_off = off;
			need->need_len = REASM_ONE_MORE_SEGMENT;
			break;
		}
		if (r <= 0) {
			enc_bytes(t, k.node, q, start + off, left);
			break;
		}
		if (total > left && !p->truncated) {
			need->need_off = off;
			need->need_len = total - left;
			break;
		}
		if (pi->want_cols)
			item(&k, code_name(st, code));
		tcpseq = p->seq + off;
		again = (int32_t)(tcpseq - st->next_tcp[server]) < 0;
		binary_packet(&k, q, start + off, total, pad, code, total <= left, again, tcpseq);
		if (!again) {
			if (code == 21)
				st->newkeys[server] = 1;
			st->next_tcp[server] = tcpseq + total;
		}
		off += total < left ? total : left;
	}
	tree_flag(t, tree_add_uint(t, k.node, &fields[F_DIR], start, 0, (uint64_t)server),
	    TN_GENERATED);
	col_set_proto(pi, st->col_version == 2 ? "SSHv2" : st->col_version == 1 ? "SSHv1" : "SSH");
}

int ssh_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti)
{
	struct reasm_seg s;
	struct ssh_stream *st;

	if (!d->sess || !d->sess->reasm || ti->no_subdissector || !cur_left(payload))
		return 0;
	st = stream_get(d, ti->stream);
	if (!st)
		return 0;
	st->info_frame = 0;
	s = tcp_payload_seg(ti);
	reasm_segment(d->sess->reasm, d, payload, &s, ssh_pdu);
	return 1;
}
