package dataclips.run;

import dataclips.UserError;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses, before anything is sent, SQL that names a function able to reach beyond the clip's own read-only
 * transaction. PostgreSQL lets a role signal every other backend of the same role, so one clip could end
 * another's query (pg_cancel_backend, pg_terminate_backend) even on a follower; a few more functions run a
 * query given as text, which would carry such a call past this very check (query_to_xml('select pg_' ||
 * 'terminate_backend(…)', …)), or reach another server (dblink). The match is on the bare name, case-insensitive,
 * quoted or schema-qualified, and also inside string literals: a false refusal costs a rename, a miss costs
 * someone else's query. Unicode-escaped identifiers (U&"…") could spell any of these names, so they are refused too.
 * This is one layer: the embedded sample database also revokes EXECUTE on the signalling functions, and
 * registration warns when a role may still execute them (or read what other sessions run).
 */
final class ForbiddenCalls {
    /** Functions that signal other backends or the server. */
    static final List<String> SIGNALLING = List.of("pg_cancel_backend", "pg_terminate_backend", "pg_reload_conf",
            "pg_rotate_logfile", "pg_log_backend_memory_contexts");
    /**
     * Functions that execute a query given as text (ts_stat, ts_rewrite(query, text)), that read a relation or
     * schema named at run time (every *_to_xml* function: table_to_xml(('pg_auth' || 'id')::regclass, …)), or
     * that reach another server (dblink*).
     */
    static final List<String> DYNAMIC_SQL = List.of("[a-z_]*_to_xml[a-z_]*", "ts_stat", "ts_rewrite", "dblink[a-z_]*");
    /**
     * Catalogs with secrets that pg_read_all_data (the recommended clip role) may read: password hashes (pg_authid,
     * pg_shadow) and foreign-server passwords (pg_user_mapping).
     */
    static final List<String> SECRET_CATALOGS = List.of("pg_authid", "pg_shadow", "pg_user_mapping");
    /**
     * What other sessions are running, as SQL text: every clip of a source runs as the same role, and PostgreSQL
     * shows a role the queries of all its own sessions, so a link clip could show anyone the SQL (and the literals)
     * of private clips running at that moment.
     */
    static final List<String> OTHER_SESSIONS = List.of("pg_stat_activity", "pg_stat_get_activity",
            "pg_stat_get_backend_activity[a-z_]*", "pg_stat_statements[a-z_]*");
    /**
     * Changes the run's own settings: its statement timeout (PostgreSQL arms it again at each fetch from the current
     * value), lock and idle timeouts, read-only flag, work_mem. The app keeps the statement timeout itself in any case
     * ({@link RunDeadline}); this refusal is the layer before it.
     */
    static final List<String> SETTINGS = List.of("set_config");
    private static final Pattern NAMES = Pattern.compile("(?<![\\p{L}\\p{N}_$])("
            + String.join("|", SIGNALLING) + "|" + String.join("|", DYNAMIC_SQL) + "|" + String.join("|", SECRET_CATALOGS)
            + "|" + String.join("|", SETTINGS)
            + "|" + String.join("|", OTHER_SESSIONS) + ")(?![\\p{L}\\p{N}_$])", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNICODE_IDENTIFIER = Pattern.compile("(?i)(?<![\\p{L}\\p{N}_$])u&\"");

    private ForbiddenCalls() {}

    static void check(String sql) {
        Matcher m = NAMES.matcher(sql);
        if (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (OTHER_SESSIONS.stream().anyMatch(name::matches)) {
                throw new UserError(422, "forbidden_catalog", "a clip may not read " + name + ": it shows the SQL that "
                        + "other sessions are running, other clips' included (private ones too). Ask the database's "
                        + "administrator for what it is doing; a clip can show its own session with pg_backend_pid().");
            }
            if (SECRET_CATALOGS.contains(name)) {
                throw new UserError(422, "forbidden_catalog", "a clip may not read " + name + ": it holds password "
                        + "hashes or server credentials. Use pg_roles (or pg_user_mappings) for what may be shown.");
            }
            if (SETTINGS.contains(name)) {
                throw new UserError(422, "forbidden_function", "a clip may not call set_config: it would change the "
                        + "run's own settings (its statement timeout, lock timeout, read-only flag), which the app sets for "
                        + "every run. Remove it (also from comments and strings); a clip reads settings with current_setting().");
            }
            String why = SIGNALLING.contains(name)
                    ? "it signals other sessions or the server, so one clip could stop another clip's query"
                    : "it runs SQL or reads a relation named at run time (or on another server), past the checks every clip goes through";
            throw new UserError(422, "forbidden_function", "a clip may not call " + name + ": " + why
                    + ". Remove it (also from comments and strings) and write the query directly.");
        }
        if (UNICODE_IDENTIFIER.matcher(sql).find()) {
            throw new UserError(422, "forbidden_identifier", "a clip may not use Unicode-escaped identifiers (U&\"…\"), "
                    + "which can spell a refused function's name; write the identifier plainly, e.g. \"my column\"");
        }
    }
}
