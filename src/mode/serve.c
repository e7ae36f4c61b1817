/* serve.c — `--serve --no-ui` and `--visit` for the command line; see mode.h. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "mode/mode.h"
#include "server/httpd.h"
#include "server/visit.h"

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

/* Starts the server the options describe, warning about non-loopback addresses. */
static struct httpd *start(const struct options *o, char *addr, size_t an, int *port)
{
	struct httpd_config cfg;
	char err[HTTPD_ERRBUF];
	struct httpd *h;

	if (httpd_parse_addr(o->serve, addr, an, port, err, sizeof(err)) < 0) {
		fprintf(stderr, "netlab-tui: %s\n", err);
		return NULL;
	}
	if (!httpd_addr_is_loopback(addr))
		fprintf(stderr, "netlab-tui: warning: serving on %s, which other machines can reach; "
		    "use --serve=127.0.0.1:%d to keep the server on this machine\n", addr, *port);
	memset(&cfg, 0, sizeof(cfg));
	cfg.addr = addr;
	cfg.port = *port;
	cfg.www = o->www;
	cfg.name = o->name;
	cfg.student_id = o->student_id;
	cfg.major = o->major;
	cfg.request_timeout_ms = o->request_timeout_ms;
	cfg.max_client_conns = o->max_client_conns;
	h = httpd_start(&cfg, err, sizeof(err));
	if (!h) {
		fprintf(stderr, "netlab-tui: %s\n", err);
		return NULL;
	}
	*port = httpd_port(h);
	return h;
}

static void drain(struct httpd *h)
{
	char line[HTTPD_LOG_LINE];

	while (httpd_log_pop(h, line, sizeof(line)))
		printf("%s\n", line);
	fflush(stdout);
}

int mode_serve(const struct options *o)
{
	struct sigaction sa;
	struct httpd_stats st;
	struct httpd *h;
	char addr[64];
	int port;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	h = start(o, addr, sizeof(addr), &port);
	if (!h)
		return 1;
	fprintf(stderr, strchr(addr, ':') ? "serving http://[%s]:%d/%s%s — Ctrl-C to stop\n" :
	    "serving http://%s:%d/%s%s — Ctrl-C to stop\n", addr, port,
	    o->www ? " from " : "", o->www ? o->www : "");
	while (!got_signal) {
		httpd_log_wait(h, 200);
		drain(h);
	}
	httpd_get_stats(h, &st);
	httpd_stop(h);
	fprintf(stderr, "stopped: %llu requests on %llu connections%s\n",
	    (unsigned long long)st.requests, (unsigned long long)st.connections,
	    st.log_dropped ? " (some log lines were dropped under load)" : "");
	return 0;
}

int mode_visit(const struct options *o)
{
	struct visit_report rep;
	struct httpd *h = NULL;
	char addr[64] = HTTPD_DEFAULT_ADDR, err[HTTPD_ERRBUF], line[160];
	int port = HTTPD_DEFAULT_PORT, rc;

	if (o->serve) {
		h = start(o, addr, sizeof(addr), &port);
		if (!h)
			return 1;
	}
	rc = visit_run(addr, port, &rep, err, sizeof(err));
	for (int i = 0; i < rep.n; i++) {
		visit_format(&rep.item[i], line, sizeof(line));
		printf("%s\n", line);
	}
	fflush(stdout);
	if (rc < 0)
		fprintf(stderr, "netlab-tui: visit: %s\n", err);
	httpd_stop(h);
	return rc < 0 ? 1 : 0;
}
