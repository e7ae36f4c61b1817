/* lab.h — lab mode, the main job: the built-in server, a capture on lo filtered on
 * its port (or, where capturing is not permitted, the bundled lab capture replayed),
 * and browser-like visits run on their own thread.
 */
#ifndef NETLAB_LAB_H
#define NETLAB_LAB_H

#include <stddef.h>

#include "options.h"
#include "server/httpd.h"
#include "server/visit.h"

struct lab;

/* Starts the server (127.0.0.1:8080 or --serve; the next free port up to 8089 when
 * 8080 is taken and no address was given) and points o's source at a live capture on
 * lo with "tcp port P" — or, when capturing is not permitted, at the bundled
 * pcaps/lab.pcap replayed at its pace.  When o already names a source (--serve with -i
 * or -r, without --lab) only the server starts and the source stays.  NULL with a
 * sentence in errbuf when neither works.  o must outlive the lab. */
struct lab *lab_start(struct options *o, char *errbuf, size_t n);
/* The running server; lab_take_server hands it over (the TUI stops it on exit). */
struct httpd *lab_take_server(struct lab *l);
const struct httpd_config *lab_server_config(const struct lab *l);
int lab_live(const struct lab *l);
/* The usual port (8080) when it was in use and the server took another, else 0. */
int lab_wanted_port(const struct lab *l);
/* One line for the status bar or stderr: what runs, or why capture fell back. */
const char *lab_notice(const struct lab *l);
/* Batch mode: visits after delay_ms on a thread, joined and reported by lab_end. */
void lab_visit_async(struct lab *l, int delay_ms);
/* Joins the visit (its report to stderr), stops the server if still owned, frees. */
void lab_end(struct lab *l);


#endif
