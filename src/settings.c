/* Creating and merging per-server settings. */
#include "settings.h"

mpcms_settings_t *mpcms_settings_make(apr_pool_t *pool)
{
    mpcms_settings_t *settings = apr_pcalloc(pool, sizeof(*settings));

    settings->engine = MPCMS_UNSET;
    settings->explain = MPCMS_UNSET;
    return settings;
}

static apr_array_header_t *concatenate(apr_pool_t *pool,
                                       const apr_array_header_t *first,
                                       const apr_array_header_t *second)
{
    if (first == NULL) {
        return (apr_array_header_t *)second;
    }
    if (second == NULL) {
        return (apr_array_header_t *)first;
    }
    return apr_array_append(pool, first, second);
}

mpcms_settings_t *mpcms_settings_merge(const mpcms_settings_t *base,
                                       const mpcms_settings_t *add,
                                       apr_pool_t *pool)
{
    mpcms_settings_t *merged = mpcms_settings_make(pool);

    merged->engine = add->engine != MPCMS_UNSET ? add->engine : base->engine;
    merged->explain =
        add->explain != MPCMS_UNSET ? add->explain : base->explain;

    merged->routing.prefixes =
        concatenate(pool, add->routing.prefixes, base->routing.prefixes);
    merged->routing.domains =
        concatenate(pool, add->routing.domains, base->routing.domains);
    merged->routing.default_platform = add->routing.default_platform
                                           ? add->routing.default_platform
                                           : base->routing.default_platform;

    /* The directory and the themes loaded from it travel together. */
    if (add->template_dir != NULL) {
        merged->template_dir = add->template_dir;
        merged->themes = add->themes;
    }
    else {
        merged->template_dir = base->template_dir;
        merged->themes = base->themes;
    }

    merged->pass_through =
        add->pass_through ? add->pass_through : base->pass_through;
    merged->health_path =
        add->health_path ? add->health_path : base->health_path;
    return merged;
}

const char *mpcms_settings_health_path(const mpcms_settings_t *settings)
{
    if (settings->health_path == NULL || settings->health_path[0] == '\0') {
        return NULL;
    }
    return settings->health_path;
}

int mpcms_settings_engine_on(const mpcms_settings_t *settings)
{
    return settings->engine == 1;
}

int mpcms_settings_explain_on(const mpcms_settings_t *settings)
{
    return settings->explain == 1;
}

void mpcms_settings_finalize(mpcms_settings_t *settings, apr_pool_t *pool)
{
    if (settings->pass_through == NULL) {
        settings->pass_through = apr_array_make(pool, 2, sizeof(const char *));
        APR_ARRAY_PUSH(settings->pass_through, const char *) = "/shop";
        APR_ARRAY_PUSH(settings->pass_through, const char *) = "/static";
    }
}
