/* batch.c — tshark-style batch mode: read, dissect, filter, print.
 *
 * The dissection goes only as deep as the output and the display filter need
 * (reg_level: each packet's headers; plus the TCP/UDP analysis; or everything), and
 * the tree holds only the wanted fields: none for summary lines, values without
 * labels for -T fields and -Y, everything for -V.
 *
 * One pass in capture order, or two when the filter needs less than the output
 * (-Y 'tcp.flags.syn == 1' with summary lines): the first pass evaluates the filter
 * on the cheap dissection and notes each packet's conversation; the second dissects
 * fully only the matching packets and, before each, the earlier packets of its
 * conversation, whose state (TCP analysis, reassembly) its output depends on.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dissect/session.h"
#include "dissect/tcp_conv.h"
#include "capture/capture.h"
#include "capture/writer.h"
#include "core/xmalloc.h"
#include "dissect/fastpath.h"
#include "dissect/fvalue.h"
#include "dissect/registry.h"
#include "filter/dfilter.h"
#include "print/print.h"
#include "print/stats.h"

#define BATCH_VALUE_MAX 65536		/* longest value of one field occurrence */

/* Pass 1 of a two-pass run: per packet its conversation key and the filter's verdict;
 * the keys of matching conversations with their last matching packet. */
struct replay {
	uint64_t *key;			/* by packet index */
	uint8_t *match;			/* bitset by packet index */
	uint8_t *frag;			/* bitset: replayed whatever matched (see rp_note's caller) */
	struct replay_rec {		/* the record, for pass 2 without reading the file */
		const uint8_t *data;	/* in the mapped file */
		int64_t ts_sec;
		uint32_t ts_nsec, caplen, len, ifid, flags;
		int linktype;
		const uint8_t *opts;	/* in the mapped file too */
		uint32_t opts_len;
	} *rec;
	uint32_t n, cap;
	struct replay_conv {
		uint64_t key;
		uint32_t last1;		/* last matching packet's index + 1, 0 = free */
		uint8_t level;		/* enum reg_level the earlier packets need */
	} *hash;
	uint32_t hcap, hn;
};

enum batch_phase {
	PHASE_ONE,			/* the only pass */
	PHASE_FILTER,			/* pass 1: filter only, fill the replay */
	PHASE_OUTPUT,			/* pass 2: output the packets pass 1 chose */
};

struct batch {
	const struct batch_config *o;
	FILE *out;
	struct session *sess;
	struct dtree *tree;		/* NULL when the output needs none */
	uint8_t *interest;		/* fields wanted in the tree, NULL = all */
	uint8_t *fields_interest;	/* -T fields alone (two-pass runs) */
	uint8_t *filter_interest;	/* -Y alone (two-pass runs) */
	enum reg_level level;		/* how deep this pass dissects */
	enum reg_level out_level, filter_level;
	int two_pass_ok;		/* the output depends on nothing beyond a packet's
					 * conversation (no tcp.stream numbers, no -z) */
	enum batch_phase phase;
	struct replay rp;
	int rp_match;			/* pass 2: the packet replay_pass hands over matched */
	enum reg_level rp_level;	/* … and how deep it is dissected */
	int fast_ok;			/* the output may come from the fast path */
	struct fastpath *fp;		/* for this pass's tree, NULL: dissectors only */
	struct fastpath *fp_bare;	/* for packets dissected without a tree */
	const struct field_def **fields;	/* -T fields */
	int nfields;
	int16_t *column_of;		/* by field id: the first -e column showing it, -1 */
	int16_t *same_as;		/* by -e column: the first column showing its field */
	uint32_t *head, *tail;		/* by column: its field's nodes in this tree … */
	uint32_t *next;			/* … linked by node index (0 ends) */
	size_t next_cap;
	struct dfilter *filter;
	struct pinfo pi;
	struct stats *stats;		/* -z */
	int print_packets;		/* any per-packet output */
	int64_t first_ts, prev_ts;
	uint32_t num;
	int have_first;
	int64_t prev_disp_ts;		/* the last frame that passed -Y (frame.time_delta_displayed) */
	int have_disp;
	int matched;			/* the last packet passed the display filter */
	int want_cols;			/* something shows the Protocol/Info columns */
	struct doc *doc;		/* -T json, ek, pdml, psml */
	char line[4 * BATCH_VALUE_MAX];	/* -T fields output line */
};

