/* fddi.c — Fiber Distributed Data Interface frames (ANSI X3.139), LINKTYPE_FDDI (10).
 *
 *   +----------------+-----------------+-----------------+----------------
 *   | Frame Control  | Destination (6) | Source (6)      | LLC (async or sync frames)
 *   +----------------+-----------------+-----------------+----------------
 *
 * The addresses are stored bit-swapped (each byte's bits reversed), which Wireshark
 * undoes for display (WTAP_ENCAP_FDDI_BITSWAPPED, the encapsulation libpcap's FDDI
 * files get).  LLC frames (FC 0x50-0x57, 0xd0-0xd7) continue in llc.c; other frame
 * kinds (SMT, MAC, tokens) are shown as data.
 */
#include "config.h"

#include "core/linktype.h"
#include "dissect/protos.h"

static void dissect_fddi(struct dctx *d, struct cur *c, uint32_t parent);

enum { F_PROTO, F_FC, F_DST, F_SRC, F_ADDR };

static const struct field_def fields[] = {
	[F_PROTO] = { "fddi", "Fiber Distributed Data Interface", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"100 Mbit/s token ring over fibre from the 1990s: a frame control byte and two MAC addresses.", 0 },
	[F_FC] = { "fddi.fc", "Frame Control", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: frame class, address length and kind (0x50 asynchronous LLC frame).", 0 },
	[F_DST] = { "fddi.dst", "Destination", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"48-bit MAC address of the receiver (stored bit-swapped in the file).", 0 },
	[F_SRC] = { "fddi.src", "Source", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"48-bit MAC address of the sender.", 0 },
	[F_ADDR] = { "fddi.addr", "Source or Destination Address", FT_ETHER, BASE_NONE, 0, 0, NULL,
		"Either address: fddi.addr == X matches both directions.", 0 },
};
static const struct field_table fddi_table = REG_TABLE(fields);
static const struct handoff fddi_handoffs[] = {
	{ HO_LINK, LINKTYPE_FDDI, .fn = dissect_fddi },
};
const struct proto_reg fddi_proto = REG_PROTO(fddi_table, fddi_handoffs);

static uint8_t bitswap(uint8_t b)
{
	b = (uint8_t)((b & 0xf0) >> 4 | (b & 0x0f) << 4);
	b = (uint8_t)((b & 0xcc) >> 2 | (b & 0x33) << 2);
	return (uint8_t)((b & 0xaa) >> 1 | (b & 0x55) << 1);
}

static void dissect_fddi(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node;
	uint8_t dst[6], src[6];

	pi_push_proto(pi, "fddi");
	col_set_proto(pi, "FDDI");
	node = tree_add(t, parent, &fields[F_PROTO], start, 13);
	if (cur_has(c, 1) && ((c->p[0] & 0xf8) == 0x50 || (c->p[0] & 0xf8) == 0xd0))
		tree_label(t, node, "Fiber Distributed Data Interface, %s LLC frame, priority %u",
		    c->p[0] & 0x80 ? "Sync" : "Async", c->p[0] & 7u);
	if (!cur_has(c, 13)) {
		dissect_exhausted(d, node, "FDDI");
		return;
	}
	uint8_t fc = cur_u8(c);
	for (int i = 0; i < 6; i++)
		dst[i] = bitswap(cur_u8(c));
	for (int i = 0; i < 6; i++)
		src[i] = bitswap(cur_u8(c));
	pi->dl_dst.type = pi->dl_src.type = AT_ETHER;
	for (int i = 0; i < 6; i++) {
		pi->dl_dst.a[i] = dst[i];
		pi->dl_src.a[i] = src[i];
	}
	tree_add_uint(t, node, &fields[F_FC], start, 1, fc);
	tree_add_addr(t, node, &fields[F_DST], start + 1, 6, dst);
	tree_add_addr(t, node, &fields[F_SRC], start + 7, 6, src);
	/* Wireshark adds each address a second time, hidden, and fddi.addr twice for each
	 * (its bit-swapped and unswapped trees). */
	for (int k = 0; k < 2; k++) {
		const uint8_t *a = k ? src : dst;
		uint32_t at = start + (k ? 7u : 1u);
		tree_flag(t, tree_add_addr(t, node, &fields[k ? F_SRC : F_DST], at, 6, a), TN_HIDDEN);
		tree_flag(t, tree_add_addr(t, node, &fields[F_ADDR], at, 6, a), TN_HIDDEN);
		tree_flag(t, tree_add_addr(t, node, &fields[F_ADDR], at, 6, a), TN_HIDDEN);
	}
	if ((fc & 0xf8) == 0x50 || (fc & 0xf8) == 0xd0)
		dissect_llc(d, c, 0);
	else
		dissect_data(d, c, 0);
}
