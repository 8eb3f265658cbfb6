package io.strategyminer.ledger.event;

/** What a search maximises on the in-sample part (DESIGN §3). */
public enum Objective {
    PNL, SHARPE, SORTINO, CALMAR
}
