package dataclips.web;

import dataclips.access.ClipAction;
import dataclips.access.SourceAction;
import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * What a route needs before its handler runs, declared once per route in {@link Routes} and checked once by
 * {@link Gate}. It is also the route's Javalin role, so a walk of the router shows each endpoint's need (a route
 * without one fails RouteTableTest).
 */
sealed interface Need extends RouteRole {
    /** How the route table and README name it, e.g. "clip: edit" or "clip: open (link holders too)". */
    String describe();

    /** Anyone, signed in or not (sign-in, health, the API's token call). */
    record Anyone() implements Need {
        @Override
        public String describe() {
            return "anyone";
        }
    }

    /** A signed-in user (admin: an admin); the handler is given the user. */
    record Account(boolean admin) implements Need {
        @Override
        public String describe() {
            return admin ? "admin" : "signed in";
        }
    }

    /**
     * The clip named by {slug}, loaded and asked for this action; linkHolders: anonymous callers holding its link may
     * come (pages, downloads, snapshots), else the route is for signed-in users only (the API, history).
     */
    record OnClip(ClipAction action, boolean linkHolders) implements Need {
        @Override
        public String describe() {
            return "clip: " + action.wire().replace('_', ' ') + (linkHolders ? " (link holders too)" : "");
        }
    }

    /** The registered database named by {name}, loaded and asked for this action; signed-in users only. */
    record OnSource(SourceAction action) implements Need {
        @Override
        public String describe() {
            return "database: " + action.name().toLowerCase(Locale.ROOT);
        }
    }
}
