/* ftp.c — File Transfer Protocol, the control connection on TCP port 21 (RFC 959,
 * RFC 2428 for EPRT/EPSV).
 *
 *   client → server   COMMAND SP argument CRLF        "USER anonymous\r\n"
 *   server → client   NNN SP text CRLF                "230 Login successful.\r\n"
 *                     NNN-text CRLF … NNN SP text     multi-line reply
 *
 * As Wireshark 4.0, each segment is dissected on its own (no reassembly): the first
 * line gives the command and argument, or the reply code and text, and the Info
 * column; every further line is shown as text.  A PORT/PASV/EPRT/EPSV argument gives
 * the data connection's address and port.  The current working directory is tracked
 * per stream from PWD replies (257) and successful CWD/CDUP (250).  The data
 * connections announced are handed to ftp_data.c (ftp.h) with the command they answer.  After "AUTH TLS" and its 234 reply the stream is
 * handed to TLS from the next frame on (RFC 4217), until a segment is plain text
 * again (after CCC and the TLS close, as tshark shows it).
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#include "core/strvis.h"
#include "dissect/ftp.h"
#include "dissect/protos.h"
#include "dissect/reasm.h"
#include "dissect/session.h"
#include "dissect/tcp_payload.h"
#include "dissect/textline.h"
#include "dissect/tls.h"

enum {
	F_PROTO, F_CWD, F_RESPONSE, F_REQUEST, F_REQ_CMD, F_REQ_ARG, F_RSP_CODE, F_RSP_ARG,
	F_PASV_IP, F_PASV_PORT, F_PASV_NAT, F_ACTIVE_IP, F_ACTIVE_PORT, F_ACTIVE_NAT,
	F_EPRT_AF, F_EPRT_IP, F_EPRT_IPV6, F_EPRT_PORT, F_EPSV_IP, F_EPSV_IPV6, F_EPSV_PORT,
	F_EPRT_INVALID, F_EPSV_INVALID, F_PWD_INVALID,
};

static const struct val_str response_codes[] = {
	{ 110, "Restart marker reply" },
	{ 120, "Service ready in nnn minutes" },
	{ 125, "Data connection already open; transfer starting" },
	{ 150, "File status okay; about to open data connection" },
	{ 200, "Command okay" },
	{ 202, "Command not implemented, superfluous at this site" },
	{ 211, "System status, or system help reply" },
	{ 212, "Directory status" },
	{ 213, "File status" },
	{ 214, "Help message" },
	{ 215, "NAME system type" },
	{ 220, "Service ready for new user" },
	{ 221, "Service closing control connection" },
	{ 225, "Data connection open; no transfer in progress" },
	{ 226, "Closing data connection" },
	{ 227, "Entering Passive Mode" },
	{ 229, "Entering Extended Passive Mode" },
	{ 230, "User logged in, proceed" },
	{ 232, "User logged in, authorized by security data exchange" },
	{ 234, "Security data exchange complete" },
	{ 235, "Security data exchange completed successfully" },
	{ 250, "Requested file action okay, completed" },
	{ 257, "PATHNAME created" },
	{ 331, "User name okay, need password" },
	{ 332, "Need account for login" },
	{ 334, "Requested security mechanism is ok" },
	{ 335, "Security data is acceptable, more is required" },
	{ 336, "Username okay, need password. Challenge is ..." },
	{ 350, "Requested file action pending further information" },
	{ 421, "Service not available, closing control connection" },
	{ 425, "Can't open data connection" },
	{ 426, "Connection closed; transfer aborted" },
	{ 431, "Need some unavailable resource to process security" },
	{ 450, "Requested file action not taken" },
	{ 451, "Requested action aborted: local error in processing" },
	{ 452, "Requested action not taken. Insufficient storage space in system" },
	{ 500, "Syntax error, command unrecognized" },
	{ 501, "Syntax error in parameters or arguments" },
	{ 502, "Command not implemented" },
	{ 503, "Bad sequence of commands" },
	{ 504, "Command not implemented for that parameter" },
	{ 522, "Network protocol not supported" },
	{ 530, "Not logged in" },
	{ 532, "Need account for storing files" },
	{ 533, "Command protection level denied for policy reasons" },
	{ 534, "Request denied for policy reasons" },
	{ 535, "Failed security check (hash, sequence, etc)" },
	{ 536, "Requested PROT level not supported by mechanism" },
	{ 537, "Command protection level not supported by security mechanism" },
	{ 550, "Requested action not taken: File unavailable" },
	{ 551, "Requested action aborted: page type unknown" },
	{ 552, "Requested file action aborted: Exceeded storage allocation" },
	{ 553, "Requested action not taken: File name not allowed" },
	{ 631, "Integrity protected reply" },
	{ 632, "Confidentiality and integrity protected reply" },
	{ 633, "Confidentiality protected reply" },
	{ 0, NULL }
};

static const struct val_str eprt_afs[] = { { 1, "IPv4" }, { 2, "IPv6" }, { 0, NULL } };

#define STR(i, a, n, h) [i] = { a, n, FT_STRING, BASE_NONE, 0, 0, NULL, h, 0 }
#define BOOL(i, a, n, h) [i] = { a, n, FT_BOOLEAN, BASE_NONE, 0, 0, NULL, h, 0 }
#define NONE(i, a, n, h) [i] = { a, n, FT_NONE, BASE_NONE, 0, 0, NULL, h, 0 }
#define IP4(i, a, n, h) [i] = { a, n, FT_IPv4, BASE_NONE, 0, 0, NULL, h, 0 }
#define IP6(i, a, n, h) [i] = { a, n, FT_IPv6, BASE_NONE, 0, 0, NULL, h, 0 }
#define PORT(i, a, n, h) [i] = { a, n, FT_UINT16, BASE_DEC, 0, 0, NULL, h, 0 }

static const struct field_def fields[] = {
	[F_PROTO] = { "ftp", "File Transfer Protocol (FTP)", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"FTP control connection: text commands from the client, numbered replies from the server.", 0 },
	STR(F_CWD, "ftp.current-working-directory", "Current working directory",
		"The server directory at this point, from PWD replies and successful CWD/CDUP."),
	BOOL(F_RESPONSE, "ftp.response", "Response", "TRUE if FTP response"),
	BOOL(F_REQUEST, "ftp.request", "Request", "TRUE if FTP request"),
	STR(F_REQ_CMD, "ftp.request.command", "Request command", "The command word: USER, RETR, PASV …"),
	STR(F_REQ_ARG, "ftp.request.arg", "Request arg", "What follows the command on its line."),
	[F_RSP_CODE] = { "ftp.response.code", "Response code", FT_UINT32, BASE_DEC, 0, 0, response_codes,
		"Three digits: 1xx preliminary, 2xx done, 3xx more needed, 4xx/5xx failed.", 0 },
	STR(F_RSP_ARG, "ftp.response.arg", "Response arg", "The reply text after the code."),
	IP4(F_PASV_IP, "ftp.passive.ip", "Passive IP address", "Passive IP address (check NAT)"),
	PORT(F_PASV_PORT, "ftp.passive.port", "Passive port", "Passive FTP server port"),
	BOOL(F_PASV_NAT, "ftp.passive.nat", "Passive IP NAT", "NAT is active SIP and passive IP different"),
	IP4(F_ACTIVE_IP, "ftp.active.cip", "Active IP address", "Active FTP client IP address"),
	PORT(F_ACTIVE_PORT, "ftp.active.port", "Active port", "Active FTP client port"),
	BOOL(F_ACTIVE_NAT, "ftp.active.nat", "Active IP NAT", "NAT is active"),
	[F_EPRT_AF] = { "ftp.eprt.af", "Extended active address family", FT_UINT8, BASE_DEC, 0, 0, eprt_afs,
		"EPRT's address family: 1 IPv4, 2 IPv6.", 0 },
	IP4(F_EPRT_IP, "ftp.eprt.ip", "Extended active IP address", "Extended active FTP client IPv4 address"),
	IP6(F_EPRT_IPV6, "ftp.eprt.ipv6", "Extended active IPv6 address", "Extended active FTP client IPv6 address"),
	PORT(F_EPRT_PORT, "ftp.eprt.port", "Extended active port", "Extended active FTP client listener port"),
	IP4(F_EPSV_IP, "ftp.epsv.ip", "Extended passive IPv4 address", "Extended passive FTP server IPv4 address"),
	IP6(F_EPSV_IPV6, "ftp.epsv.ipv6", "Extended passive IPv6 address", "Extended passive FTP server IPv6 address"),
	PORT(F_EPSV_PORT, "ftp.epsv.port", "Extended passive port", "Extended passive FTP server port"),
	NONE(F_EPRT_INVALID, "ftp.eprt.args_invalid", "EPRT arguments must have the form: |<family>|<addr>|<port>|",
		"Expert: an EPRT argument that is not |af|address|port|."),
	NONE(F_EPSV_INVALID, "ftp.epsv.args_invalid", "EPSV arguments must have the form (|||<port>|)",
		"Expert: a 229 reply without (|||port|)."),
	NONE(F_PWD_INVALID, "ftp.response.pwd.invalid", "Invalid PWD response",
		"Expert: a 257 reply whose directory is not in double quotes."),
};

static int ftp_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti);

static const struct field_table ftp_table = REG_TABLE(fields);
static const struct handoff ftp_handoffs[] = {
	{ HO_TCP_PORT, 21, .tcp = ftp_tcp_payload },
};
const struct proto_reg ftp_proto = REG_PROTO(ftp_table, ftp_handoffs);

/* ---- per-stream state: the working directory and the last command ---- */

