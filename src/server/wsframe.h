/* wsframe.h — WebSocket wire format (RFC 6455) for the built-in server: frame headers
 * in and out, close codes and the incremental UTF-8 check of text messages.
 *
 * No connection state here: httpd.c owns the connections and calls these on its buffers.
 */
#ifndef NETLAB_WSFRAME_H
#define NETLAB_WSFRAME_H

#include <stddef.h>
#include <stdint.h>

/* A text message's UTF-8 check so far; all zero at the start of a message. */
struct wsframe_utf8 {
	uint8_t need, lo, hi;
};

/* Checks p[0..n) as the continuation of the text in st; returns -1 at the first byte
 * that cannot be UTF-8 (whatever follows), 0 otherwise.  st->need > 0 afterwards means
 * a character is still unfinished. */
int wsframe_utf8_feed(struct wsframe_utf8 *st, const uint8_t *p, size_t n);

/* May a peer send this close code (RFC 6455 7.4.1, 7.4.2 and the IANA registry)? */
int wsframe_close_code_ok(unsigned code);

/* A client frame's header. */
struct wsframe_in {
	int fin, op;
	uint64_t len;			/* payload length */
	size_t hl;			/* header length before the 4-byte mask */
};

/* Parses the client frame header at p[0..avail): 0 when the header, mask and payload
 * are all there, -1 when more bytes are needed, or the close code to fail the
 * connection with (1002 protocol error, 1009 payload over max). */
int wsframe_parse(const uint8_t *p, size_t avail, uint64_t max, struct wsframe_in *f);

/* Writes a server frame header (FIN set, unmasked) for an n-byte payload with opcode
 * op into hd; returns its length. */
size_t wsframe_header(uint8_t hd[10], int op, size_t n);

#endif
