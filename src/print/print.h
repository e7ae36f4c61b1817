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
/* The Time column's format: tshark's -t (the order of time_col_names) and -u hms. */
enum time_col {
	TCOL_REL, TCOL_ABS, TCOL_ABS_YMD, TCOL_ABS_DOY, TCOL_DELTA, TCOL_DELTA_DISP,
	TCOL_EPOCH, TCOL_UTC, TCOL_UTC_YMD, TCOL_UTC_DOY, TCOL_COL_N
};
struct time_display {
	enum time_col col;
	int hms;		/* spans (r, d, dd) as "1h  2m  3.5s" */
};
/* -t's name of a format ("r", "ad", …), and back (-1: unknown). */
const char *time_col_name(enum time_col c);
const char *time_col_desc(enum time_col c);	/* "seconds since the first packet" */
int time_col_parse(const char *name);
void print_columns(const struct pinfo *pi, const struct time_display *td, struct columns *cols);
/* tshark's summary line, without the newline; returns its length. */
size_t print_summary(char *buf, size_t n, const struct columns *cols);
/* The -V tree; data_hex: as tshark -V without -x, each Data node's bytes in hex after its line;
 * only (-O, NULL = all): comma-separated protocols shown whole, the others by their top line. */
void print_tree(FILE *fp, const struct dtree *t, int data_hex, const char *only);
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
enum follow_mode { FOLLOW_ASCII, FOLLOW_HEX, FOLLOW_RAW, FOLLOW_YAML };
/* -z follow,tcp,MODE,N: one stream's bytes, as tshark. */
void print_follow(FILE *fp, const struct tcpfollow *f, enum follow_mode mode);

/* -T: text (summary lines, -V, -x), fields, and the structured documents */
enum out_fmt { OUT_DEFAULT, OUT_FIELDS, OUT_JSON, OUT_EK, OUT_PDML, OUT_PSML };

/* The -e fields of one packet: column i shows the nodes of fields[i] in tree order,
 * from head[same_as[i]] linked by next[] (0 ends); same_as[i] < i repeats a column. */
struct fieldsel {
	const struct field_def *const *fields;
	int nfields;
	const int16_t *same_as;
	const uint32_t *head, *next;
};

/* -T json, ek, pdml, psml (doc.c, json.c, pdml.c): a document of one record per packet,
 * tshark's layout, as o asks (-T, -x, -j/-J; the input's name for PDML's head).  o
 * must outlive the doc. */
struct doc;
struct batch_config;
/* NULL when o->out is not a document (text, fields). */
struct doc *doc_new(const struct batch_config *o);
/* One packet's record: t holds the labelled tree (NULL for psml); sel the -e fields
 * (NULL: the whole tree).  Returns -1 when the write failed. */
int doc_packet(struct doc *d, FILE *fp, const struct dtree *t, const struct pinfo *pi,
    const struct fieldsel *sel);
/* The document's tail; returns -1 when the write failed. */
int doc_end(struct doc *d, FILE *fp);
void doc_free(struct doc *d);

/* What the batch printer shows (filled from the command line by src/mode/). */
struct batch_config {
	int verbose;			/* -V (or -O) */
	const char *detail_only;	/* -O: protocols shown whole in -V, NULL = all */
	struct time_display time;	/* -t, -u */
	int flush_each;			/* -l: flush after each packet */
	int hex;			/* -x */
	enum out_fmt out;		/* -T */
	const char *const *fields;	/* -e, nfields of them */
	int nfields;
	char separator;			/* -E separator= */
	char occurrence_sep;		/* -E aggregator= */
	char quote;			/* -E quote= */
	const char *display_filter;	/* -Y, NULL = none */
	const char *const *stats;	/* -z, nstats of them */
	const char *export_objects;	/* --export-objects PROTOCOL,DIR, NULL = none */
	int nstats;
	int print;			/* -P */
	int quiet;			/* -q */
	const char *write_file;		/* -w: packets are saved (no lines unless -P) */
	long count;			/* -c: stop after COUNT packets, 0 = all */
	const char *capture_file;	/* -r, for -T pdml's head (NULL: live) */
	const char *proto_filter;	/* -j/-J: the nodes -T json expands, NULL = all */
	int proto_filter_top;		/* -J: the top-level ones, with all below */
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
