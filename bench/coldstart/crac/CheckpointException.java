package bench.crac;

/** As org.crac's: a checkpoint that failed. */
public class CheckpointException extends Exception {
    public CheckpointException() {}
}
