package dataclips.clips;

import dataclips.parameters.Parameter;
import dataclips.parameters.Parameters;
import dataclips.UserError;
import dataclips.accounts.User;
import dataclips.export.Column;
import dataclips.export.chart.ChartSpec;
import dataclips.run.StatementGuard;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/** Clips: create, find with access rules, edit (a changed SQL is a new version), fork, share, rotate, delete. */
public final class Clips {
    private final ClipStore store;
    private final ClipListStore listStore;
    private final Sources sources;
    private final Slugs slugs = new Slugs();
    private final Clock clock;

    /**
     * The query keys the app's own URLs use (downloads, pages, the API): no parameter may be named like one, so a
     * value in a URL is never mistaken for the app's own option (README, "Parameters").
     */
    public static final Set<String> RESERVED_QUERY_KEYS = Set.of("bom", "inline", "refresh", "notice", "from", "to",
            "q", "mine", "source", "next", "registered", "revoked", "width", "height", "format", "download", "limit",
            "page", "sort", "callback", "_csrf");

    /** A new clip as typed; description may be null. */
    public record Draft(String title, String description, String source, String sql, List<Parameter> parameters) {
        public Draft(String title, String description, String source, String sql) {
            this(title, description, source, sql, List.of());
        }
    }

    /** clock: what link expiry is measured against (tests move it by hand). */
    public Clips(DSLContext db, Sources sources, Clock clock) {
        this.store = new ClipStore(db);
        this.listStore = new ClipListStore(store, db);
        this.sources = sources;
        this.clock = clock;
    }

    public Clip create(User owner, Draft draft) {
        return create(owner, draft, ChartSpec.AUTO);
    }

    /** A new clip with this chart setting in its first version (checked when it draws, as any setting without a result). */
    public Clip create(User owner, Draft draft, ChartSpec chart) {
        String title = ClipFields.title(draft.title());
        String description = ClipFields.description(draft.description());
        Source source = source(draft.source());
        StatementGuard.check(draft.sql());
        List<Parameter> parameters = declared(draft.sql(), draft.parameters());
        long id = store.insert(slugs.next(), title, description, source.id(), owner.id(), draft.sql(),
                Parameters.toJson(parameters), chart.stored());
        return store.byId(id).orElseThrow();
    }

    /**
     * The clip behind a URL's slug, with no access check: the web layer's route table asks the access policy before
     * any handler sees it. A malformed, unknown or rotated-away slug is empty.
     */
    public Optional<Clip> find(String slug) {
        return Optional.ofNullable(slug).filter(Slugs::wellFormed).flatMap(store::bySlug);
    }

    /** The clip with no access check: for background work such as its schedule, never for a request. */
    public Optional<Clip> byId(long id) {
        return store.byId(id);
    }

    /** One page of the clips the query asks for, within its scope, each with its latest run (see {@link ClipQuery}). */
    public ClipListing list(ClipQuery query) {
        return listStore.find(query, clock.instant());
    }

    public Clip edit(Clip clip, User editor, ClipChanges changes) {
        String title = changes.newTitle().map(ClipFields::title).orElse(clip.title());
        String description = changes.newDescription().map(ClipFields::description).orElse(clip.description());
        long sourceId = changes.newSource().map(name -> source(name).id()).orElse(clip.sourceId());
        int maxAge = changes.newMaxAgeSeconds().map(ClipFields::maxAge).orElse(clip.maxAgeSeconds());
        Optional<String> newSql = changes.newSql().filter(sql -> !sql.equals(clip.sql()));
        Optional<List<Parameter>> newParameters = changes.newParameters().filter(p -> !p.equals(clip.parameters()));
        Optional<ChartSpec> newChart = changes.newChart().filter(c -> !c.equals(clip.chart()));
        newSql.ifPresent(StatementGuard::check);
        String sql = newSql.orElse(clip.sql());
        boolean newVersion = newSql.isPresent() || newParameters.isPresent();
        List<Parameter> parameters = newVersion ? declared(sql, newParameters.orElse(clip.parameters())) : List.of();
        store.updateDetails(clip.id(), title, description, sourceId, maxAge);
        String chart = newChart.orElse(clip.chart()).stored();
        if (newVersion) {
            store.addVersion(clip.id(), sql, Parameters.toJson(parameters), chart, editor.id());
        } else if (newChart.isPresent()) {
            store.addChartVersion(clip.id(), chart, editor.id());
        }
        return store.byId(clip.id()).orElseThrow();
    }

