/* batch.c — tshark-style batch mode: read, dissect, filter, print.
 *
 * One pass in capture order.  The tree is built only as far as the output needs:
 * none for summary lines, values without labels (and only the wanted fields) for
 * -T fields and -Y, everything for -V.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/session.h"
#include "capture/capture.h"
#include "capture/writer.h"
#include "core/xmalloc.h"
#include "dissect/fvalue.h"
#include "dissect/registry.h"
#include "filter/dfilter.h"
#include "print/print.h"
#include "print/stats.h"

#define BATCH_VALUE_MAX 65536		/* longest value of one field occurrence */

struct batch {
	const struct options *o;
	FILE *out;
	struct session *sess;
	struct dtree *tree;		/* NULL when the output needs none */
	uint8_t *interest;		/* fields wanted, NULL = all */
	const struct field_def **fields;	/* -T fields */
	int nfields;
	struct dfilter *filter;
	struct pinfo pi;
	struct stats *stats;		/* -z */
	int time_digits;
	int print_packets;		/* any per-packet output */
	int64_t first_ts, prev_ts, prev_disp_ts;
	uint32_t num;
	int have_first;
	int matched;			/* the last packet passed the display filter */
	int want_cols;			/* something shows the Protocol/Info columns */
	int headers_only;		/* nothing wanted needs the payload dissectors */
	char line[4 * BATCH_VALUE_MAX];	/* -T fields output line */
};

/* Did the last packet given to batch_packet pass the display filter? */
int batch_matched(const struct batch *b)
{
	return b->matched;
}

void batch_set_time_digits(struct batch *b, int digits)
{
	b->time_digits = digits;
}

static void set_bit(uint8_t *bits, int id)
{
	bits[id >> 3] |= (uint8_t)(1u << (id & 7));
}

struct batch *batch_new(const struct options *o, FILE *out, char *errbuf, size_t n)
{
	struct batch *b = xcalloc(1, sizeof(*b));
	int need_tree = o->verbose || o->hex || o->out == OUT_FIELDS || o->display_filter;
	int need_text = o->verbose;
	size_t nbytes;

	reg_init();
	b->o = o;
	b->out = out;
	b->time_digits = 6;
	b->sess = session_new(0);
	nbytes = ((size_t)reg_count() + 7) / 8;
	if (o->out == OUT_FIELDS) {
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
		if (!o->verbose) {
			b->interest = xcalloc(nbytes, 1);
			for (int i = 0; i < b->nfields; i++)
				set_bit(b->interest, b->fields[i]->id);
		}
	}
	if (o->display_filter) {
		struct dfilter_error err;
		b->filter = dfilter_compile(o->display_filter, &err);
		if (!b->filter) {
			dfilter_error_format(o->display_filter, &err, errbuf, n);
			batch_free(b);
			return NULL;
		}
		if (b->interest || (!o->verbose && !o->hex)) {
			if (!b->interest)
				b->interest = xcalloc(nbytes, 1);
			dfilter_interest(b->filter, b->interest);
		}
	}
	if (o->nstats) {
		b->stats = stats_new(o, errbuf, n);
		if (!b->stats) {
			batch_free(b);
			return NULL;
		}
	}
	b->print_packets = !o->quiet && !(o->write_file && !o->print);
	/* Info costs formatting on every packet: only when summary lines or a -z kind
	 * show it (-T fields -e _ws.col.* turns it on in dissect_frame). */
	b->want_cols = (o->out == OUT_FIELDS ? o->verbose : b->print_packets) ||
	    stats_want_cols(b->stats);
	b->headers_only = b->interest && !need_text && !b->want_cols && !b->stats &&
	    !o->hex && !o->verbose && reg_headers_only(b->interest);
	if (need_tree) {
		b->tree = tree_new(need_text);
		if (b->interest && !o->hex && !o->verbose)
			tree_set_interest(b->tree, b->interest);
	}
	return b;
}

void batch_free(struct batch *b)
{
	if (!b)
		return;
	tree_free(b->tree);
	free(b->interest);
	free(b->fields);
	if (b->filter)
		dfilter_free(b->filter);
	stats_free(b->stats);
	session_free(b->sess);
	free(b);
}

