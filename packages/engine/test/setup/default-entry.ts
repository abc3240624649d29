/**
 * The engine's unit tests import its internal modules directly (dataflow/jsonata.ts and others),
 * and test them as '@stepwise/engine' runs them: with the optional parts its entry installs, the
 * jsonata library and the YAML reader. The core entry without them is tested in test/engine-core
 * (the integration project), where nothing installs them.
 */
import '../../src/index.ts';
