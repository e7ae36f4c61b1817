/* x509.h — X.509 certificates (RFC 5280) in DER, as TLS's Certificate message carries them.
 *
 * The tree is tshark 4.0's x509af/x509if/x509sat/x509ce tree: signedCertificate (version,
 * serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, extensions),
 * algorithmIdentifier, Padding, encrypted.
 */
#ifndef NETLAB_X509_H
#define NETLAB_X509_H

#include <stddef.h>
#include <stdint.h>

#include "dissect/dissect.h"
#include "dissect/tree.h"

/* Adds the tree of the DER Certificate that is the whole of c under node (the caller's
 * "Certificate: …" item), and writes the subject as tshark summarises it on that item
 * ("id-at-commonName=…,id-at-organizationName=…", RDNs last first) into subj, NUL-terminated
 * ("" when there is none).  Reads only through c; a damaged certificate gets the tree up to
 * the damage and tshark's malformed note. */
void x509_certificate(struct dctx *d, uint32_t node, struct cur *c, char *subj, size_t subj_size);

/* Does the DER element at the start of c fit in c?  (tshark raises an exception before it
 * shows a certificate whose outer length runs past the certificate's bytes.) */
int x509_der_fits(struct cur c);

/* Marks the packet malformed as an exception inside TLS does in tshark: "[Malformed
 * Packet: TLS]" with its "Exception occurred" expert item. */
void x509_exception(struct dctx *d, uint32_t node);

/* tshark cuts every label to ITEM_LABEL_LENGTH - 1 bytes. */
#define X509_LABEL_MAX 240

/* Sets node's label, cut as tshark cuts labels (X509_LABEL_MAX). */
void x509_label(struct dtree *t, uint32_t node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
