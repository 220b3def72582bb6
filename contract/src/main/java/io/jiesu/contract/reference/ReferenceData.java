package io.jiesu.contract.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiesu.contract.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reference data every service shares: districts, handling units (streets/towns, departments, enterprises)
 * and the category catalogue, from {@code jiesu/reference-data.json}. Immutable; load once with {@link #get()}.
 */
public final class ReferenceData {
    public static final String RESOURCE = "jiesu/reference-data.json";

    private record Document(String version, List<District> districts, List<Unit> units, List<Category> categories) {
    }

    private static volatile ReferenceData instance;

    private final String version;
    private final Map<String, District> districts;
    private final Map<String, Unit> units;
    private final Map<String, Category> categories;

    private ReferenceData(Document doc) {
        this.version = doc.version();
        this.districts = index(doc.districts(), District::code);
        this.units = index(doc.units(), Unit::code);
        this.categories = index(doc.categories(), Category::code);
        for (Unit unit : units.values()) {
            if (unit.districtCode() != null && !districts.containsKey(unit.districtCode())) {
                throw new IllegalStateException("unit " + unit.code() + " names unknown district " + unit.districtCode());
            }
        }
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> {
            throw new IllegalStateException("duplicate reference code " + key.apply(a));
        }, LinkedHashMap::new));
    }

    public static ReferenceData get() {
        ReferenceData local = instance;
        if (local == null) {
            synchronized (ReferenceData.class) {
                local = instance;
                if (local == null) {
                    instance = local = load(Json.mapper());
                }
            }
        }
        return local;
    }

    static ReferenceData load(ObjectMapper mapper) {
        try (InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return new ReferenceData(mapper.readValue(in, Document.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public String version() {
        return version;
    }

    public List<District> districts() {
        return List.copyOf(districts.values());
    }

    public List<Unit> units() {
        return List.copyOf(units.values());
    }

    public List<Category> categories() {
        return List.copyOf(categories.values());
    }

    public Optional<District> district(String code) {
        return Optional.ofNullable(code == null ? null : districts.get(code));
    }

    public Optional<Unit> unit(String code) {
        return Optional.ofNullable(code == null ? null : units.get(code));
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(code == null ? null : categories.get(code));
    }

    /** The streets and towns of one district (属地 units). */
    public List<Unit> streetsAndTowns(String districtCode) {
        return units.values().stream()
                .filter(u -> u.kind().isStreetOrTown() && u.districtCode().equals(districtCode))
                .toList();
    }

    /** A street/town code is valid for a district when the unit exists, is a street/town and lies in it. */
    public boolean isStreetOfDistrict(String streetCode, String districtCode) {
        Unit unit = units.get(streetCode);
        return unit != null && unit.kind().isStreetOrTown() && unit.districtCode().equals(districtCode);
    }
}
