/* png.c — Portable Network Graphics images in HTTP bodies (RFC 2083, PNG 1.2), as
 * Wireshark 4.0's "png" dissector shows them.
 *
 *   +---------------------------+   then chunks until the body ends:
 *   | signature 89 50 4e 47     |   +------------+----------+-----------+---------+
 *   |           0d 0a 1a 0a (8) |   | length (4) | type (4) | data (len)| CRC (4) |
 *   +---------------------------+   +------------+----------+-----------+---------+
 *
 * The type's case bits are flags: bit 5 of byte 0 ancillary, of byte 1 private, of
 * byte 3 safe to copy.  IHDR, sRGB, tEXt, tIME, pHYs, bKGD, cHRM and gAMA are decoded,
 * any other chunk's data is an empty "Data" item.  A chunk running past the body, or a
 * decoded chunk shorter than its fields, ends the dissection as tshark's exception
 * does ("[Malformed Packet: PNG]"), keeping what was shown.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dissect/protos.h"

enum {
	P_PROTO, P_SIG, P_DATA, P_TYPE, P_LEN, P_CRC, P_ANC, P_PRIV, P_STC, P_WIDTH, P_HEIGHT,
	P_DEPTH, P_COLOUR, P_COMPR, P_FILTER, P_INTERLACE, P_INTENT, P_KEYWORD, P_STRING,
	P_YEAR, P_MONTH, P_DAY, P_HOUR, P_MINUTE, P_SECOND, P_PHYS_H, P_PHYS_V, P_PHYS_UNIT,
	P_BKGD_PAL, P_BKGD_GREY, P_BKGD_RED, P_BKGD_GREEN, P_BKGD_BLUE, P_WHITE_X, P_WHITE_Y,
	P_RED_X, P_RED_Y, P_GREEN_X, P_GREEN_Y, P_BLUE_X, P_BLUE_Y, P_GAMMA, P_TOO_LARGE,
};

static const struct val_str anc_vals[] = {
	{ 0, "This is a CRITICAL chunk" }, { 1, "This is an ANCILLARY chunk" }, { 0, NULL }
};
static const struct val_str priv_vals[] = {
	{ 0, "This is a PUBLIC chunk" }, { 1, "This is a PRIVATE chunk" }, { 0, NULL }
};
static const struct val_str stc_vals[] = {
	{ 0, "This chunk is NOT safe to copy" }, { 1, "This chunk is SAFE TO COPY" }, { 0, NULL }
};
static const struct val_str colour_vals[] = {
	{ 0, "Greyscale" }, { 2, "Truecolour" }, { 3, "Indexed-colour" },
	{ 4, "Greyscale with alpha" }, { 6, "Truecolour with alpha" }, { 0, NULL }
};
static const struct val_str compr_vals[] = { { 0, "Deflate" }, { 0, NULL } };
static const struct val_str filter_vals[] = { { 0, "Adaptive" }, { 0, NULL } };
static const struct val_str interlace_vals[] = { { 0, "No interlace" }, { 1, "Adam7" }, { 0, NULL } };
static const struct val_str intent_vals[] = {
	{ 0, "Perceptual" }, { 1, "Relative colorimetric" }, { 2, "Saturation" },
	{ 3, "Absolute colorimetric" }, { 0, NULL }
};
static const struct val_str unit_vals[] = {
	{ 0, "Unit is unknown" }, { 1, "Unit is METRE" }, { 0, NULL }
};

#define U(idx, abbrev, name, type, base, vals) [idx] = { "png." abbrev, name, type, base, 0, 0, \
	vals, NULL, 0 }
#define FLAG(idx, abbrev, name, bit, vals) [idx] = { "png.chunk.flag." abbrev, name, FT_BOOLEAN, \
	BASE_NONE, bit, 32, vals, "Case bit of the chunk type.", 0 }
/* tshark's FT_FLOAT fields are FT_DOUBLE here (labelled as tshark prints a float). */
#define CHRM(idx, abbrev, name) U(idx, "chrm." abbrev, name, FT_DOUBLE, BASE_NONE, NULL)

