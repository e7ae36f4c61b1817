/* stats_tree.h — a tree of counters laid out as tshark 4.0 prints its stats_tree
 * reports (-z plen,tree, http,tree …): one row per node, with Count,
 * Average/Min/Max (nodes that take values), Rate (ms), Percent of the parent and the
 * burst rate (most ticks in a 100 ms window, 5 ms buckets) with its start.
 *
 * The kind that owns the tree calls stree_packet once per packet its "tap" sees (the
 * clock of Rate and Burst), then ticks nodes.  Nodes are found by name under their
 * parent; a node is created on its first mention.  Children print most counted first,
 * ties by name in reverse byte order, as tshark's default sort; top-level nodes and
 * range nodes keep their creation order.  One owner, not thread-safe.
 */
#ifndef NETLAB_STATS_TREE_H
#define NETLAB_STATS_TREE_H

#include <stdint.h>
#include <stdio.h>

#include "capture/capfile.h"
#include "print/stats.h"

#define STREE_ROOT 0		/* the parent of top-level nodes */
#define STREE_MAX_NODES 1000000	/* past this, new names are not counted */

struct stree;

/* title: the report's heading without its colon ("Packet Lengths"). */
struct stree *stree_new(const char *title);
void stree_free(struct stree *t);
/* The tap saw a packet at rel_ns since the capture's first frame. */
void stree_packet(struct stree *t, int64_t rel_ns);
/* The node name under parent, created when new; -1 past STREE_MAX_NODES. */
int stree_node(struct stree *t, int parent, const char *name);
/* Counts one (tick_stat_node); returns the node, or -1. */
int stree_tick(struct stree *t, int parent, const char *name);
/* Counts one and adds value: the node shows Average, Min Val and Max Val (range
 * nodes always do); returns the node, or -1. */
int stree_value(struct stree *t, int parent, const char *name, double value);
/* Range children "lo-hi" under node (hi < 0: "lo and greater"), created in order. */
void stree_ranges(struct stree *t, int node, const int *lo, size_t n);
/* Counts value in node's range child that holds it (and nothing when none does). */
void stree_range_value(struct stree *t, int node, double value);
void stree_print(const struct stree *t, FILE *fp);

/* ---- -z kinds that print a tree: "NAME,tree[,FILTER]" ----
 *
 * A kind is a struct stree_desc (its data in struct stat_kind) and the generic
 * functions below; the filter, if any, picks which packets it sees. */
struct dctx;
struct field_def;
struct stat_kind;
#define STREE_MAX_FIELDS 8
struct stree_desc {
	const char *title;
	const char *const *fields;	/* tree fields packet reads, NULL-terminated; NULL: none */
	void (*init)(struct stree *t);	/* the nodes that show even when never ticked */
	/* a packet that passed the filter; f: the fields, in desc order.  It
	 * calls stree_packet for each time the packet reaches tshark's tap. */
	void (*packet)(struct stree *t, const struct dctx *d, const struct field_def *const *f);
};
void *stree_kind_create(const struct stat_kind *k, const char *arg, char *errbuf, size_t n);
void stree_kind_packet(void *st, const struct dctx *d, const struct pkt_rec *rec);
void stree_kind_print(void *st, FILE *fp);
void stree_kind_destroy(void *st);
enum stats_tree_need stree_kind_interest(void *st, uint8_t *bitset);
#define STREE_KIND(prefix, desc) { (prefix), stree_kind_create, stree_kind_packet, \
	stree_kind_print, stree_kind_destroy, 0, stree_kind_interest, &(desc) }

#endif
