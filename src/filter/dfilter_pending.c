/* dfilter_pending.c — placeholder until the display-filter engine lands: refuses
 * every filter with a clear message.  Replaced by lex.c/parse.c/eval.c. */
#include "config.h"

#include <stdio.h>

#include "filter/dfilter.h"

struct dfilter *dfilter_compile(const char *text, struct dfilter_error *err)
{
	snprintf(err->msg, sizeof(err->msg), "display filters are not supported in this build");
	err->col = 0;
	err->len = 1;
	return NULL;
}

void dfilter_free(struct dfilter *f) { }
void dfilter_interest(const struct dfilter *f, uint8_t *bitset) { }
int dfilter_apply(const struct dfilter *f, const struct dtree *t, const struct pinfo *pi) { return 1; }

void dfilter_error_format(const char *text, const struct dfilter_error *err, char *buf, size_t n)
{
	snprintf(buf, n, "%s", err->msg);
}
