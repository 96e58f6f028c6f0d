package dataclips.results;

/** What stored results take: how many, and their compressed bytes. */
public record Storage(int results, long bytes) {}