    public Clip fork(Clip clip, User forker) {
        int room = ClipFields.MAX_TITLE - 8;
        String title = clip.title().length() > room ? clip.title().substring(0, room) : clip.title();
        return create(forker, new Draft("Copy of " + title, clip.description(), clip.sourceName(), clip.sql(),
                clip.parameters()), clip.chart());
    }

    /**
     * Makes an old version's SQL, parameters and chart current again, as a new version (history is never
     * rewritten); when only the chart differs, the results stay fresh.
     */
    public Clip restore(Clip clip, int version, User editor) {
        ClipVersion old = version(clip, version);
        return edit(clip, editor, ClipChanges.none().sql(old.sql()).parameters(old.parameters()).chart(old.chart()));
    }

    /**
     * A new chart setting, as a new version with the same SQL and parameters (its results stay fresh). columns: the
     * result it must fit (the newest of the clip's SQL); a column missing or of the wrong kind is a 422 naming it.
     * Without a result yet only the setting itself is checked: the chart says why it cannot draw, should it not fit.
     */
    public Clip setChart(Clip clip, User editor, ChartSpec chart, Optional<List<Column>> columns) {
        columns.flatMap(chart::problem).ifPresent(problem -> {
            throw new UserError(422, "bad_chart", problem + " (the newest result of the clip's SQL)");
        });
        return edit(clip, editor, ClipChanges.none().chart(chart));
    }


    /**
     * The clip asked with the values a URL gives (name to every value given for it), checked before anything runs:
     * a value that does not parse as its type, is not among its choices or out of range, a name given twice, a
     * fixed parameter set by a link holder, or a parameter the SQL needs with neither value nor default is a 422
     * naming the parameter. An empty value means "none" (the default, or its optional blocks dropped). Keys that
     * name no parameter are left alone (spreadsheets add their own).
     */
    public AskedClip asked(Clip clip, Map<String, List<String>> query, boolean linkHolder) {
        return asked(clip, query, linkHolder, Map.of());
    }

    /**
     * As above, with the choices read from choices clips now (parameter name to the first column of its clip's
     * result): their values must be one of those. Without a list (a schedule's defaults) the owner's value stands.
     */
    public AskedClip asked(Clip clip, Map<String, List<String>> query, boolean linkHolder,
                           Map<String, List<String>> listed) {
        return asked(clip, query, linkHolder, listed, clock);
    }

    /** The clip with its declared defaults (schedules, and whoever asks without a URL). */
    public AskedClip withDefaults(Clip clip) {
        return asked(clip, Map.of(), false);
    }

    /** The clip with its declared defaults as they were at a time: a snapshot's own "today" for relative dates. */
    public AskedClip withDefaultsAt(Clip clip, Instant at) {
        return asked(clip, Map.of(), false, Map.of(), Clock.fixed(at, java.time.ZoneOffset.UTC));
    }

    private static AskedClip asked(Clip clip, Map<String, List<String>> query, boolean linkHolder,
                                   Map<String, List<String>> listed, Clock clock) {
        Parameters.Checked checked = Parameters.ask(clip.sql(), clip.parameters(), query, linkHolder, listed, clock);
        return new AskedClip(clip, checked.parameters(), checked.arguments());
    }

    /** Replaces the clip's parameters, as a new version with the same SQL; checked against the SQL's uses. */
    public Clip declare(Clip clip, User editor, List<Parameter> parameters) {
        return edit(clip, editor, ClipChanges.none().parameters(parameters));
    }

    /** The clips the user owns, oldest first (an admin hands them over when the user leaves). */
    public List<Clip> ownedBy(User owner) {
        return store.ownedBy(owner.id());
    }

    /** How many clips each user owns, by user id (users with none left out). */
    public Map<Long, Integer> ownedCounts() {
        return store.countsByOwner();
    }

