/* stats_tree.c — counters by name in a tree, printed as tshark's stats_tree; see
 * stats_tree.h.
 *
 * Layout (learnt from tshark 4.0's output): a rule of '=' as wide as a row, the title
 * and a colon, the header, a rule of '-', the rows, a blank line and the '-' rule.
 * The name column is the longest indented name plus 2 wide; then eight columns of 13
 * characters, a blank between them.  Empty cells: blank (a column the node has not),
 * "-" (a value column or burst with nothing counted yet).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/registry.h"
#include "filter/dfilter.h"
#include "print/stats.h"
#include "print/stats_tree.h"

#define BURST_WINDOW_MS 100.0	/* tshark's statistics.st_burst_windowlen */
#define BURST_RES_MS 5.0	/* … and st_burst_resolution */
#define BURST_SLOTS 32		/* a window holds at most 21 buckets */

struct snode {
	char *name;
	int parent, first, last, next;	/* node indices; 0 = none (0 is the root) */
	int has_ranges;			/* children are value ranges, in fixed order */
	int depth;			/* 0 for top-level nodes */
	double lo, hi;			/* a range child's bounds (hi < 0: no upper bound) */
	int is_range;
	int has_value;			/* a value was added: the value columns show */
	uint64_t counter;
	double total, min, max;
	/* burst: the buckets of the last window, oldest first (a ring) */
	int64_t bucket[BURST_SLOTS];
	double btime[BURST_SLOTS];	/* its first tick (ms) */
	uint64_t bcnt[BURST_SLOTS];
	int bhead, blen;
	uint64_t bsum, max_burst;
	double burst_time;		/* ms */
};

struct stree {
	char *title;
	struct snode *n;
	size_t nn, cap;
	int *hash;			/* node index + 1 by (parent, name) */
	size_t hcap;
	double now, start, elapsed;	/* ms */
	int started;
};

static uint64_t hash_key(int parent, const char *name)
{
	uint64_t h = 1469598103934665603u ^ (uint64_t)(unsigned)parent;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return h;
}

static int *hash_slot(const struct stree *t, int parent, const char *name)
{
	size_t i = (size_t)hash_key(parent, name) & (t->hcap - 1);

	for (;; i = (i + 1) & (t->hcap - 1)) {
		int k = t->hash[i];
		if (!k || (t->n[k - 1].parent == parent && strcmp(t->n[k - 1].name, name) == 0))
			return &t->hash[i];
	}
}

static void hash_grow(struct stree *t)
{
	free(t->hash);
	t->hcap = t->hcap ? 2 * t->hcap : 64;
	t->hash = xcalloc(t->hcap, sizeof(*t->hash));
	for (size_t k = 1; k < t->nn; k++)
		*hash_slot(t, t->n[k].parent, t->n[k].name) = (int)k + 1;
}

struct stree *stree_new(const char *title)
{
	struct stree *t = xcalloc(1, sizeof(*t));

	t->title = xstrdup(title);
	t->n = xcalloc(1, sizeof(*t->n));	/* the root */
	t->nn = t->cap = 1;
	hash_grow(t);
	return t;
}

void stree_free(struct stree *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nn; i++)
		free(t->n[i].name);
	free(t->n);
	free(t->hash);
	free(t->title);
	free(t);
}

void stree_packet(struct stree *t, int64_t rel_ns)
{
	/* as Wireshark's nstime_to_msec */
	t->now = (double)(rel_ns / 1000000000) * 1000 + (double)(rel_ns % 1000000000) / 1000000;
	if (!t->started) {
		t->start = t->now;
		t->started = 1;
	}
	t->elapsed = t->now - t->start;
}

int stree_node(struct stree *t, int parent, const char *name)
{
	int *slot, k;
	struct snode *s;

	if (parent < 0)
		return -1;
	slot = hash_slot(t, parent, name);
	if (*slot)
		return *slot - 1;
	if (t->nn >= STREE_MAX_NODES)
		return -1;
	t->n = xgrow(t->n, &t->cap, t->nn + 1, sizeof(*t->n));
	k = (int)t->nn++;
	s = &t->n[k];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	s->parent = parent;
	s->depth = parent ? t->n[parent].depth + 1 : 0;
	s->blen = 1;		/* Wireshark starts each node with an empty bucket 0 */
	if (t->n[parent].last)
		t->n[t->n[parent].last].next = k;
	else
		t->n[parent].first = k;
	t->n[parent].last = k;
	if (2 * t->nn > t->hcap)
		hash_grow(t);
	else
		*slot = k + 1;
	return k;
}

/* The ticks of the last BURST_WINDOW_MS, counted in BURST_RES_MS buckets (numbered
 * by truncating the time: ticks just before the first frame share bucket 0); a new
 * record keeps the earliest tick of the window's oldest bucket (time 0 for the empty
 * bucket 0 every node starts with).  A tick older than the oldest bucket (time going
 * backwards in the file) counts for no burst. */
