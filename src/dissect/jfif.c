/* jfif.c — JPEG images (JFIF, ITU-T T.81 and the JFIF 1.02 note) in HTTP bodies, as
 * Wireshark 4.0's "image-jfif" dissector shows them.
 *
 *   +--------+------------------------------------+-----+----------------+--------+
 *   | SOI    | segments: ff XX, length (2, counts  | SOS | entropy-coded  | EOI    |
 *   | ff d8  | itself), data: APPn, DQT, SOFn, DHT | ... | data, RSTn ... | ff d9  |
 *   +--------+------------------------------------+-----+----------------+--------+
 *
 * A body is a JFIF image when it starts with SOI and an APP0 "JFIF" or APP1 "Exif"
 * segment.  Markers without length (SOI, EOI, RSTn, TEM) are single items; other
 * bytes that are not a marker are an entropy-coded segment; a reserved marker ends
 * the dissection.  APP0, SOFn, SOS and COM are decoded, other segments show their
 * remaining data; Exif's TIFF directories are not decoded (their bytes are the
 * remaining data).  Reads past a segment or the body end the dissection as tshark's
 * exception does ("[Malformed Packet: JFIF (JPEG) image]").
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dissect/fvalue.h"
#include "dissect/protos.h"

enum {
	J_PROTO, J_MARKER, J_SEGMENT, J_LENGTH, J_IDENT, J_VERSION, J_MAJOR, J_MINOR, J_UNITS,
	J_XDENS, J_YDENS, J_XTHUMB, J_YTHUMB, J_RGB, J_EXT_CODE, J_SOF, J_PRECISION, J_LINES,
	J_SAMPLES, J_NF, J_CI, J_HI, J_VI, J_TQI, J_SOS, J_NS, J_CS, J_DC, J_AC, J_SS, J_SE, J_AH,
	J_AL, J_COM, J_COMMENT, J_REMAIN, J_FLASHPIX, J_ENTROPY, J_FILL, J_NOT_JFIF,
};

#define SOFN(lo, kind) { lo, "Start of Frame (" kind ") - " }
#define RST(n) { 0xffd0 + n, "Restart interval termination - Restart with modulo 8 count " #n }
#define APP(n) { 0xffe0 + n, "Reserved for application segments - " #n }
#define JPG(n) { 0xfff0 + n, "Reserved for JPEG extensions - " #n }

static const struct val_str marker_vals[] = {
	{ 0xff01, "Reserved - For temporary private use in arithmetic coding" },
	{ 0xffc0, "Start of Frame (non-differential, Huffman coding) - Baseline DCT" },
	{ 0xffc1, "Start of Frame (non-differential, Huffman coding) - Extended sequential DCT" },
	{ 0xffc2, "Start of Frame (non-differential, Huffman coding) - Progressive DCT" },
	{ 0xffc3, "Start of Frame (non-differential, Huffman coding) - Lossless (sequential)" },
	{ 0xffc4, "Define Huffman table(s)" },
	{ 0xffc5, "Start of Frame (differential, Huffman coding) - Differential sequential DCT" },
	{ 0xffc6, "Start of Frame (differential, Huffman coding) - Differential progressive DCT" },
	{ 0xffc7, "Start of Frame (differential, Huffman coding) - Differential lossless (sequential)" },
	{ 0xffc8, "Start of Frame (non-differential, arithmetic coding) - Reserved for JPEG extensions" },
	{ 0xffc9, "Start of Frame (non-differential, arithmetic coding) - Extended sequential DCT" },
	{ 0xffca, "Start of Frame (non-differential, arithmetic coding) - Progressive DCT" },
	{ 0xffcb, "Start of Frame (non-differential, arithmetic coding) - Lossless (sequential)" },
	{ 0xffcc, "Define arithmetic coding conditioning(s)" },
	{ 0xffcd, "Start of Frame (differential, arithmetic coding) - Differential sequential DCT" },
	{ 0xffce, "Start of Frame (differential, arithmetic coding) - Differential progressive DCT" },
	{ 0xffcf, "Start of Frame (differential, arithmetic coding) - Differential lossless (sequential)" },
	RST(0), RST(1), RST(2), RST(3), RST(4), RST(5), RST(6), RST(7),
	{ 0xffd8, "Start of Image" }, { 0xffd9, "End of Image" }, { 0xffda, "Start of Scan" },
	{ 0xffdb, "Define quantization table(s)" }, { 0xffdc, "Define number of lines" },
	{ 0xffdd, "Define restart interval" }, { 0xffde, "Define hierarchical progression" },
	{ 0xffdf, "Expand reference component(s)" },
	APP(0), APP(1), APP(2), APP(3), APP(4), APP(5), APP(6), APP(7), APP(8), APP(9), APP(10),
	APP(11), APP(12), APP(13), APP(14), APP(15),
	JPG(0), JPG(1), JPG(2), JPG(3), JPG(4), JPG(5), JPG(6), JPG(7), JPG(8), JPG(9), JPG(10),
	JPG(11), JPG(12), JPG(13),
	{ 0xfffe, "Comment" },
	{ 0, NULL }
};
static const struct val_str units_vals[] = {
	{ 0, "No units; Xdensity and Ydensity specify the pixel aspect ratio" },
	{ 1, "Dots per inch" }, { 2, "Dots per centimeter" }, { 0, NULL }
};
static const struct val_str ext_vals[] = {
	{ 0x10, "Thumbnail encoded using JPEG" }, { 0x11, "Thumbnail encoded using 1 byte/pixel" },
	{ 0x13, "Thumbnail encoded using 3 bytes/pixel" }, { 0, NULL }
};

#define F(idx, abbrev, name, type, base, mask, vals) [idx] = { "image-jfif." abbrev, name, type, \
	base, mask, (mask) ? 8 : 0, vals, NULL, 0 }

/* tshark's FT_STRINGZ identifier is an FT_STRING here (its NUL is in the range, not
 * the value). */
