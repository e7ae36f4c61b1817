/* sema.c — type checking against the registry and compilation to struct xnode.
 *
 * A word is a field when the registry knows it (".name" forces a field), otherwise
 * an unparsed literal whose meaning depends on what it is compared with, as in
 * Wireshark 4.0: "80" is a number beside tcp.port, a byte beside frame[0], "UDP" a
 * value-string name beside ip.proto.  Literals are converted once (literal.c); regular
 * expressions are compiled here; evaluation only compares.
 *
 * Semantics of the relations (4.0): ==, >, <, >=, <=, contains, matches hold when any
 * pair of values does; != is all_ne (every value differs, and there is one); ~= is
 * any_ne; === all_eq.  "any"/"all" before a relation choose the quantifier.
 * "matches" is case-insensitive unless the pattern says (?-i), as in 4.0.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/fvalue.h"
#include "filter/dfilter_int.h"
#include "filter/sema_int.h"

static const char *const pretty[] = {
	[FT_NONE] = "Label", [FT_PROTOCOL] = "Protocol", [FT_BOOLEAN] = "Boolean",
	[FT_UINT8] = "Unsigned integer (1 byte)", [FT_UINT16] = "Unsigned integer (2 bytes)",
	[FT_UINT24] = "Unsigned integer (3 bytes)", [FT_UINT32] = "Unsigned integer (4 bytes)",
	[FT_UINT40] = "Unsigned integer (5 bytes)", [FT_UINT48] = "Unsigned integer (6 bytes)",
	[FT_UINT64] = "Unsigned integer (8 bytes)", [FT_INT8] = "Signed integer (1 byte)",
	[FT_INT16] = "Signed integer (2 bytes)", [FT_INT32] = "Signed integer (4 bytes)",
	[FT_INT64] = "Signed integer (8 bytes)", [FT_DOUBLE] = "Floating point (double-precision)",
	[FT_IPv4] = "IPv4 address", [FT_IPv6] = "IPv6 address",
	[FT_ETHER] = "Ethernet or other MAC address", [FT_BYTES] = "Byte sequence",
	[FT_STRING] = "Character string", [FT_ABSOLUTE_TIME] = "Date and time",
	[FT_RELATIVE_TIME] = "Time offset", [FT_FRAMENUM] = "Frame number",
	[FT_CHAR] = "Character",
};

const char *dfl_type_name(enum ftype t)
{
	return (unsigned)t < sizeof(pretty) / sizeof(pretty[0]) && pretty[t] ? pretty[t] : "Label";
}

void dfl_fail(struct sema *s, int col, int len, const char *fmt, ...)
{
	va_list ap;

	if (s->failed)
		return;
	s->failed = 1;
	va_start(ap, fmt);
	vsnprintf(s->err->msg, sizeof(s->err->msg), fmt, ap);
	va_end(ap);
	s->err->col = col;
	s->err->len = len < 1 ? 1 : len;
}

static struct xnode *xnew(enum xkind k)
{
	struct xnode *x = xcalloc(1, sizeof(*x));

	x->kind = k;
	return x;
}

void dfl_xnode_free(struct xnode *x)
{
	if (!x)
		return;
	dfl_xnode_free(x->a);
	dfl_xnode_free(x->b);
	for (int i = 0; i < x->nargs; i++)
		dfl_xnode_free(x->args[i]);
	free(x->args);
	free(x->consts);
	free(x->owned);
	free(x->ranges);
	if (x->md)
		pcre2_match_data_free(x->md);
	if (x->re)
		pcre2_code_free(x->re);
	free(x);
}

static void mark(struct sema *s, const struct field_def *f)
{
	int id = f ? reg_id(f) : -1;

	if (id >= 0 && id < s->df->nbits)
		s->df->interest[id >> 3] |= (uint8_t)(1u << (id & 7));
}

static enum vkind kind_of(enum ftype t)
{
	switch (t) {
	case FT_NONE: return VK_NONE;
	case FT_PROTOCOL: case FT_ETHER: case FT_BYTES: return VK_BYTES;
	case FT_INT8: case FT_INT16: case FT_INT32: case FT_INT64: return VK_INT;
	case FT_DOUBLE: return VK_DOUBLE;
	case FT_IPv4: return VK_IPV4;
	case FT_IPv6: return VK_IPV6;
	case FT_STRING: return VK_STRING;
	case FT_ABSOLUTE_TIME: return VK_ABSTIME;
	case FT_RELATIVE_TIME: return VK_RELTIME;
	default: return VK_UINT;
	}
}

static int is_literal(const struct anode *n, const struct field_def **fp)
{
	if (n->kind == A_NEG)
		return is_literal(n->a, fp);
	if (n->kind == A_STRING || n->kind == A_CHAR || n->kind == A_LITERAL)
		return 1;
	if (n->kind == A_FIELD) {
		const char *name = n->str[0] == '.' ? n->str + 1 : n->str;
		const struct field_def *f = reg_lookup(name);
		if (fp)
			*fp = f;
		return f == NULL && n->str[0] != '.';
	}
	return 0;
}

int dfl_span_len(const struct anode *n)
{
	return n->len > 60 ? 60 : n->len;
}

static void not_a_field(struct sema *s, const struct anode *n)
{
	const char *name = n->str && n->str[0] == '.' ? n->str + 1 : n->str;
	/* Two edits away is only a typo when the name is long enough. */
	const char *sug = name && strlen(name) > 4 ? reg_suggest(name) : NULL;

	if (n->str && n->str[0] == '.')
		dfl_fail(s, n->pos, n->len, "\"%s\" is not a valid protocol or protocol field.", name);
	else if (sug && strcmp(sug, name))
		dfl_fail(s, n->pos, n->len, "%.*s is neither a field nor a protocol name. Did you mean %s?",
		    dfl_span_len(n), s->text + n->pos, sug);
	else
		dfl_fail(s, n->pos, n->len, "%.*s is neither a field nor a protocol name.",
		    dfl_span_len(n), s->text + n->pos);
}

