-- Demo data for development and the integration tests, for SQLite and
-- PostgreSQL alike (booleans are TRUE and FALSE, which SQLite reads as 1
-- and 0). Load it into a database at the current schema version;
-- scripts/create-db.sh does that for SQLite.
--
-- docs/DEMO-DATA.md lists every platform, vendor, membership and page title
-- below, with URLs to try. Tests rely on those titles, so keep the two files
-- in step when a title changes.
--
-- Rows refer to each other through their codes, not through ids. Page links
-- inside content are relative ("pricing", "contact") so that they work both
-- under a path prefix (/oms/) and on a platform domain (oms.lu/).

BEGIN TRANSACTION;

-- ---------------------------------------------------------------------------
-- Platforms. builder is inactive but keeps tiers, a member and pages, so a
-- test can check that none of them is served.
-- ---------------------------------------------------------------------------

INSERT INTO platforms (code, name, description, domain, path_prefix, theme_config, is_active, default_language, supported_languages, timezone) VALUES
    ('oms',     'Wizamart OMS',          'Order management for independent shops in Luxembourg.', 'oms.lu',     '/oms',     '{"primary_color": "#1d4ed8", "accent_color": "#f59e0b", "font_family": "system-ui"}', TRUE, 'en', '["en","fr","de"]', 'Europe/Luxembourg'),
    ('loyalty', 'Wizamart Loyalty',      'Points and rewards programmes for local retailers.',      'loyalty.lu', '/loyalty', '{"primary_color": "#047857", "accent_color": "#be123c", "font_family": "Georgia, serif"}', TRUE, 'en', '["en","fr"]',      'Europe/Luxembourg'),
    ('builder', 'Wizamart Site Builder', 'Website builder for small businesses (not launched yet).', 'builder.lu', '/builder', '{"primary_color": "#6d28d9"}',                                                            FALSE, 'en', '["en"]',           'Europe/Luxembourg');

-- ---------------------------------------------------------------------------
-- Subscription tiers: the same four on every platform. A NULL limit means
-- no limit.
-- ---------------------------------------------------------------------------

WITH tier (code, name, sort_order, cms_pages_limit, cms_custom_pages_limit) AS (VALUES
    ('essential',    'Essential',    1, 3,    0),
    ('professional', 'Professional', 2, 10,   5),
    ('business',     'Business',     3, 30,   20),
    ('enterprise',   'Enterprise',   4, NULL, NULL)
)
INSERT INTO subscription_tiers (platform_id, code, name, sort_order, cms_pages_limit, cms_custom_pages_limit)
SELECT platforms.id, tier.code, tier.name, tier.sort_order, tier.cms_pages_limit, tier.cms_custom_pages_limit
  FROM platforms CROSS JOIN tier
 WHERE platforms.code IN ('oms', 'loyalty', 'builder')
 ORDER BY platforms.id, tier.sort_order;

WITH tier_feature (tier_code, feature) AS (VALUES
    ('essential',    'cms_basic'),
    ('professional', 'cms_basic'),
    ('professional', 'cms_custom_pages'),
    ('professional', 'cms_seo'),
    ('business',     'cms_basic'),
    ('business',     'cms_custom_pages'),
    ('business',     'cms_seo'),
    ('business',     'cms_templates'),
    ('enterprise',   'cms_basic'),
    ('enterprise',   'cms_custom_pages'),
    ('enterprise',   'cms_seo'),
    ('enterprise',   'cms_templates'),
    ('enterprise',   'cms_unlimited_pages'),
    ('enterprise',   'cms_scheduling')
)
INSERT INTO tier_features (tier_id, feature)
SELECT subscription_tiers.id, tier_feature.feature
  FROM subscription_tiers
  JOIN tier_feature ON tier_feature.tier_code = subscription_tiers.code
 WHERE subscription_tiers.platform_id IS NOT NULL;

-- ---------------------------------------------------------------------------
-- Vendors and their memberships.
-- ---------------------------------------------------------------------------

INSERT INTO vendors (code, name, contact_email, is_active) VALUES
    ('wizamart',    'Wizamart',     'shop@wizamart.lu',       TRUE),
    ('luxbakery',   'Lux Bakery',   'orders@luxbakery.lu',    TRUE),
    ('closedshop',  'Closed Shop',  'owner@closedshop.lu',    FALSE),
    ('gardenworld', 'Garden World', 'hello@gardenworld.lu',   TRUE);

