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
 *
 * This file: connections, requests and the loop; respond.c writes the responses,
 * wsconn.c runs upgraded connections (state shared through httpd_int.h).
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
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/sha1.h"
#include "core/strvis.h"
#include "core/xmalloc.h"
#include "server/httpd_int.h"

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
void httpd_date(time_t t, char out[32])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, 32, "%s, %02d %s %04d %02d:%02d:%02d GMT", wday[tm.tm_wday % 7],
	    tm.tm_mday, mon[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void httpd_update_date(struct httpd *h)
{
	time_t t = time(NULL);

	if (t != h->date_sec) {
		h->date_sec = t;
		httpd_date(t, h->date);
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
void httpd_log_request(struct httpd *h, struct conn *c, const struct httpreq *r, int status,
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

void httpd_log_note(struct httpd *h, struct conn *c, const char *what)
{
	char line[HTTPD_LOG_LINE];

	snprintf(line, sizeof(line), "%s %s", c->peer, what);
	log_push(h, line);
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
	httpd_log_note(h, c, why);
	conn_release(h, c);
	c->next_dead = h->dead;
	h->dead = c;
}

/* Lingers, or has waited for input (idle or with a request arriving) for a while: may
 * be closed for a new client.  A younger one may have its request unread in the socket
 * (just accepted, or just answered and the next one pipelined). */
static int conn_evictable(const struct httpd *h, const struct conn *c)
{
	return c->state == C_LINGER || (c->state == C_HTTP && !httpd_out_pending(c) &&
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
		httpd_respond_error(h, c, r->method_str.n ? r : NULL, r->status, 0, NULL);
		c->inoff = c->inlen;
		return 1;
	}
	c->inoff += (size_t)n;

	if (r->has_transfer_encoding || r->content_length > BODY_DISCARD_MAX) {
		httpd_respond_error(h, c, r, 413, 0, NULL);
		c->inoff = c->inlen;
		return 1;
	}
	c->discard = r->content_length;
	if (!c->discard)
		request_done(h, c);
	if (r->method == HTTPREQ_OTHER) {
		httpd_respond_error(h, c, r, 405, r->keep_alive, "Allow: GET, HEAD\r\n");
		return 1;
	}
	if (strcmp(r->path, "/ws") == 0 && (!h->root || r->upgrade.n)) {
		httpd_respond_upgrade(h, c, r);
		return 1;
	}
	memset(&en, 0, sizeof(en));
	en.fd = -1;
	if (h->root) {
		st = httpd_www_open(h, r->path, &en, etag, lm);
		if (st) {
			httpd_respond_error(h, c, r, st, r->keep_alive, NULL);
			return 1;
		}
	} else {
		res = site_find(&h->site, r->path);
		if (!res) {
			httpd_respond_error(h, c, r, 404, r->keep_alive, NULL);
			return 1;
		}
		en.ctype = res->ctype;
		en.size = res->len;
		en.mtime = SITE_MTIME;
		en.etag = res->etag;
		en.lm = h->site_lm;
		en.data = res->data;
	}
	httpd_respond_entity(h, c, r, &en);
	return 1;
}

/* Runs a connection as far as it can go without blocking. */
static void conn_run(struct httpd *h, struct conn *c)
{
	for (;;) {
		ssize_t n;

		if (httpd_out_pending(c)) {
			if (httpd_flush(h, c) < 0) {
				conn_free(h, c);
				return;
			}
			if (httpd_out_pending(c)) {
				set_events(h, c, EPOLLOUT);
				return;
			}
		}
		if (c->greet) {		/* in its own segment, as Vite's server sends it */
			c->greet = 0;
			httpd_ws_greet(c);
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
		if (c->state == C_WS ? httpd_ws_process(h, c) : http_process(h, c))
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
		} else if (c->state == C_HTTP && c->inlen > c->inoff && !httpd_out_pending(c)) {
			/* a request head that never completed: slowloris or a stalled client */
			httpd_respond_error(h, c, NULL, 408, 0, NULL);
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
	httpd_date(SITE_MTIME, h->site_lm);
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

