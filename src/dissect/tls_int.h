/* tls_int.h — between the TLS files: tls.c (records, handshake framing) hands the body of
 * each complete handshake message to its type's function (tls.c's hs_bodies table). */
#ifndef NETLAB_TLS_INT_H
#define NETLAB_TLS_INT_H

#include <stdint.h>

#include "dissect/dissect.h"

/* What the handshake so far tells about the stream, kept by tls.c per TCP stream and
 * written by the Server Hello: the key exchange messages' form depends on it. */
struct tls_hs_state {
	uint16_t version;	/* negotiated (supported_versions or legacy), 0 if unknown */
	uint16_t cipher;	/* the server's chosen cipher suite */
	const char *app_proto;	/* long name of the protocol the server's ALPN chose (static
				 * string), NULL if none */
};

/* Adds the fields of a handshake message body under node (the "Handshake Protocol: …"
 * item); body covers exactly the body (after the 4-byte type and length), at its
 * offsets in the frame's data; st is the state of the message's stream. */
typedef void (*tls_hs_body_fn)(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st);

/* tls_hs.c: the messages in clear, by type (1, 2: hellos; 4; 12; 13; 15; 16; 20; 22). */
void tls_hs_hello(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st);
void tls_hs_new_session_ticket(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st);
void tls_hs_server_key_exchange(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st);
void tls_hs_certificate_request(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st);
void tls_hs_client_key_exchange(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st);
void tls_hs_certificate_verify(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st);
void tls_hs_finished(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st);
void tls_hs_certificate_status(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st);

/* tls_cert.c: Certificate (11), TLS 1.2 and 1.3 forms, each certificate through x509.c. */
void tls_hs_certificate(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st);

/* tls_quic_tp.c: the quic_transport_parameters extension's data at c, under node. */
void tls_ext_quic_tp(struct dtree *t, uint32_t node, struct cur *c);

/* tls_hs.c: a 16-bit SignatureScheme at c as "Signature Algorithm: name (0xNNNN)" with
 * its hash and signature bytes below (also in Signed Certificate Timestamps). */
void tls_sigalg(struct dtree *t, uint32_t parent, struct cur *c);

#endif