static const struct field_def fields[] = {
	[J_PROTO] = { "image-jfif", "JPEG File Interchange Format", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"A JPEG image: marker segments, then entropy-coded scans.", 0 },
	F(J_MARKER, "marker", "Marker", FT_UINT16, BASE_HEX, 0, marker_vals),
	F(J_SEGMENT, "marker_segment", "Marker segment", FT_NONE, BASE_NONE, 0, NULL),
	F(J_LENGTH, "length", "Length", FT_UINT16, BASE_DEC, 0, NULL),
	F(J_IDENT, "identifier", "Identifier", FT_STRING, BASE_NONE, 0, NULL),
	F(J_VERSION, "version", "Version", FT_NONE, BASE_NONE, 0, NULL),
	F(J_MAJOR, "version.major", "Major Version", FT_UINT8, BASE_DEC, 0, NULL),
	F(J_MINOR, "version.minor", "Minor Version", FT_UINT8, BASE_DEC, 0, NULL),
	F(J_UNITS, "units", "Units", FT_UINT8, BASE_DEC, 0, units_vals),
	F(J_XDENS, "Xdensity", "Xdensity", FT_UINT16, BASE_DEC, 0, NULL),
	F(J_YDENS, "Ydensity", "Ydensity", FT_UINT16, BASE_DEC, 0, NULL),
	F(J_XTHUMB, "Xthumbnail", "Xthumbnail", FT_UINT16, BASE_DEC, 0, NULL),
	F(J_YTHUMB, "Ythumbnail", "Ythumbnail", FT_UINT16, BASE_DEC, 0, NULL),
	F(J_RGB, "RGB", "RGB values of thumbnail pixels", FT_BYTES, BASE_NONE, 0, NULL),
	F(J_EXT_CODE, "extension.code", "Extension code", FT_UINT8, BASE_HEX, 0, ext_vals),
	F(J_SOF, "sof", "Start of Frame header", FT_NONE, BASE_NONE, 0, NULL),
	F(J_PRECISION, "sof.precision", "Sample Precision (bits)", FT_UINT8, BASE_DEC, 0, NULL),
	F(J_LINES, "sof.lines", "Lines", FT_UINT16, BASE_DEC, 0, NULL),
	F(J_SAMPLES, "sof.samples_per_line", "Samples per line", FT_UINT16, BASE_DEC, 0, NULL),
	F(J_NF, "sof.nf", "Number of image components in frame", FT_UINT8, BASE_DEC, 0, NULL),
	F(J_CI, "sof.c_i", "Component identifier", FT_UINT8, BASE_DEC, 0, NULL),
	F(J_HI, "sof.h_i", "Horizontal sampling factor", FT_UINT8, BASE_DEC, 0xf0, NULL),
	F(J_VI, "sof.v_i", "Vertical sampling factor", FT_UINT8, BASE_DEC, 0x0f, NULL),
	F(J_TQI, "sof.tq_i", "Quantization table destination selector", FT_UINT8, BASE_DEC, 0, NULL),
	F(J_SOS, "header.sos", "Start of Segment header", FT_NONE, BASE_NONE, 0, NULL),
	F(J_NS, "sos.ns", "Number of image components in scan", FT_UINT8, BASE_DEC, 0, NULL),
	F(J_CS, "sos.component_selector", "Scan component selector", FT_UINT8, BASE_DEC, 0, NULL),
	F(J_DC, "sos.dc_entropy_selector", "DC entropy coding table destination selector", FT_UINT8,
		BASE_DEC, 0xf0, NULL),
	F(J_AC, "sos.ac_entropy_selector", "AC entropy coding table destination selector", FT_UINT8,
		BASE_DEC, 0x0f, NULL),
	F(J_SS, "sos.ss", "Start of spectral or predictor selection", FT_UINT8, BASE_DEC, 0, NULL),
	F(J_SE, "sos.se", "End of spectral selection", FT_UINT8, BASE_DEC, 0, NULL),
	F(J_AH, "sos.ah", "Successive approximation bit position high", FT_UINT8, BASE_DEC, 0xf0, NULL),
	F(J_AL, "sos.al", "Successive approximation bit position low or point transform", FT_UINT8,
		BASE_DEC, 0x0f, NULL),
	F(J_COM, "header.comment", "Comment header", FT_NONE, BASE_NONE, 0, NULL),
	F(J_COMMENT, "comment", "Comment", FT_STRING, BASE_NONE, 0, NULL),
	F(J_REMAIN, "remain_seg_data", "Remaining segment data", FT_BYTES, BASE_NONE, 0, NULL),
	F(J_FLASHPIX, "exif_flashpix_marker", "Exif FlashPix APP2 application marker", FT_NONE,
		BASE_NONE, 0, NULL),
	F(J_ENTROPY, "entropy_coded_segment", "Entropy-coded segment (dissection is not yet implemented)",
		FT_BYTES, BASE_NONE, 0, NULL),
	F(J_FILL, "fill_bytes", "Fill bytes", FT_BYTES, BASE_NONE, 0, NULL),
	F(J_NOT_JFIF, "app0-identifier-not-jfif", "Initial App0 segment with \"JFIF\" Identifier not found",
		FT_NONE, BASE_NONE, 0, NULL),
};
static const struct field_table jfif_table = REG_TABLE(fields);
const struct proto_reg jfif_proto = REG_PROTO_TABLE(jfif_table);

