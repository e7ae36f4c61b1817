/* keydump.c — prints the man page's KEYS section generated from the TUI key tables
 * (tests/tui/keys_man.sh compares it with man/netlab-tui.1). */
#include "config.h"

#include <stdio.h>

#include "ui/ui.h"

int main(void)
{
	ui_keys_mdoc(stdout);
	return 0;
}
