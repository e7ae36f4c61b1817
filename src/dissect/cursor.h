/* cursor.h — bounds-checked reader over untrusted packet bytes.
 *
 * Every packet byte is read through a struct cur.  Getters past the end return 0,
 * leave the position at the end and set the sticky `err` flag; the caller checks
 * cur_ok() once after a group of reads (tcpdump's GET_BE_U_2 / ND_TCHECK idea, without
 * longjmp).  A layer hands its payload to the next one as a sub-cursor clipped to the
 * length its header declares (cur_sub), so inner layers never read padding.
 */
#ifndef NETLAB_CURSOR_H
#define NETLAB_CURSOR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct cur {
	const uint8_t *base;	/* start of the data source (offsets are relative to it) */
	const uint8_t *p;
	const uint8_t *end;
	int err;		/* sticky: a read went past `end` */
};

static inline struct cur cur_make(const uint8_t *data, size_t len)
{
	struct cur c = { data, data, data + len, 0 };
	return c;
}

static inline size_t cur_left(const struct cur *c) { return (size_t)(c->end - c->p); }
static inline uint32_t cur_off(const struct cur *c) { return (uint32_t)(c->p - c->base); }
static inline int cur_ok(const struct cur *c) { return !c->err; }
static inline int cur_has(const struct cur *c, size_t n) { return cur_left(c) >= n; }

static inline int cur_need(struct cur *c, size_t n)
{
	if (cur_left(c) < n) {
		c->p = c->end;
		c->err = 1;
		return 0;
	}
	return 1;
}

static inline uint8_t cur_u8(struct cur *c)
{
	if (!cur_need(c, 1))
		return 0;
	return *c->p++;
}

static inline uint16_t cur_be16(struct cur *c)
{
	if (!cur_need(c, 2))
		return 0;
	uint16_t v = (uint16_t)(c->p[0] << 8 | c->p[1]);
	c->p += 2;
	return v;
}

static inline uint16_t cur_le16(struct cur *c)
{
	if (!cur_need(c, 2))
		return 0;
	uint16_t v = (uint16_t)(c->p[1] << 8 | c->p[0]);
	c->p += 2;
	return v;
}

static inline uint32_t cur_be24(struct cur *c)
{
	if (!cur_need(c, 3))
		return 0;
	uint32_t v = (uint32_t)c->p[0] << 16 | (uint32_t)c->p[1] << 8 | c->p[2];
	c->p += 3;
	return v;
}

static inline uint32_t cur_be32(struct cur *c)
{
	if (!cur_need(c, 4))
		return 0;
	uint32_t v = (uint32_t)c->p[0] << 24 | (uint32_t)c->p[1] << 16 |
	    (uint32_t)c->p[2] << 8 | c->p[3];
	c->p += 4;
	return v;
}

static inline uint32_t cur_le32(struct cur *c)
{
	if (!cur_need(c, 4))
		return 0;
	uint32_t v = (uint32_t)c->p[3] << 24 | (uint32_t)c->p[2] << 16 |
	    (uint32_t)c->p[1] << 8 | c->p[0];
	c->p += 4;
	return v;
}

static inline uint64_t cur_be64(struct cur *c)
{
	uint64_t hi = cur_be32(c);
	return hi << 32 | cur_be32(c);
}

static inline uint64_t cur_le64(struct cur *c)
{
	uint64_t lo = cur_le32(c);
	return (uint64_t)cur_le32(c) << 32 | lo;
}

/* In the byte order the data declares (be: big endian), as pcapng options. */
static inline uint16_t cur_e16(struct cur *c, int be) { return be ? cur_be16(c) : cur_le16(c); }
static inline uint32_t cur_e32(struct cur *c, int be) { return be ? cur_be32(c) : cur_le32(c); }
static inline uint64_t cur_e64(struct cur *c, int be) { return be ? cur_be64(c) : cur_le64(c); }

/* Copies n bytes into dst (zero-filled past the end). */
static inline void cur_bytes(struct cur *c, void *dst, size_t n)
{
	if (!cur_need(c, n)) {
		memset(dst, 0, n);
		return;
	}
	memcpy(dst, c->p, n);
	c->p += n;
}

/* Pointer to the next n bytes, or NULL (and err) when fewer remain. */
static inline const uint8_t *cur_ptr(struct cur *c, size_t n)
{
	if (!cur_need(c, n))
		return NULL;
	const uint8_t *r = c->p;
	c->p += n;
	return r;
}

