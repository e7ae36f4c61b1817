/*
 * uncompress.h — a compressed body made whole, as Wireshark's tvb_uncompress makes it
 * (HTTP's Content-Encoding gzip and deflate): zlib data, gzip data (its header skipped,
 * the first member only) or raw deflate; a stream cut short gives what it decoded.
 */
#ifndef NETLAB_UNCOMPRESS_H
#define NETLAB_UNCOMPRESS_H

#include <stddef.h>
#include <stdint.h>

/* The uncompressed bytes (malloc'd, *out_len of them; a zero-length result is a valid
 * empty buffer) or NULL when nothing decodes.  Output stops at UNCOMPRESS_MAX. */
uint8_t *uncompress_body(const uint8_t *p, size_t n, size_t *out_len);

#define UNCOMPRESS_MAX (64u << 20)

#endif
