/* nbns.c — NetBIOS Name Service (RFC 1002) on UDP port 137.
 *
 *   +----------------+----------------+   header as DNS: id, flags (opcode in bits
 *   | Transaction ID | Flags          |   11-14), then question, answer, authority
 *   | Questions      | Answer RRs     |   and additional counts; a name is 32
 *   | Authority RRs  | Additional RRs |   letters 'A'+nibble (16 bytes: 15 of name,
 *   +----------------+----------------+   1 of suffix type) and DNS-style scope labels
 *
 * Info as Wireshark: "Name query NB WPAD<00>", "… response NB 10.0.0.1".
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dissect/fvalue.h"
#include "dissect/protos.h"

static void dissect_nbns(struct dctx *d, struct cur *c, uint32_t parent);

enum { N_PROTO, N_ID, N_FLAGS, N_QD, N_AN, N_NS, N_AR, N_NAME };

static const struct val_str opcode_vals[] = {
	{ 0, "Name query" }, { 5, "Registration" }, { 6, "Release" },
	{ 7, "Wait for acknowledgment" }, { 8, "Refresh" }, { 9, "Refresh (alternate opcode)" },
	{ 15, "Multi-homed registration" }, { 0, NULL }
};
static const struct val_str type_vals[] = { { 0x20, "NB" }, { 0x21, "NBSTAT" }, { 0, NULL } };

static const struct field_def fields[] = {
	[N_PROTO] = { "nbns", "NetBIOS Name Service", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Windows' old name lookup: who on this LAN is called WPAD or WORKGROUP (UDP 137, broadcast).", 0 },
	[N_ID] = { "nbns.id", "Transaction ID", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: matches a response to its query.", 0 },
	[N_FLAGS] = { "nbns.flags", "Flags", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: response bit, opcode (query, registration, release…), broadcast bit.", 0 },
	[N_QD] = { "nbns.count.queries", "Questions", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Names asked for.", 0 },
	[N_AN] = { "nbns.count.answers", "Answer RRs", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Answers in a response.", 0 },
	[N_NS] = { "nbns.count.auth_rr", "Authority RRs", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Authority records.", 0 },
	[N_AR] = { "nbns.count.add_rr", "Additional RRs", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Additional records (the name being registered).", 0 },
	[N_NAME] = { "nbns.name", "Name", FT_STRING, BASE_NONE, 0, 0, NULL,
		"A NetBIOS name: up to 15 characters and a suffix type (<00> workstation, <20> file server).", 0 },
};
static const struct field_table nbns_table = REG_TABLE(fields);
static const struct handoff nbns_handoffs[] = {
	{ HO_UDP_PORT, 137, .fn = dissect_nbns },
};
const struct proto_reg nbns_proto = REG_PROTO(nbns_table, nbns_handoffs);

/* Decodes the name at p[*off] into buf ("NAME<xx>" plus ".scope"); moves *off past it.
 * Returns 0 when the name runs past the message. */
static int get_name(const uint8_t *p, size_t n, size_t *off, char *buf, size_t bn)
{
	size_t o = *off, at = 0;

	if (o >= n || p[o] != 32 || o + 33 > n)
		return 0;
	char raw[16];
	for (int i = 0; i < 16; i++) {
		uint8_t hi = (uint8_t)(p[o + 1 + 2 * i] - 'A'), lo = (uint8_t)(p[o + 2 + 2 * i] - 'A');
		raw[i] = (char)((hi & 0xf) << 4 | (lo & 0xf));
	}
	int l = 15;
	while (l > 0 && raw[l - 1] == ' ')
		l--;
	for (int i = 0; i < l && at + 10 < bn; i++) {	/* unprintable bytes as "<xx>" */
		if (raw[i] >= 0x20 && raw[i] < 0x7f)
			buf[at++] = raw[i];
		else
			at += (size_t)snprintf(buf + at, bn - at, "<%02x>", (uint8_t)raw[i]);
	}
	at += (size_t)snprintf(buf + at, bn - at, "<%02x>", (uint8_t)raw[15]);
	o += 33;
	while (o < n && p[o] && p[o] < 64) {
		size_t k = p[o];
		if (o + 1 + k > n)
			return 0;
		if (at + k + 2 < bn) {
			buf[at++] = '.';
			for (size_t i = 0; i < k; i++)
				buf[at++] = p[o + 1 + i] >= 0x20 && p[o + 1 + i] < 0x7f ? (char)p[o + 1 + i] : '.';
			buf[at] = '\0';
		}
		o += 1 + k;
	}
	if (o >= n)
		return 0;
	*off = o + 1;
	return 1;
}

