/* tree.h — the typed field tree of one packet.
 *
 * Dissectors add nodes (a registry field, a byte range and a typed value); renderers
 * (-V, -T fields, the TUI detail pane, the filter) read them.  A tree is an arena that
 * is reset and reused for the next packet: no allocation per packet once warm.
 *
 * Cheap modes: a NULL tree makes every call a no-op (first pass, summary lines); a
 * tree without text skips every label format (fields, filters); an interest set keeps
 * only the listed fields, attached flat to the root.  Node 0 is the root: adding to
 * parent 0 adds at top level, and a call that created nothing returns 0, so children
 * of a skipped node land at top level and label calls on 0 do nothing.
 */
#ifndef NETLAB_TREE_H
#define NETLAB_TREE_H

#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include "registry.h"

enum {
	TN_GENERATED = 1 << 0,	/* computed, not on the wire: shown in [brackets] */
	TN_HIDDEN = 1 << 1,	/* filterable but not shown */
	TN_TRUNCATED = 1 << 2,	/* ran out of captured bytes */
	TN_MALFORMED = 1 << 3,	/* impossible value */
	TN_EXPANDED = 1 << 4,	/* renderer hint: expanded by default */
	TN_WARN = 1 << 5,	/* expert info: warning (retransmission…) */
	TN_NOTE = 1 << 6,	/* expert info: note/chat */
	TN_CLEAN = 1 << 7,	/* a string the dissector made (not wire bytes): printable
				 * UTF-8 that needs no escaping */
};

union fval {
	uint64_t u;
	int64_t i;
	double d;
	uint8_t a[16];
	struct {
		const uint8_t *p;
		uint32_t n;
	} s;
};

struct fnode {
	const struct field_def *f;	/* NULL for a text-only node */
	uint32_t parent, first, last, next;	/* node indices, 0 = none */
	uint32_t off, len;		/* byte range in data source `src` */
	uint32_t text;			/* label offset in the text arena + 1, 0 = default label */
	uint16_t flags;
	uint8_t src;			/* data source index: 0 = the frame */
	uint8_t depth;
	union fval v;
	uint32_t id;			/* reg_id(f), found once when the node is added; 0 for text */
};

struct dsource {
	const char *name;		/* "Frame (74 bytes)", "Reassembled TCP (1162 bytes)" */
	const uint8_t *data;
	uint32_t len;
};

#define TREE_MAX_SOURCES 8

struct dtree {
	struct fnode *nodes;
	uint32_t n, cap;
	char *text;			/* label arena */
	uint32_t tlen, tcap;
	uint8_t *blob;			/* copied bytes (reassembled data, decoded strings) */
	uint32_t blen, bcap;
	struct dsource src[TREE_MAX_SOURCES];
	uint8_t nsrc, cursrc;
	int want_text;
	const uint8_t *interest;	/* bitset by field id, NULL = everything */
};

struct dtree *tree_new(int want_text);
void tree_free(struct dtree *t);
/* Empties the tree for the next packet, keeping its memory and its mode. */
void tree_reset(struct dtree *t);
void tree_set_interest(struct dtree *t, const uint8_t *bitset);

static inline int tree_text(const struct dtree *t) { return t && t->want_text; }
/* f's registry id (0 for a text node) when the tree wants it, -1 when not. */
static inline int tree_wanted_id(const struct dtree *t, const struct field_def *f)
{
	if (!t)
		return -1;
	int id = f ? reg_id(f) : 0;
	if (t->interest && (!f || !(t->interest[id >> 3] >> (id & 7) & 1)))
		return -1;
	return id;
}

static inline int tree_wants(const struct dtree *t, const struct field_def *f)
{
	if (!t || !t->interest)
		return t != NULL;
	return tree_wanted_id(t, f) >= 0;
}

/* Does the tree want any of the fields lo..hi (registry ids, inclusive)?  For a
 * dissector to skip a block of tree work (whole options lists, address details) at
 * the cost of one test per eight fields. */
static inline int tree_wants_range(const struct dtree *t, const struct field_def *lo,
    const struct field_def *hi)
{
	if (!t)
		return 0;
	if (!t->interest)
		return 1;
	int last = reg_id(hi);
	for (int i = reg_id(lo); i <= last;) {
		if (!(i & 7) && i + 7 <= last) {
			if (t->interest[i >> 3])
				return 1;
			i += 8;
		} else if (t->interest[i >> 3] >> (i & 7) & 1)
			return 1;
		else
			i++;
	}
	return 0;
}

/* Adds a data source (the bytes are copied into the tree) and makes it current. */
int tree_add_source(struct dtree *t, const char *name, const uint8_t *data, uint32_t len);
void tree_set_source(struct dtree *t, int src);
/* Undoes an attempt that came to nothing: removes the nodes added since t->n was
 * `mark` and the data sources added since t->nsrc was `nsrc` (the current source
 * falls back to the frame if it was one of them).  Labels and kept bytes stay in
 * their arenas until the reset; label changes to older nodes stay. */
void tree_rollback(struct dtree *t, uint32_t mark, uint8_t nsrc);
/* Copies bytes into the tree so a value can point at them for the tree's life. */
const uint8_t *tree_keep(struct dtree *t, const void *p, uint32_t n);
/* n bytes of the tree's own for the caller to fill (t not NULL); tree_add_source
 * takes them without a copy. */
uint8_t *tree_alloc(struct dtree *t, uint32_t n);