INSERT INTO vendor_platforms (vendor_id, platform_id, tier_id, is_active, is_primary, custom_subdomain) VALUES
    ((SELECT id FROM vendors WHERE code = 'wizamart'),    (SELECT id FROM platforms WHERE code = 'oms'),
     (SELECT t.id FROM subscription_tiers t JOIN platforms p ON p.id = t.platform_id WHERE p.code = 'oms'     AND t.code = 'business'),     TRUE, TRUE, NULL),
    ((SELECT id FROM vendors WHERE code = 'wizamart'),    (SELECT id FROM platforms WHERE code = 'loyalty'),
     (SELECT t.id FROM subscription_tiers t JOIN platforms p ON p.id = t.platform_id WHERE p.code = 'loyalty' AND t.code = 'professional'), TRUE, FALSE, NULL),
    ((SELECT id FROM vendors WHERE code = 'wizamart'),    (SELECT id FROM platforms WHERE code = 'builder'),
     (SELECT t.id FROM subscription_tiers t JOIN platforms p ON p.id = t.platform_id WHERE p.code = 'builder' AND t.code = 'enterprise'),   TRUE, FALSE, NULL),
    ((SELECT id FROM vendors WHERE code = 'luxbakery'),   (SELECT id FROM platforms WHERE code = 'oms'),
     (SELECT t.id FROM subscription_tiers t JOIN platforms p ON p.id = t.platform_id WHERE p.code = 'oms'     AND t.code = 'essential'),    TRUE, FALSE, NULL),
    ((SELECT id FROM vendors WHERE code = 'closedshop'),  (SELECT id FROM platforms WHERE code = 'oms'),
     (SELECT t.id FROM subscription_tiers t JOIN platforms p ON p.id = t.platform_id WHERE p.code = 'oms'     AND t.code = 'essential'),    TRUE, FALSE, NULL),
    ((SELECT id FROM vendors WHERE code = 'gardenworld'), (SELECT id FROM platforms WHERE code = 'oms'),
     (SELECT t.id FROM subscription_tiers t JOIN platforms p ON p.id = t.platform_id WHERE p.code = 'oms'     AND t.code = 'professional'), TRUE, FALSE, 'garden'),
    ((SELECT id FROM vendors WHERE code = 'gardenworld'), (SELECT id FROM platforms WHERE code = 'loyalty'),
     (SELECT t.id FROM subscription_tiers t JOIN platforms p ON p.id = t.platform_id WHERE p.code = 'loyalty' AND t.code = 'essential'),    FALSE, FALSE, NULL);

-- ---------------------------------------------------------------------------
-- Page rows. Each INSERT has the same layout:
--   platform, vendor (NULL for platform rows), is_platform_page, is_published,
--   show_in_nav, sort_order, slug, title, meta_description, then content.
-- ---------------------------------------------------------------------------

-- ===========================================================================
-- oms: marketing pages (vendor_id NULL, is_platform_page 1)
-- ===========================================================================

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, TRUE, TRUE, FALSE, 0,
    'platform_homepage', 'Every order, one dashboard',
    'Wizamart OMS collects orders from your web shop, marketplaces and counter, keeps stock in step and prints shipping labels. Built in Luxembourg.',
'<p><strong>Wizamart OMS</strong> brings the orders from your web shop, your marketplaces and your shop counter into one list. Stock updates itself, labels print in one click, and your customers get tracking emails without you writing them.</p>
<h2>Why shops switch to Wizamart OMS</h2>
<ul>
  <li><strong>One order list.</strong> Web, marketplace, phone and counter orders sit side by side, with the same statuses.</li>
  <li><strong>Stock you can trust.</strong> Each sale reserves stock across every channel, so you stop selling the last item twice.</li>
  <li><strong>Shipping in minutes.</strong> Compare carrier rates, print the label and send the tracking link from the order screen.</li>
  <li><strong>Invoices that match Luxembourg rules.</strong> VAT at 17, 14, 8 and 3 per cent, numbered invoices and exports for your accountant.</li>
</ul>
<h2>Your storefront is included</h2>
<p>Every plan comes with a storefront at your own address. Start from our ready-made pages for shipping, returns and contact, then rewrite any of them in your own words or hide the ones you do not need.</p>
<blockquote>
  <p>We used to copy orders from three websites into a spreadsheet every morning. Now the spreadsheet is gone and we ship before lunch.</p>
  <p>Owner of a kitchenware shop in Esch-sur-Alzette</p>
</blockquote>
<h2>Get started</h2>
<ol>
  <li>Pick a plan on the <a href="pricing">pricing page</a>. The first 30 days are free.</li>
  <li>Connect your channels from the <a href="integrations">integrations list</a>.</li>
  <li>Import your products and open your storefront.</li>
</ol>
<p>Questions first? <a href="contact">Talk to our team</a> in English, French or German.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, TRUE, TRUE, TRUE, 10,
    'features', 'Wizamart OMS features',
    'Order capture, stock control, shipping, invoicing and a storefront: what Wizamart OMS does for your shop.',
'<p>Wizamart OMS covers the work between "a customer clicked buy" and "the parcel arrived". Here is what each part does.</p>
<h2>Orders</h2>
<ul>
  <li>Orders from every channel in one list, filtered by status, channel or date.</li>
  <li>Manual orders for phone and counter sales, with the same stock and invoice rules.</li>
  <li>Partial shipments, cancellations and exchanges recorded on the order itself.</li>
</ul>
<h2>Stock</h2>
<ul>
  <li>Stock levels per product variant and per storage location.</li>
  <li>Low-stock alerts by email when a product falls below the level you set.</li>
  <li>Stock counts from a phone camera, with differences booked as adjustments.</li>
