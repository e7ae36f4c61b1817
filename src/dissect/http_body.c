/* http_body.c — an HTTP message body as Wireshark 4.0 shows it: Content-Length or
 * chunked framing, the media type's dissector name, Protocol column and Info (JSON,
 * XML, GIF, PNG, JFIF …), and text bodies as "Line-based text data" (its own protocol,
 * data-text-lines); see http.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/http_int.h"
#include "dissect/protos.h"

static const struct field_def tl_fields[] = {
	{ "data-text-lines", "Line-based text data", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"A text body shown line by line.", 0 },
};
static const struct field_table text_lines_table = REG_TABLE(tl_fields);
const struct proto_reg text_lines_proto = REG_PROTO_TABLE(text_lines_table);

static const struct field_def media_fields[] = {
	{ "media", "Media Type", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"A body of a media type no dissector reads, shown as it is.", 0 },
};
static const struct field_table media_table = REG_TABLE(media_fields);
const struct proto_reg media_proto = REG_PROTO_TABLE(media_table);

/* Body media types → the dissector Wireshark 4.0 runs (frame.protocols name), the
 * Protocol column it sets and what it appends to Info (%s = the media type). */
enum { INFO_TYPE, INFO_JSON, INFO_NONE, INFO_GIF, INFO_PNG, INFO_JFIF };
static const struct {
	const char *type, *proto, *col;
	int info;
} media_types[] = {
	{ "text/html", "data-text-lines", NULL, INFO_TYPE },
	{ "text/plain", "data-text-lines", NULL, INFO_TYPE },
	{ "text/css", "data-text-lines", NULL, INFO_TYPE },
	{ "text/javascript", "data-text-lines", NULL, INFO_TYPE },
	{ "text/vnd.wap.wml", "data-text-lines", NULL, INFO_TYPE },
	{ "application/x-javascript", "data-text-lines", NULL, INFO_TYPE },
	{ "application/json", "json", "HTTP/JSON", INFO_JSON },
	{ "application/json-rpc", "json", "HTTP/JSON", INFO_JSON },
	{ "application/jsonrequest", "json", "HTTP/JSON", INFO_JSON },
	{ "application/xml", "xml", "HTTP/XML", INFO_NONE },
	{ "text/xml", "xml", "HTTP/XML", INFO_NONE },
	{ "image/gif", "image-gif", NULL, INFO_GIF },
	{ "image/jfif", "image-jfif", NULL, INFO_JFIF },
	{ "image/jpeg", "image-jfif", NULL, INFO_JFIF },
	{ "image/jpg", "image-jfif", NULL, INFO_JFIF },
	{ "image/pjpeg", "image-jfif", NULL, INFO_JFIF },
	{ "image/png", "png", NULL, INFO_PNG },
	{ "application/x-www-form-urlencoded", "urlencoded-form", NULL, INFO_TYPE },
};

static int any_body(const struct cur *c)
{
	(void)c;
	return 1;
}

/* The only media type that reaches it, for its label. */
static void form_body(struct dctx *d, struct cur *c)
{
	pi_push_proto(d->pi, "urlencoded-form");
	dissect_urlencoded(d, c, 0, "application/x-www-form-urlencoded");
}

/* Media protocols with a dissector of their own (the others get a placeholder): a
 * body the dissector refuses (accepts) is shown as media, as tshark does. */
static const struct {
	const char *proto;
	int (*accepts)(const struct cur *c);
	void (*dissect)(struct dctx *d, struct cur *c);
} body_dissectors[] = {
	{ "png", png_is_image, dissect_png },
	{ "image-gif", gif_is_image, dissect_gif },
	{ "image-jfif", jfif_is_image, dissect_jfif },
	{ "urlencoded-form", any_body, form_body },
};

