-- Single-platform upgrade, step 1 of 2 (PostgreSQL): moves the old tables
-- into the schema mpcms_legacy so that the version 1 schema can be
-- created under the same names. mpcms-admin runs this inside the
-- upgrade's transaction.
--
-- Pages go to a plain copy without constraints: the old UNIQUE (vendor_id,
-- slug) would reject the intermediate states while mpcms-admin makes the
-- slugs valid and resolves duplicates. The other tables move with their
-- indexes, constraints and sequences, so no name clashes.

CREATE SCHEMA mpcms_legacy;
CREATE TABLE mpcms_legacy.content_pages AS SELECT * FROM content_pages;
DROP TABLE content_pages;
ALTER TABLE subscription_tiers SET SCHEMA mpcms_legacy;
ALTER TABLE vendors SET SCHEMA mpcms_legacy;
