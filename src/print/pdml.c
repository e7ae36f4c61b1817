/* pdml.c — -T pdml and -T psml: the field tree and the summary columns as tshark's
 * XML documents (Packet Details / Packet Summary Markup Language).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "core/timefmt.h"
#include "dissect/fvalue.h"
#include "print/doc.h"

/* The release whose documents these are: readers check the creator. */
#define DOC_CREATOR "wireshark/4.0.17"

static const char xml_head[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

/* XML's escapes as tshark writes them (control bytes stay as they are). */
static const char *const xml_esc[128] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#x27;",
};

/* ascii: a string from the wire, each byte above 0x7f a U+FFFD (doc_ascii). */
static void xml_str_as(struct obuf *b, const char *s, size_t k, int ascii)
{
	for (size_t i = 0; i < k; i++) {
		uint8_t c = (uint8_t)s[i];
		if (c < 0x80 && xml_esc[c])
			ob_puts(b, xml_esc[c]);
		else if (c >= 0x80 && ascii)
			ob_putn(b, "\xef\xbf\xbd", 3);
		else
			ob_putc(b, (char)c);
	}
}

static void xml_str(struct obuf *b, const char *s, size_t k)
{
	xml_str_as(b, s, k, 0);
}

static void xml_cstr(struct obuf *b, const char *s)
{
	xml_str(b, s, strlen(s));
}

/* ---- -T psml ---- */

static const char *const psml_columns[] = {
	"No.", "Time", "Source", "Destination", "Protocol", "Length", "Info",
};

static void section(struct obuf *b, const char *s)
{
	ob_puts(b, "<section>");
	xml_cstr(b, s);
	ob_puts(b, "</section>\n");
}

void psml_head(struct obuf *b, const char *capture_file)
{
	(void)capture_file;
	ob_puts(b, xml_head);
	ob_puts(b, "<psml version=\"0\" creator=\"" DOC_CREATOR "\">\n<structure>\n");
	for (size_t i = 0; i < sizeof(psml_columns) / sizeof(psml_columns[0]); i++)
		section(b, psml_columns[i]);
	ob_puts(b, "</structure>\n\n");
}

void psml_packet(struct obuf *b, const struct doc_pkt *p)
{
	struct columns c;

	print_columns(p->pi, &p->o->time, &c);
	const char *const cells[] = { c.no, c.time, c.src, c.dst, c.proto, c.len, c.info };
	ob_puts(b, "<packet>\n");
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++)
		section(b, cells[i]);
	ob_puts(b, "</packet>\n\n");
}

/* ---- -T pdml ---- */

void pdml_head(struct obuf *b, const char *capture_file)
{
	time_t now = time(NULL);
	struct tm tm;
	char when[64];

	if (!localtime_r(&now, &tm) || !strftime(when, sizeof(when), "%a %b %e %H:%M:%S %Y", &tm))
		when[0] = '\0';
	ob_puts(b, xml_head);
	ob_puts(b, "<?xml-stylesheet type=\"text/xsl\" href=\"pdml2html.xsl\"?>\n"
	    "<!-- You can find pdml2html.xsl in /usr/share/wireshark or at "
	    "https://gitlab.com/wireshark/wireshark/-/raw/master/pdml2html.xsl. -->\n"
	    "<pdml version=\"0\" creator=\"" DOC_CREATOR "\" time=\"");
	xml_cstr(b, when);
	ob_puts(b, "\"");
	if (capture_file) {
		ob_puts(b, " capture_file=\"");
		xml_cstr(b, capture_file);
		ob_puts(b, "\"");
	}
	ob_puts(b, ">\n");
}

static void attr(struct obuf *b, const char *name, const char *v, size_t k)
{
	ob_putc(b, ' ');
	ob_puts(b, name);
	ob_puts(b, "=\"");
	xml_str(b, v, k);
	ob_putc(b, '"');
}

static void attr_u(struct obuf *b, const char *name, uint64_t v)
{
	char num[24];

	attr(b, name, num, (size_t)snprintf(num, sizeof(num), "%" PRIu64, v));
}

/* The node's bytes in hex, without separators (value=, unmaskedvalue=). */
static void attr_hex(struct obuf *b, const char *name, const struct dtree *t,
    const struct fnode *n, struct obuf *scratch)
{
	uint32_t k;
	const uint8_t *p = fv_node_bytes(t, n, &k);
	size_t len;
	const char *hex = doc_hex(scratch, p, k, 0, &len);

	attr(b, name, hex, len);
}

/* The label as -V shows it, but without a generated node's brackets (tshark adds them
 * when it prints text; PDML has the bare label). */
static void attr_label(struct obuf *b, const char *name, const struct dtree *t,
    const struct fnode *n)
{
	struct fnode plain = *n;
	char label[4096];

	plain.flags &= (uint16_t)~TN_GENERATED;
	attr(b, name, label, fv_label(t, &plain, label, sizeof(label)));
}

/* How tshark writes a node: protocols as <proto>, except two it writes as fields. */
enum pdml_kind { PK_FIELD, PK_PROTO, PK_PROTO_FIELD, PK_DATA };

static enum pdml_kind node_kind(const struct field_def *f)
{
	static const struct {
		const char *abbrev;
		enum pdml_kind kind;
	} special[] = {
		{ "_ws.expert", PK_PROTO_FIELD },	/* <field name= showname= size= pos=> */
		{ "data", PK_DATA },			/* <field name="data" value=> */
	};

	if (!f || f->type != FT_PROTOCOL)
		return PK_FIELD;
	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		if (strcmp(f->abbrev, special[i].abbrev) == 0)
			return special[i].kind;
	return PK_PROTO;
}