/* The index of proto's entry, or the table's size. */
static size_t body_dissector(const char *proto)
{
	size_t k;

	for (k = 0; k < sizeof(body_dissectors) / sizeof(body_dissectors[0]); k++)
		if (strcmp(body_dissectors[k].proto, proto) == 0)
			break;
	return k;
}

static void text_lines(struct dctx *d, const uint8_t *body, uint32_t off, uint32_t len,
    const char *ctype)
{
	char eb[ESC_MAX];
	struct dtree *t = d->tree;
	uint32_t node, lines = 0, at = 0;
	size_t next;

	pi_push_proto(d->pi, "data-text-lines");
	node = tree_add(t, 0, &tl_fields[0], off, len);
	if (!tree_text(t) || !node)
		return;
	while (at < len) {
		http_line_end(body + at, len - at, 0, &next);
		tree_add_text(t, node, off + at, (uint32_t)next, "%s",
		    http_esc(eb, body + at, next));
		at += (uint32_t)next;
		lines++;
	}
	tree_label(t, node, "Line-based text data: %s (%u lines)", ctype, lines);
}

void http_body(struct dctx *d, uint32_t http_node, const uint8_t *base,
    uint32_t off, uint32_t len, struct msg *m)
{
	struct dtree *t = d->tree;
	const uint8_t *body = base + off;
	uint32_t n;

	n = http_add_str(d, http_node, H_FILE_DATA, off, len, body, len);
	if (tree_text(t))
		tree_label(t, n, "File Data: %u byte%s", len, len == 1 ? "" : "s");
	if (!len)
		return;		/* a body that uncompressed to nothing */
	if (m->ctype[0]) {
		size_t i;
		for (i = 0; i < sizeof(media_types) / sizeof(media_types[0]); i++)
			if (strcmp(media_types[i].type, m->ctype) == 0)
				break;
		if (i < sizeof(media_types) / sizeof(media_types[0])) {
			size_t k = body_dissector(media_types[i].proto);
			struct cur bc = cur_make(body, len);
			if (k < sizeof(body_dissectors) / sizeof(body_dissectors[0]) &&
			    !body_dissectors[k].accepts(&bc)) {
				dissect_expert(d, http_node, NULL, SEV_NOTE, "Malformed",
				    "HTTP body subdissector failed, trying heuristic subdissector");
				/* of tshark's heuristics for HTTP bodies, JPEG's ("jfif_http")
				 * is the one implemented; without it the body is media */
				for (i = 0; i < sizeof(media_types) / sizeof(media_types[0]); i++)
					if (jfif_is_image(&bc) && strcmp(media_types[i].type, "image/jpeg") == 0)
						break;
			}
		}
		if (i < sizeof(media_types) / sizeof(media_types[0])) {
			switch (media_types[i].info) {
			case INFO_TYPE: col_append(d->pi, " (%s)", m->ctype); break;
			case INFO_JSON:
				col_append(d->pi, "%sJavaScript Object Notation (%s)",
				    d->pi->info_len ? ", " : "", m->ctype);
				break;
			case INFO_GIF:
				col_append(d->pi, " (");
				col_append_escaped(d->pi, body, len >= 6 ? 6 : len);
				col_append(d->pi, ")");
				break;
			case INFO_PNG: col_append(d->pi, " (PNG)"); break;
			case INFO_JFIF: col_append(d->pi, " (JPEG JFIF image)"); break;
			default: break;
			}
			if (media_types[i].col)
				col_set_proto(d->pi, media_types[i].col);
			if (strcmp(media_types[i].proto, "data-text-lines") == 0)
				text_lines(d, body, off, len, m->ctype);
			else {
				size_t k = body_dissector(media_types[i].proto);
				if (k < sizeof(body_dissectors) / sizeof(body_dissectors[0])) {
					struct cur c = cur_make(base, off + len);
					c.p = body;
					body_dissectors[k].dissect(d, &c);
				} else {
					pi_push_proto(d->pi, media_types[i].proto);
					if (tree_text(t))
						tree_add_text(t, 0, off, len, "%s (%u bytes)", media_types[i].proto, len);
				}
			}
		} else {
			col_append(d->pi, " (%s)", m->ctype);
			pi_push_proto(d->pi, "media");
			if (tree_wants(t, &media_fields[0])) {
				uint32_t mn = tree_add(t, 0, &media_fields[0], off, len);
				if (tree_text(t))
					tree_add_text(t, mn, off, len, "Media type: %s (%u byte%s)", m->ctype,
					    len, len == 1 ? "" : "s");
			}
		}
	} else {
		struct cur c = cur_make(base, off + len);
		c.p = body;
		dissect_data(d, &c, http_node);
	}
}

