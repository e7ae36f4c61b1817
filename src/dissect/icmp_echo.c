/* icmp_echo.c — matching ICMP and ICMPv6 echo requests with their replies, as
 * Wireshark's transaction_start/transaction_end in packet-icmp.c and packet-icmpv6.c.
 *
 * A request and its reply share the address pair (either direction), identifier and
 * sequence number, and their checksums differ exactly by the type change, so the key
 * is (addresses, checksum as the reply will carry it, id << 16 | seq).
 *
 * First pass (pinfo.visited = 0): a request opens a transaction (a later identical
 * request replaces it as the open one); the first reply that finds it closes it and
 * shows "(request in N)".  A request shows nothing: tshark in one pass cannot know its
 * reply.  Later visits (TUI) read the recorded result of the frame and show exactly
 * what the first pass showed (a reply its request), so the TUI equals batch mode.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dissect/session.h"
#include "core/xmalloc.h"
#include "dissect/protos.h"

struct echo_trans {
	struct address a, b;	/* a < b (memcmp), so both directions meet */
	uint32_t k0, k1;
	uint32_t req_frame, resp_frame;
	int64_t req_ts;
	uint32_t next;		/* chain in the open-transaction hash, index + 1 */
};

/* Frame → transaction, for the frames that took part in a match (request and reply). */
struct echo_seen {
	uint32_t frame, trans;
};

#define ECHO_BUCKETS 1024

struct echo_state {
	struct echo_trans *t;
	size_t nt, capt;
	uint32_t open[ECHO_BUCKETS];	/* index + 1 of the newest open transaction */
	struct echo_seen *seen;
	size_t nseen, capseen;
};

static void echo_release(void *p)
{
	struct echo_state *s = p;

	free(s->t);
	free(s->seen);
	free(s);
}

static struct echo_state *state(struct session *sess)
{
	return session_slot(sess, SESS_SLOT_ICMP_ECHO, sizeof(struct echo_state), echo_release);
}

static uint32_t bucket(const struct echo_trans *k)
{
	uint32_t h = k->k0 * 2654435761u ^ k->k1 * 40503u;

	for (size_t i = 0; i < sizeof(k->a.a); i++) {
		uint32_t hb = k->b.a[i];	/* a hash of stored addresses, not a packet read */
		h = (h ^ k->a.a[i] ^ hb << 8) * 16777619u;
	}
	return h % ECHO_BUCKETS;
}

static int same_key(const struct echo_trans *x, const struct echo_trans *y)
{
	return x->k0 == y->k0 && x->k1 == y->k1 && x->a.type == y->a.type &&
	    memcmp(x->a.a, y->a.a, sizeof(x->a.a)) == 0 && memcmp(x->b.a, y->b.a, sizeof(x->b.a)) == 0;
}

/* Ones' complement ~(~cksum + ~diff), the checksum the reply to a request carries. */
static uint32_t shifted(uint16_t cksum, uint16_t diff)
{
	uint32_t sum = (uint16_t)~cksum + (uint32_t)(uint16_t)~diff;

	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static struct echo_trans *seen_lookup(struct echo_state *s, uint32_t frame, const struct echo_trans *k)
{
	/* Frames are recorded in capture order: binary search. */
	size_t lo = 0, hi = s->nseen;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->seen[mid].frame < frame)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->nseen && s->seen[lo].frame == frame; lo++)
		if (same_key(&s->t[s->seen[lo].trans], k))
			return &s->t[s->seen[lo].trans];
	return NULL;
}

static void seen_add(struct echo_state *s, uint32_t frame, uint32_t trans)
{
	size_t i = s->nseen;

	s->seen = xgrow(s->seen, &s->capseen, s->nseen + 1, sizeof(*s->seen));
	/* Keep the array sorted (a request's frame comes before its reply's). */
	while (i > 0 && s->seen[i - 1].frame > frame) {
		s->seen[i] = s->seen[i - 1];
		i--;
	}
	s->seen[i].frame = frame;
	s->seen[i].trans = trans;
	s->nseen++;
}

void icmp_echo_track(struct dctx *d, uint32_t node, int v6, int reply, uint16_t cksum,
    uint16_t id, uint16_t seq, const struct field_def *const f[4])
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	struct echo_trans k;

	if (!d->sess || pi->in_error)
		return;
	memset(&k, 0, sizeof(k));
	int swap = memcmp(pi->net_src.a, pi->net_dst.a, sizeof(k.a.a)) > 0;
	k.a = swap ? pi->net_dst : pi->net_src;
	k.b = swap ? pi->net_src : pi->net_dst;
	k.k1 = (uint32_t)id << 16 | seq;
	if (!v6) {
		k.k0 = reply ? cksum : shifted(cksum, 0x0800);
		if (!reply && k.k0 == 0)
			k.k0 = 0xffff;
	} else {
		k.k0 = reply ? shifted(cksum, 0x0100) : cksum;
		if (reply && k.k0 == 0)
			k.k0 = 0xffff;
	}
	struct echo_state *s = state(d->sess);
	struct echo_trans *tr = NULL;
	uint32_t b = bucket(&k);
	if (!pi->visited) {
		if (!reply) {
			s->t = xgrow(s->t, &s->capt, s->nt + 1, sizeof(*s->t));
			tr = &s->t[s->nt++];
			*tr = k;
			tr->req_frame = pi->num;
			tr->req_ts = pi->ts;
			tr->next = s->open[b];
			s->open[b] = (uint32_t)s->nt;
		} else {
			for (uint32_t i = s->open[b]; i; i = s->t[i - 1].next)
				if (same_key(&s->t[i - 1], &k)) {
					tr = &s->t[i - 1];
					break;
				}
			if (!tr || tr->resp_frame)
				return;
			tr->resp_frame = pi->num;
			seen_add(s, tr->resp_frame, (uint32_t)(tr - s->t));
		}
	} else
		tr = seen_lookup(s, pi->num, &k);
	if (!reply || !tr)
		return;
	tree_flag(t, tree_add_uint(t, node, f[1], 0, 0, tr->req_frame), TN_GENERATED);
	col_append_uint(pi, " (request in ", tr->req_frame);
	col_append_str(pi, ")");
	uint32_t n = tree_add_double(t, node, f[3], 0, 0, (double)(pi->ts - tr->req_ts) / 1e6);
	tree_flag(t, n, TN_GENERATED);
	tree_label(t, n, "%s: %.3f ms", f[3]->name, (double)(pi->ts - tr->req_ts) / 1e6);
}
