"""End-to-end test in a real browser: an editor signs in, uploads a lead image,
writes an article with it, publishes it, and finds it on the public page.

Run by scripts/browser-test against a server it starts; needs Debian's chromium
and chromium-driver and Selenium from PyPI.
"""
import os
import struct
import sys
import tempfile
import zlib

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait


def png(width, height):
    """A real (tiny, striped) PNG, so the browser can show it."""
    row = b"\x00" + b"".join(bytes((x * 7 % 256, 90, 160)) for x in range(width))
    raw = row * height
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def wait_for_url(driver, fragment):
    """Clicking a submit button returns before the next page loads; wait for it."""
    try:
        WebDriverWait(driver, 10).until(expected_conditions.url_contains(fragment))
    except Exception:
        raise AssertionError(f"expected {fragment!r} in {driver.current_url}: " + driver.find_element(By.TAG_NAME, "body").text[:600])


def main():
    base, email, password = sys.argv[1], sys.argv[2], sys.argv[3]
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600"):
        options.add_argument(flag)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    # Debian's driver, so Selenium never tries to download one.
    service = Service(executable_path="/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
    driver = webdriver.Chrome(options=options, service=service)
    driver.implicitly_wait(5)
    try:
        # Sign in.
        driver.get(base + "/admin")
        driver.find_element(By.ID, "email").send_keys(email)
        driver.find_element(By.ID, "password").send_keys(password)
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "table.articles")))

        # Upload a lead image to the media library.
        image = os.path.join(tempfile.mkdtemp(), "harbor-crane.png")
        with open(image, "wb") as file:
            file.write(png(64, 36))
        driver.get(base + "/admin/media")
        driver.find_element(By.ID, "image").send_keys(image)
        driver.find_element(By.ID, "alt").send_keys("A crane over the harbor at dusk")
        driver.find_element(By.ID, "credit").send_keys("Courier staff")
        driver.find_element(By.ID, "caption").send_keys("The new crane lifted its first container on Monday.")
        driver.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
        wait_for_url(driver, "uploaded=")

        # Write the article with that image and publish it.
        driver.get(base + "/admin/articles/new")
        headline = "Browser Test: Crane Lifts First Container"
        driver.find_element(By.ID, "headline").send_keys(headline)
        driver.find_element(By.ID, "standfirst").send_keys("Written, illustrated and published in a real browser.")
        driver.find_element(By.ID, "body").send_keys("The crane worked through the night.\n\nDockworkers cheered at dawn.")
        library = Select(driver.find_element(By.ID, "image_asset"))
        library.select_by_index(next(i for i, o in enumerate(library.options) if "A crane over the harbor" in o.text))
        driver.find_element(By.ID, "tags").send_keys("Harbor, Cranes")
        driver.find_element(By.CSS_SELECTOR, "button[name=action][value=publish]").click()
        wait_for_url(driver, "saved=1")

        # Find it on the public site, with its photo, credit and caption.
        driver.find_element(By.LINK_TEXT, "View on the site").click()
        WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "h1.headline")))
        assert driver.find_element(By.CSS_SELECTOR, "h1.headline").text == headline
        photo = driver.find_element(By.CSS_SELECTOR, ".lead-photo img")
        assert photo.get_attribute("alt") == "A crane over the harbor at dusk"
        loaded = driver.execute_script("return [arguments[0].complete, arguments[0].naturalWidth, arguments[0].currentSrc]", photo)
        # With a w-descriptor srcset, naturalWidth is the width the layout gives it, not the 64 px file.
        assert loaded[0] and loaded[1] > 0 and "/media/r/" in loaded[2], loaded
        caption = driver.find_element(By.CSS_SELECTOR, ".lead-photo figcaption").text
        assert "Photo: Courier staff" in caption and "first container" in caption, caption
        driver.get(base + "/")
        assert headline in driver.find_element(By.TAG_NAME, "body").text
        print("browser test passed: signed in, uploaded, wrote, published and found", headline)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
