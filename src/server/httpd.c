/* httpd.c — mini HTTP/1.1 server (RFC 9110/9112) with WebSocket (RFC 6455); see httpd.h.
 *
 * Connection states:
 *
 *   accept ─▶ HTTP ──request──▶ respond ──keep-alive──▶ HTTP
 *               │                  ├──close──▶ LINGER (FIN sent, read until EOF) ─▶ closed
 *               │                  └──101────▶ WS ──close frame──▶ LINGER
 *               └── timeout / EOF / error ─▶ closed
 *
 * One request is answered at a time per connection: the next pipelined request is
 * parsed only once the previous response has left, so output per connection is bounded
 * by one response head (plus a pointer to a static body or an open file).  Input is
 * bounded by the request-head limits (414, 431) and, after an upgrade, by the WebSocket
 * payload limit.
 *
 * Time and slots: a request (head and body) must arrive within one absolute deadline from
 * its first byte, however slowly it trickles in; an idle kept-alive connection gets
 * IDLE_TIMEOUT_MS.  A connection that waits for input (idle or with an incomplete request)
 * or lingers is "evictable": a new client takes the slot of the oldest one when the table
 * is full, when its own address is at its cap, or when descriptors run out.  If none can
 * go, a new client gets 503, or without a descriptor to accept it with, the listener is
 * paused until a connection closes, so EMFILE never spins the loop.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "core/sha1.h"
#include "core/strvis.h"
#include "core/xmalloc.h"
#include "server/httpd.h"
#include "server/httpreq.h"
#include "server/site.h"
#include "server/wsframe.h"

#define MAX_CONNS 256
#define REQUEST_TIMEOUT_MS 10000	/* default: a request's head and body (slowloris) */
#define MAX_CLIENT_CONNS 128		/* default: connections per client address */
#define IDLE_TIMEOUT_MS 15000		/* keep-alive idle between requests */
#define SEND_TIMEOUT_MS 15000		/* a client that stops reading */
#define WS_IDLE_TIMEOUT_MS 120000
#define LINGER_MS 2000			/* after our FIN, wait this long for the peer's */
#define EVICT_GRACE_MS 500		/* idle or waiting this long before it may be evicted */
#define BODY_DISCARD_MAX 4096		/* a GET/HEAD body up to this is read and dropped */
#define WS_MAX_PAYLOAD 65536		/* frame and message limit; beyond: close 1009 */
#define LOG_SLOTS 4096
/* A body this large leaves in its own segment after the head, as Werkzeug's and most
 * servers' do: the lab's capture then shows "[TCP segment of a reassembled PDU]".
 * Smaller ones share one writev with the head (the hot path). */
#define SPLIT_BODY_MIN 2048

enum cstate { C_HTTP, C_WS, C_LINGER };

struct conn {
	int fd;
	enum cstate state;
	int idx;			/* in h->conns */
	uint32_t events;		/* epoll interest now */
	int eof;			/* peer sent FIN */
	int drained;			/* last recv left the socket empty */
	int close_after;		/* close (gracefully) once output has left */
	long long deadline;		/* monotonic ms */
	int in_req;			/* a request (head or body) is arriving */
	long long since;		/* that request's start, or when the connection went idle */
	int af;				/* peer address family and address: the per-client cap */
	uint8_t addr[16];
	struct conn *next_dead;		/* evicted during this loop turn: freed at its end */
	char peer[56];

	char *in;			/* owned; inoff..inlen is unparsed input */
	size_t inoff, inlen, incap;
	uint64_t discard;		/* request body bytes still to drop */

	char *out;			/* owned; response head or WebSocket frames */
	size_t outoff, outlen, outcap;
	const uint8_t *body;		/* static body after out, not owned */
	size_t bodyoff, bodylen;
	int filefd;			/* file body after out, owned, -1 = none */
	off_t fileoff;
	size_t fileleft;

	uint8_t *msg;			/* owned; fragmented WebSocket message so far */
	size_t msglen;
	int msgop;			/* its opcode, 0 = none in progress */
	struct wsframe_utf8 u8;		/* text message: the check so far, across fragments */
	int greet;			/* WebSocket greeting due once the 101 has left */
};

struct httpd {
	int lfd, efd, ep, port;
	pthread_t thread;
	atomic_int stop;
	struct site site;
	char *root;			/* realpath of --www without trailing '/', or NULL */
	size_t rootlen;

	struct conn *conns[MAX_CONNS];
	int nconns;
	int request_timeout_ms, max_client_conns;	/* from the config, defaults applied */
	int accept_paused;		/* the listener is out of the epoll set (no descriptors) */
	long long accept_retry;		/* ... until a connection closes or this time */
	struct conn *dead;		/* evicted this loop turn, not yet freed */
	long long now;			/* monotonic ms, updated each loop turn */
	time_t date_sec;
	char date[32];			/* cached IMF-fixdate of date_sec */
	char site_lm[32];		/* Last-Modified of the built-in site */
	struct httpreq req;		/* the request being answered; loop thread only */

	atomic_uint_fast64_t requests, connections, active, bytes_out, ws_messages, log_dropped;

	pthread_mutex_t log_mu;
	pthread_cond_t log_cv;
	char (*log)[HTTPD_LOG_LINE];	/* ring of LOG_SLOTS lines */
	unsigned log_head, log_count;
};

