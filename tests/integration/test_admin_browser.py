"""The admin area in a real browser: headless Chromium driven by Selenium
logs in, creates a platform with a marketing page, a vendor on it and a
vendor default page, and reads both pages served under the platform's
prefix. Screenshots go to build/test-artifacts/browser-{backend}/."""

import pathlib
import shutil
import tempfile
import time

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from admin_client import TEST_PASSWORD, create_admin, unique

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ADMIN_EMAIL = "browser@example.com"


@pytest.fixture
def browser():
    """A headless Chromium with a profile of its own, closed after the test."""
    profile = tempfile.mkdtemp(prefix="mpcms-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-quic", "--no-first-run",
                     "--disable-component-update", "--disable-sync",
                     "--window-size=1280,1000", f"--user-data-dir={profile}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


class Screens:
    """Saves numbered screenshots of the browser into one folder."""

    def __init__(self, driver, folder):
        self.driver = driver
        self.folder = pathlib.Path(folder)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.count = 0

    def save(self, name):
        self.count += 1
        self.driver.save_screenshot(str(self.folder / f"{self.count:02d}-{name}.png"))


def fill_field(driver, name, value):
    element = driver.find_element(By.NAME, name)
    if element.tag_name == "select":
        Select(element).select_by_value(value)
    elif element.get_attribute("type") == "checkbox":
        if element.is_selected() != bool(value):
            element.click()
    else:
        element.clear()
        element.send_keys(value)


def fill(driver, values):
    """Types into the form fields of the page, by name.

    Chromium can report a node of the page it just loaded as detached for
    a moment, so a field is looked up again after such an error.
    """
    for name, value in values.items():
        for attempt in range(3):
            try:
                fill_field(driver, name, value)
                break
            except WebDriverException:
                if attempt == 2:
                    raise
                time.sleep(0.2)


def is_detached(element):
    """Returns True once element no longer belongs to the shown page."""
    try:
        element.tag_name
        return False
    except WebDriverException:
        # StaleElementReferenceException, or Chromium's "Node with given id
        # does not belong to the document" while the next page replaces it.
        return True


def click_and_wait(driver, element_id):
    """Clicks a button and waits until the next page has loaded."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, element_id).click()
    WebDriverWait(driver, 15).until(lambda _: is_detached(page))
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def submit(driver):
    click_and_wait(driver, "save")


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def test_super_admin_builds_a_platform(make_server, backend, browser, artifacts_dir):
    screens = Screens(browser, artifacts_dir / f"browser-{backend}")
    with make_server() as server:
        create_admin(server, ADMIN_EMAIL)
        origin = f"http://127.0.0.1:{server.port}"
        code = unique("brw")
        vendor = unique("brwshop")

        browser.get(origin + "/admin/")
        assert heading(browser) == "Log in"
        screens.save("login-form")
        fill(browser, {"email": ADMIN_EMAIL, "password": TEST_PASSWORD})
        click_and_wait(browser, "login")
        assert heading(browser) == "Dashboard"
        screens.save("dashboard")

        browser.get(origin + "/admin/platforms/new")
        fill(browser, {"code": code, "name": "Browser Platform", "path_prefix": f"/{code}",
                       "theme_config": '{"primary_color": "#0f766e"}',
                       "supported_languages": '["en", "fr"]'})
        screens.save("new-platform")
        submit(browser)
        assert heading(browser) == "Platforms"
        assert f"Platform {code} saved." in browser.page_source
        screens.save("platform-saved")

        browser.get(origin + f"/admin/platforms/{code}/pages/new")
        fill(browser, {"slug": "platform_homepage", "title": "Made in a browser",
                       "content": "<p>Written in <strong>Chromium</strong>.</p>"
                                  "<script>alert('x')</script>",
                       "is_published": True})
        submit(browser)
        assert "removed 1 element" in browser.page_source
        screens.save("marketing-page-saved")

        browser.get(origin + "/admin/vendors/new")
        fill(browser, {"code": vendor, "name": "Browser Shop"})
        submit(browser)
        browser.get(origin + f"/admin/vendors/{vendor}/platforms/new")
        fill(browser, {"platform": code})
        submit(browser)
        assert heading(browser) == f"Platforms of vendor {vendor}"
        screens.save("membership-saved")

        browser.get(origin + f"/admin/platforms/{code}/defaults/new")
        fill(browser, {"slug": "delivery", "title": "Delivery for every shop",
                       "content": "<p>We deliver on Tuesdays.</p>", "is_published": True})
        submit(browser)
        assert heading(browser) == f"Vendor default pages of {code}"
        screens.save("default-page-saved")

        browser.get(origin + f"/{code}/")
        assert heading(browser) == "Made in a browser"
        assert "Chromium" in browser.page_source
        assert "alert(" not in browser.page_source
        screens.save("marketing-page-served")

        browser.get(origin + f"/{code}/vendors/{vendor}/delivery")
        assert heading(browser) == "Delivery for every shop"
        screens.save("default-page-served")

        browser.get(origin + "/admin/audit")
        screens.save("audit-log")
        click_and_wait(browser, "logout")
        assert heading(browser) == "Log in"
        browser.get(origin + "/admin/")
        assert heading(browser) == "Log in"

        server.assert_error_log_clean()


def test_rejected_form_keeps_values_in_browser(make_server, backend, browser,
                                               artifacts_dir):
    screens = Screens(browser, artifacts_dir / f"browser-rejected-{backend}")
    with make_server() as server:
        create_admin(server, ADMIN_EMAIL)
        origin = f"http://127.0.0.1:{server.port}"
        browser.get(origin + "/admin/login")
        fill(browser, {"email": ADMIN_EMAIL, "password": TEST_PASSWORD})
        click_and_wait(browser, "login")

        browser.get(origin + "/admin/platforms/new")
        fill(browser, {"code": "Bad Code", "name": "Kept",
                       "theme_config": '{"primary_color": }'})
        submit(browser)

        screens.save("rejected-platform")
        assert heading(browser) == "New platform"
        assert browser.find_element(By.NAME, "name").get_attribute("value") == "Kept"
        assert "invalid code" in browser.find_element(By.ID, "field-code-error").text
        assert "line 1" in browser.find_element(By.ID, "field-theme_config-error").text
