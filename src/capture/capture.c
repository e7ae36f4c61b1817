/* capture.c — capture threads: live interfaces (libpcap) and files (capfile) into a ring.
 *
 * One thread per source owns its pcap_t or capfile.  Live: pcap_dispatch bursts are
 * copied into the ring and published once per burst; the dispatch timeout (50 ms) is
 * the idle flush.  Files: read with capfile, filtered with pcap_offline_filter, paced
 * by timestamps when replaying, and never dropped (the thread waits for room).
 */
#include "config.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capture/capture.h"
#include "capture/remote.h"
#include "core/xmalloc.h"

#define MAX_FILE_FILTERS 8

struct file_filter {
	int linktype;
	int ok;
	struct bpf_program prog;
};

/* A BPF expression for capture files: one program per link type, compiled when the
 * first packet of that type comes (a pcapng file may mix them). */
struct capfilter {
	const char *bpf;
	int snaplen;
	struct file_filter filters[MAX_FILE_FILTERS];
	int nfilters;
};

struct capsrc {
	/* settings */
	const char *iface, *path, *bpf;
	int snaplen, bufsize_mib;
	double replay;
	long count;
	uint32_t ifid;
	size_t ring_bytes;

	/* after activate */
	pcap_t *p;
	struct capfile *cf;
	int linktype, nsec, active, stream;
	struct capfilter *filter;	/* file sources with -f */
	struct remote *remote;		/* ssh:// interfaces: ssh running tcpdump */
	const char *remote_filter;	/* --remote-filter, NULL = the default */
	struct ring *ring;

	/* the thread */
	pthread_t th;
	int started;
	_Atomic int stop;
	_Atomic int cancellable;	/* stream sources: blocked in read(2) on the input */
	char err[CAP_ERRBUF_SIZE];	/* written by the thread before ring EOF */
	_Atomic int has_err;
	uint64_t n_pushed;		/* thread-private mirror of captured */
	/* File sources: the interfaces' descriptions, each copied by the thread before
	 * it pushes the interface's first frame (the ring's ordering publishes it). */
	struct capfile_iface file_ifc[CAP_FILE_IFACES];
	uint8_t file_ifc_set[CAP_FILE_IFACES];	/* 0: not yet, 1: copied, 2: none */

	_Atomic uint64_t captured, kernel_drops, if_drops, filtered_out;
};

/* DLT_ and LINKTYPE_ values differ below 104 for a few link types (pcap-linktype(7)). */
static const struct { int dlt, linktype; } dlt_map[] = {
#ifdef DLT_ATM_RFC1483
	{ DLT_ATM_RFC1483, 100 },
#endif
#ifdef DLT_RAW
	{ DLT_RAW, 101 },
#endif
#ifdef DLT_SLIP_BSDOS
	{ DLT_SLIP_BSDOS, 102 },
#endif
#ifdef DLT_PPP_BSDOS
	{ DLT_PPP_BSDOS, 103 },
#endif
};

static int dlt_to_linktype(int dlt)
{
	for (size_t i = 0; i < sizeof(dlt_map) / sizeof(dlt_map[0]); i++)
		if (dlt_map[i].dlt == dlt)
			return dlt_map[i].linktype;
	return dlt;
}

static int linktype_to_dlt(int lt)
{
	for (size_t i = 0; i < sizeof(dlt_map) / sizeof(dlt_map[0]); i++)
		if (dlt_map[i].linktype == lt)
			return dlt_map[i].dlt;
	return lt;
}

struct capsrc *capsrc_create(void)
{
	struct capsrc *s = xcalloc(1, sizeof(*s));

	s->linktype = -1;
	atomic_init(&s->stop, 0);
	atomic_init(&s->cancellable, 0);
	atomic_init(&s->has_err, 0);
	atomic_init(&s->captured, 0);
	atomic_init(&s->kernel_drops, 0);
	atomic_init(&s->if_drops, 0);
	atomic_init(&s->filtered_out, 0);
	return s;
}

