/* sema_int.h — what sema.c (type checking, compilation) and literal.c (literal
 * conversion) share.  Private to src/filter.
 */
#ifndef NETLAB_SEMA_INT_H
#define NETLAB_SEMA_INT_H

#include "filter/dfilter_int.h"

struct sema {
	const char *text;
	struct dfilter *df;
	struct dfilter_error *err;
	int failed;
};

/* The static type of a value expression. */
struct vtype {
	enum vkind vk;
	enum ftype ft;
	const struct field_def *f;	/* the field, for value strings and messages */
};

/* Wireshark's name of a field type in messages ("Unsigned integer (2 bytes)"). */
const char *dfl_type_name(enum ftype t);
/* Records the first error (column, length, message); later ones are ignored. */
void dfl_fail(struct sema *s, int col, int len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* How much of a node's text a message quotes. */
int dfl_span_len(const struct anode *n);
/* The literal n as a value of type t (v; *bytes holds what v points into); 0 with the
 * error recorded when it does not convert. */
int dfl_convert(struct sema *s, const struct anode *n, const struct vtype *t, struct val *v,
    uint8_t **bytes);

#endif
