#!/usr/bin/env python3
"""test_server.py — the built-in server end to end (`--serve --no-ui`), with curl and
Python's standard library only: every status it answers, traversal and limits,
keep-alive, HTTP/1.0, pipelining, WebSocket (a hand-written RFC 6455 client), a
slowloris, SIGTERM, and the `--visit` report.  Only 127.0.0.1; every wait is bounded."""
import atexit, base64, email.utils, hashlib, os, resource, shutil, signal, socket, struct, subprocess, sys, tempfile, time

BIN = os.environ.get("NETLAB_BIN")
failures = 0


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print("FAIL:", what)
    else:
        print("ok:", what)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Server:
    def __init__(self, *args, nofile=None):
        self.port = free_port()
        self.out = tempfile.TemporaryFile()
        self.err = tempfile.TemporaryFile()

        def limit():
            if nofile:
                resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
        self.p = subprocess.Popen([BIN, "--serve=127.0.0.1:%d" % self.port, "--no-ui"] + list(args),
                                  stdout=self.out, stderr=self.err, preexec_fn=limit)
        atexit.register(self.kill)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("server did not start")

    def kill(self):
        """Leaves no server behind when a test ends early with an exception."""
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        try:
            rc = self.p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = "timeout"
        self.out.seek(0)
        self.err.seek(0)
        return rc, self.out.read().decode("utf-8", "replace"), self.err.read().decode("utf-8", "replace")


