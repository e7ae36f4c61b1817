/* capture.c — batch-mode capture: sources → rings → -w file and packet printer.
 *
 * Order (tcpdump's): open every handle (errors surface here, as root), drop
 * privileges, create the output file as the unprivileged user, then start the capture
 * threads.  The main thread is the single consumer of every ring; it sleeps in poll()
 * on the rings' wake fds, never spins.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capture/capture.h"
#include "capture/writer.h"
#include "core/xmalloc.h"
#include "mode/mode.h"

#define POP_BATCH 256
#define POLL_MS_MAX 100		/* also bounds how late a signal is noticed */
#define STOP_GRACE_S 1.0	/* after a stop, how long to wait for the rings' EOF */

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

struct run {
	const struct options *o;
	struct capsrc **src;
	int nsrc;
	struct capwriter *w;
	int (*on_packet)(void *ctx, const struct pkt_rec *rec);
	void *ctx;
	uint64_t handled;
	uint64_t written;	/* packets wholly in the -w files (set as each closes) */
	/* -b ring buffer: the files written so far, oldest first (the kept ones) */
	int ring;
	char **names;
	size_t nnames, cap_names;
	unsigned file_no;
	double file_start;
	int werr;		/* a write error was printed (print it once) */
	uint64_t limit;		/* -c / -a packets:, 0 = none */
	uint64_t size_limit;	/* -a filesize: in bytes, 0 = none */
	int status;
	int done;		/* a limit was reached: stop taking packets */
	struct pkt_rec (*recs)[POP_BATCH];	/* drain()'s batch, one row per source */
};

static const char *plural(uint64_t n)
{
	return n == 1 ? "" : "s";
}

static void free_sources(struct run *r)
{
	for (int i = 0; i < r->nsrc; i++)
		capsrc_free(r->src[i]);
	free(r->src);
	r->src = NULL;
	r->nsrc = 0;
}

static int open_sources(struct run *r, char *errbuf)
{
	const struct options *o = r->o;
	int n = o->nifaces ? o->nifaces : 1;

	r->src = xcalloc((size_t)n, sizeof(*r->src));
	for (int i = 0; i < n; i++) {
		struct capsrc *s = capsrc_create();

		r->src[r->nsrc++] = s;
		if (o->nifaces) {
			capsrc_set_iface(s, o->ifaces[i]);
			capsrc_set_ifid(s, (uint32_t)i);
			capsrc_set_bufsize(s, o->bufsize_mib);
		} else {
			capsrc_set_file(s, o->read_file);
			capsrc_set_replay(s, o->replay_speed);
		}
		capsrc_set_snaplen(s, o->snaplen);
		capsrc_set_filter(s, o->capture_filter);
		capsrc_set_remote_filter(s, o->remote_filter);
		capsrc_set_count(s, (long)r->limit);
		if (capsrc_activate(s, errbuf) < 0)
			return -1;
	}
	return 0;
}

/* -b: tshark's names, PREFIX_NNNNN_YYYYMMDDhhmmss.EXT for -w PREFIX.EXT. */
static char *ring_name(const char *path, unsigned no)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	char stamp[32];
	struct tm tm;
	time_t now = time(NULL);

	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d%H%M%S", &tm);
	if (!dot || dot == (slash ? slash + 1 : path))
		return xasprintf("%s_%05u_%s", path, no, stamp);
	return xasprintf("%.*s_%05u_%s%s", (int)(dot - path), path, no, stamp, dot);
}