static inline void cur_skip(struct cur *c, size_t n) { (void)cur_ptr(c, n); }

/* Byte at p + i without moving; 0 when out of range (does not set err). */
static inline uint8_t cur_peek(const struct cur *c, size_t i)
{
	return i < cur_left(c) ? c->p[i] : 0;
}

/* Random access without moving: the big-endian value at p + off, 0 when any of its
 * bytes lies past the end (does not set err).  For fields read out of order and for
 * offsets taken from the packet (DNS compression pointers). */
static inline uint16_t cur_peek_be16(const struct cur *c, size_t off)
{
	if (off > cur_left(c) || cur_left(c) - off < 2)
		return 0;
	return (uint16_t)(c->p[off] << 8 | c->p[off + 1]);
}

static inline uint32_t cur_peek_be24(const struct cur *c, size_t off)
{
	if (off > cur_left(c) || cur_left(c) - off < 3)
		return 0;
	return (uint32_t)c->p[off] << 16 | (uint32_t)c->p[off + 1] << 8 | c->p[off + 2];
}

static inline uint32_t cur_peek_be32(const struct cur *c, size_t off)
{
	if (off > cur_left(c) || cur_left(c) - off < 4)
		return 0;
	return (uint32_t)c->p[off] << 24 | (uint32_t)c->p[off + 1] << 16 |
	    (uint32_t)c->p[off + 2] << 8 | c->p[off + 3];
}

/* An n-byte (n <= 8) unsigned integer, big- or little-endian (tvb_get_uint64_with_length). */
static inline uint64_t cur_uint_n(struct cur *c, size_t n, int little)
{
	uint64_t v = 0;
	if (n > 8 || !cur_need(c, n))
		return 0;
	for (size_t i = 0; i < n; i++)
		v = little ? v | (uint64_t)c->p[i] << (8 * i) : v << 8 | c->p[i];
	c->p += n;
	return v;
}

/* Sub-cursor from p + off to the end, the parent not moved; empty with err set when off
 * is past the end.  Its base is the parent's, so cur_off() stays a frame offset. */
static inline struct cur cur_at(const struct cur *c, size_t off)
{
	struct cur s = *c;
	s.err = 0;
	if (off > cur_left(c)) {
		s.p = s.end;
		s.err = 1;
	} else {
		s.p += off;
	}
	return s;
}

/* Adds the remaining bytes as big-endian 16-bit words (an odd last byte as the high
 * half) to sum, the Internet checksum's one's-complement accumulation (RFC 1071),
 * without moving c.  Fold the result with cur_csum_fold(). */
static inline uint32_t cur_csum_add(uint32_t sum, const struct cur *c)
{
	size_t n = cur_left(c), i;
	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(c->p[i] << 8 | c->p[i + 1]);
	if (i < n)
		sum += (uint32_t)c->p[i] << 8;
	return sum;
}

static inline uint16_t cur_csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* A QUIC variable-length integer (RFC 9000 section 16): the top two bits of the
 * first byte give its length, 1, 2, 4 or 8 bytes. */
static inline uint64_t cur_quic_varint(struct cur *c)
{
	uint8_t b = cur_u8(c);
	uint64_t v = b & 0x3f;
	int n = (1 << (b >> 6)) - 1;

	for (int i = 0; i < n; i++)
		v = v << 8 | cur_u8(c);
	return v;
}

/* Sub-cursor over the next n bytes, clipped to what was captured; the parent is
 * not moved.  `*clipped` (may be NULL) tells whether fewer than n bytes exist. */
static inline struct cur cur_sub(const struct cur *c, size_t n, int *clipped)
{
	struct cur s = *c;
	s.err = 0;
	if (clipped)
		*clipped = n > cur_left(c);
	if (n < cur_left(c))
		s.end = c->p + n;
	return s;
}

/* The checksum a field at even offset off of c should hold: c's bytes summed with that
 * 16-bit field taken as zero, plus sum (a pseudo-header's), folded. */
static inline uint16_t cur_csum_field(uint32_t sum, const struct cur *c, size_t off)
{
	struct cur head = cur_sub(c, off, NULL), tail = cur_at(c, off + 2);
	return cur_csum_fold(cur_csum_add(cur_csum_add(sum, &head), &tail));
}

#endif
