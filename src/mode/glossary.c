/* glossary.c — -G fields and -G protocols, in tshark's tab-separated layout. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dissect/registry.h"
#include "mode/mode.h"

static const char *const base_names[] = {
	[BASE_NONE] = "BASE_NONE", [BASE_DEC] = "BASE_DEC", [BASE_HEX] = "BASE_HEX",
	[BASE_OCT] = "BASE_OCT", [BASE_DEC_HEX] = "BASE_DEC_HEX", [BASE_HEX_DEC] = "BASE_HEX_DEC",
	[BASE_PT] = "BASE_PT_TCP",
};

int mode_glossary(const char *report)
{
	int fields = strcmp(report, "fields") == 0, protos = strcmp(report, "protocols") == 0;
	const char *proto = "";

	if (!fields && !protos) {
		fprintf(stderr, "netlab-tui: invalid -G report \"%s\": use fields or protocols\n", report);
		return 1;
	}
	reg_init();
	for (int i = 0; i < reg_count(); i++) {
		const struct field_def *f = reg_field_at(i);
		if (f->type == FT_PROTOCOL) {
			proto = f->abbrev;
			printf("P\t%s\t%s\n", f->name, f->abbrev);
		} else if (fields)
			printf("F\t%s\t%s\t%s\t%s\t%s\t0x%llx\t%s\n", f->name, f->abbrev,
			    ftype_name(f->type), proto, base_names[f->base],
			    (unsigned long long)f->mask, f->help ? f->help : "");
	}
	return 0;
}
