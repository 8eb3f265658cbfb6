package io.strategyminer.peer.runtime;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** The composition root of one peer: one component per {@link PeerRuntime}. */
@Singleton
@Component(modules = RuntimeModule.class)
interface RuntimeComponent {
    PeerRuntime runtime();

    @Component.Factory
    interface Factory {
        RuntimeComponent create(@BindsInstance PeerSettings settings);
    }
}