/* ---- value expressions ---- */

static struct xnode *compile_value(struct sema *s, const struct anode *n, struct vtype *t);

static struct xnode *const_node(struct sema *s, const struct anode *n, const struct vtype *t)
{
	struct xnode *x = xnew(X_CONST);

	x->vk = t->vk;
	x->consts = xcalloc(1, sizeof(*x->consts));
	x->nconsts = 1;
	if (!dfl_convert(s, n, t, &x->consts[0], &x->owned)) {
		dfl_xnode_free(x);
		return NULL;
	}
	return x;
}

static const struct field_def *proto_of(const struct field_def *f)
{
	char name[128];
	const char *dot = strchr(f->abbrev, '.');
	size_t k;

	if (f->type == FT_PROTOCOL || !dot)
		return f->type == FT_PROTOCOL ? f : NULL;
	k = (size_t)(dot - f->abbrev);
	if (k >= sizeof(name))
		return NULL;
	memcpy(name, f->abbrev, k);
	name[k] = '\0';
	return reg_lookup(name);
}

static struct xnode *field_node(struct sema *s, const struct anode *n, const struct field_def *f,
    struct vtype *t)
{
	struct xnode *x = xnew(X_FIELD);

	x->f = f;
	x->vk = kind_of(f->type);
	x->layer = n->layer;
	mark(s, f);
	if (n->layer) {
		x->proto = proto_of(f);
		mark(s, x->proto);
		if (!x->proto) {
			dfl_fail(s, n->pos, n->len, "Layer filtering needs a protocol field (%s).", f->abbrev);
			dfl_xnode_free(x);
			return NULL;
		}
	}
	t->vk = x->vk;
	t->ft = f->type;
	t->f = f;
	return x;
}

static int parse_int_at(const char **p, int32_t *v)
{
	char *end;
	long l = strtol(*p, &end, 10);

	if (end == *p || l > INT32_MAX / 2 || l < -(INT32_MAX / 2))
		return 0;
	*v = (int32_t)l;
	*p = end;
	return 1;
}

