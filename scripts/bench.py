#!/usr/bin/python3
"""Requests per second of a storefront page against the same bytes as a
static file, served by one httpd in one run.

Starts a private httpd with the development configuration and the demo
SQLite database, saves the body of the page as htdocs/static/page.html
(served by httpd's own file handler, because /static is a pass-through
path), and runs wrk against both URLs.

Usage: scripts/bench.py [--seconds N] [--connections N] [--threads N]
                        [--path URL-PATH]
"""

import argparse
import os
import pathlib
import platform
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "integration"))

from mpcms_server import HttpdServer  # noqa: E402


def run_wrk(url, seconds, connections, threads):
    result = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if rate is None:
        raise RuntimeError(f"wrk printed no rate:\n{result.stdout}{result.stderr}")
    if errors is not None:
        raise RuntimeError(f"{errors.group(1)} requests to {url} failed")
    return float(rate.group(1)), result.stdout


def cpu_model():
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="duration of each wrk run")
    parser.add_argument("--connections", type=int, default=16, help="open connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--path", default="/oms/vendors/wizamart/about",
                        help="page to measure (default: a vendor override)")
    options = parser.parse_args()

    with HttpdServer() as server:
        page = server.get(options.path)
        if page.status != 200:
            sys.exit(f"{options.path} answered {page.status}; pick a page that exists")
        static_dir = server.runtime_dir / "htdocs" / "static"
        static_dir.mkdir(exist_ok=True)
        (static_dir / "page.html").write_bytes(page.body)

        base = f"http://127.0.0.1:{server.port}"
        # A short warm-up opens the database connections of every child.
        run_wrk(base + options.path, 1, options.connections, options.threads)
        module_rate, module_report = run_wrk(base + options.path, options.seconds,
                                             options.connections, options.threads)
        static_rate, static_report = run_wrk(base + "/static/page.html", options.seconds,
                                             options.connections, options.threads)

    print(f"machine:  {os.cpu_count()} cores, {cpu_model()}")
    print(f"command:  wrk -t{options.threads} -c{options.connections} -d{options.seconds}s")
    print(f"page:     {options.path} ({len(page.body)} bytes)")
    print(f"module:   {module_rate:10.0f} requests/s")
    print(f"static:   {static_rate:10.0f} requests/s")
    print(f"ratio:    {module_rate / static_rate:10.2f} (module / static)")
    if "-v" in sys.argv:
        print(module_report, static_report)


if __name__ == "__main__":
    main()
