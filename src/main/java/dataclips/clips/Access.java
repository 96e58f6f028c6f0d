package dataclips.clips;

import dataclips.UserError;
import java.util.Locale;

/** Who may open a clip's URLs: anyone holding the link, or signed-in users only. */
public enum Access {
    LINK, PRIVATE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Access parse(String value) {
        for (Access a : values()) {
            if (a.wire().equals(value)) {
                return a;
            }
        }
        throw new UserError(422, "bad_access", "access must be \"link\" (anyone with the URL) or \"private\" "
                + "(signed-in users only), not " + (value == null ? "nothing" : "\"" + value + "\""));
    }
}
