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

#endif