/* One line per packet, built in a buffer and written once. */
static void print_fields(struct batch *b)
{
	const struct dtree *t = b->tree;
	char sep = b->o->separator, agg = b->o->occurrence_sep, q = b->o->quote;
	size_t at = 0;

	for (int i = 0; i < b->nfields; i++) {
		const struct field_def *f = b->fields[i];
		int k = 0;
		if (i)
			b->line[at++] = sep;
		if (q)
			b->line[at++] = q;
		for (uint32_t n = tree_find(t, f, 0); n; n = tree_find(t, f, n)) {
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

int batch_packet(struct batch *b, const struct pkt_rec *rec, const char *ifname)
{
	struct pinfo *pi = &b->pi;
	struct dctx d = { b->tree, pi, b->sess, NULL, 0, 0, b->headers_only };
	int64_t ts = pkt_rec_ns(rec);
	char line[PI_INFO_MAX + 256];

	b->matched = 0;
	if (!b->have_first) {
		b->first_ts = b->prev_ts = b->prev_disp_ts = ts;
		b->have_first = 1;
	}
	pi->num = ++b->num;
	pi->ts = ts;
	pi->rel_ts = ts - b->first_ts;
	pi->delta_ts = ts - b->prev_ts;
	b->prev_ts = ts;
	pi->caplen = rec->caplen;
	pi->len = rec->len;
	pi->linktype = rec->linktype;
	pi->ifid = rec->ifid;
	pi->ifname = ifname;
	pi->no_ts = (rec->flags & CAPFILE_REC_NO_TS) != 0;
	pi->visited = 0;
	pi->want_cols = b->want_cols;
	if (b->tree)
		tree_reset(b->tree);
	dissect_frame(&d, rec->data);
	if (b->filter && !dfilter_apply(b->filter, b->tree, pi))
		return 0;
	b->matched = 1;
	if (b->stats)
		stats_packet(b->stats, &d, rec);
	if (!b->print_packets)
		return ferror(b->out) ? -1 : 0;
	if (b->o->out == OUT_FIELDS)
		print_fields(b);
	else {
		if (!b->o->verbose || b->o->print) {
			struct columns cols;
			print_columns(pi, b->time_digits, &cols);
			size_t k = print_summary(line, sizeof(line) - 1, &cols);
			line[k++] = '\n';
			fwrite_unlocked(line, 1, k, b->out);
		}
		if (b->o->verbose) {
			print_tree(b->out, b->tree);
			if (!b->o->hex)
				fputc('\n', b->out);
		}
		if (b->o->hex) {
			print_hex(b->out, b->tree);
			fputc('\n', b->out);
		}
	}
	return ferror(b->out) ? -1 : 0;
}

int batch_end(struct batch *b)
{
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
	if (rec->linktype == CAPFILE_LINKTYPE_PCAPNG_BLOCK)
		return 0;
	if (rec->ifid < 256 && !declared[rec->ifid]) {
		const struct capfile_iface *ifc = capfile_iface(cf, rec->ifid);
		if (capw_add_iface(w, rec->ifid, rec->linktype, ifc ? ifc->snaplen : 262144,
		    ifc && ifc->name[0] ? ifc->name : NULL, errbuf) < 0)
			return -1;
		declared[rec->ifid] = 1;
	}
	return capw_write(w, rec, errbuf);
}

int batch_file_main(const struct options *o)
{
	char errbuf[1024];
	struct capfile *cf;
	struct capwriter *w = NULL;
	struct capfilter *bpf = NULL;
	uint8_t declared[256] = { 0 };
	struct pkt_rec rec;
	struct batch *b;
	long count = 0;
	int r, status = 0;

	cf = capfile_open(o->read_file, errbuf);
	if (!cf) {
		fprintf(stderr, "netlab-tui: %s\n", errbuf);
		return 2;
	}
	b = batch_new(o, stdout, errbuf, sizeof(errbuf));
	if (!b) {
		fprintf(stderr, "netlab-tui: %s\n", errbuf);
		capfile_close(cf);
		return o->display_filter ? 2 : 1;
	}
	if (capfile_format(cf) == CAPFILE_PCAP_NSEC)
		batch_set_time_digits(b, 9);
	batch_set_if_known(b, capfile_format(cf) == CAPFILE_PCAPNG);
	if (o->capture_filter) {
		bpf = capfilter_new(o->capture_filter, o->snaplen, capfile_linktype(cf), errbuf);
		if (!bpf) {
			fprintf(stderr, "netlab-tui: %s\n", errbuf);
			batch_free(b);
			capfile_close(cf);
			return 2;
		}
	}
	if (o->write_file) {
		w = capw_open(o->write_file, o->write_pcapng ? CAPW_PCAPNG : CAPW_PCAP,
		    capfile_format(cf) == CAPFILE_PCAP_NSEC, errbuf);
		if (!w) {
			fprintf(stderr, "netlab-tui: %s\n", errbuf);
			capfilter_free(bpf);
			batch_free(b);
			capfile_close(cf);
			return 2;
		}
	}
	while ((r = capfile_next(cf, &rec, errbuf)) == 1) {
		const struct capfile_iface *ifc = capfile_iface(cf, rec.ifid);
		if (bpf && !capfilter_match(bpf, &rec))
			continue;	/* -f: as if never captured (tshark -r -f drops it before -Y) */
		if (batch_packet(b, &rec, ifc && ifc->name[0] ? ifc->name : NULL) < 0)
			break;
		if (w && batch_matched(b) && write_packet(w, cf, &rec, declared, errbuf) < 0) {
			fprintf(stderr, "netlab-tui: %s\n", errbuf);
			status = 2;
			break;
		}
		if (o->count && ++count >= o->count)
			break;
	}
	if (r < 0) {
		fflush(stdout);
		fprintf(stderr, "netlab-tui: %s\n", errbuf);
		status = 2;
	}
	if (w && capw_close(w, errbuf) < 0) {
		fprintf(stderr, "netlab-tui: %s\n", errbuf);
		status = 2;
	}
	r = batch_end(b);
	capfilter_free(bpf);
	batch_free(b);
	capfile_close(cf);
	return status ? status : r;
}
