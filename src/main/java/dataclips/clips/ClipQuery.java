package dataclips.clips;

import dataclips.UserError;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a clip list asks for: whose clips (empty: everyone's that the scope lets the caller list), a text found in the
 * title, the current SQL (where the scope lets the caller see it) or the owner's email (case-insensitively, taken
 * literally: "50%" means those three characters), the order, and which page of how many. {@link #parse} reads it from
 * a URL's values, so the API and the home page refuse the same bad input with the same 422.
 */
public record ClipQuery(ListScope scope, Optional<Long> owner, String text, Sort sort, int page, int pageSize) {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;

    /** Every order is newest first; ties (clips changed in one transaction) go by id, newest first, so pages never overlap. */
    public enum Sort {
        /** The latest change of title, SQL, sharing, …: what people were working on. */
        UPDATED("updated"),
        CREATED("created"),
        /** The latest run of any kind (page, download, snapshot, schedule); clips never run come last. */
        LAST_RUN("last_run");

        private final String wire;

        Sort(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Sort parse(String value) {
            return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst().orElseThrow(() ->
                    new UserError(422, "bad_sort", "sort must be one of " + Arrays.stream(values()).map(Sort::wire)
                            .collect(Collectors.joining(", ")) + ", not " + shown(value)));
        }
    }

    public ClipQuery {
        text = text == null ? "" : text.strip();
        if (page < 1) {
            throw badPage(String.valueOf(page));
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw badPageSize(String.valueOf(pageSize));
        }
    }

    /** From a URL's values as typed; a null (absent) sort, page or page size takes its default. */
    public static ClipQuery parse(ListScope scope, Optional<Long> owner, String text, String sort, String page,
                                  String pageSize) {
        Sort order = sort == null || sort.isBlank() ? Sort.UPDATED : Sort.parse(sort.strip());
        int number = page == null || page.isBlank() ? 1 : whole(page, ClipQuery::badPage);
        int size = pageSize == null || pageSize.isBlank() ? DEFAULT_PAGE_SIZE : whole(pageSize, ClipQuery::badPageSize);
        return new ClipQuery(scope, owner, text, order, number, size);
    }

    /** Rows before this page: a long, so a page number near Integer.MAX_VALUE is an empty page, not an overflow. */
    public long offset() {
        return (long) (page - 1) * pageSize;
    }

    public boolean mine() {
        return owner.isPresent();
    }

    private static int whole(String value, java.util.function.Function<String, UserError> refusal) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw refusal.apply(value);
        }
    }

    private static UserError badPage(String value) {
        return new UserError(422, "bad_page", "page must be a whole number from 1, not " + shown(value));
    }

    private static UserError badPageSize(String value) {
        return new UserError(422, "bad_per_page", "per_page must be a whole number from 1 to " + MAX_PAGE_SIZE
                + ", not " + shown(value));
    }

    /** The refused value in quotes, cut so a megabyte of it is not sent back. */
    private static String shown(String value) {
        return "\"" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "\"";
    }
}