/* "[i:j]", "[i-j]", "[i]", "[:j]", "[i:]", comma-separated. */
static int parse_ranges(struct sema *s, const struct anode *n, struct xnode *x)
{
	const char *p = n->str;
	int pos = (int)n->num + 1;

	for (;;) {
		struct slice_range r = { 0, -1 };
		const char *start;
		int32_t a, b;
		while (*p == ' ')
			p++;
		start = p;
		if (*p == ':') {
			p++;
			if (!parse_int_at(&p, &b))
				goto bad;
			r.start = 0;
			r.len = b;
		} else {
			if (!parse_int_at(&p, &a))
				goto bad;
			r.start = a;
			r.len = 1;
			if (*p == ':') {
				p++;
				while (*p == ' ')
					p++;
				if (*p == ',' || !*p)
					r.len = -1;
				else if (!parse_int_at(&p, &b))
					goto bad;
				else
					r.len = b;
			} else if (*p == '-') {
				p++;
				if (!parse_int_at(&p, &b))
					goto bad;
				if ((a >= 0) != (b >= 0) || b < a) {
					dfl_fail(s, pos + (int)(start - n->str), (int)(p - start),
					    "Range %d-%d isn't valid because %d is greater or equal than %d",
					    a, b, a, b);
					return 0;
				}
				r.len = b - a + 1;
			}
		}
		if (r.len == 0 || r.len < -1) {
			dfl_fail(s, pos + (int)(start - n->str), (int)(p - start),
			    "Range %.*s isn't valid because length %d isn't positive", (int)(p - start), start,
			    r.len);
			return 0;
		}
		x->ranges = xrealloc(x->ranges, (size_t)(x->nranges + 1) * sizeof(*x->ranges));
		x->ranges[x->nranges++] = r;
		while (*p == ' ')
			p++;
		if (!*p)
			return 1;
		if (*p != ',')
			goto bad;
		p++;
	}
bad:
	dfl_fail(s, pos, (int)n->slen, "\"%s\" is not a valid number.", n->str);
	return 0;
}

static int sliceable(enum ftype ft)
{
	return ft == FT_NONE || ft == FT_PROTOCOL || ft == FT_BYTES || ft == FT_STRING ||
	    ft == FT_ETHER || ft == FT_IPv4 || ft == FT_IPv6;
}

static int bytes_like(enum vkind k)
{
	return k == VK_BYTES || k == VK_NONE || k == VK_STRING;
}

static int numeric(enum vkind k)
{
	return k == VK_UINT || k == VK_INT || k == VK_DOUBLE || k == VK_RELTIME;
}

static const struct {
	const char *name;
	enum xfunc fn;
	int min, max;
} funcs[] = {
	{ "len", FN_LEN, 1, 1 }, { "count", FN_COUNT, 1, 1 }, { "lower", FN_LOWER, 1, 1 },
	{ "upper", FN_UPPER, 1, 1 }, { "string", FN_STRING, 1, 1 }, { "max", FN_MAX, 1, 64 },
	{ "min", FN_MIN, 1, 64 }, { "abs", FN_ABS, 1, 1 },
};

/* The function named by n (its index in funcs) with an argument count it takes; -1
 * (failed) otherwise. */
static int func_lookup(struct sema *s, const struct anode *n, int *nargs)
{
	int k = -1;

	for (size_t i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++)
		if (!strcmp(funcs[i].name, n->str))
			k = (int)i;
	if (k < 0) {
		dfl_fail(s, n->pos, n->len, "Function '%s' does not exist", n->str);
		return -1;
	}
	*nargs = 0;
	for (const struct anode *a = n->a; a; a = a->next)
		(*nargs)++;
	if (*nargs < funcs[k].min) {
		dfl_fail(s, n->pos, n->len, "Function %s() needs at least %d argument%s, got %d.",
		    n->str, funcs[k].min, funcs[k].min > 1 ? "s" : "", *nargs);
		return -1;
	}
	if (*nargs > funcs[k].max) {
		dfl_fail(s, n->pos, n->len, "Function %s() can only take %d argument%s, got %d.",
		    n->str, funcs[k].max, funcs[k].max > 1 ? "s" : "", *nargs);
		return -1;
	}
	return k;
}

/* Checks argument a (compiled as ax, of type at) of function x named by n; the numeric
 * functions take their type from it.  0 (failed) when the function cannot take it. */
