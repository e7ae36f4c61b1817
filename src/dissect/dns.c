/* dns.c — Domain Name System (RFC 1035, 3596, 2782, 6891), mDNS (RFC 6762), LLMNR (RFC 4795).
 *
 *    0                   1                   2                   3
 *   +-------------------------------+-------------------------------+
 *   |          Transaction ID       |QR|Opcode|AA|TC|RD|RA|Z|AD|CD|RCODE|
 *   |          QDCOUNT              |          ANCOUNT              |
 *   |          NSCOUNT              |          ARCOUNT              |
 *   +-------------------------------+-------------------------------+
 *   | questions (name, type, class) | records (name, type, class, TTL, rdlength, rdata) …
 *
 * Names are label sequences with compression pointers (two bytes 11xxxxxx into the
 * message).  dns_name() follows at most DNS_MAX_JUMPS pointers and writes at most
 * DNS_NAME_MAX bytes, so a pointer loop or a forged chain ends as a truncated name,
 * never a hang.  Over TCP (RFC 7766) each message is preceded by a 2-byte length and
 * may span segments: the reassembly hands dns_tcp_pdu whole messages.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dissect/fvalue.h"
#include "core/strvis.h"
#include "dissect/protos.h"
#include "dissect/reasm.h"
#include "dissect/session.h"
#include "dissect/tcp_payload.h"

static void dissect_llmnr(struct dctx *d, struct cur *c, uint32_t parent);

static void dissect_mdns(struct dctx *d, struct cur *c, uint32_t parent);

static void dissect_dns(struct dctx *d, struct cur *c, uint32_t parent);
static int dns_heur(struct dctx *d, struct cur *c);

static int dns_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti);

#define DNS_MAX_JUMPS 64
#define DNS_NAME_MAX 1536	/* a name of 255 bytes, every one escaped (\ooo) */

enum {
	D_PROTO, D_MDNS, D_LLMNR, D_LENGTH, D_ID, D_FLAGS, D_F_RESPONSE, D_F_OPCODE, D_F_AUTH,
	D_F_TRUNC, D_F_RD, D_F_RA, D_F_Z, D_F_AD, D_F_CD, D_F_RCODE, D_QDCOUNT, D_ANCOUNT,
	D_NSCOUNT, D_ARCOUNT, D_QRY_NAME, D_QRY_NAME_LEN, D_LABELS, D_QRY_TYPE, D_QRY_CLASS,
	D_QRY_QU, D_RESP_NAME, D_RESP_TYPE, D_RESP_CLASS, D_RESP_CACHE_FLUSH, D_RESP_TTL,
	D_RESP_LEN, D_A, D_AAAA, D_CNAME, D_NS, D_PTR, D_MX_PREF, D_MX_EXCH, D_TXT_LEN, D_TXT,
	D_SOA_MNAME, D_SOA_RNAME, D_SOA_SERIAL, D_SOA_REFRESH, D_SOA_RETRY, D_SOA_EXPIRE,
	D_SOA_MIN, D_SRV_PRIO, D_SRV_WEIGHT, D_SRV_PORT, D_SRV_TARGET, D_OPT_UDP, D_OPT_EXT_RCODE,
	D_OPT_VERSION, D_OPT_Z, D_OPT_DO, D_OPT_ZRES, D_DATA, D_NSEC_NEXT, D_RESPONSE_TO, D_TIME,
	D_RETRANS_REQ_IN, D_RETRANS_RESP_IN, D_RETRANSMISSION, D_UNSOLICITED, D_RETRANS_REQ_EXP,
	D_RETRANS_RESP_EXP, D_F_CONFLICT, D_F_TENTATIVE, D_SRV_SERVICE, D_SRV_PROTO,
	D_SRV_NAME, D_NULL, D_OPT, D_OPT_CODE, D_OPT_LEN, D_OPT_DATA, D_OPT_DAU, D_OPT_DHU, D_OPT_N3U,
	D_OPT_FAMILY, D_OPT_NETMASK, D_OPT_SCOPE, D_OPT_ADDR, D_OPT_ADDR4, D_OPT_ADDR6, D_OPT_COOKIE_C,
	D_OPT_COOKIE_S, D_OPT_KEEPALIVE, D_OPT_PADDING, D_OPT_CHAIN, D_OPT_EDE_CODE, D_OPT_EDE_TEXT,
	D_SIG_COVERED, D_SIG_ALG, D_SIG_LABELS, D_SIG_OTTL, D_SIG_EXPIRE, D_SIG_INCEPT, D_SIG_TAG,
	D_SIG_SIGNER, D_SIG_SIG, D_KEY_FLAGS, D_KEY_ZONE, D_KEY_REVOKED, D_KEY_SEP, D_KEY_RESERVED,
	D_KEY_PROTO, D_KEY_ALG, D_KEY_ID, D_KEY_PUB, D_SSHFP_ALG, D_SSHFP_TYPE, D_SSHFP_FP, D_N3_ALG,
	D_N3_FLAGS, D_N3_OPTOUT, D_N3_ITER, D_N3_SALT_LEN, D_N3_SALT, D_N3_HASH_LEN, D_N3_HASH,
};