struct ftp_conv {
	char cwd[FTP_TEXT_MAX];		/* NUL-terminated, "" until known */
	char last_cmd[FTP_TEXT_MAX];	/* the last request line, "" none */
	uint8_t tls_requested;		/* "AUTH TLS" was sent, no 234 yet */
	uint8_t tls;			/* a 234 answered it: the stream is TLS from the next frame */
	uint32_t data;			/* the newest data connection announced (ftp_data_expect) */
	struct frame_state fs;
};

static void copy_str(char *dst, const char *src, size_t n)
{
	snprintf(dst, FTP_TEXT_MAX, "%.*s", (int)(n < FTP_TEXT_MAX ? n : FTP_TEXT_MAX - 1), src);
}

/* Appends path to cwd and normalises "." and ".." as Wireshark does (a relative cwd
 * is not normalised when it was empty). */
static void cwd_add(struct ftp_conv *cv, const char *path)
{
	char joined[2 * FTP_TEXT_MAX + 2], out[FTP_TEXT_MAX], folder[FTP_TEXT_MAX];
	size_t len = strlen(cv->cwd), o = 0, fl = 0, i = 0;

	if (!len) {
		copy_str(cv->cwd, path, strlen(path));
		return;
	}
	snprintf(joined, sizeof(joined), "%s%s%s", cv->cwd, cv->cwd[len - 1] == '/' ? "" : "/", path);
	if (cv->cwd[0] == '/') {
		out[o++] = '/';
		i = 1;
	}
	for (size_t jl = strlen(joined); i <= jl; i++) {
		char ch = joined[i];
		if (i == jl || ch == '/') {
			if (i > 0 && fl > 0) {
				folder[fl] = '\0';
				if (strcmp(folder, "..") == 0) {
					while (o && out[o - 1] != '/')
						o--;
					if (o > 1 && out[o - 1] == '/')
						o--;
				} else if (strcmp(folder, ".") != 0) {
					if (o && out[o - 1] != '/' && o + 1 < sizeof(out))
						out[o++] = '/';
					for (size_t k = 0; k < fl && o + 1 < sizeof(out); k++)
						out[o++] = folder[k];
				}
				fl = 0;
			}
		} else if (fl + 1 < sizeof(folder))
			folder[fl++] = ch;
	}
	copy_str(cv->cwd, out, o);
}