void capsrc_set_iface(struct capsrc *s, const char *iface) { s->iface = iface; s->path = NULL; }
void capsrc_set_file(struct capsrc *s, const char *path) { s->path = path; s->iface = NULL; }
void capsrc_set_snaplen(struct capsrc *s, int snaplen) { s->snaplen = snaplen; }
void capsrc_set_bufsize(struct capsrc *s, int mib) { s->bufsize_mib = mib; }
void capsrc_set_filter(struct capsrc *s, const char *bpf) { s->bpf = bpf && *bpf ? bpf : NULL; }
void capsrc_set_replay(struct capsrc *s, double speed) { s->replay = speed; }
void capsrc_set_count(struct capsrc *s, long count) { s->count = count; }
void capsrc_set_ifid(struct capsrc *s, uint32_t ifid) { s->ifid = ifid; }
void capsrc_set_ring_size(struct capsrc *s, size_t bytes) { s->ring_bytes = bytes; }
void capsrc_set_remote_filter(struct capsrc *s, const char *bpf) { s->remote_filter = bpf; }

struct ring *capsrc_ring(struct capsrc *s) { return s->ring; }
int capsrc_is_live(const struct capsrc *s) { return s->iface != NULL; }
int capsrc_nsec(const struct capsrc *s) { return s->nsec; }

int capsrc_file_format(const struct capsrc *s)
{
	return s->cf ? (int)capfile_format(s->cf) : -1;
}

const struct capfile_iface *capsrc_file_iface(const struct capsrc *s, uint32_t ifid)
{
	return s->cf && ifid < CAP_FILE_IFACES && s->file_ifc_set[ifid] == 1 ?
	    &s->file_ifc[ifid] : NULL;
}
uint32_t capsrc_snaplen(const struct capsrc *s) { return (uint32_t)s->snaplen; }

const char *capsrc_name(const struct capsrc *s)
{
	if (s->iface)
		return s->iface;
	if (s->path && strcmp(s->path, "-") == 0)
		return "standard input";
	return s->path ? s->path : "(no source)";
}

int capsrc_linktype(const struct capsrc *s)
{
	if (s->cf && s->linktype < 0)
		return capfile_linktype(s->cf);
	return s->linktype;
}

void capsrc_get_stats(const struct capsrc *s, struct capsrc_stats *st)
{
	st->captured = atomic_load_explicit(&s->captured, memory_order_relaxed);
	st->kernel_drops = atomic_load_explicit(&s->kernel_drops, memory_order_relaxed);
	st->if_drops = atomic_load_explicit(&s->if_drops, memory_order_relaxed);
	st->filtered_out = atomic_load_explicit(&s->filtered_out, memory_order_relaxed);
	st->ring_drops = s->ring ? ring_drops(s->ring) : 0;
	st->truncated = s->ring ? ring_truncated(s->ring) : 0;
}

const char *capsrc_error(const struct capsrc *s)
{
	return atomic_load_explicit(&s->has_err, memory_order_acquire) ? s->err : NULL;
}

static void thread_error(struct capsrc *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void thread_error(struct capsrc *s, const char *fmt, ...)
{
	va_list ap;

	if (atomic_load_explicit(&s->has_err, memory_order_relaxed))
		return;
	va_start(ap, fmt);
	vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
	atomic_store_explicit(&s->has_err, 1, memory_order_release);
}

/* ---- activation ------------------------------------------------------------- */

static const char perm_hint[] =
    "run as root, or give the binary capture rights: "
    "sudo setcap cap_net_raw,cap_net_admin=eip $(command -v netlab-tui) "
    "(on a shared machine: make install-capture-group, then join the netlab group), "
    "or read a file with -r";

static void activate_error(struct capsrc *s, int rc, char *errbuf)
{
	const char *why = pcap_geterr(s->p);

	switch (rc) {
	case PCAP_ERROR_PERM_DENIED:
		snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot capture on %s: permission denied — %s",
		    s->iface, perm_hint);
		break;
	case PCAP_ERROR_NO_SUCH_DEVICE:
		snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot capture on %s: there is no such "
		    "interface — list the interfaces with -D", s->iface);
		break;
	case PCAP_ERROR_IFACE_NOT_UP:
		snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot capture on %s: the interface is down — "
		    "bring it up (sudo ip link set %s up) or pick another with -D", s->iface, s->iface);
		break;
	default:
		if (why && (strstr(why, "ermission") || strstr(why, "not permitted")))
			snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot capture on %s: permission denied — %s",
			    s->iface, perm_hint);
		else
			snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot capture on %s: %s", s->iface,
			    why && *why ? why : pcap_statustostr(rc));
		break;
	}
}

