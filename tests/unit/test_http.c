/* test_http.c — HTTP parsers on hostile input, and HTTP over reassembled TCP end to
 * end: Info strings as tshark 4.0, split headers, Content-Length and chunked bodies,
 * pipelining, 100 Continue, HEAD, 304, escapes, and TUI revisits. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dissect/http.h"
#include "tcpstream.h"

#define S(x) (const uint8_t *)(x), strlen(x)

static void test_line_end(void **state)
{
	size_t next = 0;

	(void)state;
	assert_int_equal(http_line_end(S("GET / HTTP/1.1\r\nX"), 1, &next), 14);
	assert_int_equal(next, 16);
	assert_int_equal(http_line_end(S("bare LF\nX"), 1, &next), 7);	/* bare LF ends a line */
	assert_int_equal(next, 8);
	assert_int_equal(http_line_end(S("no end"), 1, &next), -1);
	assert_int_equal(http_line_end(S("cr at end\r"), 1, &next), -1);	/* LF may follow */
	assert_int_equal(http_line_end(S("no end"), 0, &next), 6);
	assert_int_equal(http_line_end((const uint8_t *)"a\0b\r\n", 5, 1, &next), 3);	/* NUL is data */
}

static void test_classify(void **state)
{
	size_t ml;
	struct http_first fl;

	(void)state;
	assert_int_equal(http_classify(S("GET / HTTP/1.1"), &ml), HTTP_REQUEST);
	assert_int_equal(ml, 3);
	assert_int_equal(http_classify(S("get / HTTP/1.1"), &ml), HTTP_OTHER);	/* case matters */
	assert_int_equal(http_classify(S("HTTP/1.1 200 OK"), &ml), HTTP_RESPONSE);
	assert_int_equal(http_classify(S("NOTIFY * HTTP/1.1"), &ml), HTTP_NOTIFICATION);
	assert_int_equal(http_classify(S("GETX / HTTP/1.1"), &ml), HTTP_OTHER);
	assert_int_equal(http_classify(S(""), &ml), HTTP_OTHER);

	http_split_first(S("GET /a?b=1 HTTP/1.1"), &fl);
	assert_int_equal(fl.tok2_off, 4);
	assert_int_equal(fl.tok2_len, 6);
	assert_int_equal(fl.rest_len, 8);
	http_split_first(S("GET  /x HTTP/1.1"), &fl);	/* two spaces: empty URI */
	assert_int_equal(fl.tok2_len, 0);
	assert_int_equal(fl.rest_len, 11);
	http_split_first(S("HTTP/1.1 304 Not Modified"), &fl);
	assert_int_equal(fl.code, 304);
	assert_int_equal(fl.rest_len, 12);
	http_split_first(S("HTTP/1.1 2"), &fl);	/* short code: no code */
	assert_int_equal(fl.code, -1);
	http_split_first(S("HTTP/1.1 2x0 Odd"), &fl);
	assert_int_equal(fl.code, 200);
}