/* Did the last packet passed to batch_packet match the display filter (-Y)? */
static int batch_matched(const struct batch *b)
{
	return b->matched;
}

static void set_bit(uint8_t *bits, int id)
{
	bits[id >> 3] |= (uint8_t)(1u << (id & 7));
}

/* Does the interest set (NULL: none) hold any of these fields? */
static int wants_any(const uint8_t *interest, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n && interest; i++) {
		const struct field_def *f = reg_lookup(names[i]);
		int id = f ? reg_id(f) : 0;
		if (f && (interest[id >> 3] >> (id & 7) & 1))
			return 1;
	}
	return 0;
}

/* Fields numbered across conversations: a two-pass run, which skips other
 * conversations, would number them differently. */
static const char *const ordinal_fields[] = { "tcp.stream", "udp.stream" };

/* The analysis state of a pass: the endpoints' states only when something shows them
 * (-V, -x, -z, netlab.* fields or filters). */
static struct session *batch_session(const struct batch *b)
{
	static const char *const state_fields[] = {
		"netlab", "netlab.tcp.client_state", "netlab.tcp.server_state",
	};
	struct session *sess = session_new(0);

	/* the documents are tshark's: no netlab.* nodes */
	tcpconv_track_states(sess->tcp, ((b->o->verbose || b->o->hex) && !b->doc) || b->stats ||
	    wants_any(b->interest, state_fields, sizeof(state_fields) / sizeof(state_fields[0])));
	return sess;
}

struct batch *batch_new(const struct batch_config *o, FILE *out, char *errbuf, size_t n)
{
	struct batch *b = xcalloc(1, sizeof(*b));
	/* -T json/ek -e: the fields as -T fields has them, in a document */
	int doc_fields = (o->out == OUT_JSON || o->out == OUT_EK) && o->nfields;
	int use_fields = o->out == OUT_FIELDS || doc_fields;
	/* the output shows the whole labelled tree */
	int full = o->verbose || o->out == OUT_PDML ||
	    ((o->out == OUT_JSON || o->out == OUT_EK) && !doc_fields);
	int need_tree = full || o->hex || use_fields || o->display_filter;
	int need_text = full;
	size_t nbytes;

