/* parse.c — recursive-descent parser for Wireshark 4.0 display filters.
 *
 * Precedence, loosest first (as 4.0's grammar): or / || ; and / && ; not / ! ;
 * relations (non-associative) ; & ; + - ; * / % ; unary minus.  Parentheses group
 * logical expressions, braces group arithmetic.  Errors name the first token that
 * does not fit: "\"==\" was unexpected in this context." with its span.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "filter/dfilter_int.h"

#define MAX_DEPTH 200
#define MAX_NODES 4000

struct parser {
	const char *text;
	int next;		/* offset after tok */
	struct token tok;
	struct dfilter_error *err;
	int failed;
	int depth;
	int nnodes;		/* nodes created: bounds the recursion of every later stage
				 * (compile, evaluate, free), whatever the shape of the text */
};

static void advance(struct parser *p)
{
	int e;

	if (p->failed)
		return;
	e = dfl_lex(p->text, p->next, &p->tok, p->err);
	if (e < 0) {
		p->failed = 1;
		p->tok.type = T_END;
		return;
	}
	p->next = e;
}

static void unexpected(struct parser *p)
{
	if (p->failed)
		return;
	p->failed = 1;
	if (p->tok.type == T_END)
		dfl_err(p->err, p->tok.pos, 1, "Unexpected end of filter expression.");
	else
		dfl_err(p->err, p->tok.pos, p->tok.len, "\"%.*s\" was unexpected in this context.",
		    p->tok.len > 64 ? 64 : p->tok.len, p->text + p->tok.pos);
}

static struct anode *node(struct parser *p, enum anode_kind k, int pos, int len)
{
	struct anode *n = xcalloc(1, sizeof(*n));

	p->nnodes++;

	n->kind = k;
	n->pos = pos;
	n->len = len;
	return n;
}

void dfl_anode_free(struct anode *n)
{
	while (n) {
		struct anode *next = n->next;
		dfl_anode_free(n->a);
		dfl_anode_free(n->b);
		free(n->str);
		free(n);
		n = next;
	}
}

static struct anode *join(struct parser *p, enum anode_kind k, struct anode *a, struct anode *b)
{
	struct anode *n = node(p, k, a->pos, b->pos + b->len - a->pos);

	n->a = a;
	n->b = b;
	return n;
}

static char *span_dup(const char *text, int pos, int len)
{
	char *s = xmalloc((size_t)len + 1);

	memcpy(s, text + pos, (size_t)len);
	s[len] = '\0';
	return s;
}

static struct anode *parse_or(struct parser *p);
static struct anode *parse_arith(struct parser *p);

static int deeper(struct parser *p)
{
	if (++p->depth > MAX_DEPTH || p->nnodes > MAX_NODES) {
		if (!p->failed)
			dfl_err(p->err, p->tok.pos, p->tok.len, p->nnodes > MAX_NODES ?
			    "Filter expression is too long." : "Filter expression nested too deeply.");
		p->failed = 1;
		return 0;
	}
	return 1;
}

/* Slices and a layer may follow a field; slices follow any value. */
static struct anode *postfix(struct parser *p, struct anode *v)
{
	while (!p->failed && p->tok.type == T_SLICE) {
		struct anode *s = node(p, A_SLICE, v->pos, p->tok.pos + p->tok.len - v->pos);
		s->num = (uint64_t)p->tok.pos;	/* the '[' */
		s->a = v;
		s->str = span_dup(p->text, p->tok.pos + 1, p->tok.len - 2);
		s->slen = (uint32_t)p->tok.len - 2;
		v = s;
		advance(p);
	}
	return v;
}

static struct anode *parse_primary(struct parser *p)
{
	struct token t = p->tok;
	struct anode *n;

