package io.strategyminer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The route table on Undertow's template matcher: templates, parameters, 404, 405 with the allowed methods. */
class ApiRoutesTest {
    private static final ApiRoutes.Endpoint NOTHING = exchange -> { };
    private final ApiRoutes.Route list = ApiRoutes.Route.read("/api/searches", NOTHING);
    private final ApiRoutes.Route submit = ApiRoutes.Route.change("POST", "/api/searches", Set.of("application/json"),
            1024, NOTHING);
    private final ApiRoutes.Route one = ApiRoutes.Route.read("/api/searches/{id}", NOTHING);
    private final ApiRoutes routes = new ApiRoutes().add(list).add(submit).add(one)
            .add(ApiRoutes.Route.read("/api/status", NOTHING));

    @Test
    void findsTheRouteOfAMethodAndItsParameters() {
        assertEquals(list, routes.find("GET", "/api/searches").route());
        assertEquals(submit, routes.find("POST", "/api/searches").route());
        ApiRoutes.Match match = routes.find("GET", "/api/searches/s-1");
        assertEquals(one, match.route());
        assertEquals(Map.of("id", "s-1"), match.params());
    }

    @Test
    void oneTrailingSlashIsIgnored() {
        assertEquals(list, routes.find("GET", "/api/searches/").route());
        assertEquals(Map.of("id", "s-1"), routes.find("GET", "/api/searches/s-1/").params());
        assertEquals(Map.of("id", ""), routes.find("GET", "/api/searches//").params());
        routes.find("GET", "/api/status/");
    }

    @Test
    void anUnknownPathIs404AndAnotherMethod405WithTheAllowedOnes() {
        assertEquals(404, assertThrows(ApiException.class, () -> routes.find("GET", "/api/nothing")).status());
        assertEquals(404, assertThrows(ApiException.class, () -> routes.find("GET", "/api/searches/a/b")).status());
        assertEquals("GET, POST", assertThrows(ApiRoutes.MethodNotAllowed.class,
                () -> routes.find("DELETE", "/api/searches")).allowed());
        assertEquals("GET", assertThrows(ApiRoutes.MethodNotAllowed.class,
                () -> routes.find("POST", "/api/status")).allowed());
    }

    @Test
    void aReadTakesNoBodyAndAChangeOne() {
        assertThrows(IllegalArgumentException.class,
                () -> new ApiRoutes.Route("GET", "/x", Set.of("text/csv"), 10, NOTHING));
        assertThrows(IllegalArgumentException.class, () -> new ApiRoutes.Route("POST", "/x", Set.of(), 0, NOTHING));
    }
}
