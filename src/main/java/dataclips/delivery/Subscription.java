package dataclips.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One subscription of a clip as stored (its encrypted URL and secret stay in the store): where it delivers, with what
 * (attach, email only), when (fires, with its condition), for which parameter values (empty: the clip's declared
 * defaults), the app's address for links when DATACLIPS_BASE_URL is unset, who made it, and why it is paused, if it is.
 */
public record Subscription(long id, long clipId, Channel channel, Attach attach, String targetHost, Fires fires,
                           Optional<Condition> condition, Optional<SortedMap<String, String>> parameters, String linkBase,
                           Long createdBy, OffsetDateTime createdAt, Optional<String> paused, List<String> recipients) {}
