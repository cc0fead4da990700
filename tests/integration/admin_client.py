"""A client of the admin area for tests: logs in through the form, keeps
the session cookie, fills in CSRF tokens, and calls the JSON API."""

import html
import itertools
import json
import re
import subprocess
from urllib.parse import urlencode

from mpcms_server import ADMIN

# Test-only password of the accounts the tests create themselves.
TEST_PASSWORD = "test-only password 1"

FORM_TYPE = "application/x-www-form-urlencoded"

_names = itertools.count(1)


def unique(prefix):
    """Returns a code no other test uses, such as "p-3"."""
    return f"{prefix}-{next(_names)}"


def create_admin(server, email, password=TEST_PASSWORD):
    """Creates a super admin with mpcms-admin create-admin."""
    result = subprocess.run(
        [str(ADMIN), "create-admin", "--email", email, "--driver", server.driver,
         "--params", server.params],
        input=password + "\n", capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def create_vendor_user(server, email, *vendors, password=TEST_PASSWORD):
    """Creates a vendor user of vendors with mpcms-admin create-vendor-user."""
    arguments = []
    for vendor in vendors:
        arguments += ["--vendor", vendor]
    result = subprocess.run(
        [str(ADMIN), "create-vendor-user", "--email", email, *arguments,
         "--driver", server.driver, "--params", server.params],
        input=password + "\n", capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def csrf_of(response):
    match = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
    return match.group(1) if match else None


def field_error(response, field):
    """Returns the message shown next to a form field, or None."""
    match = re.search(rf'id="field-{field}-error">([^<]*)<', response.text)
    return html.unescape(match.group(1)) if match else None


def field_value(response, field):
    """Returns the value a form shows in an input or textarea."""
    match = re.search(rf'id="field-{field}" name="{field}" value="([^"]*)"', response.text)
    if match is None:
        match = re.search(rf'<textarea id="field-{field}" name="{field}"[^>]*>(.*?)</textarea>',
                          response.text, re.S)
    return match.group(1) if match else None


def cookies_of(response):
    """Returns {name: (value, attributes)} of every Set-Cookie header."""
    cookies = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        pair, _, attributes = header.partition(";")
        name, _, value = pair.partition("=")
        cookies[name.strip()] = (value, attributes)
    return cookies


class AdminClient:
    """One browser-like client of the admin area of a server."""

    # The page that shows the CSRF token after login.
    home = "/"

    def __init__(self, server, base="/admin"):
        self.server = server
        self.base = base
        self.session = None
        self.csrf = None

    def headers(self, extra=None):
        headers = dict(extra or {})
        if self.session is not None:
            headers["Cookie"] = f"mpcms_session={self.session}"
        return headers

    def login(self, email, password=TEST_PASSWORD, next_page=None):
        """Logs in through the form; returns the POST's response."""
        form = self.server.get(self.base + "/login")
        assert form.status == 200, form.status
        login_cookie = cookies_of(form)["mpcms_login"][0]
        token = re.search(r'name="login_token" value="([^"]+)"', form.text).group(1)
        fields = {"login_token": token, "email": email, "password": password}
        if next_page is not None:
            fields["next"] = next_page
        cookie = f"mpcms_login={login_cookie}"
        if self.session is not None:
            cookie += f"; mpcms_session={self.session}"
        response = self.server.request(self.base + "/login", method="POST",
                                       body=urlencode(fields),
                                       headers={"Content-Type": FORM_TYPE, "Cookie": cookie})
        session = cookies_of(response).get("mpcms_session")
        if response.status == 303 and session is not None:
            self.session = session[0]
            self.csrf = csrf_of(self.get(self.home))
        return response

    def get(self, path, headers=None):
        response = self.server.get(self.base + path, headers=self.headers(headers))
        token = csrf_of(response)
        if token is not None:
            self.csrf = token
        return response

    def post(self, path, fields=None, csrf=True, headers=None, content_type=FORM_TYPE,
             body=None):
        """Submits a form; pairs may repeat a name as a list of tuples."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields or [])
        if csrf and self.csrf is not None:
            pairs.append(("csrf_token", self.csrf))
        if body is None:
            body = urlencode(pairs)
        all_headers = self.headers(headers)
        if content_type is not None:
            all_headers["Content-Type"] = content_type
        return self.server.request(self.base + path, method="POST", body=body,
                                   headers=all_headers)

    def logout(self):
        return self.post("/logout")


class DashboardClient(AdminClient):
    """A client of one vendor dashboard: /{platform}/vendor/{code}."""

    home = "/dashboard"

    def __init__(self, server, platform, vendor):
        super().__init__(server, base=f"/{platform}/vendor/{vendor}")


class ApiClient:
    """A client of the JSON API with a bearer token."""

    def __init__(self, server, token, base="/admin/api/v1"):
        self.server = server
        self.token = token
        self.base = base

    def call(self, method, path, data=None, body=None, headers=None):
        all_headers = {}
        if self.token is not None:
            all_headers["Authorization"] = f"Bearer {self.token}"
        if data is not None:
            body = json.dumps(data)
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        response = self.server.request(self.base + path, method=method, body=body,
                                       headers=all_headers)
        response.json = json.loads(response.body) if response.body else None
        return response

    def get(self, path, **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.call("POST", path, data=data, **kwargs)

    def patch(self, path, data=None, **kwargs):
        return self.call("PATCH", path, data=data, **kwargs)

    def delete(self, path, **kwargs):
        return self.call("DELETE", path, **kwargs)


def create_api_token(admin, name="tests"):
    """Creates an API token through the admin pages; returns its value."""
    response = admin.post("/tokens", {"name": name})
    assert response.status == 200, response.text
    return re.search(r'id="secret">([^<]+)<', response.text).group(1)
