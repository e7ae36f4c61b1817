/* registry_tables.c — the list of every protocol's registration, in registry order.
 * Adding a protocol: one line here. */
#include "config.h"

#include "dissect/dissect.h"

/* Every protocol, one line each: NAME stands for NAME_proto, the struct proto_reg its
 * file defines next to its field table.  The order is the registry's (field ids, -G
 * fields) and the order heuristics are tried in. */
#define NETLAB_PROTOCOLS(X) \
	X(frame) \
	X(eth) \
	X(null) \
	X(fddi) \
	X(pcapng_block) \
	X(sll) \
	X(raw) \
	X(vlan) \
	X(llc) \
	X(radiotap) \
	X(wlan_radio) \
	X(wlan) \
	X(wlan_mgt) \
	X(pppoe) \
	X(ppp) \
	X(chdlc) \
	X(mpls) \
	X(ipv4) \
	X(ipv6) \
	X(ipfrag) \
	X(arp) \
	X(icmp) \
	X(icmpv6) \
	X(igmp) \
	X(ah) \
	X(ospf) \
	X(gre) \
	X(tcp) \
	X(reasm) \
	X(udp) \
	X(dns) \
	X(dhcp) \
	X(dhcpv6) \
	X(quic) \
	X(gquic) \
	X(lisp) \
	X(ssdp) \
	X(nbns) \
	X(dblsp) \
	X(urlencoded) \
	X(stp) \
	X(cdp) \
	X(netlink) \
	X(ntp) \
	X(rip) \
	X(http) \
	X(websocket) \
	X(tls) \
	X(tls_hs) \
	X(tls_cert) \
	X(tls_quic_tp) \
	X(x509) \
	X(ssh) \
	X(ftp) \
	X(ftp_data) \
	X(pop) \
	X(imap) \
	X(smtp) \
	X(text_lines) \
	X(media) \
	X(png) \
	X(gif) \
	X(jfif) \
	X(data) \
	X(malformed) \
	X(vxlan) \
	X(geneve) \
	X(teredo) \

#define DECLARE(name) extern const struct proto_reg name##_proto;
NETLAB_PROTOCOLS(DECLARE)

#define ENTRY(name) &name##_proto,
static const struct proto_reg *const protocols[] = { NETLAB_PROTOCOLS(ENTRY) };

const struct proto_reg *const *reg_protocols = protocols;
const size_t reg_protocol_count = sizeof(protocols) / sizeof(protocols[0]);
