package dataclips.delivery;

import dataclips.UserError;
import dataclips.export.Format;
import java.util.Locale;
import java.util.Optional;

/** What file a mail carries: the snapshot as CSV or XLSX, or none (the first rows and the chart are in its body). */
public enum Attach {
    CSV, XLSX, NONE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    Optional<Format> format() {
        return switch (this) {
            case CSV -> Optional.of(Format.CSV);
            case XLSX -> Optional.of(Format.XLSX);
            case NONE -> Optional.empty();
        };
    }

    static Attach parse(String value) {
        if (value == null) {
            return CSV;
        }
        for (Attach a : values()) {
            if (a.wire().equals(value)) {
                return a;
            }
        }
        throw new UserError(422, "bad_attach", "attach must be \"csv\", \"xlsx\" or \"none\", not " + UserError.quoted(value));
    }
}
