package dataclips.web;

import dataclips.clips.Access;
import dataclips.clips.Clip;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The clip page's "Use this clip" panel (README, "Using a clip"): the link, each format's URL, and ready lines for
 * Google Sheets, pandas, curl and Markdown, all with the app's absolute public address ({@link SiteAddress}) and the
 * page's parameter values. Each line is quoted for where it is pasted ({@link Quoting}); the page escapes it as HTML.
 * A private clip, or a link past its expiry, answers only signed-in users and API tokens: its lines send a token,
 * and the spreadsheet formulas and the Markdown image, which cannot, are left out with the reason.
 */
final class ShareHelp {
    static final String TOKEN_VARIABLE = "DATACLIPS_TOKEN";
    private static final List<String> TABLES = List.of("csv", "json", "xml", "xlsx");
    private static final List<String> CHARTS = List.of("svg", "png");

    /** One text to copy: key (its element's id is "share-" + key), what it is, the text, a note under it or null. */
    record Line(String key, String label, String text, String note) {}

    /**
     * What the panel shows: about (who the URLs answer), warning (the link expired: shown as a warning), the URLs, the
     * ready lines, notes (plain text without a Copy button: Excel, a token's origin) and leftOut (which lines are
     * missing and why), each null or empty when there is nothing to say.
     */
    record Panel(String about, boolean warning, List<Line> urls, List<Line> uses, List<String> notes, String leftOut) {}

    private ShareHelp() {}

    /**
     * base: the app's absolute address; values: the page's "?name=value" query or ""; expiresText: the link's expiry
     * as pages show it, told only to signed-in viewers (null: none, or not told).
     */
    static Panel panel(Clip clip, String base, String values, boolean expired, String expiresText, boolean owner) {
        String url = base + clip.path();
        List<Line> urls = new ArrayList<>();
        urls.add(new Line("link", "Link (this page)", url + values, null));
        TABLES.forEach(ext -> urls.add(new Line(ext, ext.toUpperCase(Locale.ROOT), url + "." + ext + values, null)));
        CHARTS.forEach(ext -> urls.add(new Line(ext, "Chart, " + ext.toUpperCase(Locale.ROOT),
                url + "." + ext + values, null)));
        String csv = url + ".csv" + values;
        String file = Downloads.fileName(clip.title(), "csv");
        if (clip.access() != Access.LINK || expired) {
            return tokenPanel(urls, csv, file, clip.access(), expired, expiresText, owner);
        }
        List<Line> uses = List.of(
                new Line("importdata", "Google Sheets: the table", "=IMPORTDATA(" + Quoting.formulaString(csv) + ")",
                        "Paste into a cell: the rows fill the sheet from there."),
                new Line("image", "Google Sheets: the chart", "=IMAGE(" + Quoting.formulaString(url + ".png" + values) + ")", null),
                new Line("pandas", "pandas", "import pandas as pd; df = pd.read_csv(" + Quoting.pythonString(csv) + ")", null),
                new Line("curl", "curl", "curl -fL -o " + Quoting.shellWord(file) + " " + Quoting.shellWord(csv),
                        "-f: a failed download ends curl with an error instead of saving the error message as the file."),
                new Line("markdown", "Markdown: the chart", "![" + Quoting.markdownText(clip.title().isBlank() ? "chart" : clip.title())
                        + "](" + url + ".svg" + values + ")", null));
        String about = "Anyone with these URLs gets the data, without an account or a cookie: paste one into a "
                + "spreadsheet, a notebook or a script."
                + (expiresText == null ? "" : " They work until " + expiresText + ", when the link expires.");
        return new Panel(about, false, urls, uses,
                List.of("Excel for Windows: Data › From Web, paste the CSV URL; Data › Refresh All reads it again."), null);
    }

    /** A private or restricted clip, or an expired link: the URLs, and the lines that send an API token. */
    private static Panel tokenPanel(List<Line> urls, String csv, String file, Access access, boolean expired,
                                    String expiresText, boolean owner) {
        String header = "Authorization: Bearer $" + TOKEN_VARIABLE;
        List<Line> uses = List.of(
                new Line("pandas", "pandas, with your API token", "import os, pandas as pd; df = pd.read_csv("
                        + Quoting.pythonString(csv) + ", storage_options={\"Authorization\": \"Bearer \" + os.environ[\""
                        + TOKEN_VARIABLE + "\"]})", null),
                new Line("curl", "curl, with your API token", "curl -fL -H \"" + header + "\" -o " + Quoting.shellWord(file)
                        + " " + Quoting.shellWord(csv), null));
        String about = expired
                ? "The link expired" + (expiresText == null ? "" : " " + expiresText) + ": people without an account now get "
                        + "404 from these URLs, and so do spreadsheets and scripts without an API token. Signed-in users "
                        + "and API tokens still get the data."
                : access == Access.RESTRICTED
                ? "This clip is restricted: its URLs answer only its owner, admins and its members, signed in or with an "
                        + "API token; anyone else, and any spreadsheet or script without a token, gets 404."
                : "This clip is private: its URLs answer only signed-in users who may view or query its database, and "
                        + "their API tokens; anyone else, and any spreadsheet or script without a token, gets 404.";
        String share = expired ? (owner ? "Move or remove the link's expiry (Share, The link)" : "Its owner can move or remove the link's expiry")
                : owner ? "Share it with anyone holding the link (Share, Who can open it)" : "Its owner can share it with anyone holding the link";
        String leftOut = "No =IMPORTDATA or =IMAGE formula and no Markdown image here: Google Sheets fetches a URL from "
                + "Google's servers, and a Markdown page's images are fetched by each reader's browser, neither with your "
                + "sign-in or a token, so they would get 404. " + share + " to use them.";
        List<String> notes = List.of("These lines read your API token from the environment variable " + TOKEN_VARIABLE
                + " (create one under API tokens, or with POST /api/v1/tokens), sent as \"Authorization: Bearer …\".");
        return new Panel(about, expired, urls, uses, notes, leftOut);
    }
}
