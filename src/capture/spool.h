/* spool.h — the live TUI capture's temporary pcapng, written through and mapped.
 *
 * What dumpcap does for Wireshark: live packets go to a pcapng in $TMPDIR (/tmp when
 * unset) named netlab-tui-YYYYMMDDhhmmss-XXXXXX.pcapng (local time, mode 0600), and
 * the packet store indexes that file like a file opened with -r instead of copying
 * the packets: memory per packet is the store's record, and the packets survive a
 * crash or a lost terminal.
 *
 * Mapping: the file is mapped once, read-only and MAP_SHARED, over a reserved length
 * (1 TiB of address space on 64-bit systems, less when the system refuses; 1 GiB on
 * 32-bit).  Reserving costs address space only: pages are backed by the page cache
 * as they are read, and are clean, reclaimable file pages, not heap.  Bytes written
 * with write(2) are visible through a shared map of the same file at once (one page
 * cache), so a packet's bytes are at spool_map() + offset as soon as spool_flush()
 * has returned, and the map never moves, so the store's pointers stay valid for the
 * spool's life.  Only written bytes are ever read (a page past the end of the file
 * would fault).  A capture that would pass the reserve is not spooled further
 * (spool_write fails with a sentence).
 *
 * Leftovers: while open, the file holds an exclusive flock(2); a file in $TMPDIR
 * with that name and no lock is a capture an earlier run left behind
 * (spool_leftovers).
 *
 * One thread (the consumer) owns a spool; spool_crash_note() and the handlers that
 * spool_keep_on_crash() installs are async-signal-safe.
 */
#ifndef NETLAB_SPOOL_H
#define NETLAB_SPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "capture/capfile.h"

#define SPOOL_PREFIX "netlab-tui-"
#define SPOOL_SUFFIX ".pcapng"

struct spool;

/* Creates the file in $TMPDIR and maps it.  nsec: nanosecond time stamps.  NULL and
 * a sentence in errbuf (CAPW_ERRBUF_SIZE) on failure. */
struct spool *spool_create(int nsec, char *errbuf);
int spool_add_iface(struct spool *sp, uint32_t ifid, int linktype, uint32_t snaplen,
		    const char *name, char *errbuf);
/* Appends a packet (buffered): its bytes are at spool_map() + *off after the next
 * successful spool_flush().  -1 + errbuf when the disk is full or the reserve is
 * reached; then every later call fails (the file keeps every whole packet). */
int spool_write(struct spool *sp, const struct pkt_rec *rec, uint64_t *off, char *errbuf);
int spool_flush(struct spool *sp, char *errbuf);

const uint8_t *spool_map(const struct spool *sp);
size_t spool_map_size(const struct spool *sp);
const char *spool_path(const struct spool *sp);
uint64_t spool_packets(const struct spool *sp);	/* wholly in the file */

/* From now until spool_close, a SIGSEGV, SIGBUS, SIGFPE, SIGILL or SIGABRT first
 * writes spool_crash_note() to standard error, then takes its previous course
 * (the default action, or the sanitizer's report).  The file stays. */
void spool_keep_on_crash(struct spool *sp);
/* "netlab-tui: the live capture is kept in PATH\n", prepared in advance. */
const char *spool_crash_note(const struct spool *sp);

/* Flushes, unmaps, closes, frees; removes the file unless keep. */
void spool_close(struct spool *sp, int keep);

/* Capture files an earlier run left in $TMPDIR (named as above, not locked by a
 * running netlab-tui, readable by us), newest first.  Returns how many there are and
 * stores up to max of their paths in paths (caller frees each). */
int spool_leftovers(char **paths, int max);

#endif
