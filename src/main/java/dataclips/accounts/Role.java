package dataclips.accounts;

import java.util.Locale;

public enum Role {
    ADMIN, MEMBER;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
