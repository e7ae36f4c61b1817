/* source.c — where the TUI's packets come from: a file read in slices between looks
 * at the keyboard (ui_load_step), live interfaces and stdin drained from their rings
 * (ui_drain_step) into the store, the model and the live spool file; see app.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "analysis/conv_table.h"
#include "capture/spool.h"
#include "capture/writer.h"
#include "core/strvis.h"
#include "ui/ui.h"
#include "ui/ui_int.h"

static void ingest(struct ui *u, const struct pkt_rec *rec, const struct capfile_iface *ifc)
{
	struct store_pkt p;
	struct pinfo *pi = &u->pi;
	struct dctx d = { .tree = NULL, .pi = pi, .sess = u->sess, .frag = u->sess->frag };
	uint32_t idx;

	memset(&p, 0, sizeof(p));
	p.ts = pkt_rec_ns(rec);
	p.caplen = rec->caplen;
	p.len = rec->len;
	p.ifid = (uint16_t)(rec->ifid > 65535 ? 65535 : rec->ifid);
	if (rec->flags & CAPFILE_REC_NO_TS)
		p.flags |= STORE_F_NO_TS;
	if (rec->linktype == LINKTYPE_PCAPNG_BLOCK) {
		/* Not a packet: no interface, its own link type (fill_pinfo). */
		p.flags |= STORE_F_BLOCK;
		p.ifid = 0;
	} else if (store_iface_linktype(u->st, p.ifid) < 0 ||
	    rec->linktype != store_iface_linktype(u->st, p.ifid)) {
		/* raw, as batch mode passes it: the frame dissector escapes it */
		struct store_iface info = { rec->linktype, ifc ? ifc->section : 0,
		    ifc ? ifc->time_digits : u->time_digits, ifc ? ifc->name : NULL,
		    ifc ? ifc->descr : NULL };
		store_set_iface(u->st, p.ifid, &info);
	}
	if (!u->have_first) {
		u->first_ts = p.ts;
		u->have_first = 1;
	}
	idx = store_append(u->st, &p, rec->data);
	store_set_opts(u->st, idx, rec->opts, rec->opts_len, (rec->flags & CAPFILE_REC_OPT_SWAP) != 0);
	ui_fill_pinfo(u, idx, pi);
	pi->visited = 0;
	pi->want_cols = 0;
	dissect_frame(&d, store_data(u->st, idx));
	{
		struct store_pkt *sp = store_at(u->st, idx);
		sp->conv = convtab_add(u->convs, pi);
		if (pi->malformed)
			sp->flags |= STORE_F_MALFORMED;
	}
	if (u->live)
		u->unsaved++;
}

/* Reads the file for about budget_us; returns 1 while more remains. */
int ui_load_step(struct ui *u, int64_t budget_us)
{
	char errbuf[CAPFILE_ERRBUF_SIZE];
	struct pkt_rec rec;
	int64_t t0 = ui_now_us();
	uint32_t before = store_count(u->st);
	int r = 1;

	if (!u->loading)
		return 0;
	while ((r = capfile_next(u->cf, &rec, errbuf)) == 1) {
		const struct capfile_iface *ifc = capfile_iface(u->cf, rec.ifid);
		if (u->bpf && !capfilter_match(u->bpf, &rec))
			continue;	/* -f on a file: as if never captured */
		if (!store_count(u->st))	/* the file's precision, as batch mode */
			u->time_digits = ifc ? ifc->time_digits : 6;
		ingest(u, &rec, ifc);
		if ((store_count(u->st) & 255) == 0 && ui_now_us() - t0 > budget_us)
			break;
		if (u->o->count && store_count(u->st) >= (uint64_t)u->o->count) {
			r = 0;
			break;
		}
	}
	if (r != 1) {
		if (r < 0) {
			ui_message(u, 1, "%s", errbuf);
			u->load_error = 1;
		}
		u->state = "file";
		u->loading = 0;		/* the map stays: the store points into it */
	}
	if (store_count(u->st) != before)
		ui_list_new_packets(u);
	return r == 1;
}

