package bench.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * The SnapStart proxy of the cold-start benchmark: keeps the resources the function registers and,
 * on checkpointRestore, runs every beforeCheckpoint (last registered first, as CRaC does) and then
 * every afterRestore (first registered first), in one JVM without a real checkpoint.
 */
public final class Core {
    private static final GlobalContext GLOBAL = new GlobalContext();

    private Core() {}

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    public static void checkpointRestore() throws CheckpointException, RestoreException {
        try {
            GLOBAL.beforeCheckpoint(null);
            GLOBAL.afterRestore(null);
        } catch (Exception e) {
            throw new IllegalStateException("A registered resource failed", e);
        }
    }

    private static final class GlobalContext extends Context<Resource> {
        private final List<Resource> resources = new ArrayList<>();

        @Override
        public synchronized void register(Resource resource) {
            resources.add(resource);
        }

        @Override
        public synchronized void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).beforeCheckpoint(this);
            }
        }

        @Override
        public synchronized void afterRestore(Context<? extends Resource> context) throws Exception {
            for (Resource resource : resources) {
                resource.afterRestore(this);
            }
        }
    }
}
