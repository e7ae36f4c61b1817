/* test_capture.c — writer (pcap µs/ns, pcapng, full disk) and file sources through
 * the capture thread (whole file, -f offline filter, --replay pacing, bad filter).
 * No privileges needed: live capture is tested by tests/live/capture.sh. */
#include "config.h"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "capture/capture.h"
#include "capture/writer.h"

/* Ethernet + IPv4 + TCP SYN from 127.0.0.1:port to 127.0.0.1:80, 54 bytes. */
static void make_frame(uint8_t *f, uint16_t sport)
{
	static const uint8_t tmpl[54] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00,
		0x45, 0, 0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1,
		0, 0, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0,
	};
	memcpy(f, tmpl, sizeof(tmpl));
	f[34] = (uint8_t)(sport >> 8);
	f[35] = (uint8_t)sport;
}

static char *tmpname(const char *suffix)
{
	static int n;
	char *p = malloc(128);
	snprintf(p, 128, "/tmp/netlab-test-capture.%d.%d%s", (int)getpid(), n++, suffix);
	return p;
}

/* Writes n frames, ts = i * step_ns, source port 1000 + i. */
static void write_file(const char *path, enum capw_format fmt, int nsec, int n, uint64_t step_ns)
{
	char err[CAPW_ERRBUF_SIZE];
	struct capwriter *w = capw_open(path, fmt, nsec, err);
	uint8_t f[54];

	assert_non_null(w);
	assert_int_equal(capw_add_iface(w, 0, 1, 262144, "lo", err), 0);
	for (int i = 0; i < n; i++) {
		uint64_t t = (uint64_t)i * step_ns;
		struct pkt_rec r = { .ts_sec = 1700000000 + (int64_t)(t / 1000000000u),
		    .ts_nsec = (uint32_t)(t % 1000000000u) + 123, .caplen = 54, .len = 60,
		    .linktype = 1, .data = f };
		make_frame(f, (uint16_t)(1000 + i));
		assert_int_equal(capw_write(w, &r, err), 0);
	}
	assert_int_equal(capw_close(w, err), 0);
}

static void test_writer_roundtrip(void **state)
{
	static const struct { enum capw_format fmt; int nsec; enum capfile_format want; } cases[] = {
		{ CAPW_PCAP, 0, CAPFILE_PCAP },
		{ CAPW_PCAP, 1, CAPFILE_PCAP_NSEC },
		{ CAPW_PCAPNG, 0, CAPFILE_PCAPNG },
		{ CAPW_PCAPNG, 1, CAPFILE_PCAPNG },
	};

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		char *path = tmpname(".cap");
		char err[CAPFILE_ERRBUF_SIZE];
		struct capfile *cf;
		struct pkt_rec r;
		int i = 0;

		write_file(path, cases[c].fmt, cases[c].nsec, 5, 1500000000u);
		cf = capfile_open(path, err);
		assert_non_null(cf);
		assert_int_equal(capfile_format(cf), cases[c].want);
		while (capfile_next(cf, &r, err) == 1) {
			uint64_t t = (uint64_t)i * 1500000000u;
			assert_int_equal(r.ts_sec, 1700000000 + (int64_t)(t / 1000000000u));
			assert_int_equal(r.ts_nsec, cases[c].nsec ? t % 1000000000u + 123 :
			    (t % 1000000000u + 123) / 1000 * 1000);
			assert_int_equal(r.caplen, 54);
			assert_int_equal(r.len, 60);
			assert_int_equal(r.linktype, 1);
			assert_int_equal(r.data[35], (uint8_t)(1000 + i));
			i++;
		}
		assert_int_equal(i, 5);
		if (cases[c].fmt == CAPW_PCAPNG)
			assert_string_equal(capfile_iface(cf, 0)->name, "lo");
		capfile_close(cf);
		unlink(path);
		free(path);
	}
}

static void test_writer_errors(void **state)
{
	char err[CAPW_ERRBUF_SIZE];
	struct capwriter *w;
	uint8_t f[54];
	struct pkt_rec r = { .caplen = 54, .len = 54, .linktype = 1, .data = f };
	int rc = 0;

	make_frame(f, 1);
	/* A full disk is reported, with the file name. */
	w = capw_open("/dev/full", CAPW_PCAP, 0, err);
	assert_non_null(w);
	for (int i = 0; i < 10000 && rc == 0; i++)
		rc = capw_write(w, &r, err);
	if (rc == 0)
		rc = capw_flush(w, err);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "/dev/full: No space left on device"));
	/* Reported once: later calls repeat it, close does not report it again. */
	assert_int_equal(capw_write(w, &r, err), -1);
	assert_int_equal(capw_packets(w), 0);
	err[0] = '\0';
	assert_int_equal(capw_close(w, err), 0);
	assert_string_equal(err, "");
	/* Cannot create. */
	assert_null(capw_open("/nonexistent-dir/x.pcap", CAPW_PCAP, 0, err));
	assert_non_null(strstr(err, "/nonexistent-dir/x.pcap"));
	/* Two link types do not fit one pcap file. */
	char *path = tmpname(".pcap");
	w = capw_open(path, CAPW_PCAP, 0, err);
	assert_int_equal(capw_write(w, &r, err), 0);
	r.linktype = 276;
	assert_int_equal(capw_write(w, &r, err), -1);
	assert_non_null(strstr(err, "-F pcapng"));
	capw_close(w, err);
	unlink(path);
	free(path);
}

