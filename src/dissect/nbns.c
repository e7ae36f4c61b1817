/* nbns.c — NetBIOS Name Service (RFC 1002) on UDP port 137.
 *
 *   +----------------+----------------+   header as DNS: id, flags (opcode in bits
 *   | Transaction ID | Flags          |   11-14), then question, answer, authority
 *   | Questions      | Answer RRs     |   and additional counts; a name is 32
 *   | Authority RRs  | Additional RRs |   letters 'A'+nibble (16 bytes: 15 of name,
 *   +----------------+----------------+   1 of suffix type) and DNS-style scope labels
 *
 * Info as Wireshark: "Name query NB WPAD<00>", "… response NB 10.0.0.1".  The tree as
 * tshark 4.0: flag bits, records with their NB entries (flags, address) and the
 * node status (NBSTAT) table of names and adapter statistics.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dissect/fvalue.h"
#include "dissect/protos.h"

static void dissect_nbns(struct dctx *d, struct cur *c, uint32_t parent);

enum {
	N_PROTO, N_ID, N_FLAGS, N_F_RESP, N_F_OPCODE, N_F_AUTH, N_F_TRUNC, N_F_RD, N_F_RA,
	N_F_BCAST, N_F_RCODE, N_QD, N_AN, N_NS, N_AR, N_NAME, N_TYPE, N_CLASS, N_TTL, N_DLEN,
	N_NB_FLAGS, N_NB_GROUP, N_NB_ONT, N_ADDR, N_NNAMES, N_NBNAME, N_NM_FLAGS, N_NM_GROUP,
	N_NM_ONT, N_NM_DRG, N_NM_CNF, N_NM_ACT, N_NM_PRM, N_UNIT_ID, N_JUMPERS, N_TEST,
	N_VERSION, N_PERIOD, N_CRCS, N_ALIGN, N_COLL, N_ABORTS, N_GOOD_TX, N_GOOD_RX, N_RETX,
	N_NORES, N_CMDBLK, N_PEND, N_MAXPEND, N_MAXSESS, N_SESSSIZE, N_DATA,
};

enum { OP_WACK = 7 };

static const struct val_str opcode_vals[] = {
	{ 0, "Name query" }, { 5, "Registration" }, { 6, "Release" },
	{ 7, "Wait for acknowledgment" }, { 8, "Refresh" }, { 9, "Refresh (alternate opcode)" },
	{ 15, "Multi-homed registration" }, { 0, NULL }
};
static const struct val_str rcode_vals[] = {
	{ 0, "No error" }, { 1, "Request was invalidly formatted" }, { 2, "Server failure" },
	{ 3, "Requested name does not exist" }, { 4, "Request is not implemented" },
	{ 5, "Request was refused" }, { 6, "Name is owned by another node" },
	{ 7, "Name is in conflict" }, { 0, NULL }
};
static const struct val_str type_vals[] = { { 0x20, "NB" }, { 0x21, "NBSTAT" }, { 0, NULL } };
static const struct val_str class_vals[] = {
	{ 1, "IN" }, { 2, "CS" }, { 3, "CH" }, { 4, "HS" }, { 254, "NONE" }, { 255, "ANY" }, { 0, NULL }
};
static const struct val_str resp_vals[] = { { 0, "Message is a query" }, { 1, "Message is a response" }, { 0, NULL } };
static const struct val_str auth_vals[] = { { 0, "Server is not an authority for domain" }, { 1, "Server is an authority for domain" }, { 0, NULL } };
static const struct val_str trunc_vals[] = { { 0, "Message is not truncated" }, { 1, "Message is truncated" }, { 0, NULL } };
static const struct val_str rd_vals[] = { { 0, "Don't do query recursively" }, { 1, "Do query recursively" }, { 0, NULL } };
static const struct val_str ra_vals[] = { { 0, "Server can't do recursive queries" }, { 1, "Server can do recursive queries" }, { 0, NULL } };
static const struct val_str bcast_vals[] = { { 0, "Not a broadcast packet" }, { 1, "Broadcast packet" }, { 0, NULL } };
static const struct val_str group_vals[] = { { 0, "Unique name" }, { 1, "Group name" }, { 0, NULL } };
static const struct val_str yes_no[] = { { 0, "No" }, { 1, "Yes" }, { 0, NULL } };
/* Wireshark registers the owner node types unshifted: only B-node (0) resolves. */
static const struct val_str ont_vals[] = {
	{ 0, "B-node" }, { 0x2000, "P-node" }, { 0x4000, "M-node" }, { 0x6000, "H-node" }, { 0, NULL }
};
static const char *const ont_names[4] = { "B-node", "P-node", "M-node", "H-node" };

