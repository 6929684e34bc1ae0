"""How many image bytes a reader's browser downloads for a lead photo, in real
Chromium: an editor uploads a 6000x4000 camera photo, publishes it, and the
article is opened as a phone (390 px wide, DPR 3) and as a desktop (1280 px,
DPR 1). The browser picks from the page's <picture> sources and srcset; the
Resource Timing API says what it fetched. Goals (issue 21): under 250 KB on the
phone and 400 KB on the desktop.

Run by scripts/browser-test: argv = base URL, email, password, photo path.
"""
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

import importlib.util

PHONE_LIMIT = 250 * 1024
DESKTOP_LIMIT = 400 * 1024


def browser(mobile):
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(flag)
    if mobile:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0}})
    else:
        options.add_argument("--window-size=1280,900")
        options.add_argument("--force-device-scale-factor=1")
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    service = Service(executable_path="/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
    driver = webdriver.Chrome(options=options, service=service)
    driver.implicitly_wait(5)
    return driver


def publish(base, email, password, photo):
    driver = browser(mobile=False)
    try:
        driver.get(base + "/admin")
        driver.find_element(By.ID, "email").send_keys(email)
        driver.find_element(By.ID, "password").send_keys(password)
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "table.articles")))
        driver.get(base + "/admin/media")
        driver.find_element(By.ID, "image").send_keys(photo)
        driver.find_element(By.ID, "alt").send_keys("Fishing boats tied up along a stone quay")
        # Credit and caption are left empty: the camera file's IPTC fills them.
        driver.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
        WebDriverWait(driver, 120).until(expected_conditions.url_contains("uploaded="))
        page = driver.find_element(By.TAG_NAME, "body").text
        assert "From the file, not yet confirmed: credit, caption" in page, page[:800]
        driver.get(base + "/admin/articles/new")
        headline = "Browser Test: Boats Tie Up Early"
        driver.find_element(By.ID, "headline").send_keys(headline)
        driver.find_element(By.ID, "body").send_keys("The fleet came in ahead of the storm.")
        select = Select(driver.find_element(By.ID, "image_asset"))
        select.select_by_index(next(i for i, o in enumerate(select.options) if "Fishing boats" in o.text))
        driver.find_element(By.CSS_SELECTOR, "button[name=action][value=publish]").click()
        WebDriverWait(driver, 10).until(expected_conditions.url_contains("saved=1"))
        driver.find_element(By.LINK_TEXT, "View on the site").click()
        WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "h1.headline")))
        return driver.current_url
    finally:
        driver.quit()


def accessibility_violations(driver):
    """axe-core's WCAG 2 A/AA rules on the page as it stands; [] when none fail."""
    # axe-core 4.x as bundled by the PyPI package axe-playwright-python (installed with
    # --no-deps: only its script is used, never imported).
    folder = importlib.util.find_spec("axe_playwright_python").submodule_search_locations[0]
    script = os.path.join(folder, "axe.min.js")
    driver.execute_script(open(script, encoding="utf8").read())
    driver.set_script_timeout(120)
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(function (r) { done({violations: r.violations.map(function (v) { return [v.id, v.nodes.length, v.help]; })}); })"
        ".catch(function (e) { done({error: String(e)}); });"
    )
    assert "error" not in result, f"axe could not run: {result}"
    return [f"{name} ({count}): {help}" for name, count, help in result["violations"]]


def lead_photo_bytes(url, mobile):
    driver = browser(mobile)
    try:
        driver.get(url)
        WebDriverWait(driver, 20).until(
            lambda d: d.execute_script("var i = document.querySelector('.lead-photo img'); return i && i.complete && i.naturalWidth > 0")
        )
        violations = accessibility_violations(driver)
        assert not violations, f"axe on the article page ({'phone' if mobile else 'desktop'}): {violations}"
        chosen = driver.execute_script("return document.querySelector('.lead-photo img').currentSrc")
        entries = driver.execute_script(
            "return performance.getEntriesByType('resource').filter(e => e.name.includes('/media/'))"
            ".map(e => ({name: e.name, bytes: e.encodedBodySize || e.transferSize}))"
        )
        lead = [e for e in entries if e["name"] == chosen]
        assert lead, f"the chosen file {chosen} is not among the fetched {json.dumps(entries)}"
        return chosen, lead[0]["bytes"], sum(e["bytes"] for e in entries)
    finally:
        driver.quit()


def main():
    base, email, password, photo = sys.argv[1:5]
    url = publish(base, email, password, photo)
    failures = []
    for name, mobile, limit in (("phone 390 px DPR 3", True, PHONE_LIMIT), ("desktop 1280 px DPR 1", False, DESKTOP_LIMIT)):
        chosen, lead, every = lead_photo_bytes(url, mobile)
        print(f"{name}: lead photo {chosen.rsplit('/', 1)[-1]} {lead / 1024:.0f} KiB; all images on the page {every / 1024:.0f} KiB; axe: no violations")
        if lead > limit:
            failures.append(f"{name}: {lead} bytes for the lead photo, over {limit}")
    upload = os.path.getsize(photo)
    print(f"the upload was {upload / 1024:.0f} KiB (6000x4000)")
    if failures:
        raise AssertionError("; ".join(failures))
    print("image weight test passed")


if __name__ == "__main__":
    main()