/* ---------------------------------------------------------------- small helpers */

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char wday[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char mon[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
	"Sep", "Oct", "Nov", "Dec" };

/* IMF-fixdate (RFC 9110 5.6.7), independent of the locale. */
static void http_date(time_t t, char out[32])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, 32, "%s, %02d %s %04d %02d:%02d:%02d GMT", wday[tm.tm_wday % 7],
	    tm.tm_mday, mon[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void update_date(struct httpd *h)
{
	time_t t = time(NULL);

	if (t != h->date_sec) {
		h->date_sec = t;
		http_date(t, h->date);
	}
}

void httpd_ws_accept(const char *key, size_t keylen, char out[29])
{
	static const char guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
	struct sha1_ctx c;
	uint8_t d[SHA1_LEN];

	sha1_init(&c);
	sha1_update(&c, key, keylen);
	sha1_update(&c, guid, sizeof(guid) - 1);
	sha1_final(&c, d);
	base64_encode(out, d, SHA1_LEN);
}

/* ---------------------------------------------------------------- log queue */

static void log_push(struct httpd *h, const char *line)
{
	pthread_mutex_lock(&h->log_mu);
	if (h->log_count == LOG_SLOTS) {
		h->log_head = (h->log_head + 1) % LOG_SLOTS;
		h->log_count--;
		atomic_fetch_add_explicit(&h->log_dropped, 1, memory_order_relaxed);
	}
	snprintf(h->log[(h->log_head + h->log_count) % LOG_SLOTS], HTTPD_LOG_LINE, "%s", line);
	h->log_count++;
	pthread_cond_signal(&h->log_cv);
	pthread_mutex_unlock(&h->log_mu);
}

int httpd_log_pop(struct httpd *h, char *line, size_t n)
{
	int got = 0;

	pthread_mutex_lock(&h->log_mu);
	if (h->log_count) {
		snprintf(line, n, "%s", h->log[h->log_head]);
		h->log_head = (h->log_head + 1) % LOG_SLOTS;
		h->log_count--;
		got = 1;
	}
	pthread_mutex_unlock(&h->log_mu);
	return got;
}

int httpd_log_wait(struct httpd *h, int timeout_ms)
{
	struct timespec ts;
	int have;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
	if (ts.tv_nsec >= 1000000000)
		ts.tv_sec++, ts.tv_nsec -= 1000000000;
	pthread_mutex_lock(&h->log_mu);
	if (!h->log_count)
		pthread_cond_timedwait(&h->log_cv, &h->log_mu, &ts);
	have = h->log_count > 0;
	pthread_mutex_unlock(&h->log_mu);
	return have;
}

/* "PEER METHOD TARGET STATUS BYTES", every wire string escaped. */
static void log_request(struct httpd *h, struct conn *c, const struct httpreq *r, int status,
    uint64_t bytes)
{
	char line[HTTPD_LOG_LINE], m[24], t[160];

	if (r && r->method_str.n)
		strvis(m, sizeof(m), (const uint8_t *)r->method_str.p, r->method_str.n, 0);
	else
		snprintf(m, sizeof(m), "-");
	if (r && r->target.n)
		strvis(t, sizeof(t), (const uint8_t *)r->target.p, r->target.n, STRVIS_UTF8);
	else
		snprintf(t, sizeof(t), "-");
	snprintf(line, sizeof(line), "%s %s %s %d %llu", c->peer, m, t, status,
	    (unsigned long long)bytes);
	log_push(h, line);
}

static void log_note(struct httpd *h, struct conn *c, const char *what)
{
	char line[HTTPD_LOG_LINE];

	snprintf(line, sizeof(line), "%s %s", c->peer, what);
	log_push(h, line);
}

/* ---------------------------------------------------------------- output */

static void out_reserve(struct conn *c, size_t more)
{
	if (c->outlen + more > c->outcap)
		c->out = xgrow(c->out, &c->outcap, c->outlen + more, 1);
}

static void out_add(struct conn *c, const void *p, size_t n)
{
	out_reserve(c, n);
	memcpy(c->out + c->outlen, p, n);
	c->outlen += n;
}

#define OUT_LIT(c, s) out_add((c), (s), sizeof(s) - 1)

static void out_str(struct conn *c, const char *s)
{
	out_add(c, s, strlen(s));
}

static void out_u64(struct conn *c, uint64_t v)
{
	char b[24];
	int i = sizeof(b);

	do
		b[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	out_add(c, b + i, sizeof(b) - (size_t)i);
}

static int out_pending(const struct conn *c)
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
static int flush(struct httpd *h, struct conn *c)
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

/* ---------------------------------------------------------------- connections */

static void set_events(struct httpd *h, struct conn *c, uint32_t ev)
{
	if (c->events != ev) {
		struct epoll_event e = { .events = ev, .data.ptr = c };
		epoll_ctl(h->ep, EPOLL_CTL_MOD, c->fd, &e);
		c->events = ev;
	}
}

/* Closes c's descriptors and takes it out of the table; the struct stays allocated. */
static void conn_release(struct httpd *h, struct conn *c)
{
	int i = c->idx;

	close(c->fd);		/* also removes it from the epoll set */
	c->fd = -1;
	if (c->filefd >= 0)
		close(c->filefd);
	c->filefd = -1;
	h->conns[i] = h->conns[--h->nconns];
	h->conns[i]->idx = i;
	free(c->in);
	free(c->out);
	free(c->msg);
	c->in = c->out = NULL;
	c->msg = NULL;
	atomic_fetch_sub_explicit(&h->active, 1, memory_order_relaxed);
	if (h->accept_paused)
		h->accept_retry = 0;	/* a slot and a descriptor are free: accept again */
}

static void conn_free(struct httpd *h, struct conn *c)
{
	conn_release(h, c);
	free(c);
}

/* Closes another connection than the one being run: events for it may still be in
 * this loop turn's batch, so the struct (fd -1) lives until the turn ends. */
static void conn_evict(struct httpd *h, struct conn *c, const char *why)
{
	log_note(h, c, why);
	conn_release(h, c);
	c->next_dead = h->dead;
	h->dead = c;
}

/* Lingers, or has waited for input (idle or with a request arriving) for a while: may
 * be closed for a new client.  A younger one may have its request unread in the socket
 * (just accepted, or just answered and the next one pipelined). */
static int conn_evictable(const struct httpd *h, const struct conn *c)
{
	return c->state == C_LINGER || (c->state == C_HTTP && !out_pending(c) &&
	    !c->close_after && h->now - c->since >= EVICT_GRACE_MS);
}

/* The connection to close for a new one: a lingering one first, else the one idle or
 * waiting for its request the longest; only those of address (af, addr) if af != 0.
 * NULL if none may go. */
static struct conn *evict_pick(struct httpd *h, int af, const uint8_t *addr)
{
	struct conn *best = NULL;

	for (int i = 0; i < h->nconns; i++) {
		struct conn *c = h->conns[i];

		if (!conn_evictable(h, c) || (af && (c->af != af || memcmp(c->addr, addr, 16) != 0)))
			continue;
		if (!best || (c->state == C_LINGER) > (best->state == C_LINGER) ||
		    ((c->state == C_LINGER) == (best->state == C_LINGER) && c->since < best->since))
			best = c;
	}
	return best;
}

/* Stops watching the listener until a connection closes or half a second passes: with
 * no descriptor to accept into, it stays readable and the loop would spin. */
static void accept_pause(struct httpd *h)
{
	struct epoll_event e = { .events = 0, .data.ptr = &h->lfd };

	if (epoll_ctl(h->ep, EPOLL_CTL_MOD, h->lfd, &e) == 0) {
		h->accept_paused = 1;
		h->accept_retry = h->now + 500;
	}
}

/* Does a connection wait in the listener's queue? */
static int listener_ready(struct httpd *h)
{
	struct pollfd p = { .fd = h->lfd, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static void accept_resume(struct httpd *h)
{
	struct epoll_event e = { .events = EPOLLIN, .data.ptr = &h->lfd };

	if (epoll_ctl(h->ep, EPOLL_CTL_MOD, h->lfd, &e) == 0)
		h->accept_paused = 0;
}

/* Closes the sending side (FIN) and waits briefly for the peer's FIN, reading and
 * dropping anything it still sends: closing with unread data would send a RST
 * instead of a clean teardown. */
static void conn_linger(struct httpd *h, struct conn *c)
{
	if (c->eof) {
		conn_free(h, c);
		return;
	}
	shutdown(c->fd, SHUT_WR);
	c->close_after = 0;
	c->state = C_LINGER;
	c->deadline = h->now + LINGER_MS;
	set_events(h, c, EPOLLIN);
}

static void do_accept(struct httpd *h)
{
	int evicted = 0;	/* for EMFILE since the last accept */

	for (;;) {
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);
		struct conn *c, *v;
		char host[INET6_ADDRSTRLEN];
		int fd = accept4(h->lfd, (struct sockaddr *)&ss, &sl, SOCK_NONBLOCK | SOCK_CLOEXEC);
		int one = 1, af, same = 0;
		uint8_t addr[16] = { 0 };
		struct epoll_event e;

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno != EMFILE && errno != ENFILE && errno != ENOBUFS && errno != ENOMEM)
				return;		/* EAGAIN: all accepted */
			/* Out of descriptors (Linux says so before it looks at the queue): if a
			 * client waits, free one from an idle connection, once per try. */
			if (!listener_ready(h))
				return;
			if (!evicted && (v = evict_pick(h, 0, NULL)) != NULL) {
				conn_evict(h, v, "closed for a new client (no descriptors left)");
				evicted = 1;
				continue;
			}
			accept_pause(h);
			return;
		}
		evicted = 0;
		af = ss.ss_family;
		if (af == AF_INET6)
			memcpy(addr, &((struct sockaddr_in6 *)&ss)->sin6_addr, 16);
		else
			memcpy(addr, &((struct sockaddr_in *)&ss)->sin_addr, 4);
		for (int i = 0; i < h->nconns; i++)
			same += h->conns[i]->af == af && memcmp(h->conns[i]->addr, addr, 16) == 0;
		v = NULL;
		if (same >= h->max_client_conns) {
			v = evict_pick(h, af, addr);
			if (v)
				conn_evict(h, v, "closed for a new connection of the same client (per-client cap)");
		} else if (h->nconns == MAX_CONNS) {
			v = evict_pick(h, 0, NULL);
			if (v)
				conn_evict(h, v, "closed for a new client (connection table full)");
		}
		if ((same >= h->max_client_conns || h->nconns == MAX_CONNS) && !v) {
			static const char busy[] = "HTTP/1.1 503 Service Unavailable\r\n"
			    "Server: " HTTPD_SERVER "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
			if (send(fd, busy, sizeof(busy) - 1, MSG_NOSIGNAL | MSG_DONTWAIT) > 0)
				atomic_fetch_add_explicit(&h->bytes_out, sizeof(busy) - 1,
				    memory_order_relaxed);
			shutdown(fd, SHUT_WR);
			close(fd);
			continue;
		}
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		c = xcalloc(1, sizeof(*c));
		c->fd = fd;
		c->filefd = -1;
		c->incap = HTTPREQ_HEAD_MAX;
		c->in = xmalloc(c->incap);
		c->deadline = h->now + h->request_timeout_ms;
		c->in_req = 1;		/* the first request must arrive in time too */
		c->since = h->now;
		c->af = af;
		memcpy(c->addr, addr, 16);
		if (ss.ss_family == AF_INET6) {
			struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
			inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof(host));
			snprintf(c->peer, sizeof(c->peer), "[%s]:%u", host, ntohs(a->sin6_port));
		} else {
			struct sockaddr_in *a = (struct sockaddr_in *)&ss;
			inet_ntop(AF_INET, &a->sin_addr, host, sizeof(host));
			snprintf(c->peer, sizeof(c->peer), "%s:%u", host, ntohs(a->sin_port));
		}
		c->events = EPOLLIN;
		e.events = EPOLLIN;
		e.data.ptr = c;
		if (epoll_ctl(h->ep, EPOLL_CTL_ADD, fd, &e) < 0) {
			close(fd);
			free(c->in);
			free(c);
			continue;
		}
		c->idx = h->nconns;
		h->conns[h->nconns++] = c;
		atomic_fetch_add_explicit(&h->connections, 1, memory_order_relaxed);
		atomic_fetch_add_explicit(&h->active, 1, memory_order_relaxed);
	}
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

static void head_start(struct httpd *h, struct conn *c, int code)
{
	const struct status *s = status_of(code);

	update_date(h);
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
static void respond_error(struct httpd *h, struct conn *c, const struct httpreq *r, int code,
    int keep_alive, const char *extra)
{
	const struct status *s = status_of(code);
	char body[512];
	int n = snprintf(body, sizeof(body),
	    "<!DOCTYPE html>\n<html><head><title>%d %s</title></head>\n"
	    "<body><h1>%d %s</h1>\n<p>%s</p>\n<hr><address>" HTTPD_SERVER "</address></body></html>\n",
	    code, s->reason, code, s->reason, s->text ? s->text : "");
	int head = r && r->method == HTTPREQ_HEAD;

	head_start(h, c, code);
	OUT_LIT(c, "Content-Type: text/html; charset=utf-8\r\nContent-Length: ");
	out_u64(c, (uint64_t)n);
	OUT_LIT(c, "\r\n");
	if (extra)
		out_str(c, extra);
	head_end(c, keep_alive);
	if (!head)
		out_add(c, body, (size_t)n);
	if (!keep_alive)
		c->close_after = 1;
	atomic_fetch_add_explicit(&h->requests, 1, memory_order_relaxed);
	log_request(h, c, r, code, head ? 0 : (uint64_t)n);
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

struct entity {
	const char *ctype;
	uint64_t size;
	time_t mtime;
	const char *etag;
	const char *lm;		/* Last-Modified as sent */
	const uint8_t *data;	/* built-in body, or NULL with fd */
	int fd;
};

static void respond_entity(struct httpd *h, struct conn *c, const struct httpreq *r,
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
		respond_error(h, c, r, 416, r->keep_alive, cr);
		return;
	}
	code = notmod ? 304 : rg ? 206 : 200;
	len = notmod ? 0 : b - a + 1;
	if (en->size == 0)
		len = 0;

	head_start(h, c, code);
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
	log_request(h, c, r, code, len);
}

/* Opens path under the --www root: 0 with en filled, or the status to answer. */
static int www_open(struct httpd *h, const char *path, struct entity *en, char *etag, char *lm)
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
		http_date(st.st_mtime, lm);
		en->etag = etag;
		en->lm = lm;
		return 0;
	}
	return 404;
}

/* ---------------------------------------------------------------- WebSocket */

static const char ws_greeting[] = "{\"type\":\"connected\"}";

static void ws_frame(struct conn *c, int op, const uint8_t *p, size_t n)
{
	uint8_t hd[10];

	out_add(c, hd, wsframe_header(hd, op, n));
	if (n)
		out_add(c, p, n);
}

/* Sends a close frame with code (0 = no status code: an empty payload) and ends the
 * connection once it has left.  code is never 1005, 1006 or 1015. */
static void ws_close(struct httpd *h, struct conn *c, unsigned code)
{
	uint8_t p[2] = { (uint8_t)(code >> 8), (uint8_t)code };
	char what[48];

	ws_frame(c, 8, p, code ? 2 : 0);
	c->close_after = 1;
	snprintf(what, sizeof(what), "WS close %u", code);
	log_note(h, c, what);
}

static void respond_upgrade(struct httpd *h, struct conn *c, const struct httpreq *r)
{
	char accept[29];
	int ok = r->minor == 1 && r->conn_upgrade && httpreq_has_token(r->upgrade, "websocket");
	size_t i;

	if (!ok) {
		respond_error(h, c, r, 426, r->keep_alive,
		    "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n");
		return;
	}
	if (r->ws_version.n != 2 || memcmp(r->ws_version.p, "13", 2) != 0) {
		respond_error(h, c, r, 426, r->keep_alive, "Sec-WebSocket-Version: 13\r\n");
		return;
	}
	/* a base64-encoded 16-byte nonce: 22 characters and "==" */
	for (i = 0; i < r->ws_key.n && i < 22; i++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
		    r->ws_key.p[i]) || !r->ws_key.p[i])
			break;
	if (r->ws_key.n != 24 || i != 22 || r->ws_key.p[22] != '=' || r->ws_key.p[23] != '=') {
		respond_error(h, c, r, 400, 0, NULL);
		return;
	}
	httpd_ws_accept(r->ws_key.p, r->ws_key.n, accept);
	head_start(h, c, 101);
	OUT_LIT(c, "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ");
	out_add(c, accept, 28);
	OUT_LIT(c, "\r\n\r\n");
	c->greet = 1;
	atomic_fetch_add_explicit(&h->requests, 1, memory_order_relaxed);
	log_request(h, c, r, 101, 0);
	c->state = C_WS;
	c->deadline = h->now + WS_IDLE_TIMEOUT_MS;
	if (c->incap < WS_MAX_PAYLOAD + 14) {
		c->incap = WS_MAX_PAYLOAD + 14;
		c->in = xrealloc(c->in, c->incap);
	}
}

