/* capture.h — packet sources: a capture thread per live interface or file, feeding a ring.
 *
 * Lifecycle (libpcap's): capsrc_create → capsrc_set_* → capsrc_activate → (drop
 * privileges) → capsrc_start → … → capsrc_stop → capsrc_free.
 *
 * capsrc_activate opens the pcap_t (or the file) in the caller's thread, so permission
 * problems, unknown interfaces and bad filters surface there, synchronously, as a
 * sentence in errbuf.  capsrc_start spawns the thread that owns the pcap_t from then on:
 * it copies every frame into the source's ring (capsrc_ring) and never blocks on it —
 * a live frame that finds the ring full is dropped and counted.  File sources (and
 * stdin) instead wait for room, so a file is always read whole; with a replay speed
 * they are paced by their timestamps.  When the source ends (EOF, -c count reached,
 * error, stop) the thread marks the ring EOF (ring_eof) and capsrc_error() tells why,
 * if it was an error.
 *
 * Threads: the set/activate/start/free calls belong to one controlling thread (the
 * consumer); capsrc_stop and capsrc_get_stats may be called from any thread.
 */
#ifndef NETLAB_CAPTURE_H
#define NETLAB_CAPTURE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "capture/ring.h"

#define CAP_ERRBUF_SIZE 512
#define CAP_MAX_IFACES 8		/* interfaces one run captures on at most */
#define CAP_DEFAULT_SNAPLEN 262144
#define CAP_DEFAULT_BUFSIZE_MIB 16
#define CAP_DEFAULT_TIMEOUT_MS 50
#define CAP_DEFAULT_RING_BYTES (32u << 20)
#define CAP_FILE_IFACES 64		/* interfaces of a file source described to the reader */

struct capsrc;

struct capsrc_stats {
	uint64_t captured;	/* frames put in the ring */
	uint64_t kernel_drops;	/* pcap_stats ps_drop: the kernel buffer was full */
	uint64_t if_drops;	/* pcap_stats ps_ifdrop: dropped by the interface/driver */
	uint64_t ring_drops;	/* the ring was full (the consumer fell behind) */
	uint64_t truncated;	/* frames cut to fit the ring */
	uint64_t filtered_out;	/* file sources with -f: records the filter rejected */
};

struct capsrc *capsrc_create(void);
/* Exactly one source: a live interface ("any" included; "ssh://[USER@]HOST[:PORT]/IFACE"
 * for one on another machine, see remote.h) or a capture file ("-" = stdin).
 * The strings must outlive the capsrc. */
void capsrc_set_iface(struct capsrc *s, const char *iface);
void capsrc_set_file(struct capsrc *s, const char *path);
void capsrc_set_snaplen(struct capsrc *s, int snaplen);		/* 0 = default */
void capsrc_set_bufsize(struct capsrc *s, int mib);		/* kernel buffer, 0 = default */
void capsrc_set_filter(struct capsrc *s, const char *bpf);	/* NULL = none */
void capsrc_set_replay(struct capsrc *s, double speed);	/* files: 0 = as fast as possible */
void capsrc_set_count(struct capsrc *s, long count);		/* stop after COUNT frames, 0 = no */
void capsrc_set_ifid(struct capsrc *s, uint32_t ifid);		/* live: ifid stamped on each frame */
void capsrc_set_ring_size(struct capsrc *s, size_t bytes);	/* 0 = default */
/* ssh:// interfaces (remote.h): the filter tcpdump runs remotely, NULL = the default. */
void capsrc_set_remote_filter(struct capsrc *s, const char *bpf);

/* 0, or -1 with a sentence in errbuf (CAP_ERRBUF_SIZE). */
int capsrc_activate(struct capsrc *s, char *errbuf);
int capsrc_start(struct capsrc *s, char *errbuf);
/* Asks the thread to end (atomic flag + pcap_breakloop); returns at once.  The ring
 * then reaches EOF.  Safe to call more than once and from any thread. */
void capsrc_stop(struct capsrc *s);
/* Stops and waits for the thread (cancelling a stream read that would wait for
 * ever); counters and capsrc_error stay readable until capsrc_free. */
void capsrc_join(struct capsrc *s);
/* Joins, closes the source, frees. */
void capsrc_free(struct capsrc *s);

struct ring *capsrc_ring(struct capsrc *s);
const char *capsrc_name(const struct capsrc *s);	/* "lo", "standard input", path */
int capsrc_is_live(const struct capsrc *s);
/* After activate: LINKTYPE_* of the frames (files: the first interface's, -1 if not
 * known yet), the snapshot length, 1 when timestamps are nanosecond-precise. */
int capsrc_linktype(const struct capsrc *s);
uint32_t capsrc_snaplen(const struct capsrc *s);
int capsrc_nsec(const struct capsrc *s);
/* File sources: the file's enum capfile_format (-1 for an interface), and the
 * description of the interface ifid as the file gives it (NULL: not known, or beyond
 * CAP_FILE_IFACES).  Call capsrc_file_iface only for the ifid of a frame taken from
 * the ring: the thread writes it before that frame. */
int capsrc_file_format(const struct capsrc *s);
struct capfile_iface;
const struct capfile_iface *capsrc_file_iface(const struct capsrc *s, uint32_t ifid);
void capsrc_get_stats(const struct capsrc *s, struct capsrc_stats *st);
/* Once the ring is at EOF: NULL for a normal end, else why the source stopped. */
const char *capsrc_error(const struct capsrc *s);

/* Prints the interfaces like `tshark -D` ("1. lo (Loopback)").  0 or -1 + errbuf. */
int cap_list_ifaces(FILE *fp, char *errbuf);

/* Drops root for good: to USER, or when user is NULL to $SUDO_USER if started
 * through sudo (tcpdump's rule); does nothing when not root and no user was asked.
 * Also clears any file capabilities (setcap) of the calling thread, so call it
 * before starting capture threads.  0, or -1 with errbuf. */
int cap_drop_privileges(const char *user, char *errbuf);

/* A capture filter (-f) for capture files: libpcap's pcap_offline_filter, compiled
 * for each link type the file has.  capfilter_new checks the syntax (on linktype, or
 * Ethernet when it is -1) and returns NULL with a sentence in errbuf (CAP_ERRBUF_SIZE);
 * bpf must outlive the filter.  A link type the expression cannot apply to matches
 * nothing. */
struct capfilter;
struct capfilter *capfilter_new(const char *bpf, int snaplen, int linktype, char *errbuf);
int capfilter_match(struct capfilter *f, const struct pkt_rec *rec);
void capfilter_free(struct capfilter *f);

#endif
