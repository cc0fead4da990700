/*
 * Allowlist HTML sanitizer on top of libxml2's HTML parser.
 *
 * Each pass parses "<body>" followed by the fragment, so that the fragment
 * always sits inside a body element. Without it, libxml2 wraps text that
 * comes before any element in an implied p. The pass then walks the tree
 * and writes the allowed elements and attributes into a buffer that again
 * starts with "<body>", ready to be parsed by the next pass.
 */
#include <stdlib.h>
#include <string.h>

#include <apr_cstr.h>
#include <apr_strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "html.h"
#include "sanitize.h"

#define BODY_PREFIX        "<body>"
#define BODY_PREFIX_LENGTH (sizeof(BODY_PREFIX) - 1)

/*
 * Elements that libxml2 puts around the fragment: html and the body of
 * BODY_PREFIX. They count in the parser's node depth but not in the
 * fragment's nesting.
 */
#define WRAPPER_DEPTH 2

/*
 * RECOVER makes script and style end only at their own end tag, as in
 * browsers. Without it, any "</" followed by a letter ends them. IGNORE_ENC
 * keeps a <meta charset> in the fragment from switching the encoding.
 * NODEFDTD leaves out the doctype node that libxml2 would add.
 */
#define PARSE_OPTIONS                                                          \
    (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR                \
     | HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC)

/* Maximum lengths of the values that are checked by pattern. */
#define DIGITS_MAX_LENGTH 9
#define CLASS_MAX_LENGTH  100
#define ID_MAX_LENGTH     64
#define SPAN_MAX          1000

/* U+FFFD REPLACEMENT CHARACTER, written in place of each NUL byte. */
#define REPLACEMENT_CHARACTER        "\xEF\xBF\xBD"
#define REPLACEMENT_CHARACTER_LENGTH 3

typedef enum {
    VALUE_TEXT,    /* any text */
    VALUE_URL,     /* relative, http, https, mailto or tel */
    VALUE_DIGITS,  /* 1 to DIGITS_MAX_LENGTH ASCII digits */
    VALUE_SPAN,    /* a number of cells, 1 to SPAN_MAX */
    VALUE_DIR,     /* ltr, rtl or auto */
    VALUE_SCOPE,   /* row, col, rowgroup or colgroup */
    VALUE_TARGET,  /* _blank */
    VALUE_BOOLEAN, /* presence only; written as "" */
    VALUE_CLASS,   /* ^[a-z0-9 _-]{1,100}$ */
    VALUE_ID,      /* ^[a-z][a-z0-9_-]{0,63}$ */
    VALUE_REL      /* any text; gains noopener noreferrer with _blank */
} value_kind_e;

typedef struct attribute_rule {
    const char *name; /* NULL ends an array */
    value_kind_e kind;
} attribute_rule_t;

typedef enum {
    ELEMENT_KEEP,    /* written with its allowed attributes */
    ELEMENT_DROP,    /* removed with its content */
    ELEMENT_WRAPPER, /* html or body: only the children are written */
    ELEMENT_UNWRAP   /* removed, children written in its place */
} element_action_e;

typedef struct element_rule {
    const char *name;
    element_action_e action;
    const attribute_rule_t *attribute_rules; /* besides the global ones */
    int is_void;                             /* written without an end tag */
    const char *renamed_to; /* name written in place of name, or NULL */
} element_rule_t;

static const attribute_rule_t global_attributes[] = {
    { "title", VALUE_TEXT },  { "lang", VALUE_TEXT }, { "dir", VALUE_DIR },
    { "class", VALUE_CLASS }, { "id", VALUE_ID },     { NULL, VALUE_TEXT },
};

static const attribute_rule_t link_attributes[] = {
    { "href", VALUE_URL },
    { "rel", VALUE_REL },
    { "target", VALUE_TARGET },
    { NULL, VALUE_TEXT },
};

static const attribute_rule_t image_attributes[] = {
    { "src", VALUE_URL },      { "alt", VALUE_TEXT },
    { "width", VALUE_DIGITS }, { "height", VALUE_DIGITS },
    { NULL, VALUE_TEXT },
};

static const attribute_rule_t cell_attributes[] = {
    { "colspan", VALUE_SPAN },
    { "rowspan", VALUE_SPAN },
    { "scope", VALUE_SCOPE },
    { NULL, VALUE_TEXT },
};

static const attribute_rule_t ordered_list_attributes[] = {
    { "start", VALUE_DIGITS },
    { "reversed", VALUE_BOOLEAN },
    { NULL, VALUE_TEXT },
};

