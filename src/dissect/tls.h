/* tls.h — TLS/SSL record layer over TCP (RFC 5246, RFC 8446), without decryption.
 *
 * tcp.c's port table (443, 993 …) and heuristic hand segments to tls_tcp_payload /
 * tls_tcp_heuristic; records are desegmented with dissect/reasm.c.  The record and
 * handshake header parsers work on plain bytes for tests and fuzzing.
 */
#ifndef NETLAB_TLS_H
#define NETLAB_TLS_H

#include <stddef.h>
#include <stdint.h>

#include "dissect/dissect.h"

struct tcp_payload_info;

int tls_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti);
int tls_tcp_heuristic(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti);

/* A record header: 1 when p[0..n) starts with one that looks like SSLv3/TLS (content
 * type 20..24, version 3.0..3.4), 0 otherwise; fills *type, *version, *len. */
int tls_record_header(const uint8_t *p, size_t n, uint8_t *type, uint16_t *version,
    uint16_t *len);

/* What a Client or Server Hello body (after the 4-byte handshake header) tells. */
struct tls_hello {
	uint16_t version;		/* legacy_version */
	uint16_t selected_version;	/* supported_versions in a Server Hello, 0 if none */
	const uint8_t *sni;		/* server_name host name (into the body), NULL if none */
	uint16_t sni_len;
	uint32_t sni_off;		/* offset of the name in the body */
};
/* Parses a hello body of n bytes; returns 0 when it is truncated or malformed (what
 * was found before the damage is kept). */
int tls_parse_hello(const uint8_t *p, size_t n, int server, struct tls_hello *h);

/* Do the n bytes at p (a Server Hello's random) hold the Hello Retry Request value
 * (RFC 8446 §4.1.3)? */
int tls_hello_retry(const uint8_t *p, size_t n);

/* QUIC's CRYPTO data (RFC 9001 section 4): TLS 1.3 handshake messages without records.
 * quic.c cuts the data of one CRYPTO frame, in order, into pieces: whole messages, a
 * first fragment of a message that goes on in later frames, a middle one, or its last, with the
 * message put together and the frames its fragments came in. */
enum tls_piece_kind { TLS_PIECE_WHOLE, TLS_PIECE_FRAGMENT, TLS_PIECE_MIDDLE, TLS_PIECE_LAST };
struct tls_hs_piece {
	enum tls_piece_kind kind;
	uint8_t type;			/* the message's handshake type */
	uint32_t at, len;		/* its bytes in the CRYPTO data */
	const uint8_t *msg;		/* TLS_PIECE_LAST: the whole message (header included) */
	uint32_t msg_len;
	const struct dfrag *frags;	/* TLS_PIECE_LAST: where its fragments were */
	size_t nfrags;
};
/* Shows the pieces as tshark's TLS 1.3 handshake dissector does under parent (the CRYPTO
 * frame): one "TLSv1.3 Record Layer: Handshake Protocol: …" node over data. */
void tls_quic_crypto(struct dctx *d, uint32_t parent, const struct cur *data,
    const struct tls_hs_piece *pc, size_t n);

/* "TLSv1.2" … as Wireshark's Protocol column names the version; NULL if unknown. */
const char *tls_version_short(uint16_t v);

#endif
