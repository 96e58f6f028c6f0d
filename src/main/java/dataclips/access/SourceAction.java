package dataclips.access;

/** What one may do to a registered database. */
public enum SourceAction {
    /** See that it exists (lists, its page): level view or query. */
    VIEW,
    /** Write SQL on it: new clips, preview, schema. */
    QUERY,
    /** Change it and who may use it: admins. */
    MANAGE
}
