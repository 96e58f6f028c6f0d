package dataclips.web;

/** The objects whose methods handle the routes of {@link Routes}, one per feature, built once by WebServer. */
record RouteHandlers(AccountRoutes accounts, OidcRoutes oidc, TokenRoutes tokens, UserRoutes users, TeamRoutes teams,
                     AccessChangeRoutes changes, SourceRoutes sources, SourceLevelRoutes levels, SchemaApi schema,
                     PreviewRoutes previews, HomeRoutes home, ClipPages clipPages, ExportRoute exports,
                     ClipTableRoute table, CompareRoutes compare, SnapshotPages snapshotPages, SnapshotApi snapshotApi,
                     ClipActionPages actions, LinkRoutes links, ScheduleRoutes schedules, ClipApi clipApi,
                     MemberRoutes members, SubscriptionApi subscriptions, SubscriptionPages subscriptionPages,
                     UnsubscribeRoutes unsubscribe) {}
