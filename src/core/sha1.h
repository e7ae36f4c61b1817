/* sha1.h — SHA-1 (RFC 3174), for the WebSocket handshake only.
 *
 * SHA-1 is broken for collision resistance; RFC 6455 uses it only to prove the server
 * read the handshake, which is all it is used for here.  Also base64 (RFC 4648), which
 * the handshake needs next to it.
 */
#ifndef NETLAB_SHA1_H
#define NETLAB_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define SHA1_LEN 20

struct sha1_ctx {
	uint32_t h[5];
	uint64_t len;		/* bytes hashed so far */
	uint8_t buf[64];
	size_t nbuf;
};

void sha1_init(struct sha1_ctx *c);
void sha1_update(struct sha1_ctx *c, const void *data, size_t len);
void sha1_final(struct sha1_ctx *c, uint8_t out[SHA1_LEN]);
void sha1(const void *data, size_t len, uint8_t out[SHA1_LEN]);

/* Writes the base64 of src (with '=' padding) and a NUL into dst, which must hold
 * 4 * ((len + 2) / 3) + 1 bytes; returns the length written without the NUL. */
size_t base64_encode(char *dst, const uint8_t *src, size_t len);

#endif
