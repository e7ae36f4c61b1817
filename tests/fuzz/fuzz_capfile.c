/* fuzz_capfile.c — the pcap/pcapng reader on arbitrary bytes.
 *
 * Reads the input from memory (the code path of mmap'd files) and, when it fits a
 * pipe, again as a stream; both must give the same packets and the same outcome.
 * Every byte of every packet is hashed so ASan sees a packet reaching outside the
 * input.
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/capfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct outcome {
	int opened;
	int end;
	uint64_t count;
	uint64_t digest;
	char err[CAPFILE_ERRBUF_SIZE];
};

static void drain(struct capfile *cf, size_t size, struct outcome *o)
{
	struct pkt_rec rec;
	char again[CAPFILE_ERRBUF_SIZE];
	int r;

	o->opened = 1;
	while ((r = capfile_next(cf, &rec, o->err)) == 1) {
		const struct capfile_iface *ifc = capfile_iface(cf, rec.ifid);
		uint64_t h = (uint64_t)rec.ts_sec * 31 + rec.ts_nsec + rec.len * 7u +
			     (uint64_t)rec.linktype + rec.ifid + rec.flags + rec.file_off;
		char ts[48];

		/* a pcapng custom block is a record of its own link type, on no interface */
		int block = rec.linktype == LINKTYPE_PCAPNG_BLOCK && rec.ifid == CAPFILE_IFID_NONE;

		if (rec.caplen > CAPFILE_MAX_CAPLEN || (!block && (!ifc || ifc->linktype != rec.linktype)) ||
		    rec.file_off + rec.caplen > size)
			abort();
		for (uint32_t i = 0; i < rec.caplen; i++)
			h = h * 131 + rec.data[i];
		capfile_epoch_str(ts, sizeof(ts), rec.ts_sec, rec.ts_nsec);
		o->digest = o->digest * 1000003 + h;
		o->count++;
	}
	o->end = r;
	if (capfile_next(cf, &rec, again) != r || (r < 0 && strcmp(again, o->err) != 0))
		abort();	/* the outcome is sticky */
	if (r == 0)
		o->err[0] = '\0';
	if (capfile_pos(cf) > size || capfile_count(cf) != o->count)
		abort();
	(void)capfile_format(cf);
	(void)capfile_linktype(cf);
	(void)capfile_iface_count(cf);
}

/* The input through a pipe as a stream; 0 when it does not fit one. */
static int read_as_stream(const uint8_t *data, size_t size, struct outcome *o)
{
	struct capfile *cf;
	int p[2];

	if (size > 1024 * 1024 || pipe2(p, O_CLOEXEC) < 0)
		return 0;
	if (size > 65536 && fcntl(p[1], F_SETPIPE_SZ, (int)size) < (int)size) {
		close(p[0]);
		close(p[1]);
		return 0;
	}
	if (size > 0 && write(p[1], data, size) != (ssize_t)size)
		abort();
	close(p[1]);
	cf = capfile_fdopen(p[0], "input", o->err);
	if (cf) {
		drain(cf, size, o);
		capfile_close(cf);
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct outcome mem, st;
	struct capfile *cf;

	memset(&mem, 0, sizeof(mem));
	memset(&st, 0, sizeof(st));
	cf = capfile_open_mem(data, size, "input", mem.err);
	if (cf) {
		drain(cf, size, &mem);
		capfile_close(cf);
	}
	if (read_as_stream(data, size, &st) &&
	    (st.opened != mem.opened || st.end != mem.end || st.count != mem.count ||
	     st.digest != mem.digest || strcmp(st.err, mem.err) != 0))
		abort();
	return 0;
}