/* A file that cannot grow past a limit (RLIMIT_FSIZE stands in for a full disk, no
 * mount needed): the write fails once, the file is cut back to its last complete
 * packet and reads cleanly, and capw_packets() counts exactly the packets in it. */
static void test_writer_truncates(void **state)
{
	static const enum capw_format fmts[] = { CAPW_PCAP, CAPW_PCAPNG };
	struct rlimit old, lim;
	struct sigaction ign, oldsa;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	assert_int_equal(sigaction(SIGXFSZ, &ign, &oldsa), 0);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	for (size_t k = 0; k < 2; k++) {
		char err[CAPW_ERRBUF_SIZE];
		char *path = tmpname(k ? ".pcapng" : ".pcap");
		struct capwriter *w = capw_open(path, fmts[k], 0, err);
		uint8_t f[54];
		struct pkt_rec r = { .caplen = 54, .len = 54, .linktype = 1, .data = f };
		struct pkt_rec rec;
		struct capfile *cf;
		struct stat sb;
		uint64_t n = 0, written;
		int rc = 0, fails = 0;

		assert_non_null(w);
		lim = old;
		lim.rlim_cur = 10001;	/* not on a record boundary */
		assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
		for (int i = 0; i < 1000; i++) {
			make_frame(f, (uint16_t)i);
			r.ts_sec = i;
			if (capw_write(w, &r, err) < 0)
				fails++;
			if (i % 50 == 49 && capw_flush(w, err) < 0)
				fails++;
		}
		assert_true(fails > 0);
		assert_non_null(strstr(err, path));
		assert_non_null(strstr(err, "File too large"));
		written = capw_packets(w);
		assert_int_equal(capw_close(w, err), 0);
		assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
		assert_int_equal(stat(path, &sb), 0);
		assert_true(sb.st_size <= 10001 && sb.st_size > 9000);
		assert_true(written > 100 && written < 200);
		cf = capfile_open(path, err);
		assert_non_null(cf);
		while ((rc = capfile_next(cf, &rec, err)) == 1) {
			assert_int_equal(rec.ts_sec, (int64_t)n);
			n++;
		}
		assert_int_equal(rc, 0);	/* clean end: no cut-off record */
		assert_int_equal(n, written);
		capfile_close(cf);
		unlink(path);
		free(path);
	}
	sigaction(SIGXFSZ, &oldsa, NULL);
}