static int open_writer(struct run *r, char *errbuf)
{
	const struct options *o = r->o;
	const char *path = o->write_file;
	int nsec = 1;

	for (int i = 0; i < r->nsrc; i++)
		nsec &= capsrc_nsec(r->src[i]);
	if (r->ring) {
		char *name = ring_name(o->write_file, ++r->file_no);
		r->names = xgrow(r->names, &r->cap_names, r->nnames + 1, sizeof(*r->names));
		r->names[r->nnames++] = name;
		path = name;
		r->file_start = mono_now();
	}
	r->w = capw_open(path, o->write_pcapng ? CAPW_PCAPNG : CAPW_PCAP, nsec, errbuf);
	if (r->w == NULL)
		return -1;
	for (int i = 0; i < r->nsrc; i++) {
		struct capsrc *s = r->src[i];
		int lt = capsrc_linktype(s);

		/* File sources declare their interfaces as their packets come. */
		if (capsrc_is_live(s) && lt >= 0 &&
		    capw_add_iface(r->w, (uint32_t)i, lt, capsrc_snaplen(s), capsrc_name(s), errbuf) < 0)
			return -1;
	}
	return capw_flush(r->w, errbuf);
}

static void write_failed(struct run *r, const char *errbuf);

/* Flushes and closes the current file, counting its packets; 0 or -1 (reported). */
static int close_writer(struct run *r)
{
	char werr[CAPW_ERRBUF_SIZE];
	int rc = 0;

	if (!r->werr && capw_flush(r->w, werr) < 0) {
		write_failed(r, werr);
		rc = -1;
	}
	r->written += capw_packets(r->w);
	if (capw_close(r->w, werr) < 0) {
		write_failed(r, werr);
		rc = -1;
	}
	r->w = NULL;
	return rc;
}

/* -b: the next file of the ring once the current one is full or old enough; the
 * oldest file goes when more than files:N are kept. */
static void ring_rotate(struct run *r)
{
	const struct options *o = r->o;
	char errbuf[CAPW_ERRBUF_SIZE];

	if (!r->ring || !r->w || r->done)
		return;
	if (!((o->ring_filesize_kb && capw_bytes(r->w) >= (uint64_t)o->ring_filesize_kb * 1000u) ||
	    (o->ring_duration > 0 && mono_now() - r->file_start >= o->ring_duration)))
		return;
	if (close_writer(r) < 0)
		return;
	if (o->ring_files && r->nnames >= (size_t)o->ring_files) {
		unlink(r->names[0]);
		free(r->names[0]);
		memmove(r->names, r->names + 1, (r->nnames - 1) * sizeof(*r->names));
		r->nnames--;
	}
	if (open_writer(r, errbuf) < 0)
		write_failed(r, errbuf);
}

static void announce(const struct run *r)
{
	fputs("Capturing on ", stderr);
	for (int i = 0; i < r->nsrc; i++)
		fprintf(stderr, "%s'%s'", i == 0 ? "" : i + 1 == r->nsrc ? " and " : ", ",
		    capsrc_name(r->src[i]));
	fputc('\n', stderr);
}

/* A write error ends the capture; the writer repeats it, we print it once. */
static void write_failed(struct run *r, const char *errbuf)
{
	if (!r->werr)
		fprintf(stderr, "netlab-tui: %s\n", errbuf);
	r->werr = 1;
	r->status = 2;
	r->done = 1;
}

/* One packet through the writer and the printer; sets r->done at a limit. */
static void handle(struct run *r, const struct pkt_rec *rec)
{
	char errbuf[CAPW_ERRBUF_SIZE];

	r->handled++;
	if (r->w && capw_write(r->w, rec, errbuf) < 0) {
		write_failed(r, errbuf);
		return;
	}
	if (r->on_packet) {
		int rc = r->on_packet(r->ctx, rec);
		if (rc != 0) {
			if (rc < 0)
				r->status = 1;
			r->done = 1;
		}
	}
	if (r->limit && r->handled >= r->limit)
		r->done = 1;
	if (r->w && r->size_limit && capw_bytes(r->w) >= r->size_limit)
		r->done = 1;
	ring_rotate(r);
}

static int ts_before(const struct pkt_rec *a, const struct pkt_rec *b)
{
	return a->ts_sec < b->ts_sec || (a->ts_sec == b->ts_sec && a->ts_nsec < b->ts_nsec);
}

