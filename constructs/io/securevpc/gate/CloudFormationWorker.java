package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.App;

/**
 * CDK's CloudFormation validation on a second core: a plain Node.js process ({@code cloudformation-validate-worker.js},
 * in the jar) that loads aws-cdk-lib's own {@code CloudFormationValidatePlugin} from the directory jsii extracted
 * aws-cdk-lib into and validates one template per request. It is started when the gate is built ({@link #start}), so
 * its engine start and first-call rule compilation overlap the app's synthesis; the gate hands it the templates to
 * validate when the packs start ({@link #submit}), and CloudFormation validation uses its answers, validating in the
 * jsii process only what the worker has not taken when the queue is long, or everything when the worker is gone
 * ({@code CachedChecks#validateCloudFormation}). Every template is validated once, by one of the two, with the same
 * plugin and the same one-template context, so the findings are the same ({@code CloudFormationWorkerTest} compares
 * them).
 *
 * <p>An optimization only, never trusted over correctness: a worker that cannot start, loads another aws-cdk-lib,
 * answers with an error or not at all is given up for the rest of the JVM, and the templates it had not answered are
 * validated in the jsii process. One worker per JVM (a test suite builds many gates); it exits when the JVM does (its
 * standard input closes). Off with the context key {@value #CONTEXT_KEY} = {@code false}, and on a machine with one
 * core.
 */
final class CloudFormationWorker {
    /** Context key: {@code false} validates every template in the jsii process. */
    static final String CONTEXT_KEY = "secure-vpc:cloudFormationWorker";
    /** Longest wait for one template's answer before the worker is given up. */
    private static final long ANSWER_TIMEOUT_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "cloudformation-validate-worker.js";

    private static CloudFormationWorker shared;
    private static boolean sharedFailed;

    /** One template to validate: its content's SHA-256 first, so an answer never stands for other content. */
    record Job(String templateHash, String constructPath, String templatePath, @Nullable String account,
               @Nullable String region) {
    }

    private final List<String> command;
    /** The aws-cdk-lib version of the jsii process, which the worker's package must have. */
    private final String expectedVersion;
    private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    private final Map<Job, JsonNode> done = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile Job inFlight;
    private volatile boolean ready;
    private volatile boolean broken;
    private volatile String brokenBecause;
    private int validated;
    private Thread thread;
    private Process process;

    /**
     * @param command node, the worker script and aws-cdk-lib's directory
     * @param expectedVersion the aws-cdk-lib version the worker's package must have
     */
    CloudFormationWorker(final List<String> command, final String expectedVersion) {
        this.command = List.copyOf(command);
        this.expectedVersion = expectedVersion;
    }

