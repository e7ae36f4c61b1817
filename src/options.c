/* options.c — the option table, getopt_long and usage, all derived from one table. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "capture/capture.h"

#define OPT_STR_(x) #x
#define OPT_STR(x) OPT_STR_(x)	/* a macro's value as a string literal */

struct opt_row {
	const char *lname;	/* long name or NULL */
	int sname;		/* short letter or 0 */
	int has_arg;		/* no_argument, required_argument, optional_argument */
	const char *arg;	/* argument name for usage */
	const char *help;
	void (*set)(struct options *o, const char *arg);
	int key;		/* getopt_long value: sname or 256 + index */
};

static long num_arg(const char *opt, const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < lo || v > hi) {
		fprintf(stderr, "netlab-tui: invalid %s \"%s\": expected a number from %ld to %ld\n",
		    opt, s, lo, hi);
		exit(1);
	}
	return v;
}

static void set_r(struct options *o, const char *a) { o->read_file = a; }
static void set_i(struct options *o, const char *a)
{
	if (o->nifaces == OPT_MAX_IFACES) {
		fprintf(stderr, "netlab-tui: at most %d interfaces (-i)\n", OPT_MAX_IFACES);
		exit(1);
	}
	o->ifaces[o->nifaces++] = a;
}
static void set_D(struct options *o, const char *a) { o->list_ifaces = 1; }
static void set_f(struct options *o, const char *a) { o->capture_filter = a; }
static void set_remote_filter(struct options *o, const char *a) { o->remote_filter = a; }
static void set_s(struct options *o, const char *a) { o->snaplen = (int)num_arg("snapshot length (-s)", a, 0, CAP_DEFAULT_SNAPLEN); }
static void set_B(struct options *o, const char *a) { o->bufsize_mib = (int)num_arg("buffer size in MiB (-B)", a, 1, 4096); }
static void set_c(struct options *o, const char *a) { o->count = num_arg("packet count (-c)", a, 1, 2000000000); }
static void set_w(struct options *o, const char *a) { o->write_file = a; }
static void set_Z(struct options *o, const char *a) { o->user = a; }
static void set_Y(struct options *o, const char *a) { o->display_filter = a; }
static void set_P(struct options *o, const char *a) { o->print = 1; }
static void set_q(struct options *o, const char *a) { o->quiet = 1; }
static void set_n(struct options *o, const char *a) { o->no_resolve = 1; }
static void set_V(struct options *o, const char *a) { o->verbose = 1; }
static void set_x(struct options *o, const char *a) { o->hex = 1; }
static void set_export_objects(struct options *o, const char *a) { o->export_objects = a; }
static void set_O(struct options *o, const char *a) { o->detail_only = a; o->verbose = 1; }
static void set_l(struct options *o, const char *a) { o->line_flush = 1; }
static void set_2(struct options *o, const char *a) { o->two_pass = 1; }

/* A repeatable option's next argument, at most max of them. */
static void push_arg(const char **arr, int *n, int max, const char *what, const char *a)
{
	if (*n == max) {
		fprintf(stderr, "netlab-tui: at most %d %s\n", max, what);
		exit(1);
	}
	arr[(*n)++] = a;
}

static void set_d(struct options *o, const char *a)
{
	push_arg(o->decode_as, &o->ndecode_as, 16, "decode-as rules (-d)", a);
}

static void set_o(struct options *o, const char *a)
{
	push_arg(o->prefs, &o->nprefs, 16, "preferences (-o)", a);
}

static void set_t(struct options *o, const char *a)
{
	int c = time_col_parse(a);

	if (c < 0) {
		fprintf(stderr, "netlab-tui: invalid time format \"%s\" (-t): use "
		    "a|ad|adoy|d|dd|e|r|u|ud|udoy\n", a);
		exit(1);
	}
	o->time_col = c;
}

static void set_u(struct options *o, const char *a)
{
	if (strcmp(a, "s") == 0 || strcmp(a, "hms") == 0)
		o->time_hms = a[0] == 'h';
	else {
		fprintf(stderr, "netlab-tui: invalid seconds format \"%s\" (-u): use s or hms\n", a);
		exit(1);
	}
}

