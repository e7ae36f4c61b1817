/* pcapng_block.c — pcapng custom blocks, which tshark lists as frames (pcapng spec
 * draft-ietf-opsawg-pcapng, section 4.8 "Custom Block").
 *
 *   0                   1                   2                   3
 *   +---------------------------------------------------------------+
 *   |        Block Type = 0x00000BAD (copy) / 0x40000BAD (no copy)   |
 *   +---------------------------------------------------------------+
 *   |                      Block Total Length                       |
 *   +---------------------------------------------------------------+
 *   |                Private Enterprise Number (PEN)                |
 *   +---------------------------------------------------------------+
 *   /               Custom Data and Options (variable)              /
 *   +---------------------------------------------------------------+
 *   |                      Block Total Length                       |
 *   +---------------------------------------------------------------+
 *
 * The reader hands the block over without its trailing length (capfile.h,
 * LINKTYPE_PCAPNG_BLOCK); dissect_frame() keeps the first 12 bytes as
 * pi->block and makes the frame what follows the PEN, as wiretap does: frame.len is
 * the custom data and options (total length - 16), the words are in the section's
 * byte order, which the type word tells.  Wireshark 4.0 shows the PEN and the copy
 * flag as frame fields, the bytes as data (frame.protocols "data"), Protocol
 * "PCAPNG", and no time, interface or encapsulation.
 */
#include "config.h"

#include <string.h>

#include "core/linktype.h"
#include "dissect/protos.h"

static void dissect_pcapng_block(struct dctx *d, struct cur *c, uint32_t parent);

#define BT_CB 0x00000BADu
#define BT_DCB 0x40000BADu

enum { B_PEN, B_COPY };

/* Enterprise numbers as Wireshark's enterprises file names them (a few: the ones
 * seen in captures; others show as "Unknown", as tshark does without the file). */
static const struct val_str pen_vals[] = {
	{ 9, "ciscoSystems" },
	{ 2636, "Juniper Networks, Inc." },
	{ 32473, "Example Enterprise Number for Documentation Use" },
	{ 36724, "Kaplan Research and Application Prototyping" },
	{ 0, NULL }
};

static const struct field_def fields[] = {
	[B_PEN] = { "frame.cb_pen", "Private Enterprise Number", FT_UINT32, BASE_DEC, 0, 0, pen_vals,
		"IANA private enterprise number of the organisation that defined this pcapng custom block.", 0 },
	[B_COPY] = { "frame.cb_copy", "Copying", FT_BOOLEAN, BASE_NONE, 0, 0, NULL,
		"Whether a program that rewrites the file may copy this custom block (block type "
		"0x00000BAD) or must drop it (0x40000BAD).", 0 },
};
static const struct field_table pcapng_block_table = REG_TABLE(fields);
static const struct handoff pcapng_block_handoffs[] = {
	{ HO_LINK, (uint32_t)LINKTYPE_PCAPNG_BLOCK, .fn = dissect_pcapng_block },
};
const struct proto_reg pcapng_block_proto = REG_PROTO(pcapng_block_table, pcapng_block_handoffs);

static uint32_t word(const uint8_t *p, int swap)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return swap ? __builtin_bswap32(v) : v;
}

/* parent: the frame node, which this block replaces as Wireshark does. */
static void dissect_pcapng_block(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	const char *org;
	uint32_t type, pen, n;
	int swap = 0, copy;

	col_set_proto(pi, "PCAPNG");
	if (!pi->block) {
		dissect_malformed(d, parent, "PCAPNG", "custom block shorter than its 12-byte header");
		dissect_data(d, c, 0);
		return;
	}
	type = word(pi->block, 0);
	if (type != BT_CB && type != BT_DCB)
		swap = 1, type = __builtin_bswap32(type);
	copy = type == BT_CB;
	pen = word(pi->block + 8, swap);
	org = val_to_str(pen, pen_vals);
	if (!org)
		org = "Unknown";
	col_append(pi, "Custom Block: PEN = %s (%u), will%s be copied", org, pen, copy ? "" : " not");
	if (tree_text(t))
		tree_label(t, parent, "PCAPNG Custom Block %u: %u bytes (%u bits) of custom data and "
		    "options, PEN %s (%u), copying %s", pi->num, pi->len, pi->len * 8, org, pen,
		    copy ? "allowed" : "not allowed");
	n = tree_add_uint(t, parent, &fields[B_PEN], 0, 0, pen);
	tree_label(t, n, "Private Enterprise Number: %s (%u)", org, pen);
	n = tree_add_uint(t, parent, &fields[B_COPY], 0, 0, (uint64_t)copy);
	tree_label(t, n, "Copying: %s", copy ? "Allowed" : "Not Allowed");
	dissect_data(d, c, 0);
}
