/* json.c — -T json and -T ek: the field tree as tshark's JSON documents.
 *
 * -T json: one object per packet in a pretty-printed array (two spaces a level).  Each
 * node is a member: a field "abbrev": "value", a protocol or value-less node with
 * children "abbrev": { children }, a field with both "abbrev": "value" then
 * "abbrev_tree": { children }, a text line its label as the key, and a node with
 * neither value nor children "key": "".  Keys repeat as tshark's do (no arrays).  -x
 * puts "key_raw": [ hex, offset, length, bitmask, type ] before a node with bytes.
 * With -e the layers hold "field": [ "value", ... ] for the fields present.
 *
 * -T ek: two lines per packet for Elasticsearch's bulk API: an index line, then the
 * packet with keys "proto_abbrev" (dots as underscores), children flattened into their
 * protocol's object and the values of one key merged into an array (see ek_same_key),
 * protocols nested.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "dissect/fvalue.h"
#include "dissect/registry.h"
#include "print/doc.h"

/* JSON's escapes for ASCII; other control bytes are \u00XX, and '/' is escaped after
 * '<' only ("<\/", as tshark's writer keeps "</script>" out of its strings). */
static const char *const json_esc[128] = {
	['"'] = "\\\"", ['\\'] = "\\\\", ['\b'] = "\\b", ['\f'] = "\\f", ['\n'] = "\\n",
	['\r'] = "\\r", ['\t'] = "\\t",
};

/* The JSON string body of k bytes (no quotes): UTF-8 as it is, a stray byte U+FFFD;
 * ascii: every byte above 0x7f U+FFFD (doc_ascii). */
static void json_str(struct obuf *b, const uint8_t *s, size_t k, int ascii)
{
	static const char hx[] = "0123456789abcdef";
	size_t i = 0;

	while (i < k) {
		size_t run = i;
		while (run < k && s[run] >= 0x20 && s[run] < 0x80 && !json_esc[s[run]] &&
		    !(s[run] == '/' && run && s[run - 1] == '<'))
			run++;
		ob_putn(b, (const char *)s + i, run - i);
		if ((i = run) == k)
			break;
		if (s[i] >= 0x80 && ascii) {
			ob_putn(b, "\xef\xbf\xbd", 3);
			i++;
		} else if (s[i] >= 0x80)
			i += ob_utf8(b, s + i, k - i);
		else if (s[i] == '/') {
			ob_putn(b, "\\/", 2);
			i++;
		} else if (json_esc[s[i]])
			ob_puts(b, json_esc[s[i++]]);
		else {
			char u[6] = { '\\', 'u', '0', '0', hx[s[i] >> 4], hx[s[i] & 15] };
			ob_putn(b, u, sizeof(u));
			i++;
		}
	}
}

static void json_cstr(struct obuf *b, const char *s)
{
	json_str(b, (const uint8_t *)s, strlen(s), 0);
}

/* A node's key: its field's abbrev, or for a text line its label. */
static const char *node_key(const struct dtree *t, const struct fnode *n)
{
	const char *s;

	if (n->f)
		return n->f->abbrev;
	s = tree_node_text(t, n);
	return s ? s : "";
}

/* "packets-YYYY-MM-DD" of the packet's local date, as tshark's _index. */
static void index_name(struct obuf *b, const struct pinfo *pi)
{
	time_t sec = (time_t)(pi->ts / 1000000000 - (pi->ts % 1000000000 < 0));
	struct tm tm;
	char day[32];

	if (!localtime_r(&sec, &tm) || !strftime(day, sizeof(day), "%Y-%m-%d", &tm))
		day[0] = '\0';
	ob_puts(b, "packets-");
	ob_puts(b, day);
}

/* ---- -T json ---- */

struct jw {
	struct obuf *b;
	const struct doc_pkt *p;
};

/* Starts a member of an object at depth (k: members written so far). */
static void member(struct jw *w, int depth, int *k, const char *key, const char *suffix)
{
	ob_puts(w->b, (*k)++ ? ",\n" : "\n");
	ob_indent(w->b, 2 * depth);
	ob_putc(w->b, '"');
	json_cstr(w->b, key);
	ob_puts(w->b, suffix);
	ob_puts(w->b, "\": ");
}

