/* x509.c — X.509 certificates (RFC 5280) in DER, as tshark 4.0's x509af/x509if/x509sat/
 * x509ce/pkix1implicit/pkix1explicit/pkcs1 dissectors show them: see x509.h.
 *
 *   Certificate ::= SEQUENCE {
 *     tbsCertificate  SEQUENCE { [0] version, serialNumber INTEGER, signature AlgId,
 *                                issuer Name, validity SEQUENCE { notBefore, notAfter },
 *                                subject Name, subjectPublicKeyInfo SEQUENCE { AlgId, BIT STRING },
 *                                [1] issuerUID, [2] subjectUID, [3] extensions },
 *     signatureAlgorithm AlgId, signatureValue BIT STRING }
 *
 * DER is read through der_get() on the cursor: identifier, length (short or long form up
 * to 4 octets), contents clipped to what exists.  Any element that does not fit, or a
 * tag other than the schema's, stops the certificate there with tshark's malformed mark.
 * Object identifiers are shown dotted with tshark's name for them, or, for one it does
 * not know, the name of the longest known prefix followed by the remaining arcs.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/strvis.h"
#include "dissect/fvalue.h"
#include "dissect/tls_int.h"
#include "dissect/tree.h"
#include "dissect/x509.h"

enum {
	AF_SIGNED, AF_VERSION, AF_SERIAL, AF_SIGNATURE, AF_ALG_ID, AF_ISSUER, AF_VALIDITY,
	AF_NOT_BEFORE, AF_NOT_AFTER, AF_UTCTIME, AF_GENTIME, AF_SUBJECT, AF_RDNSEQ, AF_SPKI,
	AF_ALGORITHM, AF_SPK, AF_EXTENSIONS, AF_EXTENSION, AF_EXT_ID, AF_CRITICAL, AF_ALGID_ELEM,
	AF_ENCRYPTED, AF_ISSUER_UID, AF_SUBJECT_UID,
	IF_RDNSEQ, IF_RDN_ITEM, IF_RDN_ATTR, IF_OID,
	SAT_DIRSTR, SAT_COUNTRY, SAT_IA5, SAT_PRINTABLE_ATTR, SAT_TELETEX, SAT_PRINTABLE,
	SAT_UNIVERSAL, SAT_BMP, SAT_UTF8,
	BER_PADDING, BER_UNKNOWN_OID,
	PK_MODULUS, PK_EXPONENT, PK_NAMED_CURVE, PK_ECPARAMS,
	CE_AKI, CE_SKI, CE_KEY_USAGE, CE_KU_DS, CE_KU_CC, CE_KU_KE, CE_KU_DE, CE_KU_KA, CE_KU_KCS,
	CE_KU_CRL, CE_KU_EO, CE_KU_DO, CE_KP_IDS, CE_KP_ID, CE_POLICIES, CE_GENERAL_NAMES,
	CE_BASIC, CE_KEY_ID, CE_AUTH_ISSUER, CE_AUTH_SERIAL, CE_POLICY_INFO, CE_POLICY_ID,
	CE_POLICY_QUALS, CE_POLICY_QUAL, CE_QUAL_ID, CE_GENERAL_NAME, CE_RFC822, CE_DNS,
	CE_DIRNAME, CE_URI, CE_IPADDR, CE_CA, CE_PATHLEN, CE_CRLDP, CE_DP, CE_DP_NAME, CE_FULLNAME,
	CE_REGISTERED_ID,
	IM_AIA, IM_ACCESS_DESC, IM_ACCESS_METHOD, IM_ACCESS_LOC, IM_USER_NOTICE, IM_EXPLICIT_TEXT,
	IM_IA5, IM_VISIBLE, IM_BMP, IM_UTF8, EX_DIRSTR,
	SCT_LIST_LEN, SCT_LEN, SCT_VERSION, SCT_LOGID, SCT_TIME, SCT_EXT_LEN, SCT_SIG_LEN, SCT_SIG,
	NS_CERT_TYPE, NS_CT_CLIENT, NS_CT_SERVER, NS_CT_SMIME, NS_CT_OBJSIGN, NS_CT_RESERVED,
	NS_CT_SSL_CA, NS_CT_SMIME_CA, NS_CT_OBJSIGN_CA,
	CE_TEMPLATE, CE_TEMPLATE_ID, CE_TEMPLATE_MAJOR, CE_TEMPLATE_MINOR,
	CE_PKUP, CE_PKUP_BEFORE, CE_PKUP_AFTER,
	IM_NOTICE_REF, IM_ORGANIZATION, IM_NOTICE_NUMBERS, IM_NOTICE_NUMBER,
	SAT_INTEGER, SAT_OCTETS, SAT_BMP_VALUE, NS_COMMENT, CE_OTHER_NAME, CE_TYPE_ID, SAT_UTF8_VALUE,
	CE_ENTRUST, CE_ENTRUST_VERS, CE_ENTRUST_FLAGS, CE_EF_KEY_UPDATE, CE_EF_NEW_EXT, CE_EF_PKIX,
	CE_EF_ENTERPRISE, CE_EF_WEB, CE_EF_SET,
	LG_EXTN, LG_ISSUER, LG_DIRECT, LG_IMAGE, LG_IMAGE_ELEM, LG_DETAILS, LG_MEDIA, LG_HASHES,
	LG_HASH, LG_HASH_ALG, LG_HASH_VALUE, LG_URIS, LG_URI,
};

static const struct val_str versions[] = { { 0, "v1" }, { 1, "v2" }, { 2, "v3" }, { 0, NULL } };
static const struct val_str true_false[] = { { 0, "False" }, { 1, "True" }, { 0, NULL } };

#define NS(abbrev, name, mask) { "ns.cert.exts.CertType." abbrev, name, FT_BOOLEAN, BASE_NONE, \
	mask, 8, true_false, "Netscape certificate type bit: what the certificate may be used for.", 0 }
#define EF(abbrev, mask) { "x509ce.EntrustInfoFlags." abbrev, abbrev, FT_BOOLEAN, BASE_NONE, \
	mask, 8, true_false, "Entrust version information flag.", 0 }
#define F_(abbrev, name, type, help) { abbrev, name, type, BASE_NONE, 0, 0, NULL, help, 0 }
#define FD(abbrev, name, type, help) { abbrev, name, type, BASE_DEC, 0, 0, NULL, help, 0 }
#define KU(abbrev, name, mask) { "x509ce.KeyUsage." abbrev, name, FT_BOOLEAN, BASE_NONE, mask, 8, \
	true_false, "Whether the key may be used for this (RFC 5280 §4.2.1.3).", 0 }

static const struct field_def fields[] = {
	[AF_SIGNED] = F_("x509af.signedCertificate_element", "signedCertificate", FT_NONE,
		"The part of the certificate the issuer signs (TBSCertificate)."),
	[AF_VERSION] = { "x509af.version", "version", FT_INT32, BASE_DEC, 0, 0, versions,
		"Certificate format version (v3 when extensions are present).", 0 },
	[AF_SERIAL] = F_("x509af.serialNumber", "serialNumber", FT_BYTES,
		"Number the issuer gave this certificate, unique per issuer."),
	[AF_SIGNATURE] = F_("x509af.signature_element", "signature", FT_NONE,
		"Algorithm the issuer signed with (repeated in algorithmIdentifier)."),
	[AF_ALG_ID] = F_("x509af.algorithm.id", "Algorithm Id", FT_STRING,
		"Object identifier of an algorithm."),
	[AF_ISSUER] = FD("x509af.issuer", "issuer", FT_UINT32,
		"Distinguished name of the authority that signed the certificate."),
	[AF_VALIDITY] = F_("x509af.validity_element", "validity", FT_NONE,
		"The period the certificate is valid for."),
	[AF_NOT_BEFORE] = FD("x509af.notBefore", "notBefore", FT_UINT32,
		"Start of the validity period."),
	[AF_NOT_AFTER] = FD("x509af.notAfter", "notAfter", FT_UINT32,
		"End of the validity period."),
	[AF_UTCTIME] = F_("x509af.utcTime", "utcTime", FT_STRING,
		"A time as UTCTime (two-digit year, years 1950-2049)."),
	[AF_GENTIME] = F_("x509af.generalizedTime", "generalizedTime", FT_ABSOLUTE_TIME,
		"A time as GeneralizedTime (four-digit year)."),
	[AF_SUBJECT] = FD("x509af.subject", "subject", FT_UINT32,
		"Distinguished name of the entity the certificate is for."),
	[AF_RDNSEQ] = FD("x509af.rdnSequence", "rdnSequence", FT_UINT32,
		"The relative distinguished names of the subject, most general first."),
	[AF_SPKI] = F_("x509af.subjectPublicKeyInfo_element", "subjectPublicKeyInfo", FT_NONE,
		"The subject's public key and its algorithm."),
	[AF_ALGORITHM] = F_("x509af.algorithm_element", "algorithm", FT_NONE,
		"Algorithm of the subject's public key."),
	[AF_SPK] = F_("x509af.subjectPublicKey", "subjectPublicKey", FT_BYTES,
		"The subject's public key."),
	[AF_EXTENSIONS] = FD("x509af.extensions", "extensions", FT_UINT32,
		"Extensions (v3): key usage, alternative names, constraints …"),
	[AF_EXTENSION] = F_("x509af.Extension_element", "Extension", FT_NONE,
		"One extension: its identifier, criticality and value."),
	[AF_EXT_ID] = F_("x509af.extension.id", "Extension Id", FT_STRING,
		"Object identifier of the extension."),
	[AF_CRITICAL] = { "x509af.critical", "critical", FT_BOOLEAN, BASE_NONE, 0, 0, true_false,
		"A client that does not understand a critical extension must reject the certificate.", 0 },
	[AF_ALGID_ELEM] = F_("x509af.algorithmIdentifier_element", "algorithmIdentifier", FT_NONE,
		"Algorithm of the issuer's signature over signedCertificate."),
	[AF_ENCRYPTED] = F_("x509af.encrypted", "encrypted", FT_BYTES,
		"The issuer's signature over signedCertificate."),
	[AF_ISSUER_UID] = F_("x509af.issuerUniqueIdentifier", "issuerUniqueIdentifier", FT_BYTES,
		"Issuer unique identifier (v2, obsolete)."),
	[AF_SUBJECT_UID] = F_("x509af.subjectUniqueIdentifier", "subjectUniqueIdentifier", FT_BYTES,
		"Subject unique identifier (v2, obsolete)."),
	[IF_RDNSEQ] = FD("x509if.rdnSequence", "rdnSequence", FT_UINT32,
		"The relative distinguished names of a name, most general first."),
	[IF_RDN_ITEM] = FD("x509if.RDNSequence_item", "RDNSequence item", FT_UINT32,
		"One relative distinguished name (a set of attributes)."),
	[IF_RDN_ATTR] = F_("x509if.RelativeDistinguishedName_item_element",
		"RelativeDistinguishedName item", FT_NONE, "One attribute: its type and value."),
	[IF_OID] = F_("x509if.oid", "Object Id", FT_STRING, "Object identifier of the attribute type."),
	[SAT_DIRSTR] = FD("x509sat.DirectoryString", "DirectoryString", FT_UINT32,
		"Which string type holds the attribute value."),
	[SAT_COUNTRY] = F_("x509sat.CountryName", "CountryName", FT_STRING,
		"Two-letter ISO 3166 country code."),
	[SAT_IA5] = F_("x509sat.IA5String", "IA5String", FT_STRING, "An ASCII string."),
	[SAT_PRINTABLE_ATTR] = F_("x509sat.PrintableString", "PrintableString", FT_STRING,
		"A string of letters, digits, space and '()+,-./:=?."),
	[SAT_TELETEX] = F_("x509sat.teletexString", "teletexString", FT_STRING, "A T.61 string."),
	[SAT_PRINTABLE] = F_("x509sat.printableString", "printableString", FT_STRING,
		"A string of letters, digits, space and '()+,-./:=?."),
	[SAT_UNIVERSAL] = F_("x509sat.universalString", "universalString", FT_STRING,
		"A UCS-4 string."),
	[SAT_BMP] = F_("x509sat.bmpString", "bmpString", FT_STRING, "A UCS-2 string."),
	[SAT_UTF8] = F_("x509sat.uTF8String", "uTF8String", FT_STRING, "A UTF-8 string."),
	[BER_PADDING] = FD("ber.bitstring.padding", "Padding", FT_UINT8,
		"Unused bits at the end of a BIT STRING."),
	[BER_UNKNOWN_OID] = F_("ber.no_oid", "BER: Dissector for OID not implemented. Contact "
		"Wireshark developers if you want this supported", FT_NONE,
		"tshark does not decode this extension."),
	[PK_MODULUS] = F_("pkcs1.modulus", "modulus", FT_BYTES, "RSA modulus n."),
	[PK_EXPONENT] = FD("pkcs1.publicExponent", "publicExponent", FT_INT32, "RSA public exponent e."),
	[PK_NAMED_CURVE] = F_("pkcs1.namedCurve", "namedCurve", FT_STRING,
		"Object identifier of the elliptic curve of the key."),
	[PK_ECPARAMS] = FD("pkix1explicit.ECParameters", "ECParameters", FT_UINT32,
		"Elliptic curve parameters of the key (a named curve)."),
	[CE_AKI] = F_("x509ce.AuthorityKeyIdentifier_element", "AuthorityKeyIdentifier", FT_NONE,
		"Identifies the issuer's key that signed this certificate."),
	[CE_SKI] = F_("x509ce.SubjectKeyIdentifier", "SubjectKeyIdentifier", FT_BYTES,
		"Identifier of the subject's key (usually a hash of it)."),
	[CE_KEY_USAGE] = F_("x509ce.KeyUsage", "KeyUsage", FT_BYTES,
		"What the key may be used for (bits)."),
	[CE_KU_DS] = KU("digitalSignature", "digitalSignature", 0x80),
	[CE_KU_CC] = KU("contentCommitment", "contentCommitment", 0x40),
	[CE_KU_KE] = KU("keyEncipherment", "keyEncipherment", 0x20),
	[CE_KU_DE] = KU("dataEncipherment", "dataEncipherment", 0x10),
	[CE_KU_KA] = KU("keyAgreement", "keyAgreement", 0x08),
	[CE_KU_KCS] = KU("keyCertSign", "keyCertSign", 0x04),
	[CE_KU_CRL] = KU("cRLSign", "cRLSign", 0x02),
	[CE_KU_EO] = KU("encipherOnly", "encipherOnly", 0x01),
	[CE_KU_DO] = KU("decipherOnly", "decipherOnly", 0x80),
	[CE_KP_IDS] = FD("x509ce.KeyPurposeIDs", "KeyPurposeIDs", FT_UINT32,
		"Purposes the key may be used for (extended key usage)."),
	[CE_KP_ID] = F_("x509ce.KeyPurposeId", "KeyPurposeId", FT_STRING,
		"One purpose (serverAuth: TLS server, clientAuth: TLS client …)."),
	[CE_POLICIES] = FD("x509ce.CertificatePoliciesSyntax", "CertificatePoliciesSyntax", FT_UINT32,
		"Policies the certificate was issued under."),
	[CE_GENERAL_NAMES] = FD("x509ce.GeneralNames", "GeneralNames", FT_UINT32,
		"A list of names (DNS names, URIs, addresses …)."),
	[CE_BASIC] = F_("x509ce.BasicConstraintsSyntax_element", "BasicConstraintsSyntax", FT_NONE,
		"Whether the subject is a CA, and how many CAs may follow it in a path."),
	[CE_KEY_ID] = F_("x509ce.keyIdentifier", "keyIdentifier", FT_BYTES,
		"Identifier of the issuer's key (its SubjectKeyIdentifier)."),
	[CE_AUTH_ISSUER] = FD("x509ce.authorityCertIssuer", "authorityCertIssuer", FT_UINT32,
		"Name of the issuer of the issuer's certificate."),
	[CE_AUTH_SERIAL] = F_("x509ce.authorityCertSerialNumber", "authorityCertSerialNumber", FT_BYTES,
		"Serial number of the issuer's certificate."),
	[CE_POLICY_INFO] = F_("x509ce.PolicyInformation_element", "PolicyInformation", FT_NONE,
		"One certificate policy."),
	[CE_POLICY_ID] = F_("x509ce.policyIdentifier", "policyIdentifier", FT_STRING,
		"Object identifier of the policy."),
	[CE_POLICY_QUALS] = FD("x509ce.policyQualifiers", "policyQualifiers", FT_UINT32,
		"Qualifiers of the policy (CPS pointer, user notice)."),
	[CE_POLICY_QUAL] = F_("x509ce.PolicyQualifierInfo_element", "PolicyQualifierInfo", FT_NONE,
		"One policy qualifier."),
	[CE_QUAL_ID] = F_("x509ce.id", "Id", FT_STRING, "Object identifier of the qualifier."),
	[CE_GENERAL_NAME] = FD("x509ce.GeneralName", "GeneralName", FT_UINT32,
		"Which kind of name this is."),
	[CE_RFC822] = F_("x509ce.rfc822Name", "rfc822Name", FT_STRING, "An e-mail address."),
	[CE_DNS] = F_("x509ce.dNSName", "dNSName", FT_STRING, "A DNS host name."),
	[CE_DIRNAME] = FD("x509ce.directoryName", "directoryName", FT_UINT32, "A distinguished name."),
	[CE_URI] = F_("x509ce.uniformResourceIdentifier", "uniformResourceIdentifier", FT_STRING,
		"A URI."),
	[CE_IPADDR] = F_("x509ce.iPAddress", "iPAddress", FT_BYTES, "An IPv4 or IPv6 address."),
	[CE_CA] = { "x509ce.cA", "cA", FT_BOOLEAN, BASE_NONE, 0, 0, true_false,
		"Whether the subject is a certification authority.", 0 },
	[CE_PATHLEN] = FD("x509ce.pathLenConstraint", "pathLenConstraint", FT_UINT64,
		"How many intermediate CAs may follow this one."),
	[CE_CRLDP] = FD("x509ce.CRLDistPointsSyntax", "CRLDistPointsSyntax", FT_UINT32,
		"Where the revocation lists are published."),
	[CE_DP] = F_("x509ce.DistributionPoint_element", "DistributionPoint", FT_NONE,
		"One CRL distribution point."),
	[CE_DP_NAME] = FD("x509ce.distributionPoint", "distributionPoint", FT_UINT32,
		"The name of the distribution point."),
	[CE_FULLNAME] = FD("x509ce.fullName", "fullName", FT_UINT32, "The names of the point."),
	[CE_REGISTERED_ID] = F_("x509ce.registeredID", "registeredID", FT_STRING,
		"A registered object identifier."),
	[IM_AIA] = FD("pkix1implicit.AuthorityInfoAccessSyntax", "AuthorityInfoAccessSyntax", FT_UINT32,
		"Where to find the issuer's certificate and its OCSP responder."),
	[IM_ACCESS_DESC] = F_("pkix1implicit.AccessDescription_element", "AccessDescription", FT_NONE,
		"One access method and its location."),
	[IM_ACCESS_METHOD] = F_("pkix1implicit.accessMethod", "accessMethod", FT_STRING,
		"OCSP or caIssuers."),
	[IM_ACCESS_LOC] = FD("pkix1implicit.accessLocation", "accessLocation", FT_UINT32,
		"Where (a general name, usually a URI)."),
	[IM_USER_NOTICE] = F_("pkix1implicit.UserNotice_element", "UserNotice", FT_NONE,
		"A notice to show to the relying party."),
	[IM_EXPLICIT_TEXT] = FD("pkix1implicit.explicitText", "explicitText", FT_UINT32,
		"Which string type holds the notice text."),
	[IM_IA5] = F_("pkix1implicit.ia5String", "ia5String", FT_STRING, "An ASCII string."),
	[IM_VISIBLE] = F_("pkix1implicit.visibleString", "visibleString", FT_STRING,
		"A printable ASCII string."),
	[IM_BMP] = F_("pkix1implicit.bmpString", "bmpString", FT_STRING, "A UCS-2 string."),
	[IM_UTF8] = F_("pkix1implicit.utf8String", "utf8String", FT_STRING, "A UTF-8 string."),
	[EX_DIRSTR] = F_("pkix1explicit.DirectoryString", "DirectoryString", FT_STRING,
		"The certification practice statement's URI."),
	[SCT_LIST_LEN] = FD("tls.sct.scts_length", "Serialized SCT List Length", FT_UINT16,
		"Bytes of signed certificate timestamps (RFC 6962)."),
	[SCT_LEN] = FD("tls.sct.sct_length", "Serialized SCT Length", FT_UINT16,
		"Bytes of this signed certificate timestamp."),
	[SCT_VERSION] = FD("tls.sct.sct_version", "SCT Version", FT_UINT8,
		"Version of the SCT format (0: v1)."),
	[SCT_LOGID] = F_("tls.sct.sct_logid", "Log ID", FT_BYTES,
		"SHA-256 of the public key of the log that issued the timestamp."),
	[SCT_TIME] = F_("tls.sct.sct_timestamp", "Timestamp", FT_ABSOLUTE_TIME,
		"When the log promised to publish the certificate."),
	[SCT_EXT_LEN] = FD("tls.sct.sct_extensions_length", "Extensions length", FT_UINT16,
		"Bytes of SCT extensions."),
	[SCT_SIG_LEN] = FD("tls.sct.sct_signature_length", "Signature Length", FT_UINT16,
		"Bytes of the log's signature."),
	[SCT_SIG] = F_("tls.sct.sct_signature", "Signature", FT_BYTES, "The log's signature."),
	[NS_CERT_TYPE] = F_("ns_cert_exts.CertType", "CertType", FT_BYTES,
		"Netscape certificate type (obsolete): bits of allowed uses."),
	[NS_CT_CLIENT] = NS("ssl.client", "ssl-client", 0x80),
	[NS_CT_SERVER] = NS("ssl.server", "ssl-server", 0x40),
	[NS_CT_SMIME] = NS("smime", "smime", 0x20),
	[NS_CT_OBJSIGN] = NS("object.signing", "object-signing", 0x10),
	[NS_CT_RESERVED] = NS("reserved.for.future.use", "reserved-for-future-use", 0x08),
	[NS_CT_SSL_CA] = NS("ssl.ca", "ssl-ca", 0x04),
	[NS_CT_SMIME_CA] = NS("smime.ca", "smime-ca", 0x02),
	[NS_CT_OBJSIGN_CA] = NS("object.signing.ca", "object-signing-ca", 0x01),
	[CE_TEMPLATE] = F_("x509ce.CertificateTemplate_element", "CertificateTemplate", FT_NONE,
		"Microsoft certificate template the certificate was issued from."),
	[CE_TEMPLATE_ID] = F_("x509ce.templateID", "templateID", FT_STRING,
		"Object identifier of the template."),
	[CE_TEMPLATE_MAJOR] = FD("x509ce.templateMajorVersion", "templateMajorVersion", FT_INT32,
		"Major version of the template."),
	[CE_TEMPLATE_MINOR] = FD("x509ce.templateMinorVersion", "templateMinorVersion", FT_INT32,
		"Minor version of the template."),
	[CE_PKUP] = F_("x509ce.PrivateKeyUsagePeriod_element", "PrivateKeyUsagePeriod", FT_NONE,
		"When the private key may be used (RFC 3280, obsolete)."),
	[CE_PKUP_BEFORE] = F_("x509ce.notBefore", "notBefore", FT_ABSOLUTE_TIME,
		"Start of the private key's usage period."),
	[CE_PKUP_AFTER] = F_("x509ce.notAfter", "notAfter", FT_ABSOLUTE_TIME,
		"End of the private key's usage period."),
	[IM_NOTICE_REF] = F_("pkix1implicit.noticeRef_element", "noticeRef", FT_NONE,
		"Names an organization and numbers of its notices."),
	[IM_ORGANIZATION] = FD("pkix1implicit.organization", "organization", FT_UINT32,
		"Which string type holds the organization."),
	[IM_NOTICE_NUMBERS] = FD("pkix1implicit.noticeNumbers", "noticeNumbers", FT_UINT32,
		"Numbers of the organization's notices."),
	[IM_NOTICE_NUMBER] = FD("pkix1implicit.noticeNumbers_item", "noticeNumbers item", FT_INT32,
		"One notice number."),
	[SAT_INTEGER] = FD("x509sat.Integer", "Integer", FT_INT32, "An integer value."),
	[SAT_OCTETS] = F_("x509sat.OctetString", "OctetString", FT_BYTES, "An octet string value."),
	[SAT_BMP_VALUE] = F_("x509sat.BMPString", "BMPString", FT_STRING, "A UCS-2 string value."),
	[CE_OTHER_NAME] = F_("x509ce.otherName_element", "otherName", FT_NONE,
		"A name of a type identified by an OID (e.g. a Microsoft user principal name)."),
	[CE_TYPE_ID] = F_("x509ce.type_id", "type-id", FT_STRING, "Object identifier of the name's type."),
	[SAT_UTF8_VALUE] = F_("x509sat.UTF8String", "UTF8String", FT_STRING, "A UTF-8 string value."),
	[NS_COMMENT] = F_("ns_cert_exts.Comment", "Comment", FT_STRING,
		"Netscape comment extension: free text."),
	[CE_ENTRUST] = F_("x509ce.EntrustVersionInfo_element", "EntrustVersionInfo", FT_NONE,
		"Entrust's version information extension."),
	[CE_ENTRUST_VERS] = F_("x509ce.entrustVers", "entrustVers", FT_STRING,
		"Version of the Entrust software that issued the certificate."),
	[CE_ENTRUST_FLAGS] = F_("x509ce.entrustVersInfoFlags", "entrustVersInfoFlags", FT_BYTES,
		"Entrust version information flags."),
	[CE_EF_KEY_UPDATE] = EF("keyUpdateAllowed", 0x80),
	[CE_EF_NEW_EXT] = EF("newExtensions", 0x40),
	[CE_EF_PKIX] = EF("pKIXCertificate", 0x20),
	[CE_EF_ENTERPRISE] = EF("enterpriseCategory", 0x10),
	[CE_EF_WEB] = EF("webCategory", 0x08),
	[CE_EF_SET] = EF("sETCategory", 0x04),
	[LG_EXTN] = F_("logotypecertextn.LogotypeExtn_element", "LogotypeExtn", FT_NONE,
		"Logos to show with the certificate (RFC 3709)."),
	[LG_ISSUER] = FD("logotypecertextn.issuerLogo", "issuerLogo", FT_UINT32,
		"The issuer's logo: given directly or by reference."),
	[LG_DIRECT] = F_("logotypecertextn.direct_element", "direct", FT_NONE,
		"The logo's images and audio, given directly."),
	[LG_IMAGE] = FD("logotypecertextn.image", "image", FT_UINT32, "Images of the logo."),
	[LG_IMAGE_ELEM] = F_("logotypecertextn.LogotypeImage_element", "LogotypeImage", FT_NONE,
		"One image."),
	[LG_DETAILS] = F_("logotypecertextn.imageDetails_element", "imageDetails", FT_NONE,
		"Its media type, hashes and URIs."),
	[LG_MEDIA] = F_("logotypecertextn.mediaType", "mediaType", FT_STRING, "MIME type of the image."),
	[LG_HASHES] = FD("logotypecertextn.logotypeHash", "logotypeHash", FT_UINT32,
		"Hashes of the image."),
	[LG_HASH] = F_("logotypecertextn.HashAlgAndValue_element", "HashAlgAndValue", FT_NONE,
		"One hash: its algorithm and value."),
	[LG_HASH_ALG] = F_("logotypecertextn.hashAlg_element", "hashAlg", FT_NONE,
		"The hash algorithm."),
	[LG_HASH_VALUE] = F_("logotypecertextn.hashValue", "hashValue", FT_BYTES, "The hash."),
	[LG_URIS] = FD("logotypecertextn.logotypeURI", "logotypeURI", FT_UINT32,
		"Where to fetch the image."),
	[LG_URI] = F_("logotypecertextn.logotypeURI_item", "logotypeURI item", FT_STRING, "One URI."),
};
static const struct field_table x509_table = REG_TABLE(fields);
const struct proto_reg x509_proto = REG_PROTO_TABLE(x509_table);

/* Object identifier → tshark's name (its -V output). */
struct oid_name {
	const char *oid;
	const char *name;
};