	reg_init();
	b->o = o;
	b->out = out;
	b->doc = doc_new(o);
	b->pi.time_digits = 6;
	nbytes = ((size_t)reg_count() + 7) / 8;
	if (use_fields) {
		size_t at = 0;
		int bad = 0;
		b->fields = xcalloc((size_t)o->nfields + 1, sizeof(*b->fields));
		for (int i = 0; i < o->nfields; i++) {
			b->fields[i] = reg_lookup(o->fields[i]);
			if (!b->fields[i]) {
				if (!bad)
					at += (size_t)snprintf(errbuf + at, at < n ? n - at : 0,
					    "Some fields aren't valid:");
				bad = 1;
				at += (size_t)snprintf(errbuf + at, at < n ? n - at : 0, "\n\t%s",
				    o->fields[i]);
			} else if (b->fields[i]->type == FT_PROTOCOL)
				need_text = 1;
		}
		b->nfields = o->nfields;
		if (bad) {
			batch_free(b);
			return NULL;
		}
		b->column_of = xmalloc((size_t)reg_count() * sizeof(*b->column_of));
		memset(b->column_of, 0xff, (size_t)reg_count() * sizeof(*b->column_of));
		for (int i = b->nfields - 1; i >= 0; i--)
			b->column_of[reg_id(b->fields[i])] = (int16_t)i;
		b->same_as = xmalloc((size_t)b->nfields * sizeof(*b->same_as));
		for (int i = 0; i < b->nfields; i++)
			b->same_as[i] = b->column_of[reg_id(b->fields[i])];
		b->head = xcalloc((size_t)b->nfields, sizeof(*b->head));
		b->tail = xcalloc((size_t)b->nfields, sizeof(*b->tail));
		b->fields_interest = xcalloc(nbytes, 1);
		for (int i = 0; i < b->nfields; i++)
			set_bit(b->fields_interest, reg_id(b->fields[i]));
		if (!full)
			memcpy(b->interest = xmalloc(nbytes), b->fields_interest, nbytes);
	}
	if (o->display_filter) {
		struct dfilter_error err;
		b->filter = dfilter_compile(o->display_filter, &err);
		if (!b->filter) {
			dfilter_error_format(o->display_filter, &err, errbuf, n);
			batch_free(b);
			return NULL;
		}
		b->filter_interest = xcalloc(nbytes, 1);
		dfilter_interest(b->filter, b->filter_interest);
		b->filter_level = reg_level(b->filter_interest);
		if (b->interest || (!full && !o->hex)) {
			if (!b->interest)
				b->interest = xcalloc(nbytes, 1);
			dfilter_interest(b->filter, b->interest);
		}
	}
	if (o->nstats || o->export_objects) {
		b->stats = stats_new(o, errbuf, n);
		if (!b->stats) {
			batch_free(b);
			return NULL;
		}
		/* kinds that read fields (HTTP), have a filter of their own or walk the
		 * whole tree (io,phs); -V and -x build the whole tree anyway */
		if (!o->verbose && !o->hex) {
			enum stats_tree_need need;
			if (!b->interest)
				b->interest = xcalloc(nbytes, 1);
			need = stats_interest(b->stats, b->interest);
			if (need == STATS_TREE_ALL) {	/* with labels: text nodes nest */
				free(b->interest);
				b->interest = NULL;
				need_text = 1;
			}
			need_tree |= need != STATS_TREE_NONE;
		}
	}
	b->print_packets = !o->quiet && !(o->write_file && !o->print);
	/* Info costs formatting on every packet: only when summary lines or a -z kind
	 * show it (-T fields -e _ws.col.* turns it on in dissect_frame). */
	b->want_cols = (o->out == OUT_FIELDS ? o->verbose : b->print_packets) ||
	    stats_want_cols(b->stats);
	if (o->verbose || o->hex || b->stats || b->want_cols || need_text)
		b->out_level = REG_LEVEL_PAYLOAD;
	else if (use_fields && b->print_packets)
		b->out_level = reg_level(b->fields_interest);
	else
		b->out_level = REG_LEVEL_HEADERS;	/* no per-packet output (-q, -w) */
	b->level = b->out_level > b->filter_level ? b->out_level : b->filter_level;
	b->two_pass_ok = b->filter && b->filter_level < b->out_level && !b->stats &&
	    !full && !o->hex && !wants_any(b->fields_interest, ordinal_fields,
	    sizeof(ordinal_fields) / sizeof(ordinal_fields[0]));
	b->sess = batch_session(b);
	/* NETLAB_FASTPATH=0: the dissectors for every packet (tests compare the two) */
	const char *fpenv = getenv("NETLAB_FASTPATH");
	b->fast_ok = !b->stats && !full && !o->hex && !need_text && !(fpenv && strcmp(fpenv, "0") == 0);
	if (b->fast_ok) {
		b->fp_bare = fastpath_new(NULL);
		if (b->level < REG_LEVEL_PAYLOAD && !b->want_cols)
			b->fp = fastpath_new(need_tree ? b->interest : NULL);
	}
	if (need_tree) {
		b->tree = tree_new(need_text);
		if (b->interest && !o->hex && !full)
			tree_set_interest(b->tree, b->interest);
	}
	return b;
}

