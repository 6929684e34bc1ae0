"""X1: every XSS payload of Tests/Corpora/xss.txt stored in every text field an
article has, then every page where it lands checked twice: statically (no
payload-born script, handler or script URL in the served markup) and in headless
Chromium with the page's CSP bypassed and alert/confirm/prompt/print hooked, so
that an escaping failure would execute even though the CSP would stop it."""
import html.parser, json, os, shutil, subprocess, urllib.parse

from server import Server

DANGEROUS_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster", "codebase"}
HOOK = """
window.__xss = 0;
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = function () { window.__xss += 1; };
}
"""


class MarkupAudit(html.parser.HTMLParser):
    """Collects what our templates never produce: handlers, script URLs, foreign script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self.in_script = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=…>")
            if name in DANGEROUS_URL_ATTRIBUTES and value:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text/html", "data:image/svg")) or name == "srcdoc":
                    self.findings.append(f"<{tag} {name}={value[:40]!r}>")
        if tag == "script":
            kind, source = dict(attrs).get("type", ""), dict(attrs).get("src") or ""
            # Ours: JSON-LD, and the theme's and back office's own files.
            if kind == "application/ld+json":
                self.in_script = tag
            elif not source.startswith(("/assets/", "/admin/assets/")):
                self.findings.append(f"<script src={source[:40]!r}>")
        if tag in ("iframe", "object", "embed", "base", "frame", "frameset", "applet"):
            self.findings.append(f"<{tag}>")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.findings.append("<meta refresh>")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = None

    def handle_data(self, data):
        if self.in_script:
            try:
                json.loads(data)
            except ValueError:
                self.findings.append("JSON-LD that is not JSON (broken out of?)")


def payloads():
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "Tests", "Corpora", "xss.txt")
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").replace("\\n", "\n") for line in f if line.strip() and not line.startswith("#")]


def store(server, payload, number):
    """One article holding the payload in every text field; fields the API refuses are left out one by one."""
    fields = {
        "standfirst": payload[:500], "tags": [payload[:80]], "seoTitle": payload[:200], "seoDescription": payload[:300],
        "leadImage": {"url": "/media/x.jpg", "alt": payload[:200] or "x", "credit": payload[:100] or "x", "caption": payload[:300]},
    }
    for attempt in range(len(fields) + 1):
        status, body = server.create_article(f"X1 {number} " + payload[:280], body=payload + "\n\n" + f"[{payload[:40]}]({payload[:60]})", **fields)
        if status == 201:
            return body
        if status >= 500:
            raise RuntimeError(f"payload {number} made a {status}")
        if fields:
            fields.pop(next(iter(fields)))
    raise RuntimeError(f"payload {number} could not be stored at all")


def run(long, keep):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    cases = payloads()
    with Server(keep=keep) as server:
        stored = [store(server, payload, number) for number, payload in enumerate(cases)]
        _, cookie, _ = server.sign_in()
        pages = []  # (path, headers)
        for number, (payload, article) in enumerate(zip(cases, stored)):
            pages.append((urllib.parse.urlparse(article["url"]).path, {}))
            pages.append(("/search?q=" + urllib.parse.quote(payload), {}))
            if number % 8 == 0:
                pages.append((f"/admin/articles/{article['id']}", {"Cookie": cookie}))
                pages.append(("/no-such/" + urllib.parse.quote(payload, safe=""), {}))
        pages += [(p, {}) for p in ["/", "/section/news", "/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/sitemap-news.xml"]]

        findings, server_errors = [], 0
        for path, headers in pages:
            status, response_headers, body = server.request("GET", path, headers=headers)
            server_errors += status >= 500
            if "html" in response_headers.get("content-type", ""):
                audit = MarkupAudit()
                audit.feed(body.decode("utf-8", errors="replace"))
                findings += [f"{path[:60]}: {f}" for f in audit.findings]

        options = webdriver.ChromeOptions()
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
            options.add_argument(flag)
        options.page_load_strategy = "eager"
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        executions, visited = [], 0
        try:
            driver.execute_cdp_cmd("Page.enable", {})
            driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
            driver.set_page_load_timeout(10)
            # The oracle proves it can see: a page that does execute must count.
            driver.get("data:text/html,<img src=x onerror=alert(1)><script>confirm(2)</script>")
            canary = driver.execute_script("return window.__xss || 0")
            audit = MarkupAudit()
            audit.feed('<p>ok</p><img src=x onerror=alert(1)><a href=" JavaScript:x">a</a>')
            if canary < 2 or len(audit.findings) != 2:
                return False, f"the oracle is blind: the canary page counted {canary} of 2 executions, the audit {len(audit.findings)} of 2 findings"
            # Back-office pages are audited above; their cookie is `__Host-` (HTTPS only),
            # which a browser will not send to this loopback server.
            for path, headers in pages:
                if headers:
                    continue
                driver.get(f"http://127.0.0.1:{server.port}{path}")
                visited += 1
                count = driver.execute_script("return window.__xss || 0")
                if count:
                    executions.append(f"{path[:80]}: {count}")
        finally:
            driver.quit()
        ok = not findings and not executions and server_errors == 0
        figure = (f"{len(cases)} payloads in {len(stored)} articles; {len(pages)} pages audited, {visited} loaded in Chromium (CSP bypassed): "
                  f"{len(executions)} executions, {len(findings)} payload-born markup, {server_errors} server errors")
        if findings or executions:
            figure += " — " + "; ".join((executions + findings)[:5])
        return ok, figure