	if (p->failed)
		return NULL;
	switch (t.type) {
	case T_WORD:
		advance(p);
		if (p->tok.type == T_LPAREN && p->tok.pos == t.pos + t.len) {
			struct anode **tail;
			n = node(p, A_FUNC, t.pos, t.len);
			n->str = span_dup(p->text, t.pos, t.len);
			advance(p);
			tail = &n->a;
			if (p->tok.type != T_RPAREN) {
				for (;;) {
					*tail = parse_arith(p);
					if (p->failed || !*tail)
						return n;
					tail = &(*tail)->next;
					if (p->tok.type != T_COMMA)
						break;
					advance(p);
				}
			}
			if (p->tok.type != T_RPAREN) {
				unexpected(p);
				return n;
			}
			advance(p);
			return postfix(p, n);
		}
		n = node(p, A_FIELD, t.pos, t.len);
		n->str = span_dup(p->text, t.pos, t.len);
		if (p->tok.type == T_HASH && p->tok.pos == t.pos + t.len) {
			advance(p);
			if (p->tok.type != T_WORD) {
				unexpected(p);
				return n;
			}
			char *end;
			long l = strtol(p->text + p->tok.pos, &end, 10);
			if (end != p->text + p->tok.pos + p->tok.len || l < 1 || l > 1000) {
				dfl_err(p->err, p->tok.pos, p->tok.len,
				    "\"%.*s\" is not a valid layer number.", p->tok.len, p->text + p->tok.pos);
				p->failed = 1;
				return n;
			}
			n->layer = (int)l;
			n->len = p->tok.pos + p->tok.len - n->pos;
			advance(p);
		}
		return postfix(p, n);
	case T_STRING:
	case T_CHAR:
		n = node(p, t.type == T_STRING ? A_STRING : A_CHAR, t.pos, t.len);
		n->str = dfl_decode_quoted(p->text, &t, &n->slen);
		n->sub = t.sub;
		advance(p);
		return postfix(p, n);
	case T_REF:
		n = node(p, A_REF, t.pos, t.len);
		n->str = span_dup(p->text, t.pos + 2, t.len - 3);
		advance(p);
		return postfix(p, n);
	case T_LBRACE:
		advance(p);
		n = parse_arith(p);
		if (p->failed)
			return n;
		if (p->tok.type != T_RBRACE) {
			unexpected(p);
			return n;
		}
		advance(p);
		return postfix(p, n);
	default:
		unexpected(p);
		return NULL;
	}
}

static struct anode *parse_unary_value(struct parser *p)
{
	if (p->tok.type == T_MINUS || p->tok.type == T_PLUS) {
		struct token t = p->tok;
		struct anode *a, *n;
		if (!deeper(p))
			return NULL;
		advance(p);
		a = parse_unary_value(p);
		p->depth--;
		if (!a)
			return NULL;
		if (t.type == T_PLUS)
			return a;
		n = node(p, A_NEG, t.pos, a->pos + a->len - t.pos);
		n->a = a;
		return n;
	}
	return parse_primary(p);
}

static struct anode *parse_binary(struct parser *p, int level)
{
	static const enum tok_type ops[3][3] = {
		{ T_BITAND, T_BITAND, T_BITAND },
		{ T_PLUS, T_MINUS, T_MINUS },
		{ T_STAR, T_SLASH, T_PERCENT },
	};
	static const char opch[3][3] = { { '&', '&', '&' }, { '+', '-', '-' }, { '*', '/', '%' } };
	struct anode *l = level == 2 ? parse_unary_value(p) : parse_binary(p, level + 1);

	if (!l)
		return NULL;
	while (!p->failed) {
		int k = -1;
		for (int i = 0; i < 3; i++)
			if (p->tok.type == ops[level][i])
				k = i;
		if (k < 0)
			break;
		advance(p);
		struct anode *r = level == 2 ? parse_unary_value(p) : parse_binary(p, level + 1);
		if (!r)
			return l;
		l = join(p, A_ARITH, l, r);
		l->sub = opch[level][k];
	}
	return l;
}

static struct anode *parse_arith(struct parser *p)
{
	struct anode *n;

	if (!deeper(p))
		return NULL;
	n = parse_binary(p, 0);
	p->depth--;
	return n;
}

static struct anode *parse_set(struct parser *p, struct anode *lhs, int inpos)
{
	struct anode *n = node(p, A_IN, lhs->pos, 0), **tail = &n->b;

	n->a = lhs;
	if (p->tok.type != T_LBRACE) {
		unexpected(p);
		return n;
	}
	advance(p);
	for (;;) {
		struct anode *e = node(p, A_SETELEM, p->tok.pos, 0);
		*tail = e;
		tail = &e->next;
		e->a = parse_arith(p);
		if (p->failed)
			return n;
		e->len = e->a->len;
		if (p->tok.type == T_DOTDOT) {
			advance(p);
			e->b = parse_arith(p);
			if (p->failed)
				return n;
			e->len = e->b->pos + e->b->len - e->pos;
		}
		if (p->tok.type == T_RBRACE)
			break;
		if (p->tok.type != T_COMMA) {
			unexpected(p);
			return n;
		}
		advance(p);
	}
	n->len = p->tok.pos + 1 - n->pos;
	advance(p);
	(void)inpos;
	return n;
}

