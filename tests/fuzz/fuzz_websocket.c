/* fuzz_websocket.c — WebSocket after an HTTP upgrade on arbitrary bytes: the frame parser directly,
 * then the input cut into client/server segments (the cut points come from the
 * input) and dissected through a session twice (first pass and TUI revisits). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dissect/websocket.h"
#include "../unit/tcpstream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tstream *s = calloc(1, sizeof(*s));
	uint8_t *copy = malloc(size ? size : 1);
	struct ws_header h;
	size_t off = 0;

	memcpy(copy, data, size);
	(void)websocket_parse_header(copy, size, &h);
	(void)websocket_frame_len(copy, size);
	websocket_unmask(copy, size > 16 ? 16 : size, (const uint8_t *)"abcd", 3);
	memcpy(copy, data, size);

	ts_init(s, 1);
	ts_handshake(s);
	ts_send(s, 0, 0x18, "GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n", 38);
	ts_send(s, 1, 0x18, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", 56);
	/* segments: 1 byte of header (length 1..64, direction), then the bytes */
	while (off < size && s->n < TS_MAX_FRAMES - 1) {
		uint8_t c = copy[off++];
		size_t n = (size_t)(c & 0x3f) + 1;
		if (n > size - off)
			n = size - off;
		ts_send(s, c >> 7, (c & 0x40) ? 0x19 : 0x18, copy + off, n);
		off += n;
	}
	for (uint32_t i = s->n; i >= 1; i--)
		ts_dissect(s, i, 1);
	ts_free(s);
	free(s);
	free(copy);
	return 0;
}
