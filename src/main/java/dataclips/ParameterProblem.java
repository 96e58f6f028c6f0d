package dataclips;

/**
 * A clip's parameter value refused (not its type, out of range, not a choice, fixed for link holders, missing): a
 * 422 like any {@link UserError}, which also names the parameter, so the clip page shows the message beside its field.
 */
public final class ParameterProblem extends UserError {
    private final String parameter;

    public ParameterProblem(String parameter, String code, String message) {
        super(422, code, message);
        this.parameter = parameter;
    }

    /** The same refusal, now known to be about this parameter. */
    public ParameterProblem(String parameter, UserError refused) {
        this(parameter, refused.code(), refused.getMessage());
    }

    public String parameter() {
        return parameter;
    }
}
