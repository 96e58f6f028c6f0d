package dataclips;

/** Sizes as people read them: "512 bytes", "1.5 MB" (binary multiples, as PostgreSQL's pg_size_pretty). */
public final class HumanBytes {
    private HumanBytes() {}

    public static String of(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }
}
