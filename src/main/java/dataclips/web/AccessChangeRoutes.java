package dataclips.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dataclips.accounts.AccessAudit;
import dataclips.accounts.User;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.List;

/** The audit of who may do what, for admins: GET /api/v1/access-changes and the Access changes page. */
final class AccessChangeRoutes {
    static final int SHOWN = 500;
    private final AccessAudit audit;
    private final Pages pages;

    AccessChangeRoutes(AccessAudit audit, Pages pages) {
        this.audit = audit;
        this.pages = pages;
    }

    /** One change as the API shows it, its details as JSON. */
    record ChangeView(long id, OffsetDateTime at, String actor, String action, String subject, JsonNode details) {}

    /** Newest first: [{"id","at","actor","action","subject","details"}]. */
    void list(Context ctx, User admin) {
        ctx.json(audit.newest(SHOWN).stream().map(e -> new ChangeView(e.id(), e.at(), e.actor(), e.action(), e.subject(),
                details(e.details()))).toList());
    }

    private static JsonNode details(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // the app wrote it: a JSON object
        }
    }

    /** The page shows the details indented, one key a line, so a long list of teams wraps where it should. */
    void page(Context ctx, User admin) {
        pages.render(ctx, "accounts/access-changes", new AccessChangesPage(audit.newest(SHOWN).stream()
                .map(e -> new ChangeView(e.id(), e.at(), e.actor(), e.action(), e.subject(), details(e.details())))
                .toList(), SHOWN));
    }

    /** templates/accounts/access-changes.html: the newest changes, at most limit. */
    record AccessChangesPage(List<ChangeView> changes, int limit) {}
}
