/* eval.c — applies a compiled filter to one packet's tree.
 *
 * Value expressions push their values (one per field occurrence) on a stack kept in
 * the filter's scratch; relations compare the two ranges.  Values point into the
 * tree, the frame, the constants or a chunked arena (computed strings), never into
 * the stack, so the stack may grow.  Once warm nothing is allocated per packet.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/fvalue.h"
#include "filter/dfilter_int.h"

#define CHUNK 65536

struct chunk {
	struct chunk *next;
	size_t used, cap;
	uint8_t data[];
};

struct scratch {
	struct val *vs;
	size_t vn, vcap;
	struct chunk *chunks;	/* current first; reset keeps them all */
	struct chunk *cur;
};

struct scratch *dfl_scratch_new(void)
{
	struct scratch *s = xcalloc(1, sizeof(*s));

	s->vcap = 64;
	s->vs = xmalloc(s->vcap * sizeof(*s->vs));
	return s;
}

void dfl_scratch_free(struct scratch *s)
{
	if (!s)
		return;
	while (s->chunks) {
		struct chunk *n = s->chunks->next;
		free(s->chunks);
		s->chunks = n;
	}
	free(s->vs);
	free(s);
}

static void arena_reset(struct scratch *s)
{
	for (struct chunk *c = s->chunks; c; c = c->next)
		c->used = 0;
	s->cur = s->chunks;
}

static uint8_t *arena_alloc(struct scratch *s, size_t n)
{
	struct chunk *c = s->cur;

	while (c && c->cap - c->used < n)
		c = c->next;
	if (!c) {
		size_t cap = n > CHUNK ? n : CHUNK;
		c = xmalloc(sizeof(*c) + cap);
		c->cap = cap;
		c->used = 0;
		c->next = s->chunks;
		s->chunks = c;
	}
	s->cur = c;
	c->used += n;
	return c->data + c->used - n;
}

struct ev {
	const struct dtree *t;
	struct scratch *s;
};

static void push(struct ev *e, const struct val *v)
{
	struct scratch *s = e->s;

	if (s->vn == s->vcap)
		s->vs = xgrow(s->vs, &s->vcap, s->vn + 1, sizeof(*s->vs));
	s->vs[s->vn++] = *v;
}

static const uint8_t *node_range(const struct dtree *t, const struct fnode *n, uint32_t *cnt)
{
	const struct dsource *src;

	if (n->src >= t->nsrc) {
		*cnt = 0;
		return NULL;
	}
	src = &t->src[n->src];
	if (n->off > src->len) {
		*cnt = 0;
		return NULL;
	}
	*cnt = n->len <= src->len - n->off ? n->len : src->len - n->off;
	return src->data + n->off;
}

/* A protocol's bytes as contains/matches see them: from its start to the end of the
 * data it was given (Wireshark searches the protocol's whole tvb), here the end of
 * its data source. */
static void proto_tail(const struct dtree *t, const struct fnode *n, const uint8_t **p,
    uint32_t *cnt)
{
	const struct dsource *src;

	*p = NULL;
	*cnt = 0;
	if (n->src >= t->nsrc)
		return;
	src = &t->src[n->src];
	if (n->off > src->len)
		return;
	*p = src->data + n->off;
	*cnt = src->len - n->off;
}

static void node_val(const struct dtree *t, const struct fnode *n, enum vkind vk, struct val *v)
{
	memset(v, 0, sizeof(*v));
	v->kind = (uint8_t)vk;
	switch (vk) {
	case VK_UINT: v->u = fv_uint(n); break;
	case VK_INT: v->i = n->v.i; break;
	case VK_DOUBLE: v->d = n->v.d; break;
	case VK_ABSTIME: case VK_RELTIME: v->i = n->v.i; break;
	case VK_IPV4:
		v->addr = n->v.a;
		v->u = (uint32_t)n->v.a[0] << 24 | (uint32_t)n->v.a[1] << 16 |
		    (uint32_t)n->v.a[2] << 8 | n->v.a[3];
		v->prefix = 32;
		break;
	case VK_IPV6:
		v->addr = v->b.p = n->v.a;
		v->b.n = 16;
		v->prefix = 128;
		break;
	case VK_BYTES:
		if (n->f->type == FT_ETHER) {
			v->b.p = n->v.a;
			v->b.n = 6;
		} else if (n->f->type == FT_PROTOCOL || n->f->type == FT_NONE) {
			const uint8_t *q;
			v->b.p = node_range(t, n, &v->b.n);
			proto_tail(t, n, &q, &v->tailn);
		}
		else {
			v->b.p = n->v.s.p;
			v->b.n = n->v.s.n;
		}
		break;
	case VK_STRING:
		v->b.p = n->v.s.p;
		v->b.n = n->v.s.n;
		break;
	case VK_NONE:
		v->b.p = node_range(t, n, &v->b.n);
		break;
	}
}

