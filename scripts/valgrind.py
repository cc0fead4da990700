#!/usr/bin/python3
"""Runs httpd with mod_mpcms as one process under valgrind's memcheck, on a
fresh demo database (SQLite, then a private PostgreSQL), drives pages, the
admin area, its API and a vendor dashboard through it, and prints
valgrind's error summary. Exits 1 when valgrind reported an error.

Usage: scripts/valgrind.py [--keep]   (make valgrind)
--keep leaves the runtime folders, valgrind.log included, in /tmp.
"""

import pathlib
import re
import sys
import time

SOURCE_DIR = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(SOURCE_DIR / "tests" / "integration"))

import mpcms_server  # noqa: E402
from admin_client import (AdminClient, ApiClient, create_admin,  # noqa: E402
                          create_api_token, create_vendor_user)
from mpcms_server import HttpdServer, PostgresServer  # noqa: E402

# httpd starts and stops far slower under valgrind.
mpcms_server.START_TIMEOUT_SECONDS = 120
STOP_TIMEOUT_SECONDS = 120

ADMIN_EMAIL = "valgrind@example.com"
VENDOR_EMAIL = "owner@wizamart.test"


class ValgrindServer(HttpdServer):
    """httpd -X under valgrind; the log goes to the runtime folder."""

    def command(self, *extra):
        return ["valgrind", "--tool=memcheck", "--error-exitcode=99",
                "--track-origins=yes", "--num-callers=30",
                f"--suppressions={SOURCE_DIR / 'scripts' / 'valgrind.supp'}",
                f"--log-file={self.runtime_dir / 'valgrind.log'}",
                *super().command("-X", *extra)]

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        self.process.wait(timeout=STOP_TIMEOUT_SECONDS)


def drive_pages(server):
    for path in ["/oms/", "/oms/pricing", "/loyalty/", "/oms/vendors/wizamart/about",
                 "/oms/vendors/luxbakery/about", "/oms/vendors/wizamart/no-such-page",
                 "/loyalty/vendors/wizamart/", "/oms", "/oms/vendors/wizamart",
                 "/oms/./pricing", "/oms/pric%69ng", "//oms/pricing", "/oms/%zz",
                 "/oms/../../etc", "/oms/vendors/wizamart/../luxbakery/about",
                 "/oms/caf%C3%A9", "/-/health"]:
        server.get(path)
    etag = server.get("/oms/pricing").header("ETag")
    server.get("/oms/pricing", headers={"If-None-Match": etag or '"x"'})
    server.get("/oms/pricing", headers={"If-Match": '"other"'})
    server.request("/oms/pricing", method="POST", body=b"x=1")
    server.request("/oms/./pricing", method="POST", body=b"x=1")


def drive_admin(server):
    create_admin(server, ADMIN_EMAIL)
    admin = AdminClient(server)
    admin.login(ADMIN_EMAIL)
    for path in ["/", "/platforms", "/platforms/oms", "/platforms/oms/pages",
                 "/platforms/oms/defaults", "/pages", "/vendors", "/users", "/audit",
                 "/tokens"]:
        admin.get(path)
    admin.post("/platforms/oms/pages", {"slug": "valgrind", "title": "Valgrind",
                                        "content": "<p onclick='x()'>Hi</p><script>x</script>",
                                        "is_published": "1"})
    admin.post("/platforms/oms/pages", {"slug": "Bad Slug", "title": ""})
    token = create_api_token(admin)
    api = ApiClient(server, token)
    api.get("/platforms")
    api.post("/platforms", body='{"code": "vg", "name": "VG", "theme_config": {"primary_color": "#123"}}',
             headers={"Content-Type": "application/json"})
    api.post("/platforms", body='{"code": ', headers={"Content-Type": "application/json"})
    admin.logout()


def drive_dashboard(server):
    create_vendor_user(server, VENDOR_EMAIL, "wizamart")
    vendor = AdminClient(server, base="/oms/vendor/wizamart")
    vendor.home = "/dashboard"
    vendor.login(VENDOR_EMAIL)
    vendor.get("/dashboard")
    vendor.get("/content-pages")
    vendor.post("/content-pages", {"slug": "vg-page", "title": "VG", "content": "<p>x</p>"})
    vendor.logout()


def run(postgres=None):
    label = "pgsql" if postgres is not None else "sqlite"
    server = ValgrindServer(postgres=postgres, keep="--keep" in sys.argv)
    with server:
        started = time.monotonic()
        drive_pages(server)
        drive_admin(server)
        drive_dashboard(server)
        print(f"{label}: requests done in {time.monotonic() - started:.0f} s")
        server.stop()
        log = (server.runtime_dir / "valgrind.log").read_text()
    summary = re.search(r"ERROR SUMMARY: (\d+) errors.*", log)
    print(f"{label}: {summary.group(0) if summary else 'no error summary'}")
    if summary is None or summary.group(1) != "0":
        print(log)
        return False
    return True


def main():
    ok = run()
    postgres = PostgresServer().start()
    try:
        ok = run(postgres) and ok
    finally:
        postgres.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
