package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.ErrorCode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Error codes never change meaning: the app's codes keep their ids, and the library's enum never reuses them. */
class AppErrorCodeTest {
    @Test
    void appConfigKeepsItsCode() {
        assertEquals("SVPC-020", AppErrorCode.APP_CONFIG.id());
        assertEquals(List.of("APP_CONFIG"), Arrays.stream(AppErrorCode.values()).map(Enum::name).toList());
    }

    @Test
    void theLibraryNeitherHasNorReusesTheAppsCodes() {
        List<String> app = Arrays.stream(AppErrorCode.values()).map(AppErrorCode::id).toList();
        assertEquals(List.of(), Arrays.stream(ErrorCode.values())
                .filter(c -> app.contains(c.id()) || c.name().equals("APP_CONFIG")).toList());
    }
}