static const struct oid_name oid_names[] = {
	{ "0.9.2342.19200300.100.1.25", "dc" },
	{ "1.2.840.10045.2.1", "id-ecPublicKey" },
	{ "1.2.840.10045.3.1.7", "secp256r1" },
	{ "1.2.840.10045.4.3.2", "ecdsa-with-SHA256" },
	{ "1.2.840.10045.4.3.3", "ecdsa-with-SHA384" },
	{ "1.2.840.113533.7.65.0", "id-ce-entrustVersionInfo" },
	{ "1.2.840.113549.1.1.1", "rsaEncryption" },
	{ "1.2.840.113549.1.1.11", "sha256WithRSAEncryption" },
	{ "1.2.840.113549.1.1.12", "sha384WithRSAEncryption" },
	{ "1.2.840.113549.1.1.13", "sha512WithRSAEncryption" },
	{ "1.2.840.113549.1.1.5", "sha1WithRSAEncryption" },
	{ "1.2.840.113549.1.9.1", "pkcs-9-at-emailAddress" },
	{ "1.3.132.0.34", "secp384r1" },
	{ "1.3.14.3.2.26", "SHA-1" },
	{ "1.3.14.3.2.29", "sha-1WithRSAEncryption" },
	{ "1.3.6.1.4.1.11129.2.4.2", "SignedCertificateTimestampList" },
	{ "1.3.6.1.4.1.311.20.2", "id-ms-certificate-template-name" },
	{ "1.3.6.1.4.1.311.20.2.3", "id-ms-user-principal-name" },
	{ "1.3.6.1.4.1.311.21.1", "id-ms-ca-version" },
	{ "1.3.6.1.4.1.311.21.10", "id-ms-application-certificate-policies" },
	{ "1.3.6.1.4.1.311.21.2", "id-ms-previous-cert-hash" },
	{ "1.3.6.1.4.1.311.21.7", "id-ms-certificate-template" },
	{ "1.3.6.1.4.1.311.60.2.1.2", "jurisdictionOfIncorporationStateOrProvinceName" },
	{ "1.3.6.1.4.1.311.60.2.1.3", "jurisdictionOfIncorporationCountryName" },
	{ "1.3.6.1.5.5.7.1.1", "id-pe-authorityInfoAccess" },
	{ "1.3.6.1.5.5.7.1.12", "id-pe-logotype" },
	{ "1.3.6.1.5.5.7.2.1", "id-qt-cps" },
	{ "1.3.6.1.5.5.7.2.2", "id-qt-unotice" },
	{ "1.3.6.1.5.5.7.3.1", "id-kp-serverAuth" },
	{ "1.3.6.1.5.5.7.3.2", "id-kp-clientAuth" },
	{ "1.3.6.1.5.5.7.3.3", "id-kp-codeSigning" },
	{ "1.3.6.1.5.5.7.3.4", "id-kp-emailProtection" },
	{ "1.3.6.1.5.5.7.3.5", "id-kp-ip-kp-ipsecEndSystem" },
	{ "1.3.6.1.5.5.7.3.6", "id-kp-ipsecTunnel" },
	{ "1.3.6.1.5.5.7.3.7", "id-kp-ipsecUser" },
	{ "1.3.6.1.5.5.7.3.9", "OCSPSigning" },
	{ "1.3.6.1.5.5.7.48.1", "id-ad-ocsp" },
	{ "1.3.6.1.5.5.7.48.1.1", "id-pkix-ocsp-basic" },
	{ "1.3.6.1.5.5.7.48.1.5", "id-pkix-ocsp-nocheck" },
	{ "1.3.6.1.5.5.7.48.1.6", "id-pkix-ocsp-archive-cutoff" },
	{ "1.3.6.1.5.5.7.48.2", "id-ad-caIssuers" },
	{ "2.16.840.1.113730.1.1", "ns_cert_exts.cert_type" },
	{ "2.16.840.1.113730.1.13", "ns_cert_exts.comment" },
	{ "2.5.29.14", "id-ce-subjectKeyIdentifier" },
	{ "2.5.29.15", "id-ce-keyUsage" },
	{ "2.5.29.16", "id-ce-privateKeyUsagePeriod" },
	{ "2.5.29.17", "id-ce-subjectAltName" },
	{ "2.5.29.18", "id-ce-issuerAltName" },
	{ "2.5.29.19", "id-ce-basicConstraints" },
	{ "2.5.29.31", "id-ce-cRLDistributionPoints" },
	{ "2.5.29.32", "id-ce-certificatePolicies" },
	{ "2.5.29.32.0", "anyPolicy" },
	{ "2.5.29.35", "id-ce-authorityKeyIdentifier" },
	{ "2.5.29.37", "id-ce-extKeyUsage" },
	{ "2.5.4.10", "id-at-organizationName" },
	{ "2.5.4.11", "id-at-organizationalUnitName" },
	{ "2.5.4.13", "id-at-description" },
	{ "2.5.4.15", "id-at-businessCategory" },
	{ "2.5.4.17", "id-at-postalCode" },
	{ "2.5.4.3", "id-at-commonName" },
	{ "2.5.4.41", "id-at-name" },
	{ "2.5.4.5", "id-at-serialNumber" },
	{ "2.5.4.6", "id-at-countryName" },
	{ "2.5.4.7", "id-at-localityName" },
	{ "2.5.4.8", "id-at-stateOrProvinceName" },
	{ "2.5.4.9", "id-at-streetAddress" },
	{ "2.5.4.4", "id-at-surname" }, { "2.5.4.12", "id-at-title" },
	{ "2.5.4.42", "id-at-givenName" }, { "2.5.29.30", "id-ce-nameConstraints" },
	{ "2.5.29.36", "id-ce-policyConstraints" }, { "2.5.29.54", "id-ce-inhibitAnyPolicy" },
	{ "1.3.132.0.35", "secp521r1" }, { "1.2.840.10045.4.3.4", "ecdsa-with-SHA512" },
	/* arcs tshark names, used as prefixes of identifiers it does not know */
	{ "0", "itu-t" }, { "1", "iso" }, { "2", "joint-iso-itu-t" },
	{ "1.2.840", "ISO assigned OIDs, USA" }, { "2.16.840.1", "US company arc" },
	{ NULL, NULL }
};