static int func_arg_ok(struct sema *s, const struct anode *n, const struct anode *a,
    const struct xnode *ax, const struct vtype *at, struct xnode *x, struct vtype *t)
{
	switch (x->sub) {
	case FN_COUNT:
		if (ax->kind != X_FIELD) {
			dfl_fail(s, a->pos, a->len, "Only fields can be used as parameter for count()");
			return 0;
		}
		break;
	case FN_LOWER:
	case FN_UPPER:
		if (at->vk != VK_STRING) {
			dfl_fail(s, a->pos, a->len, "Only string type fields can be used as parameter for %s()",
			    n->str);
			return 0;
		}
		break;
	case FN_MAX:
	case FN_MIN:
	case FN_ABS:
		if (!numeric(at->vk) && at->vk != VK_ABSTIME) {
			dfl_fail(s, a->pos, a->len, "Argument '%.*s' is not a number.", dfl_span_len(a),
			    s->text + a->pos);
			return 0;
		}
		if (x->nargs > 1 && (at->vk != x->vk || at->ft != t->ft)) {
			dfl_fail(s, a->pos, a->len, "Arguments to '%s' must have the same type (expected "
			    "%s, got %s)", n->str, ftype_name(t->ft), ftype_name(at->ft));
			return 0;
		}
		x->vk = at->vk;
		t->ft = at->ft;
		break;
	default:
		break;
	}
	return 1;
}

/* len(): the width in bytes of its argument's type, for values that are not bytes. */
static void func_len_width(struct xnode *x)
{
	enum ftype ft;

	if (x->args[0]->kind == X_FIELD)
		ft = x->args[0]->f->type;
	else
		ft = x->args[0]->vk == VK_UINT ? FT_UINT64 : FT_BYTES;
	x->width = fv_type_bits(ft) / 8;
	if (ft == FT_DOUBLE || ft == FT_ABSOLUTE_TIME || ft == FT_RELATIVE_TIME)
		x->width = 8;
	if (ft == FT_BOOLEAN)
		x->width = 1;
}

static struct xnode *compile_func(struct sema *s, const struct anode *n, struct vtype *t)
{
	struct xnode *x;
	int nargs, k = func_lookup(s, n, &nargs);

	if (k < 0)
		return NULL;
	x = xnew(X_FUNC);
	x->sub = funcs[k].fn;
	x->args = xcalloc((size_t)nargs, sizeof(*x->args));
	t->f = NULL;
	for (const struct anode *a = n->a; a; a = a->next) {
		struct vtype at;
		const struct field_def *f = NULL;
		struct xnode *ax;
		if (is_literal(a, &f)) {
			if (a->kind == A_FIELD)
				not_a_field(s, a);
			else
				dfl_fail(s, a->pos, a->len, "Function arguments must be fields or expressions, "
				    "not %.*s.", dfl_span_len(a), s->text + a->pos);
			dfl_xnode_free(x);
			return NULL;
		}
		ax = compile_value(s, a, &at);
		if (!ax) {
			dfl_xnode_free(x);
			return NULL;
		}
		x->args[x->nargs++] = ax;
		if (!func_arg_ok(s, n, a, ax, &at, x, t)) {
			dfl_xnode_free(x);
			return NULL;
		}
	}
	switch (funcs[k].fn) {
	case FN_LEN:
		func_len_width(x);
		/* fall through */
	case FN_COUNT:
		x->vk = VK_UINT;
		t->ft = FT_UINT32;
		break;
	case FN_LOWER:
	case FN_UPPER:
	case FN_STRING:
		x->vk = VK_STRING;
		t->ft = FT_STRING;
		break;
	default:
		break;
	}
	t->vk = x->vk;
	return x;
}

static struct xnode *compile_ref(struct sema *s, const struct anode *n, struct vtype *t)
{
	const struct field_def *f = reg_lookup(n->str);
	struct xnode *x;

	if (!f) {
		not_a_field(s, n);
		return NULL;
	}
	x = xnew(X_REF);
	x->f = f;
	x->vk = kind_of(f->type);
	t->vk = x->vk;
	t->ft = f->type;
	t->f = f;
	return x;
}

static struct xnode *compile_slice(struct sema *s, const struct anode *n, struct vtype *t)
{
	const struct field_def *f = NULL;
	struct vtype at;
	struct xnode *a, *x;

