/* fastpath.h — the common packet in one step, for runs that want only header fields.
 *
 * For Ethernet → IPv4 → TCP packets of the plain kind, fastpath_dissect reads the
 * headers, runs the TCP analysis as dissect_tcp does and adds to the tree exactly the
 * nodes the dissectors would add for the wanted fields; any other packet is left to
 * dissect_frame.  Only for runs that need no payload dissector and no columns (the
 * caller checks reg_level and want_cols).  tests/batch_fastpath.sh compares the two
 * on every in-tree capture and, when ../shared is there, on its corpus/real.
 */
#ifndef NETLAB_FASTPATH_H
#define NETLAB_FASTPATH_H

#include <stdint.h>

#include "dissect/dissect.h"

struct fastpath;

/* For a tree with this interest set (NULL: no tree); NULL when a wanted field is not
 * one the fast path knows. */
struct fastpath *fastpath_new(const uint8_t *interest);
void fastpath_free(struct fastpath *fp);

/* 1: the packet was dissected (pinfo filled as dissect_frame would, without columns;
 * the wanted nodes in d->tree if any); 0: not a packet for the fast path, nothing done.
 * pinfo's num, ts, caplen, len, linktype and no_ts are the caller's, as for
 * dissect_frame. */
int fastpath_dissect(const struct fastpath *fp, struct dctx *d, const uint8_t *frame);

#endif
