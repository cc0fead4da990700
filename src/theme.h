/*
 * Themes: the page templates of one platform, loaded from a folder named
 * after the platform's code, with the folder "shared" as the fallback for
 * every platform and for every file a platform folder leaves out.
 *
 *   templates/shared/{platform,storefront,not_found}.html   (all required)
 *   templates/oms/storefront.html                           (any subset)
 *   templates/{shared,oms}/storefront-{variant}.html         (optional)
 *
 * A variant is a second layout for vendor pages that a page selects by
 * name in its template column ("wide" selects storefront-wide.html). A
 * theme offers the shared folder's variants plus its own, and a page that
 * names a variant its theme lacks gets storefront.html.
 *
 * Themes are loaded once, at configuration time, and are read-only after.
 */
#ifndef MPCMS_THEME_H
#define MPCMS_THEME_H

#include <apr_hash.h>
#include <apr_tables.h>

#include "error.h"
#include "template.h"

#define MPCMS_THEME_SHARED "shared"

/* A folder of the template directory that is no theme: the admin area's. */
#define MPCMS_THEME_ADMIN "admin"

/* Maximum length of a layout variant name, as the schema allows. */
#define MPCMS_VARIANT_NAME_MAX 50

typedef enum {
    MPCMS_TEMPLATE_PLATFORM,   /* platform.html: a marketing page */
    MPCMS_TEMPLATE_STOREFRONT, /* storefront.html: a vendor's page */
    MPCMS_TEMPLATE_NOT_FOUND,  /* not_found.html: the 404 page */
    MPCMS_TEMPLATE_KINDS
} mpcms_template_kind_e;

typedef struct mpcms_theme {
    const char *name; /* folder name: a platform code, or "shared" */
    const mpcms_template_t *templates[MPCMS_TEMPLATE_KINDS];
    apr_hash_t *variants;    /* variant name -> storefront template */
    apr_uint64_t generation; /* changes whenever one of its templates does */
} mpcms_theme_t;

typedef struct mpcms_themes {
    const char *directory;
    const mpcms_theme_t *shared;
    apr_hash_t *by_platform; /* platform code -> const mpcms_theme_t * */
} mpcms_themes_t;

/*
 * Loads every theme below directory, compiling each template against
 * slots. Fails, with the file, line and column in *error, when shared/ is
 * missing a template, when a template does not compile, or when a folder
 * contains an .html file that is not one of the three template names or
 * storefront-{variant}.html with a valid variant name.
 */
apr_status_t mpcms_themes_load(mpcms_themes_t **themes, const char *directory,
                               const mpcms_slot_t *slots, mpcms_error_t **error,
                               apr_pool_t *pool);

/* Returns the theme of a platform, or the shared theme when it has none. */
const mpcms_theme_t *mpcms_themes_for(const mpcms_themes_t *themes,
                                      const char *platform_code);

/* Returns the file name of a template kind: "platform.html"... */
const char *mpcms_template_file_name(mpcms_template_kind_e kind);

/*
 * Returns the template that renders a vendor page with layout variant
 * (NULL for none): storefront-{variant}.html when the theme has it, else
 * storefront.html.
 */
const mpcms_template_t *mpcms_theme_storefront(const mpcms_theme_t *theme,
                                               const char *variant);

/*
 * Returns the layout variants of a theme as a sorted array of const char
 * *, for a page editor to offer. Allocated from pool.
 */
apr_array_header_t *mpcms_theme_variants(const mpcms_theme_t *theme,
                                         apr_pool_t *pool);

/*
 * Returns 1 when name is a valid variant name: 1 to MPCMS_VARIANT_NAME_MAX
 * characters of a-z, 0-9, '_' and '-'.
 */
int mpcms_variant_name_is_valid(const char *name);

#endif /* MPCMS_THEME_H */