/* Certificate Transparency logs by log ID (SHA-256 of the log's key), as tshark names them. */
static const struct oid_name ct_logs[] = {
	{ "07b75c1be57d68fff1b0c61d2315c7bae6577c5794b76aeebc613a1a69d3a21c", "Google 'Xenon2020' log" },
	{ "2245450759552456963fa12ff1f76d86e0232663adc04b7f5dc6835c6ee20f02", "DigiCert Yeti2022 Log" },
	{ "2979bef09e393921f056739f63a577e5be577d9c600af8f94d5d265c255dc784", "Google 'Argon2022' log" },
	{ "35cf191bbfb16c57bf0fad4c6d42cbbbb627202651ea3fe12aefa803c33bd64c", "DigiCert Yeti2023 Log" },
	{ "3f174b4fd7224758941d651c84be0d12ed90377f1f856aebc1bf2885ecf8646e", "Let's Encrypt 'Oak2024H2' log" },
	{ "41c8cab1df22464a10c6a13a0942875e4e318b1b03ebeb4bc768f090629606f6", "Cloudflare 'Nimbus2022' Log" },
	{ "4494652eb0eeceafc44007d8a8fe28c0dae682bed8cb31b53fd33396b5b681a8", "Cloudflare 'Nimbus2021' Log" },
	{ "46a555eb75fa912030b5a28969f4f37d112c4174befd49b885abf2fc70fe6d47", "Google 'Xenon2022' log" },
	{ "48b0e36bdaa647340fe56a02fa9d30eb1c5201cb56dd2c81d9bbbfab39d88473", "DigiCert Yeti2024 Log" },
	{ "4e75a3275c9a10c3385b6cd4df3f52eb1df0e08e1b8d69c0b1fa64b1629a39df", "Google 'Argon2025h1' log" },
	{ "51a3b0f5fd01799c566db837788f0ca47acc1b27cbf79e88429a0dfed48b05e5", "DigiCert Nessie2022 Log" },
	{ "5581d4c2169036014aea0b9b573c53f0c0e43878702508172fa3aa1d0713d30c", "Sectigo 'Sabre' CT log" },
	{ "5614069a2fd7c2ecd3f5e1bd44b23ec74676b9bc99115cc0ef949855d689d0dd", "DigiCert Log Server" },
	{ "5cdc4392fee6ab4544b15e9ad456e61037fbd5fa47dca17394b25ee6f6c70eca", "DigiCert Yeti2021 Log" },
	{ "5ea773f9df56c0e7b536487dd049e0327a919a0c84a112128418759681714558", "Cloudflare 'Nimbus2020' Log" },
	{ "68f698f81f6482be3a8ceeb9281d4cfc71515d6793d444d10a67acbb4f4ffbc4", "Google 'Aviator' log" },
	{ "6f5376ac31f03119d89900a45115ff77151c11d902c10029068db2089a37d913", "Sectigo 'Mammoth' CT log" },
	{ "73d99e891b4c9678a0207d479de6b2c61cd0515e71192a8c6b80107ac17772b5", "DigiCert Nessie2024 Log" },
	{ "76ff883f0ab6fb9551c261ccf587ba34b4a4cdbb29dc68420a9fe6674c5a3a74", "Google 'Xenon2024' log" },
	{ "7a328c54d8b72db620ea38e0521ee98416703213854d3bd22bc13a57a352eb52", "Cloudflare 'Nimbus2023' Log" },
	{ "7d591e12e1782a7b1c61677c5efdf8d0875c14a04e959eb9032fd90e8c2e79b8", "DigiCert Yeti2025 Log" },
	{ "8775bfe7597cf88c43995fbdf36eff568d475636ff4ab560c1b4eaff5ea0830f", "DigiCert Log Server 2" },
	{ "a2e2bfd61ede2f2f07a0d64e6d37a7dc6543b0c6b52ea2dab78af89a6df517d8", "Sectigo 'Sabre2024h1'" },
	{ "a4b90990b418581487bb13a2cc67700a3c359804f91bdfb8e377cd0ec80ddc10", "Google 'Pilot' log" },
	{ "adf7befa7cff10c88b9d3d9c1e3e186ab467295dcfb10c24ca858634ebdc828a", "Google 'Xenon2023' log" },
	{ "b21e05cc8ba2cd8a204e8766f92bb98a2520676bdafa70e7b249532def8b905e", "Google 'Argon2020' log" },
	{ "b3737707e18450f86386d605a9dc11094a792db1670c0b87dcf0030e7936a59a", "DigiCert Nessie2023 Log" },
	{ "b73efb24df9c4dba75f239c5ba58f46c5dfc42cf7a9f35c49e1d098125edb499", "Let's Encrypt 'Oak2023' log" },
	{ "bbd9dfbc1f8a71b593942397aa927b473857950aab52e81a909664368e1ed185", "Google 'Skydiver' log" },
	{ "dab6bf6b3fb5b6229f9bc2bb5c6be87091716cbb51848534bda43d3048d7fbab", "Cloudflare 'Nimbus2024' Log" },
	{ "ddeb1d2b7a0d4fa6208b81ad8168707e2e8e9d01d55c888d3d11c4cdb6ecbecc", "Symantec log" },
	{ "dfa55eab68824f1f6cadeeb85f4e3e5aeacda212a46a5e8e3b12c020445c2a73", "Let's Encrypt 'Oak2022' log" },
	{ "e83ed0da3ef5063532e75728bc896bc903d3cbd1116beceb69e1777d6d06bd6e", "Google 'Argon2023' log" },
	{ "ee4bbdb775ce60bae142691fabe19e66a30f7e5fb072d88300c47b897aa8fdcb", "Google 'Rocketeer' log" },
	{ "eec095ee8d72640f92e3c3b91bc712a3696a097b4b6a1a1438e647b2cbedc5f9", "DigiCert Nessie2021 Log" },
	{ "eecdd064d5db1acec55cb79db4cd13a23287467cbcecdec351485946711fb59b", "Google 'Argon2024' log" },
	{ "f65c942fd1773022145418083094568ee34d131933bfdf0c2f200bcc4ef164e3", "Google 'Argon2021' log" },
	{ NULL, NULL }
};

