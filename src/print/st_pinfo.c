/* st_pinfo.c — -z plen,tree and -z ptype,tree: packet lengths and the IPv4 packets'
 * port types, as tshark 4.0's stats trees of the same names.
 *
 *   plen   every packet: its frame length in "Packet Lengths" and in the range that
 *          holds it (0-19, 20-39 … doubling, 5120 and greater)
 *   ptype  every IPv4 header (a tunnelled packet counts once per header, the header
 *          an ICMP error quotes not at all): the packet's port type ("TCP", "UDP",
 *          "NONE") under "IP Protocol Types"
 */
#include "config.h"

#include <string.h>

#include "dissect/dissect.h"
#include "print/stats.h"
#include "print/stats_tree.h"

static const int plen_lo[] = { 0, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120 };
static const char plen_title[] = "Packet Lengths";

static void plen_init(struct stree *t)
{
	stree_ranges(t, stree_node(t, STREE_ROOT, plen_title),
	    plen_lo, sizeof(plen_lo) / sizeof(plen_lo[0]));
}

static void plen_packet(struct stree *t, const struct dctx *d, const struct field_def *const *f)
{
	/* as tshark: the length as a signed 32-bit value */
	double len = (int32_t)d->pi->len;

	(void)f;
	stree_packet(t, d->pi->rel_ts);
	stree_range_value(t, stree_value(t, STREE_ROOT, plen_title, len), len);
}

static const struct stree_desc plen_desc = { plen_title, NULL, plen_init, plen_packet };
const struct stat_kind plen_tree_kind = STREE_KIND("plen,tree", plen_desc);

static const char ptype_node[] = "IP Protocol Types";

/* frame.protocols names → tshark's port type; the last one in the packet wins (as
 * pinfo->ptype, which an ICMP error's quoted UDP header sets too). */
static const struct { const char *proto, *ptype; } ptypes[] = {
	{ "tcp", "TCP" }, { "udp", "UDP" }, { "sctp", "SCTP" }, { "dccp", "DCCP" },
};

static void ptype_init(struct stree *t)
{
	stree_node(t, STREE_ROOT, ptype_node);
}

static void ptype_packet(struct stree *t, const struct dctx *d, const struct field_def *const *f)
{
	const struct pinfo *pi = d->pi;
	const char *ptype = "NONE";
	int nip = 0, quoted = 0;

	(void)f;
	for (int i = 0; i < pi->nprotos; i++) {
		if (strcmp(pi->protos[i], "icmp") == 0 || strcmp(pi->protos[i], "icmpv6") == 0)
			quoted = 1;	/* the IP header an ICMP error quotes reaches no tap */
		else if (!quoted && strcmp(pi->protos[i], "ip") == 0 && i + 1 < pi->nprotos)
			nip++;	/* (a header that ends the list was cut or bogus: no tap) */
		for (size_t k = 0; k < sizeof(ptypes) / sizeof(ptypes[0]); k++)
			if (strcmp(pi->protos[i], ptypes[k].proto) == 0)
				ptype = ptypes[k].ptype;
	}
	for (int i = 0; i < nip; i++) {
		stree_packet(t, pi->rel_ts);
		stree_tick(t, stree_tick(t, STREE_ROOT, ptype_node), ptype);
	}
}

static const struct stree_desc ptype_desc = {
	"IPv4 Statistics/IP Protocol Types", NULL, ptype_init, ptype_packet,
};
const struct stat_kind ptype_tree_kind = STREE_KIND("ptype,tree", ptype_desc);