/* Drains every ring once, handing out what was there in timestamp order (several
 * interfaces interleave as they happened, at least within one pass).  Returns the
 * number of packets taken. */
static size_t drain(struct run *r)
{
	struct pkt_rec (*recs)[POP_BATCH] = r->recs;
	size_t n[OPT_MAX_IFACES], pos[OPT_MAX_IFACES], total = 0;

	for (int i = 0; i < r->nsrc; i++) {
		n[i] = ring_pop(capsrc_ring(r->src[i]), recs[i], POP_BATCH);
		pos[i] = 0;
		total += n[i];
	}
	for (size_t k = 0; k < total && !r->done; k++) {
		int best = -1;
		for (int i = 0; i < r->nsrc; i++)
			if (pos[i] < n[i] && (best < 0 || ts_before(&recs[i][pos[i]], &recs[best][pos[best]])))
				best = i;
		handle(r, &recs[best][pos[best]++]);
	}
	for (int i = 0; i < r->nsrc; i++)
		ring_release(capsrc_ring(r->src[i]));
	if (total && r->w && r->status == 0) {
		char errbuf[CAPW_ERRBUF_SIZE];
		if (capw_flush(r->w, errbuf) < 0)
			write_failed(r, errbuf);
	}
	return total;
}

static int all_eof(struct run *r)
{
	for (int i = 0; i < r->nsrc; i++)
		if (!ring_eof(capsrc_ring(r->src[i])))
			return 0;
	return 1;
}

/* Sleeps until a ring has packets, the timeout passes or a signal arrives. */
static void wait_rings(struct run *r, int timeout_ms)
{
	struct pollfd pfd[OPT_MAX_IFACES + 1];
	int sleep_ok = 1;

	for (int i = 0; i < r->nsrc; i++) {
		struct ring *ring = capsrc_ring(r->src[i]);
		pfd[i].fd = ring_wait_fd(ring);
		pfd[i].events = POLLIN;
		if (!ring_sleep_prepare(ring))
			sleep_ok = 0;
	}
	if (sleep_ok && !got_signal)
		(void)poll(pfd, (nfds_t)r->nsrc, timeout_ms);
	for (int i = 0; i < r->nsrc; i++)
		ring_sleep_done(capsrc_ring(r->src[i]));
}

static void consume(struct run *r)
{
	const struct options *o = r->o;
	double deadline = o->autostop_duration > 0 ? mono_now() + o->autostop_duration : 0;
	int stopping = 0;
	double stop_time = 0;

	while (!r->done) {
		if (!stopping && (got_signal || (deadline && mono_now() >= deadline))) {
			/* Take what the threads already captured, then end. */
			stopping = 1;
			stop_time = mono_now();
			for (int i = 0; i < r->nsrc; i++)
				capsrc_stop(r->src[i]);
		}
		ring_rotate(r);		/* -b duration: also when no packet comes */
		if (drain(r) > 0)
			continue;
		if (all_eof(r))
			break;
		/* A stream source blocked in read(2) never reaches EOF by itself: give up
		 * on it (capsrc_join cancels the read). */
		if (stopping && mono_now() - stop_time > STOP_GRACE_S)
			break;
		int ms = POLL_MS_MAX;
		if (deadline && !stopping) {
			double left = deadline - mono_now();
			ms = left <= 0 ? 0 : left * 1000 < ms ? (int)ceil(left * 1000) : ms;
		}
		wait_rings(r, ms);
	}
}