/* The decoded name is a local buffer: the node gets a copy in the tree. */
static void add_name(struct dtree *t, uint32_t node, uint32_t off, uint32_t len, const char *name)
{
	uint32_t n;

	if (!tree_wants(t, &fields[N_NAME]))
		return;
	n = (uint32_t)strlen(name);
	tree_add_bytes(t, node, &fields[N_NAME], off, len, tree_keep(t, name, n), n);
}

static void dissect_nbns(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	const uint8_t *p = c->p;
	size_t n = cur_left(c), off = 12;
	uint32_t start = cur_off(c), node;
	char name[300];

	node = dissect_layer(d, parent, "nbns", "NBNS", &fields[N_PROTO], start, (uint32_t)n);
	const struct cur m = *c;
	cur_skip(c, n);
	if (n < 12) {
		dissect_exhausted(d, node, "NBNS");
		return;
	}
	uint16_t flags = cur_peek_be16(&m, 2), qd = cur_peek_be16(&m, 4), an = cur_peek_be16(&m, 6);
	const char *op = val_to_str((flags >> 11) & 0xf, opcode_vals);
	char unk[32];
	if (!op) {
		snprintf(unk, sizeof(unk), "Unknown operation (%u)", (unsigned)flags >> 11 & 0xf);
		op = unk;
	}
	col_append_str(pi, op);
	if (flags & 0x8000)
		col_append_str(pi, " response");
	tree_add_uint(t, node, &fields[N_ID], start, 2, cur_peek_be16(&m, 0));
	tree_add_uint(t, node, &fields[N_FLAGS], start + 2, 2, flags);
	tree_add_uint(t, node, &fields[N_QD], start + 4, 2, qd);
	tree_add_uint(t, node, &fields[N_AN], start + 6, 2, an);
	tree_add_uint(t, node, &fields[N_NS], start + 8, 2, cur_peek_be16(&m, 8));
	tree_add_uint(t, node, &fields[N_AR], start + 10, 2, cur_peek_be16(&m, 10));
	for (unsigned i = 0; i < qd; i++) {
		size_t at = off;
		if (!get_name(p, n, &off, name, sizeof(name)) || off + 4 > n)
			return;
		const char *tn = val_to_str(cur_peek_be16(&m, off), type_vals);
		col_append(pi, " %s %s", tn ? tn : "Unknown", name);
		add_name(t, node, start + (uint32_t)at, (uint32_t)(off - at), name);
		off += 4;
	}
	for (unsigned i = 0; i < an; i++) {
		size_t at = off;
		if (!get_name(p, n, &off, name, sizeof(name)) || off + 10 > n)
			return;
		uint16_t type = cur_peek_be16(&m, off), rdlen = cur_peek_be16(&m, off + 8);
		const char *tn = val_to_str(type, type_vals);
		add_name(t, node, start + (uint32_t)at, (uint32_t)(off - at), name);
		off += 10;
		if (off + rdlen > n)
			return;
		col_append(pi, " %s", tn ? tn : "Unknown");
		if (type == 0x20)
			for (size_t r = 0; r + 6 <= rdlen; r += 6) {
				char a[20];
				fv_ipv4(p + off + r + 2, a, sizeof(a));
				col_append(pi, " %s", a);
			}
		off += rdlen;
	}
}
