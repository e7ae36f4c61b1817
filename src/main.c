/* main.c — picks the job from the options: a glossary, the interface list, the
 * server alone, batch printing (tshark-like) or the TUI (the jobs: src/mode/). */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/capture.h"
#include "capture/spool.h"
#include "core/timefmt.h"
#include "dissect/prefs.h"
#include "dissect/registry.h"
#include "mode/lab.h"
#include "mode/mode.h"
#include "options.h"
#include "print/print.h"
#include "ui/ui.h"

/* Batch mode: output is not a terminal, or an option only batch mode has. */
static int want_batch(const struct options *o)
{
	return !isatty(STDOUT_FILENO) || o->print || o->verbose || o->hex ||
	    o->out != OUT_DEFAULT || o->nstats || o->flow || o->quiet || o->write_file ||
	    o->export_objects;
}

/* -- capture engine (capture/): live batch printing through the batch printer -- */
struct live_print {
	struct batch *b;
	const struct options *o;
	struct capfile_iface ifc;	/* the packet's interface, as a pcapng file has it */
};

static int live_print_packet(void *ctx, const struct pkt_rec *rec)
{
	struct live_print *lp = ctx;
	const char *name = rec->ifid < (uint32_t)lp->o->nifaces ? lp->o->ifaces[rec->ifid] : "";

	snprintf(lp->ifc.name, sizeof(lp->ifc.name), "%s", name);
	return batch_packet(lp->b, rec, &lp->ifc) < 0 ? -1 : 0;
}

static int live_main(const struct options *o)
{
	struct live_print lp = { NULL, o, { .section = 1, .time_digits = 9 } };	/* ns, as dumpcap */
	struct batch_config bc;
	char errbuf[1024];
	int st, st2;

	if ((!o->write_file || o->print) && !(o->quiet && !o->nstats)) {
		mode_batch_config(o, &bc);
		lp.b = batch_new(&bc, stdout, errbuf, sizeof(errbuf));
		if (!lp.b) {
			fprintf(stderr, "netlab-tui: %s\n", errbuf);
			return 2;
		}
		batch_set_if_known(lp.b, 1);
	}
	st = mode_capture_batch(o, lp.b ? live_print_packet : NULL, &lp);
	if (lp.b) {
		st2 = batch_end(lp.b);
		batch_free(lp.b);
		if (st == 0)
			st = st2;
	}
	return st;
}
/* -- end capture engine -- */

/* -- lab mode: the server, a capture on lo (or the bundled capture), a visit -- */
static int lab_main(struct options *o)
{
	struct ui_config cfg;
	struct ui_options uo;
	char errbuf[512];
	struct lab *l = lab_start(o, errbuf, sizeof(errbuf));
	int st;

	if (!l) {
		fprintf(stderr, "netlab-tui: %s\n", errbuf);
		return 2;
	}
	if (want_batch(o)) {
		fprintf(stderr, "netlab-tui: %s\n", lab_notice(l));
		if (lab_live(l)) {
			if (!o->autostop_duration && !o->count && !o->autostop_packets)
				o->autostop_duration = 3;
			lab_visit_async(l, 500);
			st = live_main(o);
		} else {
			o->replay_speed = 0;
			st = mode_batch_file(o);
		}
		lab_end(l);
		return st;
	}
	mode_ui_options(o, &uo);
	memset(&cfg, 0, sizeof(cfg));
	cfg.o = &uo;
	cfg.server = lab_take_server(l);
	cfg.server_cfg = lab_server_config(l);
	cfg.notice = lab_notice(l);
	cfg.visit_at_start = lab_live(l);
	cfg.server_wanted_port = lab_wanted_port(l);
	st = ui_run(&cfg);
	lab_end(l);
	return st;
}
/* -- end lab mode -- */

/* -- --recover: a live capture the TUI left behind (capture/spool.h) -- */
static char *recovered;		/* a root for leak checkers: lives until exit */

static int recover(struct options *o)
{
	char *paths[16];
	int n;

	if (o->read_file || o->nifaces) {
		fprintf(stderr, "netlab-tui: --recover opens a file of its own: give no -r or -i with it\n");
		return -1;
	}
	n = spool_leftovers(paths, 16);
	if (n == 0) {
		const char *tmp = getenv("TMPDIR");
		fprintf(stderr, "netlab-tui: no live capture was left in %s\n", tmp && *tmp ? tmp : "/tmp");
		return -1;
	}
	recovered = paths[0];
	fprintf(stderr, "netlab-tui: opening %s", recovered);
	if (n > 1) {
		fprintf(stderr, ", the newest of %d left:", n);
		for (int i = 1; i < n && i < 16; i++)
			fprintf(stderr, "%s %s", i > 1 ? "," : "", paths[i]);
	}
	fputc('\n', stderr);
	for (int i = 1; i < n && i < 16; i++)
		free(paths[i]);
	o->read_file = recovered;
	return 0;
}

int main(int argc, char **argv)
{
	struct options o;

	opt_parse(&o, argc, argv);
	timefmt_init();
	signal(SIGPIPE, SIG_IGN);

	for (int i = 0; i < o.ndecode_as + o.nprefs; i++) {	/* -d, -o: for every view */
		char err[512];
		if ((i < o.ndecode_as ? reg_decode_as(o.decode_as[i], err, sizeof(err)) :
		    prefs_set(o.prefs[i - o.ndecode_as], err, sizeof(err))) < 0) {
			fprintf(stderr, "netlab-tui: %s\n", err);
			return 1;
		}
	}
	if (o.glossary)
		return mode_glossary(o.glossary);
	if (o.recover && recover(&o) < 0)
		return 1;
	if ((o.ring_filesize_kb || o.ring_duration > 0 || o.ring_files) &&
	    !(o.write_file && (o.nifaces || o.replay_speed > 0))) {
		fprintf(stderr, "netlab-tui: a ring buffer (-b) is for a capture written to files: "
		    "-i IFACE -w FILE -b ...\n");
		return 1;
	}
	if (o.nifaces && o.write_file && o.display_filter) {
		/* as tshark: -Y selects what is shown, -w saves what is captured */
		fprintf(stderr, "netlab-tui: display filters aren't supported when capturing and "
		    "saving the captured packets; use a capture filter (-f) instead\n");
		return 1;
	}
	/* -- capture engine: -D, live capture (mode/capture.c) -- */
	if (o.list_ifaces)
		return mode_list_ifaces(&o);
	/* -- the TUI's views as text, no terminal (mode/ui.c, ui/headless.c) -- */
	if (o.headless && (o.read_file || o.nifaces))
		return mode_headless(&o);
	if ((o.nifaces && want_batch(&o)) || (o.read_file && o.replay_speed > 0 && want_batch(&o)))
		return live_main(&o);
	/* -- built-in server: --serve --no-ui, --visit (mode/serve.c) -- */
	if (o.visit)
		return mode_visit(&o);
	if (o.serve && o.no_ui)
		return mode_serve(&o);
	/* -- --flow: TCP ladders of a file (mode/flow.c) -- */
	if (o.read_file && o.flow)
		return mode_flow(&o);
	if (o.read_file && want_batch(&o))
		return mode_batch_file(&o);
	/* -- TUI and lab mode (ui/) -- */
	if (!o.lab && !o.serve && (o.read_file || o.nifaces))
		return mode_ui(&o);
	/* the lab, or --serve beside a source: the server runs while the TUI shows it */
	return lab_main(&o);
}
