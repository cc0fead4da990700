"""The vendor dashboard in a real browser: headless Chromium logs in as a
user of luxbakery, overrides the default Shipping page, edits it, reads
the edit on the storefront, reverts it and reads the default again.
Screenshots go to build/test-artifacts/browser-dashboard-{backend}/."""

from selenium.webdriver.common.by import By

from admin_client import TEST_PASSWORD, create_vendor_user
from browser import Screens, browser, click_and_wait, fill, heading, submit  # noqa: F401

OWNER_EMAIL = "owner@luxbakery.test"
DEFAULT_TITLE = "Shipping and delivery"


def click_link_and_wait(driver, href_end):
    """Clicks the link whose address ends with href_end."""
    link = driver.find_element(By.CSS_SELECTOR, f'a[href$="{href_end}"]')
    driver.execute_script("arguments[0].id = 'link-to-follow'", link)
    click_and_wait(driver, "link-to-follow")


def test_override_edit_revert_in_browser(make_server, backend, browser, artifacts_dir):
    screens = Screens(browser, artifacts_dir / f"browser-dashboard-{backend}")
    with make_server() as server:
        create_vendor_user(server, OWNER_EMAIL, "luxbakery")
        origin = f"http://127.0.0.1:{server.port}"
        dashboard = origin + "/oms/vendor/luxbakery"
        storefront = origin + "/oms/vendors/luxbakery/shipping"

        browser.get(dashboard + "/content-pages")
        assert heading(browser) == "Log in"
        screens.save("login-form")
        fill(browser, {"email": OWNER_EMAIL, "password": TEST_PASSWORD})
        click_and_wait(browser, "login")
        assert heading(browser) == "Content pages"
        assert "0 of 3 pages used" in browser.page_source
        screens.save("content-pages")

        click_and_wait(browser, "override-shipping")
        assert heading(browser) == "Edit page shipping"
        assert browser.find_element(By.NAME, "title").get_attribute("value") == DEFAULT_TITLE
        # The Essential tier has no SEO, layout or scheduling controls.
        assert not browser.find_elements(By.NAME, "meta_description")
        screens.save("override-form")

        fill(browser, {"title": "Fresh bread delivered",
                       "content": "<p>Every morning before <strong>7:00</strong>.</p>"})
        submit(browser)
        assert heading(browser) == "Content pages"
        assert "Page &#39;shipping&#39; saved." in browser.page_source or \
            "Page 'shipping' saved." in browser.page_source
        assert "1 of 3 pages used" in browser.page_source
        screens.save("override-saved")

        browser.get(storefront)
        assert heading(browser) == "Fresh bread delivered"
        assert "7:00" in browser.page_source
        screens.save("storefront-edited")

        browser.get(dashboard + "/content-pages")
        click_link_and_wait(browser, "/content-pages/shipping/revert")
        assert heading(browser) == "Revert shipping"
        screens.save("revert-confirmation")
        click_and_wait(browser, "confirm")
        assert heading(browser) == "Content pages"
        assert "0 of 3 pages used" in browser.page_source
        screens.save("reverted")

        browser.get(storefront)
        assert heading(browser) == DEFAULT_TITLE
        screens.save("storefront-default")

        browser.get(dashboard + "/content-pages")
        click_and_wait(browser, "logout")
        assert heading(browser) == "Log in"

        server.assert_error_log_clean()
