/* gquic.c — Google QUIC (Q0xx versions, before IETF QUIC) over UDP, as far as
 * Wireshark 4.0's packet-gquic.c shows it in the Protocol and Info columns.
 *
 *   +-------+--------------+---------+---------------+----------------------+
 *   | Flags | CID (8, opt) | Version | Packet Number | hash (12), frames …  |
 *   |  (1)  | LE < Q039    | (4 opt) | (1/2/4/6)     | or encrypted payload |
 *   +-------+--------------+---------+---------------+----------------------+
 *   Flags: 0x01 version present, 0x02 public reset, 0x04 diversification nonce,
 *          0x08 8-byte CID, 0x30 packet number length.
 *
 * Found heuristically (flags with version and CID, version "Q02x"/"Q03x"/"Q04x");
 * from then on the whole UDP conversation is GQUIC, as Wireshark's conversation
 * dissector makes it.  Only the handshake messages travel unencrypted: the frame walk
 * below (Wireshark's is_gquic_unencrypt) decides between "Client Hello"… and
 * "Payload (Encrypted)".  Tags and frames are not shown in the tree.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dissect/session.h"
#include "core/xmalloc.h"
#include "dissect/protos.h"


static int gquic_conv(struct dctx *d, struct cur *c);
static int gquic_heuristic(struct dctx *d, struct cur *c);

enum { G_PROTO, G_PUFLAGS, G_CID, G_VERSION, G_PKN, G_HASH, G_TAG, G_PAYLOAD };

static const struct field_def fields[] = {
	[G_PROTO] = { "gquic", "GQUIC (Google Quick UDP Internet Connections)", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Google's QUIC before the IETF standard: HTTP over encrypted UDP (Chrome, 2013-2020).", 0 },
	[G_PUFLAGS] = { "gquic.puflags", "Public Flags", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: version present, reset, nonce, connection id and packet number lengths.", 0 },
	[G_CID] = { "gquic.cid", "CID", FT_UINT64, BASE_DEC, 0, 0, NULL,
		"64 bits: connection id chosen by the client; it survives address changes.", 0 },
	[G_VERSION] = { "gquic.version", "Version", FT_STRING, BASE_NONE, 0, 0, NULL,
		"4 ASCII characters such as Q043, sent until the server accepts the version.", 0 },
	[G_PKN] = { "gquic.packet_number", "Packet Number", FT_UINT64, BASE_DEC, 0, 0, NULL,
		"The low 8 to 48 bits of the packet number (never reused, unlike TCP sequence numbers).", 0 },
	[G_HASH] = { "gquic.message_authentication_hash", "Message Authentication Hash", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"12 bytes: FNV-1a hash protecting the unencrypted handshake packets.", 0 },
	[G_TAG] = { "gquic.tag", "Tag", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Handshake message: CHLO client hello, SHLO server hello, REJ rejection.", 0 },
	[G_PAYLOAD] = { "gquic.payload", "Payload", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Encrypted frames.", 0 },
};
static const struct field_table gquic_table = REG_TABLE(fields);
static const struct handoff gquic_handoffs[] = {
	{ HO_UDP_CONV, .heur = gquic_conv },
	{ HO_UDP_HEUR, .heur = gquic_heuristic },
};
const struct proto_reg gquic_proto = REG_PROTO(gquic_table, gquic_handoffs);

#define MTAG_CHLO 0x43484c4fu
#define MTAG_SHLO 0x53484c4fu
#define MTAG_REJ 0x52454a00u
#define MTAG_PRST 0x50525354u

static const struct val_str mtag_vals[] = {
	{ MTAG_CHLO, "Client Hello" }, { MTAG_SHLO, "Server Hello" }, { MTAG_REJ, "Rejection" },
	{ MTAG_PRST, "Public Reset" }, { 0, NULL }
};

/* Per conversation (address and port pair, either direction): the last version
 * seen and the server port, as packet-gquic.c's gquic_info_data. */
struct gconv {
	struct address a, b;
	uint16_t pa, pb;
	uint8_t version, version_valid;
	uint16_t server_port;
};

struct gconvs {
	struct gconv *v;
	size_t n, cap;
};

static void gconvs_release(void *p)
{
	struct gconvs *s = p;

	free(s->v);
	free(s);
}

static int addr_eq(const struct address *x, const struct address *y)
{
	return x->type == y->type && memcmp(x->a, y->a, sizeof(x->a)) == 0;
}

static struct gconv *conv_find(struct session *sess, const struct pinfo *pi, int create)
{
	struct sess_slot *sl = &sess->slot[SESS_SLOT_GQUIC];
	struct gconvs *s = sl->p;

