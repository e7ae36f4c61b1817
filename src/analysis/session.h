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

#include <stddef.h>
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

/* The state a dissector keeps per stream and changes as frames go by (TLS version and
 * ChangeCipherSpec, SSH keys …), replayed on revisits so that a frame dissected again
 * shows exactly what the first pass showed, whatever was seen after it.
 *
 * The dissector embeds a struct frame_state in its per-stream struct, after the
 * `size` bytes of plain state to track, and reaches the struct only through
 * frame_state_get: in the first pass that returns `live` and, with keep_results, logs
 * the tracked bytes at the start of each frame in which they changed; on a revisit it
 * returns a scratch copy of the whole struct (`whole` bytes) whose tracked bytes are
 * as they were when this frame began, or NULL when the stream did not exist yet then.
 * The dissector changes whatever it gets, as in the first pass: on a revisit only the
 * scratch copy changes, until the next dissection of a frame (pinfo.serial). */
struct frame_state {
	uint8_t *log;			/* entries: uint32 frame, then the tracked bytes */
	size_t n, cap;			/* entries, bytes */
	uint32_t logged_frame;		/* first pass: the last frame looked at */
	uint32_t serial;		/* revisit: the dissection the scratch belongs to */
	void *scratch;
};
struct dctx;
void *frame_state_get(struct frame_state *fs, const struct dctx *d, void *live, size_t size,
    size_t whole);
void frame_state_free(struct frame_state *fs);

#endif