/* libpcap says "can't parse filter expression: syntax error"; the student wants the
 * expression and the reason. */
static void filter_error(const char *bpf, const char *why, char *errbuf)
{
	static const char prefix[] = "can't parse filter expression: ";

	if (strncmp(why, prefix, sizeof(prefix) - 1) == 0)
		why += sizeof(prefix) - 1;
	snprintf(errbuf, CAP_ERRBUF_SIZE, "invalid capture filter \"%s\": %s", bpf, why);
}

/* Compiles for a link type with a dead handle; 0 or -1 + errbuf. */
static int compile_dead(const char *bpf, int linktype, int snaplen, struct bpf_program *prog,
			char *errbuf)
{
	pcap_t *dead = pcap_open_dead(linktype_to_dlt(linktype), snaplen);
	int rc;

	if (dead == NULL) {
		snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot compile the capture filter: out of memory");
		return -1;
	}
	rc = pcap_compile(dead, prog, bpf, 1, PCAP_NETMASK_UNKNOWN);
	if (rc < 0)
		filter_error(bpf, pcap_geterr(dead), errbuf);
	pcap_close(dead);
	return rc < 0 ? -1 : 0;
}

/* Prefer Linux cooked v2 on "any" (interface index and name in every frame). */
static void prefer_sll2(pcap_t *p)
{
#if defined(DLT_LINUX_SLL) && defined(DLT_LINUX_SLL2)
	int *dlts, n;

	if (pcap_datalink(p) != DLT_LINUX_SLL)
		return;
	n = pcap_list_datalinks(p, &dlts);
	for (int i = 0; i < n; i++)
		if (dlts[i] == DLT_LINUX_SLL2) {
			pcap_set_datalink(p, DLT_LINUX_SLL2);
			break;
		}
	if (n > 0)
		pcap_free_datalinks(dlts);
#else
	(void)p;
#endif
}

static int activate_live(struct capsrc *s, char *errbuf)
{
	char perr[PCAP_ERRBUF_SIZE] = "";
	int rc;

	s->p = pcap_create(s->iface, perr);
	if (s->p == NULL) {
		snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot capture on %s: %s", s->iface, perr);
		return -1;
	}
	pcap_set_snaplen(s->p, s->snaplen);
	pcap_set_buffer_size(s->p, (s->bufsize_mib ? s->bufsize_mib : CAP_DEFAULT_BUFSIZE_MIB) << 20);
	pcap_set_timeout(s->p, CAP_DEFAULT_TIMEOUT_MS);
#ifdef PCAP_TSTAMP_PRECISION_NANO
	pcap_set_tstamp_precision(s->p, PCAP_TSTAMP_PRECISION_NANO);
#endif
	rc = pcap_activate(s->p);
	if (rc < 0) {
		activate_error(s, rc, errbuf);
		return -1;
	}
	if (strcmp(s->iface, "any") == 0)
		prefer_sll2(s->p);
#ifdef PCAP_TSTAMP_PRECISION_NANO
	s->nsec = pcap_get_tstamp_precision(s->p) == PCAP_TSTAMP_PRECISION_NANO;
#endif
	s->linktype = dlt_to_linktype(pcap_datalink(s->p));
	if (s->bpf) {
		struct bpf_program prog;

		if (pcap_compile(s->p, &prog, s->bpf, 1, PCAP_NETMASK_UNKNOWN) < 0) {
			filter_error(s->bpf, pcap_geterr(s->p), errbuf);
			return -1;
		}
		rc = pcap_setfilter(s->p, &prog);
		pcap_freecode(&prog);
		if (rc < 0) {
			snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot set the capture filter \"%s\" on %s: %s",
			    s->bpf, s->iface, pcap_geterr(s->p));
			return -1;
		}
	}
	return 0;
}

/* File and stream sources: ns time stamps, -f applied to the records as they come. */
static int file_filter(struct capsrc *s, char *errbuf)
{
	s->nsec = 1;
	if (s->bpf) {
		s->filter = capfilter_new(s->bpf, s->snaplen, capfile_linktype(s->cf), errbuf);
		if (s->filter == NULL)
			return -1;
	}
	return 0;
}

