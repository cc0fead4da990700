/*
 * Reading the candidate pages of a storefront or a platform from the
 * database, for the fallback chain to choose from.
 */
#ifndef MPCMS_PAGES_H
#define MPCMS_PAGES_H

#include "chain.h"
#include "error.h"
#include "store.h"

/*
 * Loads the vendor's own pages and the platform's defaults for vendors
 * (vendor_id > 0), or the platform's marketing pages (vendor_id 0), as an
 * array of mpcms_page_t. Bodies are read only for slug and alias (alias
 * may equal slug). A page whose publish_at is later than now is read as
 * unpublished. Allocated from pool.
 */
apr_status_t mpcms_pages_load(apr_array_header_t **pages, mpcms_store_t *store,
                              apr_int64_t platform_id, apr_int64_t vendor_id,
                              const char *slug, const char *alias,
                              apr_time_t now, mpcms_error_t **error,
                              apr_pool_t *pool);

/* Converts rows of the storefront or platform page query to mpcms_page_t. */
apr_array_header_t *mpcms_pages_read(const mpcms_rows_t *rows,
                                     apr_pool_t *pool);

#endif /* MPCMS_PAGES_H */
