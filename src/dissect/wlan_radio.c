/* wlan_radio.c — Wireshark's "802.11 radio information": the radio parameters of a
 * frame, whatever capture header (radiotap …) recorded them, in one form, plus its
 * computed airtime.
 *
 * Not on the wire: every field is derived from the capture header.  The duration of a
 * DSSS/HR-DSSS (802.11b) frame is its PLCP preamble and header (192 µs long, 96 µs
 * short) plus its bits at the data rate; with a TSF timestamp (taken at the frame's
 * end) the start and end times follow.
 */
#include "config.h"

#include <stdio.h>

#include "dissect/protos.h"

enum {
	R_PROTO, R_PHY, R_TURBO, R_SHORT_PREAMBLE, R_RATE, R_CHANNEL, R_FREQ, R_SIG_DB, R_SIG_DBM,
	R_NOISE_DBM, R_SNR, R_TSF, R_DURATION, R_PREAMBLE, R_START, R_END,
};

static const struct val_str phy_vals[] = {
	{ 0, "Unknown" }, { 1, "802.11 FHSS" }, { 2, "802.11 IR" }, { 3, "802.11 DSSS" },
	{ 4, "802.11b (HR/DSSS)" }, { 5, "802.11a (OFDM)" }, { 6, "802.11g (ERP)" },
	{ 7, "802.11n (HT)" }, { 8, "802.11ac (VHT)" }, { 0, NULL }
};
static const struct val_str turbo_vals[] = {
	{ 0, "Non-turbo" }, { 1, "Static Turbo" }, { 2, "Dynamic Turbo" }, { 0, NULL }
};
static const struct val_str true_false[] = { { 0, "False" }, { 1, "True" }, { 0, NULL } };

