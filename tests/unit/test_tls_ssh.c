/* test_tls_ssh.c — the TLS and SSH header parsers on truncated and hostile input. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dissect/ssh.h"
#include "dissect/tls.h"

/* A Client Hello body: version, random, empty session id, one suite, null
 * compression, server_name "example.org". */
static const uint8_t hello[] = {
	0x03, 0x03,
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
	0x00,
	0x00, 0x02, 0x13, 0x01,
	0x01, 0x00,
	0x00, 0x14,
	0x00, 0x00, 0x00, 0x10, 0x00, 0x0e, 0x00, 0x00, 0x0b,
	'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'o', 'r', 'g',
};

static void test_record_header(void **state)
{
	uint8_t ct;
	uint16_t v, l;
	static const uint8_t ok[] = { 22, 3, 1, 0x02, 0x00 };
	static const uint8_t bad_type[] = { 19, 3, 1, 0, 5 };
	static const uint8_t bad_ver[] = { 23, 3, 5, 0, 5 };
	static const uint8_t sslv2[] = { 0x80, 0x2e, 0x01, 0x03, 0x01 };

	(void)state;
	assert_int_equal(tls_record_header(ok, sizeof(ok), &ct, &v, &l), 1);
	assert_int_equal(ct, 22);
	assert_int_equal(v, 0x0301);
	assert_int_equal(l, 512);
	for (size_t n = 0; n < sizeof(ok); n++)
		assert_int_equal(tls_record_header(ok, n, &ct, &v, &l), 0);
	assert_int_equal(tls_record_header(bad_type, 5, &ct, &v, &l), 0);
	assert_int_equal(tls_record_header(bad_ver, 5, &ct, &v, &l), 0);
	assert_int_equal(tls_record_header(sslv2, 5, &ct, &v, &l), 0);
	assert_string_equal(tls_version_short(0x0303), "TLSv1.2");
	assert_string_equal(tls_version_short(0x0300), "SSLv3");
	assert_null(tls_version_short(0x1234));
}

static void test_hello(void **state)
{
	struct tls_hello h;

	(void)state;
	assert_int_equal(tls_parse_hello(hello, sizeof(hello), 0, &h), 1);
	assert_int_equal(h.version, 0x0303);
	assert_non_null(h.sni);
	assert_int_equal(h.sni_len, 11);
	assert_memory_equal(h.sni, "example.org", 11);
	assert_ptr_equal(h.sni, hello + h.sni_off);
	/* every truncation: no crash, no SNI pointing past the end */
	for (size_t n = 0; n < sizeof(hello); n++) {
		uint8_t *cut = malloc(n ? n : 1);
		memcpy(cut, hello, n);
		(void)tls_parse_hello(cut, n, 0, &h);
		if (h.sni)
			assert_true(h.sni_off + h.sni_len <= n);
		free(cut);
	}
}

static void test_hello_hostile(void **state)
{
	uint8_t b[sizeof(hello)];
	struct tls_hello h;

	(void)state;
	/* extension length beyond the extensions block */
	memcpy(b, hello, sizeof(b));
	b[sizeof(b) - 18] = 0xff;
	assert_int_equal(tls_parse_hello(b, sizeof(b), 0, &h), 0);
	/* name length beyond the extension */
	memcpy(b, hello, sizeof(b));
	b[sizeof(b) - 12] = 0xff;
	(void)tls_parse_hello(b, sizeof(b), 0, &h);
	assert_null(h.sni);
	/* session id length beyond the body */
	memcpy(b, hello, sizeof(b));
	b[34] = 0xff;
	assert_int_equal(tls_parse_hello(b, sizeof(b), 0, &h), 0);
	assert_null(h.sni);
	/* every byte set to every extreme: must not crash */
	for (size_t i = 0; i < sizeof(b); i++) {
		memcpy(b, hello, sizeof(b));
		b[i] = 0xff;
		(void)tls_parse_hello(b, sizeof(b), 0, &h);
		(void)tls_parse_hello(b, sizeof(b), 1, &h);
		b[i] = 0;
		(void)tls_parse_hello(b, sizeof(b), 0, &h);
		if (h.sni)
			assert_true(h.sni_off + h.sni_len <= sizeof(b));
	}
}

static void test_ssh_header(void **state)
{
	static const uint8_t kexinit[] = { 0, 0, 0, 12, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t tiny[] = { 0, 0, 0, 4, 0, 20 };
	static const uint8_t huge[] = { 0x7f, 0xff, 0xff, 0xff, 4, 20 };
	static const uint8_t badpad[] = { 0, 0, 0, 12, 12, 20 };
	uint32_t total;
	uint8_t pad, code;

	(void)state;
	assert_int_equal(ssh_packet_header(kexinit, sizeof(kexinit), &total, &pad, &code), 1);
	assert_int_equal(total, 16);
	assert_int_equal(pad, 4);
	assert_int_equal(code, 20);
	for (size_t n = 0; n < 6; n++)
		assert_int_equal(ssh_packet_header(kexinit, n, &total, &pad, &code), 0);
	assert_int_equal(ssh_packet_header(tiny, sizeof(tiny), &total, &pad, &code), -1);
	assert_int_equal(ssh_packet_header(huge, sizeof(huge), &total, &pad, &code), -1);
	assert_int_equal(ssh_packet_header(badpad, sizeof(badpad), &total, &pad, &code), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_header),
		cmocka_unit_test(test_hello),
		cmocka_unit_test(test_hello_hostile),
		cmocka_unit_test(test_ssh_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
