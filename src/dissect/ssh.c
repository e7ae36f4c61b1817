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
 * keys, shows every segment as one encrypted packet and only "Client: "/"Server: " in
 * Info.  The names of codes 30..34 depend on the key exchange method negotiated in
 * the KEXINITs (first client method the server also lists).  Protocol column: "SSH"
 * until the server's version string says 2.x ("SSHv2") or 1.x ("SSHv1").
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "dissect/reasm.h"
#include "dissect/session.h"
#include "core/xmalloc.h"
#include "dissect/protos.h"
#include "dissect/ssh.h"
#include "dissect/tcp_payload.h"

enum { F_PROTO, F_PROTOCOL, F_PKT_LEN, F_PAD_LEN, F_MSG_CODE, F_ENC_PKT };

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
	int version;		/* 0 unknown, 1, 2 (from the server's version string) */
	int newkeys[2];		/* NEWKEYS sent by the client / the server */
	enum kex kex;
	uint32_t info_frame;	/* SSH rewrote Info in this frame (per visit) */
	/* not replayed: the first pass alone reads KEXINITs */
	char *kexlist[2];	/* kex_algorithms name-lists of the KEXINITs */
	struct frame_state fs;	/* the fields before kexlist as each frame began */
};

struct ssh_streams {
	struct ssh_stream **v;
	size_t n, cap;
};

static void streams_release(void *p)
{
	struct ssh_streams *s = p;

	for (size_t i = 0; i < s->n; i++)
		if (s->v[i]) {
			free(s->v[i]->kexlist[0]);
			free(s->v[i]->kexlist[1]);
			free(s->v[i]);
		}
	free(s->v);
	free(s);
}

/* The stream's state as this frame sees it (frame_state_get); NULL on a revisit of a
 * frame before the stream's first. */
static struct ssh_stream *stream_get(struct dctx *d, uint32_t stream)
{
	struct sess_slot *sl = &d->sess->slot[SESS_SLOT_SSH];
	struct ssh_streams *s = sl->p;

	if (!s) {
		s = sl->p = xcalloc(1, sizeof(*s));
		sl->release = streams_release;
	}
	if (stream >= s->n) {
		s->v = xgrow(s->v, &s->cap, (size_t)stream + 1, sizeof(*s->v));
		memset(s->v + s->n, 0, ((size_t)stream + 1 - s->n) * sizeof(*s->v));
		s->n = (size_t)stream + 1;
	}
	if (!s->v[stream])
		s->v[stream] = xcalloc(1, sizeof(struct ssh_stream));
	return frame_state_get(&s->v[stream]->fs, d, s->v[stream], offsetof(struct ssh_stream, kexlist),
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

/* Wireshark's ssh_set_kex_specific_dissector: the first client method the server has. */
static void negotiate(struct ssh_stream *st)
{
	const char *p = st->kexlist[0];

	while (p && *p) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (in_list(st->kexlist[1], p, l)) {
			if (has_prefix(p, l, "diffie-hellman-group-exchange"))
				st->kex = KEX_DH_GEX;
			else if (has_prefix(p, l, "ecdh-sha2-") || has_prefix(p, l, "curve25519-sha256") ||
			    has_prefix(p, l, "curve448-sha512"))
				st->kex = KEX_ECDH;
			else if (has_prefix(p, l, "diffie-hellman-group"))
				st->kex = KEX_DH;
			return;
		}
		if (!e)
			break;
		p = e + 1;
	}
}

static void kexinit(struct ssh_stream *st, int server, const uint8_t *payload, uint32_t n)
{
	uint32_t l;

	if (n < 1 + 16 + 4)
		return;
	const struct cur m = cur_make(payload, n);
	l = cur_peek_be32(&m, 17);
	if (l > n - 21)
		return;
	free(st->kexlist[server]);
	st->kexlist[server] = xmalloc(l + 1);
	memcpy(st->kexlist[server], payload + 21, l);
	st->kexlist[server][l] = '\0';
	if (memchr(st->kexlist[server], '\0', l)) {
		free(st->kexlist[server]);
		st->kexlist[server] = NULL;
		return;
	}
	if (st->kexlist[0] && st->kexlist[1])
		negotiate(st);
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
	struct call k = { d, server, 0 };

	if (!st)
		return;
	pi_push_proto(pi, "ssh");
	if (t)
		k.node = tree_add(t, 0, &fields[F_PROTO], start, n);
	if (st->info_frame != pi->num && pi->want_cols) {
		/* "Client: " goes first, before TCP's fenced analysis text, as tshark shows */
		char keep[PI_INFO_MAX];
		size_t kl;
		st->info_frame = pi->num;
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
	while (off < n) {
		const uint8_t *q = base + start + off;
		uint32_t left = n - off, total;
		uint8_t pad, code;
		int r;
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
			if (server && ll >= 6)
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
		if (st->newkeys[server]) {
			/* encrypted: the rest of the segment, as tshark without keys */
			tree_add_bytes(t, k.node, &fields[F_ENC_PKT], start + off, left, q, left);
			break;
		}
		r = ssh_packet_header(q, left, &total, &pad, &code);
		if (r == 0 && !p->truncated) {
			need->need_off = off;
			need->need_len = REASM_ONE_MORE_SEGMENT;
			break;
		}
		if (r <= 0) {
			tree_add_bytes(t, k.node, &fields[F_ENC_PKT], start + off, left, q, left);
			break;
		}
		if (total > left && !p->truncated) {
			need->need_off = off;
			need->need_len = total - left;
			break;
		}
		tree_add_uint(t, k.node, &fields[F_PKT_LEN], start + off, 4, total - 4);
		tree_add_uint(t, k.node, &fields[F_PAD_LEN], start + off + 4, 1, pad);
		tree_add_uint(t, k.node, &fields[F_MSG_CODE], start + off + 5, 1, code);
		if (pi->want_cols)
			item(&k, code_name(st, code));
		if (code == 20 && total <= left && !pi->visited)
			kexinit(st, server, q + 5, total - 5 - pad);
		else if (code == 21)
			st->newkeys[server] = 1;
		off += total < left ? total : left;
	}
	col_set_proto(pi, st->version == 2 ? "SSHv2" : st->version == 1 ? "SSHv1" : "SSH");
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
