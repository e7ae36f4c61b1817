/* tls_cert.c — the TLS Certificate handshake message (RFC 5246 §7.4.2, RFC 8446 §4.4.2):
 * a 24-bit length, then each certificate (24-bit length, DER bytes) dissected by x509.c.
 *
 *   TLS 1.2:  certificates_length(3) { cert_length(3) cert }...
 *   TLS 1.3:  context_length(1) context  certificates_length(3)
 *             { cert_length(3) cert  extensions_length(2) extensions }...
 *
 * The body does not say which form it is: the TLS 1.2 form is taken when its list length
 * covers the rest of the body exactly, the 1.3 form when its lengths do.
 */
#include "config.h"

#include "dissect/fvalue.h"
#include "dissect/tls_int.h"
#include "dissect/tree.h"
#include "dissect/x509.h"

enum { F_CERTS_LEN, F_CERTS, F_CERT, F_CERT_LEN, F_CTX_LEN, F_CTX, F_EXT_LEN };

static const struct field_def fields[] = {
	[F_CERTS_LEN] = { "tls.handshake.certificates_length", "Certificates Length", FT_UINT24,
		BASE_DEC, 0, 0, NULL, "Bytes of the certificate chain that follows.", 0 },
	[F_CERTS] = { "tls.handshake.certificates", "Certificates", FT_NONE, BASE_NONE, 0, 0, NULL,
		"The server's (or client's) certificate chain, its own certificate first.", 0 },
	[F_CERT] = { "tls.handshake.certificate", "Certificate", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"One X.509 certificate in DER.", 0 },
	[F_CERT_LEN] = { "tls.handshake.certificate_length", "Certificate Length", FT_UINT24,
		BASE_DEC, 0, 0, NULL, "Bytes of the certificate that follows.", 0 },
	[F_CTX_LEN] = { "tls.handshake.certificate_request_context_length",
		"Certificate Request Context Length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Bytes of the request context (TLS 1.3; empty in a server's Certificate).", 0 },
	[F_CTX] = { "tls.handshake.certificate_request_context", "Certificate Request Context",
		FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Echoes the CertificateRequest's context (TLS 1.3 client authentication).", 0 },
	[F_EXT_LEN] = { "tls.handshake.certificate.extensions_length", "Extensions Length",
		FT_UINT16, BASE_DEC, 0, 0, NULL, "Bytes of this certificate entry's extensions (TLS 1.3).", 0 },
};
static const struct field_table tls_cert_table = REG_TABLE(fields);
const struct proto_reg tls_cert_proto = REG_PROTO_TABLE(tls_cert_table);

/* One certificate (24-bit length, DER) from c under parent; 0 when it does not fit. */
static int certificate(struct dctx *d, uint32_t parent, struct cur *c)
{
	struct dtree *t = d->tree;
	uint32_t off = cur_off(c), len = cur_be24(c), node;
	char subj[1024];
	struct cur der;

	if (!cur_ok(c))
		return 0;
	tree_add_uint(t, parent, &fields[F_CERT_LEN], off, 3, len);
	if (cur_left(c) < len) {
		dissect_malformed(d, parent, "TLS", NULL);
		return 0;
	}
	der = cur_sub(c, len, NULL);
	if (!x509_der_fits(der)) {
		x509_exception(d, parent);
		return 0;
	}
	node = tree_add_bytes(t, parent, &fields[F_CERT], off + 3, len, der.p, len);
	cur_skip(c, len);
	x509_certificate(d, node, &der, subj, sizeof(subj));
	if (subj[0] && node && tree_text(t)) {
		char label[512];
		fv_label(t, tree_node(t, node), label, sizeof(label));
		x509_label(t, node, "%s (%s)", label, subj);
	}
	return 1;
}

void tls_hs_certificate(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st)
{
	struct dtree *t = d->tree;
	uint32_t left = (uint32_t)cur_left(body);
	uint8_t ctx_len = cur_peek(body, 0);
	int tls13 = cur_peek_be24(body, 0) + 3 != left &&
	    left >= 4u + ctx_len && cur_peek_be24(body, 1u + ctx_len) + 4u + ctx_len == left;
	uint32_t off, len, certs;
	struct cur list;

	(void)type;
	(void)st;
	if (tls13) {
		off = cur_off(body);
		tree_add_uint(t, node, &fields[F_CTX_LEN], off, 1, cur_u8(body));
		if (ctx_len)
			tree_add_bytes(t, node, &fields[F_CTX], off + 1, ctx_len, body->p, ctx_len);
		cur_skip(body, ctx_len);
	}
	off = cur_off(body);
	len = cur_be24(body);
	if (!cur_ok(body))
		return;
	tree_add_uint(t, node, &fields[F_CERTS_LEN], off, 3, len);
	list = cur_sub(body, len, NULL);
	if (!len)
		return;
	certs = tree_add(t, node, &fields[F_CERTS], off + 3, len);
	tree_label(t, certs, "Certificates (%u bytes)", len);
	while (cur_left(&list) && certificate(d, certs, &list)) {
		if (!tls13)
			continue;
		uint32_t eo = cur_off(&list);
		uint16_t el = cur_be16(&list);
		if (!cur_ok(&list))
			break;
		tree_add_uint(t, certs, &fields[F_EXT_LEN], eo, 2, el);
		cur_skip(&list, el);
	}
}
