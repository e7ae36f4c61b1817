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
struct ipfrag;

/* State of protocols above TCP that have no analysis module of their own (tls.c,
 * ssh.c): created by the dissector on first use, released with `release` by
 * session_free(). */
enum { SESS_SLOT_TLS, SESS_SLOT_SSH, SESS_SLOT_GQUIC, SESS_SLOT_ICMP_ECHO, SESS_SLOT_DNS, SESS_SLOT_QUIC,
	SESS_SLOT_ARP, SESS_SLOT_HTTP_UDP, SESS_SLOT_FTP, SESS_SLOT_POP, SESS_SLOT_IMAP, SESS_SLOT_SMTP,
	SESS_SLOT_FTP_DATA, SESS_NSLOTS };
struct sess_slot {
	void *p;
	void (*release)(void *);
};

#define SESS_SCRATCH 4
struct session {
	int keep_results;
	/* frame_state: the log of every stream's changes, and revisit scratch copies */
	uint8_t *fs_log;
	size_t fs_len, fs_cap;
	struct {
		const struct frame_state *fs;
		uint32_t serial;
		void *buf;
		size_t cap;
	} fs_scratch[SESS_SCRATCH];
	unsigned fs_next;
	struct tcpconv *tcp;	/* dissect/tcp_conv.c */
	struct udpconv *udp;	/* dissect/udp_conv.c */
	struct reasm *reasm;	/* dissect/reasm.c (HTTP/WebSocket) */
	struct ipfrag *frag;	/* dissect/ipfrag.c: used even without analysis (dctx.frag) */
	struct sess_slot slot[SESS_NSLOTS];
};

struct session *session_new(int keep_results);
void session_free(struct session *s);
/* The state in slot `slot`, made zeroed (size bytes, released by `release`) on first use. */
void *session_slot(struct session *s, int slot, size_t size, void (*release)(void *));

/* The state a dissector keeps per stream and changes as frames go by (TLS version and
 * ChangeCipherSpec, SSH keys, HTTP's method and upgrade state …), replayed on revisits
 * so that a frame dissected again shows exactly what the first pass showed, whatever
 * was seen after it.
 *
 * The dissector embeds a struct frame_state in its per-stream struct, after the
 * `size` bytes of plain state to track, and reaches the struct only through
 * frame_state_get: in the first pass that returns `live` and, with keep_results, logs
 * the tracked bytes at the start of each frame in which they changed; on a revisit it
 * returns a scratch copy of the whole struct (`whole` bytes) whose tracked bytes are
 * as they were when this frame began, or NULL when the stream did not exist yet then.
 * The dissector changes whatever it gets, as in the first pass: on a revisit only the
 * scratch copy changes, until the next dissection of a frame (pinfo.serial).  The log
 * is one array of the session (no allocation per stream): 12 bytes a stream, and
 * 8 + size bytes a change (a stream's state starts all zero: no entry for that). */
struct frame_state {
	uint32_t created;		/* the frame of the first call (the state is all zero) */
	uint32_t last;			/* its newest log entry's offset + 1, 0 none */
	uint32_t logged_frame;		/* first pass: the last frame looked at */
};
struct dctx;
void *frame_state_get(struct frame_state *fs, const struct dctx *d, void *live, size_t size,
    size_t whole);

#endif
