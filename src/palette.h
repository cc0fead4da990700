/*
 * Colours of a platform's theme, read from its theme_config JSON, for
 * templates to use as CSS values.
 */
#ifndef MPCMS_PALETTE_H
#define MPCMS_PALETTE_H

#include <apr_pools.h>

typedef struct mpcms_palette {
    const char *primary_color; /* "#rgb" or "#rrggbb", or NULL */
    const char *accent_color;  /* as primary_color */
} mpcms_palette_t;

/*
 * Returns nonzero when value is a CSS hex colour of 3 or 6 digits, the
 * only form a template may write into a style sheet unescaped.
 */
int mpcms_palette_color_is_valid(const char *value);

/*
 * Reads "primary_color" and "accent_color" from theme_config, a JSON
 * object text or NULL, into *palette. A key that is missing, not a
 * string or not a valid colour is left NULL, and so is every key when
 * theme_config is not a JSON object.
 */
void mpcms_palette_read(mpcms_palette_t *palette, const char *theme_config,
                        apr_pool_t *pool);

#endif /* MPCMS_PALETTE_H */
