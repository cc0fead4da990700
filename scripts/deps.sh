#!/bin/sh
# Installs the Debian packages a make target needs.
#
# Usage: scripts/deps.sh GROUP...   (groups: build, run, test, postgres)
#
# As root, missing packages are installed with apt-get. Otherwise the exact
# apt-get line is printed and the script exits with status 1.
set -eu

packages_for() {
    case "$1" in
    # libsqlite3-dev and libpq-dev: mpcms-admin runs whole migration files
    # through the drivers' own libraries.
    build) echo "apache2-dev libapr1-dev libaprutil1-dev libjansson-dev libxml2-dev libssl-dev libglib2.0-dev libsqlite3-dev libpq-dev pkg-config gcc make" ;;
    run) echo "apache2 libaprutil1-dbd-sqlite3 sqlite3 tzdata" ;;
    # chromium, chromium-driver (same version) and python3-selenium run the
    # browser tests headless.
    test) echo "check python3 python3-pytest libaprutil1-dbd-sqlite3 sqlite3 clang-format tzdata chromium chromium-driver python3-selenium" ;;
    # The tests start a private PostgreSQL server and use psql.
    postgres) echo "postgresql-15 postgresql-client-15 libaprutil1-dbd-pgsql libpq-dev" ;;
    bench) echo "wrk" ;;
    valgrind) echo "valgrind" ;;
    *) echo "deps.sh: unknown package group '$1' (expected build, run, test, postgres, bench or valgrind)" >&2
       exit 2 ;;
    esac
}

wanted=""
for group in "$@"; do
    wanted="$wanted $(packages_for "$group")"
done

missing=""
for package in $wanted; do
    case " $missing " in *" $package "*) continue ;; esac
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    case "$status" in
    *"ok installed") ;;
    *) missing="$missing $package" ;;
    esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages:$missing" >&2
    echo "Install them with:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
fi

echo "Installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
# shellcheck disable=SC2086 # the package list is meant to split into words
apt-get install -y -q --no-install-recommends $missing >&2
