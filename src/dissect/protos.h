/* protos.h — entry points and field tables of the protocol dissectors.
 *
 * Each protocol file (eth.c, ipv4.c, tcp.c …) exports one dissector_fn per entry
 * point and one field table; dissect.c's dispatch tables and registry_tables.c list
 * them.  Add a protocol: its file, a line here, a row in a dispatch table, a row in
 * registry_tables.c.
 */
#ifndef NETLAB_PROTOS_H
#define NETLAB_PROTOS_H

#include "dissect/dissect.h"

/* link layers */
void dissect_eth(struct dctx *d, struct cur *c, uint32_t parent);
/* network layers */
void dissect_ipv4(struct dctx *d, struct cur *c, uint32_t parent);

/* field tables (registry_tables.c) */
extern const struct field_table frame_table, data_table, malformed_table;
extern const struct field_table eth_table, ipv4_table;
extern const struct val_str etype_vals[], ipproto_vals[];

#endif
