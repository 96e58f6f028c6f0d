package dataclips.delivery;

import dataclips.export.Column;
import dataclips.export.PageTable;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * One recipient's mail (README, "Delivery"): multipart/mixed of [alternative [plain text, related [HTML, chart PNG]],
 * the snapshot's file]; the first rows as a table, the chart, the links, the subject RFC 2047 encoded with CR and LF
 * removed, and RFC 8058 one-click unsubscribe for this recipient (List-Unsubscribe with its signed URL and
 * List-Unsubscribe-Post). A file over 10 MB is left out for a link to download it. Texts come from Thymeleaf templates
 * (templates/delivery/mail.html, escaped; mail.txt).
 */
final class MailComposer {
    static final long MAX_ATTACHMENT = 10L * 1024 * 1024;
    private final TemplateEngine templates = new TemplateEngine();

    /** What one mail is made of beside the facts: its recipient, unsubscribe link, delivery id and parts. */
    record Letter(String recipient, String unsubscribeUrl, UUID key, Optional<String> reason, PageTable table,
                  Optional<byte[]> chartPng, Optional<Renderings.Rendered> file) {}

    MailComposer() {
        for (TemplateMode mode : List.of(TemplateMode.HTML, TemplateMode.TEXT)) {
            ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
            resolver.setPrefix("templates/");
            resolver.setTemplateMode(mode);
            resolver.setResolvablePatterns(java.util.Set.of(mode == TemplateMode.HTML ? "*.html" : "*.txt"));
            resolver.setCharacterEncoding("UTF-8");
            resolver.setCheckExistence(true);
            templates.addTemplateResolver(resolver);
        }
    }

    MimeMessage compose(Mailer mailer, Facts f, Letter letter) throws MessagingException {
        Map<String, Object> model = model(f, letter);
        MimeMessage message = mailer.newMessage();
        message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(letter.recipient(), true));
        message.setSubject(Facts.oneLine(f.title() + " · " + f.summary()), "UTF-8");
        message.setHeader("List-Unsubscribe", "<" + letter.unsubscribeUrl() + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Dataclips-Delivery", letter.key().toString());
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(text(render("delivery/mail.html", model), "html"));
        if (letter.chartPng().isPresent()) {
            MimeBodyPart chart = new MimeBodyPart();
            chart.setDataHandler(new DataHandler(new ByteArrayDataSource(letter.chartPng().get(), "image/png")));
            chart.setContentID("<chart>");
            chart.setDisposition(Part.INLINE);
            chart.setFileName("chart.png");
            related.addBodyPart(chart);
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text(render("delivery/mail.txt", model), "plain"));
        MimeBodyPart relatedPart = new MimeBodyPart();
        relatedPart.setContent(related);
        alternative.addBodyPart(relatedPart);
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart alternativePart = new MimeBodyPart();
        alternativePart.setContent(alternative);
        mixed.addBodyPart(alternativePart);
        Optional<Renderings.Rendered> attached = letter.file().filter(r -> r.size() <= MAX_ATTACHMENT);
        if (attached.isPresent()) {
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new FileDataSource(attached.get().path().toFile()) {
                @Override
                public String getContentType() {
                    return attached.get().format().contentType().split(";")[0];
                }
            }));
            file.setFileName(fileName(f, attached.get()));
            file.setDisposition(Part.ATTACHMENT);
            mixed.addBodyPart(file);
        }
        message.setContent(mixed);
        return message;
    }

    private Map<String, Object> model(Facts f, Letter letter) {
        Map<String, Object> model = new HashMap<>();
        PageTable table = letter.table();
        List<String> columns = table.columns().stream().map(Column::name).toList();
        List<List<String>> rows = table.rows().stream().map(r -> r.stream().map(MailComposer::shown).toList()).toList();
        model.put("title", Facts.oneLine(f.title()));
        model.put("summary", f.summary());
        model.put("values", f.values());
        model.put("reason", letter.reason().orElse(null));
        model.put("clipUrl", f.clipUrl());
        model.put("snapshotUrl", f.snapshotUrl());
        model.put("linkNote", f.linkNote().orElse(null));
        model.put("chart", letter.chartPng().isPresent());
        model.put("columns", columns);
        model.put("rows", rows);
        model.put("lines", rows.stream().map(r -> String.join(" | ", r)).toList());
        model.put("shownLine", rows.isEmpty() ? "The snapshot has no rows." : table.more()
                ? "The first " + rows.size() + " of " + String.format(Locale.ENGLISH, "%,d", f.snapshot().rowCount()) + " rows."
                : "Every row.");
        Optional<Renderings.Rendered> file = letter.file();
        boolean tooLarge = file.filter(r -> r.size() > MAX_ATTACHMENT).isPresent();
        model.put("attachment", file.filter(r -> !tooLarge).map(r -> fileName(f, r)).orElse(null));
        model.put("downloadUrl", tooLarge ? f.snapshotUrl() + "." + file.get().format().extension() : null);
        model.put("downloadText", tooLarge ? String.format(Locale.ENGLISH, "The %s file (%.1f MB) is too large to attach; "
                + "download it", file.get().format().extension().toUpperCase(Locale.ROOT), file.get().size() / 1048576.0) : null);
        model.put("footer", "You get this mail because you were subscribed to this clip's snapshots at "
                + f.base().replaceFirst("^https?://", "") + ".");
        model.put("unsubscribeUrl", letter.unsubscribeUrl());
        return model;
    }

    private String render(String template, Map<String, Object> model) {
        return templates.process(template, new Context(Locale.ENGLISH, model));
    }

    private static MimeBodyPart text(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, "UTF-8", subtype);
        return part;
    }

    private static String shown(PageTable.Cell cell) {
        if (cell.isNull()) {
            return "NULL";
        }
        String text = cell.shown().length() > 100 ? cell.shown().substring(0, 99) : cell.shown();
        return text.length() < cell.shown().length() || cell.isCut() ? text + "…" : text;
    }

    /** The title as a file name: no path separators or control characters. */
    private static String fileName(Facts f, Renderings.Rendered r) {
        String name = Facts.oneLine(f.title()).replaceAll("[\\\\/:*?\"<>|]+", "-");
        return (name.isBlank() ? "clip" : name) + "." + r.format().extension();
    }
}
