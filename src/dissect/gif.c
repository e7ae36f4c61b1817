/* gif.c — Compuserve GIF images in HTTP bodies (GIF87a, GIF89a), as Wireshark 4.0's
 * "image-gif" dissector shows them.
 *
 *   +------------+---------+---------+-------+------------+--------+------------------+
 *   | "GIF89a"(6)| width(2)| height 2| flags | background | aspect | global colour map|
 *   +------------+---------+---------+-------+------------+--------+------------------+
 *   then blocks: 0x21 label, data blocks (extension); 0x2c left, top, width, height
 *   (2 each, little-endian), flags, local colour map, LZW code size, data blocks
 *   (image); 0x3b (trailer).  Data blocks are a length byte and that many bytes, ending
 *   with a zero length.
 *
 * Any other block byte is one "Unknown GIF data block type" warning.  A read past the
 * body ends the dissection as tshark's exception does ("[Malformed Packet: GIF image]").
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dissect/fvalue.h"
#include "dissect/protos.h"

enum {
	G_PROTO, G_VERSION, G_SWIDTH, G_SHEIGHT, G_GMAP_PRESENT, G_GCOLOR_BPP, G_GMAP_ORDERED,
	G_GBPP, G_BACKGROUND, G_ASPECT, G_GMAP, G_LEFT, G_TOP, G_IWIDTH, G_IHEIGHT,
	G_LMAP_PRESENT, G_LCOLOR_BPP, G_LMAP_ORDERED, G_LBPP, G_LMAP, G_EXT, G_EXT_LABEL,
	G_IMAGE, G_CODE_SIZE, G_END, G_BLOCK, G_UNKNOWN,
};

static const struct val_str bool_vals[] = { { 0, "False" }, { 1, "True" }, { 0, NULL } };
static const struct val_str ext_vals[] = {
	{ 0x01, "Plain Text" }, { 0xf9, "Graphics Control" }, { 0xfe, "Comment" },
	{ 0xff, "Application" }, { 0, NULL }
};

#define F(idx, abbrev, name, type, base, mask, vals, help) [idx] = { "image-gif." abbrev, name, \
	type, base, mask, (mask) ? 8 : 0, vals, help, 0 }

static const struct field_def fields[] = {
	[G_PROTO] = { "image-gif", "Compuserve GIF", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"A GIF image: screen descriptor, colour map, extensions and images.", 0 },
	F(G_VERSION, "version", "Version", FT_STRING, BASE_NONE, 0, NULL, "GIF Version"),
	F(G_SWIDTH, "screen.width", "Screen width", FT_UINT16, BASE_DEC, 0, NULL, NULL),
	F(G_SHEIGHT, "screen.height", "Screen height", FT_UINT16, BASE_DEC, 0, NULL, NULL),
	F(G_GMAP_PRESENT, "global.color_map.present", "Global color map is present", FT_UINT8,
		BASE_DEC, 0x80, bool_vals, "Indicates if the global color map is present"),
	F(G_GCOLOR_BPP, "global.color_bpp", "Bits per color minus 1", FT_UINT8, BASE_DEC, 0x70,
		NULL, "The number of bits per color is one plus the field value."),
	F(G_GMAP_ORDERED, "global.color_map.ordered", "Global color map is ordered", FT_UINT8,
		BASE_DEC, 0x08, bool_vals, "Indicates whether the global color map is ordered."),
	F(G_GBPP, "global.bpp", "Image bits per pixel minus 1", FT_UINT8, BASE_DEC, 0x07, NULL,
		"The number of bits per pixel is one plus the field value."),
	F(G_BACKGROUND, "image_background_index", "Background color index", FT_UINT8, BASE_DEC, 0,
		NULL, "Index of the background color in the color map."),
	F(G_ASPECT, "global.pixel_aspect_ratio", "Global pixel aspect ratio", FT_UINT8, BASE_DEC, 0,
		NULL, "Gives an approximate value of the aspect ratio of the pixels."),
	F(G_GMAP, "global.color_map", "Global color map", FT_BYTES, BASE_NONE, 0, NULL,
		"Global color map."),
	F(G_LEFT, "image.left", "Image left position", FT_UINT16, BASE_DEC, 0, NULL,
		"Offset between left of Screen and left of Image."),
	F(G_TOP, "image.top", "Image top position", FT_UINT16, BASE_DEC, 0, NULL,
		"Offset between top of Screen and top of Image."),
	F(G_IWIDTH, "image.width", "Image width", FT_UINT16, BASE_DEC, 0, NULL, "Image width."),
	F(G_IHEIGHT, "image.height", "Image height", FT_UINT16, BASE_DEC, 0, NULL, "Image height."),
	F(G_LMAP_PRESENT, "local.color_map.present", "Local color map is present", FT_UINT8,
		BASE_DEC, 0x80, bool_vals, "Indicates if the local color map is present"),
	F(G_LCOLOR_BPP, "local.color_bpp", "Bits per color minus 1", FT_UINT8, BASE_DEC, 0x70,
		NULL, "The number of bits per color is one plus the field value."),
	F(G_LMAP_ORDERED, "local.color_map.ordered", "Local color map is ordered", FT_UINT8,
		BASE_DEC, 0x08, bool_vals, "Indicates whether the local color map is ordered."),
	F(G_LBPP, "local.bpp", "Image bits per pixel minus 1", FT_UINT8, BASE_DEC, 0x07, NULL,
		"The number of bits per pixel is one plus the field value."),
	F(G_LMAP, "local.color_map", "Local color map", FT_BYTES, BASE_NONE, 0, NULL,
		"Local color map."),
	F(G_EXT, "extension", "Extension", FT_NONE, BASE_NONE, 0, NULL, "Extension."),
	F(G_EXT_LABEL, "extension.label", "Extension label", FT_UINT8, BASE_HEX, 0, ext_vals,
		"Extension label."),
	F(G_IMAGE, "image", "Image", FT_NONE, BASE_NONE, 0, NULL, "Image."),
	F(G_CODE_SIZE, "image.code_size", "LZW minimum code size", FT_UINT8, BASE_DEC, 0, NULL,
		"Minimum code size for the LZW compression."),
	F(G_END, "end", "Trailer (End of the GIF stream)", FT_NONE, BASE_NONE, 0, NULL,
		"This byte tells the decoder that the data stream is finished."),
	/* tshark's FT_UINT_BYTES (a length byte, then the bytes): FT_BYTES here */
	F(G_BLOCK, "data_block", "Data block", FT_BYTES, BASE_NONE, 0, NULL,
		"A length byte and up to 255 bytes of extension or image data."),
	[G_UNKNOWN] = { "gif.data_block_type.unknown", "Unknown GIF data block type", FT_NONE,
		BASE_NONE, 0, 0, NULL, "Expert: a block byte other than 0x21, 0x2c, 0x3b.", 0 },
};
static const struct field_table gif_table = REG_TABLE(fields);
const struct proto_reg gif_proto = REG_PROTO_TABLE(gif_table);