static void report(struct run *r)
{
	uint64_t kdrops = 0, rdrops = 0, trunc = 0;

	for (int i = 0; i < r->nsrc; i++) {
		struct capsrc_stats st;
		const char *err = capsrc_error(r->src[i]);

		capsrc_get_stats(r->src[i], &st);
		kdrops += st.kernel_drops + st.if_drops;
		rdrops += st.ring_drops;
		trunc += st.truncated;
		if (err) {
			fprintf(stderr, "netlab-tui: %s\n", err);
			if (r->status == 0)
				r->status = 2;
		}
	}
	if (r->o->write_file && r->written < r->handled) {
		/* only what the files hold counts as captured */
		uint64_t lost = r->handled - r->written;
		fprintf(stderr, "%llu packet%s captured\n", (unsigned long long)r->written, plural(r->written));
		fprintf(stderr, "%llu packet%s not written to %s\n", (unsigned long long)lost,
		    plural(lost), r->ring && r->nnames ? r->names[r->nnames - 1] : r->o->write_file);
	} else
		fprintf(stderr, "%llu packet%s captured\n", (unsigned long long)r->handled,
		    plural(r->handled));
	if (kdrops || rdrops)
		fprintf(stderr, "%llu packet%s dropped by the kernel, %llu dropped in the ring\n",
		    (unsigned long long)kdrops, plural(kdrops), (unsigned long long)rdrops);
	if (trunc)
		fprintf(stderr, "%llu packet%s truncated to fit the capture ring\n",
		    (unsigned long long)trunc, plural(trunc));
}

int mode_capture_batch(const struct options *o,
    int (*on_packet)(void *ctx, const struct pkt_rec *rec), void *ctx)
{
	struct run r = { .o = o, .on_packet = on_packet, .ctx = ctx };
	struct sigaction sa, old_int, old_term;
	char errbuf[CAP_ERRBUF_SIZE];

	if (o->nifaces == 0 && !(o->read_file && o->replay_speed > 0)) {
		fprintf(stderr, "netlab-tui: nothing to capture: give an interface with -i\n");
		return 2;
	}
	r.limit = o->count > 0 ? (uint64_t)o->count : 0;
	if (o->autostop_packets > 0 && (!r.limit || (uint64_t)o->autostop_packets < r.limit))
		r.limit = (uint64_t)o->autostop_packets;
	r.size_limit = o->autostop_filesize_kb > 0 ? (uint64_t)o->autostop_filesize_kb * 1000u : 0;
	r.ring = o->ring_filesize_kb > 0 || o->ring_duration > 0 || o->ring_files > 0;
	if (r.ring && (!o->write_file || strcmp(o->write_file, "-") == 0)) {
		fprintf(stderr, "netlab-tui: a ring buffer (-b) needs a file to write: -w FILE\n");
		return 2;
	}

	if (open_sources(&r, errbuf) < 0 || cap_drop_privileges(o->user, errbuf) < 0 ||
	    (o->write_file && open_writer(&r, errbuf) < 0)) {
		fprintf(stderr, "netlab-tui: %s\n", errbuf);
		if (r.w)
			capw_close(r.w, NULL);
		free_sources(&r);
		return 2;
	}

	got_signal = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);

	if (o->nifaces)
		announce(&r);
	for (int i = 0; i < r.nsrc; i++)
		if (capsrc_start(r.src[i], errbuf) < 0) {
			fprintf(stderr, "netlab-tui: %s\n", errbuf);
			r.status = 2;
			r.done = 1;
		}
	r.recs = xcalloc((size_t)r.nsrc + 1, sizeof(*r.recs));
	consume(&r);
	free(r.recs);
	for (int i = 0; i < r.nsrc; i++)
		capsrc_stop(r.src[i]);
	if (r.w)
		close_writer(&r);
	/* Joining first makes the final pcap_stats visible. */
	for (int i = 0; i < r.nsrc; i++)
		capsrc_join(r.src[i]);
	report(&r);
	free_sources(&r);
	for (size_t i = 0; i < r.nnames; i++)
		free(r.names[i]);
	free(r.names);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	return r.status;
}

int mode_list_ifaces(const struct options *o)
{
	char errbuf[CAP_ERRBUF_SIZE];

	(void)o;
	if (cap_list_ifaces(stdout, errbuf) < 0) {
		fprintf(stderr, "netlab-tui: %s\n", errbuf);
		return 2;
	}
	return fflush(stdout) == 0 ? 0 : 2;
}
