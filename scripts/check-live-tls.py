#!/usr/bin/env python3
"""convene live over TLS of its own, and behind nginx, as docs/live.md tells users to run it.

With a self-signed certificate for localhost made by openssl, and the side-event sample moved to
today (so that start is pressed on the session's own day):

1. convene live --tls-cert --tls-key: the printed addresses are https; the board, the console
   and an action answer over TLS verified against the certificate (Python's ssl, which shares no
   code with convene's swift-nio-ssl), with Strict-Transport-Security; the WebSocket over wss
   sends the console's state; plain HTTP to the same port gets no page.
2. nginx, configured with the location block docs/live.md gives (read from the file, so that
   the documentation cannot go stale), holding the certificate, in front of convene live
   --public-url https://localhost:PORT/live/: the printed addresses start with the public
   address; through nginx the root redirects to /live/board, the board, the console and a
   speaker's page open, an action is recorded, and the WebSocket (the pages' own address under
   the public path) sends the state after it.

Every server runs on 127.0.0.1 on a free port, is bounded in time and stopped by its own pid.

Usage: check-live-tls.py PATH-TO-CONVENE
"""
import base64
import datetime as dt
import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import zoneinfo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "agendas", "wps-side-event-2022.yaml")
began = time.monotonic()
problems = []


def problem(text):
    problems.append(text)
    print(f"check-live-tls: {text}", file=sys.stderr)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise SystemExit(f"check-live-tls: {what} within {seconds} s")