static void value(struct obuf *b, const uint8_t *v, size_t vn, int ascii)
{
	ob_putc(b, '"');
	json_str(b, v, vn, ascii);
	ob_putc(b, '"');
}

static void object(struct jw *w, uint32_t first, int depth);

/* Wireshark's numbers for the field types (-x's type entry), by enum ftype. */
static const uint8_t ws_ftype[] = {
	[FT_NONE] = 0, [FT_PROTOCOL] = 1, [FT_BOOLEAN] = 2, [FT_CHAR] = 3, [FT_UINT8] = 4,
	[FT_UINT16] = 5, [FT_UINT24] = 6, [FT_UINT32] = 7, [FT_UINT40] = 8, [FT_UINT48] = 9,
	[FT_UINT64] = 11, [FT_INT8] = 12, [FT_INT16] = 13, [FT_INT32] = 15, [FT_INT64] = 19,
	[FT_DOUBLE] = 23, [FT_ABSOLUTE_TIME] = 24, [FT_RELATIVE_TIME] = 25, [FT_STRING] = 26,
	[FT_ETHER] = 29, [FT_BYTES] = 30, [FT_IPv4] = 32, [FT_IPv6] = 33, [FT_FRAMENUM] = 35,
};

/* -x: "key_raw": [ "bytes in hex", offset, length, bitmask, type ]. */
static void raw_member(struct jw *w, int depth, int *k, const char *key, const struct fnode *n)
{
	const struct field_def *f = n->f;
	struct obuf *sc = w->p->scratch;
	uint32_t cnt;
	const uint8_t *p = fv_node_bytes(w->p->t, n, &cnt);
	const char *hex;
	size_t hn;
	unsigned type = f->flags & REG_F_DOC_BYTES ? ws_ftype[FT_BYTES] : ws_ftype[f->type];
	char num[4][24];
	size_t kn[4];

	int masked = f->mask && f->type != FT_NONE && !(f->flags & REG_F_DOC_NOMASK);

	member(w, depth, k, key, "_raw");
	ob_puts(w->b, "[\n");
	ob_indent(w->b, 2 * (depth + 1));
	if (masked) {	/* the value under the mask */
		char mv[24];
		value(w->b, (const uint8_t *)mv, (size_t)snprintf(mv, sizeof(mv), "%llx",
		    (unsigned long long)fv_uint(n)), 0);
	} else {
		hex = doc_hex(sc, p, cnt, 0, &hn);
		value(w->b, (const uint8_t *)hex, hn, 0);
	}
	kn[0] = (size_t)snprintf(num[0], sizeof(num[0]), "%u", n->off);
	kn[1] = (size_t)snprintf(num[1], sizeof(num[1]), "%u", n->len);
	kn[2] = (size_t)snprintf(num[2], sizeof(num[2]), "%llu",
	    masked ? (unsigned long long)f->mask : 0ull);
	kn[3] = (size_t)snprintf(num[3], sizeof(num[3]), "%u", type);
	for (int i = 0; i < 4; i++) {
		ob_puts(w->b, ",\n");
		ob_indent(w->b, 2 * (depth + 1));
		ob_putn(w->b, num[i], kn[i]);
	}
	ob_putc(w->b, '\n');
	ob_indent(w->b, 2 * depth);
	ob_putc(w->b, ']');
}

/* The members of node i in an object at depth. */
static void node_members(struct jw *w, uint32_t i, int depth, int *k)
{
	const struct dtree *t = w->p->t;
	const struct fnode *n = &t->nodes[i];
	const char *key = node_key(t, n);
	const uint8_t *v;
	size_t vn;
	int has_value;

	if (w->p->o->hex && n->f && n->len)
		raw_member(w, depth, k, key, n);
	has_value = doc_value(w->p->scratch, t, n, ':', &v, &vn);
	if (has_value) {
		member(w, depth, k, key, "");
		value(w->b, v, vn, doc_ascii(n));
	}
	if (n->first) {
		member(w, depth, k, key, has_value ? "_tree" : "");
		if (doc_expands(w->p, key, !n->parent))
			object(w, n->first, depth);
		else {		/* tshark's mark of what -j/-J left out */
			ob_puts(w->b, "{\n");
			ob_indent(w->b, 2 * (depth + 1));
			ob_puts(w->b, "\"filtered\": \"");
			json_cstr(w->b, key);
			ob_puts(w->b, "\"\n");
			ob_indent(w->b, 2 * depth);
			ob_putc(w->b, '}');
		}
	} else if (!has_value) {
		member(w, depth, k, key, "");
		ob_puts(w->b, "\"\"");
	}
}

