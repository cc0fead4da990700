/*
 * Template parsing and rendering: one test per syntax form and per parse
 * error, then the data-driven cases under template-cases/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <apr_file_info.h>
#include <apr_file_io.h>
#include <apr_strings.h>
#include <jansson.h>

#include "template.h"
#include "unit.h"

/* Relative to tests/unit/, where the runner is started. */
#define CASES_DIR       "template-cases"
#define CASES_MIN_COUNT 12

#define assert_message_contains(error, expected)                               \
    ck_assert_msg(strstr((error)->message, (expected)) != NULL,                \
                  "message \"%s\" does not contain \"%s\"", (error)->message,  \
                  (expected))

static const mpcms_slot_t nav_item_slots[] = {
    { "href", MPCMS_SLOT_TEXT, NULL },
    { "label", MPCMS_SLOT_TEXT, NULL },
    { "is_current", MPCMS_SLOT_TEXT, NULL },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

/* The slots of a page, also used by every case under template-cases/. */
static const mpcms_slot_t page_slots[] = {
    { "lang", MPCMS_SLOT_TEXT, NULL },
    { "platform.code", MPCMS_SLOT_TEXT, NULL },
    { "platform.name", MPCMS_SLOT_TEXT, NULL },
    { "platform.home", MPCMS_SLOT_TEXT, NULL },
    { "page.title", MPCMS_SLOT_TEXT, NULL },
    { "page.slug", MPCMS_SLOT_TEXT, NULL },
    { "page.meta_description", MPCMS_SLOT_TEXT, NULL },
    { "page.meta_keywords", MPCMS_SLOT_TEXT, NULL },
    { "canonical_url", MPCMS_SLOT_TEXT, NULL },
    { "vendor.code", MPCMS_SLOT_TEXT, NULL },
    { "vendor.name", MPCMS_SLOT_TEXT, NULL },
    { "vendor.home", MPCMS_SLOT_TEXT, NULL },
    { "page.content", MPCMS_SLOT_HTML, NULL },
    { "nav", MPCMS_SLOT_LIST, nav_item_slots },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

/* A menu of groups of links, where "label" exists at every level. */
static const mpcms_slot_t link_slots[] = {
    { "href", MPCMS_SLOT_TEXT, NULL },
    { "label", MPCMS_SLOT_TEXT, NULL },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

static const mpcms_slot_t group_slots[] = {
    { "label", MPCMS_SLOT_TEXT, NULL },
    { "links", MPCMS_SLOT_LIST, link_slots },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

static const mpcms_slot_t menu_slots[] = {
    { "label", MPCMS_SLOT_TEXT, NULL },
    { "title", MPCMS_SLOT_TEXT, NULL },
    { "groups", MPCMS_SLOT_LIST, group_slots },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

static mpcms_template_t *parse_ok(const mpcms_slot_t *slots, const char *text)
{
    mpcms_template_t *tpl = NULL;
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    rv = mpcms_template_parse(&tpl, text, strlen(text), "test.html", slots,
                              &error, unit_pool);
    ck_assert_msg(rv == APR_SUCCESS, "parse of \"%s\" failed: %s", text,
                  mpcms_error_format(error, unit_pool));
    ck_assert_ptr_nonnull(tpl);
    return tpl;
}

static const char *render_ok(const mpcms_template_t *tpl,
                             const mpcms_view_t *view)
{
    const char *out = NULL;
    apr_size_t length = 0;
    apr_status_t rv;

    rv = mpcms_template_render(&out, &length, tpl, view, unit_pool);
    ck_assert_int_eq(rv, APR_SUCCESS);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(length, strlen(out));
    return out;
}

static const char *render_text(const mpcms_slot_t *slots, const char *text,
                               const mpcms_view_t *view)
{
    return render_ok(parse_ok(slots, text), view);
}

/* Parses text that must be rejected and returns the error record. */
static mpcms_error_t *parse_failure(const mpcms_slot_t *slots, const char *text)
{
    mpcms_template_t *tpl = NULL;
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    rv = mpcms_template_parse(&tpl, text, strlen(text), "test.html", slots,
                              &error, unit_pool);
    ck_assert_msg(rv != APR_SUCCESS, "parse of \"%s\" succeeded", text);
    ck_assert_ptr_null(tpl);
    ck_assert_ptr_nonnull(error);
    return error;
}

static void add_nav_item(mpcms_view_t *view, const char *href,
                         const char *label)
{
    mpcms_view_t *item = mpcms_view_add_item(view, "nav");

    mpcms_view_set(item, "href", href);
    mpcms_view_set(item, "label", label);
}

/* ---- values ---- */

START_TEST(value_is_html_escaped)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    mpcms_view_set(view, "page.title", "Tom & Jerry <3 \"quotes\" 'too'");

    ck_assert_str_eq(render_text(page_slots, "<h1>{{page.title}}</h1>", view),
                     "<h1>Tom &amp; Jerry &lt;3 &quot;quotes&quot; "
                     "&#39;too&#39;</h1>");
}
END_TEST

START_TEST(value_allows_inner_spaces)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    mpcms_view_set(view, "page.title", "Home");

    ck_assert_str_eq(render_text(page_slots, "[{{ page.title }}]", view),
                     "[Home]");
    ck_assert_str_eq(render_text(page_slots, "[{{\tpage.title  }}]", view),
                     "[Home]");
    ck_assert_str_eq(render_text(page_slots, "[{{{ page.content }}}]", view),
                     "[]");
}
END_TEST

START_TEST(raw_value_is_not_escaped)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    mpcms_view_set(view, "page.content", "<p>A &amp; B</p>");

    ck_assert_str_eq(render_text(page_slots, "{{{page.content}}}", view),
                     "<p>A &amp; B</p>");
}
END_TEST

START_TEST(html_slot_escaped_by_default)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    mpcms_view_set(view, "page.content", "<p>A</p>");

    ck_assert_str_eq(render_text(page_slots, "{{page.content}}", view),
                     "&lt;p&gt;A&lt;/p&gt;");
}
END_TEST

START_TEST(absent_value_renders_empty)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    ck_assert_str_eq(
        render_text(page_slots, "[{{page.title}}|{{{page.content}}}]", view),
        "[|]");
}
END_TEST

