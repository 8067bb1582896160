package io.securevpc.gate;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The gate's file handling: coded errors ({@link ErrorCode#GATE_FILE}) and atomic writes. */
final class GateFiles {
    /** The scope named in the gate's file errors. */
    static final String SCOPE = "the compliance gate";

    private GateFiles() {
    }

    /** @return a {@link ErrorCode#GATE_FILE} error naming the setting, the file and what was expected. */
    static BlueprintValidationException error(final String prop, final Path file, final String expected,
                                              final Throwable cause) {
        List<BlueprintValidationException.Problem> problems = List.of(new BlueprintValidationException.Problem(
                ErrorCode.GATE_FILE, prop, String.valueOf(file), expected));
        return cause == null ? new BlueprintValidationException(SCOPE, problems)
                : new BlueprintValidationException(SCOPE, problems, cause);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    /** The last tree file read: its path, size and modification time, and its content. */
    private static Object[] lastTree;

    /**
     * Reads the assembly's {@code tree.json}, which the gate reads twice per validation (the resources no pack judges,
     * the acknowledgements): the second read of the same unchanged file (path, size, modification time) returns the
     * first's content. Only the last file is kept. The caller must not modify the returned tree.
     */
    static synchronized com.fasterxml.jackson.databind.JsonNode readTree(final Path file) throws IOException {
        Object[] stamp = {file.toAbsolutePath().normalize(), Files.size(file), Files.getLastModifiedTime(file)};
        if (lastTree != null && lastTree[0].equals(stamp[0]) && lastTree[1].equals(stamp[1])
                && lastTree[2].equals(stamp[2])) {
            return (com.fasterxml.jackson.databind.JsonNode) lastTree[3];
        }
        com.fasterxml.jackson.databind.JsonNode tree = JSON.readTree(file.toFile());
        lastTree = new Object[] {stamp[0], stamp[1], stamp[2], tree};
        return tree;
    }

    /**
     * Writes {@code content} to {@code target} through a temporary file in the same directory, renamed over the
     * target atomically: a reader sees the old file or the complete new one, never a half-written one. The
     * temporary file is removed when the write fails.
     */
    static void writeAtomically(final Path target, final byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
