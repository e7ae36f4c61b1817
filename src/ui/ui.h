/* ui.h — the curses front end (issue 7).
 *
 * ui_main() runs the TUI on the source the options name (-r FILE, --replay, live
 * sources through the capture engine) until the user quits; it owns the terminal for
 * that time and restores it on every exit path (return, SIGINT/SIGTERM/SIGHUP, fatal()).
 * ui_run() is the same with handles created by the caller (lab mode: a running
 * server, a live capture).  Both return the process exit status.
 */
#ifndef NETLAB_UI_H
#define NETLAB_UI_H

#include <stdio.h>

struct httpd;
struct httpd_config;

/* The source and limits the TUI works with (filled from the command line by
 * src/mode/); the strings must outlive the UI. */
struct ui_options {
	const char *read_file;		/* -r, NULL = none */
	const char *const *ifaces;	/* -i, nifaces of them (at most CAP_MAX_IFACES) */
	int nifaces;
	double replay_speed;		/* --replay: read_file paced, 0 = off */
	int snaplen;			/* -s, 0 = default */
	int bufsize_mib;		/* -B, 0 = default */
	const char *capture_filter;	/* -f, NULL = none */
	const char *remote_filter;	/* --remote-filter (ssh:// interfaces), NULL = default */
	long count;			/* -c, 0 = unlimited */
	double autostop_duration;	/* -a duration:SEC (headless) */
	const char *user;		/* -Z */
	int recover;			/* read_file is a leftover live capture (--recover) */
	const char *write_file;		/* -w (headless: saves every packet) */
	long headless_seed;		/* --headless=SEED */
	int time_col, time_hms;		/* -t (enum time_col), -u hms */
};

struct ui_config {
	const struct ui_options *o;
	struct httpd *server;	/* running server shown in the status bar, or NULL; the
				 * UI stops and frees it on exit */
	const struct httpd_config *server_cfg;	/* lets `s` restart it; NULL: no server key */
	const char *notice;	/* first status message (lab mode), or NULL */
	int visit_at_start;	/* run a visit once capture has started */
	int server_wanted_port;	/* the port the server wanted when it fell back to another
				 * (shown while it runs), or 0 */
};

int ui_main(const struct ui_options *o);
/* --headless[=SEED]: the TUI's views of the source as text, no terminal (headless.c). */
int ui_headless_main(const struct ui_options *o);
int ui_run(const struct ui_config *cfg);

/* The KEYS section of the man page (mdoc), generated from the key tables. */
void ui_keys_mdoc(FILE *fp);

#endif
