package io.strategyminer.data.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.SharedData;
import io.strategyminer.data.suspect.CandleValues;
import io.strategyminer.data.suspect.SuspectCandle;
import io.strategyminer.data.suspect.SuspectKind;
import io.strategyminer.data.suspect.SuspectPolicy;
import io.strategyminer.data.suspect.SuspectReason;

/** Every real file in ../shared/data, checked against values read independently from the file. */
class RealFilesImportTest {
    @Test
    void bitstamp2011CsvWithTwoTimeColumnsInOddOrder() throws IOException {
        Path file = SharedData.file(SharedData.BTC_2011_CSV);
        ImportResult result = CandleImporter.importFile(file, ImportOptions.auto());
        CandleSeries c = result.candles();

        assertEquals(ImportFormat.CSV, result.format());
        assertEquals(39_017, c.size());
        assertEquals(300, result.timeframeSeconds());
        assertEquals("BTC-USD", result.symbol());
        assertEquals("btcusd-bitstamp-5m-2011", result.name());
        assertEquals(0, result.gaps().count(), "the 2011 file has a candle every 5 minutes");
        assertEquals(List.of(), result.suspects(), "thin 2011 trading, wicks to 35 % below the closes, but nothing suspect");
        assertEquals("every day, around the clock", result.calendar().label());

        // header: timestamp,open,close,volume,unix_timestamp,high,low
        List<String> lines = Files.readAllLines(file);
        assertCandle(c, 0, lines.get(1));
        assertCandle(c, c.size() - 1, lines.get(lines.size() - 1));
        assertCandle(c, 20_000, lines.get(20_001));
        assertEquals(1_313_670_900L, c.time()[0]);
        assertEquals(0.48990826, c.volume()[0]);
        assertEquals(1_325_375_700L, c.time()[c.size() - 1]);
        assertEquals(4.58, c.close()[c.size() - 1]);
    }

    private static void assertCandle(CandleSeries c, int i, String line) {
        String[] f = line.split(",");
        assertEquals(Long.parseLong(f[4]), c.time()[i], line);
        assertEquals(Double.parseDouble(f[1]), c.open()[i], line);
        assertEquals(Double.parseDouble(f[2]), c.close()[i], line);
        assertEquals(Double.parseDouble(f[3]), c.volume()[i], line);
        assertEquals(Double.parseDouble(f[5]), c.high()[i], line);
        assertEquals(Double.parseDouble(f[6]), c.low()[i], line);
    }

    /**
     * The ETH file holds one suspect candle: the GDAX flash crash of 2017-06-21, when ETH traded at 0.10 for
     * moments between closes near 300 (a real event, and exactly what must not be used unnoticed).
     */
    @Test
    void theCoinbaseEthFileHasOneSuspectCandleTheFlashCrashOf2017() {
        Path file = SharedData.file(SharedData.ETH_COINBASE_JSON);
        SuspectCandlesException e = assertThrows(SuspectCandlesException.class,
                () -> CandleImporter.importFile(file, ImportOptions.auto()));
        assertEquals(1, e.suspects().size(), e.getMessage());
        SuspectCandle crash = e.suspects().get(0);
        assertEquals(1_498_060_800L, crash.time(), "2017-06-21T16:00:00Z");
        assertEquals("candles[2373]", crash.location());
        assertEquals(new CandleValues(314.9, 321.45, 0.1, 298.0, 246742.22053973), crash.values());
        assertEquals(List.of(SuspectKind.SPIKE), crash.reasons().stream().map(SuspectReason::kind).toList());
        assertEquals(List.of("low"), crash.reasons().get(0).fields());
        assertTrue(crash.why().startsWith("low 0.1 is far from the closes around it (median 349.8 before, 323.1"
                + " after): 99.97 % below them, log distance 8.081 over the limit 0.6931"), crash.why());
    }

    /**
     * Dataset ids are what peers compare: the same file must give the same id on every version. The clean
     * files keep the ids they had before suspect candles existed; the ETH file's candles too (read without the
     * check), and its two cleanings have ids of their own.
     */
    @Test
    void idsOfTheRealFilesArePinned() throws IOException {
        assertEquals("b05521dd18c6edd568fca1882b9460b5bf98d5fb1b9c4b7615bdd24b0f124ca5", CandleImporter.importFile(
                SharedData.file(SharedData.BTC_2011_CSV), ImportOptions.auto()).toDataset().id().hex());
        assertEquals("81e6c58448a10dffb95779326e6235b3486491d51fadff2b69da14d33b0c4d2b", CandleImporter.importFile(
                SharedData.file(SharedData.ETH_OHLC_JSON), ImportOptions.auto()).toDataset().id().hex());
        Path eth = SharedData.file(SharedData.ETH_COINBASE_JSON);
        assertEquals("ad8d82acc4abd622c2e9eee889c2185215c85af2fb5efaf9f80e79aa550a0690",
                CandleImporter.importFile(eth, ImportOptions.auto().unscreened()).toDataset().id().hex());
        assertEquals("229f9dc56074c9f85be4357bcabb936bb2fd06d15dc25e34f28e56ff2e177071", CandleImporter.importFile(
                eth, ImportOptions.auto().withSuspects(SuspectPolicy.DROP)).toDataset().id().hex());
        assertEquals("f228835995c3e4910deb7212370bb8be0f5a65f95427e8fb47bb51925459de70", CandleImporter.importFile(
                eth, ImportOptions.auto().withSuspects(SuspectPolicy.REPAIR)).toDataset().id().hex());
    }

