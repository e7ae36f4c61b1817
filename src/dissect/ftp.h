/* ftp.h — the data connections an FTP control connection announces (PORT, PASV,
 * EPRT, EPSV), from ftp.c to ftp_data.c.
 *
 * Like Wireshark's conversations made by the FTP dissector: an address and port on one
 * side, an address and any port on the other, the frame that announced it and the
 * command (RETR, LIST …) that the data answers.  Kept in a session slot, first pass
 * only; UI thread (or the batch loop).
 */
#ifndef NETLAB_FTP_H
#define NETLAB_FTP_H

#include <stdint.h>

#include "dissect/dissect.h"

#define FTP_TEXT_MAX 512	/* longer paths and commands are cut */

struct ftp_data_conv {
	struct address a, b;		/* a:port_a ↔ b:any */
	uint16_t port_a;
	uint32_t setup_frame;
	const char *method;		/* "PASV", "PORT", "EPRT", "EPASV" */
	char command[FTP_TEXT_MAX];	/* "" until a request names it */
	uint32_t command_frame;
	char cwd[FTP_TEXT_MAX];		/* the control connection's directory at setup */
};

/* Announces a data connection (first pass); returns its number (from 1) for
 * ftp_data_get, or 0 without a session or on a revisit. */
uint32_t ftp_data_expect(struct dctx *d, const struct address *a, uint16_t port_a,
    const struct address *b, const char *method, const char *cwd);
/* Connection number k (ftp_data_expect), valid until the next ftp_data_expect; NULL
 * when there is none. */
struct ftp_data_conv *ftp_data_get(struct dctx *d, uint32_t k);
/* The newest announced connection that the segment's addresses and ports match, or NULL. */
const struct ftp_data_conv *ftp_data_find(struct dctx *d);

#endif