static void pdml_children(struct obuf *b, const struct doc_pkt *p, uint32_t first, int depth);

/* The Data protocol as tshark writes it: a field of its bytes, its closing tag one
 * level out. */
static void pdml_data(struct obuf *b, const struct doc_pkt *p, const struct fnode *n, int depth)
{
	ob_indent(b, 2 * depth);
	ob_puts(b, "<field name=\"data\"");
	attr_hex(b, "value", p->t, n, p->scratch);
	ob_puts(b, ">\n");
	pdml_children(b, p, n->first, depth + 1);
	ob_indent(b, 2 * (depth - 1));
	ob_puts(b, "</field>\n");
}

static void pdml_node(struct obuf *b, const struct doc_pkt *p, uint32_t i, int depth)
{
	const struct dtree *t = p->t;
	const struct fnode *n = &t->nodes[i];
	const struct field_def *f = n->f;
	enum pdml_kind kind = node_kind(f);
	int proto = kind == PK_PROTO;
	const uint8_t *v;
	size_t vn;

	if (kind == PK_DATA) {
		pdml_data(b, p, n, depth);
		return;
	}
	ob_indent(b, 2 * depth);
	ob_puts(b, proto ? "<proto" : "<field");
	attr(b, "name", f ? f->abbrev : "", f ? strlen(f->abbrev) : 0);
	attr_label(b, f ? "showname" : "show", t, n);
	if (n->flags & TN_HIDDEN)
		ob_puts(b, " hide=\"yes\"");
	attr_u(b, "size", n->len);
	attr_u(b, "pos", n->off);
	if (!f) {
		if (n->len)
			attr_hex(b, "value", t, n, p->scratch);
	} else if (kind == PK_FIELD) {
		if (doc_value(p->scratch, t, n, ':', &v, &vn)) {
			ob_puts(b, " show=\"");
			xml_str_as(b, (const char *)v, vn, doc_ascii(n));
			ob_putc(b, '"');
		}
		else
			attr(b, "show", "", 0);
		if (f->mask && f->type != FT_NONE && !(f->flags & REG_F_DOC_NOMASK)) {
			char num[24];
			attr(b, "value", num, (size_t)snprintf(num, sizeof(num), "%" PRIX64, fv_uint(n)));
			attr_hex(b, "unmaskedvalue", t, n, p->scratch);
		} else if (n->len || f->type == FT_NONE)
			attr_hex(b, "value", t, n, p->scratch);
	}
	if (!n->first) {
		ob_puts(b, "/>\n");
		return;
	}
	ob_puts(b, ">\n");
	pdml_children(b, p, n->first, depth + 1);
	ob_indent(b, 2 * depth);
	ob_puts(b, proto ? "</proto>\n" : "</field>\n");
}

static void pdml_children(struct obuf *b, const struct doc_pkt *p, uint32_t first, int depth)
{
	for (uint32_t c = first; c; c = p->t->nodes[c].next)
		if (doc_shown(&p->t->nodes[c]))
			pdml_node(b, p, c, depth);
}

/* One of geninfo's fields: name, show, showname, value, size in tshark's order. */
static void geninfo_field(struct obuf *b, const char *name, const char *show, size_t kshow,
    const char *showname, const char *value, size_t kvalue, uint32_t size)
{
	ob_puts(b, "    <field");
	attr(b, "name", name, strlen(name));
	ob_puts(b, " pos=\"0\"");
	attr(b, "show", show, kshow);
	attr(b, "showname", showname, strlen(showname));
	attr(b, "value", value, kvalue);
	attr_u(b, "size", size);
	ob_puts(b, "/>\n");
}

/* tshark's first pseudo-protocol: number, lengths and time of the frame, each shown
 * in decimal with its value in hex. */
static void geninfo(struct obuf *b, const struct pinfo *pi)
{
	const struct {
		const char *name, *showname;
		uint32_t v;
	} nums[] = {
		{ "num", "Number", pi->num }, { "len", "Frame Length", pi->len },
		{ "caplen", "Captured Length", pi->caplen },
	};
	char show[64], value[64];

	ob_puts(b, "  <proto name=\"geninfo\" pos=\"0\" showname=\"General information\"");
	attr_u(b, "size", pi->caplen);
	ob_puts(b, ">\n");
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
		geninfo_field(b, nums[i].name, show, (size_t)snprintf(show, sizeof(show), "%u", nums[i].v),
		    nums[i].showname, value, (size_t)snprintf(value, sizeof(value), "%x", nums[i].v),
		    pi->caplen);
	geninfo_field(b, "timestamp", show, timefmt_abs(show, sizeof(show), pi->ts), "Captured Time",
	    value, timefmt_epoch(value, sizeof(value), pi->ts), pi->caplen);
	ob_puts(b, "  </proto>\n");
}

void pdml_packet(struct obuf *b, const struct doc_pkt *p)
{
	ob_puts(b, "<packet>\n");
	geninfo(b, p->pi);
	for (uint32_t i = p->t->nodes[0].first; i; i = p->t->nodes[i].next) {
		const struct fnode *n = &p->t->nodes[i];
		if (!doc_shown(n))
			continue;
		if (node_kind(n->f) == PK_PROTO) {
			pdml_node(b, p, i, 1);
			continue;
		}
		/* tshark's wrapper around an item at the top that is not a protocol */
		ob_puts(b, "  <proto name=\"fake-field-wrapper\">\n");
		pdml_node(b, p, i, 2);
		ob_puts(b, "  </proto>\n");
	}
	ob_puts(b, "</packet>\n\n\n");
}
