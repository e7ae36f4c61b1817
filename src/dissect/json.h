/* json.h — JSON as tshark's JSON dissector accepts it (json.c). */
#ifndef NETLAB_JSON_H
#define NETLAB_JSON_H

#include "dissect/cursor.h"

/* Would tshark 4.0 take the bytes left in c as JSON?  (Its tokeniser's rules: json.c.) */
int json_valid(const struct cur *c);

#endif