/* A data frame (text, binary or continuation) with its unmasked payload: fragments
 * are gathered up to WS_MAX_PAYLOAD, a whole message is echoed. */
static void ws_data(struct httpd *h, struct conn *c, int op, int fin, const uint8_t *pl,
    uint64_t len)
{
	char what[64];

	if ((op == 0) != (c->msgop != 0)) {
		ws_close(h, c, 1002);
		return;
	}
	if (op == 1)
		memset(&c->u8, 0, sizeof(c->u8));
	/* RFC 6455 8.1: fail as soon as the text cannot be UTF-8, fragment or not */
	if ((op == 1 || (op == 0 && c->msgop == 1)) &&
	    (wsframe_utf8_feed(&c->u8, pl, (size_t)len) < 0 || (fin && c->u8.need))) {
		ws_close(h, c, 1007);
		return;
	}
	if (op == 0 || !fin) {
		if (c->msglen + len > WS_MAX_PAYLOAD) {
			ws_close(h, c, 1009);
			return;
		}
		if (!c->msg)
			c->msg = xmalloc(WS_MAX_PAYLOAD);
		memcpy(c->msg + c->msglen, pl, (size_t)len);
		c->msglen += (size_t)len;
		if (op)
			c->msgop = op;
		if (!fin)
			return;
		op = c->msgop;
		pl = c->msg;
		len = c->msglen;
		c->msgop = 0;
		c->msglen = 0;
	}
	ws_frame(c, op, pl, (size_t)len);
	atomic_fetch_add_explicit(&h->ws_messages, 1, memory_order_relaxed);
	snprintf(what, sizeof(what), "WS %s %llu echoed", op == 1 ? "text" : "binary",
	    (unsigned long long)len);
	log_note(h, c, what);
}