void x509_label(struct dtree *t, uint32_t node, const char *fmt, ...)
{
	char buf[X509_LABEL_MAX];
	va_list ap;

	if (!node || !tree_text(t))
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	tree_label(t, node, "%s", buf);
}

/* ---- DER ---- */

enum {
	DER_BOOL = 0x01, DER_INT = 0x02, DER_BITS = 0x03, DER_OCTETS = 0x04, DER_NULL = 0x05,
	DER_OID = 0x06, DER_UTF8 = 0x0c, DER_PRINTABLE = 0x13, DER_TELETEX = 0x14, DER_IA5 = 0x16,
	DER_UTCTIME = 0x17, DER_GENTIME = 0x18, DER_VISIBLE = 0x1a, DER_UNIVERSAL = 0x1c,
	DER_BMP = 0x1e, DER_SEQ = 0x30, DER_SET = 0x31,
};

/* One element: the identifier octet (class, constructed bit, tag number below 31), where
 * it starts and its contents (v, exactly the declared length). */
struct der {
	uint8_t id;
	uint32_t start, off, len;
	struct cur v;
};

/* Moves c to its end with its error set: the rest of an element cannot be read. */
static void der_fail(struct cur *c)
{
	cur_skip(c, cur_left(c) + 1);
}

/* Reads the next element of c into e; 0, c failed, when its identifier, length or
 * contents do not fit in c or the length is indefinite (not DER). */
static int der_get(struct cur *c, struct der *e)
{
	uint8_t l;

	e->start = cur_off(c);
	e->id = cur_u8(c);
	if ((e->id & 0x1f) == 0x1f)	/* high tag number: its octets, none of ours */
		for (int k = 0; (cur_u8(c) & 0x80) && cur_ok(c) && k < 4; k++)
			;
	l = cur_u8(c);
	e->len = l;
	if (l & 0x80) {
		if ((l & 0x7f) == 0 || (l & 0x7f) > 4) {
			der_fail(c);
			return 0;
		}
		e->len = (uint32_t)cur_uint_n(c, l & 0x7f, 0);
	}
	if (!cur_ok(c) || cur_left(c) < e->len) {
		der_fail(c);
		return 0;
	}
	e->off = cur_off(c);
	e->v = cur_sub(c, e->len, NULL);
	cur_skip(c, e->len);
	return 1;
}

static uint32_t der_total(const struct der *e) { return e->off + e->len - e->start; }

/* The elements in v, up to the first that does not fit. */
static uint32_t der_count(struct cur v)
{
	struct der e;
	uint32_t n = 0;

	while (cur_left(&v) && der_get(&v, &e))
		n++;
	return n;
}

int x509_der_fits(struct cur c)
{
	struct der e;

	return der_get(&c, &e);
}

void x509_exception(struct dctx *d, uint32_t node)
{
	dissect_exception(d, node, "TLS");
}

/* ---- one certificate's walk ---- */

struct x5 {
	struct dctx *d;
	struct dtree *t;
	int bad;
};

/* The next element of c, which must have identifier id; otherwise the walk stops. */
static int want(struct x5 *x, struct cur *c, uint8_t id, struct der *e)
{
	if (x->bad || !der_get(c, e) || e->id != id) {
		x->bad = 1;
		return 0;
	}
	return 1;
}

static int peek_is(const struct cur *c, uint8_t id)
{
	return cur_left(c) && cur_peek(c, 0) == id;
}

static const char *plural(uint32_t n) { return n == 1 ? "" : "s"; }

/* An "Name: N items" node over e's element. */
static uint32_t add_items(struct x5 *x, uint32_t parent, int fi, const struct der *e,
    uint32_t n)
{
	uint32_t node = tree_add_uint(x->t, parent, &fields[fi], e->start, der_total(e), n);

	tree_label(x->t, node, "%s: %u item%s", fields[fi].name, n, plural(n));
	return node;
}

/* A CHOICE node "Name: alternative (index)" (value the index) over e. */
static uint32_t add_choice(struct x5 *x, uint32_t parent, int fi, const struct der *e,
    uint32_t index, const char *alt)
{
	uint32_t node = tree_add_uint(x->t, parent, &fields[fi], e->start, der_total(e), index);

	tree_label(x->t, node, "%s: %s (%u)", fields[fi].name, alt, index);
	return node;
}

/* Bytes as lowercase hex, at most max of them then "…", as tshark's byte labels. */
static void hex_label(char *buf, size_t len, const uint8_t *p, uint32_t n, uint32_t max)
{
	static const char hexd[] = "0123456789abcdef";
	size_t at = 0;

	for (uint32_t i = 0; i < n && i < max && at + 3 < len; i++) {
		buf[at++] = hexd[p[i] >> 4];
		buf[at++] = hexd[p[i] & 15];
	}
	buf[at] = '\0';
	if (n > max && at + 4 < len)
		memcpy(buf + at, "\xe2\x80\xa6", 4);
}

/* An integer held as bytes, labelled "name: 0x<hex>" as tshark shows big integers. */
static uint32_t add_bigint(struct x5 *x, uint32_t parent, int fi, const struct der *e)
{
	uint32_t node = tree_add_bytes(x->t, parent, &fields[fi], e->off, e->len, e->v.p, e->len);

	if (node && tree_text(x->t)) {
		char hex[80];
		hex_label(hex, sizeof(hex), e->v.p, e->len, 36);
		tree_label(x->t, node, "%s: 0x%s", fields[fi].name, hex);
	}
	return node;
}

/* ---- object identifiers ---- */

