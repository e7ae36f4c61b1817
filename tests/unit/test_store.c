/* test_store.c — the packet store: map references, arena copies, interfaces. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "store/store.h"

static void test_record_size(void **state)
{
	assert_int_equal(sizeof(struct store_pkt), 32);
}

static void test_map_no_copy(void **state)
{
	uint8_t map[256];
	struct store_pkt p = { .ts = 5, .caplen = 60, .len = 70, .ifid = 0 };
	struct store *s;

	for (int i = 0; i < 256; i++)
		map[i] = (uint8_t)i;
	s = store_new(map, sizeof(map));
	assert_int_equal(store_append(s, &p, map + 16), 0);
	p.caplen = 40;
	assert_int_equal(store_append(s, &p, map + 216), 1);
	assert_ptr_equal(store_data(s, 0), map + 16);
	assert_ptr_equal(store_data(s, 1), map + 216);
	assert_int_equal(store_copied(s), 0);
	assert_int_equal(store_get(s, 0)->len, 70);
	assert_int_equal(store_get(s, 0)->ts, 5);
	/* Outside the map: copied. */
	uint8_t other[41] = { 9, 8, 7 };
	p.caplen = sizeof(other);
	assert_int_equal(store_append(s, &p, other), 2);
	assert_ptr_not_equal(store_data(s, 2), other);
	assert_memory_equal(store_data(s, 2), other, sizeof(other));
	assert_int_equal(store_copied(s), 41);
	assert_null(store_get(s, 3));
	assert_null(store_data(s, 3));
	store_free(s);
}

static void test_arena_stable(void **state)
{
	static uint8_t big[200000];
	struct store *s = store_new(NULL, 0);
	const uint8_t *first;
	struct store_pkt p = { 0 };
	uint8_t buf[1500];

	memset(big, 0xab, sizeof(big));
	for (int i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7);
	p.caplen = sizeof(buf);
	store_append(s, &p, buf);
	first = store_data(s, 0);
	for (uint32_t i = 1; i < 5000; i++) {
		p.caplen = i % 3 ? (uint32_t)sizeof(buf) : (uint32_t)sizeof(big);
		p.ts = i;
		buf[0] = (uint8_t)i;
		assert_int_equal(store_append(s, &p, p.caplen == sizeof(big) ? big : buf), i);
	}
	assert_ptr_equal(store_data(s, 0), first);
	buf[0] = 0;
	assert_memory_equal(store_data(s, 0), buf, sizeof(buf));
	assert_int_equal(store_data(s, 4999)[0], (uint8_t)4999);
	assert_int_equal(store_data(s, 3)[100], 0xab);
	assert_int_equal(store_count(s), 5000);
	assert_int_equal(store_get(s, 4321)->ts, 4321);
	store_free(s);
}

static void test_owner_fields(void **state)
{
	struct store *s = store_new(NULL, 0);
	struct store_pkt p = { .caplen = 1 };
	uint8_t b = 1;

	store_append(s, &p, &b);
	store_at(s, 0)->flags |= STORE_F_MARKED;
	store_at(s, 0)->conv = 7;
	assert_int_equal(store_get(s, 0)->flags, STORE_F_MARKED);
	assert_int_equal(store_get(s, 0)->conv, 7);
	assert_null(store_at(s, 1));
	store_free(s);
}

static void test_ifaces(void **state)
{
	struct store *s = store_new(NULL, 0);

	struct store_iface lo = { 1, 1, 9, "lo", "Loopback" }, anon = { 0, 0, 6, "", NULL };
	static const uint8_t opts[] = { 1, 0, 2, 0, 'h', 'i', 0, 0 };
	struct store_pkt p = { 0 };
	const uint8_t *o;
	uint32_t len;
	int swap;

	assert_int_equal(store_iface_linktype(s, 0), -1);
	store_set_iface(s, 2, &lo);
	assert_int_equal(store_iface_linktype(s, 2), 1);
	assert_string_equal(store_iface(s, 2)->name, "lo");
	assert_string_equal(store_iface(s, 2)->descr, "Loopback");
	assert_int_equal(store_iface(s, 2)->section, 1);
	assert_int_equal(store_iface(s, 2)->time_digits, 9);
	assert_int_equal(store_iface_linktype(s, 1), -1);
	assert_null(store_iface(s, 1));
	store_set_iface(s, 2, &anon);
	assert_null(store_iface(s, 2)->name);
	assert_null(store_iface(s, 2)->descr);
	assert_int_equal(store_iface_linktype(s, 2), 0);
	/* options: kept for the packets that have them, found by index */
	for (uint32_t i = 0; i < 3; i++)
		store_append(s, &p, opts);
	store_set_opts(s, 1, opts, sizeof(opts), 1);
	assert_null(store_opts(s, 0, &len, &swap));
	assert_int_equal(len, 0);
	o = store_opts(s, 1, &len, &swap);
	assert_non_null(o);
	assert_int_equal(len, sizeof(opts));
	assert_int_equal(swap, 1);
	assert_memory_equal(o, opts, sizeof(opts));
	assert_int_equal(store_get(s, 1)->flags, STORE_F_OPTS);
	assert_null(store_opts(s, 2, &len, &swap));
	assert_true(store_mem(s) > 0);
	store_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_size),
		cmocka_unit_test(test_map_no_copy),
		cmocka_unit_test(test_arena_stable),
		cmocka_unit_test(test_owner_fields),
		cmocka_unit_test(test_ifaces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