static const struct val_str type_short[] = {
	{ 0, "Unused" }, { 1, "A" }, { 2, "NS" }, { 3, "MD" }, { 4, "MF" }, { 5, "CNAME" }, { 6, "SOA" }, { 7, "MB" },
	{ 8, "MG" }, { 9, "MR" }, { 10, "NULL" }, { 11, "WKS" }, { 12, "PTR" }, { 13, "HINFO" },
	{ 14, "MINFO" }, { 15, "MX" }, { 16, "TXT" }, { 17, "RP" }, { 18, "AFSDB" }, { 24, "SIG" },
	{ 25, "KEY" }, { 28, "AAAA" }, { 29, "LOC" }, { 33, "SRV" }, { 35, "NAPTR" }, { 36, "KX" },
	{ 37, "CERT" }, { 39, "DNAME" }, { 41, "OPT" }, { 43, "DS" }, { 44, "SSHFP" }, { 46, "RRSIG" },
	{ 47, "NSEC" }, { 48, "DNSKEY" }, { 49, "DHCID" }, { 50, "NSEC3" }, { 51, "NSEC3PARAM" },
	{ 52, "TLSA" }, { 53, "SMIMEA" }, { 55, "HIP" }, { 59, "CDS" }, { 60, "CDNSKEY" },
	{ 61, "OPENPGPKEY" }, { 62, "CSYNC" }, { 63, "ZONEMD" }, { 64, "SVCB" }, { 65, "HTTPS" },
	{ 99, "SPF" }, { 249, "TKEY" }, { 250, "TSIG" }, { 251, "IXFR" }, { 252, "AXFR" },
	{ 253, "MAILB" }, { 254, "MAILA" }, { 255, "ANY" }, { 256, "URI" }, { 257, "CAA" },
	{ 32768, "TA" }, { 32769, "DLV" }, { 0, NULL }
};
/* tshark 4.0 -G values dns.qry.type */
static const struct val_str type_long[] = {
	{ 0, "Unused" }, { 1, "A (Host Address)" }, { 2, "NS (authoritative Name Server)" },
	{ 3, "MD (Mail Destination)" }, { 4, "MF (Mail Forwarder)" },
	{ 5, "CNAME (Canonical NAME for an alias)" }, { 6, "SOA (Start Of a zone of Authority)" },
	{ 7, "MB (MailBox domain name)" }, { 8, "MG (Mail Group member)" },
	{ 9, "MR (Mail Rename domain)" }, { 10, "NULL RR" }, { 11, "WKS (Well Known Service)" },
	{ 12, "PTR (domain name PoinTeR)" }, { 13, "HINFO (host information)" },
	{ 14, "MINFO (Mailbox or mail list information)" }, { 15, "MX (Mail eXchange)" },
	{ 16, "TXT (Text strings)" }, { 17, "RP (Responsible Person)" },
	{ 18, "AFSDB (AFS Data Base location)" }, { 19, "X25 (XX.25 PSDN address)" },
	{ 20, "ISDN (ISDN address)" }, { 21, "RT (Route Through)" }, { 22, "NSAP (NSAP address)" },
	{ 23, "NSAP-PTR (NSAP domain name pointer)" }, { 24, "SIG (security signature)" },
	{ 25, "KEY (security key)" }, { 26, "PX (X.400 mail mapping information)" },
	{ 27, "GPOS (Geographical Position)" }, { 28, "AAAA (IPv6 Address)" },
	{ 29, "LOC (Location Information)" }, { 30, "NXT (Next Domain)" },
	{ 31, "EID (Endpoint Identifier)" }, { 32, "NIMLOC (Nimrod Locator)" },
	{ 33, "SRV (Server Selection)" }, { 34, "ATMA (ATM Address)" },
	{ 35, "NAPTR (Naming Authority Pointer)" }, { 36, "KX (Key Exchanger)" }, { 37, "CERT" },
	{ 38, "A6 (OBSOLETE - use AAAA)" }, { 39, "DNAME" }, { 40, "SINK" }, { 41, "OPT" },
	{ 42, "APL" }, { 43, "DS (Delegation Signer)" }, { 44, "SSHFP (SSH Key Fingerprint)" },
	{ 45, "IPSECKEY" }, { 46, "RRSIG (Resource Record Signature)" }, { 47, "NSEC (Next Secure)" },
	{ 48, "DNSKEY (DNS Public Key)" }, { 49, "DHCID" }, { 50, "NSEC3" }, { 51, "NSEC3PARAM" },
	{ 52, "TLSA" }, { 55, "HIP (Host Identity Protocol)" }, { 57, "RKEY" },
	{ 58, "TALINK (Trust Anchor LINK)" }, { 59, "CDS (Child DS)" },
	{ 60, "CDNSKEY (DNSKEY(s) the Child wants reflected in DS)" },
	{ 61, "OPENPGPKEY (OpenPGP Key)" }, { 62, "CSYNC (Child-to-Parent Synchronization)" },
	{ 63, "ZONEMD" }, { 64, "SVCB (General Purpose Service Endpoints)" },
	{ 65, "HTTPS (HTTPS Specific Service Endpoints)" }, { 99, "SPF" }, { 100, "UINFO" },
	{ 101, "UID" }, { 102, "GID" }, { 103, "UNSPEC" }, { 104, "NID (NodeID)" },
	{ 105, "L32 (Locator32)" }, { 106, "L64 (Locator64)" }, { 107, "LP (Locator FQDN)" },
	{ 108, "EUI48" }, { 109, "EUI64" }, { 249, "TKEY (Transaction Key)" },
	{ 250, "TSIG (Transaction Signature)" }, { 251, "IXFR (incremental transfer)" },
	{ 252, "AXFR (transfer of an entire zone)" }, { 253, "MAILB (mailbox-related RRs)" },
	{ 254, "MAILA (mail agent RRs)" },
	{ 255, "* (A request for all records the server/cache has available)" }, { 256, "URI" },
	{ 257, "CAA (Certification Authority Restriction)" },
	{ 32768, "TA (DNSSEC Trust Authorities)" }, { 32769, "DLV (DNSSEC Lookaside Validation)" },
	{ 65281, "WINS" }, { 65282, "WINS-R" }, { 65422, "XPF" }, { 0, NULL }
};
static const struct val_str class_vals[] = {
	{ 1, "IN" }, { 3, "CH" }, { 4, "HS" }, { 254, "NONE" }, { 255, "ANY" }, { 0, NULL }
};
static const struct val_str opcode_vals[] = {
	{ 0, "Standard query" }, { 1, "Inverse query" }, { 2, "Server status request" },
	{ 4, "Zone change notification" }, { 5, "Dynamic update" }, { 6, "DNS Stateful operations (DSO)" },
	{ 0, NULL }
};
static const struct val_str rcode_vals[] = {
	{ 0, "No error" }, { 1, "Format error" }, { 2, "Server failure" }, { 3, "No such name" },
	{ 4, "Not implemented" }, { 5, "Refused" }, { 6, "Name exists" }, { 7, "RRset exists" },
	{ 8, "RRset does not exist" }, { 9, "Not authoritative" }, { 10, "Name out of zone" },
	{ 11, "DSO-Type not implemented" }, { 16, "Bad OPT Version or TSIG Signature Failure" },
	{ 17, "Key not recognized" }, { 18, "Signature out of time window" }, { 19, "Bad TKEY Mode" },
	{ 20, "Duplicate key name" }, { 21, "Algorithm not supported" }, { 22, "Bad Truncation" },
	{ 23, "Bad/missing Server Cookie" }, { 0, NULL }
};
static const struct val_str resp_vals[] = { { 0, "Message is a query" }, { 1, "Message is a response" }, { 0, NULL } };
static const struct val_str auth_vals[] = { { 0, "Server is not an authority for domain" }, { 1, "Server is an authority for domain" }, { 0, NULL } };
static const struct val_str trunc_vals[] = { { 0, "Message is not truncated" }, { 1, "Message is truncated" }, { 0, NULL } };
static const struct val_str rd_vals[] = { { 0, "Don't do query recursively" }, { 1, "Do query recursively" }, { 0, NULL } };
static const struct val_str ra_vals[] = { { 0, "Server can't do recursive queries" }, { 1, "Server can do recursive queries" }, { 0, NULL } };
static const struct val_str true_false[] = { { 0, "False" }, { 1, "True" }, { 0, NULL } };
static const struct val_str z_vals[] = { { 0, "reserved (0)" }, { 1, "reserved - incorrect!" }, { 0, NULL } };
static const struct val_str ad_vals[] = { { 0, "Answer/authority portion was not authenticated by the server" }, { 1, "Answer/authority portion was authenticated by the server" }, { 0, NULL } };
static const struct val_str cd_vals[] = { { 0, "Unacceptable" }, { 1, "Acceptable" }, { 0, NULL } };
static const struct val_str conflict_q_vals[] = { { 0, "None" }, { 1, "The sender received multiple responses" }, { 0, NULL } };
static const struct val_str conflict_r_vals[] = { { 0, "The name is considered unique" }, { 1, "The name is not considered unique" }, { 0, NULL } };
static const struct val_str tentative_vals[] = { { 0, "Not tentative" }, { 1, "Tentative" }, { 0, NULL } };
/* tshark 4.0 -G values dns.opt.code, dns.opt.dau, dns.opt.dhu, dns.opt.n3u */
static const struct val_str opt_code_vals[] = {
	{ 0, "Reserved" }, { 1, "LLQ - Long-lived query" }, { 2, "UL - Update lease" },
	{ 3, "NSID - Name Server Identifier" }, { 4, "Owner (reserved)" },
	{ 5, "DAU - DNSSEC Algorithm Understood (RFC6975)" }, { 6, "DHU - DS Hash Understood (RFC6975)" },
	{ 7, "N3U - NSEC3 Hash Understood (RFC6975)" }, { 8, "CSUBNET - Client subnet" },
	{ 9, "EDNS EXPIRE (RFC7314)" }, { 10, "COOKIE" }, { 11, "EDNS TCP Keepalive" }, { 12, "PADDING" },
	{ 13, "CHAIN" }, { 15, "Extended DNS Error" }, { 20730, "Experimental - CSUBNET - Client subnet" },
	{ 0, NULL }
};
static const struct val_str dau_vals[] = {
	{ 1, "RSA/MD5" }, { 2, "Diffie-Hellman" }, { 3, "DSA" }, { 4, "Elliptic curve crypto" },
	{ 5, "RSA/SHA1" }, { 6, "DSA + NSEC3/SHA1" }, { 7, "RSA/SHA1 + NSEC3/SHA1" }, { 8, "RSA/SHA-256" },
	{ 10, "RSA/SHA-512" }, { 12, "GOST R 34.10-2001" }, { 13, "ECDSA Curve P-256 with SHA-256" },
	{ 14, "ECDSA Curve P-386 with SHA-386" }, { 15, "Ed25519" }, { 16, "Ed448" }, { 157, "HMAC/MD5" },
	{ 252, "Indirect key" }, { 253, "Private, domain name" }, { 254, "Private, OID" }, { 0, NULL }
};
static const struct val_str dhu_vals[] = {
	{ 0, "Reserved digest" }, { 1, "SHA-1" }, { 2, "SHA-256" }, { 3, "GOST R 34.11-94" }, { 4, "SHA-384" },
	{ 0, NULL }
};
static const struct val_str n3u_vals[] = { { 0, "Reserved" }, { 1, "SHA-1" }, { 0, NULL } };
static const struct val_str family_vals[] = { { 1, "IPv4" }, { 2, "IPv6" }, { 0, NULL } };
static const struct val_str zone_key_vals[] = { { 0, "This it not a zone key" }, { 1, "This is the zone key for specified zone" }, { 0, NULL } };
static const struct val_str yes_no[] = { { 0, "No" }, { 1, "Yes" }, { 0, NULL } };
/* tshark 4.0 -G values dns.sshfp.algorithm, dns.sshfp.fingerprint.type */
static const struct val_str sshfp_alg_vals[] = {
	{ 0, "Reserved" }, { 1, "RSA" }, { 2, "DSA" }, { 3, "ECDSA" }, { 4, "Ed25519" }, { 5, "XMSS" }, { 0, NULL }
};
static const struct val_str sshfp_type_vals[] = { { 0, "Reserved" }, { 1, "SHA1" }, { 2, "SHA256" }, { 0, NULL } };
static const struct val_str optout_vals[] = { { 0, "Additional insecure delegations forbidden" }, { 1, "Additional insecure delegations allowed" }, { 0, NULL } };
static const struct val_str do_vals[] = { { 0, "Cannot handle DNSSEC security RRs" }, { 1, "Accepts DNSSEC security RRs" }, { 0, NULL } };