/* The dotted form of an OID's contents; 0 when empty or cut inside an arc. */
static int oid_dotted(const struct der *e, char *buf, size_t len)
{
	struct cur v = e->v;
	uint64_t arc = 0;
	size_t at = 0;
	int first = 1, k;

	buf[0] = '\0';
	if (!cur_left(&v))
		return 0;
	while (cur_left(&v)) {
		uint8_t b = cur_u8(&v);
		if (arc >> 56)
			return 0;
		arc = arc << 7 | (b & 0x7f);
		if (b & 0x80) {
			if (!cur_left(&v))
				return 0;
			continue;
		}
		if (first) {
			uint64_t top = arc < 80 ? arc / 40 : 2;
			k = snprintf(buf + at, len - at, "%u.%llu", (unsigned)top,
			    (unsigned long long)(arc - top * 40));
			first = 0;
		} else
			k = snprintf(buf + at, len - at, ".%llu", (unsigned long long)arc);
		if (k < 0 || (size_t)k >= len - at)
			return 0;
		at += (size_t)k;
		arc = 0;
	}
	return 1;
}

/* tshark's name for a dotted OID: its own, or the longest named prefix and the rest. */
static void oid_resolve(const char *dotted, char *buf, size_t len)
{
	const struct oid_name *best = NULL;
	size_t best_len = 0, dl = strlen(dotted);

	for (const struct oid_name *o = oid_names; o->oid; o++) {
		size_t ol = strlen(o->oid);
		if (ol > dl || ol <= best_len || memcmp(o->oid, dotted, ol) != 0)
			continue;
		if (ol < dl && dotted[ol] != '.')
			continue;
		best = o;
		best_len = ol;
	}
	if (!best)
		snprintf(buf, len, "%s", dotted);
	else
		snprintf(buf, len, "%s%s", best->name, dotted + best_len);
}

/* An OID field "Label: 1.2.3 (name)"; its name into name (may be NULL). */
static uint32_t add_oid(struct x5 *x, uint32_t parent, int fi, const struct der *e,
    char *name, size_t nlen)
{
	char dotted[160], res[200];
	uint32_t node;

	if (!oid_dotted(e, dotted, sizeof(dotted)))
		snprintf(dotted, sizeof(dotted), "%s", "");
	oid_resolve(dotted, res, sizeof(res));
	if (name)
		snprintf(name, nlen, "%s", res);
	if (!x->t)
		return 0;
	node = tree_add(x->t, parent, &fields[fi], e->off, e->len);
	if (node) {
		uint32_t n = (uint32_t)strlen(dotted);
		x->t->nodes[node].v.s.p = tree_keep(x->t, dotted, n);
		x->t->nodes[node].v.s.n = n;
		tree_flag(x->t, node, TN_CLEAN);
		tree_label(x->t, node, "%s: %s (%s)", fields[fi].name, dotted, res);
	}
	return node;
}

/* A BMPString (UCS-2) as UTF-8 into buf; returns the bytes written. */
static uint32_t bmp_utf8(const struct der *e, uint8_t *buf, size_t cap)
{
	struct cur v = e->v;
	uint32_t n = 0;

	while (cur_left(&v) >= 2 && n + 3 < cap) {
		uint16_t u = cur_be16(&v);
		if (u < 0x80)
			buf[n++] = (uint8_t)u;
		else if (u < 0x800) {
			buf[n++] = (uint8_t)(0xc0 | u >> 6);
			buf[n++] = (uint8_t)(0x80 | (u & 0x3f));
		} else {
			buf[n++] = (uint8_t)(0xe0 | u >> 12);
			buf[n++] = (uint8_t)(0x80 | (u >> 6 & 0x3f));
			buf[n++] = (uint8_t)(0x80 | (u & 0x3f));
		}
	}
	return n;
}

/* A string value field; a BMPString is shown as UTF-8. */
static uint32_t add_string(struct x5 *x, uint32_t parent, int fi, const struct der *e)
{
	if (!x->t)
		return 0;
	if ((e->id & 0x1f) == DER_BMP) {
		uint8_t buf[512];
		uint32_t n = bmp_utf8(e, buf, sizeof(buf));
		return tree_add_bytes(x->t, parent, &fields[fi], e->off, e->len,
		    tree_keep(x->t, buf, n), n);
	}
	/* tshark shows a string up to its first NUL */
	const uint8_t *nul = memchr(e->v.p, 0, e->len);
	uint32_t n = nul ? (uint32_t)(nul - e->v.p) : e->len;
	return tree_add_bytes(x->t, parent, &fields[fi], e->off, e->len, e->v.p, n);
}

/* The shown form of a string value, escaped, for name summaries. */
static void string_text(const struct der *e, char *buf, size_t len)
{
	if ((e->id & 0x1f) == DER_BMP) {
		uint8_t tmp[512];
		uint32_t n = bmp_utf8(e, tmp, sizeof(tmp));
		strvis(buf, len, tmp, n, STRVIS_WIRE);
		return;
	}
	strvis(buf, len, e->v.p, e->len, STRVIS_WIRE);
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- names (RDNSequence) ---- */

/* Attribute types whose value tshark shows as a string of its own, not a DirectoryString. */
static const struct {
	const char *oid;
	int fi;
} attr_syntax[] = {
	{ "2.5.4.6", SAT_COUNTRY }, { "1.3.6.1.4.1.311.60.2.1.3", SAT_COUNTRY },
	{ "1.2.840.113549.1.9.1", SAT_IA5 }, { "0.9.2342.19200300.100.1.25", SAT_IA5 },
	{ "2.5.4.5", SAT_PRINTABLE_ATTR },
};

/* DirectoryString's alternatives, by their index in the CHOICE. */
static const struct {
	uint8_t tag;
	int fi;
	const char *alt;
} dirstr_alts[] = {
	{ DER_TELETEX, SAT_TELETEX, "teletexString" },
	{ DER_PRINTABLE, SAT_PRINTABLE, "printableString" },
	{ DER_UNIVERSAL, SAT_UNIVERSAL, "universalString" },
	{ DER_BMP, SAT_BMP, "bmpString" }, { DER_UTF8, SAT_UTF8, "uTF8String" },
};

#define NAME_TEXT 1024

/* Appends sep (unless buf is empty) and s to the NUL-terminated buf, cut to fit. */
static void append(char *buf, size_t len, const char *sep, const char *s)
{
	size_t at = strlen(buf);

	for (const char *p = at ? sep : ""; *p && at + 1 < len; p++)
		buf[at++] = *p;
	for (; *s && at + 1 < len; s++)
		buf[at++] = *s;
	if (at < len)
		buf[at] = '\0';
}

/* One AttributeTypeAndValue (seq) under parent; "type=value" appended to text. */
static void attribute(struct x5 *x, uint32_t parent, const struct der *seq, char *text,
    size_t tlen)
{
	struct cur c = seq->v;
	struct der oid, val;
	char name[200], dotted[160], value[512], pair[720];
	uint32_t item = tree_add(x->t, parent, &fields[IF_RDN_ATTR], seq->start, der_total(seq));
	int fi = -1;
	size_t i;

	if (!want(x, &c, DER_OID, &oid))
		return;
	add_oid(x, item, IF_OID, &oid, name, sizeof(name));
	oid_dotted(&oid, dotted, sizeof(dotted));
	if (!der_get(&c, &val)) {
		x->bad = 1;
		return;
	}
	pi_push_proto(x->d->pi, "x509sat");
	for (i = 0; i < NELEM(attr_syntax); i++)
		if (!strcmp(attr_syntax[i].oid, dotted))
			fi = attr_syntax[i].fi;
	if (fi >= 0)
		add_string(x, item, fi, &val);
	else {
		for (i = 0; i < NELEM(dirstr_alts) && dirstr_alts[i].tag != val.id; i++)
			;
		if (i == NELEM(dirstr_alts)) {
			x->bad = 1;
			return;
		}
		add_string(x, add_choice(x, item, SAT_DIRSTR, &val, (uint32_t)i, dirstr_alts[i].alt),
		    dirstr_alts[i].fi, &val);
	}
	string_text(&val, value, sizeof(value));
	snprintf(pair, sizeof(pair), "%s=%s", name, value);
	append(text, tlen, "+", pair);
	x509_label(x->t, item, "%s (%s)", fields[IF_RDN_ATTR].name, pair);
}

/* A Name (name: its SEQUENCE): "choice: rdnSequence (0)" over it, "rdnSequence: N items
 * (summary)" under that; the summary (last RDN first, ','-separated) also into summary. */
static void rdn_sequence(struct x5 *x, uint32_t parent, int choice_fi, int seq_fi,
    const struct der *name, char *summary, size_t slen)
{
	char rdns[64][NAME_TEXT / 4];
	uint32_t nrdn = 0, n = der_count(name->v);
	uint32_t ch = add_choice(x, parent, choice_fi, name, 0, "rdnSequence");
	uint32_t seq = tree_add_uint(x->t, ch, &fields[seq_fi], name->off, name->len, n);
	struct cur c = name->v;
	struct der set;

	summary[0] = '\0';
	while (cur_left(&c) && !x->bad && want(x, &c, DER_SET, &set)) {
		struct cur a = set.v;
		struct der atv;
		uint32_t k = der_count(set.v);
		uint32_t item = tree_add_uint(x->t, seq, &fields[IF_RDN_ITEM], set.start,
		    der_total(&set), k);
		char text[NAME_TEXT / 4] = "";

		while (cur_left(&a) && !x->bad && want(x, &a, DER_SEQ, &atv))
			attribute(x, item, &atv, text, sizeof(text));
		x509_label(x->t, item, "%s: %u item%s (%s)", fields[IF_RDN_ITEM].name, k, plural(k),
		    text);
		if (nrdn < NELEM(rdns))
			memcpy(rdns[nrdn++], text, sizeof(text));
	}
	while (nrdn)
		append(summary, slen, ",", rdns[--nrdn]);
	x509_label(x->t, seq, "%s: %u item%s (%s)", fields[seq_fi].name, n, plural(n), summary);
}

/* ---- times ---- */

static int64_t days_from_civil(int y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int64_t)era * 146097 + (int64_t)doe - 719468;
}

/* n decimal digits at s, or -1. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* A GeneralizedTime (YYYYMMDDHHMMSS…) as nanoseconds since the epoch; 0 when unreadable. */
static int64_t gentime_ns(const struct der *e)
{
	char s[32] = "";
	struct cur v = e->v;

	cur_bytes(&v, s, e->len < sizeof(s) - 1 ? e->len : sizeof(s) - 1);
	int y = digits(s, 4), mo = digits(s + 4, 2), d = digits(s + 6, 2);
	int h = digits(s + 8, 2), mi = digits(s + 10, 2), sec = digits(s + 12, 2);

	if (e->len < 14 || y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || mi < 0 || sec < 0)
		return 0;
	return (days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 +
	    sec) * 1000000000;
}

/* Time ::= CHOICE { utcTime UTCTime, generalizedTime GeneralizedTime }, as field fi. */
static void time_choice(struct x5 *x, uint32_t parent, int fi, struct cur *c)
{
	struct der e;
	char s[32] = "";
	struct cur v;

	if (x->bad || !der_get(c, &e)) {
		x->bad = 1;
		return;
	}
	v = e.v;
	cur_bytes(&v, s, e.len < sizeof(s) - 1 ? e.len : sizeof(s) - 1);
	if (e.id == DER_UTCTIME) {
		uint32_t ch = add_choice(x, parent, fi, &e, 0, "utcTime");
		char out[64];
		int yy = digits(s, 2);
		uint32_t n;

		if (e.len >= 12 && yy >= 0 && digits(s + 2, 10) >= 0)
			snprintf(out, sizeof(out), "%d%.2s-%.2s-%.2s %.2s:%.2s:%.2s (UTC)",
			    yy < 50 ? 20 : 19, s, s + 2, s + 4, s + 6, s + 8, s + 10);
		else
			snprintf(out, sizeof(out), "%s", s);
		n = (uint32_t)strlen(out);
		if (x->t)
			tree_flag(x->t, tree_add_bytes(x->t, ch, &fields[AF_UTCTIME], e.off, e.len,
			    tree_keep(x->t, out, n), n), TN_CLEAN);
	} else if (e.id == DER_GENTIME) {
		uint32_t ch = add_choice(x, parent, fi, &e, 1, "generalizedTime");
		int64_t ns = gentime_ns(&e);

		tree_add_time(x->t, ch, &fields[AF_GENTIME], e.off, e.len, ns);
	} else
		x->bad = 1;
}

