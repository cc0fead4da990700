"""Headless Chromium for the browser tests: a fixture with a profile of
its own, numbered screenshots, and helpers that fill forms and wait for
the next page."""

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

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


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
