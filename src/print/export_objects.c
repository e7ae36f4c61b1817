/* export_objects.c — --export-objects http,DIR: every HTTP message body the capture
 * holds, saved in DIR under the name tshark 4.0 gives it.
 *
 * A body is what the tree shows as File Data (de-chunked and decoded: a body whose
 * decoding failed has none, and is not saved, as in tshark).  Its name is the last
 * part of the path ("/css/style.css" → "style.css", "/" → "/") of the latest request
 * of its TCP connection (tshark's: two pipelined requests' responses both take the
 * second's), or, in a connection with no request captured, "object" + frame number +
 * "." + media type ("object49.image/png").  In the name, bytes below 0x20 and \ / : * ? " < > | become
 * %xx, bytes from 0x80 U+FFFD (tshark reads the URI as ASCII), and a name longer
 * than 255 bytes loses the end of the part before its extension.  A name already in DIR gets "(1)", "(2)" … before its extension.  Like -z
 * taps, it sees every packet read, whatever -Y says.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xmalloc.h"
#include "dissect/registry.h"
#include "print/stats.h"

#define EO_NAME_MAX 255		/* tshark's EXPORT_OBJECT_MAXFILELEN */

enum { F_HTTP, F_STREAM, F_URI, F_CTYPE, F_FILE_DATA, F_COUNT };
static const char *const eo_fields[F_COUNT] = {
	"http", "tcp.stream", "http.request.uri", "http.content_type", "http.file_data",
};

/* The latest request URI of a TCP connection. */
struct eo_conv {
	uint32_t stream;
	uint32_t uri_n;
	uint8_t *uri;
};

struct eo {
	char *dir;
	const struct field_def *f[F_COUNT];
	int failed;		/* a write failed: said once */
	struct eo_conv *conv;	/* sorted by stream */
	size_t nconv, cap;
};

/* One HTTP message of a packet, pointing into its tree. */
struct eo_msg {
	const uint8_t *uri, *ctype, *body;
	uint32_t uri_n, ctype_n, body_n;
	int has_body;
};

/* The connection's entry, made when missing. */
static struct eo_conv *conv_of(struct eo *e, uint32_t stream)
{
	size_t lo = 0, hi = e->nconv;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (e->conv[mid].stream < stream)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == e->nconv || e->conv[lo].stream != stream) {
		e->conv = xgrow(e->conv, &e->cap, e->nconv + 1, sizeof(*e->conv));
		memmove(e->conv + lo + 1, e->conv + lo, (e->nconv - lo) * sizeof(*e->conv));
		e->conv[lo] = (struct eo_conv){ stream, 0, NULL };
		e->nconv++;
	}
	return &e->conv[lo];
}

/* mkdir -p */
static int make_dirs(char *path)
{
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p)
			continue;
		char c = *p;
		*p = '\0';
		int r = mkdir(path, 0777);
		*p = c;
		if (r < 0 && errno != EEXIST)
			return -1;
		if (!c)
			return 0;
	}
}

static void *eo_create(const struct stat_kind *k, const char *arg, char *errbuf, size_t n)
{
	struct eo *e;
	const char *dir = stats_arg_rest(arg, k->prefix);

	if (!dir || !*dir) {
		snprintf(errbuf, n, "--export-objects is given as http,DIR (DIR: where the files go)");
		return NULL;
	}
	e = xcalloc(1, sizeof(*e));
	e->dir = xstrdup(dir);
	if (make_dirs(e->dir) < 0) {
		snprintf(errbuf, n, "--export-objects: cannot create the directory %s: %s", e->dir,
		    strerror(errno));
		free(e->dir);
		free(e);
		return NULL;
	}
	for (int i = 0; i < F_COUNT; i++)
		e->f[i] = reg_lookup(eo_fields[i]);
	return e;
}

static enum stats_tree_need eo_interest(void *st, uint8_t *bits)
{
	struct eo *e = st;

	for (int i = 0; i < F_COUNT; i++)
		if (e->f[i])
			bits[reg_id(e->f[i]) >> 3] |= (uint8_t)(1u << (reg_id(e->f[i]) & 7));
	return STATS_TREE_FIELDS;
}

/* Appends the bytes to the name as tshark writes them into a file name. */
static size_t massage(char *out, size_t at, const uint8_t *p, size_t n)
{
	static const char bad[] = "\\/:*?\"<>|";

	for (size_t i = 0; i < n && at < EO_NAME_MAX * 3; i++) {
		uint8_t c = p[i];
		if (c >= 0x80) {
			memcpy(out + at, "\xef\xbf\xbd", 3);
			at += 3;
		} else if (c < 0x20 || strchr(bad, c))
			at += (size_t)snprintf(out + at, 4, "%%%02x", c);
		else
			out[at++] = (char)c;
	}
	out[at] = '\0';
	return at;
}

/* The last part of a path, as g_path_get_basename: trailing slashes dropped, "/" for
 * slashes only, "." for nothing. */
static void basename_of(const uint8_t *p, uint32_t n, const uint8_t **b, uint32_t *bn)
{
	uint32_t end = n, start;

	while (end > 1 && p[end - 1] == '/')
		end--;
	if (!n) {
		*b = (const uint8_t *)".";
		*bn = 1;
		return;
	}
	if (end == 1 && p[0] == '/') {
		*b = p;
		*bn = 1;
		return;
	}
	for (start = end; start && p[start - 1] != '/'; start--)
		;
	*b = p + start;
	*bn = end - start;
}

