/* print.h — batch renderers (tshark's text output) and the batch printer.
 *
 * The renderers take the model (pinfo, field tree) and write text; the TUI uses the
 * same summary and label functions, so a golden test on batch output tests what the
 * TUI shows.
 */
#ifndef NETLAB_PRINT_H
#define NETLAB_PRINT_H

#include <stdio.h>

#include "capture/capfile.h"
#include "dissect/dissect.h"

/* Column strings of a dissected packet (escaped, NUL-terminated). */
struct columns {
	char no[12], time[32], src[48], dst[48], len[12];
	const char *proto;	/* static string */
	const char *info;	/* points into pinfo */
};
void print_columns(const struct pinfo *pi, struct columns *cols);
/* tshark's summary line, without the newline; returns its length. */
size_t print_summary(char *buf, size_t n, const struct columns *cols);
/* The -V tree; data_hex: as tshark -V without -x, each Data node's bytes in hex after its line. */
void print_tree(FILE *fp, const struct dtree *t, int data_hex);
/* The hex lines (after a blank line) that tshark prints below a Data node. */
void print_node_data(FILE *fp, const struct dtree *t, const struct fnode *n);
/* The -x dump of every data source (headed by its name when there are several). */
void print_hex(FILE *fp, const struct dtree *t);
/* One hex dump line: "0000  00 11 … 77   ........" for bytes [off, off+16); the
 * offset has as many digits as len - 1 needs, at least 4. */
size_t print_hex_line(char *buf, size_t n, const uint8_t *data, uint32_t len, uint32_t off);

struct convtab;
/* -z conv,tcp / conv,udp: the conversation table of one port type, as tshark. */
void print_conv_table(FILE *fp, const struct convtab *ct, int ptype);
/* A conversation table's heading ("TCP" …) and rows; width: of each endpoint column
 * (26 with ports, 20 without).  Times are relative to the capture's first frame (ns). */
void print_conv_head(FILE *fp, const char *title, int width);
void print_conv_row(FILE *fp, int width, const char *a, const char *b, uint64_t frames_ba,
    uint64_t bytes_ba, uint64_t frames_ab, uint64_t bytes_ab, int64_t first_rel, int64_t last_rel);

struct tcpfollow;
enum follow_mode { FOLLOW_ASCII, FOLLOW_HEX, FOLLOW_RAW };
/* -z follow,tcp,MODE,N: one stream's bytes, as tshark. */
void print_follow(FILE *fp, const struct tcpfollow *f, enum follow_mode mode);

enum out_fmt { OUT_DEFAULT, OUT_FIELDS };

/* What the batch printer shows (filled from the command line by src/mode/). */
struct batch_config {
	int verbose;			/* -V */
	int hex;			/* -x */
	enum out_fmt out;		/* -T */
	const char *const *fields;	/* -e, nfields of them */
	int nfields;
	char separator;			/* -E separator= */
	char occurrence_sep;		/* -E aggregator= */
	char quote;			/* -E quote= */
	const char *display_filter;	/* -Y, NULL = none */
	const char *const *stats;	/* -z, nstats of them */
	int nstats;
	int print;			/* -P */
	int quiet;			/* -q */
	const char *write_file;		/* -w: packets are saved (no lines unless -P) */
	long count;			/* -c: stop after COUNT packets, 0 = all */
};

struct batch;
/* Sets up the outputs -V/-x/-T fields/-Y/-z ask for; NULL with a message in errbuf.
 * o must outlive the batch. */
struct batch *batch_new(const struct batch_config *o, FILE *out, char *errbuf, size_t n);
/* Dissects and prints one packet; linktype/ifid/ifname describe its interface.
 * Returns -1 when the output failed (e.g. EPIPE), 0 otherwise. */
int batch_packet(struct batch *b, const struct pkt_rec *rec, const struct capfile_iface *ifc);
/* Ends the run: -z statistics, flush; returns the exit status. */
int batch_end(struct batch *b);
void batch_free(struct batch *b);
/* The source records interfaces (pcapng, live): show frame.interface_id. */
void batch_set_if_known(struct batch *b, int known);

struct capfile;
struct capfilter;
struct capwriter;
/* Prints every packet of cf through b (one pass, or two when -Y needs less than the
 * output: the packets pass 1 matched, from its copies of their records): -f (bpf,
 * or NULL) drops packets first, -w (w, or NULL) saves what matched; -c counts.
 * Returns 0, or 2 after a message on stderr (damage in the file, a write error).
 * The caller closes w and ends the batch (batch_end). */
int batch_run_file(struct batch *b, struct capfile *cf, struct capfilter *bpf,
    struct capwriter *w);

#endif