static const attribute_rule_t time_attributes[] = {
    { "datetime", VALUE_TEXT },
    { NULL, VALUE_TEXT },
};

static const attribute_rule_t quote_attributes[] = {
    { "cite", VALUE_URL },
    { NULL, VALUE_TEXT },
};

/*
 * Elements that the policy names, sorted by strcmp for bsearch. Every
 * other element is unwrapped. libxml2 lowercases element and attribute
 * names, so the names here are lowercase.
 */
static const element_rule_t element_rules[] = {
    { "a", ELEMENT_KEEP, link_attributes, 0, NULL },
    { "abbr", ELEMENT_KEEP, NULL, 0, NULL },
    { "applet", ELEMENT_DROP, NULL, 0, NULL },
    { "b", ELEMENT_KEEP, NULL, 0, NULL },
    { "base", ELEMENT_DROP, NULL, 0, NULL },
    { "blockquote", ELEMENT_KEEP, quote_attributes, 0, NULL },
    { "body", ELEMENT_WRAPPER, NULL, 0, NULL },
    { "br", ELEMENT_KEEP, NULL, 1, NULL },
    { "button", ELEMENT_DROP, NULL, 0, NULL },
    { "caption", ELEMENT_KEEP, NULL, 0, NULL },
    { "cite", ELEMENT_KEEP, NULL, 0, NULL },
    { "code", ELEMENT_KEEP, NULL, 0, NULL },
    { "dd", ELEMENT_KEEP, NULL, 0, NULL },
    { "div", ELEMENT_KEEP, NULL, 0, NULL },
    { "dl", ELEMENT_KEEP, NULL, 0, NULL },
    { "dt", ELEMENT_KEEP, NULL, 0, NULL },
    { "em", ELEMENT_KEEP, NULL, 0, NULL },
    /*
     * Browsers parse embed as a void element, but libxml2 2.9 gives it the
     * content that follows as children, so those are kept.
     */
    { "embed", ELEMENT_UNWRAP, NULL, 0, NULL },
    { "figcaption", ELEMENT_KEEP, NULL, 0, NULL },
    { "figure", ELEMENT_KEEP, NULL, 0, NULL },
    { "form", ELEMENT_DROP, NULL, 0, NULL },
    { "frameset", ELEMENT_DROP, NULL, 0, NULL },
    { "h1", ELEMENT_KEEP, NULL, 0, "h2" },
    { "h2", ELEMENT_KEEP, NULL, 0, NULL },
    { "h3", ELEMENT_KEEP, NULL, 0, NULL },
    { "h4", ELEMENT_KEEP, NULL, 0, NULL },
    { "h5", ELEMENT_KEEP, NULL, 0, NULL },
    { "h6", ELEMENT_KEEP, NULL, 0, NULL },
    { "head", ELEMENT_DROP, NULL, 0, NULL },
    { "hr", ELEMENT_KEEP, NULL, 1, NULL },
    { "html", ELEMENT_WRAPPER, NULL, 0, NULL },
    { "i", ELEMENT_KEEP, NULL, 0, NULL },
    { "iframe", ELEMENT_DROP, NULL, 0, NULL },
    { "img", ELEMENT_KEEP, image_attributes, 1, NULL },
    { "input", ELEMENT_DROP, NULL, 0, NULL },
    { "kbd", ELEMENT_KEEP, NULL, 0, NULL },
    { "li", ELEMENT_KEEP, NULL, 0, NULL },
    { "link", ELEMENT_DROP, NULL, 0, NULL },
    { "mark", ELEMENT_KEEP, NULL, 0, NULL },
    { "math", ELEMENT_DROP, NULL, 0, NULL },
    { "meta", ELEMENT_DROP, NULL, 0, NULL },
    { "noembed", ELEMENT_DROP, NULL, 0, NULL },
    { "noframes", ELEMENT_DROP, NULL, 0, NULL },
    { "noscript", ELEMENT_DROP, NULL, 0, NULL },
    { "object", ELEMENT_DROP, NULL, 0, NULL },
    { "ol", ELEMENT_KEEP, ordered_list_attributes, 0, NULL },
    { "p", ELEMENT_KEEP, NULL, 0, NULL },
    { "pre", ELEMENT_KEEP, NULL, 0, NULL },
    { "q", ELEMENT_KEEP, quote_attributes, 0, NULL },
    { "s", ELEMENT_KEEP, NULL, 0, NULL },
    { "script", ELEMENT_DROP, NULL, 0, NULL },
    { "select", ELEMENT_DROP, NULL, 0, NULL },
    { "small", ELEMENT_KEEP, NULL, 0, NULL },
    { "span", ELEMENT_KEEP, NULL, 0, NULL },
    { "strong", ELEMENT_KEEP, NULL, 0, NULL },
    { "style", ELEMENT_DROP, NULL, 0, NULL },
    { "sub", ELEMENT_KEEP, NULL, 0, NULL },
    { "sup", ELEMENT_KEEP, NULL, 0, NULL },
    { "svg", ELEMENT_DROP, NULL, 0, NULL },
    { "table", ELEMENT_KEEP, NULL, 0, NULL },
    { "tbody", ELEMENT_KEEP, NULL, 0, NULL },
    { "td", ELEMENT_KEEP, cell_attributes, 0, NULL },
    { "template", ELEMENT_DROP, NULL, 0, NULL },
    { "textarea", ELEMENT_DROP, NULL, 0, NULL },
    { "tfoot", ELEMENT_KEEP, NULL, 0, NULL },
    { "th", ELEMENT_KEEP, cell_attributes, 0, NULL },
    { "thead", ELEMENT_KEEP, NULL, 0, NULL },
    { "time", ELEMENT_KEEP, time_attributes, 0, NULL },
    { "title", ELEMENT_DROP, NULL, 0, NULL },
    { "tr", ELEMENT_KEEP, NULL, 0, NULL },
    { "u", ELEMENT_KEEP, NULL, 0, NULL },
    { "ul", ELEMENT_KEEP, NULL, 0, NULL },
};

