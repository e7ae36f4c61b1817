/* test_sha1.c — SHA-1 against the RFC 3174 test vectors, base64 against RFC 4648. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/sha1.h"

static void hex(const uint8_t d[SHA1_LEN], char out[41])
{
	for (int i = 0; i < SHA1_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void check(const char *in, size_t reps, const char *want)
{
	struct sha1_ctx c;
	uint8_t d[SHA1_LEN];
	char got[41];

	sha1_init(&c);
	for (size_t i = 0; i < reps; i++)
		sha1_update(&c, in, strlen(in));
	sha1_final(&c, d);
	hex(d, got);
	assert_string_equal(got, want);
}

static void test_rfc3174(void **state)
{
	check("abc", 1, "a9993e364706816aba3e25717850c26c9cd0d89d");
	check("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
	    "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	check("a", 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	check("0123456701234567012345670123456701234567012345670123456701234567", 10,
	    "dea356a2cddd90c7a7ecedc5ebb563934f460452");
	check("", 1, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

static void test_padding_edges(void **state)
{
	/* 55, 56, 63, 64 bytes straddle the length field's block boundary */
	char buf[65];
	uint8_t a[SHA1_LEN], b[SHA1_LEN];
	struct sha1_ctx c;

	memset(buf, 'x', sizeof(buf));
	for (size_t n = 54; n <= 65; n++) {
		sha1(buf, n, a);
		sha1_init(&c);
		for (size_t i = 0; i < n; i++)
			sha1_update(&c, buf + i, 1);
		sha1_final(&c, b);
		assert_memory_equal(a, b, SHA1_LEN);
	}
}

static void test_base64(void **state)
{
	static const struct { const char *in, *out; } v[] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" },
	};
	char out[16];

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(base64_encode(out, (const uint8_t *)v[i].in, strlen(v[i].in)),
		    strlen(v[i].out));
		assert_string_equal(out, v[i].out);
	}
}

static void test_websocket_accept(void **state)
{
	/* RFC 6455 section 1.3 */
	const char *s = "dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
	uint8_t d[SHA1_LEN];
	char out[29];

	sha1(s, strlen(s), d);
	base64_encode(out, d, SHA1_LEN);
	assert_string_equal(out, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3174),
		cmocka_unit_test(test_padding_edges),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_websocket_accept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
