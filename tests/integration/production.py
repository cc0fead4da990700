"""Running conf/mpcms-production.conf in a test: certificates signed by a
throwaway CA, free ports, an echoing shop backend, HTTPS requests with SNI.
"""

import http.client
import http.server
import json
import pathlib
import socket
import ssl
import subprocess
import threading

from mpcms_server import HTTPD, MODULE, SOURCE_DIR, HttpdServer, Response, free_port

PRODUCTION_CONFIG = SOURCE_DIR / "conf" / "mpcms-production.conf"

# Names each test certificate covers.
CERTIFICATES = {
    "oms.lu": ["oms.lu", "*.oms.lu"],
    "loyalty.lu": ["loyalty.lu", "*.loyalty.lu"],
    "admin.wizamart.lu": ["admin.wizamart.lu"],
    "custom-domains": ["wizamart.lu", "www.wizamart.lu", "rewards.wizamart.lu",
                       "luxbakery.lu", "old-wizamart.lu", "closedshop.lu",
                       "xn--bckerei-k2a.lu", "unknown.example",
                       "custom-domains.invalid"],
}


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_certificates(folder):
    """Makes a CA and a certificate it signs for each entry of CERTIFICATES."""
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=mod_mpcms test CA", cwd=folder)
    for name, dns_names in CERTIFICATES.items():
        extensions = folder / f"{name}.ext"
        extensions.write_text("subjectAltName=" + ",".join(f"DNS:{dns}" for dns in dns_names)
                              + "\n")
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr",
                "-subj", f"/CN={dns_names[0]}", cwd=folder)
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", f"{name}.pem", "-days", "2",
                "-extfile", str(extensions), cwd=folder)
    return folder / "ca.pem"


class ShopBackend:
    """A backend that answers every request with what it received, as JSON."""

    def __init__(self):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = json.dumps({"path": self.path,
                                   "headers": [[k, v] for k, v in self.headers.items()]})
                received.append(json.loads(body))
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()
        return False


class ProductionServer(HttpdServer):
    """httpd with conf/mpcms-production.conf, values set by -C Define."""

    def __init__(self, shop_url, keep=False, postgres=None):
        super().__init__(config=PRODUCTION_CONFIG, keep=keep, postgres=postgres)
        self.shop_url = shop_url

    def start(self):
        self.certs_dir = self.runtime_dir / "certs"
        self.ca_file = make_certificates(self.certs_dir)
        (self.runtime_dir / "empty").mkdir(exist_ok=True)
        self.https_port = self.port
        self.http_port = free_port()
        self.give_to_child_user(self.runtime_dir)
        super().start()

    def defines(self):
        values = {
            "MPCMS_MODULE": MODULE,
            "MPCMS_TEMPLATES": SOURCE_DIR / "templates",
            "MPCMS_CERTS": self.certs_dir,
            "MPCMS_RUN_DIR": self.runtime_dir,
            "MPCMS_LOG_DIR": self.runtime_dir,
            "MPCMS_DOCUMENT_ROOT": self.runtime_dir / "empty",
            "MPCMS_HTTP_PORT": self.http_port,
            "MPCMS_HTTPS_PORT": self.https_port,
            "MPCMS_HTTP_LISTEN": f"127.0.0.1:{self.http_port}",
            "MPCMS_HTTPS_LISTEN": f"127.0.0.1:{self.https_port}",
            "MPCMS_HTTPS_PORT_SUFFIX": f":{self.https_port}",
            "MPCMS_SHOP_BACKEND": self.shop_url,
            "MPCMS_DB_DRIVER": self.driver,
            "MPCMS_DB_PARAMS": f'"{self.params}"',
        }
        # httpd 2.4 cuts a -C directive after about 200 bytes, and a libpq
        # connection string is often longer. So the Define lines go to a
        # file, and one short -C includes it.
        defines_file = self.runtime_dir / "defines.conf"
        defines_file.write_text("".join(f"Define {name} {value}\n"
                                        for name, value in values.items()))
        return ["-C", f"Include {defines_file}"]

    def command(self, *extra):
        return [HTTPD, *self.defines(), "-f", str(self.config), *extra]

    def request(self, path, method="GET", headers=None, body=None, host="oms.lu",
                sni=None, verify=True, exact_host=False):
        """Sends one HTTPS request with SNI and Host set to host.

        Like a browser, it adds the port to the Host header because the
        port is not 443, unless exact_host asks for the header as given.
        """
        context = ssl.create_default_context(cafile=str(self.ca_file))
        if not verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        server_name = sni if sni is not None else host.split(":")[0].rstrip(".").lower()
        raw = socket.create_connection(("127.0.0.1", self.https_port), timeout=30)
        tls = context.wrap_socket(raw, server_hostname=server_name)
        connection = http.client.HTTPConnection("127.0.0.1", self.https_port, timeout=30)
        connection.sock = tls
        headers = dict(headers or {})
        headers["Host"] = host if exact_host else f"{host}:{self.https_port}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return Response(response.status, response.headers, response.read())
        finally:
            connection.close()

    def http_request(self, path, host):
        """Sends one plain HTTP request to the HTTP port."""
        connection = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=30)
        try:
            connection.request("GET", path, headers={"Host": f"{host}:{self.http_port}"})
            response = connection.getresponse()
            return Response(response.status, response.headers, response.read())
        finally:
            connection.close()
