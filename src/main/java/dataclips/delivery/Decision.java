package dataclips.delivery;

import java.util.Optional;

/**
 * Whether a subscription sends one snapshot: fire (with the changes when it fires on change), or skip with why. The
 * sentence a mail carries about why it came follows from the subscription alone ({@link #reason}).
 */
record Decision(boolean fire, String why, Optional<Delivery.Changes> changes) {
    static Decision fire(Optional<Delivery.Changes> changes) {
        return new Decision(true, null, changes);
    }

    static Decision skip(String why) {
        return new Decision(false, why, Optional.empty());
    }

    /** "Sent because …" for the mail's body; empty for "always". */
    static Optional<String> reason(Subscription s) {
        return switch (s.fires()) {
            case ALWAYS -> Optional.empty();
            case CHANGED -> Optional.of("Sent because the result changed since the previous snapshot.");
            case ROWS -> Optional.of("Sent because the result has rows.");
            case CONDITION -> Optional.of("Sent because a row has " + s.condition().map(Condition::describe).orElse("")
                    + ".");
        };
    }
}