	if (n->a->kind == A_FIELD && is_literal(n->a, &f)) {
		not_a_field(s, n->a);
		return NULL;
	}
	a = compile_value(s, n->a, &at);
	if (!a)
		return NULL;
	if (!sliceable(at.ft) || (at.vk != VK_BYTES && at.vk != VK_STRING && at.vk != VK_NONE &&
	    at.vk != VK_IPV4 && at.vk != VK_IPV6)) {
		dfl_fail(s, n->a->pos, n->a->len, "\"%.*s\" is a %s and cannot be sliced into a "
		    "sequence of bytes.", dfl_span_len(n->a), s->text + n->a->pos, dfl_type_name(at.ft));
		dfl_xnode_free(a);
		return NULL;
	}
	x = xnew(X_SLICE);
	x->a = a;
	x->vk = VK_BYTES;
	if (!parse_ranges(s, n, x)) {
		dfl_xnode_free(x);
		return NULL;
	}
	t->vk = VK_BYTES;
	t->ft = FT_BYTES;
	return x;
}

/* The operands of a negation or an arithmetic node (a literal takes the other side's
 * type) into x->a, x->b and their types; 0 on failure. */
static int arith_operands(struct sema *s, const struct anode *n, struct xnode *x,
    struct vtype *lt, struct vtype *rt)
{
	const struct anode *la = n->a, *ra = n->kind == A_ARITH ? n->b : NULL;
	int llit = is_literal(la, NULL), rlit = ra ? is_literal(ra, NULL) : 0;

	if (n->kind == A_NEG && llit) {
		dfl_fail(s, n->pos, n->len, "Constant expression is invalid: %.*s", dfl_span_len(n),
		    s->text + n->pos);
		return 0;
	}
	if (llit && rlit) {
		dfl_fail(s, n->pos, n->len, "Constant arithmetic expression is invalid: %.*s",
		    dfl_span_len(n), s->text + n->pos);
		return 0;
	}
	if (llit) {
		x->b = compile_value(s, ra, rt);
		if (!x->b)
			return 0;
		x->a = const_node(s, la, rt);
		*lt = *rt;
	} else {
		x->a = compile_value(s, la, lt);
		if (!x->a)
			return 0;
		if (ra) {
			if (rlit) {
				x->b = const_node(s, ra, lt);
				*rt = *lt;
			} else
				x->b = compile_value(s, ra, rt);
		}
	}
	return !s->failed && x->a && (!ra || x->b);
}

static struct xnode *compile_arith(struct sema *s, const struct anode *n, struct vtype *t)
{
	struct vtype lt, rt;
	const struct anode *la = n->a, *ra = n->kind == A_ARITH ? n->b : NULL;
	struct xnode *x = xnew(n->kind == A_NEG ? X_NEG : X_ARITH);

	x->sub = n->sub;
	memset(&rt, 0, sizeof(rt));
	if (!arith_operands(s, n, x, &lt, &rt)) {
		dfl_xnode_free(x);
		return NULL;
	}
	if (n->sub == '&' && ra && bytes_like(lt.vk) && bytes_like(rt.vk)) {
		x->vk = VK_BYTES;
		*t = lt;
		t->vk = VK_BYTES;
		t->ft = FT_BYTES;
		t->f = NULL;
		return x;
	}
	if (!numeric(lt.vk) || (ra && !numeric(rt.vk)) ||
	    (n->sub == '&' && (lt.vk == VK_DOUBLE || lt.vk == VK_RELTIME))) {
		int left = !numeric(lt.vk) || !ra;
		const struct anode *bad = left ? la : ra;
		dfl_fail(s, bad->pos, bad->len, "%.*s (type=%s) cannot participate in arithmetic.",
		    dfl_span_len(bad), s->text + bad->pos, dfl_type_name(left ? lt.ft : rt.ft));
		dfl_xnode_free(x);
		return NULL;
	}
	if (ra && (lt.vk == VK_DOUBLE) != (rt.vk == VK_DOUBLE)) {
		dfl_fail(s, ra->pos, ra->len, "%.*s and %.*s are not of compatible types.",
		    dfl_span_len(la), s->text + la->pos, dfl_span_len(ra), s->text + ra->pos);
		dfl_xnode_free(x);
		return NULL;
	}
	x->vk = lt.vk == VK_INT || (ra && rt.vk == VK_INT) || n->kind == A_NEG || n->sub == '-' ?
	    VK_INT : lt.vk;
	if (lt.vk == VK_RELTIME || lt.vk == VK_DOUBLE)
		x->vk = lt.vk;
	*t = lt;
	t->vk = x->vk;
	t->f = NULL;
	if (x->vk == VK_INT && lt.vk == VK_UINT)
		t->ft = FT_INT64;
	return x;
}