int ui_load_percent(const struct ui *u)
{
	uint64_t size = u->loading ? capfile_size(u->cf) : 0;

	if (!size)
		return -1;
	return (int)(capfile_pos(u->cf) * 100 / size);
}

/* Writes a popped batch to the temporary file and points the records at their bytes
 * in its map, so the store references them instead of copying.  After a write
 * failure (a full disk) the batch and every later one are copied, as without a
 * spool; the file keeps its whole packets. */
static void spool_batch(struct ui *u, struct pkt_rec *recs, size_t n)
{
	char err[CAPW_ERRBUF_SIZE];
	uint64_t off[64];

	if (!u->spool || u->spool_failed)
		return;
	for (size_t k = 0; k < n; k++)
		if (spool_write(u->spool, &recs[k], &off[k], err) < 0)
			goto failed;
	if (spool_flush(u->spool, err) < 0)
		goto failed;
	for (size_t k = 0; k < n; k++)
		recs[k].data = spool_map(u->spool) + off[k];
	return;
failed:
	u->spool_failed = 1;
	ui_message(u, 1, "%s; live packets are kept in memory from now on", err);
}

/* Drains the capture rings for about budget_us; returns 1 while frames remain. */
int ui_drain_step(struct ui *u, int64_t budget_us)
{
	struct pkt_rec recs[64];
	int64_t t0 = ui_now_us();
	uint32_t before = store_count(u->st);
	int more = 0, eof = 0;

	for (int i = 0; i < u->ncaps; i++) {
		struct ring *r = capsrc_ring(u->caps[i]);
		size_t n;
		while ((n = ring_pop(r, recs, 64)) > 0) {
			spool_batch(u, recs, n);
			for (size_t k = 0; k < n; k++) {
				uint32_t ifid = recs[k].ifid;
				/* as the spool has it */
				struct capfile_iface ifc = { .section = 1, .time_digits = u->time_digits };
				const struct capfile_iface *fifc = u->stream ?
				    capsrc_file_iface(u->caps[i], ifid) : NULL;
				snprintf(ifc.name, sizeof(ifc.name), "%s", ifid < (uint32_t)u->o->nifaces ?
				    u->o->ifaces[ifid] : capsrc_name(u->caps[i]));
				if (fifc && !store_count(u->st))	/* as a file's first packet */
					u->time_digits = fifc->time_digits;
				/* a stream: its interfaces as the file has them, as batch mode */
				ingest(u, &recs[k], u->stream ? fifc : &ifc);
			}
			ring_release(r);
			if (ui_now_us() - t0 > budget_us) {
				more = 1;
				break;
			}
		}
		if (ring_eof(r)) {
			eof++;
			if (capsrc_error(u->caps[i]) && !u->load_error) {
				ui_message(u, 1, "%s", capsrc_error(u->caps[i]));
				u->load_error = 1;
			}
		}
	}
	if (u->ncaps && eof == u->ncaps && !u->caps_eof) {
		u->caps_eof = 1;
		u->state = u->live ? "stopped" : "file";
		u->dirty = 1;
	}
	if (store_count(u->st) != before)
		ui_list_new_packets(u);
	return more;
}

void ui_drops(struct ui *u, uint64_t *kernel, uint64_t *ring)
{
	*kernel = *ring = 0;
	for (int i = 0; i < u->ncaps; i++) {
		struct capsrc_stats st;
		capsrc_get_stats(u->caps[i], &st);
		*kernel += st.kernel_drops + st.if_drops;
		*ring += st.ring_drops;
	}
}

/* A live capture's store indexes the temporary file (see the top of this file);
 * without one (no writable $TMPDIR) packets are copied into memory, as before. */