</ul>
<h2>Shipping</h2>
<p>Rates from the carriers you connect appear next to each order. Labels print on A4 paper or on 100 x 150 mm label printers, and the tracking link goes to the customer automatically.</p>
<h2>Invoices and accounting</h2>
<p>Invoices are numbered without gaps and carry the VAT rate of each line. A monthly export gives your accountant every sale, refund and VAT total as a spreadsheet.</p>
<h2>Storefront pages</h2>
<p>Your storefront starts with pages we wrote for you. Depending on your plan, you can replace them with your own and add pages of your own; see <a href="pricing">pricing</a> for the limits of each plan.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, TRUE, TRUE, TRUE, 20,
    'integrations', 'Wizamart OMS integrations',
    'Connect Wizamart OMS to your web shop, marketplaces, carriers, payment providers and accounting software.',
'<p>Wizamart OMS talks to the services you already use. Connections are set up from the settings screen and need no developer.</p>
<table>
  <tr><th>Category</th><th>What the connection does</th></tr>
  <tr><td>Web shops</td><td>Imports new orders every five minutes and sends back stock levels and shipping status.</td></tr>
  <tr><td>Marketplaces</td><td>Downloads orders, confirms shipment with the tracking number and keeps listed stock in step.</td></tr>
  <tr><td>Carriers</td><td>Returns live rates, books collections and prints labels.</td></tr>
  <tr><td>Payments</td><td>Marks orders as paid when the payment provider confirms, and records refunds.</td></tr>
  <tr><td>Accounting</td><td>Sends invoices and credit notes with their VAT breakdown.</td></tr>
</table>
<h2>Something missing?</h2>
<p>Every plan includes a CSV import and export for orders and stock. On the Enterprise plan we build a connection to your own system. <a href="contact">Tell us what you use</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, TRUE, TRUE, TRUE, 30,
    'pricing', 'Wizamart OMS pricing',
    'Four Wizamart OMS plans from Essential to Enterprise, billed monthly in euros, VAT excluded. Try any plan free for 30 days.',
'<p>All plans include unlimited orders, every integration and support by email. Prices are per month, VAT excluded, and you can change plan at any time.</p>
<table>
  <tr><th>Plan</th><th>Price per month</th><th>Storefront pages</th><th>Custom pages</th><th>Extras</th></tr>
  <tr><td>Essential</td><td>EUR 29</td><td>3</td><td>none</td><td>Basic page editing</td></tr>
  <tr><td>Professional</td><td>EUR 79</td><td>10</td><td>5</td><td>Custom pages, search engine settings</td></tr>
  <tr><td>Business</td><td>EUR 149</td><td>30</td><td>20</td><td>Everything in Professional, plus page templates</td></tr>
  <tr><td>Enterprise</td><td>On request</td><td>No limit</td><td>No limit</td><td>Everything in Business, plus scheduled publishing</td></tr>
</table>
<h3>What counts as a page</h3>
<p>Storefront pages are the pages you write yourself, including your versions of our ready-made pages. Custom pages are the ones with an address of your own choosing, such as a gift card or seasonal sale page. Ready-made pages you leave unchanged do not count.</p>
<h3>Free trial</h3>
<p>Every plan starts with 30 free days and no card. At the end of the trial you choose a plan or your account pauses; nothing is deleted for 90 days.</p>
<p>Need more than the Business plan offers? <a href="contact">Ask for an Enterprise quote</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, TRUE, TRUE, TRUE, 40,
    'about', 'About Wizamart OMS',
    'Wizamart OMS is built in Luxembourg by a small team that used to run web shops.',
'<p>Wizamart OMS started in 2019 in a shared office in Luxembourg City, written by two people who ran a web shop and were tired of copying orders between browser tabs.</p>
<p>Today a team of fourteen builds and supports it. We answer support requests ourselves, in English, French and German, and we still ship the occasional parcel to test a new carrier.</p>
<h2>What we believe</h2>
<ul>
  <li>A small shop deserves the same tools as a large one, at a price it can pay.</li>
  <li>Your data is yours: every export is one click, and leaving is as easy as joining.</li>
  <li>Software should fit Luxembourg rules for VAT and invoicing from day one.</li>
</ul>
<p>Want to say hello? Find us on the <a href="contact">contact page</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, TRUE, TRUE, TRUE, 50,
    'faq', 'Wizamart OMS FAQ',
    'Answers to common questions about Wizamart OMS: trials, data import, languages, payment and cancellation.',
'<h2>Can I try Wizamart OMS before paying?</h2>
<p>Yes. Every plan starts with 30 free days, and we do not ask for a card until you choose to continue.</p>
<h2>Can I import my products and past orders?</h2>
<p>Yes. Upload a spreadsheet, or connect your web shop and we import the catalogue for you. Past orders from the last two years come across with their invoices.</p>
<h2>Which languages does Wizamart OMS support?</h2>
<p>The dashboard, the storefront and customer emails are available in English, French and German.</p>
<h2>How do I pay?</h2>
<p>By card or SEPA direct debit, monthly or yearly. Yearly payment gets two months free.</p>
<h2>How do I cancel?</h2>
<p>From the account screen, at any time. Your plan runs to the end of the paid period, and your data stays available for export for 90 days.</p>
<p>Still unsure? Read the <a href="terms">terms of service</a> or <a href="contact">write to us</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, TRUE, TRUE, TRUE, 60,
    'contact', 'Contact the Wizamart OMS team',
    'Reach Wizamart OMS sales and support by email or phone, Monday to Friday, in English, French or German.',
