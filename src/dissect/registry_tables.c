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
	&tcp_table,
	&reasm_table,
	&udp_table,
	&dns_table,
	&dhcp_table,
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

/* Tables whose fields come from the link, network and transport headers and the TCP
 * analysis alone: no payload dissector (HTTP, DNS, reassembly …) ever adds or changes
 * them, so output that wants only these may skip the payload dissectors. */
static const struct field_table *const header_tables[] = {
	&frame_table, &eth_table, &null_table, &sll_table, &raw_table, &vlan_table,
	&ipv4_table, &ipv6_table, &arp_table, &tcp_table, &udp_table,
};
/* ... except these (name prefixes), which depend on what the payload turned out to be. */
static const char *const payload_dependent[] = {
	"frame.protocols", "tcp.segment_data", "_ws.col.",
};

const struct field_table *const *reg_header_tables = header_tables;
const size_t reg_header_table_count = sizeof(header_tables) / sizeof(header_tables[0]);
const char *const *reg_payload_dependent = payload_dependent;
const size_t reg_payload_dependent_count = sizeof(payload_dependent) / sizeof(payload_dependent[0]);