#define ELEMENT_RULE_COUNT (sizeof(element_rules) / sizeof(element_rules[0]))

/* Growing output buffer in a pool. Old blocks stay in the pool. */
typedef struct output {
    apr_pool_t *pool;
    char *data;
    apr_size_t length;
    apr_size_t capacity;
} output_t;

/* One pass: the output and the removals counted while writing it. */
typedef struct writer {
    output_t out;
    mpcms_sanitize_report_t report;
} writer_t;

/* Parser state of one pass, reached through the context's _private. */
typedef struct depth_guard {
    int too_deep;         /* the fragment nests beyond the maximum */
    int skipped_elements; /* started but not built, still open */
} depth_guard_t;

/* ---- output ---- */

static void output_init(output_t *out, apr_size_t capacity, apr_pool_t *pool)
{
    out->pool = pool;
    out->data = apr_palloc(pool, capacity);
    out->length = 0;
    out->capacity = capacity;
}

/* Returns room for extra more bytes at the end of the output. */
static char *output_reserve(output_t *out, apr_size_t extra)
{
    if (out->capacity - out->length < extra) {
        apr_size_t capacity = out->capacity * 2;
        char *data;

        while (capacity - out->length < extra) {
            capacity *= 2;
        }
        data = apr_palloc(out->pool, capacity);
        memcpy(data, out->data, out->length);
        out->data = data;
        out->capacity = capacity;
    }
    return out->data + out->length;
}

static void output_bytes(output_t *out, const char *bytes, apr_size_t length)
{
    memcpy(output_reserve(out, length), bytes, length);
    out->length += length;
}

static void output_string(output_t *out, const char *text)
{
    output_bytes(out, text, strlen(text));
}

static void output_escaped(output_t *out, const char *text)
{
    apr_size_t length = mpcms_html_escaped_length(text);

    mpcms_html_escape_to(output_reserve(out, length), text);
    out->length += length;
}

/* ---- attribute values ---- */

static int is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int is_ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_ascii_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_digits(const char *value, apr_size_t max_length)
{
    apr_size_t length = strlen(value);
    apr_size_t i;

    if (length == 0 || length > max_length) {
        return 0;
    }
    for (i = 0; i < length; i++) {
        if (!is_ascii_digit(value[i])) {
            return 0;
        }
    }
    return 1;
}

/* Matches ^[a-z0-9 _-]{1,100}$. */
static int is_valid_class(const char *value)
{
    apr_size_t length = strlen(value);
    apr_size_t i;

    if (length == 0 || length > CLASS_MAX_LENGTH) {
        return 0;
    }
    for (i = 0; i < length; i++) {
        char c = value[i];

        if (!is_ascii_lower(c) && !is_ascii_digit(c) && c != ' ' && c != '_'
            && c != '-') {
            return 0;
        }
    }
    return 1;
}

