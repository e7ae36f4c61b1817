/* timefmt.h — time formatting without a localtime() or syscall per packet.
 *
 * The local UTC offset and zone name are read once (timefmt_init); calendar
 * conversion is arithmetic (days from civil).  A capture spanning a DST change shows
 * the offset in force when the program started, a cost we accept for speed.
 */
#ifndef NETLAB_TIMEFMT_H
#define NETLAB_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

void timefmt_init(void);
/* "Jul  6, 2005 03:57:35.938066000 UTC" (tshark's absolute time) */
size_t timefmt_abs(char *buf, size_t n, int64_t ns);
/* "1120622255.938066000" */
size_t timefmt_epoch(char *buf, size_t n, int64_t ns);
/* "0.000056000" with `digits` decimals (9 for fields, 6 or 9 for summary lines) */
size_t timefmt_rel(char *buf, size_t n, int64_t ns, int digits);
/* "1h  2m  3.000056s": a span as tshark's -u hms shows it (hours and minutes only
 * when there are any, each after the first padded to 2). */
size_t timefmt_hms(char *buf, size_t n, int64_t ns, int digits);

enum timefmt_date { TF_DATE_NONE, TF_DATE_YMD, TF_DATE_DOY };
/* A time of day, local or UTC, after the date when asked for: "03:57:35.938066",
 * "2005-07-06 03:57:35.938066" or "2005/187 03:57:35.938066" (tshark's -t a|ad|adoy,
 * u|ud|udoy), with `digits` decimals. */
size_t timefmt_clock(char *buf, size_t n, int64_t ns, int digits, int utc,
    enum timefmt_date date);

#endif