static void burst(struct stree *t, struct snode *s)
{
	int64_t cur = (int64_t)(t->now / BURST_RES_MS);
	int tail = (s->bhead + s->blen - 1) % BURST_SLOTS;

	if (cur > s->bucket[tail]) {
		tail = (tail + 1) % BURST_SLOTS;
		s->bucket[tail] = cur;
		s->bcnt[tail] = 1;
		s->btime[tail] = t->now;
		s->blen++;
		s->bsum++;
		while ((double)cur >= (double)s->bucket[s->bhead] + BURST_WINDOW_MS / BURST_RES_MS) {
			s->bsum -= s->bcnt[s->bhead];
			s->bhead = (s->bhead + 1) % BURST_SLOTS;
			s->blen--;
		}
	} else if (cur >= s->bucket[s->bhead]) {
		int i = tail;
		while (s->bucket[i] > cur)
			i = (i + BURST_SLOTS - 1) % BURST_SLOTS;
		s->bcnt[i]++;
		if (t->now < s->btime[i])
			s->btime[i] = t->now;
		s->bsum++;
	}
	if (s->bsum > s->max_burst) {
		s->max_burst = s->bsum;
		s->burst_time = s->btime[s->bhead];
	}
}

static void count(struct stree *t, int k, int with_value, double v)
{
	struct snode *s = &t->n[k];

	if (with_value) {
		s->has_value = 1;
		if (!s->counter || v < s->min)
			s->min = v;
		if (!s->counter || v > s->max)
			s->max = v;
		s->total += v;
	}
	s->counter++;
	burst(t, s);
}

int stree_tick(struct stree *t, int parent, const char *name)
{
	int k = stree_node(t, parent, name);

	if (k > 0)
		count(t, k, 0, 0);
	return k;
}

int stree_value(struct stree *t, int parent, const char *name, double value)
{
	int k = stree_node(t, parent, name);

	if (k > 0)
		count(t, k, 1, value);
	return k;
}

void stree_ranges(struct stree *t, int node, const int *lo, size_t n)
{
	char name[48];

	if (node <= 0)
		return;
	t->n[node].has_ranges = 1;
	for (size_t i = 0; i < n; i++) {
		int k;
		if (i + 1 < n)
			snprintf(name, sizeof(name), "%d-%d", lo[i], lo[i + 1] - 1);
		else
			snprintf(name, sizeof(name), "%d and greater", lo[i]);
		k = stree_node(t, node, name);
		if (k > 0) {
			t->n[k].is_range = 1;
			t->n[k].lo = lo[i];
			t->n[k].hi = i + 1 < n ? lo[i + 1] - 1 : -1;
		}
	}
}

void stree_range_value(struct stree *t, int node, double value)
{
	if (node <= 0)
		return;
	for (int k = t->n[node].first; k; k = t->n[k].next)
		if (t->n[k].is_range && value >= t->n[k].lo && (t->n[k].hi < 0 || value <= t->n[k].hi)) {
			count(t, k, 1, value);
			return;
		}
}

/* ---- printing ---- */

#define COLS 8
#define COL_W 13

static const char *const headers[COLS] = {
	"Count", "Average", "Min Val", "Max Val", "Rate (ms)", "Percent", "Burst Rate", "Burst Start",
};

static size_t name_width(const struct stree *t)
{
	size_t w = strlen("Topic / Item");

	for (size_t k = 1; k < t->nn; k++) {
		size_t l = strlen(t->n[k].name) + (size_t)t->n[k].depth;
		if (l > w)
			w = l;
	}
	return w + 2;
}

static void print_row(const struct stree *t, const struct snode *s, size_t w, FILE *fp)
{
	char cell[COLS][64];
	const struct snode *p = &t->n[s->parent];

	memset(cell, 0, sizeof(cell));
	snprintf(cell[0], sizeof(cell[0]), "%llu", (unsigned long long)s->counter);
	if (s->has_value || s->is_range) {
		if (s->counter) {
			/* as tshark: the average in single precision */
			snprintf(cell[1], sizeof(cell[1]), "%.2f", (float)s->total / (float)s->counter);
			snprintf(cell[2], sizeof(cell[2]), "%.0f", s->min);
			snprintf(cell[3], sizeof(cell[3]), "%.0f", s->max);
		} else
			strcpy(cell[1], "-"), strcpy(cell[2], "-"), strcpy(cell[3], "-");
	}
	if (t->elapsed != 0)
		snprintf(cell[4], sizeof(cell[4]), "%.4f", (double)s->counter / t->elapsed);
	if (s->parent == STREE_ROOT)
		strcpy(cell[5], "100%");
	else if (p->counter)
		snprintf(cell[5], sizeof(cell[5]), "%.2f%%", (double)s->counter * 100 / (double)p->counter);
	if (s->max_burst) {
		snprintf(cell[6], sizeof(cell[6]), "%.4f", (double)s->max_burst / BURST_WINDOW_MS);
		snprintf(cell[7], sizeof(cell[7]), "%.3f", s->burst_time / 1000);
	} else
		strcpy(cell[6], "-"), strcpy(cell[7], "-");
	fprintf(fp, "%*s%-*s", s->depth, "", (int)(w - (size_t)s->depth), s->name);
	for (int c = 0; c < COLS; c++)
		fprintf(fp, c + 1 < COLS ? "%-*s " : "%-*s", COL_W, cell[c]);
	fputc('\n', fp);
}