static int activate_file(struct capsrc *s, char *errbuf)
{
	char cerr[CAPFILE_ERRBUF_SIZE] = "";

	s->cf = capfile_open(s->path, cerr);
	if (s->cf == NULL) {
		snprintf(errbuf, CAP_ERRBUF_SIZE, "%s", cerr[0] ? cerr : "cannot open the capture file");
		return -1;
	}
	s->stream = capfile_map(s->cf) == NULL;
	return file_filter(s, errbuf);
}

/* ssh://…: the remote tcpdump's output, read as a stream (remote.h). */
static int activate_remote(struct capsrc *s, char *errbuf)
{
	char cerr[CAPFILE_ERRBUF_SIZE] = "", why[256];

	s->remote = remote_start(s->iface, s->remote_filter, s->snaplen, errbuf, CAP_ERRBUF_SIZE);
	if (!s->remote)
		return -1;
	s->cf = capfile_fdopen(remote_take_fd(s->remote), s->iface, cerr);
	if (!s->cf) {		/* nothing came: ssh or tcpdump failed */
		remote_why(s->remote, why, sizeof(why));
		snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot capture on %s: %s", s->iface,
		    why[0] ? why : cerr);
		remote_free(s->remote);
		s->remote = NULL;
		return -1;
	}
	s->stream = 1;
	return file_filter(s, errbuf);
}

int capsrc_activate(struct capsrc *s, char *errbuf)
{
	int rc;

	if (s->active) {
		snprintf(errbuf, CAP_ERRBUF_SIZE, "the capture source %s is already active", capsrc_name(s));
		return -1;
	}
	if (!s->iface && !s->path) {
		snprintf(errbuf, CAP_ERRBUF_SIZE, "no capture source: give an interface (-i) or a file (-r)");
		return -1;
	}
	if (s->snaplen <= 0 || s->snaplen > CAP_DEFAULT_SNAPLEN)
		s->snaplen = CAP_DEFAULT_SNAPLEN;
	rc = remote_is_url(s->iface) ? activate_remote(s, errbuf) :
	    s->iface ? activate_live(s, errbuf) : activate_file(s, errbuf);
	if (rc < 0) {
		if (s->p)
			pcap_close(s->p);
		if (s->cf)
			capfile_close(s->cf);
		remote_free(s->remote);
		s->p = NULL;
		s->cf = NULL;
		s->remote = NULL;
		return -1;
	}
	s->ring = ring_create(s->ring_bytes ? s->ring_bytes : CAP_DEFAULT_RING_BYTES);
	s->active = 1;
	return 0;
}

/* ---- live thread ------------------------------------------------------------ */

static void publish_pcap_stats(struct capsrc *s)
{
	struct pcap_stat ps;

	if (pcap_stats(s->p, &ps) == 0) {
		atomic_store_explicit(&s->kernel_drops, ps.ps_drop, memory_order_relaxed);
		atomic_store_explicit(&s->if_drops, ps.ps_ifdrop, memory_order_relaxed);
	}
}

static void live_cb(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct capsrc *s = (struct capsrc *)(void *)user;
	struct pkt_rec rec = {
		.ts_sec = h->ts.tv_sec,
		.ts_nsec = s->nsec ? (uint32_t)h->ts.tv_usec : (uint32_t)h->ts.tv_usec * 1000u,
		.caplen = h->caplen,
		.len = h->len,
		.linktype = s->linktype,
		.ifid = s->ifid,
		.data = bytes,
	};

	if (s->count && s->n_pushed >= (uint64_t)s->count) {
		pcap_breakloop(s->p);
		return;
	}
	if (ring_push(s->ring, &rec) == 0)
		s->n_pushed++;
}

static double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void live_loop(struct capsrc *s)
{
	double last_stats = 0;

	while (!atomic_load_explicit(&s->stop, memory_order_acquire)) {
		int n = pcap_dispatch(s->p, -1, live_cb, (u_char *)s);
		double now;

		ring_push_commit(s->ring);
		atomic_store_explicit(&s->captured, s->n_pushed, memory_order_relaxed);
		if (n == PCAP_ERROR) {
			thread_error(s, "capture on %s stopped: %s", s->iface, pcap_geterr(s->p));
			break;
		}
		if (s->count && s->n_pushed >= (uint64_t)s->count)
			break;
		now = mono_now();
		if (now - last_stats >= 0.1) {
			publish_pcap_stats(s);
			last_stats = now;
		}
	}
	publish_pcap_stats(s);
}