static void cwd_change(struct ftp_conv *cv, const char *path)
{
	if (path[0] == '/')
		copy_str(cv->cwd, path, strlen(path));
	else
		cwd_add(cv, path);
}

/* The directory of a 257 reply's text: between double quotes, "" standing for one.
 * 0 when the text has no such quoted name. */
static int pwd_dir(const struct cur *c, size_t at, size_t len, char *out)
{
	size_t o = 0, i;
	int started = 0;

	if (len < 2 || cur_peek(c, at) != '"')
		return 0;
	for (i = 0; i < len && cur_peek(c, at + i) != '\r' && cur_peek(c, at + i) != '\n'; i++) {
		uint8_t ch = cur_peek(c, at + i);
		if (ch == '"') {
			if (i + 1 < len && cur_peek(c, at + i + 1) == '"') {
				if (o + 1 < FTP_TEXT_MAX)
					out[o++] = '"';
				i++;
			} else if (started)
				break;
			else
				started = 1;
		} else if (o + 1 < FTP_TEXT_MAX)
			out[o++] = (char)ch;
	}
	out[o] = '\0';
	return i < len && cur_peek(c, at + i) == '"';
}

/* ---- argument parsers ---- */

/* The len bytes at `at` as a C string (cut at a NUL, as Wireshark's copy is). */
static void arg_string(const struct cur *c, size_t at, size_t len, char *buf, size_t cap)
{
	size_t i;

	for (i = 0; i < len && i + 1 < cap; i++)
		buf[i] = (char)cur_peek(c, at + i);
	buf[i] = '\0';
}

