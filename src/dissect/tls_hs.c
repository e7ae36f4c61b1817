/* tls_hs.c — the bodies of TLS handshake messages in clear (RFC 5246 §7.4, RFC 8446 §4),
 * as tshark shows them without keys: hellos and their extensions, JA3/JA3S, key
 * exchanges, session tickets, Server Hello Done, Certificate Request and Status.
 *
 *   ClientHello: | version (2) | random (32) | session id <0..32> |
 *                | cipher suites <2..2^16-2> | compression <1..2^8-1> | extensions <0..2^16-1> |
 *   ServerHello: | version (2) | random (32) | session id | suite (2) | compression (1) | ext |
 *   Extension:   | type (2) | length (2) | data (length) |
 *
 * tls.c hands each complete message body here through its hs_bodies table (tls_int.h);
 * the Server Hello stores the chosen suite and version in the stream's state, since
 * the form of the key exchange messages depends on them.  The Certificate message is
 * tls_cert.c's.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "dissect/fvalue.h"
#include "dissect/protos.h"
#include "dissect/tls.h"
#include "dissect/tls_int.h"

static const struct val_str cs_vals[] = {
	{ 0x0000, "TLS_NULL_WITH_NULL_NULL" }, { 0x0001, "TLS_RSA_WITH_NULL_MD5" },
	{ 0x0002, "TLS_RSA_WITH_NULL_SHA" }, { 0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5" },
	{ 0x0004, "TLS_RSA_WITH_RC4_128_MD5" }, { 0x0005, "TLS_RSA_WITH_RC4_128_SHA" },
	{ 0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5" }, { 0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA" },
	{ 0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA" }, { 0x0009, "TLS_RSA_WITH_DES_CBC_SHA" },
	{ 0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0x000b, "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA" }, { 0x000c, "TLS_DH_DSS_WITH_DES_CBC_SHA" },
	{ 0x000d, "TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA" },
	{ 0x000e, "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA" }, { 0x000f, "TLS_DH_RSA_WITH_DES_CBC_SHA" },
	{ 0x0010, "TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0x0011, "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA" },
	{ 0x0012, "TLS_DHE_DSS_WITH_DES_CBC_SHA" }, { 0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA" },
	{ 0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA" },
	{ 0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA" }, { 0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5" }, { 0x0018, "TLS_DH_anon_WITH_RC4_128_MD5" },
	{ 0x0019, "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA" },
	{ 0x001a, "TLS_DH_anon_WITH_DES_CBC_SHA" }, { 0x001b, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA" },
	{ 0x001c, "SSL_FORTEZZA_KEA_WITH_NULL_SHA" },
	{ 0x001d, "SSL_FORTEZZA_KEA_WITH_FORTEZZA_CBC_SHA" }, { 0x001e, "TLS_KRB5_WITH_DES_CBC_SHA" },
	{ 0x001f, "TLS_KRB5_WITH_3DES_EDE_CBC_SHA" }, { 0x0020, "TLS_KRB5_WITH_RC4_128_SHA" },
	{ 0x0021, "TLS_KRB5_WITH_IDEA_CBC_SHA" }, { 0x0022, "TLS_KRB5_WITH_DES_CBC_MD5" },
	{ 0x0023, "TLS_KRB5_WITH_3DES_EDE_CBC_MD5" }, { 0x0024, "TLS_KRB5_WITH_RC4_128_MD5" },
	{ 0x0025, "TLS_KRB5_WITH_IDEA_CBC_MD5" }, { 0x0026, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA" },
	{ 0x0027, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA" },
	{ 0x0028, "TLS_KRB5_EXPORT_WITH_RC4_40_SHA" },
	{ 0x0029, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5" },
	{ 0x002a, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5" },
	{ 0x002b, "TLS_KRB5_EXPORT_WITH_RC4_40_MD5" }, { 0x002c, "TLS_PSK_WITH_NULL_SHA" },
	{ 0x002d, "TLS_DHE_PSK_WITH_NULL_SHA" }, { 0x002e, "TLS_RSA_PSK_WITH_NULL_SHA" },
	{ 0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA" }, { 0x0030, "TLS_DH_DSS_WITH_AES_128_CBC_SHA" },
	{ 0x0031, "TLS_DH_RSA_WITH_AES_128_CBC_SHA" }, { 0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA" },
	{ 0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA" },
	{ 0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA" }, { 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA" },
	{ 0x0036, "TLS_DH_DSS_WITH_AES_256_CBC_SHA" }, { 0x0037, "TLS_DH_RSA_WITH_AES_256_CBC_SHA" },
	{ 0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA" },
	{ 0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA" },
	{ 0x003a, "TLS_DH_anon_WITH_AES_256_CBC_SHA" }, { 0x003b, "TLS_RSA_WITH_NULL_SHA256" },
	{ 0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256" }, { 0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256" },
	{ 0x003e, "TLS_DH_DSS_WITH_AES_128_CBC_SHA256" },
	{ 0x003f, "TLS_DH_RSA_WITH_AES_128_CBC_SHA256" },
	{ 0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256" },
	{ 0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA" },
	{ 0x0042, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA" },
	{ 0x0043, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA" },
	{ 0x0044, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA" },
	{ 0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA" },
	{ 0x0046, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA" },
	{ 0x0060, "TLS_RSA_EXPORT1024_WITH_RC4_56_MD5" },
	{ 0x0061, "TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5" },
	{ 0x0062, "TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA" },
	{ 0x0063, "TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA" },
	{ 0x0064, "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA" },
	{ 0x0065, "TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA" },
	{ 0x0066, "TLS_DHE_DSS_WITH_RC4_128_SHA" }, { 0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256" },
	{ 0x0068, "TLS_DH_DSS_WITH_AES_256_CBC_SHA256" },
	{ 0x0069, "TLS_DH_RSA_WITH_AES_256_CBC_SHA256" },
	{ 0x006a, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256" },
	{ 0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256" },
	{ 0x006c, "TLS_DH_anon_WITH_AES_128_CBC_SHA256" },
	{ 0x006d, "TLS_DH_anon_WITH_AES_256_CBC_SHA256" },
	{ 0x0080, "TLS_GOSTR341094_WITH_28147_CNT_IMIT" },
	{ 0x0081, "TLS_GOSTR341001_WITH_28147_CNT_IMIT" },
	{ 0x0082, "TLS_GOSTR341094_WITH_NULL_GOSTR3411" },
	{ 0x0083, "TLS_GOSTR341001_WITH_NULL_GOSTR3411" },
	{ 0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA" },
	{ 0x0085, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA" },
	{ 0x0086, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA" },
	{ 0x0087, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA" },
	{ 0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA" },
	{ 0x0089, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA" }, { 0x008a, "TLS_PSK_WITH_RC4_128_SHA" },
	{ 0x008b, "TLS_PSK_WITH_3DES_EDE_CBC_SHA" }, { 0x008c, "TLS_PSK_WITH_AES_128_CBC_SHA" },
	{ 0x008d, "TLS_PSK_WITH_AES_256_CBC_SHA" }, { 0x008e, "TLS_DHE_PSK_WITH_RC4_128_SHA" },
	{ 0x008f, "TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA" },
	{ 0x0090, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA" },
	{ 0x0091, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA" }, { 0x0092, "TLS_RSA_PSK_WITH_RC4_128_SHA" },
	{ 0x0093, "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA" },
	{ 0x0094, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA" },
	{ 0x0095, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA" }, { 0x0096, "TLS_RSA_WITH_SEED_CBC_SHA" },
	{ 0x0097, "TLS_DH_DSS_WITH_SEED_CBC_SHA" }, { 0x0098, "TLS_DH_RSA_WITH_SEED_CBC_SHA" },
	{ 0x0099, "TLS_DHE_DSS_WITH_SEED_CBC_SHA" }, { 0x009a, "TLS_DHE_RSA_WITH_SEED_CBC_SHA" },
	{ 0x009b, "TLS_DH_anon_WITH_SEED_CBC_SHA" }, { 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0x00a0, "TLS_DH_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0x00a1, "TLS_DH_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0x00a2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256" },
	{ 0x00a3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384" },
	{ 0x00a4, "TLS_DH_DSS_WITH_AES_128_GCM_SHA256" },
	{ 0x00a5, "TLS_DH_DSS_WITH_AES_256_GCM_SHA384" },
	{ 0x00a6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256" },
	{ 0x00a7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384" },
	{ 0x00a8, "TLS_PSK_WITH_AES_128_GCM_SHA256" }, { 0x00a9, "TLS_PSK_WITH_AES_256_GCM_SHA384" },
	{ 0x00aa, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256" },
	{ 0x00ab, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384" },
	{ 0x00ac, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256" },
	{ 0x00ad, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384" },
	{ 0x00ae, "TLS_PSK_WITH_AES_128_CBC_SHA256" }, { 0x00af, "TLS_PSK_WITH_AES_256_CBC_SHA384" },
	{ 0x00b0, "TLS_PSK_WITH_NULL_SHA256" }, { 0x00b1, "TLS_PSK_WITH_NULL_SHA384" },
	{ 0x00b2, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256" },
	{ 0x00b3, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384" }, { 0x00b4, "TLS_DHE_PSK_WITH_NULL_SHA256" },
	{ 0x00b5, "TLS_DHE_PSK_WITH_NULL_SHA384" }, { 0x00b6, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256" },
	{ 0x00b7, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384" }, { 0x00b8, "TLS_RSA_PSK_WITH_NULL_SHA256" },
	{ 0x00b9, "TLS_RSA_PSK_WITH_NULL_SHA384" },
	{ 0x00ba, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0x00bb, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0x00bc, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0x00bd, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0x00be, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0x00bf, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0x00c0, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256" },
	{ 0x00c1, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256" },
	{ 0x00c2, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256" },
	{ 0x00c3, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256" },
	{ 0x00c4, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256" },
	{ 0x00c5, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256" }, { 0x00c6, "TLS_SM4_GCM_SM3" },
	{ 0x00c7, "TLS_SM4_CCM_SM3" }, { 0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" },
	{ 0x0a0a, "Reserved (GREASE)" }, { 0x1301, "TLS_AES_128_GCM_SHA256" },
	{ 0x1302, "TLS_AES_256_GCM_SHA384" }, { 0x1303, "TLS_CHACHA20_POLY1305_SHA256" },
	{ 0x1304, "TLS_AES_128_CCM_SHA256" }, { 0x1305, "TLS_AES_128_CCM_8_SHA256" },
	{ 0x1a1a, "Reserved (GREASE)" }, { 0x2a2a, "Reserved (GREASE)" },
	{ 0x3a3a, "Reserved (GREASE)" }, { 0x4a4a, "Reserved (GREASE)" },
	{ 0x5600, "TLS_FALLBACK_SCSV" }, { 0x5a5a, "Reserved (GREASE)" },
	{ 0x6a6a, "Reserved (GREASE)" }, { 0x7a7a, "Reserved (GREASE)" },
	{ 0x8a8a, "Reserved (GREASE)" }, { 0x9a9a, "Reserved (GREASE)" },
	{ 0xaaaa, "Reserved (GREASE)" }, { 0xbaba, "Reserved (GREASE)" },
	{ 0xc001, "TLS_ECDH_ECDSA_WITH_NULL_SHA" }, { 0xc002, "TLS_ECDH_ECDSA_WITH_RC4_128_SHA" },
	{ 0xc003, "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc004, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA" },
	{ 0xc005, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA" },
	{ 0xc006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA" }, { 0xc007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA" },
	{ 0xc008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA" },
	{ 0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA" }, { 0xc00b, "TLS_ECDH_RSA_WITH_NULL_SHA" },
	{ 0xc00c, "TLS_ECDH_RSA_WITH_RC4_128_SHA" }, { 0xc00d, "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc00e, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA" },
	{ 0xc00f, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA" }, { 0xc010, "TLS_ECDHE_RSA_WITH_NULL_SHA" },
	{ 0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA" },
	{ 0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA" },
	{ 0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA" }, { 0xc015, "TLS_ECDH_anon_WITH_NULL_SHA" },
	{ 0xc016, "TLS_ECDH_anon_WITH_RC4_128_SHA" },
	{ 0xc017, "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA" },
	{ 0xc019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA" },
	{ 0xc01a, "TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc01b, "TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc01c, "TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc01d, "TLS_SRP_SHA_WITH_AES_128_CBC_SHA" },
	{ 0xc01e, "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA" },
	{ 0xc01f, "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA" },
	{ 0xc020, "TLS_SRP_SHA_WITH_AES_256_CBC_SHA" },
	{ 0xc021, "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA" },
	{ 0xc022, "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA" },
	{ 0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256" },
	{ 0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384" },
	{ 0xc025, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256" },
	{ 0xc026, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384" },
	{ 0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256" },
	{ 0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384" },
	{ 0xc029, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256" },
	{ 0xc02a, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384" },
	{ 0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" },
	{ 0xc02d, "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc02e, "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384" },
	{ 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0xc031, "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc032, "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0xc033, "TLS_ECDHE_PSK_WITH_RC4_128_SHA" },
	{ 0xc034, "TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA" },
	{ 0xc035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA" },
	{ 0xc036, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA" },
	{ 0xc037, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256" },
	{ 0xc038, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384" },
	{ 0xc039, "TLS_ECDHE_PSK_WITH_NULL_SHA" }, { 0xc03a, "TLS_ECDHE_PSK_WITH_NULL_SHA256" },
	{ 0xc03b, "TLS_ECDHE_PSK_WITH_NULL_SHA384" }, { 0xc03c, "TLS_RSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc03d, "TLS_RSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc03e, "TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc03f, "TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc040, "TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc041, "TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc042, "TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc043, "TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc044, "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc045, "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc046, "TLS_DH_anon_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc047, "TLS_DH_anon_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc048, "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc049, "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc04a, "TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc04b, "TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc04c, "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc04d, "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc04e, "TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc04f, "TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc051, "TLS_RSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc052, "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc053, "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc054, "TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc055, "TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc056, "TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc057, "TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc058, "TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc059, "TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc05a, "TLS_DH_anon_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc05b, "TLS_DH_anon_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc05c, "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc05d, "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc05e, "TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc05f, "TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc060, "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc061, "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc062, "TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc063, "TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc064, "TLS_PSK_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc065, "TLS_PSK_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc066, "TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc067, "TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc068, "TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc069, "TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc06a, "TLS_PSK_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc06b, "TLS_PSK_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc06c, "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc06d, "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc06e, "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256" },
	{ 0xc06f, "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384" },
	{ 0xc070, "TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256" },
	{ 0xc071, "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384" },
	{ 0xc072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc073, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc074, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc075, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc076, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc077, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc078, "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc079, "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc07a, "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc07b, "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc07c, "TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc07d, "TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc07e, "TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc07f, "TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc080, "TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc081, "TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc082, "TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc083, "TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc084, "TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc085, "TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc086, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc087, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc088, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc089, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc08a, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc08b, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc08c, "TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc08d, "TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc08e, "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc08f, "TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc090, "TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc091, "TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc092, "TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256" },
	{ 0xc093, "TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384" },
	{ 0xc094, "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc095, "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc096, "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc097, "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc098, "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc099, "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc09a, "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256" },
	{ 0xc09b, "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384" },
	{ 0xc09c, "TLS_RSA_WITH_AES_128_CCM" }, { 0xc09d, "TLS_RSA_WITH_AES_256_CCM" },
	{ 0xc09e, "TLS_DHE_RSA_WITH_AES_128_CCM" }, { 0xc09f, "TLS_DHE_RSA_WITH_AES_256_CCM" },
	{ 0xc0a0, "TLS_RSA_WITH_AES_128_CCM_8" }, { 0xc0a1, "TLS_RSA_WITH_AES_256_CCM_8" },
	{ 0xc0a2, "TLS_DHE_RSA_WITH_AES_128_CCM_8" }, { 0xc0a3, "TLS_DHE_RSA_WITH_AES_256_CCM_8" },
	{ 0xc0a4, "TLS_PSK_WITH_AES_128_CCM" }, { 0xc0a5, "TLS_PSK_WITH_AES_256_CCM" },
	{ 0xc0a6, "TLS_DHE_PSK_WITH_AES_128_CCM" }, { 0xc0a7, "TLS_DHE_PSK_WITH_AES_256_CCM" },
	{ 0xc0a8, "TLS_PSK_WITH_AES_128_CCM_8" }, { 0xc0a9, "TLS_PSK_WITH_AES_256_CCM_8" },
	{ 0xc0aa, "TLS_PSK_DHE_WITH_AES_128_CCM_8" }, { 0xc0ab, "TLS_PSK_DHE_WITH_AES_256_CCM_8" },
	{ 0xc0ac, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM" },
	{ 0xc0ad, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM" },
	{ 0xc0ae, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8" },
	{ 0xc0af, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8" },
	{ 0xc0b0, "TLS_ECCPWD_WITH_AES_128_GCM_SHA256" },
	{ 0xc0b1, "TLS_ECCPWD_WITH_AES_256_GCM_SHA384" },
	{ 0xc0b2, "TLS_ECCPWD_WITH_AES_128_CCM_SHA256" },
	{ 0xc0b3, "TLS_ECCPWD_WITH_AES_256_CCM_SHA384" }, { 0xc0b4, "TLS_SHA256_SHA256" },
	{ 0xc0b5, "TLS_SHA384_SHA384" }, { 0xc0ff, "TLS_ECJPAKE_WITH_AES_128_CCM_8" },
	{ 0xc100, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC" },
	{ 0xc101, "TLS_GOSTR341112_256_WITH_MAGMA_CTR_OMAC" },
	{ 0xc102, "TLS_GOSTR341112_256_WITH_28147_CNT_IMIT" },
	{ 0xc103, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L" },
	{ 0xc104, "TLS_GOSTR341112_256_WITH_MAGMA_MGM_L" },
	{ 0xc105, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_S" },
	{ 0xc106, "TLS_GOSTR341112_256_WITH_MAGMA_MGM_S" }, { 0xcaca, "Reserved (GREASE)" },
	{ 0xcc13, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xcc14, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xcc15, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xccab, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xccac, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xccad, "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xccae, "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xd001, "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256" },
	{ 0xd002, "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384" },
	{ 0xd003, "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256" },
	{ 0xd005, "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256" }, { 0xdada, "Reserved (GREASE)" },
	{ 0xe001, "ECDHE_SM1_SM3" }, { 0xe003, "ECC_SM1_SM3" }, { 0xe005, "IBSDH_SM1_SM3" },
	{ 0xe007, "IBC_SM1_SM3" }, { 0xe009, "RSA_SM1_SM3" }, { 0xe00a, "RSA_SM1_SHA1" },
	{ 0xe011, "ECDHE_SM4_CBC_SM3" }, { 0xe013, "ECC_SM4_CBC_SM3" },
	{ 0xe015, "IBSDH_SM4_CBC_SM3" }, { 0xe017, "IBC_SM4_CBC_SM3" }, { 0xe019, "RSA_SM4_CBC_SM3" },
	{ 0xe01a, "RSA_SM4_CBC_SHA1" }, { 0xe01c, "RSA_SM4_CBC_SHA256" },
	{ 0xe051, "ECDHE_SM4_GCM_SM3" }, { 0xe053, "ECC_SM4_GCM_SM3" },
	{ 0xe055, "IBSDH_SM4_GCM_SM3" }, { 0xe057, "IBC_SM4_GCM_SM3" }, { 0xe059, "RSA_SM4_GCM_SM3" },
	{ 0xe05a, "RSA_SM4_GCM_SHA256" }, { 0xe410, "TLS_RSA_WITH_ESTREAM_SALSA20_SHA1" },
	{ 0xe411, "TLS_RSA_WITH_SALSA20_SHA1" },
	{ 0xe412, "TLS_ECDHE_RSA_WITH_ESTREAM_SALSA20_SHA1" },
	{ 0xe413, "TLS_ECDHE_RSA_WITH_SALSA20_SHA1" },
	{ 0xe414, "TLS_ECDHE_ECDSA_WITH_ESTREAM_SALSA20_SHA1" },
	{ 0xe415, "TLS_ECDHE_ECDSA_WITH_SALSA20_SHA1" },
	{ 0xe416, "TLS_PSK_WITH_ESTREAM_SALSA20_SHA1" }, { 0xe417, "TLS_PSK_WITH_SALSA20_SHA1" },
	{ 0xe418, "TLS_ECDHE_PSK_WITH_ESTREAM_SALSA20_SHA1" },
	{ 0xe419, "TLS_ECDHE_PSK_WITH_SALSA20_SHA1" },
	{ 0xe41a, "TLS_RSA_PSK_WITH_ESTREAM_SALSA20_SHA1" },
	{ 0xe41b, "TLS_RSA_PSK_WITH_SALSA20_SHA1" },
	{ 0xe41c, "TLS_DHE_PSK_WITH_ESTREAM_SALSA20_SHA1" },
	{ 0xe41d, "TLS_DHE_PSK_WITH_SALSA20_SHA1" },
	{ 0xe41e, "TLS_DHE_RSA_WITH_ESTREAM_SALSA20_SHA1" },
	{ 0xe41f, "TLS_DHE_RSA_WITH_SALSA20_SHA1" }, { 0xeaea, "Reserved (GREASE)" },
	{ 0xfafa, "Reserved (GREASE)" }, { 0xfefe, "SSL_RSA_FIPS_WITH_DES_CBC_SHA" },
	{ 0xfeff, "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA" },
	{ 0xffe0, "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA" }, { 0xffe1, "SSL_RSA_FIPS_WITH_DES_CBC_SHA" }, { 0, NULL }
};

static const struct val_str group_vals[] = {
	{ 0x0001, "sect163k1" }, { 0x0002, "sect163r1" }, { 0x0003, "sect163r2" },
	{ 0x0004, "sect193r1" }, { 0x0005, "sect193r2" }, { 0x0006, "sect233k1" },
	{ 0x0007, "sect233r1" }, { 0x0008, "sect239k1" }, { 0x0009, "sect283k1" },
	{ 0x000a, "sect283r1" }, { 0x000b, "sect409k1" }, { 0x000c, "sect409r1" },
	{ 0x000d, "sect571k1" }, { 0x000e, "sect571r1" }, { 0x000f, "secp160k1" },
	{ 0x0010, "secp160r1" }, { 0x0011, "secp160r2" }, { 0x0012, "secp192k1" },
	{ 0x0013, "secp192r1" }, { 0x0014, "secp224k1" }, { 0x0015, "secp224r1" },
	{ 0x0016, "secp256k1" }, { 0x0017, "secp256r1" }, { 0x0018, "secp384r1" },
	{ 0x0019, "secp521r1" }, { 0x001a, "brainpoolP256r1" }, { 0x001b, "brainpoolP384r1" },
	{ 0x001c, "brainpoolP512r1" }, { 0x001d, "x25519" }, { 0x001e, "x448" },
	{ 0x0029, "curveSM2" }, { 0x0100, "ffdhe2048" }, { 0x0101, "ffdhe3072" },
	{ 0x0102, "ffdhe4096" }, { 0x0103, "ffdhe6144" }, { 0x0104, "ffdhe8192" },
	{ 0x0200, "frodo640aes" }, { 0x0201, "frodo640shake" }, { 0x0202, "frodo976aes" },
	{ 0x0203, "frodo976shake" }, { 0x0204, "frodo1344aes" }, { 0x0205, "frodo1344shake" },
	{ 0x0214, "ntru_hps2048509" }, { 0x0215, "ntru_hps2048677" }, { 0x0216, "ntru_hps4096821" },
	{ 0x0217, "ntru_hrss701" }, { 0x0218, "lightsaber" }, { 0x0219, "saber" },
	{ 0x021a, "firesaber" }, { 0x021b, "sidhp434" }, { 0x021c, "sidhp503" },
	{ 0x021d, "sidhp610" }, { 0x021e, "sidhp751" }, { 0x021f, "sikep434" },
	{ 0x0220, "sikep503" }, { 0x0221, "sikep610" }, { 0x0222, "sikep751" }, { 0x022c, "hqc128" },
	{ 0x022d, "hqc192" }, { 0x022e, "hqc256" }, { 0x022f, "ntrulpr653" },
	{ 0x0230, "ntrulpr761" }, { 0x0231, "ntrulpr857" }, { 0x0232, "sntrup653" },
	{ 0x0233, "sntrup761" }, { 0x0234, "sntrup857" }, { 0x0238, "bikel1" },
	{ 0x023a, "kyber512" }, { 0x023b, "bikel3" }, { 0x023c, "kyber768" }, { 0x023d, "kyber1024" },
	{ 0x023e, "kyber90s512" }, { 0x023f, "kyber90s768" }, { 0x0240, "kyber90s1024" },
	{ 0x0241, "ntrulpr1277" }, { 0x0242, "sntrup1277" }, { 0x0245, "ntru_hps40961229" },
	{ 0x0246, "ntru_hrss1373" }, { 0x0a0a, "Reserved (GREASE)" }, { 0x1a1a, "Reserved (GREASE)" },
	{ 0x2a2a, "Reserved (GREASE)" }, { 0x2f00, "p256_frodo640aes" },
	{ 0x2f01, "p256_frodo640shake" }, { 0x2f02, "p384_frodo976aes" },
	{ 0x2f03, "p384_frodo976shake" }, { 0x2f04, "p521_frodo1344aes" },
	{ 0x2f05, "p521_frodo1344shake" }, { 0x2f14, "p256_ntru_hps2048509" },
	{ 0x2f15, "p384_ntru_hps2048677" }, { 0x2f16, "p521_ntru_hps4096821" },
	{ 0x2f17, "p384_ntru_hrss701" }, { 0x2f18, "p256_lightsaber" }, { 0x2f19, "p384_saber" },
	{ 0x2f1a, "p521_firesaber" }, { 0x2f1b, "p256_sidhp434" }, { 0x2f1c, "p256_sidhp503" },
	{ 0x2f1d, "p384_sidhp610" }, { 0x2f1e, "p521_sidhp751" }, { 0x2f1f, "p256_sikep434" },
	{ 0x2f20, "p256_sikep503" }, { 0x2f21, "p384_sikep610" }, { 0x2f22, "p521_sikep751" },
	{ 0x2f2c, "p256_hqc128" }, { 0x2f2d, "p384_hqc192" }, { 0x2f2e, "p521_hqc256" },
	{ 0x2f2f, "p256_ntrulpr653" }, { 0x2f31, "p384_ntrulpr857" }, { 0x2f32, "p256_sntrup653" },
	{ 0x2f34, "p384_sntrup857" }, { 0x2f38, "p256_bikel1" }, { 0x2f3a, "p256_kyber512" },
	{ 0x2f3b, "p384_bikel3" }, { 0x2f3c, "p384_kyber768" }, { 0x2f3d, "p521_kyber1024" },
	{ 0x2f3e, "p256_kyber90s512" }, { 0x2f3f, "p384_kyber90s768" },
	{ 0x2f40, "p521_kyber90s1024" }, { 0x2f41, "p521_ntrulpr1277" },
	{ 0x2f42, "p521_sntrup1277" }, { 0x2f43, "p256_ntrulpr761" }, { 0x2f44, "p256_sntrup761" },
	{ 0x2f45, "p521_ntru_hps40961229" }, { 0x2f46, "p521_ntru_hrss1373" },
	{ 0x3a3a, "Reserved (GREASE)" }, { 0x4a4a, "Reserved (GREASE)" },
	{ 0x5a5a, "Reserved (GREASE)" }, { 0x6a6a, "Reserved (GREASE)" },
	{ 0x7a7a, "Reserved (GREASE)" }, { 0x8a8a, "Reserved (GREASE)" },
	{ 0x9a9a, "Reserved (GREASE)" }, { 0xaaaa, "Reserved (GREASE)" },
	{ 0xbaba, "Reserved (GREASE)" }, { 0xcaca, "Reserved (GREASE)" },
	{ 0xdada, "Reserved (GREASE)" }, { 0xeaea, "Reserved (GREASE)" },
	{ 0xfafa, "Reserved (GREASE)" }, { 0xff01, "arbitrary_explicit_prime_curves" },
	{ 0xff02, "arbitrary_explicit_char2_curves" }, { 0, NULL }
};

static const struct val_str ext_vals[] = {
	{ 0, "server_name" }, { 1, "max_fragment_length" }, { 2, "client_certificate_url" },
	{ 3, "trusted_ca_keys" }, { 4, "truncated_hmac" }, { 5, "status_request" },
	{ 6, "user_mapping" }, { 7, "client_authz" }, { 8, "server_authz" }, { 9, "cert_type" },
	{ 10, "supported_groups" }, { 11, "ec_point_formats" }, { 12, "srp" },
	{ 13, "signature_algorithms" }, { 14, "use_srtp" }, { 15, "heartbeat" },
	{ 16, "application_layer_protocol_negotiation" }, { 17, "status_request_v2" },
	{ 18, "signed_certificate_timestamp" }, { 19, "client_certificate_type" },
	{ 20, "server_certificate_type" }, { 21, "padding" }, { 22, "encrypt_then_mac" },
	{ 23, "extended_master_secret" }, { 24, "token_binding" }, { 25, "cached_info" },
	{ 27, "compress_certificate" }, { 28, "record_size_limit" }, { 34, "delegated_credentials" },
	{ 35, "session_ticket" }, { 40, "Reserved (key_share)" }, { 41, "pre_shared_key" },
	{ 42, "early_data" }, { 43, "supported_versions" }, { 44, "cookie" },
	{ 45, "psk_key_exchange_modes" }, { 46, "Reserved (ticket_early_data_info)" },
	{ 47, "certificate_authorities" }, { 48, "oid_filters" }, { 49, "post_handshake_auth" },
	{ 50, "signature_algorithms_cert" }, { 51, "key_share" }, { 52, "transparency_info" },
	{ 53, "connection_id (deprecated)" }, { 54, "connection_id" }, { 55, "external_id_hash" },
	{ 56, "external_session_id" }, { 57, "quic_transport_parameters" }, { 58, "ticket_request" },
	{ 59, "dnssec_chain" }, { 2570, "Reserved (GREASE)" }, { 6682, "Reserved (GREASE)" },
	{ 10794, "Reserved (GREASE)" }, { 13172, "next_protocol_negotiation" },
	{ 14906, "Reserved (GREASE)" }, { 17513, "application_settings" },
	{ 19018, "Reserved (GREASE)" }, { 23130, "Reserved (GREASE)" },
	{ 27242, "Reserved (GREASE)" }, { 30031, "channel_id_old" }, { 30032, "channel_id" },
	{ 31354, "Reserved (GREASE)" }, { 35466, "Reserved (GREASE)" },
	{ 39578, "Reserved (GREASE)" }, { 43690, "Reserved (GREASE)" },
	{ 47802, "Reserved (GREASE)" }, { 51914, "Reserved (GREASE)" },
	{ 56026, "Reserved (GREASE)" }, { 60138, "Reserved (GREASE)" },
	{ 64250, "Reserved (GREASE)" }, { 65281, "renegotiation_info" },
	{ 65445, "quic_transport_parameters (drafts version)" }, { 65486, "encrypted_server_name" }, { 0, NULL }
};

static const struct val_str sigalg_vals[] = {
	{ 0x0201, "rsa_pkcs1_sha1" }, { 0x0203, "ecdsa_sha1" }, { 0x0401, "rsa_pkcs1_sha256" },
	{ 0x0403, "ecdsa_secp256r1_sha256" }, { 0x0501, "rsa_pkcs1_sha384" },
	{ 0x0503, "ecdsa_secp384r1_sha384" }, { 0x0601, "rsa_pkcs1_sha512" },
	{ 0x0603, "ecdsa_secp521r1_sha512" }, { 0x0708, "sm2sig_sm3" },
	{ 0x0804, "rsa_pss_rsae_sha256" }, { 0x0805, "rsa_pss_rsae_sha384" },
	{ 0x0806, "rsa_pss_rsae_sha512" }, { 0x0807, "ed25519" }, { 0x0808, "ed448" },
	{ 0x0809, "rsa_pss_pss_sha256" }, { 0x080a, "rsa_pss_pss_sha384" },
	{ 0x080b, "rsa_pss_pss_sha512" }, { 0xfe0b, "falcon512" }, { 0xfe0c, "p256_falcon512" },
	{ 0xfe0d, "rsa3072_falcon512" }, { 0xfe0e, "falcon1024" }, { 0xfe0f, "p521_falcon1024" },
	{ 0xfe1b, "picnic3l1" }, { 0xfe1c, "p256_picnic3l1" }, { 0xfe1d, "rsa3072_picnic3l1" },
	{ 0xfe27, "rainbowIclassic" }, { 0xfe28, "p256_rainbowIclassic" },
	{ 0xfe29, "rsa3072_rainbowIclassic" }, { 0xfe3c, "rainbowVclassic" },
	{ 0xfe3d, "p521_rainbowVclassic" }, { 0xfe42, "sphincsharaka128frobust" },
	{ 0xfe43, "p256_sphincsharaka128frobust" }, { 0xfe44, "rsa3072_sphincsharaka128frobust" },
	{ 0xfe5e, "sphincssha256128frobust" }, { 0xfe5f, "p256_sphincssha256128frobust" },
	{ 0xfe60, "rsa3072_sphincssha256128frobust" }, { 0xfe7a, "sphincsshake256128frobust" },
	{ 0xfe7b, "p256_sphincsshake256128frobust" }, { 0xfe7c, "rsa3072_sphincsshake256128frobust" },
	{ 0xfe96, "picnicl1full" }, { 0xfe97, "p256_picnicl1full" },
	{ 0xfe98, "rsa3072_picnicl1full" }, { 0xfea0, "dilithium2" }, { 0xfea1, "p256_dilithium2" },
	{ 0xfea2, "rsa3072_dilithium2" }, { 0xfea3, "dilithium3" }, { 0xfea4, "p384_dilithium3" },
	{ 0xfea5, "dilithium5" }, { 0xfea6, "p521_dilithium5" }, { 0xfea7, "dilithium2_aes" },
	{ 0xfea8, "p256_dilithium2_aes" }, { 0xfea9, "rsa3072_dilithium2_aes" },
	{ 0xfeaa, "dilithium3_aes" }, { 0xfeab, "p384_dilithium3_aes" }, { 0xfeac, "dilithium5_aes" },
	{ 0xfead, "p521_dilithium5_aes" }, { 0, NULL }
};

static const struct val_str suppver_vals[] = {
	{ 0x0002, "SSL 2.0" }, { 0x0100, "DTLS 1.0 (OpenSSL pre 0.9.8f)" }, { 0x0101, "GMTLS" },
	{ 0x0300, "SSL 3.0" }, { 0x0301, "TLS 1.0" }, { 0x0302, "TLS 1.1" }, { 0x0303, "TLS 1.2" },
	{ 0x0304, "TLS 1.3" }, { 0x0a0a, "Reserved (GREASE)" }, { 0x1a1a, "Reserved (GREASE)" },
	{ 0x2a2a, "Reserved (GREASE)" }, { 0x3a3a, "Reserved (GREASE)" },
	{ 0x4a4a, "Reserved (GREASE)" }, { 0x5a5a, "Reserved (GREASE)" },
	{ 0x6a6a, "Reserved (GREASE)" }, { 0x7a7a, "Reserved (GREASE)" },
	{ 0x7f0e, "TLS 1.3 (draft 14)" }, { 0x7f0f, "TLS 1.3 (draft 15)" },
	{ 0x7f10, "TLS 1.3 (draft 16)" }, { 0x7f11, "TLS 1.3 (draft 17)" },
	{ 0x7f12, "TLS 1.3 (draft 18)" }, { 0x7f13, "TLS 1.3 (draft 19)" },
	{ 0x7f14, "TLS 1.3 (draft 20)" }, { 0x7f15, "TLS 1.3 (draft 21)" },
	{ 0x7f16, "TLS 1.3 (draft 22)" }, { 0x7f17, "TLS 1.3 (draft 23)" },
	{ 0x7f18, "TLS 1.3 (draft 24)" }, { 0x7f19, "TLS 1.3 (draft 25)" },
	{ 0x7f1a, "TLS 1.3 (draft 26)" }, { 0x7f1b, "TLS 1.3 (draft 27)" },
	{ 0x7f1c, "TLS 1.3 (draft 28)" }, { 0x8a8a, "Reserved (GREASE)" },
	{ 0x9a9a, "Reserved (GREASE)" }, { 0xaaaa, "Reserved (GREASE)" },
	{ 0xbaba, "Reserved (GREASE)" }, { 0xcaca, "Reserved (GREASE)" },
	{ 0xdada, "Reserved (GREASE)" }, { 0xeaea, "Reserved (GREASE)" },
	{ 0xfafa, "Reserved (GREASE)" }, { 0xfb17, "TLS 1.3 (Facebook draft 23)" },
	{ 0xfb1a, "TLS 1.3 (Facebook draft 26)" }, { 0xfefd, "DTLS 1.2" }, { 0xfeff, "DTLS 1.0" }, { 0, NULL }
};

static const struct val_str sighash_vals[] = {
	{ 0, "None" }, { 1, "MD5" }, { 2, "SHA1" }, { 3, "SHA224" }, { 4, "SHA256" },
	{ 5, "SHA384" }, { 6, "SHA512" }, { 7, "SM3" }, { 0, NULL }
};
static const struct val_str sigsig_vals[] = {
	{ 0, "Anonymous" }, { 1, "RSA" }, { 2, "DSA" }, { 3, "ECDSA" }, { 4, "SM2" }, { 0, NULL }
};
static const struct val_str ecpf_vals[] = {
	{ 0, "uncompressed" }, { 1, "ansiX962_compressed_prime" },
	{ 2, "ansiX962_compressed_char2" }, { 0, NULL }
};
static const struct val_str comp_vals[] = {
	{ 0, "null" }, { 1, "DEFLATE" }, { 64, "LZS" }, { 0, NULL }
};
static const struct val_str pskmode_vals[] = {
	{ 0, "PSK-only key establishment (psk_ke)" },
	{ 1, "PSK with (EC)DHE key establishment (psk_dhe_ke)" }, { 0, NULL }
};
static const struct val_str certcomp_vals[] = {
	{ 1, "zlib" }, { 2, "brotli" }, { 3, "zstd" }, { 0, NULL }
};
static const struct val_str curvetype_vals[] = {
	{ 1, "explicit_prime" }, { 2, "explicit_char2" }, { 3, "named_curve" }, { 0, NULL }
};
static const struct val_str status_type_vals[] = {
	{ 1, "OCSP" }, { 2, "OCSP Multi" }, { 0, NULL }
};
static const struct val_str sni_type_vals[] = { { 0, "host_name" }, { 0, NULL } };
static const struct val_str hb_mode_vals[] = {
	{ 1, "Peer allowed to send requests" }, { 2, "Peer not allowed to send requests" },
	{ 0, NULL }
};
static const struct val_str cert_type_vals[] = {
	{ 1, "RSA Sign" }, { 2, "DSS Sign" }, { 3, "RSA Fixed DH" }, { 4, "DSS Fixed DH" },
	{ 21, "GOST R 34.10-94" }, { 22, "GOST R 34.10-2001" }, { 64, "ECDSA Sign" },
	{ 65, "RSA Fixed ECDH" }, { 66, "ECDSA Fixed ECDH" }, { 80, "IBC Params" }, { 0, NULL }
};

enum {
	F_VERSION, F_RANDOM, F_RANDOM_TIME, F_RANDOM_BYTES, F_SID_LEN, F_SID, F_CS_LEN, F_CSS,
	F_CS, F_COMP_LEN, F_COMPS, F_COMP, F_EXT_LEN, F_EXT_TYPE, F_EXT_LEN1, F_EXT_DATA,
	F_SNI_LIST_LEN, F_SNI_TYPE, F_SNI_LEN, F_SNI, F_GROUPS_LEN, F_GROUPS, F_GROUP,
	F_ECPF_LEN, F_ECPFS, F_ECPF, F_SIGALGS_LEN, F_SIGALGS, F_SIGALG, F_SIGHASH, F_SIGSIG,
	F_ALPN_LEN, F_ALPN_LIST, F_ALPN_STR_LEN, F_ALPN_STR, F_ST_TYPE, F_ST_RID_LEN,
	F_ST_REXT_LEN, F_KS_CLIENT_LEN, F_KS_GROUP, F_KS_KEX_LEN, F_KS_KEX, F_KS_SELECTED,
	F_SV_LEN, F_SV, F_PSKM_LEN, F_PSKM, F_RSL, F_PADDING, F_RENEG_LEN, F_RENEG,
	F_CC_LEN, F_CC_ALG, F_ALPS_LEN, F_ALPS_LIST, F_ALPS_STR_LEN, F_ALPS_STR, F_NPN_LEN, F_NPN_STR,
	F_PSK_IDS_LEN, F_PSK_ID_LEN, F_PSK_ID, F_PSK_AGE, F_PSK_BINDERS_LEN, F_PSK_BINDERS,
	F_PSK_SELECTED, F_EARLY_MAX, F_HB_MODE, F_JA3_FULL, F_JA3, F_JA3S_FULL, F_JA3S,
	F_CURVE_TYPE, F_NAMED_CURVE, F_PUBKEY_LEN, F_PUBKEY, F_SIG_LEN, F_SIG, F_P_LEN, F_P,
	F_G_LEN, F_G, F_EPMS_LEN, F_EPMS, F_TICKET_HINT, F_TICKET_AGE_ADD, F_TICKET_NONCE_LEN,
	F_TICKET_NONCE, F_TICKET_LEN, F_TICKET, F_VERIFY, F_CERT_TYPES_COUNT, F_CERT_TYPES,
	F_CERT_TYPE, F_DNAMES_LEN, F_DNAMES, F_DNAME_LEN, F_DNAME, F_OCSP_LEN, F_YS_LEN, F_YS,
	F_YC_LEN, F_YC, F_CPOINT_LEN, F_CPOINT, F_ESNI_SUITE, F_ESNI_DIGEST_LEN, F_ESNI_DIGEST,
	F_ESNI_LEN, F_ESNI, F_CV_SIG_LEN, F_CV_SIG, F_MAL_VEC, F_MAL_SMALL, F_MAL_TRAIL,
};

#define U8(a, n, h) { a, n, FT_UINT8, BASE_DEC, 0, 0, NULL, h, 0 }
#define U16(a, n, h) { a, n, FT_UINT16, BASE_DEC, 0, 0, NULL, h, 0 }
#define BYTES(a, n, h) { a, n, FT_BYTES, BASE_NONE, 0, 0, NULL, h, 0 }
#define NONE(a, n, h) { a, n, FT_NONE, BASE_NONE, 0, 0, NULL, h, 0 }
#define STR(a, n, h) { a, n, FT_STRING, BASE_NONE, 0, 0, NULL, h, 0 }

static const struct field_def fields[] = {
	[F_VERSION] = { "tls.handshake.version", "Version", FT_UINT16, BASE_HEX, 0, 0, suppver_vals,
		"16 bits: the version offered (Client Hello) or chosen (Server Hello); TLS 1.3 "
		"negotiates in the supported_versions extension instead.", 0 },
	[F_RANDOM] = BYTES("tls.handshake.random", "Random",
		"32 bytes of fresh randomness, mixed into the session keys."),
	[F_RANDOM_TIME] = { "tls.handshake.random_time", "GMT Unix Time", FT_ABSOLUTE_TIME, BASE_NONE,
		0, 0, NULL, "The first 4 random bytes read as a time (old TLS put the clock there).", 0 },
	[F_RANDOM_BYTES] = BYTES("tls.handshake.random_bytes", "Random Bytes",
		"The other 28 random bytes."),
	/* FT_UINT16 as tshark registers it (shared with SSLv2's 16-bit field) */
	[F_SID_LEN] = U16("tls.handshake.session_id_length", "Session ID Length",
		"8 bits: bytes of session ID (0..32)."),
	[F_SID] = BYTES("tls.handshake.session_id", "Session ID",
		"Names a session to resume (TLS 1.3: a random value for middleboxes)."),
	[F_CS_LEN] = U16("tls.handshake.cipher_suites_length", "Cipher Suites Length",
		"16 bits: bytes of the cipher suite list (2 per suite)."),
	[F_CSS] = NONE("tls.handshake.ciphersuites", "Cipher Suites",
		"The cipher suites the client accepts, preferred first."),
	[F_CS] = { "tls.handshake.ciphersuite", "Cipher Suite", FT_UINT16, BASE_HEX, 0, 0, cs_vals,
		"16 bits: key exchange, authentication, cipher and hash, as one number.", 0 },
	[F_COMP_LEN] = U8("tls.handshake.comp_methods_length", "Compression Methods Length",
		"8 bits: number of compression methods."),
	[F_COMPS] = NONE("tls.handshake.comp_methods", "Compression Methods",
		"The compression methods offered (only null is safe)."),
	[F_COMP] = { "tls.handshake.comp_method", "Compression Method", FT_UINT8, BASE_DEC, 0, 0,
		comp_vals, "8 bits: 0 is no compression.", 0 },
	[F_EXT_LEN] = U16("tls.handshake.extensions_length", "Extensions Length",
		"16 bits: bytes of all extensions."),
	[F_EXT_TYPE] = { "tls.handshake.extension.type", "Type", FT_UINT16, BASE_DEC, 0, 0, ext_vals,
		"16 bits: which extension.", 0 },
	[F_EXT_LEN1] = U16("tls.handshake.extension.len", "Length", "16 bits: bytes of its data."),
	[F_EXT_DATA] = BYTES("tls.handshake.extension.data", "Data", "An extension's undecoded data."),
	[F_SNI_LIST_LEN] = U16("tls.handshake.extensions_server_name_list_len", "Server Name list length",
		"16 bits: bytes of the name list."),
	[F_SNI_TYPE] = { "tls.handshake.extensions_server_name_type", "Server Name Type", FT_UINT8,
		BASE_DEC, 0, 0, sni_type_vals, "8 bits: 0 is a DNS host name.", 0 },
	[F_SNI_LEN] = U16("tls.handshake.extensions_server_name_len", "Server Name length",
		"16 bits: bytes of the name."),
	[F_SNI] = STR("tls.handshake.extensions_server_name", "Server Name",
		"Host name the client asks for (SNI), sent in clear text."),
	[F_GROUPS_LEN] = U16("tls.handshake.extensions_supported_groups_length",
		"Supported Groups List Length", "16 bits: bytes of the group list."),
	[F_GROUPS] = NONE("tls.handshake.extensions_supported_groups", "Supported Groups List",
		"Key exchange groups (elliptic curves, finite fields) the client supports."),
	[F_GROUP] = { "tls.handshake.extensions_supported_group", "Supported Group", FT_UINT16,
		BASE_HEX, 0, 0, group_vals, "16 bits: one group.", 0 },
	[F_ECPF_LEN] = U8("tls.handshake.extensions_ec_point_formats_length", "EC point formats Length",
		"8 bits: number of point formats."),
	[F_ECPFS] = NONE("tls.handshake.extensions_ec_point_formats", "EC point formats",
		"Encodings of elliptic curve points accepted."),
	[F_ECPF] = { "tls.handshake.extensions_ec_point_format", "EC point format", FT_UINT8, BASE_DEC,
		0, 0, ecpf_vals, "8 bits: one point encoding.", 0 },
	[F_SIGALGS_LEN] = U16("tls.handshake.sig_hash_alg_len", "Signature Hash Algorithms Length",
		"16 bits: bytes of the algorithm list."),
	[F_SIGALGS] = NONE("tls.handshake.sig_hash_algs", "Signature Algorithms",
		"Signature algorithms the peer accepts."),
	[F_SIGALG] = { "tls.handshake.sig_hash_alg", "Signature Algorithm", FT_UINT16, BASE_HEX, 0, 0,
		sigalg_vals, "16 bits: hash and signature algorithm (TLS 1.3: one scheme).", 0 },
	[F_SIGHASH] = { "tls.handshake.sig_hash_hash", "Signature Hash Algorithm Hash", FT_UINT8,
		BASE_DEC, 0, 0, sighash_vals, "8 bits: the hash (TLS 1.2 reading).", 0 },
	[F_SIGSIG] = { "tls.handshake.sig_hash_sig", "Signature Hash Algorithm Signature", FT_UINT8,
		BASE_DEC, 0, 0, sigsig_vals, "8 bits: the signature (TLS 1.2 reading).", 0 },
	[F_ALPN_LEN] = U16("tls.handshake.extensions_alpn_len", "ALPN Extension Length",
		"16 bits: bytes of the protocol list."),
	[F_ALPN_LIST] = NONE("tls.handshake.extensions_alpn_list", "ALPN Protocol",
		"Application protocols offered (h2, http/1.1 …) or chosen."),
	[F_ALPN_STR_LEN] = U8("tls.handshake.extensions_alpn_str_len", "ALPN string length",
		"8 bits: bytes of the name."),
	[F_ALPN_STR] = STR("tls.handshake.extensions_alpn_str", "ALPN Next Protocol",
		"An application protocol name."),
	[F_ST_TYPE] = { "tls.handshake.extensions_status_request_type", "Certificate Status Type",
		FT_UINT8, BASE_DEC, 0, 0, status_type_vals, "8 bits: 1 asks for an OCSP response.", 0 },
	[F_ST_RID_LEN] = U16("tls.handshake.extensions_status_request_responder_ids_len",
		"Responder ID list Length", "16 bits: bytes of trusted OCSP responder IDs."),
	[F_ST_REXT_LEN] = U16("tls.handshake.extensions_status_request_exts_len",
		"Request Extensions Length", "16 bits: bytes of OCSP request extensions."),
	[F_KS_CLIENT_LEN] = U16("tls.handshake.extensions_key_share_client_length",
		"Client Key Share Length", "16 bits: bytes of the key shares."),
	[F_KS_GROUP] = { "tls.handshake.extensions_key_share_group", "Group", FT_UINT16, BASE_DEC, 0, 0,
		group_vals, "16 bits: the group of this key share.", 0 },
	[F_KS_KEX_LEN] = U16("tls.handshake.extensions_key_share_key_exchange_length",
		"Key Exchange Length", "16 bits: bytes of the public key."),
	[F_KS_KEX] = BYTES("tls.handshake.extensions_key_share_key_exchange", "Key Exchange",
		"The (EC)DHE public key."),
	[F_KS_SELECTED] = { "tls.handshake.extensions_key_share_selected_group", "Selected Group",
		FT_UINT16, BASE_DEC, 0, 0, group_vals,
		"16 bits: the group the server wants a key share for (Hello Retry Request).", 0 },
	[F_SV_LEN] = U8("tls.handshake.extensions.supported_versions_len", "Supported Versions length",
		"8 bits: bytes of the version list."),
	[F_SV] = { "tls.handshake.extensions.supported_version", "Supported Version", FT_UINT16,
		BASE_HEX, 0, 0, suppver_vals, "16 bits: a version offered or the one chosen.", 0 },
	[F_PSKM_LEN] = U8("tls.extension.psk_ke_modes_length", "PSK Key Exchange Modes Length",
		"8 bits: number of modes."),
	[F_PSKM] = { "tls.extension.psk_ke_mode", "PSK Key Exchange Mode", FT_UINT8, BASE_DEC, 0, 0,
		pskmode_vals, "8 bits: how a resumed session gets its keys.", 0 },
	[F_RSL] = U16("tls.record_size_limit", "Record Size Limit",
		"16 bits: the largest record the sender will accept."),
	[F_PADDING] = BYTES("tls.handshake.extensions_padding_data", "Padding Data",
		"Zeros that make the hello a chosen size."),
	[F_RENEG_LEN] = U8("tls.handshake.extensions_reneg_info_len", "Renegotiation info extension length",
		"8 bits: bytes of verify data."),
	[F_RENEG] = BYTES("tls.handshake.extensions_reneg_info", "Renegotiation info",
		"The previous handshake's verify data (empty on a first handshake)."),
	[F_CC_LEN] = U8("tls.compress_certificate.algorithms_length", "Algorithms Length",
		"8 bits: bytes of the algorithm list."),
	[F_CC_ALG] = { "tls.compress_certificate.algorithm", "Algorithm", FT_UINT16, BASE_DEC, 0, 0,
		certcomp_vals, "16 bits: a certificate compression algorithm.", 0 },
	[F_ALPS_LEN] = U16("tls.handshake.extensions_alps_len", "ALPS Extension Length",
		"16 bits: bytes of the protocol list."),
	[F_ALPS_LIST] = NONE("tls.handshake.extensions_alps_alpn_list", "Supported ALPN List",
		"Protocols for which application settings are supported."),
	[F_ALPS_STR_LEN] = U8("tls.handshake.extensions_alps_alpn_str_len", "Supported ALPN Length",
		"8 bits: bytes of the name."),
	[F_NPN_LEN] = U8("tls.handshake.extensions_npn_str_len", "Protocol string length",
		"8 bits: bytes of the name."),
	[F_NPN_STR] = STR("tls.handshake.extensions_npn", "Next Protocol",
		"An application protocol the server offers."),
	[F_ALPS_STR] = STR("tls.handshake.extensions_alps_alpn_str", "Supported ALPN",
		"An application protocol name."),
	[F_PSK_IDS_LEN] = U16("tls.handshake.extensions.psk.identities.length", "Identities Length",
		"16 bits: bytes of PSK identities."),
	[F_PSK_ID_LEN] = U16("tls.handshake.extensions.psk.identity.identity_length", "Identity Length",
		"16 bits: bytes of the identity."),
	[F_PSK_ID] = BYTES("tls.handshake.extensions.psk.identity.identity", "Identity",
		"A pre-shared key's identity (usually a session ticket)."),
	[F_PSK_AGE] = { "tls.handshake.extensions.psk.identity.obfuscated_ticket_age",
		"Obfuscated Ticket Age", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"32 bits: the ticket's age plus the server's random offset.", 0 },
	[F_PSK_BINDERS_LEN] = U16("tls.handshake.extensions.psk.binders_len", "PSK Binders length",
		"16 bits: bytes of binders."),
	[F_PSK_BINDERS] = NONE("tls.handshake.extensions.psk.binders", "PSK Binders",
		"HMACs that prove the client holds each pre-shared key."),
	[F_PSK_SELECTED] = U16("tls.handshake.extensions.psk.identity.selected", "Selected Identity",
		"16 bits: index of the identity the server accepted."),
	[F_EARLY_MAX] = { "tls.early_data.max_early_data_size", "Maximum Early Data Size", FT_UINT32,
		BASE_DEC, 0, 0, NULL, "32 bits: bytes of 0-RTT data the server accepts.", 0 },
	[F_HB_MODE] = { "tls.handshake.extension.heartbeat.mode", "Mode", FT_UINT8, BASE_DEC, 0, 0,
		hb_mode_vals, "8 bits: whether the peer may send heartbeat requests.", 0 },
	[F_JA3_FULL] = STR("tls.handshake.ja3_full", "JA3 Fullstring",
		"Version, suites, extensions, groups, point formats of a Client Hello (GREASE left out)."),
	[F_JA3] = STR("tls.handshake.ja3", "JA3", "MD5 of the JA3 string: a client fingerprint."),
	[F_JA3S_FULL] = STR("tls.handshake.ja3s_full", "JA3S Fullstring",
		"Version, suite and extensions of a Server Hello."),
	[F_JA3S] = STR("tls.handshake.ja3s", "JA3S", "MD5 of the JA3S string: a server fingerprint."),
	[F_CURVE_TYPE] = { "tls.handshake.server_curve_type", "Curve Type", FT_UINT8, BASE_HEX, 0, 0,
		curvetype_vals, "8 bits: 3 is a named curve.", 0 },
	[F_NAMED_CURVE] = { "tls.handshake.server_named_curve", "Named Curve", FT_UINT16, BASE_HEX, 0, 0,
		group_vals, "16 bits: the curve of the server's ephemeral key.", 0 },
	[F_PUBKEY_LEN] = U8("tls.handshake.server_point_len", "Pubkey Length",
		"Bytes of the ephemeral public key."),
	[F_PUBKEY] = BYTES("tls.handshake.server_point", "Pubkey", "The ephemeral public key."),
	[F_SIG_LEN] = U16("tls.handshake.sig_len", "Signature Length", "16 bits: bytes of signature."),
	[F_SIG] = BYTES("tls.handshake.sig", "Signature",
		"The server's signature over both randoms and its parameters."),
	[F_P_LEN] = U16("tls.handshake.p_len", "p Length", "16 bits: bytes of the prime."),
	[F_P] = BYTES("tls.handshake.p", "p", "The Diffie-Hellman prime modulus."),
	[F_G_LEN] = U16("tls.handshake.g_len", "g Length", "16 bits: bytes of the generator."),
	[F_G] = BYTES("tls.handshake.g", "g", "The Diffie-Hellman generator."),
	[F_EPMS_LEN] = U16("tls.handshake.epms_len", "Encrypted PreMaster length",
		"16 bits: bytes of the encrypted secret."),
	[F_EPMS] = BYTES("tls.handshake.epms", "Encrypted PreMaster",
		"The premaster secret encrypted to the server's RSA key."),
	[F_TICKET_HINT] = { "tls.handshake.session_ticket_lifetime_hint", "Session Ticket Lifetime Hint",
		FT_UINT32, BASE_DEC, 0, 0, NULL, "32 bits: seconds the ticket may be kept.", 0 },
	[F_TICKET_AGE_ADD] = { "tls.handshake.session_ticket_age_add", "Session Ticket Age Add",
		FT_UINT32, BASE_DEC, 0, 0, NULL, "32 bits: obfuscates the ticket's age.", 0 },
	[F_TICKET_NONCE_LEN] = U8("tls.handshake.session_ticket_nonce_length",
		"Session Ticket Nonce Length", "8 bits: bytes of nonce."),
	[F_TICKET_NONCE] = BYTES("tls.handshake.session_ticket_nonce", "Session Ticket Nonce",
		"Makes each ticket's key different."),
	[F_TICKET_LEN] = U16("tls.handshake.session_ticket_length", "Session Ticket Length",
		"16 bits: bytes of ticket."),
	[F_TICKET] = BYTES("tls.handshake.session_ticket", "Session Ticket",
		"Opaque state the client returns to resume the session."),
	[F_VERIFY] = NONE("tls.handshake.verify_data", "Verify Data",
		"Hash of the whole handshake, proving nobody altered it."),
	[F_CERT_TYPES_COUNT] = U8("tls.handshake.cert_types_count", "Certificate types count",
		"8 bits: number of certificate types."),
	[F_CERT_TYPES] = NONE("tls.handshake.cert_types", "Certificate types",
		"Kinds of client certificate the server accepts."),
	[F_CERT_TYPE] = { "tls.handshake.cert_type", "Certificate type", FT_UINT8, BASE_DEC, 0, 0,
		cert_type_vals, "8 bits: one certificate kind.", 0 },
	[F_DNAMES_LEN] = U16("tls.handshake.dnames_len", "Distinguished Names Length",
		"16 bits: bytes of CA names."),
	[F_DNAMES] = NONE("tls.handshake.dnames", "Distinguished Names",
		"Certificate authorities whose client certificates the server accepts."),
	[F_DNAME_LEN] = U16("tls.handshake.dname_len", "Distinguished Name Length",
		"16 bits: bytes of one name."),
	[F_DNAME] = NONE("tls.handshake.dname", "Distinguished Name", "One CA name (DER)."),
	[F_OCSP_LEN] = { "tls.handshake.ocsp_response_len", "OCSP Response Length", FT_UINT24, BASE_DEC,
		0, 0, NULL, "24 bits: bytes of the OCSP response.", 0 },
	[F_YS_LEN] = U16("tls.handshake.ys_len", "Pubkey Length", "16 bits: bytes of the server's DH value."),
	[F_YS] = BYTES("tls.handshake.ys", "Pubkey", "The server's ephemeral Diffie-Hellman value."),
	[F_YC_LEN] = U16("tls.handshake.yc_len", "Pubkey Length", "16 bits: bytes of the client's DH value."),
	[F_YC] = BYTES("tls.handshake.yc", "Pubkey", "The client's ephemeral Diffie-Hellman value."),
	[F_CPOINT_LEN] = U8("tls.handshake.client_point_len", "Pubkey Length",
		"8 bits: bytes of the client's EC point."),
	[F_MAL_VEC] = NONE("tls.malformed.vector_length",
		"Variable vector length is outside the permitted range",
		"Expert: a length prefix larger than what follows, or below the minimum."),
	[F_MAL_SMALL] = NONE("tls.malformed.buffer_too_small",
		"Malformed message, not enough data is available",
		"Expert: the message ends where a length prefix should be."),
	[F_MAL_TRAIL] = NONE("tls.malformed.trailing_data", "Undecoded trailing data is present",
		"Expert: bytes left over at the end of a list."),
	[F_CV_SIG_LEN] = U16("tls.handshake.client_cert_vrfy.sig_len", "Signature length",
		"16 bits: bytes of signature."),
	[F_CV_SIG] = BYTES("tls.handshake.client_cert_vrfy.sig", "Signature",
		"Signature over the handshake so far with the certificate's key."),
	[F_ESNI_SUITE] = { "tls.esni.suite", "Cipher Suite", FT_UINT16, BASE_HEX, 0, 0, cs_vals,
		"16 bits: the suite that encrypts the server name.", 0 },
	[F_ESNI_DIGEST_LEN] = U16("tls.esni.record_digest_length", "Record Digest Length",
		"16 bits: bytes of the digest."),
	[F_ESNI_DIGEST] = BYTES("tls.esni.record_digest", "Record Digest",
		"Hash of the server's ESNI keys record (from DNS)."),
	[F_ESNI_LEN] = U16("tls.esni.encrypted_sni_length", "Encrypted SNI Length",
		"16 bits: bytes of the encrypted name."),
	[F_ESNI] = BYTES("tls.esni.encrypted_sni", "Encrypted SNI", "The server name, encrypted."),
	[F_CPOINT] = BYTES("tls.handshake.client_point", "Pubkey", "The client's ephemeral EC public key."),
};

