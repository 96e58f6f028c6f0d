package dataclips.web;

import dataclips.AppFixture;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The app of a class that crawls every page an admin reaches ({@link SitePages}), with the crawled clip (two
 * versions, two snapshots, a schedule) made before the class's first test:
 * {@code @RegisterExtension static final CrawledSite app = new CrawledSite();}.
 */
final class CrawledSite extends AppFixture {
    private SitePages.Fixture fixture;

    CrawledSite() {
        this(Map.of());
    }

    /** The app with extra settings (e.g. single sign-on's). */
    CrawledSite(Map<String, String> settings) {
        super(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        super.beforeAll(context);
        fixture = SitePages.fixture(this);
    }

    /** The crawled clip: its slug and its two snapshots. */
    SitePages.Fixture fixture() {
        return fixture;
    }
}
