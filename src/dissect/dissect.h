/* dissect.h — dissection context, packet info, columns and dispatch tables.
 *
 * dissect_frame() runs the link-layer dissector for a frame and follows the dispatch
 * tables (link type → ethertype → IP protocol → ports).  It fills struct pinfo
 * (addresses, ports, Protocol and Info columns, frame.protocols) and, when a tree is
 * given, the field tree.  Stateful analysis (TCP streams, reassembly) lives in the
 * session; on the first pass over a capture it is computed and recorded, on later
 * visits of the same frame (TUI) the recorded result is used.
 */
#ifndef NETLAB_DISSECT_H
#define NETLAB_DISSECT_H

#include <stdint.h>
#include "cursor.h"
#include "tree.h"

/* AT_NA: a link without addresses whose columns say "N/A" (PPP, Cisco HDLC).
 * AT_ETHER_RA, _TA: an 802.11 control frame's receiver or transmitter, shown as
 * tshark shows them ("00:11:22:33:44:55 (RA)"). */
enum addr_type { AT_NONE, AT_ETHER, AT_IPv4, AT_IPv6, AT_NA, AT_ETHER_RA, AT_ETHER_TA };

struct address {
	uint8_t type;		/* enum addr_type */
	uint8_t a[16];
};

enum port_type { PT_NONE, PT_TCP, PT_UDP };

#define PI_MAX_PROTOS 160
#define PI_INFO_MAX 4096	/* tshark's COL_MAX_INFO_LEN */

struct session;			/* analysis state of one capture, dissect/session.h */

struct pinfo {
	uint32_t num;			/* frame number, from 1 */
	int64_t ts;			/* capture time, ns since the epoch */
	int64_t rel_ts;			/* since the first frame */
	int64_t delta_ts;		/* since the previous captured frame */
	int64_t delta_disp_ts;		/* since the previous displayed frame (-Y), 0 for the first */
	uint32_t caplen, len;
	int linktype;
	uint32_t ifid;
	const char *ifname;		/* may be NULL */
	const char *ifdescr;		/* the interface's description, may be NULL */
	uint32_t section;		/* pcapng section, from 1; 0: pcap */
	int time_digits;		/* decimals of the Time column: the interface's */
	int if_known;			/* the file records interfaces (pcapng) */
	/* The record's pcapng options (comments, flags, drop count...): code, length,
	 * value padded to 32 bits, in the file's byte order (opts_swap: not ours). */
	const uint8_t *opts;
	uint32_t opts_len;
	int opts_swap;
	int no_ts;			/* the record has no time stamp (CAPFILE_REC_NO_TS): the
					 * time fields and the Time column stay empty */
	/* A pcapng block listed as a frame (LINKTYPE_PCAPNG_BLOCK): its 12-byte
	 * header (type, length, PEN), set by dissect_frame; the frame is what follows. */
	const uint8_t *block;
	int visited;			/* frame already seen by the analysis (TUI revisit) */
	uint32_t serial;		/* counts dissect_frame calls (frame_state_get) */

	struct address dl_src, dl_dst, net_src, net_dst;
	enum port_type ptype;
	uint16_t srcport, dstport;
	uint16_t tcp_flags;		/* of the (outer) TCP header, 0 when none */
	uint32_t tcp_seglen;		/* its payload length */
	/* The tcp.stream or udp.stream of the (last) transport header the analysis
	 * numbered, for the conversation table; stream_ptype PT_NONE when none. */
	enum port_type stream_ptype;
	uint32_t stream;

	const char *protos[PI_MAX_PROTOS];	/* frame.protocols chain */
	int nprotos;

	int want_cols;			/* format the Info column */
	const char *proto_col;		/* Protocol column (static string, or proto_hex) */
	char proto_hex[8];		/* "0xNNNN": a protocol number as the Protocol column */
	char info[PI_INFO_MAX];		/* Info column, NUL-terminated, already escaped */
	int info_len;
	int info_fence;			/* col_clear keeps text before the fence */

	uint8_t ip_ttl;			/* TTL / hop limit of the last IP header (ICMP Info) */
	int in_error;			/* dissecting the packet quoted inside an ICMP error */
	int ip_fragment;		/* an IP fragment (ipfrag.c keeps it for a later frame) */

