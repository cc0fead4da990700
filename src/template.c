/*
 * Compilation and rendering of page templates.
 *
 * Parsing turns the text into a flat array of operations, with each tag
 * already resolved to a slot index. Rendering binds the view's values to
 * those indexes, then walks the operations twice: once to add up the output
 * length and once to write it.
 */
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include <apr_file_info.h>
#include <apr_file_io.h>
#include <apr_strings.h>

#include "digest.h"
#include "html.h"
#include "template.h"

/* Maximum template length in bytes, so that op counts fit in an int. */
#define TEMPLATE_MAX_LENGTH (INT_MAX / 2)

/* Bytes of a tag quoted in an error message before it is cut with "...". */
#define QUOTE_MAX_LENGTH 40

/* Maximum edit distance at which an unknown name gets a suggestion. */
#define SUGGEST_MAX_DISTANCE 2

typedef struct scope scope_t;

/* One slot of a scope, copied from the caller's slot table. */
typedef struct scope_slot {
    const char *name;
    mpcms_slot_type_e type;
    const mpcms_slot_t *items; /* caller's table, read only during parsing */
    scope_t *child;            /* item slots, once a section enters the list */
} scope_slot_t;

/* Slots that a tag can name at one level: the top level or a list item. */
struct scope {
    int count;
    scope_slot_t *slots;
    int *sorted; /* slot indexes in strcmp order of their names */
};

typedef enum {
    OP_TEXT,          /* literal bytes */
    OP_VALUE_ESCAPED, /* {{name}} */
    OP_VALUE_RAW,     /* {{{name}}} */
    OP_EACH_ITEM,     /* {{#list}} */
    OP_IF_SET,        /* {{#text}} */
    OP_IF_EMPTY,      /* {{^text}} */
    OP_IF_NO_ITEMS    /* {{^list}} */
} op_kind_e;

typedef struct op {
    op_kind_e kind;
    int up;           /* list sections between the tag and its slot's scope */
    int slot;         /* slot index in that scope */
    int end;          /* sections: index of the first op after the block */
    int item_size;    /* OP_EACH_ITEM: slot count of one list item */
    const char *text; /* OP_TEXT */
    apr_size_t length;
} op_t;

struct mpcms_template {
    const char *source;
    const char *text;
    apr_size_t length;
    apr_uint64_t digest;
    const scope_t *root;
    const op_t *ops;
    int op_count;
};

typedef struct view_value {
    const char *name;
    const char *value;
} view_value_t;

typedef struct view_list {
    const char *name;
    apr_array_header_t *items; /* mpcms_view_t *, in order of addition */
    struct view_list *next;
} view_list_t;

struct mpcms_view {
    apr_pool_t *pool;
    apr_array_header_t *values; /* view_value_t; NULL until the first set */
    view_list_t *lists;
};

/*
 * Value of one slot for one render. A view is bound to an array of these,
 * indexed like the slots of its scope.
 */
typedef struct bound_slot {
    const char *value;
    const struct bound_slot *items; /* item_count arrays of item slots */
    int item_count;
} bound_slot_t;

/* A section whose closing tag has not been read yet. */
typedef struct open_section {
    const char *name;
    apr_size_t name_length;
    apr_size_t offset; /* of the opening "{{" */
    int op;
    int enters_scope; /* list sections make the item slots visible */
} open_section_t;

typedef struct parser {
    const char *text;
    apr_size_t length;
    const char *source;
    mpcms_error_t **error;
    apr_pool_t *pool;
    op_t *ops;
    int op_count;
    scope_t *scopes[MPCMS_TEMPLATE_MAX_DEPTH + 1];
    int scope_depth; /* index of the innermost scope in scopes */
    open_section_t sections[MPCMS_TEMPLATE_MAX_DEPTH];
    int section_count;
} parser_t;

typedef struct tag {
    apr_size_t offset; /* of the "{{" */
    apr_size_t end;    /* after the closing braces */
    int raw;           /* written {{{name}}} */
    char sigil;        /* '#', '^', '/', '!' or 0 for a value */
    const char *name;
    apr_size_t name_length;
} tag_t;

/* Accumulates the output length when out is NULL, else writes at out. */
typedef struct writer {
    char *out;
    apr_size_t length;
    int overflow;
} writer_t;

/* ---- error records ---- */

/* Converts a byte offset to a 1-based line and a column in characters. */
static void text_position(int *line, int *column, const char *text,
                          apr_size_t offset)
{
    apr_size_t i;

    *line = 1;
    *column = 1;
    for (i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *column = 1;
        }
        else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            /* UTF-8 continuation bytes do not start a new character. */
            (*column)++;
        }
    }
}