    @Test
    void coinbaseAdvancedTradeJsonWithStringsAndGaps() throws IOException {
        Path file = SharedData.file(SharedData.ETH_COINBASE_JSON);
        ImportResult result = CandleImporter.importFile(file, ImportOptions.auto().withSuspects(SuspectPolicy.REPAIR));
        CandleSeries c = result.candles();
        assertEquals("every day, around the clock", result.calendar().label());

        assertEquals(ImportFormat.COINBASE_ADVANCED_JSON, result.format());
        assertEquals(20_675, c.size());
        assertEquals(4 * 3600, result.timeframeSeconds());
        assertEquals("ETH-USD", result.symbol());

        JsonNode candles = new ObjectMapper().readTree(file.toFile()).get("candles");
        for (int i : new int[] {0, 1, 10_000, candles.size() - 1}) {
            JsonNode n = candles.get(i);
            assertEquals(Long.parseLong(n.get("start").asText()), c.time()[i]);
            assertEquals(Double.parseDouble(n.get("open").asText()), c.open()[i]);
            assertEquals(Double.parseDouble(n.get("high").asText()), c.high()[i]);
            assertEquals(Double.parseDouble(n.get("low").asText()), c.low()[i]);
            assertEquals(Double.parseDouble(n.get("close").asText()), c.close()[i]);
            assertEquals(Double.parseDouble(n.get("volume").asText()), c.volume()[i]);
        }
        assertEquals(1_463_529_600L, c.time()[0]);
        assertEquals(14.0, c.close()[0]);

        // Gaps counted independently from the raw start times.
        int gaps = 0;
        long missing = 0;
        for (int i = 1; i < candles.size(); i++) {
            long spacing = Long.parseLong(candles.get(i).get("start").asText())
                    - Long.parseLong(candles.get(i - 1).get("start").asText());
            if (spacing > 14_400) {
                gaps++;
                missing += spacing / 14_400 - 1;
            }
        }
        assertTrue(gaps > 0);
        assertEquals(gaps, result.gaps().count());
        assertEquals(missing, result.gaps().missingCandles());
        assertEquals(1_463_529_600L, result.gaps().first().get(0).after());
        assertEquals(1_463_587_200L, result.gaps().first().get(0).before());
        assertEquals(3, result.gaps().first().get(0).missingCandles());
        assertEquals(15, result.gaps().largest().missingCandles());
    }

    @Test
    void ohlcJsonEndTimeIsTheLastMillisecondOfTheCandle() throws IOException {
        Path file = SharedData.file(SharedData.ETH_OHLC_JSON);
        ImportResult result = CandleImporter.importFile(file, ImportOptions.auto());
        CandleSeries c = result.candles();

        assertEquals(ImportFormat.OHLC_JSON, result.format());
        assertEquals(580, c.size());
        assertEquals(300, result.timeframeSeconds());
        assertEquals("ETH-USD", result.symbol(), "from the JSON name ETH/USD_PT5M@BinanceUS");
        assertEquals(0, result.gaps().count());

        JsonNode ohlc = new ObjectMapper().readTree(file.toFile()).get("ohlc");
        for (int i = 0; i < ohlc.size(); i++) {
            long endTime = ohlc.get(i).get("endTime").asLong();
            assertEquals(999, endTime % 1000, "endTime is a last millisecond");
            assertEquals((endTime + 1) / 1000 - 300, c.time()[i]);
            assertEquals(0, c.time()[i] % 300, "open times fall on 5-minute boundaries");
            assertEquals(ohlc.get(i).get("openPrice").asDouble(), c.open()[i]);
            assertEquals(ohlc.get(i).get("highPrice").asDouble(), c.high()[i]);
            assertEquals(ohlc.get(i).get("lowPrice").asDouble(), c.low()[i]);
            assertEquals(ohlc.get(i).get("closePrice").asDouble(), c.close()[i]);
            assertEquals(ohlc.get(i).get("volume").asDouble(), c.volume()[i]);
        }
        assertEquals(1_678_730_400L, c.time()[0], "2023-03-13T18:00:00Z");
    }

    @Test
    void resamplesToACoarserTimeframeOnRequest() throws IOException {
        Path file = SharedData.file(SharedData.BTC_2011_CSV);
        ImportResult fine = CandleImporter.importFile(file, ImportOptions.auto());
        ImportResult hourly = CandleImporter.importFile(file, ImportOptions.auto().withTimeframe(3600));

        assertEquals(3600, hourly.timeframeSeconds());
        assertEquals(Resampler.resample(fine.candles(), 300, 3600), hourly.candles());
        // 12:35 → 12:00 bucket is partial (kept), then whole hours to the end of 2011.
        assertEquals(1_313_668_800L, hourly.candles().time()[0]);
        assertEquals((1_325_376_000L - 1_313_668_800L) / 3600, hourly.candles().size());
    }
}
