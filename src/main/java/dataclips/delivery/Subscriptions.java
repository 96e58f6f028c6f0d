package dataclips.delivery;

import dataclips.UserError;
import dataclips.access.ClipRights;
import dataclips.access.Policy;
import dataclips.accounts.AccessAudit;
import dataclips.accounts.User;
import dataclips.accounts.Users;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.results.Results;
import dataclips.sources.SecretBox;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * Delivery (README, "Delivery"): a clip's subscriptions, their deliveries and the queue that sends them. Every
 * change of a subscription or its recipients is in the access audit (access_changes), with the addresses added.
 */
public final class Subscriptions implements AutoCloseable {
    private final DSLContext db;
    private final SubscriptionStore store;
    private final DeliveryLog log;
    private final SubscriptionCheck check;
    private final Unsubscribes unsubscribes;
    private final Renderings renderings;
    private final HttpSender http;
    private final Attempts attempts;
    private final TestSends tests;
    private final DeliveryQueue queue;

    /** What delivery is built from (App's objects and settings). */
    public record Wiring(DSLContext db, DataSource metadata, Clips clips, Results results, Users users, Policy policy,
                         DeliverySettings settings, Optional<URI> baseUrl, byte[] secretKey, Path home, String instanceName,
                         Clock clock) {}

    /** A subscription just made, with the webhook secret made for it (shown this once), if one was. */
    public record Created(Subscription subscription, Optional<String> secret) {}

    public Subscriptions(Wiring w) {
        this.db = w.db();
        this.store = new SubscriptionStore(w.db());
        this.log = new DeliveryLog(w.db());
        Audience audience = new Audience(w.users(), w.policy(), w.settings(), w.clock());
        Targets targets = new Targets(w.settings());
        SecretBox box = new SecretBox(w.secretKey());
        this.check = new SubscriptionCheck(w.clips(), w.results(), audience, targets, box, w.settings(),
                w.baseUrl().isPresent());
        this.unsubscribes = new Unsubscribes(w.secretKey());
        this.renderings = new Renderings(w.results(), w.home().resolve("delivery"));
        this.http = new HttpSender(targets);
        Optional<Mailer> mailer = w.settings().smtp().map(smtp -> new Mailer(smtp, w.settings().mailFrom().orElseThrow()));
        Channels channels = new Channels(mailer, http, box, store, unsubscribes, renderings, w.clock());
        Outbox outbox = new Outbox(w.clips(), w.results(), store, audience, channels, w.baseUrl());
        this.attempts = new Attempts(log, outbox, w.clock());
        this.tests = new TestSends(w.clips(), w.results(), log, attempts);
        this.queue = new DeliveryQueue(w.metadata(), new Fanout(w.db(), w.clips(), w.results(), store, log, audience,
                w.clock()), attempts, w.instanceName(), w.clock());
    }

    public Subscriptions start() {
        queue.start();
        return this;
    }

    public List<Subscription> of(Clip clip) {
        return store.ofClip(clip.id());
    }

    public Subscription one(Clip clip, long id) {
        return store.find(clip.id(), id).orElseThrow(() -> UserError.notFound("this subscription"));
    }

    /** linkBase: the address the caller reached the app at, for links when DATACLIPS_BASE_URL is unset. */
    public Created create(ClipRights rights, User caller, NewSubscription asked, String linkBase) {
        SubscriptionCheck.Checked checked = check.check(rights, caller, asked, linkBase);
        Clip clip = rights.clip();
        long id = db.transactionResult(c -> {
            long made = store.insert(c.dsl(), checked.draft());
            AccessAudit.record(c.dsl(), caller, "subscription_added", subject(clip), Map.of("subscription", made,
                    "channel", checked.draft().channel().wire(), "recipients", checked.draft().recipients(),
                    "target", Optional.ofNullable(checked.draft().targetHost()).orElse(""),
                    "when", checked.draft().fires().wire()));
            return made;
        });
        return new Created(one(clip, id), checked.madeSecret());
    }

    public void delete(ClipRights rights, User caller, long id) {
        Subscription s = one(rights.clip(), id);
        db.transaction(c -> {
            store.delete(c.dsl(), rights.clip().id(), id);
            AccessAudit.record(c.dsl(), caller, "subscription_removed", subject(rights.clip()), Map.of("subscription", id,
                    "channel", s.channel().wire(), "recipients", s.recipients()));
        });
    }

    /** Sends the subscription's message now, once, from the newest snapshot of its values (no retries). */
    public List<Delivery> test(ClipRights rights, long id) {
        return tests.send(rights.clip(), one(rights.clip(), id));
    }

    /** The clip's deliveries, newest first (the 200 newest). */
    public List<Delivery> deliveries(Clip clip) {
        return log.ofClip(clip.id(), 200);
    }

    /** The address and clip an unsubscribe link names, when its signature verifies (else empty: a 404). */
    public Optional<Unsubscribing> unsubscribing(String token) {
        return Unsubscribes.recipientId(token).flatMap(store::recipient)
                .filter(r -> unsubscribes.verifies(token, r.id(), r.address()))
                .map(r -> new Unsubscribing(r.address(), r.subscriptionId(), r.clipId()));
    }

    /** What a verified unsubscribe link names. */
    public record Unsubscribing(String address, long subscriptionId, long clipId) {}

    /** Removes that address from that subscription (the link's POST); false when the link does not verify. */
    public boolean unsubscribe(String token) {
        Optional<SubscriptionStore.Recipient> r = Unsubscribes.recipientId(token).flatMap(store::recipient)
                .filter(found -> unsubscribes.verifies(token, found.id(), found.address()));
        r.ifPresent(found -> db.transaction(c -> {
            if (store.removeRecipient(c.dsl(), found.id())) {
                AccessAudit.record(c.dsl(), found.address() + " (unsubscribe link)", "recipient_unsubscribed",
                        "clip " + found.clipId(), Map.of("subscription", found.subscriptionId(), "recipient", found.address()));
            }
        }));
        return r.isPresent();
    }

    /** How many renderings of snapshots this instance made (one per snapshot and format, whatever the recipients). */
    public int renderedCount() {
        return renderings.renderedCount();
    }

    private static String subject(Clip clip) {
        return "clip " + clip.id() + " (" + clip.title() + ")";
    }

    @Override
    public void close() {
        queue.close();
        http.close();
        renderings.close();
    }
}
