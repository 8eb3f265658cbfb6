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

    void set(int index, int value) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        values[index] = value;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