'<p>We reply to every message within one working day, usually much sooner.</p>
<table>
  <tr><th>For</th><th>Email</th><th>Phone</th></tr>
  <tr><td>Sales and demos</td><td><a href="mailto:sales@oms.lu">sales@oms.lu</a></td><td>+352 20 00 10 01</td></tr>
  <tr><td>Support for customers</td><td><a href="mailto:support@oms.lu">support@oms.lu</a></td><td>+352 20 00 10 02</td></tr>
  <tr><td>Invoices and billing</td><td><a href="mailto:billing@oms.lu">billing@oms.lu</a></td><td>none</td></tr>
</table>
<h2>Opening hours</h2>
<p>Monday to Friday, 8:30 to 18:00 Luxembourg time. Closed on Luxembourg public holidays.</p>
<h2>Office</h2>
<p>Wizamart OMS, 12 rue de l''Industrie, L-1811 Luxembourg. Visits by appointment.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, TRUE, FALSE, TRUE, 70,
    'careers', 'Careers at Wizamart OMS',
    'Open positions at Wizamart OMS in Luxembourg.',
'<p>This page is a draft and is not published yet.</p>
<h2>Open positions</h2>
<ul>
  <li>Customer support specialist, French and German (full time, Luxembourg City)</li>
  <li>Backend developer, C and PostgreSQL (full time, hybrid)</li>
</ul>
<p>Send your CV to <a href="mailto:jobs@oms.lu">jobs@oms.lu</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, TRUE, TRUE, FALSE, 80,
    'terms', 'Wizamart OMS terms of service',
    'The terms that apply to Wizamart OMS subscriptions.',
'<p>These terms apply between Wizamart OMS and the business that opens an account. This demo text is a summary and not legal advice.</p>
<h2>1. Subscription</h2>
<p>A subscription starts when the trial ends and you choose a plan. It renews each month or year until you cancel it.</p>
<h2>2. Fees</h2>
<p>Fees are shown on the <a href="pricing">pricing page</a>, exclude VAT and are payable in advance.</p>
<h2>3. Your content and data</h2>
<p>You keep every right to your products, orders and pages. We process them only to run the service, as described in the <a href="privacy">privacy policy</a>.</p>
<h2>4. Availability</h2>
<p>We aim for 99.9 per cent availability each month and announce planned maintenance at least three days ahead.</p>
<h2>5. Governing law</h2>
<p>Luxembourg law applies, and the courts of Luxembourg City have jurisdiction.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, TRUE, TRUE, FALSE, 90,
    'privacy', 'Wizamart OMS privacy policy',
    'How Wizamart OMS collects, uses and protects personal data under the GDPR.',
'<p>Wizamart OMS processes personal data under the General Data Protection Regulation (GDPR). This demo text is a summary.</p>
<h2>Data we hold about our customers</h2>
<ul>
  <li>Account details: name, business name, email and phone.</li>
  <li>Billing details: address, VAT number and payment method.</li>
  <li>Usage logs, kept for 90 days to keep the service secure.</li>
</ul>
<h2>Data about your shoppers</h2>
<p>For the orders you manage, we act as your processor: we store shopper names, addresses and order history only to provide the service, on servers in the European Union.</p>
<h2>Your rights</h2>
<p>You may ask for a copy, a correction or the deletion of your data at <a href="mailto:privacy@oms.lu">privacy@oms.lu</a>. You may also complain to the Commission nationale pour la protection des données (CNPD).</p>');

-- ===========================================================================
-- oms: default pages for vendors (vendor_id NULL, is_platform_page 0)
-- ===========================================================================

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, FALSE, TRUE, FALSE, 0,
    'home', 'Welcome to our shop',
    'Browse our products, order online and have them delivered anywhere in Luxembourg and the Greater Region.',
'<p>Thank you for visiting. We are an independent shop based in Luxembourg, and every order is packed by the people who run it.</p>
<h2>How ordering works</h2>
<ol>
  <li>Choose your products and place your order online.</li>
  <li>We confirm it by email and pack it within one working day.</li>
  <li>You receive a tracking link as soon as the parcel leaves.</li>
</ol>
<p>See <a href="shipping">shipping and delivery</a> for costs and times, or read our <a href="faq">frequently asked questions</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, FALSE, TRUE, TRUE, 10,
    'about', 'About our shop',
    'Who we are and how we work: a small independent shop in Luxembourg.',
'<p>We are a small independent shop in Luxembourg. We choose each product ourselves and only sell what we would buy.</p>
<p>Our team speaks English, French and German, and we are happy to help you choose before you order.</p>
<p>Have a question? <a href="contact">Get in touch</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, FALSE, TRUE, TRUE, 20,
    'shipping', 'Shipping and delivery',
    'Delivery costs and times for Luxembourg, Belgium, France and Germany.',
'<p>We ship from Luxembourg on working days. Orders placed before 14:00 leave the same day.</p>
<table>
  <tr><th>Destination</th><th>Delivery time</th><th>Cost</th></tr>
  <tr><td>Luxembourg</td><td>1 to 2 working days</td><td>EUR 4.90, free from EUR 50</td></tr>
  <tr><td>Belgium, France, Germany</td><td>2 to 4 working days</td><td>EUR 8.90, free from EUR 90</td></tr>
  <tr><td>Other EU countries</td><td>4 to 7 working days</td><td>EUR 14.90</td></tr>