/* ---- file thread ------------------------------------------------------------ */

struct capfilter *capfilter_new(const char *bpf, int snaplen, int linktype, char *errbuf)
{
	struct capfilter *f;
	struct bpf_program prog;

	/* Check the syntax now, on the first link type known (Ethernet otherwise). */
	if (compile_dead(bpf, linktype >= 0 ? linktype : 1, snaplen ? snaplen : CAP_DEFAULT_SNAPLEN,
	    &prog, errbuf) < 0)
		return NULL;
	pcap_freecode(&prog);
	f = xcalloc(1, sizeof(*f));
	f->bpf = bpf;
	f->snaplen = snaplen ? snaplen : CAP_DEFAULT_SNAPLEN;
	return f;
}

static struct file_filter *filter_for(struct capfilter *cf, int linktype)
{
	struct file_filter *f;
	char errbuf[CAP_ERRBUF_SIZE];

	for (int i = 0; i < cf->nfilters; i++)
		if (cf->filters[i].linktype == linktype)
			return &cf->filters[i];
	if (cf->nfilters == MAX_FILE_FILTERS) {
		if (cf->filters[MAX_FILE_FILTERS - 1].ok)
			pcap_freecode(&cf->filters[MAX_FILE_FILTERS - 1].prog);
		cf->nfilters--;
	}
	f = &cf->filters[cf->nfilters++];
	f->linktype = linktype;
	/* A filter that cannot apply to this link type (e.g. "ether host" on raw IP)
	 * matches nothing, like libpcap on a live interface would refuse it. */
	f->ok = linktype >= 0 &&
	    compile_dead(cf->bpf, linktype, cf->snaplen, &f->prog, errbuf) == 0;
	return f;
}

int capfilter_match(struct capfilter *cf, const struct pkt_rec *rec)
{
	struct file_filter *f = filter_for(cf, rec->linktype);
	struct pcap_pkthdr h = { .caplen = rec->caplen, .len = rec->len };

	return f->ok && pcap_offline_filter(&f->prog, &h, rec->data) != 0;
}

void capfilter_free(struct capfilter *cf)
{
	if (cf == NULL)
		return;
	for (int i = 0; i < cf->nfilters; i++)
		if (cf->filters[i].ok)
			pcap_freecode(&cf->filters[i].prog);
	free(cf);
}

/* seq_cst: pairs with capsrc_free's store of stop and load of cancellable. */
static int stopping(struct capsrc *s)
{
	return atomic_load(&s->stop);
}

/* Sleeps up to `sec`, waking every 50 ms to check the stop flag.  0 when stopped. */
static int nap(struct capsrc *s, double sec)
{
	while (sec > 0 && !stopping(s)) {
		double d = sec < 0.05 ? sec : 0.05;
		struct timespec ts = { 0, (long)(d * 1e9) };

		nanosleep(&ts, NULL);
		sec -= d;
	}
	return !stopping(s);
}