static struct xnode *compile_value(struct sema *s, const struct anode *n, struct vtype *t)
{
	const struct field_def *f = NULL;

	if (s->failed)
		return NULL;
	memset(t, 0, sizeof(*t));
	switch (n->kind) {
	case A_FIELD:
		if (is_literal(n, &f) || !f) {
			not_a_field(s, n);
			return NULL;
		}
		return field_node(s, n, f, t);
	case A_REF:
		return compile_ref(s, n, t);
	case A_SLICE:
		return compile_slice(s, n, t);
	case A_FUNC:
		return compile_func(s, n, t);
	case A_NEG:
	case A_ARITH:
		return compile_arith(s, n, t);
	default:
		dfl_fail(s, n->pos, n->len, "%.*s is not a valid value here.", dfl_span_len(n), s->text + n->pos);
		return NULL;
	}
}

/* ---- relations ---- */

static int family(enum vkind k)
{
	switch (k) {
	case VK_UINT: case VK_INT: return 1;
	case VK_BYTES: case VK_NONE: return 2;
	default: return 10 + (int)k;
	}
}

static int compatible(const struct vtype *a, const struct vtype *b)
{
	if (family(a->vk) == family(b->vk))
		return 1;
	/* slices compare with strings' bytes */
	return (a->vk == VK_STRING && b->vk == VK_BYTES && b->ft == FT_BYTES && !b->f) ||
	    (b->vk == VK_STRING && a->vk == VK_BYTES && a->ft == FT_BYTES && !a->f);
}

static struct xnode *compile_test(struct sema *s, const struct anode *n);

static struct xnode *compile_matches(struct sema *s, const struct anode *n, struct xnode *l,
    const struct vtype *lt)
{
	const struct anode *r = n->b;
	struct xnode *x;
	int errcode;
	PCRE2_SIZE erroff;
	const char *pat;
	size_t plen;

	if (r->kind != A_STRING && !(r->kind == A_FIELD && is_literal(r, NULL))) {
		dfl_fail(s, r->pos, r->len, "Matches requires a double quoted string on the right side.");
		dfl_xnode_free(l);
		return NULL;
	}
	pat = r->str;
	plen = r->kind == A_STRING ? r->slen : strlen(r->str);
	x = xnew(X_MATCHES);
	x->a = l;
	x->re = pcre2_compile((PCRE2_SPTR)pat, plen, PCRE2_NEVER_UTF | PCRE2_CASELESS, &errcode, &erroff, NULL);
	if (!x->re) {
		char msg[160];
		pcre2_get_error_message(errcode, (PCRE2_UCHAR *)msg, sizeof(msg));
		dfl_fail(s, r->pos, r->len, "Regex compilation error: %s.", msg);
		dfl_xnode_free(x);
		return NULL;
	}
	x->md = pcre2_match_data_create_from_pattern(x->re, NULL);
	(void)lt;
	return x;
}

static struct xnode *compile_cmp(struct sema *s, const struct anode *n)
{
	const struct anode *la = n->a, *ra = n->b;
	int op = n->sub, opos = (int)(n->num >> 16), olen = (int)(n->num & 0xffff);
	struct vtype lt, rt;
	struct xnode *l, *r, *x;
	const struct field_def *f = NULL;

