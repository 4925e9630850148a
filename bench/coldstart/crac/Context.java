package bench.crac;

/** A group of resources, itself a resource (the shape org.crac's compat mode expects). */
public abstract class Context<R extends Resource> implements Resource {
    protected Context() {}

    public abstract void register(R resource);
}