static void set_G(struct options *o, const char *a) { o->glossary = a; }
static void set_no_ui(struct options *o, const char *a) { o->no_ui = 1; }
static void set_www(struct options *o, const char *a) { o->www = a; }
static void set_name(struct options *o, const char *a) { o->name = a; }
static void set_sid(struct options *o, const char *a) { o->student_id = a; }
static void set_major(struct options *o, const char *a) { o->major = a; }
static void set_visit(struct options *o, const char *a) { o->visit = 1; }
static void set_lab(struct options *o, const char *a) { o->lab = 1; }
static void set_recover(struct options *o, const char *a) { o->recover = 1; }
static void set_serve(struct options *o, const char *a) { o->serve = a ? a : "127.0.0.1:8080"; }
static void set_max_client_conns(struct options *o, const char *a)
{
	o->max_client_conns = (int)num_arg("--max-client-conns", a, 1, 256);
}

static void set_request_timeout(struct options *o, const char *a)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(a, &end);
	if (errno || end == a || *end || !(v >= 0.1 && v <= 3600)) {
		fprintf(stderr, "netlab-tui: invalid --request-timeout \"%s\": expected seconds from "
		    "0.1 to 3600\n", a);
		exit(1);
	}
	o->request_timeout_ms = (int)(v * 1000 + 0.5);
}

static void set_F(struct options *o, const char *a)
{
	if (strcmp(a, "pcapng") == 0)
		o->write_pcapng = 1;
	else if (strcmp(a, "pcap") == 0 || strcmp(a, "libpcap") == 0)
		o->write_pcapng = 0;
	else {
		fprintf(stderr, "netlab-tui: unknown file format \"%s\" (-F): use pcap or pcapng\n", a);
		exit(1);
	}
}

static const struct {
	const char *name;
	enum out_fmt fmt;
} out_fmts[] = {
	{ "text", OUT_DEFAULT }, { "fields", OUT_FIELDS }, { "json", OUT_JSON }, { "ek", OUT_EK },
	{ "pdml", OUT_PDML }, { "psml", OUT_PSML },
};

static void set_T(struct options *o, const char *a)
{
	for (size_t i = 0; i < sizeof(out_fmts) / sizeof(out_fmts[0]); i++)
		if (strcmp(a, out_fmts[i].name) == 0) {
			o->out = out_fmts[i].fmt;
			return;
		}
	fprintf(stderr, "netlab-tui: invalid -T parameter \"%s\": use", a);
	for (size_t i = 0; i < sizeof(out_fmts) / sizeof(out_fmts[0]); i++)
		fprintf(stderr, "%s %s", i ? "," : "", out_fmts[i].name);
	fputc('\n', stderr);
	exit(1);
}

static void set_e(struct options *o, const char *a)
{
	if (o->nfields == OPT_MAX_FIELDS) {
		fprintf(stderr, "netlab-tui: too many fields (-e), at most %d\n", OPT_MAX_FIELDS);
		exit(1);
	}
	o->fields[o->nfields++] = a;
}

static void set_j(struct options *o, const char *a)
{
	o->proto_filter = a;
	o->proto_filter_top = 0;
}

static void set_J(struct options *o, const char *a)
{
	o->proto_filter = a;
	o->proto_filter_top = 1;
}

static char sep_char(const char *v)
{
	if (strcmp(v, "/t") == 0)
		return '\t';
	if (strcmp(v, "/s") == 0)
		return ' ';
	return v[0];
}

static void set_E(struct options *o, const char *a)
{
	const char *eq = strchr(a, '=');
	size_t k = eq ? (size_t)(eq - a) : 0;
	const char *v = eq ? eq + 1 : "";

	if (eq && k == 9 && strncmp(a, "separator", k) == 0 && *v)
		o->separator = sep_char(v);
	else if (eq && k == 6 && strncmp(a, "header", k) == 0)
		o->header = *v == 'y';
	else if (eq && k == 10 && strncmp(a, "aggregator", k) == 0 && *v)
		o->occurrence_sep = sep_char(v);
	else if (eq && k == 5 && strncmp(a, "quote", k) == 0)
		o->quote = *v == 'd' ? '"' : *v == 's' ? '\'' : 0;
	else {
		fprintf(stderr, "netlab-tui: invalid -E parameter \"%s\"\n", a);
		exit(1);
	}
}

static void set_z(struct options *o, const char *a)
{
	push_arg(o->stats, &o->nstats, 8, "statistics (-z)", a);
}

