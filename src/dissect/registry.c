/* registry.c — builds the field registry from the protocols' tables; see registry.h. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "dissect/dissect.h"
#include "dissect/registry.h"

static const struct field_def **by_id;	/* id → field */
static const struct field_def **sorted;	/* by abbrev, for lookup */
static uint8_t *level_of;		/* id → enum reg_level */
static int *proto_of;			/* id → id of its protocol; -1 - id of its table's
					 * first field until reg_proto_of looks */
static int nfields;
/* The dispatch tables: hand-offs by table, in list order; and the keyed ones' (fn)
 * hashed by key for dissect_lookup (open addressing, at most a quarter full), the
 * first registration of a key winning. */
static const struct handoff **handoffs[HO_COUNT];
static size_t nhandoffs[HO_COUNT];
static struct dispatch *keyed[HO_COUNT];
static uint32_t keyed_mask[HO_COUNT];

static const struct reg_slot no_slots[1];
const struct reg_slot *reg_slots = no_slots;
uint32_t reg_slot_mask;

const char *val_to_str(uint32_t v, const struct val_str *vs)
{
	for (; vs && vs->str; vs++)
		if (vs->value == v)
			return vs->str;
	return NULL;
}

static int cmp_abbrev(const void *a, const void *b)
{
	const struct field_def *const *x = a, *const *y = b;

	return strcmp((*x)->abbrev, (*y)->abbrev);
}

static enum reg_level field_level(const struct field_table *t, const struct field_def *f)
{
	if (!(t->flags & REG_T_HEADERS) || (f->flags & REG_F_PAYLOAD))
		return REG_LEVEL_PAYLOAD;
	return f->flags & REG_F_ANALYSIS ? REG_LEVEL_ANALYSIS : REG_LEVEL_HEADERS;
}

/* Slots at most a quarter full: a lookup mostly hits its first slot. */
static void build_slots(void)
{
	uint32_t size = 16;
	struct reg_slot *slots;

	while (size < 4u * (uint32_t)nfields)
		size <<= 1;
	slots = xcalloc(size, sizeof(*slots));
	for (int id = 0; id < nfields; id++) {
		uint32_t h = reg_hash(by_id[id]) & (size - 1);
		while (slots[h].f)
			h = (h + 1) & (size - 1);
		slots[h] = (struct reg_slot){ by_id[id], id };
	}
	reg_slot_mask = size - 1;
	reg_slots = slots;
}

static uint32_t key_hash(uint32_t key)
{
	return (key * 0x9e3779b1u) >> 16;
}

static void build_keyed(int t)
{
	uint32_t size = 16;

	while (size < 4 * nhandoffs[t])
		size <<= 1;
	keyed[t] = xcalloc(size, sizeof(*keyed[t]));
	keyed_mask[t] = size - 1;
	for (size_t i = 0; i < nhandoffs[t]; i++) {
		const struct handoff *h = handoffs[t][i];
		uint32_t k = key_hash(h->key) & (size - 1);
		if (!h->fn)
			continue;
		while (keyed[t][k].fn && keyed[t][k].key != h->key)
			k = (k + 1) & (size - 1);
		if (!keyed[t][k].fn)
			keyed[t][k] = (struct dispatch){ h->key, h->fn };
	}
}

static void build_handoffs(void)
{
	for (size_t j = 0; j < reg_protocol_count; j++)
		for (size_t i = 0; i < reg_protocols[j]->nhandoffs; i++)
			nhandoffs[reg_protocols[j]->handoffs[i].table]++;
	for (int t = 0; t < HO_COUNT; t++) {
		handoffs[t] = xcalloc(nhandoffs[t] + 1, sizeof(*handoffs[t]));
		nhandoffs[t] = 0;
	}
	for (size_t j = 0; j < reg_protocol_count; j++)
		for (size_t i = 0; i < reg_protocols[j]->nhandoffs; i++) {
			const struct handoff *h = &reg_protocols[j]->handoffs[i];
			handoffs[h->table][nhandoffs[h->table]++] = h;
		}
	for (int t = 0; t < HO_COUNT; t++)
		build_keyed(t);
}

