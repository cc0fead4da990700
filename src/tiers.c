/* Tier features, page limits and upgrade prompts. */
#include <apr_strings.h>
#include <string.h>

#include "tiers.h"

static const struct {
    unsigned flag;
    const char *name;
} feature_names[] = {
    { MPCMS_FEATURE_BASIC, "cms_basic" },
    { MPCMS_FEATURE_CUSTOM_PAGES, "cms_custom_pages" },
    { MPCMS_FEATURE_SEO, "cms_seo" },
    { MPCMS_FEATURE_TEMPLATES, "cms_templates" },
    { MPCMS_FEATURE_UNLIMITED_PAGES, "cms_unlimited_pages" },
    { MPCMS_FEATURE_SCHEDULING, "cms_scheduling" },
};

#define FEATURE_COUNT ((int)(sizeof(feature_names) / sizeof(feature_names[0])))

unsigned mpcms_feature_from_name(const char *name)
{
    int i;

    for (i = 0; i < FEATURE_COUNT; i++) {
        if (name != NULL && strcmp(name, feature_names[i].name) == 0) {
            return feature_names[i].flag;
        }
    }
    return 0;
}

const char *mpcms_feature_name(unsigned feature)
{
    int i;

    for (i = 0; i < FEATURE_COUNT; i++) {
        if (feature == feature_names[i].flag) {
            return feature_names[i].name;
        }
    }
    return NULL;
}

int mpcms_tier_pages_limit(const mpcms_tier_t *tier)
{
    if (tier->features & MPCMS_FEATURE_UNLIMITED_PAGES) {
        return MPCMS_UNLIMITED;
    }
    return tier->pages_limit;
}

int mpcms_tier_custom_pages_limit(const mpcms_tier_t *tier)
{
    if (tier->features & MPCMS_FEATURE_UNLIMITED_PAGES) {
        return MPCMS_UNLIMITED;
    }
    return tier->custom_pages_limit;
}

static int is_reached(int used, int limit)
{
    return limit != MPCMS_UNLIMITED && used >= limit;
}

mpcms_limit_e mpcms_tiers_blocking(const mpcms_tier_t *tier,
                                   const mpcms_usage_t *usage,
                                   mpcms_page_action_e action)
{
    if (tier == NULL) {
        return MPCMS_LIMIT_NO_TIER;
    }
    if (action == MPCMS_ACTION_CREATE_CUSTOM
        && !(tier->features & MPCMS_FEATURE_CUSTOM_PAGES)) {
        return MPCMS_LIMIT_FEATURE;
    }
    if (is_reached(usage->pages, mpcms_tier_pages_limit(tier))) {
        return MPCMS_LIMIT_PAGES;
    }
    if (action == MPCMS_ACTION_CREATE_CUSTOM
        && is_reached(usage->custom_pages,
                      mpcms_tier_custom_pages_limit(tier))) {
        return MPCMS_LIMIT_CUSTOM_PAGES;
    }
    return MPCMS_LIMIT_NONE;
}

/* A candidate ranks above the current tier; every tier does without one. */
static int is_above(const mpcms_tier_t *candidate, const mpcms_tier_t *tier)
{
    return tier == NULL || candidate->sort_order > tier->sort_order;
}

/* Keeps the lower of two tiers by sort_order, then by id for ties. */
static const mpcms_tier_t *lower_of(const mpcms_tier_t *best,
                                    const mpcms_tier_t *candidate)
{
    if (best == NULL || candidate->sort_order < best->sort_order
        || (candidate->sort_order == best->sort_order
            && candidate->id < best->id)) {
        return candidate;
    }
    return best;
}

void mpcms_tiers_check(mpcms_limit_check_t *check, const mpcms_tier_t *tier,
                       const mpcms_usage_t *usage, mpcms_page_action_e action,
                       const mpcms_tier_t *tiers, int count)
{
    int i;

    check->limit = mpcms_tiers_blocking(tier, usage, action);
    check->upgrade = NULL;
    if (check->limit == MPCMS_LIMIT_NONE) {
        return;
    }
    for (i = 0; i < count; i++) {
        if (is_above(&tiers[i], tier)
            && mpcms_tiers_blocking(&tiers[i], usage, action)
                   == MPCMS_LIMIT_NONE) {
            check->upgrade = lower_of(check->upgrade, &tiers[i]);
        }
    }
}

const mpcms_tier_t *mpcms_tiers_feature_upgrade(const mpcms_tier_t *tier,
                                                unsigned feature,
                                                const mpcms_tier_t *tiers,
                                                int count)
{
    const mpcms_tier_t *upgrade = NULL;
    int i;

    for (i = 0; i < count; i++) {
        if (is_above(&tiers[i], tier) && (tiers[i].features & feature)) {
            upgrade = lower_of(upgrade, &tiers[i]);
        }
    }
    return upgrade;
}

const char *mpcms_tiers_describe(int used, int limit, const char *noun,
                                 apr_pool_t *pool)
{
    if (limit == MPCMS_UNLIMITED) {
        return apr_psprintf(pool, "%d %s used, no limit", used, noun);
    }
    return apr_psprintf(pool, "%d of %d %s used", used, limit, noun);
}
