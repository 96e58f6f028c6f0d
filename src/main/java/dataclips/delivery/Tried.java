package dataclips.delivery;

/** How one try of a delivery ended: sent; refused (trying again cannot help); failed (it is tried again later). */
sealed interface Tried {
    record Sent() implements Tried {}

    record Refused(String reason) implements Tried {}

    record Failed(String reason) implements Tried {}
}