/* The file name of a message (uri: its connection's latest request's), before
 * de-duplication. */
static void name_of(const struct eo_msg *m, const struct eo_conv *c, uint32_t frame, char *name)
{
	size_t at;

	if (c && c->uri) {
		const uint8_t *b;
		uint32_t bn;
		basename_of(c->uri, c->uri_n, &b, &bn);
		at = massage(name, 0, b, bn);
	} else {
		uint8_t ct[128];
		uint32_t k = 0;
		at = (size_t)sprintf(name, "object%u", frame);
		for (uint32_t i = 0; m->ctype && i < m->ctype_n && k < sizeof(ct); i++) {
			uint8_t ch = m->ctype[i];
			if (ch == ';')
				break;
			if (ch != ' ' && ch != '\t')
				ct[k++] = (uint8_t)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
		}
		if (k) {
			name[at++] = '.';
			at = massage(name, at, ct, k);
		}
	}
	if (at > EO_NAME_MAX) {	/* too long: the middle goes, the extension stays */
		const char *dot = strrchr(name, '.');
		size_t ext = dot ? at - (size_t)(dot - name) : 0;
		if (dot && ext < EO_NAME_MAX)
			memmove(name + EO_NAME_MAX - ext, dot, ext + 1);
		else
			name[EO_NAME_MAX] = '\0';
	}
}

static int exists(const char *dir, const char *name)
{
	char path[4096];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &sb) == 0;
}

static void save(struct eo *e, const struct eo_msg *m, const struct eo_conv *c, uint32_t frame)
{
	char name[EO_NAME_MAX * 3 + 8], uniq[sizeof(name) + 16], path[4096];
	const char *dot;
	int fd, ok;
	size_t k = 0;

	name_of(m, c, frame, name);
	snprintf(uniq, sizeof(uniq), "%s", name);
	dot = strrchr(name, '.');
	for (unsigned n = 1; exists(e->dir, uniq) && n < 100000; n++) {
		int base = dot ? (int)(dot - name) : (int)strlen(name);
		snprintf(uniq, sizeof(uniq), "%.*s(%u)%s", base, name, n, dot ? dot : "");
	}
	snprintf(path, sizeof(path), "%s/%s", e->dir, uniq);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	ok = fd >= 0;
	while (ok && k < m->body_n) {
		ssize_t w = write(fd, m->body + k, m->body_n - k);
		if (w < 0 && errno == EINTR)
			continue;
		ok = w > 0;
		k += ok ? (size_t)w : 0;
	}
	if (fd >= 0 && close(fd) != 0)
		ok = 0;
	if (!ok && !e->failed) {
		fprintf(stderr, "netlab-tui: --export-objects: cannot write %s: %s\n", path,
		    strerror(errno));
		e->failed = 1;
	}
}

static void eo_packet(void *st, const struct dctx *d, const struct pkt_rec *rec)
{
	struct eo *e = st;
	const struct dtree *t = d->tree;
	struct eo_msg m;
	struct eo_conv *c = NULL;
	int in = 0;

	(void)rec;
	if (!t)
		return;
	/* a message: an "http" node and the fields after it up to the next one (the
	 * connection's tcp.stream comes before) */
	for (uint32_t k = 1; k <= t->n; k++) {
		const struct field_def *f = k < t->n ? t->nodes[k].f : NULL;
		const struct fnode *nd = k < t->n ? &t->nodes[k] : NULL;
		if (k == t->n || f == e->f[F_HTTP]) {
			if (in && m.uri && c) {		/* a request: the connection's latest */
				c->uri = xrealloc(c->uri, m.uri_n ? m.uri_n : 1);
				memcpy(c->uri, m.uri, m.uri_n);
				c->uri_n = m.uri_n;
			}
			if (in && m.has_body)
				save(e, &m, c, d->pi->num);
			memset(&m, 0, sizeof(m));
			in = 1;
			continue;
		}
		if (f && f == e->f[F_STREAM])
			c = conv_of(e, (uint32_t)nd->v.u);
		if (!in || !f)
			continue;
		if (f == e->f[F_URI] && !m.uri) {
			m.uri = nd->v.s.p;
			m.uri_n = nd->v.s.n;
		} else if (f == e->f[F_CTYPE] && !m.ctype) {
			m.ctype = nd->v.s.p;
			m.ctype_n = nd->v.s.n;
		} else if (f == e->f[F_FILE_DATA] && !m.has_body) {
			m.body = nd->v.s.p;
			m.body_n = nd->v.s.n;
			m.has_body = 1;	/* even empty: a body that decodes to nothing */
		}
	}
}

static void eo_print(void *st, FILE *fp)
{
	(void)st;
	(void)fp;
}

static void eo_destroy(void *st)
{
	struct eo *e = st;

	for (size_t i = 0; i < e->nconv; i++)
		free(e->conv[i].uri);
	free(e->conv);
	free(e->dir);
	free(e);
}

const struct stat_kind export_http_kind = {
	.prefix = "http", .create = eo_create, .packet = eo_packet, .print = eo_print,
	.destroy = eo_destroy, .interest = eo_interest,
};