/* An object of the siblings from first on, its braces at depth. */
static void object(struct jw *w, uint32_t first, int depth)
{
	int k = 0;

	ob_putc(w->b, '{');
	for (uint32_t i = first; i; i = w->p->t->nodes[i].next)
		if (doc_shown(&w->p->t->nodes[i]))
			node_members(w, i, depth + 1, &k);
	if (k) {
		ob_putc(w->b, '\n');
		ob_indent(w->b, 2 * depth);
	}
	ob_putc(w->b, '}');
}

/* A -e value: as -T fields shows it, but a string unescaped. */
static void selected_value(struct jw *w, const struct fnode *n, const uint8_t **v, size_t *vn)
{
	struct obuf *sc = w->p->scratch;

	if (doc_value(sc, w->p->t, n, 0, v, vn))
		return;
	sc->n = 0;
	ob_reserve(sc, DOC_VALUE_MAX);
	*vn = fv_fields(w->p->t, n, sc->p, DOC_VALUE_MAX);
	*v = (const uint8_t *)sc->p;
}

/* -e: "field": [ values ] for each field the packet has, values as -T fields shows
 * them but strings unescaped. */
static void selected(struct jw *w, int depth)
{
	const struct fieldsel *sel = w->p->sel;
	const struct dtree *t = w->p->t;
	int k = 0;

	ob_putc(w->b, '{');
	for (int c = 0; c < sel->nfields; c++) {
		int e = 0;
		if (sel->same_as[c] != c || !sel->head[c])
			continue;
		member(w, depth + 1, &k, sel->fields[c]->abbrev, "");
		ob_putc(w->b, '[');
		for (uint32_t i = sel->head[c]; i; i = sel->next[i]) {
			const struct fnode *n = &t->nodes[i];
			const uint8_t *v;
			size_t vn;
			ob_puts(w->b, e++ ? ",\n" : "\n");
			ob_indent(w->b, 2 * (depth + 2));
			selected_value(w, n, &v, &vn);
			value(w->b, v, vn, doc_ascii(n));
		}
		ob_putc(w->b, '\n');
		ob_indent(w->b, 2 * (depth + 1));
		ob_putc(w->b, ']');
	}
	if (k) {
		ob_putc(w->b, '\n');
		ob_indent(w->b, 2 * depth);
	}
	ob_putc(w->b, '}');
}

void json_packet(struct obuf *b, const struct doc_pkt *p)
{
	struct jw w = { b, p };

	ob_puts(b, "  {\n    \"_index\": \"");
	index_name(b, p->pi);
	ob_puts(b, "\",\n    \"_type\": \"doc\",\n    \"_score\": null,\n    \"_source\": {\n"
	    "      \"layers\": ");
	if (p->sel)
		selected(&w, 3);
	else
		object(&w, p->t->nodes[0].first, 3);
	ob_puts(b, "\n    }\n  }");
}

/* ---- -T ek ---- */

/* The protocol that prefixes a field's EK name: its own, except for a hidden field
 * under another protocol, which takes the nearest protocol above it: Wireshark
 * registers such aliases under the protocol that adds them (the ip.version IPv6 adds
 * so that "ip.version == 6" matches). */
static const struct field_def *ek_proto(const struct dtree *t, const struct fnode *n)
{
	const struct field_def *own = reg_proto_of(n->f), *near = NULL;

	if (!(n->flags & TN_HIDDEN))
		return own;
	for (uint32_t i = n->parent; i; i = t->nodes[i].parent) {
		const struct field_def *f = t->nodes[i].f;
		if (f == own)
			return own;
		if (!near && f && f->type == FT_PROTOCOL)
			near = f;
	}
	return near ? near : own;
}

