#!/bin/sh
# server_bench.sh — keep-alive requests per second of the built-in server beside nginx
# with one worker serving the same page, in one run (wrk -c32 -t2 -d10s each).
# Use an optimised build without sanitizers:
#     NETLAB_BIN=/path/to/netlab-tui bench/server_bench.sh
# NGINX_ACCESS_LOG=off turns nginx's access log off (ours always logs to its queue).
# Prints "bench: server_req_per_s", "bench: nginx_req_per_s", "bench: server_vs_nginx".
. "$(dirname "$0")/lib.sh"
BIN=${NETLAB_BIN:-./src/netlab-tui}
DUR=${BENCH_SECONDS:-10}
bench_setup server_bench 77 wrk nginx curl python3
tmp=$bench_tmp

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
srv_pid= ngx_pid=
cleanup() {
	[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null
	[ -n "$ngx_pid" ] && kill "$ngx_pid" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

p1=$(free_port)
p2=$(free_port)
"$BIN" --serve=127.0.0.1:"$p1" --no-ui >/dev/null 2>"$tmp/server.err" &
srv_pid=$!
i=0
until curl -sf -o "$tmp/index.html" "http://127.0.0.1:$p1/"; do
	i=$((i + 1))
	[ $i -gt 50 ] && { echo "bench: server did not start"; cat "$tmp/server.err"; exit 1; }
	sleep 0.1
done
chmod 755 "$tmp"
chmod 644 "$tmp/index.html"
cat > "$tmp/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events { worker_connections 1024; }
http {
	access_log ${NGINX_ACCESS_LOG:-$tmp/access.log};
	client_body_temp_path $tmp/body;
	proxy_temp_path $tmp/proxy;
	fastcgi_temp_path $tmp/fastcgi;
	uwsgi_temp_path $tmp/uwsgi;
	scgi_temp_path $tmp/scgi;
	types { text/html html; }
	server {
		listen 127.0.0.1:$p2;
		root $tmp;
		index index.html;
	}
}
CONF
nginx -c "$tmp/nginx.conf" -p "$tmp" 2>"$tmp/nginx.err" &
ngx_pid=$!
i=0
until curl -sf -o /dev/null "http://127.0.0.1:$p2/"; do
	i=$((i + 1))
	[ $i -gt 50 ] && { echo "bench: nginx did not start"; cat "$tmp/nginx.err" "$tmp/error.log"; exit 1; }
	sleep 0.1
done

rps() {
	wrk -c32 -t2 -d"${DUR}s" "http://127.0.0.1:$1/" | awk '/^Requests\/sec:/ { print $2 }'
}
s=$(rps "$p1")
n=$(rps "$p2")
echo "bench: server_req_per_s $s req/s"
echo "bench: nginx_req_per_s $n req/s"
echo "bench: server_vs_nginx $(awk -v a="$s" -v b="$n" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }') x"
