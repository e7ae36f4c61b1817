/* save.c — `w`: writes packets of the store to a pcap or pcapng file.
 *
 * pcap (nanosecond magic) when every packet has the same link type and the name does
 * not end in ".pcapng"; pcapng otherwise (one interface block per interface used, with
 * its name and if_tsresol = 9).  The caller has asked before overwriting (app.c).
 * TODO(capture): switch to src/capture/writer.h once it lands.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "ui/ui_int.h"

static int put(FILE *fp, const void *p, size_t n)
{
	return fwrite(p, 1, n, fp) == n ? 0 : -1;
}

static int put32(FILE *fp, uint32_t v)
{
	return put(fp, &v, 4);
}

static int put16(FILE *fp, uint16_t v)
{
	return put(fp, &v, 2);
}

static void split_ts(int64_t ts, uint32_t *sec, uint32_t *nsec)
{
	int64_t s = ts / 1000000000, ns = ts % 1000000000;

	if (ns < 0) {
		ns += 1000000000;
		s--;
	}
	*sec = (uint32_t)s;
	*nsec = (uint32_t)ns;
}

static int write_pcap(struct ui *u, FILE *fp, const uint32_t *idx, size_t n, int linktype)
{
	if (put32(fp, 0xa1b23c4d) || put16(fp, 2) || put16(fp, 4) || put32(fp, 0) ||
	    put32(fp, 0) || put32(fp, 262144) || put32(fp, (uint32_t)linktype))
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct store_pkt *p = store_get(u->st, idx[i]);
		uint32_t sec, nsec;
		split_ts(p->ts, &sec, &nsec);
		if (put32(fp, sec) || put32(fp, nsec) || put32(fp, p->caplen) || put32(fp, p->len) ||
		    put(fp, store_data(u->st, idx[i]), p->caplen))
			return -1;
	}
	return 0;
}

static int write_pcapng(struct ui *u, FILE *fp, const uint32_t *idx, size_t n)
{
	static const uint8_t zero[4];
	int32_t map[65536];
	uint32_t nif = 0;

	/* Section Header Block */
	if (put32(fp, 0x0A0D0D0A) || put32(fp, 28) || put32(fp, 0x1A2B3C4D) || put16(fp, 1) ||
	    put16(fp, 0) || put32(fp, 0xffffffff) || put32(fp, 0xffffffff) || put32(fp, 28))
		return -1;
	memset(map, 0xff, sizeof(map));
	for (size_t i = 0; i < n; i++) {
		const struct store_pkt *p = store_get(u->st, idx[i]);
		uint32_t sec, nsec, caplen = p->caplen, pad = (4 - caplen % 4) % 4;
		uint64_t t;
		if (map[p->ifid] < 0) {
			const char *name = store_iface_name(u->st, p->ifid);
			uint32_t nlen = name ? (uint32_t)strlen(name) : 0, npad = (4 - nlen % 4) % 4;
			uint32_t blen = 20 + 8 + (nlen ? 4 + nlen + npad : 0) + 4;
			int lt = store_iface_linktype(u->st, p->ifid);
			/* IDB: linktype, reserved, snaplen, options (if_name, if_tsresol, end) */
			if (put32(fp, 1) || put32(fp, blen) || put16(fp, (uint16_t)(lt < 0 ? 1 : lt)) ||
			    put16(fp, 0) || put32(fp, 262144))
				return -1;
			if (nlen && (put16(fp, 2) || put16(fp, (uint16_t)nlen) || put(fp, name, nlen) ||
			    put(fp, zero, npad)))
				return -1;
			if (put16(fp, 9) || put16(fp, 1) || put(fp, "\x09\0\0\0", 4) || put32(fp, 0) ||
			    put32(fp, blen))
				return -1;
			map[p->ifid] = (int32_t)nif++;
		}
		split_ts(p->ts, &sec, &nsec);
		t = (uint64_t)(p->ts < 0 ? 0 : p->ts);
		if (put32(fp, 6) || put32(fp, 32 + caplen + pad) || put32(fp, (uint32_t)map[p->ifid]) ||
		    put32(fp, (uint32_t)(t >> 32)) || put32(fp, (uint32_t)t) || put32(fp, caplen) ||
		    put32(fp, p->len) || put(fp, store_data(u->st, idx[i]), caplen) ||
		    put(fp, zero, pad) || put32(fp, 32 + caplen + pad))
			return -1;
	}
	return 0;
}

int ui_save(struct ui *u, const char *path, const uint32_t *idx, size_t n, char *errbuf, size_t en)
{
	size_t pl = strlen(path);
	int ng = pl > 7 && strcmp(path + pl - 7, ".pcapng") == 0;
	int lt = -2, r;
	FILE *fp;

	for (size_t i = 0; i < n && !ng; i++) {
		int l = store_iface_linktype(u->st, store_get(u->st, idx[i])->ifid);
		if (lt != -2 && l != lt)
			ng = 1;
		lt = l;
	}
	if (lt < 0)
		lt = 1;
	fp = fopen(path, "wb");
	if (!fp) {
		snprintf(errbuf, en, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	r = ng ? write_pcapng(u, fp, idx, n) : write_pcap(u, fp, idx, n, lt);
	if (fclose(fp) != 0)
		r = -1;
	if (r < 0) {
		snprintf(errbuf, en, "writing %s failed: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
