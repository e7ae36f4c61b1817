/* fuzz_httpreq.c — the HTTP request head parser on arbitrary bytes, also fed as a
 * pipelined stream, with the invariants the server relies on checked. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/httpreq.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct httpreq r;
	/* an exact-size copy so ASan sees any read past the end */
	char *buf = malloc(size ? size : 1);
	size_t off = 0;
	time_t t;

	memcpy(buf, data, size);
	/* the HTTP-date parser on the whole input: an accepted date prints back the same */
	if (httpreq_date(buf, size, 1796601600, &t) == 0 && size == 29) {
		struct tm tm;
		char back[40];
		if (!gmtime_r(&t, &tm))
			abort();
		snprintf(back, sizeof(back), "Day, %02d %s %04d %02d:%02d:%02d GMT",
		    tm.tm_mday,
		    (const char *[]){ "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
		    "Oct", "Nov", "Dec" }[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		    tm.tm_sec);
		if (tm.tm_sec != 0 && memcmp(back + 5, buf + 5, 20) != 0)
			abort();
	}
	while (off < size) {
		long n = httpreq_parse(buf + off, size - off, &r);

		if (n <= 0) {
			if (n < 0 && r.status != 400 && r.status != 414 && r.status != 431 &&
			    r.status != 505)
				abort();
			break;
		}
		if ((size_t)n > size - off || r.path[0] != '/' || strlen(r.path) != r.path_len ||
		    strstr(r.path, "/../") || strstr(r.path, "/./") || strstr(r.path, "//"))
			abort();
		for (size_t i = 0; i < r.path_len; i++)
			if ((unsigned char)r.path[i] < 0x20 || r.path[i] == 0x7f)
				abort();
		off += (size_t)n;
	}
	free(buf);
	return 0;
}