START_TEST(comment_produces_nothing)
{
    ck_assert_str_eq(render_text(page_slots, "a{{! a comment }}b", NULL), "ab");
    ck_assert_str_eq(
        render_text(page_slots, "a{{!\n spans lines, names {x} \n}}b", NULL),
        "ab");
    ck_assert_str_eq(render_text(page_slots, "a{{ ! spaced }}b", NULL), "ab");
}
END_TEST

START_TEST(literal_text_is_copied)
{
    const char *text = "<style>a { color: red; }</style> {x} }} } { }";

    ck_assert_str_eq(render_text(page_slots, text, NULL), text);
}
END_TEST

START_TEST(brace_after_tag_is_text)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    mpcms_view_set(view, "lang", "en");

    ck_assert_str_eq(render_text(page_slots, "{x:{{lang}}}", view), "{x:en}");
}
END_TEST

START_TEST(empty_template_renders_empty)
{
    ck_assert_str_eq(render_text(page_slots, "", NULL), "");
}
END_TEST

START_TEST(parse_honors_text_length)
{
    mpcms_template_t *tpl = NULL;
    mpcms_error_t *error = NULL;
    const char *text = "{{lang}}!{{ this part is past the length";
    mpcms_view_t *view = mpcms_view_make(unit_pool);
    apr_status_t rv;

    rv = mpcms_template_parse(&tpl, text, 9, "test.html", page_slots, &error,
                              unit_pool);
    mpcms_view_set(view, "lang", "fr");

    ck_assert_int_eq(rv, APR_SUCCESS);
    ck_assert_str_eq(render_ok(tpl, view), "fr!");
}
END_TEST

START_TEST(parse_copies_the_text)
{
    char text[] = "<b>{{lang}}</b>";
    mpcms_template_t *tpl = parse_ok(page_slots, text);
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    memset(text, 'x', sizeof(text) - 1);
    mpcms_view_set(view, "lang", "de");

    ck_assert_str_eq(render_ok(tpl, view), "<b>de</b>");
}
END_TEST

START_TEST(parse_copies_slot_table)
{
    char name[16] = "greeting";
    mpcms_slot_t table[] = {
        { name, MPCMS_SLOT_TEXT, NULL },
        { NULL, MPCMS_SLOT_TEXT, NULL },
    };
    mpcms_template_t *tpl = parse_ok(table, "{{greeting}}");
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    strcpy(name, "changed");
    mpcms_view_set(view, "greeting", "hello");

    ck_assert_str_eq(render_ok(tpl, view), "hello");
}
END_TEST

/* ---- sections ---- */

START_TEST(list_repeats_block_per_item)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    add_nav_item(view, "/", "Home");
    add_nav_item(view, "/a?x=1&y=2", "A & B");

    ck_assert_str_eq(render_text(page_slots,
                                 "<ul>{{#nav}}<li><a href=\"{{href}}\">"
                                 "{{label}}</a></li>{{/nav}}</ul>",
                                 view),
                     "<ul><li><a href=\"/\">Home</a></li>"
                     "<li><a href=\"/a?x=1&amp;y=2\">A &amp; B</a></li>"
                     "</ul>");
}
END_TEST

START_TEST(empty_list_renders_nothing)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    ck_assert_str_eq(render_text(page_slots,
                                 "<ul>{{#nav}}<li>{{label}}</li>{{/nav}}</ul>",
                                 view),
                     "<ul></ul>");
}
END_TEST

START_TEST(list_item_reads_outer_slot)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    mpcms_view_set(view, "platform.home", "https://example.org");
    add_nav_item(view, "/a", "A");
    add_nav_item(view, "/b", "B");

    ck_assert_str_eq(render_text(page_slots,
                                 "{{#nav}}{{platform.home}}{{href}} {{/nav}}",
                                 view),
                     "https://example.org/a https://example.org/b ");
}
END_TEST

START_TEST(item_slot_hides_outer_slot)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);
    mpcms_view_t *group;

    mpcms_view_set(view, "label", "outer");
    group = mpcms_view_add_item(view, "groups");
    mpcms_view_set(group, "label", "first");
    group = mpcms_view_add_item(view, "groups");

    ck_assert_str_eq(render_text(menu_slots,
                                 "{{label}}:{{#groups}}[{{label}}]{{/groups}}",
                                 view),
                     "outer:[first][]");
}
END_TEST

START_TEST(nested_lists_render_all_items)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);
    mpcms_view_t *group;
    mpcms_view_t *link;

    mpcms_view_set(view, "title", "Menu");
    group = mpcms_view_add_item(view, "groups");
    mpcms_view_set(group, "label", "G1");
    link = mpcms_view_add_item(group, "links");
    mpcms_view_set(link, "label", "a");
    link = mpcms_view_add_item(group, "links");
    mpcms_view_set(link, "label", "b");
    group = mpcms_view_add_item(view, "groups");
    mpcms_view_set(group, "label", "G2");

    ck_assert_str_eq(render_text(menu_slots,
                                 "{{#groups}}{{label}}("
                                 "{{#links}}{{title}}/{{label}};{{/links}}"
                                 "{{^links}}none{{/links}}){{/groups}}",
                                 view),
                     "G1(Menu/a;Menu/b;)G2(none)");
}
END_TEST

START_TEST(list_nested_in_itself)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    add_nav_item(view, "/a", "a");
    add_nav_item(view, "/b", "b");

    ck_assert_str_eq(render_text(page_slots,
                                 "{{#nav}}{{label}}[{{#nav}}{{label}}{{/nav}}]"
                                 "{{/nav}}",
                                 view),
                     "a[ab]b[ab]");
}
END_TEST

