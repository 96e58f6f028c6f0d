package dataclips.delivery;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A received mail's MIME tree as a mail client walks it: each part's type, and the leaves to read. */
final class MailParts {
    private MailParts() {}

    /** "multipart/mixed[multipart/alternative[text/plain,multipart/related[text/html,image/png]],text/csv]". */
    static String shape(Part part) throws MessagingException, IOException {
        String type = part.getContentType().split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!(part.getContent() instanceof Multipart multipart)) {
            return type;
        }
        List<String> children = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            children.add(shape(multipart.getBodyPart(i)));
        }
        return type + "[" + String.join(",", children) + "]";
    }

    /** The first leaf of this media type, depth first. */
    static BodyPart find(Part part, String type) throws MessagingException, IOException {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart found = find(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return part.isMimeType(type) && part instanceof BodyPart leaf ? leaf : null;
    }

    static byte[] bytes(Part part) throws MessagingException, IOException {
        return part.getInputStream().readAllBytes();
    }
}