/* The 16th byte of a NetBIOS name: which service registered it. */
static const struct val_str suffix_vals[] = {
	{ 0x00, "Workstation/Redirector" }, { 0x01, "Browser" },
	{ 0x02, "Workstation/Redirector" }, { 0x03, "Messenger service/Main name" },
	{ 0x05, "Forwarded name" }, { 0x06, "RAS Server service" },
	{ 0x1b, "Domain Master Browser" }, { 0x1c, "Domain Controllers" },
	{ 0x1d, "Local Master Browser" }, { 0x1e, "Browser Election Service" },
	{ 0x1f, "Net DDE Service" }, { 0x20, "Server service" },
	{ 0x21, "RAS client service" }, { 0x22, "Exchange Interchange (MSMail Connector)" },
	{ 0x23, "Exchange Store" }, { 0x24, "Exchange Directory" },
	{ 0x2b, "Lotus Notes Server service" }, { 0x30, "Modem sharing server service" },
	{ 0x31, "Modem sharing client service" }, { 0x43, "SMS Clients Remote Control" },
	{ 0x44, "SMS Administrators Remote Control Tool" }, { 0x45, "SMS Clients Remote Chat" },
	{ 0x46, "SMS Clients Remote Transfer" }, { 0x4c, "DEC Pathworks TCP/IP Service on Windows NT" },
	{ 0x52, "DEC Pathworks TCP/IP Service on Windows NT" }, { 0x6a, "Microsoft Exchange IMC" },
	{ 0x87, "Microsoft Exchange MTA" }, { 0xbe, "Network Monitor Agent" },
	{ 0xbf, "Network Monitor Analyzer" }, { 0, NULL }
};

