/* lex.c — display-filter tokens with byte positions (Wireshark 4.0's scanner).
 *
 * Words are runs of [A-Za-z0-9_.:] with '-' and '/' allowed after the first
 * character: field names, numbers, addresses with a CIDR prefix and byte strings
 * all lex as T_WORD and are told apart later, against the type they meet, as
 * Wireshark does with its "unparsed" literals.  A word stops before "..", so
 * "1..5" is 1, .., 5.  Keywords are whole words, case-sensitive ("AND" is not one).
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/hexdigit.h"
#include "core/xmalloc.h"
#include "filter/dfilter_int.h"

void dfl_err(struct dfilter_error *err, int col, int len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	err->col = col < 0 ? 0 : col;
	err->len = len < 1 ? 1 : len;
}

static const struct {
	const char *word;
	enum tok_type type;
	int sub;
} keywords[] = {
	{ "and", T_AND, 0 }, { "or", T_OR, 0 }, { "not", T_NOT, 0 }, { "in", T_IN, 0 },
	{ "any", T_ANY, 0 }, { "all", T_ALL, 0 },
	{ "eq", T_CMP, OP_EQ }, { "any_eq", T_CMP, OP_EQ }, { "ne", T_CMP, OP_NE },
	{ "all_ne", T_CMP, OP_NE }, { "any_ne", T_CMP, OP_ANY_NE }, { "all_eq", T_CMP, OP_ALL_EQ },
	{ "gt", T_CMP, OP_GT }, { "ge", T_CMP, OP_GE }, { "lt", T_CMP, OP_LT },
	{ "le", T_CMP, OP_LE }, { "contains", T_CMP, OP_CONTAINS },
	{ "matches", T_CMP, OP_MATCHES }, { "bitwise_and", T_BITAND, 0 },
};

/* Punctuation, longest first. */
static const struct {
	const char *s;
	enum tok_type type;
	int sub;
} puncts[] = {
	{ "===", T_CMP, OP_ALL_EQ }, { "!==", T_CMP, OP_ANY_NE },
	{ "==", T_CMP, OP_EQ }, { "!=", T_CMP, OP_NE }, { "~=", T_CMP, OP_ANY_NE },
	{ ">=", T_CMP, OP_GE }, { "<=", T_CMP, OP_LE }, { "&&", T_AND, 0 }, { "||", T_OR, 0 },
	{ "..", T_DOTDOT, 0 },
	{ ">", T_CMP, OP_GT }, { "<", T_CMP, OP_LT }, { "~", T_CMP, OP_MATCHES },
	{ "!", T_NOT, 0 }, { "&", T_BITAND, 0 }, { "(", T_LPAREN, 0 }, { ")", T_RPAREN, 0 },
	{ "{", T_LBRACE, 0 }, { "}", T_RBRACE, 0 }, { ",", T_COMMA, 0 }, { "#", T_HASH, 0 },
	{ "+", T_PLUS, 0 }, { "-", T_MINUS, 0 }, { "*", T_STAR, 0 }, { "/", T_SLASH, 0 },
	{ "%", T_PERCENT, 0 },
};

static const char *const op_names[] = {
	[OP_EQ] = "==", [OP_NE] = "!=", [OP_ANY_NE] = "~=", [OP_ALL_EQ] = "===",
	[OP_GT] = ">", [OP_GE] = ">=", [OP_LT] = "<", [OP_LE] = "<=",
	[OP_CONTAINS] = "contains", [OP_MATCHES] = "matches",
};

const char *dfl_op_name(enum cmp_op op)
{
	return op_names[op];
}

static int is_word_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '_' || c == '.' || c == ':';
}

