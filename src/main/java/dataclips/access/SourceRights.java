package dataclips.access;

import dataclips.UserError;
import dataclips.sources.Source;

/**
 * What one caller may do to one registered database: view (level view or query), query, manage (admins). A database
 * one may not view answers the 404 of an unknown name.
 */
public record SourceRights(Source source, Level level, boolean admin) {

    public boolean may(SourceAction action) {
        return switch (action) {
            case VIEW -> admin || level.atLeast(Level.VIEW);
            case QUERY -> admin || level == Level.QUERY;
            case MANAGE -> admin;
        };
    }

    public void require(SourceAction action) {
        if (may(action)) {
            return;
        }
        if (!may(SourceAction.VIEW)) {
            throw notFound(source.name());
        }
        throw action == SourceAction.QUERY
                ? new UserError(403, "needs_query", "writing SQL on the database " + source.name() + " needs query on it; "
                        + "you may open its clips' results only (an admin grants query on the Databases page)")
                : new UserError(403, "forbidden", "only admins may do this");
    }

    /** The answer for an unknown database and for one the caller may not view alike. */
    public static UserError notFound(String name) {
        return new UserError(404, "not_found", "there is no source named " + UserError.quoted(name)
                + "; GET /api/v1/sources lists them");
    }
}