/* A close frame: echo a valid status code, then end the connection. */
static void ws_close_frame(struct httpd *h, struct conn *c, const uint8_t *pl, uint64_t len)
{
	unsigned code = len >= 2 ? (unsigned)pl[0] << 8 | pl[1] : 0;
	struct wsframe_utf8 reason = { 0, 0, 0 };

	if (len == 1 || (len >= 2 && !wsframe_close_code_ok(code)))
		code = 1002;
	else if (len > 2 && (wsframe_utf8_feed(&reason, pl + 2, (size_t)len - 2) < 0 || reason.need))
		code = 1007;
	ws_close(h, c, code);
}

/* Handles one complete frame from the input; returns 1 if one was consumed. */
static int ws_process(struct httpd *h, struct conn *c)
{
	uint8_t *p = (uint8_t *)c->in + c->inoff;
	struct wsframe_in f;
	int r = wsframe_parse(p, c->inlen - c->inoff, WS_MAX_PAYLOAD, &f);
	uint8_t *mask, *pl;

	if (r < 0)
		return 0;
	if (r > 0) {
		ws_close(h, c, (unsigned)r);
		return 1;
	}
	mask = p + f.hl;
	pl = mask + 4;
	for (uint64_t i = 0; i < f.len; i++)
		pl[i] ^= mask[i & 3];
	c->inoff += f.hl + 4 + (size_t)f.len;
	c->deadline = h->now + WS_IDLE_TIMEOUT_MS;

	switch (f.op) {
	case 0:				/* continuation */
	case 1:				/* text */
	case 2:				/* binary */
		ws_data(h, c, f.op, f.fin, pl, f.len);
		return 1;
	case 8:
		ws_close_frame(h, c, pl, f.len);
		return 1;
	case 9:				/* ping */
		ws_frame(c, 10, pl, (size_t)f.len);
		log_note(h, c, "WS ping");
		return 1;
	case 10:			/* pong: unsolicited ones are allowed and ignored */
		return 1;
	default:
		ws_close(h, c, 1002);
		return 1;
	}
}

