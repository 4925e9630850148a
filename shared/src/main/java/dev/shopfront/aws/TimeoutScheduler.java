package dev.shopfront.aws;

import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The timer of the SDK clients' call and attempt timeouts: one daemon thread for the JVM, woken only when a
 * timeout may be due. A synchronous SDK call schedules two timeouts and cancels both when it ends. The SDK's own
 * {@code ScheduledThreadPoolExecutor} keeps every cancelled task queued until its deadline and wakes its thread
 * as each one comes due, so a function called back to back pays a thread wake-up per call, on the same two cores
 * as the call: about 20 µs of a 300 µs {@code GetItem} at C1 (BENCHMARKS.md, "The SDK's timeout timer"). Here
 * a cancelled task is only marked; the thread sleeps until the earliest live deadline or a second at most, drops
 * the cancelled tasks it meets on waking, and a new task wakes it only if it is due before that.
 *
 * <p>Tasks run on the timer thread itself: the SDK's timeout tasks only interrupt the calling thread and abort
 * its request. Only one-shot {@code schedule} is supported, which is all the synchronous clients use.
 */
public final class TimeoutScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    /** The longest the thread sleeps with nothing due: bounds how long cancelled tasks stay queued. */
    static final long IDLE_WAKE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final TimeoutScheduler SHARED = new TimeoutScheduler("sdk-timeouts");

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Task<?>> tasks = new PriorityQueue<>();
    /** When the thread will look at the queue next (System.nanoTime); a task due earlier wakes it. */
    private long nextWake;

    TimeoutScheduler(String threadName) {
        nextWake = System.nanoTime() + IDLE_WAKE_NANOS;
        Thread.ofPlatform().name(threadName).daemon().start(this::runTimer);
    }

    /** The JVM's one timer, shared by every SDK client the functions build. */
    public static TimeoutScheduler shared() {
        return SHARED;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(new Task<>(Executors.callable(command), deadline(delay, unit)));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Task<>(callable, deadline(delay, unit)));
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    /** Not supported: the synchronous SDK clients schedule one-shot timeouts only. */
    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("TimeoutScheduler runs one-shot timeouts only");
    }

    /** Not supported: the synchronous SDK clients schedule one-shot timeouts only. */
    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("TimeoutScheduler runs one-shot timeouts only");
    }

    /** The timer lives as long as the JVM; SDK clients given an executor never shut it down, nor may anyone else. */
    @Override
    public void shutdown() {
        throw new UnsupportedOperationException("The shared timeout timer lives as long as the JVM");
    }

    @Override
    public List<Runnable> shutdownNow() {
        throw new UnsupportedOperationException("The shared timeout timer lives as long as the JVM");
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }

    /** Live tasks and cancelled ones not yet dropped; for tests. */
    int queued() {
        lock.lock();
        try {
            return tasks.size();
        } finally {
            lock.unlock();
        }
    }

    private static long deadline(long delay, TimeUnit unit) {
        return System.nanoTime() + unit.toNanos(Math.max(0, delay));
    }

    private <V> Task<V> enqueue(Task<V> task) {
        lock.lock();
        try {
            tasks.add(task);
            if (task.deadline - nextWake < 0) {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
        return task;
    }

    private void runTimer() {
        while (true) {
            Task<?> due = nextDue();
            // Outside the lock: a task that takes long delays the other timeouts, never the callers' scheduling.
            due.run();
        }
    }

    /** Waits for the next live task whose deadline has passed, dropping cancelled ones on the way. */
    private Task<?> nextDue() {
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                Task<?> head = tasks.peek();
                while (head != null && head.isCancelled()) {
                    tasks.poll();
                    head = tasks.peek();
                }
                if (head != null && head.deadline - now <= 0) {
                    return tasks.poll();
                }
                long idleWake = now + IDLE_WAKE_NANOS;
                nextWake = head != null && head.deadline - idleWake < 0 ? head.deadline : idleWake;
                try {
                    changed.awaitNanos(nextWake - now);
                } catch (InterruptedException ignored) {
                    // The thread is this class's own and nothing interrupts it by design; were it interrupted,
                    // stopping would leave every later call without its time budget, so it looks at the queue again.
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        private final long deadline;

        Task(Callable<V> callable, long deadline) {
            super(callable);
            this.deadline = deadline;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other instanceof Task<?> task) {
                return Long.compare(deadline - task.deadline, 0);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
