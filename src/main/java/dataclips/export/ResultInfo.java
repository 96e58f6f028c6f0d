package dataclips.export;

import java.time.OffsetDateTime;

/** What a writer knows before the first row: the clip's title and how fresh the data is (null: unknown). */
public record ResultInfo(String title, OffsetDateTime asOf) {}
