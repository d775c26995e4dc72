package io.flowstack.bench;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logging as the shipped applications have it: INFO to the console. Outside a started Quarkus application the JBoss
 * log manager keeps Quarkus's boot-time configuration, which enables every level and buffers every record until an
 * application that never comes configures it; that would make the drivers and clients format their debug output and
 * charge it to the figures.
 */
final class BenchLogging {
    private BenchLogging() {
    }

    static void configure() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.INFO);
        root.addHandler(console);
        root.setLevel(Level.INFO);
    }
}
