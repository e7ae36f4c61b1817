/* timefmt.c — see timefmt.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/timefmt.h"

static long utc_offset;		/* seconds east of UTC */
static char zone[16] = "UTC";
static int inited;

void timefmt_init(void)
{
	time_t now = time(NULL);
	struct tm lt;

	if (inited)
		return;
	inited = 1;
	tzset();
	if (localtime_r(&now, &lt)) {
		utc_offset = lt.tm_gmtoff;
		if (lt.tm_zone)
			snprintf(zone, sizeof(zone), "%s", lt.tm_zone);
	}
}

/* Howard Hinnant's civil_from_days. */
static void civil(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int64_t floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

size_t timefmt_abs(char *buf, size_t n, int64_t ns)
{
	static const char mon[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int64_t sec = floordiv(ns, 1000000000) + utc_offset;
	int64_t frac = ns - floordiv(ns, 1000000000) * 1000000000;
	int64_t days = floordiv(sec, 86400), y;
	int64_t sod = sec - days * 86400;
	unsigned m, d;
	int k;

	timefmt_init();
	civil(days, &y, &m, &d);
	k = snprintf(buf, n, "%s %2u, %lld %02d:%02d:%02d.%09lld %s", mon[m - 1], d,
	    (long long)y, (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60),
	    (long long)frac, zone);
	return k < 0 ? 0 : (size_t)k;
}

size_t timefmt_epoch(char *buf, size_t n, int64_t ns)
{
	return timefmt_rel(buf, n, ns, 9);
}

size_t timefmt_rel(char *buf, size_t n, int64_t ns, int digits)
{
	char tmp[32];
	uint64_t a = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
	uint64_t sec = a / 1000000000u, frac = a % 1000000000u;
	char *p = tmp + sizeof(tmp);
	size_t len;

	/* by hand: this runs once per packet per time column */
	for (int i = 9; i > 0; i--) {
		if (i <= digits)
			*--p = (char)('0' + frac % 10);
		frac /= 10;
	}
	if (digits > 0)
		*--p = '.';
	do {
		*--p = (char)('0' + sec % 10);
		sec /= 10;
	} while (sec);
	if (ns < 0)
		*--p = '-';
	len = (size_t)(tmp + sizeof(tmp) - p);
	if (n) {
		size_t c = len < n ? len : n - 1;
		memcpy(buf, p, c);
		buf[c] = '\0';
	}
	return len;
}
