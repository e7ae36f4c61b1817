/* remote.h — capture on another machine through ssh, as Wireshark's sshdump does it.
 *
 * -i ssh://[USER@]HOST[:PORT]/IFACE runs `tcpdump -U -w - -n -s SNAPLEN -i IFACE
 * FILTER` on HOST through the system's ssh (or the command in $NETLAB_SSH, split at
 * spaces: "ssh -F lab.conf") and hands its standard output over as a capture stream.
 * FILTER is --remote-filter, by default everything but ssh's own port.  ssh asks for a
 * password on the terminal as it always does.  What ssh and the remote command say on
 * standard error is kept, and remote_why() tells it when the stream ends early.
 */
#ifndef NETLAB_REMOTE_H
#define NETLAB_REMOTE_H

#include <stddef.h>

#define REMOTE_SCHEME "ssh://"
#define REMOTE_SSH_ENV "NETLAB_SSH"

/* Does this -i argument name a remote interface? */
int remote_is_url(const char *iface);

struct remote;
/* Starts ssh; NULL with a sentence in err (a bad URL, no ssh).  filter NULL: the
 * default one; "": none. */
struct remote *remote_start(const char *url, const char *filter, int snaplen, char *err, size_t n);
/* The read end of the stream (once; the caller closes it). */
int remote_take_fd(struct remote *r);
/* After the stream ended: ends ssh if needed and writes what it and the remote
 * command said last (escaped), or its exit status; returns the length (0: nothing). */
size_t remote_why(struct remote *r, char *buf, size_t n);
/* Hangs up: ssh's standard input closed ends the remote tcpdump, then the stream,
 * so a read waiting on it returns.  Any thread. */
void remote_hangup(struct remote *r);
/* Ends ssh (its standard input closed, which ends the remote tcpdump; then SIGTERM,
 * SIGKILL) and frees. */
void remote_free(struct remote *r);

#endif