/* ---------------------------------------------------------------- HTTP requests */

/* The request has arrived whole (head and body): the connection is idle from now, or
 * from the end of the response if that is still to leave. */
static void request_done(struct httpd *h, struct conn *c)
{
	c->in_req = 0;
	c->since = h->now;
}

/* Handles one request from the input; returns 1 if input was consumed. */
static int http_process(struct httpd *h, struct conn *c)
{
	struct httpreq *r = &h->req;
	const struct site_res *res;
	struct entity en;
	char etag[64], lm[32];
	long n;
	int st;

	if (c->discard) {
		size_t k = c->inlen - c->inoff < c->discard ? c->inlen - c->inoff : (size_t)c->discard;
		c->inoff += k;
		c->discard -= k;
		if (!c->discard)
			request_done(h, c);
		return k > 0;
	}
	if (c->inoff == c->inlen)
		return 0;
	if (!c->in_req) {		/* the first byte of a request starts its clock */
		c->in_req = 1;
		c->since = h->now;
	}
	n = httpreq_parse(c->in + c->inoff, c->inlen - c->inoff, r);
	if (n == 0) {
		if (c->eof && c->inlen > c->inoff)
			c->inoff = c->inlen;	/* an incomplete request and then FIN */
		return 0;
	}
	if (n < 0) {
		respond_error(h, c, r->method_str.n ? r : NULL, r->status, 0, NULL);
		c->inoff = c->inlen;
		return 1;
	}
	c->inoff += (size_t)n;

	if (r->has_transfer_encoding || r->content_length > BODY_DISCARD_MAX) {
		respond_error(h, c, r, 413, 0, NULL);
		c->inoff = c->inlen;
		return 1;
	}
	c->discard = r->content_length;
	if (!c->discard)
		request_done(h, c);
	if (r->method == HTTPREQ_OTHER) {
		respond_error(h, c, r, 405, r->keep_alive, "Allow: GET, HEAD\r\n");
		return 1;
	}
	if (strcmp(r->path, "/ws") == 0 && (!h->root || r->upgrade.n)) {
		respond_upgrade(h, c, r);
		return 1;
	}
	memset(&en, 0, sizeof(en));
	en.fd = -1;
	if (h->root) {
		st = www_open(h, r->path, &en, etag, lm);
		if (st) {
			respond_error(h, c, r, st, r->keep_alive, NULL);
			return 1;
		}
	} else {
		res = site_find(&h->site, r->path);
		if (!res) {
			respond_error(h, c, r, 404, r->keep_alive, NULL);
			return 1;
		}
		en.ctype = res->ctype;
		en.size = res->len;
		en.mtime = SITE_MTIME;
		en.etag = res->etag;
		en.lm = h->site_lm;
		en.data = res->data;
	}
	respond_entity(h, c, r, &en);
	return 1;
}