/* ---- algorithms and keys ---- */

/* AlgorithmIdentifier (alg: its SEQUENCE) as node fi "label (name)"; name out. */
static uint32_t alg_id(struct x5 *x, uint32_t parent, int fi, const struct der *alg,
    char *name, size_t nlen, struct cur *params)
{
	uint32_t node = tree_add(x->t, parent, &fields[fi], alg->start, der_total(alg));
	struct der oid;

	name[0] = '\0';
	*params = alg->v;
	if (!want(x, params, DER_OID, &oid))
		return node;
	add_oid(x, node, AF_ALG_ID, &oid, name, nlen);
	tree_label(x->t, node, "%s (%s)", fields[fi].name, name);
	return node;
}

static void spki(struct x5 *x, uint32_t parent, const struct der *seq)
{
	uint32_t node = tree_add(x->t, parent, &fields[AF_SPKI], seq->start, der_total(seq));
	struct cur c = seq->v, params;
	struct der alg, key, curve;
	char name[200];
	uint32_t an;

	if (!want(x, &c, DER_SEQ, &alg))
		return;
	an = alg_id(x, node, AF_ALGORITHM, &alg, name, sizeof(name), &params);
	if (peek_is(&params, DER_OID) && der_get(&params, &curve)) {
		pi_push_proto(x->d->pi, "pkcs-1");	/* tshark's ECParameters dissector */
		add_oid(x, add_choice(x, an, PK_ECPARAMS, &curve, 1, "namedCurve"), PK_NAMED_CURVE,
		    &curve, NULL, 0);
	}
	if (!want(x, &c, DER_BITS, &key) || key.len < 1) {
		x->bad = 1;
		return;
	}
	struct cur kv = key.v;
	uint8_t pad = cur_u8(&kv);
	if (strcmp(name, "rsaEncryption") != 0) {
		tree_add_uint(x->t, node, &fields[BER_PADDING], key.off, 1, pad);
		tree_add_bytes(x->t, node, &fields[AF_SPK], key.off + 1, key.len - 1, kv.p,
		    key.len - 1);
		return;
	}
	uint32_t kn = tree_add_bytes(x->t, node, &fields[AF_SPK], key.off + 1, key.len - 1, kv.p,
	    key.len - 1);
	struct der rsa, mod, exp;
	if (!want(x, &kv, DER_SEQ, &rsa))
		return;
	struct cur r = rsa.v;
	if (!want(x, &r, DER_INT, &mod))
		return;
	add_bigint(x, kn, PK_MODULUS, &mod);
	if (!want(x, &r, DER_INT, &exp))
		return;
	struct cur ev = exp.v;
	tree_add_int(x->t, kn, &fields[PK_EXPONENT], exp.off, exp.len,
	    (int64_t)(int32_t)cur_uint_n(&ev, exp.len <= 4 ? exp.len : 4, 0));
}

/* ---- GeneralName(s) ---- */

static const char *const general_name_alts[] = {
	"otherName", "rfc822Name", "dNSName", "x400Address", "directoryName", "ediPartyName",
	"uniformResourceIdentifier", "iPAddress", "registeredID",
};

/* One GeneralName (e, a context-tagged alternative) as choice field fi; named: the
 * choice's label names the alternative ("GeneralName: dNSName (2)"), else only its
 * index ("accessLocation: 6"). */
static void general_name(struct x5 *x, uint32_t parent, int fi, const struct der *e, int named)
{
	uint32_t tag = e->id & 0x1f, ch;
	char summary[NAME_TEXT];
	struct cur c;
	struct der inner;

	if ((e->id & 0xc0) != 0x80 || tag >= NELEM(general_name_alts)) {
		x->bad = 1;
		return;
	}
	ch = tree_add_uint(x->t, parent, &fields[fi], e->start, der_total(e), tag);
	if (named)
		tree_label(x->t, ch, "%s: %s (%u)", fields[fi].name, general_name_alts[tag], tag);
	else
		tree_label(x->t, ch, "%s: %u", fields[fi].name, tag);
	switch (tag) {
	case 1:
		add_string(x, ch, CE_RFC822, e);
		break;
	case 2:
		add_string(x, ch, CE_DNS, e);
		break;
	case 6:
		add_string(x, ch, CE_URI, e);
		break;
	case 4:
		c = e->v;
		if (want(x, &c, DER_SEQ, &inner))
			rdn_sequence(x, ch, CE_DIRNAME, IF_RDNSEQ, &inner, summary, sizeof(summary));
		break;
	case 7: {
		uint32_t n = tree_add_bytes(x->t, ch, &fields[CE_IPADDR], e->off, e->len, e->v.p,
		    e->len);
		char ip[64];
		if (n && e->len == 4)
			fv_ipv4(e->v.p, ip, sizeof(ip));
		else if (n && e->len == 16)
			fv_ipv6(e->v.p, ip, sizeof(ip));
		else
			break;
		tree_label(x->t, n, "%s: %s", fields[CE_IPADDR].name, ip);
		break;
	}
	case 8:
		add_oid(x, ch, CE_REGISTERED_ID, e, NULL, 0);
		break;
	case 0: {
		uint32_t on = tree_add(x->t, ch, &fields[CE_OTHER_NAME], e->off, e->len);
		char tname[200];
		c = e->v;
		if (!want(x, &c, DER_OID, &inner))
			break;
		add_oid(x, on, CE_TYPE_ID, &inner, tname, sizeof(tname));
		if (!strcmp(tname, "id-ms-user-principal-name") && peek_is(&c, 0xa0) &&
		    der_get(&c, &inner)) {
			struct cur u = inner.v;
			struct der s;
			pi_push_proto(x->d->pi, "x509sat");
			if (der_get(&u, &s) && s.id == DER_UTF8)
				add_string(x, on, SAT_UTF8_VALUE, &s);
		}
		break;
	}
	default:
		break;
	}
}

/* GeneralNames (v: the contents of the SEQUENCE OF) under an "fi: N items" node over e. */
static void general_names(struct x5 *x, uint32_t parent, int fi, const struct der *e)
{
	uint32_t node = add_items(x, parent, fi, e, der_count(e->v));
	struct cur c = e->v;
	struct der gn;

	while (cur_left(&c) && !x->bad && der_get(&c, &gn))
		general_name(x, node, CE_GENERAL_NAME, &gn, 1);
}

/* ---- extensions: each decodes the contents of extnValue (v) under the Extension ---- */

static void ext_key_usage(struct x5 *x, uint32_t ext, struct cur *v)
{
	struct der bits;
	static const int bit_fields[] = { CE_KU_DS, CE_KU_CC, CE_KU_KE, CE_KU_DE, CE_KU_KA,
		CE_KU_KCS, CE_KU_CRL, CE_KU_EO };

	if (!want(x, v, DER_BITS, &bits) || bits.len < 1) {
		x->bad = 1;
		return;
	}
	struct cur b = bits.v;
	uint8_t pad = cur_u8(&b);
	uint32_t n = bits.len - 1, off = bits.off + 1;
	uint8_t b0 = cur_u8(&b), b1 = cur_u8(&b);
	uint32_t ku;

	tree_add_uint(x->t, ext, &fields[BER_PADDING], bits.off, 1, pad);
	ku = tree_add_bytes(x->t, ext, &fields[CE_KEY_USAGE], off, n, bits.v.p + 1, n);
	for (size_t i = 0; i < NELEM(bit_fields); i++)
		tree_add_uint(x->t, ku, &fields[bit_fields[i]], off, 1, b0);
	tree_add_uint(x->t, ku, &fields[CE_KU_DO], n > 1 ? off + 1 : off, 1, n > 1 ? b1 : 0);
}

static void ext_ext_key_usage(struct x5 *x, uint32_t ext, struct cur *v)
{
	struct der seq, oid;

	if (!want(x, v, DER_SEQ, &seq))
		return;
	uint32_t node = add_items(x, ext, CE_KP_IDS, &seq, der_count(seq.v));
	struct cur c = seq.v;
	while (cur_left(&c) && want(x, &c, DER_OID, &oid))
		add_oid(x, node, CE_KP_ID, &oid, NULL, 0);
}

static void ext_basic_constraints(struct x5 *x, uint32_t ext, struct cur *v)
{
	struct der seq, e;

	if (!want(x, v, DER_SEQ, &seq))
		return;
	uint32_t node = tree_add(x->t, ext, &fields[CE_BASIC], seq.start, der_total(&seq));
	if (!seq.len)
		tree_label(x->t, node, "%s [0 length]", fields[CE_BASIC].name);
	struct cur c = seq.v;
	if (peek_is(&c, DER_BOOL) && der_get(&c, &e)) {
		struct cur b = e.v;
		tree_add_uint(x->t, node, &fields[CE_CA], e.off, e.len, cur_u8(&b) != 0);
	}
	if (peek_is(&c, DER_INT) && der_get(&c, &e)) {
		struct cur b = e.v;
		tree_add_uint(x->t, node, &fields[CE_PATHLEN], e.off, e.len,
		    cur_uint_n(&b, e.len <= 8 ? e.len : 8, 0));
	}
}

static void ext_ski(struct x5 *x, uint32_t ext, struct cur *v)
{
	struct der e;

	if (want(x, v, DER_OCTETS, &e))
		tree_add_bytes(x->t, ext, &fields[CE_SKI], e.off, e.len, e.v.p, e.len);
}

static void ext_aki(struct x5 *x, uint32_t ext, struct cur *v)
{
	struct der seq, e;

	if (!want(x, v, DER_SEQ, &seq))
		return;
	uint32_t node = tree_add(x->t, ext, &fields[CE_AKI], seq.start, der_total(&seq));
	struct cur c = seq.v;
	while (cur_left(&c) && der_get(&c, &e)) {
		if (e.id == 0x80)
			tree_add_bytes(x->t, node, &fields[CE_KEY_ID], e.off, e.len, e.v.p, e.len);
		else if (e.id == 0xa1)
			general_names(x, node, CE_AUTH_ISSUER, &e);
		else if (e.id == 0x82)
			add_bigint(x, node, CE_AUTH_SERIAL, &e);
	}
}

static void ext_alt_names(struct x5 *x, uint32_t ext, struct cur *v)
{
	struct der seq;

	if (want(x, v, DER_SEQ, &seq))
		general_names(x, ext, CE_GENERAL_NAMES, &seq);
}

static void ext_aia(struct x5 *x, uint32_t ext, struct cur *v)
{
	struct der seq, ad, oid, loc;

	if (!want(x, v, DER_SEQ, &seq))
		return;
	uint32_t node = add_items(x, ext, IM_AIA, &seq, der_count(seq.v));
	struct cur c = seq.v;
	while (cur_left(&c) && !x->bad && want(x, &c, DER_SEQ, &ad)) {
		uint32_t n = tree_add(x->t, node, &fields[IM_ACCESS_DESC], ad.start, der_total(&ad));
		struct cur a = ad.v;
		if (!want(x, &a, DER_OID, &oid))
			return;
		add_oid(x, n, IM_ACCESS_METHOD, &oid, NULL, 0);
		if (der_get(&a, &loc))
			general_name(x, n, IM_ACCESS_LOC, &loc, 0);
	}
}

