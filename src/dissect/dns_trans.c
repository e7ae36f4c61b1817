/* dns_trans.c — matching DNS requests with their responses, as Wireshark's
 * dissect_dns_common (packet-dns.c) does it.
 *
 * A transaction lives in a conversation (the UDP or TCP stream) and is found by the
 * message id: the latest transaction of that id begun at or before the frame.
 *
 * First pass (pinfo.visited = 0): a request opens a new transaction unless the latest
 * one of its id is still unanswered and began less than DNS_RETRANS_NS before: then it
 * is a retransmitted request.  A response answers the latest transaction of its id;
 * when that was answered already it is a retransmitted response (unless the query
 * asked for a zone transfer, whose answer takes many messages); with no transaction
 * it is unsolicited.  Each message's verdict is recorded, and later visits (TUI) show
 * it again, so a request never shows the response that came after it: tshark in one
 * pass cannot know it either.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/protos.h"
#include "dissect/session.h"

#define DNS_RETRANS_NS (5 * 1000000000LL)	/* Wireshark's dns.retransmission_timer */
#define DNS_BUCKETS 4096

struct dns_tr {
	uint64_t conv;			/* ptype << 32 | stream */
	uint32_t req_frame, rep_frame;
	int64_t req_ts;
	uint16_t id;
	uint8_t multi;
	uint32_t next;			/* older transaction of the same bucket, index + 1 */
};

/* The verdict shown for one message: frame, id → what it showed. */
struct dns_seen {
	uint32_t frame;
	uint16_t id;
	struct dns_match m;
};

struct dns_state {
	struct dns_tr *t;
	size_t nt, capt;
	uint32_t head[DNS_BUCKETS];	/* newest transaction per bucket, index + 1 */
	struct dns_seen *seen;
	size_t nseen, capseen;
};

static void dns_state_release(void *p)
{
	struct dns_state *s = p;

	free(s->t);
	free(s->seen);
	free(s);
}

static struct dns_state *state(struct session *sess)
{
	return session_slot(sess, SESS_SLOT_DNS, sizeof(struct dns_state), dns_state_release);
}

static uint32_t bucket(uint64_t conv, uint16_t id)
{
	uint64_t h = (conv * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)id * 0xc2b2ae3d27d4eb4full);

	return (uint32_t)(h >> 40) % DNS_BUCKETS;
}

/* The newest transaction of (conv, id): frames come in order, so it began before. */
static struct dns_tr *latest(struct dns_state *s, uint64_t conv, uint16_t id)
{
	for (uint32_t i = s->head[bucket(conv, id)]; i; i = s->t[i - 1].next)
		if (s->t[i - 1].conv == conv && s->t[i - 1].id == id)
			return &s->t[i - 1];
	return NULL;
}

static void open_trans(struct dns_state *s, uint64_t conv, uint16_t id, const struct pinfo *pi,
    int multi)
{
	uint32_t b = bucket(conv, id);
	struct dns_tr *tr;

	s->t = xgrow(s->t, &s->capt, s->nt + 1, sizeof(*s->t));
	tr = &s->t[s->nt++];
	*tr = (struct dns_tr){ conv, pi->num, 0, pi->ts, id, (uint8_t)multi, s->head[b] };
	s->head[b] = (uint32_t)s->nt;
}

/* First pass: what the message shows (m->kind DNS_M_NONE: nothing). */
static void first_pass(struct dns_state *s, const struct pinfo *pi, uint16_t id, int resp,
    int multi, struct dns_match *m)
{
	uint64_t conv = (uint64_t)pi->stream_ptype << 32 | pi->stream;
	struct dns_tr *tr = latest(s, conv, id);

	if (!resp) {
		if (tr && !tr->rep_frame && pi->ts - tr->req_ts < DNS_RETRANS_NS) {
			*m = (struct dns_match){ DNS_M_RETRANS_REQ, tr->req_frame, 0 };
			return;
		}
		open_trans(s, conv, id, pi, multi);
		return;
	}
	if (!tr)
		*m = (struct dns_match){ DNS_M_UNSOLICITED, 0, 0 };
	else if (!tr->rep_frame) {
		tr->rep_frame = pi->num;
		*m = (struct dns_match){ DNS_M_REQUEST_IN, tr->req_frame, pi->ts - tr->req_ts };
	} else if (tr->multi)
		*m = (struct dns_match){ DNS_M_REQUEST_IN, tr->req_frame, pi->ts - tr->req_ts };
	else
		*m = (struct dns_match){ DNS_M_RETRANS_RESP, tr->rep_frame, 0 };
}

void dns_trans_track(struct dctx *d, uint16_t id, int resp, int multi, struct dns_match *m)
{
	const struct pinfo *pi = d->pi;
	struct dns_state *s;

	memset(m, 0, sizeof(*m));
	if (!d->sess || pi->in_error)
		return;
	s = state(d->sess);
	if (pi->visited) {
		/* the verdict recorded for this message (frames are recorded in order) */
		size_t lo = 0, hi = s->nseen;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (s->seen[mid].frame < pi->num)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < s->nseen && s->seen[lo].frame == pi->num; lo++)
			if (s->seen[lo].id == id) {
				*m = s->seen[lo].m;
				return;
			}
		return;
	}
	first_pass(s, pi, id, resp, multi, m);
	if (m->kind == DNS_M_NONE)
		return;
	s->seen = xgrow(s->seen, &s->capseen, s->nseen + 1, sizeof(*s->seen));
	s->seen[s->nseen++] = (struct dns_seen){ pi->num, id, *m };
}
