package dataclips.run;

import java.util.List;

/**
 * The attacks, each with the answer the user must get. REFUSED: a 422 with that code before anything is sent
 * (at save, and at run for SQL stored by a laxer version); FAILED: the follower refuses it and the page shows
 * the database's message (matched as a regular expression); RAN: it runs (harmlessly) and must leave nothing
 * behind for the next run; TIMED_OUT: ended by the source's statement timeout.
 */
final class HostileCases {
    enum Expect { REFUSED, FAILED, RAN, TIMED_OUT }

    record Case(String sql, Expect expect, String answer) {
        @Override
        public String toString() {
            return expect + ": " + (sql.length() > 90 ? sql.substring(0, 90) + "…" : sql);
        }
    }

    static final String MARKER = "/tmp/dataclips-hostile-marker";
    private static final String READ_ONLY = "read-only transaction|during recovery";
    private static final String DENIED = "permission denied";

    private HostileCases() {}

    static List<Case> all() {
        return List.of(
                // writes in every form: not a query, so never sent
                refused("insert into hostile_canary values (4, 'four')", "not_a_query"),
                refused("update hostile_canary set v = 'owned'", "not_a_query"),
                refused("delete from hostile_canary", "not_a_query"),
                refused("merge into hostile_canary c using (select 1 as id) s on c.id = s.id when matched then delete", "not_a_query"),
                refused("drop table hostile_canary", "not_a_query"),
                refused("create table hostile_new (x int)", "not_a_query"),
                refused("create temp table hostile_temp (x int)", "not_a_query"),
                refused("commit", "not_a_query"),
                refused("truncate hostile_canary", "not_a_query"),
                refused("alter table hostile_canary add column owned int", "not_a_query"),
                refused("/* select */ ( delete from hostile_canary )", "not_a_query"),
                refused("select 1; drop table hostile_canary", "multiple_statements"),
                refused("commit; delete from hostile_canary", "multiple_statements"),
                refused("rollback; update hostile_canary set v = 'owned'", "multiple_statements"),
                refused("select 1;\n--\ndelete from hostile_canary", "multiple_statements"),
                refused("set transaction read write", "not_a_query"),
                refused("begin", "not_a_query"),
                refused("copy hostile_canary to program 'touch " + MARKER + "'", "not_a_query"),
                refused("copy hostile_canary from program 'touch " + MARKER + "'", "not_a_query"),
                refused("do $$ begin delete from hostile_canary; end $$", "not_a_query"),
                refused("call pg_catalog.hostile_procedure()", "not_a_query"),
                refused("set role postgres", "not_a_query"),
                refused("set session authorization postgres", "not_a_query"),
                refused("listen hostile", "not_a_query"),
                refused("prepare hostile_plan as select 1", "not_a_query"),
                refused("declare hostile_cursor cursor with hold for select 1", "not_a_query"),
                refused("reset all", "not_a_query"),
                // signalling other backends, and functions that run SQL given as text: refused by name
                refused("select pg_terminate_backend(pid) from pg_stat_activity where usename = current_user", "forbidden_function"),
                refused("select \"pg_cancel_backend\"(pg_backend_pid())", "forbidden_function"),
                refused("select PG_CATALOG.PG_TERMINATE_BACKEND(1, 0)", "forbidden_function"),
                refused("select pg_reload_conf()", "forbidden_function"),
                refused("select pg_rotate_logfile()", "forbidden_function"),
                refused("select query_to_xml('select pg_' || 'terminate_backend(1)', true, false, '')", "forbidden_function"),
                refused("select cursor_to_xml('c', 1, true, false, '')", "forbidden_function"),
                refused("select * from ts_stat('select pg_' || 'cancel_backend(1)::text::tsvector')", "forbidden_function"),
                refused("select * from dblink('dbname=employees', 'delete from hostile_canary') as t(x text)", "forbidden_function"),
                refused("select dblink_exec('dbname=employees', 'delete from hostile_canary')", "forbidden_function"),
                refused("select rolname, rolpassword from pg_catalog.pg_authid", "forbidden_catalog"),
                refused("select * from \"pg_shadow\"", "forbidden_catalog"),
                refused("select umoptions from pg_user_mapping", "forbidden_catalog"),
                refused("select table_to_xml(('pg_auth' || 'id')::regclass, true, false, '')", "forbidden_function"),
                refused("select schema_to_xml('pg_catalog', true, false, '')", "forbidden_function"),
                refused("select U&\"pg\\005fterminate\\005fbackend\"(1)", "forbidden_identifier"),
                // the run's own settings (its statement timeout first): set_config is refused in every spelling; a
                // function of the database that calls it is stopped by the app's own deadline (HostileDeadlineTest)
                refused("select set_config('statement_timeout', '0', true), pg_sleep(30)", "forbidden_function"),
                refused("select \"Set_Config\"('lock_timeout', '0', false)", "forbidden_function"),
                refused("select pg_catalog.set_config('idle_in_transaction_session_timeout', '0', true)", "forbidden_function"),
                refused("select * from set_config('work_mem', '4GB', true)", "forbidden_function"),
                // what other sessions run (other clips' SQL, private ones too): refused by name in every spelling
                refused("select query from pg_stat_activity", "forbidden_catalog"),
                refused("select * from pg_catalog.\"pg_stat_activity\"", "forbidden_catalog"),
                refused("select (PG_STAT_GET_ACTIVITY(null)).query", "forbidden_catalog"),
                refused("select pg_catalog.pg_stat_get_backend_activity(1)", "forbidden_catalog"),
                refused("select query from public.pg_stat_statements", "forbidden_catalog"),
                // writes hidden inside queries: the follower's read-only transaction refuses them
                failed("with x as (delete from hostile_canary returning *) select * from x", READ_ONLY),
                failed("explain analyze delete from hostile_canary", READ_ONLY),
                failed("select * from hostile_canary for update", READ_ONLY),
                failed("select nextval('hostile_seq')", READ_ONLY),
                failed("select setval('hostile_seq', 424242)", READ_ONLY + "|" + DENIED),
                failed("select * into hostile_copy from hostile_canary", READ_ONLY),
                failed("select * into temp hostile_tmp from departments", READ_ONLY),
                failed("select hostile_set_config('transaction_read_only', 'off', false), nextval('hostile_seq')", "read-write|" + READ_ONLY),
                failed("select txid_current()", "recovery|" + READ_ONLY),
                failed("select pg_notify('hostile', 'x')", "recovery|" + READ_ONLY),
                failed("select lo_creat(-1)", READ_ONLY + "|" + DENIED),
                failed("select lo_from_bytea(0, 'owned')", READ_ONLY + "|" + DENIED),
                failed("select lo_unlink(1)", READ_ONLY + "|" + DENIED + "|does not exist"),
                failed("select lo_import('/etc/passwd')", DENIED),
                failed("select lo_export(1, '" + MARKER + "')", DENIED),
                // server files, roles, extensions that are not there
                failed("select pg_read_file('/etc/passwd')", DENIED),
                failed("select pg_read_binary_file('/etc/passwd')", DENIED),
                failed("select pg_ls_dir('.')", DENIED),
                failed("select pg_stat_file('postgresql.conf')", DENIED),
                failed("select hostile_set_config('role', 'postgres', false)", DENIED),
                failed("select hostile_set_config('session_authorization', 'postgres', false)", DENIED + "|cannot set"),
                failed("select postgres_fdw_handler()", "does not exist"),
                // session state that must not outlive the run (checked on the same backend by the next runs)
                ran("select pg_backend_pid() as pid, pg_advisory_lock(4242), pg_advisory_lock_shared(4343), pg_try_advisory_lock(4444)"),
                ran("select pg_backend_pid() as pid, hostile_set_config('search_path', 'pg_catalog', false), "
                        + "hostile_set_config('work_mem', '64kB', false), hostile_set_config('statement_timeout', '1h', false)"),
                ran("select pg_backend_pid() as pid, hostile_set_config('TimeZone', 'Asia/Tokyo', false), "
                        + "hostile_set_config('transaction_read_only', 'on', false)"),
                // resource abuse: ended by the statement timeout
                timedOut("select pg_sleep(3600)"),
                timedOut("select count(*) from salaries a, salaries b"),
                timedOut("select count(*) from generate_series(1, 1000000000)"),
                timedOut("with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r"));
    }

    private static Case refused(String sql, String code) {
        return new Case(sql, Expect.REFUSED, code);
    }

    private static Case failed(String sql, String message) {
        return new Case(sql, Expect.FAILED, message);
    }

    private static Case ran(String sql) {
        return new Case(sql, Expect.RAN, "");
    }

    private static Case timedOut(String sql) {
        return new Case(sql, Expect.TIMED_OUT, "canceling statement due to statement timeout");
    }
}
