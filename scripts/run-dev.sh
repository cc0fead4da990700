#!/bin/sh
# Runs httpd in the foreground with mod_mpcms, the development
# configuration and the demo SQLite database. Ctrl-C stops it.
#
# Environment: RUN_DIR (default /var/tmp/mpcms-dev), PORT (default 9999).
set -eu

source_dir=$(cd "$(dirname "$0")/.." && pwd)
run_dir=${RUN_DIR:-/var/tmp/mpcms-dev}
port=${PORT:-9999}
database=$run_dir/mpcms.db

# httpd's children run as an unprivileged user when httpd starts as root;
# that user must be able to write the database and its folder.
mkdir -p "$run_dir/htdocs"
chmod 0755 "$run_dir"
"$source_dir/scripts/create-db.sh" "$database"

as_root=""
if [ "$(id -u)" -eq 0 ]; then
    as_root="-DMPCMS_AS_ROOT"
    chown www-data:www-data "$run_dir" "$database"
    chown www-data:www-data "$database"-* 2>/dev/null || true
fi

export MPCMS_MODULE="$source_dir/.libs/mod_mpcms.so"
export MPCMS_SOURCE="$source_dir"
export MPCMS_RUN_DIR="$run_dir"
export MPCMS_DBD_DRIVER=sqlite3
export MPCMS_DBD_PARAMS="$database"
export MPCMS_PORT="$port"
export MPCMS_ERROR_LOG=/dev/stderr
export MPCMS_ACCESS_LOG=/dev/stdout
export MPCMS_USER=www-data
export MPCMS_GROUP=www-data

# The admin area needs a super admin, which only mpcms-admin creates.
admins=$(sqlite3 "$database" \
    "SELECT count(*) FROM users WHERE role = 'super_admin' AND is_active" 2>/dev/null || echo 0)
if [ "$admins" = 0 ]; then
    admin_hint="no super admin yet; create one (it asks for the password):
    $source_dir/build/mpcms-admin create-admin --email you@example.com \\
        --driver sqlite3 --params $database"
else
    admin_hint="$admins super admin(s); log in with your e-mail address"
fi

# The vendor dashboards need vendor users, which the demo data has none of.
vendor_users=$(sqlite3 "$database" \
    "SELECT count(*) FROM users WHERE role = 'vendor_user' AND is_active" 2>/dev/null || echo 0)
if [ "$vendor_users" = 0 ]; then
    vendor_hint="no vendor user yet; create one of wizamart (it asks for the password):
    $source_dir/build/mpcms-admin create-vendor-user --email owner@wizamart.test \\
        --vendor wizamart --driver sqlite3 --params $database
    or as a super admin at http://localhost:$port/admin/users/new"
else
    vendor_hint="$vendor_users vendor user(s); log in with your e-mail address"
fi

cat <<INFO
mod_mpcms development server
  database: $database  (reset: make reset-db)
  logs:     this terminal; Ctrl-C stops the server

  http://localhost:$port/oms/                      OMS homepage
  http://localhost:$port/oms/pricing               OMS pricing page
  http://localhost:$port/loyalty/                  Loyalty homepage
  http://localhost:$port/oms/vendors/wizamart/about    wizamart's own About page
  http://localhost:$port/oms/vendors/luxbakery/about   the OMS default About page
  http://localhost:$port/oms/vendors/wizamart/no-such-page   404 in the OMS theme
  http://localhost:$port/loyalty/vendors/wizamart/     wizamart's loyalty storefront

  http://localhost:$port/admin/                    the super admin area:
    $admin_hint

  http://localhost:$port/oms/vendor/wizamart/dashboard   wizamart's vendor dashboard
  (Business plan; luxbakery is on Essential, gardenworld on Professional):
    $vendor_hint

INFO

exec /usr/sbin/apache2 -f "$source_dir/conf/mpcms-dev.conf" -DFOREGROUND $as_root