START_TEST(text_section_shows_when_set)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    mpcms_view_set(view, "page.meta_description", "About us");

    ck_assert_str_eq(render_text(page_slots,
                                 "{{#page.meta_description}}<meta content=\""
                                 "{{page.meta_description}}\">"
                                 "{{/page.meta_description}}",
                                 view),
                     "<meta content=\"About us\">");
}
END_TEST

START_TEST(text_section_hidden_when_empty)
{
    const char *text = "[{{#page.title}}shown{{/page.title}}]";
    mpcms_view_t *absent = mpcms_view_make(unit_pool);
    mpcms_view_t *empty = mpcms_view_make(unit_pool);

    mpcms_view_set(empty, "page.title", "");

    ck_assert_str_eq(render_text(page_slots, text, absent), "[]");
    ck_assert_str_eq(render_text(page_slots, text, empty), "[]");
}
END_TEST

START_TEST(html_section_shows_when_set)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    mpcms_view_set(view, "page.content", "<p>x</p>");

    ck_assert_str_eq(render_text(page_slots,
                                 "{{#page.content}}<main>{{{page.content}}}"
                                 "</main>{{/page.content}}",
                                 view),
                     "<main><p>x</p></main>");
}
END_TEST

START_TEST(inverted_section_on_empty_list)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    ck_assert_str_eq(render_text(page_slots, "{{^nav}}no links{{/nav}}", view),
                     "no links");
}
END_TEST

START_TEST(inverted_section_on_filled_list)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    add_nav_item(view, "/", "Home");

    ck_assert_str_eq(
        render_text(page_slots, "[{{^nav}}no links{{/nav}}]", view), "[]");
}
END_TEST

START_TEST(inverted_section_on_text)
{
    const char *text = "{{^page.title}}Untitled{{/page.title}}";
    mpcms_view_t *absent = mpcms_view_make(unit_pool);
    mpcms_view_t *empty = mpcms_view_make(unit_pool);
    mpcms_view_t *set = mpcms_view_make(unit_pool);

    mpcms_view_set(empty, "page.title", "");
    mpcms_view_set(set, "page.title", "Home");

    ck_assert_str_eq(render_text(page_slots, text, absent), "Untitled");
    ck_assert_str_eq(render_text(page_slots, text, empty), "Untitled");
    ck_assert_str_eq(render_text(page_slots, text, set), "");
}
END_TEST

START_TEST(sixteen_nested_sections_accepted)
{
    const char *text = "x";
    mpcms_view_t *view = mpcms_view_make(unit_pool);
    int i;

    for (i = 0; i < MPCMS_TEMPLATE_MAX_DEPTH; i++) {
        text = apr_pstrcat(unit_pool, "{{#lang}}", text, "{{/lang}}", NULL);
    }
    mpcms_view_set(view, "lang", "en");

    ck_assert_str_eq(render_text(page_slots, text, view), "x");
}
END_TEST

/* ---- views ---- */

START_TEST(later_value_wins)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    mpcms_view_set(view, "lang", "en");
    mpcms_view_set(view, "lang", "fr");

    ck_assert_str_eq(render_text(page_slots, "{{lang}}", view), "fr");
}
END_TEST

START_TEST(null_value_marks_absent)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    mpcms_view_set(view, "lang", "en");
    mpcms_view_set(view, "lang", NULL);

    ck_assert_str_eq(
        render_text(page_slots, "[{{lang}}{{^lang}}none{{/lang}}]", view),
        "[none]");
}
END_TEST

START_TEST(unknown_view_names_ignored)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);
    mpcms_view_t *item;

    mpcms_view_set(view, "no.such.slot", "x");
    mpcms_view_set(view, "nav", "a list set as text");
    mpcms_view_add_item(view, "lang");
    item = mpcms_view_add_item(view, "nav");
    mpcms_view_set(item, "label", "L");
    mpcms_view_set(item, "other", "x");

    ck_assert_str_eq(
        render_text(page_slots, "[{{lang}}]{{#nav}}{{label}}{{/nav}}", view),
        "[]L");
}
END_TEST

START_TEST(item_cannot_set_outer_slot)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);
    mpcms_view_t *item;

    mpcms_view_set(view, "lang", "en");
    item = mpcms_view_add_item(view, "nav");
    mpcms_view_set(item, "lang", "fr");

    ck_assert_str_eq(render_text(page_slots, "{{#nav}}{{lang}}{{/nav}}", view),
                     "en");
}
END_TEST

START_TEST(view_braces_not_interpreted)
{
    mpcms_view_t *view = mpcms_view_make(unit_pool);

    mpcms_view_set(view, "page.title", "{{lang}} {{{page.content}}}");
    mpcms_view_set(view, "page.content", "{{#nav}}x{{/nav}}");
    mpcms_view_set(view, "lang", "en");

    ck_assert_str_eq(
        render_text(page_slots, "{{page.title}}|{{{page.content}}}", view),
        "{{lang}} {{{page.content}}}|{{#nav}}x{{/nav}}");
}
END_TEST

START_TEST(null_view_renders_absent)
{
    ck_assert_str_eq(render_text(page_slots,
                                 "[{{lang}}{{#nav}}x{{/nav}}{{^nav}}y{{/nav}}]",
                                 NULL),
                     "[y]");
}
END_TEST

/* ---- rendering ---- */

START_TEST(rendering_twice_gives_same_bytes)
{
    mpcms_template_t *tpl =
        parse_ok(page_slots,
                 "<title>{{page.title}}</title>{{#nav}}<a>{{label}}</a>{{/nav}}"
                 "{{{page.content}}}");
    mpcms_view_t *view = mpcms_view_make(unit_pool);
    const char *first;
    const char *second;

    mpcms_view_set(view, "page.title", "A & B");
    mpcms_view_set(view, "page.content", "<p>body</p>");
    add_nav_item(view, "/", "Home");
    first = render_ok(tpl, view);
    second = render_ok(tpl, view);

    ck_assert_ptr_ne(first, second);
    ck_assert_str_eq(first, second);
    ck_assert_str_eq(first, "<title>A &amp; B</title><a>Home</a><p>body</p>");
}
END_TEST

