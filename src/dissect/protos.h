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
void dissect_eth(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_null(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_loop(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_sll(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_sll2(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_raw(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_raw_ipv4(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_raw_ipv6(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_vlan(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_ieee8021ad(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_llc(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_pppoes(struct dctx *d, struct cur *c, uint32_t parent);
/* pcapng custom block listed as a frame; parent is the frame node it relabels. */
void dissect_pcapng_block(struct dctx *d, struct cur *c, uint32_t parent);
/* Ethernet padding (to 60 bytes) and trailer after what the network layer claimed
 * (d->payload_used), shown under `node`; clears payload_used_set once shown.  `c` is
 * the cursor at the start of the link payload. */
void eth_add_trailer(struct dctx *d, uint32_t node, const struct cur *c,
    const struct field_def *trailer);
/* network layers */
void dissect_ipv4(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_ipv6(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_arp(struct dctx *d, struct cur *c, uint32_t parent);
/* transport and above */
void dissect_icmp(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_icmpv6(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_udp(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_tcp(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_dns(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_mdns(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_llmnr(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_dhcp(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_lisp(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_lisp_data(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_ssdp(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_stp(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_cdp(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_netlink(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_fddi(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_ntp(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_rip(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_igmp(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_ah(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_ospf(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_nbns(struct dctx *d, struct cur *c, uint32_t parent);
void dissect_dblsp_disc(struct dctx *d, struct cur *c, uint32_t parent);
/* GQUIC (gquic.c): gquic_conv dissects the payload when its UDP conversation was
 * found to be GQUIC before; gquic_heur recognises a first packet.  Both return 1
 * when they took the payload. */
int gquic_conv(struct dctx *d, struct cur *c);
int gquic_heur(struct dctx *d, struct cur *c);
/* The IP packet quoted in an ICMP/ICMPv6 error, dissected under `parent` with the outer
 * packet's columns, addresses and ports kept. */
void icmp_quoted(struct dctx *d, struct cur *c, uint32_t parent, int v6);
/* Echo request/reply matching (icmp_echo.c): appends "(request in N)" … to Info and
 * adds f[0] response frame, f[1] request frame, f[2] no response, f[3] response time
 * (ms) under node.  cksum, id and seq as on the wire. */
void icmp_echo_track(struct dctx *d, uint32_t node, int v6, int reply, uint16_t cksum,
    uint16_t id, uint16_t seq, const struct field_def *const f[4]);

/* field tables (registry_tables.c) */
extern const struct field_table frame_table, data_table, malformed_table;
extern const struct field_table tcp_table;
extern const struct field_table eth_table, ipv4_table;
extern const struct field_table null_table, sll_table, raw_table, vlan_table, ipv6_table,
    arp_table, icmp_table, icmpv6_table, udp_table, dns_table, llc_table, pppoe_table,
    dhcp_table, pcapng_block_table, gquic_table, lisp_table, ssdp_table, nbns_table,
    dblsp_table, stp_table, cdp_table, netlink_table,
    fddi_table, ntp_table, rip_table, igmp_table,
    ah_table, ospf_table;
extern const struct val_str etype_vals[], ipproto_vals[], checksum_status_vals[];
/* IPv4 DS field and IPv6 traffic class (ipv4.c): names as in the tree, short forms */
extern const struct val_str ip_dscp_vals[], ip_dscp_short[], ip_ecn_vals[], ip_ecn_short[];
/* ip.version, which IPv6 also adds (hidden), as Wireshark does. */
extern const struct field_def *const ip_version_field;

#endif