/* Matches ^[a-z][a-z0-9_-]{0,63}$. */
static int is_valid_id(const char *value)
{
    apr_size_t length = strlen(value);
    apr_size_t i;

    if (length == 0 || length > ID_MAX_LENGTH || !is_ascii_lower(value[0])) {
        return 0;
    }
    for (i = 1; i < length; i++) {
        char c = value[i];

        if (!is_ascii_lower(c) && !is_ascii_digit(c) && c != '_' && c != '-') {
            return 0;
        }
    }
    return 1;
}

/*
 * Returns the canonical spelling of value among the NULL-terminated
 * keywords, compared ASCII case-insensitively as HTML compares enumerated
 * attributes, or NULL when value matches none of them.
 */
static const char *match_keyword(const char *value, const char *const *keywords)
{
    for (; *keywords != NULL; keywords++) {
        if (apr_cstr_casecmp(value, *keywords) == 0) {
            return *keywords;
        }
    }
    return NULL;
}

/*
 * Returns the URL to write, or NULL when it is rejected. ASCII control
 * characters are removed everywhere, because browsers remove tab and
 * newline anywhere in a URL and would run "jav\tascript:" as "javascript:".
 * Spaces are trimmed at both ends. The value written is the value checked.
 */
static const char *clean_url(const char *value, apr_pool_t *pool)
{
    static const char *const allowed_schemes[] = { "http", "https", "mailto",
                                                   "tel", NULL };
    apr_size_t length = strlen(value);
    char *url = apr_palloc(pool, length + 1);
    apr_size_t url_length = 0;
    apr_size_t start = 0;
    apr_size_t i;
    const char *scheme_end;

    for (i = 0; i < length; i++) {
        unsigned char c = (unsigned char)value[i];

        if (c >= 0x20 && c != 0x7F) {
            url[url_length++] = (char)c;
        }
    }
    while (url_length > 0 && url[url_length - 1] == ' ') {
        url_length--;
    }
    url[url_length] = '\0';
    while (url[start] == ' ') {
        start++;
    }
    url += start;

    if (url[0] == '\0') {
        return NULL;
    }

    /* Browsers read a backslash as a slash in http(s) URLs. */
    if ((url[0] == '/' || url[0] == '\\')
        && (url[1] == '/' || url[1] == '\\')) {
        return NULL;
    }

    /*
     * A colon before any '/', '?' or '#' ends a scheme. Anything there that
     * is not an allowed scheme is rejected, even text that a browser would
     * not parse as a scheme, because a relative path can always be
     * written with "./" in front.
     */
    scheme_end = url + strcspn(url, ":/?#");
    if (*scheme_end == ':') {
        const char *scheme =
            apr_pstrmemdup(pool, url, (apr_size_t)(scheme_end - url));

        if (match_keyword(scheme, allowed_schemes) == NULL) {
            return NULL;
        }
    }
    return url;
}

/* Returns whether the space-separated list value contains token. */
static int has_token(const char *value, const char *token)
{
    apr_size_t token_length = strlen(token);
    const char *p = value;

    while (*p != '\0') {
        apr_size_t length;

        while (is_ascii_space(*p)) {
            p++;
        }
        length = 0;
        while (p[length] != '\0' && !is_ascii_space(p[length])) {
            length++;
        }
        if (length == token_length
            && apr_cstr_casecmpn(p, token, length) == 0) {
            return 1;
        }
        p += length;
    }
    return 0;
}

/*
 * Adds noopener and noreferrer to rel when missing, so that a page opened
 * with target="_blank" gets no handle on the storefront's window and no
 * Referer.
 */
static const char *add_blank_target_rel(const char *rel, apr_pool_t *pool)
{
    static const char *const tokens[] = { "noopener", "noreferrer", NULL };
    const char *const *token;

    for (token = tokens; *token != NULL; token++) {
        apr_size_t length = strlen(rel);

        if (has_token(rel, *token)) {
            continue;
        }
        if (length == 0 || is_ascii_space(rel[length - 1])) {
            rel = apr_pstrcat(pool, rel, *token, NULL);
        }
        else {
            rel = apr_pstrcat(pool, rel, " ", *token, NULL);
        }
    }
    return rel;
}

/*
 * Returns the value to write for an attribute of the given kind, or NULL
 * when the attribute must go. value is NULL for an attribute written
 * without "=".
 */