static const struct field_def fields[] = {
	[P_PROTO] = { "png", "Portable Network Graphics", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"A PNG image: a signature and a list of typed, CRC-protected chunks.", 0 },
	[P_SIG] = { "png.signature", "PNG Signature", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"8 bytes: 89 'PNG' CR LF 1a LF.", 0 },
	[P_DATA] = { "png.chunk.data", "Data", FT_NONE, BASE_NONE, 0, 0, NULL,
		"The data of a chunk that is not decoded.", 0 },
	[P_TYPE] = { "png.chunk.type", "Chunk", FT_STRING, BASE_NONE, 0, 0, NULL,
		"4 letters: the chunk type.", 0 },
	[P_LEN] = { "png.chunk.len", "Len", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"32 bits: bytes of chunk data.", 0 },
	[P_CRC] = { "png.chunk.crc", "CRC", FT_UINT32, BASE_HEX, 0, 0, NULL,
		"32 bits: CRC-32 of type and data.", 0 },
	FLAG(P_ANC, "ancillary", "Ancillary", 0x20000000, anc_vals),
	FLAG(P_PRIV, "private", "Private", 0x200000, priv_vals),
	FLAG(P_STC, "stc", "Safe To Copy", 0x20, stc_vals),
	U(P_WIDTH, "ihdr.width", "Width", FT_UINT32, BASE_DEC, NULL),
	U(P_HEIGHT, "ihdr.height", "Height", FT_UINT32, BASE_DEC, NULL),
	U(P_DEPTH, "ihdr.bitdepth", "Bit Depth", FT_UINT8, BASE_DEC, NULL),
	U(P_COLOUR, "ihdr.colour_type", "Colour Type", FT_UINT8, BASE_DEC, colour_vals),
	U(P_COMPR, "ihdr.compression_method", "Compression Method", FT_UINT8, BASE_DEC, compr_vals),
	U(P_FILTER, "ihdr.filter_method", "Filter Method", FT_UINT8, BASE_DEC, filter_vals),
	U(P_INTERLACE, "ihdr.interlace_method", "Interlace Method", FT_UINT8, BASE_DEC, interlace_vals),
	U(P_INTENT, "srgb.intent", "Intent", FT_UINT8, BASE_DEC, intent_vals),
	U(P_KEYWORD, "text.keyword", "Keyword", FT_STRING, BASE_NONE, NULL),
	U(P_STRING, "text.string", "String", FT_STRING, BASE_NONE, NULL),
	U(P_YEAR, "time.year", "Year", FT_UINT16, BASE_DEC, NULL),
	U(P_MONTH, "time.month", "Month", FT_UINT8, BASE_DEC, NULL),
	U(P_DAY, "time.day", "Day", FT_UINT8, BASE_DEC, NULL),
	U(P_HOUR, "time.hour", "Hour", FT_UINT8, BASE_DEC, NULL),
	U(P_MINUTE, "time.minute", "Minute", FT_UINT8, BASE_DEC, NULL),
	U(P_SECOND, "time.second", "Second", FT_UINT8, BASE_DEC, NULL),
	U(P_PHYS_H, "phys.horiz", "Horizontal pixels per unit", FT_UINT32, BASE_DEC, NULL),
	U(P_PHYS_V, "phys.vert", "Vertical pixels per unit", FT_UINT32, BASE_DEC, NULL),
	U(P_PHYS_UNIT, "phys.unit", "Unit", FT_UINT8, BASE_DEC, unit_vals),
	U(P_BKGD_PAL, "bkgd.palette_index", "Palette Index", FT_UINT8, BASE_DEC, NULL),
	U(P_BKGD_GREY, "bkgd.greyscale", "Greyscale", FT_UINT16, BASE_HEX, NULL),
	U(P_BKGD_RED, "bkgd.red", "Red", FT_UINT16, BASE_HEX, NULL),
	U(P_BKGD_GREEN, "bkgd.green", "Green", FT_UINT16, BASE_HEX, NULL),
	U(P_BKGD_BLUE, "bkgd.blue", "Blue", FT_UINT16, BASE_HEX, NULL),
	CHRM(P_WHITE_X, "white.x", "White X"), CHRM(P_WHITE_Y, "white.y", "White Y"),
	CHRM(P_RED_X, "red.x", "Red X"), CHRM(P_RED_Y, "red.y", "Red Y"),
	CHRM(P_GREEN_X, "green.x", "Green X"), CHRM(P_GREEN_Y, "green.y", "Green Y"),
	CHRM(P_BLUE_X, "blue.x", "Blue X"), CHRM(P_BLUE_Y, "blue.y", "Blue Y"),
	U(P_GAMMA, "gama.gamma", "Gamma", FT_DOUBLE, BASE_NONE, NULL),
	[P_TOO_LARGE] = { "png.chunk_too_large", "chunk size too large, dissection of this chunk is not supported",
		FT_NONE, BASE_NONE, 0, 0, NULL, "Expert: a chunk length above 2^31.", 0 },
};
static const struct field_table png_table = REG_TABLE(fields);
const struct proto_reg png_proto = REG_PROTO_TABLE(png_table);

static int add_u(struct dtree *t, uint32_t node, int f, struct cur *c, size_t n)
{
	return dissect_add_be(t, node, &fields[f], c, n);
}