void batch_free(struct batch *b)
{
	if (!b)
		return;
	tree_free(b->tree);
	doc_free(b->doc);
	free(b->interest);
	free(b->fields_interest);
	free(b->filter_interest);
	fastpath_free(b->fp);
	fastpath_free(b->fp_bare);
	free(b->rp.key);
	free(b->rp.rec);
	free(b->rp.match);
	free(b->rp.frag);
	free(b->rp.hash);
	free(b->fields);
	free(b->column_of);
	free(b->same_as);
	free(b->head);
	free(b->tail);
	free(b->next);
	if (b->filter)
		dfilter_free(b->filter);
	stats_free(b->stats);
	session_free(b->sess);
	free(b);
}

/* Links the tree's nodes of each -e field in tree order: one walk over the tree
 * instead of a search per field. */
static void index_fields(struct batch *b)
{
	const struct dtree *t = b->tree;

	memset(b->head, 0, (size_t)b->nfields * sizeof(*b->head));
	b->next = xgrow(b->next, &b->next_cap, t->n, sizeof(*b->next));
	for (uint32_t n = 1; n < t->n; n++) {
		const struct field_def *f = t->nodes[n].f;
		int c = f ? b->column_of[t->nodes[n].id] : -1;
		if (c < 0)
			continue;
		b->next[n] = 0;
		if (b->head[c])
			b->next[b->tail[c]] = n;
		else
			b->head[c] = n;
		b->tail[c] = n;
	}
}

/* One line per packet, built in a buffer and written once. */
static void print_fields(struct batch *b)
{
	const struct dtree *t = b->tree;
	char sep = b->o->separator, agg = b->o->occurrence_sep, q = b->o->quote;
	size_t at = 0;

	index_fields(b);
	for (int i = 0; i < b->nfields; i++) {
		int k = 0;
		if (i)
			b->line[at++] = sep;
		if (q)
			b->line[at++] = q;
		for (uint32_t n = b->head[b->same_as[i]]; n; n = b->next[n]) {
			if (k++)
				b->line[at++] = agg;
			if (at + BATCH_VALUE_MAX + 4 > sizeof(b->line)) {
				fwrite_unlocked(b->line, 1, at, b->out);
				at = 0;
			}
			at += fv_fields(t, &t->nodes[n], b->line + at, BATCH_VALUE_MAX);
		}
		if (q)
			b->line[at++] = q;
		if (at + BATCH_VALUE_MAX + 4 > sizeof(b->line)) {
			fwrite_unlocked(b->line, 1, at, b->out);
			at = 0;
		}
	}
	b->line[at++] = '\n';
	fwrite_unlocked(b->line, 1, at, b->out);
}

void batch_set_if_known(struct batch *b, int known)
{
	b->pi.if_known = known;
}

/* ---- two-pass runs ---- */

/* The packet's conversation, as the analysis keys it: TCP or UDP endpoints in either
 * order; every other packet shares one key (their state: ICMP, ARP …). */
static uint64_t conv_key(const struct pinfo *pi)
{
	uint64_t w[4], h;
	uint16_t pa = pi->srcport, pz = pi->dstport;
	int swap;

	if (pi->ptype == PT_NONE)
		return 0;
	memcpy(w, pi->net_src.a, 16);
	memcpy(w + 2, pi->net_dst.a, 16);
	/* either direction gives the same key: the endpoints in a fixed order */
	swap = w[0] != w[2] ? w[0] > w[2] : w[1] != w[3] ? w[1] > w[3] : pa > pz;
	if (swap) {
		uint64_t t0 = w[0], t1 = w[1];
		uint16_t tp = pa;
		w[0] = w[2], w[1] = w[3], w[2] = t0, w[3] = t1;
		pa = pz, pz = tp;
	}
	h = (uint64_t)pi->ptype << 56 ^ (uint64_t)pi->net_src.type << 48 ^ (uint64_t)pa << 16 ^ pz;
	for (int i = 0; i < 4; i++) {	/* multiply-xorshift mixing, a word at a time */
		h = (h ^ w[i]) * 0x9e3779b97f4a7c15u;
		h ^= h >> 29;
	}
	return h | 1;		/* 0 is the key of packets without a conversation */
}

