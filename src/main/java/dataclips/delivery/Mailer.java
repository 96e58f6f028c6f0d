package dataclips.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * Sends mail through DATACLIPS_SMTP_URL with Jakarta Mail (Eclipse Angus): STARTTLS required on smtp:// (no fall-back
 * to plain text), TLS from the first byte on smtps://, the server's certificate checked against its name, AUTH when a
 * user is given, and timeouts (10 s to connect, 30 s per read, 60 s per write). One connection per mail.
 */
final class Mailer {
    private final SmtpUrl smtp;
    private final InternetAddress from;
    private final Session session;
    private final String protocol;

    Mailer(SmtpUrl smtp, String from) {
        this.smtp = smtp;
        try {
            this.from = new InternetAddress(from, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("DATACLIPS_MAIL_FROM is not an address", e);
        }
        this.protocol = smtp.security() == SmtpUrl.Security.TLS ? "smtps" : "smtp";
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put("mail.transport.protocol", protocol);
        p.put(prefix + "host", smtp.host());
        p.put(prefix + "port", Integer.toString(smtp.port()));
        p.put(prefix + "auth", Boolean.toString(smtp.user().isPresent()));
        p.put(prefix + "connectiontimeout", "10000");
        p.put(prefix + "timeout", "30000");
        p.put(prefix + "writetimeout", "60000");
        p.put(prefix + "from", this.from.getAddress());
        p.put(prefix + "ssl.checkserveridentity", "true");
        if (smtp.security() == SmtpUrl.Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        p.put("mail.mime.allowutf8", "false");
        this.session = Session.getInstance(p);
    }

    MimeMessage newMessage() throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        return message;
    }

    void send(MimeMessage message) throws MessagingException {
        message.saveChanges();
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(smtp.host(), smtp.port(), smtp.user().orElse(null), smtp.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    String display() {
        return smtp.display();
    }
}
