/* strvis.h — escaping of untrusted text before it reaches a terminal or a log.
 *
 * Every string that came from the wire passes through strvis() before display.
 * Printable ASCII stays as is, well-formed UTF-8 of printable code points stays as is
 * (STRVIS_UTF8), everything else becomes a C-style escape (\r \n \t \\ \xNN), so a
 * header carrying "\033]0;pwned\a" shows as text and cannot drive the terminal.
 * STRVIS_WIRE escapes as Wireshark shows text from the wire (format_text): \a \b \f
 * \n \r \t \v, other control bytes in octal (\033), code points that do not print
 * (C1 controls, bidi and other format characters) as \uXXXX, and each invalid UTF-8
 * sequence as U+FFFD; the backslash stays as is.
 */
#ifndef NETLAB_STRVIS_H
#define NETLAB_STRVIS_H

#include <stddef.h>
#include <stdint.h>

enum {
	STRVIS_UTF8 = 1,	/* keep valid printable UTF-8 sequences */
	STRVIS_NOBACKSLASH = 2,	/* leave '\' alone (tshark shows it as is) */
	STRVIS_TSHARK_ = 4,	/* Wireshark's escapes: use STRVIS_WIRE */
	STRVIS_WIRE = STRVIS_UTF8 | STRVIS_NOBACKSLASH | STRVIS_TSHARK_,
};

/* Writes at most n-1 bytes plus NUL into dst; returns the length that the full
 * escaped text has (like snprintf), so callers can detect truncation. */
size_t strvis(char *dst, size_t n, const uint8_t *src, size_t len, int flags);

/* Is this byte string entirely printable ASCII (no escaping needed)? */
int strvis_clean(const uint8_t *src, size_t len);

#endif