static struct replay_conv *rp_slot(struct replay *rp, uint64_t key)
{
	size_t i = (size_t)(key ^ key >> 29) & (rp->hcap - 1);

	while (rp->hash[i].last1 && rp->hash[i].key != key)
		i = (i + 1) & (rp->hcap - 1);
	return &rp->hash[i];
}

/* What a matching packet's output needs from the earlier packets of its conversation:
 * a TCP segment without data or FIN reaches no payload dissector, so the TCP analysis
 * of the earlier ones is enough. */
static enum reg_level replay_level(const struct pinfo *pi)
{
	return pi->ptype == PT_TCP && !pi->tcp_seglen && !(pi->tcp_flags & 0x01) ?
	    REG_LEVEL_ANALYSIS : REG_LEVEL_PAYLOAD;
}

/* Pass 1 saw packet idx in conversation key; m: it matched the filter. */
static void rp_note(struct replay *rp, uint32_t idx, const struct pkt_rec *rec, uint64_t key,
    int m, enum reg_level level, int frag)
{
	if (idx >= rp->cap) {
		size_t old = rp->cap, cap = old;
		rp->key = xgrow(rp->key, &cap, (size_t)idx + 1, sizeof(*rp->key));
		rp->rec = xrealloc(rp->rec, cap * sizeof(*rp->rec));
		rp->match = xrealloc(rp->match, (cap + 7) / 8);
		memset(rp->match + (old + 7) / 8, 0, (cap + 7) / 8 - (old + 7) / 8);
		rp->frag = xrealloc(rp->frag, (cap + 7) / 8);
		memset(rp->frag + (old + 7) / 8, 0, (cap + 7) / 8 - (old + 7) / 8);
		rp->cap = (uint32_t)cap;
	}
	rp->key[idx] = key;
	rp->rec[idx] = (struct replay_rec){ rec->data, rec->ts_sec, rec->ts_nsec, rec->caplen,
	    rec->len, rec->ifid, rec->flags, rec->linktype, rec->opts, rec->opts_len };
	rp->n = idx + 1;
	if (frag)
		rp->frag[idx >> 3] |= (uint8_t)(1u << (idx & 7));
	if (!m)
		return;
	rp->match[idx >> 3] |= (uint8_t)(1u << (idx & 7));
	if (2 * (rp->hn + 1) > rp->hcap) {
		struct replay_conv *old = rp->hash;
		uint32_t ocap = rp->hcap;
		rp->hcap = ocap ? 2 * ocap : 1024;
		rp->hash = xcalloc(rp->hcap, sizeof(*rp->hash));
		for (uint32_t i = 0; i < ocap; i++)
			if (old[i].last1)
				*rp_slot(rp, old[i].key) = old[i];
		free(old);
	}
	{
		struct replay_conv *c = rp_slot(rp, key);
		if (!c->last1)
			rp->hn++;
		c->key = key;
		c->last1 = idx + 1;
		if (c->level < level)
			c->level = (uint8_t)level;
	}
}

/* Pass 2: must packet idx be dissected (it matched, or a later packet of its
 * conversation did), and how deep?  *m: it matched. */