START_TEST(render_reports_output_length)
{
    mpcms_template_t *tpl = parse_ok(page_slots, "<{{lang}}>");
    mpcms_view_t *view = mpcms_view_make(unit_pool);
    const char *out = NULL;
    apr_size_t length = 0;
    apr_status_t rv;

    mpcms_view_set(view, "lang", "a&b");
    rv = mpcms_template_render(&out, &length, tpl, view, unit_pool);

    ck_assert_int_eq(rv, APR_SUCCESS);
    ck_assert_str_eq(out, "<a&amp;b>");
    ck_assert_uint_eq(length, 9);
    rv = mpcms_template_render(&out, NULL, tpl, view, unit_pool);
    ck_assert_int_eq(rv, APR_SUCCESS);
    ck_assert_str_eq(out, "<a&amp;b>");
}
END_TEST

/* ---- digest and source ---- */

START_TEST(digest_equal_for_equal_text)
{
    mpcms_template_t *first = parse_ok(page_slots, "<p>{{lang}}</p>");
    mpcms_template_t *second = parse_ok(page_slots, "<p>{{lang}}</p>");

    ck_assert_ptr_ne(first, second);
    ck_assert(mpcms_template_digest(first) == mpcms_template_digest(second));
}
END_TEST

START_TEST(digest_differs_for_different_text)
{
    mpcms_template_t *first = parse_ok(page_slots, "<p>{{lang}}</p>");
    mpcms_template_t *second = parse_ok(page_slots, "<p>{{ lang }}</p>");
    mpcms_template_t *third = parse_ok(page_slots, "<p>{{lang}}</p>\n");

    ck_assert(mpcms_template_digest(first) != mpcms_template_digest(second));
    ck_assert(mpcms_template_digest(first) != mpcms_template_digest(third));
}
END_TEST

START_TEST(digest_matches_fnv1a_vectors)
{
    /* Published FNV-1a 64 test vectors, which no process state can change. */
    ck_assert(mpcms_template_digest(parse_ok(page_slots, ""))
              == APR_UINT64_C(0xcbf29ce484222325));
    ck_assert(mpcms_template_digest(parse_ok(page_slots, "a"))
              == APR_UINT64_C(0xaf63dc4c8601ec8c));
    ck_assert(mpcms_template_digest(parse_ok(page_slots, "foobar"))
              == APR_UINT64_C(0x85944171f73967e8));
}
END_TEST

START_TEST(source_name_is_kept)
{
    mpcms_template_t *tpl = NULL;
    mpcms_error_t *error = NULL;
    char source[] = "themes/oms/page.html";
    apr_status_t rv;

    rv = mpcms_template_parse(&tpl, "x", 1, source, page_slots, &error,
                              unit_pool);
    memset(source, 'x', sizeof(source) - 1);

    ck_assert_int_eq(rv, APR_SUCCESS);
    ck_assert_str_eq(mpcms_template_source(tpl), "themes/oms/page.html");
}
END_TEST

/* ---- loading files ---- */

