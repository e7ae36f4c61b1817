/* test_dfilter.c — the display-filter engine, in three tables as libpcap's testprogs:
 *
 *   accept  filters that compile; rows with an alias must compile to the same
 *           canonical form (dfilter_dump), e.g. "a eq 1" and "a == 1"
 *   reject  filters that must be refused: a piece of the message and its column
 *   apply   tests/data/dfilter.pcap (tests/data/gen_dfilter_pcap.py) + filter → the
 *           frame numbers tshark 4.0.17 selects (taken from `tshark -Y`)
 *
 * Longer lists over real captures: tests/oracle/filters.txt and filters-tcp.txt.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dissect/session.h"
#include "capture/capfile.h"
#include "dissect/dissect.h"
#include "dissect/registry.h"
#include "filter/dfilter.h"

/* ---- accept ---- */

static const struct {
	const char *a, *b;	/* b: an alias of a (same canonical form), or NULL */
} accept_cases[] = {
	{ "ip", NULL },
	{ "ip.ttl eq 64", "ip.ttl == 64" },
	{ "ip.ttl any_eq 64", "ip.ttl == 64" },
	{ "ip.ttl ne 64", "ip.ttl != 64" },
	{ "ip.ttl all_ne 64", "ip.ttl != 64" },
	{ "ip.ttl ~= 64", "ip.ttl any_ne 64" },
	{ "ip.ttl !== 64", "ip.ttl any_ne 64" },
	{ "any ip.ttl != 64", "ip.ttl ~= 64" },
	{ "ip.ttl === 64", "ip.ttl all_eq 64" },
	{ "all ip.ttl == 64", "ip.ttl === 64" },
	{ "ip.ttl gt 1", "ip.ttl > 1" },
	{ "ip.ttl ge 1", "ip.ttl >= 1" },
	{ "ip.ttl lt 1", "ip.ttl < 1" },
	{ "ip.ttl le 1", "ip.ttl <= 1" },
	{ "ip and eth", "ip && eth" },
	{ "ip or eth", "ip || eth" },
	{ "not ip", "!ip" },
	{ "ip.ttl == 0x40", "ip.ttl == 64" },
	{ "ip.ttl == 0100", "ip.ttl == 64" },
	{ "ip.ttl == 0b1000000", "ip.ttl == 64" },
	{ "ip.ttl == 'A'", "ip.ttl == 65" },
	{ "frame matches \"a\"", "frame ~ \"a\"" },
	{ "frame.len & 1", "frame.len bitwise_and 1" },
	{ "eth.dst == ff:ff:ff:ff:ff:ff", "eth.dst == ff-ff-ff-ff-ff-ff" },
	{ "eth.dst == ffff.ffff.ffff", "eth.dst == ffffffffffff" },
	{ "ip.proto == UDP", "ip.proto == 17" },
	{ "ip.proto == \"udp\"", "ip.proto == 17" },
	{ "ip.flags.df == True", "ip.flags.df == 1" },
	{ "ip.flags.df == 2", "ip.flags.df == 1" },
	{ "ip.flags.df == False", "ip.flags.df == 0" },
	{ "ip or eth and frame", "ip or (eth and frame)" },
	{ "ip and eth or frame", "(ip and eth) or frame" },
	{ "not ip and eth", "(not ip) and eth" },
	{ "not ip.ttl == 1", "not (ip.ttl == 1)" },
	{ "frame[0:2] == 00:b0", "frame[:2] == 00b0" },
	{ "frame[0-1] == 00.b0", "frame[0:2] == 00:b0" },
	{ "ip.dst[-1] == c7", "ip.dst[-1:1] == 0xc7" },
	{ "frame[0] == 0", "frame[0:1] == 00" },
	{ "frame[1:] == 00", NULL },
	{ "frame[0:2,4] == 00:b0:86", NULL },
	{ "{frame.len + 1} == 61", "frame.len + 1 == 61" },
	{ "frame.len + 1 & 0xff", "{frame.len + 1} & 0xff" },
	{ "frame.len & 0xff == 60", "{frame.len & 0xff} == 60" },
	{ "frame.len * 2 + 1 > 3", "{frame.len * 2} + 1 > 3" },
	{ "-frame.len < 0", NULL },
	{ "frame.number in {1, 3..5}", "frame.number in {1,3 .. 5}" },
	{ "frame.number not in {1}", "not frame.number in {1}" },
	{ ".ip.ttl == 64", "ip.ttl == 64" },
	{ "frame contains \"GET\"", "frame contains 47:45:54" },
	{ "frame contains \"\\x47\\105T\"", "frame contains \"GET\"" },
	{ "frame.protocols == \"a\\tb\"", "frame.protocols == \"a\\x09b\"" },
	{ "frame matches r\"\\d+\"", NULL },
	{ "ip.src == 10.0.0.0/8", NULL },
	{ "ip.src in {10.0.0.0/8, 192.168.1.1}", NULL },
	{ "ip.addr#1 == 1.2.3.4", NULL },
	{ "${ip.src} == 1.2.3.4", NULL },
	{ "ip.ttl == -1", NULL },
	{ "frame.time == \"Jul  6, 2005 03:57:35.938066000\"", NULL },
	{ "frame.time >= \"2005-07-06 03:57:35\"", NULL },
	{ "frame.time >= \"2005-07-06T03:57:35Z\"", "frame.time >= \"Jul 6, 2005 03:57:35 UTC\"" },
	{ "frame.time_epoch > 1128727430.5", NULL },
	{ "frame.time_delta > 0.5", "frame.time_delta > 0.500" },
	{ "len(frame) > 100", NULL },
	{ "count(ip.addr) == 2", NULL },
	{ "lower(frame.protocols) contains \"ip\"", NULL },
	{ "upper(frame.protocols) == \"ETH\"", NULL },
	{ "string(frame.number) matches \"^1\"", NULL },
	{ "max(frame.len, frame.cap_len) > 10", NULL },
	{ "min(ip.ttl) < 10 or abs(ip.ttl) == 1", NULL },
	{ "frame contains ip", NULL },
	{ "eth.src[0:3] == eth.dst[0:3]", NULL },
	{ "frame contains \"\\u00e9\"", "frame contains c3:a9" },
	{ "ip.flags.df == \"Set\"", "ip.flags.df == 1" },
	{ "ip.flags.df == \"not set\"", "ip.flags.df == False" },
	{ "tcp.port in {80, 443, 8000..8080}", "tcp.port in {80,443,8000 .. 8080}" },
	{ "", NULL },
	{ "   ", NULL },
};

