"""The admin area in a real browser: headless Chromium driven by Selenium
logs in, creates a platform with a marketing page, a vendor on it and a
vendor default page, and reads both pages served under the platform's
prefix. Screenshots go to build/test-artifacts/browser-{backend}/."""

from selenium.webdriver.common.by import By

from admin_client import TEST_PASSWORD, create_admin, unique
from browser import Screens, browser, click_and_wait, fill, heading, submit  # noqa: F401

ADMIN_EMAIL = "browser@example.com"


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
