/*
 * Rendering a resolved page (or its 404) with the platform's theme, and
 * the page's ETag.
 */
#ifndef MPCMS_RENDER_H
#define MPCMS_RENDER_H

#include "resolve.h"
#include "template.h"
#include "theme.h"

/* The values a page template may use; see docs/TEMPLATES.md. */
extern const mpcms_slot_t mpcms_page_slots[];

typedef struct mpcms_response {
    int status;        /* 200, or 404 when nothing answered */
    const char *body;  /* NUL-terminated HTML */
    apr_size_t length; /* of body, without the NUL */
    const char *etag;  /* strong, quoted; NULL on a 404 */
} mpcms_response_t;

/*
 * Renders the resolution of route. canonical_url is the absolute URL of
 * the page. The body and ETag are allocated from pool.
 */
apr_status_t mpcms_render(mpcms_response_t *response,
                          const mpcms_themes_t *themes,
                          const mpcms_resolution_t *resolution,
                          const mpcms_route_t *route, const char *canonical_url,
                          mpcms_error_t **error, apr_pool_t *pool);

/*
 * Builds the strong ETag of a rendered page from what answered: the page
 * id and version, the chain step, the theme generation, the platform's and
 * vendor's versions, the canonical URL, and the id and version of every
 * page in navigation.
 * Deleting an override changes the step and the page id, so a client never
 * gets a 304 for the content it replaced.
 */
const char *mpcms_etag_make(const mpcms_resolution_t *resolution,
                            const apr_array_header_t *navigation,
                            apr_uint64_t theme_generation,
                            const char *canonical_url, apr_pool_t *pool);

#endif /* MPCMS_RENDER_H */