static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }

static unsigned num_len(int v) { return v < 10 ? 1 : v < 100 ? 2 : 3; }

/* PORT and PASV: the first run of six comma-separated numbers h1,h2,h3,h4,p1,p2. */
static int parse_port_pasv(const char *args, uint32_t *ip, uint16_t *port, unsigned *at,
    unsigned *ip_len, unsigned *port_len)
{
	const char *p = args;
	int a[4], pt[2];

	for (;;) {
		while (*p && !is_digit(*p))
			p++;
		if (!*p)
			return 0;
		if (sscanf(p, "%d,%d,%d,%d,%d,%d", &a[0], &a[1], &a[2], &a[3], &pt[0], &pt[1]) == 6) {
			/* parsed decimal numbers, combined as Wireshark does (an octet above
			 * 255 spills into the next) */
			uint32_t h0 = (uint32_t)a[0], h1 = (uint32_t)a[1], h2 = (uint32_t)a[2], h3 = (uint32_t)a[3];
			unsigned p1 = (unsigned)pt[0] & 0xff, p2 = (unsigned)pt[1] & 0xff;
			*port = (uint16_t)(p1 * 256 + p2);
			*ip = h0 << 24 | h1 << 16 | h2 << 8 | h3;
			*at = (unsigned)(p - args);
			*port_len = num_len(pt[0]) + 1 + num_len(pt[1]);
			*ip_len = num_len(a[0]) + 1 + num_len(a[1]) + 1 + num_len(a[2]) + 1 + num_len(a[3]);
			return 1;
		}
		while (*p && is_digit(*p))
			p++;
	}
}

static int rfc2428_delim(char c)
{
	if (c <= 0x20 || c >= 0x7f)
		return 0;
	return !strchr("0123456789abcdefABCDEF.:", c);
}

/* A decimal number filling the whole of s[0..n) that fits in max. */
static int parse_uint(const char *s, size_t n, uint32_t max, uint32_t *v)
{
	uint64_t x = 0;

	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return 0;
		x = x * 10 + (uint64_t)(s[i] - '0');
		if (x > max)
			return 0;
	}
	*v = (uint32_t)x;
	return 1;
}

struct eprt {
	uint32_t af;
	uint8_t addr[16];
	uint32_t ip_len, port_len;
	uint16_t port;
};

/* EPRT <d>af<d>address<d>port<d> (RFC 2428 section 2). */
static int parse_eprt(const char *p, struct eprt *e)
{
	size_t len = strlen(p), last = 0;
	int seen = 0, ok = 1;
	char delim;

	if (len < 4 || !rfc2428_delim(p[0]))
		return 0;
	delim = p[0];
	for (size_t n = 0; n < len; n++)
		seen += p[n] == delim;
	if (seen != 4)
		return 0;
	seen = 1;
	for (size_t n = 1; n < len; n++) {
		char field[64];
		size_t fl;
		if (p[n] != delim)
			continue;
		seen++;
		fl = n - last - 1;
		if (fl == 0)
			return 0;
		snprintf(field, sizeof(field), "%.*s", (int)(fl < 63 ? fl : 63), p + last + 1);
		if (seen == 2) {
			if (!parse_uint(p + last + 1, fl, 0xffffffffu, &e->af))
				return 0;
		} else if (seen == 3) {
			if (e->af == 1)
				ok = fl < 64 && inet_pton(AF_INET, field, e->addr) == 1;
			else if (e->af == 2)
				ok = fl < 64 && inet_pton(AF_INET6, field, e->addr) == 1;
			else
				return 0;
			e->ip_len = (uint32_t)fl;
		} else if (seen == 4) {
			uint32_t v;
			if (!parse_uint(p + last + 1, fl, 0xffff, &v))
				return 0;
			e->port = (uint16_t)v;
			e->port_len = (uint32_t)fl;
		}
		last = n;
	}
	return ok;
}

