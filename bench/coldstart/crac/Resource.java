package bench.crac;

/** The resource interface org.crac adapts to when started with -Dorg.crac.Core.Compat=bench.crac. */
public interface Resource {
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