static int rp_wanted(struct replay *rp, uint32_t idx, int *m, enum reg_level *level)
{
	const struct replay_conv *c;

	*m = idx < rp->n && (rp->match[idx >> 3] >> (idx & 7) & 1);
	if (*m)
		return 1;
	if (idx < rp->n && (rp->frag[idx >> 3] >> (idx & 7) & 1))
		return 1;	/* a later frame may depend on it */
	if (idx >= rp->n || !rp->hcap)
		return 0;
	c = rp_slot(rp, rp->key[idx]);
	if (c->last1 <= idx)
		return 0;
	if (c->level < *level)
		*level = (enum reg_level)c->level;
	return 1;
}

/* Switches a batch that two_pass_ok allows to pass 1, then to pass 2. */
static void batch_set_phase(struct batch *b, enum batch_phase phase)
{
	b->phase = phase;
	b->num = 0;
	b->have_first = 0;
	b->have_disp = 0;
	fastpath_free(b->fp);
	b->fp = NULL;
	if (phase == PHASE_FILTER) {
		b->level = b->filter_level;
		tree_set_interest(b->tree, b->filter_interest);
		if (b->fast_ok && b->level < REG_LEVEL_PAYLOAD)
			b->fp = fastpath_new(b->filter_interest);
	} else if (phase == PHASE_OUTPUT) {
		session_free(b->sess);
		b->sess = batch_session(b);
		b->level = b->out_level;
		if (b->tree)
			tree_set_interest(b->tree, b->fields_interest);
		if (b->fast_ok && b->level < REG_LEVEL_PAYLOAD && !b->want_cols)
			b->fp = fastpath_new(b->fields_interest);
	}
}

/* ---- one packet ---- */

int batch_packet(struct batch *b, const struct pkt_rec *rec, const struct capfile_iface *ifc)
{
	struct pinfo *pi = &b->pi;
	struct dctx d = { .tree = b->tree, .pi = pi, .sess = b->sess, .frag = b->sess->frag };
	int64_t ts = pkt_rec_ns(rec);
	char line[PI_INFO_MAX + 256];
	enum reg_level level = b->level;
	int m = 1;

	b->matched = 0;
	if (!b->have_first) {
		b->first_ts = b->prev_ts = ts;
		b->have_first = 1;
	}
	pi->num = ++b->num;
	pi->ts = ts;
	pi->rel_ts = ts - b->first_ts;
	pi->delta_ts = ts - b->prev_ts;
	pi->delta_disp_ts = b->have_disp ? ts - b->prev_disp_ts : 0;
	b->prev_ts = ts;
	if (b->phase == PHASE_OUTPUT) {
		m = b->rp_match;
		level = b->rp_level;
	}
	pi->caplen = rec->caplen;
	pi->len = rec->len;
	pi->linktype = rec->linktype;
	pi->ifid = rec->ifid;
	pi->ifname = ifc && ifc->name[0] ? ifc->name : NULL;
	pi->ifdescr = ifc && ifc->descr[0] ? ifc->descr : NULL;
	pi->section = ifc ? ifc->section : 0;
	if (ifc)		/* a custom block keeps the previous packet's */
		pi->time_digits = ifc->time_digits;
	pi->opts = rec->opts;
	pi->opts_len = rec->opts_len;
	pi->opts_swap = (rec->flags & CAPFILE_REC_OPT_SWAP) != 0;
	pi->no_ts = (rec->flags & CAPFILE_REC_NO_TS) != 0;
	pi->visited = 0;
	pi->want_cols = b->want_cols && b->phase != PHASE_FILTER && m;
	d.headers_only = level < REG_LEVEL_PAYLOAD;
	if (level < REG_LEVEL_ANALYSIS)
		d.sess = NULL;
	if (b->phase == PHASE_OUTPUT && !b->fields_interest)
		d.tree = NULL;		/* summary lines: no tree */
	if (d.tree)
		tree_reset(d.tree);
	{
		const struct fastpath *fp = pi->want_cols || level == REG_LEVEL_PAYLOAD ? NULL :
		    d.tree ? b->fp : b->fp_bare;
		if (!fp || !fastpath_dissect(fp, &d, rec->data))
			dissect_frame(&d, rec->data);
	}
	if (b->phase == PHASE_FILTER) {
		/* replayed whatever matched: IP fragments (a later frame may complete the
		 * datagram) and FTP control segments (they announce the data connections
		 * whose packets FTP-DATA shows: the one dependency across conversations) */
		rp_note(&b->rp, pi->num - 1, rec, conv_key(pi),
		    dfilter_apply(b->filter, b->tree, pi), replay_level(pi), pi->ip_fragment ||
		    (pi->ptype == PT_TCP && (pi->srcport == 21 || pi->dstport == 21)));
		return 0;
	}
	if (b->phase == PHASE_ONE && b->filter)
		m = dfilter_apply(b->filter, b->tree, pi);
	/* tshark's taps see every packet read, whatever -Y says (one-pass tshark) */
	if (b->stats)
		stats_packet(b->stats, &d, rec);
	if (!m)
		return 0;
	b->matched = 1;
	b->prev_disp_ts = ts;
	b->have_disp = 1;
	if (!b->print_packets)
		return ferror(b->out) ? -1 : 0;
	if (b->doc) {
		struct fieldsel sel;
		if (b->fields) {
			index_fields(b);
			sel = (struct fieldsel){ b->fields, b->nfields, b->same_as, b->head, b->next };
		}
		if (doc_packet(b->doc, b->out, b->tree, pi, b->fields ? &sel : NULL) < 0)
			return -1;
	} else if (b->o->out == OUT_FIELDS)
		print_fields(b);
	else {
		if ((!b->o->verbose && !b->o->hex) || b->o->print) {	/* tshark 4: -x alone is hex only */
			struct columns cols;
			print_columns(pi, &b->o->time, &cols);
			size_t k = print_summary(line, sizeof(line) - 1, &cols);
			line[k++] = '\n';
			fwrite_unlocked(line, 1, k, b->out);
		}
		if (b->o->verbose) {
			print_tree(b->out, b->tree, !b->o->hex, b->o->detail_only);
			fputc('\n', b->out);
		}
		if (b->o->hex) {
			print_hex(b->out, b->tree);
			fputc('\n', b->out);
		}
	}
	if (b->o->flush_each && fflush(b->out) != 0)
		return -1;
	return ferror(b->out) ? -1 : 0;
}

