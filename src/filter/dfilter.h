/* dfilter.h — Wireshark display filters: compile once, apply per packet.
 *
 * dfilter_compile() checks the text against the field registry and returns a
 * compiled filter, or NULL with a message that names the problem, its column and a
 * caret line under the offending text (the TUI shows the same message live).
 * dfilter_interest() marks the fields the filter reads, so the caller builds a tree
 * holding only those (tree_set_interest).
 */
#ifndef NETLAB_DFILTER_H
#define NETLAB_DFILTER_H

#include <stddef.h>
#include <stdint.h>

#include "dissect/dissect.h"

struct dfilter;

struct dfilter_error {
	char msg[256];		/* "\"tcp.prot\" is neither a field nor a protocol name. Did you mean tcp.port?" */
	int col;		/* 0-based column of the offending text; the text's length
				 * when it ends too early */
	int len;		/* its length (≥ 1) */
};

struct dfilter *dfilter_compile(const char *text, struct dfilter_error *err);
void dfilter_free(struct dfilter *f);
/* Sets the bits (by field id) of every field the filter reads; bitset has
 * (reg_count() + 7) / 8 bytes. */
void dfilter_interest(const struct dfilter *f, uint8_t *bitset);
/* Does the packet match?  The tree holds at least the interest fields. */
int dfilter_apply(const struct dfilter *f, const struct dtree *t, const struct pinfo *pi);
/* The compiled filter as canonical text (tests: "a eq 1" and "a == 1" dump alike).
 * Returns the length it needed. */
size_t dfilter_dump(const struct dfilter *f, char *buf, size_t n);
/* Multi-line message for a terminal: the message, the text, a caret line (for a
 * filter that ends too early, err->col is the text's length: the caret stands after
 * its last character). */
void dfilter_error_format(const char *text, const struct dfilter_error *err, char *buf, size_t n);

#endif
