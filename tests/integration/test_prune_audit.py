"""mpcms-admin prune-audit: deletes audit log rows older than a number of
days and keeps the rest, on SQLite and PostgreSQL."""

import subprocess

import pytest

from mpcms_server import ADMIN

AUDIT_ROW = ("INSERT INTO audit_log (created_at, actor, action, entity, entity_key)"
             " VALUES ('{when}', 'root@example.com', 'update', 'platform', '{key}')")


def prune(server, *arguments):
    return subprocess.run([str(ADMIN), "prune-audit", *arguments, "--driver", server.driver,
                           "--params", str(server.params)], capture_output=True, text=True)


def audit_keys(server):
    return sorted(row[0] for row in server.sql("SELECT entity_key FROM audit_log"))


def test_prune_deletes_only_older_rows(scratch_server):
    server = scratch_server
    server.sql("DELETE FROM audit_log")
    server.sql(AUDIT_ROW.format(when="2001-01-01T00:00:00Z", key="old"))
    server.sql(AUDIT_ROW.format(when="2999-01-01T00:00:00Z", key="future"))

    result = prune(server, "--older-than", "30")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("deleted 1 audit log rows written before ")
    assert audit_keys(server) == ["future"]


@pytest.mark.parametrize("days", ["0", "-3", "abc", "1.5", "36501", ""])
def test_prune_rejects_invalid_days(scratch_server, days):
    result = prune(scratch_server, "--older-than", days)

    assert result.returncode == 2
    assert "invalid --older-than" in result.stderr


def test_prune_needs_older_than(scratch_server):
    result = prune(scratch_server)

    assert result.returncode == 2
    assert "prune-audit: --older-than DAYS is required" in result.stderr
    assert "usage:" not in result.stderr


@pytest.mark.sqlite_only
def test_prune_missing_sqlite_file_not_created(tmp_path):
    missing = tmp_path / "typo.db"

    result = subprocess.run([str(ADMIN), "prune-audit", "--older-than", "30",
                             "--driver", "sqlite3", "--params", str(missing)],
                            capture_output=True, text=True)

    assert result.returncode == 1
    assert f"no SQLite database at {missing}" in result.stderr
    assert not missing.exists()
