package dataclips.parameters;

import dataclips.UserError;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which stored results link holders may see (README, "Parameters"). A fixed parameter always runs with its default for
 * those who may not see the clip's SQL (link holders, view members, users with view on its database), so a snapshot the
 * owner took with other values (?t=tenant-b) is not theirs to see: not at its URLs and images, in lists, in a
 * comparison, nor as the clip's pinned result. A result shows them only when each fixed
 * parameter's value in it is the default as it was when the result was taken (a relative default such as today-7d is
 * worked out for that moment; a default that was out of range then matches nothing).
 */
final class FixedValues {
    private FixedValues() {}

    /**
     * Whether a result of the clip (its declared parameters) taken at takenAt with these values (name to canonical text) may be seen by a viewer
     * for whom fixed parameters hold their defaults (who may not see the clip's SQL).
     */
    static boolean shownToDefaultsOnly(List<Parameter> declared, Map<String, String> values, OffsetDateTime takenAt) {
        Clock then = Clock.fixed(takenAt.toInstant(), ZoneOffset.UTC);
        return declared.stream().filter(p -> p.linkHolders() == Parameter.LinkHolders.FIXED)
                .allMatch(p -> defaultText(p, then).equals(Optional.ofNullable(values.get(p.name()))));
    }

    /** The default's canonical text at that moment; empty without one; a text no value has when it did not parse. */
    private static Optional<String> defaultText(Parameter p, Clock then) {
        if (p.defaultValue() == null || p.type() == Parameter.Type.CHOICE) {
            return Optional.ofNullable(p.defaultValue()); // a choice is its text (a choices clip's list is not read here)
        }
        try {
            return ParameterValues.defaultValue(p, then).map(ParameterValues::canonical);
        } catch (UserError outOfRangeThen) {
            return Optional.of("\u0000"); // no stored value holds NUL
        }
    }
}
