/* dfilter.c — the display-filter API (dfilter.h): compile, interest, apply, errors. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "filter/dfilter_int.h"

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\f' && *s != '\v')
			return 0;
	return 1;
}

struct dfilter *dfilter_compile(const char *text, struct dfilter_error *err)
{
	struct dfilter *df;
	struct anode *ast;

	reg_init();
	memset(err, 0, sizeof(*err));
	df = xcalloc(1, sizeof(*df));
	df->nbits = reg_count();
	df->interest = xcalloc(((size_t)df->nbits + 7) / 8 + 1, 1);
	if (blank(text)) {
		df->root = xcalloc(1, sizeof(*df->root));
		df->root->kind = X_TRUE;
	} else {
		ast = dfl_parse(text, err);
		if (ast) {
			df->root = dfl_compile_ast(text, ast, df, err);
			dfl_anode_free(ast);
		}
		if (!df->root) {
			free(df->interest);
			free(df);
			return NULL;
		}
	}
	df->s = dfl_scratch_new();
	return df;
}

void dfilter_free(struct dfilter *f)
{
	if (!f)
		return;
	dfl_xnode_free(f->root);
	dfl_scratch_free(f->s);
	free(f->interest);
	free(f);
}

void dfilter_interest(const struct dfilter *f, uint8_t *bitset)
{
	for (int i = 0; i < (f->nbits + 7) / 8; i++)
		bitset[i] |= f->interest[i];
}

int dfilter_apply(const struct dfilter *f, const struct dtree *t, const struct pinfo *pi)
{
	(void)pi;
	return dfl_eval(f, t);
}

size_t dfilter_dump(const struct dfilter *f, char *buf, size_t n)
{
	return dfl_xnode_dump(f->root, buf, n);
}

void dfilter_error_format(const char *text, const struct dfilter_error *err, char *buf, size_t n)
{
	size_t tl = strlen(text), at;
	int col = err->col, len = err->len;

	at = (size_t)snprintf(buf, n, "%s", err->msg);
	/* A filter that ends too early points after its last character (col == tl, a
	 * one-column caret), like every other error; tshark prints no caret there. */
	if (col < 0 || (size_t)col > tl || at >= n)
		return;
	if (len < 1)
		len = 1;
	if ((size_t)col == tl)
		len = 1;
	else if ((size_t)(col + len) > tl)
		len = (int)(tl - (size_t)col);
	at += (size_t)snprintf(buf + at, n - at, "\n    %s\n    ", text);
	for (int i = 0; i < col && at + 1 < n; i++)
		buf[at++] = text[i] == '\t' ? '\t' : ' ';
	for (int i = 0; i < len && at + 1 < n; i++)
		buf[at++] = i ? '~' : '^';
	if (at < n)
		buf[at] = '\0';
	else if (n)
		buf[n - 1] = '\0';
}