static void test_accept(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(accept_cases) / sizeof(accept_cases[0]); i++) {
		struct dfilter_error err;
		struct dfilter *a = dfilter_compile(accept_cases[i].a, &err);
		char da[1024], db[1024];
		if (!a)
			fail_msg("accept[%zu] %s: refused: %s (col %d)", i, accept_cases[i].a, err.msg, err.col);
		dfilter_dump(a, da, sizeof(da));
		if (accept_cases[i].b) {
			struct dfilter *b = dfilter_compile(accept_cases[i].b, &err);
			if (!b)
				fail_msg("accept[%zu] alias %s: refused: %s", i, accept_cases[i].b, err.msg);
			dfilter_dump(b, db, sizeof(db));
			if (strcmp(da, db))
				fail_msg("accept[%zu] %s → %s\n  alias %s → %s", i, accept_cases[i].a, da,
				    accept_cases[i].b, db);
			dfilter_free(b);
		}
		dfilter_free(a);
	}
}

/* ---- reject ---- */

static const struct {
	const char *text, *msg;
	int col;
} reject_cases[] = {
	{ "ip.sr == 1.2.3.4", "ip.sr is neither a field nor a protocol name. Did you mean ip.src?", 0 },
	{ "ip and ip.ttlx", "ip.ttlx is neither a field nor a protocol name.", 7 },
	{ "ip.src ==", "Unexpected end of filter expression.", 9 },
	{ "ip.src == == 1", "\"==\" was unexpected in this context.", 10 },
	{ "ip.ttl == abc", "\"abc\" is not a valid number.", 10 },
	{ "ip.ttl == 300", "\"300\" too big for this field, maximum 255.", 10 },
	{ "ip.ttl == 64.0", "\"64.0\" is not a valid number.", 10 },
	{ "ip.ttl == 0x", "\"0x\" is not a valid number.", 10 },
	{ "ip.src == 1.2.3", "\"1.2.3\" is not a valid hostname or IPv4 address.", 10 },
	{ "ip.src == 1.2.3.4/33", "Netmask bits in a CIDR IPv4 address should be <= 32, not 33", 10 },
	{ "ip.src == \"1.2.3.4\"", "IPv4 address cannot be converted from a string (\"1.2.3.4\").", 10 },
	{ "eth.dst == ff:ff:ff", "contains too few bytes to be a valid Ethernet address.", 11 },
	{ "eth.src == 01:02:03:04:05:06:07", "contains too many bytes", 11 },
	{ "eth.src == \"a\"", "Ethernet or other MAC address cannot be converted from a string", 11 },
	{ "ip.ttl contains 1", "ip.ttl (type=Unsigned integer (1 byte)) cannot participate in contains comparison.", 0 },
	{ "ip.ttl matches \"a\"", "cannot participate in matches comparison.", 0 },
	{ "ip.ttl[0] == 1", "\"ip.ttl\" is a Unsigned integer (1 byte) and cannot be sliced", 0 },
	{ "frame[1:0]", "Range 1:0 isn't valid because length 0 isn't positive", 6 },
	{ "frame[1-0]", "Range 1-0 isn't valid", 6 },
	{ "frame[a:b]", "\"a:b\" is not a valid number.", 6 },
	{ "frame[", "The right bracket was missing from a slice.", 5 },
	{ "frame matches \"(\"", "Regex compilation error: missing closing parenthesis", 14 },
	{ "frame.protocols == \"\\q\"", "\\q is not a valid character escape sequence", 20 },
	{ "frame.protocols == \"abc", "The final quote was missing from a quoted string.", 19 },
	{ "frame.protocols == 'a", "The final quote was missing from a character constant.", 19 },
	{ "len(frame)", "You cannot test whether a function is present.", 0 },
	{ "foo(frame) == 1", "Function 'foo' does not exist", 0 },
	{ "lower(ip.ttl) == \"a\"", "Only string type fields can be used as parameter for lower()", 6 },
	{ "min(frame.len, ip.len) == 1", "Arguments to 'min' must have the same type", 15 },
	{ "ip.src == ip.ttl", "ip.src and ip.ttl are not of compatible types.", 10 },
	{ "frame[0:2] == eth.type", "\"eth.type\" is a Unsigned integer (2 bytes) and cannot be converted into a sequence of bytes.", 14 },
	{ "frame.len > \"60\"", "Unsigned integer (4 bytes) cannot be converted from a string (\"60\").", 12 },
	{ "frame.time_delta == \"1\"", "Time offset cannot be converted from a string (\"1\").", 20 },
	{ "frame.time_delta == abc", "\"abc\" is not a valid time.", 20 },
	{ "frame.time > \"Oct 7, 2005\"", "is not a valid absolute time.", 13 },
	{ "ip.flags.df == true", "\"true\" cannot be found among the possible values for ip.flags.df.", 15 },
	{ "ip.proto == \"xyz\"", "\"xyz\" cannot be found among the possible values for ip.proto.", 12 },
	{ "ip and (ip.ttl == 1", "Unexpected end of filter expression.", 19 },
	{ "ip.ttl == 1)", "\")\" was unexpected in this context.", 11 },
	{ "ip AND ip", "\"AND\" was unexpected in this context.", 3 },
	{ "frame.len in {1 2}", "\"2\" was unexpected in this context.", 16 },
	{ "frame.len in {}", "\"}\" was unexpected in this context.", 14 },
	{ "frame.len in {1,}", "\"}\" was unexpected in this context.", 16 },
	{ "frame.number == 3..5", "\"..\" was unexpected in this context.", 17 },
	{ "1 == 1", "Left side of \"==\" expression must be a field or function, not 1.", 0 },
	{ "80", "80 is neither a field nor a protocol name.", 0 },
	{ "ip.ttl in {\"64\"}", "cannot be converted from a string", 11 },
	{ "any ip", "Unexpected end of filter expression.", 6 },
	{ "ip.ttl == 1 xor ip", "\"xor\" was unexpected in this context.", 12 },
	{ "ip.ttl == \\x08", "\"\\\" was unexpected in this context.", 10 },
	{ "frame.time_delta > .5", "\"5\" is not a valid protocol or protocol field.", 19 },
	{ "ip[0:1] + 1 == 46", "cannot participate in arithmetic", 0 },
	{ "${ip.src", "end of filter in the middle of a macro expression", 8 },
	{ "frame[0:2] == 0:b0", "\":b0\" was unexpected in this context.", 15 },
	{ "eth.src == 00:11:22:33:44:55:", "\":\" was unexpected in this context.", 28 },
	{ "frame contains \"\\u0047\"", "\\u0047 is not a valid universal character name", 16 },
	{ "ip.ttl == '\\n'", "'\\n' is too long to be a valid character constant.", 10 },
	{ "tcp.analysis.retransmission == 1", "(type=Label) cannot participate in == comparison.", 0 },
	{ "ip.proto == udp", "ip.proto and udp are not of compatible types.", 12 },
	{ "tcp.prot == 80", "tcp.prot is neither a field nor a protocol name. Did you mean tcp.port?", 0 },
	/* a filter that ends too early: the column after its last character (issue 14) */
	{ "tcp.port ==", "Unexpected end of filter expression.", 11 },
	{ "(tcp.port == 80", "Unexpected end of filter expression.", 15 },
	{ "tcp.port in {80", "Unexpected end of filter expression.", 15 },
	{ "tcp.port in {80,", "Unexpected end of filter expression.", 16 },
	{ "!", "Unexpected end of filter expression.", 1 },
	{ "tcp.port == 80 &&", "Unexpected end of filter expression.", 17 },
	{ "tcp.port == 80 && ", "Unexpected end of filter expression.", 18 },
	{ "tcp.port == 80 or not", "Unexpected end of filter expression.", 21 },
	{ "tcp.port >", "Unexpected end of filter expression.", 10 },
	{ "tcp.port == 80 +", "Unexpected end of filter expression.", 16 },
	{ "lower(ip.src", "Unexpected end of filter expression.", 12 },
	{ "any", "Unexpected end of filter expression.", 3 },
};

