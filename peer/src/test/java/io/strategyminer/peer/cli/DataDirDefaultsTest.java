package io.strategyminer.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.miner.SearchLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code <data dir>/peer.properties} gives defaults; the command line wins over it, it over the built-in ones. */
class DataDirDefaultsTest {
    @TempDir
    Path dir;

    private Object parse(String... args) {
        CommandLine.ParseResult parsed = PeerCli.newCommandLine().parseArgs(args);
        return parsed.subcommand().commandSpec().userObject();
    }

    private void properties(String text) throws IOException {
        Files.writeString(dir.resolve(DataDirDefaults.FILE), text);
    }

    @Test
    void theFileInTheDataDirSetsStartsDefaultsAndTheCommandLineWins() throws IOException {
        properties("name = gaming-pc\nport=7810\nthreads=3\nno-http=true\n");
        StartCommand start = (StartCommand) parse("start", "--data-dir", dir.toString());
        assertEquals("gaming-pc", start.name);
        assertEquals(7810, start.network.port);
        assertEquals(3, start.threads.count());
        assertTrue(start.noHttp);
        assertEquals("127.0.0.1:8080", start.http, "a key the file lacks keeps the built-in default");

        StartCommand given = (StartCommand) parse("start", "--data-dir", dir.toString(), "--port", "7999", "--name", "laptop");
        assertEquals(7999, given.network.port);
        assertEquals("laptop", given.name);
        assertEquals(3, given.threads.count());
    }

    @Test
    void aKeyNamedAfterTheCommandAppliesToThatCommandOnly() throws IOException {
        properties("peer.start.threads=2\nthreads=5\npopulation=12\n");
        assertEquals(2, ((StartCommand) parse("start", "--data-dir", dir.toString())).threads.count());
        MineCommand mine = (MineCommand) parse("mine", "--data-dir", dir.toString());
        assertEquals(5, mine.threads.count());
        assertEquals(12, mine.genetic.population, "the file wins over the search limits' defaults");
        assertEquals(SearchLimits.GENERATIONS.defaultInt(), mine.genetic.generations, "which still apply to the rest");
    }

    @Test
    void withoutAFileTheBuiltInDefaultsApplyAndNothingIsSaid() {
        StringWriter err = new StringWriter();
        CommandLine cli = PeerCli.newCommandLine();
        cli.setErr(new PrintWriter(err, true));
        StartCommand start = (StartCommand) cli.parseArgs("start", "--data-dir", dir.toString())
                .subcommand().commandSpec().userObject();
        assertNull(start.name);
        assertEquals(7800, start.network.port);
        MineCommand mine = (MineCommand) parse("mine", "--data-dir", dir.toString());
        assertEquals(SearchLimits.POPULATION.defaultInt(), mine.genetic.population);
        assertEquals("", err.toString());
    }

    @Test
    void aBadValueInTheFileIsRefusedNamingTheOption() throws IOException {
        properties("port=seventy\n");
        CommandLine.ParameterException refused = assertThrows(CommandLine.ParameterException.class,
                () -> parse("start", "--data-dir", dir.toString()));
        assertTrue(refused.getMessage().contains("--port") && refused.getMessage().contains("seventy"),
                refused.getMessage());
    }
}
