"""X1: every XSS payload of Tests/Corpora/xss.txt stored in every text field an
article has (and a share of them in sections, authors and the site's settings), then every page where it lands checked twice: statically (no
payload-born script, handler or script URL in the served markup) and in headless
Chromium with the page's CSP bypassed and alert/confirm/prompt/print hooked, so
that an escaping failure would execute even though the CSP would stop it."""
import html, html.parser, json, os, re, shutil, subprocess, urllib.parse

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


def post_form(server, path, fields, cookie, csrf):
    body = urllib.parse.urlencode({"csrf": csrf, **fields})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://127.0.0.1:{server.port}", "Cookie": cookie}
    status = server.request("POST", path, body, headers)[0]
    if status >= 500:
        raise RuntimeError(f"POST {path} made a {status}")
    return status


def store_people(server, cases, cookie, csrf):
    """Every 8th payload as a section's name and description and an author's name, bio
    and role, with an article filed under both; returns the pages where they show."""
    pages = []
    for number in range(0, len(cases), 8):
        payload = cases[number]
        section, author = f"x1-section-{number}", f"x1-author-{number}"
        post_form(server, "/admin/taxonomy/sections", {"name": payload[:100], "slug": section, "description": payload[:500], "position": "99"}, cookie, csrf)
        post_form(server, "/admin/taxonomy/authors", {"name": payload[:100], "slug": author, "bio": payload, "role": payload[:100]}, cookie, csrf)
        section_id = next((s["id"] for s in server.api("GET", "/api/v1/sections")[1] if s["slug"] == section), None)
        author_id = next((a["id"] for a in server.api("GET", "/api/v1/authors")[1] if a["slug"] == author), None)
        if section_id is None or author_id is None:
            continue  # refused (a name of white space only): nothing stored, nothing to show
        status, article = server.api("POST", "/api/v1/articles", {"headline": f"X1 people {number}", "sectionId": section_id, "authorIds": [author_id], "body": "Filed.", "status": "published"})
        pages += [(f"/section/{section}", {}), (f"/author/{author}", {}), (f"/section/{section}/feed.xml", {})]
        if status == 201:
            pages.append((urllib.parse.urlparse(article["url"]).path, {}))
    return pages


def settings_with(server, payload, cookie):
    """The settings form as it stands, with the payload as the site's name, tagline,
    rights line and a social network's name."""
    page = server.request("GET", "/admin/settings", headers={"Cookie": cookie})[2].decode()
    fields = {name: html.unescape(value) for name, value in re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', page)}
    zone = re.search(r"<option selected>([^<]+)</option>", page)
    fields.update({"zone": zone.group(1) if zone else "UTC", "name": payload[:200], "tagline": payload[:300], "rights_line": payload[:500],
                   "profiles": payload[:60].replace("\n", " ").replace("|", "/") + " | https://social.example/courier"})
    fields.pop("feed_full", None)
    return fields


def run(long, keep):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    cases = payloads()
    with Server(keep=keep) as server:
        stored = [store(server, payload, number) for number, payload in enumerate(cases)]
        _, cookie, csrf = server.sign_in()
        pages = []  # (path, headers)
        for number, (payload, article) in enumerate(zip(cases, stored)):
            pages.append((urllib.parse.urlparse(article["url"]).path, {}))
            pages.append(("/search?q=" + urllib.parse.quote(payload), {}))
            if number % 8 == 0:
                pages.append((f"/admin/articles/{article['id']}", {"Cookie": cookie}))
                pages.append(("/no-such/" + urllib.parse.quote(payload, safe=""), {}))
        pages += store_people(server, cases, cookie, csrf)
        pages += [(p, {}) for p in ["/", "/section/news", "/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/sitemap-news.xml"]]
        pages += [(p, {"Cookie": cookie}) for p in ["/admin/taxonomy", "/admin", "/admin/curation"]]

        findings, server_errors, executions, visited = [], 0, [], 0
        options = webdriver.ChromeOptions()
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
            options.add_argument(flag)
        options.page_load_strategy = "eager"
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)

        def check(path, headers):
            nonlocal server_errors, visited
            status, response_headers, body = server.request("GET", path, headers=headers)
            server_errors += status >= 500
            if "html" in response_headers.get("content-type", ""):
                audit = MarkupAudit()
                audit.feed(body.decode("utf-8", errors="replace"))
                findings.extend(f"{path[:60]}: {f}" for f in audit.findings)
            # Back-office pages are audited only: their cookie is `__Host-` (HTTPS only),
            # which a browser will not send to this loopback server.
            if not headers:
                driver.get(f"http://127.0.0.1:{server.port}{path}")
                visited += 1
                count = driver.execute_script("return window.__xss || 0")
                if count:
                    executions.append(f"{path[:80]}: {count}")

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
            for path, headers in pages:
                check(path, headers)
            # The site's settings show on every page; each payload in turn, then a look.
            settings_saved = 0
            article = urllib.parse.urlparse(stored[0]["url"]).path
            for number in range(0, len(cases), 16):
                settings_saved += post_form(server, "/admin/settings", settings_with(server, cases[number], cookie), cookie, csrf) in (200, 302, 303)
                for path in ["/", article, "/feed.xml"]:
                    check(path, {})
                check("/admin/settings", {"Cookie": cookie})
        finally:
            driver.quit()
        ok = not findings and not executions and server_errors == 0 and settings_saved > 0
        figure = (f"{len(cases)} payloads in {len(stored)} articles, every 8th also as a section and an author, every 16th as the site's name, "
                  f"tagline, rights line and a social profile ({settings_saved} saved); {len(pages) + 4 * settings_saved} pages audited, {visited} loaded in "
                  f"Chromium (CSP bypassed): {len(executions)} executions, {len(findings)} payload-born markup, {server_errors} server errors")
        if findings or executions:
            figure += " — " + "; ".join((executions + findings)[:5])
        return ok, figure