static void test_reject(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(reject_cases) / sizeof(reject_cases[0]); i++) {
		struct dfilter_error err;
		struct dfilter *f = dfilter_compile(reject_cases[i].text, &err);
		if (f) {
			char d[512];
			dfilter_dump(f, d, sizeof(d));
			dfilter_free(f);
			fail_msg("reject[%zu] %s: accepted as %s", i, reject_cases[i].text, d);
		}
		if (!strstr(err.msg, reject_cases[i].msg))
			fail_msg("reject[%zu] %s: message %s, want %s", i, reject_cases[i].text, err.msg,
			    reject_cases[i].msg);
		if (err.col != reject_cases[i].col)
			fail_msg("reject[%zu] %s: column %d, want %d (%s)", i, reject_cases[i].text, err.col,
			    reject_cases[i].col, err.msg);
		assert_true(err.len >= 1);
	}
}

static void test_error_format(void **state)
{
	struct dfilter_error err;
	char buf[512];

	(void)state;
	assert_null(dfilter_compile("ip.src == 1.2.3 and ip", &err));
	dfilter_error_format("ip.src == 1.2.3 and ip", &err, buf, sizeof(buf));
	assert_string_equal(buf, "\"1.2.3\" is not a valid hostname or IPv4 address.\n"
	    "    ip.src == 1.2.3 and ip\n"
	    "              ^~~~~");
	/* ending too early: the caret after the last character, column = length + 1 */
	assert_null(dfilter_compile("ip.src ==", &err));
	dfilter_error_format("ip.src ==", &err, buf, sizeof(buf));
	assert_string_equal(buf, "Unexpected end of filter expression.\n"
	    "    ip.src ==\n"
	    "             ^");
	static const char *const early[] = {
		"tcp.port ==", "(tcp.port == 80", "tcp.port in {80", "!", "tcp.port == 80 &&",
	};
	for (size_t i = 0; i < sizeof(early) / sizeof(early[0]); i++) {
		char want[512];
		size_t tl = strlen(early[i]);
		assert_null(dfilter_compile(early[i], &err));
		assert_int_equal(err.col, (int)tl);
		assert_int_equal(err.len, 1);
		dfilter_error_format(early[i], &err, buf, sizeof(buf));
		snprintf(want, sizeof(want), "Unexpected end of filter expression.\n    %s\n    %*s^",
		    early[i], (int)tl, "");
		assert_string_equal(buf, want);
	}
	/* a column past the text (not produced by the compiler) gets no caret line */
	err.col = 40;
	dfilter_error_format("ip", &err, buf, sizeof(buf));
	assert_null(strchr(buf, '\n'));
	/* truncation stays NUL-terminated */
	assert_null(dfilter_compile("ip.ttl == abc", &err));
	dfilter_error_format("ip.ttl == abc", &err, buf, 20);
	assert_int_equal(strlen(buf), 19);
}

