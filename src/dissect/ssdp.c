/* ssdp.c — Simple Service Discovery Protocol (UPnP), HTTP-formatted requests over
 * UDP port 1900 (multicast 239.255.255.250 / ff02::c).
 *
 *   M-SEARCH * HTTP/1.1\r\n            NOTIFY * HTTP/1.1\r\n       HTTP/1.1 200 OK\r\n
 *   HOST: 239.255.255.250:1900\r\n     NT: upnp:rootdevice\r\n     ST: …\r\n
 *   MAN: "ssdp:discover"\r\n …         NTS: ssdp:alive\r\n …       LOCATION: http://…
 *
 * Wireshark hands port 1900 to its HTTP dissector under the name SSDP; the Info column
 * is the first line and a space, as for HTTP, and the tree is HTTP's (http.* fields,
 * requests and responses paired per UDP stream) under SSDP's name: http_datagram.
 */
#include "config.h"

#include <string.h>

#include "dissect/http.h"
#include "dissect/protos.h"

static void dissect_ssdp(struct dctx *d, struct cur *c, uint32_t parent);

enum { S_PROTO };

static const struct field_def fields[] = {
	[S_PROTO] = { "ssdp", "Simple Service Discovery Protocol", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"UPnP discovery: devices announce themselves (NOTIFY) and answer searches (M-SEARCH) on UDP 1900.", 0 },
};
static const struct field_table ssdp_table = REG_TABLE(fields);
static const struct handoff ssdp_handoffs[] = {
	{ HO_UDP_PORT, 1900, .fn = dissect_ssdp },
};
const struct proto_reg ssdp_proto = REG_PROTO(ssdp_table, ssdp_handoffs);

static int is_first_line(const uint8_t *p, size_t n)
{
	static const char *const starts[] = { "M-SEARCH ", "NOTIFY ", "HTTP/1.", "SUBSCRIBE ", "GET " };

	for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		size_t k = strlen(starts[i]);
		if (n >= k && memcmp(p, starts[i], k) == 0)
			return 1;
	}
	return 0;
}

static void dissect_ssdp(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct pinfo *pi = d->pi;
	const uint8_t *p = c->p;
	size_t n = cur_left(c), l = 0;

	pi_push_proto(pi, "ssdp");
	col_set_proto(pi, "SSDP");
	col_clear(pi);
	while (l < n && p[l] != '\n')
		l++;
	if (l && p[l - 1] == '\r')
		l--;
	if (is_first_line(p, l)) {
		col_append_escaped(pi, p, l);
		col_append_str(pi, " ");
	} else
		col_append_str(pi, "Continuation");
	http_datagram(d, c, parent, &fields[S_PROTO]);
}