static const struct field_table tls_hs_table = REG_TABLE(fields);
const struct proto_reg tls_hs_proto = REG_PROTO_TABLE(tls_hs_table);

/* ---- helpers ---- */

static int is_grease(uint16_t v)
{
	return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

/* A JA3 list being built: values joined with '-'; cut silently when full. */
struct ja3_list {
	char s[4096];
	size_t n;
};

static void ja3_add(struct ja3_list *l, unsigned v)
{
	int k = snprintf(l->s + l->n, sizeof(l->s) - l->n, "%s%u", l->n ? "-" : "", v);

	if (k > 0 && (size_t)k < sizeof(l->s) - l->n)
		l->n += (size_t)k;
}

struct hs {
	struct dctx *d;
	struct dtree *t;
	struct tls_hs_state *st;
	int server, hrr, tls13;
	int bad;		/* a length prefix did not fit: stop, as tshark does */
	int ja3;		/* the tree wants JA3/JA3S: collect the lists */
	struct ja3_list ciphers, exts, groups, ecpf;
};

static const char *plural(unsigned n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* A length-prefixed vector of `lb` bytes' length at c: adds the length field, returns a
 * sub-cursor over the vector (clipped to what exists) and moves c past it. */
static struct cur vec(struct hs *h, uint32_t parent, struct cur *c, int lb, int fid,
    uint32_t *len)
{
	uint32_t at = cur_off(c), l = lb == 1 ? cur_u8(c) : lb == 2 ? cur_be16(c) : cur_be24(c);
	struct cur v;

	if (cur_ok(c))
		tree_add_uint(h->t, parent, &fields[fid], at, (uint32_t)lb, l);
	v = cur_sub(c, l, NULL);
	cur_skip(c, l);
	*len = l;
	return v;
}

/* vec for the hello's own vectors, checked as tshark checks them: a length that does
 * not fit (or no room for the length) sets h->bad; one below min is only a warning. */
static struct cur vec_checked(struct hs *h, uint32_t parent, struct cur *c, int lb, int fid,
    uint32_t *len, uint32_t min)
{
	char msg[96];
	uint32_t at = cur_off(c), l, n;

	*len = 0;
	if (cur_left(c) < (size_t)lb) {
		snprintf(msg, sizeof(msg), "No more room for vector of length %d", lb);
		n = tree_add_text(h->t, parent, at, (uint32_t)cur_left(c), "%s", msg);
		dissect_expert(h->d, n, &fields[F_MAL_SMALL], SEV_ERROR, "Malformed", msg);
		h->bad = 1;
		return cur_sub(c, 0, NULL);
	}
	l = lb == 1 ? cur_u8(c) : lb == 2 ? cur_be16(c) : cur_be24(c);
	n = tree_add_uint(h->t, parent, &fields[fid], at, (uint32_t)lb, l);
	*len = l;
	if (l > cur_left(c)) {
		snprintf(msg, sizeof(msg), "Vector length %u is too large, truncating it to %u", l,
		    (unsigned)cur_left(c));
		dissect_expert(h->d, n, &fields[F_MAL_VEC], SEV_ERROR, "Malformed", msg);
		h->bad = 1;
		return cur_sub(c, 0, NULL);
	}
	if (l < min) {
		snprintf(msg, sizeof(msg), "Vector length %u is smaller than minimum %u", l, min);
		dissect_expert(h->d, n, &fields[F_MAL_VEC], SEV_WARN, "Protocol", msg);
	}
	struct cur v = cur_sub(c, l, NULL);
	cur_skip(c, l);
	return v;
}

static void add_bytes(struct hs *h, uint32_t parent, struct cur *c, int fid, uint32_t n)
{
	uint32_t at = cur_off(c);

	if (n > cur_left(c))
		n = (uint32_t)cur_left(c);
	tree_add_bytes(h->t, parent, &fields[fid], at, n, c->p, n);
	cur_skip(c, n);
}

static uint32_t add_u8(struct hs *h, uint32_t parent, struct cur *c, int fid)
{
	uint32_t at = cur_off(c);
	uint8_t v = cur_u8(c);

	return cur_ok(c) ? tree_add_uint(h->t, parent, &fields[fid], at, 1, v) : 0;
}

static uint32_t add_u16(struct hs *h, uint32_t parent, struct cur *c, int fid)
{
	uint32_t at = cur_off(c);
	uint16_t v = cur_be16(c);

	return cur_ok(c) ? tree_add_uint(h->t, parent, &fields[fid], at, 2, v) : 0;
}

/* "Signature Algorithm: name (0xNNNN)" with its hash and signature bytes below. */
void tls_sigalg(struct dtree *t, uint32_t parent, struct cur *c)
{
	uint32_t at = cur_off(c), n;
	uint16_t v = cur_be16(c);

	if (!cur_ok(c))
		return;
	n = tree_add_uint(t, parent, &fields[F_SIGALG], at, 2, v);
	if (!val_to_str(v, sigalg_vals) && tree_text(t)) {
		const char *hs = val_to_str(v >> 8, sighash_vals), *ss = val_to_str(v & 0xff, sigsig_vals);
		tree_label(t, n, "Signature Algorithm: %s %s (0x%04x)", hs ? hs : "Unknown",
		    ss ? ss : "Unknown", v);
	}
	tree_add_uint(t, n, &fields[F_SIGHASH], at, 1, v >> 8);
	tree_add_uint(t, n, &fields[F_SIGSIG], at + 1, 1, v & 0xff);
}

static void sigalg(struct hs *h, uint32_t parent, struct cur *c)
{
	tls_sigalg(h->t, parent, c);
}

/* ---- extensions (RFC 8446 §4.2 and the registry's others) ---- */

typedef void (*ext_fn)(struct hs *h, uint32_t node, struct cur *c);

static void ext_sni(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t l, sn;
	struct cur list;

	if (!cur_left(c))
		return;
	sn = tree_add_text(h->t, node, cur_off(c), (uint32_t)cur_left(c),
	    "Server Name Indication extension");
	list = vec(h, sn, c, 2, F_SNI_LIST_LEN, &l);
	while (cur_left(&list) >= 3) {
		add_u8(h, sn, &list, F_SNI_TYPE);
		struct cur name = vec(h, sn, &list, 2, F_SNI_LEN, &l);
		add_bytes(h, sn, &name, F_SNI, (uint32_t)cur_left(&name));
	}
}

static void ext_groups(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t l, n, at;
	struct cur v = vec(h, node, c, 2, F_GROUPS_LEN, &l);

	at = cur_off(&v);
	n = tree_add(h->t, node, &fields[F_GROUPS], at, (uint32_t)cur_left(&v));
	tree_label(h->t, n, "Supported Groups (%u %s)", l / 2, plural(l / 2, "group", "groups"));
	while (cur_left(&v) >= 2) {
		uint16_t g = cur_peek_be16(&v, 0);
		if (h->ja3 && !h->server && !is_grease(g))
			ja3_add(&h->groups, g);
		add_u16(h, n, &v, F_GROUP);
	}
}

static void ext_ecpf(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t l, n;
	struct cur v = vec(h, node, c, 1, F_ECPF_LEN, &l);

	n = tree_add(h->t, node, &fields[F_ECPFS], cur_off(&v), (uint32_t)cur_left(&v));
	tree_label(h->t, n, "Elliptic curves point formats (%u)", l);
	while (cur_left(&v)) {
		if (h->ja3 && !h->server)
			ja3_add(&h->ecpf, cur_peek(&v, 0));
		add_u8(h, n, &v, F_ECPF);
	}
}

static void ext_sigalgs(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t l, n;
	struct cur v = vec(h, node, c, 2, F_SIGALGS_LEN, &l);

	n = tree_add(h->t, node, &fields[F_SIGALGS], cur_off(&v), (uint32_t)cur_left(&v));
	tree_label(h->t, n, "Signature Hash Algorithms (%u %s)", l / 2,
	    plural(l / 2, "algorithm", "algorithms"));
	while (cur_left(&v) >= 2)
		sigalg(h, n, &v);
}

static void alpn_list(struct hs *h, uint32_t node, struct cur *c, int flen, int flist,
    int fslen, int fstr)
{
	uint32_t l, n;
	struct cur v = vec(h, node, c, 2, flen, &l);

	n = tree_add(h->t, node, &fields[flist], cur_off(&v), (uint32_t)cur_left(&v));
	while (cur_left(&v)) {
		struct cur s = vec(h, n, &v, 1, fslen, &l);
		add_bytes(h, n, &s, fstr, (uint32_t)cur_left(&s));
	}
}

/* Wireshark's ALPN → dissector associations, by long name; a name ending in '*' is a
 * prefix. */
static const struct {
	const char *alpn;
	const char *proto;
} alpn_protos[] = {
	{ "http/1.1", "Hypertext Transfer Protocol" }, { "h2", "HyperText Transfer Protocol 2" },
	{ "h2-*", "HyperText Transfer Protocol 2" }, { "imap", "Internet Message Access Protocol" },
	{ "pop3", "Post Office Protocol" }, { "dot", "Domain Name System" },
	{ "mqtt", "MQ Telemetry Transport Protocol" }, { "spdy/*", "SPDY" },
};

static void alpn_selected(struct hs *h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < sizeof(alpn_protos) / sizeof(alpn_protos[0]); i++) {
		const char *a = alpn_protos[i].alpn;
		size_t al = strlen(a);
		int prefix = a[al - 1] == '*';
		if (prefix ? n >= al - 1 && !memcmp(p, a, al - 1) : n == al && !memcmp(p, a, al)) {
			h->st->app_proto = alpn_protos[i].proto;
			return;
		}
	}
}

static void ext_alpn(struct hs *h, uint32_t node, struct cur *c)
{
	if (h->server && h->st && cur_left(c) >= 3 && cur_peek(c, 2) <= cur_left(c) - 3)
		alpn_selected(h, c->p + 3, cur_peek(c, 2));
	alpn_list(h, node, c, F_ALPN_LEN, F_ALPN_LIST, F_ALPN_STR_LEN, F_ALPN_STR);
}

static void ext_alps(struct hs *h, uint32_t node, struct cur *c)
{
	alpn_list(h, node, c, F_ALPS_LEN, F_ALPS_LIST, F_ALPS_STR_LEN, F_ALPS_STR);
}

static void ext_status(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t l;

	if (!cur_left(c))
		return;
	add_u8(h, node, c, F_ST_TYPE);
	vec(h, node, c, 2, F_ST_RID_LEN, &l);
	vec(h, node, c, 2, F_ST_REXT_LEN, &l);
}

static void key_share_entry(struct hs *h, uint32_t parent, struct cur *c)
{
	uint32_t at = cur_off(c), l, n;
	uint16_t g = cur_peek_be16(c, 0), kl = cur_peek_be16(c, 2);
	const char *gn = val_to_str(g, group_vals);
	char unk[24];

	if (!gn) {
		snprintf(unk, sizeof(unk), "Unknown (%u)", g);
		gn = unk;
	}
	n = tree_add_text(h->t, parent, at, 4u + kl > cur_left(c) ? (uint32_t)cur_left(c) : 4u + kl,
	    "Key Share Entry: Group: %s, Key Exchange length: %u", gn, kl);
	add_u16(h, n, c, F_KS_GROUP);
	struct cur k = vec(h, n, c, 2, F_KS_KEX_LEN, &l);
	add_bytes(h, n, &k, F_KS_KEX, (uint32_t)cur_left(&k));
}

static void ext_key_share(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t n = tree_add_text(h->t, node, cur_off(c), (uint32_t)cur_left(c), "Key Share extension");

	if (h->hrr) {
		add_u16(h, n, c, F_KS_SELECTED);
	} else if (h->server) {
		key_share_entry(h, n, c);
	} else {
		uint32_t l;
		struct cur v = vec(h, n, c, 2, F_KS_CLIENT_LEN, &l);
		while (cur_left(&v) >= 4)
			key_share_entry(h, n, &v);
	}
}

static void ext_versions(struct hs *h, uint32_t node, struct cur *c)
{
	if (h->server) {
		add_u16(h, node, c, F_SV);
		return;
	}
	uint32_t l;
	struct cur v = vec(h, node, c, 1, F_SV_LEN, &l);
	while (cur_left(&v) >= 2)
		add_u16(h, node, &v, F_SV);
}

static void ext_pskm(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t l;
	struct cur v = vec(h, node, c, 1, F_PSKM_LEN, &l);

	while (cur_left(&v))
		add_u8(h, node, &v, F_PSKM);
}

static void ext_rsl(struct hs *h, uint32_t node, struct cur *c)
{
	add_u16(h, node, c, F_RSL);
}

static void ext_padding(struct hs *h, uint32_t node, struct cur *c)
{
	add_bytes(h, node, c, F_PADDING, (uint32_t)cur_left(c));
}

static void ext_reneg(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t l, n = tree_add_text(h->t, node, cur_off(c), (uint32_t)cur_left(c),
	    "Renegotiation Info extension");
	struct cur v = vec(h, n, c, 1, F_RENEG_LEN, &l);

	if (l)
		add_bytes(h, n, &v, F_RENEG, (uint32_t)cur_left(&v));
}

static void ext_ticket(struct hs *h, uint32_t node, struct cur *c)
{
	tree_add_text(h->t, node, cur_off(c), (uint32_t)cur_left(c), "Data (%u bytes)",
	    (unsigned)cur_left(c));
	cur_skip(c, cur_left(c));
}

static void ext_certcomp(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t l;
	struct cur v = vec(h, node, c, 1, F_CC_LEN, &l);

	while (cur_left(&v) >= 2)
		add_u16(h, node, &v, F_CC_ALG);
}

static void ext_psk(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t l, n;

	n = tree_add_text(h->t, node, cur_off(c), (uint32_t)cur_left(c), "Pre-Shared Key extension");
	if (h->server) {
		add_u16(h, n, c, F_PSK_SELECTED);
		return;
	}
	struct cur ids = vec(h, n, c, 2, F_PSK_IDS_LEN, &l);
	while (cur_left(&ids) >= 2) {
		uint16_t il = cur_peek_be16(&ids, 0);
		uint32_t in = tree_add_text(h->t, n, cur_off(&ids), 6u + il, "PSK Identity (length: %u)", il);
		struct cur id = vec(h, in, &ids, 2, F_PSK_ID_LEN, &l);
		add_bytes(h, in, &id, F_PSK_ID, (uint32_t)cur_left(&id));
		if (cur_left(&ids) < 4)
			break;
		tree_add_uint(h->t, in, &fields[F_PSK_AGE], cur_off(&ids), 4, cur_be32(&ids));
	}
	struct cur b = vec(h, n, c, 2, F_PSK_BINDERS_LEN, &l);
	tree_add(h->t, n, &fields[F_PSK_BINDERS], cur_off(&b), (uint32_t)cur_left(&b));
}

static void ext_esni(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t l;

	if (h->server)
		return;
	add_u16(h, node, c, F_ESNI_SUITE);
	key_share_entry(h, node, c);
	struct cur dg = vec(h, node, c, 2, F_ESNI_DIGEST_LEN, &l);
	add_bytes(h, node, &dg, F_ESNI_DIGEST, (uint32_t)cur_left(&dg));
	struct cur e = vec(h, node, c, 2, F_ESNI_LEN, &l);
	add_bytes(h, node, &e, F_ESNI, (uint32_t)cur_left(&e));
}

static void ext_early(struct hs *h, uint32_t node, struct cur *c)
{
	if (cur_left(c) >= 4)
		tree_add_uint(h->t, node, &fields[F_EARLY_MAX], cur_off(c), 4, cur_be32(c));
}

static void ext_heartbeat(struct hs *h, uint32_t node, struct cur *c)
{
	add_u8(h, node, c, F_HB_MODE);
}

static void ext_data(struct hs *h, uint32_t node, struct cur *c)
{
	add_bytes(h, node, c, F_EXT_DATA, (uint32_t)cur_left(c));
}

/* next_protocol_negotiation: empty from the client, the server's list of 8-bit-length
 * names (no length of its own). */
static void ext_npn(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t l, n;

	if (!cur_left(c))
		return;
	n = tree_add_text(h->t, node, cur_off(c), (uint32_t)cur_left(c), "Next Protocol Negotiation");
	while (cur_left(c) && !h->bad) {
		struct cur s = vec(h, n, c, 1, F_NPN_LEN, &l);
		add_bytes(h, n, &s, F_NPN_STR, (uint32_t)cur_left(&s));
	}
}

static void ext_quic_tp(struct hs *h, uint32_t node, struct cur *c)
{
	tls_ext_quic_tp(h->t, node, c);
}

static void ext_none(struct hs *h, uint32_t node, struct cur *c)
{
	(void)h;
	(void)node;
	cur_skip(c, cur_left(c));
}

/* Extensions tshark shows empty (or whose data it does not decode) take ext_none; a
 * type not listed shows its data as bytes. */
static const struct {
	uint16_t type;
	ext_fn fn;
} ext_fns[] = {
	{ 0, ext_sni }, { 5, ext_status }, { 10, ext_groups }, { 11, ext_ecpf },
	{ 13, ext_sigalgs }, { 15, ext_heartbeat }, { 16, ext_alpn }, { 18, ext_none },
	{ 21, ext_padding }, { 22, ext_none }, { 23, ext_none }, { 27, ext_certcomp },
	{ 28, ext_rsl }, { 34, ext_sigalgs }, { 35, ext_ticket }, { 41, ext_psk },
	{ 42, ext_early }, { 43, ext_versions }, { 45, ext_pskm }, { 49, ext_none },
	{ 50, ext_sigalgs }, { 51, ext_key_share }, { 57, ext_quic_tp }, { 13172, ext_npn },
	{ 17513, ext_alps }, { 65281, ext_reneg }, { 65445, ext_quic_tp }, { 65486, ext_esni },
};

static void extensions(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t l;
	struct cur all;

	if (!cur_left(c))
		return;
	all = vec_checked(h, node, c, 2, F_EXT_LEN, &l, 0);
	if (h->bad)
		return;
	while (cur_left(&all) >= 4) {
		uint32_t at = cur_off(&all), en;
		uint16_t type = cur_be16(&all), el = cur_be16(&all);
		const char *name = val_to_str(type, ext_vals);
		struct cur data = cur_sub(&all, el, NULL);
		ext_fn fn = ext_data;

		if (h->ja3 && !is_grease(type))
			ja3_add(&h->exts, type);
		if (name)
			en = tree_add_text(h->t, node, at, 4u + el, "Extension: %s (len=%u)", name, el);
		else
			en = tree_add_text(h->t, node, at, 4u + el, "Extension: Unknown type %u (len=%u)",
			    type, el);
		tree_add_uint(h->t, en, &fields[F_EXT_TYPE], at, 2, type);
		tree_add_uint(h->t, en, &fields[F_EXT_LEN1], at + 2, 2, el);
		for (size_t i = 0; i < sizeof(ext_fns) / sizeof(ext_fns[0]); i++)
			if (ext_fns[i].type == type)
				fn = ext_fns[i].fn;
		if (fn == ext_data && !el)
			tree_add_text(h->t, en, at + 4, 0, "Data: <MISSING>");
		else
			fn(h, en, &data);
		cur_skip(&all, el);
	}
}

/* ---- JA3 ---- */

/* A generated string item; a label longer than Wireshark's 240-byte buffer is cut with
 * " [truncated]" after the name, as tshark prints it. */
static void add_gen_string(struct dtree *t, uint32_t node, int fid, uint32_t off, uint32_t len,
    const char *s)
{
	size_t n = strlen(s);
	const struct field_def *f = &fields[fid];
	uint32_t i = tree_add_bytes(t, node, f, off, len, tree_keep(t, s, (uint32_t)n), (uint32_t)n);

	tree_flag(t, i, TN_GENERATED | TN_CLEAN);
	if (i && tree_text(t) && strlen(f->name) + 2 + n > 239) {
		char b[240];
		snprintf(b, sizeof(b), "%s [truncated]: %s", f->name, s);
		b[238] = '\0';
		tree_label(t, i, "%s", b);
	}
}

static void ja3_items(struct hs *h, uint32_t node, uint32_t off, uint32_t len, const char *full,
    int ffull, int fhash)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdl = 0;
	char hex[2 * EVP_MAX_MD_SIZE + 1];

	if (!h->ja3)
		return;
	add_gen_string(h->t, node, ffull, off, len, full);
	if (EVP_Digest(full, strlen(full), md, &mdl, EVP_md5(), NULL) != 1)
		return;
	for (unsigned i = 0; i < mdl; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	add_gen_string(h->t, node, fhash, off, len, hex);
}

/* ---- hellos ---- */

static void random_field(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t at = cur_off(c);
	const uint8_t *p = cur_ptr(c, 32);
	uint32_t n;

	if (!p)
		return;
	n = tree_add_bytes(h->t, node, &fields[F_RANDOM], at, 32, p, 32);
	if (h->hrr && tree_text(h->t)) {
		char hex[65];
		for (int i = 0; i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", p[i]);
		tree_label(h->t, n, "Random: %s (HelloRetryRequest magic)", hex);
	}
	if (h->tls13)
		return;
	struct cur r = cur_make(p, 4);
	tree_add_time(h->t, n, &fields[F_RANDOM_TIME], at, 4, (int64_t)cur_be32(&r) * 1000000000);
	tree_add_bytes(h->t, n, &fields[F_RANDOM_BYTES], at + 4, 28, p + 4, 28);
}

/* RFC 8446 §4.1.3: a Server Hello with this random is a Hello Retry Request. */
static const uint8_t hrr_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

int tls_hello_retry(const uint8_t *p, size_t n)
{
	return n >= sizeof(hrr_random) && !memcmp(p, hrr_random, sizeof(hrr_random));
}

void tls_hs_hello(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st)
{
	struct hs h = { .d = d };
	uint32_t start = cur_off(body), l, n;
	uint16_t version, suite = 0;
	struct tls_hello th;
	char full[4 * sizeof(h.ciphers.s) + 64];

	h.t = d->tree;
	h.ja3 = h.t && tree_wants_range(h.t, &fields[F_JA3_FULL], &fields[F_JA3S]);
	h.st = st;
	h.server = type == 2;
	tls_parse_hello(body->p, cur_left(body), h.server, &th);
	/* TLS 1.3 randoms hold no time: the server's version by its supported_versions,
	 * a client's by an earlier Server Hello (the Client Hello after a retry) */
	if (h.server)
		h.tls13 = th.selected_version == 0x0304 || (th.selected_version & 0xff00) == 0x7f00;
	else
		h.tls13 = h.st && h.st->version == 0x0304;
	h.hrr = h.server && cur_left(body) >= 34 && tls_hello_retry(body->p + 2, 32);
	version = cur_peek_be16(body, 0);
	if (add_u16(&h, node, body, F_VERSION) == 0 && !cur_ok(body))
		return;
	random_field(&h, node, body);
	struct cur sid = vec_checked(&h, node, body, 1, F_SID_LEN, &l, 0);
	if (h.bad)
		return;
	if (l)
		add_bytes(&h, node, &sid, F_SID, (uint32_t)cur_left(&sid));
	if (h.server) {
		suite = cur_peek_be16(body, 0);
		add_u16(&h, node, body, F_CS);
		if (cur_ok(body) && h.st) {
			h.st->cipher = suite;
			h.st->version = th.selected_version ? th.selected_version : version;
		}
		add_u8(&h, node, body, F_COMP);
	} else {
		struct cur cs = vec_checked(&h, node, body, 2, F_CS_LEN, &l, 2);
		if (h.bad)
			return;
		n = tree_add(h.t, node, &fields[F_CSS], cur_off(&cs), (uint32_t)cur_left(&cs));
		tree_label(h.t, n, "Cipher Suites (%u %s)", l / 2, plural(l / 2, "suite", "suites"));
		while (cur_left(&cs) >= 2) {
			uint16_t v = cur_peek_be16(&cs, 0);
			if (h.ja3 && !is_grease(v))
				ja3_add(&h.ciphers, v);
			add_u16(&h, n, &cs, F_CS);
		}
		if (cur_left(&cs)) {
			char msg[64];
			unsigned tl = (unsigned)cur_left(&cs);
			snprintf(msg, sizeof(msg), tl == 1 ? "%u trailing byte was unprocessed" :
			    "%u trailing bytes were unprocessed", tl);
			uint32_t tn = tree_add_text(h.t, n, cur_off(&cs), tl, "%s", msg);
			dissect_expert(d, tn, &fields[F_MAL_TRAIL], SEV_WARN, "Protocol", msg);
		}
		struct cur cm = vec_checked(&h, node, body, 1, F_COMP_LEN, &l, 1);
		if (h.bad)
			return;
		n = tree_add(h.t, node, &fields[F_COMPS], cur_off(&cm), (uint32_t)cur_left(&cm));
		tree_label(h.t, n, "Compression Methods (%u %s)", l, plural(l, "method", "methods"));
		while (cur_left(&cm))
			add_u8(&h, n, &cm, F_COMP);
	}
	if (!cur_ok(body))
		return;
	extensions(&h, node, body);
	if (h.bad && !h.server)
		snprintf(full, sizeof(full), "%u,%s,", version, h.ciphers.s);
	else if (h.server)
		snprintf(full, sizeof(full), "%u,%u,%s", version, suite, h.exts.s);
	else
		snprintf(full, sizeof(full), "%u,%s,%s,%s,%s", version, h.ciphers.s, h.exts.s,
		    h.groups.s, h.ecpf.s);
	if (h.server)
		ja3_items(&h, node, start, cur_off(body) - start, full, F_JA3S_FULL, F_JA3S);
	else
		ja3_items(&h, node, start, cur_off(body) - start, full, F_JA3_FULL, F_JA3);
}

/* ---- key exchange ---- */

enum kex { KEX_UNKNOWN, KEX_RSA, KEX_DH, KEX_ECDH, KEX_PSK };

/* The key exchange of a cipher suite, by the prefix of its name. */
static const struct {
	const char *prefix;
	enum kex kex;
} kex_prefixes[] = {
	{ "TLS_ECDHE_PSK_", KEX_PSK }, { "TLS_ECDHE_", KEX_ECDH }, { "TLS_ECDH_", KEX_ECDH },
	{ "TLS_DHE_PSK_", KEX_PSK }, { "TLS_DHE_", KEX_DH }, { "TLS_DH_", KEX_DH },
	{ "TLS_RSA_PSK_", KEX_PSK }, { "TLS_RSA_", KEX_RSA }, { "TLS_PSK_", KEX_PSK },
};

static enum kex suite_kex(uint16_t suite)
{
	const char *s = val_to_str(suite, cs_vals);

	for (size_t i = 0; s && i < sizeof(kex_prefixes) / sizeof(kex_prefixes[0]); i++)
		if (!strncmp(s, kex_prefixes[i].prefix, strlen(kex_prefixes[i].prefix)))
			return kex_prefixes[i].kex;
	return KEX_UNKNOWN;
}

static void signature(struct hs *h, uint32_t node, struct cur *c)
{
	uint32_t l;

	if (!cur_left(c))
		return;
	if (h->st && h->st->version >= 0x0303)
		sigalg(h, node, c);
	struct cur s = vec(h, node, c, 2, F_SIG_LEN, &l);
	add_bytes(h, node, &s, F_SIG, (uint32_t)cur_left(&s));
}

void tls_hs_server_key_exchange(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st)
{
	struct hs h = { .d = d, .t = d->tree, .st = st, .server = 1 };
	uint32_t l, n;
	enum kex k = h.st ? suite_kex(h.st->cipher) : KEX_UNKNOWN;

	(void)type;
	if (k == KEX_ECDH) {
		n = tree_add_text(h.t, node, cur_off(body), (uint32_t)cur_left(body),
		    "EC Diffie-Hellman Server Params");
		add_u8(&h, n, body, F_CURVE_TYPE);
		add_u16(&h, n, body, F_NAMED_CURVE);
		struct cur p = vec(&h, n, body, 1, F_PUBKEY_LEN, &l);
		add_bytes(&h, n, &p, F_PUBKEY, (uint32_t)cur_left(&p));
		signature(&h, n, body);
	} else if (k == KEX_DH) {
		n = tree_add_text(h.t, node, cur_off(body), (uint32_t)cur_left(body),
		    "Diffie-Hellman Server Params");
		struct cur p = vec(&h, n, body, 2, F_P_LEN, &l);
		add_bytes(&h, n, &p, F_P, (uint32_t)cur_left(&p));
		struct cur g = vec(&h, n, body, 2, F_G_LEN, &l);
		add_bytes(&h, n, &g, F_G, (uint32_t)cur_left(&g));
		struct cur y = vec(&h, n, body, 2, F_YS_LEN, &l);
		add_bytes(&h, n, &y, F_YS, (uint32_t)cur_left(&y));
		signature(&h, n, body);
	}
}

void tls_hs_client_key_exchange(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st)
{
	struct hs h = { .d = d, .t = d->tree, .st = st };
	uint32_t l, n;
	enum kex k = h.st ? suite_kex(h.st->cipher) : KEX_UNKNOWN;

	(void)type;
	if (k == KEX_ECDH) {
		n = tree_add_text(h.t, node, cur_off(body), (uint32_t)cur_left(body),
		    "EC Diffie-Hellman Client Params");
		struct cur p = vec(&h, n, body, 1, F_CPOINT_LEN, &l);
		add_bytes(&h, n, &p, F_CPOINT, (uint32_t)cur_left(&p));
	} else if (k == KEX_DH) {
		n = tree_add_text(h.t, node, cur_off(body), (uint32_t)cur_left(body),
		    "Diffie-Hellman Client Params");
		struct cur p = vec(&h, n, body, 2, F_YC_LEN, &l);
		add_bytes(&h, n, &p, F_YC, (uint32_t)cur_left(&p));
	} else if (k == KEX_RSA) {
		n = tree_add_text(h.t, node, cur_off(body), (uint32_t)cur_left(body),
		    "RSA Encrypted PreMaster Secret");
		struct cur p = vec(&h, n, body, 2, F_EPMS_LEN, &l);
		add_bytes(&h, n, &p, F_EPMS, (uint32_t)cur_left(&p));
	}
}

/* ---- other messages ---- */

/* "300 seconds (5 minutes)": Wireshark's unsigned_time_secs_to_str. */
static void secs_label(struct dtree *t, uint32_t n, const char *name, uint32_t v)
{
	char b[160];

	if (!tree_text(t) || !n)
		return;
	fv_time_span(v, -1, b, sizeof(b));
	tree_label(t, n, "%s: %u seconds (%s)", name, v, b);
}

void tls_hs_new_session_ticket(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st)
{
	struct hs h = { .d = d, .t = d->tree, .st = st };
	uint32_t l, n, at = cur_off(body);
	uint32_t hint = cur_be32(body);
	int tls13 = h.st && (h.st->version == 0x0304 || (h.st->version & 0xff00) == 0x7f00);

	(void)type;
	if (!cur_ok(body))
		return;
	node = tree_add_text(h.t, node, at, (uint32_t)cur_left(body) + 4, "TLS Session Ticket");
	n = tree_add_uint(h.t, node, &fields[F_TICKET_HINT], at, 4, hint);
	secs_label(h.t, n, fields[F_TICKET_HINT].name, hint);
	if (tls13) {
		if (cur_left(body) >= 4)
			tree_add_uint(h.t, node, &fields[F_TICKET_AGE_ADD], cur_off(body), 4,
			    cur_be32(body));
		struct cur nonce = vec(&h, node, body, 1, F_TICKET_NONCE_LEN, &l);
		add_bytes(&h, node, &nonce, F_TICKET_NONCE, (uint32_t)cur_left(&nonce));
	}
	struct cur tk = vec(&h, node, body, 2, F_TICKET_LEN, &l);
	add_bytes(&h, node, &tk, F_TICKET, (uint32_t)cur_left(&tk));
	if (tls13 && cur_left(body) >= 2)
		extensions(&h, node, body);
}

void tls_hs_certificate_request(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st)
{
	struct hs h = { .d = d, .t = d->tree, .st = st, .server = 1 };
	uint32_t l, n;

	(void)type;
	struct cur ct = vec(&h, node, body, 1, F_CERT_TYPES_COUNT, &l);
	n = tree_add(h.t, node, &fields[F_CERT_TYPES], cur_off(&ct), (uint32_t)cur_left(&ct));
	tree_label(h.t, n, "Certificate types (%u %s)", l, plural(l, "type", "types"));
	while (cur_left(&ct))
		add_u8(&h, n, &ct, F_CERT_TYPE);
	if (h.st && h.st->version >= 0x0303) {
		struct cur sa = vec(&h, node, body, 2, F_SIGALGS_LEN, &l);
		n = tree_add(h.t, node, &fields[F_SIGALGS], cur_off(&sa), (uint32_t)cur_left(&sa));
		tree_label(h.t, n, "Signature Hash Algorithms (%u %s)", l / 2,
		    plural(l / 2, "algorithm", "algorithms"));
		while (cur_left(&sa) >= 2)
			sigalg(&h, n, &sa);
	}
	struct cur dn = vec(&h, node, body, 2, F_DNAMES_LEN, &l);
	if (!l)
		return;
	n = tree_add(h.t, node, &fields[F_DNAMES], cur_off(&dn), (uint32_t)cur_left(&dn));
	tree_label(h.t, n, "Distinguished Names (%u %s)", l, plural(l, "byte", "bytes"));
	while (cur_left(&dn) >= 2) {
		uint16_t ln = cur_peek_be16(&dn, 0);
		uint32_t dnn = tree_add(h.t, n, &fields[F_DNAME], cur_off(&dn), 2u + ln);
		vec(&h, dnn, &dn, 2, F_DNAME_LEN, &l);
	}
}

void tls_hs_certificate_status(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st)
{
	struct hs h = { .d = d, .t = d->tree, .st = st, .server = 1 };
	uint32_t l;

	(void)type;
	add_u8(&h, node, body, F_ST_TYPE);
	struct cur o = vec(&h, node, body, 3, F_OCSP_LEN, &l);
	if (l)
		tree_add_text(h.t, node, cur_off(&o), (uint32_t)cur_left(&o), "OCSP Response");
}

void tls_hs_certificate_verify(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st)
{
	struct hs h = { .d = d, .t = d->tree, .st = st };
	uint32_t l;

	(void)type;
	if (h.st && h.st->version >= 0x0303 && h.st->version != 0x0304)
		sigalg(&h, node, body);
	struct cur s = vec(&h, node, body, 2, F_CV_SIG_LEN, &l);
	add_bytes(&h, node, &s, F_CV_SIG, (uint32_t)cur_left(&s));
}

void tls_hs_finished(struct dctx *d, uint32_t node, struct cur *body, uint8_t type,
    struct tls_hs_state *st)
{
	(void)type;
	tree_add(d->tree, node, &fields[F_VERIFY], cur_off(body), (uint32_t)cur_left(body));
}
