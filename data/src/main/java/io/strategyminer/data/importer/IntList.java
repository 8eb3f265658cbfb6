package io.strategyminer.data.importer;

import java.util.Arrays;

/** A growable {@code int[]} (row locations), so a million rows do not become a million Integers. */
final class IntList {
    private int[] values = new int[1024];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