/* EPSV reply: "(|||port|)" somewhere in the text. */
static int parse_epsv(const char *args, uint16_t *port, unsigned *at, unsigned *port_len)
{
	const char *p = strchr(args, '('), *e;
	char delim = 0;
	uint64_t v = 0;
	size_t nd = 0;

	if (!p)
		return 0;
	p++;
	for (int n = 0; n < 3 && *p; n++) {
		if (!delim && rfc2428_delim(*p))
			delim = *p;
		if (*p != delim)
			break;
		p++;
	}
	if (!*p)
		return 0;
	while (is_digit(p[nd]) && v <= 0xffff)
		v = v * 10 + (uint64_t)(p[nd++] - '0');
	if (!nd || v > 0xffff || (p[nd] && p[nd] != '|'))
		return 0;
	*port = (uint16_t)v;
	*at = (unsigned)(p - args);
	e = strchr(p, ')');
	if (!e)
		return 0;
	*port_len = (unsigned)(e - 1 - p);
	return 1;
}

/* ---- data connections (ftp_data.c) ---- */

static void expect(struct dctx *d, struct ftp_conv *cv, const struct address *a, uint16_t port_a,
    int btype, const uint8_t *baddr, const char *method)
{
	struct address b;
	uint32_t k;

	memset(&b, 0, sizeof(b));
	b.type = (uint8_t)btype;
	memcpy(b.a, baddr, btype == AT_IPv4 ? 4 : 16);
	k = ftp_data_expect(d, a, port_a, &b, method, cv->cwd);
	if (k)
		cv->data = k;
}

/* The commands whose answer comes on the data connection. */
static int answers_on_data(const char *cmd)
{
	static const char *const cmds[] = { "RETR", "STOR", "STOU", "APPE", "LIST", "NLST", "MLSD" };

	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strncmp(cmd, cmds[i], 4) == 0)
			return 1;
	return 0;
}

/* A request names the command of the newest data connection: the first one, or one
 * whose answer comes on the data connection after one that does not. */
static void data_command(struct dctx *d, struct ftp_conv *cv, const char *line)
{
	struct ftp_data_conv *c;

	if (d->pi->visited || !(c = ftp_data_get(d, cv->data)))
		return;
	if (!c->command[0] || (!answers_on_data(c->command) && answers_on_data(line))) {
		snprintf(c->command, sizeof(c->command), "%s", line);
		c->command_frame = d->pi->num;
	}
}

/* ---- the dissector ---- */

static struct ftp_conv *conv_for(struct dctx *d, uint32_t stream)
{
	if (!d->sess)
		return NULL;
	return textline_conv(d, SESS_SLOT_FTP, stream, sizeof(struct ftp_conv), offsetof(struct ftp_conv, fs));
}

static void add_ascii(struct dctx *d, uint32_t parent, int f, const struct cur *c, size_t at, size_t len)
{
	uint32_t n;
	const uint8_t *s;

	if (!tree_wants(d->tree, &fields[f]))
		return;
	s = textline_ascii(d->tree, c, at, len, &n);
	tree_add_bytes(d->tree, parent, &fields[f], cur_off(c) + (uint32_t)at, (uint32_t)len, s, n);
}

static uint32_t add_line(struct dctx *d, uint32_t parent, const struct cur *c, size_t at, size_t len)
{
	char buf[1024];
	struct cur l = cur_at(c, at);

	buf[0] = '\0';
	if (tree_text(d->tree))
		strvis(buf, sizeof(buf), l.p, len < cur_left(&l) ? len : cur_left(&l), STRVIS_WIRE);
	return tree_add_text(d->tree, parent, cur_off(c) + (uint32_t)at, (uint32_t)len, "%s", buf);
}

static void bad_args(struct dctx *d, uint32_t parent, int f, uint32_t off, uint32_t len)
{
	uint32_t n;

	if (!tree_text(d->tree))
		return;
	n = tree_add_text(d->tree, parent, off, len, "%s", fields[f].name);
	dissect_expert(d, n, &fields[f], SEV_WARN, "Malformed", fields[f].name);
}