#define FLAG(abbrev, name, mask, vals, help) { abbrev, name, FT_BOOLEAN, BASE_NONE, mask, 16, vals, help, 0 }
#define U8H(abbrev, name, help) { abbrev, name, FT_UINT8, BASE_HEX, 0, 0, NULL, help, 0 }
#define U16(abbrev, name, help) { abbrev, name, FT_UINT16, BASE_DEC, 0, 0, NULL, help, 0 }
#define U16H(abbrev, name, help) { abbrev, name, FT_UINT16, BASE_HEX, 0, 0, NULL, help, 0 }
#define U32(abbrev, name, help) { abbrev, name, FT_UINT32, BASE_DEC, 0, 0, NULL, help, 0 }
static const struct field_def fields[] = {
	[N_PROTO] = { "nbns", "NetBIOS Name Service", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Windows' old name lookup: who on this LAN is called WPAD or WORKGROUP (UDP 137, broadcast).", 0 },
	[N_ID] = U16H("nbns.id", "Transaction ID", "16 bits: matches a response to its query."),
	[N_FLAGS] = U16H("nbns.flags", "Flags",
		"16 bits: response bit, opcode (query, registration, release…), broadcast bit."),
	[N_F_RESP] = FLAG("nbns.flags.response", "Response", 0x8000, resp_vals, "1 bit: 0 query, 1 response."),
	[N_F_OPCODE] = { "nbns.flags.opcode", "Opcode", FT_UINT16, BASE_DEC, 0x7800, 16, opcode_vals,
		"4 bits: 0 query, 5 registration, 6 release, 8 refresh.", 0 },
	[N_F_AUTH] = FLAG("nbns.flags.authoritative", "Authoritative", 0x0400, auth_vals,
		"1 bit: the answer comes from the name's owner or the name server."),
	[N_F_TRUNC] = FLAG("nbns.flags.truncated", "Truncated", 0x0200, trunc_vals, "1 bit: the message did not fit."),
	[N_F_RD] = FLAG("nbns.flags.recdesired", "Recursion desired", 0x0100, rd_vals,
		"1 bit: ask a name server (WINS) rather than only the broadcast domain."),
	[N_F_RA] = FLAG("nbns.flags.recavail", "Recursion available", 0x0080, ra_vals,
		"1 bit: the responder is a name server."),
	[N_F_BCAST] = FLAG("nbns.flags.broadcast", "Broadcast", 0x0010, bcast_vals,
		"1 bit: sent to the LAN's broadcast address."),
	[N_F_RCODE] = { "nbns.flags.rcode", "Reply code", FT_UINT16, BASE_DEC, 0x000f, 16, rcode_vals,
		"4 bits: 0 no error, 3 no such name, 6 name taken by another node.", 0 },
	[N_QD] = U16("nbns.count.queries", "Questions", "Names asked for."),
	[N_AN] = U16("nbns.count.answers", "Answer RRs", "Answers in a response."),
	[N_NS] = U16("nbns.count.auth_rr", "Authority RRs", "Authority records."),
	[N_AR] = U16("nbns.count.add_rr", "Additional RRs", "Additional records (the name being registered)."),
	[N_NAME] = { "nbns.name", "Name", FT_STRING, BASE_NONE, 0, 0, NULL,
		"A NetBIOS name: up to 15 characters and a suffix type (<00> workstation, <20> file server).", 0 },
	[N_TYPE] = { "nbns.type", "Type", FT_UINT16, BASE_DEC, 0, 0, type_vals,
		"16 bits: NB (32) an address record, NBSTAT (33) a node status request.", 0 },
	[N_CLASS] = { "nbns.class", "Class", FT_UINT16, BASE_DEC, 0, 0, class_vals,
		"16 bits: always IN (1).", 0 },
	[N_TTL] = U32("nbns.ttl", "Time to live", "32 bits, seconds the name stays registered."),
	[N_DLEN] = U16("nbns.data_length", "Data length", "Bytes of record data that follow."),
	[N_NB_FLAGS] = U16H("nbns.nb_flags", "Name flags", "16 bits: group bit and owner node type."),
	[N_NB_GROUP] = FLAG("nbns.nb_flags.group", "Name type", 0x8000, group_vals,
		"1 bit: a group name (a workgroup) or a unique one (a host)."),
	[N_NB_ONT] = { "nbns.nb_flags.ont", "ONT", FT_UINT16, BASE_DEC, 0x6000, 16, ont_vals,
		"2 bits: owner node type: B (broadcast), P (asks WINS), M or H (mixed).", 0 },
	[N_ADDR] = { "nbns.addr", "Addr", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"The IPv4 address the name belongs to.", 0 },
	[N_NNAMES] = { "nbns.number_of_names", "Number of names", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Entries in the node status table.", 0 },
	[N_NBNAME] = { "nbns.netbios_name", "Name", FT_STRING, BASE_NONE, 0, 0, NULL,
		"A name the node has registered.", 0 },
	[N_NM_FLAGS] = U16H("nbns.name_flags", "Name flags", "16 bits: group, node type and state of the name."),
	[N_NM_GROUP] = FLAG("nbns.name_flags.group", "Name type", 0x8000, group_vals,
		"1 bit: a group name or a unique one."),
	[N_NM_ONT] = { "nbns.name_flags.ont", "ONT", FT_UINT16, BASE_DEC, 0x6000, 16, ont_vals,
		"2 bits: owner node type.", 0 },
	[N_NM_DRG] = FLAG("nbns.name_flags.drg", "Name is being deregistered", 0x1000, yes_no, "1 bit."),
	[N_NM_CNF] = FLAG("nbns.name_flags.cnf", "Name is in conflict", 0x0800, yes_no, "1 bit."),
	[N_NM_ACT] = FLAG("nbns.name_flags.act", "Name is active", 0x0400, yes_no, "1 bit."),
	[N_NM_PRM] = FLAG("nbns.name_flags.prm", "Permanent node name", 0x0200, yes_no, "1 bit."),
	[N_UNIT_ID] = { "nbns.unit_id", "Unit ID", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"The adapter's MAC address.", 0 },
	[N_JUMPERS] = U8H("nbns.jumpers", "Jumpers", "8 bits, unused (0)."),
	[N_TEST] = U8H("nbns.test_result", "Test result", "8 bits, unused (0)."),
	[N_VERSION] = U16H("nbns.version_number", "Version number", "16 bits, unused (0)."),
	[N_PERIOD] = U16H("nbns.period_of_statistics", "Period of statistics", "16 bits, unused (0)."),
	[N_CRCS] = U16("nbns.num_crcs", "Number of CRCs", "Statistics counter (Windows sends 0)."),
	[N_ALIGN] = U16("nbns.num_alignment_errors", "Number of alignment errors", "Statistics counter."),
	[N_COLL] = U16("nbns.num_collisions", "Number of collisions", "Statistics counter."),
	[N_ABORTS] = U16("nbns.num_send_aborts", "Number of send aborts", "Statistics counter."),
	[N_GOOD_TX] = U32("nbns.num_good_sends", "Number of good sends", "Statistics counter."),
	[N_GOOD_RX] = U32("nbns.num_good_receives", "Number of good receives", "Statistics counter."),
	[N_RETX] = U16("nbns.numretransmits", "Number of retransmits", "Statistics counter."),
	[N_NORES] = U16("nbns.num_no_resource_conditions", "Number of no resource conditions", "Statistics counter."),
	[N_CMDBLK] = U16("nbns.numcommand_blocks", "Number of command blocks", "Statistics counter."),
	[N_PEND] = U16("nbns.numpending_sessions", "Number of pending sessions", "Statistics counter."),
	[N_MAXPEND] = U16("nbns.max_num_pending_sessions", "Max number of pending sessions", "Statistics counter."),
	[N_MAXSESS] = U16("nbns.max_total_sessions_possible", "Max total sessions possible", "Statistics counter."),
	[N_SESSSIZE] = U16("nbns.session_data_packet_size", "Session data packet size", "Statistics counter."),
	[N_DATA] = { "nbns.data", "Data", FT_BYTES, BASE_NONE, 0, 0, NULL, "Record data of another type.", 0 },
};
static const struct field_table nbns_table = REG_TABLE(fields);
static const struct handoff nbns_handoffs[] = {
	{ HO_UDP_PORT, 137, .fn = dissect_nbns },
};
const struct proto_reg nbns_proto = REG_PROTO(nbns_table, nbns_handoffs);

/* The NBSTAT statistics after the name table, in wire order (width from the field). */
static const uint8_t stat_fields[] = {
	N_JUMPERS, N_TEST, N_VERSION, N_PERIOD, N_CRCS, N_ALIGN, N_COLL, N_ABORTS, N_GOOD_TX,
	N_GOOD_RX, N_RETX, N_NORES, N_CMDBLK, N_PEND, N_MAXPEND, N_MAXSESS, N_SESSSIZE,
};

/* The flag bits shown, in order; resp_only ones appear in responses alone. */
static const struct { uint8_t f, resp_only; } flag_bits[] = {
	{ N_F_RESP, 0 }, { N_F_OPCODE, 0 }, { N_F_AUTH, 1 }, { N_F_TRUNC, 0 }, { N_F_RD, 0 },
	{ N_F_RA, 1 }, { N_F_BCAST, 0 }, { N_F_RCODE, 1 },
};

static const struct { uint8_t f; uint16_t mask; const char *name; } name_flag_bits[] = {
	{ N_NM_DRG, 0x1000, "Name is being deregistered" }, { N_NM_CNF, 0x0800, "Name is in conflict" },
	{ N_NM_ACT, 0x0400, "Name is active" }, { N_NM_PRM, 0x0200, "Permanent node name" },
};

struct nbctx {
	struct dctx *d;
	struct cur m;		/* the whole message */
	size_t n;
	uint32_t base;
	unsigned opcode;
};

/* The 16 raw bytes of a name as Wireshark prints them: the first 15 with trailing
 * spaces cut and unprintable bytes as "<xx>", then "<suffix>".  Returns the suffix. */
static int name_text(const uint8_t raw[16], char *buf, size_t bn)
{
	size_t at = 0;
	int l = 15;

	buf[0] = '\0';
	while (l > 0 && raw[l - 1] == ' ')
		l--;
	for (int i = 0; i < l && at + 10 < bn; i++) {
		if (raw[i] >= 0x20 && raw[i] < 0x7f)
			buf[at++] = (char)raw[i];
		else
			at += (size_t)snprintf(buf + at, bn - at, "<%02x>", raw[i]);
		buf[at] = '\0';
	}
	snprintf(buf + at, bn - at, "<%02x>", raw[15]);
	return raw[15];
}

/* Follows DNS-style compression pointers from o; returns where the label is, or 0
 * when a pointer runs off the message or loops.  *end is set past the first pointer. */
static size_t follow(const struct nbctx *x, size_t o, size_t *end, int *hops)
{
	while ((cur_peek(&x->m, o) & 0xc0) == 0xc0) {
		if (o + 2 > x->n || ++*hops > 16)
			return 0;
		if (!*end)
			*end = o + 2;
		o = cur_peek_be16(&x->m, o) & 0x3fff;
	}
	return o;
}

/* Decodes the encoded name at *off into buf ("NAME<xx>" plus ".scope"); moves *off
 * past it.  Returns 0 when the name runs past the message; *suffix as name_text(). */
static int get_name(const struct nbctx *x, size_t *off, char *buf, size_t bn, int *suffix)
{
	size_t end = 0, at;
	int hops = 0;
	size_t o = follow(x, *off, &end, &hops);
	uint8_t raw[16];

	if (!o || o + 33 > x->n || cur_peek(&x->m, o) != 32)
		return 0;
	const char *bad = NULL;
	for (size_t i = 0; i < 16 && !bad; i++) {
		uint8_t hi = cur_peek(&x->m, o + 1 + 2 * i), lo = cur_peek(&x->m, o + 2 + 2 * i);
		if (hi < 'A' || hi > 'Z')
			bad = "1st";
		else if (lo < 'A' || lo > 'Z')
			bad = "2nd";
		else	/* letters past 'P' spill into the high nibble, as in Wireshark */
			raw[i] = (uint8_t)((hi - 'A') << 4 | (lo - 'A'));
	}
	if (bad) {
		snprintf(buf, bn, "Illegal NetBIOS name (%s character not between A and Z in first-level encoding)", bad);
		*suffix = -1;
	} else {
		*suffix = name_text(raw, buf, bn);
	}
	at = bad ? bn : strlen(buf);
	o += 33;
	for (;;) {
		o = follow(x, o, &end, &hops);
		if (!o || o >= x->n || !cur_peek(&x->m, o))
			break;
		size_t k = cur_peek(&x->m, o);
		if (k >= 64 || o + 1 + k > x->n)
			return 0;
		if (at + k + 2 < bn) {	/* scope labels; none after an illegal name */
			buf[at++] = '.';
			for (size_t i = 0; i < k; i++) {
				uint8_t ch = cur_peek(&x->m, o + 1 + i);
				buf[at++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '.';
			}
			buf[at] = '\0';
		}
		o += 1 + k;
	}
	if (!o || o >= x->n)
		return 0;
	*off = end ? end : o + 1;
	return 1;
}

/* A Name node valued name, labelled "Name: NAME<1c> (Domain Controllers)". */
static void add_name(struct dtree *t, uint32_t node, int f, uint32_t off, uint32_t len,
    const char *name, int suffix)
{
	uint32_t n, i;

	if (!tree_wants(t, &fields[f]))
		return;
	n = (uint32_t)strlen(name);
	i = tree_add_bytes(t, node, &fields[f], off, len, tree_keep(t, name, n), n);
	if (suffix >= 0) {
		const char *s = val_to_str((uint32_t)suffix, suffix_vals);
		tree_label(t, i, "Name: %s (%s)", name, s ? s : "Unknown");
	}
}

/* Appends ", Name: value" for a masked enum, ", Name" for a set boolean: the header
 * of a bit field as Wireshark's bitmask items word it. */
static void append_bit(struct dtree *t, uint32_t hdr, uint32_t bit)
{
	char v[96];

	if (!hdr || !bit || !tree_text(t))
		return;
	const struct fnode *b = tree_node(t, bit);
	if (b->f->type == FT_BOOLEAN) {
		if (fv_uint(b))
			tree_label_append(t, hdr, ", %s", b->f->name);
		return;
	}
	fv_display(t, b, v, sizeof(v));
	char *paren = strrchr(v, '(');
	if (paren && paren > v)
		paren[-1] = '\0';
	tree_label_append(t, hdr, ", %s: %s", b->f->name, v);
}

static void add_flags(struct nbctx *x, uint32_t parent, uint16_t flags)
{
	struct dtree *t = x->d->tree;
	uint32_t o = x->base + 2, fn = tree_add_uint(t, parent, &fields[N_FLAGS], o, 2, flags);
	int resp = flags & 0x8000;

	tree_label(t, fn, "Flags: 0x%04x", flags);
	for (size_t i = 0; i < sizeof(flag_bits) / sizeof(flag_bits[0]); i++) {
		if (flag_bits[i].resp_only && !resp)
			continue;
		if (flag_bits[i].f == N_F_RCODE && x->opcode == OP_WACK)
			continue;
		uint32_t b = tree_add_uint(t, fn, &fields[flag_bits[i].f], o, 2, flags);
		if (b && fn && tree_text(t))
			append_bit(t, fn, b);
	}
}

/* One NB entry: flags and address ("Name flags: 0x0000, ONT: B-node (B-node, unique)"). */
static void nb_flags(struct nbctx *x, uint32_t parent, uint32_t o)
{
	struct dtree *t = x->d->tree;
	uint16_t fl = cur_peek_be16(&x->m, o);
	uint32_t fn = tree_add_uint(t, parent, &fields[N_NB_FLAGS], x->base + o, 2, fl);

	tree_label(t, fn, "Name flags: 0x%04x", fl);
	uint32_t g = tree_add_uint(t, fn, &fields[N_NB_GROUP], x->base + o, 2, fl);
	uint32_t ont = tree_add_uint(t, fn, &fields[N_NB_ONT], x->base + o, 2, fl);
	if (!fn || !tree_text(t))
		return;
	append_bit(t, fn, g);
	append_bit(t, fn, ont);
	tree_label_append(t, fn, " (%s, %s)", ont_names[fl >> 13 & 3], fl & 0x8000 ? "group" : "unique");
}

static void nbstat(struct nbctx *x, uint32_t parent, uint32_t o, uint32_t len)
{
	struct dtree *t = x->d->tree;
	uint32_t end = o + len;
	char name[200];

	if (len < 1)
		return;
	uint8_t nn = cur_peek(&x->m, o);
	tree_add_uint(t, parent, &fields[N_NNAMES], x->base + o, 1, nn);
	o++;
	for (unsigned i = 0; i < nn; i++) {
		uint8_t raw[16];
		if (o + 16 > end)
			return;
		for (size_t k = 0; k < 16; k++)
			raw[k] = cur_peek(&x->m, o + k);
		int sfx = name_text(raw, name, sizeof(name));
		add_name(t, parent, N_NBNAME, x->base + o, 16, name, sfx);
		o += 16;
		if (o + 2 > end)
			return;
		uint16_t fl = cur_peek_be16(&x->m, o);
		uint32_t fn = tree_add_uint(t, parent, &fields[N_NM_FLAGS], x->base + o, 2, fl);
		tree_label(t, fn, "Name flags: 0x%04x", fl);
		append_bit(t, fn, tree_add_uint(t, fn, &fields[N_NM_GROUP], x->base + o, 2, fl));
		append_bit(t, fn, tree_add_uint(t, fn, &fields[N_NM_ONT], x->base + o, 2, fl));
		for (size_t k = 0; k < sizeof(name_flag_bits) / sizeof(name_flag_bits[0]); k++) {
			tree_add_uint(t, fn, &fields[name_flag_bits[k].f], x->base + o, 2, fl);
			if (fl & name_flag_bits[k].mask)
				tree_label_append(t, fn, ", %s", name_flag_bits[k].name);
		}
		o += 2;
	}
	if (o + 6 > end)
		return;
	struct cur u = cur_at(&x->m, o);
	tree_add_addr(t, parent, &fields[N_UNIT_ID], x->base + o, 6, cur_ptr(&u, 6));
	o += 6;
	for (size_t i = 0; i < sizeof(stat_fields); i++) {
		const struct field_def *f = &fields[stat_fields[i]];
		uint32_t w = f->type == FT_UINT8 ? 1 : f->type == FT_UINT16 ? 2 : 4;
		if (o + w > end)
			return;
		uint32_t v = w == 1 ? cur_peek(&x->m, o) : w == 2 ? cur_peek_be16(&x->m, o) : cur_peek_be32(&x->m, o);
		tree_add_uint(t, parent, f, x->base + o, w, v);
		o += w;
	}
}

/* A resource record at *off under parent; the info column gets " NB addr…" for
 * answers (info set).  Returns 0 when it runs past the message. */
static int record(struct nbctx *x, uint32_t parent, size_t *off, int info)
{
	struct dtree *t = x->d->tree;
	char name[300];
	int sfx;
	size_t at = *off;
	size_t o = at;

	if (!get_name(x, &o, name, sizeof(name), &sfx) || o + 10 > x->n)
		return 0;
	uint16_t type = cur_peek_be16(&x->m, o), cls = cur_peek_be16(&x->m, o + 2);
	uint32_t ttl = cur_peek_be32(&x->m, o + 4);
	uint16_t rdlen = cur_peek_be16(&x->m, o + 8);
	const char *tn = val_to_str(type, type_vals), *cn = val_to_str(cls, class_vals);
	if (o + 10 + rdlen > x->n)
		return 0;
	uint32_t rn = tree_add_text(t, parent, x->base + (uint32_t)at, (uint32_t)(o + 10 + rdlen - at),
	    "%s: type %s, class %s", name, tn ? tn : "Unknown", cn ? cn : "Unknown");
	add_name(t, rn, N_NAME, x->base + (uint32_t)at, (uint32_t)(o - at), name, type == 0x21 ? -1 : sfx);
	tree_add_uint(t, rn, &fields[N_TYPE], x->base + (uint32_t)o, 2, type);
	tree_add_uint(t, rn, &fields[N_CLASS], x->base + (uint32_t)o + 2, 2, cls);
	uint32_t ttn = tree_add_uint(t, rn, &fields[N_TTL], x->base + (uint32_t)o + 4, 4, ttl);
	if (tree_text(t)) {
		char ts[96];
		fv_time_span(ttl, -1, ts, sizeof(ts));
		tree_label(t, ttn, "Time to live: %s", ts);
	}
	tree_add_uint(t, rn, &fields[N_DLEN], x->base + (uint32_t)o + 8, 2, rdlen);
	o += 10;
	if (info)
		col_append(x->d->pi, " %s", tn ? tn : "Unknown");
	if (type == 0x20) {
		for (size_t r = 0; r + 2 <= rdlen; r += 6) {
			nb_flags(x, rn, (uint32_t)(o + r));
			if (r + 6 > rdlen)
				break;
			struct cur a = cur_at(&x->m, o + r + 2);
			const uint8_t *ip = cur_ptr(&a, 4);
			tree_add_addr(t, rn, &fields[N_ADDR], x->base + (uint32_t)(o + r + 2), 4, ip);
			if (info && ip) {
				char s[20];
				fv_ipv4(ip, s, sizeof(s));
				col_append(x->d->pi, " %s", s);
			}
		}
	} else if (type == 0x21) {
		nbstat(x, rn, (uint32_t)o, rdlen);
	} else if (rdlen) {
		struct cur a = cur_at(&x->m, o);
		tree_add_bytes(t, rn, &fields[N_DATA], x->base + (uint32_t)o, rdlen, cur_ptr(&a, rdlen), rdlen);
	}
	*off = o + rdlen;
	return 1;
}

static int question(struct nbctx *x, uint32_t parent, size_t *off)
{
	struct dtree *t = x->d->tree;
	char name[300];
	int sfx;
	size_t at = *off;
	size_t o = at;

	if (!get_name(x, &o, name, sizeof(name), &sfx) || o + 4 > x->n)
		return 0;
	uint16_t type = cur_peek_be16(&x->m, o), cls = cur_peek_be16(&x->m, o + 2);
	const char *tn = val_to_str(type, type_vals), *cn = val_to_str(cls, class_vals);
	col_append(x->d->pi, " %s %s", tn ? tn : "Unknown", name);
	uint32_t q = tree_add_text(t, parent, x->base + (uint32_t)at, (uint32_t)(o + 4 - at),
	    "%s: type %s, class %s", name, tn ? tn : "Unknown", cn ? cn : "Unknown");
	add_name(t, q, N_NAME, x->base + (uint32_t)at, (uint32_t)(o - at), name, sfx);
	tree_add_uint(t, q, &fields[N_TYPE], x->base + (uint32_t)o, 2, type);
	tree_add_uint(t, q, &fields[N_CLASS], x->base + (uint32_t)o + 2, 2, cls);
	*off = o + 4;
	return 1;
}

/* The message ends inside a record: Wireshark's exception, cut by the snapshot length
 * or malformed ("Malformed Packet (Exception occurred)" as the expert under it). */
static void ran_out(struct dctx *d, uint32_t node)
{
	if (d->pi->caplen < d->pi->len) {
		dissect_exhausted(d, node, "NBNS");
		return;
	}
	dissect_exception(d, node, "NBNS");
}

static const char *const section_names[4] = {
	"Queries", "Answers", "Authoritative nameservers", "Additional records"
};

static void dissect_nbns(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	size_t n = cur_left(c), off = 12;
	uint32_t start = cur_off(c), node;
	struct nbctx x = { .d = d, .m = *c, .n = n, .base = start };

	node = dissect_layer(d, parent, "nbns", "NBNS", &fields[N_PROTO], start, (uint32_t)n);
	cur_skip(c, n);
	if (n < 12) {
		dissect_exhausted(d, node, "NBNS");
		return;
	}
	uint16_t flags = cur_peek_be16(&x.m, 2);
	uint16_t counts[4];
	for (int i = 0; i < 4; i++)
		counts[i] = cur_peek_be16(&x.m, 4 + 2 * (size_t)i);
	x.opcode = (unsigned)flags >> 11 & 0xf;
	const char *op = val_to_str(x.opcode, opcode_vals);
	char unk[32];
	if (!op) {
		snprintf(unk, sizeof(unk), "Unknown operation (%u)", x.opcode);
		op = unk;
	}
	col_append_str(pi, op);
	if (flags & 0x8000)
		col_append_str(pi, " response");
	tree_add_uint(t, node, &fields[N_ID], start, 2, cur_peek_be16(&x.m, 0));
	add_flags(&x, node, flags);
	for (int i = 0; i < 4; i++)
		tree_add_uint(t, node, &fields[N_QD + i], start + 4 + 2 * (uint32_t)i, 2, counts[i]);
	for (int s = 0; s < 4; s++) {
		if (!counts[s])
			continue;
		size_t sec = off;
		if (off >= n) {
			ran_out(d, node);
			return;
		}
		uint32_t sn = tree_add_text(t, node, start + (uint32_t)off, 0, "%s", section_names[s]);
		for (unsigned i = 0; i < counts[s]; i++) {
			int ok = s == 0 ? question(&x, sn, &off) : record(&x, sn, &off, s == 1);
			if (!ok) {
				tree_set_len(t, sn, (uint32_t)(off - sec));
				ran_out(d, node);
				return;
			}
		}
		tree_set_len(t, sn, (uint32_t)(off - sec));
	}
}
