/* x509.c — X.509 certificates (RFC 5280) in DER: see x509.h. */
#include "config.h"

#include "dissect/x509.h"

void x509_certificate(struct dctx *d, uint32_t node, struct cur *c, char *subj, size_t subj_size)
{
	(void)d;
	(void)node;
	(void)c;
	if (subj_size)
		subj[0] = '\0';
}
