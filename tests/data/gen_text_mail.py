"""gen_text_mail.py — writes text_ftp.pcap, text_pop.pcap, text_imap.pcap and
text_smtp.pcap: one TCP connection each (client 10.0.0.1, server 10.0.0.2 on port 21,
110, 143 or 25) whose
segments carry the edge cases of the line-based protocols: multi-line replies,
lower-case commands, a reply split over two segments, empty lines, non-ASCII and
control bytes, PASV/PORT/EPSV/EPRT arguments, PWD/CWD replies, a switch to TLS after
AUTH TLS / STLS / STARTTLS, SMTP's AUTH LOGIN and DATA phase.  (POP message data and
SMTP's end of message, which tshark hands to IMF, are left out of the goldens.)"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pcapgen import ACK, PSH, SYN, tcp_frame, write_pcap  # noqa: E402

CLI, SRV = "10.0.0.1", "10.0.0.2"


def conversation(port, exchanges, cport=40000, t0=1700000000):
    """exchanges: (who, payload) with who 'c' (client) or 's' (server)."""
    cseq, sseq = 1000, 5000
    frames = [tcp_frame(cport, port, cseq, 0, SYN, src=bytes(map(int, CLI.split("."))),
                        dst=bytes(map(int, SRV.split(".")))),
              tcp_frame(port, cport, sseq, cseq + 1, SYN | ACK, src=bytes(map(int, SRV.split("."))),
                        dst=bytes(map(int, CLI.split(".")))),
              tcp_frame(cport, port, cseq + 1, sseq + 1, ACK, src=bytes(map(int, CLI.split("."))),
                        dst=bytes(map(int, SRV.split("."))))]
    cseq += 1
    sseq += 1
    for who, data in exchanges:
        if who == "c":
            frames.append(tcp_frame(cport, port, cseq, sseq, PSH | ACK, data,
                                    src=bytes(map(int, CLI.split("."))), dst=bytes(map(int, SRV.split(".")))))
            cseq += len(data)
        else:
            frames.append(tcp_frame(port, cport, sseq, cseq, PSH | ACK, data,
                                    src=bytes(map(int, SRV.split("."))), dst=bytes(map(int, CLI.split(".")))))
            sseq += len(data)
    return [(t0 + i, 0, f) for i, f in enumerate(frames)]


FTP = [
    ("s", b"220-Welcome\r\n220-second line\r\n220 ready\r\n"),
    ("c", b"user anonymous\r\n"),
    ("s", b"331 Please specify the password.\r\n"),
    ("c", b"PASS  two  spaces \r\n"),
    ("s", b"230 Login"),
    ("s", b" successful.\r\n"),
    ("c", b"PWD\r\n"),
    ("s", b"257 \"/home/\"\"q\"\"\" is the current directory\r\n"),
    ("c", b"CWD pub\r\n"),
    ("s", b"250 Directory successfully changed.\r\n"),
    ("c", b"CWD ../x/./y\r\n"),
    ("s", b"250 ok\r\n"),
    ("c", b"CDUP\r\n"),
    ("s", b"250 ok\r\n"),
    ("c", b"PORT 10,0,0,1,200,10\r\n"),
    ("s", b"200 PORT command successful.\r\n"),
    ("c", b"PORT 192,168,0,9,1,2\r\n"),
    ("s", b"200 PORT ok\r\n"),
    ("c", b"PASV\r\n"),
    ("s", b"227 Entering Passive Mode (10,0,0,2,195,80).\r\n"),
    ("c", b"PASV\r\n"),
    ("s", b"227 Entering Passive Mode (10,0,0,300,1,2)\r\n"),
    ("c", b"EPSV\r\n"),
    ("s", b"229 Entering Extended Passive Mode (|||50123|)\r\n"),
    ("c", b"EPRT |1|10.0.0.1|6275|\r\n"),
    ("s", b"200 EPRT ok\r\n"),
    ("c", b"EPRT |2|::1|6275|\r\n"),
    ("s", b"200 EPRT ok\r\n"),
    ("c", b"EPRT bogus\r\n"),
    ("s", b"500 bad\r\n"),
    ("c", b"\r\n"),
    ("s", b"500 empty\r\n\r\n"),
    ("c", b"RETR caf\xc3\xa9\xff\x1b[31m.txt\r\n"),
    ("s", b"550 caf\xc3\xa9\xff\x1b[31m\r\n"),
    ("s", b"12 short\r\n"),
    ("s", b"99\r\n"),
    ("s", b"abc def\r\nno crlf at end"),
    ("c", b"NOOP"),
    ("c", b"TYPE\tA\r\n"),
    ("s", b"9999 four digits\r\n"),
    ("s", b"211-Features:\r\n EPRT\r\n MDTM\r\n211 End\r\n"),
    ("c", b"AUTH TLS\r\n"),
    ("s", b"534 no tls\r\n"),
    ("s", b"257 no quotes\r\n"),
    ("s", b"229 Entering Extended Passive Mode (no port)\r\n"),
    ("c", b"AUTH TLS\r\n"),
    ("s", b"234 AUTH TLS successful\r\n"),
    ("c", b"\x17\x03\x03\x00\x04abcd"),
    ("s", b"\x17\x03\x03\x00\x05efghi"),
    ("c", b"QUIT\n"),
    ("s", b"221 Goodbye.\n"),
]

POP = [
    ("s", b"+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n"),
    ("c", b"capa\r\n"),
    ("s", b"+OK Capability list follows\r\nTOP\r\nUSER\r\nUIDL\r\n.\r\n"),
    ("c", b"USER alice\r\n"),
    ("s", b"+OK\r\n"),
    ("c", b"PASS  secret \r\n"),
    ("s", b"-ERR [AUTH] invalid password\r\n"),
    ("c", b"STAT\r\n"),
    ("s", b"+OK 2 320"),
    ("c", b"LIST\r\n"),
    ("s", b"+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n"),
    ("c", b"\r\n"),
    ("s", b"-ERR\r\n"),
    ("c", b"NOOP\xc3\xa9\xff\x1b\r\n"),
    ("s", b"+OK caf\xc3\xa9\xff\x1b[31m\r\n"),
    ("c", b"STLS\r\n"),
    ("s", b"+OK Begin TLS negotiation\r\n"),
    ("c", b"\x17\x03\x03\x00\x04abcd"),
    ("c", b"QUIT"),
    ("s", b"+OK bye\r\n"),
]

IMAP = [
    ("s", b"* OK IMAP4rev1 Service Ready\r\n"),
    ("c", b"a001 login alice secret\r\n"),
    ("s", b"a001 OK LOGIN completed\r\n"),
    ("c", b"a002 select \"INBOX\"\r\n"),
    ("s", b"* 18 EXISTS\r\n* FLAGS (\\Answered \\Flagged)\r\n* 2 RECENT\r\na002 OK [READ-WRITE] SELECT completed\r\n"),
    ("c", b"a003 UID fetch 1:* (FLAGS)\r\n"),
    ("s", b"* 1 FETCH (FLAGS (\\Seen) UID 4)\r\na003 OK"),
    ("s", b" UID FETCH completed\r\n"),
    ("c", b"a004 NOOP\r\n"),
    ("s", b"a004 BAD caf\xc3\xa9\xff\x1b[31m\r\n"),
    ("c", b"\r\n"),
    ("s", b"+ go ahead\r\n"),
    ("c", b"a005\r\n"),
    ("c", b"a006 LOGOUT"),
    ("s", b"* BYE\r\na006 OK LOGOUT completed\r\n"),
]

SMTP = [
    ("s", b"220 mx.example.org"),
    ("s", b" ESMTP ready\r\n"),
    ("c", b"ehlo client.example.com\r\n"),
    ("s", b"250-mx.example.org Hello\r\n250-SIZE 1000000\r\n"),
    ("s", b"250-8BITMIME\r\n251 HELP\r\n"),
    ("c", b"AUTH LOGIN\r\n"),
    ("s", b"334 VXNlcm5hbWU6\r\n"),
    ("c", b"YWxpY2U=\r\n"),
    ("s", b"334 UGFzc3dvcmQ6\r\n"),
    ("c", b"c2VjcmV0\r\n"),
    ("s", b"235 2.7.0 Authentication successful\r\n"),
    ("c", b"MAIL FROM:<alice@example.com>\r\n"),
    ("s", b"250 2.1.0 Ok\r\n"),
    ("c", b"RCPT TO:<bob@ex"),
    ("c", b"ample.org>\r\n"),
    ("s", b"250 2.1.5 Ok\r\n"),
    ("c", b"RSET\r\nNOOP\r\n"),
    ("s", b"250 ok\r\n250 ok\r\n"),
    ("c", b"VRFY caf\xc3\xa9\xff\x1b[31m\r\n"),
    ("s", b"99\r\n"),
    ("s", b"\r\n"),
    ("s", b"9999 caf\xc3\xa9\xff\x1b[31m\r\n"),
    ("c", b"DATA\r\n"),
    ("s", b"354 End data with <CR><LF>.<CR><LF>\r\n"),
    ("c", b"From: alice@example.com\r\nTo: bob@example.org\r\nSubject: hi\r\n\r\n"),
    ("c", b"Hello Bob,\r\ncaf\xc3\xa9 \x1b[31m\r\n"),
    ("c", b".\r\n"),                   # frame 30: tshark's IMF, left out of the golden
    ("s", b"250 2.0.0 Ok: queued as 12345\r\n"),
    ("c", b"STARTTLS\r\n"),
    ("s", b"220 2.0.0 Ready to start TLS\r\n"),
    ("c", b"\x17\x03\x03\x00\x04abcd"),
    ("s", b"\x17\x03\x03\x00\x05efghi"),
]

here = os.path.dirname(os.path.abspath(__file__))
# FTP data connections after the control connection: to the EPSV port (a listing) and
# to the first PASV port (binary bytes, then an out-of-order segment's worth of text).
FTP_DATA_LIST = [("s", b"-rw-r--r--    1 0  0   1024 Feb 19  2016 1KB.zip\r\ndrwxr-xr-x    2 105 108 upload\r\n")]
FTP_DATA_BIN = [("s", bytes(range(256))), ("s", b"PK\x03\x04 more bytes")]
ftp = conversation(21, FTP)
ftp += conversation(50123, FTP_DATA_LIST, cport=40001, t0=1700000000 + len(ftp))
ftp += conversation(50000, FTP_DATA_BIN, cport=40002, t0=1700000000 + len(ftp))
write_pcap(os.path.join(here, "text_ftp.pcap"), ftp)
write_pcap(os.path.join(here, "text_pop.pcap"), conversation(110, POP))
write_pcap(os.path.join(here, "text_imap.pcap"), conversation(143, IMAP))
write_pcap(os.path.join(here, "text_smtp.pcap"), conversation(25, SMTP))
