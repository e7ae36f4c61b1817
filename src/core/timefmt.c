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

/* Howard Hinnant's days_from_civil. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
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

/* The decimals of ns's second: ".938066" for 6 digits, nothing for 0. */
static int frac_str(char *buf, size_t n, int64_t ns, int digits)
{
	uint64_t frac = (uint64_t)(ns - floordiv(ns, 1000000000) * 1000000000);

	if (digits <= 0 || digits > 9) {
		if (n)
			buf[0] = '\0';
		return 0;
	}
	for (int i = digits; i < 9; i++)
		frac /= 10;
	return snprintf(buf, n, ".%0*llu", digits, (unsigned long long)frac);
}

size_t timefmt_clock(char *buf, size_t n, int64_t ns, int digits, int utc,
    enum timefmt_date date)
{
	int64_t sec, days, sod, y;
	unsigned m, d;
	char frac[16], day[32];
	int k;

	timefmt_init();
	sec = floordiv(ns, 1000000000) + (utc ? 0 : utc_offset);
	days = floordiv(sec, 86400);
	sod = sec - days * 86400;
	civil(days, &y, &m, &d);
	frac_str(frac, sizeof(frac), ns, digits);
	if (date == TF_DATE_YMD)
		snprintf(day, sizeof(day), "%04lld-%02u-%02u ", (long long)y, m, d);
	else if (date == TF_DATE_DOY)	/* day of the year: days since 1 January + 1 */
		snprintf(day, sizeof(day), "%04lld/%03lld ", (long long)y,
		    (long long)(days - days_from_civil(y, 1, 1) + 1));
	else
		day[0] = '\0';
	k = snprintf(buf, n, "%s%02d:%02d:%02d%s", day, (int)(sod / 3600),
	    (int)(sod / 60 % 60), (int)(sod % 60), frac);
	return k < 0 ? 0 : (size_t)k;
}

size_t timefmt_hms(char *buf, size_t n, int64_t ns, int digits)
{
	uint64_t a = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
	uint64_t sec = a / 1000000000u;
	char frac[16];
	int k;

	frac_str(frac, sizeof(frac), (int64_t)(a % 1000000000u), digits);
	if (sec >= 3600)
		k = snprintf(buf, n, "%s%lluh %2um %2u%ss", ns < 0 ? "- " : "",
		    (unsigned long long)(sec / 3600), (unsigned)(sec / 60 % 60),
		    (unsigned)(sec % 60), frac);
	else if (sec >= 60)
		k = snprintf(buf, n, "%s%um %2u%ss", ns < 0 ? "- " : "", (unsigned)(sec / 60),
		    (unsigned)(sec % 60), frac);
	else
		k = snprintf(buf, n, "%s%u%ss", ns < 0 ? "- " : "", (unsigned)sec, frac);
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
