/* linktype.h — link-type numbers shared by the capture reader, the writer and the
 * dissectors (pcap-linktype(7) LINKTYPE_* values, as stored in pcap and pcapng files).
 *
 * Lives in core so that dissect/ dispatches on link types without depending on
 * capture/.
 */
#ifndef NETLAB_LINKTYPE_H
#define NETLAB_LINKTYPE_H

#define LINKTYPE_NULL 0
#define LINKTYPE_ETHERNET 1
#define LINKTYPE_PPP 9
#define LINKTYPE_FDDI 10
#define LINKTYPE_RAW_BSD 12		/* DLT_RAW on some BSDs */
#define LINKTYPE_RAW_OPENBSD 14		/* DLT_RAW on OpenBSD */
#define LINKTYPE_PPP_HDLC 50
#define LINKTYPE_RAW 101
#define LINKTYPE_C_HDLC 104
#define LINKTYPE_IEEE802_11 105
#define LINKTYPE_LOOP 108
#define LINKTYPE_LINUX_SLL 113
#define LINKTYPE_IEEE802_11_RADIOTAP 127
#define LINKTYPE_IPV4 228
#define LINKTYPE_IPV6 229
#define LINKTYPE_NETLINK 253
#define LINKTYPE_LINUX_SLL2 276

/* Link type of a record that is not a packet but a pcapng custom block, listed as a
 * frame as tshark does (no real link type is negative).  The record's data starts
 * with the block's type, total length and PEN (LINKTYPE_PCAPNG_BLOCK_HDR bytes);
 * tshark's frame is what follows.  capture/capfile.h describes the record. */
#define LINKTYPE_PCAPNG_BLOCK (-2)
#define LINKTYPE_PCAPNG_BLOCK_HDR 12u

#endif