	if (is_literal(la, &f)) {
		if (la->kind == A_FIELD && !is_literal(ra, NULL))
			not_a_field(s, la);
		else if (la->kind == A_FIELD && strchr(la->str, '.') && !isdigit((unsigned char)la->str[0]))
			not_a_field(s, la);
		else
			dfl_fail(s, la->pos, la->len, "Left side of \"%s\" expression must be a field or "
			    "function, not %.*s.", dfl_op_name(op), dfl_span_len(la), s->text + la->pos);
		return NULL;
	}
	l = compile_value(s, la, &lt);
	if (!l)
		return NULL;
	if (op == OP_CONTAINS || op == OP_MATCHES) {
		if (lt.vk != VK_BYTES && lt.vk != VK_STRING && lt.vk != VK_NONE) {
			dfl_fail(s, la->pos, la->len, "%.*s (type=%s) cannot participate in %s comparison.",
			    dfl_span_len(la), s->text + la->pos, dfl_type_name(lt.ft), dfl_op_name(op));
			dfl_xnode_free(l);
			return NULL;
		}
		if (op == OP_MATCHES)
			return compile_matches(s, n, l, &lt);
	}
	if (lt.vk == VK_NONE && op != OP_CONTAINS && (!l->f || l->f->type == FT_NONE) && l->kind == X_FIELD) {
		/* FT_NONE fields only exist; 4.0 refuses comparing them. */
		dfl_fail(s, la->pos, la->len, "%.*s (type=%s) cannot participate in %s comparison.",
		    dfl_span_len(la), s->text + la->pos, dfl_type_name(lt.ft), dfl_op_name(op));
		dfl_xnode_free(l);
		return NULL;
	}
	if (is_literal(ra, NULL)) {
		struct vtype ct = lt;
		if (op == OP_CONTAINS && lt.ft == FT_ETHER)
			ct.ft = FT_BYTES;	/* a part of an address */
		r = const_node(s, ra, &ct);
	} else {
		r = compile_value(s, ra, &rt);
		if (r && !compatible(&lt, &rt)) {
			if ((lt.vk == VK_BYTES || lt.vk == VK_NONE) && rt.f && ra->kind == A_FIELD)
				dfl_fail(s, ra->pos, ra->len, "\"%.*s\" is a %s and cannot be converted into a "
				    "sequence of bytes.", dfl_span_len(ra), s->text + ra->pos, dfl_type_name(rt.ft));
			else
				dfl_fail(s, ra->pos, ra->len, "%.*s and %.*s are not of compatible types.",
				    dfl_span_len(la), s->text + la->pos, dfl_span_len(ra), s->text + ra->pos);
		}
	}
	if (!r || s->failed) {
		dfl_xnode_free(l);
		dfl_xnode_free(r);
		return NULL;
	}
	(void)opos;
	(void)olen;
	x = xnew(X_CMP);
	x->a = l;
	x->b = r;
	x->sub = op;
	if (op == OP_NE)
		x->all = n->quant != 1;
	else if (op == OP_ANY_NE)
		x->sub = OP_NE;
	else if (op == OP_ALL_EQ) {
		x->sub = OP_EQ;
		x->all = 1;
	} else
		x->all = n->quant == 2;
	if (op == OP_NE && n->quant == 1)
		x->all = 0;
	return x;
}

static struct xnode *compile_in(struct sema *s, const struct anode *n)
{
	const struct anode *la = n->a;
	struct vtype lt;
	struct xnode *l, *x;
	int k = 0;
	uint8_t **owned;