/* ---- apply ---- */

static const struct {
	const char *text, *frames;
} apply_cases[] = {
	{ "ip", "1,2,3,5" },
	{ "!ip", "4,6" },
	{ "ip.src == 10.0.0.1", "1,3,5" },
	{ "ip.addr == 10.0.0.2", "1,2,3" },
	{ "ip.addr != 10.0.0.2", "5" },
	{ "ip.addr ~= 10.0.0.2", "1,2,3,5" },
	{ "!(ip.addr == 10.0.0.2)", "4,5,6" },
	{ "ip.dst == 192.168.0.0/16", "5" },
	{ "ip.dst in {10.0.0.0/24, 192.168.1.1}", "1,2,3,5" },
	{ "ip.ttl > 64", "5" },
	{ "ip.ttl ge 64 and ip.ttl le 64", "1,2,3" },
	{ "ip.flags.df == 0", "5" },
	{ "ip.flags.df", "1,2,3,5" },
	{ "ip.flags.df == True", "1,2,3" },
	{ "ip.id in {1..3}", "1,3,5" },
	{ "ip.id in {2, 7}", "2,3" },
	{ "ip.proto == 6", "1,2,3" },
	{ "ip.proto == \"UDP\"", "5" },
	{ "ip.src == 10.0.0.1 or ip.src == 10.0.0.2 and ip.ttl == 128", "1,3,5" },
	{ "not ip.ttl == 64 and ip", "5" },
	{ "eth.dst == ff:ff:ff:ff:ff:ff", "4" },
	{ "eth.dst == ff-ff-ff-ff-ff-ff", "4" },
	{ "eth.dst == ffff.ffff.ffff", "4" },
	{ "eth.addr == 02:00:00:00:00:02", "1,2,3,6" },
	{ "eth.src[0:3] == 02:00:00", "1,2,3,4,5,6" },
	{ "eth.dst[0:3] == 00.00.5e", "5" },
	{ "eth.type == 0x0806", "4" },
	{ "eth.type == ARP", "4" },
	{ "eth.type eq 0x86dd", "6" },
	{ "frame[12:2] == 08:00", "1,2,3,5" },
	{ "frame[-4:] == 70:69:6e:67", "6" },
	{ "frame[0] == 02", "1,2,3,6" },
	{ "frame contains \"GET\"", "3" },
	{ "frame contains 47:45:54", "3" },
	{ "frame matches \"(?i)host: example\"", "3" },
	{ "frame matches \"^GET\"", "" },
	{ "ip[0] == 45", "1,2,3,5" },
	{ "ip[0:1] & 0xf0 == 40", "1,2,3,5" },
	{ "frame.len > 60", "3,5,6" },
	{ "frame.len & 1", "3,5" },
	{ "len(frame) == 54", "1,2" },
	{ "frame.number in {2, 4..5}", "2,4,5" },
	{ "frame.time_relative > 2", "3,4,5,6" },
	{ "frame.time_delta > 1.2", "2,3,4,6" },
	{ "frame.time >= \"2023-11-14 22:13:22\"", "3,4,5,6" },
	{ "frame.time == \"Nov 14, 2023 22:13:22.000000000\"", "" },
	{ "frame.time_epoch >= 1700000002.5", "3,4,5,6" },
	{ "string(frame.number) == \"3\"", "3" },
	{ "string(ip.src) contains \".2\"", "2" },
	{ "count(ip.addr) == 2", "1,2,3,5" },
	{ "len(ip.src) == 4", "1,2,3,5" },
	{ "{frame.len - 14} > 50", "3,5,6" },
	{ "frame.len * 2 > 130", "3,5,6" },
	{ "max(frame.len, frame.cap_len) < 60", "1,2" },
	{ "abs(ip.ttl) == 128", "5" },
	{ "all ip.addr == 10.0.0.1", "" },
	{ "any ip.addr == 10.0.0.1", "1,2,3,5" },
	{ "ip.addr === 10.0.0.1", "" },
	{ "ip.addr !== 10.0.0.1", "1,2,3,5" },
	{ "eth.addr all_eq 02:00:00:00:00:01", "" },
	{ "ip.src == ip.dst", "" },
	{ "ip.src > ip.dst", "2" },
	{ "ip.addr#1 == 10.0.0.2", "1,2,3" },
	{ "${ip.src} == 10.0.0.1", "" },
	{ "frame.number not in {1..4}", "5,6" },
	{ "tcp.flags.syn==1 && tcp.flags.ack==0", "1" },
	{ "tcp.port == 80", "1,2,3" },
	{ "tcp.port != 80", "" },
	{ "http.request.method == \"GET\"", "3" },
	{ "tcp.payload[0:4] == \"GET \"", "3" },
	{ "dns.qry.name == \"example.com\"", "5" },
	{ "udp.port == 53", "5" },
	{ "arp.opcode == 1", "4" },
	{ "ipv6.addr == ::1", "6" },
	{ "tcp contains \"GET\"", "3" },
	{ "http.host matches \"^example$\"", "3" },
	{ "tcp.srcport > tcp.dstport", "1,3" },
	{ "frame.protocols matches \"tcp$\"", "1,2" },
	{ "", "1,2,3,4,5,6" },
};

