/* ui.h — the curses front end (issue 7).
 *
 * ui_main() runs the TUI on the source the options name (-r FILE now; live sources
 * through the capture engine) until the user quits; it owns the terminal for that
 * time and restores it on every exit path (return, SIGINT/SIGTERM/SIGHUP, fatal()).
 * ui_run() is the same with handles created by the caller (lab mode: a running
 * server, a live capture).  Both return the process exit status.
 */
#ifndef NETLAB_UI_H
#define NETLAB_UI_H

#include <stdio.h>

#include "options.h"

struct httpd;
struct httpd_config;

struct ui_config {
	const struct options *o;
	struct httpd *server;	/* running server shown in the status bar, or NULL; the
				 * UI stops and frees it on exit */
	const struct httpd_config *server_cfg;	/* lets `s` restart it; NULL: no server key */
	const char *notice;	/* first status message (lab mode), or NULL */
	int visit_at_start;	/* run a visit once capture has started */
	int server_wanted_port;	/* the port the server wanted when it fell back to another
				 * (shown while it runs), or 0 */
};

int ui_main(const struct options *o);
/* --headless[=SEED]: the TUI's views of the source as text, no terminal (headless.c). */
int ui_headless_main(const struct options *o);
int ui_run(const struct ui_config *cfg);

/* The KEYS section of the man page (mdoc), generated from the key tables. */
void ui_keys_mdoc(FILE *fp);

#endif