static void file_loop(struct capsrc *s)
{
	char cerr[CAPFILE_ERRBUF_SIZE];
	struct pkt_rec rec;
	double t0 = 0, w0 = 0;
	int first = 1;

	for (;;) {
		int rc;

		if (stopping(s))
			break;
		if (s->stream) {
			/* Blocking read(2) on a pipe: the only place a stop has to cancel. */
			ring_push_commit(s->ring);
			atomic_store(&s->cancellable, 1);
			pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
			if (stopping(s))
				rc = 0;
			else
				rc = capfile_next(s->cf, &rec, cerr);
			pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
			atomic_store(&s->cancellable, 0);
		} else {
			rc = capfile_next(s->cf, &rec, cerr);
		}
		if (rc == 0 && s->remote && !stopping(s)) {
			char why[256];
			if (remote_why(s->remote, why, sizeof(why)))
				thread_error(s, "the capture on %s ended: %s", s->iface, why);
		}
		if (rc == 0)
			break;
		if (rc < 0) {
			thread_error(s, "%s", cerr);
			break;
		}
		if (s->remote)
			rec.ifid = s->ifid;	/* an interface of this run, as live ones */
		if (s->filter && !capfilter_match(s->filter, &rec)) {
			atomic_fetch_add_explicit(&s->filtered_out, 1, memory_order_relaxed);
			continue;
		}
		if (rec.ifid < CAP_FILE_IFACES && !s->file_ifc_set[rec.ifid]) {
			const struct capfile_iface *ifc = capfile_iface(s->cf, rec.ifid);
			if (ifc)
				s->file_ifc[rec.ifid] = *ifc;
			s->file_ifc_set[rec.ifid] = ifc ? 1 : 2;
		}
		if (s->replay > 0) {
			double t = (double)rec.ts_sec + rec.ts_nsec / 1e9;
			if (first) {
				t0 = t;
				w0 = mono_now();
				first = 0;
			}
			double wait = w0 + (t - t0) / s->replay - mono_now();
			if (wait > 0) {
				ring_push_commit(s->ring);
				if (!nap(s, wait))
					break;
			}
		}
		while (!ring_push_fits(s->ring, rec.caplen + (rec.opts ? rec.opts_len : 0))) {
			ring_push_commit(s->ring);
			if (!nap(s, 0.001))
				goto out;
		}
		ring_push(s->ring, &rec);
		s->n_pushed++;
		atomic_store_explicit(&s->captured, s->n_pushed, memory_order_relaxed);
		if (s->count && s->n_pushed >= (uint64_t)s->count)
			break;
	}
out:
	return;
}

static void *capture_thread(void *arg)
{
	struct capsrc *s = arg;

	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	if (s->p)
		live_loop(s);
	else
		file_loop(s);
	ring_push_eof(s->ring);
	return NULL;
}

int capsrc_start(struct capsrc *s, char *errbuf)
{
	sigset_t all, old;
	int rc;

	if (!s->active || s->started) {
		snprintf(errbuf, CAP_ERRBUF_SIZE, "the capture source %s is %s", capsrc_name(s),
		    s->started ? "already running" : "not active");
		return -1;
	}
	/* Signals go to the controlling thread, never to a capture thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&s->th, NULL, capture_thread, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot start the capture thread for %s: %s",
		    capsrc_name(s), strerror(rc));
		return -1;
	}
	s->started = 1;
	return 0;
}

void capsrc_stop(struct capsrc *s)
{
	atomic_store(&s->stop, 1);
	if (s->p)
		pcap_breakloop(s->p);
	remote_hangup(s->remote);	/* its stream ends: a read waiting on it returns */
}

void capsrc_join(struct capsrc *s)
{
	if (!s->started)
		return;
	capsrc_stop(s);
	/* A stream source may sit in read(2) with nothing coming: cancel it there
	 * (cancellation is enabled only around that read). */
	if (s->stream && atomic_load(&s->cancellable))
		pthread_cancel(s->th);
	pthread_join(s->th, NULL);
	s->started = 0;
}

void capsrc_free(struct capsrc *s)
{
	if (s == NULL)
		return;
	capsrc_join(s);
	capfilter_free(s->filter);
	if (s->p)
		pcap_close(s->p);
	if (s->cf)
		capfile_close(s->cf);
	remote_free(s->remote);
	ring_free(s->ring);
	free(s);
}

/* ---- interface list --------------------------------------------------------- */

int cap_list_ifaces(FILE *fp, char *errbuf)
{
	char perr[PCAP_ERRBUF_SIZE] = "";
	pcap_if_t *all, *d;
	int i = 1;

	if (pcap_findalldevs(&all, perr) < 0) {
		snprintf(errbuf, CAP_ERRBUF_SIZE, "cannot list the capture interfaces: %s", perr);
		return -1;
	}
	if (all == NULL) {
		snprintf(errbuf, CAP_ERRBUF_SIZE, "there are no interfaces to capture on — %s",
		    perm_hint);
		return -1;
	}
	/* tshark -D: "N. name", and " (Loopback)" for loopback interfaces. */
	for (d = all; d; d = d->next, i++)
		fprintf(fp, "%d. %s%s\n", i, d->name, (d->flags & PCAP_IF_LOOPBACK) ? " (Loopback)" : "");
	pcap_freealldevs(all);
	return 0;
}
