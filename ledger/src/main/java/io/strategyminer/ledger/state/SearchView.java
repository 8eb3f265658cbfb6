package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.SearchSubmitted;
import java.util.List;

/**
 * A search and all its units.
 *
 * @param submitted the submission's stamp (the submitter is its origin)
 * @param spec      what was submitted
 * @param status    see {@link SearchStatus}
 * @param unitsDone how many units have a canonical strategy
 * @param units     every unit, by index
 */
public record SearchView(Stamp submitted, SearchSubmitted spec, SearchStatus status, int unitsDone,
                         List<UnitView> units) {
    public SearchView {
        units = List.copyOf(units);
    }

    public String id() {
        return spec.searchId();
    }
}