int batch_end(struct batch *b)
{
	if (b->doc && b->print_packets)
		doc_end(b->doc, b->out);
	if (b->stats)
		stats_print(b->stats, b->out);
	if (fflush(b->out) != 0 || ferror(b->out))
		return errno == EPIPE ? 0 : 2;
	return 0;
}

/* -w with -r: the packets that pass -Y go to a capture file, each interface (pcapng)
 * declared before its first packet. */
static int write_packet(struct capwriter *w, struct capfile *cf, const struct pkt_rec *rec,
    uint8_t *declared, char *errbuf)
{
	/* A pcapng custom block is not a packet: neither writer format has it. */
	if (rec->linktype == LINKTYPE_PCAPNG_BLOCK)
		return 0;
	/* pcapng: the file's interfaces in their order, so they keep their ids */
	for (uint32_t i = capw_is_pcapng(w) ? 0 : rec->ifid; i <= rec->ifid && i < 256; i++) {
		const struct capfile_iface *ifc = capfile_iface(cf, i);
		if (declared[i] || (i != rec->ifid && !ifc))
			continue;
		if (capw_add_iface_from(w, i, i == rec->ifid ? rec->linktype : ifc->linktype, ifc,
		    errbuf) < 0)
			return -1;
		declared[i] = 1;
	}
	return capw_write(w, rec, errbuf);
}

/* Reads cf to the end (or -c), giving each packet that passes -f to the batch and
 * the matching ones to w.  Returns 2 after a damaged file (reported, except in pass
 * 1: errbuf keeps it for pass 2) or a failed write. */
