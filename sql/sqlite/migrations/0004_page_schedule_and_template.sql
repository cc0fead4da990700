-- Scheduled publishing and layout variants of content pages.
--
-- It depends only on the content_pages table of migration 0001.
--
-- publish_at: the UTC time from which a published page is shown, in the
-- form 2026-03-29T01:00:00Z (NULL: as soon as it is published). A page
-- whose publish_at is later than the request time is treated as
-- unpublished. Comparisons are plain text comparisons, which is why the
-- CHECK insists on exactly this form.
--
-- template: the layout variant of the theme that renders the page, so
-- "wide" selects storefront-wide.html (NULL: storefront.html).

ALTER TABLE content_pages ADD COLUMN publish_at TEXT
    CHECK (publish_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z');

ALTER TABLE content_pages ADD COLUMN template TEXT
    CHECK (length(template) BETWEEN 1 AND 50
           AND template NOT GLOB '*[^a-z0-9_-]*');