/* DisplayText's alternatives, by index. */
static const struct {
	uint8_t tag;
	int fi;
	const char *alt;
} display_alts[] = {
	{ DER_IA5, IM_IA5, "ia5String" }, { DER_VISIBLE, IM_VISIBLE, "visibleString" },
	{ DER_BMP, IM_BMP, "bmpString" }, { DER_UTF8, IM_UTF8, "utf8String" },
};

static void display_text(struct x5 *x, uint32_t parent, int fi, const struct der *e)
{
	size_t i;

	for (i = 0; i < NELEM(display_alts) && display_alts[i].tag != e->id; i++)
		;
	if (i == NELEM(display_alts))
		return;
	add_string(x, add_choice(x, parent, fi, e, (uint32_t)i, display_alts[i].alt),
	    display_alts[i].fi, e);
}

static void notice_ref(struct x5 *x, uint32_t parent, const struct der *seq)
{
	uint32_t node = tree_add(x->t, parent, &fields[IM_NOTICE_REF], seq->start, der_total(seq));
	struct cur c = seq->v;
	struct der org, nums, num;

	if (!der_get(&c, &org))
		return;
	display_text(x, node, IM_ORGANIZATION, &org);
	if (!cur_left(&c) || !want(x, &c, DER_SEQ, &nums))
		return;
	uint32_t nn = add_items(x, node, IM_NOTICE_NUMBERS, &nums, der_count(nums.v));
	struct cur n = nums.v;
	while (cur_left(&n) && want(x, &n, DER_INT, &num)) {
		struct cur iv = num.v;
		tree_add_int(x->t, nn, &fields[IM_NOTICE_NUMBER], num.off, num.len,
		    (int64_t)(int32_t)cur_uint_n(&iv, num.len <= 4 ? num.len : 4, 0));
	}
}

static void ext_policies(struct x5 *x, uint32_t ext, struct cur *v)
{
	struct der seq, pi, oid, quals, q, qid, val;
	char qname[200];

	if (!want(x, v, DER_SEQ, &seq))
		return;
	uint32_t node = add_items(x, ext, CE_POLICIES, &seq, der_count(seq.v));
	struct cur c = seq.v;
	while (cur_left(&c) && !x->bad && want(x, &c, DER_SEQ, &pi)) {
		uint32_t pn = tree_add(x->t, node, &fields[CE_POLICY_INFO], pi.start, der_total(&pi));
		struct cur p = pi.v;
		if (!want(x, &p, DER_OID, &oid))
			return;
		add_oid(x, pn, CE_POLICY_ID, &oid, NULL, 0);
		if (!cur_left(&p) || !want(x, &p, DER_SEQ, &quals))
			continue;
		uint32_t qn = add_items(x, pn, CE_POLICY_QUALS, &quals, der_count(quals.v));
		struct cur qc = quals.v;
		while (cur_left(&qc) && !x->bad && want(x, &qc, DER_SEQ, &q)) {
			uint32_t qi = tree_add(x->t, qn, &fields[CE_POLICY_QUAL], q.start, der_total(&q));
			struct cur qv = q.v;
			if (!want(x, &qv, DER_OID, &qid))
				return;
			add_oid(x, qi, CE_QUAL_ID, &qid, qname, sizeof(qname));
			if (!cur_left(&qv) || !der_get(&qv, &val))
				continue;
			if (!strcmp(qname, "id-qt-cps")) {
				pi_push_proto(x->d->pi, "pkix1explicit");
				add_string(x, qi, EX_DIRSTR, &val);
			} else if (!strcmp(qname, "id-qt-unotice") && val.id == DER_SEQ) {
				pi_push_proto(x->d->pi, "pkix1implicit");
				uint32_t un = tree_add(x->t, qi, &fields[IM_USER_NOTICE], val.start,
				    der_total(&val));
				struct cur u = val.v;
				struct der t;
				while (cur_left(&u) && der_get(&u, &t))
					if (t.id != DER_SEQ)
						display_text(x, un, IM_EXPLICIT_TEXT, &t);
					else
						notice_ref(x, un, &t);
			}
		}
	}
}

static void ext_crl_dp(struct x5 *x, uint32_t ext, struct cur *v)
{
	struct der seq, dp, e, name;

	if (!want(x, v, DER_SEQ, &seq))
		return;
	uint32_t node = add_items(x, ext, CE_CRLDP, &seq, der_count(seq.v));
	struct cur c = seq.v;
	while (cur_left(&c) && !x->bad && want(x, &c, DER_SEQ, &dp)) {
		uint32_t dn = tree_add(x->t, node, &fields[CE_DP], dp.start, der_total(&dp));
		struct cur d = dp.v;
		while (cur_left(&d) && der_get(&d, &e)) {
			if (e.id != 0xa0)
				continue;
			struct cur n = e.v;
			if (!der_get(&n, &name))
				break;
			if (name.id == 0xa0)
				general_names(x, add_choice(x, dn, CE_DP_NAME, &e, 0, "fullName"),
				    CE_FULLNAME, &name);
		}
	}
}

/* The SCT list (RFC 6962 §3.3), TLS-encoded inside an OCTET STRING. */
static void ext_sct_list(struct x5 *x, uint32_t ext, struct cur *v)
{
	struct der os;
	struct dtree *t = x->t;

	if (!want(x, v, DER_OCTETS, &os))
		return;
	struct cur c = os.v;
	uint32_t off = cur_off(&c);
	uint16_t total = cur_be16(&c);
	if (!cur_ok(&c))
		return;
	tree_add_uint(t, ext, &fields[SCT_LIST_LEN], off, 2, total);
	struct cur list = cur_sub(&c, total, NULL);
	while (cur_left(&list) >= 2) {
		uint32_t so = cur_off(&list);
		uint16_t sl = cur_be16(&list);
		struct cur s = cur_sub(&list, sl, NULL);
		cur_skip(&list, sl);
		struct cur lc = cur_at(&s, 1);
		const uint8_t *logid = cur_ptr(&lc, 32);
		const char *log = "Unknown Log";
		char hex[72];
		uint32_t node;

		if (!logid)
			break;
		hex_label(hex, sizeof(hex), logid, 32, 32);
		for (const struct oid_name *l = ct_logs; l->oid; l++)
			if (!strcmp(l->oid, hex))
				log = l->name;
		node = tree_add_text(t, ext, so, 2u + sl, "Signed Certificate Timestamp (%s)", log);
		tree_add_uint(t, node, &fields[SCT_LEN], so, 2, sl);
		uint32_t o = cur_off(&s);
		tree_add_uint(t, node, &fields[SCT_VERSION], o, 1, cur_u8(&s));
		tree_add_bytes(t, node, &fields[SCT_LOGID], o + 1, 32, logid, 32);
		cur_skip(&s, 32);
		uint64_t ms = cur_be64(&s);
		tree_add_time(t, node, &fields[SCT_TIME], o + 33, 8, (int64_t)(ms * 1000000u));
		uint16_t el = cur_be16(&s);
		tree_add_uint(t, node, &fields[SCT_EXT_LEN], o + 41, 2, el);
		cur_skip(&s, el);
		o = cur_off(&s);
		tls_sigalg(t, node, &s);
		if (!cur_ok(&s))
			break;
		uint16_t sgl = cur_be16(&s);
		tree_add_uint(t, node, &fields[SCT_SIG_LEN], o + 2, 2, sgl);
		const uint8_t *sig = cur_ptr(&s, sgl);
		if (!sig)
			break;
		tree_add_bytes(t, node, &fields[SCT_SIG], o + 4, sgl, sig, sgl);
	}
}

/* A named BIT STRING: Padding, the bits as bytes (fi), one flag per field of bitf. */
static void named_bits(struct x5 *x, uint32_t ext, struct cur *v, int fi, const int *bitf,
    size_t nbits)
{
	struct der bits;

	if (!want(x, v, DER_BITS, &bits) || bits.len < 1) {
		x->bad = 1;
		return;
	}
	struct cur b = bits.v;
	uint8_t pad = cur_u8(&b), b0 = cur_u8(&b);
	uint32_t n = bits.len - 1, off = bits.off + 1;

	tree_add_uint(x->t, ext, &fields[BER_PADDING], bits.off, 1, pad);
	uint32_t node = tree_add_bytes(x->t, ext, &fields[fi], off, n, bits.v.p + 1, n);
	for (size_t i = 0; i < nbits; i++)
		tree_add_uint(x->t, node, &fields[bitf[i]], off, 1, b0);
}

static void ext_ns_cert_type(struct x5 *x, uint32_t ext, struct cur *v)
{
	static const int bitf[] = { NS_CT_CLIENT, NS_CT_SERVER, NS_CT_SMIME, NS_CT_OBJSIGN,
		NS_CT_RESERVED, NS_CT_SSL_CA, NS_CT_SMIME_CA, NS_CT_OBJSIGN_CA };

	named_bits(x, ext, v, NS_CERT_TYPE, bitf, NELEM(bitf));
}

static void ext_template(struct x5 *x, uint32_t ext, struct cur *v)
{
	struct der seq, e;

	if (!want(x, v, DER_SEQ, &seq))
		return;
	uint32_t node = tree_add(x->t, ext, &fields[CE_TEMPLATE], seq.start, der_total(&seq));
	struct cur c = seq.v;
	if (!want(x, &c, DER_OID, &e))
		return;
	add_oid(x, node, CE_TEMPLATE_ID, &e, NULL, 0);
	for (int fi = CE_TEMPLATE_MAJOR; fi <= CE_TEMPLATE_MINOR && cur_left(&c); fi++) {
		if (!want(x, &c, DER_INT, &e))
			return;
		struct cur iv = e.v;
		tree_add_int(x->t, node, &fields[fi], e.off, e.len,
		    (int64_t)(int32_t)cur_uint_n(&iv, e.len <= 4 ? e.len : 4, 0));
	}
}

static void ext_pkup(struct x5 *x, uint32_t ext, struct cur *v)
{
	struct der seq, e;

	if (!want(x, v, DER_SEQ, &seq))
		return;
	uint32_t node = tree_add(x->t, ext, &fields[CE_PKUP], seq.start, der_total(&seq));
	struct cur c = seq.v;
	while (cur_left(&c) && der_get(&c, &e))
		if (e.id == 0x80 || e.id == 0x81)
			tree_add_time(x->t, node, &fields[e.id == 0x80 ? CE_PKUP_BEFORE : CE_PKUP_AFTER],
			    e.off, e.len, gentime_ns(&e));
}

static void ext_entrust(struct x5 *x, uint32_t ext, struct cur *v)
{
	static const int bitf[] = { CE_EF_KEY_UPDATE, CE_EF_NEW_EXT, CE_EF_PKIX, CE_EF_ENTERPRISE,
		CE_EF_WEB, CE_EF_SET };
	struct der seq, e;

	if (!want(x, v, DER_SEQ, &seq))
		return;
	uint32_t node = tree_add(x->t, ext, &fields[CE_ENTRUST], seq.start, der_total(&seq));
	struct cur c = seq.v;
	if (!der_get(&c, &e))
		return;
	add_string(x, node, CE_ENTRUST_VERS, &e);
	if (peek_is(&c, DER_BITS))
		named_bits(x, node, &c, CE_ENTRUST_FLAGS, bitf, NELEM(bitf));
}