static void test_framing(void **state)
{
	struct http_framing fr;
	int64_t v;

	(void)state;
	assert_int_equal(http_scan_framing(S("GET / HTTP/1.1\r\nHost: a\r\n"), &fr), 0);
	assert_int_equal(http_scan_framing(S("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), &fr), 1);
	assert_int_equal(fr.header_len, 27);
	assert_int_equal(http_scan_framing(S("GET / HTTP/1.1\nHost: a\n\nbody"), &fr), 1);	/* bare LF */
	assert_int_equal(fr.header_len, 24);
	/* duplicated Content-Length: the last one counts */
	assert_int_equal(http_scan_framing(S("POST / HTTP/1.1\r\nContent-Length: 5\r\ncontent-length: 7\r\n\r\n"), &fr), 1);
	assert_true(fr.have_cl);
	assert_int_equal(fr.cl, 7);
	/* absurd Content-Length: past 2^63 is not a number */
	assert_int_equal(http_scan_framing(S("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n"), &fr), 1);
	assert_false(fr.have_cl);
	assert_int_equal(http_scan_framing(S("HTTP/1.1 200 OK\r\nTransfer-Encoding:  chunked\r\nConnection: Keep-Alive\r\n\r\n"), &fr), 1);
	assert_true(fr.chunked);
	assert_true(fr.keepalive);
	/* obs-fold: the folded value is not "chunked" */
	assert_int_equal(http_scan_framing(S("POST / HTTP/1.1\r\nTransfer-Encoding:\r\n chunked\r\n\r\n"), &fr), 1);
	assert_false(fr.chunked);

	assert_int_equal(http_parse_cl(S(" 00000000000000000050 "), &v), 1);
	assert_int_equal(v, 50);
	assert_int_equal(http_parse_cl(S("-1"), &v), 0);
	assert_int_equal(http_parse_cl(S("18446744073709551615"), &v), 0);
	assert_int_equal(http_parse_cl(S("12abc"), &v), 0);
	assert_int_equal(http_parse_cl(S(""), &v), 0);
}

static void test_chunked(void **state)
{
	(void)state;
	assert_int_equal(http_chunked_len(S("5\r\nhello\r\n0\r\n\r\n")), 15);
	assert_int_equal(http_chunked_len(S("5;ext=1\r\nhello\r\n0\r\nX-T: 1\r\n\r\nNEXT")), 29);	/* trailers */
	assert_int_equal(http_chunked_len(S("5\r\nhel")), -1);
	assert_int_equal(http_chunked_len(S("0\r\nX-T: 1\r\n")), -1);
	assert_int_equal(http_chunked_len(S("10000000000000000\r\nx\r\n")), -2);	/* past 2^64 */
	assert_int_equal(http_chunked_len(S("100000000\r\n")), -2);	/* past 32 bits */
	assert_int_equal(http_chunked_len(S("zz\r\n")), -2);
	assert_int_equal(http_chunked_len(S("ffffffff\r\n")), -1);	/* valid, wants 4 GiB */
}

static void test_request_response(void **state)
{
	struct tstream s;
	uint32_t req, resp, f;
	char *labels;

	(void)state;
	ts_init(&s, 0);
	ts_handshake(&s);
	req = ts_str(&s, 0, "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: t\r\nAccept: */*\r\n\r\n");
	assert_string_equal(s.info[req], "GET / HTTP/1.1 ");
	assert_string_equal(s.proto[req], "HTTP");
	assert_string_equal(ts_field(&s, "http.request.full_uri"), "http://127.0.0.1:8080/");
	assert_string_equal(ts_field(&s, "http.host"), "127.0.0.1:8080");
	assert_string_equal(ts_field(&s, "http.request.line"), "Host: 127.0.0.1:8080\\r\\n,User-Agent: t\\r\\n,Accept: */*\\r\\n");
	assert_string_equal(ts_field(&s, "http.response_in"), "");	/* one pass */
	/* response split: headers complete in the first segment, body in the second */
	f = ts_str(&s, 1, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 15\r\n\r\n<p>");
	assert_string_equal(s.info[f], "HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]");
	assert_string_equal(s.proto[f], "TCP");
	resp = ts_str(&s, 1, "hi</p>\r\n\r\n\r\n");
	assert_int_not_equal(resp, 0);
	assert_string_equal(s.info[resp], "HTTP/1.1 200 OK  (text/html)");
	assert_string_equal(ts_field(&s, "http.request_in"), "4");
	assert_string_equal(ts_field(&s, "http.content_length"), "15");
	assert_string_equal(ts_field(&s, "tcp.segment"), "5,6");
	labels = ts_labels(s.tree);
	assert_non_null(strstr(labels, "[2 Reassembled TCP Segments (79 bytes): #5(67), #6(12)]"));
	assert_non_null(strstr(labels, "Line-based text data: text/html (3 lines)"));
	free(labels);
	ts_free(&s);
}

static void test_headers_byte_by_byte(void **state)
{
	struct tstream s;
	const char *msg = "GET /x HTTP/1.1\r\nHost: a\r\n\r\n";
	uint32_t last = 0;

	(void)state;
	ts_init(&s, 0);
	ts_handshake(&s);
	for (size_t i = 0; msg[i]; i++) {
		last = ts_send(&s, 0, 0x18, msg + i, 1);
		if (msg[i + 1])
			assert_non_null(strstr(s.info[last], "[TCP segment of a reassembled PDU]"));
	}
	assert_string_equal(s.info[last], "GET /x HTTP/1.1 ");
	assert_string_equal(ts_field(&s, "tcp.segment.count"), "28");
	ts_free(&s);
}

static void test_pipelined_and_special(void **state)
{
	struct tstream s;
	uint32_t f;

	(void)state;
	ts_init(&s, 0);
	ts_handshake(&s);
	f = ts_str(&s, 0, "GET /a HTTP/1.1\r\nHost: h\r\n\r\nHEAD /b HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_string_equal(s.info[f], "GET /a HTTP/1.1 HEAD /b HTTP/1.1 ");
	assert_string_equal(ts_field(&s, "http.request.method"), "GET,HEAD");
	/* HEAD: Content-Length without a body; then 304 without one either */
	f = ts_str(&s, 1, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
	assert_string_equal(s.info[f], "HTTP/1.1 200 OK ");
	f = ts_str(&s, 1, "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n");
	assert_string_equal(s.info[f], "HTTP/1.1 304 Not Modified ");
	/* 100 Continue, then the final response with a chunked body and trailers */
	ts_str(&s, 0, "POST /c HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nExpect: 100-continue\r\n\r\n");
	f = ts_str(&s, 1, "HTTP/1.1 100 Continue\r\n\r\n");
	assert_string_equal(s.info[f], "HTTP/1.1 100 Continue ");
	f = ts_str(&s, 1, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n4\r\nab");
	assert_non_null(strstr(s.info[f], "[TCP segment of a reassembled PDU]"));
	f = ts_str(&s, 1, "cd\r\n0\r\nX-Trailer: 1\r\n\r\n");
	assert_string_equal(s.info[f], "HTTP/1.1 200 OK  (text/plain)");
	assert_string_equal(ts_field(&s, "http.chunked_trailer_part"), "X-Trailer: 1");
	/* chunk size past 2^64: malformed, no crash */
	f = ts_str(&s, 1, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\nx\r\n0\r\n\r\n");
	assert_non_null(strstr(s.info[f], "[Malformed Packet]"));
	ts_free(&s);
}

static void test_hostile_headers(void **state)
{
	struct tstream s;
	uint32_t f;
	char *labels;
	static const char msg[] = "GET / HTTP/1.1\r\nX-Evil: \033]0;x\a\r\nHost: a\0b\r\n"
	    "Content-Length: 3\r\nContent-Length: 99999999999999999999\r\n\r\nabc";

	(void)state;
	ts_init(&s, 0);
	ts_handshake(&s);
	f = ts_send(&s, 0, 0x18, msg, sizeof(msg) - 1);
	/* as tshark: the bad second Content-Length voids the first for the body, and
	 * "abc" (no line end) waits for more */
	assert_string_equal(s.info[f], "GET / HTTP/1.1 ");
	labels = ts_labels(s.tree);
	assert_null(strchr(labels, '\033'));
	assert_null(strchr(labels, '\a'));
	assert_non_null(strstr(labels, "X-Evil: \\033]0;x\\a\\r\\n"));	/* as tshark escapes */
	free(labels);
	assert_null(strchr(ts_field(&s, "http.request.line"), '\033'));
	assert_string_equal(ts_field(&s, "http.content_length"), "3");
	/* a first line as Info with an escape: escaped too */
	f = ts_str(&s, 0, "GET /\033[2J HTTP/1.1\r\n\r\n");
	assert_null(strchr(s.info[f], '\033'));
	ts_free(&s);
}

static void test_revisit(void **state)
{
	struct tstream s;
	char *first[16], *again;

	(void)state;
	ts_init(&s, 1);
	ts_handshake(&s);
	ts_str(&s, 0, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
	ts_str(&s, 1, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Type: text/plain\r\n\r\n12345");
	ts_str(&s, 1, "67890");
	/* the first pass results, then revisits in another order give the same trees */
	for (uint32_t i = 4; i <= s.n; i++) {
		ts_dissect(&s, i, 1);
		first[i] = ts_labels(s.tree);
	}
	for (uint32_t i = s.n; i >= 4; i--) {
		ts_dissect(&s, i, 1);
		again = ts_labels(s.tree);
		assert_string_equal(first[i], again);
		free(again);
	}
	ts_dissect(&s, 6, 1);
	assert_string_equal(s.pi.info, "HTTP/1.1 200 OK  (text/plain)");
	assert_string_equal(ts_field(&s, "tcp.segment"), "5,6");
	/* a revisit shows what one pass in capture order showed (batch mode, tshark
	 * without -2): no links to later frames */
	ts_dissect(&s, 5, 1);
	assert_string_equal(ts_field(&s, "tcp.reassembled_in"), "");
	ts_dissect(&s, 4, 1);
	assert_string_equal(ts_field(&s, "http.response_in"), "");
	for (uint32_t i = 4; i <= s.n; i++)
		free(first[i]);
	ts_free(&s);
}

static void test_memory_cap(void **state)
{
	struct tstream s;
	char big[2048];

	(void)state;
	ts_init(&s, 0);
	reasm_set_limits(s.sess->reasm, 4096, 8192);
	ts_handshake(&s);
	ts_str(&s, 1, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
	memset(big, 'x', sizeof(big));
	for (int i = 0; i < 10; i++)
		ts_send(&s, 1, 0x10, big, sizeof(big));
	assert_true(reasm_buffered(s.sess->reasm) <= 8192);
	ts_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_end),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_framing),
		cmocka_unit_test(test_chunked),
		cmocka_unit_test(test_request_response),
		cmocka_unit_test(test_headers_byte_by_byte),
		cmocka_unit_test(test_pipelined_and_special),
		cmocka_unit_test(test_hostile_headers),
		cmocka_unit_test(test_revisit),
		cmocka_unit_test(test_memory_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
