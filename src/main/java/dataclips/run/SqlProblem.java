package dataclips.run;

import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * An error of the clip's SQL, as the database reported it: a result to show the user, not a server error.
 * {@code position} is 1-based in the clip's own SQL (the run tag in front of it already subtracted), 0 if none.
 */
public record SqlProblem(String sqlState, String message, String detail, String hint, int position) {

    /** Turns the driver's exception into a problem, mapping the server's position back onto the user's SQL. */
    static SqlProblem of(SQLException e, int tagLength) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null) {
            return new SqlProblem(e.getSQLState(), String.valueOf(e.getMessage()), null, null, 0);
        }
        // PostgreSQL counts characters from 1; the tag is ASCII, so it takes exactly tagLength of them.
        int position = server.getPosition() > tagLength ? server.getPosition() - tagLength : 0;
        return new SqlProblem(server.getSQLState(), server.getMessage(), server.getDetail(), server.getHint(), position);
    }

    /** The error PostgreSQL gives for its own statement timeout, for a run the app ended at that limit itself. */
    static SqlProblem timedOut() {
        return new SqlProblem("57014", "canceling statement due to statement timeout", null, null, 0);
    }

    public Optional<String> detailText() {
        return Optional.ofNullable(detail).filter(d -> !d.isBlank());
    }
}
