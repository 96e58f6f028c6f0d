package dataclips.delivery;

import dataclips.sources.SecretBox;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one delivery's message on its subscription's channel: a mail through {@link Mailer}, a Slack message or a
 * signed webhook through {@link HttpSender}. The URL and secret are decrypted for the send only. A failure's reason
 * names the status or the error, never an answer's body.
 */
final class Channels {
    private final Optional<Mailer> mailer;
    private final MailComposer composer = new MailComposer();
    private final HttpSender http;
    private final SecretBox box;
    private final SubscriptionStore store;
    private final Unsubscribes unsubscribes;
    private final Renderings renderings;
    private final Clock clock;

    Channels(Optional<Mailer> mailer, HttpSender http, SecretBox box, SubscriptionStore store, Unsubscribes unsubscribes,
             Renderings renderings, Clock clock) {
        this.mailer = mailer;
        this.http = http;
        this.box = box;
        this.store = store;
        this.unsubscribes = unsubscribes;
        this.renderings = renderings;
        this.clock = clock;
    }

    Tried send(Facts f, Subscription s, Delivery d, Optional<String> reason) {
        return switch (s.channel()) {
            case EMAIL -> mail(f, s, d, reason);
            case SLACK -> post(s, SlackMessage.body(f, renderings.summary(f.snapshot()).table()), Map.of());
            case WEBHOOK -> webhook(f, s, d);
        };
    }

    private Tried mail(Facts f, Subscription s, Delivery d, Optional<String> reason) {
        if (mailer.isEmpty()) {
            return new Tried.Failed("mail is not set up on this instance: set DATACLIPS_SMTP_URL and DATACLIPS_MAIL_FROM");
        }
        Optional<Long> recipientId = store.recipientId(s.id(), d.recipient());
        if (recipientId.isEmpty()) {
            return new Tried.Refused(d.recipient() + " unsubscribed");
        }
        Renderings.Summary summary = renderings.summary(f.snapshot());
        Optional<Renderings.Rendered> file = s.attach().format().map(format -> renderings.file(f.snapshot(), format));
        String unsubscribe = f.base() + "/unsubscribe/" + unsubscribes.token(recipientId.get(), d.recipient());
        try {
            mailer.get().send(composer.compose(mailer.get(), f, new MailComposer.Letter(d.recipient(), unsubscribe,
                    d.key(), reason, summary.table(), summary.chartPng(), file)));
            return new Tried.Sent();
        } catch (SendFailedException e) {
            return new Tried.Failed("the mail server refused it: " + e.getMessage());
        } catch (MessagingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Tried.Failed("could not send through " + mailer.get().display() + ": " + cause.getMessage());
        }
    }

    private Tried webhook(Facts f, Subscription s, Delivery d) {
        byte[] body = WebhookMessage.body(f);
        String secret = box.decrypt(store.sealed(s.id()).secret(), SubscriptionCheck.SECRET_PURPOSE);
        long now = clock.instant().getEpochSecond();
        return post(s, body, Map.of("X-Dataclips-Delivery", d.key().toString(),
                "X-Dataclips-Signature", WebhookMessage.signature(secret, now, body)));
    }

    private Tried post(Subscription s, byte[] body, Map<String, String> headers) {
        URI target = URI.create(box.decrypt(store.sealed(s.id()).target(), SubscriptionCheck.TARGET_PURPOSE));
        HttpSender.Posted posted = http.post(target, body, headers);
        if (posted instanceof HttpSender.Posted.Answered answered) {
            int status = answered.status();
            String where = s.targetHost() + " answered " + status;
            if (status >= 200 && status < 300) {
                return new Tried.Sent();
            }
            if (status >= 300 && status < 400) {
                return new Tried.Refused(where + ": redirects are not followed; give the URL it redirects to");
            }
            return status >= 500 || status == 408 || status == 429 ? new Tried.Failed(where)
                    : new Tried.Refused(where + "; check the URL");
        }
        return new Tried.Failed(s.targetHost() + ": " + ((HttpSender.Posted.NoAnswer) posted).reason());
    }
}
