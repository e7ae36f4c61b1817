/* arp.c — Address Resolution Protocol (RFC 826).
 *
 *    0               8               16                              31
 *   +---------------+---------------+-------------------------------+
 *   |        Hardware type          |         Protocol type         |
 *   | Hw size (6)   | Proto size (4)|            Opcode             |
 *   |  Sender hardware address (hw size) | Sender protocol address  |
 *   |  Target hardware address (hw size) | Target protocol address  |
 *   +---------------------------------------------------------------+
 *
 * Ethernet/IPv4 addresses are shown typed; other sizes as bytes.  The Info column is
 * Wireshark's ("Who has A? Tell B", "A is at M", gratuitous and probe forms).
 *
 * Duplicate addresses, as tshark detects them in Ethernet/IPv4 ARP: every IPv4 address
 * remembers the MAC and frame it was last seen with (the sender's, and a reply's target
 * when it differs from the sender); a later frame pairing it with another MAC reports
 * the duplicate (and leaves the remembered pair alone), the same MAC refreshes it.  The
 * Info column names the duplicate of the last pair looked at (a reply's target).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/fvalue.h"
#include "dissect/protos.h"
#include "dissect/session.h"

static void dissect_arp(struct dctx *d, struct cur *c, uint32_t parent);

enum {
	A_PROTO, A_HW_TYPE, A_PROTO_TYPE, A_HW_SIZE, A_PROTO_SIZE, A_OPCODE, A_ISGRAT,
	A_ISPROBE, A_ISANNOUNCE, A_SRC_HW, A_SRC_HW_MAC, A_SRC_PROTO, A_SRC_IPV4,
	A_DST_HW, A_DST_HW_MAC, A_DST_PROTO, A_DST_IPV4, A_DUP, A_DUP_FRAME, A_DUP_SECS,
};

static const struct val_str hw_vals[] = {
	{ 0, "NET/ROM pseudo" }, { 1, "Ethernet" }, { 2, "Experimental Ethernet" }, { 3, "AX.25" },
	{ 4, "ProNET" }, { 5, "Chaos" }, { 6, "IEEE 802" }, { 7, "ARCNET" }, { 8, "Hyperchannel" },
	{ 9, "Lanstar" }, { 10, "Autonet Short Address" }, { 11, "Localtalk" }, { 12, "LocalNet" },
	{ 13, "Ultra link" }, { 14, "SMDS" }, { 15, "Frame Relay DLCI" }, { 16, "ATM" }, { 17, "HDLC" },
	{ 18, "Fibre Channel" }, { 19, "ATM (RFC 2225)" }, { 20, "Serial Line" }, { 21, "ATM" },
	{ 24, "IEEE 1394.1995" }, { 32, "InfiniBand" }, { 0, NULL }
};
static const struct val_str op_vals[] = {	/* tshark -G values */
	{ 1, "request" }, { 2, "reply" }, { 3, "reverse request" }, { 4, "reverse reply" },
	{ 5, "drarp request" }, { 6, "drarp reply" }, { 7, "drarp error" }, { 8, "inverse request" },
	{ 9, "inverse reply" }, { 10, "arp nak" }, { 11, "mars request" }, { 12, "mars multi" },
	{ 13, "mars mserv" }, { 14, "mars join" }, { 15, "mars leave" }, { 16, "mars nak" },
	{ 17, "mars unserv" }, { 18, "mars sjoin" }, { 19, "mars sleave" },
	{ 20, "mars grouplist request" }, { 21, "mars grouplist reply" }, { 22, "mars redirect map" },
	{ 23, "mapos unarp" }, { 24, "experimental 1" }, { 25, "experimental 2" }, { 0, "reserved" },
	{ 65535, "reserved" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[A_PROTO] = { "arp", "Address Resolution Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Finds the MAC address that owns an IPv4 address on the local link.", 0 },
	[A_HW_TYPE] = { "arp.hw.type", "Hardware type", FT_UINT16, BASE_DEC, 0, 0, hw_vals,
		"16 bits: link type (1 Ethernet).", 0 },
	[A_PROTO_TYPE] = { "arp.proto.type", "Protocol type", FT_UINT16, BASE_HEX, 0, 0, etype_vals,
		"16 bits: network protocol being resolved (0x0800 IPv4).", 0 },
	[A_HW_SIZE] = { "arp.hw.size", "Hardware size", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Bytes in a hardware address (6 for Ethernet).", 0 },
	[A_PROTO_SIZE] = { "arp.proto.size", "Protocol size", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Bytes in a protocol address (4 for IPv4).", 0 },
	[A_OPCODE] = { "arp.opcode", "Opcode", FT_UINT16, BASE_DEC, 0, 0, op_vals,
		"16 bits: 1 request (who has?), 2 reply (is at).", 0 },
	[A_ISGRAT] = { "arp.isgratuitous", "Is gratuitous", FT_BOOLEAN, BASE_NONE, 0, 0, NULL,
		"Sender and target protocol address are the same: an announcement.", 0 },
	[A_ISPROBE] = { "arp.isprobe", "Is probe", FT_BOOLEAN, BASE_NONE, 0, 0, NULL,
		"Sender address 0.0.0.0: checking that an address is free.", 0 },
	[A_ISANNOUNCE] = { "arp.isannouncement", "Is announcement", FT_BOOLEAN, BASE_NONE, 0, 0, NULL,
		"A request announcing the sender's own address.", 0 },
	[A_SRC_HW] = { "arp.src.hw", "Sender hardware address", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Sender's link-layer address.", 0 },
	[A_SRC_HW_MAC] = { "arp.src.hw_mac", "Sender MAC address", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"Sender's MAC address.", 0 },
	[A_SRC_PROTO] = { "arp.src.proto", "Sender protocol address", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Sender's network address.", 0 },
	[A_SRC_IPV4] = { "arp.src.proto_ipv4", "Sender IP address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"Sender's IPv4 address.", 0 },
	[A_DST_HW] = { "arp.dst.hw", "Target hardware address", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Target's link-layer address (zero in a request: that is the question).", 0 },
	[A_DST_HW_MAC] = { "arp.dst.hw_mac", "Target MAC address", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"Target's MAC address (zero in a request).", 0 },
	[A_DST_PROTO] = { "arp.dst.proto", "Target protocol address", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Target's network address.", 0 },
	[A_DST_IPV4] = { "arp.dst.proto_ipv4", "Target IP address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"The IPv4 address being asked about or answered.", 0 },
	[A_DUP] = { "arp.duplicate-address-detected", "Duplicate IP address configured", FT_NONE,
		BASE_NONE, 0, 0, NULL, "Two MAC addresses claim the same IPv4 address.", 0 },
	[A_DUP_FRAME] = { "arp.duplicate-address-frame", "Frame showing earlier use of IP address",
		FT_FRAMENUM, BASE_NONE, 0, 0, NULL, "Where the address was last seen with the other MAC.", 0 },
	[A_DUP_SECS] = { "arp.seconds-since-duplicate-address-frame", "Seconds since earlier frame seen",
		FT_UINT32, BASE_DEC, 0, 0, NULL, "Whole seconds since that frame.", 0 },
};
static const struct field_table arp_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff arp_handoffs[] = {
	{ HO_ETHERTYPE, 0x0806, .fn = dissect_arp },
	{ HO_ETHERTYPE, 0x8035, .fn = dissect_arp },
};
const struct proto_reg arp_proto = REG_PROTO(arp_table, arp_handoffs);

static void addr_str(const uint8_t *a, unsigned n, int kind, char *buf, size_t len)
{
	if (kind == 1 && n == 6)
		fv_ether(a, buf, len);
	else if (kind == 2 && n == 4)
		fv_ipv4(a, buf, len);
	else
		fv_bytes_label(a, n, buf, len);
}

/* The four addresses in wire order: sender hardware, sender protocol, target
 * hardware, target protocol (even: hardware).  Ethernet and IPv4 ones get typed fields. */
enum { ARP_SHA, ARP_SPA, ARP_THA, ARP_TPA };
static const struct { int typed, plain; } arp_addr_fields[4] = {
	{ A_SRC_HW_MAC, A_SRC_HW }, { A_SRC_IPV4, A_SRC_PROTO },
	{ A_DST_HW_MAC, A_DST_HW }, { A_DST_IPV4, A_DST_PROTO },
};

static void arp_addrs(struct dtree *t, uint32_t node, uint32_t o, const uint8_t *const a[4],
    uint8_t hs, uint8_t ps, int is_eth, int is_ip)
{
	for (int i = 0; i < 4; i++) {
		int hw = !(i & 1);
		uint8_t sz = hw ? hs : ps;
		if (hw ? is_eth : is_ip)
			tree_add_addr(t, node, &fields[arp_addr_fields[i].typed], o, hw ? 6 : 4, a[i]);
		else
			tree_add_bytes(t, node, &fields[arp_addr_fields[i].plain], o, sz, a[i], sz);
		o += sz;
	}
}

/* What a request or reply is beyond its opcode (RFC 5227): a gratuitous ARP has the
 * same sender and target protocol address; an announcement is a gratuitous request
 * with a zero target hardware address; a probe's sender protocol address is 0.0.0.0. */
enum arp_kind { ARP_PLAIN, ARP_GRAT, ARP_ANNOUNCE, ARP_PROBE };

static enum arp_kind arp_kind_of(uint16_t op, const uint8_t *const a[4], uint8_t hs, uint8_t ps,
    int is_ip)
{
	static const uint8_t zero[4];
	int tha_zero = hs > 0;

	if (op != 1 && op != 2)
		return ARP_PLAIN;
	if (is_ip && op == 1 && !memcmp(a[ARP_SPA], zero, 4))
		return ARP_PROBE;
	if (!ps || memcmp(a[ARP_SPA], a[ARP_TPA], ps))
		return ARP_PLAIN;
	for (unsigned i = 0; i < hs; i++)
		tha_zero &= a[ARP_THA][i] == 0;
	return op == 1 && tha_zero ? ARP_ANNOUNCE : ARP_GRAT;
}

/* tshark shows each of these only when it holds. */
static void arp_kind_fields(struct dtree *t, uint32_t node, uint32_t start, enum arp_kind k)
{
	if (k == ARP_GRAT || k == ARP_ANNOUNCE)
		tree_flag(t, tree_add_uint(t, node, &fields[A_ISGRAT], start, 0, 1), TN_GENERATED);
	if (k == ARP_PROBE)
		tree_flag(t, tree_add_uint(t, node, &fields[A_ISPROBE], start, 0, 1), TN_GENERATED);
	if (k == ARP_ANNOUNCE)
		tree_flag(t, tree_add_uint(t, node, &fields[A_ISANNOUNCE], start, 0, 1), TN_GENERATED);
}

static void arp_label(struct dtree *t, uint32_t node, uint16_t op, enum arp_kind k)
{
	const char *opn = val_to_str(op, op_vals);

	if (k == ARP_ANNOUNCE)
		tree_label(t, node, "Address Resolution Protocol (ARP Announcement)");
	else if (k == ARP_PROBE)
		tree_label(t, node, "Address Resolution Protocol (ARP Probe)");
	else if (k == ARP_GRAT)
		tree_label(t, node, "Address Resolution Protocol (%s/gratuitous ARP)", op == 1 ? "request" : "reply");
	else if (opn)
		tree_label(t, node, "Address Resolution Protocol (%s)", opn);
	else
		tree_label(t, node, "Address Resolution Protocol (opcode 0x%04x)", op);
}

/* Info and Protocol column by opcode beyond request and reply: the address asked about
 * (ARP_THA) and who asks, or the answer; %s in order of the two indices. */
static const struct {
	uint16_t op;
	const char *proto, *fmt;
	int x, y;
} op_info[] = {
	{ 3, "RARP", "Who is %s? Tell %s", ARP_THA, ARP_SHA },
	{ 4, "RARP", "%s is at %s", ARP_THA, ARP_TPA },
	{ 5, "DRARP", "Who is %s? Tell %s", ARP_THA, ARP_SHA },
	{ 6, "DRARP", "%s is at %s", ARP_THA, ARP_TPA },
	{ 7, "DRARP", "DRARP Error", 0, 0 },
	{ 8, "Inverse ARP", "Who is %s? Tell %s", ARP_THA, ARP_SHA },
	{ 9, "Inverse ARP", "%s is at %s", ARP_SHA, ARP_SPA },
	{ 10, "ARP", "ARP NAK", 0, 0 },
};

static int op_entry(uint16_t op)
{
	for (size_t i = 0; i < sizeof(op_info) / sizeof(op_info[0]); i++)
		if (op_info[i].op == op)
			return (int)i;
	return -1;
}

static void arp_info(struct pinfo *pi, uint16_t op, enum arp_kind k, char s[4][80])
{
	switch (op) {
	case 1:
		if (k == ARP_PROBE)
			col_append(pi, "Who has %s? (ARP Probe)", s[ARP_TPA]);
		else if (k == ARP_ANNOUNCE)
			col_append(pi, "ARP Announcement for %s", s[ARP_SPA]);
		else if (k == ARP_GRAT)
			col_append(pi, "Gratuitous ARP for %s (Request)", s[ARP_SPA]);
		else
			col_append(pi, "Who has %s? Tell %s", s[ARP_TPA], s[ARP_SPA]);
		return;
	case 2:
		if (k == ARP_GRAT)
			col_append(pi, "Gratuitous ARP for %s (Reply)", s[ARP_SPA]);
		else
			col_append(pi, "%s is at %s", s[ARP_SPA], s[ARP_SHA]);
		return;
	}
	int i = op_entry(op);
	if (i >= 0)
		col_append(pi, op_info[i].fmt, s[op_info[i].x], s[op_info[i].y]);
	else
		col_append(pi, "Unknown ARP opcode 0x%04x", op);
}

/* ---- duplicate addresses ---- */

struct arp_ip {		/* an IPv4 address, the MAC it was last seen with, and where */
	uint32_t ip, frame, next;	/* next: chain, index + 1 */
	uint8_t mac[6];
	int64_t secs;
};

struct arp_dup {	/* a duplicate found in the first pass, for revisits */
	uint32_t frame, ip;
	struct arp_ip earlier;
};

#define ARP_BUCKETS 256

struct arp_state {
	struct arp_ip *ips;
	size_t nips, capips;
	uint32_t head[ARP_BUCKETS];
	struct arp_dup *dups;	/* in frame order */
	size_t ndups, capdups;
};

static void arp_release(void *p)
{
	struct arp_state *s = p;

	free(s->ips);
	free(s->dups);
	free(s);
}

/* The first pass's verdict on (ip, mac) in this frame: the earlier pair when it is a
 * duplicate, else NULL (and the table learns or refreshes the pair). */
static const struct arp_ip *dup_first_pass(struct arp_state *s, const struct pinfo *pi,
    uint32_t ip, const uint8_t *mac)
{
	uint32_t b = (ip * 2654435761u) >> 24, i;
	int64_t secs = pi->ts / 1000000000;

	for (i = s->head[b]; i && s->ips[i - 1].ip != ip; i = s->ips[i - 1].next)
		;
	if (!i) {
		s->ips = xgrow(s->ips, &s->capips, s->nips + 1, sizeof(*s->ips));
		struct arp_ip *e = &s->ips[s->nips++];
		e->ip = ip;
		e->frame = pi->num;
		e->next = s->head[b];
		memcpy(e->mac, mac, 6);
		e->secs = secs;
		s->head[b] = (uint32_t)s->nips;
		return NULL;
	}
	struct arp_ip *e = &s->ips[i - 1];
	if (pi->num <= e->frame)
		return NULL;
	if (memcmp(e->mac, mac, 6) == 0) {
		e->frame = pi->num;
		e->secs = secs;
		return NULL;
	}
	s->dups = xgrow(s->dups, &s->capdups, s->ndups + 1, sizeof(*s->dups));
	s->dups[s->ndups] = (struct arp_dup){ pi->num, ip, *e };
	return &s->dups[s->ndups++].earlier;
}

static const struct arp_ip *dup_recalled(const struct arp_state *s, uint32_t frame, uint32_t ip)
{
	size_t lo = 0, hi = s->ndups;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->dups[mid].frame < frame)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->ndups && s->dups[lo].frame == frame; lo++)
		if (s->dups[lo].ip == ip)
			return &s->dups[lo].earlier;
	return NULL;
}

/* Looks (ip, mac) up and shows a duplicate under parent; returns whether it is one. */
static int dup_check(struct dctx *d, uint32_t parent, const uint8_t *ipb, const uint8_t *mac)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	struct arp_state *s = session_slot(d->sess, SESS_SLOT_ARP, sizeof(*s), arp_release);
	struct cur ic = cur_make(ipb, 4);
	uint32_t ip = cur_be32(&ic);
	const struct arp_ip *e = pi->visited ? dup_recalled(s, pi->num, ip) : dup_first_pass(s, pi, ip, mac);
	char ips[16], now[24], then[24], msg[64];

	if (!e || !t)
		return e != NULL;
	fv_ipv4(ipb, ips, sizeof(ips));
	fv_ether(mac, now, sizeof(now));
	fv_ether(e->mac, then, sizeof(then));
	uint32_t n = tree_add_text(t, parent, 0, 0, "Duplicate IP address detected for %s (%s) - also "
	    "in use by %s (frame %u)", ips, now, then, e->frame);
	tree_flag(t, n, TN_GENERATED);
	uint32_t f = tree_add_uint(t, n, &fields[A_DUP_FRAME], 0, 0, e->frame);
	tree_flag(t, f, TN_GENERATED);
	snprintf(msg, sizeof(msg), "Duplicate IP address configured (%s)", ips);
	dissect_expert(d, f, &fields[A_DUP], SEV_WARN, "Sequence", msg);
	tree_flag(t, tree_add_uint(t, n, &fields[A_DUP_SECS], 0, 0, (uint32_t)(pi->ts / 1000000000 - e->secs)),
	    TN_GENERATED);
	return 1;
}

/* tshark's duplicate check of an Ethernet/IPv4 request or reply: the sender's pair, then a
 * reply's target pair unless it is the sender's address; Info names the last one's. */
static void arp_duplicates(struct dctx *d, uint32_t parent, uint16_t op, const uint8_t *a[4])
{
	int dup;

	if (!d->sess || d->pi->in_error)
		return;
	dup = dup_check(d, parent, a[ARP_SPA], a[ARP_SHA]);
	const uint8_t *ip = a[ARP_SPA];
	if (op == 2 && memcmp(a[ARP_TPA], a[ARP_SPA], 4) != 0) {
		dup = dup_check(d, parent, a[ARP_TPA], a[ARP_THA]);
		ip = a[ARP_TPA];
	}
	if (dup) {
		char ips[16];
		fv_ipv4(ip, ips, sizeof(ips));
		col_append(d->pi, " (duplicate use of %s detected!)", ips);
	}
}

static void dissect_arp(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node;
	uint16_t hwt, prt, op;
	uint8_t hs, ps;

	node = dissect_layer(d, parent, "arp", "ARP", &fields[A_PROTO], start, 8);
	hwt = cur_be16(c);
	prt = cur_be16(c);
	hs = cur_u8(c);
	ps = cur_u8(c);
	op = cur_be16(c);
	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "ARP");
		return;
	}
	if (op_entry(op) >= 0)
		col_set_proto(pi, op_info[op_entry(op)].proto);
	uint32_t tot = 8u + 2u * hs + 2u * ps;
	tree_set_len(t, node, tot);
	const uint8_t *a[4];
	for (int i = 0; i < 4; i++)
		a[i] = cur_ptr(c, i & 1 ? ps : hs);
	int is_eth = (hwt == 1 || hwt == 6) && hs == 6, is_ip = prt == 0x0800 && ps == 4;
	int have = cur_ok(c);
	char s[4][80];	/* 36 bytes in hex and an ellipsis */

	if (have)
		for (int i = 0; i < 4; i++)
			addr_str(a[i], i & 1 ? ps : hs, i & 1 ? (is_ip ? 2 : 0) : is_eth, s[i], sizeof(s[i]));
	enum arp_kind k = have ? arp_kind_of(op, a, hs, ps, is_ip) : ARP_PLAIN;
	arp_label(t, node, op, k);
	tree_add_uint(t, node, &fields[A_HW_TYPE], start, 2, hwt);
	tree_add_uint(t, node, &fields[A_PROTO_TYPE], start + 2, 2, prt);
	tree_add_uint(t, node, &fields[A_HW_SIZE], start + 4, 1, hs);
	tree_add_uint(t, node, &fields[A_PROTO_SIZE], start + 5, 1, ps);
	tree_add_uint(t, node, &fields[A_OPCODE], start + 6, 2, op);
	arp_kind_fields(t, node, start, k);
	if (!have) {
		dissect_exhausted(d, node, "ARP");
		return;
	}
	arp_addrs(t, node, start + 8, a, hs, ps, is_eth, is_ip);
	d->payload_used = tot;
	d->payload_used_set = 1;
	arp_info(pi, op, k, s);
	if (is_eth && is_ip && (op == 1 || op == 2))
		arp_duplicates(d, parent, op, a);
}