void reg_init(void)
{
	int n = 0, k = 0;

	if (by_id)
		return;
	for (size_t i = 0; i < reg_protocol_count; i++)
		n += (int)reg_protocols[i]->fields->count;
	by_id = xcalloc((size_t)n, sizeof(*by_id));
	sorted = xcalloc((size_t)n, sizeof(*sorted));
	level_of = xcalloc((size_t)n, sizeof(*level_of));
	proto_of = xcalloc((size_t)n, sizeof(*proto_of));
	for (size_t j = 0; j < reg_protocol_count; j++) {
		const struct field_table *t = reg_protocols[j]->fields;
		for (size_t i = 0; i < t->count; i++) {
			by_id[k] = sorted[k] = &t->fields[i];
			level_of[k] = (uint8_t)field_level(t, &t->fields[i]);
			proto_of[k] = -(k - (int)i) - 1;	/* its table's first, until asked */
			k++;
		}
	}
	nfields = n;
	qsort(sorted, (size_t)n, sizeof(*sorted), cmp_abbrev);
	build_slots();
	build_handoffs();
}

const struct handoff *const *dissect_handoffs(enum handoff_table t, size_t *n)
{
	if (!by_id)
		reg_init();
	*n = nhandoffs[t];
	return handoffs[t];
}

dissector_fn dissect_lookup(enum handoff_table t, uint32_t key)
{
	if (!by_id)
		reg_init();
	for (uint32_t k = key_hash(key) & keyed_mask[t];; k = (k + 1) & keyed_mask[t])
		if (!keyed[t][k].fn || keyed[t][k].key == key)
			return keyed[t][k].fn;
}

/* ---- decode as ---- */

/* The layers -d knows: the selector's name and the table its ports key. */
static const struct {
	const char *layer;
	enum handoff_table table;
} decode_layers[] = {
	{ "tcp.port", HO_TCP_PORT },
	{ "udp.port", HO_UDP_PORT },
};

/* proto's first hand-off in table t, or NULL. */
static const struct handoff *proto_handoff(const char *proto, enum handoff_table t)
{
	for (size_t j = 0; j < reg_protocol_count; j++) {
		const struct proto_reg *r = reg_protocols[j];
		if (strcmp(r->fields->fields[0].abbrev, proto) != 0)
			continue;
		for (size_t i = 0; i < r->nhandoffs; i++)
			if (r->handoffs[i].table == t)
				return &r->handoffs[i];
	}
	return NULL;
}

/* "N" or "N-M" (ports) into lo, hi. */
static int port_range(const char *s, size_t len, uint32_t *lo, uint32_t *hi)
{
	char buf[16], *end;
	unsigned long a, b;

	if (!len || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	a = strtoul(buf, &end, 10);
	b = a;
	if (*end == '-')
		b = strtoul(end + 1, &end, 10);
	if (*end || end == buf || a > 65535 || b > 65535 || b < a || !isdigit((unsigned char)buf[0]))
		return -1;
	*lo = (uint32_t)a;
	*hi = (uint32_t)b;
	return 0;
}

int reg_decode_as(const char *spec, char *err, size_t n)
{
	const char *eq = strstr(spec, "=="), *comma = strchr(spec, ',');
	const struct handoff *like;
	struct handoff *added;
	const struct handoff **grown;
	enum handoff_table t = HO_COUNT;
	uint32_t lo, hi, k;

	reg_init();
	if (!eq || !comma || comma < eq) {
		snprintf(err, n, "invalid -d \"%s\": expected LAYER==SELECTOR,PROTOCOL, "
		    "e.g. tcp.port==5174,http", spec);
		return -1;
	}
	for (size_t i = 0; i < sizeof(decode_layers) / sizeof(decode_layers[0]); i++)
		if (strlen(decode_layers[i].layer) == (size_t)(eq - spec) &&
		    strncmp(spec, decode_layers[i].layer, (size_t)(eq - spec)) == 0)
			t = decode_layers[i].table;
	if (t == HO_COUNT) {
		snprintf(err, n, "invalid -d \"%s\": the layer \"%.*s\" is not one -d knows "
		    "(tcp.port, udp.port)", spec, (int)(eq - spec), spec);
		return -1;
	}
	if (port_range(eq + 2, (size_t)(comma - eq - 2), &lo, &hi) < 0) {
		snprintf(err, n, "invalid -d \"%s\": \"%.*s\" is not a port or a range of ports "
		    "(5174, 8000-8010)", spec, (int)(comma - eq - 2), eq + 2);
		return -1;
	}
	like = proto_handoff(comma + 1, t);
	if (!like) {
		snprintf(err, n, "invalid -d \"%s\": \"%s\" is not a protocol netlab-tui decodes "
		    "on a %.3s port (see -G protocols)", spec, comma + 1, spec);
		return -1;
	}
	/* the new hand-offs first: the ports' earlier ones stay, after them */
	added = xcalloc(hi - lo + 1, sizeof(*added));
	grown = xcalloc(nhandoffs[t] + (hi - lo + 1) + 1, sizeof(*grown));
	for (k = lo; k <= hi; k++) {
		added[k - lo] = *like;
		added[k - lo].key = k;
		grown[k - lo] = &added[k - lo];
	}
	memcpy(grown + (hi - lo + 1), handoffs[t], nhandoffs[t] * sizeof(*grown));
	free(handoffs[t]);
	handoffs[t] = grown;
	nhandoffs[t] += hi - lo + 1;
	free(keyed[t]);
	build_keyed(t);
	return 0;
}

enum reg_level reg_level(const uint8_t *interest)
{
	enum reg_level level = REG_LEVEL_HEADERS;

	for (int id = 0; id < nfields; id++)
		if (interest[id >> 3] >> (id & 7) & 1 && level_of[id] > level) {
			level = (enum reg_level)level_of[id];
			if (level == REG_LEVEL_PAYLOAD)
				break;
		}
	return level;
}

int reg_count(void)
{
	return nfields;
}

const struct field_def *reg_field_at(int id)
{
	return id >= 0 && id < nfields ? by_id[id] : NULL;
}

const struct field_def *reg_proto_of(const struct field_def *f)
{
	int id = reg_id(f);
	char name[256];
	char *dot;

	if (id >= nfields || by_id[id] != f)
		return NULL;
	if (proto_of[id] >= 0)
		return by_id[proto_of[id]];
	proto_of[id] = -proto_of[id] - 1;
	snprintf(name, sizeof(name), "%s", f->abbrev);
	while ((dot = strrchr(name, '.')) != NULL) {
		const struct field_def *p;
		*dot = '\0';
		p = reg_lookup(name);
		if (p && p->type == FT_PROTOCOL) {
			proto_of[id] = reg_id(p);
			break;
		}
	}
	return by_id[proto_of[id]];
}

const struct field_def *reg_lookup(const char *abbrev)
{
	int lo = 0, hi = nfields - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2, c = strcmp(abbrev, sorted[mid]->abbrev);
		if (c == 0)
			return sorted[mid];
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Levenshtein distance, capped: names are short, the registry a few thousand. */
static int edit_distance(const char *a, const char *b, int cap)
{
	size_t la = strlen(a), lb = strlen(b);
	int row[128];

	if (lb >= 127 || (la > lb ? la - lb : lb - la) > (size_t)cap)
		return cap + 1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int prev = row[0], best;
		row[0] = (int)i;
		best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			int cur = row[j];
			int v = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < v)
				v = row[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			prev = cur;
			if (v < best)
				best = v;
		}
		if (best > cap)
			return cap + 1;
	}
	return row[lb];
}

