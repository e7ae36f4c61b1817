/* prefs.c — see prefs.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dissect/prefs.h"

struct dissect_prefs dprefs = {
	.tcp_relative_seq = 1,
	.tcp_calc_timestamps = 1,
	.tcp_track_bif = 1,
};

static const struct pref {
	const char *name;
	int *var;		/* a boolean */
} prefs[] = {
	{ "tcp.relative_sequence_numbers", &dprefs.tcp_relative_seq },
	{ "tcp.calculate_timestamps", &dprefs.tcp_calc_timestamps },
	{ "tcp.track_bytes_in_flight", &dprefs.tcp_track_bif },
};

/* Wireshark's booleans: TRUE/FALSE in any case, or 1/0. */
static int parse_bool(const char *v)
{
	if (strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0)
		return 1;
	if (strcasecmp(v, "false") == 0 || strcmp(v, "0") == 0)
		return 0;
	return -1;
}

int prefs_set(const char *nv, char *err, size_t n)
{
	const char *colon = strchr(nv, ':');
	size_t k = colon ? (size_t)(colon - nv) : strlen(nv);

	if (!colon) {
		snprintf(err, n, "invalid -o \"%s\": expected NAME:VALUE, e.g. "
		    "tcp.relative_sequence_numbers:FALSE", nv);
		return -1;
	}
	for (size_t i = 0; i < sizeof(prefs) / sizeof(prefs[0]); i++) {
		int b;
		if (strlen(prefs[i].name) != k || strncmp(prefs[i].name, nv, k) != 0)
			continue;
		b = parse_bool(colon + 1);
		if (b < 0) {
			snprintf(err, n, "invalid -o \"%s\": %s is TRUE or FALSE", nv, prefs[i].name);
			return -1;
		}
		*prefs[i].var = b;
		return 0;
	}
	{
		size_t at = (size_t)snprintf(err, n, "invalid -o \"%s\": no preference \"%.*s\"; "
		    "netlab-tui knows", nv, (int)k, nv);
		for (size_t i = 0; i < sizeof(prefs) / sizeof(prefs[0]) && at < n; i++)
			at += (size_t)snprintf(err + at, n - at, "%s %s", i ? "," : "", prefs[i].name);
	}
	return -1;
}
