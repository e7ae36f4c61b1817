/* respond.c — the mini HTTP server's output: a connection's output buffer and its
 * flush (writev, sendfile), and the HTTP responses (status line and headers, errors,
 * entities with ETag/Last-Modified, conditional and range requests, files under --www);
 * see httpd.c.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "core/xmalloc.h"
#include "server/httpd_int.h"

/* ---------------------------------------------------------------- output */

static void out_reserve(struct conn *c, size_t more)
{
	if (c->outlen + more > c->outcap)
		c->out = xgrow(c->out, &c->outcap, c->outlen + more, 1);
}

void httpd_out_add(struct conn *c, const void *p, size_t n)
{
	out_reserve(c, n);
	memcpy(c->out + c->outlen, p, n);
	c->outlen += n;
}


static void out_str(struct conn *c, const char *s)
{
	httpd_out_add(c, s, strlen(s));
}

static void out_u64(struct conn *c, uint64_t v)
{
	char b[24];
	int i = sizeof(b);

	do
		b[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	httpd_out_add(c, b + i, sizeof(b) - (size_t)i);
}

int httpd_out_pending(const struct conn *c)
{
	return c->outoff < c->outlen || c->bodyoff < c->bodylen || c->fileleft > 0;
}

static void out_reset(struct conn *c)
{
	c->outoff = c->outlen = 0;
	c->body = NULL;
	c->bodyoff = c->bodylen = 0;
	if (c->filefd >= 0)
		close(c->filefd);
	c->filefd = -1;
	c->fileleft = 0;
}

/* Sends what it can; returns -1 on a broken connection. */
int httpd_flush(struct httpd *h, struct conn *c)
{
	while (c->outoff < c->outlen || c->bodyoff < c->bodylen) {
		struct iovec iov[2];
		struct msghdr mh;
		int k = 0;
		ssize_t n;

		if (c->outoff < c->outlen)
			iov[k++] = (struct iovec){ c->out + c->outoff, c->outlen - c->outoff };
		if (c->bodyoff < c->bodylen && (k == 0 || c->bodylen < SPLIT_BODY_MIN))
			iov[k++] = (struct iovec){ (void *)(uintptr_t)(c->body + c->bodyoff),
			    c->bodylen - c->bodyoff };
		memset(&mh, 0, sizeof(mh));
		mh.msg_iov = iov;
		mh.msg_iovlen = (size_t)k;
		n = sendmsg(c->fd, &mh, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		}
		atomic_fetch_add_explicit(&h->bytes_out, (uint64_t)n, memory_order_relaxed);
		if (c->deadline < h->now + SEND_TIMEOUT_MS)
			c->deadline = h->now + SEND_TIMEOUT_MS;
		if (c->outoff < c->outlen) {
			size_t k0 = c->outlen - c->outoff < (size_t)n ? c->outlen - c->outoff : (size_t)n;
			c->outoff += k0;
			n -= (ssize_t)k0;
		}
		c->bodyoff += (size_t)n;
	}
	while (c->fileleft > 0) {
		ssize_t n = sendfile(c->fd, c->filefd, &c->fileoff,
		    c->fileleft > (1u << 20) ? (1u << 20) : c->fileleft);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		}
		if (n == 0)		/* the file shrank under us */
			return -1;
		atomic_fetch_add_explicit(&h->bytes_out, (uint64_t)n, memory_order_relaxed);
		if (c->deadline < h->now + SEND_TIMEOUT_MS)
			c->deadline = h->now + SEND_TIMEOUT_MS;
		c->fileleft -= (size_t)n;
	}
	out_reset(c);
	if (!c->in_req)
		c->since = h->now;	/* idle from the end of the response */
	return 0;
}

/* ---------------------------------------------------------------- HTTP responses */

static const struct status {
	int code;
	const char *reason;
	const char *text;	/* sentence on the error page */
} statuses[] = {
	{ 101, "Switching Protocols", NULL },
	{ 200, "OK", NULL },
	{ 206, "Partial Content", NULL },
	{ 304, "Not Modified", NULL },
	{ 400, "Bad Request", "The server could not understand the request." },
	{ 403, "Forbidden", "You don't have permission to access this resource." },
	{ 404, "Not Found", "The requested URL was not found on this server." },
	{ 405, "Method Not Allowed", "This server answers GET and HEAD only." },
	{ 408, "Request Timeout", "The request took too long to arrive." },
	{ 413, "Content Too Large", "This server does not accept request bodies." },
	{ 414, "URI Too Long", "The request line is longer than 8 KiB." },
	{ 416, "Range Not Satisfiable", "The requested range is outside the file." },
	{ 426, "Upgrade Required", "This resource speaks WebSocket only." },
	{ 431, "Request Header Fields Too Large", "The request header is larger than 16 KiB." },
	{ 500, "Internal Server Error", "The server could not read the file." },
	{ 503, "Service Unavailable", "Too many connections." },
	{ 505, "HTTP Version Not Supported", "This server speaks HTTP/1.0 and HTTP/1.1." },
};

static const struct status *status_of(int code)
{
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].code == code)
			return &statuses[i];
	return &statuses[4];
}

void httpd_head_start(struct httpd *h, struct conn *c, int code)
{
	const struct status *s = status_of(code);

	httpd_update_date(h);
	out_reserve(c, 512);
	OUT_LIT(c, "HTTP/1.1 ");
	out_u64(c, (uint64_t)code);
	OUT_LIT(c, " ");
	out_str(c, s->reason);
	OUT_LIT(c, "\r\nServer: " HTTPD_SERVER "\r\nDate: ");
	out_str(c, h->date);
	OUT_LIT(c, "\r\n");
}

static void head_end(struct conn *c, int keep_alive)
{
	if (keep_alive)
		OUT_LIT(c, "Connection: keep-alive\r\n\r\n");
	else
		OUT_LIT(c, "Connection: close\r\n\r\n");
}

/* An error page; keep_alive = 0 closes the connection afterwards. */
void httpd_respond_error(struct httpd *h, struct conn *c, const struct httpreq *r, int code,
    int keep_alive, const char *extra)
{
	const struct status *s = status_of(code);
	char body[512];
	int n = snprintf(body, sizeof(body),
	    "<!DOCTYPE html>\n<html><head><title>%d %s</title></head>\n"
	    "<body><h1>%d %s</h1>\n<p>%s</p>\n<hr><address>" HTTPD_SERVER "</address></body></html>\n",
	    code, s->reason, code, s->reason, s->text ? s->text : "");
	int head = r && r->method == HTTPREQ_HEAD;

	httpd_head_start(h, c, code);
	OUT_LIT(c, "Content-Type: text/html; charset=utf-8\r\nContent-Length: ");
	out_u64(c, (uint64_t)n);
	OUT_LIT(c, "\r\n");
	if (extra)
		out_str(c, extra);
	head_end(c, keep_alive);
	if (!head)
		httpd_out_add(c, body, (size_t)n);
	if (!keep_alive)
		c->close_after = 1;
	atomic_fetch_add_explicit(&h->requests, 1, memory_order_relaxed);
	httpd_log_request(h, c, r, code, head ? 0 : (uint64_t)n);
}

/* Does the If-None-Match list match etag (weak comparison, RFC 9110 13.1.2)? */
static int etag_match(struct httpreq_str list, const char *etag)
{
	size_t el = strlen(etag), i = 0;
	struct httpreq_str it;

	while (httpreq_list_next(list, &i, &it)) {
		if (it.n == 1 && it.p[0] == '*')
			return 1;
		if (it.n > 2 && it.p[0] == 'W' && it.p[1] == '/')
			it.p += 2, it.n -= 2;
		if (it.n == el && memcmp(it.p, etag, el) == 0)
			return 1;
	}
	return 0;
}

/* Range (RFC 9110 14.1.2), one range only: 1 = use [*a, *b], 0 = send everything,
 * -1 = unsatisfiable (416). */
static int parse_range(struct httpreq_str s, uint64_t size, uint64_t *a, uint64_t *b)
{
	size_t i = 6;
	uint64_t x = 0, y = 0;
	int hx = 0, hy = 0;

	if (s.n < 7 || strncasecmp(s.p, "bytes=", 6) != 0 || memchr(s.p, ',', s.n))
		return 0;
	while (i < s.n && s.p[i] == ' ')
		i++;
	for (; i < s.n && s.p[i] >= '0' && s.p[i] <= '9' && x < UINT64_MAX / 20; i++, hx = 1)
		x = x * 10 + (uint64_t)(s.p[i] - '0');
	if (i >= s.n || s.p[i] != '-')
		return 0;
	for (i++; i < s.n && s.p[i] >= '0' && s.p[i] <= '9' && y < UINT64_MAX / 20; i++, hy = 1)
		y = y * 10 + (uint64_t)(s.p[i] - '0');
	while (i < s.n && s.p[i] == ' ')
		i++;
	if (i != s.n || (!hx && !hy))
		return 0;
	if (!hx) {			/* suffix: the last y bytes */
		if (y == 0 || size == 0)
			return -1;
		*a = y >= size ? 0 : size - y;
		*b = size - 1;
		return 1;
	}
	if (hy && y < x)
		return 0;		/* invalid: ignore the field */
	if (x >= size)
		return -1;
	*a = x;
	*b = !hy || y >= size ? size - 1 : y;
	return 1;
}


void httpd_respond_entity(struct httpd *h, struct conn *c, const struct httpreq *r,
    struct entity *en)
{
	int head = r->method == HTTPREQ_HEAD, notmod = 0, rg = 0, code;
	uint64_t a = 0, b = en->size ? en->size - 1 : 0, len;

	if (r->if_none_match.n)
		notmod = etag_match(r->if_none_match, en->etag);
	else if (r->if_modified_since.n) {
		time_t t;
		notmod = httpreq_date(r->if_modified_since.p, r->if_modified_since.n, time(NULL),
		    &t) == 0 && en->mtime <= t;
	}
	if (!notmod && r->range.n) {
		int ok = 1;

		if (r->if_range.n)	/* the range only if the entity is still the same */
			ok = (r->if_range.n == strlen(en->etag) &&
			    memcmp(r->if_range.p, en->etag, r->if_range.n) == 0) ||
			    (r->if_range.n == strlen(en->lm) &&
			    memcmp(r->if_range.p, en->lm, r->if_range.n) == 0);
		if (ok)
			rg = parse_range(r->range, en->size, &a, &b);
	}
	if (rg < 0) {
		char cr[64];

		snprintf(cr, sizeof(cr), "Content-Range: bytes */%llu\r\n",
		    (unsigned long long)en->size);
		if (en->fd >= 0)
			close(en->fd);
		httpd_respond_error(h, c, r, 416, r->keep_alive, cr);
		return;
	}
	code = notmod ? 304 : rg ? 206 : 200;
	len = notmod ? 0 : b - a + 1;
	if (en->size == 0)
		len = 0;

	httpd_head_start(h, c, code);
	if (!notmod) {
		OUT_LIT(c, "Content-Type: ");
		out_str(c, en->ctype);
		OUT_LIT(c, "\r\nContent-Length: ");
		out_u64(c, len);
		OUT_LIT(c, "\r\n");
	}
	if (rg) {
		OUT_LIT(c, "Content-Range: bytes ");
		out_u64(c, a);
		OUT_LIT(c, "-");
		out_u64(c, b);
		OUT_LIT(c, "/");
		out_u64(c, en->size);
		OUT_LIT(c, "\r\n");
	}
	OUT_LIT(c, "Last-Modified: ");
	out_str(c, en->lm);
	OUT_LIT(c, "\r\nETag: ");
	out_str(c, en->etag);
	OUT_LIT(c, "\r\nAccept-Ranges: bytes\r\nCache-Control: no-cache\r\n");
	head_end(c, r->keep_alive);
	if (!r->keep_alive)
		c->close_after = 1;
	if (head || notmod)
		len = 0;
	if (len && en->data) {
		c->body = en->data + a;
		c->bodylen = (size_t)len;
		c->bodyoff = 0;
	} else if (len && en->fd >= 0) {
		c->filefd = en->fd;
		c->fileoff = (off_t)a;
		c->fileleft = (size_t)len;
		en->fd = -1;
	}
	if (en->fd >= 0)
		close(en->fd);
	atomic_fetch_add_explicit(&h->requests, 1, memory_order_relaxed);
	httpd_log_request(h, c, r, code, len);
}

/* Opens path under the --www root: 0 with en filled, or the status to answer. */
int httpd_www_open(struct httpd *h, const char *path, struct entity *en, char *etag, char *lm)
{
	char full[PATH_MAX + 16], real[PATH_MAX], dir[PATH_MAX + 2];
	struct stat st;
	int fd;

	for (int tries = 0; tries < 2; tries++) {
		size_t pl = strlen(path);
		int k = snprintf(full, sizeof(full), "%s%s%s", h->root, path,
		    path[pl - 1] == '/' ? "index.html" : "");

		if (k < 0 || (size_t)k >= sizeof(full))
			return 404;
		if (!realpath(full, real))
			return errno == EACCES ? 403 : 404;
		/* symlinks may lead anywhere inside the root, nowhere outside it */
		if (strncmp(real, h->root, h->rootlen) != 0 ||
		    (real[h->rootlen] != '/' && real[h->rootlen] != '\0'))
			return 403;
		/* the resolved path has no symlinks left; O_NOFOLLOW catches a swap since */
		fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (fd < 0)
			return errno == EACCES || errno == ELOOP ? 403 :
			    errno == EMFILE || errno == ENFILE ? 503 : 404;
		if (fstat(fd, &st) < 0) {
			close(fd);
			return 500;
		}
		if (S_ISDIR(st.st_mode) && tries == 0) {	/* a directory: its index.html */
			close(fd);
			if (snprintf(dir, sizeof(dir), "%s/", real + h->rootlen) >= (int)sizeof(dir))
				return 404;
			path = dir;
			continue;
		}
		if (!S_ISREG(st.st_mode)) {
			close(fd);
			return S_ISDIR(st.st_mode) ? 403 : 404;
		}
		en->ctype = site_mime(real);
		en->size = (uint64_t)st.st_size;
		en->mtime = st.st_mtime;
		en->data = NULL;
		en->fd = fd;
		snprintf(etag, 64, "\"%llx-%llx-%llx\"", (unsigned long long)st.st_ino,
		    (unsigned long long)st.st_mtime, (unsigned long long)st.st_size);
		httpd_date(st.st_mtime, lm);
		en->etag = etag;
		en->lm = lm;
		return 0;
	}
	return 404;
}