/* Runs a connection as far as it can go without blocking. */
static void conn_run(struct httpd *h, struct conn *c)
{
	for (;;) {
		ssize_t n;

		if (out_pending(c)) {
			if (flush(h, c) < 0) {
				conn_free(h, c);
				return;
			}
			if (out_pending(c)) {
				set_events(h, c, EPOLLOUT);
				return;
			}
		}
		if (c->greet) {		/* in its own segment, as Vite's server sends it */
			c->greet = 0;
			ws_frame(c, 1, (const uint8_t *)ws_greeting, sizeof(ws_greeting) - 1);
			continue;
		}
		if (c->close_after) {
			conn_linger(h, c);
			return;
		}
		if (c->state == C_LINGER) {
			char sink[4096];

			n = recv(c->fd, sink, sizeof(sink), 0);
			if (n > 0)
				continue;
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				return;
			conn_free(h, c);
			return;
		}
		if (c->state == C_WS ? ws_process(h, c) : http_process(h, c))
			continue;

		/* need more input */
		if (c->inoff == c->inlen)
			c->inoff = c->inlen = 0;
		if (c->eof) {
			conn_free(h, c);	/* everything the peer sent is answered */
			return;
		}
		if (c->drained) {
			/* absolute: bytes trickling in do not move it */
			if (c->state == C_HTTP)
				c->deadline = c->since +
				    (c->in_req ? h->request_timeout_ms : IDLE_TIMEOUT_MS);
			set_events(h, c, EPOLLIN);
			return;
		}
		if (c->inoff > 0) {
			memmove(c->in, c->in + c->inoff, c->inlen - c->inoff);
			c->inlen -= c->inoff;
			c->inoff = 0;
		}
		if (c->inlen == c->incap) {	/* cannot happen: the parsers bound their input */
			conn_free(h, c);
			return;
		}
		n = recv(c->fd, c->in + c->inlen, c->incap - c->inlen, 0);
		if (n > 0) {
			c->inlen += (size_t)n;
			c->drained = (size_t)n < c->incap - c->inlen + (size_t)n;
		} else if (n == 0) {
			c->eof = 1;
		} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			c->drained = 1;
		} else if (errno != EINTR) {
			conn_free(h, c);
			return;
		}
	}
}