	if (s)
		for (size_t i = 0; i < s->n; i++) {
			struct gconv *g = &s->v[i];
			if ((g->pa == pi->srcport && g->pb == pi->dstport && addr_eq(&g->a, &pi->net_src) &&
			    addr_eq(&g->b, &pi->net_dst)) ||
			    (g->pa == pi->dstport && g->pb == pi->srcport && addr_eq(&g->a, &pi->net_dst) &&
			    addr_eq(&g->b, &pi->net_src)))
				return g;
		}
	if (!create)
		return NULL;
	if (!s) {
		s = sl->p = xcalloc(1, sizeof(*s));
		sl->release = gconvs_release;
	}
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof(*s->v));
	struct gconv *g = &s->v[s->n++];
	memset(g, 0, sizeof(*g));
	g->a = pi->net_src;
	g->b = pi->net_dst;
	g->pa = pi->srcport;
	g->pb = pi->dstport;
	g->version_valid = 1;
	g->server_port = 443;
	return g;
}

/* The n-byte integer at offset off of m (0 when it runs past the end). */
static uint64_t get_uint(const struct cur *m, size_t off, unsigned n, int le)
{
	struct cur s = cur_at(m, off);
	return cur_uint_n(&s, n, le);
}

static unsigned pkn_len(uint8_t flags)
{
	static const unsigned len[] = { 1, 2, 4, 6 };
	return len[(flags & 0x30) >> 4];
}

/* Wireshark's is_gquic_unencrypt: walks the frames after the hash and says whether
 * they are readable (a handshake message or a connection close).  *info gets the
 * Info text of the stream frame that decided it (NULL when none did). */
static int unencrypted(const uint8_t *p, size_t len, size_t off, unsigned lpkn, struct gconv *g,
    int le, const struct pinfo *pi, const char **info)
{
	int old = g->version_valid && g->version < 34;
	const struct cur m = cur_make(p, len);

	*info = NULL;
	if (off >= len || len - off <= 13)
		return 0;
	off += 12 + (old ? 1 : 0);
	while (off < len) {
		if (len - off <= 1)
			return 0;
		uint8_t ft = p[off];
		if ((ft & 0xe0) == 0) {
			off++;
			switch (ft) {
			case 0: return 0;				/* padding */
			case 1: off += 16; break;			/* RST_STREAM */
			case 2:						/* CONNECTION_CLOSE */
				off += 4;
				if (off >= len || len - off <= 2)
					return 0;
				if (len - off - 2 == get_uint(&m, off, 2, le))
					return 1;
				off += 2;
				break;
			case 3:						/* GOAWAY */
				off += 8;
				if (off >= len || len - off <= 2)
					return 0;
				off += 2 + get_uint(&m, off, 2, le);
				break;
			case 4: off += 12; break;			/* WINDOW_UPDATE */
			case 5: off += 4; break;			/* BLOCKED */
			case 6: off += (old ? 1 : 0) + lpkn; break;	/* STOP_WAITING */
			default: break;
			}
		} else if (ft & 0x80) {					/* STREAM */
			static const unsigned loff[] = { 0, 2, 3, 4, 5, 6, 7, 8 };
			unsigned lstream = (ft & 3) + 1, ldata = ft & 0x20 ? 2 : 0;
			size_t sid_at = off + 1;
			off += 1 + lstream + loff[(ft & 0x1c) >> 2] + ldata;
			if (off >= len || len - off <= 4)
				return 0;
			uint32_t tag = (uint32_t)get_uint(&m, off, 4, 0);
			if (tag == MTAG_CHLO || tag == MTAG_SHLO || tag == MTAG_REJ) {
				if (tag == MTAG_CHLO && pi->srcport != 443)
					g->server_port = pi->dstport;
				uint64_t sid = get_uint(&m, sid_at, lstream, le);
				*info = sid == 1 ? val_to_str(tag, mtag_vals) : sid == 3 ? "H2" : "DATA";
				return 1;
			}
		} else if (ft & 0x40) {					/* ACK */
			static const unsigned lnum[] = { 1, 2, 4, 6 };
			unsigned llo = lnum[(ft & 0x0c) >> 2], lmiss = lnum[ft & 3];
			off++;
			if (old) {
				off += 1 + llo + 2;
				if (off >= len || len - off <= 1)
					return 0;
				unsigned nts = p[off++];
				if (nts)
					off += 5 + (nts - 1) * 3u;
				if (ft & 0x20) {
					if (off >= len || len - off <= 1)
						return 0;
					unsigned nr = p[off++];
					off += nr * (lmiss + 1u);
					if (off >= len || len - off <= 1)
						return 0;
					unsigned nrev = p[off++];
					off += nrev * llo;
				}
			} else {
				unsigned nb = 0;
				off += llo + 2;
				if (ft & 0x20) {
					if (off >= len || len - off <= 1)
						return 0;
					nb = p[off++];
				}
				off += lmiss + nb * (1u + lmiss);
				if (off >= len || len - off <= 1)
					return 0;
				unsigned nts = p[off++];
				if (nts)
					off += 5 + (nts - 1) * 3u;
			}
		} else
			off++;
	}
	return 0;
}

