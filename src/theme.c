/* Loading template folders into themes. */
#include <apr_file_info.h>
#include <apr_file_io.h>
#include <apr_strings.h>
#include <stdlib.h>
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

#define VARIANT_PREFIX "storefront-"

int mpcms_variant_name_is_valid(const char *name)
{
    apr_size_t length = strlen(name);
    apr_size_t i;

    if (length == 0 || length > MPCMS_VARIANT_NAME_MAX) {
        return 0;
    }
    for (i = 0; i < length; i++) {
        char c = name[i];

        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
              || c == '-')) {
            return 0;
        }
    }
    return 1;
}

/*
 * Returns the variant name of a file storefront-{variant}.html, or NULL
 * when file_name has another form or an invalid variant name.
 */
static const char *variant_of(const char *file_name, apr_pool_t *pool)
{
    apr_size_t prefix = sizeof(VARIANT_PREFIX) - 1;
    const char *variant;

    if (strncmp(file_name, VARIANT_PREFIX, prefix) != 0) {
        return NULL;
    }
    variant =
        apr_pstrndup(pool, file_name + prefix, strlen(file_name) - prefix - 5);
    return mpcms_variant_name_is_valid(variant) ? variant : NULL;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

apr_array_header_t *mpcms_theme_variants(const mpcms_theme_t *theme,
                                         apr_pool_t *pool)
{
    apr_array_header_t *names = apr_array_make(
        pool, (int)apr_hash_count(theme->variants) + 1, sizeof(const char *));
    apr_hash_index_t *entry;

    for (entry = apr_hash_first(pool, theme->variants); entry != NULL;
         entry = apr_hash_next(entry)) {
        const void *key;

        apr_hash_this(entry, &key, NULL, NULL);
        APR_ARRAY_PUSH(names, const char *) = key;
    }
    qsort(names->elts, (size_t)names->nelts, sizeof(const char *),
          compare_names);
    return names;
}

const mpcms_template_t *mpcms_theme_storefront(const mpcms_theme_t *theme,
                                               const char *variant)
{
    const mpcms_template_t *chosen = NULL;

    if (variant != NULL) {
        chosen = apr_hash_get(theme->variants, variant, APR_HASH_KEY_STRING);
    }
    return chosen != NULL ? chosen
                          : theme->templates[MPCMS_TEMPLATE_STOREFRONT];
}

static apr_uint64_t generation_of(const mpcms_theme_t *theme, apr_pool_t *pool)
{
    /* Sorted, so that the digest does not depend on the hash order. */
    apr_array_header_t *variants = mpcms_theme_variants(theme, pool);
    apr_uint64_t digest = MPCMS_DIGEST_INIT;
    int kind;
    int i;

    for (kind = 0; kind < MPCMS_TEMPLATE_KINDS; kind++) {
        digest = mpcms_digest_int(
            digest, (apr_int64_t)mpcms_template_digest(theme->templates[kind]));
    }
    for (i = 0; i < variants->nelts; i++) {
        const char *name = APR_ARRAY_IDX(variants, i, const char *);

        digest = mpcms_digest_string(digest, name);
        digest = mpcms_digest_int(
            digest, (apr_int64_t)mpcms_template_digest(apr_hash_get(
                        theme->variants, name, APR_HASH_KEY_STRING)));
    }
    return digest;
}

/*
 * Loads the templates of one folder into theme. Kinds and variants the
 * folder does not have keep what theme already contains (the shared
 * templates).
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
        const char *variant;
        mpcms_template_t *loaded;
        int kind;

        if (entry.filetype != APR_REG || !has_html_suffix(entry.name)) {
            continue;
        }
        path = apr_pstrcat(pool, folder, "/", entry.name, NULL);
        kind = template_kind_of(entry.name);
        variant = kind < 0 ? variant_of(entry.name, pool) : NULL;
        if (kind < 0 && variant == NULL) {
            *error = mpcms_error_make(
                path, 0, 0, pool,
                "unknown template file; expected platform.html, "
                "storefront.html, not_found.html or "
                "storefront-{variant}.html with a variant of 1 to %d "
                "characters a-z, 0-9, '_' and '-'",
                MPCMS_VARIANT_NAME_MAX);
            rv = APR_EGENERAL;
            break;
        }
        rv = mpcms_template_load(&loaded, path, slots, error, pool);
        if (rv != APR_SUCCESS) {
            break;
        }
        if (kind >= 0) {
            theme->templates[kind] = loaded;
        }
        else {
            apr_hash_set(theme->variants, variant, APR_HASH_KEY_STRING, loaded);
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
    theme->variants = apr_hash_make(pool);
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
    theme->generation = generation_of(theme, pool);
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
        theme->variants = apr_hash_copy(pool, shared->variants);
        rv = load_folder(theme,
                         apr_pstrcat(pool, directory, "/", entry.name, NULL),
                         slots, error, pool);
        if (rv != APR_SUCCESS) {
            break;
        }
        theme->generation = generation_of(theme, pool);
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
