/* tree_print.c — the -V detail tree and the -x hex dump. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dissect/fvalue.h"
#include "print/print.h"

/* Lines of hex: offset, 16 bytes, their ASCII. */
static void hex_lines(FILE *fp, const uint8_t *data, uint32_t len)
{
	char line[96];

	for (uint32_t off = 0; off < len; off += 16) {
		print_hex_line(line, sizeof(line), data, len, off);
		fprintf(fp, "%s\n", line);
	}
}

void print_node_data(FILE *fp, const struct dtree *t, const struct fnode *n)
{
	const struct dsource *src;

	if (!n->f || n->f->type != FT_PROTOCOL || strcmp(n->f->abbrev, "data") != 0 || n->src >= t->nsrc)
		return;
	src = &t->src[n->src];
	if (n->off > src->len)
		return;
	fputc('\n', fp);
	hex_lines(fp, src->data + n->off, n->len < src->len - n->off ? n->len : src->len - n->off);
}

/* Is name one of the comma-separated list's items? */
static int listed(const char *list, const char *name)
{
	size_t k = strlen(name);

	for (const char *p = list; *p; ) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == k && memcmp(p, name, k) == 0)
			return 1;
		p += len + (e != NULL);
	}
	return 0;
}

static void print_node(FILE *fp, const struct dtree *t, uint32_t i, int depth, int data_hex,
    const char *only)
{
	char label[4096];

	for (; i; i = t->nodes[i].next) {
		const struct fnode *n = &t->nodes[i];
		if (n->flags & TN_HIDDEN)
			continue;
		fv_label(t, n, label, sizeof(label));
		fprintf(fp, "%*s%s\n", depth * 4, "", label);
		if (data_hex)
			print_node_data(fp, t, n);
		if (n->first && (!only || (n->f && listed(only, n->f->abbrev))))
			print_node(fp, t, n->first, depth + 1, data_hex, NULL);
	}
}

void print_tree(FILE *fp, const struct dtree *t, int data_hex, const char *only)
{
	print_node(fp, t, t->nodes[0].first, 0, data_hex, only);
}

size_t print_hex_line(char *buf, size_t n, const uint8_t *data, uint32_t len, uint32_t off)
{
	static const char hx[] = "0123456789abcdef";
	char line[96];
	size_t at = 0;
	int w = 4;

	while (w < 8 && len && (len - 1) >> (4 * w))	/* as tshark: 4 digits, more if needed */
		w++;
	at += (size_t)snprintf(line, sizeof(line), "%0*x  ", w, off);
	for (uint32_t i = 0; i < 16; i++) {
		if (off + i < len) {
			line[at++] = hx[data[off + i] >> 4];
			line[at++] = hx[data[off + i] & 15];
		} else {
			line[at++] = ' ';
			line[at++] = ' ';
		}
		line[at++] = ' ';
	}
	line[at++] = ' ';
	line[at++] = ' ';
	for (uint32_t i = 0; i < 16 && off + i < len; i++) {
		uint8_t c = data[off + i];
		line[at++] = c >= 0x20 && c < 0x7f ? (char)c : '.';
	}
	line[at] = '\0';
	snprintf(buf, n, "%s", line);
	return at;
}

void print_hex(FILE *fp, const struct dtree *t)
{
	for (int s = 0; s < t->nsrc; s++) {
		const struct dsource *src = &t->src[s];
		if (t->nsrc > 1)
			fprintf(fp, "%s (%u byte%s):\n", src->name, src->len, src->len == 1 ? "" : "s");
		hex_lines(fp, src->data, src->len);
	}
}
