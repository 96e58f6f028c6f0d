package dataclips.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dataclips.UserError;
import dataclips.access.ClipMembers;
import dataclips.access.ClipRights;
import dataclips.access.MemberRole;
import dataclips.access.Policy;
import dataclips.accounts.User;
import dataclips.accounts.Users;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A clip's members and owner, for its owner and admins: GET/PUT /api/v1/clips/{slug}/members (PUT replaces the list),
 * PUT /api/v1/clips/{slug}/owner, and the members panel of the clip page's Share section (templates/clips/members.html)
 * with its form.
 */
final class MemberRoutes {
    private final ClipMembers members;
    private final Clips clips;
    private final Users users;
    private final Policy policy;

    record OwnerRequest(String email) {}

    MemberRoutes(ClipMembers members, Clips clips, Users users, Policy policy) {
        this.members = members;
        this.clips = clips;
        this.users = users;
        this.policy = policy;
    }

    void get(Context ctx, ClipRights clip) {
        ctx.json(ClipMembers.wire(members.of(clip.clip())));
    }

    void put(Context ctx, ClipRights clip) {
        List<ClipMembers.Member> list = read(ctx.body());
        ctx.json(ClipMembers.wire(members.replace(clip.clip(), list, Auth.user(ctx).orElseThrow())));
    }

    /** The panel's form: member (an email or a team's name) and role (view, edit, or none to remove). */
    void fromPage(Context ctx, ClipRights clip) {
        String who = Optional.ofNullable(ctx.formParam("member")).orElse("").strip();
        String role = Optional.ofNullable(ctx.formParam("role")).orElse("");
        if (who.isEmpty()) {
            throw new UserError(422, "bad_member", "name the member: a user's email or a team's name");
        }
        ClipMembers.Member changed = who.contains("@") ? new ClipMembers.Member(who, null, MemberRole.VIEW)
                : new ClipMembers.Member(null, who, MemberRole.VIEW);
        List<ClipMembers.Member> list = new ArrayList<>(members.of(clip.clip()));
        list.removeIf(m -> m.who().equals(changed.who()));
        if (!role.equals("none")) {
            list.add(new ClipMembers.Member(changed.user(), changed.team(), MemberRole.parse(role)));
        }
        members.replace(clip.clip(), list, Auth.user(ctx).orElseThrow());
        ctx.redirect(clip.clip().path() + "?notice=members");
    }

    void handOver(Context ctx, ClipRights clip) {
        String email = Json.body(ctx, OwnerRequest.class).email();
        User to = users.find(email == null ? "" : email).filter(User::active).orElseThrow(() -> new UserError(422,
                "unknown_user", "there is no active user " + UserError.quoted(email) + " to hand the clip to"));
        if (!Queryable.mayOwn(policy, clips, to, clip.clip())) {
            throw new UserError(422, "cannot_query", to.email() + " may not query the database " + clip.clip().sourceName()
                    + ", so cannot own this clip; an admin grants query on the Databases page");
        }
        Clip handed = clips.handOver(clip.clip(), to, Auth.user(ctx).orElseThrow());
        ctx.json(ClipViews.of(policy.clip(Auth.user(ctx), handed), ctx));
    }

    /** [{"user": "a@x", "role": "view"}, {"team": "sales", "role": "edit"}], read strictly. */
    private static List<ClipMembers.Member> read(String body) {
        JsonNode tree;
        try {
            tree = body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            tree = null;
        }
        if (tree == null || !tree.isArray()) {
            throw new UserError(400, "bad_json", "send the members as a JSON list: [{\"user\": \"a@example.com\", \"role\": "
                    + "\"view\"}, {\"team\": \"sales\", \"role\": \"edit\"}]");
        }
        InputText.checkJson(tree, "");
        List<ClipMembers.Member> list = new ArrayList<>();
        for (JsonNode m : tree) {
            Map<String, Object> fields = m.isObject() ? Json.MAPPER.convertValue(m, new TypeReference<Map<String, Object>>() {})
                    : Map.of();
            if (!m.isObject() || !List.of("user", "team", "role").containsAll(fields.keySet())
                    || fields.values().stream().anyMatch(v -> !(v instanceof String))) {
                throw new UserError(422, "bad_member", "each member is {\"user\": \"<email>\", \"role\": \"view\"|\"edit\"} "
                        + "or {\"team\": \"<name>\", \"role\": …}, not " + cut(m.toString()));
            }
            list.add(new ClipMembers.Member((String) fields.get("user"), (String) fields.get("team"),
                    MemberRole.parse((String) fields.get("role"))));
        }
        return list;
    }

    private static String cut(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