static void sweep(struct httpd *h)
{
	for (int i = h->nconns - 1; i >= 0; i--) {
		struct conn *c = h->conns[i];

		if (c->deadline > h->now)
			continue;
		if (c->state == C_LINGER || c->close_after) {
			conn_free(h, c);
		} else if (c->state == C_HTTP && c->inlen > c->inoff && !out_pending(c)) {
			/* a request head that never completed: slowloris or a stalled client */
			respond_error(h, c, NULL, 408, 0, NULL);
			c->inoff = c->inlen;
			c->deadline = h->now + LINGER_MS;
			conn_run(h, c);
		} else {
			conn_free(h, c);
		}
	}
}

static void *loop(void *arg)
{
	struct httpd *h = arg;
	struct epoll_event evs[64];
	long long next_sweep = 0;
	sigset_t all;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	while (!atomic_load(&h->stop)) {
		int n = epoll_wait(h->ep, evs, 64, 250);

		h->now = mono_ms();
		for (int i = 0; i < n; i++) {
			void *p = evs[i].data.ptr;

			if (p == &h->lfd)
				do_accept(h);
			else if (p == &h->efd)
				continue;
			else {
				struct conn *c = p;
				if (c->fd < 0)
					continue;	/* evicted earlier in this turn */
				if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLRDHUP))
					c->drained = 0;
				if (evs[i].events & EPOLLERR) {
					conn_free(h, c);
					continue;
				}
				conn_run(h, c);
			}
		}
		while (h->dead) {
			struct conn *c = h->dead;
			h->dead = c->next_dead;
			free(c);
		}
		if (h->now >= next_sweep) {
			sweep(h);
			next_sweep = h->now + 250;
		}
		if (h->accept_paused && h->now >= h->accept_retry)
			accept_resume(h);
	}
	return NULL;
}

/* ---------------------------------------------------------------- lifecycle */

int httpd_addr_is_loopback(const char *addr)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (inet_pton(AF_INET, addr, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, addr, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6) ||
		    (IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127);
	return 0;
}

int httpd_parse_addr(const char *spec, char *addr, size_t an, int *port, char *errbuf, size_t n)
{
	const char *colon, *host = spec, *ps = NULL;
	size_t hl;
	char tmp[64];
	struct in6_addr a6;
	long p = HTTPD_DEFAULT_PORT;

	if (spec[0] == '[') {
		const char *rb = strchr(spec, ']');
		if (!rb || (rb[1] && rb[1] != ':'))
			goto bad;
		host = spec + 1;
		hl = (size_t)(rb - host);
		ps = rb[1] ? rb + 2 : NULL;
	} else if ((colon = strrchr(spec, ':')) && strchr(spec, ':') == colon) {
		hl = (size_t)(colon - spec);
		ps = colon + 1;
	} else if (strspn(spec, "0123456789") == strlen(spec) && *spec) {
		hl = 0;
		ps = spec;
	} else {
		hl = strlen(spec);
	}
	if (ps) {
		char *end;
		p = strtol(ps, &end, 10);
		if (!*ps || *end || p < 0 || p > 65535)
			goto bad;
	}
	if (hl >= sizeof(tmp))
		goto bad;
	memcpy(tmp, host, hl);
	tmp[hl] = '\0';
	if (hl == 0 || strcmp(tmp, "localhost") == 0)
		snprintf(tmp, sizeof(tmp), "%s", HTTPD_DEFAULT_ADDR);
	if (!inet_pton(AF_INET, tmp, &a6) && !inet_pton(AF_INET6, tmp, &a6))
		goto bad;
	snprintf(addr, an, "%s", tmp);
	*port = (int)p;
	return 0;
bad:
	snprintf(errbuf, n, "invalid server address \"%s\": use ADDR:PORT such as 127.0.0.1:8080, "
	    "[::1]:8080 or just a port", spec);
	return -1;
}

static const struct {
	int err;
	const char *why;
} bind_errors[] = {
	{ EADDRINUSE, "address already in use — another server is running there; choose another "
	    "port with --serve=127.0.0.1:PORT" },
	{ EACCES, "permission denied — ports below 1024 need root; choose a port such as 8080 "
	    "with --serve=127.0.0.1:PORT" },
	{ EADDRNOTAVAIL, "address not available — it is not an address of this machine; use "
	    "127.0.0.1" },
	{ EAFNOSUPPORT, "address family not supported — IPv6 is off here; use 127.0.0.1" },
};