    /** Starts the process (which warms its engine up) and the thread that feeds it. */
    void startThread() {
        synchronized (lock) {
            if (thread == null) {
                thread = new Thread(this::run, "secure-vpc-cfn-worker");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    /**
     * @return the JVM's worker, started now if it is not running: empty when off ({@value #CONTEXT_KEY}, one core),
     *     when aws-cdk-lib's extracted package or the worker script cannot be found, or when the JVM's worker was given
     *     up
     */
    static synchronized Optional<CloudFormationWorker> start(final @NotNull App app) {
        Object setting = app.getNode().tryGetContext(CONTEXT_KEY);
        if (setting != null && "false".equalsIgnoreCase(String.valueOf(setting).trim())) {
            return Optional.empty();
        }
        if (Runtime.getRuntime().availableProcessors() < 2 || sharedFailed) {
            return Optional.empty();
        }
        if (shared != null) {
            return shared.broken ? Optional.empty() : Optional.of(shared);
        }
        Optional<Path> module = awsCdkLibDirectory();
        Path script = module.isEmpty() ? null : script();
        if (module.isEmpty() || script == null) {
            sharedFailed = true;
            return Optional.empty();
        }
        shared = new CloudFormationWorker(List.of(node(), script.toString(), module.get().toString()),
                GateCache.artifactVersion("software.amazon.awscdk", "aws-cdk-lib"));
        shared.startThread();
        return Optional.of(shared);
    }

    /** @return the node jsii runs ({@code JSII_NODE}, else {@code node} on the PATH). */
    private static String node() {
        String node = System.getenv("JSII_NODE");
        return node != null && !node.isBlank() ? node : "node";
    }

    /** @return the worker script, copied out of the jar into a temporary file (deleted at exit), or null. */
    private static @Nullable Path script() {
        try (InputStream in = CloudFormationWorker.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                return null;
            }
            Path file = Files.createTempFile("secure-vpc-cfn-worker", ".js");
            file.toFile().deleteOnExit();
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Where jsii extracted aws-cdk-lib ({@code JSII_RUNTIME_PACKAGE_CACHE_ROOT}, else jsii's default cache root of the
     * platform; {@code aws-cdk-lib/<version>/<hash>}), the newest of that version when several.
     */
    static Optional<Path> awsCdkLibDirectory() {
        String version = GateCache.artifactVersion("software.amazon.awscdk", "aws-cdk-lib");
        Path root = cacheRoot();
        if (root == null || "unknown".equals(version)) {
            return Optional.empty();
        }
        Path versions = root.resolve("aws-cdk-lib").resolve(version);
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(versions)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("core/lib/validation/cloudformation-validate-plugin.js")))
                    .max(Comparator.comparingLong(d -> d.toFile().lastModified()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static @Nullable Path cacheRoot() {
        String disabled = System.getenv("JSII_RUNTIME_PACKAGE_CACHE");
        if (disabled != null && !"enabled".equalsIgnoreCase(disabled)) {
            return null;
        }
        String root = System.getenv("JSII_RUNTIME_PACKAGE_CACHE_ROOT");
        if (root != null && !root.isBlank()) {
            return Path.of(root);
        }
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String home = System.getenv("HOME");
        if (os.contains("mac") && home != null) {
            return Path.of(home, "Library", "Caches", "com.amazonaws.jsii", "package-cache");
        }
        if (os.contains("win") && System.getenv("LOCALAPPDATA") != null) {
            return Path.of(System.getenv("LOCALAPPDATA"), "AWS", "jsii", "package-cache");
        }
        if (os.contains("linux") && home != null) {
            return Path.of(home, ".cache", "aws", "jsii", "package-cache");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "aws-jsii-package-cache");
    }

    /** Forgets the answers nobody took (a template the caller validated itself): before each synth. */
    void forget() {
        done.clear();
    }

    /** @return whether the worker has been given up (why: {@link #brokenBecause()}). */
    boolean isBroken() {
        return broken;
    }

    @Nullable String brokenBecause() {
        return brokenBecause;
    }

    /** @return the templates the worker validated since the JVM started. */
    int validated() {
        return validated;
    }

    /** Queues templates for the worker, which takes them from the back; starts it on first use. */
    void submit(final @NotNull List<Job> jobs) {
        synchronized (lock) {
            if (broken || jobs.isEmpty()) {
                return;
            }
            jobs.stream().filter(j -> !queue.contains(j) && !done.containsKey(j) && !j.equals(inFlight))
                    .forEach(queue::addLast);
            lock.notifyAll();
        }
        startThread();
    }

    /**
     * Moves {@code jobs} that are still queued to the back, which the worker takes next: the templates the caller is
     * about to wait for come before those of later environments.
     */
    void prioritize(final @NotNull List<Job> jobs) {
        synchronized (lock) {
            for (Job j : jobs) {
                if (queue.remove(j)) {
                    queue.addLast(j);
                }
            }
        }
    }

    /** @return the worker's findings of {@code job} when it has answered (taken: a second call returns empty). */
    Optional<JsonNode> answer(final @NotNull Job job) {
        synchronized (lock) {
            return Optional.ofNullable(done.remove(job));
        }
    }

    /** @return whether the worker will answer {@code job}: it is queued or being validated, and the worker is alive. */
    boolean pending(final @NotNull Job job) {
        synchronized (lock) {
            return !broken && (queue.contains(job) || job.equals(inFlight));
        }
    }

    /** @return whether {@code job} was still queued, now taken out for the caller to validate. */
    boolean unqueue(final @NotNull Job job) {
        synchronized (lock) {
            return queue.remove(job);
        }
    }

    /** @return the number of templates queued (not yet taken by the worker). */
    int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** @return whether the worker's engine has started and compiled its rules. */
    boolean isReady() {
        return ready;
    }

    /**
     * Waits until the worker answers something or is given up, at most {@value #ANSWER_TIMEOUT_SECONDS} s: a worker
     * that answers nothing that long is given up.
     */
    void awaitProgress() {
        synchronized (lock) {
            int before = validated;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_TIMEOUT_SECONDS);
            while (validated == before && !broken && (inFlight != null || !queue.isEmpty())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    giveUp("no answer in " + ANSWER_TIMEOUT_SECONDS + " s");
                    return;
                }
                try {
                    lock.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    giveUp("interrupted");
                    return;
                }
            }
        }
    }

    /**
     * Waits until the worker has answered {@code job} (submitted earlier) or is given up: for tests, which must know
     * the worker validated it.
     */
    Optional<JsonNode> awaitAnswer(final @NotNull Job job, final long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        synchronized (lock) {
            while (!done.containsKey(job) && !broken && System.nanoTime() < deadline) {
                lock.wait(100);
            }
            return Optional.ofNullable(done.remove(job));
        }
    }

    /** @return the worker script's command for a given aws-cdk-lib directory, for tests. */
    static List<String> command(final Path awsCdkLib) {
        Path script = script();
        return script == null ? List.of() : List.of(node(), script.toString(), awsCdkLib.toString());
    }

    private void run() {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            process = pb.start();
            BufferedWriter in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(),
                    StandardCharsets.UTF_8));
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = out.readLine();
            JsonNode hello = first == null ? null : JSON.readTree(first);
            if (hello == null || !hello.path("ready").asBoolean(false)) {
                throw new IOException("the worker did not start: " + (hello == null ? "no output"
                        : hello.path("error").asText(first)));
            }
            if (!expectedVersion.equals(hello.path("version").asText())) {
                throw new IOException("the worker loaded aws-cdk-lib " + hello.path("version").asText() + ", not "
                        + expectedVersion);
            }
            ready = true;
            long id = 0;
            while (true) {
                Job job;
                synchronized (lock) {
                    while (!broken && queue.isEmpty()) {
                        lock.wait();
                    }
                    if (broken) {
                        return;
                    }
                    job = queue.pollLast();
                    inFlight = job;
                }
                ObjectNode request = JSON.createObjectNode();
                request.put("id", ++id);
                request.put("stackConstructPath", job.constructPath());
                request.put("templatePath", job.templatePath());
                request.put("accountId", job.account());
                request.put("region", job.region());
                in.write(JSON.writeValueAsString(request));
                in.write('\n');
                in.flush();
                String line = out.readLine();
                if (line == null) {
                    throw new IOException("the worker exited");
                }
                JsonNode reply = JSON.readTree(line);
                if (reply.path("id").asLong() != id || !reply.path("ok").asBoolean(false)) {
                    throw new IOException("the worker failed: " + reply.path("error").asText(line));
                }
                synchronized (lock) {
                    done.put(job, reply.path("violations"));
                    validated++;
                    inFlight = null;
                    lock.notifyAll();
                }
            }
        } catch (IOException | RuntimeException e) {
            giveUp(String.valueOf(e));
        } catch (InterruptedException e) {
            giveUp("interrupted");
            Thread.currentThread().interrupt();
        }
    }

    private void giveUp(final String why) {
        synchronized (lock) {
            if (!broken) {
                brokenBecause = why;
            }
            broken = true;
            inFlight = null;
            lock.notifyAll();
        }
        queue.clear();
        Process p = process;
        if (p != null) {
            p.destroy();
        }
    }
}
