/* tree.c — per-packet field tree in a reusable arena; see tree.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/fvalue.h"
#include "dissect/tree.h"

static void free_blobs(struct dtree *t);

struct dtree *tree_new(int want_text)
{
	struct dtree *t = xcalloc(1, sizeof(*t));

	t->want_text = want_text;
	t->cap = 256;
	t->nodes = xmalloc(t->cap * sizeof(*t->nodes));
	tree_reset(t);
	return t;
}

void tree_free(struct dtree *t)
{
	if (!t)
		return;
	free_blobs(t);
	free(t->nodes);
	free(t->text);
	free(t);
}

void tree_reset(struct dtree *t)
{
	/* Keep the newest blob block for the next packet: reassembly and decoded
	 * strings would otherwise cost a malloc and a free per packet. */
	if (t->blob) {
		uint8_t *prev;
		memcpy(&prev, t->blob, sizeof(prev));
		if (prev) {
			uint8_t *keep = t->blob;
			uint32_t cap = t->bcap;
			t->blob = prev;
			free_blobs(t);
			prev = NULL;
			memcpy(keep, &prev, sizeof(prev));	/* the kept block ends the chain */
			t->blob = keep;
			t->bcap = cap;
		}
	}
	memset(&t->nodes[0], 0, sizeof(t->nodes[0]));
	t->n = 1;
	t->tlen = 0;
	t->blen = 0;
	t->nsrc = 0;
	t->cursrc = 0;
}

void tree_set_interest(struct dtree *t, const uint8_t *bitset)
{
	t->interest = bitset;
}

/* Do bytes [p, p+n) lie in the tree's newest block (tree_alloc)? */
static int tree_owns(const struct dtree *t, const uint8_t *p, uint32_t n)
{
	const uint8_t *b = t->blob ? t->blob + sizeof(uint8_t *) : NULL;

	return b && p >= b && (size_t)(p - b) + n <= t->blen;
}

uint8_t *tree_alloc(struct dtree *t, uint32_t n)
{
	/* Bytes handed out never move: a full block is chained behind a new one (the
	 * first word of a block points at the previous block), and reset frees all but
	 * the newest. */
	uint8_t *b;

	if ((size_t)t->blen + n > t->bcap || !t->blob) {
		size_t cap = (size_t)(t->bcap ? t->bcap : 4096);
		uint8_t *nb;
		while (cap < (size_t)n + sizeof(uint8_t *))
			cap *= 2;
		nb = xmalloc(cap + sizeof(uint8_t *));
		memcpy(nb, &t->blob, sizeof(t->blob));	/* link to previous */
		t->blob = nb;
		t->bcap = (uint32_t)cap;
		t->blen = 0;
	}
	b = t->blob + sizeof(uint8_t *) + t->blen;
	t->blen += n;
	return b;
}

const uint8_t *tree_keep(struct dtree *t, const void *p, uint32_t n)
{
	uint8_t *b;

	if (!t)
		return p;
	b = tree_alloc(t, n);
	if (n)
		memcpy(b, p, n);
	return b;
}

static void free_blobs(struct dtree *t)
{
	while (t->blob) {
		uint8_t *prev;
		memcpy(&prev, t->blob, sizeof(prev));
		free(t->blob);
		t->blob = prev;
	}
	t->bcap = t->blen = 0;
}

uint32_t tree_clamp_bytes(const struct dtree *t, const uint8_t *p, uint32_t n)
{
	/* Compared as integers: p may belong to none of the sources (tree_keep, a
	 * dissector's own buffer), and then it is left alone. */
	uintptr_t a = (uintptr_t)p;

	for (int i = 0; i < t->nsrc; i++) {
		uintptr_t lo = (uintptr_t)t->src[i].data, hi = lo + t->src[i].len;
		if (a >= lo && a < hi)
			return a + n > hi ? (uint32_t)(hi - a) : n;
	}
	return n;
}

int tree_add_source(struct dtree *t, const char *name, const uint8_t *data, uint32_t len)
{
	if (!t || t->nsrc == TREE_MAX_SOURCES)
		return 0;
	t->src[t->nsrc].name = name;
	/* the frame outlives the tree; other sources are copied unless the tree owns them */
	t->src[t->nsrc].data = t->nsrc && !tree_owns(t, data, len) ? tree_keep(t, data, len) : data;
	t->src[t->nsrc].len = len;
	t->cursrc = t->nsrc;
	return t->nsrc++;
}

void tree_set_source(struct dtree *t, int src)
{
	if (t && src >= 0 && src < t->nsrc)
		t->cursrc = (uint8_t)src;
}

