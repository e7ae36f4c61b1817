/* stats.h — -z statistics (conv,tcp, follow,tcp,… ) as a table of kinds.
 *
 * A kind sees every packet read after dissection, displayed or not (tshark's taps
 * ignore -Y), and prints its report at the end (tshark prints -z reports after the
 * packets), the reports in the reverse order of the -z options, as tshark's (its
 * taps are listed newest first).  Add a kind: a row in stats.c's table and its file.
 */
#ifndef NETLAB_STATS_H
#define NETLAB_STATS_H

#include <stdint.h>
#include <stdio.h>

#include "capture/capfile.h"
#include "dissect/dissect.h"

enum stats_tree_need {
	STATS_TREE_NONE,	/* pinfo is enough */
	STATS_TREE_FIELDS,	/* the fields in its interest bits */
	STATS_TREE_ALL,		/* every node, nested as -V shows them (labels too) */
};

struct stat_kind {
	const char *prefix;	/* "conv,tcp": matches the -z argument or its start */
	/* arg is the whole -z argument; returns the kind's state or NULL with errbuf */
	void *(*create)(const struct stat_kind *k, const char *arg, char *errbuf, size_t n);
	void (*packet)(void *st, const struct dctx *d, const struct pkt_rec *rec);
	void (*print)(void *st, FILE *fp);
	void (*destroy)(void *st);
	int want_cols;		/* needs the Info column */
	/* Sets the bits (by field id) of the tree fields the kind reads (its filter's
	 * too) and says how much of a tree it reads; NULL: none. */
	enum stats_tree_need (*interest)(void *st, uint8_t *bitset);
	const void *data;	/* the kind's own description, for create */
};

struct dfilter;
/* The filter of a -z argument ("io,phs,FILTER"): NULL with errbuf when it does not
 * compile.  Caller frees (dfilter_free). */
struct dfilter *stats_filter(const char *text, char *errbuf, size_t n);
/* Does the packet pass a kind's filter f (NULL: none)?  A tree is there
 * whenever f is: the kind's interest said so (stats_filter_interest). */
int stats_filter_match(const struct dfilter *f, const struct dctx *d);
/* Adds f's fields to bitset; STATS_TREE_FIELDS when there is a filter. */
enum stats_tree_need stats_filter_interest(const struct dfilter *f, uint8_t *bitset);
/* Does the tap of proto (a frame.protocols name: "eth", "ip", "tcp" …) see the packet?
 * It is in the packet, not only inside what an ICMP error quotes, and (IPv6) not a
 * fragment left for a later frame. */
int stats_proto_tapped(const struct pinfo *pi, const char *proto);
/* The argument after prefix and its comma ("plen,tree,tcp" → "tcp"); "" when none,
 * NULL when arg is neither prefix nor prefix followed by a comma. */
const char *stats_arg_rest(const char *arg, const char *prefix);

struct stats;
struct batch_config;
/* The -z kinds o->stats names. */
struct stats *stats_new(const struct batch_config *o, char *errbuf, size_t n);
int stats_want_cols(const struct stats *s);
/* Sets the bits of the tree fields the kinds read; returns the most any needs. */
enum stats_tree_need stats_interest(const struct stats *s, uint8_t *bitset);
void stats_packet(struct stats *s, const struct dctx *d, const struct pkt_rec *rec);
void stats_print(struct stats *s, FILE *fp);
void stats_free(struct stats *s);

#endif
