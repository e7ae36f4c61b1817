/* batch_file.c — netlab-tui -r FILE in batch mode (tshark's output); see mode.h. */
#include "config.h"

#include <stdio.h>

#include "capture/capfile.h"
#include "capture/capture.h"
#include "capture/writer.h"
#include "mode/mode.h"

void mode_batch_config(const struct options *o, struct batch_config *cfg)
{
	cfg->verbose = o->verbose;
	cfg->detail_only = o->detail_only;
	cfg->time.col = (enum time_col)o->time_col;
	cfg->time.hms = o->time_hms;
	cfg->flush_each = o->line_flush;
	cfg->hex = o->hex;
	cfg->out = o->out;
	cfg->fields = o->fields;
	cfg->nfields = o->nfields;
	cfg->separator = o->separator;
	cfg->occurrence_sep = o->occurrence_sep;
	cfg->quote = o->quote;
	cfg->display_filter = o->display_filter;
	cfg->stats = o->stats;
	cfg->nstats = o->nstats;
	cfg->export_objects = o->export_objects;
	cfg->print = o->print;
	cfg->quiet = o->quiet;
	cfg->write_file = o->write_file;
	cfg->count = o->count;
	cfg->capture_file = o->read_file;
	cfg->proto_filter = o->proto_filter;
	cfg->proto_filter_top = o->proto_filter_top;
}

int mode_batch_file(const struct options *o)
{
	char errbuf[1024];
	struct batch_config bc;
	struct capfile *cf;
	struct capwriter *w = NULL;
	struct capfilter *bpf = NULL;
	struct batch *b;
	int r, status;

	cf = capfile_open(o->read_file, errbuf);
	if (!cf) {
		fprintf(stderr, "netlab-tui: %s\n", errbuf);
		return 2;
	}
	mode_batch_config(o, &bc);
	b = batch_new(&bc, stdout, errbuf, sizeof(errbuf));
	if (!b) {
		fprintf(stderr, "netlab-tui: %s\n", errbuf);
		capfile_close(cf);
		return o->display_filter ? 2 : 1;
	}
	batch_set_if_known(b, capfile_format(cf) == CAPFILE_PCAPNG);
	if (o->capture_filter) {
		bpf = capfilter_new(o->capture_filter, o->snaplen, capfile_linktype(cf), errbuf);
		if (!bpf) {
			fprintf(stderr, "netlab-tui: %s\n", errbuf);
			batch_free(b);
			capfile_close(cf);
			return 2;
		}
	}
	if (o->write_file) {
		/* pcap: ns when the file's are; pcapng keeps each interface's resolution */
		w = capw_open(o->write_file, o->write_pcapng ? CAPW_PCAPNG : CAPW_PCAP,
		    capfile_format(cf) == CAPFILE_PCAP_NSEC, errbuf);
		if (!w) {
			fprintf(stderr, "netlab-tui: %s\n", errbuf);
			capfilter_free(bpf);
			batch_free(b);
			capfile_close(cf);
			return 2;
		}
	}
	status = batch_run_file(b, cf, bpf, w);
	if (w && capw_close(w, errbuf) < 0) {
		fprintf(stderr, "netlab-tui: %s\n", errbuf);
		status = 2;
	}
	r = batch_end(b);
	capfilter_free(bpf);
	batch_free(b);
	capfile_close(cf);
	return status ? status : r;
}
