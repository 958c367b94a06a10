package io.athanor.sql;

/** The four kinds of statement; dialects declare per kind whether RETURNING is supported. */
public enum StatementKind {
    SELECT, INSERT, UPDATE, DELETE
}
