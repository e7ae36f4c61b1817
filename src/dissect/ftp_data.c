/* ftp_data.c — FTP data connections (RFC 959): the bytes of a file or a directory
 * listing on the connection a PORT/PASV/EPRT/EPSV exchange announced (ftp.c), or on
 * TCP port 20.
 *
 * As Wireshark 4.0: every segment is shown on its own as "FTP Data (N bytes data)", with
 * the announcing frame, method and command and the working directory then; a segment
 * whose first 20 bytes are printable is shown line by line (Line-based text data).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strvis.h"
#include "core/xmalloc.h"
#include "dissect/ftp.h"
#include "dissect/protos.h"
#include "dissect/session.h"
#include "dissect/tcp_payload.h"
#include "dissect/textline.h"

enum { D_PROTO, D_SETUP_FRAME, D_SETUP_METHOD, D_COMMAND, D_COMMAND_FRAME, D_CWD };

static const struct field_def fields[] = {
	[D_PROTO] = { "ftp-data", "FTP Data", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"An FTP data connection: a file or a directory listing.", 0 },
	[D_SETUP_FRAME] = { "ftp-data.setup-frame", "Setup frame", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"Where ftp-data conversation was signalled", 0 },
	[D_SETUP_METHOD] = { "ftp-data.setup-method", "Setup method", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Method used to set up data conversation", 0 },
	[D_COMMAND] = { "ftp-data.command", "Command", FT_STRING, BASE_NONE, 0, 0, NULL,
		"Command that this data stream answers", 0 },
	[D_COMMAND_FRAME] = { "ftp-data.command-frame", "Command frame", FT_FRAMENUM, BASE_NONE, 0, 0, NULL,
		"Where command for this data was seen", 0 },
	[D_CWD] = { "ftp-data.current-working-directory", "Current working directory", FT_STRING, BASE_NONE,
		0, 0, NULL, "Current working directory at time of command", 0 },
};

static int ftp_data_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti);
static int ftp_data_heuristic(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti);

static const struct field_table ftp_data_table = REG_TABLE(fields);
static const struct handoff ftp_data_handoffs[] = {
	{ HO_TCP_PORT, 20, .tcp = ftp_data_tcp_payload },
	{ HO_TCP_HEUR, .tcp = ftp_data_heuristic },
};
const struct proto_reg ftp_data_proto = REG_PROTO(ftp_data_table, ftp_data_handoffs);

/* ---- the announced connections ---- */

struct ftp_data_list {
	struct ftp_data_conv *v;
	size_t n, cap;
};

static void list_release(void *p)
{
	struct ftp_data_list *l = p;

	free(l->v);
	free(l);
}

uint32_t ftp_data_expect(struct dctx *d, const struct address *a, uint16_t port_a,
    const struct address *b, const char *method, const char *cwd)
{
	struct ftp_data_list *l;
	struct ftp_data_conv *c;

	if (!d->sess || d->pi->visited)
		return 0;
	l = session_slot(d->sess, SESS_SLOT_FTP_DATA, sizeof(*l), list_release);
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	c = &l->v[l->n++];
	memset(c, 0, sizeof(*c));
	c->a = *a;
	c->b = *b;
	c->port_a = port_a;
	c->setup_frame = d->pi->num;
	c->method = method;
	snprintf(c->cwd, sizeof(c->cwd), "%s", cwd);
	return (uint32_t)l->n;
}

struct ftp_data_conv *ftp_data_get(struct dctx *d, uint32_t k)
{
	struct ftp_data_list *l;

	if (!d->sess || !k)
		return NULL;
	l = session_slot(d->sess, SESS_SLOT_FTP_DATA, sizeof(*l), list_release);
	return k <= l->n ? &l->v[k - 1] : NULL;
}

static int addr_eq(const struct address *x, const struct address *y)
{
	size_t n = x->type == AT_IPv4 ? 4 : 16;

	return x->type == y->type && (x->type == AT_IPv4 || x->type == AT_IPv6) && memcmp(x->a, y->a, n) == 0;
}

