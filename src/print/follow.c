/* follow.c — -z follow,tcp,ascii|hex|raw,N: the bytes of one TCP stream, as tshark 4.0
 * prints them.
 *
 * Each segment with new data is one chunk, in capture order per direction: bytes seen
 * before (retransmissions, overlaps) are trimmed, a segment that arrives ahead of a
 * gap waits until the gap is filled, or until the other side acknowledges past it:
 * then "[N bytes missing in capture file]" stands for the gap.  Never-acknowledged
 * waiting segments are not printed, as in tshark.  Node 0 is
 * the source of the stream's first data segment seen here, as tshark's client.
 *
 *   ascii  "LEN\n" + bytes (non-printable but CR/LF as '.') + "\n"; Node 1 lines
 *          start with a tab
 *   hex    "%08X  " + 16 bytes "xx " (extra space after 8) + " " + ASCII; offsets
 *          count per node
 *   raw    hex digits of each chunk on one line
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/reasm.h"
#include "analysis/session.h"
#include "core/xmalloc.h"
#include "print/stats.h"

enum { SHOW_ASCII, SHOW_HEX, SHOW_RAW };

struct chunk {
	int node;
	uint8_t *data;
	uint32_t len;
};

struct pending {
	uint32_t seq, len;
	uint8_t *data;
};

struct follow {
	int mode;
	uint32_t stream;
	int have_nodes;
	char node_str[2][80];
	int client_dir;		/* the dir (reasm) of node 0 */
	int have_next[2];
	uint32_t next[2];	/* next expected relative seq per node */
	struct pending *pend[2];
	size_t npend[2], pendcap[2];
	struct chunk *chunks;
	size_t n, cap;
};

static const char *mode_names[] = { "ascii", "hex", "raw" };

static void *follow_create(const char *arg, char *errbuf, size_t n)
{
	char mode[16];
	unsigned long stream;
	struct follow *f;
	int used = 0;

	if (sscanf(arg, "follow,tcp,%15[a-z],%lu%n", mode, &stream, &used) != 2 || arg[used] != '\0') {
		snprintf(errbuf, n, "invalid -z argument \"%s\"; use follow,tcp,ascii|hex|raw,N "
		    "with N a tcp.stream number", arg);
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	f->stream = (uint32_t)stream;
	for (f->mode = 0; f->mode < 3; f->mode++)
		if (strcmp(mode, mode_names[f->mode]) == 0)
			break;
	if (f->mode == 3) {
		snprintf(errbuf, n, "invalid -z follow mode \"%s\"; use ascii, hex or raw", mode);
		free(f);
		return NULL;
	}
	return f;
}

static void add_chunk(struct follow *f, int node, const uint8_t *p, uint32_t len)
{
	if (!len)
		return;
	f->chunks = xgrow(f->chunks, &f->cap, f->n + 1, sizeof(*f->chunks));
	f->chunks[f->n].node = node;
	f->chunks[f->n].data = xmalloc(len);
	memcpy(f->chunks[f->n].data, p, len);
	f->chunks[f->n].len = len;
	f->n++;
}

/* Emits what is new in [seq, seq+len) for node, then any pending segment it unblocks. */
static void feed(struct follow *f, int node, uint32_t seq, const uint8_t *p, uint32_t len)
{
	uint32_t *next = &f->next[node];

	if (!f->have_next[node]) {
		f->have_next[node] = 1;
		*next = seq;
	}
	if ((int32_t)(seq - *next) > 0) {	/* ahead of a gap: wait */
		struct pending *q;
		f->pend[node] = xgrow(f->pend[node], &f->pendcap[node], f->npend[node] + 1,
		    sizeof(*f->pend[node]));
		q = &f->pend[node][f->npend[node]++];
		q->seq = seq;
		q->len = len;
		q->data = xmalloc(len);
		memcpy(q->data, p, len);
		return;
	}
	if ((int32_t)(seq + len - *next) <= 0)
		return;			/* old bytes */
	{
		uint32_t skip = *next - seq;
		add_chunk(f, node, p + skip, len - skip);
		*next = seq + len;
	}
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < f->npend[node]; i++) {
			struct pending q = f->pend[node][i];
			if ((int32_t)(q.seq - *next) > 0)
				continue;
			f->pend[node][i] = f->pend[node][--f->npend[node]];
			if ((int32_t)(q.seq + q.len - *next) > 0) {
				uint32_t skip = *next - q.seq;
				add_chunk(f, node, q.data + skip, q.len - skip);
				*next = q.seq + q.len;
			}
			free(q.data);
			again = 1;
			break;
		}
	}
}

static uint32_t lowest(const struct follow *f, int node)
{
	uint32_t lo = f->pend[node][0].seq;

	for (size_t i = 1; i < f->npend[node]; i++)
		if ((int32_t)(f->pend[node][i].seq - lo) < 0)
			lo = f->pend[node][i].seq;
	return lo;
}

/* The gap before node's first waiting segment will never fill: say so, as tshark does,
 * and go on with what waited. */
