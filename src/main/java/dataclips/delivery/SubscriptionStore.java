package dataclips.delivery;

import static dataclips.db.Tables.SUBSCRIPTIONS;
import static dataclips.db.Tables.SUBSCRIPTION_RECIPIENTS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dataclips.db.tables.records.SubscriptionsRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Subscriptions and their recipients in the metadata database (V23). */
final class SubscriptionStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DSLContext db;

    /** A new subscription as checked: target and secret already encrypted. */
    record Draft(long clipId, Channel channel, Attach attach, byte[] target, String targetHost, byte[] secret, Fires fires,
                 Optional<Condition> condition, Optional<SortedMap<String, String>> parameters, String linkBase,
                 long createdBy, List<String> recipients) {}

    /** The encrypted URL and secret of a Slack or webhook subscription. */
    record Sealed(byte[] target, byte[] secret) {}

    /** One recipient of an email subscription, as an unsubscribe link names it. */
    record Recipient(long id, long subscriptionId, long clipId, String address) {}

    SubscriptionStore(DSLContext db) {
        this.db = db;
    }

    long insert(DSLContext tx, Draft d) {
        long id = tx.insertInto(SUBSCRIPTIONS).set(SUBSCRIPTIONS.CLIP_ID, d.clipId()).set(SUBSCRIPTIONS.CHANNEL, d.channel().wire())
                .set(SUBSCRIPTIONS.ATTACH, d.channel() == Channel.EMAIL ? d.attach().wire() : null)
                .set(SUBSCRIPTIONS.TARGET, d.target()).set(SUBSCRIPTIONS.TARGET_HOST, d.targetHost())
                .set(SUBSCRIPTIONS.SECRET, d.secret()).set(SUBSCRIPTIONS.FIRES_WHEN, d.fires().wire())
                .set(SUBSCRIPTIONS.CONDITION_COLUMN, d.condition().map(Condition::column).orElse(null))
                .set(SUBSCRIPTIONS.CONDITION_OP, d.condition().map(Condition::op).orElse(null))
                .set(SUBSCRIPTIONS.CONDITION_VALUE, d.condition().map(Condition::value).orElse(null))
                .set(SUBSCRIPTIONS.PARAMETERS, d.parameters().map(SubscriptionStore::json).orElse(null))
                .set(SUBSCRIPTIONS.LINK_BASE, d.linkBase()).set(SUBSCRIPTIONS.CREATED_BY, d.createdBy())
                .returning(SUBSCRIPTIONS.ID).fetchOne().getId();
        for (String address : d.recipients()) {
            tx.insertInto(SUBSCRIPTION_RECIPIENTS).set(SUBSCRIPTION_RECIPIENTS.SUBSCRIPTION_ID, id)
                    .set(SUBSCRIPTION_RECIPIENTS.ADDRESS, address).execute();
        }
        return id;
    }

    /** The clip's subscriptions, oldest first. */
    List<Subscription> ofClip(long clipId) {
        List<SubscriptionsRecord> rows = db.selectFrom(SUBSCRIPTIONS).where(SUBSCRIPTIONS.CLIP_ID.eq(clipId))
                .orderBy(SUBSCRIPTIONS.ID).fetch();
        Map<Long, List<String>> recipients = db.selectFrom(SUBSCRIPTION_RECIPIENTS)
                .where(SUBSCRIPTION_RECIPIENTS.SUBSCRIPTION_ID.in(rows.stream().map(SubscriptionsRecord::getId).toList()))
                .orderBy(SUBSCRIPTION_RECIPIENTS.ID).fetch().stream().collect(Collectors.groupingBy(
                        r -> r.getSubscriptionId(), Collectors.mapping(r -> r.getAddress(), Collectors.toList())));
        return rows.stream().map(r -> toSubscription(r, recipients.getOrDefault(r.getId(), List.of()))).toList();
    }

    Optional<Subscription> find(long clipId, long id) {
        return ofClip(clipId).stream().filter(s -> s.id() == id).findFirst();
    }

    Sealed sealed(long id) {
        return db.select(SUBSCRIPTIONS.TARGET, SUBSCRIPTIONS.SECRET).from(SUBSCRIPTIONS).where(SUBSCRIPTIONS.ID.eq(id))
                .fetchOne(r -> new Sealed(r.value1(), r.value2()));
    }

    boolean delete(DSLContext tx, long clipId, long id) {
        return tx.deleteFrom(SUBSCRIPTIONS).where(SUBSCRIPTIONS.ID.eq(id)).and(SUBSCRIPTIONS.CLIP_ID.eq(clipId)).execute() == 1;
    }

    /** Sets or clears (null) why the subscription is paused; true when that changed it. */
    boolean setPaused(DSLContext tx, long id, String reason) {
        return tx.update(SUBSCRIPTIONS).set(SUBSCRIPTIONS.PAUSED, reason).where(SUBSCRIPTIONS.ID.eq(id))
                .and(reason == null ? SUBSCRIPTIONS.PAUSED.isNotNull() : SUBSCRIPTIONS.PAUSED.isDistinctFrom(reason))
                .execute() == 1;
    }

    Optional<Recipient> recipient(long recipientId) {
        return db.select(SUBSCRIPTION_RECIPIENTS.ID, SUBSCRIPTION_RECIPIENTS.SUBSCRIPTION_ID, SUBSCRIPTIONS.CLIP_ID,
                        SUBSCRIPTION_RECIPIENTS.ADDRESS).from(SUBSCRIPTION_RECIPIENTS).join(SUBSCRIPTIONS)
                .on(SUBSCRIPTIONS.ID.eq(SUBSCRIPTION_RECIPIENTS.SUBSCRIPTION_ID))
                .where(SUBSCRIPTION_RECIPIENTS.ID.eq(recipientId)).fetchOptional(r -> new Recipient(r.value1(), r.value2(),
                        r.value3(), r.value4()));
    }

    Optional<Long> recipientId(long subscriptionId, String address) {
        return db.select(SUBSCRIPTION_RECIPIENTS.ID).from(SUBSCRIPTION_RECIPIENTS)
                .where(SUBSCRIPTION_RECIPIENTS.SUBSCRIPTION_ID.eq(subscriptionId))
                .and(SUBSCRIPTION_RECIPIENTS.ADDRESS.eq(address)).fetchOptional(SUBSCRIPTION_RECIPIENTS.ID);
    }

    boolean removeRecipient(DSLContext tx, long recipientId) {
        return tx.deleteFrom(SUBSCRIPTION_RECIPIENTS).where(SUBSCRIPTION_RECIPIENTS.ID.eq(recipientId)).execute() == 1;
    }

    private static Subscription toSubscription(SubscriptionsRecord r, List<String> recipients) {
        Optional<Condition> condition = r.getConditionColumn() == null ? Optional.empty()
                : Optional.of(new Condition(r.getConditionColumn(), r.getConditionOp(), r.getConditionValue()));
        Optional<SortedMap<String, String>> parameters = Optional.ofNullable(r.getParameters()).map(SubscriptionStore::map);
        return new Subscription(r.getId(), r.getClipId(), Channel.parse(r.getChannel()),
                r.getAttach() == null ? Attach.NONE : Attach.parse(r.getAttach()), r.getTargetHost(),
                Fires.parse(r.getFiresWhen()), condition, parameters, r.getLinkBase(), r.getCreatedBy(), r.getCreatedAt(),
                Optional.ofNullable(r.getPaused()), List.copyOf(recipients));
    }

    private static String json(SortedMap<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SortedMap<String, String> map(String json) {
        try {
            return new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored subscription parameters are not JSON", e);
        }
    }
}