/* A little-endian 16-bit field; 0 when the body ends first. */
static int add_le16(struct dtree *t, uint32_t node, int f, struct cur *c)
{
	uint32_t off = cur_off(c);

	if (!cur_has(c, 2))
		return 0;
	tree_add_uint(t, node, &fields[f], off, 2, cur_le16(c));
	return 1;
}

static int add_u8(struct dtree *t, uint32_t node, int f, struct cur *c)
{
	uint32_t off = cur_off(c);

	if (!cur_has(c, 1))
		return 0;
	tree_add_uint(t, node, &fields[f], off, 1, cur_u8(c));
	return 1;
}

/* The flags byte of the screen (global) or an image (local): its summary line, its
 * bit fields (GIF87a has no "ordered" bit) and the colour map it announces.  f is
 * the "present" field; the others follow it in the table. */
static int settings(struct dtree *t, uint32_t node, struct cur *c, int f, const char *scope, int v89)
{
	uint32_t off = cur_off(c);

	if (!cur_has(c, 1))
		return 0;
	uint8_t b = cur_peek(c, 0);
	/* tshark's summary counts colour bits from bits 6-5 only (0x60): 0x10 shows 1 */
	unsigned color = ((b & 0x60u) >> 4) + 1, pixel = (b & 0x07u) + 1;
	uint32_t s = tree_add_text(t, node, off, 1, "%s settings:%s (%u bit%s per color) (%u bit%s per pixel)",
	    scope, b & 0x80 ? (f == G_GMAP_PRESENT ? " (Global color table present)" :
	    " (Local color table present)") : "", color, color == 1 ? "" : "s", pixel,
	    pixel == 1 ? "" : "s");
	/* tshark adds an image's bits per pixel as image-gif.global.bpp too (never
	 * image-gif.local.bpp) */
	for (int i = 0; i < 4; i++)
		if (i != 2 || v89)
			tree_add_uint(t, s, &fields[i == 3 ? G_GBPP : f + i], off, 1, b);
	return 1;
}

static int colour_map(struct dtree *t, uint32_t node, struct cur *c, int f, uint8_t flags)
{
	uint32_t n = 3u << ((flags & 0x07u) + 1), off = cur_off(c);

	if (!(flags & 0x80))
		return 1;
	if (!cur_has(c, n))
		return 0;
	tree_add_bytes(t, node, &fields[f], off, n, c->p, n);
	cur_skip(c, n);
	return 1;
}

/* Data blocks up to and including the zero-length one. */
static int data_blocks(struct dtree *t, uint32_t node, struct cur *c)
{
	char hex[2 * 255 + 1];
	uint8_t n;

	do {
		uint32_t off = cur_off(c);
		if (!cur_has(c, 1))
			return 0;
		n = cur_peek(c, 0);
		if (!cur_has(c, 1u + n))
			return 0;
		struct cur v = cur_at(c, 1);
		uint32_t b = tree_add_bytes(t, node, &fields[G_BLOCK], off, 1u + n, v.p, n);
		if (b && tree_text(t)) {
			fv_bytes_label(v.p, n, hex, sizeof(hex));
			tree_label(t, b, "Data block: %s (length = %u)", n ? hex : "<none>", n);
		}
		cur_skip(c, 1u + n);
	} while (n);
	return 1;
}