</table>
<p>You receive a tracking link by email when your parcel leaves. If it has not arrived within the times above, <a href="contact">contact us</a> and we will trace it.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, FALSE, TRUE, TRUE, 30,
    'returns', 'Returns and refunds',
    'Return any item within 14 days of delivery for a full refund.',
'<p>You may return any item within <strong>14 days</strong> of delivery, without giving a reason, as EU consumer law provides.</p>
<h2>How to return an item</h2>
<ol>
  <li>Tell us by email which items you are returning and quote your order number.</li>
  <li>Pack the items in their original packaging if you still have it.</li>
  <li>Send the parcel to the address we give you in our reply.</li>
</ol>
<h2>Refunds</h2>
<p>We refund the price of the items and the original standard delivery cost within 14 days of receiving them, using the payment method you used to order. Return postage is paid by you unless the item is faulty.</p>
<p>Items made to order and opened food products cannot be returned.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, FALSE, TRUE, TRUE, 40,
    'contact', 'Contact us',
    'Send us a message about an order, a product or a return.',
'<p>We answer messages on working days, normally within a few hours.</p>
<ul>
  <li>About an order: quote your order number so we can find it quickly.</li>
  <li>About a product: tell us which one and what you would like to know.</li>
  <li>About a return: see <a href="returns">returns and refunds</a> first.</li>
</ul>
<p>You can write to us in English, French or German.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, FALSE, TRUE, TRUE, 50,
    'faq', 'Frequently asked questions',
    'Answers about payment, delivery, returns and invoices.',
'<h2>Which payment methods do you accept?</h2>
<p>Cards, bank transfer and the mobile payment apps shown at checkout.</p>
<h2>Do I get an invoice?</h2>
<p>Yes, every order comes with an invoice by email that shows the VAT. Business customers can add their VAT number at checkout.</p>
<h2>Can I change my order after placing it?</h2>
<p>Yes, until it has been packed. <a href="contact">Contact us</a> as soon as possible.</p>
<h2>How long does delivery take?</h2>
<p>Usually one to two working days within Luxembourg. See <a href="shipping">shipping and delivery</a> for other countries.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, FALSE, TRUE, FALSE, 60,
    'privacy', 'Privacy notice',
    'How this shop uses the personal data you give when you order.',
'<p>We use your name, address, email and phone number only to handle your order, deliver it and answer your questions.</p>
<ul>
  <li>Your order data is kept for ten years, as Luxembourg accounting law requires.</li>
  <li>We share your address with the carrier that delivers your parcel, and nothing else with anyone.</li>
  <li>We send marketing emails only if you ask for them, and every email has an unsubscribe link.</li>
</ul>
<p>To see, correct or delete your data, <a href="contact">contact us</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, FALSE, TRUE, FALSE, 70,
    'terms', 'Terms and conditions of sale',
    'The conditions that apply when you buy from this shop.',
'<h2>Prices</h2>
<p>Prices are in euros and include Luxembourg VAT. Delivery costs are shown before you pay.</p>
<h2>Contract</h2>
<p>The contract is made when we confirm your order by email. If an item turns out to be unavailable, we refund it in full.</p>
<h2>Right of withdrawal</h2>
<p>You may withdraw within 14 days of delivery; see <a href="returns">returns and refunds</a>.</p>
<h2>Guarantee</h2>
<p>Every product carries the two-year legal guarantee of conformity.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, FALSE, FALSE, TRUE, 80,
    'warranty', 'Warranty and repairs',
    'What to do when a product breaks.',
'<p>This default page is a draft and is not published yet.</p>
<p>If a product stops working within two years, we repair or replace it free of charge. <a href="contact">Contact us</a> with your order number and a photo of the fault.</p>');

-- A published default with a publish time far in the future: it stays
-- unpublished on every storefront until then.
INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content, publish_at) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), NULL, FALSE, TRUE, TRUE, 90,
    'holiday-hours', 'Opening hours over the holidays',
    'When the shop is open and when parcels leave over the holidays.',
'<p>This default page is scheduled: it appears on storefronts from its publish time on.</p>
<p>Orders placed between 24 December and 1 January leave on 2 January.</p>',
    '2099-12-01T07:00:00Z');

-- ===========================================================================
-- oms: pages of individual vendors
-- ===========================================================================

-- wizamart overrides "about" (published) and "shipping" (a draft, so the
-- default still shows), and has custom pages "gift-cards" (published, in
-- the theme's "wide" layout) and "summer-sale" (draft).
INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), (SELECT id FROM vendors WHERE code = 'wizamart'), FALSE, TRUE, TRUE, 10,
    'about', 'About Wizamart',
    'Wizamart sells kitchen and home goods chosen for daily use, from a warehouse in Bettembourg.',
'<p>Wizamart sells kitchen and home goods that we use ourselves: pans that last, knives that stay sharp and storage that actually fits a cupboard.</p>
<p>We started as the test shop of the Wizamart OMS team and kept going because customers kept ordering. Everything ships from our warehouse in Bettembourg.</p>
<h2>Our promises</h2>
<ul>
  <li>Parcels leave the same day for orders placed before 14:00.</li>
  <li>Every product is one we have used for at least a month.</li>
  <li>Plastic-free packaging for all parcels within Luxembourg.</li>