/* Creates a node for f, whose id tree_wanted_id gave; use the inline wrappers below. */
uint32_t tree_add_node(struct dtree *t, uint32_t parent, const struct field_def *f, uint32_t id,
    uint32_t off, uint32_t len);

/* The wrappers are inline so that a field the tree does not want (no tree, or not in
 * the interest set) costs one test on the dissectors' hot path. */
static inline uint32_t tree_add(struct dtree *t, uint32_t parent, const struct field_def *f,
    uint32_t off, uint32_t len)
{
	int id = tree_wanted_id(t, f);

	return id >= 0 ? tree_add_node(t, parent, f, (uint32_t)id, off, len) : 0;
}

/* A node's value, set after it was added (node 0, a field not wanted: nothing);
 * returns the node. */
static inline uint32_t tree_set_uint(struct dtree *t, uint32_t i, uint64_t v)
{
	if (i && t)
		t->nodes[i].v.u = v;
	return i;
}

/* IPv4/IPv6/Ether: `a` holds 4/16/6 bytes. */
static inline uint32_t tree_set_addr(struct dtree *t, uint32_t i, const uint8_t *a)
{
	if (i && t) {
		enum ftype ty = t->nodes[i].f->type;
		memcpy(t->nodes[i].v.a, a, ty == FT_IPv4 ? 4 : ty == FT_ETHER ? 6 : 16);
	}
	return i;
}

static inline uint32_t tree_add_uint(struct dtree *t, uint32_t parent, const struct field_def *f,
    uint32_t off, uint32_t len, uint64_t v)
{
	return tree_set_uint(t, tree_add(t, parent, f, off, len), v);
}

static inline uint32_t tree_add_int(struct dtree *t, uint32_t parent, const struct field_def *f,
    uint32_t off, uint32_t len, int64_t v)
{
	uint32_t i = tree_add(t, parent, f, off, len);

	if (i && t)
		t->nodes[i].v.i = v;
	return i;
}

static inline uint32_t tree_add_double(struct dtree *t, uint32_t parent, const struct field_def *f,
    uint32_t off, uint32_t len, double v)
{
	uint32_t i = tree_add(t, parent, f, off, len);

	if (i && t)
		t->nodes[i].v.d = v;
	return i;
}

static inline uint32_t tree_add_addr(struct dtree *t, uint32_t parent, const struct field_def *f,
    uint32_t off, uint32_t len, const uint8_t *a)
{
	return tree_set_addr(t, tree_add(t, parent, f, off, len), a);
}

/* n, or fewer when p lies inside a data source and p + n runs past its end. */
uint32_t tree_clamp_bytes(const struct dtree *t, const uint8_t *p, uint32_t n);

/* Bytes or string: p must outlive the tree (the frame, a source, or tree_keep()).
 * A value starting inside a data source is cut at the source's end. */
static inline uint32_t tree_add_bytes(struct dtree *t, uint32_t parent, const struct field_def *f,
    uint32_t off, uint32_t len, const uint8_t *p, uint32_t n)
{
	uint32_t i = tree_add(t, parent, f, off, len);

	if (i && t) {
		t->nodes[i].v.s.p = p;
		t->nodes[i].v.s.n = tree_clamp_bytes(t, p, n);
	}
	return i;
}

static inline uint32_t tree_add_time(struct dtree *t, uint32_t parent, const struct field_def *f,
    uint32_t off, uint32_t len, int64_t ns)
{
	return tree_add_int(t, parent, f, off, len, ns);
}

/* A text-only node; the label is formatted only when the tree wants text. */
uint32_t tree_add_text(struct dtree *t, uint32_t parent, uint32_t off, uint32_t len,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Replaces / appends to a node's label (no-op without text or on node 0).  Macros, so
 * that a tree without text skips the call and the arguments' evaluation: the label
 * arguments must have no side effects (t and node are evaluated once). */
void tree_label_fmt(struct dtree *t, uint32_t node, int append, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#define tree_label(t, node, ...) tree_label_if_((t), (node), 0, __VA_ARGS__)
#define tree_label_append(t, node, ...) tree_label_if_((t), (node), 1, __VA_ARGS__)
#define tree_label_if_(t, node, append, ...) do {				\
		struct dtree *tl_t_ = (t);					\
		uint32_t tl_n_ = (node);					\
		if (tl_n_ && tree_text(tl_t_))					\
			tree_label_fmt(tl_t_, tl_n_, (append), __VA_ARGS__);	\
	} while (0)

static inline void tree_flag(struct dtree *t, uint32_t node, unsigned flags)
{
	if (t && node)
		t->nodes[node].flags |= (uint16_t)flags;
}

/* Where a node starts (0 for the root or no tree): the place of an item without bytes
 * that is about it (an expert item, a computed field), as tshark puts them. */
static inline uint32_t tree_off(const struct dtree *t, uint32_t node)
{
	return t && node ? t->nodes[node].off : 0;
}

static inline void tree_set_len(struct dtree *t, uint32_t node, uint32_t len)
{
	if (t && node)
		t->nodes[node].len = len;
}

static inline const struct fnode *tree_node(const struct dtree *t, uint32_t i) { return &t->nodes[i]; }
static inline const char *tree_node_text(const struct dtree *t, const struct fnode *n)
{
	return n->text ? t->text + n->text - 1 : NULL;
}

/* Next node after `after` (0 = from the start) in depth-first order whose field is f;
 * 0 when there is none.  Depth-first order is the order of addition. */
uint32_t tree_find(const struct dtree *t, const struct field_def *f, uint32_t after);

#endif