/* Fields read in order from the chunk data, n bytes each. */
static int add_seq(struct dtree *t, uint32_t node, struct cur *c, const int *f, const uint8_t *n,
    size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (!add_u(t, node, f[i], c, n[i]))
			return 0;
	return 1;
}

static int png_ihdr(struct dtree *t, uint32_t node, struct cur *c)
{
	static const int f[] = { P_WIDTH, P_HEIGHT, P_DEPTH, P_COLOUR, P_COMPR, P_FILTER, P_INTERLACE };
	static const uint8_t n[] = { 4, 4, 1, 1, 1, 1, 1 };

	return add_seq(t, node, c, f, n, sizeof(f) / sizeof(f[0]));
}

static int png_srgb(struct dtree *t, uint32_t node, struct cur *c)
{
	return add_u(t, node, P_INTENT, c, 1);
}

static int png_time(struct dtree *t, uint32_t node, struct cur *c)
{
	static const int f[] = { P_YEAR, P_MONTH, P_DAY, P_HOUR, P_MINUTE, P_SECOND };
	static const uint8_t n[] = { 2, 1, 1, 1, 1, 1 };

	return add_seq(t, node, c, f, n, sizeof(f) / sizeof(f[0]));
}

static int png_phys(struct dtree *t, uint32_t node, struct cur *c)
{
	static const int f[] = { P_PHYS_H, P_PHYS_V, P_PHYS_UNIT };
	static const uint8_t n[] = { 4, 4, 1 };

	return add_seq(t, node, c, f, n, sizeof(f) / sizeof(f[0]));
}

/* bKGD's layout follows the image's colour type, which tshark infers from the length
 * (1 palette index, 2 grey, 6 RGB); any other length shows nothing. */
static int png_bkgd(struct dtree *t, uint32_t node, struct cur *c)
{
	static const int rgb[] = { P_BKGD_RED, P_BKGD_GREEN, P_BKGD_BLUE };
	static const uint8_t two[] = { 2, 2, 2 };

	switch (cur_left(c)) {
	case 1: return add_u(t, node, P_BKGD_PAL, c, 1);
	case 2: return add_u(t, node, P_BKGD_GREY, c, 2);
	case 6: return add_seq(t, node, c, rgb, two, 3);
	default: return 1;
	}
}

/* Values in 1/100000 units, shown as tshark prints an FT_FLOAT (%.6g); the value is
 * the exact quotient, so that -T fields prints 0.45455 and not the float's digits. */
static int add_ratio(struct dtree *t, uint32_t node, int f, struct cur *c)
{
	uint32_t off = cur_off(c);

	if (!cur_has(c, 4))
		return 0;
	double v = cur_be32(c) / 100000.0;
	uint32_t n = tree_add_double(t, node, &fields[f], off, 4, v);
	tree_label(t, n, "%s: %g", fields[f].name, v);
	return 1;
}

static int png_chrm(struct dtree *t, uint32_t node, struct cur *c)
{
	for (int f = P_WHITE_X; f <= P_BLUE_Y; f++)
		if (!add_ratio(t, node, f, c))
			return 0;
	return 1;
}

static int png_gama(struct dtree *t, uint32_t node, struct cur *c)
{
	return add_ratio(t, node, P_GAMMA, c);
}

/* An ISO 8859-1 string field over n bytes at c's position: its value is the text up
 * to a NUL, in UTF-8 as tshark shows it. */
static void add_latin1(struct dtree *t, uint32_t node, int f, const struct cur *c, uint32_t n)
{
	uint32_t k = 0, o = 0;

	if (!tree_wants(t, &fields[f]))
		return;
	while (k < n && cur_peek(c, k))
		k++;
	uint8_t *u = tree_alloc(t, 2 * k + 1);
	for (uint32_t i = 0; i < k; i++) {
		uint8_t ch = cur_peek(c, i);
		if (ch < 0x80)
			u[o++] = ch;
		else {
			u[o++] = (uint8_t)(0xc0 | ch >> 6);
			u[o++] = (uint8_t)(0x80 | (ch & 0x3f));
		}
	}
	tree_add_bytes(t, node, &fields[f], cur_off(c), n, u, o);
}

/* Keyword, NUL, text; without a keyword (or its NUL) tshark shows neither. */
static int png_text(struct dtree *t, uint32_t node, struct cur *c)
{
	size_t n = cur_left(c), k = 0;

	while (k < n && cur_peek(c, k))
		k++;
	if (k == 0 || k == n)
		return 1;
	add_latin1(t, node, P_KEYWORD, c, (uint32_t)k);
	struct cur s = cur_at(c, k + 1);
	add_latin1(t, node, P_STRING, &s, (uint32_t)cur_left(&s));
	return 1;
}

#define PNG_TYPE(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

