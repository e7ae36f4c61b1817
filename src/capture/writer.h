/* writer.h — writing capture files: pcap (µs or ns) and pcapng, to a file or stdout.
 *
 * Files are valid at every flush: pcap's header, and pcapng's section header plus
 * one interface block per (ifid, link type), are written before the first packet
 * that needs them, and blocks are buffered whole, so a flush never ends inside one.
 * Every write error (a full disk: ENOSPC, EFBIG, EIO, EPIPE ...) is returned with the
 * file name in errbuf and stays sticky: every later call returns -1 with the same
 * sentence, except capw_close, which returns only errors no earlier call returned
 * (a caller that prints each -1 prints the error once).  After a short write the file
 * is cut back (ftruncate) to the end of the last complete block, so it stays readable,
 * and capw_packets() counts only packets that are wholly in the file.
 * One thread (the consumer) owns a writer.
 */
#ifndef NETLAB_WRITER_H
#define NETLAB_WRITER_H

#include <stdint.h>

#include "capture/capfile.h"

#define CAPW_ERRBUF_SIZE 512

enum capw_format { CAPW_PCAP, CAPW_PCAPNG };

struct capwriter;

/* path "-" = standard output.  nsec: keep nanosecond timestamps (pcap: the ns magic
 * a1b23c4d; pcapng: if_tsresol 9); else microseconds.  NULL + errbuf on failure. */
struct capwriter *capw_open(const char *path, enum capw_format fmt, int nsec, char *errbuf);
/* The same on a descriptor opened for writing at offset 0 (taken over: capw_close
 * closes it); name is used in messages. */
struct capwriter *capw_fdopen(int fd, const char *name, enum capw_format fmt, int nsec);
/* Declares an interface up front (its name goes into the pcapng IDB).  Packets with an
 * undeclared (ifid, linktype) declare one on the fly, unnamed.  A pcap file holds one
 * link type: a second one is an error that suggests -F pcapng. */
int capw_add_iface(struct capwriter *w, uint32_t ifid, int linktype, uint32_t snaplen,
		   const char *name, char *errbuf);
/* The same with what a file said of the interface: name, description, snapshot length
 * and time stamp resolution (pcapng keeps them; ifc NULL: unnamed). */
int capw_add_iface_from(struct capwriter *w, uint32_t ifid, int linktype,
			const struct capfile_iface *ifc, char *errbuf);
/* A packet; in pcapng with its options (comments, flags, ...) as the file had them. */
int capw_write(struct capwriter *w, const struct pkt_rec *rec, char *errbuf);
/* Pushes buffered records to the file (the consumer calls it once per drained batch). */
int capw_flush(struct capwriter *w, char *errbuf);
int capw_is_pcapng(const struct capwriter *w);
/* Bytes in the file so far, buffered ones included (for -a filesize:). */
uint64_t capw_bytes(const struct capwriter *w);
/* Packets wholly written to the file (buffered ones not yet: flush first). */
uint64_t capw_packets(const struct capwriter *w);
/* After a successful capw_write: the file offset of that packet's bytes (they are in
 * the file once flushed). */
uint64_t capw_last_data(const struct capwriter *w);
/* Writes the headers if nothing was written yet, flushes, closes, frees (always).
 * 0, or -1 + errbuf when something was lost that no earlier call reported. */
int capw_close(struct capwriter *w, char *errbuf);

#endif
