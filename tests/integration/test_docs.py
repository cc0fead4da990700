"""Checks that keep the documentation true to the code."""

import re

from mpcms_server import SOURCE_DIR

DIRECTIVE = re.compile(r'AP_INIT_[A-Z0-9]+\(\s*"(Mpcms\w+)"')
LOG_TAG = re.compile(r"MPCMS\d{5}")


def directives():
    return DIRECTIVE.findall((SOURCE_DIR / "mod_mpcms.c").read_text())


def source_files():
    return [SOURCE_DIR / "mod_mpcms.c", *sorted((SOURCE_DIR / "src").glob("*.c"))]


def test_directive_table_is_found():
    assert len(directives()) >= 7


def test_every_directive_in_readme():
    readme = (SOURCE_DIR / "README.md").read_text()

    missing = [name for name in directives() if f"`{name}" not in readme]
    assert missing == []


def test_every_directive_in_configuration_guide():
    guide = (SOURCE_DIR / "docs" / "CONFIGURATION.md").read_text()

    missing = [name for name in directives() if f"### {name}" not in guide]
    assert missing == []


def test_log_tags_are_unique():
    seen = {}
    for path in source_files():
        for tag in LOG_TAG.findall(path.read_text()):
            assert tag not in seen, f"{tag} used in {seen[tag]} and {path.name}"
            seen[tag] = path.name
    assert seen


def test_log_tags_are_documented():
    guide = (SOURCE_DIR / "docs" / "CONFIGURATION.md").read_text()
    tags = {tag for path in source_files() for tag in LOG_TAG.findall(path.read_text())}

    missing = sorted(tag for tag in tags if f"| {tag} |" not in guide)
    assert missing == []