static void set_a(struct options *o, const char *a)
{
	const char *v = strchr(a, ':');

	if (v && strncmp(a, "duration:", 9) == 0) {
		char *end;
		o->autostop_duration = strtod(v + 1, &end);
		if (*end || o->autostop_duration <= 0)
			goto bad;
	} else if (v && strncmp(a, "packets:", 8) == 0)
		o->autostop_packets = num_arg("-a packets", v + 1, 1, 2000000000);
	else if (v && strncmp(a, "filesize:", 9) == 0)
		o->autostop_filesize_kb = num_arg("-a filesize", v + 1, 1, 2000000000);
	else
		goto bad;
	return;
bad:
	fprintf(stderr, "netlab-tui: invalid autostop \"%s\" (-a): use duration:SEC, packets:N or filesize:KB\n", a);
	exit(1);
}

static void set_b(struct options *o, const char *a)
{
	const char *v = strchr(a, ':');

	if (v && strncmp(a, "duration:", 9) == 0) {
		char *end;
		o->ring_duration = strtod(v + 1, &end);
		if (*end || !(o->ring_duration > 0))
			goto bad;
	} else if (v && strncmp(a, "filesize:", 9) == 0)
		o->ring_filesize_kb = num_arg("-b filesize", v + 1, 1, 2000000000);
	else if (v && strncmp(a, "files:", 6) == 0)
		o->ring_files = num_arg("-b files", v + 1, 1, 100000);
	else
		goto bad;
	return;
bad:
	fprintf(stderr, "netlab-tui: invalid ring buffer option \"%s\" (-b): use filesize:KB, duration:SEC or files:N\n", a);
	exit(1);
}

static void set_flow(struct options *o, const char *a)
{
	o->flow = 1;
	o->flow_stream = a ? num_arg("--flow stream", a, 0, 2000000000) : -1;
}

static void set_headless(struct options *o, const char *a)
{
	o->headless = 1;
	o->headless_seed = a ? num_arg("--headless seed", a, 0, 2000000000) : 1;
}

static void set_replay(struct options *o, const char *a)
{
	char *end;

	o->replay_speed = 1.0;
	if (a) {
		o->replay_speed = strtod(a, &end);
		if (*end || !(o->replay_speed > 0 && o->replay_speed <= 1e6)) {
			fprintf(stderr, "netlab-tui: invalid replay speed \"%s\": a factor such as 1, 0.5 or 10\n", a);
			exit(1);
		}
	}
}

static void set_help(struct options *o, const char *a);
static void set_version(struct options *o, const char *a);