START_TEST(load_reads_template_file)
{
    const char *directory = NULL;
    char *path;
    apr_file_t *file;
    apr_size_t written = 0;
    mpcms_template_t *tpl = NULL;
    mpcms_error_t *error = NULL;
    mpcms_view_t *view = mpcms_view_make(unit_pool);
    const char *text = "<html lang=\"{{lang}}\"></html>\n";
    apr_status_t rv;

    ck_assert_int_eq(apr_temp_dir_get(&directory, unit_pool), APR_SUCCESS);
    path = apr_pstrcat(unit_pool, directory, "/mpcms-template-XXXXXX", NULL);
    ck_assert_int_eq(apr_file_mktemp(&file, path,
                                     APR_FOPEN_CREATE | APR_FOPEN_READ
                                         | APR_FOPEN_WRITE | APR_FOPEN_EXCL,
                                     unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(apr_file_write_full(file, text, strlen(text), &written),
                     APR_SUCCESS);
    apr_file_close(file);

    rv = mpcms_template_load(&tpl, path, page_slots, &error, unit_pool);
    apr_file_remove(path, unit_pool);
    mpcms_view_set(view, "lang", "nl");

    ck_assert_int_eq(rv, APR_SUCCESS);
    ck_assert_ptr_null(error);
    ck_assert_str_eq(mpcms_template_source(tpl), path);
    ck_assert_str_eq(render_ok(tpl, view), "<html lang=\"nl\"></html>\n");
    ck_assert(mpcms_template_digest(tpl)
              == mpcms_template_digest(parse_ok(page_slots, text)));
}
END_TEST

START_TEST(load_missing_file_names_reason)
{
    const char *path = "/nonexistent/mpcms/page.html";
    mpcms_template_t *tpl = NULL;
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    rv = mpcms_template_load(&tpl, path, page_slots, &error, unit_pool);

    ck_assert(APR_STATUS_IS_ENOENT(rv));
    ck_assert_ptr_null(tpl);
    ck_assert_ptr_nonnull(error);
    ck_assert_str_eq(error->source, path);
    ck_assert_int_eq(error->line, 0);
    assert_message_contains(error, path);
    assert_message_contains(error, "No such file or directory");
}
END_TEST

START_TEST(load_directory_is_rejected)
{
    const char *directory = NULL;
    mpcms_template_t *tpl = NULL;
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    ck_assert_int_eq(apr_temp_dir_get(&directory, unit_pool), APR_SUCCESS);
    rv = mpcms_template_load(&tpl, directory, page_slots, &error, unit_pool);

    ck_assert_int_ne(rv, APR_SUCCESS);
    ck_assert_ptr_null(tpl);
    ck_assert_ptr_nonnull(error);
    assert_message_contains(error, directory);
    assert_message_contains(error, "Is a directory");
}
END_TEST

/* ---- parse errors ---- */

START_TEST(unclosed_tag_is_rejected)
{
    mpcms_error_t *error = parse_failure(page_slots, "<p>\n  {{page.title");

    ck_assert_int_eq(error->line, 2);
    ck_assert_int_eq(error->column, 3);
    assert_message_contains(error, "'{{page.title' has no closing '}}'");
}
END_TEST

START_TEST(tag_unclosed_before_next_tag)
{
    mpcms_error_t *error =
        parse_failure(page_slots, "<p>{{page.title</p><p>{{lang}}</p>");

    ck_assert_int_eq(error->line, 1);
    ck_assert_int_eq(error->column, 4);
    assert_message_contains(error, "'{{page.title</p><p>'");
    assert_message_contains(error, "before the next '{{'");
}
END_TEST

START_TEST(raw_tag_needs_three_braces)
{
    mpcms_error_t *error =
        parse_failure(page_slots, "<main>{{{page.content}}</main>");

    ck_assert_int_eq(error->line, 1);
    ck_assert_int_eq(error->column, 7);
    assert_message_contains(error, "'{{{page.content}}'");
    assert_message_contains(error, "close it with '}}}'");
}
END_TEST

START_TEST(unknown_slot_is_rejected)
{
    mpcms_error_t *error = parse_failure(page_slots, "a\nb {{nothing}}");

    ck_assert_int_eq(error->line, 2);
    ck_assert_int_eq(error->column, 3);
    assert_message_contains(error, "unknown slot 'nothing'");
    assert_message_contains(error, "the known slots are lang, platform.code");
}
END_TEST

START_TEST(unknown_slot_suggests_close_name)
{
    mpcms_error_t *error = parse_failure(page_slots, "{{page.titel}}");

    ck_assert_int_eq(error->line, 1);
    ck_assert_int_eq(error->column, 1);
    assert_message_contains(error, "unknown slot 'page.titel'; did you mean "
                                   "'page.title'?");
}
END_TEST

START_TEST(unknown_slot_suggests_dotted_name)
{
    mpcms_error_t *error =
        parse_failure(page_slots, "{{#content}}{{/content}}");

    ck_assert_int_eq(error->line, 1);
    ck_assert_int_eq(error->column, 1);
    assert_message_contains(error, "did you mean 'page.content'?");
}
END_TEST

START_TEST(item_slot_unknown_outside_list)
{
    mpcms_error_t *error =
        parse_failure(page_slots, "{{#nav}}{{label}}{{/nav}}{{label}}");

    ck_assert_int_eq(error->line, 1);
    ck_assert_int_eq(error->column, 26);
    assert_message_contains(error, "unknown slot 'label'");
}
END_TEST

START_TEST(list_as_value_is_rejected)
{
    mpcms_error_t *error = parse_failure(page_slots, "<ul>{{ nav }}</ul>");

    ck_assert_int_eq(error->line, 1);
    ck_assert_int_eq(error->column, 5);
    assert_message_contains(error, "slot 'nav' is a list");
    assert_message_contains(error, "{{#nav}}...{{/nav}}");
}
END_TEST

START_TEST(raw_text_slot_is_rejected)
{
    mpcms_error_t *error =
        parse_failure(page_slots, "<title>{{{page.title}}}</title>");

    ck_assert_int_eq(error->line, 1);
    ck_assert_int_eq(error->column, 8);
    assert_message_contains(error,
                            "slot 'page.title' is text and cannot be written "
                            "raw; only HTML slots (page.content) can");
}
END_TEST

START_TEST(raw_without_html_slots_rejected)
{
    mpcms_error_t *error = parse_failure(link_slots, "{{{label}}}");

    ck_assert_int_eq(error->line, 1);
    ck_assert_int_eq(error->column, 1);
    assert_message_contains(error, "only HTML slots can, and there are none");
}
END_TEST

START_TEST(mismatched_close_is_rejected)
{
    mpcms_error_t *error =
        parse_failure(page_slots, "<ul>\n  {{#nav}}\n{{#label}}x{{/nav}}");

    ck_assert_int_eq(error->line, 3);
    ck_assert_int_eq(error->column, 12);
    assert_message_contains(error,
                            "'{{/nav}}' does not match section 'label' opened "
                            "at line 3, column 1");
    assert_message_contains(error, "with '{{/label}}'");
}
END_TEST

START_TEST(close_without_open_is_rejected)
{
    mpcms_error_t *error = parse_failure(page_slots, "x\n\n  {{/nav}}");

    ck_assert_int_eq(error->line, 3);
    ck_assert_int_eq(error->column, 3);
    assert_message_contains(error, "'{{/nav}}' closes no open section");
}
END_TEST

START_TEST(unclosed_section_is_rejected)
{
    mpcms_error_t *error = parse_failure(
        page_slots, "<ul>\n    {{#nav}}<li>{{label}}</li>\n</ul>");

    ck_assert_int_eq(error->line, 2);
    ck_assert_int_eq(error->column, 5);
    assert_message_contains(error, "section 'nav' is not closed");
    assert_message_contains(error, "add '{{/nav}}'");
}
END_TEST

START_TEST(empty_name_is_rejected)
{
    mpcms_error_t *bare = parse_failure(page_slots, "a{{}}");
    mpcms_error_t *spaces = parse_failure(page_slots, "ab{{ }}");
    mpcms_error_t *section = parse_failure(page_slots, "abc{{# }}");
    mpcms_error_t *raw = parse_failure(page_slots, "{{{}}}");

    ck_assert_int_eq(bare->column, 2);
    assert_message_contains(bare, "tag '{{}}' has an empty name");
    ck_assert_int_eq(spaces->column, 3);
    assert_message_contains(spaces, "tag '{{ }}' has an empty name");
    ck_assert_int_eq(section->column, 4);
    assert_message_contains(section, "tag '{{# }}' has an empty name");
    ck_assert_int_eq(raw->column, 1);
    assert_message_contains(raw, "tag '{{{}}}' has an empty name");
}
END_TEST

START_TEST(invalid_name_is_rejected)
{
    mpcms_error_t *upper = parse_failure(page_slots, "{{Page.Title}}");
    mpcms_error_t *dash = parse_failure(page_slots, "x {{page-title}}");
    mpcms_error_t *inner_space = parse_failure(page_slots, "{{page title}}");
    mpcms_error_t *partial = parse_failure(page_slots, "{{> header}}");

    assert_message_contains(upper, "invalid slot name 'Page.Title'");
    ck_assert_int_eq(upper->column, 1);
    assert_message_contains(dash, "invalid slot name 'page-title'");
    ck_assert_int_eq(dash->column, 3);
    assert_message_contains(inner_space, "invalid slot name 'page title'");
    assert_message_contains(partial, "invalid slot name '> header'");
}
END_TEST

START_TEST(name_over_64_chars_rejected)
{
    char name[MPCMS_TEMPLATE_MAX_NAME + 2];
    mpcms_error_t *error;

    memset(name, 'a', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    error = parse_failure(page_slots,
                          apr_pstrcat(unit_pool, "{{", name, "}}", NULL));
    assert_message_contains(error, "invalid slot name 'aaaa");
    assert_message_contains(error, "1 to 64 characters");

    /* One character less is a valid name, so only the lookup fails. */
    name[MPCMS_TEMPLATE_MAX_NAME] = '\0';
    error = parse_failure(page_slots,
                          apr_pstrcat(unit_pool, "{{", name, "}}", NULL));
    assert_message_contains(error, "unknown slot 'aaaa");
}
END_TEST

START_TEST(nesting_beyond_sixteen_rejected)
{
    const char *text = "";
    mpcms_error_t *error;
    int i;

    for (i = 0; i <= MPCMS_TEMPLATE_MAX_DEPTH; i++) {
        text = apr_pstrcat(unit_pool, text, "{{#lang}}", NULL);
    }
    error = parse_failure(page_slots, text);

    ck_assert_int_eq(error->line, 1);
    ck_assert_int_eq(error->column, MPCMS_TEMPLATE_MAX_DEPTH * 9 + 1);
    assert_message_contains(error,
                            "section 'lang' is nested deeper than 16 levels");
}
END_TEST

START_TEST(error_column_counts_characters)
{
    /* "é" and "€" are 2 and 3 bytes in UTF-8 but one column each. */
    mpcms_error_t *error = parse_failure(
        page_slots, "one\ntwo\n\xc3\xa9\xe2\x82\xac {{bad name}}");

    ck_assert_int_eq(error->line, 3);
    ck_assert_int_eq(error->column, 4);
}
END_TEST

START_TEST(error_names_source_argument)
{
    mpcms_template_t *tpl = NULL;
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    rv = mpcms_template_parse(&tpl, "{{x}}", 5, "themes/oms/page.html",
                              page_slots, &error, unit_pool);

    ck_assert_int_eq(rv, APR_EGENERAL);
    ck_assert_ptr_nonnull(error);
    ck_assert_str_eq(error->source, "themes/oms/page.html");
    ck_assert_str_eq(mpcms_error_format(error, unit_pool),
                     "themes/oms/page.html:1:1: unknown slot 'x'; the known "
                     "slots are lang, platform.code, platform.name, "
                     "platform.home, page.title, page.slug, "
                     "page.meta_description, page.meta_keywords, "
                     "canonical_url, vendor.code, vendor.name, vendor.home, "
                     "page.content, nav");
}
END_TEST

START_TEST(failed_parse_clears_template)
{
    mpcms_template_t *tpl = parse_ok(page_slots, "valid");
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    ck_assert_ptr_nonnull(tpl);
    rv = mpcms_template_parse(&tpl, "{{#nav}}", 8, "test.html", page_slots,
                              &error, unit_pool);

    ck_assert_int_ne(rv, APR_SUCCESS);
    ck_assert_ptr_null(tpl);
}
END_TEST

START_TEST(parse_accepts_null_error)
{
    mpcms_template_t *tpl = NULL;
    apr_status_t rv;

    rv = mpcms_template_parse(&tpl, "{{x}}", 5, "test.html", page_slots, NULL,
                              unit_pool);

    ck_assert_int_eq(rv, APR_EGENERAL);
    ck_assert_ptr_null(tpl);
}
END_TEST

START_TEST(duplicate_slot_name_rejected)
{
    static const mpcms_slot_t table[] = {
        { "title", MPCMS_SLOT_TEXT, NULL },
        { "lang", MPCMS_SLOT_TEXT, NULL },
        { "title", MPCMS_SLOT_HTML, NULL },
        { NULL, MPCMS_SLOT_TEXT, NULL },
    };
    mpcms_error_t *error = parse_failure(table, "{{title}}");

    ck_assert_int_eq(error->line, 0);
    assert_message_contains(error, "slot table lists 'title' twice");
}
END_TEST

START_TEST(invalid_item_slot_rejected)
{
    static const mpcms_slot_t items[] = {
        { "Label", MPCMS_SLOT_TEXT, NULL },
        { NULL, MPCMS_SLOT_TEXT, NULL },
    };
    static const mpcms_slot_t table[] = {
        { "links", MPCMS_SLOT_LIST, items },
        { NULL, MPCMS_SLOT_TEXT, NULL },
    };
    mpcms_error_t *error = parse_failure(table, "{{#links}}{{/links}}");

    ck_assert_int_eq(error->line, 0);
    assert_message_contains(error, "slot table contains the invalid name "
                                   "'Label'");
}
END_TEST

/* ---- data-driven cases ---- */

static const char *read_text_file(const char *path, apr_size_t *length)
{
    apr_file_t *file;
    apr_finfo_t info;
    apr_size_t count = 0;
    char *text;

    ck_assert_msg(apr_file_open(&file, path, APR_FOPEN_READ,
                                APR_FPROT_OS_DEFAULT, unit_pool)
                      == APR_SUCCESS,
                  "cannot open %s", path);
    ck_assert_int_eq(apr_file_info_get(&info, APR_FINFO_SIZE, file),
                     APR_SUCCESS);
    text = apr_palloc(unit_pool, (apr_size_t)info.size + 1);
    if (info.size > 0) {
        ck_assert_int_eq(
            apr_file_read_full(file, text, (apr_size_t)info.size, &count),
            APR_SUCCESS);
    }
    apr_file_close(file);
    text[count] = '\0';
    if (length != NULL) {
        *length = count;
    }
    return text;
}

static int file_exists(const char *path)
{
    apr_finfo_t info;

    return apr_stat(&info, path, APR_FINFO_TYPE, unit_pool) == APR_SUCCESS
           && info.filetype == APR_REG;
}

/*
 * Fills view from a JSON object: strings become values, null leaves a slot
 * absent and arrays of objects become list items.
 */
static void view_from_json(mpcms_view_t *view, json_t *object,
                           const char *case_name)
{
    const char *key;
    json_t *value;

    json_object_foreach(object, key, value)
    {
        const char *name = apr_pstrdup(unit_pool, key);
        size_t i;
        json_t *element;

        if (json_is_string(value)) {
            mpcms_view_set(view, name,
                           apr_pstrdup(unit_pool, json_string_value(value)));
            continue;
        }
        if (json_is_null(value)) {
            continue;
        }
        ck_assert_msg(json_is_array(value),
                      "case %s: view.json key '%s' must be a string, null or "
                      "an array of objects",
                      case_name, key);
        json_array_foreach(value, i, element)
        {
            ck_assert_msg(json_is_object(element),
                          "case %s: item %zu of '%s' in view.json is not an "
                          "object",
                          case_name, i, key);
            view_from_json(mpcms_view_add_item(view, name), element, case_name);
        }
    }
}

static void check_rendered_case(const char *name, const char *folder,
                                const mpcms_template_t *tpl,
                                const mpcms_view_t *view)
{
    const char *expected;
    apr_size_t expected_length;
    const char *out = NULL;
    apr_size_t length = 0;
    apr_status_t rv;

    expected =
        read_text_file(apr_pstrcat(unit_pool, folder, "/expected.html", NULL),
                       &expected_length);
    rv = mpcms_template_render(&out, &length, tpl, view, unit_pool);

    ck_assert_msg(rv == APR_SUCCESS, "case %s: render failed", name);
    ck_assert_msg(length == expected_length,
                  "case %s: output is %zu bytes, expected %zu:\n%s", name,
                  (size_t)length, (size_t)expected_length, out);
    ck_assert_msg(memcmp(out, expected, length) == 0,
                  "case %s: output differs from expected.html:\n%s", name, out);
}

static void check_failed_case(const char *name, const char *folder,
                              const char *template_path, apr_status_t rv,
                              const mpcms_template_t *tpl,
                              const mpcms_error_t *error)
{
    const char *expected = read_text_file(
        apr_pstrcat(unit_pool, folder, "/error.txt", NULL), NULL);
    const char *message_part;
    char *end;
    int line = 0;
    int column = 0;

    ck_assert_msg(sscanf(expected, "%d:%d", &line, &column) == 2,
                  "case %s: the first line of error.txt must be "
                  "line:column",
                  name);
    message_part = strchr(expected, '\n');
    ck_assert_msg(message_part != NULL && message_part[1] != '\0',
                  "case %s: the second line of error.txt must be part of "
                  "the message",
                  name);
    message_part = apr_pstrdup(unit_pool, message_part + 1);
    end = strpbrk(message_part, "\r\n");
    if (end != NULL) {
        *end = '\0';
    }

    ck_assert_msg(rv != APR_SUCCESS, "case %s: template was accepted", name);
    ck_assert_msg(tpl == NULL, "case %s: failed parse left a template", name);
    ck_assert_msg(error != NULL, "case %s: no error record", name);
    ck_assert_msg(error->line == line, "case %s: error line %d, expected %d",
                  name, error->line, line);
    ck_assert_msg(error->column == column,
                  "case %s: error column %d, expected %d", name, error->column,
                  column);
    ck_assert_msg(strstr(error->message, message_part) != NULL,
                  "case %s: message \"%s\" does not contain \"%s\"", name,
                  error->message, message_part);
    ck_assert_msg(error->source != NULL
                      && strcmp(error->source, template_path) == 0,
                  "case %s: error source is %s", name, error->source);
}

static void check_case(const char *name)
{
    const char *folder = apr_pstrcat(unit_pool, CASES_DIR "/", name, NULL);
    const char *template_path =
        apr_pstrcat(unit_pool, folder, "/template.html", NULL);
    const char *view_path = apr_pstrcat(unit_pool, folder, "/view.json", NULL);
    int has_expected =
        file_exists(apr_pstrcat(unit_pool, folder, "/expected.html", NULL));
    int has_error =
        file_exists(apr_pstrcat(unit_pool, folder, "/error.txt", NULL));
    mpcms_template_t *tpl = NULL;
    mpcms_error_t *error = NULL;
    mpcms_view_t *view = mpcms_view_make(unit_pool);
    json_error_t json_error;
    json_t *json;
    apr_status_t rv;

    ck_assert_msg(has_expected != has_error,
                  "case %s needs exactly one of expected.html and error.txt",
                  name);
    json = json_load_file(view_path, 0, &json_error);
    ck_assert_msg(json != NULL, "case %s: %s:%d: %s", name, view_path,
                  json_error.line, json_error.text);
    ck_assert_msg(json_is_object(json),
                  "case %s: view.json must contain a JSON object", name);
    view_from_json(view, json, name);

    rv =
        mpcms_template_load(&tpl, template_path, page_slots, &error, unit_pool);
    if (has_expected) {
        ck_assert_msg(rv == APR_SUCCESS, "case %s: parse failed: %s", name,
                      mpcms_error_format(error, unit_pool));
        check_rendered_case(name, folder, tpl, view);
    }
    else {
        check_failed_case(name, folder, template_path, rv, tpl, error);
    }
    json_decref(json);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

START_TEST(template_cases_all_pass)
{
    apr_array_header_t *names =
        apr_array_make(unit_pool, 32, sizeof(const char *));
    apr_dir_t *dir;
    apr_finfo_t info;
    apr_status_t rv;
    int i;

    rv = apr_dir_open(&dir, CASES_DIR, unit_pool);
    ck_assert_msg(rv == APR_SUCCESS,
                  "cannot open " CASES_DIR "; run the tests from tests/unit");
    while (apr_dir_read(&info, APR_FINFO_NAME, dir) == APR_SUCCESS) {
        apr_finfo_t entry;
        const char *path;

        if (info.name[0] == '.') {
            continue;
        }
        path = apr_pstrcat(unit_pool, CASES_DIR "/", info.name, NULL);
        if (apr_stat(&entry, path, APR_FINFO_TYPE, unit_pool) == APR_SUCCESS
            && entry.filetype == APR_DIR) {
            APR_ARRAY_PUSH(names, const char *) =
                apr_pstrdup(unit_pool, info.name);
        }
    }
    apr_dir_close(dir);
    qsort(names->elts, names->nelts, sizeof(const char *), compare_strings);

    ck_assert_int_ge(names->nelts, CASES_MIN_COUNT);
    for (i = 0; i < names->nelts; i++) {
        check_case(APR_ARRAY_IDX(names, i, const char *));
    }
}
END_TEST

Suite *template_suite(void)
{
    Suite *suite = suite_create("template");
    TCase *values = tcase_create("values");
    TCase *sections = tcase_create("sections");
    TCase *views = tcase_create("views");
    TCase *output = tcase_create("output");
    TCase *errors = tcase_create("errors");
    TCase *cases = tcase_create("cases");

    tcase_add_checked_fixture(values, unit_setup, unit_teardown);
    tcase_add_test(values, value_is_html_escaped);
    tcase_add_test(values, value_allows_inner_spaces);
    tcase_add_test(values, raw_value_is_not_escaped);
    tcase_add_test(values, html_slot_escaped_by_default);
    tcase_add_test(values, absent_value_renders_empty);
    tcase_add_test(values, comment_produces_nothing);
    tcase_add_test(values, literal_text_is_copied);
    tcase_add_test(values, brace_after_tag_is_text);
    tcase_add_test(values, empty_template_renders_empty);
    tcase_add_test(values, parse_honors_text_length);
    tcase_add_test(values, parse_copies_the_text);
    tcase_add_test(values, parse_copies_slot_table);
    suite_add_tcase(suite, values);

    tcase_add_checked_fixture(sections, unit_setup, unit_teardown);
    tcase_add_test(sections, list_repeats_block_per_item);
    tcase_add_test(sections, empty_list_renders_nothing);
    tcase_add_test(sections, list_item_reads_outer_slot);
    tcase_add_test(sections, item_slot_hides_outer_slot);
    tcase_add_test(sections, nested_lists_render_all_items);
    tcase_add_test(sections, list_nested_in_itself);
    tcase_add_test(sections, text_section_shows_when_set);
    tcase_add_test(sections, text_section_hidden_when_empty);
    tcase_add_test(sections, html_section_shows_when_set);
    tcase_add_test(sections, inverted_section_on_empty_list);
    tcase_add_test(sections, inverted_section_on_filled_list);
    tcase_add_test(sections, inverted_section_on_text);
    tcase_add_test(sections, sixteen_nested_sections_accepted);
    suite_add_tcase(suite, sections);

    tcase_add_checked_fixture(views, unit_setup, unit_teardown);
    tcase_add_test(views, later_value_wins);
    tcase_add_test(views, null_value_marks_absent);
    tcase_add_test(views, unknown_view_names_ignored);
    tcase_add_test(views, item_cannot_set_outer_slot);
    tcase_add_test(views, view_braces_not_interpreted);
    tcase_add_test(views, null_view_renders_absent);
    suite_add_tcase(suite, views);

    tcase_add_checked_fixture(output, unit_setup, unit_teardown);
    tcase_add_test(output, rendering_twice_gives_same_bytes);
    tcase_add_test(output, render_reports_output_length);
    tcase_add_test(output, digest_equal_for_equal_text);
    tcase_add_test(output, digest_differs_for_different_text);
    tcase_add_test(output, digest_matches_fnv1a_vectors);
    tcase_add_test(output, source_name_is_kept);
    tcase_add_test(output, load_reads_template_file);
    tcase_add_test(output, load_missing_file_names_reason);
    tcase_add_test(output, load_directory_is_rejected);
    suite_add_tcase(suite, output);

    tcase_add_checked_fixture(errors, unit_setup, unit_teardown);
    tcase_add_test(errors, unclosed_tag_is_rejected);
    tcase_add_test(errors, tag_unclosed_before_next_tag);
    tcase_add_test(errors, raw_tag_needs_three_braces);
    tcase_add_test(errors, unknown_slot_is_rejected);
    tcase_add_test(errors, unknown_slot_suggests_close_name);
    tcase_add_test(errors, unknown_slot_suggests_dotted_name);
    tcase_add_test(errors, item_slot_unknown_outside_list);
    tcase_add_test(errors, list_as_value_is_rejected);
    tcase_add_test(errors, raw_text_slot_is_rejected);
    tcase_add_test(errors, raw_without_html_slots_rejected);
    tcase_add_test(errors, mismatched_close_is_rejected);
    tcase_add_test(errors, close_without_open_is_rejected);
    tcase_add_test(errors, unclosed_section_is_rejected);
    tcase_add_test(errors, empty_name_is_rejected);
    tcase_add_test(errors, invalid_name_is_rejected);
    tcase_add_test(errors, name_over_64_chars_rejected);
    tcase_add_test(errors, nesting_beyond_sixteen_rejected);
    tcase_add_test(errors, error_column_counts_characters);
    tcase_add_test(errors, error_names_source_argument);
    tcase_add_test(errors, failed_parse_clears_template);
    tcase_add_test(errors, parse_accepts_null_error);
    tcase_add_test(errors, duplicate_slot_name_rejected);
    tcase_add_test(errors, invalid_item_slot_rejected);
    suite_add_tcase(suite, errors);

    tcase_add_checked_fixture(cases, unit_setup, unit_teardown);
    tcase_add_test(cases, template_cases_all_pass);
    suite_add_tcase(suite, cases);
    return suite;
}
