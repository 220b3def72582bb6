package io.jiesu.local;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Appeal bodies for {@link IntakeBench}, shaped like {@code docs/examples/appeal.json}: every one valid for intake
 * (a street/town of its district, a known category) and different from every other one — its own
 * {@code externalId}, phone number and address — so that intake's idempotency, repeat-appeal linking and
 * abusive-caller checks never merge two benchmark appeals.
 */
final class BenchAppeals {
    /** A street (街道) or town (乡镇) unit of the reference data, with its district. */
    record Street(String code, String name, String districtCode, String districtName) {
    }

    /** A category of the reference data. */
    record Category(String code, String name) {
    }

    private static final String[] TYPES = {"COMPLAINT", "HELP", "REPORT", "SUGGESTION"};
    private static final String[] CHANNELS = {"PHONE", "PHONE", "PHONE", "PHONE", "WEB", "APP", "WECHAT"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"};
    private static final String[] ROADS = {"兴业路", "光华路", "建设街", "和平里", "安定路", "新华大街", "育新路",
            "双桥东路", "永安里", "学院路"};
    private static final String[] OPENINGS = {"市民来电反映：", "来电人称：", "诉求人表示：", "市民反映："};
    private static final String[] DETAILS = {"已经持续了好几天", "多次找物业和社区都没有解决", "影响了周边很多居民的生活",
            "家中有老人和孩子，十分不便", "希望相关部门尽快核实处理", "晚上尤其严重", "之前反映过一次但没有结果",
            "请相关单位到现场查看"};

    /**
     * Looked up once: every static {@code Json.createXxx} looks the provider up again through the ServiceLoader (a
     * scan of the classpath's jars), which was the biggest part of the benchmark client's own CPU.
     */
    static final JsonProvider JSON = JsonProvider.provider();

    /** {@code --surge}: the share of appeals about the one place and category (the repeating caller's included). */
    static final int SURGE_PERCENT = 60;
    /** {@code --surge}: the share of all appeals that come from the one caller who repeats. */
    static final int RELENTLESS_PERCENT = 5;

    /** What an appeal of a {@code --surge} run is. */
    enum Kind { SURGE, RELENTLESS, VARIED }

    final String runId;
    final List<Street> streets;
    final List<Category> categories;
    final int districtCount;

    private BenchAppeals(String runId, List<Street> streets, List<Category> categories, int districtCount) {
        this.runId = runId;
        this.streets = streets;
        this.categories = categories;
        this.districtCount = districtCount;
    }

    /** Reads the streets/towns and categories of {@code contract/src/main/resources/jiesu/reference-data.json}. */
    static BenchAppeals load(Path referenceData, String runId) throws IOException {
        JsonObject root;
        try (Reader in = Files.newBufferedReader(referenceData, StandardCharsets.UTF_8);
                JsonReader reader = JSON.createReader(in)) {
            root = reader.readObject();
        } catch (RuntimeException e) {
            throw new IOException("cannot parse " + referenceData + ": " + e.getMessage(), e);
        }
        Map<String, String> districts = new HashMap<>();
        for (JsonValue v : array(root, "districts")) {
            JsonObject d = v.asJsonObject();
            districts.put(d.getString("code"), d.getString("name"));
        }
        List<Street> streets = new ArrayList<>();
        for (JsonValue v : array(root, "units")) {
            JsonObject u = v.asJsonObject();
            String kind = u.getString("kind", "");
            if ((kind.equals("STREET") || kind.equals("TOWN")) && !u.isNull("districtCode")) {
                String district = u.getString("districtCode");
                if (districts.containsKey(district)) {
                    streets.add(new Street(u.getString("code"), u.getString("name"), district, districts.get(district)));
                }
            }
        }
        List<Category> categories = new ArrayList<>();
        for (JsonValue v : array(root, "categories")) {
            JsonObject c = v.asJsonObject();
            categories.add(new Category(c.getString("code"), c.getString("name")));
        }
        if (streets.isEmpty() || categories.isEmpty()) {
            throw new IOException(referenceData + " lists no streets/towns or no categories");
        }
        return new BenchAppeals(runId, List.copyOf(streets), List.copyOf(categories), districts.size());
    }

    private static JsonArray array(JsonObject root, String name) throws IOException {
        JsonArray a = root.getJsonArray(name);
        if (a == null) {
            throw new IOException("the reference data has no '" + name + "' list");
        }
        return a;
    }

    String externalId(String n) {
        return "BENCH-" + runId + "-" + n;
    }

    /** Appeal {@code n} of a surge run: 1 in 20 from the caller who repeats, 11 in 20 the surge, the rest varied. */
    static Kind surgeKind(long n) {
        int slot = (int) (n % 20);
        return slot < RELENTLESS_PERCENT / 5 ? Kind.RELENTLESS
                : slot < SURGE_PERCENT / 5 ? Kind.SURGE : Kind.VARIED;
    }

    /**
     * The body of appeal {@code n} of a {@code --surge} run ({@code index}: its position in the step): a varied appeal
     * as {@link #body}, or one about the mass incident — the run's one category (heating when the catalogue has it)
     * at one street/town, one of three addresses of one compound — from a caller of its own or from the one caller
     * who repeats (content of its own each time, so only the daily-count rule applies to that caller).
     */
    String surgeBody(String n, long index) {
        Kind kind = surgeKind(index);
        if (kind == Kind.VARIED) {
            return body(n);
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Street street = streets.get(0);
        Category category = categories.stream().filter(c -> c.code().equals("HEATING")).findFirst()
                .orElse(categories.get(0));
        String address = street.districtName() + street.name() + "和平里小区" + (1 + r.nextInt(3)) + "号楼 (压测 "
                + runId + ")";
        String phone = kind == Kind.RELENTLESS ? "137" + String.format("%08d", Math.floorMod(runId.hashCode(),
                100_000_000)) : "139" + String.format("%08d", r.nextInt(100_000_000));
        String content = OPENINGS[r.nextInt(OPENINGS.length)] + street.name() + "和平里小区" + category.name()
                + "出了问题，整个小区都受影响，" + DETAILS[r.nextInt(DETAILS.length)] + "。（压测工单 " + n + "）";
        JsonObjectBuilder appeal = JSON.createObjectBuilder()
                .add("externalId", externalId(n))
                .add("channel", "PHONE")
                .add("receivedAt", Instant.now().minusSeconds(5).toString())
                .add("citizen", JSON.createObjectBuilder()
                        .add("name", SURNAMES[r.nextInt(SURNAMES.length)] + (r.nextBoolean() ? "先生" : "女士"))
                        .add("phone", phone).add("anonymous", false).add("confidential", false))
                .add("type", "COMPLAINT")
                .add("categoryCode", category.code())
                .add("location", JSON.createObjectBuilder()
                        .add("districtCode", street.districtCode())
                        .add("streetCode", street.code())
                        .add("address", address))
                .add("content", content);
        return appeal.build().toString();
    }

    /** The body of appeal {@code n} of this run ({@code n}: the request number, or e.g. "probe"). */
    String body(String n) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Street street = streets.get(r.nextInt(streets.size()));
        Category category = categories.get(r.nextInt(categories.size()));
        String road = ROADS[r.nextInt(ROADS.length)];
        // unique per run and request: intake links a repeat by (street, address) or by caller within a category
        String address = street.districtName() + street.name() + road + (1 + r.nextInt(300)) + "号院"
                + (1 + r.nextInt(20)) + "号楼 (压测 " + runId + "-" + n + ")";
        String phone = "139" + String.format("%08d", r.nextInt(100_000_000));
        String content = OPENINGS[r.nextInt(OPENINGS.length)] + street.name() + road + "一带有" + category.name()
                + "方面的问题，" + DETAILS[r.nextInt(DETAILS.length)] + "，" + DETAILS[r.nextInt(DETAILS.length)]
                + "。（压测工单 " + n + "）";
        JsonObjectBuilder citizen = JSON.createObjectBuilder()
                .add("name", SURNAMES[r.nextInt(SURNAMES.length)] + (r.nextBoolean() ? "先生" : "女士"))
                .add("phone", phone)
                .add("anonymous", false)
                .add("confidential", r.nextInt(10) == 0);
        JsonObjectBuilder location = JSON.createObjectBuilder()
                .add("districtCode", street.districtCode())
                .add("streetCode", street.code())
                .add("address", address)
                .add("latitude", Math.round((39.6 + r.nextDouble() * 0.8) * 10_000) / 10_000.0)
                .add("longitude", Math.round((115.9 + r.nextDouble() * 1.2) * 10_000) / 10_000.0);
        JsonObjectBuilder appeal = JSON.createObjectBuilder()
                .add("externalId", externalId(n))
                .add("channel", CHANNELS[r.nextInt(CHANNELS.length)])
                .add("receivedAt", Instant.now().minusSeconds(5 + r.nextInt(120)).toString())
                .add("citizen", citizen)
                .add("type", TYPES[r.nextInt(TYPES.length)])
                .add("categoryCode", category.code());
        int u = r.nextInt(4);
        if (u == 0) {
            appeal.add("urgency", "URGENT");
        } else if (u == 1) {
            appeal.add("urgency", "NORMAL");
        } // else left out: intake suggests it from the category
        appeal.add("location", location).add("content", content);
        if (r.nextInt(3) == 0) {
            appeal.add("attachments", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                    .add("kind", "call-recording")
                    .add("url", "https://cti.12345.example/recordings/" + externalId(n) + ".wav")));
        }
        return appeal.build().toString();
    }
}