static struct opt_row rows[] = {
	{ "read-file", 'r', required_argument, "FILE", "read packets from a pcap or pcapng FILE (\"-\" = standard input)", set_r, 0 },
	{ "interface", 'i', required_argument, "IFACE", "capture live on IFACE (repeatable; \"any\" for all; ssh://[USER@]HOST[:PORT]/IFACE runs tcpdump there through ssh)", set_i, 0 },
	{ "list-interfaces", 'D', no_argument, NULL, "list the interfaces that can be captured on and exit", set_D, 0 },
	{ NULL, 'f', required_argument, "BPF", "capture filter in libpcap syntax (also applied to files)", set_f, 0 },
	{ "remote-filter", 0, required_argument, "BPF", "the filter tcpdump runs on an ssh:// interface's host (default: not its ssh port; \"\" for none)", set_remote_filter, 0 },
	{ "snapshot-length", 's', required_argument, "SNAPLEN", "bytes to capture per packet (default " OPT_STR(CAP_DEFAULT_SNAPLEN) ")", set_s, 0 },
	{ "buffer-size", 'B', required_argument, "MIB", "kernel capture buffer size in MiB (default 16)", set_B, 0 },
	{ NULL, 'c', required_argument, "COUNT", "stop after COUNT packets", set_c, 0 },
	{ "autostop", 'a', required_argument, "COND", "stop after duration:SEC, packets:N or filesize:KB", set_a, 0 },
	{ NULL, 'w', required_argument, "FILE", "write packets to a capture FILE (\"-\" = standard output)", set_w, 0 },
	{ NULL, 'b', required_argument, "COND", "-w ring buffer of live captures: new file at filesize:KB or duration:SEC, keep files:N", set_b, 0 },
	{ NULL, 'F', required_argument, "FORMAT", "file format for -w: pcap (default) or pcapng", set_F, 0 },
	{ NULL, 'Z', required_argument, "USER", "drop privileges to USER once capture has started (default: $SUDO_USER)", set_Z, 0 },
	{ "recover", 0, no_argument, NULL, "open the newest live capture an earlier run left in $TMPDIR (lost terminal, crash)", set_recover, 0 },
	{ "replay", 0, optional_argument, "SPEED", "play the -r file at its original pace times SPEED, as if live", set_replay, 0 },
	{ "display-filter", 'Y', required_argument, "FILTER", "show only packets matching the display FILTER (Wireshark syntax)", set_Y, 0 },
	{ NULL, 'P', no_argument, NULL, "print packet summaries (also while writing with -w; forces batch mode)", set_P, 0 },
	{ NULL, 'q', no_argument, NULL, "quiet: no per-packet output (with -z, -w)", set_q, 0 },
	{ NULL, 'n', no_argument, NULL, "no name resolution (always on; accepted for tshark compatibility)", set_n, 0 },
	{ NULL, 'V', no_argument, NULL, "print the detail tree of each packet", set_V, 0 },
	{ NULL, 'x', no_argument, NULL, "print a hex and ASCII dump of each packet (alone: only the dump)", set_x, 0 },
	{ NULL, 'd', required_argument, "LAYER==PORT,PROTO", "decode as: tcp.port==5174,http or udp.port==5000-5010,dns (repeatable)", set_d, 0 },
	{ NULL, 'o', required_argument, "NAME:VALUE", "a preference, as tshark's: tcp.relative_sequence_numbers, tcp.calculate_timestamps, tcp.track_bytes_in_flight (TRUE|FALSE; repeatable)", set_o, 0 },
	{ NULL, 'O', required_argument, "PROTOS", "like -V, but only the comma-separated PROTOS in full (the others by their top line)", set_O, 0 },
	{ NULL, 't', required_argument, "FORMAT", "Time column: r (since the first packet, default), a|ad|adoy (local time, with date, with day of year), u|ud|udoy (UTC), e (epoch), d|dd (since the previous captured|displayed packet)", set_t, 0 },
	{ NULL, 'u', required_argument, "s|hms", "seconds of relative and delta times: s (default) or hms (1h 2m 3.5s)", set_u, 0 },
	{ NULL, 'l', no_argument, NULL, "flush the output after each packet", set_l, 0 },
	{ NULL, '2', no_argument, NULL, "two-pass analysis: accepted for tshark compatibility, without effect", set_2, 0 },
	{ NULL, 'T', required_argument, "FORMAT", "output format: text (default), fields, json, ek, pdml or psml (tshark's layouts)", set_T, 0 },
	{ NULL, 'e', required_argument, "FIELD", "field to print with -T fields, json or ek (repeatable)", set_e, 0 },
	{ NULL, 'j', required_argument, "PROTOS", "-T json: expand only the nodes named in the space-separated list", set_j, 0 },
	{ NULL, 'J', required_argument, "PROTOS", "-T json: expand only the listed top-level protocols, with all below", set_J, 0 },
	{ NULL, 'E', required_argument, "OPT=VAL", "-T fields options: separator=/t|/s|C, header=y|n, aggregator=C, quote=d|s|n", set_E, 0 },
	{ NULL, 'z', required_argument, "STAT", "statistics: conv|endpoints,eth|ip|ipv6|tcp|udp  follow,tcp|udp,ascii|hex|raw|yaml,N  io,phs[,F]  io,stat,SECS[,F,...]  plen|ptype|http|http_req|http_srv,tree[,F]", set_z, 0 },
	{ "export-objects", 0, required_argument, "http,DIR", "save the bodies of the HTTP messages into DIR, named as tshark names them", set_export_objects, 0 },
	{ NULL, 'G', required_argument, "REPORT", "print a glossary (fields, protocols) and exit", set_G, 0 },
	{ "flow", 0, optional_argument, "STREAM", "print the TCP ladder with endpoint states (all streams or one)", set_flow, 0 },
	{ "headless", 0, optional_argument, "SEED", "run the TUI's views without a terminal and print them as text (tests)", set_headless, 0 },
	{ "serve", 0, optional_argument, "ADDR:PORT", "start the built-in web server (default 127.0.0.1:8080); with -i or -r the TUI shows that source while it serves", set_serve, 0 },
	{ "no-ui", 0, no_argument, NULL, "with --serve: run only the server until SIGINT/SIGTERM", set_no_ui, 0 },
	{ "www", 0, required_argument, "DIR", "serve DIR instead of the built-in lab page", set_www, 0 },
	{ "name", 0, required_argument, "NAME", "your name on the built-in page", set_name, 0 },
	{ "student-id", 0, required_argument, "ID", "your student ID on the built-in page", set_sid, 0 },
	{ "major", 0, required_argument, "MAJOR", "your major on the built-in page", set_major, 0 },
	{ "request-timeout", 0, required_argument, "SEC", "server: a request's head and body must arrive within SEC seconds (default 10)", set_request_timeout, 0 },
	{ "max-client-conns", 0, required_argument, "N", "server: connections one client address may hold (default 128, at most 256)", set_max_client_conns, 0 },
	{ "visit", 0, no_argument, NULL, "run a browser-like visit against the server (batch)", set_visit, 0 },
	{ "lab", 0, no_argument, NULL, "lab mode: server, capture on lo, visit, TUI (the default with no source)", set_lab, 0 },
	{ "help", 'h', no_argument, NULL, "show this help and exit", set_help, 0 },
	{ "version", 'v', no_argument, NULL, "show the version and exit", set_version, 0 },
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

static void opt_usage(FILE *fp)
{
	fprintf(fp, "Usage: netlab-tui [options]\n"
	    "A terminal packet inspector for the networks lab: Wireshark-like panes,\n"
	    "a TCP state diagram, a built-in web server, tshark-compatible batch output.\n\n"
	    "With no capture source it runs the lab: server, capture on lo, visit, TUI.\n"
	    "When standard output is not a terminal (or with -P, -V, -x, -T, -z, --flow)\n"
	    "it prints like tshark instead of opening the TUI.\n\nOptions:\n");
	for (size_t i = 0; i < NROWS; i++) {
		const struct opt_row *r = &rows[i];
		char left[64];
		int k = 0;

		if (r->sname)
			k += snprintf(left + k, sizeof(left) - (size_t)k, "-%c", r->sname);
		if (r->sname && r->lname)
			k += snprintf(left + k, sizeof(left) - (size_t)k, ", ");
		if (r->lname)
			k += snprintf(left + k, sizeof(left) - (size_t)k, "--%s", r->lname);
		if (r->arg && r->has_arg == required_argument)
			snprintf(left + k, sizeof(left) - (size_t)k, " %s", r->arg);
		else if (r->arg)
			snprintf(left + k, sizeof(left) - (size_t)k, r->lname ? "[=%s]" : " [%s]", r->arg);
		fprintf(fp, "  %-28s %s\n", left, r->help);
	}
	fprintf(fp, "\nKeys in the TUI: press ? or F1.  See netlab-tui(1).\n");
}

static void set_help(struct options *o, const char *a)
{
	opt_usage(stdout);
	exit(0);
}

static void set_version(struct options *o, const char *a)
{
	printf("netlab-tui %s\n", PACKAGE_VERSION);
	exit(0);
}

void opt_parse(struct options *o, int argc, char **argv)
{
	struct option lopts[NROWS + 1];
	char sopts[NROWS * 3 + 2];
	size_t nl = 0, ns = 0;
	int ch;

	memset(o, 0, sizeof(*o));
	o->separator = '\t';
	o->occurrence_sep = ',';
	o->flow_stream = -1;
	sopts[ns++] = '+';
	for (size_t i = 0; i < NROWS; i++) {
		struct opt_row *r = &rows[i];
		r->key = r->sname ? r->sname : 256 + (int)i;
		if (r->lname)
			lopts[nl++] = (struct option){ r->lname, r->has_arg, NULL, r->key };
		if (r->sname) {
			sopts[ns++] = (char)r->sname;
			if (r->has_arg != no_argument)
				sopts[ns++] = ':';
			if (r->has_arg == optional_argument)
				sopts[ns++] = ':';
		}
	}
	sopts[ns] = '\0';
	memset(&lopts[nl], 0, sizeof(lopts[nl]));
	opterr = 0;
	while ((ch = getopt_long(argc, argv, sopts, lopts, NULL)) != -1) {
		size_t i;
		if (ch == '?' || ch == ':') {
			if (optopt && optopt < 256)
				fprintf(stderr, "netlab-tui: option -%c %s\n", optopt,
				    strchr(sopts, optopt) ? "requires an argument" : "is unknown");
			else
				fprintf(stderr, "netlab-tui: unknown or incomplete option \"%s\"\n",
				    argv[optind - 1]);
			fprintf(stderr, "Try 'netlab-tui --help'.\n");
			exit(1);
		}
		for (i = 0; i < NROWS && rows[i].key != ch; i++)
			;
		if (i < NROWS)
			rows[i].set(o, optarg);
	}
	if (optind < argc) {
		/* tshark takes a trailing capture/display filter; we take a display filter */
		if (optind + 1 == argc && !o->display_filter)
			o->display_filter = argv[optind];
		else {
			fprintf(stderr, "netlab-tui: unexpected argument \"%s\"\nTry 'netlab-tui --help'.\n",
			    argv[optind]);
			exit(1);
		}
	}
}
