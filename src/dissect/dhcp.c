/* dhcp.c — BOOTP (RFC 951) and DHCP (RFC 2131/2132) over UDP ports 67/68.
 *
 *    0               1               2               3
 *   +---------------+---------------+---------------+---------------+
 *   |  op (1 req)   |  htype        |  hlen         |  hops         |
 *   |                     xid (transaction id)                      |
 *   |        secs                   |        flags                  |
 *   | ciaddr | yiaddr | siaddr | giaddr (4 bytes each)              |
 *   | chaddr (16) | sname (64) | file (128) | magic cookie 63825363 |
 *   | options: code, length, value … 255                            |
 *
 * A DHCP message is a BOOTP message with option 53 (message type); without it the
 * packet is shown as BOOTP, as Wireshark does.
 */
#include "config.h"

#include <stdio.h>

#include "dissect/fvalue.h"
#include "dissect/protos.h"

static void dissect_dhcp(struct dctx *d, struct cur *c, uint32_t parent);

enum {
	H_PROTO, H_TYPE, H_HWTYPE, H_HWLEN, H_HOPS, H_ID, H_SECS, H_FLAGS, H_CIADDR, H_YIADDR,
	H_SIADDR, H_GIADDR, H_MAC, H_SERVER, H_FILE, H_COOKIE, H_OPT, H_OPT_TYPE, H_OPT_LEN,
	H_OPT_MSGTYPE,
};

