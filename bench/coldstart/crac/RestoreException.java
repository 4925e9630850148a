package bench.crac;

/** As org.crac's: a restore that failed. */
public class RestoreException extends Exception {
    public RestoreException() {}
}
