/* test_httpreq.c — the HTTP request head parser: valid heads, limits, malformed
 * input, percent-decoding, normalisation and traversal. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "server/httpreq.h"

static struct httpreq req;

static long parse(const char *s)
{
	return httpreq_parse(s, strlen(s), &req);
}

static void expect_status(const char *s, int status)
{
	assert_int_equal(parse(s), -1);
	assert_int_equal(req.status, status);
}

static void test_valid(void **state)
{
	const char *s = "GET /style.css HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
	    "User-Agent: Mozilla/5.0\r\nIf-None-Match: \"abc\"\r\n"
	    "If-Modified-Since: Mon, 05 Sep 2022 08:00:00 GMT\r\nRange: bytes=0-\r\n\r\n";

	assert_int_equal(parse(s), (long)strlen(s));
	assert_int_equal(req.method, HTTPREQ_GET);
	assert_int_equal(req.minor, 1);
	assert_string_equal(req.path, "/style.css");
	assert_true(req.has_host);
	assert_int_equal(req.host.n, 14);
	assert_memory_equal(req.host.p, "127.0.0.1:8080", 14);
	assert_memory_equal(req.if_none_match.p, "\"abc\"", 5);
	assert_memory_equal(req.range.p, "bytes=0-", 8);
	assert_int_equal(req.user_agent.n, 11);
	assert_true(req.keep_alive);

	assert_true(parse("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n") > 0);
	assert_int_equal(req.method, HTTPREQ_HEAD);
	assert_true(parse("DELETE /x HTTP/1.1\r\nHost: x\r\n\r\n") > 0);
	assert_int_equal(req.method, HTTPREQ_OTHER);
	assert_int_equal(req.method_str.n, 6);
}

static void test_incomplete(void **state)
{
	const char *s = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

	for (size_t i = 0; i < strlen(s); i++)
		assert_int_equal(httpreq_parse(s, i, &req), 0);
	assert_int_equal(parse(s), (long)strlen(s));
}

static void test_pipelined(void **state)
{
	const char *s = "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HT";
	long n = parse(s), m;

	assert_true(n > 0);
	assert_string_equal(req.path, "/a");
	m = httpreq_parse(s + n, strlen(s) - (size_t)n, &req);
	assert_true(m > 0);
	assert_string_equal(req.path, "/b");
	assert_int_equal(httpreq_parse(s + n + m, strlen(s) - (size_t)(n + m), &req), 0);
}

static void test_bare_lf_and_leading_crlf(void **state)
{
	const char *s = "\r\nGET /x HTTP/1.1\nHost: x\n\n";

	assert_int_equal(parse(s), (long)strlen(s));
	assert_string_equal(req.path, "/x");
	expect_status("GET / HTTP/1.1\rHost: x\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: x\rY: z\r\n\r\n", 400);
}

static void test_malformed(void **state)
{
	expect_status("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400);	/* obs-fold */
	expect_status("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nno colon\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\n: empty name\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400);
	expect_status("GET /\r\n\r\n", 400);				/* HTTP/0.9 */
	expect_status("GET / HTTP/1.1 \r\nHost: x\r\n\r\n", 400);
	expect_status("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400);
	expect_status("GET / HTTP/x.1\r\nHost: x\r\n\r\n", 400);
	expect_status("GET / http/1.1\r\nHost: x\r\n\r\n", 400);
	expect_status("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505);
	expect_status("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400);
	expect_status("GET x HTTP/1.1\r\nHost: x\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: a\001b\r\n\r\n", 400);
	assert_true(parse("GET / HTTP/1.1\r\nHost: x\r\nX-Tab: a\tb\r\n\r\n") > 0);
}

static void test_host_and_keepalive(void **state)
{
	expect_status("GET / HTTP/1.1\r\n\r\n", 400);
	assert_true(parse("GET / HTTP/1.0\r\n\r\n") > 0);
	assert_false(req.keep_alive);
	assert_true(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") > 0);
	assert_true(req.keep_alive);
	assert_true(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\n\r\n") > 0);
	assert_false(req.keep_alive);
	assert_true(parse("GET /ws HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Upgrade\r\n"
	    "Upgrade: websocket\r\n\r\n") > 0);
	assert_true(req.conn_upgrade);
	assert_true(req.keep_alive);
}

static void test_limits(void **state)
{
	size_t n = HTTPREQ_LINE_MAX + 100;
	char *s = malloc(HTTPREQ_HEAD_MAX + 200);

	/* long request line, complete or not */
	memcpy(s, "GET /", 5);
	memset(s + 5, 'a', n);
	s[5 + n] = '\0';
	expect_status(s, 414);
	strcpy(s + 5 + n, " HTTP/1.1\r\nHost: x\r\n\r\n");
	expect_status(s, 414);
	/* exactly at the limit is fine */
	memset(s + 5, 'a', HTTPREQ_LINE_MAX - 5 - 9);
	strcpy(s + HTTPREQ_LINE_MAX - 9, " HTTP/1.1\r\nHost: x\r\n\r\n");
	assert_true(parse(s) > 0);

	/* a header section over the limit */
	strcpy(s, "GET / HTTP/1.1\r\nHost: x\r\n");
	for (size_t k = strlen(s); k < HTTPREQ_FIELDS_MAX + 100; k = strlen(s))
		strcat(s, "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
	expect_status(s, 431);
	strcat(s, "\r\n");
	expect_status(s, 431);
	free(s);
}

static void path_ok(const char *target, const char *want)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", target);
	assert_true(parse(buf) > 0);
	assert_string_equal(req.path, want);
	assert_int_equal(req.path_len, strlen(want));
}

static void path_bad(const char *target)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", target);
	expect_status(buf, 400);
}

static void test_paths(void **state)
{
	path_ok("/", "/");
	path_ok("/index.html?x=1#y", "/index.html");
	path_ok("/a%20b.txt", "/a b.txt");
	path_ok("/%E4%BD%A0", "/\xe4\xbd\xa0");
	path_ok("//a///b", "/a/b");
	path_ok("/a/./b/", "/a/b/");
	path_ok("/a/b/../c", "/a/c");
	path_ok("/a/..", "/");
	path_ok("/a/b/..", "/a/");
	path_ok("/a/.", "/a/");
	path_ok("/.", "/");
	path_ok("/..a/b..", "/..a/b..");
	path_ok("http://example.org/x/y?q", "/x/y");
	path_ok("http://example.org", "/");
	path_ok("/?only=query", "/");
	/* double encoding decodes once only: a literal "%2e%2e" segment, not ".." */
	path_ok("/%252e%252e/etc/passwd", "/%2e%2e/etc/passwd");
	path_ok("/a%2fb", "/a/b");
	path_ok("/a%5c..%5cb", "/a\\..\\b");
}

static void test_traversal(void **state)
{
	path_bad("/../etc/passwd");
	path_bad("/..");
	path_bad("/a/../../etc/passwd");
	path_bad("/%2e%2e/etc/passwd");
	path_bad("/%2E%2E%2Fetc%2Fpasswd");
	path_bad("/a/%2e%2e/%2e%2e/x");
	path_bad("/.%2e/x");
	path_bad("/x%2f..%2f..%2fy");
}

static void test_nul_and_controls(void **state)
{
	path_bad("/a%00.html");
	path_bad("/a%0d%0aSet-Cookie:x");
	path_bad("/a%1b[31m");
	path_bad("/a%7f");
	path_bad("/a%");
	path_bad("/a%2");
	path_bad("/a%zz");
	expect_status("GET /a\001 HTTP/1.1\r\nHost: x\r\n\r\n", 400);
	{
		static const char s[] = "GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n";
		assert_int_equal(httpreq_parse(s, sizeof(s) - 1, &req), -1);
		assert_int_equal(req.status, 400);
	}
}

static void test_tokens(void **state)
{
	struct httpreq_str l = { "keep-alive , Upgrade", 20 };

	assert_true(httpreq_has_token(l, "upgrade"));
	assert_true(httpreq_has_token(l, "keep-alive"));
	assert_false(httpreq_has_token(l, "close"));
	assert_false(httpreq_has_token(l, "keep"));
}

/* 784111777 = Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110 5.6.7's example) */
#define EXAMPLE_T 784111777
#define NOW_2026 1796601600	/* 2026-12-07 */

static int date(const char *s, time_t *t)
{
	return httpreq_date(s, strlen(s), NOW_2026, t);
}

static void test_date_forms(void **state)
{
	time_t t = 0;

	assert_int_equal(date("Sun, 06 Nov 1994 08:49:37 GMT", &t), 0);
	assert_int_equal((long long)t, EXAMPLE_T);
	t = 0;
	assert_int_equal(date("Sunday, 06-Nov-94 08:49:37 GMT", &t), 0);
	assert_int_equal((long long)t, EXAMPLE_T);
	t = 0;
	assert_int_equal(date("Sun Nov  6 08:49:37 1994", &t), 0);
	assert_int_equal((long long)t, EXAMPLE_T);
	assert_int_equal(date("Sun Nov 16 08:49:37 1994", &t), 0);
	assert_int_equal((long long)t, EXAMPLE_T + 10 * 86400);
	assert_int_equal(date("Thu, 01 Jan 1970 00:00:00 GMT", &t), 0);
	assert_int_equal((long long)t, 0);
	assert_int_equal(date("Tue, 29 Feb 2000 23:59:59 GMT", &t), 0);
	assert_int_equal((long long)t, 951868799);
	assert_int_equal(date("Sat, 31 Dec 2016 23:59:60 GMT", &t), 0);	/* leap second */
	assert_int_equal(date("Fri, 31 Dec 9999 23:59:59 GMT", &t), 0);
	assert_int_equal((long long)t, 253402300799LL);
}

static void test_date_two_digit_year(void **state)
{
	time_t t = 0;

	/* RFC 9110 5.6.7: more than 50 years ahead of now means the previous century */
	assert_int_equal(date("Wednesday, 01-Jan-76 00:00:00 GMT", &t), 0);
	assert_int_equal((long long)t, 3345062400LL);		/* 2076 */
	assert_int_equal(date("Saturday, 01-Jan-77 00:00:00 GMT", &t), 0);
	assert_int_equal((long long)t, 220924800);		/* 1977 */
	assert_int_equal(date("Saturday, 01-Jan-00 00:00:00 GMT", &t), 0);
	assert_int_equal((long long)t, 946684800);		/* 2000 */
}

static void test_date_invalid(void **state)
{
	static const char *const bad[] = {
		"",
		"Sun, 06 Nov 1994 08:49:37",		/* no GMT (issue 15 item 12) */
		"Sun, 06 Nov 1994 08:49:37 UTC",
		"Sun, 06 Nov 1994 08:49:37 gmt",
		"Sun, 06 Nov 1994 08:49:37 GMT ",
		" Sun, 06 Nov 1994 08:49:37 GMT",
		"Sun, 06 Nov 1994 08:49:37 GMTX",
		"Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT",
		"Sun, 6 Nov 1994 08:49:37 GMT",
		"Sun, 06 nov 1994 08:49:37 GMT",
		"sun, 06 Nov 1994 08:49:37 GMT",
		"Sun, 06 Nov 94 08:49:37 GMT",
		"Sun, 06 Nov 1994 8:49:37 GMT",
		"Sun, 06 Nov 1994 08:49 GMT",
		"Sun, 32 Nov 1994 08:49:37 GMT",
		"Sun, 31 Nov 1994 08:49:37 GMT",
		"Sun, 00 Nov 1994 08:49:37 GMT",
		"Sun, 29 Feb 1900 08:49:37 GMT",
		"Sun, 06 Nov 1994 24:00:00 GMT",
		"Sun, 06 Nov 1994 08:60:00 GMT",
		"Sun, 06 Nov 1994 08:49:61 GMT",
		"Sun, 06 Xyz 1994 08:49:37 GMT",
		"Sunday, 06 Nov 1994 08:49:37 GMT",
		"Sun, 06-Nov-94 08:49:37 GMT",
		"Sunday, 06-Nov-1994 08:49:37 GMT",
		"Sunday, 06-Nov-94 08:49:37",
		"Sun Nov 6 08:49:37 1994",
		"Sun Nov  6 08:49:37 1994 GMT",
		"Sun Nov  6 08:49:37 94",
		"1994-11-06T08:49:37Z",
		"784111777",
	};
	time_t t = 12345;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (date(bad[i], &t) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	/* a NUL inside the field is no HTTP-date either */
	assert_int_equal(httpreq_date("Sun, 06 Nov 1994 08:49:37 GMT\0", 30, NOW_2026, &t), -1);
	assert_int_equal((long long)t, 12345);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_incomplete),
		cmocka_unit_test(test_pipelined),
		cmocka_unit_test(test_bare_lf_and_leading_crlf),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_host_and_keepalive),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_traversal),
		cmocka_unit_test(test_nul_and_controls),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_date_forms),
		cmocka_unit_test(test_date_two_digit_year),
		cmocka_unit_test(test_date_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
