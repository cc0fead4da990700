/*
 * Operations of the vendor dashboard on a storefront's pages. Each runs in
 * one transaction with its checks, on the store's connection, and is
 * restricted to the membership's vendor and platform.
 *
 * Each change also records an audit row (accounts.h) in its transaction:
 * entity "vendor_page" with the action override, update, revert, create
 * or delete and the page as it was and became, or entity "hidden_page"
 * with hide or show. The key is "{platform}/{vendor}/{slug}", and actor
 * names who made the change. A request that changes nothing writes no
 * row, the audit row included.
 *
 * Results: APR_SUCCESS; a refusal status of dashboard.h with *refusal
 * saying why (MPCMS_ENOTFOUND, MPCMS_EFEATURE, MPCMS_ELIMIT,
 * MPCMS_ECONFLICT, MPCMS_EINVALID); or, when the database failed,
 * MPCMS_EUNAVAILABLE or APR_EGENERAL with the statement in
 * (*refusal)->error.source.
 *
 * Tier rules (tiers.h) are read again inside each write transaction, with
 * the membership row locked on PostgreSQL, so a request that raced a
 * downgrade or another request of the same vendor cannot exceed a limit.
 */
#ifndef MPCMS_VENDOR_PAGES_H
#define MPCMS_VENDOR_PAGES_H

#include "accounts.h"
#include "dashboard.h"
#include "sanitize.h"

/* Maximum length of a title in characters, as the schema allows. */
#define MPCMS_TITLE_MAX 200

/* Maximum length of meta_description and meta_keywords, in characters. */
#define MPCMS_META_MAX 500

/*
 * Fields of a page form. NULL leaves a field unchanged on an edit; an
 * empty string clears an optional field. A field whose feature the tier
 * lacks is rejected when it is present at all, so a form must leave out
 * the controls whose feature mpcms_membership_has reports as missing. The
 * exception is publish_at on an edit (see mpcms_vendor_page_edit).
 */
typedef struct mpcms_page_input {
    const char *title;   /* 1 to MPCMS_TITLE_MAX characters on one line */
    const char *content; /* HTML; passes mpcms_sanitize_html */
    const char *meta_description; /* needs cms_seo */
    const char *meta_keywords;    /* needs cms_seo */
    const char *template;         /* a layout variant; needs cms_templates */
    /* Wall-clock time in the platform's time zone, "2026-03-29T08:00" or
     * with seconds; needs cms_scheduling. */
    const char *publish_at;
    int is_published; /* 1 or 0; -1 leaves it unchanged */
} mpcms_page_input_t;

/* Result of a successful edit or create. */
typedef struct mpcms_page_outcome {
    /* 0 when the request matched the stored page, so that nothing was
     * written: no version change and no audit row. */
    int changed;
    /* Counts of what the sanitizer removed from the content. */
    mpcms_sanitize_report_t removed;
} mpcms_page_outcome_t;

/*
 * Checks a slug for a new custom page: 1 to 100 characters of a-z, 0-9,
 * '_' and '-', and not reserved. MPCMS_EINVALID names the field "slug".
 */
apr_status_t mpcms_vendor_slug_check(const char *slug,
                                     mpcms_refusal_t **refusal,
                                     apr_pool_t *pool);

/*
 * Returns 1 for the slugs a vendor cannot use because a path with that
 * first segment is something else on a storefront or a vendor's domain:
 * admin, api, assets, login, logout, platform_homepage, shop, static,
 * vendor and vendors.
 */
int mpcms_slug_is_reserved(const char *slug);

/*
 * Copies the platform's default under slug into a vendor page (title,
 * content, SEO fields, navigation flag and order, and template), which
 * the storefront then serves in its place. The copy is published without
 * a publish time even when the default is unpublished or scheduled. Needs
 * a free page under the tier's page limit. *page_id gets the new page's
 * id.
 */
apr_status_t
mpcms_vendor_page_override(apr_int64_t *page_id, mpcms_store_t *store,
                           const mpcms_membership_t *membership,
                           const mpcms_actor_t *actor, const char *slug,
                           mpcms_refusal_t **refusal, apr_pool_t *pool);

