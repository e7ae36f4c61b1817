/* dfilter_int.h — internals shared by the display-filter stages.
 *
 *   lex.c    text → tokens with byte positions
 *   parse.c  tokens → AST (struct anode), syntax errors with the offending token
 *   sema.c   AST → typed, compiled tree (struct xnode): fields resolved in the
 *            registry, literals converted once to the type they are compared with,
 *            regular expressions compiled
 *   eval.c   compiled tree × packet tree → match, without allocating once warm
 *
 * Every stage reports the first error into struct dfilter_error (message, column,
 * length) and stops; nothing is printed.
 */
#ifndef NETLAB_DFILTER_INT_H
#define NETLAB_DFILTER_INT_H

#include <stdint.h>
#include <stddef.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "dissect/registry.h"
#include "filter/dfilter.h"

/* ---- tokens ---- */

enum tok_type {
	T_END, T_LPAREN, T_RPAREN, T_LBRACE, T_RBRACE, T_COMMA, T_DOTDOT, T_HASH,
	T_SLICE,		/* "[...]" as a whole; the range text is parsed by the parser */
	T_REF,			/* "${field}" as a whole */
	T_CMP,			/* sub: enum cmp_op */
	T_AND, T_OR, T_NOT, T_IN, T_ANY, T_ALL,
	T_BITAND, T_PLUS, T_MINUS, T_STAR, T_SLASH, T_PERCENT,
	T_STRING,		/* "..." (escapes checked), or r"..." (raw: sub = 1) */
	T_CHAR,			/* '...' */
	T_WORD,			/* a field name or an unparsed literal (number, address, bytes) */
	T_BAD,			/* a character no token starts with */
};

enum cmp_op {
	OP_EQ, OP_NE, OP_ANY_NE, OP_ALL_EQ, OP_GT, OP_GE, OP_LT, OP_LE,
	OP_CONTAINS, OP_MATCHES,
};

struct token {
	enum tok_type type;
	int sub;
	int pos, len;		/* byte span in the filter text */
};

/* Fills *tok with the token at byte offset pos.  Returns the offset after it; on a
 * lexical error (bad escape, unterminated string) fills err and returns -1. */
int dfl_lex(const char *text, int pos, struct token *tok, struct dfilter_error *err);
const char *dfl_op_name(enum cmp_op op);
/* Decodes a T_STRING/T_CHAR body (escapes resolved, raw strings kept) into a new
 * NUL-terminated buffer; *n = its length. */
char *dfl_decode_quoted(const char *text, const struct token *t, uint32_t *n);

/* ---- AST ---- */

enum anode_kind {
	A_OR, A_AND, A_NOT,
	A_TEST,			/* a: value; true when it exists (or is nonzero for arithmetic) */
	A_CMP,			/* a op b; sub = enum cmp_op; quant: 0 default, 1 any, 2 all */
	A_IN,			/* a in {set}: b = first element (A_SETELEM chain via next) */
	A_SETELEM,		/* a, optional b = upper bound of a range */
	A_FIELD,		/* pos/len = name; layer (0 = any) */
	A_LITERAL,		/* unparsed word */
	A_STRING,		/* decoded in str/slen */
	A_CHAR,			/* decoded value in num */
	A_REF,			/* ${field}: pos/len = field name */
	A_FUNC,			/* name at pos/len, args: a chain via next */
	A_SLICE,		/* a sliced by ranges (pos/len = the "[...]" token) */
	A_ARITH,		/* a op b; sub = '+', '-', '*', '/', '%', '&' */
	A_NEG,			/* -a */
};

struct anode {
	enum anode_kind kind;
	int sub, quant, layer;
	int pos, len;		/* source span used for error carets */
	struct anode *a, *b, *next;
	char *str;		/* A_STRING bytes (owned), A_FIELD/A_FUNC/A_REF name (owned) */
	uint32_t slen;
	uint64_t num;
};

struct anode *dfl_parse(const char *text, struct dfilter_error *err);
void dfl_anode_free(struct anode *n);

/* ---- compiled form ---- */

/* Value kinds at run time (several field types share one). */
enum vkind {
	VK_UINT, VK_INT, VK_DOUBLE, VK_ABSTIME, VK_RELTIME, VK_IPV4, VK_IPV6,
	VK_BYTES,		/* bytes, ether, protocol ranges, slices */
	VK_STRING,
	VK_NONE,		/* FT_NONE nodes used as values: their bytes */
};

struct val {
	union {
		uint64_t u;
		int64_t i;
		double d;
		struct {
			const uint8_t *p;
			uint32_t n;
		} b;
	};
	const uint8_t *addr;	/* IPv4: the 4 bytes (for slices); IPv6: the 16 bytes */
	uint32_t tailn;		/* protocols: bytes from b.p to the end of their data, which
				 * contains/matches search (≥ b.n); 0 otherwise */
	uint8_t prefix;		/* CIDR prefix for address constants, else full width */
	uint8_t kind;		/* enum vkind */
	uint8_t never;		/* a constant no value can equal (negative for unsigned) */
};

struct slice_range {
	int32_t start;		/* negative: from the end */
	int32_t len;		/* -1: to the end */
};

enum xkind {
	X_OR, X_AND, X_NOT, X_TRUE,
	X_EXISTS,		/* field present (any occurrence, layer respected) */
	X_NONZERO,		/* any value of a is nonzero / nonempty */
	X_CMP,			/* a op b with quantifier */
	X_IN,			/* any value of a in set (consts, ranges) */
	X_MATCHES,		/* any value of a matches the compiled regex */
	/* value producers */
	X_FIELD, X_CONST, X_SLICE, X_ARITH, X_NEG, X_FUNC, X_REF,
};

enum xfunc { FN_LEN, FN_COUNT, FN_LOWER, FN_UPPER, FN_STRING, FN_MAX, FN_MIN, FN_ABS };

struct xnode {
	enum xkind kind;
	int sub;		/* cmp op / arith op / function */
	int all;		/* X_CMP: every pair must hold */
	enum vkind vk;		/* value producers: the kind they yield */
	const struct field_def *f;	/* X_FIELD, X_EXISTS */
	const struct field_def *proto;	/* layer selection: the field's protocol */
	int layer;
	int width;		/* FN_LEN of a fixed-size type: its size in bytes */
	struct xnode *a, *b;
	struct xnode **args;	/* X_FUNC */
	int nargs;
	struct val *consts;	/* X_CONST (1), X_IN set: pairs lo, hi */
	int nconsts;
	uint8_t *owned;		/* bytes backing constants */
	struct slice_range *ranges;	/* X_SLICE */
	int nranges;
	pcre2_code *re;		/* X_MATCHES */
	pcre2_match_data *md;
};

struct scratch;

struct dfilter {
	struct xnode *root;
	struct scratch *s;	/* per-apply working memory, reused */
	uint8_t *interest;	/* bitset of fields read */
	int nbits;
};

/* sema.c */
struct xnode *dfl_compile_ast(const char *text, const struct anode *ast, struct dfilter *df,
    struct dfilter_error *err);
void dfl_xnode_free(struct xnode *x);
size_t dfl_xnode_dump(const struct xnode *x, char *buf, size_t n);

/* eval.c */
struct scratch *dfl_scratch_new(void);
void dfl_scratch_free(struct scratch *s);
int dfl_eval(const struct dfilter *df, const struct dtree *t);

/* errors */
void dfl_err(struct dfilter_error *err, int col, int len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