/* The bytes of a value that has some (slices, len, contains). */
static void val_bytes(const struct val *v, const uint8_t **p, uint32_t *n)
{
	switch (v->kind) {
	case VK_IPV4: *p = v->addr; *n = v->addr ? 4 : 0; break;
	case VK_IPV6: *p = v->addr; *n = 16; break;
	case VK_BYTES: case VK_STRING: case VK_NONE: *p = v->b.p; *n = v->b.n; break;
	default: *p = NULL; *n = 0;
	}
}

/* Calls fn for each node of x's field in layer x->layer (0 = every layer). */
static uint32_t next_node(const struct dtree *t, const struct xnode *x, uint32_t after, int *layer)
{
	if (!x->layer)
		return tree_find(t, x->f, after);
	for (uint32_t i = after + 1; i < t->n; i++) {
		const struct field_def *f = t->nodes[i].f;
		if (f == x->proto)
			++*layer;
		if (f == x->f && *layer == x->layer)
			return i;
		if (*layer > x->layer)
			return 0;
	}
	return 0;
}

static size_t produce(struct ev *e, const struct xnode *x, size_t *count);

static void func_string(struct ev *e, const struct val *v, struct val *out)
{
	char buf[128];
	int k = 0;
	const uint8_t *p;
	uint32_t n;

	switch (v->kind) {
	case VK_UINT: k = snprintf(buf, sizeof(buf), "%" PRIu64, v->u); break;
	case VK_INT: k = snprintf(buf, sizeof(buf), "%" PRId64, v->i); break;
	case VK_DOUBLE: k = snprintf(buf, sizeof(buf), "%.15g", v->d); break;
	case VK_ABSTIME: case VK_RELTIME: {
		int64_t a = v->i < 0 ? -v->i : v->i;
		k = snprintf(buf, sizeof(buf), "%s%" PRId64 ".%09" PRId64, v->i < 0 ? "-" : "",
		    a / 1000000000, a % 1000000000);
		break;
	}
	case VK_IPV4: fv_ipv4(v->addr, buf, sizeof(buf)); k = (int)strlen(buf); break;
	case VK_IPV6: fv_ipv6(v->addr, buf, sizeof(buf)); k = (int)strlen(buf); break;
	case VK_STRING:
		*out = *v;
		return;
	default: {
		uint8_t *d;
		val_bytes(v, &p, &n);
		d = arena_alloc(e->s, n ? (size_t)n * 3 : 1);
		k = 0;
		for (uint32_t i = 0; i < n; i++) {
			static const char hx[] = "0123456789abcdef";
			if (i)
				d[k++] = ':';
			d[k++] = (uint8_t)hx[p[i] >> 4];
			d[k++] = (uint8_t)hx[p[i] & 15];
		}
		memset(out, 0, sizeof(*out));
		out->kind = VK_STRING;
		out->b.p = d;
		out->b.n = (uint32_t)k;
		return;
	}
	}
	if (k < 0)
		k = 0;
	memset(out, 0, sizeof(*out));
	out->kind = VK_STRING;
	out->b.p = arena_alloc(e->s, (size_t)k + 1);
	memcpy((uint8_t *)out->b.p, buf, (size_t)k);
	out->b.n = (uint32_t)k;
}

static int64_t as_i(const struct val *v)
{
	return v->kind == VK_UINT ? (int64_t)v->u : v->kind == VK_DOUBLE ? (int64_t)v->d : v->i;
}

static double as_d(const struct val *v)
{
	return v->kind == VK_UINT ? (double)v->u : v->kind == VK_DOUBLE ? v->d : (double)v->i;
}