/* Runs a file source to EOF; returns the frames seen and the elapsed seconds. */
static int drain_source(struct capsrc *s, double *secs, uint16_t *ports, int max)
{
	struct ring *r = capsrc_ring(s);
	struct pkt_rec recs[16];
	struct timespec a, b;
	char err[CAP_ERRBUF_SIZE];
	int n = 0;

	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_int_equal(capsrc_start(s, err), 0);
	while (!ring_eof(r)) {
		size_t k = ring_pop(r, recs, 16);
		for (size_t i = 0; i < k; i++, n++)
			if (n < max)
				ports[n] = (uint16_t)(recs[i].data[34] << 8 | recs[i].data[35]);
		ring_release(r);
		if (k == 0 && ring_sleep_prepare(r)) {
			struct pollfd p = { .fd = ring_wait_fd(r), .events = POLLIN };
			assert_int_not_equal(poll(&p, 1, 5000), 0);
		}
		ring_sleep_done(r);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	*secs = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	return n;
}

static void test_file_source_filter(void **state)
{
	char *path = tmpname(".pcapng");
	char err[CAP_ERRBUF_SIZE];
	uint16_t ports[64];
	struct capsrc_stats st;
	struct capsrc *s;
	double secs;

	write_file(path, CAPW_PCAPNG, 1, 50, 1000);
	s = capsrc_create();
	capsrc_set_file(s, path);
	capsrc_set_filter(s, "tcp src portrange 1010-1014");
	capsrc_set_ring_size(s, 65536);
	assert_int_equal(capsrc_activate(s, err), 0);
	assert_int_equal(capsrc_linktype(s), 1);
	assert_int_equal(drain_source(s, &secs, ports, 64), 5);
	for (int i = 0; i < 5; i++)
		assert_int_equal(ports[i], 1010 + i);
	capsrc_get_stats(s, &st);
	assert_int_equal(st.captured, 5);
	assert_int_equal(st.filtered_out, 45);
	assert_int_equal(st.ring_drops, 0);
	assert_null(capsrc_error(s));
	capsrc_free(s);

	/* A bad filter is refused at activation, with the expression. */
	s = capsrc_create();
	capsrc_set_file(s, path);
	capsrc_set_filter(s, "tcp prot 80");
	assert_int_equal(capsrc_activate(s, err), -1);
	assert_string_equal(err, "invalid capture filter \"tcp prot 80\": syntax error");
	capsrc_free(s);

	/* A missing file. */
	s = capsrc_create();
	capsrc_set_file(s, "/nonexistent.pcap");
	assert_int_equal(capsrc_activate(s, err), -1);
	assert_non_null(strstr(err, "/nonexistent.pcap"));
	capsrc_free(s);
	unlink(path);
	free(path);
}

static void test_file_source_whole_and_count(void **state)
{
	char *path = tmpname(".pcap");
	char err[CAP_ERRBUF_SIZE];
	uint16_t ports[1];
	struct capsrc *s;
	double secs;

	/* 20000 frames through a 64 KiB ring: the file source waits, never drops. */
	write_file(path, CAPW_PCAP, 0, 20000, 1000);
	s = capsrc_create();
	capsrc_set_file(s, path);
	capsrc_set_ring_size(s, 65536);
	assert_int_equal(capsrc_activate(s, err), 0);
	assert_int_equal(drain_source(s, &secs, ports, 1), 20000);
	assert_int_equal(ring_drops(capsrc_ring(s)), 0);
	capsrc_free(s);

	s = capsrc_create();
	capsrc_set_file(s, path);
	capsrc_set_count(s, 7);
	assert_int_equal(capsrc_activate(s, err), 0);
	assert_int_equal(drain_source(s, &secs, ports, 1), 7);
	capsrc_free(s);
	unlink(path);
	free(path);
}

static void test_replay_pacing(void **state)
{
	char *path = tmpname(".pcap");
	char err[CAP_ERRBUF_SIZE];
	uint16_t ports[8];
	struct capsrc *s;
	double secs;

	/* 5 frames 100 ms apart: 0.4 s at speed 1, 0.1 s at speed 4. */
	write_file(path, CAPW_PCAP, 1, 5, 100000000u);
	s = capsrc_create();
	capsrc_set_file(s, path);
	capsrc_set_replay(s, 1.0);
	assert_int_equal(capsrc_activate(s, err), 0);
	assert_int_equal(drain_source(s, &secs, ports, 8), 5);
	assert_true(secs >= 0.38 && secs < 2.0);
	capsrc_free(s);

	s = capsrc_create();
	capsrc_set_file(s, path);
	capsrc_set_replay(s, 4.0);
	assert_int_equal(capsrc_activate(s, err), 0);
	assert_int_equal(drain_source(s, &secs, ports, 8), 5);
	assert_true(secs >= 0.09 && secs < 0.38);
	capsrc_free(s);

	/* Stopping a replay in the middle ends it promptly. */
	write_file(path, CAPW_PCAP, 1, 3, 10000000000u);	/* 10 s apart */
	s = capsrc_create();
	capsrc_set_file(s, path);
	capsrc_set_replay(s, 1.0);
	assert_int_equal(capsrc_activate(s, err), 0);
	assert_int_equal(capsrc_start(s, err), 0);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	usleep(100000);
	capsrc_free(s);
	clock_gettime(CLOCK_MONOTONIC, &b);
	assert_true((double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9 < 1.0);
	unlink(path);
	free(path);
}

static void test_stdin_stream_cancel(void **state)
{
	char *path = tmpname(".pcap");
	char err[CAP_ERRBUF_SIZE];
	uint16_t ports[8];
	struct capsrc *s;
	int fds[2], saved;
	double secs;
	FILE *fp;
	uint8_t buf[4096];
	size_t n;

	/* The file's bytes on a pipe as stdin, the writer end kept open: the source
	 * delivers what came, then blocks in read(2); freeing it must not hang. */
	write_file(path, CAPW_PCAP, 0, 3, 1000);
	assert_int_equal(pipe(fds), 0);
	fp = fopen(path, "rb");
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	assert_int_equal(write(fds[1], buf, n), (ssize_t)n);
	saved = dup(0);
	dup2(fds[0], 0);
	close(fds[0]);
	s = capsrc_create();
	capsrc_set_file(s, "-");
	capsrc_set_count(s, 3);
	assert_int_equal(capsrc_activate(s, err), 0);
	assert_string_equal(capsrc_name(s), "standard input");
	assert_int_equal(drain_source(s, &secs, ports, 8), 3);
	capsrc_free(s);

	s = capsrc_create();
	capsrc_set_file(s, "-");
	write(fds[1], buf, n);
	assert_int_equal(capsrc_activate(s, err), 0);
	assert_int_equal(capsrc_start(s, err), 0);
	usleep(100000);
	capsrc_free(s);			/* cancels the blocked read */
	dup2(saved, 0);
	close(saved);
	close(fds[1]);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writer_roundtrip),
		cmocka_unit_test(test_writer_errors),
		cmocka_unit_test(test_writer_truncates),
		cmocka_unit_test(test_file_source_filter),
		cmocka_unit_test(test_file_source_whole_and_count),
		cmocka_unit_test(test_replay_pacing),
		cmocka_unit_test(test_stdin_stream_cancel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