static const char *clean_value(value_kind_e kind, const char *value,
                               int has_blank_target, apr_pool_t *pool)
{
    static const char *const directions[] = { "ltr", "rtl", "auto", NULL };
    static const char *const scopes[] = { "row", "col", "rowgroup", "colgroup",
                                          NULL };
    static const char *const targets[] = { "_blank", NULL };

    if (value == NULL) {
        value = "";
    }

    switch (kind) {
    case VALUE_TEXT:
        return value;
    case VALUE_URL:
        return clean_url(value, pool);
    case VALUE_DIGITS:
        return is_digits(value, DIGITS_MAX_LENGTH) ? value : NULL;
    case VALUE_SPAN: {
        long span;

        if (!is_digits(value, DIGITS_MAX_LENGTH)) {
            return NULL;
        }
        span = strtol(value, NULL, 10);
        if (span < 1 || span > SPAN_MAX) {
            return NULL;
        }
        /* Written without leading zeros, so "007" becomes "7". */
        return apr_ltoa(pool, span);
    }
    case VALUE_DIR:
        return match_keyword(value, directions);
    case VALUE_SCOPE:
        return match_keyword(value, scopes);
    case VALUE_TARGET:
        return match_keyword(value, targets);
    case VALUE_BOOLEAN:
        return "";
    case VALUE_CLASS:
        return is_valid_class(value) ? value : NULL;
    case VALUE_ID:
        return is_valid_id(value) ? value : NULL;
    case VALUE_REL:
        return has_blank_target ? add_blank_target_rel(value, pool) : value;
    }
    return NULL;
}

/*
 * Returns the decoded value of an attribute, or NULL when it was written
 * without "=". libxml2 has already replaced the character references.
 */
static const char *attribute_value(const xmlAttr *attribute, apr_pool_t *pool)
{
    const xmlNode *child = attribute->children;
    const char *value = "";

    if (child == NULL) {
        return NULL;
    }
    if (child->next == NULL && child->type == XML_TEXT_NODE) {
        return child->content != NULL ? (const char *)child->content : "";
    }
    for (; child != NULL; child = child->next) {
        if (child->type == XML_TEXT_NODE && child->content != NULL) {
            value =
                apr_pstrcat(pool, value, (const char *)child->content, NULL);
        }
    }
    return value;
}

static const attribute_rule_t *find_in_rules(const attribute_rule_t *rules,
                                             const char *name)
{
    if (rules == NULL) {
        return NULL;
    }
    for (; rules->name != NULL; rules++) {
        if (strcmp(rules->name, name) == 0) {
            return rules;
        }
    }
    return NULL;
}

static const attribute_rule_t *find_attribute_rule(const element_rule_t *rule,
                                                   const char *name)
{
    const attribute_rule_t *found = find_in_rules(rule->attribute_rules, name);

    return found != NULL ? found : find_in_rules(global_attributes, name);
}

/* ---- tree walk ---- */

static int compare_element_rule(const void *key, const void *member)
{
    return strcmp(key, ((const element_rule_t *)member)->name);
}

static const element_rule_t *find_element_rule(const char *name)
{
    return bsearch(name, element_rules, ELEMENT_RULE_COUNT,
                   sizeof(element_rules[0]), compare_element_rule);
}

static const char *output_name(const element_rule_t *rule)
{
    return rule->renamed_to != NULL ? rule->renamed_to : rule->name;
}

static int count_attributes(const xmlNode *node)
{
    const xmlAttr *attribute;
    int count = 0;

    for (attribute = node->properties; attribute != NULL;
         attribute = attribute->next) {
        count++;
    }
    return count;
}

/* Returns whether the element has a target that clean_value keeps. */
static int has_blank_target(const element_rule_t *rule, const xmlNode *node,
                            apr_pool_t *pool)
{
    const xmlAttr *attribute;

    if (find_in_rules(rule->attribute_rules, "target") == NULL) {
        return 0;
    }
    for (attribute = node->properties; attribute != NULL;
         attribute = attribute->next) {
        const char *value;

        if (strcmp((const char *)attribute->name, "target") != 0) {
            continue;
        }
        value = attribute_value(attribute, pool);
        return value != NULL && apr_cstr_casecmp(value, "_blank") == 0;
    }
    return 0;
}

static void write_attribute(output_t *out, const char *name, const char *value)
{
    output_string(out, " ");
    output_string(out, name);
    output_string(out, "=\"");
    output_escaped(out, value);
    output_string(out, "\"");
}

/*
 * Writes the start tag with the allowed attributes in their source order.
 * The rule's names are written, never the parsed ones.
 */
