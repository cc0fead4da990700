/*
 * HTML escaping for text written into a page.
 *
 * The five characters that can end an element, an attribute value or a
 * character reference are replaced: & < > " ' become &amp; &lt; &gt;
 * &quot; &#39;. Every other byte, UTF-8 included, is copied unchanged.
 * A NULL text counts as the empty string. The functions keep no state and
 * may be called from any thread.
 */
#ifndef MPCMS_HTML_H
#define MPCMS_HTML_H

#include <apr_pools.h>

/* Returns the length of text once escaped, without the terminating NUL. */
apr_size_t mpcms_html_escaped_length(const char *text);

/*
 * Writes the escaped text at out, without a terminating NUL, and returns
 * the position after the last byte written. out must have room for
 * mpcms_html_escaped_length(text) bytes.
 */
char *mpcms_html_escape_to(char *out, const char *text);

/*
 * Returns an escaped copy of text allocated from pool. When text contains
 * nothing to escape, returns text itself (and "" for NULL) without
 * allocating, so the result lives only as long as text.
 */
const char *mpcms_html_escape(const char *text, apr_pool_t *pool);

#endif /* MPCMS_HTML_H */