static apr_status_t parser_fail_at(parser_t *p, int line, int column,
                                   const char *fmt, va_list args)
{
    const char *message;

    if (p->error != NULL) {
        message = apr_pvsprintf(p->pool, fmt, args);
        *p->error =
            mpcms_error_make(p->source, line, column, p->pool, "%s", message);
    }
    return APR_EGENERAL;
}

static apr_status_t parser_fail(parser_t *p, apr_size_t offset, const char *fmt,
                                ...) __attribute__((format(printf, 3, 4)));

/* Records an error at the tag that starts at offset. */
static apr_status_t parser_fail(parser_t *p, apr_size_t offset, const char *fmt,
                                ...)
{
    apr_status_t rv;
    va_list args;
    int line;
    int column;

    text_position(&line, &column, p->text, offset);
    va_start(args, fmt);
    rv = parser_fail_at(p, line, column, fmt, args);
    va_end(args);
    return rv;
}

static apr_status_t parser_fail_table(parser_t *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Records an error in a slot table, which has no line in the text. */
static apr_status_t parser_fail_table(parser_t *p, const char *fmt, ...)
{
    apr_status_t rv;
    va_list args;

    va_start(args, fmt);
    rv = parser_fail_at(p, 0, 0, fmt, args);
    va_end(args);
    return rv;
}

/*
 * Copies up to QUOTE_MAX_LENGTH bytes of text for an error message. The
 * copy stops at a line break and never splits a UTF-8 character, and it
 * ends with "..." when it was cut.
 */
static const char *quote_text(parser_t *p, apr_size_t offset, apr_size_t length)
{
    const char *text = p->text + offset;
    apr_size_t count = 0;

    while (count < length && count < QUOTE_MAX_LENGTH && text[count] != '\n'
           && text[count] != '\0') {
        count++;
    }
    if (count == length) {
        return apr_pstrmemdup(p->pool, text, count);
    }
    while (count > 0 && ((unsigned char)text[count] & 0xC0) == 0x80) {
        count--;
    }
    return apr_pstrcat(p->pool, apr_pstrmemdup(p->pool, text, count), "...",
                       NULL);
}

/* ---- slot tables ---- */

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
           || c == '.';
}

static int is_valid_name(const char *name, apr_size_t length)
{
    apr_size_t i;

    if (length == 0 || length > MPCMS_TEMPLATE_MAX_NAME) {
        return 0;
    }
    for (i = 0; i < length; i++) {
        if (!is_name_char(name[i])) {
            return 0;
        }
    }
    return 1;
}

/* Compares a slot name with a name that is not NUL-terminated. */
static int compare_name(const char *slot_name, const char *name,
                        apr_size_t length)
{
    int order = strncmp(slot_name, name, length);

    if (order != 0) {
        return order;
    }
    return slot_name[length] == '\0' ? 0 : 1;
}

/* Returns the index of the slot called name, or -1. */
static int scope_find(const scope_t *scope, const char *name, apr_size_t length)
{
    int low = 0;
    int high = scope->count - 1;

    while (low <= high) {
        int middle = low + (high - low) / 2;
        int index = scope->sorted[middle];
        int order = compare_name(scope->slots[index].name, name, length);

        if (order == 0) {
            return index;
        }
        if (order < 0) {
            low = middle + 1;
        }
        else {
            high = middle - 1;
        }
    }
    return -1;
}

