"""Directives: wrong values fail the configuration test (apache2 -t) with a
message naming the directive and the value; good ones pass."""

import os
import pathlib
import subprocess
import tempfile

import pytest

from mpcms_server import DEV_CONFIG, HTTPD, MODULE, SOURCE_DIR, HttpdServer

BASE = f"""
ServerRoot /etc/apache2
ServerName localhost
Listen 127.0.0.1:1
PidFile {{runtime}}/httpd.pid
DefaultRuntimeDir {{runtime}}
ErrorLog {{runtime}}/error.log
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule dbd_module /usr/lib/apache2/modules/mod_dbd.so
LoadModule mpcms_module {MODULE}
DBDriver sqlite3
DBDParams {{runtime}}/mpcms.db
<VirtualHost 127.0.0.1:1>
    MpcmsEngine On
    MpcmsTemplateDir {SOURCE_DIR}/templates
{{body}}
</VirtualHost>
"""


def config_test(body, base=BASE):
    """Runs apache2 -t on BASE with body inside the VirtualHost."""
    with tempfile.TemporaryDirectory(prefix="mpcms-conf-") as runtime:
        path = pathlib.Path(runtime) / "httpd.conf"
        path.write_text(base.replace("{runtime}", runtime).replace("{body}", body))
        result = subprocess.run([HTTPD, "-t", "-f", str(path)], capture_output=True, text=True)
        return result.returncode, result.stdout + result.stderr


def test_base_configuration_passes():
    status, output = config_test("")

    assert status == 0, output
    assert "Syntax OK" in output


def test_development_configuration_passes():
    with HttpdServer() as server:
        result = server.config_test()

    assert result.returncode == 0, result.stderr
    assert "Syntax OK" in result.stdout + result.stderr


def test_pgsql_database_example_passes():
    base = BASE.replace("DBDriver sqlite3\n", "").replace(
        "DBDParams {runtime}/mpcms.db\n",
        f"Include {SOURCE_DIR}/conf/mpcms-database-pgsql.conf\n")

    status, output = config_test("", base=base)

    assert status == 0, output
    assert "Syntax OK" in output


def test_pgsql_database_example_settings():
    text = (SOURCE_DIR / "conf" / "mpcms-database-pgsql.conf").read_text()
    params = next(line for line in text.splitlines() if line.startswith("DBDParams"))

    for setting in ("host=db1.example.internal,db2.example.internal",
                    "target_session_attrs=read-write", "connect_timeout=",
                    "keepalives=1", "tcp_user_timeout=", "statement_timeout="):
        assert setting in params
    assert "password=" not in params
    for directive in ("DBDriver pgsql", "DBDMin", "DBDKeep", "DBDMax", "DBDExptime"):
        assert f"\n{directive}" in text


def test_health_path_invalid_fails():
    status, output = config_test("    MpcmsHealthPath health")

    assert status != 0
    assert "MpcmsHealthPath: invalid URL path 'health'" in output


@pytest.mark.parametrize("body,expected", [
    ("MpcmsPlatformPrefix oms oms", "MpcmsPlatformPrefix: invalid path prefix 'oms'"),
    ("MpcmsPlatformPrefix /oms/ oms", "MpcmsPlatformPrefix: invalid path prefix '/oms/'"),
    ("MpcmsPlatformPrefix / oms", "MpcmsPlatformPrefix: invalid path prefix '/'"),
    ("MpcmsPlatformPrefix /OMS oms", "MpcmsPlatformPrefix: invalid path prefix '/OMS'"),
    ("MpcmsPlatformPrefix /a//b oms", "MpcmsPlatformPrefix: invalid path prefix '/a//b'"),
    ("MpcmsPlatformPrefix /oms Oms", "MpcmsPlatformPrefix: invalid platform code 'Oms'"),
    ("MpcmsPlatformPrefix /oms oms\n    MpcmsPlatformPrefix /oms loyalty",
     "MpcmsPlatformPrefix: path prefix '/oms' is already mapped to platform 'oms'"),
    ("MpcmsPlatformPrefix /oms", "MpcmsPlatformPrefix takes two arguments"),
    ("MpcmsPlatformDomain https://oms.lu oms",
     "MpcmsPlatformDomain: invalid domain 'https://oms.lu'"),
    ("MpcmsPlatformDomain *.oms.lu oms", "MpcmsPlatformDomain: invalid domain '*.oms.lu'"),
    ("MpcmsPlatformDomain oms.lu:443 oms", "MpcmsPlatformDomain: invalid domain 'oms.lu:443'"),
    ("MpcmsPlatformDomain localhost oms", "MpcmsPlatformDomain: invalid domain 'localhost'"),
    ("MpcmsPlatformDomain oms.lu 'o m s'", "MpcmsPlatformDomain: invalid platform code 'o m s'"),
    ("MpcmsPlatformDomain oms.lu oms\n    MpcmsPlatformDomain OMS.lu loyalty",
     "MpcmsPlatformDomain: domain 'OMS.lu' is already mapped to platform 'oms'"),
    ("MpcmsDefaultPlatform 'oms lu'", "MpcmsDefaultPlatform: invalid platform code 'oms lu'"),
    ("MpcmsDefaultPlatform " + "a" * 51, "MpcmsDefaultPlatform: invalid platform code"),
    ("MpcmsTemplateDir /nonexistent/templates",
     "MpcmsTemplateDir /nonexistent/templates: /nonexistent/templates/shared: "
     "cannot open template folder"),
    ("MpcmsPassThrough shop", "MpcmsPassThrough: invalid path prefix 'shop'"),
    ("MpcmsExplain maybe", "MpcmsExplain must be On or Off"),
    ("MpcmsEngine yes", "MpcmsEngine must be On or Off"),
    ("<Location /x>\n    MpcmsEngine On\n    </Location>",
     "MpcmsEngine not allowed in <Location> context"),
])
def test_invalid_directive_fails(body, expected):
    status, output = config_test(body)

    assert status != 0
    assert expected in output


