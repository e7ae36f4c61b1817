/* fvalue.h — a node's value as text: tshark's -T fields form, and the tree label.
 *
 * Both write at most n-1 bytes plus NUL and return the length written.  Strings from
 * the wire are escaped (core/strvis.h).  This is the field's representation, shared
 * by every renderer; renderers add indentation, colour and brackets only.
 */
#ifndef NETLAB_FVALUE_H
#define NETLAB_FVALUE_H

#include <stddef.h>
#include "dissect/tree.h"

/* The value as -T fields prints it ("0x0012", "1", "127.0.0.1", "0.000056000"). */
size_t fv_fields(const struct dtree *t, const struct fnode *n, char *buf, size_t len);
/* The whole label as -V prints it ("0000 00.. = Differentiated Services Codepoint:
 * Default (0)", "Source Port: 80"), brackets included for generated nodes. */
size_t fv_label(const struct dtree *t, const struct fnode *n, char *buf, size_t len);
/* The value part of a label: "Default (0)", "Set", "IPv4 (0x0800)". */
size_t fv_display(const struct dtree *t, const struct fnode *n, char *buf, size_t len);
/* "..1. ...." for a masked field. */
size_t fv_bits(const struct field_def *f, uint64_t raw, char *buf, size_t len);
/* The effective number: masked and shifted down; 0/1 for booleans.  Masked nodes
 * store the whole parent word in v.u (that is what the bit pattern shows). */
uint64_t fv_uint(const struct fnode *n);
/* Width in bits of an integer type (8 for FT_UINT8 …), 0 for others. */
int fv_type_bits(enum ftype t);

void fv_ipv4(const uint8_t *a, char *buf, size_t len);
void fv_ipv6(const uint8_t *a, char *buf, size_t len);
void fv_ether(const uint8_t *a, char *buf, size_t len);
/* The captured bytes of the node's range in its data source (*cnt of them; NULL, 0
 * when the range lies outside it). */
const uint8_t *fv_node_bytes(const struct dtree *t, const struct fnode *n, uint32_t *cnt);
/* Bytes in lower-case hex, sep between them unless 0 ("02:04:ff"). */
size_t fv_hex(const uint8_t *p, uint32_t n, char *buf, size_t len, char sep);
/* Bytes as Wireshark's labels show them: hex without separators, at most 36 bytes, then
 * an ellipsis. */
size_t fv_bytes_label(const uint8_t *p, uint32_t n, char *buf, size_t len);
/* A span of time as Wireshark words it: "1 day, 3 hours, 20 minutes, 5 seconds";
 * with msecs >= 0 the seconds carry them ("51.171 seconds"); 0 is "0 seconds". */
void fv_time_span(uint32_t secs, int msecs, char *buf, size_t len);
#define FV_LABEL_BUF 240	/* Wireshark's label buffer (ITEM_LABEL_LENGTH) */
/* Wireshark's mark on a label that filled its 240-byte buffer: " [truncated]" inserted
 * at name_end (0 for a text item), the rest cut to at most 238 bytes on a UTF-8
 * character boundary.  lab holds at least 240 bytes. */
void fv_label_mark_truncated(char *lab, size_t name_end);

#endif
