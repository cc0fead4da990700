/* Loading template folders into themes. */
#include <apr_file_info.h>
#include <apr_file_io.h>
#include <apr_strings.h>
#include <string.h>

#include "digest.h"
#include "names.h"
#include "theme.h"

static const char *const file_names[MPCMS_TEMPLATE_KINDS] = {
    [MPCMS_TEMPLATE_PLATFORM] = "platform.html",
    [MPCMS_TEMPLATE_STOREFRONT] = "storefront.html",
    [MPCMS_TEMPLATE_NOT_FOUND] = "not_found.html",
};

const char *mpcms_template_file_name(mpcms_template_kind_e kind)
{
    return file_names[kind];
}

static int template_kind_of(const char *file_name)
{
    int kind;

    for (kind = 0; kind < MPCMS_TEMPLATE_KINDS; kind++) {
        if (strcmp(file_name, file_names[kind]) == 0) {
            return kind;
        }
    }
    return -1;
}

static int has_html_suffix(const char *name)
{
    apr_size_t length = strlen(name);

    return length > 5 && strcmp(name + length - 5, ".html") == 0;
}

static apr_uint64_t generation_of(const mpcms_theme_t *theme)
{
    apr_uint64_t digest = MPCMS_DIGEST_INIT;
    int kind;

    for (kind = 0; kind < MPCMS_TEMPLATE_KINDS; kind++) {
        digest = mpcms_digest_int(
            digest, (apr_int64_t)mpcms_template_digest(theme->templates[kind]));
    }
    return digest;
}

/*
 * Loads the templates of one folder into theme. Kinds the folder does not
 * have keep what theme already holds (the shared templates).
 */
static apr_status_t load_folder(mpcms_theme_t *theme, const char *folder,
                                const mpcms_slot_t *slots,
                                mpcms_error_t **error, apr_pool_t *pool)
{
    apr_dir_t *dir;
    apr_finfo_t entry;
    apr_status_t rv;
    char reason[120];

    rv = apr_dir_open(&dir, folder, pool);
    if (rv != APR_SUCCESS) {
        *error = mpcms_error_make(folder, 0, 0, pool,
                                  "cannot open template folder: %s",
                                  apr_strerror(rv, reason, sizeof(reason)));
        return rv;
    }

    while (apr_dir_read(&entry, APR_FINFO_NAME | APR_FINFO_TYPE, dir)
           == APR_SUCCESS) {
        const char *path;
        int kind;

        if (entry.filetype != APR_REG || !has_html_suffix(entry.name)) {
            continue;
        }
        path = apr_pstrcat(pool, folder, "/", entry.name, NULL);
        kind = template_kind_of(entry.name);
        if (kind < 0) {
            *error = mpcms_error_make(
                path, 0, 0, pool,
                "unknown template file; expected platform.html, "
                "storefront.html or not_found.html");
            rv = APR_EGENERAL;
            break;
        }
        rv = mpcms_template_load((mpcms_template_t **)&theme->templates[kind],
                                 path, slots, error, pool);
        if (rv != APR_SUCCESS) {
            break;
        }
    }

    apr_dir_close(dir);
    return rv;
}

static apr_status_t load_shared(mpcms_theme_t **shared, const char *directory,
                                const mpcms_slot_t *slots,
                                mpcms_error_t **error, apr_pool_t *pool)
{
    const char *folder =
        apr_pstrcat(pool, directory, "/", MPCMS_THEME_SHARED, NULL);
    mpcms_theme_t *theme = apr_pcalloc(pool, sizeof(*theme));
    apr_status_t rv;
    int kind;

    theme->name = MPCMS_THEME_SHARED;
    rv = load_folder(theme, folder, slots, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    for (kind = 0; kind < MPCMS_TEMPLATE_KINDS; kind++) {
        if (theme->templates[kind] == NULL) {
            *error = mpcms_error_make(
                apr_pstrcat(pool, folder, "/", file_names[kind], NULL), 0, 0,
                pool,
                "missing template: the shared folder must have "
                "platform.html, storefront.html and not_found.html");
            return APR_ENOENT;
        }
    }
    theme->generation = generation_of(theme);
    *shared = theme;
    return APR_SUCCESS;
}

apr_status_t mpcms_themes_load(mpcms_themes_t **themes, const char *directory,
                               const mpcms_slot_t *slots, mpcms_error_t **error,
                               apr_pool_t *pool)
{
    mpcms_themes_t *loaded = apr_pcalloc(pool, sizeof(*loaded));
    mpcms_theme_t *shared = NULL;
    apr_dir_t *dir;
    apr_finfo_t entry;
    apr_status_t rv;
    char reason[120];

    *themes = NULL;
    loaded->directory = apr_pstrdup(pool, directory);
    loaded->by_platform = apr_hash_make(pool);

    rv = load_shared(&shared, directory, slots, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    loaded->shared = shared;

    rv = apr_dir_open(&dir, directory, pool);
    if (rv != APR_SUCCESS) {
        *error = mpcms_error_make(directory, 0, 0, pool,
                                  "cannot open template folder: %s",
                                  apr_strerror(rv, reason, sizeof(reason)));
        return rv;
    }

    /* Every other folder named like a platform code is that platform's theme. */
    while (apr_dir_read(&entry, APR_FINFO_NAME | APR_FINFO_TYPE, dir)
           == APR_SUCCESS) {
        mpcms_theme_t *theme;

        /* "admin" holds the admin area's templates (admin.h). */
        if (entry.filetype != APR_DIR
            || strcmp(entry.name, MPCMS_THEME_SHARED) == 0
            || strcmp(entry.name, MPCMS_THEME_ADMIN) == 0
            || !mpcms_code_is_valid(entry.name)) {
            continue;
        }
        theme = apr_pmemdup(pool, shared, sizeof(*theme));
        theme->name = apr_pstrdup(pool, entry.name);
        rv = load_folder(theme,
                         apr_pstrcat(pool, directory, "/", entry.name, NULL),
                         slots, error, pool);
        if (rv != APR_SUCCESS) {
            break;
        }
        theme->generation = generation_of(theme);
        apr_hash_set(loaded->by_platform, theme->name, APR_HASH_KEY_STRING,
                     theme);
    }
    apr_dir_close(dir);

    if (rv == APR_SUCCESS) {
        *themes = loaded;
    }
    return rv;
}

const mpcms_theme_t *mpcms_themes_for(const mpcms_themes_t *themes,
                                      const char *platform_code)
{
    const mpcms_theme_t *theme = NULL;

    if (platform_code != NULL) {
        theme = apr_hash_get(themes->by_platform, platform_code,
                             APR_HASH_KEY_STRING);
    }
    return theme != NULL ? theme : themes->shared;
}
