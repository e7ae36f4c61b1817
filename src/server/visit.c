/* visit.c — a browser-like visit (HTTP/1.1 keep-alive, conditional GET, Range,
 * RFC 6455 client); see visit.h. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "core/sha1.h"
#include "core/strvis.h"
#include "server/httpd.h"
#include "server/visit.h"

#define TIMEOUT_MS 5000
#define BODY_MAX (1 << 20)

static const char user_agent[] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 netlab-tui/0.1";

struct vconn {
	int fd;
	char buf[16384];	/* received, not yet consumed */
	size_t len;
};

struct vctx {
	const char *addr;
	int port;
	char host[80];		/* Host field value */
	struct visit_report *rep;
	char *err;
	size_t errn;
	struct vconn c[3];
	/* validators from the first load, sent back on the reload */
	struct { char path[48], etag[64], lm[40]; } val[8];
	int nval;
};

/* What a response said that the visit needs. */
struct vresp {
	int status;
	char reason[48];
	char etag[64], lm[40], accept[40];
};

static int fail(struct vctx *v, const char *fmt, const char *what)
{
	snprintf(v->err, v->errn, fmt, what);
	return -1;
}

static int vconnect(struct vctx *v, struct vconn *c)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	struct timeval tv = { TIMEOUT_MS / 1000, 0 };
	int one = 1;

	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, v->addr, &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
		((struct sockaddr_in *)&ss)->sin_family = AF_INET;
		((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)v->port);
		sl = sizeof(struct sockaddr_in);
	} else if (inet_pton(AF_INET6, v->addr, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		((struct sockaddr_in6 *)&ss)->sin6_family = AF_INET6;
		((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)v->port);
		sl = sizeof(struct sockaddr_in6);
	} else
		return fail(v, "cannot visit %s: not a numeric address", v->addr);
	c->len = 0;
	c->fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return fail(v, "cannot create a socket: %s", strerror(errno));
	setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(c->fd, (struct sockaddr *)&ss, sl) < 0) {
		int e = errno;
		close(c->fd);
		c->fd = -1;
		snprintf(v->err, v->errn, "cannot connect to %s: %s%s", v->host, strerror(e),
		    e == ECONNREFUSED ? " — is the server running? start it with --serve" : "");
		return -1;
	}
	return 0;
}

