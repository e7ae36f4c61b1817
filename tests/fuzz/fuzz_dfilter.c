/* fuzz_dfilter.c — the display-filter compiler on arbitrary text: it must refuse or
 * compile without crashing, hanging or leaking; an error's column lies in the text;
 * a compiled filter dumps and applies to a small packet. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dissect/session.h"
#include "dissect/dissect.h"
#include "dissect/registry.h"
#include "filter/dfilter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Ethernet / IPv4 / UDP 53 with a few payload bytes. */
static const uint8_t frame[] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00,
	0x45, 0x00, 0x00, 0x24, 0x00, 0x01, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
	10, 0, 0, 1, 10, 0, 0, 2,
	0x13, 0x88, 0x00, 0x35, 0x00, 0x10, 0x00, 0x00,
	'G', 'E', 'T', ' ', '/', ' ', 'x', 'y',
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct dfilter_error err;
	struct dfilter *f;
	char buf[1024];

	if (size > 8192) {
		free(text);
		return 0;
	}
	memcpy(text, data, size);
	text[size] = '\0';
	reg_init();
	f = dfilter_compile(text, &err);
	if (!f) {
		if (!err.msg[0] || err.col < 0 || (size_t)err.col > strlen(text) || err.len < 1)
			abort();
		dfilter_error_format(text, &err, buf, sizeof(buf));
	} else {
		uint8_t *interest = calloc(((size_t)reg_count() + 7) / 8, 1);
		struct dtree *t = tree_new(0);
		struct session *sess = session_new(0);
		struct pinfo pi;
		struct dctx d = { .tree = t, .pi = &pi, .sess = sess, .frag = sess->frag };

		dfilter_dump(f, buf, sizeof(buf));
		dfilter_interest(f, interest);
		memset(&pi, 0, sizeof(pi));
		pi.num = 1;
		pi.caplen = pi.len = sizeof(frame);
		pi.linktype = 1;
		tree_set_interest(t, interest);
		dissect_frame(&d, frame);
		(void)dfilter_apply(f, t, &pi);
		tree_free(t);
		t = tree_new(1);
		d.tree = t;
		dissect_frame(&d, frame);
		(void)dfilter_apply(f, t, &pi);
		tree_free(t);
		session_free(sess);
		free(interest);
		dfilter_free(f);
	}
	free(text);
	return 0;
}