/* Copies and checks a slot table, and indexes its names for scope_find. */
static apr_status_t scope_make(scope_t **result, const mpcms_slot_t *table,
                               parser_t *p)
{
    scope_t *scope = apr_pcalloc(p->pool, sizeof(*scope));
    int count = 0;
    int i;

    *result = NULL;
    while (table != NULL && table[count].name != NULL) {
        count++;
    }

    scope->count = count;
    scope->slots = apr_pcalloc(p->pool, (count + 1) * sizeof(scope_slot_t));
    scope->sorted = apr_pcalloc(p->pool, (count + 1) * sizeof(int));

    for (i = 0; i < count; i++) {
        const mpcms_slot_t *slot = &table[i];
        int j;

        if (!is_valid_name(slot->name, strlen(slot->name))) {
            return parser_fail_table(p,
                                     "slot table contains the invalid "
                                     "name '%s'; names are 1 to %d "
                                     "characters of a-z, 0-9, '_' and '.'",
                                     slot->name, MPCMS_TEMPLATE_MAX_NAME);
        }
        if (slot->type != MPCMS_SLOT_TEXT && slot->type != MPCMS_SLOT_HTML
            && slot->type != MPCMS_SLOT_LIST) {
            return parser_fail_table(p, "slot '%s' has the invalid type %d",
                                     slot->name, (int)slot->type);
        }
        scope->slots[i].name = apr_pstrdup(p->pool, slot->name);
        scope->slots[i].type = slot->type;
        scope->slots[i].items = slot->items;

        /* Insertion sort: slot tables are short and parsed once. */
        for (j = i; j > 0; j--) {
            const char *before = scope->slots[scope->sorted[j - 1]].name;
            int order = strcmp(before, slot->name);

            if (order == 0) {
                return parser_fail_table(p, "slot table lists '%s' twice",
                                         slot->name);
            }
            if (order < 0) {
                break;
            }
            scope->sorted[j] = scope->sorted[j - 1];
        }
        scope->sorted[j] = i;
    }

    *result = scope;
    return APR_SUCCESS;
}

/* Returns in *child the item slots of a list, building them on first use. */
static apr_status_t scope_child(scope_t **child, scope_t *scope, int index,
                                parser_t *p)
{
    scope_slot_t *slot = &scope->slots[index];
    apr_status_t rv;

    if (slot->child == NULL) {
        rv = scope_make(&slot->child, slot->items, p);
        if (rv != APR_SUCCESS) {
            return rv;
        }
    }
    *child = slot->child;
    return APR_SUCCESS;
}

/* ---- name lookup and its error messages ---- */

/* Levenshtein distance of two names of at most MPCMS_TEMPLATE_MAX_NAME. */
static int edit_distance(const char *a, apr_size_t a_length, const char *b,
                         apr_size_t b_length)
{
    int previous[MPCMS_TEMPLATE_MAX_NAME + 1];
    int current[MPCMS_TEMPLATE_MAX_NAME + 1];
    apr_size_t i;
    apr_size_t j;

    for (j = 0; j <= b_length; j++) {
        previous[j] = (int)j;
    }
    for (i = 1; i <= a_length; i++) {
        current[0] = (int)i;
        for (j = 1; j <= b_length; j++) {
            int substitution = previous[j - 1] + (a[i - 1] != b[j - 1]);
            int deletion = previous[j] + 1;
            int insertion = current[j - 1] + 1;
            int best = substitution;

            if (deletion < best) {
                best = deletion;
            }
            if (insertion < best) {
                best = insertion;
            }
            current[j] = best;
        }
        memcpy(previous, current, (b_length + 1) * sizeof(int));
    }
    return previous[b_length];
}

/*
 * Returns the visible slot name closest to an unknown name, or NULL. The
 * nearest name within SUGGEST_MAX_DISTANCE edits wins. When there is none,
 * a dotted name whose last part is the unknown name is returned, so that
 * "title" suggests "page.title".
 */
static const char *suggest_name(parser_t *p, const char *name,
                                apr_size_t length)
{
    const char *closest = NULL;
    const char *by_suffix = NULL;
    int closest_distance = SUGGEST_MAX_DISTANCE + 1;
    int level;
    int i;

    for (level = p->scope_depth; level >= 0; level--) {
        const scope_t *scope = p->scopes[level];

        for (i = 0; i < scope->count; i++) {
            const char *candidate = scope->slots[i].name;
            apr_size_t candidate_length = strlen(candidate);
            int distance =
                edit_distance(name, length, candidate, candidate_length);

            if (distance < closest_distance && (apr_size_t)distance < length) {
                closest = candidate;
                closest_distance = distance;
            }
            if (by_suffix == NULL && candidate_length > length
                && candidate[candidate_length - length - 1] == '.'
                && memcmp(candidate + candidate_length - length, name, length)
                       == 0) {
                by_suffix = candidate;
            }
        }
    }
    return closest != NULL ? closest : by_suffix;
}

/*
 * Lists the visible slot names for a message, innermost scope first and
 * separated by ", ". Returns NULL when there is none.
 */
static const char *visible_names(parser_t *p, int html_only)
{
    const char *names = NULL;
    int level;
    int i;

    for (level = p->scope_depth; level >= 0; level--) {
        const scope_t *scope = p->scopes[level];

        for (i = 0; i < scope->count; i++) {
            const char *name = scope->slots[i].name;

            if (html_only && scope->slots[i].type != MPCMS_SLOT_HTML) {
                continue;
            }
            if (names == NULL) {
                names = name;
            }
            else {
                names = apr_pstrcat(p->pool, names, ", ", name, NULL);
            }
        }
    }
    return names;
}