void tree_rollback(struct dtree *t, uint32_t mark, uint8_t nsrc)
{
	if (!t)
		return;
	/* Nodes are numbered in order of addition, so the removed ones are the tail of
	 * the array; only their older parents (the open path) point into it. */
	for (uint32_t i = mark; i < t->n; i++) {
		uint32_t p = t->nodes[i].parent, c;
		struct fnode *pn = &t->nodes[p];
		if (p >= mark || pn->last < mark)
			continue;
		if (pn->first >= mark) {
			pn->first = pn->last = 0;
			continue;
		}
		for (c = pn->first; t->nodes[c].next && t->nodes[c].next < mark; c = t->nodes[c].next)
			;
		t->nodes[c].next = 0;
		pn->last = c;
	}
	if (mark && mark < t->n)
		t->n = mark;
	if (nsrc < t->nsrc) {
		t->nsrc = nsrc;
		if (t->cursrc >= nsrc)
			t->cursrc = 0;
	}
}

uint32_t tree_add_node(struct dtree *t, uint32_t parent, const struct field_def *f, uint32_t id,
    uint32_t off, uint32_t len)
{
	struct fnode *n;
	uint32_t i;

	if (t->interest)
		parent = 0;
	if (t->n == t->cap) {
		size_t cap = t->cap;
		t->nodes = xgrow(t->nodes, &cap, t->n + 1, sizeof(*t->nodes));
		t->cap = (uint32_t)cap;
	}
	i = t->n++;
	n = &t->nodes[i];
	memset(n, 0, sizeof(*n));
	n->f = f;
	n->id = id;
	n->parent = parent;
	n->off = off;
	n->len = len;
	n->src = t->cursrc;
	n->depth = parent ? (uint8_t)(t->nodes[parent].depth + 1) : 0;
	if (t->nodes[parent].last)
		t->nodes[t->nodes[parent].last].next = i;
	else
		t->nodes[parent].first = i;
	t->nodes[parent].last = i;
	return i;
}

static void text_vset(struct dtree *t, uint32_t node, int append, const char *fmt, va_list ap)
{
	uint32_t old = append && t->nodes[node].text ? t->nodes[node].text - 1 : 0;
	size_t keep = append && t->nodes[node].text ? strlen(t->text + old) : 0;
	size_t cap = t->tcap;
	va_list ap2;
	int k;

	va_copy(ap2, ap);
	k = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (k < 0)
		return;
	t->text = xgrow(t->text, &cap, (size_t)t->tlen + keep + (size_t)k + 1, 1);
	t->tcap = (uint32_t)cap;
	if (keep)
		memcpy(t->text + t->tlen, t->text + old, keep);	/* old label lies before tlen */
	vsnprintf(t->text + t->tlen + keep, (size_t)k + 1, fmt, ap);
	/* Wireshark's 240-byte label buffer: a label set too long is cut and marked
	 * " [truncated]" in front; appended text is cut silently. */
	if (keep + (size_t)k >= FV_LABEL_BUF) {
		char *s = t->text + t->tlen;
		if (append)
			s[FV_LABEL_BUF - 1] = '\0';
		else
			fv_label_mark_truncated(s, 0);
		k = (int)(strlen(s) - keep);
	}
	t->nodes[node].text = t->tlen + 1;
	t->tlen += (uint32_t)(keep + (size_t)k + 1);
}

uint32_t tree_add_text(struct dtree *t, uint32_t parent, uint32_t off, uint32_t len,
    const char *fmt, ...)
{
	va_list ap;
	uint32_t i;

	if (!t || t->interest || !t->want_text)
		return 0;
	i = tree_add(t, parent, NULL, off, len);
	va_start(ap, fmt);
	text_vset(t, i, 0, fmt, ap);
	va_end(ap);
	return i;
}

void tree_label_fmt(struct dtree *t, uint32_t node, int append, const char *fmt, ...)
{
	va_list ap;

	if (!t || !node || !t->want_text)
		return;
	if (append && !t->nodes[node].text && t->nodes[node].f) {
		/* appending to a field's own label ("126 Extended Payload Length (16 bits)") */
		char def[FV_LABEL_BUF];
		fv_label(t, &t->nodes[node], def, sizeof(def));
		tree_label_fmt(t, node, 0, "%s", def);
	}
	va_start(ap, fmt);
	text_vset(t, node, append, fmt, ap);
	va_end(ap);
}

uint32_t tree_find(const struct dtree *t, const struct field_def *f, uint32_t after)
{
	for (uint32_t i = after + 1; i < t->n; i++)
		if (t->nodes[i].f == f)
			return i;
	return 0;
}
