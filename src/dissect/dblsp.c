/* dblsp.c — Dropbox LAN sync Discovery Protocol: a JSON object broadcast on UDP 17500.
 *
 *   {"host_int": 123…, "version": [2, 0], "displayname": "", "port": 17500,
 *    "namespaces": [ … ]}
 *
 * Wireshark shows it as DB-LSP-DISC and hands the text to its JSON dissector, which takes
 * it when it tokenises (json_valid): then "DB-LSP-DISC/JSON" and the two names in Info.
 * The text is kept as one field.
 */
#include "config.h"

#include "dissect/json.h"
#include "dissect/protos.h"

static void dissect_dblsp_disc(struct dctx *d, struct cur *c, uint32_t parent);

enum { B_PROTO, B_TEXT, B_JSON };

static const struct field_def fields[] = {
	[B_PROTO] = { "db-lsp-disc", "Dropbox LAN sync Discovery Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Dropbox clients announcing themselves to each other on the local network (UDP 17500).", 0 },
	[B_TEXT] = { "db-lsp.text", "Text", FT_STRING, BASE_NONE, 0, 0, NULL,
		"The announcement: a JSON object with the host id, version, port and shared folders.", 0 },
	[B_JSON] = { "json", "JavaScript Object Notation", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Structured text: objects, arrays, strings and numbers.", 0 },
};
static const struct field_table dblsp_table = REG_TABLE(fields);
static const struct handoff dblsp_handoffs[] = {
	{ HO_UDP_PORT, 17500, .fn = dissect_dblsp_disc },
};
const struct proto_reg dblsp_proto = REG_PROTO(dblsp_table, dblsp_handoffs);

static void dissect_dblsp_disc(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	uint32_t start = cur_off(c), n = (uint32_t)cur_left(c), node;

	pi_push_proto(pi, "db-lsp-disc");
	col_set_proto(pi, "DB-LSP-DISC");
	col_clear(pi);
	col_append_str(pi, "Dropbox LAN sync Discovery Protocol");
	node = tree_add(d->tree, parent, &fields[B_PROTO], start, n);
	if (tree_wants(d->tree, &fields[B_TEXT]))
		dissect_add_stringz(d, node, &fields[B_TEXT], c, 0, n, 1);	/* ENC_ASCII */
	if (json_valid(c)) {	/* tshark's JSON dissector takes only what it can tokenise */
		pi_push_proto(pi, "json");
		col_set_proto(pi, "DB-LSP-DISC/JSON");
		col_append_str(pi, ", JavaScript Object Notation");
		tree_add(d->tree, parent, &fields[B_JSON], start, n);
	}
	cur_skip(c, n);
}
