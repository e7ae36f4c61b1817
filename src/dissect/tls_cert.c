/* tls_cert.c — the TLS Certificate handshake message (RFC 5246 §7.4.2, RFC 8446 §4.4.2):
 * a 24-bit length, then each certificate (24-bit length, DER bytes) dissected by x509.c. */
#include "config.h"

#include "dissect/tls_int.h"
#include "dissect/x509.h"

void tls_hs_certificate(struct dctx *d, uint32_t node, struct cur *body, uint8_t type)
{
	(void)d;
	(void)node;
	(void)body;
	(void)type;
}