static int extension(struct dtree *t, uint32_t node, struct cur *c)
{
	uint32_t off = cur_off(c);
	uint8_t label = cur_peek(c, 1);
	const char *name = val_to_str(label, ext_vals);
	uint32_t e = tree_add(t, node, &fields[G_EXT], off, (uint32_t)cur_left(c));

	if (!cur_has(c, 2))
		;	/* tshark's item keeps its bare name: the label byte is missing */
	else if (name)
		tree_label(t, e, "Extension: %s", name);
	else
		tree_label(t, e, "Extension: <Warning: Unknown extension 0x%02X>", label);
	cur_skip(c, 1);
	if (!add_u8(t, e, G_EXT_LABEL, c) || !data_blocks(t, e, c))
		return 0;
	tree_set_len(t, e, cur_off(c) - off);
	return 1;
}

static int image(struct dtree *t, uint32_t node, struct cur *c, int v89)
{
	static const int pos[] = { G_LEFT, G_TOP, G_IWIDTH, G_IHEIGHT };
	uint32_t off = cur_off(c);
	uint32_t im = tree_add(t, node, &fields[G_IMAGE], off, (uint32_t)cur_left(c));

	cur_skip(c, 1);
	for (size_t i = 0; i < sizeof(pos) / sizeof(pos[0]); i++)
		if (!add_le16(t, im, pos[i], c))
			return 0;
	uint8_t flags = cur_peek(c, 0);
	if (!settings(t, im, c, G_LMAP_PRESENT, "Local", v89))
		return 0;
	cur_skip(c, 1);
	if (!colour_map(t, im, c, G_LMAP, flags) || !add_u8(t, im, G_CODE_SIZE, c) ||
	    !data_blocks(t, im, c))
		return 0;
	tree_set_len(t, im, cur_off(c) - off);
	return 1;
}

static int gif_body(struct dctx *d, uint32_t node, struct cur *c, int v89)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c);

	if (!cur_has(c, 6))	/* http_body hands over 20 bytes at least */
		return 0;
	tree_add_bytes(t, node, &fields[G_VERSION], start, 6, c->p, 6);
	cur_skip(c, 6);
	if (!add_le16(t, node, G_SWIDTH, c) || !add_le16(t, node, G_SHEIGHT, c))
		return 0;
	uint8_t flags = cur_peek(c, 0);
	if (!settings(t, node, c, G_GMAP_PRESENT, "Global", v89))
		return 0;
	cur_skip(c, 1);
	if (!add_u8(t, node, G_BACKGROUND, c) || !cur_has(c, 1))
		return 0;
	uint8_t aspect = cur_u8(c);
	if (v89 && aspect) {
		uint32_t a = tree_add_uint(t, node, &fields[G_ASPECT], start + 12, 1, aspect);
		tree_label(t, a, "%u, yields an aspect ratio of (15 + %u) / 64 = %.2f", aspect, aspect,
		    (15 + aspect) / 64.0);
	}
	if (!colour_map(t, node, c, G_GMAP, flags))
		return 0;
	while (cur_left(c) > 0) {
		uint32_t off = cur_off(c);
		switch (cur_peek(c, 0)) {
		case 0x21:
			if (!extension(t, node, c))
				return 0;
			break;
		case 0x2c:
			if (!image(t, node, c, v89))
				return 0;
			break;
		case 0x3b:
			tree_add(t, node, &fields[G_END], off, 1);
			cur_skip(c, cur_left(c));
			return 1;
		default: {
			uint32_t u = tree_add_text(t, node, off, 1, "Unknown GIF data block type");
			dissect_expert(d, u, &fields[G_UNKNOWN], SEV_WARN, "Protocol",
			    "Unknown GIF data block type");
			cur_skip(c, 1);
			break;
		}
		}
	}
	return 1;
}

int gif_is_image(const struct cur *c)
{
	return cur_left(c) >= 20 && (memcmp(c->p, "GIF87a", 6) == 0 || memcmp(c->p, "GIF89a", 6) == 0);
}

void dissect_gif(struct dctx *d, struct cur *c)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c);
	int v89 = cur_peek(c, 4) == '9';

	pi_push_proto(d->pi, "image-gif");
	uint32_t node = tree_add(t, 0, &fields[G_PROTO], start, (uint32_t)cur_left(c));
	tree_label(t, node, "Compuserve GIF, Version: GIF8%ca", v89 ? '9' : '7');
	if (!gif_body(d, node, c, v89)) {
		dissect_exception(d, node, "GIF image");
		cur_skip(c, cur_left(c));
	}
}