static int add_u(struct dtree *t, uint32_t node, int f, struct cur *c, size_t n)
{
	return dissect_add_be(t, node, &fields[f], c, n);
}

/* One byte shown as its two nibble fields (f high, f + 1 low). */
static int add_nibbles(struct dtree *t, uint32_t node, int f, struct cur *c)
{
	uint32_t off = cur_off(c);

	if (!cur_has(c, 1))
		return 0;
	uint8_t b = cur_u8(c);
	tree_add_uint(t, node, &fields[f], off, 1, b);
	tree_add_uint(t, node, &fields[f + 1], off, 1, b);
	return 1;
}

/* Node n's default label (escaped as -V shows it) with suffix after it. */
static void label_suffix(struct dtree *t, uint32_t n, const char *suffix)
{
	char buf[512];

	if (!n || !tree_text(t))
		return;
	fv_label(t, tree_node(t, n), buf, sizeof(buf));
	tree_label(t, n, "%s%s", buf, suffix);
}

/* What a segment decoder met: tshark throws when a read (tvb_get) runs past the
 * segment, but an item past it throws only while a tree is built (-V), so the summary
 * line of such an image is not malformed (-T fields and -Y build one: they are).
 * Only APP1 reads its identifier (and Exif) without a tree; APP0, APP2, SOFn and SOS
 * do nothing then. */