static int vsend(struct vctx *v, struct vconn *c, const void *p, size_t n)
{
	const char *s = p;

	while (n) {
		ssize_t k = send(c->fd, s, n, MSG_NOSIGNAL);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return fail(v, "sending to the server failed: %s", strerror(errno));
		}
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Reads more bytes into c->buf; 0 on EOF, -1 on error or timeout. */
static int vrecv(struct vctx *v, struct vconn *c)
{
	ssize_t k;

	if (c->len == sizeof(c->buf))
		return fail(v, "%s", "the server's response head is too large");
	do
		k = recv(c->fd, c->buf + c->len, sizeof(c->buf) - c->len, 0);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		return fail(v, "no answer from the server: %s", errno == EAGAIN ?
		    "timed out after 5 seconds" : strerror(errno));
	c->len += (size_t)k;
	return k > 0;
}

static void consume(struct vconn *c, size_t n)
{
	memmove(c->buf, c->buf + n, c->len - n);
	c->len -= n;
}

static void field_copy(char *dst, size_t dn, const char *v, size_t vn)
{
	strvis(dst, dn, (const uint8_t *)v, vn, 0);
}

/* Reads one response (head and body) from c; head_only for HEAD, 101. */
static int read_response(struct vctx *v, struct vconn *c, struct vresp *rs)
{
	char *end = NULL, *p, *line;
	size_t hl;
	uint64_t clen = 0;
	int has_clen = 0, r;

	memset(rs, 0, sizeof(*rs));
	while (!(end = memmem(c->buf, c->len, "\r\n\r\n", 4)))
		if ((r = vrecv(v, c)) <= 0)
			return r == 0 ? fail(v, "%s", "the server closed the connection early") : -1;
	hl = (size_t)(end - c->buf) + 4;
	if (hl < 14 || memcmp(c->buf, "HTTP/1.", 7) != 0 || sscanf(c->buf + 9, "%3d", &rs->status) != 1)
		return fail(v, "%s", "the server sent something that is not an HTTP response");
	p = memchr(c->buf, '\r', hl);
	field_copy(rs->reason, sizeof(rs->reason), c->buf + 13, (size_t)(p - c->buf - 13));
	for (line = p + 2; line < end; line = p + 2) {
		char *colon, *val;
		size_t nl, vl;

		p = memchr(line, '\r', (size_t)(end + 2 - line));
		colon = memchr(line, ':', (size_t)(p - line));
		if (!colon)
			continue;
		nl = (size_t)(colon - line);
		for (val = colon + 1; val < p && *val == ' '; val++)
			;
		vl = (size_t)(p - val);
		if (nl == 14 && strncasecmp(line, "Content-Length", nl) == 0) {
			clen = strtoull(val, NULL, 10);
			has_clen = 1;
		} else if (nl == 4 && strncasecmp(line, "ETag", nl) == 0)
			field_copy(rs->etag, sizeof(rs->etag), val, vl);
		else if (nl == 13 && strncasecmp(line, "Last-Modified", nl) == 0)
			field_copy(rs->lm, sizeof(rs->lm), val, vl);
		else if (nl == 20 && strncasecmp(line, "Sec-WebSocket-Accept", nl) == 0)
			field_copy(rs->accept, sizeof(rs->accept), val, vl);
	}
	consume(c, hl);
	if (rs->status == 101 || rs->status == 304 || rs->status == 204)
		return 0;
	if (!has_clen)
		return fail(v, "%s", "the server's response has no Content-Length");
	if (clen > BODY_MAX)
		return fail(v, "%s", "the server's response body is too large");
	while (c->len < clen)
		if ((r = vrecv(v, c)) <= 0)
			return r == 0 ? fail(v, "%s", "the server closed the connection mid-body") : -1;
	consume(c, (size_t)clen);
	return 0;
}

enum vkind { V_PLAIN, V_RANGE, V_RELOAD };

static const struct {
	const char *path;
	const char *accept;
	const char *dest;	/* Sec-Fetch-Dest */
} resources[] = {
	{ "/", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8", "document" },
	{ "/style.css", "text/css,*/*;q=0.1", "style" },
	{ "/logo.png", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "image" },
	{ "/app.js", "*/*", "script" },
	{ "/hello.wav", "*/*", "audio" },
	{ "/favicon.ico", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "image" },
};

static int send_get(struct vctx *v, int ci, const char *path, enum vkind kind)
{
	char req[2048];
	const char *accept = "*/*", *dest = "empty";
	int k;

	for (size_t i = 0; i < sizeof(resources) / sizeof(resources[0]); i++)
		if (strcmp(resources[i].path, path) == 0)
			accept = resources[i].accept, dest = resources[i].dest;
	k = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: keep-alive\r\n"
	    "%sUser-Agent: %s\r\nAccept: %s\r\nSec-Fetch-Dest: %s\r\n"
	    "Accept-Encoding: %s\r\nAccept-Language: zh-CN,zh;q=0.9,en;q=0.8\r\n",
	    path, v->host, kind == V_RELOAD ? "Cache-Control: max-age=0\r\n" : "", user_agent,
	    accept, dest, kind == V_RANGE ? "identity;q=1, *;q=0" : "gzip, deflate, br");
	if (kind == V_RANGE)
		k += snprintf(req + k, sizeof(req) - (size_t)k, "Range: bytes=0-\r\n");
	if (kind == V_RELOAD)
		for (int i = 0; i < v->nval; i++)
			if (strcmp(v->val[i].path, path) == 0) {
				if (v->val[i].etag[0])
					k += snprintf(req + k, sizeof(req) - (size_t)k,
					    "If-None-Match: %s\r\n", v->val[i].etag);
				if (v->val[i].lm[0])
					k += snprintf(req + k, sizeof(req) - (size_t)k,
					    "If-Modified-Since: %s\r\n", v->val[i].lm);
			}
	k += snprintf(req + k, sizeof(req) - (size_t)k, "\r\n");
	return vsend(v, &v->c[ci], req, (size_t)k);
}

static struct visit_item *add_item(struct vctx *v, const char *method, const char *path, int ci)
{
	struct visit_item *it;

	if (v->rep->n == VISIT_MAX_ITEMS)
		v->rep->n--;
	it = &v->rep->item[v->rep->n++];
	memset(it, 0, sizeof(*it));
	snprintf(it->method, sizeof(it->method), "%s", method);
	snprintf(it->path, sizeof(it->path), "%s", path);
	it->conn = ci + 1;
	return it;
}

static int recv_get(struct vctx *v, int ci, const char *path)
{
	struct visit_item *it = add_item(v, "GET", path, ci);
	struct vresp rs;

	if (read_response(v, &v->c[ci], &rs) < 0) {
		v->rep->n--;
		return -1;
	}
	it->status = rs.status;
	snprintf(it->reason, sizeof(it->reason), "%s", rs.reason);
	if (rs.status == 200 && v->nval < 8 && (rs.etag[0] || rs.lm[0])) {
		snprintf(v->val[v->nval].path, sizeof(v->val[0].path), "%s", path);
		snprintf(v->val[v->nval].etag, sizeof(v->val[0].etag), "%s", rs.etag);
		snprintf(v->val[v->nval].lm, sizeof(v->val[0].lm), "%s", rs.lm);
		v->nval++;
	}
	return 0;
}

/* Fetches paths[i] on conns[i] in parallel: all requests out, then all answers. */
static int fetch(struct vctx *v, int n, const int *conns, const char *const *paths, enum vkind kind)
{
	for (int i = 0; i < n; i++)
		if (send_get(v, conns[i], paths[i], kind) < 0)
			return -1;
	for (int i = 0; i < n; i++)
		if (recv_get(v, conns[i], paths[i]) < 0)
			return -1;
	return 0;
}

static int ws_send(struct vctx *v, struct vconn *c, int op, const void *p, size_t n)
{
	uint8_t f[8 + 125];
	uint32_t r = (uint32_t)rand() ^ (uint32_t)time(NULL);
	uint8_t mask[4] = { (uint8_t)(r >> 24), (uint8_t)(r >> 16), (uint8_t)(r >> 8), (uint8_t)r };

	if (n > 125)
		return fail(v, "%s", "internal: WebSocket message too long");
	f[0] = (uint8_t)(0x80 | op);
	f[1] = (uint8_t)(0x80 | n);
	memcpy(f + 2, mask, 4);
	for (size_t i = 0; i < n; i++)
		f[6 + i] = ((const uint8_t *)p)[i] ^ mask[i & 3];
	return vsend(v, c, f, 6 + n);
}

/* Reads one unmasked server frame (payload ≤ 125 bytes is all the visit expects). */
static int ws_recv(struct vctx *v, struct vconn *c, int *op, char *payload, size_t pn, size_t *len)
{
	size_t n;
	int r;

	while (c->len < 2)
		if ((r = vrecv(v, c)) <= 0)
			return r == 0 ? fail(v, "%s", "the server closed the WebSocket early") : -1;
	if ((c->buf[1] & 0x80) || (c->buf[1] & 127) > 125)
		return fail(v, "%s", "unexpected WebSocket frame from the server");
	n = (size_t)(c->buf[1] & 127);
	while (c->len < 2 + n)
		if ((r = vrecv(v, c)) <= 0)
			return r == 0 ? fail(v, "%s", "the server closed the WebSocket early") : -1;
	*op = c->buf[0] & 15;
	*len = n;
	memcpy(payload, c->buf + 2, n < pn ? n : pn);
	consume(c, 2 + n);
	return 0;
}

static int websocket(struct vctx *v)
{
	static const char hello[] = "hello from netlab-tui";
	struct vconn *c = &v->c[2];
	struct visit_item *it;
	struct vresp rs;
	uint8_t nonce[16];
	char key[25], want[29], req[1024], pl[128];
	size_t len;
	int op, k;

	for (int i = 0; i < 16; i++)
		nonce[i] = (uint8_t)(rand() >> 7);
	base64_encode(key, nonce, sizeof(nonce));
	httpd_ws_accept(key, strlen(key), want);
	if (vconnect(v, c) < 0)
		return -1;
	k = snprintf(req, sizeof(req), "GET /ws HTTP/1.1\r\nHost: %s\r\nConnection: Upgrade\r\n"
	    "Pragma: no-cache\r\nCache-Control: no-cache\r\nUser-Agent: %s\r\nUpgrade: websocket\r\n"
	    "Origin: http://%s\r\nSec-WebSocket-Version: 13\r\n"
	    "Accept-Encoding: gzip, deflate, br\r\nAccept-Language: zh-CN,zh;q=0.9,en;q=0.8\r\n"
	    "Sec-WebSocket-Key: %s\r\n\r\n", v->host, user_agent, v->host, key);
	if (vsend(v, c, req, (size_t)k) < 0)
		return -1;
	it = add_item(v, "GET", "/ws", 2);
	if (read_response(v, c, &rs) < 0)
		return -1;
	it->status = rs.status;
	snprintf(it->reason, sizeof(it->reason), "%s", rs.reason);
	if (rs.status != 101)
		return fail(v, "%s", "the server refused the WebSocket upgrade");
	if (strcmp(rs.accept, want) != 0)
		return fail(v, "%s", "the server's Sec-WebSocket-Accept is wrong");

	if (ws_recv(v, c, &op, pl, sizeof(pl) - 1, &len) < 0)
		return -1;
	it = add_item(v, "WS", "greeting", 2);
	strvis(it->reason, sizeof(it->reason), (uint8_t *)pl, len, 0);

	if (ws_send(v, c, 1, hello, sizeof(hello) - 1) < 0 ||
	    ws_recv(v, c, &op, pl, sizeof(pl) - 1, &len) < 0)
		return -1;
	it = add_item(v, "WS", "text", 2);
	if (op != 1 || len != sizeof(hello) - 1 || memcmp(pl, hello, len) != 0)
		return fail(v, "%s", "the WebSocket echo did not match the message sent");
	snprintf(it->reason, sizeof(it->reason), "echo \"%s\"", hello);

	/* close handshake (1000 = normal closure); the server then closes TCP first */
	pl[0] = 0x03, pl[1] = (char)0xe8;
	if (ws_send(v, c, 8, pl, 2) < 0 || ws_recv(v, c, &op, pl, sizeof(pl) - 1, &len) < 0)
		return -1;
	it = add_item(v, "WS", "close", 2);
	if (op != 8)
		return fail(v, "%s", "the server did not answer the WebSocket close");
	snprintf(it->reason, sizeof(it->reason), "close %u",
	    len >= 2 ? (unsigned)(uint8_t)pl[0] << 8 | (uint8_t)pl[1] : 0);
	/* ACK the server's FIN at once (a delayed ACK would let the server's tail loss
	 * probe retransmit it), then wait before closing, as a browser tab does: this
	 * connection shows the four-segment teardown (FIN, ACK, FIN, ACK) with the
	 * server as the active closer, while the browser's own closes below show the
	 * FIN merged into the ACK. */
	setsockopt(c->fd, IPPROTO_TCP, TCP_QUICKACK, &(int){ 1 }, sizeof(int));
	while (vrecv(v, c) > 0)		/* the server's FIN */
		c->len = 0;
	{
		struct timespec ts = { 0, 100 * 1000000L };
		nanosleep(&ts, NULL);
	}
	close(c->fd);
	c->fd = -1;
	return 0;
}

/* The browser closes first: FIN, then drains until the server's FIN. */
static void vclose(struct vconn *c)
{
	char sink[4096];
	ssize_t k;

	if (c->fd < 0)
		return;
	shutdown(c->fd, SHUT_WR);
	do
		k = recv(c->fd, sink, sizeof(sink), 0);
	while (k > 0 || (k < 0 && errno == EINTR));
	close(c->fd);
	c->fd = -1;
}

int visit_run(const char *addr, int port, struct visit_report *rep, char *errbuf, size_t n)
{
	static const int a[] = { 0 }, ab[] = { 0, 1 };
	static const char *const p_index[] = { "/" };
	static const char *const p_sub1[] = { "/style.css", "/logo.png" };
	static const char *const p_sub2[] = { "/app.js", "/hello.wav" };
	static const char *const p_fav[] = { "/favicon.ico" };
	static const char *const p_js[] = { "/app.js" };
	struct vctx *v = calloc(1, sizeof(*v));
	int ret = -1;

	memset(rep, 0, sizeof(*rep));
	if (!v) {
		snprintf(errbuf, n, "out of memory");
		return -1;
	}
	v->addr = addr;
	v->port = port;
	v->rep = rep;
	v->err = errbuf;
	v->errn = n;
	for (int i = 0; i < 3; i++)
		v->c[i].fd = -1;
	snprintf(v->host, sizeof(v->host), strchr(addr, ':') ? "[%s]:%d" : "%s:%d", addr, port);
	srand((unsigned)time(NULL) ^ (unsigned)getpid());

	/* first load: the page, then what it references on two connections */
	if (vconnect(v, &v->c[0]) < 0 || fetch(v, 1, a, p_index, V_PLAIN) < 0 ||
	    vconnect(v, &v->c[1]) < 0 || fetch(v, 2, ab, p_sub1, V_PLAIN) < 0 ||
	    send_get(v, 0, p_sub2[0], V_PLAIN) < 0 || send_get(v, 1, p_sub2[1], V_RANGE) < 0 ||
	    recv_get(v, 0, p_sub2[0]) < 0 || recv_get(v, 1, p_sub2[1]) < 0 ||
	    fetch(v, 1, a, p_fav, V_PLAIN) < 0)
		goto out;
	/* reload: everything revalidated */
	if (fetch(v, 1, a, p_index, V_RELOAD) < 0 || fetch(v, 2, ab, p_sub1, V_RELOAD) < 0 ||
	    fetch(v, 1, a, p_js, V_RELOAD) < 0)
		goto out;
	if (websocket(v) < 0)
		goto out;
	ret = 0;
out:
	for (int i = 0; i < 3; i++)
		vclose(&v->c[i]);
	free(v);
	return ret;
}

void visit_format(const struct visit_item *it, char *buf, size_t n)
{
	if (it->status)
		snprintf(buf, n, "%s %s → %d %s", it->method, it->path, it->status, it->reason);
	else
		snprintf(buf, n, "%s %s → %s", it->method, it->path, it->reason);
}
