package io.strategyminer.consensus;

import java.util.function.Consumer;

/**
 * The group membership service as consensus sees it: the current view and its changes. The peer
 * implements it over JGroups, the simulator over its own model; consensus knows neither.
 */
public interface Membership {

    /** The view installed now. */
    MembershipView view();

    /** Calls {@code listener} with every view installed from now on, in installation order. */
    void onViewChange(Consumer<MembershipView> listener);
}