static const struct stree *sort_tree;

/* Most counted first, then names in reverse byte order. */
static int cmp_nodes(const void *x, const void *y)
{
	const struct snode *a = &sort_tree->n[*(const int *)x], *b = &sort_tree->n[*(const int *)y];

	if (a->counter != b->counter)
		return a->counter > b->counter ? -1 : 1;
	return -strcmp(a->name, b->name);
}

static void print_children(const struct stree *t, int node, size_t w, FILE *fp)
{
	size_t n = 0, i = 0;
	int *v;

	for (int k = t->n[node].first; k; k = t->n[k].next)
		n++;
	if (!n)
		return;
	v = xmalloc(n * sizeof(*v));
	for (int k = t->n[node].first; k; k = t->n[k].next)
		v[i++] = k;
	if (node != STREE_ROOT && !t->n[node].has_ranges) {
		sort_tree = t;
		qsort(v, n, sizeof(*v), cmp_nodes);
	}
	for (i = 0; i < n; i++) {
		print_row(t, &t->n[v[i]], w, fp);
		print_children(t, v[i], w, fp);
	}
	free(v);
}

static void rule(FILE *fp, char c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fputc(c, fp);
	fputc('\n', fp);
}

void stree_print(const struct stree *t, FILE *fp)
{
	size_t w = name_width(t), width = w + COLS * (COL_W + 1) - 1;

	fputc('\n', fp);
	rule(fp, '=', width);
	fprintf(fp, "%s:\n%-*s", t->title, (int)w, "Topic / Item");
	for (int c = 0; c < COLS; c++)
		fprintf(fp, c + 1 < COLS ? "%-*s " : "%-*s", COL_W, headers[c]);
	fputc('\n', fp);
	rule(fp, '-', width);
	print_children(t, STREE_ROOT, w, fp);
	fputc('\n', fp);
	rule(fp, '-', width);
}

/* ---- tree kinds ---- */

struct stree_kind {
	const struct stree_desc *desc;
	struct stree *t;
	struct dfilter *filter;
	const struct field_def *f[STREE_MAX_FIELDS];
};

void *stree_kind_create(const struct stat_kind *k, const char *arg, char *errbuf, size_t n)
{
	const struct stree_desc *desc = k->data;
	const char *rest = stats_arg_rest(arg, k->prefix);
	struct stree_kind *sk;

	if (!rest) {
		snprintf(errbuf, n, "invalid -z argument \"%s\"; use %s or %s,FILTER", arg,
		    k->prefix, k->prefix);
		return NULL;
	}
	sk = xcalloc(1, sizeof(*sk));
	sk->desc = desc;
	if (*rest && !(sk->filter = stats_filter(rest, errbuf, n))) {
		free(sk);
		return NULL;
	}
	for (int i = 0; desc->fields && desc->fields[i] && i < STREE_MAX_FIELDS; i++)
		sk->f[i] = reg_lookup(desc->fields[i]);
	sk->t = stree_new(desc->title);
	if (desc->init)
		desc->init(sk->t);
	return sk;
}

void stree_kind_packet(void *st, const struct dctx *d, const struct pkt_rec *rec)
{
	struct stree_kind *sk = st;

	(void)rec;
	if (stats_filter_match(sk->filter, d))
		sk->desc->packet(sk->t, d, sk->f);
}

void stree_kind_print(void *st, FILE *fp)
{
	stree_print(((struct stree_kind *)st)->t, fp);
}

void stree_kind_destroy(void *st)
{
	struct stree_kind *sk = st;

	stree_free(sk->t);
	if (sk->filter)
		dfilter_free(sk->filter);
	free(sk);
}

enum stats_tree_need stree_kind_interest(void *st, uint8_t *bitset)
{
	struct stree_kind *sk = st;
	enum stats_tree_need need = stats_filter_interest(sk->filter, bitset);

	for (int i = 0; i < STREE_MAX_FIELDS; i++)
		if (sk->f[i]) {
			int id = reg_id(sk->f[i]);
			bitset[id >> 3] |= (uint8_t)(1u << (id & 7));
			need = STATS_TREE_FIELDS;
		}
	return need;
}
