package dataclips;

/** Closes what a failed start had opened, in order: one that fails to close does not keep the others open. */
final class Closing {
    private Closing() {}

    static void all(AutoCloseable... opened) {
        for (AutoCloseable c : opened) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the start's own failure is what gets reported
            }
        }
    }
}
