/* fuzz_http.c — HTTP over reassembled TCP on arbitrary bytes: the parsers directly,
 * then the input cut into client/server segments (the cut points come from the
 * input) and dissected through a session twice (first pass and TUI revisits). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dissect/http.h"
#include "../unit/tcpstream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tstream *s = calloc(1, sizeof(*s));
	uint8_t *copy = malloc(size ? size : 1);
	struct http_framing fr;
	struct http_first fl;
	size_t next, ml, off = 0;
	int64_t v;

	memcpy(copy, data, size);
	(void)http_line_end(copy, size, 1, &next);
	(void)http_classify(copy, size, &ml);
	http_split_first(copy, size, &fl);
	(void)http_scan_framing(copy, size, &fr);
	(void)http_chunked_len(copy, size);
	(void)http_parse_cl(copy, size, &v);

	ts_init(s, 1);
	ts_handshake(s);
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
