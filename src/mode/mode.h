/* mode.h — the command-line jobs main() dispatches to.
 *
 * Each job reads the options (options.h) and drives the libraries through their own
 * small config structs (batch_config, ui_options, httpd_config, capsrc_set_*); only
 * main.c, options.c and src/mode/ see struct options.  Every job returns the process
 * exit status.
 */
#ifndef NETLAB_MODE_H
#define NETLAB_MODE_H

#include "capture/capfile.h"
#include "options.h"
#include "print/print.h"
#include "ui/ui.h"

/* -- capture.c -- */
/* The live batch loop for -i (and --replay of -r FILE) outside the TUI: opens the
 * sources, drops privileges (-Z), creates -w, starts the capture threads, then drains
 * their rings: writes -w, calls on_packet (NULL for -q or -w alone), honours -c and
 * -a duration:/packets:/filesize:, and ends cleanly on SIGINT/SIGTERM.  Prints
 * "Capturing on ..." and at the end "N packets captured" plus any drops to stderr.
 * on_packet is called for each packet, in the consumer thread; rec is valid during
 * the call only; it returns 0 to go on, > 0 to stop the capture cleanly, < 0 to stop
 * with exit status 1.  Returns the exit status (0, 1 from on_packet, 2 for capture or
 * write errors). */
int mode_capture_batch(const struct options *o,
    int (*on_packet)(void *ctx, const struct pkt_rec *rec), void *ctx);
/* -D: prints the interface list. */
int mode_list_ifaces(const struct options *o);

/* -- batch_file.c -- */
/* The batch printer's settings from the options; o must outlive cfg. */
void mode_batch_config(const struct options *o, struct batch_config *cfg);
/* netlab-tui -r FILE in batch mode. */
int mode_batch_file(const struct options *o);

/* -- flow.c -- */
/* --flow[=STREAM]: read the file once, then print the TCP ladders. */
int mode_flow(const struct options *o);

/* -- serve.c -- */
/* --serve[=ADDR:PORT] --no-ui: serve until SIGINT/SIGTERM, the escaped request log on
 * stdout, messages on stderr. */
int mode_serve(const struct options *o);
/* --visit: a browser-like visit against the --serve address (the server runs in this
 * process when --serve is given too, else 127.0.0.1:8080 must be serving); one line
 * per request on stdout. */
int mode_visit(const struct options *o);

/* -- ui.c -- */
/* The TUI's source and limits from the options; o must outlive uo. */
void mode_ui_options(const struct options *o, struct ui_options *uo);
/* The TUI on the source the options name. */
int mode_ui(const struct options *o);
/* --headless[=SEED]: the TUI's views of the source as text, no terminal. */
int mode_headless(const struct options *o);

#endif