static void write_start_tag(writer_t *writer, const element_rule_t *rule,
                            const xmlNode *node)
{
    apr_pool_t *pool = writer->out.pool;
    int blank_target = has_blank_target(rule, node, pool);
    int rel_written = 0;
    const xmlAttr *attribute;

    output_string(&writer->out, "<");
    output_string(&writer->out, output_name(rule));
    for (attribute = node->properties; attribute != NULL;
         attribute = attribute->next) {
        const attribute_rule_t *attribute_rule =
            find_attribute_rule(rule, (const char *)attribute->name);
        const char *value = NULL;

        if (attribute_rule != NULL) {
            value = clean_value(attribute_rule->kind,
                                attribute_value(attribute, pool), blank_target,
                                pool);
        }
        if (value == NULL) {
            writer->report.removed_attributes++;
            continue;
        }
        if (attribute_rule->kind == VALUE_REL) {
            rel_written = 1;
        }
        write_attribute(&writer->out, attribute_rule->name, value);
    }
    if (blank_target && !rel_written) {
        write_attribute(&writer->out, "rel", add_blank_target_rel("", pool));
    }
    output_string(&writer->out, ">");
}

static void write_nodes(writer_t *writer, const xmlNode *node);

static void write_element(writer_t *writer, const xmlNode *node)
{
    const element_rule_t *rule = find_element_rule((const char *)node->name);
    element_action_e action = rule != NULL ? rule->action : ELEMENT_UNWRAP;

    switch (action) {
    case ELEMENT_DROP:
        writer->report.removed_elements++;
        return;
    case ELEMENT_UNWRAP:
        writer->report.removed_elements++;
        write_nodes(writer, node->children);
        return;
    case ELEMENT_WRAPPER:
        /* libxml2 drops the attributes of a repeated html or body tag. */
        writer->report.removed_attributes += count_attributes(node);
        write_nodes(writer, node->children);
        return;
    case ELEMENT_KEEP:
        break;
    }

    write_start_tag(writer, rule, node);
    /* libxml2 gives void elements no children; if it did, they follow. */
    write_nodes(writer, node->children);
    if (!rule->is_void) {
        output_string(&writer->out, "</");
        output_string(&writer->out, output_name(rule));
        output_string(&writer->out, ">");
    }
}

/*
 * Writes node and its following siblings. The recursion is bounded by the
 * tree depth, which the depth guard keeps under MPCMS_SANITIZE_MAX_DEPTH
 * plus the wrapper elements.
 */
static void write_nodes(writer_t *writer, const xmlNode *node)
{
    for (; node != NULL; node = node->next) {
        switch (node->type) {
        case XML_TEXT_NODE:
            output_escaped(&writer->out, (const char *)node->content);
            break;
        case XML_ELEMENT_NODE:
            write_element(writer, node);
            break;
        default:
            /*
             * Comments, processing instructions, doctypes, and the CDATA
             * nodes that libxml2 makes of script and style content.
             */
            break;
        }
    }
}

/* ---- parsing ---- */

/*
 * Builds the element unless the fragment already nests
 * MPCMS_SANITIZE_MAX_DEPTH elements here. At the first element too deep,
 * it stops the parser, which keeps libxml2's stack of open elements short:
 * libxml2 scans that stack for every end tag.
 */
static void start_element_guarded(void *context, const xmlChar *name,
                                  const xmlChar **attributes)
{
    htmlParserCtxtPtr parser = context;
    depth_guard_t *guard = parser->_private;

    if (!guard->too_deep
        && parser->nodeNr - WRAPPER_DEPTH >= MPCMS_SANITIZE_MAX_DEPTH) {
        guard->too_deep = 1;
        xmlStopParser(parser);
    }
    if (guard->too_deep) {
        guard->skipped_elements++;
        return;
    }
    xmlSAX2StartElement(context, name, attributes);
}

/*
 * Closes the element that start_element_guarded opened. The parser ends
 * elements in the reverse order of their start, so the skipped ones, the
 * deepest, end first.
 */
static void end_element_guarded(void *context, const xmlChar *name)
{
    htmlParserCtxtPtr parser = context;
    depth_guard_t *guard = parser->_private;

    if (guard->skipped_elements > 0) {
        guard->skipped_elements--;
        return;
    }
    xmlSAX2EndElement(context, name);
}

/*
 * Parses length bytes of text, which start with BODY_PREFIX, into *doc.
 * The caller frees *doc with xmlFreeDoc.
 */
