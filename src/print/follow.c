/* follow.c — -z follow,tcp|udp,ascii|hex|raw|yaml,N: the bytes of one TCP or UDP stream, as tshark 4.0
 * prints them, rendered from the follow model (analysis/follow.c) that the TUI's
 * follow view shows too.
 *
 *   ascii  "LEN\n" + bytes (non-printable but CR/LF as '.') + "\n"; Node 1 lines
 *          start with a tab
 *   hex    "%08X  " + 16 bytes "xx " (extra space after 8) + " " + ASCII; offsets
 *          count per node
 *   raw    hex digits of each chunk on one line
 *   yaml   the peers, then each chunk's frame, peer, time (a double printed with 9
 *          decimals, as tshark's) and its bytes in base64, 76 to a line
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/follow.h"
#include "core/xmalloc.h"
#include "dissect/registry.h"
#include "print/print.h"
#include "print/stats.h"

static const char *mode_names[] = { "ascii", "hex", "raw", "yaml" };

struct follow_stat {
	int mode;
	struct tcpfollow *f;
};

static void *follow_create(const struct stat_kind *k, const char *arg, char *errbuf, size_t n)
{
	char mode[16];
	unsigned long stream;
	struct follow_stat *fs;
	int used = 0, m, udp = k->data != NULL;
	const char *rest = arg + strlen(k->prefix);	/* after "follow,tcp," */

	if (sscanf(rest, "%15[a-z],%lu%n", mode, &stream, &used) != 2 || rest[used] != '\0') {
		snprintf(errbuf, n, "invalid -z argument \"%s\"; use %sascii|hex|raw|yaml,N "
		    "with N a %s.stream number", arg, k->prefix, udp ? "udp" : "tcp");
		return NULL;
	}
	for (m = 0; m < 4; m++)
		if (strcmp(mode, mode_names[m]) == 0)
			break;
	if (m == 4) {
		snprintf(errbuf, n, "invalid -z follow mode \"%s\"; use ascii, hex, raw or yaml", mode);
		return NULL;
	}
	fs = xcalloc(1, sizeof(*fs));
	fs->mode = m;
	fs->f = udp ? udpfollow_new((uint32_t)stream) : tcpfollow_new((uint32_t)stream);
	return fs;
}

/* UDP: the datagrams' payloads come from the tree */
static enum stats_tree_need follow_udp_interest(void *st, uint8_t *bits)
{
	const struct field_def *f = reg_lookup("udp.payload");

	(void)st;
	if (f)
		bits[reg_id(f) >> 3] |= (uint8_t)(1u << (reg_id(f) & 7));
	return STATS_TREE_FIELDS;
}

static void follow_packet(void *st, const struct dctx *d, const struct pkt_rec *rec)
{
	struct follow_stat *fs = st;

	(void)rec;
	tcpfollow_frame(fs->f, d);
}

static void print_ascii(FILE *fp, const struct follow_chunk *c)
{
	fprintf(fp, "%s%u\n", c->node ? "\t" : "", c->len);
	for (uint32_t i = 0; i < c->len; i++) {
		uint8_t b = c->data[i];
		fputc((b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' ? b : '.', fp);
	}
	fputc('\n', fp);
}

static void print_hex_chunk(FILE *fp, const struct follow_chunk *c, uint32_t *pos)
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

static void print_raw(FILE *fp, const struct follow_chunk *c)
{
	if (c->node)
		fputc('\t', fp);
	for (uint32_t i = 0; i < c->len; i++)
		fprintf(fp, "%02x", c->data[i]);
	fputc('\n', fp);
}

/* One chunk as a YAML list item, its bytes in base64 lines of 76 characters. */
static void print_yaml_chunk(FILE *fp, const struct follow_chunk *c)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char line[96];
	size_t at = 0;
	int64_t sec = c->ts / 1000000000, ns = c->ts % 1000000000;

	if (ns < 0) {
		ns += 1000000000;
		sec--;
	}
	fprintf(fp, "  - packet: %u\n    peer: %d\n    timestamp: %.9f\n    data: !!binary |\n",
	    c->frame, c->node, (double)sec + (double)ns / 1e9);
	for (uint32_t i = 0; i < c->len; i += 3) {
		uint32_t v = (uint32_t)c->data[i] << 16;
		uint32_t k = c->len - i < 3 ? c->len - i : 3;
		if (k > 1)
			v |= (uint32_t)c->data[i + 1] << 8;
		if (k > 2)
			v |= c->data[i + 2];
		if (!at) {
			memcpy(line, "      ", 6);
			at = 6;
		}
		line[at++] = b64[v >> 18 & 63];
		line[at++] = b64[v >> 12 & 63];
		line[at++] = k > 1 ? b64[v >> 6 & 63] : '=';
		line[at++] = k > 2 ? b64[v & 63] : '=';
		if (at == 6 + 76 || i + 3 >= c->len) {
			line[at++] = '\n';
			fwrite(line, 1, at, fp);
			at = 0;
		}
	}
}

static void print_yaml(FILE *fp, const struct tcpfollow *f)
{
	fputs("peers:\n", fp);
	for (int node = 0; node < 2; node++) {
		uint16_t port;
		const char *host = tcpfollow_host(f, node, &port);
		fprintf(fp, "  - peer: %d\n    host: %s\n    port: %u\n", node, host, port);
	}
	fputs("packets:\n", fp);
	for (size_t i = 0; i < tcpfollow_count(f); i++)
		print_yaml_chunk(fp, tcpfollow_chunk(f, i));
}

static const char rule[] = "===================================================================\n";

void print_follow(FILE *fp, const struct tcpfollow *f, enum follow_mode mode)
{
	uint32_t pos[2] = { 0, 0 };

	if (mode == FOLLOW_YAML) {	/* no frame of rules: a YAML document */
		print_yaml(fp, f);
		return;
	}
	/* segments still waiting behind a gap nobody acknowledged are not shown (tshark) */
	const char *proto = tcpfollow_is_udp(f) ? "udp" : "tcp";

	fprintf(fp, "\n%sFollow: %s,%s\nFilter: %s.stream eq %u\n", rule, proto, mode_names[mode],
	    proto, tcpfollow_stream(f));
	fprintf(fp, "Node 0: %s\nNode 1: %s\n", tcpfollow_node(f, 0), tcpfollow_node(f, 1));
	for (size_t i = 0; i < tcpfollow_count(f); i++) {
		const struct follow_chunk *c = tcpfollow_chunk(f, i);
		if (mode == FOLLOW_ASCII)
			print_ascii(fp, c);
		else if (mode == FOLLOW_HEX)
			print_hex_chunk(fp, c, &pos[c->node]);
		else
			print_raw(fp, c);
	}
	fputs(rule, fp);
}

static void follow_print(void *st, FILE *fp)
{
	const struct follow_stat *fs = st;

	print_follow(fp, fs->f, (enum follow_mode)fs->mode);
}

static void follow_destroy(void *st)
{
	struct follow_stat *fs = st;

	tcpfollow_free(fs->f);
	free(fs);
}

const struct stat_kind follow_tcp_kind = {
	"follow,tcp,", follow_create, follow_packet, follow_print, follow_destroy, 0, NULL, NULL,
};
const struct stat_kind follow_udp_kind = {
	"follow,udp,", follow_create, follow_packet, follow_print, follow_destroy, 0,
	follow_udp_interest, "udp",
};
