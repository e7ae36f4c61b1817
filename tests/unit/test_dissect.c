/* test_dissect.c — every dissector fed its headers cut at every byte, plus the cursor,
 * value formatting and escaping they rely on. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "dissect/session.h"
#include "core/strvis.h"
#include "dissect/cursor.h"
#include "dissect/dissect.h"
#include "dissect/fvalue.h"
#include "dissect/registry.h"
#include "print/print.h"

/* One sample packet per dissector: link type, bytes, and how many leading bytes are
 * headers (cutting inside them must be flagged in the tree). */
struct sample {
	const char *name;
	int linktype;
	const char *hex;
	size_t hdr;
	const char *proto;	/* a protocol the full packet must contain */
};

#define ETH_IP4 "ffffffffffff001122334455" "0800" "4500001c0001000040110000c0a80001c0a80002"
#define ETH_IP6 "333300000001001122334455" "86dd" "6000000000083a40" \
	"fe800000000000000000000000000001" "ff020000000000000000000000000001"

static const struct sample samples[] = {
	{ "eth+ipv4+udp", 1, ETH_IP4 "a4b50035000800000000", 42, "udp" },
	{ "eth+ipv4+icmp", 1, "ffffffffffff0011223344550800" "4500001c00010000400100000a0000010a000002"
	    "08004d5600010001", 42, "icmp" },
	{ "eth+ipv6+icmpv6", 1, ETH_IP6 "8000000000010001", 62, "icmpv6" },
	{ "eth+ipv6+hopopts+udp", 1, "333300000001001122334455" "86dd" "6000000000100040"
	    "fe800000000000000000000000000001" "ff020000000000000000000000000001"
	    "1100050200000100" "a4b50035000800000000", 70, "ipv6.hopopts" },
	{ "eth+ipv6+frag", 1, "333300000001001122334455" "86dd" "60000000000c2c40"
	    "fe800000000000000000000000000001" "ff020000000000000000000000000001"
	    "1100000112345678" "a4b50035", 62, "ipv6.fraghdr" },
	{ "eth+ipv6+routing", 1, "333300000001001122334455" "86dd" "6000000000282b40"
	    "fe800000000000000000000000000001" "ff020000000000000000000000000001"
	    "3b04040100000000" "20010db8000000000000000000000001" "20010db8000000000000000000000002",
	    94, "ipv6.routing" },
	{ "eth+arp", 1, "ffffffffffff001122334455" "0806" "0001080006040001"
	    "001122334455c0a80001" "000000000000c0a80002", 42, "arp" },
	{ "eth+vlan+qinq+arp", 1, "ffffffffffff001122334455" "88a8" "00c8" "8100" "07d1" "0806"
	    "0001080006040001" "001122334455c0a80001" "000000000000c0a80002", 50, "vlan" },
	{ "eth+ipv4+udp+dns", 1, "ffffffffffff001122334455" "0800"
	    "450000390001000040110000c0a80001c0a80002" "a4b5003500250000"
	    "123401000001000000000000" "076578616d706c6503636f6d00" "00010001", 71, "dns" },
	{ "null+ipv4", 0, "02000000" "4500001c0001000040110000c0a80001c0a80002" "a4b50035000800000000",
	    32, "udp" },
	{ "null+ipv6 (be)", 0, "0000001e" "6000000000083a40" "00000000000000000000000000000001"
	    "00000000000000000000000000000001" "8000000000010001", 52, "icmpv6" },
	{ "loop+ipv4", 108, "00000002" "4500001c0001000040110000c0a80001c0a80002" "a4b50035000800000000",
	    32, "udp" },
	{ "sll+ipv4", 113, "0004030400060011223344550000" "0800"
	    "4500001c0001000040110000c0a80001c0a80002" "a4b50035000800000000", 44, "sll" },
	{ "sll2+ipv4", 276, "0800000000000014" "0001" "04" "06" "0011223344550000"
	    "4500001c0001000040110000c0a80001c0a80002" "a4b50035000800000000", 48, "sll" },
	{ "raw+ipv6", 101, "6000000000083a40" "00000000000000000000000000000001"
	    "00000000000000000000000000000001" "8000000000010001", 48, "raw" },
	{ "ipv4 link", 228, "4500001c0001000040110000c0a80001c0a80002" "a4b50035000800000000", 28, "udp" },
	{ "ipv6 link", 229, "6000000000083a40" "00000000000000000000000000000001"
	    "00000000000000000000000000000001" "8000000000010001", 48, "icmpv6" },
	{ "ipv4+udp+dhcp", 228,
	    "45000110000100004011000000000000ffffffff0044004300fc0000010106003d1d0000000000000000000000000000"
	    "0000000000000000000b8201fc4200000000000000000000000000000000000000000000000000000000000000000000"
	    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	    "00000000000000000000000000000000000000000000000063825363350101ff", 62, "dhcp" },
	{ "eth+llc+snap+ipv4", 1, "ffffffffffff001122334455" "0024" "aaaa03000000" "0800"
	    "4500001c0001000040110000c0a80001c0a80002" "a4b50035000800000000", 50, "llc" },
	{ "eth+pppoe+ipv4", 1, "ffffffffffff001122334455" "8864" "11000001001e" "0021"
	    "4500001c0001000040110000c0a80001c0a80002" "a4b50035000800000000", 50, "pppoes" },
	{ "icmp error", 1, "ffffffffffff0011223344550800" "4500003800010000400100000a0000010a000002"
	    "0b00000000000000" "4500001c0001000040110000c0a80002c0a80001" "753032c8000c0000", 70, "icmp" },	{ "eth+ipv4+udp+gquic", 1, "ffffffffffff00112233445508004500003e00010000401100000a0000010a000002b36b01bb002a00000d0102030405"
	    "0607085130323501aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    42, "gquic" },
	{ "eth+ipv4+udp+lisp", 1, "30b5c2eb4cb0080027aff83f08004500007000010000ff11e2f0c0a8016e9353832110f610f6005c28fa15000001f7fe"
	    "ff572ebc9e75000199101f5000022607f2c0f00fb00100000000faceb00c001c000199101f5000000005011c10000000"
	    "000199101f500164ff00000500022607f2c0f00fb00100000000faceb00c",
	    42, "lisp" },
	{ "eth+ipv4+udp+nbns", 1, "fffffffffffff04da247ba2508004500004e7e1900008011e7868d8edce28d8edcff00890089003ac27cff6e01100001"
	    "0000000000002045434643464845444441454445434444444944444545444245474445444341410000200001",
	    54, "nbns" },
	{ "eth+llc+stp", 1, "0180c2000000e8de27ffc077002642420300000000008000e8de27ffc078000000008000e8de27ffc078800200001400"
	    "020000000000000000000000",
	    52, "stp" },
	{ "eth+llc+snap+cdp", 1, "01000ccccccc000f345f168d0169aaaa0300000c200002b401a5000100065332000500c2436973636f20494f5320536f"
	    "6674776172652c20433335353020536f667477617265202843333535302d495053455256494345534b392d4d292c2056"
	    "657273696f6e2031322e32283434295345322c2052454c4541534520534f4654574152452028666332290a436f707972"
	    "696768742028632920313938362d3230303820627920436973636f2053797374656d732c20496e632e0a436f6d70696c"
	    "6564205468752030312d4d61792d30382031363a313420627920616e746f6e696e6f00060015436973636f2057532d43"
	    "333535302d323400020011000000010101cc000400000000000300144661737445746865726e6574302f313300040008"
	    "000000280008002400000c011200000000ffffffff010221ff000000000000000f345f1680ff00000009000963697363"
	    "6f000a00060001000b0005010012000500001300050000160011000000010101cc000400000000",
	    26, "cdp" },
	{ "eth+ipv4+igmpv3 report", 1, "01005e0000168a3cd6e14dc4080046c00028000040000102f7f20a000207e0000016940400002200fa02"
	    "0000000103000000e00000fb",
	    42, "igmp" },
	{ "eth+ipv4+igmpv3 query", 1, "01005e000001c412f5ff72e8080046000024000040000102fa480a00008ae000000194040000110aec78"
	    "00000000027d0000",
	    38, "igmp" },
	{ "eth+ipv6+ah+ospf", 1, "333300000005c20168b3000186dd6e00000000403301fe800000000000000000000000000002ff020000000000000000"
	    "00000000000559040000000001000000002035482148b2435a23dcdd5536030100280202020200000001f17300000000"
	    "000501000013000a0028020202020101010101010101",
	    78, "ospf" },
	/* the TXT string is the last byte of the frame (its Info text once read on) */
	{ "eth+ipv4+udp+dns txt", 1, "00112233445566778899aabb08004500004100010000401166a90a0000010a000002"
	    "00359c40002d056d12348180000100010000000001610000100001c00c001000010000003c00060568656c6c6f",
	    42, "dns" },
	{ "netlink", 253, "0004033800000000000000000000000010000000100000000000000000000000",
	    16, "netlink-route" },
	{ "fddi+llc+ipv4+tcp", 10, "50aa00040083a7aa00040082a7aaaa0300000008004500002ce37600003306e146d4b42a6483f3400361a80035b909d8"
	    "3d0000000060020200dff20000020405b4",
	    41, "fddi" },
};

static size_t unhex(const char *h, uint8_t *out, size_t cap)
{
	size_t n = 0;

	for (; h[0] && h[1] && n < cap; h += 2) {
		unsigned v;
		sscanf(h, "%2x", &v);
		out[n++] = (uint8_t)v;
	}
	return n;
}

static int has_proto(const struct pinfo *pi, const char *name)
{
	for (int i = 0; i < pi->nprotos; i++)
		if (!strcmp(pi->protos[i], name))
			return 1;
	return 0;
}

static int flagged(const struct dtree *t, const struct pinfo *pi)
{
	if (pi->malformed)
		return 1;
	for (uint32_t i = 1; i < t->n; i++)
		if (t->nodes[i].flags & (TN_TRUNCATED | TN_MALFORMED))
			return 1;
	return 0;
}

static void dissect_n(struct session *s, struct dtree *t, const struct sample *sm,
    const uint8_t *full, size_t len, size_t n, struct pinfo *pi)
{
	struct dctx d;
	uint8_t *copy = test_malloc(n ? n : 1);
	char buf[1024];

	memcpy(copy, full, n);
	memset(pi, 0, sizeof(*pi));
	memset(&d, 0, sizeof(d));
	pi->num = (uint32_t)n + 1;
	pi->caplen = (uint32_t)n;
	pi->len = (uint32_t)len;
	pi->linktype = sm->linktype;
	pi->want_cols = 1;
	d.tree = t;
	d.pi = pi;
	d.sess = s;
	tree_reset(t);
	dissect_frame(&d, copy);
	for (uint32_t i = 1; i < t->n; i++) {
		fv_fields(t, &t->nodes[i], buf, sizeof(buf));
		fv_label(t, &t->nodes[i], buf, sizeof(buf));
	}
	assert_int_equal(strlen(pi->info), (size_t)pi->info_len);
	test_free(copy);
}

static void test_truncated_everywhere(void **state)
{
	(void)state;
	reg_init();
	for (size_t k = 0; k < sizeof(samples) / sizeof(samples[0]); k++) {
		const struct sample *sm = &samples[k];
		struct session *s = session_new(0);
		struct dtree *t = tree_new(1);
		uint8_t pkt[512];
		size_t len = unhex(sm->hex, pkt, sizeof(pkt));
		struct pinfo pi;

		assert_true(sm->hdr <= len);
		dissect_n(s, t, sm, pkt, len, len, &pi);
		if (!has_proto(&pi, sm->proto) || flagged(t, &pi))
			fail_msg("%s: full packet lacks %s or is flagged", sm->name, sm->proto);
		for (size_t n = 0; n < len; n++) {
			dissect_n(s, t, sm, pkt, len, n, &pi);
			if (n < sm->hdr && !flagged(t, &pi))
				fail_msg("%s cut at %zu bytes: truncation not flagged", sm->name, n);
		}
		tree_free(t);
		session_free(s);
	}
}

static void test_cursor(void **state)
{
	static const uint8_t b[] = { 1, 2, 3, 4, 5 };
	struct cur c = cur_make(b, sizeof(b));

	(void)state;
	assert_int_equal(cur_be16(&c), 0x0102);
	assert_true(cur_ok(&c));
	struct cur s = cur_sub(&c, 2, NULL);
	assert_int_equal(cur_left(&s), 2);
	assert_int_equal(cur_be32(&s), 0);
	assert_false(cur_ok(&s));
	int clipped;
	s = cur_sub(&c, 10, &clipped);
	assert_true(clipped);
	assert_int_equal(cur_left(&s), 3);
	assert_int_equal(cur_u8(&c), 3);
	assert_int_equal(cur_le16(&c), 0x0504);
	assert_int_equal(cur_u8(&c), 0);
	assert_false(cur_ok(&c));
	assert_null(cur_ptr(&c, 1));
}

/* The peek-at-offset getters, cur_at, cur_uint_n and the checksum helpers: 0 past the
 * end without moving or setting err; the RFC 1071 example sums. */
static void test_cursor_peek(void **state)
{
	static const uint8_t b[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	struct cur c = cur_make(b, sizeof(b));

	(void)state;
	assert_int_equal(cur_peek_be16(&c, 2), 0xf203);
	assert_int_equal(cur_peek_be24(&c, 5), 0xf5f6f7);
	assert_int_equal(cur_peek_be32(&c, 4), 0xf4f5f6f7);
	assert_int_equal(cur_peek_be16(&c, 7), 0);
	assert_int_equal(cur_peek_be32(&c, 5), 0);
	assert_int_equal(cur_peek_be32(&c, (size_t)-1), 0);
	assert_int_equal(cur_left(&c), 8);
	assert_true(cur_ok(&c));
	struct cur a = cur_at(&c, 6);
	assert_int_equal(cur_off(&a), 6);
	assert_int_equal(cur_be16(&a), 0xf6f7);
	a = cur_at(&c, 9);
	assert_false(cur_ok(&a));
	assert_int_equal(cur_left(&a), 0);
	assert_int_equal(cur_uint_n(&c, 3, 0), 0x0001f2);
	assert_int_equal(cur_uint_n(&c, 2, 1), 0xf403);
	assert_int_equal(cur_uint_n(&c, 4, 0), 0);
	assert_false(cur_ok(&c));
	c = cur_make(b, sizeof(b));
	/* RFC 1071 section 3: 0001 f203 f4f5 f6f7 sums to ddf2 (folded), checksum 220d */
	assert_int_equal(cur_csum_fold(cur_csum_add(0, &c)), 0x220d);
	struct cur odd = cur_make(b, 3);
	assert_int_equal(cur_csum_fold(cur_csum_add(0, &odd)), (uint16_t)~0xf201);
	/* the field at 2 taken as zero: the sum without the f203 word */
	assert_int_equal(cur_csum_field(0, &c, 2), cur_csum_fold(0x0001 + 0xf4f5 + 0xf6f7));
}

static void test_fvalue(void **state)
{
	static const struct { const char *hex, *want; } v6[] = {
		{ "00000000000000000000000000000001", "::1" },
		{ "20010db8000000000000000000000001", "2001:db8::1" },
		{ "fe800000000000000000000000000000", "fe80::" },
		{ "20010db8000100000000000100000001", "2001:db8:1::1:0:1" },
		{ "00000000000000000000ffffc0a80001", "::ffff:192.168.0.1" },
		{ "000a000b000c00000000000000000001", "a:b:c::1" },
	};
	char buf[64];
	uint8_t a[16];

	(void)state;
	for (size_t i = 0; i < sizeof(v6) / sizeof(v6[0]); i++) {
		unhex(v6[i].hex, a, 16);
		fv_ipv6(a, buf, sizeof(buf));
		assert_string_equal(buf, v6[i].want);
	}
	struct field_def f = { "x.flags", "Flags", FT_UINT8, BASE_HEX, 0xe0, 8, NULL, "", 0 };
	fv_bits(&f, 0x40, buf, sizeof(buf));
	assert_string_equal(buf, "010. ....");
	struct field_def g = { "x.flow", "Flow", FT_UINT24, BASE_HEX, 0x0fffff, 24, NULL, "", 0 };
	struct fnode n;
	memset(&n, 0, sizeof(n));
	n.f = &g;
	n.v.u = 0x0a31ee;
	fv_fields(NULL, &n, buf, sizeof(buf));
	assert_string_equal(buf, "0x0a31ee");
	fv_display(NULL, &n, buf, sizeof(buf));
	assert_string_equal(buf, "0xa31ee");
	assert_int_equal(fv_uint(&n), 0xa31ee);
	/* a bytes value longer than the buffer: the first len - 1 characters, all set */
	struct field_def h = { "x.data", "Data", FT_BYTES, BASE_NONE, 0, 0, NULL, "", 0 };
	uint8_t ab[40];
	memset(ab, 0xab, sizeof(ab));
	memset(&n, 0, sizeof(n));
	n.f = &h;
	n.v.s.p = ab;
	n.v.s.n = sizeof(ab);
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(fv_fields(NULL, &n, buf, sizeof(buf)), 80);
	assert_int_equal(strlen(buf), sizeof(buf) - 1);
	assert_null(strchr(buf, 'X'));
	assert_int_equal(buf[62], 'a');
	/* hex dump offsets: 4 digits, 5 for a source over 64 KiB (as tshark -x) */
	static uint8_t big[0x10001];
	print_hex_line(buf, sizeof(buf), big, 0x10000, 0xfff0);
	assert_memory_equal(buf, "fff0  00 ", 9);
	print_hex_line(buf, sizeof(buf), big, 0x10001, 0x10000);
	assert_memory_equal(buf, "10000  00 ", 10);
	print_hex_line(buf, sizeof(buf), big, 0x10001, 0x10);
	assert_memory_equal(buf, "00010  00 ", 10);
}

static void test_strvis(void **state)
{
	char buf[64];
	(void)state;
	strvis(buf, sizeof(buf), (const uint8_t *)"a\033]0;x\a", 7, 0);
	assert_null(strchr(buf, '\033'));
	assert_null(strchr(buf, '\a'));
	size_t n = strvis(buf, 4, (const uint8_t *)"abcdef", 6, 0);
	assert_int_equal(n, 6);
	assert_string_equal(buf, "abc");
	/* as Wireshark: named escapes, octal, \uXXXX for what does not print, U+FFFD for
	 * each invalid sequence (the surrogate ED A0 80 is one), the backslash as is */
	static const char wire[] = "\\\\a\\b\\v\\f\\033\\177|\\u202E\\u0085|\xc3\xa9|"
	    "\xef\xbf\xbd|\xef\xbf\xbdz|\xef\xbf\xbd\xef\xbf\xbd";
	n = strvis(buf, sizeof(buf), (const uint8_t *)"\\\a\b\v\f\033\177|\xe2\x80\xae\xc2\x85|"
	    "\xc3\xa9|\xed\xa0\x80|\xc3z|\xff\xfe", 26, STRVIS_WIRE);
	assert_string_equal(buf, wire);
	assert_int_equal(n, strlen(wire));
}

/* Echo request/reply matching: tshark's one pass (the reply names its request), and
 * the TUI's later visits show exactly that again, in any order. */
static void echo_info(struct session *s, struct dtree *t, const char *hex, uint32_t num,
    int visited, const char *want_suffix)
{
	uint8_t pkt[128];
	size_t len = unhex(hex, pkt, sizeof(pkt));
	struct pinfo pi;
	struct dctx d;

	memset(&pi, 0, sizeof(pi));
	memset(&d, 0, sizeof(d));
	pi.num = num;
	pi.ts = (int64_t)num * 1000000;
	pi.caplen = pi.len = (uint32_t)len;
	pi.linktype = 1;
	pi.want_cols = 1;
	pi.visited = visited;
	d.tree = t;
	d.pi = &pi;
	d.sess = s;
	tree_reset(t);
	dissect_frame(&d, pkt);
	size_t k = strlen(want_suffix), n = strlen(pi.info);
	if (n < k || strcmp(pi.info + n - k, want_suffix) != 0)
		fail_msg("frame %u (visited %d): Info \"%s\" does not end in \"%s\"", num, visited, pi.info,
		    want_suffix);
}

static void test_icmp_echo_matching(void **state)
{
	/* 10.0.0.1 -> 10.0.0.2 request id 1 seq 1 (checksum 0xf7fd), the reply (0xfffd),
	 * and a second request (seq 2, 0xf7fc) that is never answered. */
#define ECHO(src, dst, type_sum, seq) "ffffffffffff0011223344550800" \
	"4500001c000100004001000" "0" src dst type_sum "0001" seq
	static const char *const req = ECHO("0a000001", "0a000002", "0800f7fd", "0001");
	static const char *const rep = ECHO("0a000002", "0a000001", "0000fffd", "0001");
	static const char *const req2 = ECHO("0a000001", "0a000002", "0800f7fc", "0002");
#undef ECHO
	struct session *s = session_new(1);
	struct dtree *t = tree_new(1);

	(void)state;
	reg_init();
	echo_info(s, t, req, 1, 0, "ttl=64");
	echo_info(s, t, rep, 2, 0, "ttl=64 (request in 1)");
	echo_info(s, t, req2, 3, 0, "ttl=64");
	/* revisits show what the first pass showed: a request never names its reply */
	for (int pass = 0; pass < 2; pass++) {
		echo_info(s, t, rep, 2, 1, "ttl=64 (request in 1)");
		echo_info(s, t, req, 1, 1, "ttl=64");
		echo_info(s, t, req2, 3, 1, "ttl=64");
	}
	tree_free(t);
	session_free(s);
}

/* A bytes value starting inside a data source is cut at its end; one outside every
 * source (tree_keep) is left alone. */
static void test_tree_bytes_clamp(void **state)
{
	static const uint8_t frame[10] = { 0 };
	struct dtree *t = tree_new(1);
	const struct field_def *f;
	const uint8_t *kept;
	uint32_t n;

	(void)state;
	reg_init();
	f = reg_lookup("ipv6.routing.src.reserved");
	assert_non_null(f);
	tree_add_source(t, "Frame", frame, sizeof(frame));
	n = tree_add_bytes(t, 0, f, 8, 4, frame + 8, 4);
	assert_int_equal(tree_node(t, n)->v.s.n, 2);
	n = tree_add_bytes(t, 0, f, 0, 4, frame, 4);
	assert_int_equal(tree_node(t, n)->v.s.n, 4);
	kept = tree_keep(t, "abcdef", 6);
	n = tree_add_bytes(t, 0, f, 0, 4, kept, 6);
	assert_int_equal(tree_node(t, n)->v.s.n, 6);
	tree_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cursor),
		cmocka_unit_test(test_cursor_peek),
		cmocka_unit_test(test_fvalue),
		cmocka_unit_test(test_strvis),
		cmocka_unit_test(test_truncated_everywhere),
		cmocka_unit_test(test_icmp_echo_matching),
		cmocka_unit_test(test_tree_bytes_clamp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