	int malformed;			/* a layer was malformed */
	const char *malformed_proto;
};

struct dctx {
	struct dtree *tree;		/* NULL: no tree wanted */
	struct pinfo *pi;
	struct session *sess;		/* NULL: no stateful analysis */
	/* IP reassembly: kept even when sess is NULL, since whether a fragmented datagram
	 * carries UDP or TCP at all depends on it (sess->frag; NULL: none). */
	struct ipfrag *frag;
	const uint8_t *frame;
	/* Set by a network layer to the bytes of its link payload that its header claims
	 * (IPv4 total length…), so the link layer can show padding and trailers. */
	uint32_t payload_used;
	int payload_used_set;
	/* Set by IPv4/IPv6 before handing their payload up: the bytes of it the header
	 * declares (and the frame reports) that were not captured, for TCP's length. */
	uint32_t payload_cut;
	/* The first fragment of a datagram that could not be reassembled (its bytes not
	 * all there) is dissected as it is: tshark's pinfo->fragmented.  A read past its
	 * data is then "Unreassembled Packet", not a malformed one. */
	int fragmented;
	/* Skip the payload dissectors above TCP and UDP: nothing the caller wants depends
	 * on them (reg_headers_only).  The TCP analysis still runs. */
	int headers_only;
};

/* An unsigned big-endian field of n bytes read at c (and c moved past it); 0, with
 * nothing read or added, when c holds fewer (where tshark's exception comes). */
static inline int dissect_add_be(struct dtree *t, uint32_t node, const struct field_def *f,
    struct cur *c, size_t n)
{
	uint32_t off = cur_off(c);

	if (!cur_has(c, n))
		return 0;
	tree_add_uint(t, node, f, off, (uint32_t)n, cur_uint_n(c, n, 0));
	return 1;
}

/* Bytes the frame reports beyond the end of c (cut by the snapshot length): the
 * frame's cut when c ends where the captured frame does, else 0. */
static inline uint32_t dissect_cut_after(const struct dctx *d, const struct cur *c)
{
	return d->frame && c->end == d->frame + d->pi->caplen && d->pi->len > d->pi->caplen ?
	    d->pi->len - d->pi->caplen : 0;
}

/* A dissector takes the cursor at its first byte and adds its tree under `parent`:
 * 0 for a top-level protocol (the usual case: Wireshark's tree is flat), a node when
 * the protocol is shown inside another (an IP packet quoted in ICMP, a pcapng block's
 * frame node, data inside ICMP echo).  Every dissector hangs its layer's node (and any
 * sibling layer it adds, PPP after PPPoE) under `parent`, so any protocol can be nested. */
typedef void (*dissector_fn)(struct dctx *d, struct cur *c, uint32_t parent);

struct dispatch {
	uint32_t key;
	dissector_fn fn;
};

/* ---- protocol registration ----
 *
 * Each protocol file defines one struct proto_reg next to its field table: the table
 * and the hand-offs by which the layers below reach it (Wireshark's
 * dissector_add_uint and heur_dissector_add).  registry_tables.c lists every
 * registration, one line each; reg_init builds the field ids and the dispatch tables
 * from that list, in list order (heuristics are tried in that order). */
enum handoff_table {
	HO_LINK,		/* key: link type (pcap LINKTYPE_*); fn */
	HO_ETHERTYPE,		/* key: ethertype; fn */
	HO_IPPROTO,		/* key: IP protocol / IPv6 next header; fn */
	HO_UDP_PORT,		/* key: UDP port, lower port tried first; fn */
	HO_UDP_TUNNEL,		/* key: UDP port of a tunnel (VXLAN, Geneve); fn; tried even
				 * in header-only runs, whose headers may be inside */
	HO_UDP_CONV,		/* heur: a UDP conversation claimed before; tried before ports */
	HO_UDP_HEUR,		/* heur: tried when no port claimed the datagram */
	HO_TCP_PORT,		/* key: TCP port, lower port tried first; tcp */
	HO_TCP_HEUR,		/* tcp: tried when no port claimed the segment */
	HO_COUNT
};