/* The chunked body: dechunked into a new data source.  Returns the bytes used, or
 * -1 when a chunk size is not a number (the packet is then malformed). */
long http_chunked(struct dctx *d, uint32_t http_node, const uint8_t *base,
    uint32_t off, uint32_t len, uint8_t **dechunked, uint32_t *dlen)
{
	struct dtree *t = d->tree;
	uint32_t at = 0, node;
	size_t next;
	uint8_t *out = NULL;
	size_t olen = 0, ocap = 0;

	node = tree_add_text(t, http_node, off, 0, "HTTP chunked response");
	for (;;) {
		long ll;
		int64_t sz;
		if (at >= len)
			break;
		ll = http_line_end(base + off + at, len - at, 0, &next);
		sz = http_chunk_size(base + off + at, (size_t)ll);
		if (sz < 0) {
			free(out);
			return -1;
		}
		if (sz == 0) {
			uint32_t e = tree_add_text(t, node, off + at, (uint32_t)next, "End of chunked encoding");
			tree_add_uint(t, e, http_field(H_CHUNK_SIZE), off + at, (uint32_t)ll, 0);
			if (tree_text(t))
				tree_label(t, tree_find(t, http_field(H_CHUNK_SIZE), e), "Chunk size: 0 octets");
			at += (uint32_t)next;
			while (at < len) {
				ll = http_line_end(base + off + at, len - at, 0, &next);
				if (ll == 0) {
					tree_add_text(t, node, off + at, (uint32_t)next, "\\r\\n");
					at += (uint32_t)next;
					break;
				}
				http_add_str(d, node, H_TRAILER, off + at, (uint32_t)next, base + off + at, (uint32_t)ll);
				at += (uint32_t)next;
			}
			break;
		}
		{
			uint32_t cstart = at, dataoff = at + (uint32_t)next;
			uint32_t avail = dataoff < len ? len - dataoff : 0;
			uint32_t take = (uint64_t)sz < avail ? (uint32_t)sz : avail;
			uint32_t c = tree_add_text(t, node, off + cstart, (uint32_t)next + take,
			    "Data chunk (%u octets)", (uint32_t)sz);
			uint32_t s = tree_add_uint(t, c, http_field(H_CHUNK_SIZE), off + cstart, (uint32_t)ll,
			    (uint64_t)sz);
			if (tree_text(t))
				tree_label(t, s, "Chunk size: %u octets", (uint32_t)sz);
			tree_add_bytes(t, c, http_field(H_CHUNK_DATA), off + dataoff, take, base + off + dataoff, take);
			out = xgrow(out, &ocap, olen + take + 1, 1);
			memcpy(out + olen, base + off + dataoff, take);
			olen += take;
			if (take < (uint64_t)sz) {
				at = len;
				break;
			}
			at = dataoff + take;
			if (at < len) {
				http_line_end(base + off + at, len - at, 0, &next);
				tree_add_bytes(t, c, http_field(H_CHUNK_BOUNDARY), off + at, (uint32_t)next,
				    base + off + at, (uint32_t)next);
				at += (uint32_t)next;
			}
		}
	}
	*dechunked = out;
	*dlen = (uint32_t)olen;
	return (long)at;
}

