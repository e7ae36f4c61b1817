/* visit.h — a browser-like visit of the lab site, to have traffic to capture.
 *
 * Behaves like a browser loading the page and then reloading it: two parallel
 * keep-alive connections fetch /, /style.css, /logo.png, /app.js, the audio with a Range
 * request (206) and /favicon.ico (404); the reload sends If-None-Match and
 * If-Modified-Since (304s); a third connection upgrades /ws to a WebSocket (101),
 * sends a masked text message and reads the echo, then closes (close handshake, the
 * server's FIN); finally the browser closes its two connections (FIN).  One capture
 * of it shows every row of the lab's observations.
 *
 * Blocking, no global state: run it on its own thread from the TUI.
 */
#ifndef NETLAB_VISIT_H
#define NETLAB_VISIT_H

#include <stddef.h>

#define VISIT_MAX_ITEMS 24

struct visit_item {
	char method[8];		/* "GET", or "WS" for a WebSocket message */
	char path[48];
	int conn;		/* 1, 2: the browser's keep-alive connections; 3: the WebSocket */
	int status;		/* HTTP status, 0 for WebSocket messages */
	char reason[48];	/* reason phrase (escaped), or what came back on the WebSocket */
};

struct visit_report {
	struct visit_item item[VISIT_MAX_ITEMS];
	int n;
};

/* Runs the visit against addr:port (numeric address).  Returns 0 when every step
 * completed, -1 with a sentence in errbuf (size n) otherwise; rep holds the steps done
 * so far either way. */
int visit_run(const char *addr, int port, struct visit_report *rep, char *errbuf, size_t n);

/* One line for an item, e.g. "GET /style.css → 304 Not Modified" (UTF-8 arrow). */
void visit_format(const struct visit_item *it, char *buf, size_t n);

/* A visit on its own thread, for the TUI's key and for lab mode. */
struct visit_job;
struct visit_job *visit_job_start(const char *addr, int port, int delay_ms);
int visit_job_done(struct visit_job *j);	/* non-blocking */
/* Joins, writes a one-line summary ("visit: 14 requests: 200 ×6 …"), frees;
 * returns 0 when every step completed. */
int visit_job_finish(struct visit_job *j, char *summary, size_t n);

#endif
