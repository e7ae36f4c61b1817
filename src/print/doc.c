/* doc.c — the structured documents of -T json, ek, pdml and psml: which writer makes a
 * record, what comes before, between and after the records, and the values they share.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dissect/fvalue.h"
#include "dissect/registry.h"
#include "print/doc.h"

static const struct doc_fmt {
	enum out_fmt fmt;
	void (*head)(struct obuf *b, const char *capture_file);	/* NULL: none */
	void (*packet)(struct obuf *b, const struct doc_pkt *p);
	const char *first, *between;	/* before the first record, between two */
	const char *tail, *empty;	/* after the last record; the tail of no records */
} doc_fmts[] = {
	{ OUT_JSON, NULL, json_packet, "[\n", ",\n", "\n]\n", "[]\n" },
	{ OUT_EK, NULL, ek_packet, "", "", "", "" },
	{ OUT_PDML, pdml_head, pdml_packet, "", "", "</pdml>\n", "</pdml>\n" },
	{ OUT_PSML, psml_head, psml_packet, "", "", "</psml>\n", "</psml>\n" },
};

struct doc {
	const struct doc_fmt *fmt;
	const struct batch_config *o;
	unsigned long records;
	struct obuf ob;
	struct obuf scratch;		/* the writers' value buffer */
};

struct doc *doc_new(const struct batch_config *o)
{
	struct doc *d;
	size_t i;

	for (i = 0; i < sizeof(doc_fmts) / sizeof(doc_fmts[0]); i++)
		if (doc_fmts[i].fmt == o->out)
			break;
	if (i == sizeof(doc_fmts) / sizeof(doc_fmts[0]))
		return NULL;
	d = xcalloc(1, sizeof(*d));
	d->fmt = &doc_fmts[i];
	d->o = o;
	return d;
}

int doc_expands(const struct doc_pkt *p, const char *key, int top)
{
	const char *s = p->o->proto_filter;
	size_t k = strlen(key);

	if (!s || (p->o->proto_filter_top && !top))
		return 1;
	while (*s) {
		size_t w;
		s += strspn(s, " ");
		w = strcspn(s, " ");
		if (w == k && strncmp(s, key, k) == 0)
			return 1;
		s += w;
	}
	return 0;
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	free(d->ob.p);
	free(d->scratch.p);
	free(d);
}

static int flush(struct doc *d, FILE *fp)
{
	size_t k = d->ob.n;

	d->ob.n = 0;
	return k && fwrite_unlocked(d->ob.p, 1, k, fp) != k ? -1 : 0;
}

int doc_packet(struct doc *d, FILE *fp, const struct dtree *t, const struct pinfo *pi,
    const struct fieldsel *sel)
{
	struct doc_pkt p = { t, pi, sel, d->o, &d->scratch };

	if (!d->records && d->fmt->head)
		d->fmt->head(&d->ob, d->o->capture_file);
	ob_puts(&d->ob, d->records++ ? d->fmt->between : d->fmt->first);
	d->fmt->packet(&d->ob, &p);
	return flush(d, fp);
}

int doc_end(struct doc *d, FILE *fp)
{
	if (!d->records && d->fmt->head)
		d->fmt->head(&d->ob, d->o->capture_file);
	ob_puts(&d->ob, d->records ? d->fmt->tail : d->fmt->empty);
	return flush(d, fp);
}

int doc_ascii(const struct fnode *n)
{
	return n->f && n->f->type == FT_STRING && !(n->flags & TN_CLEAN);
}

int doc_shown(const struct fnode *n)
{
	static const struct field_def *netlab;

	if (!netlab)
		netlab = reg_lookup("netlab");
	return !netlab || n->f != netlab;
}

size_t ob_utf8(struct obuf *b, const uint8_t *s, size_t k)
{
	size_t need = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;
	int ok = s[0] >= 0xc2 && s[0] <= 0xf4 && k >= need;

	for (size_t i = 1; ok && i < need; i++)
		ok = (s[i] & 0xc0) == 0x80;
	/* overlong three- and four-byte forms, surrogates, beyond U+10FFFF */
	if (ok && need == 3)
		ok = !(s[0] == 0xe0 && s[1] < 0xa0) && !(s[0] == 0xed && s[1] >= 0xa0);
	if (ok && need == 4)
		ok = !(s[0] == 0xf0 && s[1] < 0x90) && !(s[0] == 0xf4 && s[1] >= 0x90);
	if (!ok) {
		ob_putn(b, "\xef\xbf\xbd", 3);
		return 1;
	}
	ob_putn(b, (const char *)s, need);
	return need;
}

int doc_value(struct obuf *scratch, const struct dtree *t, const struct fnode *n, char sep,
    const uint8_t **v, size_t *vn)
{
	const struct field_def *f = n->f;

	if (!f || (f->type == FT_NONE && !(f->flags & REG_F_DOC_BYTES)) ||
	    (f->type == FT_PROTOCOL && n->first))
		return 0;
	if (f->type == FT_STRING) {	/* Wireshark's strings end at a NUL */
		const uint8_t *nul = n->v.s.n ? memchr(n->v.s.p, 0, n->v.s.n) : NULL;
		*v = n->v.s.p;
		*vn = nul ? (size_t)(nul - n->v.s.p) : n->v.s.n;
		return 1;
	}
	if ((f->type == FT_BYTES || f->type == FT_NONE) && sep) {
		const uint8_t *p = n->v.s.p;
		uint32_t k = n->v.s.n;
		if (f->type == FT_NONE)
			p = fv_node_bytes(t, n, &k);
		*v = (const uint8_t *)doc_hex(scratch, p, k, sep, vn);
		return 1;
	}
	scratch->n = 0;
	ob_reserve(scratch, DOC_VALUE_MAX);
	*vn = fv_fields(t, n, scratch->p, DOC_VALUE_MAX);
	*v = (const uint8_t *)scratch->p;
	return 1;
}

const char *doc_hex(struct obuf *scratch, const uint8_t *p, uint32_t k, char sep, size_t *len)
{
	size_t need = 3 * (size_t)k + 1;

	scratch->n = 0;
	ob_reserve(scratch, need);
	*len = fv_hex(p, k, scratch->p, need, sep);
	return scratch->p;
}