static int ftp_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	struct ftp_conv scratch, *cv;
	int is_request = ti->dstport == 21;	/* Wireshark: the matched port is the destination */
	size_t next, linelen, arg_at, total = cur_left(payload);
	uint32_t base = cur_off(payload), node, rr;
	char args[FTP_TEXT_MAX];
	unsigned code = 0;

	if (ti->no_subdissector || !total)
		return 0;
	if (ti->out_of_order)
		return 1;	/* tshark shows the TCP payload only */
	cv = conv_for(d, ti->stream);
	if (!cv) {
		memset(&scratch, 0, sizeof(scratch));
		cv = &scratch;
	}
	if (cv->tls && !textline_looks_plain(payload))
		return tls_tcp_payload(d, payload, ti);
	cv->tls = 0;
	linelen = textline_end(payload, 0, &next);

	pi_push_proto(pi, "ftp");
	col_set_proto(pi, "FTP");
	col_clear(pi);
	col_append_str(pi, is_request ? "Request: " : "Response: ");
	{
		struct cur l = cur_at(payload, 0);
		col_append_escaped(pi, l.p, linelen);
	}
	node = tree_add(t, 0, &fields[F_PROTO], base, (uint32_t)total);
	tree_flag(t, tree_add_uint(t, node, &fields[F_REQUEST], base, 0, is_request), TN_HIDDEN);
	tree_flag(t, tree_add_uint(t, node, &fields[F_RESPONSE], base, 0, !is_request), TN_HIDDEN);
	rr = add_line(d, node, payload, 0, next);
	if (!rr)
		rr = node;

	if (is_request) {
		size_t tok = textline_token(payload, 0, linelen, &arg_at);
		char line[FTP_TEXT_MAX];
		arg_string(payload, 0, linelen, line, sizeof(line));
		if (tok)
			add_ascii(d, rr, F_REQ_CMD, payload, 0, tok);
		if (arg_at < linelen)
			add_ascii(d, rr, F_REQ_ARG, payload, arg_at, linelen - arg_at);
		arg_string(payload, arg_at, linelen - arg_at, args, sizeof(args));
		data_command(d, cv, line);	/* before this line announces another */
		if (tok && tok <= 4 && memcmp(line, "PORT", tok) == 0) {
			uint32_t ip;
			uint16_t port;
			unsigned at, il, pl;
			if (parse_port_pasv(args, &ip, &port, &at, &il, &pl)) {
				uint8_t a[4] = { (uint8_t)(ip >> 24), (uint8_t)(ip >> 16), (uint8_t)(ip >> 8), (uint8_t)ip };
				tree_add_addr(t, rr, &fields[F_ACTIVE_IP], base + at + (uint32_t)tok + 1, il, a);
				tree_add_uint(t, rr, &fields[F_ACTIVE_PORT], base + at + 1 + (uint32_t)tok + 1 + il, pl, port);
				if (pi->net_src.type != AT_IPv4 || memcmp(pi->net_src.a, a, 4) != 0)
					tree_add_uint(t, rr, &fields[F_ACTIVE_NAT], base, 0, 1);
				expect(d, cv, &pi->net_dst, 20, AT_IPv4, a, "PORT");
			}
		} else if (tok && tok <= 4 && memcmp(line, "EPRT", tok) == 0) {
			struct eprt e;
			memset(&e, 0, sizeof(e));
			if (parse_eprt(args, &e)) {
				uint32_t o = base + (uint32_t)tok + 2;
				tree_add_uint(t, rr, &fields[F_EPRT_AF], o, 1, e.af);
				o += 2;
				tree_add_addr(t, rr, &fields[e.af == 1 ? F_EPRT_IP : F_EPRT_IPV6], o, e.ip_len, e.addr);
				o += e.ip_len + 1;
				tree_add_uint(t, rr, &fields[F_EPRT_PORT], o, e.port_len, e.port);
				expect(d, cv, &pi->net_src, e.port, e.af == 1 ? AT_IPv4 : AT_IPv6, e.addr, "EPRT");
			} else
				bad_args(d, rr, F_EPRT_INVALID, base + (uint32_t)arg_at, (uint32_t)(linelen - arg_at));
		}
		copy_str(cv->last_cmd, line, strlen(line));
		if (linelen == 8 && memcmp(line, "AUTH TLS", 8) == 0)
			cv->tls_requested = 1;
	} else {
		int has_code = linelen >= 3;
		for (size_t i = 0; i < 3 && has_code; i++) {
			uint8_t ch = cur_peek(payload, i);
			has_code = ch >= '0' && ch <= '9';
		}
		arg_at = 0;
		if (has_code) {
			uint32_t cn;
			code = (unsigned)(cur_peek(payload, 0) - '0') * 100 + (unsigned)(cur_peek(payload, 1) - '0') * 10 +
			    (unsigned)(cur_peek(payload, 2) - '0');
			cn = tree_add_uint(t, rr, &fields[F_RSP_CODE], base, 3, code);
			if (code == 234 && cv->tls_requested) {
				cv->tls = 1;
				cv->tls_requested = 0;
			}
			if (code == 250 && (strncmp(cv->last_cmd, "CWD ", 4) == 0 || strncmp(cv->last_cmd, "CDUP", 4) == 0))
				cwd_change(cv, cv->last_cmd[1] == 'W' ? cv->last_cmd + 4 : "..");
			if (code == 257 && linelen >= 4) {
				char dir[FTP_TEXT_MAX];
				if (pwd_dir(payload, 4, linelen - 4, dir))
					copy_str(cv->cwd, dir, strlen(dir));
				else if (tree_text(t))
					dissect_expert(d, cn, &fields[F_PWD_INVALID], SEV_ERROR, "Malformed",
					    fields[F_PWD_INVALID].name);
			}
			arg_at = linelen >= 4 ? 4 : linelen;
		}
		if (arg_at < linelen)
			add_ascii(d, rr, F_RSP_ARG, payload, arg_at, linelen - arg_at);
		arg_string(payload, arg_at, linelen - arg_at, args, sizeof(args));
		if (code == 227 && arg_at < linelen) {
			uint32_t ip;
			uint16_t port;
			unsigned at, il, pl;
			if (parse_port_pasv(args, &ip, &port, &at, &il, &pl)) {
				uint8_t a[4] = { (uint8_t)(ip >> 24), (uint8_t)(ip >> 16), (uint8_t)(ip >> 8), (uint8_t)ip };
				tree_add_addr(t, rr, &fields[F_PASV_IP], base + at + 4, il, a);
				tree_add_uint(t, rr, &fields[F_PASV_PORT], base + at + 4 + 1 + il, pl, port);
				if (pi->net_src.type != AT_IPv4 || memcmp(pi->net_src.a, a, 4) != 0)
					tree_add_uint(t, rr, &fields[F_PASV_NAT], base, 0, 1);
				{
					struct address pa = { AT_IPv4, { 0 } };
					memcpy(pa.a, a, 4);
					expect(d, cv, &pa, port, pi->net_dst.type, pi->net_dst.a, "PASV");
				}
			}
		} else if (code == 229 && arg_at < linelen) {
			uint16_t port;
			unsigned at, pl;
			if (parse_epsv(args, &port, &at, &pl)) {
				if (pi->net_src.type == AT_IPv4)
					tree_flag(t, tree_add_addr(t, rr, &fields[F_EPSV_IP], base, 0, pi->net_src.a), TN_GENERATED);
				else if (pi->net_src.type == AT_IPv6)
					tree_flag(t, tree_add_addr(t, rr, &fields[F_EPSV_IPV6], base, 0, pi->net_src.a), TN_GENERATED);
				tree_add_uint(t, rr, &fields[F_EPSV_PORT], base + at + 4, pl, port);
				expect(d, cv, &pi->net_src, port, pi->net_dst.type, pi->net_dst.a, "EPASV");
			} else
				bad_args(d, rr, F_EPSV_INVALID, base + (uint32_t)arg_at, (uint32_t)(linelen - arg_at));
		}
	}

	/* the other lines, as text */
	for (size_t at = next; at < total; at = next) {
		textline_end(payload, at, &next);
		add_line(d, node, payload, at, next - at);
	}
	tree_flag(t, tree_add_bytes(t, 0, &fields[F_CWD], base, 0, tree_keep(t, cv->cwd, (uint32_t)strlen(cv->cwd)),
	    (uint32_t)strlen(cv->cwd)), TN_GENERATED);
	return 1;
}