enum seg_result { SEG_READ = 0, SEG_OK = 1, SEG_ITEM = -1 };

/* "Remaining segment data: N bytes" from c's position to the segment's declared end
 * (`want` bytes). */
static enum seg_result remaining(struct dtree *t, uint32_t node, struct cur *c, size_t want)
{
	uint32_t off = cur_off(c);

	if (want == 0)
		return SEG_ITEM;
	uint32_t n = tree_add_bytes(t, node, &fields[J_REMAIN], off, (uint32_t)want, c->p,
	    (uint32_t)(want < cur_left(c) ? want : cur_left(c)));
	tree_label(t, n, "Remaining segment data: %u bytes", (uint32_t)want);
	return SEG_OK;
}

/* The NUL-terminated identifier of an APPn segment; its length with the NUL, 0 when
 * the segment has no NUL. */
static size_t identifier(struct dtree *t, uint32_t node, struct cur *c, uint32_t *item)
{
	size_t n = cur_left(c), k = 0;

	while (k < n && cur_peek(c, k))
		k++;
	if (k == n)
		return 0;
	*item = tree_add_bytes(t, node, &fields[J_IDENT], cur_off(c), (uint32_t)k + 1, c->p, (uint32_t)k);
	return k + 1;
}

struct seg {
	struct dctx *d;
	uint32_t top, node;	/* the image's node, the segment's */
	struct cur c;		/* after the length field, clipped to the segment and the body */
	size_t want;		/* bytes the segment declares after its length field */
	int *not_jfif;		/* warn at the next APP1 that it is not JFIF (set when
				 * the image has "Exif" at byte 6, cleared by an APP1) */
	uint8_t m;		/* the marker's second byte */
};

#define ITEM(x) do { if (!(x)) return SEG_ITEM; } while (0)

static enum seg_result seg_app0(struct seg *s)
{
	struct dtree *t = s->d->tree;
	uint32_t id = 0;
	size_t n = identifier(t, s->node, &s->c, &id);
	const uint8_t *name = s->c.p;

	if (!n)
		return SEG_ITEM;
	cur_skip(&s->c, n);
	if (n == 5 && memcmp(name, "JFIF", 4) == 0) {
		uint32_t off = cur_off(&s->c);
		if (!cur_has(&s->c, 2))
			return SEG_ITEM;
		uint32_t v = tree_add(t, s->node, &fields[J_VERSION], off, 2);
		tree_label(t, v, "Version: %u.%u", cur_peek(&s->c, 0), cur_peek(&s->c, 1));
		ITEM(add_u(t, v, J_MAJOR, &s->c, 1));
		ITEM(add_u(t, v, J_MINOR, &s->c, 1));
		ITEM(add_u(t, s->node, J_UNITS, &s->c, 1));
		ITEM(add_u(t, s->node, J_XDENS, &s->c, 2));
		ITEM(add_u(t, s->node, J_YDENS, &s->c, 2));
		if (!cur_has(&s->c, 2))
			return SEG_ITEM;
		uint8_t x = cur_peek(&s->c, 0), y = cur_peek(&s->c, 1);
		uint32_t rgb = 3u * x * y;
		add_u(t, s->node, J_XTHUMB, &s->c, 1);
		add_u(t, s->node, J_YTHUMB, &s->c, 1);
		if (x || y) {	/* tshark adds the item when either is set, empty or not */
			ITEM(cur_has(&s->c, rgb));
			uint32_t r = tree_add_bytes(t, s->node, &fields[J_RGB], cur_off(&s->c), rgb, s->c.p, rgb);
			if (!rgb)
				tree_label(t, r, "%s: <MISSING>", fields[J_RGB].name);
		}
		return SEG_OK;
	}
	if (n == 5 && memcmp(name, "JFXX", 4) == 0) {
		ITEM(add_u(t, s->node, J_EXT_CODE, &s->c, 1));
		return SEG_OK;
	}
	label_suffix(t, id, " (unknown identifier)");
	return remaining(t, s->node, &s->c, s->want - n);
}