static void start_spool(struct ui *u)
{
	char err[CAPW_ERRBUF_SIZE];
	int nsec = 1;

	for (int i = 0; i < u->ncaps; i++)
		nsec &= capsrc_nsec(u->caps[i]);
	u->spool = spool_create(nsec, err);
	if (!u->spool)
		goto failed;
	for (int i = 0; i < u->ncaps; i++) {
		int lt = capsrc_linktype(u->caps[i]);
		if (lt >= 0 && spool_add_iface(u->spool, (uint32_t)i, lt, capsrc_snaplen(u->caps[i]),
		    capsrc_name(u->caps[i]), err) < 0)
			goto failed;
	}
	if (spool_flush(u->spool, err) < 0)
		goto failed;
	store_free(u->st);
	u->st = store_new(spool_map(u->spool), spool_map_size(u->spool));
	ui_crash_spool(u->spool);
	spool_keep_on_crash(u->spool);
	return;
failed:
	spool_close(u->spool, 0);
	u->spool = NULL;
	u->spool_failed = 1;
	ui_message(u, 1, "%s; live packets are kept in memory", err);
}

/* At start: offer the live captures earlier runs left behind (spool_finish). */
void ui_leftover_notice(struct ui *u)
{
	char *path, esc[300], before[sizeof(u->msg)];
	int n;

	if (u->o->recover || (n = spool_leftovers(&path, 1)) == 0)
		return;
	strvis(esc, sizeof(esc), (const uint8_t *)path, strlen(path), STRVIS_UTF8);
	snprintf(before, sizeof(before), "%s", u->msg);
	ui_message(u, 0, "%s%sa live capture was left in %s%s: netlab-tui --recover opens it",
	    before, before[0] ? " · " : "", esc, n > 1 ? " (and older ones)" : "");
	free(path);
}

int ui_start_sources(struct ui *u, char *errbuf)
{
	const struct ui_options *o = u->o;
	int n = o->nifaces ? o->nifaces : 1;

	for (int i = 0; i < n; i++) {
		struct capsrc *s = capsrc_create();
		u->caps[u->ncaps++] = s;
		if (o->nifaces) {
			/* No immediate mode: libpcap then uses TPACKET_V2 with one slot of
			 * the interface's MTU per frame (256 frames of lo in 16 MiB), which
			 * drops bursts; TPACKET_V3 blocks hand frames over within the
			 * capture timeout (50 ms), soon enough for the screen. */
			capsrc_set_iface(s, o->ifaces[i]);
			capsrc_set_ifid(s, (uint32_t)i);
		} else {
			capsrc_set_file(s, o->read_file);
			capsrc_set_replay(s, o->replay_speed);
		}
		capsrc_set_snaplen(s, o->snaplen);
		capsrc_set_bufsize(s, o->bufsize_mib);
		capsrc_set_filter(s, o->capture_filter);
		capsrc_set_remote_filter(s, o->remote_filter);
		capsrc_set_count(s, o->count);
		if (capsrc_activate(s, errbuf) < 0)
			return -1;
		if (capsrc_nsec(s))
			u->time_digits = 9;
	}
	if (cap_drop_privileges(o->user, errbuf) < 0)
		return -1;
	if (u->live)
		start_spool(u);		/* as the unprivileged user, like -w */
	for (int i = 0; i < u->ncaps; i++)
		if (capsrc_start(u->caps[i], errbuf) < 0)
			return -1;
	return 0;
}

/* Decides, at exit, whether the temporary file stays: after a signal or a lost
 * terminal, when it holds packets that were not saved with `w` (a clean quit
 * always removes it).  Says where on stderr and in syslog (stderr may be the
 * terminal that went away). */
void ui_spool_finish(struct ui *u)
{
	char line[CAPW_ERRBUF_SIZE + 128];
	uint64_t n;

	if (!u->spool)
		return;
	n = spool_packets(u->spool);
	u->keep_spool = (ui_got_signal() || u->tty_lost) && u->unsaved && n;
	if (!u->keep_spool)
		return;
	snprintf(line, sizeof(line), "the live capture (%llu packet%s) is kept in %s; "
	    "open it with: netlab-tui -r %s (or --recover)", (unsigned long long)n, n == 1 ? "" : "s",
	    spool_path(u->spool), spool_path(u->spool));
	fprintf(stderr, "netlab-tui: %s\n", line);
	openlog("netlab-tui", LOG_PID, LOG_USER);
	syslog(LOG_NOTICE, "%s", line);
	closelog();
}