/* A field's EK name: its protocol's abbrev and its own, dots as underscores
 * ("tcp_tcp_srcport"); a protocol's (and a TCP option's) its own ("_ws_expert"); a
 * text line's "text". */
static void ek_key(struct obuf *b, const struct dtree *t, const struct fnode *n)
{
	const struct field_def *f = n->f, *proto;

	if (!f) {
		ob_puts(b, "\"text\":");
		return;
	}
	ob_putc(b, '"');
	proto = f->type == FT_PROTOCOL || (f->flags & REG_F_DOC_BYTES) ? NULL : ek_proto(t, n);
	for (int part = proto ? 0 : 1; part < 2; part++) {
		const char *a = part ? f->abbrev : proto->abbrev;
		size_t at = b->n;
		json_cstr(b, a);
		for (size_t k = at; k < b->n; k++)
			if (b->p[k] == '.')
				b->p[k] = '_';
		if (!part)
			ob_putc(b, '_');
	}
	ob_puts(b, "\":");
}

/* "2026-11-21T11:00:22.749413000Z": an absolute time as EK has it (UTC). */
static void ek_time(struct obuf *b, int64_t ns)
{
	int64_t sec = ns / 1000000000 - (ns % 1000000000 < 0);
	time_t t = (time_t)sec;
	struct tm tm;
	char buf[64];
	size_t k = 0;

	if (gmtime_r(&t, &tm))
		k = strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	k += (size_t)snprintf(buf + k, sizeof(buf) - k, ".%09ldZ", (long)(ns - sec * 1000000000));
	ob_putc(b, '"');
	ob_putn(b, buf, k);
	ob_putc(b, '"');
}

static void ek_members(struct jw *w, uint32_t first, int *k);

/* One node's value: a nested object for a protocol with children, true/false for a
 * boolean, null for an item without value, the label for a text line. */
static void ek_value(struct jw *w, const struct fnode *n)
{
	const struct dtree *t = w->p->t;
	const struct field_def *f = n->f;
	const uint8_t *v;
	size_t vn;

	if (f && f->type == FT_PROTOCOL && n->first) {
		int k = 0;
		ob_putc(w->b, '{');
		ek_members(w, n->first, &k);
		ob_putc(w->b, '}');
	} else if (!f) {
		const char *s = tree_node_text(t, n);
		value(w->b, (const uint8_t *)(s ? s : ""), s ? strlen(s) : 0, 0);
	} else if (f->type == FT_BOOLEAN)
		ob_puts(w->b, fv_uint(n) ? "true" : "false");
	else if (f->type == FT_ABSOLUTE_TIME && f->base != BASE_DEC)
		ek_time(w->b, n->v.i);
	else if (doc_value(w->p->scratch, t, n, ':', &v, &vn))
		value(w->b, v, vn, doc_ascii(n));
	else
		ob_puts(w->b, "null");
}

/* An EK object is written from scopes: a scope is the children of a node (of all the
 * nodes written under one key), read depth first through text lines, whose children
 * belong to it, but not through fields, whose children make a scope of their own
 * written after them.  A field's values are gathered from the whole scope at its first
 * node, text lines from those at the same depth; a protocol's children are a nested
 * object. */
static int ek_same_key(const struct fnode *a, const struct fnode *b)
{
	return a->f ? a->f == b->f : !b->f && a->depth == b->depth;
}
struct ek_scope {
	uint32_t *nodes;	/* depth first */
	size_t n, cap;
};

static void ek_collect(const struct jw *w, struct ek_scope *sc, uint32_t first)
{
	const struct fnode *nodes = w->p->t->nodes;

	for (uint32_t i = first; i; i = nodes[i].next) {
		if (!doc_shown(&nodes[i]))
			continue;
		sc->nodes = xgrow(sc->nodes, &sc->cap, sc->n + 1, sizeof(*sc->nodes));
		sc->nodes[sc->n++] = i;
		if (!nodes[i].f)
			ek_collect(w, sc, nodes[i].first);
	}
}

