/* registry_tables.c — every protocol's field table, in registry order.
 * Protocol owners add one line each. */
#include "config.h"

#include "analysis/reasm.h"
#include "dissect/http.h"
#include "dissect/protos.h"
#include "dissect/ssh.h"
#include "dissect/tls.h"
#include "dissect/websocket.h"

/* A table of tables cannot hold other globals' values at compile time in C, so the
 * registry reads them through pointers. */
static const struct field_table *const tables[] = {
	&frame_table,
	&eth_table,
	&null_table,
	&fddi_table,
	&pcapng_block_table,
	&sll_table,
	&raw_table,
	&vlan_table,
	&llc_table,
	&pppoe_table,
	&ipv4_table,
	&ipv6_table,
	&arp_table,
	&icmp_table,
	&icmpv6_table,
	&igmp_table,
	&ah_table,
	&ospf_table,
	&tcp_table,
	&reasm_table,
	&udp_table,
	&dns_table,
	&dhcp_table,
	&gquic_table,
	&lisp_table,
	&ssdp_table,
	&nbns_table,
	&dblsp_table,
	&stp_table,
	&cdp_table,
	&netlink_table,
	&ntp_table,
	&rip_table,
	&http_table,
	&websocket_table,
	&tls_table,
	&ssh_table,
	&text_lines_table,
	&data_table,
	&malformed_table,
};

const struct field_table *const *reg_table_list = tables;
const size_t reg_table_count = sizeof(tables) / sizeof(tables[0]);
