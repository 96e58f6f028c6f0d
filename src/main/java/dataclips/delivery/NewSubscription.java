package dataclips.delivery;

import java.util.List;
import java.util.Map;

/**
 * A subscription as asked for (the API's body or the page's form; null means not given): channel, to (email), attach
 * (email), url (Slack, webhook), secret (webhook), when, the condition's column, op and value, and parameters.
 */
public record NewSubscription(String channel, List<String> to, String attach, String url, String secret, String when,
                              String conditionColumn, String conditionOp, String conditionValue,
                              Map<String, String> parameters) {}