/* APP1 and APP2: an identifier; Exif's TIFF data and FlashPix are not decoded. */
static enum seg_result seg_app12(struct seg *s)
{
	struct dtree *t = s->d->tree;
	uint32_t id = 0;
	size_t n = identifier(t, s->node, &s->c, &id);
	const uint8_t *name = s->c.p;

	if (!n)
		return s->m == 0xe1 ? SEG_READ : SEG_ITEM;	/* APP2 reads only for a tree */
	cur_skip(&s->c, n);
	if (s->m == 0xe1) {
		if (*s->not_jfif && !(n == 5 && memcmp(name, "JFIF", 4) == 0))
			dissect_expert(s->d, id, &fields[J_NOT_JFIF], SEV_WARN, "Protocol",
			    "Initial App0 segment with \"JFIF\" Identifier not found");
		*s->not_jfif = 0;
	}
	if (s->m == 0xe1 && n == 5 && memcmp(name, "Exif", 4) == 0)
		return remaining(t, s->node, &s->c, s->want - n);
	if (s->m == 0xe2 && n == 5 && memcmp(name, "FPXR", 4) == 0) {
		tree_add(t, s->top, &fields[J_FLASHPIX], cur_off(&s->c), 0);
		return SEG_OK;
	}
	label_suffix(t, id, " (Unknown identifier)");
	return remaining(t, s->node, &s->c, s->want - n);
}

static enum seg_result seg_sof(struct seg *s)
{
	struct dtree *t = s->d->tree;

	ITEM(add_u(t, s->node, J_PRECISION, &s->c, 1));
	ITEM(add_u(t, s->node, J_LINES, &s->c, 2));
	ITEM(add_u(t, s->node, J_SAMPLES, &s->c, 2));
	if (!cur_has(&s->c, 1))
		return SEG_ITEM;
	uint8_t nf = cur_peek(&s->c, 0);
	add_u(t, s->node, J_NF, &s->c, 1);
	for (unsigned i = 0; i < nf; i++) {
		ITEM(add_u(t, s->node, J_CI, &s->c, 1));
		ITEM(add_nibbles(t, s->node, J_HI, &s->c));
		ITEM(add_u(t, s->node, J_TQI, &s->c, 1));
	}
	return SEG_OK;
}

static enum seg_result seg_sos(struct seg *s)
{
	struct dtree *t = s->d->tree;

	if (!cur_has(&s->c, 1))
		return SEG_ITEM;
	uint8_t ns = cur_peek(&s->c, 0);
	add_u(t, s->node, J_NS, &s->c, 1);
	for (unsigned i = 0; i < ns; i++) {
		ITEM(add_u(t, s->node, J_CS, &s->c, 1));
		ITEM(add_nibbles(t, s->node, J_DC, &s->c));
	}
	ITEM(add_u(t, s->node, J_SS, &s->c, 1));
	ITEM(add_u(t, s->node, J_SE, &s->c, 1));
	ITEM(add_nibbles(t, s->node, J_AH, &s->c));
	return SEG_OK;
}

static enum seg_result seg_com(struct seg *s)
{
	ITEM(cur_has(&s->c, s->want));
	tree_add_bytes(s->d->tree, s->node, &fields[J_COMMENT], cur_off(&s->c), (uint32_t)s->want,
	    s->c.p, (uint32_t)s->want);
	return SEG_OK;
}

static enum seg_result seg_other(struct seg *s)
{
	return remaining(s->d->tree, s->node, &s->c, s->want);
}

static int is_sof(uint8_t m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xcc;
}

/* The segment at c (its marker m): its node, marker and length, then its decoder.
 * Returns the bytes it takes, 0 on tshark's exception. */
