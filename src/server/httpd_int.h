/* httpd_int.h — what the mini HTTP server's files share: the connection and server
 * state, limits, and the functions one file calls in another (httpd.c: connections,
 * requests, the loop; respond.c: output buffer and HTTP responses; wsconn.c: WebSocket
 * connections).  Private to src/server.
 */
#ifndef NETLAB_HTTPD_INT_H
#define NETLAB_HTTPD_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

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

struct entity {
	const char *ctype;
	uint64_t size;
	time_t mtime;
	const char *etag;
	const char *lm;		/* Last-Modified as sent */
	const uint8_t *data;	/* built-in body, or NULL with fd */
	int fd;
};

/* httpd.c */
void httpd_date(time_t t, char out[32]);	/* IMF-fixdate */
void httpd_update_date(struct httpd *h);	/* h->date for this second */
void httpd_log_note(struct httpd *h, struct conn *c, const char *what);
void httpd_log_request(struct httpd *h, struct conn *c, const struct httpreq *r, int status,
    uint64_t bytes);

/* respond.c: the output buffer, then the responses written into it */
void httpd_out_add(struct conn *c, const void *p, size_t n);
#define OUT_LIT(c, s) httpd_out_add((c), (s), sizeof(s) - 1)
int httpd_out_pending(const struct conn *c);
/* Sends what it can; returns -1 on a broken connection. */
int httpd_flush(struct httpd *h, struct conn *c);
void httpd_head_start(struct httpd *h, struct conn *c, int code);
void httpd_respond_error(struct httpd *h, struct conn *c, const struct httpreq *r, int code,
    int keep_alive, const char *extra);
void httpd_respond_entity(struct httpd *h, struct conn *c, const struct httpreq *r,
    struct entity *en);
/* Opens path under the --www root: 0 with en filled, or the status to answer. */
int httpd_www_open(struct httpd *h, const char *path, struct entity *en, char *etag, char *lm);

/* wsconn.c */
void httpd_respond_upgrade(struct httpd *h, struct conn *c, const struct httpreq *r);
void httpd_ws_frame(struct conn *c, int op, const uint8_t *p, size_t n);
/* The greeting Vite's dev server sends once the 101 has left, as a text frame. */
void httpd_ws_greet(struct conn *c);
/* Handles one complete frame from the input; returns 1 if one was consumed. */
int httpd_ws_process(struct httpd *h, struct conn *c);

#endif
