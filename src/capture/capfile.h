/* capfile.h — our own pcap and pcapng reader.
 *
 * Reads pcap (µs and ns, both byte orders) and pcapng (every section and interface,
 * each packet with its own interface's link type and timestamp resolution), detected
 * by magic number, from a regular file (mmap, zero copy) or a stream ("-" = stdin,
 * pipes: buffered reads that return each packet as soon as it has arrived).
 *
 * Record headers are not trusted: caplen is bounded by what is in the file and by
 * CAPFILE_MAX_CAPLEN (records with caplen > snaplen are read, as libpcap and tshark
 * do); len is reported as the file gives it, even when smaller than caplen, because
 * tshark shows it that way (frame.len < frame.cap_len): only caplen bounds the data;
 * µs ≥ 10⁶ are kept as given but never overflow (ts_nsec = µs·1000 modulo 2³², the
 * arithmetic tshark uses); link-type words are masked with 0x03FFFFFF.
 * A damaged or truncated file returns every packet before the damage, then -1 with
 * a sentence in errbuf saying what stopped it.
 *
 * pcapng custom blocks (0x00000BAD, 0x40000BAD) are returned as records, as tshark
 * lists them as frames: see LINKTYPE_PCAPNG_BLOCK.
 *
 * Where it departs from tshark 4.0 (tests/capfile/gen_counts.sh lists the same):
 * if_tsoffset is added to ts_sec (libpcap does, tshark 4.0 ignores it); pcap files of
 * a link type tshark does not know are read (tshark refuses the whole file).  In a
 * file of several sections, an interface id counts over the whole file, so a packet
 * of a later section names its own interface; tshark 4.0 shows the id from the
 * packet's block and the name of the file's interface of that number, which belongs
 * to the first section (tests/data/pcapng-opts.pcapng, frame 5).
 */
#ifndef NETLAB_CAPFILE_H
#define NETLAB_CAPFILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/linktype.h"

#define CAPFILE_ERRBUF_SIZE 256
#define CAPFILE_MAX_CAPLEN (256u * 1024u)

enum capfile_format { CAPFILE_PCAP, CAPFILE_PCAP_NSEC, CAPFILE_PCAPNG };

struct pkt_rec {
	int64_t ts_sec;
	uint32_t ts_nsec;	/* fractional part in ns (may be ≥ 10⁹ if the file says so;
				 * see capfile_epoch_str for how tshark shows those) */
	uint32_t caplen;
	uint32_t len;
	int linktype;		/* LINKTYPE_* masked */
	uint32_t ifid;		/* pcapng interface index counted over the whole file
				 * (tshark's frame.interface_id), 0 for pcap */
	const uint8_t *data;	/* valid until the next capfile_next() or capfile_close();
				 * for mmap'd files and capfile_open_mem until close */
	uint64_t file_off;	/* offset of the packet bytes in the file or stream */
	unsigned flags;		/* CAPFILE_REC_* */
	/* pcapng EPB options (code, length, value padded to 32 bits; comments, flags,
	 * drop count, ...), in the section's byte order (CAPFILE_REC_OPT_SWAP: not
	 * ours); valid as long as data; NULL, 0 when the record has none. */
	const uint8_t *opts;
	uint32_t opts_len;
};

/* pkt_rec.flags */
#define CAPFILE_REC_NO_TS 1u	/* no time stamp in the file: tshark shows the time
				 * fields empty.  ts is what wiretap leaves in its record,
				 * which still counts for the next frame's frame.time_delta:
				 * 0 for a pcapng SPB, the previous record's time for a
				 * custom block (0 when it comes first). */
#define CAPFILE_REC_OPT_SWAP 2u	/* opts are in the other byte order than ours */

/* Link type of a record that is not a packet but a pcapng custom block, listed as a
 * frame as tshark does (no real link type is negative).  data is the block without
 * its trailing length: type (0x00000BAD may be copied, 0x40000BAD not), total
 * length, PEN, then the custom data and options, the words in the section's byte
 * order (the type word tells which); caplen = len = total length - 4.  tshark's
 * frame is the part after the PEN (LINKTYPE_PCAPNG_BLOCK_HDR bytes in).  ifid is
 * CAPFILE_IFID_NONE: the block belongs to no interface. */
#define CAPFILE_IFID_NONE UINT32_MAX

struct capfile_iface {
	int linktype;
	uint32_t snaplen;
	char name[128];		/* from if_name, or "": untrusted, escape before display */
	char descr[128];	/* from if_description, or "": untrusted too */
	uint32_t section;	/* pcapng section the interface belongs to, from 1; 0: pcap */
	int time_digits;	/* decimals its time stamps have, as tshark's time column
				 * shows them: 6 (µs), 9 (ns), or what if_tsresol gives */
	uint64_t tsresol;	/* units per second (10⁶ for µs) */
	int64_t tsoffset;	/* if_tsoffset in seconds, 0 when absent */
};

struct capfile;

/* The record's time in ns since the epoch, saturated: a file may claim seconds that
 * int64 nanoseconds cannot hold (tshark shows them; we clamp rather than overflow). */
static inline int64_t pkt_rec_ns(const struct pkt_rec *rec)
{
	const int64_t lim = INT64_MAX / 1000000000 - 1;

	if (rec->ts_sec > lim)
		return INT64_MAX - 999999999;
	if (rec->ts_sec < -lim)
		return INT64_MIN + 999999999;
	return rec->ts_sec * 1000000000 + (int64_t)rec->ts_nsec;
}

/* Opens path ("-" = standard input).  NULL and errbuf on failure: missing file,
 * unknown format ("not a pcap or pcapng file"), empty or unreadable header. */
struct capfile *capfile_open(const char *path, char *errbuf);
/* Also from an already open descriptor (taken over; closed by capfile_close). */
struct capfile *capfile_fdopen(int fd, const char *name, char *errbuf);
/* Reads a capture held in memory (fuzzing, tests); the bytes are not copied and must
 * outlive the capfile.  name is only used in messages. */
struct capfile *capfile_open_mem(const uint8_t *data, size_t size, const char *name,
				 char *errbuf);
/* 1: a packet in *rec; 0: clean end of file; -1: damage, errbuf says what. */
int capfile_next(struct capfile *cf, struct pkt_rec *rec, char *errbuf);
void capfile_close(struct capfile *cf);

enum capfile_format capfile_format(const struct capfile *cf);
/* Interfaces seen so far (pcap: 1).  The pointer is valid until the next
 * capfile_next(); NULL for an unknown ifid. */
int capfile_iface_count(const struct capfile *cf);
const struct capfile_iface *capfile_iface(const struct capfile *cf, uint32_t ifid);
/* Link type of the first interface (pcap: the header's), -1 when none yet. */
int capfile_linktype(const struct capfile *cf);
/* For progress: bytes consumed so far and the total (0 for streams). */
uint64_t capfile_pos(const struct capfile *cf);
uint64_t capfile_size(const struct capfile *cf);
/* The mmap'd file bytes (NULL for streams): packets stay valid for the file's life. */
const uint8_t *capfile_map(const struct capfile *cf);
/* Packets returned so far. */
uint64_t capfile_count(const struct capfile *cf);

/* Formats a time stamp exactly as tshark 4.0 prints frame.time_epoch
 * ("1306300950.123456000"), including its rendering of out-of-range fractions
 * (ts_nsec read as a signed 32-bit count).  Returns snprintf's value. */
int capfile_epoch_str(char *buf, size_t n, int64_t ts_sec, uint32_t ts_nsec);

#endif
