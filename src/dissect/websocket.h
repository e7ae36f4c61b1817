/* websocket.h — RFC 6455 frames on a TCP stream after an HTTP upgrade.
 *
 * http.c hands every byte of an upgraded stream to websocket_pdu() (a reasm PDU
 * function).  The frame header parser works on plain bytes for tests and fuzzing.
 */
#ifndef NETLAB_WEBSOCKET_H
#define NETLAB_WEBSOCKET_H

#include <stddef.h>
#include <stdint.h>

#include "dissect/reasm.h"

/* Per-stream WebSocket state (inside http.c's stream state). */
struct ws_conv {
	int unused;
};
void websocket_conv_release(struct ws_conv *w);

struct ws_header {
	int fin, rsv, opcode, mask;
	uint8_t len7;			/* the 7-bit length field */
	uint64_t payload_len;		/* effective length (16/64-bit forms decoded) */
	uint8_t key[4];
	uint32_t header_len;		/* 2 .. 14 */
};

/* Parses a frame header: 1 when complete, 0 when more bytes are needed. */
int websocket_parse_header(const uint8_t *p, size_t n, struct ws_header *h);
/* Frame length as Wireshark computes it (32-bit arithmetic, header included);
 * 0 when the header is not complete yet. */
uint32_t websocket_frame_len(const uint8_t *p, size_t n);
/* Unmasks n bytes of payload in place; `pos` is the offset in the payload. */
void websocket_unmask(uint8_t *p, size_t n, const uint8_t key[4], uint64_t pos);

void websocket_pdu(struct dctx *d, struct cur *c, const struct reasm_pdu *p,
    struct reasm_need *need);

#endif