static apr_status_t parse_document(xmlDocPtr *doc, int *too_deep,
                                   const char *text, apr_size_t length)
{
    depth_guard_t guard = { 0, 0 };
    htmlParserCtxtPtr parser = htmlNewParserCtxt();

    *doc = NULL;
    if (parser == NULL) {
        return APR_ENOMEM;
    }
    parser->_private = &guard;
    parser->sax->startElement = start_element_guarded;
    parser->sax->endElement = end_element_guarded;

    *doc = htmlCtxtReadMemory(parser, text, (int)length, NULL, "UTF-8",
                              PARSE_OPTIONS);
    htmlFreeParserCtxt(parser);
    *too_deep = guard.too_deep;
    return *doc != NULL ? APR_SUCCESS : APR_ENOMEM;
}

/*
 * Runs one pass over text (BODY_PREFIX and a fragment): writes the kept
 * nodes after BODY_PREFIX into writer->out and counts the removals.
 */
static apr_status_t run_pass(writer_t *writer, int *too_deep, const char *text,
                             apr_size_t length, apr_pool_t *pool)
{
    xmlDocPtr doc;
    apr_status_t rv;

    memset(writer, 0, sizeof(*writer));
    rv = parse_document(&doc, too_deep, text, length);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (!*too_deep) {
        output_init(&writer->out, length + 64, pool);
        output_bytes(&writer->out, BODY_PREFIX, BODY_PREFIX_LENGTH);
        write_nodes(writer, doc->children);
    }
    xmlFreeDoc(doc);
    return APR_SUCCESS;
}

/* ---- input checks ---- */

/*
 * Returns the offset of the first byte that does not start a well-formed
 * UTF-8 sequence (Unicode 15, table 3-7: no overlong forms, no surrogates,
 * nothing above U+10FFFF), or length when the whole text is well-formed.
 */
static apr_size_t find_invalid_utf8(const unsigned char *text,
                                    apr_size_t length)
{
    apr_size_t i = 0;

    while (i < length) {
        unsigned char c = text[i];
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        apr_size_t count;
        apr_size_t k;

        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            count = 1;
        }
        else if (c >= 0xE0 && c <= 0xEF) {
            count = 2;
            if (c == 0xE0) {
                low = 0xA0;
            }
            else if (c == 0xED) {
                high = 0x9F;
            }
        }
        else if (c >= 0xF0 && c <= 0xF4) {
            count = 3;
            if (c == 0xF0) {
                low = 0x90;
            }
            else if (c == 0xF4) {
                high = 0x8F;
            }
        }
        else {
            return i;
        }
        /* Only the second byte has a narrower range. */
        for (k = 1; k <= count; k++) {
            if (i + k >= length || text[i + k] < low || text[i + k] > high) {
                return i;
            }
            low = 0x80;
            high = 0xBF;
        }
        i += count + 1;
    }
    return length;
}

static mpcms_error_t *make_utf8_error(const char *html, apr_size_t offset,
                                      apr_pool_t *pool)
{
    int line = 1;
    int column = 1;
    apr_size_t i;

    /* Every byte before offset is valid UTF-8, so columns count characters. */
    for (i = 0; i < offset; i++) {
        if (html[i] == '\n') {
            line++;
            column = 1;
        }
        else if (((unsigned char)html[i] & 0xC0) != 0x80) {
            column++;
        }
    }
    return mpcms_error_make(
        NULL, line, column, pool,
        "the HTML is not valid UTF-8: the byte sequence at line %d, column "
        "%d (byte offset %" APR_SIZE_T_FMT ", starting with 0x%02X) is "
        "invalid; convert the text to UTF-8",
        line, column, offset, (unsigned char)html[offset]);
}

/*
 * Returns BODY_PREFIX and the fragment, without a leading byte order mark
 * and with U+FFFD in place of each NUL, since libxml2 ends the document at
 * a NUL. *prepared_length receives the length.
 */
