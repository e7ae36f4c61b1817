/* fuzz_dissect.c — the frame dissector on arbitrary bytes.
 *
 * Input: 4 bytes choosing the link type (index into `links`, modulo its size), then
 * the frame.  Each frame is dissected twice in one session (so UDP/TCP state builds
 * up across inputs of a run) with a full text tree, and every node is formatted as
 * -T fields and as its -V label; the tree and hex printers write to /dev/null. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dissect/session.h"
#include "dissect/dissect.h"
#include "dissect/fvalue.h"
#include "dissect/registry.h"
#include "print/print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int links[] = { 1, 0, 108, 113, 276, 101, 228, 229, 12, 14, 147, 10, 253 };

static struct session *sess;
static struct dtree *tree;
static FILE *devnull;
static uint32_t num;
static uint32_t serial;	/* pinfo.serial across inputs, as batch mode and the TUI keep it:
			 * a revisit's replayed state (frame_state_get) is per dissection */

static void cleanup(void)
{
	session_free(sess);
	tree_free(tree);
	if (devnull)
		fclose(devnull);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pinfo pi;
	struct dctx d;
	char buf[4096];
	uint8_t *frame;

	if (!tree) {
		reg_init();
		sess = session_new(1);
		tree = tree_new(1);
		devnull = fopen("/dev/null", "w");
		atexit(cleanup);
	}
	if (size < 4)
		return 0;
	uint32_t sel = (uint32_t)data[0] | (uint32_t)data[1] << 8;
	size -= 4;
	data += 4;
	/* an exact-size copy so ASan sees any read past the end */
	frame = malloc(size ? size : 1);
	memcpy(frame, data, size);
	for (int pass = 0; pass < 2; pass++) {
		memset(&pi, 0, sizeof(pi));
		memset(&d, 0, sizeof(d));
		pi.num = ++num;
		pi.ts = (int64_t)num * 1000;
		pi.caplen = (uint32_t)size;
		pi.len = (uint32_t)size + (pass ? 100 : 0);
		pi.linktype = links[sel % (sizeof(links) / sizeof(links[0]))];
		pi.want_cols = 1;
		pi.visited = pass;
		pi.serial = serial;
		d.tree = tree;
		d.pi = &pi;
		d.sess = sess;
		d.frag = sess->frag;
		tree_reset(tree);
		dissect_frame(&d, frame);
		serial = pi.serial;
		for (uint32_t i = 1; i < tree->n; i++) {
			fv_fields(tree, &tree->nodes[i], buf, sizeof(buf));
			fv_label(tree, &tree->nodes[i], buf, sizeof(buf));
		}
		if (devnull) {
			print_tree(devnull, tree, 1, NULL);
			print_hex(devnull, tree);
		}
		if (strlen(pi.info) != (size_t)pi.info_len)
			abort();
	}
	free(frame);
	return 0;
}
