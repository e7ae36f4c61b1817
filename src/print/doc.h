/* doc.h — inside the structured printers (-T json, ek, pdml, psml): the output buffer
 * and the record writers doc.c dispatches to.  Not part of the print API (print.h).
 *
 * A record is built in memory and written with one fwrite: formatting is a hot path,
 * so no printf per line.
 */
#ifndef NETLAB_PRINT_DOC_H
#define NETLAB_PRINT_DOC_H

#include <stdint.h>
#include <string.h>

#include "core/xmalloc.h"
#include "print/print.h"

#define DOC_VALUE_MAX 65536	/* longest value but strings and bytes (as -T fields) */

struct obuf {
	char *p;
	size_t n, cap;
};

static inline void ob_reserve(struct obuf *b, size_t k)
{
	if (b->n + k > b->cap)
		b->p = xgrow(b->p, &b->cap, b->n + k, 1);
}

static inline void ob_putn(struct obuf *b, const char *s, size_t k)
{
	if (!k)
		return;
	ob_reserve(b, k);
	memcpy(b->p + b->n, s, k);
	b->n += k;
}

static inline void ob_puts(struct obuf *b, const char *s)
{
	ob_putn(b, s, strlen(s));
}

static inline void ob_putc(struct obuf *b, char c)
{
	ob_reserve(b, 1);
	b->p[b->n++] = c;
}

static inline void ob_indent(struct obuf *b, int n)
{
	ob_reserve(b, (size_t)n);
	memset(b->p + b->n, ' ', (size_t)n);
	b->n += (size_t)n;
}

/* Copies the longest valid UTF-8 sequence at s (k > 0 bytes) as it is, or U+FFFD for a
 * byte that starts none (tshark's strings are UTF-8); returns the bytes consumed.
 * Callers pass ASCII themselves. */
size_t ob_utf8(struct obuf *b, const uint8_t *s, size_t k);

/* What a record writer gets: one packet, and a scratch buffer for values. */
struct doc_pkt {
	const struct dtree *t;		/* with labels; NULL for psml */
	const struct pinfo *pi;
	const struct fieldsel *sel;	/* -e: only these fields; NULL: the whole tree */
	const struct batch_config *o;	/* -x, -j/-J */
	struct obuf *scratch;
};

/* -j/-J: may the node with this key (top: a top-level protocol's) show its children?
 * Not when -j does not list it, or -J the top-level protocol it is. */
int doc_expands(const struct doc_pkt *p, const char *key, int top);

/* The value of a node as tshark's JSON and PDML show it (its display representation):
 * -T fields' form, but bytes separated by sep (0: none) and a string's own bytes up to
 * a NUL, unescaped, a protocol without children its label.  Returns 0 when the node
 * has no value (text, FT_NONE, protocols with children), else 1
 * with the value in *v, *vn (in scratch or the tree; valid until the next call). */
int doc_value(struct obuf *scratch, const struct dtree *t, const struct fnode *n, char sep,
    const uint8_t **v, size_t *vn);

/* k bytes in hex, sep between them unless 0, in scratch (*len characters); valid until
 * scratch's next use. */
const char *doc_hex(struct obuf *scratch, const uint8_t *p, uint32_t k, char sep, size_t *len);

/* Is the node's value a string from the wire, which tshark decodes as ASCII (each
 * byte above 0x7f a U+FFFD), not one the dissector made (TN_CLEAN, UTF-8)? */
int doc_ascii(const struct fnode *n);

/* Is the node in tshark's documents?  Not netlab's own subtree (the TCP endpoint
 * states), which tshark does not have. */
int doc_shown(const struct fnode *n);

void json_packet(struct obuf *b, const struct doc_pkt *p);
void ek_packet(struct obuf *b, const struct doc_pkt *p);
void pdml_head(struct obuf *b, const char *capture_file);
void pdml_packet(struct obuf *b, const struct doc_pkt *p);
void psml_head(struct obuf *b, const char *capture_file);
void psml_packet(struct obuf *b, const struct doc_pkt *p);

#endif