static struct anode *parse_relation(struct parser *p)
{
	int quant = 0, qpos = p->tok.pos;
	struct anode *l, *n;

	if (p->tok.type == T_ANY || p->tok.type == T_ALL) {
		quant = p->tok.type == T_ANY ? 1 : 2;
		advance(p);
	}
	l = parse_arith(p);
	if (!l || p->failed)
		return l;
	if (p->tok.type == T_CMP) {
		int op = p->tok.sub, opos = p->tok.pos, olen = p->tok.len;
		advance(p);
		struct anode *r = parse_arith(p);
		if (!r) {
			dfl_anode_free(l);
			return NULL;
		}
		n = join(p, A_CMP, l, r);
		n->sub = op;
		n->quant = quant;
		n->num = (uint64_t)opos << 16 | (uint64_t)olen;	/* operator span for errors */
		if (quant)
			n->pos = qpos, n->len += l->pos - qpos;
		if (!p->failed && p->tok.type == T_CMP)
			unexpected(p);
		return n;
	}
	if (p->tok.type == T_IN)  {
		int inpos = p->tok.pos;
		advance(p);
		return parse_set(p, l, inpos);
	}
	if (p->tok.type == T_NOT) {
		/* "a not in {…}" is "not (a in {…})" */
		int save = p->next;
		struct token t = p->tok;
		advance(p);
		if (p->tok.type == T_IN) {
			int inpos = p->tok.pos;
			advance(p);
			struct anode *s = parse_set(p, l, inpos);
			n = node(p, A_NOT, s->pos, s->len);
			n->a = s;
			return n;
		}
		p->next = save;
		p->tok = t;
	}
	if (quant) {
		dfl_err(p->err, p->tok.pos, p->tok.len ? p->tok.len : 1, p->tok.type == T_END ?
		    "Unexpected end of filter expression." : "A quantifier needs a relation (any x == y).");
		p->failed = 1;
	}
	n = node(p, A_TEST, l->pos, l->len);
	n->a = l;
	return n;
}

static struct anode *parse_not(struct parser *p)
{
	struct anode *n;

	if (!deeper(p))
		return NULL;
	if (p->tok.type == T_NOT) {
		int pos = p->tok.pos;
		advance(p);
		struct anode *a = parse_not(p);
		if (!a) {
			p->depth--;
			return NULL;
		}
		n = node(p, A_NOT, pos, a->pos + a->len - pos);
		n->a = a;
	} else if (p->tok.type == T_LPAREN) {
		int pos = p->tok.pos;
		advance(p);
		n = parse_or(p);
		if (n && !p->failed) {
			if (p->tok.type != T_RPAREN)
				unexpected(p);
			else {
				n->pos = pos;
				n->len = p->tok.pos + 1 - pos;
				advance(p);
			}
		}
	} else
		n = parse_relation(p);
	p->depth--;
	return n;
}

static struct anode *parse_and(struct parser *p)
{
	struct anode *l = parse_not(p);

	while (l && !p->failed && p->tok.type == T_AND) {
		advance(p);
		struct anode *r = parse_not(p);
		if (!r)
			break;
		l = join(p, A_AND, l, r);
	}
	return l;
}

static struct anode *parse_or(struct parser *p)
{
	struct anode *l = parse_and(p);

	while (l && !p->failed && p->tok.type == T_OR) {
		advance(p);
		struct anode *r = parse_and(p);
		if (!r)
			break;
		l = join(p, A_OR, l, r);
	}
	return l;
}

struct anode *dfl_parse(const char *text, struct dfilter_error *err)
{
	struct parser p = { text, 0, { T_END, 0, 0, 0 }, err, 0, 0, 0 };
	struct anode *n;

	advance(&p);
	if (p.failed)
		return NULL;
	n = parse_or(&p);
	if (!p.failed && p.tok.type != T_END)
		unexpected(&p);
	if (p.failed) {
		dfl_anode_free(n);
		return NULL;
	}
	return n;
}
