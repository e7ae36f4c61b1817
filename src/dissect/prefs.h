/* prefs.h — the dissection preferences tshark's -o sets that change what netlab-tui
 * shows (the table in prefs.c): TCP's relative numbers, its streams' timestamps and
 * bytes in flight.  Set once, before any dissection, from main. */
#ifndef NETLAB_PREFS_H
#define NETLAB_PREFS_H

#include <stddef.h>

struct dissect_prefs {
	int tcp_relative_seq;		/* tcp.relative_sequence_numbers */
	int tcp_calc_timestamps;	/* tcp.calculate_timestamps */
	int tcp_track_bif;		/* tcp.track_bytes_in_flight */
};

extern struct dissect_prefs dprefs;

/* -o NAME:VALUE; 0, or -1 with a sentence in err (unknown name, bad value). */
int prefs_set(const char *name_value, char *err, size_t n);

#endif