struct tcp_payload_info;	/* dissect/tcp_payload.h */
/* Returns 1 when it dissected (or claimed) the payload, 0 to let TCP show it as data. */
typedef int (*tcp_payload_fn)(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti);
/* Returns 1 when it took the payload, 0 to leave it to the next candidate. */
typedef int (*heur_fn)(struct dctx *d, struct cur *c);

struct handoff {
	enum handoff_table table;
	uint32_t key;		/* unused for HO_*_HEUR and HO_UDP_CONV */
	dissector_fn fn;	/* HO_LINK, HO_ETHERTYPE, HO_IPPROTO, HO_UDP_PORT */
	heur_fn heur;		/* HO_UDP_CONV, HO_UDP_HEUR */
	tcp_payload_fn tcp;	/* HO_TCP_PORT, HO_TCP_HEUR */
};

struct field_table;
struct proto_reg {
	const struct field_table *fields;	/* its name is fields->fields[0].abbrev */
	const struct handoff *handoffs;
	size_t nhandoffs;
};

#define REG_PROTO(table, ho) { &(table), (ho), sizeof(ho) / sizeof((ho)[0]) }
#define REG_PROTO_TABLE(table) { &(table), NULL, 0 }

/* The registrations (registry_tables.c), in registry order. */
extern const struct proto_reg *const *reg_protocols;
extern const size_t reg_protocol_count;

/* The hand-offs registered in table t, in list order (reg_init builds them; the first
 * call initialises the registry when the caller did not). */
const struct handoff *const *dissect_handoffs(enum handoff_table t, size_t *n);
/* The dissector registered first for key in a keyed table (fn hand-offs), or NULL. */
dissector_fn dissect_lookup(enum handoff_table t, uint32_t key);
/* Runs the dissector registered in t (HO_LINK, HO_ETHERTYPE, HO_IPPROTO, HO_UDP_PORT)
 * for key; 0 when none is. */
int dissect_by(struct dctx *d, enum handoff_table t, uint32_t key, struct cur *c, uint32_t parent);

/* Entry point: frame bytes → pinfo (+ tree).  The frame outlives the call as long as
 * the tree is used.  pinfo's num, ts, rel_ts, delta_ts, caplen, len, linktype, ifid
 * and want_cols are set by the caller; the rest is filled here. */
void dissect_frame(struct dctx *d, const uint8_t *frame);

/* Dispatch helpers: run the dissector registered for key, or return 0 when none. */
int dissect_ethertype(struct dctx *d, struct cur *c, uint32_t parent, uint16_t type);
int dissect_ipproto(struct dctx *d, struct cur *c, uint32_t parent, uint8_t proto);
/* An Ethernet frame inside a tunnel (VXLAN, GRE, Geneve): a frame of its own, whose
 * link addresses are the packet's until an inner network layer sets others, and whose
 * padding and trailer are its own, not the outer Ethernet's. */
void dissect_inner_ethernet(struct dctx *d, struct cur *c, uint32_t parent);
/* Bytes nobody dissects: a "Data" node and the Data protocol. */
void dissect_data(struct dctx *d, struct cur *c, uint32_t parent);

/* frame.protocols */
void pi_push_proto(struct pinfo *pi, const char *name);