static int num_cmp(const struct val *a, const struct val *b)
{
	if (a->kind == VK_DOUBLE || b->kind == VK_DOUBLE) {
		double x = as_d(a), y = as_d(b);
		return x < y ? -1 : x > y;
	}
	if (a->kind == VK_UINT && b->kind == VK_UINT)
		return a->u < b->u ? -1 : a->u > b->u;
	if (a->kind == VK_UINT) {
		if (b->i < 0)
			return 1;
		return a->u < (uint64_t)b->i ? -1 : a->u > (uint64_t)b->i;
	}
	if (b->kind == VK_UINT) {
		if (a->i < 0)
			return -1;
		return (uint64_t)a->i < b->u ? -1 : (uint64_t)a->i > b->u;
	}
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Three-way comparison; *eq_only set when only equality is meaningful. */
static int val_cmp(const struct val *a, const struct val *b)
{
	switch (a->kind) {
	case VK_UINT: case VK_INT: case VK_DOUBLE: case VK_ABSTIME: case VK_RELTIME:
		if (a->kind == VK_ABSTIME || a->kind == VK_RELTIME)
			return a->i < b->i ? -1 : a->i > b->i;
		return num_cmp(a, b);
	case VK_IPV4: {
		int pfx = a->prefix < b->prefix ? a->prefix : b->prefix;
		uint32_t m = pfx ? 0xffffffffu << (32 - pfx) : 0;
		uint32_t x = (uint32_t)a->u & m, y = (uint32_t)b->u & m;
		return x < y ? -1 : x > y;
	}
	case VK_IPV6: {
		int pfx = a->prefix < b->prefix ? a->prefix : b->prefix;
		int full = pfx / 8, rest = pfx % 8, c;
		c = memcmp(a->addr, b->addr, (size_t)full);
		if (c || !rest)
			return c;
		{
			uint8_t m = (uint8_t)(0xff << (8 - rest));
			uint8_t x = a->addr[full] & m, y = b->addr[full] & m;
			return x < y ? -1 : x > y;
		}
	}
	default: {
		const uint8_t *p, *q;
		uint32_t n, m;
		int c;
		val_bytes(a, &p, &n);
		val_bytes(b, &q, &m);
		if (a->kind == VK_STRING || b->kind == VK_STRING) {
			c = n && m ? memcmp(p, q, n < m ? n : m) : 0;	/* p or q NULL when empty */
			if (c)
				return c;
			return n < m ? -1 : n > m;
		}
		if (n != m)
			return n < m ? -1 : 1;
		return n ? memcmp(p, q, n) : 0;
	}
	}
}

static int val_true(const struct val *v)
{
	switch (v->kind) {
	case VK_UINT: return v->u != 0;
	case VK_INT: case VK_ABSTIME: case VK_RELTIME: return v->i != 0;
	case VK_DOUBLE: return v->d != 0;
	case VK_IPV4: return 1;
	default: return v->b.n != 0;
	}
}

static int contains(const struct val *a, const struct val *b)
{
	const uint8_t *p, *q;
	uint32_t n, m;

	val_bytes(a, &p, &n);
	val_bytes(b, &q, &m);
	if (a->tailn > n)
		n = a->tailn;
	if (m == 0)
		return 1;
	if (m > n)
		return 0;
	return memmem(p, n, q, m) != NULL;
}

/* Does a comparison op hold for an ordering c (<0, 0, >0)? */
static int cmp_holds(int op, int c)
{
	switch (op) {
	case OP_EQ: return c == 0;
	case OP_NE: return c != 0;
	case OP_GT: return c > 0;
	case OP_GE: return c >= 0;
	case OP_LT: return c < 0;
	case OP_LE: return c <= 0;
	}
	return 0;
}

static int rel(int op, const struct val *a, const struct val *b)
{
	if ((a->never | b->never) & 1)
		return 0;
	if (op == OP_CONTAINS)
		return contains(a, b);
	return cmp_holds(op, val_cmp(a, b));
}

static void arith(int op, enum vkind vk, const struct val *a, const struct val *b, struct ev *e)
{
	struct val r;

	memset(&r, 0, sizeof(r));
	r.kind = (uint8_t)vk;
	if (vk == VK_BYTES) {
		const uint8_t *p, *q;
		uint32_t n, m;
		uint8_t *d;
		val_bytes(a, &p, &n);
		val_bytes(b, &q, &m);
		if (m < n)
			n = m;
		d = arena_alloc(e->s, n ? n : 1);
		for (uint32_t i = 0; i < n; i++)
			d[i] = p[i] & q[i];
		r.b.p = d;
		r.b.n = n;
	} else if (vk == VK_DOUBLE) {
		double x = as_d(a), y = as_d(b);
		switch (op) {
		case '+': r.d = x + y; break;
		case '-': r.d = x - y; break;
		case '*': r.d = x * y; break;
		case '/': if (y == 0) return; r.d = x / y; break;
		default: return;
		}
	} else if (vk == VK_UINT) {
		uint64_t x = a->u, y = b->u;
		switch (op) {
		case '+': r.u = x + y; break;
		case '-': r.u = x - y; break;
		case '*': r.u = x * y; break;
		case '/': if (!y) return; r.u = x / y; break;
		case '%': if (!y) return; r.u = x % y; break;
		case '&': r.u = x & y; break;
		}
	} else {
		int64_t x = as_i(a), y = as_i(b);
		switch (op) {
		case '+': r.i = (int64_t)((uint64_t)x + (uint64_t)y); break;
		case '-': r.i = (int64_t)((uint64_t)x - (uint64_t)y); break;
		case '*': r.i = (int64_t)((uint64_t)x * (uint64_t)y); break;
		case '/': if (!y || (x == INT64_MIN && y == -1)) return; r.i = x / y; break;
		case '%': if (!y || (x == INT64_MIN && y == -1)) return; r.i = x % y; break;
		case '&': r.i = x & y; break;
		}
	}
	push(e, &r);
}

/* Moves the n values at the top of the stack down to `base`. */
static size_t settle(struct ev *e, size_t base, size_t from, size_t n)
{
	if (from != base && n)
		memmove(&e->s->vs[base], &e->s->vs[from], n * sizeof(struct val));
	e->s->vn = base + n;
	return base;
}

static size_t produce_func(struct ev *e, const struct xnode *x, size_t *count)
{
	size_t base = e->s->vn, na, ab, top;
	struct val v;

	*count = 0;
	if (x->sub == FN_COUNT) {
		uint64_t c = 0;
		int layer = 0;
		for (uint32_t i = next_node(e->t, x->args[0], 0, &layer); i;
		    i = next_node(e->t, x->args[0], i, &layer))
			c++;
		if (c) {
			memset(&v, 0, sizeof(v));
			v.kind = VK_UINT;
			v.u = c;
			push(e, &v);
			*count = 1;
		}
		return base;
	}
	if (x->sub == FN_MAX || x->sub == FN_MIN) {
		struct val best;
		int have = 0;
		for (int k = 0; k < x->nargs; k++) {
			ab = produce(e, x->args[k], &na);
			for (size_t i = 0; i < na; i++) {
				const struct val *c = &e->s->vs[ab + i];
				int r = have ? val_cmp(c, &best) : 0;	/* best is unset until have */
				if (!have || (x->sub == FN_MAX ? r > 0 : r < 0)) {
					best = *c;
					have = 1;
				}
			}
			e->s->vn = base;
		}
		if (have) {
			push(e, &best);
			*count = 1;
		}
		return base;
	}
	ab = produce(e, x->args[0], &na);
	top = e->s->vn;
	for (size_t i = 0; i < na; i++) {
		struct val a = e->s->vs[ab + i];
		const uint8_t *p;
		uint32_t n;
		memset(&v, 0, sizeof(v));
		switch (x->sub) {
		case FN_LEN:
			v.kind = VK_UINT;
			if (x->width && a.kind != VK_BYTES && a.kind != VK_STRING && a.kind != VK_NONE)
				v.u = (uint64_t)x->width;
			else {
				val_bytes(&a, &p, &n);
				v.u = n;
			}
			break;
		case FN_LOWER:
		case FN_UPPER: {
			uint8_t *d;
			val_bytes(&a, &p, &n);
			d = arena_alloc(e->s, n ? n : 1);
			for (uint32_t j = 0; j < n; j++) {
				uint8_t c = p[j];
				if (x->sub == FN_LOWER && c >= 'A' && c <= 'Z')
					c = (uint8_t)(c + 32);
				else if (x->sub == FN_UPPER && c >= 'a' && c <= 'z')
					c = (uint8_t)(c - 32);
				d[j] = c;
			}
			v.kind = VK_STRING;
			v.b.p = d;
			v.b.n = n;
			break;
		}
		case FN_STRING:
			func_string(e, &a, &v);
			break;
		case FN_ABS:
			v = a;
			if (a.kind == VK_DOUBLE)
				v.d = a.d < 0 ? -a.d : a.d;
			else if (a.kind != VK_UINT && a.i < 0)
				v.i = (int64_t)(0 - (uint64_t)a.i);
			break;
		}
		push(e, &v);
	}
	*count = e->s->vn - top;
	return settle(e, base, top, *count);
}

/* Range r of an n-byte value, clamped to it: [*st, *en). */
static void slice_bounds(const struct slice_range *r, uint32_t n, int64_t *st, int64_t *en)
{
	*st = r->start < 0 ? (int64_t)n + r->start : r->start;
	*en = r->len < 0 ? (int64_t)n : *st + r->len;
	if (*st < 0)
		*st = 0;
	if (*st > (int64_t)n)
		*st = n;
	if (*en > (int64_t)n)
		*en = n;
	if (*en < *st)
		*en = *st;
}

/* Slice x's ranges of p[0..n) as one value: a view for one range, a copy for several. */
static void slice_val(struct ev *e, const struct xnode *x, const uint8_t *p, uint32_t n,
    struct val *v)
{
	int64_t st, en;
	uint8_t *d = NULL;
	size_t total = 0;

	memset(v, 0, sizeof(*v));
	v->kind = VK_BYTES;
	if (x->nranges == 1) {
		slice_bounds(&x->ranges[0], n, &st, &en);
		v->b.p = p ? p + st : NULL;
		v->b.n = (uint32_t)(en - st);
		return;
	}
	for (int pass = 0; pass < 2; pass++) {
		size_t at = 0;
		for (int k = 0; k < x->nranges; k++) {
			slice_bounds(&x->ranges[k], n, &st, &en);
			if (pass && en > st)
				memcpy(d + at, p + st, (size_t)(en - st));
			at += (size_t)(en - st);
		}
		if (!pass) {
			total = at;
			d = arena_alloc(e->s, total ? total : 1);
		}
	}
	v->b.p = d;
	v->b.n = (uint32_t)total;
}

static size_t produce_slice(struct ev *e, const struct xnode *x, size_t *count, size_t base)
{
	size_t na, ab = produce(e, x->a, &na), top = e->s->vn;
	struct val v;

	for (size_t i = 0; i < na; i++) {
		const uint8_t *p;
		uint32_t n;
		val_bytes(&e->s->vs[ab + i], &p, &n);
		slice_val(e, x, p, n, &v);
		push(e, &v);
	}
	*count = e->s->vn - top;
	return settle(e, base, top, *count);
}

static size_t produce_arith(struct ev *e, const struct xnode *x, size_t *count, size_t base)
{
	size_t na, nb, ab = produce(e, x->a, &na), bb = produce(e, x->b, &nb), top = e->s->vn;

	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++) {
			struct val a = e->s->vs[ab + i], b = e->s->vs[bb + j];
			arith(x->sub, x->vk, &a, &b, e);
		}
	*count = e->s->vn - top;
	return settle(e, base, top, *count);
}

