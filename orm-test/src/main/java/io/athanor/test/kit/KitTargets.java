package io.athanor.test.kit;

import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Function;

/**
 * The targets the kit knows: SQLite files, PostgreSQL and MariaDB servers (settings from
 * {@code ATHANOR_PG_URL}/{@code _USER}/{@code _PASSWORD} and
 * {@code ATHANOR_MARIADB_URL}/{@code _USER}/{@code _PASSWORD}, defaulting to local servers with
 * database {@code test}), and any file database by URL.
 */
public final class KitTargets {
    /** PostgreSQL: a scratch schema, reached with {@code currentSchema}. */
    public static final ServerTarget.Scratch POSTGRESQL_SCHEMAS = new ServerTarget.Scratch() {
        @Override
        public String createSql(String name) {
            return "CREATE SCHEMA " + name;
        }

        @Override
        public String dropSql(String name) {
            return "DROP SCHEMA IF EXISTS " + name + " CASCADE";
        }

        @Override
        public String urlFor(String baseUrl, String name) {
            return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        @Override
        public Properties timeoutProperties(int seconds) {
            Properties p = new Properties(); // pgjdbc counts in seconds
            p.setProperty("connectTimeout", String.valueOf(seconds));
            p.setProperty("loginTimeout", String.valueOf(seconds));
            return p;
        }
    };

    /** MariaDB/MySQL: a scratch database (utf8mb4), reached by replacing the URL's database. */
    public static final ServerTarget.Scratch MARIADB_DATABASES = new ServerTarget.Scratch() {
        @Override
        public String createSql(String name) {
            return "CREATE DATABASE " + name + " CHARACTER SET utf8mb4";
        }

        @Override
        public String dropSql(String name) {
            return "DROP DATABASE IF EXISTS " + name;
        }

        @Override
        public String urlFor(String baseUrl, String name) {
            return withDatabase(baseUrl, name);
        }

        @Override
        public Properties timeoutProperties(int seconds) {
            Properties p = new Properties(); // Connector/J counts in milliseconds
            p.setProperty("connectTimeout", String.valueOf(seconds * 1000));
            return p;
        }
    };

    private KitTargets() {
    }

    /** SQLite files under {@code dir}, one per open. */
    public static FileTarget sqlite(Path dir) {
        return files("sqlite", dir, file -> "jdbc:sqlite:" + file + ".db");
    }

    /**
     * Any embedded file database: {@code url} turns a fresh file path (without extension) into a JDBC
     * URL, e.g. {@code file -> "jdbc:h2:" + file}. The dialect is found by that URL.
     */
    public static FileTarget files(String name, Path dir, Function<Path, String> url) {
        return new FileTarget(name, dir, url);
    }

    /** The PostgreSQL server of {@code ATHANOR_PG_*}, default {@code jdbc:postgresql://127.0.0.1:5432/test}, user postgres. */
    public static ServerTarget postgresql() {
        return new ServerTarget("postgresql", "ATHANOR_PG", "jdbc:postgresql://127.0.0.1:5432/test", "postgres",
                POSTGRESQL_SCHEMAS);
    }

    /** The MariaDB server of {@code ATHANOR_MARIADB_*}, default {@code jdbc:mariadb://127.0.0.1:3306/test}, user root. */
    public static ServerTarget mariadb() {
        return new ServerTarget("mariadb", "ATHANOR_MARIADB", "jdbc:mariadb://127.0.0.1:3306/test", "root",
                MARIADB_DATABASES);
    }

    /** The URL with its database path replaced: {@code jdbc:mariadb://host:port/db?options}. */
    public static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//") + 2;
        int query = url.indexOf('?', hostStart);
        int end = query < 0 ? url.length() : query;
        int slash = url.indexOf('/', hostStart);
        int pathStart = slash < 0 || slash > end ? end : slash;
        return url.substring(0, pathStart) + "/" + database + url.substring(end);
    }
}
