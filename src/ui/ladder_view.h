/* ladder_view.h — the TCP state diagram view of the TUI (issue 8): the ladder of the
 * selected packet's TCP stream with both endpoints' states, the RFC 9293 state
 * machine (m), and the Markdown export for the lab report (x).  UI thread only.
 */
#ifndef NETLAB_UI_LADDER_VIEW_H
#define NETLAB_UI_LADDER_VIEW_H

#include "ui/ui_int.h"

/* Opens the diagram of the selected packet's TCP stream on its arrow; a message on
 * the status line when the packet is not TCP or the analysis kept no segments. */
void ui_diagram_open(struct ui *u);

/* Opens the diagram of TCP stream `stream` on its first arrow (conversations view). */
void ui_diagram_open_stream(struct ui *u, uint32_t stream);

/* The ladder of TCP stream s as the diagram shows it, every row's "carries" filled
 * (what --flow prints); NULL when unknown.  Caller frees with ladder_free. */
struct ladder *ui_ladder(struct ui *u, uint32_t s);

/* The view's key table (listed in keys.c's key_groups for help and the man page). */
extern const struct ui_key ui_diagram_keys[];

#endif