const char *reg_suggest(const char *abbrev)
{
	const char *best = NULL;
	int bestd = 3;

	for (int i = 0; i < nfields; i++) {
		int d = edit_distance(abbrev, by_id[i]->abbrev, bestd);
		if (d < bestd) {
			bestd = d;
			best = by_id[i]->abbrev;
		}
	}
	return best;
}

static const char *const type_names[] = {
	[FT_NONE] = "FT_NONE", [FT_PROTOCOL] = "FT_PROTOCOL", [FT_BOOLEAN] = "FT_BOOLEAN",
	[FT_UINT8] = "FT_UINT8", [FT_UINT16] = "FT_UINT16", [FT_UINT24] = "FT_UINT24",
	[FT_UINT32] = "FT_UINT32", [FT_UINT40] = "FT_UINT40", [FT_UINT48] = "FT_UINT48",
	[FT_UINT64] = "FT_UINT64", [FT_INT8] = "FT_INT8", [FT_INT16] = "FT_INT16",
	[FT_INT32] = "FT_INT32", [FT_INT64] = "FT_INT64", [FT_DOUBLE] = "FT_DOUBLE",
	[FT_IPv4] = "FT_IPv4", [FT_IPv6] = "FT_IPv6", [FT_ETHER] = "FT_ETHER",
	[FT_BYTES] = "FT_BYTES", [FT_STRING] = "FT_STRING",
	[FT_ABSOLUTE_TIME] = "FT_ABSOLUTE_TIME", [FT_RELATIVE_TIME] = "FT_RELATIVE_TIME",
	[FT_FRAMENUM] = "FT_FRAMENUM", [FT_CHAR] = "FT_CHAR",
};

const char *ftype_name(enum ftype t)
{
	return (unsigned)t < sizeof(type_names) / sizeof(type_names[0]) && type_names[t] ?
	    type_names[t] : "FT_NONE";
}

int ftype_is_int(enum ftype t)
{
	return (t >= FT_BOOLEAN && t <= FT_INT64) || t == FT_FRAMENUM || t == FT_CHAR;
}
