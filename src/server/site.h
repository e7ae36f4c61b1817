/* site.h — the built-in lab site (personal page, stylesheet, logo, audio, script)
 * and the Content-Type table shared with --www.  Internal to src/server. */
#ifndef NETLAB_SITE_H
#define NETLAB_SITE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Last-Modified of every built-in resource: fixed, so conditional requests get 304
 * across restarts (Mon, 05 Sep 2022 08:00:00 GMT, the lab's term). */
#define SITE_MTIME ((time_t)1662364800)

struct site_res {
	const char *path;
	const char *ctype;
	const uint8_t *data;
	size_t len;
	char etag[24];		/* strong: "\"" + 16 hex of the SHA-1 of data + "\"" */
};

#define SITE_MAXRES 8

struct site {
	struct site_res res[SITE_MAXRES];
	int n;
	char *page;		/* owned: the generated index.html */
};

/* Builds the site; NULL fields get placeholders, the others are HTML-escaped. */
void site_build(struct site *s, const char *name, const char *student_id, const char *major);
void site_free(struct site *s);
/* The resource for a normalised path, or NULL (there is deliberately no /favicon.ico). */
const struct site_res *site_find(const struct site *s, const char *path);
/* Content-Type for a file name, from its extension. */
const char *site_mime(const char *path);

extern const unsigned char site_logo_png[];
extern const size_t site_logo_png_len;
extern const unsigned char site_hello_wav[];
extern const size_t site_hello_wav_len;

#endif