static char *prepare_input(apr_size_t *prepared_length, const char *html,
                           apr_size_t length, apr_pool_t *pool)
{
    apr_size_t nul_count = 0;
    apr_size_t i;
    char *text;
    char *p;

    if (length >= 3 && memcmp(html, "\xEF\xBB\xBF", 3) == 0) {
        html += 3;
        length -= 3;
    }
    for (i = 0; i < length; i++) {
        if (html[i] == '\0') {
            nul_count++;
        }
    }

    text = apr_palloc(pool, BODY_PREFIX_LENGTH + length
                                + nul_count * (REPLACEMENT_CHARACTER_LENGTH - 1)
                                + 1);
    memcpy(text, BODY_PREFIX, BODY_PREFIX_LENGTH);
    p = text + BODY_PREFIX_LENGTH;
    for (i = 0; i < length; i++) {
        if (html[i] == '\0') {
            memcpy(p, REPLACEMENT_CHARACTER, REPLACEMENT_CHARACTER_LENGTH);
            p += REPLACEMENT_CHARACTER_LENGTH;
        }
        else {
            *p++ = html[i];
        }
    }
    *p = '\0';
    *prepared_length = (apr_size_t)(p - text);
    return text;
}

static apr_status_t check_input(const char *html, apr_size_t length,
                                mpcms_error_t **error, apr_pool_t *pool)
{
    apr_size_t invalid;

    if (length > MPCMS_SANITIZE_MAX_INPUT) {
        if (error != NULL) {
            *error = mpcms_error_make(
                NULL, 0, 0, pool,
                "the HTML is %" APR_SIZE_T_FMT " bytes long, more than the "
                "maximum of %d bytes (1 MiB); split the content or shorten it",
                length, MPCMS_SANITIZE_MAX_INPUT);
        }
        return APR_EINVAL;
    }

    invalid = find_invalid_utf8((const unsigned char *)html, length);
    if (invalid < length) {
        if (error != NULL) {
            *error = make_utf8_error(html, invalid, pool);
        }
        return APR_EINVAL;
    }
    return APR_SUCCESS;
}

/* ---- entry point ---- */

/*
 * Runs passes until the output equals the input of the pass, which
 * sanitizing would then return unchanged. The scratch pool contains the
 * intermediate texts and is destroyed before returning.
 */
static apr_status_t sanitize_until_stable(const char **out,
                                          mpcms_sanitize_report_t *total,
                                          const char *html, apr_size_t length,
                                          mpcms_error_t **error,
                                          apr_pool_t *pool)
{
    apr_pool_t *scratch;
    apr_size_t text_length;
    const char *text;
    writer_t writer;
    apr_status_t rv;
    int pass;

    rv = apr_pool_create(&scratch, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    text = prepare_input(&text_length, html, length, scratch);

    for (pass = 0; pass < MPCMS_SANITIZE_MAX_PASSES; pass++) {
        int too_deep = 0;
        int unchanged;

        rv = run_pass(&writer, &too_deep, text, text_length, scratch);
        if (rv != APR_SUCCESS) {
            if (error != NULL) {
                *error = mpcms_error_make(
                    NULL, 0, 0, pool,
                    "libxml2 failed to allocate its HTML parser or the "
                    "document tree; the server is out of memory");
            }
            break;
        }
        if (too_deep) {
            if (error != NULL) {
                *error = mpcms_error_make(
                    NULL, 0, 0, pool,
                    "the HTML nests elements more than %d levels deep, "
                    "which is often the sign of start tags that are never "
                    "closed; close them or reduce the nesting",
                    MPCMS_SANITIZE_MAX_DEPTH);
            }
            rv = APR_EINVAL;
            break;
        }
        total->removed_elements += writer.report.removed_elements;
        total->removed_attributes += writer.report.removed_attributes;

        unchanged = writer.out.length == text_length
                    && memcmp(writer.out.data, text, text_length) == 0;
        text = writer.out.data;
        text_length = writer.out.length;
        if (unchanged) {
            break;
        }
    }
    /*
     * NOTE: when the last pass still changed the text, the result is as
     * safe as any pass output but sanitizing it again may change it.
     */

    if (rv == APR_SUCCESS) {
        *out = apr_pstrmemdup(pool, text + BODY_PREFIX_LENGTH,
                              text_length - BODY_PREFIX_LENGTH);
    }
    apr_pool_destroy(scratch);
    return rv;
}

apr_status_t mpcms_sanitize_html(const char **out,
                                 mpcms_sanitize_report_t *report,
                                 const char *html, apr_size_t length,
                                 mpcms_error_t **error, apr_pool_t *pool)
{
    mpcms_sanitize_report_t total = { 0, 0 };
    apr_status_t rv;

    *out = NULL;
    if (report != NULL) {
        *report = total;
    }

    rv = check_input(html, length, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rv = sanitize_until_stable(out, &total, html, length, error, pool);
    if (rv != APR_SUCCESS) {
        *out = NULL;
        return rv;
    }
    if (report != NULL) {
        *report = total;
    }
    return APR_SUCCESS;
}
