/* radiotap.c — the radiotap capture header (radiotap.org), LINKTYPE_IEEE802_11_RADIOTAP
 * (127), and Wireshark's "802.11 radio information" summary that follows it.
 *
 *   +---------+---------+-------------------+-----------------------------+----------
 *   | version | pad     | length (LE 16)    | present words (LE 32, bit 31 | fields …, aligned
 *   |         |         |                   | chains another word)          | to their size
 *   +---------+---------+-------------------+-----------------------------+----------
 *
 * Fields follow in present-bit order, each aligned (from the header's start) to its
 * natural size.  Parsing stops at the first present bit this file does not know (its
 * size is unknown), as Wireshark's iterator does.  The 802.11 frame starts `length`
 * bytes in; the Flags field says whether it ends in an FCS.
 */
#include "config.h"

#include <stdio.h>

#include "core/linktype.h"
#include "dissect/protos.h"

static void dissect_radiotap(struct dctx *d, struct cur *c, uint32_t parent);

enum {
	R_PROTO, R_VERSION, R_PAD, R_LENGTH, R_PRESENT, R_WORD,
	R_P0, R_P31 = R_P0 + 31,
	R_MACTIME, R_FLAGS, R_F_CFP, R_F_PREAMBLE, R_F_WEP, R_F_FRAG, R_F_FCS, R_F_DATAPAD,
	R_F_BADFCS, R_F_SHORTGI, R_RATE, R_FREQ, R_CHFLAGS, R_CH_700, R_CH_800, R_CH_900,
	R_CH_TURBO, R_CH_CCK, R_CH_OFDM, R_CH_2GHZ, R_CH_5GHZ, R_CH_PASSIVE, R_CH_DYNAMIC,
	R_CH_GFSK, R_CH_GSM, R_CH_STURBO, R_CH_HALF, R_CH_QUARTER, R_DBM_SIG, R_DBM_NOISE,
	R_QUALITY, R_ANTENNA, R_DB_SIG, R_DB_NOISE, R_RXFLAGS, R_RX_BADPLCP, R_TS, R_TS_TS,
	R_TS_ACC, R_TS_UNIT, R_TS_POS, R_TS_32, R_TS_ACCF,
};

static const struct val_str present_vals[] = { { 0, "Absent" }, { 1, "Present" }, { 0, NULL } };
static const struct val_str true_false[] = { { 0, "False" }, { 1, "True" }, { 0, NULL } };
static const struct val_str yes_no[] = { { 0, "No" }, { 1, "Yes" }, { 0, NULL } };
static const struct val_str ts_unit_vals[] = {
	{ 0, "msec" }, { 1, "usec" }, { 2, "nsec" }, { 0, NULL }
};
static const struct val_str ts_pos_vals[] = {
	{ 0, "first MPDU bit/symbol" }, { 1, "signal acquisition" }, { 2, "end of frame" },
	{ 15, "undefined" }, { 0, NULL }
};
static const struct val_str preamble_vals[] = { { 0, "Long" }, { 1, "Short" }, { 0, NULL } };

#define PRESENT(bit, abbrev, name) [R_P0 + (bit)] = { "radiotap.present." abbrev, name, \
	FT_BOOLEAN, BASE_NONE, 1u << (bit), 32, present_vals, "Present bit: the field follows.", 0 }
#define RFLAG(idx, bit, abbrev, name, vals) [idx] = { "radiotap.flags." abbrev, name, \
	FT_BOOLEAN, BASE_NONE, bit, 8, vals, "Flags bit.", 0 }
#define CHFLAG(idx, bit, abbrev, name) [idx] = { "radiotap.channel.flags." abbrev, name, \
	FT_BOOLEAN, BASE_NONE, bit, 16, true_false, "Channel flags bit.", 0 }

