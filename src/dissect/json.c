/* json.c — whether a payload is JSON as tshark 4.0 judges it before its JSON dissector
 * takes it: a strict, tokenising pass that accepts at most 1024 tokens (objects, arrays,
 * strings, primitives).  Its rules are looser than RFC 8259 and tshark's answer is what
 * counts, so they are the tokeniser's, not the grammar's:
 *   - any number of values in a row ("{}{}", "[1 2]") and a comma before a close
 *     ('{"a":1,}') pass; a primitive is any run of printable characters starting with
 *     one of "-0123456789tfn" and ending at blank, ',', ']' or '}' ("tru" passes), so a
 *     payload that ends inside a primitive ("123") fails;
 *   - a primitive may not stand where an object's key belongs (an object or array may);
 *   - string escapes are checked (\uXXXX with four hex digits); raw control bytes pass;
 *   - a NUL ends the text (a NUL first fails); an unclosed string, object or array fails.
 */
#include "config.h"

#include <string.h>

#include "dissect/json.h"

enum { J_OBJECT = 1, J_ARRAY, J_STRING, J_PRIMITIVE };
enum { JSON_MAX_TOKENS = 1024 };

struct jtok {
	uint8_t type;
	uint8_t open;	/* an object or array not closed yet */
	uint16_t size;	/* values (or keys) it holds; a key: 1 once its value came */
};

struct jparse {
	struct jtok tok[JSON_MAX_TOKENS];
	int next;	/* tokens used */
	int super;	/* the token the next value belongs to, -1 at the top */
};

static struct jtok *jtok_new(struct jparse *p, uint8_t type)
{
	if (p->next >= JSON_MAX_TOKENS)
		return NULL;
	struct jtok *t = &p->tok[p->next++];
	t->type = type;
	t->open = type == J_OBJECT || type == J_ARRAY;
	t->size = 0;
	return t;
}

/* The innermost open object or array at or before token i, -1 when none. */
static int innermost_open(const struct jparse *p, int i)
{
	for (; i >= 0; i--)
		if (p->tok[i].open)
			return i;
	return -1;
}

/* A value of kind J_STRING, J_OBJECT/J_ARRAY or J_PRIMITIVE begins where p->super says.
 * Only primitives are checked: none where an object wants a key or after a key's value
 * (an object or array passes anywhere, as in tshark). */
static int value_here(struct jparse *p, uint8_t kind)
{
	if (p->super < 0)
		return 1;
	struct jtok *s = &p->tok[p->super];
	if (kind == J_PRIMITIVE && (s->type == J_OBJECT || (s->type == J_STRING && s->size)))
		return 0;
	s->size++;
	return 1;
}

/* A string from the opening quote at *pos; leaves *pos on the closing quote. */
static int json_string(const struct cur *c, size_t *pos)
{
	static const char esc[] = "\"/\\bfrnt";

	for (size_t i = *pos + 1; i < cur_left(c) && cur_peek(c, i); i++) {
		uint8_t ch = cur_peek(c, i);
		if (ch == '"') {
			*pos = i;
			return 1;
		}
		if (ch != '\\' || ++i >= cur_left(c))
			continue;
		ch = cur_peek(c, i);
		if (ch == 'u') {
			for (int k = 0; k < 4 && i + 1 < cur_left(c) && cur_peek(c, i + 1); k++, i++) {
				uint8_t h = cur_peek(c, i + 1);
				if (!((h >= '0' && h <= '9') || ((h | 0x20) >= 'a' && (h | 0x20) <= 'f')))
					return 0;
			}
		} else if (!ch || !strchr(esc, ch)) {
			return 0;
		}
	}
	return 0;	/* unterminated */
}

/* A primitive from *pos; leaves *pos on its last character. */
static int json_primitive(const struct cur *c, size_t *pos)
{
	for (size_t i = *pos; i < cur_left(c) && cur_peek(c, i); i++) {
		uint8_t ch = cur_peek(c, i);
		if (ch == '\t' || ch == '\r' || ch == '\n' || ch == ' ' || ch == ',' ||
		    ch == ']' || ch == '}') {
			*pos = i - 1;
			return 1;
		}
		if (ch < 32 || ch >= 127)
			return 0;
	}
	return 0;	/* a primitive must be followed by a delimiter */
}

static int json_close(struct jparse *p, uint8_t type)
{
	int i = innermost_open(p, p->next - 1);

	if (i < 0 || p->tok[i].type != type)
		return 0;
	p->tok[i].open = 0;
	p->super = innermost_open(p, i - 1);
	return 1;
}

int json_valid(const struct cur *c)
{
	struct jparse jp, *p = &jp;	/* 4 KB of tokens on the stack: no allocation per packet */
	size_t n = cur_left(c);
	int ok = 1;

	if (!n || !cur_peek(c, 0))
		return 0;
	p->next = 0;
	p->super = -1;
	for (size_t pos = 0; ok && pos < n && cur_peek(c, pos); pos++) {
		uint8_t ch = cur_peek(c, pos);
		switch (ch) {
		case '{':
		case '[':
			ok = value_here(p, J_OBJECT) && jtok_new(p, ch == '{' ? J_OBJECT : J_ARRAY);
			if (ok)
				p->super = p->next - 1;
			break;
		case '}':
		case ']':
			ok = json_close(p, ch == '}' ? J_OBJECT : J_ARRAY);
			break;
		case '"':
			ok = json_string(c, &pos) && jtok_new(p, J_STRING) && value_here(p, J_STRING);
			break;
		case ':':
			p->super = p->next - 1;
			break;
		case ',':
			if (p->super >= 0 && p->tok[p->super].type != J_OBJECT &&
			    p->tok[p->super].type != J_ARRAY) {
				int i = innermost_open(p, p->next - 1);
				p->super = i >= 0 ? i : p->super;
			}
			break;
		case '\t': case '\r': case '\n': case ' ':
			break;
		default:
			ok = strchr("-0123456789tfn", ch) && value_here(p, J_PRIMITIVE) &&
			    json_primitive(c, &pos) && jtok_new(p, J_PRIMITIVE);
			break;
		}
	}
	return ok && innermost_open(p, p->next - 1) < 0;
}
