# Compiler and apxs settings shared by the module build and the unit tests.
#
# The module is built by apxs (libtool underneath). The core sources in src/
# that include no httpd header are also compiled directly with $(CC) into
# the Check runner, so the same files serve httpd and the tests.

APXS ?= apxs
PKG_CONFIG ?= pkg-config

# Libraries the core links against: jansson for JSON, libxml2 for HTML,
# OpenSSL's libcrypto for SHA-256 and constant-time comparison, GLib for
# time zones (GTimeZone reads the system's tz database).
CORE_PKGS := jansson libxml-2.0 libcrypto glib-2.0

WARN_CFLAGS := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wno-unused-parameter

# Set WERROR=1 to turn warnings into errors (CI does).
ifeq ($(WERROR),1)
WARN_CFLAGS += -Werror
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(CORE_PKGS) 2>/dev/null)

comma := ,

# apxs passes compiler flags with -Wc, and linker flags with -Wl, or as-is.
APXS_CFLAGS := $(addprefix -Wc$(comma),$(WARN_CFLAGS) $(PKG_CFLAGS)) -Wc,-Isrc
APXS_LIBS := $(PKG_LIBS)


# mpcms-admin and the unit tests also run whole SQL files through the
# drivers' own libraries (src/script.c), which the module does not link.
SCRIPT_PKGS := sqlite3 libpq

TOOL_PKGS := apr-1 apr-util-1 $(CORE_PKGS) $(SCRIPT_PKGS)
TOOL_CFLAGS := -g -O2 $(WARN_CFLAGS) -Isrc \
	$(shell $(PKG_CONFIG) --cflags $(TOOL_PKGS) 2>/dev/null)
TOOL_LIBS := $(shell $(PKG_CONFIG) --libs $(TOOL_PKGS) 2>/dev/null)

UNIT_PKGS := apr-1 apr-util-1 check $(CORE_PKGS) $(SCRIPT_PKGS)
UNIT_CFLAGS := -g -O1 $(WARN_CFLAGS) -Isrc \
	$(shell $(PKG_CONFIG) --cflags $(UNIT_PKGS) 2>/dev/null)
UNIT_LIBS := $(shell $(PKG_CONFIG) --libs $(UNIT_PKGS) 2>/dev/null)
ASAN_CFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer
