/* capcount.c — reads a capture with capfile and prints what tshark would count.
 *
 *   capcount FILE        "count first_epoch last_epoch" ("-" for no packets), the
 *                        times formatted exactly like tshark's frame.time_epoch
 *   capcount -v FILE     one line per packet: number, epoch, caplen, len, linktype, ifid
 *   capcount -b FILE     benchmark: read every packet, touch one byte of each, print
 *                        count and elapsed seconds
 * A read error goes to stderr after the output; the exit status is 0 when the file
 * opened (damage included, as tshark prints the packets before it), 1 otherwise.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "capture/capfile.h"

int main(int argc, char **argv)
{
	char err[CAPFILE_ERRBUF_SIZE], first[48] = "-", last[48] = "-";
	int verbose = 0, bench = 0, r;
	struct capfile *cf;
	struct pkt_rec rec;
	uint64_t n = 0, sum = 0;
	struct timespec t0, t1;

	if (argc == 3 && strcmp(argv[1], "-v") == 0)
		verbose = 1;
	else if (argc == 3 && strcmp(argv[1], "-b") == 0)
		bench = 1;
	else if (argc != 2) {
		fprintf(stderr, "usage: capcount [-v|-b] FILE\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!(cf = capfile_open(argv[argc - 1], err))) {
		fprintf(stderr, "capcount: %s\n", err);
		return 1;
	}
	while ((r = capfile_next(cf, &rec, err)) == 1) {
		n++;
		if (bench) {
			sum += rec.caplen ? rec.data[rec.caplen - 1] : 0;
			continue;
		}
		if (rec.flags & CAPFILE_REC_NO_TS)
			strcpy(last, "none");
		else
			capfile_epoch_str(last, sizeof(last), rec.ts_sec, rec.ts_nsec);
		if (n == 1)
			memcpy(first, last, sizeof(first));
		if (verbose)
			printf("%" PRIu64 " %s %" PRIu32 " %" PRIu32 " %d %" PRIu32 "\n", n, last,
			       rec.caplen, rec.len, rec.linktype, rec.ifid);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (bench)
		printf("%" PRIu64 " packets in %.3f s (checksum %" PRIu64 ")\n", n,
		       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, sum);
	else if (!verbose)
		printf("%" PRIu64 " %s %s\n", n, first, last);
	if (r < 0)
		fprintf(stderr, "capcount: %s\n", err);
	capfile_close(cf);
	return 0;
}
