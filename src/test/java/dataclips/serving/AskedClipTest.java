package dataclips.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.parameters.Arguments;
import dataclips.clips.AskedClip;
import dataclips.clips.Clip;
import dataclips.results.ResultRecorder;
import dataclips.results.Results;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A run cannot start from a bare {@link Clip} (issue 33): whatever runs a clip or keys its stored results by the
 * values it is asked with takes an {@link AskedClip}, and only the clips package makes one, from values it has
 * checked. A caller that forgets the URL's values then fails to compile, instead of running the clip unfiltered
 * (an optional {@code [[ … {{p}} … ]]} block dropped). The compiler holds the rule; this test holds the types that
 * make the compiler hold it, so loosening one of them fails here.
 */
class AskedClipTest {
    @Test
    void onlyTheClipsPackageMakesAnAskedClip() {
        assertEquals(1, AskedClip.class.getDeclaredConstructors().length);
        int modifiers = AskedClip.class.getDeclaredConstructors()[0].getModifiers();
        assertTrue(!Modifier.isPublic(modifiers) && !Modifier.isProtected(modifiers) && !Modifier.isPrivate(modifiers),
                "AskedClip's constructor is package-private to dataclips.clips");
        assertTrue(Modifier.isFinal(AskedClip.class.getModifiers()), "no subclass may make one either");
    }

    @Test
    void aClipIsTheSavedThingAndCarriesNoValues() {
        List<Class<?>> components = Arrays.stream(Clip.class.getRecordComponents()).map(RecordComponent::getType)
                .collect(Collectors.toList());
        assertTrue(!components.contains(Arguments.class) && !components.contains(AskedClip.class), components.toString());
    }

    @Test
    void everyWayIntoARunTakesAnAskedClip() throws Exception {
        assertEquals(AskedClip.class, Ask.class.getRecordComponents()[0].getType());
        assertEquals(AskedClip.class, Runs.Request.class.getRecordComponents()[0].getType());
        assertEquals(AskedClip.class, Serving.class.getMethod("record", AskedClip.class, Viewer.class,
                dataclips.results.ResultKind.class, String.class).getParameterTypes()[0]);
        for (Method m : Results.class.getMethods()) {
            if (m.getReturnType() == ResultRecorder.class || m.getGenericReturnType().getTypeName()
                    .contains(ResultRecorder.class.getName())) {
                assertEquals(AskedClip.class, m.getParameterTypes()[0], m.toString());
            }
        }
    }

    /** The public methods that take a bare Clip read what is stored already; written by hand, so a new one is seen. */
    @Test
    void aBareClipReachesOnlyWhatIsStoredAlready() {
        assertEquals(Set.of("snapshot"), takingABareClip(Serving.class));
        assertEquals(Set.of("deleteSnapshot", "newest", "newestColumns", "snapshot", "snapshots", "storage", "stored"),
                takingABareClip(Results.class));
        assertEquals(Set.of("flight", "fresh", "lead", "own"), takingAnAskedClip(Results.class));
        assertEquals(Set.of("record", "stored"), takingAnAskedClip(Serving.class));
    }

    private static Set<String> takingABareClip(Class<?> type) {
        return publicMethodsTaking(type, Clip.class);
    }

    private static Set<String> takingAnAskedClip(Class<?> type) {
        return publicMethodsTaking(type, AskedClip.class);
    }

    private static Set<String> publicMethodsTaking(Class<?> type, Class<?> parameter) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                .filter(m -> Arrays.asList(m.getParameterTypes()).contains(parameter)).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
