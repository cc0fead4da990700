-- Scheduled publishing and layout variants of content pages.
--
-- It depends only on the content_pages table of migration 0001.
--
-- publish_at: the time from which a published page is shown (NULL: as
-- soon as it is published). A page whose publish_at is later than the
-- request time is treated as unpublished.
--
-- template: the layout variant of the theme that renders the page, so
-- "wide" selects storefront-wide.html (NULL: storefront.html).

ALTER TABLE content_pages
    ADD COLUMN publish_at TIMESTAMPTZ,
    ADD COLUMN template TEXT CHECK (template ~ '^[a-z0-9_-]{1,50}$');
