package dataclips.parameters;

import java.util.List;

/** What {@link ParameterLexer} reads: SQL text (already as pgjdbc must see it), a parameter, or an optional block of both. */
sealed interface SqlPart {
    record Text(String sql) implements SqlPart {}

    record Param(String name) implements SqlPart {}

    record Block(List<SqlPart> parts) implements SqlPart {
        List<Param> params() {
            return parts.stream().filter(Param.class::isInstance).map(Param.class::cast).toList();
        }
    }
}