/*
 * Changes the vendor's page under slug (an override or a custom page).
 * The content is stored as mpcms_sanitize_html returns it, and
 * outcome->removed counts what it removed. A request that leaves the page
 * as it was writes nothing and sets outcome->changed to 0. outcome may be
 * NULL.
 *
 * A tier without cms_scheduling may still send publish_at when it clears
 * the stored time (empty) or repeats it, so that a page that kept a
 * publish time from an earlier plan can be saved and published. Any other
 * time is MPCMS_EFEATURE.
 */
apr_status_t
mpcms_vendor_page_edit(mpcms_page_outcome_t *outcome, mpcms_store_t *store,
                       const mpcms_membership_t *membership,
                       const mpcms_actor_t *actor, const char *slug,
                       const mpcms_page_input_t *input,
                       mpcms_refusal_t **refusal, apr_pool_t *pool);

/*
 * Deletes the override under slug, so the default shows again.
 * MPCMS_ECONFLICT when slug is a custom page (delete it instead).
 */
apr_status_t mpcms_vendor_page_revert(mpcms_store_t *store,
                                      const mpcms_membership_t *membership,
                                      const mpcms_actor_t *actor,
                                      const char *slug,
                                      mpcms_refusal_t **refusal,
                                      apr_pool_t *pool);

/*
 * Adds a custom page under slug. Needs cms_custom_pages, a free page and a
 * free custom page. title is required. *page_id gets the new page's id,
 * and outcome, when not NULL, what the sanitizer removed.
 */
apr_status_t mpcms_vendor_page_create(
    apr_int64_t *page_id, mpcms_page_outcome_t *outcome, mpcms_store_t *store,
    const mpcms_membership_t *membership, const mpcms_actor_t *actor,
    const char *slug, const mpcms_page_input_t *input,
    mpcms_refusal_t **refusal, apr_pool_t *pool);

/*
 * Deletes the custom page under slug. MPCMS_ECONFLICT when slug is an
 * override (revert it instead).
 */
apr_status_t mpcms_vendor_page_delete(mpcms_store_t *store,
                                      const mpcms_membership_t *membership,
                                      const mpcms_actor_t *actor,
                                      const char *slug,
                                      mpcms_refusal_t **refusal,
                                      apr_pool_t *pool);

/*
 * Checks that the requested action may remove the vendor's page under
 * slug. Reverting (want_override set) needs an override (is_override
 * set), and deleting needs a custom page. MPCMS_ECONFLICT names the
 * action to use instead.
 */
apr_status_t mpcms_vendor_removal_check(const char *slug, int is_override,
                                        int want_override,
                                        mpcms_refusal_t **refusal,
                                        apr_pool_t *pool);

/*
 * Hides the default under slug from the storefront (hidden is 1) or shows
 * it again (hidden is 0). *changed is 0 when the default already was so;
 * then nothing is written, no audit row either. changed may be NULL.
 *
 * Hiding a slug that the vendor's own page serves (an override or a
 * custom page) is MPCMS_ECONFLICT. So is showing it, unless the slug has
 * a hidden row: a default hidden before it was overridden can be shown
 * again.
 */
apr_status_t mpcms_vendor_page_hide(int *changed, mpcms_store_t *store,
                                    const mpcms_membership_t *membership,
                                    const mpcms_actor_t *actor,
                                    const char *slug, int hidden,
                                    mpcms_refusal_t **refusal,
                                    apr_pool_t *pool);

/*
 * Converts a publish time from the dashboard (wall-clock time in zone
 * name, "2026-03-29T08:00" or "2026-03-29T08:00:00") into the stored UTC
 * form. A time that the clocks skip (a DST gap) is rejected, and a time
 * they show twice means the first of the two. MPCMS_EINVALID names the
 * field "publish_at".
 */
apr_status_t mpcms_vendor_publish_time(const char **utc, const char *local,
                                       const char *zone_name,
                                       mpcms_refusal_t **refusal,
                                       apr_pool_t *pool);

#endif /* MPCMS_VENDOR_PAGES_H */