static const struct field_def fields[] = {
	[R_PROTO] = { "wlan_radio", "802.11 radio information", FT_PROTOCOL, BASE_NONE, 0, 0, NULL,
		"Radio parameters of the frame, from the capture header, in one form.", 0 },
	[R_PHY] = { "wlan_radio.phy", "PHY type", FT_UINT32, BASE_DEC, 0, 0, phy_vals,
		"Which 802.11 physical layer carried the frame (b, a, g, n …).", 0 },
	[R_TURBO] = { "wlan_radio.11a.turbo_type", "Turbo type", FT_UINT32, BASE_DEC, 0, 0, turbo_vals,
		"802.11a: Atheros turbo mode (two channels bonded).", 0 },
	[R_SHORT_PREAMBLE] = { "wlan_radio.short_preamble", "Short preamble", FT_BOOLEAN, BASE_NONE,
		0, 0, true_false, "802.11b: the short (96 µs) PLCP preamble was used.", 0 },
	[R_RATE] = { "wlan_radio.data_rate", "Data rate", FT_DOUBLE, BASE_NONE, 0, 0, NULL,
		"Data rate in Mb/s.", 0 },
	[R_CHANNEL] = { "wlan_radio.channel", "Channel", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Channel number.", 0 },
	[R_FREQ] = { "wlan_radio.frequency", "Frequency", FT_UINT16, BASE_DEC, 0, 0, NULL,
		"Centre frequency in MHz.", 0 },
	[R_SIG_DB] = { "wlan_radio.signal_db", "Signal strength (dB)", FT_UINT8, BASE_DEC, 0, 0, NULL,
		"Signal strength in dB above an arbitrary reference.", 0 },
	[R_SIG_DBM] = { "wlan_radio.signal_dbm", "Signal strength (dBm)", FT_INT8, BASE_DEC, 0, 0, NULL,
		"Received signal power in dBm.", 0 },
	[R_NOISE_DBM] = { "wlan_radio.noise_dbm", "Noise level (dBm)", FT_INT8, BASE_DEC, 0, 0, NULL,
		"Noise power in dBm.", 0 },
	[R_SNR] = { "wlan_radio.snr", "Signal/noise ratio (dB)", FT_INT32, BASE_DEC, 0, 0, NULL,
		"Signal minus noise, in dB.", 0 },
	[R_TSF] = { "wlan_radio.timestamp", "TSF timestamp", FT_UINT64, BASE_DEC, 0, 0, NULL,
		"The radio's timer (µs) for the frame.", 0 },
	[R_DURATION] = { "wlan_radio.duration", "Duration", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Computed airtime of the frame in µs.", 0 },
	[R_PREAMBLE] = { "wlan_radio.preamble", "Preamble", FT_UINT32, BASE_DEC, 0, 0, NULL,
		"Computed airtime of the PLCP preamble and header in µs.", 0 },
	[R_START] = { "wlan_radio.start_tsf", "Start", FT_UINT64, BASE_DEC, 0, 0, NULL,
		"TSF time (µs) the frame started.", 0 },
	[R_END] = { "wlan_radio.end_tsf", "End", FT_UINT64, BASE_DEC, 0, 0, NULL,
		"TSF time (µs) the frame ended.", 0 },
};
static const struct field_table wlan_radio_table = REG_TABLE_FLAGS(fields, REG_T_HEADERS);
const struct proto_reg wlan_radio_proto = REG_PROTO_TABLE(wlan_radio_table);

static unsigned channel_of(unsigned freq)
{
	if (freq == 2484)
		return 14;
	if (freq >= 2407 && freq < 2484)
		return (freq - 2407) / 5;
	if (freq >= 5000 && freq < 6000)
		return (freq - 5000) / 5;
	return 0;
}

static unsigned phy_of(const struct ieee80211_radio *r)
{
	if (!r->has_chan)
		return 0;
	if (r->chflags & 0x0020)
		return 4;
	if (r->chflags & 0x0040)
		return r->chflags & 0x0100 ? 5 : 6;
	if (r->chflags & 0x0400)
		return 6;
	return 0;
}

void ieee80211_radio(struct dctx *d, struct cur *c, const struct ieee80211_radio *r)
{
	struct dtree *t = d->tree;
	uint32_t node, n, off = cur_off(c);
	unsigned phy = phy_of(r);
	uint32_t flen = (uint32_t)cur_left(c);

	pi_push_proto(d->pi, "wlan_radio");
	node = tree_add(t, 0, &fields[R_PROTO], off, 0);
	if (phy)
		tree_add_uint(t, node, &fields[R_PHY], off, 0, phy);
	if (phy == 4)
		tree_add_uint(t, node, &fields[R_SHORT_PREAMBLE], off, 0, r->short_preamble);
	if (phy == 5)
		tree_add_uint(t, node, &fields[R_TURBO], off, 0,
		    r->chflags & 0x2000 ? 1 : r->chflags & 0x0010 ? 2 : 0);
	if (r->has_rate) {
		n = tree_add_double(t, node, &fields[R_RATE], off, 0, r->rate / 2.0);
		tree_label(t, n, "Data rate: %.1f Mb/s", r->rate / 2.0);
	}
	if (r->has_chan) {
		unsigned ch = channel_of(r->freq);
		if (ch)
			tree_add_uint(t, node, &fields[R_CHANNEL], off, 0, ch);
		tree_label(t, tree_add_uint(t, node, &fields[R_FREQ], off, 0, r->freq),
		    "Frequency: %uMHz", r->freq);
	}
	if (r->has_db_sig)
		tree_label(t, tree_add_uint(t, node, &fields[R_SIG_DB], off, 0, r->db_sig),
		    "Signal strength (dB): %u dB", r->db_sig);
	if (r->has_dbm_sig)
		tree_label(t, tree_add_int(t, node, &fields[R_SIG_DBM], off, 0, r->dbm_sig),
		    "Signal strength (dBm): %d dBm", r->dbm_sig);
	if (r->has_dbm_noise)
		tree_label(t, tree_add_int(t, node, &fields[R_NOISE_DBM], off, 0, r->dbm_noise),
		    "Noise level (dBm): %d dBm", r->dbm_noise);
	if (r->has_dbm_sig && r->has_dbm_noise)
		tree_label(t, tree_add_int(t, node, &fields[R_SNR], off, 0, r->dbm_sig - r->dbm_noise),
		    "Signal/noise ratio (dB): %d dB", r->dbm_sig - r->dbm_noise);
	if (r->has_tsft)
		tree_add_uint(t, node, &fields[R_TSF], off, 0, r->tsft);
	if ((phy == 4 || phy == 5) && r->has_rate && r->rate) {
		uint32_t pre, dur;
		if (phy == 4) {
			pre = r->short_preamble ? 96 : 192;
			dur = pre + (flen * 16 + r->rate - 1) / r->rate;
		} else {
			/* OFDM: 16 service + 6 tail bits, 4-µs symbols of rate × 4 bits */
			uint32_t bps = r->rate * 2;
			pre = 20;
			dur = pre + 4 * ((16 + 8 * flen + 6 + bps - 1) / bps);
		}
		n = tree_add_uint(t, node, &fields[R_DURATION], off, 0, dur);
		tree_flag(t, n, TN_GENERATED);
		tree_label(t, n, "Duration: %u\xc2\xb5s", dur);
		uint32_t p = tree_add_uint(t, n, &fields[R_PREAMBLE], off, 0, pre);
		tree_flag(t, p, TN_GENERATED);
		tree_label(t, p, "Preamble: %u\xc2\xb5s", pre);
		if (r->has_tsft) {
			uint32_t s = tree_add_uint(t, n, &fields[R_START], off, 0, r->tsft - dur);
			tree_flag(t, s, TN_GENERATED);
			tree_label(t, s, "Start: %llu\xc2\xb5s", (unsigned long long)(r->tsft - dur));
			s = tree_add_uint(t, n, &fields[R_END], off, 0, r->tsft);
			tree_flag(t, s, TN_GENERATED);
			tree_label(t, s, "End: %llu\xc2\xb5s", (unsigned long long)r->tsft);
		}
	}
	ieee80211_frame(d, c, 0, r->fcs);
}