/* Chunk types tshark names, and the decoders of those it decodes. */
static const struct {
	uint32_t type;
	const char *name;
	int (*decode)(struct dtree *t, uint32_t node, struct cur *c);
} chunks[] = {
	{ PNG_TYPE('I', 'H', 'D', 'R'), "Image Header", png_ihdr },
	{ PNG_TYPE('b', 'K', 'G', 'D'), "Background colour", png_bkgd },
	{ PNG_TYPE('c', 'H', 'R', 'M'), "Primary chromaticities and white point", png_chrm },
	{ PNG_TYPE('g', 'A', 'M', 'A'), "Image gamma", png_gama },
	{ PNG_TYPE('i', 'C', 'C', 'P'), "Embedded ICC profile", NULL },
	{ PNG_TYPE('I', 'D', 'A', 'T'), "Image data chunk", NULL },
	{ PNG_TYPE('I', 'E', 'N', 'D'), "Image Trailer", NULL },
	{ PNG_TYPE('i', 'T', 'X', 't'), "International textual data", NULL },
	{ PNG_TYPE('p', 'H', 'Y', 's'), "Physical pixel dimensions", png_phys },
	{ PNG_TYPE('P', 'L', 'T', 'E'), "Palette", NULL },
	{ PNG_TYPE('s', 'B', 'I', 'T'), "Significant bits", NULL },
	{ PNG_TYPE('s', 'R', 'G', 'B'), "Standard RGB colour space", png_srgb },
	{ PNG_TYPE('t', 'E', 'X', 't'), "Textual data", png_text },
	{ PNG_TYPE('t', 'I', 'M', 'E'), "Image last-modification time", png_time },
	{ PNG_TYPE('t', 'R', 'N', 'S'), "Transparency", NULL },
};

/* The chunk's title: "Image Header (IHDR)"; the type's bytes up to a NUL as they are
 * (tshark does not escape them there), those above ASCII as U+FFFD. */
static void chunk_title(struct dtree *t, uint32_t node, const char *name, const struct cur *c)
{
	char s[4 * 3 + 1];
	size_t at = 0;

	for (size_t i = 0; i < 4 && cur_peek(c, 4 + i); i++) {
		uint8_t ch = cur_peek(c, 4 + i);
		if (ch >= 0x80) {
			memcpy(s + at, "\xef\xbf\xbd", 3);
			at += 3;
		} else
			s[at++] = (char)ch;
	}
	s[at] = '\0';
	tree_label(t, node, "%s (%s)", name, s);
}

int png_is_image(const struct cur *c)
{
	return cur_left(c) >= 20 && memcmp(c->p, "\x89PNG\r\n\x1a\n", 8) == 0;
}

void dissect_png(struct dctx *d, struct cur *c)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c);
	uint32_t node;

	pi_push_proto(d->pi, "png");
	node = tree_add(t, 0, &fields[P_PROTO], start, (uint32_t)cur_left(c));
	if (!cur_has(c, 8))	/* http_body hands over 20 bytes at least */
		goto exception;
	tree_add_bytes(t, node, &fields[P_SIG], start, 8, c->p, 8);
	cur_skip(c, 8);
	while (cur_left(c) > 0) {
		size_t left = cur_left(c);
		if (left < 8)
			goto exception;
		uint32_t len = cur_peek_be32(c, 0), type = cur_peek_be32(c, 4), off = cur_off(c);
		if (left < 12 || len > left - 12)
			goto exception;
		const char *name = "unknown";
		int (*decode)(struct dtree *, uint32_t, struct cur *) = NULL;
		for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++)
			if (chunks[i].type == type) {
				name = chunks[i].name;
				decode = chunks[i].decode;
				break;
			}
		uint32_t cn = tree_add_text(t, node, off, 12 + len, "%s", "");
		chunk_title(t, cn, name, c);
		tree_add_uint(t, cn, &fields[P_LEN], off, 4, len);
		dissect_add_stringz(d, cn, &fields[P_TYPE], c, 4, 4, 0);	/* a C string */
		tree_add_uint(t, cn, &fields[P_ANC], off + 4, 4, type);
		tree_add_uint(t, cn, &fields[P_PRIV], off + 4, 4, type);
		tree_add_uint(t, cn, &fields[P_STC], off + 4, 4, type);
		cur_skip(c, 8);
		struct cur data = cur_sub(c, len, NULL);
		if (decode) {
			if (!decode(t, cn, &data))
				goto exception;
		} else if (len > 0)
			tree_add(t, cn, &fields[P_DATA], off + 8, len);
		cur_skip(c, len);
		tree_add_uint(t, cn, &fields[P_CRC], off + 8 + len, 4, cur_be32(c));
	}
	return;
exception:
	dissect_exception(d, node, "PNG");
	cur_skip(c, cur_left(c));
}
