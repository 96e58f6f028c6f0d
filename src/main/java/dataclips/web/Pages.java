package dataclips.web;

import io.javalin.http.Context;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Renders Thymeleaf pages from templates/ (escaped by default: th:text, never th:utext). */
public final class Pages {
    static final String HTML = "text/html; charset=utf-8";
    private final TemplateEngine engine = new TemplateEngine();

    public Pages() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    /**
     * A part of a page (a section of the clip page, the schema panel) whose components sit beside the page's own in
     * the template, so a fragment reads the same variables on every page that holds it. A section that is null (not
     * shown to this viewer) puts none.
     */
    interface Section {}

    /**
     * Renders the page from its model, a record: each of its components is a variable of the template, by its name,
     * and a {@link Section}'s components too (the template engine's boundary: a page's inputs are the record's,
     * visible in Java). Answers what it sent.
     */
    public String render(Context ctx, String template, Record model) {
        Map<String, Object> variables = new HashMap<>();
        put(variables, model);
        return render(ctx, template, variables);
    }

    private static void put(Map<String, Object> variables, Record model) {
        for (RecordComponent component : model.getClass().getRecordComponents()) {
            Object value = read(model, component);
            if (value instanceof Section && value instanceof Record section) {
                put(variables, section);
            } else if (!Section.class.isAssignableFrom(component.getType())) {
                variables.put(component.getName(), value);
            }
        }
    }

    private static Object read(Record model, RecordComponent component) {
        try {
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(model);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component + " of a page model", e);
        }
    }

    /** Renders the page with the signed-in user and the CSRF token every layout needs; answers what it sent. */
    private String render(Context ctx, String template, Map<String, Object> variables) {
        variables.put("me", Auth.user(ctx).orElse(null));
        variables.put("csrf", Auth.csrfToken(ctx));
        variables.put("section", section(ctx.path()));
        org.thymeleaf.context.Context context = new org.thymeleaf.context.Context(Locale.ENGLISH, variables);
        String html = engine.process(template, context);
        ctx.contentType(HTML).result(html);
        return html;
    }

    /** Which navigation link to highlight: the first path segment ("home" for /), two under /admin and /clips/new. */
    private static String section(String path) {
        String[] parts = path.replaceFirst("^/", "").split("/", 3);
        if (parts[0].isEmpty()) {
            return "home";
        }
        boolean twoDeep = parts.length > 1 && (parts[0].equals("admin") || path.equals("/clips/new"));
        return twoDeep ? parts[0] + "/" + parts[1] : parts[0];
    }
}
