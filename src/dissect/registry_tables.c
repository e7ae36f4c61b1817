/* registry_tables.c — every protocol's field table, in registry order.
 * Protocol owners add one line each. */
#include "config.h"

#include "dissect/reasm.h"
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

/* Tables whose fields come from the link, network and transport headers and the TCP
 * and UDP analysis alone: no payload dissector (HTTP, DNS, reassembly …) ever adds or
 * changes them, so output that wants only these may skip the payload dissectors. */
static const struct field_table *const header_tables[] = {
	&frame_table, &eth_table, &null_table, &sll_table, &raw_table, &vlan_table,
	&ipv4_table, &ipv6_table, &arp_table, &tcp_table, &udp_table,
};
/* ... except these, which depend on what the payload turned out to be (a name, or the
 * start of names: "_ws.col." covers every column). */
static const char *const payload_dependent[] = {
	"frame.protocols", "tcp.segment_data", "_ws.col.",
};
/* Header-table fields that need the conversation analysis (earlier packets); a name
 * covers the names below it ("tcp.analysis" covers "tcp.analysis.flags"). */
static const char *const analysis_dependent[] = {
	"tcp.stream", "tcp.completeness", "tcp.seq", "tcp.nxtseq", "tcp.ack",
	"tcp.window_size", "tcp.window_size_scalefactor", "tcp.options.sack_le",
	"tcp.options.sack_re", "tcp.time_relative", "tcp.time_delta", "tcp.analysis",
	"udp.stream", "udp.time_relative", "udp.time_delta", "netlab",
	"frame.time_delta_displayed",
};

const struct field_table *const *reg_header_tables = header_tables;
const size_t reg_header_table_count = sizeof(header_tables) / sizeof(header_tables[0]);
const char *const *reg_payload_dependent = payload_dependent;
const size_t reg_payload_dependent_count = sizeof(payload_dependent) / sizeof(payload_dependent[0]);
const char *const *reg_analysis_dependent = analysis_dependent;
const size_t reg_analysis_dependent_count = sizeof(analysis_dependent) / sizeof(analysis_dependent[0]);
