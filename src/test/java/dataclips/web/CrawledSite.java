package dataclips.web;

import dataclips.AppFixture;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The app of a class that crawls every page an admin reaches ({@link SitePages}), with the crawled clip (two
 * versions, two snapshots, a schedule) made before the class's first test:
 * {@code @RegisterExtension static final CrawledSite app = new CrawledSite();}.
 */
final class CrawledSite extends AppFixture {
    private SitePages.Fixture fixture;

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
