/* servecli.h — the command-line jobs of the server module (main.c dispatches to them). */
#ifndef NETLAB_SERVECLI_H
#define NETLAB_SERVECLI_H

#include "options.h"

/* --serve[=ADDR:PORT] --no-ui: serve until SIGINT/SIGTERM, the escaped request log on
 * stdout, messages on stderr.  Returns the exit status. */
int httpd_main(const struct options *o);

/* --visit: a browser-like visit against the --serve address (the server runs in this
 * process when --serve is given too, else 127.0.0.1:8080 must be serving); one line
 * per request on stdout.  Returns the exit status. */
int visit_main(const struct options *o);

#endif
