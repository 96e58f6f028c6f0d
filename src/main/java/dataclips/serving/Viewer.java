package dataclips.serving;

import dataclips.accounts.User;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Who asks for a result, and whether they are still there to take it. The web layer's client watch calls
 * {@link #left} when the connection closes (and again every 200 ms while it answers false); what leaving means
 * is decided here, by the outcome being served: a run nobody else joined stops, a shared run goes on for its
 * other viewers, a viewer who joined another's run just stops reading it.
 */
public final class Viewer {
    private final Optional<User> user;
    private final String client;
    private final boolean defaultsOnly;
    private volatile boolean gone;
    private volatile BooleanSupplier reaction = () -> false;

    /**
     * client: the address the request came from, which counts the runs of a viewer without an account; defaultsOnly:
     * the clip's fixed parameters hold their defaults for this viewer (one who may not see its SQL: a link holder, a
     * view member), so results with other values are not theirs to see ({@link dataclips.parameters.FixedValues}).
     */
    public Viewer(Optional<User> user, String client, boolean defaultsOnly) {
        this.user = user;
        this.client = client;
        this.defaultsOnly = defaultsOnly;
    }

    /** Nobody waits for the rows: a snapshot the schedule takes (with the defaults). */
    public static Viewer nobody() {
        return new Viewer(Optional.empty(), "", false);
    }

    boolean defaultsOnly() {
        return defaultsOnly;
    }

    public Optional<User> user() {
        return user;
    }

    /** Whose runs these are ({@link RunSlots}): the user, else the client's address; "" for nobody (a schedule). */
    String who() {
        return user.map(u -> "user:" + u.id()).orElse(client.isEmpty() ? "" : "client:" + client);
    }

    /** The viewer went away; true when nothing more needs to be told (the watch may stop asking). */
    public boolean left() {
        gone = true;
        return reaction.getAsBoolean();
    }

    public boolean gone() {
        return gone;
    }

    /** What leaving does for the outcome now being served; false keeps the watch asking. */
    void whenGone(BooleanSupplier reaction) {
        this.reaction = reaction;
    }

    /** "link" for an anonymous viewer, the user's email otherwise, as the stored result's made_by. */
    String madeBy(String anonymous) {
        return user.map(User::email).orElse(anonymous);
    }
}