def conn(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.settimeout(5)
    return s


def read_response(s, buf=b"", head=False):
    """Reads one response: (status, headers dict lower-case, body, leftover bytes); status
    None if the connection ends or times out first."""
    while b"\r\n\r\n" not in buf:
        try:
            d = s.recv(65536)
        except OSError:
            d = b""
        if not d:
            return None, {}, b"", buf
        buf += d
    h, _, rest = buf.partition(b"\r\n\r\n")
    lines = h.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    hdrs = {}
    for l in lines[1:]:
        k, _, v = l.partition(":")
        hdrs[k.strip().lower()] = v.strip()
    n = 0 if head or status in (101, 304) else int(hdrs.get("content-length", "0"))
    while len(rest) < n:
        d = s.recv(65536)
        if not d:
            break
        rest += d
    return status, hdrs, rest[:n], rest[n:]


def raw(port, data, head=False):
    s = conn(port)
    s.sendall(data)
    r = read_response(s, head=head)
    s.close()
    return r


def get(port, path, extra="", method="GET"):
    return raw(port, ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n" % (method, path, extra)).encode(),
               head=method == "HEAD")


def closed_by_server(s):
    try:
        return s.recv(1) == b""
    except OSError:
        return True


def statuses(port):
    st, h, body, _ = get(port, "/")
    check(st == 200, "GET / is 200")
    check(h.get("server") == "netlab-tui/0.1", "Server header")
    check(h.get("date", "").endswith("GMT"), "Date header")
    check(h.get("content-type") == "text/html; charset=utf-8", "html Content-Type")
    check(int(h.get("content-length", -1)) == len(body), "Content-Length matches the body")
    check(b"&lt;b&gt;Li &amp; Wang&lt;/b&gt;" in body and b"2022123" in body and b"Computer" in body,
          "page shows the HTML-escaped name, student ID and major")
    check(b"/style.css" in body and b"/logo.png" in body and b"/hello.wav" in body and b"/app.js" in body,
          "page references stylesheet, logo, audio and script")
    etag, lm = h.get("etag"), h.get("last-modified")
    check(etag and etag.startswith('"') and lm, "ETag and Last-Modified present")

    st, h, body, _ = get(port, "/", method="HEAD")
    check(st == 200 and h.get("content-length") and body == b"", "HEAD / is 200 without body")

    check(get(port, "/", "If-None-Match: %s\r\n" % etag)[0] == 304, "If-None-Match → 304")
    check(get(port, "/", "If-None-Match: \"x\", W/%s\r\n" % etag)[0] == 304, "weak If-None-Match list → 304")
    check(get(port, "/", "If-Modified-Since: %s\r\n" % lm)[0] == 304, "If-Modified-Since → 304")
    check(get(port, "/", "If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT\r\n")[0] == 200,
          "older If-Modified-Since → 200")
    check(get(port, "/", "If-None-Match: \"nope\"\r\nIf-Modified-Since: %s\r\n" % lm)[0] == 200,
          "If-None-Match takes precedence over If-Modified-Since")
    if_modified_since(port, lm)
    st, h, body, _ = get(port, "/", "If-None-Match: %s\r\n" % etag)
    check(st == 304 and body == b"" and h.get("etag") == etag, "304 carries the ETag and no body")

    st, h, body, _ = get(port, "/favicon.ico")
    check(st == 404 and b"404 Not Found" in body and "html" in h.get("content-type", ""), "/favicon.ico → 404 page")

    for path, ct in (("/style.css", "text/css"), ("/app.js", "text/javascript"), ("/logo.png", "image/png"),
                     ("/hello.wav", "audio/wav")):
        st, h, body, _ = get(port, path)
        check(st == 200 and h.get("content-type", "").startswith(ct), "%s is %s" % (path, ct))
        if path == "/logo.png":
            check(body.startswith(b"\x89PNG") and len(body) < 4096, "logo is a small PNG")
        if path == "/hello.wav":
            wav = body
            check(body.startswith(b"RIFF") and len(body) <= 8192, "audio is a small WAV")

    st, h, body, _ = get(port, "/hello.wav", "Range: bytes=0-99\r\n")
    check(st == 206 and h.get("content-range") == "bytes 0-99/%d" % len(wav) and body == wav[:100],
          "Range bytes=0-99 → 206 with Content-Range")
    st, h, body, _ = get(port, "/hello.wav", "Range: bytes=0-\r\n")
    check(st == 206 and body == wav, "Range bytes=0- → 206 whole file")
    st, h, body, _ = get(port, "/hello.wav", "Range: bytes=-10\r\n")
    check(st == 206 and body == wav[-10:], "suffix Range → 206 last bytes")
    st, h, body, _ = get(port, "/hello.wav", "Range: bytes=99999-\r\n")
    check(st == 416 and h.get("content-range") == "bytes */%d" % len(wav), "unsatisfiable Range → 416")
    st, h, body, _ = get(port, "/hello.wav", "Range: bytes=0-1\r\nIf-Range: \"stale\"\r\n")
    check(st == 200, "If-Range mismatch → 200 whole file")

    for m in ("POST", "DELETE", "OPTIONS", "PUT"):
        st, h, _, _ = get(port, "/", method=m)
        check(st == 405 and h.get("allow") == "GET, HEAD", "%s → 405 with Allow" % m)
    st, _, _, _ = raw(port, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
    check(st == 413, "large request body → 413")
    st, _, _, _ = raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
    check(st == 413, "chunked request body → 413")
    s = conn(port)
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
    a = read_response(s)
    b = read_response(s, a[3])
    s.close()
    check(a[0] == 200 and b[0] == 200 and b[1].get("content-type", "").startswith("text/css"),
          "small GET body is read and discarded, next request follows")

    check(raw(port, b"GET / HTTP/1.1\r\n\r\n")[0] == 400, "HTTP/1.1 without Host → 400")
    check(raw(port, b"GET / HTTP/2.0\r\nHost: x\r\n\r\n")[0] == 505, "HTTP/2.0 → 505")
    check(raw(port, b"GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n")[0] == 400, "obs-fold → 400")
    check(raw(port, b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")[0] == 414, "9000-byte request line → 414")
    check(raw(port, b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Big: " + b"b" * 100 + b"\r\n" * 1 +
              b"".join(b"X-%d: %s\r\n" % (i, b"c" * 100) for i in range(200)) + b"\r\n")[0] == 431,
          "20 KiB of header fields → 431")
    check(raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n")[0] == 200,
          "Upgrade outside /ws is ignored")
    check(get(port, "/ws")[0] == 426, "plain GET /ws → 426")


def if_modified_since(port, lm):
    """Issue 15 item 12: the whole HTTP-date is parsed; an invalid one is ignored."""
    t = email.utils.parsedate_to_datetime(lm)
    rfc850 = t.strftime("%A, %d-%b-%y %H:%M:%S GMT")
    asctime = t.strftime("%a %b ") + "%2d" % t.day + t.strftime(" %H:%M:%S %Y")
    check(get(port, "/", "If-Modified-Since: %s\r\n" % rfc850)[0] == 304, "RFC 850 If-Modified-Since → 304")
    check(get(port, "/", "If-Modified-Since: %s\r\n" % asctime)[0] == 304, "asctime If-Modified-Since → 304")
    for bad in (lm[:-4], lm + " junk", lm.replace("GMT", "UTC"), lm.lower(), lm[5:], "Sat, 01 Jan 2100 00:00:00",
                "Sat, 31 Feb 2100 00:00:00 GMT", "%s, %s" % (lm, lm)):
        check(get(port, "/", "If-Modified-Since: %s\r\n" % bad)[0] == 200,
              "invalid If-Modified-Since \"%s\" is ignored → 200" % bad)
    if shutil.which("curl"):
        for hdr, want in ((lm, "304"), (lm[:-4], "200")):
            out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H",
                                  "If-Modified-Since: " + hdr, "http://127.0.0.1:%d/" % port],
                                 capture_output=True, text=True, timeout=10).stdout
            check(out == want, "curl If-Modified-Since \"%s\" → %s (got %s)" % (hdr, want, out))


def traversal(port):
    for t in (b"/../etc/passwd", b"/%2e%2e/%2e%2e/etc/passwd", b"/a/../../etc/passwd", b"/%2E%2E%2fetc%2fpasswd",
              b"/.%2e/x", b"/a%00.html", b"/a%0d%0aX:y", b"/%"):
        st = raw(port, b"GET " + t + b" HTTP/1.1\r\nHost: x\r\n\r\n")[0]
        check(st == 400, "%s → 400" % t.decode())
    st = raw(port, b"GET /%252e%252e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n")[0]
    check(st == 404, "double-encoded %252e%252e stays literal → 404")
    st = raw(port, b"GET /\x1b[31m HTTP/1.1\r\nHost: x\r\n\r\n")[0]
    check(st == 400, "raw control character in the target → 400")
    if shutil.which("curl"):
        out = subprocess.run(["curl", "-s", "--path-as-is", "-o", "/dev/null", "-w", "%{http_code}",
                              "http://127.0.0.1:%d/../../etc/passwd" % port], capture_output=True, text=True,
                             timeout=10).stdout
        check(out == "400", "curl --path-as-is /../../etc/passwd → 400")


def www_dir():
    root = tempfile.mkdtemp()
    outside = tempfile.mkdtemp()
    try:
        with open(os.path.join(root, "index.html"), "w") as f:
            f.write("<h1>mine</h1>\n")
        os.mkdir(os.path.join(root, "sub"))
        with open(os.path.join(root, "sub", "data.json"), "w") as f:
            f.write('{"a": 1}\n')
        with open(os.path.join(outside, "secret.txt"), "w") as f:
            f.write("secret\n")
        os.symlink(os.path.join(outside, "secret.txt"), os.path.join(root, "leak.txt"))
        os.symlink(outside, os.path.join(root, "leakdir"))
        os.symlink(os.path.join(root, "sub", "data.json"), os.path.join(root, "inside.json"))
        srv = Server("--www", root)
        port = srv.port
        st, h, body, _ = get(port, "/")
        check(st == 200 and body == b"<h1>mine</h1>\n", "--www serves DIR/index.html for /")
        st, h, body, _ = get(port, "/sub/data.json")
        check(st == 200 and h.get("content-type") == "application/json", "--www file with json type")
        st, h, body, _ = get(port, "/sub/data.json", "Range: bytes=1-3\r\n")
        check(st == 206 and body == b'"a"', "--www Range → 206")
        etag = h.get("etag")
        check(get(port, "/sub/data.json", "If-None-Match: %s\r\n" % etag)[0] == 304, "--www If-None-Match → 304")
        check(get(port, "/leak.txt")[0] == 403, "symlink to a file outside --www → 403")
        check(get(port, "/leakdir/secret.txt")[0] == 403, "symlinked directory outside --www → 403")
        check(get(port, "/inside.json")[0] == 200, "symlink inside --www → 200")
        check(get(port, "/sub")[0] == 404, "directory without index.html → 404")
        check(get(port, "/nope.html")[0] == 404, "--www missing file → 404")
        rc, out, err = srv.stop()
        check(rc == 0, "--www server exits 0 on SIGTERM")
    finally:
        shutil.rmtree(root)
        shutil.rmtree(outside)


def keepalive(port):
    s = conn(port)
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    a = read_response(s)
    s.sendall(b"GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
    b = read_response(s, a[3])
    check(a[0] == 200 and b[0] == 200 and a[1].get("connection") == "keep-alive", "HTTP/1.1 keep-alive reuse")
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    c = read_response(s, b[3])
    check(c[0] == 200 and c[1].get("connection") == "close" and closed_by_server(s), "Connection: close closes")
    s.close()

    s = conn(port)
    s.sendall(b"GET / HTTP/1.0\r\n\r\n")
    a = read_response(s)
    check(a[0] == 200 and a[1].get("connection") == "close" and closed_by_server(s), "HTTP/1.0 closes by default")
    s.close()
    s = conn(port)
    s.sendall(b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    a = read_response(s)
    s.sendall(b"GET /app.js HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    b = read_response(s, a[3])
    check(a[0] == 200 and b[0] == 200 and a[1].get("connection") == "keep-alive", "HTTP/1.0 keep-alive")
    s.close()

    import http.client
    hc = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    hc.request("GET", "/")
    r1 = hc.getresponse()
    r1.read()
    sock1 = hc.sock
    hc.request("HEAD", "/logo.png")
    r2 = hc.getresponse()
    r2.read()
    check(r1.status == 200 and r2.status == 200 and hc.sock is sock1, "http.client reuses the connection")
    hc.close()

    s = conn(port)
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /style.css HTTP/1.1\r\nHost: x\r\n\r\n"
              b"HEAD /logo.png HTTP/1.1\r\nHost: x\r\n\r\nGET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    a = read_response(s)
    b = read_response(s, a[3])
    c = read_response(s, b[3], head=True)
    d = read_response(s, c[3])
    check([a[0], b[0], c[0], d[0]] == [200, 200, 200, 404] and b[1]["content-type"].startswith("text/css")
          and c[2] == b"" and closed_by_server(s), "pipelined requests answered in order")
    s.close()


def ws_frame(op, payload, fin=True, mask=True):
    b0 = (0x80 if fin else 0) | op
    n = len(payload)
    if n < 126:
        hdr = struct.pack("!BB", b0, (0x80 if mask else 0) | n)
    elif n < 65536:
        hdr = struct.pack("!BBH", b0, (0x80 if mask else 0) | 126, n)
    else:
        hdr = struct.pack("!BBQ", b0, (0x80 if mask else 0) | 127, n)
    if not mask:
        return hdr + payload
    key = os.urandom(4)
    return hdr + key + bytes(c ^ key[i % 4] for i, c in enumerate(payload))


def ws_read(s, buf):
    while True:
        if len(buf) >= 2:
            n = buf[1] & 127
            off = 2
            if n == 126:
                if len(buf) >= 4:
                    n = struct.unpack("!H", buf[2:4])[0]
                    off = 4
                else:
                    n = None
            elif n == 127:
                if len(buf) >= 10:
                    n = struct.unpack("!Q", buf[2:10])[0]
                    off = 10
                else:
                    n = None
            if n is not None and len(buf) >= off + n:
                return buf[0] & 15, buf[0] >> 7, buf[off:off + n], buf[off + n:]
        d = s.recv(65536)
        if not d:
            return None, None, b"", buf
        buf += d


def ws_open(port):
    key = base64.b64encode(os.urandom(16)).decode()
    s = conn(port)
    s.sendall(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
               "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (port, key)).encode())
    st, h, _, rest = read_response(s)
    want = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
    return s, st, h, want, rest


def websocket(port):
    s, st, h, want, buf = ws_open(port)
    check(st == 101 and h.get("sec-websocket-accept") == want and h.get("upgrade", "").lower() == "websocket",
          "WebSocket handshake → 101 with the right Sec-WebSocket-Accept")
    op, fin, p, buf = ws_read(s, buf)
    check(op == 1 and p == b'{"type":"connected"}', "greeting text frame on connect")
    s.sendall(ws_frame(1, "héllo".encode()))
    op, fin, p, buf = ws_read(s, buf)
    check(op == 1 and p == "héllo".encode(), "text echo")
    blob = os.urandom(70000 // 2)
    s.sendall(ws_frame(2, blob))
    op, fin, p, buf = ws_read(s, buf)
    check(op == 2 and p == blob, "binary echo (16-bit length)")
    s.sendall(ws_frame(1, b"frag", fin=False) + ws_frame(9, b"mid") + ws_frame(0, b"men", fin=False) +
              ws_frame(0, b"ted"))
    op, fin, p, buf = ws_read(s, buf)
    check(op == 10 and p == b"mid", "ping between fragments → pong")
    op, fin, p, buf = ws_read(s, buf)
    check(op == 1 and p == b"fragmented", "fragmented message echoed whole")
    s.sendall(ws_frame(9, b"are you there"))
    op, fin, p, buf = ws_read(s, buf)
    check(op == 10 and p == b"are you there", "ping → pong")
    s.sendall(ws_frame(8, struct.pack("!H", 1000) + b"bye"))
    op, fin, p, buf = ws_read(s, buf)
    check(op == 8 and p[:2] == struct.pack("!H", 1000), "close handshake echoes the code")
    check(closed_by_server(s), "server closes TCP after the close handshake")
    s.close()

    s, st, h, want, buf = ws_open(port)
    op, fin, p, buf = ws_read(s, buf)
    s.sendall(ws_frame(1, b"nomask", mask=False))
    op, fin, p, buf = ws_read(s, buf)
    check(op == 8 and p[:2] == struct.pack("!H", 1002), "unmasked client frame → close 1002")
    s.close()

    s, st, h, want, buf = ws_open(port)
    op, fin, p, buf = ws_read(s, buf)
    s.sendall(struct.pack("!BBQ", 0x82, 0x80 | 127, 1 << 20) + b"\0\0\0\0")
    op, fin, p, buf = ws_read(s, buf)
    check(op == 8 and p[:2] == struct.pack("!H", 1009), "oversized frame → close 1009")
    s.close()

    s = conn(port)
    s.sendall(b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              b"Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n")
    check(read_response(s)[0] == 400, "bad Sec-WebSocket-Key → 400")
    s.close()


def ws_session(port, frames):
    """Opens a WebSocket, sends frames, returns the frames read until the server's close
    (or EOF) as (opcode, payload) pairs, and whether the server then closed TCP."""
    s, st, h, want, buf = ws_open(port)
    got = []
    if st != 101:
        s.close()
        return got, False
    op, fin, p, buf = ws_read(s, buf)		# greeting
    s.sendall(b"".join(frames))
    s.settimeout(2)
    while len(got) < 8:
        try:
            op, fin, p, buf = ws_read(s, buf)
        except OSError:
            break
        if op is None:
            break
        got.append((op, p))
        if op == 8:
            break
    closed = closed_by_server(s)
    s.close()
    return got, closed


def ws_close_code(got):
    if not got or got[-1][0] != 8:
        return "no close"
    p = got[-1][1]
    return struct.unpack("!H", p[:2])[0] if len(p) >= 2 else "empty"


def websocket_rfc6455(port):
    """Issue 15 item 11: UTF-8 of text messages (across fragments), close codes and reasons."""
    for name, frames in (
            ("invalid byte 0xff", [ws_frame(1, b"ok\xff")]),
            ("overlong /", [ws_frame(1, b"\xc0\xaf")]),
            ("overlong 3-byte", [ws_frame(1, b"\xe0\x80\xaf")]),
            ("surrogate U+D800", [ws_frame(1, b"\xed\xa0\x80")]),
            ("beyond U+10FFFF", [ws_frame(1, b"\xf4\x90\x80\x80")]),
            ("truncated at the end", [ws_frame(1, b"ok\xe2\x82")]),
            ("invalid across fragments", [ws_frame(1, b"\xf0\x9f", fin=False), ws_frame(0, b"\x98", fin=False),
                                          ws_frame(0, b"A")]),
            ("truncated across fragments", [ws_frame(1, b"a\xce", fin=False), ws_frame(0, b"")]),
    ):
        got, closed = ws_session(port, frames)
        check(ws_close_code(got) == 1007 and all(op != 1 for op, _ in got) and closed,
              "text with %s → close 1007 (got %s)" % (name, ws_close_code(got)))
    # fail fast: an invalid first fragment is refused before the message ends
    got, closed = ws_session(port, [ws_frame(1, b"\xff", fin=False)])
    check(ws_close_code(got) == 1007, "invalid first fragment → close 1007 at once")
    got, _ = ws_session(port, [ws_frame(1, b"a\xce", fin=False), ws_frame(9, b"p"), ws_frame(0, b"\xba\xf0\x9f", fin=False),
                               ws_frame(0, b"\x98\x80"), ws_frame(8, struct.pack("!H", 1000))])
    check(got[:2] == [(10, b"p"), (1, "aκ😀".encode())], "UTF-8 split across fragments echoed whole")
    got, _ = ws_session(port, [ws_frame(2, b"\xff\xfe"), ws_frame(8, b"")])
    check(got == [(2, b"\xff\xfe"), (8, b"")], "binary is not checked; an empty close gets an empty close")

    for code in (0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535):
        got, closed = ws_session(port, [ws_frame(8, struct.pack("!H", code) + b"x")])
        check(ws_close_code(got) == 1002 and closed, "received close code %d → close 1002 (got %s)"
              % (code, ws_close_code(got)))
    for code in (1000, 1001, 1003, 1007, 1011, 3000, 4999):
        got, _ = ws_session(port, [ws_frame(8, struct.pack("!H", code) + "né".encode())])
        check(ws_close_code(got) == code, "received close code %d echoed (got %s)" % (code, ws_close_code(got)))
    for reason in (b"\xff", b"ok\xe2\x82", b"\xed\xbf\xbf"):
        got, _ = ws_session(port, [ws_frame(8, struct.pack("!H", 1000) + reason)])
        check(ws_close_code(got) == 1007, "close reason %r → close 1007 (got %s)" % (reason, ws_close_code(got)))


def slowloris(port):
    socks = []
    for _ in range(64):
        s = conn(port)
        s.sendall(b"G")
        socks.append(s)
    worst = 0.0
    t_end = time.time() + 3
    k = 0
    while time.time() < t_end:
        for s in socks:
            try:
                s.sendall(b"ET / HTTP/1.1\r\n"[k:k + 1])
            except OSError:
                pass
        k += 1
        t0 = time.time()
        st = get(port, "/")[0]
        worst = max(worst, time.time() - t0)
        check(st == 200, "normal request answered during a slowloris")
        time.sleep(1)
    check(worst < 1.0, "answer under slowloris within 1 s (worst %.3f s)" % worst)
    for s in socks:
        s.close()


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        v = f.read().rsplit(")", 1)[1].split()
    return (int(v[11]) + int(v[12])) / os.sysconf("SC_CLK_TCK")


def idle_cpu(pid):
    """An idle server must not spin (a lingering or half-closed connection once did)."""
    if not os.path.exists("/proc/%d/stat" % pid):
        return
    time.sleep(0.5)
    c0 = cpu_seconds(pid)
    time.sleep(1.5)
    used = cpu_seconds(pid) - c0
    check(used < 0.3, "idle server uses little CPU (%.2f s in 1.5 s)" % used)


def server_closed(s):
    """Has the server closed s (after whatever it sent)?  Does not wait."""
    s.setblocking(False)
    try:
        while True:
            if not s.recv(65536):
                return True
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        s.settimeout(5)


def wait_closed(socks, seconds):
    """Waits up to seconds for the server to close every socket; returns how many still open."""
    t_end = time.time() + seconds
    left = list(socks)
    while left and time.time() < t_end:
        left = [s for s in left if not server_closed(s)]
        if left:
            time.sleep(0.05)
    return len(left)


def keepalive_conn(port):
    s = conn(port)
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    st = read_response(s)[0]
    return s if st == 200 else None


def max_connections():
    """Issue 15 item 10: a full table (256) closes the oldest idle or incomplete connection
    for a new client; only when every connection is busy (WebSockets) does it answer 503."""
    srv = Server("--max-client-conns", "256")
    port = srv.port
    socks = []
    try:
        for i in range(256):
            socks.append(conn(port))
            time.sleep(0.1 if i == 0 else 0.001)	# the first one is the oldest by far
        time.sleep(0.7)		# only a connection idle for 0.5 s may be evicted
        st = get(port, "/")[0]
        check(st == 200, "connection 257 evicts the oldest idle one and gets 200 (got %s)" % st)
        check(wait_closed(socks[:1], 2) == 0 and wait_closed(socks[1:], 0.3) == 255,
              "exactly the oldest connection was closed")
    except OSError as e:
        check(False, "max connections: %s" % e)
    for s in socks:
        s.close()
    time.sleep(0.3)
    ws = []
    for _ in range(256):
        s, st, _, _, _ = ws_open(port)
        ws.append(s)
    extra = conn(port)
    st = read_response(extra)[0]
    check(st == 503, "256 WebSockets: connection 257 gets 503 (got %s)" % st)
    extra.close()
    for s in ws:
        s.close()
    time.sleep(0.3)
    check(get(port, "/")[0] == 200, "served again once connections are closed")
    rc, out, err = srv.stop()
    check(rc == 0, "max_connections: the server exits 0 (rc %s)" % rc)
    if rc != 0:
        print(err[-2000:])


def client_cap():
    """Issue 15 item 10: --max-client-conns caps one address; over it, that client's own
    oldest idle connection goes, or it gets 503 when none can."""
    srv = Server("--max-client-conns", "4")
    port = srv.port
    idle = []
    for _ in range(4):
        idle.append(keepalive_conn(port))
        time.sleep(0.05)		# a clear order of age
    check(all(idle), "4 kept-alive connections")
    time.sleep(0.7)
    st = get(port, "/")[0]
    check(st == 200, "a 5th connection of the client is served (got %s)" % st)
    check(wait_closed(idle[:1], 2) == 0, "... in place of the client's oldest idle connection")
    ok = True
    for s in idle[1:]:
        s.sendall(b"GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
        ok = ok and read_response(s)[0] == 200
    check(ok, "the other 3 connections still work")
    for s in idle:
        s.close()
    time.sleep(0.3)
    ws = [ws_open(port)[0] for _ in range(4)]
    st = raw(port, b"")[0]
    check(st == 503, "4 WebSockets: the client's 5th connection gets 503 (got %s)" % st)
    try:
        other = socket.socket()
        other.settimeout(5)
        other.bind(("127.0.0.2", 0))
        other.connect(("127.0.0.1", port))
    except OSError as e:
        print("skip: no second loopback source address (%s)" % e)
    else:
        other.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        check(read_response(other)[0] == 200, "another client address (127.0.0.2) is still served")
        other.close()
    for s in ws:
        s.close()
    rc, out, err = srv.stop()
    check(rc == 0, "client_cap: the server exits 0 (rc %s)" % rc)
    if rc != 0:
        print(err[-2000:])


def slow_request():
    """Issue 15 item 9: one absolute deadline per request, head and body; trickling bytes
    do not extend it (--request-timeout 1)."""
    srv = Server("--request-timeout", "1", "--max-client-conns", "256")
    port = srv.port

    def trickle(s, seconds):
        t0 = time.time()
        while time.time() - t0 < seconds:
            try:
                s.sendall(b"x")
            except OSError:
                return time.time() - t0
            if server_closed(s):
                return time.time() - t0
            time.sleep(0.1)
        return None

    s = conn(port)
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 4000\r\n\r\n")
    st = read_response(s)[0]
    took = trickle(s, 4)
    check(st == 200 and took is not None and took < 2, "a body trickling a byte per 0.1 s is cut off after "
          "the request timeout (%s s)" % (took if took is None else "%.1f" % took))
    s.close()
    s = conn(port)
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    t0 = time.time()
    for _ in range(40):
        try:
            s.sendall(b"y")
        except OSError:
            break
        if server_closed(s):
            break
        time.sleep(0.1)
    s.settimeout(2)
    took = time.time() - t0
    check(took < 2, "a head trickling a byte per 0.1 s ends after the request timeout (%.1f s)" % took)
    s.close()

    # 260 slow bodies, more than the table holds: normal requests are still answered and
    # every slow connection is gone after the deadline
    socks = []
    for _ in range(260):
        s = conn(port)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 4000\r\n\r\nx")
        socks.append(s)
    time.sleep(0.7)
    sts = [get(port, "/")[0] for _ in range(3)]
    check(sts == [200] * 3, "GET during 260 slow bodies → 200 (got %s)" % sts)
    t_end = time.time() + 2.5
    while time.time() < t_end:
        for s in socks:
            try:
                s.send(b"x")
            except OSError:
                pass
        time.sleep(0.3)
    left = wait_closed(socks, 0.5)
    check(left == 0, "every slow body connection closed by the deadline (%d left)" % left)
    for s in socks:
        s.close()
    rc, out, err = srv.stop()
    check(rc == 0, "slow_request: the server exits 0 (rc %s)" % rc)
    if rc != 0:
        print(err[-2000:])


def emfile():
    """Issue 15 item 8: out of descriptors (RLIMIT_NOFILE 40) the server neither spins nor
    forgets queued clients."""
    srv = Server(nofile=40)
    port = srv.port
    pid = srv.p.pid
    if not os.path.exists("/proc/%d/stat" % pid):
        print("skip: no /proc to measure the server's CPU time")
        srv.stop()
        return
    ws, queued = [], None
    for _ in range(60):
        s = conn(port)
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall(("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % key).encode())
        s.settimeout(1)
        try:
            st = read_response(s)[0]
        except OSError:
            st = None
        s.settimeout(5)
        if st != 101:
            queued = s
            break
        ws.append(s)
    check(queued is not None and len(ws) > 10, "descriptors run out after %d WebSockets" % len(ws))
    waiting = []
    for _ in range(3):
        s = conn(port)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        waiting.append(s)
    c0 = cpu_seconds(pid)
    time.sleep(2)
    used = cpu_seconds(pid) - c0
    check(used < 0.3, "no busy loop at EMFILE (%.2f s CPU in 2 s)" % used)
    for s in ws:
        s.close()
    if queued:
        queued.settimeout(3)
        try:
            st = read_response(queued)[0]
        except OSError:
            st = None
        check(st == 101, "the queued WebSocket client is answered once descriptors free (got %s)" % st)
        queued.close()
    sts = []
    for s in waiting:
        s.settimeout(3)
        try:
            sts.append(read_response(s)[0])
        except OSError:
            sts.append(None)
        s.close()
    check(sts == [200] * 3, "queued GETs answered once descriptors free (got %s)" % sts)

    # idle connections give way: 60 that send nothing, then a GET is answered at once
    idle = [conn(port) for _ in range(60)]
    time.sleep(0.7)
    c0 = cpu_seconds(pid)
    s = conn(port)
    s.settimeout(2)
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    try:
        st = read_response(s)[0]
    except OSError:
        st = None
    s.close()
    check(st == 200, "out of descriptors, a GET takes an idle connection's place (got %s)" % st)
    time.sleep(1)
    used = cpu_seconds(pid) - c0
    check(used < 0.3, "no busy loop with idle connections at EMFILE (%.2f s CPU)" % used)
    for s in idle:
        s.close()
    rc, out, err = srv.stop()
    check(rc == 0, "the server at EMFILE exits 0 on SIGTERM (%s)" % rc)


def header_timeout():
    """A partial request head is cut off with 408 after the header timeout (10 s)."""
    s = conn(PORT)
    s.settimeout(15)
    s.sendall(b"GET / HTTP/1.1\r\n")
    t0 = time.time()
    st = read_response(s)[0]
    check(st == 408 and 8 < time.time() - t0 < 13, "incomplete head → 408 after ~10 s")
    s.close()


def visit():
    port = free_port()
    r = subprocess.run([BIN, "--serve=127.0.0.1:%d" % port, "--visit"], capture_output=True, text=True, timeout=30)
    print(r.stdout, end="")
    check(r.returncode == 0, "--serve --visit exits 0 (%s)" % r.stderr.strip())
    for want in ("GET / → 200 OK", "GET /hello.wav → 206 Partial Content", "GET /style.css → 304 Not Modified",
                 "GET /favicon.ico → 404 Not Found", "GET /ws → 101 Switching Protocols"):
        check(want in r.stdout, "visit reports %s" % want)


def main():
    global PORT
    if not BIN or not os.access(BIN, os.X_OK):
        print("NETLAB_BIN is not set")
        return 77
    srv = Server("--name", "<b>Li & Wang</b>", "--student-id", "2022123", "--major", "Computer Science")
    PORT = srv.port
    r = subprocess.run([BIN, "--serve=127.0.0.1:%d" % PORT, "--no-ui"], capture_output=True, text=True, timeout=10)
    check(r.returncode == 1 and "address already in use" in r.stderr, "a second server on the port fails with a sentence")
    statuses(PORT)
    traversal(PORT)
    keepalive(PORT)
    websocket(PORT)
    websocket_rfc6455(PORT)
    slowloris(PORT)
    idle_cpu(srv.p.pid)
    if os.environ.get("SLOW_TESTS"):
        header_timeout()
    raw(PORT, b"GET /\xff\x1b HTTP/1.1\r\nHost: x\r\n\r\n")
    rc, out, err = srv.stop()
    check(rc == 0, "SIGTERM ends the server with exit status 0")
    check("serving http://127.0.0.1:%d/" % PORT in err and "stopped:" in err, "stderr says serving/stopped")
    check(" GET /style.css 200 " in out and " GET /favicon.ico 404 " in out, "request log on stdout")
    check("GET /\\xff\\x1b 400" in out or "GET /\\xff\\x1b 404" in out, "log escapes wire bytes")
    check("\x1b" not in out, "no raw escape character in the log")
    www_dir()
    max_connections()
    client_cap()
    slow_request()
    emfile()
    visit()
    print("%d failure(s)" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
