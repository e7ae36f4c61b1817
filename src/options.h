/* options.h — the command line, parsed from one table (options.c).
 *
 * The table is the single source of --help, the man page check (tests) and
 * getopt_long's arguments; every option netlab-tui has is a row there.
 */
#ifndef NETLAB_OPTIONS_H
#define NETLAB_OPTIONS_H

#include <stdint.h>
#include <stdio.h>

#include "capture/capture.h"	/* CAP_MAX_IFACES */
#include "print/print.h"	/* enum out_fmt */

#define OPT_MAX_IFACES CAP_MAX_IFACES
#define OPT_MAX_FIELDS 256

struct options {
	/* sources */
	const char *read_file;			/* -r */
	const char *ifaces[OPT_MAX_IFACES];	/* -i (repeatable) */
	int nifaces;
	int list_ifaces;			/* -D */
	const char *capture_filter;		/* -f */
	const char *remote_filter;		/* --remote-filter */
	int snaplen;				/* -s, 0 = default */
	int bufsize_mib;			/* -B, 0 = default */
	long count;				/* -c, 0 = unlimited */
	double autostop_duration;		/* -a duration:SEC */
	long autostop_packets;			/* -a packets:N */
	long autostop_filesize_kb;		/* -a filesize:KB */
	const char *write_file;			/* -w */
	long ring_filesize_kb;			/* -b filesize:KB, 0 = none */
	double ring_duration;			/* -b duration:SEC, 0 = none */
	long ring_files;			/* -b files:N, 0 = keep every file */
	int write_pcapng;			/* -F pcapng */
	const char *user;			/* -Z */
	double replay_speed;			/* --replay[=SPEED], 0 = off */
	int recover;				/* --recover: read_file is a leftover live capture */

	/* output */
	const char *display_filter;		/* -Y */
	int print;				/* -P */
	int quiet;				/* -q */
	int no_resolve;				/* -n (always on: we never resolve) */
	int verbose;				/* -V (also set by -O) */
	const char *detail_only;		/* -O PROTOS: only these in full */
	int time_col;				/* -t (enum time_col) */
	int time_hms;				/* -u hms */
	int line_flush;				/* -l */
	const char *decode_as[16];		/* -d LAYER==SELECTOR,PROTO */
	int ndecode_as;
	const char *prefs[16];			/* -o NAME:VALUE */
	int nprefs;
	int two_pass;				/* -2 (batch mode chooses its passes itself) */
	int hex;				/* -x */
	enum out_fmt out;			/* -T */
	const char *fields[OPT_MAX_FIELDS];	/* -e */
	int nfields;
	char separator;				/* -E separator= */
	int header;				/* -E header=y */
	char occurrence_sep;			/* -E aggregator= */
	char quote;				/* -E quote= */
	const char *proto_filter;		/* -j or -J: protocols -T json expands */
	int proto_filter_top;			/* -J: top-level ones, with all below */
	const char *stats[8];			/* -z */
	int nstats;
	const char *export_objects;		/* --export-objects */
	const char *glossary;			/* -G */
	int flow;				/* --flow */
	long flow_stream;			/* --flow=N, -1 = all */
	int headless;				/* --headless */
	long headless_seed;			/* --headless=SEED */

	/* server and lab */
	const char *serve;			/* --serve[=ADDR:PORT], NULL = off */
	int no_ui;				/* --no-ui */
	const char *www;			/* --www DIR */
	const char *name, *student_id, *major;
	int request_timeout_ms;			/* --request-timeout SEC, 0 = default */
	int max_client_conns;			/* --max-client-conns N, 0 = default */
	int visit;				/* --visit */
	int lab;				/* --lab */
};

/* Parses argv; on a usage error prints a message and exits 1; --help and --version
 * print and exit 0. */
void opt_parse(struct options *o, int argc, char **argv);

#endif