def test_engine_without_templates_fails():
    base = BASE.replace(f"    MpcmsTemplateDir {SOURCE_DIR}/templates\n", "")

    status, output = config_test("", base=base)

    assert status != 0
    assert "MpcmsEngine is On but MpcmsTemplateDir is not set" in output


def test_engine_without_mod_dbd_fails():
    base = BASE.replace("LoadModule dbd_module /usr/lib/apache2/modules/mod_dbd.so\n", "")
    base = base.replace("DBDriver sqlite3\n", "").replace("DBDParams {runtime}/mpcms.db\n", "")

    status, output = config_test("", base=base)

    assert status != 0
    assert "mod_dbd is not loaded" in output


def write_templates(root, broken_name, broken_text):
    """Copies the shipped templates to root, replacing one file."""
    for source in (SOURCE_DIR / "templates").rglob("*.html"):
        target = root / source.relative_to(SOURCE_DIR / "templates")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.read_text())
    (root / broken_name).write_text(broken_text)


@pytest.mark.parametrize("name,text,expected", [
    ("oms/storefront.html", "<p>\n  {{page.titel}}</p>", "oms/storefront.html:2:3: unknown slot"),
    ("shared/platform.html", "{{#nav}}<a>", "shared/platform.html:1:1: section 'nav' is not closed"),
    ("loyalty/not_found.html", "{{{page.title}}}", "loyalty/not_found.html:1:1:"),
    ("oms/page.html", "x", "oms/page.html: unknown template file"),
])
def test_template_error_names_file_and_line(name, text, expected):
    with tempfile.TemporaryDirectory(prefix="mpcms-templates-") as folder:
        write_templates(pathlib.Path(folder), name, text)
        base = BASE.replace(f"{SOURCE_DIR}/templates", folder)

        status, output = config_test("", base=base)

    assert status != 0
    assert "MpcmsTemplateDir" in output
    assert expected in output


def test_shared_template_missing_fails():
    with tempfile.TemporaryDirectory(prefix="mpcms-templates-") as folder:
        write_templates(pathlib.Path(folder), "oms/extra.txt", "not a template")
        (pathlib.Path(folder) / "shared" / "not_found.html").unlink()
        base = BASE.replace(f"{SOURCE_DIR}/templates", folder)

        status, output = config_test("", base=base)

    assert status != 0
    assert "shared/not_found.html: missing template" in output


def test_valid_directives_pass():
    status, output = config_test("\n".join([
        "    MpcmsPlatformPrefix /oms oms",
        "    MpcmsPlatformPrefix /p/loyalty loyalty",
        "    MpcmsPlatformDomain OMS.lu oms",
        "    MpcmsPlatformDomain xn--bcher-kva.lu loyalty",
        "    MpcmsDefaultPlatform oms",
        "    MpcmsPassThrough /shop /static /api",
        "    MpcmsExplain Off",
        "    MpcmsHealthPath /-/health",
    ]))

    assert status == 0, output
