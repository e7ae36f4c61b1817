/* textline.h — what the line-based text protocols over TCP (FTP, POP, IMAP) share:
 * Wireshark's line splitting (tvb_find_line_end without desegmentation), its
 * token splitting (get_token_len) and the ASCII string encoding of their fields.
 * Bytes are read through the cursor only; strings are stored raw or as kept copies
 * in the tree and escaped when shown (core/strvis.h).
 */
#ifndef NETLAB_TEXTLINE_H
#define NETLAB_TEXTLINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/cursor.h"
#include "dissect/dissect.h"
#include "dissect/session.h"
#include "dissect/tree.h"

/* ---- per-stream state, one session slot per protocol ----
 *
 * Not reasm_conv: that is one object per stream whatever the protocol, and a stream
 * these protocols leave alone (POP message data) goes on to the HTTP heuristic, which
 * keeps its own state there. */
struct textline_streams {
	void **v;
	size_t n, cap;
};

static inline void textline_streams_release(void *p)
{
	struct textline_streams *s = p;

	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	free(s);
}

/* The state (size bytes, zeroed at first) of a stream as this frame sees it: the
 * struct holds a struct frame_state at fs_off, and the bytes before it are tracked
 * (frame_state_get); NULL on a revisit of a frame before the stream's first.  d->sess
 * must be set. */
static inline void *textline_conv(struct dctx *d, int slot, uint32_t stream, size_t size, size_t fs_off)
{
	struct textline_streams *s = session_slot(d->sess, slot, sizeof(*s), textline_streams_release);

	if (stream >= s->n) {
		s->v = xgrow(s->v, &s->cap, (size_t)stream + 1, sizeof(*s->v));
		memset(s->v + s->n, 0, ((size_t)stream + 1 - s->n) * sizeof(*s->v));
		s->n = (size_t)stream + 1;
	}
	if (!s->v[stream])
		s->v[stream] = xcalloc(1, size);
	return frame_state_get((struct frame_state *)((char *)s->v[stream] + fs_off), d, s->v[stream],
	    fs_off, size);
}

/* The line starting at offset `at` of c: its length without the end of line; *next is
 * the offset after the end of line (a CR LF, a lone CR or LF), or the end of c when
 * the line has none. */
static inline size_t textline_end(const struct cur *c, size_t at, size_t *next)
{
	size_t n = cur_left(c), i;

	for (i = at; i < n; i++) {
		uint8_t ch = cur_peek(c, i);
		if (ch == '\n') {
			*next = i + 1;
			return i - at;
		}
		if (ch == '\r') {
			*next = i + 1 < n && cur_peek(c, i + 1) == '\n' ? i + 2 : i + 1;
			return i - at;
		}
	}
	*next = n;
	return n - at;
}

/* textline_end with desegmentation (IMAP, SMTP): -1 when the line has no end in c yet,
 * a CR at the very end included (an LF may follow in the next segment). */
static inline long textline_end_deseg(const struct cur *c, size_t at, size_t *next)
{
	size_t n = cur_left(c), len = textline_end(c, at, next);

	if (*next == n && (at + len == n || (*next == at + len + 1 && cur_peek(c, at + len) == '\r')))
		return -1;
	return (long)len;
}

/* The first token of the len bytes at `at` (up to a blank, CR or LF) and, in *next,
 * the offset of what follows it after the blanks (get_token_len). */
static inline size_t textline_token(const struct cur *c, size_t at, size_t len, size_t *next)
{
	size_t i = at, end = at + len;

	while (i < end && cur_peek(c, i) != ' ' && cur_peek(c, i) != '\r' && cur_peek(c, i) != '\n')
		i++;
	size_t tok = i - at;
	while (i < end && cur_peek(c, i) == ' ')
		i++;
	*next = i;
	return tok;
}

/* The len bytes at `at` as Wireshark's ENC_ASCII string: bytes above 0x7f become
 * U+FFFD.  Returns bytes kept in the tree (NULL without a tree) and their count. */
static inline const uint8_t *textline_ascii(struct dtree *t, const struct cur *c, size_t at,
    size_t len, uint32_t *outlen)
{
	uint32_t n = 0;
	uint8_t *s;

	*outlen = 0;
	if (!t)
		return NULL;
	s = tree_alloc(t, (uint32_t)len * 3 + 1);
	for (size_t i = 0; i < len; i++) {
		uint8_t ch = cur_peek(c, at + i);
		if (ch >= 0x80) {
			memcpy(s + n, "\xef\xbf\xbd", 3);
			n += 3;
		} else
			s[n++] = ch;
	}
	*outlen = n;
	return s;
}

/* Is c one or more whole lines of printable ASCII (a command or reply in the clear,
 * not a TLS record)? */
static inline int textline_looks_plain(const struct cur *c)
{
	size_t n = cur_left(c);

	if (!n || cur_peek(c, n - 1) != '\n')
		return 0;
	for (size_t i = 0; i < n; i++) {
		uint8_t ch = cur_peek(c, i);
		if ((ch < 0x20 || ch >= 0x7f) && ch != '\r' && ch != '\n' && ch != '\t')
			return 0;
	}
	return 1;
}

#endif
