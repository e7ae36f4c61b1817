/* writer.h — writing capture files: pcap (µs or ns) and pcapng, to a file or stdout.
 *
 * Files are valid at every flush: pcap's header, and pcapng's section header plus
 * one interface block per (ifid, link type), are written before the first packet
 * that needs them.  Every write error (a full disk: ENOSPC, EIO, EPIPE ...) is
 * returned with the file name in errbuf and stays sticky, never ignored.
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
/* Declares an interface up front (its name goes into the pcapng IDB).  Packets with an
 * undeclared (ifid, linktype) declare one on the fly, unnamed.  A pcap file holds one
 * link type: a second one is an error that suggests -F pcapng. */
int capw_add_iface(struct capwriter *w, uint32_t ifid, int linktype, uint32_t snaplen,
		   const char *name, char *errbuf);
int capw_write(struct capwriter *w, const struct pkt_rec *rec, char *errbuf);
/* Pushes buffered records to the file (the consumer calls it once per drained batch). */
int capw_flush(struct capwriter *w, char *errbuf);
/* Bytes in the file so far, buffered ones included (for -a filesize:). */
uint64_t capw_bytes(const struct capwriter *w);
const char *capw_path(const struct capwriter *w);
/* Writes the headers if nothing was written yet, flushes, closes, frees (always).
 * 0, or -1 + errbuf when anything was lost on the way. */
int capw_close(struct capwriter *w, char *errbuf);

#endif