static int is_word_char(char c)
{
	return is_word_start(c) || c == '-' || c == '/';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* One escape sequence at s (s[0] == '\\'): stores the byte, returns its length or 0
 * when it is not a valid escape. */
static int escape(const char *s, uint8_t *out)
{
	static const char simple[] = "a\ab\bf\fn\nr\rt\tv\v\\\\''\"\"";

	for (const char *p = simple; *p; p += 2)
		if (s[1] == p[0]) {
			*out = (uint8_t)p[1];
			return 2;
		}
	if (s[1] == 'x' && hexdigit_value((unsigned char)s[2]) >= 0) {
		int v = hexdigit_value((unsigned char)s[2]), k = 3;
		if (hexdigit_value((unsigned char)s[3]) >= 0)
			v = v * 16 + hexdigit_value((unsigned char)s[k++]);
		*out = (uint8_t)v;
		return k;
	}
	if (s[1] == 'u' || s[1] == 'U') {
		/* A universal character name: UTF-8 encoded by the decoder; here only its
		 * length.  Returns -k when it is malformed (k = its length). */
		int want = s[1] == 'u' ? 4 : 8, k = 2;
		unsigned long v = 0;
		while (k < 2 + want && hexdigit_value((unsigned char)s[k]) >= 0)
			v = v * 16 + (unsigned long)hexdigit_value((unsigned char)s[k++]);
		if (k < 2 + want || v < 0xa0 || (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff)
			return -k;
		*out = 0;
		return k;
	}
	if (s[1] >= '0' && s[1] <= '7') {
		int v = 0, k = 1;
		while (k < 4 && s[k] >= '0' && s[k] <= '7')
			v = v * 8 + (s[k++] - '0');
		if (v > 255)
			return 0;
		*out = (uint8_t)v;
		return k;
	}
	return 0;
}

/* Scans a quoted string or character constant starting at its opening quote.
 * Returns the offset after the closing quote, or -1 with err set. */
static int scan_quoted(const char *text, int pos, char q, int raw, struct dfilter_error *err)
{
	int i = pos + 1;
	uint8_t b;

	for (;;) {
		if (!text[i]) {
			dfl_err(err, pos, 1, "The final quote was missing from a %s.",
			    q == '"' ? "quoted string" : "character constant");
			return -1;
		}
		if (text[i] == q)
			return i + 1;
		if (text[i] == '\\') {
			int k;
			if (raw) {
				i += text[i + 1] ? 2 : 1;
				continue;
			}
			k = escape(text + i, &b);
			if (k < 0) {
				dfl_err(err, i, -k, "%.*s is not a valid universal character name", -k,
				    text + i);
				return -1;
			}
			if (q == '\'' && k > 0 && strchr("abfnrtv", text[i + 1])) {
				int e = i + k;
				while (text[e] && text[e] != '\'')
					e++;
				dfl_err(err, pos, e + 1 - pos, "%.*s is too long to be a valid character "
				    "constant.", e + 1 - pos, text + pos);
				return -1;
			}
			if (!k) {
				dfl_err(err, i, text[i + 1] ? 2 : 1,
				    "\\%c is not a valid character escape sequence",
				    text[i + 1] ? text[i + 1] : ' ');
				return -1;
			}
			i += k;
			continue;
		}
		i++;
	}
}

/* Decodes the body of a string or character token into a new buffer (NUL added). */
char *dfl_decode_quoted(const char *text, const struct token *t, uint32_t *n)
{
	int raw = t->type == T_STRING && t->sub;
	int start = t->pos + 1 + raw, end = t->pos + t->len - 1;
	char *out = xmalloc((size_t)(end - start) + 1);
	uint32_t k = 0;

	for (int i = start; i < end;) {
		uint8_t b;
		int m;
		if (text[i] == '\\' && raw) {
			/* A raw string keeps the backslash; \" does not end it. */
			out[k++] = text[i++];
			if (i < end)
				out[k++] = text[i++];
			continue;
		}
		if (text[i] == '\\' && (text[i + 1] == 'u' || text[i + 1] == 'U') &&
		    (m = escape(text + i, &b)) > 0) {
			/* strtoul would read past the escape into hex digits that follow it:
			 * take exactly the escape's digits (escape() returned 6 or 10 here) */
			char hex[9];
			unsigned long v;
			memcpy(hex, text + i + 2, (size_t)m - 2);
			/* cppcheck-suppress negativeIndex ; m > 0 is m >= 6, see above */
			hex[m - 2] = '\0';
			v = strtoul(hex, NULL, 16);
			if (v < 0x800) {
				out[k++] = (char)(0xc0 | v >> 6);
				out[k++] = (char)(0x80 | (v & 0x3f));
			} else if (v < 0x10000) {
				out[k++] = (char)(0xe0 | v >> 12);
				out[k++] = (char)(0x80 | (v >> 6 & 0x3f));
				out[k++] = (char)(0x80 | (v & 0x3f));
			} else {
				out[k++] = (char)(0xf0 | v >> 18);
				out[k++] = (char)(0x80 | (v >> 12 & 0x3f));
				out[k++] = (char)(0x80 | (v >> 6 & 0x3f));
				out[k++] = (char)(0x80 | (v & 0x3f));
			}
			i += m;
			continue;
		}
		if (text[i] == '\\' && (m = escape(text + i, &b)) > 0) {
			out[k++] = (char)b;
			i += m;
			continue;
		}
		out[k++] = text[i++];
	}
	out[k] = '\0';
	*n = k;
	return out;
}

/* A word with colons is an IPv6 address (with a prefix) or a byte string of
 * two-digit groups ("00:b0", ":00:b0"); 4.0's scanner splits anything else, and the
 * piece after the split is what it reports as unexpected. */
static int colon_word_ok(const char *w, int len, struct dfilter_error *err, int pos)
{
	char buf[128];
	const char *g, *end = w + len;
	int i, bad = -1, idx = 0;
	struct in6_addr a;

	if (len < (int)sizeof(buf)) {
		char *slash;
		memcpy(buf, w, (size_t)len);
		buf[len] = '\0';
		slash = strchr(buf, '/');
		if (slash)
			*slash = '\0';
		if (inet_pton(AF_INET6, buf, &a) == 1)
			return 1;
	}
	for (g = w, i = 0; g <= end; idx++) {
		const char *c = g;
		while (c < end && *c != ':')
			c++;
		if (!(idx == 0 && c == g) && !(c - g == 2 && hexdigit_value((unsigned char)g[0]) >= 0 && hexdigit_value((unsigned char)g[1]) >= 0)) {
			bad = idx;
			break;
		}
		if (c == end)
			return 1;
		g = c + 1;
		i++;
	}
	/* The unexpected piece: from the colon before the bad group, or after group 0. */
	{
		const char *c = w;
		int want = bad == 0 ? 1 : bad;
		for (int k = 0; k < want && c < end; c++)
			if (*c == ':')
				k++;
		c--;	/* at the colon */
		if (c < w || *c != ':') {
			c = memchr(w, ':', (size_t)len);
		}
		const char *e2 = c + 1;
		while (e2 < end && *e2 != ':')
			e2++;
		dfl_err(err, pos + (int)(c - w), (int)(e2 - c), "\"%.*s\" was unexpected in this context.",
		    (int)(e2 - c), c);
	}
	return 0;
}

int dfl_lex(const char *text, int pos, struct token *tok, struct dfilter_error *err)
{
	int i = pos;

	while (is_space(text[i]))
		i++;
	tok->pos = i;
	tok->sub = 0;
	if (!text[i]) {
		tok->type = T_END;
		tok->len = 0;
		return i;
	}
	if (text[i] == '"' || (text[i] == 'r' && text[i + 1] == '"')) {
		int raw = text[i] == 'r';
		int e = scan_quoted(text, i + raw, '"', raw, err);
		if (e < 0)
			return -1;
		tok->type = T_STRING;
		tok->sub = raw;
		tok->len = e - i;
		return e;
	}
	if (text[i] == '\'') {
		int e = scan_quoted(text, i, '\'', 0, err);
		if (e < 0)
			return -1;
		tok->type = T_CHAR;
		tok->len = e - i;
		return e;
	}
	if (text[i] == '$' && text[i + 1] == '{') {
		int e = i + 2;
		while (text[e] && text[e] != '}')
			e++;
		if (!text[e]) {
			dfl_err(err, (int)strlen(text), 1,
			    "end of filter in the middle of a macro expression");
			return -1;
		}
		tok->type = T_REF;
		tok->len = e + 1 - i;
		return e + 1;
	}
	if (text[i] == '[') {
		int e = i + 1;
		while (text[e] && text[e] != ']')
			e++;
		if (!text[e]) {
			dfl_err(err, i, 1, "The right bracket was missing from a slice.");
			return -1;
		}
		tok->type = T_SLICE;
		tok->len = e + 1 - i;
		return e + 1;
	}
	if (is_word_start(text[i]) && !(text[i] == '.' && text[i + 1] == '.')) {
		int e = i + 1;
		while (is_word_char(text[e]) && !(text[e] == '.' && text[e + 1] == '.'))
			e++;
		tok->type = T_WORD;
		tok->len = e - i;
		if (memchr(text + i, ':', (size_t)(e - i)) && !colon_word_ok(text + i, e - i, err, i))
			return -1;
		for (size_t k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++)
			if ((int)strlen(keywords[k].word) == tok->len &&
			    !strncmp(keywords[k].word, text + i, (size_t)tok->len)) {
				tok->type = keywords[k].type;
				tok->sub = keywords[k].sub;
			}
		return e;
	}
	for (size_t k = 0; k < sizeof(puncts) / sizeof(puncts[0]); k++) {
		size_t n = strlen(puncts[k].s);
		if (!strncmp(text + i, puncts[k].s, n)) {
			tok->type = puncts[k].type;
			tok->sub = puncts[k].sub;
			tok->len = (int)n;
			return i + (int)n;
		}
	}
	/* One character (a whole UTF-8 sequence) no token starts with. */
	tok->type = T_BAD;
	tok->len = 1;
	while (((unsigned char)text[i + tok->len] & 0xc0) == 0x80)
		tok->len++;
	return i + tok->len;
}