</ul>
<p>Looking for a present? Try our <a href="gift-cards">gift cards</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), (SELECT id FROM vendors WHERE code = 'wizamart'), FALSE, FALSE, TRUE, 20,
    'shipping', 'Wizamart shipping rates (draft)',
    'Draft of new Wizamart shipping rates.',
'<p>Draft: new rates from next quarter. Until this page is published, the standard shipping page applies.</p>
<ul>
  <li>Luxembourg: free on every order.</li>
  <li>Neighbouring countries: EUR 6.90, free from EUR 70.</li>
</ul>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, template, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), (SELECT id FROM vendors WHERE code = 'wizamart'), FALSE, TRUE, TRUE, 15, 'wide',
    'gift-cards', 'Wizamart gift cards',
    'Wizamart gift cards from EUR 20 to EUR 200, sent by email or posted in a card.',
'<p>Not sure what to give? A Wizamart gift card lets them choose.</p>
<table>
  <tr><th>Card</th><th>Delivery</th><th>Valid for</th></tr>
  <tr><td>EUR 20, 50 or 100</td><td>By email within minutes</td><td>2 years</td></tr>
  <tr><td>EUR 50, 100 or 200</td><td>Printed card by post, free within Luxembourg</td><td>2 years</td></tr>
</table>
<h2>How to use a gift card</h2>
<p>Enter the code at checkout. If the order costs less than the card, the rest stays on the card for next time.</p>
<p>Gift cards cannot be exchanged for cash. For lost codes, <a href="contact">contact us</a> with the buyer''s email address.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), (SELECT id FROM vendors WHERE code = 'wizamart'), FALSE, FALSE, TRUE, 90,
    'summer-sale', 'Wizamart summer sale (draft)',
    'Summer sale on outdoor cooking and picnic gear.',
'<p>Draft for the summer campaign, not published yet.</p>
<ul>
  <li>Up to 30 per cent off outdoor cooking gear.</li>
  <li>Picnic sets from EUR 24.</li>
</ul>');

-- closedshop is inactive but keeps a published page, so a test can check
-- that the page is hidden along with the vendor.
INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'oms'), (SELECT id FROM vendors WHERE code = 'closedshop'), FALSE, TRUE, TRUE, 10,
    'about', 'About Closed Shop',
    'Closed Shop sold second-hand books in Luxembourg City.',
'<p>Closed Shop sold second-hand books from a small shop in the Grund for twelve years.</p>
<p>Thank you to every reader who came by.</p>');

-- wizamart hides the oms default "returns" from its storefront.
-- Custom domains: wizamart.lu serves wizamart's OMS storefront; the bakery's
-- domain is not verified yet and the old wizamart domain is switched off, so
-- neither serves anything.
INSERT INTO vendor_domains (domain, vendor_id, platform_id, is_verified, is_active, is_primary) VALUES
    ('wizamart.lu',       (SELECT id FROM vendors WHERE code = 'wizamart'),  (SELECT id FROM platforms WHERE code = 'oms'),     TRUE,  TRUE,  TRUE),
    ('rewards.wizamart.lu', (SELECT id FROM vendors WHERE code = 'wizamart'), (SELECT id FROM platforms WHERE code = 'loyalty'), TRUE,  TRUE,  TRUE),
    ('old-wizamart.lu',   (SELECT id FROM vendors WHERE code = 'wizamart'),  (SELECT id FROM platforms WHERE code = 'oms'),     TRUE,  FALSE, FALSE),
    ('luxbakery.lu',      (SELECT id FROM vendors WHERE code = 'luxbakery'), (SELECT id FROM platforms WHERE code = 'oms'),     FALSE, TRUE,  FALSE),
    ('closedshop.lu',     (SELECT id FROM vendors WHERE code = 'closedshop'), (SELECT id FROM platforms WHERE code = 'oms'),    TRUE,  TRUE,  TRUE);

INSERT INTO vendor_hidden_pages (platform_id, vendor_id, slug) VALUES
    ((SELECT id FROM platforms WHERE code = 'oms'), (SELECT id FROM vendors WHERE code = 'wizamart'), 'returns');

-- ===========================================================================
-- loyalty: marketing pages (vendor_id NULL, is_platform_page 1)
-- ===========================================================================

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, TRUE, TRUE, FALSE, 0,
    'platform_homepage', 'Rewards that bring customers back',
    'Wizamart Loyalty gives local shops a points and rewards programme that customers use at the till and online.',
'<p><strong>Wizamart Loyalty</strong> gives your shop its own rewards programme. Customers collect points at the till and online, see their balance on their phone and come back to spend them.</p>
<h2>Built for shops on the high street</h2>
<ul>
  <li><strong>No plastic cards.</strong> Customers join with their phone number or a QR code on their phone.</li>
  <li><strong>Works at the till.</strong> Scan the code on any tablet or till that can open a web page.</li>
  <li><strong>Rewards you choose.</strong> A free coffee at 100 points, a discount at 500, or a gift that fits your shop.</li>
  <li><strong>Clear numbers.</strong> See how many members come back, and how often, every month.</li>
