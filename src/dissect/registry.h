/* registry.h — the one field registry.
 *
 * Every dissector declares its fields once, in a static table of struct field_def,
 * with Wireshark's filter names ("tcp.flags.syn"), labels, types, display bases,
 * bitmasks, value strings and a one-line help for students.  The same table serves
 * display filters, the detail tree and -V labels, -T fields -e, -G fields and the
 * field help line in the TUI.  Each table is registered with its protocol
 * (struct proto_reg, dissect.h); registry_tables.c lists the registrations.
 */
#ifndef NETLAB_REGISTRY_H
#define NETLAB_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

enum ftype {
	FT_NONE,		/* label only, no value ("Options", text items) */
	FT_PROTOCOL,		/* a protocol node ("tcp"): existence, bytes = its range */
	FT_BOOLEAN,		/* u: 0/1; with mask a bit of a parent integer of `bits` width */
	FT_UINT8, FT_UINT16, FT_UINT24, FT_UINT32, FT_UINT40, FT_UINT48, FT_UINT64,
	FT_INT8, FT_INT16, FT_INT32, FT_INT64,
	FT_DOUBLE,		/* d */
	FT_IPv4,		/* a[0..3] */
	FT_IPv6,		/* a[0..15] */
	FT_ETHER,		/* a[0..5] */
	FT_BYTES,		/* s: bytes */
	FT_STRING,		/* s: bytes of text, not NUL-terminated, escaped when shown */
	FT_ABSOLUTE_TIME,	/* i: nanoseconds since the epoch; BASE_DEC shows seconds */
	FT_RELATIVE_TIME,	/* i: nanoseconds */
	FT_FRAMENUM,		/* u: a frame number */
	FT_CHAR,		/* u: one character */
};

enum fbase {
	BASE_NONE, BASE_DEC, BASE_HEX, BASE_OCT, BASE_DEC_HEX, BASE_HEX_DEC,
	BASE_PT,		/* port numbers: decimal */
};

struct val_str {
	uint32_t value;
	const char *str;
};

/* Tables end with { 0, NULL }.  NULL when absent. */
const char *val_to_str(uint32_t v, const struct val_str *vs);

struct field_def {
	const char *abbrev;	/* filter name: "tcp.srcport" */
	const char *name;	/* label: "Source Port" */
	enum ftype type;
	enum fbase base;
	uint64_t mask;		/* bitmask within the parent value, 0 for none */
	uint8_t bits;		/* width of the masked value (8, 16, 24, 32) for "..1. ...." */
	const struct val_str *vals;
	const char *help;	/* one line for students: what, width, why it matters */
	unsigned flags;		/* REG_F_*, 0 for none */
};

/* struct field_def flags: what a field's value depends on beyond its own packet's
 * headers (see reg_level).  Fields of a table without REG_T_HEADERS depend on the
 * payload dissectors anyway and need neither. */
#define REG_F_PAYLOAD	0x1u	/* what the payload turned out to be (frame.protocols, columns) */
#define REG_F_ANALYSIS	0x2u	/* the TCP/UDP conversation analysis (earlier packets) */
/* An FT_NONE item whose bytes tshark's JSON and PDML show as its value: a TCP option
 * (a protocol in name only for Wireshark), a fragment list (FT_BYTES there). */
#define REG_F_DOC_BYTES	0x4u
/* A field whose bits the label draws but which has no bitmask in Wireshark (which
 * formats the label itself): PDML gives its bytes as value= (ip.version). */
#define REG_F_DOC_NOMASK	0x8u

/* Initialises the registry once (idempotent).  Not thread-safe: call from main. */
void reg_init(void);
/* -d LAYER==SELECTOR,PROTO (tshark's Decode As): "tcp.port==5174,http",
 * "udp.port==5000-5010,dns".  PROTO's dissector goes first on those ports, ahead of
 * what is registered there.  Call after reg_init, before dissecting; 0, or -1 with a
 * message in err. */
int reg_decode_as(const char *spec, char *err, size_t n);
int reg_count(void);
const struct field_def *reg_field_at(int id);
const struct field_def *reg_lookup(const char *abbrev);
/* The protocol a field belongs to (-T ek's names): the protocol whose name is the
 * longest dotted prefix of its own ("_ws.expert" for "_ws.expert.message"), else its
 * table's first; NULL for a field not registered.  Main thread only (it caches). */
const struct field_def *reg_proto_of(const struct field_def *f);
/* Closest registered name by edit distance, for "did you mean"; NULL if none close. */
const char *reg_suggest(const char *abbrev);
const char *ftype_name(enum ftype t);	/* "FT_UINT16" as in tshark -G fields */
int ftype_is_int(enum ftype t);

/* A protocol's table: first entry is its FT_PROTOCOL field.  Its fields' ids are
 * consecutive from a base the registry assigns in list order (reg_id). */
struct field_table {
	const struct field_def *fields;
	size_t count;
	unsigned flags;		/* REG_T_* */
};

/* struct field_table flags */
#define REG_T_HEADERS	0x1u	/* fields from the link, network and transport headers (and
				 * the analysis): no payload dissector ever adds or changes
				 * them, so output wanting only these may skip the payload
				 * dissectors (except REG_F_PAYLOAD fields) */

#define REG_TABLE(arr) { (arr), sizeof(arr) / sizeof((arr)[0]), 0 }
#define REG_TABLE_FLAGS(arr, fl) { (arr), sizeof(arr) / sizeof((arr)[0]), (fl) }

/* Field → id: an open-addressing hash by address built by reg_init (tables are const
 * and know no ids).  Fields not registered, or any before reg_init, map to 0. */
struct reg_slot {
	const struct field_def *f;
	int id;
};
extern const struct reg_slot *reg_slots;
extern uint32_t reg_slot_mask;

static inline uint32_t reg_hash(const struct field_def *f)
{
	return (uint32_t)(((uint64_t)(uintptr_t)f * 0x9e3779b97f4a7c15u) >> 40);
}

/* The registry id of f (index into reg_field_at and interest bitsets). */
static inline int reg_id(const struct field_def *f)
{
	for (uint32_t h = reg_hash(f) & reg_slot_mask;; h = (h + 1) & reg_slot_mask) {
		const struct reg_slot *s = &reg_slots[h];
		if (s->f == f)
			return s->id;
		if (!s->f)
			return 0;
	}
}
/* What a set of fields needs from the dissection, cheapest first. */
enum reg_level {
	REG_LEVEL_HEADERS,	/* each packet's own headers: no state, no payload */
	REG_LEVEL_ANALYSIS,	/* headers and the TCP/UDP conversation analysis */
	REG_LEVEL_PAYLOAD,	/* everything: payload dissectors and their reassembly */
};
/* The least dissection that yields every field of the interest bitset (by id) exactly
 * as a full dissection would: from REG_T_HEADERS and the REG_F_* flags. */
enum reg_level reg_level(const uint8_t *interest);

#endif
