/* ssh.h — SSH over TCP (RFC 4253): version exchange and binary packets, no decryption.
 *
 * tcp.c's port table hands segments of port 22 (and 29418) to ssh_tcp_payload;
 * unencrypted packets are desegmented with dissect/reasm.c.  The packet header
 * parser works on plain bytes for tests and fuzzing.
 */
#ifndef NETLAB_SSH_H
#define NETLAB_SSH_H

#include <stddef.h>
#include <stdint.h>

#include "dissect/dissect.h"

struct tcp_payload_info;

int ssh_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti);

/* A binary packet header at p[0..n): 1 complete header (packet_length, padding_length
 * and message code read; *total = 4 + packet_length), 0 more bytes needed, -1 not a
 * plausible packet (length < 5 or > 256 KiB, padding not inside the packet). */
int ssh_packet_header(const uint8_t *p, size_t n, uint32_t *total, uint8_t *padding,
    uint8_t *code);

#endif
