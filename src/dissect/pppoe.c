/* pppoe.c — PPP over Ethernet session stage (RFC 2516).
 *
 *   +-------+-------+-------+---------------+---------------+----------------+
 *   |ver|typ| code  |  session id (2)       | payload length| PPP protocol (2) | …
 *   +-------+-------+-------+---------------+---------------+----------------+
 *
 * Common on DSL links; the session stage (EtherType 0x8864) hands its payload to PPP
 * (ppp.c).
 */
#include "config.h"

#include "dissect/protos.h"

static void dissect_pppoes(struct dctx *d, struct cur *c, uint32_t parent);

enum { S_PROTO, S_VERSION, S_TYPE, S_CODE, S_SESSION, S_LEN };

static const struct val_str code_vals[] = {
	{ 0x00, "Session Data" }, { 0x07, "Active Discovery Offer (PADO)" },
	{ 0x09, "Active Discovery Initiation (PADI)" }, { 0x19, "Active Discovery Request (PADR)" },
	{ 0x65, "Active Discovery Session-confirmation (PADS)" },
	{ 0xa7, "Active Discovery Terminate (PADT)" }, { 0, NULL }
};

static const struct field_def fields[] = {
	[S_PROTO] = { "pppoes", "PPP-over-Ethernet Session", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"PPPoE session header: carries PPP frames over Ethernet (DSL access links).", 0 },
	[S_VERSION] = { "pppoe.version", "Version", FT_UINT8, BASE_DEC, 0xf0, 8, NULL,
		"4 bits: PPPoE version, 1.", 0 },
	[S_TYPE] = { "pppoe.type", "Type", FT_UINT8, BASE_DEC, 0x0f, 8, NULL,
		"4 bits: PPPoE type, 1.", 0 },
	[S_CODE] = { "pppoe.code", "Code", FT_UINT8, BASE_HEX, 0, 0, code_vals,
		"8 bits: 0 for session data, discovery stage codes otherwise.", 0 },
	[S_SESSION] = { "pppoe.session_id", "Session ID", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: the session the access concentrator assigned.", 0 },
	[S_LEN] = { "pppoe.payload_length", "Payload Length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: bytes of PPP payload.", 0 },
};
static const struct field_table pppoe_table = REG_TABLE(fields);
static const struct handoff pppoe_handoffs[] = {
	{ HO_ETHERTYPE, 0x8864, .fn = dissect_pppoes },
};
const struct proto_reg pppoe_proto = REG_PROTO(pppoe_table, pppoe_handoffs);

static void dissect_pppoes(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node;
	size_t avail = cur_left(c);

	pi_push_proto(d->pi, "pppoes");
	col_set_proto(d->pi, "PPPoES");
	node = tree_add(t, parent, &fields[S_PROTO], start, 6);
	uint8_t vt = cur_u8(c), code = cur_u8(c);
	uint16_t sid = cur_be16(c), len = cur_be16(c);
	if (!cur_ok(c)) {
		dissect_exhausted(d, node, "PPPoES");
		return;
	}
	tree_add_uint(t, node, &fields[S_VERSION], start, 1, vt);
	tree_add_uint(t, node, &fields[S_TYPE], start, 1, vt);
	tree_add_uint(t, node, &fields[S_CODE], start + 1, 1, code);
	tree_add_uint(t, node, &fields[S_SESSION], start + 2, 2, sid);
	tree_add_uint(t, node, &fields[S_LEN], start + 4, 2, len);
	struct cur p = cur_sub(c, len, NULL);
	if (6u + len <= avail) {
		d->payload_used = 6u + len;
		d->payload_used_set = 1;
	}
	uint32_t used = d->payload_used;
	int used_set = d->payload_used_set;
	dissect_ppp(d, &p, parent);
	/* the link layer's padding is counted from the PPPoE header */
	d->payload_used = used;
	d->payload_used_set = used_set;
	cur_skip(c, cur_left(c));
}
