"""Make targets that act on the development runtime folder."""

import os
import subprocess

from mpcms_server import SOURCE_DIR


def reset_db(run_dir):
    return subprocess.run(["make", "-s", "-C", str(SOURCE_DIR), "reset-db",
                           f"RUN_DIR={run_dir}"], capture_output=True, text=True)


def test_reset_db_removes_database(tmp_path):
    (tmp_path / "mpcms.db").write_text("")
    (tmp_path / "mpcms.db-wal").write_text("")

    result = reset_db(tmp_path)

    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "mpcms.db").exists()
    assert not (tmp_path / "mpcms.db-wal").exists()


def test_reset_db_refuses_while_httpd_runs(tmp_path):
    # The pid of this test process stands for a running httpd.
    (tmp_path / "httpd.pid").write_text(f"{os.getpid()}\n")
    (tmp_path / "mpcms.db").write_text("")

    result = reset_db(tmp_path)

    assert result.returncode != 0
    assert "stop make run" in result.stderr
    assert (tmp_path / "mpcms.db").exists()
