package dataclips.web;

import dataclips.UserError;
import dataclips.export.ForwardingWriter;
import dataclips.export.ResultWriter;
import dataclips.export.chart.ImageSize;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How much heap PNG charts may take at once on this instance. A PNG is drawn into a bitmap of its full size (2400 x
 * 2400 is 23 MB) while it is encoded, so thirty at once would need more than a 512 MB heap has; an OutOfMemoryError
 * can then hit any thread. Each PNG's drawing takes a share of a quarter of the heap, weighed by its pixels, and waits
 * (fairly, up to {@value #WAIT_SECONDS} s) for others to finish; past that it is a 503 with Retry-After. SVGs are text
 * and take no share. bench/probe measures it (bench/README.md).
 */
final class ImageRenders {
    static final long WAIT_SECONDS = 10;
    static final int RETRY_AFTER_SECONDS = 5;
    /**
     * Bytes a drawing holds per pixel: its 4-byte bitmap and a margin for the rest. Measured (JDK 17, a 5,000-point
     * line): a 2400 x 2400 PNG allocates about 70 MB, three times its 22 MB bitmap, but the rest is short-lived: it
     * draws in a 40 MB heap.
     */
    static final double BYTES_PER_PIXEL = 4.4;
    private final Semaphore kilobytes;
    private final int total;

    /** heapBytes: the heap the shares come from (Runtime.maxMemory()); always room for one of the largest. */
    ImageRenders(long heapBytes) {
        long largest = cost(new ImageSize(ImageSize.MAX_WIDTH, ImageSize.MAX_HEIGHT));
        this.total = (int) Math.max(largest, heapBytes / 4 / 1024);
        this.kilobytes = new Semaphore(total, true);
    }

    /** The writer, its drawing (a PNG's finish) holding a share of the heap for its size. */
    ResultWriter guarded(ResultWriter png, ImageSize size) {
        int cost = (int) Math.min(total, cost(size));
        return new ForwardingWriter(png) {
            @Override
            public void finish(boolean truncated) throws IOException {
                take(cost);
                try {
                    next.finish(truncated);
                } finally {
                    kilobytes.release(cost);
                }
            }
        };
    }

    private void take(int cost) {
        try {
            if (kilobytes.tryAcquire(cost, WAIT_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new UserError(503, "busy_drawing", "the server is drawing as many large chart images as its memory allows; "
                + "try again in " + RETRY_AFTER_SECONDS + " s, or ask for a smaller one (?width=&height=)", RETRY_AFTER_SECONDS);
    }

    private static long cost(ImageSize size) {
        return (long) Math.ceil((double) size.width() * size.height() * BYTES_PER_PIXEL / 1024);
    }
}
