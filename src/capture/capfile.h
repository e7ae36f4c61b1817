/* capfile.h — our own pcap and pcapng reader.
 *
 * Reads pcap (µs and ns, both byte orders) and pcapng (every section and interface,
 * each packet with its own interface's link type and timestamp resolution), detected
 * by magic number, from a regular file (mmap, zero copy) or a stream ("-" = stdin,
 * pipes: buffered reads that return each packet as soon as it has arrived).
 *
 * Record headers are not trusted: caplen is bounded by what is in the file and by
 * CAPFILE_MAX_CAPLEN; len < caplen is raised to caplen; µs ≥ 10⁶ are kept as given
 * (as libpcap does) but never overflow; link-type words are masked with 0x03FFFFFF.
 * A damaged or truncated file returns every packet before the damage, then -1 with
 * a sentence in errbuf saying what stopped it.
 */
#ifndef NETLAB_CAPFILE_H
#define NETLAB_CAPFILE_H

#include <stdint.h>
#include <sys/types.h>

#define CAPFILE_ERRBUF_SIZE 256
#define CAPFILE_MAX_CAPLEN (256u * 1024u)

enum capfile_format { CAPFILE_PCAP, CAPFILE_PCAP_NSEC, CAPFILE_PCAPNG };

struct pkt_rec {
	int64_t ts_sec;
	uint32_t ts_nsec;	/* fractional part in ns (may be ≥ 10⁹ if the file says so) */
	uint32_t caplen;
	uint32_t len;
	int linktype;		/* LINKTYPE_* masked */
	uint32_t ifid;		/* pcapng interface index, 0 for pcap */
	const uint8_t *data;	/* valid until the next capfile_next() or capfile_close() */
	uint64_t file_off;	/* offset of the packet bytes in the file (mmap'd files) */
};

struct capfile_iface {
	int linktype;
	uint32_t snaplen;
	char name[64];		/* from if_name, or "" */
	uint64_t tsresol;	/* units per second (10⁶ for µs) */
};

struct capfile;

/* Opens path ("-" = standard input).  NULL and errbuf on failure: missing file,
 * unknown format ("not a pcap or pcapng file"), empty or unreadable header. */
struct capfile *capfile_open(const char *path, char *errbuf);
/* Also from an already open descriptor (taken over; closed by capfile_close). */
struct capfile *capfile_fdopen(int fd, const char *name, char *errbuf);
/* 1: a packet in *rec; 0: clean end of file; -1: damage, errbuf says what. */
int capfile_next(struct capfile *cf, struct pkt_rec *rec, char *errbuf);
void capfile_close(struct capfile *cf);

enum capfile_format capfile_format(const struct capfile *cf);
int capfile_iface_count(const struct capfile *cf);
const struct capfile_iface *capfile_iface(const struct capfile *cf, uint32_t ifid);
/* Link type of the first interface (pcap: the header's), -1 when none yet. */
int capfile_linktype(const struct capfile *cf);
/* For progress: bytes consumed so far and the total (0 for streams). */
uint64_t capfile_pos(const struct capfile *cf);
uint64_t capfile_size(const struct capfile *cf);
/* The mmap'd file bytes (NULL for streams): packets stay valid for the file's life. */
const uint8_t *capfile_map(const struct capfile *cf);

#endif
