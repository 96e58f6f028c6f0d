package dataclips.access;

import static dataclips.db.Tables.SOURCES;

import dataclips.UserError;
import dataclips.accounts.User;
import dataclips.clips.Clip;
import dataclips.clips.ListScope;
import dataclips.sources.Source;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Record1;
import org.jooq.Select;

/**
 * The one place that decides who may do what (README, "Teams and access"): for a caller (a signed-in user, or an
 * anonymous one holding a URL) and a clip or a database, the actions allowed, read at request time from their level on
 * the database and their membership of the clip. Lists ask it for the same rules as SQL conditions ({@link #listScope}).
 */
public final class Policy {
    private final SourceLevels levels;
    private final ClipMembers members;
    private final Clock clock;

    /** clock: what link expiry is measured against. */
    public Policy(SourceLevels levels, ClipMembers members, Clock clock) {
        this.levels = levels;
        this.members = members;
        this.clock = clock;
    }

    public ClipRights clip(Optional<User> caller, Clip clip) {
        return clips(caller, List.of(clip)).get(0);
    }

    /** The rights on each clip, in order, read in two queries whatever the number of clips. */
    public List<ClipRights> clips(Optional<User> caller, List<Clip> clips) {
        if (caller.isEmpty() || clips.isEmpty()) {
            return clips.stream().map(c -> rights(c, Standing.anonymous(c.access(), c.linkExpired(clock.instant())))).toList();
        }
        User user = caller.get();
        Set<Long> sourceIds = clips.stream().map(Clip::sourceId).collect(Collectors.toSet());
        Map<Long, Level> level = user.isAdmin() ? Map.of() : levels.levelsOf(user, SOURCES.ID.in(sourceIds));
        Map<Long, MemberRole> role = members.rolesOf(user, clips.stream().map(Clip::id).toList());
        return clips.stream().map(c -> rights(c, new Standing(true, user.isAdmin(), c.ownerId() == user.id(),
                Optional.ofNullable(role.get(c.id())), user.isAdmin() ? Level.QUERY : level.getOrDefault(c.sourceId(), Level.NONE),
                c.access(), c.linkExpired(clock.instant())))).toList();
    }

    public SourceRights source(Optional<User> caller, Source source) {
        return caller.map(u -> new SourceRights(source, levelOf(u, source), u.isAdmin()))
                .orElseGet(() -> new SourceRights(source, Level.NONE, false));
    }

    /** The caller's level on each of the databases, by id (admins: query on all), read in one query. */
    public Map<Long, Level> levels(User caller, List<Source> sources) {
        Map<Long, Level> level = caller.isAdmin() ? Map.of()
                : levels.levelsOf(caller, SOURCES.ID.in(sources.stream().map(Source::id).toList()));
        Map<Long, Level> all = new java.util.HashMap<>();
        sources.forEach(s -> all.put(s.id(), caller.isAdmin() ? Level.QUERY : level.getOrDefault(s.id(), Level.NONE)));
        return all;
    }

    /**
     * The database named in a request's body (a new clip's, a clip moved to another): one the caller may not see is
     * the 422 of an unknown name, one they may only view a 403 needs_query.
     */
    public void requireQuery(User caller, Optional<Source> source, String name) {
        SourceRights rights = source.map(s -> source(Optional.of(caller), s)).orElse(null);
        if (rights == null || !rights.may(SourceAction.VIEW)) {
            throw new UserError(422, "unknown_source", "there is no source named " + UserError.quoted(name == null ? ""
                    : name.strip()) + "; GET /api/v1/sources lists them");
        }
        rights.require(SourceAction.QUERY);
    }

    /** A user's level on one database: admins query. */
    public Level levelOf(User user, Source source) {
        return user.isAdmin() ? Level.QUERY
                : levels.levelsOf(user, SOURCES.ID.eq(source.id())).getOrDefault(source.id(), Level.NONE);
    }

    /**
     * The clip list's conditions: the clips one may open other than by holding their link (owner, member, or view on a
     * private or link clip's database), and those whose SQL one may see (search looks into the SQL of those only).
     */
    public ListScope listScope(User user) {
        return ScopeSql.listScope(user);
    }

    /** The ids of the clips whose runs the user may read (EDIT): the runs log of a non-admin holds these only. */
    public Select<Record1<Long>> clipsWithReadableRuns(User user) {
        return ScopeSql.editable(user);
    }

    private static ClipRights rights(Clip clip, Standing standing) {
        return new ClipRights(clip, standing, standing.allowed());
    }
}