class Live:
    """A convene live of its own, its output read from a file."""

    def __init__(self, convene, folder, arguments):
        self.out = open(os.path.join(folder, f"live-{len(os.listdir(folder))}.out"), "w+")
        self.process = subprocess.Popen([convene, "live", "agenda.yaml", "--port", "0", *arguments], cwd=folder,
                                        stdout=self.out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def printed(self):
        self.out.flush()
        with open(self.out.name) as f:
            return f.read()

    def addresses(self):
        text = wait_for(lambda: "Ctrl-C stops" in self.printed() and self.printed() or (self.process.poll() is not None and self.printed()),
                        30, "convene live printed its addresses")
        found = dict(console=None, board=None, speaker=None)
        for url in re.findall(r"(https?://\S+)", text):
            for kind in found:
                if f"/{kind}" in url and found[kind] is None:
                    found[kind] = url
        if not found["console"]:
            raise SystemExit(f"check-live-tls: convene live printed no console address:\n{text}")
        return found

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.out.close()


def https(context, port, method, path, token=None, body=None):
    connection = http.client.HTTPSConnection("localhost", port, context=context, timeout=10)
    headers = {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if body is not None:
        headers["Content-Type"] = "application/json"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    result = (response.status, dict(response.getheaders()), response.read().decode())
    connection.close()
    return result


def websocket_first(context, port, path, frames=1):
    """The first `frames` text frames a WebSocket at wss://localhost:PORT/PATH sends."""
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock = context.wrap_socket(raw, server_hostname="localhost")
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(4096)
        if not chunk:
            raise SystemExit("check-live-tls: the WebSocket closed during its handshake")
        buffer += chunk
    head, buffer = buffer.split(b"\r\n\r\n", 1)
    if not head.startswith(b"HTTP/1.1 101"):
        sock.close()
        return head.decode(errors="replace").splitlines()[0], []

    def take(n):
        nonlocal buffer
        while len(buffer) < n:
            chunk = sock.recv(65536)
            if not chunk:
                raise SystemExit("check-live-tls: the WebSocket closed")
            buffer += chunk
        data, buffer = buffer[:n], buffer[n:]
        return data

    texts = []
    while len(texts) < frames:
        first, second = take(2)
        length = second & 0x7F
        if length == 126:
            length = int.from_bytes(take(2), "big")
        elif length == 127:
            length = int.from_bytes(take(8), "big")
        payload = take(length)
        if first & 0x0F == 1:
            texts.append(payload.decode())
    sock.close()
    return "101", texts


def nginx_location(port):
    """The nginx location block docs/live.md gives, for convene live on PORT."""
    with open(os.path.join(ROOT, "docs", "live.md")) as f:
        text = f.read()
    block = re.search(r"```nginx\n(.*?)```", text, re.S)
    if not block:
        raise SystemExit("check-live-tls: docs/live.md has no nginx example")
    lines = [line for line in block.group(1).splitlines() if not line.lstrip().startswith("#")]
    location = "\n".join(lines)
    if "http://127.0.0.1:8080/" not in location or "location /live/" not in location:
        raise SystemExit("check-live-tls: docs/live.md's nginx example no longer proxies /live/ to http://127.0.0.1:8080/")
    return location.replace("http://127.0.0.1:8080/", f"http://127.0.0.1:{port}/")


def main():
    convene = os.path.abspath(sys.argv[1])
    for program in ("openssl", "nginx"):
        if shutil.which(program) is None and not os.path.exists(f"/usr/sbin/{program}"):
            raise SystemExit(f"check-live-tls: {program} is missing — run bash scripts/install-deps.sh --test")
    folder = tempfile.mkdtemp(prefix="check-live-tls-")
    live = proxy = None
    try:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                        "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], cwd=folder, check=True, capture_output=True, timeout=30)
        # The sample's session, moved to today at the venue (New York).
        today = dt.datetime.now(zoneinfo.ZoneInfo("America/New_York")).date().isoformat()
        with open(SAMPLE) as f:
            agenda = f.read().replace("date: 2022-10-19", f"date: {today}")
        with open(os.path.join(folder, "agenda.yaml"), "w") as f:
            f.write(agenda)
        context = ssl.create_default_context(cafile=os.path.join(folder, "cert.pem"))

        # 1. TLS of its own.
        live = Live(convene, folder, ["--state", "tls.db", "--tls-cert", "cert.pem", "--tls-key", "key.pem"])
        found = live.addresses()
        if not all(url.startswith("https://") for url in found.values() if url) or "http://" in live.printed():
            problem(f"with --tls-cert the printed addresses are not all https: {found}")
        port = int(re.search(r":(\d+)/", found["console"]).group(1))
        token = found["console"].rsplit("/", 1)[1]
        status, headers, _ = https(context, port, "GET", "/board")
        if status != 200 or headers.get("Strict-Transport-Security") != "max-age=86400":
            problem(f"GET /board over TLS: {status}, Strict-Transport-Security {headers.get('Strict-Transport-Security')!r}")
        status, _, page = https(context, port, "GET", f"/console/{token}")
        if status != 200 or token not in page:
            problem(f"the console over TLS: {status}")
        status, _, body = https(context, port, "POST", "/api/actions", token, '{"action": "start"}')
        if status != 200 or json.loads(body).get("status") != "running":
            problem(f"start over TLS: {status} {body[:200]}")
        handshake, texts = websocket_first(context, port, f"/ws?token={token}")
        state = json.loads(texts[0]) if texts else {}
        if handshake != "101" or state.get("view") != "console" or state.get("status") != "running":
            problem(f"the WebSocket over TLS: {handshake}, {state.get('view')}, {state.get('status')}")
        try:
            plain = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            plain.request("GET", "/board")
            answer = plain.getresponse().status
            problem(f"plain HTTP on the TLS port was answered ({answer})")
        except (OSError, http.client.HTTPException):
            pass
        live.stop()

        # 2. Behind nginx, with the documentation's location block.
        backend, front = free_port(), free_port()
        conf = os.path.join(folder, "nginx.conf")
        user = "user root;" if os.geteuid() == 0 else ""
        with open(conf, "w") as f:
            f.write(f"""{user}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{front} ssl;
        server_name localhost;
        ssl_certificate {folder}/cert.pem;
        ssl_certificate_key {folder}/key.pem;
{nginx_location(backend)}
    }}
}}
""")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        proxy = subprocess.Popen([nginx, "-c", conf, "-p", folder], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        public = f"https://localhost:{front}/live/"
        live = Live(convene, folder, ["--state", "proxy.db", "--port", str(backend), "--public-url", public])
        # Live's own --port 0 is overridden by the later --port.
        found = live.addresses()
        if not found["console"].startswith(public + "console/") or not (found["board"] or "").startswith(public + "board"):
            problem(f"with --public-url the printed addresses do not start with it: {found}")
        token = found["console"].rsplit("/", 1)[1]
        wait_for(lambda: proxy.poll() is not None or os.path.exists(os.path.join(folder, "nginx.pid")), 15, "nginx started")
        if proxy.poll() is not None:
            raise SystemExit(f"check-live-tls: nginx did not start: {proxy.stderr.read().decode()}")
        status, headers, _ = wait_for(lambda: _through(context, front, "/live/"), 15, "nginx answered")
        if status != 303 or headers.get("Location") != "/live/board":
            problem(f"/live/ through nginx: {status} to {headers.get('Location')}")
        status, _, page = https(context, front, "GET", "/live/board")
        if status != 200 or "<!doctype html>" not in page:
            problem(f"the board through nginx: {status}")
        status, _, page = https(context, front, "GET", f"/live/console/{token}")
        if status != 200 or '"base": "/live"' not in page:
            problem(f"the console through nginx: {status}, its pages' base path missing")
        if found["speaker"]:
            status, _, _ = https(context, front, "GET", found["speaker"][len(f"https://localhost:{front}"):])
            if status != 200:
                problem(f"a speaker's page through nginx: {status}")
        status, _, body = https(context, front, "POST", "/live/api/actions", token, '{"action": "start"}')
        if status != 200 or json.loads(body).get("status") != "running":
            problem(f"start through nginx: {status} {body[:200]}")
        handshake, texts = websocket_first(context, front, f"/live/ws?token={token}")
        state = json.loads(texts[0]) if texts else {}
        if handshake != "101" or state.get("status") != "running" or state.get("actions") != 1:
            problem(f"the WebSocket through nginx: {handshake}, {state.get('status')}, {state.get('actions')} actions")
    finally:
        if live:
            live.stop()
        if proxy and proxy.poll() is None:
            proxy.send_signal(signal.SIGQUIT)
            try:
                proxy.wait(10)
            except subprocess.TimeoutExpired:
                proxy.kill()
                proxy.wait(5)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"check-live-tls: TLS of its own and behind nginx, {len(problems)} problem{'' if len(problems) == 1 else 's'} "
          f"({time.monotonic() - began:.1f} s)")
    sys.exit(1 if problems else 0)


def _through(context, port, path):
    try:
        return https(context, port, "GET", path)
    except (OSError, http.client.HTTPException):
        return None


if __name__ == "__main__":
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(SystemExit("check-live-tls: took more than 120 s")))
    signal.alarm(120)
    main()