static size_t produce_neg(struct ev *e, const struct xnode *x, size_t *count)
{
	size_t na, ab = produce(e, x->a, &na);

	for (size_t i = 0; i < na; i++) {
		struct val *a = &e->s->vs[ab + i];
		if (a->kind == VK_DOUBLE)
			a->d = -a->d;
		else {
			a->i = (int64_t)(0 - (a->kind == VK_UINT ? a->u : (uint64_t)a->i));
			if (a->kind == VK_UINT)
				a->kind = VK_INT;
		}
	}
	*count = na;
	return ab;
}

static size_t produce(struct ev *e, const struct xnode *x, size_t *count)
{
	size_t base = e->s->vn;
	struct val v;

	*count = 0;
	switch (x->kind) {
	case X_FIELD: {
		int layer = 0;
		for (uint32_t i = next_node(e->t, x, 0, &layer); i; i = next_node(e->t, x, i, &layer)) {
			node_val(e->t, &e->t->nodes[i], x->vk, &v);
			push(e, &v);
		}
		break;
	}
	case X_CONST:
		push(e, &x->consts[0]);
		break;
	case X_REF:
		break;		/* no packet is selected in batch mode */
	case X_SLICE:
		return produce_slice(e, x, count, base);
	case X_ARITH:
		return produce_arith(e, x, count, base);
	case X_NEG:
		return produce_neg(e, x, count);
	case X_FUNC:
		return produce_func(e, x, count);
	default:
		break;
	}
	*count = e->s->vn - base;
	return base;
}