#define STR(abbrev, name, help) { abbrev, name, FT_STRING, BASE_NONE, 0, 0, NULL, help, 0 }
#define U16(abbrev, name, help) { abbrev, name, FT_UINT16, BASE_DEC, 0, 0, NULL, help, 0 }
#define U32(abbrev, name, help) { abbrev, name, FT_UINT32, BASE_DEC, 0, 0, NULL, help, 0 }
#define FLAG(abbrev, name, mask, vals, help) { abbrev, name, FT_BOOLEAN, BASE_NONE, mask, 16, vals, help, 0 }
static const struct field_def fields[] = {
	[D_PROTO] = { "dns", "Domain Name System", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Turns names into addresses: a query with questions, a response with answer records.", 0 },
	[D_MDNS] = { "mdns", "Multicast Domain Name System", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"DNS on the local link over multicast (port 5353): service discovery, .local names.", 0 },
	[D_LLMNR] = { "llmnr", "Link-local Multicast Name Resolution", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Windows' link-local name lookup over multicast (port 5355).", 0 },
	[D_LENGTH] = U16("dns.length", "Length", "Over TCP: the 2-byte length of the DNS message that follows."),
	[D_ID] = { "dns.id", "Transaction ID", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: chosen by the client, copied into the response to match them.", 0 },
	[D_FLAGS] = { "dns.flags", "Flags", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: query/response, opcode, and the AA, TC, RD, RA, AD, CD bits plus the reply code.", 0 },
	[D_F_RESPONSE] = FLAG("dns.flags.response", "Response", 0x8000, resp_vals, "1 bit: 0 query, 1 response."),
	[D_F_OPCODE] = { "dns.flags.opcode", "Opcode", FT_UINT16, BASE_DEC, 0x7800, 16, opcode_vals,
		"4 bits: kind of query (0 standard).", 0 },
	[D_F_AUTH] = FLAG("dns.flags.authoritative", "Authoritative", 0x0400, auth_vals, "1 bit: the answer comes from the zone's own server."),
	[D_F_TRUNC] = FLAG("dns.flags.truncated", "Truncated", 0x0200, trunc_vals, "1 bit: the message did not fit; retry over TCP."),
	[D_F_RD] = FLAG("dns.flags.recdesired", "Recursion desired", 0x0100, rd_vals, "1 bit: the client asks the server to resolve fully."),
	[D_F_RA] = FLAG("dns.flags.recavail", "Recursion available", 0x0080, ra_vals, "1 bit: the server resolves recursively."),
	[D_F_Z] = FLAG("dns.flags.z", "Z", 0x0040, z_vals, "1 bit, reserved."),
	[D_F_AD] = FLAG("dns.flags.authenticated", "Answer authenticated", 0x0020, ad_vals, "1 bit: DNSSEC validated the answer."),
	[D_F_CD] = FLAG("dns.flags.checkdisable", "Non-authenticated data", 0x0010, cd_vals, "1 bit: the client accepts unvalidated data."),
	[D_F_RCODE] = { "dns.flags.rcode", "Reply code", FT_UINT16, BASE_DEC, 0x000f, 16, rcode_vals,
		"4 bits: 0 no error, 3 no such name (NXDOMAIN), 2 server failure.", 0 },
	[D_QDCOUNT] = U16("dns.count.queries", "Questions", "Number of questions."),
	[D_ANCOUNT] = U16("dns.count.answers", "Answer RRs", "Number of answer records."),
	[D_NSCOUNT] = U16("dns.count.auth_rr", "Authority RRs", "Number of authority (name server) records."),
	[D_ARCOUNT] = U16("dns.count.add_rr", "Additional RRs", "Number of additional records (EDNS OPT, glue)."),
	[D_QRY_NAME] = STR("dns.qry.name", "Name", "The name asked about."),
	[D_QRY_NAME_LEN] = U16("dns.qry.name.len", "Name Length", "Characters in the name."),
	[D_LABELS] = U16("dns.count.labels", "Label Count", "Labels (dot-separated parts) in the name."),
	[D_QRY_TYPE] = { "dns.qry.type", "Type", FT_UINT16, BASE_DEC, 0, 0, type_long,
		"16 bits: record type wanted (1 A, 28 AAAA, 5 CNAME, 15 MX).", 0 },
	[D_QRY_CLASS] = { "dns.qry.class", "Class", FT_UINT16, BASE_HEX, 0, 0, class_vals,
		"16 bits: 1 = IN (Internet).", 0 },
	[D_QRY_QU] = FLAG("dns.qry.qu", "\"QU\" question", 0x8000, true_false, "mDNS: the asker wants a unicast response."),
	[D_RESP_NAME] = STR("dns.resp.name", "Name", "The name the record is about."),
	[D_RESP_TYPE] = { "dns.resp.type", "Type", FT_UINT16, BASE_DEC, 0, 0, type_long,
		"16 bits: record type.", 0 },
	[D_RESP_CLASS] = { "dns.resp.class", "Class", FT_UINT16, BASE_HEX, 0, 0, class_vals,
		"16 bits: 1 = IN.", 0 },
	[D_RESP_CACHE_FLUSH] = FLAG("dns.resp.cache_flush", "Cache flush", 0x8000, true_false, "mDNS: replace cached records of this name."),
	[D_RESP_TTL] = U32("dns.resp.ttl", "Time to live", "32 bits: seconds a resolver may cache the record."),
	[D_RESP_LEN] = U16("dns.resp.len", "Data length", "16 bits: bytes of record data."),
	[D_A] = { "dns.a", "Address", FT_IPv4, BASE_NONE, 0, 0, NULL, "An IPv4 address (A record).", 0 },
	[D_AAAA] = { "dns.aaaa", "AAAA Address", FT_IPv6, BASE_NONE, 0, 0, NULL, "An IPv6 address (AAAA record).", 0 },
	[D_CNAME] = STR("dns.cname", "CNAME", "The canonical name this alias points to."),
	[D_NS] = STR("dns.ns", "Name Server", "A name server for the zone."),
	[D_PTR] = STR("dns.ptr.domain_name", "Domain Name", "The name an address maps back to (reverse lookup)."),
	[D_MX_PREF] = U16("dns.mx.preference", "Preference", "Lower is tried first."),
	[D_MX_EXCH] = STR("dns.mx.mail_exchange", "Mail Exchange", "A mail server for the domain."),
	[D_TXT_LEN] = { "dns.txt.length", "TXT Length", FT_UINT8, BASE_DEC, 0, 0, NULL, "Bytes of one text string.", 0 },
	[D_TXT] = STR("dns.txt", "TXT", "A text string."),
	[D_SOA_MNAME] = STR("dns.soa.mname", "Primary name server", "The zone's primary server."),
	[D_SOA_RNAME] = STR("dns.soa.rname", "Responsible authority's mailbox", "Administrator mailbox, first dot is the @."),
	[D_SOA_SERIAL] = U32("dns.soa.serial_number", "Serial Number", "Zone version."),
	[D_SOA_REFRESH] = U32("dns.soa.refresh_interval", "Refresh Interval", "Seconds between secondary refreshes."),
	[D_SOA_RETRY] = U32("dns.soa.retry_interval", "Retry Interval", "Seconds before retrying a failed refresh."),
	[D_SOA_EXPIRE] = U32("dns.soa.expire_limit", "Expire limit", "Seconds a secondary keeps serving without refresh."),
	[D_SOA_MIN] = U32("dns.soa.minimum_ttl", "Minimum TTL", "TTL for negative answers."),
	[D_SRV_PRIO] = U16("dns.srv.priority", "Priority", "Lower is tried first."),
	[D_SRV_WEIGHT] = U16("dns.srv.weight", "Weight", "Load share among equal priorities."),
	[D_SRV_PORT] = U16("dns.srv.port", "Port", "Port of the service."),
	[D_SRV_TARGET] = STR("dns.srv.target", "Target", "Host that provides the service."),
	[D_OPT_UDP] = { "dns.rr.udp_payload_size", "UDP payload size", FT_UINT16, BASE_HEX, 0x7fff, 16, NULL,
		"EDNS: largest UDP response the sender accepts.", 0 },
	[D_OPT_EXT_RCODE] = { "dns.resp.ext_rcode", "Higher bits in extended RCODE", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"EDNS: upper 8 bits of a 12-bit reply code.", 0 },
	[D_OPT_VERSION] = { "dns.resp.edns0_version", "EDNS0 version", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"EDNS version (0).", 0 },
	[D_OPT_Z] = { "dns.resp.z", "Z", FT_UINT16, BASE_HEX, 0, 0, NULL, "EDNS flags.", 0 },
	[D_OPT_DO] = FLAG("dns.resp.z.do", "DO bit", 0x8000, do_vals, "EDNS: the sender wants DNSSEC records."),
	[D_OPT_ZRES] = { "dns.resp.z.reserved", "Reserved", FT_UINT16, BASE_HEX, 0x7fff, 16, NULL, "Must be zero.", 0 },
	[D_DATA] = { "dns.data", "Data", FT_BYTES, BASE_NONE, 0, 0, NULL, "Record data not decoded here.", 0 },
	[D_NSEC_NEXT] = STR("dns.nsec.next_domain_name", "Next Domain Name", "NSEC: the next name that exists in the zone."),
	/* request/response matching (dns_trans.c) */
	[D_RESPONSE_TO] = { "dns.response_to", "Request In", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"The frame of the query this response answers (same id, same conversation).", 0 },
	[D_TIME] = { "dns.time", "Time", FT_RELATIVE_TIME, BASE_NONE, 0, 0, NULL,
		"Seconds between the query and this response: the resolver's answer time.", 0 },
	[D_RETRANS_REQ_IN] = { "dns.retransmit_request_in", "Retransmitted request. Original request in",
		FT_FRAMENUM, BASE_NONE, 0, 0, NULL, "The first copy of this unanswered query, sent under 5 s before.", 0 },
	[D_RETRANS_RESP_IN] = { "dns.retransmit_response_in", "Retransmitted response. Original response in",
		FT_FRAMENUM, BASE_NONE, 0, 0, NULL, "The first response to the same query.", 0 },
	[D_RETRANSMISSION] = { "dns.retransmission", "Retransmission", FT_BOOLEAN, BASE_NONE, 0, 0, NULL,
		"The message repeats an earlier query or response.", 0 },
	[D_UNSOLICITED] = { "dns.unsolicited", "Unsolicited", FT_BOOLEAN, BASE_NONE, 0, 0, NULL,
		"A response to no query seen in the capture.", 0 },
	[D_RETRANS_REQ_EXP] = { "dns.retransmit_request", "DNS query retransmission", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Expert note: the query was sent again.", 0 },
	[D_RETRANS_RESP_EXP] = { "dns.retransmit_response", "DNS response retransmission", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Expert note: the response was sent again.", 0 },
	/* LLMNR (RFC 4795 2.1.1): C, TC, T in place of AA, TC, RD */
	[D_F_CONFLICT] = FLAG("dns.flags.conflict", "Conflict", 0x0400, conflict_q_vals,
		"LLMNR: 1 bit; in a query the sender saw several responses, in a response the name is not unique."),
	[D_F_TENTATIVE] = FLAG("dns.flags.tentative", "Tentative", 0x0100, tentative_vals,
		"LLMNR: 1 bit, the responder has not yet verified the name is unique."),
	/* an SRV owner (RFC 2782 _Service._Proto.Name) shown in its parts */
	[D_SRV_SERVICE] = STR("dns.srv.service", "Service", "SRV: the owner name's first label, the service."),
	[D_SRV_PROTO] = STR("dns.srv.proto", "Protocol", "SRV: the owner name's second label, the protocol."),
	[D_SRV_NAME] = STR("dns.srv.name", "Name", "SRV: the rest of the owner name, the domain."),
	[D_NULL] = { "dns.null", "Null (data)", FT_BYTES, BASE_NONE, 0, 0, NULL, "NULL record: opaque data.", 0 },
	/* EDNS options (RFC 6891 6.1.2) in an OPT record's data */
	[D_OPT] = { "dns.opt", "Option", FT_NONE, BASE_NONE, 0, 0, NULL, "One EDNS option: code, length, data.", 0 },
	[D_OPT_CODE] = { "dns.opt.code", "Option Code", FT_UINT16, BASE_DEC, 0, 0, opt_code_vals,
		"16 bits: which EDNS option (8 client subnet, 10 cookie, 12 padding).", 0 },
	[D_OPT_LEN] = U16("dns.opt.len", "Option Length", "16 bits: bytes of option data."),
	[D_OPT_DATA] = { "dns.opt.data", "Option Data", FT_BYTES, BASE_NONE, 0, 0, NULL, "The option's data.", 0 },
	[D_OPT_DAU] = { "dns.opt.dau", "DAU", FT_UINT8, BASE_DEC, 0, 0, dau_vals,
		"A DNSSEC signing algorithm the client understands (RFC 6975).", 0 },
	[D_OPT_DHU] = { "dns.opt.dhu", "DHU", FT_UINT8, BASE_DEC, 0, 0, dhu_vals,
		"A DS hash algorithm the client understands (RFC 6975).", 0 },
	[D_OPT_N3U] = { "dns.opt.n3u", "N3U", FT_UINT8, BASE_DEC, 0, 0, n3u_vals,
		"An NSEC3 hash algorithm the client understands (RFC 6975).", 0 },
	[D_OPT_FAMILY] = { "dns.opt.client.family", "Family", FT_UINT16, BASE_DEC, 0, 0, family_vals,
		"Client subnet (RFC 7871): address family, 1 IPv4, 2 IPv6.", 0 },
	[D_OPT_NETMASK] = { "dns.opt.client.netmask", "Source Netmask", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Client subnet: prefix length of the client's address.", 0 },
	[D_OPT_SCOPE] = { "dns.opt.client.scope", "Scope Netmask", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Client subnet: prefix length the answer is good for.", 0 },
	[D_OPT_ADDR] = { "dns.opt.client.addr", "Client Subnet", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Client subnet: the address prefix of another family.", 0 },
	[D_OPT_ADDR4] = { "dns.opt.client.addr4", "Client Subnet", FT_IPv4, BASE_NONE, 0, 0, NULL,
		"Client subnet: the IPv4 prefix, zero-filled.", 0 },
	[D_OPT_ADDR6] = { "dns.opt.client.addr6", "Client Subnet", FT_IPv6, BASE_NONE, 0, 0, NULL,
		"Client subnet: the IPv6 prefix, zero-filled.", 0 },
	[D_OPT_COOKIE_C] = { "dns.opt.cookie.client", "Client Cookie", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"DNS cookie (RFC 7873): the client's 8 bytes.", 0 },
	[D_OPT_COOKIE_S] = { "dns.opt.cookie.server", "Server Cookie", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"DNS cookie: the server's 8 to 32 bytes.", 0 },
	[D_OPT_KEEPALIVE] = U16("dns.opt.edns_tcp_keepalive.timeout", "Timeout",
		"TCP keepalive (RFC 7828): idle timeout in units of 100 ms."),
	[D_OPT_PADDING] = { "dns.opt.padding", "Padding", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"Padding (RFC 7830): bytes that hide the message's size.", 0 },
	[D_OPT_CHAIN] = STR("dns.opt.chain.fqdn", "Closest Trust Point", "CHAIN (RFC 7901): where the chain starts."),
	[D_OPT_EDE_CODE] = U16("dns.opt.ext_error.info_code", "Info Code", "Extended DNS error (RFC 8914): its code."),
	[D_OPT_EDE_TEXT] = STR("dns.opt.ext_error.extra_text", "Extra Text", "Extended DNS error: its text."),
	/* RRSIG and SIG (RFC 4034 3.1) */
	[D_SIG_COVERED] = { "dns.rrsig.type_covered", "Type Covered", FT_UINT16, BASE_DEC, 0, 0, type_long,
		"RRSIG: the type of the records signed.", 0 },
	[D_SIG_ALG] = { "dns.rrsig.algorithm", "Algorithm", FT_UINT8, BASE_DEC, 0, 0, dau_vals,
		"RRSIG: the signing algorithm (8 RSA/SHA-256, 13 ECDSA P-256).", 0 },
	[D_SIG_LABELS] = { "dns.rrsig.labels", "Labels", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"RRSIG: labels in the signed owner name.", 0 },
	[D_SIG_OTTL] = U32("dns.rrsig.original_ttl", "Original TTL", "RRSIG: the TTL of the records as signed."),
	[D_SIG_EXPIRE] = { "dns.rrsig.signature_expiration", "Signature Expiration", FT_ABSOLUTE_TIME, BASE_NONE,
		0, 0, NULL, "RRSIG: the signature is not valid after this time.", 0 },
	[D_SIG_INCEPT] = { "dns.rrsig.signature_inception", "Signature Inception", FT_ABSOLUTE_TIME, BASE_NONE,
		0, 0, NULL, "RRSIG: the signature is not valid before this time.", 0 },
	[D_SIG_TAG] = U16("dns.rrsig.key_tag", "Key Tag", "RRSIG: the key id of the DNSKEY that signed."),
	[D_SIG_SIGNER] = STR("dns.rrsig.signers_name", "Signer's name", "RRSIG: the zone that signed."),
	[D_SIG_SIG] = { "dns.rrsig.signature", "Signature", FT_BYTES, BASE_NONE, 0, 0, NULL, "RRSIG: the signature.", 0 },
	/* DNSKEY and CDNSKEY (RFC 4034 2.1) */
	[D_KEY_FLAGS] = { "dns.dnskey.flags", "Flags", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"DNSKEY: 16 bits, zone key, revoked, secure entry point.", 0 },
	[D_KEY_ZONE] = FLAG("dns.dnskey.flags.zone_key", "Zone Key", 0x0100, zone_key_vals,
		"DNSKEY: the key signs the zone's records."),
	[D_KEY_REVOKED] = FLAG("dns.dnskey.flags.key_revoked", "Key Revoked", 0x0080, yes_no,
		"DNSKEY: the key is revoked (RFC 5011)."),
	[D_KEY_SEP] = FLAG("dns.dnskey.flags.secure_entry_point", "Key Signing Key", 0x0001, yes_no,
		"DNSKEY: secure entry point, a key-signing key."),
	[D_KEY_RESERVED] = { "dns.dnskey.flags.reserved", "Key Signing Key", FT_UINT16, BASE_HEX, 0xfe7e, 16, NULL,
		"DNSKEY: the reserved flag bits.", 0 },
	[D_KEY_PROTO] = { "dns.dnskey.protocol", "Protocol", FT_UINT8, BASE_DEC, 0, 0, NULL, "DNSKEY: always 3.", 0 },
	[D_KEY_ALG] = { "dns.dnskey.algorithm", "Algorithm", FT_UINT8, BASE_DEC, 0, 0, dau_vals,
		"DNSKEY: the key's algorithm.", 0 },
	[D_KEY_ID] = U16("dns.dnskey.key_id", "Key id", "DNSKEY: the key tag computed over the data (RFC 4034 B)."),
	[D_KEY_PUB] = { "dns.dnskey.public_key", "Public Key", FT_BYTES, BASE_NONE, 0, 0, NULL, "DNSKEY: the key.", 0 },
	/* SSHFP (RFC 4255) */
	[D_SSHFP_ALG] = { "dns.sshfp.algorithm", "Algorithm", FT_UINT8, BASE_DEC, 0, 0, sshfp_alg_vals,
		"SSHFP: the host key's algorithm.", 0 },
	[D_SSHFP_TYPE] = { "dns.sshfp.fingerprint.type", "Fingerprint type", FT_UINT8, BASE_DEC, 0, 0,
		sshfp_type_vals, "SSHFP: the hash of the fingerprint.", 0 },
	[D_SSHFP_FP] = { "dns.sshfp.fingerprint", "Fingerprint", FT_BYTES, BASE_NONE, 0, 0, NULL,
		"SSHFP: the host key's fingerprint.", 0 },
	/* NSEC3 (RFC 5155 3.2) */
	[D_N3_ALG] = { "dns.nsec3.algo", "Hash algorithm", FT_UINT8, BASE_DEC, 0, 0, n3u_vals,
		"NSEC3: the hash of the owner names (1 SHA-1).", 0 },
	[D_N3_FLAGS] = { "dns.nsec3.flags", "NSEC3 flags", FT_UINT8, BASE_DEC, 0, 0, NULL, "NSEC3: flags.", 0 },
	[D_N3_OPTOUT] = { "dns.nsec3.flags.opt_out", "NSEC3 Opt-out flag", FT_BOOLEAN, BASE_NONE, 0x01, 8,
		optout_vals, "NSEC3: the span may hold unsigned delegations.", 0 },
	[D_N3_ITER] = U16("dns.nsec3.iterations", "NSEC3 iterations", "Number of hashing iterations"),
	[D_N3_SALT_LEN] = { "dns.nsec3.salt_length", "Salt length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Length of salt in bytes", 0 },
	[D_N3_SALT] = { "dns.nsec3.salt_value", "Salt value", FT_BYTES, BASE_NONE, 0, 0, NULL, "NSEC3: the salt.", 0 },
	[D_N3_HASH_LEN] = { "dns.nsec3.hash_length", "Hash length", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Length in bytes of next hashed owner", 0 },
	[D_N3_HASH] = STR("dns.nsec3.hash_value", "Next hashed owner", "NSEC3: the next hashed owner name, base32hex."),
};
static const struct field_table dns_table = REG_TABLE(fields);
static const struct handoff dns_handoffs[] = {
	{ HO_UDP_PORT, 53, .fn = dissect_dns },
	{ HO_UDP_PORT, 5353, .fn = dissect_mdns },
	{ HO_UDP_PORT, 5355, .fn = dissect_llmnr },
	{ HO_TCP_PORT, 53, .tcp = dns_tcp_payload },
	{ HO_UDP_HEUR, .heur = dns_heur },
};
const struct proto_reg dns_proto = REG_PROTO(dns_table, dns_handoffs);

/* Reads the name at offset off of m (the whole message) into out, dotted, each label
 * escaped as Wireshark shows text (\ooo, valid UTF-8 kept: its dns.qry.name value);
 * *outn is its length,
 * *rawn (if not NULL) the name's length in bytes.
 * Returns the bytes the name occupies at off (a pointer ends it), or 0 when it runs
 * out of the message.  As Wireshark, a pointer chain longer than the message is
 * "<Name contains a pointer that loops>", a name over 255 characters "<Name too long>"
 * and an empty one "<Root>".  *labels counts labels. */
static uint32_t dns_name(const struct cur *m, uint32_t off, char *out,
    uint32_t outlen, uint32_t *outn, uint32_t *rawn, int *labels)
{
	const uint8_t *msg = m->p;
	uint32_t mlen = (uint32_t)cur_left(m);
	uint32_t at = off, used = 0, n = 0, raw = 0, seen = 0;
	int jumps = 0, nl = 0, ok = 0;
	const char *special = NULL;

	while (at < mlen) {
		uint8_t l = cur_peek(m, at);
		if ((l & 0xc0) == 0xc0) {
			if (at + 1 >= mlen)
				break;
			if (!jumps)
				used = at + 2 - off;
			seen += 2;
			if (++jumps > DNS_MAX_JUMPS || seen >= mlen) {
				special = "<Name contains a pointer that loops>";
				ok = 1;
				break;
			}
			at = cur_peek_be16(m, at) & 0x3fffu;
			continue;
		}
		if (l & 0xc0)
			break;
		if (!l) {
			if (!jumps)
				used = at + 1 - off;
			ok = 1;
			break;
		}
		if (at + 1 + l > mlen)
			break;
		seen += 1u + l;
		if (raw++ && n + 1 < outlen)
			out[n++] = '.';
		if (n < outlen)
			n += (uint32_t)strvis(out + n, outlen - n, msg + at + 1, l, STRVIS_WIRE);
		if (n >= outlen)
			n = outlen - 1;
		raw += l;
		nl++;
		at += 1u + l;
		if (raw - 1 > 255) {
			special = "<Name too long>";
			if (!jumps)
				used = at - off;
			ok = 1;
			break;
		}
	}
	if (special) {
		n = (uint32_t)strlen(special);
		memcpy(out, special, n + 1);
	} else if (!n) {
		memcpy(out, "<Root>", 7);
		n = 6;
	}
	out[n < outlen ? n : outlen - 1] = '\0';
	*outn = n;
	if (rawn)
		*rawn = special ? n : raw ? raw - 1 : n;
	*labels = nl;
	return ok ? used : 0;
}

static const char *type_name(uint16_t type, char *buf, size_t n)
{
	const char *s = val_to_str(type, type_short);
	if (s)
		return s;
	snprintf(buf, n, "Unknown (%u)", type);
	return buf;
}


struct dnsctx {
	struct dctx *d;
	struct cur m;		/* the whole message; offsets below are into it */
	uint32_t mlen, base;	/* base: frame offset of the message's first byte */
	int mdns, info;
	int multi;		/* a query asks for a zone transfer (many responses) */
};

/* Wireshark keeps a label in ITEM_LABEL_LENGTH (240) bytes: a text item whose label
 * does not fit is cut and marked " [truncated]" in front; text appended later only
 * fills what is left, unmarked. */
#define DNS_LABEL_LEN 240

static uint32_t text_node(struct dnsctx *x, uint32_t parent, uint32_t off, uint32_t len,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static uint32_t text_node(struct dnsctx *x, uint32_t parent, uint32_t off, uint32_t len,
    const char *fmt, ...)
{
	char buf[DNS_NAME_MAX + 128];
	va_list ap;

	if (!tree_text(x->d->tree))
		return tree_add_text(x->d->tree, parent, off, len, "%s", "");
	va_start(ap, fmt);
	int k = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (k >= DNS_LABEL_LEN)
		fv_label_mark_truncated(buf, 0);
	return tree_add_text(x->d->tree, parent, off, len, "%s", buf);
}

static void label_append(struct dnsctx *x, uint32_t node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void label_append(struct dnsctx *x, uint32_t node, const char *fmt, ...)
{
	struct dtree *t = x->d->tree;
	char buf[DNS_LABEL_LEN];
	va_list ap;

	if (!node || !tree_text(t))
		return;
	const char *cur = tree_node_text(t, tree_node(t, node));
	size_t have = cur ? strlen(cur) : 0;
	if (have + 1 >= DNS_LABEL_LEN)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, DNS_LABEL_LEN - have, fmt, ap);
	va_end(ap);
	tree_label_append(t, node, "%s", buf);
}

static uint32_t add_name(struct dnsctx *x, uint32_t parent, int f, uint32_t off, uint32_t len,
    const char *name, uint32_t n)
{
	struct dtree *t = x->d->tree;
	return tree_add_bytes(t, parent, &fields[f], x->base + off, len,
	    tree_keep(t, name, n), n);
}

/* The class; in mDNS its top bit is the QU or cache flush flag, so Wireshark shows
 * the 15 bits it keeps ("'.000 0000 0000 0001 = Class: IN (0x0001)"). */
static void class_node(struct dnsctx *x, uint32_t parent, int f, uint32_t off, uint16_t c15)
{
	static const struct field_def bits15 = { "", "", FT_UINT16, BASE_HEX, 0x7fff, 16, NULL, "", 0 };
	struct dtree *t = x->d->tree;
	uint32_t n = tree_add_uint(t, parent, &fields[f], off, 2, c15);
	char bits[24], val[64];

	if (!x->mdns || !n || !tree_text(t))
		return;
	fv_bits(&bits15, c15, bits, sizeof(bits));
	fv_display(t, tree_node(t, n), val, sizeof(val));
	tree_label(t, n, "%s = Class: %s", bits, val);
}

/* Wireshark counts a question's labels in the name as shown: its dots plus one, and
 * none for a name shown in a single character; "<Root>" counts one. */
static uint32_t shown_labels(const char *name, uint32_t n)
{
	uint32_t k = 1;

	if (n <= 1)
		return 0;
	for (uint32_t i = 0; i < n; i++)
		k += name[i] == '.';
	return k;
}

static int question(struct dnsctx *x, uint32_t parent, uint32_t *off)
{
	struct dtree *t = x->d->tree;
	char name[DNS_NAME_MAX + 8];
	uint32_t n, raw, at = *off;
	int labels;
	uint32_t used = dns_name(&x->m, at, name, sizeof(name), &n, &raw, &labels);

	if (!used || at + used + 4 > x->mlen)
		return 0;
	uint16_t type = cur_peek_be16(&x->m, at + used);
	uint16_t cls = cur_peek_be16(&x->m, at + used + 2);
	uint16_t c15 = x->mdns ? cls & 0x7fff : cls;
	char tb[32];
	const char *cn = val_to_str(c15, class_vals);
	uint32_t q = text_node(x, parent, x->base + at, used + 4, "%s: type %s, class %s%s",
	    name, type_name(type, tb, sizeof(tb)), cn ? cn : "Unknown",
	    !x->mdns ? "" : (cls & 0x8000) ? ", \"QU\" question" : ", \"QM\" question");
	add_name(x, q, D_QRY_NAME, at, used, name, n);
	tree_flag(t, tree_add_uint(t, q, &fields[D_QRY_NAME_LEN], x->base + at, used, n > 1 ? raw : 0),
	    TN_GENERATED);	/* a name shown in one character counts none, as tshark */
	tree_flag(t, tree_add_uint(t, q, &fields[D_LABELS], x->base + at, used, shown_labels(name, n)),
	    TN_GENERATED);
	tree_add_uint(t, q, &fields[D_QRY_TYPE], x->base + at + used, 2, type);
	if (type == 251 || type == 252)		/* IXFR, AXFR */
		x->multi = 1;
	class_node(x, q, D_QRY_CLASS, x->base + at + used + 2, c15);
	if (x->mdns)
		tree_add_uint(t, q, &fields[D_QRY_QU], x->base + at + used + 2, 2, cls);
	if (x->info) {
		col_append(x->d->pi, " %s %s", type_name(type, tb, sizeof(tb)), name);
		if (x->mdns)
			col_append(x->d->pi, ", \"%s\" question", (cls & 0x8000) ? "QU" : "QM");
	}
	*off = at + used + 4;
	return 1;
}

static uint32_t rd_name(struct dnsctx *x, uint32_t off, char *buf, size_t n, uint32_t *nlen)
{
	int labels;
	return dns_name(&x->m, off, buf, (uint32_t)n, nlen, NULL, &labels);
}

/* One resource record being dissected: its fixed part and where its data lies. */
struct dns_rr {
	const char *name;	/* owner name, as dns_name() wrote it */
	const char *cn;		/* class name or NULL */
	uint32_t rd, o, tn;	/* data offset in the message, its frame offset, tree node */
	uint32_t rdavail;	/* data bytes present (rdlen unless truncated) */
	uint16_t type, cls, rdlen;
	int trunc;		/* the data runs past the message */
	struct cur rdc;		/* from the data to the end of the message */
};

static void rdata_addr(struct dnsctx *x, const struct dns_rr *r, char *s, size_t sn)
{
	struct dtree *t = x->d->tree;
	size_t alen = r->type == 1 ? 4 : 16;

	if (r->rdlen != alen || r->trunc)
		return;
	tree_add_addr(t, r->tn, &fields[r->type == 1 ? D_A : D_AAAA], r->o, (uint32_t)alen, r->rdc.p);
	if (r->type == 1)
		fv_ipv4(r->rdc.p, s, sn);
	else
		fv_ipv6(r->rdc.p, s, sn);
	label_append(x, r->tn, ", addr %s", s);
}

/* The RR types an NSEC record lists (RFC 4034 4.1.2): windows of a number, a length
 * and up to 32 bytes of bits, one line per type as tshark. */
static void type_bitmap(struct dnsctx *x, uint32_t parent, uint32_t off, uint32_t len)
{
	struct dtree *t = x->d->tree;
	struct cur b = cur_at(&x->m, off);

	if (!tree_text(t))
		return;
	b = cur_sub(&b, len, NULL);
	while (cur_left(&b) >= 2) {
		uint32_t win = cur_u8(&b), blen = cur_u8(&b);
		for (uint32_t i = 0; i < blen && cur_left(&b); i++) {
			uint32_t at = x->base + off + (uint32_t)cur_off(&b) - (uint32_t)cur_off(&x->m);
			uint8_t bits = cur_u8(&b);
			for (int j = 0; j < 8; j++) {
				if (!(bits & 0x80u >> j))
					continue;
				uint32_t ty = win * 256 + i * 8 + (uint32_t)j;
				const char *nm = val_to_str(ty, type_long);
				if (nm)
					tree_add_text(t, parent, at, 1, "RR type in bit map: %s", nm);
				else
					tree_add_text(t, parent, at, 1, "RR type in bit map: Unknown (%u)", ty);
			}
		}
	}
}

/* NS, CNAME, PTR and NSEC: a name first. */
static void rdata_name(struct dnsctx *x, const struct dns_rr *r, char *s, size_t sn)
{
	uint32_t k;

	if (r->type == 47) {
		uint32_t used;
		if (r->trunc || !(used = rd_name(x, r->rd, s, sn, &k))) {
			s[0] = '\0';
			return;
		}
		add_name(x, r->tn, D_NSEC_NEXT, r->rd, used, s, k);
		label_append(x, r->tn, ", next domain name %s", s);
		if (used <= r->rdlen)
			type_bitmap(x, r->tn, r->rd + used, r->rdlen - used);
		return;
	}
	if (!rd_name(x, r->rd, s, sn, &k))
		return;
	int f = r->type == 2 ? D_NS : r->type == 5 ? D_CNAME : D_PTR;
	add_name(x, r->tn, f, r->rd, r->rdlen, s, k);
	if (r->type == 12)
		label_append(x, r->tn, ", %s", s);
	else
		label_append(x, r->tn, ", %s %s", r->type == 2 ? "ns" : "cname", s);
}

/* MX (preference, exchange) and SRV (priority, weight, port, target). */
static void rdata_mx_srv(struct dnsctx *x, const struct dns_rr *r, char *s, size_t sn)
{
	struct dtree *t = x->d->tree;
	char tmp[DNS_NAME_MAX + 8];
	uint32_t k;
	struct cur v = r->rdc;

	if (r->type == 15) {
		if (r->rdlen < 3 || r->trunc)
			return;
		uint16_t pref = cur_be16(&v);
		tree_add_uint(t, r->tn, &fields[D_MX_PREF], r->o, 2, pref);
		if (rd_name(x, r->rd + 2, tmp, sizeof(tmp), &k)) {
			add_name(x, r->tn, D_MX_EXCH, r->rd + 2, r->rdlen - 2u, tmp, k);
			label_append(x, r->tn, ", preference %u, mx %s", pref, tmp);
			snprintf(s, sn, "%u %s", pref, tmp);
		}
		return;
	}
	if (r->rdlen < 7 || r->trunc)
		return;
	uint16_t pr = cur_be16(&v), w = cur_be16(&v), port = cur_be16(&v);
	tree_add_uint(t, r->tn, &fields[D_SRV_PRIO], r->o, 2, pr);
	tree_add_uint(t, r->tn, &fields[D_SRV_WEIGHT], r->o + 2, 2, w);
	tree_add_uint(t, r->tn, &fields[D_SRV_PORT], r->o + 4, 2, port);
	if (rd_name(x, r->rd + 6, tmp, sizeof(tmp), &k)) {
		add_name(x, r->tn, D_SRV_TARGET, r->rd + 6, r->rdlen - 6u, tmp, k);
		label_append(x, r->tn, ", priority %u, weight %u, port %u, target %s", pr, w, port, tmp);
		snprintf(s, sn, "%u %u %u %s", pr, w, port, tmp);
	}
}

static void rdata_soa(struct dnsctx *x, const struct dns_rr *r, char *s, size_t sn)
{
	struct dtree *t = x->d->tree;
	char tmp[DNS_NAME_MAX + 8], rn[DNS_NAME_MAX + 8];
	uint32_t k1, k2, u1, u2;

	u1 = rd_name(x, r->rd, tmp, sizeof(tmp), &k1);
	if (!u1 || r->trunc)
		return;
	u2 = rd_name(x, r->rd + u1, rn, sizeof(rn), &k2);
	add_name(x, r->tn, D_SOA_MNAME, r->rd, u1, tmp, k1);
	label_append(x, r->tn, ", mname %s", tmp);
	snprintf(s, sn, "%s", tmp);
	if (!u2 || r->rd + u1 + u2 + 20 > x->mlen)
		return;
	add_name(x, r->tn, D_SOA_RNAME, r->rd + u1, u2, rn, k2);
	struct cur q = cur_at(&r->rdc, u1 + u2);
	for (int i = 0; i < 5; i++) {
		uint32_t v = cur_be32(&q);
		uint32_t vn = tree_add_uint(t, r->tn, &fields[D_SOA_SERIAL + i], r->o + u1 + u2 + 4u * i, 4, v);
		if (i && tree_text(t)) {
			char ts[96];
			fv_time_span(v, -1, ts, sizeof(ts));
			tree_label(t, vn, "%s: %u (%s)", fields[D_SOA_SERIAL + i].name, v, ts);
		}
	}
}

static void rdata_txt(struct dnsctx *x, const struct dns_rr *r, char *s, size_t sn, int info)
{
	struct dtree *t = x->d->tree;
	const uint8_t *p = r->rdc.p;
	uint32_t i = 0;

	while (i < r->rdavail) {
		uint8_t l = cur_peek(&r->rdc, i);
		tree_add_uint(t, r->tn, &fields[D_TXT_LEN], r->o + i, 1, l);
		uint32_t k = i + 1 + l <= r->rdavail ? l : r->rdavail - i - 1;
		const uint8_t *nul = memchr(p + i + 1, 0, k);
		uint32_t shown = nul ? (uint32_t)(nul - (p + i + 1)) : k;
		uint32_t tn = tree_add_bytes(t, r->tn, &fields[D_TXT], r->o + i + 1, k, p + i + 1, shown);
		for (uint32_t j = shown; j < k; j++)	/* a C string ends at its NUL, as tshark's */
			if (p[i + 1 + j]) {
				dissect_expert(x->d, tn, NULL, SEV_WARN, "Undecoded", "Trailing stray characters");
				break;
			}
		if (!s[0] && info)
			snprintf(s, sn, "%.*s", (int)k, (const char *)p + i + 1);
		i += 1u + l;
	}
}

/* A bytes field, or "<MISSING>" as tshark labels one of no bytes. */
static void bytes_or_missing(struct dtree *t, uint32_t parent, int f, uint32_t off, const uint8_t *p,
    uint32_t n)
{
	uint32_t b = tree_add_bytes(t, parent, &fields[f], off, n, p, n);
	if (!n)
		tree_label(t, b, "%s: <MISSING>", fields[f].name);
}

/* An option's own fields after its data (o: frame offset of the data). */
static void opt_body(struct dnsctx *x, uint32_t on, uint16_t code, struct cur v, uint32_t o)
{
	struct dtree *t = x->d->tree;
	uint32_t n = (uint32_t)cur_left(&v);
	const uint8_t *p = v.p;

	switch (code) {
	case 5: case 6: case 7:
		for (uint32_t i = 0; i < n; i++)
			tree_add_uint(t, on, &fields[code == 5 ? D_OPT_DAU : code == 6 ? D_OPT_DHU : D_OPT_N3U],
			    o + i, 1, p[i]);
		break;
	case 8: case 20730: {
		if (n < 4)
			break;
		uint16_t fam = cur_be16(&v);
		tree_add_uint(t, on, &fields[D_OPT_FAMILY], o, 2, fam);
		tree_add_uint(t, on, &fields[D_OPT_NETMASK], o + 2, 1, cur_u8(&v));
		tree_add_uint(t, on, &fields[D_OPT_SCOPE], o + 3, 1, cur_u8(&v));
		uint8_t a[16] = { 0 };
		uint32_t k = n - 4, max = fam == 1 ? 4 : fam == 2 ? 16 : k;
		if (fam != 1 && fam != 2) {
			tree_add_bytes(t, on, &fields[D_OPT_ADDR], o + 4, k, p + 4, k);
			break;
		}
		memcpy(a, p + 4, k < max ? k : max);
		tree_add_addr(t, on, &fields[fam == 1 ? D_OPT_ADDR4 : D_OPT_ADDR6], o + 4, k, a);
		break;
	}
	case 10: {
		uint32_t c = n < 8 ? n : 8;
		tree_add_bytes(t, on, &fields[D_OPT_COOKIE_C], o, c, p, c);
		bytes_or_missing(t, on, D_OPT_COOKIE_S, o + c, p + c, n - c);
		break;
	}
	case 11:
		if (n == 2)
			tree_add_uint(t, on, &fields[D_OPT_KEEPALIVE], o, 2, cur_be16(&v));
		break;
	case 12:
		if (n)
			tree_add_bytes(t, on, &fields[D_OPT_PADDING], o, n, p, n);
		break;
	case 13: {
		const uint8_t *nul = memchr(p, 0, n);
		tree_add_bytes(t, on, &fields[D_OPT_CHAIN], o, n, p, nul ? (uint32_t)(nul - p) : n);
		break;
	}
	case 15:
		if (n < 2)
			break;
		tree_add_uint(t, on, &fields[D_OPT_EDE_CODE], o, 2, cur_be16(&v));
		if (n > 2)
			tree_add_bytes(t, on, &fields[D_OPT_EDE_TEXT], o + 2, n - 2, p + 2, n - 2);
		break;
	}
}

/* The options of an OPT record: code, length, data, each a subtree. */
static void rdata_opt(struct dnsctx *x, const struct dns_rr *r)
{
	struct dtree *t = x->d->tree;
	struct cur c = r->rdc;

	c = cur_sub(&c, r->rdavail, NULL);
	while (cur_left(&c) >= 4) {
		uint32_t at = r->o + (uint32_t)(cur_off(&c) - cur_off(&r->rdc));
		uint16_t code = cur_be16(&c), len = cur_be16(&c);
		uint32_t k = len <= cur_left(&c) ? len : (uint32_t)cur_left(&c);
		const char *nm = val_to_str(code, opt_code_vals);
		uint32_t on = tree_add(t, r->tn, &fields[D_OPT], at, 4 + k);
		if (nm)
			tree_label(t, on, "Option: %s", nm);
		else
			tree_label(t, on, "Option: Unknown (%u)", code);
		tree_add_uint(t, on, &fields[D_OPT_CODE], at, 2, code);
		tree_add_uint(t, on, &fields[D_OPT_LEN], at + 2, 2, len);
		struct cur v = cur_sub(&c, k, NULL);
		cur_skip(&c, k);
		bytes_or_missing(t, on, D_OPT_DATA, at + 4, v.p, k);
		opt_body(x, on, code, v, at + 4);
	}
}

/* A TTL-like count of seconds with its span, "60 (1 minute)". */
static void seconds_node(struct dtree *t, uint32_t parent, int f, uint32_t off, uint32_t v)
{
	uint32_t n = tree_add_uint(t, parent, &fields[f], off, 4, v);
	if (n && tree_text(t)) {
		char ts[96];
		fv_time_span(v, -1, ts, sizeof(ts));
		tree_label(t, n, "%s: %u (%s)", fields[f].name, v, ts);
	}
}

static void rdata_rrsig(struct dnsctx *x, const struct dns_rr *r)
{
	struct dtree *t = x->d->tree;
	struct cur v = r->rdc;
	char nm[DNS_NAME_MAX + 8];
	uint32_t k, o = r->o;

	if (r->trunc || r->rdlen < 18)
		return;
	tree_add_uint(t, r->tn, &fields[D_SIG_COVERED], o, 2, cur_be16(&v));
	tree_add_uint(t, r->tn, &fields[D_SIG_ALG], o + 2, 1, cur_u8(&v));
	tree_add_uint(t, r->tn, &fields[D_SIG_LABELS], o + 3, 1, cur_u8(&v));
	seconds_node(t, r->tn, D_SIG_OTTL, o + 4, cur_be32(&v));
	tree_add_time(t, r->tn, &fields[D_SIG_EXPIRE], o + 8, 4, (int64_t)cur_be32(&v) * 1000000000);
	tree_add_time(t, r->tn, &fields[D_SIG_INCEPT], o + 12, 4, (int64_t)cur_be32(&v) * 1000000000);
	tree_add_uint(t, r->tn, &fields[D_SIG_TAG], o + 16, 2, cur_be16(&v));
	uint32_t used = rd_name(x, r->rd + 18, nm, sizeof(nm), &k);
	if (!used || 18 + used > r->rdlen)
		return;
	add_name(x, r->tn, D_SIG_SIGNER, r->rd + 18, used, nm, k);
	uint32_t rest = r->rdlen - 18 - used;
	struct cur sig = cur_at(&r->rdc, 18 + used);
	tree_add_bytes(t, r->tn, &fields[D_SIG_SIG], o + 18 + used, rest, sig.p, rest);
}

/* NSEC3: hash, flags, iterations, salt, the next hashed owner (shown in lower-case
 * base32hex, RFC 4648 7) and the type bitmap. */
static void rdata_nsec3(struct dnsctx *x, const struct dns_rr *r)
{
	static const char b32[] = "0123456789abcdefghijklmnopqrstuv";
	struct dtree *t = x->d->tree;
	struct cur v = r->rdc;
	uint32_t o = r->o;

	if (r->trunc || r->rdlen < 5)
		return;
	tree_add_uint(t, r->tn, &fields[D_N3_ALG], o, 1, cur_u8(&v));
	uint8_t fl = cur_u8(&v);
	uint32_t fn = tree_add_uint(t, r->tn, &fields[D_N3_FLAGS], o + 1, 1, fl);
	tree_add_uint(t, fn, &fields[D_N3_OPTOUT], o + 1, 1, fl);
	tree_add_uint(t, r->tn, &fields[D_N3_ITER], o + 2, 2, cur_be16(&v));
	uint8_t sl = cur_u8(&v);
	tree_add_uint(t, r->tn, &fields[D_N3_SALT_LEN], o + 4, 1, sl);
	if (5u + sl + 1 > r->rdlen)
		return;
	bytes_or_missing(t, r->tn, D_N3_SALT, o + 5, v.p, sl);
	cur_skip(&v, sl);
	uint8_t hl = cur_u8(&v);
	tree_add_uint(t, r->tn, &fields[D_N3_HASH_LEN], o + 5 + sl, 1, hl);
	uint32_t at = 6u + sl;
	if (at + hl > r->rdlen)
		return;
	char enc[(255 * 8 + 4) / 5 + 1];
	uint32_t n = 0, acc = 0;
	int bits = 0;
	for (uint32_t i = 0; i < hl; i++) {
		acc = (acc << 8 | cur_u8(&v)) & 0xffff;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			enc[n++] = b32[acc >> bits & 31];
		}
	}
	if (bits)
		enc[n++] = b32[acc << (5 - bits) & 31];
	enc[n] = '\0';
	tree_flag(t, tree_add_bytes(t, r->tn, &fields[D_N3_HASH], o + at, hl, tree_keep(t, enc, n), n),
	    TN_GENERATED);
	type_bitmap(x, r->tn, r->rd + at + hl, r->rdlen - at - hl);
}

/* RFC 4034 appendix B: the key tag, a checksum of the record data (algorithm 1: its
 * third- and second-last bytes). */
static uint16_t key_tag(const struct cur *rd, uint32_t n, uint8_t alg)
{
	uint32_t ac = 0;

	if (alg == 1)
		return n >= 3 ? cur_peek_be16(rd, n - 3) : 0;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t b = cur_peek(rd, i);
		ac += (i & 1) ? b : b << 8;
	}
	ac += ac >> 16 & 0xffff;
	return (uint16_t)ac;
}

static void rdata_dnskey(struct dnsctx *x, const struct dns_rr *r)
{
	struct dtree *t = x->d->tree;
	struct cur v = r->rdc;
	uint32_t o = r->o;

	if (r->trunc || r->rdlen < 4)
		return;
	uint16_t fl = cur_be16(&v);
	uint32_t fn = tree_add_uint(t, r->tn, &fields[D_KEY_FLAGS], o, 2, fl);
	tree_add_uint(t, fn, &fields[D_KEY_ZONE], o, 2, fl);
	tree_add_uint(t, fn, &fields[D_KEY_REVOKED], o, 2, fl);
	tree_add_uint(t, fn, &fields[D_KEY_SEP], o, 2, fl);
	tree_add_uint(t, fn, &fields[D_KEY_RESERVED], o, 2, fl);
	tree_add_uint(t, r->tn, &fields[D_KEY_PROTO], o + 2, 1, cur_u8(&v));
	uint8_t alg = cur_u8(&v);
	tree_add_uint(t, r->tn, &fields[D_KEY_ALG], o + 3, 1, alg);
	tree_flag(t, tree_add_uint(t, r->tn, &fields[D_KEY_ID], 0, 0, key_tag(&r->rdc, r->rdlen, alg)),
	    TN_GENERATED);
	tree_add_bytes(t, r->tn, &fields[D_KEY_PUB], o + 4, r->rdlen - 4u, v.p, r->rdlen - 4u);
}

/* The RR types tshark 4.0 decodes; any other gets its "not implemented" note. */
static int tshark_decodes(uint16_t type)
{
	static const uint16_t types[] = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
		24, 25, 26, 27, 28, 29, 30, 33, 35, 36, 37, 38, 39, 41, 42, 43, 44, 45, 46, 47, 48,
		49, 50, 51, 52, 55, 59, 60, 61, 62, 63, 64, 65, 99, 104, 105, 106, 107, 108, 109,
		249, 250, 256, 257, 32769, 65281, 65282, 65422,
	};

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (types[i] == type)
			return 1;
	return 0;
}

/* The record's data into the tree; s gets what Info shows of it. */
static void rdata(struct dnsctx *x, const struct dns_rr *r, char *s, size_t sn, int info)
{
	switch (r->type) {
	case 1: case 28:
		rdata_addr(x, r, s, sn);
		break;
	case 2: case 5: case 12: case 47:
		rdata_name(x, r, s, sn);
		break;
	case 15: case 33:
		rdata_mx_srv(x, r, s, sn);
		break;
	case 6:
		rdata_soa(x, r, s, sn);
		break;
	case 16:
		rdata_txt(x, r, s, sn, info);
		break;
	case 41:
		rdata_opt(x, r);
		break;
	case 24: case 46:
		rdata_rrsig(x, r);
		break;
	case 48: case 60:
		rdata_dnskey(x, r);
		break;
	case 50:
		rdata_nsec3(x, r);
		break;
	case 44:
		if (!r->trunc && r->rdlen >= 2) {
			struct dtree *t = x->d->tree;
			tree_add_uint(t, r->tn, &fields[D_SSHFP_ALG], r->o, 1, cur_peek(&r->rdc, 0));
			tree_add_uint(t, r->tn, &fields[D_SSHFP_TYPE], r->o + 1, 1, cur_peek(&r->rdc, 1));
			struct cur fp = cur_at(&r->rdc, 2);
			tree_add_bytes(t, r->tn, &fields[D_SSHFP_FP], r->o + 2, r->rdlen - 2u, fp.p, r->rdlen - 2u);
		}
		break;
	case 10:
		if (r->rdavail)
			tree_add_bytes(x->d->tree, r->tn, &fields[D_NULL], r->o, r->rdavail, r->rdc.p, r->rdavail);
		break;
	default:
		if (!tshark_decodes(r->type)) {
			char msg[112];
			snprintf(msg, sizeof(msg), "Dissector for DNS Type (%u) code not implemented, "
			    "Contact Wireshark developers if you want this supported", r->type);
			dissect_expert(x->d, r->tn, NULL, SEV_NOTE, "Undecoded", msg);
		}
		if (r->rdavail)
			tree_add_bytes(x->d->tree, r->tn, &fields[D_DATA], r->o, r->rdavail, r->rdc.p, r->rdavail);
		break;
	}
}

/* Class and TTL, or for OPT the EDNS fields that take their place; h at the type. */
static void record_fixed(struct dnsctx *x, const struct dns_rr *r, struct cur h, uint32_t ttl)
{
	struct dtree *t = x->d->tree;
	uint32_t o = x->base + cur_off(&h) - cur_off(&x->m);
	uint16_t c15 = x->mdns ? r->cls & 0x7fff : r->cls;

	if (r->type == 41) {
		uint32_t un = tree_add_uint(t, r->tn, &fields[D_OPT_UDP], o + 2, 2, r->cls);
		if (x->mdns)	/* its top bit is mDNS's cache flush */
			tree_add_uint(t, r->tn, &fields[D_RESP_CACHE_FLUSH], o + 2, 2, r->cls);
		else
			tree_label(t, un, "UDP payload size: %u", r->cls);
		tree_add_uint(t, r->tn, &fields[D_OPT_EXT_RCODE], o + 4, 1, cur_peek(&h, 4));
		tree_add_uint(t, r->tn, &fields[D_OPT_VERSION], o + 5, 1, cur_peek(&h, 5));
		uint16_t z = cur_peek_be16(&h, 6);
		uint32_t zn = tree_add_uint(t, r->tn, &fields[D_OPT_Z], o + 6, 2, z);
		tree_add_uint(t, zn, &fields[D_OPT_DO], o + 6, 2, z);
		tree_add_uint(t, zn, &fields[D_OPT_ZRES], o + 6, 2, z);
		return;
	}
	class_node(x, r->tn, D_RESP_CLASS, o + 2, c15);
	if (x->mdns)
		tree_add_uint(t, r->tn, &fields[D_RESP_CACHE_FLUSH], o + 2, 2, r->cls);
	uint32_t ttn = tree_add_uint(t, r->tn, &fields[D_RESP_TTL], o + 4, 4, ttl);
	if (tree_text(t)) {
		char ts[96];
		fv_time_span(ttl, -1, ts, sizeof(ts));
		tree_label(t, ttn, "Time to live: %u (%s)", ttl, ts);
	}
}

/* The types whose answers show their data in Info after the type ("A 10.0.0.1"). */
static int info_shows_rdata(uint16_t type)
{
	static const uint16_t types[] = { 1, 2, 5, 6, 12, 15, 28, 33, 47 };

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (types[i] == type)
			return 1;
	return 0;
}

/* An SRV record's owner name, as Wireshark shows it: split at its first two dots into
 * service, protocol and the rest (_sip._udp.example.com), whatever the labels hold. */
static void srv_owner(struct dnsctx *x, uint32_t parent, uint32_t off, uint32_t len,
    const char *name, uint32_t n)
{
	static const int parts[] = { D_SRV_SERVICE, D_SRV_PROTO, D_SRV_NAME };
	uint32_t at = 0;

	for (int i = 0; i < 3 && at <= n; i++) {
		const char *dot = i < 2 ? memchr(name + at, '.', n - at) : NULL;
		uint32_t k = dot ? (uint32_t)(dot - (name + at)) : n - at;
		add_name(x, parent, parts[i], off, len, name + at, k);
		if (!dot)
			break;
		at += k + 1;
	}
}

static int record(struct dnsctx *x, uint32_t parent, uint32_t *off, int info)
{
	struct pinfo *pi = x->d->pi;
	struct dtree *t = x->d->tree;
	char name[DNS_NAME_MAX + 8], tb[32], s[DNS_NAME_MAX + 64];
	uint32_t n, at = *off;
	int labels;
	uint32_t used = dns_name(&x->m, at, name, sizeof(name), &n, NULL, &labels);
	struct dns_rr r;

	if (!used || at + used + 10 > x->mlen)
		return 0;
	const struct cur h = cur_at(&x->m, at + used);
	r.rdc = h;
	r.type = cur_be16(&r.rdc);
	r.cls = cur_be16(&r.rdc);
	uint32_t ttl = cur_be32(&r.rdc);
	r.rdlen = cur_be16(&r.rdc);
	r.name = name;
	r.rd = at + used + 10;
	r.o = x->base + r.rd;
	r.cn = val_to_str(x->mdns ? r.cls & 0x7fff : r.cls, class_vals);
	r.trunc = r.rd + r.rdlen > x->mlen;
	r.rdavail = r.trunc ? x->mlen - r.rd : r.rdlen;
	const char *tname = type_name(r.type, tb, sizeof(tb));

	if (r.trunc && !dissect_cut_after(x->d, &x->m)) {
		/* the record runs past the message's end (not cut by the capture): tshark's
		 * item for it throws before it is added, its type already in Info */
		if (info && x->info)
			col_append(pi, " %s", tname);
		return 0;
	}
	s[0] = '\0';
	if (r.type == 41)
		r.tn = text_node(x, parent, x->base + at, used + 10 + r.rdlen, "%s: type OPT", name);
	else
		r.tn = text_node(x, parent, x->base + at, used + 10 + r.rdlen, "%s: type %s, class %s%s",
		    name, tname, r.cn ? r.cn : "Unknown", x->mdns && (r.cls & 0x8000) ? ", cache flush" : "");
	if (r.type == 33)
		srv_owner(x, r.tn, at, used, name, n);
	else
		add_name(x, r.tn, D_RESP_NAME, at, used, name, n);
	tree_add_uint(t, r.tn, &fields[D_RESP_TYPE], x->base + at + used, 2, r.type);
	record_fixed(x, &r, h, ttl);
	tree_add_uint(t, r.tn, &fields[D_RESP_LEN], x->base + at + used + 8, 2, r.rdlen);
	rdata(x, &r, s, sizeof(s), info);
	if (info && x->info) {
		uint16_t ty = r.type;
		col_append(pi, " %s", tname);
		if (x->mdns && ty != 41 && (r.cls & 0x8000))
			col_append(pi, ", cache flush");
		if (ty == 10)
			col_append(pi, " %s", name);	/* NULL: its owner name, as tshark */
		else if (s[0] && info_shows_rdata(ty))
			col_append(pi, " %s", s);	/* names come escaped */
	}
	*off = r.rd + r.rdlen;
	return !r.trunc;
}

/* Info's operation and the flags subtree of the header at frame offset start; returns
 * the Transaction ID node. */
static uint32_t dns_flags(struct dctx *d, uint32_t node, uint32_t start, uint16_t id, uint16_t flags,
    int llmnr)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	int resp = flags >> 15, opcode = flags >> 11 & 15, rcode = flags & 15;
	const char *opn = val_to_str((uint32_t)opcode, opcode_vals);
	const char *rcn = val_to_str((uint32_t)rcode, rcode_vals);

	if (opn)
		col_append(pi, "%s", opn);
	else
		col_append(pi, "Unknown operation (%d)", opcode);
	col_append(pi, "%s 0x%04x", resp ? " response" : "", id);
	if (resp && rcode && rcn)
		col_append(pi, " %s", rcn);
	else if (resp && rcode)
		col_append(pi, " Unknown error (%d)", rcode);
	uint32_t idn = tree_add_uint(t, node, &fields[D_ID], start, 2, id);
	uint32_t fn = tree_add_uint(t, node, &fields[D_FLAGS], start + 2, 2, flags);
	if (tree_text(t)) {
		if (resp)
			tree_label(t, fn, "Flags: 0x%04x %s response, %s", flags, opn ? opn : "Unknown operation",
			    rcn ? rcn : "Unknown error");
		else
			tree_label(t, fn, "Flags: 0x%04x %s%s", flags, opn ? opn : "Unknown operation",
			    resp ? " response" : "");
	}
	tree_add_uint(t, fn, &fields[D_F_RESPONSE], start + 2, 2, flags);
	tree_add_uint(t, fn, &fields[D_F_OPCODE], start + 2, 2, flags);
	if (llmnr) {
		uint32_t cn = tree_add_uint(t, fn, &fields[D_F_CONFLICT], start + 2, 2, flags);
		if (resp)
			tree_label(t, cn, ".... .%d.. .... .... = Conflict: %s", flags >> 10 & 1,
			    val_to_str(flags >> 10 & 1u, conflict_r_vals));
		tree_add_uint(t, fn, &fields[D_F_TRUNC], start + 2, 2, flags);
		tree_add_uint(t, fn, &fields[D_F_TENTATIVE], start + 2, 2, flags);
		if (resp)
			tree_add_uint(t, fn, &fields[D_F_RCODE], start + 2, 2, flags);
		return idn;
	}
	if (resp)
		tree_add_uint(t, fn, &fields[D_F_AUTH], start + 2, 2, flags);
	tree_add_uint(t, fn, &fields[D_F_TRUNC], start + 2, 2, flags);
	tree_add_uint(t, fn, &fields[D_F_RD], start + 2, 2, flags);
	if (resp)
		tree_add_uint(t, fn, &fields[D_F_RA], start + 2, 2, flags);
	tree_add_uint(t, fn, &fields[D_F_Z], start + 2, 2, flags);
	if (resp)
		tree_add_uint(t, fn, &fields[D_F_AD], start + 2, 2, flags);
	else if (flags & 0x0020)
		tree_label(t, tree_add_uint(t, fn, &fields[D_F_AD], start + 2, 2, flags),
		    ".... .... ..1. .... = AD bit: Set");
	tree_add_uint(t, fn, &fields[D_F_CD], start + 2, 2, flags);
	if (resp)
		tree_add_uint(t, fn, &fields[D_F_RCODE], start + 2, 2, flags);
	return idn;
}

/* The request/response matching's verdict at the end of the message, as Wireshark:
 * the expert note of a retransmission goes under the Transaction ID. */
static void dns_match_show(struct dnsctx *x, uint32_t node, uint32_t id_node, uint16_t id, int resp)
{
	struct dctx *d = x->d;
	struct dtree *t = d->tree;
	struct dns_match m;
	char msg[96];
	uint32_t at = tree_off(t, id_node);	/* the message's start, as tshark's */

	dns_trans_track(d, id, resp, x->multi, &m);
	switch (m.kind) {
	case DNS_M_REQUEST_IN:
		tree_flag(t, tree_add_uint(t, node, &fields[D_RESPONSE_TO], at, 0, m.frame), TN_GENERATED);
		tree_flag(t, tree_add_time(t, node, &fields[D_TIME], at, 0, m.delta), TN_GENERATED);
		break;
	case DNS_M_RETRANS_REQ:
	case DNS_M_RETRANS_RESP:
		snprintf(msg, sizeof(msg), "DNS %s retransmission. Original %s in frame %u",
		    resp ? "response" : "query", resp ? "response" : "request", m.frame);
		dissect_expert(d, id_node, &fields[resp ? D_RETRANS_RESP_EXP : D_RETRANS_REQ_EXP],
		    SEV_WARN, "Protocol", msg);
		tree_flag(t, tree_add_uint(t, node, &fields[resp ? D_RETRANS_RESP_IN : D_RETRANS_REQ_IN],
		    at, 0, m.frame), TN_GENERATED);
		tree_flag(t, tree_add_uint(t, node, &fields[D_RETRANSMISSION], at, 0, 1), TN_GENERATED);
		break;
	case DNS_M_UNSOLICITED:
		tree_flag(t, tree_add_uint(t, node, &fields[D_UNSOLICITED], at, 0, 1), TN_GENERATED);
		break;
	}
}

/* The message ran out of bytes: tshark's exception, named after the protocol
 * (Wireshark's short names), or the snapshot-length mark when the capture cut it. */
static void dns_exhausted(struct dctx *d, uint32_t node, int kind)
{
	static const char *const shortnames[] = { "DNS", "mDNS", "LLMNR" };

	dissect_exhausted(d, node, shortnames[kind]);
}

/* Dissects one DNS message in `c` (UDP payload, or a TCP message after its length). */
static void dns_message(struct dctx *d, struct cur *c, uint32_t parent, int kind, int tcp)
{
	static const char *const names[] = { "dns", "mdns", "llmnr" };
	static const char *const cols[] = { "DNS", "MDNS", "LLMNR" };
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	struct dnsctx x;
	uint32_t start = cur_off(c), node;

	pi_push_proto(pi, names[kind]);
	col_set_proto(pi, cols[kind]);
	col_clear(pi);
	node = tree_add(t, parent, &fields[kind == 0 ? D_PROTO : kind == 1 ? D_MDNS : D_LLMNR], start,
	    (uint32_t)cur_left(c));
	if (tcp) {
		uint16_t len = cur_be16(c);
		if (!cur_ok(c)) {
			dns_exhausted(d, node, kind);
			return;
		}
		tree_add_uint(t, node, &fields[D_LENGTH], start, 2, len);
		struct cur m = cur_sub(c, len, NULL);
		*c = m;
		start += 2;
	}
	x.d = d;
	x.m = *c;
	x.mlen = (uint32_t)cur_left(c);
	x.base = start;
	x.mdns = kind == 1;
	x.info = pi->want_cols;
	x.multi = 0;
	if (x.mlen < 4) {
		dns_exhausted(d, node, kind);
		cur_skip(c, cur_left(c));
		return;
	}
	struct cur h = *c;
	uint16_t id = cur_be16(&h), flags = cur_be16(&h);
	int resp = flags >> 15;

	tree_label(t, node, "%s (%s)", fields[kind == 0 ? D_PROTO : kind == 1 ? D_MDNS : D_LLMNR].name,
	    resp ? "response" : "query");
	uint32_t id_node = dns_flags(d, node, start, id, flags, kind == 2);
	uint16_t counts4[4] = { 0 };	/* questions, answers, authority, additional */
	for (int i = 0; i < 4; i++) {	/* as far as the header goes */
		if (!cur_has(&h, 2)) {
			dns_exhausted(d, node, kind);
			cur_skip(c, cur_left(c));
			return;
		}
		counts4[i] = cur_peek_be16(&h, 0);
		dissect_add_be(t, node, &fields[D_QDCOUNT + i], &h, 2);
	}
	uint16_t qd = counts4[0], an = counts4[1], ns = counts4[2], ar = counts4[3];

	uint32_t off = 12;
	int ok = 1;
	/* a section's subtree spans to the end of the message: none starts at its end */
	if (qd && off >= x.mlen) {
		ok = 0;
	} else if (qd) {
		uint32_t q = tree_add_text(t, node, start + off, 0, "Queries"), from = off;
		for (unsigned i = 0; i < qd && ok; i++)
			ok = question(&x, q, &off);
		tree_set_len(t, q, off - from);	/* the bytes its entries took (PDML's size) */
	}
	static const char *const sect[] = { "Answers", "Authoritative nameservers", "Additional records" };
	uint16_t counts[3] = { an, ns, ar };
	for (int s = 0; s < 3 && ok; s++) {
		if (!counts[s])
			continue;
		if (off >= x.mlen) {
			ok = 0;
			break;
		}
		uint32_t q = tree_add_text(t, node, start + off, 0, "%s", sect[s]), from = off;
		for (unsigned i = 0; i < counts[s] && ok; i++)
			ok = record(&x, q, &off, 1);	/* Info lists every record, as tshark */
		tree_set_len(t, q, off - from);
	}
	if (!ok)
		dns_exhausted(d, node, kind);
	else
		dns_match_show(&x, node, id_node, id, resp);
	cur_skip(c, cur_left(c));
}

static void dissect_dns(struct dctx *d, struct cur *c, uint32_t parent)
{
	dns_message(d, c, parent, 0, 0);
}

/* A datagram on no DNS port that looks like a DNS message, as Wireshark's heuristic:
 * more than a header, a standard query or response, one question in a query with
 * no answers, at most one question, 100 answers and 10 authority records in a
 * response, at most 10 additional records. */
static int dns_heur(struct dctx *d, struct cur *c)
{
	uint16_t flags, qd, an, ns;

	if (cur_left(c) <= 12)
		return 0;
	flags = cur_peek_be16(c, 2);
	qd = cur_peek_be16(c, 4);
	an = cur_peek_be16(c, 6);
	ns = cur_peek_be16(c, 8);
	if (flags & 0x7800)
		return 0;
	if (!(flags & 0x8000) ? qd != 1 || an || ns : qd > 1 || an > 100 || ns > 10)
		return 0;
	if (cur_peek_be16(c, 10) > 10)
		return 0;
	dissect_dns(d, c, 0);
	return 1;
}

static void dissect_mdns(struct dctx *d, struct cur *c, uint32_t parent)
{
	dns_message(d, c, parent, 1, 0);
}

static void dissect_llmnr(struct dctx *d, struct cur *c, uint32_t parent)
{
	dns_message(d, c, parent, 2, 0);
}

/* ---- DNS over TCP ---- */

/* The reasm PDU function: every length-prefixed message of the data, asking for the
 * rest of the last. */
static void dns_tcp_pdu(struct dctx *d, struct cur *c, const struct reasm_pdu *p,
    struct reasm_need *need)
{
	uint32_t n = (uint32_t)cur_left(c), off = 0;

	while (off < n) {
		uint32_t left = n - off;
		uint32_t want = left >= 2 ? 2u + cur_peek_be16(c, off) : 2;
		if (want > left && !p->truncated) {
			need->need_off = off;
			need->need_len = left < 2 ? REASM_ONE_MORE_SEGMENT : want - left;
			break;
		}
		struct cur at = cur_at(c, off), m = cur_sub(&at, want, NULL);
		reasm_pdu_size(d, p, cur_off(&m), (uint32_t)cur_left(&m));	/* tcp_dissect_pdus */
		dns_message(d, &m, 0, 0, 1);
		off += want < left ? want : left;
	}
}

static int dns_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti)
{
	struct reasm_seg s;

	if (!d->sess || !d->sess->reasm || ti->no_subdissector || !cur_left(payload))
		return 0;
	s = tcp_payload_seg(ti);
	reasm_segment(d->sess->reasm, d, payload, &s, dns_tcp_pdu);
	return 1;
}
