/* save.c — `w`: writes packets of the store through the capture engine's writer.
 *
 * pcapng when the name ends in ".pcapng" or the packets have several link types,
 * pcap otherwise; timestamps keep the source's precision.  The caller has asked
 * before overwriting an existing file (app.c).  A failed write (a full disk) leaves
 * the file cut back to its last complete packet and says how many it holds.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "capture/capture.h"
#include "capture/writer.h"
#include "ui/ui_int.h"

int ui_save(struct ui *u, const char *path, const uint32_t *idx, size_t n, char *errbuf, size_t en)
{
	char err[CAPW_ERRBUF_SIZE];
	size_t pl = strlen(path);
	int ng = pl > 7 && strcmp(path + pl - 7, ".pcapng") == 0;
	int lt = -2;
	uint8_t declared[65536 / 8];
	struct capwriter *w;

	for (size_t i = 0; i < n && !ng; i++) {
		if (store_get(u->st, idx[i])->flags & STORE_F_BLOCK)
			continue;
		int l = store_iface_linktype(u->st, store_get(u->st, idx[i])->ifid);
		if (lt != -2 && l != lt)
			ng = 1;
		lt = l;
	}
	w = capw_open(path, ng ? CAPW_PCAPNG : CAPW_PCAP, u->time_digits == 9, err);
	if (!w) {
		snprintf(errbuf, en, "%s", err);
		return -1;
	}
	memset(declared, 0, sizeof(declared));
	for (size_t i = 0; i < n; i++) {
		const struct store_pkt *p = store_get(u->st, idx[i]);
		struct pkt_rec rec;
		int64_t s = p->ts / 1000000000, ns = p->ts % 1000000000;
		int swap;

		/* A pcapng custom block is not a packet: neither format has it. */
		if (p->flags & STORE_F_BLOCK)
			continue;
		if (ns < 0) {
			ns += 1000000000;
			s--;
		}
		memset(&rec, 0, sizeof(rec));
		rec.ts_sec = s;
		rec.ts_nsec = (uint32_t)ns;
		rec.caplen = p->caplen;
		rec.len = p->len;
		rec.linktype = store_iface_linktype(u->st, p->ifid);
		rec.ifid = p->ifid;
		rec.data = store_data(u->st, idx[i]);
		rec.opts = store_opts(u->st, idx[i], &rec.opts_len, &swap);	/* comments, flags */
		rec.flags = swap ? CAPFILE_REC_OPT_SWAP : 0;
		if (!(declared[p->ifid >> 3] & (1u << (p->ifid & 7)))) {
			const struct store_iface *si = store_iface(u->st, p->ifid);
			struct capfile_iface ifc = { .linktype = rec.linktype,
			    .snaplen = CAP_DEFAULT_SNAPLEN, .time_digits = si->time_digits };
			snprintf(ifc.name, sizeof(ifc.name), "%s", si->name ? si->name : "");
			snprintf(ifc.descr, sizeof(ifc.descr), "%s", si->descr ? si->descr : "");
			declared[p->ifid >> 3] |= (uint8_t)(1u << (p->ifid & 7));
			if (capw_add_iface_from(w, p->ifid, rec.linktype, &ifc, err) < 0)
				goto fail;
		}
		if (capw_write(w, &rec, err) < 0)
			goto fail;
	}
	if (capw_flush(w, err) < 0)
		goto fail;
	if (capw_close(w, err) < 0) {
		snprintf(errbuf, en, "%s", err);
		return -1;
	}
	return 0;
fail:
	snprintf(errbuf, en, "%s (%llu of %zu packets saved: the file ends after the last "
	    "complete one)", err, (unsigned long long)capw_packets(w), n);
	capw_close(w, NULL);
	return -1;
}
