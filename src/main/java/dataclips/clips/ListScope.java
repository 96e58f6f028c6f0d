package dataclips.clips;

import org.jooq.Condition;

/**
 * Which clips a caller's lists hold and where a search may look into the SQL, as conditions on the clip list's query
 * (clips joined with their source). The access policy builds them (access.Policy#listScope); this package only applies
 * them, in the same statement as the search and the paging, so a page is never filtered after the fact.
 */
public record ListScope(Condition listed, Condition sqlSearchable) {}