static apr_status_t fail_unknown_name(parser_t *p, const tag_t *tag)
{
    const char *suggestion = suggest_name(p, tag->name, tag->name_length);
    const char *known;

    if (suggestion != NULL) {
        return parser_fail(p, tag->offset,
                           "unknown slot '%.*s'; did you mean '%s'?",
                           (int)tag->name_length, tag->name, suggestion);
    }
    known = visible_names(p, 0);
    if (known == NULL) {
        return parser_fail(p, tag->offset,
                           "unknown slot '%.*s'; this template has no slots",
                           (int)tag->name_length, tag->name);
    }
    return parser_fail(p, tag->offset,
                       "unknown slot '%.*s'; the known slots are %s",
                       (int)tag->name_length, tag->name, known);
}

/*
 * Finds the slot that a tag names, innermost scope first. *up receives the
 * number of list sections between the tag and the slot's scope.
 */
static apr_status_t resolve_name(const scope_slot_t **slot, int *up, int *index,
                                 parser_t *p, const tag_t *tag)
{
    int level;

    for (level = p->scope_depth; level >= 0; level--) {
        scope_t *scope = p->scopes[level];
        int found = scope_find(scope, tag->name, tag->name_length);

        if (found >= 0) {
            *slot = &scope->slots[found];
            *up = p->scope_depth - level;
            *index = found;
            return APR_SUCCESS;
        }
    }
    return fail_unknown_name(p, tag);
}

/* ---- tags ---- */