static size_t segment(struct dctx *d, uint32_t node, const struct cur *c, uint8_t m, int *not_jfif)
{
	struct dtree *t = d->tree;
	uint32_t off = cur_off(c);
	uint16_t marker = (uint16_t)(0xff00u | m);
	const char *name = val_to_str(marker, marker_vals);
	int f = is_sof(m) ? J_SOF : m == 0xda ? J_SOS : m == 0xfe ? J_COM : J_SEGMENT;
	enum seg_result (*decode)(struct seg *) = is_sof(m) ? seg_sof : m == 0xda ? seg_sos :
	    m == 0xfe ? seg_com : m == 0xe0 ? seg_app0 : m == 0xe1 || m == 0xe2 ? seg_app12 : seg_other;
	size_t len = cur_has(c, 4) ? cur_peek_be16(c, 2) : 0;
	uint32_t sn = tree_add(t, node, &fields[f], off, (uint32_t)(len + 2));
	enum seg_result r = SEG_ITEM;

	tree_label(t, sn, "%s: %s (0x%04X)", fields[f].name, name ? name : "Unknown", marker);
	if (!cur_has(c, 4))
		return 0;
	tree_add_uint(t, sn, &fields[J_MARKER], off, 2, marker);
	if (len >= 2) {		/* below 2, tshark stops after the marker */
		tree_add_uint(t, sn, &fields[J_LENGTH], off + 2, 2, len);
		struct seg s = { d, node, sn, cur_sub(c, len + 2, NULL), len - 2, not_jfif, m };
		cur_skip(&s.c, 4);
		r = decode(&s);
	}
	if (r == SEG_READ || (r == SEG_ITEM && t) || !cur_has(c, len + 2))
		return 0;
	return len + 2;
}

int jfif_is_image(const struct cur *c)
{
	/* tshark looks at bytes 6-10 only, whatever the first segment's marker */
	static const char starts[][5] = { "JFIF", "Exif" };

	if (cur_left(c) < 20 || cur_peek_be16(c, 0) != 0xffd8)
		return 0;
	for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]); i++)
		if (memcmp(cur_at(c, 6).p, starts[i], 5) == 0)
			return 1;
	return 0;
}

void dissect_jfif(struct dctx *d, struct cur *c)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c);
	int not_jfif = memcmp(cur_at(c, 6).p, "Exif", 5) == 0;	/* is_image saw 20 bytes */

	pi_push_proto(d->pi, "image-jfif");
	uint32_t node = tree_add(t, 0, &fields[J_PROTO], start, (uint32_t)cur_left(c));
	tree_add_uint(t, node, &fields[J_MARKER], start, 2, 0xffd8);
	cur_skip(c, 2);
	while (cur_left(c) > 0) {
		size_t n = cur_left(c), k = 0;
		uint32_t off = cur_off(c);
		if (cur_peek(c, 0) != 0xff || (cur_has(c, 2) && cur_peek(c, 1) == 0x00)) {
			/* up to an ff that is not ff 00 (a last ff ends it too, then the
			 * marker read fails) */
			while (k < n && !(cur_peek(c, k) == 0xff && (k + 1 == n || cur_peek(c, k + 1) != 0)))
				k++;
			tree_add_bytes(t, node, &fields[J_ENTROPY], off, (uint32_t)k, c->p, (uint32_t)k);
			cur_skip(c, k);
			continue;
		}
		while (k + 1 < n && cur_peek(c, k + 1) == 0xff)
			k++;
		if (k) {
			tree_add_bytes(t, node, &fields[J_FILL], off, (uint32_t)k, c->p, (uint32_t)k);
			cur_skip(c, k);
			off += (uint32_t)k;
		}
		if (!cur_has(c, 2))
			goto exception;
		uint8_t m = cur_peek(c, 1);
		uint16_t marker = (uint16_t)(0xff00u | m);
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd9)) {
			tree_add_uint(t, node, &fields[J_MARKER], off, 2, marker);
			cur_skip(c, 2);
		} else if (m < 0xc0) {
			uint32_t r = tree_add_uint(t, node, &fields[J_MARKER], off, 2, marker);
			label_suffix(t, r, " (Reserved)");
			break;
		} else {
			size_t used = segment(d, node, c, m, &not_jfif);
			if (!used)
				goto exception;
			cur_skip(c, used);
		}
	}
	cur_skip(c, cur_left(c));
	return;
exception:
	dissect_exception(d, node, "JFIF (JPEG) image");
	cur_skip(c, cur_left(c));
}