static void skip_gap(struct follow *f, int node)
{
	size_t best = 0;
	char text[64];
	uint32_t gap;

	if (!f->npend[node])
		return;
	for (size_t i = 1; i < f->npend[node]; i++)
		if ((int32_t)(f->pend[node][i].seq - f->pend[node][best].seq) < 0)
			best = i;
	gap = f->pend[node][best].seq - f->next[node];
	/* tshark's chunk includes the string's NUL (shown as '.') */
	snprintf(text, sizeof(text), "[%d bytes missing in capture file]", (int)gap);
	add_chunk(f, node, (const uint8_t *)text, (uint32_t)strlen(text) + 1);
	f->next[node] = f->pend[node][best].seq;
	{
		struct pending q = f->pend[node][best];
		f->pend[node][best] = f->pend[node][--f->npend[node]];
		feed(f, node, q.seq, q.data, q.len);
		free(q.data);
	}
}

static void follow_packet(void *st, const struct dctx *d, const struct pkt_rec *rec)
{
	struct follow *f = st;
	const struct reasm_tcp_note *t;
	int node;

	(void)rec;
	if (!d->sess || !d->sess->reasm)
		return;
	t = reasm_last_tcp(d->sess->reasm, d->pi->num);
	if (!t || t->stream != f->stream)
		return;
	if (!f->have_nodes) {
		f->have_nodes = 1;
		f->client_dir = t->dir;
		addr_port_to_str(&d->pi->net_src, d->pi->srcport, f->node_str[0], sizeof(f->node_str[0]));
		addr_port_to_str(&d->pi->net_dst, d->pi->dstport, f->node_str[1], sizeof(f->node_str[1]));
	}
	node = t->dir == f->client_dir ? 0 : 1;
	/* an ACK past a gap of the other direction: the receiver got those bytes */
	while (t->ack_valid && f->npend[!node] && (int32_t)(t->ack - lowest(f, !node)) > 0) {
		size_t before = f->npend[!node];
		skip_gap(f, !node);
		if (f->npend[!node] >= before)
			break;
	}
	if (t->payload && t->len)
		feed(f, node, t->seq, t->payload, t->len);
}

static void print_ascii(FILE *fp, const struct chunk *c)
{
	fprintf(fp, "%s%u\n", c->node ? "\t" : "", c->len);
	for (uint32_t i = 0; i < c->len; i++) {
		uint8_t b = c->data[i];
		fputc((b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' ? b : '.', fp);
	}
	fputc('\n', fp);
}

static void print_hex(FILE *fp, const struct chunk *c, uint32_t *pos)
{
	static const char hx[] = "0123456789abcdef";

	for (uint32_t off = 0; off < c->len; off += 16) {
		char line[128];
		size_t at = 0;
		uint32_t k = c->len - off < 16 ? c->len - off : 16;
		if (c->node)
			line[at++] = '\t';
		at += (size_t)snprintf(line + at, sizeof(line) - at, "%08X  ", *pos + off);
		for (uint32_t i = 0; i < 16; i++) {
			if (i < k) {
				line[at++] = hx[c->data[off + i] >> 4];
				line[at++] = hx[c->data[off + i] & 15];
				line[at++] = ' ';
			} else {
				memcpy(line + at, "   ", 3);
				at += 3;
			}
			if (i == 7)
				line[at++] = ' ';
		}
		line[at++] = ' ';
		for (uint32_t i = 0; i < k; i++) {
			uint8_t b = c->data[off + i];
			line[at++] = b >= 0x20 && b < 0x7f ? (char)b : '.';
			if (i == 7)
				line[at++] = ' ';
		}
		if (line[at - 1] == ' ')	/* as tshark: one trailing blank goes */
			at--;
		line[at++] = '\n';
		fwrite(line, 1, at, fp);
	}
	*pos += c->len;
}

static void print_raw(FILE *fp, const struct chunk *c)
{
	if (c->node)
		fputc('\t', fp);
	for (uint32_t i = 0; i < c->len; i++)
		fprintf(fp, "%02x", c->data[i]);
	fputc('\n', fp);
}

static const char rule[] = "===================================================================\n";

static void follow_print(void *st, FILE *fp)
{
	struct follow *f = st;
	uint32_t pos[2] = { 0, 0 };

	/* segments still waiting behind a gap nobody acknowledged are not shown (tshark) */
	fprintf(fp, "\n%sFollow: tcp,%s\nFilter: tcp.stream eq %u\n", rule, mode_names[f->mode],
	    f->stream);
	fprintf(fp, "Node 0: %s\nNode 1: %s\n", f->have_nodes ? f->node_str[0] : ":0",
	    f->have_nodes ? f->node_str[1] : ":0");
	for (size_t i = 0; i < f->n; i++) {
		const struct chunk *c = &f->chunks[i];
		if (f->mode == SHOW_ASCII)
			print_ascii(fp, c);
		else if (f->mode == SHOW_HEX)
			print_hex(fp, c, &pos[c->node]);
		else
			print_raw(fp, c);
	}
	fputs(rule, fp);
}

static void follow_destroy(void *st)
{
	struct follow *f = st;

	for (size_t i = 0; i < f->n; i++)
		free(f->chunks[i].data);
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < f->npend[k]; i++)
			free(f->pend[k][i].data);
		free(f->pend[k]);
	}
	free(f->chunks);
	free(f);
}

const struct stat_kind follow_tcp_kind = {
	"follow,tcp,", follow_create, follow_packet, follow_print, follow_destroy, 0,
};