const struct ftp_data_conv *ftp_data_find(struct dctx *d)
{
	const struct pinfo *pi = d->pi;
	struct ftp_data_list *l;

	if (!d->sess)
		return NULL;
	l = session_slot(d->sess, SESS_SLOT_FTP_DATA, sizeof(*l), list_release);
	for (size_t i = l->n; i-- > 0;) {
		const struct ftp_data_conv *c = &l->v[i];
		if (c->setup_frame >= pi->num)
			continue;
		if ((addr_eq(&pi->net_src, &c->a) && pi->srcport == c->port_a && addr_eq(&pi->net_dst, &c->b)) ||
		    (addr_eq(&pi->net_dst, &c->a) && pi->dstport == c->port_a && addr_eq(&pi->net_src, &c->b)))
			return c;
	}
	return NULL;
}

/* ---- the dissector ---- */

static void text_lines(struct dctx *d, const struct cur *c)
{
	static const struct field_def *tl;
	struct dtree *t = d->tree;
	size_t at = 0, n = cur_left(c), next;
	uint32_t node, lines = 0;

	pi_push_proto(d->pi, "data-text-lines");
	if (!tl)
		tl = reg_lookup("data-text-lines");
	node = tl ? tree_add(t, 0, tl, cur_off(c), (uint32_t)n) : 0;
	if (!tree_text(t) || !node)
		return;
	while (at < n) {
		char buf[1024];
		struct cur l = cur_at(c, at);
		textline_end(c, at, &next);
		strvis(buf, sizeof(buf), l.p, next - at, STRVIS_WIRE);
		tree_add_text(t, node, cur_off(c) + (uint32_t)at, (uint32_t)(next - at), "%s", buf);
		at = next;
		lines++;
	}
	tree_label(t, node, "Line-based text data (%u lines)", lines);
}

static int dissect(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti,
    const struct ftp_data_conv *c)
{
	struct pinfo *pi = d->pi;
	struct dtree *t = d->tree;
	size_t n = cur_left(payload);
	uint32_t node, base = cur_off(payload);
	int is_text = 1;

	if (ti->out_of_order)
		return 1;	/* tshark shows the TCP payload only */
	pi_push_proto(pi, "ftp-data");
	col_set_proto(pi, "FTP-DATA");
	col_clear(pi);
	col_append_uint(pi, "FTP Data: ", ti->nxtseq - ti->seq);
	col_append_str(pi, " bytes");
	node = tree_add(t, 0, &fields[D_PROTO], base, (uint32_t)n);
	tree_label(t, node, "FTP Data (%u bytes data)", (unsigned)n);
	if (c) {
		tree_flag(t, tree_add_uint(t, 0, &fields[D_SETUP_FRAME], base, 0, c->setup_frame), TN_GENERATED);
		tree_flag(t, tree_add_bytes(t, 0, &fields[D_SETUP_METHOD], base, 0, (const uint8_t *)c->method,
		    (uint32_t)strlen(c->method)), TN_GENERATED | TN_CLEAN);
		col_append_str(pi, " (");
		col_append_str(pi, c->method);
		col_append_str(pi, ")");
		if (c->command[0]) {
			tree_flag(t, tree_add_bytes(t, 0, &fields[D_COMMAND], base, 0,
			    tree_keep(t, c->command, (uint32_t)strlen(c->command)), (uint32_t)strlen(c->command)),
			    TN_GENERATED);
			col_append_str(pi, " (");
			col_append_escaped(pi, (const uint8_t *)c->command, strlen(c->command));
			col_append_str(pi, ")");
			tree_add_uint(t, 0, &fields[D_COMMAND_FRAME], base, 0, c->command_frame);
		}
		tree_flag(t, tree_add_bytes(t, 0, &fields[D_CWD], base, 0,
		    tree_keep(t, c->cwd, (uint32_t)strlen(c->cwd)), (uint32_t)strlen(c->cwd)), TN_GENERATED);
	}
	for (size_t i = 0; i < n && i < 20; i++) {
		uint8_t ch = cur_peek(payload, i);
		if (ch != '\r' && ch != '\n' && (ch < 0x20 || ch > 0x7e)) {
			is_text = 0;
			break;
		}
	}
	if (is_text)
		text_lines(d, payload);
	return 1;
}

static int ftp_data_tcp_payload(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti)
{
	if (ti->no_subdissector || !cur_left(payload))
		return 0;
	return dissect(d, payload, ti, ftp_data_find(d));
}

static int ftp_data_heuristic(struct dctx *d, struct cur *payload, const struct tcp_payload_info *ti)
{
	const struct ftp_data_conv *c;

	if (ti->no_subdissector || !cur_left(payload))
		return 0;
	c = ftp_data_find(d);
	return c ? dissect(d, payload, ti, c) : 0;
}