static int run_pass(struct batch *b, struct capfile *cf, struct capfilter *bpf,
    struct capwriter *w, uint8_t *declared, char *errbuf)
{
	struct pkt_rec rec;
	long count = 0;
	int r;

	while ((r = capfile_next(cf, &rec, errbuf)) == 1) {
		const struct capfile_iface *ifc = capfile_iface(cf, rec.ifid);
		if (bpf && !capfilter_match(bpf, &rec))
			continue;	/* -f: as if never captured (tshark -r -f drops it before -Y) */
		if (batch_packet(b, &rec, ifc) < 0)
			return 0;
		if (w && batch_matched(b) && write_packet(w, cf, &rec, declared, errbuf) < 0) {
			fprintf(stderr, "netlab-tui: %s\n", errbuf);
			return 2;
		}
		if (b->o->count && ++count >= b->o->count)
			return 0;
	}
	if (r < 0) {
		if (b->phase != PHASE_FILTER) {
			fflush(b->out);
			fprintf(stderr, "netlab-tui: %s\n", errbuf);
		}
		return 2;
	}
	return 0;
}

static int64_t replay_ns(const struct replay_rec *q)
{
	struct pkt_rec r = { .ts_sec = q->ts_sec, .ts_nsec = q->ts_nsec };

	return pkt_rec_ns(&r);
}

/* Pass 2 of a two-pass run: the packets pass 1 noted, from its copies of their records
 * (cf: pass 1's reader, for the interfaces), only those it chose. */
static int replay_pass(struct batch *b, struct capfile *cf, struct capwriter *w,
    uint8_t *declared, char *errbuf)
{
	const struct replay *rp = &b->rp;

	for (uint32_t i = 0; i < rp->n; i++) {
		const struct replay_rec *q = &rp->rec[i];
		struct pkt_rec rec = { q->ts_sec, q->ts_nsec, q->caplen, q->len, q->linktype,
		    q->ifid, q->data, 0, q->flags, q->opts, q->opts_len };
		const struct capfile_iface *ifc;
		int m;
		enum reg_level level = b->level;
		if (!rp_wanted(&b->rp, i, &m, &level))
			continue;
		b->rp_match = m;
		b->rp_level = level;
		/* batch_packet's clock, as if it had seen every packet before */
		b->first_ts = replay_ns(&rp->rec[0]);
		b->have_first = 1;
		b->prev_ts = replay_ns(i ? q - 1 : q);
		b->num = i;
		ifc = capfile_iface(cf, rec.ifid);
		if (batch_packet(b, &rec, ifc) < 0)
			return 0;
		if (w && batch_matched(b) && write_packet(w, cf, &rec, declared, errbuf) < 0) {
			fprintf(stderr, "netlab-tui: %s\n", errbuf);
			return 2;
		}
	}
	return 0;
}

int batch_run_file(struct batch *b, struct capfile *cf, struct capfilter *bpf,
    struct capwriter *w)
{
	char errbuf[1024];
	uint8_t declared[256] = { 0 };
	int status;

	if (b->two_pass_ok && capfile_map(cf)) {
		/* pass 1 reads the file; pass 2 works from pass 1's copies of the records
		 * (the mapped bytes stay) and reports pass 1's damage after its packets */
		batch_set_phase(b, PHASE_FILTER);
		status = run_pass(b, cf, bpf, NULL, NULL, errbuf);
		batch_set_phase(b, PHASE_OUTPUT);
		if (replay_pass(b, cf, w, declared, errbuf) == 2)
			status = 3;
		else if (status == 2) {
			fflush(stdout);
			fprintf(stderr, "netlab-tui: %s\n", errbuf);
		}
		status = status ? 2 : 0;
	} else
		status = run_pass(b, cf, bpf, w, declared, errbuf);
	return status;
}