</ul>
<h2>A programme page for your customers</h2>
<p>Your members get a page that explains how to earn and spend points. We provide the text, and you can change it to match your shop.</p>
<blockquote>
  <p>Half of our regulars joined in the first month. They ask about their points before they ask about the bread.</p>
  <p>Owner of a bakery in Differdange</p>
</blockquote>
<p>See the <a href="features">features</a>, compare <a href="pricing">plans</a>, or <a href="contact">book a demo</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, TRUE, TRUE, TRUE, 10,
    'features', 'Wizamart Loyalty features',
    'Points, rewards, member tiers and reports: what Wizamart Loyalty offers your shop.',
'<h2>Points</h2>
<p>Award points per euro spent, per visit, or both. Give double points on quiet days to bring customers in.</p>
<h2>Rewards</h2>
<p>Set up rewards as a discount, a free product or a gift. Members claim them at the till or with a code online.</p>
<h2>Member levels</h2>
<p>Let your best customers reach silver and gold levels with extra points and early access to sales.</p>
<h2>Reports</h2>
<ul>
  <li>New members each week, and where they joined.</li>
  <li>Points earned and spent, and the value of unspent points.</li>
  <li>How many members returned within 30, 60 and 90 days.</li>
</ul>
<h2>Works with Wizamart OMS</h2>
<p>If you also use Wizamart OMS, online orders earn points automatically.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, TRUE, TRUE, TRUE, 20,
    'pricing', 'Wizamart Loyalty pricing',
    'Wizamart Loyalty plans from EUR 19 per month, VAT excluded, with unlimited members on every plan.',
'<p>Every plan includes unlimited members, the till app and email support. Prices are per month, VAT excluded.</p>
<table>
  <tr><th>Plan</th><th>Price per month</th><th>Programme pages</th><th>Custom pages</th></tr>
  <tr><td>Essential</td><td>EUR 19</td><td>3</td><td>none</td></tr>
  <tr><td>Professional</td><td>EUR 49</td><td>10</td><td>5</td></tr>
  <tr><td>Business</td><td>EUR 99</td><td>30</td><td>20</td></tr>
  <tr><td>Enterprise</td><td>On request</td><td>No limit</td><td>No limit</td></tr>
</table>
<p>Several shops under one owner? The Enterprise plan shares one programme across all of them. <a href="contact">Ask us for a quote</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, TRUE, TRUE, TRUE, 30,
    'about', 'About Wizamart Loyalty',
    'Wizamart Loyalty is made in Luxembourg by the team behind Wizamart OMS.',
'<p>Wizamart Loyalty grew out of a request from bakeries and cafes using Wizamart OMS: they wanted a stamp card that did not get lost in a coat pocket.</p>
<p>We built it for shops with one till and a queue at lunchtime, so joining takes ten seconds and scanning takes one.</p>
<p>The same team builds Wizamart OMS, and both run on servers in the European Union.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, TRUE, TRUE, TRUE, 40,
    'faq', 'Wizamart Loyalty FAQ',
    'Common questions about Wizamart Loyalty: joining, tills, unspent points and GDPR.',
'<h2>Do my customers need an app?</h2>
<p>No. Members get a web page with their QR code, which they can add to their phone wallet.</p>
<h2>Which tills does it work with?</h2>
<p>Any tablet or till with a web browser and a camera. A USB barcode scanner also works.</p>
<h2>What happens to unspent points?</h2>
<p>You decide: points can last forever or expire after 12 or 24 months.</p>
<h2>Is it GDPR compliant?</h2>
<p>Yes. Members give consent when they join, and can see or delete their data from their own page.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, TRUE, TRUE, TRUE, 50,
    'contact', 'Contact the Wizamart Loyalty team',
    'Book a demo or ask for help with Wizamart Loyalty.',
'<p>We show the programme in a 20-minute video call or at your shop if you are in Luxembourg.</p>
<ul>
  <li>Demos and sales: <a href="mailto:hello@loyalty.lu">hello@loyalty.lu</a></li>
  <li>Help for customers: <a href="mailto:support@loyalty.lu">support@loyalty.lu</a></li>
  <li>Phone: +352 20 00 20 01, Monday to Friday, 9:00 to 17:30</li>
</ul>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, TRUE, TRUE, FALSE, 60,
    'terms', 'Wizamart Loyalty terms of service',
    'The terms that apply to Wizamart Loyalty subscriptions.',
'<p>These terms apply between Wizamart Loyalty and the business that runs a programme. This demo text is a summary.</p>
<h2>Your programme</h2>
<p>You set the rules of your programme and are responsible for honouring the rewards you offer.</p>
<h2>Fees</h2>
<p>Fees are shown on the <a href="pricing">pricing page</a> and are billed monthly in advance.</p>
<h2>Ending the service</h2>
<p>If you cancel, members keep access to their balance for 60 days so that they can spend their points.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, TRUE, TRUE, FALSE, 70,
    'privacy', 'Wizamart Loyalty privacy policy',
    'How Wizamart Loyalty handles the personal data of shops and their members.',
'<p>We store a member''s phone number or email, name if given, and points history. We process this data on behalf of the shop that runs the programme.</p>
<ul>
  <li>Data is stored in the European Union.</li>
  <li>Members can download or delete their data from their member page.</li>
  <li>We never sell data or share it with other shops.</li>