static void run_apply(const char *text, char *got, size_t n)
{
	char path[1024], errbuf[512];
	struct dfilter_error err;
	struct dfilter *f = dfilter_compile(text, &err);
	struct capfile *cf;
	struct session *sess;
	struct dtree *tree;
	struct pkt_rec rec;
	struct pinfo pi;
	uint8_t *interest;
	uint32_t num = 0;
	int64_t first = 0, prev = 0;
	size_t at = 0;

	if (!f)
		fail_msg("apply %s: refused: %s", text, err.msg);
	snprintf(path, sizeof(path), "%s/tests/data/dfilter.pcap", NETLAB_SRCDIR);
	cf = capfile_open(path, errbuf);
	if (!cf)
		fail_msg("%s", errbuf);
	interest = calloc(((size_t)reg_count() + 7) / 8, 1);
	dfilter_interest(f, interest);
	tree = tree_new(0);
	tree_set_interest(tree, interest);
	sess = session_new(0);
	memset(&pi, 0, sizeof(pi));
	got[0] = '\0';
	while (capfile_next(cf, &rec, errbuf) == 1) {
		struct dctx d = { .tree = tree, .pi = &pi, .sess = sess };
		int64_t ts = rec.ts_sec * 1000000000 + (int64_t)rec.ts_nsec;
		if (!num)
			first = prev = ts;
		pi.num = ++num;
		pi.ts = ts;
		pi.rel_ts = ts - first;
		pi.delta_ts = ts - prev;
		prev = ts;
		pi.caplen = rec.caplen;
		pi.len = rec.len;
		pi.linktype = rec.linktype;
		tree_reset(tree);
		dissect_frame(&d, rec.data);
		if (dfilter_apply(f, tree, &pi))
			at += (size_t)snprintf(got + at, at < n ? n - at : 0, "%s%u", at ? "," : "", num);
	}
	session_free(sess);
	tree_free(tree);
	free(interest);
	capfile_close(cf);
	dfilter_free(f);
}