/* LogotypeImage (RFC 3709): imageDetails { mediaType, logotypeHash, logotypeURI }. */
static void logotype_image(struct x5 *x, uint32_t parent, const struct der *img)
{
	uint32_t in = tree_add(x->t, parent, &fields[LG_IMAGE_ELEM], img->start, der_total(img));
	struct cur c = img->v, dc, hc, uc;
	struct der det, e, hashes, h, alg, val, uris;
	struct cur params;
	char name[200];

	if (!want(x, &c, DER_SEQ, &det))
		return;
	uint32_t dn = tree_add(x->t, in, &fields[LG_DETAILS], det.start, der_total(&det));
	dc = det.v;
	if (!want(x, &dc, DER_IA5, &e))
		return;
	add_string(x, dn, LG_MEDIA, &e);
	if (!want(x, &dc, DER_SEQ, &hashes))
		return;
	uint32_t hn = add_items(x, dn, LG_HASHES, &hashes, der_count(hashes.v));
	hc = hashes.v;
	while (cur_left(&hc) && !x->bad && want(x, &hc, DER_SEQ, &h)) {
		uint32_t n = tree_add(x->t, hn, &fields[LG_HASH], h.start, der_total(&h));
		struct cur a = h.v;
		if (!want(x, &a, DER_SEQ, &alg))
			return;
		alg_id(x, n, LG_HASH_ALG, &alg, name, sizeof(name), &params);
		if (want(x, &a, DER_OCTETS, &val))
			tree_add_bytes(x->t, n, &fields[LG_HASH_VALUE], val.off, val.len, val.v.p, val.len);
	}
	if (!want(x, &dc, DER_SEQ, &uris))
		return;
	uint32_t un = add_items(x, dn, LG_URIS, &uris, der_count(uris.v));
	uc = uris.v;
	while (cur_left(&uc) && want(x, &uc, DER_IA5, &e))
		add_string(x, un, LG_URI, &e);
}

/* LogotypeExtn: the issuer's logo when given directly (the form certificates carry). */
static void ext_logotype(struct x5 *x, uint32_t ext, struct cur *v)
{
	struct der seq, e, d, img, im;

	if (!want(x, v, DER_SEQ, &seq))
		return;
	uint32_t node = tree_add(x->t, ext, &fields[LG_EXTN], seq.start, der_total(&seq));
	struct cur c = seq.v;
	while (cur_left(&c) && !x->bad && der_get(&c, &e)) {
		if (e.id != 0xa1)
			continue;
		struct cur ic = e.v;
		if (!der_get(&ic, &d) || d.id != 0xa0)
			return;
		uint32_t ch = add_choice(x, node, LG_ISSUER, &e, 0, "direct");
		uint32_t dn = tree_add(x->t, ch, &fields[LG_DIRECT], d.start, der_total(&d));
		struct cur dc = d.v;
		if (!want(x, &dc, DER_SEQ, &img))
			return;
		uint32_t imn = add_items(x, dn, LG_IMAGE, &img, der_count(img.v));
		struct cur ii = img.v;
		while (cur_left(&ii) && !x->bad && want(x, &ii, DER_SEQ, &im))
			logotype_image(x, imn, &im);
	}
}

/* Extensions whose value is one simple element, shown as field fi. */
static const struct {
	const char *oid;
	uint8_t id;
	int fi;
	const char *proto;
} ext_simple[] = {
	{ "1.3.6.1.4.1.311.21.1", DER_INT, SAT_INTEGER, "x509sat" },
	{ "1.3.6.1.4.1.311.21.2", DER_OCTETS, SAT_OCTETS, "x509sat" },
	{ "1.3.6.1.4.1.311.20.2", DER_BMP, SAT_BMP_VALUE, "x509sat" },
	{ "2.16.840.1.113730.1.13", DER_IA5, NS_COMMENT, "ns_cert_exts" },
};

/* Extensions by OID: the decoder, and the protocol tshark names for it in frame.protocols. */
static const struct {
	const char *oid;
	void (*fn)(struct x5 *x, uint32_t ext, struct cur *v);
	const char *proto;
} ext_decoders[] = {
	{ "1.2.840.113533.7.65.0", ext_entrust, "x509ce" },
	{ "1.3.6.1.5.5.7.1.12", ext_logotype, "logotypecertextn" },
	{ "2.16.840.1.113730.1.1", ext_ns_cert_type, "ns_cert_exts" },
	{ "1.3.6.1.4.1.311.21.7", ext_template, "x509ce" }, { "2.5.29.16", ext_pkup, "x509ce" },
	{ "2.5.29.15", ext_key_usage, "x509ce" }, { "2.5.29.37", ext_ext_key_usage, "x509ce" },
	{ "2.5.29.19", ext_basic_constraints, "x509ce" }, { "2.5.29.14", ext_ski, "x509ce" },
	{ "2.5.29.35", ext_aki, "x509ce" }, { "2.5.29.17", ext_alt_names, "x509ce" },
	{ "2.5.29.18", ext_alt_names, "x509ce" }, { "1.3.6.1.5.5.7.1.1", ext_aia, "pkix1implicit" },
	{ "2.5.29.32", ext_policies, "x509ce" }, { "1.3.6.1.4.1.311.21.10", ext_policies, "x509ce" },
	{ "2.5.29.31", ext_crl_dp, "x509ce" }, { "1.3.6.1.4.1.11129.2.4.2", ext_sct_list, "tls" },
};

static void extension(struct x5 *x, uint32_t parent, const struct der *seq)
{
	uint32_t node = tree_add(x->t, parent, &fields[AF_EXTENSION], seq->start, der_total(seq));
	struct cur c = seq->v;
	struct der oid, e;
	char name[200], dotted[160];
	size_t i;

	if (!want(x, &c, DER_OID, &oid))
		return;
	add_oid(x, node, AF_EXT_ID, &oid, name, sizeof(name));
	tree_label(x->t, node, "%s (%s)", fields[AF_EXTENSION].name, name);
	oid_dotted(&oid, dotted, sizeof(dotted));
	if (peek_is(&c, DER_BOOL) && der_get(&c, &e)) {
		struct cur b = e.v;
		tree_add_uint(x->t, node, &fields[AF_CRITICAL], e.off, e.len, cur_u8(&b) != 0);
	}
	if (!want(x, &c, DER_OCTETS, &e))
		return;
	for (i = 0; i < NELEM(ext_decoders) && strcmp(ext_decoders[i].oid, dotted); i++)
		;
	if (i < NELEM(ext_decoders)) {
		struct cur v = e.v;
		pi_push_proto(x->d->pi, ext_decoders[i].proto);
		ext_decoders[i].fn(x, node, &v);
		return;
	}
	for (i = 0; i < NELEM(ext_simple); i++) {
		struct cur v = e.v;
		struct der val;
		if (strcmp(ext_simple[i].oid, dotted) != 0)
			continue;
		pi_push_proto(x->d->pi, ext_simple[i].proto);
		if (!der_get(&v, &val) || val.id != ext_simple[i].id)
			return;
		if (val.id == DER_INT) {
			struct cur iv = val.v;
			tree_add_int(x->t, node, &fields[ext_simple[i].fi], val.off, val.len,
			    (int64_t)(int32_t)cur_uint_n(&iv, val.len <= 4 ? val.len : 4, 0));
		} else if (val.id == DER_OCTETS)
			tree_add_bytes(x->t, node, &fields[ext_simple[i].fi], val.off, val.len,
			    val.v.p, val.len);
		else
			add_string(x, node, ext_simple[i].fi, &val);
		return;
	}
	if (strncmp(dotted, "2.5.29.", 7) != 0)
		return;		/* tshark shows nothing for these */
	uint32_t u = tree_add(x->t, node, &fields[BER_UNKNOWN_OID], e.off, e.len);
	dissect_expert(x->d, u, NULL, SEV_WARN, "Undecoded", fields[BER_UNKNOWN_OID].name);
}

/* ---- the certificate ---- */

void x509_certificate(struct dctx *d, uint32_t node, struct cur *c, char *subj, size_t subj_size)
{
	struct x5 x = { d, d->tree, 0 };
	struct der cert, tbs, e, alg;
	struct cur cc, tc, params;
	char name[200], issuer[NAME_TEXT];
	uint32_t sn;

	if (subj_size)
		subj[0] = '\0';
	if (!want(&x, c, DER_SEQ, &cert))
		goto out;
	cc = cert.v;
	if (!want(&x, &cc, DER_SEQ, &tbs))
		goto out;
	sn = tree_add(x.t, node, &fields[AF_SIGNED], tbs.start, der_total(&tbs));
	tc = tbs.v;
	if (peek_is(&tc, 0xa0) && der_get(&tc, &e)) {
		struct der ver;
		struct cur vc = e.v;
		if (want(&x, &vc, DER_INT, &ver)) {
			struct cur vv = ver.v;
			tree_add_int(x.t, sn, &fields[AF_VERSION], ver.off, ver.len,
			    (int64_t)cur_uint_n(&vv, ver.len <= 4 ? ver.len : 4, 0));
		}
	}
	if (!want(&x, &tc, DER_INT, &e))
		goto out;
	add_bigint(&x, sn, AF_SERIAL, &e);
	if (!want(&x, &tc, DER_SEQ, &alg))
		goto out;
	alg_id(&x, sn, AF_SIGNATURE, &alg, name, sizeof(name), &params);
	if (!want(&x, &tc, DER_SEQ, &e))
		goto out;
	rdn_sequence(&x, sn, AF_ISSUER, IF_RDNSEQ, &e, issuer, sizeof(issuer));
	if (x.bad || !want(&x, &tc, DER_SEQ, &e))
		goto out;
	{
		uint32_t vn = tree_add(x.t, sn, &fields[AF_VALIDITY], e.start, der_total(&e));
		struct cur vc = e.v;
		time_choice(&x, vn, AF_NOT_BEFORE, &vc);
		time_choice(&x, vn, AF_NOT_AFTER, &vc);
	}
	if (x.bad || !want(&x, &tc, DER_SEQ, &e))
		goto out;
	rdn_sequence(&x, sn, AF_SUBJECT, AF_RDNSEQ, &e, subj, subj_size);
	if (x.bad || !want(&x, &tc, DER_SEQ, &e))
		goto out;
	spki(&x, sn, &e);
	while (!x.bad && cur_left(&tc) && der_get(&tc, &e)) {
		if (e.id == 0x81 || e.id == 0x82)
			tree_add_bytes(x.t, sn, &fields[e.id == 0x81 ? AF_ISSUER_UID : AF_SUBJECT_UID],
			    e.off, e.len, e.v.p, e.len);
		else if (e.id == 0xa3) {
			struct cur ec = e.v;
			struct der seq, ext;
			if (!want(&x, &ec, DER_SEQ, &seq))
				break;
			uint32_t en = add_items(&x, sn, AF_EXTENSIONS, &seq, der_count(seq.v));
			struct cur xc = seq.v;
			while (cur_left(&xc) && !x.bad && want(&x, &xc, DER_SEQ, &ext))
				extension(&x, en, &ext);
		}
	}
	if (x.bad || !want(&x, &cc, DER_SEQ, &alg))
		goto out;
	alg_id(&x, node, AF_ALGID_ELEM, &alg, name, sizeof(name), &params);
	if (!want(&x, &cc, DER_BITS, &e) || e.len < 1) {
		x.bad = 1;
		goto out;
	}
	{
		struct cur bc = e.v;
		tree_add_uint(x.t, node, &fields[BER_PADDING], e.off, 1, cur_u8(&bc));
		tree_add_bytes(x.t, node, &fields[AF_ENCRYPTED], e.off + 1, e.len - 1, bc.p,
		    e.len - 1);
	}
out:
	if (x.bad)
		x509_exception(d, node);
}