static void ek_write_scope(struct jw *w, const uint32_t *heads, size_t nheads, int *k);

/* Writes the scope's key at position at (the first node with it). */
static void ek_write_key(struct jw *w, const struct ek_scope *sc, size_t at, int *k)
{
	const struct fnode *nodes = w->p->t->nodes, *n = &nodes[sc->nodes[at]];
	size_t count = 0;
	uint32_t *heads = NULL;
	size_t nheads = 0, cap = 0;

	for (size_t j = at; j < sc->n; j++) {
		const struct fnode *m = &nodes[sc->nodes[j]];
		count += ek_same_key(n, m);
	}
	if ((*k)++)
		ob_putc(w->b, ',');
	ek_key(w->b, w->p->t, n);
	if (count > 1)
		ob_putc(w->b, '[');
	count = 0;
	for (size_t j = at; j < sc->n; j++) {
		const struct fnode *m = &nodes[sc->nodes[j]];
		if (!ek_same_key(n, m))
			continue;
		if (count++)
			ob_putc(w->b, ',');
		ek_value(w, m);
		if (m->first && m->f && m->f->type != FT_PROTOCOL) {
			heads = xgrow(heads, &cap, nheads + 1, sizeof(*heads));
			heads[nheads++] = m->first;
		}
	}
	if (count > 1)
		ob_putc(w->b, ']');
	if (nheads)
		ek_write_scope(w, heads, nheads, k);
	free(heads);
}

static void ek_write_scope(struct jw *w, const uint32_t *heads, size_t nheads, int *k)
{
	const struct fnode *nodes = w->p->t->nodes;
	struct ek_scope sc = { NULL, 0, 0 };

	for (size_t h = 0; h < nheads; h++)
		ek_collect(w, &sc, heads[h]);
	for (size_t i = 0; i < sc.n; i++) {
		const struct fnode *n = &nodes[sc.nodes[i]];
		size_t j;
		for (j = 0; j < i; j++) {	/* written with an earlier one? */
			const struct fnode *m = &nodes[sc.nodes[j]];
			if (ek_same_key(n, m))
				break;
		}
		if (j == i)
			ek_write_key(w, &sc, i, k);
	}
	free(sc.nodes);
}

static void ek_members(struct jw *w, uint32_t first, int *k)
{
	ek_write_scope(w, &first, 1, k);
}

/* -e: "field_name": [ values ] as -T json -e has them. */
static void ek_selected(struct jw *w)
{
	const struct fieldsel *sel = w->p->sel;
	const struct dtree *t = w->p->t;
	int k = 0;

	for (int c = 0; c < sel->nfields; c++) {
		int e = 0;
		if (sel->same_as[c] != c || !sel->head[c])
			continue;
		if (k++)
			ob_putc(w->b, ',');
		ob_putc(w->b, '"');
		for (const char *a = sel->fields[c]->abbrev; *a; a++)
			ob_putc(w->b, *a == '.' ? '_' : *a);
		ob_puts(w->b, "\":[");
		for (uint32_t i = sel->head[c]; i; i = sel->next[i]) {
			const uint8_t *v;
			size_t vn;
			if (e++)
				ob_putc(w->b, ',');
			selected_value(w, &t->nodes[i], &v, &vn);
			value(w->b, v, vn, doc_ascii(&t->nodes[i]));
		}
		ob_putc(w->b, ']');
	}
}

void ek_packet(struct obuf *b, const struct doc_pkt *p)
{
	struct jw w = { b, p };
	int64_t ms = p->pi->ts / 1000000 - (p->pi->ts % 1000000 < 0);
	char num[24];
	int k = 0;

	ob_puts(b, "{\"index\":{\"_index\":\"");
	index_name(b, p->pi);
	ob_puts(b, "\",\"_type\":\"doc\"}}\n{\"timestamp\":\"");
	ob_putn(b, num, (size_t)snprintf(num, sizeof(num), "%lld", (long long)ms));
	ob_puts(b, "\",\"layers\":{");
	if (p->sel)
		ek_selected(&w);
	else
		ek_members(&w, p->t->nodes[0].first, &k);
	ob_puts(b, "}}\n");
}
