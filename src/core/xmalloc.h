/* xmalloc.h — allocation that never returns NULL, and fatal errors.
 *
 * Allocation failure and broken invariants end the program through fatal(), which
 * first runs the registered cleanup (the TUI restores the terminal) so the message is
 * readable.  Operational errors are never fatal: they go to a caller's errbuf.
 */
#ifndef NETLAB_XMALLOC_H
#define NETLAB_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array to hold at least `need` elements of `size` (doubling). */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Called by fatal() before printing, e.g. to end curses.  One hook. */
void fatal_set_cleanup(void (*fn)(void));
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