/* Returns the offset of the first pair of c at or after from, or length. */
static apr_size_t find_pair(const char *text, apr_size_t from,
                            apr_size_t length, char c)
{
    while (from + 1 < length) {
        const char *found = memchr(text + from, c, length - from - 1);

        if (found == NULL) {
            break;
        }
        from = (apr_size_t)(found - text);
        if (text[from + 1] == c) {
            return from;
        }
        from++;
    }
    return length;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Reads the braces, the sigil and the name of the tag at offset. */
static apr_status_t scan_tag(tag_t *tag, parser_t *p, apr_size_t offset)
{
    const char *text = p->text;
    apr_size_t content = offset + 2;
    apr_size_t close;
    apr_size_t next_open;
    apr_size_t begin;
    apr_size_t end;

    memset(tag, 0, sizeof(*tag));
    tag->offset = offset;
    tag->raw = content < p->length && text[content] == '{';
    if (tag->raw) {
        content++;
    }

    close = find_pair(text, content, p->length, '}');
    next_open = find_pair(text, content, p->length, '{');
    if (close == p->length) {
        return parser_fail(p, offset, "tag '%s' has no closing '}}'",
                           quote_text(p, offset, next_open - offset));
    }
    if (next_open < close) {
        return parser_fail(p, offset,
                           "tag '%s' is not closed with '}}' before the "
                           "next '{{'",
                           quote_text(p, offset, next_open - offset));
    }
    tag->end = close + 2;
    if (tag->raw) {
        if (tag->end == p->length || text[tag->end] != '}') {
            return parser_fail(p, offset,
                               "raw tag '%s' opens with '{{{' but closes "
                               "with '}}'; close it with '}}}'",
                               quote_text(p, offset, tag->end - offset));
        }
        tag->end++;
    }

    begin = content;
    end = close;
    while (begin < end && is_blank(text[begin])) {
        begin++;
    }
    while (end > begin && is_blank(text[end - 1])) {
        end--;
    }
    if (!tag->raw && begin < end
        && (text[begin] == '#' || text[begin] == '^' || text[begin] == '/'
            || text[begin] == '!')) {
        tag->sigil = text[begin];
        begin++;
        while (begin < end && is_blank(text[begin])) {
            begin++;
        }
    }
    if (tag->sigil == '!') {
        return APR_SUCCESS;
    }

    tag->name = text + begin;
    tag->name_length = end - begin;
    if (tag->name_length == 0) {
        return parser_fail(p, offset, "tag '%s' has an empty name",
                           quote_text(p, offset, tag->end - offset));
    }
    if (!is_valid_name(tag->name, tag->name_length)) {
        return parser_fail(p, offset,
                           "invalid slot name '%s'; names are 1 to %d "
                           "characters of a-z, 0-9, '_' and '.'",
                           quote_text(p, begin, tag->name_length),
                           MPCMS_TEMPLATE_MAX_NAME);
    }
    return APR_SUCCESS;
}

static op_t *parser_add_op(parser_t *p, op_kind_e kind)
{
    op_t *op = &p->ops[p->op_count++];

    memset(op, 0, sizeof(*op));
    op->kind = kind;
    return op;
}

/* Compiles {{name}} and {{{name}}}. */
static apr_status_t parse_value(parser_t *p, const tag_t *tag)
{
    const scope_slot_t *slot;
    const char *html_names;
    apr_status_t rv;
    op_t *op;
    int up;
    int index;

    rv = resolve_name(&slot, &up, &index, p, tag);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (slot->type == MPCMS_SLOT_LIST) {
        return parser_fail(p, tag->offset,
                           "slot '%s' is a list and cannot be written as a "
                           "value; repeat a block per item with "
                           "{{#%s}}...{{/%s}}",
                           slot->name, slot->name, slot->name);
    }
    if (tag->raw && slot->type != MPCMS_SLOT_HTML) {
        html_names = visible_names(p, 1);
        if (html_names == NULL) {
            return parser_fail(p, tag->offset,
                               "slot '%s' is text and cannot be written raw; "
                               "only HTML slots can, and there are none "
                               "here",
                               slot->name);
        }
        return parser_fail(p, tag->offset,
                           "slot '%s' is text and cannot be written raw; "
                           "only HTML slots (%s) can",
                           slot->name, html_names);
    }

    op = parser_add_op(p, tag->raw ? OP_VALUE_RAW : OP_VALUE_ESCAPED);
    op->up = up;
    op->slot = index;
    return APR_SUCCESS;
}

/* Compiles {{#name}} and {{^name}}. */
static apr_status_t parse_section_open(parser_t *p, const tag_t *tag)
{
    const scope_slot_t *slot;
    open_section_t *section;
    scope_t *child;
    apr_status_t rv;
    op_kind_e kind;
    op_t *op;
    int up;
    int index;

    if (p->section_count == MPCMS_TEMPLATE_MAX_DEPTH) {
        return parser_fail(
            p, tag->offset, "section '%.*s' is nested deeper than %d levels",
            (int)tag->name_length, tag->name, MPCMS_TEMPLATE_MAX_DEPTH);
    }
    rv = resolve_name(&slot, &up, &index, p, tag);
    if (rv != APR_SUCCESS) {
        return rv;
    }

    if (slot->type == MPCMS_SLOT_LIST) {
        kind = tag->sigil == '#' ? OP_EACH_ITEM : OP_IF_NO_ITEMS;
    }
    else {
        kind = tag->sigil == '#' ? OP_IF_SET : OP_IF_EMPTY;
    }

    section = &p->sections[p->section_count];
    section->name = tag->name;
    section->name_length = tag->name_length;
    section->offset = tag->offset;
    section->op = p->op_count;
    section->enters_scope = kind == OP_EACH_ITEM;

    op = parser_add_op(p, kind);
    op->up = up;
    op->slot = index;

    if (section->enters_scope) {
        rv = scope_child(&child, p->scopes[p->scope_depth - up], index, p);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        op->item_size = child->count;
        p->scopes[++p->scope_depth] = child;
    }
    p->section_count++;
    return APR_SUCCESS;
}

/* Compiles {{/name}}, which must close the innermost open section. */
static apr_status_t parse_section_close(parser_t *p, const tag_t *tag)
{
    const open_section_t *section;
    int line;
    int column;

    if (p->section_count == 0) {
        return parser_fail(p, tag->offset, "'{{/%.*s}}' closes no open section",
                           (int)tag->name_length, tag->name);
    }

    section = &p->sections[p->section_count - 1];
    if (section->name_length != tag->name_length
        || memcmp(section->name, tag->name, tag->name_length) != 0) {
        text_position(&line, &column, p->text, section->offset);
        return parser_fail(p, tag->offset,
                           "'{{/%.*s}}' does not match section '%.*s' "
                           "opened at line %d, column %d; close that "
                           "section first with '{{/%.*s}}'",
                           (int)tag->name_length, tag->name,
                           (int)section->name_length, section->name, line,
                           column, (int)section->name_length, section->name);
    }

    p->ops[section->op].end = p->op_count;
    if (section->enters_scope) {
        p->scope_depth--;
    }
    p->section_count--;
    return APR_SUCCESS;
}

static void parser_add_text(parser_t *p, apr_size_t offset, apr_size_t length)
{
    op_t *op = parser_add_op(p, OP_TEXT);

    op->text = p->text + offset;
    op->length = length;
}

/*
 * Returns an upper bound on the ops that text compiles to. Each tag adds at
 * most one op and one literal text after it. Tags start with a "{{" that no
 * earlier tag overlaps, so counting "{{" without overlap counts every tag.
 */
static apr_size_t count_max_ops(const char *text, apr_size_t length)
{
    apr_size_t tags = 0;
    apr_size_t offset = find_pair(text, 0, length, '{');

    while (offset < length) {
        tags++;
        offset = find_pair(text, offset + 2, length, '{');
    }
    return 2 * tags + 1;
}

static apr_status_t parse_text(parser_t *p)
{
    apr_size_t offset = 0;
    apr_status_t rv;
    tag_t tag;

    while (offset < p->length) {
        apr_size_t open = find_pair(p->text, offset, p->length, '{');

        if (open > offset) {
            parser_add_text(p, offset, open - offset);
        }
        if (open == p->length) {
            break;
        }

        rv = scan_tag(&tag, p, open);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        switch (tag.sigil) {
        case '!':
            rv = APR_SUCCESS;
            break;
        case '#':
        case '^':
            rv = parse_section_open(p, &tag);
            break;
        case '/':
            rv = parse_section_close(p, &tag);
            break;
        default:
            rv = parse_value(p, &tag);
            break;
        }
        if (rv != APR_SUCCESS) {
            return rv;
        }
        offset = tag.end;
    }

    if (p->section_count > 0) {
        const open_section_t *section = &p->sections[p->section_count - 1];

        return parser_fail(p, section->offset,
                           "section '%.*s' is not closed; add '{{/%.*s}}' "
                           "at the end of its block",
                           (int)section->name_length, section->name,
                           (int)section->name_length, section->name);
    }
    return APR_SUCCESS;
}

/*
 * Compiles text, which must be NUL-terminated at length and allocated from
 * pool, since the template keeps pointers into it.
 */
static apr_status_t template_compile(mpcms_template_t **tpl, const char *text,
                                     apr_size_t length, const char *source,
                                     const mpcms_slot_t *slots,
                                     mpcms_error_t **error, apr_pool_t *pool)
{
    mpcms_template_t *compiled;
    parser_t p;
    apr_status_t rv;

    memset(&p, 0, sizeof(p));
    p.text = text;
    p.length = length;
    p.source = source;
    p.error = error;
    p.pool = pool;

    if (length > TEMPLATE_MAX_LENGTH) {
        return parser_fail_table(&p,
                                 "template is %" APR_SIZE_T_FMT " bytes "
                                 "long; the maximum is %d bytes",
                                 length, TEMPLATE_MAX_LENGTH);
    }

    rv = scope_make(&p.scopes[0], slots, &p);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    p.ops = apr_palloc(pool, count_max_ops(text, length) * sizeof(op_t));
    rv = parse_text(&p);
    if (rv != APR_SUCCESS) {
        return rv;
    }

    compiled = apr_pcalloc(pool, sizeof(*compiled));
    compiled->source = source != NULL ? apr_pstrdup(pool, source) : NULL;
    compiled->text = text;
    compiled->length = length;
    compiled->digest = mpcms_digest_bytes(MPCMS_DIGEST_INIT, text, length);
    compiled->root = p.scopes[0];
    compiled->ops = p.ops;
    compiled->op_count = p.op_count;
    *tpl = compiled;
    return APR_SUCCESS;
}

apr_status_t mpcms_template_parse(mpcms_template_t **tpl, const char *text,
                                  apr_size_t length, const char *source,
                                  const mpcms_slot_t *slots,
                                  mpcms_error_t **error, apr_pool_t *pool)
{
    const char *copy;

    *tpl = NULL;
    if (error != NULL) {
        *error = NULL;
    }
    if (text == NULL && length > 0) {
        if (error != NULL) {
            *error = mpcms_error_make(source, 0, 0, pool,
                                      "template text is NULL but its length "
                                      "is %" APR_SIZE_T_FMT,
                                      length);
        }
        return APR_EINVAL;
    }

    copy = length > 0 ? apr_pstrmemdup(pool, text, length) : "";
    return template_compile(tpl, copy, length, source, slots, error, pool);
}

apr_status_t mpcms_template_load(mpcms_template_t **tpl, const char *path,
                                 const mpcms_slot_t *slots,
                                 mpcms_error_t **error, apr_pool_t *pool)
{
    apr_file_t *file;
    apr_finfo_t info;
    apr_size_t length = 0;
    apr_status_t rv;
    char reason[256];
    char *text = NULL;

    *tpl = NULL;
    if (error != NULL) {
        *error = NULL;
    }

    rv = apr_file_open(&file, path, APR_FOPEN_READ | APR_FOPEN_BINARY,
                       APR_FPROT_OS_DEFAULT, pool);
    if (rv != APR_SUCCESS) {
        if (error != NULL) {
            *error = mpcms_error_make(
                path, 0, 0, pool, "failed to open template file '%s': %s", path,
                apr_strerror(rv, reason, sizeof(reason)));
        }
        return rv;
    }

    rv = apr_file_info_get(&info, APR_FINFO_SIZE, file);
    if (rv == APR_SUCCESS && info.size > TEMPLATE_MAX_LENGTH) {
        apr_file_close(file);
        if (error != NULL) {
            *error = mpcms_error_make(path, 0, 0, pool,
                                      "template file '%s' is %" APR_OFF_T_FMT
                                      " bytes long; the maximum is %d bytes",
                                      path, info.size, TEMPLATE_MAX_LENGTH);
        }
        return APR_EINVAL;
    }
    if (rv == APR_SUCCESS) {
        text = apr_palloc(pool, (apr_size_t)info.size + 1);
        rv = apr_file_read_full(file, text, (apr_size_t)info.size, &length);
        /* A file that shrank since the size was read ends early. */
        if (APR_STATUS_IS_EOF(rv)) {
            rv = APR_SUCCESS;
        }
    }
    apr_file_close(file);
    if (rv != APR_SUCCESS) {
        if (error != NULL) {
            *error = mpcms_error_make(
                path, 0, 0, pool, "failed to read template file '%s': %s", path,
                apr_strerror(rv, reason, sizeof(reason)));
        }
        return rv;
    }

    text[length] = '\0';
    return template_compile(tpl, text, length, path, slots, error, pool);
}

apr_uint64_t mpcms_template_digest(const mpcms_template_t *tpl)
{
    return tpl->digest;
}

const char *mpcms_template_source(const mpcms_template_t *tpl)
{
    return tpl->source;
}

/* ---- views ---- */

mpcms_view_t *mpcms_view_make(apr_pool_t *pool)
{
    mpcms_view_t *view = apr_pcalloc(pool, sizeof(*view));

    view->pool = pool;
    return view;
}

void mpcms_view_set(mpcms_view_t *view, const char *name, const char *value)
{
    view_value_t *entry;

    if (view->values == NULL) {
        view->values = apr_array_make(view->pool, 8, sizeof(view_value_t));
    }
    entry = apr_array_push(view->values);
    entry->name = name;
    entry->value = value;
}

mpcms_view_t *mpcms_view_add_item(mpcms_view_t *view, const char *list_name)
{
    view_list_t *list;
    mpcms_view_t *item;

    for (list = view->lists; list != NULL; list = list->next) {
        if (strcmp(list->name, list_name) == 0) {
            break;
        }
    }
    if (list == NULL) {
        list = apr_pcalloc(view->pool, sizeof(*list));
        list->name = list_name;
        list->items = apr_array_make(view->pool, 8, sizeof(mpcms_view_t *));
        list->next = view->lists;
        view->lists = list;
    }

    item = mpcms_view_make(view->pool);
    APR_ARRAY_PUSH(list->items, mpcms_view_t *) = item;
    return item;
}

/* ---- rendering ---- */

/*
 * Stores the values of view in frame, which has one entry per slot of
 * scope. Lists are bound recursively when the template enters them, that
 * is when parsing built their item scope.
 */
static void bind_view(bound_slot_t *frame, const scope_t *scope,
                      const mpcms_view_t *view, apr_pool_t *pool)
{
    const view_list_t *list;
    int i;

    if (view->values != NULL) {
        const view_value_t *entries = (const view_value_t *)view->values->elts;

        for (i = 0; i < view->values->nelts; i++) {
            const char *name = entries[i].name;
            int index;

            if (name == NULL) {
                continue;
            }
            index = scope_find(scope, name, strlen(name));
            if (index >= 0 && scope->slots[index].type != MPCMS_SLOT_LIST) {
                frame[index].value = entries[i].value;
            }
        }
    }

    for (list = view->lists; list != NULL; list = list->next) {
        int index = scope_find(scope, list->name, strlen(list->name));
        const scope_t *child;
        bound_slot_t *items;
        int count = list->items->nelts;

        if (index < 0 || scope->slots[index].type != MPCMS_SLOT_LIST) {
            continue;
        }
        frame[index].item_count = count;

        child = scope->slots[index].child;
        if (child == NULL || child->count == 0 || count == 0) {
            continue;
        }
        items = apr_pcalloc(pool, (apr_size_t)count * child->count
                                      * sizeof(bound_slot_t));
        for (i = 0; i < count; i++) {
            bind_view(items + (apr_size_t)i * child->count, child,
                      APR_ARRAY_IDX(list->items, i, const mpcms_view_t *),
                      pool);
        }
        frame[index].items = items;
    }
}

static void writer_add(writer_t *w, const char *bytes, apr_size_t length)
{
    if (w->out != NULL) {
        memcpy(w->out, bytes, length);
        w->out += length;
    }
    else if (w->length + length < w->length) {
        w->overflow = 1;
    }
    else {
        w->length += length;
    }
}

static void writer_add_escaped(writer_t *w, const char *value)
{
    apr_size_t length;

    if (w->out != NULL) {
        w->out = mpcms_html_escape_to(w->out, value);
        return;
    }
    length = mpcms_html_escaped_length(value);
    if (w->length + length < w->length) {
        w->overflow = 1;
    }
    else {
        w->length += length;
    }
}

static int is_empty(const char *value)
{
    return value == NULL || value[0] == '\0';
}

/*
 * Runs ops[begin..end). frames[0] contains the values of the view and
 * frames[level] those of the innermost list item.
 */
static void render_ops(writer_t *w, const op_t *ops, int begin, int end,
                       const bound_slot_t **frames, int level)
{
    int i = begin;

    while (i < end) {
        const op_t *op = &ops[i];
        const bound_slot_t *slot = NULL;
        int k;

        if (op->kind != OP_TEXT) {
            slot = &frames[level - op->up][op->slot];
        }

        switch (op->kind) {
        case OP_TEXT:
            writer_add(w, op->text, op->length);
            break;
        case OP_VALUE_ESCAPED:
            writer_add_escaped(w, slot->value);
            break;
        case OP_VALUE_RAW:
            if (slot->value != NULL) {
                writer_add(w, slot->value, strlen(slot->value));
            }
            break;
        case OP_EACH_ITEM:
            for (k = 0; k < slot->item_count; k++) {
                frames[level + 1] =
                    slot->items == NULL
                        ? NULL
                        : slot->items + (apr_size_t)k * op->item_size;
                render_ops(w, ops, i + 1, op->end, frames, level + 1);
            }
            i = op->end;
            continue;
        case OP_IF_SET:
            if (!is_empty(slot->value)) {
                render_ops(w, ops, i + 1, op->end, frames, level);
            }
            i = op->end;
            continue;
        case OP_IF_EMPTY:
            if (is_empty(slot->value)) {
                render_ops(w, ops, i + 1, op->end, frames, level);
            }
            i = op->end;
            continue;
        case OP_IF_NO_ITEMS:
            if (slot->item_count == 0) {
                render_ops(w, ops, i + 1, op->end, frames, level);
            }
            i = op->end;
            continue;
        }
        i++;
    }
}

apr_status_t mpcms_template_render(const char **out, apr_size_t *length,
                                   const mpcms_template_t *tpl,
                                   const mpcms_view_t *view, apr_pool_t *pool)
{
    const bound_slot_t *frames[MPCMS_TEMPLATE_MAX_DEPTH + 1];
    bound_slot_t *root;
    writer_t writer = { NULL, 0, 0 };
    char *buffer;

    *out = NULL;
    if (length != NULL) {
        *length = 0;
    }

    root = apr_pcalloc(pool, (tpl->root->count + 1) * sizeof(bound_slot_t));
    if (view != NULL) {
        bind_view(root, tpl->root, view, pool);
    }
    frames[0] = root;

    render_ops(&writer, tpl->ops, 0, tpl->op_count, frames, 0);
    if (writer.overflow || writer.length == APR_SIZE_MAX) {
        return APR_ENOMEM;
    }

    buffer = apr_palloc(pool, writer.length + 1);
    writer.out = buffer;
    render_ops(&writer, tpl->ops, 0, tpl->op_count, frames, 0);
    *writer.out = '\0';

    *out = buffer;
    if (length != NULL) {
        *length = writer.length;
    }
    return APR_SUCCESS;
}
