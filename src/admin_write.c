/*
 * The steps of the admin area's writes: transactions whose failures are
 * recorded in the request context, the audit row of each change, and the
 * response to a save.
 */
#include <string.h>

#include "admin_app.h"

apr_status_t mpcms_admin_abort(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                               apr_status_t status, mpcms_error_t *error)
{
    int from_statement = error != NULL && error->source != NULL
                         && strncmp(error->source, "mpcms_", 6) == 0;

    mpcms_tx_rollback(tx);
    if (from_statement && status == MPCMS_ECONFLICT) {
        /* A constraint caught a race that the checks before missed. */
        ctx->result->cause = error;
        error = mpcms_error_make(NULL, 0, 0, ctx->pool,
                                 "the change conflicts with a change made at "
                                 "the same time; reload and try again");
    }
    else if (from_statement && status == MPCMS_EINVALID) {
        /*
         * A CHECK constraint rejected a value that the field checks let
         * through. The driver's text names SQL, not a field, so the client
         * gets a message without a field and the log gets the text.
         */
        ctx->result->cause = error;
        error = mpcms_error_make(NULL, 0, 0, ctx->pool,
                                 "the database rejected a value of this "
                                 "record; check the values and try again");
    }
    return mpcms_admin_fail_error(ctx, status, error);
}

/*
 * Returns 1 when a change left the record as it was: before and after are
 * equal apart from version and updated_at, which every UPDATE moves.
 */
static int is_unchanged(const json_t *before, const json_t *after)
{
    const char *name;
    json_t *value;

    if (before == NULL || after == NULL || !json_is_object(before)
        || !json_is_object(after)
        || json_object_size(before) != json_object_size(after)) {
        return 0;
    }
    json_object_foreach((json_t *)after, name, value)
    {
        if (strcmp(name, "version") == 0 || strcmp(name, "updated_at") == 0) {
            continue;
        }
        if (!json_equal(value, json_object_get(before, name))) {
            return 0;
        }
    }
    return 1;
}

apr_status_t mpcms_admin_commit_change(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                       const char *action, const char *entity,
                                       const char *key, const json_t *before,
                                       json_t *after)
{
    if (is_unchanged(before, after)) {
        /* The rollback also undoes the version bump of the UPDATE. */
        mpcms_tx_rollback(tx);
        json_object_update(after, (json_t *)before);
        return APR_SUCCESS;
    }
    return mpcms_admin_commit(ctx, tx, action, entity, key, before, after);
}

apr_status_t mpcms_admin_commit(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                const char *action, const char *entity,
                                const char *key, const json_t *before,
                                const json_t *after)
{
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    rv = mpcms_audit_write(mpcms_tx_db(tx), &ctx->actor, action, entity, key,
                           before, after, &error, ctx->pool);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_abort(ctx, tx, rv, error);
    }
    rv = mpcms_tx_commit(tx, &error);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_fail_error(ctx, rv, error);
    }
    return APR_SUCCESS;
}

apr_status_t mpcms_admin_begin(mpcms_admin_ctx_t *ctx, mpcms_tx_t **tx)
{
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    rv = mpcms_tx_begin(tx, ctx->store, &error, ctx->pool);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_fail_error(ctx, rv, error);
    }
    return APR_SUCCESS;
}

apr_status_t mpcms_admin_tx_select(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                   mpcms_rows_t **rows, mpcms_sql_e id,
                                   const char *const *args)
{
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    rv = mpcms_db_select(rows, mpcms_tx_db(tx), id, args, &error, ctx->pool);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_abort(ctx, tx, rv, error);
    }
    return APR_SUCCESS;
}

apr_status_t mpcms_admin_tx_execute(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                    int *affected, mpcms_sql_e id,
                                    const char *const *args)
{
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    rv = mpcms_db_execute(affected, mpcms_tx_db(tx), id, args, &error,
                          ctx->pool);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_abort(ctx, tx, rv, error);
    }
    return APR_SUCCESS;
}

apr_status_t mpcms_admin_saved(mpcms_admin_ctx_t *ctx, apr_status_t rv,
                               const mpcms_admin_form_t *form,
                               const apr_table_t *values,
                               apr_array_header_t *errors, json_t *after,
                               const char *location, const char *notice,
                               int created)
{
    if (rv == MPCMS_EINVALID || rv == MPCMS_ECONFLICT) {
        json_decref(after);
        if (errors == NULL && ctx->result->error != NULL) {
            errors = apr_array_make(ctx->pool, 1, sizeof(mpcms_error_t *));
            APR_ARRAY_PUSH(errors, mpcms_error_t *) = ctx->result->error;
        }
        return mpcms_admin_reject(ctx, form, values, errors, rv);
    }
    if (rv != APR_SUCCESS) {
        json_decref(after);
        return rv;
    }
    if (ctx->is_api) {
        ctx->result->created = created;
        if (created && location != NULL) {
            apr_table_setn(ctx->result->headers, "Location", location);
        }
        return mpcms_admin_json(ctx, after);
    }
    json_decref(after);
    return mpcms_admin_redirect(ctx, location, notice);
}

apr_status_t mpcms_admin_write_begin(mpcms_admin_write_t *write,
                                     mpcms_admin_ctx_t *ctx,
                                     const mpcms_field_t *fields)
{
    apr_status_t rv;

    memset(write, 0, sizeof(*write));
    write->fields = fields;
    write->values = mpcms_fields_defaults(fields, ctx->pool);
    rv = mpcms_admin_input(ctx, fields, &write->input, &write->body_errors);
    if (rv == MPCMS_EINVALID) {
        ctx->result->status = APR_SUCCESS;
        ctx->result->error = NULL;
    }
    else if (rv != APR_SUCCESS) {
        return rv;
    }
    return mpcms_admin_begin(ctx, &write->tx);
}

apr_table_t *mpcms_admin_write_validate(mpcms_admin_write_t *write,
                                        mpcms_admin_ctx_t *ctx,
                                        const apr_table_t *base)
{
    write->values = mpcms_fields_merge(
        write->fields, base ? base : write->values, write->input, ctx->pool);
    mpcms_fields_validate(&write->clean, &write->errors, write->fields,
                          write->values, ctx->pool);
    write->errors =
        mpcms_fields_join_errors(write->body_errors, write->errors, ctx->pool);
    return write->clean;
}

apr_status_t mpcms_admin_write_fail(mpcms_admin_write_t *write,
                                    apr_status_t status)
{
    mpcms_tx_rollback(write->tx);
    json_decref(write->before);
    write->before = NULL;
    return status;
}

apr_status_t mpcms_admin_write_commit(mpcms_admin_write_t *write,
                                      mpcms_admin_ctx_t *ctx,
                                      const char *action, const char *entity,
                                      const char *key)
{
    apr_status_t rv = mpcms_admin_commit_change(
        ctx, write->tx, action, entity, key, write->before, write->after);

    json_decref(write->before);
    write->before = NULL;
    return rv;
}