    /** Gives the clip to another owner; audited with who did it. The web layer checks the new owner may query it. */
    public Clip handOver(Clip clip, User to, User actor) {
        store.setOwner(clip, to, actor);
        return store.byId(clip.id()).orElseThrow();
    }

    /** The refusal of a choices_clip that is no clip the declarer may open: the same whether it exists or not. */
    public static UserError noChoicesClip(Parameter p) {
        return new UserError(422, "bad_parameters", "parameter '" + p.name() + "': choices_clip " + p.choicesClip()
                + " is no clip; give the slug from the URL of the clip whose first column lists the choices");
    }

    /**
     * The clip whose first column lists this parameter's choices. Found without the viewer's access rules: its
     * owner chose to show those values to whoever may set the parameter (README, "Parameters").
     */
    public Clip choicesSource(Parameter p) {
        return store.bySlug(p.choicesClip()).orElseThrow(() -> new UserError(409, "choices_clip_gone", "the clip that "
                + "lists the choices of parameter '" + p.name() + "' is gone (deleted, or its URL rotated); the clip's "
                + "owner must declare its parameters again"));
    }

    /** The declarations, checked against the names the SQL uses (each used one declared, each declared one used). */
    private List<Parameter> declared(String sql, List<Parameter> parameters) {
        List<Parameter> checked = Parameters.declare(sql, parameters, RESERVED_QUERY_KEYS, Slugs::wellFormed);
        checked.stream().filter(Parameter::choicesFromClip).forEach(p -> {
            Clip source = store.bySlug(p.choicesClip()).orElseThrow(() -> noChoicesClip(p));
            if (!source.parameters().isEmpty()) {
                throw new UserError(422, "bad_parameters", "parameter '" + p.name() + "': the choices clip has "
                        + "parameters of its own; choose a clip without any, so its list is one list");
            }
        });
        return checked;
    }

    /** How many clips use each source (by name; a source without clips is absent): one that has any cannot go. */
    public Map<String, Integer> countsBySource() {
        return store.countsBySource();
    }

    /** Marks the clip as an example (see embedded.ExampleClips). */
    public void markExample(Clip clip) {
        store.markExample(clip.id());
    }

    public List<ClipVersion> versions(Clip clip) {
        return store.versions(clip.id());
    }

    public ClipVersion version(Clip clip, int version) {
        return store.version(clip.id(), version).orElseThrow(() -> UserError.notFound("version " + version + " of this clip"));
    }

    /** Who may open the clip; audited with who changed it. */
    public Clip share(Clip clip, Access access, User actor) {
        store.setAccess(clip, access, actor);
        return store.byId(clip.id()).orElseThrow();
    }

    /**
     * When the link stops opening for anonymous viewers; empty: never. A time that has already passed is a
     * 422 (to close the link now, make the clip private).
     */
    public Clip expireLink(Clip clip, Optional<OffsetDateTime> expiresAt, User actor) {
        ClipFields.requireExpiry(expiresAt, clock.instant());
        store.setLinkExpiry(clip, expiresAt.orElse(null), actor);
        return store.byId(clip.id()).orElseThrow();
    }

    public boolean linkExpired(Clip clip) {
        return clip.linkExpired(clock.instant());
    }

    /**
     * A new slug: from now on only the new URLs open the clip. The link expiry stays as it is: rotating
     * replaces who holds the link, it does not re-open a link whose time is up (clear or move the expiry).
     */
    public Clip rotate(Clip clip, User actor) {
        store.setSlug(clip, slugs.next(), actor);
        return store.byId(clip.id()).orElseThrow();
    }

    public void delete(Clip clip) {
        store.delete(clip.id());
    }

    public Source sourceOf(Clip clip) {
        return sources.find(clip.sourceId())
                .orElseThrow(() -> new UserError(409, "source_gone", "the clip's database is no longer registered"));
    }

    private Source source(String name) {
        if (name == null || name.isBlank()) {
            throw new UserError(422, "no_source", "choose the database (source) the clip runs on");
        }
        return sources.find(name.strip()).orElseThrow(() -> new UserError(422, "unknown_source",
                "there is no source named " + name.strip() + "; GET /api/v1/sources lists them"));
    }
}
