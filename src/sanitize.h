/*
 * The HTML sanitizer of the CMS. Every page body stored through the admin
 * area, the vendor dashboard, the JSON API or a data migration passes
 * through mpcms_sanitize_html. The storefront writes stored bodies into
 * pages unescaped, so this sanitizer is the only barrier between an author
 * and the visitors' browsers. Change the policy here and nowhere else.
 *
 * Method: libxml2's HTML parser builds a tree from the fragment, and the
 * sanitizer writes the allowed parts of that tree itself. Text and
 * attribute values are escaped with the helpers of html.h, and attribute
 * values are always written in double quotes, so the output contains no
 * markup other than the allowed start and end tags.
 *
 * Policy in brief:
 * - Allowed elements: p br hr h2-h6 strong b em i u s small sub sup mark
 *   blockquote q cite code pre kbd ul ol li dl dt dd a img figure
 *   figcaption table thead tbody tfoot tr th td caption span div abbr time.
 *   An h1 becomes an h2, because the page template owns the h1.
 * - Removed with their content: script style iframe object applet
 *   noscript noembed noframes frameset template svg math form input button
 *   select textarea link meta base title head. Any other element is removed
 *   and its children are kept in its place. That includes embed: browsers
 *   parse it as a void element, and the children that libxml2 2.9 gives it
 *   are the content that follows it.
 * - Allowed attributes: title, lang and dir (ltr, rtl, auto) everywhere;
 *   class when it matches ^[a-z0-9 _-]{1,100}$ and id when it matches
 *   ^[a-z][a-z0-9_-]{0,63}$; a: href rel target (only _blank, which adds
 *   "noopener noreferrer" to rel); img: src alt width height (1 to 9
 *   digits); th, td: colspan rowspan (1 to 1000) scope (row, col, rowgroup,
 *   colgroup); ol: start (1 to 9 digits) reversed; time: datetime;
 *   q, blockquote: cite. Everything else goes, on* handlers, style,
 *   srcset, formaction, xlink:href and data-* included.
 *   NOTE: a kept id can shadow a global variable of the storefront's own
 *   scripts (DOM clobbering), so those scripts should not read globals
 *   that a page body could define.
 * - URLs (href, src, cite): ASCII control characters, tab and newline
 *   included, are removed anywhere in the value and spaces are trimmed at
 *   both ends. The rest must be a relative URL or use http, https, mailto
 *   or tel. A colon before the first '/', '?' or '#' counts as a scheme, so
 *   "javascript:", "data:", "file:" and any other scheme are rejected.
 *   Protocol-relative URLs ("//host", and "/\host" or "\\host", which
 *   browsers read the same way) are rejected too, because their scheme
 *   depends on the page and "https://host" says the same thing explicitly.
 *   A rejected URL removes the attribute, and an a element keeps its text.
 * - Comments, processing instructions, CDATA sections and doctypes are
 *   removed. libxml2 2.9 does not know CDATA sections in HTML: it reads
 *   "<![CDATA[" as text, which is escaped on output.
 *
 * The output is stable: sanitizing it again returns the same bytes. libxml2
 * moves some elements when it reads the output back (for example a div
 * that ended up inside a p once an unknown element between them was
 * removed), so the sanitizer parses its own output again until it no
 * longer changes, at most MPCMS_SANITIZE_MAX_PASSES times. Input that the
 * sanitizer returns unchanged costs one parse.
 *
 * Threads: mpcms_sanitize_html keeps no global state and may run in many
 * threads at once. The caller must call xmlInitParser() once per process
 * before threads start, because libxml2 2.9 documents it as not reentrant
 * and asks multithreaded programs to call it once before parsing. This
 * file never calls xmlInitParser or xmlCleanupParser.
 */
#ifndef MPCMS_SANITIZE_H
#define MPCMS_SANITIZE_H

#include <apr_pools.h>

#include "error.h"

/* Maximum input length in bytes (1 MiB). */
#define MPCMS_SANITIZE_MAX_INPUT (1024 * 1024)

/*
 * Maximum nesting of elements in the input. Deeper input is rejected. The
 * limit stays below the 256 open elements at which libxml2 2.9 stops
 * parsing and silently drops the rest of the input, and it bounds the
 * parser's cost, which grows with the nesting depth times the number of
 * end tags.
 */
#define MPCMS_SANITIZE_MAX_DEPTH 200

/* Maximum number of times the sanitizer parses its own output again. */
#define MPCMS_SANITIZE_MAX_PASSES 4

typedef struct mpcms_sanitize_report {
    int removed_elements; /* elements dropped (with or without their content) */
    int removed_attributes; /* attributes dropped or URLs rejected */
} mpcms_sanitize_report_t;

/*
 * Sanitizes an HTML fragment (a page body, not a whole document) of length
 * bytes. *out is a NUL-terminated UTF-8 fragment allocated from pool;
 * report may be NULL.
 *
 * A UTF-8 byte order mark at the start is removed and each NUL byte becomes
 * U+FFFD, because libxml2 stops reading at a NUL. An element removed with
 * its content counts once in removed_elements: the elements inside it are
 * not counted.
 *
 * Returns APR_SUCCESS, or APR_EINVAL with *error set (when error is not
 * NULL) and *out set to NULL when the input is not valid UTF-8, is larger
 * than MPCMS_SANITIZE_MAX_INPUT or nests elements deeper than
 * MPCMS_SANITIZE_MAX_DEPTH. The message names the problem in plain words.
 * Returns APR_ENOMEM, with *error set, when libxml2 cannot allocate its
 * parser or the tree. On failure the counts of *report are 0.
 */
apr_status_t mpcms_sanitize_html(const char **out,
                                 mpcms_sanitize_report_t *report,
                                 const char *html, apr_size_t length,
                                 mpcms_error_t **error, apr_pool_t *pool);

#endif /* MPCMS_SANITIZE_H */
