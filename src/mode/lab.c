/* lab.c — lab mode; see lab.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/capture.h"
#include "core/xmalloc.h"
#include "mode/lab.h"
#include "server/visit.h"

#define LAB_LAST_PORT 8089

struct lab {
	struct options *o;
	struct httpd *server;
	struct httpd_config cfg;
	char addr[64];
	char bpf[32];
	char notice[CAP_ERRBUF_SIZE + 256];
	int live;
	int wanted_port;	/* the usual port, when it was in use and another was taken */
	struct visit_job *visit;
};

/* Path of the bundled lab capture, or NULL. */
static const char *lab_capture_path(void)
{
	static const char *const dirs[] = { NETLAB_DATADIR "/lab.pcap", NETLAB_SRCDIR "/pcaps/lab.pcap" };

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (access(dirs[i], R_OK) == 0)
			return dirs[i];
	return NULL;
}

static struct httpd *start_server(struct lab *l, int *port, char *errbuf, size_t n)
{
	struct httpd *h;

	for (;;) {
		l->cfg.port = *port;
		h = httpd_start(&l->cfg, errbuf, n);
		if (h || l->o->serve || *port == 0)
			return h;
		/* 8080 taken by another server (another student's lab): the next one, and
		 * after LAB_LAST_PORT any port the system has free */
		*port = *port >= LAB_LAST_PORT ? 0 : *port + 1;
	}
}

struct lab *lab_start(struct options *o, char *errbuf, size_t n)
{
	struct lab *l = xcalloc(1, sizeof(*l));
	char cerr[CAP_ERRBUF_SIZE];
	struct capsrc *probe;
	int port = HTTPD_DEFAULT_PORT, wanted;
	const char *pcap;
	char busy[48] = "";
	/* --serve beside -i or -r: the server only, the TUI shows the source named */
	int own_source = (o->nifaces || o->read_file) && !o->lab;

	l->o = o;
	snprintf(l->addr, sizeof(l->addr), "%s", HTTPD_DEFAULT_ADDR);
	if (o->serve && httpd_parse_addr(o->serve, l->addr, sizeof(l->addr), &port, errbuf, n) < 0) {
		free(l);
		return NULL;
	}
	l->cfg.addr = l->addr;
	l->cfg.www = o->www;
	l->cfg.name = o->name;
	l->cfg.student_id = o->student_id;
	l->cfg.major = o->major;
	l->cfg.request_timeout_ms = o->request_timeout_ms;
	l->cfg.max_client_conns = o->max_client_conns;
	wanted = port;
	l->server = start_server(l, &port, errbuf, n);
	if (!l->server) {
		free(l);
		return NULL;
	}
	l->cfg.port = port = httpd_port(l->server);
	if (port != wanted) {
		l->wanted_port = wanted;
		snprintf(busy, sizeof(busy), " (%d was in use)", wanted);
	}
	if (own_source) {
		snprintf(l->notice, sizeof(l->notice), "serving http://%s:%d/%s: v visits it, s stops it",
		    l->addr, port, busy);
		return l;
	}

	/* Live capture on lo if permitted: probe it here, where the error can still be
	 * turned into the fallback instead of a failed start. */
	snprintf(l->bpf, sizeof(l->bpf), "tcp port %d", port);
	probe = capsrc_create();
	capsrc_set_iface(probe, "lo");
	capsrc_set_filter(probe, l->bpf);
	l->live = capsrc_activate(probe, cerr) == 0;
	capsrc_free(probe);
	if (l->live) {
		o->ifaces[0] = "lo";
		o->nifaces = 1;
		o->capture_filter = l->bpf;
		/* A small snaplen and a big buffer: immediate mode with 256 KiB frames leaves
		 * room for a handful of packets, and a visit is a burst of ~100. */
		if (!o->snaplen)
			o->snaplen = 65535;
		if (!o->bufsize_mib)
			o->bufsize_mib = 32;
		snprintf(l->notice, sizeof(l->notice), "lab: serving http://%s:%d/%s and capturing on lo "
		    "(%s)", l->addr, port, busy, l->bpf);
		return l;
	}
	pcap = lab_capture_path();
	if (!pcap) {
		snprintf(errbuf, n, "%s; and the bundled lab capture (lab.pcap) was not found", cerr);
		httpd_stop(l->server);
		free(l);
		return NULL;
	}
	o->read_file = pcap;
	if (o->replay_speed <= 0)
		o->replay_speed = 1;
	snprintf(l->notice, sizeof(l->notice), "%s — replaying the bundled lab capture instead "
	    "(the server still runs on http://%s:%d/%s)", cerr, l->addr, port, busy);
	return l;
}

struct httpd *lab_take_server(struct lab *l)
{
	struct httpd *h = l->server;

	l->server = NULL;
	return h;
}

const struct httpd_config *lab_server_config(const struct lab *l)
{
	return &l->cfg;
}

int lab_live(const struct lab *l)
{
	return l->live;
}

int lab_wanted_port(const struct lab *l)
{
	return l->wanted_port;
}

const char *lab_notice(const struct lab *l)
{
	return l->notice;
}

void lab_visit_async(struct lab *l, int delay_ms)
{
	l->visit = visit_job_start(l->addr, l->cfg.port, delay_ms);
}

void lab_end(struct lab *l)
{
	char line[512];

	if (!l)
		return;
	if (l->visit) {
		visit_job_finish(l->visit, line, sizeof(line));
		fprintf(stderr, "netlab-tui: %s\n", line);
	}
	if (l->server)
		httpd_stop(l->server);
	free(l);
}
