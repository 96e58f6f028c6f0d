package dataclips.embedded;

import static dataclips.db.Tables.INSTALLATION;

import dataclips.accounts.User;
import dataclips.accounts.Users;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.parameters.Parameter;
import dataclips.export.chart.ChartSpec;
import java.util.List;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three clips on the sample database, made at the first embedded start so that a newcomer sees the product work in
 * the first minute: a bar chart, a line over time and one with a parameter, owned by the first admin and marked as
 * examples (the clip list shows a badge). Made once per installation, never again: not at the next start, not after
 * an admin deletes them (the metadata database's installation row says they were made).
 */
public final class ExampleClips {
    private static final Logger LOG = LoggerFactory.getLogger(ExampleClips.class);
    private static final String DEPARTMENTS = "Customer Service,Development,Finance,Human Resources,Marketing,"
            + "Production,Quality Management,Research,Sales";

    /** One example: what a person would have typed into New clip. */
    record Example(String title, String description, String sql, List<Parameter> parameters, ChartSpec chart) {}

    static final List<Example> EXAMPLES = List.of(
            new Example("Employees by department",
                    "An example: a count per department draws itself as bars. Change the SQL under Edit, or delete the "
                            + "clip; examples are made once.", """
                    select d.dept_name as department, count(*) as employees
                    from dept_emp de
                    join departments d on d.dept_no = de.dept_no
                    where de.to_date = '9999-01-01'
                    group by d.dept_name
                    order by employees desc""", List.of(), ChartSpec.AUTO),
            new Example("Hires per month",
                    "An example: a date and a number draw a line over time. Its CSV URL (Share) fills a spreadsheet with "
                            + "=IMPORTDATA.", """
                    select date_trunc('month', hire_date)::date as month, count(*) as hires
                    from employees
                    group by 1
                    order by 1""", List.of(), ChartSpec.AUTO),
            new Example("Hires per year, in one department",
                    "An example with a parameter: pick a department above the results; the URL carries it "
                            + "(?department=Sales), for the page, every download and the chart.", """
                    select date_trunc('year', e.hire_date)::date as year, count(*) as hires
                    from employees e
                    join dept_emp de on de.emp_no = e.emp_no
                    join departments d on d.dept_no = de.dept_no and d.dept_name = {{department}}
                    group by 1
                    order by 1""",
                    List.of(new Parameter("department", Parameter.Type.CHOICE, "Development",
                            List.of(DEPARTMENTS.split(",")), null, null, Parameter.LinkHolders.EDITABLE)),
                    ChartSpec.AUTO));

    private ExampleClips() {}

    /**
     * Makes the examples, owned by the first admin, unless this installation made them before; answers how many it
     * made now. A failure is logged and leaves them out: the app starts all the same.
     */
    public static int ensure(DSLContext db, Clips clips, Users users) {
        boolean first = db.update(INSTALLATION).set(INSTALLATION.EXAMPLES_MADE, true)
                .where(INSTALLATION.EXAMPLES_MADE.isFalse()).execute() > 0;
        if (!first) {
            return 0;
        }
        try {
            User owner = users.list().stream().filter(User::isAdmin).findFirst().orElseThrow();
            for (Example e : EXAMPLES) {
                Clip clip = clips.create(owner, new Clips.Draft(e.title(), e.description(), SampleSource.NAME, e.sql(),
                        e.parameters()), e.chart());
                clips.markExample(clip);
            }
            return EXAMPLES.size();
        } catch (RuntimeException e) {
            LOG.warn("the example clips were not made: {}", e.getMessage());
            return 0;
        }
    }
}
