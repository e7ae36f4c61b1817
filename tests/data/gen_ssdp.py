#!/usr/bin/env python3
"""gen_ssdp.py — writes tests/data/ssdp-kinds.pcap: SSDP (HTTP over UDP 1900) messages
whose -V trees are held against tshark's: multicast M-SEARCHes from one port (request
numbers, [Prev request in frame]), a unicast M-SEARCH answered twice by "200 OK"
(pairing within the UDP stream: [Request in frame], time since request, the request's
URI), NOTIFYs over IPv4 and IPv6 (full URI with a bracketed host, not numbered), a
header without a space after the colon, and a datagram that is no HTTP message.

Run: python3 tests/data/gen_ssdp.py tests/data/ssdp-kinds.pcap
"""
import sys

from pcapgen import checksummed, eth, ipv4, ipv6, udp, write_pcap

A, B, MC = "10.0.0.1", "10.0.0.2", "239.255.255.250"
A6 = bytes.fromhex("fe800000000000000000000000000001")
MC6 = bytes.fromhex("ff02000000000000000000000000000c")
MSEARCH = (b'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\n'
           b"MX: 1\r\nST: ssdp:all\r\n\r\n")
UNI = b'M-SEARCH * HTTP/1.1\r\nHost:10.0.0.2:1900\r\nMan:"ssdp:discover"\r\nST:upnp:rootdevice\r\n\r\n'
OK = (b"HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\n"
      b"LOCATION: http://10.0.0.2:80/desc.xml\r\nSERVER: Linux/5.10 UPnP/1.0 lab/1.0\r\n"
      b"ST: upnp:rootdevice\r\nUSN: uuid:0000-1111::upnp:rootdevice\r\n\r\n")
NOTIFY = (b"NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\n"
          b"LOCATION: http://10.0.0.2:80/desc.xml\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n"
          b"USN: uuid:0000-1111::upnp:rootdevice\r\n\r\n")
NOTIFY6 = NOTIFY.replace(b"239.255.255.250", b"[FF02::C]")


def v4(src, dst, sport, dport, payload):
    return eth(ipv4(src, dst, 17, udp(sport, dport, payload), ttl=4), 0x0800,
               dst="01:00:5e:7f:ff:fa", src="02:00:00:00:00:01")


def v6(sport, dport, payload):
    seg = checksummed(A6, MC6, 17, udp(sport, dport, payload), 6)
    return eth(ipv6(A6, MC6, 17, seg, hlim=1), 0x86dd, dst="33:33:00:00:00:0c",
               src="02:00:00:00:00:01")


frames = [
    v4(A, MC, 50000, 1900, MSEARCH),
    v4(A, MC, 50000, 1900, MSEARCH),
    v4(A, B, 50001, 1900, UNI),
    v4(B, A, 1900, 50001, OK),
    v4(B, A, 1900, 50001, OK),
    v4(B, MC, 1900, 1900, NOTIFY),
    v6(1900, 1900, NOTIFY6),
]
write_pcap(sys.argv[1], ((1700000000, i * 1000, f) for i, f in enumerate(frames)))
