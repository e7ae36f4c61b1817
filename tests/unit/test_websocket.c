/* test_websocket.c — RFC 6455 frame headers (7/16/64-bit lengths, masks, hostile
 * lengths) and WebSocket after an HTTP 101 end to end: Info as tshark 4.0, frames
 * spanning segments, several frames per segment, close code and reason. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dissect/websocket.h"
#include "tcpstream.h"

static void test_header(void **state)
{
	struct ws_header h;
	static const uint8_t short_text[] = { 0x81, 0x85, 1, 2, 3, 4 };
	static const uint8_t len16[] = { 0x82, 126, 0x01, 0x00 };
	static const uint8_t len64[] = { 0x82, 127, 0, 0, 0, 1, 0, 0, 0, 5 };
	static const uint8_t huge[] = { 0x02, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 9, 9, 9, 9 };

	(void)state;
	assert_int_equal(websocket_parse_header(short_text, 1, &h), 0);
	assert_int_equal(websocket_parse_header(short_text, 5, &h), 0);	/* key cut */
	assert_int_equal(websocket_parse_header(short_text, 6, &h), 1);
	assert_int_equal(h.fin, 1);
	assert_int_equal(h.opcode, 1);
	assert_int_equal(h.mask, 1);
	assert_int_equal(h.payload_len, 5);
	assert_int_equal(h.header_len, 6);
	assert_int_equal(websocket_parse_header(len16, 4, &h), 1);
	assert_int_equal(h.payload_len, 256);
	assert_int_equal(websocket_frame_len(len16, 4), 260);
	assert_int_equal(websocket_frame_len(len16, 3), 0);
	assert_int_equal(websocket_parse_header(len64, 10, &h), 1);
	assert_int_equal(h.payload_len, 0x100000005ull);
	assert_int_equal(websocket_frame_len(len64, 10), 15);	/* 32-bit arithmetic, as tshark */
	assert_int_equal(websocket_parse_header(huge, sizeof(huge), &h), 1);
	assert_true(h.payload_len == UINT64_MAX);
	assert_int_equal(h.rsv, 0);
	assert_int_equal(h.fin, 0);
}

static void test_unmask(void **state)
{
	uint8_t p[] = { 'H' ^ 1, 'i' ^ 2, '!' ^ 3, '!' ^ 4, '?' ^ 1 };
	static const uint8_t key[4] = { 1, 2, 3, 4 };

	(void)state;
	websocket_unmask(p, sizeof(p), key, 0);
	assert_memory_equal(p, "Hi!!?", 5);
}

static void upgrade(struct tstream *s)
{
	ts_handshake(s);
	ts_str(s, 0, "GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
}

static void test_after_upgrade(void **state)
{
	struct tstream s;
	uint32_t f;
	static const uint8_t masked[] = { 0x81, 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2 };
	static const uint8_t two[] = { 0x89, 0x00, 0x8a, 0x00 };
	static const uint8_t close_[] = { 0x88, 0x06, 0x03, 0xe8, 'b', 'y', 'e', '!' };
	static const uint8_t frag1[] = { 0x01, 0x03, 'a', 'b', 'c' };
	static const uint8_t frag2[] = { 0x80, 0x02, 'd', 'e' };
	uint8_t big[4 + 300];

	(void)state;
	ts_init(&s, 0);
	upgrade(&s);
	f = ts_str(&s, 1, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
	    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n\x81\x05hello");
	assert_string_equal(s.info[f], "HTTP/1.1 101 Switching Protocols WebSocket Text [FIN] ");
	assert_string_equal(s.proto[f], "WebSocket");
	assert_string_equal(ts_field(&s, "http.sec_websocket_accept"), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	assert_string_equal(ts_field(&s, "websocket.payload.text"), "hello");
	f = ts_send(&s, 0, 0x18, masked, sizeof(masked));
	assert_string_equal(s.info[f], "WebSocket Text [FIN] [MASKED]");
	assert_string_equal(ts_field(&s, "websocket.payload.text"), "hi");
	assert_string_equal(ts_field(&s, "websocket.masking_key"), "01020304");
	assert_string_equal(ts_field(&s, "websocket.mask"), "1");
	/* two frames in one segment: the last one's Info */
	f = ts_send(&s, 1, 0x18, two, sizeof(two));
	assert_string_equal(s.info[f], "WebSocket Pong [FIN] ");
	assert_string_equal(ts_field(&s, "websocket.opcode"), "9,10");
	/* a 16-bit length frame spanning two segments */
	big[0] = 0x82, big[1] = 126, big[2] = 0x01, big[3] = 0x2c;
	memset(big + 4, 'z', 300);
	f = ts_send(&s, 1, 0x10, big, 100);
	assert_string_equal(s.proto[f], "TCP");
	f = ts_send(&s, 1, 0x18, big + 100, sizeof(big) - 100);
	assert_string_equal(s.info[f], "WebSocket Binary [FIN] ");
	assert_string_equal(ts_field(&s, "websocket.payload_length_ext_16"), "300");
	/* continuation */
	ts_send(&s, 1, 0x18, frag1, sizeof(frag1));
	f = ts_send(&s, 1, 0x18, frag2, sizeof(frag2));
	assert_string_equal(s.info[f], "WebSocket Continuation [FIN] ");
	/* close with code and reason */
	f = ts_send(&s, 1, 0x18, close_, sizeof(close_));
	assert_string_equal(s.info[f], "WebSocket Connection Close [FIN] ");
	assert_string_equal(ts_field(&s, "websocket.payload.close.status_code"), "1000");
	assert_string_equal(ts_field(&s, "websocket.payload.close.reason"), "bye!");
	ts_free(&s);
}

static void test_hostile_lengths(void **state)
{
	struct tstream s;
	static const uint8_t huge[] = { 0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xf0,
	    1, 2, 3, 4, 'x' };
	uint32_t f;

	(void)state;
	ts_init(&s, 0);
	upgrade(&s);
	ts_str(&s, 1, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
	f = ts_send(&s, 0, 0x18, huge, sizeof(huge));	/* waits for bytes that never come */
	assert_string_equal(s.proto[f], "TCP");
	f = ts_send(&s, 0, 0x18, "\x81", 1);
	assert_non_null(s.info[f]);
	ts_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_unmask),
		cmocka_unit_test(test_after_upgrade),
		cmocka_unit_test(test_hostile_lengths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
