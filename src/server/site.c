/* site.c — the personal page the lab asks for, compiled into the binary; see site.h.
 *
 * The page is what the students' reports show: major, student ID, name and a logo, one
 * report's stylesheet with an animated border, the other's self-introduction audio, and
 * a script opening a WebSocket like Vite's hot-reload client does.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/sha1.h"
#include "core/xmalloc.h"
#include "server/site.h"

static const char page_fmt[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"en\">\n"
	"<head>\n"
	"<meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<title>%s &middot; networks lab</title>\n"
	"<link rel=\"stylesheet\" href=\"/style.css\">\n"
	"</head>\n"
	"<body>\n"
	"<main class=\"card\">\n"
	"<img class=\"logo\" src=\"/logo.png\" width=\"64\" height=\"64\" alt=\"logo\">\n"
	"<h1>%s</h1>\n"
	"<dl>\n"
	"<dt>Major</dt><dd>%s</dd>\n"
	"<dt>Student ID</dt><dd>%s</dd>\n"
	"<dt>Name</dt><dd>%s</dd>\n"
	"</dl>\n"
	"<p>Served by netlab-tui's built-in web server. Capture this page's traffic on the\n"
	"loopback interface and follow the TCP handshake, the HTTP requests and the teardown.</p>\n"
	"<p><audio controls preload=\"none\" src=\"/hello.wav\">self-introduction</audio></p>\n"
	"<p class=\"ws\">WebSocket: <span id=\"ws\">connecting&hellip;</span></p>\n"
	"</main>\n"
	"<script src=\"/app.js\"></script>\n"
	"</body>\n"
	"</html>\n";

static const char style_css[] =
	"body { font-family: system-ui, sans-serif; background: #f4f7f7; color: #123;\n"
	"       display: flex; justify-content: center; margin: 3em 1em; }\n"
	".card { max-width: 36em; padding: 1.5em 2em; background: #fff; border-radius: 12px;\n"
	"        border: 4px solid #1e96a0; animation: glow 3s linear infinite; }\n"
	"@keyframes glow {\n"
	"  0%   { border-color: #1e96a0; }\n"
	"  50%  { border-color: #f0aa28; }\n"
	"  100% { border-color: #1e96a0; }\n"
	"}\n"
	".logo { float: right; }\n"
	"dt { font-weight: bold; float: left; clear: left; width: 7em; }\n"
	"dd { margin: 0 0 .4em 7em; }\n"
	".ws { color: #567; font-size: .9em; }\n";

static const char app_js[] =
	"// Opens the page's WebSocket like a dev server's hot-reload client.\n"
	"(function () {\n"
	"  var out = document.getElementById('ws');\n"
	"  var ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') +\n"
	"                         location.host + '/ws');\n"
	"  ws.onopen = function () { ws.send('hello from the browser'); };\n"
	"  ws.onmessage = function (e) { out.textContent = e.data; };\n"
	"  ws.onclose = function () { out.textContent += ' (closed)'; };\n"
	"})();\n";

static const struct {
	const char *ext;
	const char *type;
} mimes[] = {
	{ "html", "text/html; charset=utf-8" },
	{ "htm", "text/html; charset=utf-8" },
	{ "css", "text/css; charset=utf-8" },
	{ "js", "text/javascript; charset=utf-8" },
	{ "mjs", "text/javascript; charset=utf-8" },
	{ "json", "application/json" },
	{ "txt", "text/plain; charset=utf-8" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "svg", "image/svg+xml" },
	{ "ico", "image/x-icon" },
	{ "webp", "image/webp" },
	{ "wav", "audio/wav" },
	{ "mp3", "audio/mpeg" },
	{ "m4a", "audio/mp4" },
	{ "ogg", "audio/ogg" },
	{ "mp4", "video/mp4" },
	{ "pdf", "application/pdf" },
	{ "wasm", "application/wasm" },
};

const char *site_mime(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	if (dot && (!slash || dot > slash))
		for (size_t i = 0; i < sizeof(mimes) / sizeof(mimes[0]); i++)
			if (strcasecmp(dot + 1, mimes[i].ext) == 0)
				return mimes[i].type;
	return "application/octet-stream";
}

/* HTML-escapes s into a new string. */
static char *html_escape(const char *s)
{
	size_t n = 0;
	char *out, *o;

	for (const char *p = s; *p; p++)
		n += strchr("&<>\"'", *p) ? 6 : 1;
	out = o = xmalloc(n + 1);
	for (const char *p = s; *p; p++) {
		const char *e = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" :
		    *p == '"' ? "&quot;" : *p == '\'' ? "&#39;" : NULL;
		if (e)
			o += sprintf(o, "%s", e);
		else
			*o++ = *p;
	}
	*o = '\0';
	return out;
}

static void add(struct site *s, const char *path, const char *ctype, const void *data, size_t len)
{
	struct site_res *r = &s->res[s->n++];
	uint8_t d[SHA1_LEN];

	r->path = path;
	r->ctype = ctype;
	r->data = data;
	r->len = len;
	sha1(data, len, d);
	snprintf(r->etag, sizeof(r->etag), "\"%02x%02x%02x%02x%02x%02x%02x%02x\"",
	    d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
}

void site_build(struct site *s, const char *name, const char *student_id, const char *major)
{
	char *n = html_escape(name ? name : "Your Name");
	char *id = html_escape(student_id ? student_id : "20XX000000");
	char *m = html_escape(major ? major : "Your Major");

	memset(s, 0, sizeof(*s));
	s->page = xasprintf(page_fmt, n, n, m, id, n);
	free(n);
	free(id);
	free(m);
	add(s, "/", "text/html; charset=utf-8", s->page, strlen(s->page));
	s->res[s->n] = s->res[s->n - 1];
	s->res[s->n++].path = "/index.html";
	add(s, "/style.css", "text/css; charset=utf-8", style_css, sizeof(style_css) - 1);
	add(s, "/app.js", "text/javascript; charset=utf-8", app_js, sizeof(app_js) - 1);
	add(s, "/logo.png", "image/png", site_logo_png, site_logo_png_len);
	add(s, "/hello.wav", "audio/wav", site_hello_wav, site_hello_wav_len);
}

void site_free(struct site *s)
{
	free(s->page);
	s->page = NULL;
	s->n = 0;
}

const struct site_res *site_find(const struct site *s, const char *path)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->res[i].path, path) == 0)
			return &s->res[i];
	return NULL;
}
