/* ui.c — the TUI and --headless from the command line; see mode.h. */
#include "config.h"

#include "mode/mode.h"

void mode_ui_options(const struct options *o, struct ui_options *uo)
{
	uo->read_file = o->read_file;
	uo->ifaces = o->ifaces;
	uo->nifaces = o->nifaces;
	uo->replay_speed = o->replay_speed;
	uo->snaplen = o->snaplen;
	uo->bufsize_mib = o->bufsize_mib;
	uo->capture_filter = o->capture_filter;
	uo->remote_filter = o->remote_filter;
	uo->count = o->count;
	uo->autostop_duration = o->autostop_duration;
	uo->user = o->user;
	uo->recover = o->recover;
	uo->write_file = o->write_file;
	uo->headless_seed = o->headless_seed;
	uo->time_col = o->time_col;
	uo->time_hms = o->time_hms;
}

int mode_ui(const struct options *o)
{
	struct ui_options uo;

	mode_ui_options(o, &uo);
	return ui_main(&uo);
}

int mode_headless(const struct options *o)
{
	struct ui_options uo;

	mode_ui_options(o, &uo);
	return ui_headless_main(&uo);
}
