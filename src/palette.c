/* Colours of a platform's theme_config. */
#include <apr_lib.h>
#include <apr_strings.h>
#include <jansson.h>
#include <string.h>

#include "palette.h"

int mpcms_palette_color_is_valid(const char *value)
{
    apr_size_t length;
    apr_size_t i;

    if (value == NULL || value[0] != '#') {
        return 0;
    }
    length = strlen(value + 1);
    if (length != 3 && length != 6) {
        return 0;
    }
    for (i = 1; i <= length; i++) {
        if (!apr_isxdigit(value[i])) {
            return 0;
        }
    }
    return 1;
}

static const char *read_color(json_t *config, const char *key, apr_pool_t *pool)
{
    const char *value = json_string_value(json_object_get(config, key));

    return mpcms_palette_color_is_valid(value) ? apr_pstrdup(pool, value)
                                               : NULL;
}

void mpcms_palette_read(mpcms_palette_t *palette, const char *theme_config,
                        apr_pool_t *pool)
{
    json_t *config;

    palette->primary_color = NULL;
    palette->accent_color = NULL;
    if (theme_config == NULL) {
        return;
    }
    config = json_loads(theme_config, JSON_REJECT_DUPLICATES, NULL);
    if (json_is_object(config)) {
        palette->primary_color = read_color(config, "primary_color", pool);
        palette->accent_color = read_color(config, "accent_color", pool);
    }
    json_decref(config);
}
