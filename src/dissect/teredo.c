/* teredo.c — Teredo: IPv6 over UDP through NATs (RFC 4380), UDP port 3544.
 *
 *   [ 0x0001 | ID-len (8) | AU-len (8) | client id | auth value | nonce (64) | confirmation (8) ]
 *   [ 0x0000 | origin port (16, bits inverted) | origin IPv4 address (32, bits inverted) ]
 *   IPv6 packet …
 *
 * The optional authentication and origin indication headers (RFC 4380 5.1.1) come
 * first; the IPv6 packet after them goes to IPv6, whose layers then own the columns.
 */
#include "config.h"

#include "dissect/protos.h"

enum { T_PROTO, T_AUTH, T_IDLEN, T_AULEN, T_ID, T_VALUE, T_NONCE, T_CONF, T_ORIG, T_ORIG_PORT,
	T_ORIG_ADDR };

static const struct field_def fields[] = {
	[T_PROTO] = { "teredo", "Teredo IPv6 over UDP tunneling", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"IPv6 packets carried in UDP so that hosts behind IPv4 NATs reach IPv6 (port 3544).", 0 },
	[T_AUTH] = { "teredo.auth", "Teredo Authentication header", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Client identifier, authentication value and nonce of a qualification exchange.", 0 },
	[T_IDLEN] = { "teredo.auth.idlen", "Client identifier length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Bytes of the client identifier.", 0 },
	[T_AULEN] = { "teredo.auth.aulen", "Authentication value length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Bytes of the authentication value.", 0 },
	[T_ID] = { "teredo.auth.id", "Client identifier", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Who the client is to the server.", 0 },
	[T_VALUE] = { "teredo.auth.value", "Authentication value", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Proof of the client's identity.", 0 },
	[T_NONCE] = { "teredo.auth.nonce", "Nonce value", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"64 random bits the server's answer repeats.", 0 },
	[T_CONF] = { "teredo.auth.conf", "Confirmation byte", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Non-zero: the client's secret is no longer valid.", 0 },
	[T_ORIG] = { "teredo.orig", "Teredo Origin Indication header", FT_NONE, BASE_NONE, 0, 0, NULL,
		"The address and port the server saw the client's packet come from.", 0 },
	[T_ORIG_PORT] = { "teredo.orig.port", "Origin UDP port", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"The client's mapped port (sent with its bits inverted).", 0 },
	[T_ORIG_ADDR] = { "teredo.orig.addr", "Origin IPv4 address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"The client's mapped address (sent with its bits inverted).", 0 },
};
static void dissect_teredo(struct dctx *d, struct cur *c, uint32_t parent);
static const struct field_table teredo_table = REG_TABLE(fields);
static const struct handoff teredo_handoffs[] = {
	{ HO_UDP_PORT, 3544, .fn = dissect_teredo },
};
const struct proto_reg teredo_proto = REG_PROTO(teredo_table, teredo_handoffs);

/* The authentication header at c (its 0x0001 indicator first); 0 when cut short. */
static int auth_header(struct dtree *t, uint32_t node, struct cur *c)
{
	uint32_t at = cur_off(c), n;
	uint8_t idlen = cur_peek(c, 2), aulen = cur_peek(c, 3);
	uint32_t len = 4u + idlen + aulen + 9u;
	const uint8_t *p;

	if (!cur_has(c, len))
		return 0;
	p = cur_ptr(c, len);
	n = tree_add(t, node, &fields[T_AUTH], at, len);
	tree_add_uint(t, n, &fields[T_IDLEN], at + 2, 1, idlen);
	tree_add_uint(t, n, &fields[T_AULEN], at + 3, 1, aulen);
	if (idlen)
		tree_add_bytes(t, n, &fields[T_ID], at + 4, idlen, p + 4, idlen);
	if (aulen)
		tree_add_bytes(t, n, &fields[T_VALUE], at + 4 + idlen, aulen, p + 4 + idlen, aulen);
	tree_add_bytes(t, n, &fields[T_NONCE], at + 4 + idlen + aulen, 8, p + 4 + idlen + aulen, 8);
	tree_add_bytes(t, n, &fields[T_CONF], at + 12 + idlen + aulen, 1, p + 12 + idlen + aulen, 1);
	return 1;
}

/* The origin indication header at c (its 0x0000 indicator first); 0 when cut short. */
static int origin_header(struct dtree *t, uint32_t node, struct cur *c)
{
	uint32_t at = cur_off(c), n;
	uint16_t port;
	uint8_t addr[4];

	if (!cur_has(c, 8))
		return 0;
	cur_skip(c, 2);
	port = (uint16_t)~cur_be16(c);
	cur_bytes(c, addr, 4);
	for (int i = 0; i < 4; i++)
		addr[i] ^= 0xff;
	n = tree_add(t, node, &fields[T_ORIG], at, 8);
	tree_add_uint(t, n, &fields[T_ORIG_PORT], at + 2, 2, port);
	tree_add_addr(t, n, &fields[T_ORIG_ADDR], at + 4, 4, addr);
	return 1;
}

static void dissect_teredo(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node;

	pi_push_proto(d->pi, "teredo");
	col_set_proto(d->pi, "Teredo");
	col_clear(d->pi);
	node = tree_add(t, parent, &fields[T_PROTO], start, 0);
	if (cur_has(c, 2) && cur_peek_be16(c, 0) == 0x0001 && !auth_header(t, node, c)) {
		dissect_exhausted(d, node, "Teredo");
		return;
	}
	if (cur_has(c, 2) && cur_peek_be16(c, 0) == 0x0000 && !origin_header(t, node, c)) {
		dissect_exhausted(d, node, "Teredo");
		return;
	}
	tree_set_len(t, node, cur_off(c) - start);
	if (!dissect_ethertype(d, c, 0, 0x86dd))
		dissect_data(d, c, 0);
}
