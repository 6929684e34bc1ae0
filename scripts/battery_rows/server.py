"""Starting and stopping Masthead for the battery: a release build, a fresh data
folder, the demo newsroom, its admin login and an API token."""
import functools, http.client, json, os, re, shutil, signal, socket, subprocess, tempfile, time, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def build():
    subprocess.run(["swift", "build", "-c", "release", "--product", "masthead"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


@functools.cache
def binary():
    # Asked once: each `swift build` call takes a second and leaves a directory in /tmp.
    path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "masthead")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One Masthead on loopback with its own data folder; a context manager."""

    def __init__(self, demo=True, env=None, keep=False, data=None):
        self.port = free_port()
        self.data = data or tempfile.mkdtemp(prefix="masthead-battery-")
        self.demo = demo
        self.keep = keep
        # Load rows send everything from one address, which the per-address search and
        # beacon limits would answer with 429; the rows that test the limits turn them on.
        self.env = dict(os.environ, MASTHEAD_RATE_LIMITS="off")
        self.env.update(env or {})
        self.process = None
        self.email = self.password = self.token = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.discard()

    def discard(self):
        """Stops the server and, unless asked to keep them, removes its folder and log."""
        self.stop()
        if not self.keep:
            shutil.rmtree(self.data, ignore_errors=True)
            self.log.close()
            os.remove(self.data + ".log")

    def start(self):
        args = [binary(), "serve", "--data", self.data, "--port", str(self.port), "--base-url", "https://courier.example"]
        if self.demo:
            args.append("--demo")
        self.log = open(os.path.join(self.data + ".log"), "a")
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env=self.env)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if self.get("/readyz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.05)
        else:
            raise RuntimeError("the server did not become ready in 60 s")
        text = open(self.data + ".log").read()
        match = re.search(r"with (\S+) / (\S+)", text)
        if match and not self.email:
            self.email, self.password = match.group(1), match.group(2)
            self.token = self.cli("token", "create", "--email", self.email, "--label", "battery").strip().split()[-1]

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode if self.process else None

    def cli(self, *args, stdin=None):
        result = subprocess.run([binary(), *args, "--data", self.data], input=stdin, capture_output=True, text=True, env=self.env)
        return result.stdout + result.stderr

    def log_text(self):
        return open(self.data + ".log").read()

    def rss_kib(self):
        for line in open(f"/proc/{self.process.pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    # HTTP

    def connection(self, timeout=10, source=None):
        # `source` picks another loopback address (127.0.0.2…): another client, as the server sees it.
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout, source_address=(source, 0) if source else None)

    def request(self, method, path, body=None, headers=None, timeout=10, source=None):
        conn = self.connection(timeout, source)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            # A repeated header (two Set-Cookie) keeps every value, one per line, in order.
            headers = {}
            for key, value in response.getheaders():
                headers[key.lower()] = headers[key.lower()] + "\n" + value if key.lower() in headers else value
            return response.status, headers, response.read()
        finally:
            conn.close()

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def api(self, method, path, payload=None):
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        status, response_headers, body = self.request(method, path, json.dumps(payload) if payload is not None else None, headers)
        try:
            return status, json.loads(body or b"null")
        except ValueError:
            return status, body

    def sections_and_author(self):
        sections = self.api("GET", "/api/v1/sections")[1]
        authors = self.api("GET", "/api/v1/authors")[1]
        return sections[0]["id"], authors[0]["id"]

    def create_article(self, headline, body="Text.", status="published", **extra):
        section, author = self.sections_and_author() if not hasattr(self, "_ids") else self._ids
        self._ids = (section, author)
        payload = {"headline": headline, "sectionId": section, "authorIds": [author], "body": body, "status": status}
        payload.update(extra)
        return self.api("POST", "/api/v1/articles", payload)

    def sign_in(self, email=None, password=None):
        """A browser session: (cookie, csrf)."""
        body = "email=" + (email or self.email) + "&password=" + (password or self.password) + "&next=/admin"
        status, headers, _ = self.request(
            "POST", "/admin/login", body, {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://127.0.0.1:{self.port}"}
        )
        cookie = headers.get("set-cookie", "").split(";")[0]
        page = self.request("GET", "/admin/articles/new", headers={"Cookie": cookie})[2].decode()
        match = re.search(r'name="csrf" value="([^"]+)"', page)
        return status, cookie, match.group(1) if match else ""

    def article_path(self):
        """The path of a published article (the demo's newest)."""
        status, body = self.api("GET", "/api/v1/articles?status=published&perPage=1")
        return urllib.parse.urlparse(self.api("GET", f"/api/v1/articles/{body['items'][0]['id']}")[1]["url"]).path


def wrk(server, path, connections, seconds, script=None):
    """wrk against one path: (requests per second, p99 in ms, non-2xx/3xx answers, socket errors)."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"] + (["-s", script] if script else []) + [f"http://127.0.0.1:{server.port}{path}"],
        capture_output=True, text=True,
    ).stdout
    return parse_wrk(out)


def parse_wrk(out):
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)] if p99 else 0
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return rate, float(p99.group(1)) * scale if p99 else 0.0, int(bad.group(1)) if bad else 0, sum(map(int, errors.groups())) if errors else 0
