/* main.c — picks the job from the options: a glossary, the interface list, the
 * server alone, batch printing (tshark-like) or the TUI. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "core/timefmt.h"
#include "options.h"
#include "print/print.h"
#include "server/servecli.h"

/* Batch mode: output is not a terminal, or an option only batch mode has. */
static int want_batch(const struct options *o)
{
	return !isatty(STDOUT_FILENO) || o->print || o->verbose || o->hex ||
	    o->out == OUT_FIELDS || o->nstats || o->flow || o->quiet || o->write_file;
}

int main(int argc, char **argv)
{
	struct options o;

	opt_parse(&o, argc, argv);
	timefmt_init();
	signal(SIGPIPE, SIG_IGN);

	if (o.glossary)
		return glossary_main(o.glossary);
	/* -- capture engine: -D, live capture (capture/) -- */
	/* -- built-in server: --serve --no-ui, --visit (server/) -- */
	if (o.visit)
		return visit_main(&o);
	if (o.serve && o.no_ui)
		return httpd_main(&o);
	if (o.read_file && want_batch(&o))
		return batch_file_main(&o);
	/* -- TUI and lab mode (ui/) -- */
	if (o.read_file)
		return batch_file_main(&o);
	fprintf(stderr, "netlab-tui: nothing to do yet without -r FILE; see --help\n");
	return 1;
}