static int listen_on(struct httpd *h, const char *addr, int port, char *errbuf, size_t n)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int one = 1, fd, e;
	const char *fmt = strchr(addr, ':') ? "[%s]:%d" : "%s:%d";
	char where[80];

	memset(&ss, 0, sizeof(ss));
	snprintf(where, sizeof(where), fmt, addr, port);
	if (inet_pton(AF_INET, addr, &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
		((struct sockaddr_in *)&ss)->sin_family = AF_INET;
		((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)port);
		sl = sizeof(struct sockaddr_in);
	} else if (inet_pton(AF_INET6, addr, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		((struct sockaddr_in6 *)&ss)->sin6_family = AF_INET6;
		((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)port);
		sl = sizeof(struct sockaddr_in6);
	} else {
		snprintf(errbuf, n, "cannot listen on %s: not a numeric IPv4 or IPv6 address", where);
		return -1;
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		goto fail;
	/* lets a restarted server bind while old connections sit in TIME_WAIT; on Linux
	 * it does not let two servers listen on one port */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, sl) < 0 || listen(fd, 511) < 0)
		goto fail;
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
		h->port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port :
		    ((struct sockaddr_in *)&ss)->sin_port);
	h->lfd = fd;
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	for (size_t i = 0; i < sizeof(bind_errors) / sizeof(bind_errors[0]); i++)
		if (bind_errors[i].err == e) {
			snprintf(errbuf, n, "cannot listen on %s: %s", where, bind_errors[i].why);
			return -1;
		}
	snprintf(errbuf, n, "cannot listen on %s: %s", where, strerror(e));
	return -1;
}

/* Frees what httpd_start allocated besides the descriptors, and h. */
static void state_free(struct httpd *h)
{
	site_free(&h->site);
	pthread_mutex_destroy(&h->log_mu);
	pthread_cond_destroy(&h->log_cv);
	free(h->log);
	free(h->root);
	free(h);
}

struct httpd *httpd_start(const struct httpd_config *cfg, char *errbuf, size_t n)
{
	struct httpd *h = xcalloc(1, sizeof(*h));
	struct epoll_event e;
	int perr;

	h->lfd = h->efd = h->ep = -1;
	h->request_timeout_ms = cfg->request_timeout_ms > 0 ? cfg->request_timeout_ms :
	    REQUEST_TIMEOUT_MS;
	h->max_client_conns = cfg->max_client_conns > 0 ? cfg->max_client_conns : MAX_CLIENT_CONNS;
	if (h->max_client_conns > MAX_CONNS)
		h->max_client_conns = MAX_CONNS;
	if (cfg->www) {
		char real[PATH_MAX];
		struct stat st;

		if (!realpath(cfg->www, real) || stat(real, &st) < 0 || !S_ISDIR(st.st_mode)) {
			snprintf(errbuf, n, "cannot serve %s: %s", cfg->www,
			    errno == EACCES ? "permission denied" : "no such directory");
			free(h);
			return NULL;
		}
		if (strcmp(real, "/") == 0)
			real[0] = '\0';
		h->root = xstrdup(real);
		h->rootlen = strlen(real);
	}
	if (listen_on(h, cfg->addr ? cfg->addr : HTTPD_DEFAULT_ADDR, cfg->port, errbuf, n) < 0) {
		free(h->root);
		free(h);
		return NULL;
	}
	site_build(&h->site, cfg->name, cfg->student_id, cfg->major);
	http_date(SITE_MTIME, h->site_lm);
	h->log = xcalloc(LOG_SLOTS, sizeof(*h->log));
	pthread_mutex_init(&h->log_mu, NULL);
	pthread_cond_init(&h->log_cv, NULL);
	h->ep = epoll_create1(EPOLL_CLOEXEC);
	h->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (h->ep < 0 || h->efd < 0)
		goto fail;
	e.events = EPOLLIN;
	e.data.ptr = &h->lfd;
	if (epoll_ctl(h->ep, EPOLL_CTL_ADD, h->lfd, &e) < 0)
		goto fail;
	e.data.ptr = &h->efd;
	if (epoll_ctl(h->ep, EPOLL_CTL_ADD, h->efd, &e) < 0)
		goto fail;
	h->now = mono_ms();
	perr = pthread_create(&h->thread, NULL, loop, h);
	if (perr) {
		errno = perr;
		goto fail;
	}
	return h;
fail:
	snprintf(errbuf, n, "cannot start the web server: %s", strerror(errno));
	if (h->ep >= 0)
		close(h->ep);
	if (h->efd >= 0)
		close(h->efd);
	close(h->lfd);
	state_free(h);
	return NULL;
}

void httpd_stop(struct httpd *h)
{
	uint64_t one = 1;

	if (!h)
		return;
	atomic_store(&h->stop, 1);
	if (write(h->efd, &one, sizeof(one)) < 0) {
		/* the loop still sees stop within one epoll timeout */
	}
	pthread_join(h->thread, NULL);
	while (h->nconns)
		conn_free(h, h->conns[h->nconns - 1]);
	close(h->lfd);
	close(h->efd);
	close(h->ep);
	state_free(h);
}

int httpd_port(const struct httpd *h)
{
	return h->port;
}

void httpd_get_stats(const struct httpd *h, struct httpd_stats *st)
{
	struct httpd *m = (struct httpd *)(uintptr_t)h;	/* atomic loads take non-const */

	st->requests = atomic_load_explicit(&m->requests, memory_order_relaxed);
	st->connections = atomic_load_explicit(&m->connections, memory_order_relaxed);
	st->active = atomic_load_explicit(&m->active, memory_order_relaxed);
	st->bytes_out = atomic_load_explicit(&m->bytes_out, memory_order_relaxed);
	st->ws_messages = atomic_load_explicit(&m->ws_messages, memory_order_relaxed);
	st->log_dropped = atomic_load_explicit(&m->log_dropped, memory_order_relaxed);
}
