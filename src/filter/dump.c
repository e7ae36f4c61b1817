/* dump.c — the canonical text of a compiled filter (dfl_xnode_dump), so that tests
 * can show that aliases and spellings compile to the same thing.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>

#include "filter/dfilter_int.h"

struct out {
	char *buf;
	size_t n, at;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(o->at < o->n ? o->buf + o->at : NULL, o->at < o->n ? o->n - o->at : 0, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->at += (size_t)k;
}

static void dump_val(struct out *o, const struct val *v)
{
	char a[64];

	if (v->never) {
		if (v->never & 1) {
			put(o, "never");
			return;
		}
	}
	switch (v->kind) {
	case VK_UINT: put(o, "%llu", (unsigned long long)v->u); break;
	case VK_INT: case VK_ABSTIME: case VK_RELTIME: put(o, "%lld", (long long)v->i); break;
	case VK_DOUBLE: put(o, "%g", v->d); break;
	case VK_IPV4:
		inet_ntop(AF_INET, v->addr, a, sizeof(a));
		put(o, "%s/%u", a, v->prefix);
		break;
	case VK_IPV6:
		inet_ntop(AF_INET6, v->addr, a, sizeof(a));
		put(o, "%s/%u", a, v->prefix);
		break;
	default:
		put(o, "b\"");
		for (uint32_t i = 0; i < v->b.n; i++)
			put(o, "%02x", v->b.p[i]);
		put(o, "\"");
	}
}

static void dump(struct out *o, const struct xnode *x)
{
	static const char *const fnames[] = { "len", "count", "lower", "upper", "string", "max",
		"min", "abs" };

	switch (x->kind) {
	case X_OR: case X_AND:
		put(o, "(%s ", x->kind == X_OR ? "or" : "and");
		dump(o, x->a);
		put(o, " ");
		dump(o, x->b);
		put(o, ")");
		break;
	case X_NOT: put(o, "(not "); dump(o, x->a); put(o, ")"); break;
	case X_TRUE: put(o, "true"); break;
	case X_EXISTS: put(o, "(exists "); dump(o, x->a); put(o, ")"); break;
	case X_NONZERO: put(o, "(nonzero "); dump(o, x->a); put(o, ")"); break;
	case X_CMP:
		put(o, "(%s%s ", x->all ? "all " : "", dfl_op_name(x->sub));
		dump(o, x->a);
		put(o, " ");
		dump(o, x->b);
		put(o, ")");
		break;
	case X_IN:
		put(o, "(in ");
		dump(o, x->a);
		for (int i = 0; i < x->nconsts; i++) {
			put(o, " ");
			dump_val(o, &x->consts[2 * i]);
			if (x->consts[2 * i].never & 2) {
				put(o, "..");
				dump_val(o, &x->consts[2 * i + 1]);
			}
		}
		put(o, ")");
		break;
	case X_MATCHES: put(o, "(matches "); dump(o, x->a); put(o, " re)"); break;
	case X_FIELD:
		put(o, "%s", x->f->abbrev);
		if (x->layer)
			put(o, "#%d", x->layer);
		break;
	case X_REF: put(o, "${%s}", x->f->abbrev); break;
	case X_CONST: dump_val(o, &x->consts[0]); break;
	case X_SLICE:
		dump(o, x->a);
		put(o, "[");
		for (int i = 0; i < x->nranges; i++)
			put(o, "%s%d:%d", i ? "," : "", x->ranges[i].start, x->ranges[i].len);
		put(o, "]");
		break;
	case X_ARITH:
		put(o, "(%c ", x->sub);
		dump(o, x->a);
		put(o, " ");
		dump(o, x->b);
		put(o, ")");
		break;
	case X_NEG: put(o, "(neg "); dump(o, x->a); put(o, ")"); break;
	case X_FUNC:
		put(o, "%s(", fnames[x->sub]);
		for (int i = 0; i < x->nargs; i++) {
			if (i)
				put(o, ", ");
			dump(o, x->args[i]);
		}
		put(o, ")");
		break;
	}
}

size_t dfl_xnode_dump(const struct xnode *x, char *buf, size_t n)
{
	struct out o = { buf, n, 0 };

	if (n)
		buf[0] = '\0';
	if (x)
		dump(&o, x);
	return o.at;
}
