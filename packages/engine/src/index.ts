/**
 * @stepwise/engine — an Amazon States Language interpreter that behaves as AWS Step Functions
 * does, for Node and the browser: the core (core.ts) with its optional parts installed, JSONata
 * (the jsonata library) and definitions in YAML (the yaml package).
 *
 * The installs below are this module's side effects, on purpose: package.json lists this file
 * under "sideEffects", so a bundler keeps them even when an application imports only a name that
 * this file re-exports.
 */
import jsonata from 'jsonata';
import { installJsonata } from './dataflow/jsonata-library.ts';
import { installYamlReader } from './definition/parse.ts';
import { readYamlDefinition } from './definition/yaml-reader.ts';

installJsonata(jsonata);
installYamlReader(readYamlDefinition);

export * from './core.ts';