</ul>
<p>Questions: <a href="mailto:privacy@loyalty.lu">privacy@loyalty.lu</a>.</p>');

-- ===========================================================================
-- loyalty: default pages for vendors (vendor_id NULL, is_platform_page 0)
-- ===========================================================================

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, FALSE, TRUE, FALSE, 0,
    'home', 'Welcome to our rewards programme',
    'Join our rewards programme: earn points on every purchase and spend them on rewards.',
'<p>Every visit counts. Join our rewards programme at the till or online, collect points on every purchase and turn them into rewards.</p>
<ul>
  <li>1 point for every euro you spend.</li>
  <li>50 welcome points when you join.</li>
  <li>Double points during your birthday month.</li>
</ul>
<p>Find out <a href="how-it-works">how it works</a> or see the <a href="rewards">rewards you can claim</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, FALSE, TRUE, TRUE, 10,
    'how-it-works', 'How the rewards programme works',
    'Join, collect points and claim rewards in three steps.',
'<ol>
  <li><strong>Join.</strong> Give your phone number at the till or sign up online. It is free.</li>
  <li><strong>Collect.</strong> Show your QR code when you pay, and points are added straight away.</li>
  <li><strong>Claim.</strong> When you have enough points, choose a reward and show it at the till.</li>
</ol>
<p>Your balance and history are always on your member page. The full details are in the <a href="programme-rules">programme rules</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, FALSE, TRUE, TRUE, 20,
    'rewards', 'Rewards you can claim',
    'See how many points each reward costs.',
'<table>
  <tr><th>Reward</th><th>Points</th></tr>
  <tr><td>EUR 5 off your next purchase</td><td>100</td></tr>
  <tr><td>EUR 12 off your next purchase</td><td>200</td></tr>
  <tr><td>A gift chosen by the shop</td><td>350</td></tr>
  <tr><td>EUR 35 off your next purchase</td><td>500</td></tr>
</table>
<p>Rewards are claimed at the till or with a code online. One reward per purchase.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, FALSE, TRUE, TRUE, 30,
    'about', 'About our loyalty club',
    'Why we run a rewards programme and what members get.',
'<p>Our loyalty club is our way of thanking the customers who come back week after week.</p>
<p>Members collect points, get early notice of sales and receive a small surprise on their birthday. Membership is free and you can leave at any time.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, FALSE, TRUE, TRUE, 40,
    'faq', 'Rewards programme FAQ',
    'Questions about points, rewards and your membership.',
'<h2>I forgot my phone. Can I still collect points?</h2>
<p>Yes. Give your phone number at the till and we add the points to your account.</p>
<h2>Do points expire?</h2>
<p>Points expire 24 months after you earn them. Your member page shows when.</p>
<h2>Can I combine a reward with a sale price?</h2>
<p>Yes, unless the sale says otherwise.</p>
<h2>How do I leave the programme?</h2>
<p>Delete your account from your member page, or ask us at the till.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, FALSE, TRUE, TRUE, 50,
    'contact', 'Contact the rewards team',
    'Missing points or a question about a reward? Let us know.',
'<p>Points missing from a purchase? Keep your receipt and ask us at the till, or send us a message with the date and amount of the purchase.</p>
<p>We correct missing points within three working days.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'loyalty'), NULL, FALSE, TRUE, FALSE, 60,
    'programme-rules', 'Programme rules',
    'The rules of our rewards programme.',
'<ol>
  <li>Membership is free and open to anyone aged 16 or over.</li>
  <li>You earn 1 point per full euro spent, after discounts, excluding gift cards.</li>
  <li>Points expire 24 months after they are earned.</li>
  <li>Points and rewards cannot be exchanged for cash or transferred to another member.</li>
  <li>We may change these rules with 30 days of notice on this page.</li>
</ol>');

-- ===========================================================================
-- builder (inactive platform): a homepage and two defaults
-- ===========================================================================

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'builder'), NULL, TRUE, TRUE, FALSE, 0,
    'platform_homepage', 'Build your business website in an afternoon',
    'Wizamart Site Builder: a website for your business without a developer. Coming soon.',
'<p><strong>Wizamart Site Builder</strong> is coming soon. Pick a layout, add your text and photos, and publish a website for your business the same day.</p>
<ul>
  <li>Layouts for shops, restaurants and trades.</li>
  <li>Pages in English, French and German.</li>
  <li>Your own domain name included.</li>
</ul>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'builder'), NULL, FALSE, TRUE, FALSE, 0,
    'home', 'Welcome to our website',
    'Welcome to our business website.',
'<p>Welcome. This is the home page of our new website.</p>
<p>Find out <a href="about">about us</a>.</p>');

INSERT INTO content_pages (platform_id, vendor_id, is_platform_page, is_published, show_in_nav, sort_order, slug, title, meta_description, content) VALUES (
    (SELECT id FROM platforms WHERE code = 'builder'), NULL, FALSE, TRUE, TRUE, 10,
    'about', 'About this business',
    'Who we are.',
'<p>We are a local business in Luxembourg. Tell your visitors here what you do and why they should choose you.</p>');

COMMIT;
