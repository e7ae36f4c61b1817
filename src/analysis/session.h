/* session.h — the analysis state of one capture.
 *
 * One session per capture source: TCP conversations, UDP streams, reassembly.  The
 * dissectors reach their state through dctx->sess; each analysis module owns its
 * member here and its lines in session.c.  UI thread (or the batch loop) only.
 *
 * keep_results: the TUI revisits frames, so per-frame results of the first pass are
 * kept and reused (pinfo.visited); batch mode runs one pass and keeps nothing it does
 * not need.
 */
#ifndef NETLAB_SESSION_H
#define NETLAB_SESSION_H

#include <stdint.h>

struct tcpconv;
struct udpconv;
struct reasm;

/* State of protocols above TCP that have no analysis module of their own (tls.c,
 * ssh.c): created by the dissector on first use, released with `release` by
 * session_free(). */
enum { SESS_SLOT_TLS, SESS_SLOT_SSH, SESS_SLOT_GQUIC, SESS_SLOT_ICMP_ECHO, SESS_NSLOTS };
struct sess_slot {
	void *p;
	void (*release)(void *);
};

struct session {
	int keep_results;
	struct tcpconv *tcp;	/* analysis/tcp_conv.c */
	struct udpconv *udp;	/* analysis/udp_conv.c */
	struct reasm *reasm;	/* analysis/reasm.c (HTTP/WebSocket) */
	struct sess_slot slot[SESS_NSLOTS];
};

struct session *session_new(int keep_results);
void session_free(struct session *s);

#endif