static void test_apply(void **state)
{
	char got[256];

	(void)state;
	for (size_t i = 0; i < sizeof(apply_cases) / sizeof(apply_cases[0]); i++) {
		run_apply(apply_cases[i].text, got, sizeof(got));
		if (strcmp(got, apply_cases[i].frames))
			fail_msg("apply[%zu] %s: frames %s, want %s", i, apply_cases[i].text, got,
			    apply_cases[i].frames);
	}
}

/* The same filter applied twice, and a full tree (no interest), agree. */
static void test_full_tree(void **state)
{
	struct dfilter_error err;
	struct dfilter *f = dfilter_compile("ip.ttl == 64 && frame contains \"GET\"", &err);
	uint8_t frame[60] = { 0 };
	struct dtree *t = tree_new(1);
	struct session *sess = session_new(0);
	struct pinfo pi;
	struct dctx d = { .tree = t, .pi = &pi, .sess = sess };

	(void)state;
	assert_non_null(f);
	memset(&pi, 0, sizeof(pi));
	pi.num = 1;
	pi.caplen = pi.len = sizeof(frame);
	pi.linktype = 1;
	frame[12] = 8;
	frame[14] = 0x45;
	frame[16] = 0;
	frame[17] = 46;
	frame[22] = 64;
	frame[23] = 253;
	memcpy(frame + 34, "GET", 3);
	dissect_frame(&d, frame);
	assert_true(dfilter_apply(f, t, &pi));
	assert_true(dfilter_apply(f, t, &pi));
	assert_false(dfilter_apply(f, NULL, &pi));
	dfilter_free(f);
	session_free(sess);
	tree_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accept),
		cmocka_unit_test(test_reject),
		cmocka_unit_test(test_error_format),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_full_tree),
	};

	reg_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
