/* protos.h — entry points and field tables of the protocol dissectors.
 *
 * Each protocol file (eth.c, ipv4.c, tcp.c …) registers itself (struct proto_reg,
 * dissect.h: its field table and hand-offs) and registry_tables.c lists the
 * registrations.  A new protocol needs nothing here: its file, one line in that list,
 * its Makemodule.am line and its tests.  What is declared here is what other files
 * still call directly (a link layer calling LLC, ICMP quoting IP …) or existing
 * dissectors' prototypes.
 */
#ifndef NETLAB_PROTOS_H
#define NETLAB_PROTOS_H

#include "dissect/dissect.h"

/* link layers */
void dissect_llc(struct dctx *d, struct cur *c, uint32_t parent);
/* Ethernet padding (to 60 bytes), trailer and (fcs: guessed as tshark does for an
 * Ethernet II frame, not under 802.1Q) FCS after what the network layer claimed
 * (d->payload_used), shown under `node`; clears payload_used_set (the innermost link
 * layer accounts for the network layer's length, trailer or not).  `c` is
 * the cursor at the start of the link payload. */
/* HTML form data (urlencoded.c): an HTTP body of that media type (the type's name for
 * the label), c at its first byte. */
void dissect_urlencoded(struct dctx *d, struct cur *c, uint32_t parent, const char *media);
void eth_add_trailer(struct dctx *d, uint32_t node, const struct cur *c,
    const struct field_def *trailer, int fcs);
/* 802.11 (ieee80211.c, wlan_radio.c, ieee80211_tags.c): what a capture header such as
 * radiotap recorded about the frame at c; wlan_radio shows it, then the frame follows. */
struct ieee80211_radio {
	int has_tsft, has_rate, has_chan, has_dbm_sig, has_dbm_noise, has_db_sig;
	int short_preamble, fcs;	/* fcs: the frame ends in its 4-byte FCS */
	uint64_t tsft;
	uint8_t rate, db_sig;		/* rate in 500 kbit/s */
	int8_t dbm_sig, dbm_noise;
	uint16_t freq, chflags;		/* radiotap channel flags */
};
void ieee80211_radio(struct dctx *d, struct cur *c, const struct ieee80211_radio *r);
void ieee80211_frame(struct dctx *d, struct cur *c, uint32_t parent, int fcs);
/* The wlan.mgt node over the management body at c. */
uint32_t ieee80211_mgt_node(struct dctx *d, const struct cur *c, uint32_t parent);
/* The tagged elements of a management body, under the wlan.mgt node mgt. */
void ieee80211_tags(struct dctx *d, struct cur *c, uint32_t mgt);
/* network layers */
void dissect_ppp(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_chdlc(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_mpls(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_ipv4(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_ipv6(struct dctx *d, struct cur *c, uint32_t parent);
/* transport and above */
void dissect_tcp(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_stp(struct dctx *d, struct cur *c, uint32_t parent, int pvst);
/* Image bodies (HTTP media): c covers the whole body, offsets relative to its data
 * source; each adds its protocol at top level and consumes c. */
void dissect_png(struct dctx *d, struct cur *c);
void dissect_gif(struct dctx *d, struct cur *c);
void dissect_jfif(struct dctx *d, struct cur *c);
/* Is the body one the image dissector takes, as tshark's decides (20 bytes at least
 * and the signature: PNG's 8 bytes; "GIF87a" or "GIF89a"; SOI then APP0 "JFIF" or
 * APP1 "Exif")? */
int png_is_image(const struct cur *c);
int gif_is_image(const struct cur *c);
int jfif_is_image(const struct cur *c);
void dissect_cdp(struct dctx *d, struct cur *c, uint32_t parent);
/* The IP packet quoted in an ICMP/ICMPv6 error, dissected under `parent` with the outer
 * packet's columns, addresses and ports kept. */
void icmp_quoted(struct dctx *d, struct cur *c, uint32_t parent, int v6);
/* Echo request/reply matching (icmp_echo.c): appends "(request in N)" … to Info and
 * adds f[0] response frame, f[1] request frame, f[2] no response, f[3] response time
 * (ms) under node.  cksum, id and seq as on the wire. */
void icmp_echo_track(struct dctx *d, uint32_t node, int v6, int reply, uint16_t cksum,
    uint16_t id, uint16_t seq, const struct field_def *const f[4]);
/* IP reassembly (ipfrag.c): a datagram is (version, source, destination, id). */
struct ipfrag_key {
	int v6;
	uint8_t src[16], dst[16];
	uint32_t id;
};
/* The fragment `data` at byte off of datagram k (more: more fragments follow).  1
 * when it completed the datagram: the fragments item is under node, the "Reassembled
 * IPvX" source is current (the caller goes back to the frame's, source 0, when done)
 * and *out covers the datagram's payload; 0 otherwise (or without a session). */
int ipfrag_add(struct dctx *d, const struct ipfrag_key *k, uint32_t off, int more,
    const struct cur *data, uint32_t node, struct cur *out);
struct ipfrag *ipfrag_new(int keep_results);
void ipfrag_free(struct ipfrag *f);

/* DNS request/response matching (dns_trans.c): what a message shows, recorded in the
 * first pass and shown again on revisits; kind DNS_M_NONE without a session. */
enum { DNS_M_NONE, DNS_M_REQUEST_IN, DNS_M_RETRANS_REQ, DNS_M_RETRANS_RESP, DNS_M_UNSOLICITED };
struct dns_match {
	int kind;
	uint32_t frame;		/* the request (REQUEST_IN, RETRANS_REQ) or first response */
	int64_t delta;		/* REQUEST_IN: ns since the request */
};
/* multi: the query asks for many responses (zone transfer). */
void dns_trans_track(struct dctx *d, uint16_t id, int resp, int multi, struct dns_match *m);

extern const struct val_str etype_vals[], ipproto_vals[], checksum_status_vals[];
/* IPv4 DS field and IPv6 traffic class (ipv4.c): names as in the tree, short forms */
extern const struct val_str ip_dscp_vals[], ip_dscp_short[], ip_ecn_vals[], ip_ecn_short[];
/* ip.version, which IPv6 also adds (hidden), as Wireshark does. */
extern const struct field_def *const ip_version_field;

#endif
