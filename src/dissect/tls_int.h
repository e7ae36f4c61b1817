/* tls_int.h — between the TLS files: tls.c (records, handshake framing) hands the body of
 * each complete handshake message to its type's function (tls.c's hs_bodies table). */
#ifndef NETLAB_TLS_INT_H
#define NETLAB_TLS_INT_H

#include <stdint.h>

#include "dissect/dissect.h"

/* Adds the fields of a handshake message body under node (the "Handshake Protocol: …"
 * item); body covers exactly the body (after the 4-byte type and length), at its
 * offsets in the frame's data. */
typedef void (*tls_hs_body_fn)(struct dctx *d, uint32_t node, struct cur *body, uint8_t type);

/* tls_cert.c: Certificate (11), TLS 1.2 and 1.3 forms, each certificate through x509.c. */
void tls_hs_certificate(struct dctx *d, uint32_t node, struct cur *body, uint8_t type);

#endif
