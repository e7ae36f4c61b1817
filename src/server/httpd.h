/* httpd.h — the built-in mini HTTP/1.1 + WebSocket server (issue 9).
 *
 * One thread with one epoll loop; non-blocking sockets and a per-connection state
 * machine (read → parse → respond → keep-alive, close or WebSocket).  It serves the
 * built-in lab site (site.c) or a --www directory, and never touches capture or UI
 * state: other threads see it only through the atomic counters and the log queue.
 *
 * Lifecycle: httpd_start() binds and listens synchronously (so "address already in
 * use" comes back as a sentence in errbuf), then runs the loop on its own thread until
 * httpd_stop().  SIGPIPE never kills the program: the server thread blocks all signals
 * and sends with MSG_NOSIGNAL.
 */
#ifndef NETLAB_HTTPD_H
#define NETLAB_HTTPD_H

#include <stddef.h>
#include <stdint.h>

#define HTTPD_DEFAULT_ADDR "127.0.0.1"
#define HTTPD_DEFAULT_PORT 8080
#define HTTPD_SERVER "netlab-tui/0.1"
#define HTTPD_ERRBUF 256		/* enough for any errbuf sentence below */
#define HTTPD_LOG_LINE 256		/* longest log line, NUL included */

struct httpd_config {
	const char *addr;		/* numeric IPv4/IPv6; NULL = 127.0.0.1 */
	int port;			/* 0 = any free port (see httpd_port) */
	const char *www;		/* directory to serve; NULL = the built-in site */
	const char *name, *student_id, *major;	/* built-in page; NULL = placeholders */
	int request_timeout_ms;		/* a request's head and body must arrive within this
					 * from its first byte (or from accept); 0 = 10 s */
	int max_client_conns;		/* per client address; 0 = 128 (256 at most) */
};

struct httpd_stats {
	uint64_t requests;		/* HTTP requests answered (any status) */
	uint64_t connections;		/* connections accepted since start */
	uint64_t active;		/* connections open now */
	uint64_t bytes_out;		/* bytes sent on all connections */
	uint64_t ws_messages;		/* WebSocket messages echoed */
	uint64_t log_dropped;		/* log lines overwritten before being popped */
};

struct httpd;

/* Starts the server; returns NULL with a sentence in errbuf (size n) on failure. */
struct httpd *httpd_start(const struct httpd_config *cfg, char *errbuf, size_t n);
/* Stops the loop, closes every connection, joins the thread and frees h (NULL ok). */
void httpd_stop(struct httpd *h);

/* The port actually bound (useful with port 0). */
int httpd_port(const struct httpd *h);
/* Any thread: a snapshot of the counters (atomic loads). */
void httpd_get_stats(const struct httpd *h, struct httpd_stats *st);

/* Any thread: pops the oldest log line into line (size n), already escaped for display,
 * e.g. "127.0.0.1:54570 GET /style.css 304 0" (peer, method, target, status, body
 * bytes).  Returns 1 when a line was popped, 0 when the queue is empty. */
int httpd_log_pop(struct httpd *h, char *line, size_t n);
/* Waits up to timeout_ms for a log line to be queued; returns 1 if the queue is
 * non-empty. */
int httpd_log_wait(struct httpd *h, int timeout_ms);

/* Parses a --serve argument: "ADDR:PORT", "[V6]:PORT", "PORT", "ADDR" (port 8080) or
 * "localhost:PORT" into a numeric address (addr, size an >= 64) and a port.  Returns 0,
 * or -1 with a sentence in errbuf. */
int httpd_parse_addr(const char *spec, char *addr, size_t an, int *port, char *errbuf, size_t n);
/* Is this numeric address a loopback one (127/8, ::1)?  Anything else is reachable
 * from other machines and deserves a warning. */
int httpd_addr_is_loopback(const char *addr);

/* Sec-WebSocket-Accept for a Sec-WebSocket-Key (RFC 6455 4.2.2): out holds 29 bytes. */
void httpd_ws_accept(const char *key, size_t keylen, char out[29]);

#endif