static const struct val_str op_vals[] = { { 1, "Boot Request" }, { 2, "Boot Reply" }, { 0, NULL } };
static const struct val_str msg_vals[] = {
	{ 1, "Discover" }, { 2, "Offer" }, { 3, "Request" }, { 4, "Decline" }, { 5, "ACK" },
	{ 6, "NAK" }, { 7, "Release" }, { 8, "Inform" }, { 9, "Force Renew" },
	{ 10, "Lease query" }, { 11, "Lease Unassigned" }, { 12, "Lease Unknown" },
	{ 13, "Lease Active" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[H_PROTO] = { "dhcp", "Dynamic Host Configuration Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Hands out IPv4 addresses and settings (gateway, DNS) to hosts joining a network.", 0 },
	[H_TYPE] = { "dhcp.type", "Message type", FT_UINT8, BASE_DEC, 0, 0, op_vals,
		"8 bits: 1 request (client to server), 2 reply.", 0 },
	[H_HWTYPE] = { "dhcp.hw.type", "Hardware type", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: link type of the client (1 Ethernet).", 0 },
	[H_HWLEN] = { "dhcp.hw.len", "Hardware address length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: bytes of the client hardware address (6).", 0 },
	[H_HOPS] = { "dhcp.hops", "Hops", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: relay agents passed.", 0 },
	[H_ID] = { "dhcp.id", "Transaction ID", FT_UINT32, BASE_HEX, 0, 0, NULL,
		"32 bits: chosen by the client to match replies to its request.", 0 },
	[H_SECS] = { "dhcp.secs", "Seconds elapsed", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Seconds since the client began asking.", 0 },
	[H_FLAGS] = { "dhcp.flags", "Bootp flags", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: the top bit asks the server to broadcast its reply.", 0 },
	[H_CIADDR] = { "dhcp.ip.client", "Client IP address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"The client's current address, if it has one.", 0 },
	[H_YIADDR] = { "dhcp.ip.your", "Your (client) IP address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"The address the server offers or assigns.", 0 },
	[H_SIADDR] = { "dhcp.ip.server", "Next server IP address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"Server for the next boot step (TFTP).", 0 },
	[H_GIADDR] = { "dhcp.ip.relay", "Relay agent IP address", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"Relay agent that forwarded the message, 0.0.0.0 when none.", 0 },
	[H_MAC] = { "dhcp.hw.mac_addr", "Client MAC address", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"The client's MAC address: what DHCP servers key leases on.", 0 },
	[H_SERVER] = { "dhcp.server", "Server host name", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Optional server name.", 0 },
	[H_FILE] = { "dhcp.file", "Boot file name", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Optional boot file for network boot.", 0 },
	[H_COOKIE] = { "dhcp.cookie", "Magic cookie", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"99.130.83.99: DHCP options follow.", 0 },
	[H_OPT] = { "dhcp.option", "Option", FT_NONE, BASE_NONE, 0, 0, NULL,
		"One DHCP option (code, length, value).", 0 },
	[H_OPT_TYPE] = { "dhcp.option.type", "Option", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: option code (53 message type, 50 requested address, 51 lease time).", 0 },
	[H_OPT_LEN] = { "dhcp.option.length", "Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: bytes of option value.", 0 },
	[H_OPT_MSGTYPE] = { "dhcp.option.dhcp", "DHCP", FT_UINT8, BASE_DEC, 0, 0, msg_vals,
		"Option 53: Discover, Offer, Request, ACK…", 0 },
};
static const struct field_table dhcp_table = REG_TABLE(fields);
static const struct handoff dhcp_handoffs[] = {
	{ HO_UDP_PORT, 67, .fn = dissect_dhcp },
	{ HO_UDP_PORT, 68, .fn = dissect_dhcp },
};
const struct proto_reg dhcp_proto = REG_PROTO(dhcp_table, dhcp_handoffs);

#define DHCP_COOKIE 0x63825363u

static size_t cstrlen(const uint8_t *p, size_t max)
{
	size_t n = 0;
	while (n < max && p[n])
		n++;
	return n;
}

/* The option 53 message type in the options of h (the whole BOOTP message, cookie
 * checked by the caller), or -1. */
static int dhcp_msgtype(const struct cur *h)
{
	size_t n = cur_left(h);
	int msgtype = -1;

	for (size_t o = 240; o < n;) {
		uint8_t code = cur_peek(h, o), len = cur_peek(h, o + 1);
		if (code == 255)
			break;
		if (code == 0) {
			o++;
			continue;
		}
		if (o + 2 > n || o + 2 + len > n)
			break;
		if (code == 53 && len >= 1)
			msgtype = cur_peek(h, o + 2);
		o += 2u + len;
	}
	return msgtype;
}

static void dhcp_columns(struct dctx *d, const struct cur *h, uint32_t node, int msgtype)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint8_t op = cur_peek(h, 0);

	if (msgtype >= 0) {
		const char *mn = val_to_str((uint32_t)msgtype, msg_vals);
		char unk[24];
		if (!mn) {
			snprintf(unk, sizeof(unk), "Unknown (%d)", msgtype);
			mn = unk;
		}
		col_set_proto(pi, "DHCP");
		col_append(pi, "DHCP %-8s - Transaction ID 0x%x", mn, cur_peek_be32(h, 4));
		tree_label(t, node, "Dynamic Host Configuration Protocol (%s)", mn);
	} else {
		char mac[24];
		fv_ether(h->p + 28, mac, sizeof(mac));
		if (op == 2)
			col_append(pi, "Boot Reply");
		else if (cur_peek(h, 1) == 1 && cur_peek(h, 2) == 6)
			col_append(pi, "Boot Request from %s (%s)", mac, mac);
		else
			col_append(pi, "Boot Request");
		tree_label(t, node, "Bootstrap Protocol (%s)", op == 2 ? "Reply" : "Request");
	}
}

/* The fixed header up to chaddr (34 bytes, present). */
static void dhcp_header(struct dtree *t, uint32_t node, struct cur h)
{
	uint32_t start = cur_off(&h);

	tree_add_uint(t, node, &fields[H_TYPE], start, 1, cur_u8(&h));
	tree_add_uint(t, node, &fields[H_HWTYPE], start + 1, 1, cur_u8(&h));
	tree_add_uint(t, node, &fields[H_HWLEN], start + 2, 1, cur_u8(&h));
	tree_add_uint(t, node, &fields[H_HOPS], start + 3, 1, cur_u8(&h));
	tree_add_uint(t, node, &fields[H_ID], start + 4, 4, cur_be32(&h));
	tree_add_uint(t, node, &fields[H_SECS], start + 8, 2, cur_be16(&h));
	tree_add_uint(t, node, &fields[H_FLAGS], start + 10, 2, cur_be16(&h));
	tree_add_addr(t, node, &fields[H_CIADDR], start + 12, 4, cur_ptr(&h, 4));
	tree_add_addr(t, node, &fields[H_YIADDR], start + 16, 4, cur_ptr(&h, 4));
	tree_add_addr(t, node, &fields[H_SIADDR], start + 20, 4, cur_ptr(&h, 4));
	tree_add_addr(t, node, &fields[H_GIADDR], start + 24, 4, cur_ptr(&h, 4));
	tree_add_addr(t, node, &fields[H_MAC], start + 28, 6, cur_ptr(&h, 6));
}

/* The options after the cookie of h (the whole message, at least 240 bytes). */
static void dhcp_options(struct dctx *d, uint32_t node, const struct cur *h)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(h);
	size_t n = cur_left(h);

	for (size_t o = 240; o < n;) {
		uint8_t code = cur_peek(h, o);
		uint32_t on;
		if (code == 0 || code == 255) {
			on = tree_add(t, node, &fields[H_OPT], start + (uint32_t)o, 1);
			tree_label(t, on, "Option: (%u) %s", code, code ? "End" : "Padding");
			tree_add_uint(t, on, &fields[H_OPT_TYPE], start + (uint32_t)o, 1, code);
			o++;
			if (code == 255)
				break;
			continue;
		}
		uint8_t len = cur_peek(h, o + 1);
		if (o + 2 > n || o + 2 + len > n) {
			dissect_exhausted(d, node, "DHCP");
			break;
		}
		on = tree_add(t, node, &fields[H_OPT], start + (uint32_t)o, 2u + len);
		tree_label(t, on, "Option: (%u)", code);
		tree_add_uint(t, on, &fields[H_OPT_TYPE], start + (uint32_t)o, 1, code);
		tree_add_uint(t, on, &fields[H_OPT_LEN], start + (uint32_t)o + 1, 1, len);
		if (code == 53 && len >= 1) {
			const char *mn = val_to_str(cur_peek(h, o + 2), msg_vals);
			tree_label(t, on, "Option: (53) DHCP Message Type (%s)", mn ? mn : "Unknown");
			tree_add_uint(t, on, &fields[H_OPT_MSGTYPE], start + (uint32_t)o + 2, 1, cur_peek(h, o + 2));
		}
		o += 2u + len;
	}
}

static void dissect_dhcp(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node;
	const struct cur h = *c;
	const uint8_t *p = h.p;
	size_t n = cur_left(c);

	node = dissect_layer(d, parent, "dhcp", "BOOTP", &fields[H_PROTO], start, (uint32_t)n);
	if (n < 34) {
		dissect_exhausted(d, node, "DHCP");
		cur_skip(c, n);
		return;
	}
	int cookie = n >= 240 && cur_peek_be32(&h, 236) == DHCP_COOKIE;
	/* Option 53 first: it decides the protocol column and Info. */
	dhcp_columns(d, &h, node, cookie ? dhcp_msgtype(&h) : -1);
	dhcp_header(t, node, h);
	if (n < 240) {
		dissect_exhausted(d, node, "DHCP");
		cur_skip(c, n);
		return;
	}
	size_t sl = cstrlen(p + 44, 64), fl = cstrlen(p + 108, 128);
	uint32_t sn = tree_add_bytes(t, node, &fields[H_SERVER], start + 44, 64, p + 44, (uint32_t)sl);
	if (!sl)
		tree_label(t, sn, "Server host name not given");
	uint32_t fn = tree_add_bytes(t, node, &fields[H_FILE], start + 108, 128, p + 108, (uint32_t)fl);
	if (!fl)
		tree_label(t, fn, "Boot file name not given");
	if (!cookie) {
		cur_skip(c, n);
		return;
	}
	tree_add_addr(t, node, &fields[H_COOKIE], start + 236, 4, p + 236);
	dhcp_options(d, node, &h);
	cur_skip(c, cur_left(c));
}
