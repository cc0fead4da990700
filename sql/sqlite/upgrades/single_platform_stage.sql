-- Single-platform upgrade, step 1 of 2 (SQLite): moves the old tables out
-- of the way so that the version 1 schema can be created under the same
-- names. mpcms-admin runs this inside the upgrade's transaction, with
-- foreign keys off.
--
-- Pages go to a plain copy without constraints: the old UNIQUE (vendor_id,
-- slug) would reject the intermediate states while mpcms-admin makes the
-- slugs valid and resolves duplicates. RENAME keeps the other tables'
-- rows, ids and the indexes of their UNIQUE constraints.

CREATE TABLE legacy_content_pages AS SELECT * FROM content_pages;
DROP TABLE content_pages;

ALTER TABLE subscription_tiers RENAME TO legacy_subscription_tiers;
ALTER TABLE vendors RENAME TO legacy_vendors;

-- Named indexes keep their names; drop them so that none can clash with
-- an index of the new schema.
DROP INDEX IF EXISTS vendors_tier_id_idx;
