/* urlencoded.c — HTML form data (application/x-www-form-urlencoded) in an HTTP body:
 *
 *   user=alice+b&pass=p%40ss%21   →   Form item: "user" = "alice b" …
 *
 * As Wireshark's urlencoded-form dissector reads it: a key runs to '=' (an '&' is part
 * of it), a value to '&'; "%XX" and '+' are decoded and the decoded text ends at a NUL,
 * as a C string does.  A raw NUL or a '%' without two hex digits ends the form there; a
 * '%' cut off by the end of the body is tshark's exception (malformed).
 */
#include "config.h"

#include <string.h>

#include "core/hexdigit.h"
#include "dissect/protos.h"

enum { U_PROTO, U_KEY, U_VALUE };

static const struct field_def fields[] = {
	[U_PROTO] = { "urlencoded-form", "HTML Form URL Encoded", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"A form a browser submits: name=value pairs joined by '&', %-escaped.", 0 },
	[U_KEY] = { "urlencoded-form.key", "Key", FT_STRING, BASE_NONE, 0, 0, NULL,
		"A form field's name, decoded.", 0 },
	[U_VALUE] = { "urlencoded-form.value", "Value", FT_STRING, BASE_NONE, 0, 0, NULL,
		"A form field's value, decoded ('+' is a space).", 0 },
};
static const struct field_table urlencoded_table = REG_TABLE(fields);
const struct proto_reg urlencoded_proto = REG_PROTO_TABLE(urlencoded_table);

enum { PART_END = -1, PART_CUT = -2 };

/* One part of c up to delim (not taken), decoded into buf (a C string: cut at a decoded
 * NUL); its raw length, PART_END (a raw NUL or a bad escape) or PART_CUT (an escape cut
 * off by the end). */
static long part(const struct cur *c, uint8_t delim, char *buf, size_t cap)
{
	struct cur r = *c;
	size_t n = 0;

	while (cur_left(&r) && cur_peek(&r, 0) != delim) {
		uint8_t ch = cur_u8(&r);
		if (!ch)
			return PART_END;
		if (ch == '%') {
			if (cur_left(&r) < 2)
				return !cur_left(&r) || hexdigit_value(cur_peek(&r, 0)) >= 0 ?
				    PART_CUT : PART_END;
			int hi = hexdigit_value(cur_u8(&r)), lo = hexdigit_value(cur_u8(&r));
			if (hi < 0 || lo < 0)
				return PART_END;
			ch = (uint8_t)(hi << 4 | lo);
		} else if (ch == '+')
			ch = ' ';
		if (n + 1 < cap)
			buf[n++] = (char)ch;
	}
	buf[n] = '\0';
	return (long)(r.p - c->p);
}

/* A decoded string item (its text kept by the tree: the buffer is reused). */
static void add_str(struct dtree *t, uint32_t parent, int f, uint32_t off, uint32_t len,
    const char *s)
{
	uint32_t n = (uint32_t)strlen(s);

	if (tree_wants(t, &fields[f]))
		tree_add_bytes(t, parent, &fields[f], off, len, tree_keep(t, s, n), n);
}

void dissect_urlencoded(struct dctx *d, struct cur *c, uint32_t parent, const char *media)
{
	struct dtree *t = d->tree;
	uint32_t node = tree_add(t, parent, &fields[U_PROTO], cur_off(c), (uint32_t)cur_left(c));
	char key[1024], val[1024];

	tree_label(t, node, "HTML Form URL Encoded: %s", media);
	while (cur_left(c)) {
		uint32_t item = tree_add_text(t, node, cur_off(c), 0, "Form item"), start = cur_off(c);
		long kl = part(c, '=', key, sizeof(key)), vl;

		if (kl < 0) {
			if (kl == PART_CUT)
				dissect_exception(d, 0, "URL Encoded Form Data");
			return;
		}
		add_str(t, item, U_KEY, start, (uint32_t)kl, key);
		tree_label_append(t, item, ": \"%s\"", key);
		/* past the '=' (or the end: the value is then empty) */
		cur_skip(c, (size_t)kl + (cur_left(c) > (size_t)kl));
		vl = part(c, '&', val, sizeof(val));
		if (vl < 0) {
			if (vl == PART_CUT)
				dissect_exception(d, 0, "URL Encoded Form Data");
			return;
		}
		add_str(t, item, U_VALUE, cur_off(c), (uint32_t)vl, val);
		tree_label_append(t, item, " = \"%s\"", val);
		cur_skip(c, (size_t)vl + (cur_left(c) > (size_t)vl));
		tree_set_len(t, item, cur_off(c) - start);
	}
}