/* field OP constant, the commonest test: each occurrence against the constant as
 * produce/rel would do, without going through the value stack. */
static int cmp_field_const(struct ev *e, const struct xnode *x)
{
	const struct val *k = &x->b->consts[0];
	int layer = 0, seen = 0, r = x->all;
	struct val v;

	if (x->a->vk == VK_UINT && k->kind == VK_UINT && !(k->never & 1) && x->sub >= OP_EQ &&
	    x->sub <= OP_LE) {	/* integers: compared in place */
		for (uint32_t i = next_node(e->t, x->a, 0, &layer); i;
		    i = next_node(e->t, x->a, i, &layer)) {
			uint64_t u = fv_uint(&e->t->nodes[i]);
			int c = u < k->u ? -1 : u > k->u;
			seen = 1;
			if (cmp_holds(x->sub, c) != x->all)
				return !x->all;
		}
		return seen && r;
	}

	for (uint32_t i = next_node(e->t, x->a, 0, &layer); i;
	    i = next_node(e->t, x->a, i, &layer)) {
		node_val(e->t, &e->t->nodes[i], x->a->vk, &v);
		seen = 1;
		if (rel(x->sub, &v, k) != x->all)
			return !x->all;
	}
	return seen && r;
}

static int test(struct ev *e, const struct xnode *x)
{
	size_t save = e->s->vn, na, nb, ab, bb;
	int r = 0;

	switch (x->kind) {
	case X_OR: return test(e, x->a) || test(e, x->b);
	case X_AND: return test(e, x->a) && test(e, x->b);
	case X_NOT: return !test(e, x->a);
	case X_TRUE: return 1;
	case X_EXISTS: {
		int layer = 0;
		return next_node(e->t, x->a, 0, &layer) != 0;
	}
	case X_NONZERO:
		ab = produce(e, x->a, &na);
		for (size_t i = 0; i < na && !r; i++)
			r = val_true(&e->s->vs[ab + i]);
		break;
	case X_CMP:
		if (x->a->kind == X_FIELD && !x->a->layer && x->b->kind == X_CONST)
			return cmp_field_const(e, x);
		ab = produce(e, x->a, &na);
		if (!na)
			break;
		bb = produce(e, x->b, &nb);
		if (!nb)
			break;
		if (x->all) {
			r = 1;
			for (size_t i = 0; i < na && r; i++)
				for (size_t j = 0; j < nb && r; j++)
					r = rel(x->sub, &e->s->vs[ab + i], &e->s->vs[bb + j]);
		} else
			for (size_t i = 0; i < na && !r; i++)
				for (size_t j = 0; j < nb && !r; j++)
					r = rel(x->sub, &e->s->vs[ab + i], &e->s->vs[bb + j]);
		break;
	case X_IN:
		ab = produce(e, x->a, &na);
		for (size_t i = 0; i < na && !r; i++) {
			const struct val *v = &e->s->vs[ab + i];
			for (int k = 0; k < x->nconsts && !r; k++) {
				const struct val *lo = &x->consts[2 * k], *hi = lo + 1;
				if (lo->never & 2)
					r = rel(OP_GE, v, lo) && rel(OP_LE, v, hi);
				else
					r = rel(OP_EQ, v, lo);
			}
		}
		break;
	case X_MATCHES:
		ab = produce(e, x->a, &na);
		for (size_t i = 0; i < na && !r; i++) {
			const uint8_t *p;
			uint32_t n;
			val_bytes(&e->s->vs[ab + i], &p, &n);
			if (e->s->vs[ab + i].tailn > n)
				n = e->s->vs[ab + i].tailn;
			r = pcre2_match(x->re, p ? (PCRE2_SPTR)p : (PCRE2_SPTR)"", n, 0, 0, x->md, NULL) >= 0;
		}
		break;
	default:
		break;
	}
	e->s->vn = save;
	return r;
}

int dfl_eval(const struct dfilter *df, const struct dtree *t)
{
	struct ev e = { t, df->s };
	int r;

	if (!t)
		return df->root->kind == X_TRUE;
	df->s->vn = 0;
	r = test(&e, df->root);
	arena_reset(df->s);
	return r;
}