static void dissect_body(struct dctx *d, struct cur *c, struct gconv *g)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	const uint8_t *p = c->p;
	size_t len = cur_left(c);
	const struct cur m = *c;
	uint32_t start = cur_off(c), node;
	uint8_t flags = p[0];
	unsigned lcid = flags & 0x08 ? 8 : 0;
	uint64_t cid = 0;
	size_t off = 1;

	pi_push_proto(pi, "gquic");
	col_set_proto(pi, "GQUIC");
	node = tree_add(t, 0, &fields[G_PROTO], start, (uint32_t)len);
	cur_skip(c, len);
	if ((flags & 0x01) && len >= 1 + lcid + 4) {
		const uint8_t *v = p + 1 + lcid + 1;
		int ok = 1;
		unsigned ver = 0;
		for (int i = 0; i < 3; i++) {
			if (v[i] < '0' || v[i] > '9')
				ok = 0;
			ver = ver * 10 + (unsigned)(v[i] - '0');
		}
		g->version_valid = ok && ver <= 255;
		if (g->version_valid)
			g->version = (uint8_t)ver;
	}
	int le = g->version < 39;
	tree_add_uint(t, node, &fields[G_PUFLAGS], start, 1, flags);
	if (lcid) {
		if (len < off + 8) {
			dissect_exhausted(d, node, "GQUIC");
			return;
		}
		cid = get_uint(&m, off, 8, le);
		tree_add_uint(t, node, &fields[G_CID], start + (uint32_t)off, 8, cid);
		off += 8;
	}
	if (flags & 0x01) {
		if (pi->srcport == g->server_port) {
			col_clear(pi);
			col_append(pi, "Version Negotiation, CID: %llu", (unsigned long long)cid);
			return;
		}
		if (len < off + 4) {
			dissect_exhausted(d, node, "GQUIC");
			return;
		}
		tree_add_bytes(t, node, &fields[G_VERSION], start + (uint32_t)off, 4, p + off, 4);
		off += 4;
	}
	if (flags & 0x02) {
		if (len >= off + 4)
			tree_add_bytes(t, node, &fields[G_TAG], start + (uint32_t)off, 4, p + off, 4);
		col_clear(pi);
		col_append(pi, "Public Reset, CID: %llu", (unsigned long long)cid);
		return;
	}
	if (g->version_valid && (flags & 0x04) && g->version >= 33 && pi->srcport == g->server_port)
		off += 32;
	unsigned lpkn = pkn_len(flags);
	if (len < off + lpkn) {
		dissect_exhausted(d, node, "GQUIC");
		return;
	}
	uint64_t pkn = get_uint(&m, off, lpkn, le);
	tree_add_uint(t, node, &fields[G_PKN], start + (uint32_t)off, lpkn, pkn);
	off += lpkn;
	const char *info;
	if (unencrypted(p, len, off, lpkn, g, le, pi, &info)) {
		tree_add_bytes(t, node, &fields[G_HASH], start + (uint32_t)off, 12, p + off, 12);
		if (info) {
			col_clear(pi);
			col_append_str(pi, info);
		}
	} else {
		col_clear(pi);
		col_append_str(pi, "Payload (Encrypted)");
		if (off < len)
			tree_add_bytes(t, node, &fields[G_PAYLOAD], start + (uint32_t)off, (uint32_t)(len - off),
			    p + off, (uint32_t)(len - off));
	}
	col_append_uint(pi, ", PKN: ", pkn);
	if (cid)
		col_append_uint(pi, ", CID: ", cid);
}

static int gquic_conv(struct dctx *d, struct cur *c)
{
	struct gconv *g;

	if (!d->sess || cur_left(c) < 3 || !(g = conv_find(d->sess, d->pi, 0)))
		return 0;
	dissect_body(d, c, g);
	return 1;
}

static int gquic_heuristic(struct dctx *d, struct cur *c)
{
	const uint8_t *p = c->p;

	if (cur_left(c) < 13 || !(p[0] & 0x01) || !(p[0] & 0x08) || p[9] != 'Q' || p[10] != '0' ||
	    (p[11] != '2' && p[11] != '3' && p[11] != '4'))
		return 0;
	if (d->sess) {
		dissect_body(d, c, conv_find(d->sess, d->pi, 1));
		return 1;
	}
	/* Without a session (a lone frame): a conversation of one packet. */
	struct gconv g = { .version_valid = 1, .server_port = 443 };
	dissect_body(d, c, &g);
	return 1;
}
