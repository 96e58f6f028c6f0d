package dataclips.parameters;

import dataclips.UserError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One typed parameter a clip version declares; its SQL refers to it as {@code {{name}}} and its URLs
 * give its value as {@code ?name=value}. defaultValue, min and max are the texts as declared (null when
 * absent), parsed by {@link ParameterValues} when used; choices is empty unless the type is CHOICE, and then
 * either listed or, with choicesClip, the first column of another clip's result, read when a URL is answered.
 * {@link ParameterDeclarations#check} says whether a list of them is acceptable.
 */
public record Parameter(String name, Type type, String defaultValue, List<String> choices, String min, String max,
                        LinkHolders linkHolders, String choicesClip) {

    public Parameter {
        // Absent choices and no choices mean the same; an immutable copy keeps a checked list checked.
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** A parameter whose choices, if any, are listed in the declaration. */
    public Parameter(String name, Type type, String defaultValue, List<String> choices, String min, String max,
                     LinkHolders linkHolders) {
        this(name, type, defaultValue, choices, min, max, linkHolders, null);
    }

    /** choices_clip: a choice whose list is the first column of that clip's current result (its slug), or null. */
    public boolean choicesFromClip() {
        return choicesClip != null;
    }

    /** The same parameter with its choices as listed now (those of its choices clip). */
    public Parameter withChoices(List<String> listed) {
        return new Parameter(name, type, defaultValue, listed, min, max, linkHolders, choicesClip);
    }

    /** What a value is parsed into (see {@link ParameterValues#parse}). */
    public enum Type {
        TEXT, INTEGER, NUMBER, DATE, TIMESTAMP, BOOLEAN, CHOICE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type parse(String word) {
            return Parameter.parse(Type.class, word, "type");
        }
    }

    /** Whether people holding the clip's link may give their own value, or always get the default. */
    public enum LinkHolders {
        FIXED, EDITABLE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static LinkHolders parse(String word) {
            return Parameter.parse(LinkHolders.class, word, "link_holders");
        }
    }

    /** The wire words of an enum as "a, b or c", for messages that say what is accepted. */
    static <E extends Enum<E>> String wireWords(Class<E> kind) {
        List<String> words = Arrays.stream(kind.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(ArrayList::new));
        String last = words.remove(words.size() - 1);
        return String.join(", ", words) + " or " + last;
    }

    // Case-insensitive, so "Integer" typed by hand means integer; lower-casing first (rather than
    // equalsIgnoreCase) keeps look-alikes such as the dotless "ınteger" out.
    private static <E extends Enum<E>> E parse(Class<E> kind, String word, String field) {
        if (word != null) {
            String lower = word.toLowerCase(Locale.ROOT);
            for (E e : kind.getEnumConstants()) {
                if (e.name().toLowerCase(Locale.ROOT).equals(lower)) {
                    return e;
                }
            }
        }
        String given = word == null ? "is missing" : "cannot be " + ValueMessages.quote(word);
        throw new UserError(422, "bad_parameters", field + " " + given + ": use " + wireWords(kind));
    }
}