	if (is_literal(la, NULL)) {
		if (la->kind == A_FIELD && strchr(la->str, '.') && !isdigit((unsigned char)la->str[0]))
			not_a_field(s, la);
		else
			dfl_fail(s, la->pos, la->len, "Left side of \"in\" expression must be a field or "
			    "function, not %.*s.", dfl_span_len(la), s->text + la->pos);
		return NULL;
	}
	l = compile_value(s, la, &lt);
	if (!l)
		return NULL;
	x = xnew(X_IN);
	x->a = l;
	for (const struct anode *e = n->b; e; e = e->next)
		k++;
	x->consts = xcalloc((size_t)k * 2, sizeof(*x->consts));
	owned = xcalloc((size_t)k * 2, sizeof(*owned));
	for (const struct anode *e = n->b; e && !s->failed; e = e->next) {
		struct val *lo = &x->consts[2 * x->nconsts], *hi = lo + 1;
		if (!is_literal(e->a, NULL) || (e->b && !is_literal(e->b, NULL))) {
			const struct anode *bad = !is_literal(e->a, NULL) ? e->a : e->b;
			dfl_fail(s, bad->pos, bad->len, "Only literal values are supported in a set (%.*s).",
			    dfl_span_len(bad), s->text + bad->pos);
			break;
		}
		if (!dfl_convert(s, e->a, &lt, lo, &owned[2 * x->nconsts]))
			break;
		if (e->b) {
			if (lt.vk == VK_BYTES || lt.vk == VK_STRING || lt.vk == VK_NONE) {
				dfl_fail(s, e->pos, e->len, "A range in a set needs ordered values (%.*s).",
				    dfl_span_len(e), s->text + e->pos);
				break;
			}
			if (!dfl_convert(s, e->b, &lt, hi, &owned[2 * x->nconsts + 1]))
				break;
			lo->never |= 2;	/* marks a range: lo..hi */
		} else
			*hi = *lo;
		x->nconsts++;
	}
	/* Constants' bytes are owned by one block: copy them together. */
	{
		size_t total = 0, at = 0;
		for (int i = 0; i < 2 * k; i++)
			if (owned[i])
				total += x->consts[i].kind == VK_IPV4 ? 4 : x->consts[i].kind == VK_IPV6 ? 16 :
				    x->consts[i].b.n;
		x->owned = xmalloc(total + 1);
		for (int i = 0; i < 2 * k; i++) {
			size_t len;
			if (!owned[i])
				continue;
			len = x->consts[i].kind == VK_IPV4 ? 4 : x->consts[i].kind == VK_IPV6 ? 16 :
			    x->consts[i].b.n;
			memcpy(x->owned + at, owned[i], len);
			if (x->consts[i].addr)
				x->consts[i].addr = x->owned + at;
			if (x->consts[i].kind != VK_IPV4)
				x->consts[i].b.p = x->owned + at;
			at += len;
			free(owned[i]);
		}
		free(owned);
	}
	if (s->failed) {
		dfl_xnode_free(x);
		return NULL;
	}
	return x;
}

static struct xnode *compile_test(struct sema *s, const struct anode *n)
{
	struct xnode *x;
	const struct field_def *f = NULL;
	struct vtype t;

	if (s->failed)
		return NULL;
	switch (n->kind) {
	case A_OR:
	case A_AND:
		x = xnew(n->kind == A_OR ? X_OR : X_AND);
		x->a = compile_test(s, n->a);
		x->b = x->a ? compile_test(s, n->b) : NULL;
		if (!x->a || !x->b) {
			dfl_xnode_free(x);
			return NULL;
		}
		return x;
	case A_NOT:
		x = xnew(X_NOT);
		x->a = compile_test(s, n->a);
		if (!x->a) {
			dfl_xnode_free(x);
			return NULL;
		}
		return x;
	case A_CMP:
		return compile_cmp(s, n);
	case A_IN:
		return compile_in(s, n);
	case A_TEST:
		n = n->a;
		if (n->kind == A_FIELD) {
			if (is_literal(n, &f) || !f) {
				not_a_field(s, n);
				return NULL;
			}
			x = xnew(X_EXISTS);
			x->a = field_node(s, n, f, &t);
			if (!x->a) {
				dfl_xnode_free(x);
				return NULL;
			}
			return x;
		}
		if (n->kind == A_FUNC) {
			dfl_fail(s, n->pos, n->len, "You cannot test whether a function is present.");
			return NULL;
		}
		if (n->kind == A_STRING || n->kind == A_CHAR || n->kind == A_LITERAL ||
		    (n->kind == A_NEG && is_literal(n, NULL))) {
			dfl_fail(s, n->pos, n->len, "%.*s is neither a field nor a protocol name.",
			    dfl_span_len(n), s->text + n->pos);
			return NULL;
		}
		x = xnew(X_NONZERO);
		x->a = compile_value(s, n, &t);
		if (!x->a) {
			dfl_xnode_free(x);
			return NULL;
		}
		return x;
	default:
		dfl_fail(s, n->pos, n->len, "%.*s is not a test.", dfl_span_len(n), s->text + n->pos);
		return NULL;
	}
}

struct xnode *dfl_compile_ast(const char *text, const struct anode *ast, struct dfilter *df,
    struct dfilter_error *err)
{
	struct sema s = { text, df, err, 0 };
	struct xnode *x = compile_test(&s, ast);

	if (s.failed) {
		dfl_xnode_free(x);
		return NULL;
	}
	return x;
}