static const struct field_def fields[] = {
	[R_PROTO] = { "radiotap", "Radiotap Header", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"What the receiving radio recorded about the frame: rate, channel, signal strength.", 0 },
	[R_VERSION] = { "radiotap.version", "Header revision", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: 0.", 0 },
	[R_PAD] = { "radiotap.pad", "Header pad", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits of padding.", 0 },
	[R_LENGTH] = { "radiotap.length", "Header length", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits, little-endian: bytes of radiotap header; the 802.11 frame follows.", 0 },
	[R_PRESENT] = { "radiotap.present", "Present flags", FT_NONE, BASE_NONE, 0, 0, NULL,
		"Which fields the header carries.", 0 },
	[R_WORD] = { "radiotap.present.word", "Present flags word", FT_UINT32, BASE_HEX, 0, 0, NULL,
		"32 bits: one bit per field; bit 31 announces another word.", 0 },
	PRESENT(0, "tsft", "TSFT"), PRESENT(1, "flags", "Flags"), PRESENT(2, "rate", "Rate"),
	PRESENT(3, "channel", "Channel"), PRESENT(4, "fhss", "FHSS"),
	PRESENT(5, "dbm_antsignal", "dBm Antenna Signal"),
	PRESENT(6, "dbm_antnoise", "dBm Antenna Noise"), PRESENT(7, "lock_quality", "Lock Quality"),
	PRESENT(8, "tx_attenuation", "TX Attenuation"),
	PRESENT(9, "db_tx_attenuation", "dB TX Attenuation"),
	PRESENT(10, "dbm_tx_power", "dBm TX Power"), PRESENT(11, "antenna", "Antenna"),
	PRESENT(12, "db_antsignal", "dB Antenna Signal"),
	PRESENT(13, "db_antnoise", "dB Antenna Noise"), PRESENT(14, "rxflags", "RX flags"),
	PRESENT(15, "txflags", "TX flags"), PRESENT(16, "rts_retries", "RTS retries"),
	PRESENT(17, "data_retries", "data retries"),
	PRESENT(18, "xchannel", "Channel+"), PRESENT(19, "mcs", "MCS information"),
	PRESENT(20, "ampdu", "A-MPDU Status"), PRESENT(21, "vht", "VHT information"),
	PRESENT(22, "timestamp", "frame timestamp"), PRESENT(23, "he", "HE information"),
	PRESENT(24, "he_mu", "HE-MU information"), PRESENT(25, "reserved", "Reserved"),
	PRESENT(26, "0_length_psdu", "0 Length PSDU"), PRESENT(27, "l_sig", "L-SIG"),
	PRESENT(28, "tlv", "TLVs"),
	[R_P0 + 29] = { "radiotap.present.rtap_ns", "Radiotap NS next", FT_BOOLEAN, BASE_NONE,
		1u << 29, 32, true_false, "The next word is in the radiotap namespace.", 0 },
	[R_P0 + 30] = { "radiotap.present.vendor_ns", "Vendor NS next", FT_BOOLEAN, BASE_NONE,
		1u << 30, 32, true_false, "The next word is in a vendor namespace.", 0 },
	PRESENT(31, "ext", "Ext"),
	[R_MACTIME] = { "radiotap.mactime", "MAC timestamp", FT_UINT64, BASE_DEC, 0, 0, NULL,
		"64 bits: the radio's TSF timer (µs) when the frame arrived.", 0 },
	[R_FLAGS] = { "radiotap.flags", "Flags", FT_UINT8, BASE_HEX, 0, 0, NULL,
		"8 bits: preamble, WEP, fragmentation, FCS at end, bad FCS, short guard interval.", 0 },
	RFLAG(R_F_CFP, 0x01, "cfp", "CFP", true_false),
	RFLAG(R_F_PREAMBLE, 0x02, "preamble", "Preamble", preamble_vals),
	RFLAG(R_F_WEP, 0x04, "wep", "WEP", true_false),
	RFLAG(R_F_FRAG, 0x08, "frag", "Fragmentation", true_false),
	RFLAG(R_F_FCS, 0x10, "fcs", "FCS at end", true_false),
	RFLAG(R_F_DATAPAD, 0x20, "datapad", "Data Pad", true_false),
	RFLAG(R_F_BADFCS, 0x40, "badfcs", "Bad FCS", true_false),
	RFLAG(R_F_SHORTGI, 0x80, "shortgi", "Short GI", true_false),
	[R_RATE] = { "radiotap.datarate", "Data rate (Mb/s)", FT_DOUBLE, BASE_NONE, 0, 0, NULL,
		"8 bits: data rate in units of 500 kbit/s.", 0 },
	[R_FREQ] = { "radiotap.channel.freq", "Channel frequency", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"16 bits: centre frequency in MHz.", 0 },
	[R_CHFLAGS] = { "radiotap.channel.flags", "Channel flags", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: band and modulation of the channel.", 0 },
	CHFLAG(R_CH_700, 0x0001, "700mhz", "700 MHz spectrum"),
	CHFLAG(R_CH_800, 0x0002, "800mhz", "800 MHz spectrum"),
	CHFLAG(R_CH_900, 0x0004, "900mhz", "900 MHz spectrum"),
	CHFLAG(R_CH_TURBO, 0x0010, "turbo", "Turbo"),
	CHFLAG(R_CH_CCK, 0x0020, "cck", "Complementary Code Keying (CCK)"),
	CHFLAG(R_CH_OFDM, 0x0040, "ofdm", "Orthogonal Frequency-Division Multiplexing (OFDM)"),
	CHFLAG(R_CH_2GHZ, 0x0080, "2ghz", "2 GHz spectrum"),
	CHFLAG(R_CH_5GHZ, 0x0100, "5ghz", "5 GHz spectrum"),
	CHFLAG(R_CH_PASSIVE, 0x0200, "passive", "Passive"),
	CHFLAG(R_CH_DYNAMIC, 0x0400, "dynamic", "Dynamic CCK-OFDM"),
	CHFLAG(R_CH_GFSK, 0x0800, "gfsk", "Gaussian Frequency Shift Keying (GFSK)"),
	CHFLAG(R_CH_GSM, 0x1000, "gsm", "GSM (900MHz)"),
	CHFLAG(R_CH_STURBO, 0x2000, "sturbo", "Static Turbo"),
	CHFLAG(R_CH_HALF, 0x4000, "half", "Half Rate Channel (10MHz Channel Width)"),
	CHFLAG(R_CH_QUARTER, 0x8000, "quarter", "Quarter Rate Channel (5MHz Channel Width)"),
	[R_DBM_SIG] = { "radiotap.dbm_antsignal", "Antenna signal", FT_INT8, BASE_DEC, 0, 0, NULL,
		"8 bits, signed: received signal power in dBm.", 0 },
	[R_DBM_NOISE] = { "radiotap.dbm_antnoise", "Antenna noise", FT_INT8, BASE_DEC, 0, 0, NULL,
		"8 bits, signed: noise power in dBm.", 0 },
	[R_QUALITY] = { "radiotap.quality", "Signal Quality", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: quality of the Barker code lock (driver-defined).", 0 },
	[R_ANTENNA] = { "radiotap.antenna", "Antenna", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"8 bits: index of the antenna that received the frame.", 0 },
	[R_DB_SIG] = { "radiotap.db_antsignal", "dB antenna signal", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: signal power in dB above an arbitrary reference.", 0 },
	[R_DB_NOISE] = { "radiotap.db_antnoise", "dB antenna noise", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"8 bits: noise power in dB above an arbitrary reference.", 0 },
	[R_RXFLAGS] = { "radiotap.rxflags", "RX flags", FT_UINT16, BASE_HEX, 0, 0, NULL,
		"16 bits: receive flags.", 0 },
	[R_RX_BADPLCP] = { "radiotap.rxflags.badplcp", "Bad PLCP", FT_BOOLEAN, BASE_NONE, 0x0002, 24,
		true_false, "The PLCP CRC check failed.", 0 },
	[R_TS] = { "radiotap.timestamp", "timestamp information", FT_NONE, BASE_NONE, 0, 0, NULL,
		"A time stamp of the frame with its unit, accuracy and sampling position.", 0 },
	[R_TS_TS] = { "radiotap.timestamp.ts", "timestamp", FT_UINT64, BASE_DEC, 0, 0, NULL,
		"64 bits: the time stamp, in the unit below.", 0 },
	[R_TS_ACC] = { "radiotap.timestamp.accuracy", "accuracy", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"16 bits: accuracy of the time stamp, in the unit.", 0 },
	[R_TS_UNIT] = { "radiotap.timestamp.unit", "time unit", FT_UINT8, BASE_DEC, 0x0f, 8,
		ts_unit_vals, "4 bits: ms, µs or ns.", 0 },
	[R_TS_POS] = { "radiotap.timestamp.samplingpos", "sampling position", FT_UINT8, BASE_DEC,
		0xf0, 8, ts_pos_vals, "4 bits: which point of the frame was time-stamped.", 0 },
	[R_TS_32] = { "radiotap.timestamp.flags.32bit", "32-bit counter", FT_BOOLEAN, BASE_NONE,
		0x01, 8, yes_no, "Only 32 bits of the time stamp are valid.", 0 },
	[R_TS_ACCF] = { "radiotap.timestamp.flags.accuracy", "accuracy field", FT_BOOLEAN, BASE_NONE,
		0x02, 8, present_vals, "The accuracy field is valid.", 0 },
};
static const struct field_table radiotap_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
static const struct handoff radiotap_handoffs[] = {
	{ HO_LINK, LINKTYPE_IEEE802_11_RADIOTAP, .fn = dissect_radiotap },
};
const struct proto_reg radiotap_proto = REG_PROTO(radiotap_table, radiotap_handoffs);

/* Alignment and size of the fields of the first namespace, by present bit; 0: unknown. */
static const struct { uint8_t align, size; } field_size[32] = {
	[0] = { 8, 8 }, [1] = { 1, 1 }, [2] = { 1, 1 }, [3] = { 2, 4 }, [4] = { 1, 2 },
	[5] = { 1, 1 }, [6] = { 1, 1 }, [7] = { 2, 2 }, [8] = { 2, 2 }, [9] = { 2, 2 },
	[10] = { 1, 1 }, [11] = { 1, 1 }, [12] = { 1, 1 }, [13] = { 1, 1 }, [14] = { 2, 2 },
	[15] = { 2, 2 }, [16] = { 1, 1 }, [17] = { 1, 1 }, [18] = { 4, 8 }, [19] = { 1, 3 },
	[20] = { 4, 8 }, [21] = { 2, 12 }, [22] = { 8, 12 }, [23] = { 2, 12 }, [24] = { 2, 12 },
	[26] = { 1, 1 }, [27] = { 2, 4 },
};

/* Present bits tshark lists under the first word (16 and 25 it leaves out). */
static int listed_bit(int bit) { return bit != 16 && bit != 25; }

static void channel_name(uint32_t freq, char *buf, size_t n)
{
	if (freq == 2484)
		snprintf(buf, n, "BG 14");
	else if (freq >= 2412 && freq < 2484)
		snprintf(buf, n, "BG %u", (freq - 2407) / 5);
	else if (freq >= 5000 && freq < 6000)
		snprintf(buf, n, "A %u", (freq - 5000) / 5);
	else
		snprintf(buf, n, "%u", freq);
}

#define RT_MAX_WORDS 8

/* The present words, into w (at most RT_MAX_WORDS); returns how many.  A word that
 * starts the radiotap namespace (the first, or one after "Radiotap NS next") lists
 * every bit; a continuation word only its namespace bits, as tshark shows them. */
static uint32_t present_words(struct dctx *d, struct cur *h, uint32_t node, uint32_t *w)
{
	struct dtree *t = d->tree;
	uint32_t pn = tree_add(t, node, &fields[R_PRESENT], 4, 4), v, nwords = 0;
	int fresh = 1;

	do {
		uint32_t off = cur_off(h);
		v = cur_le32(h);
		if (!cur_ok(h))
			break;
		if (nwords < RT_MAX_WORDS)
			w[nwords] = v;
		uint32_t wn = tree_add_uint(t, pn, &fields[R_WORD], off, 4, v);
		for (int b = fresh ? 0 : 29; b < 32; b++)
			if (listed_bit(b))
				tree_add_uint(t, wn, &fields[R_P0 + b], off, 4, v);
		fresh = (v & (1u << 29)) != 0;
		nwords++;
	} while (v & 0x80000000u);
	tree_set_len(t, pn, nwords * 4);
	return nwords < RT_MAX_WORDS ? nwords : RT_MAX_WORDS;
}

/* What the radio information layer needs from the header. */
struct rt_info {
	int has_tsft, has_rate, has_chan, has_dbm_sig, has_dbm_noise, has_db_sig;
	uint64_t tsft;
	uint8_t flags, rate, db_sig;
	int8_t dbm_sig, dbm_noise;
	uint16_t freq, chflags;
};

static void field(struct dctx *d, struct cur *f, uint32_t node, int bit, struct rt_info *ri)
{
	struct dtree *t = d->tree;
	uint32_t off = cur_off(f), n;
	char s[32];

	switch (bit) {
	case 0:
		ri->tsft = cur_le64(f);
		ri->has_tsft = 1;
		tree_add_uint(t, node, &fields[R_MACTIME], off, 8, ri->tsft);
		break;
	case 1:
		ri->flags = cur_u8(f);
		n = tree_add_uint(t, node, &fields[R_FLAGS], off, 1, ri->flags);
		for (int i = R_F_CFP; i <= R_F_SHORTGI; i++)
			tree_add_uint(t, n, &fields[i], off, 1, ri->flags);
		break;
	case 2:
		ri->rate = cur_u8(f);
		ri->has_rate = 1;
		n = tree_add_double(t, node, &fields[R_RATE], off, 1, ri->rate / 2.0);
		tree_label(t, n, "Data Rate: %.1f Mb/s", ri->rate / 2.0);
		break;
	case 3:
		ri->freq = cur_le16(f);
		ri->chflags = cur_le16(f);
		ri->has_chan = 1;
		channel_name(ri->freq, s, sizeof(s));
		n = tree_add_uint(t, node, &fields[R_FREQ], off, 2, ri->freq);
		tree_label(t, n, "Channel frequency: %u [%s]", ri->freq, s);
		n = tree_add_uint(t, node, &fields[R_CHFLAGS], off + 2, 2, ri->chflags);
		if (tree_text(t)) {
			tree_label(t, n, "Channel flags: 0x%04x", ri->chflags);
			for (int i = R_CH_TURBO; i <= R_CH_QUARTER; i++)
				if (ri->chflags & fields[i].mask)
					tree_label_append(t, n, ", %s", fields[i].name);
		}
		for (int i = R_CH_700; i <= R_CH_QUARTER; i++)
			tree_add_uint(t, n, &fields[i], off + 2, 2, ri->chflags);
		break;
	case 5:
		ri->dbm_sig = (int8_t)cur_u8(f);
		ri->has_dbm_sig = 1;
		n = tree_add_int(t, node, &fields[R_DBM_SIG], off, 1, ri->dbm_sig);
		tree_label(t, n, "Antenna signal: %d dBm", ri->dbm_sig);
		break;
	case 6:
		ri->dbm_noise = (int8_t)cur_u8(f);
		ri->has_dbm_noise = 1;
		n = tree_add_int(t, node, &fields[R_DBM_NOISE], off, 1, ri->dbm_noise);
		tree_label(t, n, "Antenna noise: %d dBm", ri->dbm_noise);
		break;
	case 7:
		tree_add_uint(t, node, &fields[R_QUALITY], off, 2, cur_le16(f));
		break;
	case 11:
		tree_add_uint(t, node, &fields[R_ANTENNA], off, 1, cur_u8(f));
		break;
	case 12:
		ri->db_sig = cur_u8(f);
		ri->has_db_sig = 1;
		n = tree_add_uint(t, node, &fields[R_DB_SIG], off, 1, ri->db_sig);
		tree_label(t, n, "dB antenna signal: %u dB", ri->db_sig);
		break;
	case 13:
		n = tree_add_uint(t, node, &fields[R_DB_NOISE], off, 1, cur_peek(f, 0));
		tree_label(t, n, "dB antenna noise: %u dB", cur_peek(f, 0));
		break;
	case 14: {
		uint16_t v = cur_le16(f);
		n = tree_add_uint(t, node, &fields[R_RXFLAGS], off, 2, v);
		tree_add_uint(t, n, &fields[R_RX_BADPLCP], off, 2, v);
		break;
	}
	case 22: {
		uint64_t ts = cur_le64(f);
		uint16_t acc = cur_le16(f);
		uint8_t unit = cur_u8(f), fl = cur_u8(f);
		n = tree_add(t, node, &fields[R_TS], off, 12);
		tree_add_uint(t, n, &fields[R_TS_TS], off, 8, ts);
		if (fl & 0x02)
			tree_add_uint(t, n, &fields[R_TS_ACC], off + 8, 2, acc);
		tree_add_uint(t, n, &fields[R_TS_UNIT], off + 10, 1, unit);
		tree_add_uint(t, n, &fields[R_TS_POS], off + 10, 1, unit);
		tree_add_uint(t, n, &fields[R_TS_32], off + 11, 1, fl);
		tree_add_uint(t, n, &fields[R_TS_ACCF], off + 11, 1, fl);
		break;
	}
	default:
		break;
	}
}

static void dissect_radiotap(struct dctx *d, struct cur *c, uint32_t parent)
{
	struct dtree *t = d->tree;
	uint32_t start = cur_off(c), node, words[RT_MAX_WORDS] = { 0 }, nwords;
	uint8_t ver = cur_peek(c, 0), pad = cur_peek(c, 1);
	uint16_t len;
	struct rt_info ri = { 0 };

	pi_push_proto(d->pi, "radiotap");
	col_set_proto(d->pi, "802.11");
	len = (uint16_t)(cur_peek(c, 2) | cur_peek(c, 3) << 8);
	node = tree_add(t, parent, &fields[R_PROTO], start, len);
	tree_label(t, node, "Radiotap Header v%u, Length %u", ver, len);
	if (!cur_has(c, 8) || len < 8 || len > cur_left(c)) {
		tree_set_len(t, node, (uint32_t)cur_left(c));
		dissect_malformed(d, node, "Radiotap", "radiotap header longer than the frame");
		return;
	}
	struct cur h = cur_sub(c, len, NULL);
	cur_skip(c, len);
	tree_add_uint(t, node, &fields[R_VERSION], start, 1, cur_u8(&h));
	tree_add_uint(t, node, &fields[R_PAD], start + 1, 1, cur_u8(&h));
	tree_add_uint(t, node, &fields[R_LENGTH], start + 2, 2, cur_le16(&h));
	(void)pad;
	if (ver != 0) {
		/* only version 0 is defined: tshark shows the fixed header and skips the rest */
		tree_label_append(t, node, " (invalid)");
		nwords = 0;
	} else
		nwords = present_words(d, &h, node, words);
	/* Each radiotap-namespace block of words is parsed from bit 0; the parse stops at
	 * a vendor namespace or a bit of unknown size (bits 32+ of a block). */
	for (uint32_t i = 0; i < nwords && cur_ok(&h); i++) {
		if (i && !(words[i - 1] & (1u << 29)))
			break;
		int stop = 0;
		for (int b = 0; b < 29 && cur_ok(&h) && !stop; b++) {
			if (!(words[i] & (1u << b)))
				continue;
			if (!field_size[b].size) {
				stop = 1;
				break;
			}
			uint32_t rel = cur_off(&h) - start, a = field_size[b].align;
			cur_skip(&h, (a - rel % a) % a);
			struct cur f = cur_sub(&h, field_size[b].size, NULL);
			if (cur_left(&f) < field_size[b].size)
				stop = 1;
			else {
				cur_skip(&h, field_size[b].size);
				field(d, &f, node, b, &ri);
			}
		}
		if (stop || (words[i] & 0x80000000u && !(words[i] & (1u << 29))))
			break;
	}
	ieee80211_radio(d, c, &(struct ieee80211_radio){
		.has_tsft = ri.has_tsft, .tsft = ri.tsft, .has_rate = ri.has_rate, .rate = ri.rate,
		.has_chan = ri.has_chan, .freq = ri.freq, .chflags = ri.chflags,
		.short_preamble = (ri.flags & 0x02) != 0, .fcs = (ri.flags & 0x10) != 0,
		.has_dbm_sig = ri.has_dbm_sig, .dbm_sig = ri.dbm_sig,
		.has_dbm_noise = ri.has_dbm_noise, .dbm_noise = ri.dbm_noise,
		.has_db_sig = ri.has_db_sig, .db_sig = ri.db_sig });
}
