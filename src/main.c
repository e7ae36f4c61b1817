/* main.c — picks the job: glossary, interface list, server only, batch or TUI. */
#include "config.h"

#include <stdio.h>

#include "options.h"

int main(int argc, char **argv)
{
	struct options o;

	opt_parse(&o, argc, argv);
	return 0;
}