/* Columns (no-ops unless pi->want_cols, except the Protocol column) */
void col_set_proto(struct pinfo *pi, const char *proto);
/* The Protocol column as a protocol number ("0x0281"), as tshark shows an unknown one. */
void col_set_proto_hex(struct pinfo *pi, uint16_t v);
void col_clear(struct pinfo *pi);
void col_set(struct pinfo *pi, const char *s);
void col_append(struct pinfo *pi, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Puts s in front of the whole column and moves the fence past it (analysis
 * prefixes such as "[TCP Retransmission] " survive a protocol above). */
void col_prepend_fence(struct pinfo *pi, const char *s);
/* printf-free appends for the per-packet hot paths: a string; prefix then a number. */
void col_append_str(struct pinfo *pi, const char *s);
void col_append_uint(struct pinfo *pi, const char *prefix, uint64_t v);
/* Appends untrusted bytes escaped (see core/strvis.h). */
void col_append_escaped(struct pinfo *pi, const uint8_t *p, size_t n);
/* Keep everything written so far when a later layer calls col_clear/col_set. */
void col_set_fence(struct pinfo *pi);

/* A protocol's layer begins: frame.protocols gets proto, the Protocol column col (Info
 * cleared) and the tree proto's node for f over [start, start + len); returns the node. */
uint32_t dissect_layer(struct dctx *d, uint32_t parent, const char *proto, const char *col,
    const struct field_def *f, uint32_t start, uint32_t len);

/* A 16-bit checksum at off under node and its generated status field, as Wireshark
 * shows them: `want` is what the checksum should be, or -1 when it was not verified
 * ("[unverified]", status 2).  Returns the checksum's node. */
enum { CKSUM_UNVERIFIED = -1 };
uint32_t dissect_checksum(struct dctx *d, uint32_t node, const struct field_def *f,
    const struct field_def *status, uint32_t off, uint16_t sum, int32_t want);

/* Wireshark's expert severities, lowest first. */
enum expert_sev { SEV_COMMENT, SEV_CHAT, SEV_NOTE, SEV_WARN, SEV_ERROR };
/* An expert item as Wireshark shows it: "Expert Info (Sev/group): msg" (a _ws.expert
 * node) under parent, holding f (NULL: a text node) labelled msg, then the severity
 * and group lines.  Returns the expert node, 0 without a tree. */
uint32_t dissect_expert(struct dctx *d, uint32_t parent, const struct field_def *f,
    enum expert_sev sev, const char *group, const char *msg);
/* One piece of a reassembled PDU: the frame it came in and its length. */
struct dfrag {
	uint32_t frame, len;
};
/* tshark's list of the pieces of a reassembled PDU of total bytes under parent:
 * "[N <title> (T bytes): #f(len), …]" (list) with "[Frame: f, payload: a-b (n bytes)]"
 * (item) for each and "[<count's name>: N]" (count).  Returns the list's node. */
uint32_t dissect_fragment_list(struct dtree *t, uint32_t parent, const struct field_def *list,
    const struct field_def *item, const struct field_def *count, const struct dfrag *fr,
    size_t n, uint32_t total);

/* A string field over the len bytes at c's offset `at` as tshark shows a C string: up to
 * its first NUL (ascii: ENC_ASCII, bytes above 0x7f as U+FFFD), with the "Trailing stray
 * characters" warning when bytes other than NUL follow it.  Returns its node. */
uint32_t dissect_add_stringz(struct dctx *d, uint32_t parent, const struct field_def *f,
    const struct cur *c, size_t at, size_t len, int ascii);
/* Does the tree want expert items, or the expert field f (NULL: none in particular)? */
int dissect_expert_wanted(const struct dtree *t, const struct field_def *f);

/* Marks the packet and node malformed (shown as "[Malformed Packet: proto]"). */
void dissect_malformed(struct dctx *d, uint32_t node, const char *proto, const char *why);
/* The same as tshark shows a read past the data: the malformed node with the "Malformed
 * Packet (Exception occurred)" expert item under it. */
void dissect_exception(struct dctx *d, uint32_t node, const char *proto);
/* An impossible header value that Wireshark reports as an expert error without an
 * exception (bogus IP version or length): the node is flagged malformed with the reason
 * as a child, and neither Info nor frame.protocols get the malformed mark. */
void dissect_bogus(struct dctx *d, uint32_t node, const char *why);
/* Marks a node truncated when the cursor ran out of captured bytes. */
void dissect_truncated(struct dctx *d, uint32_t node);

/* The captured bytes ran out inside proto's header: when the snapshot length cut the
 * frame, "[Packet size limited during capture: PROTO truncated]" (and the same mark in
 * Info, as Wireshark); otherwise the header claims more than the packet has: malformed. */
void dissect_exhausted(struct dctx *d, uint32_t node, const char *proto);

/* Address formatting shared by columns and labels (never allocates). */
void addr_to_str(const struct address *a, char *buf, size_t n);
/* An endpoint: "10.0.0.1:80", "[::1]:8080". */
void addr_port_to_str(const struct address *a, uint16_t port, char *buf, size_t n);

#endif
