/* endpoints.c — -z endpoints,eth|ip|ipv6|tcp|udp: tshark 4.0's endpoint tables.
 *
 * Every packet the protocol is in counts for its source endpoint (Tx) and its
 * destination (Rx): an address, with the port for TCP and UDP, from the packet's
 * outermost Ethernet header and its last network and transport headers.  Rows come
 * most packets first, ties in order of appearance (the source before the
 * destination); numbers right-aligned in tshark's fixed columns.
 *
 * Limit: pinfo keeps one address pair, the innermost, so a tunnelled packet (IP in
 * IP, GTP, CAPWAP, VXLAN) counts for its inner endpoints only, and an IPv6 packet
 * with a routing header for its final destination; tshark counts each header's, as
 * written in it.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "print/stats.h"

#define EP_MAX 1000000		/* past this, new endpoints are not counted */

enum ep_kind { EP_ETH, EP_IP, EP_IPV6, EP_TCP, EP_UDP };

static const struct {
	const char *arg, *title, *proto;
	int has_port;
} kinds[] = {
	[EP_ETH] = { "endpoints,eth", "Ethernet", "eth", 0 },
	[EP_IP] = { "endpoints,ip", "IPv4", "ip", 0 },
	[EP_IPV6] = { "endpoints,ipv6", "IPv6", "ipv6", 0 },
	[EP_TCP] = { "endpoints,tcp", "TCP", "tcp", 1 },
	[EP_UDP] = { "endpoints,udp", "UDP", "udp", 1 },
};

struct ep_row {
	struct address a;
	uint16_t port;
	uint32_t seq;			/* order of appearance */
	uint64_t tx_frames, rx_frames, tx_bytes, rx_bytes;
};

struct ep_table {
	enum ep_kind kind;
	struct ep_row *rows;
	size_t n, cap;
	uint32_t *hash;			/* row index + 1 */
	size_t hcap;
};

static void *ep_create(const struct stat_kind *k, const char *arg, char *errbuf, size_t n)
{
	struct ep_table *t;

	(void)k;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(arg, kinds[i].arg) == 0) {
			t = xcalloc(1, sizeof(*t));
			t->kind = (enum ep_kind)i;
			return t;
		}
	snprintf(errbuf, n, "invalid -z argument \"%s\"; use endpoints,eth|ip|ipv6|tcp|udp", arg);
	return NULL;
}

static size_t ep_hash(const struct address *a, uint16_t port)
{
	uint64_t h = 1469598103934665603u ^ a->type ^ (uint64_t)port << 8;

	for (int i = 0; i < 16; i++)
		h = (h ^ a->a[i]) * 1099511628211u;
	return (size_t)h;
}

static uint32_t *ep_slot(const struct ep_table *t, const struct address *a, uint16_t port)
{
	size_t i = ep_hash(a, port) & (t->hcap - 1);

	for (;; i = (i + 1) & (t->hcap - 1)) {
		const struct ep_row *r = t->hash[i] ? &t->rows[t->hash[i] - 1] : NULL;
		if (!r || (r->port == port && memcmp(&r->a, a, sizeof(*a)) == 0))
			return &t->hash[i];
	}
}

static struct ep_row *ep_row(struct ep_table *t, const struct address *a, uint16_t port)
{
	uint32_t *s;

	if (2 * (t->n + 1) > t->hcap) {
		free(t->hash);
		t->hcap = t->hcap ? 2 * t->hcap : 256;
		t->hash = xcalloc(t->hcap, sizeof(*t->hash));
		for (size_t i = 0; i < t->n; i++)
			*ep_slot(t, &t->rows[i].a, t->rows[i].port) = (uint32_t)i + 1;
	}
	s = ep_slot(t, a, port);
	if (!*s) {
		if (t->n >= EP_MAX)
			return NULL;
		t->rows = xgrow(t->rows, &t->cap, t->n + 1, sizeof(*t->rows));
		memset(&t->rows[t->n], 0, sizeof(t->rows[t->n]));
		t->rows[t->n].a = *a;
		t->rows[t->n].port = port;
		t->rows[t->n].seq = (uint32_t)t->n;
		*s = (uint32_t)++t->n;
	}
	return &t->rows[*s - 1];
}

static void ep_packet(void *st, const struct dctx *d, const struct pkt_rec *rec)
{
	struct ep_table *t = st;
	const struct pinfo *pi = d->pi;
	const struct address *src = &pi->net_src, *dst = &pi->net_dst;
	struct ep_row *r;
	uint64_t len = (uint64_t)(int64_t)(int32_t)pi->len;	/* as tshark: a signed int */

	(void)rec;
	if (!stats_proto_tapped(pi, kinds[t->kind].proto))
		return;
	if (t->kind == EP_ETH)
		src = &pi->dl_src, dst = &pi->dl_dst;
	else if (src->type != (t->kind == EP_IPV6 ? AT_IPv6 : AT_IPv4) && t->kind != EP_TCP &&
	    t->kind != EP_UDP)
		return;
	if ((r = ep_row(t, src, kinds[t->kind].has_port ? pi->srcport : 0))) {
		r->tx_frames++;
		r->tx_bytes += len;
	}
	if ((r = ep_row(t, dst, kinds[t->kind].has_port ? pi->dstport : 0))) {
		r->rx_frames++;
		r->rx_bytes += len;
	}
}

static int cmp_rows(const void *x, const void *y)
{
	const struct ep_row *a = *(const struct ep_row *const *)x, *b = *(const struct ep_row *const *)y;
	uint64_t fa = a->tx_frames + a->rx_frames, fb = b->tx_frames + b->rx_frames;

	if (fa != fb)
		return fa > fb ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void ep_print(void *st, FILE *fp)
{
	const struct ep_table *t = st;
	static const char rule[] = "================================================================================\n";
	int port = kinds[t->kind].has_port;
	const struct ep_row **v = xcalloc(t->n ? t->n : 1, sizeof(*v));

	for (size_t i = 0; i < t->n; i++)
		v[i] = &t->rows[i];
	qsort(v, t->n, sizeof(*v), cmp_rows);
	fprintf(fp, "%s%s Endpoints\nFilter:<No Filter>\n                       |%s  Packets  | |  Bytes  | "
	    "| Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n", rule, kinds[t->kind].title,
	    port ? "  Port  ||" : "");
	for (size_t i = 0; i < t->n; i++) {
		char a[64];
		addr_to_str(&v[i]->a, a, sizeof(a));
		fprintf(fp, "%-20s", a);
		if (port)
			fprintf(fp, "%11u", v[i]->port);
		fprintf(fp, "%*" PRIu64 "%14" PRIu64 "%11" PRIu64 "%16" PRIu64 "%12" PRIu64 "%16" PRIu64 "   \n",
		    port ? 11 : 12, v[i]->tx_frames + v[i]->rx_frames, v[i]->tx_bytes + v[i]->rx_bytes,
		    v[i]->tx_frames, v[i]->tx_bytes, v[i]->rx_frames, v[i]->rx_bytes);
	}
	fputs(rule, fp);
	free(v);
}

static void ep_destroy(void *st)
{
	struct ep_table *t = st;

	free(t->rows);
	free(t->hash);
	free(t);
}

const struct stat_kind endpoints_kind = {
	"endpoints,", ep_create, ep_packet, ep_print, ep_destroy, 0, NULL, NULL,
};
