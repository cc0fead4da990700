/*
 * Subscription tiers as the vendor dashboard applies them: CMS features,
 * page limits, and the tier a vendor would need for an action its own
 * tier does not allow.
 *
 * Every vendor page on a platform counts toward the total page limit,
 * published or not. A vendor page whose slug matches one of the
 * platform's default pages is an override; any other is a custom page,
 * which also counts toward the custom page limit. Hiding a default counts
 * toward nothing. A vendor above a limit after a downgrade keeps its
 * pages, and only the actions that add a page are refused until it is
 * back under the limit.
 */
#ifndef MPCMS_TIERS_H
#define MPCMS_TIERS_H

#include <apr_pools.h>

/* CMS features of a tier, as flags; the names are those of tier_features. */
typedef enum {
    MPCMS_FEATURE_BASIC = 1 << 0,           /* cms_basic */
    MPCMS_FEATURE_CUSTOM_PAGES = 1 << 1,    /* cms_custom_pages */
    MPCMS_FEATURE_SEO = 1 << 2,             /* cms_seo */
    MPCMS_FEATURE_TEMPLATES = 1 << 3,       /* cms_templates */
    MPCMS_FEATURE_UNLIMITED_PAGES = 1 << 4, /* cms_unlimited_pages */
    MPCMS_FEATURE_SCHEDULING = 1 << 5       /* cms_scheduling */
} mpcms_feature_e;

/* Limit value of a tier whose limit column is NULL. */
#define MPCMS_UNLIMITED (-1)

typedef struct mpcms_tier {
    apr_int64_t id;
    const char *code;
    const char *name;
    int sort_order;
    int pages_limit;        /* MPCMS_UNLIMITED for no limit */
    int custom_pages_limit; /* MPCMS_UNLIMITED for no limit */
    unsigned features;      /* mpcms_feature_e flags */
} mpcms_tier_t;

/* A vendor's pages on one platform. */
typedef struct mpcms_usage {
    int pages;        /* every vendor page */
    int custom_pages; /* vendor pages without a default of the same slug */
} mpcms_usage_t;

/* The actions that add a vendor page. */
typedef enum {
    MPCMS_ACTION_OVERRIDE,     /* copy a default into a vendor page */
    MPCMS_ACTION_CREATE_CUSTOM /* add a page with a slug of its own */
} mpcms_page_action_e;

/* What stops an action. */
typedef enum {
    MPCMS_LIMIT_NONE = 0,     /* nothing: the action is allowed */
    MPCMS_LIMIT_FEATURE,      /* the tier lacks cms_custom_pages */
    MPCMS_LIMIT_PAGES,        /* the total page limit is reached */
    MPCMS_LIMIT_CUSTOM_PAGES, /* the custom page limit is reached */
    MPCMS_LIMIT_NO_TIER       /* the membership has no tier */
} mpcms_limit_e;

typedef struct mpcms_limit_check {
    mpcms_limit_e limit;
    /* Lowest active tier by sort_order, above the current one, that allows
     * the action with the same usage; NULL when none does. */
    const mpcms_tier_t *upgrade;
} mpcms_limit_check_t;

/* Returns the flag of a feature name, or 0 for an unknown name. */
unsigned mpcms_feature_from_name(const char *name);

/* Returns the name of one feature flag ("cms_seo"), or NULL. */
const char *mpcms_feature_name(unsigned feature);

/*
 * Returns the page limit of tier that applies: MPCMS_UNLIMITED when the
 * column is NULL or the tier has cms_unlimited_pages.
 */
int mpcms_tier_pages_limit(const mpcms_tier_t *tier);

/* Returns the custom page limit that applies, like mpcms_tier_pages_limit. */
int mpcms_tier_custom_pages_limit(const mpcms_tier_t *tier);

/*
 * Returns what stops action for a vendor on tier (NULL: no tier) with
 * usage, or MPCMS_LIMIT_NONE. Creating a custom page needs
 * cms_custom_pages, a free page and a free custom page; an override needs
 * a free page. A limit counts as reached when usage is at or above it.
 */
mpcms_limit_e mpcms_tiers_blocking(const mpcms_tier_t *tier,
                                   const mpcms_usage_t *usage,
                                   mpcms_page_action_e action);

/*
 * Checks action for a vendor on tier (NULL: no tier) with usage, and when
 * it is refused, finds the lowest tier among tiers (count entries, in any
 * order) that would allow it. Inactive tiers are not passed in. Without a
 * current tier every tier counts as an upgrade.
 */
void mpcms_tiers_check(mpcms_limit_check_t *check, const mpcms_tier_t *tier,
                       const mpcms_usage_t *usage, mpcms_page_action_e action,
                       const mpcms_tier_t *tiers, int count);

/*
 * Returns the lowest tier among tiers, above tier by sort_order (every
 * tier when tier is NULL), that has feature; NULL when none has it.
 */
const mpcms_tier_t *mpcms_tiers_feature_upgrade(const mpcms_tier_t *tier,
                                                unsigned feature,
                                                const mpcms_tier_t *tiers,
                                                int count);

/*
 * Describes usage against a limit for the dashboard: "4 of 10 pages used",
 * "1 of 5 custom pages used", or "4 pages used, no limit". noun is
 * "pages" or "custom pages". Allocated from pool.
 */
const char *mpcms_tiers_describe(int used, int limit, const char *noun,
                                 apr_pool_t *pool);

#endif /* MPCMS_TIERS_H */
