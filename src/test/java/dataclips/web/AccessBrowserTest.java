package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AccessWorld;
import dataclips.AccessWorld.Persona;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Teams and access in Chromium (issue 29): the admin's Teams, Databases, Users and Access changes pages, the owner's
 * sharing and members panel, and the clip as a view member sees it (results, no SQL, no editor), each used through its
 * forms and saved at 1400 and 800 px in target/screenshots/.
 */
class AccessBrowserTest {
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture();
    private static AccessWorld world;
    private static String slug;

    @BeforeAll
    static void organisation() {
        if (app.owner() == null) {
            return; // no Chromium: every test reports itself skipped
        }
        world = AccessWorld.create(app, "browser");
        slug = world.clip("private").slug();
    }

    @Test
    void theAdminMakesATeamGivesItALevelAndDeactivatesAUser() throws Exception {
        Chromium admin = app.owner();
        admin.driver.get(app.base() + "/admin/teams");
        admin.driver.findElement(By.cssSelector("form[action='/admin/teams'] input[name=name]")).sendKeys("browser-finance");
        admin.clickThrough(By.xpath("//button[normalize-space()='Create team']"));
        admin.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "Created the team browser-finance."));
        WebElement team = admin.driver.findElement(By.cssSelector("section.team[data-team='browser-finance']"));
        team.findElement(By.name("email")).sendKeys(world.email(Persona.NONE_LEVEL));
        admin.clickThrough(team.findElement(By.xpath(".//button[normalize-space()='Add member']")));
        admin.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "has 1 member."));
        assertEquals(List.of(world.email(Persona.NONE_LEVEL) + " remove"),
                admin.texts("section.team[data-team='browser-finance'] .team-members li"));
        PageChecks.screenshots(admin, "teams");

        admin.driver.get(app.base() + "/sources");
        WebElement levels = admin.driver.findElement(By.cssSelector("form[action='/sources/browser/access']"));
        new Select(levels.findElement(By.name("team:browser-finance"))).selectByValue("view");
        admin.clickThrough(levels.findElement(By.xpath(".//button[normalize-space()='Save levels']")));
        admin.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Levels saved."));
        assertEquals("view", new Select(admin.driver.findElement(By.cssSelector(
                "form[action='/sources/browser/access'] select[name='team:browser-finance']"))).getFirstSelectedOption().getText());
        assertEquals(200, app.http().get("/clips/" + slug + ".csv", world.auth(Persona.NONE_LEVEL)).status(),
                "the team's view opens the database's private clips");
        PageChecks.screenshots(admin, "databases-levels");

        admin.driver.get(app.base() + "/admin/users");
        WebElement row = admin.driver.findElement(By.cssSelector("tr[data-email='" + world.email(Persona.VIEW_LEVEL) + "']"));
        WebElement deactivate = row.findElement(By.xpath(".//button[normalize-space()='Deactivate']"));
        deactivate.click();
        admin.driver.switchTo().alert().accept();
        admin.awaitNextPage(deactivate);
        admin.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                world.email(Persona.VIEW_LEVEL) + " is deactivated"));
        assertEquals(401, app.http().get("/api/v1/me", world.auth(Persona.VIEW_LEVEL)).status());
        PageChecks.screenshots(admin, "users");

        admin.driver.get(app.base() + "/admin/access-changes");
        String changes = admin.driver.findElement(By.cssSelector("table.access-changes")).getText();
        assertTrue(changes.contains("team member added") && changes.contains("user deactivated")
                && changes.contains("database levels set"), changes);
        PageChecks.screenshots(admin, "access-changes");
    }

    @Test
    void theOwnerRestrictsTheClipAndAddsAMemberAndTheViewMemberSeesResultsOnly() throws Exception {
        try (Chromium owner = Chromium.open(); Chromium viewer = Chromium.open()) {
            owner.signIn(app, world.email(Persona.OWNER), AccessWorld.PASSWORD);
            owner.driver.get(app.base() + "/clips/" + slug);
            PageChecks.openSection(owner, "share");
            owner.driver.findElement(By.cssSelector("input[name=access][value=restricted]")).click();
            owner.clickThrough(By.xpath("//button[normalize-space()='Update sharing']"));
            owner.await().until(ExpectedConditions.urlContains("notice=shared"));
            WebElement add = owner.driver.findElement(By.cssSelector("form.add-member"));
            add.findElement(By.name("member")).sendKeys(world.email(Persona.NONE_LEVEL));
            new Select(add.findElement(By.name("role"))).selectByValue("view");
            owner.clickThrough(add.findElement(By.xpath(".//button[normalize-space()='Add member']")));
            owner.await().until(ExpectedConditions.urlContains("notice=members"));
            assertTrue(owner.texts(".member-list tbody tr").stream()
                    .anyMatch(r -> r.startsWith(world.email(Persona.NONE_LEVEL))), owner.texts(".member-list tbody tr").toString());
            assertEquals("restricted", app.http().get("/api/v1/clips/" + slug, world.auth(Persona.OWNER)).json()
                    .get("access").asText());
            owner.awaitRows();
            PageChecks.screenshot(owner, "clip-owner-members.png", By.id("members"));
            PageChecks.screenshots(owner, "clip-owner-access");

            viewer.signIn(app, world.email(Persona.VIEW_MEMBER), AccessWorld.PASSWORD);
            viewer.driver.get(app.base() + "/clips/" + slug);
            assertEquals(List.of(List.of("1")), viewer.awaitRows());
            assertTrue(viewer.driver.findElements(By.cssSelector("#editor, pre.sql, .schema-panel, #members")).isEmpty(),
                    "a view member sees results only: no editor, no SQL, no schema, no members");
            assertFalse(viewer.driver.getPageSource().contains("select 1 as n"));
            PageChecks.screenshots(viewer, "clip-view-member");
        }
    }
}
