/*
 * Page templates: a strict subset of Mustache, compiled once and rendered
 * on every page request.
 *
 * Syntax:
 *   {{name}}              the value, HTML-escaped
 *   {{{name}}}            the value unescaped; only for MPCMS_SLOT_HTML
 *   {{#name}}...{{/name}} for a list: the block once per item; for text or
 *                         HTML: the block once when the value is non-empty
 *   {{^name}}...{{/name}} the block once when the value is absent or empty,
 *                         or when the list has no item
 *   {{! comment }}        nothing
 * Spaces and tabs may surround the name, as in {{ page.title }}. A name is
 * 1 to 64 characters of a-z, 0-9, '_' and '.', and must be a slot of the
 * table given to the parser. Inside a list section, a name is looked up
 * first among the item slots of that list, then among the outer slots.
 * Sections nest at most MPCMS_TEMPLATE_MAX_DEPTH deep. Everything else is
 * literal text, copied byte for byte. Unlike Mustache, a line that contains
 * only a section tag keeps its line break, and there are no partials and
 * no delimiter changes.
 */
#ifndef MPCMS_TEMPLATE_H
#define MPCMS_TEMPLATE_H

#include <apr_pools.h>

#include "error.h"

#define MPCMS_TEMPLATE_MAX_DEPTH 16
#define MPCMS_TEMPLATE_MAX_NAME  64

typedef enum {
    MPCMS_SLOT_TEXT, /* plain text, escaped on output */
    MPCMS_SLOT_HTML, /* trusted HTML, which {{{name}}} writes unescaped */
    MPCMS_SLOT_LIST  /* a list of items, each a view of its own */
} mpcms_slot_type_e;

/*
 * One named value that templates may use. Slot tables are arrays ended by
 * an entry whose name is NULL. The parser copies what it needs, so a table
 * only has to live until mpcms_template_parse returns.
 */
typedef struct mpcms_slot {
    const char *name; /* "page.title"; NULL ends an array */
    mpcms_slot_type_e type;
    const struct mpcms_slot *items; /* item slots, for MPCMS_SLOT_LIST */
} mpcms_slot_t;

/*
 * Compiled template. It is immutable after parsing, so many threads may
 * render it at once. It lives as long as the pool it was parsed into.
 */
typedef struct mpcms_template mpcms_template_t;

/*
 * Values for one render. A view is used by one thread, and it lives as
 * long as the pool it was made from.
 *
 * Cost: mpcms_view_set appends a (name, value) pair to an array that grows
 * by doubling, so it does no lookup. mpcms_view_add_item searches the lists
 * of its view by name with strcmp, and allocates one item view. A name set
 * twice keeps both pairs, and the last one wins at render time.
 */
typedef struct mpcms_view mpcms_view_t;

/*
 * Compiles text, of length bytes, into *tpl allocated from pool. The text
 * is copied, so the caller may free it afterwards. source names the text
 * in error records, usually a file path. slots lists the values that the
 * template may use (NULL for none).
 *
 * On an invalid template, returns APR_EGENERAL and sets *tpl to NULL. When
 * error is not NULL, *error receives a record whose line and column point
 * at the "{{" of the offending tag. Both are 1-based, and the column counts
 * UTF-8 characters. An invalid slot table (bad or repeated name) is
 * reported the same way, with line 0.
 */
apr_status_t mpcms_template_parse(mpcms_template_t **tpl, const char *text,
                                  apr_size_t length, const char *source,
                                  const mpcms_slot_t *slots,
                                  mpcms_error_t **error, apr_pool_t *pool);

/*
 * Reads the file at path and compiles it like mpcms_template_parse, with
 * path as the source. A file that cannot be opened or read returns the APR
 * status of the failure and an error record naming the path and the reason.
 */
apr_status_t mpcms_template_load(mpcms_template_t **tpl, const char *path,
                                 const mpcms_slot_t *slots,
                                 mpcms_error_t **error, apr_pool_t *pool);

/*
 * Returns the 64-bit FNV-1a hash of the template text. It depends only on
 * the bytes of the text, so equal texts give equal digests in every
 * process and after every restart.
 */
apr_uint64_t mpcms_template_digest(const mpcms_template_t *tpl);

/* Returns the source name given to the parser, or NULL when none was. */
const char *mpcms_template_source(const mpcms_template_t *tpl);

/* Allocates an empty view from pool. Its values are allocated from pool. */
mpcms_view_t *mpcms_view_make(apr_pool_t *pool);

/*
 * Sets the value of a TEXT or HTML slot. Neither name nor value is copied,
 * so both must live as long as the view. A NULL value marks the slot as
 * absent. A name that is not a slot of the template, or that is a list,
 * is ignored at render time.
 */
void mpcms_view_set(mpcms_view_t *view, const char *name, const char *value);

/*
 * Appends one item to the list named list_name and returns the item's view,
 * in which the caller sets the item slots. list_name is not copied. Inside
 * the item, only the item slots of the list are looked up, so setting an
 * outer slot there has no effect.
 */
mpcms_view_t *mpcms_view_add_item(mpcms_view_t *view, const char *list_name);

/*
 * Renders tpl with the values of view (NULL renders every slot as absent)
 * into a NUL-terminated string allocated from pool. *length, when length
 * is not NULL, receives the length without the NUL. Returns APR_ENOMEM,
 * and sets *out to NULL, if the output length does not fit in apr_size_t.
 *
 * Cost: each tag was resolved to a slot index at parse time. Render first
 * binds the view to those indexes. Each value and list set in the view,
 * items included, costs one binary search (strcmp) over the slot names of
 * its scope. Binding allocates one value array for the view and one for
 * each list with items. Render then walks the compiled template twice,
 * once to add up the output length (escaped lengths included) and once to
 * write into a buffer allocated once. Nothing is hashed or reallocated.
 */
apr_status_t mpcms_template_render(const char **out, apr_size_t *length,
                                   const mpcms_template_t *tpl,
                                   const mpcms_view_t *view, apr_pool_t *pool);

#endif /* MPCMS_TEMPLATE_H */
