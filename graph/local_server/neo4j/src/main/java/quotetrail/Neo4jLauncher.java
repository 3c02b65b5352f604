package quotetrail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * quotetrail's local Neo4j engine: Neo4j Community embedded with its Bolt connector on
 * 127.0.0.1, auth on, the `neo4j` user's password taken from the environment.
 *
 * <p>Arguments: the DBMS home, the state file to write once Bolt answers, the page cache
 * size in MiB and the transaction timeout in seconds (0: none). The password comes from
 * QUOTETRAIL_NEO4J_PASSWORD, never from the command line (other users can read argv).
 * quotetrail's manager spawns this process, waits for the state file and stops it with
 * SIGTERM, which runs the shutdown hook: the databases close cleanly.
 */
public final class Neo4jLauncher {
    private static final String HOST = "127.0.0.1";

    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: Neo4jLauncher HOME STATE_FILE PAGECACHE_MIB TX_TIMEOUT_S");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path stateFile = Path.of(args[1]).toAbsolutePath();
        long pageCacheMib = Long.parseLong(args[2]);
        long txTimeout = Long.parseLong(args[3]);
        String password = System.getenv("QUOTETRAIL_NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("QUOTETRAIL_NEO4J_PASSWORD must hold the password (8+ characters)");
            System.exit(2);
        }
        int port = freePort();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMib))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeout))
                // Bolt stops after the databases have closed; its default waits (5 s for its
                // idle thread pool, a quiet period and 5 s more for netty) made every stop
                // take 10 s with nothing left to wait for.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time,
                           Duration.ofSeconds(1))
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout,
                           Duration.ofSeconds(1))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "quotetrail-shutdown"));
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        setPassword(system, password);
        String version = version(system);
        writeState(stateFile, port, home, version);
        System.out.println("quotetrail-neo4j ready: bolt://" + HOST + ":" + port + " Neo4j " + version);
        System.out.flush();
        stopped.await();
    }

    /** The generated password, set on every start (so a new secrets file takes effect). */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.contains("cannot be the same")) {  // already this password: fine
                throw e;
            }
        }
    }

    private static String version(GraphDatabaseService system) {
        return system.executeTransactionally(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS v", Map.of(),
                result -> String.valueOf(result.next().get("v")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    /** The same fields as the Python side's ServerInfo, written atomically. */
    private static void writeState(Path stateFile, int port, Path home, String version)
            throws IOException {
        long pid = ProcessHandle.current().pid();
        double startedAt = System.currentTimeMillis() / 1000.0;
        String json = String.format(java.util.Locale.ROOT,
                "{\"pid\": %d, \"bolt_port\": %d, \"http_port\": 0, \"started_at\": %.3f, "
                        + "\"home\": \"%s\", \"engine\": \"neo4j\", \"version\": \"%s\"}",
                pid, port, startedAt, escape(home.toString()), escape(version));
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        Files.writeString(tmp, json);
        Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
